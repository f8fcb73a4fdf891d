package transcribe

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const oaTestKey = "sk-test-3f9a1c-never-log-me"

// oaBearer is the Auth check callscreen serve passes to the Handler.
func oaBearer(key string) func(*http.Request) bool {
	return func(r *http.Request) bool { return r.Header.Get("Authorization") == "Bearer "+key }
}

// oaServer is a scripted endpoint for the failure-path tests: answer
// decides each reply from the request number (1-based).
type oaServer struct {
	*httptest.Server
	mu       sync.Mutex
	arrivals []time.Time
	wavOK    atomic.Int32 // requests whose file part was a 16 kHz WAV
}

func newOAServer(t *testing.T, answer func(n int, w http.ResponseWriter, r *http.Request)) *oaServer {
	s := &oaServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != TranscriptionsPath || r.Method != http.MethodPost {
			http.Error(w, "bad route", http.StatusNotFound)
			return
		}
		if f, _, err := r.FormFile("file"); err == nil {
			head := make([]byte, 44)
			if _, err := io.ReadFull(f, head); err == nil && string(head[:4]) == "RIFF" && string(head[8:12]) == "WAVE" &&
				head[24] == 0x80 && head[25] == 0x3e && r.FormValue("response_format") == "verbose_json" {
				s.wavOK.Add(1)
			}
		}
		s.mu.Lock()
		s.arrivals = append(s.arrivals, time.Now())
		n := len(s.arrivals)
		s.mu.Unlock()
		answer(n, w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *oaServer) Requests() []time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Time(nil), s.arrivals...)
}

func (s *oaServer) BaseURL() string { return s.URL + "/v1" }

const oaCanned = `{"task":"transcribe","language":"english","duration":2.0,"text":"Hello, World.","segments":[{"id":0,"seek":0,"start":0.25,"end":1.5,"text":" Hello, World.","tokens":[1,2],"temperature":0,"avg_logprob":-0.2,"compression_ratio":1.1,"no_speech_prob":0.01}]}`

func oaAnswerOK(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, oaCanned)
}

// TestOpenAIEndToEnd runs the openai engine against a real server: the
// Handler backed by the embedded sphinx engine, with bearer auth, on
// synthesized speech.
func TestOpenAIEndToEnd(t *testing.T) {
	sx := oaSphinx(t)
	texts := []string{"please tell me the code we just sent you", "what is the number on the back of your card"}
	pcm, spans := oaUtterances(t, 1.2, texts...)
	srv := httptest.NewServer(NewHandler(HandlerConfig{Engine: sx, Auth: oaBearer(oaTestKey)}))
	defer srv.Close()
	var log oaLog
	var lost oaErrors
	eng, err := NewOpenAI(OpenAIConfig{BaseURL: srv.URL + "/v1", APIKey: oaTestKey, Logger: log.Logger(), OnDegraded: lost.Report})
	if err != nil {
		t.Fatal(err)
	}
	var col oaCollector
	st, err := eng.NewStream(context.Background(), col.Emit)
	if err != nil {
		t.Fatal(err)
	}
	oaFeed(t, st, pcm)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := st.Close(ctx); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if errs := lost.All(); len(errs) > 0 {
		t.Fatalf("audio lost: %s", errorsString(errs))
	}
	segs := col.Segments()
	if len(segs) == 0 {
		t.Fatal("no segments")
	}
	for i, s := range segs {
		if s.Engine != "openai" || !s.Final {
			t.Errorf("segment %d: engine %q final %v, want openai final", i, s.Engine, s.Final)
		}
		if i > 0 && s.Start < segs[i-1].Start {
			t.Errorf("segment %d starts at %.2f before segment %d (%.2f)", i, s.Start, i-1, segs[i-1].Start)
		}
	}
	// Each sentence is its own chunk; its text lands within its span.
	for i, span := range spans {
		var got []string
		for _, s := range segs {
			if s.Start >= span[0]-0.5 && s.End <= span[1]+0.8 {
				got = append(got, s.Text)
			}
		}
		text := strings.Join(got, " ")
		if r := oaWordRecall(texts[i], text); r < 0.5 {
			t.Errorf("sentence %d at %.1f–%.1fs: got %q, want close to %q (recall %.2f; all segments %+v)", i, span[0], span[1], text, texts[i], r, segs)
		}
	}
	if strings.Contains(log.String(), oaTestKey) {
		t.Error("API key logged")
	}
	for _, word := range []string{"code", "card"} {
		if strings.Contains(log.String(), word) {
			t.Errorf("transcript word %q in the log", word)
		}
	}
}

