package classify

import (
	"fmt"
	"slices"
	"strings"
	"testing"
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
	for _, m := range missed {
		t.Errorf("missed %s", m)
	}
	for _, m := range flagged {
		t.Errorf("flagged %s", m)
	}
	t.Logf("%d cases: %d asks missed, %d warnings flagged", total, len(missed), len(flagged))
}
