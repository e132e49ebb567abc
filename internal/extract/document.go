package extract

import (
	"fmt"
	"net/url"
	"strings"
	"unsafe"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/wenming-archive/wenming/internal/extract/htmltree"
)

// Document is one parsed page. The crawler reads its links and
// ExtractDocument its fields from the same parse, so a fetched page is
// parsed once.
type Document struct {
	raw  string   // the page, one copy shared by the tree's strings
	rx   rawIndex // where the rules' literals first occur in raw
	url  *url.URL
	base *url.URL
	root *html.Node
	tree *htmltree.Tree // root's nodes, numbered
}

// Parse parses a page fetched from pageURL (nil is allowed) whose bytes
// Decode has made UTF-8. A page above MaxPageBytes is refused with
// ErrTooLarge.
//
// Parse takes src over: the tree's strings, and the Result's that
// ExtractDocument reads from them, share its bytes instead of a copy of
// the page, so the caller must not change src afterwards.
func Parse(src []byte, pageURL *url.URL) (*Document, error) {
	if len(src) > MaxPageBytes {
		return nil, fmtErr(pageURL, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(src), MaxPageBytes))
	}
	raw := unsafe.String(unsafe.SliceData(src), len(src))
	rx := indexRaw(raw)
	if at := rx.index("document.write"); at >= 0 {
		if written, ok := writtenLiterals(raw, at); ok {
			raw, rx = written, indexRaw(written)
		}
	}
	tree := parseHTML(raw)
	root := tree.Root
	d := &Document{raw: raw, rx: rx, url: pageURL, base: pageURL, root: root, tree: tree}
	if d.rx.indexFold("<base") >= 0 {
		d.base = baseURL(goquery.NewDocumentFromNode(root), pageURL)
	}
	return d, nil
}

// writtenLiterals returns raw with each inline script that only writes a
// literal — <script>document.write("568")</script>, as some templates
// print a view count — replaced by what it writes, as a browser shows
// it, and whether there was one; from is where raw first names
// document.write.
func writtenLiterals(raw string, from int) (string, bool) {
	var b strings.Builder
	last := 0
	for off := from; ; {
		i := strings.Index(raw[off:], "document.write")
		if i < 0 {
			break
		}
		i += off
		off = i + len("document.write")
		tag, code, ok := scriptOpening(raw, i)
		if !ok {
			// var hits = 386; document.write(hits): the script's
			// opening stands before a declaration (writtenLiteral
			// checks that the code is no more than that).
			if tag, code, ok = scriptOpeningBefore(raw, i); !ok {
				continue
			}
		}
		end := strings.Index(raw[code:], "</script>")
		if end < 0 {
			break
		}
		if lit, ok := writtenLiteral(raw[code : code+end]); ok && attrValue(raw[tag:code], "src") == "" {
			if last == 0 {
				b.Grow(len(raw))
			}
			b.WriteString(raw[last:tag])
			b.WriteString(lit)
			last = code + end + len("</script>")
			off = last
		}
	}
	if last == 0 {
		return raw, false
	}
	b.WriteString(raw[last:])
	return b.String(), true
}

// scriptOpening returns the start of the <script tag that raw[at] opens
// the code of — only white space between the tag's '>' and at — and the
// offset right after that '>'.
func scriptOpening(raw string, at int) (tag, code int, ok bool) {
	code = len(strings.TrimRight(raw[:at], " \t\r\n"))
	if code == 0 || raw[code-1] != '>' {
		return 0, 0, false
	}
	tag = strings.LastIndexByte(raw[:code-1], '<')
	if tag < 0 || !strings.HasPrefix(raw[tag:], "<script") {
		return 0, 0, false
	}
	return tag, code, true
}

// scriptOpeningBefore returns the start of the <script tag whose code
// raw[at] stands in, at most maxDeclaration bytes after the tag's '>',
// and the offset right after that '>'.
func scriptOpeningBefore(raw string, at int) (tag, code int, ok bool) {
	from := max(0, at-maxDeclaration-len("<script>"))
	tag = strings.LastIndex(raw[from:at], "<script")
	if tag < 0 {
		return 0, 0, false
	}
	tag += from
	gt := strings.IndexByte(raw[tag:at], '>')
	if gt < 0 {
		return 0, 0, false
	}
	return tag, tag + gt + 1, true
}

// maxWrittenLiteral bounds the literal writtenLiteral takes, in bytes;
// maxDeclaration the declaration of the variable it may write.
const (
	maxWrittenLiteral = 64
	maxDeclaration    = 96
)

// writtenLiteral returns the literal the script code only writes
// (document.write("568"), document.writeln('1,234'), document.write(568);)
// — a number, or a string without markup, quotes or escapes — or that
// the variable it declares first holds and then writes (var hits = 386;
// document.write(hits)).
func writtenLiteral(code string) (string, bool) {
	s := strings.TrimSpace(code)
	name, value := "", ""
	for _, kw := range []string{"var ", "let ", "const "} {
		if d, ok := strings.CutPrefix(s, kw); ok {
			decl, rest, ok := strings.Cut(d, ";")
			n, v, ok2 := strings.Cut(decl, "=")
			if !ok || !ok2 || len(decl) > maxDeclaration {
				return "", false
			}
			name, value, s = strings.TrimSpace(n), strings.TrimSpace(v), strings.TrimSpace(rest)
			if !isIdentifier(name) {
				return "", false
			}
			break
		}
	}
	s = strings.TrimSuffix(s, ";")
	s, ok := strings.CutPrefix(s, "document.write(")
	if !ok {
		s, ok = strings.CutPrefix(s, "document.writeln(")
	}
	if !ok {
		return "", false
	}
	s, ok = strings.CutSuffix(s, ")")
	s = strings.TrimSpace(s)
	if name != "" {
		if s != name {
			return "", false
		}
		s = value
	}
	if !ok || s == "" || len(s) > maxWrittenLiteral {
		return "", false
	}
	if q := s[0]; q == '"' || q == '\'' {
		if len(s) < 2 || s[len(s)-1] != q || strings.ContainsAny(s[1:len(s)-1], "<>&\"'\\") {
			return "", false
		}
		return s[1 : len(s)-1], true
	}
	return s, isDigits(s)
}

// Release gives the parsed tree's memory to later parses (see
// htmltree.Tree.Release): neither the Document nor any node of it may be
// used after. A Result extracted from it holds nothing of the tree and
// stays valid.
func (d *Document) Release() {
	d.tree.Release()
	d.root, d.tree = nil, nil
}

// Root returns the parsed tree; callers must not change it.
func (d *Document) Root() *html.Node { return d.root }

// URL returns the address the page was fetched from (may be nil).
func (d *Document) URL() *url.URL { return d.url }

// Base returns the address links resolve against: the page's <base href>
// or its own address (nil when the page has none).
func (d *Document) Base() *url.URL { return d.base }

// isIdentifier reports whether s is a plain JavaScript identifier
// (ASCII letters, digits, _ and $, not starting with a digit).
func isIdentifier(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(isASCIILetter(c) || c == '_' || c == '$' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}
