package extract

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
)

func TestParseCounter(t *testing.T) {
	tests := []struct {
		kind, body string
		want       int64 // -1: error
	}{
		{KindDedeCMS, "document.write('456');", 456},
		{KindDedeCMS, "document.write(\"1,017\");\n", 1017},
		{KindEmpireCMS, "document.write('456');", 456},
		{KindEmpireCMS, "\ufeffdocument.write('1.2万');", 12000},
		{KindPHPCMS, "$('#todaydown').html('3');$('#weekdown').html('12');$('#monthdown').html('40');$('#hits').html('456');", 456},
		{KindPHPCMS, "$('#hits').html('789');", 789},
		{KindDiscuz, `{"uid":"0","viewnum":"1018","commentnum":"0"}`, 1018},
		{KindDiscuz, `{"viewnum":1018}`, 1018},
		{KindVSB, "890\n", 890},
		{KindVSB, "document.write(890)", 890},
		{KindDedeCMS, "document.write('');", -1},
		{KindDiscuz, `{"uid":"0"}`, -1},
		{KindVSB, "<html>error</html>", -1},
		{"wordpress", "12", -1},
		{KindLabelled, "document.write('1,234');", 1234},
		{KindLabelled, "$('#views').text('56');", 56},
		{KindLabelled, `{"hits": 78}`, 78},
		{KindLabelled, "90", 90},
		{KindLabelled, "alert('x')", -1},
		// An element's content set without jQuery.
		{KindLabelled, `document.getElementById("hits").innerHTML = "1,234";`, 1234},
		{KindLabelled, "document.getElementById('views').innerText='56'", 56},
		{KindLabelled, "var e=document.getElementById('c');\ne.textContent = 78;\n", 78},
		{KindLabelled, `document.getElementById("hits").innerHTML = "<b>90</b>";`, 90},
		{KindLabelled, `document.getElementById("hits").innerHTML = "暂无";`, -1},
		{KindPHPCMS, "document.getElementById('hits').innerHTML='345';", 345},
		{"jeecms", "[1017,3,0,0,0]", 1017},
		{"jeecms", "1017", -1}, // its script reads an array
	}
	for _, tc := range tests {
		got, err := ParseCounter(tc.kind, []byte(tc.body))
		switch {
		case tc.want < 0 && err == nil:
			t.Errorf("ParseCounter(%s, %q) = %d, want error", tc.kind, tc.body, *got)
		case tc.want >= 0 && err != nil:
			t.Errorf("ParseCounter(%s, %q): %v", tc.kind, tc.body, err)
		case tc.want >= 0 && *got != tc.want:
			t.Errorf("ParseCounter(%s, %q) = %d, want %d", tc.kind, tc.body, *got, tc.want)
		}
	}
	if _, err := ParseCounter(KindDedeCMS, []byte("nothing")); !errors.Is(err, ErrNoCount) {
		t.Errorf("error %v does not wrap ErrNoCount", err)
	}
}

