package classify

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/callscreen/callscreen/bus"
)

// sharedDir finds the team's external evaluation data: $CALLSCREEN_SHARED_DATA,
// else ../../shared/data from this package (the checkout's sibling shared/).
func sharedDir(t *testing.T) string {
	dir := os.Getenv("CALLSCREEN_SHARED_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "data")
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared data not found at %s (set CALLSCREEN_SHARED_DATA)", dir)
	}
	return dir
}

// tally counts verdicts over a dataset.
type tally struct {
	name                       string
	n, scam, suspicious, clean int
	cats                       map[string]int
}

func (ta *tally) add(r Result) {
	ta.n++
	switch r.Verdict {
	case bus.VerdictScam:
		ta.scam++
	case bus.VerdictSuspicious:
		ta.suspicious++
	default:
		ta.clean++
	}
	for _, f := range r.Flags {
		ta.cats[f.Category]++
	}
}

func (ta *tally) row() string {
	pct := func(k int) string { return fmt.Sprintf("%.1f%%", 100*ratio(k, ta.n)) }
	return fmt.Sprintf("| %s | %d | %s | %s | %s | %s |", ta.name, ta.n, pct(ta.scam), pct(ta.suspicious),
		pct(ta.clean), catSummary(ta.cats))
}

func catSummary(m map[string]int) string {
	var parts []string
	for _, c := range Categories() {
		if m[c] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", c, m[c]))
		}
	}
	return strings.Join(parts, ", ")
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("%s: %v", path, err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

// TestSharedData reports how the detector judges the external datasets:
// NCSU robocalls and YouTube scam calls (all scams) and Harper Valley bank
// calls (all legitimate). Robocalls rarely ask for anything outright, so
// most should be suspicious; no Harper Valley call may be flagged.
func TestSharedData(t *testing.T) {
	dir := sharedDir(t)
	d := New()
	var rows []string

	robo := tally{name: "NCSU robocalls (unique, en)", cats: map[string]int{}}
	seen := map[string]bool{}
	for i, r := range readCSV(t, filepath.Join(dir, "ncsu-robocall", "metadata.csv")) {
		if i == 0 || len(r) < 3 || r[1] != "en" {
			continue
		}
		text := strings.TrimSpace(r[2])
		if text == "" || seen[text] {
			continue
		}
		seen[text] = true
		robo.add(d.Classify(ParseTranscript(text)))
	}
	rows = append(rows, robo.row())

	yt := tally{name: "YouTube scam calls", cats: map[string]int{}}
	for i, r := range readCSV(t, filepath.Join(dir, "youtube-scam-transcripts", "youtube_scams.csv")) {
		if i == 0 || len(r) < 3 {
			continue
		}
		yt.add(d.Classify(ParseTranscript(r[2])))
	}
	rows = append(rows, yt.row())

	hv := tally{name: "Harper Valley bank calls", cats: map[string]int{}}
	b, err := os.ReadFile(filepath.Join(dir, "harper-valley-sample", "harper_valley_sample.jsonl"))
	if err != nil {
		t.Skip(err)
	}
	for line := range strings.Lines(string(b)) {
		var call struct {
			Turns []struct {
				Role string `json:"speaker_role"`
				Text string `json:"human_transcript"`
			} `json:"turns"`
		}
		if err := json.Unmarshal([]byte(line), &call); err != nil {
			t.Fatal(err)
		}
		var segs []bus.Segment
		for i, turn := range call.Turns {
			// The bank's agent is the remote party; Harper Valley's "caller"
			// is the customer, the person callscreen protects.
			track := bus.TrackCaller
			if turn.Role == "caller" {
				track = bus.TrackCallee
			}
			segs = append(segs, bus.Segment{Seq: uint64(i + 1), Track: track, Text: turn.Text, Final: true})
		}
		r := d.Classify(segs)
		hv.add(r)
		if len(r.Flags) > 0 {
			t.Errorf("Harper Valley call flagged: %v", r.Flags)
		}
	}
	rows = append(rows, hv.row())

	t.Logf("\n| dataset | calls | scam | suspicious | clean | flags by category |\n|---|---|---|---|---|---|\n%s",
		strings.Join(rows, "\n"))
	if s := ratio(robo.scam+robo.suspicious, robo.n); s < 0.5 {
		t.Errorf("only %.2f of robocalls scam or suspicious", s)
	}
}
