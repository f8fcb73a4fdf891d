// Package classify finds scam requests in call transcripts while the call
// is going on: a caller asking for a verification code, card or bank
// details, passwords, ID numbers, gift cards, remote access to a computer
// or a money transfer. It tells asking from telling ("read me the code"
// against "never share this code"), works on raw recogniser output (lower
// case, no punctuation, numbers as words, misheard words) and joins a
// request split across segments. Pressure and impersonation cues raise the
// risk of a call without being flags on their own.
//
// The rules are plain Go data (rules.go), compiled once by New into token
// tables, so Add runs without regular expressions and with few
// allocations.
package classify

import (
	"encoding/binary"
	"strings"

	"github.com/callscreen/callscreen/bus"
)

// Phrase groups: a window position may hold one match of each group.
const (
	gObj   = iota // something asked for (or a cancelling "zip code")
	gCue          // request wording
	gStand        // a request naming both the ask and the object
	gSig          // pressure or impersonation
	gSoft         // date of birth, last four digits: risk only
	gRef          // referents and references to them across the call (refRules)
	numGroups
)

// Window sizes, in tokens.
const (
	ctxTokens   = 24 // context kept from earlier final segments
	frontGap    = 6  // at most this many words between a cue and its object
	backGap     = 8  // at most this many words between an object and a back cue
	sentReach   = 12 // how far a "we sent you" word may be from a bare "code"
	giftReach   = 20 // how far a gift card mention recasts "the numbers on the back"
	walkBack    = 6  // words searched before a cue for its subject or a negation
	farNeg      = 8  // words searched before a cue for "never", "nobody"
	recordReach = 7  // words after an account number searched for "your bill"
	ownerReach  = 7  // words after "the numbers of/on" searched for their owner ("one of your checks")
	frameReach  = 20 // words searched back, within the sentence, for a reported-speech frame
	callReach   = 14 // words searched back for a call-back's "back" or an "only way"
	maxEvid     = 400
	maxPhrase   = 8  // no rule phrase is longer, so hits near a position are found by start
	maxKeywords = 16 // keyword-spotter phrases looked at per segment
)

// phrase is a compiled rule phrase; tokens of -1 match any number.
type phrase struct {
	toks  []int32
	group uint8
	cat   uint8
	attr  uint16
	sig   int16
}

// hit is a phrase found at [start, end) of the window.
type hit struct {
	group, cat uint8
	attr       uint16
	sig        int16
	start, end int32
}

