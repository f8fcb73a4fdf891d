package audio

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"testing"
	"time"
)

// fuzzLimits keep each fuzz execution small and fast; the fuzz targets
// exercise the native decoders and the sniffing, never an ffmpeg process.
var fuzzLimits = Limits{MaxBytes: 1 << 20, MaxDuration: 20 * time.Second, NoFFmpeg: true}

// checkDecode runs Decode and checks the invariants every input must
// satisfy: no panic, output within the duration limit, and errors that are
// one of the sentinels.
func checkDecode(t *testing.T, data []byte) {
	pcm, info, err := Decode(context.Background(), bytes.NewReader(data), "", fuzzLimits)
	if err != nil {
		for _, s := range []error{ErrTooLarge, ErrTooLong, ErrUnsupported, ErrMalformed, ErrEmpty} {
			if errors.Is(err, s) {
				return
			}
		}
		t.Fatalf("error %v wraps no sentinel", err)
	}
	if len(pcm) == 0 {
		t.Fatal("success with no samples")
	}
	if max := int(fuzzLimits.MaxDuration.Seconds())*OutputRate + 64; len(pcm) > max {
		t.Fatalf("%d samples exceed the duration limit (%d)", len(pcm), max)
	}
	if info.Format == "" || info.Codec == "" || info.SampleRate <= 0 || info.Channels <= 0 {
		t.Fatalf("incomplete info %+v", info)
	}
}

// FuzzDecode feeds arbitrary bytes to Decode. Seeds (testdata/fuzz/FuzzDecode)
// are prefixes of the fixtures and hand-made hostile headers.
func FuzzDecode(f *testing.F) {
	f.Add(wavBytes(1, 2, 8000, 4, 16, 0, make([]byte, 64)))
	f.Add(wavBytes(3, 1, 44100, 8, 64, 16, make([]byte, 16)))
	f.Add(riff(fmtChunk(1, 1, 16000, 2, 16), []byte("LIST\x03\x00\x00\x00abc\x00data\xff\xff\xff\xff\x01\x02")))
	// Headers of the formats left to ffmpeg, for the sniffing.
	for _, h := range []string{
		"\x00\x00\x00\x1cftypM4A \x00\x00\x02\x00M4A isomiso2",
		"\x00\x00\x00\x18ftyp3gp4\x00\x00\x00\x00isom3gp4",
		"#!AMR\n\x04\xfe\x28\x9f", "#!AMR-WB\n", "fLaC\x00\x00\x00\x22",
		"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm",
		"caff\x00\x01\x00\x00desc", "\x30\x26\xb2\x75\x8e\x66\xcf\x11\xa6\xd9\x00\xaa\x00\x62\xce\x6c",
		"\xff\xf1\x50\x80\x02\x1f\xfc",
	} {
		f.Add([]byte(h))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDecode(t, data)
	})
}

// FuzzOgg wraps fuzzed Opus packets in well-formed Ogg pages (valid
// checksums), so the fuzzer reaches the Opus decoder instead of stopping at
// the page CRC. head varies the OpusHead fields.
func FuzzOgg(f *testing.F) {
	f.Add(byte(1), uint16(312), byte(0), []byte{0xF8, 0xFF, 0xFE}, []byte{0x08, 0x0B, 0xE4, 0xC1, 0x36})
	f.Add(byte(2), uint16(0), byte(0), []byte{0xFC, 0x01, 0x02}, []byte{0x7B, 0x03, 0x10, 0x20})
	f.Add(byte(1), uint16(3840), byte(1), []byte{0x48}, []byte{0x4B, 0x41, 0x00})
	f.Fuzz(func(t *testing.T, channels byte, preSkip uint16, family byte, p1, p2 []byte) {
		head := opusHeadBytes(channels, family)
		binary.LittleEndian.PutUint16(head[10:], preSkip)
		if family != 0 {
			head = append(head, 1, channels/2)
			for i := range channels {
				head = append(head, i)
			}
		}
		var in []byte
		in = append(in, oggPageBytes(oggFlagBOS, 0, 5, [][]byte{head})...)
		in = append(in, oggPageBytes(0, 0, 5, [][]byte{[]byte("OpusTags\x00\x00\x00\x00\x00\x00\x00\x00")})...)
		in = append(in, oggPageBytes(0, 960, 5, [][]byte{p1, p2})...)
		in = append(in, oggPageBytes(oggFlagEOS, 1920, 5, [][]byte{p2, p1})...)
		checkDecode(t, in)
	})
}
