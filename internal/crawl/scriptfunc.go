package crawl

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// Pagers that call the page's own function. Many list templates link their
// page numbers as href="javascript:goPage(3)" or onclick="turnPage(3)",
// the function defined in the page's script building the URL from its
// argument: function goPage(n){ location.href = "list_" + n + ".html"; },
// and list rows open their article the same way (<tr onclick=
// "showInfo(163)">, <a href="javascript:void(0)" onclick=
// "openDetail('163')">). A browser follows them; so does the crawl, where the function's body
// sends the browser to a string made of literals, its parameters, local
// variables made of those, a parameter plus or minus a number, and the
// page's own path (location.pathname + "?page=" + n) — what such pagers
// do. A body that reads anything else (a form's fields, the page's query
// or whole URL, a global) names no URL the crawl can know and is left.

// callRe matches a link's script that is one call of a function with
// literal arguments (and an optional "return false").
var callRe = regexp.MustCompile(`^\s*(?:javascript:)?\s*(?:return\s+)?([A-Za-z_$][\w$]*)\s*\(([^()]*)\)\s*;?\s*(?:return\s+false\s*;?\s*)?$`)

// noURL reports whether a link's target names no page: none, a fragment,
// or script.
func noURL(href string) bool {
	h := strings.TrimSpace(href)
	return h == "" || strings.HasPrefix(h, "#") || scriptOrMail(h)
}

// pageCall is a call of a page function a link makes.
type pageCall struct {
	n    *html.Node
	name string
	args []string
}

// callOf returns the call of a page function n's href or onclick makes.
func callOf(n *html.Node) (pageCall, bool) {
	for _, key := range []string{"href", "onclick"} {
		js, ok := attrOf(n, key)
		if !ok || key == "href" && !strings.HasPrefix(strings.ToLower(strings.TrimSpace(js)), "javascript:") {
			continue
		}
		if c, ok := scriptCall(n, js); ok {
			return c, true
		}
	}
	return pageCall{}, false
}

// scriptCall returns the call of a page function that the script js of
// n's href or handler is.
func scriptCall(n *html.Node, js string) (pageCall, bool) {
	m := callRe.FindStringSubmatch(js)
	if m == nil || jsKeywords[m[1]] {
		return pageCall{}, false
	}
	args, ok := literalArgs(m[2])
	if !ok {
		return pageCall{}, false
	}
	return pageCall{n: n, name: m[1], args: args}, true
}

// jsKeywords are names callRe may match that are no page function.
var jsKeywords = map[string]bool{"void": true, "alert": true, "open": true, "history": true, "print": true, "close": true}

// literalArgs parses a call's arguments: numbers and quoted strings only.
func literalArgs(s string) ([]string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, true
	}
	var out []string
	for _, a := range strings.Split(s, ",") {
		v, ok := literal(strings.TrimSpace(a))
		if !ok {
			return nil, false
		}
		out = append(out, v)
	}
	return out, true
}

