package classify

// Shapes of the recall round after holdout34 (see EVAL.md, "Recall round
// after holdout34"): asks made by the agent a key press or a call back
// reaches, payments to a payee the caller names, and a misheard "share
// screen".

// reachedWords holds the compiled words of this round's shapes.
type reachedWords struct {
	agent  map[int32]bool // "advisor", "specialist", "case worker": staff a robocall puts the listener through to
	relAux map[int32]bool // "will", "can", "going", "just": what may stand between "who" and its asking verb
	modal  map[int32]bool // "will", "can", "going", "need": a task to come
	reach  map[int32]bool // "press", "dial": a key pressed to reach the agent
	put    map[int32]bool // "connected", "transferred": put through to the agent
	call   map[int32]bool // "call", "ring": a call back to reach the agent
	det    map[int32]bool // "a", "our": before a role word no rule names ("a handler")
	who    int32
	back   int32
	us     int32
	when   int32
	you    int32
}

func newReachedWords(v *vocab) reachedWords {
	return reachedWords{
		// Singular forms only: a plural is looked up as its singular ("agents"), and an interned
		// plural would no longer match the rules that name the singular.
		agent: v.set("agent", "advisor", "adviser", "specialist", "technician", "tech", "worker", "officer",
			"representative", "operator", "engineer", "expert", "investigator", "member", "analyst"),
		relAux: knownSet(v, "will", "would", "can", "could", "going", "to", "need", "needs", "be", "able", "also",
			"then", "just", "quickly", "simply", "is", "are"),
		modal: knownSet(v, "will", "would", "can", "could", "going", "need", "needs"),
		reach: knownSet(v, "press", "dial", "select"),
		put:   knownSet(v, "connected", "transferred", "put"),
		call:  knownSet(v, "call", "ring", "phone"),
		det:   knownSet(v, "a", "an", "our", "the"),
		who:   v.ids["who"],
		back:  v.ids["back"],
		us:    v.ids["us"],
		when:  v.ids["when"],
		you:   v.ids["you"],
	}
}

// agentReached reports a cue at pos whose subject is the relative "who"
// at j, standing for an agent the listener reaches by a key press or a
// call back named just before: "press 1 to be connected to a case worker,
// who will confirm your National Insurance number"; "call us back and
// you'll speak to a technician who will need your password". The agent is
// the caller's side, so what it will confirm or take is asked of the
// listener, as "our technician will need your password" is. Only a task to
// come ("will", "can", "is going to") and only an agent noun right before
// "who" (or a word no rule names, after "a", "an", "our" or "the": "a
// case worker"); the reach lies in the same sentence or the one before, at most
// agentReach words back. A negation was judged before (addressed: "an
// advisor who will never ask for your PIN"), and a relative with no reach
// ("our advisors, who will confirm your card number when you visit the
// branch") is left as before.
func (c *Call) agentReached(j, pos int32) bool {
	w, r := c.win, c.d.rw
	if w[j].id != r.who || j == 0 || pos-j > 5 {
		return false
	}
	if !r.agent[w[j-1].id] && !(w[j-1].id == idUnknown && j >= 2 && r.det[w[j-2].id]) {
		return false // not an agent, nor a role word no rule names after "a" or "our" ("a handler", "our claims handlers")
	}
	aux := false
	for k := j + 1; k < pos; k++ {
		if w[k].sb || !r.relAux[w[k].id] {
			return false
		}
		aux = aux || r.modal[w[k].id]
	}
	if !aux {
		return false // "an advisor who confirms your card number": what the advisor does, no task to come
	}
	sents := 0
	for k := j - 2; k >= 0 && k >= j-agentReach; k-- {
		id := w[k].id
		switch {
		case r.reach[id] && k+1 < j && w[k+1].digits > 0:
			return true // "press 1", "dial 2"
		case r.put[id]:
			return true // "you'll be connected to an advisor who …"
		case r.call[id] && k+1 < j && (w[k+1].id == r.back || w[k+1].id == r.us && k+2 < j && w[k+2].id == r.back):
			return true // "call back", "call us back"
		case r.call[id] && k >= 2 && w[k-1].id == r.you && w[k-2].id == r.when:
			return true // "when you call"
		}
		if w[k].sb {
			if sents++; sents > 1 {
				return false
			}
		}
	}
	return false
}

// agentReach is how many words back from the relative "who" a key press
// or a call back is looked for (agentReached).
const agentReach = 24
