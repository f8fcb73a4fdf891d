//go:build cgo

package transcribe

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestSphinxSweep measures decoder configurations side by side: CPU
// seconds per audio second (full and keyword decoders separately, from the
// per-thread clocks behind Stats) and word error rate per 16 kHz flite
// voice and on the LibriVox clips, with the report sentences of
// TestSphinxEval. Slow (≈1 minute per configuration); the results are in
// SPHINX.md.
//
//	CALLSCREEN_SWEEP='base=;topn2=-topn 2;kws-ds2=kws:-ds 2' go test -run TestSphinxSweep -v -timeout 2h ./transcribe/
//
// Each configuration is name=options; options are added to the full
// decoder's (after the defaults, so they override them), except those
// after "kws:", which go to the keyword decoder, "thr:" followed by the
// slope and offset of kwsThreshold, and "fold:" followed by the narrowband
// fold gain (sxNBFoldGain; 0 turns folding off). CALLSCREEN_SWEEP_NB=1 measures the
// five narrowband voices (sxNBVoices) instead, without the LibriVox clips.
func TestSphinxSweep(t *testing.T) {
	spec := os.Getenv("CALLSCREEN_SWEEP")
	if spec == "" {
		t.Skip("set CALLSCREEN_SWEEP='name=options;…' to run this slow measurement")
	}
	sxNeedModel(t)
	dir := "/usr/share/pocketsphinx/test/data/librivox"
	refs, err := readTranscription(filepath.Join(dir, "transcription"))
	sxNeed(t, "pocketsphinx-testdata", err)
	ids := make([]string, 0, len(refs))
	for id := range refs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	libri := map[string][]int16{}
	for _, id := range ids {
		pcm, rate, err := sxReadWAV(filepath.Join(dir, id+".wav"))
		if err != nil || rate != SampleRate {
			t.Fatalf("%s: rate %d: %v", id, rate, err)
		}
		libri[id] = sxConcat(pcm, sxSilence(0.5))
	}
	voices := []string{"rms", "kal16", "slt", "awb"}
	libriOn := true
	ctx := context.Background()
	fullOpts, kwsOpts := &sxFullSearch, &sxKWSSearch
	if os.Getenv("CALLSCREEN_SWEEP_NB") == "1" {
		voices, libriOn = sxNBVoices, false
		ctx = WithSource(ctx, Source{Rate: 8000})
		fullOpts, kwsOpts = &sxNBFullSearch, &sxNBKWSSearch
	}
	sentences := append(append([]string{}, evalScam...), evalInnocuous...)

	var table strings.Builder
	fmt.Fprintf(&table, "\n| config | full CPU/audio-s | KWS CPU/audio-s | WER %s | mean | LibriVox | LibriVox CPU/audio-s (both) | keyword hits | false alarms |\n|---|---|---|%s---|---|---|---|---|\n",
		strings.Join(voices, " | "), strings.Repeat("---|", len(voices)))
	defFull, defKWS, defSlope, defOffset, defFold := *fullOpts, *kwsOpts, kwsSlope, kwsOffset, sxNBFoldGain
	defer func() {
		*fullOpts, *kwsOpts, kwsSlope, kwsOffset, sxNBFoldGain = defFull, defKWS, defSlope, defOffset, defFold
	}()
	for _, cfg := range strings.Split(spec, ";") {
		name, opts, _ := strings.Cut(cfg, "=")
		opts, fold, _ := strings.Cut(opts, "fold:")
		sxNBFoldGain = defFold
		if f, err := strconv.ParseFloat(strings.TrimSpace(fold), 64); err == nil {
			sxNBFoldGain = f
		}
		opts, thr, _ := strings.Cut(opts, "thr:")
		full, kws, _ := strings.Cut(opts, "kws:")
		*fullOpts = append(append([]string{}, defFull...), strings.Fields(full)...)
		*kwsOpts = append(append([]string{}, defKWS...), strings.Fields(kws)...)
		kwsSlope, kwsOffset = defSlope, defOffset
		if f := strings.Fields(thr); len(f) == 2 {
			kwsSlope, _ = strconv.ParseFloat(f[0], 64)
			kwsOffset, _ = strconv.ParseFloat(f[1], 64)
		}
		eng, err := NewSphinx(SphinxConfig{PoolSize: 1, Keywords: sxKeywords})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var wer []string
		var sum float64
		var score, innocent kwsScore
		for _, voice := range voices {
			var edits, words float64
			for i, sentence := range sentences {
				pcm := sxConcat(sxSilence(0.5), sxSynth(t, voice, sentence), sxSilence(0.8))
				segs := sxRunCtx(t, ctx, eng, pcm)
				n := float64(len(strings.Fields(sentence)))
				edits += WER(sentence, finalText(segs)) * n
				words += n
				var found []string
				for _, s := range segs {
					found = append(found, s.Keywords...)
				}
				if i < len(evalScam) {
					score.add(sentence, found)
				} else {
					innocent.add(sentence, found)
				}
			}
			wer = append(wer, fmt.Sprintf("%.1f", 100*edits/words))
			sum += 100 * edits / words
		}
		st := eng.Stats()
		libriWER, lcpu := "—", "—"
		if libriOn {
			var ledits, lwords float64
			for _, id := range ids {
				n := float64(len(strings.Fields(refs[id])))
				ledits += WER(refs[id], finalText(sxRun(t, eng, libri[id]))) * n
				lwords += n
			}
			st2 := eng.Stats()
			libriWER = fmt.Sprintf("%.1f", 100*ledits/lwords)
			lcpu = fmt.Sprintf("%.3f", (st2.FullCPUSeconds+st2.KWSCPUSeconds-st.FullCPUSeconds-st.KWSCPUSeconds)/(st2.AudioSeconds-st.AudioSeconds))
		}
		eng.Close()
		row := fmt.Sprintf("| %s `%s` | %.3f | %.3f | %s | %.2f | %s | %s | %d/%d | %d / %d |\n",
			name, strings.TrimSpace(cfg[len(name)+1:]), st.FullCPUSeconds/st.AudioSeconds, st.KWSCPUSeconds/st.AudioSeconds,
			strings.Join(wer, " | "), sum/float64(len(voices)), libriWER, lcpu,
			score.hits, score.expected, score.falseAlarms, innocent.falseAlarms)
		table.WriteString(row)
		t.Log(row)
	}
	t.Log(table.String())
}
