package crawl

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/wenming-archive/wenming/internal/cms"
)

// trackingParams are query parameters that name how a reader arrived, not
// what they read. Sharing buttons on the 文明网 sites and WeChat add them.
var trackingParams = map[string]bool{
	"from": true, "spm": true, "isappinstalled": true, "scene": true,
	"share_token": true, "sharer_shareid": true, "sharer_sharetime": true,
	"clicktime": true, "enterid": true, "fbclid": true, "gclid": true,
	"wfr": true, "share": true, "tt_from": true, "timestamp": true,
}

// sessionParams name a visitor's session, not a page: the same page is
// served under every value. The Internet Archive's canonicalizer (and
// Heritrix's) strips the same set.
var sessionParams = map[string]bool{
	"sid": true, "phpsessid": true, "jsessionid": true, "sessionid": true,
	"session_id": true, "session": true, "cfid": true, "cftoken": true,
	"aspsessionid": true, "zenid": true, "oscsid": true, "sessid": true,
}

// hexToken matches the 32-hex-digit values that forums put in s= (a
// session hash); other s= values are search terms and are kept.
var hexToken = regexp.MustCompile(`^[0-9a-fA-F]{32}$`)

// pathSession matches a session id carried as a path parameter:
// /page.jsp;jsessionid=1A2B…, /x.php;sid=…, ASP.NET's cookieless
// segment /(S(abc…))/, whose tokens may come several, each a letter and
// its value: /(X(1)S(abc…))/ (AutoDetect's cookie probe beside the
// session), /(A(anonymous id)S(…)F(forms ticket))/.
var pathSession = regexp.MustCompile(`(?i);(?:jsessionid|phpsessid|sid|sessionid)=[^/?]*|/\((?:[a-z]\([0-9a-z_-]*\))*[a-z]\([0-9a-z_-]{16,}\)(?:[a-z]\([0-9a-z_-]*\))*\)`)

// Canonicalize returns the one URL under which a page is stored and
// de-duplicated, the way web archives canonicalize: scheme and host
// lower-cased, default port, user info and fragment dropped, dot segments
// resolved, percent escapes written in upper case (RFC 3986 6.2.2.1:
// ASP.NET's HttpUtility.UrlEncode writes %e6%96%87 where other links of
// the same site write %E6%96%87, the same URL), "index.html"-style directory indexes folded into the
// directory, session ids dropped from path and query, tracking
// parameters dropped, the remaining query parameters sorted (servers read
// them in any order, so ?aid=9&mod=view and ?mod=view&aid=9 are one
// page) behind the route a query may open with (?search/&keyword=…, see
// isRoute), and the second URL form a CMS serves a page under folded into
// its first (cms.Alias: Discuz! X's rewritten article-N-1.html into
// portal.php?aid=N&mod=view).
//
// Canonicalize is idempotent. The canonical URL is also the URL fetched:
// robots.txt is checked against every order of its parameters (see
// robotsCache.allowed), so a rule written for the site's own order still
// applies.
func Canonicalize(raw string) (string, error) {
	s, _, err := canonicalParts(raw)
	return s, err
}

// canonicalParts is Canonicalize that also returns the canonical URL as
// url.Parse reads it, when that needs no parsing: a host of lower-case
// ASCII letters, digits, dots and hyphens and a plain path (plainPath),
// the URL the crawl meets. It returns nil for any other, which the caller
// parses if it needs it (TestCanonicalPartsAsParsed).
func canonicalParts(raw string) (string, *url.URL, error) {
	if u, ok := canonicalAlready(raw); ok {
		return raw, u, nil
	}
	return canonicalParse(raw)
}

// canonicalAlready reports whether raw is a URL canonicalParse leaves as
// it is and that needs no parsing: http or https, a simple host (see
// simpleHost) not ending in a dot, a plain path (plainPath) without
// path parameters, dot segments or a directory index, that no CMS
// aliases, and no query or fragment — most links of a page once
// resolved. It returns the URL as url.Parse reads it, made without
// parsing or printing it again (TestCanonicalAlready).
func canonicalAlready(raw string) (*url.URL, bool) {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok || scheme != "http" && scheme != "https" {
		return nil, false
	}
	slash := strings.IndexByte(rest, '/')
	if slash < 0 {
		return nil, false
	}
	host, p := rest[:slash], rest[slash:]
	if !simpleHost(host) || host[len(host)-1] == '.' || !plainPath(p) ||
		strings.IndexByte(p, ';') >= 0 || strings.Contains(p, "/./") || strings.Contains(p, "/../") ||
		strings.HasSuffix(p, "/.") || strings.HasSuffix(p, "/..") {
		return nil, false
	}
	base := p[strings.LastIndexByte(p, '/')+1:]
	for _, index := range directoryIndexes {
		if strings.EqualFold(base, index) {
			return nil, false
		}
	}
	if _, _, aliased := cms.Alias(p); aliased {
		return nil, false
	}
	return &url.URL{Scheme: scheme, Host: host, Path: p}, true
}

// directoryIndexes are the file names a directory's URL serves, folded
// into the directory (any case).
var directoryIndexes = []string{"index.html", "index.htm", "index.shtml", "default.html", "default.htm"}

