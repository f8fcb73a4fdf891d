package callscreen

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/pion/webrtc/v4"

	"github.com/callscreen/callscreen/bus"
	"github.com/callscreen/callscreen/classify"
	"github.com/callscreen/callscreen/transcribe"
)

// A call is one screened conversation: a peer connection, up to two audio
// tracks, their transcription streams and the callee's alert channels.
//
// Concurrency: pion's callbacks, the track readers, the NATS subscriptions
// and the HTTP handlers never touch call state; they post closures to ops,
// which ONE goroutine (run) executes against liveState. The call owns its
// goroutines (track and RTCP readers, wg) and waits for them before it
// returns; Media owns run (Media.wg).
type liveCall struct {
	id      string
	m       *Media
	log     *slog.Logger
	info    offerInfo
	owner   string // the user who offered the call
	pc      *webrtc.PeerConnection
	created time.Time

	ops      chan liveOp
	endCh    chan string   // end requests (DELETE, ICE failure, shutdown); first wins
	loopDone chan struct{} // closed when run's loop exits: posts are dropped after
	wg       sync.WaitGroup

	// audioStart is when the first RTP packet of any track arrived: call
	// audio time 0. Guarded by mu: readers set it, readers read it.
	mu         sync.Mutex
	audioStart time.Time
}

// liveOp is work for the call's loop. ctx is the readers' context: cancelled
// when the call starts ending.
type liveOp func(ctx context.Context, s *liveState)

type livePhase int

const (
	phaseRunning      livePhase = iota
	phaseStopping               // readers told to stop; waiting for their final segments
	phaseAwaitVerdict           // end event published; waiting for the verdict
	phaseDone
)

// liveState is owned by the call's run goroutine.
type liveState struct {
	c      *liveCall
	outbox *bus.Outbox
	phase  livePhase
	reason string

	connected bool
	seq       uint64 // last final segment's seq
	readers   map[*webrtc.TrackRemote]bool
	stopRead  context.CancelFunc

	dc        *webrtc.DataChannel
	dcOpen    bool
	dcBacklog [][]byte // alerts/notices sent before the channel opened

	subs    map[*sseClient]bool
	alerted map[string]bool
	noticed map[string]bool

	local    *classify.Call // degraded-mode screening when the bus is down
	degraded bool           // local alerts on: the bus has been unavailable
	outage   bool           // the bus is unavailable now (the callee has been told)

	verdictTimer *time.Timer
	verdictSent  bool
}

func newLiveCall(m *Media, info offerInfo, owner string) *liveCall {
	id := NewCallID()
	return &liveCall{
		id:       id,
		m:        m,
		log:      m.log.With("call", id),
		info:     info,
		owner:    owner,
		created:  time.Now(),
		ops:      make(chan liveOp, 256),
		endCh:    make(chan string, 1),
		loopDone: make(chan struct{}),
	}
}

// post hands fn to the call's loop. It never blocks for long: the loop
// drains ops continuously, and after the loop exits posts are dropped.
func (c *liveCall) post(fn liveOp) {
	select {
	case c.ops <- fn:
	case <-c.loopDone:
	}
}

// end asks the call to end (idempotent, non-blocking).
func (c *liveCall) end(reason string) {
	select {
	case c.endCh <- reason:
	default:
	}
}

// abort releases a call that never started (negotiation failed).
func (c *liveCall) abort() {
	close(c.loopDone)
	if c.pc != nil {
		_ = c.pc.Close()
	}
	c.wg.Wait()
	c.m.forget(c.id)
	c.m.wg.Done()
}

var errNoSuchCall = errors.New("callscreen: no such call")

// subscribe adds an SSE client, or refuses when the call is over or full.
func (c *liveCall) subscribe(cl *sseClient) error {
	reply := make(chan error, 1)
	select {
	case c.ops <- func(ctx context.Context, s *liveState) { reply <- s.addSubscriber(cl) }:
	case <-c.loopDone:
		return errNoSuchCall
	}
	select {
	case err := <-reply:
		return err
	case <-c.loopDone:
		return errNoSuchCall
	}
}

