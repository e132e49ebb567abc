package extract

import (
	"slices"
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

// isPostContainer reports whether a post body can be an element of tag a.
func isPostContainer(a atom.Atom) bool {
	switch a {
	case atom.Div, atom.Td, atom.Table, atom.Li, atom.Article, atom.Section, atom.Dd, atom.Tr, atom.Blockquote:
		return true
	}
	return false
}

// postKey is the grouping key of a candidate post block, "" if none.
func postKey(n *html.Node) string {
	if n.Type != html.ElementNode || !isPostContainer(n.DataAtom) {
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
	o, ok := p.order.lookup(n)
	return ok && p.substantialAt(o)
}

// substantialAt is substantial for the node at document order o.
func (p *page) substantialAt(o int) bool {
	s := &p.stats[o]
	return s.text-s.link >= 40 && s.punct >= 3 && p.under[o]&underChrome == 0
}

// firstPost returns the first post of the repeated post group that best
// belongs to (contains, or is inside), or nil when best is no such group,
// with the group and the first member of the outermost group, whose text
// block (postTexts) the post may be.
func (p *page) firstPost(best *html.Node) (*html.Node, []*html.Node, *html.Node) {
	groups := map[string][]*html.Node{}
	// The walk goes by document order: each group lists its members in
	// that order.
	var walk func(o, depth int)
	walk = func(o, depth int) {
		if depth > maxDepth {
			return
		}
		n := p.all[o]
		if n.Type == html.ElementNode && isPostContainer(n.DataAtom) && p.substantialAt(o) {
			if k := postKey(n); k != "" {
				groups[k] = append(groups[k], n)
			}
		}
		for co := o + 1; co <= p.lastAt(o); co = p.lastAt(co) + 1 {
			if c := p.all[co]; c.Type == html.ElementNode && !isSkipTag(c.DataAtom) {
				walk(co, depth+1)
			}
		}
	}
	walk(0, 0)
	var pick *html.Node
	var group []*html.Node
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
		var ins []*html.Node
		inside := false
		for _, m := range g {
			if p.contains(best, m) {
				ins = append(ins, m)
			}
			if p.contains(m, best) {
				inside = true
			}
		}
		if len(ins) < 2 && !inside || !inside && !p.mostlyPosts(best, ins) {
			continue
		}
		if p.datedUnits(g, 2) < 2 {
			continue
		}
		if pick == nil || p.order.of(g[0]) < p.order.of(pick) {
			pick, group = g[0], g
		}
	}
	unit := pick
	if pick != nil {
		pick, group = p.postTexts(groups, group)
	}
	return pick, group, unit
}

// postTexts returns the first member and the members of the group of
// blocks that are the texts of the posts of group: a forum's post unit
// (div.post) holds the poster's box (名字, 帖子 356) and the post's
// header (楼主 发表于 … 只看该作者) beside its text (div.post-text),
// which repeats in the units too — one in the first, none outside them.
// A group with no such inner group is its own.
func (p *page) postTexts(groups map[string][]*html.Node, group []*html.Node) (*html.Node, []*html.Node) {
	for {
		inner := p.innerGroup(groups, group)
		if inner == nil {
			return group[0], group
		}
		group = inner
	}
}

// innerGroup returns the group of groups (two members or more) whose
// first member is the only one inside group's first and every member of
// which lies inside a member of group — of several, the one whose first
// member holds the most text, the earliest of equals (the map's order is
// no order) — nil when there is none.
func (p *page) innerGroup(groups map[string][]*html.Node, group []*html.Node) []*html.Node {
	var best []*html.Node
	for _, g := range groups {
		if len(g) < 2 || g[0] == group[0] || !p.contains(group[0], g[0]) || p.contains(group[0], g[1]) {
			continue
		}
		all := true
		for _, m := range g {
			if !slices.ContainsFunc(group, func(u *html.Node) bool { return p.contains(u, m) }) {
				all = false
				break
			}
		}
		if !all {
			continue
		}
		if best == nil {
			best = g
			continue
		}
		if t, bt := p.statsOf(g[0]).text, p.statsOf(best[0]).text; t > bt || t == bt && p.order.of(g[0]) < p.order.of(best[0]) {
			best = g
		}
	}
	return best
}

// replyLabels open an office's answer to a citizen's letter on a
// government site's letter pages (网络问政, 领导信箱, 12345 热线): the
// office, the answer or its time.
var replyLabels = []string{"回复单位", "答复单位", "回复部门", "答复部门", "办理单位", "回复内容", "答复内容", "办理结果", "处理结果", "回复时间", "答复时间"}

// letterWithReply returns the element holding both posts of g when they
// are a letter and the office's reply to it: two posts, the second's
// unit opening (within its first 40 runes) with a reply label. Such a
// page's content is the letter and its reply, not the first post alone;
// the replies of a forum thread carry no such label. nil otherwise.
func (p *page) letterWithReply(g []*html.Node) *html.Node {
	if len(g) != 2 {
		return nil
	}
	head := truncateRunes(textOfN(p.postUnit(g[1]), 256), 40)
	if !containsAnyOf(head, replyLabels) {
		return nil
	}
	for x := g[0].Parent; x != nil; x = x.Parent {
		if p.contains(x, g[1]) {
			if outerTag(x) {
				return nil
			}
			return x
		}
	}
	return nil
}

// mostlyPosts reports whether the post units of the members ins of a
// group (in document order, all inside best) make the most of best's
// text: the posts of a thread or the entries of a blog page do, with
// their bylines and dates, but not a few dated notices opening a long
// article (maintenance boxes, an editor's note), nor the dated tables of
// an article (a discography, a timeline) between its paragraphs.
func (p *page) mostlyPosts(best *html.Node, ins []*html.Node) bool {
	bs := p.statsOf(best)
	if bs == nil {
		return true
	}
	units := 0
	for i := range ins {
		units += int(p.statsOf(p.unitWithin(best, ins, i)).text)
	}
	return units*2 >= int(bs.text)
}

// unitWithin returns the largest ancestor of g[i] inside best holding no
// other member of g (in document order, none inside another).
func (p *page) unitWithin(best *html.Node, g []*html.Node, i int) *html.Node {
	unit := g[i]
	for x := unit.Parent; x != nil && x != best; x = x.Parent {
		if i > 0 && p.contains(x, g[i-1]) || i+1 < len(g) && p.contains(x, g[i+1]) {
			break
		}
		unit = x
	}
	return unit
}

// datedUnits counts the members of g (in document order, none inside
// another) whose post unit carries a date, up to enough.
func (p *page) datedUnits(g []*html.Node, enough int) int {
	dated := 0
	for i, m := range g {
		if dated >= enough {
			break
		}
		unit := m
		for x := m.Parent; x != nil; x = x.Parent {
			// An ancestor of m holding another member holds all the
			// members between them in document order, so one of m's
			// neighbours.
			if i > 0 && p.contains(x, g[i-1]) || i+1 < len(g) && p.contains(x, g[i+1]) {
				break
			}
			unit = x
		}
		if _, _, _, ok := findNumericDate(fold(truncateRunes(textOfN(unit, 16000), 3000))); ok {
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

// editStampOpenings open a forum's stamp of an edited post (editStamp).
var editStampOpenings = []string{"本帖最后由", "本帖最後由", "此帖被", "此贴子已经被", "此帖子已经被", "最后编辑于"}

// hasAnyPrefix reports whether s starts with one of prefixes.
func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// editStamp reports whether l is the stamp a forum sets in a post it has
// let its writer edit, naming the editor and the time (Discuz: "本帖最后由
// 张三 于 2023-4-16 09:30 编辑", in brackets on older versions; phpwind:
// "此帖被张三在2023-04-16 09:30重新编辑"; 动网: "[此贴子已经被作者于
// 2006-4-18 20:30:12编辑过]"): no part of the post, whose first or last
// line it is.
func editStamp(l string) bool {
	if !runesAtMost(l, 80) || !strings.Contains(l, "编辑") && !strings.Contains(l, "編輯") || strings.ContainsAny(l, "。，") {
		return false // no stamp, or a sentence
	}
	f := strings.TrimLeft(fold(l), " [【(（")
	if !hasAnyPrefix(f, editStampOpenings) {
		return false
	}
	_, _, _, ok := findDate(f)
	return ok
}

// storyAboveComments returns the story between the page's title and the
// repeated posts of group when that story outweighs them: a blog entry or
// an article told in lines without sentence stops (a photo diary's
// captions) scores little, so the comment list after it, each comment in
// sentences and dated, scores best — and its first post is no more the
// page's subject than the last. A thread's first post follows its title
// with no longer text between them, so a forum is left alone. The story
// is the element wholly between the two that holds the most visible text
// (the deepest of equals), when it holds most of what lies between them,
// three times the first post's text and 200 runes or more, outside
// furniture and links.
func (p *page) storyAboveComments(title *html.Node, group []*html.Node) *html.Node {
	if title == nil || len(group) == 0 {
		return nil
	}
	lo, hi := p.lastOf(title), p.order.of(group[0])
	if lo >= hi {
		return nil
	}
	between := p.visibleBetween(lo, hi)
	var story *html.Node
	most := int32(0)
	for o := lo + 1; o < hi; o++ {
		n := p.all[o]
		if n.Type != html.ElementNode || p.lastAt(o) >= hi || p.under[o]&underChrome != 0 {
			continue
		}
		if s := &p.stats[o]; s.text-s.link >= most {
			story, most = n, s.text-s.link
		}
	}
	first := p.statsOf(group[0])
	if story == nil || first == nil || most < 200 || int(most)*10 < between*6 || most < 3*first.text || p.linkDensity(story) > 0.3 {
		return nil
	}
	return story
}

// storyBeforePosts reports whether best, holding the repeated blocks of
// group, opens with running text of its own before them, longer than
// the first of them and 200 runes or more: an article whose dated
// blocks (the albums of a discography, the sessions of a programme) come
// after its text, not a thread or a blog page, which open with their
// first post.
func (p *page) storyBeforePosts(best *html.Node, group []*html.Node) bool {
	if len(group) == 0 || !p.contains(best, group[0]) {
		return false
	}
	first := p.statsOf(group[0])
	lead := p.visibleBetween(p.order.of(best), p.order.of(group[0]))
	return first != nil && lead >= 200 && lead > int(first.text)
}
