package audio

import (
	"bytes"
	"context"
	"encoding/binary"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// speechText is spoken by flite for the cross-format tests: long enough to
// make correlation meaningful, short enough to encode quickly.
const speechText = "Hello, this is your bank calling about a suspicious charge on your account. Please press one to speak with an agent."

var (
	speechOnce sync.Once
	speechDir  string
	speechErr  error
)

// needTools skips the test when a command-line tool it needs is missing; CI
// installs them (Debian packages flite, sox, lame, opus-tools).
func needTools(t testing.TB, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed (apt-get install flite sox lame opus-tools): %v", tool, err)
		}
	}
}

// speechWAV returns the path of a flite recording (16 kHz mono 16-bit),
// generated once per test binary.
func speechWAV(t testing.TB) string {
	t.Helper()
	needTools(t, "flite")
	speechOnce.Do(func() {
		speechDir, speechErr = os.MkdirTemp("", "audio-test-")
		if speechErr != nil {
			return
		}
		out, err := exec.Command("flite", "-voice", "rms", "-t", speechText, "-o", filepath.Join(speechDir, "ref.wav")).CombinedOutput()
		if err != nil {
			speechErr = &exec.Error{Name: "flite: " + string(out), Err: err}
		}
	})
	if speechErr != nil {
		t.Fatalf("generating speech: %v", speechErr)
	}
	return filepath.Join(speechDir, "ref.wav")
}

func TestMain(m *testing.M) {
	code := m.Run()
	if speechDir != "" {
		os.RemoveAll(speechDir)
	}
	os.Exit(code)
}

// run executes a tool and fails the test with its output on error.
func run(t testing.TB, name string, args ...string) {
	t.Helper()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
}

// decodeFile decodes path with default limits.
func decodeFile(t testing.TB, path string) ([]int16, Info) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pcm, info, err := Decode(context.Background(), bytes.NewReader(b), "", DefaultLimits())
	if err != nil {
		t.Fatalf("Decode(%s): %v", filepath.Base(path), err)
	}
	return pcm, info
}

// similarity finds the lag (|lag| ≤ maxLag, got delayed by lag) that best
// aligns got with ref and returns it with the normalised correlation and the
// SNR in dB of got against ref after least-squares gain matching.
func similarity(ref, got []int16, maxLag int) (lag int, corr, snr float64) {
	// A coarse search on every 4th sample and 2nd lag finds the peak's
	// neighbourhood cheaply (long lag ranges are slow under -race); the
	// exact search then refines it.
	coarse, _ := corrAt(ref, got, -maxLag, maxLag, 2, 4)
	lag, corr = corrAt(ref, got, max(coarse-3, -maxLag), min(coarse+3, maxLag), 1, 1)
	// For unit-energy-normalised signals the residual after optimal gain is
	// 1-corr², so SNR follows from the correlation.
	snr = -10 * math.Log10(max(1-corr*corr, 1e-12))
	return lag, corr, snr
}

// corrAt returns the lag in [lo, hi] (stepping lagStep, using every
// stride-th sample) with the highest normalised correlation.
func corrAt(ref, got []int16, lo, hi, lagStep, stride int) (lag int, corr float64) {
	corr = math.Inf(-1)
	for l := lo; l <= hi; l += lagStep {
		var xy, xx, yy float64
		for i := 0; i < len(ref); i += stride {
			x := ref[i]
			j := i + l
			if j < 0 || j >= len(got) {
				continue
			}
			y := float64(got[j])
			xy += float64(x) * y
			xx += float64(x) * float64(x)
			yy += y * y
		}
		if xx == 0 || yy == 0 {
			continue
		}
		if c := xy / math.Sqrt(xx*yy); c > corr {
			corr, lag = c, l
		}
	}
	return lag, corr
}

// wavBytes builds a WAV file: a RIFF header, a fmt chunk with the given
// fields, any extra chunks, then a data chunk of dataSize claimed bytes
// holding data.
func wavBytes(tag uint16, channels, rate, blockAlign, bits int, dataSize uint32, data []byte, extra ...[]byte) []byte {
	var b bytes.Buffer
	b.WriteString("RIFF")
	binary.Write(&b, binary.LittleEndian, uint32(0))
	b.WriteString("WAVEfmt ")
	binary.Write(&b, binary.LittleEndian, uint32(16))
	binary.Write(&b, binary.LittleEndian, tag)
	binary.Write(&b, binary.LittleEndian, uint16(channels))
	binary.Write(&b, binary.LittleEndian, uint32(rate))
	binary.Write(&b, binary.LittleEndian, uint32(rate*blockAlign))
	binary.Write(&b, binary.LittleEndian, uint16(blockAlign))
	binary.Write(&b, binary.LittleEndian, uint16(bits))
	for _, e := range extra {
		b.Write(e)
	}
	b.WriteString("data")
	binary.Write(&b, binary.LittleEndian, dataSize)
	b.Write(data)
	out := b.Bytes()
	binary.LittleEndian.PutUint32(out[4:], uint32(len(out)-8))
	return out
}

// chunk encodes one RIFF chunk with its pad byte.
func chunk(id string, body []byte) []byte {
	b := append([]byte(id), 0, 0, 0, 0)
	binary.LittleEndian.PutUint32(b[4:], uint32(len(body)))
	b = append(b, body...)
	if len(body)%2 == 1 {
		b = append(b, 0)
	}
	return b
}

// pcm16Bytes encodes samples as little-endian 16-bit.
func pcm16Bytes(s []int16) []byte {
	b := make([]byte, 2*len(s))
	for i, v := range s {
		binary.LittleEndian.PutUint16(b[2*i:], uint16(v))
	}
	return b
}

// sine returns n samples of a sine at freq Hz sampled at rate.
func sine(n, rate int, freq, amp float64) []int16 {
	s := make([]int16, n)
	for i := range s {
		s[i] = int16(math.Round(amp * math.Sin(2*math.Pi*freq*float64(i)/float64(rate))))
	}
	return s
}

// rms of s, optionally skipping edge samples where filters ramp up.
func rms(s []int16) float64 {
	var sum float64
	for _, v := range s {
		sum += float64(v) * float64(v)
	}
	return math.Sqrt(sum / float64(max(len(s), 1)))
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
