package bus

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Stream names. Segments and call events share one stream so that a call's
// transcript and its end marker are ordered together; alerts and verdicts
// share another with a longer duplicate window (alert deduplication).
const (
	SegmentStream = "CALLSCREEN_SEGMENTS"
	AlertStream   = "CALLSCREEN_ALERTS"
)

// ErrNoServer is returned when no NATS server can be reached.
var ErrNoServer = errors.New("bus: no NATS server")

// Config says how to reach NATS and how to lay out the streams.
type Config struct {
	// URL of an external NATS server or cluster (comma-separated seeds).
	// Empty starts an embedded nats-server with JetStream under DataDir.
	URL string
	// DataDir holds the embedded server's JetStream store.
	DataDir string
	// ListenAddr, when set, makes the embedded server also accept TCP
	// clients there (e.g. "127.0.0.1:4222") so that external workers can
	// join. Empty keeps it in-process only.
	ListenAddr string
	// Credentials is a NATS .creds file; Token, User/Password are the
	// alternatives. TLS files enable TLS to the server.
	Credentials string
	Token       string
	User        string
	Password    string
	TLSCA       string
	TLSCert     string
	TLSKey      string
	// Name identifies this connection in the server's monitoring.
	Name string
	// Replicas of each stream: 1 on one server, 3 on a cluster.
	Replicas int
	// Retention is how long stored segments, alerts and verdicts live.
	Retention time.Duration
	// SyncAlways makes the embedded server fsync every write. The default
	// (periodic fsync) survives a killed process, since written data is in
	// the OS page cache, but can lose the last writes on power loss.
	SyncAlways bool
	// PingInterval bounds how long a dead link goes unnoticed: the client
	// declares the connection stale after two unanswered pings.
	PingInterval time.Duration
	Logger       *slog.Logger
}

// DefaultConfig returns the settings used by callscreen serve.
func DefaultConfig() Config {
	return Config{
		Name:         "callscreen",
		Replicas:     1,
		Retention:    30 * 24 * time.Hour,
		PingInterval: 10 * time.Second,
	}
}

// String describes the config without secrets.
func (c Config) String() string {
	where := c.URL
	if where == "" {
		where = "embedded:" + c.DataDir
	}
	return fmt.Sprintf("nats(%s, replicas=%d, retention=%s)", where, c.Replicas, c.Retention)
}

// Conn is a connection to NATS with JetStream, and the embedded server
// when there is one.
type Conn struct {
	NC  *nats.Conn
	JS  jetstream.JetStream
	cfg Config
	srv *server.Server
	log *slog.Logger
}

// Connect connects to NATS (starting the embedded server when cfg.URL is
// empty) and makes sure the streams exist.
func Connect(ctx context.Context, cfg Config) (*Conn, error) {
	def := DefaultConfig()
	if cfg.Replicas <= 0 {
		cfg.Replicas = def.Replicas
	}
	if cfg.Retention <= 0 {
		cfg.Retention = def.Retention
	}
	if cfg.PingInterval <= 0 {
		cfg.PingInterval = def.PingInterval
	}
	if cfg.Name == "" {
		cfg.Name = def.Name
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	c := &Conn{cfg: cfg, log: log}

	opts := []nats.Option{
		nats.Name(cfg.Name),
		nats.MaxReconnects(-1), // never give up: the bounded outbox absorbs the outage
		nats.ReconnectWait(250 * time.Millisecond),
		nats.ReconnectJitter(250*time.Millisecond, time.Second),
		nats.PingInterval(cfg.PingInterval),
		nats.MaxPingsOutstanding(2),
		nats.RetryOnFailedConnect(false),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil { // nil means we closed it ourselves
				log.Warn("nats disconnected", "err", err)
			}
		}),
		nats.ReconnectHandler(func(nc *nats.Conn) {
			log.Info("nats reconnected", "url", nc.ConnectedUrlRedacted())
		}),
		nats.ErrorHandler(func(_ *nats.Conn, sub *nats.Subscription, err error) {
			subj := ""
			if sub != nil {
				subj = sub.Subject
			}
			log.Warn("nats async error", "subject", subj, "err", err)
		}),
	}
	if cfg.URL == "" {
		srv, err := startEmbedded(cfg)
		if err != nil {
			return nil, err
		}
		c.srv = srv
		opts = append(opts, nats.InProcessServer(srv))
	} else {
		auth, err := authOptions(cfg)
		if err != nil {
			return nil, err
		}
		opts = append(opts, auth...)
	}
	url := cfg.URL
	if url == "" {
		url = nats.DefaultURL // ignored with InProcessServer
	}
	nc, err := nats.Connect(url, opts...)
	if err != nil {
		c.shutdownServer()
		return nil, fmt.Errorf("%w: %s: %w", ErrNoServer, cfg, err)
	}
	c.NC = nc
	js, err := jetstream.New(nc)
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("bus: jetstream: %w", err)
	}
	c.JS = js
	if err := c.ensureStreams(ctx); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

