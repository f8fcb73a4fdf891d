package callscreen

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pion/sdp/v3"
	"github.com/pion/webrtc/v4"

	"github.com/callscreen/callscreen/bus"
)

// WHIP ingest (RFC 9725).
//
//	POST   /v1/whip              Content-Type: application/sdp offer → 201, Location: /v1/whip/<id>, SDP answer
//	DELETE /v1/whip/<id>         ends the call → 204 (404 when unknown)
//	PATCH  /v1/whip/<id>         trickle ICE is not supported → 405 (the answer carries all candidates)
//	OPTIONS /v1/whip[/<id>]      CORS preflight
//	GET    /v1/calls/<id>/events Server-Sent Events: transcript, alerts, notices, verdict
//
// Track labelling. A call has up to two audio tracks, each transcribed on its
// own so the classifier knows who said what:
//
//   - the FIRST audio m-line of the offer is the caller: the remote party's
//     audio, which a phone app or bridge sends (and the page's microphone or
//     file, since the phone's loudspeaker is what it hears);
//   - the SECOND, optional, is the callee's own microphone;
//   - a track whose MediaStream id or track id (a=msid) contains "callee" or
//     "caller" is labelled by that name instead, whatever its position.
//
// Offers with more than two audio m-lines are refused (400).

const (
	whipPath    = "/v1/whip"
	contentSDP  = "application/sdp"
	retryAfterS = 5
)

// Register adds the media routes to mux. Every API route requires
// cfg.Auth (401 with a JSON error otherwise); the "Screen a call" page and
// its static assets are public, since everything they call needs the token.
func (m *Media) Register(mux *http.ServeMux) {
	auth := m.requireAuth
	mux.Handle("POST "+whipPath, auth(http.HandlerFunc(m.handleOffer)))
	mux.Handle("OPTIONS "+whipPath, http.HandlerFunc(m.handlePreflight))
	mux.Handle("DELETE "+whipPath+"/{id}", auth(http.HandlerFunc(m.handleDelete)))
	mux.Handle("PATCH "+whipPath+"/{id}", auth(http.HandlerFunc(m.handlePatch)))
	mux.Handle("OPTIONS "+whipPath+"/{id}", http.HandlerFunc(m.handlePreflight))
	mux.Handle("GET /v1/calls/{id}/events", auth(http.HandlerFunc(m.handleEvents)))
	mux.Handle("OPTIONS /v1/calls/{id}/events", http.HandlerFunc(m.handlePreflight))
	m.registerPage(mux)
}

// requireAuth answers 401 without a valid token. CORS headers go on every
// answer, errors included, so that a browser shows the real status.
func (m *Media) requireAuth(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m.cors(w, r)
		id, ok := m.cfg.Auth(r)
		if !ok {
			w.Header().Set("WWW-Authenticate", `Bearer realm="callscreen"`)
			writeError(w, http.StatusUnauthorized, "missing or wrong bearer token")
			return
		}
		h.ServeHTTP(w, r.WithContext(WithIdentity(r.Context(), id)))
	})
}

func (m *Media) cors(w http.ResponseWriter, r *http.Request) {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return
	}
	h := w.Header()
	switch {
	case len(m.cfg.AllowedOrigins) == 0:
		h.Set("Access-Control-Allow-Origin", "*")
	case slices.Contains(m.cfg.AllowedOrigins, origin):
		h.Set("Access-Control-Allow-Origin", origin)
		h.Add("Vary", "Origin")
	default:
		return
	}
	h.Set("Access-Control-Expose-Headers", "Location, Retry-After")
}

func (m *Media) handlePreflight(w http.ResponseWriter, r *http.Request) {
	m.cors(w, r)
	h := w.Header()
	h.Set("Access-Control-Allow-Methods", "POST, DELETE, PATCH, GET, OPTIONS")
	h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type")
	h.Set("Access-Control-Max-Age", "600")
	// RFC 9725 §4.2: the Accept-Post header advertises the offer type.
	h.Set("Accept-Post", contentSDP)
	w.WriteHeader(http.StatusNoContent)
}

func (m *Media) handlePatch(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Allow", "DELETE")
	writeError(w, http.StatusMethodNotAllowed, "trickle ICE is not supported: the answer carries all candidates")
}

func (m *Media) handleDelete(w http.ResponseWriter, r *http.Request) {
	c := m.lookup(r.PathValue("id"), IdentityFrom(r.Context()))
	if c == nil {
		writeError(w, http.StatusNotFound, "no such call")
		return
	}
	c.end("deleted")
	w.WriteHeader(http.StatusNoContent)
}

func (m *Media) handleOffer(w http.ResponseWriter, r *http.Request) {
	if ct, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || ct != contentSDP {
		writeError(w, http.StatusUnsupportedMediaType, "the offer must be sent as Content-Type: application/sdp")
		return
	}
	body, err := readLimited(w, r, m.cfg.MaxSDP)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("offer larger than %d bytes", m.cfg.MaxSDP))
			return
		}
		writeError(w, http.StatusBadRequest, "reading offer: "+err.Error())
		return
	}
	info, err := parseOffer(body)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	c := newLiveCall(m, info, IdentityFrom(r.Context()).User)
	if err := m.admit(c); err != nil {
		w.Header().Set("Retry-After", strconv.Itoa(retryAfterS))
		writeError(w, http.StatusServiceUnavailable, err.Error())
		return
	}
	answer, err := c.negotiate(r.Context(), string(body))
	if err != nil {
		c.abort()
		status := http.StatusBadRequest
		if errors.Is(err, errInternal) {
			status = http.StatusInternalServerError
		}
		writeError(w, status, err.Error())
		return
	}
	go c.run() // owned by Media: admit added it to m.wg, run calls Done
	h := w.Header()
	h.Set("Location", whipPath+"/"+c.id)
	h.Set("Content-Type", contentSDP)
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusCreated)
	_, _ = w.Write([]byte(answer))
}

