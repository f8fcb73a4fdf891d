package callscreen

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/pion/webrtc/v4"

	"github.com/callscreen/callscreen/bus"
	"github.com/callscreen/callscreen/transcribe"
)

func isAlert(cat string) func(Message) bool {
	return func(m Message) bool { return m.Type == MsgAlert && m.Category == cat }
}

func isFinalVerdict(m Message) bool { return m.Type == MsgVerdict && m.Final }

// TestScamCallAlertsOverDataChannel is the end-to-end path: a pion client
// streams flite speech as Opus in real time; the real sphinx engine, the
// real classifier worker over embedded NATS and Media raise the alert on
// the client's "alerts" data channel and on SSE while the caller is still
// talking, then deliver the verdict.
func TestScamCallAlertsOverDataChannel(t *testing.T) {
	env := newMediaEnv(t)
	packets, _ := mediaSynthOpus(t, mediaScamText)
	p := dialWHIP(t, env.url, peerOptions{})
	p.waitConnected(t, 10*time.Second)

	// An SSE client sees the same messages.
	sse := openSSE(t, env.url, p.callID())

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sent := make(chan time.Time, 1)
	go func() { sent <- p.sendOpus(ctx, packets) }()

	alert, at, seen := p.waitMessage(t, 30*time.Second, isAlert("verification_code"))
	if alert.Advice == "" {
		t.Errorf("alert without advice: %+v", alert)
	}
	talking := false
	select {
	case <-sent:
	default:
		talking = true
	}
	t.Logf("alert %q at %.1fs of call audio, arrived %s; caller still talking: %v", alert.Category, alert.At, at.Format("15:04:05.000"), talking)
	if !hasFinalTranscript(seen) && !hasPartial(seen) {
		t.Errorf("no transcript before the alert: %s", summarizeMsgs(seen))
	}
	<-sent
	if st := p.delete(t, env.url); st != http.StatusNoContent {
		t.Fatalf("DELETE: %d", st)
	}
	v, _, _ := p.waitMessage(t, 15*time.Second, isFinalVerdict)
	if v.Verdict != bus.VerdictScam {
		t.Errorf("verdict %q, want scam", v.Verdict)
	}
	// SSE got the alert and ends with the verdict.
	msgs := sse.readAll(t, 20*time.Second)
	var sawAlert bool
	for _, m := range msgs {
		sawAlert = sawAlert || (m.Type == MsgAlert && m.Category == "verification_code")
	}
	if !sawAlert {
		t.Errorf("SSE missed the alert: %s", summarizeMsgs(msgs))
	}
	if len(msgs) == 0 || msgs[len(msgs)-1].Type != MsgVerdict {
		t.Errorf("SSE did not end with the verdict: %s", summarizeMsgs(msgs))
	}
	waitMedia(t, 10*time.Second, "call to end", func() bool { return env.media.ActiveCalls() == 0 })
}

// TestLegitimateCallIsClean: the dentist's reminder raises no alert and
// gets a non-scam verdict.
func TestLegitimateCallIsClean(t *testing.T) {
	env := newMediaEnv(t)
	packets, _ := mediaSynthOpus(t, mediaCleanText)
	p := dialWHIP(t, env.url, peerOptions{})
	p.waitConnected(t, 10*time.Second)
	p.sendOpus(context.Background(), packets)
	if st := p.delete(t, env.url); st != http.StatusNoContent {
		t.Fatalf("DELETE: %d", st)
	}
	v, _, seen := p.waitMessage(t, 20*time.Second, isFinalVerdict)
	for _, m := range seen {
		if m.Type == MsgAlert {
			t.Errorf("false alert on a legitimate call: %+v", m)
		}
	}
	if v.Verdict == bus.VerdictScam {
		t.Errorf("verdict %q for a legitimate call; transcript: %s", v.Verdict, summarizeMsgs(seen))
	}
	if !hasFinalTranscript(seen) {
		t.Errorf("no final transcript: %s", summarizeMsgs(seen))
	}
}

