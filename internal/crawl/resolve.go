package crawl

import (
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	whatwg "github.com/nlnwa/whatwg-url/url"
)

// linkBase resolves the hrefs of one page against its base URL. Most
// hrefs of the sites are plain: an absolute http(s) URL of an ordinary
// host, a root-relative path or a relative one, whose path is made only
// of characters that WHATWG URL parsing leaves as they are, and whose
// query and fragment hold no controls and only UTF-8 (what the parser
// percent-encodes there, a title in Chinese in a share link's query, is
// encoded here the same way). Those are resolved here, a few string
// operations; every other href (paths with escapes or odd characters,
// ports, numeric or international hosts, user info) goes through the
// full WHATWG parser. TestResolveMatchesWHATWG checks that both give the
// same URL.
type linkBase struct {
	url    *whatwg.Url // nil until a href needs the full parser (see parsed)
	raw    string      // the base as given, parsed into url when first needed
	failed bool        // raw does not parse: hrefs that need the parser fail
	origin string      // "http://host[:port]"; "" when the base itself is not plain
	path   string      // the base's path, starting with "/"
	dir    string      // path up to and including its last "/"
}

func newLinkBase(u *whatwg.Url) *linkBase {
	b := &linkBase{url: u}
	scheme := u.Scheme()
	if (scheme != "http" && scheme != "https") || u.Username() != "" || u.Password() != "" || u.OpaquePath() {
		return b
	}
	p := u.Pathname()
	if !strings.HasPrefix(p, "/") || !plainChars(p, false) {
		return b
	}
	b.setPlain(scheme+"://"+u.Host(), p)
	return b
}

// linkBaseOf is the linkBase of base, a page's URL or its <base href>.
// A plain base (an http(s) URL of an ordinary host, without user info,
// whose path is made of plain characters and holds no dot segment) is
// read as WHATWG parsing would read it without parsing it; the parser
// reads it only if a href needs the parser. Any other base is parsed at
// once, and ok is false when it does not parse.
func linkBaseOf(base *url.URL) (b *linkBase, ok bool) {
	raw := base.String()
	p := base.EscapedPath()
	if p == "" {
		p = "/"
	}
	if (base.Scheme == "http" || base.Scheme == "https") && base.User == nil && base.Opaque == "" &&
		plainHost(base.Host) && strings.HasPrefix(p, "/") && plainChars(p, false) && !strings.Contains(p, "/.") {
		b = &linkBase{raw: raw}
		b.setPlain(base.Scheme+"://"+base.Host, p)
		return b, true
	}
	u, err := urlParser.Parse(raw)
	if err != nil {
		return nil, false
	}
	return newLinkBase(u), true
}

func (b *linkBase) setPlain(origin, path string) {
	b.origin = origin
	b.path = path
	b.dir = path[:strings.LastIndexByte(path, '/')+1]
}

// parsed returns the base parsed by the WHATWG parser, parsing it the
// first time.
func (b *linkBase) parsed() (*whatwg.Url, error) {
	if b.url == nil && !b.failed {
		u, err := urlParser.Parse(b.raw)
		if err != nil {
			b.failed = true
			return nil, err
		}
		b.url = u
	}
	if b.url == nil {
		return nil, fmt.Errorf("base %q does not parse", b.raw)
	}
	return b.url, nil
}

// resolve returns href resolved against the base, as WHATWG URL parsing
// (without the fragment, which a plain href has not) would give it.
func (b *linkBase) resolve(href string) (string, error) {
	if s, ok := b.fast(href); ok {
		return s, nil
	}
	base, err := b.parsed()
	if err != nil {
		return "", err
	}
	abs, err := base.Parse(href)
	if err != nil {
		return "", err
	}
	return abs.Href(false), nil
}

// fast resolves a plain href; ok is false for any other.
func (b *linkBase) fast(href string) (string, bool) {
	href, frag, hasFrag := strings.Cut(href, "#")
	if !hasFrag {
		return b.fastNoFragment(href)
	}
	frag, ok := escaped(frag, fragmentEscapes)
	if !ok {
		return "", false
	}
	s, ok := b.fastNoFragment(href)
	if !ok {
		return "", false
	}
	return s + "#" + frag, true
}

