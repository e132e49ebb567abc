package extract

import (
	"bytes"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// keepTag reports whether BodyHTML keeps elements of tag a (after
// renameTag); every other element is unwrapped, its text kept.
func keepTag(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Br, atom.Img, atom.A, atom.Strong, atom.Em, atom.Table, atom.Tr, atom.Td,
		atom.Ul, atom.Ol, atom.Li, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Blockquote, atom.Pre:
		return true
	}
	return false
}

// renameTag returns the tag BodyHTML writes for tag a: b→strong, i→em,
// th→td, h1→h2, others unchanged.
func renameTag(a atom.Atom) atom.Atom {
	switch a {
	case atom.B:
		return atom.Strong
	case atom.I:
		return atom.Em
	case atom.Th:
		return atom.Td
	case atom.H1:
		return atom.H2
	}
	return a
}

// bodyMarkup is the BodyHTML and the image URLs of the body blocks.
type bodyMarkup struct {
	text   func(*html.Node) string // a text node's collapsed text
	b      bytes.Buffer
	images []string
	seen   map[string]bool
	base   *url.URL
	pre    int // how many <pre> elements enclose the node being written

	// body is the article's text without white space: a block whose
	// text it does not hold was dropped from the text (a prompt, a
	// credits or info line, the title, a footer) and is left out of the
	// HTML too, but for its images (see leftOut). at is where the last
	// block's text was found: blocks come in the text's order.
	body string
	at   int
	key  []byte
	mute int // > 0 inside a left-out block: only images are written
	left int // how many blocks were left out
}

// renderBody renders the body blocks as cleaned HTML and collects their
// images (src, or a lazy-loading data-src/data-original), absolute.
// body is the article's text, cleaned (its length sizes the HTML's buffer).
//
// The HTML holds what the text holds: a block (an element holding only
// inline content) whose text the body text does not hold at all was
// dropped from it by the cleaning after the container was chosen, and is
// left out here as well, its images kept.
func (p *page) renderBody(parts []*html.Node, body string, skip func(top *html.Node) func(*html.Node) bool) (string, []string) {
	m := &bodyMarkup{text: p.textOfNode, seen: map[string]bool{}, base: p.base}
	m.body = string(appendWithoutSpace(make([]byte, 0, len(body)), body))
	m.b.Grow(len(body) + len(body)/4 + 64) // the text and its tags
	for _, top := range parts {
		m.node(top, skip(top), 0, true)
	}
	return strings.TrimSpace(m.b.String()), m.images
}

func (m *bodyMarkup) abs(ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || strings.HasPrefix(strings.ToLower(ref), "javascript:") || strings.HasPrefix(ref, "#") {
		return ""
	}
	if strings.HasPrefix(strings.ToLower(ref), "data:") {
		return ""
	}
	if m.base == nil {
		return ref
	}
	u, err := m.base.Parse(ref)
	if err != nil {
		return ""
	}
	return u.String()
}

// onlyInline reports whether n has no block element children.
func onlyInline(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && isBlockTag(c.DataAtom) && c.DataAtom != atom.Br {
			return false
		}
	}
	return true
}

func (m *bodyMarkup) node(n *html.Node, skip func(*html.Node) bool, depth int, top bool) {
	switch n.Type {
	case html.TextNode:
		if m.mute > 0 {
			return
		}
		if m.pre > 0 {
			writeEscaped(&m.b, n.Data) // its line breaks and spacing kept
			return
		}
		writeEscaped(&m.b, m.text(n))
		return
	case html.ElementNode:
	default:
		return
	}
	if depth > maxDepth {
		return
	}
	if n.DataAtom == atom.Img {
		src := attr(n, "src")
		for _, k := range []string{"data-src", "data-original", "original", "data-echo"} {
			if v := attr(n, k); v != "" && (src == "" || strings.Contains(src, "blank") || strings.Contains(src, "loading")) {
				src = v
			}
		}
		if u := m.abs(src); u != "" && !(skip != nil && skip(n)) {
			if !m.seen[u] {
				m.seen[u] = true
				m.images = append(m.images, u)
			}
			m.b.WriteString(`<img src="`)
			writeEscaped(&m.b, u)
			m.b.WriteByte('"')
			if alt := trimSpace(attr(n, "alt")); alt != "" {
				m.b.WriteString(` alt="`)
				writeEscaped(&m.b, alt)
				m.b.WriteByte('"')
			}
			m.b.WriteString(">")
		}
		return
	}
	if isSkipTag(n.DataAtom) || (!top && skip != nil && skip(n)) {
		return
	}
	if m.mute > 0 {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			m.node(c, skip, depth+1, false)
		}
		return
	}
	if m.leftOut(n, skip) {
		m.left++
		m.mute++
		m.node(n, skip, depth, top)
		m.mute--
		return
	}
	start, left := m.b.Len(), m.left
	a := renameTag(n.DataAtom)
	tag := ""
	switch {
	case keepTag(a):
		tag = a.String()
	case (a == atom.Div || a == atom.Section || a == atom.Center || a == atom.Article) && onlyInline(n) && countVisible(textOfN(n, 16)) > 0:
		tag = "p" // a <div> used as a paragraph
	}
	if a == atom.A {
		href := m.abs(attr(n, "href"))
		if href == "" {
			tag = ""
		} else {
			m.b.WriteString(`<a href="`)
			writeEscaped(&m.b, href)
			m.b.WriteString(`">`)
		}
	} else if tag != "" {
		m.b.WriteByte('<')
		m.b.WriteString(tag)
		m.b.WriteByte('>')
	}
	if a == atom.Br {
		return
	}
	if a == atom.Pre {
		m.pre++
		defer func() { m.pre-- }()
	}
	open := m.b.Len()
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		m.node(c, skip, depth+1, false)
	}
	if m.left > left && len(bytes.TrimSpace(m.b.Bytes()[open:])) == 0 {
		m.b.Truncate(start) // nothing left in it but what was left out
		return
	}
	if tag != "" {
		m.b.WriteString("</")
		m.b.WriteString(tag)
		m.b.WriteByte('>')
	}
	if tag == "p" || tag == "tr" || tag == "li" || tag == "table" || tag == "pre" || strings.HasPrefix(tag, "h") {
		m.b.WriteByte('\n')
	}
}

