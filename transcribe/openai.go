package transcribe

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"

	openai "github.com/sashabaranov/go-openai"
)

// OpenAIConfig configures the "openai" engine. Zero fields select their
// defaults. Its String method hides the API key, so the config can be
// logged.
type OpenAIConfig struct {
	// BaseURL is the API root, e.g. http://127.0.0.1:8080/v1;
	// "/audio/transcriptions" is appended. Required.
	BaseURL string
	// APIKey is sent as a bearer token when set. The caller reads it from
	// OPENAI_API_KEY; it is never logged.
	APIKey string
	// Model is the model name sent with each request. Default "whisper-1".
	Model string
	// Language is an optional ISO-639-1 hint ("en").
	Language string
	// Timeout is the deadline of one request attempt. Default 30 s.
	Timeout time.Duration
	// MaxRetries is how many times a failed chunk is retried (429, 5xx,
	// network errors, timeouts). Default 3; negative disables retries.
	MaxRetries int
	// HTTPClient makes the requests. Default a plain *http.Client.
	HTTPClient openai.HTTPDoer
	// Fallback transcribes the chunks the endpoint does not (breaker open,
	// retries exhausted, buffer overflow), normally the embedded sphinx
	// engine. May be nil: such chunks are then dropped and reported. It
	// must not lead back to this engine.
	Fallback Engine
	// MaxBuffered bounds the audio a stream queues for the endpoint.
	// Beyond it the oldest chunks go to Fallback (synchronously, inside
	// Write) or are dropped. Default 60 s.
	MaxBuffered time.Duration
	// OnDegraded, if set, is called once for every chunk of audio that was
	// lost: neither the endpoint nor the fallback transcribed it. Without
	// it, losses are logged at Warn instead. The error
	// wraps ErrAudioDropped and the cause (ErrUnavailable for endpoint
	// failures). It is called from the stream's worker or from Write and
	// must not block.
	OnDegraded func(err error)
	// Logger receives operational logs: statuses, sizes and timings, never
	// transcript text. Default: discard.
	Logger *slog.Logger

	// Breaker tunes the circuit breaker shared by all streams of the
	// engine (default 5 consecutive failures, 30 s cool-down).
	Breaker BreakerConfig
	// BackoffBase and BackoffMax bound the jittered exponential backoff
	// between retries. Defaults 500 ms and 8 s.
	BackoffBase, BackoffMax time.Duration
	// MaxRetryAfter is the longest Retry-After the engine waits for; a
	// longer one ends the retries so the chunk goes to the fallback now.
	// Default 30 s.
	MaxRetryAfter time.Duration
	// Chunker tunes how audio is cut at pauses (default pause 400 ms,
	// chunks 1–15 s).
	Chunker ChunkerConfig
}

// String describes the config without its API key.
func (c OpenAIConfig) String() string {
	key := "unset"
	if c.APIKey != "" {
		key = "set"
	}
	fb := "none"
	if c.Fallback != nil {
		fb = c.Fallback.Name()
	}
	return fmt.Sprintf("OpenAIConfig{BaseURL:%q APIKey:%s Model:%q Language:%q Timeout:%s MaxRetries:%d Fallback:%s MaxBuffered:%s}",
		redactURL(c.BaseURL), key, c.Model, c.Language, c.Timeout, c.MaxRetries, fb, c.MaxBuffered)
}

// GoString hides the API key from %#v too.
func (c OpenAIConfig) GoString() string { return c.String() }

// LogValue hides the API key from slog.
func (c OpenAIConfig) LogValue() slog.Value { return slog.StringValue(c.String()) }

// redactURL drops a password embedded in a URL.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "<invalid URL>"
	}
	return u.Redacted()
}

// ErrAudioDropped marks audio that no engine transcribed (see
// OpenAIConfig.OnDegraded).
var ErrAudioDropped = errors.New("transcribe: openai: audio dropped")

// errCircuitOpen is the cause when the breaker refuses a request.
var errCircuitOpen = fmt.Errorf("transcribe: openai: circuit breaker open: %w", ErrUnavailable)

// maxResponseBytes bounds an endpoint answer: a 15 s chunk's verbose_json
// is a few KiB.
const maxResponseBytes = 4 << 20

