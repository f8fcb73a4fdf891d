package audio

import (
	"fmt"
	"math"
)

// Filter design. The transition band runs from 85 % to 100 % of the lower
// Nyquist frequency, so nothing above the output Nyquist can alias back
// (stopband starts exactly there) while speech up to 6.8 kHz survives a
// 48 kHz → 16 kHz conversion untouched. The Kaiser window is designed for
// 80 dB, which leaves margin above the 60 dB target after float32
// coefficients and 16-bit output rounding.
const (
	passEdge        = 0.85 // passband edge, fraction of the lower Nyquist
	stopAttenuation = 80.0 // dB, Kaiser design target
	// coefBudget bounds the exact polyphase table (one row per phase).
	// Common ratios fit (44100 → 16000: 160 phases × 184 taps); others
	// (44101 → 16000 has 16000 phases) linearly interpolate between rows
	// of a table with 64–512 phases, whose error stays below -90 dB. The
	// budget also bounds the design time, paid per Decode.
	coefBudget      = 1 << 16
	minInterpPhases = 64
	maxInterpPhases = 512
	minRate         = 1000
	maxRate         = 768000
)

// Resampler converts mono 16-bit audio from one sample rate to another with
// a Kaiser-windowed sinc polyphase FIR. It is streaming: input may be split
// into blocks of any size and the output is the same as for one call, so the
// live path can feed it one 20 ms frame at a time. The output is centred
// (no group delay) at the cost of holding back half the filter length until
// more input or Flush arrives. A Resampler is not safe for concurrent use.
type Resampler struct {
	from, to int
	l, m     int       // reduced ratio: to = from * l / m
	taps     int       // filter length in input samples, a multiple of 4
	interp   bool      // coefficient rows are interpolated (large l)
	phases   int       // interpolated mode: table phases (rows-1)
	rows     int       // rows in coef
	coef     []float32 // rows × taps, each row normalised to unity DC gain
	buf      []float32 // input history; buf[pos:pos+taps] is the next window
	pos      int
	phase    int   // position of the next output inside buf[pos+taps/2-1], in 1/l samples
	in, out  int64 // samples consumed and produced since the last Flush
	limit    int64 // during Flush, stop producing at this output count
}

// NewResampler returns a Resampler from rate from to rate to (both in Hz,
// 1 kHz to 768 kHz). Equal rates make a pass-through.
func NewResampler(from, to int) (*Resampler, error) {
	if from < minRate || from > maxRate || to < minRate || to > maxRate {
		return nil, fmt.Errorf("%w: resample %d Hz → %d Hz: rates must be %d–%d Hz", ErrUnsupported, from, to, minRate, maxRate)
	}
	g := gcd(from, to)
	r := &Resampler{from: from, to: to, l: to / g, m: from / g, limit: -1}
	if from == to {
		return r, nil
	}
	lowNyq := float64(min(from, to)) / 2
	transition := (1 - passEdge) * lowNyq
	cutoff := (1 + passEdge) / 2 * lowNyq
	// Kaiser's length estimate, in input samples.
	n := (stopAttenuation - 8) / (2.285 * 2 * math.Pi * transition / float64(from))
	// The window must also be wider than one output step so every input
	// sample is seen.
	r.taps = (max(int(math.Ceil(n)), from/to+2) + 3) &^ 3
	r.rows = r.l
	if r.l*r.taps > coefBudget {
		r.interp = true
		r.phases = min(max(coefBudget/r.taps, minInterpPhases), maxInterpPhases)
		r.rows = r.phases + 1
	}
	r.coef = make([]float32, r.rows*r.taps)
	beta := 0.1102 * (stopAttenuation - 8.7)
	i0beta := besselI0(beta)
	half := float64(r.taps) / 2
	fc := cutoff / float64(from) // cycles per input sample
	h := make([]float64, r.taps)
	for row := range r.rows {
		var frac float64
		if r.interp {
			frac = float64(row) / float64(r.phases)
		} else {
			frac = float64(row) / float64(r.l)
		}
		c := r.coef[row*r.taps : (row+1)*r.taps]
		var sum float64
		for k := range h {
			t := frac + half - 1 - float64(k)
			w := 0.0
			if x := t / half; x > -1 && x < 1 {
				w = besselI0(beta*math.Sqrt(1-x*x)) / i0beta
			}
			h[k] = 2 * fc * sinc(2*fc*t) * w
			sum += h[k]
		}
		for k := range c {
			c[k] = float32(h[k] / sum)
		}
	}
	block := max(1024, r.taps)
	r.buf = make([]float32, 0, r.taps+block)
	r.reset()
	return r, nil
}

