package extract

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// TestGuestbookPage checks the class of a site's message board (a CMS's
// guestbook module: PbootCMS's 在线留言 at /message/): a page of visitors'
// dated messages, each with the site's reply, under the board's name, is
// no article, on its first page or a later one; an article whose title
// merely speaks of a message board, and a single letter with its reply
// under its own subject, stay articles.
func TestGuestbookPage(t *testing.T) {
	board := func(title string, page int) string {
		var b strings.Builder
		fmt.Fprintf(&b, `<html><head><meta charset="utf-8"><title>%s - 青山县文明网</title></head><body>`+
			`<ul class="nav"><li><a href="/">首页</a></li><li><a href="/gzdt/">工作动态</a></li><li><a href="/message/">%s</a></li></ul>`+
			`<div class="message"><h2>%s</h2>`, title, title, title)
		for j := 0; j < 4; j++ {
			fmt.Fprintf(&b, `<div class="msg-item"><p class="msg-head">网友%d 留言时间：2023-05-%02d 1%d:20:00</p>`+
				`<p>建议在第%d社区多开展一些面向老年人的志愿服务活动，丰富大家的业余文化生活，也希望志愿者能多上门服务。</p>`+
				`<p class="reply">管理员回复：感谢您的建议，我们已转交相关部门，近期将安排志愿者走进社区。</p></div>`, page*4+j, 10+j, j, page*4+j+1)
		}
		fmt.Fprintf(&b, `<form action="/?p=/Message/add" method="post"><textarea name="content"></textarea><button>提交留言</button></form></div>`+
			`<div class="pagebar"><a href="/message/?page=1">1</a><a href="/message/?page=2">2</a><a href="/message/?page=%d">后一页</a></div>`+
			`<div class="footer">主办：青山县文明办</div></body></html>`, page+1)
		return b.String()
	}
	article := func(title, body string) string {
		return `<html><head><meta charset="utf-8"><title>` + title + ` - 青山县文明网</title></head><body>` +
			`<ul class="nav"><li><a href="/">首页</a></li><li><a href="/message/">在线留言</a></li></ul>` +
			`<div class="article"><h1>` + title + `</h1><div class="info">发布时间：2023-05-12 09:30 来源：县文明办</div>` +
			`<div class="content">` + body + `</div></div></body></html>`
	}
	for _, tc := range []struct {
		name, url, html string
		article         bool
	}{
		{"board 在线留言, first page", "http://www.qs.example.cn/message/", board("在线留言", 1), false},
		{"board 在线留言, page 2", "http://www.qs.example.cn/message/?page=2", board("在线留言", 2), false},
		{"board 网上留言", "http://www.qs.example.cn/guestbook/", board("网上留言", 1), false},
		{"board 留言咨询", "http://www.qs.example.cn/lyzx/", board("留言咨询", 1), false},
		{"article about a message board", "http://www.qs.example.cn/gzdt/215.html", article("县文明办开通网上留言板",
			`<p>5月12日，县文明办在青山县文明网开通网上留言板，广泛听取群众对文明城市创建工作的意见建议。</p><p>留言板开通后，群众可随时在线反映问题，县文明办将及时转交相关部门办理并答复。</p>`), true},
		{"a letter and its reply under its subject", "http://www.qs.example.cn/message/36.html", article("建议增设社区志愿服务站",
			`<p>留言内容：建议在第3社区增设志愿服务站，方便老年人就近获得帮助，丰富大家的业余文化生活。</p><p>答复内容：感谢您的建议，我们已转交相关部门，近期将安排志愿者走进社区。</p>`), true},
	} {
		u, _ := url.Parse(tc.url)
		r, err := Extract([]byte(tc.html), u)
		if err != nil {
			t.Fatal(err)
		}
		if r.IsArticle != tc.article {
			t.Errorf("%s: IsArticle = %v, want %v (title %q, published %v by %q)", tc.name, r.IsArticle, tc.article, r.Title, r.Published, r.Provenance[FieldPublished])
		}
	}
}
