package main

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/callscreen/callscreen/classify"
	"github.com/callscreen/callscreen/transcribe"
	"github.com/callscreen/callscreen/transcribe/audio"
)

// engineFlags choose and tune the speech recogniser.
type engineFlags struct {
	engine, sttURL, sttModel, sttLanguage, model string
	sttTimeout                                   time.Duration
	pool                                         int
	domainWeight                                 float64
	maxBytes                                     int64
	maxDuration                                  time.Duration
	noFFmpeg                                     bool
}

func (e *engineFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&e.engine, "engine", env("CALLSCREEN_ENGINE", "sphinx"), "speech engine: sphinx (embedded, offline) or openai (an OpenAI-compatible endpoint, falling back to sphinx) (env CALLSCREEN_ENGINE)")
	fs.StringVar(&e.sttURL, "stt-url", env("CALLSCREEN_STT_URL", ""), "OpenAI-compatible API root for --engine openai, e.g. http://host:8000/v1; the key comes from OPENAI_API_KEY (env CALLSCREEN_STT_URL)")
	fs.StringVar(&e.sttModel, "stt-model", env("CALLSCREEN_STT_MODEL", "whisper-1"), "model name for --engine openai (env CALLSCREEN_STT_MODEL)")
	fs.StringVar(&e.sttLanguage, "stt-language", env("CALLSCREEN_STT_LANGUAGE", "en"), "language hint for --engine openai")
	fs.DurationVar(&e.sttTimeout, "stt-timeout", envDuration("CALLSCREEN_STT_TIMEOUT", 30*time.Second), "deadline of one request to the speech endpoint")
	fs.StringVar(&e.model, "sphinx-model", env("CALLSCREEN_SPHINX_MODEL", transcribe.DefaultSphinxModelDir), "PocketSphinx model directory (env CALLSCREEN_SPHINX_MODEL)")
	fs.IntVar(&e.pool, "decoders", envInt("CALLSCREEN_DECODERS", 0), "max concurrent recogniser streams (≈100 MB each); 0 = two per live call (env CALLSCREEN_DECODERS)")
	fs.Float64Var(&e.domainWeight, "sphinx-domain-weight", envFloat("CALLSCREEN_SPHINX_DOMAIN_WEIGHT", 0),
		fmt.Sprintf("weight of the embedded recogniser's call-domain language model against the general one; 0 = default (%g), negative = off (env CALLSCREEN_SPHINX_DOMAIN_WEIGHT)", transcribe.DefaultDomainWeight))
	def := audio.DefaultLimits()
	fs.Int64Var(&e.maxBytes, "max-bytes", def.MaxBytes, "largest audio file accepted, in bytes")
	fs.DurationVar(&e.maxDuration, "max-duration", def.MaxDuration, "longest audio accepted")
	fs.BoolVar(&e.noFFmpeg, "no-ffmpeg", strings.EqualFold(env("CALLSCREEN_FFMPEG", ""), "off"),
		"never run ffmpeg: refuse audio formats other than WAV, MP3 and Ogg/Opus instead of converting them (env CALLSCREEN_FFMPEG=off)")
}

func (e *engineFlags) limits() audio.Limits {
	return audio.Limits{MaxBytes: e.maxBytes, MaxDuration: e.maxDuration, NoFFmpeg: e.noFFmpeg}
}

// open builds the engine, and returns the embedded recogniser too when
// there is one (the engine itself, or the openai engine's fallback). close
// releases them.
func (e *engineFlags) open(log *slog.Logger) (transcribe.Engine, *transcribe.Sphinx, func() error, error) {
	sph, err := transcribe.NewSphinx(transcribe.SphinxConfig{
		ModelDir: e.model, Keywords: classify.SpotPhrases(), PoolSize: e.pool, DomainWeight: e.domainWeight, Logger: log,
	})
	if err != nil && e.engine == "sphinx" {
		return nil, nil, nil, err
	}
	switch e.engine {
	case "sphinx":
		return sph, sph, sph.Close, nil
	case "openai":
		if e.sttURL == "" {
			if err == nil {
				sph.Close()
			}
			return nil, nil, nil, errors.New("--engine openai needs --stt-url")
		}
		var fallback transcribe.Engine
		closeFn := func() error { return nil }
		if err == nil {
			fallback, closeFn = sph, sph.Close
		} else {
			sph = nil
			log.Warn("embedded engine unavailable: no fallback while the speech endpoint is down", "err", err)
		}
		oa, err := transcribe.NewOpenAI(transcribe.OpenAIConfig{
			BaseURL: e.sttURL, APIKey: os.Getenv("OPENAI_API_KEY"), Model: e.sttModel, Language: e.sttLanguage,
			Timeout: e.sttTimeout, Fallback: fallback, Logger: log,
			OnDegraded: func(err error) { log.Warn("audio not transcribed", "err", err) },
		})
		if err != nil {
			closeFn()
			return nil, nil, nil, err
		}
		return oa, sph, closeFn, nil
	default:
		if err == nil {
			sph.Close()
		}
		return nil, nil, nil, fmt.Errorf("unknown engine %q (want sphinx or openai)", e.engine)
	}
}
