package audio

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
)

// TestDecodeWAVVariants converts the same flite speech with sox to every WAV
// encoding Decode supports and checks each decodes to (nearly) the same
// 16 kHz signal as the reference.
func TestDecodeWAVVariants(t *testing.T) {
	needTools(t, "sox")
	ref := speechWAV(t)
	refPCM, refInfo := decodeFile(t, ref)
	if refInfo != (Info{Format: "wav", Codec: "pcm16", SampleRate: 16000, Channels: 1, Duration: refInfo.Duration}) {
		t.Fatalf("reference info = %+v", refInfo)
	}
	dir := t.TempDir()
	// The 8 kHz variants are compared with an 8 kHz 16-bit rendering, since
	// band-limiting alone would dominate a comparison with the original.
	ref8 := filepath.Join(dir, "ref8k.wav")
	run(t, "sox", ref, "-r", "8000", ref8)
	ref8PCM, _ := decodeFile(t, ref8)

	tests := []struct {
		name    string
		soxArgs []string
		codec   string
		rate    int
		ch      int
		vs8k    bool
		minSNR  float64 // dB
	}{
		{"pcm24", []string{"-b", "24"}, "pcm24", 16000, 1, false, 60},
		{"pcm32", []string{"-b", "32"}, "pcm32", 16000, 1, false, 60},
		{"pcm8", []string{"-b", "8"}, "pcm8", 16000, 1, false, 25},
		{"float32", []string{"-e", "floating-point", "-b", "32"}, "float32", 16000, 1, false, 60},
		{"float64", []string{"-e", "floating-point", "-b", "64"}, "float64", 16000, 1, false, 60},
		{"stereo 44.1k", []string{"-c", "2", "-r", "44100"}, "pcm16", 44100, 2, false, 35},
		{"stereo 48k float", []string{"-c", "2", "-r", "48000", "-e", "floating-point"}, "float32", 48000, 2, false, 35},
		{"22.05k", []string{"-r", "22050"}, "pcm16", 22050, 1, false, 35},
		{"6 channels 32k", []string{"-c", "6", "-r", "32000"}, "pcm16", 32000, 6, false, 35},
		{"mulaw 8k", []string{"-r", "8000", "-e", "u-law"}, "mulaw", 8000, 1, true, 30},
		{"alaw 8k", []string{"-r", "8000", "-e", "a-law"}, "alaw", 8000, 1, true, 30},
		{"pcm16 8k stereo", []string{"-r", "8000", "-c", "2"}, "pcm16", 8000, 2, true, 60},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.codec+tt.name+".wav")
			run(t, "sox", append(append([]string{ref}, tt.soxArgs...), path)...)
			got, info := decodeFile(t, path)
			if info.Codec != tt.codec || info.SampleRate != tt.rate || info.Channels != tt.ch || info.Format != "wav" {
				t.Errorf("info = %+v, want codec %s rate %d channels %d", info, tt.codec, tt.rate, tt.ch)
			}
			want := refPCM
			if tt.vs8k {
				want = ref8PCM
			}
			if d := len(got) - len(want); d < -2 || d > 2 {
				t.Errorf("decoded %d samples, reference %d", len(got), len(want))
			}
			lag, corr, snr := similarity(want, got, 8)
			t.Logf("lag %d corr %.5f SNR %.1f dB", lag, corr, snr)
			if lag != 0 || snr < tt.minSNR {
				t.Errorf("lag %d, SNR %.1f dB; want lag 0 and SNR ≥ %.0f dB", lag, snr, tt.minSNR)
			}
		})
	}
}

// TestDecodeFixtures decodes the committed fixtures, so the core formats are
// covered without flite, sox, lame or opusenc.
func TestDecodeFixtures(t *testing.T) {
	ref, refInfo := decodeFile(t, filepath.Join("testdata", "speech8k.wav"))
	if refInfo.Codec != "pcm16" || refInfo.SampleRate != 8000 {
		t.Fatalf("reference fixture info %+v", refInfo)
	}
	tests := []struct {
		file    string
		format  string
		codec   string
		maxLag  int
		minCorr float64
	}{
		{"speech8k-mulaw.wav", "wav", "mulaw", 0, 0.999},
		{"speech8k.mp3", "mp3", "mp3", 2000, 0.9},
		{"speech8k.opus", "ogg-opus", "opus", 400, 0.9},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, info := decodeFile(t, filepath.Join("testdata", tt.file))
			if info.Format != tt.format || info.Codec != tt.codec {
				t.Errorf("info = %+v", info)
			}
			lag, corr, snr := similarity(ref, got, tt.maxLag)
			t.Logf("lag %d corr %.4f SNR %.1f dB, duration %.3f s vs %.3f s", lag, corr, snr, info.Duration, refInfo.Duration)
			if corr < tt.minCorr {
				t.Errorf("correlation %.4f < %.3f", corr, tt.minCorr)
			}
		})
	}
}

