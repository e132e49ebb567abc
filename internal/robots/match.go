package robots

import (
	"slices"
	"strings"
	"time"
)

// Rules are the Allow and Disallow rules one crawler obeys, with its
// Crawl-delay. The zero value, and a nil *Rules, allow everything.
type Rules struct {
	rules []rule // longest first, an Allow before a Disallow as long
	// CrawlDelay is the pause the site asks for between requests, 0 if
	// it asks for none.
	CrawlDelay time.Duration
}

// rule is one Allow or Disallow line: its path normalised (see
// normalize) and cut at its wildcards.
type rule struct {
	allow bool
	// octets is the length of the normalised path, "*" and a final "$"
	// counted: the longest matching rule wins (RFC 9309 2.2.2).
	octets int
	// parts are the path's pieces between its "*": the first matches at
	// the start, each other one after the one before.
	parts []string
	// anchored is a path ending in "$": the last part ends the URL.
	anchored bool
}

func newRule(path string, allow bool) rule {
	if path[0] != '/' && path[0] != '*' {
		path = "/" + path // "Disallow: admin/" as sites write it
	}
	p := normalize(path, true)
	r := rule{allow: allow, octets: len(p)}
	if strings.HasSuffix(p, "$") {
		r.anchored, p = true, p[:len(p)-1]
	}
	r.parts = strings.Split(p, "*")
	return r
}

// sort puts the rules in the order of precedence: the longest first,
// an Allow first among rules as long (RFC 9309 2.2.2).
func (r *Rules) sort() {
	slices.SortStableFunc(r.rules, func(a, b rule) int {
		if a.octets != b.octets {
			return b.octets - a.octets
		}
		switch {
		case a.allow == b.allow:
			return 0
		case a.allow:
			return -1
		}
		return 1
	})
}

// Allows reports whether the crawler may fetch a URL of the path and
// query given (its path, "?" and its query, as requested).
func (r *Rules) Allows(pathQuery string) bool {
	if r == nil || len(r.rules) == 0 || pathQuery == "/robots.txt" {
		return true
	}
	s := normalize(pathQuery, false)
	for i := range r.rules {
		if r.rules[i].matches(s) {
			return r.rules[i].allow
		}
	}
	return true
}

// matches reports whether the rule matches s, a normalised path.
func (r *rule) matches(s string) bool {
	first, last := r.parts[0], len(r.parts)-1
	if !strings.HasPrefix(s, first) {
		return false
	}
	if last == 0 {
		return !r.anchored || len(s) == len(first)
	}
	rest := s[len(first):]
	// The parts between wildcards are taken where they first occur:
	// that leaves the most of s for the parts after them.
	for _, part := range r.parts[1:last] {
		i := strings.Index(rest, part)
		if i < 0 {
			return false
		}
		rest = rest[i+len(part):]
	}
	if r.anchored {
		return strings.HasSuffix(rest, r.parts[last])
	}
	return strings.Contains(rest, r.parts[last])
}

// normalize writes a path (with its query) or a rule's path with its
// percent-encoding made alike (RFC 9309 2.2.2): an escape of an
// unreserved character decoded ("%62" is "b"), other escapes in upper
// case, octets outside printable ASCII and the characters a URI does not
// hold literally escaped (a UTF-8 "新" is "%E6%96%B0"), and a "%" that
// starts no escape escaped. In a rule, "*" and a final "$" keep their
// meaning and any other "$" is a literal; in a URL, "*" and "$" are
// literals: escaped, so that a rule's "%2A" and "%24" match them. It
// returns s itself when nothing changes, as for most URLs.
func normalize(s string, pattern bool) string {
	i := 0
	for i < len(s) && !needsWork(s, i, pattern) {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			v := unhex(s[i+1])<<4 | unhex(s[i+2])
			if unreserved(v) {
				b.WriteByte(v)
			} else {
				writeEscape(&b, v)
			}
			i += 2
		case needsWork(s, i, pattern):
			writeEscape(&b, c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// needsWork reports whether s[i] is written otherwise by normalize.
func needsWork(s string, i int, pattern bool) bool {
	switch c := s[i]; {
	case c == '%':
		// An escape stays as it is when it is in upper case and of
		// a character that is not unreserved.
		if i+2 >= len(s) || !isUpperHex(s[i+1]) || !isUpperHex(s[i+2]) {
			return true
		}
		return unreserved(unhex(s[i+1])<<4 | unhex(s[i+2]))
	case c <= ' ' || c >= 0x7f:
		return true
	case c == '*':
		return !pattern
	case c == '$':
		return !pattern || i != len(s)-1
	}
	return strings.IndexByte(`"<>\^`+"`{|}", s[i]) >= 0
}

func writeEscape(b *strings.Builder, c byte) {
	const hex = "0123456789ABCDEF"
	b.WriteByte('%')
	b.WriteByte(hex[c>>4])
	b.WriteByte(hex[c&15])
}

// unreserved reports whether c is an unreserved character of RFC 3986.
func unreserved(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func isUpperHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}
