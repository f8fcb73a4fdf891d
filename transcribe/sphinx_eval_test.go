//go:build cgo

package transcribe

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Evaluation harness behind CALLSCREEN_WER=1 (slow: minutes). The numbers
// it logs are recorded in SPHINX.md.
//
//	CALLSCREEN_WER=1 go test -run 'TestSphinxEval|TestSphinxResources' -v ./transcribe/
//	CALLSCREEN_KWS_TUNE=1 go test -run TestSphinxKWSTune -v ./transcribe/
//
// Keyword thresholds are tuned on the *tune* sentences and reported on the
// disjoint *report* sentences, so the report is not fitted to its data.

var (
	// Call-like sentences asking for sensitive data (report set).
	evalScam = []string{
		"hello this is your bank we detected fraud please tell me the verification code",
		"to cancel the order i need your card number and the security code",
		"your social security number has been suspended please confirm it",
		"pay the fine with a gift card and read me the numbers on the back",
		"what is your account number and the routing number of your bank",
		"enter your password so we can fix the problem",
		"we sent a one time password to your email please read it to me",
		"your pin number is required to unlock the account",
		"the technician needs remote access to remove the virus",
		"make a wire transfer to the safe account we set up for you",
	}
	// Ordinary sentences, several with near-miss words (report set).
	evalInnocuous = []string{
		"i left my card at the restaurant last night",
		"the bank is closed on monday because of the holiday",
		"she wrote the code for the new website",
		"my account of the story is a bit different",
		"the number of people at the party was surprising",
		"we are transferring to a different school next year",
		"the security guard let us in after a while",
		"please pass the salt and the pepper",
		"i will call you back when i get home from work",
		"the train was delayed by twenty minutes this morning",
	}
	// Tuning set: disjoint from the report set.
	tuneScam = []string{
		"please read me the verification code we just sent to your phone",
		"what is the security code on the back of your card",
		"i need your social security number to verify your identity",
		"go to the store and buy a gift card for five hundred dollars",
		"can you give me your bank account and routing number",
		"tell me the one time password from the text message",
		"we will need your credit card number and expiry date",
		"please confirm your pin number for the account",
		"you must send a wire transfer today to avoid arrest",
		"download this app so i can get remote access to your computer",
	}
	tuneInnocuous = []string{
		"hi mom i will be home for dinner around seven",
		"the weather is supposed to be lovely this weekend",
		"did you remember to pick up the kids from school",
		"i am calling about the birthday party on saturday",
		"the doctor said the test results look fine",
		"can you send me the recipe for that chicken soup",
		"we should book the tickets before they sell out",
		"the package was delivered to the wrong address",
		"my car is making a strange noise and a clicking sound",
		"let us meet at the coffee shop near the station",
	}
	evalVoices = append([]string{"rms", "kal16", "slt", "awb", "kal"}, sxNBVoices...)
	// sxNBVoices are the narrowband (telephone channel) conditions: the four
	// 16 kHz voices and the 8 kHz kal voice through sxNarrowband.
	sxNBVoices = []string{"rms" + sxNB, "kal16" + sxNB, "slt" + sxNB, "awb" + sxNB, "kal" + sxNB}
)

func needEval(t *testing.T, env string) {
	if os.Getenv(env) != "1" {
		t.Skipf("set %s=1 to run this slow evaluation", env)
	}
}

// expectedPhrases lists the keyword phrases that occur in a sentence.
func expectedPhrases(sentence string) map[string]bool {
	out := map[string]bool{}
	s := " " + normalizeForWER(sentence) + " "
	for p := range sxKeywords {
		if strings.Contains(s, " "+normPhrase(p)+" ") {
			out[p] = true
		}
	}
	return out
}

// kwsScore counts, over sentences, expected phrases found (hits), expected
// phrases missed, and phrases reported that the sentence does not contain.
type kwsScore struct{ hits, expected, falseAlarms int }

func (k *kwsScore) add(sentence string, found []string) (fa []string) {
	exp := expectedPhrases(sentence)
	k.expected += len(exp)
	seen := map[string]bool{}
	for _, f := range found {
		if seen[f] {
			continue
		}
		seen[f] = true
		if exp[f] {
			k.hits++
		} else {
			k.falseAlarms++
			fa = append(fa, f)
		}
	}
	return fa
}

