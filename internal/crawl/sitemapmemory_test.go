package crawl

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestAbsentSitemapRemembered: a site without a sitemap answers the
// guessed /sitemap.xml 404 the first night, and the next night it is not
// asked; the third night the site publishes a sitemap and names it in
// robots.txt: it is asked, its page archived, and the memory dropped. An
// entry older than sitemapKeep is not taken.
func TestAbsentSitemapRemembered(t *testing.T) {
	var night atomic.Int32
	srv, hits := pageWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		n := night.Load()
		switch r.URL.Path {
		case "/robots.txt":
			w.Header().Set("Content-Type", "text/plain")
			if n == 3 {
				w.Write([]byte("User-agent: *\nDisallow:\nSitemap: http://top.wenming.test/sitemap.xml\n"))
				return
			}
			w.Write([]byte("User-agent: *\nDisallow:\n"))
		case "/":
			page("某县文明网", `<a href="/a/1.html">动态</a>`)
		case "/sitemap.xml":
			if n != 3 {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "application/xml")
			w.Write([]byte(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://top.wenming.test/a/2.html</loc></url></urlset>`))
		case "/a/1.html", "/a/2.html":
			page("文章", numberedArticle(strings.TrimSuffix(r.URL.Path[3:], ".html")))
		default:
			http.NotFound(w, r)
		}
	})
	state, sink := t.TempDir(), &staticSink{}
	var asked [3]int
	for i := range asked {
		night.Store(int32(i + 1))
		runInState(t, srv.URL, state, Options{Workers: 1, Known: knownIn(sink)}, sink.store)
		asked[i] = hits.requests("top.wenming.test/sitemap.xml")
		hits.mu.Lock()
		clear(hits.hits)
		hits.mu.Unlock()
	}
	if want := [3]int{1, 0, 1}; asked != want {
		t.Errorf("/sitemap.xml asked %v times night by night, want %v", asked, want)
	}
	if sink.get("http://top.wenming.test/a/2.html") == nil {
		t.Error("the page of the sitemap published the third night not archived")
	}
	if b, _ := os.ReadFile(filepath.Join(state, sitemapFile)); strings.Contains(string(b), "sitemap.xml") {
		t.Errorf("a sitemap that lists pages still noted absent: %s", b)
	}

	m := newNoSitemaps()
	now := time.Now()
	old := []savedURLNote{
		{URL: "http://a.cn/sitemap.xml", Note: sitemapAbsent, Learnt: now.Add(-sitemapKeep - time.Hour)},
		{URL: "http://b.cn/sitemap.xml", Note: sitemapAbsent, Learnt: now.Add(-sitemapKeep + time.Hour)},
	}
	dir := t.TempDir()
	if err := saveState(dir, sitemapFile, old); err != nil {
		t.Fatal(err)
	}
	if err := m.load(dir, now); err != nil {
		t.Fatal(err)
	}
	if m.note("http://a.cn/sitemap.xml") != "" || m.note("http://b.cn/sitemap.xml") != sitemapAbsent {
		t.Errorf("expired entry taken or a fresh one lost: %v", m.byURL)
	}
	if err := os.WriteFile(filepath.Join(dir, sitemapFile), []byte("\x00garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := newNoSitemaps().load(dir, now); err == nil || !strings.Contains(err.Error(), filepath.Join(dir, sitemapFile)) {
		t.Errorf("damaged sitemaps file: error %v, want one naming the file", err)
	}
}
