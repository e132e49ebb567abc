package htmltree_test

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/wenming-archive/wenming/internal/extract/htmltree"
	"github.com/wenming-archive/wenming/internal/proctest"
)

// renderBody renders the children of the tree's <body>.
func renderBody(t testing.TB, root *html.Node) string {
	t.Helper()
	body := find(root, atom.Body)
	if body == nil {
		t.Fatal("no body")
	}
	return renderChildren(t, body)
}

func renderChildren(t testing.TB, n *html.Node) string {
	t.Helper()
	var buf bytes.Buffer
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if err := html.Render(&buf, c); err != nil {
			t.Fatal(err)
		}
	}
	return buf.String()
}

// find returns the first element a in document order.
func find(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if x := find(c, a); x != nil {
			return x
		}
	}
	return nil
}

// ruleCases are the tree-building rules, each with the body it gives.
// Unless differs says why, golang.org/x/net/html gives the same tree.
var ruleCases = []struct {
	name, in, want string
	differs        string
}{
	// Void elements.
	{"void br", "a<br>b<br/>c", "a<br/>b<br/>c", ""},
	{"void img input hr", `<img src=a.png>x<input name=q>y<hr>z`, `<img src="a.png"/>x<input name="q"/>y<hr/>z`, ""},
	{"void takes no children", "<br>text</br>", "<br/>text<br/>", ""},
	{"void self-closing ignored on div", "<div/>a", "<div>a</div>", ""},

	// Implied end tags.
	{"p closed by div", "<p>a<div>b</div>", "<p>a</p><div>b</div>", ""},
	{"p closed by p", "<p>a<p>b", "<p>a</p><p>b</p>", ""},
	{"p closed by heading and list", "<p>a<h2>b</h2><p>c<ul><li>d</ul>", "<p>a</p><h2>b</h2><p>c</p><ul><li>d</li></ul>", ""},
	{"p closed through inline", "<p><span>a<div>b", "<p><span>a</span></p><div>b</div>", ""},
	{"table closes p", "<!DOCTYPE html><p>a<table><tr><td>b</table>", "<p>a</p><table><tbody><tr><td>b</td></tr></tbody></table>", ""},
	{"table in p in quirks mode", "<p>a<table><tr><td>b</table>", "<p>a<table><tbody><tr><td>b</td></tr></tbody></table></p>", ""},
	{"heading closes heading", "<h1>a<h2>b</h2>", "<h1>a</h1><h2>b</h2>", ""},
	{"li closes li", "<ul><li>a<li>b</ul>", "<ul><li>a</li><li>b</li></ul>", ""},
	{"li closes li through span", "<ul><li><span>a<li>b</ul>", "<ul><li><span>a</span></li><li>b</li></ul>", ""},
	{"li nested list", "<ul><li>a<ul><li>b</ul><li>c</ul>", "<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>", ""},
	{"dt dd", "<dl><dt>a<dd>b<dt>c<dd>d</dl>", "<dl><dt>a</dt><dd>b</dd><dt>c</dt><dd>d</dd></dl>", ""},
	{"td closes td", "<table><tr><td>a<td>b<th>c</table>", "<table><tbody><tr><td>a</td><td>b</td><th>c</th></tr></tbody></table>", ""},
	{"tr closes tr", "<table><tr><td>a<tr><td>b</table>", "<table><tbody><tr><td>a</td></tr><tr><td>b</td></tr></tbody></table>", ""},
	{"sections", "<table><thead><tr><th>h<tbody><tr><td>b<tfoot><tr><td>f</table>",
		"<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>b</td></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>", ""},
	{"td without tr", "<table><td>a</table>", "<table><tbody><tr><td>a</td></tr></tbody></table>", ""},
	{"col", "<table><col width=1><tr><td>a</table>", `<table><colgroup><col width="1"/></colgroup><tbody><tr><td>a</td></tr></tbody></table>`, ""},
	{"caption", "<table><caption>c<tr><td>a</table>", "<table><caption>c</caption><tbody><tr><td>a</td></tr></tbody></table>", ""},
	{"table closes table", "<table><tr><td>a<table><tr><td>b</table></table>", "<table><tbody><tr><td>a<table><tbody><tr><td>b</td></tr></tbody></table></td></tr></tbody></table>", ""},
	{"option closes option", "<select><option>a<option>b</select>", "<select><option>a</option><option>b</option></select>", ""},
	{"stray td ignored", "<div><td>a</td></div>", "<div>a</div>", ""},

	// End tags.
	{"end tag pops to its element", "<div><span>a</div>b", "<div><span>a</span></div>b", ""},
	{"end tag ignored past a block", "<span>a<div>b</span>c</div>", "<span>a<div>bc</div></span>", ""},
	{"end tag ignored past a cell", "<div><table><tr><td>a</div>b</td></tr></table>c</div>", "<div><table><tbody><tr><td>ab</td></tr></tbody></table>c</div>", ""},
	{"cell end closes blocks in it", "<table><tr><td><div>a</td><td>b</table>", "<table><tbody><tr><td><div>a</div></td><td>b</td></tr></tbody></table>", ""},
	{"unknown end tag", "<x-y>a<o:p>b</o:p>c</x-y>d", "<x-y>a<o:p>b</o:p>c</x-y>d", ""},
	{"stray p end tag", "a</p>b", "a<p></p>b", ""},
	{"stray br end tag", "a</br>b", "a<br/>b", ""},
	{"stray end tags merge text", "a</span></div>b", "ab", ""},
	{"heading end closes any heading", "<h1>a</h2>b", "<h1>a</h1>b", ""},
	{"form end leaves blocks open", "<form><div>a</form>b</div>c", "<form><div>ab</div></form>c", ""},
	{"body end and after", "<p>a</body>b</html>c", "<p>abc</p>", ""},

	// Formatting elements.
	{"formatting reopened", "<p><b>a</p>b", "<p><b>a</b></p><b>b</b>", ""},
	{"adoption agency", "<b>1<p>2</b>3</p>", "<b>1</b><p><b>2</b>3</p>", ""},
	{"a closes a", `<a href=1>x<a href=2>y`, `<a href="1">x</a><a href="2">y</a>`, ""},
	{"a around block", `<a href=1><div>x</div></a>y`, `<a href="1"><div>x</div></a>y`, ""},
	{"font misnested", `<font color=red><p>a</font>b</p>`, `<font color="red"></font><p><font color="red">a</font>b</p>`, ""},

	// Foster parenting.
	{"text before table", "<table>x<tr><td>y</table>", "x<table><tbody><tr><td>y</td></tr></tbody></table>", ""},
	{"element before table", "<table><div>x</div><tr><td>y</table>", "<div>x</div><table><tbody><tr><td>y</td></tr></tbody></table>", ""},
	{"space stays in table", "<table> <tr> <td>y</table>", "<table> <tbody><tr> <td>y</td></tr></tbody></table>", ""},
	{"form in table", "<table><form><tr><td><input></table>", "<table><form></form><tbody><tr><td><input/></td></tr></tbody></table>", ""},

	// Raw text.
	{"script", `<body><script>if (a<b) document.write("</div>")</script>x`, `<script>if (a<b) document.write("</div>")</script>x`, ""},
	{"script escape", `<body><script><!--document.write("<script></script>")--></script>x`, `<script><!--document.write("<script></script>")--></script>x`, ""},
	{"style", "<body><style>p>a{}</STYLE >x", "<style>p>a{}</style>x", ""},
	{"textarea", "<textarea>\n&lt;b&gt;</textarea>", "<textarea>&lt;b&gt;</textarea>", ""},
	{"title in body", "<p><title>a&amp;b<i></title>c", "<p><title>a&amp;b&lt;i&gt;</title>c</p>", ""},
	{"noscript", "<body><noscript><p>x</p></noscript>y", "<noscript><p>x</p></noscript>y", ""},
	{"xmp iframe noembed noframes", "<xmp><b></xmp><iframe><b></iframe><noembed><b></noembed><noframes><b></noframes>",
		"<xmp><b></xmp><iframe><b></iframe><noembed><b></noembed><noframes><b></noframes>", ""},
	{"plaintext", "<plaintext><b>a</b>", "<plaintext><b>a</b>", ""},
	{"unterminated script", "<body><script>a<b", "<script>a<b</script>", ""},
	{"pre drops first newline", "<pre>\na\n</pre>", "<pre>a\n</pre>", ""},

	// Lexing.
	{"comment", "a<!-- c -->b", "a<!-- c -->b", ""},
	{"short comments", "a<!-->b<!--->c", "a<!---->b<!---->c", ""},
	{"comment end bang", "a<!-- c --!>b", "a<!-- c -->b", ""},
	{"unterminated comment", "a<!-- c", "a<!-- c-->", ""},
	{"bogus comments", "a<?php x ?>b<!x>c</ >d", "a<!--?php x ?-->b<!--x-->c<!-- -->d", ""},
	{"cdata in html", "a<![CDATA[x]]>b", "a<!--[CDATA[x]]-->b", ""},
	{"cdata in svg", "<svg><![CDATA[x<y]]></svg>", "<svg>x&lt;y</svg>", ""},
	{"empty end tag", "a</>b", "ab", "x/net/html makes an empty comment of </>"},
	{"lone angle brackets", "a < b <3 c<", "a &lt; b &lt;3 c&lt;", ""},
	{"uppercase", "<DIV ID=a><P>x</P></DIV>", `<div id="a"><p>x</p></div>`, ""},
	{"attributes", `<div id=a class="b c" hidden data-x='y' ID=z e=>`, `<div id="a" class="b c" hidden="" data-x="y" e=""></div>`, ""},
	{"attribute junk", `<div a="1"b=2 /c =d =e f=g/>`, `<div a="1" b="2" c="d" =e="" f="g/"></div>`, ""},
	{"unterminated tag", `a<div class="x`, "a", ""},
	{"unterminated tag name", `a<div`, "a", ""},
	{"text references", "&lt;&amp;&nbsp;&copy;&#20013;&#x4e2d;&notit;&#150;", "&lt;&amp;\u00a0©中中¬it;–", ""},
	{"attribute references", `<a href="?a=1&copy=2&amp;b=3&lang=x&param=4&copy;&#38;">`, `<a href="?a=1&amp;copy=2&amp;b=3&amp;lang=x&amp;param=4©&amp;"></a>`, ""},
	{"nul", "a\x00b<div x='\x00'>\x00</div><script>\x00</script>", "ab<div x=\"\ufffd\"></div><script>\ufffd</script>", ""},
	{"crlf", "a\r\nb\rc<div title='x\r\ny'>", "a\nb\nc<div title=\"x\ny\"></div>", ""},

	// SVG and MathML.
	{"svg", `<svg viewbox="0 0 1 1"><path d="M"/><text>t</text></svg>x`, `<svg viewBox="0 0 1 1"><path d="M"></path><text>t</text></svg>x`, ""},
	{"svg breakout", `<svg><g><p>x`, `<svg><g></g></svg><p>x</p>`, ""},
	{"svg foreignObject", `<svg><foreignObject><div>x</div></foreignObject></svg>`, `<svg><foreignObject><div>x</div></foreignObject></svg>`, ""},
	{"svg title not raw", `<svg><title><b>x</b></title></svg>`, `<svg><title><b>x</b></title></svg>`, ""},

	// Deviations.
	{"frameset", "<frameset><frame src=a></frameset><noframes>x</noframes>", `<frameset><frame src="a"></frame></frameset><noframes>x</noframes>`,
		"x/net/html builds a frameset document without a body"},
	{"frameset after content", "<p>x<frameset><frame src=a>", `<p>x</p>`, ""},
}

