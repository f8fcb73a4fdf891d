package callscreen

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/callscreen/callscreen/bus"
)

// TestLiveCallSurvivesNATSRestart is RELIABILITY scenario 1 in-process: a
// real nats-server (TCP loopback, JetStream on disk) is shut down in the
// middle of a live call and restarted ≈2.5 s later on the same port and
// store. The caller's request for the code comes after the restart. The
// callee must still get the alert exactly once, the stream must hold every
// final segment 1..N of the call exactly once, and the verdict must arrive.
func TestLiveCallSurvivesNATSRestart(t *testing.T) {
	needMediaTools(t, "flite", "opusenc")
	mediaSphinx(t) // skip early when the engine is unavailable

	// The caller: innocuous speech (A), during which the server goes down,
	// more innocuous speech (B) while it is down and coming back, then the
	// request (C) once it is back.
	const (
		textA = "hi, this is amazon customer service, calling about your recent order."
		textB = "we noticed some unusual activity on your account today."
		textC = "please read me the verification code we just sent to your phone."
	)
	clip := newSpeechClip(t)
	clip.silence(0.5)
	aEnd := clip.speak(textA)
	clip.silence(1.5)
	clip.speak(textB)
	clip.silence(1.0)
	cStart := clip.at()
	cEnd := clip.speak(textC)
	clip.silence(2.0)
	packets := clip.opus()
	// Down from 0.5 s before A ends (its final segment is made while the
	// server is down) for 2.5 s; C starts ≈4 s after the restart.
	downAt := aEnd - 0.5
	const downFor = 2500 * time.Millisecond
	if up := downAt + downFor.Seconds(); cStart-up < 2 {
		t.Fatalf("clip timing: request at %.1fs, only %.1fs after the restart", cStart, cStart-up)
	}

	ns := startTestNATS(t, t.TempDir())
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	mediaConn, err := bus.Connect(ctx, bus.Config{URL: ns.url(), PingInterval: time.Second, Name: "media"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(mediaConn.Close)
	workerConn, err := bus.Connect(ctx, bus.Config{URL: ns.url(), PingInterval: time.Second, Name: "worker"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(workerConn.Close)
	w, err := NewWorker(WorkerConfig{Bus: workerConn, AckWait: 5 * time.Second, Logger: mediaTestLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	wctx, wcancel := context.WithCancel(ctx)
	workerDone := make(chan error, 1)
	go func() { workerDone <- w.Run(wctx) }()
	t.Cleanup(func() { wcancel(); <-workerDone })
	select {
	case <-w.Ready():
	case err := <-workerDone:
		t.Fatalf("worker: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("worker not ready")
	}

	// Which path each alert reached the call by ("bus" or "local"), from
	// the media's logs: local screening takes over while the bus is down
	// and stays on for the rest of the call, so the worker's copy of the
	// alert, arriving over the resubscribed live subject, may be the one
	// deduplicated.
	alertFrom := &alertSources{}
	env := newMediaEnv(t, withMediaBus(mediaConn), func(c *MediaConfig) {
		c.VerdictWait = 15 * time.Second
		c.Logger = slog.New(alertFrom.handler(c.Logger.Handler()))
	})
	p := dialWHIP(t, env.url, peerOptions{})
	id := p.callID()
	p.waitConnected(t, 10*time.Second)
	dc := collectPeer(t, p)

	// An independent observer of the live (republished, deduplicated)
	// alert subject: each stored alert must be seen there exactly once.
	var liveMu sync.Mutex
	liveAlerts := map[string]int{}
	obs, err := workerConn.NC.Subscribe(bus.LiveAlertSubject(id), func(m *nats.Msg) {
		if a, err := bus.DecodeAlert(m.Data); err == nil {
			liveMu.Lock()
			liveAlerts[a.Flag.Category]++
			liveMu.Unlock()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	defer obs.Unsubscribe()
	if err := workerConn.NC.Flush(); err != nil {
		t.Fatal(err)
	}

	// Stream the call in real time; bounce the server on the audio clock.
	start := time.Now()
	sent := make(chan struct{})
	go func() { defer close(sent); p.sendOpus(ctx, packets) }()
	sleepUntil(start.Add(secs(downAt)))
	downStart := time.Now()
	ns.stop()
	downDone := time.Now()
	sleepUntil(downStart.Add(downFor))
	// A loaded machine's recogniser lags the audio: keep the server down
	// (within RELIABILITY 1's 10 s) until a final segment has been made
	// during the outage, so that the test always exercises it.
	waitMedia(t, 7*time.Second, "a final segment made during the outage", func() bool {
		for _, m := range dc.all() {
			if m.msg.Type == MsgTranscript && m.msg.Final && m.at.After(downDone) {
				return true
			}
		}
		return false
	})
	ns.restart(t)
	upAt := time.Now()
	waitMedia(t, 15*time.Second, "both NATS clients reconnected", func() bool {
		return mediaConn.Healthy() == nil && workerConn.Healthy() == nil
	})
	reconnected := time.Now()
	t.Logf("server down at %.1fs of call audio (shutdown took %s) for %s; clients reconnected %s after the restart",
		downStart.Sub(start).Seconds(), downDone.Sub(downStart).Round(time.Millisecond),
		upAt.Sub(downStart).Round(time.Millisecond), reconnected.Sub(upAt).Round(time.Millisecond))

	alert, alertAt := dc.wait(t, 30*time.Second, isAlert("verification_code"))
	t.Logf("alert %q at %.1fs of call audio: %.2fs after the request began, %+.2fs from its end (negative: the caller was still talking), %.2fs after the restart",
		alert.Category, alert.At, alertAt.Sub(start.Add(secs(cStart))).Seconds(), alertAt.Sub(start.Add(secs(cEnd))).Seconds(), alertAt.Sub(upAt).Seconds())
	if alertAt.Before(upAt) {
		t.Errorf("alert before the restart, i.e. before the request was spoken")
	}
	<-sent
	if st := p.delete(t, env.url); st != http.StatusNoContent {
		t.Fatalf("DELETE: %d", st)
	}
	verdict, _ := dc.wait(t, 30*time.Second, isFinalVerdict)
	if verdict.Verdict != bus.VerdictScam {
		t.Errorf("verdict %q, want scam", verdict.Verdict)
	}
	waitMedia(t, 20*time.Second, "call to end", func() bool { return env.media.ActiveCalls() == 0 })

	// The callee saw each alert category once and one final verdict.
	msgs := dc.all()
	alerts, finalVerdicts := map[string]int{}, 0
	var duringOutage int
	finals := map[uint64]string{}
	for _, m := range msgs {
		switch {
		case m.msg.Type == MsgAlert:
			alerts[m.msg.Category]++
		case isFinalVerdict(m.msg):
			finalVerdicts++
		case m.msg.Type == MsgTranscript && m.msg.Final:
			finals[m.msg.Seq] = m.msg.Text
			if m.at.After(downDone) && m.at.Before(upAt) {
				duringOutage++
			}
		}
	}
	if alerts["verification_code"] != 1 {
		t.Errorf("verification_code alert delivered %d times on the data channel, want 1", alerts["verification_code"])
	}
	for cat, n := range alerts {
		if n != 1 {
			t.Errorf("alert %s delivered %d times on the data channel", cat, n)
		}
	}
	if finalVerdicts != 1 {
		t.Errorf("%d final verdicts on the data channel, want 1", finalVerdicts)
	}
	// The callee was told when screening fell back to this server alone,
	// and again when the bus came back.
	var notices []string
	for _, m := range msgs {
		if m.msg.Type == MsgNotice {
			notices = append(notices, m.msg.Text)
		}
	}
	if !slices.Equal(notices, []string{noticeDegraded, noticeRestored}) {
		t.Errorf("notices %q, want degraded then restored", notices)
	}
	if duringOutage == 0 {
		t.Errorf("no final segment was made while the server was down: the test did not exercise the outage")
	}

	// The store: every final segment 1..N once, the start and end events
	// once each (end names N), each alert category and the verdict once.
	rctx, rcancel := context.WithTimeout(ctx, 30*time.Second)
	defer rcancel()
	js := workerConn.JS
	var segs []bus.Segment
	for _, m := range readStored(t, rctx, js, bus.SegmentStream, bus.SegmentSubject(id)) {
		s, err := bus.DecodeSegment(m)
		if err != nil {
			t.Fatalf("stored segment: %v", err)
		}
		segs = append(segs, s)
	}
	var lastSeq uint64
	events := map[string]int{}
	for _, m := range readStored(t, rctx, js, bus.SegmentStream, bus.EventSubject(id)) {
		e, err := bus.DecodeEvent(m)
		if err != nil {
			t.Fatalf("stored event: %v", err)
		}
		events[e.Type]++
		if e.Type == bus.EventEnd {
			lastSeq = e.LastSeq
		}
	}
	if events[bus.EventStart] != 1 || events[bus.EventEnd] != 1 {
		t.Errorf("stored events %v, want one start and one end", events)
	}
	if lastSeq < 3 {
		t.Errorf("end event names %d segments; three sentences should make at least 3", lastSeq)
	}
	if uint64(len(segs)) != lastSeq {
		t.Errorf("%d segments stored, end event says %d", len(segs), lastSeq)
	}
	for i, s := range segs {
		if s.Seq != uint64(i+1) {
			t.Errorf("stored segment #%d has seq %d (gap or duplicate): %v", i+1, s.Seq, seqsOf(segs))
			break
		}
		if !s.Final {
			t.Errorf("stored segment %d is not final", s.Seq)
		}
	}
	stored := map[uint64]string{}
	for _, s := range segs {
		stored[s.Seq] = s.Text
	}
	for seq, text := range finals {
		if stored[seq] != text {
			t.Errorf("segment %d shown to the callee as %q, stored as %q", seq, text, stored[seq])
		}
	}
	storedAlerts := map[string]int{}
	for _, m := range readStored(t, rctx, js, bus.AlertStream, bus.AlertSubject(id)) {
		a, err := bus.DecodeAlert(m)
		if err != nil {
			t.Fatalf("stored alert: %v", err)
		}
		storedAlerts[a.Flag.Category]++
	}
	for cat, n := range storedAlerts {
		if n != 1 {
			t.Errorf("alert %s stored %d times", cat, n)
		}
	}
	if storedAlerts["verification_code"] != 1 {
		t.Errorf("stored alerts %v: no verification_code", storedAlerts)
	}
	if n := len(readStored(t, rctx, js, bus.AlertStream, bus.VerdictSubject(id))); n != 1 {
		t.Errorf("%d verdicts stored, want 1", n)
	}
	if src := alertFrom.sources("verification_code"); !slices.Contains(src, "bus") {
		t.Errorf("the worker's verification_code alert never reached the call over the bus (sources %v)", src)
	}
	liveMu.Lock()
	if liveAlerts["verification_code"] != 1 {
		t.Errorf("live alert subject carried verification_code %d times, want 1 (all: %v)", liveAlerts["verification_code"], liveAlerts)
	}
	liveMu.Unlock()
	t.Logf("%d final segments stored (seq 1..%d, %d made during the outage), %d shown to the callee; alerts stored %v, reached the call from %v; worker %+v",
		len(segs), lastSeq, duringOutage, len(finals), storedAlerts, alertFrom.sources("verification_code"), w.Stats())
}

// alertSources records the "from" of every alert the media logs, whether
// delivered or deduplicated.
type alertSources struct {
	mu   sync.Mutex
	from map[string][]string
}

func (a *alertSources) sources(category string) []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.from[category]...)
}

func (a *alertSources) handler(next slog.Handler) slog.Handler { return alertHandler{a, next} }

type alertHandler struct {
	a    *alertSources
	next slog.Handler
}

func (h alertHandler) Enabled(context.Context, slog.Level) bool { return true }

func (h alertHandler) Handle(ctx context.Context, r slog.Record) error {
	if r.Message == "alert" || r.Message == "alert already delivered" {
		var cat, from string
		r.Attrs(func(at slog.Attr) bool {
			switch at.Key {
			case "category":
				cat = at.Value.String()
			case "from":
				from = at.Value.String()
			}
			return true
		})
		h.a.mu.Lock()
		if h.a.from == nil {
			h.a.from = map[string][]string{}
		}
		h.a.from[cat] = append(h.a.from[cat], from)
		h.a.mu.Unlock()
	}
	if h.next.Enabled(ctx, r.Level) {
		return h.next.Handle(ctx, r)
	}
	return nil
}

func (h alertHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return alertHandler{h.a, h.next.WithAttrs(as)}
}

func (h alertHandler) WithGroup(name string) slog.Handler {
	return alertHandler{h.a, h.next.WithGroup(name)}
}

// --- a restartable nats-server -------------------------------------------

type testNATS struct {
	opts *server.Options
	mu   sync.Mutex
	srv  *server.Server
}

// startTestNATS runs nats-server in-process on a loopback TCP port with
// JetStream stored in dir. It is shut down at the end of the test.
func startTestNATS(tb testing.TB, dir string) *testNATS {
	tb.Helper()
	ns := &testNATS{opts: &server.Options{
		Host: "127.0.0.1", Port: -1, JetStream: true, StoreDir: dir,
		NoSigs: true, NoLog: true, MaxPayload: 1 << 20,
	}}
	ns.restart(tb)
	// Restart on the same port.
	ns.opts.Port = ns.srv.Addr().(*net.TCPAddr).Port
	tb.Cleanup(ns.stop)
	return ns
}

func (ns *testNATS) url() string {
	return fmt.Sprintf("nats://127.0.0.1:%d", ns.opts.Port)
}

// restart starts a new server with the same options (port, store).
func (ns *testNATS) restart(tb testing.TB) {
	tb.Helper()
	opts := *ns.opts
	srv, err := server.NewServer(&opts)
	if err != nil {
		tb.Fatalf("nats-server: %v", err)
	}
	go srv.Start()
	if !srv.ReadyForConnections(10 * time.Second) {
		srv.Shutdown()
		tb.Fatal("nats-server not ready after 10 s")
	}
	ns.mu.Lock()
	ns.srv = srv
	ns.mu.Unlock()
}

// stop shuts the server down and waits for it (idempotent).
func (ns *testNATS) stop() {
	ns.mu.Lock()
	srv := ns.srv
	ns.srv = nil
	ns.mu.Unlock()
	if srv != nil {
		srv.Shutdown()
		srv.WaitForShutdown()
	}
}

// readStored returns the data of every message stored on subject in
// stream, in stream order, through an ordered consumer.
func readStored(t *testing.T, ctx context.Context, js jetstream.JetStream, stream, subject string) [][]byte {
	t.Helper()
	cons, err := js.OrderedConsumer(ctx, stream, jetstream.OrderedConsumerConfig{FilterSubjects: []string{subject}})
	if err != nil {
		t.Fatalf("%s %s: %v", stream, subject, err)
	}
	info, err := cons.Info(ctx)
	if err != nil {
		t.Fatalf("%s %s: %v", stream, subject, err)
	}
	var out [][]byte
	for pending := info.NumPending; pending > 0; {
		batch, err := cons.Fetch(int(min(pending, 256)), jetstream.FetchMaxWait(2*time.Second))
		if err != nil {
			t.Fatalf("%s %s: %v", stream, subject, err)
		}
		n := 0
		for m := range batch.Messages() {
			out = append(out, m.Data())
			n++
		}
		if err := batch.Error(); err != nil {
			t.Fatalf("%s %s: %v", stream, subject, err)
		}
		if n == 0 {
			t.Fatalf("%s %s: %d messages announced but not delivered", stream, subject, pending)
		}
		pending -= uint64(n)
	}
	return out
}

func seqsOf(segs []bus.Segment) []uint64 {
	out := make([]uint64, len(segs))
	for i, s := range segs {
		out[i] = s.Seq
	}
	return out
}

// --- the callee's view -----------------------------------------------------

type timedMsg struct {
	msg Message
	at  time.Time
}

// peerLog records every message the peer receives on its data channel,
// with its arrival time, so that none is lost to a full channel.
type peerLog struct {
	mu     sync.Mutex
	msgs   []timedMsg
	notify chan struct{}
}

func collectPeer(t *testing.T, p *testPeer) *peerLog {
	l := &peerLog{notify: make(chan struct{}, 1)}
	done := make(chan struct{})
	t.Cleanup(func() { close(done) })
	go func() {
		for {
			var m Message
			select {
			case m = <-p.msgs:
			case <-done:
				return
			}
			l.mu.Lock()
			l.msgs = append(l.msgs, timedMsg{m, time.Now()})
			l.mu.Unlock()
			select {
			case l.notify <- struct{}{}:
			default:
			}
		}
	}()
	return l
}

func (l *peerLog) all() []timedMsg {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]timedMsg(nil), l.msgs...)
}

// wait returns the first message matching pred (however long ago it came).
func (l *peerLog) wait(t *testing.T, d time.Duration, pred func(Message) bool) (Message, time.Time) {
	t.Helper()
	timer := time.NewTimer(d)
	defer timer.Stop()
	for {
		for _, m := range l.all() {
			if pred(m.msg) {
				return m.msg, m.at
			}
		}
		select {
		case <-l.notify:
		case <-timer.C:
			var seen []Message
			for _, m := range l.all() {
				seen = append(seen, m.msg)
			}
			t.Fatalf("no matching message within %s; saw %d: %s", d, len(seen), summarizeMsgs(seen))
		}
	}
}

// --- composing the caller's speech ------------------------------------------

// speechClip builds 16 kHz speech from flite sentences and silences, and
// encodes it as 20 ms Opus packets.
type speechClip struct {
	t   *testing.T
	pcm []int16
}

func newSpeechClip(t *testing.T) *speechClip { return &speechClip{t: t} }

func (c *speechClip) at() float64 { return float64(len(c.pcm)) / 16000 }

func (c *speechClip) silence(s float64) { c.pcm = append(c.pcm, make([]int16, int(s*16000))...) }

// speak appends text and returns where its speech ends (seconds).
func (c *speechClip) speak(text string) float64 {
	pcm := mediaReadWAV(c.t, mediaSynthWAV(c.t, text))
	at := c.at()
	c.pcm = append(c.pcm, pcm...)
	return at + speechEnd(pcm, 16000)
}

func (c *speechClip) opus() [][]byte {
	c.t.Helper()
	dir := c.t.TempDir()
	wav, ogg := filepath.Join(dir, "call.wav"), filepath.Join(dir, "call.opus")
	writeWAV16(c.t, wav, c.pcm, 16000)
	if out, err := exec.Command("opusenc", "--quiet", "--bitrate", "32", "--framesize", "20", wav, ogg).CombinedOutput(); err != nil {
		c.t.Fatalf("opusenc: %v: %s", err, out)
	}
	f, err := os.Open(ogg)
	if err != nil {
		c.t.Fatal(err)
	}
	defer f.Close()
	packets, err := readOggOpus(f)
	if err != nil {
		c.t.Fatal(err)
	}
	return packets
}

func secs(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

func sleepUntil(t time.Time) { time.Sleep(time.Until(t)) }
