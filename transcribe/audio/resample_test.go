package audio

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// resampleAll runs in through a new Resampler in 20 ms frames and flushes.
func resampleAll(t testing.TB, from, to int, in []int16) []int16 {
	t.Helper()
	r, err := NewResampler(from, to)
	if err != nil {
		t.Fatal(err)
	}
	var out []int16
	frame := from / 50
	for len(in) > 0 {
		n := min(frame, len(in))
		out = r.Process(in[:n], out)
		in = in[n:]
	}
	return r.Flush(out)
}

// toneLevel is the level in dB of the freq component of s (sampled at rate)
// relative to amplitude amp, measured over the middle of s by projecting on
// sine and cosine, so energy at other frequencies does not count.
func toneLevel(s []int16, rate int, freq, amp float64) float64 {
	s = s[len(s)/4 : 3*len(s)/4]
	var c, q float64
	for i, v := range s {
		ph := 2 * math.Pi * freq * float64(i) / float64(rate)
		c += float64(v) * math.Cos(ph)
		q += float64(v) * math.Sin(ph)
	}
	a := 2 * math.Hypot(c, q) / float64(len(s))
	return 20 * math.Log10(max(a, 1e-9)/amp)
}

// TestResamplerTones checks passband gain and alias/image rejection with pure
// tones. An input tone above the output Nyquist must not show up at its alias
// frequency; a tone in the passband must keep its amplitude within ±0.5 dB.
func TestResamplerTones(t *testing.T) {
	const amp = 30000
	tests := []struct {
		from, to int
		freq     float64 // input tone
		at       float64 // frequency measured in the output
		minDB    float64
		maxDB    float64
	}{
		{48000, 16000, 1000, 1000, -0.5, 0.5},
		{48000, 16000, 6000, 6000, -0.5, 0.5},
		{48000, 16000, 6700, 6700, -0.5, 0.5},
		{44100, 16000, 1000, 1000, -0.5, 0.5},
		{22050, 16000, 1000, 1000, -0.5, 0.5},
		{8000, 16000, 1000, 1000, -0.5, 0.5},
		{8000, 16000, 3300, 3300, -0.5, 0.5},
		{16000, 8000, 1000, 1000, -0.5, 0.5},
		{44101, 16000, 1000, 1000, -0.5, 0.5}, // no small rational ratio: interpolated phases
		// Aliasing: these would fold to 7.5 kHz, 6 kHz, 4 kHz, 1 kHz.
		{48000, 16000, 8500, 7500, -400, -60},
		{48000, 16000, 10000, 6000, -400, -60},
		{48000, 16000, 12000, 4000, -400, -60},
		{48000, 16000, 17000, 1000, -400, -60},
		{44100, 16000, 10000, 6000, -400, -60},
		{22050, 16000, 9000, 7000, -400, -60},
		{44101, 16000, 10000, 6000, -400, -60},
		// Imaging: a 1 kHz tone upsampled 8k → 16k has its image at 7 kHz.
		{8000, 16000, 1000, 7000, -400, -60},
		{8000, 16000, 3000, 5000, -400, -60},
	}
	for _, tt := range tests {
		in := sine(tt.from, tt.from, tt.freq, amp) // one second
		out := resampleAll(t, tt.from, tt.to, in)
		if want := (len(in)*tt.to + tt.from - 1) / tt.from; len(out) != want {
			t.Errorf("%d→%d: %d output samples, want %d", tt.from, tt.to, len(out), want)
		}
		db := toneLevel(out, tt.to, tt.at, amp)
		t.Logf("%d→%d Hz: %.0f Hz tone, level at %.0f Hz %.2f dB", tt.from, tt.to, tt.freq, tt.at, db)
		if db < tt.minDB || db > tt.maxDB {
			t.Errorf("%d→%d Hz: %.0f Hz tone gives %.2f dB at %.0f Hz, want [%.1f, %.1f]",
				tt.from, tt.to, tt.freq, db, tt.at, tt.minDB, tt.maxDB)
		}
	}
}

