package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Blog archives, forum threads and comment lists repeat one block per post.
// The longest post is not the page's subject: the first one is (the newest
// entry of a blog page, the opening post of a thread). A group of repeated
// blocks is recognised by a shared tag and class (or id stem), at least two
// members holding running text, and a date in each member's post unit (the
// largest ancestor of the member holding no other member) — paragraphs of
// one article share classes too, but not a date each.

// postContainers are the tags a post body can be.
var postContainers = map[atom.Atom]bool{
	atom.Div: true, atom.Td: true, atom.Table: true, atom.Li: true, atom.Article: true,
	atom.Section: true, atom.Dd: true, atom.Tr: true, atom.Blockquote: true,
}

// postKey is the grouping key of a candidate post block, "" if none.
func postKey(n *html.Node) string {
	if n.Type != html.ElementNode || !postContainers[n.DataAtom] {
		return ""
	}
	if c := strings.TrimSpace(attr(n, "class")); c != "" {
		return n.Data + "." + c
	}
	if id := strings.TrimRight(attr(n, "id"), "0123456789_-"); id != "" && id != attr(n, "id") {
		return n.Data + "#" + id
	}
	return ""
}

// substantial reports whether n holds running text of its own.
func (p *page) substantial(n *html.Node) bool {
	s := p.statsOf(n)
	return s != nil && s.text-s.link >= 40 && s.punct >= 3 && !p.inChrome(n)
}

// firstPost returns the first post of the repeated post group that best
// belongs to (contains, or is inside), or nil when best is no such group.
func (p *page) firstPost(best *html.Node) *html.Node {
	groups := map[string][]*html.Node{}
	var walk func(*html.Node, int)
	walk = func(n *html.Node, depth int) {
		if depth > maxDepth {
			return
		}
		if n.Type == html.ElementNode && postContainers[n.DataAtom] && p.substantial(n) {
			if k := postKey(n); k != "" {
				groups[k] = append(groups[k], n)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && !isSkipTag(c.DataAtom) {
				walk(c, depth+1)
			}
		}
	}
	walk(p.root, 0)
	var pick *html.Node
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		// Nested members (a class reused inside itself) are not posts.
		nested := false
		for i := 1; i < len(g); i++ {
			if p.contains(g[i-1], g[i]) {
				nested = true
				break
			}
		}
		if nested {
			continue
		}
		in, inside := 0, false
		for _, m := range g {
			if p.contains(best, m) {
				in++
			}
			if p.contains(m, best) {
				inside = true
			}
		}
		if in < 2 && !inside {
			continue
		}
		if p.datedUnits(g, 2) < 2 {
			continue
		}
		if pick == nil || p.order.of(g[0]) < p.order.of(pick) {
			pick = g[0]
		}
	}
	return pick
}

// datedUnits counts the members of g whose post unit carries a date, up
// to enough.
func (p *page) datedUnits(g []*html.Node, enough int) int {
	dated := 0
	for _, m := range g {
		if dated >= enough {
			break
		}
		unit := m
		for x := m.Parent; x != nil; x = x.Parent {
			others := false
			for _, o := range g {
				if o != m && p.contains(x, o) {
					others = true
					break
				}
			}
			if others {
				break
			}
			unit = x
		}
		if _, _, _, ok := findDate(fold(truncateRunes(textOfN(unit, 16000), 3000))); ok {
			dated++
		}
	}
	return dated
}

// postUnit returns the largest ancestor of post m (a member of a repeated
// group) that holds no other substantial block of the same key.
func (p *page) postUnit(m *html.Node) *html.Node {
	k := postKey(m)
	unit := m
	for x, up := m.Parent, 0; x != nil && x.DataAtom != atom.Body && up < 10; x, up = x.Parent, up+1 {
		count := 0
		var walk func(*html.Node, int)
		walk = func(n *html.Node, depth int) {
			if count > 1 || depth > maxDepth {
				return
			}
			if postKey(n) == k && p.substantial(n) {
				count++
				return
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode {
					walk(c, depth+1)
				}
			}
		}
		walk(x, 0)
		if count > 1 {
			break
		}
		unit = x
	}
	return unit
}
