package crawl

import (
	"fmt"
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/extract"
	"github.com/wenming-archive/wenming/internal/frontier"
)

// A revisit of an archived article (kindRevisit) whose answer says the
// article is gone marks its record removed at the source
// (Options.Removed, article.Removal). Only an answer that says so counts:
//   - the dead link the crawl counts (errorKind's KindDeadLink): 404, 410,
//     or a redirect to the site's error page (errorPage);
//   - a page the extractor reads as the site's not-found page
//     (extract.Result.NotFound: a soft 404, a CMS's 不存在或已被删除
//     message page answered 200);
//   - a redirect of the article to its site's homepage.
//
// Never a timeout, a reset, a 5xx, a failure page, a robots.txt refusal,
// a challenge, a host left for the run: those say nothing of the article.
//
// A broken deploy answers 404 for every page of a site for a day; a site
// whose pages all moved does as much. So a removal is recorded at the end
// of the run, and only on a site that showed itself healthy in the pass:
// its homepage answered with a page, and at least one revisit (or sweep)
// of it found its article (a page of it, or 304 Not Modified) — in this
// run, or, as the site registry keeps it (siteEntry.HomeAnswered,
// ArticleFound), since the pass began and within healthFor: a run that
// resumes the pass without asking the homepage again, or a process that
// shares the frontier with the one that asked it. The others are held:
// counted, logged, not recorded; the next pass asks again. What
// is kept meanwhile is an entry per gone answer and a count per site:
// bounded by the run's revisits (the young articles) and sweeps.

// goneAnswer is a revisit's answer that said its article is gone.
type goneAnswer struct {
	host   string // the site's (requestSite)
	at     time.Time
	status int
	answer string
	url    string // the URL fetched: the capture's
	cap    *article.Capture
	known  bool   // the record was marked removed before (Known.Removed)
	kind   string // the request's: a revisit or a sweep
}

// removals keeps what the revisits of a run found, until the run ends.
type removals struct {
	mu      sync.Mutex
	gone    map[string]goneAnswer // article URL → the first answer of the run
	present map[string]int        // host → revisits that found their article
	home    map[string]bool       // host → its homepage answered a page this run
	sum     RemovalSummary        // what recordRemovals did
	sweep   SweepSummary          // what the removal sweep did (sweep.go)
}

// requestSite is the site a request is of: its Site, else its host. A site's
// health is its homepage's and its revisits', wherever its articles are.
func requestSite(req frontier.Request) string {
	if req.Site != "" {
		return req.Site
	}
	return req.Host
}

// noteHome notes that the homepage of host answered with a page, in the
// run and in the site registry (for a run that resumes the pass).
func (c *Crawler) noteHome(host string) {
	r := &c.removals
	r.mu.Lock()
	if r.home == nil {
		r.home = map[string]bool{}
	}
	r.home[host] = true
	r.mu.Unlock()
	c.keepHealth(host, true)
}

// keepHealth records in the site registry, and saves it, that the
// homepage of host answered (home) or that one of its articles was found.
func (c *Crawler) keepHealth(host string, home bool) {
	if c.sites.healthSeen(host, home, time.Now()) {
		if err := c.sites.save(); err != nil {
			c.log.Warn("could not save the site registry", "host", host, "err", err)
		}
	}
}

// notePresent notes that a revisit (or a sweep) of host found its article.
func (c *Crawler) notePresent(req frontier.Request) {
	if !asksArticle(req.Kind) {
		return
	}
	c.noteSwept(req)
	site := requestSite(req)
	r := &c.removals
	r.mu.Lock()
	if r.present == nil {
		r.present = map[string]int{}
	}
	r.present[site]++
	first := r.present[site] == 1
	r.mu.Unlock()
	if first {
		c.keepHealth(site, false)
	}
}

// healthFor is how long a site's health seen by an earlier run of the
// pass counts: a site that answered yesterday may be a broken deploy
// today.
const healthFor = 24 * time.Hour

