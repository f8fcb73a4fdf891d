package audio

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// WAV limits beyond which a file is refused as unsupported rather than
// decoded: they bound the per-block buffer (channels × 8 bytes × blockFrames)
// and the resampler's filter length.
const (
	wavMaxChannels = 8
	wavMinRate     = 4000
	wavMaxRate     = 384000
	blockFrames    = 4096 // sample frames decoded per block between ctx checks
	// streamedSize marks a data chunk whose length is not in the header
	// (size 0 or 0xFFFFFFFF, written by recorders that stream).
	streamedSize = -1
)

// wavFmt is the decoded "fmt " chunk.
type wavFmt struct {
	codec      string // Info.Codec
	channels   int
	rate       int
	blockAlign int
	bytes      int // container bytes per sample
}

// extensibleGUIDTail is bytes 2–15 of every KSDATAFORMAT_SUBTYPE_* GUID
// whose first two bytes are a plain WAVE format tag.
var extensibleGUIDTail = []byte{0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xAA, 0, 0x38, 0x9B, 0x71}

// wavTagNames names common format tags we refuse, so the error tells the
// user what they sent (GSM and ADPCM are common from PBX voicemail).
var wavTagNames = map[uint16]string{
	0x0002: "MS ADPCM",
	0x0011: "IMA ADPCM",
	0x0031: "GSM 6.10",
	0x0040: "G.721 ADPCM",
	0x0050: "MPEG",
	0x0055: "MPEG Layer III",
	0x0064: "G.726 ADPCM",
}

// wav decodes a RIFF/WAVE or RF64 stream positioned at its first byte.
func (d *decoder) wav() ([]int16, error) {
	d.info.Format = "wav"
	var hdr [12]byte
	if _, err := io.ReadFull(d.r, hdr[:]); err != nil {
		return nil, d.readErr(err, "RIFF header")
	}
	rf64 := string(hdr[:4]) == "RF64"
	ds64Data := int64(streamedSize)
	var f *wavFmt
	for {
		if err := d.checkCtx(); err != nil {
			return nil, err
		}
		var ch [8]byte
		if _, err := io.ReadFull(d.r, ch[:]); err != nil {
			if errors.Is(err, io.EOF) {
				if f == nil {
					return nil, fmt.Errorf("%w: wav: no fmt chunk", ErrMalformed)
				}
				return nil, fmt.Errorf("%w: wav: no data chunk", ErrMalformed)
			}
			return nil, d.readErr(err, "chunk header")
		}
		id := string(ch[:4])
		size := int64(binary.LittleEndian.Uint32(ch[4:]))
		switch id {
		case "ds64":
			if !rf64 || size < 28 {
				return nil, fmt.Errorf("%w: wav: unexpected ds64 chunk of %d bytes", ErrMalformed, size)
			}
			body, err := d.readChunk(size, 28, id)
			if err != nil {
				return nil, err
			}
			if n := binary.LittleEndian.Uint64(body[8:16]); n < math.MaxInt64 {
				ds64Data = int64(n)
			}
		case "fmt ":
			if f != nil {
				return nil, fmt.Errorf("%w: wav: second fmt chunk", ErrMalformed)
			}
			if size < 16 {
				return nil, fmt.Errorf("%w: wav fmt chunk: %d bytes, need 16", ErrMalformed, size)
			}
			body, err := d.readChunk(size, 40, id)
			if err != nil {
				return nil, err
			}
			if f, err = parseWAVFmt(body); err != nil {
				return nil, err
			}
			d.info.Codec, d.info.SampleRate, d.info.Channels = f.codec, f.rate, f.channels
		case "data":
			if f == nil {
				return nil, fmt.Errorf("%w: wav: data chunk before fmt chunk", ErrMalformed)
			}
			switch {
			case rf64 && size == math.MaxUint32:
				size = ds64Data
			case size == 0 || size == math.MaxUint32:
				size = streamedSize
			}
			return d.wavData(f, size)
		default:
			// LIST, fact, bext, JUNK, cue …: not needed, never buffered.
			if err := d.skip(size+size&1, fmt.Sprintf("chunk %q", id)); err != nil {
				return nil, err
			}
		}
	}
}

