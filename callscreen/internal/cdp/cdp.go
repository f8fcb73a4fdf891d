// Package cdp is a small Chrome DevTools Protocol client for callscreen's
// browser tests: it launches a headless Chromium, attaches to its page, and
// navigates, evaluates script, waits for conditions, listens to events and
// takes screenshots. It speaks the protocol over a plain websocket
// (golang.org/x/net/websocket), so the tests need no browser-automation
// dependency, only the Debian chromium package.
package cdp

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/net/websocket"
)

// Errors.
var (
	// ErrNoBrowser means Chromium could not be started or reached.
	ErrNoBrowser = errors.New("cdp: no browser")
	// ErrClosed means the page's connection is closed.
	ErrClosed = errors.New("cdp: connection closed")
)

// origin is the Origin the client presents; Chromium is told to accept
// exactly it.
const origin = "http://127.0.0.1"

// DefaultArgs are the flags every launch uses: headless, no sandbox (tests
// run as root in containers), and nothing that phones home.
var DefaultArgs = []string{
	"--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
	"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
	"--disable-default-apps", "--disable-extensions", "--mute-audio",
}

// Options configure Launch.
type Options struct {
	// Path of the browser; "chromium" (looked up in PATH) when empty.
	Path string
	// Args are extra flags, e.g. fake media devices.
	Args []string
	// UserDataDir is the profile; a temporary one, removed by Close, when
	// empty.
	UserDataDir string
	// Window is the window size, "1280,1600" when empty.
	Window string
	// URL is the page to open first; about:blank when empty.
	URL string
}

// Browser is a running Chromium. Close ends it.
type Browser struct {
	cmd     *exec.Cmd
	port    int
	dir     string
	ownsDir bool
}

