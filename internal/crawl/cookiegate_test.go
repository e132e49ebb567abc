package crawl

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// gateSite is a site behind a cookie gate, as some web application
// firewalls and load balancers in front of government sites answer: a
// request without the gate's cookie gets a redirect to the very URL it
// asked for with Set-Cookie, and the page comes when the cookie does. No
// script runs (that is KindBotChallenge's kind); a client that keeps the
// cookie of the redirect passes.
type gateSite struct {
	articles int

	mu            sync.Mutex
	gated, served int
	cookies       map[string]int // Cookie headers seen on served requests
}

func (s *gateSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie("waf_gate"); err != nil || c.Value != "v1a2b3" {
		s.mu.Lock()
		s.gated++
		s.mu.Unlock()
		http.SetCookie(w, &http.Cookie{Name: "waf_gate", Value: "v1a2b3", Path: "/", HttpOnly: true})
		http.Redirect(w, r, r.URL.String(), http.StatusFound)
		return
	}
	s.mu.Lock()
	s.served++
	s.cookies[r.Header.Get("Cookie")]++
	s.mu.Unlock()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	// A page of the site sets a cookie of its own (a visitor counter's,
	// a mobile-version choice's): not the gate's, so not sent back.
	http.SetCookie(w, &http.Cookie{Name: "lastvisit", Value: r.URL.Path, Path: "/"})
	if r.URL.Path == "/robots.txt" || !smallSite(w, r.URL.Path, s.articles, nil) {
		http.NotFound(w, r)
	}
}

// TestCookieGate crawls a site behind a cookie gate: every article is
// archived, the gate is passed once (not once a page: its cookie is kept
// for the host), and no other cookie the site sets is sent back.
func TestCookieGate(t *testing.T) {
	site := &gateSite{articles: 30, cookies: map[string]int{}}
	var sink urlSink
	_, sum := crawlWeb(t, site, Options{Workers: 2, PerHost: 1}, sink.store)
	var want []string
	for i := 0; i < site.articles; i++ {
		want = append(want, fmt.Sprintf("http://top.wenming.test/a/%d.html", i))
	}
	if miss := sink.missing(want...); len(miss) > 0 {
		t.Errorf("%d of %d articles not archived (errors %v %v)", len(miss), len(want), sum.Errors, sum.ErrorSamples)
	}
	site.mu.Lock()
	defer site.mu.Unlock()
	if site.gated > 2 {
		t.Errorf("the gate was met %d times for %d pages served, want it passed once", site.gated, site.served)
	}
	for c := range site.cookies {
		if c != "waf_gate=v1a2b3" {
			t.Errorf("sent Cookie: %q, want only the gate's", c)
		}
	}
}

func TestGateCookiesLearnt(t *testing.T) {
	resp := func(cookies ...string) *http.Response {
		h := http.Header{}
		for _, c := range cookies {
			h.Add("Set-Cookie", c)
		}
		return &http.Response{Header: h}
	}
	many := make([]string, 20)
	for i := range many {
		many[i] = fmt.Sprintf("c%02d=v", i)
	}
	tests := []struct {
		name     string
		from, to string
		resp     *http.Response
		want     string
	}{
		{"to itself", "http://x.cn/a/1.html", "http://x.cn/a/1.html", resp("gate=1; Path=/"), "gate=1"},
		{"to itself with a query", "http://x.cn/a/1.aspx", "http://x.cn/a/1.aspx?AspxAutoDetectCookieSupport=1", resp("AspxAutoDetectCookieSupport=1"), "AspxAutoDetectCookieSupport=1"},
		{"to another page (a login)", "http://x.cn/a/1.html", "http://x.cn/login.php", resp("sid=abc"), ""},
		{"to another host", "http://x.cn/a/1.html", "http://www.x.cn/a/1.html", resp("gate=1"), ""},
	}
	for _, tc := range tests {
		g := newGateCookies()
		from, _ := url.Parse(tc.from)
		to, _ := url.Parse(tc.to)
		g.redirected(from, to, tc.resp)
		if got := g.header("x.cn"); got != tc.want {
			t.Errorf("%s: Cookie %q, want %q", tc.name, got, tc.want)
		}
	}
	g := newGateCookies()
	u, _ := url.Parse("http://x.cn/")
	g.redirected(u, u, resp(many...))
	if n := strings.Count(g.header("x.cn"), "="); n != maxGateCookies {
		t.Errorf("%d cookies kept of 20, want %d", n, maxGateCookies)
	}
	g = newGateCookies()
	g.redirected(u, u, resp("gate=1"))
	g.redirected(u, u, resp("gate=; Max-Age=0"))
	if got := g.header("x.cn"); got != "" {
		t.Errorf("a deleted gate cookie is still sent: %q", got)
	}
}
