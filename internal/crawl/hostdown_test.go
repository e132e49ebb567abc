package crawl

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// downSite serves its homepage and column list, then goes down: every
// later request has its connection closed without an answer, as a county
// server that crashed or was taken offline mid-crawl.
type downSite struct {
	articles int
	after    int64 // requests answered before it goes down
	served   atomic.Int64
	refused  atomic.Int64
}

func (s *downSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.served.Add(1) > s.after {
		s.refused.Add(1)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	switch r.URL.Path {
	case "/robots.txt":
		http.NotFound(w, r)
	case "/":
		io.WriteString(w, `<html><head><meta charset="utf-8"><title>某县文明网</title></head><body><ul>`)
		for i := 0; i < s.articles; i++ {
			fmt.Fprintf(w, `<li><a href="/a/%d.html">志愿服务活动纪实第%d篇</a></li>`, i, i)
		}
		io.WriteString(w, `</ul></body></html>`)
	default:
		http.NotFound(w, r)
	}
}

// TestHostDownMidCrawl crawls a site that goes down after its homepage:
// the crawl leaves the host for the run after a run of failures, naming
// why, instead of trying each of its hundreds of queued pages (each up to
// the timeout, and again after each retry), and the pages stay queued for
// the next run.
func TestHostDownMidCrawl(t *testing.T) {
	site := &downSite{articles: 300, after: 2}
	srv := httptest.NewServer(site)
	defer srv.Close()
	var sink urlSink
	c, f := newTestCrawler(t, srv.URL, t.TempDir(), Options{Workers: 4, PerHost: 2, Retries: 2}, sink.store)
	sum, err := c.Run(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if n := site.refused.Load(); n > 40 {
		t.Errorf("%d requests to the host after it went down, want the host left after a run of failures", n)
	}
	if why := sum.SkippedHosts["top.wenming.test"]; why == "" {
		t.Errorf("host not named as left for the run (skipped %v, errors %v)", sum.SkippedHosts, sum.Errors)
	}
	if n := f.Len(); n < site.articles-40 {
		t.Errorf("%d requests left queued for the next run, want most of the %d", n, site.articles)
	}
}

// TestHostDownCounts checks which answers count towards leaving a host as
// down: failures in a row that say nothing of when to come back; a
// Retry-After (the server is up and rate-limiting) or a success breaks
// the row.
func TestHostDownCounts(t *testing.T) {
	failed := done{host: "x.test", failed: true, status: 502}
	limited := done{host: "x.test", failed: true, status: 429, retryAfter: time.Millisecond}
	ok := done{host: "x.test", status: 200}
	many := func(d done, n int) []done {
		out := make([]done, n)
		for i := range out {
			out[i] = d
		}
		return out
	}
	tests := []struct {
		name string
		seq  []done
		down bool
	}{
		{"failures in a row", many(failed, hostDownFailures), true},
		{"one short", many(failed, hostDownFailures-1), false},
		{"a success between", append(append(many(failed, hostDownFailures-1), ok), many(failed, hostDownFailures-1)...), false},
		{"rate-limited between", append(append(many(failed, hostDownFailures-1), limited), many(failed, hostDownFailures-1)...), false},
		{"rate-limited, then failures", append(many(limited, 20), many(failed, hostDownFailures-1)...), false},
		{"429 without Retry-After between", append(append(many(failed, hostDownFailures-1), done{host: "x.test", failed: true, status: 429}), many(failed, hostDownFailures-1)...), false},
	}
	for _, tc := range tests {
		var sink urlSink
		c, _ := newTestCrawler(t, "http://127.0.0.1:1", t.TempDir(), Options{RetryBackoff: time.Nanosecond}, sink.store)
		hs := &hostState{}
		for _, d := range tc.seq {
			c.backOff(d, hs)
		}
		if got := hs.skip != ""; got != tc.down {
			t.Errorf("%s: down %v (%q), want %v", tc.name, got, hs.skip, tc.down)
		}
	}
}
