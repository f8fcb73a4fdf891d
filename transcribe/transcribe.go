// Package transcribe turns 16 kHz mono speech into text segments as it
// streams in. Two engines implement it: "sphinx", CMU PocketSphinx embedded
// through cgo (the offline default), and "openai", any OpenAI-compatible
// /v1/audio/transcriptions endpoint, which falls back to the embedded engine
// while the endpoint is down. The package also serves that same API from any
// engine (Handler), and decodes uploaded audio files (package audio).
package transcribe

import (
	"context"
	"errors"
)

// SampleRate is the only rate engines accept: 16 kHz mono, signed 16-bit.
const SampleRate = 16000

// FrameSamples is one 20 ms frame at SampleRate, the unit callers should
// write in (any length works; engines buffer internally).
const FrameSamples = SampleRate / 50

// Sentinel errors callers branch on.
var (
	ErrClosed      = errors.New("transcribe: stream closed")
	ErrUnavailable = errors.New("transcribe: engine unavailable")
)

// Word is one recognised word with its timing in stream seconds.
type Word struct {
	Text  string  `json:"word"`
	Start float64 `json:"start"`
	End   float64 `json:"end"`
}

// Segment is an utterance or part of one. A stream emits zero or more
// partial segments (Final=false, each replacing the previous partial) and
// then one final segment per utterance.
type Segment struct {
	Start      float64  // seconds from the start of the stream
	End        float64  // seconds from the start of the stream
	Text       string   // lower case words, no punctuation required
	Final      bool     //
	Confidence float64  // 0..1; 0 when the engine gives none
	Words      []Word   // word timings when known (finals)
	Keywords   []string // sensitive-request phrases spotted in this span, if the engine spots keywords
	Engine     string   // the engine that produced it ("sphinx", "openai"; differs from the stream's engine on fallback)
}

// EmitFunc receives segments from a stream. It is never called concurrently
// for one stream and never after Close returns; it must not block for long.
type EmitFunc func(Segment)

// Stream transcribes one audio source (one track of one call, or a file).
type Stream interface {
	// Write feeds samples (16 kHz mono). It may emit segments before it
	// returns. It does not retain pcm.
	Write(ctx context.Context, pcm []int16) error
	// Close ends the stream: the utterance in progress is finalised and
	// emitted, and the stream's resources are released. Close is idempotent.
	Close(ctx context.Context) error
}

// Engine creates streams. Engines are safe for concurrent use.
type Engine interface {
	Name() string
	NewStream(ctx context.Context, emit EmitFunc) (Stream, error)
}
