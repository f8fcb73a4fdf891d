package transcribe

import (
	"context"
	"strings"
	"testing"
)

func TestQuietCutsFallInPauses(t *testing.T) {
	// 30 s of loud noise with a 200 ms silence at 14.5 s and one at 16.1 s:
	// the cut near 15 s must land in one of them.
	pcm := sxNoise(30, 8000, 1)
	for _, at := range []float64{14.5, 16.1} {
		clear(pcm[int(at*SampleRate):int((at+0.2)*SampleRate)])
	}
	cuts := quietCuts(pcm, 2)
	if len(cuts) != 3 || cuts[0] != 0 || cuts[2] != len(pcm) {
		t.Fatalf("cuts %v", cuts)
	}
	sec := float64(cuts[1]) / SampleRate
	if !(sec >= 14.5 && sec < 14.7) && !(sec >= 16.1 && sec < 16.3) {
		t.Fatalf("cut at %.2f s, not in a pause", sec)
	}
}

func TestTranscribeParallelKeepsOrderAndTimes(t *testing.T) {
	eng := newTestSphinx(t, SphinxConfig{PoolSize: 2})
	first := sxSynth(t, "rms", "please call the bank tomorrow morning")
	second := sxSynth(t, "rms", "read me the verification code")
	// Two 25 s halves, each speech then silence: cut in two pieces.
	pad := func(p []int16) []int16 { return sxConcat(p, sxSilence(25-float64(len(p))/SampleRate)) }
	pcm := sxConcat(pad(first), pad(second))
	segs, err := TranscribeParallel(context.Background(), eng, pcm, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	var text []string
	for i, s := range segs {
		text = append(text, s.Text)
		if i > 0 && s.Start < segs[i-1].Start {
			t.Fatalf("segments out of order: %+v", segs)
		}
	}
	// Each half's words, in order (which words the recogniser gets right is
	// TestSphinxEval's business: with -topn 3 rms says "the band" here).
	all := strings.Join(text, " ")
	if i, j := strings.Index(all, "tomorrow morning"), strings.Index(all, "verification code"); i < 0 || j < i {
		t.Fatalf("transcript %q", all)
	}
	last := segs[len(segs)-1]
	if last.Start < 25 || last.End > 50 {
		t.Fatalf("second half's segment at %.2f–%.2f s, want within 25–50 s", last.Start, last.End)
	}
}
