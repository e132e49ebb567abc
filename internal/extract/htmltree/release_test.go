package htmltree_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/internal/extract/htmltree"
)

// TestReleaseReusesClean: a tree parsed into the slabs of released trees
// (larger, smaller, with more attributes and fewer) is the tree a fresh
// parse makes — no node, child link or attribute of an earlier page left
// in it.
func TestReleaseReusesClean(t *testing.T) {
	var big strings.Builder
	big.WriteString(`<html><head><title>大页</title></head><body>`)
	for i := range 400 {
		fmt.Fprintf(&big, `<div class="c%d" id="d%d" data-x="%d"><p style="x">第%d段<a href="/a/%d.html" title="t">链接</a></p></div>`, i, i, i, i, i)
	}
	big.WriteString(`</body></html>`)
	pages := []string{
		big.String(),
		`<p>一段<b>粗</b></p>`,
		`<table><tr><td a=1 b=2 c=3>格</td></tr></table><ul><li>一<li>二</ul>`,
		`<div><span class="x">无属性之后</span><img src=a.png alt=图></div>` + strings.Repeat(`<i>斜</i>`, 50),
		big.String()[:len(big.String())/3],
	}
	want := make([]string, len(pages))
	for i, p := range pages {
		want[i] = renderChildren(t, htmltree.ParseTree(p).Root) // never released
	}
	for round := range 3 {
		for i, p := range pages {
			tr := htmltree.ParseTree(p)
			if got := renderChildren(t, tr.Root); got != want[i] {
				t.Fatalf("round %d, page %d parsed into released slabs: %.200q, want %.200q", round, i, got, want[i])
			}
			tr.Release()
		}
	}
}
