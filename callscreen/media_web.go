package callscreen

import (
	"embed"
	"net/http"
)

// webFS holds the "Screen a call" page: plain HTML, CSS and JS, no CDN, no
// inline script or style, so the strict CSP below holds.
//
//go:embed web/index.html web/app.js web/app.css
var webFS embed.FS

// pageCSP allows only same-origin scripts, styles and connections (the
// WHIP endpoint), and blob: media for the file-screening player.
const pageCSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
	"form-action 'self'; frame-ancestors 'none'"

// registerPage serves the page at / and its assets at /static/. They are
// public: the page asks for the token and sends it with every API call.
func (m *Media) registerPage(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", servePage("web/index.html", "text/html; charset=utf-8"))
	mux.HandleFunc("GET /static/app.js", servePage("web/app.js", "text/javascript; charset=utf-8"))
	mux.HandleFunc("GET /static/app.css", servePage("web/app.css", "text/css; charset=utf-8"))
}

func servePage(name, contentType string) http.HandlerFunc {
	body, err := webFS.ReadFile(name)
	if err != nil {
		panic("callscreen: missing embedded asset " + name) // a build error, not a runtime one
	}
	return func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", contentType)
		h.Set("Content-Security-Policy", pageCSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-cache")
		// The page uses the microphone; nothing else.
		h.Set("Permissions-Policy", "microphone=(self), camera=(), geolocation=()")
		_, _ = w.Write(body)
	}
}
