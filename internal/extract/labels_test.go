package extract

import (
	"regexp"
	"testing"
)

// labelReRef is the regular expression labeledDateLabel's label search
// replaced; FuzzLabeledDate checks that the search finds what it found.
var labelReRef = regexp.MustCompile(`(发布时间|发布日期|发表时间|发表日期|发稿时间|发文日期|发文时间|上传时间|录入时间|更新时间|更新日期|刊发时间|出版时间|发布于|发表于|发布|时间|日期|Date|Published|Posted)\s*(:?)\s*`)

// labeledByRegexp is the first loop of labeledDateLabel as it was, with
// the rules added since: numerals read as digits, a compact date
// (20111023) read as one, and a date labelled as the last update
// (updateLabels) giving way to a publish label's date after it. Its
// labels are the older ones: a label added since (生成日期, 公开日期 …)
// is none to it, as a bare 日期 that ends a longer word is none.
func labeledByRegexp(f string) (string, string, bool) {
	f = numeralDates(f)
	var updLabel, updTime string
	for _, m := range labelReRef.FindAllStringSubmatchIndex(f, -1) {
		label := f[m[2]:m[3]]
		if pageStampRe.MatchString(f[max(0, m[2]-24):m[2]]) {
			continue
		}
		colon := m[5] > m[4]
		bare := label == "时间" || label == "日期" || label == "发布"
		if bare && !colon {
			continue
		}
		if bare {
			before := []rune(f[max(0, m[2]-8):m[2]])
			if n := len(before); n > 0 && isHan(before[n-1]) {
				continue
			}
		}
		rest := f[m[1]:]
		if len(rest) > 80 {
			rest = rest[:80]
		}
		t, _, at, ok := findDate(rest)
		if d, compact := compactDate(rest); compact && !(ok && at == 0) {
			t, _, at, ok = findDate(d)
		}
		switch {
		case !ok || at != 0:
		case updateLabels[label]:
			if updLabel == "" {
				updLabel, updTime = label, t.String()
			}
		default:
			return label, t.String(), true
		}
	}
	return updLabel, updTime, updLabel != ""
}

func FuzzLabeledDate(f *testing.F) {
	for _, s := range []string{
		"发布时间：2023-03-22 20:29 来源：本站", "时间:2023年3月22日", "本页更新时间：2023-01-01 发布日期：2022-12-31",
		"Published 2021-05-06", "更新时间 2020/1/2", "日期2023-01-02", "会议时间：2023-01-02", "发布：12023-01-01",
		"更新时间:2023-1-1发\xe5日期:2022-2-3", "\xe5\xe5时间:20111023-发\xe5日期:2022-2-3",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = fold(s)
		wantLabel, wantTime, wantOK := labeledByRegexp(s)
		gt, _, gotLabel, gotOK := labeledDateLabel(s)
		if gotOK && wantOK && (gotLabel != wantLabel || gt.String() != wantTime) || gotOK != wantOK && wantOK {
			t.Errorf("%q: got %q %v %v, regexp found %q %s %v", s, gotLabel, gt, gotOK, wantLabel, wantTime, wantOK)
		}
	})
}

func TestLabelledColumn(t *testing.T) {
	tests := []struct{ info, after, want string }{
		{"时间：2024-05-01 栏目：工作动态 浏览：12", "", "工作动态"},
		{"所属栏目：通知公告", "", "通知公告"},
		{"", "Tags: 积分超市\n发布:城关镇文明办 | 分类: 工作动态 | 评论:0", "工作动态"},
		{"", "分类：\n志愿服务", ""},          // a sidebar's heading, no other label beside it
		{"主题分类：综合政务 发布机构：县政府", "", ""}, // the document's classification
		{"体裁分类：通知", "", ""},
	}
	for _, tc := range tests {
		if got := labelledColumn(fold(tc.info), tc.after); got != tc.want {
			t.Errorf("labelledColumn(%q, %q) = %q, want %q", tc.info, tc.after, got, tc.want)
		}
	}
}
