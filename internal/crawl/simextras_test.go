package crawl

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/sitesim"
)

// simCrawl crawls a simulation built with opts from the national seed, as
// a whole-network crawl does, into a staticSink, and returns the summary
// and the requests the simulation answered per host. One request per host
// is in flight at a time, as the shipped config has it: a second one in
// flight when a 429 or 503 arrives would reach the server inside its
// Retry-After. A failed request is tried six times more: the 5xx burst
// of the simulation is six answers in a row, which a URL its host has
// left to the end meets alone (the burst is counted in requests, not in
// time, so no backoff outlasts it).
func simCrawl(t *testing.T, opts sitesim.Options) (*sitesim.Sim, Summary, *staticSink, map[string]int) {
	t.Helper()
	return simCrawlWith(t, opts, Options{})
}

// simCrawlWith is simCrawl with crawl options (Timeout, MaxDuration …);
// opts.Log, if set, is told of every request too.
func simCrawlWith(t *testing.T, opts sitesim.Options, copts Options) (*sitesim.Sim, Summary, *staticSink, map[string]int) {
	t.Helper()
	var counts hostCounts
	also := opts.Log
	opts.Log = func(r sitesim.Request) {
		counts.log(r)
		if also != nil {
			also(r)
		}
	}
	sim := sitesim.New(opts)
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	var sink staticSink
	copts.Workers, copts.PerHost = 8, 1
	if copts.Retries == 0 {
		copts.Retries = 6
	}
	copts.Seeds = []SiteSpec{{URL: "http://www.wenming.cn/", Name: "中国文明网", Level: article.National}}
	_, sum := runTestCrawl(t, srv.URL, copts, sink.store)
	return sim, sum, &sink, counts.take()
}

// hostCounts counts a simulation's requests per host (its Log).
type hostCounts struct {
	mu sync.Mutex
	n  map[string]int
}

func (h *hostCounts) log(r sitesim.Request) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.n == nil {
		h.n = map[string]int{}
	}
	h.n[r.Host]++
}

// take returns the counts so far and starts again from none.
func (h *hostCounts) take() map[string]int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := h.n
	h.n = nil
	return n
}

// simRuns is a simulation crawled run after run into one archive (sink)
// with one crawl state, as scheduled crawls meet it.
type simRuns struct {
	sim   *sitesim.Sim
	url   string
	state string
	sink  staticSink
	opts  Options
	runs  int
}

// startSimRuns starts the simulation of so on a loopback server, with the
// crawl options of its runs: the national seed, the archive's records
// known, articles younger than revisitAge fetched again.
func startSimRuns(t *testing.T, so sitesim.Options, revisitAge time.Duration) *simRuns {
	t.Helper()
	r := &simRuns{sim: sitesim.New(so), state: t.TempDir()}
	srv := httptest.NewServer(r.sim)
	t.Cleanup(srv.Close)
	r.url = srv.URL
	r.opts = Options{Workers: 8, PerHost: 1, Retries: 6, Known: knownIn(&r.sink), RevisitAge: revisitAge, Overlap: 3,
		Seeds: []SiteSpec{{URL: "http://www.wenming.cn/", Name: "中国文明网", Level: article.National}}}
	return r
}

// crawl runs the next crawl; every one after the first begins a pass.
func (r *simRuns) crawl(t *testing.T) Summary {
	t.Helper()
	if r.runs++; r.runs > 1 {
		r.opts.PassStart = time.Now()
	}
	_, sum := runInState(t, r.url, r.state, r.opts, r.sink.store)
	return sum
}

