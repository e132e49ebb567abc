package crawl

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
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
		b.WriteString(`<p>正文。</p>`)
	}
	b.WriteString(`</body></html>`)
	enc, _ := simplifiedchinese.GBK.NewEncoder().String(b.String())
	rw.Header().Set("Content-Type", "text/html")
	fmt.Fprint(rw, enc)
}

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

func nopSink(*article.Article) (Outcome, error) { return Added, nil }

func TestCrawlPolitenessAndScope(t *testing.T) {
	web := newTinyWeb(12)
	web.hold = 5 * time.Millisecond
	srv := httptest.NewServer(web)
	defer srv.Close()
	const delay = 30 * time.Millisecond
	c, _ := newTestCrawler(t, srv.URL, t.TempDir(), Options{Workers: 8, PerHost: 2, Delay: delay}, nopSink)
	sum, err := c.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if sum.Sites[article.National] != 1 || sum.Sites[article.Province] != 1 {
		t.Errorf("sites = %v, want the seed and its child", sum.Sites)
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
	for host, n := range web.maxConc {
		if n > 2 {
			t.Errorf("%s had %d requests in flight, per_host is 2", host, n)
		}
	}
	// Starts to one host are spaced by the delay (the scheduler reserves
	// each slot's start), robots.txt and the first page excepted.
	for host, ts := range web.starts {
		for i := 2; i < len(ts); i++ {
			if gap := ts[i].Sub(ts[i-1]); gap < delay*9/10 {
				t.Errorf("%s: requests %d and %d only %v apart (delay %v)", host, i-1, i, gap, delay)
				break
			}
		}
	}
}

func TestCrawlResume(t *testing.T) {
	web := newTinyWeb(40)
	srv := httptest.NewServer(web)
	defer srv.Close()
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	c, f := newTestCrawler(t, srv.URL, dir, Options{Workers: 2, PerHost: 1, Delay: 5 * time.Millisecond}, nopSink)
	go func() {
		for {
			time.Sleep(5 * time.Millisecond)
			if c.Stats().Pages >= 15 {
				cancel()
				return
			}
		}
	}()
	sum, err := c.Run(ctx)
	if err == nil || sum.Pending == 0 {
		t.Fatalf("interrupted run: err=%v pending=%d", err, sum.Pending)
	}
	f.Close()

	c2, _ := newTestCrawler(t, srv.URL, dir, Options{Workers: 2, PerHost: 1}, nopSink)
	sum2, err := c2.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if sum2.Pending != 0 {
		t.Errorf("resumed run left %d pending", sum2.Pending)
	}
	web.mu.Lock()
	defer web.mu.Unlock()
	for key, n := range web.hits {
		if n != 1 && !strings.HasSuffix(key, "/robots.txt") {
			t.Errorf("%s fetched %d times across the interrupted and the resumed run", key, n)
		}
	}
	for i := 0; i < 40; i++ {
		if web.hits[fmt.Sprintf("child.test/news/%d.html", i)] != 1 {
			t.Errorf("child.test/news/%d.html fetched %d times", i, web.hits[fmt.Sprintf("child.test/news/%d.html", i)])
		}
	}
}
