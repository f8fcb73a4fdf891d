package callscreen

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pion/ice/v4"
	"github.com/pion/rtp"
	"github.com/pion/webrtc/v4"

	"github.com/callscreen/callscreen/bus"
	"github.com/callscreen/callscreen/classify"
	"github.com/callscreen/callscreen/transcribe"
)

const mediaToken = "test-token-0123456789"

// Test speech. flite's rms voice is recognised at ≈3 % WER (FIELD-NOTES).
const (
	mediaScamText  = "hello, this is amazon security. we detected a suspicious order on your account. please read me the verification code we just sent to your phone."
	mediaCleanText = "hi, it's your dentist. i'm calling to remind you of your appointment on tuesday at ten. see you then."
)

// needMediaTools skips (or fails under CI=true) when an external tool the test
// needs is missing.
func needMediaTools(tb testing.TB, tools ...string) {
	tb.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				tb.Fatalf("%s is required in CI (Debian packages flite, opus-tools, chromium)", tool)
			}
			tb.Skipf("%s not installed", tool)
		}
	}
}

var (
	mediaEngineOnce sync.Once
	mediaEngineInst *transcribe.Sphinx
	mediaEngineErr  error
)

// mediaSphinx is shared by the package's tests: each decoder costs
// ≈0.3 s to create and ≈110 MB, and the mediaEngineInst pools them.
func mediaSphinx(tb testing.TB) transcribe.Engine {
	tb.Helper()
	mediaEngineOnce.Do(func() {
		mediaEngineInst, mediaEngineErr = transcribe.NewSphinx(transcribe.SphinxConfig{
			Keywords: classify.SpotPhrases(),
			PoolSize: 8,
			Logger:   slog.New(slog.DiscardHandler),
		})
	})
	if mediaEngineErr != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("sphinx mediaEngineInst: %v", mediaEngineErr)
		}
		tb.Skipf("sphinx mediaEngineInst unavailable: %v", mediaEngineErr)
	}
	return mediaEngineInst
}

// mediaEnv is a complete live-screening stack: embedded NATS, the real
// classifier worker, the sphinx mediaEngineInst and Media behind httptest
// (or, withMediaBus, Media on the caller's NATS connection).
type mediaEnv struct {
	bus   *bus.Conn
	media *Media
	srv   *httptest.Server
	url   string
}

type mediaEnvOption func(*MediaConfig)

// withMediaBus makes the env's Media use conn instead of an embedded NATS
// server of its own; the caller runs the worker and closes conn.
func withMediaBus(conn *bus.Conn) mediaEnvOption {
	return func(c *MediaConfig) { c.Bus = conn }
}

func newMediaEnv(tb testing.TB, opts ...mediaEnvOption) *mediaEnv {
	tb.Helper()
	eng := mediaSphinx(tb)
	cfg := MediaConfig{
		Engine:                 eng,
		Auth:                   mediaUsersAuth(tb),
		Redact:                 classify.Redact,
		Logger:                 mediaTestLogger(tb),
		LoopbackOnly:           true,
		ICETimeout:             3 * time.Second,
		ICEDisconnectedTimeout: time.Second,
		ICEFailedTimeout:       time.Second,
		VerdictWait:            5 * time.Second,
	}
	for _, o := range opts {
		o(&cfg)
	}
	ctx, cancel := context.WithCancel(context.Background())
	workerDone := make(chan error, 1)
	ownBus := cfg.Bus == nil
	if ownBus {
		conn, err := bus.Connect(ctx, bus.Config{DataDir: tb.TempDir()})
		if err != nil {
			cancel()
			tb.Fatalf("bus: %v", err)
		}
		w, err := NewWorker(WorkerConfig{Bus: conn, AckWait: 5 * time.Second})
		if err != nil {
			cancel()
			conn.Close()
			tb.Fatalf("worker: %v", err)
		}
		go func() { workerDone <- w.Run(ctx) }()
		cfg.Bus = conn
	}
	m, err := NewMedia(cfg)
	if err != nil {
		tb.Fatalf("media: %v", err)
	}
	mux := http.NewServeMux()
	m.Register(mux)
	srv := httptest.NewServer(mux)
	env := &mediaEnv{bus: cfg.Bus, media: m, srv: srv, url: srv.URL}
	tb.Cleanup(func() {
		srv.Close()
		_ = m.Close()
		cancel()
		if ownBus {
			<-workerDone
			cfg.Bus.Close()
		}
	})
	return env
}

