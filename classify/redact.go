package classify

import "strings"

// Redaction labels.
const (
	labelCard     = "[CARD]"
	labelCVV      = "[CVV]"
	labelExpiry   = "[EXPIRY]"
	labelPIN      = "[PIN]"
	labelCode     = "[CODE]"
	labelAccount  = "[ACCOUNT]"
	labelRouting  = "[ROUTING]"
	labelSSN      = "[SSN]"
	labelPassword = "[PASSWORD]"
	labelNumber   = "[NUMBER]"
)

// labels lists every label Redact writes.
var labels = []string{labelCard, labelCVV, labelExpiry, labelPIN, labelCode, labelAccount, labelRouting,
	labelSSN, labelPassword, labelNumber}

// Kinds of redaction items.
const (
	itWord   = iota // a word that is not a number
	itDigits        // a numeral or a spoken digit ("four", "twenty")
	itWeak          // a word that is a digit only between digits ("to", "for", "oh")
	itTimes         // "double", "triple"
	itLabel         // a label from an earlier redaction
	itMixed         // letters and digits ("hunter2", "abc1234")
)

// ritem is one word of the text being redacted.
type ritem struct {
	start, end int
	kind       int
	digits     int
	word       string // lower case, for words
	sepBefore  string // the text between the previous item and this one
}

// spokenDigits are number words and the digits each stands for in a run.
var spokenDigits = map[string]int{
	"zero": 1, "one": 1, "two": 1, "three": 1, "four": 1, "five": 1, "six": 1, "seven": 1, "eight": 1,
	"nine": 1, "niner": 1, "nought": 1, "ten": 2, "eleven": 2, "twelve": 2, "thirteen": 2, "fourteen": 2,
	"fifteen": 2, "sixteen": 2, "seventeen": 2, "eighteen": 2, "nineteen": 2, "twenty": 2, "thirty": 2,
	"forty": 2, "fourty": 2, "fifty": 2, "sixty": 2, "seventy": 2, "eighty": 2, "ninety": 2, "hundred": 2,
	"thousand": 3,
}

// weakDigits sound like digits ("for" four, "to" two, "oh" zero) and count
// only inside a run of real digits.
var weakDigits = map[string]bool{"oh": true, "o": true, "to": true, "too": true, "for": true, "won": true, "ate": true, "nil": true}

// contextLabels are words before a number that say what it is, nearest
// first; a number so introduced is redacted from 3 digits (a CVV) up.
var contextLabels = map[string]string{
	"card": labelCard, "credit": labelCard, "debit": labelCard, "visa": labelCard, "mastercard": labelCard,
	"amex": labelCard, "cvv": labelCVV, "cvc": labelCVV, "cvv2": labelCVV, "cv2": labelCVV, "back": labelCVV,
	"expiry": labelExpiry, "expiration": labelExpiry, "expires": labelExpiry, "expire": labelExpiry,
	"exp": labelExpiry, "valid": labelExpiry, "pin": labelPIN, "code": labelCode, "otp": labelCode,
	"passcode": labelCode, "verification": labelCode, "account": labelAccount, "acct": labelAccount,
	"routing": labelRouting, "aba": labelRouting, "transit": labelRouting, "sort": labelRouting,
	"iban": labelAccount, "social": labelSSN, "ssn": labelSSN, "password": labelPassword,
	"medicare": labelNumber, "passport": labelNumber, "license": labelNumber, "licence": labelNumber,
	"insurance": labelNumber, "id": labelNumber,
}

// notSensitive words turn a following "code" into an ordinary one.
var notSensitive = map[string]bool{"zip": true, "postal": true, "post": true, "area": true, "country": true,
	"promo": true, "discount": true, "door": true, "gate": true}

const contextReach = 6 // words a context word may be before the number

