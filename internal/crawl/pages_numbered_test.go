package crawl

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// TestNumberedPagesJoined crawls a multi-page article of a CMS no rule
// knows (123.html, 123_2.html, 123_3.html, a pager of numbers after the
// text, each page linked from the list too): one record, under page 1's
// URL, holds the text of all three pages.
func TestNumberedPagesJoined(t *testing.T) {
	var sink urlSink
	crawlWeb(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		page := func(body string) {
			fmt.Fprintf(w, `<html><head><title>城关镇开展文明实践活动_顶层文明网</title></head><body>%s%s</body></html>`, trapNav, body)
		}
		switch p := r.URL.Path; p {
		case "/robots.txt", "/sitemap.xml":
			http.NotFound(w, r)
		case "/":
			page(`<a href="/news/">新闻</a>`)
		case "/news/":
			page(`<li><a href="/news/123.html">城关镇开展文明实践活动</a></li><li><a href="/news/123_3.html">城关镇开展文明实践活动（三）</a></li>`)
		case "/news/123.html", "/news/123_2.html", "/news/123_3.html":
			k := 1
			if p != "/news/123.html" {
				k = int(p[len("/news/123_")] - '0')
			}
			var pager strings.Builder
			pager.WriteString(`<div class="pagelist">`)
			for i := 1; i <= 3; i++ {
				ref := "123.html"
				if i > 1 {
					ref = fmt.Sprintf("123_%d.html", i)
				}
				fmt.Fprintf(&pager, `<a href="%s">%d</a> `, ref, i)
			}
			pager.WriteString(`</div>`)
			page(fmt.Sprintf(`<div class="article"><h1>城关镇开展文明实践活动</h1><div class="info">发布时间：2024-05-12 10:00 来源：本站</div>`+
				`<div class="content"><p>第%d部分：城关镇组织志愿者深入社区，开展“文明实践我先行”主题活动，引导群众积极参与文明创建，受到居民好评。</p>`+
				`<p>活动中，志愿者们清理卫生死角，宣传垃圾分类知识，为老年人提供健康咨询服务，现场气氛热烈。</p></div>%s</div>`, k, pager.String()))
		default:
			http.NotFound(w, r)
		}
	}), Options{Workers: 2}, sink.store)
	a := sink.get("http://top.wenming.test/news/123.html")
	if sink.count() != 1 || a == nil {
		t.Fatalf("records %v, want page 1's alone", slices.Collect(maps.Keys(sink.urls)))
	}
	for k := 1; k <= 3; k++ {
		if !strings.Contains(a.Body, fmt.Sprintf("第%d部分", k)) {
			t.Errorf("the record lacks page %d: %q", k, a.Body)
		}
	}
}
