package classify

// Shapes of things not asked: a long line cut mid-clause read as one again
// (so a negation or an ask spans the cut), self-service instructions ("you
// type it into the app yourself"), warnings in the conditional, payments to
// be checked before they are made, and needs already met. Found on hard
// legitimate calls (EVAL.md, holdout33/spot30 and later rounds).

// notAskedWords holds the compiled words of the shapes not asked.
type notAskedWords struct {
	format    map[int32]bool // "letters", "numbers", "digits", "and": an identifier's format spelled out after it
	so        int32
	which     int32
	before    int32
	seeWord   map[int32]bool // "see", "look": a document seen (seeDocument)
	system    map[int32]bool // "portal", "app", "site": a system whose prompt is to come (promptSystem)
	got       int32
	subord    map[int32]bool // "that", "since", "because": a clause of fact opens (gotFact)
	when      map[int32]bool // "when", "whenever": a condition's opener (reportGoesOn)
	with      int32
	direct    map[int32]bool // "direct": a direct deposit is pay coming in
	deposit   map[int32]bool
	payer     map[int32]bool // "they", "we": the payer keeping the listener's account on its file (paidToListener)
	promptAux map[int32]bool // "will", "may", "also": between "it" and its asking verb, a prompt to come ("it may also ask for your password")
	dial      map[int32]bool // "call", "ring", "dial": a number rung (dialledNumber)
	number    int32
	allOf     map[int32]bool // "everything", "all": what the speaker's need covers (needMet)
	haveGot   map[int32]bool // "have", "got": the speaker holding it already (needMet)
	onAt      map[int32]bool // "on", "at": a line rung on (lineRung)
	callee    map[int32]bool // "us", "me", "back": between a call verb and "on the number" (lineRung)
	where     map[int32]bool // "in", "on", "from": where the number rung is printed (lineRung)
	say       map[int32]bool // "say": the speaker's own saying after a purpose "to" (speakerSays)
	sayWhy    map[int32]bool // "just", "calling", "wanted": what puts the speaker's purpose before "to say" (speakerSays)
	promise   map[int32]bool // "will", "can", "going": the speaker's own act to come (speakerPays)
	view      map[int32]bool // "see", "browse", "learn": a site visited to look (browsedSite)
	more      map[int32]bool // "more", "details": "visit our website for more"
	held      map[int32]bool // "current", "existing": a PIN the listener already holds (heldPin)
	clauseEnd map[int32]bool // "again", "okay", "now": a clause's last word before a new subject (ownSubject)
	checkVerb map[int32]bool // "check", "review": a check the listener makes of their own record (typedYourself)
	reset     map[int32]bool // "reset", "unlock": what a link sent to the listener does (resetLink)
	appWord   int32          // "application": software, or a form filed (formApplication)
	contact   map[int32]bool // "called", "contacted": a third person reaching the listener, who then asks (thirdBefore)
	termHead  map[int32]bool // "something", "thing": "something called a CVV" names a term (termNamed)
	prompts   map[int32]bool // "say", "ask", "show": what a screen does (machineSays)
	defSubj   map[int32]bool // "it", "that", "they": the subject of a definition (definedAs)
	calledW   int32          // "called" (termNamed)
	money     map[int32]bool // "payment", "funds": the subject of a "goes to" cue (unbidden)
	goes      map[int32]bool // "goes", "is", "gets": its verb
	makeSure  map[int32]bool // "sure", "ensure": what bids the money go somewhere
	tried     map[int32]bool // "tried", "wanted": a past attempt before "to" and a cue (addressed)
	reach     map[int32]bool // "text", "whatsapp": how the listener writes to the speaker on a number (contactNumber)
	filed     map[int32]bool // "mortgage", "loan", "going": what marks an application as a form filed
	link      int32          // "link" (resetLink)
}

