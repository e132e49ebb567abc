package extract

import (
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/internal/cms"
)

// TestCMSTestPages checks that every CMS of package cms has its test
// pages: a golden article page under testdata/<cms>/ that is detected as
// that CMS and extracted as an article.
func TestCMSTestPages(t *testing.T) {
	for _, c := range cms.All {
		found := false
		for _, tc := range goldenCases {
			if !strings.HasPrefix(tc.file, c.Name+"/") || !tc.article || tc.gbk {
				continue
			}
			src, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			u, _ := url.Parse(tc.url)
			r, err := Extract(src, u)
			if err != nil {
				t.Fatalf("%s: %v", tc.file, err)
			}
			if r.Profile != c.Name {
				t.Errorf("%s: detected as %q, want %q", tc.file, r.Profile, c.Name)
				continue
			}
			found = true
		}
		if !found {
			t.Errorf("CMS %q has no golden article page under testdata/%s/ (goldenCases in extract_test.go)", c.Name, c.Name)
		}
	}
}

// TestCMSFieldRules runs the field rules of package cms that the golden
// pages leave untried (an editor line, a count element, a message page,
// elements left out of the body …) through applyCMS, on small pages of
// the real templates' shape.
func TestCMSFieldRules(t *testing.T) {
	para := "<p>3月18日，临西县道德讲堂走进河西镇社区，邀请身边好人讲述自己的故事，近百名居民参加。讲堂按照流程进行，现场气氛热烈，居民们深受教育。</p>"
	trs := `<html><head><title>标题一_中国文明网</title></head><body>
<div class="nav"><a class="CurrChnlCls" href="/">首页</a> &gt; <a class="CurrChnlCls" href="/a/">文明播报</a></div>
<div id="title_tex">标题一</div><div class="box_tex"><div id="time_tex">发布时间：2023-03-22 20:29 来源：中国文明网</div></div>
<div id="tex"><div class="TRS_Editor">` + para + `</div></div><div class="editor_tex">责任编辑：王五</div></body></html>`
	discuz := `<html><head><title>标题二 - 南宫文明网 - Powered by Discuz!</title></head><body>
<div id="pt"><div class="z"><a href="/">南宫文明网</a> › <a href="/list">文明创建</a> › 查看内容</div></div>
<div class="h"><h1 class="ph">标题二</h1><p class="xg1">2023-3-22 20:29| 发布者: admin| 查看: <em id="_viewnum">345</em>| 来源: 南宫市文明办</p></div>
<table><tr><td id="article_content">` + para + `<div class="o"><p>本文已被收藏128次，欢迎转发，分享给更多的朋友。</p></div></td></tr></table>MESSAGE</body></html>`
	vsb := `<html><head><title>标题三</title></head><body><h1>标题三</h1><p>发布时间：2023-03-22</p>
<div id="vsb_content"><div class="v_news_content">` + para + `</div></div><script>_showDynClicks("wbnews", 1234, 4201)</script></body></html>`
	post := func(pid int, who, when, text string) string {
		return `<div id="post_` + strconv.Itoa(pid) + `"><table id="pid` + strconv.Itoa(pid) + `" class="plhin"><tr><td class="pls"><div class="authi"><a href="home.php?mod=space&amp;uid=5">` + who + `</a></div></td>` +
			`<td class="plc"><div class="pi"><div class="authi"><a href="home.php?mod=space&amp;uid=5">` + who + `</a><em>发表于 ` + when + `</em></div></div>` +
			`<div class="t_fsz"><table><tr><td class="t_f" id="postmessage_` + strconv.Itoa(pid) + `">` + text + `</td></tr></table></div></td></tr></table></div>`
	}
	thread := `<html><head><meta name="generator" content="Discuz! X3.4"><title>小区楼道堆放杂物的问题 - 文明论坛 - 南宫文明网 - Powered by Discuz!</title></head><body>
<div id="pt"><div class="z"><a href="./">南宫文明网</a> › <a href="forum.php">论坛</a> › <a href="forum-2-1.html">文明论坛</a> › <a href="thread-88-1-1.html">小区楼道堆放杂物的问题</a></div></div>
<div id="postlist"><h1 class="ts"><span id="thread_subject">小区楼道堆放杂物的问题</span></h1>` +
		post(801, "居民甲", "2023-4-15 21:06", "我们小区好几个单元的楼道里都堆着旧家具和纸箱，既影响通行又有火灾隐患，希望物业和社区能组织清理一下，也请大家自觉把杂物搬走。") +
		post(802, "居民乙", "2023-4-15 22:10", "支持！我们楼也是这样，上次消防检查还专门提过，可一直没人管，希望这次能彻底解决。") + `</div></body></html>`
	blog := strings.NewReplacer("标题二 - ", "志愿服务日记 - ", `<h1 class="ph">标题二</h1>`, `<h1 class="ph">志愿服务日记</h1>`, "MESSAGE", "").Replace(discuz)
	const (
		trsURL    = "http://www.wenming.cn/a/202303/t20230322_1.shtml"
		discuzURL = "http://www.ngwm.gov.cn/portal.php?mod=view&aid=9"
	)
	type want struct {
		field, value, prov string
	}
	for _, tc := range []struct {
		name, src, url string
		article        bool
		want           []want
		notInBody      string
	}{
		{"trs editor, source and crumbs", trs, trsURL, true, []want{
			{FieldEditor, "王五", "trs: .editor_tex"},
			{FieldSource, "中国文明网", "trs: #time_tex label 来源"},
			{FieldColumn, "文明播报", "trs: a.CurrChnlCls"},
			{FieldPublished, "2023-03-22 20:29", "trs: #time_tex label 发布时间"},
		}, "责任编辑"},
		{"trs date from the URL", strings.Replace(trs, "发布时间：2023-03-22 20:29 ", "", 1), trsURL, true, []want{
			{FieldPublished, "2023-03-22 00:00", "url: tYYYYMMDD"},
		}, ""},
		{"discuz count element, action bar left out", strings.Replace(discuz, "MESSAGE", "", 1), discuzURL, true, []want{
			{FieldViews, "345", "discuz: #_viewnum"},
			{FieldColumn, "文明创建", "discuz: profile rule"},
			{FieldSource, "南宫市文明办", "discuz: profile rule"},
			{FieldTitle, "标题二", "discuz: h1.ph"},
		}, "收藏"},
		{"discuz count label", strings.NewReplacer("MESSAGE", "", `<em id="_viewnum">345</em>`, "345").Replace(discuz), discuzURL, true, []want{
			{FieldViews, "345", "discuz: p.xg1 label"},
		}, ""},
		// The install's community beside its portal is never an article:
		// a forum thread in any of its URL forms and views, a member's
		// 日志, the Archiver (the portal's article markup at such a URL
		// too).
		{"discuz forum thread", thread, "http://www.ngwm.gov.cn/forum.php?mod=viewthread&tid=88&extra=page%3D1", false, nil, ""},
		{"discuz forum thread, rewritten", thread, "http://www.ngwm.gov.cn/thread-88-1-1.html", false, nil, ""},
		{"discuz forum thread, rewritten, touch template", thread, "http://www.ngwm.gov.cn/thread-88-1-1.html?mobile=2", false, nil, ""},
		{"discuz forum thread, print view", thread, "http://www.ngwm.gov.cn/forum.php?mod=viewthread&action=printable&tid=88", false, nil, ""},
		{"discuz forum thread, Archiver", thread, "http://www.ngwm.gov.cn/archiver/?tid-88.html", false, nil, ""},
		{"discuz forum thread, installed under /bbs/", thread, "http://www.ngwm.gov.cn/bbs/forum.php?mod=viewthread&tid=88", false, nil, ""},
		{"discuz member's blog entry", blog, "http://www.ngwm.gov.cn/home.php?mod=space&uid=5&do=blog&id=12", false, nil, ""},
		{"discuz article's comments", strings.Replace(blog, `<td id="article_content">`, `<td id="comment_ul">`, 1), "http://www.ngwm.gov.cn/portal.php?mod=comment&id=9&idtype=aid", false, nil, ""},
		{"discuz portal article, touch template", blog, "http://www.ngwm.gov.cn/portal.php?mod=view&aid=9&mobile=2", true, nil, ""},
		{"discuz message page", strings.Replace(discuz, "MESSAGE", `<div id="messagetext"><p>抱歉，指定的文章不存在或已被删除。</p></div>`, 1), discuzURL, false, nil, ""},
		{"trs meta date", strings.Replace(trs, "发布时间：2023-03-22 20:29 ", "", 1) + `<meta name="publishdate" content="2023-03-20">`,
			"http://www.wenming.cn/a/zt/12.shtml", true, []want{{FieldPublished, "2023-03-20 00:00", "trs: meta publishdate"}}, ""},
		{"trs info box around the time line", strings.Replace(trs, `</div></div>`, `</div><span>作者：张三</span></div>`, 1), trsURL, true, []want{
			{FieldAuthor, "张三", "trs: profile rule"},
		}, ""},
		{"trs list page", strings.Replace(trs, `<div id="title_tex">标题一</div>`, `<h1>标题一</h1>`, 1), "http://www.wenming.cn/a/index_2.shtml", false, nil, ""},
		{"trs article with dated lines and a pager", strings.NewReplacer("</body>", `<script>createPageHTML(2, 0, "t20230322_1", "shtml");</script></body>`,
			para, para+"<p>2023-03-01 启动仪式</p><p>2023-03-08 志愿服务</p><p>2023-03-15 道德讲堂</p>").Replace(trs), trsURL, true, nil, ""},
		{"discuz info line in the header", strings.NewReplacer("MESSAGE", "", `<div id="pt">`, `<nav><p class="xg1">2020-01-01 网站公告</p></nav><div id="pt">`).Replace(discuz), discuzURL, true, []want{
			{FieldPublished, "2023-03-22 20:29", "generic: label …发表"}, // the line in the nav is not it
		}, ""},
		{"empirecms article URL", `<html><head><title>标题四</title></head><body><div id="text">` + para + `</div><script src="/e/public/ViewClick/?classid=2&id=12&addclick=1"></script></body></html>`,
			"http://www.wxwmw.gov.cn/news/2023-03-22/12.html", true, nil, ""},
		// Its markup's names unquoted (<div id=tex>), as hand-edited
		// templates write them, at a host and URL that do not say TRS.
		{"trs body, unquoted id", `<html><head><title>标题五_中国文明网</title></head><body><h1>标题五</h1><p>发布时间：2023-03-22</p><div class=side><input type=text name=q></div><div id=tex>` + para + `</div></body></html>`, "http://www.xx.gov.cn/news/12.html", true, []want{
			{FieldBody, "", "trs: #tex"},
		}, ""},
		{"vsb body", vsb, "http://www.ltwmw.gov.cn/info/1041/4201.htm", true, []want{
			{FieldBody, "", "vsb: #vsb_content .v_news_content"},
		}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, _ := url.Parse(tc.url)
			r, err := Extract([]byte(tc.src), u)
			if err != nil {
				t.Fatal(err)
			}
			if r.IsArticle != tc.article {
				t.Errorf("IsArticle = %v, want %v (profile %s)", r.IsArticle, tc.article, r.Profile)
			}
			for _, w := range tc.want {
				got := map[string]string{FieldTitle: r.Title, FieldEditor: r.Editor, FieldSource: r.Source, FieldAuthor: r.Author, FieldColumn: r.Column}[w.field]
				switch w.field {
				case FieldViews:
					if r.Views != nil {
						got = strconv.FormatInt(*r.Views, 10)
					}
				case FieldPublished:
					got = r.Published.Format("2006-01-02 15:04")
				}
				if w.value != "" && got != w.value {
					t.Errorf("%s = %q, want %q", w.field, got, w.value)
				}
				if p := r.Provenance[w.field]; p != w.prov {
					t.Errorf("%s provenance = %q, want %q", w.field, p, w.prov)
				}
			}
			if tc.notInBody != "" && strings.Contains(r.Body, tc.notInBody) {
				t.Errorf("body holds %q: %q", tc.notInBody, r.Body)
			}
		})
	}
}

// TestInfoBoxEndsAtBody: a CMS's info box that holds the whole article
// (TRS's div.box_tex: title, info line, text, editor) gives the info
// line's fields only from what stands before the text: a "作者：" inside
// the text named the author "课" (from 作者：课题组整理).
func TestInfoBoxEndsAtBody(t *testing.T) {
	r := extractClassPage(t, "trs_box_source_in_text.html", "http://www.wenming.cn/a/yw/202303/t20230322_6123456.shtml")
	checkFields(t,
		wantField{"profile", r.Profile, "trs"},
		wantField{"published", r.Published.Format("2006-01-02"), "2023-03-22"},
		wantField{"source", r.Source, "中国文明网"},
		wantField{"editor", r.Editor, "李丽"})
	if r.Author != "" {
		t.Errorf("author %q, want none: the text's 作者： is no info line's", r.Author)
	}
}
