package audio

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// needFFmpeg skips the test when ffmpeg (or another tool) is missing,
// except in CI (CI=true), where it is installed and absence is a bug.
func needFFmpeg(t testing.TB, tools ...string) {
	t.Helper()
	for _, tool := range append([]string{"ffmpeg"}, tools...) {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s not installed in CI (scripts/install-deps): %v", tool, err)
			}
			t.Skipf("%s not installed (apt-get install ffmpeg sox flite): %v", tool, err)
		}
	}
}

// ffmpegFixture describes one recording made from the flite speech.
type ffmpegFixture struct {
	name   string
	file   string   // output file name; its extension picks the muxer
	tool   string   // "ffmpeg" or "sox"
	args   []string // between input and output
	format string   // Info.Format
	codec  string   // Info.Codec
	rate   int      // Info.SampleRate
	// minCorr is the correlation with the reference the decoding must
	// reach (0: not checked; low-rate speech codecs change the waveform).
	minCorr float64
}

var ffmpegFixtures = []ffmpegFixture{
	{"m4a aac", "speech.m4a", "ffmpeg", []string{"-c:a", "aac", "-b:a", "32k"}, "m4a", "aac", 16000, 0.9},
	{"amr-nb 8 kHz", "speech.amr", "sox", []string{"-r", "8000", "-t", "amr-nb", "-C", "7"}, "amr", "amr_nb", 8000, 0},
	{"3gp amr-nb", "speech.3gp", "ffmpeg-remux", []string{"speech.amr"}, "3gp", "amr_nb", 8000, 0},
	{"flac", "speech.flac", "ffmpeg", []string{"-c:a", "flac"}, "flac", "flac", 16000, 0.999},
	{"webm opus", "speech.webm", "ffmpeg", []string{"-c:a", "libopus", "-b:a", "24k"}, "webm", "opus", 48000, 0.9},
	{"mp3 8 kHz (MPEG 2.5)", "speech8k.mp3", "ffmpeg", []string{"-ar", "8000", "-c:a", "libmp3lame", "-b:a", "16k"}, "mp3", "mp3", 8000, 0},
	{"wma", "speech.wma", "ffmpeg", []string{"-c:a", "wmav2", "-b:a", "32k"}, "wma", "wmav2", 16000, 0},
	{"caf alac", "speech.caf", "ffmpeg", []string{"-c:a", "alac"}, "caf", "alac", 16000, 0.999},
	{"ogg vorbis", "speech.ogg", "ffmpeg", []string{"-c:a", "libvorbis", "-q:a", "2"}, "ogg-vorbis", "vorbis", 16000, 0.9},
	{"wav gsm 6.10", "speech-gsm.wav", "ffmpeg", []string{"-ar", "8000", "-c:a", "libgsm_ms"}, "wav", "gsm_ms", 8000, 0},
	{"wav ima adpcm", "speech-adpcm.wav", "ffmpeg", []string{"-c:a", "adpcm_ima_wav"}, "wav", "adpcm_ima_wav", 16000, 0.95},
}

// makeFixture encodes src (a WAV file) as fx into dir and returns the path.
func makeFixture(t testing.TB, dir, src string, fx ffmpegFixture) string {
	t.Helper()
	out := filepath.Join(dir, fx.file)
	switch fx.tool {
	case "sox":
		run(t, "sox", append(append([]string{src}, fx.args...), out)...)
	case "ffmpeg-remux":
		in := filepath.Join(dir, fx.args[0])
		run(t, "ffmpeg", "-nostdin", "-y", "-loglevel", "error", "-i", in, "-c", "copy", out)
	default:
		run(t, "ffmpeg", append(append([]string{"-nostdin", "-y", "-loglevel", "error", "-i", src}, fx.args...), out)...)
	}
	return out
}

// TestFFmpegFormats encodes the flite speech in each format voicemails
// arrive in and checks the fallback decodes it: the right duration (±0.1 s),
// the Info fields, and for the higher-rate codecs the waveform.
func TestFFmpegFormats(t *testing.T) {
	needFFmpeg(t, "sox")
	ref := speechWAV(t)
	refPCM, _ := decodeFile(t, ref)
	refDur := float64(len(refPCM)) / OutputRate
	dir := t.TempDir()
	for _, fx := range ffmpegFixtures {
		t.Run(fx.name, func(t *testing.T) {
			path := makeFixture(t, dir, ref, fx)
			start := time.Now()
			got, info := decodeFile(t, path)
			t.Logf("%s: %d bytes, %+v, decoded in %v", fx.file, len(readFile(t, path)), info, time.Since(start).Round(time.Millisecond))
			if info.Format != fx.format || info.Codec != fx.codec || info.SampleRate != fx.rate || info.Channels != 1 {
				t.Errorf("info = %+v, want %s/%s %d Hz mono", info, fx.format, fx.codec, fx.rate)
			}
			if d := info.Duration - refDur; d < -0.1 || d > 0.1 {
				t.Errorf("duration %.3f s, want %.3f ± 0.1 s", info.Duration, refDur)
			}
			if fx.minCorr > 0 {
				lag, corr, snr := similarity(refPCM, got, 2000)
				t.Logf("lag %d, corr %.4f, SNR %.1f dB", lag, corr, snr)
				if corr < fx.minCorr {
					t.Errorf("correlation %.4f < %.3f", corr, fx.minCorr)
				}
			}
		})
	}
	checkNoFFmpegLeft(t)
}

