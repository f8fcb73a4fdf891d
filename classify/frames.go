package classify

// Request frames: the grammatical shapes an ask takes in English, listed
// by kind rather than by the sentences a set happened to use (see
// EVAL.md, "Request frames"). Each generator crosses auxiliaries,
// subjects and verbs, so a frame covers its whole paradigm.

// modalAsks are the speaker asking leave to take something: "can I take
// your sort code", "may I know your PIN", "could we just get the code",
// "can I please have the full card number".
func modalAsks() []string {
	var out []string
	for _, aux := range []string{"can", "could", "may", "might"} {
		for _, subj := range []string{"i", "we"} {
			for _, adv := range []string{"", " just", " also", " please"} {
				for _, v := range []string{"take", "grab", "ask for", "ask you for", "confirm", "check", "know",
					"see", "verify", "note", "take down", "get down", "jot down", "trouble you for", "have", "get",
					"borrow", "start with", "go ahead with", "go through"} {
					out = append(out, aux+" "+subj+adv+" "+v)
				}
			}
		}
	}
	return out
}

// needFrames are the speaker's need with the auxiliaries the plain "need"
// cue misses: "we have to have", "I'd like", "it needs", the
// apostrophe-less recogniser forms "id like", "wed need", and a need put
// without an imperative ("it would help to have", "the only thing missing
// is"). They are cueSelf: the speaker is their subject.
func needFrames() []string {
	out := []string{"from you is", "from you today is", "off you is", "needs", "requires", "would like", "would love", "id like", "id need", "id love", "wed need",
		"wed like", "need to have", "need to get", "need to take", "need to grab", "need to check", "need to confirm",
		"need to verify", "need to know", "need to see", "is going to need", "is gonna need", "will want",
		"would want", "am after", "are after", "be needing", "will be needing", "am going to want",
		// A need put as what would help or what is missing: "it'd help to have
		// your password", "the only thing missing is your PIN".
		"would help to have", "would help to get", "would help to know", "would really help to have",
		"helps to have", "would be helpful to have", "would be great to have", "would be good to have",
		"only thing missing is", "only thing we are missing is", "only thing i am missing is",
		"only thing i need is", "only thing we need is", "only thing i still need is", "only thing we still need is"}
	for _, subj := range []string{"i", "we"} {
		for _, v := range []string{"must have", "have to have", "have got to have", "got to have", "gotta have",
			"must get", "have to get", "have got to get", "will have to have", "will have to get", "have to see",
			"have to take", "have to check", "have to confirm", "have to verify"} {
			out = append(out, subj+" "+v)
		}
	}
	return out
}

// passiveNeeds follow their object: "your sort code is required", "the
// code we sent is all we need".
func passiveNeeds() []string {
	var out []string
	for _, aux := range []string{"is", "are", "will be", "would be"} {
		for _, v := range []string{"needed", "required", "necessary", "mandatory", "all we need", "all i need",
			"what we need", "what i need", "all i will need", "all we will need", "all that is needed"} {
			out = append(out, aux+" "+v)
		}
	}
	for _, v := range []string{"first please", "next please", "now please", "then please", "too please",
		"as well please", "also please", "over to me", "over to us", "across to me", "across to us",
		"first then", "next then"} {
		out = append(out, v)
	}
	return out
}

// readyFrames follow their object in a call-back request: "have your sort
// code ready when you call", "keep the card handy", "have your national
// insurance number in front of you". Weak: a real bank's
// voicemail also asks customers to have their account number ready.
func readyFrames() []string {
	return []string{"ready", "handy", "to hand", "on hand", "at hand", "ready for", "ready to read", "ready to give",
		"ready when you call", "with you when you call", "nearby when you call", "in front of you"}
}

// readyHandOvers are a ready frame whose purpose hands the thing over to
// someone on the caller's side: "have the log in code we text you ready
// to read to the agent", "have it ready to read out to our team". Weak
// like any ready frame (a real branch says "have your account number ready
// to give to the cashier"), except for a verification code (see
// readyToHandOver): a code sent to the listener's phone is never read to
// an agent.
func readyHandOvers() []string {
	return cross([]string{"ready to", "handy to"}, []string{"read", "read out", "give", "pass", "hand", "repeat", "say"},
		[]string{"to", "it to", "them to"})
}

