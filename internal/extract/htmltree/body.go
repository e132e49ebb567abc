package htmltree

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Tokens.

func (b *builder) doctype(s string) {
	if b.phase != beforeHTML || b.doc.FirstChild != nil && b.doc.LastChild.Type != html.CommentNode {
		return
	}
	n := b.newNode()
	n.Type = html.DoctypeNode
	if b.lx.nul {
		s = replaceNUL(s)
	}
	b.quirks = parseDoctype(n, s)
	appendChild(b.doc, n)
}

func (b *builder) comment(s string) {
	if b.lx.nul {
		s = replaceNUL(s)
	}
	n := b.newNode()
	n.Type = html.CommentNode
	n.Data = s
	switch {
	case len(b.stack) == 0:
		appendChild(b.doc, n)
	case b.top().k&kForeign != 0:
		appendChild(b.top().n, n)
	case b.afterBody == 2:
		appendChild(b.doc, n)
	case b.afterBody == 1:
		appendChild(b.html, n)
	default:
		appendChild(b.top().n, n)
	}
}

func (b *builder) text(s string) {
	if b.lx.hasAmp(b.lx.dataPos, b.lx.dataPos+len(s)) {
		s = unescape(s, false)
	}
	if b.lx.nul {
		s = dropNUL(s)
	}
	if s == "" {
		return
	}
	for b.phase < inBody {
		switch b.phase {
		case beforeHTML:
			s = s[leadingSpace(s):]
			if s == "" {
				return
			}
			b.createHTML(false)
		case beforeHead:
			s = s[leadingSpace(s):]
			if s == "" {
				return
			}
			b.createHead(false)
		case inHead:
			if s = b.keepSpace(b.head, s); s == "" {
				return
			}
			b.popHead()
		case afterHead:
			if s = b.keepSpace(b.html, s); s == "" {
				return
			}
			b.createBody(false)
		}
	}
	t := b.top()
	if s[0] == '\n' && t.n.FirstChild == nil && (t.isHTML(atom.Pre) || t.isHTML(atom.Listing)) {
		// The newline that starts a <pre> is not content.
		if s = s[1:]; s == "" {
			return
		}
	}
	if t.isHTML(atom.Colgroup) {
		if n := leadingSpace(s); n > 0 {
			b.appendText(t.n, s[:n])
			s = s[n:]
		}
		if s == "" {
			return
		}
		b.popTo(len(b.stack) - 1)
		t = b.top()
	}
	switch {
	case t.k&kForeign != 0 && t.k&kIntegration == 0:
		b.appendText(t.n, s)
		return
	case t.k&kFosterCtx != 0 && isWhitespace(s):
		b.appendText(t.n, s)
		return
	}
	if b.afterBody != 0 && !isWhitespace(s) {
		b.afterBody = 0
	}
	b.reconstruct()
	b.addText(s)
}

// readRaw reads the content of the raw-text element n just added.
func (b *builder) readRaw(n *html.Node, k rawKind) {
	s := b.lx.rawText(n.Data, k)
	if k == rcdata {
		if b.lx.hasAmp(b.lx.dataPos, b.lx.dataPos+len(s)) {
			s = unescape(s, false)
		}
		if n.DataAtom == atom.Textarea && s != "" && s[0] == '\n' {
			s = s[1:]
		}
	}
	if b.lx.nul {
		s = replaceNUL(s)
	}
	if s != "" {
		t := b.newNode()
		t.Type = html.TextNode
		t.Data = s
		appendChild(n, t)
	}
}

func rawKindOf(a atom.Atom) rawKind {
	switch a {
	case atom.Script:
		return scriptRaw
	case atom.Style, atom.Xmp, atom.Iframe, atom.Noembed, atom.Noframes, atom.Noscript:
		return rawText
	case atom.Title, atom.Textarea:
		return rcdata
	case atom.Plaintext:
		return plaintext
	}
	return 0
}

// headElement adds a head element (meta, link, title, style, script …)
// to parent.
func (b *builder) headElement(parent *html.Node, a atom.Atom, name string) {
	n := b.element(a, name, true)
	appendChild(parent, n)
	if k := rawKindOf(a); k != 0 {
		b.readRaw(n, k)
	}
}

// keepSpace adds the white space that leads s to p and returns the rest.
func (b *builder) keepSpace(p *html.Node, s string) string {
	if n := leadingSpace(s); n > 0 {
		b.appendText(p, s[:n])
		s = s[n:]
	}
	return s
}

