package clustertest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/callscreen/callscreen/bus"
	"github.com/callscreen/callscreen/classify"
)

// TestClusterFailover is RELIABILITY scenarios 1 and 2 on a real R3
// cluster: 20 concurrent calls at a speaking pace while one NATS node and
// one of two workers are taken away mid-call. Every segment must be
// stored once and in order, every scam call alerted exactly once per
// category, no legitimate call alerted, and every call judged.
func TestClusterFailover(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a 3-node NATS cluster")
	}
	const (
		calls    = 20
		segments = 30
	)
	det := classify.New()
	for _, tc := range []struct {
		name string
		// victim picks the node to kill once a quarter of the segments are out.
		victim func(c *cluster) int
		// restart brings the node back once 70 % of the segments are out,
		// so its replicas must catch up while calls go on.
		restart bool
	}{
		{"follower", func(c *cluster) int { return (c.streamLeader(bus.SegmentStream) + 1) % 3 }, false},
		{"stream-leader-bounced", func(c *cluster) int { return c.streamLeader(bus.SegmentStream) }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Producers are waited for after ctx is cancelled, whichever
			// way the test ends.
			var wg sync.WaitGroup
			defer wg.Wait()
			ctx, cancel := context.WithTimeout(t.Context(), 120*time.Second)
			defer cancel()
			c := startCluster(t, 3, false)
			media := []*bus.Conn{connect(ctx, t, c, "media-1", 3), connect(ctx, t, c, "media-2", 3)}
			inspect := connect(ctx, t, c, "inspect", 3)
			if err := poll(ctx, 25*time.Millisecond, func() error {
				if c.streamLeader(bus.SegmentStream) < 0 || c.streamLeader(bus.AlertStream) < 0 {
					return fmt.Errorf("streams have no leader yet")
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			// Connect everything before any worker starts: bus.Connect
			// updates the streams, and nats-server 2.15.2 has a data race
			// between a stream update and a concurrent consumer create.
			wconns := []*bus.Conn{connect(ctx, t, c, "worker-1", 3), connect(ctx, t, c, "worker-2", 3)}
			workers := []*runningWorker{
				startWorker(t, wconns[0], det, 5*time.Second),
				startWorker(t, wconns[1], det, 5*time.Second),
			}
			scripts := makeScripts(t, det, tc.name, calls, segments, 1)

			begin := time.Now()
			var progress atomic.Int64
			var mu sync.Mutex
			var errs []error
			for i, s := range scripts {
				rng := rand.New(rand.NewPCG(uint64(i), 99))
				pace := func() time.Duration {
					return 50*time.Millisecond + time.Duration(rng.Int64N(int64(50*time.Millisecond)))
				}
				stagger := time.Duration(i) * 25 * time.Millisecond
				wg.Go(func() {
					select {
					case <-time.After(stagger):
					case <-ctx.Done():
						return
					}
					if err := produce(ctx, media[i%2], s, pace, &progress); err != nil {
						mu.Lock()
						errs = append(errs, err)
						mu.Unlock()
					}
				})
			}
			total := int64(calls * segments)
			waitProgress := func(frac float64) {
				t.Helper()
				if err := poll(ctx, 10*time.Millisecond, func() error {
					if n := progress.Load(); n < int64(frac*float64(total)) {
						return fmt.Errorf("%d of %d segments sent", n, total)
					}
					return nil
				}); err != nil {
					t.Fatal(err)
				}
			}

			waitProgress(0.25)
			victim := tc.victim(c)
			if victim < 0 {
				t.Fatal("no stream leader to pick a victim from")
			}
			c.kill(victim)
			t.Logf("killed NATS node n%d at %d/%d segments", victim+1, progress.Load(), total)

			waitProgress(0.5)
			if err := workers[0].kill(30 * time.Second); err != nil {
				t.Fatalf("kill worker: %v", err)
			}
			survivorAtKill := workers[1].w.Stats().Segments
			t.Logf("killed worker-1 at %d/%d segments; worker-2 had applied %d", progress.Load(), total, survivorAtKill)

			if tc.restart {
				waitProgress(0.7)
				if err := c.start(victim); err != nil {
					t.Fatal(err)
				}
				t.Logf("restarted node n%d at %d/%d segments", victim+1, progress.Load(), total)
			}

			wg.Wait()
			if len(errs) > 0 {
				t.Fatalf("producers: %v", errs)
			}
			t.Logf("all calls stored after %s", time.Since(begin).Round(time.Millisecond))
			if err := waitDone(ctx, inspect.JS, calls); err != nil {
				t.Errorf("waiting for verdicts: %v", err)
				t.Fatalf("survivor: %+v, connected to %s (status %v)", workers[1].w.Stats(),
					wconns[1].NC.ConnectedServerName(), wconns[1].NC.Status())
			}
			t.Logf("all calls judged after %s", time.Since(begin).Round(time.Millisecond))
			checkOutcome(ctx, t, inspect.JS, scripts)
			if got := workers[1].w.Stats().Segments; got <= survivorAtKill {
				t.Errorf("surviving worker applied %d segments after the kill, had %d before: it did not carry on", got, survivorAtKill)
			}
			if tc.restart {
				// The bounced node must rejoin the stream as a current replica.
				if err := poll(ctx, 50*time.Millisecond, func() error {
					c.mu.Lock()
					s := c.srvs[victim]
					c.mu.Unlock()
					if s == nil || !s.JetStreamIsStreamCurrent(globalAccount, bus.SegmentStream) {
						return fmt.Errorf("n%d not current on %s", victim+1, bus.SegmentStream)
					}
					return nil
				}); err != nil {
					t.Error(err)
				}
			}
		})
	}
}

// slowAlerts makes every alert publish take longer than the consumer's
// ack deadline, as a classifier stalled by a slow model or a slow bus
// would: the segment that raised the alert is redelivered, possibly to
// the other worker, while the first one is still working on it.
type slowAlerts struct {
	jetstream.JetStream
	delay  time.Duration
	slowed atomic.Int64
}

// Publish delays alerts, then publishes.
func (s *slowAlerts) Publish(ctx context.Context, subj string, data []byte, opts ...jetstream.PublishOpt) (*jetstream.PubAck, error) {
	if strings.HasPrefix(subj, bus.AlertPrefix) {
		s.slowed.Add(1)
		select {
		case <-time.After(s.delay):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return s.JetStream.Publish(ctx, subj, data, opts...)
}

// TestSlowClassifierNoDuplicateAlert is RELIABILITY scenario 5: a
// classifier slower than the ack deadline. Redelivery must happen (the
// test checks it did) and must not produce a second alert.
func TestSlowClassifierNoDuplicateAlert(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 90*time.Second)
	defer cancel()
	const ackWait = time.Second
	det := classify.New()
	c := startCluster(t, 1, false)
	media := connect(ctx, t, c, "media", 1)
	inspect := connect(ctx, t, c, "inspect", 1)
	// All connections first (see TestClusterFailover), then the workers.
	var slow []*slowAlerts
	var conns []*bus.Conn
	for i := range 2 {
		conn := connect(ctx, t, c, fmt.Sprintf("worker-%d", i+1), 1)
		conns = append(conns, conn)
		slow = append(slow, &slowAlerts{JetStream: conn.JS, delay: 2 * ackWait})
	}
	for i, conn := range conns {
		// The worker publishes through Bus.JS, so a Conn sharing the
		// connection but wrapping JetStream slows only this worker.
		startWorker(t, &bus.Conn{NC: conn.NC, JS: slow[i]}, det, ackWait)
	}
	scripts := makeScripts(t, det, "slow", 6, 12, 2)
	var progress atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, len(scripts))
	for _, s := range scripts {
		wg.Go(func() {
			if err := produce(ctx, media, s, func() time.Duration { return 20 * time.Millisecond }, &progress); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if err := waitDone(ctx, inspect.JS, len(scripts)); err != nil {
		t.Fatalf("waiting for verdicts: %v", err)
	}
	checkOutcome(ctx, t, inspect.JS, scripts)

	cons, err := inspect.JS.Consumer(ctx, bus.SegmentStream, "classifier")
	if err != nil {
		t.Fatal(err)
	}
	ci, err := cons.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Consumer sequence counts deliveries, stream sequence counts messages:
	// more deliveries than messages means something was redelivered.
	if ci.Delivered.Consumer <= ci.Delivered.Stream {
		t.Errorf("no redelivery happened (%d deliveries of %d messages): the test did not exercise the ack deadline",
			ci.Delivered.Consumer, ci.Delivered.Stream)
	}
	t.Logf("%d deliveries of %d messages; %d slowed alert publishes", ci.Delivered.Consumer, ci.Delivered.Stream,
		slow[0].slowed.Load()+slow[1].slowed.Load())
}
