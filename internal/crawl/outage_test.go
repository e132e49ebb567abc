package crawl

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// outageSite is a county site whose server fails for a while: its
// homepage lists a few articles, and from the first request for the page
// trigger on, the next failures requests to the host, whatever they ask
// for, fail with fail (a gateway's 5xx, a reset connection, a PHP
// database error answered 200); then it answers again. A page of
// brokenPath fails with 500 every time, the host answering all else.
type outageSite struct {
	articles   []string // paths of the articles its homepage lists, in order
	trigger    string
	failures   int
	fail       http.HandlerFunc
	brokenPath string

	mu     sync.Mutex
	failed int            // requests failed so far in the outage
	hits   map[string]int // requests per path
}

func (s *outageSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	if s.hits == nil {
		s.hits = map[string]int{}
	}
	s.hits[r.URL.Path]++
	down := false
	if (r.URL.Path == s.trigger || s.failed > 0) && s.failed < s.failures {
		s.failed++
		down = true
	}
	s.mu.Unlock()
	switch {
	case down:
		s.fail(w, r)
	case r.URL.Path == s.brokenPath:
		http.Error(w, "Internal Server Error", http.StatusInternalServerError)
	case r.URL.Path == "/":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, `<html><head><meta charset="utf-8"><title>某县文明网</title></head><body><ul>`)
		for i, p := range s.articles {
			fmt.Fprintf(w, `<li><a href="%s">志愿服务活动纪实第%d篇</a></li>`, p, i+1)
		}
		io.WriteString(w, `</ul></body></html>`)
	case strings.HasPrefix(r.URL.Path, "/a/"):
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, articleHTML("志愿服务"+strings.TrimSuffix(r.URL.Path[len("/a/"):], ".html")))
	default:
		http.NotFound(w, r)
	}
}

func (s *outageSite) hitsOf(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// gatewayErrors answers 502, 503 and 504 in turn, as an nginx front whose
// back end is overloaded: no Retry-After.
func gatewayErrors() http.HandlerFunc {
	var n int
	var mu sync.Mutex
	return func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		code := []int{http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout}[n%3]
		n++
		mu.Unlock()
		http.Error(w, http.StatusText(code), code)
	}
}

// TestTransientFailureOutlastsRetries crawls a site whose server fails
// for longer than a request's retries (Options.Retries 4: five attempts)
// just as the crawl reaches its last page, so that nothing else of the
// host spreads the attempts out, as a county server restarting or
// overloaded does. The page was dropped after its fifth failure, lost for
// the run (and the whole site, when the page was its homepage: a week
// late on a weekly schedule). Now a request whose every attempt failed
// while its host answered nothing else is tried on at the host's backoff
// and archived once the server answers; one whose host stays silent
// until it counts as down is kept queued for the next run, named in the
// summary, never dropped. A page that fails alone, its host answering
// the others meanwhile, is broken, not its server: it is still given up
// after its retries.
func TestTransientFailureOutlastsRetries(t *testing.T) {
	reset := func(w http.ResponseWriter, r *http.Request) { hijack(w, "", true) }
	dbError := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, `<html><head><title>Discuz! Database Error</title></head><body><h1>Discuz! Database Error</h1><div class='info'>(1040) Too many connections</div></body></html>`)
	}
	const page = "/a/last.html"
	tests := []struct {
		name     string
		articles []string
		failures int
		fail     http.HandlerFunc
		broken   string
		archived bool // the page is archived in the run
		queued   bool // the page is kept queued for the next run, its host left
		maxHits  int  // requests for the page at most
	}{
		{name: "5xx outlasting the retries", articles: []string{"/a/1.html", page}, failures: 7, fail: gatewayErrors(), archived: true, maxHits: 8},
		{name: "connections reset", articles: []string{"/a/1.html", page}, failures: 7, fail: reset, archived: true, maxHits: 8},
		{name: "database error pages", articles: []string{"/a/1.html", page}, failures: 7, fail: dbError, archived: true, maxHits: 8},
		{name: "down for good", articles: []string{"/a/1.html", page}, failures: 1000, fail: gatewayErrors(), queued: true, maxHits: hostDownFailures},
		{name: "a broken page, the host answering", articles: []string{page, "/a/1.html", "/a/2.html", "/a/3.html"}, broken: page, maxHits: 5},
		{name: "a broken last page, the host answering its robots.txt", articles: []string{"/a/1.html", page}, broken: page, maxHits: 6},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			site := &outageSite{articles: tc.articles, trigger: page, failures: tc.failures, fail: tc.fail, brokenPath: tc.broken}
			if tc.broken != "" {
				site.trigger = ""
			}
			var sink urlSink
			dir := t.TempDir()
			srv := httptest.NewServer(site)
			defer srv.Close()
			c, f := newTestCrawler(t, srv.URL, dir, Options{Workers: 2, Retries: 4}, sink.store)
			sum, err := c.Run(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			u := "http://top.wenming.test" + page
			hits := site.hitsOf(page)
			t.Logf("%d requests for the page; errors %v, skipped %v, retried %d (%d past the retries), %d queued", hits, sum.Errors, sum.SkippedHosts, sum.Retried, sum.RetriedLonger, f.Len())
			if got := sink.get(u) != nil; got != tc.archived {
				t.Errorf("page archived: %v, want %v", got, tc.archived)
			}
			_, left := sum.SkippedHosts["top.wenming.test"]
			if queued := f.Len() == 1 && left; queued != tc.queued {
				t.Errorf("page kept queued with its host left: %v (%d queued, left %v), want %v", queued, f.Len(), sum.SkippedHosts, tc.queued)
			}
			if hits > tc.maxHits {
				t.Errorf("%d requests for the page, want at most %d", hits, tc.maxHits)
			}
			var lost int64
			for kind, n := range sum.Errors {
				if kind != KindDeadLink {
					lost += n
				}
			}
			if wantLost := !tc.archived && !tc.queued; (lost > 0) != wantLost {
				t.Errorf("errors %v: page given up %v, want %v", sum.Errors, lost > 0, wantLost)
			}
			if tc.archived && sum.RetriedLonger != 1 {
				t.Errorf("%d requests retried past the retries, want 1", sum.RetriedLonger)
			}
		})
	}
}
