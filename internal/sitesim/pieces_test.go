package sitesim

import (
	"strings"
	"testing"
)

// TestFillAsReplacer checks fill against the replacement it stands for:
// {href} and {text} replaced left to right, the inserted text never read
// again, every other brace kept.
func TestFillAsReplacer(t *testing.T) {
	forms := []string{"", "no slots", "{", "a{b}c{href", "{hre{href}}", "{text}{href}{text}", "<a href=\"{href}\">{text}</a>"}
	values := [][2]string{{"/a/", "要闻"}, {"{href}", "{text}"}, {"", "{"}}
	for _, form := range forms {
		for _, v := range values {
			want := strings.NewReplacer("{href}", v[0], "{text}", v[1]).Replace(form)
			if got := fill(form, v[0], v[1]); got != want {
				t.Errorf("fill(%q, %q, %q) = %q, want %q", form, v[0], v[1], got, want)
			}
		}
	}
}

// TestTruncRunes checks the cut of titles against its definition: the
// first n runes and "..." when the text is longer.
func TestTruncRunes(t *testing.T) {
	for _, s := range []string{"", "abc", "文明网", "ab文明", "文明网站建设"} {
		for n := 0; n <= 7; n++ {
			want := s
			if rs := []rune(s); len(rs) > n {
				want = string(rs[:n]) + "..."
			}
			if got := truncRunes(s, n); got != want {
				t.Errorf("truncRunes(%q, %d) = %q, want %q", s, n, got, want)
			}
		}
	}
}
