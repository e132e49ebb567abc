package extract

import (
	"net/url"
	"strings"
	"testing"
)

// TestToolBarViews: a template sets the view count among the article's
// controls below the text (【字体：大 中 小】 浏览次数：211 【打印】【关闭】),
// inside the body's container or after it; the count is the page's
// views. A longer line after the body (a list's item with its count) is
// not read, nor a ranking box's short items (点击排行: other articles'
// counts).
func TestToolBarViews(t *testing.T) {
	const bar = `<div class="e5">【字体：大 中 小】 浏览次数：211 【打印】【关闭】</div>`
	page := func(inside, after string) string {
		return `<html><head><meta charset="utf-8"><title>临西县开展道德讲堂活动_临西文明网</title></head><body>
<div class="a1"><a href="/">首页</a> &gt; <a href="/wmcj/">文明创建</a></div>
<div class="b2"><h1>临西县开展道德讲堂活动</h1><div class="c3">发布时间：2024-03-18 09:30　来源：县文明办</div>
<div class="d4"><p>3月18日，临西县道德讲堂走进河西镇社区，邀请身边好人讲述自己的故事，近百名居民参加。讲堂按照流程进行，现场气氛热烈，居民们深受教育。</p>
<p>活动中，志愿者还为居民送上了文明礼仪手册，倡导大家从身边小事做起，争做文明市民。</p></div>` + inside + `</div>` + after + `</body></html>`
	}
	related := `<div class="f6"><p>临西县召开文明城市创建推进会暨新时代文明实践志愿服务工作部署会议 2024-03-10 浏览次数：88</p></div>`
	// A ranking box of short titles, each with its count: the
	// counts of other articles.
	ranking := `<div class="g7"><h3>点击排行</h3><ul><li><a href="/a/wmcj/2024/0301/9.html">道德讲堂进社区</a><em>点击：2036</em></li>` +
		`<li><a href="/a/wmcj/2024/0302/10.html">文明交通劝导</a><em>点击：1822</em></li></ul></div>`
	u, _ := url.Parse("http://www.lxwmw.gov.cn/a/wmcj/2024/0318/12.html")
	for _, tc := range []struct {
		name, src string
		want      int64 // -1: none
	}{
		{"bar inside the body's container", page(bar, ""), 211},
		{"bar after it", page("", bar), 211},
		{"a list's item after the body", page("", related), -1},
		{"a ranking box's short items after the body", page("", ranking), -1},
		{"a ranking box after the bar", page("", bar+ranking), 211},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Extract([]byte(tc.src), u)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tc.want < 0 && r.Views != nil:
				t.Errorf("views %d, want none", *r.Views)
			case tc.want >= 0 && (r.Views == nil || *r.Views != tc.want):
				t.Errorf("views %v, want %d", r.Views, tc.want)
			}
			if strings.Contains(r.Body, "浏览次数") || strings.Contains(r.Body, "打印") {
				t.Errorf("body holds the tool bar: %q", r.Body)
			}
		})
	}
}
