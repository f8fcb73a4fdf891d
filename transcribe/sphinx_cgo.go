//go:build cgo

package transcribe

// This file is the thin cgo layer over PocketSphinx 5prealpha (Debian's
// libpocketsphinx-dev). It knows nothing about streams, pools or segments;
// it only converts between Go and C and keeps every C pointer on the C side.
//
// cgo rules: no Go pointer is stored by C. Audio is passed as a pointer to
// a Go slice for the duration of one ps_process_raw call only (allowed: the
// memory holds no Go pointers and is not retained). Strings passed in are
// copied with C.CString and freed before returning.

/*
#cgo pkg-config: pocketsphinx sphinxbase
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <pocketsphinx.h>
#include <sphinxbase/err.h>
#include <sphinxbase/logmath.h>
#include <sphinxbase/cmd_ln.h>
#include <sphinxbase/feat.h>
#include <sphinxbase/cmn.h>
#include <sphinxbase/fe.h>
#include <sphinxbase/ckd_alloc.h>
#include <sphinxbase/ngram_model.h>

// cs_quiet silences sphinxbase's global logger (it otherwise writes the
// whole configuration table and per-utterance statistics to stderr).
static void cs_quiet(void) { err_set_logfp(NULL); }

// cs_init parses argv (cmd_ln_init is variadic, which cgo cannot call) and
// creates a decoder. The config is owned by the decoder afterwards.
static ps_decoder_t *cs_init(int argc, char **argv) {
	cmd_ln_t *cfg = cmd_ln_parse_r(NULL, ps_args(), argc, argv, 1);
	if (cfg == NULL) return NULL;
	ps_decoder_t *ps = ps_init(cfg);
	cmd_ln_free_r(cfg); // ps_init retained it
	return ps;
}

// cs_cmn is a saved CMN state: the running mean CMN subtracts and the
// sum and frame count it is updated from, carried from one utterance to
// the next.
typedef struct {
	mfcc_t mean[64], sum[64];
	int32 nframe, veclen;
} cs_cmn;

// cs_cmn_save copies the decoder's CMN state into out; 0 when it has none.
static int cs_cmn_save(ps_decoder_t *ps, cs_cmn *out) {
	feat_t *f = ps_get_feat(ps);
	if (f == NULL || f->cmn_struct == NULL || f->cmn_struct->veclen > 64) return 0;
	cmn_t *c = f->cmn_struct;
	out->veclen = c->veclen;
	out->nframe = c->nframe;
	memcpy(out->mean, c->cmn_mean, c->veclen * sizeof(mfcc_t));
	memcpy(out->sum, c->sum, c->veclen * sizeof(mfcc_t));
	return 1;
}

// cs_cmn_restore puts a saved CMN state back (between utterances).
static void cs_cmn_restore(ps_decoder_t *ps, const cs_cmn *in) {
	feat_t *f = ps_get_feat(ps);
	if (f == NULL || f->cmn_struct == NULL || f->cmn_struct->veclen != in->veclen) return;
	cmn_t *c = f->cmn_struct;
	c->nframe = in->nframe;
	memcpy(c->cmn_mean, in->mean, c->veclen * sizeof(mfcc_t));
	memcpy(c->sum, in->sum, c->veclen * sizeof(mfcc_t));
}

// cs_cmn_weigh keeps the current mean but gives it the weight of n
// frames, so that the next utterance's end sets the mean from that
// utterance's frames and this prior in proportion.
static void cs_cmn_weigh(ps_decoder_t *ps, int n) {
	feat_t *f = ps_get_feat(ps);
	if (f == NULL || f->cmn_struct == NULL) return;
	cmn_t *c = f->cmn_struct;
	c->nframe = n;
	for (int i = 0; i < c->veclen; i++) c->sum[i] = c->cmn_mean[i] * n;
}

static long long cs_thread_cpu_ns(void) {
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

// cs_cmn_prime runs pcm through the decoder's front end and updates its
// live cepstral mean exactly as an utterance of that audio would (the
// library's own cmn_live and cmn_live_update), without the search: the
// mean is all a prime needs, and searching it cost as much as decoding
// those seconds. Returns 0 on success.
static int cs_cmn_prime(ps_decoder_t *ps, const short *pcm, int n, long long *cpu_ns) {
	long long t0 = cs_thread_cpu_ns();
	fe_t *fe = ps_get_fe(ps);
	feat_t *f = ps_get_feat(ps);
	if (fe == NULL || f == NULL || f->cmn_struct == NULL) return -1;
	int veclen = fe_get_output_size(fe);
	if (veclen != f->cmn_struct->veclen) return -2;
	enum { block = 64 };
	mfcc_t **cep = (mfcc_t **)ckd_calloc_2d(block, veclen, sizeof(mfcc_t));
	int r = fe_start_utt(fe) < 0 ? -3 : 0;
	const int16 *p = pcm;
	size_t left = n;
	while (r == 0 && left > 0) {
		size_t before = left;
		int32 nfr = block;
		if (fe_process_frames(fe, &p, &left, cep, &nfr, NULL) < 0) r = -4;
		else if (nfr > 0) cmn_live(f->cmn_struct, cep, f->varnorm, nfr);
		else if (left == before) break;
	}
	int32 nfr = 0;
	if (r == 0 && fe_end_utt(fe, cep[0], &nfr) < 0) r = -5;
	if (r == 0) {
		if (nfr > 0) cmn_live(f->cmn_struct, cep, f->varnorm, nfr);
		cmn_live_update(f->cmn_struct);
	}
	ckd_free_2d(cep);
	*cpu_ns += cs_thread_cpu_ns() - t0;
	return r;
}

// cs_lm_to_bin writes the language model at arpa in sphinxbase's binary
// trie format at bin, which loads without parsing text. Scores are stored
// in the log base of the library's default -logbase, the decoders'.
// Returns 0 on success.
static int cs_lm_to_bin(const char *arpa, const char *bin) {
	logmath_t *lmath = logmath_init(1.0001, 0, 0);
	if (lmath == NULL) return -1;
	ngram_model_t *m = ngram_model_read(NULL, arpa, NGRAM_ARPA, lmath);
	int r = m == NULL ? -2 : ngram_model_write(m, bin, NGRAM_BIN) < 0 ? -3 : 0;
	if (m != NULL) ngram_model_free(m);
	logmath_free(lmath);
	return r;
}

// cs_domain_lm makes the decoder search with the general language model
// interpolated with a domain model: p = (1-w)·p_general + w·p_domain. Both
// are read with the decoder's log-math (a set requires it); the set owns
// them, and the decoder's search retains the set. Returns 0 on success.
static int cs_domain_lm(ps_decoder_t *ps, const char *general, const char *domain, float w) {
	cmd_ln_t *cfg = ps_get_config(ps);
	logmath_t *lmath = ps_get_logmath(ps);
	ngram_model_t *lms[2];
	lms[0] = ngram_model_read(cfg, general, NGRAM_AUTO, lmath);
	if (lms[0] == NULL) return -1;
	lms[1] = ngram_model_read(cfg, domain, NGRAM_AUTO, lmath);
	if (lms[1] == NULL) { ngram_model_free(lms[0]); return -2; }
	char *names[2] = {"general", "domain"};
	float32 weights[2] = {1 - w, w};
	ngram_model_t *set = ngram_model_set_init(cfg, lms, names, weights, 2);
	if (set == NULL) { ngram_model_free(lms[0]); ngram_model_free(lms[1]); return -3; }
	int r = ps_set_lm(ps, "domain", set);
	ngram_model_free(set); // the search holds its own reference
	if (r < 0) return -4;
	return ps_set_search(ps, "domain") < 0 ? -5 : 0;
}

// cs_process feeds audio and reports the CPU time the decoder spent on this
// thread, so Stats can give an honest real-time factor on a shared machine.
static int cs_process(ps_decoder_t *ps, const short *pcm, int n, long long *cpu_ns) {
	long long t0 = cs_thread_cpu_ns();
	int r = ps_process_raw(ps, (const int16 *)pcm, (size_t)n, 0, 0);
	*cpu_ns += cs_thread_cpu_ns() - t0;
	return r;
}

static const char *cs_hyp(ps_decoder_t *ps, long long *cpu_ns) {
	long long t0 = cs_thread_cpu_ns();
	int32 score;
	const char *h = ps_get_hyp(ps, &score);
	*cpu_ns += cs_thread_cpu_ns() - t0;
	return h;
}

static int cs_end(ps_decoder_t *ps, long long *cpu_ns) {
	long long t0 = cs_thread_cpu_ns();
	int r = ps_end_utt(ps);
	*cpu_ns += cs_thread_cpu_ns() - t0;
	return r;
}

// cs_seg is one entry of ps_seg_iter copied out, so Go never walks C lists.
typedef struct {
	const char *word;
	int sf, ef;
	double post; // posterior probability 0..1 (1 when unavailable)
} cs_seg;

// cs_segs copies up to max segments into out and returns how many there
// were in total (callers retry with a bigger buffer when it is larger).
// The word pointers stay valid until the next call into the decoder.
static int cs_segs(ps_decoder_t *ps, cs_seg *out, int max, long long *cpu_ns) {
	long long t0 = cs_thread_cpu_ns();
	logmath_t *lm = ps_get_logmath(ps);
	int n = 0;
	ps_seg_t *it;
	for (it = ps_seg_iter(ps); it != NULL; it = ps_seg_next(it)) {
		if (n < max) {
			int32 ascr, lscr, lback;
			out[n].word = ps_seg_word(it);
			ps_seg_frames(it, &out[n].sf, &out[n].ef);
			int32 p = ps_seg_prob(it, &ascr, &lscr, &lback);
			out[n].post = logmath_exp(lm, p);
		}
		n++;
	}
	*cpu_ns += cs_thread_cpu_ns() - t0;
	return n;
}
*/
import "C"

