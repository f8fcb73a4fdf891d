package callscreen

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/net/websocket"

	"github.com/callscreen/callscreen/bus"
	"github.com/callscreen/callscreen/classify"
)

// TestBrowserScreensCall runs the "Screen a call" page in real headless
// Chromium, whose fake microphone plays flite scam speech, against the real
// server handler (lead's Server + Media + worker + sphinx). The page starts
// screening by itself (#autostart=1); the test drives Chromium over the
// DevTools protocol (a plain websocket) and asserts that the alert banner in
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
		Bus: conn, Engine: eng, Auth: srv.Authorized, Redact: classify.Redact,
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
	profile := t.TempDir()
	page := hs.URL + "/#token=" + mediaToken + "&autostart=1"
	cmd := exec.Command("chromium", "--headless=new", "--no-sandbox", "--disable-gpu",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--no-first-run", "--disable-quic", "--user-data-dir="+profile,
		"--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
		"--use-file-for-fake-audio-capture="+wav+"%noloop",
		"--allow-loopback-in-peer-connection", "--autoplay-policy=no-user-gesture-required",
		"--remote-debugging-port=0", "--remote-allow-origins=*", "--window-size=1000,1400",
		page)
	// Its own process group, so that the renderer and utility processes
	// are ended with it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		_ = cmd.Wait()
	}()

	cdp := dialDevTools(t, profile, hs.URL)
	defer cdp.ws.Close()

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
		if (!a) { return JSON.stringify({hidden: true, status: 'loading'}); }
		return JSON.stringify({hidden: a.hidden, text: a.textContent, category: a.dataset.category || '',
			status: document.getElementById('status').textContent,
			lines: document.getElementById('transcript').children.length});
	})()`
	deadline := time.Now().Add(60 * time.Second)
	for {
		s := cdp.evalString(t, probe)
		if err := json.Unmarshal([]byte(s), &banner); err != nil {
			t.Fatalf("probe: %v (%q)", err, s)
		}
		if !banner.Hidden {
			break
		}
		if time.Now().After(deadline) {
			cdp.screenshot(t, filepath.Join(artifacts, "browser-no-alert.png"))
			t.Fatalf("no alert banner after 60 s; page status %q, %d transcript lines", banner.Status, banner.Lines)
		}
		time.Sleep(250 * time.Millisecond)
	}
	shot := filepath.Join(artifacts, "browser-alert.png")
	cdp.screenshot(t, shot)
	t.Logf("alert banner: %q (screenshot %s)", banner.Text, shot)
	if banner.Category != "verification_code" || !strings.Contains(strings.ToLower(banner.Text), "verification code") ||
		!strings.Contains(banner.Text, classify.Advice("verification_code")) {
		t.Errorf("banner %q (category %q) does not name the verification code request with its advice", banner.Text, banner.Category)
	}

	// Stop: the page DELETEs the call and shows the verdict.
	cdp.evalString(t, `document.getElementById('stop').click(), 'ok'`)
	deadline = time.Now().Add(20 * time.Second)
	for {
		v := cdp.evalString(t, `(() => { const v = document.getElementById('verdict'); return v.hidden ? '' : v.dataset.verdict; })()`)
		if v != "" {
			if v != bus.VerdictScam {
				t.Errorf("page verdict %q, want scam", v)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no verdict on the page after Stop")
		}
		time.Sleep(250 * time.Millisecond)
	}
	cdp.screenshot(t, filepath.Join(artifacts, "browser-verdict.png"))
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

// devTools is a minimal Chrome DevTools Protocol client on one page.
type devTools struct {
	ws *websocket.Conn
	id int
}

// dialDevTools finds the page showing pageURL and connects to it.
func dialDevTools(t *testing.T, profile, pageURL string) *devTools {
	t.Helper()
	var port int
	waitMedia(t, 30*time.Second, "chromium DevTools port", func() bool {
		b, err := os.ReadFile(filepath.Join(profile, "DevToolsActivePort"))
		if err != nil {
			return false
		}
		first, _, _ := strings.Cut(string(b), "\n")
		port, err = strconv.Atoi(strings.TrimSpace(first))
		return err == nil && port > 0
	})
	var wsURL string
	waitMedia(t, 30*time.Second, "the page target", func() bool {
		res, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/json/list", port))
		if err != nil {
			return false
		}
		defer res.Body.Close()
		var targets []struct {
			Type, URL            string
			WebSocketDebuggerURL string `json:"webSocketDebuggerUrl"`
		}
		if json.NewDecoder(res.Body).Decode(&targets) != nil {
			return false
		}
		for _, tg := range targets {
			if tg.Type == "page" && strings.HasPrefix(tg.URL, pageURL) {
				wsURL = tg.WebSocketDebuggerURL
				return true
			}
		}
		return false
	})
	ws, err := websocket.Dial(wsURL, "", "http://127.0.0.1/")
	if err != nil {
		t.Fatalf("devtools websocket: %v", err)
	}
	return &devTools{ws: ws}
}

// call sends one CDP command and returns its result, skipping events.
func (d *devTools) call(t *testing.T, method string, params any, result any) {
	t.Helper()
	d.id++
	req := map[string]any{"id": d.id, "method": method, "params": params}
	_ = d.ws.SetDeadline(time.Now().Add(20 * time.Second))
	if err := websocket.JSON.Send(d.ws, req); err != nil {
		t.Fatalf("cdp %s: %v", method, err)
	}
	for {
		var resp struct {
			ID     int             `json:"id"`
			Result json.RawMessage `json:"result"`
			Error  *struct {
				Message string `json:"message"`
			} `json:"error"`
		}
		if err := websocket.JSON.Receive(d.ws, &resp); err != nil {
			t.Fatalf("cdp %s: %v", method, err)
		}
		if resp.ID != d.id {
			continue // an event
		}
		if resp.Error != nil {
			t.Fatalf("cdp %s: %s", method, resp.Error.Message)
		}
		if result != nil {
			if err := json.Unmarshal(resp.Result, result); err != nil {
				t.Fatalf("cdp %s result: %v", method, err)
			}
		}
		return
	}
}

func (d *devTools) evalString(t *testing.T, expr string) string {
	t.Helper()
	var r struct {
		Result struct {
			Value any `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text string `json:"text"`
		} `json:"exceptionDetails"`
	}
	d.call(t, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true}, &r)
	if r.ExceptionDetails != nil {
		t.Fatalf("page script error: %s", r.ExceptionDetails.Text)
	}
	s, _ := r.Result.Value.(string)
	return s
}

func (d *devTools) screenshot(t *testing.T, path string) {
	t.Helper()
	var r struct {
		Data string `json:"data"`
	}
	d.call(t, "Page.captureScreenshot", map[string]any{"format": "png"}, &r)
	b, err := base64.StdEncoding.DecodeString(r.Data)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
