package callscreen

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/callscreen/callscreen/bus"
	"github.com/callscreen/callscreen/classify"
)

// fillStore writes n call records through the store, as the recorder
// would, spread over the retention period.
func fillStore(tb testing.TB, st *Store, n int) {
	tb.Helper()
	ctx := context.Background()
	cats := classify.Categories()
	verdicts := []string{bus.VerdictScam, bus.VerdictClean, bus.VerdictClean, bus.VerdictSuspicious}
	now := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += 8 {
				_, err := st.Update(ctx, fmt.Sprintf("bench-%05d", i), true, func(r *CallRecord) bool {
					r.Started = now.Add(-time.Duration(i) * 4 * time.Minute)
					r.Source = []string{bus.SourceLive, bus.SourceVoicemail}[i%2]
					r.Verdict = verdicts[i%len(verdicts)]
					r.Risk = float64(i%100) / 100
					r.Duration = float64(30 + i%300)
					if r.Verdict == bus.VerdictScam {
						c := cats[i%len(cats)]
						r.Categories = []string{c}
						r.Flags = []bus.Flag{{Category: c, Text: "please read me the code we just sent you", Start: 12, End: 15, Track: bus.TrackCaller}}
						r.Advice = classify.Advice(c)
					}
					if i%7 == 0 {
						r.Feedback = FeedbackScam
					}
					return true
				})
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkReviewList10k renders the call list page with 10,000 stored
// calls through the real handler and reports the 95th percentile latency.
func BenchmarkReviewList10k(b *testing.B) {
	e := newStoreEnv(b)
	fillStore(b, e.store, 10000)
	// A fresh store loads its index from the bucket, as after a restart.
	start := time.Now()
	e.reopen()
	b.Logf("index of %d calls loaded in %s", e.store.Count(""), time.Since(start))
	if e.store.Count("") != 10000 {
		b.Fatalf("index holds %d calls", e.store.Count(""))
	}
	users, _ := testUsers(b, reviewToken)
	rv, err := NewReview(ReviewConfig{Store: e.store, Users: users, Location: time.UTC})
	if err != nil {
		b.Fatal(err)
	}
	mux := http.NewServeMux()
	rv.Register(mux, func(h http.Handler) http.Handler { return h })
	ss := rv.sessions.create(Identity{User: AdminUser, Admin: true})
	cases := []struct {
		name, query string
		dirty       bool // a write landed since the last listing: the index is re-sorted
	}{
		{"newest", "", false},
		{"newest-after-write", "", true},
		{"filtered", "?verdict=scam&category=gift_card&source=live", false},
		{"date-range", "?from=" + time.Now().AddDate(0, 0, -20).UTC().Format(dateLayout) + "&to=" + time.Now().AddDate(0, 0, -10).UTC().Format(dateLayout), false},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var lat []time.Duration
			for b.Loop() {
				if c.dirty {
					e.store.mu.Lock()
					e.store.dirty = true
					e.store.mu.Unlock()
				}
				req := httptest.NewRequest("GET", "/review/"+c.query, nil)
				req.AddCookie(&http.Cookie{Name: SessionCookie, Value: ss.id})
				w := httptest.NewRecorder()
				t0 := time.Now()
				mux.ServeHTTP(w, req)
				lat = append(lat, time.Since(t0))
				if w.Code != 200 || w.Body.Len() < 10000 {
					b.Fatalf("status %d, %d bytes", w.Code, w.Body.Len())
				}
			}
			slices.Sort(lat)
			p := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))]) / 1e6 }
			b.ReportMetric(p(0.50), "p50-ms")
			b.ReportMetric(p(0.95), "p95-ms")
			if p95 := p(0.95); p95 > 100 {
				b.Errorf("p95 %.1f ms exceeds the 100 ms target", p95)
			}
		})
	}
}