func readLimited(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	if r.ContentLength > limit {
		// Refuse before reading a byte of a body announced too large.
		return nil, &http.MaxBytesError{Limit: limit}
	}
	return io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
}

// offerInfo is what callscreen needs from an offer before pion sees it.
type offerInfo struct {
	audioMids []string          // audio m-lines in offer order
	labels    map[string]string // mid → bus.TrackCaller / bus.TrackCallee
}

var (
	errNoAudio  = errors.New("the offer has no audio m-line to screen")
	errInternal = errors.New("callscreen: internal error")
)

// parseOffer validates an SDP offer and labels its audio m-lines (see the
// package-level comment on track labelling). It never panics whatever the
// input; FuzzOffer holds it to that.
func parseOffer(b []byte) (offerInfo, error) {
	var info offerInfo
	if len(b) == 0 {
		return info, errors.New("empty offer")
	}
	var sd sdp.SessionDescription
	if err := sd.Unmarshal(b); err != nil {
		return info, fmt.Errorf("malformed SDP: %w", err)
	}
	candidates := 0
	for _, a := range sd.Attributes {
		if a.Key == "candidate" {
			candidates++
		}
	}
	info.labels = make(map[string]string)
	var named [maxAudioTracksPerCall + 1]string
	for _, md := range sd.MediaDescriptions {
		for _, a := range md.Attributes {
			if a.Key == "candidate" {
				candidates++
			}
		}
		if md.MediaName.Media != "audio" || md.MediaName.Port.Value == 0 {
			continue
		}
		mid, _ := md.Attribute("mid")
		if mid == "" {
			return info, errors.New("an audio m-line has no a=mid (BUNDLE requires it)")
		}
		if len(info.audioMids) == maxAudioTracksPerCall {
			return info, fmt.Errorf("the offer has more than %d audio m-lines", maxAudioTracksPerCall)
		}
		msid, _ := md.Attribute("msid")
		named[len(info.audioMids)] = labelByName(msid)
		info.audioMids = append(info.audioMids, mid)
	}
	if candidates > maxCandidatesPerOffer {
		return info, fmt.Errorf("the offer has %d ICE candidates, more than %d", candidates, maxCandidatesPerOffer)
	}
	if len(info.audioMids) == 0 {
		return info, errNoAudio
	}
	for i, mid := range info.audioMids {
		label := bus.TrackCaller
		if i == 1 {
			label = bus.TrackCallee
		}
		if named[i] != "" {
			label = named[i]
		}
		info.labels[mid] = label
	}
	return info, nil
}

// labelByName returns the track label a MediaStream or track id asks for,
// or "" when it names neither. "callee" is checked first: it is the more
// specific claim ("caller" is not a substring of it, but a client might
// name a stream "callee-not-caller").
func labelByName(id string) string {
	id = strings.ToLower(id)
	switch {
	case strings.Contains(id, bus.TrackCallee):
		return bus.TrackCallee
	case strings.Contains(id, bus.TrackCaller):
		return bus.TrackCaller
	}
	return ""
}

// negotiate creates the peer connection, applies the offer and returns the
// answer with every ICE candidate gathered (no trickle).
func (c *liveCall) negotiate(ctx context.Context, offer string) (string, error) {
	m := c.m
	pc, err := m.api.NewPeerConnection(webrtc.Configuration{ICEServers: m.cfg.ICEServers})
	if err != nil {
		return "", fmt.Errorf("%w: peer connection: %v", errInternal, err)
	}
	c.pc = pc
	c.wirePeerConnection()
	if err := pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeOffer, SDP: offer}); err != nil {
		return "", fmt.Errorf("offer refused: %w", err)
	}
	answer, err := pc.CreateAnswer(nil)
	if err != nil {
		return "", fmt.Errorf("no answer for this offer (no common audio codec?): %w", err)
	}
	gathered := webrtc.GatheringCompletePromise(pc)
	if err := pc.SetLocalDescription(answer); err != nil {
		return "", fmt.Errorf("%w: set local description: %v", errInternal, err)
	}
	gctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	select {
	case <-gathered:
	case <-gctx.Done():
		return "", fmt.Errorf("%w: ICE gathering did not complete", errInternal)
	}
	ld := pc.LocalDescription()
	if ld == nil {
		return "", fmt.Errorf("%w: no local description", errInternal)
	}
	if !answersAudio(ld.SDP) {
		return "", errors.New("no common audio codec: offer Opus (preferred), PCMU or PCMA")
	}
	return ld.SDP, nil
}

// answersAudio reports whether an answer accepts at least one audio m-line
// (a rejected m-line has port 0).
func answersAudio(answer string) bool {
	var sd sdp.SessionDescription
	if err := sd.UnmarshalString(answer); err != nil {
		return false
	}
	for _, md := range sd.MediaDescriptions {
		if md.MediaName.Media == "audio" && md.MediaName.Port.Value != 0 {
			if _, inactive := md.Attribute("inactive"); !inactive {
				return true
			}
		}
	}
	return false
}
