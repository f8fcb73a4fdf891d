package callscreen

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/callscreen/callscreen/bus"
	"github.com/callscreen/callscreen/classify"
)

const reviewToken = "review-token-0123456789abcdef"

// reviewEnv is the store behind the real HTTP server with the review
// routes registered, as callscreen serve wires them.
type reviewEnv struct {
	*storeEnv
	review *Review
	srv    *httptest.Server
	// users are the operator (reviewToken) plus alice and bob, whose
	// tokens are in userTokens.
	users      *Users
	userTokens map[string]string
}

func newReviewEnv(t testing.TB) *reviewEnv {
	t.Helper()
	e := &reviewEnv{storeEnv: newStoreEnv(t)}
	e.start()
	return e
}

func (e *reviewEnv) start() {
	e.t.Helper()
	if e.users == nil {
		e.users, e.userTokens = testUsers(e.t, reviewToken, "alice", "bob")
	}
	srv, err := NewServer(ServerConfig{Users: e.users})
	if err != nil {
		e.t.Fatal(err)
	}
	rv, err := NewReview(ReviewConfig{Store: e.store, Users: e.users, Location: time.UTC})
	if err != nil {
		e.t.Fatal(err)
	}
	rv.Register(srv.Mux(), srv.RequireToken)
	e.review = rv
	// The store is reached through e.review.store; after a reopen the
	// server is restarted with the new one.
	e.srv = httptest.NewServer(srv.Handler())
	e.t.Cleanup(e.srv.Close)
}

// api makes a bearer-token request (no token when tok is "").
func (e *reviewEnv) api(method, path, tok string, body io.Reader) (*http.Response, []byte) {
	e.t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, body)
	if err != nil {
		e.t.Fatal(err)
	}
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

// browser is a cookie-keeping client that does not follow redirects, so
// tests see them.
type browser struct {
	t    testing.TB
	base string
	c    *http.Client
}

func (e *reviewEnv) browser() *browser {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &browser{t: e.t, base: e.srv.URL, c: c}
}

func (b *browser) do(method, path string, form url.Values, hdr map[string]string) (*http.Response, string) {
	b.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.base+path, body)
	if err != nil {
		b.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	rb, _ := io.ReadAll(resp.Body)
	return resp, string(rb)
}

func (b *browser) get(path string) (*http.Response, string) { return b.do("GET", path, nil, nil) }

func (b *browser) login() {
	b.t.Helper()
	b.loginAs(reviewToken)
}

func (b *browser) loginAs(token string) {
	b.t.Helper()
	resp, _ := b.do("POST", "/review/login", url.Values{"token": {token}, "next": {"/review/"}}, nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/review/" {
		b.t.Fatalf("login: %d → %s", resp.StatusCode, resp.Header.Get("Location"))
	}
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func csrfOf(t testing.TB, page string) string {
	t.Helper()
	m := csrfField.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no csrf token on page:\n%s", page)
	}
	return m[1]
}

// route is an API method and path.
type route struct{ method, path string }

// callRoutes are the API routes about one stored call.
func callRoutes(id string) []route {
	return []route{
		{"GET", "/v1/calls/" + id},
		{"GET", "/v1/calls/" + id + "/report"},
		{"GET", "/v1/calls/" + id + "/audio"},
		{"POST", "/v1/calls/" + id + "/feedback"},
		{"DELETE", "/v1/calls/" + id},
	}
}

func TestReviewAPIAuth(t *testing.T) {
	e := newReviewEnv(t)
	e.runRecorder()
	e.publish(scamCall("auth-1", time.Now()))
	e.waitRecord("auth-1", recorded)
	for _, rt := range append(callRoutes("auth-1"), route{"GET", "/v1/calls"}) {
		for _, tok := range []string{"", "wrong-token"} {
			resp, body := e.api(rt.method, rt.path, tok, strings.NewReader(`{"feedback":"scam"}`))
			if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(string(body), `"error"`) {
				t.Errorf("%s %s with token %q: %d %s", rt.method, rt.path, tok, resp.StatusCode, body)
			}
		}
	}
	if _, err := e.store.Call(context.Background(), "auth-1"); err != nil {
		t.Fatalf("an unauthorized request changed the call: %v", err)
	}
}

