package crawl

import (
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/wenming-archive/wenming/internal/extract"
)

// corpusDir holds the shared corpora (../shared/corpus/extract), outside
// the repository; tests that read it skip when it is absent.
const corpusDir = "../../../shared/corpus/extract"

// anchorsByGoquery is how anchorsOf read a page's links before it walked
// the tree itself: goquery's selection of a[href], area[href].
func anchorsByGoquery(doc *extract.Document, home bool) (anchors []anchor, capped int) {
	base := doc.Base()
	if base == nil {
		return nil, 0
	}
	baseURL, err := urlParser.Parse(base.String())
	if err != nil {
		return nil, 0
	}
	lb := newLinkBase(baseURL)
	var calls []*goquery.Selection
	add := func(s *goquery.Selection, href string) {
		if len(anchors) >= maxLinksPerPage {
			capped++
			return
		}
		href = strings.TrimSpace(href)
		if href == "" || strings.HasPrefix(href, "#") {
			return
		}
		abs, err := lb.resolve(href)
		if err != nil {
			return
		}
		text := strings.TrimSpace(s.Text())
		if text == "" { // a picture's name: the link's title, an area's alt, its image's alt or title
			switch img := s.Find("img").First(); {
			case strings.TrimSpace(s.AttrOr("title", "")) != "":
				text = strings.TrimSpace(s.AttrOr("title", ""))
			case goquery.NodeName(s) == "area":
				text = strings.TrimSpace(s.AttrOr("alt", ""))
			case strings.TrimSpace(img.AttrOr("alt", "")) != "":
				text = strings.TrimSpace(img.AttrOr("alt", ""))
			default:
				text = strings.TrimSpace(img.AttrOr("title", ""))
			}
		}
		a := anchor{URL: abs, Text: text, Frame: goquery.NodeName(s) == "frame" || goquery.NodeName(s) == "iframe"}
		if home && isRootURL(a.URL) {
			a.InBlock, a.InLinks = inSiteBlock(s)
		}
		anchors = append(anchors, a)
	}
	var each func(_ int, s *goquery.Selection)
	each = func(_ int, s *goquery.Selection) {
		if goquery.NodeName(s) == "script" {
			// A data island: its markup's links, in its place.
			typ, _ := s.Attr("type")
			if !islandTypes[strings.ToLower(strings.TrimSpace(typ))] {
				return
			}
			text := strings.ReplaceAll(strings.ReplaceAll(s.Text(), "<![CDATA[", ""), "]]>", "")
			island, err := goquery.NewDocumentFromReader(strings.NewReader("<div>" + text + "</div>"))
			if err == nil {
				island.Find("a[href], area[href]").Each(each)
			}
			return
		}
		if goquery.NodeName(s) == "select" {
			// A jump menu: its options' values.
			if js, _ := s.Attr("onchange"); jumpScript(js) {
				expr := chosenExpr(js)
				s.Find("option").Each(func(_ int, o *goquery.Selection) {
					if u, ok := optionTarget(expr, o.Get(0)); ok {
						add(o, u)
					}
				})
			}
			return
		}
		if s.ParentsFiltered("select").FilterFunction(func(_ int, sel *goquery.Selection) bool {
			js, _ := sel.Attr("onchange")
			return jumpScript(js)
		}).Length() > 0 {
			return // read as the menu's option, or inside one
		}
		href, ok := targetByGoquery(s)
		if noURL(href) {
			if t := dataByGoquery(s); t != "" {
				add(s, t)
				return
			}
			if _, isCall := callOf(s.Get(0)); isCall {
				// A call of a page function: read after the page's links.
				calls = append(calls, s)
				return
			}
		}
		if ok {
			add(s, href)
		}
	}
	gdoc := goquery.NewDocumentFromNode(doc.Root())
	gdoc.Find("a[href], area[href], frame[src], iframe[src], [onclick], [data-href], [data-url], [data-link], [data-next], select[onchange], script").Each(each)
	funcs, names := pageFuncs{}, map[string]bool{}
	for _, s := range calls {
		c, _ := callOf(s.Get(0))
		names[c.name] = true
	}
	gdoc.Find("script:not([src])").Each(func(_ int, s *goquery.Selection) { addFunctions(funcs, s.Text(), names) })
	for _, s := range calls {
		c, _ := callOf(s.Get(0))
		if u := funcs.call(c, doc.URL()); u != "" {
			add(s, u)
		}
	}
	return anchors, capped
}

