package extract

import (
	"regexp"
	"strings"
	"testing"
)

// The scans below replace regular expressions on hot paths; each test
// holds the expression and checks the scan agrees with it.

func scanSamples(words ...string) []string {
	out := []string{"", " ", "：", ":", "\xff", "2023-03-22", "2023年3月22日 10:20", "1/2/2023", "a\u3000b"}
	tails := []string{"", ":", "：", " :", "abcd:", "abcde:", "一二三四：", "一二三四五：", "\n:", "\xff:", "x"}
	for _, w := range words {
		for _, t := range tails {
			out = append(out, w+t, "前"+w+t, w+w+t, t+w)
		}
	}
	return out
}

func TestHasMetaLabel(t *testing.T) {
	re := regexp.MustCompile(`(?:` + strings.Join(metaLabels, "|") + `)[^:：]{0,4}[:：]`)
	for _, s := range scanSamples(metaLabels...) {
		if got, want := hasMetaLabel(s), re.MatchString(s); got != want {
			t.Errorf("hasMetaLabel(%q) = %v, regexp %v", s, got, want)
		}
	}
}

func TestBareDate(t *testing.T) {
	re := regexp.MustCompile(`^[\d\s年月日:：/.\-]+$`)
	for _, s := range append(scanSamples("年", "月", "日", "1", "-", "/", ".", "\t", "\v", "\f", "\r", "９", "时"),
		"2023-03-22 10:20:30", "2023年03月22日", "2023.3.22\n", "2023/3/22 上午") {
		if got, want := bareDate(s), re.MatchString(s); got != want {
			t.Errorf("bareDate(%q) = %v, regexp %v", s, got, want)
		}
	}
}

func TestIsPostSig(t *testing.T) {
	re := regexp.MustCompile(`^(?:本|此)[贴帖文]由`)
	for _, s := range scanSamples("本贴由", "本帖由", "本文由", "此贴由", "此帖由", "此文由", "本由", "本章由", "此文", "由") {
		if got, want := isPostSig(s), re.MatchString(s); got != want {
			t.Errorf("isPostSig(%q) = %v, regexp %v", s, got, want)
		}
	}
}