// checkSimArchive checks a crawl of sim against its truth: every article
// robots.txt allows archived once, under its URL, with its whole lineage
// (hosts included), nothing else archived, and every site of the
// simulation counted once at its level.
func checkSimArchive(t *testing.T, sim *sitesim.Sim, sum Summary, sink *staticSink) {
	t.Helper()
	want := 0
	sim.ForEachArticle(func(tr sitesim.Truth) bool {
		if tr.Disallowed {
			return true
		}
		want++
		a := sink.get(tr.URL)
		if a == nil {
			t.Errorf("not archived: %s (%s)", tr.URL, tr.SiteName)
			return true
		}
		var hosts []string
		for _, s := range a.Lineage {
			hosts = append(hosts, s.Host)
		}
		if !slices.Equal(hosts, tr.LineageHosts) {
			t.Errorf("%s: lineage %v, want %v", tr.URL, hosts, tr.LineageHosts)
		}
		return true
	})
	sink.mu.Lock()
	for u := range sink.urls {
		if tr, ok := sim.Truth(u); !ok || tr.URL != u {
			t.Errorf("archived under %s: not an article's URL (the article's: %q)", u, tr.URL)
		}
	}
	n := len(sink.urls)
	sink.mu.Unlock()
	if n != want {
		t.Errorf("%d records, want the %d articles robots.txt allows", n, want)
	}
	levels := map[article.Level]int{}
	for _, s := range sim.Sites() {
		levels[article.Level(s.Level)]++
	}
	dead := sim.DeadSites()
	for l, n := range levels {
		if sum.Sites[l] != n {
			t.Errorf("%d %s sites, want %d", sum.Sites[l], l, n)
		}
	}
	// A dead site is known from the link blocks that list it, never by
	// its own homepage: it is reported apart, not guessed into a level.
	deadHosts := slices.Sorted(slices.Values(dead))
	if !slices.Equal(sum.Unanswered, deadHosts) && (len(dead) > 0 || len(sum.Unanswered) > 0) {
		t.Errorf("sites whose homepage never answered %v, want the dead ones %v", sum.Unanswered, deadHosts)
	}
	for kind, n := range sum.Errors {
		if kind != KindDeadLink && (len(dead) == 0 || kind != KindTimeout && kind != KindRobotsUnreachable) {
			t.Errorf("%d errors of kind %s: %s", n, kind, sum.ErrorSamples[kind])
		}
	}
}

// TestSimTwinDomain crawls the simulation with its province that answers
// under a second domain (sitesim.ExtraTwinDomain): the sites below it link
// it by that name in their top strips and link lists, the national site
// by the platform's. The province is one site, crawled once at the name
// the crawl found it by, and the lineage of the sites below it names it
// so; before, the second name was taken for a site of its own (three
// provinces), crawled again whole, and the cities placed under it.
func TestSimTwinDomain(t *testing.T) {
	sim, sum, sink, hosts := simCrawl(t, sitesim.Options{Seed: 7, Articles: 300, Calm: true, Extras: []string{sitesim.ExtraTwinDomain}})
	checkSimArchive(t, sim, sum, sink)
	if n := hosts["www.hbjswm.gov.cn"]; n > 0 {
		t.Errorf("%d requests to the province's second name", n)
	}
	t.Logf("%d requests to hb.wenming.cn, %d articles", hosts["hb.wenming.cn"], sum.ArticlesNew)
}

// TestSimFalseGzip crawls the simulation with a county site whose pages
// all carry Content-Encoding: gzip over their plain bytes
// (sitesim.ExtraFalseGzip): its articles are archived as any other's;
// before, every page of the site failed as bad_encoding and the site was
// lost.
func TestSimFalseGzip(t *testing.T) {
	sim, sum, sink, _ := simCrawl(t, sitesim.Options{Seed: 7, Articles: 300, Calm: true, Extras: []string{sitesim.ExtraFalseGzip}})
	checkSimArchive(t, sim, sum, sink)
}

// TestSimWAF503 crawls the simulation with its server signals on and a
// county behind a WAF that answers 503 with Retry-After as an HTTP date
// (sitesim.ExtraWAF503): every article is archived, and no request
// reaches a host before the Retry-After it announced.
func TestSimWAF503(t *testing.T) {
	t.Parallel() // it waits, mostly, for the Retry-After of the WAF and the flaky sites
	sim, sum, sink, _ := simCrawl(t, sitesim.Options{Seed: 7, Articles: 300, Extras: []string{sitesim.ExtraWAF503}})
	checkSimArchive(t, sim, sum, sink)
	for _, v := range sim.RetryViolations() {
		t.Errorf("%s requested %v before the Retry-After", v.URL, v.Early)
	}
	t.Logf("%d retried; errors %v", sum.Retried, sum.ErrorSamples)
}