// Detector holds the compiled rules. It is immutable after New and safe for
// concurrent use; per-call state lives in Call.
type Detector struct {
	vocab vocab
	class []uint64   // word classes by vocabulary id
	first [][]phrase // phrases by first token id, longest first
	// Phrases of a first token with many (the generated request frames:
	// "can I take", "could we just get") are kept by their first two
	// tokens instead, so a common word costs one lookup, not a scan.
	second      map[uint64][]phrase
	split       []bool   // by first token id: its two-token phrases are in second
	wild        []phrase // phrases starting with a number
	signals     []signalRule
	soft        []string // soft-ask signal names, by sig index
	spot        map[string]int
	idNo        int32 // "no", "one": "no one" negates like "nobody"
	idOne       int32
	idDid       int32 // "did": "did Mum give you" asks about the past
	idDoes      int32 // "they gift card doesn't": a garbled "does" after an object is no verb of its own (subjectless)
	idOh        int32 // "oh no": an interjection, not a negation
	idUsed      int32 // "used to buy": something done with it, not asked
	idTo        int32
	idDo        int32 // "what should I do": the listener's question ends there
	idBack      int32 // "call me back on 442 with your password"
	idWay       int32 // "the only way is through gift cards"
	idOnly      int32
	idThank     int32 // "thank you, and your date of birth"
	idYour      int32
	idOf        int32  // "the sixteen digits on the front of your card": the listener's card
	bareNext    []bool // "now", "today": words that may follow a bare card secret, by vocabulary id (bareAsk)
	idApp       int32  // "open your Chase app"
	idTell      int32  // "scammers may tell you to…"
	idWorth     int32  // "an order worth $497": an amount's value, not a payment asked
	idThis      int32  // "to resolve this, buy Google Play cards": a pronoun ending a clause
	idThat      int32
	idPhoto     int32 // "take a photo for the app": a picture taken, no software asked for
	idPicture   int32
	idEver      int32 // "nobody from our team will ever ask": the negation reaches on past "ever"
	idQuote     int32 // "and then he said, and I quote, …"
	idI         int32
	idMe        int32 // "he wants me to install AnyDesk": the speaker was the one asked
	idFor       int32 // "asking me for the codes"
	idMy        int32 // "my manager told me to…": a colleague of the caller's (askedOfSpeaker)
	idOur       int32
	idPress     int32 // "press 1 now and enter the code we just sent": keyed into the call
	idHash      int32
	idPound     int32
	idKeypad    int32
	idPad       int32
	idKey       int32
	idAcct      int32 // "account", "acct": a bare account number, a utility's when its bill is named
	idAcct2     int32
	accessActs  [][]int32      // "log in", "see your computer": after "so I can", the caller in the machine (accessAct)
	cardSecrets map[int32]bool // "security", "cvv", "pin": a card's secret, not its number (cardSecret)
	havens      map[int32]bool // "account", "wallet", "vault": a strong payee's place that "to it" may stand for (havenBefore)
	idScreen    int32          // "share screen": shared into a video call (sharedIntoCall)
	idPassword  int32          // "and the password?" after "you changed the wifi": the network's (homePassword)
	homeNets    map[int32]bool // "wifi", "router": a home network whose password a bare "the password" is
	homeNext    map[int32]bool // "it", "please": may follow that bare "the password"; other words give it an owner
	boughtBy    map[int32]bool // "bought", "purchased": "the gift card I bought" is the speaker's own (ownPurchase)
	idDesktop   int32
	best        map[int32]bool // "fastest", "easiest": "the fastest way to help is Cash App" (bestWayToPay)
	giveTo      map[int32]bool // "pay", "help", "donate": what that way is for
	asap        map[int32]bool // "now", "today": the ask after it is for the present (nowIn)
	idCall      int32          // "I got a call saying…" opens a story
	idCalls     int32
	idPlease    int32 // "please" ends a story: a present ask
	// idWhat, idIs and idAre find a question that opens a clause in text
	// without sentence marks ("verify it whats your password"); whTakes
	// are the words after which "what is the …" is the object of the word
	// before it ("tell me what's your PIN", "never ask what is your PIN").
	idWhat, idIs, idAre int32
	whTakes             map[int32]bool
	// clauseSubj, clauseVerb, clauseAux and clauseTakes find a new clause
	// in a segment without marks (see tokenizer.clauseStart), by id.
	clauseSubj, clauseVerb, clauseAux, clauseTakes []bool
	idYou                                          int32
	// weWill, weAre, contrAfter: "well" and "were" read as "we'll" and
	// "we're" (see tokenizer.weContraction).
	idWell, idWe, idWill      int32
	idJust                    int32
	leadTakes                 map[int32]bool // words after which "just the" / "then the" go on their clause
	weWill, weAre, contrAfter map[int32]bool
	idOr                      int32 // "not to click anything or share any OTP": the negation reaches the second verb
	idNor                     int32
	idAnd                     int32 // "your <garbled item> and social security number": a list the request verb governs
	idPlus                    int32
	idInto                    int32 // "into your account": money paid to the listener
	idThe                     int32 // "into the account you registered": likewise; "your <garbled item> and the answer to …": a list item's article (garbledItem)
	idYourself                int32 // "type the new password in yourself": typed where it is used, kept
	idIn                      int32
	idOnto                    int32    // "to / into / onto the RBI verification account": a strong payee reaching back to its verb (farPayVerb)
	idFrom                    int32    // "a call from you": the listener's own call, no story
	idWas                     int32    // "he said he was from the IRS": a past call told
	idConnect                 [3]int32 // "connect", "connected", "connecting": a supplied code's purpose that joins a support session (sessionSite)
	idCom                     int32    // "rsupport.com" is "rsupport com" once the tokenizer drops the dot: a written address (sessionSite)
	idMessage                 [5]int32 // "text", "message", "messages", "sms", "email": an object that names the message, not the code in it (messageItself)
	idGave                    int32    // "the code I gave you": a code supplied before, told, not a session being joined now (sessionSite)
	idWere                    int32
	idUse                     int32 // "the email address you use and the password": a relative clause on a list item (listFrom)
	idHave                    int32
	idVideo                   int32 // "I'm going to video call you": the speaker's own call (ownCall)
	idAm                      int32
	idIt                      int32 // "to check it was you, I need your licence number": "you" the complement of "it was", no past question
	idGoing                   int32
	idNew                     int32 // "a new password": one being set, not told
	idIf                      int32 // "if this was not you, read me the code": the negation is the condition's
	idThen                    int32 // "press one and then [enter] the code": a key press joined to its code (pressedCode)
	idNow                     int32
	idAt                      int32 // "reach us at 888 … with your card number": a number to call back (numberBefore)
	idOn                      int32
	obtain                    map[int32]bool // "get", "request": a code obtained after a key press, not keyed in (pressedCode)
	shows                     map[int32]bool // "bring", "show": a document brought to a desk
	kin                       map[int32]bool // "mum", "gran": a relative, when the call's first word alone addresses one
	slides                    map[int32]bool // "deck", "slides": what a screen is shared to present (presenting)
	walkThrough               map[int32]bool // "walk", "take": "walk us through" the listener's own work
	fieldNoun                 map[int32]bool // "name", "address": a form field's head, which opens a list (listFrom)
	audience                  map[int32]bool // "us", "everyone": a meeting presented to
	idOver                    int32          // "go over the numbers": presented (presenting)
	idEveryone                int32
	workItems                 map[int32]bool // "dashboard", "report", "numbers": work material shown to a meeting or client (presenting)
	meetings                  map[int32]bool // "meeting", "client", "standup": the occasion work material is presented for (presenting)
	activity                  map[int32]bool // "activity", "charges": "confirm the charges on your card" names the card as the place (activityOn)
	deeds                     map[int32]bool // "bought", "sent": "she bought all those gift cards" is a third party's deed, told (thirdDeed)
	buyVerb                   map[int32]bool // "buy", "purchase": bought on a site, not software put on
	idText                    int32          // "text that code back to me": the verb, asking only with "back" / "to me" (Call.backToMe)
	idUs                      int32
	idPay                     int32          // "pay" ending a wallet's name ("Google Pay") is no cue (match)
	calledNamed               map[int32]bool // "called", "named": "an app called AnyDesk" (Call.namedTool)
	whenOpen                  map[int32]bool // "when", "once": "when I do, tap …" opens a time clause before an imperative (addressed)
	idAutomated               int32          // "this is an automated call with your login code": the call delivers, no call-back (framedBy)
	idRepeat                  int32          // "press one to repeat your code": a menu choice, the call repeats it (menuRepeat)
	pressWhen                 map[int32]bool // "when", "once", "after", "as": a time clause after a key press ("press one when you hear this message and enter …", keyedIn)
	goods                     map[int32]bool // "box", "parcel", "engineer": what arrives at the door, not a code (goodsDelivery)
	idBring                   int32          // "bring your passport": a document carried to a place, so shown there (inPerson)
	numberNouns               map[int32]bool // "number", "details": what is said rather than carried ("bring your passport number")
	noWhen                    map[int32]bool // "point", "time": "at no point" negates like "never"
	noWhenPrep                map[int32]bool // "at", "under", "on"
	fees                      map[int32]bool // "fee", "tax": what a prize scam charges before paying out
	gains                     map[int32]bool // "winnings", "refund": "transfer your winnings" is money to the listener
	done                      map[int32]bool // "initiated", "made": "the wire you initiated" is the listener's own payment, done
	relative                  map[int32]bool // "that", "which", "already", "just": words a "you <done>" clause may hold
	askedMe                   map[int32]bool // "asking", "told": "a lawyer came on asking me to buy gift cards", whoever the subject (askedOfSpeaker)
	tell                      tellingWords   // telling shapes of long calls (telling.go)
	ask                       askingWords    // ask shapes of the grammar test and holdout32/spot29 (asking.go)
	na                        notAskedWords  // shapes of holdout33/spot30 (notasked.go)
	rw                        reachedWords   // shapes of the recall round after holdout34 (reached.go)
	// completedPassive: a payment's own verb in a finished passive ("was
	// completed", "has been sent", "went through") reports news, not an ask.
	passAux   map[int32]bool // "was", "has", "been": the auxiliaries before the participle
	settled   map[int32]bool // "completed", "processed", "received": a payment finished
	passSkip  map[int32]bool // "already", "successfully": adverbs between auxiliary and participle
	passStop  map[int32]bool // "who", "which", "or", "if": a relative or a new clause, not the payment's verb
	idThrough int32          // "went through", "has gone through"
	idMind    int32          // "would you mind reading": the tokenizer's gerund
	idAs      int32          // "as usual": the listener's usual way to pay (usualWay)
	usual     map[int32]bool // "usual", "normal", "normally", "always": after "as", a habit
	idWent    int32
	idGone    int32
	// joins maps the two halves of a split compound to the whole
	// ("pass"+"word" → "password"); joinEnd marks the second halves.
	joins   map[uint64]int32
	joinEnd []bool
}