// fastNoFragment is fast for a href without a fragment.
func (b *linkBase) fastNoFragment(href string) (string, bool) {
	if b.origin == "" || href == "" {
		return "", false
	}
	var rest string
	switch {
	case strings.HasPrefix(href, "http://"):
		return absolutePlain("http://", href[len("http://"):])
	case strings.HasPrefix(href, "https://"):
		return absolutePlain("https://", href[len("https://"):])
	case strings.HasPrefix(href, "//"):
		return "", false // scheme-relative: a host follows
	case href[0] == '/':
		rest = href
	case href[0] == '?':
		q, ok := escaped(href[1:], queryEscapes)
		if !ok {
			return "", false
		}
		return b.origin + b.path + "?" + q, true
	default:
		rest = b.dir + href
	}
	p, q, hasQuery := strings.Cut(rest, "?")
	if !plainChars(p, false) {
		return "", false
	}
	p = removeDots(p)
	if hasQuery {
		if q, ok := escaped(q, queryEscapes); ok {
			return b.origin + p + "?" + q, true
		}
		return "", false
	}
	return b.origin + p, true
}

// absolutePlain resolves an absolute http(s) URL (scheme already cut off)
// of an ordinary host: lower-case ASCII labels of letters, digits and
// hyphens, no port, no user info, not numeric (WHATWG reads numeric hosts
// as IPv4 addresses) and not punycode.
func absolutePlain(scheme, rest string) (string, bool) {
	end := strings.IndexAny(rest, "/?")
	host := rest
	if end >= 0 {
		host = rest[:end]
	}
	if !plainHost(host) {
		return "", false
	}
	tail := ""
	if end >= 0 {
		tail = rest[end:]
	}
	p, q, hasQuery := strings.Cut(tail, "?")
	if p == "" {
		p = "/"
	}
	if !plainChars(p, false) {
		return "", false
	}
	p = removeDots(p)
	if hasQuery {
		if q, ok := escaped(q, queryEscapes); ok {
			return scheme + host + p + "?" + q, true
		}
		return "", false
	}
	return scheme + host + p, true
}

// The ASCII characters WHATWG URL parsing percent-encodes in the query of
// an http(s) URL and in a fragment, besides controls and every byte of a
// character past ASCII.
const (
	queryEscapes    = " \"<>'"
	fragmentEscapes = " \"<>`"
)

// escaped returns s, the query of an http(s) URL without its "?" and
// fragment or a fragment without its "#", as WHATWG URL parsing writes
// it: printable ASCII as it is but for the characters of escapes, which
// it percent-encodes as it does each byte of a character past ASCII
// (share links carry titles in Chinese in their queries). ok is false for
// control characters (tabs and newlines the parser removes) and for bytes
// that are not UTF-8: those are the parser's.
func escaped(s, escapes string) (string, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20:
			return "", false
		case c >= 0x7f || strings.IndexByte(escapes, c) >= 0:
			n++
		}
	}
	if n == 0 {
		return s, true
	}
	if !utf8.ValidString(s) {
		return "", false
	}
	out := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x7f || strings.IndexByte(escapes, c) >= 0 {
			out = append(out, '%', upperHex[c>>4], upperHex[c&0xf])
			continue
		}
		out = append(out, c)
	}
	return string(out), true
}

func plainHost(h string) bool {
	if h == "" {
		return false
	}
	for label := range strings.SplitSeq(h, ".") {
		if label == "" || strings.HasPrefix(label, "xn--") || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	last := h[strings.LastIndexByte(h, '.')+1:]
	return strings.Trim(last, "0123456789") != "" // all digits: an IPv4 address to WHATWG
}

// plainChars reports whether s holds only characters that WHATWG URL
// parsing copies unchanged into a path (or, with query, a query).
func plainChars(s string, query bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte("-._~/!$&()*+,;=", c) >= 0:
		case c == '?' && query:
		default:
			return false
		}
	}
	return true
}

// removeDots resolves the "." and ".." segments of an absolute path the
// way the WHATWG path state does: ".." drops the segment before it (never
// the root), and a trailing "." or ".." leaves the path ending in "/".
func removeDots(p string) string {
	if !strings.Contains(p, "/.") {
		return p
	}
	segs := strings.Split(p[1:], "/")
	out := make([]string, 0, len(segs))
	for i, s := range segs {
		last := i == len(segs)-1
		switch s {
		case "..":
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
			if last {
				out = append(out, "")
			}
		case ".":
			if last {
				out = append(out, "")
			}
		default:
			out = append(out, s)
		}
	}
	return "/" + strings.Join(out, "/")
}
