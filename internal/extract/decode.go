package extract

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// metaCharsetRe finds a charset declaration anywhere in the first bytes of a
// page: <meta charset>, <meta http-equiv content="…; charset=…"> or an XML
// declaration's encoding (also the wrapper of CleanEval-style dumps).
var metaCharsetRe = regexp.MustCompile(`(?i)<(?:meta|\?xml|text)\b[^>]*?(?:charset|encoding)\s*=\s*["']?\s*([a-z0-9_:.-]+)`)

// Decode converts a fetched page to UTF-8. The encoding is taken, in order,
// from a byte order mark, the Content-Type header, the <meta> prescan of
// golang.org/x/net/html/charset, a wider prescan of the first 8 KiB, and
// finally a guess (valid UTF-8, else GB18030 when it decodes cleanly, else
// windows-1252). Labels of the GBK family (gbk, gb2312, x-gbk, gb18030) are
// decoded with GB18030, a superset that real GB2312 pages need. It returns
// the decoded page and the name of the charset used ("utf-8", "gb18030", …).
func Decode(raw []byte, contentType string) ([]byte, string, error) {
	switch {
	case bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")):
		return raw[3:], "utf-8", nil
	case bytes.HasPrefix(raw, []byte("\xfe\xff")), bytes.HasPrefix(raw, []byte("\xff\xfe")):
		enc := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
		out, err := enc.NewDecoder().Bytes(raw)
		if err != nil {
			return nil, "", fmt.Errorf("decode utf-16 page: %w", err)
		}
		return out, "utf-16", nil
	}
	_, name, certain := charset.DetermineEncoding(raw, contentType)
	if !certain && name == "windows-1252" {
		// No declaration in the first 1 KiB and not UTF-8: look further.
		name = ""
		head := raw
		if len(head) > 8192 {
			head = head[:8192]
		}
		if m := metaCharsetRe.FindSubmatch(head); m != nil {
			if enc, err := htmlindex.Get(string(m[1])); err == nil {
				if n, err := htmlindex.Name(enc); err == nil {
					name = n
				}
			}
		}
	}
	if name == "utf-8" && !utf8.Valid(raw) && gbClean(raw) {
		// Declared UTF-8 but written in GBK: trust the bytes.
		name = "gbk"
	}
	if name == "" {
		switch {
		case utf8.Valid(raw):
			name = "utf-8"
		case gbClean(raw):
			name = "gbk"
		default:
			name = "windows-1252"
		}
	}
	if name == "utf-8" {
		return raw, name, nil
	}
	var enc encoding.Encoding
	if isGBK(name) {
		enc, name = simplifiedchinese.GB18030, "gb18030"
	} else {
		var err error
		if enc, err = htmlindex.Get(name); err != nil {
			return nil, "", fmt.Errorf("decode page: charset %q: %w", name, err)
		}
	}
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		return nil, "", fmt.Errorf("decode page as %s: %w", name, err)
	}
	return out, name, nil
}

func isGBK(name string) bool {
	switch strings.ToLower(name) {
	case "gbk", "gb2312", "gb18030", "x-gbk", "gb_2312-80", "cp936", "windows-936":
		return true
	}
	return false
}

// gbClean reports whether raw decodes as GB18030 with almost no
// replacement characters and a fair share of Han characters.
func gbClean(raw []byte) bool {
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(raw)
	if err != nil {
		return false
	}
	s := string(out)
	bad := strings.Count(s, "\ufffd")
	han := countHan(s)
	return han > 0 && bad*50 < han
}
