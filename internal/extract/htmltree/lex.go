package htmltree

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// tokenType is the kind of token the lexer returns.
type tokenType uint8

const (
	eofToken tokenType = iota
	textToken
	startToken
	endToken
	commentToken
	doctypeToken
	cdataToken // <![CDATA[…]]>, only in SVG and MathML content
)

// maxAtomLen bounds the names atom.Lookup knows: longer ones are no atoms.
const maxAtomLen = 32

// dedupAttrsLinear is how many attributes a tag may have before duplicate
// names are found with a map instead of a linear scan.
const dedupAttrsLinear = 16

// lexer splits the page into tokens. It works on one string holding the
// whole page: names, texts and values are substrings of it unless they had
// to change (upper case, character references, NULs).
type lexer struct {
	s   string
	pos int

	// The current token. data is the raw text, comment or doctype; name
	// and atom the lower-cased tag name; attrs the attributes of a start
	// tag, reused from tag to tag.
	data        string
	name        string
	atom        atom.Atom
	selfClosing bool
	attrs       []html.Attribute
	seen        map[string]bool // attribute names, for tags with many

	cdata bool // <![CDATA[ is a section, not a bogus comment (SVG and MathML)
	nul   bool // the page holds NUL bytes

	// dataPos is where data (or the text rawText returned) starts in s.
	dataPos int
	// amp is the position of the first '&' at or after the last place
	// hasAmp looked (len(s) when there is none).
	amp int

	// hint is the current node's name and atom: most end tags name it,
	// and then need no lookup.
	hint     string
	hintAtom atom.Atom
}

// hasAmp reports whether s[a:b] holds an '&'. Successive calls must not
// go back (a never decreases), so that the page is scanned once.
func (l *lexer) hasAmp(a, b int) bool {
	if l.amp < a {
		if j := strings.IndexByte(l.s[a:], '&'); j >= 0 {
			l.amp = a + j
		} else {
			l.amp = len(l.s)
		}
	}
	return l.amp < b
}

func isSpace(c byte) bool {
	return c <= ' ' && (c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r')
}

// Byte classes for the scanning loops of tags.
const (
	endsName  = 1 << iota // white space, '/', '>': ends a tag or attribute name
	endsValue             // white space, '>': ends an unquoted attribute value
	isEquals              // '='
)

var byteClass = func() (t [256]uint8) {
	for _, c := range []byte(" \n\t\f\r") {
		t[c] = endsName | endsValue
	}
	t['/'] = endsName
	t['>'] = endsName | endsValue
	t['='] = isEquals
	return t
}()

func isLetter(c byte) bool {
	return 'a' <= c|0x20 && c|0x20 <= 'z'
}

// next returns the next token.
func (l *lexer) next() tokenType {
	s := l.s
	start := l.pos
	i := start
	for {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			i = len(s)
			break
		}
		i += j
		if i+1 >= len(s) {
			i = len(s)
			break
		}
		c := s[i+1]
		if isLetter(c) || c == '!' || c == '?' || c == '/' && i+2 < len(s) {
			if i > start {
				break
			}
			if t, ok := l.markup(i); ok {
				return t
			}
			// "</>" is dropped; the text goes on after it.
			start = l.pos
			i = start
			continue
		}
		i++
	}
	if i > start {
		l.data, l.dataPos = s[start:i], start
		l.pos = i
		return textToken
	}
	l.pos = len(s)
	return eofToken
}

// markup reads the tag, comment or doctype at s[i] == '<'. It returns
// false, with pos past it, for a "</>" that makes no token.
func (l *lexer) markup(i int) (tokenType, bool) {
	s := l.s
	switch c := s[i+1]; {
	case isLetter(c):
		return l.tagToken(i+1, startToken), true
	case c == '/':
		switch c2 := s[i+2]; {
		case isLetter(c2):
			return l.tagToken(i+2, endToken), true
		case c2 == '>':
			l.pos = i + 3
			return 0, false
		}
		l.bogusComment(i + 2)
		return commentToken, true
	case c == '?':
		l.bogusComment(i + 1)
		return commentToken, true
	}
	// "<!"
	rest := s[i+2:]
	switch {
	case strings.HasPrefix(rest, "--"):
		l.comment(i + 4)
		return commentToken, true
	case len(rest) >= 7 && asciiEqualFold(rest[:7], "doctype"):
		p := i + 9
		for p < len(s) && isSpace(s[p]) {
			p++
		}
		l.dataUntil(p, ">")
		return doctypeToken, true
	case l.cdata && strings.HasPrefix(rest, "[CDATA["):
		l.dataUntil(i+9, "]]>")
		return cdataToken, true
	}
	l.bogusComment(i + 2)
	return commentToken, true
}

// tagToken reads the start or end tag (tt) whose name begins at s[p]; a
// tag that the input ends inside makes eofToken.
func (l *lexer) tagToken(p int, tt tokenType) tokenType {
	if !l.tag(p, tt == startToken) {
		l.pos = len(l.s)
		return eofToken
	}
	return tt
}