// Redact replaces secrets in text with labels: card numbers, CVVs, expiry
// dates, PINs, codes, account and routing numbers, Social Security numbers
// and passwords, whether written as digits or spoken as words ("four one
// one one", "double five", "oh"). Any other run of four or more digits
// becomes [NUMBER]; shorter numbers ("press 1", "two days") stay. A number
// is labelled by the words just before it ("my pin is 1 2 3 4" gives
// "my pin is [PIN]"), and such a number is redacted from three digits.
// Redact is idempotent.
func Redact(text string) string {
	items := scanItems(text)
	// Password targets first: they decide which words count as context, so
	// that a second pass, which sees [PASSWORD] instead, decides the same.
	target := make([]bool, len(items))
	for i := range items {
		target[i] = passwordBefore(items, i, target)
	}
	type repl struct {
		start, end int
		label      string
	}
	var out []repl
	for i := 0; i < len(items); {
		j, digits := runAt(items, i)
		if j == i {
			if target[i] && items[i].kind != itLabel || items[i].kind == itMixed && items[i].digits >= 4 {
				label := labelNumber
				if target[i] {
					label = labelPassword
				}
				out = append(out, repl{items[i].start, items[i].end, label})
			}
			i++
			continue
		}
		label := contextLabel(items, i, target)
		switch {
		case target[i]:
			label = labelPassword
		case label != "" && digits >= 3:
		case digits < 4:
			label = ""
		case digits <= 9 && currencyBefore(text, items[i].start):
			label = "" // an amount ("$7,500") is no secret, and the rules need it
		case digits >= 13 && digits <= 19:
			label = labelCard
		case digits == 9 && looksLikeSSN(text[items[i].start:items[j-1].end]):
			label = labelSSN
		default:
			label = labelNumber
		}
		if label != "" {
			out = append(out, repl{items[i].start, items[j-1].end, label})
		} else {
			for k := i; k < j; k++ {
				if target[k] {
					out = append(out, repl{items[k].start, items[k].end, labelPassword})
				}
			}
		}
		i = j
	}
	if len(out) == 0 {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	last := 0
	for _, r := range out {
		b.WriteString(text[last:r.start])
		b.WriteString(r.label)
		last = r.end
	}
	b.WriteString(text[last:])
	return b.String()
}

// currencyBefore reports a currency sign right before position i.
func currencyBefore(text string, i int) bool {
	for _, sign := range []string{"$", "£", "€", "₹", "¥"} {
		if strings.HasSuffix(text[:i], sign) {
			return true
		}
	}
	return false
}

// scanItems splits text into words, numbers and labels. Only ASCII letters
// and digits form words, so any byte sequence is handled in one pass.
func scanItems(text string) []ritem {
	var items []ritem
	sep := 0
	for i := 0; i < len(text); {
		c := text[i]
		if c == '[' {
			if n := labelLen(text[i:]); n > 0 {
				items = append(items, ritem{start: i, end: i + n, kind: itLabel, sepBefore: text[sep:i]})
				i += n
				sep = i
				continue
			}
		}
		if !isWordByte(c) {
			i++
			continue
		}
		j, digits := i, 0
		for j < len(text) && isWordByte(text[j]) {
			if text[j] >= '0' && text[j] <= '9' {
				digits++
			}
			j++
		}
		it := ritem{start: i, end: j, digits: digits, sepBefore: text[sep:i]}
		switch {
		case digits == j-i:
			it.kind = itDigits
		case digits > 0:
			it.kind = itMixed
		default:
			it.word = strings.ToLower(text[i:j])
			if n, ok := spokenDigits[it.word]; ok {
				it.kind, it.digits = itDigits, n
			} else if weakDigits[it.word] {
				it.kind, it.digits = itWeak, 1
			} else if it.word == "double" || it.word == "triple" {
				it.kind = itTimes
			}
		}
		items = append(items, it)
		i, sep = j, j
	}
	return items
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '\''
}

// labelLen returns the length of a label such as "[CODE]" at the start of
// s, or 0.
func labelLen(s string) int {
	j := 1
	for j < len(s) && j < 12 && s[j] >= 'A' && s[j] <= 'Z' {
		j++
	}
	if j > 1 && j < len(s) && s[j] == ']' {
		return j + 1
	}
	return 0
}

// runAt returns the end of the run of digits starting at items[i] and how
// many digits it holds; j == i when no run starts there. Weak words and
// "double" join a run only before a real digit; separators may be spaces
// and a little punctuation ("4111-1111", "12/25", "1, 2, 3").
func runAt(items []ritem, i int) (j, digits int) {
	j = i
	for j < len(items) {
		it := items[j]
		if j > i && !runSeparator(it.sepBefore) {
			break
		}
		switch it.kind {
		case itDigits:
			d := it.digits
			// "forty two" is two digits, not three.
			if d == 2 && isTens(it.word) && j+1 < len(items) && items[j+1].kind == itDigits &&
				items[j+1].digits == 1 && items[j+1].word != "" && runSeparator(items[j+1].sepBefore) {
				d = 1
			}
			digits += d
			j++
			continue
		case itWeak, itTimes:
			if k := nextDigit(items, j); k > 0 {
				if it.kind == itTimes {
					digits++ // "double five" is one digit more than "five"
					if it.word == "triple" {
						digits++
					}
				} else if j > i || it.word == "oh" || it.word == "o" {
					digits += it.digits
				} else {
					return i, 0 // "for 2 3" begins with a word, not a digit
				}
				j++
				continue
			}
		}
		break
	}
	return j, digits
}

// nextDigit returns the index of the digit that follows a weak word or a
// multiplier (skipping further weak words), or 0 when none does.
func nextDigit(items []ritem, j int) int {
	for k := j + 1; k < len(items) && k <= j+3 && runSeparator(items[k].sepBefore); k++ {
		switch items[k].kind {
		case itDigits:
			return k
		case itWeak, itTimes:
			continue
		}
		return 0
	}
	return 0
}

func isTens(w string) bool {
	switch w {
	case "twenty", "thirty", "forty", "fourty", "fifty", "sixty", "seventy", "eighty", "ninety":
		return true
	}
	return false
}

// runSeparator reports whether the text between two numbers keeps them in
// one run: whitespace and at most three punctuation characters.
func runSeparator(s string) bool {
	punct := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\r', '\n':
		case '-', '.', ',', '/', '(', ')', '+', '*', '#', ':':
			punct++
		default:
			return false
		}
	}
	return punct <= 3
}