func newNotAskedWords(v *vocab) notAskedWords {
	return notAskedWords{
		format:    knownSet(v, "letter", "letters", "number", "numbers", "digit", "digits", "character", "characters", "and", "then"),
		so:        v.ids["so"],
		which:     v.ids["which"],
		before:    v.ids["before"],
		seeWord:   knownSet(v, "see", "look", "at", "view"),
		system:    knownSet(v, "portal", "app", "site", "website", "form", "system", "page", "screen"),
		got:       v.ids["got"],
		subord:    knownSet(v, "that", "since", "because", "now", "how", "where", "when", "why"),
		when:      knownSet(v, "when", "whenever"),
		with:      v.ids["with"],
		direct:    knownSet(v, "direct"),
		deposit:   knownSet(v, "deposit", "deposits"),
		payer:     knownSet(v, "they", "we"),
		promptAux: knownSet(v, "will", "would", "can", "could", "may", "might", "should", "gonna", "also", "then", "probably"),
		dial:      knownSet(v, "call", "ring", "dial", "phone"),
		number:    v.ids["number"],
		allOf:     knownSet(v, "everything", "all"),
		haveGot:   knownSet(v, "have", "has", "got", "had"),
		onAt:      knownSet(v, "on", "at"),
		callee:    knownSet(v, "us", "me", "back", "them", "him", "her"),
		where:     knownSet(v, "in", "on", "from"),
		say:       knownSet(v, "say"),
		sayWhy: knownSet(v, "just", "only", "calling", "ringing", "phoning", "called", "rang", "phoned", "want",
			"wanted", "wants", "writing", "is", "was"),
		promise:   knownSet(v, "will", "shall", "can", "could", "going", "gonna", "to", "just", "then", "also", "happily", "quickly", "am", "are"),
		view:      knownSet(v, "see", "view", "browse", "learn", "find", "compare", "explore", "read", "discover"),
		more:      knownSet(v, "more", "details", "information", "info"),
		held:      knownSet(v, "current", "existing", "old", "usual", "regular", "present"),
		clauseEnd: knownSet(v, "again", "anymore", "alive", "okay", "ok", "alright", "listen", "now", "then"),
		checkVerb: knownSet(v, "check", "review", "verify", "update"),
		reset:     knownSet(v, "reset", "unlock", "recovery"),
		appWord:   v.ids["application"],
		termHead:  knownSet(v, "something", "thing", "stuff"),
		prompts:   knownSet(v, "say", "ask", "show", "tell", "prompt", "display", "request"),
		defSubj:   knownSet(v, "it", "that", "they", "those", "this"),
		calledW:   v.ids["called"],
		money:     knownSet(v, "payment", "payments", "money", "funds", "transfer"),
		goes:      knownSet(v, "goes", "go", "is", "are", "gets"),
		makeSure:  knownSet(v, "sure", "ensure"),
		contact:   v.set("called", "contacted", "rang", "phoned", "messaged", "texted", "emailed", "approached", "rung"),
		reach:     knownSet(v, "text", "message", "whatsapp", "txt"),
		tried:     v.set("tried", "attempted", "wanted", "meant", "managed", "decided", "planned"),
		filed: knownSet(v, "mortgage", "loan", "job", "visa", "passport", "credit", "benefit", "benefits", "tenancy", "rental",
			"going", "started", "moving", "form", "forms", "process", "processed", "approved", "submitted"),
		link: v.ids["link"],
	}
}

// speakerSays reports a speech cue that is the speaker's own purpose:
// "just to say the password portal is back up", "I'm calling to say your
// PIN has changed", "this is just to tell you the code is in the post".
// The speaker says or tells; the listener is asked nothing ("tell" must
// have "you" after it). "I need you to say the code" and "you'll have to
// tell me the code" still ask.
func (c *Call) speakerSays(pos int32) bool {
	w, na := c.win, &c.d.na
	n := int32(len(w))
	if pos < 2 || pos >= n || w[pos].sb || w[pos-1].sb || w[pos-1].id != c.d.idTo || !na.sayWhy[w[pos-2].id] {
		return false
	}
	return na.say[w[pos].id] || w[pos].id == c.d.idTell && pos+1 < n && w[pos+1].id == c.d.idYou
}

