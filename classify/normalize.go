package classify

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one normalised word of a segment: its vocabulary id (0 when the
// word matters to no rule) and how many digits it stands for, so that both
// "4829" and "four" can fill a "#" slot and count towards a digit run.
type token struct {
	id     int32
	digits int32
	sb     bool // starts a sentence: first of a segment, or after ". ? ! ;"
}

// Vocabulary ids with a fixed meaning.
const (
	idUnknown int32 = 0 // a word no rule mentions
	idNum     int32 = 1 // a numeral such as "4829"
	idFirst   int32 = 2 // first id given to a vocabulary word
)

// maxWord bounds the bytes of one word; longer "words" (base64, binary
// junk) cannot be vocabulary words and are only skipped.
const maxWord = 64

// tokenizer turns text into tokens without allocating once its buffers
// have grown: vocabulary look-ups index maps with string(bytes), which the
// compiler does not copy.
type tokenizer struct {
	d    *Detector
	word []byte
	out  []token
	sb   bool // the next token starts a sentence
	bare bool // the text has no punctuation at all: a recogniser's
	// prev is the previous word as written and prevAt the index in out of
	// its token (-1 when it emitted none), for the misheard table; prev2
	// and prev2At are the word before that.
	prev, prev2, cur []byte // three buffers, rotated at each word
	prevAt, prev2At  int
}

// run appends the tokens of text to t.out; its first starts a sentence.
func (t *tokenizer) run(text string) { t.runFrom(text, true) }

// runOn appends the tokens of text to t.out as going on the clause that
// t.out ends with (a segment cut mid-clause, t.out holding the context):
// its first token starts a sentence only where clauseStart, looking back
// into t.out, would start one.
func (t *tokenizer) runOn(text string) { t.runFrom(text, false) }

func (t *tokenizer) runFrom(text string, sb bool) {
	if strings.ContainsAny(text, "$£€₹") {
		text = spellCurrency(text)
	}
	t.word = t.word[:0]
	t.sb = sb
	t.bare = !strings.ContainsAny(text, ".,?!;:\"")
	t.prev, t.prevAt, t.prev2, t.prev2At = t.prev[:0], -1, t.prev2[:0], -1
	for i := 0; i < len(text); {
		c := text[i]
		if c == '[' {
			// A redaction label stands for the secret it replaced: read it
			// as a number, as the unredacted text would have been, so that
			// "the wifi password is [PASSWORD]" is not a second "password".
			if n := labelAt(text[i:]); n > 0 {
				t.flush()
				t.emit(token{id: idNum, digits: 4})
				i += n
				continue
			}
		}
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
				t.add(c)
			case c >= 'A' && c <= 'Z':
				t.add(c + 'a' - 'A')
			case c == '\'' || c == '`':
				t.add('\'')
			case c == ':' && (i >= len(text) || text[i] == ' ' || text[i] == '\n'):
				// A colon before a space ends the clause before it: "make
				// sure nobody does the survey twice: what's your social?"
				// The question after it is not under that clause's
				// negation. (Not "3:30"; speaker labels are gone by now.)
				t.flush()
				t.sb = true
			case c == '.' || c == '?' || c == '!' || c == ';':
				t.flush()
				if c != '.' || i >= len(text) || text[i] == ' ' || text[i] == '\n' {
					t.sb = true // not "3.50" or "www.x.com"
				}
			default:
				t.flush()
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		switch {
		case r == '’' || r == '‘' || r == 'ʼ':
			t.add('\'')
		case r == utf8.RuneError:
			t.flush()
		default:
			if b := foldLatin(r); b != 0 {
				t.add(b)
				if r == 'ß' {
					t.add('s')
				}
			} else if unicode.IsLetter(r) || unicode.IsDigit(r) {
				// Other scripts: keep them in the word so it stays one
				// unknown token instead of splitting English around it.
				t.add('_')
			} else {
				t.flush()
			}
		}
	}
	t.flush()
}

func (t *tokenizer) add(c byte) {
	if len(t.word) < maxWord+1 {
		t.word = append(t.word, c)
	}
}

// emit appends a token, marking it when it starts a sentence. A word that
// ends a compound the recogniser split ("pass word", "user name", "e
// mail", "i d") joins the token before it in the same sentence instead.
func (t *tokenizer) emit(tk token) {
	tk.sb = t.sb
	t.sb = false
	if n := len(t.out); n > 2 && !tk.sb && int(tk.id) < len(t.d.class) && t.d.class[tk.id]&wDet != 0 {
		t.whQuestion(n)
	}
	if n := len(t.out); t.bare && n > 1 && !tk.sb && int(tk.id) < len(t.d.clauseVerb) {
		t.clauseStart(n, tk.id)
	}
	if n := len(t.out); n > 0 && !tk.sb && int(tk.id) < len(t.d.joinEnd) && t.d.joinEnd[tk.id] {
		if id, ok := t.d.joins[pairKey(t.out[n-1].id, tk.id)]; ok {
			t.out[n-1].id, t.out[n-1].digits = id, 0
			return
		}
	}
	t.out = append(t.out, tk)
}

// whQuestion starts a sentence at a "what is" / "what are" that ends t.out
// (n tokens, a determiner coming next) when the word before it does not
// take it as its object: without sentence marks, "the account will close
// unless we can verify it whats your password" is two sentences, and the
// question is not under the first one's "unless", as "… verify it. What's
// your password?" is not. "Tell me what's your PIN" and "we never ask
// what is your PIN" stay one sentence.
func (t *tokenizer) whQuestion(n int) {
	w, a := &t.out[n-2], t.out[n-1]
	if w.id == t.d.idWhat && !w.sb && !a.sb && (a.id == t.d.idIs || a.id == t.d.idAre) && !t.d.whTakes[t.out[n-3].id] {
		w.sb = true
	}
}

// clauseStart starts a sentence, in a text without punctuation (a
// recogniser's), where a new clause plainly begins before the token being
// emitted (id), t.out holding n tokens: at a subject pronoun with a verb
// after it ("don't go back to the store we can start with this one",
// "that's why we need to check i need you to confirm it"), or at "can /
// could / would / will you" ("they won't see me without a deposit can you
// send it"), where a typist would have put a full stop. Not after a word
// that takes the clause as its object or joins it to the one before ("tell
// them we need it", "if we can", "and I will", "how can you"), so the
// clauses a negation or a third party governs stay whole.
func (t *tokenizer) clauseStart(n int, id int32) {
	d, at := t.d, -1
	switch {
	case d.clauseVerb[id] && d.clauseSubj[t.out[n-1].id]:
		at = n - 1 // "… the store | we can start"
	case n > 2 && d.class[id]&wDet != 0 && (t.out[n-1].id == d.idJust || t.out[n-1].id == d.idThen) && !d.leadTakes[t.out[n-2].id]:
		at = n - 1 // "… I don't need much | just the last four", "… paid | then the account number"
	case n > 2 && t.out[n-1].id == d.idYou && d.clauseAux[t.out[n-2].id] && !t.out[n-1].sb:
		at = n - 2 // "… a deposit | can you send it"
		for j := at - 1; j >= 0 && j >= at-reportReach && !t.out[j+1].sb; j-- {
			if d.class[t.out[j].id]&(wReport|wStorySaid|wQuote) != 0 {
				return // "he says we'll send you a code can you read it back": one quote
			}
		}
	default:
		return
	}
	if at < 1 || t.out[at].sb || d.clauseTakes[t.out[at-1].id] {
		return
	}
	t.out[at].sb = true
}

// weContraction reads the "well" or "were" ending t.out (n tokens) as the
// "we'll" or "we're" a recogniser prints without its apostrophe, when it
// opens its clause (a sentence start, or after "and", "so", "while", "okay"
// …) and the word after it (id) goes with "we will" / "we are" rather than
// with the ordinary word: "while were on the phone", "then well need your
// card". "As well", "it went well", "you were on the phone" and "well send
// it then" stay as they are.
func (t *tokenizer) weContraction(n int, id int32) {
	d, p := t.d, &t.out[n-1]
	if !p.sb && (n < 2 || !d.contrAfter[t.out[n-2].id]) {
		return
	}
	switch {
	case p.id == d.idWell && d.weWill[id]:
		p.id = d.idWe
		t.out = append(t.out, token{id: d.idWill})
	case p.id == d.idWere && d.weAre[id]:
		p.id = d.idWe
		t.out = append(t.out, token{id: d.idAre})
	}
}

// reportReach is how far back clauseStart looks for a verb of speech
// whose quote a question may go on.
const reportReach = 10

// compounds are words a recogniser (or a hurried typist) writes in two
// halves: "pass word", "user name", "pass code", "e mail", and a spelled
// "i d" ("your user i d", "pay by pay i d"). The tokenizer joins the halves
// and New joins them in rule phrases too, so that "pass word" and
// "password" are one token for every rule, word class and negation check
// alike. "Log in" stays two words: it is a verb as often as a noun, and
// the rules list both forms.
var compounds = []struct{ a, b, as string }{
	{"pass", "word", "password"}, {"pass", "words", "passwords"}, {"pass", "code", "passcode"},
	{"pass", "codes", "passcodes"}, {"pass", "phrase", "passphrase"}, {"user", "name", "username"},
	{"user", "names", "usernames"}, {"e", "mail", "email"}, {"e", "mails", "emails"}, {"e", "mailed", "emailed"},
	{"i", "d", "id"}, {"i", "ds", "ids"}, {"g", "mail", "gmail"}, {"i", "cloud", "icloud"}, {"e", "bay", "ebay"},
	{"on", "line", "online"}, {"ven", "mo", "venmo"}, {"eye", "ban", "iban"}, {"web", "site", "website"}, {"pass", "port", "passport"}, {"face", "book", "facebook"},
	{"check", "book", "checkbook"}, {"cheque", "book", "chequebook"}, {"medi", "care", "medicare"},
	// "medic air number": both halves, so "air" is not left between
	// "medicare" and "number" (where "number off your card" read as a card).
	{"medic", "air", "medicare"},
	// Names a recogniser or a typist splits at a syllable: "medic care
	// number", "send it by ven mo", "your national in surance number".
	{"medic", "care", "medicare"}, {"ven", "mo", "venmo"}, {"in", "surance", "insurance"},
	// "IBAN" said as a word, heard as "i ban": "give me your i ban".
	{"i", "ban", "iban"},
}

// splitWords are key words a recogniser writes as several ordinary words
// ("authentic a tour" for "authenticator", "made in" for "maiden"). New
// adds every object phrase holding one again with each spelling. A
// spelling made of common words ("made in") is used only after the
// phrase's first word ("mothers made in name"), never opening a phrase.
var splitWords = []struct {
	word   string
	as     []string
	opener bool // the spelling may open a phrase
}{
	{"authenticator", []string{"authentic a tour", "authentic a tor", "authentic tour"}, true},
	{"maiden", []string{"made in", "maid in", "made and"}, false},
}

// splitSpellings returns phrase with a split word written as the
// recogniser splits it, one phrase per spelling.
func splitSpellings(phrase string) []string {
	ws := strings.Fields(phrase)
	var out []string
	for i, w := range ws {
		for _, sw := range splitWords {
			if sw.word != w || i == 0 && !sw.opener {
				continue
			}
			for _, as := range sw.as {
				p := strings.Join(append(append(slices.Clone(ws[:i]), as), ws[i+1:]...), " ")
				if len(strings.Fields(p)) <= maxPhrase {
					out = append(out, p)
				}
			}
		}
	}
	return out
}

// flush ends the current word: numerals become idNum, contractions expand,
// and other words are looked up (with plural stripping and a fuzzy match
// for long misrecognised words).
func (t *tokenizer) flush() {
	w := t.word
	t.word = t.word[:0]
	for len(w) > 0 && w[0] == '\'' {
		w = w[1:]
	}
	for len(w) > 0 && w[len(w)-1] == '\'' {
		w = w[:len(w)-1]
	}
	if len(w) == 0 {
		return
	}
	t.cur = append(t.cur[:0], w...)
	prev, prevAt, prev2, prev2At := t.prev, t.prevAt, t.prev2, t.prev2At
	t.prev, t.prev2, t.cur = t.cur, prev, prev2
	if t.sb {
		prevAt, prev2At = -1, -1 // the misheard table does not look across sentences
	}
	t.prevAt, t.prev2At = -1, prevAt
	if len(w) > maxWord {
		t.emit(token{})
		return
	}
	if prev2At >= 0 && prev2At == prevAt-1 {
		if len(prev2) > 0 && skipFirst[prev2[0]] {
			t.misheardAcross(w, prev, prev2, prev2At)
		}
		if prevAt == len(t.out)-1 && yourHeard[string(prev)] && yourAfter[string(prev2)] && yourBefore[string(w)] {
			t.out[prevAt].id = t.d.idYour // "reply with their network password": the listener's
		} else if prevAt == len(t.out)-1 && string(prev) == "you" && youAfter[string(prev2)] && youBefore[string(w)] {
			t.out[prevAt].id = t.d.idYour // "let me remote in to you computer"
		}
	}
	if t.misheard(w, prev, prevAt) {
		t.prevAt = len(t.out) - 1
		return
	}
	if isNumeral(w) {
		t.emit(token{id: idNum, digits: int32(len(w))})
		return
	}
	v := &t.d.vocab
	if exp, ok := v.contractions[string(w)]; ok {
		for _, id := range exp {
			t.emit(token{id: id, digits: v.digits[id]})
		}
		return
	}
	if k := strings.IndexByte(string(w), '\''); k > 0 {
		t.apostrophe(w, k)
		return
	}
	id := v.lookup(w)
	if t.d.class[id]&wFiller != 0 {
		return // "um", "uh" split phrases apart ("the card um details")
	}
	if n := len(t.out); n > 0 && !t.sb && t.out[n-1].id == v.ids["please"] {
		id = t.imperative(w, id)
	}
	if n := len(t.out); n > 0 && !t.sb && (t.out[n-1].id == t.d.idWell || t.out[n-1].id == t.d.idWere) {
		t.weContraction(n, id)
	}
	if n := len(t.out); n > 1 && !t.sb && t.out[n-1].id == t.d.idMind && t.d.class[t.out[n-2].id]&wYou != 0 {
		id = t.gerund(w, id)
	}
	t.emit(token{id: id, digits: v.digits[id]})
	t.prevAt = len(t.out) - 1
}

// acronyms are the initialisms of things asked for that a recogniser
// writes letter by letter ("your s i n number", "the t f n", "pay by u p
// i"). New adds every object phrase naming one again with the letters
// spelled, so a rule written "sin number" also matches "s i n number".
// ("id" is joined by the tokenizer instead: see compounds.)
var acronyms = map[string]bool{
	"sin": true, "ssn": true, "tfn": true, "pan": true, "upi": true, "bsb": true, "otp": true, "pin": true,
	"cvv": true, "cvc": true, "nric": true, "ppsn": true, "pps": true, "utr": true, "ein": true, "itin": true,
	"ni": true, "nino": true, "iban": true, "atm": true, "pac": true, "ic": true, "ohip": true, "aba": true,
	"tin": true, "nhs": true, "ird": true, "nin": true, "imps": true, "neft": true, "ifsc": true, "crn": true, "sms": true, "eft": true, "sss": true,
}

// spelled returns phrase with its acronyms written letter by letter, and
// whether it had any; a phrase that would grow past maxPhrase is left out.
func spelled(phrase string) (string, bool) {
	ws := strings.Fields(phrase)
	n, any := 0, false
	for _, w := range ws {
		if acronyms[w] {
			n += len(w)
			any = true
		} else {
			n++
		}
	}
	if !any || n > maxPhrase {
		return "", false
	}
	out := make([]string, 0, n)
	for _, w := range ws {
		if acronyms[w] {
			for i := 0; i < len(w); i++ {
				out = append(out, w[i:i+1])
			}
		} else {
			out = append(out, w)
		}
	}
	return strings.Join(out, " "), true
}

// letterNames are the names of letters as a recogniser or a transcriber
// writes them out in a spelled acronym: "oh tee pee" for OTP, "ess ess en"
// for SSN. Only names that cannot be taken for a word of the sentence
// around them on their own are listed ("you" for U and "are" for R are
// not); a phrase matches only as a whole run of names anyway.
var letterNames = map[byte]string{'o': "oh", 't': "tee", 'p': "pee", 'v': "vee", 'c': "see", 's': "ess",
	'b': "bee", 'n': "en", 'i': "eye", 'e': "ee", 'd': "dee", 'f': "eff", 'a': "ay"}

// named returns phrase with its acronyms written as letter names ("the
// oh tee pee"), and whether it had any whose every letter has a name.
func named(phrase string) (string, bool) {
	if _, ok := spelled(phrase); !ok {
		return "", false // no acronym, or too long spelled out
	}
	ws := strings.Fields(phrase)
	out := make([]string, 0, maxPhrase)
	for _, w := range ws {
		if !acronyms[w] {
			out = append(out, w)
			continue
		}
		for i := 0; i < len(w); i++ {
			n, has := letterNames[w[i]]
			if !has {
				return "", false
			}
			out = append(out, n)
		}
	}
	return strings.Join(out, " "), true
}

// misheardWord is one entry of the misheard table: a recogniser's output
// (any of heard) that stands for a key word (as) when the word before is
// one of prev, or when the word after is one of next.
type misheardWord struct {
	heard, prev, next, as string
	skip                  string // words that may stand between heard and next
}

// misheard lists what PocketSphinx writes for a few key words of scam
// requests, read off its transcripts of flite voicemails in four voices
// (callscreen/VOICEMAIL-EVAL.md); each entry was seen in more than one
// voicemail. The recogniser's word is an ordinary one, so each entry needs
// a neighbour that the ordinary meaning does not have: "car" is "card"
// before "number" but "your car is ready" stays a car (and "car details"
// too, which a garage or an insurer may well ask for);
// "sell" is "Zelle" after "with" but "we sell" stays a sale.
var misheard = []misheardWord{
	{heard: "car cart", next: "number numbers", as: "card"},
	{heard: "london lagoon laguna", next: "code codes email password details and", as: "login"},
	{heard: "sell fell", prev: "with via through using", as: "zelle"},
	{heard: "aspect aspects espectador", prev: "call", as: "us back"},
	// Key nouns of scam requests as recognisers mishear them (spot9,
	// EVAL.md): each only next to the word that gives it away, so "a rowdy
	// party", "a warm coat" and "get cards for her birthday" are left alone
	// unless the neighbour is there.
	{heard: "rowdy rowdie", next: "number numbers", as: "routing"},
	{heard: "coat coats", prev: "verification claim security access redemption qr otp", as: "code"},
	// A code by its length or its delivery: "the six digit coat that came
	// through", "the coat we sent you", "the cold that was texted". Not
	// "came" or "got", which ordinary coats and colds do too ("the coat
	// that came back from the cleaners", "the cold you got last week").
	{heard: "coat coats cold cope coke", prev: "digit digits voice", as: "code"},
	{heard: "coat coats cold cope coke", next: "sent texted", as: "code"},
	{heard: "coat coats cold cope coke", next: "sent texted received arrived", skip: "that which we i you they it just", as: "code"},
	// A bank's "sort code" heard as "sort coat": "whats the sort coat on your
	// account". Only the singular after "sort"; "sort the coats" has its article.
	{heard: "coat cold", prev: "sort", as: "code"},
	{heard: "sock sox", next: "security", as: "social"},
	// "so shall security number": "social" heard as two words; the first
	// ("so") is left and harmless.
	{heard: "shall", next: "security", as: "social"},
	{heard: "get", next: "card cards", as: "gift"},
	{heard: "pen", next: "number", as: "pin"},
	// A PIN by its length: "enter your four digit pen". A pen the listener
	// owns or brings ("bring a pen", "your pen is on the desk") stays one.
	{heard: "pen pens", prev: "digit digits", as: "pin"},
	{heard: "wood", prev: "pass", as: "word"},
	{heard: "mo moe", prev: "ben", as: "venmo"},
	{heard: "big", next: "coin coins", as: "bit"},
	{heard: "car", prev: "gift", as: "card"},
	{heard: "cars", prev: "gift", as: "cards"},
	// "buy" heard as "i" right before a gift card's brand: "go to walmart and
	// i google play cards". A subject straight before a brand has no verb.
	{heard: "i", next: "google itunes", as: "buy"},
	// A gift card's brand misheard: "goggle play cards", "googal play".
	{heard: "goggle goggles googal googol", next: "play", as: "google"},
	// "play" heard as "plate": "we only accept google plate cards".
	{heard: "plate plates", prev: "google", as: "play"},
	// A prepaid card's brand: "buy green dog cards".
	{heard: "dog dogs", prev: "green", as: "dot"},
	// A "share screen" button heard as "share scream", "scream sharing". Only
	// straight after "share" or before "share"/"sharing": "share your scream",
	// a meeting's as often as a caller's, stays a scream. Read as "share
	// screen", it is the weak screen share of typed text, which counts only
	// with a watcher ("so I can see") or pressure, not in a meeting.
	{heard: "scream screams", prev: "share", as: "screen"},
	{heard: "scream", next: "share sharing", as: "screen"},
	// "secure" heard as two words, "see cure": "a see cure account". The
	// first ("see") is left and harmless; "cure" after "see" is nothing else.
	{heard: "cure", prev: "see", as: "secure"},
	// A call back's "and" merged with the "k" of "back": "call back can't
	// confirm your national insurance number", and "and tell" heard as
	// "until": "please call back until the agent that code". Nothing else
	// follows "back" that way.
	{heard: "can't cant", prev: "back", as: "and"},
	{heard: "until", prev: "back", as: "and tell"},
	// A wallet's "seed phrase" heard as "seat phrase", "sea phrase".
	{heard: "seat seats sea cede", next: "phrase phrases", as: "seed"},
}

// skipFirst marks the first letters of heard words with a skip entry, so
// that most words cost no map look-up in misheardAcross.
var skipFirst = func() (f [256]bool) {
	for _, e := range misheard {
		if e.skip != "" {
			for _, h := range strings.Fields(e.heard) {
				f[h[0]] = true
			}
		}
	}
	return f
}()

// A recogniser often writes "their", "there", "or", "year(s)" for an
// unstressed "your". Between a request verb's last word and the head of a
// sensitive object ("reply with their network password", "come back with
// their driver's license number", "take control of their computer",
// "confirm or debit card") it is read as "your": a third party's things
// are asked after other words ("the bank asked for their PIN", "their
// password was leaked" stay as they are).
var (
	yourHeard = map[string]bool{"their": true, "there": true, "or": true, "year": true, "years": true}
	yourAfter = map[string]bool{"with": true, "me": true, "us": true, "of": true, "confirm": true, "confirmed": true,
		"verify": true, "provide": true, "enter": true, "read": true, "give": true, "tell": true,
		"send": true, "update": true, "access": true, "control": true, "into": true, "onto": true, "need": true}
	yourBefore = map[string]bool{"password": true, "passwords": true, "passcode": true, "pin": true, "social": true,
		"ssn": true, "driver's": true, "drivers": true, "driver": true, "passport": true, "card": true, "debit": true,
		"credit": true, "checking": true, "savings": true, "bank": true, "account": true, "login": true,
		"username": true, "user": true, "email": true, "network": true, "online": true, "medicare": true,
		"security": true, "computer": true, "laptop": true, "screen": true, "pc": true, "device": true,
		"routing": true, "sort": true, "license": true, "licence": true, "verification": true, "date": true}
)

// "You" is heard for "your" too, but "send you password reset steps" is
// an ordinary "you"; only a device reached into ("remote in to you
// computer", "control of you laptop") is read as the listener's.
var (
	youAfter  = map[string]bool{"to": true, "into": true, "onto": true, "of": true}
	youBefore = map[string]bool{"computer": true, "laptop": true, "pc": true, "desktop": true, "device": true}
)

// misheardIndex maps each heard word to its entries.
var misheardIndex = func() map[string][]*misheardWord {
	m := map[string][]*misheardWord{}
	for i := range misheard {
		e := &misheard[i]
		for _, h := range strings.Fields(e.heard) {
			m[h] = append(m[h], e)
		}
	}
	return m
}()

// hasField reports whether w is one of the space-separated words of list.
func hasField(list string, w []byte) bool {
	for len(list) > 0 {
		f := list
		if i := strings.IndexByte(list, ' '); i >= 0 {
			f, list = list[:i], list[i+1:]
		} else {
			list = ""
		}
		if f == string(w) {
			return true
		}
	}
	return false
}

// misheard applies the misheard table to w, the word being flushed, whose
// predecessor was prev (token at prevAt, -1 if none in this sentence). An
// entry keyed on the next word rewrites the previous token; an entry keyed
// on the previous word replaces w itself, and then misheard emits w's
// tokens and reports true.
func (t *tokenizer) misheard(w, prev []byte, prevAt int) bool {
	if prevAt < 0 || prevAt != len(t.out)-1 {
		return false
	}
	v := &t.d.vocab
	for _, e := range misheardIndex[string(prev)] {
		if e.next != "" && e.skip == "" && hasField(e.next, w) {
			if id, ok := v.ids[e.as]; ok {
				t.out[prevAt].id, t.out[prevAt].digits = id, v.digits[id]
			}
			return false
		}
	}
	for _, e := range misheardIndex[string(w)] {
		if e.prev == "" || !hasField(e.prev, prev) {
			continue
		}
		for as := e.as; as != ""; {
			f := as
			if i := strings.IndexByte(as, ' '); i >= 0 {
				f, as = as[:i], as[i+1:]
			} else {
				as = ""
			}
			id := v.ids[f]
			t.emit(token{id: id, digits: v.digits[id]})
		}
		return true
	}
	return false
}

// misheardAcross applies the entries keyed on the next word across one
// word in between (an entry's skip): "the six digit coat that came
// through", "the coat we sent you". prev2 is the word two back, whose
// token is at prev2At.
func (t *tokenizer) misheardAcross(w, prev, prev2 []byte, prev2At int) {
	for _, e := range misheardIndex[string(prev2)] {
		if e.skip != "" && hasField(e.skip, prev) && hasField(e.next, w) {
			if id, ok := t.d.vocab.ids[e.as]; ok {
				t.out[prev2At].id, t.out[prev2At].digits = id, t.d.vocab.digits[id]
			}
			return
		}
	}
}

// imperative undoes a recogniser's stray past tense after "please":
// "please purchased the cards", "please installed team viewer" are
// commands, and reading them as "purchase", "install" lets the request
// rules see them.
func (t *tokenizer) imperative(w []byte, id int32) int32 {
	n := len(w)
	if n < 5 || w[n-2] != 'e' || w[n-1] != 'd' {
		return id
	}
	stems := [][]byte{w[:n-1], w[:n-2]} // purchase-d, install-ed
	if w[n-3] == w[n-4] {
		stems = append(stems, w[:n-3]) // transferr-ed
	}
	for _, s := range stems {
		if sid, ok := t.d.vocab.ids[string(s)]; ok {
			return sid
		}
	}
	return id
}

// gerund reads the "-ing" verb of a polite question as its imperative:
// "would you mind reading that out for me", "do you mind sharing your
// screen" ask as "read that out", "share your screen" do. The caller
// (flush) applies it only right after "you mind"; a stem that is no
// vocabulary word leaves the word as it was.
func (t *tokenizer) gerund(w []byte, id int32) int32 {
	n := len(w)
	if n < 5 || string(w[n-3:]) != "ing" {
		return id
	}
	b := w[:n-3]
	if sid, ok := t.d.vocab.ids[string(b)]; ok {
		return sid // read-ing, send-ing
	}
	var buf [maxWord + 1]byte
	if sid, ok := t.d.vocab.ids[string(append(append(buf[:0], b...), 'e'))]; ok {
		return sid // shar-ing, giv-ing (no allocation: the key is converted in the index)
	}
	if len(b) > 2 && b[len(b)-1] == b[len(b)-2] {
		if sid, ok := t.d.vocab.ids[string(b[:len(b)-1])]; ok {
			return sid // putt-ing
		}
	}
	return id
}

// apostrophe expands the regular contractions ("couldn't", "we'll",
// "mother's") that the explicit table does not list.
func (t *tokenizer) apostrophe(w []byte, k int) {
	v := &t.d.vocab
	base, suf := w[:k], string(w[k+1:])
	var extra int32 = -1
	switch suf {
	case "t":
		if len(base) > 1 && base[len(base)-1] == 'n' {
			base = base[:len(base)-1]
			extra = v.ids["not"]
		}
	case "ll":
		extra = v.ids["will"]
	case "re":
		extra = v.ids["are"]
	case "ve":
		extra = v.ids["have"]
	case "d":
		extra = v.ids["would"]
	case "m":
		extra = v.ids["am"]
	case "s":
		// Possessive or "is": either way the base word is what rules need.
	default:
		base = w // "o'clock", names: drop the apostrophe only
	}
	buf := make([]byte, 0, maxWord)
	for _, c := range base {
		if c != '\'' {
			buf = append(buf, c)
		}
	}
	id := v.lookup(buf)
	t.emit(token{id: id, digits: v.digits[id]})
	if extra >= 0 {
		t.emit(token{id: extra})
	}
}

func isNumeral(w []byte) bool {
	for _, c := range w {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// foldLatin maps common accented Latin letters to their ASCII base letter,
// so "pásswörd" and "numéro" still match; 0 when r is not one of them.
func foldLatin(r rune) byte {
	if r >= 'À' && r <= 'ÿ' {
		const table = "aaaaaaaceeeeiiiidnooooo_ouuuuy_saaaaaaaceeeeiiiidnooooo_ouuuuy_y"
		b := table[r-'À']
		if b == '_' {
			return 0
		}
		return b
	}
	return 0
}

// vocab maps the words rules mention to ids.
type vocab struct {
	ids          map[string]int32
	words        []string
	digits       []int32 // digits a word stands for: "four" 1, "forty" 2
	contractions map[string][]int32
	fuzzy        [26][]int32 // long words by first letter, for misrecognitions
}

func (v *vocab) intern(w string) int32 {
	if id, ok := v.ids[w]; ok {
		return id
	}
	id := int32(len(v.words))
	v.ids[w] = id
	v.words = append(v.words, w)
	v.digits = append(v.digits, 0)
	return id
}

// set interns words and returns them as a set of ids, for the word
// classes the detector checks by membership.
func (v *vocab) set(words ...string) map[int32]bool {
	m := make(map[int32]bool, len(words))
	for _, w := range words {
		m[v.intern(w)] = true
	}
	return m
}

// lookup finds a word's id, trying plural forms and then a small edit
// distance against long vocabulary words ("verifcation", "authentification").
func (v *vocab) lookup(w []byte) int32 {
	if id, ok := v.ids[string(w)]; ok {
		return id
	}
	n := len(w)
	if n > 3 && w[n-1] == 's' {
		if id, ok := v.ids[string(w[:n-1])]; ok {
			return id
		}
		if n > 4 && w[n-2] == 'e' {
			if id, ok := v.ids[string(w[:n-2])]; ok {
				return id
			}
		}
	}
	if n < minFuzzy || w[0] < 'a' || w[0] > 'z' {
		return idUnknown
	}
	maxD := 1
	if n >= 9 {
		maxD = 2
	}
	for _, id := range v.fuzzy[w[0]-'a'] {
		cand := v.words[id]
		if d := len(cand) - n; d > maxD || d < -maxD {
			continue
		}
		if withinDistance(w, cand, maxD) {
			return id
		}
	}
	return idUnknown
}

// minFuzzy is the shortest word tried against the fuzzy list: shorter
// words are too close to each other for edit distance to mean anything.
const minFuzzy = 7

// withinDistance reports whether the Levenshtein distance between a and b
// is at most k, using two rows on the stack (words are at most maxWord).
func withinDistance(a []byte, b string, k int) bool {
	if len(a) > maxWord || len(b) > maxWord {
		return false
	}
	var prev, cur [maxWord + 1]int
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			m := prev[j-1] + cost
			if prev[j]+1 < m {
				m = prev[j] + 1
			}
			if cur[j-1]+1 < m {
				m = cur[j-1] + 1
			}
			cur[j] = m
			if m < best {
				best = m
			}
		}
		if best > k {
			return false
		}
		prev = cur
	}
	return prev[len(b)] <= k
}

// labelAt returns the length of the redaction label text starts with, or 0.
func labelAt(text string) int {
	for _, l := range labels {
		if strings.HasPrefix(text, l) {
			return len(l)
		}
	}
	return 0
}

// currencyWords name the currency a sign stands for.
var currencyWords = []struct{ sign, word string }{{"$", "dollars"}, {"£", "pounds"}, {"€", "euros"}, {"₹", "rupees"}}

// spellCurrency writes an amount with a currency sign as the words a
// recogniser would give ("$7,500" → "7500 dollars"), so that the rules
// see one amount with its money word.
func spellCurrency(text string) string {
	var b strings.Builder
	b.Grow(len(text) + 16)
	for i := 0; i < len(text); {
		matched := false
		for _, c := range currencyWords {
			if !strings.HasPrefix(text[i:], c.sign) {
				continue
			}
			j := i + len(c.sign)
			k := j
			for k < len(text) && (text[k] >= '0' && text[k] <= '9' || (text[k] == ',' || text[k] == '.') && k+1 < len(text) && text[k+1] >= '0' && text[k+1] <= '9') {
				k++
			}
			if k == j {
				break
			}
			if whole, _, _ := strings.Cut(text[j:k], "."); whole != "" {
				b.WriteString(strings.ReplaceAll(whole, ",", ""))
			} else {
				b.WriteString("0")
			}
			b.WriteString(" " + c.word)
			i, matched = k, true
			break
		}
		if !matched {
			b.WriteByte(text[i])
			i++
		}
	}
	return b.String()
}
