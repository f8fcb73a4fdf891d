package classify

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/callscreen/callscreen/bus"
)

// askObjects are things a scammer asks the listener for, by category, each
// worded as a caller would name it.
var askObjects = map[string][]string{
	CategoryVerificationCode: {
		"the verification code we just texted you", "the six digit code on your phone", "the one time passcode we sent",
		"the code that just came through", "the numbers in the text we sent you", "the security code we sent to your mobile",
		"the login code in your email", "the authentication code",
	},
	CategoryBankingDetails: {
		"your card number", "the long number on the front of your card", "the three digits on the back of your card",
		"your cvv", "the expiry date on your card", "your pin", "your account number and sort code", "your routing number",
		"your online banking password",
	},
	CategoryCredentials: {
		"your password", "your email password", "your username and password", "your mother's maiden name",
		"the answer to your security question", "your apple id password", "the name of your first pet",
	},
	CategoryPersonalID: {
		"your social security number", "your national insurance number", "your medicare number", "your passport number",
		"your driver's licence number", "your social insurance number",
	},
}

// askFrames are ways of asking for an object {o}; tellFrames mention the
// same object without asking for it.
var (
	askFrames = []string{
		"can you read me {o}", "could you tell me {o}", "i need you to give me {o}", "just read out {o} for me",
		"please confirm {o}", "go ahead and read {o} back to me", "what is {o}", "what's {o}", "you'll need to give the agent {o}",
		"have {o} ready when you call us back", "have {o} handy", "keep {o} in front of you when you call back",
		"i'll just need {o}", "the agent will ask you for {o}", "text {o} to this number", "pop {o} into a text back to me",
		"key in {o} now", "type {o} into the chat", "send me {o}", "all i need is {o}", "if you could just read {o} to me",
		"let me have {o}", "i'm going to need {o}", "you must provide {o} to stop the arrest", "tell me {o} so i can verify you",
		"we need {o} to verify your identity", "say {o} out loud for me", "enter {o} after the tone", "read {o} to me slowly",
	}
	tellFrames = []string{
		"we will never ask you for {o}", "never give anyone {o}", "do not share {o} with anyone", "if anyone asks for {o} hang up",
		"we won't ask you to read {o}", "you don't need to give us {o}", "no one from the bank will ask for {o}",
		"please never read {o} to a caller", "keep {o} to yourself", "nobody should ever ask you for {o}",
		"i would never ask you for {o}", "don't read {o} to anyone who calls you",
		// Negated asks over a list (negatedInfinitive, negBeforeOr).
		"we will never ask you to change your address online, to move your savings to a new account or to read out {o}",
		"i am not going to ask you for your date of birth or your address, or ask you to tell me {o}",
	}
	// codeTellFrames put a code where the listener uses it, their own app
	// or website: typed there, it is asked of no one.
	codeTellFrames = []string{
		"enter {o} in the app to confirm", "you'll need to enter {o} in our app yourself",
		"{o} is for you to type into the website and not to read out to anyone", "type {o} into the website yourself",
		"key in {o} on our website to finish signing in",
	}
)

// askContext wraps a frame in a call: a bank's fraud-team opening, and a
// closing line. Each case is checked typed and as a recogniser prints it.
func askContext(frame string, typed bool) string {
	if !typed {
		return "hello this is the fraud team at your bank weve seen a suspicious payment on your account " +
			strings.ReplaceAll(frame, "'", "") + " please call the number on the back of your card"
	}
	return "Hello, this is the fraud team at your bank. We've seen a suspicious payment on your account. " +
		strings.ToUpper(frame[:1]) + frame[1:] + ". Please call the number on the back of your card."
}