// OpenAI is the "openai" engine: it cuts each stream's audio at pauses and
// sends the chunks to an OpenAI-compatible /v1/audio/transcriptions
// endpoint, falling back to another engine while the endpoint is down. It
// is safe for concurrent use.
type OpenAI struct {
	cfg      OpenAIConfig
	client   *openai.Client
	breaker  *Breaker
	log      *slog.Logger
	degraded atomic.Bool // whether the last chunk missed the endpoint; logs transitions
}

// NewOpenAI returns an engine for the endpoint at cfg.BaseURL. It makes no
// request: an unreachable endpoint shows up as fallback use.
func NewOpenAI(cfg OpenAIConfig) (*OpenAI, error) {
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("transcribe: openai: base URL %q: want http(s)://host[:port]/path", redactURL(cfg.BaseURL))
	}
	if cfg.Model == "" {
		cfg.Model = openai.Whisper1
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	switch {
	case cfg.MaxRetries == 0:
		cfg.MaxRetries = 3
	case cfg.MaxRetries < 0:
		cfg.MaxRetries = 0
	}
	if cfg.MaxBuffered <= 0 {
		cfg.MaxBuffered = 60 * time.Second
	}
	if cfg.BackoffBase <= 0 {
		cfg.BackoffBase = 500 * time.Millisecond
	}
	if cfg.BackoffMax <= 0 {
		cfg.BackoffMax = 8 * time.Second
	}
	if cfg.MaxRetryAfter <= 0 {
		cfg.MaxRetryAfter = 30 * time.Second
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{}
	}
	e := &OpenAI{cfg: cfg, log: cfg.Logger.With("engine", "openai")}

	cc := openai.DefaultConfig(cfg.APIKey)
	cc.BaseURL = cfg.BaseURL
	cc.HTTPClient = recordingDoer{next: cfg.HTTPClient, maxBody: maxResponseBytes}
	e.client = openai.NewClientWithConfig(cc)

	bc := cfg.Breaker
	userChange := bc.OnChange
	bc.OnChange = func(from, to BreakerState) {
		e.log.Info("speech endpoint circuit breaker", "from", from.String(), "to", to.String())
		if userChange != nil {
			userChange(from, to)
		}
	}
	e.breaker = NewBreaker(bc)
	return e, nil
}

// Name returns "openai".
func (e *OpenAI) Name() string { return "openai" }

// Breaker returns the circuit breaker shared by the engine's streams, for
// health reporting.
func (e *OpenAI) Breaker() *Breaker { return e.breaker }

// NewStream starts a stream and its worker goroutine. ctx is used for its
// values only: the stream lives until Close, whatever happens to ctx.
func (e *OpenAI) NewStream(ctx context.Context, emit EmitFunc) (Stream, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("transcribe: openai: new stream: %w", err)
	}
	if emit == nil {
		return nil, errors.New("transcribe: openai: new stream: nil emit")
	}
	wctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	s := &openaiStream{
		e:           e,
		emit:        emit,
		cancel:      cancel,
		done:        make(chan struct{}),
		wake:        make(chan struct{}, 1),
		chunker:     NewChunker(e.cfg.Chunker),
		maxBuffered: vadDurSamples(e.cfg.MaxBuffered),
	}
	go s.run(wctx)
	return s, nil
}

// openaiStream owns one worker goroutine that sends its chunks, in order,
// one request at a time: ordering keeps segments in stream order and one
// in-flight request per call is what an endpoint's rate limit expects.
type openaiStream struct {
	e           *OpenAI
	emit        EmitFunc
	cancel      context.CancelFunc // cancels the worker's context
	done        chan struct{}      // closed when the worker returns
	wake        chan struct{}      // nudges the worker: queue or closed changed
	maxBuffered int                // samples

	mu      sync.Mutex // guards the fields below
	chunker *Chunker
	queue   []Chunk
	queued  int // samples in queue
	closed  bool

	emitMu     sync.Mutex // serialises emit; worker and Write may both emit
	emitClosed bool

	closeOnce sync.Once
	closeErr  error
}

// Write cuts pcm into chunks and queues them for the worker. It never
// waits for the endpoint; when the queue exceeds MaxBuffered, the oldest
// chunks are transcribed by the fallback before Write returns (or dropped
// and reported when there is none).
func (s *openaiStream) Write(ctx context.Context, pcm []int16) error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return ErrClosed
	}
	var overflow []Chunk
	s.chunker.Write(pcm, func(c Chunk) { overflow = s.enqueueLocked(c, overflow) })
	s.mu.Unlock()
	s.overflow(ctx, overflow)
	return nil
}

