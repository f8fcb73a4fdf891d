package classify

// Telling shapes: words around a request cue or a payment that make it
// news ("we need you to know …"), a screen's prompt ("it's asking for a
// code") or the speaker's own deed ("I want to pay you back") rather than
// something asked of the listener. Found in long multi-turn calls
// (EVAL.md, holdout31/spot28 round).

// tellingWords holds the compiled words of the telling shapes.
type tellingWords struct {
	know    map[int32]bool // "know", "understand", "aware": "we need you to know that …" informs
	be      int32
	with    int32
	group   map[int32]bool // "team", "group": "share your screen with the team"
	all     map[int32]bool // "everyone", "everybody": "… with everyone"
	payBack map[int32]bool // "pay", "paying": "pay you back"
	backObj map[int32]bool // "you", "it", "them": between "pay" and "back"
	repay   map[int32]bool // "repay", "reimburse": the speaker returns money
	intends map[int32]bool // "want", "wanted", "will", "going", "gonna", "to": between "I" and the verb
	fact    map[int32]bool // "went", "was", "arrived": "confirm it went through" confirms a fact
	phone   int32          // "when you phone": a return call (returnCallAfter)
	use     map[int32]bool // "use", "using": "just use Zelle"
	hand    map[int32]bool // "give", "hand", "issue": "IT will give you your login details"
	rest    map[int32]bool // "rest", "remainder": "the rest of it" is the remainder of something named
	habit   map[int32]bool // "always", "usually": between "we" and "use"
}

func newTellingWords(v *vocab) tellingWords {
	return tellingWords{
		know:    v.set("know", "understand", "aware", "realise", "realize"),
		be:      v.intern("be"),
		with:    v.intern("with"),
		group:   v.set("team", "group"),
		all:     v.set("everyone", "everybody"),
		payBack: v.set("pay", "paying"),
		backObj: v.set("you", "it", "them"),
		repay:   v.set("repay", "reimburse"),
		intends: v.set("want", "wanted", "will", "going", "gonna", "to", "just", "would", "like", "am", "was", "can", "also", "might", "thinking", "planning", "probably"),
		fact:    v.set("went", "was", "has", "arrived", "cleared", "reached"),
		phone:   v.intern("phone"),
		use:     v.set("use", "using"),
		hand:    v.set("give", "gives", "giving", "hand", "issue", "provide"),
		rest:    v.set("rest", "remainder"),
		habit:   v.set("always", "usually", "normally", "just", "also", "now", "still", "mostly", "all", "only", "are", "am", "were", "was"),
	}
}

// toldNotAsked reports a cue whose object is "you to know": "we need you to
// know that your old passport was cut", "I want you to be aware your card
// number was used". What follows is news for the listener, not a thing
// asked of them; "we need you to read the code" still asks.
func (c *Call) toldNotAsked(q hit) bool {
	w, t := c.win, &c.d.tell
	n := int32(len(w))
	j := q.end
	if j < n && w[j].id == c.d.idYou && !w[j].sb {
		j++
	}
	if j < n && w[j].id == c.d.idTo && !w[j].sb {
		j++
	}
	if j < n && w[j].id == t.be && !w[j].sb {
		j++
	}
	if j >= n || w[j].sb || j == q.start || w[j-1].id != c.d.idTo && w[j-1].id != t.be {
		return false // "let me know your card number" asks
	}
	for k := q.start; k < j; k++ {
		if w[k].id == c.d.idYou {
			return t.know[w[j].id]
		}
	}
	return false
}