func (c *liveCall) unsubscribe(cl *sseClient) {
	c.post(func(ctx context.Context, s *liveState) {
		if s.subs[cl] {
			delete(s.subs, cl)
			close(cl.ch)
		}
	})
}

// wirePeerConnection installs pion callbacks. Each returns at once.
func (c *liveCall) wirePeerConnection() {
	c.pc.OnTrack(func(tr *webrtc.TrackRemote, rcv *webrtc.RTPReceiver) {
		c.post(func(ctx context.Context, s *liveState) { s.addTrack(ctx, tr, rcv) })
	})
	c.pc.OnConnectionStateChange(func(st webrtc.PeerConnectionState) {
		c.post(func(ctx context.Context, s *liveState) { s.connectionState(st) })
	})
	c.pc.OnDataChannel(func(dc *webrtc.DataChannel) {
		if dc.Label() != dataChannelLabel {
			return // not ours; the client may use others for itself
		}
		dc.OnOpen(func() { c.post(func(ctx context.Context, s *liveState) { s.dataChannelOpen(dc) }) })
		c.post(func(ctx context.Context, s *liveState) { s.setDataChannel(dc) })
	})
}

// run is the call's loop. It publishes the start event, subscribes to the
// call's alerts and verdicts, then serves ops until the call is over, and
// tears everything down.
func (c *liveCall) run() {
	defer c.m.wg.Done()
	defer c.m.forget(c.id)
	// ctx bounds blocking work of this call's goroutines (stream writes);
	// it is cancelled only once every reader has returned, at teardown.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stopCtx, stopRead := context.WithCancel(ctx)
	s := &liveState{
		c:        c,
		outbox:   c.m.cfg.Bus.NewOutbox(defaultOutboxSize),
		readers:  make(map[*webrtc.TrackRemote]bool),
		stopRead: stopRead,
		subs:     make(map[*sseClient]bool),
		alerted:  make(map[string]bool),
		noticed:  make(map[string]bool),
		local:    c.m.detector.NewCall(),
	}
	c.log.Info("call started", "tracks", len(c.info.audioMids))
	if err := s.outbox.PublishEvent(bus.Event{CallID: c.id, Type: bus.EventStart, Source: bus.SourceLive, Owner: c.owner, Time: time.Now()}); err != nil {
		s.degrade(fmt.Errorf("start event: %w", err))
	}
	subs := c.subscribeBus()

	iceTimer := time.NewTimer(c.m.cfg.ICETimeout)
	defer iceTimer.Stop()
	for s.phase != phaseDone {
		var verdictC <-chan time.Time
		if s.verdictTimer != nil {
			verdictC = s.verdictTimer.C
		}
		select {
		case fn := <-c.ops:
			fn(stopCtx, s)
		case reason := <-c.endCh:
			s.stop(reason)
		case <-iceTimer.C:
			if !s.connected {
				s.stop("ICE/DTLS did not complete")
			}
		case <-verdictC:
			c.log.Warn("no verdict from the classifier in time", "wait", c.m.cfg.VerdictWait)
			s.notice("no verdict: the classifier did not answer in time")
			s.finish()
		}
		if s.phase == phaseRunning && s.connected {
			iceTimer.Stop()
		}
	}
	close(c.loopDone)

	for _, sub := range subs {
		_ = sub.Unsubscribe()
	}
	s.flushDataChannel()
	if err := c.pc.Close(); err != nil {
		c.log.Debug("peer connection close", "err", err)
	}
	c.wg.Wait()
	octx, ocancel := context.WithTimeout(context.Background(), defaultTeardownTimeout)
	if err := s.outbox.Close(octx); err != nil {
		c.log.Warn("transcript not fully stored", "err", err)
	}
	ocancel()
	c.log.Info("call ended", "reason", s.reason, "segments", s.seq, "duration", time.Since(c.created).Round(time.Millisecond))
}

