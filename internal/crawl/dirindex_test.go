package crawl

import (
	"net/http"
	"testing"
)

// TestDirectoryServedByIndexOnly: a column page linked as
// /col/col5/index.html, which the crawler folds into /col/col5/, on a
// server that answers the directory 404 and only the file with the page:
// the column's articles are archived, and a directory that is gone costs
// one request more, not a loop.
func TestDirectoryServedByIndexOnly(t *testing.T) {
	srv, hits := pageWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		switch r.URL.Path {
		case "/":
			page("某县文明网", `<div class="nav"><a href="/col/col5/index.html">工作动态</a> <a href="/col/col6/index.html">旧栏目</a></div>`)
		case "/col/col5/index.html":
			page("工作动态", `<ul><li><a href="/art/2023/3/22/art_5_101.html">文章一</a></li><li><a href="../../art/2023/3/23/art_5_102.html">文章二</a></li></ul>`)
		case "/art/2023/3/22/art_5_101.html", "/art/2023/3/23/art_5_102.html":
			page("文章", numberedArticle(r.URL.Path))
		default:
			http.NotFound(w, r)
		}
	})
	var sink urlSink
	runTestCrawl(t, srv.URL, Options{Workers: 2}, sink.store)
	for _, p := range []string{"/art/2023/3/22/art_5_101.html", "/art/2023/3/23/art_5_102.html"} {
		if sink.get("http://top.wenming.test"+p) == nil {
			t.Errorf("%s, listed by a column served at its index's name only, not archived (requests %v)", p, hits.hits)
		}
	}
	if n := hits.requests("top.wenming.test/col/col6/index.html"); n != 1 {
		t.Errorf("a gone column's index asked %d times, want once", n)
	}
}