func TestParseRules(t *testing.T) {
	for _, c := range ruleCases {
		t.Run(c.name, func(t *testing.T) {
			root, err := htmltree.Parse([]byte(c.in))
			if err != nil {
				t.Fatal(err)
			}
			checkTree(t, root)
			if got := renderBody(t, root); got != c.want {
				t.Errorf("Parse(%q):\n got %s\nwant %s", c.in, got, c.want)
			}
			net, err := html.Parse(strings.NewReader(c.in))
			if err != nil {
				t.Fatal(err)
			}
			same := dump(root) == dump(net)
			switch {
			case c.differs == "" && !same:
				t.Errorf("x/net/html differs:\n%s", firstDiff(dump(root), dump(net)))
			case c.differs != "" && same:
				t.Errorf("x/net/html no longer differs (%s)", c.differs)
			}
		})
	}
}

func TestParseHead(t *testing.T) {
	for _, c := range []struct{ in, head, body string }{
		{"<title>t</title><meta charset=utf-8><p>x", `<title>t</title><meta charset="utf-8"/>`, "<p>x</p>"},
		{"<html><head><title>t</title></head>\n<script>s</script><body>b", "<title>t</title><script>s</script>", "b"},
		{"<meta name=a>text<link rel=x>", `<meta name="a"/>`, `text<link rel="x"/>`},
		{"<head><noscript><style>x</style></noscript></head>y", "<noscript><style>x</style></noscript>", "y"},
		{"", "", ""},
		{"<!DOCTYPE html><html lang=zh><body class=a><p>x</p></body></html>", "", "<p>x</p>"},
		{"<body a=1><body a=2 b=3>x", "", "x"},
	} {
		root, err := htmltree.Parse([]byte(c.in))
		if err != nil {
			t.Fatal(err)
		}
		checkTree(t, root)
		head, body := renderChildren(t, find(root, atom.Head)), renderBody(t, root)
		if head != c.head || body != c.body {
			t.Errorf("Parse(%q): head %q body %q, want %q and %q", c.in, head, body, c.head, c.body)
		}
		net, _ := html.Parse(strings.NewReader(c.in))
		if dump(root) != dump(net) {
			t.Errorf("Parse(%q): x/net/html differs:\n%s", c.in, firstDiff(dump(root), dump(net)))
		}
	}
	root, _ := htmltree.Parse([]byte("<body a=1><body a=2 b=3>x"))
	body := find(root, atom.Body)
	if len(body.Attr) != 2 || body.Attr[0].Val != "1" || body.Attr[1].Key != "b" {
		t.Errorf("merged body attributes %v, want a=1 b=3", body.Attr)
	}
}

