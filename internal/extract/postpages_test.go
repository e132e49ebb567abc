package extract

import (
	"net/url"
	"reflect"
	"testing"
)

// TestPostPagesWithoutTrailingSlash checks the pages of a post whose
// permalinks end in neither a slash nor an extension (WordPress's
// /archives/%post_id%: page k of its <!--nextpage--> at /archives/205/k),
// the post's page under a comment-reply query, and a post numbered like a
// page under a bare word, which is no page.
func TestPostPagesWithoutTrailingSlash(t *testing.T) {
	article := func(pager string) string {
		return `<html><head><meta charset="utf-8"><title>城关镇开展文明实践活动 – 某县文明网</title></head><body>` +
			`<div class="nav"><a href="/">首页</a> <a href="/category/wmsj/">文明实践</a></div>` +
			`<article><h1 class="entry-title">城关镇开展文明实践活动</h1><div class="entry-meta">发布于 2024年5月12日</div>` +
			`<div class="entry-content"><p>5月12日，城关镇组织志愿者深入社区，开展“文明实践我先行”主题活动，引导群众积极参与文明创建，受到居民好评。</p>` +
			`<p>活动中，志愿者们清理卫生死角，宣传垃圾分类知识，为老年人提供健康咨询服务，现场气氛热烈。</p>` + pager + `</div></article>` +
			`<div class="footer">版权所有 某县文明网</div></body></html>`
	}
	tests := []struct {
		name, url, pager string
		next             []string
		first            string
	}{
		{"page 1", "http://www.xx.gov.cn/archives/205",
			`<div class="page-links">页面： <span class="current">1</span> <a href="http://www.xx.gov.cn/archives/205/2">2</a></div>`,
			[]string{"http://www.xx.gov.cn/archives/205/2"}, ""},
		{"page 2", "http://www.xx.gov.cn/archives/205/2",
			`<div class="page-links">页面： <a href="http://www.xx.gov.cn/archives/205">1</a> <span class="current">2</span></div>`,
			nil, "http://www.xx.gov.cn/archives/205"},
		{"page 1 under a comment-reply query", "http://www.xx.gov.cn/archives/205?replytocom=2051",
			`<div class="page-links">页面： <span class="current">1</span> <a href="http://www.xx.gov.cn/archives/205/2">2</a></div>`,
			[]string{"http://www.xx.gov.cn/archives/205/2"}, ""},
		{"a slug's pages", "http://www.xx.gov.cn/2024/05/12/wmsj-hd",
			`<div class="page-links"><span>1</span> <a href="/2024/05/12/wmsj-hd/2">2</a> <a href="/2024/05/12/wmsj-hd/3">3</a></div>`,
			[]string{"http://www.xx.gov.cn/2024/05/12/wmsj-hd/2", "http://www.xx.gov.cn/2024/05/12/wmsj-hd/3"}, ""},
		{"posts under a bare word are no pages of each other", "http://www.xx.gov.cn/news/2",
			`<div class="nav-links"><a href="/news/1">1</a> <a href="/news/3">3</a></div>`, nil, ""},
	}
	for _, tc := range tests {
		u, _ := url.Parse(tc.url)
		r, err := Extract([]byte(article(tc.pager)), u)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(r.NextPages, tc.next) || r.FirstPage != tc.first || r.Continuation != (tc.first != "") {
			t.Errorf("%s: NextPages %v, Continuation %v FirstPage %q; want %v, %q", tc.name, r.NextPages, r.Continuation, r.FirstPage, tc.next, tc.first)
		}
	}
}