// subscribeBus subscribes (core NATS) to the call's alerts and verdicts,
// flushing so that nothing published after this returns is missed.
func (c *liveCall) subscribeBus() []*nats.Subscription {
	nc := c.m.cfg.Bus.NC
	var subs []*nats.Subscription
	a, err := nc.Subscribe(bus.LiveAlertSubject(c.id), func(msg *nats.Msg) {
		al, err := bus.DecodeAlert(msg.Data)
		if err != nil || al.CallID != c.id {
			return
		}
		c.post(func(ctx context.Context, s *liveState) { s.onAlert(al, "bus") })
	})
	if err == nil {
		subs = append(subs, a)
	} else {
		c.log.Warn("subscribe alerts", "err", err)
	}
	v, err := nc.Subscribe(bus.LiveVerdictSubject(c.id), func(msg *nats.Msg) {
		vd, err := bus.DecodeVerdict(msg.Data)
		if err != nil || vd.CallID != c.id {
			return
		}
		c.post(func(ctx context.Context, s *liveState) { s.onVerdict(vd) })
	})
	if err == nil {
		subs = append(subs, v)
	} else {
		c.log.Warn("subscribe verdicts", "err", err)
	}
	if err := nc.FlushTimeout(2 * time.Second); err != nil {
		c.log.Warn("flush after subscribe", "err", err)
	}
	return subs
}

// audioOffset returns the call-audio time (seconds) of "now", starting the
// call's audio clock on the first packet of any track.
func (c *liveCall) audioOffset() float64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.audioStart.IsZero() {
		c.audioStart = time.Now()
		return 0
	}
	return time.Since(c.audioStart).Seconds()
}

// audioNow is the call-audio time now (0 before any audio).
func (c *liveCall) audioNow() float64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.audioStart.IsZero() {
		return 0
	}
	return time.Since(c.audioStart).Seconds()
}

func (s *liveState) addTrack(ctx context.Context, tr *webrtc.TrackRemote, rcv *webrtc.RTPReceiver) {
	c := s.c
	if tr.Kind() != webrtc.RTPCodecTypeAudio {
		return
	}
	label := bus.TrackCaller
	if t := rcv.RTPTransceiver(); t != nil {
		if l, ok := c.info.labels[t.Mid()]; ok {
			label = l
		}
	}
	if l := labelByName(tr.StreamID()); l != "" {
		label = l
	} else if l := labelByName(tr.ID()); l != "" {
		label = l
	}
	codec := tr.Codec()
	kind, err := codecFromMime(codec.MimeType)
	if err != nil {
		c.log.Warn("track ignored", "err", err)
		return
	}
	c.log.Info("track", "label", label, "codec", codec.MimeType, "rate", codec.ClockRate)
	if kind.narrowband() {
		c.log.Warn("narrowband audio: recognition quality is poor", "codec", codec.MimeType)
		s.notice("narrowband audio: screening quality is reduced")
	}
	// RTCP must be read or pion's buffers fill; the reports themselves are
	// handled by the interceptors.
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		for {
			if _, _, err := rcv.ReadRTCP(); err != nil {
				return
			}
		}
	}()
	if s.phase != phaseRunning {
		return // ending: do not start transcribing a late track
	}
	s.readers[tr] = true
	c.wg.Add(1)
	go c.readTrack(ctx, tr, label, kind)
}

func (s *liveState) connectionState(st webrtc.PeerConnectionState) {
	s.c.log.Debug("connection state", "state", st.String())
	switch st {
	case webrtc.PeerConnectionStateConnected:
		s.connected = true
	case webrtc.PeerConnectionStateFailed:
		s.c.end("connection failed")
	case webrtc.PeerConnectionStateClosed:
		s.c.end("connection closed")
	}
}

func (s *liveState) setDataChannel(dc *webrtc.DataChannel) {
	if s.dc != nil && s.dc != dc {
		return // one alerts channel per call
	}
	s.dc = dc
	if dc.ReadyState() == webrtc.DataChannelStateOpen {
		s.dataChannelOpen(dc)
	}
}