// contextLabel looks back a few words from a run for a word that says what
// the number is; the nearest such word wins. Only plain words count
// towards the distance and as context: numbers, labels and password
// targets read the same before and after redaction only that way.
func contextLabel(items []ritem, i int, target []bool) string {
	plain := func(k int) bool { return k >= 0 && k < len(items) && items[k].kind == itWord && !target[k] }
	for k, n := i-1, 0; k >= 0 && n < contextReach; k-- {
		if !plain(k) {
			continue
		}
		n++
		w := items[k].word
		if w == "code" && plain(k-1) && notSensitive[items[k-1].word] {
			return ""
		}
		if w == "code" && plain(k-1) && items[k-1].word == "sort" {
			return labelRouting
		}
		if w == "back" && !(plain(k-1) && items[k-1].word == "the") {
			continue // "call us back at 877 …" is a phone number; "on the back: 123" a CVV
		}
		if w == "security" {
			if plain(k+1) && items[k+1].word == "number" {
				return labelSSN
			}
			return labelCVV
		}
		if l, ok := contextLabels[w]; ok {
			return l
		}
	}
	return ""
}

// passwordBefore reports whether items[i] is what follows "password is",
// "password:" or "maiden name is"; a word already taken as a password does
// not introduce another.
func passwordBefore(items []ritem, i int, replaced []bool) bool {
	if i == 0 || items[i].kind == itLabel {
		return false
	}
	k := i - 1
	if w := items[k].word; w == "is" || w == "was" || w == "it's" || w == "its" {
		if notASecret[items[i].word] {
			return false
		}
		k--
	} else if !strings.ContainsAny(items[i].sepBefore, ":=") {
		return false
	}
	if k < 0 || replaced[k] {
		return false
	}
	switch items[k].word {
	case "password", "passwort", "passcode", "pw", "password's", "passphrase":
		return true
	case "name":
		return k > 0 && items[k-1].word == "maiden"
	}
	return false
}

// notASecret lists words that follow "password is" in ordinary speech
// ("the password is at the cabin", "my password is not working"); a
// password is never one of these, and redacting them loses meaning.
var notASecret = map[string]bool{
	"a": true, "an": true, "the": true, "at": true, "in": true, "on": true, "for": true, "to": true,
	"not": true, "still": true, "same": true, "wrong": true, "correct": true, "right": true, "changed": true,
	"written": true, "that": true, "this": true, "what": true, "expired": true, "too": true,
	"case": true, "required": true, "needed": true, "incorrect": true, "invalid": true, "taped": true, "stuck": true,
}

// looksLikeSSN reports a 3-2-4 digit grouping (123-45-6789).
func looksLikeSSN(s string) bool {
	var groups []int
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		} else if n > 0 {
			groups = append(groups, n)
			n = 0
		}
	}
	if n > 0 {
		groups = append(groups, n)
	}
	return len(groups) == 3 && groups[0] == 3 && groups[1] == 2 && groups[2] == 4
}
