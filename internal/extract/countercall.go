package extract

import (
	"regexp"
	"strings"
)

// A view count loaded by a call of the page's own function, whose body
// builds the counter's URL from the call's arguments and a global the
// page sets elsewhere:
//
//	<script>var bloghost="http://www.example.cn/";</script> …
//	浏览：<span id="spn12"></span><script>LoadViewCount(12)</script> …
//	<script>function LoadViewCount(id){
//	    $.getScript(bloghost+"zb_system/cmd.asp?act=count&id="+id+"&key=spn"+id) }</script>
//
// (old Z-Blog templates, and the templates written like them, with any
// names and a src or ajax request instead). The call must stand right
// after the count's place — the view label (or icon), or the empty
// element after it — in a script of its own; the function must be
// declared in an inline script of the page, where the first string
// literal of its body naming a server script is the request, completed
// as concatenations are (completeConcat) with the call's literal
// arguments for its parameters. A page whose function is declared in a
// site script the page loads has no counter here: the extractor reads
// no file but the page.

// maxCalls bounds the scripts right after a count's place that
// calledCounter follows.
const maxCalls = 4

// leadCallRe is a call of a function by its name opening a script: the
// name in group 1, the arguments in group 2.
var leadCallRe = regexp.MustCompile(`^\s*(?:<!--\s*)?([A-Za-z_$][\w$]*)\s*\(([^()]*)\)\s*;?\s*(?://\s*-->\s*)?$`)

// calledCounter returns the URL a function of the page asks when a
// script standing right after a count's place calls it; "" when none
// does.
func calledCounter(rx rawIndex) (ref string) {
	raw := rx.src
	n := 0
	eachScriptNear(rx, placeReach, func(tag, code int) bool {
		if attrValue(raw[tag:code-1], "src") != "" || !countPlaceBefore(raw[max(0, tag-placeReach):tag]) {
			return true
		}
		n++
		end := strings.Index(raw[code:], "</script")
		if end < 0 {
			return false
		}
		if m := leadCallRe.FindStringSubmatch(raw[code : code+end]); m != nil {
			ref = calledRef(raw, m[1], strings.Split(m[2], ","))
		}
		return ref == "" && n < maxCalls
	})
	return ref
}

// placeReach is how far before a script countPlaceBefore looks for the
// count's place: a view label or icon and an empty element after it.
const placeReach = 2 * labelReach

// countPlaceBefore reports whether s, the page before a script, ends
// where a count shows: after a view label or icon (viewLabelBefore), or
// after an empty element standing there (<span id="spn12"></span>).
func countPlaceBefore(s string) bool {
	if viewLabelBefore(s) {
		return true
	}
	s = strings.TrimRight(s, " \t\r\n")
	closing := strings.LastIndexByte(s, '<')
	if closing < 0 || !strings.HasPrefix(s[closing:], "</") {
		return false
	}
	open := strings.LastIndexByte(s[:closing], '<')
	if open < 0 || strings.HasPrefix(s[open:], "</") {
		return false
	}
	gt := strings.IndexByte(s[open:closing], '>')
	return gt >= 0 && placeholderCount(s[open+gt+1:closing]) && viewLabelBefore(s[:open])
}

// calledRef returns the URL the function fn, declared in an inline script
// of raw, asks when called with args; "" when it asks none the page
// gives.
func calledRef(raw, fn string, args []string) string {
	head := regexp.MustCompile(`(?:function\s+` + regexp.QuoteMeta(fn) + `|(?:^|[^\w$.])` + regexp.QuoteMeta(fn) + `\s*=\s*function)\s*\(([^()]*)\)\s*\{`)
	for _, h := range head.FindAllStringSubmatchIndex(raw, maxCalls) {
		open := strings.LastIndex(raw[:h[0]], "<script")
		if open < 0 || strings.Contains(raw[open:h[0]], "</script") {
			continue // not in an inline script
		}
		end := bodyEnd(raw[h[1]:])
		if end < 0 {
			continue
		}
		body := raw[h[1] : h[1]+end]
		m := fillURLRe.FindStringSubmatchIndex(body)
		if m == nil {
			continue
		}
		known := map[string]string{}
		for i, p := range strings.Split(raw[h[2]:h[3]], ",") {
			if i < len(args) {
				if v, ok := literal(strings.TrimSpace(args[i])); ok {
					known[strings.TrimSpace(p)] = v
				}
			}
		}
		if ref, whole := completeConcat(raw, open, h[1]+m[0], h[1]+m[1], body[m[2]:m[3]], known); whole {
			return ref
		}
	}
	return ""
}
