package extract

import (
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// TestNodeText checks NodeText against goquery's Text on every element
// and text node of a few pages: the text of each node below, joined as
// they stand. A link of one text node gives that node's text itself.
func TestNodeText(t *testing.T) {
	pages := []string{
		`<a href="/x">第1条新闻</a>`,
		`<a href="/x"> <b>加粗</b>与<i>斜体<span>嵌套</span></i> 尾 </a><p>后</p>`,
		`<div><a href="/y"><img src="a.png"></a><a></a>空<a><!-- c --></a></div>`,
		`<ul><li>一<li>二<ul><li>三</ul><li>四</ul><table><tr><td>格<td>子</table>`,
		`<p>a<br>b<script>var s = "x";</script>c<style>p{}</style></p>`,
	}
	for _, src := range pages {
		d, err := Parse([]byte(src), nil)
		if err != nil {
			t.Fatal(err)
		}
		nodes := 0
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			nodes++
			want := goquery.NewDocumentFromNode(n).Text()
			if got := NodeText(n); got != want {
				t.Errorf("%s: NodeText(<%s>) = %q, goquery %q", src, n.Data, got, want)
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(d.Root())
		if nodes < 5 {
			t.Errorf("%s: %d nodes walked", src, nodes)
		}
	}
	d, _ := Parse([]byte(`<a href="/x">第1条新闻</a>`), nil)
	a := goquery.NewDocumentFromNode(d.Root()).Find("a").Nodes[0]
	if got := NodeText(a); got != "第1条新闻" {
		t.Errorf("NodeText of a one-text link = %q", got)
	}
	if n := testing.AllocsPerRun(100, func() { NodeText(a) }); n != 0 {
		t.Errorf("NodeText of a one-text link made %v allocations, want none", n)
	}
}