func (b *builder) startTag() {
	a := b.lx.atom
	for b.phase < inBody {
		if a == atom.Html && b.phase != beforeHTML {
			// another html tag lends its attributes to the first
			b.mergeAttrs(b.html)
			return
		}
		switch b.phase {
		case beforeHTML:
			b.createHTML(a == atom.Html)
			if a == atom.Html {
				return
			}
		case beforeHead:
			b.createHead(a == atom.Head)
			if a == atom.Head {
				return
			}
		case inHead:
			switch a {
			case atom.Head:
				return
			case atom.Base, atom.Basefont, atom.Bgsound, atom.Link, atom.Meta,
				atom.Title, atom.Noscript, atom.Noframes, atom.Style, atom.Script:
				b.headElement(b.head, a, b.lx.name)
				return
			}
			b.popHead()
		case afterHead:
			switch a {
			case atom.Body:
				b.createBody(true)
				return
			case atom.Head:
				return
			}
			if a != atom.Template && kindOf(a)&kHeadish != 0 {
				b.headElement(b.head, a, b.lx.name)
				return
			}
			b.createBody(false)
		}
	}
	if a != atom.Html {
		b.afterBody = 0
	}
	b.startInBody(a, b.lx.name)
}

func (b *builder) startInBody(a atom.Atom, name string) {
	for {
		t := b.top()
		if t.k&kForeign != 0 && t.k&kIntegration == 0 {
			if !b.breaksOut(a) {
				b.foreignElement(a, name, t.n.Namespace)
				return
			}
			b.popForeign()
			continue
		}
		switch b.mode() {
		case atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr:
			switch b.startInTable(a, name) {
			case tagDone:
				return
			case tagAgain:
				continue
			}
		case atom.Td, atom.Th, atom.Caption:
			if kindOf(a)&kTablePart != 0 {
				b.popTo(int(t.anchor))
				continue
			}
		case atom.Colgroup:
			switch a {
			case atom.Col:
				b.place(b.element(a, name, true))
				return
			case atom.Html:
				b.mergeAttrs(b.html)
				return
			}
			b.popTo(int(t.anchor))
			continue
		}
		b.bodyStart(a, name)
		return
	}
}

// Results of startInTable.
const (
	tagDone   = iota // the tag is handled
	tagAsBody        // read the tag by the body rules (foster-parented)
	tagAgain         // the stack changed: read the tag anew
)

// startInTable reads start tag a where a table part sets the mode.
func (b *builder) startInTable(a atom.Atom, name string) int {
	mode := b.mode()
	switch a {
	case atom.Caption, atom.Colgroup, atom.Tbody, atom.Thead, atom.Tfoot:
		b.popUntilTop(atom.Table, atom.Template)
		n := b.element(a, name, true)
		appendChild(b.top().n, n)
		b.push(n, kindOf(a))
		return tagDone
	case atom.Col:
		b.popUntilTop(atom.Table, atom.Template)
		if !b.implied(atom.Colgroup, "colgroup") {
			return tagAsBody // the depth limit: the column is dropped
		}
		return tagAgain
	case atom.Tr, atom.Td, atom.Th:
		switch mode {
		case atom.Table:
			b.popUntilTop(atom.Table, atom.Template)
			b.implied(atom.Tbody, "tbody")
		case atom.Tbody, atom.Thead, atom.Tfoot:
			b.popUntilTop(atom.Tbody, atom.Thead, atom.Tfoot, atom.Template)
		case atom.Tr:
			b.popUntilTop(atom.Tr, atom.Template)
		}
		if a == atom.Tr {
			if b.top().isHTML(atom.Tr) {
				b.popTo(len(b.stack) - 1)
				return tagAgain
			}
		} else if !b.top().isHTML(atom.Tr) {
			b.implied(atom.Tr, "tr")
		}
		if t := b.top(); !t.isHTML(atom.Table) && !t.isHTML(atom.Tbody) && !t.isHTML(atom.Thead) && !t.isHTML(atom.Tfoot) && !t.isHTML(atom.Tr) {
			// A template or the depth limit: add it as body content.
			return tagAsBody
		}
		n := b.element(a, name, true)
		appendChild(b.top().n, n)
		b.push(n, kindOf(a))
		return tagDone
	case atom.Table:
		if i := b.inTableScope(atom.Table); i > 0 {
			b.popTo(i)
			return tagAgain
		}
		return tagDone
	case atom.Style, atom.Script:
		b.headElement(b.top().n, a, name)
		return tagDone
	case atom.Input:
		for _, at := range b.lx.attrs {
			if at.Key == "type" && asciiEqualFold(at.Val, "hidden") {
				appendChild(b.top().n, b.element(a, name, true))
				return tagDone
			}
		}
	case atom.Form:
		if b.form == nil {
			n := b.element(a, name, true)
			appendChild(b.top().n, n)
			b.form = n
		}
		return tagDone
	}
	return tagAsBody
}

