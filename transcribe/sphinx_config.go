package transcribe

import (
	"bufio"
	"fmt"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// DefaultSphinxModelDir is where Debian's pocketsphinx-en-us package
// installs the US English model.
const DefaultSphinxModelDir = "/usr/share/pocketsphinx/model/en-us"

// SphinxConfig configures the embedded PocketSphinx engine.
type SphinxConfig struct {
	// ModelDir holds en-us/ (acoustic model), en-us.lm.bin and
	// cmudict-en-us.dict. Empty means DefaultSphinxModelDir. (The
	// CALLSCREEN_SPHINX_MODEL override is the caller's business.)
	ModelDir string
	// Keywords maps phrase → category. The phrases are keyword-spotted on
	// the same audio in a separate, cheap decoder, so a request for a code
	// is flagged while the sentence is still being spoken, and even when
	// the full transcription garbles it. Phrases with words missing from
	// the dictionary are skipped with a warning. May be empty.
	Keywords map[string]string
	// PoolSize caps how many decoders of each kind (full, keyword) exist at
	// once, i.e. how many streams can run concurrently; NewStream blocks
	// when the cap is reached. 0 means runtime.NumCPU()*2. Each full
	// decoder costs ≈110 MB, so this bounds memory too. Narrowband streams
	// (see Source) have pools of their own with the same cap, created on
	// first use.
	PoolSize int
	// DomainWeight is the weight of the domain language model, a trigram
	// model of what callers say on screened calls (domainlm.go), in the
	// full decoder's interpolation with the general model: 0 means
	// DefaultDomainWeight; a negative value turns it off (the general
	// model alone).
	DomainWeight float64
	// Logger receives warnings and debug events; nil means slog.Default().
	Logger *slog.Logger
}

// DefaultDomainWeight is the domain language model's default weight
// (measured in SPHINX.md, "Domain language model").
const DefaultDomainWeight = 0.3

// sxDomainFormat versions the domain model's recipe (part of its cache
// key): bump it when writeDomainARPA changes what it writes.
const sxDomainFormat = "1"

// SphinxStats is a snapshot of the engine's load, for metrics and for the
// real-time factor (CPU seconds per audio second).
type SphinxStats struct {
	FullInUse, FullIdle int   // full-transcription decoders
	KWSInUse, KWSIdle   int   // keyword-spotting decoders
	FullInits, KWSInits int64 // decoders ever created (pool reuse check)
	Streams             int64 // streams opened
	NarrowbandStreams   int64 // of which on the narrowband decoders
	AudioSeconds        float64
	FullCPUSeconds      float64 // CPU time inside the full decoders
	KWSCPUSeconds       float64 // CPU time inside the keyword decoders
}

// RealTimeFactor is CPU seconds per audio second for full transcription
// plus keyword spotting (0 before any audio).
func (st SphinxStats) RealTimeFactor() float64 {
	if st.AudioSeconds == 0 {
		return 0
	}
	return (st.FullCPUSeconds + st.KWSCPUSeconds) / st.AudioSeconds
}

// sphinxModel is the resolved set of model paths.
type sphinxModel struct {
	hmm, lm, dict string
}

// resolveSphinxModel checks that the model files exist, so a missing
// package is reported clearly instead of as an opaque ps_init failure.
func resolveSphinxModel(dir string) (sphinxModel, error) {
	if dir == "" {
		dir = DefaultSphinxModelDir
	}
	m := sphinxModel{
		hmm:  filepath.Join(dir, "en-us"),
		lm:   filepath.Join(dir, "en-us.lm.bin"),
		dict: filepath.Join(dir, "cmudict-en-us.dict"),
	}
	for _, p := range []string{filepath.Join(m.hmm, "mdef"), m.lm, m.dict} {
		if _, err := os.Stat(p); err != nil {
			return m, fmt.Errorf("transcribe: sphinx: model file %s missing (install the Debian package pocketsphinx-en-us, or set the model directory): %w", p, ErrUnavailable)
		}
	}
	return m, nil
}

// kwsPhrase is one keyword phrase as the decoder sees it.
type kwsPhrase struct {
	orig   string // as given by the caller, reported in Segment.Keywords
	norm   string // lower case, single spaces, as in the -kws file
	phones int    // phones in the first pronunciation of each word
}

// normPhrase lower-cases a phrase and splits hyphenated words, because the
// dictionary spells "one-time" as two words.
func normPhrase(p string) string {
	p = strings.ToLower(p)
	p = strings.NewReplacer("-", " ", ",", " ", ".", " ", "?", " ", "!", " ").Replace(p)
	return strings.Join(strings.Fields(p), " ")
}

// kwsThreshold is the detection threshold for a phrase of n phones.
//
// Why it depends on length: the threshold is a likelihood ratio over the
// whole phrase, so short phrases ("pin") fire on many ordinary words and
// need a strict (large) threshold, while long ones ("social security
// number") accumulate more evidence and need a lenient (tiny) one to be
// found at all. The exponent grows linearly with the phone count; the
// slope was tuned on a separate sentence set (see SPHINX.md).
func kwsThreshold(phones int) float64 {
	exp := kwsSlope*float64(phones) - kwsOffset
	exp = math.Max(kwsMinExp, math.Min(kwsMaxExp, exp))
	return math.Pow(10, -exp)
}

// Tuning knobs for kwsThreshold (see SPHINX.md for the measurements).
var (
	kwsSlope  = 2.0
	kwsOffset = 8.0
	kwsMinExp = 2.0
	kwsMaxExp = 45.0
)

// buildKWSFiles writes, into dir, the -kws phrase file and a small
// dictionary holding only the phrases' words. The small dictionary keeps a
// keyword decoder at ≈10 ms init instead of loading all of cmudict.
func buildKWSFiles(dir, dictPath string, keywords map[string]string, log *slog.Logger) (kwsFile, kwsDict string, phrases map[string]kwsPhrase, err error) {
	if log == nil {
		log = slog.Default()
	}
	want := map[string]bool{}
	var list []kwsPhrase
	for orig := range keywords {
		n := normPhrase(orig)
		if n == "" {
			continue
		}
		list = append(list, kwsPhrase{orig: orig, norm: n})
		for _, w := range strings.Fields(n) {
			want[w] = true
		}
	}
	if len(list) == 0 {
		return "", "", nil, nil
	}
	f, err := os.Open(dictPath)
	if err != nil {
		return "", "", nil, fmt.Errorf("transcribe: sphinx: %w", err)
	}
	defer f.Close()
	var dictLines []string
	phonesOf := map[string]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		word, rest, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		base := word
		if i := strings.IndexByte(base, '('); i > 0 {
			base = base[:i]
		}
		if !want[base] {
			continue
		}
		dictLines = append(dictLines, line)
		if _, seen := phonesOf[base]; !seen {
			phonesOf[base] = len(strings.Fields(rest))
		}
	}
	if err := sc.Err(); err != nil {
		return "", "", nil, fmt.Errorf("transcribe: sphinx: reading %s: %w", dictPath, err)
	}
	phrases = map[string]kwsPhrase{}
	var kwsLines []string
	sort.Slice(list, func(i, j int) bool { return list[i].norm < list[j].norm })
	for _, p := range list {
		ok := true
		for _, w := range strings.Fields(p.norm) {
			n, found := phonesOf[w]
			if !found {
				log.Warn("transcribe: sphinx: keyword phrase skipped: word not in dictionary", "phrase", p.orig, "word", w)
				ok = false
				break
			}
			p.phones += n
		}
		if !ok {
			continue
		}
		if _, dup := phrases[p.norm]; dup {
			continue
		}
		phrases[p.norm] = p
		kwsLines = append(kwsLines, fmt.Sprintf("%s /%.0e/", p.norm, kwsThreshold(p.phones)))
	}
	if len(phrases) == 0 {
		return "", "", nil, nil
	}
	kwsFile = filepath.Join(dir, "keywords.kws")
	kwsDict = filepath.Join(dir, "keywords.dict")
	if err := os.WriteFile(kwsFile, []byte(strings.Join(kwsLines, "\n")+"\n"), 0o600); err != nil {
		return "", "", nil, fmt.Errorf("transcribe: sphinx: %w", err)
	}
	if err := os.WriteFile(kwsDict, []byte(strings.Join(dictLines, "\n")+"\n"), 0o600); err != nil {
		return "", "", nil, fmt.Errorf("transcribe: sphinx: %w", err)
	}
	return kwsFile, kwsDict, phrases, nil
}

// cleanWord turns a decoder token into an output word: "" for markers and
// fillers (<s>, </s>, <sil>, [NOISE], ++BREATH++), and "word(2)" → "word".
func cleanWord(w string) string {
	w = strings.TrimSpace(w)
	if w == "" || w[0] == '<' || w[0] == '[' || strings.HasPrefix(w, "++") {
		return ""
	}
	if i := strings.IndexByte(w, '('); i > 0 && strings.HasSuffix(w, ")") {
		w = w[:i]
	}
	return strings.ToLower(w)
}

// cleanHyp applies cleanWord to each word of a hypothesis string.
func cleanHyp(h string) string {
	var out []string
	for _, w := range strings.Fields(h) {
		if c := cleanWord(w); c != "" {
			out = append(out, c)
		}
	}
	return strings.Join(out, " ")
}
