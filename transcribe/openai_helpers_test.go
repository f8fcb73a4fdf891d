package transcribe

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/callscreen/callscreen/transcribe/audio"
)

// Helpers for the openai engine and Handler tests. They are independent of
// the sphinx tests' helpers on purpose: the two evolve separately.

// oaNeed skips when a prerequisite (flite, the PocketSphinx model) is
// missing, except in CI, where its absence is a bug.
func oaNeed(t testing.TB, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s unavailable in CI: %v", what, err)
	}
	t.Skipf("%s unavailable: %v", what, err)
}

var (
	oaSphinxOnce sync.Once
	oaSphinxEng  *Sphinx
	oaSphinxErr  error
)

// oaSphinx returns the real embedded engine, shared by the tests of this
// binary (each decoder costs ~110 MB, so the pool is kept small).
func oaSphinx(t testing.TB) *Sphinx {
	t.Helper()
	oaSphinxOnce.Do(func() {
		if _, err := os.Stat(filepath.Join(DefaultSphinxModelDir, "en-us.lm.bin")); err != nil {
			oaSphinxErr = err
			return
		}
		oaSphinxEng, oaSphinxErr = NewSphinx(SphinxConfig{PoolSize: 2, Logger: slog.New(slog.DiscardHandler)})
	})
	oaNeed(t, "sphinx engine", oaSphinxErr)
	return oaSphinxEng
}

var (
	oaSynthMu    sync.Mutex
	oaSynthCache = map[string][]int16{}
)

// oaSynth speaks text with flite's rms voice (16 kHz) and returns the
// samples, cached for the binary's lifetime.
func oaSynth(t testing.TB, text string) []int16 {
	t.Helper()
	_, err := exec.LookPath("flite")
	oaNeed(t, "flite", err)
	oaSynthMu.Lock()
	defer oaSynthMu.Unlock()
	if pcm, ok := oaSynthCache[text]; ok {
		return pcm
	}
	path := filepath.Join(t.TempDir(), "speech.wav")
	if out, err := exec.Command("flite", "-voice", "rms", "-t", text, "-o", path).CombinedOutput(); err != nil {
		t.Fatalf("flite: %v: %s", err, out)
	}
	wav, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pcm, _, err := audio.Decode(context.Background(), bytes.NewReader(wav), "audio/wav", audio.Limits{})
	if err != nil {
		t.Fatalf("decoding flite output: %v", err)
	}
	oaSynthCache[text] = pcm
	return pcm
}

// oaUtterances joins spoken sentences with gapSec of silence between and
// around them, and returns where each sentence starts and ends (seconds).
func oaUtterances(t testing.TB, gapSec float64, texts ...string) ([]int16, [][2]float64) {
	t.Helper()
	gap := make([]int16, int(gapSec*SampleRate))
	pcm := append([]int16(nil), gap...)
	var spans [][2]float64
	for _, text := range texts {
		s := oaSynth(t, text)
		start := float64(len(pcm)) / SampleRate
		pcm = append(pcm, s...)
		spans = append(spans, [2]float64{start, float64(len(pcm)) / SampleRate})
		pcm = append(pcm, gap...)
	}
	return pcm, spans
}

// oaWordRecall is the share of want's words found in got, a lenient
// accuracy measure for a small-vocabulary recogniser on synthetic speech.
func oaWordRecall(want, got string) float64 {
	have := map[string]int{}
	for _, w := range strings.Fields(openaiNormText(got)) {
		have[w]++
	}
	ws := strings.Fields(openaiNormText(want))
	found := 0
	for _, w := range ws {
		if have[w] > 0 {
			have[w]--
			found++
		}
	}
	if len(ws) == 0 {
		return 1
	}
	return float64(found) / float64(len(ws))
}

// oaLog is a concurrency-safe slog sink the tests read back.
type oaLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *oaLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *oaLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func (l *oaLog) Logger() *slog.Logger {
	return slog.New(slog.NewJSONHandler(l, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// Count returns how many log lines contain s.
func (l *oaLog) Count(s string) int {
	n := 0
	for _, line := range strings.Split(l.String(), "\n") {
		if strings.Contains(line, s) {
			n++
		}
	}
	return n
}

// syncList is a slice that callbacks on other goroutines append to.
type syncList[T any] struct {
	mu    sync.Mutex
	items []T
}

func (l *syncList[T]) add(v T) {
	l.mu.Lock()
	l.items = append(l.items, v)
	l.mu.Unlock()
}

func (l *syncList[T]) all() []T {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]T(nil), l.items...)
}

// oaCollector gathers a stream's segments.
type oaCollector struct{ syncList[Segment] }

func (c *oaCollector) Emit(s Segment)      { c.add(s) }
func (c *oaCollector) Segments() []Segment { return c.all() }
func (c *oaCollector) Text() string        { return joinText(c.all()) }

// oaErrors gathers OnDegraded reports.
type oaErrors struct{ syncList[error] }

func (e *oaErrors) Report(err error) { e.add(err) }
func (e *oaErrors) All() []error     { return e.all() }

// oaFeed writes pcm to st in 20 ms frames, as a live call would.
func oaFeed(t testing.TB, st Stream, pcm []int16) {
	t.Helper()
	for len(pcm) > 0 {
		n := min(FrameSamples, len(pcm))
		if err := st.Write(context.Background(), pcm[:n]); err != nil {
			t.Fatalf("Write: %v", err)
		}
		pcm = pcm[n:]
	}
}

// oaEventually polls cond until it holds or the deadline passes.
func oaEventually(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", d, what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// oaNoLeaks waits until the goroutine count is back to base and no
// goroutine of an openai stream is left, or fails with the stacks.
func oaNoLeaks(t testing.TB, base int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		buf := make([]byte, 1<<20)
		buf = buf[:runtime.Stack(buf, true)]
		n := runtime.NumGoroutine()
		streams := bytes.Contains(buf, []byte("(*openaiStream)"))
		if n <= base && !streams {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("goroutines: %d, baseline %d (stream goroutine left: %v)\n%s", n, base, streams, buf)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// oaTone is synthetic "speech" (syllables of a two-tone vowel) for tests
// whose server does not listen: seconds of it, padded with silence.
func oaTone(seconds float64) []int16 {
	return vadSignal(9, 20, vadSpan{d: 500 * time.Millisecond},
		vadSpan{d: time.Duration(seconds * float64(time.Second)), amp: 6000},
		vadSpan{d: 800 * time.Millisecond})
}

func errorsString(errs []error) string {
	var b strings.Builder
	for _, e := range errs {
		fmt.Fprintf(&b, "\n  %v", e)
	}
	return b.String()
}
