package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/callscreen/callscreen/bus"
)

// env returns the environment variable's value, or def.
func env(name, def string) string {
	if v, ok := os.LookupEnv(name); ok && v != "" {
		return v
	}
	return def
}

// newFlagSet returns a flag set that reports errors to stderr and never
// exits the process.
func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("callscreen "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parse parses args, mapping -h and bad flags to errUsage.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	return nil
}

// natsFlags are the NATS connection flags shared by every role.
type natsFlags struct {
	url, creds, token, user, password, ca, cert, key string
	replicas                                         int
	retention                                        time.Duration
	syncAlways                                       bool
}

func (n *natsFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&n.url, "nats", env("CALLSCREEN_NATS", ""), "NATS server URL(s), comma-separated; empty starts an embedded server (env CALLSCREEN_NATS)")
	fs.StringVar(&n.creds, "nats-creds", env("CALLSCREEN_NATS_CREDS", ""), "NATS credentials file (env CALLSCREEN_NATS_CREDS)")
	fs.StringVar(&n.token, "nats-token", env("CALLSCREEN_NATS_TOKEN", ""), "NATS auth token (env CALLSCREEN_NATS_TOKEN)")
	fs.StringVar(&n.user, "nats-user", env("CALLSCREEN_NATS_USER", ""), "NATS user (env CALLSCREEN_NATS_USER)")
	fs.StringVar(&n.password, "nats-password", env("CALLSCREEN_NATS_PASSWORD", ""), "NATS password (env CALLSCREEN_NATS_PASSWORD)")
	fs.StringVar(&n.ca, "nats-ca", env("CALLSCREEN_NATS_CA", ""), "CA certificate for NATS TLS")
	fs.StringVar(&n.cert, "nats-cert", env("CALLSCREEN_NATS_CERT", ""), "client certificate for NATS TLS")
	fs.StringVar(&n.key, "nats-key", env("CALLSCREEN_NATS_KEY", ""), "client key for NATS TLS")
	fs.IntVar(&n.replicas, "replicas", envInt("CALLSCREEN_REPLICAS", 1), "JetStream stream replicas (3 on a cluster) (env CALLSCREEN_REPLICAS)")
	fs.DurationVar(&n.retention, "retention", envDuration("CALLSCREEN_RETENTION", 30*24*time.Hour), "how long calls, transcripts and alerts are kept (env CALLSCREEN_RETENTION)")
	fs.BoolVar(&n.syncAlways, "sync-always", false, "embedded server: fsync every write (survives power loss, slower)")
}

func (n *natsFlags) config(dataDir, name string, log *slog.Logger) bus.Config {
	c := bus.DefaultConfig()
	c.URL, c.DataDir, c.Name, c.Logger = n.url, dataDir, name, log
	c.Credentials, c.Token, c.User, c.Password = n.creds, n.token, n.user, n.password
	c.TLSCA, c.TLSCert, c.TLSKey = n.ca, n.cert, n.key
	c.Replicas, c.Retention, c.SyncAlways = n.replicas, n.retention, n.syncAlways
	return c
}

func envInt(name string, def int) int {
	var v int
	if _, err := fmt.Sscan(env(name, ""), &v); err != nil {
		return def
	}
	return v
}

func envFloat(name string, def float64) float64 {
	var v float64
	if _, err := fmt.Sscan(env(name, ""), &v); err != nil {
		return def
	}
	return v
}

func envDuration(name string, def time.Duration) time.Duration {
	d, err := time.ParseDuration(env(name, ""))
	if err != nil {
		return def
	}
	return d
}

// defaultDataDir is callscreen's directory under the user's state dir
// ($XDG_STATE_HOME or ~/.local/state).
func defaultDataDir() string {
	if d := os.Getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "callscreen")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".local", "state", "callscreen")
	}
	return filepath.Join(os.TempDir(), "callscreen")
}

// newLogger logs to stderr in the chosen format and level.
func newLogger(w io.Writer, format, level string) *slog.Logger {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(strings.ToUpper(level))); err != nil {
		lv = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: lv}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
