package extract

import (
	"regexp"
	"strings"
)

// A counter's URL that the page's script completes: the literal it asks
// ends with a parameter's name and the value is added to it —
//
//	function tag_arcclick(aid){ var ajax = new XMLHttpRequest();
//	    ajax.open("get", "/index.php?m=api&c=Ajax&a=arcclick&aids="+aid, true); …
//	    document.getElementById("eyou_arcclick_201").innerHTML = ajax.responseText; }
//	tag_arcclick(201);
//
// (EyouCMS's {eyou:arcclick}, and templates written like it). The value
// is a parameter of the function the request stands in, given by the
// page's call of that function with literal arguments, or a variable the
// page sets to a literal (var aid = 201;). A term that is anything else
// (a cache-busting Math.random(), a form field) ends the URL there, as
// the literal alone ended it before this rule.

// funcHeadRe is a function's head: its name in group 1, its parameters
// in group 2.
var funcHeadRe = regexp.MustCompile(`function\s+([A-Za-z_$][\w$]*)\s*\(([^()]*)\)\s*\{`)

// identRe is a JavaScript identifier, whole.
var identRe = regexp.MustCompile(`^[A-Za-z_$][\w$]*$`)

// maxConcatTerms bounds the terms of a concatenation completeRef reads,
// and maxConcatNames those of them it looks up in the page (each costs a
// few passes over it).
const (
	maxConcatTerms = 8
	maxConcatNames = 2
)

// completeRef returns the URL a script asks when the literal lit, which
// ends at raw[end] inside the script starting at raw[open], is followed
// by "+ term + …": lit with the values of the terms up to the first one
// whose value the page does not give; lit itself when nothing is added.
func completeRef(raw string, open, end int, lit string) string {
	rest := strings.TrimLeft(raw[end:], " \t\r\n")
	var b strings.Builder
	b.WriteString(lit)
	names := 0
	for n := 0; n < maxConcatTerms && strings.HasPrefix(rest, "+"); n++ {
		term, after := nextTerm(strings.TrimLeft(rest[1:], " \t\r\n"))
		v, ok := literal(term)
		if !ok && identRe.MatchString(term) && names < maxConcatNames {
			names++
			v, ok = identValue(raw, open, end, term)
		}
		if !ok {
			break
		}
		b.WriteString(v)
		rest = strings.TrimLeft(after, " \t\r\n")
	}
	return b.String()
}

// nextTerm splits s, which opens with a term of a concatenation, into
// that term and what follows it.
func nextTerm(s string) (term, rest string) {
	if s != "" && (s[0] == '"' || s[0] == '\'') {
		if i := strings.IndexByte(s[1:], s[0]); i >= 0 {
			return s[:i+2], s[i+2:]
		}
		return s, ""
	}
	i := strings.IndexFunc(s, func(r rune) bool { return strings.ContainsRune("+,);\n ", r) })
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i:]
}

// literal returns the value of a number or a quoted string without
// escapes.
func literal(s string) (string, bool) {
	switch {
	case len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] && !strings.ContainsAny(s[1:len(s)-1], `\"'`):
		return s[1 : len(s)-1], true
	case s != "" && strings.Trim(s, "0123456789") == "":
		return s, true
	}
	return "", false
}

// identValue returns the value of the identifier name at raw[at] in the
// script starting at raw[open]: the literal argument the page's call
// gives it when it is a parameter of the function it stands in, else the
// literal a var, let or const of the page sets it to.
func identValue(raw string, open, at int, name string) (string, bool) {
	heads := funcHeadRe.FindAllStringSubmatchIndex(raw[open:at], -1)
	for k := len(heads) - 1; k >= 0; k-- {
		h := heads[k]
		if !stillOpen(raw[open+h[1] : at]) {
			continue
		}
		fn := raw[open+h[2] : open+h[3]]
		for i, p := range strings.Split(raw[open+h[4]:open+h[5]], ",") {
			if strings.TrimSpace(p) == name {
				return callArg(raw, fn, i)
			}
		}
		break // the innermost open function does not take it
	}
	m := regexp.MustCompile(`(?:var|let|const)\s+` + regexp.QuoteMeta(name) + `\s*=\s*("[^"\\]*"|'[^'\\]*'|\d+)\s*[;,\n]`).FindStringSubmatch(raw)
	if m == nil {
		return "", false
	}
	return literal(m[1])
}

// callArg returns the i-th argument of the page's first call of the
// function fn with literal arguments.
func callArg(raw, fn string, i int) (string, bool) {
	re := regexp.MustCompile(`(?:^|[^\w$.])` + regexp.QuoteMeta(fn) + `\s*\(([^()]*)\)`)
	for _, m := range re.FindAllStringSubmatchIndex(raw, maxFilled) {
		if strings.HasSuffix(strings.TrimRight(raw[:m[0]+1], " \t"), "function") {
			continue // the function's own head
		}
		args := strings.Split(raw[m[2]:m[3]], ",")
		if i >= len(args) {
			continue
		}
		if v, ok := literal(strings.TrimSpace(args[i])); ok {
			return v, true
		}
	}
	return "", false
}
