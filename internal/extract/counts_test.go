package extract

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

func TestParseCount(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1017", 1017, true},
		{" 1017 次", 1017, true},
		{"2,345", 2345, true},
		{"1.2万", 12000, true},
		{"3万", 30000, true},
		{"1.5w", 15000, true},
		{"1.2k", 1200, true},
		{"3千", 3000, true},
		{"１０１７", 1017, true},
		{"１.２万", 12000, true},
		{"1.2萬", 12000, true},
		{"3億", 300000000, true},
		{"0", 0, true},
		{"", 0, false},
		{"次", 0, false},
		{"<script>", 0, false},
	}
	for _, tc := range tests {
		got, ok := ParseCount(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParseCount(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestFindViews(t *testing.T) {
	tests := []struct {
		in    string
		want  int64 // -1: nil
		found bool
	}{
		{"发布时间:2023-3-22 20:29  浏览数: 1017", 1017, true},
		{"2023-3-8 09:05 | 发布者: admin | 查看: 2345 | 评论: 0", 2345, true},
		{"阅读(1.2万)", 12000, true},
		{"原创 已于 2023-08-15 10:21:36 修改 阅读量1.2k 收藏 12", 1200, true},
		{"点击：１０１７次", 1017, true},
		{"浏览次数： 次", -1, true},
		{"点击排行 1. 两会时间 35210", -1, false},
		{"阅读全文 2023", -1, false},
		{"来源：中国文明网", -1, false},
		// The count before its label, a counter word between them.
		{"2024-05-12 | 1,234 次浏览", 1234, true},
		{"已有1234人阅读", 1234, true},
		{"3.2万人次点击", 32000, true},
		{"发布时间：2024-05-12 浏览", -1, true}, // a date's number is no count
		{"2024-05-12 浏览：", -1, true},
		{"2024-05-12 123人已阅读", 123, true},
		{"2024-05-12 1.2w 阅读", 12000, true},
		{"2024-05-12 12 阅读", -1, true}, // a number without a counter word or a unit
		// The count in brackets after the colon, a label of visits.
		{"点击：[123]", 123, true},
		{"人气：【456】", 456, true},
		{"浏览人次：789", 789, true},
		// In traditional characters.
		{"記者：陳大文　發佈時間：2024年3月18日 14:30　瀏覽次數：1,234", 1234, true},
		{"2024/03/18 14:30 點閱數：3,456", 3456, true},
		{"人氣：789", 789, true},
		{"點擊(1.2萬)", 12000, true},
	}
	for _, tc := range tests {
		got, found := findViews(fold(tc.in))
		if found != tc.found || (got == nil) != (tc.want < 0) || got != nil && *got != tc.want {
			t.Errorf("findViews(%q) = %v, %v; want %d, %v", tc.in, got, found, tc.want, tc.found)
		}
	}
}

// TestViewLabelFirsts keeps viewLabelFirsts, findViews' filter, in step
// with viewLabels.
func TestViewLabelFirsts(t *testing.T) {
	for _, l := range viewLabels {
		if r := []rune(l)[0]; !strings.ContainsRune(viewLabelFirsts, r) {
			t.Errorf("label %q starts with %q, which viewLabelFirsts lacks", l, r)
		}
		if r := []rune(l)[0]; len(string(r)) != 3 || !isViewLabelFirst(string(r)) {
			t.Errorf("label %q starts with %q, which nextViewLabel's isViewLabelFirst does not take", l, r)
		}
	}
	for _, r := range viewLabelFirsts {
		if !isViewLabelFirst(string(r)) {
			t.Errorf("isViewLabelFirst(%q) is false; it is in viewLabelFirsts", r)
		}
	}
	for _, s := range []string{"浏览", "文", "览", "\xe6\xb5", "abc"} {
		if isViewLabelFirst(s) {
			t.Errorf("isViewLabelFirst(%q) is true", s)
		}
	}
}

// viewLabelRe is the pattern nextViewLabel scans for.
var viewLabelRe = regexp.MustCompile(`(` + strings.Join(viewLabels, "|") + `)\s*(?::\s*)?(?:[\[(【]\s*)?`)

// TestNextViewLabel checks that nextViewLabel finds what viewLabelRe does.
func TestNextViewLabel(t *testing.T) {
	texts := []string{
		"", "浏览", "浏览次数：12", "浏览次数 : 12 阅读量【 3】点击率(4) 查看 [5] 人气:6 围观7",
		"点击数\t\n:\f 8", "访问次数 访问量： 9", "查看次数【", "阅读数 ：10", "阅\xe9\x98读 阅读",
		"\xe6浏览\xff点击:1", "浏览浏览浏览", "次数浏览 : ", "浏 览：3", "点击：\u3000 4",
		"点击：[5]", "人气: 【 6】", "浏览:(7)", "阅读:[(8)",
	}
	for _, l := range viewLabels {
		for _, tail := range []string{"", " ", ":", " : 12", "【1】", "(2)", "[ 3", "次", "x"} {
			texts = append(texts, l+tail, "前"+l+tail+l)
		}
	}
	for _, s := range texts {
		var got [][]int
		for at, end := nextViewLabel(s, 0); at >= 0; at, end = nextViewLabel(s, end) {
			got = append(got, []int{at, end})
		}
		want := viewLabelRe.FindAllStringIndex(s, -1)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("nextViewLabel on %q: %v, viewLabelRe: %v", s, got, want)
		}
	}
}