// mediaUsers are the users of every media test env: the operator
// (mediaToken) and alice and bob, whose tokens are in mediaUserTokens.
var (
	mediaUsersOnce  sync.Once
	mediaUsers      *Users
	mediaUserTokens = map[string]string{}
)

// mediaUsersAuth authenticates as Server.Authenticate does, against
// mediaUsers.
func mediaUsersAuth(tb testing.TB) func(*http.Request) (Identity, bool) {
	mediaUsersOnce.Do(func() {
		dir, err := os.MkdirTemp("", "callscreen-users")
		if err != nil {
			tb.Fatal(err)
		}
		path := filepath.Join(dir, "users")
		for _, n := range []string{"alice", "bob"} {
			if mediaUserTokens[n], err = AddUser(path, n); err != nil {
				tb.Fatal(err)
			}
		}
		if mediaUsers, err = NewUsers(mediaToken, path, nil); err != nil {
			tb.Fatal(err)
		}
	})
	srv, err := NewServer(ServerConfig{Users: mediaUsers})
	if err != nil {
		tb.Fatal(err)
	}
	return srv.Authenticate
}

// mediaTestLogger logs to the test at CALLSCREEN_TEST_LOG=debug|info, else nowhere.
func mediaTestLogger(tb testing.TB) *slog.Logger {
	var level slog.Level
	switch os.Getenv("CALLSCREEN_TEST_LOG") {
	case "debug":
		level = slog.LevelDebug
	case "info":
		level = slog.LevelInfo
	default:
		return slog.New(slog.DiscardHandler)
	}
	return slog.New(slog.NewTextHandler(mediaTBWriter{tb}, &slog.HandlerOptions{Level: level}))
}

type mediaTBWriter struct{ tb testing.TB }

func (w mediaTBWriter) Write(p []byte) (int, error) {
	w.tb.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// --- synthetic speech ----------------------------------------------------

var (
	mediaSpeechMu    sync.Mutex
	mediaSpeechCache = map[string]string{}
	mediaSpeechDir   string
)

// mediaSynthWAV speaks text with flite (16 kHz mono WAV) and returns its path.
func mediaSynthWAV(tb testing.TB, text string) string {
	tb.Helper()
	needMediaTools(tb, "flite")
	mediaSpeechMu.Lock()
	defer mediaSpeechMu.Unlock()
	if p, ok := mediaSpeechCache["wav:"+text]; ok {
		return p
	}
	if mediaSpeechDir == "" {
		d, err := os.MkdirTemp("", "callscreen-speech-")
		if err != nil {
			tb.Fatal(err)
		}
		mediaSpeechDir = d
	}
	p := filepath.Join(mediaSpeechDir, fmt.Sprintf("s%d.wav", len(mediaSpeechCache)))
	if out, err := exec.Command("flite", "-voice", "rms", "-t", text, "-o", p).CombinedOutput(); err != nil {
		tb.Fatalf("flite: %v: %s", err, out)
	}
	mediaSpeechCache["wav:"+text] = p
	return p
}

// mediaSynthOpus speaks text and encodes it with opusenc; it returns the Opus
// packets (20 ms each) and the WAV's 16 kHz samples.
func mediaSynthOpus(tb testing.TB, text string) (packets [][]byte, pcm []int16) {
	tb.Helper()
	needMediaTools(tb, "opusenc")
	wav := mediaSynthWAV(tb, text)
	ogg := strings.TrimSuffix(wav, ".wav") + ".opus"
	if _, err := os.Stat(ogg); err != nil {
		if out, err := exec.Command("opusenc", "--quiet", "--bitrate", "32", "--framesize", "20", wav, ogg).CombinedOutput(); err != nil {
			tb.Fatalf("opusenc: %v: %s", err, out)
		}
	}
	f, err := os.Open(ogg)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	packets, err = readOggOpus(f)
	if err != nil {
		tb.Fatalf("%s: %v", ogg, err)
	}
	return packets, mediaReadWAV(tb, wav)
}

// readOggOpus splits an Ogg Opus file into Opus packets. pion's
// oggreader returns whole page payloads, in which opusenc packs up to a
// second of packets, so the lacing values are read here instead.
func readOggOpus(r io.Reader) ([][]byte, error) {
	var packets [][]byte
	var cur []byte
	hdr := make([]byte, 27)
	for {
		if _, err := io.ReadFull(r, hdr); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return nil, err
		}
		if string(hdr[:4]) != "OggS" {
			return nil, errors.New("not an Ogg page")
		}
		lacing := make([]byte, hdr[26])
		if _, err := io.ReadFull(r, lacing); err != nil {
			return nil, err
		}
		for _, l := range lacing {
			seg := make([]byte, l)
			if _, err := io.ReadFull(r, seg); err != nil {
				return nil, err
			}
			cur = append(cur, seg...)
			if l < 255 {
				packets = append(packets, cur)
				cur = nil
			}
		}
	}
	// Drop the OpusHead and OpusTags header packets.
	out := packets[:0]
	for _, p := range packets {
		if bytes.HasPrefix(p, []byte("OpusHead")) || bytes.HasPrefix(p, []byte("OpusTags")) {
			continue
		}
		out = append(out, p)
	}
	return out, nil
}

