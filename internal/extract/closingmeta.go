package extract

import "strings"

// closingLabel returns the value one of labels labels on a meta line
// among the body's last three (closing: its last lines, one a line) —
// a line the body drops (isMetaLine) — and the label: a source line that
// names the writer and the editor too (来源：城关镇　作者：王红　编辑：刘洋)
// is read for all three. Only short lines that may hold one of labels
// are tested (mayHoldLabel), a paragraph's colons are many.
func closingLabel(closing string, labels []string) (string, string) {
	lines := strings.Split(strings.TrimSuffix(closing, "\n"), "\n")
	var b strings.Builder
	for _, l := range lines[max(len(lines)-3, 0):] {
		if runesAtMost(l, 200) && mayHoldLabel(l, labels) && isMetaLine(l) && !bareDate(fold(l)) {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	if b.Len() == 0 {
		return "", ""
	}
	return labelValueLabel(b.String(), labels)
}

// closingAuthor returns the writer a meta line closing the body labels
// (作者：王红 on 来源：城关镇　作者：王红　编辑：刘洋) and the rule, or "".
func (p *page) closingAuthor(closing, editor string) (string, string) {
	if v, l := closingLabel(closing, authorLabels); v != "" {
		if v = cutValue(v); p.okAuthor(v, editor) {
			return v, "label " + l + " closing the body"
		}
	}
	return "", ""
}
