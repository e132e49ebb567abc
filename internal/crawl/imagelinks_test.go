package crawl

import (
	"net/http"
	"testing"

	"github.com/wenming-archive/wenming/internal/article"
)

// TestChildSitesLinkedByImage crawls a parent whose homepage links its
// child sites by pictures: logo banners (<a><img alt="某县文明网"></a>), a
// map of the province whose areas are the counties (<area href
// alt="南县">), and a link named only by its title attribute. Each child
// is found by the name its picture or area gives.
func TestChildSitesLinkedByImage(t *testing.T) {
	srv, hits := pageWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		switch r.Host + r.URL.Path {
		case "top.wenming.test/":
			page("顶层文明网", `<div class="links"><h3>市县文明网</h3>`+
				`<a href="http://banner.wenming.test/"><img src="/img/banner.jpg" alt="北县文明网"></a> `+
				`<a href="http://titled.wenming.test/" title="东县文明网"><img src="/img/t.gif"></a></div>`+
				`<div class="map"><img src="/img/map.png" usemap="#m"><map name="m">`+
				`<area shape="poly" coords="1,2,3,4" href="http://south.wenming.test/" alt="南县文明网">`+
				`<area shape="rect" coords="5,6,7,8" href="http://www.gov.test/" alt="省人民政府"></map></div>`)
		case "banner.wenming.test/", "titled.wenming.test/", "south.wenming.test/":
			page("县文明网", `<ul><li><a href="/a/1.html">文章</a></li></ul>`)
		case "banner.wenming.test/a/1.html", "titled.wenming.test/a/1.html", "south.wenming.test/a/1.html":
			page("文章", numberedArticle(r.Host))
		default:
			http.NotFound(w, r)
		}
	})
	var sink urlSink
	c, sum := runTestCrawl(t, srv.URL, Options{Workers: 2}, sink.store)
	for host, name := range map[string]string{"banner.wenming.test": "北县文明网", "titled.wenming.test": "东县文明网", "south.wenming.test": "南县文明网"} {
		e, ok := c.sites.get(host)
		if !ok {
			t.Errorf("%s (%s) not found as a child site (requests %v)", host, name, hits.hits)
			continue
		}
		if e.Site.Name != name {
			t.Errorf("%s named %q, want %q", host, e.Site.Name, name)
		}
		if sink.get("http://"+host+"/a/1.html") == nil {
			t.Errorf("%s: its article not archived", host)
		}
	}
	if c.sites.known("www.gov.test") {
		t.Errorf("the government portal on the map became a site")
	}
	if n := sum.Sites[article.Province]; n != 3 {
		t.Errorf("%d child sites, want 3", n)
	}
}

func TestIsRootURL(t *testing.T) {
	for raw, want := range map[string]bool{
		"http://a.cn": true, "http://a.cn/": true, "http://a.cn/index.html": true, "http://a.cn/Default.aspx": true,
		"http://a.cn/portal.php": true, "http://a.cn/main.htm": true, "http://a.cn/index.jhtml": true, "http://a.cn/index.do": true,
		"http://a.cn/index.shtml": true, "http://a.cn/home.asp": true,
		"http://a.cn/forum.php": false, "http://a.cn/news/": false, "http://a.cn/index.html?id=1": false, "http://a.cn/wmw/index.html": false,
		"/index.html": false,
	} {
		if got := isRootURL(raw); got != want {
			t.Errorf("isRootURL(%s) = %v, want %v", raw, got, want)
		}
	}
}

