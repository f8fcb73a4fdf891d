package callscreen

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/callscreen/callscreen/bus"
	"github.com/callscreen/callscreen/classify"
	"github.com/callscreen/callscreen/transcribe"
	"github.com/callscreen/callscreen/transcribe/audio"
)

// TestVoicemailDetectionEval speaks every script in
// testdata/voicemail-eval.tsv with several flite voices, screens the audio
// with the embedded recogniser and the classifier, and checks the issue's
// targets: ≥ 90 % of requests flagged with the right category, ≤ 5 % of
// legitimate voicemails flagged. It takes a few minutes, so it runs only
// with CALLSCREEN_EVAL=1 (make bench).
func TestVoicemailDetectionEval(t *testing.T) {
	if os.Getenv("CALLSCREEN_EVAL") != "1" {
		t.Skip("set CALLSCREEN_EVAL=1 to run the voicemail detection evaluation")
	}
	needMediaTools(t, "flite")
	eng := mediaSphinx(t)
	f, err := os.Open("testdata/voicemail-eval.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type script struct{ want, text string }
	var scripts []script
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if want, text, ok := strings.Cut(sc.Text(), "\t"); ok {
			scripts = append(scripts, script{want, text})
		}
	}
	voices := []string{"rms", "slt", "awb", "kal16"}
	type outcome struct{ hit, total int }
	var (
		mu      sync.Mutex
		byCat   = map[string]*outcome{}
		byVoice = map[string]*outcome{}
		misses  []string
	)
	det := classify.New()
	dir := t.TempDir()
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				s, voice := scripts[j/len(voices)], voices[j%len(voices)]
				wav := filepath.Join(dir, fmt.Sprintf("%d.wav", j))
				if out, err := exec.Command("flite", "-voice", voice, "-t", s.text, "-o", wav).CombinedOutput(); err != nil {
					t.Errorf("flite %s: %v: %s", voice, err, out)
					continue
				}
				fh, err := os.Open(wav)
				if err != nil {
					t.Error(err)
					continue
				}
				pcm, _, err := audio.Decode(context.Background(), fh, "audio/wav", audio.DefaultLimits())
				fh.Close()
				if err != nil {
					t.Error(err)
					continue
				}
				segs, err := transcribe.TranscribePCM(context.Background(), eng, pcm, nil)
				if err != nil {
					t.Error(err)
					continue
				}
				var bsegs []bus.Segment
				for i, sg := range segs {
					bsegs = append(bsegs, bus.Segment{CallID: "eval", Seq: uint64(i + 1), Track: bus.TrackCaller, Text: classify.Redact(sg.Text), Final: true, Keywords: sg.Keywords})
				}
				res := det.Classify(bsegs)
				got := map[string]bool{}
				for _, fl := range res.Flags {
					got[fl.Category] = true
				}
				ok := (s.want == "none" && len(res.Flags) == 0) || (s.want != "none" && got[s.want])
				mu.Lock()
				for _, k := range []struct {
					m   map[string]*outcome
					key string
				}{{byCat, s.want}, {byVoice, voice}} {
					if k.m[k.key] == nil {
						k.m[k.key] = &outcome{}
					}
					k.m[k.key].total++
					if ok {
						k.m[k.key].hit++
					}
				}
				if !ok {
					var heard []string
					for _, sg := range segs {
						heard = append(heard, sg.Text)
					}
					misses = append(misses, fmt.Sprintf("%s/%s want %s got %v: heard %q", voice, s.want, s.want, res.Flags, strings.Join(heard, " | ")))
				}
				mu.Unlock()
			}
		}()
	}
	for j := range len(scripts) * len(voices) {
		jobs <- j
	}
	close(jobs)
	wg.Wait()

	var reqHit, reqTotal int
	cats := make([]string, 0, len(byCat))
	for c, o := range byCat {
		cats = append(cats, c)
		if c != "none" {
			reqHit += o.hit
			reqTotal += o.total
		}
	}
	sort.Strings(cats)
	for _, c := range cats {
		t.Logf("%-17s %3d/%3d", c, byCat[c].hit, byCat[c].total)
	}
	for _, v := range voices {
		t.Logf("voice %-6s %3d/%3d correct", v, byVoice[v].hit, byVoice[v].total)
	}
	for _, m := range misses {
		t.Logf("miss: %s", m)
	}
	recall := float64(reqHit) / float64(reqTotal)
	legit := byCat["none"]
	falseRate := float64(legit.total-legit.hit) / float64(legit.total)
	t.Logf("requests flagged with the right category: %.1f%% (%d/%d); legitimate voicemails flagged: %.1f%% (%d/%d)",
		100*recall, reqHit, reqTotal, 100*falseRate, legit.total-legit.hit, legit.total)
	if recall < 0.90 || falseRate > 0.05 {
		t.Errorf("below target: recall %.3f (want ≥ 0.90), false flags %.3f (want ≤ 0.05)", recall, falseRate)
	}
}
