// Command domain-corpus writes the embedded engine's domain corpus
// (transcribe/domain.txt) from the typed call transcripts of the
// classifier's labelled sets: one spoken sentence per line, lower case,
// numbers as words, no speaker labels, timestamps or punctuation. The
// sphinx engine builds a trigram language model from it and interpolates
// it with the general one (transcribe/domainlm.go).
//
// Only the typed sets (tune, holdout*) are read: the spot* sets imitate a
// recogniser's mistakes ("wells far go", "gift guards"), which a language
// model must not learn.
//
//	go run ./scripts/domain-corpus > transcribe/domain.txt
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "domain-corpus:", err)
		os.Exit(1)
	}
}

func run() error {
	files, err := filepath.Glob("classify/testdata/eval/*.jsonl")
	if err != nil {
		return err
	}
	sort.Strings(files)
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for _, f := range files {
		base := filepath.Base(f)
		if !strings.HasPrefix(base, "tune") && !strings.HasPrefix(base, "holdout") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(b), "\n") {
			if strings.TrimSpace(line) == "" {
				continue
			}
			var c struct{ Text string }
			if err := json.Unmarshal([]byte(line), &c); err != nil {
				return fmt.Errorf("%s:%d: %w", f, i+1, err)
			}
			for _, s := range sentences(c.Text) {
				fmt.Fprintln(w, s)
			}
		}
	}
	return nil
}

var (
	bracketed = regexp.MustCompile(`\[[^\]]*\]|\([^)]*\)`)
	label     = regexp.MustCompile(`^\s*[A-Za-z][A-Za-z0-9 .'’-]{0,30}:\s`)
	stamp     = regexp.MustCompile(`^\s*\d{1,2}:\d{2}(:\d{2})?\s`)
	clock     = regexp.MustCompile(`\b(\d{1,2}):(\d{2})\b`)
	money     = regexp.MustCompile(`([$£€])\s?(\d[\d,]*)(?:\.(\d{2}))?`)
	ordinal   = regexp.MustCompile(`\b(\d{1,2})(st|nd|rd|th)\b`)
	number    = regexp.MustCompile(`\d[\d,]*(?:\.\d+)?`)
	splitter  = regexp.MustCompile(`[.!?;]+(?:\s|$)|\s[-–—]+\s`)
	nonword   = regexp.MustCompile(`[^a-z' ]+`)
)

// sentences turns one call's text into spoken sentences.
func sentences(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		line = bracketed.ReplaceAllString(line, " ")
		line = stamp.ReplaceAllString(line, " ")
		line = label.ReplaceAllString(line, " ")
		line = strings.NewReplacer("’", "'", "%", " percent ", "&", " and ", "/", " ",
			"Dr.", "doctor", "Mr.", "mister", "Mrs.", "missus", "Ms.", "miz", "a.m.", "a m", "p.m.", "p m",
			"e.g.", "for example", "i.e.", "that is", "etc.", "et cetera").Replace(line)
		line = spell(line)
		for _, s := range splitter.Split(line, -1) {
			s = strings.ToLower(s)
			s = strings.ReplaceAll(s, "-", " ")
			s = nonword.ReplaceAllString(s, " ")
			words := strings.Fields(s)
			for i, w := range words {
				words[i] = strings.Trim(w, "'")
			}
			s = strings.Join(strings.Fields(strings.Join(words, " ")), " ")
			if len(strings.Fields(s)) >= 2 {
				out = append(out, s)
			}
		}
	}
	return out
}

// spell writes numbers as they are said: sums and clock times as
// cardinals, short numbers as cardinals, long digit strings (phone,
// account and code numbers) digit by digit.
func spell(s string) string {
	s = money.ReplaceAllStringFunc(s, func(m string) string {
		p := money.FindStringSubmatch(m)
		unit := map[string]string{"$": "dollars", "£": "pounds", "€": "euros"}[p[1]]
		out := cardinalString(p[2]) + " " + unit
		if p[3] != "" && p[3] != "00" {
			cents := map[string]string{"$": "cents", "£": "pence", "€": "cents"}[p[1]]
			out += " and " + cardinalString(p[3]) + " " + cents
		}
		return " " + out + " "
	})
	s = clock.ReplaceAllStringFunc(s, func(m string) string {
		p := clock.FindStringSubmatch(m)
		h, _ := strconv.Atoi(p[1])
		min, _ := strconv.Atoi(p[2])
		switch {
		case min == 0:
			return cardinal(h) + " o'clock"
		case min < 10:
			return cardinal(h) + " oh " + cardinal(min)
		}
		return cardinal(h) + " " + cardinal(min)
	})
	s = ordinal.ReplaceAllStringFunc(s, func(m string) string {
		n, _ := strconv.Atoi(ordinal.FindStringSubmatch(m)[1])
		return ordinalWord(n)
	})
	return number.ReplaceAllStringFunc(s, func(m string) string {
		if strings.Contains(m, ".") {
			a, b, _ := strings.Cut(m, ".")
			return cardinalString(a) + " point " + digits(b)
		}
		plain := strings.ReplaceAll(m, ",", "")
		if strings.Contains(m, ",") || len(plain) <= 4 {
			return cardinalString(plain)
		}
		return digits(plain)
	})
}

var ones = strings.Fields("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen")
var tens = strings.Fields("_ _ twenty thirty forty fifty sixty seventy eighty ninety")

func digits(s string) string {
	var w []string
	for _, r := range s {
		if r >= '0' && r <= '9' {
			w = append(w, ones[r-'0'])
		}
	}
	return strings.Join(w, " ")
}

func cardinalString(s string) string {
	n, err := strconv.Atoi(strings.ReplaceAll(s, ",", ""))
	if err != nil || n >= 1_000_000_000 {
		return digits(s)
	}
	return cardinal(n)
}

func cardinal(n int) string {
	switch {
	case n < 20:
		return ones[n]
	case n < 100:
		if n%10 == 0 {
			return tens[n/10]
		}
		return tens[n/10] + " " + ones[n%10]
	case n < 1000:
		return join(ones[n/100]+" hundred", n%100)
	case n < 1_000_000:
		return join(cardinal(n/1000)+" thousand", n%1000)
	}
	return join(cardinal(n/1_000_000)+" million", n%1_000_000)
}

func join(head string, rest int) string {
	if rest == 0 {
		return head
	}
	return head + " " + cardinal(rest)
}

func ordinalWord(n int) string {
	special := map[int]string{1: "first", 2: "second", 3: "third", 5: "fifth", 8: "eighth", 9: "ninth", 12: "twelfth"}
	if w, ok := special[n]; ok {
		return w
	}
	if n > 20 && n%10 != 0 {
		return tens[n/10] + " " + ordinalWord(n%10)
	}
	w := cardinal(n)
	if strings.HasSuffix(w, "y") {
		return strings.TrimSuffix(w, "y") + "ieth"
	}
	return w + "th"
}
