package extract

import (
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
			letterRuns(part, fn)
		}
	}
}
func isPartSeparator(r rune) bool { return r == '-' || r == '_' }
