package transcribe

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
)

// progressEvery is how often TranscribePCM reports progress: each second of
// audio.
const progressEvery = SampleRate

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
	slices.SortStableFunc(segs, func(a, b Segment) int {
		switch {
		case a.Start < b.Start:
			return -1
		case a.Start > b.Start:
			return 1
		}
		return 0
	})
	return segs, nil
}