// TestWAVStructure covers header layouts sox does not write: RF64, odd
// chunks, streamed sizes, truncation.
func TestWAVStructure(t *testing.T) {
	tone := sine(1600, 16000, 440, 8000)
	data := pcm16Bytes(tone)
	rf64 := func(dataSize uint64) []byte {
		w := wavBytes(1, 1, 16000, 2, 16, 0xFFFFFFFF, data)
		ds64 := make([]byte, 28)
		binary.LittleEndian.PutUint64(ds64[8:], dataSize)
		b := append([]byte("RF64\xff\xff\xff\xffWAVE"), chunk("ds64", ds64)...)
		return append(b, w[12:]...)
	}
	extensible := func(sub []byte) []byte {
		ext := make([]byte, 40)
		binary.LittleEndian.PutUint16(ext[0:], 0xFFFE)
		binary.LittleEndian.PutUint16(ext[2:], 1)
		binary.LittleEndian.PutUint32(ext[4:], 16000)
		binary.LittleEndian.PutUint32(ext[8:], 32000)
		binary.LittleEndian.PutUint16(ext[12:], 2)
		binary.LittleEndian.PutUint16(ext[14:], 16)
		binary.LittleEndian.PutUint16(ext[16:], 22)
		binary.LittleEndian.PutUint16(ext[18:], 16)
		copy(ext[24:], sub)
		b := append([]byte("RIFF\x00\x00\x00\x00WAVE"), chunk("fmt ", ext)...)
		return append(append(b, chunk("data", data)...), chunk("LIST", []byte("odd"))...)
	}
	pcmGUID := append([]byte{1, 0}, extensibleGUIDTail...)
	tests := []struct {
		name  string
		in    []byte
		wantN int // decoded samples
	}{
		{"plain", wavBytes(1, 1, 16000, 2, 16, uint32(len(data)), data), len(tone)},
		{"odd chunks before data", wavBytes(1, 1, 16000, 2, 16, uint32(len(data)), data,
			chunk("LIST", []byte("INFOISFT\x05\x00\x00\x00sox\x00\x00")), chunk("JUNK", []byte("abc")), chunk("bext", make([]byte, 603))), len(tone)},
		{"streamed size 0", wavBytes(1, 1, 16000, 2, 16, 0, data), len(tone)},
		{"streamed size max", wavBytes(1, 1, 16000, 2, 16, 0xFFFFFFFF, data), len(tone)},
		{"truncated data", wavBytes(1, 1, 16000, 2, 16, 1<<20, data), len(tone)},
		{"trailing half frame", wavBytes(1, 1, 16000, 2, 16, 0, append(data[:len(data):len(data)], 7)), len(tone)},
		{"data shorter than file", wavBytes(1, 1, 16000, 2, 16, 1000, data), 500},
		{"rf64", rf64(uint64(len(data))), len(tone)},
		{"rf64 streamed", rf64(0xFFFFFFFFFFFFFFFF), len(tone)},
		{"extensible pcm", extensible(pcmGUID), len(tone)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, info, err := Decode(context.Background(), bytes.NewReader(tt.in), "audio/wav", DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.wantN || info.Codec != "pcm16" {
				t.Fatalf("decoded %d samples (%+v), want %d", len(got), info, tt.wantN)
			}
			if _, corr, _ := similarity(tone[:tt.wantN], got, 0); corr < 0.99999 {
				t.Errorf("correlation with the input tone %.6f", corr)
			}
		})
	}
}

// TestFixturesSmall keeps the committed fixtures within the repository budget.
func TestFixturesSmall(t *testing.T) {
	var total int64
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if fi, err := e.Info(); err == nil && !fi.IsDir() {
			total += fi.Size()
		}
	}
	if total > 50<<10 {
		t.Errorf("testdata fixtures total %d bytes; keep them under 50 KiB", total)
	}
}
