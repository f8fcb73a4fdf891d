package bus

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go/jetstream"
)

// runServer starts a real nats-server with JetStream on a loopback port.
func runServer(t *testing.T, port int, storeDir string) *server.Server {
	t.Helper()
	s, err := server.NewServer(&server.Options{
		Host: "127.0.0.1", Port: port, JetStream: true, StoreDir: storeDir, NoSigs: true, NoLog: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	go s.Start()
	if !s.ReadyForConnections(10 * time.Second) {
		t.Fatal("nats-server not ready")
	}
	return s
}

func waitFor(t *testing.T, what string, d time.Duration, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", d, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func streamMsgs(t *testing.T, c *Conn, name string) uint64 {
	t.Helper()
	s, err := c.JS.Stream(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return info.State.Msgs
}

func TestEmbeddedDeduplicatesSegments(t *testing.T) {
	ctx := context.Background()
	c, err := Connect(ctx, Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	seg := Segment{CallID: "call-1", Seq: 1, Track: TrackCaller, Text: "hello", Final: true}
	for range 3 {
		if err := c.PublishSegment(ctx, seg); err != nil {
			t.Fatal(err)
		}
	}
	seg.Seq = 2
	if err := c.PublishSegment(ctx, seg); err != nil {
		t.Fatal(err)
	}
	if n := streamMsgs(t, c, SegmentStream); n != 2 {
		t.Fatalf("stream holds %d messages, want 2 (duplicates not dropped)", n)
	}
	a := Alert{CallID: "call-1", Flag: Flag{Category: "verification_code"}}
	for range 2 {
		if err := c.PublishAlert(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	if n := streamMsgs(t, c, AlertStream); n != 1 {
		t.Fatalf("alert stream holds %d, want 1", n)
	}
}

// TestOutboxSurvivesServerRestart kills the NATS server mid-call and
// restarts it: every segment must be stored once, in order.
func TestOutboxSurvivesServerRestart(t *testing.T) {
	ctx := context.Background()
	store := t.TempDir()
	srv := runServer(t, -1, store)
	port := srv.Addr().(interface{ String() string }).String()
	url := "nats://" + port
	c, err := Connect(ctx, Config{URL: url, PingInterval: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	out := c.NewOutbox(1000)
	const n = 300
	for i := 1; i <= n; i++ {
		if i == 100 {
			waitFor(t, "first 99 stored", 5*time.Second, func() bool { return out.Pending() == 0 })
			srv.Shutdown()
			srv.WaitForShutdown()
		}
		if i == 200 {
			_, p, _ := splitHostPort(port)
			srv = runServer(t, p, store)
		}
		seg := Segment{CallID: "restart", Seq: uint64(i), Text: fmt.Sprint("segment ", i), Final: true}
		if err := out.PublishSegment(seg); err != nil {
			t.Fatalf("segment %d: %v", i, err)
		}
	}
	cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := out.Close(cctx); err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	cons, err := c.JS.OrderedConsumer(ctx, SegmentStream, jetstream.OrderedConsumerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	batch, err := cons.Fetch(n+10, jetstream.FetchMaxWait(2*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	var want uint64 = 1
	for m := range batch.Messages() {
		s, err := DecodeSegment(m.Data())
		if err != nil {
			t.Fatal(err)
		}
		if s.Seq != want {
			t.Fatalf("got seq %d, want %d (lost, duplicated or reordered)", s.Seq, want)
		}
		want++
	}
	if want != n+1 {
		t.Fatalf("stored %d segments, want %d", want-1, n)
	}
}

func TestOutboxBackpressureWhenNATSDown(t *testing.T) {
	ctx := context.Background()
	srv := runServer(t, -1, t.TempDir())
	c, err := Connect(ctx, Config{URL: srv.ClientURL()})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	srv.Shutdown()
	srv.WaitForShutdown()
	out := c.NewOutbox(5)
	var err2 error
	start := time.Now()
	for i := 1; i <= 50 && err2 == nil; i++ {
		err2 = out.PublishSegment(Segment{CallID: "down", Seq: uint64(i), Final: true})
	}
	if !errors.Is(err2, ErrBackpressure) {
		t.Fatalf("want ErrBackpressure, got %v", err2)
	}
	if d := time.Since(start); d > time.Second {
		t.Fatalf("publishing into a full outbox blocked for %s", d)
	}
	waitFor(t, "Healthy() to report the outage", 5*time.Second, func() bool { return c.Healthy() != nil })
	cctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	if err := out.Close(cctx); err == nil {
		t.Fatal("Close reported success with unsent messages")
	}
}

func TestDecodeRejectsBadMessages(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"empty", ``},
		{"not json", `hello`},
		{"no version", `{"call_id":"a","seq":1}`},
		{"future version", `{"v":99,"call_id":"a","seq":1}`},
		{"bad call id", `{"v":1,"call_id":"a.b","seq":1}`},
		{"wildcard call id", `{"v":1,"call_id":"*","seq":1}`},
		{"zero seq", `{"v":1,"call_id":"a","seq":0}`},
		{"bad track", `{"v":1,"call_id":"a","seq":1,"track":"robot"}`},
		{"wrong types", `{"v":"1","call_id":5}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := DecodeSegment([]byte(tt.in)); !errors.Is(err, ErrBadMessage) {
				t.Fatalf("DecodeSegment(%q) = %v, want ErrBadMessage", tt.in, err)
			}
		})
	}
	if _, err := DecodeEvent([]byte(`{"v":1,"call_id":"a","type":"explode"}`)); !errors.Is(err, ErrBadMessage) {
		t.Fatalf("DecodeEvent unknown type: %v", err)
	}
}

func TestRoundTrip(t *testing.T) {
	in := Segment{CallID: "abc_1-2", Seq: 7, Track: TrackCallee, Start: 1.5, End: 2.25, Text: "read me the code", Final: true, Confidence: 0.8, Keywords: []string{"code"}}
	b, err := Encode(&in)
	if err != nil {
		t.Fatal(err)
	}
	out, err := DecodeSegment(b)
	if err != nil {
		t.Fatal(err)
	}
	if out.V != SchemaVersion || out.Text != in.Text || out.Seq != in.Seq || out.Track != in.Track || out.End != in.End || len(out.Keywords) != 1 {
		t.Fatalf("round trip: %+v != %+v", out, in)
	}
}

func FuzzDecodeSegment(f *testing.F) {
	f.Add([]byte(`{"v":1,"call_id":"a","seq":1,"track":"caller","text":"hi","final":true}`))
	f.Add([]byte(`{"v":1,"call_id":"` + string(make([]byte, 70)) + `","seq":1}`))
	f.Add([]byte(`{"v":1,"call_id":"a","seq":18446744073709551615,"start":1e308,"keywords":[null]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := DecodeSegment(b)
		if err != nil {
			return
		}
		if ValidateCallID(s.CallID) != nil || s.Seq == 0 {
			t.Fatalf("accepted invalid segment %+v", s)
		}
		if _, err := Encode(&s); err != nil {
			t.Fatalf("re-encode: %v", err)
		}
	})
}

// TestOutboxReportsRefusedMessages: a message the server refuses for good
// (larger than max_payload) is not retried forever, and Close says so.
func TestOutboxReportsRefusedMessages(t *testing.T) {
	c, err := Connect(context.Background(), Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	out := c.NewOutbox(4)
	huge := Segment{CallID: "big", Seq: 1, Final: true, Text: string(make([]byte, 2<<20))}
	if err := out.PublishSegment(huge); err != nil {
		t.Fatal(err)
	}
	if err := out.PublishSegment(Segment{CallID: "big", Seq: 2, Final: true, Text: "fine"}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := out.Close(ctx); err == nil || !strings.Contains(err.Error(), "dropped 1") {
		t.Fatalf("Close = %v, want a report of 1 dropped message", err)
	}
	if n := streamMsgs(t, c, SegmentStream); n != 1 {
		t.Fatalf("stream holds %d messages, want the 1 that fit", n)
	}
}

func TestRetry(t *testing.T) {
	c, err := Connect(context.Background(), Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	tries := 0
	err = c.Retry(context.Background(), "thing", func(context.Context) error {
		if tries++; tries < 3 {
			return errors.New("no suitable peers")
		}
		return nil
	})
	if err != nil || tries != 3 {
		t.Fatalf("Retry: %v after %d tries", err, tries)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 600*time.Millisecond)
	defer cancel()
	err = c.Retry(ctx, "thing", func(context.Context) error { return errors.New("never") })
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "never") {
		t.Fatalf("Retry until the deadline: %v", err)
	}
}