// TestFFmpegUnavailable: without ffmpeg (or with the fallback off) the
// formats are refused with ErrUnsupported, and the message says what the
// file is and what would screen it. Needs no ffmpeg.
func TestFFmpegUnavailable(t *testing.T) {
	m4a := []byte("\x00\x00\x00\x1cftypM4A \x00\x00\x02\x00M4A isomiso2\x00\x00\x00\x08free")
	mpeg25 := append([]byte{0xFF, 0xE3, 0x18, 0xC4}, make([]byte, 400)...)
	garbage := []byte("this is a text file, not a recording of anything")
	tests := []struct {
		name string
		in   []byte
		want []string // in the message
	}{
		{"m4a", m4a, []string{"M4A/AAC audio (install ffmpeg to screen it)", `content type "audio/x-test"`}},
		{"amr", []byte("#!AMR\n\x3c\x48\xf5\x1f\x96\x66\x79\xe1\xe0\x01\xe7\xcf\xf0"), []string{"AMR audio (install ffmpeg"}},
		{"3gp", []byte("\x00\x00\x00\x18ftyp3gp4\x00\x00\x00\x00isom3gp4"), []string{"3GP audio"}},
		{"flac", []byte("fLaC\x00\x00\x00\x22"), []string{"FLAC audio (install ffmpeg"}},
		{"webm", []byte("\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm"), []string{"WebM audio (install ffmpeg"}},
		{"wma", []byte("\x30\x26\xb2\x75\x8e\x66\xcf\x11\xa6\xd9\x00\xaa\x00\x62\xce\x6c"), []string{"WMA/ASF audio"}},
		{"caf", []byte("caff\x00\x01\x00\x00desc"), []string{"CAF"}},
		{"mpeg 2.5", mpeg25, []string{"MPEG 2.5", "install ffmpeg"}},
		{"garbage", garbage, []string{"unrecognised data"}},
	}
	t.Setenv("PATH", t.TempDir()) // no ffmpeg
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, off := range []bool{false, true} {
				_, _, err := Decode(context.Background(), bytes.NewReader(tt.in), "audio/x-test", Limits{NoFFmpeg: off})
				if !errors.Is(err, ErrUnsupported) {
					t.Fatalf("NoFFmpeg=%v: %v, want ErrUnsupported", off, err)
				}
				want := tt.want
				if off {
					want = []string{strings.Replace(want[0], "(install ffmpeg to screen it)", "(the ffmpeg fallback is disabled)", 1)}
					want[0], _, _ = strings.Cut(want[0], " (install ffmpeg")
				}
				for _, w := range want {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("NoFFmpeg=%v: %q lacks %q", off, err, w)
					}
				}
				if tt.name == "garbage" && strings.Contains(err.Error(), "ffmpeg") {
					t.Errorf("%q offers ffmpeg for unrecognised data", err)
				}
			}
		})
	}
}

// TestFFmpegBroken: truncated or corrupt files of a recognised format fail
// with ErrMalformed quoting ffmpeg, never the temporary file's path;
// unidentifiable data stays ErrUnsupported; video without sound has no
// audio stream.
func TestFFmpegBroken(t *testing.T) {
	needFFmpeg(t)
	ref := speechWAV(t)
	dir := t.TempDir()
	m4a := readFile(t, makeFixture(t, dir, ref, ffmpegFixtures[0]))
	rng := rand.New(rand.NewPCG(5, 6))
	noise := make([]byte, 20000)
	for i := range noise {
		noise[i] = byte(rng.Uint32())
	}
	video := filepath.Join(dir, "video.mp4")
	run(t, "ffmpeg", "-nostdin", "-y", "-loglevel", "error", "-f", "lavfi", "-i", "color=c=blue:s=64x64:d=1", "-c:v", "mpeg4", video)
	tests := []struct {
		name string
		in   []byte
		want error
		msg  []string
	}{
		{"m4a truncated", m4a[:len(m4a)/2], ErrMalformed, []string{"M4A/AAC audio", "moov atom not found"}},
		{"m4a header then garbage", append(append([]byte{}, m4a[:32]...), noise...), ErrMalformed, []string{"M4A/AAC audio: ffmpeg:"}},
		{"m4a header only", m4a[:28], ErrMalformed, []string{"M4A/AAC audio"}},
		{"flac header then garbage", append([]byte("fLaC\x00\x00\x00\x22"), noise...), ErrEmpty, []string{"flac stream decoded to no samples"}},
		{"unidentifiable", noise, ErrUnsupported, []string{"unrecognised data", "ffmpeg: input: Invalid data"}},
		{"text", []byte(strings.Repeat("garbage!", 100)), ErrUnsupported, []string{"unrecognised data"}},
		{"video without sound", readFile(t, video), ErrUnsupported, []string{"MP4 audio has no audio stream"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Decode(context.Background(), bytes.NewReader(tt.in), "", DefaultLimits())
			t.Logf("%v", err)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			for _, m := range tt.msg {
				if !strings.Contains(err.Error(), m) {
					t.Errorf("%q lacks %q", err, m)
				}
			}
			if strings.Contains(err.Error(), os.TempDir()) || strings.Contains(err.Error(), "callscreen-audio-") {
				t.Errorf("%q names the temporary file", err)
			}
		})
	}
	checkNoFFmpegLeft(t)
}

