package callscreen

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/callscreen/callscreen/bus"
)

// RecorderConsumer is the name of the recorder's durable consumers (one on
// each stream). Several recorders with the same name share the work.
const RecorderConsumer = "recorder"

// RecorderConfig configures a Recorder.
type RecorderConfig struct {
	Bus    *bus.Conn
	Store  *Store
	Logger *slog.Logger
	// AckWait is how long one message may take before it is redelivered.
	AckWait time.Duration
}

// Recorder keeps the review store's call records up to date from the bus:
// call events from the segment stream, alerts and verdicts from the alert
// stream. It consumes through durable consumers and acknowledges a message
// only after its effect is stored, so a crash loses nothing; applying a
// message twice changes nothing, so redelivery is harmless.
type Recorder struct {
	cfg RecorderConfig
	log *slog.Logger
	seg jetstream.Stream
}

// NewRecorder validates cfg; Run starts the recorder.
func NewRecorder(cfg RecorderConfig) (*Recorder, error) {
	if cfg.Bus == nil || cfg.Store == nil {
		return nil, errors.New("callscreen: recorder needs a bus connection and a store")
	}
	if cfg.AckWait <= 0 {
		cfg.AckWait = 30 * time.Second
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Recorder{cfg: cfg, log: log.With("role", "recorder")}, nil
}

// Run records until ctx ends, then lets the messages in hand finish.
func (rc *Recorder) Run(ctx context.Context) error {
	js := rc.cfg.Bus.JS
	seg, err := js.Stream(ctx, bus.SegmentStream)
	if err != nil {
		return fmt.Errorf("callscreen: recorder: %w", err)
	}
	rc.seg = seg
	specs := []struct {
		stream  string
		filters []string
	}{
		{bus.SegmentStream, []string{bus.EventPrefix + "*"}},
		{bus.AlertStream, []string{bus.AlertPrefix + "*", bus.VerdictPrefix + "*"}},
	}
	var ccs []jetstream.ConsumeContext
	stopAll := func() {
		for _, cc := range ccs {
			cc.Drain()
		}
		for _, cc := range ccs {
			<-cc.Closed()
		}
	}
	// Messages in hand when ctx ends still get their write and ack.
	wctx := context.WithoutCancel(ctx)
	for _, sp := range specs {
		cons, err := js.CreateOrUpdateConsumer(ctx, sp.stream, jetstream.ConsumerConfig{
			Durable:        RecorderConsumer,
			FilterSubjects: sp.filters,
			AckPolicy:      jetstream.AckExplicitPolicy,
			AckWait:        rc.cfg.AckWait,
			MaxDeliver:     -1,
			MaxAckPending:  256,
			DeliverPolicy:  jetstream.DeliverAllPolicy,
		})
		if err != nil {
			stopAll()
			return fmt.Errorf("callscreen: recorder consumer on %s: %w", sp.stream, err)
		}
		cc, err := cons.Consume(func(m jetstream.Msg) { rc.handle(wctx, m) },
			jetstream.ConsumeErrHandler(func(_ jetstream.ConsumeContext, err error) {
				rc.log.Debug("consume", "err", err)
			}))
		if err != nil {
			stopAll()
			return fmt.Errorf("callscreen: recorder consume %s: %w", sp.stream, err)
		}
		ccs = append(ccs, cc)
	}
	rc.log.Info("recorder running")
	<-ctx.Done()
	stopAll()
	return nil
}

func (rc *Recorder) handle(ctx context.Context, m jetstream.Msg) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	subj := m.Subject()
	id, err := rc.apply(ctx, subj, m.Data())
	switch {
	case err == nil:
		rc.log.Debug("recorded", "call", id, "subject", subj)
		_ = m.Ack()
	case errors.Is(err, bus.ErrBadMessage):
		rc.log.Warn("skipping bad message", "subject", subj, "err", err)
		_ = m.Term()
	case errors.Is(err, ErrNotFound):
		// The call was deleted: what still arrives for it is dropped.
		rc.log.Debug("dropping message for deleted call", "subject", subj)
		_ = m.Ack()
	default:
		rc.log.Warn("not recorded, will be redelivered", "subject", subj, "err", err)
		_ = m.NakWithDelay(time.Second)
	}
}

