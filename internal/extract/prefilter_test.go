package extract

import (
	"strings"
	"testing"
)

// TestMayHoldMonthDate checks the prefilter of monthDateRe: it lets
// through every line the expression matches, each month's names and
// abbreviations included, and stops lines with a year and capitals but no
// month's name.
func TestMayHoldMonthDate(t *testing.T) {
	var lines []string
	for _, name := range strings.Split(monthNames, "|") {
		lines = append(lines, name+" 5, 2024", "5 "+name+". 2024", "Published"+name+" 21, 2024 at 2:52 pm")
	}
	for _, l := range lines {
		if !monthDateRe.MatchString(l) {
			t.Fatalf("monthDateRe does not match %q: the table is wrong", l)
		}
		if !mayHoldMonthDate(l) {
			t.Errorf("mayHoldMonthDate(%q) = false, the expression matches it", l)
		}
	}
	for _, l := range []string{
		"CCTV 2024年3月5日", "ICP备05001234号 Copyright 2005", "Scanned by ABBYY FineReader 2021", "2024 Date",
	} {
		if monthDateRe.MatchString(l) {
			t.Fatalf("monthDateRe matches %q: the table is wrong", l)
		}
		if mayHoldMonthDate(l) {
			t.Errorf("mayHoldMonthDate(%q) = true, no month is named", l)
		}
	}
}

// TestColumnLabelWords checks that every label of columnLabelRe holds one
// of columnLabelWords, the prefilter of columnLabel, so that no line the
// expression matches is left unread.
func TestColumnLabelWords(t *testing.T) {
	src := columnLabelRe.String()
	open, end := strings.Index(src, "(?:"), strings.Index(src, ")")
	if open != 0 || end < 0 {
		t.Fatalf("columnLabelRe no longer opens with its labels: %s", src)
	}
	for _, label := range strings.Split(src[len("(?:"):end], "|") {
		if !containsAnyOf(label, columnLabelWords) {
			t.Errorf("label %q holds none of columnLabelWords %q", label, columnLabelWords)
		}
		if m := columnLabel("首页 " + label + "：新闻动态"); m == nil {
			t.Errorf("columnLabel misses the label %q", label)
		}
	}
	if m := columnLabel("发布时间：2024-03-05 来源：本站"); m != nil {
		t.Errorf("columnLabel found a column in a line without a label: %v", m)
	}
}

// TestContainsAnyRune checks containsAnyRune and indexAnyRune against
// strings.ContainsAny and strings.IndexAny, invalid bytes included.
func TestContainsAnyRune(t *testing.T) {
	sets := []string{"。！？", "，。：:；！？,", "|丨︱/", viewLabelFirsts}
	for _, s := range []string{
		"", "没有标点的一行", "一句话。", "标题：内容", "a:b", "首页 | 新闻", "浏览次数：12",
		"\xe3。", "\xe3\x80", "文字\xff，后面", "！开头", "结尾！", "点击|查看",
	} {
		for _, set := range sets {
			if got, want := containsAnyRune(s, set), strings.ContainsAny(s, set); got != want {
				t.Errorf("containsAnyRune(%q, %q) = %v, want %v", s, set, got, want)
			}
			if got, want := indexAnyRune(s, set), strings.IndexAny(s, set); got != want {
				t.Errorf("indexAnyRune(%q, %q) = %d, want %d", s, set, got, want)
			}
		}
	}
}
