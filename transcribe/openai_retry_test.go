package transcribe

import (
	"net/http"
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		in     string
		want   time.Duration
		wantOK bool
	}{
		{"", 0, false},
		{"1", time.Second, true},
		{" 120 ", 2 * time.Minute, true},
		{"0", 0, true},
		{"1.5", 1500 * time.Millisecond, true},
		{"99999999999999999999999", maxRetryAfterParse, true},
		{"-1", 0, false},
		{"+1", 0, false},
		{"1e3", 0, false},
		{"inf", 0, false},
		{"1.2.3", 0, false},
		{".", 0, false},
		{now.Add(30 * time.Second).Format(http.TimeFormat), 30 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		{now.Add(1000 * time.Hour).Format(http.TimeFormat), maxRetryAfterParse, true},
		{"Sunday, 06-Nov-94 08:49:37 GMT", 0, true}, // RFC 850, in the past
		{"soon", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

// FuzzRetryAfter checks that any header value parses without panicking to
// a delay within [0, 24h], and that a bare number of seconds parses to
// itself.
func FuzzRetryAfter(f *testing.F) {
	for _, s := range []string{"1", "120", "0.25", "Wed, 21 Oct 2015 07:28:00 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "", "-5", "1e9", "NaN"} {
		f.Add(s)
	}
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := parseRetryAfter(s, now)
		if d < 0 || d > maxRetryAfterParse {
			t.Fatalf("parseRetryAfter(%q) = %v out of range", s, d)
		}
		if !ok && d != 0 {
			t.Fatalf("parseRetryAfter(%q) = %v with ok false", s, d)
		}
	})
}

func TestRetryBackoff(t *testing.T) {
	base, ceiling := 100*time.Millisecond, time.Second
	for attempt := range 40 {
		limit := min(ceiling, base<<min(attempt, 20))
		for range 50 {
			d := retryBackoff(attempt, base, ceiling)
			if d < 0 || d > limit {
				t.Fatalf("attempt %d: backoff %v outside [0, %v]", attempt, d, limit)
			}
		}
	}
}
