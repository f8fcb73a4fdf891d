package callscreen

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pion/opus"
	"github.com/pion/rtp"

	"github.com/callscreen/callscreen/transcribe"
	"github.com/callscreen/callscreen/transcribe/audio"
)

// RTP handling for one audio track: a small reorder buffer keyed by RTP
// sequence number, then a decoder to 16 kHz mono that fills gaps (loss,
// DTX) with silence of the missing duration, so the recogniser's clock
// stays the call's clock.

const (
	// jitterDepth is how many packets may arrive after a missing one before
	// it is given up: 3 × 20 ms = 60 ms of reordering tolerated.
	jitterDepth = 3
	// jitterSlots bounds the buffer whatever the input (power of two).
	jitterSlots = 16
	// maxRTPPayload: an Opus packet is at most 1275 bytes per frame, 120 ms;
	// anything bigger than a UDP datagram is malformed.
	maxRTPPayload = 1500
	// seqResetDistance: a jump this far ahead is a new stream (sender
	// restart, SSRC change), not loss: resynchronise.
	seqResetDistance = 1000
	// maxGapSeconds caps the silence inserted for one gap, so a forged
	// timestamp cannot make us feed hours of silence to the recogniser.
	maxGapSeconds = 2
	// maxOpusSamples is 120 ms at 48 kHz stereo, the largest Opus packet.
	maxOpusSamples = 5760 * 2
)

type jbPacket struct {
	seq     uint16
	ts      uint32
	pt      uint8
	payload []byte
	used    bool
}

// jitterBuffer reorders packets by sequence number. It releases packets in
// order as soon as they are contiguous; when more than jitterDepth packets
// are waiting behind a hole, the hole is declared lost and skipped. Late
// and duplicate packets are dropped. It never allocates per packet after
// warm-up: payloads are copied into per-slot buffers.
type jitterBuffer struct {
	started bool
	next    uint16
	waiting int
	slots   [jitterSlots]jbPacket

	late, lost, dup uint64 // counters for logs
}

// push adds a packet and calls emit for every packet now in order.
func (j *jitterBuffer) push(p *rtp.Packet, emit func(*jbPacket)) {
	if !j.started {
		j.started, j.next = true, p.SequenceNumber
	}
	d := int16(p.SequenceNumber - j.next)
	switch {
	case d < 0:
		j.late++
		return
	case int(d) >= seqResetDistance || int(d) >= jitterSlots:
		if int(d) >= seqResetDistance {
			// A new stream: release what we hold, then follow the new numbering.
			j.flush(emit)
			j.next = p.SequenceNumber
		} else {
			// Far ahead but plausible (a burst of loss): give up the hole.
			j.flush(emit)
			j.lost += uint64(uint16(p.SequenceNumber - j.next))
			j.next = p.SequenceNumber
		}
	}
	s := &j.slots[p.SequenceNumber%jitterSlots]
	if s.used {
		j.dup++
		return
	}
	s.used, s.seq, s.ts, s.pt = true, p.SequenceNumber, p.Timestamp, p.PayloadType
	s.payload = append(s.payload[:0], p.Payload...)
	j.waiting++
	j.release(emit)
	for j.waiting > jitterDepth {
		// Skip the hole at next: advance to the first held packet.
		for !j.slots[j.next%jitterSlots].used {
			j.next++
			j.lost++
		}
		j.release(emit)
	}
}

func (j *jitterBuffer) release(emit func(*jbPacket)) {
	for {
		s := &j.slots[j.next%jitterSlots]
		if !s.used || s.seq != j.next {
			return
		}
		emit(s)
		s.used = false
		j.waiting--
		j.next++
	}
}

// flush releases everything held, in sequence order, skipping holes.
func (j *jitterBuffer) flush(emit func(*jbPacket)) {
	for n := 0; j.waiting > 0 && n < jitterSlots; n++ {
		if !j.slots[j.next%jitterSlots].used {
			j.next++
			j.lost++
			continue
		}
		j.release(emit)
	}
}

// codecKind is the audio codec of a track.
type codecKind int

const (
	codecOpus codecKind = iota
	codecPCMU
	codecPCMA
)

func codecFromMime(mime string) (codecKind, error) {
	switch strings.ToLower(mime) {
	case "audio/opus":
		return codecOpus, nil
	case "audio/pcmu":
		return codecPCMU, nil
	case "audio/pcma":
		return codecPCMA, nil
	}
	return 0, fmt.Errorf("callscreen: unsupported audio codec %q", mime)
}

// narrowband reports whether the codec carries 8 kHz telephone audio.
func (k codecKind) narrowband() bool { return k != codecOpus }

