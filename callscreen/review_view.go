package callscreen

import (
	"fmt"
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/callscreen/callscreen/bus"
	"github.com/callscreen/callscreen/classify"
)

// What the templates see. Every string from a call is attacker-controlled
// and reaches the page only through html/template's escaping.

type base struct {
	CSRF string // the session's synchronizer token; empty when logged out
}

type loginView struct {
	base
	Next  string
	Error string
}

type errorView struct {
	base
	Status  int
	Message string
}

type option struct{ Value, Label string }

type filterForm struct {
	Verdict, Category, Source, From, To, Owner string
}

type listView struct {
	base
	Calls      []CallRecord
	Admin      bool // the operator: everyone's calls, with whose they are
	Total      int
	Precision  Precision
	Form       filterForm
	Filtered   bool
	NextURL    string
	FirstURL   string
	Error      string
	Verdicts   []option
	Categories []option
	Sources    []option
}

type callView struct {
	base
	Report
	Rows  []transcriptRow
	Flags []flagView
	Chart riskChart
}

type transcriptRow struct {
	bus.Segment
	Flags []flagView // the requests this segment carries
}

type flagView struct {
	bus.Flag
	Advice string
	Anchor string // id of the transcript row it points at
}

var verdictOptions = []option{
	{bus.VerdictScam, "Scam"},
	{bus.VerdictSuspicious, "Suspicious"},
	{bus.VerdictClean, "No problem found"},
	{VerdictPending, "Not judged yet"},
}

var sourceOptions = []option{
	{bus.SourceLive, "Live call"},
	{bus.SourceVoicemail, "Voicemail"},
	{bus.SourceText, "Typed transcript"},
}

func categoryOptions() []option {
	cats := classify.Categories()
	out := make([]option, len(cats))
	for i, c := range cats {
		out[i] = option{c, categoryName(c)}
	}
	return out
}

// categoryName is a category in words a callee understands.
func categoryName(c string) string {
	switch c {
	case classify.CategoryVerificationCode:
		return "Verification code"
	case classify.CategoryBankingDetails:
		return "Card or bank details"
	case classify.CategoryCredentials:
		return "Password"
	case classify.CategoryPersonalID:
		return "ID number"
	case classify.CategoryGiftCard:
		return "Gift cards"
	case classify.CategoryRemoteAccess:
		return "Control of your computer"
	case classify.CategoryPaymentTransfer:
		return "Sending money"
	}
	return strings.ReplaceAll(c, "_", " ")
}

func verdictName(v string) string {
	for _, o := range verdictOptions {
		if o.Value == v {
			return o.Label
		}
	}
	return "Not judged yet"
}

func sourceName(s string) string {
	for _, o := range sourceOptions {
		if o.Value == s {
			return o.Label
		}
	}
	return "Call"
}

func trackName(t string) string {
	switch t {
	case bus.TrackCaller:
		return "Caller"
	case bus.TrackCallee:
		return "You"
	}
	return "Speaker"
}

func pct(v float64) string {
	return strconv.Itoa(int(math.Round(math.Max(0, math.Min(1, v))*100))) + "%"
}

