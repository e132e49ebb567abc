package extract

import (
	"sort"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The writer's box a template sets after the story, inside its
// container, whatever its classes are called: the writer's name, a
// portrait whose alt names the writer, the post and a biography (陈思远
// 江城日报评论员 [portrait] 陈思远，江城日报评论员，长期关注…). Its
// sentences are about the writer, not the story.

// maxWriterBox bounds the visible runes of a writer's box: a name, a
// post and a biography of a paragraph or three.
const maxWriterBox = 1200

// maxOpening bounds the nodes of a box's opening read for its portrait.
const maxOpening = 64

// writerBox reports whether the element at document order o, a block
// after the story's sentences in its container (the caller's), is the
// writer's box: a portrait box (portraitBox) that closes the container,
// after no other portrait box (a list of people, each a photo over
// the name and the deeds, is the story), holding fewer sentences than
// the rest of the page.
func (p *page) writerBox(o int) bool {
	n := p.all[o]
	if !wrapperTag(n) && n.DataAtom != atom.Aside || !p.portraitBox(o) || int(p.rawText[o].punct)*2 >= p.totalPunct {
		return false
	}
	for c := n.NextSibling; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && p.rawOf(c).text > 0 {
			return false // the container goes on after it
		}
	}
	for c := n.PrevSibling; c != nil; c = c.PrevSibling {
		if c.Type != html.ElementNode || p.rawOf(c).text == 0 {
			continue
		}
		co, ok := p.order.lookup(c)
		return !ok || !p.portraitBox(co)
	}
	return true
}

// portraitBox reports whether the element at document order o opens with
// a name and a portrait of it: its first text is a short line without
// punctuation (2 to 20 runes), and a picture whose alt holds that line
// stands among the box's first three texts.
func (p *page) portraitBox(o int) bool {
	if r := p.rawText[o]; r.text == 0 || r.text > maxWriterBox {
		return false
	}
	last := p.lastAt(o)
	k := sort.Search(len(p.texts), func(i int) bool { return p.texts[i].order > o })
	if k == len(p.texts) || p.texts[k].order > last {
		return false
	}
	first := &p.texts[k]
	name := trimSpace(first.text)
	if first.punct > 0 || first.vis < 2 || first.vis > 20 || name == "" {
		return false
	}
	// The box's opening: up to its fourth text, and no further than a
	// portrait's wrappers go (a linear pass over the page, however
	// deep its boxes nest).
	hi := min(last, o+maxOpening)
	if k+3 < len(p.texts) && p.texts[k+3].order < hi {
		hi = p.texts[k+3].order
	}
	for i := o + 1; i <= hi; i++ {
		if c := p.all[i]; c.Type == html.ElementNode && c.DataAtom == atom.Img && strings.Contains(attr(c, "alt"), name) {
			return true
		}
	}
	return false
}
