package transcribe

import "math"

// energyVAD classifies 20 ms frames as speech or not from their energy
// relative to an adaptive noise floor.
//
// Why our own VAD rather than PocketSphinx's (-remove_silence): its VAD
// drops non-speech frames, which shifts the decoder's frame numbers away
// from stream time, and it passes steady noise to the decoder (which then
// spends ≈0.45 CPU-s per audio second inventing words). Here the floor is
// the minimum frame energy over the last floorWindow frames, so steady
// noise or hum becomes the floor within that window and stops counting as
// speech, while speech, which always has quieter gaps (stop closures,
// breaths) within a second or two, keeps the floor low.
type energyVAD struct {
	hist  []float64 // ring of recent frame energies (dB)
	next  int
	n     int     // frames seen (saturates at len(hist))
	floor float64 // current floor estimate (dB)
}

const (
	vadFloorWindow = 75   // frames (1.5 s) of minimum tracking
	vadInitFloor   = 30.0 // dB assumed before the window fills: typical line noise
	vadMargin      = 12.0 // dB above the floor that counts as speech
	vadAbsMin      = 38.0 // dB (int16 RMS ≈ 80, −52 dBFS): quieter is never speech
)

func newEnergyVAD() *energyVAD {
	return &energyVAD{hist: make([]float64, vadFloorWindow), floor: vadInitFloor}
}

// frameEnergy is the frame's mean power in dB relative to one LSB².
func frameEnergy(pcm []int16) float64 {
	if len(pcm) == 0 {
		return 0
	}
	var sum float64
	for _, v := range pcm {
		f := float64(v)
		sum += f * f
	}
	return 10 * math.Log10(sum/float64(len(pcm))+1)
}

// push records a frame's energy and reports whether it is speech.
func (v *energyVAD) push(e float64) bool {
	v.hist[v.next] = e
	v.next = (v.next + 1) % len(v.hist)
	if v.n < len(v.hist) {
		v.n++
	}
	m := math.Inf(1)
	if v.n < len(v.hist) {
		// Until the window is full, assume a typical floor too, so a stream
		// that opens with speech is not taken as all floor.
		m = vadInitFloor
	}
	for i := 0; i < v.n; i++ {
		if v.hist[i] < m {
			m = v.hist[i]
		}
	}
	v.floor = m
	return v.isSpeech(e)
}

// isSpeech judges an energy against the current floor.
func (v *energyVAD) isSpeech(e float64) bool {
	return e >= v.floor+vadMargin && e >= vadAbsMin
}
