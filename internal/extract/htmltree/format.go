package htmltree

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxFormatting bounds the list of active formatting elements; the
// oldest entries beyond it are forgotten (HTML5 has no bound).
const maxFormatting = 64

// formatting is an entry of HTML5's list of active formatting elements:
// the <a>, <b>, <font> … that are reopened, as copies, where text or
// inline content follows them after they were closed by a block's end.
type formatting struct {
	n    *html.Node // nil for a marker (a cell, caption, object …)
	open bool       // n is on the stack of open elements
}

// pushFormatting adds the formatting element n, just opened, to the list.
// As HTML5's "Noah's Ark" clause, at most three entries after the last
// marker have the same tag and attributes.
func (b *builder) pushFormatting(n *html.Node, open bool) {
	same := 0
	for i := len(b.afe) - 1; i >= 0; i-- {
		x := b.afe[i].n
		if x == nil {
			break
		}
		if x.DataAtom == n.DataAtom && x.Namespace == n.Namespace && sameAttrs(x.Attr, n.Attr) {
			if same++; same >= 3 {
				b.afeRemove(i)
				break
			}
		}
	}
	if len(b.afe) >= maxFormatting {
		for i := range b.afe {
			if b.afe[i].n != nil {
				b.afeRemove(i)
				break
			}
		}
	}
	b.afe = append(b.afe, formatting{n: n, open: open})
}

func sameAttrs(a, b []html.Attribute) bool {
	if len(a) != len(b) {
		return false
	}
outer:
	for _, x := range a {
		for _, y := range b {
			if x == y {
				continue outer
			}
		}
		return false
	}
	return true
}

func (b *builder) afeIndex(n *html.Node) int {
	for i := len(b.afe) - 1; i >= 0; i-- {
		if b.afe[i].n == n {
			return i
		}
	}
	return -1
}

func (b *builder) afeRemove(i int) {
	b.afe = append(b.afe[:i], b.afe[i+1:]...)
}

// afeClosed notes that the formatting element n left the stack.
func (b *builder) afeClosed(n *html.Node) {
	if i := b.afeIndex(n); i >= 0 {
		b.afe[i].open = false
	}
}

// clearToMarker drops the list's entries up to and including the last
// marker, as a cell, caption or object closes.
func (b *builder) clearToMarker() {
	for i := len(b.afe) - 1; i >= 0; i-- {
		if b.afe[i].n == nil {
			b.afe = b.afe[:i]
			return
		}
	}
	b.afe = b.afe[:0]
}

// reconstruct reopens, as copies, the formatting elements closed since
// the last marker, before text or inline content is added.
func (b *builder) reconstruct() {
	n := len(b.afe)
	if n == 0 || b.afe[n-1].n == nil || b.afe[n-1].open || len(b.stack) >= MaxDepth {
		return
	}
	i := n - 1
	for i > 0 && b.afe[i-1].n != nil && !b.afe[i-1].open {
		i--
	}
	for ; i < n && len(b.stack) < MaxDepth; i++ {
		c := b.clone(b.afe[i].n)
		b.place(c)
		b.push(c, kindOf(c.DataAtom))
		b.afe[i] = formatting{n: c, open: true}
	}
}

func (b *builder) clone(n *html.Node) *html.Node {
	c := b.newNode()
	c.Type, c.DataAtom, c.Data, c.Namespace = n.Type, n.DataAtom, n.Data, n.Namespace
	if len(n.Attr) > 0 {
		c.Attr = b.copyAttrs(n.Attr)
	}
	return c
}

// stackIndex returns where n is on the stack, or -1.
func (b *builder) stackIndex(n *html.Node) int {
	for i := len(b.stack) - 1; i >= 0; i-- {
		if b.stack[i].n == n {
			return i
		}
	}
	return -1
}

// insertEntry puts an element on the stack at index i.
func (b *builder) insertEntry(i int, n *html.Node, k kind) {
	b.stack = append(b.stack, entry{})
	copy(b.stack[i+1:], b.stack[i:])
	anchor := int32(i)
	if k&kAnchor == 0 {
		anchor = b.stack[i-1].anchor
	}
	b.stack[i] = entry{n: n, k: k, anchor: anchor}
	for j := i + 1; j < len(b.stack); j++ {
		if b.stack[j].anchor >= int32(i) {
			b.stack[j].anchor++
		}
	}
}

