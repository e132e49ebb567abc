package crawl

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// searchEnginesOnly is a site whose robots.txt lets search engines'
// crawlers in and keeps every other out, as many government sites' do.
func searchEnginesOnly(articles int) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Path == "/robots.txt" {
			w.Header().Set("Content-Type", "text/plain")
			io.WriteString(w, "User-agent: Baiduspider\nAllow: /\n\nUser-agent: 360Spider\nAllow: /\n\nUser-agent: *\nDisallow: /\nCrawl-delay: 0\n")
			return
		}
		if !smallSite(w, r.URL.Path, articles, nil) {
			http.NotFound(w, r)
		}
	})
}

// TestRobotsLetSearchEnginesOnly crawls a site whose robots.txt keeps
// every crawler but search engines' out: by default nothing of it is
// fetched and the summary names the site and why; with the host in
// IgnoreRobotsHosts (a site the user may archive) it is archived.
func TestRobotsLetSearchEnginesOnly(t *testing.T) {
	srv := httptest.NewServer(searchEnginesOnly(5))
	defer srv.Close()
	for _, ignore := range []bool{false, true} {
		var sink urlSink
		opts := Options{Workers: 2}
		if ignore {
			opts.IgnoreRobotsHosts = []string{"TOP.wenming.test"}
		}
		c, _ := newTestCrawler(t, srv.URL, t.TempDir(), opts, sink.store)
		sum, err := c.Run(t.Context())
		if !ignore {
			if n := sink.count(); n != 0 {
				t.Errorf("obeying robots.txt: %d articles archived, want none", n)
			}
			if why := sum.SkippedHosts["top.wenming.test"]; !strings.Contains(why, "robots.txt disallows its homepage") {
				t.Errorf("obeying robots.txt: the site is not named (skipped %v, err %v)", sum.SkippedHosts, err)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if n := sink.count(); n != 5 {
			t.Errorf("ignoring robots.txt: %d articles archived, want 5 (robots-blocked %d)", n, sum.RobotsBlocked)
		}
	}
}
