package extract

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// storyAfterTitle returns the best block of sentences after the page's
// title when the best block of the page lies wholly before it: a box in
// the column beside the story (a county's 县情简介, a notice), longer
// than a short story, is no story of this page, whose text follows its
// title. It returns nil when best holds or follows the title, when the
// title element says less than half of the title <title> declares (a
// section's heading that shares a word with it, "Tips", is no anchor),
// or no block after the title carries sentences worth a tenth of best's
// score.
func (p *page) storyAfterTitle(title, best *html.Node) *html.Node {
	if title == nil || best == nil || p.contains(best, title) || p.lastOf(best) >= p.order.of(title) {
		return nil
	}
	declared := p.titleFromHTMLTitle()
	if l := runeLen(declared); l == 0 || lcs(textOfN(title, 600), declared)*2 < l {
		return nil
	}
	return p.storyBlock(p.lastOf(title)+1, len(p.all), p.blockScore(best), func(*html.Node) bool { return false })
}

// storyBlock returns the best-scoring block of sentences (two stops or
// more, outside furniture) with document order in [lo, hi) that out
// is false of, raised from a paragraph to its container, when it scores
// a tenth of bs or more (bs: the best block's score, which it stands
// in for); else nil.
func (p *page) storyBlock(lo, hi int, bs float64, out func(*html.Node) bool) *html.Node {
	var own *html.Node
	ownScore := 0.0
	for o := lo; o < hi; o++ {
		n := p.byOrder(o)
		if n == nil || n.Type != html.ElementNode || out(n) {
			continue
		}
		s := p.statsOf(n)
		if s == nil || s.punct < 2 || p.inChrome(n) {
			continue
		}
		if sc := p.blockScore(n); sc > ownScore {
			own, ownScore = n, sc
		}
	}
	if own == nil || ownScore < 0.1*bs {
		return nil
	}
	for (own.DataAtom == atom.P || own.DataAtom == atom.Span || own.DataAtom == atom.Font) && own.Parent != nil && !out(own.Parent) {
		own = own.Parent
	}
	return own
}