// formatOf reports a bare code object ("numbers", "digits") that spells
// out the format of the identifier named just before it: "your national
// insurance number two letters six numbers one letter", "your account
// number, eight digits". A count stands right before it, and only counts
// and format words ("letters", "and") lie between it and the end of an
// object of another category, at most seven words back in one sentence.
// "Your card number and the six digits we sent" has "the" between and is
// judged as before.
func (c *Call) formatOf(o hit) bool {
	w, f := c.win, c.d.na.format
	if o.start < 2 || w[o.start-1].digits == 0 || w[o.start].sb || w[o.start-1].sb {
		return false
	}
	for j := o.start - 2; j >= 0 && j >= o.start-8; j-- {
		for _, h := range c.hitsIn(j+1-maxPhrase, j+1) {
			if h.group == gObj && h.end == j+1 && h.cat != catCode && h.cat < catNone && h.attr&objWeak == 0 {
				return true
			}
		}
		if w[j+1].sb || w[j].digits == 0 && !f[w[j].id] {
			return false
		}
	}
	return false
}

// negatedInfinitive reports a cue that is one of the infinitives listed
// after a negated ask: "we will never ask you to move money to a safe
// account, to send a payment to yourself, or to read out a code we text
// you". Its "to" stands after a word that is no verb of its own ("account
// to send", "or to read"), and the nearest "ask (you) to" before it in its
// sentence, with no clause break between ("so", "but", "I", "we"), is
// negated (negatedVerb). A nearer "need you to" or "want you to" heads the
// list itself, so "we never ask you to lie to us, to be honest I need you
// to send the fee" still asks.
func (c *Call) negatedInfinitive(pos int32) bool {
	w, cl, to := c.win, c.d.class, c.d.idTo
	s := pos
	if s < int32(len(w)) && w[s].id == to {
		s++
	}
	if s < 3 || s >= int32(len(w)) || w[s-1].id != to || w[s].sb || w[s-1].sb || cl[w[s-2].id]&(wVerbish|wAskVerb|wYou) != 0 {
		return false
	}
	for j := s - 2; j > 1 && j >= s-infListReach; j-- {
		if w[j+1].sb || cl[w[j].id]&wFrameEnd != 0 && !(w[j].id == c.d.na.so && cl[w[j+1].id]&(wOther|wYou) == 0) {
			return false // not "a so-called safe account": "so" opens a clause before a subject only
		}
		if w[j].id != to {
			continue
		}
		head := j - 1
		if cl[w[head].id]&wYou != 0 {
			head--
		}
		if cl[w[j-1].id]&wYou != 0 || cl[w[head].id]&wAskVerb != 0 {
			return cl[w[head].id]&wAskVerb != 0 && c.negatedVerb(head)
		}
	}
	return false
}

// infListReach bounds how far back, in words, negatedInfinitive looks for
// the negated ask heading a list of infinitives.
const infListReach = 30

// negatedVerb reports a verb at pos negated before it in its sentence:
// "never" or "nobody" at most farNeg words back, or "not" / "don't" at
// most four ("I'm not going to ask").
func (c *Call) negatedVerb(pos int32) bool {
	w, cl := c.win, c.d.class
	for j := pos - 1; j >= 0 && j >= pos-farNeg; j-- {
		k := cl[w[j].id]
		if k&wFarNeg != 0 || k&wNeg != 0 && pos-j <= 4 && w[j].id != c.d.idNo {
			return true
		}
		if w[j].sb {
			return false
		}
	}
	return false
}

// relativeWhich reports the question cue "which" opening a relative
// clause instead: a modal or a verb of the clause straight after it ("the
// reset page, which will text a code to your mobile", "the app, which
// can show your code") makes it the clause's subject, no question. "Which
// card did you use?" and "which is your account number" ("is" / "are"
// left out) still ask.
func (c *Call) relativeWhich(q hit) bool {
	w, cl := c.win, c.d.class
	if q.end-q.start != 1 || w[q.start].id != c.d.na.which || q.end >= int32(len(w)) || w[q.end].sb {
		return false
	}
	n := w[q.end].id
	return cl[n]&(wModal|wVerbish) != 0 && n != c.d.idIs && n != c.d.idAre && n != c.d.idTo
}

