package classify

import "strings"

// Objects named by description: people often name a secret by where it
// sits, what it looks like or what it is used for rather than by its name
// ("the digits across the middle", "the code by the signature strip",
// "the number you tap in at the cash machine", "the six digits that
// identify your branch"). Each generator crosses the heads a description
// uses with the places, looks and uses that pick out one object class, so
// a class is covered by its shape rather than by the sentences a set used
// (see EVAL.md, "Objects named by description").

// cross joins every a with every b (and c, when given), keeping phrases
// no longer than maxPhrase tokens.
func cross(parts ...[]string) []string {
	out := []string{""}
	for _, p := range parts {
		var next []string
		for _, x := range out {
			for _, y := range p {
				switch {
				case x == "":
					next = append(next, y)
				case y == "":
					next = append(next, x)
				default:
					next = append(next, x+" "+y)
				}
			}
		}
		out = next
	}
	kept, seen := out[:0], map[string]bool{}
	for _, p := range out {
		if n := len(strings.Fields(p)); n > 0 && n <= maxPhrase && !seen[p] {
			seen[p] = true
			kept = append(kept, p)
		}
	}
	return kept
}

// numberHeads are the words a described number starts with.
var numberHeads = []string{"number", "numbers", "digits", "long number", "big number", "digit number",
	"long card number", "card number"}

// cardNumberLooks are the card number by its place and look: "the digits
// across the middle", "the numbers on your plastic", "the long number
// embossed on the front".
func cardNumberLooks() []string {
	places := []string{"across the middle", "along the middle", "in the middle of the card", "in the middle of your card",
		"across the front", "along the front", "on the front of your card", "on the front of the card",
		"on your plastic", "on the plastic", "embossed on the card", "embossed on your card", "embossed on the front",
		"embossed on it", "raised on the card", "raised on the front", "stamped on the card", "stamped on the front",
		"printed across the front", "printed across the middle", "across the card", "across your card"}
	out := cross(numberHeads, places)
	// Read in groups: "the first four", "next four please", "in groups of four".
	for _, ord := range []string{"first", "next", "second", "third", "middle", "other"} {
		out = append(out, ord+" four digits", ord+" four numbers", ord+" group of four", ord+" block of four")
	}
	return append(out, "in groups of four", "in blocks of four", "groups of four", "four at a time")
}

// groupRefs are a card number read in groups, which only the card being
// discussed gives a meaning: "starting from the left, the first four …
// next four please". They resolve to the call's referent.
func groupRefs() []string {
	return []string{"the first four", "the next four", "next four", "the second four", "the third four",
		"the middle four", "the other four", "the last group", "the next group", "the next lot", "the first lot"}
}

// securityCodeLooks are the CVV by its place on the card: "the code by
// the signature strip", "the three numbers on the back of your card".
func securityCodeLooks() []string {
	heads := []string{"code", "number", "numbers", "digits", "three numbers", "three digits", "digits", "digit code",
		"digit number", "little code", "little number", "short code", "small code", "little numbers", "security number"}
	places := []string{"by the signature strip", "by the signature", "on the signature strip", "next to the signature",
		"near the signature", "beside the signature", "on the signature panel", "by the signature panel",
		"in the signature box", "after the signature", "on the signature", "by your signature", "next to your signature",
		"on the back of your card", "on the back of the card", "on the back of your debit", "on the back of your credit",
		"on the reverse", "on the reverse of the card", "on the reverse of your card", "on the back of it"}
	return cross(heads, places)
}

// expiryLooks are the expiry date by its use: "the date it runs out",
// "the valid thru date", "the month and year it expires".
func expiryLooks() []string {
	out := cross([]string{"date", "month and year", "month", "little date", "date on it"},
		[]string{"it runs out", "it expires", "your card expires", "the card expires", "it is valid until",
			"it is good until", "it is good through", "it runs until", "it ends", "it stops working"})
	return append(out, "valid thru date", "valid through date", "valid till", "valid until date", "good thru date",
		"good through date", "good thru", "end date on the card", "end date on your card", "date on the front",
		"date at the bottom of the card")
}