// seenHealthy reports whether the site registry holds that host showed
// itself healthy in this pass, within healthFor: its homepage answered,
// and (when the run has not found one of its articles itself) a revisit
// found one.
func (c *Crawler) seenHealthy(host string, home, present bool, now time.Time) bool {
	e, ok := c.sites.get(host)
	if !ok {
		return home && present
	}
	pass := c.opts.PassStart
	recent := func(t time.Time) bool {
		return !t.IsZero() && !pass.IsZero() && !t.Before(pass) && now.Sub(t) < healthFor
	}
	return (home || recent(e.HomeAnswered)) && (present || recent(e.ArticleFound))
}

// noteGone notes that the revisit req got an answer saying its article is
// gone: status, and what it was in a few words. fetchedURL is the URL
// whose exchange the WARC holds. It reports whether the article was
// marked removed before.
func (c *Crawler) noteGone(req frontier.Request, fetchedURL string, status int, answer string) (known bool) {
	if !asksArticle(req.Kind) || c.opts.Removed == nil {
		return false
	}
	if c.opts.Known != nil {
		k, _ := c.opts.Known(req.URL)
		known = k.Removed
	}
	// The mark's time is when the answer came, to the nanosecond, as a
	// record's fetch time is: the capture's WARC-Date may be cut to the
	// second, and a record fetched in that second would then look fetched
	// after the answer that said it was gone (see store.MarkRemoval).
	g := goneAnswer{host: requestSite(req), at: time.Now(), status: status, answer: answer, url: fetchedURL, known: known, kind: req.Kind}
	if c.opts.Capture != nil {
		if cp, ok := c.opts.Capture(fetchedURL); ok && !cp.Time.Before(g.at.Add(-time.Minute)) {
			g.cap = &cp
		}
	}
	r := &c.removals
	r.mu.Lock()
	if r.gone == nil {
		r.gone = map[string]goneAnswer{}
	}
	_, again := r.gone[req.URL]
	if !again {
		r.gone[req.URL] = g
	}
	r.mu.Unlock()
	if !again {
		c.noteSwept(req)
	}
	return known
}

// goneDeadLink notes a revisit answered as a dead link (see errorKind).
// It reports whether its article was marked removed before: its 404 is
// then no news, counted with the removals still gone, not again as a
// dead link.
func (c *Crawler) goneDeadLink(req frontier.Request, f *fetched) (known bool) {
	if !asksArticle(req.Kind) || errorKind(f) != KindDeadLink {
		return false
	}
	status, answer := f.status, fmt.Sprintf("HTTP %d", f.status)
	if f.status != 404 && f.status != 410 {
		status, answer = 0, "redirected to the site's error page"
		if f.err != nil {
			answer = f.err.Error()
		}
	}
	return c.noteGone(req, req.URL, status, answer)
}

// goneOrPresent notes what a revisit's page said of its article: there
// (an article, or a continuation of one), or gone (the site's not-found
// page, or the site's homepage it was redirected to).
func (c *Crawler) goneOrPresent(req frontier.Request, f *fetched, pageURL *url.URL, res *extract.Result) {
	if !asksArticle(req.Kind) {
		return
	}
	switch {
	case res != nil && (res.IsArticle || res.Continuation || res.Undated):
		c.notePresent(req)
	case res != nil && res.NotFound:
		c.noteGone(req, pageURL.String(), f.status, "the site's not-found page")
	case f.final != nil && Host(pageURL.String()) == req.Host && isRootURL(pageURL.String()) && !isRootURL(req.URL):
		c.noteGone(req, req.URL, 0, "redirected to the site's homepage "+pageURL.String())
	}
}

// RemovalSummary counts what the revisits of a run found gone.
type RemovalSummary struct {
	// Recorded counts the articles marked removed at the source.
	Recorded int64 `json:"recorded"`
	// StillGone counts the articles marked before that the run found
	// gone again (their mark's Seen moved on); their 404s are not counted
	// as dead links again.
	StillGone int64 `json:"still_gone"`
	// Held counts the answers not recorded: their host's homepage did
	// not answer in the run, or no revisit of it found its article.
	Held int64 `json:"held"`
	// HeldHosts are the hosts of the held answers, sorted.
	HeldHosts []string `json:"held_hosts,omitempty"`
	// Failed counts the marks the archive could not write.
	Failed int64 `json:"failed,omitempty"`
	// Sweep says what the removal sweep asked and found (sweep.go).
	Sweep SweepSummary `json:"sweep"`
}