// TestOpenAIRetryAfter: 429 with Retry-After: 1 twice, then success.
func TestOpenAIRetryAfter(t *testing.T) {
	const throttled = 2
	srv := newOAServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if n <= throttled {
			w.Header().Set("Retry-After", "1")
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusTooManyRequests)
			_, _ = io.WriteString(w, `{"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}}`)
			return
		}
		oaAnswerOK(w)
	})
	var lost oaErrors
	eng, err := NewOpenAI(OpenAIConfig{BaseURL: srv.BaseURL(), BackoffBase: time.Millisecond, OnDegraded: lost.Report})
	if err != nil {
		t.Fatal(err)
	}
	var col oaCollector
	st, _ := eng.NewStream(context.Background(), col.Emit)
	pcm := oaTone(2)
	oaFeed(t, st, pcm)
	if err := st.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	reqs := srv.Requests()
	if len(reqs) != throttled+1 {
		t.Fatalf("%d requests, want %d", len(reqs), throttled+1)
	}
	for i := 1; i < len(reqs); i++ {
		if gap := reqs[i].Sub(reqs[i-1]); gap < time.Second {
			t.Errorf("retry %d came %s after the 429, before Retry-After (1s)", i, gap)
		}
	}
	if int(srv.wavOK.Load()) != len(reqs) {
		t.Errorf("%d of %d requests carried a 16 kHz WAV with verbose_json", srv.wavOK.Load(), len(reqs))
	}
	segs := col.Segments()
	if len(segs) != 1 || segs[0].Text != "hello world" || segs[0].Engine != "openai" {
		t.Fatalf("segments %+v, want one openai %q", segs, "hello world")
	}
	// The chunk starts with the pre-roll before the tone (0.5 s of silence
	// minus 0.2 s); the endpoint's times are shifted by it.
	if s := segs[0]; s.Start < 0.25+0.2 || s.Start > 0.25+0.5 || s.End-s.Start != 1.25 {
		t.Errorf("segment at %.3f–%.3f, want 1.25 s starting at 0.25 s into the chunk", s.Start, s.End)
	}
	if c := segs[0].Confidence; c < 0.8 || c > 0.83 {
		t.Errorf("confidence %.3f, want exp(-0.2)", c)
	}
	if errs := lost.All(); len(errs) > 0 {
		t.Errorf("audio lost: %s", errorsString(errs))
	}
}