// leftOut reports whether n is a block of inline content whose text the
// body text does not hold: not at all, nor its first or its last few
// characters (a block the cleaning cut a prompt from keeps its place).
func (m *bodyMarkup) leftOut(n *html.Node, skip func(*html.Node) bool) bool {
	if m.pre > 0 || !isBlockTag(n.DataAtom) || n.DataAtom == atom.Br || !onlyInline(n) {
		return false
	}
	m.key = m.key[:0]
	m.blockText(n, skip)
	key := string(m.key)
	if key == "" {
		return false
	}
	if i := strings.Index(m.body[m.at:], key); i >= 0 {
		m.at += i + len(key)
		return false
	}
	if strings.Contains(m.body, key) {
		return false
	}
	const ends = 8 // runes
	head, tail := key, key
	if r := []rune(key); len(r) > 2*ends {
		head, tail = string(r[:ends]), string(r[len(r)-ends:])
	}
	return !strings.Contains(m.body, head) && !strings.Contains(m.body, tail)
}

// blockText appends the text below n, as the body text has it, without
// white space to m.key.
func (m *bodyMarkup) blockText(n *html.Node, skip func(*html.Node) bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			m.key = appendWithoutSpace(m.key, m.text(c))
		case c.Type != html.ElementNode || isSkipTag(c.DataAtom) || skip != nil && skip(c):
		default:
			m.blockText(c, skip)
		}
	}
}

// appendWithoutSpace appends s to b without its white space and format
// characters (zero-width spaces, joiners).
func appendWithoutSpace(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c > ' ' && c != 0x7f {
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) && !unicode.Is(unicode.Cf, r) {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return b
}

// writeEscaped writes s to b as html.EscapeString escapes it: &, ', <, >,
// " and carriage return as character references. Eight bytes are looked
// at at once: first whether one is below 0x40 (none is in most of a
// Chinese text, whose bytes are above 0x7F), then whether one is any of
// the six.
func writeEscaped(b *bytes.Buffer, s string) {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	last := 0 // s[last:i] is still to be written
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		// (x-ones)&^x&highs is nonzero exactly when a byte of x is 0.
		if (w-0x40*ones)&^w&highs == 0 {
			continue
		}
		found := uint64(0)
		for _, c := range [...]uint64{'&', '\'', '<', '>', '"', '\r'} {
			x := w ^ c*ones
			found |= (x - ones) &^ x
		}
		if found&highs == 0 {
			continue
		}
		for j := i; j < i+8; j++ {
			if esc := escapeOf(s[j]); esc != "" {
				b.WriteString(s[last:j])
				b.WriteString(esc)
				last = j + 1
			}
		}
	}
	for ; i < len(s); i++ {
		if esc := escapeOf(s[i]); esc != "" {
			b.WriteString(s[last:i])
			b.WriteString(esc)
			last = i + 1
		}
	}
	b.WriteString(s[last:])
}

// escapeOf is the character reference html.EscapeString writes for c, ""
// for a byte it leaves.
func escapeOf(c byte) string {
	switch c {
	case '&':
		return "&amp;"
	case '\'':
		return "&#39;"
	case '<':
		return "&lt;"
	case '>':
		return "&gt;"
	case '"':
		return "&#34;"
	case '\r':
		return "&#13;"
	}
	return ""
}
