package callscreen

import (
	"encoding/json"
	"net/http"
	"time"
)

// Message types sent to the callee (data channel "alerts" and SSE).
const (
	MsgAlert      = "alert"      // a sensitive request was heard: warn now
	MsgTranscript = "transcript" // a partial or final piece of the transcript (redacted)
	MsgVerdict    = "verdict"    // the classifier's judgement of the call
	MsgNotice     = "notice"     // something about screening quality (narrowband, degraded)
)

// Message is what the callee's app receives, as one JSON text message on
// the "alerts" data channel and as one SSE "data:" line. Every text in it is
// redacted and attacker-controlled: render it as text, never as HTML.
type Message struct {
	Type     string  `json:"type"`
	CallID   string  `json:"call_id"`
	Category string  `json:"category,omitempty"` // alert: the flag category; verdict: scam/suspicious/clean
	Text     string  `json:"text,omitempty"`
	Advice   string  `json:"advice,omitempty"`
	At       float64 `json:"at"` // seconds of call audio
	Risk     float64 `json:"risk,omitempty"`
	Track    string  `json:"track,omitempty"`
	Final    bool    `json:"final,omitempty"`
	Seq      uint64  `json:"seq,omitempty"`
	// Verdict repeats Category on verdict messages, for readability.
	Verdict string `json:"verdict,omitempty"`
	// Signals are the pressure/impersonation cues of a verdict.
	Signals []string `json:"signals,omitempty"`
}

// sseClient is one SSE subscriber. The call's loop owns sends and closes
// ch; the HTTP handler only reads. A client that falls sseBuffer messages
// behind is dropped (ch closed), never waited for.
type sseClient struct {
	ch chan []byte
}

const sseBuffer = 256

// handleEvents streams a call's messages as Server-Sent Events until the
// verdict (the stream's last event), the client leaving, or the client
// falling behind.
func (m *Media) handleEvents(w http.ResponseWriter, r *http.Request) {
	c := m.lookup(r.PathValue("id"), IdentityFrom(r.Context()))
	if c == nil {
		writeError(w, http.StatusNotFound, "no such call")
		return
	}
	cl := &sseClient{ch: make(chan []byte, sseBuffer)}
	if err := c.subscribe(cl); err != nil {
		if err == errNoSuchCall {
			writeError(w, http.StatusNotFound, "no such call")
			return
		}
		w.Header().Set("Retry-After", "10")
		writeError(w, http.StatusTooManyRequests, err.Error())
		return
	}
	defer c.unsubscribe(cl)
	rc := http.NewResponseController(w)
	// An SSE stream lives as long as the call, so the server's write
	// timeout cannot apply; instead every write gets its own deadline, so a
	// client that stops reading is cut off rather than holding a handler.
	const writeWait = 10 * time.Second
	deadline := func() { _ = rc.SetWriteDeadline(time.Now().Add(writeWait)) }
	deadline()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if _, err := w.Write([]byte(": callscreen " + c.id + "\n\n")); err != nil {
		return
	}
	_ = rc.Flush()
	beat := time.NewTicker(m.cfg.SSEHeartbeat)
	defer beat.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case b, ok := <-cl.ch:
			if !ok {
				return // the call ended (verdict sent) or we fell behind
			}
			deadline()
			if _, err := writeSSE(w, b); err != nil {
				return
			}
			_ = rc.Flush()
		case <-beat.C:
			deadline()
			if _, err := w.Write([]byte(": ping\n\n")); err != nil {
				return
			}
			_ = rc.Flush()
		}
	}
}

func writeSSE(w http.ResponseWriter, data []byte) (int, error) {
	// data is one line of JSON (encoding/json escapes newlines in strings),
	// so a single data: field is a complete event.
	buf := make([]byte, 0, len(data)+8)
	buf = append(buf, "data: "...)
	buf = append(buf, data...)
	buf = append(buf, '\n', '\n')
	return w.Write(buf)
}

func encodeMessage(msg Message) []byte {
	b, err := json.Marshal(msg)
	if err != nil {
		return nil // a Message always marshals; be safe anyway
	}
	return b
}
