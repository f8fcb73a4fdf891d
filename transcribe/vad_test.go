package transcribe

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// vadSignal builds a test signal from spans of tone (speech stand-in) and
// low noise, in order. amp 0 means background noise of noiseAmp.
type vadSpan struct {
	d   time.Duration
	amp float64
}

func vadSignal(seed uint64, noiseAmp float64, spans ...vadSpan) []int16 {
	r := rand.New(rand.NewPCG(seed, 1))
	var out []int16
	for _, s := range spans {
		n := vadDurSamples(s.d)
		for i := 0; i < n; i++ {
			v := (r.Float64()*2 - 1) * noiseAmp
			// Syllables: 250 ms of a vowel-ish mix of two tones, then an
			// 80 ms gap, as speech has.
			if s.amp > 0 && i%vadDurSamples(330*time.Millisecond) < vadDurSamples(250*time.Millisecond) {
				t := float64(i) / SampleRate
				v += s.amp * (0.7*math.Sin(2*math.Pi*220*t) + 0.3*math.Sin(2*math.Pi*1250*t)) * (0.6 + 0.4*math.Sin(2*math.Pi*3*t))
			}
			out = append(out, int16(max(min(v, math.MaxInt16), math.MinInt16)))
		}
	}
	return out
}

func chunkAll(c *Chunker, pcm []int16, step int) []Chunk {
	var out []Chunk
	for len(pcm) > 0 {
		n := min(step, len(pcm))
		c.Write(pcm[:n], func(ch Chunk) { out = append(out, ch) })
		pcm = pcm[n:]
	}
	if ch, ok := c.Flush(); ok {
		out = append(out, ch)
	}
	return out
}

func TestVADAdaptsToNoise(t *testing.T) {
	v := NewVAD(VADConfig{})
	noisy := vadSignal(1, 1500, vadSpan{d: 5 * time.Second})
	speechFrames := 0
	for i := 0; i+FrameSamples <= len(noisy); i += FrameSamples {
		if v.Frame(noisy[i:i+FrameSamples]) && i > 3*SampleRate {
			speechFrames++
		}
	}
	if speechFrames != 0 {
		t.Errorf("steady noise: %d speech frames after adaptation, want 0 (floor %.1f dB)", speechFrames, v.NoiseFloor())
	}
	loud := vadSignal(2, 1500, vadSpan{d: time.Second, amp: 12000})
	speech := 0
	for i := 0; i+FrameSamples <= len(loud); i += FrameSamples {
		if v.Frame(loud[i : i+FrameSamples]) {
			speech++
		}
	}
	if speech < 45 {
		t.Errorf("speech over noise: %d/50 frames speech, want ≥45", speech)
	}
}

func TestVADHangover(t *testing.T) {
	v := NewVAD(VADConfig{Hangover: 100 * time.Millisecond})
	tone := vadSignal(1, 0, vadSpan{d: 200 * time.Millisecond, amp: 8000})
	quiet := make([]int16, FrameSamples)
	for i := 0; i+FrameSamples <= len(tone); i += FrameSamples {
		v.Frame(tone[i : i+FrameSamples])
	}
	var got []bool
	for range 8 {
		got = append(got, v.Frame(quiet))
	}
	want := []bool{true, true, true, true, true, false, false, false}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("after speech: %v, want %v", got, want)
		}
	}
}

func TestChunker(t *testing.T) {
	sec := time.Second
	ms := time.Millisecond
	tests := []struct {
		name  string
		spans []vadSpan
		// want chunk windows in seconds, ±0.25 s
		want [][2]float64
	}{
		{"silence", []vadSpan{{d: 10 * sec}}, nil},
		{"two utterances", []vadSpan{{d: sec}, {d: 2 * sec, amp: 6000}, {d: sec}, {d: 2 * sec, amp: 6000}, {d: sec}},
			[][2]float64{{0.8, 3.5}, {3.8, 6.5}}},
		{"short word then silence", []vadSpan{{d: 2 * sec}, {d: 300 * ms, amp: 6000}, {d: 3 * sec}},
			[][2]float64{{1.8, 2.8}}},
		{"short pause kept inside", []vadSpan{{d: sec}, {d: 2 * sec, amp: 6000}, {d: 150 * ms}, {d: 2 * sec, amp: 6000}, {d: 2 * sec}},
			[][2]float64{{0.8, 5.65}}},
		{"speech at end flushed", []vadSpan{{d: sec}, {d: 2 * sec, amp: 6000}},
			[][2]float64{{0.8, 3}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pcm := vadSignal(7, 30, tt.spans...)
			for _, step := range []int{FrameSamples, 7, 4001} {
				got := chunkAll(NewChunker(ChunkerConfig{}), pcm, step)
				if len(got) != len(tt.want) {
					t.Fatalf("step %d: %d chunks %v, want %d", step, len(got), describeChunks(got), len(tt.want))
				}
				var prevEnd int64
				for i, c := range got {
					start, end := c.StartSeconds(), c.StartSeconds()+c.Duration().Seconds()
					if c.Start < prevEnd {
						t.Errorf("chunk %d overlaps the previous one", i)
					}
					prevEnd = c.Start + int64(len(c.PCM))
					if c.Duration() > 15*sec+FrameSamples*time.Second/SampleRate {
						t.Errorf("chunk %d lasts %s, over the maximum", i, c.Duration())
					}
					if w := tt.want[i][0]; w >= 0 && math.Abs(start-w) > 0.25 {
						t.Errorf("step %d chunk %d starts at %.2f, want %.2f", step, i, start, w)
					}
					if w := tt.want[i][1]; w >= 0 && math.Abs(end-w) > 0.25 {
						t.Errorf("step %d chunk %d ends at %.2f, want %.2f", step, i, end, w)
					}
					// A chunk's samples are the stream's samples at its offset.
					for j := range c.PCM {
						if c.PCM[j] != pcm[c.Start+int64(j)] {
							t.Fatalf("chunk %d sample %d differs from the input", i, j)
						}
					}
				}
			}
		})
	}
}

