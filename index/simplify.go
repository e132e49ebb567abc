package index

import (
	"sync"
	"unicode/utf8"
)

// Traditional characters are searched as their simplified forms: 文明網
// finds 文明网 and 文明网 finds 文明網. The fold maps one character to one
// character, with OpenCC's table of characters (TSCharacters: its first
// candidate where it gives several), and never looks at the neighbours.
// The table is data taken from OpenCC (t2s_table.go, written and checked
// against OpenCC by TestT2STable), so that the package does not import
// OpenCC's Go port, which registers a global "-dir" flag in every program
// that links it. OpenCC's phrase table, which keeps 乾 in 乾隆 but makes 乾 alone 干, is
// left out on purpose: a fold that depends on the context breaks exact
// matching — the query 乾 (folded to 干) would no longer find the 乾 of
// 乾隆 (kept) — and one of its phrases changes the length of the text. A
// fold of single characters keeps every substring a substring, so search
// stays exact under it, and keeps every character where it is, so snippets
// mark the body's own characters. The price: a few traditional characters
// that share one simplified form (乾 and 幹 → 干, 後 → 后, 於 → 于) are
// searched as one.

// simplifiedRunes returns the fold's table, built once, on first use.
var simplifiedRunes = sync.OnceValue(simplifiedTable)

// foldTable is every traditional character OpenCC's t2s character table
// changes, with its simplified form: in an array over the unified
// ideographs and extension A, where nearly all of them are (a lookup costs
// an index), in a map beyond.
type foldTable struct {
	dense [denseHi - denseLo + 1]rune // 0: unchanged
	rest  map[rune]rune
	n     int
}

const denseLo, denseHi = 0x3400, 0x9FFF

func (t *foldTable) get(r rune) (rune, bool) {
	if r >= denseLo && r <= denseHi {
		s := t.dense[r-denseLo]
		return s, s != 0
	}
	s, ok := t.rest[r]
	return s, ok
}

// simplifiedTable builds the table of simplifiedRunes from t2sPairs.
func simplifiedTable() *foldTable {
	t := &foldTable{rest: map[rune]rune{}}
	for s := t2sPairs; s != ""; {
		from, n := utf8.DecodeRuneInString(s)
		to, m := utf8.DecodeRuneInString(s[n:])
		s = s[n+m:]
		if from >= denseLo && from <= denseHi {
			t.dense[from-denseLo] = to
		} else {
			t.rest[from] = to
		}
		t.n++
	}
	return t
}

// hanBlocks are the Unicode blocks of Han characters, where every key of
// OpenCC's character table lies: extension A, the unified ideographs, the
// compatibility ideographs, extensions B to H.
var hanBlocks = [][2]rune{{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}, {0x20000, 0x323AF}}

// simplify returns the simplified form of the traditional character r, or
// r.
func simplify(r rune) rune {
	if r < denseLo {
		return r
	}
	if s, ok := simplifiedRunes().get(r); ok {
		return s
	}
	return r
}
