package crawl

import (
	"bytes"
	"encoding/json"
	"hash/fnv"
	"html"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	xhtml "golang.org/x/net/html"

	"github.com/wenming-archive/wenming/internal/frontier"
)

// Lists filled from JSON. A list page may be a shell: its rows come from
// a request the page's script makes when it loads (function load(page){
// $.getJSON('/api/list?cid=' + cid + '&page=' + page, …) } load(1);, cid
// set by a literal of the page), answered with JSON records each naming
// its article's URL and title. A browser shows the rows; a crawler
// reading links finds none. So the crawl asks, as a page, the URL such a
// request makes when it numbers a page (page=1: never a view counter's,
// which each request would count), and the same call's with its page
// number one more (xhrRequests: the function called at load with literal
// arguments, its request's URL a concatenation of literals, the call's
// arguments and the page's literal variables, with its data object's
// pairs, xhrcall.go; a request outside such a function when its text
// names the page parameter), and reads a JSON answer of records with URL
// fields, or with the fields the script's link template reads
// (jsonrecords.go), as a list (jsonListPage): its records' URLs are the
// rows' links, titled; and, where the answer's URL numbers its page
// (page=1), the page listed records and its counts do not say it is the
// last (jsonpaging.go), the next page is its pager's 下一页. An empty
// page past the end, or one repeating the page before, lists none and leads
// nowhere; the pattern budget weighs the pages as any list's.

// maxXHRRequests bounds the requests a page's scripts are read for.
const maxXHRRequests = 8

// maxEnclosing bounds the "function" keywords looked back through for the
// function a request is made in.
const maxEnclosing = 4

// xhrRequests returns the URLs (as written: relative or absolute) that a
// page's inline scripts ask for data when the page loads, where they
// number a page: the requests of the functions the scripts call with
// literal arguments, and the same with the page number one more. Only
// literal searches run over the scripts; the patterns read the requests
// and the functions they find (a page's inline scripts may be a library
// of hundreds of kilobytes).
func xhrRequests(scripts []string) []string {
	var out []string
	seen := map[string]bool{}
	read, asked := 0, 0
	for _, js := range scripts {
		if read += len(js); read > maxScriptBytes {
			break
		}
		for from := 0; asked < maxXHRRequests; {
			i := strings.IndexByte(js[from:], '(')
			if i < 0 {
				break
			}
			paren := from + i
			from = paren + 1
			at, callee, ok := requestAt(js, paren)
			if !ok {
				continue
			}
			asked++
			for _, u := range loadRequests(scripts, js, at, paren, callee) {
				if !seen[u] {
					seen[u] = true
					out = append(out, u)
				}
			}
		}
	}
	return out
}

// requestAt reports whether the "(" at js[paren] opens a request for data
// sent with GET ($.getJSON(, jQuery.get(, $.ajax(, fetch(, axios.get(),
// where the request's expression starts and its callee's name (getJSON,
// get, ajax, fetch or axios.get).
func requestAt(js string, paren int) (at int, callee string, ok bool) {
	start := paren
	for start > 0 && isIdentByte(js[start-1]) {
		start--
	}
	word := js[start:paren]
	obj := func(names ...string) (int, string, bool) {
		if start == 0 || js[start-1] != '.' {
			return 0, "", false
		}
		for _, n := range names {
			if b := start - 1 - len(n); b >= 0 && js[b:start-1] == n && (b == 0 || !isIdentByte(js[b-1]) && js[b-1] != '.') {
				if n == "axios" {
					return b, "axios.get", true
				}
				return b, word, true
			}
		}
		return 0, "", false
	}
	switch word {
	case "getJSON", "ajax":
		return obj("$", "jQuery")
	case "get":
		return obj("$", "jQuery", "axios")
	case "fetch":
		return start, word, start == 0 || js[start-1] != '.'
	}
	return 0, "", false
}

// loadRequests returns the URLs the request at js[at:] (its arguments
// opening at js[paren]) asks when the function it is made in is called at
// load (see xhrRequests), or, made outside a function called so, when it
// is made of literals and the page's literal variables alone.
func loadRequests(scripts []string, js string, at, paren int, callee string) []string {
	call, ok := readXHRCall(js, paren, callee)
	if !ok {
		return nil
	}
	env := map[string]string{}
	isParam := map[string]bool{}
	name, params, ok := enclosingFunction(js, at)
	if ok {
		if args, ok := loadCall(scripts, name); ok {
			for i, p := range params {
				isParam[p] = true
				if i < len(args) {
					env[p] = args[i]
				}
			}
		} else {
			params = nil
		}
	}
	if params == nil && !namesPageParam(call.url) && !namesPageParam(call.data) {
		return nil // made of literals and page variables, it numbers no page
	}
	first, ok := call.build(env)
	if !ok { // the page's variables looked up only when asked for
		for _, term := range call.names() {
			if _, known := env[term]; !known && !isParam[term] {
				if v, ok := pageVar(scripts, term); ok {
					env[term] = v
				}
			}
		}
		first, ok = call.build(env)
	}
	if first = strings.TrimSpace(first); !ok || first == "" || scriptOrMail(first) || pageOf(first) == "" {
		return nil
	}
	out := []string{first}
	// The call with its page number one more asks the next page (the
	// page=1 of the first is the one a canonical URL leaves out); a
	// parameter that numbers something else (a page size) is left as
	// called.
	for _, p := range params {
		k, err := strconv.Atoi(env[p])
		if err != nil {
			continue
		}
		env[p] = strconv.Itoa(k + 1)
		next, ok := call.build(env)
		env[p] = strconv.Itoa(k)
		if next = strings.TrimSpace(next); ok && pageOf(next) != pageOf(first) {
			out = append(out, next)
		}
	}
	return out
}