// TestAskGrammar crosses ways of asking with the things asked for, typed
// and unpunctuated: every ask flags its category, and the same objects
// inside warnings and refusals flag nothing. It checks that a rule holds
// for a whole class of phrasing, not for one sentence.
func TestAskGrammar(t *testing.T) {
	d := New()
	cats := slices.Sorted(func(yield func(string) bool) {
		for c := range askObjects {
			if !yield(c) {
				return
			}
		}
	})
	var missed, flagged []string
	total := 0
	for _, cat := range cats {
		for _, o := range askObjects[cat] {
			for _, typed := range []bool{true, false} {
				for _, f := range askFrames {
					total++
					text := askContext(strings.ReplaceAll(f, "{o}", o), typed)
					if !slices.Contains(flagCats(d.Classify(ParseTranscript(Redact(text))).Flags), cat) {
						missed = append(missed, fmt.Sprintf("%s: %q", cat, text))
					}
				}
				tells := tellFrames
				if cat == CategoryVerificationCode {
					tells = append(slices.Clip(tellFrames), codeTellFrames...)
				}
				for _, f := range tells {
					total++
					text := askContext(strings.ReplaceAll(f, "{o}", o), typed)
					if got := flagCats(d.Classify(ParseTranscript(Redact(text))).Flags); len(got) > 0 {
						flagged = append(flagged, fmt.Sprintf("%v: %q", got, text))
					}
				}
			}
		}
	}
	reportGrammar(t, total, missed, flagged)
}

// actObjects are things a scammer has the listener do or hand over by act,
// for the action categories; actFrames ask for them and actTellFrames
// mention them without asking.
var (
	actObjects = map[string][]string{
		CategoryGiftCard: {"some google play gift cards", "five hundred dollars in itunes cards", "steam cards",
			"an apple gift card", "amazon vouchers"},
		CategoryRemoteAccess: {"anydesk", "teamviewer", "a remote support app", "the quick assist program"},
		CategoryPaymentTransfer: {"the money to a safe account", "two thousand dollars by bank transfer",
			"the balance to the new account we set up", "the fee by western union"},
	}
	actFrames = map[string][]string{
		CategoryGiftCard: {"i need you to buy {o} today", "go to the store and get {o} now", "you must pay with {o} to stop the arrest",
			"the fine has to be paid in {o}", "pick up {o} on your way home and read me the numbers"},
		CategoryRemoteAccess: {"i need you to download {o} right now", "please install {o} so i can fix it",
			"go ahead and open {o} and give me the number it shows", "you must install {o} to stop the hackers"},
		CategoryPaymentTransfer: {"i need you to send {o} right now", "you must move {o} today", "please transfer {o} before five",
			"go to your banking app and send {o}"},
	}
	actTellFrames = map[string][]string{
		CategoryGiftCard:     {"we will never ask you to pay with {o}", "no real agency accepts {o}", "if anyone asks you to buy {o} hang up"},
		CategoryRemoteAccess: {"never let a caller make you install {o}", "we will never ask you to download {o}", "do not install {o} for anyone who calls you"},
		CategoryPaymentTransfer: {"we will never ask you to send {o}", "never move {o} because a caller tells you to", "do not send {o} to anyone who calls you",
			"we would never ask you to read out a code from a text, to share your password or to send {o}",
			"i'm not going to ask for your card details or passcodes, or ask you to send {o}"},
	}
	// actWarnings are legitimate lines that name codes, cards and apps.
	actWarnings = []string{
		"you can still use apple pay once the new card is added in the app",
		"the code we texted is for you to type into the website, not to read out to anyone",
		"you'll need to enter the code in our app yourself",
		"enter the code in the app to confirm",
		"your refund will be paid into the account you already have on file",
		"do you want me to read the code to you? no please don't read it to anyone",
		"when you log in it'll ask you for the code from the app",
		"use the reset page on the intranet, which will text a code to your mobile",
		"before you send the deposit, please call our office on the number in your contract and confirm the account with us",
		"if you want to change your direct deposit, please do that yourself in the payroll portal",
		"the tax office will pay it to the account they already have on file",
		"if a text comes with a code in it that you didn't ask for, just delete it",
		// Self-service and conditional warnings (promptSystem, pleaseOpens, orNegated, reportGoesOn).
		"the portal will ask for their date of birth and social security number and you enter that yourself",
		"you type your account number into the portal yourself, please don't email it to me or read it out to anyone",
		"if anybody rings saying it's me and i'm in trouble and need money or gift cards, hang up and call my mobile",
	}
)

