package extract

import (
	"strings"

	"golang.org/x/net/html"
)

// Trails by their structure. An element whose class names a place
// ("position", "place", "path", "crumbs") is not always a trail: a
// hidden notice ("msgAlert-place": 您有未读新闻), a search box
// ("Form-Crumbs", one link to the search engine), a widget's credit link ("attribution_position_top":
// by Taboola) are named so too. And a trail does not always write its
// separators: its steps stand in <li>s of their own, or its links are
// parted by pictures of arrows, and the text runs them together
// ("首页快讯公司").

// mayBeTrail reports whether n, named as a breadcrumb, may be one: shown,
// and writing a separator or a label, or with two different steps or
// more (texts of their own; a search box's one link, a credit's link
// said twice are none).
func mayBeTrail(n *html.Node) bool {
	if hidden(n) != shown {
		return false
	}
	if t := textOfN(n, 2048); breadcrumbSepRe.MatchString(t) || breadcrumbLabelRe.MatchString(t) {
		return true // "首页 / 工作动态 / 信息详情" in one text
	}
	var first string
	steps := 0
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		for c := x.FirstChild; c != nil && steps < 2; c = c.NextSibling {
			switch c.Type {
			case html.ElementNode:
				if !isSkipTag(c.DataAtom) {
					walk(c)
				}
			case html.TextNode:
				t := trimSpace(c.Data)
				if t == "" {
					continue
				}
				if steps == 0 {
					first, steps = t, 1
				} else if t != first {
					steps = 2
				}
			}
		}
	}
	walk(n)
	return steps >= 2
}

// crumbText returns the text of the trail n: its text when it writes a
// separator or a label, else its steps (its texts, each in an element of
// its own) joined with " > ".
func crumbText(n *html.Node) string {
	t := textOf(n)
	if breadcrumbSepRe.MatchString(t) || breadcrumbLabelRe.MatchString(t) {
		return t
	}
	var steps []string
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				if s := trimSpace(c.Data); s != "" {
					steps = append(steps, s)
				}
			case c.Type == html.ElementNode && !isSkipTag(c.DataAtom):
				walk(c)
			}
		}
	}
	walk(n)
	return strings.Join(steps, " > ")
}

// pageKindStep reports whether a trail's step names the page's kind, as
// its last, unlinked step does ("资讯正文", "新闻正文"): no column.
func pageKindStep(s string) bool {
	return strings.HasSuffix(s, "正文") && runesAtMost(s, 6)
}
