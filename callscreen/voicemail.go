package callscreen

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"net/http"
	"runtime"
	"strings"
	"time"

	"github.com/callscreen/callscreen/bus"
	"github.com/callscreen/callscreen/classify"
	"github.com/callscreen/callscreen/transcribe"
	"github.com/callscreen/callscreen/transcribe/audio"
)

// Screener screens recordings: decode, transcribe, redact, and judge
// through the bus like a live call.
type Screener struct {
	Bus     *bus.Conn
	Engine  transcribe.Engine
	Limits  audio.Limits
	Timeout time.Duration // how long to wait for a worker's verdict; default 30 s
	// Parallel is how many pieces a long recording is cut into and
	// transcribed concurrently; default the number of CPUs.
	Parallel int
}

// Screening is the outcome of screening one recording.
type Screening struct {
	ID         string        // the call id the recording was judged under
	Verdict    bus.Verdict   //
	Segments   []bus.Segment // redacted final segments
	Transcript string        // redacted text of the whole recording
	Duration   float64       // seconds of audio
	Engine     string        // engine(s) that transcribed it, e.g. "sphinx" or "openai+sphinx" on fallback
	// Narrowband is true when the recording was transcribed as telephone
	// audio: stored at a narrowband rate, or band-limited in content
	// (transcribe.RecordingSource).
	Narrowband bool
}

// Screen decodes r (an audio file of the given content type, which is
// only a hint), transcribes and judges it under call id id. progress, if
// not nil, reports transcription progress in samples.
func (s *Screener) Screen(ctx context.Context, id string, r io.Reader, contentType string, progress func(done, total int)) (Screening, error) {
	pcm, info, err := audio.Decode(ctx, r, contentType, s.Limits)
	if err != nil {
		return Screening{}, err
	}
	parts := s.Parallel
	if parts <= 0 {
		parts = runtime.NumCPU()
	}
	// The source rate, or failing that the content, tells the engine
	// whether this is narrowband (telephone) audio, which it decodes with
	// its own settings: phone recordings are often stored at 16–48 kHz.
	src := transcribe.RecordingSource(info.SampleRate, pcm)
	tctx := transcribe.WithSource(ctx, src)
	segs, err := transcribe.TranscribeParallel(tctx, s.Engine, pcm, parts, progress)
	if err != nil {
		return Screening{}, err
	}
	out := Screening{ID: id, Duration: info.Duration, Engine: s.Engine.Name(), Narrowband: src.Narrowband()}
	engines := map[string]bool{}
	var text []string
	for i, sg := range segs {
		red := classify.Redact(sg.Text)
		out.Segments = append(out.Segments, bus.Segment{
			CallID: id, Seq: uint64(i + 1), Track: bus.TrackCaller,
			Start: sg.Start, End: sg.End, Text: red, Final: true,
			Confidence: sg.Confidence, Keywords: sg.Keywords,
		})
		text = append(text, red)
		if sg.Engine != "" {
			engines[sg.Engine] = true
		}
	}
	for e := range engines {
		if e != out.Engine {
			out.Engine += "+" + e // a fallback engine did part of the work
		}
	}
	out.Transcript = strings.Join(text, " ")
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	out.Verdict, err = Judge(ctx, s.Bus, id, bus.SourceVoicemail, out.Segments, timeout)
	return out, err
}

// AudioStore keeps voicemail recordings for review.
type AudioStore interface {
	PutAudio(ctx context.Context, callID, contentType string, r io.Reader) error
}

// VoicemailConfig configures POST /v1/voicemails.
type VoicemailConfig struct {
	Screener *Screener
	Audio    AudioStore // may be nil: recordings are then not kept
	Logger   *slog.Logger
	NewID    func() string
}

// VoicemailResponse is the JSON answer of POST /v1/voicemails.
type VoicemailResponse struct {
	ID         string     `json:"id"`
	Verdict    string     `json:"verdict"`
	Risk       float64    `json:"risk"`
	Flags      []bus.Flag `json:"flags"`
	Advice     string     `json:"advice"`
	Signals    []string   `json:"signals,omitempty"`
	Transcript string     `json:"transcript"`
	Duration   float64    `json:"duration"`
	Engine     string     `json:"engine"`
}

