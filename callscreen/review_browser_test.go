package callscreen

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/callscreen/callscreen/callscreen/internal/cdp"
)

// reviewBrowser is a headless Chromium on the review pages, recording any
// dialog (an alert() that ran) and any CSP violation.
type reviewBrowser struct {
	t         *testing.T
	ctx       context.Context
	page      *cdp.Page
	base      string
	artifacts string

	mu       sync.Mutex
	dialogs  []string
	problems []string
}

func newReviewBrowser(t *testing.T, e *reviewEnv) *reviewBrowser {
	t.Helper()
	if _, err := exec.LookPath("chromium"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium is required in CI (Debian package chromium)")
		}
		t.Skip("chromium not installed")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	b, err := cdp.Launch(ctx, cdp.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	p, err := b.Page(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	rb := &reviewBrowser{t: t, ctx: ctx, page: p, base: e.srv.URL, artifacts: os.Getenv("CALLSCREEN_ARTIFACTS")}
	if rb.artifacts == "" {
		rb.artifacts = t.TempDir()
	}
	p.DismissDialogs(func(kind, msg string) {
		rb.mu.Lock()
		rb.dialogs = append(rb.dialogs, kind+": "+msg)
		rb.mu.Unlock()
	})
	p.On("Log.entryAdded", func(params json.RawMessage) {
		var ev struct {
			Entry struct{ Level, Source, Text, URL string }
		}
		_ = json.Unmarshal(params, &ev)
		if ev.Entry.Level == "error" && !strings.HasSuffix(ev.Entry.URL, "/favicon.ico") {
			rb.mu.Lock()
			rb.problems = append(rb.problems, ev.Entry.Source+": "+ev.Entry.Text+" "+ev.Entry.URL)
			rb.mu.Unlock()
		}
	})
	if err := p.Call(ctx, "Log.enable", nil, nil); err != nil {
		t.Fatal(err)
	}
	return rb
}

func (rb *reviewBrowser) navigate(path string) {
	rb.t.Helper()
	if err := rb.page.Navigate(rb.ctx, rb.base+path); err != nil {
		rb.t.Fatal(err)
	}
}

func (rb *reviewBrowser) eval(expr string, out any) {
	rb.t.Helper()
	if err := rb.page.Eval(rb.ctx, expr, out); err != nil {
		rb.t.Fatal(err)
	}
}

func (rb *reviewBrowser) waitFor(expr string) {
	rb.t.Helper()
	ctx, cancel := context.WithTimeout(rb.ctx, 20*time.Second)
	defer cancel()
	if err := rb.page.WaitFor(ctx, expr); err != nil {
		rb.screenshot("failed")
		var html string
		_ = rb.page.Eval(rb.ctx, `document.documentElement.outerHTML`, &html)
		rb.t.Fatalf("%v\npage:\n%s", err, html)
	}
}

// click clicks an element and waits for the page it leads to.
func (rb *reviewBrowser) click(selector, then string) {
	rb.t.Helper()
	rb.eval(`document.querySelector(`+jsString(selector)+`).click(), true`, nil)
	rb.waitFor(`document.readyState === "complete" && (` + then + `)`)
}

func (rb *reviewBrowser) screenshot(name string) {
	rb.t.Helper()
	path := filepath.Join(rb.artifacts, "review-"+rb.t.Name()+"-"+name+".png")
	if err := rb.page.Screenshot(rb.ctx, path); err != nil {
		rb.t.Errorf("screenshot %s: %v", name, err)
	}
}

func (rb *reviewBrowser) login() {
	rb.t.Helper()
	rb.navigate("/review/")
	rb.waitFor(`location.pathname === "/review/login" && document.querySelector("#token")`)
	rb.eval(`document.querySelector("#token").value = `+jsString(reviewToken)+`, true`, nil)
	rb.click("#login", `location.pathname === "/review/" && document.querySelector("#precision")`)
}

// assertClean fails on any dialog or page error seen so far.
func (rb *reviewBrowser) assertClean() {
	rb.t.Helper()
	rb.mu.Lock()
	defer rb.mu.Unlock()
	if len(rb.dialogs) > 0 {
		rb.t.Fatalf("dialogs opened: %q", rb.dialogs)
	}
	if len(rb.problems) > 0 {
		rb.t.Fatalf("page errors: %q", rb.problems)
	}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// tinyWAV is 0.1 s of silence, a playable recording.
func tinyWAV() []byte {
	const n = 1600
	b := make([]byte, 44+2*n)
	copy(b, "RIFF")
	binary.LittleEndian.PutUint32(b[4:], uint32(36+2*n))
	copy(b[8:], "WAVEfmt ")
	binary.LittleEndian.PutUint32(b[16:], 16)
	binary.LittleEndian.PutUint16(b[20:], 1)
	binary.LittleEndian.PutUint16(b[22:], 1)
	binary.LittleEndian.PutUint32(b[24:], 16000)
	binary.LittleEndian.PutUint32(b[28:], 32000)
	binary.LittleEndian.PutUint16(b[32:], 2)
	binary.LittleEndian.PutUint16(b[34:], 16)
	copy(b[36:], "data")
	binary.LittleEndian.PutUint32(b[40:], 2*n)
	return b
}

// TestBrowserReviewFlaggedCall: log in, open a flagged voicemail, see the
// highlighted request with its advice, play the recording, give feedback,
// export the report (JSON and printable), and delete the call, in a real
// Chromium under the strict CSP.
func TestBrowserReviewFlaggedCall(t *testing.T) {
	e := newReviewEnv(t)
	e.runRecorder()
	c := scamCall("browser-1", time.Now().Add(-time.Hour))
	c.source = "voicemail"
	e.publish(c)
	e.publish(scamCall("browser-0", time.Now().Add(-2*time.Hour)))
	e.waitRecord("browser-1", recorded)
	e.waitRecord("browser-0", recorded)
	if err := e.store.PutAudio(context.Background(), "browser-1", "audio/wav", strings.NewReader(string(tinyWAV()))); err != nil {
		t.Fatal(err)
	}
	rb := newReviewBrowser(t, e)
	rb.login()
	var rows int
	rb.eval(`document.querySelectorAll("#calls tbody tr").length`, &rows)
	if rows != 2 {
		t.Fatalf("list shows %d calls", rows)
	}
	rb.screenshot("list")

	rb.click(`a.call-link[href="/review/calls/browser-1"]`, `location.pathname === "/review/calls/browser-1"`)
	var dom struct {
		Flagged     []string `json:"flagged"`
		FlagText    string   `json:"flagText"`
		FlagNote    string   `json:"flagNote"`
		Category    string   `json:"category"`
		Advice      string   `json:"advice"`
		Highlighted bool     `json:"highlighted"`
		Points      string   `json:"points"`
		CSSLoaded   bool     `json:"cssLoaded"`
	}
	rb.eval(`(() => {
		const row = document.querySelector("#seg-2");
		return {
			flagged: [...document.querySelectorAll(".seg.flagged")].map(e => e.id),
			flagText: row.querySelector(".seg-text").textContent,
			flagNote: row.querySelector(".seg-flag").textContent,
			category: document.querySelector("#flags .flag-category").textContent,
			advice: document.querySelector("#flags .advice").textContent,
			highlighted: getComputedStyle(row).backgroundColor !== getComputedStyle(document.querySelector("#seg-1")).backgroundColor,
			points: document.querySelector("svg.chart polyline").getAttribute("points"),
			cssLoaded: getComputedStyle(document.body).fontSize === "20px",
		};
	})()`, &dom)
	if len(dom.Flagged) != 1 || dom.Flagged[0] != "seg-2" || !strings.Contains(dom.FlagText, "read me the code") {
		t.Fatalf("highlighted segments %v (%q)", dom.Flagged, dom.FlagText)
	}
	if !strings.Contains(dom.FlagNote, "Verification code") || dom.Category != "Verification code" || !strings.Contains(dom.Advice, "Never read out a code") {
		t.Fatalf("flag shown as %+v", dom)
	}
	if !dom.Highlighted || !dom.CSSLoaded || strings.Count(dom.Points, ",") < 3 {
		t.Fatalf("styling or chart missing: %+v", dom)
	}
	// The recording plays (same-origin, session cookie, media-src 'self').
	rb.waitFor(`document.querySelector("audio").readyState >= 1`)
	var dur float64
	rb.eval(`document.querySelector("audio").duration`, &dur)
	if dur < 0.05 || dur > 0.2 {
		t.Fatalf("audio duration %v", dur)
	}
	rb.screenshot("call")

	rb.click("#feedback-scam", `document.querySelector("#feedback-state") && document.querySelector("#feedback-state").textContent.includes("was a scam")`)
	if r, _ := e.store.Call(context.Background(), "browser-1"); r.Feedback != FeedbackScam {
		t.Fatalf("feedback stored as %q", r.Feedback)
	}
	rb.screenshot("feedback")

	// Export: click the download link; the browser saves the JSON report.
	downloads := t.TempDir()
	if err := rb.page.Call(rb.ctx, "Browser.setDownloadBehavior", map[string]any{"behavior": "allow", "downloadPath": downloads}, nil); err != nil {
		t.Fatal(err)
	}
	rb.eval(`document.querySelector("#export-json").click(), true`, nil)
	var b []byte
	waitUntil(t, "the report download", 20*time.Second, func() bool {
		var err error
		b, err = os.ReadFile(filepath.Join(downloads, "callscreen-browser-1.json"))
		return err == nil && json.Valid(b)
	})
	var report Report
	if err := json.Unmarshal(b, &report); err != nil {
		t.Fatal(err)
	}
	if report.Call.ID != "browser-1" || report.Call.Feedback != FeedbackScam || len(report.Transcript) != 3 {
		t.Fatalf("exported report %+v", report)
	}
	if err := os.WriteFile(filepath.Join(rb.artifacts, "review-"+t.Name()+"-report.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	// The printable report, in print media: no navigation, no buttons.
	rb.click("#report-link", `location.pathname === "/review/calls/browser-1/report" && document.querySelector("#summary")`)
	if err := rb.page.Call(rb.ctx, "Emulation.setEmulatedMedia", map[string]any{"media": "print"}, nil); err != nil {
		t.Fatal(err)
	}
	var printed struct {
		Header, Print string
		Flagged       int
	}
	rb.eval(`({header: getComputedStyle(document.querySelector(".top")).display,
		print: getComputedStyle(document.querySelector("#print")).display,
		flagged: document.querySelectorAll(".seg.flagged").length})`, &printed)
	if printed.Header != "none" || printed.Print != "none" || printed.Flagged != 1 {
		t.Fatalf("print layout %+v", printed)
	}
	var pdf struct{ Data string }
	if err := rb.page.Call(rb.ctx, "Page.printToPDF", map[string]any{}, &pdf); err != nil {
		t.Fatal(err)
	}
	if len(pdf.Data) < 1000 {
		t.Fatal("empty PDF")
	}
	rb.screenshot("report")
	_ = rb.page.Call(rb.ctx, "Emulation.setEmulatedMedia", map[string]any{"media": ""}, nil)

	// Delete, through the confirmation page.
	rb.navigate("/review/calls/browser-1")
	rb.click("#delete-link", `document.querySelector("#confirm-delete")`)
	rb.screenshot("delete")
	rb.click("#confirm-delete", `location.pathname === "/review/" && document.querySelector("#calls")`)
	rb.eval(`document.querySelectorAll("#calls tbody tr").length`, &rows)
	if rows != 1 {
		t.Fatalf("after delete the list shows %d calls", rows)
	}
	if _, err := e.store.Call(context.Background(), "browser-1"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("call not deleted: %v", err)
	}
	// Log out: the pages need a login again.
	rb.click(`.logout button`, `location.pathname === "/review/login"`)
	rb.navigate("/review/calls/browser-0")
	rb.waitFor(`location.pathname === "/review/login"`)
	rb.assertClean()
}

// TestBrowserReviewTranscriptInert stores a transcript full of markup and
// script: in a real browser no dialog opens, no element is injected, and
// the payloads show as text.
func TestBrowserReviewTranscriptInert(t *testing.T) {
	e := newReviewEnv(t)
	e.runRecorder()
	e.publish(xssCall("xss-browser"))
	e.waitRecord("xss-browser", recorded)
	rb := newReviewBrowser(t, e)
	rb.login()
	for _, p := range []string{"/review/calls/xss-browser", "/review/calls/xss-browser/report"} {
		rb.navigate(p)
		rb.waitFor(`document.querySelector(".timeline")`)
		// Give an onerror/onload handler, had one been injected, time to run.
		time.Sleep(500 * time.Millisecond)
		var got struct {
			Texts    []string `json:"texts"`
			Injected int      `json:"injected"`
			Scripts  int      `json:"scripts"`
			Flag     string   `json:"flag"`
		}
		rb.eval(`({
			texts: [...document.querySelectorAll(".seg-text")].map(e => e.textContent),
			injected: document.querySelectorAll("main img, main iframe, [onerror], [onload], [onmouseover], a[href^='javascript:'], svg:not(.chart)").length,
			scripts: document.querySelectorAll("script").length,
			flag: (document.querySelector(".flag-text") || document.querySelector(".flag")).textContent,
		})`, &got)
		for _, payload := range xssPayloads {
			found := false
			for _, txt := range got.Texts {
				found = found || txt == payload
			}
			if !found {
				t.Fatalf("%s: payload %q not shown as text; texts %q", p, payload, got.Texts)
			}
		}
		if got.Injected != 0 || got.Scripts != 1 || !strings.Contains(got.Flag, xssPayloads[1]) {
			t.Fatalf("%s: injected elements %d, scripts %d, flag %q", p, got.Injected, got.Scripts, got.Flag)
		}
		rb.screenshot(strings.ReplaceAll(strings.Trim(p, "/"), "/", "-"))
	}
	rb.assertClean()
}
