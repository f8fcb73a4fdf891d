package callscreen

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/callscreen/callscreen/bus"
	"time"
)

// testUsers returns the operator's token plus the named users (in a users
// file under a temporary directory) and their tokens.
func testUsers(tb testing.TB, admin string, names ...string) (*Users, map[string]string) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "users")
	tokens := map[string]string{}
	for _, n := range names {
		tok, err := AddUser(path, n)
		if err != nil {
			tb.Fatal(err)
		}
		tokens[n] = tok
	}
	u, err := NewUsers(admin, path, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return u, tokens
}

func TestUsersLookup(t *testing.T) {
	u, tok := testUsers(t, "operator-secret", "alice", "bob")
	tests := []struct {
		token string
		want  Identity
		ok    bool
	}{
		{"operator-secret", Identity{User: AdminUser, Admin: true}, true},
		{tok["alice"], Identity{User: "alice"}, true},
		{tok["bob"], Identity{User: "bob"}, true},
		{"", Identity{}, false},
		{"operator-secret ", Identity{}, false},
		{tok["alice"][1:], Identity{}, false},
	}
	for _, tt := range tests {
		got, ok := u.Lookup(tt.token)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Lookup(%q) = %+v, %v; want %+v, %v", tt.token, got, ok, tt.want, tt.ok)
		}
	}
	if tok["alice"] == tok["bob"] || len(tok["alice"]) < 40 {
		t.Fatalf("weak or repeated tokens: %q %q", tok["alice"], tok["bob"])
	}
}

func TestUsersFileHoldsOnlyDigests(t *testing.T) {
	path := filepath.Join(t.TempDir(), "users")
	tok, err := AddUser(path, "carol")
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), tok) || !strings.HasPrefix(string(b), "carol sha256:") {
		t.Fatalf("users file %q", b)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Fatalf("users file mode %v", st.Mode())
	}
	if _, err := AddUser(path, "carol"); !errors.Is(err, ErrBadUsers) {
		t.Fatalf("adding carol twice: %v", err)
	}
	for _, bad := range []string{"", "admin", "Carol", "a b", "../x", strings.Repeat("x", 65)} {
		if _, err := AddUser(path, bad); !errors.Is(err, ErrBadUsers) {
			t.Errorf("AddUser(%q): %v", bad, err)
		}
	}
}