func TestFindCounter(t *testing.T) {
	base, _ := url.Parse("http://www.example.gov.cn/news/2023/0322/12.html")
	tests := []struct {
		raw, kind, url string
	}{
		{`<script src="/plus/count.php?view=yes&amp;aid=123&amp;mid=1"></script>`, KindDedeCMS,
			"http://www.example.gov.cn/plus/count.php?view=yes&aid=123&mid=1"},
		{`<script src="http://www.example.gov.cn/api.php?op=count&id=123&modelid=1"></script>`, KindPHPCMS,
			"http://www.example.gov.cn/api.php?op=count&id=123&modelid=1"},
		{`<script src="/e/public/ViewClick/?classid=2&id=123&addclick=1"></script>`, KindEmpireCMS,
			"http://www.example.gov.cn/e/public/ViewClick/?classid=2&id=123&addclick=1"},
		{`浏览：<script>_showDynClicks("wbnews", 1234567, 890)</script>`, KindVSB,
			"http://www.example.gov.cn/system/resource/code/news/click/dynclicks.jsp?clickid=890&owner=1234567&clicktype=wbnews"},
		{`<script>var DYNAMICURL = 'portal.php?mod=view&aid=77';</script>`, KindDiscuz,
			"http://www.example.gov.cn/news/2023/0322/misc.php?mod=userstatus&type=article&typeid=77"},
		{`<script type="text/javascript">$(function() { Cms.attachment("", "12381", "1", "attach"); Cms.viewCount("", "12381"); });</script>`, "jeecms",
			"http://www.example.gov.cn/content_view.jspx?contentId=12381"},
		{`<script>Cms.viewCount("/cms/","77");</script>`, "jeecms", "http://www.example.gov.cn/cms/content_view.jspx?contentId=77"},
		{`<p>no counter</p>`, "", ""},
		// A CMS no rule knows: the script right after a view label.
		{`<span>发布时间：2023-03-22</span> <span>浏览次数：<script src="/count.asp?id=12&amp;t=1"></script>次</span>`, KindLabelled,
			"http://www.example.gov.cn/count.asp?id=12&t=1"},
		{`点击数: <span id="hits"><em><script type="text/javascript" src='../../hits.jsp?aid=5'></script></em></span>`, KindLabelled,
			"http://www.example.gov.cn/news/hits.jsp?aid=5"},
		{`阅读 <SCRIPT SRC=/c.php?i=3></SCRIPT>`, "", ""}, // upper-case tag: not looked for
		// The page's own script fills the element after the label with
		// what a handler answers (ASP.NET and jQuery templates).
		{`浏览次数：<span id="lblHits"></span></td></tr></table><script src="/js/jquery.js"></script>` +
			`<script type="text/javascript">$(function(){ $.get("/Ajax/Hits.ashx?ID=12&t=" + Math.random(), function(data){ $("#lblHits").html(data); }); });</script>`, KindLabelled,
			"http://www.example.gov.cn/Ajax/Hits.ashx?ID=12&t="},
		{`点击：<font id='hits'>0</font> 次<script>$('#hits').load('../count.aspx?id=5');</script>`, KindLabelled,
			"http://www.example.gov.cn/news/2023/count.aspx?id=5"},
		{`阅读：<span id="n"></span><script>var x = new XMLHttpRequest(); x.open("GET", "/hits.php?aid=9", true); x.onload = function(){ document.getElementById("n").innerHTML = x.responseText; }; x.send();</script>`, KindLabelled,
			"http://www.example.gov.cn/hits.php?aid=9"},
		// An element that shows its count, a script naming the element
		// with no URL before it, or a URL in another script, is not one.
		{`浏览次数：<span id="hits">120</span><script>$.get("/ajax/hits.ashx?id=1", function(){ $("#hits").addClass("x"); });</script>`, "", ""},
		{`浏览次数：<span id="hits"></span><script>$("#hits").text(window.hits);</script>`, "", ""},
		{`<script>$.get("/api/weather.ashx?city=1");</script>浏览次数：<span id="hits"></span><script>$("#hits").text(window.hits);</script>`, "", ""},
		// A script far from any label, or after a closed element, is not a count.
		{`<p>浏览次数：120</p><script src="/js/jquery.js"></script>`, "", ""},
		{`浏览次数：<span>120</span><script src="/js/share.js"></script>`, "", ""},
		{`<div class="nav">阅读</div><div><script src="/js/menu.js"></script></div>`, "", ""},
	}
	for _, tc := range tests {
		c := findCounter(indexRaw(tc.raw), base)
		if tc.kind == "" {
			if c != nil {
				t.Errorf("findCounter(%q) = %+v, want nil", tc.raw, c)
			}
			continue
		}
		if c == nil || c.Kind != tc.kind || c.URL != tc.url {
			t.Errorf("findCounter(%q) = %+v, want %s %s", tc.raw, c, tc.kind, tc.url)
		}
	}
}

// FuzzLabelledCounter checks that the labelled-counter scan, on any page,
// ends without a panic and returns a src the page holds.
func FuzzLabelledCounter(f *testing.F) {
	for _, s := range []string{
		`浏览次数：<script src="/count.asp?id=12"></script>`,
		`点击数: <span id="hits"><em><script type="text/javascript" src='../../hits.jsp?aid=5'></script></em></span>`,
		`阅读<script src=/c.php?i=3>`, `浏览：<script src="`, `浏览<script`, `<script src= >`, `访问量 <  <script src=x`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, page string) {
		if src := labelledCounter(indexRaw(page)); src != "" && !strings.Contains(page, src) {
			t.Errorf("labelledCounter(%q) = %q, not in the page", page, src)
		}
		attrValue(page, "src")
	})
}

