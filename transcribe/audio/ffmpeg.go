package audio

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The ffmpeg fallback. Formats the native decoders do not handle (M4A/AAC,
// AMR and 3GP, FLAC, WebM, WMA, CAF, Ogg Vorbis, MPEG 2.5 MP3, WAV with
// ADPCM or GSM, …) are converted by the ffmpeg program when it is on PATH
// and Limits.NoFFmpeg is false. The input, already capped at
// Limits.MaxBytes, is written to a private temporary file (MP4 needs to
// seek), ffmpeg writes 16 kHz mono s16le to a pipe, and the output is cut
// off at Limits.MaxDuration.

// ffmpegFormats are the demuxers ffmpeg may use on an upload (its
// -format_whitelist): the audio containers voicemails arrive in. Playlists
// and concatenation lists (hls, concat, …), which open further files or
// URLs, are deliberately absent, as is every format ffmpeg only guesses at.
const ffmpegFormats = "mov,matroska,amr,flac,asf,caf,aac,loas,mp3,ogg,wav,w64,aiff,au,avi,wv"

// ffmpegMaxAlloc caps any single allocation inside ffmpeg (-max_alloc), so a
// header claiming a huge table fails instead of exhausting memory.
const ffmpegMaxAlloc = 256 << 20

// ffmpegBaseTimeout plus a quarter of Limits.MaxDuration is how long one
// ffmpeg run may take (ffmpeg converts audio hundreds of times faster than
// real time); a variable so tests can shorten it.
var ffmpegBaseTimeout = 30 * time.Second

// ffmpegStarted, when set (by tests), is called with each ffmpeg process
// once it has started.
var ffmpegStarted func(pid int)

// ffmpegStderrMax bounds how much of ffmpeg's log is kept, at the start (the
// stream description) and at the end (the final error) each.
const ffmpegStderrMax = 16 << 10

// ffmpegHint is appended to unsupported-format errors of recognised
// formats when ffmpeg could have decoded them but did not run.
const (
	hintNoFFmpeg = " (install ffmpeg to screen it)"
	hintDisabled = " (the ffmpeg fallback is disabled)"
)

// recorder keeps a copy of the first bytes read through it, so that an
// input a native decoder refused after reading its header can be handed to
// ffmpeg whole. It stops, and frees the copy, once a decoder starts
// producing audio (decoder.reserve) or more than max bytes went by.
type recorder struct {
	r    io.Reader
	buf  []byte
	max  int
	off  bool // no longer recording
	lost bool // bytes went by unrecorded: the input cannot be replayed
}

// recordMax is how much input a native decoder may consume before the
// ffmpeg fallback is no longer possible: headers, ID3 tags, Ogg pages
// before the first audio.
const recordMax = 1 << 20

func (c *recorder) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n > 0 && !c.off {
		if len(c.buf)+n > c.max {
			c.stop()
		} else {
			c.buf = append(c.buf, p[:n]...)
		}
	}
	return n, err
}

// stop ends recording and drops the copy: the input can no longer be
// replayed.
func (c *recorder) stop() {
	c.off, c.lost, c.buf = true, true, nil
}

// fallback is called when no native decoder handles the input; native
// builds the error to return if ffmpeg does not run, given a hint to
// include in the message. It runs ffmpeg when allowed and possible.
func (d *decoder) fallback(native func(hint string) error) ([]int16, error) {
	d.fellBack = true
	if d.lim.NoFFmpeg {
		return nil, native(hintDisabled)
	}
	if d.rec == nil || d.rec.lost {
		return nil, native("")
	}
	path, err := exec.LookPath("ffmpeg")
	if err != nil {
		return nil, native(hintNoFFmpeg)
	}
	replay := d.rec.buf
	d.rec.stop() // the rest is read from d.lr directly
	return d.ffmpeg(path, io.MultiReader(bytes.NewReader(replay), d.lr), native(""))
}

