//go:build cgo

package transcribe

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Sphinx is the embedded offline engine: CMU PocketSphinx through cgo. It
// keeps warm pools of full-transcription decoders and keyword-spotting
// decoders; each stream borrows one of each. Safe for concurrent use.
type Sphinx struct {
	log     *slog.Logger
	model   sphinxModel
	tmpDir  string               // -kws file, its small dictionary, the full decoder's dictionary
	phrases map[string]kwsPhrase // normalised phrase → phrase
	full    *pool[*psDecoder]
	kws     *pool[*psDecoder] // nil when there are no keywords
	// Narrowband streams (Source.Narrowband) use decoders of their own,
	// with sxNBFullSearch/sxNBKWSSearch. The pools create no decoder until
	// the first narrowband stream, so wideband users pay nothing for them.
	nbFull *pool[*psDecoder]
	nbKWS  *pool[*psDecoder] // nil when there are no keywords

	streams   atomic.Int64
	nbStreams atomic.Int64 // of streams, those on the narrowband decoders
	audioNS   atomic.Int64 // audio processed, in samples
	fullCPU   atomic.Int64 // ns
	kwsCPU    atomic.Int64 // ns
	closeMu   sync.Mutex
	isClosed  bool
}

var _ Engine = (*Sphinx)(nil)

// NewSphinx validates the model and creates the engine with one warm
// decoder of each kind, so a broken install fails here rather than on the
// first call. Errors wrap ErrUnavailable when the model is missing.
func NewSphinx(cfg SphinxConfig) (*Sphinx, error) {
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	if cfg.DomainWeight >= 1 {
		return nil, fmt.Errorf("transcribe: sphinx: domain weight %g: want less than 1 (the general model keeps 1 minus it)", cfg.DomainWeight)
	}
	m, err := resolveSphinxModel(cfg.ModelDir)
	if err != nil {
		return nil, err
	}
	size := cfg.PoolSize
	if size <= 0 {
		size = runtime.NumCPU() * 2
	}
	s := &Sphinx{log: log, model: m}
	s.tmpDir, err = os.MkdirTemp("", "callscreen-sphinx-")
	if err != nil {
		return nil, fmt.Errorf("transcribe: sphinx: %w", err)
	}
	if len(cfg.Keywords) > 0 {
		kwsFile, kwsDict, phrases, err := buildKWSFiles(s.tmpDir, m.dict, cfg.Keywords, log)
		if err != nil {
			os.RemoveAll(s.tmpDir)
			return nil, err
		}
		if len(phrases) > 0 {
			s.phrases = phrases
			base := []string{"-hmm", m.hmm, "-dict", kwsDict, "-kws", kwsFile, "-remove_silence", "no", "-logfn", os.DevNull}
			args := sxArgs(base, sxKWSSearch)
			s.kws = newPool(size, func() (*psDecoder, error) { return s.newDecoder("keyword", args) }, (*psDecoder).free)
			nbArgs := sxArgs(base, sxNBKWSSearch)
			s.nbKWS = newPool(size, func() (*psDecoder, error) { return s.newDecoder("narrowband keyword", nbArgs) }, (*psDecoder).free)
		}
	}
	weight := cfg.DomainWeight
	if weight == 0 {
		weight = DefaultDomainWeight
	}
	dict := s.fullDict(cfg.Keywords, weight > 0)
	base := []string{"-hmm", m.hmm, "-lm", m.lm, "-dict", dict, "-remove_silence", "no", "-logfn", os.DevNull}
	domain := ""
	if weight > 0 {
		if domain, err = s.domainModel(dict); err != nil {
			log.Warn("transcribe: sphinx: no domain language model, the general one alone", "err", err)
			domain = ""
		} else {
			base = slices.Delete(base, 2, 4) // the set replaces -lm
		}
	}
	newFull := func(kind string, args []string) func() (*psDecoder, error) {
		return func() (*psDecoder, error) {
			d, err := s.newDecoder(kind, args)
			if err != nil || domain == "" {
				return d, err
			}
			if err := d.useDomainLM(m.lm, domain, weight); err != nil {
				d.free()
				return nil, fmt.Errorf("transcribe: sphinx: %s decoder: %w", kind, err)
			}
			return d, nil
		}
	}
	s.full = newPool(size, newFull("full", sxArgs(base, sxFullSearch)), (*psDecoder).free)
	s.nbFull = newPool(size, newFull("narrowband full", sxArgs(base, sxNBFullSearch)), (*psDecoder).free)

	// Warm up (and validate) one of each.
	ctx := context.Background()
	d, err := s.full.get(ctx)
	if err != nil {
		s.Close()
		return nil, err
	}
	s.full.put(d)
	if s.kws != nil {
		k, err := s.kws.get(ctx)
		if err != nil {
			s.Close()
			return nil, err
		}
		s.kws.put(k)
	}
	log.Debug("transcribe: sphinx: ready", "model", m.hmm, "keywords", len(s.phrases), "pool", size)
	return s, nil
}

