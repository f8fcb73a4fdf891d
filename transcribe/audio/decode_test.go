package audio

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestDecodeCompressed encodes the flite speech with lame and opusenc and
// checks the decodings correlate with the reference after the codec delay.
func TestDecodeCompressed(t *testing.T) {
	needTools(t, "sox", "lame", "opusenc")
	ref := speechWAV(t)
	refPCM, _ := decodeFile(t, ref)
	dir := t.TempDir()
	tests := []struct {
		name    string
		tool    string
		args    []string // input and output paths are appended
		format  string
		rate    int
		ch      int
		maxLag  int
		minCorr float64
	}{
		{"mp3 32k mono 16kHz", "lame", []string{"--quiet", "-b", "32"}, "mp3", 16000, 1, 2000, 0.98},
		{"mp3 with ID3v2", "lame", []string{"--quiet", "-b", "32", "--id3v2-only", "--tt", "voicemail", "--tc", strings.Repeat("x", 3000)}, "mp3", 16000, 1, 2000, 0.98},
		{"mp3 64k stereo 44.1kHz", "sox-lame", []string{"-r", "44100", "-c", "2"}, "mp3", 44100, 2, 2000, 0.98},
		{"opus 16k", "opusenc", []string{"--quiet", "--bitrate", "16"}, "ogg-opus", 48000, 1, 50, 0.93},
		{"opus 32k stereo", "sox-opusenc", []string{"-c", "2"}, "ogg-opus", 48000, 2, 50, 0.95},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := ref
			if pre, tool, ok := strings.Cut(tt.tool, "-"); ok && pre == "sox" {
				// Convert the layout with sox first, then encode.
				src = filepath.Join(dir, "pre"+string(rune('a'+i))+".wav")
				run(t, "sox", append(append([]string{ref}, tt.args...), src)...)
				tt.tool, tt.args = tool, []string{"--quiet"}
			}
			out := filepath.Join(dir, "enc"+string(rune('a'+i)))
			run(t, tt.tool, append(tt.args, src, out)...)
			got, info := decodeFile(t, out)
			if info.Format != tt.format || info.SampleRate != tt.rate || info.Channels != tt.ch {
				t.Errorf("info = %+v, want %s %d Hz %d ch", info, tt.format, tt.rate, tt.ch)
			}
			lag, corr, snr := similarity(refPCM, got, tt.maxLag)
			t.Logf("lag %d, corr %.4f, SNR %.1f dB, %d samples vs %d", lag, corr, snr, len(got), len(refPCM))
			if corr < tt.minCorr {
				t.Errorf("correlation %.4f < %.2f", corr, tt.minCorr)
			}
		})
	}
}

// genReader yields a header followed by n pseudo-random bytes without
// holding them in memory, standing in for a huge upload.
type genReader struct {
	head []byte
	n    int64
	rng  *rand.PCG
}

func newGenReader(head []byte, n int64) *genReader {
	return &genReader{head: head, n: n, rng: rand.NewPCG(7, 9)}
}

func (g *genReader) Read(p []byte) (int, error) {
	if len(g.head) > 0 {
		n := copy(p, g.head)
		g.head = g.head[n:]
		return n, nil
	}
	if g.n <= 0 {
		return 0, io.EOF
	}
	p = p[:min(int64(len(p)), g.n)]
	for i := range p {
		p[i] = byte(g.rng.Uint64() >> 56 & 0x3F) // quiet noise keeps int16 small
	}
	g.n -= int64(len(p))
	return len(p), nil
}

// fmtChunk builds a fmt chunk with arbitrary (possibly inconsistent) fields.
func fmtChunk(tag, channels uint16, rate uint32, blockAlign, bits uint16) []byte {
	b := make([]byte, 16)
	binary.LittleEndian.PutUint16(b[0:], tag)
	binary.LittleEndian.PutUint16(b[2:], channels)
	binary.LittleEndian.PutUint32(b[4:], rate)
	binary.LittleEndian.PutUint32(b[8:], rate*uint32(blockAlign))
	binary.LittleEndian.PutUint16(b[12:], blockAlign)
	binary.LittleEndian.PutUint16(b[14:], bits)
	return chunk("fmt ", b)
}

func riff(chunks ...[]byte) []byte {
	b := []byte("RIFF\x00\x00\x00\x00WAVE")
	for _, c := range chunks {
		b = append(b, c...)
	}
	return b
}

// hostileCase is one TestDecodeHostile input; want is nil when it decodes.
type hostileCase struct {
	name string
	in   io.Reader
	lim  Limits
	want error
}

