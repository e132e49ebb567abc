package crawl

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestFailedCounterAskedOnce crawls a site whose articles, each linked
// under two URLs (/a/N.html and /show.asp?id=N), load their view count
// from a counter that fails: not found, a server error, a timeout, an
// answer without a number. The counter of an article is asked once in
// the run — a failure worth retrying is asked again as often as a page
// is (Options.Retries), each time with fetch's in-line retry — however
// many of its URLs load it; its failure is no count, and is reported
// once per counter.
func TestFailedCounterAskedOnce(t *testing.T) {
	t.Parallel() // it waits, mostly, for counters that time out
	const articles, retries = 4, 1
	for _, tc := range []struct {
		name    string
		answer  func(w http.ResponseWriter)
		asks    int // requests to one counter at most
		timeout time.Duration
	}{
		{"not found", func(w http.ResponseWriter) { w.WriteHeader(http.StatusNotFound) }, 1, 0},
		{"no number", func(w http.ResponseWriter) { fmt.Fprint(w, "document.write('');") }, 1, 0},
		{"server error", func(w http.ResponseWriter) { w.WriteHeader(http.StatusInternalServerError) }, 2 * (1 + retries), 0},
		{"timeout", nil, 2 * (1 + retries), 300 * time.Millisecond}, // answers nothing for a second
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, hits := robotlessWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
				id := r.URL.Query().Get("id")
				switch p := r.URL.Path; {
				case p == "/":
					var b strings.Builder
					for i := 1; i <= articles; i++ {
						fmt.Fprintf(&b, `<li><a href="/a/%d.html">文章%d</a></li><li><a href="/show.asp?id=%d">文章%d</a></li>`, i, i, i, i)
					}
					page("顶层文明网", b.String())
				case strings.HasPrefix(p, "/a/"):
					id = strings.TrimSuffix(p[len("/a/"):], ".html")
					fallthrough
				case p == "/show.asp":
					page("顶层文明网", strings.Replace(numberedArticle(id), `来源：本站`, `来源：本站 浏览次数：<script src="/count.asp?id=`+id+`"></script>`, 1))
				case p == "/count.asp" && tc.answer == nil:
					// Long past the timeout, or until the crawler hangs
					// up: the test's server then closes without waiting.
					select {
					case <-time.After(time.Second):
					case <-r.Context().Done():
					}
				case p == "/count.asp":
					tc.answer(w)
				default:
					http.NotFound(w, r)
				}
			})
			var sink urlSink
			_, sum := runTestCrawl(t, srv.URL, Options{Workers: 2, FetchCounters: true, Retries: retries, Timeout: tc.timeout}, sink.store)
			asked := 0
			for i := 1; i <= articles; i++ {
				id := strconv.Itoa(i)
				for _, u := range []string{"/a/" + id + ".html", "/show.asp?id=" + id} {
					a := sink.get("http://top.wenming.test" + u)
					switch {
					case a == nil:
						t.Errorf("%s not archived (requests %v)", u, hits.hits)
					case a.Views != nil:
						t.Errorf("%s: views %d from a counter that failed", u, *a.Views)
					}
				}
				n := hits.requests("top.wenming.test/count.asp?id=" + id)
				if n < 1 || n > tc.asks {
					t.Errorf("counter %s asked %d times, want 1 to %d", id, n, tc.asks)
				}
				asked += n
			}
			t.Logf("%d requests to %d counters", asked, articles)
			var errs int64
			for _, n := range sum.Errors {
				errs += n
			}
			if errs != articles {
				t.Errorf("%d errors (%v), want %d: one per counter", errs, sum.Errors, articles)
			}
		})
	}
}