// TestFilledCounter checks the counter of a page whose own script fills
// the element after the view label with one value of a JSON answer: the
// request's URL with its literal parameters, and the value the script
// writes there; nothing where the label's element is filled from no such
// request, or the request is not known in full.
func TestFilledCounter(t *testing.T) {
	base, _ := url.Parse("http://www.example.gov.cn/xwdt/12345.jhtml")
	script := func(s string) string { return `<script type="text/javascript">` + s + `</script>` }
	tests := []struct {
		name, raw, url, pick string
	}{
		{"JEECMS array, views first",
			`浏览次数：<span id="views"></span>` + script(`$(function(){ $.getJSON("/content_view.jspx", {contentId: 12345}, function(d){ $("#views").text(d[0]); $("#comments").text(d[1]); }); });`),
			"http://www.example.gov.cn/content_view.jspx?contentId=12345", "0"},
		{"the views element filled from the second value",
			`评论：<span id="comments"></span> 阅读：<em id="reads"></em>` + script(`jQuery.get('/stat.jsp?t=1', { 'id' : "12345", type: 'view' }, function(res) { $('#comments').html(res[0]); $('#reads').html(res[1]); });`),
			"http://www.example.gov.cn/stat.jsp?t=1&id=12345&type=view", "1"},
		{"an object's member, by the DOM",
			`点击量：<b id=hitCount>0</b>` + script(`$.getJSON('/api/hits', function (r) { document.getElementById("hitCount").innerHTML = r.views; });`),
			"http://www.example.gov.cn/api/hits", "views"},
		{"an object's member, quoted",
			`阅读量：<span id="pv"></span>` + script(`$.getJSON("hits.jspx", {id: 7}, function(o){ $("#pv").text(o["pv"]); });`),
			"http://www.example.gov.cn/xwdt/hits.jspx?id=7", "pv"},
		{"only the comment count is labelled",
			`评论(<span id="comments"></span>)` + script(`$.getJSON("/content_view.jspx", {contentId: 12345}, function(d){ $("#comments").text(d[1]); });`), "", ""},
		{"the labelled element filled by another answer",
			`浏览次数：<span id="views"></span>` + script(`$.getJSON("/a.jspx", {id: 1}, function(d){ var x = 3; }); $.getJSON("/b.jspx", function(e){ $("#views").text(d[0]); });`), "", ""},
		{"a parameter that is a variable",
			`浏览次数：<span id="views"></span>` + script(`$.getJSON("/content_view.jspx", {contentId: cid}, function(d){ $("#views").text(d[0]); });`), "", ""},
		{"a form post",
			`浏览次数：<span id="views"></span>` + script(`$.post("/content_view.jspx", {contentId: 12345}, function(d){ $("#views").text(d[0]); });`), "", ""},
		{"a label far before the element",
			`<div class="nav">阅读</div><div class="box"><h3>通知公告</h3><ul><li>城关镇召开会议</li></ul></div><span id="views"></span>` + script(`$.getJSON("/v.jspx", {id: 1}, function(d){ $("#views").text(d[0]); });`), "", ""},
	}
	for _, tc := range tests {
		c := findCounter(indexRaw(tc.raw), base)
		switch {
		case tc.url == "" && c != nil:
			t.Errorf("%s: counter %+v, want none", tc.name, c)
		case tc.url != "" && (c == nil || c.URL != tc.url || c.Pick != tc.pick || c.Kind != KindLabelled):
			t.Errorf("%s: counter %+v, want %s picking %q", tc.name, c, tc.url, tc.pick)
		}
	}
}

