package audio

import "math"

// Mix appends to dst the mono downmix of interleaved 16-bit samples with the
// given channel count, averaging the channels (a sum could clip), and
// returns the extended slice. A trailing partial frame is ignored.
// channels < 1 is treated as 1.
func Mix(dst []int16, interleaved []int16, channels int) []int16 {
	if channels <= 1 {
		return append(dst, interleaved...)
	}
	frames := len(interleaved) / channels
	for f := range frames {
		var sum int32
		for _, s := range interleaved[f*channels : f*channels+channels] {
			sum += int32(s)
		}
		dst = append(dst, int16(sum/int32(channels)))
	}
	return dst
}

// MixFloat32 is Mix for float samples in [-1, 1]; values outside are
// clipped.
func MixFloat32(dst []int16, interleaved []float32, channels int) []int16 {
	channels = max(channels, 1)
	frames := len(interleaved) / channels
	for f := range frames {
		var sum float32
		for _, s := range interleaved[f*channels : f*channels+channels] {
			sum += s
		}
		dst = append(dst, floatToInt16(float64(sum)/float64(channels)*32768))
	}
	return dst
}

// floatToInt16 rounds v (already in 16-bit scale) and clips it; NaN maps to
// 0 so a corrupt float WAV cannot poison the resampler state.
func floatToInt16(v float64) int16 {
	switch {
	case v >= math.MaxInt16:
		return math.MaxInt16
	case v <= math.MinInt16:
		return math.MinInt16
	case v != v:
		return 0
	}
	return int16(math.Round(v))
}
