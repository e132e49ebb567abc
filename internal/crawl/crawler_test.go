package crawl

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/frontier"
)

// tinyWeb is a two-site hierarchy served by host name (as a proxy), that
// records every request and the concurrency per host.
type tinyWeb struct {
	pages int // article pages per site
	hold  time.Duration

	mu       sync.Mutex
	hits     map[string]int // host+path?query → GETs
	active   map[string]int
	maxConc  map[string]int
	starts   map[string][]time.Time
	outside  []string
	blockedA bool // a robots-disallowed URL was requested
}

func newTinyWeb(pages int) *tinyWeb {
	return &tinyWeb{pages: pages, hits: map[string]int{}, active: map[string]int{}, maxConc: map[string]int{}, starts: map[string][]time.Time{}}
}

func (w *tinyWeb) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	host := r.Host
	key := host + r.URL.RequestURI()
	w.mu.Lock()
	w.hits[key]++
	w.active[host]++
	w.maxConc[host] = max(w.maxConc[host], w.active[host])
	w.starts[host] = append(w.starts[host], time.Now())
	if strings.HasPrefix(r.URL.Path, "/private/") {
		w.blockedA = true
	}
	w.mu.Unlock()
	defer func() {
		w.mu.Lock()
		w.active[host]--
		w.mu.Unlock()
	}()
	time.Sleep(w.hold)
	switch host {
	case "top.wenming.test", "child.test":
	default:
		w.mu.Lock()
		w.outside = append(w.outside, key)
		w.mu.Unlock()
		http.Error(rw, "outside", http.StatusBadGateway)
		return
	}
	if r.URL.Path == "/robots.txt" {
		fmt.Fprint(rw, "User-agent: *\nDisallow: /private/\n")
		return
	}
	var b strings.Builder
	name := map[string]string{"top.wenming.test": "顶层文明网", "child.test": "下级文明网"}[host]
	b.WriteString(`<html><head><meta charset="gbk"><title>` + name + `</title></head><body>`)
	if host == "child.test" {
		b.WriteString(`<div class="top"><a href="http://top.wenming.test/">顶层文明网</a> 今天是</div>`)
	}
	b.WriteString(`<a href="/">首页</a>`)
	switch {
	case r.URL.Path == "/":
		if host == "top.wenming.test" {
			b.WriteString(`<div class="yqlj"><h3>友情链接</h3><ul><li><a href="http://child.test/">下级文明网</a></li><li><a href="http://www.gov.test/">中国政府网</a></li></ul></div>`)
		}
		for i := 0; i < w.pages; i++ {
			fmt.Fprintf(&b, `<li><a href="/news/%d.html?utm_source=x#top">第%d条新闻</a></li>`, i, i)
		}
		b.WriteString(`<a href="/private/secret.html">内部</a><a href="https://weibo.test/x">微博</a>`)
	default:
		fmt.Fprintf(&b, `<div class="article"><h1>%s的新闻</h1><div class="info">发布时间：2023-03-22 10:00 来源：本站</div>`+
			`<div class="content"><p>近日，%s组织开展了“文明实践进社区”志愿服务活动，志愿者们走进社区，为居民提供义诊、理发、家电维修等服务。</p>`+
			`<p>活动现场气氛热烈，群众纷纷表示，这样的活动接地气、有温度，希望以后多多举办。</p></div></div>`, name, name)
	}
	b.WriteString(`</body></html>`)
	enc, _ := simplifiedchinese.GBK.NewEncoder().String(b.String())
	rw.Header().Set("Content-Type", "text/html")
	fmt.Fprint(rw, enc)
}

