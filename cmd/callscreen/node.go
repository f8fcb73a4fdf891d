package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pion/ice/v4"
	"github.com/pion/webrtc/v4"

	"github.com/callscreen/callscreen/bus"
	"github.com/callscreen/callscreen/callscreen"
	"github.com/callscreen/callscreen/classify"
	"github.com/callscreen/callscreen/transcribe"
)

// roles says which parts of callscreen a process runs.
type roles struct {
	worker bool // classifier worker
	media  bool // WHIP live calls, voicemail screening, transcription API
	web    bool // review UI and API
}

// nodeFlags are the flags of the HTTP-serving roles.
type nodeFlags struct {
	addr, dataDir, token, users, natsListen, logFormat, logLevel string
	drain                                                        time.Duration
	secureCookies                                                bool
	maxCalls, maxUserCalls, udpPort                              int
	publicIP                                                     string
	nats                                                         natsFlags
	engine                                                       engineFlags
}

func (n *nodeFlags) register(fs *flag.FlagSet, r roles) {
	fs.StringVar(&n.addr, "addr", env("CALLSCREEN_ADDR", "127.0.0.1:8080"), "HTTP listen address (env CALLSCREEN_ADDR)")
	fs.StringVar(&n.dataDir, "data", env("CALLSCREEN_DATA", defaultDataDir()), "data directory: embedded NATS store, generated token (env CALLSCREEN_DATA)")
	fs.StringVar(&n.token, "token", env("CALLSCREEN_TOKEN", ""), "API bearer token; generated and stored in the data dir when empty (env CALLSCREEN_TOKEN)")
	fs.StringVar(&n.users, "users", env("CALLSCREEN_USERS", ""), "users file: one token per person screened, each seeing only their own calls (`callscreen user add`); default <data>/users (env CALLSCREEN_USERS)")
	fs.StringVar(&n.natsListen, "nats-listen", env("CALLSCREEN_NATS_LISTEN", ""), "embedded NATS: also accept external workers here, e.g. 127.0.0.1:4222")
	fs.StringVar(&n.logFormat, "log-format", env("CALLSCREEN_LOG_FORMAT", "text"), "log format: text or json (env CALLSCREEN_LOG_FORMAT)")
	fs.StringVar(&n.logLevel, "log-level", env("CALLSCREEN_LOG_LEVEL", "info"), "log level: debug, info, warn, error (env CALLSCREEN_LOG_LEVEL)")
	fs.DurationVar(&n.drain, "drain-timeout", envDuration("CALLSCREEN_DRAIN_TIMEOUT", 5*time.Minute), "on the first SIGTERM/SIGINT, how long live calls may continue before they are ended")
	n.nats.register(fs)
	if r.web {
		fs.BoolVar(&n.secureCookies, "secure-cookies", env("CALLSCREEN_SECURE_COOKIES", "") == "1", "mark the review session cookie Secure (set when callscreen is behind a TLS proxy) (env CALLSCREEN_SECURE_COOKIES=1)")
	}
	if r.media {
		n.engine.register(fs)
		fs.IntVar(&n.udpPort, "udp-port", envInt("CALLSCREEN_UDP_PORT", 0), "carry every call's media on this one UDP port (for firewalls and containers); 0 = ephemeral ports (env CALLSCREEN_UDP_PORT)")
		fs.StringVar(&n.publicIP, "public-ip", env("CALLSCREEN_PUBLIC_IP", ""), "address to announce in ICE candidates when behind 1:1 NAT (env CALLSCREEN_PUBLIC_IP)")
		fs.IntVar(&n.maxCalls, "max-calls", envInt("CALLSCREEN_MAX_CALLS", 4*runtime.NumCPU()), "live calls screened at once; more get 503 (each needs up to two recogniser streams) (env CALLSCREEN_MAX_CALLS)")
		fs.IntVar(&n.maxUserCalls, "max-calls-per-user", envInt("CALLSCREEN_MAX_CALLS_PER_USER", 0), "live calls one user's token may hold at once, half-open ones included; 0 = --max-calls (env CALLSCREEN_MAX_CALLS_PER_USER)")
	}
}

