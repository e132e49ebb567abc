package crawl

import (
	"net/http"
	"testing"

	"github.com/wenming-archive/wenming/internal/article"
)

// TestTwinHostSite crawls a county site that answers under its bare name
// and under www. alike, with no redirect between them (one server bound to
// both names, as many government sites are), listed in its parent's link
// block under one name while its own pages link the other: its articles
// are crawled, once each, as pages of the one site.
func TestTwinHostSite(t *testing.T) {
	for _, tc := range []struct{ listed, linked string }{
		{"twinwm.test", "www.twinwm.test"},
		{"www.twinwm.test", "twinwm.test"},
	} {
		t.Run(tc.listed, func(t *testing.T) {
			srv, hits := robotlessWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
				host := r.Host
				if host == "www.twinwm.test" || host == "twinwm.test" {
					host = "twin"
				}
				switch host + r.URL.Path {
				case "top.wenming.test/":
					page("顶层文明网", `<div class="links">下级文明网站：<ul><li><a href="http://`+tc.listed+`/">某县文明网</a></li></ul></div>`)
				case "twin/", "twin/index.html":
					page("某县文明网", `<div class="logo"><a href="http://`+tc.linked+`/">某县文明网</a></div><div class="nav"><a href="http://`+tc.linked+`/">首页</a> <a href="http://`+tc.linked+`/news/">工作动态</a></div>`+
						`<ul><li><a href="http://`+tc.linked+`/news/1.html">文章1</a></li></ul>`)
				case "twin/news/":
					page("工作动态", `<ul><li><a href="http://`+tc.linked+`/news/1.html">文章1</a></li><li><a href="http://`+tc.linked+`/news/2.html">文章2</a></li></ul>`)
				case "twin/news/1.html":
					page("文章", numberedArticle("twin1"))
				case "twin/news/2.html":
					page("文章", numberedArticle("twin2"))
				default:
					http.NotFound(w, r)
				}
			})
			var sink urlSink
			_, sum := runTestCrawl(t, srv.URL, Options{Workers: 2}, sink.store)
			got := sink.holding("twinwm")
			if n := sum.Sites[article.Province]; n != 1 {
				t.Errorf("%d sites at the child level, want 1: the twin is no site of its own", n)
			}
			if len(got) != 2 {
				t.Errorf("the site's articles: %v, want its 2 articles once each (requests %v, errors %v %v)", got, hits.hits, sum.Errors, sum.ErrorSamples)
			}
		})
	}
}
