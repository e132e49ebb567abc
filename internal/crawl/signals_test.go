package crawl

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
)

// signalWeb answers with the signals real servers send: a flaky page
// (503 three times, then 200), a 429 with Retry-After, a redirect within
// the site, robots.txt naming a sitemap index, an overloaded host that
// answers 5xx, a host asking to be left alone for an hour, a host whose
// robots.txt answers 500.
type signalWeb struct {
	mu       sync.Mutex
	hits     map[string]int
	times    map[string][]time.Time // host → request times
	limited  time.Time              // when the 429 was sent
	afterLim []time.Time            // requests to the limited host after it
}

func (s *signalWeb) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key := r.Host + r.URL.RequestURI()
	s.mu.Lock()
	s.hits[key]++
	n := s.hits[key]
	now := time.Now()
	s.times[r.Host] = append(s.times[r.Host], now)
	if r.Host == "top.wenming.test" && !s.limited.IsZero() {
		s.afterLim = append(s.afterLim, now)
	}
	s.mu.Unlock()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	articlePage := func(title string) {
		fmt.Fprintf(w, `<html><head><title>%s</title></head><body><a href="/">首页</a><div class="article"><h1>%s</h1><div class="info">发布时间：2023-03-22 10:00 来源：本站</div>`+
			`<div class="content"><p>%s：近日，“文明实践进社区”志愿服务活动在城区各社区同时开展，志愿者们走进社区，为居民提供义诊、理发、家电维修等服务。</p>`+
			`<p>活动现场气氛热烈，群众纷纷表示，这样的活动接地气、有温度，希望以后多多举办。</p></div></div></body></html>`, title, title, title)
	}
	switch r.Host {
	case "top.wenming.test":
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\nSitemap: http://top.wenming.test/maps/index.xml\n")
		case "/maps/index.xml":
			w.Header().Set("Content-Type", "application/xml")
			fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>http://top.wenming.test/maps/a.xml</loc></sitemap></sitemapindex>`)
		case "/maps/a.xml":
			w.Header().Set("Content-Type", "application/xml")
			fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://top.wenming.test/orphan/1.html</loc><lastmod>2023-03-22</lastmod></url><url><loc>http://outside.test/x.html</loc></url></urlset>`)
		case "/":
			fmt.Fprint(w, `<html><head><title>顶层文明网</title></head><body><a href="/flaky.html">一</a><a href="/limited.html">二</a><a href="/moved.html">三</a><a href="/a/plain.html">四</a></body></html>`)
		case "/flaky.html":
			if n <= 3 {
				http.Error(w, "busy", http.StatusServiceUnavailable)
				return
			}
			articlePage("时好时坏的页面")
		case "/limited.html":
			if n == 1 {
				s.mu.Lock()
				s.limited = time.Now()
				s.afterLim = nil
				s.mu.Unlock()
				w.Header().Set("Retry-After", "1")
				http.Error(w, "slow down", http.StatusTooManyRequests)
				return
			}
			articlePage("限流之后的页面")
		case "/moved.html":
			http.Redirect(w, r, "/a/target.html", http.StatusMovedPermanently)
		case "/a/target.html":
			articlePage("搬家之后的页面")
		case "/a/plain.html":
			articlePage("普通页面")
		case "/orphan/1.html":
			articlePage("只在站点地图里的页面")
		default:
			http.NotFound(w, r)
		}
	case "busy.test":
		// Overloaded: every page but robots.txt and the homepage answers 502.
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow:\n")
		case "/":
			fmt.Fprint(w, `<html><head><title>繁忙文明网</title></head><body><a href="/1.html">一</a><a href="/2.html">二</a></body></html>`)
		default:
			http.Error(w, "bad gateway", http.StatusBadGateway)
		}
	case "far.test":
		if r.URL.Path == "/robots.txt" {
			fmt.Fprint(w, "User-agent: *\nDisallow:\n")
			return
		}
		w.Header().Set("Retry-After", "3600")
		http.Error(w, "maintenance", http.StatusServiceUnavailable)
	case "norobots.test":
		if r.URL.Path == "/robots.txt" {
			http.Error(w, "oops", http.StatusInternalServerError)
			return
		}
		articlePage("不该抓取")
	default:
		http.Error(w, "outside", http.StatusBadGateway)
	}
}