// dataUntil takes the text from s[p] to the next term, or to the end of
// the input, as the token's data, and moves past term.
func (l *lexer) dataUntil(p int, term string) {
	s := l.s
	end := strings.Index(s[p:], term)
	if end < 0 {
		l.data, l.pos = s[p:], len(s)
	} else {
		l.data, l.pos = s[p:p+end], p+end+len(term)
	}
}

// comment reads a comment whose text starts at p, after "<!--".
func (l *lexer) comment(p int) {
	s := l.s
	switch {
	case p < len(s) && s[p] == '>':
		l.data, l.pos = "", p+1
		return
	case p+1 < len(s) && s[p] == '-' && s[p+1] == '>':
		l.data, l.pos = "", p+2
		return
	}
	for q := p; ; {
		k := strings.Index(s[q:], "--")
		if k < 0 {
			// At the end of the page the comment ends too, without
			// the dashes that began to close it.
			d := s[p:]
			for i := 0; i < 2 && strings.HasSuffix(d, "-"); i++ {
				d = d[:len(d)-1]
			}
			l.data, l.pos = d, len(s)
			return
		}
		k += q
		if k+2 < len(s) && s[k+2] == '>' {
			l.data, l.pos = s[p:k], k+3
			return
		}
		if k+3 < len(s) && s[k+2] == '!' && s[k+3] == '>' {
			l.data, l.pos = s[p:k], k+4
			return
		}
		q = k + 1
	}
}

// bogusComment reads "<?…>", "<!…>" or "</…>" not naming a tag: a
// comment up to the next '>'.
func (l *lexer) bogusComment(p int) {
	s := l.s
	end := strings.IndexByte(s[p:], '>')
	if end < 0 {
		l.data, l.pos = s[p:], len(s)
		return
	}
	l.data, l.pos = s[p:p+end], p+end+1
}

// tag reads a start or end tag whose name starts at p. It returns false
// when the page ends inside the tag, which then makes no token.
func (l *lexer) tag(p int, start bool) bool {
	s := l.s
	n := len(s)
	q := p
	for q < n && byteClass[s[q]]&endsName == 0 {
		q++
	}
	if q >= n {
		return false
	}
	if !start && q-p == len(l.hint) && asciiEqualFold(s[p:q], l.hint) {
		l.name, l.atom = l.hint, l.hintAtom
	} else {
		l.name, l.atom = l.lowerName(s[p:q])
	}
	l.selfClosing = false
	l.attrs = l.attrs[:0]
	if s[q] == '>' {
		l.pos = q + 1
		return true
	}
	for p = q; ; {
		for p < n && isSpace(s[p]) {
			p++
		}
		if p >= n {
			return false
		}
		switch s[p] {
		case '>':
			l.pos = p + 1
			return true
		case '/':
			if p+1 < n && s[p+1] == '>' {
				l.selfClosing = true
				l.pos = p + 2
				return true
			}
			p++
			continue
		}
		// Attribute name; a leading '=' is part of it.
		ks := p
		for p++; p < n && byteClass[s[p]]&(endsName|isEquals) == 0; p++ {
		}
		ke := p
		for p < n && isSpace(s[p]) {
			p++
		}
		if p >= n {
			return false
		}
		var val string
		vs := p
		if s[p] == '=' {
			for p++; p < n && isSpace(s[p]); p++ {
			}
			if p >= n {
				return false
			}
			switch q := s[p]; q {
			case '"', '\'':
				e := strings.IndexByte(s[p+1:], q)
				if e < 0 {
					return false
				}
				vs = p + 1
				val = s[vs : vs+e]
				p += e + 2
			case '>':
				// "a=>": no value; the tag ends here.
			default:
				vs = p
				for p < n && byteClass[s[p]]&endsValue == 0 {
					p++
				}
				val = s[vs:p]
			}
		}
		if start {
			l.addAttr(s[ks:ke], val, vs)
		}
	}
}

// addAttr appends an attribute of the current start tag unless one of
// the same name came first.
func (l *lexer) addAttr(rawKey, val string, valPos int) {
	key := l.lowerKey(rawKey)
	if len(l.attrs) < dedupAttrsLinear {
		for i := range l.attrs {
			if l.attrs[i].Key == key {
				return
			}
		}
	} else {
		if len(l.attrs) == dedupAttrsLinear {
			if l.seen == nil {
				l.seen = make(map[string]bool)
			}
			clear(l.seen)
			for _, a := range l.attrs {
				l.seen[a.Key] = true
			}
		}
		if l.seen[key] {
			return
		}
		l.seen[key] = true
	}
	if l.hasAmp(valPos, valPos+len(val)) {
		val = unescape(val, true)
	}
	if l.nul {
		val = replaceNUL(val)
	}
	l.attrs = append(l.attrs, html.Attribute{Key: key, Val: val})
}