// TestSimDeadSite crawls the simulation with a county its city lists
// whose host takes every request and never answers
// (sitesim.ExtraDeadSite), with a timeout of a second and two retries
// (the simulation is calm: no burst to outlast): the crawl ends in
// bounded time, the dead host costs a few requests, each given up at the
// timeout, and every other site is archived whole.
func TestSimDeadSite(t *testing.T) {
	t.Parallel() // it waits, mostly, for the dead host's timeouts
	begin := time.Now()
	sim, sum, sink, hosts := simCrawlWith(t, sitesim.Options{Seed: 7, Articles: 300, Calm: true, Extras: []string{sitesim.ExtraDeadSite}},
		Options{Timeout: time.Second, Retries: 2})
	checkSimArchive(t, sim, sum, sink)
	n := hosts["www.wxwmw.gov.cn"]
	if n == 0 || n > 8 {
		t.Errorf("%d requests to the dead host, want one to a few", n)
	}
	if took := time.Since(begin); took > time.Minute {
		t.Errorf("the crawl took %v", took)
	}
	t.Logf("%d requests to the dead host; errors %v; skipped %v; %v", n, sum.Errors, sum.SkippedHosts, time.Since(begin).Round(time.Millisecond))
}

// TestSimRareChars crawls the simulation with its GB2312-labelled county
// writing rare names in GB18030 four-byte sequences
// (sitesim.ExtraRareChars): every archived article has the names as
// written, never U+FFFD or a character reference.
func TestSimRareChars(t *testing.T) {
	sim, sum, sink, _ := simCrawl(t, sitesim.Options{Seed: 7, Articles: 300, Calm: true, Extras: []string{sitesim.ExtraRareChars}})
	checkSimArchive(t, sim, sum, sink)
	n := 0
	sim.ForEachArticle(func(tr sitesim.Truth) bool {
		if !strings.ContainsAny(tr.Body, "𬀩𬌗𫖮𬍛") {
			return true
		}
		n++
		a := sink.get(tr.URL)
		if a == nil {
			return true
		}
		for _, line := range strings.Split(tr.Body, "\n") {
			if strings.ContainsAny(line, "𬀩𬌗𫖮𬍛") && !strings.Contains(a.Body, line) {
				t.Errorf("%s: body lacks %q\n got: %.300q", tr.URL, line, a.Body)
			}
		}
		return true
	})
	if n == 0 {
		t.Fatal("no article with a rare name")
	}
	t.Logf("%d articles with a rare name", n)
}

// TestSimSortViews crawls the simulation with its EmpireCMS county's six
// sorted copies of every list (sitesim.ExtraSortViews): the crawl meets
// them, takes none for an article, and archives every article once,
// under its own URL.
func TestSimSortViews(t *testing.T) {
	sim, sum, sink, _ := simCrawl(t, sitesim.Options{Seed: 7, Articles: 600, Calm: true, Extras: []string{sitesim.ExtraSortViews}})
	checkSimArchive(t, sim, sum, sink)
	n := sim.TrapRequests()["sort@www.qhwmw.gov.cn"]
	if n == 0 {
		t.Error("no sorted list requested: the crawl did not meet them")
	}
	t.Logf("%d requests to sorted lists", n)
}

// knownIn is Known over what sink holds: an article archived under its
// URL, with the validators and fetch time it was archived with.
func knownIn(sink *staticSink) func(string) (Known, bool) {
	return func(u string) (Known, bool) {
		a := sink.get(u)
		if a == nil {
			return Known{}, false
		}
		return Known{Published: a.Published, FetchedAt: a.FetchedAt, ETag: a.ETag, LastModified: a.LastModified}, true
	}
}

