package callscreen

import (
	"bufio"
	"context"
	"encoding/json"
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

// TestVoicemailDetectionEval speaks every script of each eval file
// (testdata/voicemail-eval.tsv, the original set, and
// testdata/voicemail-eval2.tsv, written later as a fresh check) with
// several flite voices, screens the audio with the embedded recogniser and
// the classifier, and checks the targets on each file separately:
// ≥ 90 % of requests flagged with the right category, ≤ 5 % of legitimate
// voicemails flagged. It takes several minutes, so it runs only with
// CALLSCREEN_EVAL=1 (make bench).
//
// CALLSCREEN_EVAL_FILE (comma-separated paths) runs other files instead,
// e.g. a held-out set; CALLSCREEN_EVAL_DUMP names a file that receives
// every transcript (voice, label, text, segment texts and keywords, flags)
// as JSON lines, for replaying through the classifier without audio.
// CALLSCREEN_EVAL_NARROWBAND=1 passes each spoken script through a
// telephone channel first (sox: band-limited to 300–3400 Hz, 8 kHz G.711
// μ-law), so the recording is decoded and transcribed as a narrowband
// voicemail would be. sox runs with -R: its dither is otherwise seeded
// afresh each run, and that alone changed nine in ten narrowband
// transcripts between two runs; CALLSCREEN_EVAL_NARROWBAND=up then stores that
// telephone audio back at 16 kHz (16-bit PCM, sox's resampler), as a call
// recorder or a phone's export does, so only its content says it is
// narrowband. Recordings are routed as Screener.Screen routes them
// (transcribe.RecordingSource: by rate, else by content);
// CALLSCREEN_EVAL_ROUTE=rate routes by the source rate alone, as before
// content detection, for comparison.
func TestVoicemailDetectionEval(t *testing.T) {
	if os.Getenv("CALLSCREEN_EVAL") != "1" {
		t.Skip("set CALLSCREEN_EVAL=1 to run the voicemail detection evaluation")
	}
	needMediaTools(t, "flite")
	eng := mediaSphinx(t)
	files := []string{"testdata/voicemail-eval.tsv", "testdata/voicemail-eval2.tsv"}
	if env := os.Getenv("CALLSCREEN_EVAL_FILE"); env != "" {
		files = strings.Split(env, ",")
	}
	var dump *json.Encoder
	if p := os.Getenv("CALLSCREEN_EVAL_DUMP"); p != "" {
		df, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		defer df.Close()
		dump = json.NewEncoder(df)
	}
	var dumpMu sync.Mutex
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			voicemailEvalFile(t, eng, file, func(v any) {
				if dump != nil {
					dumpMu.Lock()
					dump.Encode(v)
					dumpMu.Unlock()
				}
			})
		})
	}
}

// evalScript is one line of a voicemail eval file: the category that must
// be flagged ("none" for a legitimate voicemail) and the words spoken.
type evalScript struct{ want, text string }

// readEvalScripts loads a voicemail eval file (category<TAB>text).
func readEvalScripts(path string) ([]evalScript, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var scripts []evalScript
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if want, text, ok := strings.Cut(sc.Text(), "\t"); ok {
			if want == "" || want == "legit" {
				want = "none"
			}
			scripts = append(scripts, evalScript{want, text})
		}
	}
	return scripts, sc.Err()
}

// evalDump is one transcript as written to CALLSCREEN_EVAL_DUMP.
type evalDump struct {
	File     string        `json:"file"`
	Voice    string        `json:"voice"`
	Want     string        `json:"want"`
	Script   string        `json:"script"`
	OK       bool          `json:"ok"`
	Segments []bus.Segment `json:"segments"`
	Flags    []string      `json:"flags"`
}

