package extract

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// storyOfPictures returns the block under the page's title that holds a
// story told in pictures or a video — 图片新闻, two pictures or more,
// each with its caption, and a sentence or two; 视频新闻, a player
// (<video>, <embed>, <object>) and a short description — when the best
// block of the page lies after the title and outside the part of the
// page that holds the title and that block: a box of the column beside
// it (a county's 县情简介, a notice) has more sentences than the
// captions, but the page's story is under its title. It returns nil
// when best holds the title or precedes it, when the part holding the
// title and the block holds best too (pictures opening a longer text),
// when best is longer than a side box is (maxSideBox: a text that long
// after the pictures is the story's own), or when the block has neither
// two pictures nor a player, or no sentences worth a tenth of best's
// score (storyBlock).
func (p *page) storyOfPictures(title, best *html.Node) *html.Node {
	if !p.sideBoxAfter(title, best) {
		return nil
	}
	own := p.storyBlock(p.lastOf(title)+1, p.order.of(best), p.blockScore(best), func(n *html.Node) bool {
		return p.contains(n, best)
	})
	if own == nil || p.contentPictures([]*html.Node{own}) < 2 && !p.holdsPlayer(own) {
		return nil
	}
	if part := p.partHolding(title, own); part == nil || p.contains(part, best) {
		return nil
	}
	return own
}

// sideBoxAfter reports whether best, the best block of the page, may be
// a box of the column beside the story under title: it lies after the
// title, holds no part of it, and is no longer than a side box is.
func (p *page) sideBoxAfter(title, best *html.Node) bool {
	if title == nil || best == nil || p.contains(best, title) || p.order.of(best) <= p.lastOf(title) {
		return false
	}
	s := p.statsOf(best)
	return s != nil && s.text <= maxSideBox
}

// partHolding returns the part of the page that holds the title and n:
// the title's nearest ancestor holding n, or nil.
func (p *page) partHolding(title, n *html.Node) *html.Node {
	part := title.Parent
	for part != nil && !p.contains(part, n) {
		part = part.Parent
	}
	return part
}

// maxSideBox bounds the visible runes of a box in the column beside a
// story (a county's 县情简介, a few notices): a few hundred.
const maxSideBox = 600

// holdsPlayer reports whether n holds a media player: a <video>, or an
// <embed> or <object> (an old template's Flash player).
func (p *page) holdsPlayer(n *html.Node) bool {
	at := p.order.of(n)
	for o := at + 1; o <= p.lastAt(at); o++ {
		switch p.all[o].DataAtom {
		case atom.Video, atom.Embed, atom.Object:
			return true
		}
	}
	return false
}
