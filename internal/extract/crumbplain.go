package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Breadcrumbs with neither a class nor a label. Many county and
// government templates print the trail bare above the title — a link
// to the front page, an arrow, the column's link:
// "<a>首页</a> &gt;&gt; <a>县区动态</a>", "<a>首页</a>→<a>图片新闻</a>→标题",
// in a cell or a div classed for its look (lm, wz1, a table's td).
// A menu lists the same links with no arrows between them.

// homeCrumbs are the texts of the link to the front page that opens a
// trail.
var homeCrumbs = []string{"首页", "网站首页", "主页", "返回首页", "本站首页"}

// crumbArrows are the separators that make a line of links a trail.
// The slash and the bar are not among them: menus part their links so.
var crumbArrows = []string{">", "＞", "›", "»", "→", "〉", "->"}

// plainBreadcrumb returns the text of a trail above the title element
// that nothing names: the block holding a link to the front page
// (homeCrumbs, or the site's name or any short text on a link to the
// front page with an arrow right after it: 江城文明网 > 乡镇动态) whose
// text goes on from that link with an arrow (crumbArrows), at most 120
// runes and no step longer than a title. It is "" when there is none.
func (p *page) plainBreadcrumb(title *html.Node) string {
	lo, ok := p.order.lookup(title) // not ok for a nil title
	if !ok {
		return ""
	}
	for _, t := range p.texts {
		if t.order >= lo {
			break
		}
		a := t.n.Parent
		if a == nil || a.DataAtom != atom.A {
			continue
		}
		if !homeCrumb(trimSpace(t.text)) && (t.vis > 20 || !arrowAfter(a) || !p.frontPageLink(a)) {
			continue
		}
		if crumb := crumbAfterHome(a); crumb != "" {
			return crumb
		}
	}
	return ""
}

// arrowAfter reports whether the first text after link a, beside it or
// beside the element holding it alone (<li><a>…</a></li> &gt;), opens
// with an arrow (crumbArrows).
func arrowAfter(a *html.Node) bool {
	x := a
	for d := 0; d < 2 && x != nil; d, x = d+1, x.Parent {
		for s := x.NextSibling; s != nil; s = s.NextSibling {
			if s.Type != html.TextNode {
				return false
			}
			if t := trimSpace(s.Data); t != "" {
				return hasAnyPrefix(t, crumbArrows)
			}
		}
	}
	return false
}

// frontPageLink reports whether link a leads to the front page of the
// page's own site: its root, or an index page there (/index.html).
func (p *page) frontPageLink(a *html.Node) bool {
	if p.base == nil || p.url == nil {
		return false
	}
	u, err := p.base.Parse(trimSpace(attr(a, "href")))
	if err != nil || u.RawQuery != "" || !strings.EqualFold(u.Hostname(), p.url.Hostname()) {
		return false
	}
	switch strings.ToLower(u.Path) {
	case "", "/", "/index.html", "/index.htm", "/index.shtml", "/index.php", "/index.jsp", "/index.asp", "/default.htm", "/default.html", "/default.aspx":
		return true
	}
	return false
}

// homeCrumb reports whether s is the text of a link to the front page.
func homeCrumb(s string) bool {
	for _, h := range homeCrumbs {
		if s == h {
			return true
		}
	}
	return false
}

// crumbAfterHome returns the text of the nearest block around the home
// link a (up to three levels) that goes on from it with an arrow, when
// it is a trail's length; "".
func crumbAfterHome(a *html.Node) string {
	home := trimSpace(textOfN(a, 64))
	n := a.Parent
	for d := 0; n != nil && d < 3; d, n = d+1, n.Parent {
		if n.Type != html.ElementNode || n.DataAtom == atom.Body {
			return ""
		}
		text := trimSpace(textOfN(n, 1024))
		if !runesAtMost(text, 120) {
			return ""
		}
		_, rest, ok := strings.Cut(text, home)
		rest = trimSpace(rest)
		if !ok || rest == "" {
			continue // the link alone in its item: the trail is higher
		}
		for _, arrow := range crumbArrows {
			if strings.HasPrefix(rest, arrow) && crumbSteps(text) {
				return text
			}
		}
		return ""
	}
	return ""
}

// crumbSteps reports whether every step of a trail's text is a column's
// or a title's length: at most 40 runes, and at most 8 steps.
func crumbSteps(text string) bool {
	steps := breadcrumbSepRe.Split(text, 9)
	if len(steps) > 8 {
		return false
	}
	for _, s := range steps {
		if !runesAtMost(trimSpace(s), 40) {
			return false
		}
	}
	return true
}
