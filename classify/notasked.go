package classify

// Shapes of the holdout33/spot30 round (see EVAL.md, "Blind, 2026-11-26
// (third session): holdout33 and spot30", Round): what a long line cut
// mid-clause reads like once joined again, self-service instructions,
// warnings in the conditional and payments to be checked before they are
// made.

// notAskedWords holds the compiled words of this round's shapes.
type notAskedWords struct {
	format map[int32]bool // "letters", "numbers", "digits", "and": an identifier's format spelled out after it
}

func newNotAskedWords(v *vocab) notAskedWords {
	return notAskedWords{
		format: knownSet(v, "letter", "letters", "number", "numbers", "digit", "digits", "character", "characters", "and", "then"),
	}
}

// formatOf reports a bare code object ("numbers", "digits") that spells
// out the format of the identifier named just before it: "your national
// insurance number two letters six numbers one letter", "your account
// number, eight digits". A count stands right before it, and only counts
// and format words ("letters", "and") lie between it and the end of an
// object of another category, at most seven words back in one sentence.
// "Your card number and the six digits we sent" has "the" between and is
// judged as before.
func (c *Call) formatOf(o hit) bool {
	w, f := c.win, c.d.na.format
	if o.start < 2 || w[o.start-1].digits == 0 || w[o.start].sb || w[o.start-1].sb {
		return false
	}
	for j := o.start - 2; j >= 0 && j >= o.start-8; j-- {
		for _, h := range c.hitsIn(j+1-maxPhrase, j+1) {
			if h.group == gObj && h.end == j+1 && h.cat != catCode && h.cat < catNone && h.attr&objWeak == 0 {
				return true
			}
		}
		if w[j+1].sb || w[j].digits == 0 && !f[w[j].id] {
			return false
		}
	}
	return false
}
