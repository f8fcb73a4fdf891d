package classify

import (
	"slices"
	"sort"
	"strings"

	"github.com/callscreen/callscreen/bus"
)

// Call is the state of one call: flags raised, signals seen and the tail
// of the transcript that a request split across segments needs. It is not
// safe for concurrent use.
type Call struct {
	d           *Detector
	seen        map[uint64]struct{}
	ctx         []token // last tokens of earlier final non-callee segments
	ctxAt       []int64 // each context token's call position (abs): callee lines lie between them
	prevText    string  // the last such segment, for evidence that spans two
	prevFrom    float64
	flagged     [numCats]bool
	cats        []int
	flags       []bus.Flag
	signals     []string
	weights     []float64
	pending     [numCats]*bus.Flag // weak requests waiting for pressure
	pressure    bool
	pressStrong bool          // pressure that counts in a call the listener placed (inboundPressure)
	strongNow   bool          // likewise, the current segment included
	pendStrong  [numCats]bool // a pending request of such a call: released only by strong pressure
	pressNow    bool          // pressure in the call so far, the current segment included
	urged       bool          // pressure other than a company's name (threat, urgency, family emergency…): usualWay needs none
	needAt      int64         // call position just after the callee's "what do you need?"
	inbound     bool          // the callee rang the caller: "thank you for calling", "Harbour View Hotel, how can I help?"
	calledMe    bool          // the callee said the caller rang: "you called me"
	ownGift     bool          // the caller asked about a gift card they bought: "the gift card I bought" (ownPurchase)
	family      bool          // the caller greeted a relative: "hi mom"
	survey      bool          // the call is a survey or poll: its weak identity asks count (see refSurvey)

	// The last told story of another call in an earlier final segment,
	// in call positions [storyFrom, storyTo): cues of that segment judged
	// again later stay reported after its opener left the context.
	storyFrom, storyTo int64
	quoteFrom, quoteTo int64    // the last told story's quoted words, likewise ("he said, and I quote, …")
	negFrom, negTo     int64    // the last far negation's reach, likewise ("nobody from our team will ever ask you to read …")
	negCues            [8]int64 // call positions of the last cues negated as items of a list (negatedInfinitive, negatedAsk), likewise
	negN               int
	callStory          bool  // a told story opened with the call itself ("the call I had"): its third party may be quoted
	bankingAt          int64 // call position of the latest "online banking", -1 before any

	// The last final segment, on track openTrack, was cut mid-clause by
	// its length (cutMidClause): a long unpunctuated line split by
	// ParseTranscript, or a recogniser's utterance cut at its length
	// limit. The next segment of the same track goes on that clause (see
	// Add).
	open      bool
	openTrack string
	goesOn    bool // the current segment goes on the last one's clause: an object just before the cut is judged again with it (tailCut)

	// Call-level referents (refRules): token positions counted over the
	// whole call, both sides, of the latest delivery and the latest named
	// object, and that object's category.
	tokBase int64
	delivAt int64
	objAt   int64
	objCat  int
	objNew  bool // the latest object is a secret being set: "a new password", typed into the listener's own boxes

	tk   tokenizer
	win  []token
	hits []hit
	nCtx int32 // where the current segment starts in win
}

// NewCall starts the state for one call.
// abs is the call position of window token j: a context token keeps the
// position it had in its own segment (callee lines since then count too),
// and the current segment's tokens follow tokBase. Far negations, stories
// and quotes are marked by call position, so a cue judged again in the
// context still finds them.
func (c *Call) abs(j int32) int64 {
	if j < c.nCtx && int(j) < len(c.ctxAt) {
		return c.ctxAt[j]
	}
	return c.tokBase + int64(j-c.nCtx)
}

func (d *Detector) NewCall() *Call {
	return &Call{d: d, seen: map[uint64]struct{}{}, tk: tokenizer{d: d}, delivAt: -refReach - 1, objAt: -refReach - 1, objCat: catNone, needAt: -1, bankingAt: -refReach - 1}
}

// Add feeds one segment, final or partial, and returns the flags it newly
// raised; each category is raised at most once per call. A partial is
// judged with the call's earlier final segments but not kept; a final
// whose Seq was already seen is ignored, so redelivery is harmless.
func (c *Call) Add(seg bus.Segment) []bus.Flag {
	if _, dup := c.seen[seg.Seq]; dup {
		return nil // a redelivered final, or a partial that arrived after its final
	}
	if seg.Final {
		c.seen[seg.Seq] = struct{}{}
	}
	// A segment that goes on the same speaker's clause, cut mid-clause
	// ("we will never ask | you to move your money", "i just need you to |
	// confirm the email"), is tokenized after the context as if no
	// boundary were there: its first word starts no sentence unless the
	// unpunctuated clause-start rules say so, looking back into the
	// context, so a negation or an ask before the cut reaches past it.
	goesOn := c.open && seg.Track == c.openTrack && seg.Track != bus.TrackCallee && len(c.ctx) > 0
	if seg.Final {
		c.open, c.openTrack = cutMidClause(seg.Text), seg.Track
	}
	c.goesOn = goesOn
	var cur []token
	if goesOn {
		c.tk.out = append(c.tk.out[:0], c.ctx...)
		c.tk.runOn(seg.Text)
		copy(c.ctx, c.tk.out[:len(c.ctx)]) // a clause start the rules put on the context's last words
		cur = c.tk.out[len(c.ctx):]
	} else {
		c.tk.out = c.tk.out[:0]
		c.tk.run(seg.Text)
		cur = c.tk.out
	}
	if seg.Track == bus.TrackCallee {
		c.callee(seg, cur)
		if seg.Final {
			// The callee's "there's a message" or "my pin?" names a referent too.
			c.hits = c.d.match(c.hits[:0], cur)
			for _, h := range c.hits {
				if h.group == gRef && h.cat == refDialled && c.tokBase < 60 {
					c.inbound = true // the callee rang a business: "I'm calling to book a flight"
				}
				if h.group == gRef && h.cat == refCalledMe {
					c.inbound, c.calledMe = false, true // "hang on, you called me"
				}
				if h.group == gRef && h.cat == refBanking {
					c.bankingAt = c.tokBase + int64(h.start) // "my online banking is locked"
				}
				if h.group == gRef && h.cat == refFoundOnline && !c.hasSignal(sigFoundOnline) {
					// A helpline found by search is how fake support lines are reached: its
					// ordinary asks ("read me the code") count as in a call that rang the listener.
					c.signal(sigFoundOnline, weightFoundOnline)
					c.pressure, c.pressStrong = true, true
					c.releasePending(true)
				}
				if h.group == gRef && h.cat == refNeedQ {
					c.needAt = c.tokBase + int64(len(cur)) // "what do you need?": the caller's next line answers it
				}
			}
			c.win = append(c.win[:0], cur...)
			c.notice(0, true)
			c.tokBase += int64(len(cur))
		}
		return nil
	}
	nCtx := int32(len(c.ctx))
	c.nCtx = nCtx
	c.win = append(append(c.win[:0], c.ctx...), cur...)
	c.hits = c.d.match(c.hits[:0], c.win)
	before := len(c.flags)

	// Signals first: pressure in this segment makes its weak requests count.
	// A company's name is no pressure when the callee rang it ("thank you
	// for calling Microsoft support"); threats and urgency still are.
	if c.tokBase == 0 && nCtx == 0 && len(cur) > 0 && c.d.kin[cur[0].id] && (vocative(seg.Text) || c.vocativeUnmarked(cur)) {
		c.family = true // a relative addressed by the call's first word, alone: "Mum, the laptop logged me out"
	}
	for _, h := range c.hits {
		if h.end > nCtx && h.group == gRef && (h.cat == refInbound || h.cat == refGreet && c.abs(h.start) < greetReach) && !c.calledMe && !c.hasSignal("press_1_menu") {
			c.inbound = true // not after a recording's "press 1 to speak to an agent": the recording rang the listener
		}
		if h.end > nCtx && h.group == gRef && h.cat == refCalledMe {
			c.inbound, c.calledMe = false, true
		}
		if h.end > nCtx && h.group == gRef && h.cat == refFamily {
			c.family = true
		}
		if h.end > nCtx && h.group == gRef && h.cat == refSurvey {
			c.survey = true
		}
		if h.end > nCtx && h.group == gRef && h.cat == refBanking && seg.Final {
			c.bankingAt = c.abs(h.start)
		}
	}
	pressured := c.pressure
	strong := c.pressStrong // in a call the listener placed, pressure its ordinary asks need (inboundPressure)
	for _, h := range c.hits {
		if h.end <= nCtx {
			continue
		}
		switch h.group {
		case gSig:
			if c.insideGift(h) {
				continue // "Amazon vouchers for his birthday": a brand on a card is no claim to be the company
			}
			r := &c.d.signals[h.sig]
			if inboundPressure[r.name] {
				strong = true // counts whoever dialled
			}
			if !(c.inbound && strings.HasPrefix(r.name, "impersonation:")) && !(r.name == "press_1_menu" && c.menuToPay()) {
				pressured = true
				if seg.Final && !strings.HasPrefix(r.name, "impersonation:") {
					c.urged = true
				}
			}
			if seg.Final {
				c.signal(r.name, r.weight)
			}
		case gSoft:
			if seg.Final && c.cueBefore(h) {
				c.signal(c.d.soft[h.sig], weightAsks)
			}
		}
	}
	if seg.Final && pressured && !c.pressure {
		c.pressure = true
		c.releasePending(false)
	}
	if seg.Final && strong && !c.pressStrong {
		c.pressStrong = true
		c.releasePending(true)
	}
	for _, o := range c.hits {
		if o.group != gObj && o.group != gStand || o.cat == catNone {
			continue
		}
		cat, weak, from, ok := c.judge(o)
		if !ok || c.flagged[cat] {
			continue
		}
		if c.survey && cat == catID && o.attr&objPartial != 0 && !c.inbound {
			weak = false // "doing the survey … could you confirm the last four digits of your social": a bank or doctor checks its file with those; a survey has none
		}
		need, inWeak := pressured, false
		if c.inbound && (inboundWeak(cat) || cat == catRemote && c.screenOnly(o)) {
			weak, need, inWeak = true, strong, true // an agent the callee rang verifies the account: "can I get the account pin"
		}
		if c.family && (cat == catCred || cat == catBank || cat == catRemote) {
			weak = true // "hi aunt sue, what's your email password": a household's shared login; "hi mum, get on your computer": family help
		}
		if cat == catRemote && weak && !inWeak && !c.family && c.namedTool(o) {
			weak = false // "install the app I'm texting you, it's called RustDesk": the app is the tool named
		}
		if cat == catCred && c.homePassword(o) {
			continue // "you changed the wifi? … and the password?": the network's, a household thing
		}
		if cat == catGift && (c.ownGift || c.ownPurchase(o)) {
			weak = true // "the gift card I bought yesterday … read me the code": the speaker's own card
			c.ownGift = c.ownGift || seg.Final
		}
		credToo := o.attr&objCredToo != 0
		if cat == catCred && c.bankLogin(o) {
			cat, credToo = catBank, true // "this is TD online banking … i need your user name and password"
		}
		also := -1
		switch {
		case cat == catBank && credToo:
			also = catCred // a bank's login ("net banking user ID") is both
		case cat == catCred && o.attr&objIDToo != 0 && c.hasSignal(sigAsksDOB):
			also = catID // "confirm your date of birth and your mother's maiden name": identity proof
		}
		spans := min(from, o.start) < nCtx
		for i, k := range [2]int{cat, also} {
			if i == 1 && k < 0 || c.flagged[k] {
				continue
			}
			if weak && !need {
				if seg.Final && c.pending[k] == nil {
					f := c.evidence(seg, spans)
					c.pending[k] = &f
					c.pendStrong[k] = inWeak
					c.signal(sigPossible+categories[k], weightPossible)
				}
				continue
			}
			c.raise(k, c.evidence(seg, spans))
		}
	}
	c.pressNow, c.strongNow = pressured, strong
	c.references(seg, nCtx)
	c.keywords(seg, nCtx)
	if seg.Final {
		c.markStory()
		keep := c.win
		if len(keep) > ctxTokens {
			keep = keep[len(keep)-ctxTokens:]
		}
		first := int32(len(c.win) - len(keep))
		var at [ctxTokens]int64 // read from the old ctxAt before it is overwritten
		for i := range keep {
			at[i] = c.abs(first + int32(i))
		}
		c.ctxAt = append(c.ctxAt[:0], at[:len(keep)]...)
		c.tokBase += int64(len(cur))
		c.ctx = append(c.ctx[:0], keep...)
		if len(cur) > 0 {
			c.prevText, c.prevFrom = seg.Text, seg.Start
		}
	}
	if len(c.flags) == before {
		return nil
	}
	return append([]bus.Flag(nil), c.flags[before:]...)
}

