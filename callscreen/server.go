// Package callscreen is the screening service: the HTTP server (API, web
// pages, health), live call media over WebRTC, voicemail screening, and the
// classifier worker that turns transcript segments on the bus into alerts
// and verdicts. Each role can run alone against a shared NATS cluster or all
// together in `callscreen serve`.
package callscreen

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Check is a named readiness probe.
type Check struct {
	Name string
	Func func(ctx context.Context) error
}

// ServerConfig configures the HTTP front of callscreen.
type ServerConfig struct {
	Addr string // listen address, default 127.0.0.1:8080
	// Users maps bearer tokens to identities; when nil, Token (the
	// operator's) is the only one.
	Users  *Users
	Token  string
	Logger *slog.Logger
	// Ready lists the checks behind /readyz (NATS, recogniser, ...).
	Ready []Check
}

// Server is callscreen's HTTP server. Roles register their routes on it.
type Server struct {
	cfg ServerConfig
	log *slog.Logger
	mux *http.ServeMux
}

// NewServer returns a server with /healthz and /readyz; roles add the rest
// through Mux and Auth.
func NewServer(cfg ServerConfig) (*Server, error) {
	if cfg.Token == "" && cfg.Users == nil {
		return nil, errors.New("callscreen: server needs a token")
	}
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:8080"
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if cfg.Users == nil {
		u, err := NewUsers(cfg.Token, "", log)
		if err != nil {
			return nil, err
		}
		cfg.Users = u
	}
	s := &Server{cfg: cfg, log: log, mux: http.NewServeMux()}
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	s.mux.HandleFunc("GET /readyz", s.readyz)
	return s, nil
}

// AddCheck adds a readiness check behind /readyz. Call it before Serve.
func (s *Server) AddCheck(c Check) { s.cfg.Ready = append(s.cfg.Ready, c) }

// Mux is where roles register routes.
func (s *Server) Mux() *http.ServeMux { return s.mux }

// Authenticate returns the identity r's bearer token stands for.
func (s *Server) Authenticate(r *http.Request) (Identity, bool) {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return Identity{}, false
	}
	return s.cfg.Users.Lookup(strings.TrimSpace(tok))
}

// Authorized reports whether r carries a valid bearer token, whoever's.
func (s *Server) Authorized(r *http.Request) bool {
	_, ok := s.Authenticate(r)
	return ok
}

// RequireToken wraps h so that it answers 401 without a valid bearer
// token; h finds the caller's identity with IdentityFrom.
func (s *Server) RequireToken(h http.Handler) http.Handler {
	return s.require(h, false)
}

// RequireAdmin is RequireToken for the operator's routes (metrics): other
// users' tokens get 403.
func (s *Server) RequireAdmin(h http.Handler) http.Handler {
	return s.require(h, true)
}

func (s *Server) require(h http.Handler, admin bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, ok := s.Authenticate(r)
		if !ok {
			w.Header().Set("WWW-Authenticate", `Bearer realm="callscreen"`)
			writeError(w, http.StatusUnauthorized, "missing or wrong bearer token")
			return
		}
		if admin && !id.Admin {
			writeError(w, http.StatusForbidden, "only the operator's token may use this")
			return
		}
		h.ServeHTTP(w, r.WithContext(WithIdentity(r.Context(), id)))
	})
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	status := http.StatusOK
	out := map[string]string{}
	for _, c := range s.cfg.Ready {
		if err := c.Func(ctx); err != nil {
			status = http.StatusServiceUnavailable
			out[c.Name] = err.Error()
		} else {
			out[c.Name] = "ok"
		}
	}
	writeJSON(w, status, out)
}

// Handler is the server's root handler, with security headers applied.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		if h.Get("Content-Security-Policy") == "" {
			h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
		}
		s.mux.ServeHTTP(w, r)
	})
}

// Serve answers on ln until ctx ends, then shuts down gracefully, giving
// in-flight requests up to grace to finish.
func (s *Server) Serve(ctx context.Context, ln net.Listener, grace time.Duration) error {
	hs := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 5 * time.Second, // slowloris
		ReadTimeout:       2 * time.Minute, // uploads up to the size cap on a slow link
		WriteTimeout:      5 * time.Minute, // long voicemails; SSE lifts it per request
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelDebug),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := hs.Shutdown(sctx)
	<-errc
	if err != nil {
		hs.Close()
		return fmt.Errorf("callscreen: http shutdown: %w", err)
	}
	return nil
}

// LoadOrCreateToken returns the token stored in dir, creating a random one
// (mode 0600) the first time. created says whether it is new.
func LoadOrCreateToken(dir string) (token string, created bool, err error) {
	path := filepath.Join(dir, "token")
	if b, err := os.ReadFile(path); err == nil {
		if t := strings.TrimSpace(string(b)); t != "" {
			return t, false, nil
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return "", false, fmt.Errorf("callscreen: read token: %w", err)
	}
	t := base64.RawURLEncoding.EncodeToString(randomBytes(32))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", false, fmt.Errorf("callscreen: data dir: %w", err)
	}
	if err := os.WriteFile(path, []byte(t+"\n"), 0o600); err != nil {
		return "", false, fmt.Errorf("callscreen: write token: %w", err)
	}
	return t, true, nil
}

// apiError is the JSON error body of every API failure.
type apiError struct {
	Error string `json:"error"`
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, apiError{Error: msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// randomBytes returns n bytes from crypto/rand, which does not fail on
// supported platforms.
func randomBytes(n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("crypto/rand: %v", err))
	}
	return b
}
