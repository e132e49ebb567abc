package crawl

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestLaterCrawlPastArchivedBox crawls again a column of 28 articles, 20
// of them archived by an earlier crawl, whose list pages show a box of
// archived articles (热门文章) beside the rows, over them or after the
// pager: the eight new articles fill page 1 and part of page 2, and none
// links another (no 上一篇/下一篇), so paging must go on past page 1,
// whose rows are all new, and page 2, whose last rows are new and
// archived, and stop after page 3, whose rows are archived (Overlap 5).
// With no box the same holds.
func TestLaterCrawlPastArchivedBox(t *testing.T) {
	const total, archived, perPage = 28, 20, 5
	title := func(i int) string { return fmt.Sprintf("城关镇开展文明实践志愿服务活动第%d场", i) }
	for _, box := range []string{"before the rows", "after the pager", "none"} {
		t.Run(box, func(t *testing.T) {
			srv, hits := robotlessWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
				var side strings.Builder
				side.WriteString(`<div class="side"><h3>热门文章</h3><ul>`)
				for i := 1; i <= 6; i++ {
					fmt.Fprintf(&side, `<li><a href="/a/%d.html">%s</a></li>`, i, title(i))
				}
				side.WriteString(`</ul></div>`)
				if box == "none" {
					side.Reset()
				}
				k := 0
				switch _, err := fmt.Sscanf(r.URL.Path, "/list/index_%d.html", &k); {
				case r.URL.Path == "/":
					page("顶层文明网", `<a href="/list/">工作动态</a>`)
				case r.URL.Path == "/list/" || err == nil && k > 0:
					var b strings.Builder
					if box == "before the rows" {
						b.WriteString(side.String())
					}
					b.WriteString(`<ul class="list">`)
					for i := total - k*perPage; i > total-(k+1)*perPage && i > 0; i-- {
						fmt.Fprintf(&b, `<li><a href="/a/%d.html">%s</a><span>2023-03-%02d</span></li>`, i, title(i), i)
					}
					b.WriteString(`</ul>`)
					if (k+1)*perPage < total {
						fmt.Fprintf(&b, `<div class="page"><a href="/list/index_%d.html">下一页</a></div>`, k+1)
					}
					if box == "after the pager" {
						b.WriteString(side.String())
					}
					page("工作动态", b.String())
				default:
					var i int
					if _, err := fmt.Sscanf(r.URL.Path, "/a/%d.html", &i); err == nil && i >= 1 && i <= total {
						page(title(i), numberedArticle(fmt.Sprint(i)))
						return
					}
					http.NotFound(w, r)
				}
			})
			known := func(u string) (Known, bool) {
				var i int
				if _, err := fmt.Sscanf(u, "http://top.wenming.test/a/%d.html", &i); err == nil && i <= archived {
					return Known{Published: time.Now().AddDate(-1, 0, 0), FetchedAt: time.Now().AddDate(0, 0, -7)}, true
				}
				return Known{}, false
			}
			var sink urlSink
			_, sum := runTestCrawl(t, srv.URL, Options{Workers: 2, Known: known, Overlap: 5, PassStart: time.Now()}, sink.store)
			for i := archived + 1; i <= total; i++ {
				if sink.get(fmt.Sprintf("http://top.wenming.test/a/%d.html", i)) == nil {
					t.Errorf("new article %d, on list page %d, not archived (requests %v)", i, (total-i)/perPage+1, hits.hits)
				}
			}
			if n := hits.requests("top.wenming.test/list/index_3.html"); n != 0 {
				t.Errorf("paging went on to page 4, past page 3 whose rows are archived")
			}
			if sum.PagingStopped == 0 {
				t.Error("paging never stopped")
			}
		})
	}
}
