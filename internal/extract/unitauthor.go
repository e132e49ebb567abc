package extract

import "strings"

// unitAlone reports whether v is one unit's name and nothing else: it
// ends as a unit's name does (unitSuffixes), holds no space, no
// separator of several names, and is no person's name (chineseName).
func unitAlone(v string) bool {
	if !runesAtMost(v, 20) || containsAnyRune(v, " 　、,，/") || chineseName(v) {
		return false
	}
	for _, r := range v {
		if !isHan(r) {
			return false
		}
	}
	return unitName(v)
}

// publisherLabels label the account that posted a page (发布者：…): a
// CMS's login (admin, 管理员) or a person, but the unit's name where the
// site gives each unit its account.
var publisherLabels = []string{"发布者", "發布者", "发布人", "發布人"}

// publisherUnit returns the unit the info line's publisher names
// (发布者：县文明办): the source when no label names one. A person or a
// login is no source.
func publisherUnit(info string) (string, string) {
	v, l := labelValueLabel(info, publisherLabels)
	if v == "" || !unitAlone(v) {
		return "", ""
	}
	return v, l
}

// contributedBy returns the unit a line closing the body credits with
// the story, its name before 供稿 (（城关镇供稿）, 城关镇 供稿, in brackets or
// not): the source, as a label 供稿：城关镇 names it. A person before 供稿
// is no source, and neither is a sentence.
func contributedBy(closing string) string {
	lines := splitLines(closing)
	for k := 0; k < 2 && k < len(lines); k++ {
		l := lines[len(lines)-1-k]
		if !runesAtMost(l, 24) {
			continue
		}
		f := strings.Trim(fold(l), " ()（）【】[]")
		if unit, ok := strings.CutSuffix(f, "供稿"); ok {
			if unit = strings.TrimSpace(unit); unitAlone(unit) {
				return unit
			}
		}
	}
	return ""
}