// recordRemovals hands the removals of the run that pass the host rule
// to Options.Removed and counts them; the others are held.
func (c *Crawler) recordRemovals() {
	r := &c.removals
	r.mu.Lock()
	gone := r.gone
	r.gone = nil
	// The run's own health of a site, else what the registry keeps of
	// this pass's: a resumed run that did not ask a site's homepage again
	// (it answered before the interruption), or a process sharing the
	// frontier with the one that asked it.
	health := map[string]bool{}
	var unsure []string
	for _, g := range gone {
		if _, ok := health[g.host]; !ok {
			health[g.host] = r.home[g.host] && r.present[g.host] > 0
			if !health[g.host] {
				unsure = append(unsure, g.host)
			}
		}
	}
	inRun := func(host string) (home, present bool) { return r.home[host], r.present[host] > 0 }
	r.mu.Unlock()
	if len(unsure) > 0 && c.sites.shared != nil {
		if err := c.sites.load(unsure...); err != nil {
			c.log.Warn("the site registry could not be read for the health of sites", "err", err)
		}
	}
	now := time.Now()
	for _, h := range unsure {
		r.mu.Lock()
		home, present := inRun(h)
		r.mu.Unlock()
		health[h] = c.seenHealthy(h, home, present, now)
	}
	held := map[string]bool{}
	var pass []string
	for u, g := range gone {
		if health[g.host] {
			pass = append(pass, u)
		} else {
			held[g.host] = true
		}
	}
	slices.Sort(pass)
	var sum RemovalSummary
	for _, u := range pass {
		g := gone[u]
		rm := article.Removal{Since: g.at, Seen: g.at, Status: g.status, Answer: g.answer, CaptureURL: g.url, CaptureTime: g.at, Capture: g.cap}
		if g.cap != nil {
			rm.CaptureTime = g.cap.Time // the WARC record's own, to find it by
		}
		changed, err := c.opts.Removed(u, rm)
		if err != nil {
			sum.Failed++
			c.log.Warn("could not mark an article removed at the source", "url", u, "err", err)
			continue
		}
		switch {
		case changed && g.known:
			sum.StillGone++
		case changed:
			sum.Recorded++
			if g.kind == kindSweep {
				sum.Sweep.Removed++
			}
		}
	}
	sum.Held = int64(len(gone) - len(pass))
	for h := range held {
		sum.HeldHosts = append(sum.HeldHosts, h)
	}
	slices.Sort(sum.HeldHosts)
	if sum.Held > 0 {
		c.log.Info("removals at the source not recorded: their host's homepage did not answer in this run, or none of its revisits found its article (a site answering 404 for everything)",
			"answers", sum.Held, "hosts", sum.HeldHosts)
	}
	if sum.Recorded > 0 {
		c.log.Info("articles removed at the source", "articles", sum.Recorded)
	}
	r.mu.Lock()
	if sw := r.sweep; sw.Queued > 0 || sw.Checked > 0 {
		c.log.Info("removal sweep: archived articles asked again", "queued", sw.Queued, "answered", sw.Checked, "removed", r.sum.Sweep.Removed+sum.Sweep.Removed)
	}
	r.sum.Recorded += sum.Recorded
	r.sum.StillGone += sum.StillGone
	r.sum.Held += sum.Held
	r.sum.Failed += sum.Failed
	r.sum.Sweep.Removed += sum.Sweep.Removed
	r.sum.HeldHosts = sum.HeldHosts
	r.mu.Unlock()
}

// summary is the removals recorded so far.
func (r *removals) summary() RemovalSummary {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.sum
	s.HeldHosts = slices.Clone(s.HeldHosts)
	s.Sweep.Queued, s.Sweep.Checked = r.sweep.Queued, r.sweep.Checked
	return s
}
