package extract

import (
	"regexp"
	"slices"
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

// commentHeadings are the headings of a box of readers' comments (its
// count aside: "跟帖（6）", "网友评论 128", "128条评论"), which county
// sites' CMSs call messages (网友留言（3）).
var commentHeadings = []string{
	"评论", "网友评论", "全部评论", "热门评论", "最新评论", "精彩评论", "读者评论", "用户评论", "评论区", "发表评论", "我要评论",
	"跟帖", "网友跟帖", "热门跟帖", "最新跟帖", "网友点评",
	"留言", "网友留言", "读者留言", "全部留言", "最新留言", "精彩留言", "热门留言", "留言区",
	"評論", "網友評論", "全部評論", "熱門評論", "最新評論", "精彩評論", "讀者評論", "發表評論", "跟貼", "網友跟貼",
	"網友留言", "讀者留言", "全部留言", "最新留言", "精彩留言",
}

// commentCount is what a comment box's heading bar says after its
// heading: how many took part or wrote (已有128人参与, 共36条评论,
// 128人参与).
var commentCount = regexp.MustCompile(`^[|｜/·\s]*(?:已有|共有|共)?\s*[0-9]+\s*(?:人参与|人评论|人跟帖|条评论|条留言|条跟帖|人參與|條評論|條留言)$`)

// countedCommentHead reports whether head is a comment heading followed
// by the count of those taking part (网友评论 已有128人参与): the bar
// heading a comment box on news portals.
func countedCommentHead(head string) bool {
	if !strings.ContainsAny(head, "0123456789") {
		return false // most headings asked: no count
	}
	for _, h := range commentHeadings {
		if rest, ok := strings.CutPrefix(head, h); ok && commentCount.MatchString(rest) {
			return true
		}
	}
	return false
}

// headedBox reports whether the element at document order o is a box
// that its first child, alone on its line, heads as furniture, on a page
// that holds sentences elsewhere:
//
//   - a writer's biography (bioHeadings) on a page whose sentences are
//     mostly elsewhere: a long biography under a short commentary
//     outweighs it, and its score drew the body up to the column holding
//     both (title and "more by this author" list included);
//   - a box that closes with a link to read more elsewhere ([详细],
//     更多>>: closesWithMore), introducing another page (县情简介), with
//     sentences outside it;
//   - readers' comments (commentHeadings) with sentences outside them,
//     as a box whose class says comment is: named with letters that say
//     nothing ("g", "g-i"), dated and repeated, they were taken for the
//     posts of a thread.
//
// A biography written as a line of the article ("作者简介：…" in a
// paragraph) is no box of its own and stays.
func (p *page) headedBox(o int) bool {
	n := p.all[o]
	if !wrapperTag(n) && n.DataAtom != atom.Aside {
		return false
	}
	// The children of n follow it in document order, each subtree whole.
	fo := o + 1
	for fo <= p.lastAt(o) && p.all[fo].Type == html.TextNode && trimSpace(p.all[fo].Data) == "" {
		fo = p.lastAt(fo) + 1
	}
	if fo > p.lastAt(o) || p.all[fo].Type != html.ElementNode || p.rawText[fo].text < 2 || p.rawText[fo].text > 18 || p.rawText[fo].link > 0 {
		return false // the headings are 2 to 16 runes long, no link: most first children are asked no more
	}
	first := p.all[fo]
	head := strings.Trim(textOfN(first, 64), " :：()（）[]【】0123456789条")
	r := p.rawText[o]
	switch {
	case slices.Contains(bioHeadings, head):
		return int(r.punct)*2 < p.totalPunct
	case slices.Contains(commentHeadings, head) || countedCommentHead(head):
		return p.totalPunct-int(r.punct) >= 5
	case p.closesWithMore(o):
		// A box introducing another page (县情简介 … [详细]): a
		// teaser, however long, on a page with sentences elsewhere.
		return p.totalPunct-int(r.punct) >= 3
	}
	return false
}

// moreLinkWords are what a link closing a teaser box says: read the rest
// on its own page ([详细], 更多>>, 查看详情).
var moreLinkWords = []string{"详细", "更多", "详情", "查看详情", "查看更多", "详细内容", "more", "More", "MORE", "詳細", "更多內容"}

// inLink reports whether n sits in a link below top. (Called while the
// page's furniture is marked, before p.under knows links.)
func inLink(n, top *html.Node) bool {
	for x := n.Parent; x != nil && x != top; x = x.Parent {
		if x.DataAtom == atom.A {
			return true
		}
	}
	return false
}

// closesWithMore reports whether the last text of the element at document
// order o is a link that says to read more on another page
// (moreLinkWords, brackets and arrows aside).
func (p *page) closesWithMore(o int) bool {
	for i := p.lastAt(o); i > o; i-- {
		n := p.all[i]
		if n.Type != html.TextNode || trimSpace(n.Data) == "" {
			continue
		}
		if !inLink(n, p.all[o]) {
			return false
		}
		t := strings.Trim(trimSpace(n.Data), "[]【】()（）<>《》»«→.…· ")
		return slices.Contains(moreLinkWords, t)
	}
	return false
}

// commentCountHeadRe matches a heading that counts the comments under a
// post, as blog and forum templates write it over the list: 《标题》已有1件
// 评论, 共3条评论, 12 条回复, "5 Responses to “…”", "One Comment".
var commentCountHeadRe = regexp.MustCompile(`^(?:(?:《[^》]{1,80}》|“[^”]{1,80}”|"[^"]{1,80}")\s*)?(?:已有|共有|共|有)?\s*[0-9]+\s*(?:件|条|條|则|則|个|個)?\s*(?:评论|評論|回复|回覆|回應|留言|跟帖)$|^(?i:(?:[0-9]+|one)\s+(?:responses?|comments?|replies|thoughts?)(?:\s+(?:to|on)\s.*)?)$`)

// commentCountWords close a Chinese heading that counts comments.
var commentCountWords = []string{"评论", "評論", "回复", "回覆", "回應", "留言", "跟帖"}

// countsComments reports whether the element at document order o is a
// heading, alone on its line, that counts the comments after it
// (commentCountHeadRe): a short line without links.
func (p *page) countsComments(o int) bool {
	switch p.all[o].DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.P, atom.Div, atom.Dt, atom.Strong, atom.B:
	default:
		return false
	}
	if r := p.rawText[o]; r.text < 4 || r.text > 100 || r.link > 0 || r.punct > 8 {
		return false // a sentence, a link, a long block
	}
	// The heading's first text opens with its count (5 Responses, One
	// Comment) or its last closes with a word of comments (已有2件评论):
	// asked of the texts already read, before the heading's is made.
	if !hasAnySuffix(edgeText(p.all[o], false), commentCountWords) && !englishCommentCount(edgeText(p.all[o], true)) {
		return false
	}
	t := trimSpace(collapseSpace(textOfN(p.all[o], 400)))
	if !strings.ContainsAny(t, "0123456789") && !(len(t) > 4 && strings.EqualFold(t[:4], "one ")) {
		return false
	}
	return commentCountHeadRe.MatchString(t)
}

