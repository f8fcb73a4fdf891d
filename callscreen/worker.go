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
	"github.com/nats-io/nats.go/jetstream"

	"github.com/callscreen/callscreen/bus"
	"github.com/callscreen/callscreen/classify"
)

// WorkerConfig configures a classifier worker.
type WorkerConfig struct {
	Bus      *bus.Conn
	Detector *classify.Detector
	Logger   *slog.Logger
	// Consumer is the durable JetStream consumer the workers share; all
	// workers with the same name split the calls between them.
	Consumer string
	// AckWait is how long a segment may take before it is redelivered.
	AckWait time.Duration
	// IdleTimeout drops the state of a call that has seen no segment for
	// this long (its stored transcript is reloaded if it resumes).
	IdleTimeout time.Duration
}

// Worker classifies calls: it consumes final segments and call events from
// JetStream and partial segments from core NATS, in a queue shared with
// other workers, and publishes an alert the moment a flag is raised (once
// per category per call, deduplicated by JetStream) and a verdict when a
// call ends.
//
// Any worker may receive any segment of a call. A worker that sees a gap in
// a call's sequence reloads the call's stored transcript, so every worker's
// view of a call is the stream's view, and alerts stay exactly-once however
// the calls are split.
type Worker struct {
	cfg WorkerConfig
	log *slog.Logger

	ready chan struct{} // closed once Run is consuming

	mu      sync.Mutex
	calls   map[string]*callState
	segsStr jetstream.Stream // the segment stream, for catch-up reads

	// Stats for health and metrics.
	segments, alerts, verdicts, skipped uint64
	alertsBy                            map[string]uint64
	// OnAlert, when set by the owner before Run, observes each alert the
	// worker raises and how long after the segment was stored (or, for a
	// partial, received) it was published.
	onAlert func(category string, latency time.Duration)
}

type callState struct {
	call      *classify.Call
	lastSeq   uint64 // highest contiguous final seq applied
	streamSeq uint64 // stream sequence of that segment: catch-up resumes after it
	lastSeen  time.Time
}

