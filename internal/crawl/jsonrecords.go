package crawl

import (
	"net/url"
	"regexp"
	"strings"
	"sync"
)

// Records that name their article by an id. A list's JSON records may
// carry no URL: the script that renders them builds each row's link from
// a record's fields ('<a href="/content/' + item.id + '.html">',
// "detail.html?id=" + v.id, `/news/${item.id}`). The crawl reads that
// template where it reads the request (recordTemplate), resolved against
// the shell page as the browser resolves the rows' links, and keeps it
// for the endpoint (jsonLists, by its URL without the page number) for
// the answers of all its pages. A template is taken only when every part
// of it is a literal, a page variable's literal or a field of the record:
// a link built of anything else (a token, a value the user picks) is a
// URL the crawler cannot know, and no record makes one.

// templateStartRe finds where an expression may build a record's link: a
// string literal continued by a name (' + item.id, " + cid), or a
// template literal holding a field (${item.id}).
var templateStartRe = regexp.MustCompile(`(?:'[^'\n]*'|"[^"\n]*")\s*\+\s*[A-Za-z_$]|` + "`[^`]*\\$\\{\\s*[A-Za-z_$][\\w$]*\\s*\\.")

// fieldRefRe matches a term reading a record's field: item.id,
// res.data.list[i].id, v['id'] (the field in group 1 or 2).
var fieldRefRe = regexp.MustCompile(`^[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*|\[\s*\w+\s*\])*\s*(?:\.\s*([A-Za-z_$][\w$]*)|\[\s*["']([\w$]+)["']\s*\])$`)

// maxTemplates bounds the expressions a script is read for.
const maxTemplates = 64

// templateSep separates a template's literal parts from its fields: the
// parts alternate, a literal first.
const templateSep = "\x00"

// recordTemplate returns the template a page's scripts build a record's
// link from (literal, field, literal …, joined by templateSep), or "":
// the first built in an href attribute or sent to location, else the
// first that reads as a page's URL.
func recordTemplate(scripts []string) string {
	var plain string
	read := 0
	for _, js := range scripts {
		if read += len(js); read > maxScriptBytes {
			break
		}
		locs := templateStartRe.FindAllStringIndex(js, maxTemplates)
		for _, loc := range locs {
			parts, inHref, ok := templateAt(scripts, js, loc[0])
			if !ok {
				continue
			}
			if inHref {
				return strings.Join(parts, templateSep)
			}
			if plain == "" && pageLike(parts[0]) {
				plain = strings.Join(parts, templateSep)
			}
		}
	}
	return plain
}

// pageLike reports whether a template's first literal reads as the start
// of a page's URL, not an image's or a style's.
func pageLike(prefix string) bool {
	if prefix == "" || strings.ContainsAny(prefix, " <>\"'") {
		return false
	}
	return strings.HasPrefix(prefix, "/") || strings.HasPrefix(prefix, "http") || strings.HasPrefix(prefix, "./") ||
		strings.Contains(prefix, ".htm") || strings.Contains(prefix, "?")
}