func TestUsersReloadAndRevoke(t *testing.T) {
	u, tok := testUsers(t, "op", "alice")
	if _, ok := u.Lookup(tok["alice"]); !ok {
		t.Fatal("alice unknown")
	}
	// Adding a user takes effect without a restart; so does revoking one.
	dave, err := AddUser(u.path, "dave")
	if err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "dave's token works", 5*time.Second, func() bool { _, ok := u.Lookup(dave); return ok })
	b, _ := os.ReadFile(u.path)
	var kept []string
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if !strings.HasPrefix(l, "alice ") {
			kept = append(kept, l)
		}
	}
	if err := os.WriteFile(u.path, []byte("# revoked alice\n"+strings.Join(kept, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "alice revoked", 5*time.Second, func() bool { _, ok := u.Lookup(tok["alice"]); return !ok })
	// A file that turns bad keeps the last good users rather than locking
	// everyone out or letting anyone in.
	if err := os.WriteFile(u.path, []byte("garbage line here\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	time.Sleep(reloadEvery + 100*time.Millisecond)
	if id, ok := u.Lookup(dave); !ok || id.User != "dave" {
		t.Fatalf("after a bad edit dave is %+v %v", id, ok)
	}
}

func TestUsersFileErrors(t *testing.T) {
	digest := "sha256:" + strings.Repeat("ab", 32)
	tests := []struct{ name, text string }{
		{"one field", "alice\n"},
		{"three fields", "alice " + digest + " extra\n"},
		{"plain token", "alice hunter2\n"},
		{"short digest", "alice sha256:abcd\n"},
		{"admin", "admin " + digest + "\n"},
		{"upper case", "Alice " + digest + "\n"},
		{"twice", "alice " + digest + "\nalice " + digest + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "users")
			if err := os.WriteFile(path, []byte(tt.text), 0o600); err != nil {
				t.Fatal(err)
			}
			if _, err := NewUsers("op", path, nil); !errors.Is(err, ErrBadUsers) || !strings.Contains(err.Error(), path+":") {
				t.Fatalf("NewUsers: %v", err)
			}
		})
	}
	if u, err := NewUsers("op", filepath.Join(t.TempDir(), "missing"), nil); err != nil || u == nil {
		t.Fatalf("a missing users file is no users yet, got %v", err)
	}
	if _, err := NewUsers("", "", nil); err == nil {
		t.Fatal("empty operator token accepted")
	}
}

// TestReviewUsersIsolated checks RELIABILITY 17: one user's token against
// another user's calls answers 404 on every route, lists show only the
// user's own calls, and the operator sees everyone's.
func TestReviewUsersIsolated(t *testing.T) {
	e := newReviewEnv(t)
	e.runRecorder()
	now := time.Now().UTC()
	owners := []string{"alice", "bob", ""}
	for i, owner := range owners {
		c := scamCall("iso-"+fmt.Sprint(i), now.Add(time.Duration(i)*time.Minute))
		c.owner = owner
		e.publish(c)
	}
	for i := range owners {
		e.waitRecord(fmt.Sprint("iso-", i), recorded)
	}
	alice, bob := e.userTokens["alice"], e.userTokens["bob"]
	list := func(tok, query string) []string {
		t.Helper()
		resp, body := e.api("GET", "/v1/calls"+query, tok, nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("list: %d %s", resp.StatusCode, body)
		}
		var out struct {
			Calls []CallRecord `json:"calls"`
		}
		if err := json.Unmarshal(body, &out); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, c := range out.Calls {
			ids = append(ids, c.ID)
		}
		slices.Sort(ids)
		return ids
	}
	for _, tt := range []struct {
		tok, query string
		want       []string
	}{
		{alice, "", []string{"iso-0"}},
		{bob, "", []string{"iso-1"}},
		{bob, "?owner=alice", []string{"iso-1"}}, // a user cannot widen the scope
		{reviewToken, "", []string{"iso-0", "iso-1", "iso-2"}},
		{reviewToken, "?owner=bob", []string{"iso-1"}},
	} {
		if got := list(tt.tok, tt.query); !slices.Equal(got, tt.want) {
			t.Errorf("list%s: %v, want %v", tt.query, got, tt.want)
		}
	}
	for _, id := range []string{"iso-0", "iso-2"} { // alice's, and one from before users
		for _, rt := range callRoutes(id) {
			resp, body := e.api(rt.method, rt.path, bob, strings.NewReader(`{"feedback":"scam"}`))
			if resp.StatusCode != http.StatusNotFound {
				t.Errorf("bob %s %s: %d %s, want 404", rt.method, rt.path, resp.StatusCode, body)
			}
		}
	}
	if r, err := e.store.Call(t.Context(), "iso-0"); err != nil || r.Feedback != "" {
		t.Fatalf("bob changed alice's call: %+v %v", r, err)
	}
	if resp, body := e.api("GET", "/v1/calls/iso-0", alice, nil); resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"owner":"alice"`) {
		t.Fatalf("alice reading her call: %d %s", resp.StatusCode, body)
	}

	// The pages: bob's session lists only his call, and alice's pages are
	// 404 for him, forms included.
	br := e.browser()
	br.loginAs(bob)
	_, page := br.get("/review/")
	if !strings.Contains(page, "/review/calls/iso-1") || strings.Contains(page, "iso-0") || strings.Contains(page, "iso-2") {
		t.Fatalf("bob's list page shows other calls:\n%s", page)
	}
	if strings.Contains(page, `class="owner"`) || strings.Contains(page, `id="f-owner"`) {
		t.Fatal("a user's list page shows whose calls they are")
	}
	op := e.browser()
	op.login()
	if _, all := op.get("/review/?owner=alice"); !strings.Contains(all, `<td class="owner">alice</td>`) || strings.Contains(all, "/review/calls/iso-1") {
		t.Fatalf("the operator's list filtered by owner:\n%s", all)
	}
	_, own := br.get("/review/calls/iso-1")
	csrf := csrfOf(t, own)
	for _, path := range []string{"/review/calls/iso-0", "/review/calls/iso-0/report", "/review/calls/iso-0/report.json", "/review/calls/iso-0/audio", "/review/calls/iso-0/delete"} {
		if resp, _ := br.get(path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("bob GET %s: %d, want 404", path, resp.StatusCode)
		}
	}
	hdr := map[string]string{"Origin": e.srv.URL}
	for _, path := range []string{"/review/calls/iso-0/delete", "/review/calls/iso-0/feedback"} {
		if resp, _ := br.do("POST", path, map[string][]string{"csrf": {csrf}, "feedback": {"scam"}}, hdr); resp.StatusCode != http.StatusNotFound {
			t.Errorf("bob POST %s: %d, want 404", path, resp.StatusCode)
		}
	}
	if _, err := e.store.Call(t.Context(), "iso-0"); err != nil {
		t.Fatalf("bob deleted alice's call: %v", err)
	}
}

func TestServerRequireAdmin(t *testing.T) {
	u, tok := testUsers(t, "op", "alice")
	srv, err := NewServer(ServerConfig{Users: u})
	if err != nil {
		t.Fatal(err)
	}
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, IdentityFrom(r.Context()).User)
	})
	srv.Mux().Handle("GET /metrics", srv.RequireAdmin(ok))
	srv.Mux().Handle("GET /mine", srv.RequireToken(ok))
	for _, tt := range []struct {
		path, tok string
		want      int
	}{
		{"/metrics", "op", 200}, {"/metrics", tok["alice"], 403}, {"/metrics", "", 401},
		{"/mine", tok["alice"], 200}, {"/mine", "nope", 401},
	} {
		req, _ := http.NewRequest("GET", tt.path, nil)
		if tt.tok != "" {
			req.Header.Set("Authorization", "Bearer "+tt.tok)
		}
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, req)
		if rec.Code != tt.want {
			t.Errorf("GET %s as %q: %d, want %d", tt.path, tt.tok, rec.Code, tt.want)
		}
	}
}

// TestMediaUsersIsolated: a live call belongs to the user who offered it.
// Another user's token gets 404 for its events and its DELETE, the start
// event carries the owner for the review store, and MaxCallsPerUser keeps
// one token from taking every slot.
func TestMediaUsersIsolated(t *testing.T) {
	env := newMediaEnv(t, func(c *MediaConfig) { c.MaxCallsPerUser = 1 })
	starts := subscribeEvents(t, env.bus, bus.EventStart)
	alice := dialWHIP(t, env.url, peerOptions{noDC: true, token: mediaUserTokens["alice"]})
	alice.waitConnected(t, 10*time.Second)
	id := alice.callID()
	if ev := waitEvent(t, starts, id, 10*time.Second); ev.Owner != "alice" {
		t.Fatalf("start event owner %q, want alice", ev.Owner)
	}

	res := getSSE(t, http.DefaultClient, env.url, id, mediaUserTokens["bob"])
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("bob's events for alice's call: %d, want 404", res.StatusCode)
	}
	bobAsAlice := &testPeer{location: alice.location, opts: peerOptions{token: mediaUserTokens["bob"]}}
	if st := bobAsAlice.delete(t, env.url); st != http.StatusNotFound {
		t.Errorf("bob's DELETE of alice's call: %d, want 404", st)
	}
	if env.media.ActiveCalls() != 1 {
		t.Fatal("bob's DELETE ended alice's call")
	}
	res = getSSE(t, http.DefaultClient, env.url, id, mediaToken)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("the operator's events for alice's call: %d, want 200", res.StatusCode)
	}

	// Alice is at her cap of one call; bob is not.
	req, _ := http.NewRequest(http.MethodPost, env.url+whipPath, strings.NewReader(offerSDP(t)))
	req.Header.Set("Content-Type", contentSDP)
	req.Header.Set("Authorization", "Bearer "+mediaUserTokens["alice"])
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("alice's second call: %d, want 503", res.StatusCode)
	}
	bob := dialWHIP(t, env.url, peerOptions{noDC: true, token: mediaUserTokens["bob"]})
	bob.waitConnected(t, 10*time.Second)

	for _, p := range []*testPeer{alice, bob} {
		if st := p.delete(t, env.url); st != http.StatusNoContent {
			t.Errorf("owner's DELETE: %d", st)
		}
	}
	waitMedia(t, 15*time.Second, "calls to end", func() bool { return env.media.ActiveCalls() == 0 })
}

// TestJudgeStampsOwner: a voicemail or transcript judged on behalf of a
// user is recorded as theirs; without an identity (the CLI) it is the
// operator's.
func TestJudgeStampsOwner(t *testing.T) {
	e := newWorkerEnv(t, 1)
	starts := subscribeEvents(t, e.conn, bus.EventStart)
	segs := []bus.Segment{{Seq: 1, Track: bus.TrackCaller, Final: true, Text: "please read me the code we just sent you"}}
	for _, tt := range []struct {
		ctx  context.Context
		want string
	}{
		{WithIdentity(t.Context(), Identity{User: "alice"}), "alice"},
		{t.Context(), AdminUser},
	} {
		id := NewCallID()
		v, err := Judge(tt.ctx, e.conn, id, bus.SourceVoicemail, segs, 10*time.Second)
		if err != nil || v.Verdict != bus.VerdictScam {
			t.Fatalf("judge: %+v %v", v, err)
		}
		if ev := waitEvent(t, starts, id, 5*time.Second); ev.Owner != tt.want {
			t.Errorf("owner %q, want %q", ev.Owner, tt.want)
		}
	}
}
