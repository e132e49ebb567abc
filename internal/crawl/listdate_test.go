package crawl

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
)

// undatedArticle is an article page of a template that prints no date
// (the list does): a title, a source line without a date, a body.
func undatedArticle(title string) string {
	return fmt.Sprintf(`<div class="main"><h1>%s</h1><div class="info">来源：县文明办</div>`+
		`<div class="content"><p>为深入推进新时代文明实践，%s，各志愿服务队走进社区、村组，开展政策宣讲、邻里互助和环境整治等活动。</p>`+
		`<p>活动得到了群众的积极参与和广泛好评，大家表示，这样的活动让文明新风吹进了千家万户，今后将继续参与。</p></div></div>`, title, title)
}

// TestUndatedArticlesDatedByList crawls a site whose article pages print
// no date while its column list prints one beside each link: the
// articles are archived with the list's day, read from the list page that
// linked them; an undated page whose link has no date (an about page)
// stays no article.
func TestUndatedArticlesDatedByList(t *testing.T) {
	srv, hits := robotlessWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		switch r.Host + r.URL.Path {
		case "top.wenming.test/":
			page("顶层文明网", `<div class="nav"><a href="/about.html">本站简介与联系方式</a> <a href="/news/">工作动态</a></div>`)
		case "top.wenming.test/news/":
			page("工作动态", `<ul class="list">`+
				`<li><a href="/news/1.html">城关镇开展志愿服务进社区活动</a><span>2024-05-12</span></li>`+
				`<li><a href="/news/2.html" title="县文明办召开创建工作推进会暨业务培训会">县文明办召开创建工作推进会...</a> <span>[2024-05-10]</span></li>`+
				`<li><a href="/news/3.html">新时代文明实践站举办道德讲堂</a></li>`+
				`</ul>`)
		case "top.wenming.test/news/1.html":
			page("城关镇开展志愿服务进社区活动", undatedArticle("城关镇开展志愿服务进社区活动"))
		case "top.wenming.test/news/2.html":
			page("县文明办召开创建工作推进会暨业务培训会", undatedArticle("县文明办召开创建工作推进会暨业务培训会"))
		case "top.wenming.test/news/3.html":
			page("新时代文明实践站举办道德讲堂", undatedArticle("新时代文明实践站举办道德讲堂"))
		case "top.wenming.test/about.html":
			page("本站简介与联系方式", undatedArticle("本站简介与联系方式"))
		default:
			http.NotFound(w, r)
		}
	})
	var got urlSink
	runTestCrawl(t, srv.URL, Options{Workers: 2}, got.store)
	for u, want := range map[string]string{
		"http://top.wenming.test/news/1.html": "2024-05-12",
		"http://top.wenming.test/news/2.html": "2024-05-10",
	} {
		a := got.get(u)
		if a == nil {
			t.Errorf("%s not archived (requests %v)", u, hits.hits)
			continue
		}
		if day := a.Published.In(article.China).Format(time.DateOnly); day != want || a.PublishedPrecision != article.PrecisionDay {
			t.Errorf("%s published %s (%s), want %s (day)", u, day, a.PublishedPrecision, want)
		}
	}
	for _, u := range []string{"http://top.wenming.test/news/3.html", "http://top.wenming.test/about.html"} {
		if a := got.get(u); a != nil {
			t.Errorf("%s archived as an article, dated %v: its link has no date beside it", u, a.Published)
		}
	}
	if n := hits.hits["top.wenming.test/news/"]; n > 2 {
		t.Errorf("the list fetched %d times: its row dates are read once and kept", n)
	}
	for k := range hits.hits {
		if strings.Contains(k, "2024") {
			t.Errorf("requested %s", k)
		}
	}
}
