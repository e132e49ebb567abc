package extract

import (
	"slices"

	"golang.org/x/net/html"
)

// A government site's letter page (县长信箱, 领导信箱, 政民互动) often sets
// the citizen's letter and the office's reply in two blocks of their own
// classes (div.ask over div.reply, each a header line of name and date
// over a block of text), not as repeated posts of one class (posts.go's
// letterWithReply) nor as a label/value table (labelledCells). Whichever
// of the two wins on length, the page's content is both.

// letterAndReply returns the element holding the body block and the
// block beside it when one of them is the office's reply: a unit of
// running text opening (within its first 40 runes) with a reply label
// (回复单位, 答复时间 …), the other unit, before it, holding running text
// too. The units are body or one of its nearest three ancestors and
// their next (or previous) element sibling. nil when there is none.
func (p *page) letterAndReply(body *html.Node) *html.Node {
	if !p.holdsReplyLabel() {
		return nil
	}
	x := body
	for up := 0; up < 4 && x != nil && x.Parent != nil && !outerTag(x.Parent); up, x = up+1, x.Parent {
		if next := nextElement(x); next != nil && p.replyUnit(next) && p.runningUnit(x) {
			return x.Parent
		}
		if prev := prevElement(x); prev != nil && p.replyUnit(x) && p.runningUnit(prev) {
			return x.Parent
		}
	}
	return nil
}

// replyUnit reports whether n is an office's reply: running text whose
// first 40 runes hold a reply label.
func (p *page) replyUnit(n *html.Node) bool {
	return p.runningUnit(n) && officeReply(n)
}

// holdsReplyLabel reports whether the page's source holds a reply label
// anywhere (the page's one literal scan): on most pages none, and no
// block's text need be read for one.
func (p *page) holdsReplyLabel() bool {
	if p.replyLabel == 0 {
		p.replyLabel = 1
		if slices.ContainsFunc(replyLabels, p.rx.has) {
			p.replyLabel = 2
		}
	}
	return p.replyLabel == 2
}

// officeReply reports whether n's first 40 runes hold a reply label, or
// those of its parent: the reply's text under its header line
// (div.reply-con after div.reply-info).
func officeReply(n *html.Node) bool {
	for x, up := n, 0; x != nil && up < 2; x, up = x.Parent, up+1 {
		if containsAnyOf(truncateRunes(textOfN(x, 256), 40), replyLabels) {
			return true
		}
	}
	return false
}

// runningUnit reports whether n, outside the page's furniture, holds
// running text with few links.
func (p *page) runningUnit(n *html.Node) bool {
	s := p.statsOf(n)
	return s != nil && s.text-s.link >= 40 && s.punct >= 2 && !p.inChrome(n) && p.linkDensity(n) < 0.25
}

// nextElement and prevElement return n's nearest element sibling after
// and before it, nil when there is none.
func nextElement(n *html.Node) *html.Node {
	for c := n.NextSibling; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

func prevElement(n *html.Node) *html.Node {
	for c := n.PrevSibling; c != nil; c = c.PrevSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}
