package crawl

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/internal/article"
)

func TestStubTarget(t *testing.T) {
	tests := []struct{ name, page, want string }{
		{"meta refresh", `<html><head><meta http-equiv="refresh" content="0; url=/col/col1/index.html"></head><body></body></html>`, "/col/col1/index.html"},
		{"meta refresh, upper case, quoted URL", `<META HTTP-EQUIV="Refresh" CONTENT="3;URL='http://a.gov.cn/new/'">`, "http://a.gov.cn/new/"},
		{"content before http-equiv", `<meta content="1;url=index.shtml" http-equiv=refresh>`, "index.shtml"},
		{"no url= keyword", `<meta http-equiv="refresh" content="0; /portal/">`, "/portal/"},
		{"a reload without a URL", `<meta http-equiv="refresh" content="300">`, ""},
		{"a slow refresh", `<meta http-equiv="refresh" content="1800; url=/index.html">`, ""},
		{"script stub", `<html><script>window.location.href = "/web/index.html";</script></html>`, "/web/index.html"},
		{"script replace", `<script language="javascript">location.replace('index.aspx')</script>`, "index.aspx"},
		{"top.location", `<script>top.location='/m/'</script>`, "/m/"},
		{"script in a real page", `<html><body>` + strings.Repeat("<p>正文内容。</p>", 300) + `<script>function go(){window.location.href="/x.html"}</script></body></html>`, ""},
		{"no redirect", `<html><body><a href="/a.html">链接</a></body></html>`, ""},
		{"a small page's function making a URL", `<html><body><script>function showInfo(id){ window.location.href = "/ddmf/info/" + id + ".html"; }</script><tr onclick="showInfo(5)"><td>文章</td></tr></body></html>`, ""},
		{"a click handler on a small page", `<html><body><tr onclick="location.href='/show.asp?id=1'"><td>文章</td></tr></body></html>`, ""},
	}
	for _, tc := range tests {
		if got := stubTarget([]byte(tc.page)); got != tc.want {
			t.Errorf("%s: stubTarget = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestHomepageStubFollowed crawls a site whose homepage is a stub sending
// the browser on (a meta refresh on the seed's homepage, a script redirect
// on the child's): the homepages behind them are read for child sites
// and lists, and every article is archived.
func TestHomepageStubFollowed(t *testing.T) {
	srv, hits := robotlessWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		switch r.Host + r.URL.Path {
		case "top.wenming.test/":
			fmt.Fprint(w, `<html><head><meta http-equiv="refresh" content="0;url=/portal/index.html"></head><body></body></html>`)
		case "top.wenming.test/portal/index.html", "top.wenming.test/portal/":
			page("顶层文明网", `<div class="yqlj"><h3>友情链接</h3><ul><li><a href="http://child.test/">下级文明网</a></li></ul></div>`+
				`<li><a href="/a/1.html">文章1</a></li><li><a href="/a/2.html">文章2</a></li>`)
		case "child.test/":
			fmt.Fprint(w, `<html><script type="text/javascript">window.location.href="/web/index.html";</script></html>`)
		case "child.test/web/index.html", "child.test/web/":
			page("下级文明网", `<div class="top"><a href="http://top.wenming.test/">顶层文明网</a></div><li><a href="/a/3.html">文章3</a></li>`)
		default:
			if strings.Contains(r.URL.Path, "/a/") {
				page("文章", numberedArticle(r.Host+strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/a/"), ".html")))
				return
			}
			http.NotFound(w, r)
		}
	})
	c := crawlArchiving(t, srv, hits, "http://top.wenming.test/a/1.html", "http://top.wenming.test/a/2.html", "http://child.test/a/3.html")
	if e, ok := c.sites.get("child.test"); !ok || e.Site.Level != article.Province {
		t.Errorf("child site %+v (known %v): want it found as a province site behind the stub", e, ok)
	}
}

// TestFramesFollowed crawls a site whose homepage is a frameset (its
// friend-site links and lists in the main frame) and a child whose
// homepage shows its column list in an inline frame: the frames are read
// as the homepage, the child is found and every article archived.
func TestFramesFollowed(t *testing.T) {
	srv, hits := robotlessWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		switch r.Host + r.URL.Path {
		case "top.wenming.test/":
			fmt.Fprint(w, `<html><head><title>顶层文明网</title></head><frameset rows="90,*"><frame src="top.htm"><frame src="main.htm" name="main"></frameset></html>`)
		case "top.wenming.test/top.htm":
			page("顶层文明网", `<img src="/banner.jpg">`)
		case "top.wenming.test/main.htm":
			page("顶层文明网", `<div class="yqlj"><h3>友情链接</h3><ul><li><a href="http://child.test/">下级文明网</a></li></ul></div>`+
				`<li><a href="/a/1.html">文章1</a></li>`)
		case "child.test/":
			page("下级文明网", `<div class="top"><a href="http://top.wenming.test/">顶层文明网</a></div><iframe src="/list.htm" width="600"></iframe>`)
		case "child.test/list.htm":
			page("列表", `<li><a href="/a/2.html" target="_parent">文章2</a></li>`)
		default:
			if strings.Contains(r.URL.Path, "/a/") {
				id := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/a/"), ".html")
				page("文章", numberedArticle(r.Host+id)+`<iframe src="/comment.php?id=`+id+`"></iframe>`)
				return
			}
			http.NotFound(w, r)
		}
	})
	c := crawlArchiving(t, srv, hits, "http://top.wenming.test/a/1.html", "http://child.test/a/2.html")
	if e, ok := c.sites.get("child.test"); !ok || e.Site.Level != article.Province {
		t.Errorf("child site %+v (known %v): want it found as a province site in the main frame", e, ok)
	}
	for k := range hits.hits {
		if strings.Contains(k, "comment.php") {
			t.Errorf("requested %s: an article's widget frame read as a page", k)
		}
	}
}

// TestSplashHomepage crawls a site whose homepage is a splash page (an
// image and one link, 进入网站, to the real homepage): the real homepage
// is read as the homepage, for its child sites.
func TestSplashHomepage(t *testing.T) {
	srv, hits := robotlessWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		switch r.Host + r.URL.Path {
		case "top.wenming.test/":
			fmt.Fprint(w, `<html><head><title>顶层文明网</title></head><body><div class="splash"><img src="/splash.jpg">`+
				`<a href="/main/index.html"><img src="/enter.gif" alt="进入网站"></a></div></body></html>`)
		case "top.wenming.test/main/", "top.wenming.test/main/index.html":
			page("顶层文明网", `<div class="yqlj"><h3>下级文明网</h3><ul><li><a href="http://child.test/">下级文明网</a></li></ul></div>`+
				`<li><a href="/a/1.html">文章1</a></li>`)
		case "child.test/":
			page("下级文明网", `<li><a href="/a/2.html">文章2</a></li>`)
		default:
			if strings.Contains(r.URL.Path, "/a/") {
				page("文章", numberedArticle(r.Host+r.URL.Path))
				return
			}
			http.NotFound(w, r)
		}
	})
	c := crawlArchiving(t, srv, hits, "http://top.wenming.test/a/1.html", "http://child.test/a/2.html")
	if _, ok := c.sites.get("child.test"); !ok {
		t.Errorf("the child site listed on the real homepage behind the splash page not found (requests %v)", hits.hits)
	}
}