// fullDict returns the full decoder's dictionary: cmudict cut down to the
// sxVocabSize most probable words of the language model, plus every word of
// the keyword phrases and of sxVocabKeep (see sphinx_vocab.go), written
// into the engine's directory. It falls back to the whole of cmudict,
// with a warning, if that fails.
func (s *Sphinx) fullDict(keywords map[string]string, domain bool) string {
	if sxVocabSize <= 0 {
		return s.model.dict
	}
	keep := slices.Clone(sxVocabKeep)
	if domain {
		keep = append(keep, strings.Fields(domainCorpus)...)
	}
	for p := range keywords {
		keep = append(keep, strings.Fields(normPhrase(p))...)
	}
	b, err := vocabDict(s.model, sxVocabSize, keep, cacheDir())
	if err == nil {
		p := filepath.Join(s.tmpDir, "vocabulary.dict")
		if err = os.WriteFile(p, b, 0o600); err == nil {
			return p
		}
	}
	s.log.Warn("transcribe: sphinx: using the whole dictionary (slower)", "err", err)
	return s.model.dict
}

func (s *Sphinx) newDecoder(kind string, args []string) (*psDecoder, error) {
	t0 := time.Now()
	d, err := newPSDecoder(args)
	if err != nil {
		return nil, fmt.Errorf("transcribe: sphinx: %s decoder (model %s): %w", kind, s.model.hmm, err)
	}
	s.log.Debug("transcribe: sphinx: decoder created", "kind", kind, "took", time.Since(t0))
	return d, nil
}

// Name implements Engine.
func (s *Sphinx) Name() string { return "sphinx" }

// Close frees the idle decoders and the temporary keyword files. Decoders
// still held by open streams are freed when those streams close; new
// streams fail with ErrClosed. Idempotent.
func (s *Sphinx) Close() error {
	s.closeMu.Lock()
	defer s.closeMu.Unlock()
	if s.isClosed {
		return nil
	}
	s.isClosed = true
	s.full.close()
	s.nbFull.close()
	if s.kws != nil {
		s.kws.close()
		s.nbKWS.close()
	}
	if s.tmpDir != "" {
		// The decoders have read these files at init; nothing reads them
		// after the pools are closed.
		if err := os.RemoveAll(s.tmpDir); err != nil {
			return fmt.Errorf("transcribe: sphinx: %w", err)
		}
	}
	return nil
}

// Stats reports pool occupancy (wideband and narrowband decoders
// together), audio processed and decoder CPU time.
func (s *Sphinx) Stats() SphinxStats {
	var st SphinxStats
	add := func(p *pool[*psDecoder], inUse, idle *int, inits *int64) {
		u, i, n := p.counts()
		*inUse += u
		*idle += i
		*inits += n
	}
	add(s.full, &st.FullInUse, &st.FullIdle, &st.FullInits)
	add(s.nbFull, &st.FullInUse, &st.FullIdle, &st.FullInits)
	if s.kws != nil {
		add(s.kws, &st.KWSInUse, &st.KWSIdle, &st.KWSInits)
		add(s.nbKWS, &st.KWSInUse, &st.KWSIdle, &st.KWSInits)
	}
	st.Streams = s.streams.Load()
	st.NarrowbandStreams = s.nbStreams.Load()
	st.AudioSeconds = float64(s.audioNS.Load()) / SampleRate
	st.FullCPUSeconds = float64(s.fullCPU.Load()) / 1e9
	st.KWSCPUSeconds = float64(s.kwsCPU.Load()) / 1e9
	return st
}

// NewStream borrows a full decoder (and a keyword decoder when keywords are
// configured), creating them while under PoolSize or waiting for one to be
// returned, until ctx is done. A narrowband Source on ctx (WithSource)
// selects the narrowband decoders.
func (s *Sphinx) NewStream(ctx context.Context, emit EmitFunc) (Stream, error) {
	if emit == nil {
		emit = func(Segment) {}
	}
	fullPool, kwsPool := s.full, s.kws
	nb := SourceFrom(ctx).Narrowband()
	if nb {
		fullPool, kwsPool = s.nbFull, s.nbKWS
	}
	full, err := fullPool.get(ctx)
	if err != nil {
		return nil, s.poolErr(err)
	}
	var kws *psDecoder
	if kwsPool != nil {
		kws, err = kwsPool.get(ctx)
		if err != nil {
			fullPool.put(full)
			return nil, s.poolErr(err)
		}
	}
	full.resetStream()
	if kws != nil {
		kws.resetStream()
	}
	st := &sphinxStream{
		s: s, emit: emit, full: full, kws: kws, fullPool: fullPool, kwsPool: kwsPool,
		vad: newEnergyVAD(), nb: nb,
		seen:        map[kwsKey]bool{},
		fullCPUSeen: int64(full.cpuNS),
	}
	if kws != nil {
		st.kwsCPUSeen = int64(kws.cpuNS)
		if err := kws.startUtt(); err != nil {
			st.release(true)
			return nil, fmt.Errorf("transcribe: sphinx: %w", err)
		}
	}
	s.streams.Add(1)
	if nb {
		s.nbStreams.Add(1)
	}
	return st, nil
}