// TestDecodeHostile feeds malformed and oversized inputs to the native
// decoders; each must fail with the right sentinel, quickly, without large
// allocations. TestFFmpegHostile sends the same inputs on to ffmpeg.
func TestDecodeHostile(t *testing.T) {
	for _, tt := range hostileCases() {
		t.Run(tt.name, func(t *testing.T) {
			tt.lim.NoFFmpeg = true
			checkHostile(t, tt)
		})
	}
}

// hostileCases builds the TestDecodeHostile inputs afresh (some readers
// are consumed).
func hostileCases() []hostileCase {
	hundred := bytes.Repeat([]byte{1, 2}, 50)
	data4G := append([]byte("data\xf0\xff\xff\xff"), hundred...)
	garbage := make([]byte, 4096)
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range garbage {
		garbage[i] = byte(rng.Uint32())
	}
	small := Limits{MaxBytes: 1 << 20, MaxDuration: time.Minute}
	return []hostileCase{
		{"4 GB data claim, 100 bytes", bytes.NewReader(riff(fmtChunk(1, 1, 16000, 2, 16), data4G)), DefaultLimits(), nil},
		{"0 channels", bytes.NewReader(riff(fmtChunk(1, 0, 16000, 2, 16), data4G)), DefaultLimits(), ErrMalformed},
		{"0 rate", bytes.NewReader(riff(fmtChunk(1, 1, 0, 2, 16), data4G)), DefaultLimits(), ErrMalformed},
		{"65535 channels", bytes.NewReader(riff(fmtChunk(1, 65535, 16000, 65535, 16), data4G)), DefaultLimits(), ErrUnsupported},
		{"rate 4 GHz", bytes.NewReader(riff(fmtChunk(1, 1, 0xFFFFFFFF, 2, 16), data4G)), DefaultLimits(), ErrUnsupported},
		{"block align mismatch", bytes.NewReader(riff(fmtChunk(1, 2, 16000, 2, 16), data4G)), DefaultLimits(), ErrMalformed},
		{"block align 0", bytes.NewReader(riff(fmtChunk(1, 1, 16000, 0, 16), data4G)), DefaultLimits(), ErrMalformed},
		{"0 bits", bytes.NewReader(riff(fmtChunk(1, 1, 16000, 2, 0), data4G)), DefaultLimits(), ErrMalformed},
		{"12-bit float", bytes.NewReader(riff(fmtChunk(3, 1, 16000, 2, 12), data4G)), DefaultLimits(), ErrUnsupported},
		{"GSM 6.10", bytes.NewReader(riff(fmtChunk(0x31, 1, 8000, 65, 0), data4G)), DefaultLimits(), ErrUnsupported},
		{"GSM 6.10 with bits", bytes.NewReader(riff(fmtChunk(0x31, 1, 8000, 65, 4), data4G)), DefaultLimits(), ErrUnsupported},
		{"fmt chunk 4 GB", bytes.NewReader(riff([]byte("fmt \xff\xff\xff\xff"), fmtChunk(1, 1, 16000, 2, 16)[8:], data4G)), DefaultLimits(), ErrMalformed},
		{"fmt chunk too short", bytes.NewReader(riff(chunk("fmt ", make([]byte, 8)), data4G)), DefaultLimits(), ErrMalformed},
		{"LIST chunk size overflow", bytes.NewReader(riff(fmtChunk(1, 1, 16000, 2, 16), []byte("LIST\xfe\xff\xff\xff"), data4G)), DefaultLimits(), ErrMalformed},
		{"data before fmt", bytes.NewReader(riff(data4G)), DefaultLimits(), ErrMalformed},
		{"no data chunk", bytes.NewReader(riff(fmtChunk(1, 1, 16000, 2, 16))), DefaultLimits(), ErrMalformed},
		{"data claimed, none present", bytes.NewReader(riff(fmtChunk(1, 1, 16000, 2, 16), []byte("data\x10\x00\x00\x00"))), DefaultLimits(), ErrMalformed},
		{"empty streamed data", bytes.NewReader(riff(fmtChunk(1, 1, 16000, 2, 16), []byte("data\x00\x00\x00\x00"))), DefaultLimits(), ErrEmpty},
		{"truncated header", bytes.NewReader([]byte("RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00")), DefaultLimits(), ErrMalformed},
		{"truncated chunk header", bytes.NewReader(riff([]byte("fmt"))), DefaultLimits(), ErrMalformed},
		{"empty input", bytes.NewReader(nil), DefaultLimits(), ErrEmpty},
		{"random garbage", bytes.NewReader(garbage), DefaultLimits(), ErrUnsupported},
		{"FLAC", strings.NewReader("fLaC\x00\x00\x00\x22"), DefaultLimits(), ErrUnsupported},
		{"RIFF AVI", strings.NewReader("RIFF\x00\x00\x00\x00AVI LIST"), DefaultLimits(), ErrUnsupported},
		{"ID3 tag claiming 256 MB", strings.NewReader("ID3\x04\x00\x00\x7f\x7f\x7f\x7f" + "xyz"), DefaultLimits(), ErrMalformed},
		{"ID3 then nothing", strings.NewReader("ID3\x04\x00\x00\x00\x00\x00\x02ab"), DefaultLimits(), ErrMalformed},
		{"ID3 then FLAC", strings.NewReader("ID3\x04\x00\x00\x00\x00\x00\x02abfLaC\x00\x00\x00\x22"), DefaultLimits(), ErrUnsupported},
		{"MP3 sync then garbage", bytes.NewReader(append([]byte{0xFF, 0xFB, 0x90, 0x64}, garbage...)), DefaultLimits(), ErrMalformed},
		{"MPEG 2.5", bytes.NewReader(append([]byte{0xFF, 0xE3, 0x18, 0xC4}, garbage...)), DefaultLimits(), ErrUnsupported},
		{"Ogg garbage", bytes.NewReader(append([]byte("OggS"), garbage...)), DefaultLimits(), ErrMalformed},
		{"Ogg Vorbis", bytes.NewReader(oggPageBytes(oggFlagBOS, 0, 1, [][]byte{[]byte("\x01vorbis\x00\x00\x00\x00\x01")})), DefaultLimits(), ErrUnsupported},
		{"Ogg OpusHead 0 channels", bytes.NewReader(oggPageBytes(oggFlagBOS, 0, 1, [][]byte{opusHeadBytes(0, 0)})), DefaultLimits(), ErrMalformed},
		{"Ogg multistream", bytes.NewReader(oggPageBytes(oggFlagBOS, 0, 1, [][]byte{append(opusHeadBytes(6, 1), 4, 2, 0, 1, 2, 3, 4, 5)})), DefaultLimits(), ErrUnsupported},
		{"Ogg head only", bytes.NewReader(oggPageBytes(oggFlagBOS, 0, 1, [][]byte{opusHeadBytes(1, 0)})), DefaultLimits(), ErrEmpty},
		{"2 GB upload", newGenReader(wavBytes(1, 8, 48000, 32, 32, 0xFFFFFFFF, nil), 2<<30), DefaultLimits(), ErrTooLarge},
		{"2 GB garbage", newGenReader(nil, 2<<30), DefaultLimits(), ErrUnsupported},
		{"11 min at 4 kHz", newGenReader(wavBytes(1, 1, 4000, 1, 8, 0xFFFFFFFF, nil), 11*60*4000), Limits{MaxDuration: 10 * time.Minute / testScale}, ErrTooLong},
		{"over small byte limit", newGenReader(wavBytes(1, 1, 16000, 2, 16, 0, nil), 2<<20), small, ErrTooLarge},
		{"exactly at byte limit", newGenReader(wavBytes(1, 1, 16000, 2, 16, 0, nil), small.MaxBytes-44), small, nil},
		{"over duration limit", newGenReader(wavBytes(7, 1, 8000, 1, 8, 0, nil), 61*8000), small, ErrTooLong},
	}
}

