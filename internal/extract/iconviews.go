package extract

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A view count marked by an icon instead of a word: the templates sold
// for PbootCMS, EyouCMS, Z-Blog and the Bootstrap themes of county sites
// write the info line as icons and values,
//
//	<span><i class="fa fa-clock-o"></i> 2023-05-02</span>
//	<span><i class="fa fa-eye"></i> 1017</span>
//
// (glyphicon-eye-open, iconfont icon-liulan or icon-yanjing, layui-icon-see
// …). The icon is an empty element whose class names an eye or a view; the count is
// the text right after it, a number alone (or with 次). Only the lines
// between the title and the body are read, and only when no label gave
// the count.

// viewIconWords are the class words of a view icon.
var viewIconWords = map[string]bool{
	"eye": true, "eyes": true, "view": true, "views": true, "see": true, "browse": true,
	"liulan": true, "yuedu": true, "chakan": true, "liulanliang": true, "yueduliang": true,
	"yanjing": true, // 眼睛, the eye, as iconfont sets name their glyphs in pinyin
}

// viewIconLeads are literals one of which a page with a view icon holds
// (in its class): the places after which findCounter looks for a counter
// (rawIndex.countMarks). An icon whose class holds none (a bare "eye")
// marks no counter.
// The icon words with what stands before them in the icon sets' class
// names (fa-eye, glyphicon-eye-open, icon-eye, icon-view, layui-icon-see): the page's one
// scan finds literals of four bytes or more, and short ones starting with
// a frequent byte (a space, a quote) cost it a pass over the page.
var viewIconLeads = []string{"fa-eye", "con-eye", "eye-open", "con-view", "fa-view", "con-see", "liulan", "yuedu", "chakan", "browse", "yanjing"}

// maxIconLeads bounds the places of one icon lead that iconClassTag
// looks at: "view" and "eye" stand in many words of a page (viewport,
// preview, review, eyebrow) and in its scripts.
const maxIconLeads = 16

// maxIconTag bounds how far before an icon word its tag may start.
const maxIconTag = 160

// iconClassTag returns the start of the first tag of raw whose class
// attribute holds lead, looking from at (its first place in raw, -1 when
// absent) at up to maxIconLeads of its places, or -1. A lead elsewhere (a
// viewport meta, a word of the text) starts nothing: taken for an icon,
// it had findCounter read the page, tag by tag, from its head.
func iconClassTag(raw string, at int, lead string) int {
	for n := 0; at >= 0 && n < maxIconLeads; n++ {
		// Inside a tag (no '>' since its '<'), after its class= and no
		// other attribute's '=' since: in the class's value.
		from := max(0, at-maxIconTag) // an icon's tag is short
		lt := strings.LastIndexByte(raw[from:at], '<')
		if lt += from; lt >= from && strings.IndexByte(raw[lt:at], '>') < 0 {
			if c := strings.LastIndex(raw[lt:at], "class="); c >= 0 && strings.Count(raw[lt+c:at], "=") == 1 {
				return lt
			}
		}
		next := strings.Index(raw[at+len(lead):], lead)
		if next < 0 {
			break
		}
		at += len(lead) + next
	}
	return -1
}

// viewIconBefore reports whether the raw page text s ends with an empty
// element whose class words name a view icon: <i class="fa fa-eye"></i>.
func viewIconBefore(s string) bool {
	s = strings.TrimRight(s, " \t\r\n")
	closing := strings.LastIndexByte(s, '<')
	if closing < 0 || !strings.HasPrefix(s[closing:], "</") || !strings.HasSuffix(s[:closing], ">") {
		return false
	}
	open := strings.LastIndexByte(s[:closing], '<')
	if open < 0 || strings.HasPrefix(s[open:], "</") {
		return false
	}
	icon := false
	attrWords(attrValue(s[open:closing], "class"), true, func(w string) {
		icon = icon || viewIconWords[strings.ToLower(w)]
	})
	return icon
}

// countUnits are what may follow a count after its icon.
var countUnits = []string{"", "次", "人次", "人看过", "人浏览", "人阅读"}

// iconViews returns the count standing right after a view icon between
// the title element and the body, or nil.
func (p *page) iconViews(title, body *html.Node) *int64 {
	var views *int64
	p.eachIconText(title, body, viewIconWords, func(t string) bool {
		f := trimSpace(fold(t))
		m := countRe.FindStringSubmatchIndex(f)
		if m == nil || !slices.Contains(countUnits, strings.TrimSpace(f[m[1]:])) {
			return true
		}
		if v, ok := ParseCount(f); ok {
			views = &v
		}
		return views == nil
	})
	return views
}

// authorIconWords are the class words of an icon that marks the author.
var authorIconWords = map[string]bool{"user": true, "author": true, "person": true, "writer": true, "zuozhe": true}

// iconAuthor returns the name standing right after an author icon
// between the title element and the body (<i class="fa fa-user"></i>
// 赵云), or "".
func (p *page) iconAuthor(title, body *html.Node, editor string) string {
	name := ""
	p.eachIconText(title, body, authorIconWords, func(t string) bool {
		if v := cutValue(t); p.okAuthor(v, editor) && !hasAnyLabel(v) {
			name = v
		}
		return name == ""
	})
	return name
}

// eachIconText calls fn, until it returns false, with the text right
// after each icon between the title element and the body whose class
// words are in icons: an element without text, then the text of the
// node following it.
func (p *page) eachIconText(title, body *html.Node, icons map[string]bool, fn func(string) bool) {
	if title == nil {
		return
	}
	lo, hi := p.lastOf(title), len(p.all)
	if body != nil && p.order.of(body) > lo {
		hi = p.order.of(body)
	}
	for o := lo + 1; o < hi && o < len(p.all); o++ {
		n := p.all[o]
		if n.Type != html.ElementNode || p.under[o]&underChrome != 0 || !isIcon(n, icons) {
			continue
		}
		if t, ok := textAfter(n); ok && !fn(t) {
			return
		}
	}
}

// timeIconWords are the class words of an icon that marks a date.
var timeIconWords = map[string]bool{"clock": true, "time": true, "date": true, "calendar": true, "shijian": true, "riqi": true}

// fieldIcon reports whether n is the icon of an info line's field (a
// view, author or date icon): it opens its field as a label does.
func fieldIcon(n *html.Node) bool {
	if attr(n, "class") == "" {
		return false
	}
	return isIcon(n, viewIconWords) || isIcon(n, authorIconWords) || isIcon(n, timeIconWords)
}

// isIcon reports whether n is an icon of an icon font or sprite (an i,
// span, em or svg element without text) whose class words are in icons.
func isIcon(n *html.Node, icons map[string]bool) bool {
	switch n.DataAtom {
	case atom.I, atom.Span, atom.Em, atom.Svg:
	default:
		return false
	}
	if trimSpace(textOfN(n, 8)) != "" {
		return false
	}
	return slices.ContainsFunc(words(n), func(w string) bool { return icons[w] })
}

// textAfter is the text of the node following n (white space skipped):
// a text node's, or an element's, up to 40 bytes.
func textAfter(n *html.Node) (string, bool) {
	next := n.NextSibling
	for next != nil && next.Type == html.TextNode && trimSpace(next.Data) == "" {
		next = next.NextSibling
	}
	switch {
	case next == nil:
		return "", false
	case next.Type == html.ElementNode:
		return textOfN(next, 40), true
	case next.Type == html.TextNode:
		return next.Data, true
	}
	return "", false
}
