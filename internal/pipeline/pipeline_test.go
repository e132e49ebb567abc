package pipeline_test

import (
	"context"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/width"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/archive/recordstest"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/pipeline"
	"github.com/wenming-archive/wenming/internal/pipeline/pipelinetest"
	"github.com/wenming-archive/wenming/internal/sitesim"
	"github.com/wenming-archive/wenming/internal/store"
)

// requestLog records every request the simulation receives.
type requestLog struct {
	mu   sync.Mutex
	reqs []sitesim.Request
}

func (l *requestLog) add(r sitesim.Request) {
	l.mu.Lock()
	l.reqs = append(l.reqs, r)
	l.mu.Unlock()
}

func (l *requestLog) all() []sitesim.Request {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.reqs)
}

func TestCrawlSimulation(t *testing.T) {
	crawlBeside(t)
	articles := 400
	if testing.Short() {
		articles = 150
	}
	var log requestLog
	sim := sitesim.New(sitesim.Options{Seed: 7, Articles: articles, Log: log.add, Latency: time.Millisecond})
	srv := httptest.NewServer(sim)
	defer srv.Close()
	data := t.TempDir()
	ctx := context.Background()

	cfg := pipelinetest.Config(srv.URL)
	// One request per host at a time, as the shipped config: a second one
	// in flight when a 429 arrives would reach the server inside its
	// Retry-After.
	cfg.Crawl.PerHost = 1
	rep, err := pipeline.Crawl(ctx, pipelinetest.Options(cfg, data))
	if err != nil {
		t.Fatalf("crawl: %v", err)
	}
	t.Logf("first crawl: %+v", rep.Crawl)

	// The crawl ended, every trap cost few requests, no host had more than
	// per_host requests in flight, Retry-After was respected, nothing
	// disallowed by robots.txt and nothing outside the hierarchy was
	// requested.
	for trap, n := range sim.TrapRequests() {
		t.Logf("trap %s: %d requests", trap, n)
		if n > 40 {
			t.Errorf("trap %s cost %d requests, want ≤ 40", trap, n)
		}
	}
	checkPolite(t, sim, log.all(), cfg.Crawl.PerHost)

	// Every site of the simulation is discovered from the national seed.
	wantSites := map[article.Level]int{}
	for _, s := range sim.Sites() {
		wantSites[article.Level(s.Level)]++
	}
	for l, n := range wantSites {
		if rep.Crawl.Sites[l] != n {
			t.Errorf("%s sites discovered = %d, want %d", l, rep.Crawl.Sites[l], n)
		}
	}

	stored := storedArticles(t, data)

	var truths []sitesim.Truth
	sim.ForEachArticle(func(tr sitesim.Truth) bool {
		truths = append(truths, tr)
		return true
	})
	if len(truths) != articles {
		t.Fatalf("simulation has %d articles, want %d", len(truths), articles)
	}
	reachable, aliases := 0, 0
	var f1sum float64
	requested := map[string]bool{}
	for _, r := range log.all() {
		u := "http://" + r.Host + r.Path
		if r.RawQuery != "" {
			u += "?" + r.RawQuery
		}
		if c, ok := sitesim.Canonical(u); ok {
			requested[c] = true
		}
	}
	for _, tr := range truths {
		a, ok := stored[tr.URL]
		if tr.Disallowed {
			if ok {
				t.Errorf("%s is in a robots-disallowed column but was archived", tr.URL)
			}
			continue
		}
		reachable++
		if !ok {
			t.Errorf("not archived: %s (%s, %s)", tr.URL, tr.SiteName, tr.Column)
			continue
		}
		checkArticle(t, sim, tr, a)
		// The article's other URLs (dynamic, mobile) that the crawl met are
		// its aliases, not records of their own. (An alias no page links
		// and no CMS rule implies cannot be known.)
		for _, alias := range tr.Aliases {
			if requested[alias] && !slices.Contains(a.Aliases, alias) {
				t.Errorf("%s: alias %s was fetched but not recorded (aliases %v)", tr.URL, alias, a.Aliases)
			}
			if slices.Contains(a.Aliases, alias) {
				aliases++
			}
		}
		f1 := charF1(a.Body, tr.Body)
		f1sum += f1
		if f1 < 0.99 {
			t.Errorf("%s: body F1 %.3f < 0.99\n got: %.200q\nwant: %.200q", tr.URL, f1, a.Body, tr.Body)
		}
	}
	if len(stored) != reachable {
		t.Errorf("archive holds %d records, want exactly the %d reachable articles (no duplicates, no list pages)", len(stored), reachable)
		truthURLs := map[string]bool{}
		for _, tr := range truths {
			truthURLs[tr.URL] = true
		}
		for u, a := range stored {
			if !truthURLs[u] {
				t.Errorf("  not an article of the simulation: %s %q", u, a.Title)
			}
		}
	}
	if reachable > 0 {
		t.Logf("%d articles archived, mean body F1 %.4f, %d aliases recorded", reachable, f1sum/float64(reachable), aliases)
	}
	if aliases == 0 {
		t.Error("no alias recorded: the simulation serves DedeCMS, PHPCMS and mobile aliases")
	}

	// Raw captures: valid WARC files, each article pointing at its response
	// record and found through the CDXJ index.
	warcDir := filepath.Join(data, "warc")
	records := validateWARCs(t, warcDir)
	cdx := indexedURLs(t, warcDir)
	for _, a := range stored {
		checkCapture(t, warcDir, a)
		if !cdx[a.URL] {
			t.Errorf("%s: not in the CDXJ index", a.URL)
		}
	}
	t.Logf("%d WARC records (%d in the run report), %d URLs indexed", records, rep.WARCRecords, len(cdx))

	checkSearch(t, data, stored)

	// A second crawl that revisits every article updates records, never
	// duplicates them, and adds a view-count point.
	cfg2 := pipelinetest.Config(srv.URL)
	cfg2.Crawl.RevisitAge = 100 * 365 * 24 * time.Hour
	rep2, err := pipeline.Crawl(ctx, pipelinetest.Options(cfg2, data))
	if err != nil {
		t.Fatalf("second crawl: %v", err)
	}
	if rep2.Crawl.ArticlesNew != 0 || rep2.Total != reachable {
		t.Errorf("second crawl: %d new, %d in archive; want 0 new and %d", rep2.Crawl.ArticlesNew, rep2.Total, reachable)
	}
	st, err := store.Open(archive.ArticlesPath(data))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	twoPoints := 0
	for _, tr := range truths {
		if tr.Disallowed || tr.ViewsBefore == nil {
			continue
		}
		a, err := st.Get(tr.URL)
		if err != nil {
			t.Errorf("after second crawl: %v", err)
			continue
		}
		if len(a.ViewHistory) == 2 {
			twoPoints++
		}
		checkViews(t, sim, tr, a)
	}
	if twoPoints == 0 {
		t.Error("no article has two view-count observations after two crawls")
	}
}