// TestParseComment: comments keep their text as written; x/net/html
// decodes character references in them.
func TestParseComment(t *testing.T) {
	root, _ := htmltree.Parse([]byte("x<!-- a&amp;b -->"))
	if c := find(root, atom.Body).LastChild; c.Type != html.CommentNode || c.Data != " a&amp;b " {
		t.Errorf("comment %v %q, want \" a&amp;b \"", c.Type, c.Data)
	}
}

func TestParseNodes(t *testing.T) {
	root, _ := htmltree.Parse([]byte(`<!DOCTYPE html><P CLASS=x>a</span>b<x-Tag>c</X-TAG>`))
	if d := root.FirstChild; d.Type != html.DoctypeNode || d.Data != "html" {
		t.Errorf("first child %v %q, want the doctype", d.Type, d.Data)
	}
	p := find(root, atom.P)
	if p.Data != "p" || p.Attr[0].Key != "class" {
		t.Errorf("p: %q %v", p.Data, p.Attr)
	}
	if txt := p.FirstChild; txt.Type != html.TextNode || txt.Data != "ab" {
		t.Errorf("p's first child %q, want one text node \"ab\"", txt.Data)
	}
	if x := p.LastChild; x.Data != "x-tag" || x.DataAtom != 0 || x.FirstChild.Data != "c" {
		t.Errorf("custom element %q atom %v", x.Data, x.DataAtom)
	}
}