import (
	"errors"
	"fmt"
	"sync"
	"unsafe"
)

var quietOnce sync.Once

// psLifeMu serialises creating and freeing decoders. ps_init is not
// thread-safe: it sets process-wide state (the log file behind -logfn,
// closing the previous one), and two concurrent inits corrupted the heap
// ("free(): unaligned chunk") when a burst of live calls borrowed fresh
// decoders at once. Decoding itself is per-decoder and stays concurrent.
var psLifeMu sync.Mutex

// psDecoder owns one ps_decoder_t. It is not safe for concurrent use: the C
// decoder keeps per-utterance state, so exactly one stream uses it at a time
// (the pool guarantees that).
type psDecoder struct {
	ps      *C.ps_decoder_t
	cmnInit *C.cs_cmn // the CMN state the decoder started with (C memory)
	inUtt   bool
	cpuNS   C.longlong // CPU time spent inside the decoder, this thread-clock
	segBuf  []C.cs_seg // reused; lives in Go memory, holds only C pointers
}

// rawSeg is one word (or keyphrase) from ps_seg_iter, frames at 100/s
// relative to the start of the utterance.
type rawSeg struct {
	Word   string
	SF, EF int
	Post   float64
}

// newPSDecoder creates a decoder from sphinx command-line style arguments,
// e.g. {"-hmm", dir, "-lm", file}.
func newPSDecoder(args []string) (*psDecoder, error) {
	quietOnce.Do(func() { C.cs_quiet() })
	argv := C.malloc(C.size_t(len(args)+1) * C.size_t(unsafe.Sizeof(uintptr(0))))
	defer C.free(argv)
	ptrs := unsafe.Slice((**C.char)(argv), len(args)+1)
	for i, a := range args {
		ptrs[i] = C.CString(a)
	}
	ptrs[len(args)] = nil
	defer func() {
		for i := range args {
			C.free(unsafe.Pointer(ptrs[i]))
		}
	}()
	psLifeMu.Lock()
	ps := C.cs_init(C.int(len(args)), (**C.char)(argv))
	psLifeMu.Unlock()
	if ps == nil {
		return nil, errors.New("ps_init failed (bad model files or arguments)")
	}
	d := &psDecoder{ps: ps}
	cmn := (*C.cs_cmn)(C.calloc(1, C.size_t(unsafe.Sizeof(C.cs_cmn{}))))
	if C.cs_cmn_save(ps, cmn) == 1 {
		d.cmnInit = cmn
	} else {
		C.free(unsafe.Pointer(cmn))
	}
	return d, nil
}

