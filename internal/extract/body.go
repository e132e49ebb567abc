package extract

import (
	"regexp"
	"sort"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// strongBody lists containers that hold the article body on the CMSs of
// Chinese government sites; when one of them holds text it is the body.
var strongBody = []string{
	"div.TRS_Editor", "td#article_content", "#article_content", "#zoom", ".main-txt",
	"[itemprop=articleBody]", "#UCAP-CONTENT", "#js_content", ".pages_content", ".article-content",
	".article_content", "#content_body", ".news_content", ".newstext",
}

// bodyText renders the text of n as lines: block elements and <br> end a
// line; skip drops elements (and their subtrees) entirely.
func bodyText(n *html.Node, skip func(*html.Node) bool) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		switch x.Type {
		case html.TextNode:
			b.WriteString(collapseSpace(x.Data))
			return
		case html.ElementNode:
			if skipTags[x.DataAtom] || (skip != nil && skip(x)) {
				return
			}
		case html.CommentNode:
			return
		}
		block := x.Type == html.ElementNode && blockTags[x.DataAtom]
		if block {
			b.WriteByte('\n')
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteByte('\n')
		}
	}
	walk(n)
	return strings.Join(splitLines(b.String()), "\n")
}

// findBody returns the element holding the article body: a strong
// container when one holds text, else the best-scoring block.
func (p *page) findBody() *html.Node {
	for _, sel := range strongBody {
		for _, n := range nodes(p.doc.Find(sel)) {
			if p.inChrome(n) {
				continue
			}
			if countVisible(textOf(n)) >= 20 {
				return n
			}
		}
	}
	return p.bestBlock()
}

// positiveWords raise the score of a candidate container.
var positiveWords = map[string]bool{
	"content": true, "article": true, "text": true, "body": true, "main": true, "post": true,
	"entry": true, "detail": true, "details": true, "news": true, "zoom": true, "con": true, "tex": true,
	"txt": true, "cont": true, "zw": true, "zhengwen": true, "neirong": true, "nr": true, "story": true,
}

// bestBlock picks the block element with the highest paragraph score,
// discounted by link density.
func (p *page) bestBlock() *html.Node {
	var best *html.Node
	bestScore := 0.0
	for n, s := range p.stats {
		if n.Type != html.ElementNode || s.score <= 0 || n.DataAtom == atom.Html {
			continue
		}
		score := s.score * (1 - p.linkDensity(n))
		if hasWord(n, positiveWords) {
			score *= 1.25
		}
		switch n.DataAtom {
		case atom.Li, atom.Ul, atom.Ol, atom.Form, atom.Dl, atom.Dd, atom.Dt:
			score *= 0.7
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.Th:
			score *= 0.5
		}
		if score > bestScore || (score == bestScore && best != nil && p.order[n] > p.order[best]) {
			best, bestScore = n, score
		}
	}
	if best == nil {
		return nil
	}
	// A single paragraph rarely is the whole body: its container is.
	for (best.DataAtom == atom.P || best.DataAtom == atom.Span || best.DataAtom == atom.Font) && best.Parent != nil {
		best = best.Parent
	}
	return best
}

// bodySiblings returns the siblings of the chosen body container that carry
// body text too (an article split over several blocks), in order.
func (p *page) bodySiblings(top *html.Node) []*html.Node {
	out := []*html.Node{top}
	if top.Parent == nil || top.DataAtom == atom.Body || top.DataAtom == atom.Td {
		return out
	}
	ts := p.stats[top]
	if ts == nil {
		return out
	}
	for c := top.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c == top || c.Type != html.ElementNode || p.chrome[c] || p.header[c] {
			continue
		}
		s := p.stats[c]
		if s == nil || p.linkDensity(c) > 0.25 || s.punct < 2 {
			continue
		}
		if s.score >= max(ts.score*0.2, 5) || (c.DataAtom == atom.P && s.text >= 60) {
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return p.order[out[i]] < p.order[out[j]] })
	return out
}

// pruneSkip says which elements inside the body container are dropped:
// page furniture, and link lists with hardly any sentence text.
func (p *page) pruneSkip(top *html.Node, extra map[*html.Node]bool) func(*html.Node) bool {
	return func(n *html.Node) bool {
		if n == top {
			return false
		}
		if extra[n] || p.chrome[n] {
			return true
		}
		switch n.DataAtom {
		case atom.Ul, atom.Ol, atom.Dl, atom.Table, atom.Div, atom.Section:
			s := p.stats[n]
			if s != nil && s.text > 0 && p.linkDensity(n) > 0.5 && s.punct < 3 {
				return true
			}
		}
		return false
	}
}

// boilerLine matches lines of page furniture that sit inside body
// containers: print/close links, share bars, previous/next links.
var boilerLine = regexp.MustCompile(`^(?:【?(?:打印|打印本页|打印文章|关闭|关闭窗口|返回顶部|返回|收藏|分享|纠错|我要纠错)】?\s*)+$|^(?:上一篇|下一篇|上一条|下一条|分享到|扫一扫|字号|【字体|字体[:：])`)

// editorLine matches a line that only names the responsible editor.
var editorLine = regexp.MustCompile(`^[（(【\[]?\s*(?:责任编辑|责编|编辑)\s*[:：]\s*([^）)】\]]{1,20}?)\s*[）)】\]]?$`)

// cleanBody drops furniture lines, the title and the leading meta line
// from body text, and returns the editor named on an editor-only line.
func cleanBody(text, title string) (body, editor string) {
	lines := strings.Split(text, "\n")
	out := lines[:0]
	for i, l := range lines {
		if boilerLine.MatchString(l) {
			continue
		}
		if m := editorLine.FindStringSubmatch(l); m != nil {
			if editor == "" {
				editor = trimSpace(m[1])
			}
			continue
		}
		if i < 4 && len(out) == 0 && title != "" && l == title {
			continue
		}
		if len(out) < 3 && isMetaLine(l) {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n"), editor
}

var (
	metaLabelRe = regexp.MustCompile(`(?:来源|作者|发布|发表|浏览|阅读|点击|时间|日期|编辑|字号)[^:：]{0,4}[:：]`)
	bareDateRe  = regexp.MustCompile(`^[\d\s年月日:：/.\-]+$`)
)

// isMetaLine reports whether a short line is a date/source line such as
// "发布时间：2023-03-22 来源：本站" or a bare date. A sentence that merely
// starts with a date ("2015年10月8日，上海市开展了……") is body text.
func isMetaLine(l string) bool {
	if runeLen(l) > 100 || strings.ContainsAny(l, "。！？；，") {
		return false
	}
	f := fold(l)
	if bareDateRe.MatchString(f) {
		_, _, ok := ParseDate(l)
		return ok
	}
	if !metaLabelRe.MatchString(f) {
		return false
	}
	if _, _, ok := ParseDate(l); ok {
		return true
	}
	return strings.Contains(f, "来源:") && strings.Contains(f, "作者:") ||
		strings.HasPrefix(f, "来源:") && runeLen(l) < 30
}
