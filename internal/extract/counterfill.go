package extract

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// A view count that the page's own script fills in: the label stands
// before an element with an id (浏览次数：<span id="views"></span>), and a
// script asks the site for a JSON answer and writes one value of it into
// that element:
//
//	$.getJSON("/content_view.jspx", {contentId: 12345}, function(d){
//	    $("#views").text(d[0]); $("#comments").text(d[1]); })
//
// answering [1017,3,0,0] (JEECMS and the Java portals made like it). Which
// value is the count is what the script writes beside the label — d[0]
// here, d.views or d["views"] elsewhere — never a guess: a page whose
// labelled element no script fills from such a request has no counter.

// jsonRequestRe is a jQuery request of a literal URL with an optional
// literal object of parameters, whose callback takes the answer: the URL
// in group 2, the parameters in 3, the answer's name in 4. A form post
// ($.post) is not one: the crawler asks with GET.
var jsonRequestRe = regexp.MustCompile(`(?:\$|jQuery)\s*\.\s*(?:getJSON|get)\s*\(\s*(["'])([^"'\s]+)["']\s*(?:,\s*\{([^{}]*)\}\s*)?,\s*function\s*\(\s*([A-Za-z_$][\w$]*)\s*\)\s*\{`)

// literalParamRe is one parameter of a literal object: a key (bare or
// quoted) and a number or a quoted string.
var literalParamRe = regexp.MustCompile(`^\s*(?:["']([\w$]+)["']|([\w$]+))\s*:\s*(?:(-?\d+)|"([^"]*)"|'([^']*)')\s*$`)

// fillRe is a statement that writes a value of an answer into an element
// by its id: $("#ID").text(d[0]) (or .html, jQuery(…)) in groups 1–3,
// document.getElementById("ID").innerHTML = d.views (or innerText,
// textContent) in groups 4–6: the id, the answer's name, the selector.
var fillRe = regexp.MustCompile(`(?:\$|jQuery)\(\s*["']#([\w-]+)["']\s*\)\s*\.\s*(?:text|html)\(\s*` + fillValue + `\s*\)` +
	`|document\.getElementById\(\s*["']([\w-]+)["']\s*\)\s*\.\s*(?:innerHTML|innerText|textContent)\s*=\s*` + fillValue)

// fillValue is a value of an answer: its name, then [0], .views or
// ["views"].
const fillValue = `([A-Za-z_$][\w$]*)\s*(\[\s*\d+\s*\]|\.\s*[A-Za-z_$][\w$]*|\[\s*["'][\w$]+["']\s*\])`

// filledCounter returns the request URL (as the page writes it, with its
// parameters) and the value it picks (see Counter.Pick) of the first
// script statement in raw that fills an element standing right after a
// view label with a value of a request's answer, or "", "". It reads
// from the statements, which few pages have: a page costs a scan for
// their literal leads, and a hostile one at most maxLeads short matches
// and maxFilled statements, each with a scan for its request.
func filledCounter(rx rawIndex) (ref, pick string) {
	if rx.index("getJSON") < 0 && rx.index("$.get(") < 0 && rx.index("jQuery.get(") < 0 {
		return "", "" // no request of the forms read here
	}
	raw := rx.src
	tried := 0
	eachFill(raw, func(at int, id, name, sel string) bool {
		if !labelledID(raw, id) {
			return true
		}
		tried++
		if req := requestOf(raw, name, at); req != nil {
			params, ok := "", true
			if req[6] >= 0 {
				params, ok = literalParams(raw[req[6]:req[7]])
			}
			if ok {
				ref, pick = raw[req[4]:req[5]], pickOf(sel)
				if params != "" {
					ref += querySep(ref) + params
				}
				return false
			}
		}
		return tried < maxFilled
	})
	return ref, pick
}

// filledLeads are the literals one of which a page with a filled counter
// holds: its request (found by the page's one scan, rawLiterals).
var filledLeads = []string{"getJSON", "$.get(", "jQuery.get("}

// maxFilled bounds the statements filling a labelled element, and the
// places of an id, that filledCounter looks at; maxLeads the literal leads
// of statements (("#, getElementById() it tries to match.
const (
	maxFilled = 4
	maxLeads  = 1000
)

// fillLeads are the literals every fillRe statement holds, how far before
// one the statement may start, and what follows it soon in the statement
// (most $("#x") of a page are other calls: .click(, .show()).
var fillLeads = []struct {
	lit   string
	back  int
	write []string
}{
	{`("#`, len("jQuery"), []string{".text(", ".html("}},
	{`('#`, len("jQuery"), []string{".text(", ".html("}},
	{`( "#`, len("jQuery"), []string{".text(", ".html("}},
	{`( '#`, len("jQuery"), []string{".text(", ".html("}},
	{"getElementById", len("document."), []string{"innerHTML", "innerText", "textContent"}},
}

// eachFill calls fn with the place, the element's id, the answer's name
// and the selector of each fillRe statement in raw (by lead, in order of
// place within each), until fn returns false.
func eachFill(raw string, fn func(at int, id, name, sel string) bool) {
	for _, lead := range fillLeads {
		for off, n := 0, 0; n < maxLeads; n++ {
			i := strings.Index(raw[off:], lead.lit)
			if i < 0 {
				break
			}
			i += off
			off = i + len(lead.lit)
			soon := raw[i:min(len(raw), i+80)]
			if !slices.ContainsFunc(lead.write, func(w string) bool { return strings.Contains(soon, w) }) {
				continue
			}
			from := max(0, i-lead.back)
			w := raw[from:min(len(raw), i+200)]
			m := fillRe.FindStringSubmatchIndex(w)
			if m == nil || from+m[0] > i || from+m[1] <= i {
				continue
			}
			g := 2 // the jQuery form's groups, else the DOM form's
			if m[g] < 0 {
				g = 8
			}
			if !fn(from+m[0], w[m[g]:m[g+1]], w[m[g+2]:m[g+3]], w[m[g+4]:m[g+5]]) {
				return
			}
		}
	}
}

