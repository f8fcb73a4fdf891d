package main

import (
	"bytes"
	"context"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for a logger and a reader at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeWiresEveryRole runs the real `callscreen serve` on a free port
// and checks that each role answers, that everything but the public pages
// needs the token, and that the first signal (ctx) drains and exits.
func TestServeWiresEveryRole(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	data := t.TempDir()
	var added bytes.Buffer
	if code := Main([]string{"user", "add", "--data", data, "alice"}, nil, &added, &added); code != 0 {
		t.Fatalf("user add: exit %d: %s", code, added.String())
	}
	alice := regexp.MustCompile(`(?m)^[A-Za-z0-9_-]{40,}$`).FindString(added.String())
	if alice == "" {
		t.Fatalf("user add printed no token: %q", added.String())
	}
	added.Reset()
	if code := Main([]string{"user", "add", "alice", "--data", data}, nil, &added, &added); code != exitUsage || !strings.Contains(added.String(), "exists") {
		t.Fatalf("adding alice twice: exit %d: %s", code, added.String())
	}
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- runServe(ctx, []string{"--addr", "127.0.0.1:0", "--data", data, "--token", "tok", "--drain-timeout", "2s"}, nil, &stdout, &stderr)
	}()
	addrRE := regexp.MustCompile(`addr=http://(127\.0\.0\.1:\d+)`)
	var base string
	deadline := time.Now().Add(60 * time.Second)
	for base == "" {
		if m := addrRE.FindStringSubmatch(stderr.String()); m != nil {
			base = "http://" + m[1]
		}
		select {
		case err := <-done:
			t.Fatalf("serve exited early: %v\n%s", err, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start:\n%s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	tests := []struct {
		method, path, token string
		status              int
	}{
		{"GET", "/healthz", "", 200},
		{"GET", "/readyz", "", 200},
		{"GET", "/", "", 200},
		{"GET", "/metrics", "", 401},
		{"GET", "/metrics", "tok", 200},
		{"GET", "/metrics", alice, 403}, // the operator's only
		{"GET", "/v1/calls", alice, 200},
		{"GET", "/v1/calls", "", 401},
		{"GET", "/v1/calls", "wrong", 401},
		{"GET", "/v1/calls", "tok", 200},
		{"GET", "/v1/calls/nosuchcall", "tok", 404},
		{"POST", "/v1/voicemails", "", 401},
		{"POST", "/v1/whip", "", 401},
		{"POST", "/v1/audio/transcriptions", "", 401},
		{"GET", "/review/", "", 303},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(tt.method, base+tt.path, nil)
		if tt.token != "" {
			req.Header.Set("Authorization", "Bearer "+tt.token)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("%s %s (token %q): %d, want %d", tt.method, tt.path, tt.token, resp.StatusCode, tt.status)
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop after the signal")
	}
}