// enqueueLocked queues c and returns, appended to overflow, the oldest
// chunks that no longer fit. The newest chunk always stays.
func (s *openaiStream) enqueueLocked(c Chunk, overflow []Chunk) []Chunk {
	s.queue = append(s.queue, c)
	s.queued += len(c.PCM)
	for s.queued > s.maxBuffered && len(s.queue) > 1 {
		old := s.queue[0]
		s.queue[0] = Chunk{}
		s.queue = s.queue[1:]
		s.queued -= len(old.PCM)
		overflow = append(overflow, old)
	}
	s.nudge()
	return overflow
}

func (s *openaiStream) nudge() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

func (s *openaiStream) overflow(ctx context.Context, chunks []Chunk) {
	for _, c := range chunks {
		cause := fmt.Errorf("transcribe: openai: more than %s of audio waiting for the endpoint: %w", s.e.cfg.MaxBuffered, ErrUnavailable)
		s.degrade(ctx, c, cause)
	}
}

// Close flushes the utterance in progress and waits for the worker to
// send what is queued. If ctx ends first, the worker is cancelled (and
// waited for: everything it does honours its context), the unsent audio is
// reported as dropped, and ctx's error is returned. No segment is emitted
// after Close returns.
func (s *openaiStream) Close(ctx context.Context) error {
	s.closeOnce.Do(func() { s.closeErr = s.close(ctx) })
	return s.closeErr
}

func (s *openaiStream) close(ctx context.Context) error {
	s.mu.Lock()
	s.closed = true
	var overflow []Chunk
	if c, ok := s.chunker.Flush(); ok {
		overflow = s.enqueueLocked(c, nil)
	}
	s.nudge()
	s.mu.Unlock()
	s.overflow(ctx, overflow)

	var err error
	select {
	case <-s.done:
	case <-ctx.Done():
		err = fmt.Errorf("transcribe: openai: close: %w", context.Cause(ctx))
		s.cancel()
		<-s.done
	}
	s.cancel()

	s.mu.Lock()
	left := s.queue
	s.queue, s.queued = nil, 0
	s.mu.Unlock()
	for _, c := range left {
		s.e.dropped(c, err)
	}

	s.emitMu.Lock()
	s.emitClosed = true
	s.emitMu.Unlock()
	return err
}

// run is the worker: it sends queued chunks until the stream is closed
// and drained, or ctx is cancelled.
func (s *openaiStream) run(ctx context.Context) {
	defer close(s.done)
	for {
		c, ok := s.next(ctx)
		if !ok {
			return
		}
		s.process(ctx, c)
	}
}

func (s *openaiStream) next(ctx context.Context) (Chunk, bool) {
	for {
		s.mu.Lock()
		if len(s.queue) > 0 {
			c := s.queue[0]
			s.queue[0] = Chunk{}
			s.queue = s.queue[1:]
			s.queued -= len(c.PCM)
			s.mu.Unlock()
			return c, true
		}
		closed := s.closed
		s.mu.Unlock()
		if closed {
			return Chunk{}, false
		}
		select {
		case <-s.wake:
		case <-ctx.Done():
			return Chunk{}, false
		}
	}
}

func (s *openaiStream) process(ctx context.Context, c Chunk) {
	segs, err := s.e.transcribeChunk(ctx, c)
	if err == nil {
		s.e.markUp()
		for _, seg := range segs {
			s.emitSegment(seg)
		}
		return
	}
	if ctx.Err() != nil {
		s.e.dropped(c, err)
		return
	}
	s.degrade(ctx, c, err)
}

func (s *openaiStream) emitSegment(seg Segment) {
	s.emitMu.Lock()
	defer s.emitMu.Unlock()
	if !s.emitClosed {
		s.emit(seg)
	}
}

// degrade handles a chunk the endpoint did not transcribe: the fallback
// gets it, or it is dropped and reported.
func (s *openaiStream) degrade(ctx context.Context, c Chunk, cause error) {
	fb := s.e.cfg.Fallback
	s.e.markDown(cause, fb != nil)
	if fb == nil {
		s.e.dropped(c, cause)
		return
	}
	if err := s.runFallback(ctx, fb, c); err != nil {
		s.e.dropped(c, errors.Join(cause, err))
	}
}

