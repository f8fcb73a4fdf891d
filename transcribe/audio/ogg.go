package audio

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/pion/opus"
)

// Ogg and Opus limits. An Opus packet holds at most 120 ms, i.e. 48 frames
// of at most 1275 bytes; anything larger in an audio packet is corrupt.
const (
	oggMaxPayload   = 255 * 255
	opusMaxPacket   = 48*1275 + 1024
	opusRate        = 48000 // Opus timestamps (granule, pre-skip) are always at 48 kHz
	opusMaxFrame    = opusRate * 120 / 1000
	opusDecodeRate  = 48000 // pre-skip and granules count 48 kHz samples: trim exactly, then resample
	oggFlagContinue = 1
	oggFlagBOS      = 2
	oggFlagEOS      = 4
)

// oggCRCTable is the Ogg page checksum: CRC-32, polynomial 0x04c11db7,
// not reflected, zero initial value.
var oggCRCTable = func() (t [256]uint32) {
	for i := range t {
		r := uint32(i) << 24
		for range 8 {
			if r&0x80000000 != 0 {
				r = r<<1 ^ 0x04c11db7
			} else {
				r <<= 1
			}
		}
		t[i] = r
	}
	return t
}()

func oggCRC(crc uint32, b []byte) uint32 {
	for _, v := range b {
		crc = crc<<8 ^ oggCRCTable[byte(crc>>24)^v]
	}
	return crc
}

// oggPage is one parsed page; payload and lacing alias reusable buffers.
type oggPage struct {
	flags   byte
	granule int64
	serial  uint32
	lacing  []byte
	payload []byte
}

// oggReader reads pages into fixed buffers (no per-page allocation; the
// largest possible page is 64 KiB).
type oggReader struct {
	d       *decoder
	hdr     [27]byte
	lacing  [255]byte
	payload [oggMaxPayload]byte
	pages   int
}

// next reads a page; io.EOF means a clean end between pages.
func (o *oggReader) next() (oggPage, error) {
	if _, err := io.ReadFull(o.d.r, o.hdr[:]); err != nil {
		if errors.Is(err, io.EOF) && o.d.lr.left >= 0 {
			return oggPage{}, io.EOF
		}
		return oggPage{}, o.d.readErr(err, "page header")
	}
	h := o.hdr[:]
	if string(h[:4]) != "OggS" || h[4] != 0 {
		return oggPage{}, fmt.Errorf("%w: ogg: page %d: bad capture pattern or version % x", ErrMalformed, o.pages, h[:5])
	}
	lacing := o.lacing[:h[26]]
	if _, err := io.ReadFull(o.d.r, lacing); err != nil {
		return oggPage{}, o.d.readErr(err, "page lacing")
	}
	size := 0
	for _, l := range lacing {
		size += int(l)
	}
	payload := o.payload[:size]
	if _, err := io.ReadFull(o.d.r, payload); err != nil {
		return oggPage{}, o.d.readErr(err, "page payload")
	}
	want := binary.LittleEndian.Uint32(h[22:])
	clear(h[22:26])
	crc := oggCRC(oggCRC(oggCRC(0, h), lacing), payload)
	if crc != want {
		return oggPage{}, fmt.Errorf("%w: ogg: page %d: checksum mismatch", ErrMalformed, o.pages)
	}
	o.pages++
	return oggPage{
		flags:   h[5],
		granule: int64(binary.LittleEndian.Uint64(h[6:])),
		serial:  binary.LittleEndian.Uint32(h[14:]),
		lacing:  lacing,
		payload: payload,
	}, nil
}

// opusHead is the identification header (RFC 7845 §5.1).
type opusHead struct {
	channels int     // of the source, for Info
	streams  int     // decoder channels: 1, or 2 for one coupled stream
	preSkip  int     // 48 kHz samples to drop at the start
	gain     float32 // linear output gain
}

