package classify

// Ask shapes found by the ask grammar (ask_grammar_test.go) and the blind
// pair holdout32/spot29 (see EVAL.md, "Blind, 2026-11-26 (third session):
// holdout32 and spot29", Round): where a typed code goes, what a code's
// description may trail before its frame, and who offers what.

// askingWords holds the compiled words of the ask shapes.
type askingWords struct {
	callPlace map[int32]bool // "tone", "beep", "chat": a code keyed or typed after them goes into this call or chat
	keyVerb   map[int32]bool // "key", "punch": keying in is done on a keypad
	descr     map[int32]bool // "that", "we", "just", "through": words of a code's delivery clause
	on        int32
	sendVerb  map[int32]bool // "text", "send", "message": a verb that sends a thing back
}

func newAskingWords(v *vocab) askingWords {
	return askingWords{
		callPlace: v.set("tone", "beep", "chat"),
		keyVerb:   v.set("key", "punch"),
		descr: v.set("that", "which", "we", "i", "just", "through", "to", "your", "the", "in", "on", "you", "by", "via",
			"a", "moment", "ago", "earlier", "minute", "now", "us"),
		on:       v.intern("on"),
		sendVerb: v.set("text", "send", "message", "sms", "email", "txt"),
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
		if w[j].id == c.d.tell.to && !w[j+1].sb {
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
		if !(cl[n]&(wDet|wToMe) != 0 || n == c.d.idBack || n == c.d.tell.it) {
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
	if j < 0 || w[j+1].sb || !(w[j].id == c.d.idInto || w[j].id == c.d.idIn || w[j].id == c.d.ask.on) {
		return false
	}
	for _, q := range c.hitsIn(j-8-maxPhrase, j) {
		if q.group == gCue && q.attr&cueNoCode != 0 && q.end <= j && j-q.end <= 8 && !c.sentBetween(q.start, j) {
			return true
		}
	}
	return false
}
