package callscreen

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/callscreen/callscreen/bus"
)

// ReviewCSP is the Content-Security-Policy of every review page: no inline
// script or style, nothing from elsewhere. A transcript is attacker speech;
// even if some of it were ever rendered as markup, it could not run.
const ReviewCSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"media-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

//go:embed ui/templates/*.html ui/static/*
var uiFS embed.FS

// ReviewConfig configures the review pages and API.
type ReviewConfig struct {
	Store *Store
	// Users are who may log in: each types on the login page the token the
	// API takes as their bearer token, and sees only their own calls (the
	// operator sees everyone's).
	Users  *Users
	Logger *slog.Logger
	// SecureCookies marks the session cookie Secure even on plain HTTP,
	// for when a TLS proxy fronts callscreen. Requests that arrive over
	// TLS get Secure cookies regardless.
	SecureCookies bool
	// Location is the time zone pages show times in and date filters are
	// read in; time.Local when nil.
	Location *time.Location
}

// Review serves the review web pages (/review/...) and the calls API
// (/v1/calls...).
type Review struct {
	cfg      ReviewConfig
	store    *Store
	log      *slog.Logger
	pages    map[string]*template.Template
	sessions *sessionStore
	limiter  *loginLimiter
	cop      *http.CrossOriginProtection
}

// NewReview parses the templates and returns the review front end.
func NewReview(cfg ReviewConfig) (*Review, error) {
	if cfg.Store == nil {
		return nil, errors.New("callscreen: review needs a store")
	}
	if cfg.Users == nil {
		return nil, errors.New("callscreen: review needs users")
	}
	if cfg.Location == nil {
		cfg.Location = time.Local
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	rv := &Review{
		cfg: cfg, store: cfg.Store, log: log.With("role", "review"),
		pages:    make(map[string]*template.Template),
		sessions: newSessionStore(),
		limiter:  newLoginLimiter(2, 5),
		cop:      http.NewCrossOriginProtection(),
	}
	rv.cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rv.errorPage(w, r, http.StatusForbidden, "This form came from another web site, so it was refused.")
	}))
	funcs := rv.funcs()
	for _, p := range []string{"list", "call", "login", "delete", "report", "error"} {
		t, err := template.New(p).Funcs(funcs).ParseFS(uiFS, "ui/templates/layout.html", "ui/templates/parts.html", "ui/templates/"+p+".html")
		if err != nil {
			return nil, fmt.Errorf("callscreen: review template %s: %w", p, err)
		}
		rv.pages[p] = t
	}
	return rv, nil
}

// Register adds the review pages, their static assets and the calls API to
// mux. API routes are wrapped in requireToken (the server's RequireToken,
// which puts the caller's Identity in the request context); pages use their
// own login sessions. Either way a user sees only their own calls: anyone
// else's answer 404, exactly like calls that do not exist.
func (rv *Review) Register(mux *http.ServeMux, requireToken func(http.Handler) http.Handler) {
	page := func(h http.HandlerFunc) http.Handler { return rv.secure(h) }
	authed := func(h func(http.ResponseWriter, *http.Request, *session)) http.Handler {
		return rv.secure(rv.requireSession(h))
	}
	mux.Handle("GET /ui/static/{file}", http.HandlerFunc(rv.static))
	mux.Handle("GET /review", http.RedirectHandler("/review/", http.StatusMovedPermanently))
	mux.Handle("GET /review/{$}", authed(rv.list))
	mux.Handle("GET /review/login", page(rv.loginForm))
	mux.Handle("POST /review/login", page(rv.login))
	mux.Handle("POST /review/logout", authed(rv.logout))
	mux.Handle("GET /review/calls/{id}", authed(rv.callTemplate("call")))
	mux.Handle("GET /review/calls/{id}/audio", authed(func(w http.ResponseWriter, r *http.Request, _ *session) { rv.audioHandler(w, r) }))
	mux.Handle("POST /review/calls/{id}/feedback", authed(rv.feedback))
	mux.Handle("GET /review/calls/{id}/report", authed(rv.callTemplate("report")))
	mux.Handle("GET /review/calls/{id}/report.json", authed(rv.reportDownload))
	mux.Handle("GET /review/calls/{id}/delete", authed(rv.callTemplate("delete")))
	mux.Handle("POST /review/calls/{id}/delete", authed(rv.deleteCall))

	api := func(h http.HandlerFunc) http.Handler { return requireToken(h) }
	mux.Handle("GET /v1/calls", api(rv.apiList))
	mux.Handle("GET /v1/calls/{id}", api(rv.apiCall))
	mux.Handle("POST /v1/calls/{id}/feedback", api(rv.apiFeedback))
	mux.Handle("DELETE /v1/calls/{id}", api(rv.apiDelete))
	mux.Handle("GET /v1/calls/{id}/report", api(rv.apiReport))
	mux.Handle("GET /v1/calls/{id}/audio", api(rv.audioHandler))
}

