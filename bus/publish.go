package bus

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Errors from publishing.
var (
	// ErrBackpressure means the outbox is full: NATS has been unreachable
	// for longer than the buffer covers. The caller decides what to drop.
	ErrBackpressure = errors.New("bus: outbox full")
	// ErrOutboxClosed means the outbox no longer accepts messages.
	ErrOutboxClosed = errors.New("bus: outbox closed")
)

// MsgID is the JetStream deduplication id of a call's final segment.
func MsgID(callID string, seq uint64) string {
	return callID + ":" + strconv.FormatUint(seq, 10)
}

// AlertMsgID deduplicates alerts: one per category per call.
func AlertMsgID(callID, category string) string { return callID + ":alert:" + category }

// VerdictMsgID deduplicates a call's final verdict.
func VerdictMsgID(callID string) string { return callID + ":verdict" }

// EventMsgID deduplicates a call's lifecycle events.
func EventMsgID(callID, typ string) string { return callID + ":event:" + typ }

// PublishStored publishes to a JetStream stream with a deduplication id,
// retrying with jittered backoff until it is acknowledged or ctx ends. A
// returned nil means the message is stored (exactly once within the
// stream's duplicate window).
func (c *Conn) PublishStored(ctx context.Context, subject, msgID string, data []byte) error {
	backoff := 50 * time.Millisecond
	for {
		actx, cancel := context.WithTimeout(ctx, 5*time.Second)
		_, err := c.JS.Publish(actx, subject, data, jetstream.WithMsgID(msgID))
		cancel()
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return fmt.Errorf("bus: publish %s: %w (last error: %v)", subject, ctx.Err(), err)
		}
		if !retryable(err) {
			return fmt.Errorf("bus: publish %s: %w", subject, err)
		}
		wait := backoff/2 + rand.N(backoff/2+1)
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return fmt.Errorf("bus: publish %s: %w (last error: %v)", subject, ctx.Err(), err)
		}
		backoff = min(backoff*2, 2*time.Second)
	}
}

// errCodeDuplicateInProcess is JetStream's answer when another publish
// with the same Nats-Msg-Id is being stored at this moment.
const errCodeDuplicateInProcess = 10158

func retryable(err error) bool {
	var apiErr *jetstream.APIError
	if errors.As(err, &apiErr) {
		if apiErr.ErrorCode == errCodeDuplicateInProcess {
			return true // the other publish settles it; retrying then dedupes
		}
		// Server-side refusals such as "message too large" will not change.
		return apiErr.ErrorCode == jetstream.JSErrCodeStreamNotFound || apiErr.Code >= 500
	}
	return !errors.Is(err, nats.ErrMaxPayload) && !errors.Is(err, nats.ErrBadSubject)
}

// PublishSegment stores a final segment, waiting for the acknowledgement.
func (c *Conn) PublishSegment(ctx context.Context, s Segment) error {
	s.Final = true
	b, err := Encode(&s)
	if err != nil {
		return err
	}
	return c.PublishStored(ctx, SegmentSubject(s.CallID), MsgID(s.CallID, s.Seq), b)
}

// PublishEvent stores a call event, waiting for the acknowledgement.
func (c *Conn) PublishEvent(ctx context.Context, e Event) error {
	b, err := Encode(&e)
	if err != nil {
		return err
	}
	return c.PublishStored(ctx, EventSubject(e.CallID), EventMsgID(e.CallID, e.Type), b)
}

// PublishAlert stores an alert, once per category per call.
func (c *Conn) PublishAlert(ctx context.Context, a Alert) error {
	b, err := Encode(&a)
	if err != nil {
		return err
	}
	return c.PublishStored(ctx, AlertSubject(a.CallID), AlertMsgID(a.CallID, a.Flag.Category), b)
}

// PublishVerdict stores a call's final verdict, once per call.
func (c *Conn) PublishVerdict(ctx context.Context, v Verdict) error {
	b, err := Encode(&v)
	if err != nil {
		return err
	}
	return c.PublishStored(ctx, VerdictSubject(v.CallID), VerdictMsgID(v.CallID), b)
}

// Outbox publishes a producer's segments and events in order and without
// blocking the producer: messages wait in a bounded buffer while NATS is
// unreachable and are retried until stored. Partial segments are sent on
// core NATS, best effort, and never buffered: a stale partial is useless.
type Outbox struct {
	conn *Conn
	ch   chan outMsg
	wg   sync.WaitGroup

	mu      sync.Mutex
	closed  bool
	dropped int   // messages the server refused for good (e.g. too large)
	dropErr error // the last such refusal
	stop    context.CancelFunc
}

type outMsg struct {
	subject, id string
	data        []byte
}

// NewOutbox starts an outbox holding up to size messages. Close stops it.
func (c *Conn) NewOutbox(size int) *Outbox {
	if size <= 0 {
		size = 4096
	}
	ctx, cancel := context.WithCancel(context.Background())
	o := &Outbox{conn: c, ch: make(chan outMsg, size), stop: cancel}
	o.wg.Add(1)
	go o.run(ctx)
	return o
}

func (o *Outbox) run(ctx context.Context) {
	defer o.wg.Done()
	for m := range o.ch {
		// PublishStored retries until stored; it fails only on a refusal
		// that retrying cannot fix, or once Close has given up (ctx).
		if err := o.conn.PublishStored(ctx, m.subject, m.id, m.data); err != nil && ctx.Err() == nil {
			o.mu.Lock()
			o.dropped, o.dropErr = o.dropped+1, err
			o.mu.Unlock()
		}
	}
}

// PublishSegment queues a final segment for storage, or sends a partial
// segment at once.
func (o *Outbox) PublishSegment(s Segment) error {
	b, err := Encode(&s)
	if err != nil {
		return err
	}
	if !s.Final {
		if err := o.conn.NC.Publish(PartialSubject(s.CallID), b); err != nil {
			return fmt.Errorf("bus: partial: %w", err)
		}
		return nil
	}
	return o.enqueue(outMsg{SegmentSubject(s.CallID), MsgID(s.CallID, s.Seq), b})
}

// PublishEvent queues a call event for storage.
func (o *Outbox) PublishEvent(e Event) error {
	b, err := Encode(&e)
	if err != nil {
		return err
	}
	return o.enqueue(outMsg{EventSubject(e.CallID), EventMsgID(e.CallID, e.Type), b})
}

func (o *Outbox) enqueue(m outMsg) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.closed {
		return ErrOutboxClosed
	}
	select {
	case o.ch <- m:
		return nil
	default:
		return fmt.Errorf("%w: %d messages waiting", ErrBackpressure, cap(o.ch))
	}
}

// Pending is the number of messages not yet stored.
func (o *Outbox) Pending() int { return len(o.ch) }

// Close stops accepting messages and waits until the buffer is stored or
// ctx ends; then it abandons what is left and reports how much. It also
// reports messages the server refused for good.
func (o *Outbox) Close(ctx context.Context) error {
	o.mu.Lock()
	if !o.closed {
		o.closed = true
		close(o.ch)
	}
	o.mu.Unlock()
	done := make(chan struct{})
	go func() { o.wg.Wait(); close(done) }()
	select {
	case <-done:
		o.stop()
		o.mu.Lock()
		defer o.mu.Unlock()
		if o.dropped > 0 {
			return fmt.Errorf("bus: outbox dropped %d messages the server refused: %w", o.dropped, o.dropErr)
		}
		return nil
	case <-ctx.Done():
		left := len(o.ch)
		o.stop()
		<-done
		return fmt.Errorf("bus: outbox closed with %d messages unsent: %w", left, ctx.Err())
	}
}
