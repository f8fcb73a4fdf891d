//go:build cgo

package transcribe

import (
	"bufio"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// The full decoder's search tree holds every dictionary word that the
// language model knows; Debian's en-us model has 72,545 of them. Most are
// rare names and spellings, and each one costs search time on every
// frame. vocabDict derives a dictionary holding only the most probable
// words, which shrinks the tree, and the decoder's init, without touching
// the model: the language model scores the kept words as before. See
// SPHINX.md for the measurements behind the size.

// sxVocabFormat versions the derived dictionary's recipe (part of its cache
// key): bump it when vocabDict changes what it writes.
const sxVocabFormat = "1"

// vocabDict returns a pronunciation dictionary holding the n most
// probable unigrams of m.lm (ties broken alphabetically) plus the keep
// words, each with every pronunciation cmudict gives it. Deriving it reads
// the whole language model (≈0.1 s), so the result is cached in cacheDir
// (when not ""), in a file named by a hash of the inputs: an updated
// model, size or keep list gets a new file. A cache that cannot be written
// is not an error.
func vocabDict(m sphinxModel, n int, keep []string, cacheDir string) ([]byte, error) {
	keep = slices.Clone(keep)
	for i, w := range keep {
		keep[i] = strings.ToLower(w)
	}
	slices.Sort(keep)
	keep = slices.Compact(keep)
	h := sha256.New()
	fmt.Fprintf(h, "format %s\nn %d\n", sxVocabFormat, n)
	for _, p := range []string{m.lm, m.dict} {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(h, "%s %d %d\n", p, fi.Size(), fi.ModTime().UnixNano())
	}
	fmt.Fprintf(h, "keep %s\n", strings.Join(keep, " "))
	cached := ""
	if cacheDir != "" {
		cached = filepath.Join(cacheDir, fmt.Sprintf("sphinx-vocab-%d-%s.dict", n, hex.EncodeToString(h.Sum(nil))[:16]))
		// Written by rename, so a file that exists is complete.
		if b, err := os.ReadFile(cached); err == nil && len(b) > 0 {
			return b, nil
		}
	}
	data, err := deriveVocabDict(m, n, keep)
	if err != nil {
		return nil, err
	}
	if cached != "" {
		_ = writeFileAtomic(cached, data)
	}
	return data, nil
}

// deriveVocabDict builds the dictionary's contents.
func deriveVocabDict(m sphinxModel, n int, keep []string) ([]byte, error) {
	uni, err := readUnigrams(m.lm)
	if err != nil {
		return nil, err
	}
	uni = slices.DeleteFunc(uni, func(u lmUnigram) bool { return u.word == "" || u.word[0] == '<' })
	slices.SortFunc(uni, func(a, b lmUnigram) int {
		if c := cmp.Compare(b.prob, a.prob); c != 0 {
			return c
		}
		return strings.Compare(a.word, b.word)
	})
	want := make(map[string]bool, n+len(keep))
	for _, u := range uni[:min(n, len(uni))] {
		want[u.word] = true
	}
	for _, w := range keep {
		want[w] = true
	}
	f, err := os.Open(m.dict)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []byte
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Bytes()
		word, _, ok := strings.Cut(string(line), " ")
		if !ok {
			continue
		}
		if i := strings.IndexByte(word, '('); i > 0 {
			word = word[:i]
		}
		if want[word] {
			out = append(append(out, line...), '\n')
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", m.dict, err)
	}
	return out, nil
}

// writeFileAtomic writes data to path through a temporary file and a
// rename, so a concurrent reader never sees a partial file.
func writeFileAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(f.Name(), 0o644)
	}
	if werr == nil {
		werr = os.Rename(f.Name(), path)
	}
	if werr != nil {
		os.Remove(f.Name())
	}
	return werr
}

// sxVocabSize is how many of the language model's most probable words the
// full decoder searches, besides the keep words (0: the whole of cmudict).
// Measured in SPHINX.md.
//
// sxVocabKeep are words kept whatever their rank: the scam vocabulary the
// classifier (package classify) looks for that is rarer than the
// 20,000th word, so the recogniser can still produce it. (Words the
// language model does not know, like "zelle", cannot be recognised
// anyway.) TestSphinxVocabCoversClassifier checks the list against
// classify's sources; the keyword phrases' words are added at run time.
var sxVocabKeep = strings.Fields(`
	account amex auth authentication authorize bitcoin buzzed callback card cashiers checkbook
	citibank code confection contraption crypto deport disconnection encoding espectador expiry
	fraudsters gift hafta hermes icloud impersonation interpol invoices keypad kiosk lagoon laguna
	maam mam mastercard mcafee mhm misused nan natwest nil nino nordstrom onetime overpayment
	padlock pak password permissions pin recite renewals reviewer routing santander scammers
	sephora sms software's ssn sweepstakes tether unauthorized utterance utterances vee verifying
	whats whatsapp workday zell buzzes embossed needful stac mnemonic goggle`)

var sxVocabSize = 40000
