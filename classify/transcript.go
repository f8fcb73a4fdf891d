package classify

import (
	"strings"
	"unicode/utf8"

	"github.com/callscreen/callscreen/bus"
)

// maxLine is the length from which a line is split into several segments,
// at sentence ends when it has them and between words when it does not.
const maxLine = 240

// Speaker roles by label word. Common first names stay out ("Mark:" is a
// person more often than scam-baiters' word for the victim).
var (
	callerRoles = map[string]bool{"caller": true, "scammer": true, "agent": true, "rep": true,
		"representative": true, "operator": true, "fraudster": true, "robocall": true, "robocaller": true,
		"bot": true, "ivr": true, "recording": true, "recorded": true, "robot": true, "automated": true, "officer": true, "support": true,
		"tech": true, "scam": true, "voicemail": true, "message": true, "remote": true, "them": true,
		"advisor": true, "adviser": true, "broker": true, "recruiter": true}
	calleeRoles = map[string]bool{"victim": true, "callee": true, "me": true, "customer": true,
		"recipient": true, "client": true, "user": true, "i": true, "myself": true, "target": true,
		"baiter": true, "receiver": true, "answerer": true, "you": true, "called": true}
)

// ParseTranscript splits a plain-text call transcript into final segments
// numbered from 1: one per line, long lines split at sentence ends. Speaker
// labels ("Caller:", "[00:12] Scammer:", "Speaker 1:", "John:") set the
// track: scam-side roles are the caller, the protected person's roles the
// callee; names, letters and lines without a label leave Track "", unless
// one of two named sides alone introduces itself as an organisation
// (introSide). A name
// in capitals on a line of its own labels the lines after it (screenplay
// style). Timestamps ("[00:12]", "00:01:05.5", SRT and WebVTT cue times on
// their own line) set Start, and End is the next timestamp; WebVTT voice
// spans ("<v Caller>") are labels. JSON transcripts (an array of
// utterances, JSON Lines, or an object with "segments", "utterances",
// "turns", "messages" or "transcript") are read by their fields. Invalid
// UTF-8 is repaired and control characters dropped.
func ParseTranscript(text string) []bus.Segment {
	text = strings.TrimPrefix(strings.ToValidUTF8(text, "\uFFFD"), "\uFEFF")
	if segs, ok := parseJSONTranscript(text); ok {
		return segs
	}
	lines := strings.Split(text, "\n")
	names := screenplayNames(lines, strings.ToUpper(text) == text)
	var segs []bus.Segment
	track, labelled := "", false
	who, segWho := "", []string(nil)    // the current speaker label, and each segment's
	pending, pendingStart := false, 0.0 // a timestamp on a line of its own (SRT, WebVTT)
	for i, line := range lines {
		line = cleanLine(line)
		if line == "" || i == 0 && (line == "WEBVTT" || strings.HasPrefix(line, "WEBVTT ")) {
			continue
		}
		if isCueNumber(line) && i+1 < len(lines) {
			if _, rest, ok := leadingTime(cleanLine(lines[i+1])); ok && rest == "" {
				continue // an SRT cue number
			}
		}
		line = vttVoice(line)
		start, rest, timed := leadingTime(line)
		if timed && strings.TrimSpace(rest) == "" {
			pending, pendingStart = true, start
			continue
		}
		if !timed && pending {
			start, timed = pendingStart, true
		}
		pending = false
		label, body := speakerLabel(rest)
		if label == "" && !timed {
			if l, ok := screenplayLabel(rest); ok && names[l] {
				labelled, track, who = true, trackFor(l), strings.ToLower(l)
				continue
			}
		}
		if label != "" {
			labelled = true
			track, who = trackFor(label), strings.ToLower(label)
			// A timestamp may also follow the label: "Caller (00:12): ...".
			if s, r, ok := leadingTime(body); ok && !timed {
				start, body, timed = s, r, true
			}
		}
		body = strings.TrimSpace(body)
		if body == "" {
			continue
		}
		for _, part := range splitLong(body) {
			seg := bus.Segment{Seq: uint64(len(segs) + 1), Text: part, Final: true}
			if labelled {
				seg.Track = track
			}
			if timed {
				seg.Start, seg.End = start, start
				timed = false // later parts of a split line share the start
			}
			segs = append(segs, seg)
			segWho = append(segWho, who)
		}
	}
	otherSide(segs, segWho)
	introSide(segs, segWho)
	// End each timed segment where the next timed one starts.
	next := -1.0
	for i := len(segs) - 1; i >= 0; i-- {
		if segs[i].Start > 0 || i == 0 && segs[i].End > 0 {
			if next > segs[i].Start {
				segs[i].End = next
			}
			next = segs[i].Start
		}
	}
	return segs
}

