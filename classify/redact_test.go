package classify

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	tests := []struct{ in, want string }{
		{"my pin is 1 2 3 4", "my pin is [PIN]"},
		{"the code is four eight two nine", "the code is [CODE]"},
		{"my password is hunter2", "my password is [PASSWORD]"},
		{"card number four one one one one one one one one one one one one one one one", "card number [CARD]"},
		{"4111 1111 1111 1111", "[CARD]"},
		{"4111-1111-1111-1111 exp 12/25 cvv 123", "[CARD] exp [EXPIRY] cvv [CVV]"},
		{"the three digits on the back are 7 3 1", "the three digits on the back are [CVV]"},
		{"my social is 123-45-6789", "my social is [SSN]"},
		{"123-45-6789", "[SSN]"},
		{"routing number 0 2 1 0 0 0 0 2 1 account 12345678", "routing number [ROUTING] account [ACCOUNT]"},
		{"sort code 12-34-56", "sort code [ROUTING]"},
		{"double five triple seven", "[NUMBER]"},
		{"it is oh four two nine", "it is [NUMBER]"},
		{"call me on 555 123 4567", "call me on [NUMBER]"},
		{"please call us back at eight seven seven five five five zero one two three", "please call us back at [NUMBER]"},
		{"call me back on 555 123 4567 about the code on the back 1 2 3", "call me back on [NUMBER] about the code on the back [CVV]"},
		{"press 1 for yes, press 2 for no", "press 1 for yes, press 2 for no"},
		{"it takes two days and costs $500", "it takes two days and costs $500"},
		{"please wire $7,500 to the escrow account", "please wire $7,500 to the escrow account"},
		{"a payment of £1200 and €15000 went out", "a payment of £1200 and €15000 went out"},
		{"my pin is $1234", "my pin is $[PIN]"}, // context wins over the sign
		{"$4111111111111111", "$[CARD]"},
		{"one hundred and thirty five dollars", "one hundred and thirty five dollars"},
		{"your zip code is 902", "your zip code is 902"},
		{"the code is for eight two nine", "the code is for [CODE]"},
		{"send it to 5 people", "send it to 5 people"},
		{"my maiden name is smith", "my maiden name is [PASSWORD]"},
		{"password: correct horse", "password: [PASSWORD] horse"},
		{"order abc12345", "order [NUMBER]"},
		{"", ""},
		{"[CODE] and [CARD]", "[CODE] and [CARD]"},
	}
	for _, tt := range tests {
		got := Redact(tt.in)
		if got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again := Redact(got); again != got {
			t.Errorf("Redact not idempotent on %q: %q then %q", tt.in, got, again)
		}
	}
}

// longestDigitRun returns the longest run of consecutive ASCII digits.
func longestDigitRun(s string) int {
	best, n := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
			best = max(best, n)
		} else {
			n = 0
		}
	}
	return best
}

func FuzzRedact(f *testing.F) {
	for _, s := range []string{"my pin is 1 2 3 4", "card 4111 1111 1111 1111", "password is x", "double oh seven",
		"the code is four eight two nine", "\xff\xfe12345", strings.Repeat("9 ", 50)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := Redact(s)
		if again := Redact(r); again != r {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, r, again)
		}
		if n := longestDigitRun(r); n >= 4 {
			t.Fatalf("digit run of %d survives in %q (from %q)", n, r, s)
		}
	})
}
