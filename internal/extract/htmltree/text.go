package htmltree

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// unescape decodes the character references of s as the HTML tokenizer
// does, in text or, with attr, in an attribute value. In a value a named
// reference without its ';' is left alone when a letter, digit or '='
// follows it, so that "?a=1&copy=2" and "&param=3" in URLs stay as
// written. Numbers and the common names are decoded here; the other names
// by html.UnescapeString, one at a time.
func unescape(s string, attr bool) string {
	i := strings.IndexByte(s, '&')
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	for i >= 0 {
		b.WriteString(s[last:i])
		last = reference(&b, s, i, attr)
		k := strings.IndexByte(s[last:], '&')
		if k < 0 {
			break
		}
		i = last + k
	}
	b.WriteString(s[last:])
	return b.String()
}

// commonEntities are named references decoded without a map lookup in
// golang.org/x/net/html's table (and the string it allocates).
var commonEntities = map[string]string{
	"nbsp": "\u00a0", "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'",
	"ldquo": "\u201c", "rdquo": "\u201d", "lsquo": "\u2018", "rsquo": "\u2019",
	"mdash": "\u2014", "ndash": "\u2013", "middot": "\u00b7", "hellip": "\u2026",
	"bull": "\u2022", "copy": "\u00a9", "reg": "\u00ae", "times": "\u00d7",
	"emsp": "\u2003", "ensp": "\u2002", "laquo": "\u00ab", "raquo": "\u00bb",
}

// reference writes the decoded character reference at s[i] == '&' to b
// and returns where it ends in s (just past the '&' when it is not a
// reference).
func reference(b *strings.Builder, s string, i int, attr bool) int {
	j := i + 1
	if j < len(s) && s[j] == '#' {
		if r, end := number(s, j+1); end > 0 {
			b.WriteRune(r)
			return end
		}
		// No digits: "&#" stays as written.
		b.WriteByte('&')
		return j
	}
	for j < len(s) && isAlnum(s[j]) {
		j++
	}
	semi := j < len(s) && s[j] == ';'
	if j == i+1 {
		b.WriteByte('&')
		return j
	}
	if semi {
		if dec, ok := commonEntities[s[i+1:j]]; ok {
			b.WriteString(dec)
			return j + 1
		}
		j++
	}
	ref := s[i:j]
	dec := html.UnescapeString(ref)
	if attr && dec != ref {
		// A named reference decodes only when it is whole (not "&para"
		// out of "&param"): a partial match leaves the end of the name
		// behind. Without its ';' it stays before '='.
		tail := 1
		if semi {
			tail = 2
		}
		if strings.HasSuffix(dec, ref[len(ref)-tail:]) || !semi && j < len(s) && s[j] == '=' {
			dec = ref
		}
	}
	b.WriteString(dec)
	return j
}

// number decodes the numeric reference whose digits start at s[p] (after
// "&#"), as the HTML tokenizer does: windows-1252 for 0x80–0x9F, U+FFFD for
// zero, surrogates and beyond U+10FFFF. It returns where the reference
// ends, or 0 when there are no digits.
func number(s string, p int) (rune, int) {
	hex := p < len(s) && s[p]|0x20 == 'x'
	if hex {
		p++
	}
	v, q := 0, p
	for ; q < len(s); q++ {
		c := s[q]
		var d int
		switch {
		case '0' <= c && c <= '9':
			d = int(c - '0')
		case hex && 'a' <= c|0x20 && c|0x20 <= 'f':
			d = int(c|0x20-'a') + 10
		default:
			goto done
		}
		if v <= 0x10ffff {
			if hex {
				v = v*16 + d
			} else {
				v = v*10 + d
			}
		}
	}
done:
	if q == p {
		return 0, 0
	}
	if q < len(s) && s[q] == ';' {
		q++
	}
	switch {
	case 0x80 <= v && v <= 0x9f:
		return windows1252[v-0x80], q
	case v == 0 || 0xd800 <= v && v <= 0xdfff || v > 0x10ffff:
		return '\ufffd', q
	}
	return rune(v), q
}

// windows1252 maps the numeric references 0x80–0x9F to the characters
// windows-1252 has there, as HTML does.
var windows1252 = [32]rune{
	'\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
	'\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
	'\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
	'\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
}

func isAlnum(c byte) bool {
	return 'a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9'
}

// replaceNUL replaces NUL bytes by U+FFFD.
func replaceNUL(s string) string {
	if strings.IndexByte(s, 0) < 0 {
		return s
	}
	return strings.ReplaceAll(s, "\x00", "\ufffd")
}

// dropNUL removes NUL bytes, as the HTML parser does in body text.
func dropNUL(s string) string {
	if strings.IndexByte(s, 0) < 0 {
		return s
	}
	return strings.ReplaceAll(s, "\x00", "")
}

// isWhitespace reports whether s holds only HTML white space.
func isWhitespace(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isSpace(s[i]) {
			return false
		}
	}
	return true
}

// leadingSpace returns how many bytes of HTML white space start s.
func leadingSpace(s string) int {
	i := 0
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}

// normalizeNewlines turns "\r\n" and a lone "\r" into "\n" throughout the
// page, as the HTML tokenizer does for every token (inside tags a '\r' is
// white space either way).
func normalizeNewlines(src []byte) string {
	var b strings.Builder
	b.Grow(len(src))
	for {
		i := bytes.IndexByte(src, '\r')
		if i < 0 {
			b.Write(src)
			return b.String()
		}
		b.Write(src[:i])
		b.WriteByte('\n')
		src = src[i+1:]
		if len(src) > 0 && src[0] == '\n' {
			src = src[1:]
		}
	}
}