// callBacks are a voicemail's call-back with the thing to bring: "call us
// back with your routing number", "ring me back with those three".
func callBacks() []string {
	var out []string
	for _, v := range []string{"call", "ring", "phone", "text", "email", "message", "get back to"} {
		for _, who := range []string{"", " me", " us"} {
			if v == "get back to" && who == "" {
				continue
			}
			out = append(out, v+who+" back with")
			if who != "" && v != "get back to" {
				out = append(out, v+who+" with")
			}
		}
	}
	for _, who := range []string{"me", "us"} {
		out = append(out, "get back to "+who+" with", "come back to "+who+" with")
	}
	return append(out, "reply with", "respond with", "call in with", "call back in with")
}

// replyTos are a reply's addressee before the thing to reply with:
// "reply to this number with your username and password", "respond to
// this message with your card number", "reply by text to this number with
// the email address and password". Like "text me" or "reply with", it
// asks the listener to send what follows; "reply STOP to opt out" names no
// object, and a negation, another subject or the past ("never reply to a
// message with your password", "I replied to the bank with my details")
// are judged as for any cue. The caller's own channel may be "our" or "my"
// text ("reply to our text with the passcode you receive"), or "a text" /
// "that text" as the recogniser hears "our text" ("reply to a text with
// your username and password").
func replyTos() []string {
	channel := append(cross([]string{"this", "the", "our", "my", "that", "a"},
		[]string{"number", "message", "text", "text message", "email", "sms", "e mail", "voicemail"}), "us", "me", "this")
	out := cross([]string{"reply", "respond", "reply back", "respond back", "text back", "write back"},
		[]string{"to"}, channel, []string{"with"})
	return append(out, cross([]string{"reply", "respond"}, []string{"by text", "by sms", "by message", "by email", "via text", "via sms"},
		[]string{"to"}, []string{"this number", "our number", "my number", "this", "us", "me"}, []string{"with"})...)
}

// replyToSlips are a reply to the voicemail's own channel heard in the
// past tense: "to keep watching, replied to this message with your card
// number". The "d" of "replied to" merges into the "t" of "to", and a
// message or number the voicemail calls "this" (or "our") was not yet replied to, so
// the past form is the recogniser's slip for the imperative. A subject of
// its own ("I replied to this email with my details") is judged as for
// any cue.
func replyToSlips() []string {
	return cross([]string{"replied", "responded"}, []string{"to"},
		[]string{"this number", "this message", "this text", "this email", "this sms", "our text", "our message", "our email"}, []string{"with"})
}

// callBackTenseSlips are a call back's request verb heard in the past
// tense: "please call back and confirmed your email address and password".
// After an instruction ("please call (us) back and") only another
// instruction fits, so the past form is the recogniser's slip for the
// present one. Only with "please" / "kindly" before the call: "we tried to
// call back and verified …", "I called back and confirmed the booking"
// have a subject of their own and stay told.
func callBackTenseSlips() []string {
	var out []string
	for _, p := range []string{"please ", "kindly "} {
		for _, v := range []string{"call", "ring", "phone"} {
			for _, who := range []string{"", " me", " us"} {
				for _, verb := range []string{"confirmed", "verified", "provided", "updated", "shared", "gave", "told", "validated"} {
					out = append(out, p+v+who+" back and "+verb)
				}
			}
		}
	}
	return out
}

// callBackObjects are the second half of a call-back split by a number or
// an extension: "call me back on extension 442 with your current
// password". They count only after a call-back verb in the same stretch.
func callBackObjects() []string {
	return []string{"with your", "with the", "with those", "with that", "with these", "with all", "with both"}
}

// onlyWays name the one way to pay, which is a demand: "the only way is
// through Steam gift cards", "the only way to stop the crew is an
// immediate payment through Cash App". The "is" counts only after "only
// way" in the same sentence.
func onlyWays() []string {
	return []string{"is", "is through", "is by", "is via", "is with", "is to", "is to pay", "is to send", "is to buy",
		"would be", "will be"}
}