// cutMidClause reports whether a segment's text was cut by its length in
// the middle of a clause: it is long (cutLen bytes or more, near maxLine,
// where ParseTranscript cuts a line with no sentence end) and ends in a
// letter or digit, not a stop, question or exclamation mark, colon,
// quote or redaction label. A shorter segment ending so is taken to end
// at a pause, as a recogniser's utterance or a dialogue's line does.
func cutMidClause(text string) bool {
	t := strings.TrimRight(text, " \t\r\n")
	if len(t) < cutLen {
		return false
	}
	c := t[len(t)-1]
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// tailCut is how many words before a mid-clause cut an object may end
// and be judged again with the segment after the cut, whose words may
// finish its clause ("text your pin | to this number"). Objects further
// back were judged with their clause whole; judged again, they would lose
// the negation or story opener that has left the context since.
const tailCut = 3

// cutLen is the length from which an unpunctuated segment end is taken
// for a cut by length (cutMidClause): ParseTranscript cuts such a line at
// the last space before maxLine.
const cutLen = maxLine * 3 / 4

// judge decides whether object o is asked for: which category, whether
// the request is weak (needs pressure elsewhere), where the request
// begins, and whether it is a request at all.
func (c *Call) judge(o hit) (cat int, weak bool, from int32, ok bool) {
	return c.judgeDepth(o, 0)
}

// maxChain bounds how many list items back a request is looked for
// ("the card number, expiry, the three digits and the pin").
const maxChain = 4

func (c *Call) judgeDepth(o hit, depth int) (cat int, weak bool, from int32, ok bool) {
	w := c.win
	cat, from = int(o.cat), o.start
	if cat == catRemote && !c.pressure && c.sharedWithGroup(o) {
		return cat, false, from, false // "share your screen with the team": the listener presents to a group
	}
	if cat == catPay && c.restOf(o) {
		return cat, false, from, false // "go on, the rest of it": the rest of the number being read, not money
	}
	if cat == catPay && c.directDeposit(o) {
		return cat, false, from, false // "update your direct deposit in Workday": pay coming in
	}
	if cat == catPay && c.repaying(o.start, o.end) {
		return cat, false, from, false // "I wanted to pay you back the two hundred": the speaker pays the listener
	}
	if cat == catRemote && c.presenting(o) {
		return cat, false, from, false // "share your screen and walk us through the deck": the listener presents to a meeting
	}
	if o.group == gStand {
		if depth == 0 && o.end <= c.nCtx {
			return cat, false, from, false // judged in its own segment, with the frame around it ("people … asking residents to withdraw cash")
		}
		weak = o.attr&objWeak != 0 && !(o.attr&objByCaller != 0 && c.byCaller(o.start))
		if cat == catPay && c.doneByListener(o) {
			return cat, false, from, false // "confirm that the wire transfer you initiated at the branch … was sent": the listener's own, done
		}
		if cat == catPay && c.paidToListener(o) {
			return cat, weak, from, false // "we need to wire it directly into your bank"
		}
		if cat == catPay && (c.ownUse(o) || c.stillUsed(o)) {
			return cat, false, from, false // "we always use PayPal for the cleaner": the speaker's habit
		}
		if o.attr&objAccessFor != 0 {
			s, ok := c.softwareBefore(o)
			if !ok || !c.accessAct(o.end) {
				return cat, weak, from, false // "send me the wifi code so I can log in": no software, no way in
			}
			return cat, false, min(from, s), c.addressed(o.start, cueSelf) && c.addressed(s, cueSelf)
		}
		if cat == catPay && c.speakerPays(o) {
			return cat, false, from, false // "let me know and I'll do a bank transfer instead": the speaker pays
		}
		return cat, weak, from, c.addressed(o.start, cueSelf)
	}
	lifted := false // a weak object that its surroundings make strong
	if o.attr&objHavenRef != 0 {
		if person, ok := c.payeeBefore(o); person {
			if !ok {
				return cat, false, from, false // "give it to him": no payee named to stand for
			}
		} else if !c.havenBefore(o) {
			return cat, false, from, false // "go to it", "add money to it": no payee to stand for
		} else {
			lifted = true // a pronoun payee standing for a safe account named just before: as strong as that account
		}
	}
	if o.attr&objGiftAmb != 0 && c.near(o, giftReach, func(h hit) bool { return h.group == gObj && h.cat == catGift }) {
		cat = catGift
	}
	if o.attr&objRemoteAmb != 0 && c.near(o, giftReach, func(h hit) bool {
		return (h.group == gObj || h.group == gStand) && h.cat == catRemote && h.attr&objWeak == 0 && !c.presenting(h)
	}) {
		cat = catRemote // "download TeamViewer and give me your ID"; not a screen shared to present ("… I want to walk through the numbers")
	}
	if o.attr&objListAmb != 0 {
		if p, ok := c.listBefore(o); ok && p.cat == catID {
			cat = catID // "the drivers license number and the expiration on it"
		} else if oc, ok := c.owner(o); ok && oc == catID {
			cat = catID // "the expiry date on your passport"
		}
	}
	if cat == catBank && o.attr&objGiftAmb != 0 {
		if oc, ok := c.owner(o); ok && oc == catID {
			cat = catID // "the card number on the back of the licence"
		} else if p, ok := c.listBefore(o); ok && p.cat == catID && !ok2(c.owner(o)) {
			cat = catID // "your driver's licence number and the card number on the back": the licence's card number
		}
	}
	if cat <= catID && o.start > 0 && c.d.class[w[o.start-1].id]&wMine != 0 && !c.thirdsToMe(o) && !c.thirdAsked(o) {
		return 0, false, from, false // "my password": the speaker's own
	}
	if o.attr&objGiftAmb != 0 && cat != catGift && c.giftReferent(o) {
		cat = catGift // "text me the codes" a few lines after "five iTunes cards"
	}
	owned := false
	if cat == catCode && o.attr&(objSent|objDeliver) != 0 {
		// "the numbers at the bottom of your checks", "the digits on the card":
		// an owner named in the same sentence beats a remembered delivery.
		if oc, ok := c.owner(o); ok {
			if oc == catNone {
				return cat, false, from, false
			}
			cat, owned = oc, true
		}
	}
	if o.attr&objBackOnly != 0 && c.near(o, 0, func(q hit) bool { return q.group == gCue && q.start == o.start && q.end > o.end }) {
		return cat, false, from, false // "text me the codes": a verb, not the text
	}
	if cat == catCode && c.supplied(o) && c.sessionSite(o) {
		cat = catRemote // "go to rsupport.com and enter the six digit code I give you": a support session's code
	} else if cat <= catID && c.supplied(o) {
		return cat, false, from, false // "put in the number I give you": the caller's, not the listener's
	}
	if o.attr&objSentCode != 0 && (c.sentNear(o) || c.deliveredBefore(o)) {
		cat = catCode // "a one-time passcode has been sent … enter the passcode"
	}
	if o.attr&objDeliverCode != 0 && cat == catBank && !c.heldPin(o) && (c.deliverNear(o) && !c.sendBackOnly(o) || c.deliveredBefore(o)) && !c.ownedBy(o, catBank) && !c.listedAfter(o, catBank) {
		cat = catCode // "the pin we texted you"
	}
	if o.attr&(objDeliver|objSent) != 0 && cat == catCode && c.near(o, 0, func(h hit) bool {
		return h.group == gObj && h.end == o.start && h.cat != catCode && h.cat != catNone
	}) {
		return cat, false, from, false // "your medicare id number": the head of the ID, not a delivered number
	}
	if o.attr&(objDeliver|objSent) != 0 && cat == catCode && c.formatOf(o) {
		return cat, false, from, false // "your national insurance number two letters six numbers": its format
	}
	if o.attr&objDeliver != 0 && cat == catCode && c.contactNumber(o) {
		return cat, false, from, false // "just text me on this number and we'll find another day": a line to reach
	}
	if o.attr&objDeliver != 0 && cat == catCode && c.payeeNumber(o) {
		return cat, false, from, false // "Zelle, to my husband's number": where the money goes
	}
	if o.attr&objDeliver != 0 && cat == catCode && c.lineRung(o) {
		return cat, false, from, false // "call us back on the number in the app": a line rung, not a code
	}
	if o.attr&objDeliver != 0 && cat == catCode && !c.deliverNear(o) {
		return cat, false, from, false // "what is the number" alone asks for nothing secret
	}
	if o.attr&objAmount != 0 && c.near(o, giftReach, func(h hit) bool { return h.group == gObj && h.cat == catGift }) {
		return cat, false, from, false // "buy 500 dollars in iTunes cards": the gift card request covers it
	}
	if cat >= catBank && cat <= catID && o.end < int32(len(w)) && c.d.class[w[o.end].id]&wHead != 0 {
		return cat, false, from, false // "verify your drivers license renewal": a modifier, not the thing asked for
	}
	if cat == catRemote && o.attr&objWeak != 0 && c.typedInto(o) {
		return cat, false, from, false // "key in the code on our website": where it is typed, no software put on
	}
	if cat == catRemote && o.attr&objWeak != 0 && c.formApplication(o) {
		return cat, false, from, false // "help us get the application going": a mortgage application, not software
	}
	if cat == catRemote && o.attr&objWeak != 0 && c.resetLink(o) {
		return cat, false, from, false // "I've sent a reset link to your email … just follow the link and pick a new one"
	}
	if cat == catRemote && o.attr&objWeak != 0 && c.browsedSite(o) {
		return cat, false, from, false // "visit our website to see your options": a site looked at
	}
	if cat == catRemote && o.attr&objWeak != 0 && c.ownApp(o) {
		return cat, false, from, false // "open your Chase app": the listener's own app, not software to install
	}
	if cat == catBank && c.ownRecord(o) {
		return cat, false, from, false // "the account number from the top of your bill"
	}
	if cat <= catID && (c.termNamed(o) || c.definedAs(o)) {
		return cat, false, from, false // "it's asking for something called a CVV. What is that?": a term explained
	}
	if (cat == catID || cat == catBank || cat == catGift) && c.bringYourself(o) {
		return cat, false, from, false // "just bring yourself and the gift card": carried along in person
	}
	if (cat == catID || cat == catBank) && (c.inPerson(o) || c.carriedTo(o)) {
		return cat, false, from, false // "please bring your passport, or your residence permit, in person": shown at a desk, not said
	}
	if cat == catPay && c.doneByListener(o) {
		return cat, false, from, false // "confirm that the wire transfer you initiated at the branch … was sent": the listener's own, done
	}
	if cat == catPay && c.paidToListener(o) {
		return cat, false, from, false // "to deposit the money into your account we need your routing number": money coming in
	}
	done := int32(-1)
	if cat == catPay {
		done = c.completedPassive(o)
	}
	if cat == catRemote && o.attr&objWeak != 0 && c.boughtOn(o) {
		return cat, false, from, false // "buy USDT on crypto dot com": a site bought on, no software put on
	}
	if cat == catPay && o.attr&objWeak != 0 && c.goodsOnPayment(o) {
		lifted = true // "send the payment through Cash App and once it comes in we'll book the flight": a seller paid first by app
	}
	if cat == catRemote && o.attr&objWeak != 0 && c.sharedIntoCall(o) {
		lifted = true // "start a whatsapp video call with me and tap share screen": the screen goes to the caller
	}
	sent := o.attr&objSent == 0 || c.sentNear(o) || cat == catGift || cat == catRemote || owned || cat == catCode && c.deliveredBefore(o)
	found := false
	for _, q := range c.hitsIn(o.start-frontGap-maxPhrase, o.end+backGap) {
		if q.group != gCue || !compatible(cat, q.attr) && !(cat == catCode && q.attr&cueNoCode != 0 && (c.keyedIn(q, o) || c.keypadVerb(q, o))) || cat == catPay && q.attr&cueBuy != 0 && o.attr&objWeak != 0 {
			continue // "a purchase of 500 dollars" is not buying anything
		}
		if depth == 0 && o.end <= c.nCtx && q.end <= c.nCtx && !(c.goesOn && o.end+tailCut >= c.nCtx) && o.attr&(objSent|objDeliver) == 0 && !(cat == catCode && q.attr&cueNoCode != 0 && c.keyAfter(o) >= c.nCtx) {
			continue // both in earlier segments: judged there, with more context (unless the key to press came only now)
		}
		if c.unbidden(q) || c.toldNotAsked(q) || c.promptAsks(q) || c.pastQuestion(q) || c.handedToListener(q) || c.ownErrand(q) || c.pleaseOpens(q) || c.speakerOffers(q) || c.relativeWhich(q) || c.withContents(q) || c.gotFact(q) || c.walkThroughSelf(q) || c.needMet(q) {
			continue // "we need you to know that your passport …", "it's asking for a code", "did you send me …": news, a prompt, the past
		}
		if c.seeDocument(q, cat) {
			continue // "our compliance team need to see photo ID": a document shown, not read out
		}
		if q.start >= o.end && c.factConfirmed(q) {
			continue // "… a wire transfer of $2,000. I just wanted to confirm it went through": a fact confirmed
		}
		if cat == catPay && q.end <= o.start && c.listenerDeed(o) >= 0 && q.start > c.listenerDeed(o) {
			continue // "you requested a wire transfer of $2,000 to your sister": the listener's own payment, told back
		}
		if cat == catPay && q.attr&cueBuy == 0 && c.payerOnFile(q) {
			continue // "the tax office will pay it to the account they already have on file": paid in, by its payer
		}
		if cat == catPay && c.repaying(q.start, q.end+3) {
			continue // "I'll pay you back by PayPal": the speaker's own payment to the listener
		}
		if cat == catCode && c.menuRepeat(q, o) {
			continue // "press one to repeat your code": the call repeats it
		}
		if cat == catPay && !c.urged && c.usualWay(q) {
			continue // "you can pay through your online account as usual": the listener's own habit, nothing new asked
		}
		if q.end-q.start == 2 && w[q.start].id == c.d.idText && w[q.start+1].id != c.d.idMe && w[q.start+1].id != c.d.idUs && q.end <= o.start && !c.backToMe(o.end) && !c.toSpeaker(o.end) {
			continue // "we'll text the code to your phone": a delivery; "text that code back to me" returns it
		}
		if done >= 0 && q.start < done {
			continue // "your wire transfer of $4,500 … was completed": news of a payment made, asked by no cue before its verb
		}
		if q.end-q.start == 1 && q.attr&(cueGiftPay|cueSelf|cueBack) == 0 && q.start > 0 && !w[q.start].sb && c.d.class[w[q.start-1].id]&wDet != 0 && q.end <= o.start && !c.sentBetween(q.start, o.start) &&
			!(q.end == o.start && (w[q.start-1].id == c.d.idThis || w[q.start-1].id == c.d.idThat)) {
			// "I'll send you the deposit by PayPal": after "the", "deposit" is a noun, no imperative, and the
			// means in its own sentence only describes it. A payment named so and asked for in the next
			// sentence keeps the old reading: "they won't treat me without a deposit. Can you Western Union …".
			// "This" or "that" straight before a verb whose object follows it ends a clause as a pronoun: "to
			// resolve this, purchase Google Play cards" (the comma is lost).
			continue
		}
		if cat == catPay && q.end <= o.start && c.classBetween(q.end, o.start, wStop) {
			continue // "put a block on those two payments"
		}
		if o.attr&objAmount != 0 && q.end-q.start == 1 && w[q.start].id == c.d.idWorth {
			continue // "an order worth $497 has been charged": what it is worth, not what to pay
		}
		if (cat == catRemote || cat == catPay) && o.attr&objWeak != 0 && c.appNamed(o) && q.end <= o.start && c.d.class[w[q.start].id]&wOpen != 0 {
			continue // "to track your package, open the Amazon app": an app opened is one the listener has; getting or putting one on asks
		}
		if (q.attr&cueNoCode != 0 || c.d.na.checkVerb[w[q.start].id]) && q.end <= o.start && c.typedYourself(o) {
			continue // "you'll type the new password yourself, I won't see it", "check your bank details are right in there yourself": the listener keeps it
		}
		if cat == catRemote && o.attr&objWeak != 0 && c.photoCue(q) {
			continue // "I'll leave it there and take a photo for the app": a picture taken, no software put on
		}
		if !sent && q.attr&cueRead == 0 {
			continue // "what is the code" may be the gate's; "read me the code" is not
		}
		if o.attr&objBackOnly != 0 && q.attr&cueBack == 0 {
			continue // "send me a text" asks for no code
		}
		if q.attr&(cueRead|cueWeak|cueBack) == cueRead|cueWeak|cueBack && (cat != catCode || c.messageItself(o)) {
			continue // "have the log in code we text you ready to read to the agent": not the "log in" inside it, nor "the tracking number from your text message"
		}
		if q.attr&cueReask != 0 && !c.reasked(o) {
			continue // "a photo ID will do when you pick it up" is no re-ask
		}
		if q.attr&cueLead != 0 && (cat > catID && !(cat == catGift && o.attr&objGiftAmb != 0) || !c.leads(q.start) || q.attr&cueShort != 0 && !c.endsClause(o.end)) {
			continue
		}
		if q.attr&cueCallback != 0 && !c.framedBy(q.start, c.d.idBack, true) ||
			q.attr&cueOnlyWay != 0 && (cat != catPay && cat != catGift || !c.framedBy(q.start, c.d.idWay, false) && !(cat == catPay && c.bestWayToPay(q, o))) {
			continue // "with your password" after "call me back on 442"; "is" after "the only way" to pay
		}
		if q.attr&cueAfterOnly != 0 && c.d.class[w[q.start].id]&wVerbish != 0 && c.policy(o, q) {
			continue // "a password is required to log in", "your password is needed whenever you sign in"
		}
		switch {
		case q.attr&cueAfterOnly != 0:
			if q.start != o.end && !(q.attr&cueWeak != 0 && (c.tail(o.end, q.start) || c.listUpTo(o, q) || cat == catCode && c.deliveryTail(o.end, q.start))) || o.attr&objWeak != 0 || c.win[q.start].sb { // "…bank details. / Will do."
				continue // "have the code from your authenticator app ready": a ready frame after a short tail
			}
		case q.start < o.start && (o.start-q.end <= frontGap || o.start-q.end <= frontGap+2 && c.usedClause(q.end, o.start)): // may overlap: "read me the code" + "code we sent"
			if c.breakBetween(q.end, c.subjectless(q, o)) || c.classBetween(q.end, o.start, wNeg) || c.cueOpensBetween(q, o) {
				continue // "repeat 739104 do not share this code": the negation starts a clause of its own
			}
			if cat >= catBank && cat <= catID && c.activityOn(q.end, o.start) {
				continue // "confirm some recent activity on your credit card": the card is where, not what
			}
		case q.end < o.start && cat <= catID && c.listGoverned(o, q):
			// "I need your Social Security number, plus your bank's routing
			// number and your account number": the frame governs the list.
		case q.attr&cueBack != 0 && q.start >= o.end && q.start-o.end <= backGap:
			if cat <= catID && c.handedBefore(o.start) {
				continue // "I will give you the sort code and account number now, please transfer it": handed to the listener
			}
			if c.toYours(q.end) {
				continue // "you'll get a verification code by text, give it to your new provider"
			}
			if c.thirdDeed(o) {
				continue // "she bought all those gift cards. What was it, $3,000?": a deed told, asked about
			}
		default:
			continue
		}
		if !c.addressed(q.start, q.attr) {
			continue
		}
		from = min(from, q.start)
		if (o.attr&objWeak == 0 || lifted) && (q.attr&cueWeak == 0 || c.readyForCallBack(q, o, cat) || readyToHandOver(q, cat)) && !(cat == catGift && q.attr&cueBuy != 0 && !c.counted(o)) {
			return cat, false, from, true
		}
		if cat == catPay && q.attr&cueBuy == 0 && c.near(o, giftReach, func(h hit) bool {
			return h.group == gObj && h.cat == catPay && h.attr&objWeak == 0 && c.sameSentence(h.start, o.start) || h.start < o.start && h.group == gObj && h.cat == catPay && h.attr&objWeak == 0 && o.start-h.end <= giftReach
		}) {
			return cat, false, from, true // "there's a Bitcoin ATM on the corner. Feed the cash in"
		}
		found = true
	}
	if !found && depth == 0 && o.attr&objPurpose != 0 && cat == catBank && c.purposeAsk(o) {
		return cat, false, from, true // "to issue your refund by the the three digit security code on the back of your card"
	}
	if !found && depth == 0 && o.attr&objPurpose != 0 && cat == catID && c.bareCopy(o) {
		return cat, true, from, true // "to set up payroll [send us] a photo of your passport": weak, pressure decides
	}
	if !found && depth == 0 && o.attr&objPurpose != 0 && cat == catPay && done < 0 && c.bareDestination(o) {
		return cat, false, from, true // "the rent is late [send it] with cash app to my new account today"
	}
	if !found && depth == 0 && cat == catPay && o.attr&objWeak == 0 && o.end > c.nCtx {
		if q, ok := c.farPayVerb(o); ok {
			return cat, false, min(from, q), true // "transfer all the funds in your bank account to the RBI verification account I will give you"
		}
	}
	if !found && depth == 0 && o.attr&objPurpose != 0 && cat == catBank && c.bareAsk(o) {
		return cat, true, from, true // "please call back and [read] the sixteen digits on the front of your card": weak, pressure decides
	}
	if !found && depth == 0 && cat == catCode && o.attr&(objWeak|objSent|objDeliver|objBackOnly) == 0 && c.pressedCode(o) {
		return cat, false, from, true // "press one now and [enter →] entered the verification code we just sent"
	}
	if !found && depth == 0 && cat <= catID && o.attr&(objWeak|objSent|objDeliver|objBackOnly) == 0 && c.bareList(o) {
		return cat, false, from, true // "Your FSA ID, your date of birth, and your social."
	}
	if !found && depth == 0 && cat <= catID && o.attr&(objWeak|objSent|objDeliver|objBackOnly) == 0 && c.needAt == c.tokBase && c.listFrom(o, c.nCtx, true) && !c.verbAfter(o.end) {
		// Callee: "What do you need?" Caller: "Your full legal name, your
		// Social Security number for the W-4, and …": the answer asks.
		return cat, false, from, true
	}
	if !found && sent && depth < maxChain && cat <= catID && (o.attr&(objWeak|objDeliver|objBackOnly) == 0 || owned) {
		// A list item inherits the request of the item before it: "can you
		// give me the log in for your amazon account, the email and the password".
		// Not an item left in the context whose chain reaches back to a
		// clause cut by the window's start: judged again, it lost the
		// negation that began the list ("please don't email or read out your
		// social security number or bank details", once "don't email" left
		// the window; judged in its own segment it was whole).
		if p, ok := c.listBefore(o); ok {
			if _, pw, pf, pok := c.judgeDepth(p, depth+1); pok && !pw && !(depth == 0 && o.end <= c.nCtx && !(c.goesOn && o.end+tailCut >= c.nCtx) && c.clauseCut(pf)) {
				return cat, false, min(from, pf), true
			}
		}
	}
	return cat, true, from, found
}

// phoneDigits is how many digits a number right before "with your" must
// hold to be a number left for a call back; a redaction label counts as 4.
const phoneDigits = 4

// numberBefore returns the digits of the run of number tokens ending just
// before pos, when "at" or "on" stands at most three words before the run
// in its sentence ("reach us at 888 …", "at that age [NUMBER]"), else 0:
// a number the listener is to ring, not a card "ending in 4421", an
// "account 5567" or a "check for 2000".
func (c *Call) numberBefore(pos int32) int32 {
	w := c.win
	n, j := int32(0), pos-1
	for ; j >= 0 && w[j].digits > 0; j-- {
		n += w[j].digits
		if w[j].sb {
			return 0
		}
	}
	for i := j; i >= 0 && i >= j-3; i-- {
		if w[i].id == c.d.idAt || w[i].id == c.d.idOn {
			return n
		}
		if w[i].sb {
			break
		}
	}
	return 0
}

// purposeReach bounds how far before a closely described object a purpose
// clause ("to issue your refund") may start.
const purposeReach = 12

// purposeAsk reports a closely described object (a card's security code
// by its length and place) with no request wording of its own, after a
// purpose clause of the caller's, "to <verb> your …", in its sentence: the
// recogniser lost the verb between ("to issue your refund by the the three
// digit security code on the back of your card" for "read me the"). Not
// when a negation or a reporting verb stands between, when the object has
// a verb of its own after it ("… on the back of your card is never
// needed"), when a subject of its own stands between ("to verify your
// identity we use the three digit code …"), or when it is not addressed
// to the listener.
func (c *Call) purposeAsk(o hit) bool {
	w, cl := c.win, c.d.class
	found := false
	for j := o.start - 1; j >= 0 && j >= o.start-purposeReach; j-- {
		k := cl[w[j].id]
		if k&(wNeg|wFarNeg|wReport|wYou|wOther|wPerfect) != 0 {
			return false // "to keep your card safe we have moved the three digit code …": a clause of its own
		}
		if w[j].id == c.d.idTo && j+3 < o.start && (w[j+2].id == c.d.idYour || w[j+3].id == c.d.idYour) {
			found = true
			break
		}
		if w[j].sb {
			return false
		}
	}
	if !found {
		return false
	}
	for j := o.end; j < int32(len(w)) && j < o.end+6 && !w[j].sb; j++ { // past an owner's tail: "of your card is never needed"
		k := cl[w[j].id]
		if k&wClause != 0 {
			break
		}
		if k&(wVerbish|wNeg) != 0 {
			return false // "… on the back of your card is never needed"
		}
	}
	return c.addressed(o.start, cueInfo)
}

// bareAsk reports a closely described secret of the listener's card (a
// purpose object: "the three digit security code on the back", "the
// sixteen digits on the front", right before "of your card") with no
// request wording before it at all: the recogniser lost the verb ("please
// call back and [read] the sixteen digits on the front of your card",
// "visa security, [to] issue your refund [we] need the three digit security
// code on the back of your card"). The caller rarely names these without
// asking, but banks name them in warnings and instructions, so the ask is
// weak (it counts only with pressure or impersonation in the call) and
// not taken when: a front cue stands within purposeReach before it (a cue
// had its chance and was judged: "you'll be asked for"); a negation, report,
// another subject, "you" or "my" stands before it in its sentence ("we
// will never ask for", "scammers want"); a verb of the listener's own
// handling or of its own stands just before it ("keep", "find", "enter",
// "has"); a verb of its own follows ("… of your card is never needed");
// or the clause goes on after "of your card" with anything but a new
// clause, a list, a purpose or a time ("so we can…", "and the expiry",
// "to verify", "today"), or a delivery word is near.
func (c *Call) bareAsk(o hit) bool {
	w, cl := c.win, c.d.class
	if o.end+2 >= int32(len(w)) || w[o.end].id != c.d.idOf || w[o.end+1].id != c.d.idYour || cl[w[o.end+2].id]&wOwnBank == 0 {
		return false // only the listener's card: "… of your card"
	}
	return c.bareBefore(o, catBank, false) && c.bareAfter(o.end+3) && !c.sentNear(o) && c.addressed(o.start, cueInfo)
}

// bareCopy reports a picture or copy of the listener's identity document
// ("a photo of your passport", "a copy of your driver's license") with no
// request wording before it in its clause: the recogniser lost "send us"
// ("to set up payroll, [send us] a photo of your passport and your social
// security number"). Nobody names one except to ask for it or to warn, so
// it is weak (pressure decides) and has the same exclusions as bareAsk,
// with a purpose clause ("to set up payroll") opening the ask like "please".
func (c *Call) bareCopy(o hit) bool {
	return c.bareBefore(o, catID, true) && c.bareAfter(o.end) && c.addressed(o.start, cueInfo)
}

// bareBefore reports that nothing before a bare object o in its clause
// tells rather than asks: no front cue of cat in its clause (at most
// purposeReach words back) that was judged and not taken (framed cues such as "is" after its
// object, a lead "please", "please call" are no verdict on it); no negation, report,
// another subject, "you" or "my" back to the clause start (a sentence
// break or "please", or with toOpens a purpose "to"); and no verb of the
// listener's own handling, tense or stopping in the three words before it
// ("keep the …", "find the …", "has a …", "received the …").
func (c *Call) bareBefore(o hit, cat int, toOpens bool) bool {
	w, cl := c.win, c.d.class
	from := max(o.start-purposeReach, 0)
	for j := o.start - 1; j >= from; j-- {
		k := cl[w[j].id]
		if k&(wNeg|wFarNeg|wReport|wOther|wYou|wMine) != 0 || j >= o.start-3 && k&(wHandle|wOpen|wPerfect|wVerbish|wStop|wDeliver) != 0 {
			return false
		}
		if w[j].sb || w[j].id == c.d.idPlease || toOpens && w[j].id == c.d.idTo {
			from = j // "please" opens the ask: what came before is another clause
			break
		}
	}
	for _, q := range c.hitsIn(from, o.start) {
		if q.group == gCue && compatible(cat, q.attr) && q.attr&(cueAfterOnly|cueLead|cueOnlyWay|cueCallback|cueReask) == 0 {
			return false
		}
	}
	return true
}

// bareAfter reports that the clause of a bare object ends at e or goes on
// with a new clause, a list, a purpose or a time ("so we can…", "and the
// expiry", "to verify", "today"), not with a verb of its own ("… of your
// card protects online purchases", "… and your pin are private").
func (c *Call) bareAfter(e int32) bool {
	w, cl := c.win, c.d.class
	if e < int32(len(w)) && !w[e].sb && cl[w[e].id]&(wClause|wCoord|wBreak|wFrameEnd|wModal) == 0 && !c.d.bareNext[w[e].id] {
		return false
	}
	for j := e; j < int32(len(w)) && j < e+5 && !w[j].sb; j++ {
		k := cl[w[j].id]
		if k&wClause != 0 {
			break
		}
		if k&(wVerbish|wNeg) != 0 {
			return false
		}
	}
	return true
}

// bareDestination reports the speaker's new account named as where money
// goes ("to my new account"), with the request verb lost by the recogniser
// between a money word and it: "the rent is late, [send it] with cash app to
// my new account today". The money word (cash, money, dollars, Zelle, …) must
// stand at most frontGap words before it in its clause, with nothing between
// that gives the clause a subject, tense or negation of its own ("I moved
// my cash to my new account", "the deposit went to my new account"), and
// the clause must end after it or go on with a time, purpose or new clause
// ("today", "so", "before") rather than a verb ("… to my new account
// bounced"). Not after a front cue that was judged and not taken.
func (c *Call) bareDestination(o hit) bool {
	w, cl := c.win, c.d.class
	if e := o.end; e < int32(len(w)) && !w[e].sb && cl[w[e].id]&(wClause|wBreak|wFrameEnd|wModal) == 0 && !c.d.bareNext[w[e].id] {
		return false
	}
	for _, q := range c.hitsIn(o.start-purposeReach, o.start) {
		if q.group == gCue && compatible(catPay, q.attr) && q.attr&(cueAfterOnly|cueLead|cueOnlyWay|cueCallback|cueReask) == 0 {
			return false // framed cues ("is" after "the only way") are no verdict on it
		}
	}
	const told = wNeg | wFarNeg | wReport | wOther | wYou | wPast | wPerfect | wVerbish | wMine
	for j := o.start - 1; j >= 0 && j >= o.start-frontGap && !w[j+1].sb; j-- {
		k := cl[w[j].id]
		if k&(wMoney|wPayVerb) != 0 {
			for i := j - 1; i >= 0 && i >= j-3 && !w[i+1].sb; i-- {
				if cl[w[i].id]&(told&^(wPast|wVerbish)) != 0 {
					return false // "i moved my cash to my new account"
				}
			}
			return c.addressed(o.start, cueAct)
		}
		if k&told != 0 {
			return false // "the deposit went to my new account"
		}
	}
	return false
}

// farPayVerb finds the payment verb of a strong payee introduced by "to",
// "into" or "onto" (the payee may hold it, or have up to two words after
// it: "to the RBI verification account") further back in its sentence
// than frontGap, at most frameReach words before the "to": "transfer all
// the funds in your bank account to the RBI verification account I will
// give you". The words between may name what is paid and where it is
// now, the listener's own account included, which is the source, not the
// payee; a negation, a new clause ("we", "because", "if"), a stop verb
// ("block") or another payment verb nearer the payee ends the search,
// and the verb found must be addressed to the listener. It returns the
// verb's start.
func (c *Call) farPayVerb(o hit) (int32, bool) {
	w, cl := c.win, c.d.class
	to := int32(-1)
	for j := o.start; j >= 0 && j >= o.start-3; j-- {
		if id := w[j].id; id == c.d.idTo || id == c.d.idInto || id == c.d.idOnto {
			to = j
			break
		}
		if j < o.start && (w[j+1].sb || cl[w[j].id]&(wBreak|wNeg|wYou|wMine) != 0) {
			break // "to your safe account" is paidToListener's to judge; "to me, safe account" is no payee phrase
		}
	}
	if to < 0 {
		return 0, false
	}
	best := int32(-1)
	var attr uint16
	for _, q := range c.hitsIn(to-frameReach-maxPhrase, to) {
		if q.group != gCue || q.end > to || q.start < to-frameReach || !compatible(catPay, q.attr) || q.attr&(cueBuy|cueAfterOnly|cueLead|cueOnlyWay|cueCallback|cueReask) != 0 {
			continue
		}
		if q.start > best {
			best, attr = q.start, q.attr
		}
	}
	if best < 0 || to-best <= frontGap || c.sentBetween(best, o.start) {
		return 0, false // near verbs are judgeDepth's own
	}
	for j := best + 1; j < to; j++ {
		if cl[w[j].id]&(wBreak|wNeg|wFarNeg|wStop) != 0 {
			return 0, false // "transfer the funds you see in your account when we call you back to a safe account"
		}
	}
	return best, c.addressed(best, attr)
}

// wayAskReach bounds how far, in tokens, after a means named as the best
// way to pay the ask to send it may come; nowReach, how far after that ask
// its "now" may come.
const (
	wayAskReach = 16
	nowReach    = 6
)

// bestWayToPay reports a payment means o named as the best way to pay or
// give ("the fastest way to help right now is Cash App", "the easiest way
// to pay is Zelle") by the cue q, "is" after "fastest / easiest / best
// way to pay / help / donate / give / send" in q's sentence, and then
// asked for now by a payment verb addressed to the listener at most
// wayAskReach words after it: "… our tag is dollar sign HurricaneHelpNow.
// Can you send it while we're on the phone". Unlike "the only way is", a
// best way alone is advice ("the easiest way to pay is online"), and so is
// one to use later ("you can send it whenever suits you").
func (c *Call) bestWayToPay(q, o hit) bool {
	w := c.win
	way := false
	for j := q.start - 1; j > 0 && j >= q.start-callReach && !w[j+1].sb; j-- {
		if w[j].id == c.d.idWay && c.d.best[w[j-1].id] && j+2 < q.start && w[j+1].id == c.d.idTo && c.d.giveTo[w[j+2].id] {
			way = true
			break
		}
	}
	if !way {
		return false
	}
	for _, a := range c.hitsIn(o.end, o.end+wayAskReach) {
		if a.group == gCue && a.attr&cueAct != 0 && a.start >= o.end && c.d.class[w[a.start].id]&wPayVerb != 0 && c.nowIn(a) && c.addressed(a.start, a.attr) {
			return true
		}
	}
	return false
}

// nowIn reports the ask q tied to the present in its sentence: "now",
// "today", "tonight", "immediately", or an urgency phrase ("while we're on
// the phone", "right away") after the ask, at most nowReach words on: "can
// you send it this week when you get a chance, the children are in urgent
// need" asks for no payment now.
func (c *Call) nowIn(q hit) bool {
	w := c.win
	for j := q.end; j < int32(len(w)) && j < q.end+nowReach && !w[j].sb; j++ {
		if c.d.asap[w[j].id] {
			return true
		}
	}
	for _, h := range c.hitsIn(q.end, q.end+nowReach) {
		if h.group == gSig && c.d.signals[h.sig].name == "urgency" && !c.sentBetween(q.start, h.start) {
			return true
		}
	}
	return false
}

// videoReach bounds how far, in tokens, a video call may be named from a
// screen share it receives.
const videoReach = 20

// sharedIntoCall reports a weak screen-share object ("share screen", "the
// share screen button", "your whole screen"; not "share my screen") with
// a video call named at most videoReach words before or after it: "just
// start a whatsapp video call with me and tap share screen". Shared into a
// call, the screen goes to whoever is on it, as "share your screen" asks.
func (c *Call) sharedIntoCall(o hit) bool {
	screen := false
	for j := o.start; j < o.end; j++ {
		switch c.win[j].id {
		case c.d.idMy:
			return false // "let me share my screen": the speaker's
		case c.d.idScreen, c.d.idDesktop:
			screen = true
		}
	}
	return screen && c.near(o, videoReach, func(h hit) bool { return h.group == gRef && h.cat == refVideo })
}

// softwareReach bounds how far before an access purpose (objAccessFor)
// the software it is for may be named.
const softwareReach = 12

// softwareBefore finds, earlier in o's sentence and at most softwareReach
// words before it, the software an access purpose is for: a remote-access
// object, even a weak one ("a screen share", "the app"), or an install or
// download cue ("download a program"). It returns where that begins.
func (c *Call) softwareBefore(o hit) (int32, bool) {
	for _, h := range c.hitsIn(o.start-softwareReach-maxPhrase, o.start) {
		if h.end > o.start || o.start-h.end > softwareReach || c.sentBetween(h.start, o.start) {
			continue
		}
		if h.group == gObj && h.cat == catRemote || h.group == gCue && h.attr&cueSoftware != 0 {
			return h.start, true
		}
	}
	return 0, false
}

// maxAct is the most words an access act (accessActs) has.
const maxAct = 3

// accessAct reports an access act (accessActs) starting at j: "log in",
// "see your computer".
func (c *Call) accessAct(j int32) bool {
	w := c.win
next:
	for _, a := range c.d.accessActs {
		if int(j)+len(a) > len(w) {
			continue
		}
		for k, id := range a {
			if w[int(j)+k].id != id {
				continue next
			}
		}
		return true
	}
	return false
}

// havenReach bounds how far back, in tokens, a pronoun payee ("to it")
// looks for the account it stands for: about two sentences.
const havenReach = 24

// havenBefore reports a strong payment object naming an account, a wallet
// or another place for money ("a new secure account", "the safe wallet",
// "our escrow account", "a protected vault") ending at most havenReach
// tokens before the pronoun payee o: "for your safety we've set up a new
// secure account in your name. You need to move your balance to it today"
// moves the money to that account. Strong payment means ("bitcoin", "wire
// transfer") are no place for "it".
func (c *Call) havenBefore(o hit) bool {
	for _, h := range c.hitsIn(o.start-havenReach-maxPhrase, o.start) {
		if h.group != gObj || h.cat != catPay || h.attr&(objWeak|objHavenRef) != 0 || h.end > o.start || o.start-h.end > havenReach {
			continue
		}
		for j := h.start; j < h.end; j++ {
			if c.d.havens[c.win[j].id] {
				return true
			}
		}
	}
	return false
}

// listReach bounds how far back, in tokens, a list a request frame governs
// may start before one of its items.
const listReach = 24

// listGoverned reports that the front cue q governs a list that ends in o:
// between q and o lie only items (other objects, "date of birth", form
// fields such as "full name"), joining words ("and", "plus", "as well as",
// "along with", "your", "the") and short tails of an item ("from your
// current card"), with no verb, subject, negation or other cue of their
// own; and q ends within frontGap of the first item. "State your full
// name, date of birth and your Social Security number"; "read me your
// Medicare number from your current card, and the bank account number".
func (c *Call) listGoverned(o, q hit) bool {
	return c.listFrom(o, q.end, false)
}

// listFrom reports that [from, o.start) holds only list material, with
// the list's first item (o itself when there is no other) within frontGap
// of from: see listGoverned.
// With atStart, from is the start of a segment, which may start a sentence.
func (c *Call) listFrom(o hit, from int32, atStart bool) bool {
	w, cl := c.win, c.d.class
	q := hit{end: from}
	if o.start-q.end > listReach || c.breakBetween(q.end, o.start) || c.sentBetween(q.end, o.start) || !atStart && w[q.end].sb {
		return false
	}
	const stop = wVerbish | wIWe | wYou | wBreak | wNeg | wFarNeg | wReport | wGive | wStop | wPerfect
	first, other := int32(-1), 0
	// A pronoun right after the cue is its object: "write this down, the
	// bank name then the account number" hands what follows.
	ownObject := q.end < o.start && (w[q.end].id == c.d.idThis || w[q.end].id == c.d.idThat || w[q.end].id == c.d.idIt)
	for j := q.end; j < o.start; {
		adv := int32(1)
		for _, h := range c.hitsIn(j-maxPhrase, j+1) {
			if h.end <= j || h.start > j {
				continue
			}
			switch {
			case h.group == gCue && h.attr&(cueLead|cueCallback) == 0 && h.start >= q.end:
				return false // "… and then we will ask for your account number": a frame of its own
			case h.group == gObj && h.cat != catPay || h.group == gSoft:
				if h.end > o.start {
					return false
				}
				if first < 0 {
					first = h.start
				}
				adv = max(adv, h.end-j)
			}
		}
		if adv == 1 {
			k := cl[w[j].id]
			switch {
			case k&stop != 0 || k&wClause != 0 && k&wJoin == 0:
				return false
			case first < 0 && c.d.fieldNoun[w[j].id] && !ownObject:
				first = j // "your full email address and your current password": the field is the first item
			case first >= 0 && k&(wJoin|wCoord|wField|wOf|wFiller|wSkip) == 0:
				if other++; other > 4 {
					return false
				}
			}
		}
		j += adv
	}
	if first < 0 {
		first = o.start
		if first-q.end > frontGap && !atStart && c.garbledItem(q.end, o.start) {
			return true // "please tell me your film main gate of the earth and social security number"
		}
	}
	return first-q.end <= frontGap
}

// garbledReach bounds the words a misheard first item of a list may take.
const garbledReach = 10

// garbledItem reports that [from, to) is a list's first item the
// recogniser garbled, joined to the object at to: it opens with "your"
// right after the request verb, ends in "and" or "plus" just before the
// object (or before its "the" / "your": "… and the answer to your
// security question"), and is short ("please tell me your film main gate of the earth
// and social security number" for "your full name, date of birth and").
// The words between were already checked to hold no verb, subject or
// negation of their own.
func (c *Call) garbledItem(from, to int32) bool {
	w := c.win
	if to-from > garbledReach || to-from < 3 || w[from].id != c.d.idYour {
		return false
	}
	last := w[to-1].id
	if (last == c.d.idYour || last == c.d.idThe) && to-from > 3 {
		last = w[to-2].id // "… and the answer to your security question": the item's article
	}
	return last == c.d.idAnd || last == c.d.idPlus
}

// verbAfter reports a verb or subject of the object's own in the six
// words after end, within its sentence: "your social security number is
// safe with us" is a statement, not an item of a list.
func (c *Call) verbAfter(end int32) bool {
	for j := end; j < int32(len(c.win)) && j < end+6 && !c.win[j].sb; j++ {
		if c.d.class[c.win[j].id]&(wVerbish|wIWe|wYou) != 0 {
			return true
		}
	}
	return false
}

// tail reports a short prepositional tail of an object in [from, to):
// "from your authenticator app", "off your Visa". It starts with "of",
// "from", "on" and holds no verb, subject or negation of its own.
func (c *Call) tail(from, to int32) bool {
	if to-from > 5 || to <= from || c.d.class[c.win[from].id]&wOf == 0 {
		return false
	}
	for j := from; j < to; j++ {
		if j > from && c.win[j].sb || c.d.class[c.win[j].id]&(wVerbish|wIWe|wYou|wBreak|wNeg|wFarNeg) != 0 {
			return false
		}
	}
	return !c.win[to].sb
}

// bareList reports that o's sentence is nothing but a list of at least two
// things asked for, joined by "and", "your", "the" ("Your FSA ID, your
// date of birth, and your social."): a list said on its own is asked for.
func (c *Call) bareList(o hit) bool {
	w := c.win
	n := int32(len(w))
	s := o.start
	for s > 0 && !w[s].sb {
		s--
	}
	e := o.end
	for e < n && !w[e].sb {
		e++
	}
	items, covered := 0, s
	for _, h := range c.hitsIn(s, e) {
		if h.group != gObj && h.group != gSoft || h.start < covered {
			continue
		}
		for j := covered; j < h.start; j++ {
			if !c.listFiller(j) {
				return false
			}
		}
		if h.group == gSoft || h.cat != catNone {
			items++
		}
		covered = h.end
	}
	for j := covered; j < e; j++ {
		if !c.listFiller(j) {
			return false
		}
	}
	return items >= 2
}

// listFiller reports a word a bare list may hold besides its items: joins,
// fillers, and the fields of a form ("your name", "your FSA ID").
func (c *Call) listFiller(j int32) bool {
	id := c.win[j].id
	return id == idUnknown || c.d.class[id]&(wJoin|wSkip|wFiller|wField) != 0
}

// ownApp reports "app" after "your" and at most one name: "your Chase
// app", "your banking app".
func (c *Call) ownApp(o hit) bool {
	if c.win[o.end-1].id != c.d.idApp {
		return false
	}
	for j := o.start - 1; j >= 0 && j >= o.start-2; j-- {
		if c.win[j].id == c.d.idYour {
			return true
		}
	}
	return false
}

// byCaller reports that the act at pos has the caller as its subject:
// "I", "we", or "me", "us" ("let me", "allow us to") in the few words
// before it, within its sentence and before any "you".
func (c *Call) byCaller(pos int32) bool {
	for j := pos - 1; j >= 0 && j >= pos-5 && !c.win[j+1].sb; j-- {
		k := c.d.class[c.win[j].id]
		if k&wYou != 0 {
			return false
		}
		if k&(wIWe|wToMe) != 0 {
			return true
		}
	}
	return false
}

// appNamed reports that o is an app or names one: "the app", "your
// PayPal app".
func (c *Call) appNamed(o hit) bool {
	return c.win[o.end-1].id == c.d.idApp || o.end < int32(len(c.win)) && c.win[o.end].id == c.d.idApp
}

// ownedBy reports that o's owner, named right after it, is of category cat:
// "the pin number on your current card" after "we will send you a new card".
func (c *Call) ownedBy(o hit, cat int) bool {
	oc, ok := c.owner(o)
	return ok && oc == cat
}

// deliveredBefore reports a delivery ("you are going to receive a text") or
// a named verification code earlier in the call, within refReach tokens of
// o and later than any other named object: a bare "the code" or "the
// numbers" then means it, however long the sentence in between.
func (c *Call) deliveredBefore(o hit) bool {
	for _, h := range c.hitsIn(o.start-refReach, o.start) {
		if h.end > o.start {
			continue
		}
		if h.group == gRef && h.cat == refDeliver && !c.moneyDelivery(h) || h.group == gObj && h.cat == catCode && h.attr&(objSent|objBackOnly|objDeliver) == 0 {
			return true
		}
	}
	pos := c.abs(o.start)
	return c.delivAt >= c.objAt && pos-c.delivAt <= refReach || c.objCat == catCode && pos-c.objAt <= refReach
}

// owner finds the thing a bare "number", "numbers" or "digits" belongs to,
// named right after it in the same sentence: "of the account", "at the
// bottom of one of your checks", "on the card", "off your old one" (the
// call's last named object). catNone for a bill.
func (c *Call) owner(o hit) (int, bool) {
	w, cl := c.win, c.d.class
	n := int32(len(w))
	if o.end >= n || cl[w[o.end].id]&wOf == 0 && w[o.end].id != c.d.idBack {
		return 0, false // "back": "the three digit number back side of the card"
	}
	for j := o.end + 1; j < n && j <= o.end+ownerReach; j++ {
		if w[j].sb {
			break
		}
		for _, h := range c.hitsIn(j, j+1) {
			if h.group == gObj && h.cat >= catBank && h.cat <= catID {
				return int(h.cat), true // "the number on your red white and blue card"
			}
		}
		k := cl[w[j].id]
		switch {
		case k&wOwnBank != 0:
			if c.objCat == catID && c.objAt > c.delivAt && c.abs(o.start)-c.objAt <= refReach && c.d.class[w[j].id]&wCardWord != 0 {
				return catID, true // "the number on your current card" after "the new Medicare cards"
			}
			return catBank, true
		case k&wOwnID != 0:
			return catID, true
		case k&wSent != 0:
			return 0, false // "from the message", "on your phone": the code itself
		case k&wRecord != 0:
			return catNone, true
		case w[j].id == c.d.idOne && j > o.end+1 && !(j+1 < n && cl[w[j+1].id]&wOf != 0): // not "one of your checks"
			if c.objCat <= catID && c.objAt > c.delivAt && c.abs(o.start)-c.objAt <= refReach {
				return c.objCat, true
			}
		}
	}
	return 0, false
}

// supplied reports an object the speaker will give the listener: "the
// number I give you", "the code we will tell you".
func (c *Call) supplied(o hit) bool {
	w, cl := c.win, c.d.class
	j := o.end
	if j >= int32(len(w)) || cl[w[j].id]&wIWe == 0 {
		return false
	}
	for j++; j < int32(len(w)) && j <= o.end+3; j++ {
		if cl[w[j].id]&wGive != 0 {
			return true
		}
		if cl[w[j].id]&wSkip == 0 {
			return false
		}
	}
	return false
}

// sessionSite reports a code the caller supplies (o, see supplied) that
// is typed into a site to connect: a code that goes from the caller to
// the listener and joins a support session ("go to rsupport.com and enter
// the six digit code I give you to connect to our engineer"), where a
// verification code goes the other way, from the listener's phone to the
// caller. It needs a website, link or app (the weak "dot com", "the
// website" are enough, or a written address: "rsupport com") in o's
// sentence and "connect" after o in it; a code
// to track a parcel or join a meeting is not a session, and "the code I
// gave you" is one handed over before.
func (c *Call) sessionSite(o hit) bool {
	w := c.win
	n := int32(len(w))
	for j := o.end; j < n && j <= o.end+3; j++ {
		if w[j].id == c.d.idGave {
			return false
		}
	}
	connect := false
	for j := o.end; j < n && j < o.end+sessionReach && !w[j].sb; j++ {
		if id := w[j].id; id == c.d.idConnect[0] || id == c.d.idConnect[1] || id == c.d.idConnect[2] {
			connect = true
			break
		}
	}
	if !connect {
		return false
	}
	for j := o.start - 1; j >= 0 && j >= o.start-giftReach; j-- {
		if w[j].id == c.d.idCom {
			return true // "go to rsupport.com and enter …"
		}
		if w[j].sb {
			break
		}
	}
	return c.near(o, giftReach, func(h hit) bool {
		return (h.group == gObj || h.group == gStand) && h.cat == catRemote && c.sameSentence(h.start, o.start)
	})
}

// sessionReach is how far after a supplied code its "to connect" purpose
// is looked for (sessionSite).
const sessionReach = 12

// giftReferent reports that the call's latest named object, within
// refReach tokens and later than any delivery, is a gift card.
func (c *Call) giftReferent(o hit) bool {
	pos := c.abs(o.start)
	return c.objCat == catGift && c.objAt > c.delivAt && pos-c.objAt <= refReach
}

// ownRecord reports a bill, invoice or letter the object is read from, in
// its sentence a few words on: a merchant or utility the customer called
// identifies the account by it.
//
// A bare account number ("the account number", not a bank's or a card's)
// is the record's too when the record is named earlier in its sentence:
// "grab the bill off the fridge and read me the account number at the
// top". A card or bank account asked after a bill is still asked ("to
// pay your bill, read me your card number").
func (c *Call) ownRecord(o hit) bool {
	for j := o.end; j < int32(len(c.win)) && j < o.end+recordReach; j++ {
		if c.win[j].sb {
			return false
		}
		if c.d.class[c.win[j].id]&wRecord != 0 {
			return true
		}
	}
	if id := c.win[o.start].id; id != c.d.idAcct && id != c.d.idAcct2 {
		return false
	}
	for j := o.start - 1; j >= 0 && j >= o.start-2*recordReach; j-- {
		if c.d.class[c.win[j].id]&wRecord != 0 {
			return true
		}
		if c.win[j].sb {
			return false
		}
		for _, h := range c.hitsIn(j, j+1) {
			if h.group == gObj && h.cat == catBank || h.group == gCue && h.attr&cueGiftPay != 0 {
				return false // "pay your bill with your card, then your account number": a payment's
			}
		}
	}
	return false
}

// classBetween reports a word of class k in [from, to).
func (c *Call) classBetween(from, to int32, k uint64) bool {
	for j := max(from, 0); j < to; j++ {
		if c.d.class[c.win[j].id]&k != 0 {
			return true
		}
	}
	return false
}

// listBefore finds the object just before o in a list: at most three
// joining words ("and", "the", "your") between them.
func (c *Call) listBefore(o hit) (hit, bool) {
	hs := c.hitsIn(o.start-3-maxPhrase, o.start)
	for k := len(hs) - 1; k >= 0; k-- {
		p := hs[k]
		if p.group != gObj || p.end > o.start || p.cat > catID || p.attr&objWeak != 0 {
			continue
		}
		if o.start-p.end > 3 {
			return hit{}, false
		}
		for j := p.end; j < o.start; j++ {
			if c.d.class[c.win[j].id]&wJoin == 0 {
				return hit{}, false
			}
		}
		return p, true
	}
	return hit{}, false
}

// leads reports that only fillers ("okay", "so", "and") come between the
// start of pos's sentence, or an acknowledgement ("thank you", "lovely"),
// and pos: an elliptical follow-up in the middle of a caller's turn ("It's
// marjorie at icloud. Thank you. And the current password on that
// account?") leads its clause as one at the start of a line does.
func (c *Call) leads(pos int32) bool {
	if pos >= 0 && pos < int32(len(c.win)) && c.d.class[c.win[pos].id]&wAck != 0 {
		return true // the cue itself opens with one: "okay and your routing number"
	}
	for j := pos - 1; j >= c.nCtx; j-- {
		if c.win[j+1].sb && j+1 <= pos {
			return true
		}
		k := c.d.class[c.win[j].id]
		if k&wAck != 0 || k&wYou != 0 && j > 0 && c.win[j-1].id == c.d.idThank {
			return true // "lovely, and the sort code", "thank you, and your date of birth"
		}
		if c.win[j].id == idUnknown && j > c.nCtx && !c.win[j].sb && c.acked(j-1) {
			return true // a name after it: "thank you marjorie and the current password"
		}
		if j < 0 || k&wSkip == 0 {
			return false
		}
	}
	return pos >= c.nCtx
}

// acked reports an acknowledgement ending at j: "lovely", "thank you".
func (c *Call) acked(j int32) bool {
	k := c.d.class[c.win[j].id]
	return k&wAck != 0 || k&wYou != 0 && j > 0 && c.win[j-1].id == c.d.idThank
}

// endsClause reports that the object ending at end closes its clause: the
// segment or sentence ends within three words, or a new clause starts
// ("so", "where", "please") after at most a short prepositional tail ("on
// that account"), before any verb of its own ("and the code will expire").
func (c *Call) endsClause(end int32) bool {
	n := int32(len(c.win))
	if n-end <= 3 {
		return true
	}
	j := end
	for ; j < n && j <= end+6; j++ {
		if c.win[j].sb {
			return true
		}
		k := c.d.class[c.win[j].id]
		if k&wClause != 0 {
			return true
		}
		if k&(wVerbish|wIWe|wYou) != 0 {
			return false
		}
	}
	return j >= n
}

// policy reports a passive need ("is required", "is needed") stated as a
// rule rather than asked: the object is indefinite ("a password", "no
// password") or the need is tied to an occasion ("whenever you sign in").
func (c *Call) policy(o, q hit) bool {
	if o.start > 0 && c.d.class[c.win[o.start-1].id]&wIndef != 0 {
		return true
	}
	for j := q.end; j < int32(len(c.win)) && j < q.end+2; j++ {
		if c.win[j].sb {
			return false
		}
		if c.d.class[c.win[j].id]&wOccasion != 0 {
			return true
		}
	}
	return false
}

// framedBy reports the frame word id within callReach tokens before pos,
// in the same sentence unless crossSent: a call-back ("call me back on
// extension 442 with your password") or "the only way … is".
//
// For a call-back, a call word in the same sentence frames it too ("call
// extension 4410 with your password", "return our call with your tax file
// number"), unless the listener is the one called ("we will call you with
// your new PIN") or the call is an automated one ("this is an automated
// call with your login code"). So does a phone number said right before the cue, the
// call-back's own number with its "call us back" misheard ("cause at that
// age [NUMBER] with your bank account number"): a number at least
// phoneDigits long, or a redacted one.
func (c *Call) framedBy(pos int32, id int32, crossSent bool) bool {
	if id == c.d.idBack && c.numberBefore(pos) >= phoneDigits {
		return true
	}
	inSent, you := true, false
	for j := pos - 1; j >= 0 && j >= pos-callReach; j-- {
		if c.win[j].id == id && (id != c.d.idWay || j > 0 && c.win[j-1].id == c.d.idOnly) {
			return true
		}
		k := c.d.class[c.win[j].id]
		if id == c.d.idBack && inSent {
			if k&wCallTo != 0 && !you && !(j > 0 && c.win[j-1].id == c.d.idAutomated) {
				return true // not "an automated call with your login code": the call itself delivers it
			}
			you = you || k&wYou != 0
		}
		if c.win[j].sb {
			if !crossSent {
				return false
			}
			inSent = false
		}
	}
	return false
}

// counted reports a number of cards right before a gift card object:
// "get 3 Razer Gold cards" is an order, not a present.
func (c *Call) counted(o hit) bool {
	if o.start == 0 {
		return false
	}
	t := c.win[o.start-1]
	return t.digits > 0 && t.digits <= 2 && t.id != c.d.idOne
}

func (c *Call) deliverNear(o hit) bool {
	lo, hi := max(0, o.start-sentReach), min(int32(len(c.win)), o.end+sentReach)
	for j := lo; j < hi; j++ {
		if c.d.class[c.win[j].id]&wDeliver != 0 {
			return true
		}
	}
	return false
}

// compatible says whether a cue can ask for a category: disclosure cues
// for information, action cues for gift cards, software and money.
func compatible(cat int, attr uint16) bool {
	if attr&cueSoftware != 0 && cat != catRemote {
		return false
	}
	switch cat {
	case catCode:
		return attr&cueInfo != 0 && attr&cueNoCode == 0
	case catBank, catCred, catID:
		return attr&cueInfo != 0
	case catGift:
		return attr&(cueInfo|cueAct|cueGiftPay) != 0
	case catRemote:
		return attr&(cueAct|cueSelf) != 0 // "we need remote access"
	}
	return attr&cueAct != 0
}

// addressed reports whether the cue starting at pos asks the listener:
// not negated ("never ask", "do not share"), not a question about the
// past ("did you send"), and not said of someone else ("if anyone asks",
// "we will send you").
func (c *Call) addressed(pos int32, attr uint16) bool {
	w, cl := c.win, c.d.class
	if pos < c.nCtx {
		// A cue of an earlier segment, judged again after its "never" or
		// "nobody" has left the context.
		at := c.abs(pos)
		if at > c.negFrom && at < c.negTo || slices.Contains(c.negCues[:min(c.negN, len(c.negCues))], at) {
			return false
		}
	}
	if c.noSubject(pos) {
		return false // "no real agency accepts gift cards", "no bank will ask you to move your money"
	}
	if c.machineSays(pos) {
		return false // "now it'll say it's sent a code to your phone": the screen speaks, not the caller
	}
	lo := pos - farNeg
	if c.ownSubject(pos) {
		lo = pos - 1 // "you will never see her again you send …": the negation is the other clause's
	}
	for j := pos - 1; j >= 0 && j >= lo; j-- {
		if w[j+1].sb && w[j+1].id != c.d.idOr && w[j+1].id != c.d.idNor {
			break // "make sure nobody does the survey twice: what's your social security number?": a new sentence asks afresh ("… never phone you. Or ask for your PIN" does not)
		}
		if cl[w[j].id]&wFarNeg != 0 || w[j].id == c.d.idNo && j+1 < pos && w[j+1].id == c.d.idOne {
			return false // "never", "nobody", "no one"
		}
		if w[j].id == c.d.idEver && !w[j].sb {
			lo = min(lo, j-farNeg) // "nobody from our team will ever ask you to read the numbers": "ever" carries the negation on
		}
	}
	if c.neverWhen(pos) {
		return false // "at no point in the process will we or the client ask you to pay anything or give bank details"
	}
	if c.reported(pos) {
		return false // "scammers may ask you to buy gift cards, wire money or share codes"
	}
	if c.quoted(pos) {
		return false // "so this guy rings … and then he says, "we're going to send you a code, can you read it back to us""
	}
	if c.inStory(pos) {
		return false // "a man rang saying he was from the IRS and told me I'd be arrested unless I bought Google Play cards"
	}
	if c.orNegated(pos) {
		return false // "not to click anything or share any OTP"
	}
	if pos > 0 && cl[w[pos-1].id]&wPerfect != 0 {
		return false // "you have put money", "you already sent": done, not asked
	}
	if pos > 1 && w[pos-1].id == c.d.idTo && w[pos-2].id == c.d.idUsed {
		return false // "your account was used to buy a gift card"
	}
	if pos > 2 && w[pos-1].id == c.d.idTo && c.d.na.tried[w[pos-2].id] && c.d.class[w[pos-3].id]&(wYou|wIWe|wHeShe) != 0 && !w[pos-1].sb && !w[pos-2].sb {
		return false // "you tried to send 15,000 pounds to a new payee": an attempt told, not an ask
	}
	if c.speakerSays(pos) {
		return false // "I'm just calling to say the password portal is back up"
	}
	if c.beforeYou(pos) {
		return false // "before you send the deposit, ring our office to confirm the account": when the advice applies
	}
	if c.negatedAsk(pos) || c.negatedInfinitive(pos) {
		return false // "Coinbase will never ask for your password, your code, or to send crypto"; "never ask you to …, to send …, or to read out …"
	}
	for _, q := range c.hitsIn(pos-maxPhrase, pos) {
		if q.group == gCue && q.end == pos && q.start < pos && !w[pos].sb && w[q.start].id != c.d.idPlease && !c.addressed(q.start, q.attr) {
			return false // "don't read out what you log in with": a cue chained to a negated one ("please" starts a new ask: "he needs bail please send 500 dollars")
		}
	}
	please := false
	for j, steps := pos-1, 0; j >= 0 && steps < walkBack; j, steps = j-1, steps+1 {
		if w[j+1].sb && c.stopMark(j+1) {
			return true // "please don't call anyone. Wire two thousand dollars to my lawyer": the last sentence's words are no subject of this one
		}
		k := cl[w[j].id]
		switch {
		case please && k&(wYou|wNeg|wSkip) == 0:
			return true // "used by criminals please withdraw your cash": "please" opens the ask; the noun before it is no subject
		case w[j].id == c.d.idPlease:
			please = true
		case w[j].id == c.d.idNo && j > 0 && w[j-1].id == c.d.idOh:
			return true // "oh no, please wire the money": an interjection ends the clause
		case k&wNeg != 0 && attr&cueSelf != 0 && cl[w[pos].id]&wIWe != 0:
			return true // "no that's not me okay i need your sort code": the cue has a subject of its own
		case k&wNeg != 0 && j > 0 && cl[w[j-1].id]&wVerbish != 0 && cl[w[j+1].id]&wYou != 0 && c.ifClause(j):
			return true // "if this was not you, read me the code we just texted": the negation is the condition's
		case k&wNeg != 0 && j > 0 && w[j-1].id == c.d.idIf && !w[j].sb:
			return true // "if not, you'll need to send the same amount": an elliptical condition's negation
		case k&wNeg != 0:
			// A negation ends the ask only in its own sentence: in an
			// unlabelled transcript "not me" / "I don't" is the other
			// speaker's reply, and the next line's "confirm the card
			// number" is still asked.
			return c.sentBetween(j, pos)
		case k&(wIWe|wHeShe) != 0 && j > 0 && c.d.whenOpen[w[j-1].id] && pos-j >= 2 && pos-j <= 3 && !w[j].sb:
			return true // "when I do, tap the share screen button": a short time clause, then the imperative
		case k&wIWe != 0 && j > 0 && j+1 < pos && w[j+1].id == c.d.idDo && cl[w[j-1].id]&wSkip != 0 && cl[w[j-1].id]&wPast == 0:
			return true // "what should I do / download TeamViewer": the listener's question, run on
		case k&wYou != 0 && j > 1 && w[j-1].id == c.d.idWas && w[j-2].id == c.d.idIt && !w[j-1].sb && !w[j].sb && (please || cl[w[pos].id]&wIWe != 0):
			return true // "to check it was you, I need your licence number": "it was you" is a clause of its own, the speaker's need a new one
		case k&wYou != 0:
			// "did you send" asks about the past; "I'll have you send" does not.
			return !(j > 0 && cl[w[j-1].id]&wPast != 0 && !(j > 1 && cl[w[j-2].id]&wModal != 0))
		case k&wOther != 0 && j+1 == pos && k&wThird != 0 && j > 1 && !w[j].sb && !w[j-1].sb && cl[w[j-2].id]&wNeg != 0 && cl[w[j-2].id]&wFarNeg == 0:
			return true // "please don't call anyone wire two thousand dollars": the object of a negated imperative, then a new one
		case k&wOther != 0 && c.agentReached(j, pos):
			return true // "press 1 to be connected to a case worker, who will confirm your National Insurance number"
		case k&wOther != 0:
			return attr&cueSelf != 0 && k&wIWe != 0 // "we" and "I" may need things
		case k&wSkip == 0:
			// "did Mum ever give you the password": a question about the past.
			return !(j > 0 && w[j-1].id == c.d.idDid)
		}
	}
	return true
}

// stopMark reports that the sentence start at j follows a sentence mark
// in the current segment, or opens the segment after one that ended with
// a mark: a sentence there really begins. A segment cut between words
// ("scammers will ask you to | send gift cards") and the context's
// earlier segments give no such certainty.
func (c *Call) stopMark(j int32) bool {
	return j > c.nCtx || j == c.nCtx && j > 0 && !c.cutMidSentence()
}

// neverWhen reports "at no point", "at no time", "at no stage", "under
// no circumstances", "on no account" earlier in the cue's sentence, at
// most frameReach words back: they negate the whole sentence as "never"
// does, however long ("at no point in the process will we or the client
// ask you to pay anything"). "In no time" and "there's no point waiting"
// negate nothing.
func (c *Call) neverWhen(pos int32) bool {
	w := c.win
	for j := pos - 1; j > 0 && j >= pos-frameReach; j-- {
		if w[j].id == c.d.idNo && j+1 < pos && c.d.noWhen[w[j+1].id] && c.d.noWhenPrep[w[j-1].id] {
			return true
		}
		if w[j].sb {
			break
		}
	}
	return false
}

// negatedAsk reports that the cue at pos sits, in its own sentence, after
// a negated asking verb with a subject of its own: "the IRS does not call
// to demand payment with gift cards or wire transfers", "we will never
// ask for your password, your code, or to send crypto". An imperative
// "don't call anyone, just read me the code" has no subject and is not one.
func (c *Call) negatedAsk(pos int32) bool {
	w, cl := c.win, c.d.class
	for j := pos - 1; j > 0 && j >= pos-frameReach; j-- {
		if w[j+1].sb && j+1 <= pos {
			return false
		}
		k := cl[w[j].id]
		if j < pos-1 && k&wFrameEnd != 0 && k&wIWe == 0 {
			return false // "…, so read me the code"
		}
		if k&wAskVerb == 0 || j+1 < pos && (w[j+1].sb || cl[w[j+1].id]&(wFrameEnd|wIWe) != 0) {
			continue // "I can't call, I'm in hospital, buy me a card": no one is asked
		}
		n := j - 1
		for ; n >= 0 && n >= j-2 && cl[w[n].id]&(wNeg|wFarNeg) == 0; n-- {
		}
		viaOr := false
		if n < 0 || n < j-2 {
			n = -1
			if j > 1 && (w[j-1].id == c.d.idOr || w[j-1].id == c.d.idNor) && !w[j].sb && !w[j-1].sb {
				n, viaOr = c.negBeforeOr(j-1), true // "will never threaten disconnection by phone or ask for payment by gift card, wire or crypto"
			}
		}
		if n < 0 || w[n].id == c.d.idNo {
			continue
		}
		if n > 0 && n+1 < j && cl[w[n+1].id]&wYou != 0 && cl[w[n-1].id]&wVerbish != 0 && c.ifClause(n) {
			continue // "if this was not you, call back and give our agent the code": the negation is the condition's
		}
		if c.ifYouNot(n) {
			continue // "if you did not request this, reply to our text with the passcode": the condition's too
		}
		s := n - 1
		aux := false // an auxiliary other than "do" between subject and negation
		please := false
		for ; s >= 0 && !w[s+1].sb && cl[w[s].id]&wSkip != 0; s-- {
			aux = aux || w[s].id != c.d.idDo
			please = please || w[s].id == c.d.idPlease
		}
		if please {
			continue // "they're holding me at the station please don't call anyone wire the money": an imperative, the noun before "please" no subject
		}
		if viaOr && !aux && (s < 0 || cl[w[s].id]&(wIWe|wHeShe|wThird) == 0) {
			continue // "this is the sheriff's office, do not hang up or call your bank, just pay": an imperative, the noun before it no subject
		}
		if s >= 0 && !w[s+1].sb && cl[w[s].id]&wYou == 0 {
			return true
		}
	}
	return false
}

// ifYouNot reports the negation at n as the listener's own in an
// if-clause: "if you did not request this", "if you don't recognise it",
// with at most an auxiliary between "you" and the negation. The asking
// verb it negates is the listener's, not a caller's promise.
func (c *Call) ifYouNot(n int32) bool {
	w, cl := c.win, c.d.class
	m := n - 1
	if m > 0 && !w[m].sb && cl[w[m].id]&(wPast|wSkip) != 0 {
		m--
	}
	return m >= 0 && !w[m+1].sb && cl[w[m].id]&wYou != 0 && c.ifClause(n)
}

// negBeforeOr returns the position of the negation of the first verb of a
// pair joined by the "or" / "nor" at or: "will never threaten
// disconnection by phone or ask for payment" carries "never" over to
// "ask", whose own negatedAsk reach (a list of means after it) then
// negates the whole list. It looks back at most farNeg words in the
// sentence, stopping at a new clause ("so", "but", "I"); -1 if none.
func (c *Call) negBeforeOr(or int32) int32 {
	w, cl := c.win, c.d.class
	lo := or - farNeg
	for n := or - 1; n >= 0 && n >= lo; n-- {
		k := cl[w[n].id]
		if k&(wNeg|wFarNeg) != 0 && w[n].id != c.d.idNo {
			return n
		}
		if w[n].sb || k&wFrameEnd != 0 {
			break
		}
		if w[n].id == c.d.idOr || w[n].id == c.d.idNor || k&wAskVerb != 0 {
			lo = min(lo, n-farNeg) // "not going to ask you for any card details or passcodes, or ask you to move money": the list's earlier "or", its first ask
		}
	}
	return -1
}

// askedOfSpeaker reports a reporting verb at j, in any tense, between
// "he / she / they" and the speaker ("me", or "I" opening the reported
// clause) before the cue at pos: "he wants me to install AnyDesk", "then
// he says I should read him the number". The speaker retells what a third
// party asked of them; a caller relaying a colleague asks the listener
// ("he wants you to install it") and is not one.
//
// A participle or past form with "me to / me for" ("a so-called lawyer
// came on asking me to buy gift cards", "the agent kept telling me to
// read out the code") retells the same whoever its subject, unless the
// subject is "you" ("you keep asking me to…" is no third party) or
// "my …" / "our …", a colleague relayed through the caller ("my manager
// told me to collect the fee in gift cards"), or the cue's sentence names
// the listener's things after it: "my supervisor is asking me to verify
// your card number" relays an ask to the listener.
func (c *Call) askedOfSpeaker(j, pos int32) bool {
	w, cl := c.win, c.d.class
	if j == 0 || j+1 > pos || w[j].sb || w[j+1].sb || cl[w[j].id]&(wReport|wReportPast|wQuote) == 0 {
		return false
	}
	if cl[w[j].id]&(wReport|wReportPast) == 0 && cl[w[j-1].id]&wHeShe == 0 {
		return false // a verb of saying ("says", "goes") only with "he" or "she": "then he says I need to buy gift cards"
	}
	if cl[w[j-1].id]&wHeShe != 0 {
		return w[j+1].id == c.d.idMe || w[j+1].id == c.d.idI
	}
	if !c.d.askedMe[w[j].id] || w[j+1].id != c.d.idMe || j+2 > pos || w[j+2].sb || w[j+2].id != c.d.idTo && w[j+2].id != c.d.idFor {
		return false
	}
	for k := j - 1; k >= 0 && k >= j-3 && !w[k+1].sb; k-- {
		if cl[w[k].id]&wYou != 0 {
			return false // "you keep asking me to read the code"
		}
		if id := w[k].id; id == c.d.idMy || id == c.d.idOur {
			return false // "my manager told me to collect the fee in gift cards": a caller's colleague, relayed through the caller
		}
	}
	for k := pos + 1; k < int32(len(w)) && k <= pos+askedReach && !w[k].sb; k++ {
		if cl[w[k].id]&wYou != 0 || w[k].id == c.d.idYour {
			return false // "… asking me to get the card number from you"
		}
	}
	return true
}

// askedReach bounds how far after the cue askedOfSpeaker looks for the
// listener ("your", "you") that makes a relayed ask one to the listener.
const askedReach = 8

// possessed reports a possessive or "the" right before j, in its
// sentence: a reporting word there is a noun, not a verb ("your email is
// sending viruses to all your contacts, what is the password": no email
// "contacts" anyone; "the calls", "my messages").
func (c *Call) possessed(j int32) bool {
	if j == 0 || c.win[j].sb {
		return false
	}
	id := c.win[j-1].id
	return id == c.d.idYour || id == c.d.idThe || c.d.class[id]&wMine != 0
}

// doneByListener reports a payment object followed by a clause with the
// listener as subject of a verb of having done it: "the wire transfer
// (that) you initiated at the branch", "the payment you (already) made",
// "the transfer you set up". That payment is the listener's own and past,
// so a bank confirming or describing it asks for nothing; a new payment
// asked after it is another object ("the payment you made bounced, so pay
// again by gift card").
func (c *Call) doneByListener(o hit) bool {
	w, cl := c.win, c.d.class
	j := o.end
	for n := 0; n < 2 && j < int32(len(w)) && !w[j].sb && c.d.relative[w[j].id] && cl[w[j].id]&wYou == 0; n++ {
		j++
	}
	if j+1 >= int32(len(w)) || w[j].sb || w[j+1].sb || cl[w[j].id]&wYou == 0 {
		return false
	}
	j++
	if c.d.relative[w[j].id] && j+1 < int32(len(w)) && !w[j+1].sb {
		j++ // "you already made"
	}
	return c.d.done[w[j].id]
}

// passiveReach bounds how far, in tokens, a payment's own verb may follow
// it ("your outgoing wire transfer of $4,500 to Lakeside Title Company
// was completed").
const passiveReach = 10

// completedPassive returns where a payment object's own verb, in a
// finished passive, begins ("was completed", "has been sent", "were
// processed", "went through", "has gone through"), or -1. Such a payment
// is news of one already made: a bank's completion notice asks for
// nothing, and cues before the verb ("your wire transfer of …") are no
// ask. A cue after it still asks ("$4,900 was sent by mistake, send it
// back"). A relative ("to the agent who was sent") or a new clause ("or",
// "if", "you", "we") ends the search, since the verb is then not the
// payment's.
func (c *Call) completedPassive(o hit) int32 {
	w, cl := c.win, c.d.class
	for j := o.end; j < o.end+passiveReach && j+1 < int32(len(w)) && !w[j].sb; j++ {
		id := w[j].id
		if c.d.passStop[id] || cl[id]&(wYou|wIWe|wNeg|wFrameEnd) != 0 {
			return -1
		}
		if id == c.d.idWent && w[j+1].id == c.d.idThrough {
			return j // "the payment went through"
		}
		if !c.d.passAux[id] {
			continue
		}
		k := j + 1
		for k < int32(len(w)) && k < j+4 && c.d.passSkip[w[k].id] {
			k++
		}
		if k >= int32(len(w)) {
			return -1
		}
		if c.d.settled[w[k].id] || w[k].id == c.d.idGone && k+1 < int32(len(w)) && w[k+1].id == c.d.idThrough {
			return j
		}
		return -1 // "the fee of $200 is due today": the payment's verb, and not a finished one
	}
	return -1
}

// usualReach bounds how far, in tokens, "as usual" may follow a pay cue.
const usualReach = 8

// usualWay reports a pay cue followed in its sentence by "as usual",
// "as normal", "as you normally / always do", "as before", "as every
// month": the listener paying the way they always do ("you can pay
// through your online account as usual"). A bill reminder names a habit;
// a scam's new way of paying is never the usual one. judge uses it only
// on a call without pressure beyond a company's name (urged: "hi grandma,
// I need bail money, send it by Western Union as usual" still asks).
func (c *Call) usualWay(q hit) bool {
	w := c.win
	for j := q.end; j < q.end+usualReach && j+1 < int32(len(w)) && !w[j].sb; j++ {
		if w[j].id != c.d.idAs {
			continue
		}
		k := j + 1
		if c.d.class[w[k].id]&wYou != 0 && k+1 < int32(len(w)) {
			k++ // "as you normally do"
		}
		if c.d.usual[w[k].id] {
			return true
		}
	}
	return false
}

// reported reports that the cue at pos sits in a reported-speech or
// warning frame of its own clause: a reporting verb ("asking", "calling",
// "tells") whose subject is a third party ("people", "scammers",
// "someone", "a call"), with no new clause ("I", "we", "so") between the
// verb and the cue. The frame reaches back to the start of the sentence,
// at most frameReach tokens: "people are calling pretending to be AT&T and
// asking for the code", "if anyone asks you for the numbers on the back".
func (c *Call) reported(pos int32) bool {
	w, cl := c.win, c.d.class
	for j := pos; j >= 0 && j >= pos-frameReach; j-- {
		k := cl[w[j].id]
		if w[j].id == c.d.idPlease || k&wAskAux != 0 && j+1 < int32(len(w)) && cl[w[j+1].id]&wYou != 0 {
			return false // "some guy rang saying he was your grandson … can you buy apple gift cards": a present ask ends the frame
		}
		if j < pos && k&wFrameEnd != 0 {
			// "someone saying I owed taxes and had to pay in gift cards":
			// a subject right after the reporting verb is the reported clause's.
			if k&wIWe != 0 && j > 0 && !c.win[j].sb && c.d.class[c.win[j-1].id]&wReport != 0 && !c.possessed(j-1) && c.thirdBefore(j-1) {
				return true
			}
			if k&wIWe != 0 && j > 0 && c.askedOfSpeaker(j-1, pos) {
				return true // "then he says I should read him the number"
			}
			if c.reportGoesOn(j, pos) {
				continue // "if anyone rings saying it's me and I'm in trouble and need gift cards": the report's next clause
			}
			return false // "someone tried to log in, so I need you to read me the code"
		}
		if (k&wReport != 0 && !c.possessed(j) || c.tellYouTo(j)) && c.thirdBefore(j) {
			return true
		}
		if k&wReportPast != 0 && j > 0 && !c.win[j].sb && c.d.class[c.win[j-1].id]&wHeShe != 0 {
			return true // "they wanted me to buy Apple cards": another call, reported
		}
		if c.askedOfSpeaker(j, pos) {
			return true // "he wants me to install AnyDesk", "then he says I should read him the number": the speaker was asked
		}
		if w[j].sb {
			return false
		}
	}
	return false
}

// storyReach bounds how far, in tokens, a told story of another call
// reaches after the words that open it.
const storyReach = 60

// inStory reports that the cue at pos sits in a story the speaker tells
// of another call, in the same segment: a third party's past call or
// speech ("someone called saying", "a man rang", "some guy said", "I got
// a call saying") opens it, and it runs on across clauses and sentences,
// unpunctuated text too ("… and i needed to take out cash for a courier
// to collect i didn't do it"), until a present ask to the listener ends
// it: "please", "I need", "we want", "you need to", "can you".
func (c *Call) inStory(pos int32) bool {
	if pos < c.nCtx {
		// A cue of an earlier segment, judged again: "…and read him the
		// numbers." / "Do you have the number he called from?"
		at := c.abs(pos)
		return at >= c.storyFrom && at < c.storyTo
	}
	for j := pos; j >= c.nCtx && j >= pos-storyReach; j-- {
		// The cue's own words too: "can you read me", "we need".
		if c.storyReset(j, int32(len(c.win))) {
			return false
		}
		if c.storyOpens(j) {
			return true
		}
	}
	return false
}

// quoteReach bounds how far, in tokens, the words a story's third party
// is quoted as saying run after "he says" in unpunctuated text.
const quoteReach = 24

// quoted reports that the cue at pos sits in the words a told story's
// third party is quoted as saying: "he says" / "she said" / "they went"
// in the cue's sentence, at most quoteReach words before it, after a told
// story of another call ("you will not believe the call I had … so this
// guy rings … and then he says, "we're going to send you a code, can you
// read it back to us""). The quote's own asks ("can you", "we need") do
// not end it as they end a story; the sentence's end does. Without a
// story before it, "he said" is a go-between's message and stays one.
func (c *Call) quoted(pos int32) bool {
	w := c.win
	if pos < c.nCtx {
		// A cue of an earlier segment, judged again after "he said" has
		// left the context.
		if at := c.abs(pos); at >= c.quoteFrom && at < c.quoteTo {
			return true
		}
	}
	for j := pos - 1; j > 0 && j >= pos-quoteReach; j-- {
		if c.quoteOpens(j) {
			return true
		}
		if w[j].sb {
			break
		}
	}
	return false
}

// ok2 returns the second of two results: whether an owner was found.
func ok2(_ int, ok bool) bool { return ok }

// toYours reports "to your" at end, after a back cue: the thing goes to
// the listener's own contact ("give it to your new provider"), not to the
// speaker ("read it to me", "read it to the agent").
func (c *Call) toYours(end int32) bool {
	return end+1 < int32(len(c.win)) && c.win[end].id == c.d.idTo && c.win[end+1].id == c.d.idYour
}

// ifClause reports that the negation at j sits in a condition: "if" at
// most three words before it, in its sentence. addressed uses it only for
// "if this was not you" / "if it isn't you", where "you" ends the
// condition; "if you do not share your password" negates the cue itself.
func (c *Call) ifClause(j int32) bool {
	for i := j - 1; i >= 0 && i >= j-3; i-- {
		if c.win[i].id == c.d.idIf {
			return true
		}
		if c.win[i].sb {
			break
		}
	}
	return false
}

// receiptReach bounds how far, in tokens, "into your account" may follow
// a payment object, and a receipt word ("approved for", "you won") may
// precede a weak one, in the same sentence.
const receiptReach = 12

// paidToListener reports money the listener is to receive, not pay: a
// payment object followed in its sentence by "into / to / in your account
// (bank, checking, savings, card)" ("we need to wire it directly into
// your bank", "to deposit the money into your account"), or a weak amount
// after a receipt word with no pay verb between ("you have been approved
// for the cost of living payment of 750 dollars"). "Your new / safe
// account" is not the listener's own ("move your savings into your new
// secure account" still asks), and "you won 5000 dollars, pay the 200
// dollar fee" has a pay verb after the receipt.
func (c *Call) paidToListener(o hit) bool {
	w, cl := c.win, c.d.class
	if o.end+1 < int32(len(w)) && w[o.end].id == c.d.idYour && c.d.gains[w[o.end+1].id] {
		return true // "to transfer your winnings", "send your refund"
	}
	for j := o.end; j < o.end+receiptReach && j+2 < int32(len(w)) && !w[j].sb; j++ {
		if (w[j].id == c.d.idInto || w[j].id == c.d.idTo || w[j].id == c.d.idIn) && w[j+1].id == c.d.idYour && cl[w[j+2].id]&wAcctNoun != 0 &&
			!(j+3 < int32(len(w)) && cl[w[j+3].id]&wOf != 0) {
			return true // not "to your account at Coinbase", "into your account on the platform": a place the caller runs
		}
		if (w[j].id == c.d.idInto || w[j].id == c.d.idTo) && w[j+1].id == c.d.idThe && cl[w[j+2].id]&wAcctNoun != 0 &&
			j+4 < int32(len(w)) && cl[w[j+3].id]&wYou != 0 && cl[w[j+4].id]&wKeptBy != 0 {
			return true // "they'll pay it straight into the account you registered with them"; not "the account you were given"
		}
		if c.accountOnFile(j) {
			return true // "HMRC will pay it to the account they already have on file": the payer's record of the listener's account
		}
		if cl[w[j].id]&wNeg != 0 {
			break
		}
	}
	if o.attr&objWeak == 0 {
		return false
	}
	for j := o.start - 1; j >= 0 && j > o.start-receiptReach; j-- {
		id := w[j].id
		if cl[id]&wPayVerb != 0 || c.d.fees[id] {
			return false // "you won 5000 dollars, to claim it pay the fee of 200 dollars"
		}
		if cl[id]&wReceipt != 0 {
			return true
		}
		if w[j].sb {
			break
		}
	}
	return false
}

// bankLogin reports a login ("username and password", "your password")
// asked on a call about online banking, named within refReach tokens
// before it: the bank's login, banking details and credentials both.
func (c *Call) bankLogin(o hit) bool {
	if c.abs(o.start)-c.bankingAt > refReach {
		return false
	}
	for j := o.start; j < o.end; j++ {
		if c.d.class[c.win[j].id]&wLoginWord != 0 {
			return true
		}
	}
	return false
}

// markStory records the current segment's last story, from its opener to
// the first present ask after it or the segment's end, for inStory.
func (c *Call) markStory() {
	base := c.tokBase - int64(c.nCtx)
	n := int32(len(c.win))
	for j := c.nCtx; j < n; j++ {
		if !c.storyOpens(j) {
			continue
		}
		end := n
		for r := j + 1; r < n && r <= j+storyReach; r++ {
			if c.storyReset(r, n) {
				end = r
				break
			}
		}
		end = min(end, j+storyReach)
		c.storyFrom, c.storyTo = base+int64(j), base+int64(end)
		c.callStory = c.callStory || c.callWord(j)
		j = end
	}
	for j := c.nCtx; j < n; j++ {
		if c.d.class[c.win[j].id]&wFarNeg == 0 {
			continue
		}
		end := j + farNeg + 1
		for r := j + 1; r < end && r < n; r++ {
			if c.win[r].id == c.d.idEver && !c.win[r].sb {
				end = max(end, r+farNeg+1)
			}
		}
		c.negFrom, c.negTo = base+int64(j), base+int64(min(end, n))
	}
	for _, h := range c.hits {
		// A cue of a negated list ("I'm not going to ask you for …, or ask
		// you to tell me …") stays negated when judged again after the
		// negation has left the context.
		if h.group != gCue || h.start < c.nCtx || !(c.negatedInfinitive(h.start) || c.orAfter(h.start) && c.negatedAsk(h.start)) {
			continue
		}
		c.negCues[c.negN%len(c.negCues)] = base + int64(h.start)
		c.negN++
	}
	for j := max(c.nCtx, 1); j < n; j++ {
		if !c.quoteOpens(j) {
			continue
		}
		end := min(n, j+quoteReach)
		for r := j + 1; r < end; r++ {
			if c.win[r].sb {
				end = r
				break
			}
		}
		c.quoteFrom, c.quoteTo = base+int64(j), base+int64(end)
		j = end
	}
}

// quoteOpens reports the start at j of a told story's quoted words, after
// a told story of another call: "he says", "she said", "they went"; and
// "and I quote", said by whoever tells the story.
func (c *Call) quoteOpens(j int32) bool {
	w, cl := c.win, c.d.class
	if j < 1 || w[j].sb {
		return false
	}
	if !(cl[w[j].id]&wQuote != 0 && cl[w[j-1].id]&wHeShe != 0 || w[j].id == c.d.idQuote && w[j-1].id == c.d.idI) {
		return false
	}
	return c.callStoryBefore(j - 1)
}

// storyOpens reports a story's opening verb at j: a past call or speech
// by a third party named at most three words before it ("some man rang",
// "someone called saying", "he phoned"), not aimed at the listener
// ("someone called you" is told to them, so their part may follow), or a
// call got ("I got a call", "amma got a call saying").
func (c *Call) storyOpens(j int32) bool {
	w, cl := c.win, c.d.class
	k := cl[w[j].id]
	if j+1 < int32(len(w)) && cl[w[j+1].id]&wYou != 0 {
		return c.callGot(j) // "someone called you" is told to the listener; "one of those calls you warned me about" is not
	}
	if k&wStorySaid != 0 && j > 0 && !w[j].sb && cl[w[j-1].id]&wHeShe != 0 && j+1 < int32(len(w)) && cl[w[j+1].id]&wToMe != 0 && c.storyBefore(j) {
		// "They wanted me to buy vouchers and read them the numbers",
		// after "I got a call from someone saying…": what the other call
		// asked of the speaker, told on. Without a story before it, "he
		// told me to call you" is a go-between's message and stays a frame
		// of its sentence only.
		return true
	}
	if k&wStorySaid != 0 && j > 0 && !w[j].sb && cl[w[j-1].id]&wHeShe != 0 && j+2 < int32(len(w)) && cl[w[j+1].id]&wHeShe != 0 &&
		(w[j+2].id == c.d.idWas || w[j+2].id == c.d.idWere) && !(j+3 < int32(len(w)) && (cl[w[j+3].id]&wModal != 0 || w[j+3].id == c.d.idGoing)) {
		// "he said he was from the tax office", "they claimed they were
		// Microsoft": a past call told; not "they said they were going to
		// keep me unless you pay", a threat passed on now.
		return true
	}
	if k&(wStoryCall|wStorySaid) != 0 || k&wCallsNow != 0 {
		for i := j - 1; i >= 0 && i >= j-3 && !w[i+1].sb; i-- {
			ki := cl[w[i].id]
			if ki&wStoryWho != 0 || k&wStoryCall != 0 && ki&wHeShe != 0 {
				return true // "some man rang", "he phoned"; told in the present, "so this guy rings"
			}
			if ki&wYou != 0 {
				return false
			}
		}
		if k&(wStoryCall|wStorySaid) != 0 {
			return false
		}
	}
	return c.callGot(j)
}

// callGot reports a call got, the noun "call(s)" at j: "I got a call
// saying", "I had one of those calls you warned me about", "you will not
// believe the call I had this morning". "We got a call from you" is the
// listener's own call, and "you will get a call" is one to come.
func (c *Call) callGot(j int32) bool {
	w, cl := c.win, c.d.class
	if w[j].id != c.d.idCall && w[j].id != c.d.idCalls {
		return false
	}
	if j+2 < int32(len(w)) && w[j+1].id == c.d.idFrom && (cl[w[j+2].id]&wYou != 0 || w[j+2].id == c.d.idYour) {
		return false // "we got a call from you earlier": the listener's own call, not another one told
	}
	if j+2 < int32(len(w)) && !w[j+1].sb && cl[w[j+1].id]&wIWe != 0 && cl[w[j+2].id]&wStoryGot != 0 {
		return true // "the call I had this morning", "a call we got last night"
	}
	for i := j - 1; i >= 0 && i >= j-4 && !w[i+1].sb; i-- {
		if cl[w[i].id]&wStoryGot != 0 {
			if i > 0 && cl[w[i-1].id]&wIWe != 0 {
				return true // "I wanted to tell you I had one of those calls": the speaker's call
			}
			return !(i > 0 && cl[w[i-1].id]&wYou != 0 || i > 1 && cl[w[i-2].id]&wYou != 0)
		}
	}
	return false
}

// storyBefore reports a told story of another call before j: one marked
// in an earlier segment of the call, or an opener earlier in the window.
func (c *Call) storyBefore(j int32) bool {
	if c.storyTo > 0 {
		return true
	}
	for i := j - 2; i >= 0 && i >= j-storyReach; i-- {
		if c.storyOpens(i) {
			return true
		}
	}
	return false
}

// callStoryBefore reports a told story of another call before j that
// opened with the call itself ("the call I had", "this guy rings",
// "someone phoned"), marked in an earlier segment or opened in the
// window; "he said he was in a crash", a go-between's news, is none.
func (c *Call) callStoryBefore(j int32) bool {
	if c.callStory {
		return true
	}
	for i := j - 2; i >= 0 && i >= j-storyReach; i-- {
		if c.callWord(i) && c.storyOpens(i) {
			return true
		}
	}
	return false
}

// callWord reports a call's word at j: "call(s)", "rang", "rings".
func (c *Call) callWord(j int32) bool {
	id := c.win[j].id
	return id == c.d.idCall || id == c.d.idCalls || c.d.class[id]&(wStoryCall|wCallsNow) != 0
}

// storyReset reports a present ask at j, before pos, that ends a story:
// "please", "I need", "we want", "you need to", "can you".
func (c *Call) storyReset(j, pos int32) bool {
	w, cl := c.win, c.d.class
	k := cl[w[j].id]
	if w[j].id == c.d.idPlease {
		return true
	}
	if j+1 >= pos {
		return false
	}
	k1 := cl[w[j+1].id]
	return k&(wIWe|wYou) != 0 && k1&wNowAsk != 0 || k&wAskAux != 0 && k1&wYou != 0
}

// orNegated reports that the cue at pos is the second verb of a negated
// pair: "not to click anything or share any OTP", "never call back or
// give out your PIN". Only "or" and "nor" carry the negation; "don't hang
// up and read me the code" still asks.
func (c *Call) orNegated(pos int32) bool {
	w := c.win
	if pos < 2 || w[pos].sb || w[pos-1].id != c.d.idOr && w[pos-1].id != c.d.idNor {
		return false
	}
	if w[pos-1].id == c.d.idNor {
		return true
	}
	if pos >= 3 && c.d.class[w[pos-3].id]&wNeg != 0 && !w[pos-2].sb && !w[pos-1].sb {
		return true // "please don't email or text them to us": one negated verb before "or"
	}
	if n := c.negBeforeOr(pos - 1); n > 1 && c.d.class[w[n].id]&wFarNeg == 0 && !w[n].sb && (w[n-1].id == c.d.idPlease || w[n-1].id == c.d.idDo && w[n-2].id == c.d.idPlease && !w[n-1].sb) {
		return true // "please don't email it to me or read it out to anyone": a negated imperative's second verb
	}
	for _, q := range c.hitsIn(pos-1-4-maxPhrase, pos-1) {
		if q.group == gCue && q.end <= pos-1 && pos-1-q.end <= 4 && c.sameSentence(q.start, pos) && !c.addressed(q.start, q.attr) {
			return true
		}
	}
	return false
}

// tellYouTo reports "tell you to" at j: "scammers may tell you to
// transfer…" reports an ask; "just tell me what it says" is one.
func (c *Call) tellYouTo(j int32) bool {
	w := c.win
	return w[j].id == c.d.idTell && j+2 < int32(len(w)) && c.d.class[w[j+1].id]&wYou != 0 && w[j+2].id == c.d.idTo
}

// sentenceStart returns the first token of the sentence holding pos,
// looking back at most reach tokens.
func (c *Call) sentenceStart(pos, reach int32) int32 {
	j := pos
	for ; j > 0 && j > pos-reach && !c.win[j].sb; j-- {
	}
	return j
}

// sentBetween reports that a sentence starts in (a, b].
func (c *Call) sentBetween(a, b int32) bool {
	for j := a + 1; j <= b && j < int32(len(c.win)); j++ {
		if c.win[j].sb {
			return true
		}
	}
	return false
}

// sameSentence reports that no sentence starts in (a, b].
func (c *Call) sameSentence(a, b int32) bool {
	if a > b {
		a, b = b, a
	}
	for j := a + 1; j <= b && j < int32(len(c.win)); j++ {
		if c.win[j].sb {
			return false
		}
	}
	return true
}

// thirdBefore reports a third party ("scammers", "people", "anyone") in the
// words before the reporting verb at j: "scammers may ask you to buy",
// "people are calling pretending to be us and asking for the code".
func (c *Call) thirdBefore(j int32) bool {
	if c.win[j].sb {
		return false
	}
	for k := j - 1; k >= 0 && k >= j-farNeg; k-- {
		cl := c.d.class[c.win[k].id]
		if cl&wThird != 0 && !c.callImperative(k) && !c.youCall(k) && !c.ownCall(k) && !c.agentReached(k, j) { // not "press 1 for an advisor who will ask for …"
			return true
		}
		// "someone calls you asking for": the listener is the reported
		// verb's object, not the one who asks.
		if cl&wYou != 0 && k > 0 && !c.win[k].sb && (c.d.class[c.win[k-1].id]&(wAskVerb|wReport) != 0 || c.d.na.contact[c.win[k-1].id]) {
			continue // "has anyone contacted you asking you to move money", "called you and asked you to"
		}
		if cl&wYou != 0 || cl&wBreak != 0 && cl&wIWe != 0 || c.win[k].sb {
			return false
		}
	}
	return false
}

// callImperative reports "call" at k as the verb of a call-back asked of
// the listener, not "a call" reporting an ask: "call us back and the agent
// will ask you to share your screen" (the agent asks, in the future), not
// "a call back from us asking for your code". It is "call" followed by
// "me", "us" or "back", with no article or possessive before it.
func (c *Call) callImperative(k int32) bool {
	w := c.win
	if w[k].id != c.d.idCall || k+1 >= int32(len(w)) || w[k+1].sb || c.d.class[w[k+1].id]&wToMe == 0 && w[k+1].id != c.d.idBack {
		return false
	}
	return k == 0 || w[k].sb || c.d.class[w[k-1].id]&(wIndef|wMine) == 0 && w[k-1].id != c.d.idThe && w[k-1].id != c.d.idYour
}

// youCall reports "call" at k with "you" right before it: the listener's
// call back, a verb ("when you call, our agent will ask for your
// password"), not "a call" reporting an ask.
func (c *Call) youCall(k int32) bool {
	w := c.win
	return w[k].id == c.d.idCall && k > 0 && !w[k].sb && c.d.class[w[k-1].id]&wYou != 0
}

// ownCall reports "call" at k as the speaker's own verb: "I'm going to
// (video) call you on WhatsApp, when it rings share your screen" (the
// speaker calls), not "a call" reporting an ask. "I" / "we" is its subject,
// at most four modal, auxiliary or "video" words before it.
func (c *Call) ownCall(k int32) bool {
	w, cl := c.win, c.d.class
	if w[k].id != c.d.idCall {
		return false
	}
	for j := k - 1; j >= 0 && j >= k-5 && !w[j+1].sb; j-- {
		switch {
		case cl[w[j].id]&wIWe != 0:
			return true
		case cl[w[j].id]&(wModal|wSkip) == 0 && w[j].id != c.d.idVideo && w[j].id != c.d.idAm:
			return false
		}
	}
	return false
}

// activityOn reports, between a front cue ending at from and an object
// at to, activity on the object ("confirm some recent activity on your
// credit card", "verify the charges made to your account"): an activity
// word, at most two words before a preposition (not "with": "verify
// the transaction with your card number" asks for the number).
func (c *Call) activityOn(from, to int32) bool {
	w := c.win
	for j := max(from, 0); j < to; j++ {
		if !c.d.activity[w[j].id] {
			continue
		}
		for k := j + 1; k < to && k <= j+3; k++ {
			if c.d.class[w[k].id]&wOf != 0 || w[k].id == c.d.idTo || w[k].id == c.d.idOnto {
				return true
			}
		}
	}
	return false
}

// boughtOn reports a weak software object (a site, "the app") as where
// something is bought: "buy" or "purchase" at most eight words before it
// in its sentence (across a segment cut mid-sentence), and "on", "at" or
// "from" between ("buy USDT on crypto dot com", "purchase the cards from
// the website").
func (c *Call) boughtOn(o hit) bool {
	w := c.win
	prep := false
	for j := o.start - 1; j >= 0 && j >= o.start-8 && !(w[j+1].sb && !(j+1 == c.nCtx && c.cutMidSentence())); j-- {
		if c.d.buyVerb[w[j].id] {
			return prep
		}
		prep = prep || j < o.start && (w[j].id == c.d.idOn || w[j].id == c.d.idAt || w[j].id == c.d.idFrom)
	}
	return false
}

// thirdDeed reports object o as what a third party did, told: "he",
// "she" or "they" and a past deed ("bought", "sent", "paid") at most four
// words before it in its sentence ("she bought all those gift cards",
// "they sent the codes"). A back cue after it ("what was it?") asks about
// the story, not for the thing.
func (c *Call) thirdDeed(o hit) bool {
	w := c.win
	for j := o.start - 1; j > 0 && j >= o.start-5 && !w[j+1].sb; j-- {
		if c.d.deeds[w[j].id] {
			k := j - 1
			if k > 0 && !w[k+1].sb && c.d.class[w[k].id]&wPerfect != 0 {
				k-- // "she had bought", "they already sent"
			}
			return k >= 0 && !w[k+1].sb && c.d.class[w[k].id]&wHeShe != 0
		}
	}
	return false
}

// ifArticle reports "if" right before o, which does not open with "your"
// (subjectless).
func (c *Call) ifArticle(o hit) bool {
	return c.win[o.start-1].id == c.d.idIf && c.win[o.start].id != c.d.idYour
}

// breakBetween reports a clause boundary between a front cue and an object
// ("to verify it is you we sent a code").
// subjectless returns where a clause break between front cue q and strong
// object o may end: o.start, or one word earlier when the word right
// before o is a subject pronoun ("i", "we", "they", "he", "she") and o is
// a noun phrase of two words or more that cannot be that pronoun's verb
// ("payment must be made today with [the] they gift card"): a subject
// straight before a noun starts no clause, so the recogniser garbled a
// word there. Not for one-word objects or ones that open with a payment
// verb ("so we pin down the date", "we wire transfer it"), nor across a
// new clause ("so", "please"). Not when a verb follows the object
// ("send the money and they gift cards will arrive": "the" misheard, and
// the cards the subject of a clause of their own).
//
// "If" straight before a noun is a garbled article too ("please email me
// [a →] if photo of your passport"): a condition opens with a subject, so
// not before "your" ("… if your passport has expired" has a verb anyway).
func (c *Call) subjectless(q, o hit) int32 {
	w, cl := c.win, c.d.class
	if o.start == 0 || o.attr&(objWeak|objSent|objDeliver|objBackOnly) != 0 || cl[w[o.start-1].id]&(wIWe|wHeShe) == 0 && !c.ifArticle(o) ||
		o.end-o.start < 2 || cl[w[o.start].id]&wPayVerb != 0 || c.classBetween(q.end, o.start, wClause) {
		return o.start // "so we pin down the date", "and we wire transfer it": the pronoun's verb
	}
	if e := o.end; e < int32(len(w)) && !w[e].sb && cl[w[e].id]&wVerbish != 0 && w[e].id != c.d.idDid && w[e].id != c.d.idDoes {
		return o.start // "and they gift cards will arrive": "the" heard as "they", a clause with a verb of its own
	}
	return o.start - 1
}

// usedClause reports that [from, to) holds a first item's relative clause
// "you use" / "you have" joined by "and" to what follows: "I'll need the
// Gmail address you use and the password for it" asks the password as
// closely as "the Gmail address and the password" (two words further).
func (c *Call) usedClause(from, to int32) bool {
	w, cl := c.win, c.d.class
	for j := from + 1; j+2 < to; j++ {
		if cl[w[j].id]&wYou != 0 && (w[j+1].id == c.d.idUse || w[j+1].id == c.d.idHave) && w[j+2].id == c.d.idAnd &&
			!w[j].sb && !w[j+1].sb && !w[j+2].sb && cl[w[j-1].id]&(wIWe|wYou|wHeShe|wVerbish|wNeg) == 0 {
			return true
		}
	}
	return false
}

func (c *Call) breakBetween(from, to int32) bool {
	for j := from; j < to; j++ {
		if c.d.class[c.win[j].id]&wBreak != 0 {
			return true
		}
	}
	return false
}

func (c *Call) sentNear(o hit) bool {
	lo, hi := max(0, o.start-sentReach), min(int32(len(c.win)), o.end+sentReach)
	for j := lo; j < hi; j++ {
		if c.d.class[c.win[j].id]&wSent != 0 {
			return true
		}
	}
	return false
}

// hitsIn returns the hits starting in [lo, hi); hits are in start order.
func (c *Call) hitsIn(lo, hi int32) []hit {
	i := sort.Search(len(c.hits), func(k int) bool { return c.hits[k].start >= lo })
	j := sort.Search(len(c.hits), func(k int) bool { return c.hits[k].start >= hi })
	if j < i {
		j = i
	}
	return c.hits[i:j]
}

func (c *Call) near(o hit, reach int32, pred func(hit) bool) bool {
	for _, h := range c.hitsIn(o.start-reach-maxPhrase, o.end+reach) {
		if h.start <= o.end+reach && h.end+reach >= o.start && pred(h) {
			return true
		}
	}
	return false
}

// cueBefore reports a disclosure cue just before h, for soft asks.
func (c *Call) cueBefore(h hit) bool {
	for _, q := range c.hitsIn(h.start-frontGap-maxPhrase, h.start) {
		if q.group == gCue && q.attr&cueInfo != 0 && q.end <= h.start && h.start-q.end <= frontGap &&
			!c.breakBetween(q.end, h.start) && c.addressed(q.start, q.attr) {
			return true
		}
	}
	return false
}

// keywords uses the phrases a keyword spotter heard as the object of a
// request when the text's own words for it were misheard.
func (c *Call) keywords(seg bus.Segment, nCtx int32) {
	kws := seg.Keywords
	if len(kws) > maxKeywords {
		kws = kws[:maxKeywords]
	}
	for _, kw := range kws {
		kw = strings.ToLower(strings.TrimSpace(kw))
		cat, ok := c.d.spot[kw]
		if !ok || c.flagged[cat] || c.textHeard(kw, nCtx) || c.textNear(kw, nCtx) {
			continue
		}
		from := max(nCtx, c.negCueIn(nCtx)+1)
		for _, q := range c.hits {
			if q.group == gCue && q.start >= from && compatible(cat, q.attr) && q.attr&kwsBlind == 0 &&
				c.addressed(q.start, q.attr) {
				if !c.holdInbound(cat, seg) {
					c.raise(cat, c.evidence(seg, false))
				}
				break
			}
		}
	}
}

// negCueIn finds the last negated ask of the segment ("we will never ask
// for your verification card", "do not share your …"), or -1: a spotted
// keyword is then most likely that told object, misheard in the text, and
// pairs with no cue before it ("no action is needed … will never ask for
// your verification card"); an ask after it is fresh ("we never ask for
// your password but please read me the …").
func (c *Call) negCueIn(nCtx int32) int32 {
	last := int32(-1)
	w, cl := c.win, c.d.class
	for _, q := range c.hits {
		if q.group != gCue || q.start < nCtx || q.attr&(cueInfo|cueSelf) != cueInfo {
			continue // "so i can't connect" (a garbled purpose) asks nothing told
		}
		for j := q.start - 1; j >= nCtx && j >= q.start-3; j-- {
			if cl[w[j].id]&(wFarNeg|wNeg) != 0 {
				if !c.addressed(q.start, q.attr) {
					last = max(last, q.start)
				}
				break
			}
			if w[j+1].sb {
				break
			}
		}
	}
	return last
}

// kwsBlind are the cue kinds a spotted keyword cannot pair with: they ask
// only in a context the keyword cannot vouch for (with pressure around it,
// after a call-back verb, as a re-ask, right after its object: the
// keyword's place in the segment is unknown, and "no action is needed"
// paired with a false alarm on a flight-delay notice).
const kwsBlind = cueBuy | cueReask | cueWeak | cueCallback | cueOnlyWay | cueAfterOnly

// spotFiller are words of keyword phrases around their head noun.
var spotFiller = map[string]bool{"the": true, "a": true, "of": true, "me": true, "my": true, "your": true,
	"number": true, "numbers": true, "on": true, "to": true, "we": true, "sent": true, "you": true}

// textNear reports whether the segment's text holds the spotted phrase's
// head word ("card" of "credit card number", "code" of "code we sent")
// anywhere. Then the full recogniser, which has the language model on its
// side, heard that word in another phrase ("your credit card company", "the
// gift card you sent"), and its reading wins over the keyword spotter's: a
// keyword stands in only for a head word the text lost ("team viewer"
// heard as "team here", "zelle" as "a cell").
func (c *Call) textNear(kw string, nCtx int32) bool {
	words := strings.Fields(kw)
	head := ""
	for i := len(words) - 1; i >= 0 && head == ""; i-- {
		if !spotFiller[words[i]] {
			head = words[i]
		}
	}
	if head == "" {
		return false
	}
	// Singular and plural ("card", "cards") may be words of their own.
	ids := [3]int32{c.d.vocab.lookup([]byte(head)), c.d.vocab.lookup([]byte(strings.TrimSuffix(head, "s"))), c.d.vocab.lookup([]byte(head + "s"))}
	for _, t := range c.win[nCtx:] {
		if t.id >= 0 && (t.id == ids[0] || t.id == ids[1] || t.id == ids[2] || soundsLike(head, c.d.vocab.words[t.id])) {
			return true
		}
	}
	return false
}

// soundsLike reports whether the text's word w is a near-homophone of a
// spotted head word: as long, give or take a letter, and the same for its
// first half (at least four letters) but not all of it, as "passport" is
// to "password" (a plural or a spelling, "questions" or "licence", is the
// same word). The
// keyword spotter, which has no language model, hears such a word as the
// keyword; the full recogniser told them apart ("your passport
// application" spotted as {your password}).
func soundsLike(head, w string) bool {
	if len(head) < 6 || w == head || len(w) < len(head)-1 || len(w) > len(head)+1 {
		return false
	}
	n := 0
	for n < len(w) && n < len(head) && w[n] == head[n] {
		n++
	}
	if n < 4 || 2*n < len(head) || n == min(len(w), len(head)) { // a plural ("questions") is the same word
		return false
	}
	diff := max(len(w), len(head)) - min(len(w), len(head))
	for i := n; i < min(len(w), len(head)); i++ {
		if w[i] != head[i] {
			diff++
		}
	}
	return diff >= 2 // a spelling ("licence", "license") is the same word
}

// textHeard reports whether the segment's own text already holds the
// spotted phrase's head word (its last word that is no filler such as
// "number") inside an object the rules judged. A keyword stands in for a
// noun the transcript misheard; where the transcript heard it ("the wifi
// password is at the cabin"), the rules' judgement stands, exemptions
// included. A bare "number" heard ("tell me or pay number" for "your pin
// number") is not the head of "pin number". A strong object of the
// keyword's category that ends in another of its words counts too: the
// text heard "i got the gift" where the spotter heard {gift cards}, and
// the rules judged that gift a thank-you, not an ask. (Not a weak object
// or a shared word inside one: "cash" for {cash app}, "one time pass code"
// for {one time password} are readings the keyword may still correct.)
func (c *Call) textHeard(kw string, nCtx int32) bool {
	words := strings.Fields(kw)
	last := kw
	for i := len(words) - 1; i >= 0; i-- {
		last = words[i]
		if !spotFiller[last] {
			break
		}
	}
	id := c.d.vocab.lookup([]byte(last))
	cat := c.d.spot[kw]
	for _, h := range c.hits {
		if h.end <= nCtx || h.group != gObj && h.group != gStand {
			continue
		}
		for _, t := range c.win[h.start:h.end] {
			if t.id == id {
				return true
			}
		}
		if int(h.cat) != cat {
			continue
		}
		if c.speakerHands(h, words) {
			return true
		}
		if h.attr&objWeak != 0 {
			continue
		}
		// A strong object of the keyword's own category whose last word is
		// one of the keyword's: "i got the gift [card you sent]" {gift cards}.
		if head := c.win[h.end-1].id; head >= 0 {
			for _, w := range words {
				if !spotFiller[w] && head == c.d.vocab.lookup([]byte(w)) {
					return true
				}
			}
		}
	}
	return false
}

// speakerHands reports an object of a spotted keyword's category that
// holds one of the keyword's words and is governed by the speaker's own
// act: "i will bring cash" heard where the spotter heard {cash app}. The
// text read the money as the caller's to hand over, so the listener
// receives it, and the keyword (a weaker reading of the same sound) must
// not turn a "give me a call back" after it into a payment asked for.
// The cue must come straight before the object (an article between at
// most) and its subject, past auxiliaries, must be "i" or "we"; "please
// send the bail with cash" still leaves the keyword to judge.
func (c *Call) speakerHands(o hit, words []string) bool {
	w, cl := c.win, c.d.class
	holds := false
	for _, t := range w[o.start:o.end] {
		for _, kw := range words {
			if !spotFiller[kw] && t.id >= 0 && t.id == c.d.vocab.lookup([]byte(kw)) {
				holds = true
			}
		}
	}
	if !holds {
		return false
	}
	for _, q := range c.hitsIn(o.start-maxPhrase-1, o.start) {
		if q.group != gCue || q.end > o.start || o.start-q.end > 1 || q.attr&cueSelf != 0 {
			continue
		}
		for j := q.start - 1; j >= 0 && j >= q.start-walkBack && !w[j+1].sb; j-- {
			k := cl[w[j].id]
			if k&wIWe != 0 {
				return true
			}
			if k&wSkip == 0 {
				break
			}
		}
	}
	return false
}

// callee handles the protected person's own speech: never a request, but
// reading out digits or a code after a request escalates the call.
func (c *Call) callee(seg bus.Segment, toks []token) {
	if !seg.Final || len(c.flags) == 0 && !c.anyPending() {
		return
	}
	run := int32(0)
	for _, t := range toks {
		if t.digits == 0 {
			run = 0
			continue
		}
		if run += t.digits; run >= 4 {
			c.signal(sigDisclosed, weightDisclosed)
			return
		}
	}
	if strings.IndexByte(seg.Text, '[') >= 0 {
		for _, l := range labels {
			if strings.Contains(seg.Text, l) {
				c.signal(sigDisclosed, weightDisclosed)
				return
			}
		}
	}
}

func (c *Call) anyPending() bool {
	for _, p := range c.pending {
		if p != nil {
			return true
		}
	}
	return false
}

// inboundWeak reports the categories asked as a matter of course by an
// organisation the listener rang (Call.inbound): an agent checks who is
// calling, takes a card, sends a sign-in code. Passwords, gift cards,
// money sent on and remote tools are no part of that.
func inboundWeak(cat int) bool {
	return cat == catCode || cat == catBank || cat == catID
}

// homeReach is how far back, in tokens, a home network named makes a bare
// "the password" its password.
const homeReach = 30

// homePassword reports a bare "the password" with a home network ("the
// wifi", "the router") named at most homeReach tokens before it: "your mom
// said you changed the wifi? … and the password?", "is this the new wifi?
// what's the password". The wifi password never flags (EVAL.md); said by
// its name it is a cancelling object, asked by "the password" it is the same.
func (c *Call) homePassword(o hit) bool {
	if o.end-o.start != 1 || c.win[o.start].id != c.d.idPassword || o.start == 0 || c.win[o.start-1].id != c.d.idThe {
		return false
	}
	if o.end < int32(len(c.win)) && !c.win[o.end].sb && !c.d.homeNext[c.win[o.end].id] {
		return false // "the password on your BT account", "the password you use for your email": another's
	}
	for j := o.start - 2; j >= 0 && j >= o.start-homeReach; j-- {
		if c.d.homeNets[c.win[j].id] {
			return true
		}
	}
	return false
}

// ownPurchase reports a gift card the speaker bought, named just before
// "I bought", "we purchased" at most ownReach tokens before the ask ("I
// left the Amazon gift card I bought yesterday on the counter … scratch the
// back and read me the code"). A
// parent asking a child to read the code of their own card runs an errand;
// only pressure makes it a demand.
func (c *Call) ownPurchase(o hit) bool {
	for j := max(o.start-ownReach, 1); j < min(o.end+4, int32(len(c.win))); j++ {
		if !c.d.boughtBy[c.win[j].id] || c.d.class[c.win[j-1].id]&wIWe == 0 {
			continue
		}
		for _, g := range c.hits {
			if g.group == gObj && g.cat == catGift && g.end <= j-1 && g.end >= j-4 {
				return true // the card named just before "I bought"
			}
		}
	}
	return false
}

// ownReach is how far back, in tokens, "the gift card I bought" makes a
// later ask about the card's code the speaker's own errand.
const ownReach = 30

// screenOnly reports a remote-access object that only shows the screen
// ("a screen sharing session", "see your screen"): a support desk the
// listener rang looks at it too; installing a tool or taking control is
// still asked outright.
func (c *Call) screenOnly(o hit) bool {
	from, to := o.start, o.end
	if o.group == gStand && o.attr&objAccessFor != 0 {
		// An access purpose is judged with its software and its act: "start a
		// screen sharing session so I can see your screen".
		if s, ok := c.softwareBefore(o); ok {
			from = s
		}
		to = min(o.end+maxAct, int32(len(c.win)))
	}
	for j := from; j < to; j++ {
		if c.win[j].id == c.d.idScreen {
			return true
		}
	}
	return false
}

// holdInbound keeps an ask found by reference or keyword waiting, as a
// weak request is, when the listener rang the caller and nothing in the
// call so far is pressure: "thank you for calling Medicare … and the
// number next to your name". It reports whether the ask was held.
func (c *Call) holdInbound(cat int, seg bus.Segment) bool {
	if !c.inbound || !inboundWeak(cat) || c.pressStrong || c.strongNow {
		return false
	}
	if seg.Final && c.pending[cat] == nil {
		f := c.evidence(seg, false)
		c.pending[cat] = &f
		c.pendStrong[cat] = true
		c.signal(sigPossible+categories[cat], weightPossible)
	}
	return true
}

// releasePending raises the weak requests waiting for pressure; those of a
// call the listener placed wait for strong pressure (pendStrong).
func (c *Call) releasePending(strong bool) {
	for cat, p := range c.pending {
		if p == nil || c.pendStrong[cat] && !strong {
			continue
		}
		if !c.flagged[cat] {
			c.raise(cat, *p)
		}
		c.pending[cat] = nil
	}
}

func (c *Call) raise(cat int, f bus.Flag) {
	c.flagged[cat] = true
	c.pending[cat] = nil
	f.Category = categories[cat]
	c.cats = append(c.cats, cat)
	c.flags = append(c.flags, f)
}

// evidence builds a flag's redacted evidence from the segment, and from
// the one before when the request began there.
func (c *Call) evidence(seg bus.Segment, spans bool) bus.Flag {
	text, start := seg.Text, seg.Start
	if spans && c.prevText != "" {
		text, start = c.prevText+" "+seg.Text, c.prevFrom
	}
	if len(text) > 4*maxEvid {
		// Only a prefix is shown; drop a number the cut may have split, which
		// Redact could no longer recognise as long.
		text = strings.TrimRight(text[:4*maxEvid], "0123456789 -.,/")
	}
	text = strings.ToValidUTF8(Redact(text), "\uFFFD")
	if len(text) > maxEvid {
		cut := maxEvid
		for cut > 0 && text[cut]&0xC0 == 0x80 {
			cut--
		}
		text = text[:cut] + "…"
	}
	return bus.Flag{Text: text, Start: start, End: seg.End, Track: seg.Track}
}

// hasSignal reports whether the call has raised the named signal.
func (c *Call) hasSignal(name string) bool {
	for _, s := range c.signals {
		if s == name {
			return true
		}
	}
	return false
}

func (c *Call) signal(name string, weight float64) {
	if c.hasSignal(name) {
		return
	}
	c.signals = append(c.signals, name)
	c.weights = append(c.weights, weight)
}

// Result returns the verdict so far.
func (c *Call) Result() Result {
	keep := 1.0
	for _, w := range c.weights {
		keep *= 1 - w
	}
	for range c.flags {
		keep *= 1 - flagRisk
	}
	r := Result{
		Risk:    1 - keep,
		Flags:   append([]bus.Flag(nil), c.flags...),
		Signals: append([]string(nil), c.signals...),
	}
	switch {
	case len(c.flags) > 0:
		r.Verdict = bus.VerdictScam
	case r.Risk >= suspiciousAt:
		r.Verdict = bus.VerdictSuspicious
	default:
		r.Verdict = bus.VerdictClean
	}
	r.Advice = adviceFor(c.cats, c.signals, r.Verdict)
	return r
}

// notice records the referents among the hits of the current segment
// (from window index nCtx); with save it keeps them for later segments.
func (c *Call) notice(nCtx int32, save bool) {
	c.references1(nCtx, save, nil)
}

// references resolves back-references in the current segment to the most
// recent referent of the call: a delivery makes "what does it say" a
// code; "your debit card" makes "walk me through what you see" card
// details; a link makes "accept the prompt" remote access.
func (c *Call) references(seg bus.Segment, nCtx int32) {
	c.references1(nCtx, seg.Final, &seg)
}

func (c *Call) references1(nCtx int32, save bool, seg *bus.Segment) {
	base := c.tokBase - int64(nCtx)
	delivAt, objAt, objCat, objNew := c.delivAt, c.objAt, c.objCat, c.objNew
	delivEnd := int32(-2) // window end of the latest delivery phrase
	for _, h := range c.hits {
		if h.start < nCtx {
			continue
		}
		fromCue := false
		pos := base + int64(h.start)
		switch h.group {
		case gObj:
			if h.attr&(objSent|objBackOnly|objDeliver|objAmount) != 0 || h.cat == catPay {
				continue
			}
			if h.cat == catNone && h.start <= delivEnd+1 {
				continue // "a code sent to your number": where it went, not a new referent
			}
			if h.cat == catNone && c.near(h, 0, func(g hit) bool { return g.group == gRef && g.cat == refYourNum && g.start == h.start }) {
				continue // "confirm your number": judged as a reference below
			}
			if c.thirdDeed(h) {
				continue // "she bought all those gift cards. What was it?": a deed told, no referent to ask for
			}
			cat := int(h.cat)
			if h.attr&objGiftAmb != 0 && c.near(h, giftReach, func(g hit) bool { return g.group == gObj && g.cat == catGift }) {
				cat = catGift
			}
			if h.attr&objRemoteAmb != 0 && c.near(h, giftReach, func(g hit) bool {
				return (g.group == gObj || g.group == gStand) && g.cat == catRemote && g.attr&objWeak == 0
			}) {
				cat = catRemote // "download AnyDesk … it will show a nine digit number, read that number to me"
			}
			if h.attr&objDeliverCode != 0 && c.deliverNear(h) || h.attr&objSentCode != 0 && c.sentNear(h) {
				cat = catCode // "you'll get a text with a PIN … read that to me"
			}
			objAt, objCat, objNew = pos, cat, cat == catCred && c.newSecret(h)
			continue
		case gRef:
		case gCue:
			// A pronoun back cue with no object of its own in reach ("when
			// it arrives, give it to me") asks for the call's referent.
			if h.attr&(cueBack|cueInfo) != cueBack|cueInfo || h.attr&cueAfterOnly != 0 || seg == nil ||
				c.d.class[c.win[h.start].id]&wEcho != 0 && c.d.class[c.win[h.end-1].id]&wToMe == 0 || // "confirm it with me" asks; "confirm it" echoes
				c.near(h, backGap, func(g hit) bool { return g.group == gObj && g.end <= h.start }) {
				continue
			}
			h.cat, fromCue = refBack, true
		default:
			continue
		}
		switch h.cat {
		case refDeliver:
			if c.moneyDelivery(h) {
				objAt, objCat, objNew = pos, catPay, false // "I sent you $400 on Cash App by mistake": money, not a code
				continue
			}
			if c.goodsDelivery(h) {
				continue // "the box will arrive in two days … before you send it": a parcel, not a code
			}
			delivAt, delivEnd = pos, h.end
			continue
		case refCard:
			if !c.near(h, frontGap, func(g hit) bool { return g.group == gObj && g.cat == catGift }) {
				objAt, objCat, objNew = pos, catBank, false
			}
			continue
		case refLink:
			objAt, objCat, objNew = pos, catRemote, false
			continue
		}
		if h.cat == refNone || h.cat == refInbound || h.cat == refGreet || h.cat == refFamily || h.cat == refDialled || h.cat == refBanking || h.cat == refInPerson || h.cat == refVideo ||
			h.cat == refSurvey || h.cat == refCalledMe {
			continue // marks the call; refers back to nothing ("you'll get a short survey by email")
		}
		if seg == nil {
			continue // the callee asks for nothing
		}
		cat := catNone
		switch {
		case h.cat == refYourNum:
			// "Your Social Security number has been suspended. Call back to
			// confirm your number": the ID just named, not a phone number.
			if objAt > delivAt && objCat == catID && pos-objAt <= yourNumReach && c.pressNow {
				cat = catID
			}
		case h.cat == refAnswer || h.cat == refWords:
			if objAt > delivAt && objCat == catCred && pos-objAt <= refReach && !(h.cat == refWords && objNew) {
				cat = catCred
			}
		case h.cat == refPayBack:
			if objAt > delivAt && objCat == catPay && pos-objAt <= refReach {
				cat = catPay
			}
		case h.cat == refType:
			// A login described by its shape, unless a card or login was just named.
			cat = catCred
			if objAt > delivAt && pos-objAt <= refReach && (objCat == catBank || objCat == catCred) {
				cat = objCat
				if objNew {
					cat = catNone // "new password and confirm … make one up … type it in both boxes": setting the listener's own
				}
			}
		case delivAt >= objAt && pos-delivAt <= refReach && h.cat != refAct:
			cat = catCode
		case objAt > delivAt && pos-objAt <= refReach && (h.cat != refGot || objCat == catCode): // "did you get the gift card … what did you get?" asks nothing
			cat = objCat
			if (h.cat == refAct) != (cat == catRemote) {
				cat = catNone // reading back what is on the screen grants no access; accepting a prompt does
			}
		}
		// Money the caller claims to have sent is asked back by "send it
		// back", "return it"; a relative's refund needs pressure.
		payBack := cat == catPay && (h.cat == refPayBack || c.d.class[c.win[h.start].id]&wPayVerb != 0) && (c.pressNow || !c.family)
		if cat == catNone || cat == catPay && !payBack || c.flagged[cat] || fromCue && cat != catCode && !payBack {
			continue // a bank agent's "can you repeat that" is about what the customer just said
		}
		if (h.cat == refNoun || h.cat == refYourNum || h.cat == refWords) && !c.infoCueBefore(h) || h.cat == refType && !c.infoCueBefore(h) && !c.backCueAfter(h, nCtx) {
			continue
		}
		if h.cat == refNoun && c.dialledNumber(h, int32(objAt-base)) {
			continue // "call the number on the back of your card … use the number on your card": the line rung
		}
		if h.cat == refNoun && c.typedInPlace(h) {
			continue // "just type those six numbers into the box yourself": a code typed where it is used
		}
		if h.cat == refNoun && c.definedAs(h) {
			continue // "What is that? It's the three numbers on the back of your card": a word explained
		}
		if h.cat == refNoun {
			// An owner or giver named in the same sentence beats the
			// remembered referent: "the number off your old one", "the
			// number I give you".
			if c.supplied(h) {
				continue
			}
			if oc, ok := c.owner(h); ok {
				if cat = oc; cat == catNone || c.flagged[cat] {
					continue
				}
			}
		}
		if h.cat != refType && h.cat != refYourNum && c.near(h, 0, func(g hit) bool { return g.group == gObj && g.cat == catNone }) {
			continue // "the number on your bill", "what is the gate code"
		}
		if (h.cat == refBack || fromCue) && c.toYours(h.end) {
			continue // "you'll get your PAC code by text, give it to your new provider": to the listener's own contact
		}
		attr := uint16(cueInfo | cueSelf)
		if h.cat == refBack || h.cat == refGot {
			attr = cueInfo // "why do I have to read it to you": the speaker reading is no ask
		}
		if payBack {
			attr = cueAct
		}
		if !c.addressed(h.start, attr) {
			continue
		}
		if c.holdInbound(cat, *seg) {
			continue
		}
		if cat == catGift && !c.pressNow && (c.ownGift || c.ownPurchase(h)) {
			c.ownGift = c.ownGift || seg.Final
			continue // "the gift card I bought … read me the number": the speaker's own card
		}
		c.raise(cat, c.evidence(*seg, false))
	}
	if save {
		c.delivAt, c.objAt, c.objCat, c.objNew = delivAt, objAt, objCat, objNew
	}
}

// inPersonReach bounds how far, in tokens, an in-person phrase may lie
// from the object it places, in the object's sentence.
const inPersonReach = 16

// bringReach is how far back, in tokens of its sentence, "bring" governs a
// document: the items of a list after it ("bring photo ID, like your
// driving licence or passport").
const bringReach = 12

// inPerson reports a document brought or shown ("bring", "show",
// "present" at most six words before it) with an in-person phrase ("in
// person", "to reception", "on your first day") in o's sentence, within
// inPersonReach tokens: the document is shown where the listener goes. Only IDs and cards
// ("bring your card to the branch"); cash brought anywhere is still paid.
// A document brought (not its number: "bring me your passport number") is
// shown wherever it goes, and "bring" reaches bringReach words.
func (c *Call) inPerson(o hit) bool {
	shown, brought := false, false
	for j := o.start - 1; j >= 0 && j >= o.start-bringReach && !c.win[j+1].sb; j-- {
		if c.d.shows[c.win[j].id] && (j >= o.start-6 || c.win[j].id == c.d.idBring) {
			shown = true // "bring your passport", "show them your licence"; "bring photo ID, like your licence or passport"
			brought = c.win[j].id == c.d.idBring
			break
		}
	}
	if !shown {
		return false // "read me your passport number, an officer will visit you in person": still read out
	}
	if brought && !c.d.numberNouns[c.win[o.end-1].id] {
		return true // "please bring photo ID": a document carried somewhere is shown there, whatever the sentence says of where
	}
	for _, h := range c.hitsIn(o.start-inPersonReach, o.end+inPersonReach) {
		if h.group == gRef && h.cat == refInPerson && c.sameSentence(h.start, o.start) {
			return true
		}
	}
	return false
}

// newSecret reports a login named as one being set: "new" at most two
// words before it in its sentence ("a new password", "your new strong
// password"). Typed into the listener's own boxes it is set, not told.
func (c *Call) newSecret(h hit) bool {
	for j := h.start - 1; j >= 0 && j >= h.start-2; j-- {
		if c.win[j].id == c.d.idNew {
			return true
		}
		if c.win[j+1].sb {
			break
		}
	}
	return false
}

// moneyDelivery reports a delivery ("sent you", "you will receive") whose
// next few words, before any other object, name money: "I sent you $400
// on Cash App by mistake", "we sent you a refund of 900 dollars". What
// comes back for it is a payment, not a code.
func (c *Call) moneyDelivery(h hit) bool {
	to := false // a delivery to the listener ("sent you"), not a delivery noun ("a notification from PayPal")
	for j := h.start; j < h.end; j++ {
		to = to || c.d.class[c.win[j].id]&wYou != 0 || c.win[j].id == c.d.idYour
	}
	if !to {
		return false
	}
	for j := h.end; j < int32(len(c.win)) && j < h.end+4; j++ {
		if c.win[j].sb {
			return false
		}
		for _, g := range c.hitsIn(j, j+1) {
			if g.group == gObj && g.cat != catPay {
				return false // "sent you a code", "sent you a text with the payment link"
			}
		}
		if c.d.class[c.win[j].id]&wMoney != 0 {
			return true
		}
	}
	return false
}

// presenting reports a screen shared for the listener to present to a
// meeting: after it in its sentence, at most presentReach words on, slides
// or a deck ("… and walk us through the roadmap deck", "… so everyone can
// see the slides"), or "walk / take / talk" addressed to a group ("us",
// "everyone", "the team") and "through". In a call with no pressure so
// far, work material ("the Q3 dashboard", "the report", "the numbers")
// presents too when a meeting or a client is named at most presentReach
// words before the share or after it in its sentence ("for the client
// call, can you share your screen …", "… with everyone"), or when it is
// walked through with no one named ("… and walk through the dashboard",
// "go over the numbers"), unless the material is the listener's account
// ("your account dashboard"), a number on something ("the numbers on your
// card"), or shown to the caller ("… with me", "so I can go over …"). The listener shows their
// own work to several people; a caller who wants to watch "me" through
// the listener's bank is not one.
func (c *Call) presenting(o hit) bool {
	w := c.win
	n := int32(len(w))
	meeting, through, toMe, group := false, false, false, false
	for j := max(o.start-2*presentReach, 0); j < o.start; j++ {
		// "Can everyone see my screen? … Just the title slide so far": a
		// group and slides already shown, up to twice as far back, name a
		// meeting as its word does.
		meeting = meeting || j >= o.start-presentReach && c.d.meetings[w[j].id]
		group = group || c.d.slides[w[j].id] || w[j].id == c.d.idEveryone
	}
	meeting = meeting || group // then "I want to walk through the numbers" after the share is the meeting's, not a caller watching
	item := int32(-1)
	for j := o.end; j < n && j < o.end+presentReach && !w[j].sb; j++ {
		if c.d.slides[w[j].id] {
			return true
		}
		if c.d.walkThrough[w[j].id] && j+2 < n && c.d.audience[w[j+1].id] && (w[j+2].id == c.d.idThrough || j+3 < n && w[j+3].id == c.d.idThrough) {
			return true
		}
		if c.d.walkThrough[w[j].id] && j+1 < n && (w[j+1].id == c.d.idThrough || w[j+1].id == c.d.idOver) {
			through = true // "walk through the dashboard": presented, to no one named
		}
		meeting = meeting || c.d.meetings[w[j].id] || w[j].id == c.d.idEveryone
		toMe = toMe || w[j].id == c.d.idMe || w[j].id == c.d.idI // "… with me", "so I can go over the report": the caller watches
		if item < 0 && c.d.workItems[w[j].id] && !c.accountItem(j) {
			item = j
		}
	}
	return item >= 0 && (meeting || through) && (!toMe || group) && !c.pressure
}

// accountItem reports work material at j that is the listener's account
// or a number on something: "your account dashboard", "your bank's
// report", "the numbers on your card".
func (c *Call) accountItem(j int32) bool {
	w := c.win
	for k := j - 1; k >= 0 && k >= j-2 && !w[k+1].sb; k-- {
		if w[k].id == c.d.idYour || c.d.class[w[k].id]&wAcctNoun != 0 {
			return true
		}
	}
	return j+1 < int32(len(w)) && !w[j+1].sb && c.d.class[w[j+1].id]&wOf != 0 && w[j+1].id != c.d.idFor
}

// presentReach is how far after a screen share, in words, presenting looks.
const presentReach = 12

// backToMe reports "back" or "to me / to us" within three words after
// end, in its sentence: where a texted thing goes when it is asked for.
func (c *Call) backToMe(end int32) bool {
	w := c.win
	for j := end; j < int32(len(w)) && j < end+3 && !w[j].sb; j++ {
		if w[j].id == c.d.idBack || j > end && w[j-1].id == c.d.idTo && (w[j].id == c.d.idMe || w[j].id == c.d.idUs) {
			return true
		}
	}
	return false
}

// namedTool reports a weak software object ("the app", "this program")
// named after it, at most namedReach words on in its sentence, as a
// remote-access tool: "… the app I'm texting you, it's called RustDesk",
// "an app named AnyDesk". The tool asked for by name is asked outright.
func (c *Call) namedTool(o hit) bool {
	w := c.win
	for j := o.end; j+1 < int32(len(w)) && j < o.end+namedReach && !w[j].sb; j++ {
		if !c.d.calledNamed[w[j].id] {
			continue
		}
		for _, g := range c.hitsIn(j+1, j+2) {
			if (g.group == gObj || g.group == gStand) && g.start == j+1 && g.cat == catRemote && g.attr&objWeak == 0 {
				return true
			}
		}
	}
	return false
}

// namedReach is how far after a weak software object namedTool looks.
const namedReach = 10

// vocative reports a text whose first word is set off by a comma or a
// sentence mark ("Mum, …", "Gran! …"): said to someone, not of them ("Mum
// said …").
func vocative(text string) bool {
	text = strings.TrimSpace(text)
	mark, space := strings.IndexAny(text, ",.!?;"), strings.IndexByte(text, ' ')
	return mark > 0 && (space < 0 || mark < space)
}

// vocativeUnmarked reports a relative's name opening a text without a
// mark after it, as a recogniser prints "Mum, the laptop…": followed by a
// determiner, a pronoun subject, "it" or "please" ("mum the netflix logged
// me out", "dad i need", "gran its me"), the name is said to them; followed
// by a verb it is its subject ("mum said", "dad wants").
func (c *Call) vocativeUnmarked(cur []token) bool {
	if len(cur) < 2 || cur[1].sb {
		return false
	}
	id := cur[1].id
	return c.d.class[id]&(wDet|wIWe|wYou) != 0 || id == c.d.idIt || id == c.d.idPlease
}

// goodsDelivery reports a delivery ("will arrive", "is on its way") whose
// subject, at most goodsReach words before it in its sentence, is goods or a
// person coming to the door: "the box will arrive in two days", "your
// replacement is on its way", "the engineer is coming". Sending it back
// later returns the goods; no code was delivered.
func (c *Call) goodsDelivery(h hit) bool {
	for j := h.start - 1; j >= 0 && j >= h.start-goodsReach; j-- {
		if c.d.goods[c.win[j].id] {
			return true
		}
		if c.win[j].sb || c.d.class[c.win[j].id]&(wYou|wIWe) != 0 {
			return false // "we have sent you a text, it will arrive": someone else's sentence
		}
	}
	return false
}

// goodsReach is how far back, in words, goodsDelivery looks for the subject.
const goodsReach = 3

// infoCueBefore reports a disclosure cue ending just before h, or "please"
// right after it: "what I'll need is the little number", "the numbers please".
func (c *Call) infoCueBefore(h hit) bool {
	for _, q := range c.hitsIn(h.start-frontGap-maxPhrase, h.end+1) {
		if q.group != gCue || q.attr&cueInfo == 0 {
			continue
		}
		if q.end <= h.start+1 && h.start-q.end <= 2 || q.start == h.end && q.attr&cueAfterOnly != 0 {
			return q.start >= h.end || c.addressed(q.start, q.attr) // "don't read out the word you use to sign in"
		}
	}
	return false
}

// typedInPlace reports a referent noun ("those six numbers") right after
// a typing cue that is not the call's own keypad: "just type those six
// numbers into the box on the computer yourself". A code is typed where it
// is used, as an object after "enter" is (cueNoCode); "key them in after
// the beep" is the call's keypad and still asks.
func (c *Call) typedInPlace(h hit) bool {
	for _, q := range c.hitsIn(h.start-2-maxPhrase, h.start) {
		if q.group == gCue && q.attr&cueNoCode != 0 && q.end <= h.start && h.start-q.end <= 2 {
			return !c.keyedIn(q, h) && !c.keypadVerb(q, h)
		}
	}
	return false
}

// listedAfter reports that o follows an object of category cat in a list:
// "your iBanking user ID and PIN" keeps the PIN the bank's, however near
// a delivery ("I'll send you a link").
func (c *Call) listedAfter(o hit, cat int) bool {
	p, ok := c.listBefore(o)
	return ok && int(p.cat) == cat
}

// backCueAfter reports a disclosure back cue later in the segment, at most
// sentReach*2 tokens on: "the thing you type to get into the app, not the
// PIN, the longer one. What's that?"
func (c *Call) backCueAfter(h hit, nCtx int32) bool {
	for _, q := range c.hitsIn(h.end, h.end+2*sentReach) {
		if q.group == gCue && q.attr&(cueInfo|cueBack) == cueInfo|cueBack && q.start >= nCtx && c.addressed(q.start, cueInfo) {
			return true
		}
	}
	return false
}

// reasked reports "then", "instead" or "fine" shortly before o in its
// sentence: "fine, then your passport number will do".
func (c *Call) reasked(o hit) bool {
	for j := o.start - 1; j >= 0 && j >= o.start-4; j-- {
		if c.d.class[c.win[j].id]&wReask != 0 {
			return true
		}
		if c.win[j].sb {
			return false
		}
	}
	return false
}

// insideGift reports a signal hit lying within a gift card object ("the
// Amazon vouchers", "an Apple gift card").
func (c *Call) insideGift(h hit) bool {
	for _, g := range c.hitsIn(h.start-maxPhrase, h.start+1) {
		if g.group == gObj && g.cat == catGift && g.start <= h.start && g.end >= h.end {
			return true
		}
	}
	return false
}

// photoCue reports a cue that takes a picture ("take a photo", "picture
// of"): it asks for a photo of a card, never for software, so a weak
// remote object near it ("for the app") is only where the photo goes.
func (c *Call) photoCue(q hit) bool {
	for j := q.start; j < min(q.end+2, int32(len(c.win))); j++ { // the bare "take" of "take a photo" too
		if j >= q.end && c.win[j].sb {
			break
		}
		if id := c.win[j].id; id == c.d.idPhoto || id == c.d.idPicture {
			return true
		}
	}
	return false
}

// readyForCallBack reports a ready frame ("ready", "handy", "to hand")
// after a call-back earlier in its sentence: "please call us back and have
// your social insurance number ready", the voicemail that asks for the
// thing on the return call. A ready frame alone ("have your card ready
// when you visit the branch") still needs pressure, and so do a bank's own
// identifiers ("call us back and have your account number ready" is what
// a real branch says): only secrets and identity numbers count.
//
// A card's own secret is one too: its security code or PIN ("please call
// back and have the card number and the security code on the back
// ready"). A bank checks a card by its number, never by the code on its
// back, so that secret asked for the return call counts where the card
// number alone stays weak. The call-back must come before the secret
// itself, so the "back" of "the code on the back" frames nothing. A return
// call after the frame counts as one before it: "have your password ready
// when you call" (returnCallAfter).
func (c *Call) readyForCallBack(q, o hit, cat int) bool {
	if q.attr&cueAfterOnly == 0 {
		return false
	}
	if cat == catBank {
		return c.cardSecret(o) && (c.framedBy(o.start, c.d.idBack, false) || c.returnCallAfter(q))
	}
	return (cat == catCred || cat == catID || cat == catCode) && (c.framedBy(q.start, c.d.idBack, false) || c.returnCallAfter(q))
}

// cardSecret reports a bank object that names a card's secret rather than
// its number: "the security code on the back", "the CVV", "your card PIN".
func (c *Call) cardSecret(o hit) bool {
	for j := o.start; j < o.end; j++ {
		if c.d.cardSecrets[c.win[j].id] {
			return true
		}
	}
	return false
}

// readyToHandOver reports a ready frame that hands a verification code
// over to the caller's side (readyHandOvers, marked cueRead among the weak
// cues): "have the log in code we text you ready to read to the agent",
// "you'll receive a login code by text; have it ready to read out to the
// agent". Only a code is judged with it (the judge loop skips it for other
// objects, such as the "log in" inside "log in code", nor for the message
// itself, "the tracking number from your text message"): other things kept
// ready for an agent are what a bank's own voicemail asks for.
func readyToHandOver(q hit, cat int) bool {
	return cat == catCode && q.attr&(cueRead|cueWeak|cueBack) == cueRead|cueWeak|cueBack
}

// messageItself reports that o names the message a code would come in,
// not the code: "text message", "message we sent" (starting with "text",
// "message", "sms" or "email"), as in "the tracking number from your text
// message". "Log in code we text you" names the code.
func (c *Call) messageItself(o hit) bool {
	id := c.win[o.start].id
	for _, m := range c.d.idMessage {
		if id == m {
			return true
		}
	}
	return false
}

// listUpTo reports that only later items of a list stand between o and
// the ready frame q after it: "have your social insurance number and your
// children's birth certificate numbers ready", "your password and your
// security question answers ready". Between them only objects, joining
// words ("and", "your", "the") and one unknown word right before an item
// ("children's"); no verb, subject, negation or clause break.
func (c *Call) listUpTo(o, q hit) bool {
	w, cl := c.win, c.d.class
	if q.start-o.end > listReach || c.breakBetween(o.end, q.start) || c.sentBetween(o.end, q.start) {
		return false
	}
	items := 0
	for j := o.end; j < q.start; {
		adv := int32(0)
		for _, h := range c.hitsIn(j-maxPhrase, j+1) {
			if h.group == gObj && h.cat != catPay && h.start == j && h.end <= q.start {
				adv = max(adv, h.end-j)
			}
		}
		if adv > 0 {
			items++
			j += adv
			continue
		}
		k := cl[w[j].id]
		switch {
		case k&(wJoin|wCoord|wFiller) != 0 && k&(wVerbish|wIWe|wYou|wNeg|wFarNeg) == 0:
		case w[j].id == idUnknown && j+1 < q.start && c.itemAt(j+1, q.start):
		default:
			return false
		}
		j++
	}
	return items > 0
}

// itemAt reports an object (not a payment) starting at j and ending by end.
func (c *Call) itemAt(j, end int32) bool {
	for _, h := range c.hitsIn(j-maxPhrase, j+1) {
		if h.group == gObj && h.cat != catPay && h.start == j && h.end <= end {
			return true
		}
	}
	return false
}

// keyedIn reports a code entered into the call itself: "press 1 now and
// enter the six-digit code we just sent", "key in the passcode we sent
// you, followed by the hash key", "type the code on your keypad". "Enter
// the code on the website" puts it where the listener logs in and stays
// clean. The press comes at most six words before the cue in its
// sentence, or at most pressClause words before it when a time clause
// follows the key and "and" / "then" joins the cue ("press one when you
// hear this message and enter that code": the code is keyed into the call
// all the same); the keypad or the hash key after the object in its
// sentence.
func (c *Call) keyedIn(q, o hit) bool {
	w := c.win
	for j := q.start - 1; j >= 0 && j >= q.start-pressClause; j-- {
		if w[j].id == c.d.idPress && j+1 < int32(len(w)) && (w[j+1].digits > 0 || w[j+1].id == c.d.idOne) {
			if j >= q.start-6 {
				return true
			}
			return c.d.pressWhen[w[j+2].id] && (w[q.start-1].id == c.d.idAnd || w[q.start-1].id == c.d.idThen) && !c.typedYourself(o) && !c.softwareAfter(o)
		}
		if w[j].sb {
			break
		}
	}
	return c.keyAfter(o) >= 0
}

// softwareAfter reports a site or app named after object o, at most six
// words on in its sentence ("… then enter the code on the website"): the
// code goes where the listener logs in.
func (c *Call) softwareAfter(o hit) bool {
	for _, h := range c.hitsIn(o.end, o.end+6) {
		if h.group == gObj && h.cat == catRemote {
			for j := o.end; j <= h.start; j++ {
				if c.win[j].sb {
					return false
				}
			}
			return true
		}
	}
	return false
}

// menuRepeat reports "repeat" as a menu choice of an automated code
// call: "press one to repeat your code", "to repeat it, press one". The
// call says the code again; the listener gives nothing. "Repeat the code
// to me" has no key press and is asked as before.
func (c *Call) menuRepeat(q, o hit) bool {
	w := c.win
	if w[q.start].id != c.d.idRepeat || q.start == 0 || w[q.start-1].id != c.d.idTo || w[q.start].sb {
		return false
	}
	if p := q.start - 3; p >= 0 && w[p].id == c.d.idPress && (w[p+1].digits > 0 || w[p+1].id == c.d.idOne) {
		return true
	}
	if !w[q.start-1].sb {
		return false
	}
	for j := max(q.end, o.end); j < int32(len(w)) && j <= max(q.end, o.end)+3; j++ {
		if w[j].id == c.d.idPress {
			return true
		}
		if w[j].sb {
			return false
		}
	}
	return false
}

// pressClause bounds the words from a key press to the typing cue it is
// joined to across a time clause ("press one when you hear this message
// and enter …").
const pressClause = 12

// keyAfter returns where the keypad or the hash key is named after object
// o in its sentence ("… the code we just texted to you, followed by the
// pound key"), at most 14 words on, or -1. The start of the current
// segment is no sentence end unless the last one ended with a sentence
// mark: recogniser output and long lines are cut between words, so the
// key may be named in the next segment.
func (c *Call) keyAfter(o hit) int32 {
	w := c.win
	for j := o.end; j < int32(len(w)) && j < o.end+14; j++ {
		if w[j].sb && (j != c.nCtx || !c.cutMidSentence()) {
			break
		}
		if id := w[j].id; id == c.d.idHash || id == c.d.idPound || id == c.d.idKeypad || id == c.d.idPad && j > 0 && w[j-1].id == c.d.idKey || c.d.ask.callPlace[id] {
			return j
		}
	}
	return -1
}

// typedYourself reports "yourself" right after a typed object, at most
// four words on in its sentence ("type in the code from the back
// yourself", "enter the new password yourself"): the listener types it
// where it is used and keeps it. "Read it to me yourself" is no typing cue.
func (c *Call) typedYourself(o hit) bool {
	w := c.win
	for j := o.end; j < int32(len(w)) && j <= o.end+4; j++ {
		if w[j].sb {
			return false
		}
		if w[j].id == c.d.idYourself {
			return true
		}
	}
	return false
}

// cutMidSentence reports that the last final segment ended without a
// sentence mark, so the current one may go on with its sentence.
func (c *Call) cutMidSentence() bool {
	t := strings.TrimRight(c.prevText, " \t\n\"')")
	return t != "" && !strings.ContainsAny(t[len(t)-1:], ".?!;")
}

// pressGarble bounds the words the recogniser may make of the typing verb
// between a key press's "and" / "then" and the code it keys in.
const pressGarble = 3

// pressedCode reports a verification code named right after a key press
// in its sentence, joined to it by "and" or "then" with at most
// pressGarble words between: the typing verb the recogniser garbled
// ("press one now and entered the verification code we just sent", "press
// one and then to the verification code", "… and then turn the …"). A
// menu's key press keys into the call, so a code after it is keyed in, as
// keyedIn has it for a heard "enter"; a time clause may come between the
// key and "and" ("press one when you hear this message and entered that
// code"), as in keyedIn. Not when a word between gives the
// code a verb or subject of its own or delivers it ("press one and we will
// text you a verification code", "… and get a new verification code",
// "… and receive …"), nor when the code's clause goes on with a verb of
// its own ("… and the verification code will be sent"), nor when not
// addressed to the listener.
func (c *Call) pressedCode(o hit) bool {
	w, cl := c.win, c.d.class
	const told = wNeg | wFarNeg | wReport | wOther | wYou | wMine | wIWe | wVerbish | wDeliver | wSent | wReceipt | wOpen | wPerfect | wHandle
	join, garble, clause := int32(-1), 0, false
	for j := o.start - 1; j >= 0 && (j >= o.start-pressGarble-6 || clause && j >= join-pressClause); j-- {
		id := w[j].id
		switch {
		case id == c.d.idPress && join >= 0 && j < join:
			if clause && !(j+2 < join && (w[j+1].digits > 0 || w[j+1].id == c.d.idOne) && c.d.pressWhen[w[j+2].id]) {
				return false
			}
			if e := o.end; e < int32(len(w)) && !w[e].sb && cl[w[e].id]&wOf != 0 {
				// "… the code from the text message", "… on your screen":
				// where it is, with no verb of its own after.
				return !c.verbAfter(e) && c.addressed(o.start, cueAct)
			}
			return c.bareAfter(o.end) && c.addressed(o.start, cueAct)
		case id == c.d.idAnd || id == c.d.idThen:
			join = j
		case join >= 0:
			if !(w[j].digits > 0 || id == c.d.idOne || id == c.d.idNow) {
				// only "press one (now) and (then)", or a time clause
				// after the key: "press one when you hear this message and"
				clause = true
			}
		case cl[id]&told != 0 || c.d.obtain[id]:
			return false // "press one and we will text you …", "… and get a new …"
		default:
			if garble++; garble > pressGarble {
				return false
			}
		}
		if w[j].sb {
			return false
		}
	}
	return false
}

// menuToPay reports a menu choice ("press one") in the window that leads
// straight into the payment it offers ("press one now to pay"): a biller's
// menu, with its other choices ("press two to speak to an agent"), is no
// pressure on that payment; a threat or a deadline elsewhere is.
func (c *Call) menuToPay() bool {
	for _, h := range c.hits {
		if h.group != gSig || c.d.signals[h.sig].name != "press_1_menu" {
			continue
		}
		for _, o := range c.hitsIn(h.end-1, h.end) {
			if o.group == gObj && o.cat == catPay && o.attr&objWeak != 0 && o.start == h.end-1 {
				return true
			}
		}
	}
	return false
}