func (s *Sphinx) poolErr(err error) error {
	if errors.Is(err, errPoolClosed) {
		return fmt.Errorf("transcribe: sphinx: engine closed: %w", ErrClosed)
	}
	return err
}

// Decoder search options, chosen by measurement (SPHINX.md has the table).
// Variables so that the gated sweep test (TestSphinxSweep) can try others;
// nothing else changes them.
//
// Full decoder: with the cut-down vocabulary of sphinx_vocab.go, these
// options cost ≈45 % less CPU per audio second than -fwdflat no alone
// (58 % less on real read speech), for +0.2 points of mean word error rate
// on the flite voices and none on the LibriVox clips:
//   - -fwdflat no skips the second, flat-lexicon pass at each utterance's
//     end: 30 % less CPU, finals sooner, same 16 kHz word error rate.
//   - -maxhmmpf 1500 caps the HMMs searched per frame (default 30,000; the
//     decoder averaged ≈5,000 on synthetic speech, more on real speech).
//   - -pl_beam/-pl_pbeam 1e-4 (default 1e-10) make the phone-loop
//     lookahead prune words whose first phones do not fit what comes next.
//   - -topn 3 (default 4) scores each frame with the 3 best Gaussians of
//     each codebook: −13 % full-decoder CPU, the same mean WER on the flite
//     voices, LibriVox 46.5 → 39.4 %. Narrowband streams keep the default:
//     there the difference was within the measurement's noise.
//   - Not -maxwpf 10 (10 distinct words ending per frame): −5 % CPU at
//     the same WER on sentences, but an 11.5 s utterance without a pause
//     came out empty (TestScreenVoicemail caught it).
//
// Keyword decoder: -ds 2 computes the acoustics on every other frame. It
// saves a third of that decoder's CPU (0.024 → 0.016 s per audio second)
// with the same hits and fewer false alarms at 16 kHz, which brings a
// 60 s voicemail under 6 s on one core. Narrowband streams keep the
// library default (sxNBKWSSearch): there -ds 2 found 5 keywords instead
// of 9 of 13.
var (
	sxFullSearch = []string{"-fwdflat", "no", "-maxhmmpf", "1500", "-pl_beam", "1e-4", "-pl_pbeam", "1e-4", "-topn", "3"}
	sxKWSSearch  = []string{"-ds", "2"}
)

// Narrowband decoder options, for streams whose Source is narrowband (see
// SPHINX.md, "Narrowband audio"). Band-limited audio fits the 16 kHz model
// poorly, so more hypotheses stay close to the best one and the cap of
// 1500 HMMs per frame prunes the right one: raising it to 5000 cut the
// word error rate on five telephone-channel voices from 35 % to 28 %, for
// 1.7× the full decoder's CPU on those streams only. The whole cmudict,
// feature options (-remove_noise, -dither, -lw) and keyword thresholds
// were measured and not kept. Their audio is also band-extended before
// decoding (foldBand).
var (
	sxNBFullSearch = sxArgs(sxFullSearch, []string{"-maxhmmpf", "5000", "-topn", "4"})
	sxNBKWSSearch  []string
)

// sxArgs returns base with the option/value pairs of extra added, or
// replacing base's value when base has the option already (the library
// rejects an option given twice).
func sxArgs(base, extra []string) []string {
	out := slices.Clone(base)
	for i := 0; i+1 < len(extra); i += 2 {
		replaced := false
		for j := 0; j+1 < len(out); j += 2 {
			if out[j] == extra[i] {
				out[j+1] = extra[i+1]
				replaced = true
				break
			}
		}
		if !replaced {
			out = append(out, extra[i], extra[i+1])
		}
	}
	return out
}

// Stream tuning, in 20 ms frames.
const (
	sxFrameLen         = FrameSamples // samples per frame fed to the decoders
	sxPrerollFrames    = 15           // 300 ms of audio before the onset, for <s> and CMN
	sxOnsetFrames      = 3            // speech frames within the last 5 to start an utterance
	sxEndPauseFrames   = 20           // 400 ms below the VAD threshold ends an utterance
	sxSoftCapFrames    = 15 * 50      // after 15 s, end at the next quiet point
	sxQuietPauseFrames = 3            // … which is 60 ms of non-speech
	sxHardCapFrames    = 20 * 50      // never let an utterance exceed 20 s
	sxPartialEvery     = 13           // ≈260 ms of audio between ps_get_hyp calls
	sxKwsCheckEvery    = 5            // 100 ms between keyword hypothesis checks
	sxKwsRestartFrames = 45 * 50      // restart keyword utterance after 45 s …
	sxKwsRestartPause  = 25           // … at a 500 ms pause
	sxMaxWordFrames    = 200          // a "word" longer than 2 s is noise, not speech
	sxKwsHold          = 15           // 300 ms wait for a rival keyword detection
)