// apply merges one message into its call's record.
func (rc *Recorder) apply(ctx context.Context, subject string, data []byte) (string, error) {
	st := rc.cfg.Store
	switch {
	case strings.HasPrefix(subject, bus.EventPrefix):
		ev, err := bus.DecodeEvent(data)
		if err != nil {
			return "", err
		}
		var dur float64
		if ev.Type == bus.EventEnd {
			dur = rc.audioDuration(ctx, ev.CallID)
		}
		_, err = st.Update(ctx, ev.CallID, true, func(r *CallRecord) bool { return mergeEvent(r, ev, dur) })
		return ev.CallID, err
	case strings.HasPrefix(subject, bus.AlertPrefix):
		a, err := bus.DecodeAlert(data)
		if err != nil {
			return "", err
		}
		_, err = st.Update(ctx, a.CallID, true, func(r *CallRecord) bool { return mergeAlert(r, a) })
		return a.CallID, err
	case strings.HasPrefix(subject, bus.VerdictPrefix):
		v, err := bus.DecodeVerdict(data)
		if err != nil {
			return "", err
		}
		_, err = st.Update(ctx, v.CallID, true, func(r *CallRecord) bool { return mergeVerdict(r, v) })
		return v.CallID, err
	}
	return "", fmt.Errorf("%w: unexpected subject %s", bus.ErrBadMessage, subject)
}

// audioDuration is the end of the call's last stored segment: the length
// of the call's audio as far as anyone spoke. 0 when unknown.
func (rc *Recorder) audioDuration(ctx context.Context, callID string) float64 {
	m, err := rc.seg.GetLastMsgForSubject(ctx, bus.SegmentSubject(callID))
	if err != nil {
		return 0
	}
	s, err := bus.DecodeSegment(m.Data)
	if err != nil {
		return 0
	}
	return s.End
}

// The merges are commutative and idempotent: each message only ever raises
// a field towards its final value, so any order of delivery, with any
// repeats, ends in the same record.

func mergeEvent(r *CallRecord, ev bus.Event, dur float64) bool {
	changed := false
	if ev.Source != "" && r.Source != ev.Source && (ev.Type == bus.EventStart || r.Source == "") {
		r.Source, changed = ev.Source, true
	}
	if ev.Owner != "" && r.Owner == "" {
		r.Owner, changed = ev.Owner, true
	}
	t := ev.Time.UTC()
	if !t.IsZero() {
		if ev.Type == bus.EventStart && (r.Started.IsZero() || t.Before(r.Started)) {
			r.Started, changed = t, true
		}
		if ev.Type == bus.EventEnd {
			if r.Started.IsZero() {
				r.Started, changed = t, true
			}
			if r.Ended.IsZero() || t.After(r.Ended) {
				r.Ended, changed = t, true
			}
		}
	}
	if dur > r.Duration {
		r.Duration, changed = dur, true
	}
	if ev.Type == bus.EventEnd && r.Duration == 0 && !r.Started.IsZero() && r.Ended.After(r.Started) {
		r.Duration, changed = r.Ended.Sub(r.Started).Seconds(), true
	}
	return changed
}

func mergeAlert(r *CallRecord, a bus.Alert) bool {
	changed := addFlags(r, []bus.Flag{a.Flag})
	if r.Verdict == "" && a.Risk > r.Risk {
		r.Risk, changed = a.Risk, true
	}
	if r.Started.IsZero() && !a.Time.IsZero() {
		r.Started, changed = a.Time.UTC(), true
	}
	if r.Advice == "" && a.Advice != "" {
		r.Advice, changed = a.Advice, true
	}
	return changed
}

func mergeVerdict(r *CallRecord, v bus.Verdict) bool {
	changed := addFlags(r, v.Flags)
	if r.Verdict != v.Verdict || r.Risk != v.Risk {
		r.Verdict, r.Risk, changed = v.Verdict, v.Risk, true
	}
	if v.Advice != "" && r.Advice != v.Advice {
		r.Advice, changed = v.Advice, true
	}
	for _, sig := range v.Signals {
		if !slices.Contains(r.Signals, sig) {
			r.Signals, changed = append(r.Signals, sig), true
		}
	}
	t := v.Time.UTC()
	if r.Started.IsZero() && !t.IsZero() {
		r.Started, changed = t, true
	}
	if r.Ended.IsZero() && !t.IsZero() {
		r.Ended, changed = t, true
	}
	return changed
}

// addFlags adds flags not yet on the record, and their categories.
func addFlags(r *CallRecord, flags []bus.Flag) bool {
	changed := false
	for _, f := range flags {
		if f.Category == "" {
			continue
		}
		if !slices.ContainsFunc(r.Flags, func(g bus.Flag) bool { return sameFlag(f, g) }) {
			r.Flags, changed = append(r.Flags, f), true
		}
		if !slices.Contains(r.Categories, f.Category) {
			r.Categories, changed = append(r.Categories, f.Category), true
		}
	}
	return changed
}

// sameFlag reports whether two flags are one request: alerts and the
// verdict carry the same flag, possibly with the evidence redacted by
// different passes.
func sameFlag(a, b bus.Flag) bool {
	return a.Category == b.Category && a.Start == b.Start && a.End == b.End && a.Track == b.Track
}
