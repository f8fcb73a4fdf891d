package classify

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestDbg(t *testing.T) {
	txt := os.Getenv("DBG")
	if txt == "" {
		t.Skip()
	}
	for _, one := range strings.Split(txt, "||") {
		one = strings.ReplaceAll(one, `\n`, "\n")
		segs := ParseTranscript(one)
		for i := range segs {
			segs[i].Text = Redact(segs[i].Text)
		}
		r := New().Classify(segs)
		var got []string
		for _, f := range r.Flags {
			got = append(got, f.Category)
		}
		fmt.Printf("%v %v | %q\n", got, r.Signals, one)
	}
}