// labelledID reports whether an element with the id stands right after a
// view label in raw (浏览次数：<span id="views">), looking at the first
// maxFilled places of the id.
func labelledID(raw, id string) bool {
	for _, attr := range []string{`id="` + id + `"`, `id='` + id + `'`, `id=` + id + `>`, `id=` + id + ` `} {
		for off, n := 0, 0; n < maxFilled; n++ {
			i := strings.Index(raw[off:], attr)
			if i < 0 {
				break
			}
			i += off
			off = i + len(attr)
			if i == 0 || !isASCIISpace(raw[i-1]) {
				continue // data-id=, another attribute
			}
			lt := strings.LastIndexByte(raw[:i], '<')
			if lt >= 0 && !strings.ContainsAny(raw[lt:i], ">") && viewLabelBefore(raw[max(0, lt-120):lt]) {
				return true
			}
		}
	}
	return false
}

// eachMatch calls fn with the submatch indexes of each match of re in s,
// in order, until fn returns false; no match is empty.
func eachMatch(re *regexp.Regexp, s string, fn func(m []int) bool) {
	for off := 0; off < len(s); {
		m := re.FindStringSubmatchIndex(s[off:])
		if m == nil {
			return
		}
		for i := range m {
			if m[i] >= 0 {
				m[i] += off
			}
		}
		if !fn(m) {
			return
		}
		off = max(m[1], off+1)
	}
}

// requestOf returns the request (a jsonRequestRe match) whose callback
// names its answer name and holds the statement at stmt: the nearest
// before it, of the maxFilled nearest; nil if none.
func requestOf(raw, name string, stmt int) []int {
	var near [][]int // the last maxFilled requests before stmt
	eachMatch(jsonRequestRe, raw[:stmt], func(r []int) bool {
		if len(near) == maxFilled {
			near = near[1:]
		}
		near = append(near, r)
		return true
	})
	for k := len(near) - 1; k >= 0; k-- {
		if r := near[k]; raw[r[8]:r[9]] == name && stillOpen(raw[r[1]:stmt]) {
			return r
		}
	}
	return nil
}

// stillOpen reports whether code, which follows the opening brace of a
// function's body, leaves that body open: the statement after it is the
// function's.
func stillOpen(code string) bool {
	return bodyEnd(code) < 0
}

// bodyEnd returns the offset in code, which follows the opening brace of
// a function's body, of the brace closing it; -1 when code leaves it
// open.
func bodyEnd(code string) int {
	depth := 1
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				return i
			}
		case '"', '\'':
			// A string's braces are no code.
			for i++; i < len(code) && code[i] != c && code[i] != '\n'; i++ {
				if code[i] == '\\' {
					i++
				}
			}
		}
	}
	return -1
}

// literalParams encodes the parameters of a literal object (contentId:
// 12345, "type": "view") as a query; a parameter whose value is not a
// literal (a variable) makes the request unknown.
func literalParams(obj string) (string, bool) {
	v := url.Values{}
	var keys []string
	for _, part := range strings.Split(obj, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		m := literalParamRe.FindStringSubmatch(part)
		if m == nil {
			return "", false
		}
		key := m[1] + m[2]
		keys = append(keys, key)
		v.Set(key, m[3]+m[4]+m[5])
	}
	// In the script's order, as jQuery.param writes them.
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(k) + "=" + url.QueryEscape(v.Get(k)))
	}
	return b.String(), true
}

// pickOf turns the selector a script applies to the answer ([0], .views,
// ["views"]) into a Counter.Pick: "0", "views".
func pickOf(sel string) string {
	return strings.Trim(sel, `[]."' `+"\t")
}

// querySep is what joins a query to ref: ? or &.
func querySep(ref string) string {
	if strings.Contains(ref, "?") {
		return "&"
	}
	return "?"
}

// pickCount reads the value pick names (Counter.Pick) of a JSON answer: an
// element of an array by its index, a member of an object by its name; a
// number, or a string holding one.
func pickCount(body []byte, pick string) (*int64, error) {
	var v any
	if err := json.Unmarshal([]byte(strings.TrimPrefix(strings.TrimSpace(string(body)), "\ufeff")), &v); err != nil {
		return nil, fmt.Errorf("parse counter answer %q: %w", truncateRunes(string(body), 60), ErrNoCount)
	}
	var got any
	switch a := v.(type) {
	case []any:
		if i, err := strconv.Atoi(pick); err == nil && i >= 0 && i < len(a) {
			got = a[i]
		}
	case map[string]any:
		got = a[pick]
	}
	switch n := got.(type) {
	case float64:
		if n >= 0 && n == float64(int64(n)) {
			c := int64(n)
			return &c, nil
		}
	case string:
		if c, ok := ParseCount(n); ok {
			return &c, nil
		}
	}
	return nil, fmt.Errorf("counter answer %q has no count at %q: %w", truncateRunes(string(body), 60), pick, ErrNoCount)
}
