package extract

import (
	"net/url"
	"strings"
	"testing"
)

func TestTRSPagerVariables(t *testing.T) {
	page := `<html><head><title>标题_中国文明网</title></head><body><div id="title_tex">标题</div>
<div id="time_tex">发表时间：2023-03-22</div><div id="tex"><div class="TRS_Editor"><p>第一页的正文，内容较长。</p></div></div>
<script>var currentPage = 0;//所在页从0开始
var countPage = 3//共多少页
createPageHTML(countPage, currentPage, "t20230322_6123456", "shtml");</script></body></html>`
	u, _ := url.Parse("http://www.wenming.cn/a/yw/202303/t20230322_6123456.shtml")
	r, err := Extract([]byte(page), u)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"http://www.wenming.cn/a/yw/202303/t20230322_6123456_1.shtml", "http://www.wenming.cn/a/yw/202303/t20230322_6123456_2.shtml"}
	if len(r.NextPages) != 2 || r.NextPages[0] != want[0] || r.NextPages[1] != want[1] {
		t.Errorf("NextPages = %v, want %v", r.NextPages, want)
	}
}

func TestEmptyLabelValue(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"发布时间：2023-03-22 20:29 来源：清河县文明办 作者： 浏览次数：", ""},
		{"来源：本站 作者：张三 浏览次数：12", "张三"},
		{"作者：李四", "李四"},
	} {
		if got := labelValue(tt.text, []string{"作者"}); got != tt.want {
			t.Errorf("labelValue(%q, 作者) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestSplitTitleInterpunct(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"蓝田县开展“我们的节日·端午”主题活动-蓝田文明网", []string{"蓝田县开展“我们的节日·端午”主题活动", "蓝田文明网"}},
		{"时代新人·邢台好人_邢台文明网", []string{"时代新人·邢台好人", "邢台文明网"}},
		{"标题 · 中国文明网", []string{"标题", "中国文明网"}},
	} {
		got := splitTitle(tt.in)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("splitTitle(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSourceValue checks the cleaning of source values: a repeated label,
// the info line's action links after the name, and markup are dropped.
func TestSourceValue(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"新华网", "新华网"},
		{"来源：新华日报", "新华日报"},           // a meta tag that repeats the label
		{"來源: 中央社", "中央社"},            // in traditional characters
		{"求是网 参与互动", "求是网"},           // a link after the name
		{"第一财经日报 网友评论 0 条", "第一财经日报"}, // a comment counter
		{"央视新闻客户端 举报", "央视新闻客户端"},
		{`size="20"`, ""},        // what an unclosed tag left in the text
		{"人民日报 海外版", "人民日报 海外版"}, // a space inside a name stays
		{"来源中国", "来源中国"},         // no colon: no label
	} {
		if got := sourceValue(tt.in); got != tt.want {
			t.Errorf("sourceValue(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
