package extract

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// The later pages of a split article. The pages of one article share
// their template, so the body container found on page 1 is where a later
// page's text sits however short it is: a last page holding one line or
// two (动易 PowerEasy's ShowArticle.asp?…&ArticlePage=2 closing a long
// story) has too little text for the body to be found on its own, and the
// joined article lost it. Page 1's Result records where its body was
// (Result.BodyPlace); ExtractLaterPage reads a later page's body there.

// maxPlaceDepth bounds the steps of a body place: a deeper container is
// not recorded.
const maxPlaceDepth = 64

// bodyPlace returns where n is in its page's tree: the steps from the root
// down, each an element's tag and its index among the element siblings
// of that tag ("html[0]/body[0]/table[3]/tbody[0]/tr[2]/td[0]"), then the
// element's id and class, which the element found on another page must
// have too (" #fontzoom .main_ArticleContent").
func bodyPlace(n *html.Node) string {
	if n == nil || n.Type != html.ElementNode {
		return ""
	}
	var steps []string
	for e := n; e != nil && e.Type == html.ElementNode; e = e.Parent {
		if len(steps) == maxPlaceDepth {
			return ""
		}
		i := 0
		for s := e.PrevSibling; s != nil; s = s.PrevSibling {
			if s.Type == html.ElementNode && s.Data == e.Data {
				i++
			}
		}
		steps = append(steps, e.Data+"["+strconv.Itoa(i)+"]")
	}
	var b strings.Builder
	for i := len(steps) - 1; i >= 0; i-- {
		b.WriteString(steps[i])
		if i > 0 {
			b.WriteByte('/')
		}
	}
	b.WriteString(" #" + attr(n, "id") + " ." + attr(n, "class"))
	return b.String()
}

// nodeAtPlace returns the element of the tree under root at place (see
// bodyPlace), or nil if the tree has no element there or the one there
// has another id or class.
func nodeAtPlace(root *html.Node, place string) *html.Node {
	path, marks, ok := strings.Cut(place, " #")
	if !ok || root == nil {
		return nil
	}
	id, class, ok := strings.Cut(marks, " .")
	if !ok {
		return nil
	}
	at := root // the document node, whose children the first step counts
	for step := range strings.SplitSeq(path, "/") {
		tag, num, ok := strings.Cut(strings.TrimSuffix(step, "]"), "[")
		k, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil
		}
		parent := at
		at = nil
		for c := parent.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.Data == tag {
				if k == 0 {
					at = c
					break
				}
				k--
			}
		}
		if at == nil {
			return nil
		}
	}
	if at == root || attr(at, "id") != id || attr(at, "class") != class {
		return nil
	}
	return at
}

// ExtractLaterPage is ExtractDocument on page 2, 3 … of a split article
// whose page 1 gave first: where a CMS profile does not fix the body, the
// page's body is read from the element at page 1's body place when the
// page has an element there of the same tag, id and class; otherwise, as
// on any page, the body is found on the page itself.
func ExtractLaterPage(d *Document, opts Options, first *Result) (*Result, error) {
	if first == nil || first.BodyPlace == "" {
		return ExtractDocument(d, opts)
	}
	n := nodeAtPlace(d.root, first.BodyPlace)
	if n == nil {
		return ExtractDocument(d, opts)
	}
	return extractDocumentWith(d, opts, n)
}