// TestCounterPick checks the value a Counter's Pick reads of a JSON
// answer, and that an answer without a count there is no count.
func TestCounterPick(t *testing.T) {
	tests := []struct {
		body, pick string
		want       int64 // -1: no count
	}{
		{"[1017,3,0,0]", "0", 1017},
		{"[1017,3,0,0]", "1", 3},
		{" \ufeff[1017,3]\n", "0", 1017},
		{`{"views":"1,234","comments":5}`, "views", 1234},
		{`{"pv":88}`, "pv", 88},
		{"[1017,3,0,0]", "7", -1},
		{`{"views":null}`, "views", -1},
		{`["a",3]`, "0", -1},
		{"[-5]", "0", -1},
		{"[1.5]", "0", -1},
		{"document.write('12')", "0", -1},
	}
	for _, tc := range tests {
		c := &Counter{URL: "http://www.example.gov.cn/v", Kind: KindLabelled, Pick: tc.pick}
		got, err := c.Parse([]byte(tc.body))
		switch {
		case tc.want < 0 && err == nil:
			t.Errorf("Parse(%q) picking %q = %d, want no count", tc.body, tc.pick, *got)
		case tc.want < 0 && !errors.Is(err, ErrNoCount):
			t.Errorf("Parse(%q) picking %q: error %v, want ErrNoCount", tc.body, tc.pick, err)
		case tc.want >= 0 && (err != nil || *got != tc.want):
			t.Errorf("Parse(%q) picking %q = %v, %v; want %d", tc.body, tc.pick, got, err, tc.want)
		}
	}
}

