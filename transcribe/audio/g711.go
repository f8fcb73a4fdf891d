package audio

// G.711 expansion tables, built once from the ITU-T G.711 segment formulas
// (the same values as the reference g711.c) so per-sample decoding is a
// single lookup on the live path.
var (
	mulawTable = func() (t [256]int16) {
		for i := range t {
			u := ^byte(i)
			v := (int(u&0x0F)<<3 + 0x84) << ((u & 0x70) >> 4)
			if u&0x80 != 0 {
				t[i] = int16(0x84 - v)
			} else {
				t[i] = int16(v - 0x84)
			}
		}
		return t
	}()
	alawTable = func() (t [256]int16) {
		for i := range t {
			a := byte(i) ^ 0x55
			v := int(a&0x0F) << 4
			switch seg := (a & 0x70) >> 4; seg {
			case 0:
				v += 8
			case 1:
				v += 0x108
			default:
				v = (v + 0x108) << (seg - 1)
			}
			if a&0x80 != 0 {
				t[i] = int16(v)
			} else {
				t[i] = int16(-v)
			}
		}
		return t
	}()
)

// MulawToLinear expands one G.711 μ-law byte (PCMU) to 16-bit linear PCM.
func MulawToLinear(b byte) int16 { return mulawTable[b] }

// AlawToLinear expands one G.711 A-law byte (PCMA) to 16-bit linear PCM.
func AlawToLinear(b byte) int16 { return alawTable[b] }
