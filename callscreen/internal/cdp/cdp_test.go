package cdp

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

func needChromium(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("chromium"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium is required in CI (Debian package chromium)")
		}
		t.Skip("chromium not installed")
	}
}

func TestPageNavigateEvalDialogScreenshot(t *testing.T) {
	needChromium(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		if r.URL.Path == "/dialog" {
			w.Write([]byte(`<p id="p">x</p><script>alert("hi")</script>`))
			return
		}
		w.Write([]byte(`<h1 id="h">hello</h1><script>setTimeout(() => { document.title = "ready" }, 200)</script>`))
	}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	b, err := Launch(ctx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	p, err := b.Page(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	var mu sync.Mutex
	var dialogs []string
	p.DismissDialogs(func(kind, msg string) {
		mu.Lock()
		dialogs = append(dialogs, kind+":"+msg)
		mu.Unlock()
	})
	if err := p.Navigate(ctx, srv.URL+"/"); err != nil {
		t.Fatal(err)
	}
	var h string
	if err := p.Eval(ctx, `document.getElementById("h").textContent`, &h); err != nil || h != "hello" {
		t.Fatalf("eval: %q, %v", h, err)
	}
	if err := p.WaitFor(ctx, `document.title === "ready"`); err != nil {
		t.Fatal(err)
	}
	if err := p.Eval(ctx, `nope.nope`, nil); err == nil {
		t.Fatal("script error not reported")
	}
	shot := filepath.Join(t.TempDir(), "shot.png")
	if err := p.Screenshot(ctx, shot); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(shot); err != nil || fi.Size() < 100 {
		t.Fatalf("screenshot: %v", err)
	}
	if err := p.Navigate(ctx, srv.URL+"/dialog"); err != nil {
		t.Fatal(err)
	}
	if err := p.WaitFor(ctx, `document.getElementById("p")`); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(dialogs) != 1 || dialogs[0] != "alert:hi" {
		t.Fatalf("dialogs %v", dialogs)
	}
}