// lowerName returns the lower-case form and atom of a tag name.
func (l *lexer) lowerName(raw string) (string, atom.Atom) {
	if l.nul {
		raw = replaceNUL(raw)
	}
	if len(raw) <= maxAtomLen {
		var buf [maxAtomLen]byte
		upper := false
		for i := 0; i < len(raw); i++ {
			c := raw[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
				upper = true
			}
			buf[i] = c
		}
		if a := atom.Lookup(buf[:len(raw)]); a != 0 {
			return a.String(), a
		}
		if !upper {
			return raw, 0
		}
		return string(buf[:len(raw)]), 0
	}
	return lowerASCII(raw), 0
}

// lowerKey returns the lower-case form of an attribute name, without
// allocating for names already in lower case or known to package atom.
func (l *lexer) lowerKey(raw string) string {
	if l.nul {
		raw = replaceNUL(raw)
	}
	upper := false
	for i := 0; i < len(raw); i++ {
		if c := raw[i]; 'A' <= c && c <= 'Z' {
			upper = true
			break
		}
	}
	if !upper {
		return raw
	}
	name, _ := l.lowerName(raw)
	return name
}

func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; 'A' <= c && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// asciiEqualFold reports whether s equals the lower-case ASCII word lower,
// ignoring ASCII case only.
func asciiEqualFold(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// endTagAt reports whether s[p:] starts with "</name" followed by white
// space, '/' or '>' (name in lower case, matched without regard to case).
func endTagAt(s string, p int, name string) bool {
	q := p + 2 + len(name)
	if q >= len(s) || s[p+1] != '/' {
		return false
	}
	c := s[q]
	return (c == '>' || c == '/' || isSpace(c)) && asciiEqualFold(s[p+2:q], name)
}

// rawKind is how the content of a raw-text element is read.
type rawKind uint8

const (
	rawText   rawKind = iota + 1 // style, xmp, iframe, noembed, noframes, noscript
	rcdata                       // title, textarea: character references decoded
	scriptRaw                    // script: with the escape states of <!-- … -->
	plaintext                    // the rest of the page
)

// rawText returns the content of the raw-text element name whose start
// tag was just read, and moves past its end tag.
func (l *lexer) rawText(name string, k rawKind) string {
	s := l.s
	p := l.pos
	end := len(s)
	switch k {
	case plaintext:
	case scriptRaw:
		end = scriptEnd(s, p)
	default:
		for q := p; ; {
			j := strings.Index(s[q:], "</")
			if j < 0 {
				break
			}
			q += j
			if endTagAt(s, q, name) {
				end = q
				break
			}
			q += 2
		}
	}
	text := s[p:end]
	l.pos, l.dataPos = end, p
	if end < len(s) {
		// Move past the end tag, attributes and all.
		save := l.attrs
		if !l.tag(end+2, false) {
			l.pos = len(s)
		}
		l.attrs = save[:0]
	}
	return text
}

// Script states of the HTML tokenizer, for "<!--" inside <script>.
const (
	scriptData = iota
	scriptEscaped
	scriptEscapedDash
	scriptEscapedDashDash
	scriptDouble
	scriptDoubleDash
	scriptDoubleDashDash
)

// scriptEnd returns where the script text starting at p ends: at its
// "</script" end tag, or at the end of the page. Inside "<!--", a
// "<script>" hides the next "</script>" as browsers do.
func scriptEnd(s string, p int) int {
	state := scriptData
	for p < len(s) {
		if state == scriptData {
			j := strings.IndexByte(s[p:], '<')
			if j < 0 {
				return len(s)
			}
			p += j
			if endTagAt(s, p, "script") {
				return p
			}
			if strings.HasPrefix(s[p+1:], "!--") {
				state = scriptEscapedDashDash
				p += 4
				continue
			}
			p++
			continue
		}
		c := s[p]
		switch c {
		case '-':
			switch state {
			case scriptEscaped, scriptEscapedDash:
				state++
			case scriptDouble, scriptDoubleDash:
				state++
			}
			p++
			continue
		case '>':
			if state == scriptEscapedDashDash || state == scriptDoubleDashDash {
				state = scriptData
			} else if state < scriptDouble {
				state = scriptEscaped
			} else {
				state = scriptDouble
			}
			p++
			continue
		case '<':
			if state < scriptDouble {
				if endTagAt(s, p, "script") {
					return p
				}
				state = scriptEscaped
				if q := p + 7; q < len(s) && asciiEqualFold(s[p+1:q], "script") && (s[q] == '>' || s[q] == '/' || isSpace(s[q])) {
					state = scriptDouble
					p = q
					continue
				}
			} else {
				state = scriptDouble
				if endTagAt(s, p, "script") {
					state = scriptEscaped
					p += 8
					continue
				}
			}
			p++
			continue
		}
		if state < scriptDouble {
			state = scriptEscaped
		} else {
			state = scriptDouble
		}
		p++
	}
	return len(s)
}
