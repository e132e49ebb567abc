package htmltree_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/wenming-archive/wenming/internal/extract/htmltree"
)

// TestRelease parses pages one after another, each released before the
// next, so that later parses take the slabs of earlier ones: every tree
// renders as a parse of its page made before any release, and a
// released tree has no root.
func TestRelease(t *testing.T) {
	render := func(root *html.Node) string {
		var b bytes.Buffer
		if err := html.Render(&b, root); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	var pages []string
	for i := range 12 {
		var b strings.Builder
		b.WriteString(`<!DOCTYPE html><html><head><title>第` + fmt.Sprint(i) + `页</title></head><body>`)
		// Pages of falling and rising sizes: a smaller page takes a
		// larger page's slabs, a larger one new slabs.
		for j := range 40 * (1 + (i*7)%5) {
			fmt.Fprintf(&b, `<div class="c%d" id="x%d"><a href="/a/%d.html" title="t">链接%d</a><p>段落<b>%d</b></p></div>`, j%3, j, j, j, i)
		}
		b.WriteString(`</body></html>`)
		pages = append(pages, b.String())
	}
	want := make([]string, len(pages))
	for i, p := range pages {
		want[i] = render(htmltree.ParseTree(p).Root) // never released
	}
	for round := range 3 {
		for i, p := range pages {
			tree := htmltree.ParseTree(p)
			if got := render(tree.Root); got != want[i] {
				t.Fatalf("round %d, page %d: the tree after releases renders differently", round, i)
			}
			tree.Release()
			if tree.Root != nil || tree.Len() != 0 {
				t.Fatalf("released tree: root %v, %d nodes", tree.Root, tree.Len())
			}
			tree.Release() // a second release does nothing
		}
	}
}