// newTestCrawler makes a crawler of the test web at srvURL (its proxy;
// "": none) with its frontier in dir, closed when the test ends: from the
// seed opts names, or the web's top site; with its crawl state in
// opts.StateDir, or dir; retrying at once.
func newTestCrawler(t *testing.T, srvURL, dir string, opts Options, sink Sink) (*Crawler, *frontier.Frontier) {
	t.Helper()
	f, err := frontier.Open(filepath.Join(dir, "frontier.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	opts.Proxy = srvURL
	if opts.Seeds == nil {
		opts.Seeds = []SiteSpec{{URL: "http://top.wenming.test/", Name: "顶层文明网", Level: article.National}}
	}
	if opts.StateDir == "" {
		opts.StateDir = dir
	}
	opts.RetryBackoff = time.Millisecond
	c, err := New(opts, f, sink)
	if err != nil {
		t.Fatal(err)
	}
	return c, f
}

// runTestCrawl crawls, as newTestCrawler sets it up, until the crawl ends
// (a minute at most), and returns the crawler and its summary.
func runTestCrawl(t *testing.T, srvURL string, opts Options, sink Sink) (*Crawler, Summary) {
	t.Helper()
	c, _ := newTestCrawler(t, srvURL, t.TempDir(), opts, sink)
	// A bound against a crawl that never ends, not a speed test: under
	// the race detector on a loaded machine a forum's second crawl took
	// over a minute.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	sum, err := c.Run(ctx)
	if err != nil {
		t.Fatalf("crawl: %v", err)
	}
	return c, sum
}

// crawlWeb serves web on loopback for the test's length and crawls it as
// runTestCrawl does.
func crawlWeb(t *testing.T, web http.Handler, opts Options, sink Sink) (*Crawler, Summary) {
	t.Helper()
	srv := httptest.NewServer(web)
	t.Cleanup(srv.Close)
	return runTestCrawl(t, srv.URL, opts, sink)
}

func nopSink(*article.Article) (Stored, error) { return Stored{Outcome: Added}, nil }

// urlSink is a sink that notes the URL of every article it is given.
type urlSink struct {
	mu   sync.Mutex
	urls map[string]*article.Article
}

// holding returns the URLs of the records whose URL contains sub.
func (s *urlSink) holding(sub string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for u := range s.urls {
		if strings.Contains(u, sub) {
			out = append(out, u)
		}
	}
	return out
}

func (s *urlSink) store(a *article.Article) (Stored, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.urls == nil {
		s.urls = map[string]*article.Article{}
	}
	s.urls[a.URL] = a
	return Stored{Outcome: Added}, nil
}

// get returns the article the sink was given at u, or nil.
func (s *urlSink) get(u string) *article.Article {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.urls[u]
}

// missing returns those of urls the sink was not given.
func (s *urlSink) missing(urls ...string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, u := range urls {
		if s.urls[u] == nil {
			out = append(out, u)
		}
	}
	return out
}

// aliasSink judges as the store does by the body alone: the same body
// under another URL is an alias of the first URL it came under.
type aliasSink struct {
	mu     sync.Mutex
	byBody map[string]string
}

func (s *aliasSink) store(a *article.Article) (Stored, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.byBody == nil {
		s.byBody = map[string]string{}
	}
	if first, ok := s.byBody[a.Body]; ok && first != a.URL {
		return Stored{Outcome: Aliased, Record: first}, nil
	}
	s.byBody[a.Body] = a.URL
	return Stored{Outcome: Added}, nil
}

// aliasedSink is a store that judges aliases as aliasSink does and keeps
// in the returned urlSink the articles it adds (an alias's URL is not in
// it).
func aliasedSink() (Sink, *urlSink) {
	sink, alias := &urlSink{}, &aliasSink{}
	return func(a *article.Article) (Stored, error) {
		st, err := alias.store(a)
		if err == nil && st.Outcome == Added {
			sink.store(a)
		}
		return st, err
	}, sink
}

// staticSink keeps one record per article, judged by its body as
// aliasSink does, under the URL the store prefers: a static address (no
// query) before a dynamic one, whichever came first (store.Preferred).
// Its urlSink holds the records under their URLs. takeOver is what it
// answers when a static URL takes a dynamic one's record.
type staticSink struct {
	urlSink
	byBody   map[string]string
	takeOver Outcome
	taken    map[string]string // a URL whose record another took over → that URL
}

func (s *staticSink) store(a *article.Article) (Stored, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.byBody == nil {
		s.byBody, s.urls = map[string]string{}, map[string]*article.Article{}
	}
	first, ok := s.byBody[a.Body]
	switch {
	case !ok:
	case first == a.URL:
		s.urls[a.URL] = a
		return Stored{Outcome: Unchanged}, nil
	case strings.Contains(first, "?") && !strings.Contains(a.URL, "?"), mobileHost(first) && !mobileHost(a.URL):
		delete(s.urls, first)
		s.byBody[a.Body], s.urls[a.URL] = a.URL, a
		if s.taken == nil {
			s.taken = map[string]string{}
		}
		s.taken[first] = a.URL
		return Stored{Outcome: s.takeOver}, nil
	default:
		return Stored{Outcome: Aliased, Record: first}, nil
	}
	s.byBody[a.Body], s.urls[a.URL] = a.URL, a
	return Stored{Outcome: Added}, nil
}

// mobileHost reports whether u is on a mobile edition's host (m., wap. …:
// mobilehost.go), whose record the desktop URL takes over, as the
// archive's do.
func mobileHost(u string) bool {
	first, _, _ := strings.Cut(Host(u), ".")
	return mobileLabels[first]
}

// wantOnly checks that the sink holds records at urls alone, naming with
// its title each other page the crawl took for an article (a list, search
// or error page).
func (s *urlSink) wantOnly(t *testing.T, urls []string) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.urls) == len(urls) {
		return
	}
	want := map[string]bool{}
	for _, u := range urls {
		want[u] = true
	}
	var extra []string
	for u, a := range s.urls {
		if !want[u] {
			extra = append(extra, u+" "+a.Title)
		}
	}
	sort.Strings(extra)
	t.Errorf("%d articles, want %d; not articles: %v", len(s.urls), len(urls), extra)
}