// TestResamplerStopband sweeps the whole stopband of 48k → 16k and reports
// the worst attenuation; the design target is 80 dB, 16-bit rounding noise
// sits near -100 dB.
func TestResamplerStopband(t *testing.T) {
	const amp = 30000
	worst, worstF := 0.0, 0.0
	for f := 8000.0; f < 24000; f += 250 {
		out := resampleAll(t, 48000, 16000, sine(24000, 48000, f, amp))
		// The alias of f lands at |f - k·16000| folded into [0, 8000].
		alias := math.Mod(f, 16000)
		if alias > 8000 {
			alias = 16000 - alias
		}
		if alias == 0 || alias == 8000 {
			continue // aliases onto DC or Nyquist, where a sinusoid fit is ill-posed
		}
		if db := toneLevel(out, 16000, alias, amp); db > worst || worst == 0 {
			worst, worstF = db, f
		}
	}
	t.Logf("48k→16k worst stopband level %.1f dB (input %.0f Hz)", worst, worstF)
	if worst > -70 {
		t.Errorf("stopband attenuation only %.1f dB at %.0f Hz", -worst, worstF)
	}
}

// TestResamplerStreaming checks that splitting the input arbitrarily gives
// exactly the output of one call, and that Flush resets for reuse.
func TestResamplerStreaming(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	in := make([]int16, 20000)
	for i := range in {
		in[i] = int16(rng.IntN(20000) - 10000)
	}
	for _, rates := range [][2]int{{48000, 16000}, {44100, 16000}, {8000, 16000}, {16000, 16000}, {44101, 16000}} {
		r, err := NewResampler(rates[0], rates[1])
		if err != nil {
			t.Fatal(err)
		}
		whole := r.Flush(r.Process(in, nil))
		for range 2 { // the second round checks Flush reset the state
			var parts []int16
			for rest := in; len(rest) > 0; {
				n := min(rng.IntN(3000), len(rest))
				parts = r.Process(rest[:n], parts)
				rest = rest[n:]
			}
			parts = r.Flush(parts)
			if !slices.Equal(whole, parts) {
				t.Fatalf("%v: chunked output differs from one-shot output (%d vs %d samples)", rates, len(parts), len(whole))
			}
		}
	}
}

func TestNewResamplerRejectsRates(t *testing.T) {
	for _, rates := range [][2]int{{0, 16000}, {16000, 0}, {-8000, 16000}, {10_000_000, 16000}} {
		if _, err := NewResampler(rates[0], rates[1]); err == nil {
			t.Errorf("NewResampler(%d, %d) succeeded", rates[0], rates[1])
		}
	}
}

// TestResamplerNoAllocs guards the live path: a 20 ms frame with a
// preallocated output must not allocate.
func TestResamplerNoAllocs(t *testing.T) {
	for _, rates := range [][2]int{{48000, 16000}, {8000, 16000}} {
		r, err := NewResampler(rates[0], rates[1])
		if err != nil {
			t.Fatal(err)
		}
		frame := sine(rates[0]/50, rates[0], 440, 1000)
		out := make([]int16, 0, rates[1]/50+1)
		allocs := testing.AllocsPerRun(100, func() { out = r.Process(frame, out[:0]) })
		if allocs != 0 {
			t.Errorf("%v: %v allocations per 20 ms frame", rates, allocs)
		}
	}
}

// BenchmarkResample48kTo16k measures the live path: Opus decoded at 48 kHz,
// resampled per 20 ms frame. x-realtime is seconds of audio per second.
func BenchmarkResample48kTo16k(b *testing.B) {
	r, err := NewResampler(48000, 16000)
	if err != nil {
		b.Fatal(err)
	}
	frame := sine(960, 48000, 440, 10000)
	out := make([]int16, 0, 330)
	b.ReportAllocs()
	b.SetBytes(int64(len(frame) * 2))
	for b.Loop() {
		out = r.Process(frame, out[:0])
	}
	b.ReportMetric(float64(b.N)*0.020/b.Elapsed().Seconds(), "x-realtime")
}

