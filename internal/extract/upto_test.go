package extract

import (
	"strings"
	"testing"
)

// TestCountVisibleUpTo checks that the bounded count is the full count
// cut at its bound, on ASCII, Chinese, white space and invalid bytes.
func TestCountVisibleUpTo(t *testing.T) {
	long := strings.Repeat("中文 text\u3000\n", 200)
	for _, s := range []string{"", "   ", "a b c", "中　文\u00a0字", "\xff\xfe ab", long} {
		full := countVisible(s)
		for _, max := range []int{0, 1, 2, 15, full, full + 1} {
			if got, want := countVisibleUpTo(s, max), min(full, max); got != want {
				t.Errorf("countVisibleUpTo(%.20q, %d) = %d, want %d", s, max, got, want)
			}
		}
	}
}