// dataByGoquery is the URL s keeps in a data-href, data-url, data-link or
// data-next attribute (the first in the element's order), read with
// goquery; a resource's (a style, an image …) none.
func dataByGoquery(s *goquery.Selection) string {
	switch goquery.NodeName(s) {
	case "style", "link", "meta", "img", "image", "picture", "source", "video", "audio", "track", "embed", "object", "use":
		return ""
	}
	for _, at := range s.Get(0).Attr {
		switch at.Key {
		case "data-href", "data-url", "data-link", "data-next":
			if optionURL(at.Val) {
				return strings.TrimSpace(at.Val)
			}
		}
	}
	return ""
}

// targetByGoquery is where the element s leads, read with goquery: a
// link's href, or where the script of its javascript: or empty href or of
// its onclick handler goes; any other element's onclick target.
func targetByGoquery(s *goquery.Selection) (string, bool) {
	onclick, _ := s.Attr("onclick")
	switch goquery.NodeName(s) {
	case "frame", "iframe":
		return s.Attr("src")
	case "a", "area":
		href, ok := s.Attr("href")
		h := strings.TrimSpace(href)
		switch {
		case h != "" && !strings.HasPrefix(h, "#") && !scriptOrMail(h):
			return href, true
		case scriptOrMail(h) && navTarget(h) != "":
			return navTarget(h), true
		case navTarget(onclick) != "":
			return navTarget(onclick), true
		}
		return href, ok
	}
	t := navTarget(onclick)
	return t, t != ""
}

