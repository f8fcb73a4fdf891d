package transcribe

import (
	"strings"
	"unicode"
)

// WER is the word error rate of hyp against the reference ref: the
// word-level edit distance (substitutions + deletions + insertions) divided
// by the number of reference words, after normalisation (lower case,
// punctuation dropped, apostrophes kept, hyphens split). It is 0 for two
// empty strings and 1 per inserted word when ref is empty (so it stays
// finite and still penalises invented text). It can exceed 1.
func WER(ref, hyp string) float64 {
	r := strings.Fields(normalizeForWER(ref))
	h := strings.Fields(normalizeForWER(hyp))
	if len(r) == 0 {
		return float64(len(h))
	}
	return float64(wordEdits(r, h)) / float64(len(r))
}

// wordEdits is the Levenshtein distance between two word sequences, with
// two rows of memory.
func wordEdits(r, h []string) int {
	prev := make([]int, len(h)+1)
	cur := make([]int, len(h)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(r); i++ {
		cur[0] = i
		for j := 1; j <= len(h); j++ {
			sub := prev[j-1]
			if r[i-1] != h[j-1] {
				sub++
			}
			cur[j] = min(sub, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(h)]
}

// normalizeForWER lower-cases and keeps letters, digits and apostrophes
// inside words; everything else separates words.
func normalizeForWER(s string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(c) || unicode.IsDigit(c) || c == '\'':
			b.WriteRune(c)
		default:
			b.WriteByte(' ')
		}
	}
	words := strings.Fields(b.String())
	for i, w := range words {
		words[i] = strings.Trim(w, "'")
	}
	return strings.Join(words, " ")
}
