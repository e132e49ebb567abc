package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Some templates send the article's text inert and let a script show
// it: the markup sits in a <textarea> or a <script type="text/template">
// (text/html, text/x-template, text/plain), or in an <iframe srcdoc>,
// and the content container stays empty in the page as sent. A browser
// shows the text where the script puts it; a parse of the page finds a
// titled page with no body. heldText finds the markup such a holder
// keeps and heldPage is the page with the holder replaced by it, which
// ExtractDocument extracts instead — only for a page that is no
// article and whose body has next to no text, so that a page whose
// text is read costs nothing.

// heldTypes are the script types that hold markup a script inserts.
var heldTypes = map[string]bool{"text/template": true, "text/html": true, "text/x-template": true, "text/plain": true, "text/x-tmpl": true}

// minHeldStops is how many sentence stops (。！？) a holder's markup
// needs to be an article's text: a list item's template holds none or
// one.
const minHeldStops = 3

// heldHolder is an element that holds markup inert, the markup, the tag
// that opens it in the page's source and which of the page's elements
// of that tag it is, in document order.
type heldHolder struct {
	n      *html.Node
	markup string
	tag    string
	nth    int
}

// heldText returns the first holder under root whose markup has
// minHeldStops sentence stops or more.
func heldText(root *html.Node) (heldHolder, bool) {
	counts := map[atom.Atom]int{}
	var found heldHolder
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			var markup string
			switch c.DataAtom {
			case atom.Textarea:
				markup = childText(c)
			case atom.Script:
				if heldTypes[strings.ToLower(strings.TrimSpace(attr(c, "type")))] {
					markup = childText(c)
				}
			case atom.Iframe:
				markup = attr(c, "srcdoc")
			}
			switch c.DataAtom {
			case atom.Textarea, atom.Script, atom.Iframe:
				nth := counts[c.DataAtom]
				counts[c.DataAtom]++
				if countStops(markup) >= minHeldStops && paragraphMarkup(markup) {
					found = heldHolder{c, markup, c.Data, nth}
					return true
				}
				continue
			}
			if walk(c) {
				return true
			}
		}
		return false
	}
	if walk(root) {
		return found, true
	}
	return heldHolder{}, false
}

// childText returns the text of n's one text child (a textarea's or a
// script's content).
func childText(n *html.Node) string {
	if c := n.FirstChild; c != nil && c.Type == html.TextNode && c.NextSibling == nil {
		return c.Data
	}
	return ""
}

// paragraphMarkup reports whether s holds the markup of paragraphs
// (<p>, <br>, <div>): a text's, not a comment form's plain words.
func paragraphMarkup(s string) bool {
	return indexASCIIFold(s, "<p") >= 0 || indexASCIIFold(s, "<br") >= 0 || indexASCIIFold(s, "<div") >= 0
}

// countStops counts the sentence stops of s, up to minHeldStops.
func countStops(s string) int {
	n := 0
	for _, stop := range []string{"。", "！", "？"} {
		n += strings.Count(s, stop)
	}
	return n
}

// heldPage returns raw with the holder's element — from its opening
// tag, the nth of its name in raw, to its closing tag — replaced by a
// <div> of its markup, and whether it found that element: its opening
// tags in raw are counted as the parser met them (one inside a comment
// or a script's string would shift the count), so the element found
// must hold the markup the parse gave it (a textarea's or srcdoc's
// once its character references are read).
func heldPage(raw string, h heldHolder) (string, bool) {
	open, closing := "<"+h.tag, "</"+h.tag
	at := -1
	for k, off := 0, 0; k <= h.nth; k++ {
		i := indexASCIIFold(raw[off:], open)
		if i < 0 {
			return "", false
		}
		at = off + i
		off = at + len(open)
		if off < len(raw) && !isTagEnd(raw[off]) {
			k-- // <scripts>, <iframex>: another name
		}
	}
	tagEnd := openingTagEnd(raw, at+len(open))
	if tagEnd < 0 {
		return "", false
	}
	end := indexASCIIFold(raw[tagEnd:], closing)
	if end < 0 {
		return "", false
	}
	content := raw[tagEnd : tagEnd+end]
	closeEnd := strings.IndexByte(raw[tagEnd+end:], '>')
	if closeEnd < 0 {
		return "", false
	}
	closeEnd += tagEnd + end + 1
	switch h.tag {
	case "script":
		if content != h.markup {
			return "", false
		}
	case "textarea":
		if strings.TrimPrefix(html.UnescapeString(content), "\n") != strings.TrimPrefix(h.markup, "\n") {
			return "", false
		}
	case "iframe":
		if !strings.Contains(html.UnescapeString(raw[at:tagEnd]), h.markup) {
			return "", false
		}
	}
	var b strings.Builder
	b.Grow(len(raw) + len(h.markup))
	b.WriteString(raw[:at])
	b.WriteString("<div>")
	b.WriteString(h.markup)
	b.WriteString("</div>")
	b.WriteString(raw[closeEnd:])
	return b.String(), true
}

// openingTagEnd returns the offset right after the '>' closing the tag
// whose attributes start at from, past quoted values (a srcdoc's markup
// may hold '>' unescaped), or -1.
func openingTagEnd(raw string, from int) int {
	var quote, last byte // the open quote; the last byte outside quotes but white space
	for i := from; i < len(raw); i++ {
		switch c := raw[i]; {
		case quote != 0:
			if c == quote {
				quote, last = 0, c
			}
		case (c == '"' || c == '\'') && last == '=':
			quote = c
		case c == '>':
			return i + 1
		case !isTagEnd(c) || c == '/':
			last = c
		}
	}
	return -1
}

// indexASCIIFold is strings.Index of sub, a lower-case ASCII tag
// opening (<textarea, </script), in s with its ASCII letters in either
// case.
func indexASCIIFold(s, sub string) int {
	for off := 0; ; {
		i := strings.IndexByte(s[off:], '<')
		if i < 0 {
			return -1
		}
		i += off
		if len(s)-i < len(sub) {
			return -1
		}
		if asciiLowerEqual(s[i:i+len(sub)], sub) {
			return i
		}
		off = i + 1
	}
}

// asciiLowerEqual reports whether s, its ASCII capitals lowered, is sub.
func asciiLowerEqual(s, sub string) bool {
	for j := 0; j < len(sub); j++ {
		c := s[j]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != sub[j] {
			return false
		}
	}
	return true
}

// isTagEnd reports whether c may follow a tag's name.
func isTagEnd(c byte) bool {
	return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}
