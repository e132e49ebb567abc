package extract

import (
	"regexp"
	"strings"
)

// Print editions. A portal or a county site reposting a newspaper's story
// closes the text with the paper, the day and the page it ran on —
// 《人民日报》（2024年03月05日 第04版）, 《 光明日报 》（ 2022年02月13日 02版）,
// （《经济日报》2024年3月5日 第3版）. The readers see it as the text's last
// line and the corpora's bodies keep it, so it stays in the body; the
// paper it names is the story's source when nothing labels one.

// printEditionRe is a print-edition line: the paper's name in 《》, the
// day in digits, and the page (版), in brackets or not.
var printEditionRe = regexp.MustCompile(`^[（(]?\s*《\s*([^《》\s，。：:（）()]{2,12}?)\s*》\s*[（(]?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:第\s*)?[0-9A-Za-z]{1,4}\s*版\s*[）)]?\s*[）)]?$`)

// printEditionSource returns the paper a print-edition line among the
// body's closing lines names, or "".
func printEditionSource(closing string) string {
	if !strings.Contains(closing, "版") {
		return ""
	}
	for l := range strings.Lines(closing) {
		if m := printEditionRe.FindStringSubmatch(trimSpace(l)); m != nil {
			return m[1]
		}
	}
	return ""
}
