package classify

import (
	"encoding/json"
	"strings"

	"github.com/callscreen/callscreen/bus"
)

// jsonUtterance is one utterance of a JSON transcript, in the field names
// the common exporters use: OpenAI's verbose_json and other recognisers'
// segments ("text", "start", "end", "speaker"), chat-style logs ("role",
// "content"), and diarised exports ("utterance", "channel", "name").
type jsonUtterance struct {
	Text      string  `json:"text"`
	Content   string  `json:"content"`
	Utterance string  `json:"utterance"`
	Speaker   any     `json:"speaker"` // "Caller", "A" or a number
	Role      string  `json:"role"`
	Name      string  `json:"name"`
	Channel   any     `json:"channel"`
	Start     float64 `json:"start"`
	End       float64 `json:"end"`
}

// jsonTranscript is a whole-call JSON document: a list of utterances under
// one of several keys, or the transcript as one string.
type jsonTranscript struct {
	Segments   []jsonUtterance `json:"segments"`
	Utterances []jsonUtterance `json:"utterances"`
	Turns      []jsonUtterance `json:"turns"`
	Messages   []jsonUtterance `json:"messages"`
	Transcript json.RawMessage `json:"transcript"`
	Text       string          `json:"text"`
}

// parseJSONTranscript reads a transcript given as JSON: an array of
// utterances, one utterance object per line (JSON Lines), or an object
// holding either. ok is false when text is not such a document, and it is
// then read as plain text.
func parseJSONTranscript(text string) (segs []bus.Segment, ok bool) {
	t := strings.TrimSpace(text)
	if t == "" || t[0] != '[' && t[0] != '{' {
		return nil, false
	}
	var list []jsonUtterance
	if t[0] == '[' {
		if json.Unmarshal([]byte(t), &list) != nil {
			return nil, false
		}
		return utteranceSegments(list)
	}
	var doc jsonTranscript
	if err := json.Unmarshal([]byte(t), &doc); err == nil {
		for _, l := range [][]jsonUtterance{doc.Segments, doc.Utterances, doc.Turns, doc.Messages} {
			if len(l) > 0 {
				return utteranceSegments(l)
			}
		}
		if len(doc.Transcript) > 0 {
			var s string
			if json.Unmarshal(doc.Transcript, &s) == nil {
				return ParseTranscript(s), true
			}
			if json.Unmarshal(doc.Transcript, &list) == nil {
				return utteranceSegments(list)
			}
		}
		if doc.Text != "" {
			var u jsonUtterance
			_ = json.Unmarshal([]byte(t), &u)
			return utteranceSegments([]jsonUtterance{u})
		}
		return nil, false
	}
	// JSON Lines: every non-empty line an utterance object.
	for line := range strings.Lines(t) {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		var u jsonUtterance
		if line[0] != '{' || json.Unmarshal([]byte(line), &u) != nil {
			return nil, false
		}
		list = append(list, u)
	}
	return utteranceSegments(list)
}

