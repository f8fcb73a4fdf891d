//go:build cgo

package transcribe

/*
#cgo pkg-config: pocketsphinx sphinxbase
#include <stdlib.h>
#include <string.h>
#include <sphinxbase/err.h>
#include <sphinxbase/logmath.h>
#include <sphinxbase/ngram_model.h>

// cs_unigrams reads a language model (ARPA, DMP or binary trie) and
// returns its unigrams with their log probabilities, in malloc'd arrays
// the caller frees with cs_unigrams_free. Returns -1 if the model cannot
// be read.
static int cs_unigrams(const char *path, char ***words, int **probs) {
	logmath_t *lmath = logmath_init(1.0001, 0, 0);
	if (lmath == NULL) return -1;
	ngram_model_t *lm = ngram_model_read(NULL, path, NGRAM_AUTO, lmath);
	if (lm == NULL) {
		logmath_free(lmath);
		return -1;
	}
	int n = (int)ngram_model_get_counts(lm)[0];
	*words = malloc(sizeof(char *) * (n > 0 ? n : 1));
	*probs = malloc(sizeof(int) * (n > 0 ? n : 1));
	for (int i = 0; i < n; i++) {
		const char *w = ngram_word(lm, i);
		(*words)[i] = strdup(w ? w : "");
		(*probs)[i] = w ? ngram_probv(lm, w, NULL) : -2147483647;
	}
	ngram_model_free(lm);
	logmath_free(lmath);
	return n;
}

static void cs_unigrams_free(char **words, int *probs, int n) {
	for (int i = 0; i < n; i++) free(words[i]);
	free(words);
	free(probs);
}
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// lmUnigram is one word of a language model with its unigram log
// probability (base 1.0001, as the decoder's scores).
type lmUnigram struct {
	word string
	prob int32
}

// readUnigrams returns the unigrams of the language model at path.
func readUnigrams(path string) ([]lmUnigram, error) {
	quietOnce.Do(func() { C.err_set_logfp(nil) })
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	var words **C.char
	var probs *C.int
	psLifeMu.Lock() // reading the model sets the same process-wide state as ps_init
	n := int(C.cs_unigrams(cpath, &words, &probs))
	psLifeMu.Unlock()
	if n < 0 {
		return nil, fmt.Errorf("cannot read language model %s", path)
	}
	defer C.cs_unigrams_free(words, probs, C.int(n))
	ws := unsafe.Slice(words, n)
	ps := unsafe.Slice(probs, n)
	out := make([]lmUnigram, n)
	for i := range out {
		out[i] = lmUnigram{word: C.GoString(ws[i]), prob: int32(ps[i])}
	}
	return out, nil
}
