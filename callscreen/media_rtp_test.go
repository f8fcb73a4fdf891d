package callscreen

import (
	"encoding/binary"
	"slices"
	"testing"

	"github.com/pion/rtp"
)

func TestJitterBuffer(t *testing.T) {
	tests := []struct {
		name string
		in   []uint16
		want []uint16
		lost uint64
	}{
		{"in order", []uint16{1, 2, 3, 4}, []uint16{1, 2, 3, 4}, 0},
		{"swap", []uint16{1, 3, 2, 4}, []uint16{1, 2, 3, 4}, 0},
		{"duplicate", []uint16{1, 2, 2, 3}, []uint16{1, 2, 3}, 0},
		{"late after skip", []uint16{1, 3, 4, 5, 6, 2, 7}, []uint16{1, 3, 4, 5, 6, 7}, 1},
		{"reorder within depth", []uint16{1, 4, 3, 2, 5}, []uint16{1, 2, 3, 4, 5}, 0},
		{"wrap", []uint16{65534, 65535, 0, 1}, []uint16{65534, 65535, 0, 1}, 0},
		{"wrap with swap", []uint16{65534, 0, 65535, 1}, []uint16{65534, 65535, 0, 1}, 0},
		{"burst loss", []uint16{1, 2, 30, 31}, []uint16{1, 2, 30, 31}, 27},
		{"new stream", []uint16{1, 2, 5000, 5001}, []uint16{1, 2, 5000, 5001}, 0},
		{"old packet after start", []uint16{10, 9, 11}, []uint16{10, 11}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var jb jitterBuffer
			var got []uint16
			emit := func(p *jbPacket) { got = append(got, p.seq) }
			for _, s := range tc.in {
				jb.push(&rtp.Packet{Header: rtp.Header{SequenceNumber: s, Timestamp: uint32(s) * 960}, Payload: []byte{1}}, emit)
			}
			jb.flush(emit)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
			if jb.lost != tc.lost {
				t.Errorf("lost %d, want %d", jb.lost, tc.lost)
			}
		})
	}
}

// TestDecoderFillsGaps: a lost packet becomes silence of its duration, so
// the recogniser's clock stays the call's clock; a forged timestamp jump is
// capped.
func TestDecoderFillsGaps(t *testing.T) {
	d, err := newAudioDecoder(codecPCMU, 0)
	if err != nil {
		t.Fatal(err)
	}
	payload := make([]byte, 160) // 20 ms at 8 kHz
	var out []int16
	out, _ = d.decode(&jbPacket{pt: 0, ts: 0, payload: payload}, out)
	n1 := len(out)
	out, _ = d.decode(&jbPacket{pt: 0, ts: 320, payload: payload}, out) // one packet (160) missing
	if got := len(out) - n1; got < 2*320-40 || got > 2*320+40 {
		t.Errorf("after a gap of one packet: %d samples, want ≈640", got)
	}
	before := len(out)
	out, _ = d.decode(&jbPacket{pt: 0, ts: 320 + 160 + 8000*3600, payload: payload}, out)
	if got := len(out) - before; got > maxGapSeconds*16000+400 {
		t.Errorf("an hour-long forged gap produced %d samples", got)
	}
	if _, err := d.decode(&jbPacket{pt: 13, ts: 0, payload: payload}, nil); err == nil {
		t.Error("comfort noise payload type decoded as audio")
	}
}

// fuzzPackets splits fuzz input into RTP packets: 2-byte big-endian length
// prefixes, as many as fit.
func fuzzPackets(data []byte) [][]byte {
	var out [][]byte
	for len(data) >= 2 && len(out) < 256 {
		n := int(binary.BigEndian.Uint16(data))
		data = data[2:]
		n = min(n, len(data))
		out = append(out, data[:n])
		data = data[n:]
	}
	return out
}

