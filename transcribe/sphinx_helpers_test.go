package transcribe

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/callscreen/callscreen/transcribe/audio"
)

// Test helpers shared by the sphinx and WER tests: speech synthesis with
// flite, a minimal WAV reader, and skip-unless-CI logic.

// sxKeywords are scam-call phrases like those classify.SpotPhrases
// returns (the transcribe package must not import classify).
var sxKeywords = map[string]string{
	"verification code":      "code",
	"security code":          "code",
	"one time password":      "code",
	"password":               "credential",
	"pin number":             "credential",
	"gift card":              "payment",
	"credit card number":     "card",
	"card number":            "card",
	"social security number": "identity",
	"bank account":           "account",
	"account number":         "account",
	"routing number":         "account",
	"wire transfer":          "payment",
	"remote access":          "access",
}

// sxNeed skips the test when a prerequisite is missing, except in CI
// (CI=true), where the prerequisites are installed and absence is a bug.
func sxNeed(t testing.TB, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s unavailable in CI: %v", what, err)
	}
	t.Skipf("%s unavailable (apt-get install pocketsphinx-en-us libpocketsphinx-dev flite pocketsphinx-testdata sox): %v", what, err)
}

func sxNeedModel(t testing.TB) {
	t.Helper()
	_, err := resolveSphinxModel("")
	sxNeed(t, "PocketSphinx model", err)
}

var (
	sxSynthMu    sync.Mutex
	sxSynthCache = map[string][]int16{}
)

// sxNB is the suffix of a voice name that asks sxSynth for the narrowband
// (telephone) condition of that voice, e.g. "rms"+sxNB.
const sxNB = "/nb"

// sxSynth speaks text with a flite voice and returns 16 kHz mono samples.
// A voice named with the sxNB suffix is passed through a telephone channel
// (sxNarrowband). Results are cached for the test binary's lifetime.
func sxSynth(t testing.TB, voice, text string) []int16 {
	t.Helper()
	_, err := exec.LookPath("flite")
	sxNeed(t, "flite", err)
	sxSynthMu.Lock()
	defer sxSynthMu.Unlock()
	key := voice + "\x00" + text
	if pcm, ok := sxSynthCache[key]; ok {
		return pcm
	}
	out := filepath.Join(t.TempDir(), "sxSynth.wav")
	if v, ok := strings.CutSuffix(voice, sxNB); ok {
		if b, err := exec.Command("flite", "-voice", v, "-t", text, "-o", out).CombinedOutput(); err != nil {
			t.Fatalf("flite -voice %s: %v: %s", v, err, b)
		}
		pcm := sxNarrowband(t, out)
		sxSynthCache[key] = pcm
		return pcm
	}
	if b, err := exec.Command("flite", "-voice", voice, "-t", text, "-o", out).CombinedOutput(); err != nil {
		t.Fatalf("flite -voice %s: %v: %s", voice, err, b)
	}
	pcm, rate, err := sxReadWAV(out)
	if err != nil {
		t.Fatal(err)
	}
	if rate != SampleRate {
		// flite's kal voice is 8 kHz; resample with sox.
		out2 := out + ".16k.wav"
		if b, err := exec.Command("sox", "-R", out, "-r", "16000", out2).CombinedOutput(); err != nil {
			t.Fatalf("sox resample: %v: %s", err, b)
		}
		if pcm, rate, err = sxReadWAV(out2); err != nil || rate != SampleRate {
			t.Fatalf("resampled %s: rate %d: %v", out2, rate, err)
		}
	}
	sxSynthCache[key] = pcm
	return pcm
}

// sxNarrowband passes a WAV file through a telephone channel and returns
// it as the engine would get it from a narrowband voicemail: sox
// band-limits it to 300–3400 Hz, resamples it to 8 kHz and stores it as
// G.711 μ-law; audio.Decode then expands the μ-law and upsamples to 16 kHz
// with our resampler. -R repeats sox's dither: without it each run
// dithered afresh and the narrowband word error rates moved by ±2 points
// from run to run.
func sxNarrowband(t testing.TB, wav string) []int16 {
	t.Helper()
	_, err := exec.LookPath("sox")
	sxNeed(t, "sox", err)
	out := wav + ".ulaw.wav"
	if b, err := exec.Command("sox", "-R", wav, "-r", "8000", "-e", "u-law", out, "sinc", "300-3400").CombinedOutput(); err != nil {
		t.Fatalf("sox narrowband: %v: %s", err, b)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pcm, info, err := audio.Decode(context.Background(), f, "audio/wav", audio.DefaultLimits())
	if err != nil {
		t.Fatalf("decode %s: %v", out, err)
	}
	if info.SampleRate != 8000 || info.Codec != "mulaw" {
		t.Fatalf("narrowband file is %d Hz %s, want 8000 Hz mulaw", info.SampleRate, info.Codec)
	}
	return pcm
}

// sxReadWAV is a minimal RIFF/WAVE reader for 16-bit mono PCM, enough for
// flite, sox and the pocketsphinx-testdata files.
func sxReadWAV(path string) ([]int16, int, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, 0, err
	}
	if len(b) < 12 || string(b[:4]) != "RIFF" || string(b[8:12]) != "WAVE" {
		return nil, 0, errors.New("not a WAV file")
	}
	var rate, channels, bits int
	for p := 12; p+8 <= len(b); {
		id := string(b[p : p+4])
		n := int(binary.LittleEndian.Uint32(b[p+4:]))
		body := b[p+8 : min(len(b), p+8+n)]
		switch id {
		case "fmt ":
			if len(body) < 16 {
				return nil, 0, errors.New("short fmt chunk")
			}
			channels = int(binary.LittleEndian.Uint16(body[2:]))
			rate = int(binary.LittleEndian.Uint32(body[4:]))
			bits = int(binary.LittleEndian.Uint16(body[14:]))
		case "data":
			if channels != 1 || bits != 16 {
				return nil, 0, fmt.Errorf("want 16-bit mono, got %d-bit %d channels", bits, channels)
			}
			pcm := make([]int16, len(body)/2)
			for i := range pcm {
				pcm[i] = int16(binary.LittleEndian.Uint16(body[2*i:]))
			}
			return pcm, rate, nil
		}
		p += 8 + n + n%2
	}
	return nil, 0, errors.New("no data chunk")
}

func sxSilence(seconds float64) []int16 { return make([]int16, int(seconds*SampleRate)) }

// sxNoise returns Gaussian noise with the given RMS (in LSB).
func sxNoise(seconds float64, rms float64, seed int64) []int16 {
	r := rand.New(rand.NewSource(seed))
	out := make([]int16, int(seconds*SampleRate))
	for i := range out {
		v := r.NormFloat64() * rms
		out[i] = int16(max(-32768, min(32767, v)))
	}
	return out
}

func sxConcat(parts ...[]int16) []int16 {
	var out []int16
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// sxNormWords lower-cases and splits for comparisons.
func sxNormWords(s string) []string { return strings.Fields(normalizeForWER(s)) }
