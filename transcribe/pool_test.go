package transcribe

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestPool(t *testing.T) {
	var created, freed atomic.Int64
	p := newPool(2, func() (*int, error) {
		n := int(created.Add(1))
		return &n, nil
	}, func(*int) { freed.Add(1) })
	ctx := context.Background()

	a, err := p.get(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p.put(a)
	b, _ := p.get(ctx)
	if b != a {
		t.Errorf("idle item not reused")
	}
	c, _ := p.get(ctx)
	if inUse, idle, inits := p.counts(); inUse != 2 || idle != 0 || inits != 2 {
		t.Errorf("counts %d %d %d", inUse, idle, inits)
	}

	// At the cap get waits, and honours ctx.
	short, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	if _, err := p.get(short); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("get at cap: %v", err)
	}
	got := make(chan *int)
	go func() {
		d, err := p.get(ctx)
		if err != nil {
			t.Error(err)
		}
		got <- d
	}()
	p.put(c)
	select {
	case d := <-got:
		if d != c {
			t.Errorf("waiter got a new item instead of the returned one")
		}
		p.put(d)
	case <-time.After(5 * time.Second):
		t.Fatal("waiter not woken by put")
	}

	// A failed creation frees its slot.
	p.newFn = func() (*int, error) { return nil, errors.New("boom") }
	c, _ = p.get(ctx) // the idle one
	p.discard(b)
	if _, err := p.get(ctx); err == nil {
		t.Fatal("want creation error")
	}
	p.put(c)
	if _, _, inits := p.counts(); inits != 3 {
		t.Errorf("inits %d", inits)
	}

	p.close()
	p.close()
	if _, err := p.get(ctx); !errors.Is(err, errPoolClosed) {
		t.Errorf("get after close: %v", err)
	}
	if created.Load() != 2 || freed.Load() != 2 { // b discarded, c freed by close
		t.Errorf("created %d freed %d", created.Load(), freed.Load())
	}
}

func TestPoolConcurrent(t *testing.T) {
	var live, maxLive atomic.Int64
	p := newPool(3, func() (*int, error) { return new(int), nil }, func(*int) {})
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				it, err := p.get(context.Background())
				if err != nil {
					t.Error(err)
					return
				}
				n := live.Add(1)
				for {
					m := maxLive.Load()
					if n <= m || maxLive.CompareAndSwap(m, n) {
						break
					}
				}
				live.Add(-1)
				p.put(it)
			}
		}()
	}
	wg.Wait()
	if maxLive.Load() > 3 {
		t.Errorf("%d items in use at once, cap 3", maxLive.Load())
	}
	if _, _, inits := p.counts(); inits > 3 {
		t.Errorf("%d items created, cap 3", inits)
	}
}
