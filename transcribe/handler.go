package transcribe

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"mime"
	"mime/multipart"
	"net/http"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/callscreen/callscreen/transcribe/audio"
)

// TranscriptionsPath is the path Handler serves.
const TranscriptionsPath = "/v1/audio/transcriptions"

// HandlerConfig configures NewHandler.
type HandlerConfig struct {
	// Engine transcribes the uploads. Required.
	Engine Engine
	// Limits bounds an upload's size and duration; zero fields take
	// audio.DefaultLimits (25 MiB, 10 min).
	Limits audio.Limits
	// Auth authorises a request; nil means no authentication. callscreen
	// serve passes a bearer-token check.
	Auth func(r *http.Request) bool
	// Logger receives one line per request (status, sizes, timings; never
	// transcript text) and the detail of internal errors. Default: discard.
	Logger *slog.Logger
	// Decode turns the uploaded file into 16 kHz mono PCM; default
	// audio.Decode.
	Decode func(ctx context.Context, r io.Reader, contentType string, lim audio.Limits) ([]int16, audio.Info, error)
	// MaxConcurrent bounds the requests decoded and transcribed at once,
	// as both are CPU-bound; further requests wait for a slot until their
	// context ends. Default runtime.NumCPU().
	MaxConcurrent int
}

// maxFieldBytes bounds a non-file form field (model, prompt, ...).
const maxFieldBytes = 64 << 10

// formOverhead is the body allowed beyond Limits.MaxBytes for the form's
// other fields and boundaries.
const formOverhead = 1 << 20

// NewHandler returns an http.Handler serving the OpenAI-compatible
// POST /v1/audio/transcriptions from cfg.Engine: a multipart form with
// "file" (required), "model" (accepted, ignored), "response_format" (json,
// text or verbose_json; srt and vtt are refused), "language", "prompt"
// (ignored) and "timestamp_granularities[]" ("word" adds words to
// verbose_json). Answers and errors have OpenAI's shapes. The upload is
// decoded as it streams in, never buffered beyond the limits.
func NewHandler(cfg HandlerConfig) http.Handler {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Decode == nil {
		cfg.Decode = audio.Decode
	}
	d := audio.DefaultLimits()
	if cfg.Limits.MaxBytes <= 0 {
		cfg.Limits.MaxBytes = d.MaxBytes
	}
	if cfg.Limits.MaxDuration <= 0 {
		cfg.Limits.MaxDuration = d.MaxDuration
	}
	if cfg.MaxConcurrent <= 0 {
		cfg.MaxConcurrent = runtime.NumCPU()
	}
	return &handler{cfg: cfg, log: cfg.Logger, slots: make(chan struct{}, cfg.MaxConcurrent)}
}

type handler struct {
	cfg   HandlerConfig
	log   *slog.Logger
	slots chan struct{}
}

// apiError is OpenAI's error body.
type apiError struct {
	Error apiErrorBody `json:"error"`
}

type apiErrorBody struct {
	Message string  `json:"message"`
	Type    string  `json:"type"`
	Param   *string `json:"param"`
	Code    *string `json:"code"`
}

// httpError is a failure with the status and message the client gets.
type httpError struct {
	status int
	msg    string
	param  string // the form field at fault, if one is
	err    error  // detail for the log, for 5xx
}

func (e *httpError) Error() string { return e.msg }

func badRequest(param, format string, args ...any) *httpError {
	return &httpError{status: http.StatusBadRequest, msg: fmt.Sprintf(format, args...), param: param}
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	started := time.Now()
	var src Source
	status, info, nsegs, textBytes := h.serve(w, r, &src)
	h.log.Info("transcription request", "status", status, "audio_seconds", info.Duration, "format", info.Format,
		"narrowband", src.Narrowband(), "segments", nsegs, "text_bytes", textBytes, "latency", time.Since(started))
}

