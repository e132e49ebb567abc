package extract

import (
	"slices"
	"strings"
	"testing"
)

// TestAnyLabelRe: anyLabelRe is built from anyLabels and matches what it
// matched when it was written out, startsWithAnyLabel is a match of it
// at the start of the text and hasAnyLabel a match anywhere.
func TestAnyLabelRe(t *testing.T) {
	const written = `(来源|稿源|来自|作者|撰稿|撰文|责任编辑|责编|编辑|审核|发布时间|发表时间|时间|日期|浏览|阅读|点击|查看|访问量|访问次数|人气|围观|播放|评论|发布者|字号|分享|打印|來源|來自|責任編輯|責編|編輯|審核|發布時間|發佈時間|發表時間|時間|瀏覽|閱讀|點擊|點閱|訪問量|訪問次數|人氣|圍觀|評論|發布者|字號|列印|【|\[)`
	if got := anyLabelRe.String(); got != written {
		t.Errorf("anyLabelRe is %s, want %s", got, written)
	}
	texts := []string{"", "来", "来源", "来源：新华社", " 来源", "x来源", "【责任编辑", "[1]", "]", "发布", "发布者",
		"发表时间:", "时", "浏览量", "阅 读", "字号：大", "打印本页", "新华社 作者", "\xe6\x9d", "ABC"}
	for _, l := range anyLabels {
		texts = append(texts, l, l+"x", "x"+l, l[:len(l)-1])
	}
	for _, s := range texts {
		loc := anyLabelRe.FindStringIndex(s)
		if got, want := startsWithAnyLabel(s), loc != nil && loc[0] == 0; got != want {
			t.Errorf("startsWithAnyLabel(%q) = %v; anyLabelRe matches at 0: %v", s, got, want)
		}
		for _, s := range []string{s, "\xe6" + s, s[min(1, len(s)):], "x\xe6\x9d" + s + "\xff"} {
			if got, want := hasAnyLabel(s), anyLabelRe.MatchString(s); got != want {
				t.Errorf("hasAnyLabel(%q) = %v; anyLabelRe matches: %v", s, got, want)
			}
		}
	}
}

// TestMayHoldLabelGate: where mayHoldLabel says no, labelValueScan finds
// nothing either, on texts built of labels, white space, colons, Han
// and full-width characters, brackets and invalid bytes.
func TestMayHoldLabelGate(t *testing.T) {
	pieces := []string{"来源", "作者", "记者", "责任编辑", "编辑", ":", "：", " ", "\u3000", "\u00a0", "\t", "\n",
		"新华社", "文", "Ａ", "ａｂ", "１２", "【", "】", "|", "\xe6", "\xff", "x", "2023-01-02", "浏览"}
	labelSets := [][]string{sourceLabels, authorLabels, editorLabels, {"作者"}, {"Ｂｙ", "作者"}, {""}}
	var texts []string
	for _, a := range pieces {
		for _, b := range pieces {
			for _, c := range pieces {
				texts = append(texts, a+b+c, a+b+c+"人民日报", "信息"+a+b+c+"文")
			}
		}
	}
	gated, found := 0, 0
	for _, labels := range labelSets {
		for _, s := range texts {
			v, l := labelValueScan(s, labels)
			if v != "" {
				found++
			}
			if mayHoldLabel(s, labels) {
				continue
			}
			gated++
			if v != "" || l != "" {
				t.Errorf("mayHoldLabel(%q, %q) is false; labelValueScan finds %q (label %q)", s, labels, v, l)
			}
		}
	}
	if gated == 0 || found == 0 {
		t.Errorf("%d texts gated, %d values found: the test texts do not try the gate", gated, found)
	}
}

// TestMayHoldLabelAsSearched: mayHoldLabel, which reads back from each
// colon, answers as a search of the text for every label followed by
// white space and a colon (the way it was written first, kept here as
// the reference), on texts built of labels, white space, colons, Han
// characters and invalid bytes.
func TestMayHoldLabelAsSearched(t *testing.T) {
	pieces := []string{"来源", "作者", "记者", "责任编辑", "编辑", "原作者", ":", "：", " ", "\u3000", "\u00a0", "\t",
		"\n", "文", "Ａ", "\xe6", "\x80", "\xe3\x80", "x", "源"}
	labelSets := [][]string{sourceLabels, authorLabels, editorLabels, {"作者"}, {""}, {"编辑", "责任编辑"}}
	var texts []string
	for _, a := range pieces {
		for _, b := range pieces {
			for _, c := range pieces {
				texts = append(texts, a+b+c, "信息"+a+b+c+"：文", a+b+"\u3000 "+c)
			}
		}
	}
	differ := 0
	for _, labels := range labelSets {
		for _, s := range texts {
			got, want := mayHoldLabel(s, labels), mayHoldLabelBySearch(s, labels)
			if got != want {
				if differ++; differ <= 10 {
					t.Errorf("mayHoldLabel(%q, %q) = %v; searching for the labels: %v", s, labels, got, want)
				}
			}
		}
	}
}

// mayHoldLabelBySearch is mayHoldLabel searching text for each label and
// reading the white space and colon after it.
func mayHoldLabelBySearch(text string, labels []string) bool {
	if strings.IndexByte(text, ':') < 0 && !strings.Contains(text, "：") {
		return false
	}
	for _, l := range labels {
		if !foldedFromItselfOnly(l) || labelBeforeColonBySearch(text, l) {
			return true
		}
	}
	return false
}