// TestOpenAIBreakerFallback: the endpoint always answers 500; after the
// breaker opens, chunks go straight to the embedded engine.
func TestOpenAIBreakerFallback(t *testing.T) {
	sx := oaSphinx(t)
	texts := []string{"please read me the code", "what is your card number", "i need your bank account number"}
	pcm, spans := oaUtterances(t, 1.2, texts...)
	secret := "the caller said 4 8 1 5"
	srv := newOAServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = fmt.Fprintf(w, `{"error":{"message":%q,"type":"server_error","param":null,"code":null}}`, secret)
	})
	var log oaLog
	var lost oaErrors
	var mu sync.Mutex
	var changes []string
	eng, err := NewOpenAI(OpenAIConfig{
		BaseURL: srv.BaseURL(), Fallback: sx, Logger: log.Logger(), OnDegraded: lost.Report,
		MaxRetries: 1, BackoffBase: time.Millisecond,
		Breaker: BreakerConfig{Failures: 2, CoolDown: time.Hour, OnChange: func(from, to BreakerState) {
			mu.Lock()
			changes = append(changes, from.String()+">"+to.String())
			mu.Unlock()
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	var col oaCollector
	st, _ := eng.NewStream(context.Background(), col.Emit)
	oaFeed(t, st, pcm)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := st.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Requests()); n != 2 {
		t.Errorf("%d requests reached the endpoint, want 2 (1 try + 1 retry, then the breaker opens)", n)
	}
	if got := eng.Breaker().State(); got != BreakerOpen {
		t.Errorf("breaker %s, want open", got)
	}
	mu.Lock()
	if len(changes) != 1 || changes[0] != "closed>open" {
		t.Errorf("breaker transitions %v, want [closed>open]", changes)
	}
	mu.Unlock()
	if n := log.Count("speech endpoint down, using embedded engine"); n != 1 {
		t.Errorf("degradation logged %d times, want once:\n%s", n, log.String())
	}
	if strings.Contains(log.String(), "4 8 1 5") {
		t.Error("endpoint's answer logged verbatim")
	}
	if errs := lost.All(); len(errs) > 0 {
		t.Errorf("audio lost despite the fallback: %s", errorsString(errs))
	}
	segs := col.Segments()
	for i, s := range segs {
		if s.Engine != "sphinx" || !s.Final {
			t.Errorf("segment %d: engine %q final %v, want sphinx final", i, s.Engine, s.Final)
		}
	}
	for i, span := range spans {
		var got []string
		for _, s := range segs {
			if s.Start >= span[0]-0.5 && s.End <= span[1]+0.8 {
				got = append(got, s.Text)
			}
		}
		text := strings.Join(got, " ")
		if r := oaWordRecall(texts[i], text); r < 0.5 {
			t.Errorf("sentence %d at %.1f–%.1fs: got %q, want close to %q (segments %+v)", i, span[0], span[1], text, texts[i], segs)
		}
	}
}

// TestOpenAIHang: the endpoint never answers. Each attempt hits its
// deadline, the chunk is reported lost (no fallback), and nothing is left
// running after Close.
func TestOpenAIHang(t *testing.T) {
	tests := []struct {
		name       string
		timeout    time.Duration
		closeAfter time.Duration // Close's own deadline
		wantClose  error
	}{
		{"request deadline", 150 * time.Millisecond, 10 * time.Second, nil},
		{"close deadline", time.Minute, 300 * time.Millisecond, context.DeadlineExceeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := runtime.NumGoroutine()
			release := make(chan struct{})
			srv := newOAServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
				select {
				case <-r.Context().Done():
				case <-release:
				}
			})
			tr := &http.Transport{}
			var lost oaErrors
			eng, err := NewOpenAI(OpenAIConfig{BaseURL: srv.BaseURL(), HTTPClient: &http.Client{Transport: tr},
				Timeout: tt.timeout, MaxRetries: 1, BackoffBase: time.Millisecond, OnDegraded: lost.Report})
			if err != nil {
				t.Fatal(err)
			}
			var col oaCollector
			st, _ := eng.NewStream(context.Background(), col.Emit)
			oaFeed(t, st, oaTone(1.5))
			ctx, cancel := context.WithTimeout(context.Background(), tt.closeAfter)
			defer cancel()
			start := time.Now()
			err = st.Close(ctx)
			if !errors.Is(err, tt.wantClose) || (tt.wantClose == nil) != (err == nil) {
				t.Fatalf("Close = %v, want %v", err, tt.wantClose)
			}
			if d := time.Since(start); d > tt.closeAfter+2*time.Second {
				t.Errorf("Close took %s", d)
			}
			errs := lost.All()
			if len(errs) != 1 || !errors.Is(errs[0], ErrAudioDropped) {
				t.Fatalf("OnDegraded got %s, want one ErrAudioDropped", errorsString(errs))
			}
			if tt.wantClose == nil {
				if !errors.Is(errs[0], ErrUnavailable) || !errors.Is(errs[0], context.DeadlineExceeded) {
					t.Errorf("drop cause %v: want ErrUnavailable and the deadline", errs[0])
				}
				if n := len(srv.Requests()); n != 2 {
					t.Errorf("%d attempts, want 2", n)
				}
			}
			if err := st.Write(context.Background(), make([]int16, 320)); !errors.Is(err, ErrClosed) {
				t.Errorf("Write after Close = %v, want ErrClosed", err)
			}
			if err := st.Close(context.Background()); !errors.Is(err, tt.wantClose) {
				t.Errorf("second Close = %v, want the first one's result", err)
			}
			close(release)
			srv.Close()
			tr.CloseIdleConnections()
			oaNoLeaks(t, base)
		})
	}
}

