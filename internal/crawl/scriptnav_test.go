package crawl

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestNavTarget(t *testing.T) {
	tests := []struct{ js, want string }{
		{"location.href='show.asp?id=5'", "show.asp?id=5"},
		{`window.location = "index_2.html";`, "index_2.html"},
		{"javascript:window.open('/open.html','_blank')", "/open.html"},
		{"javascript:self.location.href='/a/'", "/a/"},
		{"open( 'list.php?page=2' )", "list.php?page=2"},
		{"location.replace('/m/')", "/m/"},
		{"goPage(3)", ""},                     // the page's own function: no URL
		{"xhr.open('GET', '/api/count')", ""}, // another object's open method
		{"window.location = this.value", ""},  // no literal
		{"javascript:void(0)", ""},
		// A literal a "+" continues is only the start of the URL.
		{"location.href='/info/' + id + '.html'", ""},
		{`window.open("detail.html?id=" +id)`, ""},
		{"location.replace('/m/' + lang)", ""},
		{"if (id) location.href = '/a/' + id; else location.href = '/a/';", "/a/"},
	}
	for _, tc := range tests {
		if got := navTarget(tc.js); got != tc.want {
			t.Errorf("navTarget(%q) = %q, want %q", tc.js, got, tc.want)
		}
	}
}

// TestScriptLinksCrawled crawls a site whose links are written as script:
// the child site is named only in a jump menu of friend sites, a list's
// rows open their articles by onclick, its pager is a javascript: link
// with an onclick, and one article is opened by a javascript: href. Every
// article is archived and the child site is found.
func TestScriptLinksCrawled(t *testing.T) {
	srv, hits := robotlessWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		switch r.Host + r.URL.Path {
		case "top.wenming.test/":
			page("顶层文明网", `<div class="links">友情链接：<select onchange="window.open(this.options[this.selectedIndex].value)">`+
				`<option value="">—下级文明网站—</option><option value="http://child.test/">下级文明网</option></select></div>`+
				`<table class="list"><tr onclick="location.href='/show.asp?id=1'"><td>文章1</td><td>2023-03-22</td></tr>`+
				`<tr onclick="location.href='/show.asp?id=2'"><td>文章2</td><td>2023-03-21</td></tr></table>`+
				`<div class="page"><a href="javascript:;" onclick="window.location='/list_2.html'">下一页</a></div>`)
		case "top.wenming.test/list_2.html":
			page("列表", `<ul><li><a href="javascript:window.open('/show.asp?id=3')">文章3</a></li></ul>`+
				`<script>function goPage(n){ location.href = "/list_" + n + ".html"; }</script><div class="page"><a href="javascript:goPage(3)">3</a></div>`)
		case "top.wenming.test/list_3.html":
			page("列表", `<ul><li><a href="/show.asp?id=6">文章6</a></li></ul>`)
		case "child.test/":
			page("下级文明网", `<div class="top"><a href="http://top.wenming.test/">顶层文明网</a></div>`+
				`<li><a href="#" onclick="self.location.href='/show.asp?id=4'">文章4</a></li>`)
		case "top.wenming.test/show.asp", "child.test/show.asp":
			page("文章", numberedArticle(r.Host+r.URL.Query().Get("id")))
		default:
			http.NotFound(w, r)
		}
	})
	c := crawlArchiving(t, srv, hits, "http://top.wenming.test/show.asp?id=1", "http://top.wenming.test/show.asp?id=2",
		"http://top.wenming.test/show.asp?id=3", "http://child.test/show.asp?id=4", "http://top.wenming.test/show.asp?id=6")
	if _, ok := c.sites.get("child.test"); !ok {
		t.Errorf("child site named only in a jump menu not found (requests %v)", hits.hits)
	}
	for k := range hits.hits {
		if strings.Contains(k, "this.") || strings.Contains(k, "javascript") {
			t.Errorf("requested %s: a script fragment taken as a URL", k)
		}
	}
}

