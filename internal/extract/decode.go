package extract

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// metaCharset returns the first charset declaration in head, the first
// bytes of a page: <meta charset>, <meta http-equiv content="…;
// charset=…"> or an XML declaration's encoding (also the wrapper of
// CleanEval-style dumps); nil when there is none. It is the regular
// expression
//
//	(?i)<(?:meta|\?xml|text)\b[^>]*?(?:charset|encoding)\s*=\s*["']?\s*([a-z0-9_:.-]+)
//
// (group 1) written as a scan, ASCII letters folded: the regexp engine
// cost a crawl about 1% of its CPU a page, on 8 KB of every page.
func metaCharset(head []byte) []byte {
	for i := 0; ; {
		k := bytes.IndexByte(head[i:], '<')
		if k < 0 {
			return nil
		}
		i += k + 1
		n := declName(head[i:])
		if n == 0 {
			continue
		}
		tag := head[i+n:]
		if end := bytes.IndexByte(tag, '>'); end >= 0 {
			tag = tag[:end]
		}
		if v := declaredCharset(tag); v != nil {
			return v
		}
	}
}

// declName returns the length of the declaring element's name that b
// starts with — meta, ?xml or text, then a byte that is no word byte or
// the end — or 0.
func declName(b []byte) int {
	for _, name := range [...]string{"meta", "?xml", "text"} {
		if hasPrefixASCIIFold(b, name) && (len(b) == len(name) || !isWordByte(b[len(name)])) {
			return len(name)
		}
	}
	return 0
}

// declaredCharset returns the value of the first charset= or encoding= in
// tag (the rest of a start tag), white space allowed around the "=" and
// a quote before the value; nil when there is none.
func declaredCharset(tag []byte) []byte {
	for p := 0; p < len(tag); p++ {
		var j int
		switch c := lowerASCII(tag[p]); {
		case c == 'c' && hasPrefixASCIIFold(tag[p:], "charset"):
			j = p + len("charset")
		case c == 'e' && hasPrefixASCIIFold(tag[p:], "encoding"):
			j = p + len("encoding")
		default:
			continue
		}
		j = skipASCIISpace(tag, j)
		if j == len(tag) || tag[j] != '=' {
			continue
		}
		j = skipASCIISpace(tag, j+1)
		if j < len(tag) && (tag[j] == '"' || tag[j] == '\'') {
			j = skipASCIISpace(tag, j+1)
		}
		v := j
		for v < len(tag) && isCharsetByte(tag[v]) {
			v++
		}
		if v > j {
			return tag[j:v]
		}
	}
	return nil
}

func skipASCIISpace(b []byte, i int) int {
	for i < len(b) && isASCIISpace(b[i]) {
		i++
	}
	return i
}

// isWordByte reports whether c is a byte of \w: an ASCII letter, digit or
// underscore.
func isWordByte(c byte) bool { return isASCIILetter(c) || c >= '0' && c <= '9' || c == '_' }

// isCharsetByte reports whether c may stand in a charset label as
// metaCharset reads it: [a-z0-9_:.-], letters in either case.
func isCharsetByte(c byte) bool { return isWordByte(c) || c == ':' || c == '.' || c == '-' }

// headerCharsetRe finds the charset parameter of a Content-Type header,
// also in headers that mime.ParseMediaType refuses ("text/html;;charset=gbk").
var headerCharsetRe = regexp.MustCompile(`(?i)charset\s*=\s*["']?\s*([a-z0-9_:.-]+)`)

// metaScanBytes is how far into the page the <meta> prescan looks. The HTML
// standard says 1024 bytes; 文明网 templates put long comments and scripts
// before the <meta>, so look further.
const metaScanBytes = 8192

// Decoding says how Decode chose a page's charset, for the crawler to log
// (once per site is enough: a site's pages share their template).
type Decoding struct {
	// Charset is the charset the bytes were decoded with: "utf-8",
	// "gb18030" (also for gbk and gb2312 labels), "big5", "utf-16le" …
	Charset string
	// Header and Meta are the charset labels the Content-Type header and
	// the page (<meta>, XML declaration) declared, lower case as written;
	// "" when absent.
	Header, Meta string
	// Overrode is true when the bytes overrode the declared charset.
	Overrode bool
	// Replaced counts the invalid byte sequences decoded as U+FFFD.
	Replaced int
	// Reason is a short sentence for a log line: "header says gbk, bytes
	// are valid UTF-8".
	Reason string
}

