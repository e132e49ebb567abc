package index

import (
	"sync"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
)

// Traditional characters are searched as their simplified forms: 文明網
// finds 文明网 and 文明网 finds 文明網. The fold maps one character to one
// character, with OpenCC's table of characters (TSCharacters: its first
// candidate where it gives several), and never looks at the neighbours.
// OpenCC's phrase table, which keeps 乾 in 乾隆 but makes 乾 alone 干, is
// left out on purpose: a fold that depends on the context breaks exact
// matching — the query 乾 (folded to 干) would no longer find the 乾 of
// 乾隆 (kept) — and one of its phrases changes the length of the text. A
// fold of single characters keeps every substring a substring, so search
// stays exact under it, and keeps every character where it is, so snippets
// mark the body's own characters. The price: a few traditional characters
// that share one simplified form (乾 and 幹 → 干, 後 → 后, 於 → 于) are
// searched as one.

// simplifiedRunes returns the fold's table, built once, on first use
// (40–70 ms here).
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

// simplifiedTable builds the table of simplifiedRunes.
func simplifiedTable() *foldTable {
	cc, err := opencc.New("t2s")
	if err != nil {
		panic("index: OpenCC t2s: " + err.Error()) // its embedded tables: never at run time
	}
	var chars interface {
		PrefixMatch(string) (map[string][]string, error)
	}
	for _, g := range cc.DictChains {
		for i, f := range g.Files {
			if f == "TSCharacters.ocd2" {
				chars = g.Dicts[i]
			}
		}
	}
	if chars == nil {
		panic("index: OpenCC t2s has no TSCharacters table")
	}
	m := make(map[rune]rune, 4200)
	for _, block := range hanBlocks {
		for r := block[0]; r <= block[1]; r++ {
			s := string(r)
			got, err := chars.PrefixMatch(s)
			if err != nil || len(got[s]) == 0 {
				continue
			}
			to, n := utf8.DecodeRuneInString(got[s][0])
			if n == len(got[s][0]) && to != r && to != utf8.RuneError {
				m[r] = to
			}
		}
	}
	// A few simplified forms are themselves in the table (薴 → 苧 → 苎):
	// follow them, so that folding twice changes nothing — a query is
	// folded by the parser and again by the analyzer.
	t := &foldTable{rest: map[rune]rune{}, n: len(m)}
	for r, to := range m {
		for range 4 {
			next, ok := m[to]
			if !ok {
				break
			}
			to = next
		}
		if r >= denseLo && r <= denseHi {
			t.dense[r-denseLo] = to
		} else {
			t.rest[r] = to
		}
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