// TestDataAttributeLinks checks that the URL a list row or a load-more
// button keeps in a data attribute for the site's script is read as its
// link, and that a link's own href, a handler's URL, other data
// attributes and values that are no URL are not overridden or taken.
func TestDataAttributeLinks(t *testing.T) {
	tests := []struct{ name, elem, want string }{
		{"row data-href", `<div class="item" data-href="/tzgg/content_5.html"><p>通知</p></div>`, "/tzgg/content_5.html"},
		{"row data-url", `<ul><li data-url="content_5.html" class="news">标题</li></ul>`, "content_5.html"},
		{"data-link", `<div data-link=" /a/b.html ">x</div>`, "/a/b.html"},
		{"load-more button", `<a href="javascript:;" class="load-more" data-next="more.html?page=2">加载更多</a>`, "more.html?page=2"},
		{"load-more without href", `<button class="more" data-url="/list/2.html">加载更多</button>`, "/list/2.html"},
		{"href wins", `<a href="/real.html" data-url="/other.html">x</a>`, "/real.html"},
		{"handler wins", `<ul><li onclick="location.href='/b.html'" data-url="/c.html">x</li></ul>`, "/b.html"},
		{"not a URL", `<ul><li data-url="2">2</li></ul>`, ""},
		{"script", `<div data-href="javascript:void(0)">x</div>`, ""},
		{"fragment", `<div data-href="#top">x</div>`, ""},
		{"another data attribute", `<img data-src="/img/a.jpg"><span data-path="/x/y.html">x</span>`, ""},
		{"a resource's", `<style data-href="/fonts/icons.woff2"></style><img data-url="/upload/a.jpg"><link rel="preload" data-href="/css/a.css">`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantLink(t, linksIn(t, `<html><body>`+tt.elem+`</body></html>`, ""), tt.want)
		})
	}
}

// linksIn returns the links the crawler reads in page, an HTML page at
// pageURL ("": unknown), in the order eachLinkAt gives them.
func linksIn(t *testing.T, page, pageURL string) []string {
	t.Helper()
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var at *url.URL
	if pageURL != "" {
		if at, err = url.Parse(pageURL); err != nil {
			t.Fatal(err)
		}
	}
	var links []string
	eachLinkAt(root, at, func(n *html.Node, href string) { links = append(links, href) })
	return links
}

// wantLink checks that of links those that are URLs (noURL) are want
// alone, or none where want is "".
func wantLink(t *testing.T, links []string, want string) {
	t.Helper()
	got := slices.DeleteFunc(links, noURL)
	switch {
	case want == "" && len(got) > 0:
		t.Errorf("links %q, want none", got)
	case want != "" && (len(got) != 1 || got[0] != want):
		t.Errorf("links %q, want %q", got, want)
	}
}

// TestJumpMenuTargets checks the URLs a jump menu's options go to: their
// values where the handler goes to the value, and the handler's URL made
// with the value where it puts the chosen value into one (the page-number
// menus of ASP-era CMS pagers); an option without a value and a handler
// reading what the page alone knows give none.
func TestJumpMenuTargets(t *testing.T) {
	tests := []struct {
		name, menu string
		want       []string
	}{
		{"values are URLs", `<select onchange="location.href=this.value"><option value="">请选择</option><option value="./">1</option><option value="list_2.html">2</option></select>`,
			[]string{"./", "list_2.html"}},
		{"page number into the list's URL", `<select name="page" onchange="javascript:window.location='index.asp?page='+this.options[this.selectedIndex].value;"><option value="1" selected>1</option><option value="2">2</option></select>`,
			[]string{"index.asp?page=1", "index.asp?page=2"}},
		{"prefix and suffix", `<select onchange="location.href='list_' + this.value + '.html'"><option value="">--</option><option value="2">第2页</option></select>`,
			[]string{"list_2.html"}},
		{"option without a value", `<select onchange="window.location='?page='+this.value"><option> 3 </option></select>`, []string{"?page=3"}},
		{"window.open", `<select onchange="window.open('/col/'+this.value+'/')"><option value="wmcj">文明创建</option></select>`, []string{"/col/wmcj/"}},
		{"a name the page alone knows", `<select onchange="location.href=base+this.value"><option value="2">2</option></select>`, nil},
		{"no jump menu", `<select onchange="count('p'+this.value)"><option value="/a.html">a</option></select>`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := linksIn(t, `<html><body>`+tt.menu+`</body></html>`, ""); !slices.Equal(got, tt.want) {
				t.Errorf("links %q, want %q", got, tt.want)
			}
		})
	}
}
