package crawl

import (
	"maps"
	"net/http"
	"sync/atomic"
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

// TestDirectoryIndexRemembered: what a crawl learnt of directories that
// answer 404 is not asked again by the next: a column served only at
// its index's name is asked by that name at once, a gone column (its
// index.html 404 too) by its directory alone; a column whose index page
// failed meanwhile is asked as a directory again, and one whose directory
// answers again is taken so.
func TestDirectoryIndexRemembered(t *testing.T) {
	var night atomic.Int32
	srv, hits := pageWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		n := night.Load()
		switch r.URL.Path {
		case "/":
			page("某县文明网", `<div class="nav"><a href="/col/col5/index.html">工作动态</a> <a href="/col/col6/index.html">旧栏目</a> <a href="/col/col7/index.html">志愿服务</a></div>`)
		case "/col/col5/index.html":
			page("工作动态", `<ul><li><a href="/art/2023/3/22/art_5_101.html">文章一</a></li></ul>`)
		case "/col/col7/index.html", "/col/col7/":
			// Night 2 the server maps the directory, not the file.
			if (n == 2) == (r.URL.Path == "/col/col7/") {
				page("志愿服务", `<ul><li><a href="/art/2023/3/23/art_7_102.html">文章二</a></li></ul>`)
				return
			}
			http.NotFound(w, r)
		case "/art/2023/3/22/art_5_101.html", "/art/2023/3/23/art_7_102.html":
			page("文章", numberedArticle(r.URL.Path))
		default:
			http.NotFound(w, r)
		}
	})
	state := t.TempDir()
	var asked [3]map[string]int
	for i := range asked {
		night.Store(int32(i + 1))
		var sink urlSink
		runInState(t, srv.URL, state, Options{Workers: 2}, sink.store)
		for _, p := range []string{"/art/2023/3/22/art_5_101.html", "/art/2023/3/23/art_7_102.html"} {
			if sink.get("http://top.wenming.test"+p) == nil {
				t.Errorf("night %d: %s not archived", i+1, p)
			}
		}
		hits.mu.Lock()
		asked[i] = maps.Clone(hits.hits)
		clear(hits.hits)
		hits.mu.Unlock()
	}
	want := []map[string]int{
		{"/col/col5/": 1, "/col/col5/index.html": 1, "/col/col6/": 1, "/col/col6/index.html": 1, "/col/col7/": 1, "/col/col7/index.html": 1},
		// col7's index page fails: asked as a directory, which answers.
		{"/col/col5/": 0, "/col/col5/index.html": 1, "/col/col6/": 1, "/col/col6/index.html": 0, "/col/col7/": 1, "/col/col7/index.html": 1},
		// col7 forgotten: asked as the first night.
		{"/col/col5/": 0, "/col/col5/index.html": 1, "/col/col6/": 1, "/col/col6/index.html": 0, "/col/col7/": 1, "/col/col7/index.html": 1},
	}
	for i, w := range want {
		for p, n := range w {
			if got := asked[i]["top.wenming.test"+p]; got != n {
				t.Errorf("night %d: %s asked %d times, want %d", i+1, p, got, n)
			}
		}
	}
}