// serve handles one request and returns what ServeHTTP logs; *src receives
// the Source the audio was transcribed as.
func (h *handler) serve(w http.ResponseWriter, r *http.Request, src *Source) (status int, info audio.Info, nsegs, textBytes int) {
	fail := func(e *httpError) (int, audio.Info, int, int) {
		writeAPIError(w, e)
		if e.status >= 500 {
			h.log.Error("transcription request failed", "status", e.status, "err", e.err)
		}
		return e.status, info, 0, 0
	}
	if r.URL.Path != TranscriptionsPath {
		return fail(&httpError{status: http.StatusNotFound, msg: fmt.Sprintf("Invalid URL (%s %s)", r.Method, r.URL.Path)})
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		return fail(&httpError{status: http.StatusMethodNotAllowed, msg: fmt.Sprintf("Method %s not allowed; use POST.", r.Method)})
	}
	if h.cfg.Auth != nil && !h.cfg.Auth(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="callscreen"`)
		return fail(&httpError{status: http.StatusUnauthorized, msg: "Incorrect or missing API key. Provide it as a bearer token in the Authorization header."})
	}
	ctx := r.Context()

	// Decoding and transcription are CPU-bound: take a slot before reading
	// the upload.
	select {
	case h.slots <- struct{}{}:
		defer func() { <-h.slots }()
	case <-ctx.Done():
		return 499, info, 0, 0 // client gone; nobody reads an answer
	}

	form, herr := h.readForm(ctx, w, r)
	info = form.info
	if herr != nil {
		if ctx.Err() != nil {
			return 499, info, 0, 0
		}
		return fail(herr)
	}
	// Narrowband by rate or content: telephone audio uploaded at any rate
	// gets the narrowband decoders.
	*src = RecordingSource(info.SampleRate, form.pcm)
	segs, err := TranscribePCM(WithSource(ctx, *src), h.cfg.Engine, form.pcm, nil)
	switch {
	case err == nil:
	case ctx.Err() != nil:
		return 499, info, 0, 0
	case errors.Is(err, ErrUnavailable):
		return fail(&httpError{status: http.StatusServiceUnavailable, msg: "The transcription engine is unavailable. Retry later.", err: err})
	default:
		return fail(&httpError{status: http.StatusInternalServerError, msg: "Internal error.", err: err})
	}
	text := joinText(segs)
	switch form.format {
	case "text":
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, text+"\n")
	case "verbose_json":
		writeJSON(w, http.StatusOK, verboseResponse(form, info, segs, text))
	default:
		writeJSON(w, http.StatusOK, struct {
			Text string `json:"text"`
		}{text})
	}
	return http.StatusOK, info, len(segs), len(text)
}

// uploadForm is the parsed request.
type uploadForm struct {
	pcm      []int16
	info     audio.Info
	format   string // json, text or verbose_json
	language string
	words    bool // timestamp_granularities[] included "word"
}

// readForm streams the multipart body: the file part goes straight into
// the decoder, other fields are read up to maxFieldBytes.
func (h *handler) readForm(ctx context.Context, w http.ResponseWriter, r *http.Request) (uploadForm, *httpError) {
	var f uploadForm
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		return f, badRequest("", "Expected a multipart/form-data body with a 'file' field.")
	}
	r.Body = http.MaxBytesReader(w, r.Body, h.cfg.Limits.MaxBytes+formOverhead)
	mr := multipart.NewReader(r.Body, params["boundary"])
	fields := map[string]string{}
	gotFile := false
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return f, h.bodyError(err)
		}
		name := part.FormName()
		switch {
		case name == "file":
			if gotFile {
				return f, badRequest("file", "More than one 'file' field.")
			}
			gotFile = true
			f.pcm, f.info, err = h.cfg.Decode(ctx, part, partContentType(part), h.cfg.Limits)
			if err != nil {
				return f, h.decodeError(err)
			}
		case name != "":
			v, err := io.ReadAll(io.LimitReader(part, maxFieldBytes+1))
			if err != nil {
				return f, h.bodyError(err)
			}
			if len(v) > maxFieldBytes {
				return f, badRequest(name, "Field '%s' is longer than %d bytes.", name, maxFieldBytes)
			}
			if name == "timestamp_granularities[]" || name == "timestamp_granularities" {
				f.words = f.words || strings.TrimSpace(string(v)) == "word"
				continue
			}
			fields[name] = string(v)
		}
		_ = part.Close()
	}
	if !gotFile {
		return f, badRequest("file", "Missing required parameter: 'file'.")
	}
	switch format := strings.TrimSpace(fields["response_format"]); format {
	case "", "json":
		f.format = "json"
	case "text", "verbose_json":
		f.format = format
	case "srt", "vtt":
		return f, badRequest("response_format", "response_format '%s' is not supported by this server; use json, text or verbose_json.", format)
	default:
		return f, badRequest("response_format", "Invalid response_format '%s'; use json, text or verbose_json.", clipString(format, 32))
	}
	f.language = strings.TrimSpace(fields["language"])
	return f, nil
}

// partContentType is the file part's declared type, or the one its file
// name suggests when the client sent none or a generic one. The decoder
// sniffs the bytes anyway; the type only improves its error messages.
func partContentType(p *multipart.Part) string {
	ct := p.Header.Get("Content-Type")
	if ct == "" || ct == "application/octet-stream" {
		if byExt := mime.TypeByExtension(filepath.Ext(p.FileName())); byExt != "" {
			return byExt
		}
	}
	return ct
}

func (h *handler) bodyError(err error) *httpError {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return h.tooLarge("")
	}
	return badRequest("", "Malformed multipart body: %v", err)
}

func (h *handler) tooLarge(param string) *httpError {
	return &httpError{status: http.StatusRequestEntityTooLarge, param: param,
		msg: fmt.Sprintf("Request too large: the audio file may be at most %d bytes.", h.cfg.Limits.MaxBytes)}
}

// decodeError maps a decoder failure to the answer, saying why.
func (h *handler) decodeError(err error) *httpError {
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe), errors.Is(err, audio.ErrTooLarge):
		return h.tooLarge("file")
	case errors.Is(err, audio.ErrTooLong):
		return &httpError{status: http.StatusRequestEntityTooLarge, param: "file",
			msg: fmt.Sprintf("Audio file is longer than the maximum of %s.", h.cfg.Limits.MaxDuration)}
	case errors.Is(err, audio.ErrUnsupported):
		return &httpError{status: http.StatusUnsupportedMediaType, param: "file",
			msg: fmt.Sprintf("Unsupported audio file (%v). Supported formats: wav, mp3, ogg (opus); with ffmpeg installed also m4a, aac, amr, 3gp, flac, webm, wma and more.", err)}
	case errors.Is(err, audio.ErrMalformed), errors.Is(err, audio.ErrEmpty):
		return badRequest("file", "Audio file could not be decoded: %v", err)
	case errors.Is(err, io.ErrUnexpectedEOF), strings.Contains(err.Error(), "multipart"):
		return badRequest("file", "Malformed multipart body: %v", err)
	}
	return &httpError{status: http.StatusInternalServerError, msg: "Internal error.", err: err}
}

func writeAPIError(w http.ResponseWriter, e *httpError) {
	typ := "invalid_request_error"
	if e.status >= 500 {
		typ = "server_error"
	}
	body := apiError{Error: apiErrorBody{Message: e.msg, Type: typ}}
	if e.param != "" {
		p := e.param
		body.Error.Param = &p
	}
	writeJSON(w, e.status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		// Only our own types are marshalled; this cannot happen.
		b = []byte(`{"error":{"message":"Internal error.","type":"server_error","param":null,"code":null}}`)
		status = http.StatusInternalServerError
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

func joinText(segs []Segment) string {
	var b strings.Builder
	for _, s := range segs {
		t := strings.TrimSpace(s.Text)
		if t == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t)
	}
	return b.String()
}

// verboseJSON is OpenAI's verbose_json transcription.
type verboseJSON struct {
	Task     string           `json:"task"`
	Language string           `json:"language"`
	Duration float64          `json:"duration"`
	Text     string           `json:"text"`
	Segments []verboseSegment `json:"segments"`
	Words    *[]Word          `json:"words,omitempty"` // present only when asked for
}

type verboseSegment struct {
	ID               int     `json:"id"`
	Seek             int     `json:"seek"`
	Start            float64 `json:"start"`
	End              float64 `json:"end"`
	Text             string  `json:"text"`
	Tokens           []int   `json:"tokens"`
	Temperature      float64 `json:"temperature"`
	AvgLogprob       float64 `json:"avg_logprob"`
	CompressionRatio float64 `json:"compression_ratio"`
	NoSpeechProb     float64 `json:"no_speech_prob"`
}

// languageNames maps the ISO-639-1 codes clients send to the names
// OpenAI answers with.
var languageNames = map[string]string{
	"": "english", "en": "english", "de": "german", "es": "spanish", "fr": "french",
	"it": "italian", "nl": "dutch", "pt": "portuguese", "pl": "polish",
}

func verboseResponse(f uploadForm, info audio.Info, segs []Segment, text string) verboseJSON {
	lang, ok := languageNames[strings.ToLower(f.language)]
	if !ok {
		lang = strings.ToLower(clipString(f.language, 32))
	}
	v := verboseJSON{
		Task:     "transcribe",
		Language: lang,
		Duration: roundMillis(info.Duration),
		Text:     text,
		Segments: make([]verboseSegment, 0, len(segs)),
	}
	var words []Word
	for i, s := range segs {
		vs := verboseSegment{
			ID:               i,
			Seek:             int(s.Start * 100), // whisper counts seek in 10 ms frames
			Start:            roundMillis(s.Start),
			End:              roundMillis(s.End),
			Text:             s.Text,
			Tokens:           []int{},
			CompressionRatio: compressionRatio(s.Text),
		}
		if s.Confidence > 0 && s.Confidence <= 1 {
			vs.AvgLogprob = math.Log(s.Confidence)
		}
		v.Segments = append(v.Segments, vs)
		for _, w := range s.Words {
			words = append(words, Word{Text: w.Text, Start: roundMillis(w.Start), End: roundMillis(w.End)})
		}
	}
	if f.words {
		if words == nil {
			words = []Word{}
		}
		v.Words = &words
	}
	return v
}

func roundMillis(x float64) float64 { return math.Round(x*1000) / 1000 }

// compressionRatio is whisper's repetition signal: text bytes over their
// zlib-compressed size.
func compressionRatio(s string) float64 {
	if s == "" {
		return 0
	}
	var b bytes.Buffer
	zw := zlib.NewWriter(&b)
	_, _ = zw.Write([]byte(s))
	_ = zw.Close()
	return roundMillis(float64(len(s)) / float64(b.Len()))
}
