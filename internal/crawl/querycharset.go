package crawl

import (
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
)

// A link on a page in a legacy charset has its query written in that
// charset, as browsers write it (the WHATWG URL standard encodes the query
// of an http(s) URL with the document's encoding; the path is always
// UTF-8): <a href="NewsList.asp?BigClass=工作动态"> on a GBK page is
// requested as ?BigClass=%B9%A4%D7%F7%B6%AF%CC%AC. A server of such a
// site decodes its queries in its own charset: asked in UTF-8, it reads
// another column name, and the column's list comes back empty or as an
// error page.

// queryEncoder returns the encoder of a page's charset for the queries of
// its links (charset as extract.Decoding names it), or nil when they are
// written in UTF-8: a UTF-8 or UTF-16 page, or a charset unknown here.
// Characters the charset cannot write become numeric character
// references, as browsers send them.
func queryEncoder(charset string) *encoding.Encoder {
	switch strings.ToLower(charset) {
	case "", "utf-8", "utf-16le", "utf-16be", "utf-16":
		return nil
	}
	e, err := htmlindex.Get(charset)
	if err != nil {
		return nil
	}
	return encoding.HTMLEscapeUnsupported(e.NewEncoder())
}

// inPageCharset returns href with every character past ASCII in its query
// (between "?" and "#") written as the percent-encoded bytes enc makes of
// it; href itself when enc is nil or the query is ASCII.
func inPageCharset(href string, enc *encoding.Encoder) string {
	if enc == nil {
		return href
	}
	q := strings.IndexByte(href, '?')
	if q < 0 {
		return href
	}
	end := len(href)
	if f := strings.IndexByte(href[q:], '#'); f >= 0 {
		end = q + f
	}
	query := href[q+1 : end]
	ascii := true
	for i := 0; i < len(query); i++ {
		if query[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return href
	}
	var b strings.Builder
	b.Grow(len(href) + len(query))
	b.WriteString(href[:q+1])
	for i := 0; i < len(query); {
		j := i
		for j < len(query) && query[j] >= 0x80 {
			j++
		}
		if j == i {
			b.WriteByte(query[i])
			i++
			continue
		}
		raw, err := enc.String(query[i:j])
		if err != nil {
			return href // left to the URL parser, in UTF-8
		}
		for k := 0; k < len(raw); k++ {
			// The query percent-encode set, as WHATWG URL writes the
			// encoded bytes: a GBK trail byte may be ASCII ('@', '\\').
			if c := raw[k]; c >= 0x80 || c <= ' ' || strings.IndexByte(queryEscapes+"#", c) >= 0 {
				b.WriteByte('%')
				b.WriteByte(upperHex[c>>4])
				b.WriteByte(upperHex[c&15])
			} else {
				b.WriteByte(c)
			}
		}
		i = j
	}
	b.WriteString(href[end:])
	return b.String()
}

// upperHex are the digits of a percent escape, upper case (RFC 3986).
const upperHex = "0123456789ABCDEF"

// legacyQueryCharsets are the charsets, besides UTF-8, that links' queries
// on the sites are written in (see inPageCharset): the Simplified Chinese
// sites' GBK (as GB18030, its superset) and the Traditional ones' Big5.
var legacyQueryCharsets = []string{"gb18030", "big5"}

// QueryInLegacyCharsets returns the forms raw has when its query's
// characters past ASCII, typed as they are or percent-encoded in UTF-8,
// are written in a legacy charset instead, as a link on a page in that
// charset is requested and archived (inPageCharset): one URL per charset
// that writes them, canonical (Canonicalize). None when the query has no
// character past ASCII. A user looking up `NewsList.asp?BigClass=工作动态`
// finds the record archived as `…?BigClass=%B9%A4%D7%F7%B6%AF%CC%AC`.
func QueryInLegacyCharsets(raw string) []string {
	q := strings.IndexByte(raw, '?')
	if q < 0 {
		return nil
	}
	end := len(raw)
	if f := strings.IndexByte(raw[q:], '#'); f >= 0 {
		end = q + f
	}
	// Only the escapes of characters past ASCII are undone: an escaped
	// "&" or "=" stays escaped.
	typed := raw[:q+1] + unescapeNonASCII(raw[q+1:end]) + raw[end:]
	var forms []string
	for _, cs := range legacyQueryCharsets {
		enc := queryEncoder(cs)
		u := inPageCharset(typed, enc)
		if u == typed {
			continue // ASCII, or not writable in cs
		}
		if c, err := Canonicalize(u); err == nil && !slices.Contains(forms, c) {
			forms = append(forms, c)
		}
	}
	return forms
}

// unescapeNonASCII undoes the percent escapes of s that spell UTF-8
// characters past ASCII, leaving every other escape as it is.
func unescapeNonASCII(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] == '%' {
			var raw []byte
			j := i
			for j+2 < len(s) && s[j] == '%' && isHex(s[j+1]) && isHex(s[j+2]) {
				c := unhex(s[j+1])<<4 | unhex(s[j+2])
				if c < 0x80 {
					break
				}
				raw = append(raw, c)
				j += 3
			}
			if len(raw) > 0 && utf8.Valid(raw) {
				b.Write(raw)
				i = j
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}
