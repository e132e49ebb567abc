package crawl

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/wenming-archive/wenming/internal/proxytest"
)

// movedSite is a site that moved to HTTPS and answers every http:// URL
// with a permanent redirect to the same URL on https://, while its pages
// still link http://: templates written with the old address, or a
// <base href> a CMS fills from its configured site URL (Discuz! X behind
// a TLS-terminating proxy sees plain HTTP and writes http:// there).
// Served as a proxy: plain-HTTP requests are answered by the redirect,
// CONNECT is tunnelled to tls, which serves the pages.
type httpsMovedSite struct {
	tls      *httptest.Server
	articles int
	base     bool // relative links under <base href="http://…/">; else absolute http:// links

	mu          sync.Mutex
	plain, secs map[string]int // requests by path, over http and over https
}

const httpsMovedHost = "top.wenming.test"

func (s *httpsMovedSite) count(m map[string]int, path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m[path]++
}

// ServeHTTP is the proxy: plain HTTP redirected, CONNECT tunnelled.
func (s *httpsMovedSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if proxyAnswered(w, r, s.tls) {
		return
	}
	s.count(s.plain, r.URL.RequestURI())
	http.Redirect(w, r, "https://"+httpsMovedHost+r.URL.RequestURI(), http.StatusMovedPermanently)
}

// proxyAnswered answers what the proxy of a site at httpsMovedHost, served
// over https:// by secure, answers before the site does: a CONNECT is
// tunnelled to secure, a request for another host refused (502). It
// reports whether it answered.
func proxyAnswered(w http.ResponseWriter, r *http.Request, secure *httptest.Server) bool {
	if r.Method == http.MethodConnect {
		proxytest.Tunnel(w, secure.Listener.Addr().String())
		return true
	}
	if r.URL.Host != httpsMovedHost {
		http.Error(w, "unknown host", http.StatusBadGateway)
		return true
	}
	return false
}

// page serves the site over TLS.
func (s *httpsMovedSite) page(w http.ResponseWriter, r *http.Request) {
	s.count(s.secs, r.URL.RequestURI())
	link := func(path, text string) string {
		if s.base {
			return fmt.Sprintf(`<a href="%s">%s</a>`, strings.TrimPrefix(path, "/"), text)
		}
		return fmt.Sprintf(`<a href="http://%s%s">%s</a>`, httpsMovedHost, path, text)
	}
	head := `<html><head><meta charset="utf-8"><title>%s_顶层文明网</title>`
	if s.base {
		head += `<base href="http://` + httpsMovedHost + `/">`
	}
	head += `</head><body><div class="nav">` + link("/", "首页") + link("/list/", "工作动态") + `</div>`
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	path := r.URL.Path
	var id int
	switch {
	case path == "/robots.txt":
		http.NotFound(w, r)
	case path == "/" || path == "/list/" || strings.HasPrefix(path, "/list/index_"):
		fmt.Fprintf(w, head, "工作动态")
		first, page := 0, 0
		if _, err := fmt.Sscanf(path, "/list/index_%d.html", &page); err == nil {
			first = page * 10
		}
		io.WriteString(w, `<ul class="list">`)
		for i := first; i < first+10 && i < s.articles; i++ {
			fmt.Fprintf(w, `<li>%s<span>2023-03-22</span></li>`, link(fmt.Sprintf("/a/%d.html", i), fmt.Sprintf("志愿服务活动纪实第%d篇", i)))
		}
		io.WriteString(w, `</ul>`)
		if first+10 < s.articles {
			io.WriteString(w, `<div class="page">`+link(fmt.Sprintf("/list/index_%d.html", page+1), "下一页")+`</div>`)
		}
		io.WriteString(w, `</body></html>`)
	case scanID(path, "/a/%d.html", &id) && id < s.articles:
		fmt.Fprintf(w, head, fmt.Sprintf("志愿服务活动纪实第%d篇", id))
		io.WriteString(w, numberedArticle(fmt.Sprint(id)))
		if id+1 < s.articles {
			io.WriteString(w, `<div class="next">下一篇：`+link(fmt.Sprintf("/a/%d.html", id+1), "下一篇")+`</div>`)
		}
		io.WriteString(w, `</body></html>`)
	default:
		http.NotFound(w, r)
	}
}

// scanID reports whether s is format with one number, read into id.
func scanID(s, format string, id *int) bool {
	_, err := fmt.Sscanf(s, format, id)
	return err == nil && fmt.Sprintf(format, *id) == s
}

// TestSiteMovedToHTTPS crawls a site that redirects every http:// URL to
// https:// while its pages link http://: every article is archived once,
// under its https:// URL, and the crawl learns the move instead of paying
// a redirect for every page (at most a few plain-HTTP requests).
func TestSiteMovedToHTTPS(t *testing.T) {
	for _, base := range []bool{false, true} {
		t.Run(fmt.Sprintf("base=%v", base), func(t *testing.T) {
			site := &httpsMovedSite{articles: 40, base: base, plain: map[string]int{}, secs: map[string]int{}}
			site.tls = httptest.NewTLSServer(http.HandlerFunc(site.page))
			defer site.tls.Close()
			crawlMoved(t, site, &site.mu, "https://"+httpsMovedHost, site.articles, site.plain, site.secs)
		})
	}
}

