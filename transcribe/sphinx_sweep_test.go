//go:build cgo

package transcribe

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
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
// after "kws:", which go to the keyword decoder.
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
	sentences := append(append([]string{}, evalScam...), evalInnocuous...)

	var table strings.Builder
	fmt.Fprintf(&table, "\n| config | full CPU/audio-s | KWS CPU/audio-s | WER rms | kal16 | slt | awb | mean | LibriVox | LibriVox CPU/audio-s (both) | keyword hits | false alarms |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	defFull, defKWS := sxFullSearch, sxKWSSearch
	defer func() { sxFullSearch, sxKWSSearch = defFull, defKWS }()
	for _, cfg := range strings.Split(spec, ";") {
		name, opts, _ := strings.Cut(cfg, "=")
		full, kws, _ := strings.Cut(opts, "kws:")
		sxFullSearch = append(append([]string{}, defFull...), strings.Fields(full)...)
		sxKWSSearch = append(append([]string{}, defKWS...), strings.Fields(kws)...)
		eng, err := NewSphinx(SphinxConfig{PoolSize: 1, Keywords: sxKeywords})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var wer []float64
		var sum float64
		var score, innocent kwsScore
		for _, voice := range voices {
			var edits, words float64
			for i, sentence := range sentences {
				pcm := sxConcat(sxSilence(0.5), sxSynth(t, voice, sentence), sxSilence(0.8))
				segs := sxRun(t, eng, pcm)
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
			wer = append(wer, 100*edits/words)
			sum += 100 * edits / words
		}
		st := eng.Stats()
		var ledits, lwords float64
		for _, id := range ids {
			n := float64(len(strings.Fields(refs[id])))
			ledits += WER(refs[id], finalText(sxRun(t, eng, libri[id]))) * n
			lwords += n
		}
		st2 := eng.Stats()
		eng.Close()
		lcpu := (st2.FullCPUSeconds + st2.KWSCPUSeconds - st.FullCPUSeconds - st.KWSCPUSeconds) / (st2.AudioSeconds - st.AudioSeconds)
		row := fmt.Sprintf("| %s `%s` | %.3f | %.3f | %.1f | %.1f | %.1f | %.1f | %.2f | %.1f | %.3f | %d/%d | %d / %d |\n",
			name, strings.TrimSpace(opts), st.FullCPUSeconds/st.AudioSeconds, st.KWSCPUSeconds/st.AudioSeconds,
			wer[0], wer[1], wer[2], wer[3], sum/4, 100*ledits/lwords, lcpu,
			score.hits, score.expected, score.falseAlarms, innocent.falseAlarms)
		table.WriteString(row)
		t.Log(row)
	}
	t.Log(table.String())
}
