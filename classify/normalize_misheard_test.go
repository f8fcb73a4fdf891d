package classify

import (
	"strings"
	"testing"
)

// TestMisheard checks the misheard table reads a recogniser's word as the
// key word only next to its context word, and leaves ordinary uses alone.
func TestMisheard(t *testing.T) {
	d := New()
	words := func(s string) string {
		tk := tokenizer{d: d}
		tk.run(s)
		var ws []string
		for _, x := range tk.out {
			ws = append(ws, d.vocab.words[x.id])
		}
		return strings.Join(ws, " ")
	}
	for _, c := range []struct{ in, has, not string }{
		{"read me the car numbers", "card", ""},
		{"your car is ready", "", "card"},
		{"we need your car. Number twelve", "", "card"},
		{"what is the london and password", "login", ""},
		{"i flew to london", "", "login"},
		{"send the money with sell to this number", "zelle", ""},
		{"we sell cars", "", "zelle"},
		{"please call aspect and give us", "call us back", ""},
		{"an aspect of the case", "", "back"},
		{"read me the rowdy number", "routing", ""},
		{"a rowdy party", "", "routing"},
		{"the verification coat", "verification code", ""},
		{"put on your coat", "", "code"},
		{"whats the sort coat on your account", "sort code", ""},
		{"can you sort the coats by size", "", "code"},
		{"i caught a cold sort of", "", "code"},
		{"your sock security number", "social security", ""},
		{"the medic air office", "medicare", ""},
		{"the medic said", "", "medicare"},
		{"buy a target get card", "gift card", ""},
		{"did you get the card", "", "gift"},
		{"your pass wood", "password", ""},
		{"go to the store and i google play cards", "buy google play", ""},
		{"i think i saw it", "", "buy"},
		{"your pass word", "password", ""},
		{"your user name and e mail", "username and email", ""},
		{"your user i d", "user id", ""},
		{"i d like to", "id like", ""},
		{"pass. Word", "", "password"},
		{"read me the six digit coat", "digit code", ""},
		{"the coat we texted you", "code we texted", ""},
		{"a google voice cold", "voice code", ""},
		{"a cold voice", "", "code"},
		{"the coat that came back", "", "code"},
		{"the coat we sent you", "code we sent", ""},
		{"the coat came back from the cleaners", "", "code"},
		{"the cold you got last week", "", "code"},
		{"put on your coat we are going", "", "code"},
		{"your seat phrase", "seed phrase", ""},
		{"take a seat please", "", "seed"},
		{"tap the share scream button", "share screen", ""},
		{"start scream sharing now", "screen sharing", ""},
		{"share your scream and show the bug", "", "screen"},
		{"i heard a scream outside", "", "screen"},
		{"move it to a see cure account today", "secure account", ""},
		{"we hope to find a cure soon", "", "secure"},
		{"sent it on ben mo", "venmo", ""},
		{"a big coin machine", "bit coin", ""},
		{"a big machine", "", "bit"},
		{"type your six digit pen now", "digit pin", ""},
		{"bring a pen and your reading glasses", "", "pin"},
		{"the four digit pen pal number", "digit pin", ""},
		{"read out your so shall security number", "social security", ""},
		{"so shall we start", "", "social"},
		{"what is your i ban", "your iban", ""},
		{"get three green dog cards", "green dot", ""},
		{"the coat it sent you", "code it sent", ""},
		{"the coat it came with", "", "code"},
		{"let me dial in to you computer", "to your computer", ""},
		{"i will send you computer tips", "", "your"},
	} {
		got := words(c.in)
		if c.has != "" && !strings.Contains(got, c.has) || c.not != "" && strings.Contains(got, c.not) {
			t.Errorf("%q read as %q", c.in, got)
		}
	}
}
