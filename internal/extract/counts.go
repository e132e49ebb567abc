package extract

import (
	"math"
	"regexp"
	"strconv"
	"strings"
)

// countRe matches a view count: digits with optional thousands separators
// or decimals, optionally followed by 万 (ten thousand, also written w;
// 萬 in traditional characters), 亿 (億), or k (a thousand: "1.2k").
var countRe = regexp.MustCompile(`^\s*(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(万|萬|w|W|亿|億|k|K|千)?`)

// ParseCount parses a view count such as "1017", "1,017", "1.2万" (12000),
// "１０１７" (full-width digits) or "1017次". It reports false when s holds no
// number at its start.
func ParseCount(s string) (int64, bool) {
	f := trimSpace(fold(s))
	m := countRe.FindStringSubmatch(f)
	if m == nil {
		return 0, false
	}
	num := strings.ReplaceAll(m[1], ",", "")
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || v < 0 {
		return 0, false
	}
	switch m[2] {
	case "万", "萬", "w", "W":
		v *= 1e4
	case "亿", "億":
		v *= 1e8
	case "k", "K", "千":
		v *= 1e3
	}
	if v > math.MaxInt64/2 {
		return 0, false
	}
	return int64(math.Round(v)), true
}

// viewLabelFirsts are the first characters of viewLabels.
const viewLabelFirsts = "浏阅点访查人围播热观瀏閱點訪圍熱觀"

// viewLabels are the view-count labels, a longer one before its prefix.
var viewLabels = []string{
	"浏览次数", "浏览数", "浏览量", "浏览人次", "浏览人数", "浏览", "阅读次数", "阅读量", "阅读数", "阅读人次", "阅读", "点击次数", "点击数",
	"点击量", "点击率", "点击", "访问量", "访问次数", "访问人次", "查看次数", "查看", "人气", "围观",
	// A government template's reads (阅览次数：143) and its visits
	// (访问：233).
	"阅览次数", "阅览量", "阅览", "访问",
	// A portal's or a blog's heat, the views it counts (热度：356).
	"热度",
	// A video page's play count is its views.
	"播放次数", "播放量", "播放数", "播放",
	// A video page's watch count (观看次数：2368).
	"观看次数", "观看量", "观看",
	// In traditional characters (Hong Kong, Taiwan, pages set so).
	"瀏覽次數", "瀏覽數", "瀏覽量", "瀏覽", "閱讀次數", "閱讀量", "閱讀數", "閱讀", "點擊次數", "點擊數",
	"點擊量", "點擊率", "點擊", "點閱次數", "點閱數", "點閱率", "點閱", "訪問量", "訪問次數", "訪問", "人氣", "圍觀",
	"熱度", "播放次數", "播放數", "閱覽次數", "閱覽", "觀看次數", "觀看",
}

// nextViewLabel finds the first view-count label in f at or after from:
// it returns where the label starts and where it ends with the white
// space, colon and white space, and bracket and white space after it, as
// the pattern (浏览次数|…|围观)\s*(?::\s*)?(?:[\[(【]\s*)? matches
// leftmost-first. It returns -1, -1 when there is none.
func nextViewLabel(f string, from int) (start, end int) {
	for i := from; i < len(f); i++ {
		if c := f[i]; c < 0xe4 || c > 0xe9 {
			continue // every label starts with a rune led by E4–E9
		}
		if i+3 > len(f) || !isViewLabelFirst(f[i:i+3]) {
			continue // most text: a rune no label starts with
		}
		for _, l := range viewLabels {
			if !strings.HasPrefix(f[i:], l) {
				continue
			}
			j := skipRESpace(f, i+len(l))
			if j < len(f) && f[j] == ':' {
				j = skipRESpace(f, j+1) // and a bracket after it: 点击：[123]
			}
			switch {
			case j < len(f) && (f[j] == '[' || f[j] == '('):
				j = skipRESpace(f, j+1)
			case strings.HasPrefix(f[j:], "【"):
				j = skipRESpace(f, j+len("【"))
			}
			return i, j
		}
	}
	return -1, -1
}