// ffmpeg converts the input in src with the ffmpeg program at path. native
// is the error the native decoders gave, quoted when ffmpeg cannot identify
// the input either.
func (d *decoder) ffmpeg(path string, src io.Reader, native error) ([]int16, error) {
	name := d.sniffLong
	if name == "" {
		name = "input"
	}
	f, err := os.CreateTemp("", "callscreen-audio-*")
	if err != nil {
		return nil, fmt.Errorf("audio: ffmpeg: temporary file: %w", err)
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	err = d.spool(f, src)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("audio: ffmpeg: temporary file: %w", cerr)
	}
	if err != nil {
		return nil, err
	}

	maxSamples := d.lim.maxFrames(OutputRate) + 64 // + resampler rounding, as reserve allows
	runCtx, cancel := context.WithTimeout(d.ctx, ffmpegBaseTimeout+d.lim.MaxDuration/4)
	defer cancel()
	cmd := exec.CommandContext(runCtx, path,
		"-nostdin", "-hide_banner", "-nostats", "-loglevel", "level+info",
		"-max_alloc", strconv.Itoa(ffmpegMaxAlloc),
		"-protocol_whitelist", "file", "-format_whitelist", ffmpegFormats,
		"-i", "file:"+tmp,
		"-map", "0:a:0", "-ac", "1", "-ar", strconv.Itoa(OutputRate),
		// One second beyond the limit is enough to tell it was crossed.
		"-t", strconv.FormatFloat((d.lim.MaxDuration+time.Second).Seconds(), 'f', 3, 64),
		"-f", "s16le", "pipe:1")
	cmd.Env = []string{"AV_LOG_FORCE_NOCOLOR=1"} // and no FFREPORT or other settings from ours
	cmd.WaitDelay = 2 * time.Second
	setProcessGroup(cmd)
	stderr := &logBuffer{max: ffmpegStderrMax}
	cmd.Stderr = stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("audio: ffmpeg: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("%w: %s: starting ffmpeg: %v", ErrUnsupported, name, err)
	}
	if ffmpegStarted != nil {
		ffmpegStarted(cmd.Process.Pid)
	}

	// Read whole samples; a pipe read may end mid-sample.
	buf := make([]byte, 32<<10)
	var out []int16
	fill, tooLong := 0, false
	for {
		n, rerr := stdout.Read(buf[fill:])
		fill += n
		whole := fill / 2
		if int64(len(out)+whole) > maxSamples {
			tooLong = true
			break
		}
		out = d.reserve(out, whole)
		for i := range whole {
			out = append(out, int16(binary.LittleEndian.Uint16(buf[2*i:])))
		}
		copy(buf, buf[2*whole:fill])
		fill -= 2 * whole
		if rerr != nil {
			break
		}
	}
	if tooLong {
		cancel() // kills ffmpeg: the rest of its output is not wanted
	}
	werr := cmd.Wait()

	log := stderr.String()
	info := parseFFmpegInfo(log)
	d.info.Format = d.sniffShort
	known := d.sniffLong != "" || info.Format != ""
	if d.info.Format == "" && info.Format != "" {
		d.info.Format, name = info.Format, info.Format+" audio"
	}
	if d.info.Format == "" {
		d.info.Format = "ffmpeg"
	}
	d.info.Codec, d.info.SampleRate, d.info.Channels = info.Codec, info.SampleRate, info.Channels

	switch {
	case d.ctx.Err() != nil:
		return nil, fmt.Errorf("audio: decode %s: %w", d.info.Format, d.ctx.Err())
	case tooLong:
		return nil, fmt.Errorf("%w: %s longer than %v", ErrTooLong, name, d.lim.MaxDuration)
	case errors.Is(runCtx.Err(), context.DeadlineExceeded):
		return nil, fmt.Errorf("%w: %s: ffmpeg did not finish within %v", ErrMalformed, name, ffmpegBaseTimeout+d.lim.MaxDuration/4)
	case werr != nil:
		return nil, ffmpegError(log, tmp, name, known, native, werr)
	case len(out) == 0:
		// ffmpeg skips undecodable packets and exits 0; if that was all
		// of them, say why rather than just "no audio".
		if msgs := ffmpegErrors(log, tmp); len(msgs) > 0 {
			return nil, ffmpegError(log, tmp, name, known, native, errors.New("no audio decoded"))
		}
	}
	return out, nil
}

// spool copies src to f, checking ctx and the byte limit.
func (d *decoder) spool(f *os.File, src io.Reader) error {
	buf := make([]byte, readBufSize)
	for {
		if err := d.ctx.Err(); err != nil {
			return fmt.Errorf("audio: decode %s: %w", orDefault(d.sniffShort, "input"), err)
		}
		n, err := src.Read(buf)
		if n > 0 {
			if _, werr := f.Write(buf[:n]); werr != nil {
				return fmt.Errorf("audio: ffmpeg: temporary file: %w", werr)
			}
		}
		if d.lr.left < 0 || errors.Is(err, ErrTooLarge) {
			return fmt.Errorf("%w: more than %d bytes", ErrTooLarge, d.lim.MaxBytes)
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("audio: reading input: %w", err)
		}
	}
}

