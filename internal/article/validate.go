package article

import (
	"fmt"
	"net/url"
	"strconv"
	"time"
)

// MinYear and MaxYear bound the year (UTC) of every time of a record: the
// sites are younger than 1990, and a time past 2100 is a parse error or a
// wrong clock. Both bounds keep every time printable as RFC 3339 in China
// time, which JSON needs (years 0–9999).
const (
	MinYear = 1990
	MaxYear = 2100
)

// FieldError is what is wrong with one field of a record. Field is its
// name in the JSON record, with an index where it is a list
// ("view_history[2].at").
type FieldError struct {
	Field string
	Why   string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Why }

// TimeInRange reports whether t's year (UTC) is within MinYear–MaxYear.
func TimeInRange(t time.Time) bool {
	y := t.UTC().Year()
	return y >= MinYear && y <= MaxYear
}

// Validate returns the first problem [Article.Problems] finds, as a
// [*FieldError], or nil.
func (a *Article) Validate() error {
	if p := a.problems(true); len(p) > 0 {
		return p[0]
	}
	return nil
}

// Problems lists what is wrong with the record, field by field:
//   - url and every alias must be an http or https URL with a host;
//   - fetched_at, published, capture.time (each optional: zero is allowed)
//     and every view_history[i].at (required) must be within MinYear–MaxYear;
//   - views and every view_history[i].views must not be negative;
//   - level, lineage[i].level and published_precision must be known
//     values where set.
func (a *Article) Problems() []*FieldError { return a.problems(false) }

func (a *Article) problems(first bool) []*FieldError {
	var ps []*FieldError
	add := func(field, why string) bool {
		ps = append(ps, &FieldError{Field: field, Why: why})
		return first
	}
	if why := checkURL(a.URL); why != "" && add("url", why) {
		return ps
	}
	if why := checkTime(a.FetchedAt, true); why != "" && add("fetched_at", why) {
		return ps
	}
	if why := checkTime(a.Published, true); why != "" && add("published", why) {
		return ps
	}
	if a.Views != nil && *a.Views < 0 && add("views", negative(*a.Views)) {
		return ps
	}
	for i, v := range a.ViewHistory {
		f := "view_history[" + strconv.Itoa(i) + "]"
		if why := checkTime(v.At, false); why != "" && add(f+".at", why) {
			return ps
		}
		if v.Views < 0 && add(f+".views", negative(v.Views)) {
			return ps
		}
	}
	if c := a.Capture; c != nil {
		if why := checkTime(c.Time, true); why != "" && add("capture.time", why) {
			return ps
		}
	}
	for i, u := range a.Aliases {
		if why := checkURL(u); why != "" && add("aliases["+strconv.Itoa(i)+"]", why) {
			return ps
		}
	}
	if a.Level != "" && !a.Level.Valid() && add("level", fmt.Sprintf("%q: want national, province, city or county", a.Level)) {
		return ps
	}
	for i, s := range a.Lineage {
		if s.Level != "" && !s.Level.Valid() && add("lineage["+strconv.Itoa(i)+"].level", fmt.Sprintf("%q: want national, province, city or county", s.Level)) {
			return ps
		}
	}
	if p := a.PublishedPrecision; p != "" && p != PrecisionDay && p != PrecisionMinute && add("published_precision", fmt.Sprintf("%q: want day or minute", p)) {
		return ps
	}
	return ps
}

// checkURL says what keeps s from being an http(s) URL with a host.
func checkURL(s string) string {
	if s == "" {
		return "missing"
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Sprintf("%q is not an http(s) URL with a host", s)
	}
	return ""
}

// checkTime says what is wrong with t; zero is fine where optional.
func checkTime(t time.Time, optional bool) string {
	switch {
	case t.IsZero() && optional:
		return ""
	case t.IsZero():
		return "missing"
	case !TimeInRange(t):
		return fmt.Sprintf("year %d outside %d–%d", t.UTC().Year(), MinYear, MaxYear)
	}
	return ""
}

func negative(n int64) string { return fmt.Sprintf("%d is negative", n) }