// openIndex opens the search index of the archive in data, for the
// caller to close (before a crawl of data, which opens it again).
func openIndex(t *testing.T, data string) *index.Index {
	t.Helper()
	ix, err := index.Open(archive.IndexPath(data))
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// storedArticles reads every record of the archive in data, by URL.
func storedArticles(t *testing.T, data string) map[string]*article.Article {
	t.Helper()
	stored := map[string]*article.Article{}
	recordstest.Each(t, data, func(a *article.Article) { stored[a.URL] = a })
	return stored
}

// checkPolite checks a crawl's politeness from the requests the
// simulation received: no host had more than perHost requests in flight,
// none was asked before its Retry-After ended, nothing disallowed by
// robots.txt was requested, nothing outside the hierarchy.
func checkPolite(t *testing.T, sim *sitesim.Sim, requests []sitesim.Request, perHost int) {
	t.Helper()
	for host, n := range sim.MaxInFlight() {
		if n > perHost {
			t.Errorf("%s had %d requests in flight, per_host is %d", host, n, perHost)
		}
	}
	for _, v := range sim.RetryViolations() {
		t.Errorf("request to %s %s before its Retry-After ended", v.Host, v.Early)
	}
	for _, r := range requests {
		if r.Disallowed {
			t.Errorf("requested a robots-disallowed URL: %s%s?%s", r.Host, r.Path, r.RawQuery)
		}
		if r.Outside {
			t.Errorf("requested a URL outside the hierarchy: %s%s", r.Host, r.Path)
		}
	}
}

func checkArticle(t *testing.T, sim *sitesim.Sim, tr sitesim.Truth, a *article.Article) {
	t.Helper()
	if a.Title != tr.Title {
		t.Errorf("%s: title %q, want %q", tr.URL, a.Title, tr.Title)
	}
	if !a.Published.Equal(tr.Published) || string(a.PublishedPrecision) != tr.Precision {
		t.Errorf("%s: published %v (%s), want %v (%s)", tr.URL, a.Published, a.PublishedPrecision, tr.Published, tr.Precision)
	}
	if a.Column != tr.Column {
		t.Errorf("%s: column %q, want %q", tr.URL, a.Column, tr.Column)
	}
	if a.Source != tr.Source || a.Author != tr.Author || a.Editor != tr.Editor {
		t.Errorf("%s: source/author/editor %q/%q/%q, want %q/%q/%q", tr.URL, a.Source, a.Author, a.Editor, tr.Source, tr.Author, tr.Editor)
	}
	if got := a.LineageNames(); !slices.Equal(got, tr.Lineage) {
		t.Errorf("%s: lineage %v, want %v", tr.URL, got, tr.Lineage)
	}
	if a.Site != tr.Host || a.SiteName != tr.SiteName || string(a.Level) != tr.Level {
		t.Errorf("%s: site %s %s %s, want %s %s %s", tr.URL, a.Site, a.SiteName, a.Level, tr.Host, tr.SiteName, tr.Level)
	}
	checkViews(t, sim, tr, a)
}

func checkViews(t *testing.T, sim *sitesim.Sim, tr sitesim.Truth, a *article.Article) {
	t.Helper()
	if tr.ViewsBefore == nil {
		if a.Views != nil {
			t.Errorf("%s: views %d where the site shows none (want null)", tr.URL, *a.Views)
		}
		return
	}
	if a.Views == nil {
		t.Errorf("%s: views unknown, want about %d", tr.URL, *tr.ViewsBefore)
		return
	}
	lo, hi := *tr.ViewsBefore, *tr.ViewsBefore+int64(sim.Fetches(tr.URL))
	if *a.Views < lo || *a.Views > hi {
		t.Errorf("%s: views %d outside [%d, %d]", tr.URL, *a.Views, lo, hi)
	}
}

// charF1 is the F1 of the two texts' character multisets, whitespace removed.
func charF1(got, want string) float64 {
	count := func(s string) map[rune]int {
		m := map[rune]int{}
		for _, r := range s {
			if !unicode.IsSpace(r) {
				m[r]++
			}
		}
		return m
	}
	g, w := count(got), count(want)
	var ng, nw, common int
	for r, n := range g {
		ng += n
		common += min(n, w[r])
	}
	for _, n := range w {
		nw += n
	}
	if ng == 0 || nw == 0 {
		if ng == nw {
			return 1
		}
		return 0
	}
	p, r := float64(common)/float64(ng), float64(common)/float64(nw)
	return 2 * p * r / (p + r)
}

func fold(s string) string { return strings.ToLower(width.Fold.String(s)) }

// checkSearch runs phrase and one-character queries taken from archived
// bodies: each finds its article, and every hit contains the query text.
func checkSearch(t *testing.T, data string, stored map[string]*article.Article) {
	t.Helper()
	ix := openIndex(t, data)
	defer ix.Close()
	n, err := ix.Count()
	if err != nil || int(n) != len(stored) {
		t.Fatalf("index holds %d documents (err %v), archive %d", n, err, len(stored))
	}
	urls := make([]string, 0, len(stored))
	for u := range stored {
		urls = append(urls, u)
	}
	slices.Sort(urls)
	rng := rand.New(rand.NewPCG(1, 2))
	queries := 0
	for i := 0; i < 40 && len(urls) > 0; i++ {
		a := stored[urls[rng.IntN(len(urls))]]
		runes := []rune(a.Body)
		if len(runes) < 10 {
			continue
		}
		for _, size := range []int{1, 2 + rng.IntN(5)} {
			start := rng.IntN(len(runes) - size)
			q := strings.TrimSpace(string(runes[start : start+size]))
			if q == "" || strings.ContainsAny(q, "\"") || strings.ContainsFunc(q, unicode.IsSpace) || !wordy(q) {
				continue
			}
			queries++
			res, err := ix.Search(context.Background(), index.Query{Text: q, Size: 10000})
			if err != nil {
				t.Fatalf("search %q: %v", q, err)
			}
			found := false
			for _, h := range res.Hits {
				if h.ID == a.URL {
					found = true
				}
				doc := stored[h.ID]
				if doc == nil {
					t.Errorf("search %q: hit %s is not archived", q, h.ID)
					continue
				}
				if !strings.Contains(fold(doc.Title+"\n"+doc.Body), fold(q)) && !strings.Contains(fold(doc.Title+doc.Body), fold(q)) {
					t.Errorf("search %q: hit %s does not contain the query", q, h.ID)
				}
			}
			if !found {
				t.Errorf("search %q (from the body of %s) does not find it among %d hits", q, a.URL, res.Total)
			}
		}
	}
	t.Logf("%d search queries checked", queries)
}

// wordy reports whether a query is Chinese text: it starts and ends with a
// Han character and holds no Latin letters or digits (those match as whole
// words; see the index package's caveats).
func wordy(q string) bool {
	r := []rune(q)
	if !unicode.Is(unicode.Han, r[0]) || !unicode.Is(unicode.Han, r[len(r)-1]) {
		return false
	}
	for _, c := range r {
		if c < 0x80 || unicode.IsDigit(c) || (c >= 0xFF01 && c <= 0xFF5E && unicode.IsLetter(c)) {
			return false
		}
	}
	return true
}

func TestDamagedFrontierIsSetAside(t *testing.T) {
	data := t.TempDir()
	if err := os.WriteFile(archive.FrontierPath(data), []byte("not a bbolt file, torn by a crash"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := pipelinetest.Serve(t, sitesim.New(sitesim.Options{Seed: 3, Articles: 60}))
	rep, err := pipeline.Crawl(context.Background(), pipelinetest.Options(cfg, data))
	if err != nil {
		t.Fatalf("crawl over a damaged frontier: %v", err)
	}
	if rep.Total == 0 {
		t.Error("nothing archived")
	}
	matches, _ := filepath.Glob(archive.FrontierPath(data) + ".damaged-*")
	if len(matches) != 1 {
		t.Errorf("damaged frontier not kept aside: %v", matches)
	}
}

func TestDamagedIndexIsRebuilt(t *testing.T) {
	data := t.TempDir()
	cfg := pipelinetest.Serve(t, sitesim.New(sitesim.Options{Seed: 3, Articles: 60}))
	if _, err := pipeline.Crawl(context.Background(), pipelinetest.Options(cfg, data)); err != nil {
		t.Fatal(err)
	}
	// Replace the index with something that is not one.
	if err := os.RemoveAll(archive.IndexPath(data)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(archive.IndexPath(data), []byte("torn"), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := pipeline.Crawl(context.Background(), pipelinetest.Options(cfg, data))
	if err != nil {
		t.Fatalf("crawl over a damaged index: %v", err)
	}
	ix := openIndex(t, data)
	defer ix.Close()
	if n, _ := ix.Count(); int(n) != rep.Total || n == 0 {
		t.Errorf("index holds %d documents, archive %d", n, rep.Total)
	}
	if m, _ := filepath.Glob(archive.IndexPath(data) + ".damaged-*"); len(m) != 1 {
		t.Errorf("damaged index not kept aside: %v", m)
	}
}