// runInState is runTestCrawl with a new frontier and the crawl state in
// state: a later run with the same state is a later crawl of the archive.
func runInState(t *testing.T, srvURL, state string, opts Options, sink Sink) (*Crawler, Summary) {
	t.Helper()
	opts.StateDir = state
	return runTestCrawl(t, srvURL, opts, sink)
}

func (s *urlSink) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.urls)
}

// pageWeb serves a test web through the crawler's proxy: route answers
// each request, page writing an HTML page of a title and a body under a
// link home; every request is counted by host, path and query.
func pageWeb(t *testing.T, route func(w http.ResponseWriter, r *http.Request, page func(title, body string))) (*httptest.Server, *hitCounter) {
	hits := &hitCounter{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.count(r.Host + r.URL.RequestURI())
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		route(w, r, func(title, body string) {
			fmt.Fprintf(w, `<html><head><title>%s</title></head><body><a href="/">首页</a>%s</body></html>`, title, body)
		})
	}))
	t.Cleanup(srv.Close)
	return srv, hits
}

// offHost answers a request for any host but host as a proxy answers for
// a host it cannot reach (502), and reports whether it did:
// a test site of one host takes no page of another for its own.
func offHost(w http.ResponseWriter, r *http.Request, host string) bool {
	if r.Host == host {
		return false
	}
	http.Error(w, "outside", http.StatusBadGateway)
	return true
}

// robotlessWeb is pageWeb for a test web whose hosts have no robots.txt
// (not found: every page allowed).
func robotlessWeb(t *testing.T, route func(w http.ResponseWriter, r *http.Request, page func(title, body string))) (*httptest.Server, *hitCounter) {
	return pageWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		route(w, r, page)
	})
}

