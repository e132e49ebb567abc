package crawl

import (
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"

	"github.com/wenming-archive/wenming/internal/extract"
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

// rowAttrs returns, in one pass over n's attributes, its onclick handler
// and the URL it keeps in one of dataLinkAttrs (see dataTarget) unless n
// is a resource, whose data attributes name other resources (<style
// data-href="…woff2">, <img data-url="…">).
func rowAttrs(n *html.Node) (onclick, data string) {
	resource := resourceElem(n.Data)
	seen := false
	for _, at := range n.Attr {
		switch k := at.Key; {
		case len(k) < len("onclick"): // class, id, style, href …
		case k == "onclick":
			if !seen {
				onclick, seen = at.Val, true
			}
		case data == "" && k[0] == 'd' && !resource && slices.Contains(dataLinkAttrs, k) && optionURL(at.Val):
			data = strings.TrimSpace(at.Val)
		}
	}
	return onclick, data
}

// resourceElem reports whether an element of that name is a resource of
// the page (a style, an image, a medium, metadata), not something a user
// clicks to go on.
func resourceElem(name string) bool {
	switch name {
	case "style", "link", "meta", "img", "image", "picture", "source", "video", "audio", "track", "embed", "object", "use":
		return true
	}
	return false
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

// eachOption calls fn for every option of a jump menu with the URL
// choosing it goes to (see optionTarget).
func eachOption(sel *html.Node, fn func(n *html.Node, href string)) {
	js, _ := attrOf(sel, "onchange")
	expr := chosenExpr(js)
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.Data == "option" {
				if u, ok := optionTarget(expr, c); ok {
					fn(c, u)
				}
				continue
			}
			walk(c) // <optgroup>
		}
	}
	walk(sel)
}

// chosenValue names the chosen option's value in a change handler: an
// expression a page-number menu's handler concatenates with the list's
// URL (window.location = 'index.asp?page=' + this.value).
var chosenValue = []string{"this.value", "this.options[this.selectedIndex].value", "this.options[selectedIndex].value"}

// chosenExpr returns the expression a jump menu's change handler sends
// the browser to when it is a concatenation holding the chosen value
// (see chosenValue), or "": a handler going to the value itself (or
// calling MM_jumpMenu) has URLs for values.
func chosenExpr(js string) string {
	m := navExprRe.FindStringSubmatch(js)
	if m == nil {
		return ""
	}
	expr := strings.TrimSpace(m[1] + m[2] + m[3])
	if !strings.Contains(expr, "+") {
		return ""
	}
	for _, v := range chosenValue {
		if strings.Contains(expr, v) {
			return expr
		}
	}
	return ""
}

// optionTarget returns the URL choosing option n of a jump menu goes to,
// and whether it goes anywhere. Where the menu's handler puts the value
// into a URL (expr, from chosenExpr), it is that URL, made with the
// option's value (its text when it has none, as browsers take it); an
// option without one (the menu's title, 请选择) goes nowhere. Otherwise it
// is the value, if that is a URL (a path or a host: holding "/" or ".").
func optionTarget(expr string, n *html.Node) (string, bool) {
	v, ok := attrOf(n, "value")
	if expr == "" {
		return v, ok && optionURL(v)
	}
	if !ok {
		v = extract.NodeText(n)
	}
	if v = strings.TrimSpace(v); v == "" {
		return "", false
	}
	env := make(map[string]string, len(chosenValue))
	for _, name := range chosenValue {
		env[name] = v
	}
	u, ok := evalConcat(expr, env)
	u = strings.TrimSpace(u)
	return u, ok && u != "" && !scriptOrMail(u)
}

// optionURL reports whether a jump menu option's value is a URL.
func optionURL(v string) bool {
	v = strings.TrimSpace(v)
	return strings.ContainsAny(v, "/.") && !strings.HasPrefix(v, "#") && !scriptOrMail(v)
}
