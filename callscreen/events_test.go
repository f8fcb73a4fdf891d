package callscreen

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestEventsRefusals: the SSE endpoint needs the token (401) and a call in
// progress (404), and refuses a call's subscriber beyond MaxSubscribers
// (429 + Retry-After) until one leaves.
func TestEventsRefusals(t *testing.T) {
	env := newMediaEnv(t) // DefaultSSESubscribers: 8
	p := dialWHIP(t, env.url, peerOptions{noDC: true})
	p.waitConnected(t, 10*time.Second)
	id := p.callID()

	for _, tc := range []struct {
		name, id, token string
		want            int
	}{
		{"no token", id, "", http.StatusUnauthorized},
		{"wrong token", id, "not-the-token", http.StatusUnauthorized},
		{"unknown call", "nosuchcall", mediaToken, http.StatusNotFound},
		{"unknown call without token", "nosuchcall", "", http.StatusUnauthorized},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := getSSE(t, http.DefaultClient, env.url, tc.id, tc.token)
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tc.want {
				t.Fatalf("status %d, want %d: %s", res.StatusCode, tc.want, body)
			}
			if !isJSONError(body) {
				t.Errorf("no JSON error body: %q", body)
			}
			if tc.want == http.StatusUnauthorized && res.Header.Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
		})
	}

	// The cap: 8 subscribers are served, the 9th is refused.
	var open []*sseReader
	for range 8 {
		open = append(open, openSSEReader(t, http.DefaultClient, env.url, id))
	}
	res := getSSE(t, http.DefaultClient, env.url, id, mediaToken)
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" || !isJSONError(body) {
		t.Fatalf("9th subscriber: %d Retry-After=%q %s, want 429 with Retry-After and a JSON error",
			res.StatusCode, res.Header.Get("Retry-After"), body)
	}
	// One leaves: its slot is free again.
	open[0].close()
	waitMedia(t, 5*time.Second, "a freed subscriber slot", func() bool {
		res := getSSE(t, http.DefaultClient, env.url, id, mediaToken)
		defer res.Body.Close()
		return res.StatusCode == http.StatusOK
	})

	// After the call, its events are gone.
	if st := p.delete(t, env.url); st != http.StatusNoContent {
		t.Fatalf("DELETE: %d", st)
	}
	waitMedia(t, 15*time.Second, "call to end", func() bool { return env.media.ActiveCalls() == 0 })
	res = getSSE(t, http.DefaultClient, env.url, id, mediaToken)
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("events of an ended call: %d, want 404", res.StatusCode)
	}
}

// TestEventsHeartbeatAndVerdict: an idle stream gets heartbeat comment
// lines, and the stream ends (the server closes it) right after the
// verdict, its last event.
func TestEventsHeartbeatAndVerdict(t *testing.T) {
	env := newMediaEnv(t, func(c *MediaConfig) { c.SSEHeartbeat = 100 * time.Millisecond })
	p := dialWHIP(t, env.url, peerOptions{noDC: true})
	p.waitConnected(t, 10*time.Second)
	s := openSSEReader(t, http.DefaultClient, env.url, p.callID())

	s.waitFor(t, 5*time.Second, "a heartbeat comment", func(r *sseReader) bool {
		for _, c := range r.comments {
			if c == ": ping" {
				return true
			}
		}
		return false
	})
	if first := s.snapshot().comments[0]; first != ": callscreen "+p.callID() {
		t.Errorf("first line %q, want the stream's opening comment", first)
	}

	if st := p.delete(t, env.url); st != http.StatusNoContent {
		t.Fatalf("DELETE: %d", st)
	}
	s.waitEnd(t, 20*time.Second)
	got := s.snapshot()
	if got.err != nil {
		t.Errorf("stream ended with %v, want a clean end", got.err)
	}
	if n := len(got.events); n == 0 || !isFinalVerdict(got.events[n-1]) {
		t.Fatalf("stream did not end with the final verdict: %s", summarizeMsgs(got.events))
	}
	verdicts := 0
	for _, m := range got.events {
		if m.Type == MsgVerdict {
			verdicts++
		}
	}
	if verdicts != 1 {
		t.Errorf("%d verdict events, want 1", verdicts)
	}
}