// lmToBin converts the ARPA language model at arpa to the binary file bin
// (cs_lm_to_bin).
func lmToBin(arpa, bin string) error {
	a, b := C.CString(arpa), C.CString(bin)
	defer C.free(unsafe.Pointer(a))
	defer C.free(unsafe.Pointer(b))
	psLifeMu.Lock()
	r := C.cs_lm_to_bin(a, b)
	psLifeMu.Unlock()
	if r != 0 {
		return fmt.Errorf("language model %s to binary: step %d failed", arpa, -r)
	}
	return nil
}

// useDomainLM makes the decoder search with the general language model at
// general interpolated with the model at domain (ARPA, or binary when its
// name ends in ".bin"), which gets weight w.
func (d *psDecoder) useDomainLM(general, domain string, w float64) error {
	g, dm := C.CString(general), C.CString(domain)
	defer C.free(unsafe.Pointer(g))
	defer C.free(unsafe.Pointer(dm))
	psLifeMu.Lock()
	r := C.cs_domain_lm(d.ps, g, dm, C.float(w))
	psLifeMu.Unlock()
	if r != 0 {
		return fmt.Errorf("domain language model: step %d failed", -r)
	}
	return nil
}

// primeCMN sets the cepstral mean from pcm (speech from the start of a
// recording, or a live stream's first utterance) as an utterance of pcm
// would set it at its end, as the model's training did per utterance
// (-cmn batch), instead of starting from the generic -cmninit alone (which
// keeps the weight of sxCMNPriorFrames). Only the front end runs, no
// search (cs_cmn_prime).
func (d *psDecoder) primeCMN(pcm []int16) error {
	if d.cmnInit == nil || d.inUtt || len(pcm) == 0 {
		return nil
	}
	d.weighCMN()
	// pcm holds no Go pointers and is not retained (see process).
	if r := C.cs_cmn_prime(d.ps, (*C.short)(unsafe.Pointer(&pcm[0])), C.int(len(pcm)), &d.cpuNS); r != 0 {
		return fmt.Errorf("cepstral mean from %d samples: step %d failed", len(pcm), -r)
	}
	return nil
}