// kwsKey identifies a keyword detection within one keyword utterance: the
// decoder may drop a detection and add it back with a later end frame, but
// its start frame stays.
type kwsKey struct {
	phrase string
	sf     int
}

// kwsHit is a detection placed in stream time.
type kwsHit struct {
	phrase     string // as the caller spelled it
	norm       string // normalised, for containment checks
	phones     int
	start, end int64 // samples; end is when it was first reported
}

// sphinxStream implements Stream. A stream is meant to be used by one
// goroutine at a time (the C decoders are not thread-safe); its methods are
// serialised by a mutex anyway, so misuse is safe, merely slower. emit is
// called with that mutex held: it must not call back into the stream.
type sphinxStream struct {
	s    *Sphinx
	emit EmitFunc

	mu                sync.Mutex
	closed            bool
	full              *psDecoder
	kws               *psDecoder
	fullPool, kwsPool *pool[*psDecoder] // where full and kws go back

	pending []int16 // < sxFrameLen samples waiting for the rest of a frame
	nb      bool    // narrowband source: frames are folded first (foldBand)
	foldBuf []int16 // the folded frame
	pos     int64   // samples consumed into frames so far (stream time)

	// The first utterance of a stream nobody primed is decoded with the
	// model's generic cepstral mean; its audio is kept (firstUtt) and
	// decoded again once its own frames have set the mean, and that second
	// reading is its final.
	meanSet  bool      // the stream's own speech set the mean: Prime, or a first utterance decoded again
	firstUtt []int16   // the first utterance's audio while it lasts
	cmnStart *cmnState // the full decoder's CMN state as it began

	vad       *energyVAD
	recent    [5]bool   // last VAD decisions, for onset
	recentN   int       // decisions recorded
	preroll   [][]int16 // frames kept before an utterance starts
	prerollAt int64     // stream sample of preroll[0]

	inUtt       bool
	uttStart    int64 // stream sample of the utterance's first frame
	uttFrames   int
	pause       int // consecutive non-speech frames in the utterance
	sinceHyp    int
	lastPartial string

	kwsStart   int64 // stream sample where the keyword utterance began
	kwsFrames  int
	kwsQuiet   int
	seen       map[kwsKey]bool
	hits       []kwsHit // detections not yet covered by a final
	newHits    []kwsHit // detections not yet emitted in any segment
	held       []kwsHit // detections waiting sxKwsHold for rivals
	recentHits []kwsHit // last confirmed detections, for rivalry checks
	sinceKWS   int
	kwsScratch []rawSeg

	fullCPUSeen, kwsCPUSeen int64 // decoder CPU already added to the engine's stats
}

// Write feeds 16 kHz mono samples; segments may be emitted before it
// returns. It checks ctx between frames (every second of audio): when ctx
// is done it returns ctx.Err() with the audio so far processed.
func (st *sphinxStream) Write(ctx context.Context, pcm []int16) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.closed {
		return ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	defer st.accountCPU()
	st.s.audioNS.Add(int64(len(pcm)))
	if len(st.pending) > 0 {
		need := sxFrameLen - len(st.pending)
		if len(pcm) < need {
			st.pending = append(st.pending, pcm...)
			return nil
		}
		st.pending = append(st.pending, pcm[:need]...)
		pcm = pcm[need:]
		if err := st.frame(st.pending); err != nil {
			return err
		}
		st.pending = st.pending[:0]
	}
	for i := 0; len(pcm) >= sxFrameLen; i++ {
		if i%50 == 49 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := st.frame(pcm[:sxFrameLen]); err != nil {
			return err
		}
		pcm = pcm[sxFrameLen:]
	}
	st.pending = append(st.pending, pcm...)
	return nil
}

// sxPrimeSamples is how much of a recording Prime decodes to set the
// cepstral mean: enough speech for a stable mean, a small share of a
// voicemail's cost.
const sxPrimeSamples = 4 * SampleRate

// sxCMNPriorFrames is the weight, in frames, the cepstral mean a stream
// starts from (the model's generic -cmninit) keeps when the stream's own
// speech first sets it: by Prime, or by the first utterance of a live
// stream. A second of speech outweighs it; a short first utterance is
// pulled toward it, as its own mean depends on what was said. (0 and 300
// were measured too: SPHINX.md, "The first utterance".)
const sxCMNPriorFrames = 100

// sxPrimeScan is how far into a recording Prime looks for that speech, and
// sxPrimeMinSpeech the least it needs.
const (
	sxPrimeScan      = 12 * SampleRate
	sxPrimeMinSpeech = SampleRate / 2
)