// literal returns the value of a number or a quoted string without
// quotes or escapes inside.
func literal(a string) (string, bool) {
	if len(a) >= 2 && (a[0] == '\'' || a[0] == '"') && a[len(a)-1] == a[0] {
		v := a[1 : len(a)-1]
		return v, !strings.ContainsAny(v, `'"\`)
	}
	if _, err := strconv.Atoi(a); err == nil {
		return a, true
	}
	return "", false
}

// pageFuncs are the functions a page's scripts define: name → parameters
// and where the body sends the browser.
type pageFuncs map[string]pageFunc

// pageFunc is a page function, read once however many links call it: its
// parameters, the expression its body sends the browser to ("" if none)
// and the assignments before it, in order.
type pageFunc struct {
	params []string
	nav    string
	locals []assignment
}

// assignment is a body's assignment of expr to name.
type assignment struct{ name, expr string }

var funcRe = regexp.MustCompile(`function\s+([A-Za-z_$][\w$]*)\s*\(([^()]*)\)\s*\{`)

// maxScriptBytes bounds the script text read for functions.
const maxScriptBytes = 256 << 10

// functionsOf reads the functions of the calls defined in a page's inline
// scripts, in document order (only those functions: a body is found by
// matching its braces, which a page of many nested functions would make
// costly).
func functionsOf(scripts []string, calls []pageCall) pageFuncs {
	names := map[string]bool{}
	for _, c := range calls {
		names[c.name] = true
	}
	funcs := pageFuncs{}
	read := 0
	for _, js := range scripts {
		if read >= maxScriptBytes {
			break
		}
		read += len(js)
		addFunctions(funcs, js, names)
	}
	return funcs
}

// addFunctions adds the functions of names that js defines to funcs.
func addFunctions(funcs pageFuncs, js string, names map[string]bool) {
	if !mayDefine(js, names) {
		return
	}
	for _, m := range funcRe.FindAllStringSubmatchIndex(js, -1) {
		name := js[m[2]:m[3]]
		if !names[name] {
			continue
		}
		open := m[1] - 1 // the body's "{"
		end := matchingBrace(js, open)
		if end < 0 {
			continue
		}
		var params []string
		for _, p := range strings.Split(js[m[4]:m[5]], ",") {
			if p = strings.TrimSpace(p); p != "" {
				params = append(params, p)
			}
		}
		funcs[name] = newPageFunc(params, js[open+1:end])
	}
}

// mayDefine reports whether js holds "function" and one of names: a
// script without cannot define them, and is not run through funcRe (most
// handlers call functions of the site's script files, and a page's long
// inline scripts define others).
func mayDefine(js string, names map[string]bool) bool {
	if !strings.Contains(js, "function") {
		return false
	}
	for name := range names {
		if strings.Contains(js, name) {
			return true
		}
	}
	return false
}

// matchingBrace returns the index of the "}" closing the "{" at open
// (quotes and nested brackets skipped), or -1.
func matchingBrace(js string, open int) int {
	return scanTop(js, open, len(js), func(i, depth int) bool {
		return depth == 0 && i > open && js[i] == '}'
	})
}

var (
	// navExprRe finds where a function body sends the browser: the
	// expression assigned to location (or .href), given to
	// location.assign/replace or window.open.
	navExprRe = regexp.MustCompile(`(?:(?:window|top|self|document|parent)\s*\.\s*)?location(?:\s*\.\s*href)?\s*=\s*([^;\n}]+)|location\s*\.\s*(?:replace|assign)\s*\(([^;\n}]+)\)|window\s*\.\s*open\s*\(\s*([^,;\n})]+)`)
	// localVarRe finds a body's assignments to a name.
	localVarRe = regexp.MustCompile(`(?:\b(?:var|let|const)\s+)?\b([A-Za-z_$][\w$]*)\s*=\s*([^;\n=][^;\n]*)`)
)

// newPageFunc reads a function's body: where it sends the browser
// (navExprRe), and the assignments before.
func newPageFunc(params []string, body string) pageFunc {
	f := pageFunc{params: params}
	if !strings.Contains(body, "location") && !strings.Contains(body, "open") {
		return f // navExprRe cannot match
	}
	m := navExprRe.FindStringSubmatchIndex(body)
	if m == nil {
		return f
	}
	for k := 2; k < len(m); k += 2 {
		if m[k] >= 0 {
			f.nav = body[m[k]:m[k+1]]
			break
		}
	}
	for _, v := range localVarRe.FindAllStringSubmatchIndex(body[:m[0]], -1) {
		f.locals = append(f.locals, assignment{name: body[v[2]:v[3]], expr: body[v[4]:v[5]]})
	}
	return f
}

// pathNames are the expressions of the page's own path a function may
// build its URL of.
var pathNames = []string{"location.pathname", "window.location.pathname", "document.location.pathname", "self.location.pathname"}

// call returns the URL the call sends the browser to, or "". page, the
// page's URL when known, gives location.pathname its value.
func (funcs pageFuncs) call(c pageCall, page *url.URL) string {
	f, ok := funcs[c.name]
	if !ok || f.nav == "" {
		return ""
	}
	env := map[string]string{}
	if page != nil {
		for _, n := range pathNames {
			env[n] = page.EscapedPath()
		}
	}
	for i, p := range f.params {
		if i < len(c.args) {
			env[p] = c.args[i]
		}
	}
	// Local variables assigned before the navigation, in order. A
	// parameter assigned to (if (n < 1) n = 1;) is no longer known: the
	// assignment may or may not have run.
	isParam := map[string]bool{}
	for _, p := range f.params {
		isParam[p] = true
	}
	for _, a := range f.locals {
		if isParam[a.name] {
			delete(env, a.name)
			continue
		}
		if val, ok := evalConcat(a.expr, env); ok {
			env[a.name] = val
		} else {
			delete(env, a.name)
		}
	}
	u, ok := evalConcat(f.nav, env)
	if !ok || strings.TrimSpace(u) == "" {
		return ""
	}
	return strings.TrimSpace(u)
}

// evalConcat evaluates a concatenation of string and number literals,
// names of env and "(name ± number)".
func evalConcat(expr string, env map[string]string) (string, bool) {
	var b strings.Builder
	for _, term := range splitPlus(expr) {
		term = strings.TrimSpace(term)
		if v, ok := literal(term); ok {
			b.WriteString(v)
			continue
		}
		if v, ok := env[term]; ok {
			b.WriteString(v)
			continue
		}
		if v, ok := arithmetic(term, env); ok {
			b.WriteString(v)
			continue
		}
		return "", false
	}
	return b.String(), true
}

var arithRe = regexp.MustCompile(`^\(\s*(?:parseInt\(\s*)?([A-Za-z_$][\w$]*)\s*\)?\s*([-+])\s*(\d+)\s*\)$`)

// arithmetic evaluates "(n - 1)", "(n + 1)" for a number n of env.
func arithmetic(term string, env map[string]string) (string, bool) {
	m := arithRe.FindStringSubmatch(term)
	if m == nil {
		return "", false
	}
	x, err := strconv.Atoi(env[m[1]])
	if err != nil {
		return "", false
	}
	d, _ := strconv.Atoi(m[3])
	if m[2] == "-" {
		d = -d
	}
	return strconv.Itoa(x + d), true
}

// splitPlus splits an expression at its "+" outside quotes and
// brackets.
func splitPlus(expr string) []string {
	return splitTop(expr, '+')
}
