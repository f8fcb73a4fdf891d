package callscreen

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/callscreen/callscreen/classify"
	"github.com/callscreen/callscreen/transcribe"
)

// latencyText ends with the request, so the end of speech in the WAV is the
// end of the spoken request ("...the verification code").
const latencyText = "hello, this is amazon security. to stop the suspicious order, please read me the verification code"

// callLatencies runs n calls, at most conc at once, each streaming
// latencyText as Opus in real time from a pion client, and returns for each
// the time from the end of the spoken request to the alert arriving on the
// client's data channel.
//
// Method: the client sends packet i at start+i·20 ms, so the audio at
// offset t leaves the client at start+t. The request's end offset E is
// where speech ends in flite's WAV (last 10 ms window above −30 dBFS; the
// text ends with "verification code"). Latency = alert arrival − (start+E).
// It includes Opus decoding, the recogniser (keyword spotting reports the
// phrase while the utterance is still open), NATS (partial segment → the
// worker → JetStream alert → core subscriber) and the data channel.
func callLatencies(tb testing.TB, env *mediaEnv, n, conc int) (lat []time.Duration, missed int) {
	tb.Helper()
	packets, pcm := paddedOpus(tb, latencyText, 3*time.Second)
	reqEnd := time.Duration(speechEnd(pcm, 16000) * float64(time.Second))
	var mu sync.Mutex
	sem := make(chan struct{}, conc)
	var wg sync.WaitGroup
	for i := range n {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			p := dialWHIP(tb, env.url, peerOptions{seed: uint64(i)})
			defer p.pc.Close()
			deadline := time.Now().Add(15 * time.Second)
			for p.pc.ConnectionState().String() != "connected" && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			started := make(chan time.Time, 1)
			go func() {
				started <- time.Now() // ≈ first packet; sendOpus starts at once
				p.sendOpus(ctx, packets)
			}()
			t0 := <-started
			timer := time.NewTimer(reqEnd + 20*time.Second)
			defer timer.Stop()
			for {
				select {
				case m := <-p.msgs:
					if m.Type == MsgAlert && m.Category == "verification_code" {
						mu.Lock()
						lat = append(lat, time.Since(t0.Add(reqEnd)))
						mu.Unlock()
						cancel()
						p.delete(tb, env.url)
						return
					}
				case <-timer.C:
					mu.Lock()
					missed++
					mu.Unlock()
					p.delete(tb, env.url)
					return
				}
			}
		}()
	}
	wg.Wait()
	slices.Sort(lat)
	return lat, missed
}

// paddedOpus is mediaSynthOpus with trailing silence: a phone call keeps
// streaming after the request, and the recogniser confirms a spotted
// phrase only once some audio follows it.
func paddedOpus(tb testing.TB, text string, trail time.Duration) ([][]byte, []int16) {
	tb.Helper()
	needMediaTools(tb, "opusenc")
	speech := mediaReadWAV(tb, mediaSynthWAV(tb, text))
	pcm := append(slices.Clone(speech), make([]int16, int(trail.Seconds()*16000))...)
	dir := tb.TempDir()
	wav, ogg := filepath.Join(dir, "padded.wav"), filepath.Join(dir, "padded.opus")
	writeWAV16(tb, wav, pcm, 16000)
	if out, err := exec.Command("opusenc", "--quiet", "--bitrate", "32", "--framesize", "20", wav, ogg).CombinedOutput(); err != nil {
		tb.Fatalf("opusenc: %v: %s", err, out)
	}
	f, err := os.Open(ogg)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	packets, err := readOggOpus(f)
	if err != nil {
		tb.Fatal(err)
	}
	return packets, pcm
}

func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(p * float64(len(sorted)-1))
	return sorted[i]
}

// BenchmarkAlertLatency measures alert latency over 20 calls, one at a time
// (CALLSCREEN_BENCH_CONC=n for n at once; TestConcurrentCallsLoad measures capacity)
// (go test -run ^$ -bench AlertLatency -benchtime 1x ./callscreen/).
func BenchmarkAlertLatency(b *testing.B) {
	env := newMediaEnv(b)
	for range b.N {
		n, conc := 20, 1
		if v, err := strconv.Atoi(os.Getenv("CALLSCREEN_BENCH_CONC")); err == nil && v > 0 {
			conc = v
		}
		lat, missed := callLatencies(b, env, n, conc)
		if missed > 0 {
			b.Errorf("%d of 20 calls raised no alert", missed)
		}
		b.ReportMetric(float64(percentile(lat, 0.5).Milliseconds()), "p50-ms")
		b.ReportMetric(float64(percentile(lat, 0.95).Milliseconds()), "p95-ms")
		b.ReportMetric(float64(missed), "missed")
		b.Logf("alert latency over %d calls: min %s p50 %s p95 %s max %s", len(lat),
			percentile(lat, 0), percentile(lat, 0.5), percentile(lat, 0.95), percentile(lat, 1))
	}
}

// TestConcurrentCallsLoad (CALLSCREEN_LOAD=1) finds how many concurrent
// real-time calls this machine screens without falling behind: it runs
// rounds of N simultaneous calls and reports alert latency, misses, CPU
// use and the recogniser's real-time factor. A round "keeps up" when every
// call alerts and p95 latency stays under 3 s.
func TestConcurrentCallsLoad(t *testing.T) {
	if os.Getenv("CALLSCREEN_LOAD") != "1" {
		t.Skip("set CALLSCREEN_LOAD=1 to run the concurrency measurement")
	}
	needMediaTools(t, "flite", "opusenc")
	eng, err := transcribe.NewSphinx(transcribe.SphinxConfig{
		Keywords: classify.SpotPhrases(), PoolSize: 64, Logger: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Skipf("sphinx: %v", err)
	}
	defer eng.Close()
	env := newMediaEnv(t, func(c *MediaConfig) { c.Engine = eng; c.MaxCalls = 64 })
	best := 0
	for _, n := range []int{2, 4, 6, 8, 12, 16, 24} {
		var ru0, ru1 syscall.Rusage
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
		st0 := eng.Stats()
		wall := time.Now()
		lat, missed := callLatencies(t, env, n, n)
		el := time.Since(wall)
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
		st1 := eng.Stats()
		cpu := time.Duration(syscall.TimevalToNsec(ru1.Utime) - syscall.TimevalToNsec(ru0.Utime) +
			syscall.TimevalToNsec(ru1.Stime) - syscall.TimevalToNsec(ru0.Stime))
		audio := st1.AudioSeconds - st0.AudioSeconds
		recCPU := (st1.FullCPUSeconds + st1.KWSCPUSeconds) - (st0.FullCPUSeconds + st0.KWSCPUSeconds)
		p95 := percentile(lat, 0.95)
		ok := missed == 0 && p95 < 3*time.Second
		t.Logf("%2d concurrent calls: p50 %5dms p95 %5dms missed %d | process CPU %.2f cores (recogniser %.2f cores, RTF %.3f per stream) keeps up: %v",
			n, percentile(lat, 0.5).Milliseconds(), p95.Milliseconds(), missed,
			cpu.Seconds()/el.Seconds(), recCPU/el.Seconds(), safeDiv(recCPU, audio), ok)
		if !ok {
			break
		}
		best = n
	}
	t.Logf("sustained: %d concurrent real-time calls on %d cores", best, runtime.NumCPU())
	fmt.Fprintf(os.Stderr, "CALLSCREEN_LOAD sustained=%d\n", best)
}

func safeDiv(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}