func describeChunks(cs []Chunk) [][2]float64 {
	var out [][2]float64
	for _, c := range cs {
		out = append(out, [2]float64{c.StartSeconds(), c.StartSeconds() + c.Duration().Seconds()})
	}
	return out
}

func TestChunkerContinuousIsContiguous(t *testing.T) {
	pcm := vadSignal(3, 30, vadSpan{d: 40 * time.Second, amp: 6000})
	got := chunkAll(NewChunker(ChunkerConfig{}), pcm, 333)
	var next int64
	for i, c := range got {
		if c.Start != next {
			t.Fatalf("chunk %d starts at sample %d, want %d (no audio lost in speech)", i, c.Start, next)
		}
		next = c.Start + int64(len(c.PCM))
	}
	if next != int64(len(pcm)) {
		t.Fatalf("chunks end at %d, want %d", next, len(pcm))
	}
}

// FuzzVAD checks the chunker's invariants on arbitrary audio and write
// sizes: chunks are in order, do not overlap, stay within the stream and
// the maximum length, and carry the stream's samples.
func FuzzVAD(f *testing.F) {
	f.Add([]byte{}, uint16(320))
	f.Add(make([]byte, 64000), uint16(1))
	tone := vadSignal(1, 20, vadSpan{d: 300 * time.Millisecond}, vadSpan{d: 1500 * time.Millisecond, amp: 9000}, vadSpan{d: 600 * time.Millisecond})
	f.Add(pcmBytes(tone), uint16(500))
	f.Fuzz(func(t *testing.T, data []byte, step uint16) {
		pcm := make([]int16, len(data)/2)
		for i := range pcm {
			pcm[i] = int16(binary.LittleEndian.Uint16(data[2*i:]))
		}
		c := NewChunker(ChunkerConfig{MinChunk: 200 * time.Millisecond, MaxChunk: 500 * time.Millisecond, MinSilence: 60 * time.Millisecond})
		got := chunkAll(c, pcm, int(step)+1)
		var prevEnd int64
		for i, ch := range got {
			if ch.Start < prevEnd || len(ch.PCM) == 0 {
				t.Fatalf("chunk %d at %d (len %d) after end %d", i, ch.Start, len(ch.PCM), prevEnd)
			}
			prevEnd = ch.Start + int64(len(ch.PCM))
			if prevEnd > int64(len(pcm)) {
				t.Fatalf("chunk %d ends at %d past the input (%d)", i, prevEnd, len(pcm))
			}
			if len(ch.PCM) > vadDurSamples(500*time.Millisecond)+FrameSamples {
				t.Fatalf("chunk %d has %d samples, over the maximum", i, len(ch.PCM))
			}
			for j := range ch.PCM {
				if ch.PCM[j] != pcm[ch.Start+int64(j)] {
					t.Fatalf("chunk %d sample %d differs", i, j)
				}
			}
		}
	})
}

func pcmBytes(pcm []int16) []byte {
	b := make([]byte, 2*len(pcm))
	for i, v := range pcm {
		binary.LittleEndian.PutUint16(b[2*i:], uint16(v))
	}
	return b
}

// BenchmarkVAD measures one 20 ms frame through the VAD and through the
// chunker.
func BenchmarkVAD(b *testing.B) {
	pcm := vadSignal(5, 300, vadSpan{d: 2 * time.Second}, vadSpan{d: 3 * time.Second, amp: 6000}, vadSpan{d: time.Second})
	frames := len(pcm) / FrameSamples
	b.Run("vad", func(b *testing.B) {
		v := NewVAD(VADConfig{})
		b.ReportAllocs()
		b.SetBytes(FrameSamples * 2)
		i := 0
		for b.Loop() {
			f := i % frames
			v.Frame(pcm[f*FrameSamples : (f+1)*FrameSamples])
			i++
		}
	})
	b.Run("chunker", func(b *testing.B) {
		c := NewChunker(ChunkerConfig{})
		b.ReportAllocs()
		b.SetBytes(FrameSamples * 2)
		i := 0
		cut := func(Chunk) {}
		for b.Loop() {
			f := i % frames
			c.Write(pcm[f*FrameSamples:(f+1)*FrameSamples], cut)
			i++
		}
	})
}
