package callscreen

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/pion/ice/v4"
	"github.com/pion/interceptor"
	"github.com/pion/webrtc/v4"

	"github.com/callscreen/callscreen/bus"
	"github.com/callscreen/callscreen/classify"
	"github.com/callscreen/callscreen/transcribe"
)

// Defaults of MediaConfig.
const (
	DefaultMaxCalls          = 16
	DefaultMaxSDP            = 64 << 10
	DefaultICETimeout        = 15 * time.Second
	DefaultICEDisconnected   = 5 * time.Second
	DefaultICEFailed         = 10 * time.Second
	DefaultVerdictWait       = 5 * time.Second
	DefaultSSESubscribers    = 8
	DefaultSSEHeartbeat      = 15 * time.Second
	defaultICEKeepalive      = 2 * time.Second
	defaultOutboxSize        = 1024
	defaultTeardownTimeout   = 10 * time.Second
	maxCandidatesPerOffer    = 64
	maxAudioTracksPerCall    = 2
	dataChannelLabel         = "alerts"
	dataChannelMaxBuffered   = 1 << 20
	dataChannelBacklogAlerts = 64
)

// ErrDraining is returned (as 503) while the media role refuses new calls.
var ErrDraining = errors.New("callscreen: media is draining")

// MediaConfig configures live call screening over WebRTC.
type MediaConfig struct {
	// Bus carries segments and events out and alerts and verdicts back.
	Bus *bus.Conn
	// Engine transcribes; each audio track of a call gets its own stream.
	Engine transcribe.Engine
	// Auth returns the identity a request's bearer token stands for, if
	// any (Server.Authenticate). It is required: every route except the
	// static page is behind it. A call belongs to the user who offered it;
	// other users get 404 for it.
	Auth func(r *http.Request) (Identity, bool)
	// Redact is applied to every segment's text before it leaves the call
	// (bus, data channel, SSE). Use classify.Redact. Nil means identity,
	// which is only acceptable in tests.
	Redact func(string) string
	// Logger receives the role's logs; pion's own logs go to it at debug
	// level (warnings and errors from pion are logged at debug/warn).
	Logger *slog.Logger
	// MaxCalls caps concurrent calls, half-open ones included
	// (DefaultMaxCalls). Beyond it POST /v1/whip answers 503 + Retry-After.
	MaxCalls int
	// MaxCallsPerUser caps one user's concurrent calls, half-open ones
	// included, so that one token cannot take every slot; 0 means MaxCalls.
	MaxCallsPerUser int
	// MaxSDP caps the offer's size in bytes (DefaultMaxSDP); larger → 413.
	MaxSDP int64
	// ICETimeout reaps a call whose ICE/DTLS never completes (DefaultICETimeout).
	ICETimeout time.Duration
	// ICEDisconnectedTimeout and ICEFailedTimeout are pion's: a connected
	// peer that goes silent is "disconnected" after the first and "failed"
	// (which ends the call) after the second (DefaultICEDisconnected,
	// DefaultICEFailed).
	ICEDisconnectedTimeout, ICEFailedTimeout time.Duration
	// VerdictWait is how long a call waits for the classifier's verdict
	// after its end event before tearing down (DefaultVerdictWait).
	VerdictWait time.Duration
	// MaxSubscribers caps SSE clients per call (DefaultSSESubscribers).
	MaxSubscribers int
	// SSEHeartbeat is how often an idle SSE stream gets a comment line, so
	// that proxies keep it open and a gone client is noticed
	// (DefaultSSEHeartbeat).
	SSEHeartbeat time.Duration
	// AllowedOrigins lists the origins allowed by CORS; empty means "*",
	// which is safe because every API call needs a bearer token and no
	// cookie is ever used.
	AllowedOrigins []string
	// ICEServers are given to every peer connection (STUN/TURN), for a
	// server behind NAT. Empty is right on a public address or a LAN.
	ICEServers []webrtc.ICEServer
	// SettingEngine, when set, is used as given (ICE timeouts above are
	// applied on top). Use it for NAT 1:1 IPs, port ranges or interfaces.
	SettingEngine *webrtc.SettingEngine
	// LoopbackOnly restricts ICE to 127.0.0.1/::1 (tests, and a server that
	// only screens calls from the same host).
	LoopbackOnly bool
}

