package extract

import "strings"

// closingMeta returns the lines among the body's last three (closing: its
// last lines, one a line) that are meta lines (isMetaLine), which the body
// drops: a source line that names the writer and the editor too
// (来源：城关镇　作者：王红　编辑：刘洋) is read for all three.
func closingMeta(closing string) string {
	lines := strings.Split(strings.TrimSuffix(closing, "\n"), "\n")
	var b strings.Builder
	for _, l := range lines[max(len(lines)-3, 0):] {
		if isMetaLine(l) && !bareDate(fold(l)) {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// closingAuthor returns the writer a meta line closing the body labels
// (作者：王红 on 来源：城关镇　作者：王红　编辑：刘洋) and the rule, or "".
func (p *page) closingAuthor(closing, editor string) (string, string) {
	if !strings.Contains(closing, "：") && !strings.Contains(closing, ":") {
		return "", ""
	}
	if v, l := labelValueLabel(closingMeta(closing), authorLabels); v != "" {
		if v = cutValue(v); p.okAuthor(v, editor) {
			return v, "label " + l + " closing the body"
		}
	}
	return "", ""
}