// orDefault returns s, or def when s is empty.
func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// ffmpegError classifies a failed ffmpeg run from its log: no audio stream,
// a codec ffmpeg lacks and an input neither the sniff nor ffmpeg identified
// (known false) are ErrUnsupported, anything else is ErrMalformed. The
// message quotes ffmpeg's errors with the temporary file's name removed.
func ffmpegError(log, tmp, name string, known bool, native, werr error) error {
	msgs := ffmpegErrors(log, tmp)
	if len(msgs) == 0 {
		msgs = []string{werr.Error()}
	}
	msg := strings.Join(msgs, "; ")
	if len(msg) > 300 {
		msg = msg[:300] + "…"
	}
	switch {
	case strings.Contains(log, "matches no streams"):
		return fmt.Errorf("%w: %s has no audio stream", ErrUnsupported, name)
	case strings.Contains(log, "not on whitelist"),
		strings.Contains(log, "Decoder (codec") && strings.Contains(log, "not found"):
		return fmt.Errorf("%w: %s: ffmpeg: %s", ErrUnsupported, name, msg)
	case !known:
		return fmt.Errorf("%w; ffmpeg: %s", native, msg)
	}
	return fmt.Errorf("%w: %s: ffmpeg: %s", ErrMalformed, name, msg)
}

// ffmpegErrors returns the distinct error and fatal messages of an ffmpeg
// log written with -loglevel level+info, without the temporary file name.
func ffmpegErrors(log, tmp string) []string {
	var msgs []string
	seen := map[string]bool{}
	for line := range strings.Lines(log) {
		var msg string
		for _, lv := range []string{"[error] ", "[fatal] "} {
			if _, after, ok := strings.Cut(line, lv); ok {
				msg = after
				break
			}
		}
		msg = strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(msg, "file:"+tmp, "input"), tmp, "input"))
		if msg != "" && !seen[msg] && len(seen) < 8 {
			seen[msg] = true
			msgs = append(msgs, msg)
		}
	}
	return msgs
}

// parseFFmpegInfo reads the demuxer and the first audio stream's codec,
// rate and channels from ffmpeg's input description, e.g.
//
//	[info] Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'file:/tmp/x':
//	[info]   Stream #0:0[0x1](und): Audio: aac (LC) (mp4a / 0x6134706D), 44100 Hz, stereo, fltp, 69 kb/s (default)
//
// Fields it cannot find are left empty.
func parseFFmpegInfo(log string) Info {
	var info Info
	input := false
	for line := range strings.Lines(log) {
		if _, after, ok := strings.Cut(line, "Input #0, "); ok {
			demux, _, _ := strings.Cut(after, ", from '")
			demux, _, _ = strings.Cut(demux, ",")
			info.Format, input = demux, true
			continue
		}
		if strings.Contains(line, "Output #0") || strings.Contains(line, "Stream mapping:") {
			break
		}
		_, desc, ok := strings.Cut(line, ": Audio: ")
		if !input || !ok || !strings.Contains(line, "Stream #0:") {
			continue
		}
		fields := strings.Split(strings.TrimSpace(desc), ", ")
		info.Codec, _, _ = strings.Cut(fields[0], " ")
		for i, f := range fields[1:] {
			hz, ok := strings.CutSuffix(f, " Hz")
			if !ok {
				continue
			}
			info.SampleRate, _ = strconv.Atoi(hz)
			if i+2 < len(fields) {
				info.Channels = layoutChannels(fields[i+2])
			}
			break
		}
		break
	}
	return info
}

// layoutChannels counts the channels of an ffmpeg channel layout name.
func layoutChannels(layout string) int {
	if n, ok := strings.CutSuffix(layout, " channels"); ok {
		c, _ := strconv.Atoi(n)
		return c
	}
	layout, _, _ = strings.Cut(layout, "(")
	switch layout {
	case "mono":
		return 1
	case "stereo", "downmix":
		return 2
	case "2.1", "3.0":
		return 3
	case "3.1", "4.0", "quad":
		return 4
	case "4.1", "5.0":
		return 5
	case "5.1", "6.0", "hexagonal":
		return 6
	case "6.1", "7.0":
		return 7
	case "7.1", "octagonal":
		return 8
	}
	// Layouts such as "FL+FR+LFE" name each channel.
	if strings.Contains(layout, "+") {
		return strings.Count(layout, "+") + 1
	}
	return 0
}

// logBuffer keeps the first and the last max bytes written to it.
type logBuffer struct {
	mu      sync.Mutex
	max     int
	head    []byte
	tail    []byte
	dropped bool
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	n := len(p)
	if room := b.max - len(b.head); room > 0 {
		k := min(room, len(p))
		b.head = append(b.head, p[:k]...)
		p = p[k:]
	}
	if len(p) > 0 {
		b.tail = append(b.tail, p...)
		if len(b.tail) > 2*b.max {
			b.tail = append(b.tail[:0], b.tail[len(b.tail)-b.max:]...)
			b.dropped = true
		}
	}
	return n, nil
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	tail := b.tail
	if len(tail) > b.max {
		tail, b.dropped = tail[len(tail)-b.max:], true
	}
	if b.dropped {
		// Resume the tail at a line start.
		if i := bytes.IndexByte(tail, '\n'); i >= 0 {
			tail = tail[i+1:]
		}
		return string(b.head) + "\n[…]\n" + string(tail)
	}
	return string(b.head) + string(tail)
}
