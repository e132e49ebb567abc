package extract

import (
	"bytes"
	"net/url"
	"strings"
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
	// resolved holds each reference resolved against base, once: a
	// body names the same address again (a list of attachments, an
	// image linking to itself), and resolving costs more than writing
	// a paragraph.
	resolved map[string]string
	pre      int // how many <pre> elements enclose the node being written

	// dropped are the blocks whose lines the cleaning dropped from the
	// text (see droppedBlocks): they are left out of the HTML too, but
	// for their images.
	dropped map[*html.Node]bool
	mute    int // > 0 inside a dropped block: only images are written
	left    int // how many blocks were left out
}

// renderBody renders the body blocks as cleaned HTML and collects their
// images (src, or a lazy-loading data-src/data-original), absolute.
// textSize, the length of the body's text, sizes the HTML's buffer.
// dropped are the blocks whose lines the text dropped: the HTML holds what
// the text holds, so they are left out, their images kept, and an element
// they leave empty goes with them.
func (p *page) renderBody(parts []*html.Node, textSize int, dropped map[*html.Node]bool, skip func(top *html.Node) func(*html.Node) bool) (string, []string) {
	m := &bodyMarkup{text: p.textOfNode, seen: map[string]bool{}, base: p.base, dropped: dropped}
	m.b.Grow(textSize + textSize/4 + 64) // the text and its tags
	for _, top := range parts {
		m.node(top, skip(top), 0, true)
	}
	return strings.TrimSpace(m.b.String()), m.images
}

func (m *bodyMarkup) abs(ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || hasPrefixASCIIFold(ref, "javascript:") || strings.HasPrefix(ref, "#") || hasPrefixASCIIFold(ref, "data:") {
		return ""
	}
	if m.base == nil {
		return ref
	}
	if abs, ok := m.resolved[ref]; ok {
		return abs
	}
	abs := ""
	if u, err := m.base.Parse(ref); err == nil {
		abs = u.String()
	}
	if m.resolved == nil {
		m.resolved = map[string]string{}
	}
	m.resolved[ref] = abs
	return abs
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
		if !(skip != nil && skip(n)) {
			m.image(n)
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
	if m.dropped[n] {
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

// image writes the <img> of n, its source absolute (src, or a lazy-loading
// data-src/data-original where src is empty or a placeholder), and notes
// the source among the images once.
func (m *bodyMarkup) image(n *html.Node) {
	src := attr(n, "src")
	for _, k := range []string{"data-src", "data-original", "original", "data-echo"} {
		if v := attr(n, k); v != "" && (src == "" || strings.Contains(src, "blank") || strings.Contains(src, "loading")) {
			src = v
		}
	}
	u := m.abs(src)
	if u == "" {
		return
	}
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

// blockLine is a line of the body's text and the block it is of (see
// bodyLine.block).
type blockLine struct {
	text  string
	block *html.Node
}

// blockLines returns the lines of lines that are a block's (their block
// set; see bodyLine), copied before the cleaning drops any: the drops
// filter the slice in place.
func blockLines(lines []bodyLine) []blockLine {
	n := 0
	for _, l := range lines {
		if l.block != nil {
			n++
		}
	}
	out := make([]blockLine, 0, n)
	for _, l := range lines {
		if l.block != nil {
			out = append(out, blockLine{l.text, l.block})
		}
	}
	return out
}

// maxSearches bounds the searches of a page's whole text droppedBlocks
// makes for lines it does not hold as they are: a few in most pages (the
// lines the cleaning dropped or cut), more in a page whose text holds its
// tables otherwise.
const maxSearches = 32

// droppedBlocks returns the blocks of lines whose lines the body text
// holds none of: a line counts as held as one of the text's lines, or
// where its first or last few characters stand in the text (a line the
// cleaning cut a prompt from, or joined to another, keeps its block).
// Past maxSearches, the blocks left are kept.
func droppedBlocks(lines []blockLine, body string) map[*html.Node]bool {
	if len(lines) == 0 {
		return nil
	}
	var dropped map[*html.Node]bool
	rest := body // the text after the last line found in it
	searches := 0
	held := func(l string) bool {
		// Mostly the next line of the text, or one of the next few.
		r := rest
		for range 4 {
			line, after, _ := strings.Cut(r, "\n")
			if line == l {
				rest = after
				return true
			}
			if after == "" {
				break
			}
			r = after
		}
		if searches++; searches > maxSearches {
			return true
		}
		head, tail := l, l
		if n := utf8.RuneCountInString(l); n > 2*lineEnds {
			head, tail = headRunes(l, lineEnds), l[len(headRunes(l, n-lineEnds)):]
		}
		return indexText(body, head) >= 0 || indexText(body, tail) >= 0
	}
	// A block's lines come one after another.
	for i := 0; i < len(lines); {
		j, any := i, false
		for ; j < len(lines) && lines[j].block == lines[i].block; j++ {
			any = any || held(lines[j].text)
		}
		if !any {
			if dropped == nil {
				dropped = map[*html.Node]bool{}
			}
			dropped[lines[i].block] = true
		}
		i = j
	}
	return dropped
}

// titleDropped adds to dropped the title's element among the body's
// first lines when the text does not open with its line: the cleaning
// dropped the title there (cleanBody: whole, or broken over two lines
// whose first the text's first sentence may repeat, so droppedBlocks
// finds it held).
func titleDropped(dropped map[*html.Node]bool, lines []blockLine, title *html.Node, body string) map[*html.Node]bool {
	for _, l := range lines[:min(len(lines), 4)] {
		if l.block != title {
			continue
		}
		if !strings.HasPrefix(body, l.text) {
			if dropped == nil {
				dropped = map[*html.Node]bool{}
			}
			dropped[title] = true
		}
		break
	}
	return dropped
}

// lineEnds is how many runes of a line's start or end droppedBlocks looks
// for.
const lineEnds = 8

// indexText returns the index of sub in s, as strings.Index does, faster
// where sub starts with a multi-byte rune: strings.Index looks for a first
// byte and then compares, and the lead byte of a Chinese character
// (0xe4–0xe9) is every third byte of a Chinese text, so it looks for sub
// from its first rune's last byte, one of 64, instead.
func indexText(s, sub string) int {
	_, size := utf8.DecodeRuneInString(sub)
	if size < 2 || len(sub) == size {
		return strings.Index(s, sub)
	}
	k := size - 1 // sub[k:] starts with the rune's last byte
	for from := k; from <= len(s); {
		i := strings.Index(s[from:], sub[k:])
		if i < 0 {
			return -1
		}
		at := from + i - k
		if s[at:at+k] == sub[:k] {
			return at
		}
		from += i + 1
	}
	return -1
}