// promptAsks reports an asking cue whose subject is "it": "it's asking for a
// code", "it asks for your password", or with up to two auxiliaries
// between (promptAux: "it'll ask you for the code from the app", "it may
// also ask for your password"), or a system named after a determiner with
// an auxiliary ("the portal will ask for their date of birth"; "the app is
// asking for the code" may carry the caller's only ask and is judged as
// before). A screen or an app prompting for
// something is described, not asked by the speaker; a caller who wants it
// asks again in words of their own ("read it to me").
func (c *Call) promptAsks(q hit) bool {
	w := c.win
	p := q.start
	if p == 0 || w[p].sb || c.d.class[w[p].id]&wReport == 0 {
		return false
	}
	if w[p-1].id == c.d.idIt {
		return true
	}
	for j := p - 1; j > 0 && j >= p-2 && c.d.na.promptAux[w[j].id] && !w[j].sb; j-- {
		if w[j-1].id == c.d.idIt || c.promptSystem(j-1) && w[j].id != c.d.idIs {
			return true // "it'll ask you for the code from the app", "it may also ask for your password": the screen's prompt to come
		}
	}
	return p > 1 && w[p-1].id == c.d.idIs && w[p-2].id == c.d.idIt && !w[p-1].sb
}

// repaying reports a payment the speaker makes back to the listener: "I
// wanted to pay you back the two hundred you lent me", "I'll pay it back
// on Friday", "I want to repay you". The first person is the payer and the
// listener the payee, so nothing is asked; "you need to pay back the
// overpaid refund" has no "I" and is judged as before. The pay verb lies in
// [from, to); "I" stands at most walkBack words before it in its sentence,
// with only intention words ("want to", "will", "am going to") between.
func (c *Call) repaying(from, to int32) bool {
	w, t := c.win, &c.d.tell
	n := int32(len(w))
	verb := int32(-1)
	for j := from; j < to && j < n; j++ {
		switch {
		case t.repay[w[j].id]:
			verb = j
		case t.payBack[w[j].id] && j+1 < n && w[j+1].id == c.d.idBack:
			verb = j
		case t.payBack[w[j].id] && j+2 < n && t.backObj[w[j+1].id] && w[j+2].id == c.d.idBack:
			verb = j
		}
		if verb >= 0 {
			break
		}
	}
	if verb < 0 {
		return false
	}
	for j := verb - 1; j >= 0 && j >= verb-walkBack; j-- {
		if w[j].id == c.d.idI {
			return true
		}
		if !t.intends[w[j].id] || w[j+1].sb {
			return false
		}
	}
	return false
}

// sharedWithGroup reports a screen share made to a group, straight after
// the share: "share your screen with the team", "… with everyone". The
// listener presents to a meeting; a caller who wants to watch names
// "me", "us" or a team of theirs ("with our support team").
func (c *Call) sharedWithGroup(o hit) bool {
	w, t := c.win, &c.d.tell
	n := int32(len(w))
	j := o.end
	if j >= n || w[j].id != t.with || w[j].sb || j+1 >= n {
		return false
	}
	if t.all[w[j+1].id] {
		return true
	}
	return j+2 < n && w[j+1].id == c.d.idThe && t.group[w[j+2].id]
}

// deedReach bounds how far before a payment, in words, the listener's own
// "you requested a …" may start.
const deedReach = 8

// listenerDeed returns where "you" starts a payment the listener made or
// asked for, told back to them, before o in its sentence: "you requested a
// wire transfer of two thousand dollars to your sister", "you set up a
// transfer of £900 this morning" ("you", a done word such as "requested",
// "made", "authorised", then a determiner), or -1. The cues between it and
// the payment ("wire", "transfer of") name that payment and ask for
// nothing; a cue after the payment ("… now send it back") still asks.
func (c *Call) listenerDeed(o hit) int32 {
	w, cl := c.win, c.d.class
	for k := o.start - 1; k >= 0 && k >= o.start-deedReach; k-- {
		if k+2 < o.start && cl[w[k].id]&wYou != 0 && c.d.done[w[k+1].id] && cl[w[k+2].id]&wDet != 0 && !w[k+1].sb && !w[k+2].sb {
			return k
		}
		if w[k+1].sb && k+1 < o.start {
			return -1
		}
	}
	return -1
}

