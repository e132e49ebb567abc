package sitesim

import (
	"strings"
	"testing"
)

// TestFillAsReplacer checks fill against the replacement it stands for:
// {href} and {text} replaced left to right, the inserted text never read
// again, every other brace kept.
func TestFillAsReplacer(t *testing.T) {
	for _, c := range []struct{ form, href, text string }{
		{"<a href=\"{href}\">{text}</a>", "/a/", "要闻"},
		{"{text}{href}{text}", "h", "t"},
		{"{hre{href}}", "x", "y"},
		{"{", "x", "y"},
		{"no slots", "x", "y"},
		{"{text}", "{href}", "{text}"},
		{"a{b}c{href", "x", "y"},
		{"", "x", "y"},
	} {
		want := strings.NewReplacer("{href}", c.href, "{text}", c.text).Replace(c.form)
		if got := fill(c.form, c.href, c.text); got != want {
			t.Errorf("fill(%q, %q, %q) = %q, want %q", c.form, c.href, c.text, got, want)
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
