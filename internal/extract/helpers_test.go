package extract

import (
	"strings"
	"testing"
)

// dropCase is a case of a function that drops body lines: the texts of
// the lines it is given and the texts of those it keeps.
type dropCase struct {
	name  string
	lines []string
	want  []string
}

// checkDrops runs drop over each case's lines and checks the texts it
// keeps.
func checkDrops(t *testing.T, drop func([]bodyLine) []bodyLine, tests []dropCase) {
	t.Helper()
	for _, tc := range tests {
		got := keptTexts(drop, tc.lines)
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

// keptTexts runs drop over body lines of the given texts, each counted
// as all visible text, and returns the texts of the lines it keeps.
func keptTexts(drop func([]bodyLine) []bodyLine, texts []string) []string {
	var ls []bodyLine
	for _, l := range texts {
		ls = append(ls, bodyLine{text: l, vis: countVisible(l)})
	}
	var got []string
	for _, l := range drop(ls) {
		got = append(got, l.text)
	}
	return got
}