// mediaReadWAV reads a 16-bit PCM WAV's samples (flite's output format).
func mediaReadWAV(tb testing.TB, path string) []int16 {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	i := bytes.Index(b, []byte("data"))
	if i < 0 || i+8 > len(b) {
		tb.Fatalf("%s: no data chunk", path)
	}
	data := b[i+8:]
	pcm := make([]int16, len(data)/2)
	for j := range pcm {
		pcm[j] = int16(binary.LittleEndian.Uint16(data[2*j:]))
	}
	return pcm
}

// speechEnd is where speech ends in pcm (seconds): the last 10 ms window
// whose peak exceeds ~-30 dBFS. flite ends its output shortly after the
// last word, so this is the end of the spoken request.
func speechEnd(pcm []int16, rate int) float64 {
	win := rate / 100
	for end := len(pcm); end-win >= 0; end -= win {
		peak := 0
		for _, s := range pcm[end-win : end] {
			peak = max(peak, int(max(s, -s)))
		}
		if peak > 1000 {
			return float64(end) / float64(rate)
		}
	}
	return 0
}

// --- a pion client peer (the "phone app") ---------------------------------

type peerOptions struct {
	codec     string  // webrtc.MimeTypeOpus (default) or webrtc.MimeTypePCMU
	noDC      bool    // no alerts data channel
	streamID  string  // MediaStream id of the track (labelling)
	loss      float64 // fraction of packets dropped
	reorder   float64 // fraction of packets swapped with the next
	seed      uint64
	noConnect bool   // post the offer but never apply the answer (half-open)
	token     string // bearer token; mediaToken (the operator's) by default
}

type testPeer struct {
	pc       *webrtc.PeerConnection
	track    *webrtc.TrackLocalStaticRTP
	location string
	msgs     chan Message
	opts     peerOptions
}

func mediaClientAPI(tb testing.TB, codec string) *webrtc.API {
	tb.Helper()
	me := &webrtc.MediaEngine{}
	var c webrtc.RTPCodecParameters
	if codec == webrtc.MimeTypePCMU {
		c = webrtc.RTPCodecParameters{RTPCodecCapability: webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypePCMU, ClockRate: 8000}, PayloadType: 0}
	} else {
		c = webrtc.RTPCodecParameters{RTPCodecCapability: webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeOpus, ClockRate: 48000, Channels: 2}, PayloadType: 111}
	}
	if err := me.RegisterCodec(c, webrtc.RTPCodecTypeAudio); err != nil {
		tb.Fatal(err)
	}
	var se webrtc.SettingEngine
	se.SetIncludeLoopbackCandidate(true)
	se.SetIPFilter(func(ip net.IP) bool { return ip.IsLoopback() })
	se.SetNetworkTypes([]webrtc.NetworkType{webrtc.NetworkTypeUDP4})
	se.SetICEMulticastDNSMode(ice.MulticastDNSModeDisabled)
	se.SetICETimeouts(time.Second, time.Second, 500*time.Millisecond)
	return webrtc.NewAPI(webrtc.WithMediaEngine(me), webrtc.WithSettingEngine(se))
}

