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

// Source describes where a stream's audio came from, for engines that
// decode some sources differently. Callers attach it to the context given
// to NewStream (or TranscribePCM, TranscribeParallel) with WithSource;
// without it a stream is treated as wideband. Engines that make no use of
// it ignore it.
type Source struct {
	// Rate is the sample rate of the audio before it was resampled to
	// SampleRate, in Hz; 0 when unknown. Up to NarrowbandMaxRate, the
	// audio is narrowband (telephone audio: G.711, AMR-NB, 8 kHz WAV), and
	// the sphinx engine decodes it with its own settings (SPHINX.md).
	Rate int
	// BandLimited marks narrowband content at a wideband Rate: telephone
	// audio that a recorder, an MP3 or a phone's export stored at 16, 44.1
	// or 48 kHz. RecordingSource sets it from the audio (BandLimited).
	BandLimited bool
}

// NarrowbandMaxRate is the highest source rate treated as narrowband.
const NarrowbandMaxRate = 11025

// Narrowband reports whether the source is narrowband: by its rate, or
// because its content was found band-limited.
func (s Source) Narrowband() bool {
	return s.BandLimited || (s.Rate > 0 && s.Rate <= NarrowbandMaxRate)
}

type sourceKey struct{}

// WithSource returns ctx carrying src for the streams created under it.
func WithSource(ctx context.Context, src Source) context.Context {
	return context.WithValue(ctx, sourceKey{}, src)
}

// SourceFrom returns the Source attached by WithSource (zero if none).
func SourceFrom(ctx context.Context) Source {
	src, _ := ctx.Value(sourceKey{}).(Source)
	return src
}

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
