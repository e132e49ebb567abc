package crawl

// What the crawl tests share: crawling a test web served on loopback
// (newTestCrawler, runTestCrawl, runInState, crawlWeb, crawlArchiving),
// test webs of pages written per request (pageWeb, robotlessWeb, offHost)
// and the requests they count (hitCounter), sinks that keep what the crawl
// archived as a test needs it (nopSink, urlSink, aliasSink, aliasedSink,
// staticSink), and checks of the records (wantRecord, urlSink.wantOnly).

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/frontier"
)

func newTestCrawler(t *testing.T, srvURL, dir string, opts Options, sink Sink) (*Crawler, *frontier.Frontier) {
	t.Helper()
	f, err := frontier.Open(filepath.Join(dir, "frontier.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	opts.Proxy = srvURL
	opts.Seeds = []SiteSpec{{URL: "http://top.wenming.test/", Name: "顶层文明网", Level: article.National}}
	opts.StateDir = dir
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
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	sum, err := c.Run(ctx)
	if err != nil {
		t.Fatalf("crawl: %v", err)
	}
	return c, sum
}

// runInState crawls the test web at srvURL from the top seed with a new
// frontier and the crawl state in state (a later run with the same state
// is a later crawl of the archive), until the crawl ends.
func runInState(t *testing.T, srvURL, state string, opts Options, sink Sink) (*Crawler, Summary) {
	t.Helper()
	f, err := frontier.Open(filepath.Join(t.TempDir(), "frontier.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	opts.Proxy, opts.StateDir, opts.RetryBackoff = srvURL, state, time.Millisecond
	opts.Seeds = []SiteSpec{{URL: "http://top.wenming.test/", Name: "顶层文明网", Level: article.National}}
	c, err := New(opts, f, sink)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	sum, err := c.Run(ctx)
	if err != nil {
		t.Fatal(err)
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

// hitCounter counts a test site's requests by kind. It is safe for
// concurrent use.
type hitCounter struct {
	mu   sync.Mutex
	hits map[string]int
}

func (h *hitCounter) count(kind string) {
	h.mu.Lock()
	if h.hits == nil {
		h.hits = map[string]int{}
	}
	h.hits[kind]++
	h.mu.Unlock()
}

func (h *hitCounter) requests(kind string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.hits[kind]
}

// caseless returns how many requests were counted under kinds that hold
// sub in any case (as IIS answers a URL), and those kinds.
func (h *hitCounter) caseless(sub string) (n int, kinds []string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for k, c := range h.hits {
		if strings.Contains(strings.ToLower(k), sub) {
			n += c
			kinds = append(kinds, k)
		}
	}
	return n, kinds
}

func nopSink(*article.Article) (Stored, error) { return Stored{Outcome: Added}, nil }

// urlSink is a sink that notes the URL of every article it is given.
type urlSink struct {
	mu   sync.Mutex
	urls map[string]*article.Article
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

func (s *urlSink) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.urls)
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
	case strings.Contains(first, "?") && !strings.Contains(a.URL, "?"):
		delete(s.urls, first)
		s.byBody[a.Body], s.urls[a.URL] = a.URL, a
		return Stored{Outcome: s.takeOver}, nil
	default:
		return Stored{Outcome: Aliased, Record: first}, nil
	}
	s.byBody[a.Body], s.urls[a.URL] = a.URL, a
	return Stored{Outcome: Added}, nil
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
