package sitesim

import (
	"strings"
	"testing"
	"unicode/utf8"
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

// TestTruncRunes checks the cut of titles: n runes and "..." when longer.
func TestTruncRunes(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want string
	}{
		{"文明网", 3, "文明网"},
		{"文明网", 4, "文明网"},
		{"文明网站", 3, "文明网..."},
		{"ab文明", 3, "ab文..."},
		{"", 2, ""},
		{"abc", 0, "..."},
	} {
		if got := truncRunes(c.s, c.n); got != c.want {
			t.Errorf("truncRunes(%q, %d) = %q, want %q", c.s, c.n, got, c.want)
		}
		if rs := []rune(c.s); len(rs) > c.n && truncRunes(c.s, c.n) != string(rs[:c.n])+"..." || !utf8.ValidString(truncRunes(c.s, c.n)) {
			t.Errorf("truncRunes(%q, %d) is not the first %d runes", c.s, c.n, c.n)
		}
	}
}
