package extract

import (
	"testing"
)

// TestAnyLabelRe: anyLabelRe is built from anyLabels and matches what it
// matched when it was written out, and startsWithAnyLabel is a match of it
// at the start of the text.
func TestAnyLabelRe(t *testing.T) {
	const written = `(来源|稿源|来自|作者|撰稿|撰文|责任编辑|责编|编辑|发布时间|发表时间|时间|日期|浏览|阅读|点击|查看|评论|发布者|字号|分享|打印|【|\[)`
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