// twoSides numbers the labelled speakers of a dialogue in order of first
// appearance: side[i] is 0 or 1 for segment i, -1 for a line without a
// label. ok is false unless exactly two labels speak.
func twoSides(segWho []string) (side []int, ok bool) {
	var names [2]string
	n := 0
	side = make([]int, len(segWho))
	for i, w := range segWho {
		side[i] = -1
		if w == "" {
			continue
		}
		k := 0
		for k < n && names[k] != w {
			k++
		}
		if k == n {
			if n == 2 {
				return nil, false
			}
			names[n] = w
			n++
		}
		side[i] = k
	}
	return side, n == 2
}

// otherSide gives the speaker of a two-party dialogue whose label names no
// role the track opposite the one whose label does: in "IT Support: … /
// Employee: …" the employee is the callee, and their "what should the new
// password be?" asks nothing of them. With three or more labels ("Caller",
// "Rob", "Pat") nothing is inferred.
func otherSide(segs []bus.Segment, segWho []string) {
	side, ok := twoSides(segWho)
	if !ok {
		return
	}
	var tracks [2]string
	var seen [2]bool
	for i, k := range side {
		if k >= 0 && !seen[k] {
			tracks[k], seen[k] = segs[i].Track, true
		}
	}
	if (tracks[0] == "") == (tracks[1] == "") {
		return
	}
	other := bus.TrackCaller
	if tracks[0] == bus.TrackCaller || tracks[1] == bus.TrackCaller {
		other = bus.TrackCallee
	}
	for i, k := range side {
		if k >= 0 && tracks[k] == "" {
			segs[i].Track = other
		}
	}
}

// introSide gives the tracks of a two-party dialogue labelled only by names
// or letters ("Chioma: … / Femi: …", "A: … / B: …") when one side alone
// speaks as an organisation within its first lines: introduces itself from
// somewhere ("this is Chioma from GTBank", "it's Tyler, from Roblox",
// "calling from the DVLA") or answers as a business ("thank you for calling
// Meta account recovery", "IT service desk, this is Marco", "how can I
// help"). That side is the caller, whose asks count, whoever dialled; the
// other is the person screened, whose own story ("the money left my
// account") asks nothing. When both or neither speak so, the lines stay
// unlabelled and a request counts whoever makes it.
func introSide(segs []bus.Segment, segWho []string) {
	side, ok := twoSides(segWho)
	if !ok {
		return
	}
	var intro [2]bool
	var read [2]int
	for i, k := range side {
		if k < 0 || segs[i].Track != "" {
			return // a role label, or a line without one: nothing to infer
		}
		if read[k] < introLines {
			read[k]++
			intro[k] = intro[k] || introduces(segs[i].Text)
		}
	}
	if intro[0] == intro[1] {
		return
	}
	for i, k := range side {
		segs[i].Track = bus.TrackCallee
		if intro[k] {
			segs[i].Track = bus.TrackCaller
		}
	}
}

// introLines is how many of a speaker's first lines introSide reads.
const introLines = 3

// introOpeners start a self-introduction whose "from" names the
// organisation: "this is Chioma from GTBank", "my name is Sam, calling
// from". businessAnswers are how an organisation answers its line.
var (
	introOpeners    = []string{"this is", "it's", "its", "it is", "i'm", "im", "i am", "my name is", "name's", "calling", "ringing"}
	businessAnswers = []string{"thank you for calling", "thanks for calling", "you're through to", "you are through to",
		"how can i help", "how may i help", "how can i assist", "how may i assist", "service desk", "help desk",
		"helpdesk", "calling on behalf of", "calling from", "ringing from"}
)

// notName are words that cannot start the name in an introduction.
var notName = map[string]bool{"a": true, "an": true, "the": true, "my": true, "your": true, "our": true, "this": true,
	"that": true, "it": true, "just": true, "not": true, "all": true, "about": true, "so": true, "still": true,
	"only": true, "also": true, "there": true, "here": true, "what": true, "six": true, "some": true}

