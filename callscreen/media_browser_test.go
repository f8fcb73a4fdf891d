package callscreen

import (
	"context"
	"encoding/binary"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/callscreen/callscreen/bus"
	"github.com/callscreen/callscreen/callscreen/internal/cdp"
	"github.com/callscreen/callscreen/classify"
)

// TestBrowserScreensCall runs the "Screen a call" page in real headless
// Chromium, whose fake microphone plays flite scam speech, against the real
// server handler (lead's Server + Media + worker + sphinx). The page starts
// screening by itself (#autostart=1); the test drives Chromium over the
// DevTools protocol (internal/cdp) and asserts that the alert banner in
// the DOM names the request and carries the advice. A screenshot is kept in
// $CALLSCREEN_ARTIFACTS (default: the test's temp dir).
func TestBrowserScreensCall(t *testing.T) {
	needMediaTools(t, "chromium", "flite")
	eng := mediaSphinx(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	conn, err := bus.Connect(ctx, bus.Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	w, err := NewWorker(WorkerConfig{Bus: conn})
	if err != nil {
		t.Fatal(err)
	}
	workerDone := make(chan error, 1)
	go func() { workerDone <- w.Run(ctx) }()
	defer func() { cancel(); <-workerDone }()

	srv, err := NewServer(ServerConfig{Token: mediaToken, Logger: mediaTestLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	m, err := NewMedia(MediaConfig{
		Bus: conn, Engine: eng, Auth: srv.Authenticate, Redact: classify.Redact,
		Logger: mediaTestLogger(t), LoopbackOnly: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	m.Register(srv.Mux())
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()

	// The fake microphone: 2 s of silence (connection set-up), the speech,
	// 2 s of silence (so the recogniser finalises).
	speech := mediaReadWAV(t, mediaSynthWAV(t, mediaScamText))
	pcm := append(append(make([]int16, 2*16000), speech...), make([]int16, 2*16000)...)
	wav := filepath.Join(t.TempDir(), "mic.wav")
	writeWAV16(t, wav, pcm, 16000)

	artifacts := os.Getenv("CALLSCREEN_ARTIFACTS")
	if artifacts == "" {
		artifacts = t.TempDir()
	}
	bctx, bcancel := context.WithTimeout(ctx, 2*time.Minute)
	defer bcancel()
	b, err := cdp.Launch(bctx, cdp.Options{
		URL:    hs.URL + "/#token=" + mediaToken + "&autostart=1",
		Window: "1000,1400",
		Args: []string{
			"--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
			"--use-file-for-fake-audio-capture=" + wav + "%noloop",
			"--allow-loopback-in-peer-connection", "--autoplay-policy=no-user-gesture-required",
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	page, err := b.Page(bctx)
	if err != nil {
		t.Fatal(err)
	}
	defer page.Close()
	screenshot := func(name string) string {
		t.Helper()
		path := filepath.Join(artifacts, name)
		sctx, scancel := context.WithTimeout(bctx, 20*time.Second)
		defer scancel()
		if err := page.Screenshot(sctx, path); err != nil {
			t.Errorf("screenshot %s: %v", name, err)
		}
		return path
	}

	// Poll the DOM for the banner.
	var banner struct {
		Hidden   bool   `json:"hidden"`
		Text     string `json:"text"`
		Category string `json:"category"`
		Status   string `json:"status"`
		Lines    int    `json:"lines"`
	}
	const probe = `(() => {
		const a = document.getElementById('alert');
		if (!a) { return {hidden: true, status: 'loading'}; }
		return {hidden: a.hidden, text: a.textContent, category: a.dataset.category || '',
			status: document.getElementById('status').textContent,
			lines: document.getElementById('transcript').children.length};
	})()`
	deadline := time.Now().Add(60 * time.Second)
	for {
		if err := page.Eval(bctx, probe, &banner); err != nil {
			t.Fatalf("probe: %v", err)
		}
		if !banner.Hidden {
			break
		}
		if time.Now().After(deadline) {
			screenshot("browser-no-alert.png")
			t.Fatalf("no alert banner after 60 s; page status %q, %d transcript lines", banner.Status, banner.Lines)
		}
		time.Sleep(250 * time.Millisecond)
	}
	shot := screenshot("browser-alert.png")
	t.Logf("alert banner: %q (screenshot %s)", banner.Text, shot)
	if banner.Category != "verification_code" || !strings.Contains(strings.ToLower(banner.Text), "verification code") ||
		!strings.Contains(banner.Text, classify.Advice("verification_code")) {
		t.Errorf("banner %q (category %q) does not name the verification code request with its advice", banner.Text, banner.Category)
	}

	// Stop: the page DELETEs the call and shows the verdict.
	if err := page.Eval(bctx, `document.getElementById('stop').click()`, nil); err != nil {
		t.Fatalf("click stop: %v", err)
	}
	vctx, vcancel := context.WithTimeout(bctx, 20*time.Second)
	defer vcancel()
	if err := page.WaitFor(vctx, `(() => { const v = document.getElementById('verdict'); return v && !v.hidden && v.dataset.verdict; })()`); err != nil {
		screenshot("browser-no-verdict.png")
		t.Fatalf("no verdict on the page after Stop: %v", err)
	}
	var verdict string
	if err := page.Eval(bctx, `document.getElementById('verdict').dataset.verdict || ''`, &verdict); err != nil {
		t.Fatal(err)
	}
	if verdict != bus.VerdictScam {
		t.Errorf("page verdict %q, want scam", verdict)
	}
	screenshot("browser-verdict.png")
	waitMedia(t, 15*time.Second, "call to end", func() bool { return m.ActiveCalls() == 0 })
}

func writeWAV16(t testing.TB, path string, pcm []int16, rate int) {
	t.Helper()
	b := make([]byte, 44, 44+2*len(pcm))
	copy(b, "RIFF")
	binary.LittleEndian.PutUint32(b[4:], uint32(36+2*len(pcm)))
	copy(b[8:], "WAVEfmt ")
	binary.LittleEndian.PutUint32(b[16:], 16)
	binary.LittleEndian.PutUint16(b[20:], 1) // PCM
	binary.LittleEndian.PutUint16(b[22:], 1) // mono
	binary.LittleEndian.PutUint32(b[24:], uint32(rate))
	binary.LittleEndian.PutUint32(b[28:], uint32(rate*2))
	binary.LittleEndian.PutUint16(b[32:], 2)
	binary.LittleEndian.PutUint16(b[34:], 16)
	copy(b[36:], "data")
	binary.LittleEndian.PutUint32(b[40:], uint32(2*len(pcm)))
	for _, s := range pcm {
		b = binary.LittleEndian.AppendUint16(b, uint16(s))
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}
