package transcribe

import (
	"sync"
	"time"
)

// BreakerState is the state of a Breaker.
type BreakerState int

// Breaker states.
const (
	// BreakerClosed lets every request through.
	BreakerClosed BreakerState = iota
	// BreakerOpen rejects every request until the cool-down has passed.
	BreakerOpen
	// BreakerHalfOpen lets one probe request through; its outcome closes
	// or re-opens the breaker.
	BreakerHalfOpen
)

// String returns "closed", "open" or "half-open".
func (s BreakerState) String() string {
	switch s {
	case BreakerClosed:
		return "closed"
	case BreakerOpen:
		return "open"
	case BreakerHalfOpen:
		return "half-open"
	}
	return "unknown"
}

// BreakerConfig tunes a Breaker. Zero fields select their defaults.
type BreakerConfig struct {
	// Failures is how many consecutive failures open the breaker.
	// Default 5.
	Failures int
	// CoolDown is how long the breaker stays open before letting a probe
	// through. Default 30 s.
	CoolDown time.Duration
	// OnChange, if set, is called after every state change. Calls may
	// arrive concurrently from different requests; it must not block.
	OnChange func(from, to BreakerState)
	// Now is the clock; default time.Now. Tests replace it.
	Now func() time.Time
}

// Breaker is a circuit breaker: closed, open after Failures consecutive
// failures, half-open after CoolDown with a single probe. It is safe for
// concurrent use and meant to be shared by everything that calls one
// endpoint, so one stream's failures spare the others the wait.
type Breaker struct {
	cfg BreakerConfig

	mu       sync.Mutex
	state    BreakerState
	fails    int
	openedAt time.Time
	probing  bool
	gen      uint64 // bumped on each state change, to ignore stale probe permits
}

// NewBreaker returns a closed Breaker tuned by cfg.
func NewBreaker(cfg BreakerConfig) *Breaker {
	if cfg.Failures <= 0 {
		cfg.Failures = 5
	}
	if cfg.CoolDown <= 0 {
		cfg.CoolDown = 30 * time.Second
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Breaker{cfg: cfg}
}

// Permit is the right to make one request, granted by Breaker.Allow. Report
// its outcome exactly once with Success, Failure or Abandon.
type Permit struct {
	b     *Breaker
	probe bool
	gen   uint64
}

// State returns the breaker's state, moving open to half-open when the
// cool-down has passed.
func (b *Breaker) State() BreakerState {
	b.mu.Lock()
	from, to := b.advanceLocked()
	s := b.state
	b.mu.Unlock()
	b.notify(from, to)
	return s
}

// advanceLocked moves open to half-open once the cool-down has elapsed.
func (b *Breaker) advanceLocked() (from, to BreakerState) {
	if b.state == BreakerOpen && b.cfg.Now().Sub(b.openedAt) >= b.cfg.CoolDown {
		return b.setLocked(BreakerHalfOpen)
	}
	return b.state, b.state
}

func (b *Breaker) setLocked(s BreakerState) (from, to BreakerState) {
	from = b.state
	if from == s {
		return from, s
	}
	b.state = s
	b.gen++
	b.probing = false
	switch s {
	case BreakerOpen:
		b.openedAt = b.cfg.Now()
	case BreakerClosed:
		b.fails = 0
	}
	return from, s
}

func (b *Breaker) notify(from, to BreakerState) {
	if from != to && b.cfg.OnChange != nil {
		b.cfg.OnChange(from, to)
	}
}

// Allow reports whether a request may be made now. When it may, the
// returned Permit must be resolved.
func (b *Breaker) Allow() (Permit, bool) {
	b.mu.Lock()
	from, to := b.advanceLocked()
	var p Permit
	ok := false
	switch b.state {
	case BreakerClosed:
		p, ok = Permit{b: b, gen: b.gen}, true
	case BreakerHalfOpen:
		if !b.probing {
			b.probing = true
			p, ok = Permit{b: b, probe: true, gen: b.gen}, true
		}
	}
	b.mu.Unlock()
	b.notify(from, to)
	return p, ok
}

// Success records that the request worked: the breaker closes.
func (p Permit) Success() {
	if p.b == nil {
		return
	}
	b := p.b
	b.mu.Lock()
	// Any answer proves the endpoint is up, even one that started before
	// the breaker opened.
	from, to := b.setLocked(BreakerClosed)
	b.fails = 0
	b.mu.Unlock()
	b.notify(from, to)
}

// Failure records that the request failed.
func (p Permit) Failure() {
	if p.b == nil {
		return
	}
	b := p.b
	b.mu.Lock()
	from, to := b.state, b.state
	switch b.state {
	case BreakerClosed:
		b.fails++
		if b.fails >= b.cfg.Failures {
			from, to = b.setLocked(BreakerOpen)
		}
	case BreakerHalfOpen:
		if p.probe && p.gen == b.gen {
			from, to = b.setLocked(BreakerOpen)
		}
	}
	b.mu.Unlock()
	b.notify(from, to)
}

// Abandon records that the request ended without an outcome (the caller
// gave up); a half-open probe slot is released for another caller.
func (p Permit) Abandon() {
	if p.b == nil || !p.probe {
		return
	}
	b := p.b
	b.mu.Lock()
	if b.state == BreakerHalfOpen && p.gen == b.gen {
		b.probing = false
	}
	b.mu.Unlock()
}
