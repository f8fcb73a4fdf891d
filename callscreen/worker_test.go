package callscreen

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/callscreen/callscreen/bus"
	"github.com/callscreen/callscreen/classify"
)

// workerEnv is an embedded NATS server with n workers sharing the calls.
type workerEnv struct {
	conn   *bus.Conn
	cancel context.CancelFunc
	wg     sync.WaitGroup
	w      []*Worker
}

func newWorkerEnv(tb testing.TB, n int) *workerEnv {
	tb.Helper()
	conn, err := bus.Connect(context.Background(), bus.Config{DataDir: tb.TempDir()})
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	e := &workerEnv{conn: conn, cancel: cancel}
	det := classify.New()
	for range n {
		w, err := NewWorker(WorkerConfig{Bus: conn, Detector: det})
		if err != nil {
			tb.Fatal(err)
		}
		e.w = append(e.w, w)
		e.wg.Add(1)
		go func() {
			defer e.wg.Done()
			if err := w.Run(ctx); err != nil {
				tb.Errorf("worker: %v", err)
			}
		}()
	}
	tb.Cleanup(func() {
		cancel()
		e.wg.Wait()
		conn.Close()
	})
	for _, w := range e.w {
		select {
		case <-w.Ready():
		case <-time.After(10 * time.Second):
			tb.Fatal("worker not ready after 10s")
		}
	}
	return e
}

// collect subscribes to every alert and verdict.
type collected struct {
	mu       sync.Mutex
	alerts   map[string][]string // call → categories, in arrival order
	verdicts map[string]bus.Verdict
}

func (e *workerEnv) collect(tb testing.TB) *collected {
	c := &collected{alerts: map[string][]string{}, verdicts: map[string]bus.Verdict{}}
	// One subscription, so that a call's alerts (stored, hence republished,
	// before its verdict) arrive before the verdict.
	sub, err := e.conn.NC.Subscribe(bus.LivePrefix+">", func(m *nats.Msg) {
		c.mu.Lock()
		defer c.mu.Unlock()
		if strings.HasPrefix(m.Subject, bus.LiveAlertPrefix) {
			if a, err := bus.DecodeAlert(m.Data); err == nil {
				c.alerts[a.CallID] = append(c.alerts[a.CallID], a.Flag.Category)
			}
		} else if v, err := bus.DecodeVerdict(m.Data); err == nil {
			c.verdicts[v.CallID] = v
		}
	})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { sub.Unsubscribe() })
	if err := e.conn.NC.Flush(); err != nil {
		tb.Fatal(err)
	}
	return c
}