// TestPacketLossStillDetects: 5 % loss and 2 % reordering (RELIABILITY
// scenario 11) still raise the alert.
func TestPacketLossStillDetects(t *testing.T) {
	env := newMediaEnv(t)
	packets, _ := mediaSynthOpus(t, mediaScamText)
	p := dialWHIP(t, env.url, peerOptions{loss: 0.05, reorder: 0.02, seed: 42})
	p.waitConnected(t, 10*time.Second)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go p.sendOpus(ctx, packets)
	p.waitMessage(t, 30*time.Second, isAlert("verification_code"))
}

// TestNarrowbandNotice: a PCMU-only peer is accepted (upsampled to 16 kHz),
// told that screening quality is reduced, and transcribed by the engine's
// narrowband decoders.
func TestNarrowbandNotice(t *testing.T) {
	env := newMediaEnv(t)
	eng, _ := mediaSphinx(t).(*transcribe.Sphinx)
	nbBefore := eng.Stats().NarrowbandStreams
	_, pcm := mediaSynthOpus(t, mediaScamText)
	p := dialWHIP(t, env.url, peerOptions{codec: webrtc.MimeTypePCMU})
	p.waitConnected(t, 10*time.Second)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go p.sendPCMU(ctx, pcm[:min(len(pcm), 3*16000)])
	n, _, _ := p.waitMessage(t, 10*time.Second, func(m Message) bool { return m.Type == MsgNotice })
	if !strings.Contains(n.Text, "narrowband") {
		t.Errorf("notice %q", n.Text)
	}
	for deadline := time.Now().Add(10 * time.Second); eng.Stats().NarrowbandStreams == nbBefore; {
		if time.Now().After(deadline) {
			t.Fatal("the PCMU track did not get a narrowband recogniser stream")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestWHIPRejects covers the HTTP front (RELIABILITY 13, 14): each bad
// request is refused fast with the right status and a JSON error.
func TestWHIPRejects(t *testing.T) {
	env := newMediaEnv(t)
	goodOffer := offerSDP(t)
	big := strings.Repeat("a=x-padding:"+strings.Repeat("x", 1000)+"\r\n", 10<<10) // ≈10 MB
	manyCandidates := strings.Replace(goodOffer, "a=mid:0\r\n", "a=mid:0\r\n"+strings.Repeat("a=candidate:1 1 udp 2130706431 127.0.0.1 9 typ host\r\n", 200), 1)
	noAudio := "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=sctp-port:5000\r\n"
	tests := []struct {
		name, method, path, ctype, token, body string
		want                                   int
	}{
		{"no token", "POST", whipPath, contentSDP, "", goodOffer, 401},
		{"wrong token", "POST", whipPath, contentSDP, "nope", goodOffer, 401},
		{"wrong content type", "POST", whipPath, "application/json", mediaToken, goodOffer, 415},
		{"malformed SDP", "POST", whipPath, contentSDP, mediaToken, "v=0\r\nthis is not sdp\r\n", 400},
		{"empty offer", "POST", whipPath, contentSDP, mediaToken, "", 400},
		{"10 MB offer", "POST", whipPath, contentSDP, mediaToken, "v=0\r\n" + big, 413},
		{"200 candidates (10,000 hit the size cap: 413)", "POST", whipPath, contentSDP, mediaToken, manyCandidates, 400},
		{"no audio", "POST", whipPath, contentSDP, mediaToken, noAudio, 400},
		{"DELETE unknown", "DELETE", whipPath + "/nosuchcall", "", mediaToken, "", 404},
		{"DELETE without token", "DELETE", whipPath + "/nosuchcall", "", "", "", 401},
		{"events unknown", "GET", "/v1/calls/nosuchcall/events", "", mediaToken, "", 404},
		{"events without token", "GET", "/v1/calls/nosuchcall/events", "", "", "", 401},
		{"PATCH trickle", "PATCH", whipPath + "/x", "application/trickle-ice-sdpfrag", mediaToken, "", 405},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, env.url+tc.path, strings.NewReader(tc.body))
			if tc.ctype != "" {
				req.Header.Set("Content-Type", tc.ctype)
			}
			if tc.token != "" {
				req.Header.Set("Authorization", "Bearer "+tc.token)
			}
			start := time.Now()
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			body, _ := io.ReadAll(res.Body)
			if took := time.Since(start); took > 2*time.Second {
				t.Errorf("took %s", took)
			}
			if res.StatusCode != tc.want {
				t.Fatalf("status %d, want %d: %s", res.StatusCode, tc.want, body)
			}
			var e struct{ Error string }
			if json.Unmarshal(body, &e) != nil || e.Error == "" {
				t.Errorf("no JSON error body: %q", body)
			}
		})
	}
	if n := env.media.ActiveCalls(); n != 0 {
		t.Errorf("%d calls left by refused offers", n)
	}
}

