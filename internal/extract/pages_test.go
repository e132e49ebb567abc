package extract

import (
	"fmt"
	"net/url"
	"reflect"
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

// TestLabelValueBeforeViewLabel: every view-count label ends the value
// before it, as the other labels of an info line do ("信息来源：某县文明办
// 访问次数：215").
func TestLabelValueBeforeViewLabel(t *testing.T) {
	for _, l := range viewLabels {
		text := "发布时间：2024-04-16 09:42 信息来源：河口区文明办 " + l + "：215"
		if got := labelValue(text, sourceLabels); got != "河口区文明办" {
			t.Errorf("labelValue(%q, sources) = %q, want 河口区文明办", text, got)
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
		{`size="20"`, ""},               // what an unclosed tag left in the text
		{"人民日报 海外版", "人民日报 海外版"},        // a space inside a name stays
		{"来源中国", "来源中国"},                // no colon: no label
		{"来源：江城网-文化频道 原创稿", "江城网-文化频道"}, // a tag on the copy
		{"江城日报 转载", "江城日报"},
		{"原创稿", "原创稿"}, // no name before it: left as it is
	} {
		if got := sourceValue(tt.in); got != tt.want {
			t.Errorf("sourceValue(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestNumberedPages checks the multi-page articles of CMSs no rule knows
// (page 1 at STEM.html, page k at STEM_k.html, a pager of numbers after the
// text), and the pages that only look so: an article whose id ends in _N,
// a column list's pager, links to STEM_k.html that no pager text names.
func TestNumberedPages(t *testing.T) {
	article := func(title, body, pager string) string {
		return `<html><head><meta charset="utf-8"><title>` + title + `_某县文明网</title></head><body>` +
			`<div class="nav"><a href="/">首页</a> <a href="/xwzx/">新闻中心</a></div>` +
			`<div class="article"><h1>` + title + `</h1><div class="info">发布时间：2024-05-12 10:00 来源：县文明办</div>` +
			`<div class="content">` + body + `</div>` + pager + `</div><div class="footer">版权所有 某县文明网</div></body></html>`
	}
	para := `<p>5月12日，城关镇组织志愿者深入社区，开展“文明实践我先行”主题活动，引导群众积极参与文明创建，受到居民好评。</p>` +
		`<p>活动中，志愿者们清理卫生死角，宣传垃圾分类知识，为老年人提供健康咨询服务，现场气氛热烈。</p>`
	pager := func(cur int) string {
		b := `<div class="pagelist">`
		for k := 1; k <= 3; k++ {
			ref := "123.html"
			if k > 1 {
				ref = fmt.Sprintf("123_%d.html", k)
			}
			if k == cur {
				b += fmt.Sprintf(`<b>%d</b> `, k)
			} else {
				b += fmt.Sprintf(`<a href="%s">%d</a> `, ref, k)
			}
		}
		if cur < 3 {
			b += fmt.Sprintf(`<a href="123_%d.html">下一页</a>`, cur+1)
		}
		return b + `</div>`
	}
	related := `<div class="related"><a href="124.html">县文明办召开志愿服务工作推进会</a> <a href="123_9.html">第九届道德模范评选揭晓</a></div>`
	tests := []struct {
		name, url, html string
		next            []string
		first           string
	}{
		{"page 1", "http://www.xx.gov.cn/xwzx/2024/0512/123.html", article("城关镇开展文明实践活动", para, pager(1)),
			[]string{"http://www.xx.gov.cn/xwzx/2024/0512/123_2.html", "http://www.xx.gov.cn/xwzx/2024/0512/123_3.html"}, ""},
		{"page 2", "http://www.xx.gov.cn/xwzx/2024/0512/123_2.html", article("城关镇开展文明实践活动", para, pager(2)),
			nil, "http://www.xx.gov.cn/xwzx/2024/0512/123.html"},
		{"an id ending in _N, no pager", "http://www.xx.gov.cn/art/2024/5/12/art_1229_567.html", article("城关镇开展文明实践活动", para, ""),
			nil, ""},
		{"links of that form without pager text", "http://www.xx.gov.cn/xwzx/2024/0512/123.html", article("城关镇开展文明实践活动", para, related),
			nil, ""},
		// A Java portal's .jhtml pages (JEECMS: 123.jhtml, 123_2.jhtml),
		// their links carrying the session of a client without cookies.
		{"jhtml form with session path parameters, page 1", "http://www.xx.gov.cn/xwdt/123.jhtml", article("城关镇开展文明实践活动", para,
			`<div class="pagebar"><strong>1</strong> <a href="/xwdt/123_2.jhtml;jsessionid=9F3A0C">2</a> <a href="/xwdt/123_2.jhtml;jsessionid=9F3A0C">下一页</a></div>`),
			[]string{"http://www.xx.gov.cn/xwdt/123_2.jhtml;jsessionid=9F3A0C"}, ""},
		{"jhtml form with session path parameters, page 2", "http://www.xx.gov.cn/xwdt/123_2.jhtml", article("城关镇开展文明实践活动", para,
			`<div class="pagebar"><a href="/xwdt/123.jhtml;jsessionid=9F3A0C">上一页</a> <a href="/xwdt/123.jhtml;jsessionid=9F3A0C">1</a> <strong>2</strong></div>`),
			nil, "http://www.xx.gov.cn/xwdt/123.jhtml;jsessionid=9F3A0C"},
		// Page 1 under a dynamic form whose pager links the static
		// form's pages 2…: its own number names the article.
		{"dynamic form of page 1, the pager linking the static pages", "http://www.xx.gov.cn/content.jspx?contentId=123", article("城关镇开展文明实践活动", para,
			`<div class="pagebar"><strong>1</strong> <a href="/xwdt/123_2.jhtml">2</a> <a href="/xwdt/123_2.jhtml">下一页</a></div>`),
			[]string{"http://www.xx.gov.cn/xwdt/123_2.jhtml"}, ""},
		{"static page 1 with a query, the pager linking its pages", "http://www.xx.gov.cn/xwdt/123.jhtml?channelId=7", article("城关镇开展文明实践活动", para,
			`<div class="pagebar"><strong>1</strong> <a href="/xwdt/123_2.jhtml">2</a></div>`),
			[]string{"http://www.xx.gov.cn/xwdt/123_2.jhtml"}, ""},
		{"a pager of pages of another number", "http://www.xx.gov.cn/content.jspx?contentId=124", article("城关镇开展文明实践活动", para,
			`<div class="pagebar"><strong>1</strong> <a href="/xwdt/123_2.jhtml">2</a></div>`),
			nil, ""},
		{"a pager linking another form's page 1 too", "http://www.xx.gov.cn/content.jspx?contentId=123", article("城关镇开展文明实践活动", para,
			`<div class="pagebar"><a href="/xwdt/123.jhtml">1</a> <a href="/xwdt/123_2.jhtml">2</a></div>`),
			nil, ""},
		// A post's directory and k/ below it (a blog engine's pages of a post).
		{"directory form, page 1", "http://www.xx.gov.cn/2024/05/12/wmsj/", article("城关镇开展文明实践活动", para,
			`<div class="page-links">页面： <span>1</span> <a href="/2024/05/12/wmsj/2/">2</a> <a href="3/">3</a></div>`),
			[]string{"http://www.xx.gov.cn/2024/05/12/wmsj/2/", "http://www.xx.gov.cn/2024/05/12/wmsj/3/"}, ""},
		{"directory form, page 2", "http://www.xx.gov.cn/2024/05/12/wmsj/2/", article("城关镇开展文明实践活动", para,
			`<div class="page-links">页面： <a href="/2024/05/12/wmsj/">1</a> <span>2</span> <a href="/2024/05/12/wmsj/3/">3</a></div>`),
			nil, "http://www.xx.gov.cn/2024/05/12/wmsj/"},
		{"directory form: an article numbered like a page, the site's home linked", "http://www.xx.gov.cn/news/12/", article("城关镇开展文明实践活动", para,
			`<div class="bar"><a href="/news/">首页</a></div>`), nil, ""},
		// The same URL with a page parameter.
		{"query form, page 1", "http://www.xx.gov.cn/?p=128", article("城关镇开展文明实践活动", para,
			`<div class="page-links"><span>1</span> <a href="/?p=128&amp;page=2">2</a> <a href="/?p=129">下一页</a></div>`),
			[]string{"http://www.xx.gov.cn/?p=128&page=2"}, ""},
		{"query form, page 2", "http://www.xx.gov.cn/show.php?id=5&pn=2", article("城关镇开展文明实践活动", para,
			`<div class="pages"><a href="show.php?id=5">上一页</a> <a href="show.php?id=5&amp;pn=3">3</a></div>`),
			nil, "http://www.xx.gov.cn/show.php?id=5"},
		{"query form: comment pages are no pages of the article", "http://www.xx.gov.cn/?p=128", article("城关镇开展文明实践活动", para,
			`<div class="comment-nav"><a href="/?p=128&amp;cpage=2">2</a></div>`), nil, ""},
		// Pager words in brackets, as PowerEasy writes them ([NextPage]
		// pages: N_2.html, or ShowArticle.asp?ArticleID=N&ArticlePage=2).
		{"bracketed pager, static page 1", "http://www.xx.gov.cn/Article/HTML/300.html", article("城关镇开展文明实践活动", para,
			`<p align="center"><b><font color="red">【1】</font> <a href="300_2.html">【2】</a> <a href="300_2.html">【下一页】</a></b></p>`),
			[]string{"http://www.xx.gov.cn/Article/HTML/300_2.html"}, ""},
		{"bracketed pager, dynamic page 2", "http://www.xx.gov.cn/Article/ShowArticle.asp?ArticleID=300&ArticlePage=2", article("城关镇开展文明实践活动", para,
			`<p align="center"><b><a href="ShowArticle.asp?ArticleID=300&amp;ArticlePage=1">【1】</a> <font color="red">【2】</font></b></p>`),
			nil, "http://www.xx.gov.cn/Article/ShowArticle.asp?ArticleID=300&ArticlePage=1"},
		{"pager in another case than the page's URL (IIS)", "http://www.xx.gov.cn/article/showarticle.asp?articleid=300&articlepage=2", article("城关镇开展文明实践活动", para,
			`<p align="center"><b><a href="ShowArticle.asp?ArticleID=300&amp;ArticlePage=1">【1】</a> <font color="red">【2】</font></b></p>`),
			nil, "http://www.xx.gov.cn/article/ShowArticle.asp?ArticleID=300&ArticlePage=1"},
		{"bracketed pager, dynamic page 1", "http://www.xx.gov.cn/Article/ShowArticle.asp?ArticleID=300", article("城关镇开展文明实践活动", para,
			`<p align="center"><b><font color="red">【1】</font> <a href="ShowArticle.asp?ArticleID=300&amp;ArticlePage=2">【2】</a> <a href="ShowArticle.asp?ArticleID=300&amp;ArticlePage=2">【下一页】</a></b></p>`),
			[]string{"http://www.xx.gov.cn/Article/ShowArticle.asp?ArticleID=300&ArticlePage=2"}, ""},
	}
	for _, tc := range tests {
		u, _ := url.Parse(tc.url)
		r, err := Extract([]byte(tc.html), u)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(r.NextPages, tc.next) || r.FirstPage != tc.first || r.Continuation != (tc.first != "") {
			t.Errorf("%s: NextPages %v, Continuation %v FirstPage %q; want %v, %q", tc.name, r.NextPages, r.Continuation, r.FirstPage, tc.next, tc.first)
		}
	}
	// A column list's pager is the crawler's: no pages of an article.
	list := `<html><head><title>新闻中心_某县文明网</title></head><body><ul>` +
		`<li><a href="/xwzx/2024/0512/123.html">城关镇开展文明实践活动</a> 2024-05-12</li>` +
		`<li><a href="/xwzx/2024/0510/120.html">县文明办召开志愿服务工作推进会</a> 2024-05-10</li></ul>` +
		`<div class="pagelist"><b>1</b> <a href="index_2.html">2</a> <a href="index_2.html">下一页</a></div></body></html>`
	u, _ := url.Parse("http://www.xx.gov.cn/xwzx/index.html")
	r, err := Extract([]byte(list), u)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.NextPages) != 0 || r.Continuation {
		t.Errorf("list page: NextPages %v Continuation %v", r.NextPages, r.Continuation)
	}
}

// TestMaxPagerRunes: numberedPages skips a link with more visible runes
// than maxPagerRunes without reading its text, so no pager word may have
// more: the longest forms pagerWordRe takes are at the bound.
func TestMaxPagerRunes(t *testing.T) {
	most := 0
	for _, s := range []string{"【第123页】", "［第 12 页］", "[下一页]", "【前一页】", "123", "[«]", "第1页"} {
		if !pagerWordRe.MatchString(s) {
			t.Fatalf("%q is no pager word", s)
		}
		most = max(most, countVisible(s))
	}
	if most != maxPagerRunes {
		t.Errorf("the longest pager words have %d visible runes, maxPagerRunes is %d", most, maxPagerRunes)
	}
	if pagerWordRe.MatchString("【第1234页】") || pagerWordRe.MatchString("[[下一页]]") {
		t.Errorf("pagerWordRe takes a word longer than its longest forms")
	}
}
