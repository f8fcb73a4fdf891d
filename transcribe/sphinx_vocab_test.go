//go:build cgo

package transcribe

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

func dictWords(t *testing.T, b []byte) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		w, _, _ := strings.Cut(line, " ")
		if i := strings.IndexByte(w, '('); i > 0 {
			w = w[:i]
		}
		out[w]++
	}
	return out
}

func TestVocabDict(t *testing.T) {
	sxNeedModel(t)
	m, _ := resolveSphinxModel("")
	cache := filepath.Join(t.TempDir(), "cache")
	b, err := vocabDict(m, 1000, []string{"Verification", "routing", "notaword"}, cache)
	if err != nil {
		t.Fatal(err)
	}
	words := dictWords(t, b)
	// ≈1000 words (a few LM words are not in cmudict) plus the kept ones.
	if len(words) < 990 || len(words) > 1003 {
		t.Errorf("%d words, want ≈1002", len(words))
	}
	for _, w := range []string{"the", "and", "bank", "verification", "routing"} {
		if words[w] == 0 {
			t.Errorf("%q missing", w)
		}
	}
	if words["read"] < 2 {
		t.Errorf("read has %d pronunciations, want cmudict's 2", words["read"])
	}
	for _, w := range []string{"notaword", "aardvark", "zyuganov"} {
		if words[w] != 0 {
			t.Errorf("%q present", w)
		}
	}

	// Cached: the same inputs (keep order and case aside) read the file.
	files, _ := filepath.Glob(filepath.Join(cache, "*.dict"))
	if len(files) != 1 {
		t.Fatalf("cache holds %v, want one dictionary", files)
	}
	os.WriteFile(files[0], []byte("marker M AA R K ER\n"), 0o644)
	if b2, err := vocabDict(m, 1000, []string{"routing", "verification", "notaword"}, cache); err != nil || string(b2) != "marker M AA R K ER\n" {
		t.Fatalf("second call did not use the cache: %v", err)
	}
	// Other inputs, other files.
	if b3, err := vocabDict(m, 1000, []string{"routing"}, cache); err != nil || dictWords(t, b3)["verification"] != 0 {
		t.Errorf("other keep list: %v", err)
	}
	if b4, err := vocabDict(m, 2000, nil, cache); err != nil || len(dictWords(t, b4)) < 1990 {
		t.Errorf("n=2000: %v", err)
	}
	if files, _ := filepath.Glob(filepath.Join(cache, "*.dict")); len(files) != 3 {
		t.Errorf("cache holds %v, want 3 dictionaries", files)
	}
	// The same with no cache, and with one that cannot be written.
	ro := filepath.Join(t.TempDir(), "file")
	os.WriteFile(ro, nil, 0o600)
	for _, dir := range []string{"", filepath.Join(ro, "sub")} {
		if b5, err := vocabDict(m, 1000, []string{"Verification", "routing", "notaword"}, dir); err != nil || string(b5) != string(b) {
			t.Errorf("cache dir %q: %v", dir, err)
		}
	}
}

// TestSphinxVocabCoversClassifier checks that the full decoder's cut-down
// vocabulary still holds every word the classifier's rules look for (that
// the language model knows), so pruning never hides a scam request. When
// it fails after a rule change, add the words it names to sxVocabKeep.
func TestSphinxVocabCoversClassifier(t *testing.T) {
	if sxVocabSize <= 0 {
		t.Skip("the full decoder uses the whole dictionary")
	}
	sxNeedModel(t)
	m, _ := resolveSphinxModel("")
	files, _ := filepath.Glob("../classify/*.go")
	if len(files) == 0 {
		t.Skip("no classify sources next to this package")
	}
	lit := regexp.MustCompile(`"((?:[^"\\\n]|\\.)*)"|` + "`([^`]*)`")
	word := regexp.MustCompile(`[a-z][a-z']*`)
	want := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range lit.FindAllStringSubmatch(string(src), -1) {
			for _, w := range word.FindAllString(strings.ToLower(l[1]+" "+l[2]), -1) {
				want[w] = true
			}
		}
	}
	uni, err := readUnigrams(m.lm)
	if err != nil {
		t.Fatal(err)
	}
	b, err := vocabDict(m, sxVocabSize, sxVocabKeep, "")
	if err != nil {
		t.Fatal(err)
	}
	have := dictWords(t, b)
	var missing []string
	for _, u := range uni {
		if want[u.word] && have[u.word] == 0 {
			missing = append(missing, u.word)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("the classifier looks for %d words the recogniser could no longer produce; add them to sxVocabKeep: %s",
			len(missing), strings.Join(missing, " "))
	}
}

func TestSxArgs(t *testing.T) {
	got := sxArgs([]string{"-hmm", "h", "-fwdflat", "yes"}, []string{"-fwdflat", "no", "-ds", "2"})
	want := []string{"-hmm", "h", "-fwdflat", "no", "-ds", "2"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got %q, want %q", got, want)
	}
}
