package extract

import (
	"strings"
	"unicode/utf8"
)

// unitAndPerson reads v as a unit's name and a person's, set apart by
// white space, as a county site credits a story to the unit that sent it
// and the clerk who wrote it (供稿：城关镇 孙丽, 作者：县融媒体中心 孙丽):
// the unit (unitAlone) and the person (chineseName); empty strings when v
// is anything else.
func unitAndPerson(v string) (unit, person string) {
	v = trimSpace(v)
	i := strings.LastIndexFunc(v, isSpace)
	if i <= 0 {
		return "", ""
	}
	_, size := utf8.DecodeRuneInString(v[i:])
	u, n := trimSpace(v[:i]), trimSpace(v[i+size:])
	if !unitAlone(u) || !chineseName(n) {
		return "", ""
	}
	return u, n
}

// authorsUnit returns the unit an author's label on the info line names
// before the person (作者：县融媒体中心 孙丽 → 县融媒体中心): the story's
// source when no label names one.
func authorsUnit(info string) (string, string) {
	v, l := labelValueLabel(info, authorLabels)
	if v == "" {
		return "", ""
	}
	u, _ := unitAndPerson(cutValue(v))
	return u, l
}