// factConfirmed reports a back cue whose pronoun is the subject of a
// clause: "I just wanted to confirm it went through", "can you check that
// was received": the cue confirms a fact about the thing named before, it
// does not ask for the thing ("confirm it for me" does).
func (c *Call) factConfirmed(q hit) bool {
	w := c.win
	return q.attr&cueBack != 0 && q.end < int32(len(w)) && !w[q.end].sb && c.d.tell.fact[w[q.end].id]
}

// pastQuestion reports a cue that opens with "you" right after "did": "did
// you send me a message asking for a code?" asks whether something was
// done, as "did you send" does when "you" stands before the cue (see
// addressed). "Can you send me the code" asks.
func (c *Call) pastQuestion(q hit) bool {
	w := c.win
	return q.start > 0 && !w[q.start].sb && c.d.class[w[q.start].id]&wYou != 0 && w[q.start-1].id == c.d.idDid
}

// returnCallAfter reports a return call named after a ready frame, in its
// sentence: "have your password ready when you call", "… ready when you
// ring us", "… handy once you call back". Like a call-back before the frame
// ("call us back and have your password ready", see readyForCallBack), it
// says the thing is for the caller's side on the return call.
func (c *Call) returnCallAfter(q hit) bool {
	w, cl := c.win, c.d.class
	n := int32(len(w))
	for j := q.start; j+2 < n && j < q.end+3; j++ {
		if j > q.start && w[j].sb {
			return false
		}
		if c.d.whenOpen[w[j].id] && cl[w[j+1].id]&wYou != 0 && !w[j+1].sb && !w[j+2].sb && (cl[w[j+2].id]&wCallTo != 0 || w[j+2].id == c.d.tell.phone) {
			return true
		}
	}
	return false
}

// ownUse reports a payment app put to use ("use Zelle", payVerbs) by the
// speaker: "I use Zelle for the rent", "we always use PayPal for the
// cleaner" tell a habit; "just use Zelle to my new number" asks.
func (c *Call) ownUse(o hit) bool {
	w, cl, t := c.win, c.d.class, &c.d.tell
	if !t.use[w[o.start].id] {
		return false
	}
	for j := o.start - 1; j >= 0 && j >= o.start-4 && !w[j+1].sb; j-- {
		if cl[w[j].id]&wIWe != 0 {
			return true
		}
		if !t.habit[w[j].id] {
			return false
		}
	}
	return false
}

// handedToListener reports a giving cue whose receiver is the listener:
// "IT will give you your laptop and login details on the day", "the school
// will hand you your student ID". What follows is handed to the listener,
// not asked of them; "give me your login details" asks. Only "you" then a
// determiner or "your" right after the verb counts, so a misheard "can you
// give you card number" is no receiver.
func (c *Call) handedToListener(q hit) bool {
	w, cl, t := c.win, c.d.class, &c.d.tell
	e := q.end
	if e < 1 || !t.hand[w[e-1].id] || e+1 >= int32(len(w)) || w[e].sb || w[e+1].sb {
		return false
	}
	return w[e].id == c.d.idYou && cl[w[e+1].id]&wDet != 0
}

// ownErrand reports a buying cue whose subject is the speaker, with only
// intention words between: "I was gonna get him a gift card", "I'm going to
// buy a gift card for her birthday". The speaker's own shopping asks nothing
// of the listener; "can you get the cards" and "we need you to buy" keep
// their ask. Only "I": "we're going to get …" may be a caller's team.
func (c *Call) ownErrand(q hit) bool {
	w, t := c.win, &c.d.tell
	if q.attr&cueBuy == 0 || q.attr&cueSelf != 0 {
		return false
	}
	for j := q.start - 1; j >= 0 && j >= q.start-walkBack && !w[j+1].sb; j-- {
		if w[j].id == c.d.idI {
			return true
		}
		if !t.intends[w[j].id] {
			return false
		}
	}
	return false
}

