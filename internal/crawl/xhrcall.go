package crawl

import (
	"net/url"
	"strings"
)

// A script's request for data, read as a browser would send it: the URL
// expression and, where the request passes its parameters as a data
// object ($.getJSON(url, {page: p, cid: 3}), $.ajax({url: u, data:
// {pageNo: 1}}), axios.get(url, {params: {page: 1}}), fetch(url + '?' +
// new URLSearchParams({page: 1}))), the object, whose pairs jQuery and
// axios append to the URL's query in the order written. A request sent
// with another method than GET ($.post, $.ajax({type: 'POST'}),
// fetch(url, {method: 'POST'})) is never read: a POST may change what
// the server keeps (a vote, a like, a search log), and the frontier and
// the archive know a request by its URL alone.

// maxCallBytes bounds the text of a request's arguments read.
const maxCallBytes = 4096

// xhrCall is a request a script makes: its URL expression and its data
// object's text ("" when it has none).
type xhrCall struct {
	url, data string
}

// readXHRCall reads the arguments of the request whose callee (getJSON,
// get, ajax or fetch, see requestAt) ends at js[paren], the "(" opening
// them; ok is false for a request not sent with GET or not read.
func readXHRCall(js string, paren int, callee string) (xhrCall, bool) {
	args, ok := callArgs(js, paren)
	if !ok || len(args) == 0 {
		return xhrCall{}, false
	}
	var c xhrCall
	var opts map[string]string
	switch callee {
	case "ajax":
		if opts, ok = objectPairs(args[0]); !ok || opts["url"] == "" {
			return xhrCall{}, false
		}
		c.url, c.data = opts["url"], opts["data"]
	case "fetch":
		c.url = args[0]
		if len(args) > 1 {
			if opts, ok = objectPairs(args[1]); !ok {
				return xhrCall{}, false
			}
		}
	case "axios.get":
		c.url = args[0]
		if len(args) > 1 {
			cfg, ok := objectPairs(args[1])
			if !ok {
				return xhrCall{}, false
			}
			c.data = cfg["params"]
		}
	default: // $.getJSON, $.get: (url[, data][, success])
		c.url = args[0]
		if len(args) > 1 && strings.HasPrefix(args[1], "{") {
			c.data = args[1]
		}
	}
	for _, k := range []string{"type", "method"} {
		if m, ok := opts[k]; ok {
			if v, ok := literal(m); !ok || !strings.EqualFold(v, "get") {
				return xhrCall{}, false
			}
		}
	}
	return c, true
}

// build returns the URL c asks with env's values: its URL expression's
// value, the data object's pairs appended to its query.
func (c xhrCall) build(env map[string]string) (string, bool) {
	u, ok := evalExpr(c.url, env)
	if !ok {
		return "", false
	}
	if c.data == "" {
		return u, true
	}
	q, ok := objectQuery(c.data, env)
	if !ok {
		return "", false
	}
	switch {
	case q == "":
	case !strings.Contains(u, "?"):
		u += "?" + q
	case strings.HasSuffix(u, "?") || strings.HasSuffix(u, "&"):
		u += q
	default:
		u += "&" + q
	}
	return u, true
}

// names returns the names c's expressions read (their terms that are a
// name, and the data object's values that are).
func (c xhrCall) names() []string {
	var out []string
	var add func(expr string)
	add = func(expr string) {
		for _, term := range splitPlus(expr) {
			if term = strings.TrimSpace(term); identRe.MatchString(term) {
				out = append(out, term)
			} else if obj, ok := searchParamsObject(term); ok {
				add(obj)
			}
		}
	}
	add(c.url)
	if pairs, ok := orderedPairs(c.data); ok {
		for _, p := range pairs {
			add(p[1])
		}
	}
	return out
}

// evalExpr is evalConcat that also reads a term new
// URLSearchParams({…}) or $.param({…}) as the query its object makes.
func evalExpr(expr string, env map[string]string) (string, bool) {
	if !strings.Contains(expr, "URLSearchParams") && !strings.Contains(expr, "param(") {
		return evalConcat(expr, env)
	}
	var b strings.Builder
	for _, term := range splitPlus(expr) {
		term = strings.TrimSpace(term)
		if obj, ok := searchParamsObject(term); ok {
			q, ok := objectQuery(obj, env)
			if !ok {
				return "", false
			}
			b.WriteString(q)
			continue
		}
		v, ok := evalConcat(term, env)
		if !ok {
			return "", false
		}
		b.WriteString(v)
	}
	return b.String(), true
}

