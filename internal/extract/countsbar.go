package extract

import "strings"

// A share page or a self-media copy closes its text with the piece's
// counts on a line of their own, the count often before its label and
// beside the reactions (2.3万阅读, 已有1.2万人阅读, 1234次浏览, 阅读 2.3万 · 点赞
// 356 · 评论 12): no part of the story, like a count line (countline.go),
// and the views read from it all the same (toolBarCount).

// reactionLabels label a piece's reaction counts beside its views.
var reactionLabels = []string{"点赞", "赞", "评论", "分享", "转发", "收藏", "在看", "喜欢", "推荐"}

// countsBarSeps part the counts of a bar.
const countsBarSeps = "·|｜丨•/"

// countsBar reports whether l holds a piece's counts and nothing else: a
// view count, the count before its label or after it, and reaction
// counts, parted by dots or bars; one of them a view count.
func countsBar(l string) bool {
	if l == "" || !runesAtMost(l, maxToolBarRunes) || !strings.ContainsAny(l, "0123456789０１２３４５６７８９") {
		return false
	}
	views := false
	for part := range strings.FieldsFuncSeq(fold(l), func(r rune) bool { return strings.ContainsRune(countsBarSeps, r) }) {
		v, ok := countPart(trimSpace(part))
		if !ok {
			return false
		}
		views = views || v
	}
	return views
}

// countPart reads one part of a counts bar: ok when it is a count and
// its label, views when the count is the views.
func countPart(s string) (views, ok bool) {
	if s == "" {
		return false, true
	}
	if v, ok := countLine(s); ok {
		return v != nil, v != nil
	}
	if runesAtMost(s, 16) && countPhraseAt(s) {
		return true, true // 已有1.2万人阅读, 1234次浏览
	}
	i := 0
	for i < len(s) && (isDigitByte(s[i]) || s[i] == ',') {
		i++
	}
	if i > 0 { // the count before its label: 2.3万阅读, 356赞
		rest := strings.TrimLeft(s[roundedCountEnd(s, i):], " ")
		if at, end := nextViewLabel(rest, 0); at == 0 && end == len(rest) {
			return true, true
		}
		for _, w := range reactionLabels {
			if rest == w {
				return false, true
			}
		}
		return false, false
	}
	for _, w := range reactionLabels { // a reaction's label, then its count: 点赞 356
		rest, found := strings.CutPrefix(s, w)
		if !found {
			continue
		}
		rest = strings.TrimLeft(rest, " :")
		j := 0
		for j < len(rest) && (isDigitByte(rest[j]) || rest[j] == ',') {
			j++
		}
		return false, j > 0 && roundedCountEnd(rest, j) == len(rest)
	}
	return false, false
}