func voicemailEvalFile(t *testing.T, eng transcribe.Engine, file string, dump func(any)) {
	scripts, err := readEvalScripts(file)
	if err != nil {
		t.Fatal(err)
	}
	if len(scripts) == 0 {
		t.Fatalf("%s: no scripts", file)
	}
	type script = evalScript
	voices := []string{"rms", "slt", "awb", "kal16"}
	type outcome struct{ hit, total int }
	var (
		mu      sync.Mutex
		byCat   = map[string]*outcome{}
		byVoice = map[string]*outcome{}
		misses  []string
	)
	nbMode := os.Getenv("CALLSCREEN_EVAL_NARROWBAND")
	narrowband, upsampled := nbMode == "1" || nbMode == "up", nbMode == "up"
	if narrowband {
		needMediaTools(t, "sox")
	}
	byRate := os.Getenv("CALLSCREEN_EVAL_ROUTE") == "rate"
	var nbRouted, routed int // recordings given the narrowband decoders, of all
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
				if narrowband {
					nb := wav + ".ulaw.wav"
					if out, err := exec.Command("sox", "-R", wav, "-r", "8000", "-e", "u-law", nb, "sinc", "300-3400").CombinedOutput(); err != nil {
						t.Errorf("sox narrowband: %v: %s", err, out)
						continue
					}
					wav = nb
					if upsampled {
						up := wav + ".16k.wav"
						if out, err := exec.Command("sox", "-R", wav, "-r", "16000", "-e", "signed-integer", "-b", "16", up).CombinedOutput(); err != nil {
							t.Errorf("sox upsample: %v: %s", err, out)
							continue
						}
						wav = up
					}
				}
				fh, err := os.Open(wav)
				if err != nil {
					t.Error(err)
					continue
				}
				pcm, info, err := audio.Decode(context.Background(), fh, "audio/wav", audio.DefaultLimits())
				fh.Close()
				if err != nil {
					t.Error(err)
					continue
				}
				// As Screener.Screen does: the source rate, else the content,
				// selects narrowband decoding.
				src := transcribe.RecordingSource(info.SampleRate, pcm)
				if byRate {
					src = transcribe.Source{Rate: info.SampleRate}
				}
				mu.Lock()
				routed++
				if src.Narrowband() {
					nbRouted++
				}
				mu.Unlock()
				ctx := transcribe.WithSource(context.Background(), src)
				segs, err := transcribe.TranscribePCM(ctx, eng, pcm, nil)
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
				var flagNames []string
				for _, fl := range res.Flags {
					flagNames = append(flagNames, fl.Category)
				}
				dump(evalDump{File: filepath.Base(file), Voice: voice, Want: s.want, Script: s.text, OK: ok, Segments: bsegs, Flags: flagNames})
				mu.Lock()
				for _, k := range []struct {
					m   map[string]*outcome
					key string
				}{{byCat, s.want}, {byVoice, voice + map[bool]string{true: " legit", false: " requests"}[s.want == "none"]}} {
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
						h := sg.Text
						if len(sg.Keywords) > 0 {
							h += " {" + strings.Join(sg.Keywords, ", ") + "}"
						}
						heard = append(heard, h)
					}
					misses = append(misses, fmt.Sprintf("%s/%s got %v: heard %q", voice, s.want, flagNames, strings.Join(heard, " | ")))
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
		r, l := byVoice[v+" requests"], byVoice[v+" legit"]
		if r == nil {
			r = &outcome{}
		}
		if l == nil {
			l = &outcome{}
		}
		t.Logf("voice %-6s requests flagged right %3d/%3d, legitimate flagged %2d/%2d", v, r.hit, r.total, l.total-l.hit, l.total)
	}
	for _, m := range misses {
		t.Logf("miss: %s", m)
	}
	recall := float64(reqHit) / float64(reqTotal)
	legit := byCat["none"]
	if legit == nil {
		legit = &outcome{}
	}
	falseRate := 0.0
	if legit.total > 0 {
		falseRate = float64(legit.total-legit.hit) / float64(legit.total)
	}
	t.Logf("%s: %d of %d recordings decoded as narrowband", filepath.Base(file), nbRouted, routed)
	t.Logf("%s: requests flagged with the right category: %.1f%% (%d/%d); legitimate voicemails flagged: %.1f%% (%d/%d)",
		filepath.Base(file), 100*recall, reqHit, reqTotal, 100*falseRate, legit.total-legit.hit, legit.total)
	if recall < 0.90 || falseRate > 0.05 {
		t.Errorf("below target: recall %.3f (want ≥ 0.90), false flags %.3f (want ≤ 0.05)", recall, falseRate)
	}
}