// orAfter reports an "or" at most five words before pos in its sentence:
// the cue at pos is a later item of a list ("…, or ask you to tell me").
func (c *Call) orAfter(pos int32) bool {
	w := c.win
	for j := pos - 1; j >= 0 && j >= pos-5 && !w[j+1].sb; j-- {
		if w[j].id == c.d.idOr || w[j].id == c.d.idNor {
			return true
		}
	}
	return false
}

// beforeYou reports a cue in a "before you …" clause: "before you send the
// deposit, ring our office and confirm the account with me". The act is
// the listener's own, to come, and the clause sets when the advice after
// it applies; it asks for nothing. "When you send it" or "once you have
// bought the cards" may take the act for granted as asked, and are judged
// as before.
func (c *Call) beforeYou(pos int32) bool {
	w, cl := c.win, c.d.class
	for j := pos - 1; j >= 1 && j >= pos-3 && !w[j+1].sb; j-- {
		if cl[w[j].id]&wYou != 0 {
			return w[j-1].id == c.d.na.before && !w[j].sb
		}
		if cl[w[j].id]&(wSkip|wModal) == 0 {
			return false
		}
	}
	return false
}

// directDeposit reports the payment object "deposit" named as a direct
// deposit: "update your direct deposit in Workday". A direct deposit is
// pay coming in to the listener from an employer or an agency, set up in
// their own records; it is no payment the listener makes.
func (c *Call) directDeposit(o hit) bool {
	w := c.win
	return o.start > 0 && c.d.na.direct[w[o.start-1].id] && !w[o.start].sb && c.d.na.deposit[w[o.end-1].id]
}

// withContents reports a back cue naming what a message holds ("code in
// it", "numbers in it") after "with a" or "with the": "if a text comes
// with a code in it", "an email with the numbers in it". It describes the
// message; "what's the code in it?" still asks.
func (c *Call) withContents(q hit) bool {
	w, cl := c.win, c.d.class
	s := q.start
	return s > 1 && q.attr&cueBack != 0 && cl[w[s-1].id]&wDet != 0 && w[s-2].id == c.d.na.with && !w[s].sb && !w[s-1].sb
}

// accountOnFile reports "to / into the account they (already) have …" at
// j: the account a payer keeps on its file for the listener ("HMRC will
// pay it to the account they already have on file"), where money comes in.
func (c *Call) accountOnFile(j int32) bool {
	w, cl := c.win, c.d.class
	return j+4 < int32(len(w)) && (w[j].id == c.d.idInto || w[j].id == c.d.idTo) && w[j+1].id == c.d.idThe && cl[w[j+2].id]&wAcctNoun != 0 &&
		c.d.na.payer[w[j+3].id] && cl[w[j+4].id]&wKeptBy != 0 && !w[j+1].sb && !w[j+3].sb && !w[j+4].sb
}

// payerOnFile reports a payment cue whose money goes to the account its
// payer keeps on file for the listener, at most receiptReach words on in
// its sentence: "the tax office will pay it to the account they already
// have on file".
func (c *Call) payerOnFile(q hit) bool {
	w := c.win
	for j := q.end; j < q.end+receiptReach && j < int32(len(w)) && !w[j].sb; j++ {
		if c.accountOnFile(j) {
			return true
		}
	}
	return false
}