// TestWHIPPreflight: the CORS preflight names the headers a WHIP client needs.
func TestWHIPPreflight(t *testing.T) {
	env := newMediaEnv(t)
	req, _ := http.NewRequest(http.MethodOptions, env.url+whipPath, nil)
	req.Header.Set("Origin", "https://example.org")
	req.Header.Set("Access-Control-Request-Method", "POST")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	h := res.Header
	if res.StatusCode != http.StatusNoContent || !strings.Contains(h.Get("Access-Control-Allow-Headers"), "Authorization") ||
		!strings.Contains(h.Get("Access-Control-Expose-Headers"), "Location") || h.Get("Access-Control-Allow-Origin") == "" {
		t.Errorf("preflight: %d %v", res.StatusCode, h)
	}
}

// TestHalfOpenOffersReapedAndCapHolds (RELIABILITY 10): offers whose ICE
// never completes count against MaxCalls, are reaped after ICETimeout with
// their end event published, and free their slots.
func TestHalfOpenOffersReapedAndCapHolds(t *testing.T) {
	env := newMediaEnv(t, func(c *MediaConfig) { c.MaxCalls = 3; c.ICETimeout = time.Second; c.VerdictWait = time.Second })
	ends := subscribeEvents(t, env.bus, bus.EventEnd)
	var peers []*testPeer
	for range 3 {
		peers = append(peers, dialWHIP(t, env.url, peerOptions{noConnect: true}))
	}
	if n := env.media.ActiveCalls(); n != 3 {
		t.Fatalf("ActiveCalls %d, want 3", n)
	}
	req, _ := http.NewRequest(http.MethodPost, env.url+whipPath, strings.NewReader(offerSDP(t)))
	req.Header.Set("Content-Type", contentSDP)
	req.Header.Set("Authorization", "Bearer "+mediaToken)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" {
		t.Fatalf("4th offer: %d Retry-After=%q, want 503 with Retry-After", res.StatusCode, res.Header.Get("Retry-After"))
	}
	waitMedia(t, 10*time.Second, "half-open calls reaped", func() bool { return env.media.ActiveCalls() == 0 })
	for _, p := range peers {
		waitEvent(t, ends, p.callID(), 5*time.Second)
	}
	// The slots are free again.
	p := dialWHIP(t, env.url, peerOptions{})
	p.waitConnected(t, 10*time.Second)
}