// clock formats seconds of call audio as m:ss.
func clock(sec float64) string {
	if sec < 0 || math.IsNaN(sec) || math.IsInf(sec, 0) {
		sec = 0
	}
	s := int(sec)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

func (rv *Review) funcs() template.FuncMap {
	loc := rv.cfg.Location
	return template.FuncMap{
		"when": func(t time.Time) string {
			if t.IsZero() {
				return "—"
			}
			return t.In(loc).Format("Mon 2 Jan 2006, 15:04")
		},
		"isoTime":  func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"clock":    clock,
		"pct":      pct,
		"category": categoryName,
		"verdict":  verdictName,
		"source":   sourceName,
		"track":    trackName,
		"verdictClass": func(v string) string {
			if v == "" {
				return "pending"
			}
			return v
		},
		"percentage": func(v float64) string { return pct(v) },
	}
}

func (rv *Review) newCallView(ss *session, rep Report) callView {
	v := callView{base: base{CSRF: ss.csrf}, Report: rep}
	v.Rows = make([]transcriptRow, len(rep.Transcript))
	for i, s := range rep.Transcript {
		v.Rows[i] = transcriptRow{Segment: s}
	}
	flags := rep.Call.Flags
	for _, a := range rep.Alerts {
		if !slices.ContainsFunc(flags, func(f bus.Flag) bool { return sameFlag(f, a.Flag) }) {
			flags = append(flags, a.Flag)
		}
	}
	for _, f := range flags {
		fv := flagView{Flag: f, Advice: classify.Advice(f.Category)}
		rows := matchFlag(f, rep.Alerts, rep.Transcript)
		for _, i := range rows {
			v.Rows[i].Flags = append(v.Rows[i].Flags, fv)
		}
		if len(rows) > 0 {
			fv.Anchor = fmt.Sprintf("seg-%d", rep.Transcript[rows[0]].Seq)
		}
		v.Flags = append(v.Flags, fv)
	}
	v.Chart = newRiskChart(&rep.Call, rep.Alerts, rep.Transcript)
	return v
}

// matchFlag finds the transcript segments a flag was raised on: the
// segment its alert names, else segments whose text is part of the
// evidence, else segments of the same speaker overlapping it in time.
func matchFlag(f bus.Flag, alerts []bus.Alert, segs []bus.Segment) []int {
	var out []int
	for _, a := range alerts {
		if sameFlag(a.Flag, f) || (a.Flag.Category == f.Category && a.Flag.Text == f.Text) {
			for i, s := range segs {
				if s.Seq == a.Seq && !slices.Contains(out, i) {
					out = append(out, i)
				}
			}
		}
	}
	if len(out) > 0 {
		return out
	}
	sameTrack := func(s bus.Segment) bool { return f.Track == "" || s.Track == "" || f.Track == s.Track }
	if t := strings.TrimSpace(f.Text); t != "" {
		for i, s := range segs {
			st := strings.TrimSpace(s.Text)
			if sameTrack(s) && st != "" && (strings.Contains(t, st) || strings.Contains(st, t)) {
				out = append(out, i)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	for i, s := range segs {
		if sameTrack(s) && s.Start < f.End && f.Start < s.End {
			out = append(out, i)
		}
	}
	return out
}

// riskChart is a server-drawn SVG of the call's risk over time: the CSP
// allows no script, so nothing is drawn in the browser.
type riskChart struct {
	Width, Height          int
	Left, Right, Top, Base float64
	Points                 string // polyline points
	Marks                  []chartMark
	YTicks                 []chartTick
	XTicks                 []chartTick
	Empty                  bool
}

type chartMark struct {
	X, Y  float64
	Label string
}

type chartTick struct {
	Pos   float64
	Label string
}

func newRiskChart(rec *CallRecord, alerts []bus.Alert, segs []bus.Segment) riskChart {
	c := riskChart{Width: 640, Height: 220, Left: 56, Right: 624, Top: 16, Base: 184}
	dur := rec.Duration
	for _, s := range segs {
		dur = max(dur, s.End)
	}
	as := slices.Clone(alerts)
	slices.SortStableFunc(as, func(a, b bus.Alert) int {
		switch {
		case a.Flag.End < b.Flag.End:
			return -1
		case a.Flag.End > b.Flag.End:
			return 1
		}
		return 0
	})
	for _, a := range as {
		dur = max(dur, a.Flag.End)
	}
	if dur <= 0 {
		dur = 1
	}
	x := func(t float64) float64 { return round1(c.Left + (c.Right-c.Left)*math.Max(0, math.Min(t, dur))/dur) }
	y := func(r float64) float64 { return round1(c.Base - (c.Base-c.Top)*math.Max(0, math.Min(r, 1))) }
	var pts []string
	add := func(t, r float64) { pts = append(pts, fmt.Sprintf("%g,%g", x(t), y(r))) }
	risk := 0.0
	add(0, 0)
	for _, a := range as {
		t := a.Flag.End
		add(t, risk)
		risk = math.Max(risk, a.Risk)
		add(t, risk)
		c.Marks = append(c.Marks, chartMark{X: x(t), Y: y(risk), Label: categoryName(a.Flag.Category) + " at " + clock(t) + ", risk " + pct(risk)})
	}
	add(dur, risk)
	if rec.Verdict != "" && rec.Risk != risk {
		add(dur, rec.Risk)
	}
	c.Points = strings.Join(pts, " ")
	c.Empty = len(as) == 0 && rec.Risk == 0
	for _, r := range []float64{0, 0.5, 1} {
		c.YTicks = append(c.YTicks, chartTick{Pos: y(r), Label: pct(r)})
	}
	c.XTicks = []chartTick{{Pos: x(0), Label: "0:00"}, {Pos: x(dur / 2), Label: clock(dur / 2)}, {Pos: x(dur), Label: clock(dur)}}
	return c
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }
