package htmltree

import (
	"bytes"
	"strings"
	"sync"
	"unsafe"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// MaxDepth is how deep elements nest. An element opened deeper is still
// added, as a child of the deepest open element, but takes no children:
// what follows it becomes its siblings.
const MaxDepth = 512

// phase is where the builder is in the page's outline.
type phase uint8

const (
	beforeHTML phase = iota
	beforeHead
	inHead
	afterHead
	inBody
)

// entry is an open element.
type entry struct {
	n *html.Node
	k kind
	// anchor is the stack index of the nearest kAnchor entry at or below
	// this one: the table part, cell or body that sets how tags are read.
	anchor int32
}

type builder struct {
	lx lexer

	doc, html, head, body *html.Node
	stack                 []entry
	phase                 phase
	quirks                bool
	form                  *html.Node // the open <form>, as HTML5's form element pointer
	openP                 int        // <p> elements on the stack
	afe                   []formatting
	// afterBody is 1 after </body> and 2 after </html>, until content
	// other than white space and comments comes: comments there go to
	// the html element and to the document.
	afterBody uint8
	// framesetOK is false once the body has content (or a frameset).
	framesetOK bool

	nodes      []html.Node   // slab the nodes come from
	full       [][]html.Node // the slabs filled before it
	nodeChunk  int
	attrs      []html.Attribute // slab the attribute lists come from
	firstAttrs []html.Attribute // the first of them, once full, which Tree.Release pools
	attrChunk  int
	mergeNode  *html.Node // text node whose text is being merged into mergeBuf
	mergeBuf   []byte
	mergeDirty bool
}

// Parse builds the tree of an HTML page, which must be UTF-8. The result
// is a DocumentNode holding an optional DoctypeNode, comments and one
// <html> element with a <head> and a <body>. Strings in the tree share one
// copy of src, made by Parse; src may be changed afterwards. The error is
// always nil: every input gives a tree.
func Parse(src []byte) (*html.Node, error) {
	var s string
	if bytes.IndexByte(src, '\r') >= 0 {
		s = normalizeNewlines(src)
	} else {
		s = string(src)
	}
	return parse(s), nil
}

// ParseString is Parse of a page already held as a string: the tree's
// strings share s itself unless s holds carriage returns.
func ParseString(s string) (*html.Node, error) {
	return ParseTree(s).Root, nil
}

func parse(s string) *html.Node {
	return parseTree(s).Root
}

// Tree is a parsed page whose nodes are numbered: every node the parser
// made has a number below Len, in the order it was made (not document
// order). A caller keeping a table per node indexes it by Index rather
// than hashing node addresses.
type Tree struct {
	Root  *html.Node
	slabs [][]html.Node
	attrs []html.Attribute // the first attribute slab
	n     int
}

// ParseTree is ParseString that also numbers the nodes.
func ParseTree(s string) *Tree {
	if strings.IndexByte(s, '\r') >= 0 {
		s = normalizeNewlines([]byte(s))
	}
	return parseTree(s)
}

func parseTree(s string) *Tree {
	var b builder
	b.init(s)
	b.run()
	if b.firstAttrs == nil {
		b.firstAttrs = b.attrs
	}
	t := &Tree{Root: b.doc, slabs: append(b.full, b.nodes), attrs: b.firstAttrs}
	for _, sl := range t.slabs {
		t.n += len(sl)
	}
	return t
}

// The first node and attribute slabs of a page are its largest
// allocations (a hundred bytes a node, 48 an attribute: a few hundred
// kilobytes for a news page), each cleared by the runtime and handed to
// the collector page after page. A caller done with a tree gives them to
// the next parse (Tree.Release).

// slabs is a released tree's first node and attribute slabs, cleared.
type slabs struct {
	nodes []html.Node
	attrs []html.Attribute
}

var slabPool sync.Pool // of *slabs

// maxPooledSlab bounds the nodes of a slab kept for later pages: the
// slabs of a rare huge page (10 MB at this bound) are left to the
// collector.
const maxPooledSlab = 100_000

// takeSlabs returns empty node and attribute slabs with room for at
// least nodes and attrs, released ones when they are large enough.
func takeSlabs(nodes, attrs int) ([]html.Node, []html.Attribute) {
	var n []html.Node
	var a []html.Attribute
	if sl, ok := slabPool.Get().(*slabs); ok {
		if cap(sl.nodes) >= nodes {
			n = sl.nodes[:0]
		}
		if cap(sl.attrs) >= attrs {
			a = sl.attrs[:0]
		}
	}
	if n == nil {
		n = make([]html.Node, 0, nodes)
	}
	if a == nil {
		a = make([]html.Attribute, 0, attrs)
	}
	return n, a
}

// Release gives the tree's memory to later parses. Neither the tree nor
// any node of it may be used after: its nodes will be another page's.
// Strings taken from the tree stay valid (they are the page's, not the
// tree's).
func (t *Tree) Release() {
	if t == nil || t.slabs == nil {
		return
	}
	nodes, attrs := t.slabs[0], t.attrs
	t.Root, t.slabs, t.attrs, t.n = nil, nil, nil, 0
	if cap(nodes) > maxPooledSlab {
		return
	}
	// Cleared here, not when taken: the pool holds no page's nodes or
	// strings alive, and a node handed out is a zero one (newNode).
	clear(nodes)
	clear(attrs) // what was handed out: the rest of a slab is never written
	slabPool.Put(&slabs{nodes: nodes[:0], attrs: attrs[:0]})
}

// Len is the number of nodes the parser made.
func (t *Tree) Len() int { return t.n }

// nodeSize is the size of an html.Node in a slab.
const nodeSize = unsafe.Sizeof(html.Node{})

// Index returns the number of n, and false for a node the parser did not
// make (one added to the tree later).
func (t *Tree) Index(n *html.Node) (int, bool) {
	a := uintptr(unsafe.Pointer(n))
	off := 0
	for _, sl := range t.slabs {
		if len(sl) > 0 {
			// The heap does not move objects: a node of the slab lies
			// at its index's place.
			base := uintptr(unsafe.Pointer(&sl[0]))
			if a >= base && a < base+uintptr(len(sl))*nodeSize {
				return off + int((a-base)/nodeSize), true
			}
		}
		off += len(sl)
	}
	return 0, false
}

func (b *builder) init(s string) {
	b.lx.s = s
	b.lx.nul = strings.IndexByte(s, 0) >= 0
	b.lx.amp = -1
	// Pages hold about 1.2 nodes and 0.6 to 1 attributes per '<': the
	// first slabs fit most pages, later ones are smaller.
	tags := strings.Count(s, "<")
	b.nodes, b.attrs = takeSlabs(tags+tags/4+16, min(strings.Count(s, "="), tags)+16)
	b.nodeChunk = tags/4 + 16
	b.attrChunk = tags/4 + 16
	b.stack = make([]entry, 0, 64)
	b.quirks = true
	b.framesetOK = true
	b.doc = b.newNode()
	b.doc.Type = html.DocumentNode
}

func (b *builder) run() {
	for {
		if len(b.stack) > 0 {
			t := b.top()
			b.lx.cdata = t.k&kForeign != 0
			if b.lx.cdata {
				b.lx.hint, b.lx.hintAtom = "", 0
			} else {
				b.lx.hint, b.lx.hintAtom = t.n.Data, t.n.DataAtom
			}
		}
		tt := b.lx.next()
		switch tt {
		case eofToken:
			b.finish()
			return
		case textToken:
			b.text(b.lx.data)
		case startToken:
			b.startTag()
		case endToken:
			b.endTag()
		case commentToken:
			b.comment(b.lx.data)
		case doctypeToken:
			b.doctype(b.lx.data)
		case cdataToken:
			if s := b.lx.data; s != "" {
				if b.lx.nul {
					s = replaceNUL(s)
				}
				b.appendText(b.top().n, s)
			}
		}
	}
}

// finish completes the outline at the end of the page and writes the
// merged texts.
func (b *builder) finish() {
	for b.phase < inBody {
		switch b.phase {
		case beforeHTML:
			b.createHTML(false)
		case beforeHead:
			b.createHead(false)
		case inHead:
			b.popHead()
		case afterHead:
			b.createBody(false)
		}
	}
	b.flushMerge()
}

// Nodes.

func (b *builder) newNode() *html.Node {
	if len(b.nodes) == cap(b.nodes) {
		if len(b.nodes) > 0 {
			b.full = append(b.full, b.nodes)
		}
		b.nodes = make([]html.Node, 0, b.nodeChunk)
	}
	b.nodes = b.nodes[:len(b.nodes)+1]
	return &b.nodes[len(b.nodes)-1]
}

// element returns a new element; with attrs, it takes the attributes of
// the current start tag.
func (b *builder) element(a atom.Atom, name string, attrs bool) *html.Node {
	n := b.newNode()
	n.Type = html.ElementNode
	n.DataAtom = a
	n.Data = name
	if attrs && len(b.lx.attrs) > 0 {
		n.Attr = b.copyAttrs(b.lx.attrs)
	}
	return n
}

func (b *builder) copyAttrs(src []html.Attribute) []html.Attribute {
	n := len(src)
	if cap(b.attrs)-len(b.attrs) < n {
		if b.firstAttrs == nil {
			b.firstAttrs = b.attrs // full: its length is what Release clears
		}
		b.attrs = make([]html.Attribute, 0, max(n, b.attrChunk))
	}
	start := len(b.attrs)
	b.attrs = append(b.attrs, src...)
	// The capacity ends with the list, so that appending to one node's
	// attributes never overwrites another's.
	return b.attrs[start : start+n : start+n]
}

// maxMergedAttrs bounds the attributes repeated <html> and <body> tags
// give, which keeps merging them linear.
const maxMergedAttrs = 64

// mergeAttrs adds to n the attributes of the current start tag it lacks
// (a second <html> or <body> tag).
func (b *builder) mergeAttrs(n *html.Node) {
	for _, a := range b.lx.attrs {
		if len(n.Attr) >= maxMergedAttrs {
			return
		}
		found := false
		for _, x := range n.Attr {
			if x.Key == a.Key {
				found = true
				break
			}
		}
		if !found {
			n.Attr = append(n.Attr, a)
		}
	}
}

func appendChild(p, c *html.Node) {
	c.Parent = p
	if last := p.LastChild; last != nil {
		last.NextSibling = c
		c.PrevSibling = last
	} else {
		p.FirstChild = c
	}
	p.LastChild = c
}

func insertBefore(p, c, next *html.Node) {
	c.Parent = p
	c.NextSibling = next
	prev := next.PrevSibling
	c.PrevSibling = prev
	if prev != nil {
		prev.NextSibling = c
	} else {
		p.FirstChild = c
	}
	next.PrevSibling = c
}

// Text.

// appendText adds text as the last child of p, merged into a text node
// that is already there.
func (b *builder) appendText(p *html.Node, s string) { b.insertText(p, nil, s) }

// insertText adds text to p before its child next (as its last child when
// next is nil), merged into a text node that is already there.
func (b *builder) insertText(p, next *html.Node, s string) {
	prev := p.LastChild
	if next != nil {
		prev = next.PrevSibling
	}
	if prev != nil && prev.Type == html.TextNode {
		b.merge(prev, s)
		return
	}
	n := b.newNode()
	n.Type = html.TextNode
	n.Data = s
	if next != nil {
		insertBefore(p, n, next)
	} else {
		appendChild(p, n)
	}
}

// merge appends s to the text node t. Merged texts gather in a buffer
// until the end, so that many pieces cost linear time.
func (b *builder) merge(t *html.Node, s string) {
	if t != b.mergeNode {
		b.flushMerge()
		b.mergeNode = t
		b.mergeBuf = append(b.mergeBuf[:0], t.Data...)
	}
	b.mergeBuf = append(b.mergeBuf, s...)
	b.mergeDirty = true
}

func (b *builder) flushMerge() {
	if b.mergeDirty {
		b.mergeNode.Data = string(b.mergeBuf)
		b.mergeDirty = false
	}
	b.mergeNode = nil
}

// Placement.

func (b *builder) top() *entry { return &b.stack[len(b.stack)-1] }

// mode returns the element that decides how tags are read: a table part,
// a cell, the body or the html element.
func (b *builder) mode() atom.Atom {
	return b.stack[b.top().anchor].n.DataAtom
}

// place adds n where the current node takes it: as its last child, or,
// when the current node is a table that cannot hold n, just before the
// table ("foster parenting").
func (b *builder) place(n *html.Node) {
	t := b.top()
	if t.k&kFosterCtx != 0 {
		b.foster(n)
		return
	}
	appendChild(t.n, n)
}

// foster adds n where foster-parented nodes go.
func (b *builder) foster(n *html.Node) {
	p, next := b.fosterParent()
	if next != nil {
		insertBefore(p, n, next)
	} else {
		appendChild(p, n)
	}
}

// fosterParent returns where foster-parented nodes go: before the
// innermost open table.
func (b *builder) fosterParent() (parent, next *html.Node) {
	for i := len(b.stack) - 1; i > 0; i-- {
		e := &b.stack[i]
		if e.n.DataAtom == atom.Table && e.k&kForeign == 0 {
			if e.n.Parent != nil {
				return e.n.Parent, e.n
			}
			return b.stack[i-1].n, nil
		}
	}
	return b.stack[0].n, nil
}

// addText adds body text at the current node, or before the table when
// the current node is a table part and the text is not all white space.
func (b *builder) addText(s string) {
	t := b.top()
	if t.k&kFosterCtx != 0 && !isWhitespace(s) {
		p, next := b.fosterParent()
		b.insertText(p, next, s)
		return
	}
	b.appendText(t.n, s)
}

// The stack of open elements.

// push opens n; it reports false when the stack is full.
func (b *builder) push(n *html.Node, k kind) bool {
	if len(b.stack) >= MaxDepth {
		return false
	}
	anchor := int32(len(b.stack))
	if k&kAnchor == 0 && len(b.stack) > 0 {
		anchor = b.top().anchor
	}
	b.stack = append(b.stack, entry{n: n, k: k, anchor: anchor})
	if k&kForeign == 0 {
		if n.DataAtom == atom.P {
			b.openP++
		} else if k&kMarker != 0 {
			b.afe = append(b.afe, formatting{})
		}
	}
	return true
}

// popTo closes the element at stack index i and all opened after it.
func (b *builder) popTo(i int) {
	for j := len(b.stack) - 1; j >= i; j-- {
		e := &b.stack[j]
		if e.k&(kFormatting|kMarker) == 0 && e.n.DataAtom != atom.P || e.k&kForeign != 0 {
			continue
		}
		switch a := e.n.DataAtom; {
		case a == atom.P:
			b.openP--
		case e.k&kFormatting != 0:
			b.afeClosed(e.n)
		case a == atom.Td || a == atom.Th || a == atom.Caption:
			// Closing a cell or caption ends its formatting; an
			// object, applet, marquee or template does so only by its
			// own end tag (endTag), as in HTML5.
			b.clearToMarker()
		}
	}
	b.stack = b.stack[:i]
}

// remove takes the element at stack index i off the stack, leaving the
// elements opened after it open (HTML5's </form>, the adoption agency).
func (b *builder) remove(i int) {
	if e := &b.stack[i]; e.k&kForeign == 0 {
		if e.n.DataAtom == atom.P {
			b.openP--
		} else if e.k&kFormatting != 0 {
			b.afeClosed(e.n)
		}
	}
	copy(b.stack[i:], b.stack[i+1:])
	b.stack = b.stack[:len(b.stack)-1]
	for j := i; j < len(b.stack); j++ {
		if b.stack[j].anchor > int32(i) {
			b.stack[j].anchor--
		}
	}
}

// isHTML reports whether the entry is the HTML element a.
func (e *entry) isHTML(a atom.Atom) bool { return e.n.DataAtom == a && e.k&kForeign == 0 }

// popUntilTop pops elements until the current node is one of as (as
// HTML5's "clear the stack back to a table context"). Without one of
// them open it pops nothing.
func (b *builder) popUntilTop(as ...atom.Atom) {
	for i := len(b.stack) - 1; i > 0; i-- {
		e := &b.stack[i]
		if e.k&kForeign == 0 {
			for _, a := range as {
				if e.n.DataAtom == a {
					b.popTo(i + 1)
					return
				}
			}
		}
	}
}

// closeP closes an open <p> in button scope.
func (b *builder) closeP() {
	if b.openP == 0 {
		return
	}
	for i := len(b.stack) - 1; i >= 0; i-- {
		e := &b.stack[i]
		if e.isHTML(atom.P) {
			b.popTo(i)
			return
		}
		if e.k&kScope != 0 || e.isHTML(atom.Button) {
			return
		}
	}
}

// The outline: html, head, body.

func (b *builder) createHTML(attrs bool) {
	b.html = b.outline(b.doc, atom.Html, "html", attrs, beforeHead)
}

func (b *builder) createHead(attrs bool) {
	b.head = b.outline(b.html, atom.Head, "head", attrs, inHead)
}

func (b *builder) popHead() {
	if len(b.stack) > 1 && b.top().n == b.head {
		b.popTo(len(b.stack) - 1)
	}
	b.phase = afterHead
}

func (b *builder) createBody(attrs bool) {
	b.body = b.outline(b.html, atom.Body, "body", attrs, inBody)
}

// outline adds the outline element a (html, head or body) as the last
// child of parent, opens it and goes on in phase next.
func (b *builder) outline(parent *html.Node, a atom.Atom, name string, attrs bool, next phase) *html.Node {
	n := b.element(a, name, attrs)
	appendChild(parent, n)
	b.push(n, kindOf(a))
	b.phase = next
	return n
}
