package crawl

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// TestRefererSentAsBrowsersDo crawls a site whose view counter answers
// only the site's own article pages (a counter guarding against inflated
// counts by its Referer, as anti-hotlinking rules guard attachments and
// images): every request carries the Referer a browser's default policy
// sends — the linking page within the site, only its origin across sites,
// the previous page for a continuation page, the article for its counter
// — and the counts are read. Before, no request carried a Referer and
// every count was lost.
func TestRefererSentAsBrowsersDo(t *testing.T) {
	var mu sync.Mutex
	referers := map[string]string{} // host+path → Referer
	srv, _ := robotlessWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		mu.Lock()
		referers[r.Host+r.URL.Path] = r.Header.Get("Referer")
		mu.Unlock()
		var id int
		switch host, path := r.Host, r.URL.Path; {
		case host == "top.wenming.test" && path == "/":
			page("顶层文明网", `<div class="links">下级文明网站：<ul><li><a href="http://county.test/">某县文明网</a></li></ul></div>`)
		case host != "county.test":
			http.NotFound(w, r)
		case path == "/":
			page("某县文明网", `<div class="nav"><a href="/news/">工作动态</a></div>`)
		case path == "/news/":
			page("工作动态", `<ul><li><a href="/a/1.html">文章1</a></li><li><a href="/a/2.html">文章2</a></li></ul>`)
		case path == "/plus/count.php":
			aid := r.URL.Query().Get("aid")
			if r.Header.Get("Referer") != "http://county.test/a/"+aid+".html" {
				http.Error(w, "forbidden", http.StatusForbidden)
				return
			}
			fmt.Fprintf(w, "document.write('%s07');", aid)
		case scanID(path, "/a/%d.html", &id) && id <= 2:
			pager := ""
			if id == 1 {
				pager = `<div class="pages"><a href="/a/1_2.html">2</a> <a href="/a/1_2.html">下一页</a></div>`
			}
			page("文章", numberedArticle(fmt.Sprint(id))+
				fmt.Sprintf(`<div class="info">浏览次数：<script src="/plus/count.php?view=yes&aid=%d&mid=1"></script></div>`, id)+pager)
		case path == "/a/1_2.html":
			page("文章", `<div class="article"><div class="content"><p>第二页：活动结束后，志愿者们还为社区老人送去了慰问品，并与他们亲切交谈，了解他们的生活需求。</p></div></div>`+
				`<div class="pages"><a href="/a/1.html">1</a> <a href="/a/1.html">上一页</a></div>`)
		default:
			http.NotFound(w, r)
		}
	})
	var sink urlSink
	_, sum := runTestCrawl(t, srv.URL, Options{Workers: 2, PerHost: 1, FetchCounters: true}, sink.store)
	mu.Lock()
	defer mu.Unlock()
	for path, want := range map[string]string{
		"top.wenming.test/":      "",
		"county.test/":           "http://top.wenming.test/", // another site: its origin only
		"county.test/news/":      "http://county.test/",
		"county.test/a/1.html":   "http://county.test/news/",
		"county.test/a/1_2.html": "http://county.test/a/1.html",
	} {
		if got := referers[path]; got != want {
			t.Errorf("%s asked with Referer %q, want %q", path, got, want)
		}
	}
	for id, want := range map[string]int64{"1": 107, "2": 207} {
		a := sink.get("http://county.test/a/" + id + ".html")
		switch {
		case a == nil:
			t.Errorf("article %s not archived (errors %v %v)", id, sum.Errors, sum.ErrorSamples)
		case a.Views == nil || *a.Views != want:
			t.Errorf("article %s: views %v, want %d (errors %v %v)", id, a.Views, want, sum.Errors, sum.ErrorSamples)
		case id == "1" && !strings.Contains(a.Body, "第二页"):
			t.Errorf("article 1: its second page is not in its body")
		}
	}
}

func TestWithReferer(t *testing.T) {
	for _, tc := range []struct{ target, referer, want string }{
		{"http://a.test/x.html", "", ""},
		{"http://a.test/x.html", "http://a.test/list/?page=2#top", "http://a.test/list/?page=2"},
		{"http://a.test/x.html", "http://user:pw@a.test/list/", "http://a.test/list/"},
		{"http://b.test/x.html", "http://a.test/list/", "http://a.test/"},      // another origin
		{"https://a.test/x.html", "http://a.test/list/", "http://a.test/"},     // another scheme
		{"http://a.test:8080/x.html", "http://a.test/list/", "http://a.test/"}, // another port
		{"http://a.test/x.html", "https://a.test/list/", ""},                   // https to http
		{"https://b.test/x.html", "https://a.test/list/", "https://a.test/"},
		{"http://a.test/x.html", "ftp://a.test/list/", ""},
	} {
		got := withReferer(nil, tc.target, tc.referer).Get("Referer")
		if got != tc.want {
			t.Errorf("withReferer(%q, %q) = %q, want %q", tc.target, tc.referer, got, tc.want)
		}
	}
	h := withReferer(http.Header{"If-None-Match": {`"x"`}}, "http://a.test/x", "http://a.test/")
	if h.Get("If-None-Match") != `"x"` || h.Get("Referer") != "http://a.test/" {
		t.Errorf("headers given are kept: %v", h)
	}
}