// implied opens an element whose start tag the page left out (tbody, tr,
// colgroup); it reports false when the stack is full.
func (b *builder) implied(a atom.Atom, name string) bool {
	n := b.element(a, name, false)
	appendChild(b.top().n, n)
	return b.push(n, kindOf(a))
}

// bodyStart reads start tag a by the rules of the body.
func (b *builder) bodyStart(a atom.Atom, name string) {
	switch a {
	case atom.Html:
		b.mergeAttrs(b.html)
		return
	case atom.Body:
		if b.body != nil {
			b.mergeAttrs(b.body)
		}
		return
	case atom.Head, atom.Caption, atom.Col, atom.Colgroup,
		atom.Tbody, atom.Td, atom.Tfoot, atom.Th, atom.Thead, atom.Tr:
		return
	case atom.Frameset:
		// A frameset page keeps its body, holding the frameset; a
		// frameset after content is ignored, as in HTML5.
		if !b.framesetOK || hasContent(b.body) {
			b.framesetOK = false
			return
		}
		b.framesetOK = false
	case atom.Frame:
		if !b.top().isHTML(atom.Frameset) {
			return
		}
	case atom.Image:
		a, name = atom.Img, "img"
	case atom.Form:
		if b.form != nil {
			return
		}
	case atom.Svg, atom.Math:
		b.reconstruct()
		b.foreignElement(a, name, name)
		return
	}
	k := kindOf(a)
	if rk := rawKindOf(a); rk != 0 {
		switch a {
		case atom.Xmp:
			b.closeP()
			b.reconstruct()
		case atom.Plaintext:
			b.closeP()
		}
		n := b.element(a, name, true)
		b.place(n)
		b.readRaw(n, rk)
		return
	}
	if k&kFormatting != 0 {
		b.formattingStart(a, name, k)
		return
	}
	if !b.closeBefore(a) {
		return
	}
	if k&kClosesP != 0 && (a != atom.Table || !b.quirks) {
		b.closeP()
	}
	if a == atom.Hr && b.inScope(atom.Select, defaultScope) > 0 {
		b.impliedEnds(false)
	}
	if k&kHeading != 0 {
		if t := b.top(); t.k&kHeading != 0 && t.k&kForeign == 0 {
			b.popTo(len(b.stack) - 1)
		}
	}
	if reconstructs(a, k) {
		b.reconstruct()
	}
	n := b.element(a, name, true)
	b.place(n)
	if k&kVoid != 0 {
		return
	}
	b.push(n, k)
	if a == atom.Form {
		b.form = n
	}
}

// closeBefore closes what a start tag of a ends (an open list item before
// another, a button before a button, an option or select before an option
// or a select, a select before an input) and reports whether the element
// is made: a select started inside a select only ends it.
func (b *builder) closeBefore(a atom.Atom) bool {
	switch a {
	case atom.Li:
		b.closeListItem(false)
	case atom.Dd, atom.Dt:
		b.closeListItem(true)
	case atom.Button:
		if i := b.inScope(atom.Button, defaultScope); i > 0 {
			b.popTo(i)
		}
	case atom.Option, atom.Optgroup:
		// As the HTML standard since selects may hold any content.
		if b.inScope(atom.Select, defaultScope) > 0 {
			b.impliedEnds(a == atom.Option)
		} else if b.top().isHTML(atom.Option) {
			b.popTo(len(b.stack) - 1)
		}
	case atom.Select:
		if i := b.inScope(atom.Select, defaultScope); i > 0 {
			// A select in a select ends it.
			b.popTo(i)
			return false
		}
	case atom.Input:
		if i := b.inScope(atom.Select, defaultScope); i > 0 {
			b.popTo(i)
		}
	}
	return true
}