// crawlArchiving crawls the test web srv with two workers and checks that
// the articles at urls were archived, naming the requests the web was
// sent where not. It returns the crawler.
func crawlArchiving(t *testing.T, srv *httptest.Server, hits *hitCounter, urls ...string) *Crawler {
	t.Helper()
	var sink urlSink
	c, _ := runTestCrawl(t, srv.URL, Options{Workers: 2}, sink.store)
	if m := sink.missing(urls...); m != nil {
		t.Errorf("%v not archived (requests %v)", m, hits.hits)
	}
	return c
}

// clientSide records, as the crawler sends them, the start of every
// request and the requests in flight per host.
type clientSide struct {
	inner   http.RoundTripper
	mu      sync.Mutex
	active  map[string]int
	maxConc map[string]int
	starts  map[string][]time.Time
	urls    []string
}

func (c *clientSide) RoundTrip(r *http.Request) (*http.Response, error) {
	h := r.URL.Host
	c.mu.Lock()
	c.active[h]++
	c.maxConc[h] = max(c.maxConc[h], c.active[h])
	c.starts[h] = append(c.starts[h], time.Now())
	c.urls = append(c.urls, fmt.Sprintf("%s %s %v", time.Now().Format("05.000000"), r.URL, r.Context().Err()))
	c.mu.Unlock()
	resp, err := c.inner.RoundTrip(r)
	if err == nil {
		// In flight until the body is read: count it down when closed.
		resp.Body = &countDown{ReadCloser: resp.Body, done: func() {
			c.mu.Lock()
			c.active[h]--
			c.mu.Unlock()
		}}
	} else {
		c.mu.Lock()
		c.active[h]--
		c.mu.Unlock()
	}
	return resp, err
}

type countDown struct {
	io.ReadCloser
	once sync.Once
	done func()
}

func (c *countDown) Close() error {
	err := c.ReadCloser.Close()
	c.once.Do(c.done)
	return err
}

func TestCrawlPolitenessAndScope(t *testing.T) {
	web := newTinyWeb(12)
	web.hold = 5 * time.Millisecond
	srv := httptest.NewServer(web)
	defer srv.Close()
	proxy, _ := url.Parse(srv.URL)
	client := &clientSide{inner: &http.Transport{Proxy: http.ProxyURL(proxy)}, active: map[string]int{}, maxConc: map[string]int{}, starts: map[string][]time.Time{}}
	const delay = 60 * time.Millisecond
	c, _ := newTestCrawler(t, srv.URL, t.TempDir(), Options{Workers: 8, PerHost: 2, Delay: delay, Transport: client}, nopSink)
	sum, err := c.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if sum.Sites[article.National] != 1 || sum.Sites[article.Province] != 1 {
		t.Errorf("sites = %v, want the seed and its child", sum.Sites)
	}
	// Every request the run took from the frontier is done: the 24
	// articles, the homepages and the lists.
	if st := c.Stats(); st.Done < 24+2 || st.Done > sum.Requests || st.Pending != 0 || st.InFlight != 0 {
		t.Errorf("stats at the end: %d done, %d pending, %d in flight (%d requests)", st.Done, st.Pending, st.InFlight, sum.Requests)
	}
	web.mu.Lock()
	defer web.mu.Unlock()
	for key, n := range web.hits {
		if n != 1 {
			t.Errorf("%s fetched %d times", key, n)
		}
	}
	for i := 0; i < 12; i++ {
		for _, h := range []string{"top.wenming.test", "child.test"} {
			if web.hits[fmt.Sprintf("%s/news/%d.html", h, i)] != 1 {
				t.Errorf("%s/news/%d.html not fetched once under its canonical URL", h, i)
			}
		}
	}
	if web.blockedA {
		t.Error("a robots.txt-disallowed URL was fetched")
	}
	if len(web.outside) > 0 {
		t.Errorf("requests outside the hierarchy: %v", web.outside)
	}
	client.mu.Lock()
	defer client.mu.Unlock()
	for host, n := range client.maxConc {
		if n > 2 {
			t.Errorf("%s had %d requests in flight, per_host is 2", host, n)
		}
	}
	// The crawler sends no two requests to one host closer than the delay.
	// The gate spaces the moments requests leave it; they reach this
	// transport through the guard a moment later, which the scheduler
	// (more so under -race, or on a loaded machine) may stretch for one
	// request and not the next. So one gap may fall short of the delay
	// by up to half of it, while the span of every run of requests must
	// hold the delay times its gaps, less one such stretch: a gate that
	// lets requests out early fails the span, one that lets them out
	// together (two in flight per host) fails the gap.
	const jitter = delay / 2
	for host, ts := range client.starts {
		for i := 1; i < len(ts); i++ {
			if gap := ts[i].Sub(ts[i-1]); gap < delay-jitter {
				t.Errorf("%s: requests %d and %d sent %v apart (delay %v)\n%s", host, i-1, i, gap, delay, strings.Join(client.urls, "\n"))
				break
			}
			if span, least := ts[i].Sub(ts[0]), time.Duration(i)*delay-jitter; span < least {
				t.Errorf("%s: requests 0 to %d sent within %v, the delay asks for %v", host, i, span, least)
				break
			}
		}
	}
}