// searchParamsObject returns the object of a term new
// URLSearchParams({…}) (or its .toString()) or $.param({…}).
func searchParamsObject(term string) (string, bool) {
	term = strings.TrimSuffix(term, ".toString()")
	for _, p := range []string{"new URLSearchParams(", "$.param(", "jQuery.param("} {
		if rest, ok := strings.CutPrefix(term, p); ok {
			if obj, ok := strings.CutSuffix(rest, ")"); ok {
				return strings.TrimSpace(obj), true
			}
		}
	}
	return "", false
}

// objectQuery returns the query an object literal's pairs make, each
// value evaluated with env (a value not known makes no query: the
// request is not one the crawler can make).
func objectQuery(obj string, env map[string]string) (string, bool) {
	pairs, ok := orderedPairs(obj)
	if !ok {
		return "", false
	}
	var b strings.Builder
	for _, p := range pairs {
		v, ok := evalConcat(p[1], env)
		if !ok {
			return "", false
		}
		if b.Len() > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(p[0]) + "=" + url.QueryEscape(v))
	}
	return b.String(), true
}

// objectPairs returns an object literal's pairs by key.
func objectPairs(obj string) (map[string]string, bool) {
	pairs, ok := orderedPairs(obj)
	if !ok {
		return nil, false
	}
	m := make(map[string]string, len(pairs))
	for _, p := range pairs {
		m[p[0]] = p[1]
	}
	return m, true
}

// orderedPairs returns an object literal's key and value texts in order
// ({page: p, 'cid': 3}: [page p] [cid 3]); a shorthand property ({page})
// is its name's value.
func orderedPairs(obj string) ([][2]string, bool) {
	obj = strings.TrimSpace(obj)
	if len(obj) < 2 || obj[0] != '{' || obj[len(obj)-1] != '}' {
		return nil, false
	}
	var out [][2]string
	for _, part := range splitTop(obj[1:len(obj)-1], ',') {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		k, v, found := strings.Cut(part, ":")
		k = strings.TrimSpace(k)
		if !found {
			v = k
		}
		if s, ok := literal(k); ok {
			k = s
		} else if !identRe.MatchString(k) {
			return nil, false
		}
		out = append(out, [2]string{k, strings.TrimSpace(v)})
	}
	return out, true
}

// callArgs returns the argument texts of the call whose "(" is
// js[paren], split at its top-level commas, or false when the call does
// not close within maxCallBytes.
func callArgs(js string, paren int) ([]string, bool) {
	end := closing(js, paren, min(len(js), paren+maxCallBytes))
	if end < 0 {
		return nil, false
	}
	var out []string
	for _, a := range splitTop(js[paren+1:end], ',') {
		out = append(out, strings.TrimSpace(a))
	}
	return out, true
}

// scanTop calls visit for each byte of js[from:limit] outside quotes
// (', " and `) with its bracket depth, a bracket counted outside itself
// (an opening one at the depth before it, a closing one at the depth
// after it), until visit returns true; it returns that byte's index, or
// -1.
func scanTop(js string, from, limit int, visit func(i, depth int) bool) int {
	depth := 0
	var quote byte
	for i := from; i < limit; i++ {
		c := js[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
			continue
		case c == '"' || c == '\'' || c == '`':
			quote = c
			continue
		case c == ')' || c == '}' || c == ']':
			depth--
		}
		if visit(i, depth) {
			return i
		}
		if c == '(' || c == '{' || c == '[' {
			depth++
		}
	}
	return -1
}

// closing returns the index before limit of the bracket closing the one
// at js[open] (quotes and nested brackets skipped), or -1.
func closing(js string, open, limit int) int {
	return scanTop(js, open, limit, func(i, depth int) bool {
		c := js[i]
		return depth == 0 && i > open && (c == ')' || c == '}' || c == ']')
	})
}

// splitTop splits s at sep outside quotes and brackets.
func splitTop(s string, sep byte) []string {
	var out []string
	start := 0
	scanTop(s, 0, len(s), func(i, depth int) bool {
		if s[i] == sep && depth == 0 {
			out = append(out, s[start:i])
			start = i + 1
		}
		return false
	})
	return append(out, s[start:])
}