// NewWorker validates cfg and returns an idle worker; Run starts it.
func NewWorker(cfg WorkerConfig) (*Worker, error) {
	if cfg.Bus == nil {
		return nil, errors.New("callscreen: worker needs a bus connection")
	}
	if cfg.Detector == nil {
		cfg.Detector = classify.New()
	}
	if cfg.Consumer == "" {
		cfg.Consumer = "classifier"
	}
	if cfg.AckWait <= 0 {
		cfg.AckWait = 30 * time.Second
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = time.Hour
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Worker{cfg: cfg, log: log.With("role", "worker"), ready: make(chan struct{}), calls: make(map[string]*callState), alertsBy: map[string]uint64{}}, nil
}

// Ready is closed once Run has subscribed and is consuming.
func (w *Worker) Ready() <-chan struct{} { return w.ready }

// Run consumes until ctx ends, then stops taking new messages, lets the
// message in hand finish, and returns.
func (w *Worker) Run(ctx context.Context) error {
	cons, err := w.cfg.Bus.JS.CreateOrUpdateConsumer(ctx, bus.SegmentStream, jetstream.ConsumerConfig{
		Durable:       w.cfg.Consumer,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       w.cfg.AckWait,
		MaxDeliver:    -1,
		MaxAckPending: 1024,
		// A new consumer starts at the beginning so that nothing published
		// before the first worker came up is lost; afterwards it resumes.
		DeliverPolicy: jetstream.DeliverAllPolicy,
	})
	if err != nil {
		if ctx.Err() != nil {
			return nil // stopped before it started
		}
		return fmt.Errorf("callscreen: worker consumer: %w", err)
	}
	if w.segsStr, err = w.cfg.Bus.JS.Stream(ctx, bus.SegmentStream); err != nil {
		return fmt.Errorf("callscreen: worker stream: %w", err)
	}
	cc, err := cons.Consume(func(m jetstream.Msg) { w.handleStored(ctx, m) },
		// Short pulls: after a server or a fellow worker dies, this one
		// asks again within seconds rather than after the 30 s default.
		jetstream.PullExpiry(5*time.Second),
		jetstream.ConsumeErrHandler(func(_ jetstream.ConsumeContext, err error) {
			w.log.Debug("consume", "err", err)
		}))
	if err != nil {
		return fmt.Errorf("callscreen: worker consume: %w", err)
	}
	sub, err := w.cfg.Bus.NC.QueueSubscribe(bus.PartialPrefix+"*", w.cfg.Consumer, func(m *nats.Msg) {
		w.handlePartial(ctx, m.Data)
	})
	if err != nil {
		cc.Stop()
		return fmt.Errorf("callscreen: worker partials: %w", err)
	}
	if err := w.cfg.Bus.NC.Flush(); err != nil {
		w.log.Warn("flush after subscribe", "err", err)
	}
	w.log.Info("worker running", "consumer", w.cfg.Consumer)
	close(w.ready)
	<-ctx.Done()
	_ = sub.Drain()
	cc.Drain()
	<-cc.Closed()
	return nil
}

func (w *Worker) handleStored(ctx context.Context, m jetstream.Msg) {
	subj := m.Subject()
	var err error
	stored, streamSeq := time.Now(), uint64(0)
	if md, mdErr := m.Metadata(); mdErr == nil {
		stored, streamSeq = md.Timestamp, md.Sequence.Stream
	}
	switch {
	case strings.HasPrefix(subj, bus.SegmentPrefix):
		err = w.handleSegment(ctx, m.Data(), stored, streamSeq)
	case strings.HasPrefix(subj, bus.EventPrefix):
		err = w.handleEvent(ctx, m.Data())
	}
	switch {
	case err == nil:
		_ = m.Ack()
	case errors.Is(err, bus.ErrBadMessage):
		// A malformed message will never become valid: skip it, loudly.
		w.mu.Lock()
		w.skipped++
		w.mu.Unlock()
		w.log.Warn("skipping bad message", "subject", subj, "err", err)
		_ = m.Term()
	case ctx.Err() != nil:
		// Shutting down: another worker (or this one, restarted) gets it.
		_ = m.Nak()
	default:
		w.log.Warn("segment not processed, will be redelivered", "subject", subj, "err", err)
		_ = m.NakWithDelay(500 * time.Millisecond)
	}
}

func (w *Worker) handlePartial(ctx context.Context, data []byte) {
	seg, err := bus.DecodeSegment(data)
	if err != nil {
		w.log.Debug("skipping bad partial", "err", err)
		return
	}
	seg.Final = false
	if err := w.apply(ctx, seg, time.Now(), 0); err != nil {
		w.log.Debug("partial not processed", "call", seg.CallID, "err", err)
	}
}

func (w *Worker) handleSegment(ctx context.Context, data []byte, stored time.Time, streamSeq uint64) error {
	seg, err := bus.DecodeSegment(data)
	if err != nil {
		return err
	}
	if !seg.Final {
		return fmt.Errorf("%w: partial segment on a stored subject", bus.ErrBadMessage)
	}
	return w.apply(ctx, seg, stored, streamSeq)
}

// apply feeds one segment to its call's detector, catching up from the
// stream first if this worker missed earlier segments, and publishes any
// new alerts. streamSeq is the final segment's stream sequence (0 for a
// partial).
func (w *Worker) apply(ctx context.Context, seg bus.Segment, since time.Time, streamSeq uint64) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	st, err := w.stateFor(ctx, seg.CallID, seg.Seq-1)
	if err != nil {
		return err
	}
	if seg.Final && seg.Seq <= st.lastSeq {
		return nil // already applied (redelivery or caught up from the stream)
	}
	flags := st.call.Add(seg)
	if seg.Final {
		st.lastSeq, st.streamSeq = seg.Seq, max(st.streamSeq, streamSeq)
		w.segments++
	}
	if err := w.publishAlerts(ctx, seg, st, flags, since); err != nil {
		// Forget the call: the redelivered segment rebuilds it from the
		// stream and raises the flag again; JetStream drops a duplicate.
		delete(w.calls, seg.CallID)
		return err
	}
	return nil
}

func (w *Worker) publishAlerts(ctx context.Context, seg bus.Segment, st *callState, flags []bus.Flag, since time.Time) error {
	if len(flags) == 0 {
		return nil
	}
	res := st.call.Result()
	for _, f := range flags {
		a := bus.Alert{
			CallID: seg.CallID,
			Flag:   f,
			Advice: classify.Advice(f.Category),
			Risk:   res.Risk,
			Seq:    seg.Seq,
			Time:   time.Now(),
		}
		if err := w.cfg.Bus.PublishAlert(ctx, a); err != nil {
			return fmt.Errorf("alert %s: %w", f.Category, err)
		}
		w.alerts++
		w.alertsBy[f.Category]++
		if w.onAlert != nil {
			w.onAlert(f.Category, time.Since(since))
		}
		w.log.Info("alert", "call", seg.CallID, "category", f.Category, "seq", seg.Seq, "final", seg.Final)
	}
	return nil
}