// secure sets the headers every review response carries.
func (rv *Review) secure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", ReviewCSP)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		// same-origin, not no-referrer: browsers send "Origin: null" on
		// form posts under no-referrer, which looks cross-origin.
		hd.Set("Referrer-Policy", "same-origin")
		hd.Set("Cache-Control", "no-store")
		h.ServeHTTP(w, r)
	})
}

// requireSession sends visitors without a session to the login page.
func (rv *Review) requireSession(h func(http.ResponseWriter, *http.Request, *session)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ss := rv.sessions.fromRequest(r)
		if ss == nil {
			next := r.URL.Path
			if r.Method != http.MethodGet {
				next = "/review/"
			} else if r.URL.RawQuery != "" {
				next += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, "/review/login?next="+url.QueryEscape(next), http.StatusSeeOther)
			return
		}
		h(w, r.WithContext(WithIdentity(r.Context(), ss.who)), ss)
	}
}

// checkPost accepts a form post only from this site (Sec-Fetch-Site /
// Origin) and with the session's synchronizer token.
func (rv *Review) checkPost(w http.ResponseWriter, r *http.Request, ss *session) bool {
	if err := rv.cop.Check(r); err != nil {
		rv.errorPage(w, r, http.StatusForbidden, "This form came from another web site, so it was refused.")
		return false
	}
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		rv.errorPage(w, r, http.StatusBadRequest, "The form could not be read.")
		return false
	}
	if ss != nil && !ss.validCSRF(r.PostForm.Get("csrf")) {
		rv.errorPage(w, r, http.StatusForbidden, "This form has expired. Please go back, reload the page and try again.")
		return false
	}
	return true
}

func (rv *Review) secureCookie(r *http.Request) bool { return rv.cfg.SecureCookies || r.TLS != nil }

// safeNext keeps a post-login redirect on the review pages.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/review/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") || len(next) > 1024 {
		return "/review/"
	}
	return next
}

