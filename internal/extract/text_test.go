package extract

import "testing"

func FuzzCollapsed(f *testing.F) {
	for _, s := range []string{"a b", "a  b", "，“中”", "x\u00a0y", "\u2003", "a ", "Tiếng Việt", "\ufeffx", "\u3000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if collapsed(s) && collapseSpaceSlow(s) != s {
			t.Errorf("collapsed(%q) but collapseSpace changes it to %q", s, collapseSpaceSlow(s))
		}
	})
}

// collapseSpaceSlow is collapseSpace without the fast path.
func collapseSpaceSlow(s string) string { return collapseSpace(s + "x")[:len(collapseSpace(s+"x"))-1] }

func TestIsPunctMatchesSet(t *testing.T) {
	for _, r := range punctuation {
		if !isPunct(r) {
			t.Errorf("isPunct(%q) = false", r)
		}
	}
	for _, r := range "a.中 1-" {
		if isPunct(r) {
			t.Errorf("isPunct(%q) = true", r)
		}
	}
}

func TestCollapseSpaceBlank(t *testing.T) {
	for _, s := range []string{" ", "\n\t\t", "\r\n  \v\f"} {
		if got := collapseSpace(s); got != " " {
			t.Errorf("collapseSpace(%q) = %q, want one space", s, got)
		}
	}
	if got := collapseSpace(""); got != "" {
		t.Errorf("collapseSpace(\"\") = %q", got)
	}
}
