package classify

// Featurizer of the learned-layer experiment (see model_experiment_test.go
// and EVAL.md): hashed word uni/bi/trigrams of a segment plus uni/bigrams
// of the segment before it. Written allocation-free so it could move into
// the detector unchanged if the experiment showed it generalises.

import "unicode/utf8"

const (
	mBits = 15
	mSize = 1 << mBits
)

// Salts keep the feature kinds apart in the hash space.
const (
	saltCur1 uint64 = 0x9e3779b97f4a7c15
	saltCur2 uint64 = 0xc2b2ae3d27d4eb4f
	saltCur3 uint64 = 0x165667b19e3779f9
	saltPrv1 uint64 = 0xd6e8feb86659fd93
	saltPrv2 uint64 = 0xa0761d6478bd642f
)

var (
	hNum = fnvString("<num>")
	hBOS = fnvString("<s>")
)

// mWordNum are number words: recogniser text says "four eight two nine"
// where typed text has "4829", and both read as one <num> token.
var mWordNum = map[string]bool{"zero": true, "oh": true, "one": true, "two": true, "three": true,
	"four": true, "five": true, "six": true, "seven": true, "eight": true, "nine": true, "ten": true,
	"eleven": true, "twelve": true, "thirteen": true, "fourteen": true, "fifteen": true, "sixteen": true,
	"seventeen": true, "eighteen": true, "nineteen": true, "twenty": true, "thirty": true, "forty": true,
	"fifty": true, "sixty": true, "seventy": true, "eighty": true, "ninety": true, "hundred": true,
	"thousand": true, "double": true, "triple": true}

var mFiller = map[string]bool{"um": true, "uh": true, "erm": true, "er": true, "uhm": true, "hmm": true, "mm": true, "ah": true}

func fnvString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

func fnvBytes(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

func mix(a, b uint64) uint64 {
	h := a*0xff51afd7ed558ccd ^ (b + 0x9e3779b97f4a7c15 + a<<6 + a>>2)
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// mtok turns text into word hashes with the same character handling as
// the rule tokenizer (case folding, accents, apostrophes, redaction
// labels), numbers collapsed to one <num> token per run.
type mtok struct {
	word []byte
	out  []uint64
}

func (t *mtok) run(text string) {
	t.word = t.word[:0]
	for i := 0; i < len(text); {
		c := text[i]
		if c == '[' {
			if n := labelAt(text[i:]); n > 0 {
				t.flush()
				t.num()
				i += n
				continue
			}
		}
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
				t.add(c)
			case c >= 'A' && c <= 'Z':
				t.add(c + 'a' - 'A')
			case c == '\'' || c == '`':
				// "don't" -> "dont"
			default:
				t.flush()
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		switch {
		case r == '’' || r == '‘' || r == 'ʼ':
		default:
			if b := foldLatin(r); b != 0 {
				t.add(b)
			} else {
				t.flush()
			}
		}
	}
	t.flush()
}

func (t *mtok) add(c byte) {
	if len(t.word) < maxWord {
		t.word = append(t.word, c)
	}
}

func (t *mtok) num() {
	if n := len(t.out); n > 0 && t.out[n-1] == hNum {
		return
	}
	t.out = append(t.out, hNum)
}

func (t *mtok) flush() {
	w := t.word
	t.word = t.word[:0]
	if len(w) == 0 {
		return
	}
	if isNumeral(w) || mWordNum[string(w)] {
		t.num()
		return
	}
	if mFiller[string(w)] {
		return
	}
	t.out = append(t.out, fnvBytes(w))
}

// mPrevTail is how many words of the previous segment are context.
const mPrevTail = 12

// mFeatures appends the feature buckets of a segment (cur) with the
// segment before it (prev) as left context.
func mFeatures(dst []uint32, prev, cur []uint64) []uint32 {
	b := func(h uint64) uint32 { return uint32(h >> (64 - mBits)) }
	p1, p2 := hBOS, hBOS
	for _, w := range cur {
		dst = append(dst, b(mix(saltCur1, w)))
		dst = append(dst, b(mix(mix(saltCur2, p1), w)))
		dst = append(dst, b(mix(mix(mix(saltCur3, p2), p1), w)))
		p2, p1 = p1, w
	}
	if len(prev) > mPrevTail {
		prev = prev[len(prev)-mPrevTail:]
	}
	q := hBOS
	for _, w := range prev {
		dst = append(dst, b(mix(saltPrv1, w)))
		dst = append(dst, b(mix(mix(saltPrv2, q), w)))
		q = w
	}
	return dst
}