// isViewLabelFirst reports whether the three bytes r are the first
// character of a view label (viewLabelFirsts).
func isViewLabelFirst(r string) bool {
	switch r {
	case "浏", "阅", "点", "访", "查", "人", "围", "播", "热", "观", "瀏", "閱", "點", "訪", "圍", "熱", "觀":
		return true
	}
	return false
}

// skipRESpace skips the white space of the regexp class \s (\t \n \f \r
// and space) from i on.
func skipRESpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
		i++
	}
	return i
}

// viewRanking marks a label that heads a ranking or a link, not a count.
var viewRanking = []string{"排行", "排名", "榜", "最多", "全文", "更多", "原文", "详情", "此处", "这里"}

// findViews returns the view count that follows a label in the folded text
// f (a title or date line). found reports whether a label was seen at all;
// a label with no number after it (the number is filled by script) gives a
// nil count.
func findViews(f string) (views *int64, found bool) {
	// The pattern has no literal start for the regexp package to look
	// for: skip the text that holds none of its labels' first characters.
	if !containsAnyRune(f, viewLabelFirsts) {
		return nil, false
	}
	for at, end := nextViewLabel(f, 0); at >= 0; at, end = nextViewLabel(f, end) {
		label := f[at:end]
		rest := f[end:]
		ranking := false
		for _, w := range viewRanking {
			if strings.HasPrefix(rest, w) || strings.Contains(label, w) {
				ranking = true
			}
		}
		if ranking {
			continue
		}
		found = true
		if n, ok := ParseCount(rest); ok {
			return &n, true
		}
		if n, ok := countBefore(f[:at]); ok && !strings.ContainsAny(label, ":[(") && !strings.HasSuffix(label, "【") {
			return &n, true
		}
	}
	return nil, found
}

// countBeforeRe matches a count that stands before its label with a
// counter word between them: "1,234 次浏览", "已有1234人阅读", "3.2万人次点击",
// "123人已阅读"; or with a unit of thousands, which no date's number has:
// "1.2w 阅读" (a self-media page's).
var countBeforeRe = regexp.MustCompile(`(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?:(?:万|w|W|亿|k|K|千)\s*(?:人次|次|人)?|人次|次|人)\s*已?\s*$`)

// countBefore parses the count at the end of before (the text before a
// view label), as countBeforeRe reads it. Without the counter word a
// number before a label is most often a date's or a time's ("2024-05-12
// 浏览：").
func countBefore(before string) (int64, bool) {
	if len(before) > 64 {
		before = before[len(before)-64:]
	}
	m := countBeforeRe.FindStringSubmatchIndex(before)
	if m == nil {
		return 0, false
	}
	return ParseCount(before[m[2]:])
}

// countPhraseAt reports whether s (folded) opens with a view count
// written as a phrase, the count before its label: "已有56人阅读",
// "共1,234次浏览", "56人已阅读". A field's value set apart by a space
// before it ends there (来源：县图书馆　已有56人阅读).
func countPhraseAt(s string) bool {
	for _, p := range []string{"已有", "共有", "已被", "共"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			s = rest
			break
		}
	}
	s = strings.TrimLeft(s, " ")
	if s == "" || !isDigitByte(s[0]) {
		return false
	}
	i := 0
	for i < len(s) && (isDigitByte(s[i]) || s[i] == ',' || s[i] == '.') {
		i++
	}
	s = strings.TrimLeft(s[i:], " ")
	for _, u := range []string{"万", "w", "W", "亿", "k", "K", "千"} {
		if rest, ok := strings.CutPrefix(s, u); ok {
			s = rest
			break
		}
	}
	for _, w := range []string{"人次", "次", "人"} {
		if rest, ok := strings.CutPrefix(s, w); ok {
			s = strings.TrimPrefix(strings.TrimLeft(rest, " "), "已")
			at, _ := nextViewLabel(s, 0)
			return at == 0
		}
	}
	return false
}
