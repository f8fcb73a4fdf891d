package transcribe

import (
	"context"
	"errors"
	"sync"
)

// errPoolClosed is returned by pool.get after pool.close.
var errPoolClosed = errors.New("pool closed")

// pool is a bounded pool of expensive, reusable resources (speech
// decoders: ≈0.3 s and ≈110 MB each). At most max items exist at once
// (idle + in use + being created), so a burst of new streams cannot exhaust
// memory; get blocks, honouring ctx, when all of them are in use. Idle items
// are kept warm for reuse.
type pool[T any] struct {
	newFn  func() (T, error)
	freeFn func(T)
	max    int

	mu      sync.Mutex
	idle    []T
	total   int           // items in existence or being created
	inUse   int           // items handed out by get and not yet put back
	inits   int64         // items ever created (to check reuse)
	changed chan struct{} // closed and replaced whenever a waiter may proceed
	closed  bool
}

func newPool[T any](max int, newFn func() (T, error), freeFn func(T)) *pool[T] {
	if max < 1 {
		max = 1
	}
	return &pool[T]{newFn: newFn, freeFn: freeFn, max: max, changed: make(chan struct{})}
}

// notifyLocked wakes every waiter; they re-check under the lock. Waiters
// are few (streams being opened), so a broadcast is simpler than a queue.
func (p *pool[T]) notifyLocked() {
	close(p.changed)
	p.changed = make(chan struct{})
}

// get returns an idle item, or creates one while under the cap, or waits
// until one is put back or ctx is done. Creation runs without the lock so
// other streams are not held up behind a slow decoder init.
func (p *pool[T]) get(ctx context.Context) (T, error) {
	var zero T
	for {
		p.mu.Lock()
		if p.closed {
			p.mu.Unlock()
			return zero, errPoolClosed
		}
		if n := len(p.idle); n > 0 {
			it := p.idle[n-1]
			p.idle = p.idle[:n-1]
			p.inUse++
			p.mu.Unlock()
			return it, nil
		}
		if p.total < p.max {
			p.total++
			p.inUse++
			p.inits++
			p.mu.Unlock()
			it, err := p.newFn()
			if err != nil {
				p.mu.Lock()
				p.total--
				p.inUse--
				p.notifyLocked()
				p.mu.Unlock()
				return zero, err
			}
			return it, nil
		}
		ch := p.changed
		p.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return zero, ctx.Err()
		}
	}
}

// put returns an item obtained from get. The caller must have reset it.
// After close the item is freed instead of kept.
func (p *pool[T]) put(it T) {
	p.mu.Lock()
	p.inUse--
	if p.closed {
		p.total--
		p.mu.Unlock()
		p.freeFn(it)
		return
	}
	p.idle = append(p.idle, it)
	p.notifyLocked()
	p.mu.Unlock()
}

// discard drops an item obtained from get that must not be reused (its
// state is unknown after a decoder error), making room for a new one.
func (p *pool[T]) discard(it T) {
	p.mu.Lock()
	p.inUse--
	p.total--
	p.notifyLocked()
	p.mu.Unlock()
	p.freeFn(it)
}

// counts reports items in use and idle, and how many were ever created.
func (p *pool[T]) counts() (inUse, idle int, inits int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.inUse, len(p.idle), p.inits
}

// close frees idle items now and items in use when they are put back, and
// makes waiting and future gets fail. Idempotent.
func (p *pool[T]) close() {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return
	}
	p.closed = true
	idle := p.idle
	p.idle = nil
	p.total -= len(idle)
	p.notifyLocked()
	p.mu.Unlock()
	for _, it := range idle {
		p.freeFn(it)
	}
}
