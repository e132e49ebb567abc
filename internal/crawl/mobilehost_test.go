package crawl

import (
	"net/http"
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/internal/article"
)

// TestMobileEditionListedBesideItsSite crawls a parent whose link block
// lists a county's mobile edition (m.<domain> or wap.<domain>, 某县文明网手机版) before the
// county itself, and the county's pages, which link their mobile edition
// (手机版) serving the same articles from a lighter template. The mobile
// host is no site of its own — one site at the child level — and its
// articles are the county's: found there, they are kept under the desktop
// URLs. Before, the listed mobile host was taken for a second county.
func TestMobileEditionListedBesideItsSite(t *testing.T) {
	for _, label := range []string{"m", "wap"} {
		t.Run(label, func(t *testing.T) { crawlListedMobileEdition(t, label) })
	}
}

func crawlListedMobileEdition(t *testing.T, label string) {
	srv, hits := robotlessWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		host := r.Host
		if rest, ok := strings.CutPrefix(host, label+"."); ok {
			host = "m." + rest // the mobile edition, by either name
		}
		switch host + r.URL.Path {
		case "top.wenming.test/":
			page("顶层文明网", `<div class="links">下级文明网站：<ul><li><a href="http://`+label+`.mwm.test/">某县文明网手机版</a></li><li><a href="http://www.mwm.test/">某县文明网</a></li></ul></div>`)
		case "www.mwm.test/":
			page("某县文明网", `<div class="nav"><a href="http://www.mwm.test/">首页</a> <a href="http://www.mwm.test/news/">工作动态</a> <a href="http://`+label+`.mwm.test/">手机版</a></div>`+
				`<ul><li><a href="http://www.mwm.test/news/1.html">文章1</a></li></ul>`)
		case "www.mwm.test/news/":
			page("工作动态", `<ul><li><a href="http://www.mwm.test/news/1.html">文章1</a></li><li><a href="http://www.mwm.test/news/2.html">文章2</a></li></ul>`)
		case "www.mwm.test/news/1.html", "m.mwm.test/news/1.html":
			page("文章", numberedArticle("mwm1"))
		case "www.mwm.test/news/2.html", "m.mwm.test/news/2.html":
			page("文章", numberedArticle("mwm2"))
		case "m.mwm.test/":
			page("某县文明网", `<ul><li><a href="/news/1.html">文章1</a></li><li><a href="/news/2.html">文章2</a></li></ul><a href="http://www.mwm.test/">电脑版</a>`)
		default:
			http.NotFound(w, r)
		}
	})
	var sink staticSink
	_, sum := runTestCrawl(t, srv.URL, Options{Workers: 2}, sink.store)
	if n := sum.Sites[article.Province]; n != 1 {
		t.Errorf("%d sites at the child level, want 1: the mobile edition is no site of its own", n)
	}
	got := sink.holding("mwm")
	if len(got) != 2 || strings.Contains(strings.Join(got, " "), label+".mwm.test") {
		t.Errorf("records %v, want the 2 desktop URLs (requests %v, errors %v)", got, hits.hits, sum.Errors)
	}
	if hits.hits[label+".mwm.test/news/1.html"]+hits.hits[label+".mwm.test/news/2.html"] == 0 {
		t.Errorf("the mobile edition's articles were not fetched: %v", hits.hits)
	}
}

// TestSiteListedAtItsMobileEdition crawls a parent that lists a county
// at its mobile edition (http://m.xian.test/), whose pages link the
// desktop edition (电脑版) with the fuller pages: the county is crawled
// at its desktop host as one site of its level, its desktop article
// archived, the mobile host counted as no site.
func TestSiteListedAtItsMobileEdition(t *testing.T) {
	srv, hits := pageWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		switch r.Host + r.URL.Path {
		case "top.wenming.test/":
			page("顶层文明网", `<div class="xqwm"><h3>县区文明网</h3><a href="http://m.xian.test/">某县文明网</a></div>`)
		case "m.xian.test/":
			page("某县文明网", `<a href="/article/1">文章</a><footer><a href="http://www.xian.test/">电脑版</a></footer>`)
		case "www.xian.test/":
			page("某县文明网", `<div class="top"><a href="http://top.wenming.test/">顶层文明网</a></div><a href="/news/1.html">文章</a>`)
		case "m.xian.test/article/1", "www.xian.test/news/1.html":
			page("文章", numberedArticle("1"))
		default:
			http.NotFound(w, r)
		}
	})
	sink, urls := aliasedSink()
	c, sum := runTestCrawl(t, srv.URL, Options{Workers: 2}, sink)
	e, ok := c.sites.get("www.xian.test")
	switch {
	case !ok:
		t.Fatalf("the desktop edition not crawled as the site (requests %v)", hits.hits)
	case e.Site.Level != article.Province || e.Parent != "top.wenming.test":
		t.Errorf("the site is at level %s under %q, want %s under top.wenming.test", e.Site.Level, e.Parent, article.Province)
	}
	if n := sum.Sites[article.Province]; n != 1 {
		t.Errorf("%d sites below the top, want 1 (the mobile edition is none)", n)
	}
	if hits.requests("www.xian.test/news/1.html") != 1 {
		t.Errorf("the desktop article asked %d times, want once", hits.requests("www.xian.test/news/1.html"))
	}
	if urls.count() != 1 {
		t.Errorf("%d records, want the article once", urls.count())
	}
}