// TestVanishedPeerIsReaped (RELIABILITY 9): a peer process killed with
// SIGKILL (no DELETE, no DTLS close) is detected by ICE, its transcript is
// finalised (end event), and goroutines return to baseline.
func TestVanishedPeerIsReaped(t *testing.T) {
	env := newMediaEnv(t)
	ends := subscribeEvents(t, env.bus, bus.EventEnd)
	mediaSynthOpus(t, mediaScamText) // warm the speech cache outside the goroutine count
	// Warm-up call so lazily started goroutines (pools, NATS) are counted
	// in the baseline.
	warm := dialWHIP(t, env.url, peerOptions{})
	warm.waitConnected(t, 10*time.Second)
	warm.delete(t, env.url)
	waitEvent(t, ends, warm.callID(), 10*time.Second)
	waitMedia(t, 15*time.Second, "warm-up call to end", func() bool { return env.media.ActiveCalls() == 0 })
	_ = warm.pc.Close()
	time.Sleep(200 * time.Millisecond)
	base := runtime.NumGoroutine()

	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperVanishingPeer$", "-test.v")
	cmd.Env = append(os.Environ(), "CALLSCREEN_HELPER_PEER="+env.url)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	callID := ""
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if id, ok := strings.CutPrefix(sc.Text(), "CALL "); ok {
			callID = id
			break
		}
	}
	if callID == "" {
		t.Fatal("helper peer did not connect")
	}
	waitMedia(t, 10*time.Second, "the call to be active", func() bool { return env.media.ActiveCalls() == 1 })
	time.Sleep(1500 * time.Millisecond) // some audio flows
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	killed := time.Now()
	ev := waitEvent(t, ends, callID, 20*time.Second)
	t.Logf("vanished peer's call ended %s after SIGKILL (last seq %d)", time.Since(killed).Round(time.Millisecond), ev.LastSeq)
	waitMedia(t, 15*time.Second, "call reaped", func() bool { return env.media.ActiveCalls() == 0 })
	waitMedia(t, 15*time.Second, "goroutines back to baseline", func() bool {
		return runtime.NumGoroutine() <= base+2
	})
}

// TestHelperVanishingPeer is not a test: TestVanishedPeerIsReaped runs it
// in a child process that connects, streams audio, and gets SIGKILLed.
func TestHelperVanishingPeer(t *testing.T) {
	url := os.Getenv("CALLSCREEN_HELPER_PEER")
	if url == "" {
		t.Skip("helper process for TestVanishedPeerIsReaped")
	}
	packets, _ := mediaSynthOpus(t, mediaScamText)
	p := dialWHIP(t, url, peerOptions{})
	p.waitConnected(t, 10*time.Second)
	os.Stdout.WriteString("CALL " + p.callID() + "\n")
	for {
		p.sendOpus(context.Background(), packets)
	}
}

// TestPageIsServedWithCSP: the page is public, strict-CSP and inline-free.
func TestPageIsServedWithCSP(t *testing.T) {
	env := newMediaEnv(t)
	for _, path := range []string{"/", "/static/app.js", "/static/app.css"} {
		res, err := http.Get(env.url + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Security-Policy"), "default-src 'self'") {
			t.Errorf("%s: %d CSP=%q", path, res.StatusCode, res.Header.Get("Content-Security-Policy"))
		}
		s := string(body)
		if path == "/" && (strings.Contains(s, "<script>") || strings.Contains(s, "style=") || strings.Contains(s, "onclick")) {
			t.Errorf("page has inline script or style")
		}
		if path == "/static/app.js" && strings.Contains(s, "innerHTML") {
			t.Errorf("app.js uses innerHTML")
		}
	}
}

// --- helpers ----------------------------------------------------------------

func hasFinalTranscript(ms []Message) bool {
	for _, m := range ms {
		if m.Type == MsgTranscript && m.Final {
			return true
		}
	}
	return false
}

func hasPartial(ms []Message) bool {
	for _, m := range ms {
		if m.Type == MsgTranscript && !m.Final {
			return true
		}
	}
	return false
}

// offerSDP returns a real pion audio offer (with an alerts data channel).
func offerSDP(t *testing.T) string {
	t.Helper()
	api := mediaClientAPI(t, webrtc.MimeTypeOpus)
	pc, err := api.NewPeerConnection(webrtc.Configuration{})
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	if _, err := pc.AddTransceiverFromKind(webrtc.RTPCodecTypeAudio, webrtc.RTPTransceiverInit{Direction: webrtc.RTPTransceiverDirectionSendonly}); err != nil {
		t.Fatal(err)
	}
	if _, err := pc.CreateDataChannel(dataChannelLabel, nil); err != nil {
		t.Fatal(err)
	}
	offer, err := pc.CreateOffer(nil)
	if err != nil {
		t.Fatal(err)
	}
	return offer.SDP
}