// readChunk reads a chunk body of size bytes (and its pad byte), keeping at
// most keep bytes, so an oversized fmt chunk cannot force an allocation.
func (d *decoder) readChunk(size, keep int64, id string) ([]byte, error) {
	body := make([]byte, min(size, keep))
	if _, err := io.ReadFull(d.r, body); err != nil {
		return nil, d.readErr(err, fmt.Sprintf("%q chunk", id))
	}
	rest := size - int64(len(body)) + size&1
	return body, d.skip(rest, fmt.Sprintf("chunk %q", id))
}

// parseWAVFmt validates a fmt chunk body (16 to 40 bytes).
func parseWAVFmt(b []byte) (*wavFmt, error) {
	tag := binary.LittleEndian.Uint16(b[0:])
	f := &wavFmt{
		channels:   int(binary.LittleEndian.Uint16(b[2:])),
		rate:       int(binary.LittleEndian.Uint32(b[4:])),
		blockAlign: int(binary.LittleEndian.Uint16(b[12:])),
	}
	bits := int(binary.LittleEndian.Uint16(b[14:]))
	if tag == 0xFFFE {
		if len(b) < 40 || binary.LittleEndian.Uint16(b[16:]) < 22 {
			return nil, fmt.Errorf("%w: wav fmt chunk: WAVE_FORMAT_EXTENSIBLE without its extension", ErrMalformed)
		}
		if !bytes.Equal(b[26:40], extensibleGUIDTail) {
			return nil, fmt.Errorf("%w: wav: extensible sub-format GUID % x", ErrUnsupported, b[24:40])
		}
		tag = binary.LittleEndian.Uint16(b[24:])
	}
	switch {
	case f.channels == 0:
		return nil, fmt.Errorf("%w: wav fmt chunk: 0 channels", ErrMalformed)
	case f.channels > wavMaxChannels:
		return nil, fmt.Errorf("%w: wav: %d channels (at most %d)", ErrUnsupported, f.channels, wavMaxChannels)
	case f.rate == 0:
		return nil, fmt.Errorf("%w: wav fmt chunk: sample rate 0", ErrMalformed)
	case f.rate < wavMinRate || f.rate > wavMaxRate:
		return nil, fmt.Errorf("%w: wav: sample rate %d Hz (supported %d–%d)", ErrUnsupported, f.rate, wavMinRate, wavMaxRate)
	case bits == 0 && (tag == 1 || tag == 3 || tag == 6 || tag == 7):
		// Compressed formats (GSM 6.10, ADPCM) often say 0 bits.
		return nil, fmt.Errorf("%w: wav fmt chunk: 0 bits per sample", ErrMalformed)
	}
	f.bytes = (bits + 7) / 8
	switch {
	case tag == 1 && bits <= 8:
		f.codec = "pcm8"
	case tag == 1 && bits <= 16:
		f.codec = "pcm16"
	case tag == 1 && bits <= 24:
		f.codec = "pcm24"
	case tag == 1 && bits <= 32:
		f.codec = "pcm32"
	case tag == 3 && bits == 32:
		f.codec = "float32"
	case tag == 3 && bits == 64:
		f.codec = "float64"
	case tag == 6 && bits == 8:
		f.codec = "alaw"
	case tag == 7 && bits == 8:
		f.codec = "mulaw"
	case tag == 1 || tag == 3 || tag == 6 || tag == 7:
		return nil, fmt.Errorf("%w: wav: format tag %d with %d bits per sample", ErrUnsupported, tag, bits)
	default:
		name := wavTagNames[tag]
		if name == "" {
			name = "unknown codec"
		}
		return nil, fmt.Errorf("%w: wav: format tag 0x%04x (%s)", ErrUnsupported, tag, name)
	}
	if f.blockAlign != f.channels*f.bytes {
		return nil, fmt.Errorf("%w: wav fmt chunk: block align %d, want %d for %d × %d-bit",
			ErrMalformed, f.blockAlign, f.channels*f.bytes, f.channels, bits)
	}
	return f, nil
}