// dialWHIP creates a client peer with one audio track and (unless noDC)
// the "alerts" data channel, and posts its offer to the WHIP endpoint.
func dialWHIP(tb testing.TB, baseURL string, o peerOptions) *testPeer {
	tb.Helper()
	if o.codec == "" {
		o.codec = webrtc.MimeTypeOpus
	}
	if o.token == "" {
		o.token = mediaToken
	}
	if o.streamID == "" {
		o.streamID = "phone"
	}
	api := mediaClientAPI(tb, o.codec)
	pc, err := api.NewPeerConnection(webrtc.Configuration{})
	if err != nil {
		tb.Fatal(err)
	}
	p := &testPeer{pc: pc, msgs: make(chan Message, 1024), opts: o}
	tb.Cleanup(func() { _ = pc.Close() })
	capab := webrtc.RTPCodecCapability{MimeType: o.codec, ClockRate: 48000, Channels: 2}
	if o.codec == webrtc.MimeTypePCMU {
		capab = webrtc.RTPCodecCapability{MimeType: o.codec, ClockRate: 8000}
	}
	p.track, err = webrtc.NewTrackLocalStaticRTP(capab, "audio", o.streamID)
	if err != nil {
		tb.Fatal(err)
	}
	tr, err := pc.AddTransceiverFromTrack(p.track, webrtc.RTPTransceiverInit{Direction: webrtc.RTPTransceiverDirectionSendonly})
	if err != nil {
		tb.Fatal(err)
	}
	go func() { // drain RTCP, as pion requires
		for {
			if _, _, err := tr.Sender().ReadRTCP(); err != nil {
				return
			}
		}
	}()
	if !o.noDC {
		dc, err := pc.CreateDataChannel(dataChannelLabel, nil)
		if err != nil {
			tb.Fatal(err)
		}
		dc.OnMessage(func(msg webrtc.DataChannelMessage) {
			var m Message
			if json.Unmarshal(msg.Data, &m) == nil {
				select {
				case p.msgs <- m:
				default:
				}
			}
		})
	}
	offer, err := pc.CreateOffer(nil)
	if err != nil {
		tb.Fatal(err)
	}
	gathered := webrtc.GatheringCompletePromise(pc)
	if err := pc.SetLocalDescription(offer); err != nil {
		tb.Fatal(err)
	}
	<-gathered
	req, _ := http.NewRequest(http.MethodPost, baseURL+whipPath, strings.NewReader(pc.LocalDescription().SDP))
	req.Header.Set("Content-Type", contentSDP)
	req.Header.Set("Authorization", "Bearer "+o.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusCreated {
		tb.Fatalf("POST /v1/whip: %d %s", res.StatusCode, body)
	}
	p.location = res.Header.Get("Location")
	if o.noConnect {
		return p
	}
	if err := pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeAnswer, SDP: string(body)}); err != nil {
		tb.Fatal(err)
	}
	return p
}

func (p *testPeer) callID() string { return strings.TrimPrefix(p.location, whipPath+"/") }

