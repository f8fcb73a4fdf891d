package callscreen

import (
	"errors"
	"net/url"
	"testing"
	"time"
)

// FuzzReviewFilter feeds raw query strings to the listing filter parser:
// it never panics, rejects with ErrBadFilter only, and a filter it accepts
// survives the round trip through Query (the links to other pages).
func FuzzReviewFilter(f *testing.F) {
	for _, s := range []string{
		"",
		"verdict=scam&category=gift_card&source=voicemail",
		"from=2025-01-01&to=2025-01-31",
		"from=2025-01-01T10:00:00Z&to=2025-01-01T10:00:00.5+02:00",
		"limit=500&cursor=MjAyNS0wMS0wMVQwMDowMDowMFogYWJj",
		"limit=0", "limit=-1", "limit=99999999999999999999",
		"verdict=<script>", "from=0000-01-01", "to=9999-12-31", "from=2025-02-30",
		"cursor=%ZZ", "verdict=pending&verdict=scam", "to=2025-01-01T00:00:00-23:59",
	} {
		f.Add(s)
	}
	loc := time.FixedZone("test", -5*3600)
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		flt, err := ParseFilter(q, loc)
		if err != nil {
			if !errors.Is(err, ErrBadFilter) {
				t.Fatalf("ParseFilter(%q) = %v, not an ErrBadFilter", raw, err)
			}
			return
		}
		again, err := ParseFilter(flt.Query(), loc)
		if err != nil {
			t.Fatalf("ParseFilter(%q).Query() = %q does not parse: %v", raw, flt.Query().Encode(), err)
		}
		if !again.equal(flt) {
			t.Fatalf("round trip of %q: %+v != %+v", raw, again, flt)
		}
		if flt.Limit < 0 || flt.Limit > MaxPageSize {
			t.Fatalf("limit %d accepted", flt.Limit)
		}
	})
}