// TestEventsSlowClientDropped: a subscriber that never reads is dropped
// once it is sseBuffer messages behind, while the call's loop is never held
// up by it and another subscriber keeps receiving every message, up to the
// verdict. The slow client's socket has a small receive buffer, so that the
// kernel's buffers fill after a few MB rather than tens.
func TestEventsSlowClientDropped(t *testing.T) {
	env := newMediaEnv(t)
	p := dialWHIP(t, env.url, peerOptions{noDC: true})
	p.waitConnected(t, 10*time.Second)
	id := p.callID()
	c := env.media.lookup(id, IdentityFrom(context.Background()))
	if c == nil {
		t.Fatal("call not found")
	}

	fast := openSSEReader(t, http.DefaultClient, env.url, id)
	slowClient := &http.Client{Transport: &http.Transport{
		DialContext: (&net.Dialer{Control: func(_, _ string, rc syscall.RawConn) error {
			var serr error
			err := rc.Control(func(fd uintptr) {
				serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4096)
			})
			return errors.Join(err, serr)
		}}).DialContext,
	}}
	defer slowClient.CloseIdleConnections()
	slow := getSSE(t, slowClient, env.url, id, mediaToken)
	defer slow.Body.Close()
	if slow.StatusCode != http.StatusOK {
		t.Fatalf("slow subscriber: %d", slow.StatusCode)
	}
	waitMedia(t, 5*time.Second, "both subscribers", func() bool { return c.subscribers(t) == 2 })

	// 32 KB transcript messages, in batches the fast client reads before
	// the next: the slow client falls behind, the fast one never does.
	text := strings.Repeat("x", 32<<10)
	const batch, maxMsgs = 32, 4096
	var sent uint64
	var worstOp time.Duration
	inject := func(n int) {
		t0 := time.Now()
		ok := c.inspect(func(s *liveState) {
			for range n {
				sent++
				s.fanout(Message{Type: MsgTranscript, CallID: id, Text: text, Track: "test", Seq: sent}, false)
			}
		})
		if !ok {
			t.Fatal("the call ended")
		}
		worstOp = max(worstOp, time.Since(t0))
		want := sent
		fast.waitFor(t, 10*time.Second, fmt.Sprintf("the fast client to read %d messages", want), func(r *sseReader) bool {
			return r.injected >= want
		})
	}
	for c.subscribers(t) == 2 {
		if sent >= maxMsgs {
			t.Fatalf("slow client still subscribed after %d messages (%d MB)", sent, sent*32>>10)
		}
		inject(batch)
	}
	droppedAfter := sent
	inject(batch) // the fast one still gets everything
	t.Logf("slow client dropped after %d messages (%d MB); slowest loop op %s (fanout of %d messages)",
		droppedAfter, droppedAfter*32>>10, worstOp.Round(time.Microsecond), batch)
	if worstOp > time.Second {
		t.Errorf("a fanout of %d messages held the call's loop for %s", batch, worstOp)
	}

	if st := p.delete(t, env.url); st != http.StatusNoContent {
		t.Fatalf("DELETE: %d", st)
	}
	fast.waitEnd(t, 20*time.Second)
	got := fast.snapshot()
	var seq uint64
	for _, m := range got.events {
		if m.Track != "test" {
			continue
		}
		if m.Seq != seq+1 {
			t.Fatalf("fast client: message %d after %d (lost or reordered)", m.Seq, seq)
		}
		seq = m.Seq
	}
	if seq != sent {
		t.Errorf("fast client got %d of %d messages", seq, sent)
	}
	if n := len(got.events); n == 0 || !isFinalVerdict(got.events[n-1]) {
		t.Errorf("fast client's stream did not end with the verdict")
	}

	// The slow client, reading at last, finds its stream cut short: what
	// was buffered, then the end, and no verdict.
	sr := newSSEReader(slow.Body)
	sr.waitEnd(t, 20*time.Second)
	sg := sr.snapshot()
	for _, m := range sg.events {
		if m.Type == MsgVerdict {
			t.Errorf("the dropped client got the verdict")
		}
	}
	if sg.injected >= sent {
		t.Errorf("the dropped client got all %d messages", sent)
	}
	t.Logf("the dropped client had %d messages buffered (server channel and sockets)", sg.injected)
}

