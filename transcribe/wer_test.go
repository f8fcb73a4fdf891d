package transcribe

import (
	"math"
	"testing"
)

func TestWERFormula(t *testing.T) {
	tests := []struct {
		ref, hyp string
		want     float64
	}{
		{"", "", 0},
		{"", "hello there", 2},
		{"hello there", "", 1},
		{"hello there", "hello there", 0},
		{"Hello, there!", "hello there", 0},
		{"read me the code", "read the code", 0.25},                 // deletion
		{"read me the code", "read me me the code", 0.25},           // insertion
		{"read me the code", "read you the code", 0.25},             // substitution
		{"read me the code", "code the me read", 1},                 // reorder: 2 subs + ... ≤ 1
		{"one-time password", "one time password", 0},               // hyphens split
		{"don't share it", "dont share it", 1.0 / 3},                // apostrophes kept
		{"it's fine", "'it's' fine", 0},                             // quotes trimmed
		{"a b c d", "x y", 1},                                       // all wrong, shorter
		{"verification code", "verification code sent to you", 1.5}, // can exceed 1
	}
	for _, tc := range tests {
		if got := WER(tc.ref, tc.hyp); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("WER(%q, %q) = %v, want %v", tc.ref, tc.hyp, got, tc.want)
		}
	}
}

func TestCleanWord(t *testing.T) {
	tests := map[string]string{
		"<s>": "", "</s>": "", "<sil>": "", "[NOISE]": "", "++BREATH++": "",
		"word(2)": "word", "Hello": "hello", "don't": "don't", "(": "(",
	}
	for in, want := range tests {
		if got := cleanWord(in); got != want {
			t.Errorf("cleanWord(%q) = %q, want %q", in, got, want)
		}
	}
	if got := cleanHyp("<s> read(2) me [NOISE] the code </s>"); got != "read me the code" {
		t.Errorf("cleanHyp = %q", got)
	}
}

func TestKWSThresholdMonotonic(t *testing.T) {
	prev := 1.0
	for n := 1; n < 40; n++ {
		th := kwsThreshold(n)
		if th > prev || th <= 0 {
			t.Fatalf("threshold(%d) = %g after %g: must shrink (longer phrases need less evidence per phone)", n, th, prev)
		}
		prev = th
	}
}

func TestEnergyVAD(t *testing.T) {
	v := newEnergyVAD()
	// Steady loud noise becomes the floor within the window.
	var speech int
	for i := 0; i < 3*vadFloorWindow; i++ {
		if v.push(70) && i >= vadFloorWindow {
			speech++
		}
	}
	if speech != 0 {
		t.Errorf("steady 70 dB taken as speech %d times after adaptation", speech)
	}
	// Speech-like alternation above a quiet floor is speech.
	v = newEnergyVAD()
	for i := 0; i < vadFloorWindow; i++ {
		v.push(25)
	}
	if !v.push(65) {
		t.Errorf("65 dB over a 25 dB floor not speech")
	}
	if v.push(30) {
		t.Errorf("30 dB over a 25 dB floor taken as speech")
	}
}