func parseOpusHead(p []byte) (opusHead, error) {
	if len(p) < 19 {
		return opusHead{}, fmt.Errorf("%w: ogg-opus: OpusHead of %d bytes", ErrMalformed, len(p))
	}
	if p[8]>>4 != 0 {
		return opusHead{}, fmt.Errorf("%w: ogg-opus: OpusHead version %d", ErrUnsupported, p[8])
	}
	h := opusHead{
		channels: int(p[9]),
		preSkip:  int(binary.LittleEndian.Uint16(p[10:])),
		gain:     float32(math.Pow(10, float64(int16(binary.LittleEndian.Uint16(p[16:])))/(20*256))),
	}
	if h.channels == 0 {
		return opusHead{}, fmt.Errorf("%w: ogg-opus: OpusHead with 0 channels", ErrMalformed)
	}
	switch family := p[18]; {
	case family == 0:
		if h.channels > 2 {
			return opusHead{}, fmt.Errorf("%w: ogg-opus: mapping family 0 with %d channels", ErrMalformed, h.channels)
		}
		h.streams = h.channels
	case len(p) < 21+h.channels:
		return opusHead{}, fmt.Errorf("%w: ogg-opus: OpusHead channel mapping truncated", ErrMalformed)
	case p[19] != 1 || p[20] > 1:
		// pion/opus decodes single Opus streams only.
		return opusHead{}, fmt.Errorf("%w: ogg-opus: multistream Opus (%d streams, %d coupled, family %d)",
			ErrUnsupported, p[19], p[20], family)
	default:
		h.streams = 1 + int(p[20])
	}
	return h, nil
}

// oggCodec names the codec of a stream from its first packet, for errors.
func oggCodec(p []byte) string {
	for _, c := range []struct{ magic, name string }{
		{"\x01vorbis", "Vorbis"}, {"\x7fFLAC", "FLAC"}, {"Speex   ", "Speex"},
		{"\x80theora", "Theora video"}, {"fishead", "Skeleton"},
	} {
		if len(p) >= len(c.magic) && string(p[:len(c.magic)]) == c.magic {
			return c.name
		}
	}
	return fmt.Sprintf("unknown codec (% x)", p[:min(8, len(p))])
}

// ogg decodes the first Opus logical stream of an Ogg file; other streams
// (video, Skeleton) are skipped. Chained streams after its end are ignored.
//
// As with MP3, a read or decode failure after audio was produced ends the
// stream there (an upload cut short still transcribes); before any audio it
// is ErrMalformed.
func (d *decoder) ogg() ([]int16, error) {
	d.info.Format = "ogg-opus"
	o := &oggReader{d: d}
	s := opusStream{d: d}
	var (
		found  bool
		serial uint32
		seen   string // codecs of other streams, for the error if no Opus
		packet = make([]byte, 0, opusMaxPacket)
		drop   bool // the packet in progress is oversized (tags) and not kept
		npkt   int  // packets completed in our stream
	)
	for {
		if err := d.checkCtx(); err != nil {
			return nil, err
		}
		pg, err := o.next()
		if err != nil {
			if errors.Is(err, io.EOF) || (len(s.out) > 0 && !errors.Is(err, ErrTooLarge)) {
				break
			}
			return nil, err
		}
		if !found {
			if pg.flags&oggFlagBOS == 0 {
				if seen == "" {
					return nil, fmt.Errorf("%w: ogg: first page does not begin a stream", ErrMalformed)
				}
				return nil, fmt.Errorf("%w: ogg stream with %s", ErrUnsupported, seen)
			}
			first := pg.payload[:min(len(pg.payload), 64)]
			if len(first) < 8 || string(first[:8]) != "OpusHead" {
				if seen != "" {
					seen += ", "
				}
				seen += oggCodec(first)
				continue
			}
			found, serial = true, pg.serial
		}
		if pg.serial != serial {
			continue
		}
		// Without the continuation flag a pending partial packet lost its
		// end; with it but nothing pending, the page starts with the tail
		// of a packet whose beginning was lost. Both are discarded.
		orphan := pg.flags&oggFlagContinue != 0 && len(packet) == 0 && !drop
		if pg.flags&oggFlagContinue == 0 {
			packet, drop = packet[:0], false
		}
		s.endGranule = -1
		if pg.flags&oggFlagEOS != 0 {
			s.endGranule = pg.granule
		}
		off := 0
		for _, l := range pg.lacing {
			seg := pg.payload[off : off+int(l)]
			off += int(l)
			if orphan {
				orphan = l == 255
				continue
			}
			if !drop {
				if len(packet)+len(seg) > opusMaxPacket {
					if npkt >= 2 || npkt == 0 {
						return nil, fmt.Errorf("%w: ogg-opus: packet %d larger than %d bytes", ErrMalformed, npkt, opusMaxPacket)
					}
					drop = true // OpusTags may carry cover art; never needed
				} else {
					packet = append(packet, seg...)
				}
			}
			if l == 255 {
				continue
			}
			if err := s.packet(npkt, packet); err != nil {
				if len(s.out) > 0 && errors.Is(err, ErrMalformed) {
					return s.finish(), nil
				}
				return nil, err
			}
			npkt++
			packet, drop = packet[:0], false
		}
		if pg.flags&oggFlagEOS != 0 {
			break
		}
	}
	if !found {
		if seen == "" {
			return nil, fmt.Errorf("%w: ogg: no streams", ErrEmpty)
		}
		return nil, fmt.Errorf("%w: ogg stream with %s", ErrUnsupported, seen)
	}
	if npkt == 0 {
		return nil, fmt.Errorf("%w: ogg-opus: OpusHead page truncated", ErrMalformed)
	}
	return s.finish(), nil
}

