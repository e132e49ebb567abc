package extract

import (
	"golang.org/x/net/html"

	"github.com/wenming-archive/wenming/internal/extract/htmltree"
)

// nodeOrder maps every node of a parsed page to its document order (its
// index in page.all). The rules ask for a node's position tens of
// thousands of times per page: a map[*html.Node]int spent a tenth of the
// extraction hashing and probing, and a table keyed by address still
// cost a probe into a table twice the page's size. The parser numbers
// the nodes it makes (htmltree.Tree.Index, their place in its slabs);
// this is a table from that number to document order.
type nodeOrder struct {
	tree  *htmltree.Tree
	order []int32 // tree index → document order; -1 for a node not in the page
}

// newNodeOrder indexes the nodes of all, which are in document order.
func newNodeOrder(tree *htmltree.Tree, all []*html.Node) nodeOrder {
	t := nodeOrder{tree: tree, order: make([]int32, tree.Len())}
	for i := range t.order {
		t.order[i] = -1
	}
	for o, n := range all {
		if i, ok := tree.Index(n); ok {
			t.order[i] = int32(o)
		}
	}
	return t
}

// lookup returns the document order of n and whether n is a node of the
// page (a node added after parsing is not).
func (t *nodeOrder) lookup(n *html.Node) (int, bool) {
	if n == nil || t.tree == nil {
		return 0, false
	}
	i, ok := t.tree.Index(n)
	if !ok || t.order[i] < 0 {
		return 0, false
	}
	return int(t.order[i]), true
}

// of returns the document order of n, 0 for a node not of the page.
func (t *nodeOrder) of(n *html.Node) int {
	o, _ := t.lookup(n)
	return o
}