func (c *collected) waitVerdicts(tb testing.TB, n int) {
	tb.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		c.mu.Lock()
		got := len(c.verdicts)
		c.mu.Unlock()
		if got >= n {
			return
		}
		if time.Now().After(deadline) {
			tb.Fatalf("%d of %d verdicts after 30s", got, n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestWorkersShareCallsConsistently runs calls whose requests are split
// across segments through two workers: each call must be judged on its
// whole transcript, with one alert per category.
func TestWorkersShareCallsConsistently(t *testing.T) {
	e := newWorkerEnv(t, 2)
	got := e.collect(t)
	scripts := map[string]struct {
		lines []string
		want  []string
	}{
		"split": {[]string{"hello this is amazon customer support", "there is an order for an iphone on your account", "to cancel it can you read me the", "six digit code we just texted you", "read me the code now please"}, []string{"verification_code"}},
		"two":   {[]string{"this is the fraud team at your bank", "we need your card number to secure the account", "and then go to the store and buy two google play gift cards"}, []string{"banking_details", "gift_card"}},
		"legit": {[]string{"hi it's the dental office", "just reminding you of your appointment on tuesday at ten", "call us back if you need to reschedule"}, nil},
	}
	out := e.conn.NewOutbox(0)
	const copies = 8
	var ids []string
	for c := range copies {
		for name, s := range scripts {
			id := fmt.Sprintf("%s-%d", name, c)
			ids = append(ids, id)
			if err := out.PublishEvent(bus.Event{CallID: id, Type: bus.EventStart, Source: bus.SourceText}); err != nil {
				t.Fatal(err)
			}
			for i, l := range s.lines {
				if err := out.PublishSegment(bus.Segment{CallID: id, Seq: uint64(i + 1), Track: bus.TrackCaller, Text: l, Final: true}); err != nil {
					t.Fatal(err)
				}
			}
			if err := out.PublishEvent(bus.Event{CallID: id, Type: bus.EventEnd, LastSeq: uint64(len(s.lines))}); err != nil {
				t.Fatal(err)
			}
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := out.Close(ctx); err != nil {
		t.Fatal(err)
	}
	got.waitVerdicts(t, len(ids))
	got.mu.Lock()
	defer got.mu.Unlock()
	for _, id := range ids {
		var name string
		fmt.Sscanf(id, "%[^-]", &name)
		for n := range scripts {
			if len(id) > len(n) && id[:len(n)+1] == n+"-" {
				name = n
			}
		}
		want := append([]string(nil), scripts[name].want...)
		have := append([]string(nil), got.alerts[id]...)
		sort.Strings(want)
		sort.Strings(have)
		if fmt.Sprint(have) != fmt.Sprint(want) {
			t.Errorf("call %s: alerts %v, want %v (each exactly once)", id, have, want)
		}
		v := got.verdicts[id]
		wantVerdict := bus.VerdictClean
		if len(want) > 0 {
			wantVerdict = bus.VerdictScam
		}
		if v.Verdict != wantVerdict || v.Segments != len(scripts[name].lines) {
			t.Errorf("call %s: verdict %q over %d segments, want %q over %d", id, v.Verdict, v.Segments, wantVerdict, len(scripts[name].lines))
		}
	}
	var total WorkerStats
	for _, w := range e.w {
		s := w.Stats()
		total.Segments += s.Segments
		if s.Verdicts == 0 {
			t.Logf("worker %p judged no call (the split is up to the server)", w)
		}
	}
	if total.Segments < uint64(len(ids)) {
		t.Errorf("workers applied %d segments", total.Segments)
	}
}

// TestWorkerSkipsMalformedMessages publishes garbage onto the stored
// subjects: the worker skips it and keeps classifying.
func TestWorkerSkipsMalformedMessages(t *testing.T) {
	e := newWorkerEnv(t, 1)
	got := e.collect(t)
	ctx := context.Background()
	for i, bad := range []string{"", "not json", `{"v":1,"call_id":"x","seq":0}`, `{"v":9,"call_id":"x","seq":1}`, "\xff\xfe"} {
		if _, err := e.conn.JS.Publish(ctx, bus.SegmentSubject("bad"), []byte(bad), nil...); err != nil {
			t.Fatalf("publish %d: %v", i, err)
		}
	}
	if err := e.conn.NC.Publish(bus.PartialSubject("bad"), []byte("{")); err != nil {
		t.Fatal(err)
	}
	if _, err := Judge(ctx, e.conn, "good", bus.SourceText, []bus.Segment{{Seq: 1, Text: "what is the pin for your debit card"}}, 20*time.Second); err != nil {
		t.Fatal(err)
	}
	got.waitVerdicts(t, 1)
	deadline := time.Now().Add(10 * time.Second)
	for e.w[0].Stats().Skipped < 5 {
		if time.Now().After(deadline) {
			t.Fatalf("skipped %d bad messages, want 5", e.w[0].Stats().Skipped)
		}
		time.Sleep(10 * time.Millisecond)
	}
	got.mu.Lock()
	defer got.mu.Unlock()
	if v := got.verdicts["good"]; v.Verdict != bus.VerdictScam {
		t.Fatalf("verdict after garbage: %+v", v)
	}
}

// TestPartialAlertsBeforeFinal checks that a request heard in a partial
// segment alerts at once, and that the final does not alert again.
func TestPartialAlertsBeforeFinal(t *testing.T) {
	e := newWorkerEnv(t, 1)
	got := e.collect(t)
	seg := bus.Segment{CallID: "p", Seq: 1, Track: bus.TrackCaller, Text: "sir please read me the verification code", Final: false}
	b, _ := bus.Encode(&seg)
	if err := e.conn.NC.Publish(bus.PartialSubject("p"), b); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		got.mu.Lock()
		n := len(got.alerts["p"])
		got.mu.Unlock()
		if n == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no alert from the partial segment")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if _, err := Judge(context.Background(), e.conn, "p", bus.SourceLive, []bus.Segment{{Seq: 1, Track: bus.TrackCaller, Text: seg.Text + " we sent you"}}, 20*time.Second); err != nil {
		t.Fatal(err)
	}
	got.waitVerdicts(t, 1)
	got.mu.Lock()
	defer got.mu.Unlock()
	if n := len(got.alerts["p"]); n != 1 {
		t.Fatalf("%d alerts, want exactly 1", n)
	}
}

// BenchmarkSegmentToAlert measures a segment published → its alert
// received, through the embedded server and one worker.
func BenchmarkSegmentToAlert(b *testing.B) {
	e := newWorkerEnv(b, 1)
	alerts := make(chan time.Time, 1)
	sub, err := e.conn.NC.Subscribe(bus.LiveAlertPrefix+"*", func(*nats.Msg) { alerts <- time.Now() })
	if err != nil {
		b.Fatal(err)
	}
	defer sub.Unsubscribe()
	e.conn.NC.Flush()
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		id := fmt.Sprintf("bench-%d", i)
		seg := bus.Segment{CallID: id, Seq: 1, Track: bus.TrackCaller, Text: "this is your bank please confirm the card number and cvv", Final: true}
		start := time.Now()
		if err := e.conn.PublishSegment(context.Background(), seg); err != nil {
			b.Fatal(err)
		}
		select {
		case at := <-alerts:
			lat = append(lat, at.Sub(start))
		case <-time.After(10 * time.Second):
			b.Fatal("no alert")
		}
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, "p95-ms")
}
