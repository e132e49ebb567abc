package crawl

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/sitesim"
)

// What a later crawl asks, by kind: the figures of a nightly crawl of an
// archive that already holds most of what the sites show.
const (
	reqRobots    = "robots.txt and sitemaps"
	reqCounters  = "view counters"
	reqNew       = "new articles"
	reqArchived  = "archived articles asked again"
	reqAlias     = "alias URLs (another URL of a record)"
	reqDir404    = "directories asked before their index.html"
	reqTrap      = "pages of patterns stopped as traps"
	reqOther     = "homepages, lists and other pages"
	reqTrapNamed = "of them the simulation's traps"
)

var counterPath = regexp.MustCompile(`(?i)click|hits|count|visit`)

// laterKinds counts the requests of hits (host + request URI → times) by
// kind. isNew and isOld tell the pages of articles new in this crawl and
// archived before it (canonical URLs), alias the other URLs of records;
// c is the crawl that asked them, whose stopped patterns tell the traps.
func laterKinds(c *Crawler, hits map[string]int, isNew, isOld, alias func(string) bool) map[string]int {
	kinds := map[string]int{}
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range hits {
			if !yield(k) {
				return
			}
		}
	})
	for _, key := range keys {
		n := hits[key]
		u := mustCanon("http://" + key)
		path, _, _ := strings.Cut(key[strings.IndexByte(key, '/'):], "?")
		coarse, _ := keysOf(u)
		c.traps.mu.Lock()
		p := c.traps.byKey[coarse]
		trap := p != nil && p.stopped != "" || c.traps.fineStopped[coarse] > 0
		c.traps.mu.Unlock()
		switch {
		case strings.HasSuffix(path, "/robots.txt") || strings.Contains(path, "sitemap"):
			kinds[reqRobots] += n
		case counterPath.MatchString(path):
			kinds[reqCounters] += n
		case isNew(u):
			kinds[reqNew] += n
		case isOld(u):
			kinds[reqArchived] += n
		case alias(u):
			kinds[reqAlias] += n
		case strings.HasSuffix(path, "/") && path != "/" && hits[key+dirIndexName] > 0: // and its index.html asked after it
			kinds[reqDir404] += n
		case trap:
			kinds[reqTrap] += n
		default:
			kinds[reqOther] += n
		}
	}
	return kinds
}

// kindTable writes kinds as the lines of a table, the total last.
func kindTable(kinds map[string]int) string {
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range kinds {
			if !yield(k) {
				return
			}
		}
	})
	var b strings.Builder
	total := 0
	for _, k := range names {
		if k != reqTrapNamed {
			total += kinds[k]
		}
		fmt.Fprintf(&b, "  %5d  %s\n", kinds[k], k)
	}
	fmt.Fprintf(&b, "  %5d  in all", total)
	return b.String()
}

// countingStore counts, per URL, the records store added.
func countingStore(store Sink) (Sink, func(string) int) {
	var mu sync.Mutex
	added := map[string]int{}
	return func(a *article.Article) (Stored, error) {
			st, err := store(a)
			if err == nil && st.Outcome == Added {
				mu.Lock()
				added[a.URL]++
				mu.Unlock()
			}
			return st, err
		}, func(u string) int {
			mu.Lock()
			defer mu.Unlock()
			return added[u]
		}
}

// sameFields reports how got differs from want in the fields a crawl
// extracts (the count aside, which grows between crawls).
func sameFields(got, want *article.Article) []string {
	var diffs []string
	check := func(name string, g, w any) {
		if fmt.Sprint(g) != fmt.Sprint(w) {
			diffs = append(diffs, fmt.Sprintf("%s %q, want %q", name, fmt.Sprint(g), fmt.Sprint(w)))
		}
	}
	check("title", got.Title, want.Title)
	check("published", got.Published.UTC(), want.Published.UTC())
	check("precision", got.PublishedPrecision, want.PublishedPrecision)
	check("column", got.Column, want.Column)
	check("source", got.Source, want.Source)
	check("author", got.Author, want.Author)
	check("editor", got.Editor, want.Editor)
	check("body", got.Body, want.Body)
	check("site", got.Site, want.Site)
	var gl, wl []string
	for _, s := range got.Lineage {
		gl = append(gl, s.Host)
	}
	for _, s := range want.Lineage {
		wl = append(wl, s.Host)
	}
	check("lineage", gl, wl)
	return diffs
}

