package transcribe

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
)

// progressEvery is how often TranscribePCM reports progress: each second of
// audio.
const progressEvery = SampleRate

// Primer is implemented by streams that can adapt to a recording before
// it is written, when all of its audio is at hand (see sphinxStream.Prime).
type Primer interface {
	Prime(ctx context.Context, pcm []int16) error
}

// TranscribePCM transcribes a whole recording: it feeds pcm (16 kHz mono)
// through a new stream of e in 20 ms frames, as live audio arrives, and
// returns the final segments sorted by start time. progress, if not nil, is
// called with the samples written so far and the total, every second of
// audio and at the end. ctx bounds the whole run; once it is done the
// stream is closed and ctx's error returned.
func TranscribePCM(ctx context.Context, e Engine, pcm []int16, progress func(done, total int)) ([]Segment, error) {
	if e == nil {
		return nil, errors.New("transcribe: TranscribePCM: nil engine")
	}
	var (
		mu   sync.Mutex // emit may run on an engine goroutine
		segs []Segment
	)
	st, err := e.NewStream(ctx, func(s Segment) {
		if s.Final {
			mu.Lock()
			segs = append(segs, s)
			mu.Unlock()
		}
	})
	if err != nil {
		return nil, fmt.Errorf("transcribe: %s: new stream: %w", e.Name(), err)
	}
	if p, ok := st.(Primer); ok {
		if err := p.Prime(ctx, pcm); err != nil {
			_ = st.Close(ctx)
			return nil, fmt.Errorf("transcribe: %s: prime: %w", e.Name(), err)
		}
	}
	total := len(pcm)
	for done := 0; done < total; {
		if err := ctx.Err(); err != nil {
			_ = st.Close(ctx)
			return nil, fmt.Errorf("transcribe: %s: %w", e.Name(), context.Cause(ctx))
		}
		n := min(FrameSamples, total-done)
		if err := st.Write(ctx, pcm[done:done+n]); err != nil {
			_ = st.Close(ctx)
			return nil, fmt.Errorf("transcribe: %s: write: %w", e.Name(), err)
		}
		done += n
		if progress != nil && done%progressEvery < FrameSamples && done < total {
			progress(done, total)
		}
	}
	if err := st.Close(ctx); err != nil {
		return nil, fmt.Errorf("transcribe: %s: close: %w", e.Name(), err)
	}
	if progress != nil {
		progress(total, total)
	}
	mu.Lock()
	defer mu.Unlock()
	sortByStart(segs)
	return segs, nil
}

// TranscribeParallel transcribes a whole recording like TranscribePCM, but
// cuts it into up to parts pieces at its quietest moments and transcribes
// them concurrently, one stream each, so a long voicemail uses every core.
// Segment times stay those of the whole recording. Recordings shorter than
// minPieceSeconds per piece are not cut.
func TranscribeParallel(ctx context.Context, e Engine, pcm []int16, parts int, progress func(done, total int)) ([]Segment, error) {
	const minPieceSeconds = 20
	parts = min(parts, len(pcm)/(minPieceSeconds*SampleRate))
	if parts <= 1 {
		return TranscribePCM(ctx, e, pcm, progress)
	}
	cuts := quietCuts(pcm, parts)
	var (
		mu       sync.Mutex
		all      []Segment
		firstErr error
		done     = make([]int, len(cuts)-1)
		wg       sync.WaitGroup
	)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for i := range len(cuts) - 1 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			piece := pcm[cuts[i]:cuts[i+1]]
			segs, err := TranscribePCM(ctx, e, piece, func(d, _ int) {
				if progress == nil {
					return
				}
				mu.Lock()
				defer mu.Unlock()
				done[i] = d
				sum := 0
				for _, n := range done {
					sum += n
				}
				progress(sum, len(pcm))
			})
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				if firstErr == nil {
					firstErr = err
					cancel()
				}
				return
			}
			off := float64(cuts[i]) / SampleRate
			for _, s := range segs {
				s.Start += off
				s.End += off
				for j := range s.Words {
					s.Words[j].Start += off
					s.Words[j].End += off
				}
				all = append(all, s)
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	sortByStart(all)
	return all, nil
}

// quietCuts returns parts+1 sample offsets, from 0 to len(pcm), cutting at
// the quietest 20 ms frame within ±3 s of each even split point, so that a
// cut falls in a pause rather than inside a word.
func quietCuts(pcm []int16, parts int) []int {
	const window = 3 * SampleRate
	cuts := []int{0}
	for p := 1; p < parts; p++ {
		mid := len(pcm) * p / parts
		best, bestEnergy := mid, int64(-1)
		for f := max(cuts[len(cuts)-1]+FrameSamples, mid-window); f+FrameSamples <= min(len(pcm), mid+window); f += FrameSamples {
			var e int64
			for _, s := range pcm[f : f+FrameSamples] {
				e += int64(s) * int64(s)
			}
			if bestEnergy < 0 || e < bestEnergy {
				best, bestEnergy = f, e
			}
		}
		cuts = append(cuts, best)
	}
	return append(cuts, len(pcm))
}

// sortByStart orders segments by start time, keeping emission order for
// equal starts.
func sortByStart(segs []Segment) {
	slices.SortStableFunc(segs, func(a, b Segment) int { return cmp.Compare(a.Start, b.Start) })
}
