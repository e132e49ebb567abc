package crawl

import (
	"io"
	"net/http"
	"testing"

	"github.com/wenming-archive/wenming/internal/article"
)

// TestMovedChildSite crawls a county site whose address in its parent's
// link block redirects to the domain it moved to: the site is crawled
// there, as the same site of the hierarchy, also in a later run that meets
// the old address again; a page that is no homepage redirecting off the
// hierarchy moves nothing. The move is followed at its first answer,
// with retries on as the shipped config has them: a redirect the crawl
// stops at to follow is no failure to try again.
func TestMovedChildSite(t *testing.T) {
	srv, hits := robotlessWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		switch r.Host + r.URL.Path {
		case "top.wenming.test/":
			page("顶层文明网", `<div class="links">下级文明网站：<ul><li><a href="http://old.wenming.test/">某县文明网</a></li><li><a href="http://stub.wenming.test/">另县文明网</a></li></ul></div>`+
				`<ul><li><a href="/a/1.html">文章1</a></li><li><a href="/go/elsewhere.html">专题</a></li></ul>`)
		case "top.wenming.test/a/1.html":
			page("文章", numberedArticle("top1"))
		case "top.wenming.test/go/elsewhere.html":
			http.Redirect(w, r, "http://portal.other.test/", http.StatusFound)
		case "old.wenming.test/":
			http.Redirect(w, r, "http://www.newwm.test/wmw/index.html", http.StatusMovedPermanently)
		case "www.newwm.test/":
			http.Redirect(w, r, "/wmw/", http.StatusFound)
		case "www.newwm.test/wmw/", "www.newwm.test/wmw/index.html":
			page("某县文明网", `<ul><li><a href="../a/2.html">文章2</a></li></ul>`)
		case "stub.wenming.test/":
			io.WriteString(w, `<html><head><meta http-equiv="refresh" content="0;url=http://www.stubwm.test/"></head><body></body></html>`)
		case "www.stubwm.test/":
			page("另县文明网", `<ul><li><a href="/a/3.html">文章3</a></li></ul>`)
		case "www.stubwm.test/a/3.html":
			page("文章", numberedArticle("stub3"))
		case "www.newwm.test/a/2.html":
			page("文章", numberedArticle("new2"))
		default:
			http.NotFound(w, r)
		}
	})
	state := t.TempDir()
	run := func() (*Crawler, Summary, *urlSink) {
		var sink urlSink
		c, sum := runInState(t, srv.URL, state, Options{Workers: 2, Retries: 4}, sink.store)
		return c, sum, &sink
	}
	for i, name := range []string{"first run", "later run"} {
		c, sum, got := run()
		a := got.get("http://www.newwm.test/a/2.html")
		if a == nil {
			t.Fatalf("%s: the moved site's article not archived (requests %v)", name, hits.hits)
		}
		var chain []string
		for _, s := range a.Lineage {
			chain = append(chain, s.Host+" "+s.Name)
		}
		if len(chain) != 2 || chain[0] != "top.wenming.test 顶层文明网" || chain[1] != "www.newwm.test 某县文明网" {
			t.Errorf("%s: lineage %q, want the top site then the moved site at its new host", name, chain)
		}
		if n := sum.Sites[article.Province]; n != 2 {
			t.Errorf("%s: %d sites at the child level, want 2 (each moved site once)", name, n)
		}
		if got.get("http://www.stubwm.test/a/3.html") == nil {
			t.Errorf("%s: the article of the site whose homepage refreshes to its new domain not archived", name)
		}
		if len(sum.Errors) != 1 || sum.Errors[KindRedirect] != 1 {
			t.Errorf("%s: errors %v %v, want the one redirect out of the hierarchy (requests %v)", name, sum.Errors, sum.ErrorSamples, hits.hits)
		}
		if c.sites.known("portal.other.test") {
			t.Errorf("%s: a page's redirect off the hierarchy made its target a site", name)
		}
		if e, _ := c.sites.get("old.wenming.test"); e.MovedTo != "www.newwm.test" {
			t.Errorf("%s: the old host's entry says moved to %q", name, e.MovedTo)
		}
		if n := hits.requests("old.wenming.test/"); n != i+1 {
			t.Errorf("%s: the moved site's old homepage fetched %d times over the runs, want once a run", name, n)
		}
		if n := hits.hits["www.newwm.test/a/2.html"]; n != i+1 {
			t.Errorf("%s: the moved site's article fetched %d times over the runs", name, n)
		}
	}
}