// TestG711 checks anchor values of both laws; TestG711MatchesSox compares
// all 256 codes with sox's decoder.
func TestG711(t *testing.T) {
	tests := []struct {
		b     byte
		mulaw int16
		alaw  int16
	}{
		{0xFF, 0, 848},
		{0x7F, 0, -848},
		{0x80, 32124, 5504},
		{0x00, -32124, -5504},
		{0xD5, 716, 8},
		{0xAA, 5372, 32256},
		{0x2A, -5372, -32256},
		{0x55, -716, -8},
	}
	for _, tt := range tests {
		if got := MulawToLinear(tt.b); got != tt.mulaw {
			t.Errorf("MulawToLinear(%#x) = %d, want %d", tt.b, got, tt.mulaw)
		}
		if got := AlawToLinear(tt.b); got != tt.alaw {
			t.Errorf("AlawToLinear(%#x) = %d, want %d", tt.b, got, tt.alaw)
		}
	}
}

func TestMix(t *testing.T) {
	tests := []struct {
		name string
		in   []int16
		ch   int
		want []int16
	}{
		{"mono", []int16{1, -2, 3}, 1, []int16{1, -2, 3}},
		{"stereo", []int16{32767, 32767, -32768, -32768, 100, -100}, 2, []int16{32767, -32768, 0}},
		{"partial frame dropped", []int16{2, 4, 6}, 2, []int16{3}},
		{"three channels", []int16{3, 6, 9}, 3, []int16{6}},
	}
	for _, tt := range tests {
		if got := Mix([]int16{7}, tt.in, tt.ch); !slices.Equal(got, append([]int16{7}, tt.want...)) {
			t.Errorf("%s: Mix = %v, want 7 then %v", tt.name, got, tt.want)
		}
	}
	if got := MixFloat32(nil, []float32{0.5, 0.5, -2, -2, float32(math.NaN()), 0}, 2); !slices.Equal(got, []int16{16384, -32768, 0}) {
		t.Errorf("MixFloat32 = %v", got)
	}
}

func TestG711MatchesSox(t *testing.T) {
	needTools(t, "sox")
	dir := t.TempDir()
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	in := filepath.Join(dir, "all.raw")
	if err := os.WriteFile(in, all, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, law := range []struct {
		soxType string
		decode  func(byte) int16
	}{{"ul", MulawToLinear}, {"al", AlawToLinear}} {
		out := filepath.Join(dir, law.soxType+".raw")
		run(t, "sox", "-t", law.soxType, "-r", "8000", "-c", "1", in, "-t", "s16", out)
		b, err := os.ReadFile(out)
		if err != nil || len(b) != 512 {
			t.Fatalf("sox output: %d bytes, %v", len(b), err)
		}
		for i := range 256 {
			if want, got := int16(binary.LittleEndian.Uint16(b[2*i:])), law.decode(byte(i)); got != want {
				t.Errorf("%s %#02x: got %d, sox %d", law.soxType, i, got, want)
			}
		}
	}
}

// TestResamplerTableBudget checks that awkward ratios use the interpolated
// table and still meet the passband and stopband targets.
func TestResamplerTableBudget(t *testing.T) {
	for _, from := range []int{7984, 44101, 383999, 384000} {
		r, err := NewResampler(from, 16000)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.coef) > max(coefBudget, (minInterpPhases+1)*r.taps)+r.taps {
			t.Errorf("%d Hz: %d coefficients", from, len(r.coef))
		}
		pass := toneLevel(resampleAll(t, from, 16000, sine(from, from, 1000, 30000)), 16000, 1000, 30000)
		alias := -200.0 // a 10 kHz tone needs a rate above 20 kHz
		if from > 20000 {
			alias = toneLevel(resampleAll(t, from, 16000, sine(from, from, 10000, 30000)), 16000, 6000, 30000)
		}
		t.Logf("%d Hz: interp=%v rows=%d taps=%d, 1 kHz %.3f dB, 10 kHz alias %.1f dB", from, r.interp, r.rows, r.taps, pass, alias)
		if pass < -0.5 || pass > 0.5 || alias > -60 {
			t.Errorf("%d Hz: passband %.2f dB, alias %.1f dB", from, pass, alias)
		}
	}
}