// TestFFmpegTooLong: a 60 s M4A under a 5 s limit fails with ErrTooLong,
// and the output never grows beyond what the limit allows.
func TestFFmpegTooLong(t *testing.T) {
	needFFmpeg(t)
	data := longM4A(t, 60)
	lim := Limits{MaxDuration: 5 * time.Second}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, _, err := Decode(context.Background(), bytes.NewReader(data), "", lim)
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("%v in %v, %d KiB allocated", err, elapsed.Round(time.Millisecond), alloc>>10)
	if !errors.Is(err, ErrTooLong) {
		t.Fatalf("error %v, want ErrTooLong", err)
	}
	// 5 s of 16-bit samples is 160 KB; the output buffer grows to at most
	// that, plus the spool and pipe buffers.
	if alloc > 2<<20 {
		t.Errorf("allocated %d KiB", alloc>>10)
	}
	// Just under the limit decodes.
	pcm, info, err := Decode(context.Background(), bytes.NewReader(data), "", Limits{MaxDuration: 61 * time.Second})
	if err != nil || info.Duration < 59.9 || info.Duration > 60.1 {
		t.Fatalf("61 s limit: %d samples, %+v, %v", len(pcm), info, err)
	}
	checkNoFFmpegLeft(t)
}

var (
	longM4AOnce sync.Once
	longM4AData []byte
)

// longM4A returns secs seconds of the flite speech, looped, as AAC in M4A
// (made once per test binary).
func longM4A(t testing.TB, secs int) []byte {
	t.Helper()
	ref := speechWAV(t)
	longM4AOnce.Do(func() {
		out := filepath.Join(t.TempDir(), "long.m4a")
		run(t, "ffmpeg", "-nostdin", "-y", "-loglevel", "error", "-stream_loop", "-1", "-i", ref,
			"-t", strconv.Itoa(secs), "-ac", "1", "-c:a", "aac", "-b:a", "32k", out)
		longM4AData = readFile(t, out)
	})
	if longM4AData == nil {
		t.Fatal("making the long M4A failed earlier")
	}
	return longM4AData
}

// TestFFmpegCancel: cancelling the caller's context stops the real ffmpeg
// mid-run, and its process is gone when Decode returns.
func TestFFmpegCancel(t *testing.T) {
	needFFmpeg(t)
	data := longM4A(t, 60)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var pid int
	ffmpegStarted = func(p int) { pid = p; cancel() }
	defer func() { ffmpegStarted = nil }()
	start := time.Now()
	_, _, err := Decode(ctx, bytes.NewReader(data), "", DefaultLimits())
	t.Logf("%v after %v", err, time.Since(start).Round(time.Millisecond))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if pid == 0 {
		t.Fatal("ffmpeg never started")
	}
	if alive(pid) {
		t.Errorf("ffmpeg (pid %d) still running", pid)
	}
	checkNoFFmpegLeft(t)
}