// pleaseOpens reports a back "please" ("your social security number,
// please") that opens the main clause after a condition instead: "if
// anyone … asks for a code we texted you, or your full card number, please
// hang up and call the number on your card". An "if" opens the sentence at
// most ifReach words before, and the word after "please" in its sentence is
// neither a clause word ("so", "thanks"), a joining word ("and the expiry"),
// a filler nor a pronoun, nor the start of request wording of its own
// ("please send me a screenshot" may carry the same ask on). A giving verb
// handing the list to the listener before it (handedToListener: "I will
// give you the sort code and account number please transfer …") closes
// its clause too: the object is given, and "please" opens the next ask;
// so does a negated list's ask before it (negatedInfinitive, negatedAsk:
// "we will never ask you to move money or to read out your PIN please call
// the number on your card"), and a "please" before a negation ("… yourself
// in the portal please don't email it to me").
func (c *Call) pleaseOpens(q hit) bool {
	w, cl := c.win, c.d.class
	if q.end-q.start != 1 || w[q.start].id != c.d.idPlease {
		return q.end-q.start == 2 && w[q.end-1].id == c.d.idPlease && c.handedBefore(q.end-1) // "… sort code and account number now please do it"
	}
	for _, h := range c.hitsIn(q.start-frontGap-2*maxPhrase, q.start) {
		if h.group == gCue && h.end < q.start && !c.sentBetween(h.start, q.start) && (c.negatedInfinitive(h.start) || c.negatedAsk(h.start)) {
			return true // "we will never ask you to move money, … or to read out your PIN please call us": the list's ask is negated
		}
	}
	if q.end >= int32(len(w)) || w[q.end].sb {
		return false
	}
	if cl[w[q.end].id]&wNeg != 0 && w[q.end].id != c.d.idNo {
		return true // "you enter that yourself in the portal please don't email it to me": a negated imperative opens
	}
	if cl[w[q.end].id]&(wClause|wJoin|wFiller|wIWe|wYou|wCoord) != 0 || w[q.end].id == idUnknown {
		return false
	}
	if c.handedBefore(q.start) {
		return true // "I will give you the sort code and account number please transfer …": handed, and the next clause asks
	}
	for _, h := range c.hitsIn(q.end-maxPhrase, q.end+1) {
		if h.group == gCue && h.start == q.end {
			return false // "I will send you a verification code please send me a screen shot of the message": the imperative asks too
		}
	}
	for j := q.start - 1; j >= 0 && j >= q.start-ifReach && !w[j+1].sb; j-- {
		if w[j].id == c.d.idIf {
			return true
		}
	}
	return false
}

// handedBefore reports a giving verb handing a list to the listener ("I
// will give you the sort code and account number") that ends right before
// the "please" at p, in its sentence or with a sentence start at "please"
// or the word before it ("… account number now. Please do it"): the list
// is given, and "please" opens the next clause.
func (c *Call) handedBefore(p int32) bool {
	w, cl, t := c.win, c.d.class, &c.d.tell
	for j := p - 1; j >= 0 && j >= p-frontGap-maxPhrase && (!w[j+1].sb || j+1 >= p-1); j-- {
		if t.hand[w[j].id] && j+2 < p && w[j+1].id == c.d.idYou && cl[w[j+2].id]&wDet != 0 && !w[j+2].sb {
			return true
		}
	}
	return false
}

// ifReach bounds how far before a "please", in words, the "if" of the
// condition it closes may stand.
const ifReach = 30

// restOf reports a payment object that is the remainder of something named
// with "of" straight after it: "go on, the rest of it" (of a card number
// being read out), "the rest of the digits". "Send the rest" and "the rest
// of the money" (whose "money" is an object of its own) are judged as before.
func (c *Call) restOf(o hit) bool {
	w, t := c.win, &c.d.tell
	return o.end < int32(len(w)) && t.rest[w[o.end-1].id] && w[o.end].id == c.d.idOf && !w[o.end].sb
}