// heldOutFamily is a held-out hierarchy as the later-crawl tests use it:
// its web with the newest held articles of each site unpublished, the
// request counter of that web, and its articles' canonical URLs, those
// published first and those held.
type heldOutFamily struct {
	name string
	held int
	// trapShare bounds the later crawl's pages of stopped patterns, as a
	// share of the first crawl's (0: not bounded; held-out 1's two traps,
	// a calendar and a clamped list, stop at their second page anyway).
	trapShare float64
	// web serves the family with the newest held articles of each site
	// unpublished; articles lists each site's published articles'
	// canonical URLs, oldest first.
	web func(held int) (web http.Handler, hits *hitCounter, articles func() [][]string)
}

var heldOutFamilies = []heldOutFamily{
	{"held-out 1", 12, 0, func(held int) (http.Handler, *hitCounter, func() [][]string) {
		w := newHoWeb(held)
		return w, &w.hits, func() [][]string {
			return mapSites(w.order, func(s *hoSite) (us []string) {
				for _, a := range s.arts {
					us = append(us, mustCanon("http://"+s.host+s.path(a)))
				}
				return us
			})
		}
	}},
	{"held-out 2", 8, 2.0 / 3, func(held int) (http.Handler, *hitCounter, func() [][]string) {
		w := newH2Web(held)
		return w, &w.hits, func() [][]string {
			return mapSites(w.order, func(s *h2Site) (us []string) {
				for _, a := range s.arts {
					us = append(us, mustCanon("http://"+s.host+s.path(a)))
				}
				return us
			})
		}
	}},
}

// mapSites returns f of each site.
func mapSites[S any](sites []S, f func(S) []string) [][]string {
	out := make([][]string, len(sites))
	for i, s := range sites {
		out[i] = f(s)
	}
	return out
}

// laterCrawlOptions are the options of the held-out families' crawls.
func laterCrawlOptions(known func(string) (Known, bool)) Options {
	return Options{Workers: 4, PerHost: 1, Retries: 3, FetchCounters: true, Known: known, Overlap: 5,
		Seeds: []SiteSpec{{URL: "http://www.wenming.cn/", Name: "中国文明网", Level: article.National}}}
}

// TestLaterCrawlRequestsByKind crawls each held-out family as nightly
// crawls do — a first crawl, the sites publish, a later crawl with the
// same state and archive, the sites publish again, a third crawl — and
// counts the later crawls' requests by kind. What the first crawl learnt
// (the traps it stopped, the directories answering 404, the sitemaps
// absent) is not paid for again by the second: its trap pages are
// probes, no directory is asked before its index.html; and every new
// article is archived once, with the fields a crawl of the whole family
// from nothing finds.
func TestLaterCrawlRequestsByKind(t *testing.T) {
	for _, fam := range heldOutFamilies {
		t.Run(fam.name, func(t *testing.T) {
			// The reference: the whole family crawled from nothing.
			web, _, _ := fam.web(0)
			ref := &staticSink{}
			refStore, refKnown := aliasingStore(ref)
			srv := httptest.NewServer(web)
			runInState(t, srv.URL, t.TempDir(), laterCrawlOptions(refKnown), refStore)
			srv.Close()

			state, sink := t.TempDir(), &staticSink{}
			aliased, known := aliasingStore(sink)
			store, added := countingStore(aliased)
			opts := laterCrawlOptions(known)
			var firstTraps int
			var kinds [3]map[string]int
			helds := [3]int{fam.held, fam.held / 2, 0}
			var later []string // the articles published after the first crawl
			for run, held := range helds {
				web, hits, articles := fam.web(held)
				srv := httptest.NewServer(web)
				opts.PassStart = time.Now()
				c, _ := runInState(t, srv.URL, state, opts, store)
				srv.Close()
				if run == 0 {
					for _, p := range c.traps.report() {
						firstTraps += p.Requests
					}
					continue
				}
				isOld, isNew := map[string]bool{}, map[string]bool{}
				later = later[:0]
				for _, site := range articles() { // the articles published, oldest first
					total := len(site) + held
					for i, u := range site {
						if i < total-helds[run-1] {
							isOld[u] = true
						} else {
							isNew[u] = true
						}
						if i >= total-fam.held {
							later = append(later, u)
						}
					}
				}
				hits.mu.Lock()
				kinds[run] = laterKinds(c, hits.hits,
					func(u string) bool { return isNew[u] || isNew[strings.TrimSuffix(u, "/")] },
					func(u string) bool { return isOld[u] },
					func(u string) bool { _, ok := known(u); return ok })
				hits.mu.Unlock()
				t.Logf("%s, crawl %d's requests by kind (the first crawl's trap pages: %d):\n%s", fam.name, run+1, firstTraps, kindTable(kinds[run]))
			}
			for _, u := range later {
				got := sink.get(u)
				if got == nil {
					t.Errorf("%s: new article not archived by the later crawls", u)
					continue
				}
				if n := added(u); n != 1 {
					t.Errorf("%s: archived %d times, want once", u, n)
				}
				if want := ref.get(u); want == nil {
					t.Errorf("%s: not archived by the reference crawl", u)
				} else if d := sameFields(got, want); len(d) > 0 {
					t.Errorf("%s: %s", u, strings.Join(d, "; "))
				}
			}
			if n := kinds[1][reqDir404]; n > 0 {
				t.Errorf("%d requests of directories learnt to answer 404 by the first crawl", n)
			}
			if n := kinds[1][reqTrap]; fam.trapShare > 0 && float64(n) > fam.trapShare*float64(firstTraps) {
				t.Errorf("the second crawl asked %d pages of stopped patterns, the first %d: want at most %.0f%%", n, firstTraps, 100*fam.trapShare)
			}
		})
	}
}