// TestCrawlResume interrupts a crawl and resumes it: every article is
// archived, and none archived by the first run is fetched again.
func TestCrawlResume(t *testing.T) {
	web := newTinyWeb(40)
	srv := httptest.NewServer(web)
	defer srv.Close()
	dir := t.TempDir()

	var archived urlSink
	known := func(u string) (Known, bool) {
		if a := archived.get(u); a != nil {
			return Known{FetchedAt: a.FetchedAt}, true
		}
		return Known{}, false
	}
	pass := time.Now()
	opts := Options{Workers: 2, PerHost: 1, Delay: 5 * time.Millisecond, Known: known, PassStart: pass}

	ctx, cancel := context.WithCancel(context.Background())
	c, f := newTestCrawler(t, srv.URL, dir, opts, archived.store)
	go func() {
		for c.Stats().Articles < 15 {
			time.Sleep(2 * time.Millisecond)
		}
		cancel()
	}()
	sum, err := c.Run(ctx)
	if err == nil || sum.Pending == 0 {
		t.Fatalf("interrupted run: err=%v pending=%d", err, sum.Pending)
	}
	f.Close()
	archived.mu.Lock()
	first := map[string]bool{}
	for u := range archived.urls {
		first[u] = true
	}
	archived.mu.Unlock()
	web.mu.Lock()
	hitsBefore := map[string]int{}
	for k, n := range web.hits {
		hitsBefore[k] = n
	}
	web.mu.Unlock()

	opts.Delay = 0
	c2, _ := newTestCrawler(t, srv.URL, dir, opts, archived.store)
	sum2, err := c2.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if sum2.Pending != 0 {
		t.Errorf("resumed run left %d pending", sum2.Pending)
	}
	if n := archived.count(); n != 80 {
		t.Errorf("%d articles archived over both runs, want 80", n)
	}
	web.mu.Lock()
	defer web.mu.Unlock()
	for u := range first {
		key := strings.TrimPrefix(u, "http://")
		if web.hits[key] != hitsBefore[key] {
			t.Errorf("%s was archived by the first run and fetched again by the second", u)
		}
	}
}

// wantRecord checks the record a test web's crawl archived at u (nil: none)
// against the title, publish time and column the site served it with, and
// reports whether there was one.
func wantRecord(t *testing.T, u string, got *article.Article, title string, published time.Time, column string) bool {
	t.Helper()
	if got == nil {
		t.Errorf("article %s not archived", u)
		return false
	}
	if got.Title != title {
		t.Errorf("%s: title %q, want %q", u, got.Title, title)
	}
	if !got.Published.Equal(published) {
		t.Errorf("%s: published %v, want %v", u, got.Published, published)
	}
	if got.Column != column {
		t.Errorf("%s: column %q, want %q", u, got.Column, column)
	}
	return true
}
