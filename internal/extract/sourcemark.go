package extract

import (
	"strings"

	"golang.org/x/net/html"
)

// sourceWords are class/id words of an element that holds the source's
// name with no label before it, as portals set it on the info line
// beside the time (<span class="date">…</span><a class="source">新京报</a>;
// <span class="src">新华社</span>, its short form).
var sourceWords = newWordSet(map[string]bool{"source": true, "src": true, "laiyuan": true})

// sourceElement returns the source an element classed as one names
// between the title and the body: its text, cleaned as a source, when it
// is short and holds no date (a "date-source" wrapper holds both; the
// element for the source is inside it) and no field label but the
// source's own, and is not the site's own name.
func (p *page) sourceElement(title, body *html.Node) string {
	if title == nil || body == nil {
		return ""
	}
	lo, hi := p.lastOf(title), p.order.of(body)
	for o, n := range p.elements() {
		if o <= lo {
			continue
		}
		if o >= hi {
			break
		}
		if !p.hasWordAt(o, sourceWords) || p.hasWordAt(o, authorWords) {
			continue
		}
		v := sourceValue(textOfN(n, 200))
		if v == "" || !runesAtMost(v, 30) || hasAnyLabel(fold(v)) {
			continue
		}
		if _, _, _, ok := findDate(fold(v)); ok {
			continue
		}
		if v == p.siteName {
			// The site naming itself over a story it reposts: the
			// source a label names after the text is the story's.
			continue
		}
		return v
	}
	return ""
}

// metaSourceName returns v, the content of a <meta name="source">, when
// it names a source: a short name, not an address (a URL or a path).
func metaSourceName(v string) string {
	v = trimSpace(v)
	if !runesAtMost(v, 30) || strings.ContainsAny(v, "/.:") {
		return ""
	}
	return v
}
