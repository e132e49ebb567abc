package crawl

import (
	"net/http"
	"testing"

	"github.com/wenming-archive/wenming/internal/article"
)

// TestChildSitesInScriptArray: a homepage whose member sites are data of
// an inline script — an array of name and address pairs and an array of
// objects, written into an empty menu when the script runs — has those
// sites as children; a script's other URLs (a statistics host, a news
// site named without 文明, a pop-up opened with its window name) make none.
func TestChildSitesInScriptArray(t *testing.T) {
	srv, hits := pageWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		switch r.Host + r.URL.Path {
		case "top.wenming.test/":
			page("顶层文明网", `<div class="sjwm"><h3>市级文明网</h3><ul id="list"></ul><script>`+
				`var sites = [["锦州文明网", "http://jinz.wenming.test/"], ["日报", "http://www.daily.test/"]];`+
				`var more = [{name: '朝阳文明网', url: 'http://cy.wenming.test/index.html'}];`+
				`var hm = "https://hm.stats.test/hm.js?abc";`+
				`function pop() { window.open("http://zt.wenming.test/", "_blank"); }`+
				`for (var i = 0; i < sites.length; i++) document.getElementById("list").innerHTML += '<li><a href="' + sites[i][1] + '">' + sites[i][0] + '</a></li>';</script></div>`)
		case "jinz.wenming.test/", "cy.wenming.test/", "cy.wenming.test/index.html", "www.daily.test/":
			page("首页", `<ul><li><a href="/a/1.html">文章</a></li></ul>`)
		case "jinz.wenming.test/a/1.html", "cy.wenming.test/a/1.html":
			page("文章", numberedArticle(r.Host))
		default:
			http.NotFound(w, r)
		}
	})
	var sink urlSink
	c, _ := runTestCrawl(t, srv.URL, Options{Workers: 2}, sink.store)
	for host, name := range map[string]string{"jinz.wenming.test": "锦州文明网", "cy.wenming.test": "朝阳文明网"} {
		e, ok := c.sites.get(host)
		switch {
		case !ok:
			t.Errorf("%s, listed in the homepage's script, not found (requests %v)", host, hits.hits)
			continue
		case e.Site.Name != name || e.Site.Level != article.Province:
			t.Errorf("%s is %q at level %s, want %s at %s", host, e.Site.Name, e.Site.Level, name, article.Province)
		}
		if sink.get("http://"+host+"/a/1.html") == nil {
			t.Errorf("%s: its article not archived", host)
		}
	}
	for _, host := range []string{"www.daily.test", "hm.stats.test", "zt.wenming.test"} {
		if c.sites.known(host) {
			t.Errorf("%s, a script's other URL, became a site", host)
		}
	}
}