// TestParseDeep nests far beyond MaxDepth: Parse keeps every text and
// never nests deeper than the limit (x/net/html gives up at 512).
func TestParseDeep(t *testing.T) {
	const n = 5000
	src := strings.Repeat("<div>x", n) + strings.Repeat("<font><b>y", n) + strings.Repeat("</div>", n)
	root, err := htmltree.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	checkTree(t, root)
	depth, maxDepth := 0, 0
	var walk func(*html.Node, int)
	walk = func(n *html.Node, d int) {
		maxDepth = max(maxDepth, d)
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, d+1)
		}
	}
	walk(root, depth)
	if maxDepth > htmltree.MaxDepth+3 {
		t.Errorf("tree depth %d, want at most %d", maxDepth, htmltree.MaxDepth+3)
	}
	text := visibleText(root)
	if got := strings.Count(text, "x") + strings.Count(text, "y"); got != 2*n {
		t.Errorf("%d of %d texts kept", got, 2*n)
	}
	if _, err := html.Parse(strings.NewReader(src)); err == nil {
		t.Log("x/net/html no longer refuses deep pages")
	}
}

// TestParseLinear parses inputs built to make a careless tree builder
// quadratic, at 64 KB and 1 MB: the work must grow about as the bytes.
func TestParseLinear(t *testing.T) {
	const size = 1 << 20
	gen := map[string]string{
		"divs":          "<div>",
		"inline":        "<span>",
		"formatting":    "<b>",
		"formatting p":  "<p><b>x</p>",
		"distinct b":    "<b class=x1><p>x</p></b></p>",
		"anchors":       "<a href=x><div>y</div>",
		"adoption":      "<b><div><i><p>x</b>",
		"stray ends":    "</span></font>",
		"tables":        "<table><tr><td>",
		"foster":        "<table>x<div>",
		"comments":      "<!-- -- -",
		"html attrs":    "<html a=1 b=2><body c=3>",
		"many attrs":    "<div " + strings.Repeat("a=1 ", 50),
		"references":    "&amp;&nbsp;&#1234;&copy",
		"script":        "<script><!--<script>",
		"forms":         "<form><div></form>",
		"lists":         "<ul><li><ol><li>",
		"text and ends": "x</i>",
		"select":        "<select><option>",
		"svg":           "<svg><g>",
	}
	for name, unit := range gen {
		input := func(n int) []byte { return []byte(strings.Repeat(unit, n/len(unit)+1)) }
		var root *html.Node
		parse := func(src []byte) {
			var err error
			if root, err = htmltree.Parse(src); err != nil {
				t.Fatal(err)
			}
		}
		// 16× the bytes: linear parsing takes about 16× the work
		// (more with a loaded machine's caches), quadratic 256×.
		g := proctest.Growth(size/16, 16, 5, input, parse)
		checkTree(t, root)
		t.Logf("%-14s %.1f× the work for 16× the bytes", name, g)
		if g > 96 {
			t.Errorf("%s: 16× the bytes (to %d) took %.1f× the work", name, size, g)
		}
	}
}

// TestTreeIndex checks that ParseTree numbers every node of the tree once,
// below Len, across several slabs, and no node it did not make.
func TestTreeIndex(t *testing.T) {
	// Many more nodes than '<' (implied html/head/body/tbody, text) so
	// that the first slab fills and more follow.
	page := "x" + strings.Repeat("<table><td>a<td>b</table>", 300)
	tr := htmltree.ParseTree(page)
	seen := map[int]bool{}
	count := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		count++
		i, ok := tr.Index(n)
		if !ok || i < 0 || i >= tr.Len() || seen[i] {
			t.Fatalf("node %q: Index %d, %v (Len %d, seen %v)", n.Data, i, ok, tr.Len(), seen[i])
		}
		seen[i] = true
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(tr.Root)
	if count < 2*strings.Count(page, "<td>") {
		t.Fatalf("only %d nodes", count)
	}
	if _, ok := tr.Index(&html.Node{}); ok {
		t.Error("a node made outside the parser has an index")
	}
}