// New compiles the rules.
func New() *Detector {
	d := &Detector{vocab: vocab{ids: map[string]int32{}, contractions: map[string][]int32{}}}
	v := &d.vocab
	v.intern("")  // idUnknown
	v.intern("#") // idNum
	d.joins = map[uint64]int32{}
	for _, c := range compounds {
		d.joins[pairKey(v.intern(c.a), v.intern(c.b))] = v.intern(c.as)
	}
	var all []phrase
	seen := map[string]int{} // phraseKey → index in all
	add := func(text string, group, cat, attr, sig int) {
		p := phrase{group: uint8(group), cat: uint8(cat), attr: uint16(attr), sig: int16(sig)}
		words := strings.Fields(text)
		if len(words) > maxPhrase {
			panic("classify: rule phrase longer than maxPhrase: " + text)
		}
		for _, w := range words {
			if w == "#" {
				p.toks = append(p.toks, -1)
			} else {
				id := v.intern(w)
				if n := len(p.toks); n > 0 {
					if j, ok := d.joins[pairKey(p.toks[n-1], id)]; ok {
						p.toks[n-1] = j // "pass word" is "password", as the tokenizer reads it
						continue
					}
				}
				p.toks = append(p.toks, id)
			}
		}
		// The same cue listed under two rules has both rules' attributes.
		key := phraseKey(p.group, p.toks)
		if i, ok := seen[key]; ok {
			if group == gCue {
				all[i].attr |= p.attr
			}
			return
		}
		seen[key] = len(all)
		all = append(all, p)
	}
	for _, r := range objectRules {
		for _, s := range r.phrases {
			add(s, gObj, r.cat, r.attr, 0)
			if sp, ok := spelled(s); ok {
				add(sp, gObj, r.cat, r.attr, 0)
			}
			if sp, ok := named(s); ok {
				add(sp, gObj, r.cat, r.attr, 0)
			}
			for _, sp := range splitSpellings(s) {
				add(sp, gObj, r.cat, r.attr, 0)
			}
		}
	}
	// The plural of a named card is the same thing: "the new Medicare
	// cards", "your credit cards" ("cards" is a word of its own, so the
	// tokenizer's plural folding cannot find them).
	for _, r := range objectRules {
		for _, s := range r.phrases {
			if strings.HasSuffix(s, " card") {
				add(s+"s", gObj, r.cat, r.attr, 0)
			}
		}
	}
	for _, s := range partialAsks() {
		add(s, gObj, catNone, 0, 0)
	}
	cueWords := map[string]bool{}
	for _, r := range cueRules {
		for _, s := range r.phrases {
			add(s, gCue, 0, r.attr, 0)
			for _, w := range strings.Fields(s) {
				cueWords[w] = true
			}
		}
	}
	for _, r := range standaloneRules {
		for _, s := range r.phrases {
			add(s, gStand, r.cat, r.attr, 0)
			if sp, ok := spelled(s); ok {
				add(sp, gStand, r.cat, r.attr, 0)
			}
			if sp, ok := named(s); ok {
				add(sp, gStand, r.cat, r.attr, 0)
			}
		}
	}
	d.signals = signalRules
	for i, r := range signalRules {
		for _, s := range r.phrases {
			add(s, gSig, 0, 0, i)
		}
	}
	for _, r := range refRules {
		for _, s := range r.phrases {
			add(s, gRef, r.kind, 0, 0)
		}
	}
	for i, r := range softAsks {
		d.soft = append(d.soft, r.signal)
		for _, s := range r.phrases {
			add(s, gSoft, 0, 0, i)
		}
	}
	// Misrecognised long nouns are matched fuzzily; cue verbs are not, so
	// "transferred" and "verified" stay the past tense they are.
	for id, w := range v.words {
		if len(w) >= minFuzzy+1 && w[0] >= 'a' && w[0] <= 'z' && !cueWords[w] {
			v.fuzzy[w[0]-'a'] = append(v.fuzzy[w[0]-'a'], int32(id))
		}
	}
	for _, w := range knownWords {
		v.intern(w)
	}
	for w, exp := range contractions {
		var ids []int32
		for _, e := range strings.Fields(exp) {
			ids = append(ids, v.intern(e))
		}
		v.contractions[w] = ids
	}
	for w, n := range numberWords {
		if w != "oh" && w != "o" && w != "nil" { // only digits inside a run; see Redact
			v.digits[v.intern(w)] = n
		}
	}
	for _, words := range wordClasses {
		for _, w := range words {
			v.intern(w)
		}
	}
	v.intern("oh")
	v.intern("used")
	v.intern("back")
	v.intern("way")
	v.intern("only")
	v.intern("thank")
	v.intern("your")
	v.intern("app")
	d.idInto, d.idIn, d.idFrom = v.intern("into"), v.intern("in"), v.intern("from")
	d.idOnto = v.intern("onto")
	d.idWas, d.idWere, d.idGoing, d.idIf = v.intern("was"), v.intern("were"), v.intern("going"), v.intern("if")
	d.idIt, d.idUse, d.idHave = v.intern("it"), v.intern("use"), v.intern("have")
	d.idVideo, d.idAm = v.intern("video"), v.intern("am")
	d.idNew = v.intern("new")
	d.idCalls = v.intern("calls")
	d.shows = v.set("bring", "show", "present", "carry", "produce")
	d.kin = v.set("mom", "mum", "mommy", "mummy", "dad", "daddy", "auntie", "sis", "bro", "son", "nan", "nana", "gran", "granny", "grandma", "grandpa")
	d.slides = v.set("deck", "slides", "slide", "slideshow", "presentation", "agenda", "spreadsheet")
	d.walkThrough = v.set("walk", "take", "talk", "go", "run")
	d.fieldNoun = knownSet(v, "name", "address", "email", "id")
	d.idOver, d.idEveryone = v.intern("over"), v.intern("everyone")
	d.audience = v.set("us", "everyone", "everybody", "team", "group", "all")
	d.workItems = v.set("dashboard", "report", "reports", "spreadsheet", "spreadsheets", "numbers", "figures",
		"results", "metrics", "roadmap", "proposal", "budget", "forecast", "forecasts", "demo", "mockups", "designs", "charts",
		"pipeline", "draft", "plan", "quarterly", "campaign", "slide", "deck")
	d.meetings = v.set("meeting", "meetings", "client", "clients", "standup", "presentation", "review", "call", "teams",
		"zoom", "workshop", "briefing")
	d.activity = v.set("activity", "activities", "charge", "charges", "transaction", "transactions", "purchase", "purchases",
		"payment", "payments", "spending", "withdrawal", "withdrawals")
	d.buyVerb = v.set("buy", "purchase")
	d.deeds = v.set("bought", "purchased", "sent", "paid", "wired", "spent", "lost", "gave", "transferred", "mailed", "handed")
	d.idText, d.idUs = v.intern("text"), v.intern("us")
	d.calledNamed = v.set("called", "named")
	d.whenOpen = v.set("when", "once")
	d.idAutomated, d.idRepeat = v.intern("automated"), v.intern("repeat")
	d.pressWhen = v.set("when", "once", "after", "as")
	d.goods = v.set("box", "parcel", "package", "kit", "shipment", "replacement", "courier", "engineer", "technician", "driver", "envelope")
	d.idBring = v.intern("bring")
	d.numberNouns = v.set("number", "numbers", "no", "details", "digits", "info", "information")
	d.noWhen = v.set("point", "time", "stage", "moment", "circumstances", "circumstance", "account", "step")
	d.noWhenPrep = v.set("at", "under", "on")
	d.fees = v.set("fee", "fees", "tax", "taxes", "charge", "charges", "duty", "insurance", "processing", "release", "clearance", "handling")
	d.obtain = v.set("get", "gets", "getting", "request", "requesting", "generate", "hear", "listen", "repeat", "new")
	d.idThen, d.idNow, d.idAt, d.idOn = v.intern("then"), v.intern("now"), v.intern("at"), v.intern("on")
	d.gains = v.set("winnings", "prize", "prizes", "refund", "payout", "compensation", "reimbursement", "grant", "stimulus", "benefit", "benefits", "rebate")
	d.done = v.set("initiated", "made", "sent", "set", "authorized", "authorised", "requested", "scheduled",
		"placed", "submitted", "arranged", "started", "approved", "completed", "booked", "did", "ordered")
	d.relative = v.set("that", "which", "already", "just")
	d.askedMe = v.set("asking", "telling", "wanting", "begging", "demanding", "urging", "instructing", "pressuring", "pushing", "ordering",
		"asked", "told", "wanted", "begged", "demanded", "urged", "instructed", "pressured", "pushed", "ordered")
	d.idFor, d.idMy, d.idOur = v.intern("for"), v.intern("my"), v.intern("our")
	d.passAux = v.set("was", "were", "has", "have", "had", "been", "is", "are")
	d.settled = v.set("completed", "sent", "processed", "received", "posted", "credited", "deposited", "cleared",
		"settled", "paid", "transferred", "executed", "finalized", "finalised", "successful", "complete")
	d.passSkip = v.set("already", "just", "successfully", "now", "fully", "also", "been")
	d.passStop = v.set("who", "which", "that", "or", "if", "unless", "otherwise", "before", "until", "once", "when", "after")
	d.idThrough, d.idWent, d.idGone = v.intern("through"), v.intern("went"), v.intern("gone")
	d.idMind = v.intern("mind")
	d.idAs = v.intern("as")
	d.usual = v.set("usual", "normal", "normally", "usually", "always", "before", "regular", "regularly", "every")
	var bareNext []int32
	for _, w := range []string{"now", "today", "tonight", "asap", "right", "immediately", "for", "thank", "thanks", "over", "in", "when", "as"} {
		bareNext = append(bareNext, v.intern(w))
	}
	v.intern("of")
	v.intern("does")
	for _, w := range []string{"photo", "picture", "ever", "quote", "i", "press", "hash", "pound", "keypad", "pad", "key"} {
		v.intern(w) // looked up by id below, whether or not a rule uses them
	}
	d.best = v.set("best", "fastest", "quickest", "easiest", "simplest", "safest", "preferred", "faster", "quicker", "easier", "simpler")
	d.giveTo = v.set("pay", "help", "donate", "give", "send", "contribute", "support", "settle", "transfer")
	d.idScreen, d.idDesktop = v.intern("screen"), v.intern("desktop")
	d.idPassword = v.intern("password")
	d.homeNets = v.set("wifi", "fi", "router", "hotspot", "broadband") // "fi": the recogniser's "why fi"
	d.homeNext = v.set("it", "its", "is", "please", "again", "then", "now")
	d.boughtBy = v.set("bought", "purchased", "picked")
	for _, a := range accessActs() {
		var ids []int32
		for _, w := range strings.Fields(a) {
			ids = append(ids, v.intern(w))
		}
		d.accessActs = append(d.accessActs, ids)
	}
	d.cardSecrets = v.set("security", "cvv", "cvc", "cvv2", "cbb", "pin")
	d.havens = v.set("account", "acct", "wallet", "ledger", "vault", "pot", "escrow", "fund")
	d.asap = v.set("now", "today", "tonight", "immediately", "asap")
	d.tell = newTellingWords(v)
	d.idPay = v.intern("pay")
	d.ask = newAskingWords(v)
	d.na = newNotAskedWords(v)
	d.rw = newReachedWords(v)
	d.idWhat, d.idIs, d.idAre = v.intern("what"), v.intern("is"), v.intern("are")
	d.whTakes = v.set("me", "you", "us", "him", "her", "them", "ask", "asks", "asked", "asking", "tell", "tells",
		"told", "telling", "know", "knows", "knew", "wonder", "wondering", "sure", "see", "check", "confirm",
		"remember", "forget", "forgot", "explain", "show", "say", "says", "said", "saying", "about", "of", "on",
		"and", "or", "to", "is", "was", "are", "be", "matter", "care", "mind", "idea", "understand", "hear",
		"heard", "exactly", "learn", "find", "decide", "not", "no", "just", "only", "question", "asks", "wants",
		"want", "wanted", "whatever", "regardless", "if", "whether", "that", "like", "how")
	d.idYou = v.intern("you")
	d.idWell, d.idWe, d.idWill = v.intern("well"), v.intern("we"), v.intern("will")
	d.idJust = v.intern("just")
	d.leadTakes = v.set("for", "of", "with", "about", "need", "needs", "want", "is", "are", "was", "be", "give",
		"tell", "read", "send", "ask", "have", "get", "enter", "type", "confirm", "verify", "and", "or", "not",
		"if", "me", "us", "you", "it", "that", "to", "only", "but", "from", "by", "in", "on", "at", "into", "press",
		"click", "open", "do", "did", "said", "says", "asked", "asks", "first", "and", "so", "now", "okay", "right")
	d.weWill = v.set("need", "be", "have", "also", "just", "only", "never", "still", "probably", "definitely",
		"sort", "set", "arrange", "process", "refund", "match", "get")
	d.weAre = v.set("on", "in", "at", "here", "going", "calling", "trying", "just", "not", "still", "almost",
		"able", "doing", "sending", "looking", "happy", "sorry", "from", "only", "really", "about", "working",
		"processing", "closing", "offering", "ready", "now", "currently", "holding", "waiting", "the")
	d.contrAfter = v.set("and", "so", "then", "once", "after", "when", "while", "because", "since", "okay",
		"ok", "now", "but", "right", "yes", "yeah", "sir", "maam", "fine", "great", "perfect", "alright", "until")
	subj := v.set("i", "we", "they", "he", "she")
	verb := v.set("will", "would", "can", "could", "should", "must", "need", "needs", "want", "am", "are", "dont")
	aux := v.set("can", "could", "would", "will")
	// Words before which a subject is no new clause: conjunctions, verbs
	// whose object it is, and the nouns a relative clause follows without
	// "that" ("enter the code we will send you", "the account we need it in").
	takes := v.set("so", "because", "when", "unless", "until", "as", "what", "where", "why", "which", "who",
		"think", "thought", "hope", "sure", "before", "after", "while", "since", "than", "once", "but", "mean",
		"believe", "guess", "whenever", "afraid", "worry", "promise", "bet", "feel", "realise", "realize",
		"hear", "worried", "that", "if", "and", "or", "how", "whether", "like", "me", "you", "us", "him", "her",
		"them", "tell", "tells", "told", "say", "says", "said", "saying", "know", "knows", "ask", "asks",
		"asked", "asking", "not", "no", "to", "the", "a", "an", "your", "my", "our", "this",
		"code", "codes", "number", "numbers", "passcode", "password", "pin", "details", "digits", "link",
		"app", "account", "money", "amount", "card", "cards", "one", "ones", "form", "text", "message", "email",
		"way", "time", "thing", "things", "reference", "key", "address", "id", "name", "information", "info")
	d.clauseSubj, d.clauseVerb = make([]bool, len(v.words)), make([]bool, len(v.words))
	d.clauseAux, d.clauseTakes = make([]bool, len(v.words)), make([]bool, len(v.words))
	for _, m := range []struct {
		set map[int32]bool
		to  []bool
	}{{subj, d.clauseSubj}, {verb, d.clauseVerb}, {aux, d.clauseAux}, {takes, d.clauseTakes}} {
		for id := range m.set {
			m.to[id] = true
		}
	}
	d.class = make([]uint64, len(v.words))
	d.joinEnd = make([]bool, len(v.words))
	for _, c := range compounds {
		d.joinEnd[v.ids[c.b]] = true
	}
	for cl, words := range wordClasses {
		for _, w := range words {
			d.class[v.ids[w]] |= uint64(cl)
		}
	}
	d.idNo, d.idOne, d.idDid = v.ids["no"], v.ids["one"], v.ids["did"]
	d.idOh, d.idUsed, d.idTo, d.idDo = v.ids["oh"], v.ids["used"], v.ids["to"], v.ids["do"]
	d.idBack, d.idWay, d.idOnly, d.idThank = v.ids["back"], v.ids["way"], v.ids["only"], v.ids["thank"]
	d.idYour, d.idApp, d.idTell = v.ids["your"], v.ids["app"], v.ids["tell"]
	d.idWorth, d.idAcct, d.idAcct2 = v.ids["worth"], v.ids["account"], v.ids["acct"]
	d.idThis, d.idThat = v.ids["this"], v.ids["that"]
	d.idPhoto, d.idPicture, d.idEver = v.ids["photo"], v.ids["picture"], v.ids["ever"]
	d.idQuote, d.idI, d.idMe = v.ids["quote"], v.ids["i"], v.intern("me")
	d.idPress, d.idHash, d.idPound = v.ids["press"], v.ids["hash"], v.ids["pound"]
	d.idKeypad, d.idPad, d.idKey = v.ids["keypad"], v.ids["pad"], v.ids["key"]
	d.idCall, d.idPlease, d.idOr, d.idNor = v.ids["call"], v.ids["please"], v.ids["or"], v.ids["nor"]
	d.idAnd, d.idPlus, d.idThe, d.idYourself = v.ids["and"], v.ids["plus"], v.ids["the"], v.ids["yourself"]
	d.idOf, d.idDoes = v.ids["of"], v.ids["does"]
	d.idConnect = [3]int32{v.intern("connect"), v.intern("connected"), v.intern("connecting")}
	d.idGave, d.idCom = v.intern("gave"), v.intern("com")
	for i, m := range []string{"text", "message", "messages", "sms", "email"} {
		d.idMessage[i] = v.intern(m)
	}
	d.bareNext = make([]bool, len(v.words))
	for _, id := range bareNext {
		d.bareNext[id] = true
	}
	d.first = make([][]phrase, len(v.words))
	for _, p := range all {
		if p.toks[0] < 0 {
			d.wild = append(d.wild, p)
		} else {
			d.first[p.toks[0]] = append(d.first[p.toks[0]], p)
		}
	}
	longestFirst := func(ps []phrase) {
		for i := 1; i < len(ps); i++ {
			for j := i; j > 0 && len(ps[j].toks) > len(ps[j-1].toks); j-- {
				ps[j], ps[j-1] = ps[j-1], ps[j]
			}
		}
	}
	d.second = map[uint64][]phrase{}
	d.split = make([]bool, len(v.words))
	for id, ps := range d.first {
		if len(ps) <= splitAt {
			continue
		}
		d.split[id] = true
		var keep []phrase
		for _, p := range ps {
			if len(p.toks) < 2 || p.toks[1] < 0 {
				keep = append(keep, p)
				continue
			}
			k := pairKey(p.toks[0], p.toks[1])
			d.second[k] = append(d.second[k], p)
		}
		d.first[id] = keep
	}
	for _, ps := range d.first {
		longestFirst(ps)
	}
	for _, ps := range d.second {
		longestFirst(ps)
	}
	longestFirst(d.wild)
	d.spot = map[string]int{}
	for k, c := range SpotPhrases() {
		for i, name := range categories {
			if name == c {
				d.spot[k] = i
			}
		}
	}
	return d
}

