package crawl

import (
	"net/http"
	"testing"

	"github.com/wenming-archive/wenming/internal/article"
)

// TestMemberSitesElsewhereThanTheHomepage checks three ways a parent shows
// its member sites off its homepage's link blocks, each found with its
// level and its articles archived: an inline frame under a member
// block's heading holding the list alone, by place names (江西, 九江),
// as a city's counties too; a page of member sites the nav links (地方文明网)
// paged by 下一页, its second page naming the second city by its place
// alone (九江), its footer's 学习强国 no site; and a county
// <select> in a form submitted with GET to a redirect script (no change
// handler). An inline frame outside a member block (a weather box) names
// no site.
func TestMemberSitesElsewhereThanTheHomepage(t *testing.T) {
	srv, hits := pageWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		switch r.Host + r.URL.RequestURI() {
		case "top.wenming.test/":
			page("顶层文明网", `<div class="dfwm"><h3>地方文明网</h3><iframe src="/dfwm/list.html" frameborder="0"></iframe></div>`+
				`<div class="tq"><iframe src="/tq.html"></iframe></div>`)
		case "top.wenming.test/dfwm/list.html":
			w.Write([]byte(`<html><body><ul><li><a href="http://sheng.wenming.test/" target="_blank">江西</a></li></ul></body></html>`))
		case "top.wenming.test/tq.html":
			w.Write([]byte(`<html><body><a href="http://www.weather.test/">天气</a></body></html>`))
		case "sheng.wenming.test/":
			page("江西文明网", `<div class="top"><a href="http://top.wenming.test/">顶层文明网</a></div><div class="nav"><a href="/dfwm/">地方文明网</a></div>`)
		case "sheng.wenming.test/dfwm/":
			page("地方文明网_江西文明网", `<ul><li><a href="http://shi1.wenming.test/">南昌文明网</a></li></ul><div class="page"><a href="index_1.html">下一页</a></div>`)
		case "sheng.wenming.test/dfwm/index_1.html":
			page("地方文明网_江西文明网", `<ul><li><a href="http://shi2.wenming.test/">九江</a></li></ul><div class="page"><a href="index.html">上一页</a></div>`+
				`<div class="foot"><a href="http://www.xuexi.test/">学习强国</a></div>`)
		case "shi1.wenming.test/", "shi2.wenming.test/":
			strip := `<div class="top"><a href="http://top.wenming.test/">顶层文明网</a> <a href="http://sheng.wenming.test/">江西文明网</a></div><a href="/a/1.html">文章</a>`
			if r.Host == "shi1.wenming.test" {
				page("南昌文明网", strip+`<form action="/go.jsp" method="get" target="_blank"><select name="url"><option value="">--县区文明网--</option>`+
					`<option value="http://www.xian1.test/">进贤县文明网</option></select><input type="submit" value="访问"></form>`)
			} else {
				page("九江文明网", strip+`<div class="xqwm"><h3>县区文明网</h3><iframe src="/xqwm/index.html"></iframe></div>`)
			}
		case "shi2.wenming.test/xqwm/index.html":
			w.Write([]byte(`<html><head><base target="_blank"></head><body><a href="http://www.xian2.test/">湖口</a></body></html>`))
		case "shi1.wenming.test/go.jsp?url=http%3A%2F%2Fwww.xian1.test%2F":
			http.Redirect(w, r, "http://www.xian1.test/", http.StatusFound)
		case "www.xian1.test/", "www.xian2.test/":
			page("县文明网", `<a href="/a/1.html">文章</a>`)
		case "shi1.wenming.test/a/1.html", "shi2.wenming.test/a/1.html", "www.xian1.test/a/1.html", "www.xian2.test/a/1.html":
			page("文章", numberedArticle(r.Host))
		default:
			http.NotFound(w, r)
		}
	})
	var sink urlSink
	c, _ := runTestCrawl(t, srv.URL, Options{Workers: 2}, sink.store)
	for host, level := range map[string]article.Level{"sheng.wenming.test": article.Province, "shi1.wenming.test": article.City,
		"shi2.wenming.test": article.City, "www.xian1.test": article.County, "www.xian2.test": article.County} {
		e, ok := c.sites.get(host)
		switch {
		case !ok:
			t.Errorf("%s not found (requests %v)", host, hits.hits)
			continue
		case e.Site.Level != level:
			t.Errorf("%s at level %s, want %s", host, e.Site.Level, level)
		}
		if level != article.Province && sink.get("http://"+host+"/a/1.html") == nil {
			t.Errorf("%s: its article not archived", host)
		}
	}
	for host, what := range map[string]string{"www.weather.test": "a weather box's frame", "www.xuexi.test": "a page of member sites' footer"} {
		if c.sites.known(host) {
			t.Errorf("%s named a site", what)
		}
	}
}