// TestAnchorsMatchGoquery checks anchorsOf against goquery's selection (less
// the links anchorsOf counts but leaves out: javascript:, mailto:, tel:) on
// every page of the shared corpora and on a page of our own, read as
// another page and, our own, also as a homepage (whose root links are
// placed in their blocks: slow on the corpus's largest pages).
func TestAnchorsMatchGoquery(t *testing.T) {
	pages := map[string][]byte{
		"own/nested.html": []byte(`<!DOCTYPE html><!-- c --><html><body><a href=" /a ">A <b>bold</b> <i>x</i></a>
<svg><a href="/svg">svg link</a></svg><map><area href="/area" alt="area"></map><a>no href</a><a href="#top">top</a>
<a href="/x" href="/y">first href</a><template><a href="/tpl">in template</a></template>
<div>友情链接 <a href="http://www.hbwmw.gov.cn/">河北文明网</a><a href="http://www.xtwmw.gov.cn">邢台文明网</a></div>
<table><tr><td><a href=/cell>cell</a></td></tr></table><a href="javascript:void(0)">js</a><a href="http://[::1">bad</a>
<div id="46263"><script type="text/xml"><datastore><recordset><record><![CDATA[<li><a href="/art/2024/5/12/art_1229_1.html" target="_blank">县文明办召开工作推进会</a><span>2024-05-12</span></li>]]></record>
<record><![CDATA[<li><a href="/art/2024/5/10/art_1229_2.html">志愿服务进社区</a></li>]]></record></recordset></datastore></script></div>
<script>document.write('<a href="/js-written.html">not read</a>')</script><script type="application/ld+json">{"url": "/ld.html", "href": "/ld-href.html"}</script>
<script type="text/template"><a href="/tpl-script">template link</a></script>
<table><tr onclick="location.href='show.asp?id=5'"><td>行内链接</td></tr></table><a href="javascript:;" onclick="window.location = 'index_2.html'">下一页</a>
<a href="javascript:window.open('/open.html')">open</a><a onclick="goPage(3)">3</a><a href="#" onclick="self.location.href='/hash.html'">hash</a>
<select onchange="MM_jumpMenu('parent',this,0)"><option>—市县文明网—</option><optgroup label="市"><option value="http://xt.wenming.cn/">邢台文明网</option></optgroup><option value="0">0</option></select>
<iframe src="/list/frame.html"></iframe><iframe src="about:blank"></iframe><iframe>no src</iframe>
<script>function turnPage(n){ var u = "list_" + n + ".html"; window.location.href = u; }</script><a href="javascript:turnPage(4)">4</a>
<div class="item" data-href="/data-row.html"><p>行</p></div><a href="javascript:;" class="load-more" data-next="more.html?page=2">加载更多</a><a href="/h.html" data-url="/not-this.html">h</a>
<script>function showInfo(id){ window.location.href = "/info/" + id + ".html"; }</script><table><tr onclick="showInfo(7)"><td>行</td></tr></table><li data-url="3">3</li>
<select name="page" onchange="javascript:window.location='index.asp?page='+this.options[this.selectedIndex].value;"><option value="">请选择</option><option value="1" selected>1</option><option>2</option></select>
<select onchange="count(this.value)"><option value="/not-a-menu.html">x</option></select><span onclick="xhr.open('GET', '/api')">api</span></body></html>`),
	}
	err := filepath.WalkDir(corpusDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		pages[p] = b
		return err
	})
	if err != nil {
		t.Logf("corpus not read (%v): own pages only", err)
	}
	base, _ := url.Parse("http://www.wenming.cn/a/b/page.html")
	for name, raw := range pages {
		body, _, err := extract.Decode(raw, "")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		doc, err := extract.Parse(body, base)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		homes := []bool{false}
		if strings.HasPrefix(name, "own/") {
			homes = append(homes, true)
		}
		for _, home := range homes {
			got, gotCapped := anchorsOf(doc, home)
			want, wantCapped := anchorsByGoquery(doc, home)
			// anchorsOf counts javascript:, mailto: and tel: links, and
			// leaves them out.
			want = slices.DeleteFunc(want, func(a anchor) bool { return scriptOrMail(a.URL) })
			if gotCapped != wantCapped || !reflect.DeepEqual(got, want) {
				t.Errorf("%s (home %v): %d anchors (%d capped), goquery %d (%d)", name, home, len(got), gotCapped, len(want), wantCapped)
				for i := range min(len(got), len(want)) {
					if got[i] != want[i] {
						t.Errorf("first difference: %+v, goquery %+v", got[i], want[i])
						break
					}
				}
			}
		}
	}
	if len(pages) < 100 {
		t.Logf("%d pages compared", len(pages))
	}
}

// isPagerText agrees with the pager regexp: the texts of pagers (with the
// regexp's spaces around them) and texts that start like one but are not.
func TestIsPagerTextAgreesWithRegexp(t *testing.T) {
	texts := []string{
		"", " ", "1", " 12 ", "\t99999\n", "123456", "...5", "... 12", "..", ".x",
		"下一页", "下页", " 上一页 ", "后页", "前页", "首页", "尾页", "末页", "最后一页", "第一页",
		"›", "»»", ">", "> ", "next", "Next", "NEXT", "nexts", "Nextpage", "news",
		"第2页", " 第 12 页 ", "第123456页", "第2期", "第2页共5页",
		"下载", "上海", "首都", "第二页", "最新", "末", "文明实践活动", "Home", "\u00a01", "１",
		"\xff1", "1\xff", " \v1",
	}
	for _, text := range texts {
		if got, want := isPagerText(text), pagerText.MatchString(text); got != want {
			t.Errorf("isPagerText(%q) = %v; the regexp says %v", text, got, want)
		}
	}
}