// canonicalParse is canonicalParts by parsing raw.
func canonicalParse(raw string) (string, *url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", nil, fmt.Errorf("canonicalize %q: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", nil, fmt.Errorf("canonicalize %q: not an http(s) URL", raw)
	}
	if u.Host == "" {
		return "", nil, fmt.Errorf("canonicalize %q: no host", raw)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Hostname())
	host = strings.TrimSuffix(host, ".")
	if p := u.Port(); p != "" && !(u.Scheme == "http" && p == "80") && !(u.Scheme == "https" && p == "443") {
		host += ":" + p
	}
	u.Host = host
	u.User = nil
	u.Fragment = ""
	u.RawFragment = ""

	p := upperEscapes(u.EscapedPath())
	if p == "" {
		p = "/"
	}
	if strings.Contains(p, ";") || strings.Contains(p, "/(") { // what pathSession needs to match
		p = pathSession.ReplaceAllString(p, "")
		if p == "" {
			p = "/"
		}
	}
	if strings.Contains(p, "/./") || strings.Contains(p, "/../") || strings.HasSuffix(p, "/.") || strings.HasSuffix(p, "/..") {
		trailing := strings.HasSuffix(p, "/")
		p = path.Clean(p)
		if trailing && p != "/" {
			p += "/"
		}
	}
	base := p[strings.LastIndexByte(p, '/')+1:]
	if slices.Contains(directoryIndexes, strings.ToLower(base)) {
		p = p[:len(p)-len(base)]
	}

	query := u.RawQuery
	if cp, cq, ok := cms.Alias(p); ok {
		p, query = cp, cq
	}
	query = upperEscapes(cleanQuery(query))
	u.RawPath = ""
	plain := plainPath(p)
	if plain {
		// What url.Parse(p) gives such a path, without parsing it.
		u.Path = p
	} else {
		pu, err := url.Parse(p)
		if err != nil {
			return "", nil, fmt.Errorf("canonicalize %q: %w", raw, err)
		}
		u.Path = pu.Path
		u.RawPath = pu.RawPath
	}
	u.RawQuery = query
	u.ForceQuery = false
	s := u.String()
	if !plain || !simpleHost(u.Host) {
		return s, nil, nil
	}
	return s, u, nil
}

// upperEscapes returns s with the hexadecimal digits of its percent
// escapes in upper case: %e6 and %E6 are the same octet to every server.
func upperEscapes(s string) string {
	var b []byte
	for i := strings.IndexByte(s, '%'); i >= 0 && i+2 < len(s); {
		if isHex(s[i+1]) && isHex(s[i+2]) {
			for j := i + 1; j <= i+2; j++ {
				if c := s[j]; c >= 'a' && c <= 'f' {
					if b == nil {
						b = []byte(s)
					}
					b[j] = c - 'a' + 'A'
				}
			}
		}
		next := strings.IndexByte(s[i+1:], '%')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	if b == nil {
		return s
	}
	return string(b)
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// plainPath reports whether url.Parse reads p as a path of the same
// bytes, with no RawPath: an absolute path, not "//" (which would be read
// as a host), made only of the characters net/url leaves unescaped in a
// path.
func plainPath(p string) bool {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") {
		return false
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte("-_.~/$&+,:;=@", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// simpleHost reports whether h is made only of lower-case ASCII letters,
// digits, dots and hyphens (no port, no IPv6 brackets, nothing escaped).
func simpleHost(h string) bool {
	if h == "" {
		return false
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

// cleanQuery drops tracking and session parameters, page=1 and empty "&&"
// pieces, and sorts the rest by key (stable, so repeated keys keep their
// order) — after the route, when the query opens with one (isRoute). Each
// piece keeps its own escaping.
func cleanQuery(q string) string {
	if q == "" {
		return ""
	}
	type param struct{ key, piece string }
	var kept []param
	route := ""
	for i, part := range strings.Split(q, "&") {
		if part == "" {
			continue
		}
		if i == 0 && isRoute(part) {
			route = part
			continue
		}
		key, val := part, ""
		if i := strings.IndexByte(part, '='); i >= 0 {
			key, val = part[:i], part[i+1:]
		}
		k, err := url.QueryUnescape(key)
		if err != nil {
			k = key
		}
		k = strings.ToLower(k)
		if trackingParams[k] || strings.HasPrefix(k, "utm_") || sessionParams[k] || strings.HasPrefix(k, "aspsessionid") {
			continue
		}
		if k == "s" && hexToken.MatchString(val) {
			continue
		}
		if k == "page" && (val == "1" || val == "") {
			continue // page=1 is the first page
		}
		kept = append(kept, param{k, part})
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].key < kept[j].key })
	var parts []string
	if route != "" {
		parts = append(parts, route)
	}
	for _, p := range kept {
		parts = append(parts, p.piece)
	}
	return strings.Join(parts, "&")
}

// isRoute reports whether the first piece of a query is a route: a path
// with no "=", which the front controllers of PHP CMSs run without URL
// rewriting read as the page asked, from the query's start to its first
// "&" (PbootCMS's compatible mode /?search/&keyword=…, /?message/&page=2;
// CodeIgniter's and ThinkPHP's index.php?/news/12.html). Moved behind
// another parameter it names nothing: the server answers another page.
func isRoute(piece string) bool {
	return piece != "" && !strings.Contains(piece, "=") && strings.Contains(piece, "/")
}

// Host returns the lower-cased host (with a non-default port) of a
// canonical URL.
func Host(canonical string) string {
	u, err := url.Parse(canonical)
	if err != nil {
		return ""
	}
	return u.Host
}
