// Package audio decodes uploaded recordings into 16 kHz mono signed 16-bit
// PCM, the only input the transcription engines accept, and provides the
// pieces the live call path shares with it: a streaming anti-aliased
// resampler, channel downmixing and G.711 (μ-law / A-law) expansion.
//
// Decode understands WAV (RIFF and RF64; PCM, IEEE float, μ-law, A-law and
// WAVE_FORMAT_EXTENSIBLE), MP3 and Ogg/Opus natively. Uploads are untrusted:
// every size a header claims is checked against Limits before it influences
// an allocation, decoding stops as soon as a limit is crossed, and panics in
// third-party codecs are turned into ErrMalformed. Anything else (M4A/AAC,
// AMR/3GP, FLAC, WebM, WMA, CAF, 8 kHz MP3, …) is converted by the ffmpeg
// program when it is installed, under the same limits (see Limits.NoFFmpeg).
package audio

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// OutputRate is the sample rate of everything Decode returns.
const OutputRate = 16000

// Sentinel errors; Decode wraps them with context, so test with errors.Is.
var (
	// ErrTooLarge means the input holds more than Limits.MaxBytes bytes.
	ErrTooLarge = errors.New("audio: input too large")
	// ErrTooLong means the recording lasts longer than Limits.MaxDuration.
	ErrTooLong = errors.New("audio: recording too long")
	// ErrUnsupported means the input is a format, codec or layout Decode
	// does not handle; the message names what was seen.
	ErrUnsupported = errors.New("audio: unsupported format")
	// ErrMalformed means the input claims a supported format but is corrupt,
	// truncated before any audio, or internally inconsistent.
	ErrMalformed = errors.New("audio: malformed input")
	// ErrEmpty means the input is empty or holds no audio samples.
	ErrEmpty = errors.New("audio: no audio")
)

// Limits bounds the work and memory one Decode call may spend.
type Limits struct {
	MaxBytes    int64         // input bytes read at most; default 25 MiB
	MaxDuration time.Duration // decoded audio at most; default 10 min
	// NoFFmpeg turns off the ffmpeg fallback: formats the native decoders
	// do not handle fail with ErrUnsupported instead of being converted by
	// an ffmpeg subprocess (which otherwise runs when ffmpeg is on PATH).
	NoFFmpeg bool
}

// DefaultLimits returns the limits used for voicemail uploads: 25 MiB and
// ten minutes.
func DefaultLimits() Limits {
	return Limits{MaxBytes: 25 << 20, MaxDuration: 10 * time.Minute}
}

// withDefaults fills zero or negative fields so that a zero Limits is safe
// rather than unlimited.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxBytes <= 0 {
		l.MaxBytes = d.MaxBytes
	}
	if l.MaxDuration <= 0 {
		l.MaxDuration = d.MaxDuration
	}
	return l
}

// maxFrames is the number of sample frames at rate that MaxDuration allows.
func (l Limits) maxFrames(rate int) int64 {
	return int64(l.MaxDuration.Seconds()*float64(rate) + 0.5)
}

// Info describes the source of a decoded recording.
type Info struct {
	Format     string  // container: "wav", "mp3" or "ogg-opus"; through ffmpeg e.g. "m4a", "3gp", "amr", "flac", "webm", "wma", "caf", "ogg-vorbis"
	Codec      string  // "pcm8", "pcm16", "pcm24", "pcm32", "float32", "float64", "mulaw", "alaw", "mp3" or "opus"; through ffmpeg its codec name ("aac", "amr_nb", "flac", …)
	SampleRate int     // of the source (48000 for Opus, whose decoder always runs at 48 kHz); 0 if ffmpeg did not say
	Channels   int     // of the source; 0 if ffmpeg did not say
	Duration   float64 // seconds of decoded audio
}

// sniffLen is how many leading bytes Decode inspects; enough for a RIFF
// header and an Ogg page header with the start of the OpusHead packet.
const sniffLen = 64

// readBufSize is the buffered reader size; it bounds how much of the input is
// held at once outside the decoded output.
const readBufSize = 64 << 10