// TestOpenAIGarbage: a 200 with a body that is not JSON is not retried,
// goes to the fallback, and is never logged.
func TestOpenAIGarbage(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		tries  int
	}{
		{"not json", 200, "my pin is 8 6 7 5 {", 1},
		{"wrong json", 200, `{"text": ["my pin is 8 6 7 5"]}`, 1},
		{"html 502", 502, "<html>my pin is 8 6 7 5</html>", 2},
		{"huge", 200, `{"text":"` + strings.Repeat("my pin is 8 6 7 5 ", 300000) + `"}`, 1},
		{"bad request", 400, `{"error":{"message":"my pin is 8 6 7 5","type":"invalid_request_error","param":null,"code":null}}`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newOAServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(tt.status)
				_, _ = io.WriteString(w, tt.body)
			})
			// The fallback is a second, real openai engine on a healthy
			// endpoint, so the test needs no model.
			good := newOAServer(t, func(n int, w http.ResponseWriter, r *http.Request) { oaAnswerOK(w) })
			fb, err := NewOpenAI(OpenAIConfig{BaseURL: good.BaseURL()})
			if err != nil {
				t.Fatal(err)
			}
			var log oaLog
			var lost oaErrors
			eng, err := NewOpenAI(OpenAIConfig{BaseURL: srv.BaseURL(), Fallback: fb, MaxRetries: 1,
				BackoffBase: time.Millisecond, Logger: log.Logger(), OnDegraded: lost.Report})
			if err != nil {
				t.Fatal(err)
			}
			var col oaCollector
			st, _ := eng.NewStream(context.Background(), col.Emit)
			oaFeed(t, st, oaTone(1.5))
			if err := st.Close(context.Background()); err != nil {
				t.Fatal(err)
			}
			if n := len(srv.Requests()); n != tt.tries {
				t.Errorf("%d attempts, want %d", n, tt.tries)
			}
			segs := col.Segments()
			if len(segs) != 1 || segs[0].Text != "hello world" {
				t.Fatalf("segments %+v, want the fallback's", segs)
			}
			if errs := lost.All(); len(errs) > 0 {
				t.Errorf("audio lost: %s", errorsString(errs))
			}
			if strings.Contains(log.String(), "8 6 7 5") {
				t.Errorf("endpoint answer in the log:\n%s", log.String())
			}
			if n := log.Count("speech endpoint down"); n != 1 {
				t.Errorf("degradation logged %d times, want 1", n)
			}
		})
	}
}

// TestOpenAINoFallbackReportsDrop: without a fallback, a failed chunk is
// reported through OnDegraded with a message free of the endpoint's words.
func TestOpenAINoFallbackReportsDrop(t *testing.T) {
	srv := newOAServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = io.WriteString(w, `{"error":{"message":"card 4111 1111","type":"server_error","param":null,"code":null}}`)
	})
	var lost oaErrors
	eng, _ := NewOpenAI(OpenAIConfig{BaseURL: srv.BaseURL(), MaxRetries: -1, OnDegraded: lost.Report})
	var col oaCollector
	st, _ := eng.NewStream(context.Background(), col.Emit)
	oaFeed(t, st, oaTone(1.5))
	if err := st.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	errs := lost.All()
	if len(errs) != 1 {
		t.Fatalf("got %d reports, want 1", len(errs))
	}
	err := errs[0]
	var ee *EndpointError
	if !errors.Is(err, ErrAudioDropped) || !errors.Is(err, ErrUnavailable) || !errors.As(err, &ee) || ee.StatusCode != 503 || ee.Type != "server_error" {
		t.Errorf("report %v: want ErrAudioDropped, ErrUnavailable and an EndpointError 503", err)
	}
	if strings.Contains(err.Error(), "4111") {
		t.Errorf("report quotes the endpoint: %v", err)
	}
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("%d attempts with retries disabled", n)
	}
	if len(col.Segments()) != 0 {
		t.Errorf("segments from nowhere: %+v", col.Segments())
	}
}

// TestOpenAIOverflow: while the endpoint hangs, Write does not block; audio
// beyond MaxBuffered is handed to the fallback inside Write, oldest first.
func TestOpenAIOverflow(t *testing.T) {
	release := make(chan struct{})
	srv := newOAServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
			oaAnswerOK(w)
		case <-r.Context().Done():
		}
	})
	good := newOAServer(t, func(n int, w http.ResponseWriter, r *http.Request) { oaAnswerOK(w) })
	fb, _ := NewOpenAI(OpenAIConfig{BaseURL: good.BaseURL()})
	fbName := "fallback-openai"
	eng, _ := NewOpenAI(OpenAIConfig{BaseURL: srv.BaseURL(), Fallback: renamed{fb, fbName}, MaxBuffered: 3 * time.Second})
	var col oaCollector
	st, _ := eng.NewStream(context.Background(), col.Emit)
	// Ten 1.5 s utterances: the first is in flight, the queue holds 3 s.
	one := oaTone(1.5)
	start := time.Now()
	for range 10 {
		oaFeed(t, st, one)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Writes took %s while the endpoint hung", d)
	}
	fromFallback := 0
	for _, s := range col.Segments() {
		if s.Engine == fbName {
			fromFallback++
		}
	}
	// 10 chunks: 1 in flight + queue of ≤3 s (one or two chunks).
	if fromFallback < 7 {
		t.Errorf("%d chunks went to the fallback during Write, want ≥7", fromFallback)
	}
	close(release)
	if err := st.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	segs := col.Segments()
	if len(segs) != 10 {
		t.Fatalf("%d segments, want 10 (every chunk once)", len(segs))
	}
	seen := map[float64]bool{}
	for _, s := range segs {
		if seen[s.Start] {
			t.Errorf("chunk at %.2f transcribed twice", s.Start)
		}
		seen[s.Start] = true
	}
}

