package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// bioHeadings are the headings of a box that presents the writer rather
// than the story: the author's biography that a column (专栏) or an
// opinion page sets after the article, in simplified and traditional
// characters.
var bioHeadings = []string{
	"作者简介", "作者介绍", "关于作者", "作者档案", "专栏作者", "作者簡介", "作者介紹", "關於作者", "專欄作者",
	"About the author", "About the Author",
}

// headedBio reports whether the element at document order o is a box
// headed by one of bioHeadings — its first child, alone on its line, says
// so — on a page that holds most of its sentences elsewhere. A long
// biography under a short commentary outweighs it, and its score drew
// the body up to the column holding both (title and "more by this
// author" list included); the box is furniture, as a comment box is. A
// biography written as a line of the article ("作者简介：…" in a
// paragraph) is no box of its own and stays.
func (p *page) headedBio(o int) bool {
	n := p.all[o]
	if !wrapperTag(n) && n.DataAtom != atom.Aside {
		return false
	}
	first := n.FirstChild
	for first != nil && first.Type == html.TextNode && trimSpace(first.Data) == "" {
		first = first.NextSibling
	}
	if first == nil || first.Type != html.ElementNode {
		return false
	}
	fo, ok := p.order.lookup(first)
	if !ok || p.rawText[fo].text < 4 || p.rawText[fo].text > 18 {
		return false // the labels are 4 to 16 runes long: most first children are asked no more
	}
	r := p.rawText[o]
	if int(r.punct)*2 >= p.totalPunct {
		return false
	}
	head := strings.TrimRight(textOfN(first, 64), ":： ")
	for _, h := range bioHeadings {
		if head == h {
			return true
		}
	}
	return false
}