// TestDataIslandLinks checks that the links of a column list whose entries
// sit in an XML data island (a 大汉 JCMS-style platform's <script
// type="text/xml"> records of HTML in CDATA) or in a client-side template
// are read, and that a script's own strings are not.
func TestDataIslandLinks(t *testing.T) {
	page := []byte(`<html><body><div class="nav"><a href="/">首页</a></div><div id="46263"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&columnid=1229"></a>]]></nextgroup><recordset>
<record><![CDATA[<li><a href="/art/2024/5/12/art_1229_1.html" target="_blank">县文明办召开工作推进会</a><span>2024-05-12</span></li>]]></record>
<record><![CDATA[<li><a href="art_1229_2.html">志愿服务进社区</a></li>]]></record>
</recordset></datastore></script></div>
<script>var s = '<a href="/js-written.html">x</a>'; document.write(s);</script>
<script type="application/ld+json">{"url": "/ld.html"}</script>
<script type="TEXT/HTML"><a href="/tpl.html">模板链接</a></script></body></html>`)
	base, _ := url.Parse("http://www.xx.gov.cn/col/col1229/index.html")
	doc, err := extract.Parse(page, base)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	anchors, _ := anchorsOf(doc, false)
	for _, a := range anchors {
		got[a.URL] = a.Text
	}
	want := map[string]string{
		"http://www.xx.gov.cn/":                                                    "首页",
		"http://www.xx.gov.cn/art/2024/5/12/art_1229_1.html":                       "县文明办召开工作推进会",
		"http://www.xx.gov.cn/col/col1229/art_1229_2.html":                         "志愿服务进社区",
		"http://www.xx.gov.cn/module/web/jpage/dataproxy.jsp?page=1&columnid=1229": "",
		"http://www.xx.gov.cn/tpl.html":                                            "模板链接",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("links %v,\nwant %v", got, want)
	}
}

// TestIslandPage checks that an XML answer carrying records of markup (a
// data island served alone, as a platform's data proxy answers a pager
// script) is read as a page holding that island, in its charset, and that
// other answers are not pages.
func TestIslandPage(t *testing.T) {
	records := `<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>2</totalrecord><recordset>` +
		`<record><![CDATA[<li><a href="/art/2024/5/12/art_1229_1.html">县文明办召开工作推进会</a></li>]]></record>` +
		`<record><![CDATA[<li><a href="art_1229_2.html">志愿服务进社区</a></li>]]></record></recordset></datastore>`
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(strings.Replace(records, "UTF-8", "GBK", 1))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"http://www.xx.gov.cn/art/2024/5/12/art_1229_1.html":    "县文明办召开工作推进会",
		"http://www.xx.gov.cn/module/web/jpage/art_1229_2.html": "志愿服务进社区",
	}
	tests := []struct {
		name, contentType, body string
		page                    bool
	}{
		{"text/xml", "text/xml;charset=UTF-8", records, true},
		{"application/xml", "application/xml", records, true},
		{"GBK in the header", "text/xml; charset=GBK", gbk, true},
		{"a feed", "application/rss+xml", records, false},
		{"no markup", "text/xml", `<datastore><totalrecord>0</totalrecord><recordset></recordset></datastore>`, false},
		{"JSON", "application/json", `{"html": "<![CDATA[<a href=\"/x.html\">x</a>]]>"}`, false},
	}
	base, _ := url.Parse("http://www.xx.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=16&endrecord=30")
	for _, tt := range tests {
		page, ok := islandPage(tt.contentType, []byte(tt.body))
		if ok != tt.page {
			t.Errorf("%s: page %v, want %v", tt.name, ok, tt.page)
			continue
		}
		if !ok {
			continue
		}
		doc, err := extract.Parse(page, base)
		if err != nil {
			t.Fatal(err)
		}
		anchors, _ := anchorsOf(doc, false)
		got := map[string]string{}
		for _, a := range anchors {
			got[a.URL] = a.Text
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: links %v, want %v", tt.name, got, want)
		}
	}
}