func TestServerSignals(t *testing.T) {
	t.Parallel() // it waits, mostly, for Retry-After and backoffs
	web := &signalWeb{hits: map[string]int{}, times: map[string][]time.Time{}}
	srv := httptest.NewServer(web)
	defer srv.Close()
	var archived urlSink
	opts := Options{Workers: 4, Retries: 4, Sites: []SiteSpec{
		{URL: "http://busy.test/", Name: "繁忙文明网", Level: article.Province, Parent: "top.wenming.test"},
		{URL: "http://far.test/", Name: "远方文明网", Level: article.Province, Parent: "top.wenming.test"},
		{URL: "http://norobots.test/", Name: "无规文明网", Level: article.Province, Parent: "top.wenming.test"},
	}}
	c, _ := newTestCrawler(t, srv.URL, t.TempDir(), opts, archived.store)
	c.opts.RetryBackoff = 20 * time.Millisecond
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	start := time.Now()
	sum, err := c.Run(ctx)
	if err != nil {
		t.Fatalf("crawl: %v", err)
	}
	took := time.Since(start)
	t.Logf("took %s, %d requests, errors %v, skipped %v, retried %d", took, sum.Requests, sum.Errors, sum.SkippedHosts, sum.Retried)

	for _, u := range []string{
		"http://top.wenming.test/flaky.html",    // 503 three times, then 200
		"http://top.wenming.test/limited.html",  // 429 with Retry-After, then 200
		"http://top.wenming.test/a/target.html", // reached through a redirect
		"http://top.wenming.test/orphan/1.html", // only in the sitemap
		"http://top.wenming.test/a/plain.html",
	} {
		if archived.get(u) == nil {
			t.Errorf("%s not archived", u)
		}
	}
	if a := archived.get("http://top.wenming.test/a/target.html"); a != nil && (len(a.Aliases) != 1 || a.Aliases[0] != "http://top.wenming.test/moved.html") {
		t.Errorf("redirected article aliases = %v, want the linked URL", a.Aliases)
	}
	if archived.get("http://top.wenming.test/moved.html") != nil {
		t.Error("the redirecting URL was archived as a record of its own")
	}
	web.mu.Lock()
	if n := web.hits["top.wenming.test/flaky.html"]; n != 4 {
		t.Errorf("flaky page requested %d times, want 4", n)
	}
	for _, at := range web.afterLim {
		if d := at.Sub(web.limited); d < time.Second-50*time.Millisecond {
			t.Errorf("a request to the limited host came %s after its Retry-After: 1", d)
		}
	}
	if web.hits["outside.test/x.html"] > 0 {
		t.Error("a sitemap URL outside the hierarchy was fetched")
	}
	// busy.test fails every page: after hostDownFailures failures in a
	// row it is left for the run as down (its pages kept for the next),
	// not asked for each page up to its retries.
	busy := 0
	for _, p := range []string{"/1.html", "/2.html", "/sitemap.xml"} {
		busy += web.hits["busy.test"+p]
	}
	if busy < hostDownFailures || busy > hostDownFailures+2 {
		t.Errorf("busy.test's failing pages requested %d times, want %d (+ those in flight)", busy, hostDownFailures)
	}
	if n := web.hits["norobots.test/"]; n > 0 {
		t.Error("a host whose robots.txt answers 5xx was crawled")
	}
	farPages := 0
	for k, n := range web.hits {
		if strings.HasPrefix(k, "far.test/") && k != "far.test/robots.txt" {
			farPages += n
		}
	}
	web.mu.Unlock()
	if farPages != 1 {
		t.Errorf("host asking for an hour got %d page requests, want 1", farPages)
	}
	if why := sum.SkippedHosts["far.test"]; !strings.Contains(why, "Retry-After") {
		t.Errorf("far.test not reported as left for the run: %v", sum.SkippedHosts)
	}
	if why := sum.SkippedHosts["busy.test"]; !strings.Contains(why, "down") {
		t.Errorf("busy.test not reported as down: %v", sum.SkippedHosts)
	}
	// far.test's homepage (busy.test's pages wait for the next run).
	if sum.Errors["http_5xx"] != 1 {
		t.Errorf("http_5xx errors = %d, want 1", sum.Errors["http_5xx"])
	}
	if took > 40*time.Second {
		t.Errorf("crawl took %s: the overloaded and far hosts held it up", took)
	}
}