// subscribeEvents collects call events of one type from the bus.
func subscribeEvents(t *testing.T, conn *bus.Conn, typ string) chan bus.Event {
	t.Helper()
	ch := make(chan bus.Event, 64)
	sub, err := conn.NC.Subscribe(bus.EventPrefix+"*", func(m *nats.Msg) {
		if ev, err := bus.DecodeEvent(m.Data); err == nil && ev.Type == typ {
			ch <- ev
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	_ = conn.NC.Flush()
	t.Cleanup(func() { _ = sub.Unsubscribe() })
	return ch
}

func waitEvent(t *testing.T, ch chan bus.Event, callID string, d time.Duration) bus.Event {
	t.Helper()
	timer := time.NewTimer(d)
	defer timer.Stop()
	for {
		select {
		case ev := <-ch:
			if ev.CallID == callID {
				return ev
			}
			ch <- ev // someone else's; put it back for them
			time.Sleep(5 * time.Millisecond)
		case <-timer.C:
			t.Fatalf("no end event for %s within %s", callID, d)
		}
	}
}

type sseStream struct {
	res  *http.Response
	msgs chan Message
	done chan struct{}
}

func openSSE(t *testing.T, baseURL, callID string) *sseStream {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, baseURL+"/v1/calls/"+callID+"/events", nil)
	req.Header.Set("Authorization", "Bearer "+mediaToken)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("SSE: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	s := &sseStream{res: res, msgs: make(chan Message, 4096), done: make(chan struct{})}
	t.Cleanup(func() { res.Body.Close() })
	go func() {
		defer close(s.done)
		sc := bufio.NewScanner(res.Body)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var m Message
				if json.Unmarshal([]byte(data), &m) == nil {
					s.msgs <- m
				}
			}
		}
	}()
	return s
}

// readAll waits for the server to end the stream and returns its messages.
func (s *sseStream) readAll(t *testing.T, d time.Duration) []Message {
	t.Helper()
	select {
	case <-s.done:
	case <-time.After(d):
		t.Fatalf("SSE stream still open after %s", d)
	}
	var out []Message
	for {
		select {
		case m := <-s.msgs:
			out = append(out, m)
		default:
			return out
		}
	}
}

// TestDrainFinalisesCalls: Drain refuses new calls, and when its context
// ends it closes the remaining calls with their transcripts finalised.
func TestDrainFinalisesCalls(t *testing.T) {
	env := newMediaEnv(t, func(c *MediaConfig) { c.VerdictWait = 2 * time.Second })
	ends := subscribeEvents(t, env.bus, bus.EventEnd)
	packets, _ := mediaSynthOpus(t, mediaCleanText)
	p := dialWHIP(t, env.url, peerOptions{})
	p.waitConnected(t, 10*time.Second)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go p.sendOpus(ctx, packets)
	time.Sleep(time.Second) // some audio flows

	dctx, dcancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer dcancel()
	drained := make(chan error, 1)
	go func() { drained <- env.media.Drain(dctx) }()
	waitMedia(t, 5*time.Second, "draining to refuse offers", func() bool {
		req, _ := http.NewRequest(http.MethodPost, env.url+whipPath, strings.NewReader(offerSDP(t)))
		req.Header.Set("Content-Type", contentSDP)
		req.Header.Set("Authorization", "Bearer "+mediaToken)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return false
		}
		res.Body.Close()
		return res.StatusCode == http.StatusServiceUnavailable
	})
	select {
	case err := <-drained:
		if err == nil {
			t.Error("Drain returned nil although a call was still active at its deadline")
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Drain did not return")
	}
	if n := env.media.ActiveCalls(); n != 0 {
		t.Errorf("%d calls after Drain", n)
	}
	waitEvent(t, ends, p.callID(), 5*time.Second)
}
