package transcribe

import (
	"math"
	"math/cmplx"
	"sort"
	"sync"
)

// Band-limited content detection.
//
// A recording's sample rate says nothing about its bandwidth: a call
// recorder that stores 16 or 48 kHz, an MP3 of a phone call or a voicemail
// exported from a phone hold telephone audio (300–3400 Hz) at a wideband
// rate. Such audio decodes far better with the narrowband decoders (SPHINX.md,
// "Narrowband audio"), so recordings are also routed by what they contain:
// the share of speech energy above 4 kHz. Wideband speech always has some
// (fricatives, the upper formants of vowels); telephone audio has only what
// the channel's filters and the resamplers leak.

const (
	// bandFFT is the analysis frame: 512 samples (32 ms) at 16 kHz, so one
	// bin is 31.25 Hz.
	bandFFT = 512
	// bandMaxSeconds bounds the analysis to the start of the recording; a
	// recording's channel does not change midway, and 10 s holds enough
	// speech frames for a stable ratio at a few milliseconds of CPU.
	bandMaxSeconds = 10
	// bandLowHz–bandSplitHz is the band every channel carries (above mains
	// hum and DC); bandSplitHz–bandHighHz is what only wideband audio carries
	// (below the resamplers' roll-off at the 8 kHz Nyquist frequency).
	bandLowHz   = 100
	bandSplitHz = 4000
	bandHighHz  = 7800
	// bandGateDB keeps the frames within 30 dB of the loud end of the
	// recording (its 95th-percentile frame): speech, not pauses, whose
	// noise floor says more about the recorder than about the channel.
	bandGateDB = 30
	// bandMinRMS is the absolute gate (RMS ≈ 30 LSB, −61 dBFS): quieter
	// frames are silence whatever the recording's level.
	bandMinRMS = 30
	// bandMinFrames is how many speech frames (≈0.3 s) a verdict needs;
	// with fewer the recording counts as wideband, the default path.
	bandMinFrames = 10
	// BandLimitedDB is the threshold on the high-band share: a recording
	// whose speech has less than this share of its energy (in dB) above
	// 4 kHz is band-limited. It sits in the middle of the measured gap
	// (TestBandLimitedSpeech, SPHINX.md "Narrowband audio"): flite's 16 kHz
	// voices measure −27 … −14 dB; the same voices through the voicemail
	// eval's telephone channel, stored back at 16, 44.1 (MP3) or 48 kHz,
	// or with dither, or after a steep 3.4 kHz low-pass, −85 … −65 dB. So
	// ≈19 dB of margin on either side.
	BandLimitedDB = -46
)

// bandTables holds the Hann window and FFT twiddles, built once.
var bandTables = sync.OnceValue(func() (t struct {
	win []float64
	tw  []complex128
}) {
	t.win = make([]float64, bandFFT)
	for i := range t.win {
		t.win[i] = 0.5 - 0.5*math.Cos(2*math.Pi*float64(i)/bandFFT)
	}
	t.tw = make([]complex128, bandFFT/2)
	for i := range t.tw {
		t.tw[i] = cmplx.Rect(1, -2*math.Pi*float64(i)/bandFFT)
	}
	return t
})

// fft512 transforms x in place (iterative radix-2, len(x) == bandFFT).
func fft512(x []complex128, tw []complex128) {
	n := len(x)
	for i, j := 1, 0; i < n; i++ {
		bit := n >> 1
		for ; j&bit != 0; bit >>= 1 {
			j ^= bit
		}
		j |= bit
		if i < j {
			x[i], x[j] = x[j], x[i]
		}
	}
	for size := 2; size <= n; size <<= 1 {
		step := n / size
		for start := 0; start < n; start += size {
			for k := range size / 2 {
				a, b := x[start+k], x[start+k+size/2]*tw[k*step]
				x[start+k], x[start+k+size/2] = a+b, a-b
			}
		}
	}
}

// HighBandShare measures band-limited content in pcm (16 kHz mono): over
// the speech frames of its first 10 s, the energy between 4 and 7.8 kHz as
// a share of the energy between 0.1 and 7.8 kHz, in dB. frames is how many
// speech frames were measured; with none (silence, too short) the share is
// 0 dB and means nothing.
func HighBandShare(pcm []int16) (db float64, frames int) {
	pcm = pcm[:min(len(pcm), bandMaxSeconds*SampleRate)]
	n := len(pcm) / bandFFT
	if n == 0 {
		return 0, 0
	}
	// Pass 1: frame energies, for the speech gate.
	energy := make([]float64, n)
	for f := range n {
		var e float64
		for _, s := range pcm[f*bandFFT : (f+1)*bandFFT] {
			e += float64(s) * float64(s)
		}
		energy[f] = e / bandFFT
	}
	sorted := append([]float64(nil), energy...)
	sort.Float64s(sorted)
	gate := max(sorted[(len(sorted)-1)*95/100]*math.Pow(10, -bandGateDB/10), bandMinRMS*bandMinRMS)
	// Pass 2: spectra of the frames that pass it.
	t := bandTables()
	bin := func(hz int) int { return hz * bandFFT / SampleRate }
	lo, split, hi := bin(bandLowHz), bin(bandSplitHz), bin(bandHighHz)
	buf := make([]complex128, bandFFT)
	var low, high float64
	for f := range n {
		if energy[f] < gate {
			continue
		}
		frames++
		for i, s := range pcm[f*bandFFT : (f+1)*bandFFT] {
			buf[i] = complex(float64(s)*t.win[i], 0)
		}
		fft512(buf, t.tw)
		for k := lo; k <= hi; k++ {
			p := real(buf[k])*real(buf[k]) + imag(buf[k])*imag(buf[k])
			if k < split {
				low += p
			} else {
				high += p
			}
		}
	}
	if frames == 0 || low+high == 0 {
		return 0, 0
	}
	// A floor of 1e-12 (−120 dB) keeps digital zeros finite.
	return 10 * math.Log10(max(high/(low+high), 1e-12)), frames
}

// BandLimited reports whether pcm (16 kHz mono) holds band-limited
// (telephone) speech, whatever rate it was stored at: at least
// bandMinFrames speech frames whose high-band share is below
// BandLimitedDB. Silence and very short audio are not band-limited, so
// they keep the default, wideband path.
func BandLimited(pcm []int16) bool {
	db, frames := HighBandShare(pcm)
	return frames >= bandMinFrames && db < BandLimitedDB
}

// RecordingSource is the Source of a whole recording decoded to 16 kHz
// (pcm) from a source at rate Hz (0 if unknown): narrowband by its rate, or
// else by its content (BandLimited), so telephone audio stored at a
// wideband rate still gets the narrowband decoders.
func RecordingSource(rate int, pcm []int16) Source {
	src := Source{Rate: rate}
	if !src.Narrowband() {
		src.BandLimited = BandLimited(pcm)
	}
	return src
}
