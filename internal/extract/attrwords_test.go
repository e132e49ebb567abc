package extract

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// attrWordTests are class and id values as pages write them: utility
// classes, modifiers, camel case, parts, white space of every kind.
var attrWordTests = []string{
	"main-content", "side-bar_2 nav", "with-aside article", "is-hidden   share\tbar", "newsDetail", "top-0 relative footer",
	"sm:top-2 comment", "\u3000related\u00a0list\u2003x", "a--b__c", "-x- _y_", "", "   ", "no-js has-sidebar show",
	"hide", "Ｆoo bar", "ab\xffcd", "with", "x\u0085y", "WITHOUT-comments sidebar",
	"css-1ad9k2f e7x0", "n51ad01 ad2 ad300x250", "sc-3adF1x", "_2ad4f_ab", "9Nav", "h5ad", "9",
}

// TestAttrWords checks attrWords against attrWordsSeq, the same split
// written with strings.FieldsSeq and FieldsFuncSeq as it was before.
func TestAttrWords(t *testing.T) {
	for _, v := range attrWordTests {
		for _, class := range []bool{true, false} {
			if got, want := collectWords(attrWords, v, class), collectWords(attrWordsSeq, v, class); !slices.Equal(got, want) {
				t.Errorf("attrWords(%q, %v) = %q, want %q", v, class, got, want)
			}
		}
	}
}

func FuzzAttrWords(f *testing.F) {
	for _, v := range attrWordTests {
		f.Add(v, true)
	}
	f.Fuzz(func(t *testing.T, v string, class bool) {
		if got, want := collectWords(attrWords, v, class), collectWords(attrWordsSeq, v, class); !slices.Equal(got, want) {
			t.Errorf("attrWords(%q, %v) = %q, want %q", v, class, got, want)
		}
	})
}

func collectWords(split func(string, bool, func(string)), v string, class bool) []string {
	var out []string
	split(v, class, func(w string) { out = append(out, w) })
	return out
}

func attrWordsSeq(val string, class bool, fn func(string)) {
	skipNext := false
	for token := range strings.FieldsSeq(val) {
		if class && isUtilityClass(token) {
			continue
		}
		for part := range strings.FieldsFuncSeq(token, isPartSeparator) {
			if skipNext {
				skipNext = false
				continue
			}
			if isModifierWord(part) {
				skipNext = true
				continue
			}
			letterRunsAfterLetters(part, fn)
		}
	}
}

// letterRunsAfterLetters calls fn with the letter runs of part, split
// before an upper-case letter after a lower-case one, less those right
// after a digit: nameRuns written with a regular expression.
func letterRunsAfterLetters(part string, fn func(string)) {
	for _, m := range asciiLetters.FindAllStringIndex(part, -1) {
		if m[0] > 0 && part[m[0]-1] >= '0' && part[m[0]-1] <= '9' {
			// The first run is after a digit; a camel-case run after it is not.
			first := true
			letterRuns(part[m[0]:m[1]], func(w string) {
				if !first {
					fn(w)
				}
				first = false
			})
			continue
		}
		letterRuns(part[m[0]:m[1]], fn)
	}
}

var asciiLetters = regexp.MustCompile(`[A-Za-z]+`)

func isPartSeparator(r rune) bool { return r == '-' || r == '_' }