// TestRobotsUnavailableIsAFailure: a robots.txt answering 500 is a failure
// of the site (robots_unreachable among the errors), not a disallowed URL,
// for pages and for the view counter an article loads from such a host.
func TestRobotsUnavailableIsAFailure(t *testing.T) {
	var mu sync.Mutex
	hits := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.Host+r.URL.Path]++
		mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch r.Host + r.URL.Path {
		case "top.wenming.test/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow:\n")
		case "top.wenming.test/":
			fmt.Fprint(w, `<html><head><title>顶层文明网</title></head><body><a href="/a/1.html">一</a></body></html>`)
		case "top.wenming.test/a/1.html":
			fmt.Fprint(w, `<html><head><title>计数器在别处的文章</title></head><body><a href="/">首页</a><div class="article"><h1>计数器在别处的文章</h1><div class="info">发布时间：2023-03-22 10:00 来源：本站</div>`+
				`<div class="content"><p>近日，“文明实践进社区”志愿服务活动在城区各社区同时开展，志愿者们走进社区，为居民提供义诊、理发、家电维修等服务。</p>`+
				`<p>活动现场气氛热烈，群众纷纷表示，这样的活动接地气、有温度，希望以后多多举办。</p>`+
				`<p>点击：<script src="http://cnt.wenming.test/plus/count.php?view=yes&aid=1&mid=1"></script>次</p></div></div></body></html>`)
		case "cnt.wenming.test/robots.txt":
			http.Error(w, "oops", http.StatusInternalServerError)
		default:
			fmt.Fprint(w, "document.write('7');")
		}
	}))
	defer srv.Close()
	var got []*article.Article
	sink := func(a *article.Article) (Stored, error) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, a)
		return Stored{Outcome: Added}, nil
	}
	opts := Options{Workers: 2, Retries: 1, FetchCounters: true, Sites: []SiteSpec{
		{URL: "http://cnt.wenming.test/", Name: "计数文明网", Level: article.Province, Parent: "top.wenming.test"},
	}}
	c, _ := newTestCrawler(t, srv.URL, t.TempDir(), opts, sink)
	sum, err := c.Run(context.Background())
	if err != nil {
		t.Fatalf("crawl: %v", err)
	}
	t.Logf("errors %v, samples %v, robots blocked %d", sum.Errors, sum.ErrorSamples, sum.RobotsBlocked)
	if sum.RobotsBlocked != 0 {
		t.Errorf("RobotsBlocked = %d, want 0: nothing was disallowed", sum.RobotsBlocked)
	}
	// The counter host's homepage and the article's counter.
	if n := sum.Errors[KindRobotsUnreachable]; n != 2 {
		t.Errorf("errors[%s] = %d, want 2 (the homepage and the counter of the host)", KindRobotsUnreachable, n)
	}
	if s := sum.ErrorSamples[KindRobotsUnreachable]; !strings.Contains(s, "robots.txt unavailable (HTTP 500)") {
		t.Errorf("sample = %q", s)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 1 || got[0].Views != nil {
		t.Errorf("archived %d articles, want 1 without views", len(got))
	}
	for k, n := range hits {
		if strings.HasPrefix(k, "cnt.wenming.test/") && k != "cnt.wenming.test/robots.txt" {
			t.Errorf("%s fetched %d times though its robots.txt answers 500", k, n)
		}
	}
}
