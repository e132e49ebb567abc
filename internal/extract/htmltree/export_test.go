package htmltree

import "strings"

// Lex runs the lexer alone over src, as Parse would (raw text elements
// included), and returns the number of tokens.
func Lex(src []byte) int {
	l := lexer{s: string(src), amp: -1}
	l.nul = strings.IndexByte(l.s, 0) >= 0
	n := 0
	for {
		switch l.next() {
		case eofToken:
			return n
		case startToken:
			if k := rawKindOf(l.atom); k != 0 {
				l.rawText(l.name, k)
			}
		}
		n++
	}
}