// FuzzJitter drives the RTP entry point of a track (parse, reorder buffer,
// Opus or G.711 decode, gap filling) with arbitrary packets: it must never
// panic, and never produce more audio than the gap cap allows per packet.
func FuzzJitter(f *testing.F) {
	pkt := func(seq uint16, ts uint32, pt uint8, payload []byte) []byte {
		b, _ := (&rtp.Packet{Header: rtp.Header{Version: 2, PayloadType: pt, SequenceNumber: seq, Timestamp: ts}, Payload: payload}).Marshal()
		return b
	}
	join := func(ps ...[]byte) []byte {
		var out []byte
		for _, p := range ps {
			out = binary.BigEndian.AppendUint16(out, uint16(len(p)))
			out = append(out, p...)
		}
		return out
	}
	silk := []byte{0x08, 0x0b, 0xe4, 0x65, 0x3c, 0x44, 0x8a} // a SILK NB 10 ms TOC + bytes
	f.Add(join(pkt(1, 0, 111, silk), pkt(3, 1920, 111, silk), pkt(2, 960, 111, silk)))
	f.Add(join(pkt(65535, 0, 111, []byte{0xfc}), pkt(0, 960, 111, []byte{0xff, 0xff, 0xff})))
	f.Add(join(pkt(1, 0, 0, make([]byte, 160)), pkt(2, 0xffffff00, 0, make([]byte, 160))))
	f.Add(join([]byte{0x80}, []byte{0xa0, 0x6f, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0xff}))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, kind := range []codecKind{codecOpus, codecPCMU} {
			pt := uint8(111)
			if kind == codecPCMU {
				pt = 0
			}
			tp, err := newTrackPipeline(kind, pt)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range fuzzPackets(data) {
				pcm := tp.handle(p)
				// Per packet at most (depth+1) packets of audio, each at
				// most 120 ms, plus a capped gap before each.
				if limit := (jitterDepth + jitterSlots) * (maxGapSeconds*16000 + maxOpusSamples); len(pcm) > limit {
					t.Fatalf("one packet produced %d samples", len(pcm))
				}
			}
			tp.flush()
		}
	})
}

// FuzzOffer: parseOffer never panics, and what it accepts has 1..2
// labelled audio m-lines.
func FuzzOffer(f *testing.F) {
	f.Add([]byte("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=msid:callee-stream track\r\na=rtpmap:111 opus/48000/2\r\n"))
	f.Add([]byte("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:a\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:b\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:c\r\n"))
	f.Add([]byte("v=0\r\nm=audio 0 RTP/AVP 0\r\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, b []byte) {
		info, err := parseOffer(b)
		if err != nil {
			return
		}
		if n := len(info.audioMids); n < 1 || n > maxAudioTracksPerCall {
			t.Fatalf("accepted %d audio m-lines", n)
		}
		for _, mid := range info.audioMids {
			if l := info.labels[mid]; l != "caller" && l != "callee" {
				t.Fatalf("mid %q labelled %q", mid, l)
			}
		}
	})
}

func TestParseOfferLabels(t *testing.T) {
	const head = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
	m := func(mid, msid string) string {
		s := "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:" + mid + "\r\n"
		if msid != "" {
			s += "a=msid:" + msid + "\r\n"
		}
		return s
	}
	tests := []struct {
		name, sdp string
		want      map[string]string
	}{
		{"one track is the caller", head + m("0", "stream t"), map[string]string{"0": "caller"}},
		{"second is the callee", head + m("0", "") + m("1", ""), map[string]string{"0": "caller", "1": "callee"}},
		{"named overrides position", head + m("0", "my-callee-mic t") + m("1", "phone-caller t"), map[string]string{"0": "callee", "1": "caller"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			info, err := parseOffer([]byte(tc.sdp))
			if err != nil {
				t.Fatal(err)
			}
			for mid, want := range tc.want {
				if info.labels[mid] != want {
					t.Errorf("mid %s: %q, want %q", mid, info.labels[mid], want)
				}
			}
		})
	}
}