func TestSphinxEval(t *testing.T) {
	needEval(t, "CALLSCREEN_WER")
	eng := newTestSphinx(t, SphinxConfig{PoolSize: 1})
	type row struct {
		name               string
		edits, words       float64
		scam, innocent     kwsScore
		audio, cpu, elapse float64
	}
	var rows []row
	for _, voice := range evalVoices {
		r := row{name: "flite " + voice}
		before := eng.Stats()
		t0 := time.Now()
		for i, set := range [][]string{evalScam, evalInnocuous} {
			for _, sentence := range set {
				pcm := sxConcat(sxSilence(0.5), sxSynth(t, voice, sentence), sxSilence(0.8))
				ctx := context.Background()
				if voice == "kal" || strings.HasSuffix(voice, sxNB) {
					// 8 kHz sources: decoded as Screener.Screen would.
					ctx = WithSource(ctx, Source{Rate: 8000})
				}
				segs := sxRunCtx(t, ctx, eng, pcm)
				hyp := finalText(segs)
				n := float64(len(strings.Fields(sentence)))
				r.edits += WER(sentence, hyp) * n
				r.words += n
				var found []string
				for _, s := range segs {
					found = append(found, s.Keywords...)
				}
				score := &r.scam
				if i == 1 {
					score = &r.innocent
				}
				if fa := score.add(sentence, found); len(fa) > 0 {
					t.Logf("%s: false alarm %v in %q", voice, fa, sentence)
				}
				if w := WER(sentence, hyp); w > 0.2 {
					t.Logf("%s: WER %.2f %q → %q", voice, w, sentence, hyp)
				}
			}
		}
		st := eng.Stats()
		r.audio = st.AudioSeconds - before.AudioSeconds
		r.cpu = st.FullCPUSeconds + st.KWSCPUSeconds - before.FullCPUSeconds - before.KWSCPUSeconds
		r.elapse = time.Since(t0).Seconds()
		rows = append(rows, r)
	}

	// Real read speech: LibriVox clips shipped in pocketsphinx-testdata.
	dir := "/usr/share/pocketsphinx/test/data/librivox"
	refs, err := readTranscription(filepath.Join(dir, "transcription"))
	sxNeed(t, "pocketsphinx-testdata", err)
	lr := row{name: "pocketsphinx-testdata librivox (5 clips)"}
	ids := make([]string, 0, len(refs))
	for id := range refs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		pcm, rate, err := sxReadWAV(filepath.Join(dir, id+".wav"))
		if err != nil || rate != SampleRate {
			t.Fatalf("%s: rate %d: %v", id, rate, err)
		}
		hyp := finalText(sxRun(t, eng, sxConcat(pcm, sxSilence(0.5))))
		n := float64(len(strings.Fields(refs[id])))
		lr.edits += WER(refs[id], hyp) * n
		lr.words += n
		t.Logf("librivox %s: WER %.2f\n  ref %q\n  hyp %q", id, WER(refs[id], hyp), refs[id], hyp)
	}
	rows = append(rows, lr)

	var b strings.Builder
	fmt.Fprintf(&b, "\n| audio | WER | keyword hits (scam) | false alarms (scam / innocuous sentences) | CPU s per audio s |\n|---|---|---|---|---|\n")
	for _, r := range rows {
		kw := "—"
		fa := "—"
		if r.scam.expected > 0 {
			kw = fmt.Sprintf("%d/%d", r.scam.hits, r.scam.expected)
			fa = fmt.Sprintf("%d / %d", r.scam.falseAlarms, r.innocent.falseAlarms)
		}
		rtf := "—"
		if r.audio > 0 {
			rtf = fmt.Sprintf("%.3f", r.cpu/r.audio)
		}
		fmt.Fprintf(&b, "| %s | %.1f %% (%d words) | %s | %s | %s |\n", r.name, 100*r.edits/r.words, int(r.words), kw, fa, rtf)
	}
	t.Log(b.String())
}

// readTranscription parses a Sphinx transcription file:
// "<s> words </s> (id)" per line.
func readTranscription(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	re := regexp.MustCompile(`^(.*)\(([^()]+)\)\s*$`)
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		m := re.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		out[m[2]] = cleanHyp(m[1])
	}
	return out, sc.Err()
}