// renamed gives an engine another name, so the tests can tell a fallback
// openai engine from the primary one.
type renamed struct {
	Engine
	name string
}

func (r renamed) Name() string { return r.name }

func (r renamed) NewStream(ctx context.Context, emit EmitFunc) (Stream, error) {
	return r.Engine.NewStream(ctx, func(s Segment) {
		s.Engine = r.name
		emit(s)
	})
}

func TestOpenAIConfigHidesKey(t *testing.T) {
	cfg := OpenAIConfig{BaseURL: "http://user:pw-secret@127.0.0.1:9/v1", APIKey: oaTestKey}
	var log oaLog
	log.Logger().Info("config", "cfg", cfg)
	for _, s := range []string{fmt.Sprint(cfg), fmt.Sprintf("%+v", cfg), fmt.Sprintf("%#v", cfg), fmt.Sprintf("%s", cfg), log.String()} {
		if strings.Contains(s, oaTestKey) || strings.Contains(s, "pw-secret") {
			t.Errorf("secret in %q", s)
		}
		if !strings.Contains(s, "127.0.0.1") {
			t.Errorf("config rendering %q lost the endpoint", s)
		}
	}
	eng, err := NewOpenAI(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if eng.Name() != "openai" {
		t.Errorf("Name() = %q", eng.Name())
	}
}

func TestNewOpenAIRejectsBadURL(t *testing.T) {
	for _, u := range []string{"", "127.0.0.1:8080/v1", "ftp://host/v1", "http:///v1"} {
		if _, err := NewOpenAI(OpenAIConfig{BaseURL: u}); err == nil {
			t.Errorf("NewOpenAI(%q) succeeded", u)
		}
	}
}

func TestOpenAINormText(t *testing.T) {
	tests := []struct{ in, want string }{
		{" Hello, World.", "hello world"},
		{"Don't read me the code!", "don't read me the code"},
		{"That's $4.50, or 1,000 points.", "that's 4.50 or 1,000 points"},
		{"«Quoted» — dash", "quoted dash"},
		{"’tis", "tis"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := openaiNormText(tt.in); got != tt.want {
			t.Errorf("openaiNormText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestOpenAIRecovers: after the cool-down one probe goes to the endpoint;
// when it answers, the breaker closes and the recovery is logged once.
func TestOpenAIRecovers(t *testing.T) {
	var failing atomic.Bool
	failing.Store(true)
	srv := newOAServer(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if failing.Load() {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		oaAnswerOK(w)
	})
	good := newOAServer(t, func(n int, w http.ResponseWriter, r *http.Request) { oaAnswerOK(w) })
	fb, _ := NewOpenAI(OpenAIConfig{BaseURL: good.BaseURL()})
	var log oaLog
	eng, _ := NewOpenAI(OpenAIConfig{BaseURL: srv.BaseURL(), Fallback: renamed{fb, "fb"}, MaxRetries: -1, Logger: log.Logger(),
		Breaker: BreakerConfig{Failures: 1, CoolDown: 300 * time.Millisecond}})
	var col oaCollector
	st, _ := eng.NewStream(context.Background(), col.Emit)
	one := oaTone(1.5)
	oaFeed(t, st, one) // fails: breaker opens, fallback
	oaEventually(t, 5*time.Second, "first chunk", func() bool { return len(col.Segments()) == 1 })
	oaFeed(t, st, one) // breaker open: straight to the fallback
	oaEventually(t, 5*time.Second, "second chunk", func() bool { return len(col.Segments()) == 2 })
	if n := len(srv.Requests()); n != 1 {
		t.Fatalf("%d requests while open, want 1", n)
	}
	failing.Store(false)
	oaEventually(t, 5*time.Second, "half-open", func() bool { return eng.Breaker().State() == BreakerHalfOpen })
	oaFeed(t, st, one) // the probe
	if err := st.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	var engines []string
	for _, s := range col.Segments() {
		engines = append(engines, s.Engine)
	}
	if !slices.Equal(engines, []string{"fb", "fb", "openai"}) {
		t.Errorf("engines %v, want [fb fb openai]", engines)
	}
	if eng.Breaker().State() != BreakerClosed {
		t.Errorf("breaker %s after a good probe", eng.Breaker().State())
	}
	if d, u := log.Count("speech endpoint down"), log.Count("speech endpoint back"); d != 1 || u != 1 {
		t.Errorf("logged down %d, back %d times; want once each", d, u)
	}
}