// hasContent reports whether n holds an element or text other than white
// space.
func hasContent(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode || c.Type == html.TextNode && !isWhitespace(c.Data) {
			return true
		}
	}
	return false
}

// impliedEnds closes the open dd, dt, li, option, optgroup, p … at the
// top of the stack (HTML5's "generate implied end tags"), leaving an
// optgroup open with keepOptgroup.
func (b *builder) impliedEnds(keepOptgroup bool) {
	for len(b.stack) > 2 {
		t := b.top()
		if t.k&kImpliedEnd == 0 || t.k&kForeign != 0 || keepOptgroup && t.n.DataAtom == atom.Optgroup {
			return
		}
		b.popTo(len(b.stack) - 1)
	}
}

// closeListItem closes an open <li> (or <dd> and <dt>) that a new one
// follows, as HTML5 does: through inline elements, <address>, <div> and
// <p>, not through other blocks.
func (b *builder) closeListItem(defs bool) {
	for i := len(b.stack) - 1; i > 0; i-- {
		e := &b.stack[i]
		if e.k&kForeign != 0 {
			return
		}
		a := e.n.DataAtom
		if !defs && a == atom.Li || defs && (a == atom.Dd || a == atom.Dt) {
			b.popTo(i)
			return
		}
		if e.k&kSpecial != 0 && a != atom.Address && a != atom.Div && a != atom.P {
			return
		}
	}
}

// formattingStart opens a formatting element (a, b, font, nobr …). An
// <a> inside an open <a>, or a <nobr> in an open <nobr>, closes it first.
func (b *builder) formattingStart(a atom.Atom, name string, k kind) {
	switch a {
	case atom.A:
		for i := len(b.afe) - 1; i >= 0 && b.afe[i].n != nil; i-- {
			if x := b.afe[i].n; x.DataAtom == atom.A {
				b.adopt(atom.A, "a")
				if j := b.stackIndex(x); j >= 0 {
					b.remove(j)
				}
				if j := b.afeIndex(x); j >= 0 {
					b.afeRemove(j)
				}
				break
			}
		}
		b.reconstruct()
	case atom.Nobr:
		b.reconstruct()
		if b.inScope(atom.Nobr, defaultScope) > 0 {
			b.adopt(atom.Nobr, "nobr")
			b.reconstruct()
		}
	default:
		b.reconstruct()
	}
	n := b.element(a, name, true)
	b.place(n)
	b.pushFormatting(n, b.push(n, k))
}

// reconstructs reports whether start tag a reopens the closed formatting
// elements before it is added: inline content does, blocks do not.
func reconstructs(a atom.Atom, k kind) bool {
	if k&(kSpecial|kClosesP) == 0 {
		switch a {
		case atom.Rb, atom.Rtc, atom.Rp, atom.Rt:
			return false
		}
		return true
	}
	switch a {
	case atom.Button, atom.Applet, atom.Marquee, atom.Object, atom.Area, atom.Br,
		atom.Embed, atom.Img, atom.Keygen, atom.Wbr, atom.Input, atom.Select:
		return true
	}
	return false
}

// Scopes beyond the default one (bounded by table, td, th, html …).
const (
	defaultScope = iota
	listScope    // also bounded by ul and ol
	buttonScope  // also bounded by button
)

// inScope returns the stack index of the innermost open HTML element a
// in the given scope, or -1 when there is none.
func (b *builder) inScope(a atom.Atom, scope int) int {
	for i := len(b.stack) - 1; i > 0; i-- {
		e := &b.stack[i]
		if e.isHTML(a) {
			return i
		}
		if e.k&kScope != 0 {
			return -1
		}
		if scope != defaultScope && e.k&kForeign == 0 {
			switch e.n.DataAtom {
			case atom.Ul, atom.Ol:
				if scope == listScope {
					return -1
				}
			case atom.Button:
				if scope == buttonScope {
					return -1
				}
			}
		}
	}
	return -1
}

// inTableScope returns the stack index of the innermost open table part
// a above the nearest table (the table itself for a == table), or -1.
func (b *builder) inTableScope(a atom.Atom) int {
	for i := len(b.stack) - 1; i > 0; i-- {
		e := &b.stack[i]
		if e.k&kForeign != 0 {
			continue
		}
		switch e.n.DataAtom {
		case a:
			return i
		case atom.Table, atom.Template, atom.Html:
			return -1
		}
	}
	return -1
}

