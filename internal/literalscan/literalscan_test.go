package literalscan

import (
	"strings"
	"testing"
)

// indexSlow is what the scanner must find: the first offset of l in
// src, by strings.Index.
func indexSlow(src string, l Literal) int {
	if l.Fold {
		return strings.Index(asciiLower(src), strings.ToLower(l.Text))
	}
	return strings.Index(src, l.Text)
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		b[i] = lowerByte(c)
	}
	return string(b)
}

// TestScanPeriodic checks a scanner of literals that repeat within
// fewer bytes than the scan's stride: an occurrence found later by the
// scan may start earlier than one found before, and the scan may not stop
// as soon as it has found every literal.
func TestScanPeriodic(t *testing.T) {
	lits := []Literal{{"xyxyxyxy", false}, {"aaaaaa", false}, {"abcabcab", false}, {"=aaa", false}, {"<AAA", true}}
	s := New(lits)
	for _, src := range []string{
		"xyxyxyxyxyxy", "aaaaaaaaaa", "abcabcabcabc", "<aaaaaaaaaaaaa", "=aaaaaaa<xyxyxyxyxyxyxyxyabcabcabcab",
	} {
		for pad := 0; pad < 8; pad++ {
			for _, page := range []string{strings.Repeat(".", pad) + src, src + strings.Repeat("a", pad) + src} {
				at := s.Scan(page)
				for j, l := range s.lits {
					if want := indexSlow(page, l); int(at[j]) != want {
						t.Errorf("%q in %q: %d, want %d", l.Text, page, at[j], want)
					}
				}
			}
		}
	}
}
