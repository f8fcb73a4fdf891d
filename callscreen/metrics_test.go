package callscreen

import (
	"context"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/callscreen/callscreen/bus"
	"github.com/callscreen/callscreen/classify"
)

func TestMetricsReflectWorker(t *testing.T) {
	conn, err := bus.Connect(context.Background(), bus.Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	m := NewMetrics(conn)
	w, err := NewWorker(WorkerConfig{Bus: conn, Detector: classify.New()})
	if err != nil {
		t.Fatal(err)
	}
	m.AddWorker(w)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); w.Run(ctx) }()
	defer func() { cancel(); <-done }()
	<-w.Ready()

	if _, err := Judge(ctx, conn, "m1", bus.SourceText, []bus.Segment{{Seq: 1, Track: bus.TrackCaller, Text: "go to the store and buy three apple gift cards and read me the numbers"}}, 20*time.Second); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`callscreen_alerts_total{category="gift_card"} 1`,
		"callscreen_segments_total 1",
		"callscreen_verdicts_total 1",
		"callscreen_nats_connected 1",
		"callscreen_queue_lag 0",
		`callscreen_alert_latency_seconds_count{category="gift_card"} 1`,
	}
	// The verdict reaches Judge before the worker counts it: poll.
	deadline := time.Now().Add(10 * time.Second)
	for {
		rec := httptest.NewRecorder()
		m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
		body, _ := io.ReadAll(rec.Body)
		var missing []string
		for _, w := range want {
			if !strings.Contains(string(body), w) {
				missing = append(missing, w)
			}
		}
		if len(missing) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("metrics lack %q", missing)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