// waitConnected waits for ICE+DTLS.
func (p *testPeer) waitConnected(tb testing.TB, d time.Duration) {
	tb.Helper()
	deadline := time.Now().Add(d)
	for p.pc.ConnectionState() != webrtc.PeerConnectionStateConnected {
		if time.Now().After(deadline) {
			tb.Fatalf("client not connected after %s (state %s)", d, p.pc.ConnectionState())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// sendOpus sends packets in real time (20 ms each) as RTP, applying the
// peer's loss and reordering. It returns the wall time the first packet
// was sent. Stops early when ctx ends.
func (p *testPeer) sendOpus(ctx context.Context, packets [][]byte) time.Time {
	rng := rand.New(rand.NewPCG(p.opts.seed, 7))
	seq := uint16(rng.Uint32())
	ts := rng.Uint32()
	start := time.Now()
	var held *rtp.Packet
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for i, payload := range packets {
		pkt := &rtp.Packet{Header: rtp.Header{Version: 2, PayloadType: 111, SequenceNumber: seq, Timestamp: ts, Marker: i == 0}, Payload: payload}
		seq++
		ts += 960
		switch {
		case rng.Float64() < p.opts.loss:
			// dropped
		case held == nil && rng.Float64() < p.opts.reorder:
			held = pkt // sent after the next one
		default:
			_ = p.track.WriteRTP(pkt)
			if held != nil {
				_ = p.track.WriteRTP(held)
				held = nil
			}
		}
		select {
		case <-ctx.Done():
			return start
		case <-tick.C:
		}
	}
	return start
}

// sendPCMU sends 16 kHz pcm as 8 kHz µ-law in real time.
func (p *testPeer) sendPCMU(ctx context.Context, pcm16 []int16) {
	narrow := make([]int16, 0, len(pcm16)/2)
	for i := 0; i+1 < len(pcm16); i += 2 { // crude 2:1 decimation with averaging
		narrow = append(narrow, int16((int32(pcm16[i])+int32(pcm16[i+1]))/2))
	}
	seq, ts := uint16(1), uint32(0)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for off := 0; off+160 <= len(narrow); off += 160 {
		payload := make([]byte, 160)
		for i, s := range narrow[off : off+160] {
			payload[i] = linearToMulaw(s)
		}
		_ = p.track.WriteRTP(&rtp.Packet{Header: rtp.Header{Version: 2, PayloadType: 0, SequenceNumber: seq, Timestamp: ts}, Payload: payload})
		seq++
		ts += 160
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// linearToMulaw is the G.711 µ-law encoder (the decoder is audio.MulawToLinear).
func linearToMulaw(s int16) byte {
	const bias, clip = 0x84, 32635
	v := int(s)
	sign := 0
	if v < 0 {
		v, sign = -v, 0x80
	}
	v = min(v, clip) + bias
	exp := 7
	for mask := 0x4000; v&mask == 0 && exp > 0; mask >>= 1 {
		exp--
	}
	mant := (v >> (exp + 3)) & 0x0f
	return ^byte(sign | exp<<4 | mant)
}

// delete ends the call with DELETE; it returns the status.
func (p *testPeer) delete(tb testing.TB, baseURL string) int {
	tb.Helper()
	req, _ := http.NewRequest(http.MethodDelete, baseURL+p.location, nil)
	req.Header.Set("Authorization", "Bearer "+p.opts.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// waitMessage waits for a message matching pred, returning it and the time
// it arrived, and every message seen on the way.
func (p *testPeer) waitMessage(tb testing.TB, d time.Duration, pred func(Message) bool) (Message, time.Time, []Message) {
	tb.Helper()
	timer := time.NewTimer(d)
	defer timer.Stop()
	var seen []Message
	for {
		select {
		case m := <-p.msgs:
			seen = append(seen, m)
			if pred(m) {
				return m, time.Now(), seen
			}
		case <-timer.C:
			tb.Fatalf("no matching message within %s; saw %d: %s", d, len(seen), summarizeMsgs(seen))
			return Message{}, time.Time{}, seen
		}
	}
}

func summarizeMsgs(ms []Message) string {
	var b strings.Builder
	for _, m := range ms {
		if m.Type == MsgTranscript && !m.Final {
			continue
		}
		fmt.Fprintf(&b, "[%s %s %q] ", m.Type, m.Category, m.Text)
	}
	return b.String()
}

// waitMedia polls cond until it holds or d passes.
func waitMedia(tb testing.TB, d time.Duration, what string, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatalf("timed out after %s waiting for %s", d, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
