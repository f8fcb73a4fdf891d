package callscreen

import (
	"bufio"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"regexp"
	"strings"
	"sync"
	"time"
)

// AdminUser is the identity of the operator's token (--token, or the one
// serve generates): it sees every user's calls and the metrics.
const AdminUser = "admin"

// ErrBadUsers means a users file that cannot be used.
var ErrBadUsers = errors.New("callscreen: bad users file")

// Identity is who an API request or a review session acts for.
type Identity struct {
	User  string
	Admin bool
}

// CanSee reports whether id may see a call owned by owner. Records from
// before users existed have no owner and are the operator's.
func (id Identity) CanSee(owner string) bool {
	return id.Admin || (owner != "" && owner == id.User)
}

type identityKey struct{}

// WithIdentity returns ctx carrying id; the server's auth puts it there
// and the call paths stamp calls with its user as their owner.
func WithIdentity(ctx context.Context, id Identity) context.Context {
	return context.WithValue(ctx, identityKey{}, id)
}

// IdentityFrom returns the identity ctx carries; without one (the CLI,
// tests) it is the operator's.
func IdentityFrom(ctx context.Context) Identity {
	if id, ok := ctx.Value(identityKey{}).(Identity); ok {
		return id
	}
	return Identity{User: AdminUser, Admin: true}
}

var userName = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`)

// Users maps bearer tokens to identities: the operator's token, plus the
// users listed in a users file. The file holds one "name sha256:<hex>" line
// per user (the SHA-256 of the token, never the token), '#' comments and
// blank lines. It is re-read when it changes, so users can be added or
// revoked without a restart; a file that turns bad keeps the last good one.
type Users struct {
	admin [32]byte
	path  string
	log   *slog.Logger

	mu      sync.Mutex
	byHash  map[[32]byte]string
	modTime time.Time
	size    int64
	checked time.Time
}

// reloadEvery bounds how often Lookup looks at the users file.
const reloadEvery = time.Second

// NewUsers returns the identities for adminToken and, when path is not
// empty, the users in that file. A missing file means no users yet; a
// malformed one is an error.
func NewUsers(adminToken, path string, log *slog.Logger) (*Users, error) {
	if adminToken == "" {
		return nil, errors.New("callscreen: the operator token is empty")
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	u := &Users{admin: sha256.Sum256([]byte(adminToken)), path: path, log: log, byHash: map[[32]byte]string{}}
	if path != "" {
		if err := u.reload(time.Now()); err != nil {
			return nil, err
		}
	}
	return u, nil
}

// Lookup returns the identity a token stands for.
func (u *Users) Lookup(token string) (Identity, bool) {
	if token == "" {
		return Identity{}, false
	}
	h := sha256.Sum256([]byte(token))
	if subtle.ConstantTimeCompare(h[:], u.admin[:]) == 1 {
		return Identity{User: AdminUser, Admin: true}, true
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	if now := time.Now(); u.path != "" && now.Sub(u.checked) >= reloadEvery {
		if err := u.reloadLocked(now); err != nil {
			u.log.Error("users file not reloaded; keeping the previous users", "path", u.path, "err", err)
		}
	}
	// The map is keyed by the digest, so a lookup leaks nothing useful
	// about a token through timing.
	name, ok := u.byHash[h]
	if !ok {
		return Identity{}, false
	}
	return Identity{User: name}, true
}

func (u *Users) reload(now time.Time) error {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.reloadLocked(now)
}

func (u *Users) reloadLocked(now time.Time) error {
	u.checked = now
	st, err := os.Stat(u.path)
	if errors.Is(err, os.ErrNotExist) {
		u.byHash, u.modTime, u.size = map[[32]byte]string{}, time.Time{}, 0
		return nil
	}
	if err != nil {
		return fmt.Errorf("callscreen: users file: %w", err)
	}
	if st.ModTime().Equal(u.modTime) && st.Size() == u.size {
		return nil
	}
	f, err := os.Open(u.path)
	if err != nil {
		return fmt.Errorf("callscreen: users file: %w", err)
	}
	defer f.Close()
	users, err := parseUsers(f.Name(), bufio.NewScanner(f))
	if err != nil {
		return err
	}
	u.byHash, u.modTime, u.size = users, st.ModTime(), st.Size()
	return nil
}

func parseUsers(name string, sc *bufio.Scanner) (map[[32]byte]string, error) {
	users := map[[32]byte]string{}
	names := map[string]bool{}
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Fields(text)
		if len(fields) != 2 {
			return nil, fmt.Errorf("%w: %s:%d: want \"name sha256:<hex>\"", ErrBadUsers, name, line)
		}
		user, digest := fields[0], fields[1]
		if !userName.MatchString(user) || user == AdminUser {
			return nil, fmt.Errorf("%w: %s:%d: bad user name %q (lower-case letters, digits, . _ -; not %q)", ErrBadUsers, name, line, user, AdminUser)
		}
		if names[user] {
			return nil, fmt.Errorf("%w: %s:%d: user %q listed twice", ErrBadUsers, name, line, user)
		}
		hexDigest, ok := strings.CutPrefix(digest, "sha256:")
		b, err := hex.DecodeString(hexDigest)
		if !ok || err != nil || len(b) != sha256.Size {
			return nil, fmt.Errorf("%w: %s:%d: the token digest must be sha256:<64 hex digits>", ErrBadUsers, name, line)
		}
		names[user] = true
		users[[32]byte(b)] = user
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrBadUsers, name, err)
	}
	return users, nil
}

// AddUser appends a user to the users file at path (created 0600 if
// missing) and returns the user's new token, which is stored only as its
// digest. Adding a user who exists is an error.
func AddUser(path, name string) (string, error) {
	if !userName.MatchString(name) || name == AdminUser {
		return "", fmt.Errorf("%w: bad user name %q (lower-case letters, digits, . _ -; not %q)", ErrBadUsers, name, AdminUser)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return "", fmt.Errorf("callscreen: users file: %w", err)
	}
	defer f.Close()
	users, err := parseUsers(path, bufio.NewScanner(f))
	if err != nil {
		return "", err
	}
	for _, u := range users {
		if u == name {
			return "", fmt.Errorf("%w: user %q exists; remove the line to revoke the token", ErrBadUsers, name)
		}
	}
	token := base64.RawURLEncoding.EncodeToString(randomBytes(32))
	sum := sha256.Sum256([]byte(token))
	if _, err := fmt.Fprintf(f, "%s sha256:%s\n", name, hex.EncodeToString(sum[:])); err != nil {
		return "", fmt.Errorf("callscreen: users file: %w", err)
	}
	if err := f.Sync(); err != nil {
		return "", fmt.Errorf("callscreen: users file: %w", err)
	}
	return token, nil
}