// Launch starts Chromium with the DevTools endpoint on a free loopback port
// and waits until it answers (bounded by ctx).
func Launch(ctx context.Context, opts Options) (*Browser, error) {
	path := opts.Path
	if path == "" {
		path = "chromium"
	}
	exe, err := exec.LookPath(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNoBrowser, err)
	}
	b := &Browser{dir: opts.UserDataDir}
	if b.dir == "" {
		if b.dir, err = os.MkdirTemp("", "cdp-profile-"); err != nil {
			return nil, err
		}
		b.ownsDir = true
	}
	window := opts.Window
	if window == "" {
		window = "1280,1600"
	}
	url := opts.URL
	if url == "" {
		url = "about:blank"
	}
	args := append([]string{}, DefaultArgs...)
	args = append(args, "--user-data-dir="+b.dir, "--window-size="+window,
		"--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
		"--remote-allow-origins="+origin)
	args = append(args, opts.Args...)
	args = append(args, url)
	b.cmd = exec.Command(exe, args...)
	// Its own process group, so that Close ends the renderer and utility
	// processes with it.
	b.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := b.cmd.Start(); err != nil {
		b.cleanup()
		return nil, fmt.Errorf("%w: %w", ErrNoBrowser, err)
	}
	// Chromium writes the port it picked into the profile.
	for {
		raw, err := os.ReadFile(filepath.Join(b.dir, "DevToolsActivePort"))
		if err == nil {
			first, _, _ := strings.Cut(string(raw), "\n")
			if p, err := strconv.Atoi(strings.TrimSpace(first)); err == nil && p > 0 {
				b.port = p
				return b, nil
			}
		}
		select {
		case <-ctx.Done():
			b.Close()
			return nil, fmt.Errorf("%w: DevTools port not published: %w", ErrNoBrowser, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// Close ends the browser and removes a temporary profile.
func (b *Browser) Close() error {
	if b.cmd != nil && b.cmd.Process != nil {
		_ = syscall.Kill(-b.cmd.Process.Pid, syscall.SIGKILL)
		_ = b.cmd.Wait()
	}
	b.cleanup()
	return nil
}

func (b *Browser) cleanup() {
	if b.ownsDir {
		_ = os.RemoveAll(b.dir)
	}
}

type target struct {
	Type                 string `json:"type"`
	URL                  string `json:"url"`
	WebSocketDebuggerURL string `json:"webSocketDebuggerUrl"`
}

// Page attaches to the browser's first page (tab).
func (b *Browser) Page(ctx context.Context) (*Page, error) {
	for {
		ws, err := b.pageSocket(ctx)
		if err == nil {
			return dial(ws)
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("%w: no page target: %w (last: %v)", ErrNoBrowser, ctx.Err(), err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func (b *Browser) pageSocket(ctx context.Context) (string, error) {
	req, _ := http.NewRequestWithContext(ctx, "GET", fmt.Sprintf("http://127.0.0.1:%d/json/list", b.port), nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	var targets []target
	if err := json.NewDecoder(res.Body).Decode(&targets); err != nil {
		return "", err
	}
	for _, t := range targets {
		if t.Type == "page" && t.WebSocketDebuggerURL != "" {
			return t.WebSocketDebuggerURL, nil
		}
	}
	return "", errors.New("no page yet")
}

// Page is a DevTools connection to one page. Its reader goroutine is owned
// by the Page and ends with Close.
type Page struct {
	ws   *websocket.Conn
	wmu  sync.Mutex // serialises writes
	done chan struct{}

	mu       sync.Mutex
	nextID   int64
	pending  map[int64]chan response
	handlers map[string][]func(json.RawMessage)
	err      error
	loads    chan struct{}
}

type response struct {
	Result json.RawMessage
	Err    error
}

type message struct {
	ID     int64           `json:"id"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func dial(wsURL string) (*Page, error) {
	ws, err := websocket.Dial(wsURL, "", origin)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNoBrowser, err)
	}
	p := &Page{
		ws: ws, done: make(chan struct{}),
		pending:  make(map[int64]chan response),
		handlers: make(map[string][]func(json.RawMessage)),
		loads:    make(chan struct{}, 1),
	}
	p.On("Page.loadEventFired", func(json.RawMessage) {
		select {
		case p.loads <- struct{}{}:
		default:
		}
	})
	go p.read()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for _, domain := range []string{"Page.enable", "Runtime.enable"} {
		if err := p.Call(ctx, domain, nil, nil); err != nil {
			p.Close()
			return nil, err
		}
	}
	return p, nil
}

func (p *Page) read() {
	defer close(p.done)
	for {
		var raw []byte
		if err := websocket.Message.Receive(p.ws, &raw); err != nil {
			p.fail(fmt.Errorf("%w: %w", ErrClosed, err))
			return
		}
		var m message
		if json.Unmarshal(raw, &m) != nil {
			continue
		}
		if m.ID == 0 {
			p.mu.Lock()
			hs := append([]func(json.RawMessage){}, p.handlers[m.Method]...)
			p.mu.Unlock()
			for _, h := range hs {
				h(m.Params)
			}
			continue
		}
		p.mu.Lock()
		ch := p.pending[m.ID]
		delete(p.pending, m.ID)
		p.mu.Unlock()
		if ch == nil {
			continue // a command nobody waits for
		}
		r := response{Result: m.Result}
		if m.Error != nil {
			r.Err = fmt.Errorf("cdp: %s (%d)", m.Error.Message, m.Error.Code)
		}
		ch <- r
	}
}

func (p *Page) fail(err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.err == nil {
		p.err = err
	}
	for id, ch := range p.pending {
		ch <- response{Err: err}
		delete(p.pending, id)
	}
}

// On registers fn for an event (e.g. "Page.javascriptDialogOpening"). fn
// runs on the reader goroutine: it must return quickly and must not Call.
func (p *Page) On(event string, fn func(params json.RawMessage)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.handlers[event] = append(p.handlers[event], fn)
}

func (p *Page) send(method string, params any, wait bool) (int64, chan response, error) {
	if params == nil {
		params = struct{}{}
	}
	p.mu.Lock()
	if p.err != nil {
		err := p.err
		p.mu.Unlock()
		return 0, nil, err
	}
	p.nextID++
	id := p.nextID
	var ch chan response
	if wait {
		ch = make(chan response, 1)
		p.pending[id] = ch
	}
	p.mu.Unlock()
	b, err := json.Marshal(map[string]any{"id": id, "method": method, "params": params})
	if err != nil {
		return 0, nil, err
	}
	p.wmu.Lock()
	err = websocket.Message.Send(p.ws, string(b))
	p.wmu.Unlock()
	if err != nil {
		p.mu.Lock()
		delete(p.pending, id)
		p.mu.Unlock()
		return 0, nil, fmt.Errorf("%w: %w", ErrClosed, err)
	}
	return id, ch, nil
}

// Call sends a command and decodes its result into result (when non-nil).
func (p *Page) Call(ctx context.Context, method string, params, result any) error {
	id, ch, err := p.send(method, params, true)
	if err != nil {
		return fmt.Errorf("cdp %s: %w", method, err)
	}
	select {
	case r := <-ch:
		if r.Err != nil {
			return fmt.Errorf("cdp %s: %w", method, r.Err)
		}
		if result != nil {
			if err := json.Unmarshal(r.Result, result); err != nil {
				return fmt.Errorf("cdp %s result: %w", method, err)
			}
		}
		return nil
	case <-ctx.Done():
		p.mu.Lock()
		delete(p.pending, id)
		p.mu.Unlock()
		return fmt.Errorf("cdp %s: %w", method, ctx.Err())
	}
}

// DismissDialogs answers every alert/confirm/prompt at once (dismissing
// it), after telling fn its type and message. An open dialog would
// otherwise block the page and every later Eval.
func (p *Page) DismissDialogs(fn func(kind, message string)) {
	p.On("Page.javascriptDialogOpening", func(params json.RawMessage) {
		var d struct {
			Type    string `json:"type"`
			Message string `json:"message"`
		}
		_ = json.Unmarshal(params, &d)
		if fn != nil {
			fn(d.Type, d.Message)
		}
		// Fire and forget: the reader cannot wait for its own answer.
		_, _, _ = p.send("Page.handleJavaScriptDialog", map[string]any{"accept": false}, false)
	})
}

// Navigate loads url and waits for its load event.
func (p *Page) Navigate(ctx context.Context, url string) error {
	select {
	case <-p.loads: // a stale load event
	default:
	}
	var r struct {
		ErrorText string `json:"errorText"`
	}
	if err := p.Call(ctx, "Page.navigate", map[string]any{"url": url}, &r); err != nil {
		return err
	}
	if r.ErrorText != "" {
		return fmt.Errorf("cdp: navigate %s: %s", url, r.ErrorText)
	}
	select {
	case <-p.loads:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("cdp: navigate %s: %w", url, ctx.Err())
	}
}

// Eval evaluates a JavaScript expression (awaiting a promise) and decodes
// its value into out (when non-nil). A thrown exception is an error.
func (p *Page) Eval(ctx context.Context, expr string, out any) error {
	var r struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text      string `json:"text"`
			Exception *struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	err := p.Call(ctx, "Runtime.evaluate", map[string]any{
		"expression": expr, "returnByValue": true, "awaitPromise": true,
	}, &r)
	if err != nil {
		return err
	}
	if ex := r.ExceptionDetails; ex != nil {
		msg := ex.Text
		if ex.Exception != nil {
			msg += " " + ex.Exception.Description
		}
		return fmt.Errorf("cdp: script error: %s", msg)
	}
	if out != nil && len(r.Result.Value) > 0 {
		if err := json.Unmarshal(r.Result.Value, out); err != nil {
			return fmt.Errorf("cdp: script result: %w", err)
		}
	}
	return nil
}

// WaitFor polls a JavaScript expression until it is truthy or ctx ends.
// Script errors while the page is changing (navigation) count as false.
func (p *Page) WaitFor(ctx context.Context, expr string) error {
	var last error
	for {
		var ok bool
		err := p.Eval(ctx, "!!("+expr+")", &ok)
		if err == nil && ok {
			return nil
		}
		if err != nil {
			last = err
		}
		select {
		case <-ctx.Done():
			if last != nil {
				return fmt.Errorf("cdp: waiting for %s: %w (last error: %v)", expr, ctx.Err(), last)
			}
			return fmt.Errorf("cdp: waiting for %s: %w", expr, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// Screenshot writes a PNG of the whole page to path.
func (p *Page) Screenshot(ctx context.Context, path string) error {
	var r struct {
		Data string `json:"data"`
	}
	if err := p.Call(ctx, "Page.captureScreenshot", map[string]any{"format": "png", "captureBeyondViewport": true}, &r); err != nil {
		return err
	}
	b, err := base64.StdEncoding.DecodeString(r.Data)
	if err != nil {
		return fmt.Errorf("cdp: screenshot: %w", err)
	}
	return os.WriteFile(path, b, 0o644)
}

// Close closes the connection and waits for the reader.
func (p *Page) Close() error {
	err := p.ws.Close()
	<-p.done
	return err
}
