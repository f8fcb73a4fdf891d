package transcribe

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func TestBreaker(t *testing.T) {
	type step struct {
		op        string // "ok", "fail", "abandon", "wait", "allow", "deny"
		wantState BreakerState
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"opens after consecutive failures", []step{
			{"fail", BreakerClosed}, {"fail", BreakerClosed}, {"fail", BreakerOpen}, {"deny", BreakerOpen},
		}},
		{"success resets the count", []step{
			{"fail", BreakerClosed}, {"fail", BreakerClosed}, {"ok", BreakerClosed},
			{"fail", BreakerClosed}, {"fail", BreakerClosed}, {"fail", BreakerOpen},
		}},
		{"half-open probe succeeds", []step{
			{"fail", BreakerClosed}, {"fail", BreakerClosed}, {"fail", BreakerOpen},
			{"wait", BreakerHalfOpen}, {"ok", BreakerClosed}, {"allow", BreakerClosed},
		}},
		{"half-open probe fails", []step{
			{"fail", BreakerClosed}, {"fail", BreakerClosed}, {"fail", BreakerOpen},
			{"wait", BreakerHalfOpen}, {"fail", BreakerOpen}, {"deny", BreakerOpen},
		}},
		{"abandoned probe frees the slot", []step{
			{"fail", BreakerClosed}, {"fail", BreakerClosed}, {"fail", BreakerOpen},
			{"wait", BreakerHalfOpen}, {"abandon", BreakerHalfOpen}, {"allow", BreakerHalfOpen},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := &fakeClock{now: time.Unix(1000, 0)}
			var changes []string
			b := NewBreaker(BreakerConfig{Failures: 3, CoolDown: 10 * time.Second, Now: clk.Now,
				OnChange: func(from, to BreakerState) { changes = append(changes, from.String()+">"+to.String()) }})
			for i, s := range tt.steps {
				switch s.op {
				case "wait":
					clk.Advance(10 * time.Second)
				case "allow", "deny":
					p, ok := b.Allow()
					if ok != (s.op == "allow") {
						t.Fatalf("step %d: Allow = %v", i, ok)
					}
					if ok {
						p.Abandon()
					}
				default:
					p, ok := b.Allow()
					if !ok {
						t.Fatalf("step %d (%s): Allow refused in state %s", i, s.op, b.State())
					}
					switch s.op {
					case "ok":
						p.Success()
					case "fail":
						p.Failure()
					case "abandon":
						p.Abandon()
					}
				}
				if got := b.State(); got != s.wantState {
					t.Fatalf("step %d (%s): state %s, want %s (changes %v)", i, s.op, got, s.wantState, changes)
				}
			}
		})
	}
}

func TestBreakerSingleProbe(t *testing.T) {
	clk := &fakeClock{now: time.Unix(1000, 0)}
	b := NewBreaker(BreakerConfig{Failures: 1, CoolDown: time.Second, Now: clk.Now})
	p, _ := b.Allow()
	p.Failure()
	clk.Advance(time.Second)
	var granted atomic.Int32
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() {
			if _, ok := b.Allow(); ok {
				granted.Add(1)
			}
		})
	}
	wg.Wait()
	if n := granted.Load(); n != 1 {
		t.Fatalf("half-open granted %d probes, want 1", n)
	}
}

func TestBreakerStaleFailureIgnoredInHalfOpen(t *testing.T) {
	clk := &fakeClock{now: time.Unix(1000, 0)}
	b := NewBreaker(BreakerConfig{Failures: 1, CoolDown: time.Second, Now: clk.Now})
	old, _ := b.Allow() // in flight while the breaker opens
	p, _ := b.Allow()
	p.Failure()
	clk.Advance(time.Second)
	probe, ok := b.Allow()
	if !ok {
		t.Fatal("no probe after cool-down")
	}
	old.Failure() // a request from before: must not decide the probe
	if s := b.State(); s != BreakerHalfOpen {
		t.Fatalf("stale failure moved the breaker to %s", s)
	}
	probe.Success()
	if s := b.State(); s != BreakerClosed {
		t.Fatalf("state %s after probe success", s)
	}
}