// NewVoicemailHandler serves POST /v1/voicemails: the body is the audio
// with its content type, or a multipart form with a "file" part.
func NewVoicemailHandler(cfg VoicemailConfig) http.Handler {
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if cfg.NewID == nil {
		cfg.NewID = NewCallID
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lim := cfg.Screener.Limits
		if lim.MaxBytes <= 0 {
			lim = audio.DefaultLimits()
		}
		// Multipart framing adds a little; the decoder enforces the audio cap.
		r.Body = http.MaxBytesReader(w, r.Body, lim.MaxBytes+64<<10)
		body, ctype, err := voicemailBody(r)
		if err != nil {
			writeError(w, http.StatusBadRequest, err.Error())
			return
		}
		// Keep the bytes for the audio store while decoding them.
		var kept bytes.Buffer
		src := io.Reader(body)
		if cfg.Audio != nil {
			src = io.TeeReader(body, &kept)
		}
		id := cfg.NewID()
		// A deadline on the whole decode-transcribe-judge, below the
		// server's write timeout, so hostile or huge audio cannot hold a
		// recogniser indefinitely.
		ctx, cancel := context.WithTimeout(r.Context(), voicemailDeadline)
		defer cancel()
		res, err := cfg.Screener.Screen(ctx, id, src, ctype, nil)
		if err != nil {
			status, msg := voicemailError(err)
			if status == http.StatusInternalServerError {
				log.Error("voicemail", "call", id, "err", err)
			}
			writeError(w, status, msg)
			return
		}
		if cfg.Audio != nil {
			if err := cfg.Audio.PutAudio(r.Context(), id, ctype, &kept); err != nil {
				log.Error("voicemail audio not stored", "call", id, "err", err)
			}
		}
		flags := res.Verdict.Flags
		if flags == nil {
			flags = []bus.Flag{}
		}
		writeJSON(w, http.StatusOK, VoicemailResponse{
			ID: id, Verdict: res.Verdict.Verdict, Risk: res.Verdict.Risk, Flags: flags,
			Advice: res.Verdict.Advice, Signals: res.Verdict.Signals,
			Transcript: res.Transcript, Duration: res.Duration, Engine: res.Engine,
		})
	})
}

// voicemailDeadline bounds one voicemail's screening: a 10-minute
// recording takes well under two minutes on one core.
const voicemailDeadline = 4 * time.Minute

// voicemailBody returns the audio stream of a raw or multipart upload.
func voicemailBody(r *http.Request) (io.Reader, string, error) {
	ctype := r.Header.Get("Content-Type")
	mt, params, _ := mime.ParseMediaType(ctype)
	if mt != "multipart/form-data" {
		return r.Body, ctype, nil
	}
	mr := multipart.NewReader(r.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return nil, "", err
			}
			return nil, "", errors.New(`multipart upload without a "file" part`)
		}
		if p.FormName() == "file" {
			return p, p.Header.Get("Content-Type"), nil
		}
	}
}

// voicemailError maps a screening failure to a status and a message that
// is safe to show.
func voicemailError(err error) (int, string) {
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe), errors.Is(err, audio.ErrTooLarge):
		return http.StatusRequestEntityTooLarge, err.Error()
	case errors.Is(err, audio.ErrTooLong):
		return http.StatusRequestEntityTooLarge, err.Error()
	case errors.Is(err, audio.ErrUnsupported):
		return http.StatusUnsupportedMediaType, err.Error()
	case errors.Is(err, audio.ErrMalformed), errors.Is(err, audio.ErrEmpty):
		return http.StatusBadRequest, err.Error()
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, "screening took too long; try again shortly"
	case errors.Is(err, ErrNoVerdict), errors.Is(err, transcribe.ErrUnavailable):
		return http.StatusServiceUnavailable, "screening is unavailable right now; try again shortly"
	default:
		return http.StatusInternalServerError, "Internal error."
	}
}

// NewCallID returns a random call id valid as a NATS subject token.
func NewCallID() string {
	return fmt.Sprintf("%x", randomBytes(12))
}