// --- helpers ---------------------------------------------------------------

// inspect runs fn on the call's loop and waits for it; false when the call
// has ended.
func (c *liveCall) inspect(fn func(s *liveState)) bool {
	done := make(chan struct{})
	select {
	case c.ops <- func(_ context.Context, s *liveState) { fn(s); close(done) }:
	case <-c.loopDone:
		return false
	}
	select {
	case <-done:
		return true
	case <-c.loopDone:
		return false
	}
}

// subscribers is the call's number of SSE clients.
func (c *liveCall) subscribers(t *testing.T) int {
	t.Helper()
	n := -1
	if !c.inspect(func(s *liveState) { n = len(s.subs) }) {
		t.Fatal("the call ended")
	}
	return n
}

func getSSE(t *testing.T, client *http.Client, baseURL, callID, token string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, baseURL+"/v1/calls/"+callID+"/events", nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func isJSONError(body []byte) bool {
	var e struct{ Error string }
	return json.Unmarshal(body, &e) == nil && e.Error != ""
}

// sseReader reads an SSE stream, keeping its data events and comment lines.
type sseReader struct {
	body   io.ReadCloser
	notify chan struct{}
	done   chan struct{}

	mu       sync.Mutex
	events   []Message
	comments []string
	injected uint64 // events with Track "test"
	err      error  // how the stream ended (nil: EOF)
}

func openSSEReader(t *testing.T, client *http.Client, baseURL, callID string) *sseReader {
	t.Helper()
	res := getSSE(t, client, baseURL, callID, mediaToken)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "text/event-stream" {
		res.Body.Close()
		t.Fatalf("SSE: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	r := newSSEReader(res.Body)
	t.Cleanup(r.close)
	return r
}

func newSSEReader(body io.ReadCloser) *sseReader {
	r := &sseReader{body: body, notify: make(chan struct{}, 1), done: make(chan struct{})}
	go r.read()
	return r
}

func (r *sseReader) read() {
	defer close(r.done)
	sc := bufio.NewScanner(r.body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		r.mu.Lock()
		switch {
		case strings.HasPrefix(line, ":"):
			r.comments = append(r.comments, line)
		case strings.HasPrefix(line, "data: "):
			var m Message
			if json.Unmarshal([]byte(line[len("data: "):]), &m) == nil {
				if m.Track == "test" {
					r.injected++
					m.Text = "" // keep the 32 KB texts out of memory
				}
				r.events = append(r.events, m)
			}
		}
		r.mu.Unlock()
		r.poke()
	}
	r.mu.Lock()
	r.err = sc.Err()
	r.mu.Unlock()
	r.poke()
}

func (r *sseReader) poke() {
	select {
	case r.notify <- struct{}{}:
	default:
	}
}

func (r *sseReader) close() {
	r.body.Close()
	<-r.done
}

type sseSnapshot struct {
	events   []Message
	comments []string
	injected uint64
	err      error
}

func (r *sseReader) snapshot() sseSnapshot {
	r.mu.Lock()
	defer r.mu.Unlock()
	return sseSnapshot{append([]Message(nil), r.events...), append([]string(nil), r.comments...), r.injected, r.err}
}

// waitFor polls cond (called with r locked) until it holds.
func (r *sseReader) waitFor(t *testing.T, d time.Duration, what string, cond func(r *sseReader) bool) {
	t.Helper()
	timer := time.NewTimer(d)
	defer timer.Stop()
	for {
		r.mu.Lock()
		ok := cond(r)
		r.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-r.notify:
		case <-r.done:
			r.mu.Lock()
			ok := cond(r)
			r.mu.Unlock()
			if !ok {
				t.Fatalf("stream ended while waiting for %s", what)
			}
			return
		case <-timer.C:
			t.Fatalf("timed out after %s waiting for %s", d, what)
		}
	}
}

// waitEnd waits for the server to end the stream.
func (r *sseReader) waitEnd(t *testing.T, d time.Duration) {
	t.Helper()
	select {
	case <-r.done:
	case <-time.After(d):
		t.Fatalf("SSE stream still open after %s", d)
	}
}
