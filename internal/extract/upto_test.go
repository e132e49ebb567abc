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

// TestCountTextAtLeast checks that the counts of a body's opening lines
// decide as the whole body's would: either both reach the thresholds, or
// the counts are the whole body's.
func TestCountTextAtLeast(t *testing.T) {
	para := strings.Repeat("这是一段没有标点的长文字", 30) + "\n"
	for _, tc := range []struct {
		name string
		s    string
	}{
		{"short", "一句话。"},
		{"long with stops", strings.Repeat("这是一句话，有标点。\n", 200)},
		{"stops only at the end", strings.Repeat(para, 5) + "最后，一句。\n"},
		{"no newline", strings.Repeat("没有换行的文字，", 300)},
		{"latin stops at the cut", strings.Repeat("A sentence ends here.\n", 100)},
		{"few visible runes", strings.Repeat(" \n", 2000) + "字，。"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fullVis, fullPunct, _ := countText(tc.s)
			vis, punct := countTextAtLeast(tc.s, 50, 2)
			if vis >= 50 && punct >= 2 {
				if fullVis < 50 || fullPunct < 2 {
					t.Errorf("prefix counts %d, %d reach the thresholds, the whole body's %d, %d do not", vis, punct, fullVis, fullPunct)
				}
				return
			}
			if vis != fullVis || punct != fullPunct {
				t.Errorf("counts %d, %d below the thresholds, want the whole body's %d, %d", vis, punct, fullVis, fullPunct)
			}
		})
	}
}

// TestTailRunes checks tailRunes against the plain reading (a conversion
// to runes), invalid bytes included, and that a valid tail is cut from
// the text without copying it.
func TestTailRunes(t *testing.T) {
	plain := func(s string, n int) string {
		rs := []rune(s)
		if len(rs) > n {
			rs = rs[len(rs)-n:]
		}
		return string(rs)
	}
	long := strings.Repeat("首页 > 新闻中心 > 正文 ", 100)
	for _, s := range []string{"", "a", "中文", "ab中文cd", "\xe4\xb8", "中\xe4\xb8文", "\xb8文字", "文字\xff", "\xff" + long, long} {
		for _, n := range []int{0, 1, 2, 3, 300} {
			if got, want := tailRunes(s, n), plain(s, n); got != want {
				t.Errorf("tailRunes(%.20q, %d) = %q, want %q", s, n, got, want)
			}
		}
	}
	if a := testing.AllocsPerRun(10, func() { _ = tailRunes(long, 300) }); a != 0 {
		t.Errorf("tailRunes of a valid text allocates %v times, want 0", a)
	}
}