// Decode reads one recording from r and returns it as 16 kHz mono PCM.
//
// The format is sniffed from the bytes; contentType (e.g. the upload's
// Content-Type) is only quoted in the error when nothing is recognised,
// because clients routinely mislabel audio. Decode reads at most
// lim.MaxBytes+1 bytes and fails with ErrTooLarge if there are more; it fails
// with ErrTooLong as soon as the decoded audio exceeds lim.MaxDuration. It
// stops reading at the end of the audio, so trailing bytes (metadata chunks
// after a WAV data chunk) are not read. Between blocks it checks ctx and
// returns ctx's error (wrapped) once ctx is done. Zero fields of lim take
// their DefaultLimits values.
//
// Input no native decoder handles goes to ffmpeg (unless lim.NoFFmpeg or
// ffmpeg is not on PATH): it is copied to a temporary file, converted by an
// ffmpeg process under ctx, and the process is killed once the output
// passes lim.MaxDuration. Without ffmpeg such input fails with
// ErrUnsupported naming the format.
func Decode(ctx context.Context, r io.Reader, contentType string, lim Limits) ([]int16, Info, error) {
	lim = lim.withDefaults()
	if err := ctx.Err(); err != nil {
		return nil, Info{}, fmt.Errorf("audio: decode: %w", err)
	}
	lr := &limitReader{r: r, left: lim.MaxBytes}
	var src io.Reader = lr
	var rec *recorder
	if !lim.NoFFmpeg {
		rec = &recorder{r: lr, max: recordMax}
		src = rec
	}
	br := bufio.NewReaderSize(src, readBufSize)
	head, err := br.Peek(sniffLen)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, Info{}, fmt.Errorf("audio: reading header: %w", err)
	}
	if len(head) == 0 {
		return nil, Info{}, fmt.Errorf("%w: empty input", ErrEmpty)
	}
	d := decoder{ctx: ctx, lim: lim, r: br, lr: lr, rec: rec}
	d.sniffShort, d.sniffLong = sniffFormat(head)
	var pcm []int16
	switch {
	case len(head) >= 12 && (string(head[:4]) == "RIFF" || string(head[:4]) == "RF64") && string(head[8:12]) == "WAVE":
		pcm, err = d.wav()
	case bytes.HasPrefix(head, []byte("OggS")):
		pcm, err = d.ogg()
	case bytes.HasPrefix(head, []byte("ID3")) || isMP3Sync(head):
		pcm, err = d.mp3()
	default:
		what, known := describe(head)
		pcm, err = d.fallback(func(hint string) error {
			if !known {
				hint = ""
			}
			return fmt.Errorf("%w: %s%s (content type %q)", ErrUnsupported, what, hint, contentType)
		})
	}
	if errors.Is(err, ErrUnsupported) && !d.fellBack {
		// A native decoder recognised the container but not what is in
		// it (MPEG 2.5, Ogg Vorbis, WAV GSM, …).
		native := err
		pcm, err = d.fallback(func(hint string) error { return fmt.Errorf("%w%s", native, hint) })
	}
	if err != nil {
		return nil, Info{}, err
	}
	if len(pcm) == 0 {
		return nil, Info{}, fmt.Errorf("%w: %s stream decoded to no samples", ErrEmpty, d.info.Format)
	}
	d.info.Duration = float64(len(pcm)) / OutputRate
	return pcm, d.info, nil
}

// decoder carries the state one Decode call shares between format parsers.
type decoder struct {
	ctx  context.Context
	lim  Limits
	r    *bufio.Reader
	lr   *limitReader // under r; consulted when a codec hides the read error
	info Info

	rec                   *recorder // between lr and r; nil when the ffmpeg fallback is off
	sniffShort, sniffLong string    // sniffFormat of the first bytes
	fellBack              bool      // fallback was called
}

// checkCtx is called between blocks so a decode deadline is honoured.
func (d *decoder) checkCtx() error {
	if err := d.ctx.Err(); err != nil {
		return fmt.Errorf("audio: decode %s: %w", d.info.Format, err)
	}
	return nil
}

// tooLong reports the ErrTooLong error for frames source frames at rate.
func (d *decoder) tooLong(frames int64, rate int) error {
	if frames > d.lim.maxFrames(rate) {
		return fmt.Errorf("%w: %s longer than %v", ErrTooLong, d.info.Format, d.lim.MaxDuration)
	}
	return nil
}

// skip discards n bytes of the structure what (a chunk, a tag) without
// buffering them; running out of input means its size field was a lie. A
// missing final pad byte is tolerated.
func (d *decoder) skip(n int64, what string) error {
	for n > 0 {
		step := int(min(n, 1<<20))
		got, err := d.r.Discard(step)
		n -= int64(got)
		if err != nil {
			if errors.Is(err, io.EOF) && n <= 1 {
				return nil
			}
			if errors.Is(err, io.EOF) {
				return fmt.Errorf("%w: %s: %s runs %d bytes past the end of the input", ErrMalformed, d.info.Format, what, n)
			}
			return d.readErr(err, what)
		}
		if err := d.checkCtx(); err != nil {
			return err
		}
	}
	return nil
}

// readErr classifies a read failure: a short read is a truncated file,
// anything else (ErrTooLarge, the caller's reader failing) passes through.
func (d *decoder) readErr(err error, what string) error {
	if d.lr.left < 0 {
		return fmt.Errorf("%w: more than %d bytes", ErrTooLarge, d.lim.MaxBytes)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%w: %s: truncated %s", ErrMalformed, d.info.Format, what)
	}
	return fmt.Errorf("audio: %s: reading %s: %w", d.info.Format, what, err)
}

// reserve returns out with room for n more samples. It grows the buffer
// itself rather than leaving it to append, whose doubling could overshoot
// the largest output the duration limit allows by almost 2×.
func (d *decoder) reserve(out []int16, n int) []int16 {
	if d.rec != nil {
		d.rec.stop() // audio is coming out: no falling back to ffmpeg now
	}
	if cap(out)-len(out) >= n {
		return out
	}
	limit := int(d.lim.maxFrames(OutputRate)) + 64 // + resampler rounding and flush
	c := min(max(2*cap(out), 16<<10), limit)
	c = max(c, len(out)+n)
	grown := make([]int16, len(out), c)
	copy(grown, out)
	return grown
}