// Decode converts a fetched page to UTF-8 and says why it chose the charset
// it used. The bytes decide when the labels lie:
//
//  1. A byte order mark wins (UTF-8, UTF-16LE/BE).
//  2. Bytes that are valid UTF-8 over the whole page and hold multi-byte
//     sequences are UTF-8, whatever the header or <meta> says: templates
//     re-saved as UTF-8 keep their old "charset=gb2312". GBK text is valid
//     UTF-8 only by accident: a GB2312 Han character's lead byte is
//     0xB0–0xF7, and a lead of 0xB0–0xC1 or 0xF5–0xF7 can never start UTF-8,
//     one of 0xC2–0xDF needs a trail of 0x80–0xBF (a third of trails), and
//     0xE0–0xEF needs the next two bytes in 0x80–0xBF; about one character
//     in seven survives, so a page of Chinese in GBK is never valid UTF-8
//     and what survives reads as two-byte runes (Latin, Greek, Cyrillic),
//     not CJK. Short strings can survive, so the override needs one rune of
//     three or more bytes (U+0800 and up, where CJK lives) or four
//     multi-byte runes. A page that is UTF-8 but for a few damaged bytes (a
//     truncated tail, a stray byte: at least 20 valid multi-byte runes per
//     invalid sequence, which GBK text never reaches) is UTF-8 too.
//  3. A page labelled UTF-8, labelled windows-1252 (ISO-8859-1 and
//     US-ASCII are aliases; server defaults) or not labelled at all, whose
//     bytes are not UTF-8 but decode as GB18030 with under one replacement
//     per 50 Han characters, is GB18030. Other legacy labels (Big5,
//     Shift_JIS …) are kept: their double-byte text decodes cleanly as
//     GB18030 too, so that is no evidence against them.
//  4. Otherwise the label is used: the Content-Type header before <meta>,
//     unless the two disagree and the page reads with fewer invalid
//     sequences under the <meta> one (UTF-8 against the GBK family only,
//     the pair the bytes can arbitrate). Labels of the GBK family (gbk,
//     gb2312, x-gbk, gb18030) are decoded with GB18030, a superset that
//     real GB2312 pages need for rare names.
//  5. With no label, the reading (UTF-8, GB18030 or Big5) with fewer
//     invalid sequences wins, Big5 only when it reads cleanly (under one
//     replacement per 50 Han characters); a pure-ASCII page is UTF-8.
//
// A pure-ASCII page keeps its label (it decodes the same under every
// ASCII-compatible charset); a UTF-16 label is believed only when the
// bytes hold NULs, and in <meta> it means UTF-8 as the HTML standard says.
// An unknown label, or one the HTML standard maps to the "replacement"
// encoding (hz-gb-2312, iso-2022-kr …), counts as none.
//
// Invalid sequences cost a U+FFFD each, never the page: the error is
// non-nil only if a decoder itself fails, which the golang.org/x/text
// decoders do not do for bad input.
func Decode(raw []byte, contentType string) ([]byte, Decoding, error) {
	var d Decoding
	if m := headerCharsetRe.FindStringSubmatch(contentType); m != nil {
		d.Header = strings.ToLower(m[1])
	}
	head := raw[:min(len(raw), metaScanBytes)]
	if v := metaCharset(head); v != nil {
		d.Meta = strings.ToLower(string(v))
	}
	switch {
	case bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")):
		d.Charset, d.Reason = "utf-8", "byte order mark says utf-8"
		return finishUTF8(raw[3:], d)
	case bytes.HasPrefix(raw, []byte("\xfe\xff")), bytes.HasPrefix(raw, []byte("\xff\xfe")):
		d.Charset, d.Reason = "utf-16be", "byte order mark says utf-16be"
		if raw[0] == 0xff {
			d.Charset, d.Reason = "utf-16le", "byte order mark says utf-16le"
		}
		// ExpectBOM reads the byte order from the mark.
		return finishWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), raw, d)
	}

	hdr := canonicalCharset(d.Header, raw, false)
	meta := canonicalCharset(d.Meta, raw, true)
	label, by, says := hdr, "header", d.Header
	if label == "" {
		label, by, says = meta, "meta", d.Meta
	}
	st := scanUTF8(raw)
	var gb *gbReading // computed at most once, on demand
	gbRead := func() *gbReading {
		if gb == nil {
			gb = readGB18030(raw)
		}
		return gb
	}
	declared := "no charset declared"
	if label != "" {
		declared = by + " says " + says
	}

	switch {
	case st.ascii:
		if label == "" {
			d.Charset, d.Reason = "utf-8", declared+", bytes are ASCII"
			return finishUTF8(raw, d)
		}
		d.Reason = declared + ", bytes are ASCII"
		return finishLabel(label, raw, d, nil)
	case st.utf8Evidence():
		d.Charset = "utf-8"
		d.Overrode = label != "" && label != "utf-8"
		if st.bad == 0 {
			d.Reason = declared + ", bytes are valid UTF-8"
			// What finishUTF8 returns, without checking the bytes again:
			// scanUTF8 found no invalid sequence.
			return raw, d, nil
		}
		d.Reason = fmt.Sprintf("%s, bytes are UTF-8 (%d multi-byte characters, %d invalid sequences)", declared, st.multi, st.bad)
		return finishUTF8(raw, d)
	case (label == "" || label == "utf-8" || label == "windows-1252") && st.bad > 0 && gbRead().clean():
		d.Charset = "gb18030"
		d.Overrode = label != ""
		if label == "" {
			d.Reason = declared + ", bytes decode cleanly as GB18030"
		} else {
			d.Reason = declared + ", bytes are not valid UTF-8 but decode cleanly as GB18030"
		}
		return finishGB(gbRead(), d)
	}

	if hdr != "" && meta != "" && hdr != meta {
		// Header and <meta> disagree and the bytes did not settle it:
		// take the one under which the page has fewer invalid sequences,
		// when both can be counted.
		eh, okh := readingErrors(hdr, st, gbRead)
		em, okm := readingErrors(meta, st, gbRead)
		if okh && okm && em < eh {
			label = meta
			d.Reason = fmt.Sprintf("header says %s, meta says %s; the bytes read better as %s", d.Header, d.Meta, d.Meta)
			return finishLabel(label, raw, d, gb)
		}
		d.Reason = fmt.Sprintf("header says %s, meta says %s; the header wins", d.Header, d.Meta)
		return finishLabel(label, raw, d, gb)
	}
	if label != "" {
		d.Reason = declared
		return finishLabel(label, raw, d, gb)
	}
	return readUnlabelled(raw, st, gbRead, d, declared)
}