// runFallback transcribes c with a fresh stream of fb, shifting its final
// segments to the chunk's place in this stream.
func (s *openaiStream) runFallback(ctx context.Context, fb Engine, c Chunk) error {
	name := fb.Name()
	off := c.StartSeconds()
	st, err := fb.NewStream(ctx, func(seg Segment) {
		if !seg.Final {
			return
		}
		seg.Start += off
		seg.End += off
		if len(seg.Words) > 0 {
			words := make([]Word, len(seg.Words))
			for i, w := range seg.Words {
				w.Start += off
				w.End += off
				words[i] = w
			}
			seg.Words = words
		}
		if seg.Engine == "" {
			seg.Engine = name
		}
		s.emitSegment(seg)
	})
	if err != nil {
		return fmt.Errorf("transcribe: openai: fallback %s: %w", name, err)
	}
	for p := c.PCM; len(p) > 0; {
		n := min(len(p), SampleRate)
		if err := st.Write(ctx, p[:n]); err != nil {
			_ = st.Close(ctx)
			return fmt.Errorf("transcribe: openai: fallback %s: %w", name, err)
		}
		p = p[n:]
	}
	if err := st.Close(ctx); err != nil {
		return fmt.Errorf("transcribe: openai: fallback %s: %w", name, err)
	}
	return nil
}

// markDown logs, once per transition, that chunks stopped reaching the
// endpoint.
func (e *OpenAI) markDown(cause error, fallback bool) {
	if !e.degraded.CompareAndSwap(false, true) {
		return
	}
	if fallback {
		e.log.Warn("speech endpoint down, using embedded engine", "fallback", e.cfg.Fallback.Name(), "err", cause)
	} else {
		e.log.Warn("speech endpoint down, no fallback engine: dropping audio", "err", cause)
	}
}

// markUp logs, once per transition, that the endpoint answers again.
func (e *OpenAI) markUp() {
	if e.degraded.CompareAndSwap(true, false) {
		e.log.Info("speech endpoint back")
	}
}

// dropped reports a chunk no engine transcribed.
func (e *OpenAI) dropped(c Chunk, cause error) {
	if cause == nil {
		cause = ErrUnavailable
	}
	err := fmt.Errorf("%w: %.2fs of audio at %.2fs: %w", ErrAudioDropped, c.Duration().Seconds(), c.StartSeconds(), cause)
	// The report goes to OnDegraded or, without one, to the log: not both,
	// so a caller that logs its reports does not log every loss twice.
	if e.cfg.OnDegraded != nil {
		e.log.Debug("audio not transcribed", "start", c.StartSeconds(), "seconds", c.Duration().Seconds(), "err", cause)
		e.cfg.OnDegraded(err)
		return
	}
	e.log.Warn("audio not transcribed", "start", c.StartSeconds(), "seconds", c.Duration().Seconds(), "err", cause)
}

// EndpointError is a failed request to the transcription endpoint. It
// keeps the status and sizes only, never the body: answers may hold
// transcripts, which must not reach logs. It wraps ErrUnavailable.
type EndpointError struct {
	// StatusCode is the HTTP status, 0 when there was no answer.
	StatusCode int
	// Type is the error type the endpoint named ("server_error"), if any.
	Type string
	// Malformed is set when a success status came with an unusable body.
	Malformed bool
	// Err is the transport error when there was no answer.
	Err error
}

// Error describes the failure without the endpoint's words.
func (e *EndpointError) Error() string {
	var b strings.Builder
	b.WriteString("transcribe: openai: endpoint")
	switch {
	case e.Malformed:
		fmt.Fprintf(&b, " answered %d with a malformed body", e.StatusCode)
	case e.StatusCode != 0:
		fmt.Fprintf(&b, " answered %d %s", e.StatusCode, http.StatusText(e.StatusCode))
		if e.Type != "" {
			fmt.Fprintf(&b, " (%s)", e.Type)
		}
	case e.Err != nil:
		fmt.Fprintf(&b, ": %v", e.Err)
	default:
		b.WriteString(" failed")
	}
	return b.String()
}

// Unwrap returns ErrUnavailable and the transport error, if any.
func (e *EndpointError) Unwrap() []error {
	if e.Err != nil {
		return []error{ErrUnavailable, e.Err}
	}
	return []error{ErrUnavailable}
}

// retryable reports whether trying again may help.
func (e *EndpointError) retryable() bool {
	switch {
	case e.Malformed:
		return false
	case e.StatusCode == 0:
		return true
	case e.StatusCode == http.StatusRequestTimeout, e.StatusCode == http.StatusTooManyRequests:
		return true
	}
	return e.StatusCode >= 500
}