func authOptions(cfg Config) ([]nats.Option, error) {
	var o []nats.Option
	if cfg.Credentials != "" {
		o = append(o, nats.UserCredentials(cfg.Credentials))
	}
	if cfg.Token != "" {
		o = append(o, nats.Token(cfg.Token))
	}
	if cfg.User != "" {
		o = append(o, nats.UserInfo(cfg.User, cfg.Password))
	}
	if cfg.TLSCA != "" || cfg.TLSCert != "" {
		tc := &tls.Config{MinVersion: tls.VersionTLS12}
		if cfg.TLSCA != "" {
			pem, err := os.ReadFile(cfg.TLSCA)
			if err != nil {
				return nil, fmt.Errorf("bus: tls ca: %w", err)
			}
			pool := x509.NewCertPool()
			if !pool.AppendCertsFromPEM(pem) {
				return nil, fmt.Errorf("bus: tls ca %s: no certificates", cfg.TLSCA)
			}
			tc.RootCAs = pool
		}
		if cfg.TLSCert != "" {
			cert, err := tls.LoadX509KeyPair(cfg.TLSCert, cfg.TLSKey)
			if err != nil {
				return nil, fmt.Errorf("bus: tls client cert: %w", err)
			}
			tc.Certificates = []tls.Certificate{cert}
		}
		o = append(o, nats.Secure(tc))
	}
	return o, nil
}

func startEmbedded(cfg Config) (*server.Server, error) {
	if cfg.DataDir == "" {
		return nil, errors.New("bus: embedded server needs a data dir")
	}
	store := filepath.Join(cfg.DataDir, "jetstream")
	if err := os.MkdirAll(store, 0o700); err != nil {
		return nil, fmt.Errorf("bus: embedded server store: %w", err)
	}
	opts := &server.Options{
		ServerName: "callscreen-embedded",
		JetStream:  true,
		StoreDir:   store,
		NoSigs:     true,
		NoLog:      true,
		DontListen: true,
		SyncAlways: cfg.SyncAlways,
		MaxPayload: 1 << 20,
	}
	if cfg.ListenAddr != "" {
		host, port, err := splitHostPort(cfg.ListenAddr)
		if err != nil {
			return nil, err
		}
		opts.DontListen = false
		opts.Host, opts.Port = host, port
	}
	srv, err := server.NewServer(opts)
	if err != nil {
		return nil, fmt.Errorf("bus: embedded server: %w", err)
	}
	go srv.Start() // the server owns this goroutine; Shutdown waits for it
	if !srv.ReadyForConnections(10 * time.Second) {
		srv.Shutdown()
		return nil, fmt.Errorf("%w: embedded server not ready after 10s", ErrNoServer)
	}
	return srv, nil
}