// TestSimLaterCrawlRequestsByKind crawls the simulation a first time and
// again a week and two weeks later, when its sites have published, and
// counts the later crawls' requests by kind (the simulation names its
// traps' requests). Every new article is archived once; the second crawl
// asks at most half the trap pages the first did.
func TestSimLaterCrawlRequestsByKind(t *testing.T) {
	var mu sync.Mutex
	hits, named := map[string]int{}, 0
	runs := startSimRuns(t, sitesim.Options{Seed: 7, Articles: 300, Now: time.Now().Truncate(time.Minute), Calm: true, Log: func(r sitesim.Request) {
		mu.Lock()
		defer mu.Unlock()
		key := r.Host + r.Path
		if r.RawQuery != "" {
			key += "?" + r.RawQuery
		}
		hits[key]++
		if r.Trap != "" {
			named++
		}
	}}, 14*24*time.Hour)
	store, added := countingStore(runs.sink.store)
	firstSum := runs.crawl(t)
	var trapPages [3]int
	for run := 1; run < 3; run++ {
		before := map[string]bool{}
		runs.sim.ForEachArticle(func(tr sitesim.Truth) bool {
			before[tr.URL] = true
			return true
		})
		mu.Lock()
		trapPages[run-1] = named
		clear(hits)
		named = 0
		mu.Unlock()
		runs.sim.Advance(7 * 24 * time.Hour)
		pages, aliases := map[string]bool{}, map[string]bool{}
		var fresh []string
		runs.sim.ForEachArticle(func(tr sitesim.Truth) bool {
			if !before[tr.URL] {
				fresh = append(fresh, tr.URL)
				for _, p := range tr.Pages {
					pages[p] = true
				}
			}
			for _, a := range tr.Aliases {
				aliases[a] = true
			}
			return true
		})
		runs.opts.PassStart = time.Now()
		c, sum := runInState(t, runs.url, runs.state, runs.opts, store)
		checkSimArchive(t, runs.sim, sum, &runs.sink)
		mu.Lock()
		kinds := laterKinds(c, hits, func(u string) bool { return pages[u] }, func(u string) bool { return before[u] }, func(u string) bool { return aliases[u] })
		kinds[reqTrapNamed] = named
		trapPages[run] = named
		mu.Unlock()
		t.Logf("simulation: first crawl %d requests; crawl %d, %d days later, %d new articles; its requests by kind:\n%s",
			firstSum.Requests, run+1, 7*run, len(fresh), kindTable(kinds))
		for _, u := range fresh {
			if tr, _ := runs.sim.Truth(u); tr.Disallowed {
				continue
			}
			if n := added(u); n != 1 {
				t.Errorf("%s: archived %d times by the later crawls, want once", u, n)
			}
		}
	}
	if trapPages[1]*2 > trapPages[0] {
		t.Errorf("the second crawl asked %d pages of the simulation's traps, the first %d: want at most half", trapPages[1], trapPages[0])
	}
}