// checkHostile decodes one hostile case and checks the error, the time
// taken and the memory allocated.
func checkHostile(t *testing.T, tt hostileCase) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	pcm, _, err := Decode(context.Background(), tt.in, "application/octet-stream", tt.lim)
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("err=%v, %d samples, %v, %d KiB allocated", err, len(pcm), elapsed.Round(time.Millisecond), alloc>>10)
	switch {
	case tt.want == nil && err != nil:
		t.Fatalf("unexpected error %v", err)
	case tt.want != nil && !errors.Is(err, tt.want):
		t.Fatalf("error %v, want %v", err, tt.want)
	}
	if err != nil && !strings.HasPrefix(err.Error(), "audio: ") {
		t.Errorf("error %q lacks the audio: prefix", err)
	}
	// Cumulative allocation (not just the peak) is bounded: the
	// 4 GB claim must not be believed, and small hostile inputs
	// cost only buffers and resampler tables. Inputs that really
	// run up to a limit may use what the limit allows.
	maxAlloc, ok := bigAllocs[tt.name]
	if !ok {
		maxAlloc = 4 << 20
	}
	if alloc > maxAlloc {
		t.Errorf("allocated %d KiB, want ≤ %d KiB", alloc>>10, maxAlloc>>10)
	}
	if elapsed > 20*time.Second {
		t.Errorf("took %v", elapsed)
	}
}