// speechFrames returns up to max samples of pcm's speech: the 20 ms frames
// the stream's energy VAD calls speech, in order. Pauses do not belong in
// a speech mean: their cepstra (digital silence above all) pull the mean
// far from any voice's. That happened to a recording opening with seconds
// of silence when Prime took its first 4 s as they were; a short first
// utterance's pauses (the VAD's pre-roll and hang-over) are a third of it
// or more.
func speechFrames(pcm []int16, max int) []int16 {
	v := newEnergyVAD()
	var out []int16
	for ; len(pcm) >= FrameSamples && len(out) < max; pcm = pcm[FrameSamples:] {
		if f := pcm[:FrameSamples]; v.push(frameEnergy(f)) {
			out = append(out, f...)
		}
	}
	return out
}

// Prime implements Primer: before the first Write of a recording whose
// audio is all at hand (a voicemail, not a live call), both decoders set
// their cepstral mean from its first seconds instead of starting from the
// model's generic one, which otherwise normalises the whole first
// utterance.
func (st *sphinxStream) Prime(ctx context.Context, pcm []int16) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.closed {
		return ErrClosed
	}
	if st.pos > 0 || len(pcm) == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	defer st.accountCPU()
	pcm = speechFrames(pcm[:min(len(pcm), sxPrimeScan)], sxPrimeSamples)
	if len(pcm) < sxPrimeMinSpeech {
		return nil // too little speech for a mean better than the model's
	}
	if st.nb {
		pcm = foldBand(nil, pcm, sxNBFoldGain)
	}
	if err := st.full.primeCMN(pcm); err != nil {
		return st.fail(err)
	}
	st.meanSet = true
	if st.kws != nil {
		// The keyword utterance is open from NewStream: end it, prime, and
		// start it again.
		if err := st.kws.endUtt(); err != nil {
			return st.fail(err)
		}
		if err := st.kws.primeCMN(pcm); err != nil {
			return st.fail(err)
		}
		if err := st.kws.startUtt(); err != nil {
			return st.fail(err)
		}
	}
	return nil
}

// accountCPU moves decoder CPU time into the engine's stats.
func (st *sphinxStream) accountCPU() {
	if st.full != nil {
		st.s.fullCPU.Add(int64(st.full.cpuNS) - st.fullCPUSeen)
		st.fullCPUSeen = int64(st.full.cpuNS)
	}
	if st.kws != nil {
		st.s.kwsCPU.Add(int64(st.kws.cpuNS) - st.kwsCPUSeen)
		st.kwsCPUSeen = int64(st.kws.cpuNS)
	}
}

// frame processes one 20 ms frame (the slice is not retained).
func (st *sphinxStream) frame(f []int16) error {
	if st.nb {
		st.foldBuf = foldBand(st.foldBuf[:0], f, sxNBFoldGain)
		f = st.foldBuf
	}
	framePos := st.pos
	st.pos += int64(len(f))
	speech := st.vad.push(frameEnergy(f))

	if st.kws != nil {
		if err := st.kwsFrame(f, speech); err != nil {
			return err
		}
	}

	st.recent[st.recentN%len(st.recent)] = speech
	st.recentN++

	if !st.inUtt {
		if len(st.preroll) == sxPrerollFrames {
			// Reuse the oldest frame's buffer.
			old := st.preroll[0]
			copy(st.preroll, st.preroll[1:])
			st.preroll[len(st.preroll)-1] = append(old[:0], f...)
			st.prerollAt += sxFrameLen
		} else {
			if len(st.preroll) == 0 {
				st.prerollAt = framePos
			}
			st.preroll = append(st.preroll, append([]int16(nil), f...))
		}
		n := 0
		for _, v := range st.recent {
			if v {
				n++
			}
		}
		if n < sxOnsetFrames {
			return nil
		}
		redo := !st.meanSet
		if redo {
			st.cmnStart = st.full.saveCMN()
		}
		if err := st.full.startUtt(); err != nil {
			return st.fail(err)
		}
		st.inUtt = true
		st.uttStart = st.prerollAt
		st.uttFrames = 0
		st.pause = 0
		st.sinceHyp = 0
		st.lastPartial = ""
		for _, p := range st.preroll {
			if err := st.full.process(p); err != nil {
				return st.fail(err)
			}
			st.uttFrames++
			if redo {
				st.firstUtt = append(st.firstUtt, p...)
			}
		}
		st.preroll = st.preroll[:0]
		return st.flushNewHits()
	}

	if err := st.full.process(f); err != nil {
		return st.fail(err)
	}
	st.uttFrames++
	if st.firstUtt != nil {
		st.firstUtt = append(st.firstUtt, f...)
	}
	if speech {
		st.pause = 0
	} else {
		st.pause++
	}
	switch {
	case st.pause >= sxEndPauseFrames,
		st.uttFrames >= sxSoftCapFrames && st.pause >= sxQuietPauseFrames,
		st.uttFrames >= sxHardCapFrames:
		return st.endUtterance()
	}
	st.sinceHyp++
	if len(st.newHits) > 0 {
		return st.flushNewHits()
	}
	if st.sinceHyp >= sxPartialEvery {
		st.sinceHyp = 0
		if h := cleanHyp(st.full.hyp()); h != "" && h != st.lastPartial {
			st.lastPartial = h
			st.emitSeg(Segment{
				Start: sphinxSecs(st.uttStart), End: sphinxSecs(st.pos), Text: h,
			})
		}
	}
	return nil
}