// opusStream turns the packets of one Opus stream into 16 kHz mono.
type opusStream struct {
	d          *decoder
	head       opusHead
	dec        opus.Decoder
	rs         *Resampler
	pcm        []float32 // decoder output, interleaved
	mono       []int16
	out        []int16
	decoded    int64 // 48 kHz samples decoded, pre-skip included
	endGranule int64 // granule of the current page if it ends the stream, else -1
}

// packet handles packet number n of the stream.
func (s *opusStream) packet(n int, p []byte) error {
	switch n {
	case 0:
		if len(p) < 8 || string(p[:8]) != "OpusHead" {
			return fmt.Errorf("%w: ogg-opus: first packet is not OpusHead", ErrMalformed)
		}
		h, err := parseOpusHead(p)
		if err != nil {
			return err
		}
		s.head = h
		s.d.info.Codec, s.d.info.SampleRate, s.d.info.Channels = "opus", opusRate, h.channels
		if s.dec, err = opus.NewDecoderWithOutput(opusDecodeRate, h.streams); err != nil {
			return fmt.Errorf("%w: ogg-opus: %v", ErrUnsupported, err)
		}
		if s.rs, err = NewResampler(opusDecodeRate, OutputRate); err != nil {
			return err
		}
		s.pcm = make([]float32, opusMaxFrame*h.streams)
		s.mono = make([]int16, 0, opusMaxFrame)
		return nil
	case 1:
		return nil // OpusTags: metadata only
	}
	if len(p) == 0 {
		return nil // RFC 7845 allows empty packets; they carry no audio
	}
	frames, err := s.decodePacket(p)
	if err != nil {
		return fmt.Errorf("%w: ogg-opus: packet %d: %v", ErrMalformed, n, err)
	}
	start := s.decoded
	s.decoded += int64(frames)
	if err := s.d.tooLong(s.decoded-int64(s.head.preSkip), opusRate); err != nil {
		return err
	}
	// Keep [preSkip, endGranule) of the stream's 48 kHz timeline.
	lo, hi := max(int64(s.head.preSkip)-start, 0), int64(frames)
	if s.endGranule >= 0 {
		hi = min(hi, s.endGranule-start)
	}
	if lo >= hi {
		return nil
	}
	pcm := s.pcm[int(lo)*s.head.streams : int(hi)*s.head.streams]
	if s.head.gain != 1 {
		for i := range pcm {
			pcm[i] *= s.head.gain
		}
	}
	s.mono = MixFloat32(s.mono[:0], pcm, s.head.streams)
	s.out = s.rs.Process(s.mono, s.d.reserve(s.out, len(s.mono)*OutputRate/opusDecodeRate+2))
	return nil
}

// decodePacket decodes into s.pcm and returns samples per channel, turning a
// panic in the decoder (hostile input) into an error.
func (s *opusStream) decodePacket(p []byte) (n int, err error) {
	defer func() {
		if r := recover(); r != nil {
			n, err = 0, fmt.Errorf("decoder panic: %v", r)
		}
	}()
	n, err = s.dec.DecodeToFloat32(p, s.pcm)
	if err == nil && (n < 0 || n > opusMaxFrame) {
		err = fmt.Errorf("decoder returned %d samples", n)
	}
	return n, err
}

// finish flushes the resampler.
func (s *opusStream) finish() []int16 {
	if s.rs == nil {
		return nil
	}
	return s.rs.Flush(s.d.reserve(s.out, s.rs.taps))
}
