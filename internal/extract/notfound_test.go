package extract

import (
	"net/url"
	"testing"
)

// TestNotFound: the pages a site answers for an article it does not have
// (a soft 404, the message pages of Discuz!, PHPCMS and a plain 404 page
// served as 200) are NotFound; an error page saying something else (a
// refusal, a busy server), an article whose text says 不存在 and a list
// page are not.
func TestNotFound(t *testing.T) {
	page := func(title, body string) string {
		return "<html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body><div class=\"top\"><a href=\"/\">首页</a></div>" + body + "</body></html>"
	}
	article := page("我县开展文明实践活动_某县文明网", `<h1>我县开展文明实践活动</h1><div class="info">发布时间：2025-03-02 来源：某县</div>
		<div class="content"><p>近日，我县组织志愿者深入社区开展文明实践活动，宣传移风易俗，倡导文明新风。</p><p>活动中有群众反映，过去认为“文明离我们很远、根本不存在”，如今身边处处是文明。</p><p>下一步，我县将继续推进新时代文明实践中心建设，不断丰富活动内容。</p></div>`)
	tests := []struct {
		name, html string
		want       bool
	}{
		{"soft 404", page("页面不存在_某县文明网", `<div class="about"><p>对不起，您要访问的页面不存在或已被删除。</p><p><a href="/">返回首页</a></p></div>`), true},
		{"discuz message", page("提示信息 -  某县文明网 -  Powered by Discuz!", `<div id="messagetext" class="alert_error"><p>抱歉，指定的文章不存在或已被删除</p></div>`), true},
		{"phpcms message", page("提示信息", `<div class="showMsg"><h5>提示信息</h5><div class="content guery">信息不存在或已删除</div></div>`), true},
		{"dedecms message", page("DedeCMS提示信息", `<div class="w960 center"><b>DedeCMS 提示信息！</b><div><br />无法解析文档！<br /></div></div>`), true},
		{"404 page", page("404 Not Found", `<h1>404</h1><p>您访问的页面不存在！</p>`), true},
		{"refusal", page("提示信息 - 某县文明网", `<div id="messagetext"><p>抱歉，您需要登录后才能查看</p></div>`), false},
		{"busy", page("出错了", `<p>系统繁忙，请稍后再试</p>`), false},
		{"article saying 不存在", article, false},
		{"list", page("工作动态_某县文明网", `<ul><li><a href="/a/1.html">页面不存在的问题已解决</a> 2025-03-01</li></ul>`), false},
	}
	u, _ := url.Parse("http://xx.wenming.cn/a/20250302/1.html")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Extract([]byte(tt.html), u)
			if err != nil {
				t.Fatal(err)
			}
			if r.NotFound != tt.want {
				t.Errorf("NotFound = %v, want %v (IsArticle %v)", r.NotFound, tt.want, r.IsArticle)
			}
		})
	}
}