// splitAt is the number of phrases of one first token above which they are
// looked up by their first two tokens.
const splitAt = 24

func pairKey(a, b int32) uint64 { return uint64(uint32(a))<<32 | uint64(uint32(b)) }

// phraseKey identifies a compiled phrase by its group and tokens, so New
// finds a phrase listed twice in one map lookup (a scan of every phrase
// compiled so far made New take ≈0.13 s, paid by every command at start-up).
func phraseKey(group uint8, toks []int32) string {
	b := make([]byte, 1, 1+4*len(toks))
	b[0] = group
	for _, t := range toks {
		b = binary.LittleEndian.AppendUint32(b, uint32(t))
	}
	return string(b)
}

// match appends to hits the phrases found in w: per group, the longest
// match at each position, and no match starting inside an earlier one of
// its group (so "sort code" does not also count as "code"). Nor does the
// cue "pay" ending an object begun before it: "pay" of "Google Pay" or
// "Apple Pay" names the wallet and asks nothing. (Other verbs do ask from
// there: "e-transfer me the money", "by wire transfer today".)
func (d *Detector) match(hits []hit, w []token) []hit {
	var ends [numGroups]int32
	objStart := int32(-1)
	for i := range w {
		objFrom, objTo := objStart, ends[gObj]
		var best [numGroups]*phrase
		try := func(ps []phrase) {
			for k := range ps {
				p := &ps[k]
				if best[p.group] != nil && len(best[p.group].toks) >= len(p.toks) {
					continue
				}
				if i+len(p.toks) > len(w) || !p.matches(w[i:]) {
					continue
				}
				best[p.group] = p
			}
		}
		if id := w[i].id; id > idNum && int(id) < len(d.first) {
			try(d.first[id])
			if d.split[id] && i+1 < len(w) && w[i+1].id > idNum {
				try(d.second[pairKey(id, w[i+1].id)])
			}
		}
		if w[i].digits > 0 {
			try(d.wild)
		}
		for g, p := range best {
			if p == nil || int32(i) < ends[g] && g != gSig {
				continue
			}
			end := int32(i + len(p.toks))
			if g == gCue && objFrom >= 0 && objFrom < int32(i) && end == objTo && w[i].id == d.idPay {
				continue
			}
			if g == gObj {
				objStart = int32(i)
			}
			ends[g] = end
			hits = append(hits, hit{group: p.group, cat: p.cat, attr: p.attr, sig: p.sig, start: int32(i), end: end})
		}
	}
	return hits
}

func (p *phrase) matches(w []token) bool {
	for j, t := range p.toks {
		if t < 0 {
			if w[j].digits == 0 {
				return false
			}
		} else if w[j].id != t {
			return false
		}
	}
	return true
}

// Result is a call's verdict so far.
type Result struct {
	Verdict string     // bus.VerdictScam if any flag, else bus.VerdictSuspicious or bus.VerdictClean
	Risk    float64    // 0..1
	Flags   []bus.Flag // in the order raised; Text is the redacted evidence
	Signals []string   // pressure and impersonation cues seen, e.g. "impersonation:amazon", "urgency"
	Advice  string     // plain-language advice for the callee
}

// Classify judges a whole transcript at once.
func (d *Detector) Classify(segs []bus.Segment) Result {
	c := d.NewCall()
	for _, s := range segs {
		c.Add(s)
	}
	return c.Result()
}