// testScale shortens the long-recording case under the race detector, which
// slows the FIR loop about 50×; the limit logic is the same at any scale.
var testScale = time.Duration(1)

// bigAllocs are the TestDecodeHostile cases that legitimately decode up to
// a limit, with their allocation budgets: 10 minutes at 16 kHz is 19 MB of
// output, grown in steps.
var bigAllocs = map[string]uint64{
	"2 GB upload":           48 << 20,
	"11 min at 4 kHz":       64 << 20,
	"over small byte limit": 16 << 20,
	"exactly at byte limit": 16 << 20,
	"over duration limit":   16 << 20,
}

// TestDecodeContext checks cancellation before and during a decode.
func TestDecodeContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := Decode(ctx, bytes.NewReader(wavBytes(1, 1, 16000, 2, 16, 0, make([]byte, 100))), "", DefaultLimits())
	if !errors.Is(err, context.Canceled) {
		t.Errorf("pre-cancelled: %v", err)
	}

	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	r := &cancelAfter{r: newGenReader(wavBytes(1, 1, 16000, 2, 16, 0, nil), 10<<20), n: 1 << 20, cancel: cancel}
	_, _, err = Decode(ctx, r, "", DefaultLimits())
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled mid-decode: %v", err)
	}

	ctx, cancel = context.WithTimeout(context.Background(), time.Nanosecond)
	defer cancel()
	time.Sleep(time.Millisecond)
	if _, _, err = Decode(ctx, bytes.NewReader(nil), "", DefaultLimits()); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("deadline: %v", err)
	}
}

// cancelAfter cancels its context once n bytes have been read, simulating a
// decode deadline expiring mid-file.
type cancelAfter struct {
	r      io.Reader
	n      int
	cancel func()
}

func (c *cancelAfter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if c.n -= n; c.n <= 0 {
		c.cancel()
	}
	return n, err
}

// oggPageBytes builds one Ogg page holding the given complete packets.
func oggPageBytes(flags byte, granule int64, serial uint32, packets [][]byte) []byte {
	var lacing, payload []byte
	for _, p := range packets {
		n := len(p)
		for ; n >= 255; n -= 255 {
			lacing = append(lacing, 255)
		}
		lacing = append(lacing, byte(n))
		payload = append(payload, p...)
	}
	h := make([]byte, 27)
	copy(h, "OggS")
	h[5] = flags
	binary.LittleEndian.PutUint64(h[6:], uint64(granule))
	binary.LittleEndian.PutUint32(h[14:], serial)
	h[26] = byte(len(lacing))
	page := append(append(h, lacing...), payload...)
	binary.LittleEndian.PutUint32(page[22:], oggCRC(0, page))
	return page
}

// opusHeadBytes builds an OpusHead packet for the given channel count and
// mapping family (the family's table is appended by the caller).
func opusHeadBytes(channels, family byte) []byte {
	return []byte{'O', 'p', 'u', 's', 'H', 'e', 'a', 'd', 1, channels, 0x38, 1, 0x80, 0x3E, 0, 0, 0, 0, family}
}

// BenchmarkDecode60s measures file decoding: 60 s of 44.1 kHz stereo WAV
// and of MP3 (the flite speech looped), reported as x real time.
func BenchmarkDecode60s(b *testing.B) {
	needTools(b, "sox", "lame")
	ref := speechWAV(b)
	dir := b.TempDir()
	long := filepath.Join(dir, "long.wav")
	run(b, "sox", ref, "-r", "44100", "-c", "2", long, "repeat", "9", "trim", "0", "60")
	mp3 := filepath.Join(dir, "long.mp3")
	run(b, "lame", "--quiet", "-b", "64", long, mp3)
	for _, path := range []string{long, mp3} {
		b.Run(filepath.Ext(path)[1:], func(b *testing.B) {
			data := readFile(b, path)
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, _, err := Decode(context.Background(), bytes.NewReader(data), "", DefaultLimits()); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)*60/b.Elapsed().Seconds(), "x-realtime")
		})
	}
}
