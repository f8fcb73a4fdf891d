package classify

import "strings"

// Reached asks: what the agent a key press or a call back reaches "will
// confirm / need / ask for" is asked, payments go to a payee the caller
// names ("transfer it to him"), and "share scream" is a misheard "share
// screen". (EVAL.md, "Recall round after holdout34".)

// reachedWords holds the compiled words of the reached asks.
type reachedWords struct {
	agent  map[int32]bool // "advisor", "specialist", "case worker": staff a robocall puts the listener through to
	relAux map[int32]bool // "will", "can", "going", "just": what may stand between "who" and its asking verb
	modal  map[int32]bool // "will", "can", "going", "need": a task to come
	reach  map[int32]bool // "press", "dial": a key pressed to reach the agent
	put    map[int32]bool // "connected", "transferred": put through to the agent
	call   map[int32]bool // "call", "ring": a call back to reach the agent
	person map[int32]bool // "him", "her", "his": a person payee by pronoun
	payee  map[int32]bool // "landlord", "lawyer": a person the caller names as the one to pay
	p2p    map[int32]bool // "zelle", "venmo", "cash" (app): a person-to-person payment app
	cash   int32
	upon   map[int32]bool // "once", "when", "soon": payment first, then the goods
	goods  map[int32]bool // "ship", "book", "deliver": the seller's side of the deal
	iWe    map[int32]bool
	third  map[int32]bool // "his", "her", "their": a third person's, not the speaker's
	det    map[int32]bool // "a", "our": before a role word no rule names ("a handler")
	who    int32
	when   int32
}

func newReachedWords(v *vocab) reachedWords {
	return reachedWords{
		// Singular forms only: a plural is looked up as its singular ("agents"), and an interned
		// plural would no longer match the rules that name the singular.
		agent: v.set("agent", "advisor", "adviser", "specialist", "technician", "tech", "worker", "officer",
			"representative", "operator", "engineer", "expert", "investigator", "member", "analyst"),
		relAux: knownSet(v, "will", "would", "can", "could", "going", "to", "need", "needs", "be", "able", "also",
			"then", "just", "quickly", "simply", "is", "are"),
		modal:  knownSet(v, "will", "would", "can", "could", "going", "need", "needs"),
		reach:  knownSet(v, "press", "dial", "select"),
		put:    knownSet(v, "connected", "transferred", "put"),
		call:   knownSet(v, "call", "ring", "phone"),
		person: knownSet(v, "him", "her", "them", "his", "their"),
		payee:  knownSet(v, "landlord", "landlady", "lawyer", "solicitor", "attorney", "bondsman", "vendor", "supplier"),
		p2p:    knownSet(v, "zelle", "zell", "venmo", "cash", "cashapp"),
		cash:   v.ids["cash"],
		upon:   knownSet(v, "once", "when", "soon", "after"),
		goods:  v.set("ship", "book", "deliver", "dispatch", "post", "release", "fly"),
		iWe:    knownSet(v, "i", "we"),
		third:  knownSet(v, "his", "her", "their"),
		det:    knownSet(v, "a", "an", "our", "the"),
		who:    v.ids["who"],
		when:   v.ids["when"],
	}
}

// agentReached reports a cue at pos whose subject is the relative "who"
// at j, standing for an agent the listener reaches by a key press or a
// call back named just before: "press 1 to be connected to a case worker,
// who will confirm your National Insurance number"; "call us back and
// you'll speak to a technician who will need your password". The agent is
// the caller's side, so what it will confirm or take is asked of the
// listener, as "our technician will need your password" is. Only a task to
// come ("will", "can", "is going to") and only an agent noun right before
// "who" (or a word no rule names, after "a", "an", "our" or "the": "a
// case worker"); the reach lies in the same sentence or the one before, at most
// agentReach words back. A negation was judged before (addressed: "an
// advisor who will never ask for your PIN"), and a relative with no reach
// ("our advisors, who will confirm your card number when you visit the
// branch") is left as before.
func (c *Call) agentReached(j, pos int32) bool {
	w, r := c.win, c.d.rw
	if w[j].id != r.who || j == 0 || pos-j > 5 {
		return false
	}
	if !r.agent[w[j-1].id] && !(w[j-1].id == idUnknown && j >= 2 && r.det[w[j-2].id]) {
		return false // not an agent, nor a role word no rule names after "a" or "our" ("a handler", "our claims handlers")
	}
	aux := false
	for k := j + 1; k < pos; k++ {
		if w[k].sb || !r.relAux[w[k].id] {
			return false
		}
		aux = aux || r.modal[w[k].id]
	}
	if !aux {
		return false // "an advisor who confirms your card number": what the advisor does, no task to come
	}
	sents := 0
	for k := j - 2; k >= 0 && k >= j-agentReach; k-- {
		id := w[k].id
		switch {
		case r.reach[id] && k+1 < j && w[k+1].digits > 0:
			return true // "press 1", "dial 2"
		case r.put[id]:
			return true // "you'll be connected to an advisor who …"
		case r.call[id] && k+1 < j && (w[k+1].id == c.d.idBack || w[k+1].id == c.d.idUs && k+2 < j && w[k+2].id == c.d.idBack):
			return true // "call back", "call us back"
		case r.call[id] && k >= 2 && w[k-1].id == c.d.idYou && w[k-2].id == r.when:
			return true // "when you call"
		}
		if w[k].sb {
			if sents++; sents > 1 {
				return false
			}
		}
	}
	return false
}

