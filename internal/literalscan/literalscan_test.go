package literalscan

import (
	"slices"
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
	lits := []Literal{{Text: "xyxyxyxy"}, {Text: "aaaaaa"}, {Text: "abcabcab"}, {Text: "=aaa"}, {Text: "<AAA", Fold: true}}
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

// everySlow is what ScanAll must find besides the first offsets: every
// offset of each Every literal of lits in src, in increasing order.
func everySlow(src string, lits []Literal) []int32 {
	var all []int32
	for i := range src {
		for _, l := range lits {
			text, hay := l.Text, src[i:]
			if l.Fold {
				text, hay = strings.ToLower(text), asciiLower(hay)
			}
			if l.Every && strings.HasPrefix(hay, text) {
				all = append(all, int32(i))
			}
		}
	}
	return all
}

// TestScanAll checks every offset of the Every literals — overlapping,
// periodic, ending the page, folded, beside literals asked for once —
// against a scan of each offset, and that the first offsets stay right.
func TestScanAll(t *testing.T) {
	lits := []Literal{
		{Text: "浏览", Every: true}, {Text: "aaaaaa", Every: true}, {Text: "yuedu", Every: true},
		{Text: "Fa-Eye", Fold: true, Every: true}, {Text: "xyxyxyxy"}, {Text: "=aaa"},
	}
	s := New(lits)
	for _, src := range []string{
		"", "浏览", "浏览浏览浏览", "aaaaaaaaaaaa", "yuedu", "xyuedu", "xxyuedu", "yuedyuedu", "<i class=FA-EYE>浏览：12</i>fa-eye",
		"=aaaaaaa浏览x浏览xx浏览xxxyuedu浏览", strings.Repeat("浏览次数：<span id=h></span>", 5) + "yuedu",
	} {
		for pad := 0; pad < 8; pad++ {
			for _, page := range []string{strings.Repeat(".", pad) + src, src + strings.Repeat("a", pad) + src} {
				at, every := s.ScanAll(page)
				for j, l := range s.lits {
					if want := indexSlow(page, l); int(at[j]) != want {
						t.Errorf("%q in %q: first %d, want %d", l.Text, page, at[j], want)
					}
				}
				if want := everySlow(page, lits); !slices.Equal(every, want) {
					t.Errorf("every in %q: %v, want %v", page, every, want)
				}
			}
		}
	}
}