// endpointDown reports whether the failure says the endpoint is unusable
// (counts towards the breaker) rather than that this one chunk was
// refused (a 400 for odd audio: the endpoint works).
func (e *EndpointError) endpointDown() bool {
	switch e.StatusCode {
	case http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound, http.StatusMethodNotAllowed:
		return true
	}
	return e.Malformed || e.retryable()
}

// classify turns a go-openai error into an *EndpointError.
func classifyEndpointErr(err error, info *respInfo, timeout time.Duration) *EndpointError {
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	var synErr *json.SyntaxError
	var typErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &apiErr):
		return &EndpointError{StatusCode: apiErr.HTTPStatusCode, Type: safeErrorType(apiErr.Type)}
	case errors.As(err, &reqErr):
		return &EndpointError{StatusCode: reqErr.HTTPStatusCode}
	case errors.As(err, &synErr), errors.As(err, &typErr), errors.Is(err, errResponseTooLarge):
		return &EndpointError{StatusCode: info.status, Malformed: true}
	case info.status >= 400:
		return &EndpointError{StatusCode: info.status}
	case errors.Is(err, context.DeadlineExceeded):
		return &EndpointError{Err: fmt.Errorf("no answer within %s: %w", timeout, context.DeadlineExceeded)}
	}
	return &EndpointError{Err: err}
}

// safeErrorType keeps the endpoint's error type only when it looks like
// one ("server_error"): it is the one endpoint string that reaches logs.
func safeErrorType(s string) string {
	if len(s) > 64 {
		return ""
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '.') {
			return ""
		}
	}
	return s
}

func clipString(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// transcribeChunk sends one chunk, retrying as configured, and returns its
// segments in stream time.
func (e *OpenAI) transcribeChunk(ctx context.Context, c Chunk) ([]Segment, error) {
	wav := openaiWAV(c.PCM)
	var last error
	for attempt := 0; ; attempt++ {
		permit, ok := e.breaker.Allow()
		if !ok {
			if last != nil {
				return nil, fmt.Errorf("transcribe: openai: giving up after %d attempts: %w", attempt, last)
			}
			return nil, errCircuitOpen
		}
		started := time.Now()
		resp, info, err := e.request(ctx, wav)
		if err == nil {
			permit.Success()
			segs := e.segments(resp, c)
			e.log.Debug("chunk transcribed", "start", c.StartSeconds(), "seconds", c.Duration().Seconds(),
				"segments", len(segs), "text_bytes", len(resp.Text), "latency", time.Since(started), "attempt", attempt+1)
			return segs, nil
		}
		if ctx.Err() != nil {
			permit.Abandon()
			return nil, fmt.Errorf("transcribe: openai: %w", context.Cause(ctx))
		}
		ee := classifyEndpointErr(err, info, e.cfg.Timeout)
		if ee.endpointDown() {
			permit.Failure()
		} else {
			permit.Success()
		}
		last = ee
		if !ee.retryable() || attempt >= e.cfg.MaxRetries {
			if attempt == 0 {
				return nil, ee
			}
			return nil, fmt.Errorf("transcribe: openai: giving up after %d attempts: %w", attempt+1, ee)
		}
		wait := retryBackoff(attempt, e.cfg.BackoffBase, e.cfg.BackoffMax)
		if ra, ok := parseRetryAfter(info.retryAfter, time.Now()); ok {
			if ra > e.cfg.MaxRetryAfter {
				return nil, fmt.Errorf("transcribe: openai: endpoint asks to wait %s: %w", ra, ee)
			}
			wait = max(wait, ra)
		}
		e.log.Debug("retrying chunk", "status", ee.StatusCode, "err", ee, "attempt", attempt+1, "wait", wait)
		if err := retrySleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("transcribe: openai: %w", err)
		}
	}
}

// request makes one attempt under its own deadline.
func (e *OpenAI) request(ctx context.Context, wav []byte) (openai.AudioResponse, *respInfo, error) {
	info := &respInfo{}
	rctx, cancel := context.WithTimeout(context.WithValue(ctx, respInfoKey{}, info), e.cfg.Timeout)
	defer cancel()
	resp, err := e.client.CreateTranscription(rctx, openai.AudioRequest{
		Model:    e.cfg.Model,
		FilePath: "chunk.wav",
		Reader:   bytes.NewReader(wav),
		Language: e.cfg.Language,
		Format:   openai.AudioResponseFormatVerboseJSON,
	})
	return resp, info, err
}

