package crawl

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// TestLabelledCounterFetched crawls a site on a CMS no rule knows whose
// articles load their view count with a script standing after the label
// (浏览次数：<script src="/count.asp?id=N">): the script is fetched and its
// document.write count recorded. So is the count a function of the page
// asks when a script after the label calls it (浏览:<span
// id="spnN"></span><script>LoadViewCount(N)</script>, the function
// building the URL from its argument and the page's bloghost, as old
// Z-Blog templates do [assumed the counter's path and its answer,
// $("#spnN").html(…)]).
func TestLabelledCounterFetched(t *testing.T) {
	for _, tc := range []struct {
		name, head, counter string
		place               func(id string) string
		answer              func(id string) string
	}{
		{"a script after the label", "", "/count.asp",
			func(id string) string {
				return `<span>浏览次数：<script type="text/javascript" src="/count.asp?id=` + id + `"></script></span>`
			},
			func(id string) string { return "document.write('" + id + "07');" }},
		{"a function called after the label", `<script type="text/javascript">var bloghost="http://top.wenming.test/";</script>` +
			`<script type="text/javascript">function LoadViewCount(id){ $.getScript(bloghost+"zb_system/cmd.asp?act=count&id="+id+"&key=spn"+id); }</script>`, "/zb_system/cmd.asp",
			func(id string) string {
				return `| 浏览:<span id="spn` + id + `"></span><script type="text/javascript">LoadViewCount(` + id + `)</script>`
			},
			func(id string) string { return `$("#spn` + id + `").html("` + id + `07");` }},
		{"a frame after the label", "", "/count.aspx",
			func(id string) string {
				return `<span>访问次数：<iframe src="/count.aspx?id=` + id + `" width="60" height="16" frameborder="0" scrolling="no"></iframe></span>`
			},
			func(id string) string {
				return `<html><head><title>count</title></head><body>` + id + `07</body></html>`
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var mu sync.Mutex
			counted := map[string]int{}
			var sink urlSink
			_, sum := crawlWeb(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				page := func(body string) {
					fmt.Fprintf(w, `<html><head><title>顶层文明网</title>%s</head><body>%s%s</body></html>`, tc.head, trapNav, body)
				}
				switch p := r.URL.Path; {
				case p == "/robots.txt" || p == "/sitemap.xml":
					http.NotFound(w, r)
				case p == "/":
					page(`<a href="/list/">工作动态</a>`)
				case p == "/list/":
					page(`<li><a href="/a/1.html">文章1</a></li><li><a href="/a/2.html">文章2</a></li><li><a href="/a/3.html">文章3</a></li>`)
				case strings.HasPrefix(p, "/a/"):
					id := strings.TrimSuffix(p[3:], ".html")
					page(strings.Replace(numberedArticle(id), `来源：本站`, `来源：本站 `+tc.place(id), 1))
				case p == tc.counter:
					mu.Lock()
					counted[r.URL.Query().Get("id")]++
					mu.Unlock()
					w.Header().Set("Content-Type", "application/javascript")
					fmt.Fprint(w, tc.answer(r.URL.Query().Get("id")))
				default:
					http.NotFound(w, r)
				}
			}), Options{Workers: 2, FetchCounters: true}, sink.store)
			for id := 1; id <= 3; id++ {
				u := "http://top.wenming.test/a/" + strconv.Itoa(id) + ".html"
				var views int64
				if a := sink.get(u); a != nil && a.Views != nil {
					views = *a.Views
				}
				if want := int64(id*100 + 7); views != want {
					t.Errorf("%s: views %d, want %d", u, views, want)
				}
			}
			if sum.Counters != 3 || len(counted) != 3 {
				t.Errorf("counters fetched %d (%v), want 3", sum.Counters, counted)
			}
		})
	}
}