// TestFFmpegKillsGroup replaces ffmpeg with a script that starts a child
// and hangs: cancellation must kill both (the process group), and the
// fallback's own deadline must end a run that never finishes.
func TestFFmpegKillsGroup(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("process groups are a unix feature")
	}
	dir := t.TempDir()
	pids := filepath.Join(dir, "pids")
	script := fmt.Sprintf("#!/bin/sh\n/bin/sleep 300 &\necho $$ $! > %s.tmp\n/bin/mv %s.tmp %s\nwait\n", pids, pids, pids)
	if err := os.WriteFile(filepath.Join(dir, "ffmpeg"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	m4a := []byte("\x00\x00\x00\x1cftypM4A \x00\x00\x02\x00M4A isomiso2")
	goroutines := runtime.NumGoroutine()

	readPids := func() (sh, child int) {
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
			if b, err := os.ReadFile(pids); err == nil {
				if _, err := fmt.Sscan(string(b), &sh, &child); err == nil {
					os.Remove(pids)
					return sh, child
				}
			}
		}
		t.Fatal("the fake ffmpeg did not start")
		return 0, 0
	}
	checkGone := func(sh, child int) {
		t.Helper()
		for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline) && (alive(sh) || alive(child)); {
			time.Sleep(10 * time.Millisecond)
		}
		if alive(sh) || alive(child) {
			t.Errorf("left running: script %d (%v), its child %d (%v)", sh, alive(sh), child, alive(child))
		}
	}

	t.Run("cancel", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		errc := make(chan error, 1)
		go func() {
			_, _, err := Decode(ctx, bytes.NewReader(m4a), "", DefaultLimits())
			errc <- err
		}()
		sh, child := readPids()
		cancel()
		select {
		case err := <-errc:
			if !errors.Is(err, context.Canceled) {
				t.Errorf("error %v, want context.Canceled", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("Decode did not return after cancel")
		}
		checkGone(sh, child)
	})

	t.Run("own deadline", func(t *testing.T) {
		old := ffmpegBaseTimeout
		ffmpegBaseTimeout = 300 * time.Millisecond
		defer func() { ffmpegBaseTimeout = old }()
		errc := make(chan error, 1)
		go func() {
			_, _, err := Decode(context.Background(), bytes.NewReader(m4a), "", Limits{MaxDuration: time.Millisecond})
			errc <- err
		}()
		sh, child := readPids()
		select {
		case err := <-errc:
			if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), "did not finish") {
				t.Errorf("error %v, want ErrMalformed: did not finish", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("Decode ignored its deadline")
		}
		checkGone(sh, child)
	})

	// exec's pipe-copying goroutines are gone too.
	for deadline := time.Now().Add(2 * time.Second); runtime.NumGoroutine() > goroutines && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > goroutines {
		t.Errorf("%d goroutines, %d before", n, goroutines)
	}
}

// TestFFmpegHostile sends the TestDecodeHostile inputs on to ffmpeg: those
// the native decoders refuse as unsupported now reach it, and must still
// fail with a sentinel, quickly, without large allocations.
func TestFFmpegHostile(t *testing.T) {
	needFFmpeg(t)
	// What changes when ffmpeg looks at what the native decoders refused.
	changed := map[string]error{
		"65535 channels":     ErrMalformed,
		"rate 4 GHz":         ErrMalformed,
		"12-bit float":       ErrUnsupported,
		"GSM 6.10":           nil, // GSM decodes any bytes
		"GSM 6.10 with bits": nil,
		"FLAC":               ErrMalformed,
		"RIFF AVI":           ErrUnsupported,
		"ID3 then FLAC":      ErrUnsupported,
		"MPEG 2.5":           ErrMalformed,
		"Ogg Vorbis":         ErrMalformed,
		"Ogg multistream":    ErrMalformed,
		"2 GB garbage":       ErrTooLarge, // spooled up to the byte limit
	}
	for _, tt := range hostileCases() {
		t.Run(tt.name, func(t *testing.T) {
			if want, ok := changed[tt.name]; ok {
				tt.want = want
			}
			checkHostile(t, tt)
		})
	}
	checkNoFFmpegLeft(t)
}

// BenchmarkFFmpegM4A60s decodes 60 s of AAC in M4A through ffmpeg.
func BenchmarkFFmpegM4A60s(b *testing.B) {
	needFFmpeg(b)
	data := longM4A(b, 60)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, _, err := Decode(context.Background(), bytes.NewReader(data), "", DefaultLimits()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)*60/b.Elapsed().Seconds(), "x-realtime")
}

// alive reports whether pid runs (a zombie waiting for its parent counts
// as gone).
func alive(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	// pid (comm) state …
	if i := bytes.LastIndexByte(b, ')'); i >= 0 && i+2 < len(b) {
		return b[i+2] != 'Z'
	}
	return true
}

// checkNoFFmpegLeft fails if this process has an ffmpeg child still
// running.
func checkNoFFmpegLeft(t *testing.T) {
	t.Helper()
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return // no procfs: nothing to check with
	}
	me := strconv.Itoa(os.Getpid())
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		i := bytes.LastIndexByte(b, ')')
		if i < 0 || !bytes.Contains(b[:i], []byte("(ffmpeg")) {
			continue
		}
		if f := strings.Fields(string(b[i+1:])); len(f) > 1 && f[1] == me && f[0] != "Z" {
			t.Errorf("ffmpeg child %d still running", pid)
		}
	}
}
