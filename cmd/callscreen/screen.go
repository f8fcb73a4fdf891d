package main

import (
	"context"
	"fmt"
	"io"
	"mime"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/callscreen/callscreen/callscreen"
)

func runScreen(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("screen", stderr)
	asJSON := fs.Bool("json", false, "print one JSON object per file")
	timeout := fs.Duration("timeout", 30*time.Second, "how long to wait for a worker's verdict")
	var nf natsFlags
	nf.register(fs)
	var ef engineFlags
	ef.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: callscreen screen [--json] [--nats URL] FILE...\n\nScreens recordings (WAV, MP3, Ogg/Opus): transcribes them and reports scam requests.")
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	log := newLogger(stderr, "text", "warn")
	engine, _, closeEngine, err := ef.open(log)
	if err != nil {
		return err
	}
	defer closeEngine()
	p, err := openPipeline(ctx, nf, log)
	if err != nil {
		return err
	}
	defer p.Close()
	sc := &callscreen.Screener{Bus: p.conn, Engine: engine, Limits: ef.limits(), Timeout: *timeout}

	failed := false
	for _, name := range fs.Args() {
		res, err := screenFile(ctx, sc, name, stderr)
		if err != nil {
			fmt.Fprintf(stderr, "callscreen screen: %s: %v\n", name, err)
			failed = true
			if ctx.Err() != nil {
				break
			}
			continue
		}
		r := newResult(name, res.Verdict)
		r.Transcript, r.Duration, r.Engine, r.Narrowband = &res.Transcript, &res.Duration, res.Engine, &res.Narrowband
		printResult(stdout, *asJSON, r)
		if !*asJSON && res.Narrowband {
			fmt.Fprintln(stdout, "  audio: narrowband (telephone), transcribed with the narrowband settings")
		}
		if !*asJSON && res.Transcript != "" {
			fmt.Fprintf(stdout, "  transcript: %s\n", res.Transcript)
		}
	}
	if failed {
		return exitError(exitUsage)
	}
	return nil
}

func screenFile(ctx context.Context, sc *callscreen.Screener, name string, stderr io.Writer) (callscreen.Screening, error) {
	f, err := os.Open(name)
	if err != nil {
		return callscreen.Screening{}, err
	}
	defer f.Close()
	bar := newProgress(stderr, filepath.Base(name))
	defer bar.done()
	return sc.Screen(ctx, callscreen.NewCallID(), f, mime.TypeByExtension(filepath.Ext(name)), bar.update)
}

// progress draws a bar on stderr when it is a terminal and the recording
// is long enough for the wait to matter.
type progress struct {
	w     io.Writer
	name  string
	shown bool
	on    bool
}

func newProgress(w io.Writer, name string) *progress {
	f, ok := w.(*os.File)
	on := false
	if ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			on = true
		}
	}
	return &progress{w: w, name: name, on: on}
}

func (p *progress) update(done, total int) {
	const longEnough = 20 * 16000 // 20 s of audio
	if !p.on || total < longEnough {
		return
	}
	const width = 30
	n := done * width / max(total, 1)
	fmt.Fprintf(p.w, "\r%s [%-*s] %3d%%", p.name, width, strings.Repeat("#", n), done*100/max(total, 1))
	p.shown = true
}

func (p *progress) done() {
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
