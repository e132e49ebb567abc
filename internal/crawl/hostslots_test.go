package crawl

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
)

// hostLoad follows a test web's requests per host, how many are under
// way now and the most there ever were at once, and counts the requests
// of kinds the test names (note).
type hostLoad struct {
	mu      sync.Mutex
	now     map[string]int
	most    map[string]int
	started map[string]int
	changed *sync.Cond
}

func newHostLoad() *hostLoad {
	l := &hostLoad{now: map[string]int{}, most: map[string]int{}, started: map[string]int{}}
	l.changed = sync.NewCond(&l.mu)
	return l
}

// begin counts a request to host under way until the returned end.
func (l *hostLoad) begin(host string) (end func()) {
	l.mu.Lock()
	l.now[host]++
	l.most[host] = max(l.most[host], l.now[host])
	l.mu.Unlock()
	return func() {
		l.mu.Lock()
		l.now[host]--
		l.mu.Unlock()
	}
}

// note counts a request of kind.
func (l *hostLoad) note(kind string) {
	l.mu.Lock()
	l.started[kind]++
	l.changed.Broadcast()
	l.mu.Unlock()
}

// waitStarted waits until n requests of kind were noted, or d passed,
// and reports whether they were.
func (l *hostLoad) waitStarted(kind string, n int, d time.Duration) bool {
	t := time.AfterFunc(d, func() {
		l.mu.Lock()
		l.changed.Broadcast()
		l.mu.Unlock()
	})
	defer t.Stop()
	deadline := time.Now().Add(d)
	l.mu.Lock()
	defer l.mu.Unlock()
	for l.started[kind] < n && time.Now().Before(deadline) {
		l.changed.Wait()
	}
	return l.started[kind] >= n
}

// TestHostSlotsFreedByTheExchange crawls a site whose articles ask a
// view counter on another site's host that answers slowly, with PerHost 2: the
// site's next pages are fetched while the workers of its first ones wait
// on their counters (PerHost bounds the exchanges with the host, not the
// work on its pages), and neither host ever has more than PerHost
// requests under way. The counter answers once the site was sent more
// articles than PerHost, or after a few seconds, which a crawler whose
// workers hold the site's slots through their pages' work waits out.
func TestHostSlotsFreedByTheExchange(t *testing.T) {
	const articles, perHost = 6, 2
	load := newHostLoad()
	var mu sync.Mutex
	waitedOut := 0
	srv, _ := robotlessWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		host := strings.TrimSuffix(r.Host, ":80")
		defer load.begin(host)()
		switch p := r.URL.Path; {
		case host == "count.test" && p == "/count.asp":
			if !load.waitStarted("article", perHost+1, 3*time.Second) {
				mu.Lock()
				waitedOut++
				mu.Unlock()
			}
			fmt.Fprint(w, "document.write('7');")
		case host == "count.test" && p == "/":
			page("某市文明网", "")
		case host != "top.wenming.test":
			http.NotFound(w, r)
		case p == "/":
			var b strings.Builder
			for i := 1; i <= articles; i++ {
				fmt.Fprintf(&b, `<li><a href="/a/%d.html">文章%d</a></li>`, i, i)
			}
			page("顶层文明网", b.String())
		case strings.HasPrefix(p, "/a/"):
			id := strings.TrimSuffix(p[len("/a/"):], ".html")
			if _, err := strconv.Atoi(id); err != nil {
				http.NotFound(w, r)
				return
			}
			load.note("article")
			page("顶层文明网", strings.Replace(numberedArticle(id), `来源：本站`,
				`来源：本站 浏览次数：<script src="http://count.test/count.asp?id=`+id+`"></script>`, 1))
		default:
			http.NotFound(w, r)
		}
	})
	var sink urlSink
	// The counter's host is a site of the hierarchy, as a counter must
	// be to be asked.
	sites := []SiteSpec{{URL: "http://count.test/", Name: "某市文明网", Level: article.City, Parent: "top.wenming.test"}}
	runTestCrawl(t, srv.URL, Options{Workers: 4, PerHost: perHost, FetchCounters: true, Sites: sites}, sink.store)
	for i := 1; i <= articles; i++ {
		u := fmt.Sprintf("http://top.wenming.test/a/%d.html", i)
		a := sink.get(u)
		switch {
		case a == nil:
			t.Errorf("%s not archived", u)
		case a.Views == nil || *a.Views != 7:
			t.Errorf("%s: views %v, want 7", u, a.Views)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if waitedOut > 0 {
		t.Errorf("%d of %d counters waited out: the site's next pages were not fetched while its last ones' counters were asked", waitedOut, articles)
	}
	load.mu.Lock()
	defer load.mu.Unlock()
	for host, n := range load.most {
		if n > perHost {
			t.Errorf("%s had %d requests under way at once, PerHost %d", host, n, perHost)
		}
	}
}