// runNode runs the given roles until ctx ends, then drains them.
func runNode(ctx context.Context, name string, r roles, n *nodeFlags, stdout, stderr io.Writer) error {
	log := newLogger(stderr, n.logFormat, n.logLevel).With("node", name)
	dir, err := filepath.Abs(n.dataDir)
	if err != nil {
		return err
	}
	tok := n.token
	if tok == "" {
		var created bool
		if tok, created, err = callscreen.LoadOrCreateToken(dir); err != nil {
			return err
		}
		if created {
			fmt.Fprintf(stdout, "callscreen: generated API token (stored in %s):\n%s\n", filepath.Join(dir, "token"), tok)
		}
	}

	bc := n.nats.config(dir, "callscreen-"+name, log)
	bc.ListenAddr = n.natsListen
	conn, err := bus.Connect(ctx, bc)
	if err != nil {
		return err
	}
	defer conn.Close()

	usersFile := n.users
	if usersFile == "" {
		usersFile = filepath.Join(dir, "users")
	}
	users, err := callscreen.NewUsers(tok, usersFile, log)
	if err != nil {
		return err
	}
	srv, err := callscreen.NewServer(callscreen.ServerConfig{Addr: n.addr, Users: users, Logger: log})
	if err != nil {
		return err
	}
	srv.AddCheck(callscreen.Check{Name: "nats", Func: func(context.Context) error { return conn.Healthy() }})
	metrics := callscreen.NewMetrics(conn)
	srv.Mux().Handle("GET /metrics", srv.RequireAdmin(metrics.Handler()))

	var (
		wg            sync.WaitGroup
		bgCtx, stopBg = context.WithCancel(context.Background())
		media         *callscreen.Media
		cleanup       []func() error
	)
	defer stopBg()
	defer func() {
		for i := len(cleanup) - 1; i >= 0; i-- {
			if err := cleanup[i](); err != nil {
				log.Warn("cleanup", "err", err)
			}
		}
	}()
	background := func(what string, run func(context.Context) error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := run(bgCtx); err != nil && !errors.Is(err, context.Canceled) {
				log.Error(what+" stopped", "err", err)
			}
		}()
	}

	// A draining node answers 503 on /readyz so that balancers send new
	// calls elsewhere while its live calls finish.
	var draining atomic.Bool
	srv.AddCheck(callscreen.Check{Name: "accepting", Func: func(context.Context) error {
		if draining.Load() {
			return errors.New("draining: finishing live calls")
		}
		return nil
	}})
	var store *callscreen.Store
	if r.web || r.media {
		store, err = callscreen.OpenStore(ctx, conn, callscreen.StoreConfig{Retention: bc.Retention, Replicas: bc.Replicas, Logger: log})
		if err != nil {
			return err
		}
		cleanup = append(cleanup, store.Close)
	}
	if r.web {
		rec, err := callscreen.NewRecorder(callscreen.RecorderConfig{Bus: conn, Store: store, Logger: log})
		if err != nil {
			return err
		}
		background("recorder", rec.Run)
		background("janitor", func(ctx context.Context) error { return store.RunJanitor(ctx, time.Hour) })
		review, err := callscreen.NewReview(callscreen.ReviewConfig{Store: store, Users: users, Logger: log, SecureCookies: n.secureCookies})
		if err != nil {
			return err
		}
		review.Register(srv.Mux(), srv.RequireToken)
	}
	if r.worker {
		w, err := callscreen.NewWorker(callscreen.WorkerConfig{Bus: conn, Detector: classify.New(), Logger: log})
		if err != nil {
			return err
		}
		metrics.AddWorker(w)
		background("worker", w.Run)
	}
	if r.media {
		if n.engine.pool == 0 {
			n.engine.pool = 2 * n.maxCalls // a caller and a callee track per call
		}
		engine, sphinx, closeEngine, err := n.engine.open(log)
		if err != nil {
			return err
		}
		cleanup = append(cleanup, closeEngine)
		if sphinx != nil {
			metrics.AddSphinx(sphinx)
		}
		srv.AddCheck(callscreen.Check{Name: "recogniser", Func: recogniserCheck(engine, sphinx, n.engine.pool)})
		se, closeMux, err := n.settingEngine()
		if err != nil {
			return err
		}
		cleanup = append(cleanup, closeMux)
		media, err = callscreen.NewMedia(callscreen.MediaConfig{
			Bus: conn, Engine: engine, Auth: srv.Authenticate, Redact: classify.Redact, Logger: log, MaxCalls: n.maxCalls, MaxCallsPerUser: n.maxUserCalls,
			SettingEngine: se,
		})
		if err != nil {
			return err
		}
		cleanup = append(cleanup, media.Close)
		metrics.AddMedia(media)
		media.Register(srv.Mux())
		sc := &callscreen.Screener{Bus: conn, Engine: engine, Limits: n.engine.limits()}
		srv.Mux().Handle("POST /v1/voicemails", srv.RequireToken(callscreen.NewVoicemailHandler(callscreen.VoicemailConfig{
			Screener: sc, Audio: store, Logger: log,
		})))
		srv.Mux().Handle("/v1/audio/transcriptions", transcribe.NewHandler(transcribe.HandlerConfig{
			Engine: engine, Limits: n.engine.limits(), Auth: srv.Authorized, Logger: log,
		}))
	}

	ln, err := net.Listen("tcp", n.addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	log.Info("callscreen serving", "addr", "http://"+ln.Addr().String(), "data", dir, "nats", bc.String(),
		"worker", r.worker, "media", r.media, "web", r.web)

	// First signal: stop taking calls and let live ones finish (up to
	// --drain-timeout); the second signal exits at once (main).
	httpCtx, stopHTTP := context.WithCancel(context.Background())
	defer stopHTTP()
	go func() {
		<-ctx.Done()
		draining.Store(true)
		if media != nil {
			dctx, cancel := context.WithTimeout(context.Background(), n.drain)
			if err := media.Drain(dctx); err != nil {
				log.Warn("drain", "err", err)
			}
			cancel()
		}
		stopHTTP()
	}()
	err = srv.Serve(httpCtx, ln, 30*time.Second)
	stopBg()
	wg.Wait()
	dctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if derr := conn.Drain(dctx); derr != nil && err == nil {
		err = derr
	}
	return err
}