func (s *liveState) dataChannelOpen(dc *webrtc.DataChannel) {
	if dc != s.dc || s.dcOpen {
		return
	}
	s.dcOpen = true
	for _, b := range s.dcBacklog {
		s.sendDC(b)
	}
	s.dcBacklog = nil
}

// onSegment publishes one segment from a track's recogniser and shows it.
func (s *liveState) onSegment(label string, offset float64, seg transcribe.Segment) {
	c := s.c
	text := strings.TrimSpace(c.m.cfg.Redact(seg.Text))
	if text == "" && len(seg.Keywords) == 0 {
		return
	}
	bs := bus.Segment{
		CallID:     c.id,
		Track:      label,
		Start:      offset + seg.Start,
		End:        offset + seg.End,
		Text:       text,
		Final:      seg.Final,
		Confidence: seg.Confidence,
		Keywords:   seg.Keywords,
	}
	if seg.Final {
		s.seq++
		bs.Seq = s.seq
	} else {
		bs.Seq = s.seq + 1
	}
	// A final segment is queued in the outbox, which retries until it is
	// stored. A partial goes out at once or not at all: while the client
	// is reconnecting nats.go would buffer it and deliver it stale after
	// the outage (and it would take reconnect-buffer space from the
	// segments), so it is only shown to the callee.
	healthy := c.m.cfg.Bus.Healthy()
	if bs.Final || healthy == nil {
		if err := s.outbox.PublishSegment(bs); err != nil {
			s.degrade(err)
		}
	}
	if healthy != nil {
		s.degrade(healthy)
	} else if s.outage && s.outbox.Pending() == 0 {
		s.restore()
	}
	for _, f := range s.local.Add(bs) {
		if !s.degraded {
			continue // the worker raises it; the local copy only keeps context
		}
		s.onAlert(bus.Alert{CallID: c.id, Flag: f, Advice: classify.Advice(f.Category), Risk: 1, Seq: bs.Seq, Time: time.Now()}, "local")
	}
	s.fanout(Message{Type: MsgTranscript, CallID: c.id, Text: text, At: bs.End, Track: label, Final: bs.Final, Seq: bs.Seq}, false)
}

// degrade switches the call to local screening: the bus is down or full,
// so the worker may not see this call in time. Alerts then come from the
// call's own classify instance (deduplicated with the worker's by category).
func (s *liveState) degrade(err error) {
	s.degraded = true
	if s.outage {
		return
	}
	s.outage = true
	s.c.log.Warn("bus unavailable: screening this call locally", "err", err)
	delete(s.noticed, noticeRestored)
	s.notice(noticeDegraded)
}

// restore tells the callee that the bus is back: it is healthy and every
// queued segment is stored. Local alerts stay on for the rest of the call,
// since the workers may have gone down with the server; the two sources
// are deduplicated by category.
func (s *liveState) restore() {
	s.outage = false
	s.c.log.Info("bus available again")
	delete(s.noticed, noticeDegraded)
	s.notice(noticeRestored)
}

// Notices about the bus, shown to the callee.
const (
	noticeDegraded = "screening degraded"
	noticeRestored = "screening restored"
)

func (s *liveState) onAlert(a bus.Alert, from string) {
	cat := a.Flag.Category
	if cat == "" {
		return
	}
	if s.alerted[cat] {
		// Each category reaches the callee once: the local detector's and
		// the worker's copies (degraded mode) meet here.
		s.c.log.Debug("alert already delivered", "category", cat, "from", from)
		return
	}
	s.alerted[cat] = true
	// lag: how far the call's audio clock is past the evidence's end, i.e.
	// how long after the words were spoken the callee is warned.
	lag := s.c.audioNow() - a.Flag.End
	s.c.log.Info("alert", "category", cat, "from", from, "at", a.Flag.End, "lag_s", fmt.Sprintf("%.2f", lag))
	s.fanout(Message{
		Type: MsgAlert, CallID: s.c.id, Category: cat, Text: a.Flag.Text, Advice: a.Advice,
		At: a.Flag.End, Risk: a.Risk, Track: a.Flag.Track, Seq: a.Seq,
	}, true)
}

