package index

import "testing"

// TestSimplifyIsAFold: the fold is idempotent (a simplified form is never
// folded again: the query parser and the analyzer both fold a query), and
// maps exactly the traditional characters.
func TestSimplifyIsAFold(t *testing.T) {
	tab := simplifiedRunes()
	if tab.n < 4000 {
		t.Errorf("%d characters folded, want OpenCC's table of about 4,100", tab.n)
	}
	n := 0
	for _, block := range hanBlocks {
		for from := block[0]; from <= block[1]; from++ {
			to, ok := tab.get(from)
			if !ok {
				continue
			}
			n++
			if to == from || simplify(to) != to {
				t.Errorf("%c → %c → %c: not a fold", from, to, simplify(to))
			}
		}
	}
	if n != tab.n {
		t.Errorf("%d characters found in the table, %d put in", n, tab.n)
	}
	for _, tc := range []struct{ in, want rune }{
		{'網', '网'}, {'國', '国'}, {'務', '务'}, {'後', '后'}, {'乾', '干'},
		{'网', '网'}, {'国', '国'}, {'文', '文'}, {'a', 'a'}, {'，', '，'},
	} {
		if got := simplify(tc.in); got != tc.want {
			t.Errorf("simplify(%c) = %c, want %c", tc.in, got, tc.want)
		}
	}
}
