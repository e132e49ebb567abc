package crawl

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"
)

// TestRobotsRateLimited crawls a host that rate-limits every path, its
// robots.txt included: its robots.txt answers 429 with Retry-After: 1
// twice, then the file. The crawl waits the second it is asked to wait
// each time (no request reaches the host before), as it does after a
// page's 429, and archives every article: the host is up, not down.
// Before, a robots.txt's 429 was a failure like a network error's: the
// host was asked again after the short backoff, inside the window it had
// announced, and a rate-limited host whose window outlasted ten such
// failures was left for the run as down (the simulated rate-limited
// province lost articles in TestKillAndResume one run in four).
func TestRobotsRateLimited(t *testing.T) {
	t.Parallel() // it waits, mostly, for the Retry-After of robots.txt
	const articles = 6
	var mu sync.Mutex
	var until time.Time // the end of the window announced last
	early, refused := 0, 0
	srv, _ := pageWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		if offHost(w, r, "top.wenming.test") {
			return
		}
		mu.Lock()
		if time.Now().Before(until) {
			early++
		}
		refuse := r.URL.Path == "/robots.txt" && refused < 2
		if refuse {
			refused++
			until = time.Now().Add(time.Second)
		}
		mu.Unlock()
		var id int
		switch {
		case refuse:
			w.Header().Set("Retry-After", "1")
			http.Error(w, "too many requests", http.StatusTooManyRequests)
		case r.URL.Path == "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		case r.URL.Path == "/":
			var b []byte
			for i := range articles {
				b = fmt.Appendf(b, `<li><a href="/a/%d.html">志愿服务活动纪实第%d篇</a></li>`, i, i)
			}
			page("顶层文明网", "<ul>"+string(b)+"</ul>")
		case scanID(r.URL.Path, "/a/%d.html", &id) && id < articles:
			page("文章", numberedArticle(fmt.Sprint(id)))
		default:
			http.NotFound(w, r)
		}
	})
	var sink urlSink
	_, sum := runTestCrawl(t, srv.URL, Options{Workers: 2, PerHost: 1, Retries: 3}, sink.store)
	for i := range articles {
		if u := fmt.Sprintf("http://top.wenming.test/a/%d.html", i); sink.get(u) == nil {
			t.Errorf("%s not archived (skipped hosts %v, errors %v %v)", u, sum.SkippedHosts, sum.Errors, sum.ErrorSamples)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if early > 0 {
		t.Errorf("%d requests reached the host inside the second its robots.txt asked to wait", early)
	}
	if len(sum.SkippedHosts) > 0 {
		t.Errorf("hosts left for the run: %v", sum.SkippedHosts)
	}
}
