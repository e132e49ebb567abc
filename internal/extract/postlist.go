package extract

import (
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// postList reports whether the element at document order o is a list of
// readers' posts (comments, messages), whatever its classes and its
// heading say: a run of two units or more of one tag and class among its
// children, or among the children of one of them, each with a date on a
// short line of its own (江城网友 2024-05-20 10:12, "30 Nov 2020") beside
// words outside links, that hold most of its text. An article's dated
// blocks (one per event) date the event inside their sentences, and a
// list of headlines has its words in links.
func (p *page) postList(o int) bool {
	n, r := p.all[o], p.rawText[o]
	if !isPostContainer(n.DataAtom) || r.punctOut < 2 || r.text-r.link < 20 || int(r.punct)*2 >= p.totalPunct {
		return false // no list, or one holding most of the page's sentences
	}
	if p.datedRun(n, r.text) {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && isPostContainer(c.DataAtom) && p.datedRun(c, r.text) {
			return true
		}
	}
	return false
}

// datedRun reports whether the children of n hold a run of siblings of
// one tag and class, two or more of them readers' posts (datedPost),
// whose posts hold half of total runes or more.
func (p *page) datedRun(n *html.Node, total int32) bool {
	if !pairedChildren(n) {
		return false
	}
	var prev *html.Node
	dated, text := 0, int32(0)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if prev == nil || c.DataAtom != prev.DataAtom || attr(c, "class") != attr(prev, "class") {
			dated, text = 0, 0 // a new run
		}
		prev = c
		if !isPostContainer(c.DataAtom) {
			continue
		}
		co, ok := p.order.lookup(c)
		if !ok || !p.datedPost(co) {
			continue
		}
		dated++
		text += p.rawText[co].text
		if dated >= 2 && text*2 >= total {
			return true
		}
	}
	return false
}

// maxPostText bounds the visible runes of a reader's post: a comment is
// a few sentences, a story (a blog's post among others) is longer.
const maxPostText = 600

// datedPost reports whether the element at document order o reads as a
// reader's post: ten runes or more outside links, and not more than
// maxPostText, and a header of short lines (at most 30 runes, no
// punctuation) that dates it and names the poster — a line holding a
// date, and another short line or more than the date on that one
// (江城网友 2024-05-20 18:02). A chronicle's item, its date alone over
// its sentences, names no one.
func (p *page) datedPost(o int) bool {
	r := p.rawText[o]
	if r.text-r.link < 10 || r.punctOut == 0 || r.text > maxPostText {
		return false
	}
	last := p.lastAt(o)
	k := sort.Search(len(p.texts), func(i int) bool { return p.texts[i].order > o })
	dated, named, short := false, false, 0
	// The header: among the post's first twelve texts.
	for end := k + 12; k < end && k < len(p.texts) && p.texts[k].order <= last; k++ {
		t := &p.texts[k]
		if t.vis > 30 || t.punct > 0 {
			continue
		}
		short++
		if dated || t.vis < 6 {
			continue
		}
		if _, _, _, ok := findNumericDate(fold(t.text)); ok || hasASCIILetter(t.text) && monthDate.MatchString(t.text) {
			dated = true
			named = beyondDate(t.text)
		}
	}
	return dated && (named || short >= 2)
}

// beyondDate reports whether line l holds two runes or more besides the
// digits and signs of a date and time (a poster's name before it).
func beyondDate(l string) bool {
	n := 0
	for _, r := range l {
		if r >= '0' && r <= '9' || strings.ContainsRune(" -/:.年月日时分秒", r) {
			continue
		}
		if n++; n >= 2 {
			return true
		}
	}
	return false
}

// pairedChildren reports whether two element children of n in a row are
// post containers of one tag and class: where a run of posts may be.
func pairedChildren(n *html.Node) bool {
	var prev *html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if prev != nil && c.DataAtom == prev.DataAtom && isPostContainer(c.DataAtom) && attr(c, "class") == attr(prev, "class") {
			return true
		}
		prev = c
	}
	return false
}

// hasASCIILetter reports whether s holds a letter of the Latin alphabet,
// as a date by a month's name does.
func hasASCIILetter(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c >= 'a' && c <= 'z' {
			return true
		}
	}
	return false
}
