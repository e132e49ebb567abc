package extract

import (
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A blog post's footer, whatever its classes are called: the post's tags
// as links the page marks rel="tag" (the microformat blog platforms and
// WordPress themes write), and the platform's stamp of the post, the
// poster's name before 发表于 and its counts in brackets.

// tagBox reports whether the element at document order o is a box of the
// post's tags: every link holding text in it marked rel="tag", and no
// more text outside them than a short label (标签：, Tags:) and the
// separators between them.
func (p *page) tagBox(o int) bool {
	n, r := p.all[o], p.rawText[o]
	if r.link == 0 || r.text-r.link > 24 || outer(n) || isInlineTag(n.DataAtom) {
		return false
	}
	tags := int32(0)
	for i := o + 1; i <= p.lastAt(o); i++ {
		if i-o > maxTagBox {
			return false // no box of a post's tags
		}
		c := p.all[i]
		if c.Type != html.ElementNode || c.DataAtom != atom.A || p.rawText[i].text == 0 {
			continue
		}
		if !slices.Contains(strings.Fields(strings.ToLower(attr(c, "rel"))), "tag") {
			return false
		}
		tags++
		i = p.lastAt(i)
	}
	return tags > 0 && r.text-r.link <= 8+2*tags
}

// maxTagBox bounds the nodes of a box of tags: a few dozen links.
const maxTagBox = 512

// tagRelOpenings are how a link marked as a tag starts its rel attribute
// (looked up in the page's one literal scan): tagBox asks on pages that
// hold one (page.tagLinks).
var tagRelOpenings = []string{`rel="tag`, `rel='tag`, `rel=tag`}

// countInBrackets matches a count in brackets after its word, as a
// post's stamp gives them: 留言(42), 人氣(23925), 阅读（1024）.
var countInBrackets = regexp.MustCompile(`\p{Han}\s*[(（]\s*[0-9]+\s*[)）]`)

// postStampLine reports whether l is a blog post's stamp without a date:
// the poster's name before a verb of posting (matchPostedBy) and the
// post's counts in brackets, in a short line that is no sentence
// ("史蒂文的家 發表在 痞客邦 留言(42) 人氣(23925)"). cleanBody drops it
// among the body's last lines.
func postStampLine(l string) bool {
	if !runesAtMost(l, 100) || containsAnyRune(l, "。！？，") || matchPostedBy(l) == nil {
		return false
	}
	return countInBrackets.MatchString(l)
}