// wavData decodes size bytes of sample frames (streamedSize: until EOF).
func (d *decoder) wavData(f *wavFmt, size int64) ([]int16, error) {
	maxFrames := d.lim.maxFrames(f.rate)
	// Preallocate for what the header claims, but never believe it beyond
	// a minute (a 4 GB claim may come with 100 bytes); reserve grows the
	// buffer, bounded by the limits, if the data really is longer.
	frames := min(maxFrames, d.lim.MaxBytes/int64(f.blockAlign), int64(f.rate)*60)
	if size != streamedSize {
		frames = min(frames, size/int64(f.blockAlign))
	}
	out := make([]int16, 0, frames*OutputRate/int64(f.rate)+16)
	rs, err := NewResampler(f.rate, OutputRate)
	if err != nil {
		return nil, err
	}
	buf := make([]byte, blockFrames*f.blockAlign)
	mono := make([]int16, 0, blockFrames)
	var total int64
	for remaining := size; remaining != 0; {
		if err := d.checkCtx(); err != nil {
			return nil, err
		}
		want := int64(len(buf))
		if remaining != streamedSize {
			want = min(want, remaining)
			remaining -= want
		}
		n, err := io.ReadFull(d.r, buf[:want])
		eof := errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
		if err != nil && !eof {
			return nil, d.readErr(err, "data chunk")
		}
		got := int64(n / f.blockAlign)
		total += got
		if err := d.tooLong(total, f.rate); err != nil {
			return nil, err
		}
		mono = f.toMono(mono[:0], buf[:got*int64(f.blockAlign)])
		out = rs.Process(mono, d.reserve(out, len(mono)*OutputRate/f.rate+2))
		if eof {
			break
		}
	}
	if total == 0 && size > 0 {
		return nil, fmt.Errorf("%w: wav: data chunk claims %d bytes but holds no complete sample frame", ErrMalformed, size)
	}
	return rs.Flush(d.reserve(out, rs.taps)), nil
}

// toMono appends the channel average of each complete frame in src.
func (f *wavFmt) toMono(dst []int16, src []byte) []int16 {
	for off := 0; off+f.blockAlign <= len(src); off += f.blockAlign {
		if f.channels == 1 && f.codec == "pcm16" {
			dst = append(dst, int16(binary.LittleEndian.Uint16(src[off:])))
			continue
		}
		var sum float64
		for c := range f.channels {
			sum += f.sample(src[off+c*f.bytes:])
		}
		dst = append(dst, floatToInt16(sum/float64(f.channels)))
	}
	return dst
}

// sample returns one sample scaled to the 16-bit range.
func (f *wavFmt) sample(b []byte) float64 {
	switch f.codec {
	case "pcm8":
		return float64(int(b[0])-128) * 256
	case "pcm16":
		return float64(int16(binary.LittleEndian.Uint16(b)))
	case "pcm24":
		return float64(int32(uint32(b[0])<<8|uint32(b[1])<<16|uint32(b[2])<<24)) / 65536
	case "pcm32":
		return float64(int32(binary.LittleEndian.Uint32(b))) / 65536
	case "float32":
		return float64(math.Float32frombits(binary.LittleEndian.Uint32(b))) * 32768
	case "float64":
		return math.Float64frombits(binary.LittleEndian.Uint64(b)) * 32768
	case "mulaw":
		return float64(mulawTable[b[0]])
	default: // "alaw"; parseWAVFmt admits no other codec
		return float64(alawTable[b[0]])
	}
}
