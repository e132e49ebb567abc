package crawl

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Traps remembered across runs. A scheduled crawl meets the same sites
// every night, and without memory it walks each calendar, sort view,
// search view and pager answering past its end to budget.go's idle limit
// again every run: some twenty requests a trap and site, a night, that
// gain nothing. So a pattern a run stopped is kept in the crawl state
// (state/traps.json), and the next runs give it a probe: of its pages
// linked from its own path (the next month, the next page of results, the
// same view sorted otherwise) trapProbe is fetched, not idleLimit, before
// it is stopped again. A probe page that reveals something (a calendar that
// starts listing articles, a search view showing new ones) makes the
// pattern live as any other and forgets it: it pages on without limit.
// Pages of the pattern linked from other patterns (a column's first page
// from a menu) keep their whole rope (entryIdleLimit): a probe never cuts
// a site's entries short.
//
// What is not remembered, since it says nothing about the pattern:
//   - a pattern with a page that revealed something in the run (a list
//     that paged to its end and then repeated, a column that had news
//     early): only a pattern that never paid its way is a trap;
//   - anything stopped on a host that had no article new or changed in the
//     run: on a quiet night a column list reveals nothing either, and must
//     page normally the next night;
//   - anything stopped on a host whose requests failed in the run (5xx,
//     timeouts, failure pages: an outage; see outage.go): pages seen
//     between failures may be a server's error pages.
//
// A probe that confirms a trap does not renew it: trapKeep after a full
// walk stopped it, the pattern is walked to the idle limit again and
// learnt again, so that what a few probe pages cannot show (a CMS changed
// under the same URLs, articles deeper than the probe) is seen within a
// month. Thirty days: a site's structure rarely changes faster (a new CMS
// is a matter of months), and a month of nightly probes (one page a night
// and trap) costs about what two nights' walks to the idle limit did. At
// most maxTraps entries are kept, the most recently learnt; a site has a
// handful.

// trapsFile is the crawl state file of the patterns stopped as traps.
const trapsFile = "traps.json"

// trapProbe is how many pages, each linked from a page of its own path,
// a remembered trap gets before it is stopped again: one, the first such
// page a run meets (the month next to the calendar's current one, the
// second page of results), besides the pages other patterns link (the
// calendar's current month from the homepage), which keep their rope.
const trapProbe = 1

// trapKeep is how long after a full walk stopped it a trap is probed
// rather than walked.
const trapKeep = 30 * 24 * time.Hour

// maxTraps bounds the traps kept in the crawl state.
const maxTraps = 50000

// savedTrap is a pattern stopped as a trap, as the crawl state keeps it.
type savedTrap struct {
	Pattern string    `json:"pattern"` // the key as budget.go makes it (coarse, or fine with its fixed values after #)
	Reason  string    `json:"reason"`  // why it was stopped: "idle" or "repeat"
	Example string    `json:"example"` // the last URL fetched in it
	Learnt  time.Time `json:"learnt"`  // when a full walk stopped it
}

// loadTraps reads the traps earlier runs stopped from dir's crawl state,
// those learnt within trapKeep of now, and starts each with a probe's
// budget. A missing file is no error; a damaged one is taken as absent
// and said in the error.
func (ps *patterns) loadTraps(dir string, now time.Time) error {
	var saved []savedTrap
	if _, err := loadState(dir, trapsFile, &saved); err != nil {
		return fmt.Errorf("URL patterns stopped by earlier runs: %w: their traps are walked and learnt again", err)
	}
	ps.mu.Lock()
	defer ps.mu.Unlock()
	for _, t := range saved {
		if t.Pattern == "" || now.Sub(t.Learnt) > trapKeep || t.Learnt.After(now.Add(time.Hour)) {
			continue
		}
		p := ps.get(t.Pattern)
		p.probing = true
		p.idle = max(0, ps.limit-trapProbe)
		ps.remembered[t.Pattern] = t
	}
	return nil
}

// noteNews records that host had an article archived new or changed in
// this run.
func (ps *patterns) noteNews(host string) {
	ps.mu.Lock()
	ps.news[host] = true
	ps.mu.Unlock()
}

// traps returns the traps to keep for the runs after this one: those this
// run stopped that are worth remembering (see the top of this file),
// learnt now unless a probe confirmed an earlier entry, and the earlier
// entries this run had nothing to say about. failed reports the hosts
// whose requests failed in the run.
func (ps *patterns) traps(now time.Time, failed func(host string) bool) []savedTrap {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	var out []savedTrap
	for key, old := range ps.remembered {
		if p := ps.byKey[key]; p != nil && (p.productive || p.stopped != "") {
			continue // revealed something: forgotten; stopped again: below
		}
		out = append(out, old)
	}
	for _, p := range ps.order {
		host := patternHost(p.key)
		if p.productive || !ps.news[host] || failed(host) {
			if old, ok := ps.remembered[p.key]; ok && !p.productive {
				out = append(out, old) // this run says nothing of it
			}
			continue
		}
		t := savedTrap{Pattern: p.key, Reason: p.stopped, Example: p.example, Learnt: now}
		if old, ok := ps.remembered[p.key]; ok && p.probing {
			t.Reason, t.Learnt = old.Reason, old.Learnt // a probe renews nothing
		}
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Learnt.Equal(out[j].Learnt) {
			return out[i].Learnt.After(out[j].Learnt)
		}
		return out[i].Pattern < out[j].Pattern
	})
	if len(out) > maxTraps {
		out = out[:maxTraps]
	}
	return out
}

// saveTraps writes the traps to keep into dir's crawl state.
func (ps *patterns) saveTraps(dir string, now time.Time, failed func(host string) bool) error {
	if dir == "" {
		return nil
	}
	if err := saveState(dir, trapsFile, ps.traps(now, failed)); err != nil {
		return fmt.Errorf("URL patterns stopped as traps: %w", err)
	}
	return nil
}

// patternHost is the host of a pattern key.
func patternHost(key string) string {
	host, _, _ := strings.Cut(key, "/")
	return host
}

// failedHosts returns whether a host had a request fail in this run, as
// outage.go counted them.
func (c *Crawler) failedHosts() func(host string) bool {
	hosts := map[string]bool{}
	c.outages.mu.Lock()
	for u := range c.outages.attempts {
		hosts[Host(u)] = true
	}
	c.outages.mu.Unlock()
	c.skippedMu.Lock()
	for h := range c.skipped {
		hosts[h] = true
	}
	c.skippedMu.Unlock()
	return func(host string) bool { return hosts[host] }
}
