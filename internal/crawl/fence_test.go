package crawl

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/frontier"
)

// unprovenFrontier is a frontier whose process cannot prove its lease on
// any host while unproven is set, as a worker of a shared frontier whose
// renewals fail (its database down) cannot.
type unprovenFrontier struct {
	*frontier.Frontier
	unproven atomic.Bool
}

func (f *unprovenFrontier) Fence(r frontier.Request) (time.Time, bool) {
	if f.unproven.Load() {
		return time.Time{}, false
	}
	return f.Frontier.Fence(r)
}

// leaseSite serves a homepage listing articles; while its homepage is
// answered it makes the crawler's frontier unable to prove the lease of
// the host for a while, and counts what it is asked meanwhile.
type leaseSite struct {
	front    *unprovenFrontier
	articles int
	mu       sync.Mutex
	asked    map[string]int
	whileOff int // requests that arrived while the lease was unproven
}

func (s *leaseSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.asked[r.URL.Path]++
	if s.front.unproven.Load() {
		s.whileOff++
	}
	s.mu.Unlock()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	switch {
	case r.URL.Path == "/robots.txt":
		http.NotFound(w, r)
	case r.URL.Path == "/":
		// From now on until the renewals come through, every request
		// the crawler has taken is one it may no longer act on.
		s.front.unproven.Store(true)
		time.AfterFunc(500*time.Millisecond, func() { s.front.unproven.Store(false) })
		io.WriteString(w, `<html><head><meta charset="utf-8"><title>某县文明网</title></head><body><ul>`)
		for i := range s.articles {
			fmt.Fprintf(w, `<li><a href="/a/%d.html">志愿服务活动纪实第%d篇</a></li>`, i, i)
		}
		io.WriteString(w, `</ul></body></html>`)
	default:
		var i int
		fmt.Sscanf(r.URL.Path, "/a/%d.html", &i)
		fmt.Fprintf(w, `<html><head><meta charset="utf-8"><title>志愿服务活动纪实第%d篇</title></head><body>
<h1>志愿服务活动纪实第%d篇</h1><div class="info">发布时间：2024-03-%02d 09:30 来源：某县文明网</div>
<div class="content"><p>%s</p></div></body></html>`, i, i, 1+i%28, articleText)
	}
}

// articleText is an article body long enough to be read as one.
const articleText = "本周末，县志愿服务队走进社区，为居民提供义诊、理发、家电维修等便民服务，并开展垃圾分类宣传活动。" +
	"活动吸引了数百名居民参与，志愿者们耐心细致地讲解分类知识，发放宣传资料，受到群众的一致好评。" +
	"县文明办负责人表示，将持续推进志愿服务常态化、制度化，让文明新风吹进千家万户。"

// TestUnprovenLeaseSendsNothing: while the frontier cannot prove this
// process's lease on the host (a shared frontier's renewals failing),
// the crawl sends it nothing — the requests it had taken are neither
// sent nor marked done, nor counted — and goes on when the lease is
// proven again: every article archived once, each page asked once, the
// summary's requests those the site answered.
func TestUnprovenLeaseSendsNothing(t *testing.T) {
	dir := t.TempDir()
	bolt, err := frontier.Open(filepath.Join(dir, "frontier.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { bolt.Close() })
	f := &unprovenFrontier{Frontier: bolt}
	site := &leaseSite{front: f, articles: 20, asked: map[string]int{}}
	srv := httptest.NewServer(site)
	defer srv.Close()
	var sink urlSink
	c, err := New(Options{
		Seeds:        []SiteSpec{{URL: "http://top.wenming.test/", Name: "顶层文明网", Level: article.National}},
		Proxy:        srv.URL,
		StateDir:     dir,
		Workers:      4,
		PerHost:      2,
		RetryBackoff: time.Millisecond,
	}, f, sink.store)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := c.Run(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	site.mu.Lock()
	defer site.mu.Unlock()
	if site.whileOff > 0 {
		t.Errorf("%d requests reached the host while the lease was unproven", site.whileOff)
	}
	var total int64
	for p, n := range site.asked {
		total += int64(n)
		if n > 1 {
			t.Errorf("%s asked %d times", p, n)
		}
	}
	for i := range site.articles {
		if sink.get(fmt.Sprintf("http://top.wenming.test/a/%d.html", i)) == nil {
			t.Errorf("article %d not archived", i)
		}
	}
	if sum.Requests != total || sum.ArticlesNew != int64(site.articles) || len(sum.Errors) > 0 {
		t.Errorf("summary: %d requests (the site answered %d), %d articles new (want %d), errors %v", sum.Requests, total, sum.ArticlesNew, site.articles, sum.Errors)
	}
	if n, m := f.Len(), f.InFlight(); n != 0 || m != 0 {
		t.Errorf("the frontier ends with %d queued, %d in flight", n, m)
	}
}