// TestChildSitesOnAPageOfTheirOwn crawls a parent whose homepage links a
// page of its own named as the list of its member sites (市县文明网):
// the children listed there are found, and that page is read for them
// alone — it does not rename or re-place the parent.
func TestChildSitesOnAPageOfTheirOwn(t *testing.T) {
	srv, hits := pageWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		switch r.Host + r.URL.Path {
		case "top.wenming.test/":
			page("顶层文明网", `<div class="nav"><a href="/news/">新闻</a> <a href="/lm/index.html">市县文明网</a></div>`)
		case "top.wenming.test/lm/", "top.wenming.test/lm/index.html":
			page("市县文明网_顶层文明网", `<div class="list"><h2>市县文明网</h2><ul><li><a href="http://one.wenming.test/">甲市文明网</a></li>`+
				`<li><a href="http://two.wenming.test/">乙县</a></li><li><a href="http://www.gov.test/">省政府</a></li></ul></div>`)
		case "one.wenming.test/", "two.wenming.test/":
			page("县文明网", `<ul><li><a href="/a/1.html">文章</a></li></ul>`)
		case "one.wenming.test/a/1.html", "two.wenming.test/a/1.html":
			page("文章", numberedArticle(r.Host))
		default:
			http.NotFound(w, r)
		}
	})
	var sink urlSink
	c, sum := runTestCrawl(t, srv.URL, Options{Workers: 2}, sink.store)
	for _, host := range []string{"one.wenming.test", "two.wenming.test"} {
		if !c.sites.known(host) {
			t.Errorf("%s, listed on the parent's page of member sites, not found (requests %v)", host, hits.hits)
		}
		if sink.get("http://"+host+"/a/1.html") == nil {
			t.Errorf("%s: its article not archived", host)
		}
	}
	if c.sites.known("www.gov.test") {
		t.Error("a government portal on the list became a site")
	}
	if e, _ := c.sites.get("top.wenming.test"); e.Site.Name != "顶层文明网" {
		t.Errorf("the parent renamed %q by its page of member sites", e.Site.Name)
	}
	if n := sum.Sites[article.Province]; n != 2 {
		t.Errorf("%d child sites, want 2", n)
	}
}

// TestChildSitesLinkedByNamelessLogo crawls a parent whose block of member
// sites (市级文明网) is a grid of logo pictures without alt text: a child
// on a civilization-site domain is found all the same and named by its
// own homepage, while a nameless picture linking a host of no such domain
// (a news site's banner in the block) and one outside any block (a banner
// in the page's body) are no sites.
func TestChildSitesLinkedByNamelessLogo(t *testing.T) {
	srv, hits := pageWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		switch r.Host + r.URL.Path {
		case "top.wenming.test/":
			page("顶层文明网", `<div class="sjwm"><div class="tit">市级文明网</div><ul>`+
				`<li><a href="http://jz.wenming.test/" target="_blank"><img src="/images/city/jz.jpg" width="180"></a></li>`+
				`<li><a href="http://www.news.test/"><img src="/images/news.jpg"></a></li></ul></div>`+
				`<div class="banner"><a href="http://zt.wenming.test/"><img src="/images/zt.jpg"></a></div>`)
		case "jz.wenming.test/", "www.news.test/", "zt.wenming.test/":
			page("首页 - 晋中文明网", `<ul><li><a href="/a/1.html">文章</a></li></ul>`)
		case "jz.wenming.test/a/1.html":
			page("文章", numberedArticle(r.Host))
		default:
			http.NotFound(w, r)
		}
	})
	var sink urlSink
	c, _ := runTestCrawl(t, srv.URL, Options{Workers: 2}, sink.store)
	e, ok := c.sites.get("jz.wenming.test")
	switch {
	case !ok:
		t.Fatalf("the child linked by a nameless logo not found (requests %v)", hits.hits)
	case e.Site.Name != "晋中文明网" || e.Site.Level != article.Province:
		t.Errorf("the child is %q at level %s, want 晋中文明网 at %s", e.Site.Name, e.Site.Level, article.Province)
	}
	if sink.get("http://jz.wenming.test/a/1.html") == nil {
		t.Error("the child's article not archived")
	}
	for _, host := range []string{"www.news.test", "zt.wenming.test"} {
		if c.sites.known(host) {
			t.Errorf("%s, a nameless picture link, became a site", host)
		}
	}
}