// weighCMN makes the next utterance's end set the cepstral mean from that
// utterance and the current mean, weighted as sxCMNPriorFrames frames.
func (d *psDecoder) weighCMN() {
	if d.cmnInit != nil && !d.inUtt {
		C.cs_cmn_weigh(d.ps, sxCMNPriorFrames)
	}
}

// cmnState is a saved CMN state (saveCMN, restoreCMN).
type cmnState struct{ c C.cs_cmn }

// saveCMN returns the decoder's CMN state; nil when it has none.
func (d *psDecoder) saveCMN() *cmnState {
	var s cmnState
	if C.cs_cmn_save(d.ps, &s.c) != 1 {
		return nil
	}
	return &s
}

// restoreCMN puts a state from saveCMN back (between utterances).
func (d *psDecoder) restoreCMN(s *cmnState) {
	if s != nil && !d.inUtt {
		C.cs_cmn_restore(d.ps, &s.c)
	}
}

// resetStream makes the decoder start a new stream as it started its
// first: ps_start_stream resets the front end's noise estimate, and the
// CMN state (the cepstral mean, which adapts across utterances) goes back
// to the model's -cmninit. Without this a pooled decoder begins each
// stream with the noise and mean of whatever voice and channel it heard
// last, so the same audio was transcribed differently depending on the
// pool's history.
func (d *psDecoder) resetStream() {
	if d.inUtt {
		return
	}
	C.ps_start_stream(d.ps)
	if d.cmnInit != nil {
		C.cs_cmn_restore(d.ps, d.cmnInit)
	}
}