// adopt runs HTML5's adoption agency algorithm for the end tag of the
// formatting element a: it closes the element even when blocks were
// opened inside it, moving those blocks out and wrapping their content
// in a copy, so that text keeps its formatting and blocks keep their
// place as browsers show them.
func (b *builder) adopt(a atom.Atom, name string) {
	if t := b.top(); t.isHTML(a) && b.afeIndex(t.n) < 0 {
		b.popTo(len(b.stack) - 1)
		return
	}
	for outer := 0; outer < 8; outer++ {
		fi := -1
		for j := len(b.afe) - 1; j >= 0 && b.afe[j].n != nil; j-- {
			if b.afe[j].n.DataAtom == a {
				fi = j
				break
			}
		}
		if fi < 0 {
			b.endOther(a, name)
			return
		}
		fe := b.afe[fi].n
		feIndex := b.stackIndex(fe)
		if feIndex < 0 {
			b.afeRemove(fi)
			return
		}
		if b.inScope(a, defaultScope) < 0 {
			return
		}
		fb := -1
		for k := feIndex + 1; k < len(b.stack); k++ {
			if e := &b.stack[k]; e.k&kSpecial != 0 && e.k&kForeign == 0 || e.k&kIntegration != 0 {
				fb = k
				break
			}
		}
		if fb < 0 {
			b.popTo(feIndex)
			if i := b.afeIndex(fe); i >= 0 {
				b.afeRemove(i)
			}
			return
		}
		common := b.stack[feIndex-1]
		furthest := b.stack[fb].n
		last, bookmark := b.cloneBetween(fe, fb, fi)
		b.detach(last)
		if common.k&kFosterCtx != 0 {
			b.foster(last)
		} else {
			appendChild(common.n, last)
		}
		b.wrapChildren(a, fe, furthest, bookmark)
	}
}

// cloneBetween is the inner loop of the adoption agency: going up the
// stack from the furthest block (at fb) to the formatting element fe (at
// fi in the list of active formatting elements), it drops the elements
// that are not formatting ones, clones those that are, and nests what it
// passed inside each clone. It returns the outermost node so nested and
// where the bookmark in the list of active formatting elements ended.
func (b *builder) cloneBetween(fe *html.Node, fb, fi int) (last *html.Node, bookmark int) {
	furthest := b.stack[fb].n
	bookmark = fi
	last = furthest
	x := fb
	for j := 1; ; j++ {
		x--
		node := b.stack[x].n
		if node == fe {
			return last, bookmark
		}
		ni := b.afeIndex(node)
		if j > 3 && ni >= 0 {
			// As golang.org/x/net/html, the node stays open (HTML5
			// would also take it off the stack).
			b.afeRemove(ni)
			if ni <= bookmark {
				bookmark--
			}
			continue
		}
		if ni < 0 {
			b.remove(x)
			continue
		}
		c := b.clone(node)
		b.afe[ni].n = c
		b.stack[x].n = c
		if last == furthest {
			bookmark = ni + 1
		}
		b.detach(last)
		appendChild(c, last)
		last = c
	}
}

// wrapChildren ends a step of the adoption agency: the children of the
// furthest block move into a clone of the formatting element fe, which
// becomes the block's only child and takes fe's places in the list of
// active formatting elements (at bookmark) and on the stack (above the
// block).
func (b *builder) wrapChildren(a atom.Atom, fe, furthest *html.Node, bookmark int) {
	c := b.clone(fe)
	for ch := furthest.FirstChild; ch != nil; ch = ch.NextSibling {
		ch.Parent = c
	}
	c.FirstChild, c.LastChild = furthest.FirstChild, furthest.LastChild
	furthest.FirstChild, furthest.LastChild = nil, nil
	appendChild(furthest, c)

	if old := b.afeIndex(fe); old >= 0 {
		if old < bookmark {
			bookmark--
		}
		b.afeRemove(old)
	}
	bookmark = min(max(bookmark, 0), len(b.afe))
	b.afe = append(b.afe, formatting{})
	copy(b.afe[bookmark+1:], b.afe[bookmark:])
	b.afe[bookmark] = formatting{n: c, open: true}

	if i := b.stackIndex(fe); i >= 0 {
		b.remove(i)
	}
	b.insertEntry(b.stackIndex(furthest)+1, c, kindOf(a))
}

// detach takes n out of its parent, merging the texts it separated.
func (b *builder) detach(n *html.Node) {
	p := n.Parent
	if p == nil {
		return
	}
	prev, next := n.PrevSibling, n.NextSibling
	if prev != nil {
		prev.NextSibling = next
	} else {
		p.FirstChild = next
	}
	if next != nil {
		next.PrevSibling = prev
	} else {
		p.LastChild = prev
	}
	n.Parent, n.PrevSibling, n.NextSibling = nil, nil, nil
	if prev != nil && next != nil && prev.Type == html.TextNode && next.Type == html.TextNode {
		if next == b.mergeNode {
			b.flushMerge()
		}
		b.merge(prev, next.Data)
		prev.NextSibling = next.NextSibling
		if next.NextSibling != nil {
			next.NextSibling.PrevSibling = prev
		} else {
			p.LastChild = prev
		}
		next.Parent, next.PrevSibling, next.NextSibling = nil, nil, nil
	}
}