// TestVoicemailReplay re-classifies the transcripts a previous
// TestVoicemailDetectionEval run dumped (CALLSCREEN_EVAL_REPLAY=dump.jsonl),
// so classifier and normalisation changes can be checked in seconds
// against what the recogniser really heard. The recogniser side (keyword
// phrases, thresholds, language model) needs a fresh audio run. Without the
// variable it replays the committed testdata/voicemail-replay.jsonl (all seven
// script sets, four flite voices, with the keywords the spotter found) and
// voicemail-replay-nb.jsonl (the first three through a telephone channel),
// and asserts floors, so that text rules and keyword handling cannot quietly
// start flagging legitimate voicemails or lose recogniser-mangled requests.
func TestVoicemailReplay(t *testing.T) {
	if path := os.Getenv("CALLSCREEN_EVAL_REPLAY"); path != "" {
		replayVoicemails(t, path, nil)
		return
	}
	// Floors per script set: request recall, and legitimate voicemails
	// that may be flagged. voicemail-replay.jsonl is the engine of the
	// second session of 2026-11-26 (domain language model, the mean primed
	// through the front end, -topn 3) on all nine wideband sets; recall
	// floors sit one recording below what the rules reach on it, and one
	// legitimate flag more than now is allowed (the numbers are beside
	// each set). voicemail-eval7, -eval8 and -eval9 were written blind and
	// first measured on this recogniser (177/196 1/60, 149/196 3/60,
	// 162/196 7/60) before any classifier round their text informed, and
	// voicemail-eval10 (184/196 12/60) and voicemail-eval11 (169/196 3/60,
	// fourth session) likewise. The
	// narrowband replay is the same engine on eval, eval2, eval3, eval8,
	// eval9 and eval11 through a telephone channel (audio made with sox -R): lower
	// recall, so lower floors, but the same guard against new false flags.
	tests := []struct {
		path   string
		floors map[string]replayFloor
	}{
		{"testdata/voicemail-replay.jsonl", map[string]replayFloor{
			"voicemail-eval.tsv":   {0.992, 1}, // 127/128
			"voicemail-eval2.tsv":  {0.950, 1}, // 171/180
			"voicemail-eval3.tsv":  {0.908, 1}, // 178/196
			"voicemail-eval4.tsv":  {0.933, 1}, // 183/196
			"voicemail-eval5.tsv":  {0.923, 1}, // 181/196
			"voicemail-eval6.tsv":  {0.954, 3}, // 187/196
			"voicemail-eval7.tsv":  {0.974, 2}, // 191/196
			"voicemail-eval8.tsv":  {0.827, 3}, // 162/196 (blind, first run 149/196, 3/60; 163/196, 2/60 now)
			"voicemail-eval9.tsv":  {0.821, 1}, // 161/196 (blind, first run 162/196, 7/60; 162/196, 0/60 now)
			"voicemail-eval10.tsv": {0.933, 2}, // 183/196 (blind, first run 184/196, 12/60; 184/196, 1/60 now)
			"voicemail-eval11.tsv": {0.872, 4}, // 171/196 (blind, first run 169/196, 3/60, after the holdout38 round; 172/196, 3/60 now)
		}},
		{"testdata/voicemail-replay-nb.jsonl", map[string]replayFloor{
			"voicemail-eval.tsv":   {0.835, 3},  // 107/128
			"voicemail-eval2.tsv":  {0.777, 7},  // 140/180
			"voicemail-eval3.tsv":  {0.765, 3},  // 150/196
			"voicemail-eval8.tsv":  {0.653, 6},  // 128/196 (blind, first run 122/196, 7/60; 129/196, 5/60 now)
			"voicemail-eval9.tsv":  {0.638, 10}, // 125/196 (blind, first run 127/196, 15/60; 126/196, 9/60 now)
			"voicemail-eval11.tsv": {0.627, 4},  // 123/196 (blind, first run 123/196, 3/60; 124/196, 3/60 now)
		}},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.path), func(t *testing.T) { replayVoicemails(t, tt.path, tt.floors) })
	}
}