// recogniserCheck reports the recogniser unready when every embedded
// decoder is busy (new calls would wait), or when the speech endpoint is
// down with nothing to fall back on.
func recogniserCheck(engine transcribe.Engine, sphinx *transcribe.Sphinx, pool int) func(context.Context) error {
	return func(context.Context) error {
		if oa, ok := engine.(*transcribe.OpenAI); ok && sphinx == nil && oa.Breaker().State() == transcribe.BreakerOpen {
			return errors.New("speech endpoint down and no embedded engine to fall back on")
		}
		if sphinx != nil && pool > 0 && sphinx.Stats().FullInUse >= pool {
			return fmt.Errorf("all %d recogniser streams busy", pool)
		}
		return nil
	}
}

// settingEngine applies --udp-port and --public-ip to pion's ICE agent.
func (n *nodeFlags) settingEngine() (*webrtc.SettingEngine, func() error, error) {
	var se webrtc.SettingEngine
	closeMux := func() error { return nil }
	if n.udpPort != 0 {
		mux, err := ice.NewMultiUDPMuxFromPort(n.udpPort)
		if err != nil {
			return nil, nil, fmt.Errorf("--udp-port %d: %w", n.udpPort, err)
		}
		se.SetICEUDPMux(mux)
		closeMux = mux.Close
	}
	if n.publicIP != "" {
		if net.ParseIP(n.publicIP) == nil {
			closeMux()
			return nil, nil, fmt.Errorf("--public-ip %q is not an IP address", n.publicIP)
		}
		se.SetNAT1To1IPs([]string{n.publicIP}, webrtc.ICECandidateTypeHost)
	}
	return &se, closeMux, nil
}