// TestSimRelocated crawls the simulation twice, a week apart, with the
// crawl state and the archive of the first crawl kept: between the two, a
// county (周至, whose <meta> lies about its charset) moved to a domain of
// its own (sitesim.ExtraRelocated). Its parents' link blocks now name the
// new domain while the old one still answers the same site, with no
// redirect. The second crawl must know the county for the site it has
// crawled: one county, not one more; its articles archived once, under
// the URLs of the first crawl, not found again under the new name.
func TestSimRelocated(t *testing.T) {
	if testing.Short() {
		t.Skip("two crawls of the simulation")
	}
	var counts hostCounts
	runs := startSimRuns(t, sitesim.Options{Seed: 7, Articles: 300, Now: time.Now().Truncate(time.Minute), Calm: true, Extras: []string{sitesim.ExtraRelocated}, Log: counts.log}, 14*24*time.Hour)
	sim, sink := runs.sim, &runs.sink
	sum1 := runs.crawl(t)
	checkSimArchive(t, sim, sum1, sink)
	const oldHost, newHost = "sxzz.wenming.cn", "www.zzwmw.gov.cn"
	if n := counts.take()[newHost]; n > 0 {
		t.Fatalf("the first crawl met the new name before the move (%d requests)", n)
	}

	sim.Advance(7 * 24 * time.Hour)
	sum2 := runs.crawl(t)
	checkSimArchive(t, sim, sum2, sink)
	hosts := counts.take()
	if n := hosts[newHost]; n > 2 {
		t.Errorf("%d requests to the county's new name (its robots.txt and homepage, to learn which site it is, at most)", n)
	}
	t.Logf("second crawl: %d requests to %s, %d to %s; %d new articles, %d counties", hosts[oldHost], oldHost, hosts[newHost], newHost, sum2.ArticlesNew, sum2.Sites[article.County])

	// A first crawl after the move meets the county at its new name
	// alone, whose pages' top strip ends with the county's own name at
	// the old host: the county is crawled at the new name, once, under
	// 西安, not placed below a county at the old name.
	var fresh staticSink
	_, sum3 := runInState(t, runs.url, t.TempDir(), Options{Workers: 8, PerHost: 1, Retries: 6, Seeds: runs.opts.Seeds}, fresh.store)
	if sum3.Sites[article.County] != sum1.Sites[article.County] {
		t.Errorf("a crawl after the move: %d counties, want %d", sum3.Sites[article.County], sum1.Sites[article.County])
	}
	atNew := 0
	fresh.mu.Lock()
	defer fresh.mu.Unlock()
	for u, a := range fresh.urls {
		tr, ok := sim.Truth(u)
		if !ok {
			t.Errorf("archived under %s: not an article's URL", u)
			continue
		}
		var got []string
		for _, s := range a.Lineage {
			got = append(got, s.Host)
		}
		want := slices.Clone(tr.LineageHosts)
		if Host(u) == newHost {
			atNew++
			want[len(want)-1] = newHost
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: lineage %v, want %v", u, got, want)
		}
	}
	if atNew == 0 {
		t.Errorf("a crawl after the move archived nothing at %s", newHost)
	}
}

// TestSimDeleted crawls the simulation twice, two days apart, the archive
// and crawl state of the first kept: between the two, the newest article
// of each county site (every county CMS) was deleted, while the pages that
// linked it still do. The second crawl fetches them again (young
// articles, revisited for their view counts) and meets each CMS's answer
// for an article that does not exist: 404, a soft-404 page, the Discuz!
// message page (200). The archived records stay as they were, nothing
// else is archived in their place, and only dead links are reported.
// Each deleted article the second crawl asked for is marked removed at
// the source (Options.Removed), on every CMS, and no other article is.
func TestSimDeleted(t *testing.T) {
	if testing.Short() {
		t.Skip("two crawls of the simulation")
	}
	var mu sync.Mutex
	asked, missing := map[string]int{}, map[string]int{}
	runs := startSimRuns(t, sitesim.Options{Seed: 7, Articles: 300, Now: time.Now().Truncate(time.Minute), Calm: true, Log: func(r sitesim.Request) {
		u := "http://" + r.Host + r.Path
		if r.RawQuery != "" {
			u += "?" + r.RawQuery
		}
		if c, ok := sitesim.Canonical(u); ok {
			mu.Lock()
			asked[c]++
			if r.Status == http.StatusNotFound {
				missing[c]++
			}
			mu.Unlock()
		}
	}}, 3*365*24*time.Hour)
	var k marks
	runs.opts.Removed = k.removed
	sim, sink := runs.sim, &runs.sink
	sum1 := runs.crawl(t)
	checkSimArchive(t, sim, sum1, sink)
	if len(k.m) > 0 || sum1.Removed.Recorded > 0 {
		t.Errorf("the first crawl marked %d articles removed", len(k.m))
	}

	sim.Advance(2 * 24 * time.Hour)
	newest := map[string]sitesim.Truth{}
	sim.ForEachArticle(func(tr sitesim.Truth) bool {
		if tr.Level == "county" && !tr.Disallowed && sink.get(tr.URL) != nil && tr.Published.After(newest[tr.Host].Published) {
			newest[tr.Host] = tr
		}
		return true
	})
	before := map[string]string{}
	for _, tr := range newest {
		if !sim.Delete(tr.URL) {
			t.Fatalf("cannot delete %s", tr.URL)
		}
		before[tr.URL] = sink.get(tr.URL).Body
	}
	mu.Lock()
	clear(asked)
	mu.Unlock()
	sum2 := runs.crawl(t)
	mu.Lock()
	defer mu.Unlock()
	revisited, gone := 0, 0
	for u, body := range before {
		if asked[u] > 0 {
			revisited++
		}
		if missing[u] > 0 {
			gone++
		}
		if a := sink.get(u); a == nil || a.Body != body {
			t.Errorf("%s deleted: its record changed or went", u)
		}
	}
	if revisited < len(before)/2 || gone == 0 {
		t.Errorf("%d of the %d deleted articles asked for again, %d answered 404: the test does not meet them", revisited, len(before), gone)
	}
	sink.mu.Lock()
	for u := range sink.urls {
		if tr, ok := sim.Truth(u); !ok || tr.URL != u {
			t.Errorf("archived under %s: not an article's URL", u)
		}
	}
	sink.mu.Unlock()
	for kind, n := range sum2.Errors {
		if kind != KindDeadLink {
			t.Errorf("%d errors of kind %s: %s", n, kind, sum2.ErrorSamples[kind])
		}
	}
	t.Logf("%d deleted, %d asked for again, %d answered 404; second crawl: %d new, %d other pages, errors %v", len(before), revisited, gone, sum2.ArticlesNew, sum2.OtherPages, sum2.Errors)
	cmsOf := map[string]string{}
	for _, s := range sim.Sites() {
		cmsOf[s.Host] = s.CMS
	}
	markedBy := map[string]int{} // CMS → deleted articles marked
	askedBy := map[string]int{}  // CMS → deleted articles asked for again
	answers := map[string]int{}  // the marks' answers
	for u := range before {
		tr, _ := sim.Truth(u)
		if asked[u] > 0 {
			askedBy[cmsOf[tr.Host]]++
		}
		if m, ok := k.get(u); ok {
			markedBy[cmsOf[tr.Host]]++
			answers[fmt.Sprint(m.Status, " ", m.Answer)]++
		} else if asked[u] > 0 {
			t.Errorf("%s (%s) deleted and asked for again: not marked removed", u, cmsOf[tr.Host])
		}
	}
	for u := range k.m {
		if _, ok := before[u]; !ok {
			t.Errorf("%s marked removed: it was not deleted", u)
		}
	}
	if int(sum2.Removed.Recorded) != len(k.m) {
		t.Errorf("summary counts %d removed, %d marked", sum2.Removed.Recorded, len(k.m))
	}
	t.Logf("deleted articles asked for again by CMS %v, marked %v; answers %v; held %d on %v", askedBy, markedBy, answers, sum2.Removed.Held, sum2.Removed.HeldHosts)
}

