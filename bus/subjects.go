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

	// Live subjects carry each alert and verdict once, after JetStream
	// stored it: the ALERTS stream republishes stored messages here, so a
	// duplicate publish (two workers raising the same flag, a redelivered
	// segment) that JetStream dropped never reaches the callee twice.
	// Subscribe to these, not to AlertPrefix/VerdictPrefix.
	LivePrefix        = subjectRoot + "live."
	LiveAlertPrefix   = LivePrefix + "alert."
	LiveVerdictPrefix = LivePrefix + "verdict."
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

// LiveAlertSubject delivers a call's stored alerts, each once.
func LiveAlertSubject(callID string) string { return LiveAlertPrefix + callID }

// LiveVerdictSubject delivers a call's stored verdicts, each once.
func LiveVerdictSubject(callID string) string { return LiveVerdictPrefix + callID }
