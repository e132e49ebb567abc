package htmltree_test

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/wenming-archive/wenming/internal/extract/htmltree"
)

// FuzzParse: no input panics, every tree is well formed (links
// consistent, document → html → head, body, no adjacent or empty text
// nodes), no deeper than MaxDepth, and src is left as it was.
func FuzzParse(f *testing.F) {
	for _, c := range ruleCases {
		f.Add([]byte(c.in))
	}
	for _, s := range []string{
		"<table><tr><td><b><p>x</b>y<table><caption><i>z</td></tr></table>",
		"<svg><foreignObject><math><mi><b>x</svg>y",
		"<a><a><a><div><a></div></a>",
		"<p><b><i><u><s><p>x</b></i></u></s>",
		"<select><optgroup><option>a<table><tr><td>b</select>",
		"<html a=1><frameset><template><td>x</template>",
		"<form><table><form><tr><td></form><input></table>",
		"<plaintext></plaintext>",
		"<script><!--<script></script>-->--></script>",
		"<title>&amp<textarea>\r\n\x00</textarea>",
		"<colgroup><col><table><colgroup>x<col></table>",
		"\x00<\x00a \x00=\x00>&\x00;",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		orig := bytes.Clone(src)
		root, err := htmltree.Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := wellFormed(root); err != nil {
			t.Fatalf("Parse(%q): %v", src, err)
		}
		if d := depth(root); d > htmltree.MaxDepth+3 {
			t.Fatalf("Parse(%q): depth %d", src, d)
		}
		if !bytes.Equal(src, orig) {
			t.Fatalf("Parse changed its input")
		}
	})
}

func depth(n *html.Node) int {
	d := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		d = max(d, depth(c))
	}
	return d + 1
}

// FuzzReferences: character references decode as golang.org/x/net/html
// decodes them, in text and in attribute values.
func FuzzReferences(f *testing.F) {
	for _, s := range []string{
		"&amp;&lt;&gt;&quot;&apos;&nbsp;&copy;&copy&copyx&param=1&lang=x&#20013;&#x4E2D;&#X4e2d&#150;&#0;&#xD800;&#1114112;",
		"&ldquo;&rdquo;&hellip;&mdash;&notin;&notit;&amp&ampx&#;&#x;&#12a&",
		"?a=1&b=2&amp;c=3&copy=4&reg&reg;", "&fjlig;&NotNestedGreaterGreater;&acE;",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsAny(s, "<\"\x00\r") {
			return
		}
		root, err := htmltree.Parse([]byte(`<p title="` + s + `">` + s))
		if err != nil {
			t.Fatal(err)
		}
		p := find(root, atom.P)
		if want := html.UnescapeString(s); s != "" && p.FirstChild != nil && p.FirstChild.Data != want && strings.TrimLeft(want, "\n") != "" {
			t.Errorf("text %q: got %q, want %q", s, p.FirstChild.Data, want)
		}
		z := html.NewTokenizer(strings.NewReader(`<p title="` + s + `">`))
		z.Next()
		_, want, _ := z.TagAttr()
		if got := p.Attr[0].Val; got != string(want) {
			t.Errorf("attribute %q: got %q, want %q", s, got, want)
		}
	})
}