// Media is the live-call role: the WHIP endpoint, the per-call media
// pipelines, the SSE event streams and the "Screen a call" page.
type Media struct {
	cfg MediaConfig
	log *slog.Logger
	api *webrtc.API
	// detector screens calls locally while the bus is down (degraded mode).
	detector *classify.Detector

	mu       sync.Mutex
	calls    map[string]*liveCall
	draining bool
	closed   bool
	wg       sync.WaitGroup // one per call's run goroutine
}

// NewMedia validates cfg and builds the WebRTC API (codecs, interceptors,
// ICE settings). It starts no goroutine.
func NewMedia(cfg MediaConfig) (*Media, error) {
	if cfg.Bus == nil {
		return nil, errors.New("callscreen: media needs a bus connection")
	}
	if cfg.Engine == nil {
		return nil, errors.New("callscreen: media needs a transcription engine")
	}
	if cfg.Auth == nil {
		return nil, errors.New("callscreen: media needs an auth check")
	}
	if cfg.Redact == nil {
		cfg.Redact = func(s string) string { return s }
	}
	if cfg.MaxCalls <= 0 {
		cfg.MaxCalls = DefaultMaxCalls
	}
	if cfg.MaxCallsPerUser <= 0 || cfg.MaxCallsPerUser > cfg.MaxCalls {
		cfg.MaxCallsPerUser = cfg.MaxCalls
	}
	if cfg.MaxSDP <= 0 {
		cfg.MaxSDP = DefaultMaxSDP
	}
	if cfg.ICETimeout <= 0 {
		cfg.ICETimeout = DefaultICETimeout
	}
	if cfg.ICEDisconnectedTimeout <= 0 {
		cfg.ICEDisconnectedTimeout = DefaultICEDisconnected
	}
	if cfg.ICEFailedTimeout <= 0 {
		cfg.ICEFailedTimeout = DefaultICEFailed
	}
	if cfg.VerdictWait <= 0 {
		cfg.VerdictWait = DefaultVerdictWait
	}
	if cfg.MaxSubscribers <= 0 {
		cfg.MaxSubscribers = DefaultSSESubscribers
	}
	if cfg.SSEHeartbeat <= 0 {
		cfg.SSEHeartbeat = DefaultSSEHeartbeat
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = log.With("role", "media")
	api, err := newWebRTCAPI(cfg, log)
	if err != nil {
		return nil, err
	}
	return &Media{cfg: cfg, log: log, api: api, detector: classify.New(), calls: make(map[string]*liveCall)}, nil
}

// newWebRTCAPI registers Opus (preferred: wideband, what the recogniser
// needs) and PCMU/PCMA (narrowband telephone audio, accepted but poor),
// RTCP receiver reports, and the ICE settings.
func newWebRTCAPI(cfg MediaConfig, log *slog.Logger) (*webrtc.API, error) {
	me := &webrtc.MediaEngine{}
	codecs := []webrtc.RTPCodecParameters{
		{RTPCodecCapability: webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeOpus, ClockRate: 48000, Channels: 2, SDPFmtpLine: "minptime=10;useinbandfec=1"}, PayloadType: 111},
		{RTPCodecCapability: webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypePCMU, ClockRate: 8000}, PayloadType: 0},
		{RTPCodecCapability: webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypePCMA, ClockRate: 8000}, PayloadType: 8},
	}
	for _, c := range codecs {
		if err := me.RegisterCodec(c, webrtc.RTPCodecTypeAudio); err != nil {
			return nil, fmt.Errorf("callscreen: register codec %s: %w", c.MimeType, err)
		}
	}
	ir := &interceptor.Registry{}
	// Receiver reports tell the sender about loss; NACK and TWCC are for
	// video and would only add goroutines.
	if err := webrtc.ConfigureRTCPReports(ir); err != nil {
		return nil, fmt.Errorf("callscreen: rtcp reports: %w", err)
	}
	var se webrtc.SettingEngine
	if cfg.SettingEngine != nil {
		se = *cfg.SettingEngine
	}
	if se.LoggerFactory == nil {
		se.LoggerFactory = pionLoggerFactory{log: log}
	}
	se.SetICETimeouts(cfg.ICEDisconnectedTimeout, cfg.ICEFailedTimeout, min(defaultICEKeepalive, cfg.ICEDisconnectedTimeout/2))
	if cfg.LoopbackOnly {
		se.SetIncludeLoopbackCandidate(true)
		se.SetIPFilter(func(ip net.IP) bool { return ip.IsLoopback() })
		se.SetNetworkTypes([]webrtc.NetworkType{webrtc.NetworkTypeUDP4})
		se.SetICEMulticastDNSMode(ice.MulticastDNSModeDisabled) // no mDNS listener per call
	}
	return webrtc.NewAPI(webrtc.WithMediaEngine(me), webrtc.WithInterceptorRegistry(ir), webrtc.WithSettingEngine(se)), nil
}