// FuzzFilledCounter checks that the scan for a counter the page's script
// fills in ends without a panic on any page, and returns a request URL
// the page holds.
func FuzzFilledCounter(f *testing.F) {
	for _, s := range []string{
		`浏览次数：<span id="views"></span><script>$.getJSON("/content_view.jspx", {contentId: 12345}, function(d){ $("#views").text(d[0]); });</script>`,
		`点击量：<b id=hitCount>0</b><script>$.getJSON('/api/hits', function (r) { document.getElementById("hitCount").innerHTML = r.views; });</script>`,
		`浏览：<i id="v"><script>$.get("/x?a=1", {b: 'c'}, function(d){ "}" ; $("#v").html(d["n"]); })`,
		`浏览<span id=">`, `浏览：<a id='x'>$.getJSON(`, `getJSON .get( 浏览：<p id=q>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, page string) {
		ref, _ := filledCounter(indexRaw(page))
		if base, _, _ := strings.Cut(ref, "?"); ref != "" && !strings.Contains(page, base) {
			t.Errorf("filledCounter(%q) = %q, not in the page", page, ref)
		}
	})
}

// TestAskedCounterBounded checks that a page's labelled elements are
// looked at up to maxFilled only: a hostile page of thousands of them
// (each a scan of the page for its id) costs a few passes, and a script
// filling the element after them is not found.
func TestAskedCounterBounded(t *testing.T) {
	var b strings.Builder
	for i := 0; i < maxFilled; i++ {
		fmt.Fprintf(&b, `<p>浏览：<span id="h%d"></span></p>`, i)
	}
	fill := `<p>浏览：<span id="hits"></span></p><script>$.get("/Ajax/Hits.ashx?ID=12", function(n){ $("#hits").html(n); })</script>`
	if got := askedCounter(indexRaw(fill)); got != "/Ajax/Hits.ashx?ID=12" {
		t.Fatalf("one labelled element: %q, want its script's URL", got)
	}
	if got := askedCounter(indexRaw(b.String() + fill)); got != "" {
		t.Errorf("after %d labelled elements: %q, want none looked for", maxFilled, got)
	}
}

// attrValueTags are start tags attrValue is asked of: cases, spaces,
// quotes, a name inside another attribute's value or name, unclosed ones.
var attrValueTags = []string{
	`<span ID="hits">`, `<span Id = 'hits'>`, `<div class="x">`, `<SCRIPT SRC="/a.js">`, `<p>`, "", "i", "=",
	`<a data-iD=1 id=2>`, "浏览ID", `<img sRc=x>`, `<a title="x id=5" id="7">`, `<a id>`, `<a id=>`, `<a id =`,
	`<a xid="1" id="2">`, "<a\tid\n=\n\"3\">", `<a id="4`, `<a id=5 >`, `<a id='  6  '>`, `id="7"`, ` id="8"`,
	`<script src = "/c.php?id=9" id="s">`, `<a href="?id=10&amp;x=1" id=11>`,
}

// TestAttrValue checks attrValue against the first match of the name,
// preceded by white space and followed by '=', in the lower-cased tag:
// how it read tags before it looked only before each '='.
func TestAttrValue(t *testing.T) {
	for _, tag := range attrValueTags {
		for _, name := range []string{"id", "src", "class"} {
			if got, want := attrValue(tag, name), attrValueScan(tag, name); got != want {
				t.Errorf("attrValue(%q, %q) = %q, want %q", tag, name, got, want)
			}
		}
	}
}

func FuzzAttrValue(f *testing.F) {
	for _, tag := range attrValueTags {
		f.Add(tag, "id")
	}
	f.Fuzz(func(t *testing.T, tag, name string) {
		name = asciiLower(name)
		if name == "" || strings.ContainsAny(name, "= \t\n\f\r") {
			return // attribute names, as the package asks them
		}
		if got, want := attrValue(tag, name), attrValueScan(tag, name); got != want {
			t.Errorf("attrValue(%q, %q) = %q, want %q", tag, name, got, want)
		}
	})
}

// attrValueScan is attrValue as it was: each match of name in the
// lower-cased tag in turn, taken when white space precedes it and '='
// follows it.
func attrValueScan(tag, name string) string {
	lower := asciiLower(tag)
	for from := 0; ; {
		i := strings.Index(lower[from:], name)
		if i < 0 {
			return ""
		}
		i += from
		from = i + len(name)
		if i == 0 || !isASCIISpace(tag[i-1]) {
			continue
		}
		j := from
		for j < len(tag) && isASCIISpace(tag[j]) {
			j++
		}
		if j >= len(tag) || tag[j] != '=' {
			continue
		}
		return valueAfterEquals(tag, j+1)
	}
}

// TestLabelledFrameCounter: a count shown in a frame right after the view
// label (访问次数：<iframe src="/count.aspx?id=12">, as older ASP and
// ASP.NET sites show it) is a counter the crawler asks, and the frame's
// page, whose text is the number, is its answer; a frame elsewhere, or a
// page that is more than a number, gives none.
func TestLabelledFrameCounter(t *testing.T) {
	base, _ := url.Parse("http://www.example.gov.cn/news/2024/12.html")
	for _, tc := range []struct{ raw, want string }{
		{`<p>发布时间：2024-05-10　访问次数：<iframe src="/count.aspx?id=12" width="60" height="16" frameborder="0" scrolling="no"></iframe></p>`, "http://www.example.gov.cn/count.aspx?id=12"},
		{`<p>点击：<span><iframe src='hits.asp?id=7'></iframe></span>次</p>`, "http://www.example.gov.cn/news/2024/hits.asp?id=7"},
		{`<p>浏览次数：356</p><iframe src="/ad.html"></iframe>`, ""},
		{`<p>来源：本站</p><iframe src="/count.aspx?id=12"></iframe>`, ""},
	} {
		c := findCounter(indexRaw(tc.raw), base)
		if got := ""; c != nil && c.Kind == KindLabelled {
			got = c.URL
			if got != tc.want {
				t.Errorf("findCounter(%q) = %s, want %q", tc.raw, got, tc.want)
			}
		} else if tc.want != "" {
			t.Errorf("findCounter(%q) = %+v, want %s", tc.raw, c, tc.want)
		}
	}
	for _, tc := range []struct {
		answer string
		want   int64 // -1: no count
	}{
		{"<html><head><title>计数</title><style>body{margin:0}</style></head><body>1234</body></html>", 1234},
		{"<HTML><BODY><font color=red>2,345</font>&nbsp;次</BODY></HTML>", 2345},
		{"<html><body><script>var x=1;</script>86</body></html>", 86},
		{"<html><head><title>404</title></head><body>页面不存在</body></html>", -1},
		{"<html><body>第3页 共 12 条</body></html>", -1},
	} {
		n, err := ParseCounter(KindLabelled, []byte(tc.answer))
		switch {
		case tc.want < 0 && err == nil:
			t.Errorf("ParseCounter(%q) = %d, want no count", tc.answer, *n)
		case tc.want >= 0 && (err != nil || *n != tc.want):
			t.Errorf("ParseCounter(%q) = %v, %v; want %d", tc.answer, n, err, tc.want)
		}
	}
}
