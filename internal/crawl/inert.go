package crawl

import (
	"fmt"
	"net/url"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// Inert query parameters. Some parameters name no page of their own: the
// page under them is the page without them — a blog's comment-reply link
// (?replytocom=N, one per comment under every post), a forum thread's
// extra=page%3D1, a print or share flag, a cache buster. The static list of
// tracking and session parameters (see Canonicalize) cannot know them all,
// and each costs a request per link, at a site's polite pace.
//
// So the crawl learns them, per URL pattern (the coarse key of budget.go:
// host, shaped path and parameter names). A page fetched at u that the
// archive holds as another URL of the record at r, where r is u without one
// parameter k (same host and path, the other parameters equal), is one
// sighting of k on u's pattern. After inertSightings sightings of different
// URLs, k is inert on that pattern: a link of the pattern is followed
// without k (and so is found to be the URL already known), and a queued URL
// of the pattern is fetched without k. Only the archive's own judgement
// counts as a sighting — that the page is the same article as the one at
// r — never the page's word (rel="canonical"), so a site that names one
// canonical for all its pages teaches nothing. A parameter that selects
// content (id=, page=) never yields such sightings: the page without it is
// another page. What a run learnt is kept in the crawl state
// (state/inert.json) for the runs after it, for inertKeep: a nightly crawl
// does not pay inertSightings requests per parameter again each night.

// inertSightings is how many pages of a pattern must each be the page
// without one parameter before the parameter is taken as inert there.
const inertSightings = 3

// InertParam is a query parameter the crawl learnt to leave out of one URL
// pattern's links.
type InertParam struct {
	Pattern string `json:"pattern"` // host, shaped path and parameter names (see readablePattern), e.g. a.cn/{n}/{n}/{n}/{n}/?replytocom
	Param   string `json:"param"`
	Example string `json:"example"` // a URL whose page was the page without the parameter
	Skipped int    `json:"skipped"` // links and queued URLs followed without it since
	// Learnt is when it was learnt: in this run, or in an earlier one
	// (then it was read from the crawl state).
	Learnt time.Time `json:"learnt"`
}

// inertKeep is how long a parameter learnt inert is taken as inert by
// later runs; then it is learnt again (a site may have changed).
const inertKeep = 90 * 24 * time.Hour

// inertFile is the crawl state file of the parameters learnt inert.
const inertFile = "inert.json"

// savedInert is one learnt parameter as the crawl state keeps it: the
// pattern's key as budget.go makes it, not its readable form.
type savedInert struct {
	Pattern string    `json:"pattern"`
	Param   string    `json:"param"`
	Example string    `json:"example"`
	Learnt  time.Time `json:"learnt"`
}

// load reads the parameters earlier runs learnt from dir's crawl state,
// those learnt within inertKeep of now. A missing file is no error; a
// damaged one is set aside (the parameters are learnt again) and said in
// the error.
func (ip *inertParams) load(dir string, now time.Time) error {
	var saved []savedInert
	if _, err := loadState(dir, inertFile, &saved); err != nil {
		return fmt.Errorf("learnt inert parameters: %w: they are learnt again", err)
	}
	ip.mu.Lock()
	defer ip.mu.Unlock()
	for _, s := range saved {
		if s.Pattern == "" || s.Param == "" || now.Sub(s.Learnt) > inertKeep {
			continue
		}
		p := &InertParam{Pattern: s.Pattern, Param: s.Param, Example: s.Example, Learnt: s.Learnt}
		ip.learnt[s.Pattern] = append(ip.learnt[s.Pattern], p)
		ip.order = append(ip.order, p)
		ip.some.Store(true)
	}
	return nil
}

// save writes the parameters learnt, this run's and those read, into dir's
// crawl state, whole or not at all.
func (ip *inertParams) save(dir string) error {
	ip.mu.Lock()
	saved := make([]savedInert, len(ip.order))
	for i, p := range ip.order {
		saved[i] = savedInert{Pattern: p.Pattern, Param: p.Param, Example: p.Example, Learnt: p.Learnt}
	}
	ip.mu.Unlock()
	if err := saveState(dir, inertFile, saved); err != nil {
		return fmt.Errorf("learnt inert parameters: %w", err)
	}
	return nil
}

type inertKey struct{ pattern, param string }

// inertParams learns and applies inert parameters. It is safe for
// concurrent use.
type inertParams struct {
	mu        sync.Mutex
	sightings map[inertKey]map[string]bool // URLs seen to be the page without the parameter
	learnt    map[string][]*InertParam     // by pattern
	order     []*InertParam
	some      atomic.Bool // a parameter was learnt
}

func newInertParams() *inertParams {
	return &inertParams{sightings: map[inertKey]map[string]bool{}, learnt: map[string][]*InertParam{}}
}

// sight records that the page fetched at u (a canonical URL) is held by the
// archive as the record at record. It returns the parameter it learnt, if
// this sighting made one inert.
func (ip *inertParams) sight(u, record string) *InertParam {
	if u == record || record == "" {
		return nil
	}
	pu, err := url.Parse(u)
	if err != nil {
		return nil
	}
	pr, err := url.Parse(record)
	if err != nil {
		return nil
	}
	k, ok := extraParam(pu, pr)
	if !ok {
		return nil
	}
	pattern, _ := keysOfURL(pu)
	key := inertKey{pattern, k}
	ip.mu.Lock()
	defer ip.mu.Unlock()
	for _, p := range ip.learnt[pattern] {
		if p.Param == k {
			return nil
		}
	}
	seen := ip.sightings[key]
	if seen == nil {
		seen = map[string]bool{}
		ip.sightings[key] = seen
	}
	seen[u] = true
	if len(seen) < inertSightings {
		return nil
	}
	delete(ip.sightings, key)
	p := &InertParam{Pattern: pattern, Param: k, Example: u, Learnt: time.Now()}
	ip.learnt[pattern] = append(ip.learnt[pattern], p)
	ip.order = append(ip.order, p)
	ip.some.Store(true)
	out := *p
	out.Pattern = readablePattern(p.Pattern)
	return &out
}

// extraParam returns the one query parameter u has beyond r when r is u
// without it: same scheme, host and path, every other parameter with the
// same values.
func extraParam(u, r *url.URL) (string, bool) {
	if u.Scheme != r.Scheme || u.Host != r.Host || u.EscapedPath() != r.EscapedPath() {
		return "", false
	}
	qu, qr := u.Query(), r.Query()
	if len(qu) != len(qr)+1 {
		return "", false
	}
	extra := ""
	for k, vs := range qu {
		rv, ok := qr[k]
		switch {
		case !ok && extra == "":
			extra = k
		case !ok || !slices.Equal(vs, rv):
			return "", false
		}
	}
	return extra, extra != ""
}

// strip returns u (a canonical URL of the coarse pattern given) without the
// parameters learnt inert on that pattern, canonical again; ok is false
// when none applies.
func (ip *inertParams) strip(u *url.URL, pattern string) (string, *url.URL, bool) {
	ip.mu.Lock()
	defer ip.mu.Unlock()
	ps := ip.learnt[pattern]
	if len(ps) == 0 {
		return "", nil, false
	}
	q := u.Query()
	dropped := false
	for _, p := range ps {
		if _, ok := q[p.Param]; ok {
			q.Del(p.Param)
			p.Skipped++
			dropped = true
		}
	}
	if !dropped {
		return "", nil, false
	}
	v := *u
	v.RawQuery = q.Encode()
	s, pv, err := canonicalParts(v.String())
	if err != nil {
		return "", nil, false
	}
	if pv == nil {
		if pv, err = url.Parse(s); err != nil {
			return "", nil, false
		}
	}
	return s, pv, true
}

// learntAny reports whether any parameter was learnt (a cheap test before
// shaping a URL).
func (ip *inertParams) learntAny() bool { return ip.some.Load() }

// report lists the parameters learnt, in the order they were, with their
// figures.
func (ip *inertParams) report() []InertParam {
	ip.mu.Lock()
	defer ip.mu.Unlock()
	out := make([]InertParam, len(ip.order))
	for i, p := range ip.order {
		out[i] = *p
		out[i].Pattern = readablePattern(p.Pattern)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Pattern < out[j].Pattern })
	return out
}