func TestReviewAPINotFound(t *testing.T) {
	e := newReviewEnv(t)
	e.runRecorder()
	e.publish(scamCall("gone", time.Now()))
	e.waitRecord("gone", recorded)
	if resp, _ := e.api("DELETE", "/v1/calls/gone", reviewToken, nil); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("delete: %d", resp.StatusCode)
	}
	for _, id := range []string{"gone", "never-was", "bad.id", strings.Repeat("x", 80)} {
		for _, rt := range callRoutes(id) {
			resp, body := e.api(rt.method, rt.path, reviewToken, strings.NewReader(`{"feedback":"scam"}`))
			var je struct{ Error string }
			if resp.StatusCode != http.StatusNotFound || json.Unmarshal(body, &je) != nil || je.Error == "" {
				t.Errorf("%s %s: %d %s, want a 404 JSON error", rt.method, rt.path, resp.StatusCode, body)
			}
		}
	}
}

func TestReviewAPIListAndCall(t *testing.T) {
	e := newReviewEnv(t)
	e.runRecorder()
	now := time.Now().UTC()
	for i := range 4 {
		c := scamCall(fmt.Sprint("api-", i), now.Add(time.Duration(i)*time.Minute))
		if i%2 == 1 {
			c.verdict.Verdict = bus.VerdictClean
		}
		e.publish(c)
	}
	for i := range 4 {
		e.waitRecord(fmt.Sprint("api-", i), recorded)
	}
	var list struct {
		Calls     []CallRecord
		Next      string
		Precision Precision
	}
	resp, body := e.api("GET", "/v1/calls?verdict=scam&limit=1", reviewToken, nil)
	if resp.StatusCode != 200 || json.Unmarshal(body, &list) != nil || len(list.Calls) != 1 || list.Calls[0].ID != "api-2" || list.Next == "" {
		t.Fatalf("list: %d %s", resp.StatusCode, body)
	}
	resp, body = e.api("GET", "/v1/calls?verdict=scam&limit=1&cursor="+url.QueryEscape(list.Next), reviewToken, nil)
	list.Next = ""
	if json.Unmarshal(body, &list) != nil || len(list.Calls) != 1 || list.Calls[0].ID != "api-0" || list.Next != "" {
		t.Fatalf("page 2: %d %s", resp.StatusCode, body)
	}
	for _, q := range []string{"verdict=maybe", "limit=0", "limit=x", "from=yesterday", "cursor=bm9wZQ", "cursor=!!", "category=pizza"} {
		if resp, _ := e.api("GET", "/v1/calls?"+q, reviewToken, nil); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("GET /v1/calls?%s: %d, want 400", q, resp.StatusCode)
		}
	}
	var one struct {
		Call       CallRecord
		Transcript []bus.Segment
		Alerts     []bus.Alert
	}
	resp, body = e.api("GET", "/v1/calls/api-0", reviewToken, nil)
	if resp.StatusCode != 200 || json.Unmarshal(body, &one) != nil || one.Call.ID != "api-0" || len(one.Transcript) != 3 || len(one.Alerts) != 1 {
		t.Fatalf("call: %d %s", resp.StatusCode, body)
	}
	var rep Report
	resp, body = e.api("GET", "/v1/calls/api-0/report", reviewToken, nil)
	if resp.StatusCode != 200 || json.Unmarshal(body, &rep) != nil || rep.Call.ID != "api-0" || len(rep.Transcript) != 3 || !strings.Contains(rep.Summary, "scam") {
		t.Fatalf("report: %d %s", resp.StatusCode, body)
	}
}