// readUnlabelled decodes a page no label names the charset of, whose
// bytes are neither ASCII nor plainly UTF-8 nor cleanly GB18030: as the
// reading with the fewest invalid sequences, Big5 (only when it reads
// cleanly), GB18030 or UTF-8.
func readUnlabelled(raw []byte, st utf8Stats, gbRead func() *gbReading, d Decoding, declared string) ([]byte, Decoding, error) {
	if b5 := readBig5(raw); b5.clean() && b5.bad < gbRead().bad && b5.bad < st.bad {
		d.Charset, d.Reason = "big5", declared+", bytes read better as Big5 than as GB18030 or UTF-8"
		return b5.out, d, nil
	}
	if gbRead().bad < st.bad {
		d.Charset, d.Reason = "gb18030", declared+", bytes read better as GB18030 than as UTF-8"
		return finishGB(gbRead(), d)
	}
	d.Charset, d.Reason = "utf-8", declared+", bytes read better as UTF-8 than as GB18030"
	return finishUTF8(raw, d)
}

// canonicalCharset returns the HTML-standard name of a charset label ("gbk"
// for gb2312), or "" for a label to ignore: unknown, the replacement
// encoding, or UTF-16 without NUL bytes. In <meta>, UTF-16 means UTF-8.
func canonicalCharset(label string, raw []byte, inMeta bool) string {
	if label == "" {
		return ""
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		return ""
	}
	name, err := htmlindex.Name(enc)
	if err != nil || name == "replacement" {
		return ""
	}
	if strings.HasPrefix(name, "utf-16") {
		if inMeta {
			return "utf-8"
		}
		if bytes.IndexByte(raw, 0) < 0 {
			return ""
		}
	}
	return name
}

// utf8Stats describe raw read as UTF-8.
type utf8Stats struct {
	ascii bool // no byte above 0x7F
	multi int  // valid multi-byte runes
	wide  int  // of them, runes of three or four bytes (U+0800 and up)
	bad   int  // invalid bytes (each costs a U+FFFD)
}

// scanUTF8 reads raw as UTF-8. Eight ASCII bytes are passed at once, and
// a valid three-byte sequence that needs no range check beyond its
// continuation bytes (leads E1–EC, EE, EF: most of Chinese text) without
// utf8.DecodeRune: 1.7 times as fast on cwced's pages, the same figures.
func scanUTF8(raw []byte) utf8Stats {
	var s utf8Stats
	for i := 0; i < len(raw); {
		c := raw[i]
		if c < utf8.RuneSelf {
			if i+8 <= len(raw) && binary.LittleEndian.Uint64(raw[i:])&0x8080808080808080 == 0 {
				i += 8
			} else {
				i++
			}
			continue
		}
		if (0xE1 <= c && c <= 0xEC || c >= 0xEE && c <= 0xEF) && i+2 < len(raw) && raw[i+1]&0xC0 == 0x80 && raw[i+2]&0xC0 == 0x80 {
			s.multi++
			s.wide++
			i += 3
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			s.bad++
		default:
			s.multi++
			if size >= 3 {
				s.wide++
			}
		}
		i += size
	}
	s.ascii = s.multi == 0 && s.bad == 0
	return s
}