// TestAskGrammarActs crosses the action categories' asks and warnings with
// their objects, typed and unpunctuated, in the bank fraud-team context of
// TestAskGrammar.
func TestAskGrammarActs(t *testing.T) {
	d := New()
	var missed, flagged []string
	total := 0
	for _, cat := range []string{CategoryGiftCard, CategoryRemoteAccess, CategoryPaymentTransfer} {
		for _, o := range actObjects[cat] {
			for _, typed := range []bool{true, false} {
				for _, f := range actFrames[cat] {
					total++
					text := askContext(strings.ReplaceAll(f, "{o}", o), typed)
					if !slices.Contains(flagCats(d.Classify(ParseTranscript(Redact(text))).Flags), cat) {
						missed = append(missed, fmt.Sprintf("%s: %q", cat, text))
					}
				}
				for _, f := range actTellFrames[cat] {
					total++
					text := askContext(strings.ReplaceAll(f, "{o}", o), typed)
					if got := flagCats(d.Classify(ParseTranscript(Redact(text))).Flags); len(got) > 0 {
						flagged = append(flagged, fmt.Sprintf("%v: %q", got, text))
					}
				}
			}
		}
	}
	for _, w := range actWarnings {
		for _, typed := range []bool{true, false} {
			total++
			text := askContext(w, typed)
			if !typed {
				text = askContext(strings.NewReplacer(",", "", "?", "").Replace(w), typed)
			}
			if got := flagCats(d.Classify(ParseTranscript(Redact(text))).Flags); len(got) > 0 {
				flagged = append(flagged, fmt.Sprintf("%v: %q", got, text))
			}
		}
	}
	reportGrammar(t, total, missed, flagged)
}

// cutContext is a long unpunctuated opening, longer than cutLen, that a
// frame is said after when it is cut in two by a segment boundary.
const cutContext = "hello this is the fraud team at your bank we have seen a suspicious payment on your account this morning " +
	"and we have put a temporary hold on your card while we look into it so nothing else can go out before we speak to you"

// TestAskGrammarCut says every ask and warning of TestAskGrammar, as a
// recogniser prints it, after a long opening and cuts it between two
// segments of the same speaker at every word boundary inside the frame, as
// ParseTranscript cuts a long line with no punctuation: the ask must still
// flag its category and the warning must stay clean, as if no boundary
// were there ("we will never ask | you for your pin", "i need you to |
// give me your card number"). The frames that send a thing back to the
// speaker ("text {o} to this number", "pop {o} into a text back to me")
// are left out: cut before "to this number" with a clause of the object's
// own before it, the object was judged in the first segment without it
// (see tailCut), which this round leaves.
func TestAskGrammarCut(t *testing.T) {
	d := New()
	var missed, flagged []string
	total := 0
	judge := func(frame, o string) []string {
		words := strings.Fields(strings.NewReplacer("'", "", ",", "").Replace(strings.ReplaceAll(frame, "{o}", o)))
		var all []string
		for k := 1; k < len(words); k++ {
			segs := []bus.Segment{
				{Seq: 1, Text: cutContext + " " + strings.Join(words[:k], " "), Final: true},
				{Seq: 2, Text: strings.Join(words[k:], " ") + " please call the number on the back of your card", Final: true},
			}
			for i := range segs {
				segs[i].Text = Redact(segs[i].Text)
			}
			total++
			all = append(all, strings.Join(flagCats(d.Classify(segs).Flags), ",")+"\t"+strings.Join(words[:k], " ")+" | "+strings.Join(words[k:], " "))
		}
		return all
	}
	for cat, objs := range askObjects {
		for _, o := range objs {
			for _, f := range askFrames {
				if strings.HasPrefix(f, "text ") || strings.HasPrefix(f, "pop ") {
					continue
				}
				for _, r := range judge(f, o) {
					if got, _, _ := strings.Cut(r, "\t"); !slices.Contains(strings.Split(got, ","), cat) {
						missed = append(missed, cat+": "+r)
					}
				}
			}
			for _, f := range tellFrames {
				for _, r := range judge(f, o) {
					if got, _, _ := strings.Cut(r, "\t"); got != "" {
						flagged = append(flagged, r)
					}
				}
			}
		}
	}
	reportGrammar(t, total, missed, flagged)
}

