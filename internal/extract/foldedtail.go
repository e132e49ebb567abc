package extract

import (
	"strings"

	"golang.org/x/net/html"
)

// foldLabels are what the control under a folded article says: the
// mobile pages of portals and self-media platforms show an article's
// first paragraphs and hide the rest until the reader taps it.
var foldLabels = []string{"展开全文", "展开剩余", "展开阅读全文", "点击展开全文", "点击展开", "阅读全文", "查看全文", "继续阅读", "展開全文", "閱讀全文", "查看全部"}

// foldedTail reports whether the hidden element at document order o is
// the folded rest of an article: it holds sentences, and the element
// right after it (or after the wrappers it closes, up to three levels)
// is the control that unfolds it — a short text of foldLabels that links
// nowhere else. The pages of an article hidden until a pager turns to
// them, a quiz's hidden answers or a slideshow's other slides have no
// such control after them, and stay hidden.
func (p *page) foldedTail(o int) bool {
	if p.rawText[o].punct < 2 {
		return false
	}
	x := p.all[o]
	for range 4 {
		next := x.NextSibling
		for next != nil && (next.Type == html.TextNode && trimSpace(next.Data) == "" || next.Type == html.CommentNode) {
			next = next.NextSibling
		}
		if next != nil {
			return next.Type == html.ElementNode && p.foldControl(next)
		}
		if x = x.Parent; x == nil || outerTag(x) {
			return false
		}
	}
	return false
}

// foldControl reports whether n is the control that unfolds an article:
// its text is one of foldLabels (arrows and spaces aside) and any link
// in it goes nowhere else (a script's "javascript:" or a "#" anchor).
func (p *page) foldControl(n *html.Node) bool {
	no, ok := p.order.lookup(n)
	if !ok || p.rawText[no].text < 2 || p.rawText[no].text > 12 {
		return false
	}
	t := strings.Trim(textOfN(n, 64), " ▼▽∨⌄↓>»︾")
	found := false
	for _, l := range foldLabels {
		if t == l {
			found = true
			break
		}
	}
	if !found {
		return false
	}
	for o := no; o <= p.lastAt(no); o++ {
		if a := p.all[o]; a.Type == html.ElementNode && a.Data == "a" {
			if h := strings.TrimSpace(attr(a, "href")); h != "" && !strings.HasPrefix(h, "#") && !strings.HasPrefix(strings.ToLower(h), "javascript:") {
				return false
			}
		}
	}
	return true
}