// edgeText returns the first (or last) text of n that is not white
// space, trimmed, looking through the first (or last) children of at
// most eight levels; "" for none.
func edgeText(n *html.Node, first bool) string {
	next := func(c *html.Node) *html.Node {
		if first {
			return c.NextSibling
		}
		return c.PrevSibling
	}
	x := n
	for depth := 0; depth < 8; depth++ {
		c := x.LastChild
		if first {
			c = x.FirstChild
		}
		for c != nil && (c.Type == html.CommentNode || c.Type == html.TextNode && trimSpace(c.Data) == "") {
			c = next(c)
		}
		switch {
		case c == nil:
			return ""
		case c.Type == html.TextNode:
			return trimSpace(c.Data)
		case c.Type != html.ElementNode || isSkipTag(c.DataAtom):
			return ""
		}
		x = c
	}
	return ""
}

// englishCommentCount reports whether the first text of a heading may
// open a count of comments in English: a number or "one", then a word
// for them ("5 Responses to", "One Comment").
func englishCommentCount(t string) bool {
	if t == "" || !(t[0] >= '0' && t[0] <= '9' || t[0] == 'O' || t[0] == 'o') {
		return false
	}
	for _, w := range []string{"esponse", "omment", "eplies", "hought"} {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}

// hasAnySuffix reports whether s ends with one of words.
func hasAnySuffix(s string, words []string) bool {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}