// utteranceSegments turns utterances into segments; ok is false when none
// of them carries text (then the JSON is not a transcript).
func utteranceSegments(list []jsonUtterance) ([]bus.Segment, bool) {
	var segs []bus.Segment
	found := false
	for _, u := range list {
		text := cleanLine(firstNonEmpty(u.Text, u.Content, u.Utterance))
		if text == "" {
			continue
		}
		found = true
		track := ""
		for _, who := range []any{u.Speaker, u.Role, u.Name, u.Channel} {
			if s, ok := who.(string); ok && s != "" {
				track = roleOf(strings.ToLower(s))
				break
			}
		}
		for _, part := range splitLong(text) {
			segs = append(segs, bus.Segment{Seq: uint64(len(segs) + 1), Text: part, Final: true, Track: track, Start: max(u.Start, 0), End: max(u.End, u.Start, 0)})
		}
	}
	return segs, found
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// vttVoice rewrites a WebVTT voice span ("<v Caller>text</v>", "<v.loud
// Agent Smith>text") as a speaker label ("Caller: text") and drops other
// cue markup (<i>, <b>, <c.class>, timestamps in angle brackets).
func vttVoice(line string) string {
	if !strings.Contains(line, "<") {
		return line
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(line, '<')
		if i < 0 {
			b.WriteString(line)
			break
		}
		j := strings.IndexByte(line[i:], '>')
		if j < 0 {
			b.WriteString(line)
			break
		}
		b.WriteString(line[:i])
		tag := line[i+1 : i+j]
		if name, ok := strings.CutPrefix(tag, "v"); ok && (strings.HasPrefix(name, " ") || strings.HasPrefix(name, ".")) {
			if k := strings.IndexByte(name, ' '); k >= 0 {
				b.WriteString(strings.TrimSpace(name[k+1:]) + ": ")
			}
		} else if !isCueTag(tag) {
			b.WriteString(line[i : i+j+1]) // not markup: keep "<" as text
		}
		line = line[i+j+1:]
	}
	return b.String()
}

// isCueTag reports WebVTT cue markup other than voices.
func isCueTag(tag string) bool {
	tag = strings.TrimPrefix(tag, "/")
	if tag == "" {
		return false
	}
	if _, n := parseClock(tag); n == len(tag) {
		return true // <00:00:01.500> karaoke timestamps
	}
	name, _, _ := strings.Cut(tag, ".")
	switch name {
	case "v", "c", "i", "b", "u", "ruby", "rt", "lang":
		return true
	}
	return false
}

// screenplayLabel reports a line that may be only a speaker's name in
// capitals, screenplay style ("SCAMMER", "MRS. JONES (V.O.)"), and returns
// it lower case.
func screenplayLabel(line string) (string, bool) {
	if len(line) > 40 {
		return "", false
	}
	if i := strings.IndexByte(line, '('); i > 0 && strings.HasSuffix(line, ")") {
		line = strings.TrimSpace(line[:i]) // (V.O.), (CONT'D), (ON PHONE)
	}
	line = strings.TrimSuffix(line, ".")
	if line == "" || strings.Count(line, " ") > 2 {
		return "", false
	}
	letters := 0
	for _, r := range line {
		switch {
		case r >= 'A' && r <= 'Z':
			letters++
		case r == ' ' || r == '.' || r == '\'' || r == '-' || r >= '0' && r <= '9':
		default:
			return "", false
		}
	}
	if letters < 2 {
		return "", false
	}
	return strings.ToLower(line), true
}

// screenplayNames returns the capitalised lines of a transcript that are
// speakers' names: role words ("SCAMMER", "VICTIM") always, and other
// names once the transcript shows the style — a lone "OK" or "NO" is
// text. In a transcript written all in capitals only role words count.
func screenplayNames(lines []string, allCaps bool) map[string]bool {
	counts := map[string]int{}
	for _, l := range lines {
		if n, ok := screenplayLabel(cleanLine(l)); ok {
			counts[n]++
		}
	}
	// A role word, or a name heading dialogue twice, shows the screenplay
	// style; then every capitalised name line is a label.
	screenplay := false
	for n, c := range counts {
		if roleOf(n) != "" || c >= 2 && !interjections[n] {
			screenplay = true
		}
	}
	names := map[string]bool{}
	for n := range counts {
		if roleOf(n) != "" || screenplay && !allCaps && !interjections[n] {
			names[n] = true
		}
	}
	return names
}

// interjections are capitalised one-word lines that are speech, not names.
var interjections = map[string]bool{"ok": true, "okay": true, "no": true, "yes": true, "yeah": true,
	"hello": true, "hi": true, "what": true, "why": true, "sir": true, "ma'am": true, "wait": true, "stop": true,
	"help": true, "please": true, "thanks": true, "bye": true, "goodbye": true, "right": true, "sure": true}
