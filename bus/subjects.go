package bus

// Subjects. Each is a prefix followed by one call id token, so that a
// consumer can filter one call (`callscreen.seg.<id>`) or all of them
// (`callscreen.seg.*`).
const (
	subjectRoot = "callscreen."

	SegmentPrefix = subjectRoot + "seg."     // final segments; stored in the SEGMENTS stream
	PartialPrefix = subjectRoot + "partial." // partial segments; core NATS only, never stored
	AlertPrefix   = subjectRoot + "alert."   // alerts; stored in the ALERTS stream
	VerdictPrefix = subjectRoot + "verdict." // verdicts; stored in the ALERTS stream
	EventPrefix   = subjectRoot + "event."   // call start / end; stored in the SEGMENTS stream
)

// SegmentSubject is the subject of a call's final segments.
func SegmentSubject(callID string) string { return SegmentPrefix + callID }

// PartialSubject is the subject of a call's partial segments.
func PartialSubject(callID string) string { return PartialPrefix + callID }

// AlertSubject is the subject of a call's alerts.
func AlertSubject(callID string) string { return AlertPrefix + callID }

// VerdictSubject is the subject of a call's verdicts.
func VerdictSubject(callID string) string { return VerdictPrefix + callID }

// EventSubject is the subject of a call's lifecycle events.
func EventSubject(callID string) string { return EventPrefix + callID }
