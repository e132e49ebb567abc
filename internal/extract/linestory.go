package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// storyOfLines returns the block under the page's title that holds a
// story told in short lines — a poem, a list of couplets (春联), a
// 三句半, an appeal's points — each line an element of its own, four or
// more, none longer than a line of verse, no links: lines without
// sentence stops score nothing, so a box of the column beside them (a
// notice in sentences) outscores them. As storyOfPictures, only when the
// best block lies after the title, is no longer than a side box, and
// stands outside the part of the page that holds the title and the
// lines; the first such block after the title is the story.
func (p *page) storyOfLines(title, best *html.Node) *html.Node {
	if !p.sideBoxAfter(title, best) {
		return nil
	}
	var own *html.Node
	for o := p.lastOf(title) + 1; o < p.order.of(best) && own == nil; o++ {
		if n := p.all[o]; n.Type == html.ElementNode && !p.contains(n, best) && !p.inChrome(n) && p.shortLines(n) {
			own = n
		}
	}
	if own == nil {
		return nil
	}
	if part := p.partHolding(title, own); part == nil || p.contains(part, best) {
		return nil
	}
	return own
}

// maxVerseLine bounds the visible runes of a line of verse or of a
// point (storyOfLines).
const maxVerseLine = 40

// shortLines reports whether n holds nothing but lines of its own
// (paragraphs, divisions, list items), four or more with text, each of
// at most maxVerseLine runes, and no links.
func (p *page) shortLines(n *html.Node) bool {
	s := p.statsOf(n)
	if s == nil || s.link > 0 || s.text < 20 {
		return false
	}
	lines := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			if trimSpace(c.Data) != "" {
				return false // text between the lines: a paragraph's
			}
			continue
		case c.Type != html.ElementNode:
			continue
		}
		switch c.DataAtom {
		case atom.P, atom.Div, atom.Li:
		default:
			return false
		}
		cs := p.statsOf(c)
		if cs == nil || cs.text > maxVerseLine {
			return false
		}
		if cs.text > 0 {
			lines++
		}
	}
	return lines >= 4
}

// verseLines reports whether body is four lines or more, each no longer
// than a line of verse (maxVerseLine) and none dated: a poem or a list
// of points, which an article may be without a sentence stop, under its
// title element and dated info line — not a column's list of headlines
// and their dates set as lines without links (a script opens each).
func verseLines(body string) bool {
	n := 0
	for l := range strings.SplitSeq(body, "\n") {
		if !runesAtMost(l, maxVerseLine) {
			return false
		}
		if _, _, _, dated := findDate(fold(l)); dated {
			return false
		}
		n++
	}
	return n >= 4
}
