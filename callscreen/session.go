package callscreen

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net"
	"net/http"
	"sync"
	"time"
)

// Review sessions are kept server-side, in memory: a random id in an
// HttpOnly cookie names a session holding its CSRF token and expiry. A
// restart logs everyone out, which is acceptable for a single operator and
// keeps no secret on disk besides the API token the operator logs in with.

// SessionCookie is the name of the review session cookie.
const SessionCookie = "callscreen_session"

// Session lifetimes: a session ends after SessionIdle without use, and
// after SessionMaxAge however busy.
const (
	SessionIdle   = 2 * time.Hour
	SessionMaxAge = 12 * time.Hour
	maxSessions   = 1024
)

type session struct {
	id       string
	who      Identity // whose calls the session may see
	csrf     string
	created  time.Time
	lastSeen time.Time
}

// sessionStore holds live sessions. Safe for concurrent use.
type sessionStore struct {
	now func() time.Time

	mu sync.Mutex
	m  map[string]*session
}

func newSessionStore() *sessionStore {
	return &sessionStore{now: time.Now, m: make(map[string]*session)}
}

func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b)
}

// create starts a session. It always gets a fresh id, so that an id planted
// before login (session fixation) is worthless.
func (s *sessionStore) create(who Identity) *session {
	now := s.now()
	ss := &session{id: randomToken(), who: who, csrf: randomToken(), created: now, lastSeen: now}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.m) >= maxSessions {
		s.pruneLocked(now)
	}
	for len(s.m) >= maxSessions {
		// Still full of live sessions: drop the least recently used.
		var oldest *session
		for _, o := range s.m {
			if oldest == nil || o.lastSeen.Before(oldest.lastSeen) {
				oldest = o
			}
		}
		delete(s.m, oldest.id)
	}
	s.m[ss.id] = ss
	return ss
}

func (s *sessionStore) pruneLocked(now time.Time) {
	for id, o := range s.m {
		if s.expired(o, now) {
			delete(s.m, id)
		}
	}
}

func (s *sessionStore) expired(o *session, now time.Time) bool {
	return now.Sub(o.lastSeen) > SessionIdle || now.Sub(o.created) > SessionMaxAge
}

// get returns the live session named id, or nil, and marks it used.
func (s *sessionStore) get(id string) *session {
	if id == "" {
		return nil
	}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.m[id]
	if o == nil {
		return nil
	}
	if s.expired(o, now) {
		delete(s.m, id)
		return nil
	}
	o.lastSeen = now
	cp := *o
	return &cp
}

func (s *sessionStore) delete(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, id)
}

// fromRequest returns the request's live session, or nil.
func (s *sessionStore) fromRequest(r *http.Request) *session {
	c, err := r.Cookie(SessionCookie)
	if err != nil {
		return nil
	}
	return s.get(c.Value)
}

// validCSRF compares a submitted synchronizer token with the session's.
func (ss *session) validCSRF(token string) bool {
	return ss != nil && token != "" && subtle.ConstantTimeCompare([]byte(token), []byte(ss.csrf)) == 1
}

// sessionCookie is the cookie naming ss (or clearing it when ss is nil).
// Secure is set when the request came over TLS or the operator says a TLS
// proxy fronts callscreen.
func sessionCookie(ss *session, secure bool) *http.Cookie {
	c := &http.Cookie{
		Name:     SessionCookie,
		Path:     "/",
		HttpOnly: true,
		Secure:   secure,
		SameSite: http.SameSiteStrictMode,
	}
	if ss == nil {
		c.MaxAge = -1
		return c
	}
	c.Value = ss.id
	c.MaxAge = int(SessionMaxAge / time.Second)
	return c
}

// loginLimiter allows a few login attempts per second per client address
// (a token bucket each), so the token cannot be guessed quickly.
type loginLimiter struct {
	rate  float64 // tokens per second
	burst float64
	now   func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLoginLimiter(perSecond, burst float64) *loginLimiter {
	return &loginLimiter{rate: perSecond, burst: burst, now: time.Now, buckets: make(map[string]*bucket)}
}

// allow takes one attempt from r's client address.
func (l *loginLimiter) allow(r *http.Request) bool {
	ip, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		ip = r.RemoteAddr
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.buckets) > 4096 {
		// Forget addresses whose bucket has refilled: they lose nothing.
		for k, b := range l.buckets {
			if now.Sub(b.last).Seconds()*l.rate >= l.burst {
				delete(l.buckets, k)
			}
		}
	}
	b := l.buckets[ip]
	if b == nil {
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[ip] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}
