package crawl

import (
	"bytes"
	"encoding/json"
	"html"
	"net/url"
	"regexp"
	"slices"
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
// request makes when it numbers a page (page=1: no view counter's, which
// each request would count) (xhrRequests: the function called at load with literal
// arguments, its request's first argument a concatenation of literals,
// the call's arguments and the page's literal variables; and the same
// call with its page number one more), and reads a
// JSON answer of records with URL fields as a list (jsonListPage): its
// records' URLs are the rows' links, titled; and, where the answer's URL
// numbers its page (page=1) and the page listed records, the next page
// is its pager's 下一页. An empty page past the end lists none and leads
// nowhere; the pattern budget weighs the pages as any list's.

// xhrCallRe finds a script's request for data: jQuery's getJSON, get
// and ajax (its options' url), fetch and axios.get, the first argument's
// expression in group 1 or 2.
var xhrCallRe = regexp.MustCompile(`(?:(?:\$|jQuery)\s*\.\s*(?:getJSON|get)|\bfetch|\baxios\s*\.\s*get)\s*\(\s*([^,(){}]+?)\s*[,)]|(?:\$|jQuery)\s*\.\s*ajax\s*\(\s*\{[^{}]*?\burl\s*:\s*([^,(){}]+?)\s*[,}]`)

// pageVarRe finds a script's variable set to a literal.
var pageVarRe = regexp.MustCompile(`(?:^|[;{}\n])\s*(?:var|let|const)\s+([A-Za-z_$][\w$]*)\s*=\s*("[^"\n]*"|'[^'\n]*'|\d+)\s*[;\n]`)

// loadCallRe finds a statement calling a function with literal
// arguments: load(1); (a definition, "function load(page) {", is no
// statement of this form: its arguments are names and a brace follows).
var loadCallRe = regexp.MustCompile(`(?:^|[;{}\n])\s*([A-Za-z_$][\w$]*)\s*\(([^()]*)\)\s*;`)

// maxXHRRequests bounds the requests a page's scripts are read for.
const maxXHRRequests = 8

// xhrRequests returns the URLs (as written: relative or absolute) that a
// page's inline scripts ask for data when the page loads: the requests
// of the functions the scripts call with literal arguments.
func xhrRequests(scripts []string) []string {
	if !slices.ContainsFunc(scripts, mayRequest) {
		return nil
	}
	joined := strings.Join(scripts, "\n")
	if len(joined) > maxScriptBytes || !xhrCallRe.MatchString(joined) {
		return nil
	}
	env := map[string]string{}
	for _, m := range pageVarRe.FindAllStringSubmatch(joined, -1) {
		if _, seen := env[m[1]]; seen {
			continue
		}
		if v, ok := literal(m[2]); ok {
			env[m[1]] = v
		}
	}
	var calls []pageCall
	names := map[string]bool{}
	for _, m := range loadCallRe.FindAllStringSubmatch(joined, -1) {
		if jsKeywords[m[1]] || funcKeywords[m[1]] {
			continue
		}
		args, ok := literalArgs(m[2])
		if ok && len(calls) < maxXHRRequests {
			calls = append(calls, pageCall{name: m[1], args: args})
			names[m[1]] = true
		}
	}
	var out []string
	seen := map[string]bool{}
	for _, c := range calls {
		params, body, ok := functionBody(joined, c.name)
		if !ok {
			continue
		}
		m := xhrCallRe.FindStringSubmatch(body)
		if m == nil {
			continue
		}
		expr := m[1] + m[2]
		local := make(map[string]string, len(env)+len(params))
		for k, v := range env {
			local[k] = v
		}
		for i, p := range params {
			if i < len(c.args) {
				local[p] = c.args[i]
			} else {
				delete(local, p)
			}
		}
		first, ok := evalConcat(expr, local)
		if first = strings.TrimSpace(first); !ok || first == "" || scriptOrMail(first) || pageOf(first) == "" || seen[first] {
			continue
		}
		seen[first] = true
		out = append(out, first)
		// The call with its page number one more asks the next page
		// (the page=1 of the first is the one a canonical URL leaves
		// out); a parameter that numbers something else (a page size)
		// is left as called.
		for i, p := range params {
			k, err := strconv.Atoi(local[p])
			if err != nil || i >= len(c.args) {
				continue
			}
			local[p] = strconv.Itoa(k + 1)
			next, ok := evalConcat(expr, local)
			local[p] = c.args[i]
			if next = strings.TrimSpace(next); ok && !seen[next] && pageOf(next) != pageOf(first) {
				seen[next] = true
				out = append(out, next)
			}
		}
	}
	return out
}

// funcKeywords are statements loadCallRe may take for calls.
var funcKeywords = map[string]bool{"if": true, "for": true, "while": true, "switch": true, "return": true, "function": true, "catch": true}

// functionBody returns the parameters and body of the function name that
// js declares.
func functionBody(js, name string) (params []string, body string, ok bool) {
	for _, m := range funcRe.FindAllStringSubmatchIndex(js, -1) {
		if js[m[2]:m[3]] != name {
			continue
		}
		open := m[1] - 1
		end := matchingBrace(js, open)
		if end < 0 {
			return nil, "", false
		}
		for _, p := range strings.Split(js[m[4]:m[5]], ",") {
			if p = strings.TrimSpace(p); p != "" {
				params = append(params, p)
			}
		}
		return params, js[open+1 : end], true
	}
	return nil, "", false
}

// xhrNode stands for the script that makes a request: a link of no text.
var xhrNode = &xhtml.Node{Type: xhtml.ElementNode, Data: "script"}

// jsonURLKeys and jsonTitleKeys name a JSON record's URL and title.
var (
	jsonURLKeys   = []string{"url", "href", "link", "linkurl", "link_url", "detailurl", "detail_url", "docurl", "doc_url", "articleurl", "article_url", "path"}
	jsonTitleKeys = []string{"title", "name", "doctitle", "doc_title", "subject"}
)

// jsonPageParams are the query parameters that number a JSON list's
// pages.
var jsonPageParams = []string{"page", "pageNo", "pageno", "pageIndex", "pageindex", "pageNum", "pagenum", "pn", "curPage", "currentPage", "p"}

// jsonListPage returns, for a JSON answer at u whose records carry URLs
// (see jsonURLKeys), a page listing them as links titled by the
// records' titles, and the next page's link where u numbers its page
// (jsonPageParams); any other answer is no page.
func jsonListPage(contentType string, body []byte, u *url.URL) ([]byte, bool) {
	mt, _, _ := strings.Cut(strings.ToLower(contentType), ";")
	mt = strings.TrimSpace(mt)
	trimmed := bytes.TrimSpace(body)
	if mt != "application/json" && mt != "text/json" && !strings.HasSuffix(mt, "+json") &&
		!(mt == "text/plain" || mt == "application/javascript" || mt == "text/javascript" || mt == "") || len(trimmed) == 0 ||
		trimmed[0] != '{' && trimmed[0] != '[' {
		return nil, false
	}
	var v any
	if json.Unmarshal(trimmed, &v) != nil {
		return nil, false
	}
	var b strings.Builder
	b.WriteString(`<html><body><ul>`)
	n := 0
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if depth > 8 || n >= maxLinksPerPage {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				walk(e, depth+1)
			}
		case map[string]any:
			if href, ok := jsonField(x, jsonURLKeys); ok && href != "" {
				title, _ := jsonField(x, jsonTitleKeys)
				b.WriteString(`<li><a href="` + html.EscapeString(href) + `">` + html.EscapeString(title) + `</a></li>`)
				n++
				return
			}
			for _, e := range x {
				walk(e, depth+1)
			}
		}
	}
	walk(v, 0)
	if n == 0 {
		return nil, false
	}
	b.WriteString(`</ul>`)
	if next := nextJSONPage(u); next != "" {
		b.WriteString(`<a href="` + html.EscapeString(next) + `">下一页</a>`)
	}
	b.WriteString(`</body></html>`)
	return []byte(b.String()), true
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

// mayRequest reports whether a script may make a request xhrCallRe finds:
// most scripts make none, and are not run through it.
func mayRequest(js string) bool {
	for _, w := range []string{"getJSON", ".get(", "ajax", "fetch(", "axios"} {
		if strings.Contains(js, w) {
			return true
		}
	}
	return false
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