// reportGoesOn reports an "I" at j joined by "and" to the clause before it,
// inside a condition about someone else's call: "if anyone ever rings
// saying it's me and I'm in trouble and need money or gift cards, hang
// up". The reported words go on past "and I", so the reporting verb
// further back still frames the cue at pos. Only with an "if" or "when"
// opening the sentence at most frameReach words back, and no "you" between
// "I" and the cue: "he said your account is at risk and I need you to read
// me the code" asks.
func (c *Call) reportGoesOn(j, pos int32) bool {
	w, cl := c.win, c.d.class
	if j < 1 || cl[w[j].id]&wIWe == 0 || w[j-1].id != c.d.idAnd || w[j].sb {
		return false
	}
	for i := j + 1; i < pos; i++ {
		if cl[w[i].id]&wYou != 0 {
			return false
		}
	}
	for i := j - 1; i >= 0 && i >= j-frameReach; i-- {
		if w[i].id == c.d.idIf || c.d.na.when[w[i].id] {
			return true
		}
		if w[i].sb {
			return false
		}
	}
	return false
}

// gotFact reports the cue "you got" opening a clause of fact after a
// subordinator or in an embedded question: "now that you got your own bank
// card", "since you got the new phone", "can I ask how you got the
// builder's bank details". What the listener has is told or asked about;
// "you got the code?" and "have you got your card number" still ask.
func (c *Call) gotFact(q hit) bool {
	w, cl := c.win, c.d.class
	s := q.start
	return q.end-s == 2 && s > 0 && cl[w[s].id]&wYou != 0 && w[s+1].id == c.d.na.got && c.d.na.subord[w[s-1].id] && !w[s].sb
}

// needMet reports the cue "I need" / "we need" as the relative clause of
// "everything" or "all" that the speaker has already got: "I've already
// got everything I need, your Social Security number's on file", "we have
// all we need". The need is met, nothing is asked; "all I need is your
// Social Security number" (no "have" or "got" right before it) and "the
// card has a chip, all we need is your number" still ask.
func (c *Call) needMet(q hit) bool {
	w, cl, na := c.win, c.d.class, c.d.na
	s := q.start
	if cl[w[s].id]&wIWe == 0 {
		if s == 0 || cl[w[s-1].id]&wIWe == 0 || w[s].sb {
			return false
		}
		s--
	}
	if s == 0 || !na.allOf[w[s-1].id] {
		return false // the clause rules may open a sentence at "I" when the comma is lost
	}
	return s > 1 && na.haveGot[w[s-2].id] && !w[s-1].sb // "got everything", not "has a chip all we need is …"
}

// lineRung reports a bare "number" the listener is to ring: "call us back
// on the number in the app", "ring me at the number", "dial the number on
// your card". A call verb, at most two of "us", "me", "back", then "on" or
// "at" and a determiner, in one sentence, and where it is printed after
// it ("in", "on", "from"): a phone line, not a code, however near a
// notification or a text is named. "Call me back at this number and read
// it to me" names no place: the "it" read back is the code texted.
func (c *Call) lineRung(o hit) bool {
	w := c.win
	if int(o.end) >= len(w) || !c.d.na.where[w[o.end].id] || w[o.end].sb {
		return false
	}
	return c.lineBefore(o, c.d.na.dial, false)
}

// lineBefore reports the front of a line named by a bare "number" at o: a
// determiner before it, then "on" or "at" (required when onAt), at most
// two of "us", "me", "back", and one of verbs, all in one sentence: "call
// us back on the number", "dial the number", "text me on this number".
func (c *Call) lineBefore(o hit, verbs map[int32]bool, onAt bool) bool {
	w, na := c.win, &c.d.na
	j := o.start - 1
	if na.number == 0 || w[o.start].id != na.number || o.end-o.start != 1 || j < 0 || w[o.start].sb || c.d.class[w[j].id]&wDet == 0 {
		return false
	}
	if j--; j >= 0 && na.onAt[w[j].id] && !w[j+1].sb {
		j--
	} else if onAt {
		return false
	}
	for n := 0; n < 2 && j >= 0 && na.callee[w[j].id] && !w[j+1].sb; n++ {
		j--
	}
	return j >= 0 && verbs[w[j].id] && !w[j+1].sb
}