func (s *liveState) onVerdict(v bus.Verdict) {
	if s.verdictSent {
		return
	}
	final := s.phase == phaseAwaitVerdict
	msg := Message{
		Type: MsgVerdict, CallID: s.c.id, Category: v.Verdict, Verdict: v.Verdict, Advice: v.Advice,
		Risk: v.Risk, Final: final, Signals: v.Signals,
	}
	if len(v.Flags) > 0 {
		msg.Text = v.Flags[0].Text
		msg.At = v.Flags[len(v.Flags)-1].End
	}
	s.fanout(msg, true)
	if final {
		s.c.log.Info("verdict", "verdict", v.Verdict, "risk", v.Risk)
		s.verdictSent = true
		s.finish()
	}
}

func (s *liveState) notice(text string) {
	if s.noticed[text] {
		return
	}
	s.noticed[text] = true
	s.fanout(Message{Type: MsgNotice, CallID: s.c.id, Text: text}, true)
}

// fanout sends msg to the data channel and every SSE client. important
// messages (alerts, notices, verdicts) wait for the data channel to open;
// transcripts do not.
func (s *liveState) fanout(msg Message, important bool) {
	b := encodeMessage(msg)
	if b == nil {
		return
	}
	switch {
	case s.dcOpen:
		s.sendDC(b)
	case important && len(s.dcBacklog) < dataChannelBacklogAlerts:
		s.dcBacklog = append(s.dcBacklog, b)
	}
	for cl := range s.subs {
		select {
		case cl.ch <- b:
		default:
			// A slow client is dropped, never waited for.
			delete(s.subs, cl)
			close(cl.ch)
			s.c.log.Info("slow event client dropped")
		}
	}
}

func (s *liveState) sendDC(b []byte) {
	if s.dc == nil || s.dc.BufferedAmount() > dataChannelMaxBuffered {
		return
	}
	if err := s.dc.SendText(string(b)); err != nil {
		s.c.log.Debug("data channel send", "err", err)
	}
}

// flushDataChannel gives the last messages (the verdict) a moment to leave
// before the peer connection closes.
func (s *liveState) flushDataChannel() {
	if s.dc == nil || !s.dcOpen {
		return
	}
	deadline := time.Now().Add(500 * time.Millisecond)
	for s.dc.BufferedAmount() > 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
}

func (s *liveState) addSubscriber(cl *sseClient) error {
	if s.phase == phaseDone {
		return errNoSuchCall
	}
	if len(s.subs) >= s.c.m.cfg.MaxSubscribers {
		return fmt.Errorf("callscreen: at most %d event clients per call", s.c.m.cfg.MaxSubscribers)
	}
	s.subs[cl] = true
	return nil
}

// stop begins the end of the call: the readers stop reading, close their
// recogniser streams (which emit the final segments) and report back.
func (s *liveState) stop(reason string) {
	if s.phase != phaseRunning {
		return
	}
	s.phase = phaseStopping
	s.reason = reason
	s.c.log.Info("call ending", "reason", reason)
	s.stopRead() // unblocks readers still waiting for a recogniser
	now := time.Now()
	for tr := range s.readers {
		_ = tr.SetReadDeadline(now)
	}
	s.maybeFinishAudio()
}

func (s *liveState) trackDone(tr *webrtc.TrackRemote) {
	delete(s.readers, tr)
	if s.phase == phaseRunning && len(s.readers) == 0 && s.connected {
		// The peer stopped sending every track (e.g. removed them): keep
		// the call for DELETE or ICE failure; nothing to do.
		return
	}
	s.maybeFinishAudio()
}