func labelBeforeColonBySearch(text, l string) bool {
	for from := 0; from < len(text); {
		k := strings.Index(text[from:], l)
		if k < 0 {
			return false
		}
		j := from + k + len(l)
		for {
			switch rest := text[j:]; {
			case strings.HasPrefix(rest, " "):
				j++
				continue
			case strings.HasPrefix(rest, "\u3000"):
				j += len("\u3000")
				continue
			case strings.HasPrefix(rest, "\u00a0"):
				j += len("\u00a0")
				continue
			case strings.HasPrefix(rest, ":"), strings.HasPrefix(rest, "："):
				return true
			}
			break
		}
		from += k + 1
	}
	return false
}

// TestPostedByGate: matchPostedBy, which runs postedByRe only on a line
// holding one of postedVerbs, answers as postedByRe does, and postedVerbs
// are the verbs the pattern ends with.
func TestPostedByGate(t *testing.T) {
	if want := "(?:" + strings.Join(postedVerbs, "|") + ")`"; !strings.HasSuffix("`"+postedByRe.String()+"`", want) {
		t.Errorf("postedByRe %s does not end with the alternation of postedVerbs %q", postedByRe, postedVerbs)
	}
	pieces := []string{"张三", " ", "|", "：", "发表", "发表于", "發表於", "发表在", "發表在", "发布于", "發佈於", "发表时间",
		"2023-01-02", "\xe6", "楼主", "\t"}
	var lines []string
	for _, a := range pieces {
		for _, b := range pieces {
			for _, c := range pieces {
				lines = append(lines, a+b+c, "ggjjzhzz "+a+b+c+" 2005-9-15")
			}
		}
	}
	for _, l := range lines {
		if got, want := matchPostedBy(l), postedByRe.FindStringSubmatch(l); !slices.Equal(got, want) {
			t.Errorf("matchPostedBy(%q) = %q; postedByRe: %q", l, got, want)
		}
	}
}

// TestNoticeMarksAsSearched: noticeMarks, which reads the text once,
// answers as a search of it for each mark does.
func TestNoticeMarksAsSearched(t *testing.T) {
	search := func(s string) int {
		k := 0
		for _, m := range copyrightMarks {
			if strings.Contains(s, m) {
				k |= markCopyright
			}
		}
		for _, m := range registrationMarks {
			if strings.Contains(s, m) {
				k |= markRegistration
			}
		}
		return k
	}
	pieces := []string{"版权所有", "版权", "Copyright", "COPYRIGHT", "copyrigh", "©", "\xc2", "All Rights Reserved",
		"All rights", "ICP备", "ICP证", "ICP", "网站标识码", "公网安备", "公安机关备案", "公安备案", "公安", "京", " ", "2024"}
	for _, a := range pieces {
		for _, b := range pieces {
			for _, c := range pieces {
				for _, s := range []string{a + b + c, "本站" + a + b + c + "。"} {
					if got, want := noticeMarks(s), search(s); got != want {
						t.Errorf("noticeMarks(%q) = %b; searching for each mark: %b", s, got, want)
					}
				}
			}
		}
	}
}

// TestBracketNameGate: matchBracketName, which runs bracketNameRe only on
// a line holding a colon and an opening bracket, answers as the pattern
// does.
func TestBracketNameGate(t *testing.T) {
	pieces := []string{"08:19", "8:19:30", ":", "[", "【", "]", "】", " ", "黄宇", "张三丰", "2004年7月16日", "\xe6", "\t"}
	for _, a := range pieces {
		for _, b := range pieces {
			for _, c := range pieces {
				for _, d := range pieces {
					l := a + b + c + d
					if got, want := matchBracketName(l), bracketNameRe.FindStringSubmatch(l); !slices.Equal(got, want) {
						t.Errorf("matchBracketName(%q) = %q; bracketNameRe: %q", l, got, want)
					}
				}
			}
		}
	}
	if matchBracketName("2004年7月16日08:19 [ 黄宇 ]") == nil {
		t.Error("the name in brackets after the time is not found")
	}
}

// TestEditorLineGate: where mayBeEditorLine says no, editorLine does not
// match.
func TestEditorLineGate(t *testing.T) {
	pieces := []string{"责任编辑", "责编", "编辑", "编", "（", "(", "【", "[", "）", "】", " ", "\t", "\u3000", "：", ":",
		"张三", "\xe6", "改编"}
	matched := 0
	for _, a := range pieces {
		for _, b := range pieces {
			for _, c := range pieces {
				for _, d := range pieces {
					l := a + b + c + d
					m := editorLine.FindStringSubmatch(l)
					if m != nil {
						matched++
					}
					if m != nil && !mayBeEditorLine(l) {
						t.Errorf("mayBeEditorLine(%q) is false; editorLine matches %q", l, m)
					}
				}
			}
		}
	}
	if matched == 0 {
		t.Error("editorLine matches none of the test lines")
	}
}

// TestSearchURLPart: isSearchURLPart answers as searchRe.MatchString.
func TestSearchURLPart(t *testing.T) {
	pieces := []string{"search", "SEARCH", "Search", "sear", "ch", "keyword", "KeyWords", "searchword", "wd", "WD", "q",
		"Q", "kw", "kW", "=", "?", "&", "/", "a", "ſearch", "\u212aw", "x=1", "\xe6"}
	for _, a := range pieces {
		for _, b := range pieces {
			for _, c := range pieces {
				s := a + b + c
				if got, want := isSearchURLPart(s), searchRe.MatchString(s); got != want {
					t.Errorf("isSearchURLPart(%q) = %v; searchRe: %v", s, got, want)
				}
			}
		}
	}
}
