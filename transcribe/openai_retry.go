package transcribe

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// maxRetryAfterParse bounds what parseRetryAfter returns, so absurd values
// neither overflow nor matter: the engine gives up on waits beyond
// OpenAIConfig.MaxRetryAfter anyway.
const maxRetryAfterParse = 24 * time.Hour

// parseRetryAfter parses an HTTP Retry-After value, either delay-seconds
// (fractions tolerated, as some servers send them) or an HTTP-date taken
// relative to now. It reports false when v is neither. The result is
// clamped to [0, 24h].
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if isDecimal(v) {
		secs, err := strconv.ParseFloat(v, 64)
		if err != nil || secs >= maxRetryAfterParse.Seconds() {
			// Only a range error is possible here: the digits are valid.
			return maxRetryAfterParse, true
		}
		return time.Duration(secs * float64(time.Second)), true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	d := t.Sub(now)
	return min(max(d, 0), maxRetryAfterParse), true
}

// isDecimal reports whether s is digits with at most one '.', with at
// least one digit; strconv.ParseFloat alone would also accept "inf", hex
// and exponents.
func isDecimal(s string) bool {
	digits, dots := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			dots++
		default:
			return false
		}
	}
	return digits > 0 && dots <= 1
}

// backoff returns the wait before retry number attempt+1: "full jitter",
// uniform in [0, min(max, base·2^attempt)], which spreads the retries of
// many streams hitting the same endpoint.
func retryBackoff(attempt int, base, ceiling time.Duration) time.Duration {
	d := ceiling
	if attempt < 30 && base<<attempt < ceiling && base<<attempt > 0 {
		d = base << attempt
	}
	if d <= 0 {
		return 0
	}
	return rand.N(d + 1)
}

// retrySleep waits for d or until ctx is done.
func retrySleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// respInfoKey keys the per-request *respInfo in the request context, so
// the recording doer can hand the status and Retry-After of one request
// back to the attempt that made it: go-openai drops the headers of failed
// responses.
type respInfoKey struct{}

type respInfo struct {
	status     int
	retryAfter string
}

// errResponseTooLarge ends reading an answer bigger than any transcript of
// one chunk could be, so a broken endpoint cannot make us buffer forever.
var errResponseTooLarge = errors.New("transcribe: openai: response too large")

// recordingDoer wraps the HTTP client: it records the status and
// Retry-After of each response into the request's respInfo and bounds the
// size of the response body.
type recordingDoer struct {
	next    openai.HTTPDoer
	maxBody int64
}

func (d recordingDoer) Do(req *http.Request) (*http.Response, error) {
	resp, err := d.next.Do(req)
	if err != nil || resp == nil {
		return resp, err
	}
	if info, ok := req.Context().Value(respInfoKey{}).(*respInfo); ok {
		info.status = resp.StatusCode
		info.retryAfter = resp.Header.Get("Retry-After")
	}
	resp.Body = &limitedBody{rc: resp.Body, left: d.maxBody}
	return resp, nil
}

type limitedBody struct {
	rc   io.ReadCloser
	left int64
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		// Distinguish "exactly at the limit" from "over it".
		var one [1]byte
		n, err := b.rc.Read(one[:])
		if n > 0 {
			return 0, errResponseTooLarge
		}
		return 0, err
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *limitedBody) Close() error { return b.rc.Close() }