// seeDocument reports an identity document the speaker's side "needs to
// see" (or "look at"): "our compliance team need to see photo ID and proof
// of address". A document seen is shown, at a desk or by upload, not read
// out on the call; "read me your passport number" or "I need your social
// security number" still ask.
func (c *Call) seeDocument(q hit, cat int) bool {
	w := c.win
	return cat == catID && q.end-q.start >= 2 && c.d.na.seeWord[w[q.end-1].id]
}

// promptSystem reports a system named as the subject of a prompt to come:
// "the portal will ask for their date of birth", "the app may ask for
// your password" (a determiner, a system noun, then promptAux words).
func (c *Call) promptSystem(j int32) bool {
	w := c.win
	return j > 0 && c.d.na.system[w[j].id] && c.d.class[w[j-1].id]&wDet != 0 && !w[j].sb
}

// carriedTo reports a document taken along to a place: "pop into the
// branch with your passport and a bank statement", "come to reception
// with your photo ID". A place the listener goes to in person (refInPerson)
// ends right before "with", and only a determiner lies between "with" and
// the document. Shown at a desk, it is not read out on the call.
func (c *Call) carriedTo(o hit) bool {
	w, cl := c.win, c.d.class
	j := o.start - 1
	for j >= 0 && j >= o.start-2 && cl[w[j].id]&wDet != 0 && !w[j+1].sb {
		j--
	}
	if j < 1 || w[j].id != c.d.na.with || w[j+1].sb {
		return false
	}
	for _, h := range c.hitsIn(j-maxPhrase, j) {
		if h.group == gRef && h.cat == refInPerson && h.end == j {
			return true
		}
	}
	return false
}

// walkThroughSelf reports a speaker's cue ("I want", "we need") whose
// object is the speaker's own walk-through: "I want to walk through the
// Midwest numbers", "we need to go over the figures". The speaker presents
// or discusses the material; nothing is asked of the listener. Not the
// listener's own things: "I need to run through your security questions"
// asks them.
func (c *Call) walkThroughSelf(q hit) bool {
	w := c.win
	e := q.end
	return q.attr&cueSelf != 0 && e+3 < int32(len(w)) && w[e].id == c.d.idTo && c.d.walkThrough[w[e+1].id] &&
		(w[e+2].id == c.d.idThrough || w[e+2].id == c.d.idOver) && w[e+3].id != c.d.idYour && !w[e].sb && !w[e+1].sb && !w[e+2].sb
}

// dialledNumber reports a bare "the number" (a reference) in a call that
// has just named a number to ring: "call the number on the back of your
// debit card … please use the number on your card, not one I give you".
// The card's number the speaker sends the listener to is its phone line,
// so "the number on your card" after it is the same line, not the card's
// own number. A call verb straight before "the number" (or "the number"
// of a card) anywhere in the window names it.
//
// So is "the number" after calls are named ("those calls", "these
// calls") later than the referent it would stand for: "we will never ask
// for your password … if you get one of those calls, hang up and forward
// the number to the service desk" forwards the calls' number. The
// referent sits at window index ref (negative when it left the window).
func (c *Call) dialledNumber(h hit, ref int32) bool {
	w := c.win
	if c.d.na.number == 0 || h.end < 1 || w[h.end-1].id != c.d.na.number {
		return false
	}
	for j := int32(0); j+2 < h.start; j++ {
		if c.d.na.dial[w[j].id] && w[j+1].id == c.d.idThe && w[j+2].id == c.d.na.number {
			return true
		}
	}
	for j := max(ref+1, 1); j < h.start; j++ {
		if w[j].id == c.d.idCalls && c.d.class[w[j-1].id]&wDet != 0 {
			return true
		}
	}
	return false
}

// bringYourself reports an object after "bring yourself and": "you just
// bring yourself and the gift card", an invitation to come somewhere with
// the thing in hand. The object is carried in person, nothing is read out;
// not its number ("bring yourself and the card numbers").
func (c *Call) bringYourself(o hit) bool {
	w := c.win
	if c.d.idBring == 0 || c.d.idYourself == 0 || c.d.numberNouns[w[o.end-1].id] {
		return false
	}
	for j := o.start - 1; j >= 2 && j >= o.start-4 && !w[j+1].sb; j-- {
		if w[j].id == c.d.idAnd && w[j-1].id == c.d.idYourself && w[j-2].id == c.d.idBring {
			return true
		}
	}
	return false
}