func (rv *Review) loginForm(w http.ResponseWriter, r *http.Request) {
	next := safeNext(r.URL.Query().Get("next"))
	if rv.sessions.fromRequest(r) != nil {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	rv.render(w, r, http.StatusOK, "login", loginView{Next: next})
}

func (rv *Review) login(w http.ResponseWriter, r *http.Request) {
	if !rv.limiter.allow(r) {
		w.Header().Set("Retry-After", "1")
		rv.render(w, r, http.StatusTooManyRequests, "login", loginView{Next: "/review/", Error: "Too many tries. Please wait a moment and try again."})
		return
	}
	if !rv.checkPost(w, r, nil) {
		return
	}
	next := safeNext(r.PostForm.Get("next"))
	tok := strings.TrimSpace(r.PostForm.Get("token"))
	who, ok := rv.cfg.Users.Lookup(tok)
	if !ok {
		rv.log.Info("review login failed", "remote", r.RemoteAddr)
		rv.render(w, r, http.StatusUnauthorized, "login", loginView{Next: next, Error: "That access code is not right. Please check it and try again."})
		return
	}
	if old := rv.sessions.fromRequest(r); old != nil {
		rv.sessions.delete(old.id)
	}
	ss := rv.sessions.create(who)
	http.SetCookie(w, sessionCookie(ss, rv.secureCookie(r)))
	rv.log.Info("review login", "remote", r.RemoteAddr, "user", who.User)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (rv *Review) logout(w http.ResponseWriter, r *http.Request, ss *session) {
	if !rv.checkPost(w, r, ss) {
		return
	}
	rv.sessions.delete(ss.id)
	http.SetCookie(w, sessionCookie(nil, rv.secureCookie(r)))
	http.Redirect(w, r, "/review/login", http.StatusSeeOther)
}

func (rv *Review) static(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	if !fs.ValidPath(name) || strings.Contains(name, "/") {
		http.NotFound(w, r)
		return
	}
	sub, _ := fs.Sub(uiFS, "ui/static")
	if _, err := fs.Stat(sub, name); err != nil {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-cache")
	switch path.Ext(name) {
	case ".css":
		h.Set("Content-Type", "text/css; charset=utf-8")
	case ".js":
		h.Set("Content-Type", "text/javascript; charset=utf-8")
	case ".svg":
		h.Set("Content-Type", "image/svg+xml")
	}
	http.ServeFileFS(w, r, sub, name)
}

func (rv *Review) list(w http.ResponseWriter, r *http.Request, ss *session) {
	f, err := ParseFilter(r.URL.Query(), rv.cfg.Location)
	v := listView{base: base{CSRF: ss.csrf}}
	if err != nil {
		v.Error = "Those filters could not be used; showing all calls."
		f = Filter{}
	}
	scope(r.Context(), &f)
	calls, next, err := rv.store.Calls(r.Context(), f)
	if err != nil {
		rv.internalError(w, r, err)
		return
	}
	v.Precision = rv.store.Precision(f.Owner)
	v.Total = rv.store.Count(f.Owner)
	v.Form = filterForm{Verdict: f.Verdict, Category: f.Category, Source: f.Source}
	if !f.From.IsZero() {
		v.Form.From = f.From.In(rv.cfg.Location).Format(dateLayout)
	}
	if !f.To.IsZero() {
		v.Form.To = f.To.Add(-time.Nanosecond).In(rv.cfg.Location).Format(dateLayout)
	}
	v.Filtered = f.Verdict != "" || f.Category != "" || f.Source != "" || !f.From.IsZero() || !f.To.IsZero()
	if v.Admin = IdentityFrom(r.Context()).Admin; v.Admin {
		v.Form.Owner = f.Owner
		v.Filtered = v.Filtered || f.Owner != ""
	}
	v.Calls = calls
	if next != "" {
		g := f
		g.Cursor = next
		v.NextURL = "/review/?" + g.Query().Encode()
	}
	if f.Cursor != "" {
		g := f
		g.Cursor = ""
		v.FirstURL = "/review/?" + g.Query().Encode()
	}
	v.Verdicts, v.Categories, v.Sources = verdictOptions, categoryOptions(), sourceOptions
	rv.render(w, r, http.StatusOK, "list", v)
}

// scope limits a listing to the calls the request's user may see.
func scope(ctx context.Context, f *Filter) {
	if who := IdentityFrom(ctx); !who.Admin {
		f.Owner = who.User
	}
}

// visibleCall returns the record of call id if the request's user may see
// it, and ErrNotFound otherwise, so that nobody can tell someone else's
// call from one that does not exist.
func (rv *Review) visibleCall(ctx context.Context, id string) (CallRecord, error) {
	rec, err := rv.store.Call(ctx, id)
	if err != nil {
		return CallRecord{}, err
	}
	if !IdentityFrom(ctx).CanSee(rec.Owner) {
		return CallRecord{}, ErrNotFound
	}
	return rec, nil
}

// loadCall reads everything shown about a call.
func (rv *Review) loadCall(ctx context.Context, id string) (Report, error) {
	rec, err := rv.visibleCall(ctx, id)
	if err != nil {
		return Report{}, err
	}
	segs, err := rv.store.Transcript(ctx, id)
	if err != nil {
		return Report{}, err
	}
	alerts, err := rv.store.Alerts(ctx, id)
	if err != nil {
		return Report{}, err
	}
	return newReport(rec, segs, alerts, time.Now()), nil
}

func (rv *Review) callOr404(w http.ResponseWriter, r *http.Request) (Report, bool) {
	rep, err := rv.loadCall(r.Context(), r.PathValue("id"))
	if errors.Is(err, ErrNotFound) {
		rv.errorPage(w, r, http.StatusNotFound, "There is no such call. It may have been deleted, or kept longer than the retention period.")
		return Report{}, false
	}
	if err != nil {
		rv.internalError(w, r, err)
		return Report{}, false
	}
	return rep, true
}

// callTemplate renders a page about one call (the call itself, its
// printable report, the delete confirmation) with the named template.
func (rv *Review) callTemplate(name string) func(http.ResponseWriter, *http.Request, *session) {
	return func(w http.ResponseWriter, r *http.Request, ss *session) {
		rep, ok := rv.callOr404(w, r)
		if !ok {
			return
		}
		rv.render(w, r, http.StatusOK, name, rv.newCallView(ss, rep))
	}
}

func (rv *Review) reportDownload(w http.ResponseWriter, r *http.Request, _ *session) {
	rep, ok := rv.callOr404(w, r)
	if !ok {
		return
	}
	w.Header().Set("Content-Disposition", `attachment; filename="callscreen-`+rep.Call.ID+`.json"`)
	writeJSON(w, http.StatusOK, rep)
}

// audioHandler serves a call's recording with range support, so that the
// browser's player can seek.
func (rv *Review) audioHandler(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	_, err := rv.visibleCall(r.Context(), id)
	var (
		data []byte
		ct   string
	)
	if err == nil {
		data, ct, err = rv.store.ReadAudio(r.Context(), id)
	}
	if errors.Is(err, ErrNotFound) {
		writeError(w, http.StatusNotFound, "no recording for this call")
		return
	}
	if err != nil {
		rv.log.Error("read audio", "call", id, "err", err)
		writeError(w, http.StatusInternalServerError, "Internal error.")
		return
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Disposition", `inline; filename="callscreen-`+id+`"`)
	h.Set("Cache-Control", "private, no-store")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
}

func (rv *Review) feedback(w http.ResponseWriter, r *http.Request, ss *session) {
	if !rv.checkPost(w, r, ss) {
		return
	}
	id := r.PathValue("id")
	_, err := rv.visibleCall(r.Context(), id)
	if err == nil {
		_, err = rv.store.SetFeedback(r.Context(), id, r.PostForm.Get("feedback"))
	}
	switch {
	case errors.Is(err, ErrNotFound):
		rv.errorPage(w, r, http.StatusNotFound, "There is no such call.")
		return
	case errors.Is(err, ErrBadFeedback):
		rv.errorPage(w, r, http.StatusBadRequest, "Please choose “Scam” or “Not a scam”.")
		return
	case err != nil:
		rv.internalError(w, r, err)
		return
	}
	http.Redirect(w, r, "/review/calls/"+id+"?saved=1#feedback", http.StatusSeeOther)
}

func (rv *Review) deleteCall(w http.ResponseWriter, r *http.Request, ss *session) {
	if !rv.checkPost(w, r, ss) {
		return
	}
	id := r.PathValue("id")
	_, err := rv.visibleCall(r.Context(), id)
	if err == nil {
		err = rv.store.Delete(r.Context(), id)
	}
	if errors.Is(err, ErrNotFound) {
		rv.errorPage(w, r, http.StatusNotFound, "There is no such call. It may already have been deleted.")
		return
	}
	if err != nil {
		rv.internalError(w, r, err)
		return
	}
	http.Redirect(w, r, "/review/?deleted=1", http.StatusSeeOther)
}

// render executes a page into a buffer first, so that a template error
// becomes a clean 500 instead of half a page.
func (rv *Review) render(w http.ResponseWriter, r *http.Request, status int, page string, data any) {
	var buf bytes.Buffer
	if err := rv.pages[page].ExecuteTemplate(&buf, "layout", data); err != nil {
		rv.log.Error("render", "page", page, "err", err)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(buf.Bytes())
	}
}

func (rv *Review) errorPage(w http.ResponseWriter, r *http.Request, status int, msg string) {
	v := errorView{Status: status, Message: msg}
	if ss := rv.sessions.fromRequest(r); ss != nil {
		v.CSRF = ss.csrf
	}
	rv.render(w, r, status, "error", v)
}

func (rv *Review) internalError(w http.ResponseWriter, r *http.Request, err error) {
	rv.log.Error("review", "path", r.URL.Path, "err", err)
	rv.errorPage(w, r, http.StatusInternalServerError, "Something went wrong on our side. Please try again in a minute.")
}

// Report is everything kept about one call, as exported (JSON) and printed.
type Report struct {
	Generated  time.Time     `json:"generated"`
	Summary    string        `json:"summary"`
	Call       CallRecord    `json:"call"`
	Transcript []bus.Segment `json:"transcript"`
	Alerts     []bus.Alert   `json:"alerts"`
}

func newReport(rec CallRecord, segs []bus.Segment, alerts []bus.Alert, now time.Time) Report {
	if segs == nil {
		segs = []bus.Segment{}
	}
	if alerts == nil {
		alerts = []bus.Alert{}
	}
	return Report{Generated: now.UTC(), Summary: summary(&rec), Call: rec, Transcript: segs, Alerts: alerts}
}

// summary says in one sentence what callscreen made of a call.
func summary(r *CallRecord) string {
	var b strings.Builder
	switch r.Verdict {
	case bus.VerdictScam:
		fmt.Fprintf(&b, "callscreen judged this call a scam (risk %s).", pct(r.Risk))
	case bus.VerdictSuspicious:
		fmt.Fprintf(&b, "callscreen found this call suspicious (risk %s).", pct(r.Risk))
	case bus.VerdictClean:
		b.WriteString("callscreen found no sign of a scam in this call.")
	default:
		fmt.Fprintf(&b, "This call has not been judged yet (risk so far %s).", pct(r.Risk))
	}
	if len(r.Categories) > 0 {
		labels := make([]string, len(r.Categories))
		for i, c := range r.Categories {
			labels[i] = strings.ToLower(categoryName(c))
		}
		fmt.Fprintf(&b, " The caller asked for: %s.", strings.Join(labels, ", "))
	}
	switch r.Feedback {
	case FeedbackScam:
		b.WriteString(" Reviewed: a scam.")
	case FeedbackNotScam:
		b.WriteString(" Reviewed: not a scam.")
	}
	return b.String()
}

// The calls API. Every text in it is redacted; errors are JSON.

func (rv *Review) apiList(w http.ResponseWriter, r *http.Request) {
	f, err := ParseFilter(r.URL.Query(), rv.cfg.Location)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	scope(r.Context(), &f)
	calls, next, err := rv.store.Calls(r.Context(), f)
	if err != nil {
		rv.apiInternal(w, r, err)
		return
	}
	if calls == nil {
		calls = []CallRecord{}
	}
	writeJSON(w, http.StatusOK, struct {
		Calls     []CallRecord `json:"calls"`
		Next      string       `json:"next,omitempty"`
		Precision Precision    `json:"precision"`
	}{calls, next, rv.store.Precision(f.Owner)})
}

func (rv *Review) apiCall(w http.ResponseWriter, r *http.Request) {
	rep, err := rv.loadCall(r.Context(), r.PathValue("id"))
	if rv.apiErr(w, r, err) {
		return
	}
	writeJSON(w, http.StatusOK, struct {
		Call       CallRecord    `json:"call"`
		Transcript []bus.Segment `json:"transcript"`
		Alerts     []bus.Alert   `json:"alerts"`
	}{rep.Call, rep.Transcript, rep.Alerts})
}

func (rv *Review) apiReport(w http.ResponseWriter, r *http.Request) {
	rep, err := rv.loadCall(r.Context(), r.PathValue("id"))
	if rv.apiErr(w, r, err) {
		return
	}
	writeJSON(w, http.StatusOK, rep)
}

func (rv *Review) apiFeedback(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Feedback *string `json:"feedback"`
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4<<10))
	if err := dec.Decode(&body); err != nil || body.Feedback == nil {
		writeError(w, http.StatusBadRequest, `body must be {"feedback":"scam"|"not_scam"|""}`)
		return
	}
	id := r.PathValue("id")
	_, err := rv.visibleCall(r.Context(), id)
	var rec CallRecord
	if err == nil {
		rec, err = rv.store.SetFeedback(r.Context(), id, *body.Feedback)
	}
	if errors.Is(err, ErrBadFeedback) {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if rv.apiErr(w, r, err) {
		return
	}
	writeJSON(w, http.StatusOK, rec)
}

func (rv *Review) apiDelete(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	_, err := rv.visibleCall(r.Context(), id)
	if err == nil {
		err = rv.store.Delete(r.Context(), id)
	}
	if rv.apiErr(w, r, err) {
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// apiErr answers err (404 for unknown calls) and reports whether it did.
func (rv *Review) apiErr(w http.ResponseWriter, r *http.Request, err error) bool {
	switch {
	case err == nil:
		return false
	case errors.Is(err, ErrNotFound):
		writeError(w, http.StatusNotFound, "call not found")
	default:
		rv.apiInternal(w, r, err)
	}
	return true
}

func (rv *Review) apiInternal(w http.ResponseWriter, r *http.Request, err error) {
	rv.log.Error("calls api", "path", r.URL.Path, "err", err)
	writeError(w, http.StatusInternalServerError, "Internal error.")
}