// kwsFrame feeds the keyword decoder and collects new detections.
func (st *sphinxStream) kwsFrame(f []int16, speech bool) error {
	if err := st.kws.process(f); err != nil {
		return st.fail(err)
	}
	st.kwsFrames++
	if speech {
		st.kwsQuiet = 0
	} else {
		st.kwsQuiet++
	}
	st.sinceKWS++
	if st.sinceKWS >= sxKwsCheckEvery {
		st.sinceKWS = 0
		st.collectKWS(false)
	}
	// Restarting loses phrases in progress, so only do it after a long
	// keyword utterance and at a real pause.
	if st.kwsFrames >= sxKwsRestartFrames && st.kwsQuiet >= sxKwsRestartPause {
		return st.restartKWS()
	}
	return nil
}

// restartKWS ends the keyword utterance (collecting its last detections)
// and starts a new one, which bounds the detection list it keeps.
func (st *sphinxStream) restartKWS() error {
	if err := st.kws.endUtt(); err != nil {
		return st.fail(err)
	}
	st.collectKWS(true)
	clear(st.seen)
	if err := st.kws.startUtt(); err != nil {
		return st.fail(err)
	}
	st.kwsStart = st.pos
	st.kwsFrames = 0
	return nil
}

// collectKWS records detections not seen before. Their stream time is
// derived from when they appear (now) and their length, because the
// decoder's frame numbers are not reset to 0 by a new utterance.
//
// New detections are held for sxKwsHold before they count, so that a
// competing detection of a longer phrase over the same audio can overrule
// them (see kwsCompete); force confirms everything held, at utterance ends.
func (st *sphinxStream) collectKWS(force bool) {
	st.kwsScratch = st.kws.segsInto(st.kwsScratch[:0])
	for _, d := range st.kwsScratch {
		phrase := strings.TrimSpace(d.Word)
		k := kwsKey{phrase, d.SF}
		if st.seen[k] {
			continue
		}
		st.seen[k] = true
		p, ok := st.s.phrases[phrase]
		if !ok {
			continue
		}
		length := int64(d.EF-d.SF+1) * (SampleRate / 100)
		h := kwsHit{phrase: p.orig, norm: p.norm, phones: p.phones, end: st.pos, start: max(0, st.pos-length)}
		st.held = append(st.held, h)
	}
	keep := st.held[:0]
	for i, h := range st.held {
		if !force && st.pos-h.end < sxKwsHold*sxFrameLen {
			keep = append(keep, h)
			continue
		}
		if c, lost := st.outranked(h, st.held[i+1:], keep); lost {
			st.s.log.Debug("transcribe: sphinx: keyword overruled", "phrase", h.phrase, "by", c.phrase, "at", sphinxSecs(h.start))
			continue
		}
		st.hits = append(st.hits, h)
		st.newHits = append(st.newHits, h)
		st.recentHits = append(st.recentHits, h)
		if len(st.recentHits) > 16 {
			st.recentHits = st.recentHits[1:]
		}
		st.s.log.Debug("transcribe: sphinx: keyword spotted", "phrase", h.phrase, "at", sphinxSecs(h.start))
	}
	st.held = keep
}

// outranked reports whether another detection (held or confirmed) competes
// with h and has more phones.
func (st *sphinxStream) outranked(h kwsHit, lists ...[]kwsHit) (kwsHit, bool) {
	lists = append(lists, st.recentHits)
	for _, l := range lists {
		for _, c := range l {
			if c.phones > h.phones && kwsCompete(h, c) {
				return c, true
			}
		}
	}
	return kwsHit{}, false
}

// kwsCompete reports whether two detections are rival explanations of the
// same audio: different phrases, neither containing the other ("card
// number" legitimately fires inside "credit card number"), overlapping for
// most of the shorter one. The keyword decoder scores each phrase
// independently, so "pin number" fires on "credit card number" (they share
// "number"); the longer phrase carries more evidence and wins.
func kwsCompete(a, b kwsHit) bool {
	if a.norm == b.norm || strings.Contains(" "+a.norm+" ", " "+b.norm+" ") || strings.Contains(" "+b.norm+" ", " "+a.norm+" ") {
		return false
	}
	overlap := min(a.end, b.end) - max(a.start, b.start)
	shorter := min(a.end-a.start, b.end-b.start)
	return shorter > 0 && float64(overlap) >= 0.8*float64(shorter)
}