// TestMovedOrigins checks when an origin counts as moved, and where to.
func TestMovedOrigins(t *testing.T) {
	type redirect struct{ from, to string }
	type answer struct {
		url    string
		status int
		hsts   string
	}
	tests := []struct {
		name      string
		redirects []redirect
		answers   []answer
		want      string // where http://x.cn moved; "" = not moved
	}{
		{"two pages redirected to themselves over https", []redirect{{"http://x.cn/a", "https://x.cn/a"}, {"http://x.cn/b?c=1", "https://x.cn/b?c=1"}}, nil, "https://x.cn"},
		{"to a new domain", []redirect{{"http://x.cn/a", "http://www.x.gov.cn/a"}, {"http://x.cn:80/b", "http://www.x.gov.cn/b"}}, nil, "http://www.x.gov.cn"},
		{"one page only", []redirect{{"http://x.cn/a", "https://x.cn/a"}}, nil, ""},
		{"to another page", []redirect{{"http://x.cn/a", "https://x.cn/"}, {"http://x.cn/b", "https://x.cn/"}}, nil, ""},
		{"to two origins", []redirect{{"http://x.cn/a", "https://x.cn/a"}, {"http://x.cn/b", "http://y.cn/b"}, {"http://x.cn/c", "https://x.cn/c"}}, nil, ""},
		{"to another port", []redirect{{"http://x.cn/a", "https://x.cn:8443/a"}, {"http://x.cn/b", "https://x.cn:8443/b"}}, nil, "https://x.cn:8443"},
		{"login page only: other pages answer over http", []redirect{{"http://x.cn/login", "https://x.cn/login"}, {"http://x.cn/reg", "https://x.cn/reg"}},
			[]answer{{"http://x.cn/news/1.html", 200, ""}}, ""},
		{"answered over http after moving", []redirect{{"http://x.cn/a", "https://x.cn/a"}, {"http://x.cn/b", "https://x.cn/b"}},
			[]answer{{"http://x.cn/c", 200, ""}}, ""},
		{"Strict-Transport-Security", nil, []answer{{"https://x.cn/", 200, "max-age=31536000; includeSubDomains"}}, "https://x.cn"},
		{"Strict-Transport-Security over http is ignored", nil, []answer{{"http://x.cn/", 200, "max-age=31536000"}}, ""},
		{"max-age=0 moves nothing", nil, []answer{{"https://x.cn/", 200, "max-age=0"}}, ""},
	}
	for _, tc := range tests {
		m := newMovedOrigins()
		for _, r := range tc.redirects {
			from, _ := url.Parse(r.from)
			to, _ := url.Parse(r.to)
			m.redirected(from, to)
		}
		for _, a := range tc.answers {
			u, _ := url.Parse(a.url)
			m.answered(u, a.status, a.hsts)
		}
		x, _ := url.Parse("http://x.cn/z.html")
		if got, _ := m.target(x); got != tc.want {
			t.Errorf("%s: moved to %q, want %q", tc.name, got, tc.want)
		}
	}
}

// domainMovedSite is a site that moved to a new domain (county sites moved
// to .gov.cn names): the old host answers every URL with a redirect to the
// same URL at the new one, and the pages, years of them, link each other
// by the old host's absolute URLs.
type domainMovedSite struct {
	articles int

	mu       sync.Mutex
	old, new map[string]int // requests by path
}

const (
	domainOld = "top.wenming.test"
	domainNew = "www.topwm.test"
)

func (s *domainMovedSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	if r.URL.Host == domainOld {
		s.old[r.URL.RequestURI()]++
		s.mu.Unlock()
		http.Redirect(w, r, "http://"+domainNew+r.URL.RequestURI(), http.StatusMovedPermanently)
		return
	}
	s.new[r.URL.RequestURI()]++
	s.mu.Unlock()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	link := func(path string) string { return "http://" + domainOld + path }
	if r.URL.Path == "/robots.txt" || !smallSite(w, r.URL.Path, s.articles, link) {
		http.NotFound(w, r)
	}
}

// TestSiteMovedToNewDomain crawls a site whose old host redirects every
// URL to the new host while its pages link the old one: every article is
// archived once at the new host, and the move is learnt after a few
// redirects instead of paid for at every page.
func TestSiteMovedToNewDomain(t *testing.T) {
	site := &domainMovedSite{articles: 40, old: map[string]int{}, new: map[string]int{}}
	crawlMoved(t, site, &site.mu, "http://"+domainNew, site.articles, site.old, site.new)
}

// crawlMoved crawls site, the test web of a site that moved to origin,
// and checks the crawl with the requests its old and new addresses got by
// path (guarded by mu): every article archived once there, no page of it
// fetched twice, and the move learnt after a few requests to the old
// address, not paid for at every page.
func crawlMoved(t *testing.T, site http.Handler, mu *sync.Mutex, origin string, articles int, old, moved map[string]int) {
	t.Helper()
	var sink urlSink
	_, sum := crawlWeb(t, site, Options{Workers: 4, PerHost: 2}, sink.store)
	mu.Lock()
	defer mu.Unlock()
	var want []string
	for i := 0; i < articles; i++ {
		want = append(want, fmt.Sprintf("%s/a/%d.html", origin, i))
	}
	if miss := sink.missing(want...); len(miss) > 0 {
		t.Errorf("%d of %d articles not archived at %s, e.g. %v (errors %v %v)", len(miss), len(want), origin, miss[:min(3, len(miss))], sum.Errors, sum.ErrorSamples)
	}
	if got := sink.count(); got != articles {
		t.Errorf("%d records, want %d", got, articles)
	}
	for p, n := range moved {
		if n > 1 {
			t.Errorf("%s%s fetched %d times", origin, p, n)
		}
	}
	oldRequests := 0
	for _, n := range old {
		oldRequests += n
	}
	if oldRequests > 5 {
		t.Errorf("%d requests to the old address (each a redirect) for %d pages; want the move learnt after a few", oldRequests, len(moved))
	}
}