// stateFor returns the call's state with every final segment up to upTo
// applied, loading missing ones from the stream. Callers hold w.mu.
func (w *Worker) stateFor(ctx context.Context, callID string, upTo uint64) (*callState, error) {
	w.evictIdle()
	st := w.calls[callID]
	if st == nil {
		st = &callState{call: w.cfg.Detector.NewCall()}
		w.calls[callID] = st
	}
	st.lastSeen = time.Now()
	if st.lastSeq >= upTo {
		return st, nil
	}
	segs, err := w.loadSegments(ctx, callID, st.streamSeq+1, st.lastSeq, upTo)
	if err != nil {
		delete(w.calls, callID)
		return nil, err
	}
	for _, s := range segs {
		// Flags raised while catching up were (or will be) alerted by the
		// worker that saw them first; re-publishing is harmless because
		// alerts are deduplicated, and it closes the gap when that worker
		// died before publishing.
		flags := st.call.Add(s.Segment)
		st.lastSeq, st.streamSeq = s.Seq, s.streamSeq
		if err := w.publishAlerts(ctx, s.Segment, st, flags, time.Now()); err != nil {
			delete(w.calls, callID)
			return nil, err
		}
	}
	return st, nil
}

// storedSegment is a final segment read back from the stream.
type storedSegment struct {
	bus.Segment
	streamSeq uint64
}

// loadSegments reads a call's stored final segments after seq have, up to
// seq upTo, starting the search at stream sequence from. It uses direct
// gets ("next message on this subject") rather than a consumer, so that
// workers catching up on each other's calls create no consumer churn, and
// it reads only what this worker is missing.
func (w *Worker) loadSegments(ctx context.Context, callID string, from, have, upTo uint64) ([]storedSegment, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	subj := bus.SegmentSubject(callID)
	var segs []storedSegment
	for next := max(from, 1); have < upTo; {
		m, err := w.segsStr.GetMsg(ctx, next, jetstream.WithGetMsgSubject(subj))
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("load call %s: %w", callID, err)
		}
		next = m.Sequence + 1
		s, err := bus.DecodeSegment(m.Data)
		if err != nil || s.Seq <= have {
			continue // a malformed or already applied segment
		}
		if s.Seq != have+1 {
			break // a hole: the producer has not stored the missing one yet
		}
		segs = append(segs, storedSegment{s, m.Sequence})
		have = s.Seq
	}
	if have < upTo {
		// The stream does not have the earlier segments yet (they are in
		// some producer's outbox): retry later rather than judge a hole.
		return nil, fmt.Errorf("load call %s: have seq %d, need %d", callID, have, upTo)
	}
	return segs, nil
}

func (w *Worker) handleEvent(ctx context.Context, data []byte) error {
	ev, err := bus.DecodeEvent(data)
	if err != nil {
		return err
	}
	if ev.Type != bus.EventEnd {
		return nil
	}
	w.mu.Lock()
	st, err := w.stateFor(ctx, ev.CallID, ev.LastSeq)
	var res classify.Result
	if err == nil {
		res = st.call.Result()
		delete(w.calls, ev.CallID)
	}
	segs := int(ev.LastSeq)
	w.mu.Unlock()
	if err != nil {
		return err
	}
	v := bus.Verdict{
		CallID:   ev.CallID,
		Verdict:  res.Verdict,
		Risk:     res.Risk,
		Flags:    res.Flags,
		Signals:  res.Signals,
		Advice:   res.Advice,
		Segments: segs,
		Time:     time.Now(),
	}
	if err := w.cfg.Bus.PublishVerdict(ctx, v); err != nil {
		return err
	}
	w.mu.Lock()
	w.verdicts++
	w.mu.Unlock()
	return nil
}

// evictIdle drops calls nobody has spoken on for IdleTimeout, bounding
// memory when a producer dies without ending its calls. Callers hold w.mu.
func (w *Worker) evictIdle() {
	if len(w.calls) < 64 {
		return
	}
	cutoff := time.Now().Add(-w.cfg.IdleTimeout)
	for id, st := range w.calls {
		if st.lastSeen.Before(cutoff) {
			delete(w.calls, id)
		}
	}
}

// WorkerStats are counters for health checks and metrics.
type WorkerStats struct {
	Calls, Segments, Alerts, Verdicts, Skipped uint64
	AlertsByCategory                           map[string]uint64
}

// Stats returns the worker's counters.
func (w *Worker) Stats() WorkerStats {
	w.mu.Lock()
	defer w.mu.Unlock()
	by := make(map[string]uint64, len(w.alertsBy))
	for k, v := range w.alertsBy {
		by[k] = v
	}
	return WorkerStats{uint64(len(w.calls)), w.segments, w.alerts, w.verdicts, w.skipped, by}
}

// QueueLag is how many stored segments and events the workers' shared
// consumer has not delivered yet.
func (w *Worker) QueueLag(ctx context.Context) (uint64, error) {
	cons, err := w.cfg.Bus.JS.Consumer(ctx, bus.SegmentStream, w.cfg.Consumer)
	if err != nil {
		return 0, err
	}
	info, err := cons.Info(ctx)
	if err != nil {
		return 0, err
	}
	return info.NumPending, nil
}