// templateAt reads the expression starting at js[start] (a string or a
// template literal) as a record link's template, and reports whether it
// is written in an href attribute or sent to location.
func templateAt(scripts []string, js string, start int) (parts []string, inHref, ok bool) {
	var terms []string
	if js[start] == '`' {
		end := strings.IndexByte(js[start+1:], '`')
		if end < 0 {
			return nil, false, false
		}
		terms = templateLiteralTerms(js[start+1 : start+1+end])
	} else {
		limit := min(len(js), start+1024)
		end := scanTop(js, start, limit, func(i, depth int) bool {
			c := js[i]
			return depth < 0 || depth == 0 && (c == ';' || c == ',' || c == '\n')
		})
		if end < 0 {
			end = limit
		}
		for _, t := range splitPlus(js[start:end]) {
			terms = append(terms, strings.TrimSpace(t))
		}
	}
	before := strings.TrimRight(js[max(0, start-32):start], " \t")
	inHref = strings.HasSuffix(before, "href =") || strings.HasSuffix(before, "href=") || strings.HasSuffix(before, "open(") || strings.HasSuffix(before, "location =") || strings.HasSuffix(before, "location=")
	var end byte // the quote closing an href attribute the literals open
	lit := ""
	for i, t := range terms {
		v, isLit := literal(t)
		if !isLit && len(t) >= 2 && (t[0] == '\'' || t[0] == '"') && t[len(t)-1] == t[0] {
			v, isLit = t[1:len(t)-1], true // markup holding quotes of the other kind
		}
		if isLit {
			if i == 0 {
				if h := strings.LastIndex(v, "href="); h >= 0 && h+5 < len(v) && (v[h+5] == '"' || v[h+5] == '\'') {
					end, inHref, v = v[h+5], true, v[h+6:]
				}
			}
			if end != 0 {
				if j := strings.IndexByte(v, end); j >= 0 {
					lit += v[:j]
					return append(parts, lit), true, len(parts) > 0
				}
			}
			lit += v
			continue
		}
		if m := fieldRefRe.FindStringSubmatch(t); m != nil && i > 0 {
			parts = append(parts, lit, m[1]+m[2])
			lit = ""
			continue
		}
		if identRe.MatchString(t) && i > 0 {
			if v, ok := pageVar(scripts, t); ok {
				lit += v
				continue
			}
		}
		return nil, false, false // a value the crawler cannot know
	}
	if end != 0 {
		return nil, false, false // the attribute does not close
	}
	return append(parts, lit), inHref, len(parts) > 0
}

// templateLiteralTerms returns a template literal's text as the terms of
// a concatenation: its text quoted, its ${…} bare.
func templateLiteralTerms(s string) []string {
	var out []string
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return nil
		}
		out = append(out, quoteTerm(s[:i]), strings.TrimSpace(s[i+2:i+j]))
		s = s[i+j+1:]
	}
	return append(out, quoteTerm(s))
}

// quoteTerm returns text as a quoted literal term.
func quoteTerm(s string) string {
	if strings.Contains(s, "'") {
		return `"` + s + `"`
	}
	return "'" + s + "'"
}

// fillTemplate returns the link a template makes of a record's fields,
// or false when the record lacks one or a value is no plain path part.
func fillTemplate(tmpl string, record map[string]any) (string, bool) {
	parts := strings.Split(tmpl, templateSep)
	var b strings.Builder
	for i, p := range parts {
		if i%2 == 0 {
			b.WriteString(p)
			continue
		}
		v, ok := jsonScalar(record, p)
		if !ok || v == "" || strings.Contains(v, "..") || strings.TrimLeft(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./") != "" {
			return "", false
		}
		b.WriteString(v)
	}
	return b.String(), true
}

// resolveTemplate returns tmpl with its first literal resolved against
// base, or "" when it does not resolve.
func resolveTemplate(tmpl string, base func(string) (string, error)) string {
	first, rest, _ := strings.Cut(tmpl, templateSep)
	abs, err := base(first)
	if err != nil || first == "" {
		return ""
	}
	if strings.HasSuffix(first, "=") && !strings.HasSuffix(abs, "=") {
		abs += "=" // a resolver's cleaning of an empty value
	}
	return abs + templateSep + rest
}

// jsonLists keeps what the crawl learnt of a run's JSON list endpoints:
// the template their records' links are built from, and a print of each
// page's records (a page repeating the one before lists no new row and
// leads on to none).
type jsonLists struct {
	mu        sync.Mutex
	templates map[string]string
	prints    map[string]uint64
}

// maxJSONLists bounds the endpoints and pages jsonLists keeps.
const maxJSONLists = 4096

// learn keeps tmpl for the endpoint of u.
func (l *jsonLists) learn(u, tmpl string) {
	key := endpointKey(u)
	if key == "" {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.templates == nil {
		l.templates = map[string]string{}
	}
	if len(l.templates) < maxJSONLists {
		l.templates[key] = tmpl
	}
}

// template returns the template learnt for the endpoint of u.
func (l *jsonLists) template(u string) string {
	key := endpointKey(u)
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.templates[key]
}

// endpointKey is u without the parameter numbering its page, its query
// sorted: the same for all of a list's pages.
func endpointKey(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	q := p.Query()
	for _, k := range jsonPageParams {
		q.Del(k)
	}
	p.RawQuery, p.Fragment = q.Encode(), ""
	return p.String()
}