func TestReviewAPIFeedbackRoundTrip(t *testing.T) {
	e := newReviewEnv(t)
	e.runRecorder()
	e.publish(scamCall("fb-api", time.Now()))
	e.waitRecord("fb-api", recorded)
	tests := []struct {
		body   string
		status int
		want   string
	}{
		{`{"feedback":"scam"}`, 200, FeedbackScam},
		{`{"feedback":"not_scam"}`, 200, FeedbackNotScam},
		{`{"feedback":"probably"}`, 400, FeedbackNotScam},
		{`{}`, 400, FeedbackNotScam},
		{`not json`, 400, FeedbackNotScam},
		{`{"feedback":""}`, 200, ""},
		{`{"feedback":"scam"}`, 200, FeedbackScam},
	}
	for _, tt := range tests {
		resp, body := e.api("POST", "/v1/calls/fb-api/feedback", reviewToken, strings.NewReader(tt.body))
		if resp.StatusCode != tt.status {
			t.Fatalf("%s: %d %s, want %d", tt.body, resp.StatusCode, body, tt.status)
		}
		var got struct{ Call CallRecord }
		_, b := e.api("GET", "/v1/calls/fb-api", reviewToken, nil)
		if err := json.Unmarshal(b, &got); err != nil || got.Call.Feedback != tt.want {
			t.Fatalf("after %s: feedback %q, want %q", tt.body, got.Call.Feedback, tt.want)
		}
	}
	var list struct{ Precision Precision }
	_, b := e.api("GET", "/v1/calls", reviewToken, nil)
	if json.Unmarshal(b, &list) != nil || list.Precision.Confirmed != 1 || list.Precision.Value != 1 {
		t.Fatalf("precision %s", b)
	}
}

// TestReviewAPIDeleteRemovesEverything deletes through the API: the
// transcript, alerts and audio go too.
func TestReviewAPIDeleteRemovesEverything(t *testing.T) {
	e := newReviewEnv(t)
	e.runRecorder()
	e.publish(scamCall("vm-del", time.Now()))
	e.waitRecord("vm-del", recorded)
	if err := e.store.PutAudio(context.Background(), "vm-del", "audio/wav", strings.NewReader("RIFF....WAVE")); err != nil {
		t.Fatal(err)
	}
	if resp, b := e.api("GET", "/v1/calls/vm-del/audio", reviewToken, nil); resp.StatusCode != 200 || string(b) != "RIFF....WAVE" || resp.Header.Get("Content-Type") != "audio/wav" {
		t.Fatalf("audio before delete: %d %q %s", resp.StatusCode, b, resp.Header.Get("Content-Type"))
	}
	if resp, _ := e.api("DELETE", "/v1/calls/vm-del", reviewToken, nil); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("delete: %d", resp.StatusCode)
	}
	e.assertGone("vm-del")
	if resp, _ := e.api("GET", "/v1/calls/vm-del/audio", reviewToken, nil); resp.StatusCode != 404 {
		t.Fatalf("audio after delete: %d", resp.StatusCode)
	}
}

// TestReviewNeverServesSpokenDigits: a spoken card number sent through the
// bus (by a producer that did not redact) appears nowhere in the API or
// the pages.
func TestReviewNeverServesSpokenDigits(t *testing.T) {
	e := newReviewEnv(t)
	e.runRecorder()
	spoken := "my card number is four one one one one one one one one one one one one one one one"
	c := scamCall("digits-api", time.Now())
	c.segs = append(c.segs, bus.Segment{Seq: 4, Track: bus.TrackCallee, Start: 8, End: 14, Text: spoken},
		bus.Segment{Seq: 5, Track: bus.TrackCaller, Start: 14, End: 16, Text: "and the pin 4 3 2 1 please, code 123456"})
	c.alerts[0].Flag.Text = spoken
	c.verdict.Flags = append(c.verdict.Flags, bus.Flag{Category: classify.CategoryBankingDetails, Text: spoken, Start: 8, End: 14, Track: bus.TrackCallee})
	e.publish(c)
	e.waitRecord("digits-api", recorded)
	var one struct {
		Call       CallRecord
		Transcript []bus.Segment
		Alerts     []bus.Alert
	}
	_, b := e.api("GET", "/v1/calls/digits-api", reviewToken, nil)
	if err := json.Unmarshal(b, &one); err != nil {
		t.Fatal(err)
	}
	if m := digitRun.FindString(recordTexts(one.Call, one.Transcript, one.Alerts)); m != "" {
		t.Fatalf("API serves %q", m)
	}
	var rep Report
	_, b = e.api("GET", "/v1/calls/digits-api/report", reviewToken, nil)
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	if m := digitRun.FindString(recordTexts(rep.Call, rep.Transcript, rep.Alerts) + rep.Summary); m != "" {
		t.Fatalf("report serves %q", m)
	}
	br := e.browser()
	br.login()
	for _, p := range []string{"/review/calls/digits-api", "/review/calls/digits-api/report", "/review/calls/digits-api/report.json", "/review/"} {
		_, page := br.get(p)
		if strings.Contains(page, "four one one one") || strings.Contains(page, "41111111") || strings.Contains(page, "4 3 2 1") || strings.Contains(page, "123456") {
			t.Fatalf("%s shows the digits:\n%s", p, page)
		}
		if p == "/review/calls/digits-api" && !strings.Contains(page, "[CARD]") {
			t.Fatalf("%s: no [CARD] label", p)
		}
	}
}

