package callscreen

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/callscreen/callscreen/bus"
	"github.com/callscreen/callscreen/classify"
)

// dateLayout is how the review page's date inputs send a day.
const dateLayout = "2006-01-02"

// ParseFilter reads a listing filter from query parameters, as the review
// page and GET /v1/calls send them: verdict (scam, suspicious, clean,
// pending), category (a classify category), source (live, voicemail,
// text), from and to (a day YYYY-MM-DD in loc, both inclusive, or an
// RFC 3339 instant, to exclusive), limit (1..MaxPageSize) and cursor (the
// previous page's next). Empty parameters are ignored; anything else
// invalid is an ErrBadFilter.
func ParseFilter(q url.Values, loc *time.Location) (Filter, error) {
	if loc == nil {
		loc = time.Local
	}
	var f Filter
	for name, vals := range q {
		for _, v := range vals {
			if len(v) > 256 {
				return Filter{}, fmt.Errorf("%w: %s too long", ErrBadFilter, name)
			}
		}
	}
	f.Verdict = q.Get("verdict")
	if f.Verdict != "" && !slices.Contains(verdictValues, f.Verdict) {
		return Filter{}, fmt.Errorf("%w: unknown verdict %q", ErrBadFilter, f.Verdict)
	}
	f.Category = q.Get("category")
	if f.Category != "" && !slices.Contains(classify.Categories(), f.Category) {
		return Filter{}, fmt.Errorf("%w: unknown category %q", ErrBadFilter, f.Category)
	}
	f.Source = q.Get("source")
	if f.Source != "" && !slices.Contains(sourceValues, f.Source) {
		return Filter{}, fmt.Errorf("%w: unknown source %q", ErrBadFilter, f.Source)
	}
	f.Owner = q.Get("owner")
	if f.Owner != "" && !userName.MatchString(f.Owner) && f.Owner != AdminUser {
		return Filter{}, fmt.Errorf("%w: bad owner %q", ErrBadFilter, f.Owner)
	}
	var err error
	if f.From, err = parseFilterTime(q.Get("from"), loc, false); err != nil {
		return Filter{}, fmt.Errorf("%w: from: %w", ErrBadFilter, err)
	}
	if f.To, err = parseFilterTime(q.Get("to"), loc, true); err != nil {
		return Filter{}, fmt.Errorf("%w: to: %w", ErrBadFilter, err)
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > MaxPageSize {
			return Filter{}, fmt.Errorf("%w: limit must be 1..%d", ErrBadFilter, MaxPageSize)
		}
		f.Limit = n
	}
	if v := q.Get("cursor"); v != "" {
		if _, err := decodeCursor(v); err != nil {
			return Filter{}, err
		}
		f.Cursor = v
	}
	return f, nil
}

var (
	verdictValues = []string{bus.VerdictScam, bus.VerdictSuspicious, bus.VerdictClean, VerdictPending}
	sourceValues  = []string{bus.SourceLive, bus.SourceVoicemail, bus.SourceText}
)

// parseFilterTime reads a day or an instant. A day as the upper bound
// means the end of that day.
func parseFilterTime(v string, loc *time.Location, upper bool) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	if len(v) == len(dateLayout) {
		d, err := time.ParseInLocation(dateLayout, v, loc)
		if err != nil {
			return time.Time{}, err
		}
		if upper {
			d = d.AddDate(0, 0, 1)
		}
		return checkYear(d)
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}, err
	}
	return checkYear(t)
}

// checkYear keeps times within what RFC 3339 can write back.
func checkYear(t time.Time) (time.Time, error) {
	if u := t.UTC(); u.Year() < 1 || u.Year() > 9999 {
		return time.Time{}, fmt.Errorf("year %d out of range", u.Year())
	}
	return t, nil
}

// Query is the filter as query parameters, for links to other pages of
// the same listing. ParseFilter(f.Query()) gives back f.
func (f Filter) Query() url.Values {
	q := url.Values{}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set("verdict", f.Verdict)
	set("category", f.Category)
	set("source", f.Source)
	set("owner", f.Owner)
	if !f.From.IsZero() {
		q.Set("from", f.From.UTC().Format(time.RFC3339Nano))
	}
	if !f.To.IsZero() {
		q.Set("to", f.To.UTC().Format(time.RFC3339Nano))
	}
	if f.Limit > 0 {
		q.Set("limit", strconv.Itoa(f.Limit))
	}
	set("cursor", f.Cursor)
	return q
}

// equal reports whether two filters select the same page.
func (f Filter) equal(g Filter) bool {
	return f.Verdict == g.Verdict && f.Category == g.Category && f.Source == g.Source &&
		f.From.Equal(g.From) && f.To.Equal(g.To) && f.Limit == g.Limit && f.Cursor == g.Cursor
}
