package classify

// Ask shapes: where a typed code goes (into this call or chat, or the
// listener's own app), what a code's description may trail before a ready
// frame, and who offers what ("do you want me to read it to you" is the
// speaker's offer). Found by the ask grammar (ask_grammar_test.go) and the
// holdout32/spot29 round (EVAL.md).

// askingWords holds the compiled words of the ask shapes.
type askingWords struct {
	callPlace map[int32]bool // "tone", "beep", "chat": a code keyed or typed after them goes into this call or chat
	keyVerb   map[int32]bool // "key", "punch": keying in is done on a keypad
	descr     map[int32]bool // "that", "we", "just", "through": words of a code's delivery clause
	sendVerb  map[int32]bool // "text", "send", "message": a verb that sends a thing back
	wantMe    map[int32]bool // "want", "like", "need": "do you want me to read it to you" offers
	shall     map[int32]bool // "shall", "should": "shall I read it out" offers
	still     int32          // "you can still use Apple Pay": the listener's own use goes on
	when      map[int32]bool // "once", "when", "after": a time clause after an app put to use
	noFixed   map[int32]bool // "problem", "worries": "no problem" is no negated subject
}

func newAskingWords(v *vocab) askingWords {
	return askingWords{
		callPlace: v.set("tone", "beep", "chat"),
		keyVerb:   v.set("key", "punch"),
		descr: v.set("that", "which", "we", "i", "just", "through", "to", "your", "the", "in", "on", "you", "by", "via",
			"a", "moment", "ago", "earlier", "minute", "now", "us"),
		sendVerb: v.set("text", "send", "message", "sms", "email", "txt"),
		wantMe:   v.set("want", "like", "need", "wanna"),
		shall:    v.set("shall", "should"),
		still:    v.intern("still"),
		when:     v.set("once", "when", "after", "while", "until"),
		noFixed: knownSet(v, "problem", "problems", "worries", "worry", "rush", "hurry", "pressure", "doubt", "way", "thanks", "sir", "madam",
			"issue", "stress", "time", "point", "need", "longer", "matter", "idea", "charge", "cost", "fuss", "big", "deal", "sweat", "harm", "one"),
	}
}

// keypadVerb reports a typing cue that keys in on a keypad ("key in the
// code we sent now", "punch in the passcode"): the code goes into the call,
// unless a site or app is named after it or the listener keeps it
// ("key in the code on the website", "… yourself").
func (c *Call) keypadVerb(q, o hit) bool {
	return c.d.ask.keyVerb[c.win[q.start].id] && q.end <= o.start && !c.softwareAfter(o) && !c.typedYourself(o)
}

// deliveryTail reports that only a code's delivery clause stands in
// [from, to) between a code and the frame after it: "the code we just
// texted you", "the one that just came through", "the login code in your
// email", "the security code we sent to your mobile" before "ready" or
// "handy". At most seven words, each a delivery word or a joining word;
// no negation, no clause break.
func (c *Call) deliveryTail(from, to int32) bool {
	if to-from > 7 || to <= from {
		return false
	}
	w, cl := c.win, c.d.class
	for j := from; j < to; j++ {
		if j > from && w[j].sb || cl[w[j].id]&(wNeg|wFarNeg) != 0 {
			return false
		}
		if cl[w[j].id]&(wSent|wDeliver) == 0 && !c.d.ask.descr[w[j].id] {
			return false
		}
	}
	return !w[to].sb
}

// toSpeaker reports "to this number", "to me" or "to us" after a texted
// object, at most seven words on in its sentence, past a tail of the
// object's own ("text the six digit code on your phone to this number"):
// the thing goes to the speaker, as "text it back to me" (backToMe). "We'll
// text the code to your phone" delivers it.
func (c *Call) toSpeaker(end int32) bool {
	w := c.win
	for j := end; j+1 < int32(len(w)) && j < end+7 && !w[j].sb; j++ {
		if w[j].id == c.d.idTo && !w[j+1].sb {
			if n := w[j+1].id; n == c.d.idThis || n == c.d.idMe || n == c.d.idUs {
				return true
			}
		}
	}
	return false
}

// sendBackOnly reports that every delivery word near a PIN is the verb
// or the channel of sending it back ("text your pin to this number", "send
// me your pin", "pop your pin into a text back to me"): "text", "send",
// "message" before a determiner, "me", "us", "it", or before "back". Then "your pin" is the card's PIN, not one
// delivered; "the pin we texted you" keeps its delivery.
func (c *Call) sendBackOnly(o hit) bool {
	w, cl := c.win, c.d.class
	lo, hi := max(0, o.start-sentReach), min(int32(len(w)), o.end+sentReach)
	for j := lo; j < hi; j++ {
		if cl[w[j].id]&wDeliver == 0 {
			continue
		}
		if !c.d.ask.sendVerb[w[j].id] || j+1 >= int32(len(w)) {
			return false
		}
		n := w[j+1].id
		if !(cl[n]&(wDet|wToMe) != 0 || n == c.d.idBack || n == c.d.idIt) {
			return false
		}
	}
	return true
}

// cueOpensBetween reports a phrase that asks nothing ("please call",
// "please note") between cue q and object o: "… to confirm. Please call the
// number on the back of your card", "… to confirm please call the number
// …": the object is the new clause's, not the old cue's. An asking cue
// between ("What's the email address? And the password you use?") leaves
// the elliptical reading as it was.
func (c *Call) cueOpensBetween(q, o hit) bool {
	for j := q.end; j < o.start && j < int32(len(c.win)); j++ {
		for _, h := range c.hitsIn(j, j+1) {
			if h.group == gCue && h.start == j && h.end <= o.start && h.attr == 0 {
				return true
			}
		}
	}
	return false
}

// typedInto reports a weak site or app named as where a thing is typed:
// "key in the code on our website", "type it into the site", a typing cue
// at most eight words before in the sentence and "on", "in" or "into"
// with at most a determiner before the site. The listener types into a
// site they use; no software is put on.
func (c *Call) typedInto(o hit) bool {
	w := c.win
	j := o.start - 1
	if j >= 0 && c.d.class[w[j].id]&wDet != 0 {
		j--
	}
	if j < 0 || w[j+1].sb || !(w[j].id == c.d.idInto || w[j].id == c.d.idIn || w[j].id == c.d.idOn) {
		return false
	}
	for _, q := range c.hitsIn(j-8-maxPhrase, j) {
		if q.group == gCue && q.attr&cueNoCode != 0 && q.end <= j && j-q.end <= 8 && !c.sentBetween(q.start, j) {
			return true
		}
	}
	return false
}

// speakerOffers reports a cue the speaker offers to do themselves: "do you
// want me to read the code to you", "would you like me to give you remote
// access", "shall I read it out", "should we send it now". The speaker
// does the act; nothing is asked of the listener. "I need you to read it"
// has "you to", not "me to", and still asks.
func (c *Call) speakerOffers(q hit) bool {
	w, cl, a := c.win, c.d.class, &c.d.ask
	j := q.start - 1
	if j >= 0 && !w[j+1].sb && w[j].id == c.d.idJust {
		j--
	}
	if j < 1 || w[j+1].sb || w[j].sb {
		return false
	}
	if cl[w[j].id]&wIWe != 0 && a.shall[w[j-1].id] {
		return true // "shall I read it out"
	}
	return w[j].id == c.d.idTo && w[j-1].id == c.d.idMe && j >= 2 && !w[j-1].sb && a.wantMe[w[j-2].id]
}

// stillUsed reports a payment app the listener goes on using, told as a
// permission: "you can still use Apple Pay once the new card is added",
// "you can still use PayPal as normal". "Still" before the use, and a
// time clause or the end of the sentence after the app: no payee, no
// amount. "You can still use Zelle to send the fee" has a purpose after it
// and is judged as before.
func (c *Call) stillUsed(o hit) bool {
	w, t := c.win, &c.d.tell
	if !t.use[w[o.start].id] || o.start == 0 || w[o.start].sb || w[o.start-1].id != c.d.ask.still {
		return false
	}
	e := o.end
	return e >= int32(len(w)) || w[e].sb || c.d.ask.when[w[e].id]
}

// noSubject reports a cue whose subject is negated by "no" ("no real
// agency accepts gift cards", "no bank will ask for your PIN"): "no" opens
// the clause (or follows a word that is no preposition, in a text without
// punctuation), one to three words name the subject, the last a known noun,
// none of them a set phrase of "no" ("no problem", "no worries", "no rush", "in no
// time", "no point waiting"). An imperative after those ("no worries buy
// the cards now", "we'll have it sorted in no time, just read me the
// code") still asks.
func (c *Call) noSubject(pos int32) bool {
	w, cl := c.win, c.d.class
	if p := pos - 3; p > 0 && w[pos-1].id == c.d.idTo && cl[w[pos-2].id]&wYou != 0 && cl[w[p].id]&wAskVerb != 0 && !w[pos-2].sb && !w[pos-1].sb && !w[pos].sb {
		pos = p // "no bank will ask you to move your money": the asking verb's subject
	}
	for j := pos - 1; j >= 0 && j >= pos-4; j-- {
		if w[j+1].sb && j+1 < pos {
			return false
		}
		if w[j].id == c.d.idEver && j > 0 && !w[j].sb {
			continue // "no bank will ever ask you to buy gift cards"
		}
		if w[j].id == c.d.idNo {
			last := pos - 1
			if w[last].id == c.d.idEver {
				last--
			}
			if cl[w[last].id]&wModal != 0 {
				last--
			}
			if last <= j || w[last].id == idUnknown {
				return false
			}
			for k := j + 1; k <= last; k++ {
				if c.d.ask.noFixed[w[k].id] {
					return false
				}
			}
			return w[j].sb || j == 0 || cl[w[j-1].id]&wOf == 0 // not "with no real agency"
		}
		if k := cl[w[j].id]; k&(wYou|wIWe|wNeg|wFarNeg|wAck) != 0 || k&(wSkip|wVerbish) != 0 && k&wModal == 0 {
			return false
		}
	}
	return false
}

// knownSet is v.set for words only looked up, never added: a word no rule
// knows stays unknown, so the misheard and fuzzy readings of the
// recogniser's text ("cost code" for "sort code") are left as they were.
func knownSet(v *vocab, words ...string) map[int32]bool {
	m := make(map[int32]bool, len(words))
	for _, w := range words {
		if id, ok := v.ids[w]; ok {
			m[id] = true
		}
	}
	return m
}