// introduces reports a line that speaks as an organisation (introSide).
func introduces(text string) bool {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '\'')
	})
	line := " " + strings.Join(words, " ") + " "
	for _, b := range businessAnswers {
		if strings.Contains(line, " "+b+" ") {
			return true
		}
	}
	for _, o := range introOpeners {
		i := strings.Index(line, " "+o+" ")
		if i < 0 {
			continue
		}
		rest := strings.Fields(line[i+len(o)+2:])
		if len(rest) > 0 && notName[rest[0]] {
			continue // "it's a six-digit thing, from Google Voice": no name, no introduction
		}
		for j := 0; j < len(rest) && j < 5; j++ {
			// A name first ("it's Dan with Norton"), except after "calling";
			// "it says it's from Chase" is a text the listener reads out.
			if (rest[j] == "from" || rest[j] == "with") && (j > 0 || o == "calling" || o == "ringing") {
				return true // "this is Kate from head office", "it's Dan with Norton billing"
			}
		}
	}
	return namedFrom(text)
}

// namedFrom reports a clause that opens with a capitalised name and "from"
// a capitalised organisation: "Hi Alicia, Greg from Apex Talent", "Sam
// from Chase here". Only in typed text, where capitals tell names.
func namedFrom(text string) bool {
	f := strings.Fields(text)
	for i := 1; i+1 < len(f); i++ {
		if f[i] != "from" || !capitalised(f[i-1]) || !capitalised(f[i+1]) {
			continue
		}
		if i == 1 || strings.ContainsAny(f[i-2][len(f[i-2])-1:], ",.!?") {
			return true
		}
	}
	return false
}

// capitalised reports a word that starts with a capital letter.
func capitalised(w string) bool {
	return w != "" && w[0] >= 'A' && w[0] <= 'Z'
}

// isCueNumber reports a line of digits only, as SRT numbers its cues.
func isCueNumber(s string) bool {
	if s == "" || len(s) > 6 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// cleanLine drops control characters (NUL, escape sequences' bytes) and
// surrounding space.
func cleanLine(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' && s[i] != '\t' || s[i] == 0x7f {
			clean = false
			break
		}
	}
	if !clean {
		s = strings.Map(func(r rune) rune {
			if r < ' ' && r != '\t' || r == 0x7f || r >= 0x80 && r < 0xa0 {
				return -1
			}
			return r
		}, s)
	}
	return strings.TrimSpace(s)
}

// leadingTime parses a timestamp at the start of s: "[00:12]", "(1:02:03)",
// "00:12.5", "12.3s", optionally followed by "-" or "-->" and an end time.
func leadingTime(s string) (secs float64, rest string, ok bool) {
	t := strings.TrimLeft(s, " \t")
	open := len(t) > 0 && (t[0] == '[' || t[0] == '(')
	if open {
		t = t[1:]
	}
	secs, n := parseClock(t)
	if n == 0 {
		return 0, s, false
	}
	t = t[n:]
	// A range: "00:01 --> 00:04" or "00:01 - 00:04"; the end is not needed.
	if r := strings.TrimLeft(t, " "); strings.HasPrefix(r, "-->") || strings.HasPrefix(r, "- ") || strings.HasPrefix(r, "–") {
		r = strings.TrimLeft(strings.TrimLeft(r, "->–"), " ")
		if _, m := parseClock(r); m > 0 {
			t = r[m:]
		}
	}
	if open {
		if len(t) == 0 || t[0] != ']' && t[0] != ')' {
			return 0, s, false
		}
		t = t[1:]
	}
	t = strings.TrimLeft(t, " \t")
	t = strings.TrimPrefix(t, "- ")
	return secs, t, true
}

// parseClock reads h:mm:ss(.f), m:ss(.f) or a number of seconds with an
// "s" suffix; it returns the seconds and the bytes used (0: none).
func parseClock(t string) (float64, int) {
	var parts [3]float64
	np, i := 0, 0
	for np < 3 {
		j := i
		v := 0.0
		for j < len(t) && t[j] >= '0' && t[j] <= '9' && j-i < 3 {
			v = v*10 + float64(t[j]-'0')
			j++
		}
		if j == i {
			break
		}
		if j < len(t) && (t[j] == '.' || t[j] == ',') && j+1 < len(t) && t[j+1] >= '0' && t[j+1] <= '9' {
			scale := 0.1
			for j++; j < len(t) && t[j] >= '0' && t[j] <= '9'; j++ {
				v += float64(t[j]-'0') * scale
				scale /= 10
			}
		}
		parts[np] = v
		np++
		i = j
		if i < len(t) && t[i] == ':' && np < 3 {
			i++
			continue
		}
		break
	}
	switch {
	case np >= 2:
		if t[i-1] == ':' {
			return 0, 0
		}
		secs := 0.0
		for _, p := range parts[:np] {
			secs = secs*60 + p
		}
		return secs, i
	case np == 1 && i < len(t) && t[i] == 's' && (i+1 == len(t) || t[i+1] == ' ' || t[i+1] == ']' || t[i+1] == ')'):
		return parts[0], i + 1
	}
	return 0, 0
}

