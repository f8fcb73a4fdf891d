package bus

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// SchemaVersion is the version of every message defined here. A consumer
// rejects messages with a newer major version than it understands.
const SchemaVersion = 1

// Tracks name who is speaking on a call's audio.
const (
	TrackCaller = "caller" // the remote party: the one who might be a scammer
	TrackCallee = "callee" // the person being protected
)

// Sources say where a call's audio came from.
const (
	SourceLive      = "live"      // a call screened over WebRTC as it happens
	SourceVoicemail = "voicemail" // an uploaded recording
	SourceText      = "text"      // a transcript given as text (callscreen classify)
)

// Verdicts, from worst to best.
const (
	VerdictScam       = "scam"       // at least one sensitive request was flagged
	VerdictSuspicious = "suspicious" // pressure or impersonation without a request
	VerdictClean      = "clean"
)

// ErrBadMessage is returned when bytes from the bus are not a valid message.
var ErrBadMessage = errors.New("bus: bad message")

// Segment is one piece of a call's transcript, from one track.
//
// Final segments are stored (redacted) and form the transcript; partial
// segments are the recogniser's running hypothesis for the utterance in
// progress, travel on core NATS only and are never stored.
type Segment struct {
	V          int      `json:"v"`
	CallID     string   `json:"call_id"`
	Seq        uint64   `json:"seq"` // per call, from 1, over final segments; partials carry the seq the next final will have
	Track      string   `json:"track"`
	Start      float64  `json:"start"` // seconds from the start of the call audio
	End        float64  `json:"end"`
	Text       string   `json:"text"` // already redacted
	Final      bool     `json:"final"`
	Confidence float64  `json:"confidence,omitempty"` // recogniser confidence 0..1, 0 when unknown
	Keywords   []string `json:"keywords,omitempty"`   // phrases a keyword spotter heard in this span
}

// Flag is one sensitive request found in a call.
type Flag struct {
	Category string  `json:"category"`
	Text     string  `json:"text"` // the evidence, redacted
	Start    float64 `json:"start"`
	End      float64 `json:"end"`
	Track    string  `json:"track,omitempty"`
}

// Alert is published the moment a flag is raised, once per category per call.
type Alert struct {
	V      int       `json:"v"`
	CallID string    `json:"call_id"`
	Flag   Flag      `json:"flag"`
	Advice string    `json:"advice"`
	Risk   float64   `json:"risk"`
	Seq    uint64    `json:"seq"`  // the segment that raised it
	Time   time.Time `json:"time"` // wall clock when raised
}

// Verdict is the classifier's judgement of a whole call, published when the
// call ends (and on demand while it runs).
type Verdict struct {
	V        int       `json:"v"`
	CallID   string    `json:"call_id"`
	Verdict  string    `json:"verdict"`
	Risk     float64   `json:"risk"`
	Flags    []Flag    `json:"flags"`
	Signals  []string  `json:"signals,omitempty"` // pressure / impersonation cues seen
	Advice   string    `json:"advice"`
	Segments int       `json:"segments"` // final segments judged
	Time     time.Time `json:"time"`
}

// Call event types.
const (
	EventStart = "start"
	EventEnd   = "end"
)

// Event marks a call's lifecycle.
type Event struct {
	V       int       `json:"v"`
	CallID  string    `json:"call_id"`
	Type    string    `json:"type"`
	Source  string    `json:"source,omitempty"`
	Owner   string    `json:"owner,omitempty"`    // on start: the user the call belongs to
	LastSeq uint64    `json:"last_seq,omitempty"` // on end: the seq of the last final segment
	Time    time.Time `json:"time"`
}

// Encode marshals a message, stamping the schema version.
func Encode(m interface{ setV() }) ([]byte, error) {
	m.setV()
	return json.Marshal(m)
}

func (s *Segment) setV() { s.V = SchemaVersion }
func (a *Alert) setV()   { a.V = SchemaVersion }
func (v *Verdict) setV() { v.V = SchemaVersion }
func (e *Event) setV()   { e.V = SchemaVersion }

// maxText bounds the text a single segment may carry.
const maxText = 64 << 10

// DecodeSegment parses and validates a segment.
func DecodeSegment(b []byte) (Segment, error) {
	var s Segment
	if err := decode(b, &s, &s.V); err != nil {
		return s, err
	}
	if err := ValidateCallID(s.CallID); err != nil {
		return s, err
	}
	if s.Seq == 0 {
		return s, fmt.Errorf("%w: segment without seq", ErrBadMessage)
	}
	if len(s.Text) > maxText {
		return s, fmt.Errorf("%w: segment text of %d bytes exceeds %d", ErrBadMessage, len(s.Text), maxText)
	}
	if s.Track != TrackCaller && s.Track != TrackCallee && s.Track != "" {
		return s, fmt.Errorf("%w: unknown track %q", ErrBadMessage, s.Track)
	}
	return s, nil
}

// DecodeAlert parses and validates an alert.
func DecodeAlert(b []byte) (Alert, error) {
	var a Alert
	if err := decode(b, &a, &a.V); err != nil {
		return a, err
	}
	return a, ValidateCallID(a.CallID)
}

// DecodeVerdict parses and validates a verdict.
func DecodeVerdict(b []byte) (Verdict, error) {
	var v Verdict
	if err := decode(b, &v, &v.V); err != nil {
		return v, err
	}
	return v, ValidateCallID(v.CallID)
}

// DecodeEvent parses and validates a call event.
func DecodeEvent(b []byte) (Event, error) {
	var e Event
	if err := decode(b, &e, &e.V); err != nil {
		return e, err
	}
	if e.Type != EventStart && e.Type != EventEnd {
		return e, fmt.Errorf("%w: unknown event type %q", ErrBadMessage, e.Type)
	}
	return e, ValidateCallID(e.CallID)
}

func decode(b []byte, into any, v *int) error {
	if err := json.Unmarshal(b, into); err != nil {
		return fmt.Errorf("%w: %v", ErrBadMessage, err)
	}
	if *v < 1 || *v > SchemaVersion {
		return fmt.Errorf("%w: schema version %d, want 1..%d", ErrBadMessage, *v, SchemaVersion)
	}
	return nil
}

// ValidateCallID checks that id is usable as a single NATS subject token
// and a key: 1..64 characters of [A-Za-z0-9_-].
func ValidateCallID(id string) error {
	if len(id) == 0 || len(id) > 64 {
		return fmt.Errorf("%w: call id must be 1..64 characters", ErrBadMessage)
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return fmt.Errorf("%w: call id has character %q", ErrBadMessage, c)
		}
	}
	return nil
}
