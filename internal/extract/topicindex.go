package extract

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// indexUnderTitle reports whether the part of the page that holds the
// title and the body also holds, after the body, a column's list of
// dated headlines (minIndexItems list items or more, each a headline
// link and a date) with more text than the body: a topic's landing page
// (专题) or a column's index that opens with a lead paragraph. Such a
// page shows no date of its own, and the date beside its link on a list
// would not make it an article (Result.Undated is false on it).
func (p *page) indexUnderTitle(title, body *html.Node) bool {
	if title == nil || body == nil {
		return false
	}
	part := p.partHolding(title, body)
	if part == nil || part.DataAtom == atom.Body || part.DataAtom == atom.Html {
		return false
	}
	items, text := 0, 0
	for o := p.lastOf(body) + 1; o <= p.lastOf(part); o++ {
		n := p.all[o]
		if n.Type != html.ElementNode || n.DataAtom != atom.Li && n.DataAtom != atom.Dd || !p.headlineLink(n, nil) {
			continue
		}
		if _, _, _, ok := findDate(fold(textOfN(n, 256))); ok {
			items++
			text += p.visibleIn(n)
		}
		o = p.lastOf(n)
	}
	return items >= minIndexItems && text > p.visibleIn(body)
}

// minIndexItems is how many dated headlines make a list a column's.
const minIndexItems = 5