// speakerLabel splits "Name: text" into the label and the text. A label
// is at most three words of letters, digits and ".'-", and either a known
// role or capitalised, so prose such as "here's the thing: ..." stays text.
// Brackets and a parenthesised name are part of a label ("[Agent]:",
// "Caller (John):", "Mary (victim):"), and a role in brackets needs no
// colon ("[Scammer] text"; "[reads number]" is not a role, so stays text).
func speakerLabel(s string) (label, rest string) {
	if l, r, ok := bracketRole(s); ok {
		return l, r
	}
	k := strings.IndexByte(s, ':')
	if k <= 0 || k > 32 {
		return "", s
	}
	l := strings.Trim(strings.TrimSpace(s[:k]), "*_ ") // markdown bold: "**Caller**:"
	if open, close := strings.IndexAny(l, "(["), strings.LastIndexAny(l, ")]"); open >= 0 && close == len(l)-1 {
		l = strings.TrimSpace(l[:open] + " " + l[open+1:close]) // "[Agent]", "Caller (John)"
	}
	if l == "" || strings.Count(l, " ") > 2 {
		return "", s
	}
	for _, r := range l {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == ' ' || r == '.' || r == '\'' || r == '-' || r == '_' || r >= utf8.RuneSelf) {
			return "", s
		}
	}
	low := strings.ToLower(l)
	if roleOf(low) == "" && !(l[0] >= 'A' && l[0] <= 'Z') {
		return "", s
	}
	return low, strings.TrimLeft(s[k+1:], "*_") // "**Caller:** text"
}

// bracketRole splits "[Scammer] text" into a role label and the text: a
// bracketed word or two naming a role, without a colon after it.
func bracketRole(s string) (label, rest string, ok bool) {
	if len(s) < 3 || s[0] != '[' {
		return "", s, false
	}
	k := strings.IndexByte(s, ']')
	if k < 2 || k > 24 || k+1 < len(s) && s[k+1] == ':' {
		return "", s, false
	}
	l := strings.ToLower(strings.TrimSpace(s[1:k]))
	if strings.Count(l, " ") > 1 || roleOf(l) == "" {
		return "", s, false
	}
	return l, strings.TrimSpace(s[k+1:]), true
}

// roleOf maps a label to a track by its words, or "" for a plain name.
func roleOf(label string) string {
	for _, w := range strings.FieldsFunc(label, func(r rune) bool { return r == ' ' || r == '.' || r == '-' || r == '_' }) {
		switch {
		case callerRoles[w]:
			return bus.TrackCaller
		case calleeRoles[w]:
			return bus.TrackCallee
		}
	}
	return ""
}

// trackFor maps a label to a track. Only role words ("caller", "agent",
// "victim", "me", ...) say who is who; names and letters ("A:", "Jenny:",
// "Speaker 2:") do not — the callee often speaks first ("Hello?") — so
// their lines stay unlabelled and a request counts whoever makes it.
func trackFor(label string) string {
	return roleOf(label)
}

// splitLong splits a line longer than maxLine at sentence ends, or between
// words when it has none (raw recogniser output).
func splitLong(s string) []string {
	if len(s) <= maxLine {
		return []string{s}
	}
	var out []string
	for len(s) > maxLine {
		cut := -1
		for i := maxLine; i > maxLine/3; i-- {
			if (s[i-1] == '.' || s[i-1] == '?' || s[i-1] == '!') && s[i] == ' ' {
				cut = i
				break
			}
		}
		if cut < 0 {
			cut = strings.LastIndexByte(s[:maxLine], ' ')
		}
		if cut <= 0 {
			cut = maxLine
			for cut > 0 && !utf8.RuneStart(s[cut]) {
				cut--
			}
			if cut == 0 {
				cut = maxLine
			}
		}
		if part := strings.TrimSpace(s[:cut]); part != "" {
			out = append(out, part)
		}
		s = strings.TrimSpace(s[cut:])
	}
	if s != "" {
		out = append(out, s)
	}
	return out
}
