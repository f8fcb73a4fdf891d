package transcribe

import (
	"bufio"
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"
)

// arpaModel is a backoff model read back from ARPA text, to check what
// writeDomainARPA wrote.
type arpaModel struct {
	prob, bow map[string]float64 // log10, by n-gram joined with spaces
	vocab     []string
}

func readARPA(t *testing.T, b []byte) *arpaModel {
	t.Helper()
	m := &arpaModel{prob: map[string]float64{}, bow: map[string]float64{}}
	sc := bufio.NewScanner(bytes.NewReader(b))
	order := 0
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "" || line == `\data\` || line == `\end\` || strings.HasPrefix(line, "ngram "):
			continue
		case strings.HasSuffix(line, "-grams:"):
			order = int(line[1] - '0')
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 || len(strings.Fields(f[1])) != order {
			t.Fatalf("bad %d-gram line %q", order, line)
		}
		p, err := strconv.ParseFloat(f[0], 64)
		if err != nil {
			t.Fatalf("bad probability in %q", line)
		}
		m.prob[f[1]] = p
		if len(f) == 3 {
			if m.bow[f[1]], err = strconv.ParseFloat(f[2], 64); err != nil {
				t.Fatalf("bad backoff weight in %q", line)
			}
		}
		if order == 1 && f[1] != "<s>" {
			m.vocab = append(m.vocab, f[1])
		}
	}
	return m
}

// p is the model's probability of w after the context words, backing off
// as a decoder does.
func (m *arpaModel) p(ctx []string, w string) float64 {
	for len(ctx) > 0 {
		key := strings.Join(append(append([]string{}, ctx...), w), " ")
		if lp, ok := m.prob[key]; ok {
			return math.Pow(10, lp)
		}
		bow := m.bow[strings.Join(ctx, " ")] // 0 (weight 1) when not listed
		return math.Pow(10, bow) * m.p(ctx[1:], w)
	}
	return math.Pow(10, m.prob[w])
}

func TestWriteDomainARPA(t *testing.T) {
	corpus := "please read me the code we sent\nread me the code\nbuy gift cards and read me the numbers\n" +
		"your code is four eight two nine do not share it\nplease call us back\nthe code is on the back of the card\n"
	known := func(w string) bool { return w != "xyzzy" }
	var buf bytes.Buffer
	n, err := writeDomainARPA(&buf, corpus+"read me xyzzy the code\n", known)
	if err != nil {
		t.Fatal(err)
	}
	m := readARPA(t, buf.Bytes())
	if n != len(m.vocab) {
		t.Errorf("reported %d words, model has %d", n, len(m.vocab))
	}
	for k := range m.prob {
		if strings.Contains(k, "xyzzy") || strings.Contains(k, "me the code is") {
			t.Errorf("n-gram %q holds or spans an unknown word", k)
		}
	}
	// A backoff model is a distribution in every context, seen or not.
	for _, ctx := range [][]string{{"<s>"}, {"read", "me"}, {"me", "the"}, {"the", "code"}, {"the"}, {"gift", "cards"}, {"cards", "the"}, {"sent"}} {
		sum := 0.0
		for _, w := range m.vocab {
			sum += m.p(ctx, w)
		}
		if math.Abs(sum-1) > 1e-3 {
			t.Errorf("probabilities after %q sum to %.5f, want 1", ctx, sum)
		}
	}
	// The corpus's word sequences are likelier than their scramblings.
	if a, b := m.p([]string{"read", "me"}, "the"), m.p([]string{"read", "me"}, "gift"); a <= b*10 {
		t.Errorf("p(the | read me) = %.4f, p(gift | read me) = %.4f", a, b)
	}
}

func TestDomainCorpusModel(t *testing.T) {
	var buf bytes.Buffer
	n, err := writeDomainARPA(&buf, domainCorpus, func(string) bool { return true })
	if err != nil {
		t.Fatal(err)
	}
	if n < 1000 {
		t.Fatalf("domain model has %d words", n)
	}
	m := readARPA(t, buf.Bytes())
	for _, ctx := range [][]string{{"read", "me"}, {"the", "verification"}, {"gift"}, {"<s>"}} {
		sum := 0.0
		for _, w := range m.vocab {
			sum += m.p(ctx, w)
		}
		if math.Abs(sum-1) > 1e-3 {
			t.Errorf("probabilities after %q sum to %.5f, want 1", ctx, sum)
		}
	}
	if _, err := writeDomainARPA(&buf, domainCorpus, func(string) bool { return false }); err == nil {
		t.Error("a corpus with no known word built a model")
	}
}