// secretCharacters are characters asked by their place in a secret: "the
// second, fourth and sixth characters", "the 2nd and 5th letters".
func secretCharacters() []string {
	return cross([]string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
		"tenth", "last", "1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th"},
		[]string{"characters", "character", "letters", "letter"})
}

// connectedClaims are a caller saying they are already in the listener's
// machine: "I've connected to your PC", "I'm still connected to your
// computer, just leave it on".
func connectedClaims() []string {
	return cross([]string{"i have", "i am", "i am still", "we are", "we are still", "i have just", "we have",
		"the technician is", "our technician is", "i will stay", "i will remain", "i will stay still"},
		[]string{"connected to your"}, []string{"computer", "pc", "laptop", "device", "screen", "machine"})
}

// takeDowns are the speaker noting something down, which asks for it:
// "I'll just take your card number", "let me jot down your routing number".
func takeDowns() []string {
	return cross([]string{"let me", "let me just", "let us", "i will", "i will just", "we will", "we will just",
		"i am just going to", "i am going to", "i am just gonna", "i just need to", "i will need to"},
		[]string{"take", "grab", "note", "jot down", "take down", "write down", "get down", "note down"})
}

// agentTakeDowns are someone on the speaker's side the listener is put
// through to taking it down: "my supervisor who will take your card
// number", "stay on the line and an agent will take the card details".
// Only the roles of a phone line: "an officer will take a copy of your
// passport at the appointment" is a visit. They also act ("a caseworker
// who will take payment by bank transfer").
func agentTakeDowns() []string {
	return cross([]string{"who will", "who will just", "who can", "agent will", "advisor will", "supervisor will",
		"specialist will", "representative will"}, []string{"take", "take down", "note down", "jot down", "write down"})
}

// progressives are directives in the progressive, addressed to the
// listener: "you'll be transferring the balance into the new account".
// "Your salary will be moving" has no listener as subject and is not one.
func progressives() []string {
	return cross([]string{"you will be", "you are going to be", "you should be", "you will just be", "you need to be"},
		[]string{"transferring", "moving", "wiring", "depositing", "withdrawing", "buying", "purchasing", "sending"})
}

// payDestinations put the money, not the listener, as the subject of a
// demand on where it goes: "the money needs to go into the safe
// account", "make sure the invoice payment goes to our new account". They
// count as a cue only before a payee. A plain "goes" asks nothing ("your
// pension payment goes into the new account you gave us"): the money
// nouns' "goes to" counts only after "make sure" or "ensure" (unbidden).
func payDestinations() []string {
	out := cross([]string{"needs to", "need to", "has to", "have to", "must", "should", "got to", "is to", "are to"},
		[]string{"go", "be sent", "be moved", "be transferred", "be paid", "be wired", "be deposited"},
		[]string{"to", "into", "over to", "across to", "straight to", "straight into"})
	return append(out, cross([]string{"payment", "payments", "money", "funds", "transfer"},
		[]string{"goes", "go", "is sent", "are sent", "gets sent"}, []string{"to", "into"})...)
}

// purposeChecks are the speaker's check as the purpose of having a thing
// ready: "please have your credit card in front of you so we can verify
// the card number and expiration". The speaker is the subject, as in
// "can I take your card number".
func purposeChecks() []string {
	return cross([]string{"so we can", "so that we can", "so i can", "so that i can"},
		[]string{"verify", "confirm", "check", "take", "note", "record", "validate", "match"})
}

// relativeReads follow a delivered thing in a relative clause that says
// what the listener is to do with it: "we will send a two-step
// verification code that you will need to read to the agent", "a recovery
// code which you will read back to them".
func relativeReads() []string {
	return cross([]string{"that", "which"}, []string{"you will need to", "you need to", "you will", "you will have to",
		"you have to", "you must", "you should"}, []string{"read", "read out", "read back", "give", "tell", "say", "repeat"})
}
