package extract

import (
	"net/url"
	"sort"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// avatarAuthor returns the name an account's chip by the title shows,
// read from its structure alone, whatever its classes are called: a
// picture standing alone (the writer's avatar, in wrappers or a link with
// no text of their own), the name as the first text after it, and one
// sign that the picture is the name's — both in one link (the account's
// page), the picture's alt or its link's title the name, or a box that
// opens with the picture and dates the post after the name (江城生活观察
// 2024-05-18 09:32, as self-media platforms and blogs set their account
// line). A box that opens with text (an info line with a print icon after
// the date) shows no avatar. The chip is looked for among the first short
// lines under the title (up to the first running text, which may open
// the body's block), then among the last few before it (a header holding
// the account line over the headline).
func (p *page) avatarAuthor(title *html.Node, editor string) string {
	if title == nil {
		return ""
	}
	at, lo := p.order.of(title), p.lastOf(title)
	i := sort.Search(len(p.texts), func(i int) bool { return p.texts[i].order > lo })
	hi := len(p.all)
	for k := i; k < len(p.texts); k++ {
		if t := &p.texts[k]; k-i >= avatarLines || t.punct > 0 && t.vis > 20 || t.vis > 60 {
			hi = t.order // running text, or beyond the lines an info zone has
			break
		}
	}
	if v := p.avatarIn(lo, hi, editor); v != "" {
		return v
	}
	j := sort.Search(len(p.texts), func(j int) bool { return p.texts[j].order >= at })
	from := -1 // after the text before the last few lines over the title
	if j -= avatarLines / 2; j > 0 {
		from = p.texts[j-1].order
	}
	return p.avatarIn(from, at, editor)
}

// avatarLines is how many lines by the title avatarAuthor reads: a
// platform's info zone (account, date, counts, a follow button) is short.
const avatarLines = 10

// avatarIn returns the name of the first avatar chip (see avatarAuthor)
// whose picture lies strictly between the document orders lo and hi.
func (p *page) avatarIn(lo, hi int, editor string) string {
	for o := lo + 1; o < hi && o < len(p.all); o++ {
		n := p.all[o]
		if n.Type != html.ElementNode || n.DataAtom != atom.Img || p.under[o]&underChrome != 0 {
			continue
		}
		if v := p.avatarName(n, hi, editor); v != "" {
			return v
		}
	}
	return ""
}

// avatarName returns the name a picture img is the avatar of (see
// avatarAuthor), looking no further than order hi.
func (p *page) avatarName(img *html.Node, hi int, editor string) string {
	// The picture's wrappers: elements with no text of their own.
	w := img
	for i := 0; i < 3 && w.Parent != nil && w.Parent.Type == html.ElementNode && w.Parent.DataAtom != atom.Body; i++ {
		if p.visibleIn(w.Parent) > 0 {
			break
		}
		w = w.Parent
	}
	texts := p.textsBetween(p.lastOf(w), hi)
	if len(texts) == 0 {
		return ""
	}
	t := texts[0]
	if p.under[t.order]&underChrome != 0 {
		return ""
	}
	// No other picture between the avatar and the name: a row of
	// pictures over captions is a gallery.
	for o := p.lastOf(w) + 1; o < t.order; o++ {
		if x := p.all[o]; x.Type == html.ElementNode && x.DataAtom == atom.Img {
			return ""
		}
	}
	v := trimSpace(collapseSpace(t.text))
	if v == "" || !runesAtMost(v, 20) || runeLen(v) < 2 || hasAnyLabel(v) || !p.okAuthor(v, editor) {
		return ""
	}
	imgLink, nameLink := enclosingLink(img), enclosingLink(t.n)
	if nameLink != nil && frontPage(attr(nameLink, "href")) {
		return "" // a channel's logo and its name linking to its front page
	}
	switch {
	case imgLink != nil && (imgLink == nameLink || nameLink != nil && attr(imgLink, "href") != "" && attr(imgLink, "href") == attr(nameLink, "href")):
		return v // the account's page behind both
	case trimSpace(attr(img, "alt")) == v || imgLink != nil && (trimSpace(attr(imgLink, "title")) == v || trimSpace(attr(imgLink, "alt")) == v):
		return v
	}
	// A box opening with the avatar that dates the post after the name.
	box := w.Parent
	for box != nil && box.Type == html.ElementNode && !p.contains(box, t.n) {
		if p.visibleIn(box) > 0 {
			return "" // text before the name: the picture opens no box
		}
		box = box.Parent
	}
	if box == nil || box.Type != html.ElementNode || box.DataAtom == atom.Body {
		return ""
	}
	bo := p.order.of(box)
	before := p.textsBetween(bo, p.order.of(w))
	if len(before) > 0 {
		return ""
	}
	rest := ""
	for _, x := range p.textsBetween(t.order, p.lastOf(box)+1) {
		rest += x.text
		if len(rest) > 240 {
			return "" // more than an account's line
		}
	}
	if f := fold(rest); !clockOrDate(f) {
		return ""
	}
	return v
}

// enclosingLink returns the link n sits in (n itself when it is one), or
// nil.
func enclosingLink(n *html.Node) *html.Node {
	for x := n; x != nil; x = x.Parent {
		if x.Type == html.ElementNode && x.DataAtom == atom.A {
			if isLink(x) {
				return x
			}
			return nil
		}
	}
	return nil
}

// clockOrDate reports whether folded text f holds a date or a time of
// day (10:07, as a post's line shows today's posts).
func clockOrDate(f string) bool {
	if _, _, _, ok := findDate(f); ok {
		return true
	}
	for i := 1; i+2 < len(f); i++ {
		if f[i] == ':' && isDigitByte(f[i-1]) && isDigitByte(f[i+1]) && isDigitByte(f[i+2]) {
			return true
		}
	}
	return false
}

// frontPage reports whether href leads to a site's front page: a path of
// "/" or none, with no query ("http://biz.example.com", "/").
func frontPage(href string) bool {
	u, err := url.Parse(trimSpace(href))
	return err == nil && (u.Path == "" || u.Path == "/") && u.RawQuery == "" && u.Opaque == "" && (u.Host != "" || u.Path == "/")
}
