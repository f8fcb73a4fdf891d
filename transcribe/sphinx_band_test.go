package transcribe

import (
	"math"
	"slices"
	"testing"
)

// amplitude is the amplitude of the freq component of s (a 16 kHz
// signal), from its correlation with a sine and a cosine.
func amplitude(s []int16, freq float64) float64 {
	var re, im float64
	for n, v := range s {
		ph := 2 * math.Pi * freq * float64(n) / SampleRate
		re += float64(v) * math.Cos(ph)
		im += float64(v) * math.Sin(ph)
	}
	return 2 * math.Hypot(re, im) / float64(len(s))
}

func TestFoldBand(t *testing.T) {
	tone := make([]int16, SampleRate) // 1 s of 1 kHz at amplitude 10,000
	for n := range tone {
		tone[n] = int16(10000 * math.Sin(2*math.Pi*1000*float64(n)/SampleRate))
	}
	tests := []struct {
		gain                float64
		want1k, want7k, tol float64
	}{
		{0, 10000, 0, 5},
		{0.3, 10000, 3000, 30},
		{1, 10000, 10000, 30},
	}
	for _, tt := range tests {
		out := foldBand(nil, tone, tt.gain)
		if got := amplitude(out, 1000); math.Abs(got-tt.want1k) > tt.tol {
			t.Errorf("gain %v: 1 kHz amplitude %.0f, want %.0f", tt.gain, got, tt.want1k)
		}
		// The mirror image of 1 kHz in a 16 kHz stream is 8 − 1 = 7 kHz.
		if got := amplitude(out, 7000); math.Abs(got-tt.want7k) > tt.tol {
			t.Errorf("gain %v: 7 kHz amplitude %.0f, want %.0f", tt.gain, got, tt.want7k)
		}
	}

	// Frame by frame gives the same samples as all at once.
	whole := foldBand(nil, tone, 0.3)
	var framed []int16
	for i := 0; i < len(tone); i += sxFrameLen {
		framed = foldBand(framed, tone[i:i+sxFrameLen], 0.3)
	}
	if !slices.Equal(whole, framed) {
		t.Error("folding frame by frame differs from folding the whole signal")
	}

	// Full-scale input saturates instead of wrapping around.
	loud := foldBand(nil, []int16{32767, 32767, -32768, -32768}, 0.3)
	if want := []int16{32767, 22944, -32768, -22944}; !slices.Equal(loud, want) {
		t.Errorf("full scale: got %v, want %v", loud, want)
	}
}
