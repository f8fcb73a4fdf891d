package clustertest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/callscreen/callscreen/bus"
	"github.com/callscreen/callscreen/callscreen"
	"github.com/callscreen/callscreen/classify"
)

// BenchmarkWorkers measures classification throughput on an R3 cluster
// with 1 and 2 workers sharing the "classifier" consumer. Each iteration
// stores a backlog of 200 calls × 30 segments (untimed), then times the
// workers from start until every call has its verdict and the consumer
// has nothing pending. Run it with a fixed count (-benchtime=3x): the
// untimed publishing dominates wall time, so b.N must not grow with it.
func BenchmarkWorkers(b *testing.B) {
	const (
		calls    = 200
		segments = 30
	)
	det := classify.New()
	for _, n := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", n), func(b *testing.B) {
			ctx := context.Background()
			c := startCluster(b, 3, false)
			media := connect(ctx, b, c, "media", 3)
			inspect := connect(ctx, b, c, "inspect", 3)
			var conns []*bus.Conn
			for i := range n {
				conns = append(conns, connect(ctx, b, c, fmt.Sprintf("worker-%d", i+1), 3))
			}
			// A worker that sees a gap in a call's sequence catches up with
			// direct gets of the segments it missed; count them to show
			// what splitting calls between workers costs.
			var reads atomic.Int64
			for _, subj := range []string{"$JS.API.DIRECT.GET." + bus.SegmentStream, "$JS.API.STREAM.MSG.GET." + bus.SegmentStream} {
				sub, err := inspect.NC.Subscribe(subj, func(*nats.Msg) { reads.Add(1) })
				if err != nil {
					b.Fatal(err)
				}
				defer sub.Unsubscribe()
			}
			if err := inspect.NC.Flush(); err != nil {
				b.Fatal(err)
			}
			var judged time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				scripts := makeScripts(b, det, fmt.Sprintf("w%d-i%d", n, i), calls, segments, uint64(i))
				if err := produceAll(ctx, media, scripts); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				start := time.Now()
				stop := runWorkers(b, conns, det)
				if err := waitDone(ctx, inspect.JS, calls*(i+1)); err != nil {
					b.Fatal(err)
				}
				judged += time.Since(start)
				b.StopTimer()
				if err := stop(); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
			b.ReportMetric(float64(b.N*calls*segments)/judged.Seconds(), "segments/s")
			// Only the workers' durable consumer should exist: catch-up
			// reads create none.
			if st, err := inspect.JS.Stream(ctx, bus.SegmentStream); err == nil {
				if si, err := st.Info(ctx); err == nil {
					b.ReportMetric(float64(si.State.Consumers), "consumers")
				}
			}
			b.ReportMetric(float64(reads.Load())/float64(b.N*calls*segments), "catch-up-reads/segment")
			b.ReportMetric(0, "ns/op") // per-iteration time includes worker start-up; segments/s is the number
		})
	}
}

// produceAll stores every call's segments and events at full speed, the
// calls concurrently, as a backlog for the workers.
func produceAll(ctx context.Context, conn *bus.Conn, scripts []script) error {
	var wg sync.WaitGroup
	var progress atomic.Int64
	errs := make(chan error, len(scripts))
	for _, s := range scripts {
		wg.Go(func() {
			if err := produce(ctx, conn, s, func() time.Duration { return 0 }, &progress); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	return errors.Join(<-errs)
}

// runWorkers starts one worker per connection and returns a function that
// stops them and waits for them.
func runWorkers(tb testing.TB, conns []*bus.Conn, det *classify.Detector) (stop func() error) {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	errs := make(chan error, len(conns))
	for _, conn := range conns {
		w, err := callscreen.NewWorker(callscreen.WorkerConfig{Bus: conn, Detector: det, Logger: testLogger()})
		if err != nil {
			tb.Fatal(err)
		}
		wg.Go(func() {
			if err := w.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
				errs <- err
			}
		})
	}
	return func() error {
		cancel()
		wg.Wait()
		close(errs)
		return errors.Join(<-errs)
	}
}

// BenchmarkPublishR3 measures what a producer waits for: one final
// segment stored on an R3 stream and acknowledged, 20 publishers at once,
// with nats-server's default fsync interval and with fsync before every
// acknowledgement (sync_interval: always, which deploy/ uses).
func BenchmarkPublishR3(b *testing.B) {
	for _, tc := range []struct {
		name       string
		syncAlways bool
	}{{"sync=default", false}, {"sync=always", true}} {
		b.Run(tc.name, func(b *testing.B) {
			ctx := context.Background()
			c := startCluster(b, 3, tc.syncAlways)
			conn := connect(ctx, b, c, "media", 3)
			var next atomic.Uint64
			b.SetParallelism(10) // 10 × GOMAXPROCS publishers: ≈ 20 calls on this machine
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				call := fmt.Sprintf("bench-%d", next.Add(1))
				var seq uint64
				for pb.Next() {
					seq++
					seg := bus.Segment{CallID: call, Seq: seq, Track: bus.TrackCaller, Text: "are you still there", Final: true}
					if err := conn.PublishSegment(ctx, seg); err != nil {
						b.Error(err)
						return
					}
				}
			})
			b.StopTimer()
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "segments/s")
		})
	}
}