func (b *builder) endTag() {
	a, name := b.lx.atom, b.lx.name
	if a != atom.Body && a != atom.Html {
		b.afterBody = 0
	}
	if b.phase < inBody && b.endBeforeBody(a) {
		return
	}
	if t := b.top(); t.k&kForeign != 0 {
		if a == atom.Br || a == atom.P {
			// These two end tags leave SVG and MathML like start tags.
			b.popForeign()
		} else if b.foreignEnd(name) {
			return
		}
	}
	if t := b.top(); b.mode() == atom.Colgroup {
		// A column group holds only columns: another end tag closes it.
		switch {
		case a == atom.Col:
			return
		case t.isHTML(atom.Colgroup):
			b.popTo(len(b.stack) - 1)
			if a == atom.Colgroup {
				return
			}
		default:
			return
		}
	}
	k := kindOf(a)
	switch a {
	case atom.Body, atom.Html:
		switch b.mode() {
		case atom.Body, atom.Html:
			if b.inScope(atom.Body, defaultScope) > 0 {
				b.afterBody = 1
				if a == atom.Html {
					b.afterBody = 2
				}
			}
		}
		return
	case atom.Br:
		b.lx.attrs = b.lx.attrs[:0]
		b.bodyStart(atom.Br, "br")
		return
	case atom.P:
		if i := b.inScope(atom.P, buttonScope); i > 0 {
			b.popTo(i)
			return
		}
		b.place(b.element(atom.P, "p", false))
		return
	case atom.Li:
		if i := b.inScope(atom.Li, listScope); i > 0 {
			b.popTo(i)
		}
		return
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		for i := len(b.stack) - 1; i > 0; i-- {
			e := &b.stack[i]
			if e.k&kHeading != 0 && e.k&kForeign == 0 {
				b.popTo(i)
				return
			}
			if e.k&kScope != 0 {
				return
			}
		}
		return
	case atom.Form:
		b.endForm()
		return
	case atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Td, atom.Th, atom.Caption, atom.Colgroup:
		if i := b.inTableScope(a); i > 0 {
			b.popTo(i)
		}
		return
	}
	switch {
	case k&kFormatting != 0:
		b.adopt(a, name)
	case k&kBlockEnd != 0:
		if i := b.inScope(a, defaultScope); i > 0 {
			b.popTo(i)
			if k&kMarker != 0 {
				b.clearToMarker()
			}
		}
	default:
		b.endOther(a, name)
	}
}

// endOther closes the innermost open element named by an end tag, unless
// a block was opened inside it: then the tag is ignored.
func (b *builder) endOther(a atom.Atom, name string) {
	for i := len(b.stack) - 1; i > 0; i-- {
		e := &b.stack[i]
		if e.k&kForeign == 0 && e.n.DataAtom == a && (a != 0 || e.n.Data == name) {
			b.popTo(i)
			return
		}
		if e.k&(kSpecial|kIntegration) != 0 {
			return
		}
	}
}

// endBeforeBody reads an end tag before the body; it returns false when
// the tag is to be read by the body rules after all.
func (b *builder) endBeforeBody(a atom.Atom) bool {
	for b.phase < inBody {
		switch b.phase {
		case beforeHTML, beforeHead:
			switch a {
			case atom.Head, atom.Body, atom.Html, atom.Br:
			default:
				return true
			}
			if b.phase == beforeHTML {
				b.createHTML(false)
			} else {
				b.createHead(false)
			}
		case inHead:
			switch a {
			case atom.Head:
				b.popHead()
				return true
			case atom.Body, atom.Html, atom.Br:
				b.popHead()
			default:
				return true
			}
		case afterHead:
			switch a {
			case atom.Body, atom.Html, atom.Br:
				b.createBody(false)
			default:
				return true
			}
		}
	}
	return false
}

// endForm closes the open form without closing the elements opened in
// it, as HTML5 does.
func (b *builder) endForm() {
	form := b.form
	b.form = nil
	if form == nil {
		return
	}
	for i := len(b.stack) - 1; i > 0; i-- {
		e := &b.stack[i]
		if e.n == form {
			for j := len(b.stack) - 1; j > i && b.stack[j].k&kImpliedEnd != 0 && b.stack[j].k&kForeign == 0; j-- {
				b.popTo(j)
			}
			b.remove(i)
			return
		}
		if e.k&kScope != 0 {
			return
		}
	}
}
