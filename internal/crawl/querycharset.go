package crawl

import (
	"strings"

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