// TestSphinxKWSTune grid-searches the threshold slope/offset on the tuning
// sentences using keyword decoders alone (fast), across voices.
func TestSphinxKWSTune(t *testing.T) {
	needEval(t, "CALLSCREEN_KWS_TUNE")
	sxNeedModel(t)
	m, _ := resolveSphinxModel("")
	type clip struct {
		sentence string
		pcm      []int16
	}
	var clips []clip
	for _, voice := range []string{"rms", "kal16", "slt", "awb"} {
		for _, s := range append(append([]string{}, tuneScam...), tuneInnocuous...) {
			clips = append(clips, clip{s, sxConcat(sxSilence(0.5), sxSynth(t, voice, s), sxSilence(0.5))})
		}
	}
	defer func(a, b float64) { kwsSlope, kwsOffset = a, b }(kwsSlope, kwsOffset)
	for _, slope := range []float64{2.0, 3.0, 4.0} {
		for _, offset := range []float64{4, 10, 16} {
			kwsSlope, kwsOffset = slope, offset
			dir := t.TempDir()
			kwsFile, kwsDict, phrases, err := buildKWSFiles(dir, m.dict, sxKeywords, nil)
			if err != nil {
				t.Fatal(err)
			}
			d, err := newPSDecoder([]string{"-hmm", m.hmm, "-dict", kwsDict, "-kws", kwsFile, "-remove_silence", "no"})
			if err != nil {
				t.Fatal(err)
			}
			var score kwsScore
			var fas []string
			for _, c := range clips {
				d.startUtt()
				for p := c.pcm; len(p) >= FrameSamples; p = p[FrameSamples:] {
					d.process(p[:FrameSamples])
				}
				d.endUtt()
				var found []string
				for _, sg := range d.segs() {
					if p, ok := phrases[strings.TrimSpace(sg.Word)]; ok {
						found = append(found, p.orig)
					}
				}
				fas = append(fas, score.add(c.sentence, found)...)
			}
			d.free()
			t.Logf("slope %.1f offset %4.1f: hits %d/%d false alarms %d %v", slope, offset, score.hits, score.expected, score.falseAlarms, fas)
		}
	}
}

// TestSphinxResources measures decoder init time and resident memory.
func TestSphinxResources(t *testing.T) {
	needEval(t, "CALLSCREEN_WER")
	sxNeedModel(t)
	m, _ := resolveSphinxModel("")
	dir := t.TempDir()
	kwsFile, kwsDict, _, err := buildKWSFiles(dir, m.dict, sxKeywords, nil)
	if err != nil {
		t.Fatal(err)
	}
	vocab, err := vocabDict(m, sxVocabSize, append(slices.Clone(sxVocabKeep), "verification", "code"), "")
	if err != nil {
		t.Fatal(err)
	}
	vocabPath := filepath.Join(dir, "vocabulary.dict")
	if err := os.WriteFile(vocabPath, vocab, 0o600); err != nil {
		t.Fatal(err)
	}
	domain := filepath.Join(dir, "domain.arpa")
	var arpa bytes.Buffer
	if _, err := writeDomainARPA(&arpa, domainCorpus, func(w string) bool {
		return bytes.Contains(vocab, []byte("\n"+w+" ")) || bytes.HasPrefix(vocab, []byte(w+" "))
	}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(domain, arpa.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	kinds := []struct {
		name   string
		args   []string
		domain string // interpolate this domain model (DefaultDomainWeight)
	}{
		{"full", sxArgs([]string{"-hmm", m.hmm, "-lm", m.lm, "-dict", vocabPath, "-remove_silence", "no"}, sxFullSearch), ""},
		{"full + domain model", sxArgs([]string{"-hmm", m.hmm, "-dict", vocabPath, "-remove_silence", "no"}, sxFullSearch), domain},
		{"full (whole cmudict)", sxArgs([]string{"-hmm", m.hmm, "-lm", m.lm, "-dict", m.dict, "-remove_silence", "no"}, sxFullSearch), ""},
		{"kws", sxArgs([]string{"-hmm", m.hmm, "-dict", kwsDict, "-kws", kwsFile, "-remove_silence", "no"}, sxKWSSearch), ""},
	}
	runtime.GC()
	for _, k := range kinds {
		var ds []*psDecoder
		pcm := sxConcat(sxSilence(0.3), sxSynth(t, "rms", "please read me the verification code"))
		const n = 3
		var rss []int64
		var took time.Duration
		for i := 0; i < n; i++ {
			rss = append(rss, rssBytes(t))
			t0 := time.Now()
			d, err := newPSDecoder(k.args)
			if err != nil {
				t.Fatal(err)
			}
			if k.domain != "" {
				if err := d.useDomainLM(m.lm, k.domain, DefaultDomainWeight); err != nil {
					t.Fatal(err)
				}
			}
			took += time.Since(t0)
			ds = append(ds, d)
			// Decode a little so lazily allocated search structures count.
			d.startUtt()
			for p := pcm; len(p) >= FrameSamples; p = p[FrameSamples:] {
				d.process(p[:FrameSamples])
			}
			d.endUtt()
		}
		rss = append(rss, rssBytes(t))
		t.Logf("%s decoder: init %v; RSS first decoder %.0f MB (includes the shared, mmapped model), each further decoder %.0f MB",
			k.name, (took / n).Round(time.Millisecond), float64(rss[1]-rss[0])/1e6, float64(rss[n]-rss[1])/(n-1)/1e6)
		for _, d := range ds {
			d.free()
		}
	}
}

func rssBytes(t *testing.T) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status")
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			kb, _ := strconv.ParseInt(strings.Fields(line)[1], 10, 64)
			return kb * 1024
		}
	}
	t.Skip("no VmRSS")
	return 0
}
