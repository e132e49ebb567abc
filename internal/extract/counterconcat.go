package extract

import (
	"regexp"
	"slices"
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
	s := concatScope{raw: raw, open: open}
	return lit + s.after(end)
}

// completeConcat is completeRef for the literal lit written at
// raw[start:end] (its quotes included) that the terms before it may open
// as well ("host + '/count.asp?id=' + id"); known are values of names the
// caller knows, the arguments of the call running the function the
// literal stands in. whole reports whether the terms before it were all
// read: a URL whose start the page does not give is no URL.
func completeConcat(raw string, open, start, end int, lit string, known map[string]string) (ref string, whole bool) {
	s := concatScope{raw: raw, open: open, known: known}
	head, whole := s.before(start)
	return head + lit + s.after(end), whole
}

// concatScope is where a concatenation stands: the page raw, the start of
// the script holding it, the names the caller knows and the names looked
// up in the page so far.
type concatScope struct {
	raw   string
	open  int
	known map[string]string
	names int
}

// value returns the value of a term of the concatenation at raw[at]: a
// literal, a name the caller knows, or a name the page gives a literal
// (identValue; at most maxConcatNames of them).
func (s *concatScope) value(term string, at int) (string, bool) {
	if v, ok := literal(term); ok {
		return v, true
	}
	if !identRe.MatchString(term) {
		return "", false
	}
	if v, ok := s.known[term]; ok {
		return v, true
	}
	if s.names >= maxConcatNames {
		return "", false
	}
	s.names++
	return identValue(s.raw, s.open, at, term)
}

// after returns the values of the terms "+ term + …" that follow
// raw[end], up to the first one whose value is not given.
func (s *concatScope) after(end int) string {
	rest := strings.TrimLeft(s.raw[end:], " \t\r\n")
	var b strings.Builder
	for n := 0; n < maxConcatTerms && strings.HasPrefix(rest, "+"); n++ {
		term, next := nextTerm(strings.TrimLeft(rest[1:], " \t\r\n"))
		v, ok := s.value(term, end)
		if !ok {
			break
		}
		b.WriteString(v)
		rest = strings.TrimLeft(next, " \t\r\n")
	}
	return b.String()
}

// before returns the values of the terms "… + term +" that stand before
// raw[start] in its script, and whether each was given: the
// concatenation opens there, or with the markup a script writes before a
// URL ('<script src="' + …).
func (s *concatScope) before(start int) (string, bool) {
	var terms []string
	rest := strings.TrimRight(s.raw[s.open:start], " \t\r\n")
	for n := 0; n < maxConcatTerms && strings.HasSuffix(rest, "+") && !strings.HasSuffix(rest, "++"); n++ {
		term, prev := prevTerm(strings.TrimRight(rest[:len(rest)-1], " \t\r\n"))
		if attrOpening(term) {
			break
		}
		v, ok := s.value(term, start)
		if !ok || strings.HasSuffix(prev, ".") {
			return "", false // unknown, or a member of an object
		}
		terms = append(terms, v)
		rest = strings.TrimRight(prev, " \t\r\n")
	}
	slices.Reverse(terms)
	return strings.Join(terms, ""), true
}

// prevTerm splits s, which ends with a term of a concatenation, into
// what precedes that term and the term.
func prevTerm(s string) (term, rest string) {
	if n := len(s); n > 1 && (s[n-1] == '"' || s[n-1] == '\'') {
		if i := strings.LastIndexByte(s[:n-1], s[n-1]); i >= 0 {
			return s[i:], s[:i]
		}
		return s, ""
	}
	i := len(s)
	for i > 0 && (isASCIILetter(s[i-1]) || s[i-1] >= '0' && s[i-1] <= '9' || s[i-1] == '_' || s[i-1] == '$') {
		i--
	}
	return s[i:], s[:i]
}

// attrOpening reports whether the quoted term opens an attribute's value
// in markup a script writes ('<script src="'): the URL after it starts
// the value.
func attrOpening(term string) bool {
	return len(term) >= 4 && (strings.HasSuffix(term[:len(term)-1], `="`) || strings.HasSuffix(term[:len(term)-1], `='`))
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