// audioDecoder turns in-order RTP payloads into 16 kHz mono PCM.
type audioDecoder struct {
	kind   codecKind
	pt     uint8 // the negotiated payload type; others (CN, DTMF) are skipped
	clock  uint32
	opus   opus.Decoder
	rs     *audio.Resampler
	haveTS bool
	nextTS uint32 // RTP timestamp the next packet should carry

	scratch []int16
	narrow  []int16

	decodeErrors uint64
}

func newAudioDecoder(kind codecKind, pt uint8) (*audioDecoder, error) {
	d := &audioDecoder{kind: kind, pt: pt}
	switch kind {
	case codecOpus:
		d.clock = 48000
		// pion/opus decodes straight to 16 kHz mono (its SILK/CELT
		// resamplers), so no resampler of ours is needed.
		dec, err := opus.NewDecoderWithOutput(transcribe.SampleRate, 1)
		if err != nil {
			return nil, fmt.Errorf("callscreen: opus decoder: %w", err)
		}
		d.opus = dec
		d.scratch = make([]int16, maxOpusSamples)
	default:
		d.clock = 8000
		rs, err := audio.NewResampler(8000, transcribe.SampleRate)
		if err != nil {
			return nil, fmt.Errorf("callscreen: resampler: %w", err)
		}
		d.rs = rs
	}
	return d, nil
}

var errForeignPayload = errors.New("callscreen: payload type not negotiated")

// decode appends the PCM for p to out: first silence for any gap between
// the previous packet and this one, then the decoded audio.
func (d *audioDecoder) decode(p *jbPacket, out []int16) ([]int16, error) {
	if p.pt != d.pt {
		return out, errForeignPayload
	}
	if len(p.payload) == 0 || len(p.payload) > maxRTPPayload {
		return out, fmt.Errorf("callscreen: rtp payload of %d bytes", len(p.payload))
	}
	if d.haveTS {
		if gap := int32(p.ts - d.nextTS); gap > 0 {
			gap = min(gap, int32(d.clock)*maxGapSeconds)
			n := int(int64(gap) * transcribe.SampleRate / int64(d.clock))
			out = appendSilence(out, n)
		}
	}
	switch d.kind {
	case codecOpus:
		n, err := d.opus.DecodeToInt16(p.payload, d.scratch)
		if err != nil {
			d.decodeErrors++
			// Leave nextTS alone: the next good packet's gap covers this one.
			return out, fmt.Errorf("callscreen: opus: %w", err)
		}
		n = min(n, len(d.scratch))
		out = append(out, d.scratch[:n]...)
		d.nextTS = p.ts + uint32(n)*(d.clock/transcribe.SampleRate)
	default:
		d.narrow = d.narrow[:0]
		for _, b := range p.payload {
			if d.kind == codecPCMU {
				d.narrow = append(d.narrow, audio.MulawToLinear(b))
			} else {
				d.narrow = append(d.narrow, audio.AlawToLinear(b))
			}
		}
		out = d.rs.Process(d.narrow, out)
		d.nextTS = p.ts + uint32(len(p.payload))
	}
	d.haveTS = true
	return out, nil
}

func appendSilence(out []int16, n int) []int16 {
	for range n {
		out = append(out, 0)
	}
	return out
}

// trackPipeline is everything between a raw RTP packet and PCM for the
// recogniser. handle is the entry point the fuzzer drives: whatever the
// bytes, it must not panic, and its output is bounded per packet.
type trackPipeline struct {
	jb  jitterBuffer
	dec *audioDecoder
	pkt rtp.Packet

	malformed uint64
	pcm       []int16
}

func newTrackPipeline(kind codecKind, pt uint8) (*trackPipeline, error) {
	dec, err := newAudioDecoder(kind, pt)
	if err != nil {
		return nil, err
	}
	return &trackPipeline{dec: dec}, nil
}

// handle parses one RTP packet and returns the PCM that became ready (a
// slice of an internal buffer, valid until the next call).
func (t *trackPipeline) handle(raw []byte) []int16 {
	t.pcm = t.pcm[:0]
	if len(raw) > maxRTPPayload+64 {
		t.malformed++
		return t.pcm
	}
	if err := t.pkt.Unmarshal(raw); err != nil {
		t.malformed++
		return t.pcm
	}
	t.jb.push(&t.pkt, t.emit)
	return t.pcm
}

// flush releases the packets still held (end of the track).
func (t *trackPipeline) flush() []int16 {
	t.pcm = t.pcm[:0]
	t.jb.flush(t.emit)
	if t.dec.rs != nil {
		t.pcm = t.dec.rs.Flush(t.pcm)
	}
	return t.pcm
}

func (t *trackPipeline) emit(p *jbPacket) {
	out, err := t.dec.decode(p, t.pcm)
	if err != nil && !errors.Is(err, errForeignPayload) {
		t.malformed++
	}
	t.pcm = out
}