// expiryWhens are "when it expires", "when it runs out": weak, since a
// code or an offer expires too and needs the pressure of a scam.
func expiryWhens() []string {
	return []string{"when it expires", "when it runs out", "when your card expires", "when the card expires",
		"when it is valid until", "what date it expires", "what date it runs out", "when does it expire", "when does it run out"}
}

// pinUses are the card PIN by its use: "the four-digit number you tap in
// at the cash machine", "the number you use at the cash point".
func pinUses() []string {
	heads := []string{"number", "numbers", "digits", "code", "pin", "digit number", "digits", "digit code", "digit pin"}
	verbs := []string{"you tap in", "you type in", "you key in", "you punch in", "you put in", "you enter", "you use",
		"you type", "you press", "you tap", "you key", "you put"}
	places := []string{"at the cash machine", "at the cashpoint", "at the cash point", "at the atm", "at the till",
		"at the tills", "at the bank machine", "at the hole in the wall", "in the shops", "at the shops", "at the checkout",
		"in the card machine", "on the card machine", "on the keypad at", "at a cash machine", "at an atm",
		"at the machine", "at a cashpoint", "in the machine", "into the machine", "into the atm", "in the atm",
		"when you pay", "when you buy", "to get cash", "to take out cash", "to withdraw cash", "to get money out",
		"with your card", "with the card"}
	out := cross(heads, verbs, places)
	// Without the head, for long heads ("the four-digit number you tap in at the cash machine").
	for _, v := range []string{"tap in", "type in", "key in", "punch in", "put in", "enter"} {
		for _, p := range []string{"at the cash machine", "at the cashpoint", "at the cash point", "at the atm", "at the till",
			"at the bank machine", "at the checkout", "into the atm", "into the machine", "in the card machine"} {
			out = append(out, "you "+v+" "+p)
		}
	}
	return append(out, "cash machine pin", "cashpoint pin", "cash point pin", "atm code", "atm number", "cash machine number",
		"cash machine code", "cashpoint number", "pin for your card", "pin for the card", "pin on your card", "pin on the card",
		"pin for your debit card", "pin for your bank card", "number for the cash machine", "code for the cash machine",
		"number for the atm", "code for the atm")
}

// branchLooks are a sort code or routing number by its use or its place
// on a cheque: "the six digits that identify your branch", "the numbers at
// the bottom of your check", "the nine digit number on the left".
func branchLooks() []string {
	heads := []string{"number", "numbers", "digits", "code", "digits", "digit number", "digit code", "first # digits",
		"digit number", "digit code",
		"first set of numbers", "first set of digits", "first number", "first numbers", "long number"}
	places := []string{"that identify your branch", "that identifies your branch", "that identify your bank",
		"that identifies your bank", "for your branch", "of your branch", "for the branch", "for your bank branch",
		"at the bottom of your check", "at the bottom of your checks", "at the bottom of your cheque",
		"at the bottom of your cheques", "at the bottom of a check", "at the bottom of a cheque",
		"along the bottom of your check", "along the bottom of your checks", "along the bottom of your cheque",
		"along the bottom of a check", "along the bottom of a cheque", "on the bottom of your check",
		"on the bottom of your cheque", "on the bottom of a check", "on the left of your check",
		"on the left of your cheque", "on the left of the check", "on the left of the cheque",
		"on the bottom left of your check", "bottom left of your check", "bottom left of your cheque",
		"on the left at the bottom", "on your check", "on your checks", "on your cheque", "on your cheques",
		"on a check", "on a cheque", "on one of your checks", "on one of your cheques", "on your checkbook",
		"on your chequebook", "in your checkbook", "in your chequebook", "that identify the branch",
		"that identifies the branch"}
	return cross(heads, places)
}

