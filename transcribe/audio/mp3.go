package audio

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/hajimehoshi/go-mp3"
)

// mp3ReadSize is the decoded bytes requested from go-mp3 per block: eight
// MPEG-1 frames of 16-bit stereo.
const mp3ReadSize = 8 * 1152 * 4

// mp3 decodes an MPEG Layer III stream, optionally preceded by ID3v2 tags,
// with go-mp3 (which always outputs 16-bit stereo at the source rate).
//
// A decoder failure or panic after some audio was produced ends the stream
// there, as a truncated upload would; the same failure before any audio is
// ErrMalformed.
func (d *decoder) mp3() (pcm []int16, err error) {
	d.info.Format, d.info.Codec = "mp3", "mp3"
	if err := d.skipID3(); err != nil {
		return nil, err
	}
	head, err := d.r.Peek(4)
	if err != nil {
		return nil, d.readErr(err, "first frame header")
	}
	if !isMP3Sync(head) {
		if what, known := describe(head); known {
			return nil, fmt.Errorf("%w: %s after an ID3 tag", ErrUnsupported, what)
		}
		// Otherwise padding or junk: go-mp3 scans forward for a frame.
	} else {
		if (head[1]>>3)&3 == 0 {
			return nil, fmt.Errorf("%w: MPEG 2.5 Layer III (%d Hz MP3) is not supported by the decoder", ErrUnsupported, mp3Rate(head))
		}
		d.info.SampleRate = mp3Rate(head)
		d.info.Channels = 2
		if head[3]>>6 == 3 {
			d.info.Channels = 1
		}
	}

	var out []int16
	defer func() {
		if p := recover(); p != nil {
			if len(out) == 0 {
				pcm, err = nil, fmt.Errorf("%w: mp3: decoder panic: %v", ErrMalformed, p)
				return
			}
			// Keep what was decoded; the resampler tail is lost with the panic.
			pcm, err = out, nil
		}
	}()
	// Hiding the reader's Seek (bufio has none, but be explicit) stops
	// go-mp3 from pre-scanning the whole input to compute its length.
	dec, err := mp3.NewDecoder(struct{ io.Reader }{d.r})
	if err != nil {
		return nil, d.codecErr(err, "no decodable frame")
	}
	rate := dec.SampleRate()
	if d.info.SampleRate == 0 {
		d.info.SampleRate, d.info.Channels = rate, 2
	}
	rs, err := NewResampler(rate, OutputRate)
	if err != nil {
		return nil, fmt.Errorf("%w: mp3 sample rate %d", ErrMalformed, rate)
	}
	buf := make([]byte, mp3ReadSize)
	stereo := make([]int16, mp3ReadSize/2)
	mono := make([]int16, 0, mp3ReadSize/4)
	var frames int64
	for {
		if err := d.checkCtx(); err != nil {
			return nil, err
		}
		n, rerr := io.ReadFull(dec, buf)
		n &^= 3 // whole stereo frames
		for i := range n / 2 {
			stereo[i] = int16(binary.LittleEndian.Uint16(buf[2*i:]))
		}
		frames += int64(n / 4)
		if err := d.tooLong(frames, rate); err != nil {
			return nil, err
		}
		mono = Mix(mono[:0], stereo[:n/2], 2)
		out = rs.Process(mono, d.reserve(out, len(mono)*OutputRate/rate+2))
		if rerr != nil {
			if errors.Is(rerr, io.EOF) || errors.Is(rerr, io.ErrUnexpectedEOF) || len(out) > 0 {
				if d.lr.left < 0 {
					return nil, d.readErr(rerr, "frame")
				}
				break
			}
			return nil, d.codecErr(rerr, "frame")
		}
	}
	out = rs.Flush(d.reserve(out, rs.taps))
	return out, nil
}

// codecErr classifies an error returned by a third-party decoder: our own
// read errors (too large) pass through, the rest mean corrupt input.
func (d *decoder) codecErr(err error, what string) error {
	if d.lr.left < 0 || errors.Is(err, ErrTooLarge) {
		return fmt.Errorf("%w: more than %d bytes", ErrTooLarge, d.lim.MaxBytes)
	}
	return fmt.Errorf("%w: %s: %s: %v", ErrMalformed, d.info.Format, what, err)
}

// skipID3 discards ID3v2 tags itself because go-mp3 would allocate the
// tag's claimed size (up to 256 MB) in one slice.
func (d *decoder) skipID3() error {
	for {
		h, err := d.r.Peek(10)
		if err != nil || string(h[:3]) != "ID3" {
			return nil // not a tag; the frame header check reports problems
		}
		for _, b := range h[6:10] {
			if b >= 0x80 {
				return fmt.Errorf("%w: mp3: ID3 tag size is not sync-safe", ErrMalformed)
			}
		}
		size := int64(h[6])<<21 | int64(h[7])<<14 | int64(h[8])<<7 | int64(h[9])
		if h[5]&0x10 != 0 { // footer present
			size += 10
		}
		if err := d.skip(10+size, "ID3 tag"); err != nil {
			return err
		}
		if err := d.checkCtx(); err != nil {
			return err
		}
	}
}

// mp3Rate returns the sample rate of a frame header accepted by isMP3Sync.
func mp3Rate(h []byte) int {
	base := [3]int{44100, 48000, 32000}[(h[2]>>2)&3]
	switch (h[1] >> 3) & 3 {
	case 0: // MPEG 2.5
		return base / 4
	case 2: // MPEG 2
		return base / 2
	}
	return base
}
