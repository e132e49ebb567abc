package crawl

import (
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// Links a page writes as script. Besides <a href>, pages link by handlers:
// a list whose rows open their article (<tr onclick="location.href=
// 'show.asp?id=5'">), a pager whose links are <a href="javascript:;"
// onclick="window.location='index_2.html'">, a link written
// href="javascript:window.open('…')", and the jump menus of friend sites
// and page numbers (<select onchange="window.open(this.value)"> whose
// options' values are the URLs; Dreamweaver's MM_jumpMenu). A browser
// follows them all; a crawler reading hrefs only misses what they lead to
// (Heritrix reads handlers and value attributes for the same reason).
// Only literal URLs count here; a call of the page's own function
// (goPage(2)) is read by what its body does (scriptfunc.go).

// windowOpenRe matches window.open('…') (or a bare open('…')), not another
// object's open method (xhr.open('GET', …)).
var windowOpenRe = regexp.MustCompile(`(?:\bwindow\s*\.\s*|(?:^|[^.\w$]))open\s*\(\s*["']([^"']+)["']`)

// navTarget returns the URL that script text sends the browser to (as
// written: relative or absolute), or "": an assignment to location (or
// location.href, top.location …), location.assign/replace, window.open.
func navTarget(js string) string {
	if !strings.Contains(js, "location") && !strings.Contains(js, "open") {
		return ""
	}
	if t := wholeLiteral(scriptLocationRe, js); t != "" {
		return t
	}
	return wholeLiteral(windowOpenRe, js)
}

// wholeLiteral returns the first URL literal re captures in js (its
// groups' text) that is the whole of the expression, or "": a literal
// that a "+" continues (location.href = '/info/' + id + '.html') is only
// the start of a URL the script makes, and no page.
func wholeLiteral(re *regexp.Regexp, js string) string {
	for _, m := range re.FindAllStringSubmatchIndex(js, 8) {
		var t string
		end := -1
		for k := 2; k < len(m); k += 2 {
			if m[k] >= 0 {
				t, end = js[m[k]:m[k+1]], m[k+1]+1 // past the closing quote
			}
		}
		if end < 0 || strings.HasPrefix(strings.TrimLeft(js[end:], " \t\r\n"), "+") {
			continue
		}
		return strings.TrimSpace(t)
	}
	return ""
}

// attrOf returns the value of n's first attribute key and whether it has
// one.
func attrOf(n *html.Node, key string) (string, bool) {
	for _, at := range n.Attr {
		if at.Key == key {
			return at.Val, true
		}
	}
	return "", false
}

// linkTarget returns the URL a link element (<a>, <area>) leads to, and
// whether it has one: its href, or where the script of a javascript: or
// empty href ("#") or its onclick handler sends the browser.
func linkTarget(n *html.Node) (string, bool) {
	href, ok := attrOf(n, "href")
	h := strings.TrimSpace(href)
	script := scriptOrMail(h)
	if h != "" && !strings.HasPrefix(h, "#") && !script {
		return href, true
	}
	if t := navTarget(h); script && t != "" {
		return t, true
	}
	if t := handlerTarget(n); t != "" {
		return t, true
	}
	return href, ok
}

// handlerTarget returns the URL n's onclick handler sends the browser to,
// or "".
func handlerTarget(n *html.Node) string {
	if len(n.Attr) == 0 {
		return ""
	}
	js, ok := attrOf(n, "onclick")
	if !ok {
		return ""
	}
	return navTarget(js)
}

// dataLinkAttrs are the attributes in which list templates keep the URL a
// row (<li data-href="…">, <div data-url="…">) or a 加载更多 button
// (<a href="javascript:;" data-next="list_2.html">) leads to, for the
// site's script to go to or load on a click.
var dataLinkAttrs = []string{"data-href", "data-url", "data-link", "data-next"}

// dataTarget returns the URL n keeps in one of dataLinkAttrs (the first
// that holds a URL), or "".
func dataTarget(n *html.Node) string {
	for _, at := range n.Attr {
		if len(at.Key) > 5 && at.Key[:5] == "data-" && slices.Contains(dataLinkAttrs, at.Key) && optionURL(at.Val) {
			return strings.TrimSpace(at.Val)
		}
	}
	return ""
}

// jumpMenu reports whether select is a jump menu: its change handler
// opens or goes to the chosen option's value.
func jumpMenu(sel *html.Node) bool {
	js, ok := attrOf(sel, "onchange")
	return ok && jumpScript(js)
}

// jumpScript reports whether a change handler goes to or opens what was
// chosen.
func jumpScript(js string) bool {
	js = strings.ToLower(js)
	return strings.Contains(js, "location") || strings.Contains(js, "open(") || strings.Contains(js, "jumpmenu")
}

// eachOption calls fn for every option of a jump menu whose value is a URL
// (a path or a host: holding "/" or "."; the menu's title option has none).
func eachOption(sel *html.Node, fn func(n *html.Node, href string)) {
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.Data == "option" {
				if v, ok := attrOf(c, "value"); ok && optionURL(v) {
					fn(c, v)
				}
				continue
			}
			walk(c) // <optgroup>
		}
	}
	walk(sel)
}

// optionURL reports whether a jump menu option's value is a URL.
func optionURL(v string) bool {
	v = strings.TrimSpace(v)
	return strings.ContainsAny(v, "/.") && !strings.HasPrefix(v, "#") && !scriptOrMail(v)
}