// clauseCut reports that the window holds no sentence start up to pos
// but one after it, inside the context: the clause at pos began before the
// context kept, so whatever opened it (a negation, a story) is lost. In
// unpunctuated text, with no sentence start in the context at all, where
// clauses begin is not known, and the chain is kept (a recogniser's "need
// your sort code and account number … | cancelled" still asks).
func (c *Call) clauseCut(pos int32) bool {
	for j := int32(0); j < c.nCtx && j < int32(len(c.win)); j++ {
		if c.win[j].sb {
			return j > pos
		}
	}
	return false
}

// speakerPays reports a payment named with its doing ("do a bank
// transfer", "wire the money") whose subject is the speaker promising it:
// "let me know and I'll do a bank transfer instead", "we can wire the
// money tomorrow". The speaker pays; the listener is asked nothing. A need
// ("we need to do a bank transfer") is no promise and still asks.
func (c *Call) speakerPays(o hit) bool {
	w, cl := c.win, c.d.class
	for j := o.start - 1; j >= 0 && j >= o.start-4 && !w[j+1].sb; j-- {
		switch k := cl[w[j].id]; {
		case k&wIWe != 0:
			return j < o.start-1 // "I'll do", "we can wire": a modal between
		case !c.d.na.promise[w[j].id]:
			return false
		}
	}
	return false
}

// browsedSite reports a weak website or app visited to look at something:
// "pop into any store or visit our website to see your options", "go to
// our website for more details". Looking installs nothing and lets no one
// in; a site visited "so I can connect" is judged as before.
func (c *Call) browsedSite(o hit) bool {
	w, na := c.win, &c.d.na
	n := int32(len(w))
	if o.end+1 >= n || w[o.end].sb || w[o.end+1].sb {
		return false
	}
	return w[o.end].id == c.d.idTo && na.view[w[o.end+1].id] || w[o.end].id == c.d.idFor && na.more[w[o.end+1].id]
}

// payeeNumber reports a bare "number" that is where a payment goes: "Zelle,
// to my husband's number", "send it to this number". The number is the
// caller's side's, given or named, not a code the listener holds.
func (c *Call) payeeNumber(o hit) bool {
	w, cl := c.win, c.d.class
	for j := o.start - 1; j >= 0 && j >= o.start-3 && !w[j+1].sb; j-- {
		if w[j].id == c.d.idTo {
			return j < o.start-1 && (cl[w[j+1].id]&wMine != 0 || w[j+1].id == c.d.idThis)
		}
	}
	return false
}

// heldPin reports a PIN the listener already holds, named so: "confirm your
// current PIN number". A delivery near it ("we're sending you a
// replacement") does not make it a code sent.
func (c *Call) heldPin(o hit) bool {
	return o.start > 0 && c.d.na.held[c.win[o.start-1].id]
}

// ownSubject reports a cue with a subject "you" of its own, straight
// before it, after a word that ends a clause: "you will never see her
// again you send two thousand dollars on venmo right now". A negation
// before that "you" is the other clause's. After a verb "you" is its
// object ("never let you send", "never enter the code we sent you on your
// keypad"), so only a clause's last words ("again", "okay", "now") count.
func (c *Call) ownSubject(pos int32) bool {
	w := c.win
	if pos < 3 || w[pos].sb || w[pos-1].sb || c.d.class[w[pos-1].id]&wYou == 0 {
		return false
	}
	return c.d.na.clauseEnd[w[pos-2].id]
}

// resetLinkReach bounds how far before a link its reset may be named.
const resetLinkReach = 32