// loginUses are a login by what the listener does with it, beyond the
// shapes of loginShapes: "what you log in with", "what you type in the
// morning", "what you put in when the app asks".
func loginUses() []string {
	whats := []string{"what you", "what do you", "whatever you", "what you normally", "what you usually", "what you always",
		"the thing you", "the word you", "the stuff you"}
	uses := []string{"log in with", "log on with", "sign in with", "sign on with", "get in with", "login with",
		"type in the morning", "type every morning", "type first thing", "type at work", "type in at work",
		"put in when the app asks", "put in when it asks", "type when it asks", "type in when it asks",
		"enter when it asks", "enter when the app asks", "type when the app asks", "put in when you log",
		"use for the portal", "use for online banking", "use for your email", "use on the app", "use for the app",
		"use for the website", "use on the website", "put in on the website", "type on the website",
		"use to get into", "type to get into", "put in to get into"}
	return cross(whats, uses)
}

// codeShows are a code generator's code by what it shows: "whatever your
// authenticator app is showing", "the six-digit one that refreshes every
// thirty seconds".
func codeShows() []string {
	out := cross([]string{"authenticator app", "authenticator", "google authenticator", "microsoft authenticator",
		"authy", "authenticator app on your phone", "code generator", "security key app", "token"},
		[]string{"is showing", "shows", "is saying", "says", "is displaying", "displays", "has on it", "has on the screen",
			"has got on it", "is showing you", "is telling you"})
	out = append(out, cross([]string{"one that", "code that", "number that", "digits that", "six digits that", "digits that",
		"the one that"}, []string{"refreshes", "changes", "rolls over", "updates", "resets", "keeps changing", "changes every",
		"refreshes every", "rolls over every"})...)
	return out
}

// idLooks are an identity number by its place on the card: "the number
// printed under your name", "the number on your licence".
func idLooks() []string {
	out := cross([]string{"number", "numbers", "long number", "number printed", "numbers printed", "reference number",
		"little number", "number that is"},
		[]string{"under your name", "below your name", "above your name", "beside your name", "next to your name",
			"by your name", "underneath your name", "under the name", "below the name"})
	out = append(out, cross([]string{"number on", "numbers on", "number off", "number from", "number printed on"},
		[]string{"your licence", "your license", "the licence", "the license", "your driving licence", "your drivers license",
			"your passport", "the passport", "your social security card", "your social card", "your medicare card",
			"your blue card", "the little blue card", "your little blue card", "your health card", "your id card",
			"the red white and blue one", "your green card", "your sin card", "your insurance card"})...)
	return append(out, "red white and blue one", "the red white and blue", "medicare one", "your nine digits",
		"the nine digits", "all nine", "all nine of them")
}

// remotePlaces are where a scam's tech support has the listener type:
// "type this in the address bar". Weak: a help desk says it too.
func remotePlaces() []string {
	return []string{"address bar", "the address bar", "url bar", "the url bar", "browser bar", "top of your browser",
		"the box at the top", "dot live", "dot net", "dot io", "dot online", "dot support", "dot app", "dot help",
		"dot tech", "dot site", "dot link", "dot xyz"}
}

// holdingPlaces are a "safe" place for the money by its look: "move your
// balance into a protected ledger".
func holdingPlaces() []string {
	return cross([]string{"safe", "secure", "protected", "holding", "temporary", "safety", "government", "frozen",
		"ring fenced", "ringfenced", "quarantine", "verified", "secured", "insured", "new secure", "new safe"},
		[]string{"ledger", "vault", "fund", "wallet", "escrow", "trust account", "holding account", "reserve account",
			"sub account", "sub ledger", "pot"})
}

// platformMoves are money moved onto an investment platform or a wallet
// topped up: "top up your wallet and move it onto the platform". Weak: a
// real broker's customer does this too; the scam's pressure makes it count.
func platformMoves() []string {
	out := cross([]string{"onto the", "into the", "to the", "over to the", "across to the", "on the"},
		[]string{"platform", "trading platform", "investment platform", "exchange", "trading account"})
	return append(out, "top up your wallet", "top up the wallet", "top up your account", "top up your trading",
		"fund your wallet", "fund your account", "fund the account")
}
