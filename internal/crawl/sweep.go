package crawl

import (
	"strings"
	"time"

	"github.com/wenming-archive/wenming/internal/extract"
	"github.com/wenming-archive/wenming/internal/frontier"
)

// The removal sweep. Only young articles, still linked from a list, are
// revisited; an article a site takes down a year after publishing it
// would never be seen gone. So when a site's homepage answers with a page
// in a pass, up to Options.RemovalSweep of its archived articles that no
// revisit asks about (Options.Unchecked: published before RevisitAge,
// not fetched or checked since the pass began) are queued, those asked
// longest ago first, as requests of kindSweep: over successive passes
// every archived article is asked again.
//
// A sweep's request is a revisit in all but its start: the same frontier,
// per-host gate, robots.txt and conditional GET with the stored
// validators; its answer is decided by the revisit's one rule (removed.go)
// and its removals recorded under the same broken-deploy rule. What
// differs is what a present article costs: a 304, or a page whose title
// and text are the record's, is recorded as checked (Options.Checked) and
// nothing more — no view counter, no continuation pages, no new
// observation stored, nothing indexed again, its links not followed (a
// sweep asks, it does not discover). A page that changed, or a record
// whose capture was lost or that was marked removed, is archived as a
// revisit archives it.
//
// The homepage is fetched once a pass, by one process of those sharing a
// frontier, so each site is swept once a pass; the frontier's seen-set
// and the Unchecked rule (nothing asked since the pass began) keep an
// article from being asked twice in it.

// kindSweep is an archived article asked again by the removal sweep.
const kindSweep = "sweep"

// asksArticle reports whether a request of kind asks again about an
// archived article: a revisit or a sweep.
func asksArticle(kind string) bool { return kind == kindRevisit || kind == kindSweep }

// sweep queues the removal sweep of the site whose homepage req answered.
func (c *Crawler) sweep(req frontier.Request, pushed map[string]int) {
	if c.opts.RemovalSweep <= 0 || c.opts.Unchecked == nil {
		return
	}
	now := time.Now()
	before := c.opts.PassStart
	if before.IsZero() {
		c.stats.mu.Lock()
		before = c.stats.started
		c.stats.mu.Unlock()
	}
	var young time.Time
	if c.opts.RevisitAge > 0 {
		young = now.Add(-c.opts.RevisitAge)
	}
	urls, err := c.opts.Unchecked(req.Host, before, young, c.opts.RemovalSweep)
	if err != nil {
		c.log.Warn("removal sweep not queued: the archive could not be read", "host", req.Host, "err", err)
		return
	}
	site := requestSite(req)
	reqs := make([]frontier.Request, 0, len(urls))
	for _, u := range urls {
		if Host(u) != req.Host {
			continue
		}
		reqs = append(reqs, frontier.Request{URL: u, Host: req.Host, Kind: kindSweep, Depth: req.Depth + 1, Site: site})
	}
	n := c.push(reqs, pushed)
	c.removals.mu.Lock()
	c.removals.sweep.Queued += int64(n)
	c.removals.mu.Unlock()
}

// sweptAsArchived reports whether the page a sweep's request got shows
// the article as archived: its title, and its text (the first page's, of
// an article of several), the record's; a record whose capture was lost,
// or marked removed, is archived again, not checked.
func (c *Crawler) sweptAsArchived(req frontier.Request, res *extract.Result) bool {
	if req.Kind != kindSweep || res == nil || !(res.IsArticle || res.Undated) || c.opts.Archived == nil {
		return false
	}
	rec, ok := c.opts.Archived(req.URL)
	if !ok || rec.CaptureLost || rec.Removed != nil || rec.Title != res.Title {
		return false
	}
	if len(res.NextPages) > 0 {
		return strings.HasPrefix(rec.Body, res.Body)
	}
	return rec.Body == res.Body
}

// checked records that the request req found its archived article still
// served as archived (Options.Checked).
func (c *Crawler) checked(req frontier.Request) {
	if !asksArticle(req.Kind) || c.opts.Checked == nil {
		return
	}
	if err := c.opts.Checked(req.URL, time.Now()); err != nil {
		c.log.Warn("could not record an article checked", "url", req.URL, "err", err)
	}
}

// noteSwept counts a sweep's answer that decided its article present or
// gone.
func (c *Crawler) noteSwept(req frontier.Request) {
	if req.Kind != kindSweep {
		return
	}
	c.removals.mu.Lock()
	c.removals.sweep.Checked++
	c.removals.mu.Unlock()
}

// SweepSummary counts what the removal sweep of a run did.
type SweepSummary struct {
	// Queued counts the archived articles queued to be asked again.
	Queued int64 `json:"queued"`
	// Checked counts those whose answer said present or gone.
	Checked int64 `json:"checked"`
	// Removed counts those marked removed at the source (counted in
	// RemovalSummary.Recorded too).
	Removed int64 `json:"removed"`
}