// flushNewHits emits a partial promptly when keywords were just spotted, so
// the classifier can warn before the sentence ends.
func (st *sphinxStream) flushNewHits() error {
	if len(st.newHits) == 0 {
		return nil
	}
	seg := Segment{End: sphinxSecs(st.pos)}
	if st.inUtt {
		seg.Start = sphinxSecs(st.uttStart)
		seg.Text = cleanHyp(st.full.hyp())
		st.lastPartial = seg.Text
		st.sinceHyp = 0
	} else {
		seg.Start = sphinxSecs(st.newHits[0].start)
	}
	st.emitSeg(seg)
	return nil
}

// endUtterance finalises the utterance in progress and emits its final
// segment (unless it recognised nothing).
func (st *sphinxStream) endUtterance() error {
	if !st.inUtt {
		return nil
	}
	if st.kws != nil {
		// Confirm held detections now, so they reach this final.
		st.collectKWS(true)
	}
	st.inUtt = false
	uttEnd := st.pos
	if err := st.full.endUtt(); err != nil {
		return st.fail(err)
	}
	segs := st.full.segs()
	if st.firstUtt != nil {
		if !heardSpeech(segs) {
			// Noise, not speech: it must not set the mean quickly, and the
			// next utterance is the first again.
			st.firstUtt = nil
		} else {
			st.meanSet = true
			if err := st.redoFirst(); err != nil {
				return st.fail(err)
			}
			segs = st.full.segs()
		}
	}
	base := 0
	if len(segs) > 0 {
		// The decoder numbers frames continuously across utterances (with
		// an offset), but <s> always opens the utterance at its frame 0.
		base = segs[0].SF
		for _, sg := range segs {
			if sg.SF < base {
				base = sg.SF
			}
		}
	}
	var words []Word
	var texts []string
	var post float64
	for _, sg := range segs {
		w := cleanWord(sg.Word)
		if w == "" || sg.EF-sg.SF+1 > sxMaxWordFrames {
			continue
		}
		start := st.uttStart + int64(sg.SF-base)*(SampleRate/100)
		end := st.uttStart + int64(sg.EF-base+1)*(SampleRate/100)
		if end > uttEnd {
			end = uttEnd
		}
		words = append(words, Word{Text: w, Start: sphinxSecs(start), End: sphinxSecs(end)})
		texts = append(texts, w)
		post += min(max(sg.Post, 0), 1)
	}
	// Keywords whose detection overlaps this utterance belong to its final,
	// even if a partial already carried them: the final replaces partials.
	var kw []string
	rest := st.hits[:0]
	for _, h := range st.hits {
		if h.start < uttEnd && h.end > st.uttStart {
			kw = append(kw, h.phrase)
		} else if h.end > uttEnd {
			rest = append(rest, h)
		}
	}
	st.hits = rest
	if len(words) == 0 {
		if len(st.newHits) > 0 {
			return st.flushNewHits()
		}
		return nil
	}
	seg := Segment{
		Start: words[0].Start, End: words[len(words)-1].End,
		Text: strings.Join(texts, " "), Final: true,
		Confidence: post / float64(len(words)),
		Words:      words,
	}
	for _, k := range kw {
		if !slices.Contains(seg.Keywords, k) {
			seg.Keywords = append(seg.Keywords, k)
		}
	}
	st.emitSeg(seg)
	return nil
}

// heardSpeech reports whether a decode heard speech rather than noise: at
// least two words, or one the decoder is sure of (posterior ≥ 0.5).
// Fillers and noise markers do not count. A noise burst decodes as one
// unsure word ("ah", posterior 0.19), and a mean set from it makes the
// next bursts decode as words.
func heardSpeech(segs []rawSeg) bool {
	n := 0
	for _, sg := range segs {
		if cleanWord(sg.Word) == "" || sg.EF-sg.SF+1 > sxMaxWordFrames {
			continue
		}
		if n++; n >= 2 || sg.Post >= 0.5 {
			return true
		}
	}
	return false
}

// redoFirst decodes the first utterance again once its own speech has set
// the cepstral mean, and the segments are then this reading's. The mean
// comes from the utterance's speech frames alone (as Prime's does), set
// from the state the utterance started with: the pauses the first decode
// also saw would pull it off. An utterance with too little speech keeps
// its first reading.
func (st *sphinxStream) redoFirst() error {
	pcm := st.firstUtt
	st.firstUtt = nil
	speech := speechFrames(pcm, sxPrimeSamples)
	if len(speech) < sxPrimeMinSpeech {
		return nil
	}
	st.full.restoreCMN(st.cmnStart)
	if err := st.full.primeCMN(speech); err != nil {
		return err
	}
	cmn := st.full.saveCMN()
	if err := st.full.startUtt(); err != nil {
		return err
	}
	if err := st.full.process(pcm); err != nil {
		return err
	}
	if err := st.full.endUtt(); err != nil {
		return err
	}
	// The utterance must not count twice in the mean.
	st.full.restoreCMN(cmn)
	return nil
}