func (c *Conn) ensureStreams(ctx context.Context) error {
	dup := 2 * time.Minute
	streams := []jetstream.StreamConfig{{
		Name:        SegmentStream,
		Description: "callscreen final transcript segments (redacted) and call events",
		Subjects:    []string{SegmentPrefix + "*", EventPrefix + "*"},
		Storage:     jetstream.FileStorage,
		Replicas:    c.cfg.Replicas,
		MaxAge:      c.cfg.Retention,
		Duplicates:  dup,
		MaxMsgSize:  1 << 20,
		// Workers catch up on a call with direct gets, served by any replica.
		AllowDirect: true,
	}, {
		Name:        AlertStream,
		Description: "callscreen alerts and verdicts",
		Subjects:    []string{AlertPrefix + "*", VerdictPrefix + "*"},
		Storage:     jetstream.FileStorage,
		Replicas:    c.cfg.Replicas,
		MaxAge:      c.cfg.Retention,
		// Alerts are deduplicated by <call>:<category> for as long as a
		// call can plausibly last, so a redelivered segment never alerts twice.
		Duplicates: min(c.cfg.Retention, 6*time.Hour),
		MaxMsgSize: 1 << 20,
		RePublish: &jetstream.RePublish{
			Source:      subjectRoot + "*.*",
			Destination: subjectRoot + "live.{{wildcard(1)}}.{{wildcard(2)}}",
		},
	}}
	for _, sc := range streams {
		if err := c.ensureStream(ctx, sc); err != nil {
			return err
		}
	}
	return nil
}

// ensureStream creates or updates a stream, leaving one that already has
// this configuration alone (a needless update races consumer creation in
// the server).
func (c *Conn) ensureStream(ctx context.Context, sc jetstream.StreamConfig) error {
	return c.Retry(ctx, "stream "+sc.Name, func(ctx context.Context) error { return c.tryEnsureStream(ctx, sc) })
}

// Retry runs op until it succeeds or ctx ends, backing off from 250 ms to
// 5 s and logging each failure. It is for setting up JetStream assets
// (streams, buckets, consumers): on a cluster that is still forming,
// JetStream answers "no suitable peers" or times out for a while.
func (c *Conn) Retry(ctx context.Context, what string, op func(context.Context) error) error {
	backoff := 250 * time.Millisecond
	for {
		err := op(ctx)
		if err == nil {
			return nil
		}
		c.log.Warn("jetstream not ready, retrying", "what", what, "err", err)
		select {
		case <-ctx.Done():
			return fmt.Errorf("bus: %s: %w (last error: %v)", what, ctx.Err(), err)
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, 5*time.Second)
	}
}

func (c *Conn) tryEnsureStream(ctx context.Context, sc jetstream.StreamConfig) error {
	actx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if st, err := c.JS.Stream(actx, sc.Name); err == nil {
		if sameStream(st.CachedInfo().Config, sc) {
			return nil
		}
	} else if !errors.Is(err, jetstream.ErrStreamNotFound) {
		return err
	}
	_, err := c.JS.CreateOrUpdateStream(actx, sc)
	return err
}

// sameStream compares the settings callscreen chooses.
func sameStream(have, want jetstream.StreamConfig) bool {
	rp := func(r *jetstream.RePublish) string {
		if r == nil {
			return ""
		}
		return r.Source + ">" + r.Destination
	}
	return slices.Equal(have.Subjects, want.Subjects) && have.Replicas == want.Replicas &&
		have.MaxAge == want.MaxAge && have.Duplicates == want.Duplicates &&
		have.MaxMsgSize == want.MaxMsgSize && have.AllowDirect == want.AllowDirect &&
		have.Storage == want.Storage && rp(have.RePublish) == rp(want.RePublish)
}

// Healthy reports whether the connection is up.
func (c *Conn) Healthy() error {
	if c.NC == nil || !c.NC.IsConnected() {
		return fmt.Errorf("%w: not connected", ErrNoServer)
	}
	return nil
}

// Drain lets in-flight messages finish, then closes the connection and the
// embedded server.
func (c *Conn) Drain(ctx context.Context) error {
	var err error
	if c.NC != nil && !c.NC.IsClosed() {
		closed := make(chan struct{})
		c.NC.SetClosedHandler(func(*nats.Conn) { close(closed) })
		if err = c.NC.Drain(); err == nil {
			select {
			case <-closed:
			case <-ctx.Done():
				err = ctx.Err()
				c.NC.Close()
			}
		}
	}
	c.shutdownServer()
	return err
}

// Close closes the connection and the embedded server at once.
func (c *Conn) Close() {
	if c.NC != nil {
		c.NC.Close()
	}
	c.shutdownServer()
}

func (c *Conn) shutdownServer() {
	if c.srv != nil {
		c.srv.Shutdown()
		c.srv.WaitForShutdown()
	}
}