func TestReviewPagesNeedLogin(t *testing.T) {
	e := newReviewEnv(t)
	br := e.browser()
	for _, p := range []string{"/review/", "/review/calls/x", "/review/calls/x/audio", "/review/calls/x/report", "/review/calls/x/report.json", "/review/calls/x/delete"} {
		resp, _ := br.get(p)
		loc := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/review/login?next=") {
			t.Errorf("GET %s without login: %d → %q", p, resp.StatusCode, loc)
		}
	}
	for _, p := range []string{"/review/calls/x/feedback", "/review/calls/x/delete", "/review/logout"} {
		resp, _ := br.do("POST", p, url.Values{"feedback": {"scam"}}, nil)
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/review/login") {
			t.Errorf("POST %s without login: %d", p, resp.StatusCode)
		}
	}
	// The bearer token is not a session.
	req, _ := http.NewRequest("GET", e.srv.URL+"/review/", nil)
	req.Header.Set("Authorization", "Bearer "+reviewToken)
	resp, err := br.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("bearer token on a page: %d", resp.StatusCode)
	}
}

func TestReviewSessionLoginLogout(t *testing.T) {
	e := newReviewEnv(t)
	br := e.browser()
	resp, page := br.get("/review/login?next=/review/calls/abc")
	if resp.StatusCode != 200 || !strings.Contains(page, `value="/review/calls/abc"`) {
		t.Fatalf("login page: %d", resp.StatusCode)
	}
	resp, page = br.do("POST", "/review/login", url.Values{"token": {"nope"}}, nil)
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(page, "not right") {
		t.Fatalf("wrong token: %d", resp.StatusCode)
	}
	resp, _ = br.do("POST", "/review/login", url.Values{"token": {reviewToken}, "next": {"//evil.example/"}}, nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/review/" {
		t.Fatalf("open redirect: %d → %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	var cookie *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == SessionCookie {
			cookie = c
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode || cookie.Path != "/" || cookie.Secure {
		t.Fatalf("session cookie %+v (plain HTTP: not Secure unless configured)", cookie)
	}
	resp, page = br.get("/review/")
	if resp.StatusCode != 200 {
		t.Fatalf("list after login: %d", resp.StatusCode)
	}
	if csp := resp.Header.Get("Content-Security-Policy"); csp != ReviewCSP {
		t.Fatalf("CSP %q", csp)
	}
	resp, _ = br.do("POST", "/review/logout", url.Values{"csrf": {csrfOf(t, page)}}, nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout: %d", resp.StatusCode)
	}
	if resp, _ := br.get("/review/"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("list after logout: %d", resp.StatusCode)
	}
	// The old session id is dead even if replayed.
	jar, _ := cookiejar.New(nil)
	u, _ := url.Parse(e.srv.URL)
	jar.SetCookies(u, []*http.Cookie{{Name: SessionCookie, Value: cookie.Value}})
	br.c.Jar = jar
	if resp, _ := br.get("/review/"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("replayed session after logout: %d", resp.StatusCode)
	}
}

func TestReviewSessionSecureCookie(t *testing.T) {
	e := newStoreEnv(t)
	users, _ := testUsers(t, reviewToken)
	rv, err := NewReview(ReviewConfig{Store: e.store, Users: users})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	rv.Register(mux, func(h http.Handler) http.Handler { return h })
	srv := httptest.NewTLSServer(mux)
	defer srv.Close()
	c := srv.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := c.PostForm(srv.URL+"/review/login", url.Values{"token": {reviewToken}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cs := resp.Cookies()
	if len(cs) != 1 || !cs[0].Secure || !cs[0].HttpOnly || cs[0].SameSite != http.SameSiteStrictMode {
		t.Fatalf("cookie over TLS: %+v", cs)
	}
}

func TestReviewSessionExpiry(t *testing.T) {
	s := newSessionStore()
	now := time.Now()
	s.now = func() time.Time { return now }
	ss := s.create(Identity{User: AdminUser, Admin: true})
	if s.get(ss.id) == nil {
		t.Fatal("fresh session not found")
	}
	now = now.Add(SessionIdle - time.Minute)
	if s.get(ss.id) == nil {
		t.Fatal("session expired before its idle time")
	}
	now = now.Add(SessionIdle + time.Minute)
	if s.get(ss.id) != nil {
		t.Fatal("idle session still valid")
	}
	ss = s.create(Identity{User: AdminUser, Admin: true})
	for range 20 {
		now = now.Add(SessionIdle / 2)
		s.get(ss.id)
	}
	if s.get(ss.id) != nil {
		t.Fatal("busy session outlived SessionMaxAge")
	}
}

func TestReviewLoginRateLimit(t *testing.T) {
	e := newReviewEnv(t)
	br := e.browser()
	limited := 0
	for range 20 {
		resp, _ := br.do("POST", "/review/login", url.Values{"token": {"guess"}}, nil)
		if resp.StatusCode == http.StatusTooManyRequests {
			limited++
		}
	}
	if limited < 10 {
		t.Fatalf("only %d of 20 rapid guesses were refused", limited)
	}
}

func TestReviewCSRF(t *testing.T) {
	e := newReviewEnv(t)
	e.runRecorder()
	e.publish(scamCall("csrf-1", time.Now()))
	e.waitRecord("csrf-1", recorded)
	br := e.browser()
	br.login()
	_, page := br.get("/review/calls/csrf-1")
	tok := csrfOf(t, page)
	tests := []struct {
		name   string
		form   url.Values
		hdr    map[string]string
		status int
	}{
		{"no token", url.Values{"feedback": {"scam"}}, nil, 403},
		{"wrong token", url.Values{"feedback": {"scam"}, "csrf": {"x" + tok}}, nil, 403},
		{"cross-site", url.Values{"feedback": {"scam"}, "csrf": {tok}}, map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"other origin", url.Values{"feedback": {"scam"}, "csrf": {tok}}, map[string]string{"Origin": "http://evil.example"}, 403},
		{"same origin", url.Values{"feedback": {"scam"}, "csrf": {tok}}, map[string]string{"Origin": e.srv.URL, "Sec-Fetch-Site": "same-origin"}, 303},
	}
	for _, tt := range tests {
		resp, _ := br.do("POST", "/review/calls/csrf-1/feedback", tt.form, tt.hdr)
		if resp.StatusCode != tt.status {
			t.Errorf("%s: %d, want %d", tt.name, resp.StatusCode, tt.status)
		}
		r, _ := e.store.Call(context.Background(), "csrf-1")
		if (r.Feedback != "") != (tt.status == 303) {
			t.Fatalf("%s: feedback %q", tt.name, r.Feedback)
		}
	}
	// A cross-site login post (login CSRF) is refused too.
	resp, _ := br.do("POST", "/review/login", url.Values{"token": {reviewToken}}, map[string]string{"Sec-Fetch-Site": "cross-site"})
	if resp.StatusCode != 403 {
		t.Fatalf("cross-site login: %d", resp.StatusCode)
	}
	// And a cross-site delete leaves the call alone.
	resp, _ = br.do("POST", "/review/calls/csrf-1/delete", url.Values{"csrf": {tok}}, map[string]string{"Sec-Fetch-Site": "cross-site"})
	if _, err := e.store.Call(context.Background(), "csrf-1"); resp.StatusCode != 403 || err != nil {
		t.Fatalf("cross-site delete: %d, %v", resp.StatusCode, err)
	}
}

// xssPayloads are things a caller might say (or a recogniser emit) that
// must show as text.
var xssPayloads = []string{
	`<script>alert("xss-1")</script>`,
	`"><img src=x onerror=alert("xss-2")>`,
	`javascript:alert("xss-3")`,
	`</p><svg onload=alert("xss-4")>`,
	`{{.CSRF}} ' onmouseover='alert(5)`,
}

func xssCall(id string) testCall {
	c := scamCall(id, time.Now())
	for i, p := range xssPayloads {
		c.segs = append(c.segs, bus.Segment{Seq: uint64(10 + i), Track: bus.TrackCaller, Start: float64(10 + i), End: float64(11 + i), Text: p})
	}
	c.alerts[0].Flag.Text = xssPayloads[1]
	c.verdict.Flags[0].Text = xssPayloads[1]
	c.verdict.Signals = []string{xssPayloads[0]}
	return c
}

func TestReviewTranscriptRenderedInert(t *testing.T) {
	e := newReviewEnv(t)
	e.runRecorder()
	e.publish(xssCall("xss"))
	e.waitRecord("xss", recorded)
	br := e.browser()
	br.login()
	for _, p := range []string{"/review/calls/xss", "/review/calls/xss/report", "/review/calls/xss/delete"} {
		resp, page := br.get(p)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d", p, resp.StatusCode)
		}
		for _, bad := range []string{"<script>alert", "<img src=x", "<svg onload", "onmouseover='"} {
			if strings.Contains(page, bad) {
				t.Fatalf("%s contains live markup %q", p, bad)
			}
		}
		if strings.Count(page, "<script") != 1 { // only /ui/static/review.js
			t.Fatalf("%s: unexpected script elements", p)
		}
		if p == "/review/calls/xss" && !strings.Contains(page, "&lt;script&gt;alert(&#34;xss-1&#34;)&lt;/script&gt;") {
			t.Fatalf("payload not shown as text")
		}
	}
}

func TestReviewCallPageShowsFlag(t *testing.T) {
	e := newReviewEnv(t)
	e.runRecorder()
	e.publish(scamCall("page-1", time.Now()))
	e.waitRecord("page-1", recorded)
	if err := e.store.PutAudio(context.Background(), "page-1", "audio/ogg", strings.NewReader("OggS")); err != nil {
		t.Fatal(err)
	}
	br := e.browser()
	br.login()
	_, page := br.get("/review/calls/page-1")
	flagged := regexp.MustCompile(`(?s)<li id="seg-2" class="seg seg-caller flagged">.*?please read me the code we sent.*?Asked for: Verification code`)
	if !flagged.MatchString(page) {
		t.Fatalf("flagged segment not highlighted:\n%s", page)
	}
	if strings.Contains(page, `id="seg-1" class="seg seg-caller flagged"`) {
		t.Fatal("an innocent segment is highlighted")
	}
	for _, want := range []string{`<audio controls preload="metadata" src="/review/calls/page-1/audio">`, `<polyline class="risk-line"`, classify.Advice(classify.CategoryVerificationCode), `id="feedback-scam"`, `href="/review/calls/page-1/report.json"`} {
		if !strings.Contains(page, want) {
			t.Fatalf("call page lacks %q", want)
		}
	}
	resp, b := br.get("/review/calls/page-1/audio")
	if resp.StatusCode != 200 || b != "OggS" || resp.Header.Get("Content-Type") != "audio/ogg" {
		t.Fatalf("audio: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	resp, b = br.get("/review/calls/page-1/report.json")
	if !strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") || !json.Valid([]byte(b)) {
		t.Fatalf("report download: %v", resp.Header)
	}
	// Feedback and delete through the forms.
	tok := csrfOf(t, page)
	resp, _ = br.do("POST", "/review/calls/page-1/feedback", url.Values{"csrf": {tok}, "feedback": {"scam"}}, nil)
	if resp.StatusCode != 303 {
		t.Fatalf("feedback: %d", resp.StatusCode)
	}
	_, list := br.get("/review/")
	if !strings.Contains(list, `<strong id="precision-value">100%</strong>`) {
		t.Fatalf("precision not on the list page")
	}
	resp, _ = br.do("POST", "/review/calls/page-1/delete", url.Values{"csrf": {tok}}, nil)
	if resp.StatusCode != 303 {
		t.Fatalf("delete: %d", resp.StatusCode)
	}
	e.assertGone("page-1")
	if resp, _ := br.get("/review/calls/page-1"); resp.StatusCode != 404 {
		t.Fatalf("deleted call page: %d", resp.StatusCode)
	}
}

func TestReviewListFilters(t *testing.T) {
	e := newReviewEnv(t)
	ctx := context.Background()
	base := time.Date(2025, 5, 10, 9, 0, 0, 0, time.UTC)
	for i := range 60 {
		_, err := e.store.Update(ctx, fmt.Sprintf("l%02d", i), true, func(r *CallRecord) bool {
			r.Started = base.Add(time.Duration(i) * 12 * time.Hour)
			r.Source = []string{bus.SourceLive, bus.SourceVoicemail}[i%2]
			r.Verdict = []string{bus.VerdictScam, bus.VerdictClean, bus.VerdictSuspicious}[i%3]
			return true
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	br := e.browser()
	br.login()
	rows := regexp.MustCompile(`href="/review/calls/(l\d\d)"`)
	ids := func(page string) []string {
		var out []string
		for _, m := range rows.FindAllStringSubmatch(page, -1) {
			out = append(out, m[1])
		}
		return out
	}
	_, page := br.get("/review/")
	if got := ids(page); len(got) != DefaultPageSize || got[0] != "l59" || !strings.Contains(page, `id="older"`) {
		t.Fatalf("first page: %v", got)
	}
	older := regexp.MustCompile(`href="([^"]+)" id="older"`).FindStringSubmatch(page)[1]
	_, page = br.get(strings.ReplaceAll(older, "&amp;", "&"))
	if got := ids(page); len(got) != 10 || got[0] != "l09" {
		t.Fatalf("second page: %v", got)
	}
	_, page = br.get("/review/?verdict=scam&source=voicemail")
	for _, id := range ids(page) {
		var n int
		fmt.Sscanf(id, "l%d", &n)
		if n%6 != 3 {
			t.Fatalf("filter let %s through", id)
		}
	}
	_, page = br.get("/review/?from=2025-05-12&to=2025-05-12")
	if got := ids(page); len(got) != 2 || got[0] != "l05" || got[1] != "l04" {
		t.Fatalf("one day: %v", got)
	}
	if !strings.Contains(page, `value="2025-05-12"`) {
		t.Fatal("date filter not kept in the form")
	}
	_, page = br.get("/review/?verdict=%3Cscript%3E")
	if !strings.Contains(page, "could not be used") || strings.Contains(page, "<script>") {
		t.Fatal("bad filter not reported safely")
	}
}

func TestReviewStaticAssets(t *testing.T) {
	e := newReviewEnv(t)
	br := e.browser()
	for _, tt := range []struct{ path, ct string }{{"/ui/static/review.css", "text/css"}, {"/ui/static/review.js", "text/javascript"}} {
		resp, body := br.get(tt.path)
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), tt.ct) || len(body) < 50 {
			t.Fatalf("%s: %d %s", tt.path, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
	}
	for _, p := range []string{"/ui/static/", "/ui/static/../review.go", "/ui/static/nope.css"} {
		if resp, _ := br.get(p); resp.StatusCode == 200 {
			t.Fatalf("%s served", p)
		}
	}
}

// TestReviewSurvivesRestart: after a restart of the whole server, the API
// serves the same calls.
func TestReviewSurvivesRestart(t *testing.T) {
	e := newReviewEnv(t)
	e.runRecorder()
	e.publish(scamCall("rs", time.Now()))
	e.waitRecord("rs", recorded)
	if err := e.store.PutAudio(context.Background(), "rs", "audio/wav", strings.NewReader("RIFF")); err != nil {
		t.Fatal(err)
	}
	e.srv.Close()
	e.reopen()
	e.start()
	var one struct {
		Call       CallRecord
		Transcript []bus.Segment
		Alerts     []bus.Alert
	}
	resp, b := e.api("GET", "/v1/calls/rs", reviewToken, nil)
	if resp.StatusCode != 200 || json.Unmarshal(b, &one) != nil || len(one.Transcript) != 3 || len(one.Alerts) != 1 || !one.Call.HasAudio {
		t.Fatalf("after restart: %d %s", resp.StatusCode, b)
	}
	if resp, b := e.api("GET", "/v1/calls/rs/audio", reviewToken, nil); string(b) != "RIFF" {
		t.Fatalf("audio after restart: %d %q", resp.StatusCode, b)
	}
}

func TestReviewConfigErrors(t *testing.T) {
	users, _ := testUsers(t, reviewToken)
	if _, err := NewReview(ReviewConfig{Users: users}); err == nil {
		t.Fatal("no store accepted")
	}
	e := newStoreEnv(t)
	if _, err := NewReview(ReviewConfig{Store: e.store}); err == nil {
		t.Fatal("no users accepted")
	}
}