// limitReader is io.LimitReader that turns reading past the limit into
// ErrTooLarge instead of a silent EOF, so a cut-off upload is never mistaken
// for a short recording.
type limitReader struct {
	r    io.Reader
	left int64 // bytes still allowed
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.left < 0 {
		return 0, ErrTooLarge
	}
	// Ask for one byte beyond the limit so that an input of exactly
	// MaxBytes ends in EOF while a larger one is detected.
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if l.left < 0 {
		return n - 1, ErrTooLarge
	}
	return n, err
}

// isMP3Sync reports whether b starts with an MPEG-1/2/2.5 Layer III frame
// header with valid bitrate and sample rate fields.
func isMP3Sync(b []byte) bool {
	if len(b) < 4 || b[0] != 0xFF || b[1]&0xE0 != 0xE0 {
		return false
	}
	version := (b[1] >> 3) & 3
	layer := (b[1] >> 1) & 3
	bitrate := b[2] >> 4
	rate := (b[2] >> 2) & 3
	return version != 1 && layer == 1 && bitrate != 0 && bitrate != 15 && rate != 3
}

// sniffFormat names the format in b's leading bytes: short for Info.Format
// ("m4a", "amr"), long for messages ("M4A/AAC audio"). Both are empty when
// nothing is recognised.
func sniffFormat(b []byte) (short, long string) {
	has := func(off int, s string) bool { return len(b) >= off+len(s) && string(b[off:off+len(s)]) == s }
	switch {
	case has(0, "fLaC"):
		return "flac", "FLAC audio"
	case has(4, "ftyp") && len(b) >= 12:
		switch brand := string(b[8:12]); {
		case brand == "M4A " || brand == "M4B " || brand == "M4P ":
			return "m4a", "M4A/AAC audio"
		case strings.HasPrefix(brand, "3gp") || strings.HasPrefix(brand, "3g2") || strings.HasPrefix(brand, "3ge"):
			return "3gp", "3GP audio (AMR or AAC)"
		case brand == "qt  ":
			return "mov", "QuickTime audio"
		}
		return "mp4", "MP4 audio"
	case has(0, "\x1a\x45\xdf\xa3"):
		if bytes.Contains(b, []byte("webm")) {
			return "webm", "WebM audio"
		}
		return "mka", "Matroska audio"
	case has(0, "#!AMR-WB"):
		return "amr-wb", "AMR-WB audio"
	case has(0, "#!AMR"):
		return "amr", "AMR audio"
	case has(0, "\x30\x26\xb2\x75\x8e\x66\xcf\x11"):
		return "wma", "WMA/ASF audio"
	case has(0, "caff"):
		return "caf", "CAF (Core Audio) audio"
	case has(0, "FORM") && (has(8, "AIFF") || has(8, "AIFC")):
		return "aiff", "AIFF audio"
	case has(0, ".snd"):
		return "au", "Sun/NeXT AU audio"
	case has(0, "wvpk"):
		return "wv", "WavPack audio"
	case len(b) >= 12 && (has(0, "RIFF") || has(0, "RF64")) && has(8, "WAVE"):
		return "wav", "WAV audio"
	case has(0, "OggS"):
		switch {
		case bytes.Contains(b, []byte("OpusHead")):
			return "ogg-opus", "Ogg/Opus audio"
		case bytes.Contains(b, []byte("\x01vorbis")):
			return "ogg-vorbis", "Ogg Vorbis audio"
		case bytes.Contains(b, []byte("Speex   ")):
			return "ogg-speex", "Ogg Speex audio"
		case bytes.Contains(b, []byte("\x7fFLAC")):
			return "ogg-flac", "Ogg FLAC audio"
		}
		return "ogg", "Ogg audio"
	case len(b) >= 2 && b[0] == 0xFF && b[1]&0xF6 == 0xF0:
		return "aac", "AAC (ADTS) audio"
	case isMP3Sync(b):
		return "mp3", "MP3 audio"
	}
	return "", ""
}

// describe names a recognisable but unsupported format for error messages;
// known is false when it can only quote the leading bytes.
func describe(b []byte) (what string, known bool) {
	has := func(off int, s string) bool { return len(b) >= off+len(s) && string(b[off:off+len(s)]) == s }
	if _, long := sniffFormat(b); long != "" {
		return long, true
	}
	switch {
	case has(0, "RIFF"):
		return fmt.Sprintf("RIFF container of type %q", b[min(8, len(b)):min(12, len(b))]), true
	case len(b) >= 2 && b[0] == 0xFF && b[1]&0xE0 == 0xE0:
		return "MPEG audio other than Layer III", true
	}
	return fmt.Sprintf("unrecognised data starting % x", b[:min(16, len(b))]), false
}