// replayFloor is what a replayed script set must still reach.
type replayFloor struct {
	recall   float64
	maxLegit int
}

// replayVoicemails re-classifies a dump (or, for a .tsv, the scripts' own
// text) and checks floors when given.
func replayVoicemails(t *testing.T, path string, floors map[string]replayFloor) {
	det := classify.New()
	if strings.HasSuffix(path, ".tsv") {
		// The scripts' own text: what the classifier does with a perfect
		// recogniser, to tell recogniser misses from wording misses.
		scripts, err := readEvalScripts(path)
		if err != nil {
			t.Fatal(err)
		}
		var hit, req, fl, legit int
		for _, s := range scripts {
			res := det.Classify([]bus.Segment{{CallID: "eval", Seq: 1, Track: bus.TrackCaller, Text: classify.Redact(s.text), Final: true}})
			got := map[string]bool{}
			for _, f := range res.Flags {
				got[f.Category] = true
			}
			switch {
			case s.want == "none":
				legit++
				if len(res.Flags) > 0 {
					fl++
					t.Logf("false flag %v: %s", res.Flags, s.text)
				}
			case got[s.want]:
				req++
				hit++
			default:
				req++
				t.Logf("miss %s got %v: %s", s.want, res.Flags, s.text)
			}
		}
		t.Logf("%s as text: requests flagged right %d/%d; legitimate flagged %d/%d", path, hit, req, fl, legit)
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type outcome struct{ reqHit, req, legitFlagged, legit int }
	byFile := map[string]*outcome{}
	var files []string
	dec := json.NewDecoder(f)
	for dec.More() {
		var d evalDump
		if err := dec.Decode(&d); err != nil {
			t.Fatal(err)
		}
		res := det.Classify(d.Segments)
		got := map[string]bool{}
		var flags []string
		for _, fl := range res.Flags {
			got[fl.Category] = true
			flags = append(flags, fl.Category)
		}
		o := byFile[d.File]
		if o == nil {
			o = &outcome{}
			byFile[d.File] = o
			files = append(files, d.File)
		}
		ok := got[d.Want]
		if d.Want == "none" {
			o.legit++
			ok = len(flags) == 0
			if !ok {
				o.legitFlagged++
			}
		} else {
			o.req++
			if ok {
				o.reqHit++
			}
		}
		if ok != d.OK {
			t.Logf("changed (now ok=%v): %s/%s %s got %v", ok, d.Voice, d.Want, d.File, flags)
		}
		if !ok {
			var heard []string
			for _, sg := range d.Segments {
				h := sg.Text
				if len(sg.Keywords) > 0 {
					h += " {" + strings.Join(sg.Keywords, ", ") + "}"
				}
				heard = append(heard, h)
			}
			t.Logf("miss: %s %s/%s got %v: heard %q", d.File, d.Voice, d.Want, flags, strings.Join(heard, " | "))
		}
	}
	for _, file := range files {
		o := byFile[file]
		recall := float64(o.reqHit) / float64(max(o.req, 1))
		t.Logf("%s: requests flagged right %.1f%% (%d/%d); legitimate flagged %d/%d", file,
			100*recall, o.reqHit, o.req, o.legitFlagged, o.legit)
		if floor, ok := floors[file]; ok {
			if recall < floor.recall {
				t.Errorf("%s: recall %.3f below the floor %.2f", file, recall, floor.recall)
			}
			if o.legitFlagged > floor.maxLegit {
				t.Errorf("%s: %d of %d legitimate voicemails flagged, more than %d", file, o.legitFlagged, o.legit, floor.maxLegit)
			}
		}
	}
}
