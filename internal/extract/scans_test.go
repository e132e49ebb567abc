package extract

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
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

func TestHidingStyle(t *testing.T) {
	ref := func(style string) bool {
		s := strings.ReplaceAll(strings.ToLower(style), " ", "")
		return strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden")
	}
	for _, s := range []string{
		"", "display:none", "DISPLAY : NONE", "color:red; Display: None;", "visibility: hidden", "visibility:\thidden",
		"display:block", "displa y:no ne", "display:\u212aone", "display:none" + strings.Repeat(" ", 300),
		strings.Repeat("x", 300) + "display:none", "宽度:1px;display:none", "VISIBILITY:HIDDEN",
	} {
		if got, want := hidingStyle(s), ref(s); got != want {
			t.Errorf("hidingStyle(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestMayHideByClass(t *testing.T) {
	for c := range hidingClasses {
		for _, v := range []string{c, strings.ToUpper(c), "a " + c + " b"} {
			if !mayHideByClass(v) {
				t.Errorf("mayHideByClass(%q) = false for a hiding class", v)
			}
		}
	}
	if mayHideByClass("article main-body") {
		t.Error(`mayHideByClass("article main-body") = true`)
	}
}

func TestHasBreadcrumbWord(t *testing.T) {
	for _, s := range []string{
		"", "位置", "当前位置：首页", "您现在的位置", "当前页面", "当前页", "位", "置", "\xbd位置", "x位\xbd置",
		"文明网当前页面>>", "新闻中心 > 正文", "当前页面位置", strings.Repeat("中文", 100) + "位置",
		"当前路径：首页", "当前栏目：工作动态", "当前", "路径", "栏目：工作动态",
	} {
		want := strings.Contains(s, "位置") || strings.Contains(s, "当前页面") || strings.Contains(s, "当前路径") || strings.Contains(s, "当前栏目")
		if got := hasBreadcrumbWord(s); got != want {
			t.Errorf("hasBreadcrumbWord(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestRunesAtMost(t *testing.T) {
	for _, s := range []string{
		"", "a", "中", "中文", "中文abc", "\xe4\xb8", "\xe4\xb8\xe4", "\xbf\xbf\xbf", "\xe4\xb8\xadx", "\xed\xa0\x80",
		"\xf0\x9f\x98\x80中", "\xe0\x80\x80", strings.Repeat("中", 10) + "\xff", "ab\xc3\xa9\xc3", strings.Repeat("文a", 7),
		"，。\u3000（）", "\xef\xbc", "\xe3\x80", "\xee\x80\x80\xef\xbf\xbf", "\xe1\x80\x80\xec\xbf\xbf",
	} {
		for n := 0; n <= 16; n++ {
			if got, want := runesAtMost(s, n), utf8.RuneCountInString(s) <= n; got != want {
				t.Errorf("runesAtMost(%q, %d) = %v, want %v", s, n, got, want)
			}
		}
	}
}

// TestBreadcrumbLabels keeps hasBreadcrumbWord, the filter before the
// label test, in step with the labels.
func TestBreadcrumbLabels(t *testing.T) {
	for _, l := range breadcrumbLabels {
		if !hasBreadcrumbWord(l) {
			t.Errorf("label %q holds none of 位置, 当前页面, 当前路径, 当前栏目", l)
		}
	}
}

// FuzzFold checks fold against strings.Map of foldRune, which it is.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "abc", "２０２３年３月", "\u3000发布\u00a0时间：", "\xff２", "中\xe4\xb8", "\xed\xa0\x80", "\uFFFD１"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := fold(s), strings.Map(foldRune, s); got != want {
			t.Errorf("fold(%q) = %q, want %q", s, got, want)
		}
	})
}

// FuzzWriteEscaped checks writeEscaped against html.EscapeString, which
// it replaces in the body's markup.
func FuzzWriteEscaped(f *testing.F) {
	for _, s := range []string{"", "a&b", "中文<b>引号\"'</b>\r\n", "12345678<", "一二三四五六七八&amp;", "\xff\x00?@AZ[`{~\x7f", strings.Repeat("中", 9) + ">"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var b bytes.Buffer
		writeEscaped(&b, s)
		if got, want := b.String(), html.EscapeString(s); got != want {
			t.Errorf("writeEscaped(%q) = %q, want %q", s, got, want)
		}
	})
}

// FuzzLineHelpers checks trimSpace against strings.TrimFunc of isSpace,
// which it is, splitLines against trimSpace over strings.Split, and
// runesAtMost against utf8.RuneCountInString.
func FuzzLineHelpers(f *testing.F) {
	for _, s := range []string{"", " ", "a", " 中文\u3000", "\u00a0x\u0085", "中\xe3\x80", "\xff ", "文\u2028", "x\ufeff", "\u205f\u1680y\u202f", "a\t\r\n", "\n\n a \n\u3000\nb\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := trimSpace(s), strings.TrimFunc(s, isSpace); got != want {
			t.Errorf("trimSpace(%q) = %q, want %q", s, got, want)
		}
		var want []string
		for _, l := range strings.Split(s, "\n") {
			if l = strings.TrimFunc(l, isSpace); l != "" {
				want = append(want, l)
			}
		}
		if got := splitLines(s); !slices.Equal(got, want) {
			t.Errorf("splitLines(%q) = %q, want %q", s, got, want)
		}
		for _, n := range []int{0, 1, 2, 5, 12, 39} {
			if got, want := runesAtMost(s, n), utf8.RuneCountInString(s) <= n; got != want {
				t.Errorf("runesAtMost(%q, %d) = %v, want %v", s, n, got, want)
			}
		}
	})
}
