package extract

import (
	"testing"
)

// TestAnyLabelRe: anyLabelRe is built from anyLabels and matches what it
// matched when it was written out, and startsWithAnyLabel is a match of it
// at the start of the text.
func TestAnyLabelRe(t *testing.T) {
	const written = `(来源|稿源|来自|作者|撰稿|撰文|责任编辑|责编|编辑|发布时间|发表时间|时间|日期|浏览|阅读|点击|查看|评论|发布者|字号|分享|打印|來源|來自|責任編輯|責編|編輯|發布時間|發佈時間|發表時間|時間|瀏覽|閱讀|點擊|點閱|評論|發布者|字號|列印|【|\[)`
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