// namesPageParam reports whether a request's text names a parameter of
// jsonPageParams (a whole word): a request outside a function called at
// load is read only then, its page variables looked up only then.
func namesPageParam(text string) bool {
	for _, p := range jsonPageParams {
		if eachWord(text, p, func(int) bool { return true }) {
			return true
		}
	}
	return false
}

// eachWord calls visit with the index of each place word occurs in s as
// a whole name (no name's byte before or after it) until visit returns
// true, and reports whether it did.
func eachWord(s, word string, visit func(at int) bool) bool {
	for from := 0; ; {
		i := strings.Index(s[from:], word)
		if i < 0 {
			return false
		}
		at := from + i
		from = at + len(word)
		if (at == 0 || !isIdentByte(s[at-1])) && (from == len(s) || !isIdentByte(s[from])) && visit(at) {
			return true
		}
	}
}

// identRe matches a name.
var identRe = regexp.MustCompile(`^[A-Za-z_$][\w$]*$`)

// isIdentByte reports whether c may be part of a name.
func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// enclosingFunction returns the name and parameters of the function
// declared in js whose body holds js[at].
func enclosingFunction(js string, at int) (name string, params []string, ok bool) {
	end := at
	for range maxEnclosing {
		i := strings.LastIndex(js[:end], "function")
		if i < 0 {
			return "", nil, false
		}
		end = i
		m := funcRe.FindStringSubmatchIndex(js[i:min(len(js), i+256)])
		if m == nil || m[0] != 0 {
			continue
		}
		if close := matchingBrace(js, i+m[1]-1); close < at {
			continue // a function before the request, not around it
		}
		for _, p := range strings.Split(js[i+m[4]:i+m[5]], ",") {
			if p = strings.TrimSpace(p); p != "" {
				params = append(params, p)
			}
		}
		return js[i+m[2] : i+m[3]], params, true
	}
	return "", nil, false
}

// loadCall returns the literal arguments of a statement of the scripts
// calling the function name (load(1);), not its declaration.
func loadCall(scripts []string, name string) ([]string, bool) {
	var args []string
	for _, js := range scripts {
		found := eachWord(js, name, func(at int) bool {
			if at > 0 && js[at-1] == '.' || strings.HasSuffix(strings.TrimRight(js[:at], " \t"), "function") {
				return false
			}
			rest := strings.TrimLeft(js[at+len(name):], " \t")
			if !strings.HasPrefix(rest, "(") {
				return false
			}
			close := strings.IndexByte(rest, ')')
			if close < 0 {
				return false
			}
			after := strings.TrimLeft(rest[close+1:], " \t")
			if after != "" && !strings.ContainsAny(after[:1], ";}\n)") {
				return false // a declaration's body, or a call inside an expression
			}
			a, ok := literalArgs(rest[1:close])
			args = a
			return ok && len(a) > 0
		})
		if found {
			return args, true
		}
	}
	return nil, false
}

// pageVar returns the literal a page's script sets name to (var name =
// 7;), at its first declaration: one scan for the name, each place it
// occurs checked for a declaration before it.
func pageVar(scripts []string, name string) (string, bool) {
	var v string
	for _, js := range scripts {
		found := eachWord(js, name, func(at int) bool {
			before := strings.TrimRight(js[:at], " \t")
			if len(before) == at {
				return false
			}
			kw := before[strings.LastIndexAny(before, " \t\n;{}(,")+1:]
			if kw != "var" && kw != "let" && kw != "const" {
				return false
			}
			rest := strings.TrimLeft(js[at+len(name):], " \t")
			if !strings.HasPrefix(rest, "=") || strings.HasPrefix(rest, "==") {
				return false
			}
			rest = strings.TrimLeft(rest[1:], " \t")
			end := strings.IndexAny(rest, ";\n,")
			if end < 0 {
				end = len(rest)
			}
			var ok bool
			v, ok = literal(strings.TrimSpace(rest[:end]))
			return ok
		})
		if found {
			return v, true
		}
	}
	return "", false
}

// xhrNode stands for the script that makes a request: a link of no text.
// One that also builds its records' links carries their template as its
// one attribute, recordsAttr.
var xhrNode = &xhtml.Node{Type: xhtml.ElementNode, Data: "script"}

