package crawl

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestPageFunctionCalls(t *testing.T) {
	tests := []struct {
		name, script, link, want string
	}{
		{"concatenation", `function goPage(n){ location.href = "list_" + n + ".html"; }`, `<a href="javascript:goPage(3)">3</a>`, "list_3.html"},
		{"onclick, string argument", `function toPage(p, col) { window.location = '/col/' + col + '/index_' + p + '.shtml'; }`,
			`<a href="#" onclick="toPage(2, 'wmcj'); return false;">2</a>`, "/col/wmcj/index_2.shtml"},
		{"local variable", `function gotoPage(page){ var url = "news.asp?page=" + page; document.location.href = url; }`, `<a onclick="gotoPage(5)">5</a>`, "news.asp?page=5"},
		{"index from zero", `function jump(n) { location.replace("index_" + (n - 1) + ".html"); }`, `<a href="javascript:jump(2);">2</a>`, "index_1.html"},
		{"window.open", `function openPage(n){window.open("list.jsp?pageNo="+n)}`, `<a href="javascript:openPage(7)">7</a>`, "list.jsp?pageNo=7"},
		{"reads a form field", `function goPage(n){ document.forms[0].page.value = n; document.forms[0].submit(); }`, `<a href="javascript:goPage(2)">2</a>`, ""},
		{"the page's own path", `function goPage(n){ location.href = location.pathname + "?p=" + n; }`, `<a href="javascript:goPage(2)">2</a>`, "/xwzx/list.php?p=2"},
		{"the page's path in a variable", `function goPage(n){ var base = window.location.pathname; window.location.href = base + "?page=" + (n - 1); }`, `<a href="javascript:goPage(3)">3</a>`, "/xwzx/list.php?page=2"},
		{"reads the page's query", `function goPage(n){ location.href = location.pathname + location.search + "&p=" + n; }`, `<a href="javascript:goPage(2)">2</a>`, ""},
		{"argument guarded", `function goPage(n){ if (n < 1) n = 1; location.href = "list_" + n + ".html"; }`, `<a href="javascript:goPage(2)">2</a>`, ""},
		{"not defined", ``, `<a href="javascript:goPage(2)">2</a>`, ""},
		{"a row's onclick", `function showInfo(id){ window.location.href = "/xwzx/2024/" + id + ".html"; }`,
			`<table><tr onclick="showInfo(163)"><td>标题</td><td>2024-05-12</td></tr></table>`, "/xwzx/2024/163.html"},
		{"a list item's onclick, window.open", `function openDetail(id) { var u = "detail.jsp?id=" + id; window.open(u, "_blank"); }`,
			`<ul><li onclick="openDetail('a5')">标题</li></ul>`, "detail.jsp?id=a5"},
		{"a tab's onclick, no navigation", `function showTab(n){ document.getElementById("tab" + n).style.display = "block"; }`,
			`<div class="tabs"><span onclick="showTab(2)">通知公告</span></div>`, ""},
		{"argument not literal", `function goPage(n){ location.href = "list_" + n + ".html"; }`, `<a href="javascript:goPage(this.value)">2</a>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := `<html><head><script>` + tt.script + `</script></head><body>` + tt.link + `</body></html>`
			wantLink(t, linksIn(t, page, "http://www.xx.gov.cn/xwzx/list.php?p=1"), tt.want)
		})
	}
}

// FuzzPageFunctionCalls runs a page's function and a link's call through
// the reading of page functions: no input may panic, and a URL given is
// trimmed and not empty.
func FuzzPageFunctionCalls(f *testing.F) {
	f.Add(`function goPage(n){ location.href = "list_" + n + ".html"; }`, `javascript:goPage(3)`)
	f.Add(`function jump(n) { var u = "index_" + (n - 1) + ".html"; location.replace(u); }`, `javascript:jump(2);`)
	f.Add(`function f(a,b){ window.open('/x/' + b + a) } function f(`, `javascript:f('1', 2)`)
	f.Fuzz(func(t *testing.T, script, href string) {
		c, ok := callOf(&html.Node{Type: html.ElementNode, Data: "a", Attr: []html.Attribute{{Key: "href", Val: href}}})
		if !ok {
			return
		}
		funcs := pageFuncs{}
		addFunctions(funcs, script, map[string]bool{c.name: true})
		if u := funcs.call(c, nil); u != "" && u != strings.TrimSpace(u) {
			t.Errorf("URL %q not trimmed", u)
		}
	})
}

func TestSplitPlus(t *testing.T) {
	for _, tc := range []struct {
		expr string
		want []string
	}{
		{`'/list_' + n + '.html'`, []string{`'/list_' `, ` n `, ` '.html'`}},
		{`'a+b' + (n + 1)`, []string{`'a+b' `, ` (n + 1)`}},
		{`'it\'s+' + n`, []string{`'it\'s+' `, ` n`}}, // an escaped quote does not end the string
		{`"a\\" + n`, []string{`"a\\" `, ` n`}},
	} {
		if got := splitPlus(tc.expr); !slices.Equal(got, tc.want) {
			t.Errorf("splitPlus(%s) = %q, want %q", tc.expr, got, tc.want)
		}
	}
}