// resetLink reports a weak "link" that resets or unlocks the listener's
// own account: "I've sent a reset link to your personal email … just
// follow the link and pick a new one". A reset is done by the listener on
// their own account; nobody connects. A link "so I can connect" is judged
// as before (accessPurposes).
func (c *Call) resetLink(o hit) bool {
	w, na := c.win, &c.d.na
	if w[o.end-1].id != na.link {
		return false
	}
	for j := max(o.start-resetLinkReach, 0); j < int32(len(w)) && j < o.end+6; j++ {
		if na.reset[w[j].id] {
			return true
		}
	}
	return false
}

// formApplication reports a weak "application" that is a form filed, not
// software: "that'll help us get the application going", "your mortgage
// application". A word for what is applied for stands before it, or one
// for its progress after it.
func (c *Call) formApplication(o hit) bool {
	w, na := c.win, &c.d.na
	e := o.end - 1
	if na.appWord == 0 || w[e].id != na.appWord {
		return false
	}
	return e > 0 && !w[e].sb && na.filed[w[e-1].id] || o.end < int32(len(w)) && !w[o.end].sb && na.filed[w[o.end].id]
}

// contactNumber reports a bare "number" the listener is to write to the
// speaker on: "just text me on this number", "whatsapp me on this number".
// It names a line, not a code. A call back "at this number" is left to
// lineRung: a recogniser's "we texted you a six digit [code] … call me
// back at this number and read it to me" still asks.
func (c *Call) contactNumber(o hit) bool {
	return c.lineBefore(o, c.d.na.reach, true)
}

// termNamed reports an object named as a term to be explained: "it's
// asking for something called a CVV. What is that?". A word for the
// thing is being learnt, not the thing handed over.
func (c *Call) termNamed(o hit) bool {
	w, na := c.win, &c.d.na
	j := o.start - 1
	if j >= 0 && c.d.class[w[j].id]&wIndef != 0 {
		j-- // "called a CVV"
	}
	return j >= 1 && na.calledW != 0 && w[j].id == na.calledW && na.termHead[w[j-1].id] && !w[j].sb && !w[j+1].sb
}

// definedAs reports an object given as what something is, at the start of
// its sentence: "What is that? It's the three numbers on the back of your
// card, by the signature." The answer defines a word; a request to read
// them out would be a cue of its own.
func (c *Call) definedAs(o hit) bool {
	w := c.win
	j := o.start - 1
	if j >= 0 && c.d.class[w[j].id]&wDet != 0 && !w[j+1].sb {
		j--
	}
	if j < 1 || w[j+1].sb || w[j].id != c.d.idIs && w[j].id != c.d.idAre {
		return false
	}
	return c.d.na.defSubj[w[j-1].id] && w[j-1].sb && !w[j].sb
}

// machineSays reports a prompting cue whose subject is "it" before a
// modal: "now it'll say it's sent a code to your phone", "it will ask for
// your password next". A website or an app prompts; nobody on the call
// asks. Without the modal "it" is as often the last clause's object ("to
// cancel it, give me your login", "when you get it read it back to me"),
// and a tool that "will give me access" is the caller's way in.
func (c *Call) machineSays(pos int32) bool {
	w := c.win
	j := pos - 1
	if j < 1 || !c.d.na.prompts[w[pos].id] || w[j+1].sb || w[j].sb || c.d.class[w[j].id]&wModal == 0 || w[j].id == c.d.idTo {
		return false
	}
	j--
	return w[j].id == c.d.idIt && (j == 0 || w[j].sb || c.d.class[w[j-1].id]&(wVerbish|wAskVerb) == 0)
}

// unbidden reports a money noun's "goes to" cue ("the invoice payment goes
// to our new account") with no "make sure" or "ensure" before it in its
// sentence: "your pension payment goes into the new account you gave us"
// is told, not asked.
func (c *Call) unbidden(q hit) bool {
	w, na := c.win, &c.d.na
	if q.end-q.start < 3 || !na.money[w[q.start].id] || !na.goes[w[q.start+1].id] {
		return false
	}
	for j := q.start - 1; j >= 0 && j >= q.start-8 && !w[j+1].sb; j-- {
		if na.makeSure[w[j].id] {
			return false
		}
	}
	return true
}