// maybeFinishAudio publishes the end event once every reader is done, and
// starts waiting for the verdict.
func (s *liveState) maybeFinishAudio() {
	if s.phase != phaseStopping || len(s.readers) > 0 {
		return
	}
	s.phase = phaseAwaitVerdict
	ev := bus.Event{CallID: s.c.id, Type: bus.EventEnd, Source: bus.SourceLive, LastSeq: s.seq, Time: time.Now()}
	if err := s.outbox.PublishEvent(ev); err != nil {
		s.degrade(fmt.Errorf("end event: %w", err))
	}
	s.verdictTimer = time.NewTimer(s.c.m.cfg.VerdictWait)
}

// finish ends the SSE streams (the verdict was their last event) and lets
// run tear down.
func (s *liveState) finish() {
	if s.verdictTimer != nil {
		s.verdictTimer.Stop()
	}
	for cl := range s.subs {
		close(cl.ch)
	}
	clear(s.subs)
	s.phase = phaseDone
}

// readTrack is one track's reader: RTP → jitter buffer → 16 kHz PCM → the
// track's recogniser stream. It runs until the track ends or the call stops
// (read deadline), then closes the stream, which emits the final segment.
// ctx is cancelled when the call starts ending; it only bounds the wait for
// a recogniser from the engine's pool.
func (c *liveCall) readTrack(ctx context.Context, tr *webrtc.TrackRemote, label string, kind codecKind) {
	defer c.wg.Done()
	defer c.post(func(_ context.Context, s *liveState) { s.trackDone(tr) })
	log := c.log.With("track", label)
	pipe, err := newTrackPipeline(kind, uint8(tr.PayloadType()))
	if err != nil {
		log.Error("track pipeline", "err", err)
		drainTrack(tr)
		return
	}
	offset := -1.0
	emit := func(seg transcribe.Segment) {
		off := max(offset, 0)
		c.post(func(_ context.Context, s *liveState) { s.onSegment(label, off, seg) })
	}
	if kind.narrowband() {
		// Telephone audio: the engine has decoders tuned for it.
		ctx = transcribe.WithSource(ctx, transcribe.Source{Rate: 8000})
	}
	stream, err := c.m.cfg.Engine.NewStream(ctx, emit)
	if err != nil {
		log.Error("no recogniser for this track", "err", err)
		c.post(func(_ context.Context, s *liveState) {
			s.notice("screening unavailable for the " + label + " audio")
		})
		drainTrack(tr)
		return
	}
	// Writes must not be cut short when the call starts ending: the audio
	// already received is still transcribed, then the stream is closed.
	wctx := context.WithoutCancel(ctx)
	buf := make([]byte, maxRTPPayload+64)
	writeFailed := false
	write := func(pcm []int16) {
		if len(pcm) == 0 || writeFailed {
			return
		}
		if err := stream.Write(wctx, pcm); err != nil {
			writeFailed = true
			log.Warn("recogniser failed", "err", err)
			c.post(func(_ context.Context, s *liveState) { s.notice(noticeDegraded) })
		}
	}
	for {
		n, _, err := tr.Read(buf)
		if err != nil {
			break // read deadline (call ending), track or connection closed
		}
		if offset < 0 {
			offset = c.audioOffset()
		}
		write(pipe.handle(buf[:n]))
	}
	write(pipe.flush())
	cctx, cancel := context.WithTimeout(wctx, defaultTeardownTimeout)
	defer cancel()
	if err := stream.Close(cctx); err != nil {
		log.Warn("closing recogniser", "err", err)
	}
	log.Debug("track done", "late", pipe.jb.late, "lost", pipe.jb.lost, "dup", pipe.jb.dup, "malformed", pipe.malformed)
}

// drainTrack reads and discards a track's packets until it ends, so that
// pion's buffers never fill for a track we cannot transcribe.
func drainTrack(tr *webrtc.TrackRemote) {
	buf := make([]byte, maxRTPPayload+64)
	for {
		if _, _, err := tr.Read(buf); err != nil {
			return
		}
	}
}