// reachedFrames are asks made by the agent a key press or a call back puts
// the listener through to (agentReached): the relative "who will confirm
// {o}" is the caller's side asking. reachedTellFrames name the same agent
// and object without an ask: negated, or a warning about such calls.
var (
	reachedFrames = []string{
		"press 1 now to be put through to an advisor who will confirm {o} with you",
		"press 2 to speak with one of our specialists, who will verify {o}",
		"call us back today and you will speak to an officer who will ask you for {o}",
		"you will be transferred to a representative who is going to confirm {o}",
		"when you call you will reach an investigator who will need {o}",
		"dial 9 to reach a fraud officer, who can verify {o} and stop the payment",
		"press 1 and you'll be connected to a technician who will just need {o}",
		"press 3 to be put through to a caseworker who will confirm {o} for you",
	}
	reachedTellFrames = []string{
		"press 1 to speak to an advisor who will never ask for {o}",
		"if a message tells you to press 1 for an agent who will confirm {o}, hang up",
		"press 1 to be connected to a caseworker, who will not need {o}",
		"our advisors in the branch, who will check {o} when you visit, can help",
	}
	// reachedWarnings reach an agent who confirms nothing secret.
	reachedWarnings = []string{
		"press 1 to speak to an advisor who will confirm your appointment",
		"a specialist will confirm the transaction with you when you call",
		"our agents will never ask for your pin",
		"press 1 to be connected to a nurse who will confirm your booking time",
		"call us back and a technician who will fix your broadband will come out on tuesday",
	}
)

// TestAskGrammarReached crosses the reached agent's asks and warnings with
// the information objects of TestAskGrammar, typed and unpunctuated, in the
// same bank fraud-team context.
func TestAskGrammarReached(t *testing.T) {
	d := New()
	var missed, flagged []string
	total := 0
	for cat, objs := range askObjects {
		for _, o := range objs {
			for _, typed := range []bool{true, false} {
				for _, f := range reachedFrames {
					total++
					text := askContext(strings.ReplaceAll(f, "{o}", o), typed)
					if !typed {
						text = strings.ReplaceAll(text, ",", "")
					}
					if !slices.Contains(flagCats(d.Classify(ParseTranscript(Redact(text))).Flags), cat) {
						missed = append(missed, fmt.Sprintf("%s: %q", cat, text))
					}
				}
				for _, f := range reachedTellFrames {
					total++
					text := askContext(strings.ReplaceAll(f, "{o}", o), typed)
					if !typed {
						text = strings.ReplaceAll(text, ",", "")
					}
					if got := flagCats(d.Classify(ParseTranscript(Redact(text))).Flags); len(got) > 0 {
						flagged = append(flagged, fmt.Sprintf("%v: %q", got, text))
					}
				}
			}
		}
	}
	for _, w := range reachedWarnings {
		for _, typed := range []bool{true, false} {
			total++
			if got := flagCats(d.Classify(ParseTranscript(Redact(askContext(w, typed)))).Flags); len(got) > 0 {
				flagged = append(flagged, fmt.Sprintf("%v: %q", got, w))
			}
		}
	}
	reportGrammar(t, total, missed, flagged)
}

// reportGrammar fails a grammar test for each ask it missed and each
// warning it flagged, and logs the totals.
func reportGrammar(t *testing.T, total int, missed, flagged []string) {
	t.Helper()
	for _, m := range missed {
		t.Errorf("missed %s", m)
	}
	for _, m := range flagged {
		t.Errorf("flagged %s", m)
	}
	t.Logf("%d cases: %d asks missed, %d warnings flagged", total, len(missed), len(flagged))
}