// recordsAttr names the template attribute of a request's node.
const recordsAttr = "\x00records"

// jsonURLKeys and jsonTitleKeys name a JSON record's URL and title.
var (
	jsonURLKeys   = []string{"url", "href", "link", "linkurl", "link_url", "detailurl", "detail_url", "docurl", "doc_url", "articleurl", "article_url", "path"}
	jsonTitleKeys = []string{"title", "name", "doctitle", "doc_title", "subject"}
)

// jsonPageParams are the query parameters that number a JSON list's
// pages.
var jsonPageParams = []string{"page", "pageNo", "pageno", "pageIndex", "pageindex", "pageNum", "pagenum", "pn", "curPage", "currentPage", "p"}

// jsonListPage returns, for a JSON answer at u whose records carry URLs
// (see jsonURLKeys) or the fields of tmpl (a template recordTemplate
// read, resolved), a page listing them as links titled by the records'
// titles, and the next page's link where u numbers its page
// (jsonPageParams); any other answer is no page.
func jsonListPage(contentType string, body []byte, u *url.URL, tmpl string) (page []byte, print uint64, ok bool) {
	mt, _, _ := strings.Cut(strings.ToLower(contentType), ";")
	mt = strings.TrimSpace(mt)
	trimmed := unwrapJSONP(bytes.TrimSpace(body))
	if mt != "application/json" && mt != "text/json" && !strings.HasSuffix(mt, "+json") &&
		!(mt == "text/plain" || mt == "application/javascript" || mt == "text/javascript" || mt == "") || len(trimmed) == 0 ||
		trimmed[0] != '{' && trimmed[0] != '[' {
		return nil, 0, false
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	dec.UseNumber() // an id of more digits than a float holds
	if dec.Decode(&v) != nil {
		return nil, 0, false
	}
	var b strings.Builder
	h := fnv.New64a()
	var counts listCounts
	b.WriteString(`<html><body><ul>`)
	n := 0
	var walk func(v any, depth int, inList bool)
	walk = func(v any, depth int, inList bool) {
		if depth > 8 || n >= maxLinksPerPage {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				walk(e, depth+1, true)
			}
		case map[string]any:
			href, ok := jsonField(x, jsonURLKeys)
			if (!ok || href == "") && inList && tmpl != "" {
				href, ok = fillTemplate(tmpl, x)
			}
			if ok && href != "" {
				h.Write([]byte(href + "\n"))
				title, _ := jsonField(x, jsonTitleKeys)
				b.WriteString(`<li><a href="` + html.EscapeString(href) + `">` + html.EscapeString(title) + `</a></li>`)
				n++
				return
			}
			if !inList {
				counts.read(x)
			}
			for _, e := range x {
				walk(e, depth+1, false)
			}
		}
	}
	walk(v, 0, false)
	if n == 0 {
		return nil, 0, false
	}
	b.WriteString(`</ul>`)
	if next := nextJSONPage(u); next != "" && !counts.last(u, n) {
		b.WriteString(`<a href="` + html.EscapeString(next) + `">下一页</a>`)
	}
	b.WriteString(`</body></html>`)
	return []byte(b.String()), h.Sum64(), true
}

// jsonField returns the first string of keys that record holds (keys
// matched in any case).
func jsonField(record map[string]any, keys []string) (string, bool) {
	for _, k := range keys {
		for rk, rv := range record {
			if s, ok := rv.(string); ok && strings.EqualFold(rk, k) {
				return strings.TrimSpace(s), true
			}
		}
	}
	return "", false
}

// jsonScalar returns a record's string or number field key.
func jsonScalar(record map[string]any, key string) (string, bool) {
	switch v := record[key].(type) {
	case string:
		return strings.TrimSpace(v), true
	case json.Number:
		return v.String(), true
	}
	return "", false
}

// nextJSONPage returns u with its page number one more, or "" when u
// numbers no page.
func nextJSONPage(u *url.URL) string {
	if u == nil {
		return ""
	}
	q := u.Query()
	for _, p := range jsonPageParams {
		if k, err := strconv.Atoi(q.Get(p)); err == nil && k >= 0 {
			q.Set(p, strconv.Itoa(k+1))
			next := *u
			next.RawQuery = q.Encode()
			return next.String()
		}
	}
	return ""
}

// pageOf returns the page number a request's URL asks for (its first
// parameter of jsonPageParams that holds a number), or "": a list's data
// request numbers its page, and a view counter's, which each request
// would count once more, does not.
func pageOf(ref string) string {
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	q := u.Query()
	for _, p := range jsonPageParams {
		if v := q.Get(p); v != "" {
			if _, err := strconv.Atoi(v); err == nil {
				return p + "=" + v
			}
		}
	}
	return ""
}

// finalURL is the URL a fetch of req ended at: its redirects' target, or
// the request's own.
func finalURL(req frontier.Request, f *fetched) *url.URL {
	if f.final != nil {
		return f.final
	}
	u, _ := url.Parse(req.URL)
	return u
}
