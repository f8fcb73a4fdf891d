package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/callscreen/callscreen/bus"
	"github.com/callscreen/callscreen/classify"
)

// maxTranscript bounds one transcript given to classify.
const maxTranscript = 1 << 20

// errInput marks an input that could not be classified; the command goes
// on with the others and exits 2.
var errInput = errors.New("bad input")

// result is one line of `classify --json` output; screen adds fields.
type result struct {
	Source     string     `json:"source"`
	Verdict    string     `json:"verdict"`
	Risk       float64    `json:"risk"`
	Flags      []bus.Flag `json:"flags"`
	Advice     string     `json:"advice"`
	Signals    []string   `json:"signals,omitempty"`
	Transcript *string    `json:"transcript,omitempty"`
	Duration   *float64   `json:"duration,omitempty"`
	Engine     string     `json:"engine,omitempty"`
	// Narrowband (screen only) says the recording was transcribed as
	// telephone audio, by its rate or its band-limited content.
	Narrowband *bool  `json:"narrowband,omitempty"`
	ID         string `json:"id,omitempty"`
}

func newResult(source string, v bus.Verdict) result {
	flags := v.Flags
	if flags == nil {
		flags = []bus.Flag{}
	}
	return result{Source: source, Verdict: v.Verdict, Risk: v.Risk, Flags: flags, Advice: v.Advice, Signals: v.Signals}
}

func runClassify(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("classify", stderr)
	asJSON := fs.Bool("json", false, "print one JSON object per input")
	timeout := fs.Duration("timeout", 30*time.Second, "how long to wait for a worker's verdict")
	var nf natsFlags
	nf.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: callscreen classify [--json] [--nats URL] [FILE|-]...\n\nEach FILE (or stdin) is one call's transcript, one utterance per line,\noptionally with speaker labels (\"Caller: ...\").")
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	inputs := fs.Args()
	if len(inputs) == 0 {
		inputs = []string{"-"}
	}
	log := newLogger(stderr, "text", "warn")
	p, err := openPipeline(ctx, nf, log)
	if err != nil {
		return err
	}
	defer p.Close()

	failed := false
	for _, in := range inputs {
		segs, err := readTranscript(in, stdin)
		if err != nil {
			fmt.Fprintf(stderr, "callscreen classify: %s: %v\n", in, err)
			failed = true
			continue
		}
		_, v, err := p.judge(ctx, bus.SourceText, segs, *timeout)
		if err != nil {
			return err // the pipeline itself is broken: no point going on
		}
		printResult(stdout, *asJSON, newResult(in, v))
	}
	if failed {
		return exitError(exitUsage)
	}
	return nil
}

// readTranscript reads and segments one transcript, redacting it before it
// goes anywhere.
func readTranscript(name string, stdin io.Reader) ([]bus.Segment, error) {
	var r io.Reader = stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errInput, err)
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, maxTranscript+1))
	if err != nil {
		return nil, fmt.Errorf("%w: read: %v", errInput, err)
	}
	b = fromUTF16(b)
	switch {
	case len(b) > maxTranscript:
		return nil, fmt.Errorf("%w: transcript larger than %d bytes", errInput, maxTranscript)
	case looksBinary(b):
		return nil, fmt.Errorf("%w: not a text transcript (binary data)", errInput)
	}
	segs := classify.ParseTranscript(string(b))
	if len(segs) == 0 {
		return nil, fmt.Errorf("%w: empty transcript", errInput)
	}
	for i := range segs {
		segs[i].Text = classify.Redact(segs[i].Text)
	}
	return segs, nil
}

// fromUTF16 converts text that starts with a UTF-16 byte-order mark (as
// Windows tools save "Unicode" text) to UTF-8; other input is returned as
// it is.
func fromUTF16(b []byte) []byte {
	var order binary.ByteOrder
	switch {
	case len(b) >= 2 && b[0] == 0xff && b[1] == 0xfe:
		order = binary.LittleEndian
	case len(b) >= 2 && b[0] == 0xfe && b[1] == 0xff:
		order = binary.BigEndian
	default:
		return b
	}
	units := make([]uint16, 0, (len(b)-2)/2)
	for i := 2; i+1 < len(b); i += 2 {
		units = append(units, order.Uint16(b[i:]))
	}
	return []byte(string(utf16.Decode(units)))
}

// looksBinary reports NUL bytes or mostly invalid UTF-8 in the first 8 KiB.
func looksBinary(b []byte) bool {
	head := b[:min(len(b), 8<<10)]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	bad := 0
	for len(head) > 0 {
		r, n := utf8.DecodeRune(head)
		if r == utf8.RuneError && n == 1 {
			bad++
		}
		head = head[n:]
	}
	return bad*10 > min(len(b), 8<<10)
}

func printResult(w io.Writer, asJSON bool, r result) {
	if asJSON {
		b, _ := json.Marshal(r)
		fmt.Fprintf(w, "%s\n", b)
		return
	}
	fmt.Fprintf(w, "%s: %s (risk %.2f)\n", r.Source, r.Verdict, r.Risk)
	for _, f := range r.Flags {
		fmt.Fprintf(w, "  %-17s %q", f.Category, f.Text)
		if f.End > 0 {
			fmt.Fprintf(w, " at %.1f-%.1fs", f.Start, f.End)
		}
		fmt.Fprintln(w)
	}
	if r.Advice != "" {
		fmt.Fprintf(w, "  advice: %s\n", r.Advice)
	}
}
