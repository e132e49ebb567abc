package crawl

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// bothSchemesSite is a site that answers the same pages over http:// and
// https://, with no redirect between them and no Strict-Transport-Security
// (a certificate added to a server that kept its plain-HTTP port, as many
// government sites did), and whose pages link mostly relatively while a
// template block and the sitemap write absolute URLs at the scheme the
// CMS was configured with (a "related articles" box, a logo).
// Served as a proxy: plain-HTTP requests are answered directly, CONNECT
// is tunnelled to tls, which serves the same pages.
type bothSchemesSite struct {
	tls      *httptest.Server
	articles int
	absolute string // the scheme of the template's absolute links

	mu          sync.Mutex
	plain, secs map[string]int // requests by path, over http and over https
}

func (s *bothSchemesSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if proxyAnswered(w, r, s.tls) {
		return
	}
	s.serve(w, r, s.plain)
}

func (s *bothSchemesSite) serveTLS(w http.ResponseWriter, r *http.Request) {
	s.serve(w, r, s.secs)
}

func (s *bothSchemesSite) serve(w http.ResponseWriter, r *http.Request, count map[string]int) {
	s.mu.Lock()
	count[r.URL.RequestURI()]++
	s.mu.Unlock()
	abs := func(path, text string) string {
		return fmt.Sprintf(`<a href="%s://%s%s">%s</a>`, s.absolute, httpsMovedHost, path, text)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	head := `<html><head><meta charset="utf-8"><title>%s_顶层文明网</title></head><body><div class="logo">` + abs("/", "顶层文明网") +
		`</div><div class="nav"><a href="/">首页</a> <a href="/list/">工作动态</a></div>`
	path := r.URL.Path
	var id int
	switch {
	case path == "/robots.txt":
		http.NotFound(w, r)
	case path == "/" || path == "/list/":
		fmt.Fprintf(w, head, "工作动态")
		io.WriteString(w, `<ul class="list">`)
		for i := range s.articles - 5 { // the oldest are in the sitemap only
			fmt.Fprintf(w, `<li><a href="/a/%d.html">志愿服务活动纪实第%d篇</a><span>2023-03-22</span></li>`, i, i)
		}
		io.WriteString(w, `</ul></body></html>`)
	case path == "/sitemap.xml":
		w.Header().Set("Content-Type", "application/xml")
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
		for i := range s.articles {
			fmt.Fprintf(w, `<url><loc>%s://%s/a/%d.html</loc></url>`, s.absolute, httpsMovedHost, i)
		}
		io.WriteString(w, `</urlset>`)
	case scanID(path, "/a/%d.html", &id) && id < s.articles:
		fmt.Fprintf(w, head, fmt.Sprintf("志愿服务活动纪实第%d篇", id))
		io.WriteString(w, numberedArticle(fmt.Sprint(id)))
		io.WriteString(w, `<div class="related">相关文章：`)
		for _, k := range []int{(id + 1) % s.articles, (id + 7) % s.articles} {
			io.WriteString(w, abs(fmt.Sprintf("/a/%d.html", k), "相关"))
		}
		io.WriteString(w, `</div></body></html>`)
	default:
		http.NotFound(w, r)
	}
}

// TestSiteAnsweringBothSchemes crawls a site that answers http:// and
// https:// alike while its pages and its sitemap link both: each page is
// fetched once, at the scheme the crawl knows the site by, and each
// article is archived once, there. Before, the site was crawled twice over, once at each
// scheme (the store then kept one record and an alias for each pair).
func TestSiteAnsweringBothSchemes(t *testing.T) {
	for _, abs := range []string{"https", "http"} {
		t.Run("absolute="+abs, func(t *testing.T) {
			site := &bothSchemesSite{articles: 30, absolute: abs, plain: map[string]int{}, secs: map[string]int{}}
			site.tls = httptest.NewTLSServer(http.HandlerFunc(site.serveTLS))
			defer site.tls.Close()
			// The seed is http://: the site is known there, and at most a
			// few requests go to https://.
			crawlMoved(t, site, &site.mu, "http://"+httpsMovedHost, site.articles, site.secs, site.plain)
		})
	}
}