// utf8Evidence reports whether the bytes are UTF-8 whatever the label says
// (see Decode for the reasoning behind the thresholds).
func (s utf8Stats) utf8Evidence() bool {
	if s.bad == 0 {
		return s.wide > 0 || s.multi >= 4
	}
	return s.multi >= 20*s.bad
}

// gbReading is raw decoded as GB18030 (readGB18030), or as another
// double-byte Chinese charset (readBig5).
type gbReading struct {
	out []byte
	bad int // U+FFFD in out
	han int // Han characters in out
}

func readGB18030(raw []byte) *gbReading { return readDoubleByte(simplifiedchinese.GB18030, raw) }

// readBig5 is raw decoded as Big5, counted as readGB18030 counts.
func readBig5(raw []byte) *gbReading { return readDoubleByte(traditionalchinese.Big5, raw) }

// readDoubleByte decodes raw with enc and counts the replacement and Han
// characters of the reading.
func readDoubleByte(enc encoding.Encoding, raw []byte) *gbReading {
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		// Not expected (bad bytes become U+FFFD); count the page as unreadable.
		return &gbReading{bad: len(raw)}
	}
	s := string(out)
	return &gbReading{out: out, bad: strings.Count(s, "\ufffd"), han: countHan(s)}
}

// clean reports whether the reading is Chinese text with almost no
// replacement characters.
func (g *gbReading) clean() bool { return g.han > 0 && g.bad*50 < g.han }

// readingErrors counts the invalid sequences of raw under a charset, for
// UTF-8 and the GBK family only.
func readingErrors(name string, st utf8Stats, gb func() *gbReading) (int, bool) {
	switch {
	case name == "utf-8":
		return st.bad, true
	case isGBK(name):
		return gb().bad, true
	}
	return 0, false
}

// finishLabel decodes raw with a declared charset; gb, when not nil, is
// the GB18030 reading already made.
func finishLabel(name string, raw []byte, d Decoding, gb *gbReading) ([]byte, Decoding, error) {
	switch {
	case name == "utf-8":
		d.Charset = "utf-8"
		return finishUTF8(raw, d)
	case isGBK(name):
		d.Charset = "gb18030"
		if gb == nil {
			gb = readGB18030(raw)
		}
		return finishGB(gb, d)
	}
	enc, err := htmlindex.Get(name)
	if err != nil {
		// canonicalCharset only returns names htmlindex knows.
		return nil, d, fmt.Errorf("decode page: charset %q: %w", name, err)
	}
	d.Charset = name
	return finishWith(enc, raw, d)
}

// finishUTF8 returns raw with each invalid byte replaced by U+FFFD (raw
// itself when it is valid).
func finishUTF8(raw []byte, d Decoding) ([]byte, Decoding, error) {
	if utf8.Valid(raw) {
		return raw, d, nil
	}
	out := make([]byte, 0, len(raw)+64)
	for i := 0; i < len(raw); {
		r, size := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && size == 1 {
			out = append(out, "\ufffd"...)
			d.Replaced++
		} else {
			out = append(out, raw[i:i+size]...)
		}
		i += size
	}
	d.Reason = replacedNote(d)
	return out, d, nil
}

func finishGB(gb *gbReading, d Decoding) ([]byte, Decoding, error) {
	d.Replaced = gb.bad
	d.Reason = replacedNote(d)
	return gb.out, d, nil
}

func finishWith(enc encoding.Encoding, raw []byte, d Decoding) ([]byte, Decoding, error) {
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		return nil, d, fmt.Errorf("decode page as %s: %w", d.Charset, err)
	}
	d.Replaced = bytes.Count(out, []byte("\ufffd"))
	d.Reason = replacedNote(d)
	return out, d, nil
}

func replacedNote(d Decoding) string {
	if d.Replaced == 0 {
		return d.Reason
	}
	return fmt.Sprintf("%s; %d invalid sequences replaced", d.Reason, d.Replaced)
}

func isGBK(name string) bool {
	switch strings.ToLower(name) {
	case "gbk", "gb2312", "gb18030", "x-gbk", "gb_2312-80", "cp936", "windows-936":
		return true
	}
	return false
}