// free releases the C decoder. The decoder must not be used afterwards.
func (d *psDecoder) free() {
	if d.ps != nil {
		psLifeMu.Lock()
		C.ps_free(d.ps)
		psLifeMu.Unlock()
		d.ps = nil
		C.free(unsafe.Pointer(d.cmnInit))
		d.cmnInit = nil
	}
}

func (d *psDecoder) startUtt() error {
	if d.inUtt {
		return nil
	}
	if C.ps_start_utt(d.ps) < 0 {
		return errors.New("ps_start_utt failed")
	}
	d.inUtt = true
	return nil
}

func (d *psDecoder) endUtt() error {
	if !d.inUtt {
		return nil
	}
	d.inUtt = false
	if C.cs_end(d.ps, &d.cpuNS) < 0 {
		return errors.New("ps_end_utt failed")
	}
	return nil
}

// process feeds samples to the utterance in progress.
func (d *psDecoder) process(pcm []int16) error {
	if len(pcm) == 0 {
		return nil
	}
	// Passing a pointer into a Go []int16 is allowed: it holds no Go
	// pointers and ps_process_raw copies what it needs before returning.
	r := C.cs_process(d.ps, (*C.short)(unsafe.Pointer(&pcm[0])), C.int(len(pcm)), &d.cpuNS)
	if r < 0 {
		return fmt.Errorf("ps_process_raw failed (%d)", int(r))
	}
	return nil
}

// hyp returns the current best hypothesis ("" when none).
func (d *psDecoder) hyp() string {
	h := C.cs_hyp(d.ps, &d.cpuNS)
	if h == nil {
		return ""
	}
	return C.GoString(h)
}

// frames is the number of frames decoded in the current utterance.
func (d *psDecoder) frames() int { return int(C.ps_get_n_frames(d.ps)) }

// segs returns the word segmentation of the current (or just ended)
// utterance. For a keyword-spotting decoder these are the detections,
// newest first.
func (d *psDecoder) segs() []rawSeg { return d.segsInto(nil) }

// segsInto is segs appending to dst, to avoid garbage on hot paths.
func (d *psDecoder) segsInto(dst []rawSeg) []rawSeg {
	if cap(d.segBuf) == 0 {
		d.segBuf = make([]C.cs_seg, 64)
	}
	for {
		buf := d.segBuf[:cap(d.segBuf)]
		// segBuf is Go memory holding no Go pointers (only C char*),
		// so it may be passed to C.
		n := int(C.cs_segs(d.ps, &buf[0], C.int(len(buf)), &d.cpuNS))
		if n > len(buf) {
			d.segBuf = make([]C.cs_seg, n*2)
			continue
		}
		for i := 0; i < n; i++ {
			dst = append(dst, rawSeg{Word: C.GoString(buf[i].word), SF: int(buf[i].sf), EF: int(buf[i].ef), Post: float64(buf[i].post)})
		}
		return dst
	}
}

// cpuSeconds reports the CPU time spent inside the decoder so far.
func (d *psDecoder) cpuSeconds() float64 { return float64(d.cpuNS) / 1e9 }