// ActiveCalls is the number of calls in progress, half-open ones included.
func (m *Media) ActiveCalls() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.calls)
}

// Drain stops accepting calls (503), waits for the active ones to end or
// ctx to end, then ends the rest, finalising their transcripts (end event
// published, verdict awaited) before it returns.
func (m *Media) Drain(ctx context.Context) error {
	m.mu.Lock()
	m.draining = true
	m.mu.Unlock()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for m.ActiveCalls() > 0 {
		select {
		case <-ctx.Done():
			m.endAll("shutdown")
			m.wg.Wait()
			return fmt.Errorf("callscreen: media drain: %w", ctx.Err())
		case <-tick.C:
		}
	}
	m.wg.Wait()
	return nil
}

// Close ends every call at once (still finalising transcripts) and waits
// for their goroutines. The Media accepts no call afterwards.
func (m *Media) Close() error {
	m.mu.Lock()
	m.draining, m.closed = true, true
	m.mu.Unlock()
	m.endAll("shutdown")
	m.wg.Wait()
	return nil
}

func (m *Media) endAll(reason string) {
	m.mu.Lock()
	calls := make([]*liveCall, 0, len(m.calls))
	for _, c := range m.calls {
		calls = append(calls, c)
	}
	m.mu.Unlock()
	for _, c := range calls {
		c.end(reason)
	}
}

// lookup returns the live call id if who may see it.
func (m *Media) lookup(id string, who Identity) *liveCall {
	m.mu.Lock()
	defer m.mu.Unlock()
	c := m.calls[id]
	if c == nil || !who.CanSee(c.owner) {
		return nil
	}
	return c
}

// admit reserves a slot for a new call, or says why not.
func (m *Media) admit(c *liveCall) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.draining {
		return ErrDraining
	}
	if len(m.calls) >= m.cfg.MaxCalls {
		return errTooManyCalls
	}
	mine := 0
	for _, o := range m.calls {
		if o.owner == c.owner {
			mine++
		}
	}
	if mine >= m.cfg.MaxCallsPerUser {
		return errTooManyUserCalls
	}
	m.calls[c.id] = c
	m.wg.Add(1)
	return nil
}

func (m *Media) forget(id string) {
	m.mu.Lock()
	delete(m.calls, id)
	m.mu.Unlock()
}

var (
	errTooManyCalls     = errors.New("callscreen: too many concurrent calls")
	errTooManyUserCalls = errors.New("callscreen: too many concurrent calls for this user")
)