// TestSimAllExtrasTwice crawls the simulation with every extra and the
// server signals on, twice, a week apart, the archive and crawl state of
// the first kept, as an incremental crawl does: facts that no other test
// meets together (a county that moves to a new name while another's
// pages are labelled gzip and its rare names are GB18030, a WAF, sorted
// lists, a province under two names), and between the crawls new
// articles, the move, and deletions. Both crawls archive every article
// once under its URL with its lineage and report dead links alone; the
// second asks the moved county's new name for its robots.txt and
// homepage alone.
func TestSimAllExtrasTwice(t *testing.T) {
	if testing.Short() {
		t.Skip("two crawls of the simulation with a dead site")
	}
	var counts hostCounts
	now := time.Now().Truncate(time.Minute)
	// every extra but the dead county, which TestSimDeadSite meets and
	// whose timeouts would make this test three times as long
	extras := slices.DeleteFunc(sitesim.AllExtras(), func(e string) bool { return e == sitesim.ExtraDeadSite })
	runs := startSimRuns(t, sitesim.Options{Seed: 11, Articles: 300, Now: now, Extras: extras, Log: counts.log}, 365*24*time.Hour)
	sim, sink := runs.sim, &runs.sink
	sum1 := runs.crawl(t)
	checkSimArchive(t, sim, sum1, sink)

	sim.Advance(7 * 24 * time.Hour)
	deleted := 0
	sim.ForEachArticle(func(tr sitesim.Truth) bool {
		if tr.Published.After(now.AddDate(0, 0, -200)) && sink.get(tr.URL) != nil && sim.Delete(tr.URL) {
			deleted++
		}
		return deleted < 12
	})
	counts.take()
	sum2 := runs.crawl(t)
	checkSimArchive(t, sim, sum2, sink)
	if n := counts.take()["www.zzwmw.gov.cn"]; n > 2 {
		t.Errorf("%d requests to the moved county's new name", n)
	}
	if v := sim.RetryViolations(); len(v) > 0 {
		t.Errorf("Retry-After not waited for: %v", v)
	}
	t.Logf("second crawl: %d deleted, %d new, errors %v", deleted, sum2.ArticlesNew, sum2.Errors)
}