// segments converts a verbose_json answer for chunk c into final segments
// in stream time. Times are clamped to the chunk, so a confused endpoint
// cannot place words outside it.
func (e *OpenAI) segments(resp openai.AudioResponse, c Chunk) []Segment {
	off := c.StartSeconds()
	dur := c.Duration().Seconds()
	clamp := func(t float64) float64 {
		if math.IsNaN(t) {
			return 0
		}
		return min(max(t, 0), dur)
	}
	words := make([]Word, 0, len(resp.Words))
	for _, w := range resp.Words {
		if t := openaiNormText(w.Word); t != "" {
			words = append(words, Word{Text: t, Start: clamp(w.Start), End: clamp(w.End)})
		}
	}
	if len(resp.Segments) == 0 {
		text := openaiNormText(resp.Text)
		if text == "" {
			return nil
		}
		return []Segment{{Start: off, End: off + dur, Text: text, Final: true, Words: openaiShiftWords(words, off), Engine: "openai"}}
	}
	var out []Segment
	for _, rs := range resp.Segments {
		// Whisper's own rule for hallucinations over silence.
		if rs.NoSpeechProb > 0.6 && rs.AvgLogprob < -1 {
			continue
		}
		text := openaiNormText(rs.Text)
		if text == "" {
			continue
		}
		start := clamp(rs.Start)
		end := max(clamp(rs.End), start)
		seg := Segment{Start: off + start, End: off + end, Text: text, Final: true, Engine: "openai"}
		if rs.AvgLogprob < 0 {
			seg.Confidence = math.Exp(rs.AvgLogprob)
		}
		var ws []Word
		for _, w := range words {
			if mid := (w.Start + w.End) / 2; mid >= start && (mid < end || (mid == end && end == dur)) {
				ws = append(ws, w)
			}
		}
		seg.Words = openaiShiftWords(ws, off)
		out = append(out, seg)
	}
	return out
}

func openaiShiftWords(ws []Word, off float64) []Word {
	if len(ws) == 0 {
		return nil
	}
	out := make([]Word, len(ws))
	for i, w := range ws {
		out[i] = Word{Text: w.Text, Start: w.Start + off, End: w.End + off}
	}
	return out
}

// openaiNormText lower-cases text and replaces punctuation with spaces, as
// Segment.Text asks, keeping apostrophes inside words ("don't") and
// separators inside numbers ("4.50", "1,000").
func openaiNormText(s string) string {
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for i, r := range rs {
		keep := unicode.IsLetter(r) || unicode.IsDigit(r)
		if !keep && i > 0 && i+1 < len(rs) {
			prev, next := rs[i-1], rs[i+1]
			switch r {
			case '\'', '’':
				keep = unicode.IsLetter(prev) && unicode.IsLetter(next)
				r = '\''
			case '.', ',':
				keep = unicode.IsDigit(prev) && unicode.IsDigit(next)
			}
		}
		if !keep {
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		b.WriteRune(unicode.ToLower(r))
		space = false
	}
	return strings.TrimRight(b.String(), " ")
}

// openaiWAV wraps 16 kHz mono 16-bit PCM in a canonical 44-byte WAV header.
func openaiWAV(pcm []int16) []byte {
	data := len(pcm) * 2
	b := make([]byte, 44+data)
	copy(b[0:], "RIFF")
	binary.LittleEndian.PutUint32(b[4:], uint32(36+data))
	copy(b[8:], "WAVEfmt ")
	binary.LittleEndian.PutUint32(b[16:], 16) // fmt chunk size
	binary.LittleEndian.PutUint16(b[20:], 1)  // PCM
	binary.LittleEndian.PutUint16(b[22:], 1)  // mono
	binary.LittleEndian.PutUint32(b[24:], SampleRate)
	binary.LittleEndian.PutUint32(b[28:], SampleRate*2) // byte rate
	binary.LittleEndian.PutUint16(b[32:], 2)            // block align
	binary.LittleEndian.PutUint16(b[34:], 16)           // bits per sample
	copy(b[36:], "data")
	binary.LittleEndian.PutUint32(b[40:], uint32(data))
	for i, v := range pcm {
		binary.LittleEndian.PutUint16(b[44+2*i:], uint16(v))
	}
	return b
}
