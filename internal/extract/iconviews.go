package extract

import (
	"strings"

	"golang.org/x/net/html"
)

// A view count marked by an icon instead of a word: the templates sold
// for PbootCMS, EyouCMS, Z-Blog and the Bootstrap themes of county sites
// write the info line as icons and values,
//
//	<span><i class="fa fa-clock-o"></i> 2023-05-02</span>
//	<span><i class="fa fa-eye"></i> 1017</span>
//
// (glyphicon-eye-open, iconfont icon-liulan, layui-icon-see …). The icon
// is an empty element whose class names an eye or a view; the count is
// the text right after it, a number alone (or with 次). Only the lines
// between the title and the body are read, and only when no label gave
// the count.

// viewIconWords are the class words of a view icon.
var viewIconWords = map[string]bool{
	"eye": true, "eyes": true, "view": true, "views": true, "see": true, "browse": true,
	"liulan": true, "yuedu": true, "chakan": true, "liulanliang": true, "yueduliang": true,
}

// viewIconLeads are literals one of which a page with a view icon holds
// (in its class): where findCounter starts to look for a counter after
// one.
var viewIconLeads = []string{"eye", "liulan", "yuedu", "chakan", "browse", "view"}

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
	if title == nil {
		return nil
	}
	lo, hi := p.lastOf(title), len(p.all)
	if body != nil && p.order.of(body) > lo {
		hi = p.order.of(body)
	}
	for o := lo + 1; o < hi && o < len(p.all); o++ {
		n := p.all[o]
		if n.Type != html.ElementNode || p.under[o]&underChrome != 0 || !viewIcon(n) {
			continue
		}
		if v, ok := countAfter(n); ok {
			return &v
		}
	}
	return nil
}

// viewIcon reports whether n is an icon of views: an element without
// text whose class words name an eye or a view.
func viewIcon(n *html.Node) bool {
	if trimSpace(textOfN(n, 8)) != "" {
		return false
	}
	for _, w := range words(n) {
		if viewIconWords[w] {
			return true
		}
	}
	return false
}

// countAfter reads the count right after the icon n: the text of the
// node following it, which must be a count alone (with a unit of
// countUnits).
func countAfter(n *html.Node) (int64, bool) {
	next := n.NextSibling
	for next != nil && next.Type == html.TextNode && trimSpace(next.Data) == "" {
		next = next.NextSibling
	}
	if next == nil {
		return 0, false
	}
	t := next.Data
	if next.Type == html.ElementNode {
		t = textOfN(next, 40)
	} else if next.Type != html.TextNode {
		return 0, false
	}
	f := trimSpace(fold(t))
	m := countRe.FindStringSubmatchIndex(f)
	if m == nil {
		return 0, false
	}
	unit := strings.TrimSpace(f[m[1]:])
	for _, u := range countUnits {
		if unit == u {
			return ParseCount(f)
		}
	}
	return 0, false
}