// emitSeg stamps and emits a segment, attaching keywords not yet emitted.
func (st *sphinxStream) emitSeg(seg Segment) {
	for _, h := range st.newHits {
		if !slices.Contains(seg.Keywords, h.phrase) {
			seg.Keywords = append(seg.Keywords, h.phrase)
		}
	}
	st.newHits = st.newHits[:0]
	sort.Strings(seg.Keywords)
	seg.Engine = "sphinx"
	st.emit(seg)
}

// fail discards the stream's decoders after a C error (their state is
// unknown) and closes the stream.
func (st *sphinxStream) fail(err error) error {
	st.release(false)
	st.closed = true
	return fmt.Errorf("transcribe: sphinx: %w", err)
}

// Close finalises the utterance in progress (emitting its final segment,
// with any keywords spotted up to the end) and returns the decoders to the
// pool. Idempotent; no segment is emitted after it returns.
func (st *sphinxStream) Close(ctx context.Context) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.closed {
		return nil
	}
	defer st.accountCPU()
	var err error
	if len(st.pending) > 0 && st.inUtt {
		err = st.full.process(st.pending)
		st.pending = st.pending[:0]
	}
	if err == nil && st.kws != nil {
		// Flush the keyword decoder first so late detections reach the final.
		if err = st.kws.endUtt(); err == nil {
			st.collectKWS(true)
		}
	}
	if err == nil {
		err = st.endUtterance()
	} else {
		err = st.fail(err)
	}
	if st.closed { // fail() already released
		return err
	}
	if err == nil && len(st.newHits) > 0 {
		st.flushNewHits()
	}
	st.closed = true
	st.release(true)
	return err
}

// release returns (or, after an error, discards) the decoders.
func (st *sphinxStream) release(reuse bool) {
	st.accountCPU()
	if st.full != nil {
		if reuse && st.full.endUtt() == nil {
			st.fullPool.put(st.full)
		} else {
			st.fullPool.discard(st.full)
		}
		st.full = nil
	}
	if st.kws != nil {
		if reuse && st.kws.endUtt() == nil {
			st.kwsPool.put(st.kws)
		} else {
			st.kwsPool.discard(st.kws)
		}
		st.kws = nil
	}
}

func sphinxSecs(samples int64) float64 { return float64(samples) / SampleRate }

// cacheDir is where derived model files are kept between runs ("" when
// the user has no cache directory).
func cacheDir() string {
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "callscreen")
	}
	return ""
}

// domainModel returns the path of the domain language model for the
// words of the dictionary at dict, in the library's binary format. Building
// it takes ≈0.3 CPU-s and parsing it as ARPA text ≈0.09 s per decoder, so
// the binary is cached like the dictionary, named by a hash of the corpus
// and the dictionary.
func (s *Sphinx) domainModel(dict string) (string, error) {
	b, err := os.ReadFile(dict)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "format %s order %d\n", sxDomainFormat, arpaOrder)
	h.Write([]byte(domainCorpus))
	h.Write(b)
	name := fmt.Sprintf("sphinx-domain-%s.lm.bin", hex.EncodeToString(h.Sum(nil))[:16])
	bin := filepath.Join(s.tmpDir, name)
	if dir := cacheDir(); dir != "" {
		cached := filepath.Join(dir, name)
		if fi, err := os.Stat(cached); err == nil && fi.Size() > 0 {
			return cached, nil
		}
		if os.MkdirAll(dir, 0o755) == nil {
			bin = cached
		}
	}
	arpa, err := s.domainARPA(b)
	if err != nil {
		return "", err
	}
	text := filepath.Join(s.tmpDir, "domain.arpa")
	if err := os.WriteFile(text, arpa, 0o600); err != nil {
		return "", err
	}
	// Written beside bin and renamed, so a concurrent start never reads
	// half a file.
	tmp := fmt.Sprintf("%s.tmp-%d", bin, os.Getpid())
	err = lmToBin(text, tmp)
	os.Remove(text) // 3 MB nobody reads again
	if err != nil {
		os.Remove(tmp)
		return "", err
	}
	if err := os.Rename(tmp, bin); err != nil {
		os.Remove(tmp)
		return "", err
	}
	return bin, nil
}

// domainARPA builds the domain language model, as ARPA text, over the
// words of the dictionary dict (the file's contents).
func (s *Sphinx) domainARPA(dict []byte) ([]byte, error) {
	words := map[string]bool{}
	for _, line := range strings.Split(string(dict), "\n") {
		if w, _, ok := strings.Cut(line, " "); ok {
			words[cleanWord(w)] = true // "word(2)" → "word"
		}
	}
	var arpa bytes.Buffer
	n, err := writeDomainARPA(&arpa, domainCorpus, func(w string) bool { return words[w] })
	if err != nil {
		return nil, err
	}
	s.log.Debug("transcribe: sphinx: domain language model built", "words", n, "bytes", arpa.Len())
	return arpa.Bytes(), nil
}