// agentReach is how many words back from the relative "who" a key press
// or a call back is looked for (agentReached).
const agentReach = 24

// payeeBefore reports whether the pronoun payee o names a person ("to
// him", "over to her", "into his account"), and if so whether a person the caller names as
// the one to pay stands in reach before it (havenReach words): "I'm
// supposed to pay my rent today and the landlord's chasing me. Could you
// transfer 1,850 to him directly?". The pronoun is as weak as the payee
// it stands for ("to my landlord"): a family caller's rent counts with the
// call's pressure. "Give it to him" with no payee named is nothing.
func (c *Call) payeeBefore(o hit) (person, ok bool) {
	w, r := c.win, c.d.rw
	for j := o.start; j < o.end; j++ {
		if r.person[w[j].id] {
			person = true
		}
	}
	if !person {
		return false, false
	}
	for j := o.start - 1; j >= 0 && j >= o.start-havenReach; j-- {
		if r.payee[w[j].id] {
			return true, true
		}
	}
	return true, false
}

// goodsOnPayment reports a weak payment by a person-to-person app ("send
// the payment through Cash App", "the deposit by Zelle") that releases a
// seller's goods once it arrives: "… and once it comes in we'll book the
// flight", "as soon as it clears I'll ship the car". Payment first to an
// app with no buyer protection, for goods or a pet not yet seen, is the
// online seller's scam; a family member's "can you Venmo me" (no goods to
// release) stays weak. The app is named in the object or within four
// words of it; "once", "when", "as soon as" or "after" follows within
// releaseReach words in the same sentence (one the recogniser's clause
// starts may cut at "once" or "we"), then "I" or "we" and a seller's
// verb (ship, book, deliver, dispatch, post, release) within six
// words of it.
func (c *Call) goodsOnPayment(o hit) bool {
	w, r := c.win, c.d.rw
	n := int32(len(w))
	app := false
	for j := max(0, o.start-4); j < min(n, o.end+4) && !app; j++ {
		app = r.p2p[w[j].id] && (w[j].id != r.cash || j+1 < n && w[j+1].id == c.d.idApp)
	}
	if !app {
		return false
	}
	for j := o.end; j < n && j < o.end+releaseReach; j++ {
		if w[j].sb && j > o.end+3 && !r.upon[w[j].id] {
			return false // a new sentence; unpunctuated text marks one at "and once" and may at "we" (below)
		}
		if !r.upon[w[j].id] {
			continue
		}
		subj := false
		for k := j + 1; k < n && k <= j+6; k++ {
			if r.iWe[w[k].id] || w[k].id == c.d.idWell { // "well book the flight": "we'll" without its apostrophe
				subj = true
			} else if subj && r.goods[w[k].id] {
				return true
			}
		}
	}
	return false
}

// releaseReach is how far after a payment app's object the time clause that
// releases the goods is looked for (goodsOnPayment).
const releaseReach = 16

// thirdsToMe reports an object owned by a third person ("his", "her",
// "their") that is to go to the speaker: "can you get me his username and
// password?" (a child's game account, asked of the parent), "read me her
// card number". "me" or "us" stands straight before the possessive, after
// a verb; "I'll text you his sort code" hands the payee's to the listener
// and stays the speaker's side's.
func (c *Call) thirdsToMe(o hit) bool {
	w := c.win
	p := o.start - 1
	return p >= 2 && c.d.rw.third[w[p].id] && !w[p].sb && !w[p-1].sb && c.d.class[w[p-1].id]&wToMe != 0 &&
		c.d.class[w[p-2].id]&(wMine|wToMe|wYou|wIWe|wNeg) == 0
}

// thirdAsked reports a third person's secret asked of the listener by a
// caller speaking for an organisation: "do you happen to know her login?"
// (a line manager asked for an employee's), "I just need his Medicare
// number off his card" (a son or daughter asked for a father's). The
// asking cue stands right before the possessive, in its sentence, and is
// addressed as usual. A relative's "do you know dad's netflix password" is
// no organisation's and stays the speaker's side's.
func (c *Call) thirdAsked(o hit) bool {
	w := c.win
	p := o.start - 1
	if p < 1 || !c.d.rw.third[w[p].id] || w[p].sb || c.family || !c.organisation() {
		return false
	}
	for _, q := range c.hitsIn(p-1-maxPhrase, p) {
		if q.group == gCue && q.attr&cueInfo != 0 && q.attr&cueBack == 0 && q.end == p && !c.sentBetween(q.start, p) {
			return c.addressed(q.start, q.attr)
		}
	}
	return false
}

// organisation reports a caller who has claimed to speak for a company or
// an authority (an impersonation signal).
func (c *Call) organisation() bool {
	for _, s := range c.signals {
		if strings.HasPrefix(s, "impersonation:") {
			return true
		}
	}
	return false
}
