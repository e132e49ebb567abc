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
// document.write count recorded.
func TestLabelledCounterFetched(t *testing.T) {
	var mu sync.Mutex
	counted := map[string]int{}
	var sink urlSink
	_, sum := crawlWeb(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		page := func(body string) {
			fmt.Fprintf(w, `<html><head><title>顶层文明网</title></head><body>%s%s</body></html>`, trapNav, body)
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
			page(strings.Replace(numberedArticle(id), `来源：本站`, `来源：本站 <span>浏览次数：<script type="text/javascript" src="/count.asp?id=`+id+`"></script></span>`, 1))
		case p == "/count.asp":
			mu.Lock()
			counted[r.URL.Query().Get("id")]++
			mu.Unlock()
			w.Header().Set("Content-Type", "application/javascript")
			fmt.Fprintf(w, "document.write('%s07');", r.URL.Query().Get("id"))
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
}
