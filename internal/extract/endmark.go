package extract

import (
	"strings"
	"unicode/utf8"
)

// End marks. A news agency closes its wire with （完）, a portal or a
// county paper with (完), 【完】 or ——完——, a WeChat account with -END-
// or END on a line of its own: the story's last words are before the
// mark, and the mark is none of them.

// endMarkTrim are the dashes, brackets and spaces around an end mark's
// word.
const endMarkTrim = " \t-—–―－_=~～*·•()（）【】[]〔〕「」<>〈〉《》"

// gluedEndMarks are the end marks written right after the last sentence.
var gluedEndMarks = []string{"（完）", "(完)", "【完】", "[完]", "〔完〕"}

// endMarkLine reports whether l is an end mark alone on its line: 完 or
// END (in capitals, as accounts write it) with nothing but dashes,
// brackets and spaces around it, if any.
func endMarkLine(l string) bool {
	if len(l) > 40 {
		return false
	}
	w := strings.Trim(l, endMarkTrim)
	return w == "完" || w == "END"
}

// dropEndMarks drops an end mark from the body's last lines (lines):
// one alone on its line, and one glued to the end of a paragraph, whose
// text stays.
func dropEndMarks(lines []string) []string {
	for i := len(lines) - 1; i >= 1 && i >= len(lines)-6; i-- {
		l := lines[i]
		if endMarkLine(l) {
			lines = append(lines[:i], lines[i+1:]...)
			continue
		}
		if r, _ := utf8.DecodeLastRuneInString(l); r != '）' && r != ')' && r != '】' && r != ']' && r != '〕' {
			continue
		}
		for _, m := range gluedEndMarks {
			if rest, ok := strings.CutSuffix(l, m); ok && rest != "" {
				lines[i] = strings.TrimRight(rest, " ")
				break
			}
		}
	}
	return lines
}
