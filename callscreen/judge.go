package callscreen

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/callscreen/callscreen/bus"
)

// ErrNoVerdict means no worker answered for a call in time.
var ErrNoVerdict = errors.New("callscreen: no verdict")

// Judge sends a whole call's final segments through the bus, exactly as a
// live call would, and waits for the verdict that a worker publishes when
// the call ends. Segment texts must already be redacted. The call belongs
// to the user ctx carries (IdentityFrom), the operator by default.
func Judge(ctx context.Context, conn *bus.Conn, callID, source string, segs []bus.Segment, timeout time.Duration) (bus.Verdict, error) {
	verdicts := make(chan bus.Verdict, 1)
	sub, err := conn.NC.Subscribe(bus.LiveVerdictSubject(callID), func(m *nats.Msg) {
		if v, err := bus.DecodeVerdict(m.Data); err == nil {
			select {
			case verdicts <- v:
			default:
			}
		}
	})
	if err != nil {
		return bus.Verdict{}, fmt.Errorf("callscreen: subscribe verdict: %w", err)
	}
	defer sub.Unsubscribe()
	if err := conn.NC.Flush(); err != nil {
		return bus.Verdict{}, fmt.Errorf("callscreen: flush: %w", err)
	}
	start := bus.Event{CallID: callID, Type: bus.EventStart, Source: source, Owner: IdentityFrom(ctx).User, Time: time.Now()}
	if err := conn.PublishEvent(ctx, start); err != nil {
		return bus.Verdict{}, err
	}
	var last uint64
	for _, s := range segs {
		s.CallID = callID
		if err := conn.PublishSegment(ctx, s); err != nil {
			return bus.Verdict{}, err
		}
		last = s.Seq
	}
	end := bus.Event{CallID: callID, Type: bus.EventEnd, Source: source, LastSeq: last, Time: time.Now()}
	if err := conn.PublishEvent(ctx, end); err != nil {
		return bus.Verdict{}, err
	}
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case v := <-verdicts:
		return v, nil
	case <-t.C:
		return bus.Verdict{}, fmt.Errorf("%w for call %s after %s: is a `callscreen worker` running on this NATS?", ErrNoVerdict, callID, timeout)
	case <-ctx.Done():
		return bus.Verdict{}, ctx.Err()
	}
}