// reset returns the Resampler to its initial state: a history of silence.
func (r *Resampler) reset() {
	r.buf = r.buf[:0]
	if r.taps > 0 {
		// The first output is centred on input sample 0, so the window
		// starts taps/2-1 samples before it.
		r.buf = r.buf[:r.taps/2-1]
		clear(r.buf)
	}
	r.pos, r.phase, r.in, r.out, r.limit = 0, 0, 0, 0, -1
}

// Process resamples in, appends the result to out and returns it. Output
// lags input by half the filter length; Flush emits the remainder. Process
// does not allocate when out has enough capacity (about
// len(in)*to/from + 1 samples).
func (r *Resampler) Process(in []int16, out []int16) []int16 {
	if r.from == r.to {
		return append(out, in...)
	}
	r.in += int64(len(in))
	for len(in) > 0 {
		n := min(len(in), cap(r.buf)-len(r.buf))
		for _, s := range in[:n] {
			r.buf = append(r.buf, float32(s))
		}
		in = in[n:]
		out = r.run(out)
	}
	return out
}

// Flush emits the output still held back, so that the total output is
// ceil(inputs*to/from) samples, and resets the Resampler for a new stream.
func (r *Resampler) Flush(out []int16) []int16 {
	if r.from == r.to {
		return out
	}
	r.limit = (r.in*int64(r.l) + int64(r.m) - 1) / int64(r.m)
	// Half a window of trailing silence completes every pending output;
	// after run there is always at least that much room in buf.
	for range r.taps/2 + 1 {
		r.buf = append(r.buf, 0)
	}
	out = r.run(out)
	r.reset()
	return out
}

// run produces every output whose window is complete, then drops the
// history no later output needs.
func (r *Resampler) run(out []int16) []int16 {
	taps := r.taps
	for r.pos+taps <= len(r.buf) && r.limit != r.out {
		x := r.buf[r.pos : r.pos+taps]
		var y float32
		if r.interp {
			f := float64(r.phase) / float64(r.l) * float64(r.phases)
			i := int(f)
			a := float32(f - float64(i))
			y0 := dot(r.coef[i*taps:(i+1)*taps], x)
			y1 := dot(r.coef[(i+1)*taps:(i+2)*taps], x)
			y = y0 + a*(y1-y0)
		} else {
			y = dot(r.coef[r.phase*taps:(r.phase+1)*taps], x)
		}
		out = append(out, toInt16(y))
		r.out++
		r.phase += r.m
		r.pos += r.phase / r.l
		r.phase %= r.l
	}
	keep := copy(r.buf, r.buf[r.pos:])
	r.buf = r.buf[:keep]
	r.pos = 0
	return out
}

// dot is the FIR inner loop, unrolled by four (taps is a multiple of 4) with
// independent accumulators so the adds pipeline.
func dot(h, x []float32) float32 {
	x = x[:len(h)]
	var s0, s1, s2, s3 float32
	for i := 0; i+3 < len(h); i += 4 {
		s0 += h[i] * x[i]
		s1 += h[i+1] * x[i+1]
		s2 += h[i+2] * x[i+2]
		s3 += h[i+3] * x[i+3]
	}
	return (s0 + s1) + (s2 + s3)
}

// toInt16 rounds half away from zero and saturates.
func toInt16(y float32) int16 {
	switch {
	case y >= 32767:
		return 32767
	case y <= -32768:
		return -32768
	case y >= 0:
		return int16(y + 0.5)
	default:
		return int16(y - 0.5)
	}
}

func sinc(x float64) float64 {
	if x == 0 {
		return 1
	}
	return math.Sin(math.Pi*x) / (math.Pi * x)
}

// besselI0 is the zeroth-order modified Bessel function of the first kind,
// by its power series (converges quickly for the β used here).
func besselI0(x float64) float64 {
	sum, term := 1.0, 1.0
	for k := 1; term > 1e-12*sum; k++ {
		term *= (x / (2 * float64(k))) * (x / (2 * float64(k)))
		sum += term
	}
	return sum
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
