package extract

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// clauseMarks end a clause or a sentence of running text: a line that
// holds one outside its link is a sentence, not a list entry's headline
// with its date or column tag beside it.
const clauseMarks = "，。；！？"

// sentenceLink reports whether the link a stands inside a sentence of
// running text — words before it on its line, text after it, and a
// clause mark on the line outside it (县文明委印发<a>《…十条措施》</a>，从以下
// 方面…; 各村按照<a>《村规民约修订指引》</a>修订…。) — rather than opening
// its line as a list entry's headline does (<li><a>标题</a><span>日期
// </span></li>, [县区动态] <a>标题</a> 2024-03-12). A story whose
// container is a list of measures citing a document, or a template's
// <dd>, holds such links; a column list does not.
func sentenceLink(a *html.Node) bool {
	blk := a.Parent
	for blk != nil && blk.Type == html.ElementNode && isInlineTag(blk.DataAtom) {
		blk = blk.Parent
	}
	if blk == nil {
		return false
	}
	var letterBefore, markBefore, textAfter, markAfter, seen bool
	var walk func(*html.Node, int) bool
	walk = func(x *html.Node, depth int) (done bool) {
		switch {
		case x == a:
			seen = true
			return false
		case depth > 8 || x.Type == html.ElementNode && isSkipTag(x.DataAtom):
			return false
		case x.Type == html.TextNode:
			if seen {
				textAfter = textAfter || countVisible(x.Data) > 0
				markAfter = markAfter || strings.ContainsAny(x.Data, clauseMarks)
			} else {
				letterBefore = letterBefore || strings.IndexFunc(x.Data, unicode.IsLetter) >= 0
				markBefore = markBefore || strings.ContainsAny(x.Data, clauseMarks)
			}
			return false
		case x.Type == html.ElementNode && (isBlockTag(x.DataAtom) || x.DataAtom == atom.Br):
			// A line ends here: the text before a starts again, the
			// text after it is complete.
			if seen {
				return true
			}
			letterBefore, markBefore = false, false
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			if walk(c, depth+1) {
				return true
			}
		}
		return false
	}
	for c := blk.FirstChild; c != nil && !walk(c, 0); c = c.NextSibling {
	}
	return seen && letterBefore && textAfter && (markBefore || markAfter)
}
