package crawl

import (
	"net/http"
	"strings"
	"testing"
)

// TestErrorRedirectRobots: an ASP.NET site without a robots.txt, whose
// customErrors send the missing robots.txt to /Error.aspx like any
// missing page, is crawled as a site without rules (the error page read
// as robots.txt has none), not left as one whose robots.txt failed.
func TestErrorRedirectRobots(t *testing.T) {
	srv, _ := pageWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		switch strings.ToLower(r.URL.Path) {
		case "/":
			page("顶层文明网", `<a href="/News/Show.aspx?ID=1">新闻</a>`)
		case "/news/show.aspx":
			page("县里举办志愿服务活动", `<div class="article"><h1>县里举办志愿服务活动</h1><div class="info">发布时间：2024-03-22 10:00</div>`+
				`<div class="content"><p>近日，县里组织开展了“文明实践进社区”志愿服务活动，志愿者们走进社区，为居民提供义诊、理发、家电维修等服务。</p>`+
				`<p>活动现场气氛热烈，群众纷纷表示，这样的活动接地气、有温度，希望以后多多举办。</p></div></div>`)
		case "/error.aspx":
			page("出错了", `对不起，您访问的页面不存在！`)
		default:
			http.Redirect(w, r, "/Error.aspx?aspxerrorpath="+r.URL.Path, http.StatusFound)
		}
	})
	sink := &urlSink{}
	_, sum := runTestCrawl(t, srv.URL, Options{Workers: 2}, sink.store)
	if sink.get("http://top.wenming.test/News/Show.aspx?ID=1") == nil {
		t.Errorf("article not archived: %v; errors %v", sink.urls, sum.Errors)
	}
	if len(sum.DeadLinks) != 0 {
		t.Errorf("dead links %v: the missing robots.txt and sitemap are none", sum.DeadLinks)
	}
}
