package extract

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

func TestTitleSubtitleDash(t *testing.T) {
	tests := map[string]string{ // <title> → article title
		"扎根基层默默奉献的“老黄牛”——记蓝田县出租车司机张明-蓝田文明网":  "扎根基层默默奉献的“老黄牛”——记蓝田县出租车司机张明",
		"好人李芳：照料婆婆十八年——记河西镇村民李芳_临西好人_临西文明网":  "好人李芳：照料婆婆十八年——记河西镇村民李芳",
		"照顾患病丈夫不离不弃——记环卫工人梁超 - 身边好人 - 巨鹿文明网": "照顾患病丈夫不离不弃——记环卫工人梁超",
		"“文明实践”进社区——访志愿者王红|清河文明网":            "“文明实践”进社区——访志愿者王红",
		"临西县召开精神文明建设工作会议——临西文明网":             "临西县召开精神文明建设工作会议",
		"临西县召开精神文明建设工作会议 — 临西文明网":            "临西县召开精神文明建设工作会议",
		"2023-2024学年文明校园创建总结_工作动态_威县文明网":     "2023-2024学年文明校园创建总结",
		"让文明之花处处绽放──访“身边好人”刘强――记者手记_中国文明网":   "让文明之花处处绽放──访“身边好人”刘强――记者手记",
	}
	for in, want := range tests {
		p, err := newPage([]byte("<html><head><title>"+in+"</title></head><body></body></html>"), nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.titleFromHTMLTitle(); got != want {
			t.Errorf("title of %q = %q, want %q", in, got, want)
		}
	}
}

func TestDateTrapsAcrossLines(t *testing.T) {
	tests := map[string]string{ // info text → date ("" = none)
		// A title ending in 会议/活动 on the line above labels nothing.
		"巨鹿县召开2026年精神文明建设工作会议\n2026-05-28 10:00:00 来源：本站": "2026-05-28 10:00",
		"开展“爱国卫生运动”主题活动\n2022-08-09 09:30 来源：本站原创":        "2022-08-09 09:30",
		// A label ending the line before with a colon still does.
		"成文日期：\n2022-01-27": "",
		"会议时间:\n2023-03-01": "",
		// A page's upkeep stamp is not a publish time.
		"本页更新时间：2023年09月01日":    "",
		"网站最后更新：2023-09-01":     "",
		"更新时间：2023-09-01 08:00": "2023-09-01 08:00",
	}
	for in, want := range tests {
		got := minuteOf(labeledDate(fold(in)))
		if got == "" {
			got = minuteOf(ParseDate(in))
		}
		if got != want {
			t.Errorf("date of %q = %q, want %q", in, got, want)
		}
	}
}

func TestDropLeadSummary(t *testing.T) {
	para := "近日，观寨乡举办了“移风易俗”志愿服务活动，志愿者走村入户宣传婚事新办、丧事简办。截至目前，全乡已累计开展各类志愿服务活动75场次。"
	next := "活动中，工作人员通过发放宣传资料、现场讲解等方式，向群众宣传移风易俗的重要意义。"
	tests := []dropCase{
		{"whole description", []string{para, para, next}, []string{para, next}},
		{"cut with ...", []string{string([]rune(para)[:40]) + "...", para, next}, []string{para, next}},
		{"cut with …", []string{string([]rune(para)[:30]) + "……", para, next}, []string{para, next}},
		{"over two paragraphs", []string{"第一段说明情况。" + strings.Repeat("第二段", 6) + "...", "第一段说明情况。", strings.Repeat("第二段", 9)},
			[]string{"第一段说明情况。", strings.Repeat("第二段", 9)}},
		{"short heading kept", []string{"近日，观寨乡举办了", para}, []string{"近日，观寨乡举办了", para}},
		{"different lead kept", []string{next, para}, []string{next, para}},
		{"after the info line", []string{"来源：本站", para, para, next}, []string{"来源：本站", para, next}},
	}
	checkDrops(t, dropLeadSummary, tests)
}

func TestIsCard(t *testing.T) {
	tests := map[string]bool{
		"主办单位：巨鹿县精神文明建设委员会办公室\n联系电话：0319-4321234\n投稿邮箱：jlwmb@163.com": true,
		"地址：临西县人民路1号\n邮编：054900":                                      true,
		"主办单位：巨鹿县文明办":                                                 false,
		"时间：3月5日上午\n地点：县文化广场\n参加人员：全县志愿者代表200余人。":                     false,
		"3月15日，巨鹿县召开身边好人表彰会。\n会议号召全县干部群众向身边好人学习。":                     false,
	}
	for in, want := range tests {
		if got := isCard(in); got != want {
			t.Errorf("isCard(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestNotArticlePages checks pages that carry a date and some text but are
// not articles, and the short articles that must stay articles.
func TestNotArticlePages(t *testing.T) {
	const head = `<html><head><meta charset="utf-8"><title>%s_清河文明网</title></head><body>` +
		`<div class="header"><a href="/">清河文明网</a></div>`
	const foot = `<div class="footer"><p>版权所有 清河文明网 更新时间：2023-10-29</p></div></body></html>`
	page := func(title, main string) string { return strings.Replace(head, "%s", title, 1) + main + foot }
	tests := []struct {
		name, url, html string
		article         bool
	}{
		{"contact card under another title", "http://www.qhwmw.gov.cn/about/2.html", page("办公地址",
			`<div class="about"><h2>办公地址</h2><p>主办单位：清河县精神文明建设委员会办公室</p><p>地址：清河县人民路1号</p>`+
				`<p>邮编：054800</p><p>发布时间：2023-09-01</p></div>`), false},
		{"list of two dated items", "http://www.qhwmw.gov.cn/news/", page("新闻动态",
			`<div class="listbox"><ul>`+
				`<li><a href="/news/2023-03-21/12.html">清河县开展文明交通志愿服务活动</a><span>日期：2023-03-21</span>`+
				`<p>3月21日，清河县文明办组织志愿者在县城主要路口开展文明交通劝导，引导群众自觉遵守交通法规……</p></li>`+
				`<li><a href="/news/2023-03-18/11.html">清河县道德讲堂走进社区</a><span>日期：2023-03-18</span>`+
				`<p>3月18日，清河县道德讲堂走进河西社区，邀请身边好人讲述自己的故事，近百名居民参加……</p></li>`+
				`</ul></div>`), false},
		{"date only in the footer", "http://www.qhwmw.gov.cn/zt/wmcj.html", page("文明创建",
			`<div class="content"><h1>文明创建</h1><p>文明创建工作是一项系统工程，需要全社会共同参与。清河县坚持以人民为中心，`+
				`把文明创建与乡村振兴、基层治理紧密结合，推动文明创建向纵深发展。</p></div>`), false},
		{"last page of a list of entries written as <article>s", "http://www.qhwmw.gov.cn/category/news/page/3/", page("分类：文明动态",
			`<main class="site-main"><header class="page-header"><h1 class="page-title">分类：文明动态</h1></header>`+
				`<article class="post-112 post"><h2 class="entry-title"><a href="/2023/03/21/112/">清河县开展文明交通志愿服务活动</a></h2>`+
				`<time class="entry-date" datetime="2023-03-21T09:00:00+08:00">2023年3月21日</time>`+
				`<div class="entry-summary"><p>3月21日，清河县文明办组织志愿者在县城主要路口开展文明交通劝导，引导群众自觉遵守交通法规…</p></div></article>`+
				`<article class="post-111 post"><h2 class="entry-title"><a href="/2023/03/18/111/">清河县道德讲堂走进社区</a></h2>`+
				`<time class="entry-date" datetime="2023-03-18T09:00:00+08:00">2023年3月18日</time>`+
				`<div class="entry-summary"><p>3月18日，清河县道德讲堂走进河西社区，邀请身边好人讲述自己的故事，近百名居民参加…</p></div></article>`+
				`<nav class="navigation pagination"><a class="page-numbers" href="/category/news/">1</a> <a class="page-numbers" href="/category/news/page/2/">2</a> <span class="page-numbers current">3</span></nav></main>`), false},
		{"archive of whole posts (a theme that shows each post's full text)", "http://www.qhwmw.gov.cn/category/news/",
			page("分类：文明动态", `<main class="site-main"><header class="page-header"><h1 class="page-title">分类：文明动态</h1></header>`+
				wholePost(112, "清河县开展文明交通志愿服务活动")+wholePost(111, "清河县道德讲堂走进社区")+`</main>`), false},
		{"day archive of one whole post", "http://www.qhwmw.gov.cn/2023/03/21/",
			page("2023年3月21日", `<main class="site-main"><header class="page-header"><h1 class="page-title">日：2023年3月21日</h1></header>`+
				wholePost(112, "清河县开展文明交通志愿服务活动")+`</main>`), false},
		{"whole post under a second URL, its heading linking to its permalink", "http://www.qhwmw.gov.cn/?p=112",
			page("清河县开展文明交通志愿服务活动", `<main class="site-main">`+wholePost(112, "清河县开展文明交通志愿服务活动")+`</main>`), true},
		{"article whose heading links to itself, related posts as <article>s", "http://www.qhwmw.gov.cn/2023/03/22/113/",
			page("清河县表彰十名身边好人", `<main><article class="post-113 post"><h1 class="entry-title"><a href="/2023/03/22/113/">清河县表彰十名身边好人</a></h1>`+
				`<div class="entry-meta"><time datetime="2023-03-22T16:45:00+08:00">2023年3月22日 16:45</time></div>`+
				`<div class="entry-content"><p>3月22日，清河县召开身边好人表彰会，对10名身边好人进行表彰。</p>`+
				`<p>会议号召全县干部群众向身边好人学习，争做文明有礼清河人，推动形成崇德向善的良好风尚。</p></div></article>`+
				`<section class="related"><article class="post-112"><h3><a href="/2023/03/21/112/">清河县开展文明交通志愿服务活动</a></h3></article>`+
				`<article class="post-111"><h3><a href="/2023/03/18/111/">清河县道德讲堂走进社区</a></h3></article></section></main>`), true},
		{"scanned notice: pictures only", "http://www.qhwmw.gov.cn/tzgg/2024-06-03/5.html", page("关于开展最美家庭评选活动的通知",
			`<div class="news_show"><h1>关于开展最美家庭评选活动的通知</h1><div class="info">发布时间：2024-06-03 11:20 来源：县妇联</div>`+
				`<div class="newstext"><p><img src="/uploads/2024/06/tz1.jpg" width="700" alt=""></p><p><img src="/uploads/2024/06/tz2.jpg" alt=""></p></div></div>`), true},
		{"icons and a thumbnail link only", "http://www.qhwmw.gov.cn/tzgg/2024-06-03/6.html", page("关于开展最美家庭评选活动的通知",
			`<div class="news_show"><h1>关于开展最美家庭评选活动的通知</h1><div class="info">发布时间：2024-06-03 11:20 来源：县妇联</div>`+
				`<div class="newstext"><p><img src="/img/print.png" width="16" height="16"><img src="/img/line.gif"></p>`+
				`<p><a href="/tzgg/2024-06-01/4.html"><img src="/uploads/2024/06/thumb.jpg"></a></p></div></div>`), false},
		{"article whose title holds 500 and 错误", "http://www.qhwmw.gov.cn/news/2023-03-23/14.html", page("我县500名志愿者参与纠正错误停车行为",
			`<div class="news_show"><h1>我县500名志愿者参与纠正错误停车行为</h1><div class="info">发布时间：2023-03-23 09:00</div>`+
				`<div class="newstext"><p>3月22日，我县500名志愿者走上街头，劝导纠正乱停乱放等错误停车行为，引导市民文明出行。</p></div></div>`), true},
		{"article whose <article> opens with its column's name linked as a heading", "http://www.qhwmw.gov.cn/wmsj/2023-03-24/15.html",
			page("清河县新时代文明实践中心揭牌", `<article class="detail"><h2 class="column"><a href="/wmsj/">新时代文明实践动态</a></h2>`+
				`<h1>清河县新时代文明实践中心揭牌</h1><div class="info">发布时间：2023-03-24 10:00</div>`+
				`<div class="text"><p>3月24日，清河县新时代文明实践中心正式揭牌，标志着全县文明实践工作进入新阶段。</p></div></article>`), true},
		{"short article", "http://www.qhwmw.gov.cn/news/2023-03-21/12.html", page("清河县表彰身边好人",
			`<div class="news_show"><h1>清河县表彰身边好人</h1><div class="info">发布时间：2023-03-21 16:45 来源：清河县文明办</div>`+
				`<div class="newstext"><p>3月21日，清河县召开身边好人表彰会，对10名身边好人进行表彰，号召全县干部群众向他们学习。</p></div></div>`), true},
		{"short article titled like a subtitle", "http://www.qhwmw.gov.cn/news/2023-03-22/13.html",
			strings.Replace(page("x", `<div class="news_show"><h1>照顾患病丈夫不离不弃——记环卫工人梁超</h1>`+
				`<div class="info">发布时间：2023-03-22 09:00</div><div class="newstext"><p>梁超，女，今年52岁，是一名环卫工人。`+
				`她照顾患病丈夫和年迈公婆不离不弃，事迹在当地传为佳话。</p></div></div>`), "x_清河文明网", "照顾患病丈夫不离不弃——记环卫工人梁超_清河文明网", 1), true},
	}
	for _, tc := range tests {
		u, _ := url.Parse(tc.url)
		r, err := Extract([]byte(tc.html), u)
		if err != nil {
			t.Fatal(err)
		}
		if r.IsArticle != tc.article {
			t.Errorf("%s: IsArticle = %v, want %v (title %q, published %v by %q, body %q)", tc.name, r.IsArticle, tc.article,
				r.Title, r.Published, r.Provenance[FieldPublished], r.Body)
		}
	}
}

// wholePost is a blog theme's <article> of a post with its whole text
// (far longer than an excerpt), its heading linking to its permalink.
func wholePost(id int, title string) string {
	para := "3月21日，清河县文明办组织志愿者在县城主要路口开展文明交通劝导，引导行人和非机动车驾驶人自觉遵守交通法规，" +
		"不闯红灯、不越线停车、不逆向行驶。志愿者们手持小红旗，耐心劝导，并向过往群众发放文明交通宣传资料。"
	return fmt.Sprintf(`<article class="post-%d post"><header class="entry-header"><h2 class="entry-title"><a href="/2023/03/21/%d/" rel="bookmark">%s</a></h2>`+
		`<div class="entry-meta"><a href="/2023/03/21/%d/" rel="bookmark"><time class="entry-date published" datetime="2023-03-21T09:00:00+08:00">2023年3月21日</time></a></div></header>`+
		`<div class="entry-content">%s</div></article>`, id, id, title, id, strings.Repeat("<p>"+para+"</p>", 8))
}

func TestErrorTitle(t *testing.T) {
	for title, want := range map[string]bool{
		"404 Not Found": true, "404": true, "404错误_某县文明网": true, "页面不存在 - 某县文明网": true,
		"提示信息 - 某县文明网 - Powered by Discuz!": true, "Error 500": true, "403 Forbidden": true, "出错了": true,
		"500 Internal Server Error": true,
		// Articles whose titles hold such words or numbers.
		"我县500名志愿者参加义务植树_某县文明网": false, "第404期文明实践大讲堂开讲_某县文明网": false,
		"我县开展纠正错误做法专项整治_某县文明网": false, "老人走失家人找不到 民警帮忙寻回": false, "2024年500强企业名单": false,
	} {
		if got := errorTitle(title); got != want {
			t.Errorf("errorTitle(%q) = %v, want %v", title, got, want)
		}
	}
}

// TestDateAboveTitle: a date line just above the title dates the page; a
// block of another item's text and time there does not.
func TestDateAboveTitle(t *testing.T) {
	const head = `<html><head><meta charset="utf-8"><title>乡村学校少年宫开设书法课_南关乡</title></head><body><div class="post">`
	const tail = `<h1>乡村学校少年宫开设书法课</h1><div class="text"><p>5月27日下午，南关乡中心小学乡村学校少年宫的书法教室里墨香阵阵，二十多名学生跟着志愿者老师练习毛笔字。</p>` +
		`<p>书法课每周两次，由乡里退休教师组成的志愿服务队轮流授课。</p></div></div></body></html>`
	u, _ := url.Parse("http://ng.example.cn/post/42")
	for _, tc := range []struct {
		name, above string
		want        string
	}{
		{"date line", `<div class="entry-time">2024-05-28</div>`, "2024-05-28"},
		{"another item's block", `<div class="prev-item"><p>上一篇：端午节包粽子比赛。6月1日上午，南关乡组织志愿者和村民一起包粽子，共同感受传统节日的魅力，现场其乐融融。</p><time datetime="2024-06-01">06-01</time></div>`, ""},
	} {
		r, err := Extract([]byte(head+tc.above+tail), u)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if !r.Published.IsZero() && r.Provenance[FieldPublished] == "generic: date element near title" {
			got = r.Published.Format("2006-01-02")
		}
		if got != tc.want {
			t.Errorf("%s: dated %q by %q, want %q", tc.name, r.Published.Format("2006-01-02"), r.Provenance[FieldPublished], tc.want)
		}
	}
}

func TestDropRepeats(t *testing.T) {
	a := "After nearly three years of suspension, the express rail link resumed operation on Sunday morning."
	b := "Passengers get their tickets checked at the West Kowloon Station on the first day of service."
	c := "Crew members of the train welcome passengers at the North Railway Station in the early morning."
	d := "The train bound for Hong Kong is pictured at the North Railway Station before it leaves at dawn."
	han := "近日，观寨乡举办了“移风易俗”志愿服务活动，志愿者走村入户宣传婚事新办、丧事简办，群众纷纷点赞。"
	tests := []dropCase{
		{"served twice, one line", []string{b, a, a, c}, []string{b, a, c}},
		{"served twice, a run", []string{a, b, c, d, a, b, c}, []string{a, b, c, d}},
		{"run of Han text", []string{han, b, "短行", han, b}, []string{han, b, "短行"}},
		{"caption closing each picture's note", []string{b, a, c, a, d, a}, []string{b, a, c, a, d, a}},
		{"a lone line again further on", []string{a, b, c, a, d}, []string{a, b, c, a, d}},
		{"short lines kept", []string{"第一段。", "第一段。"}, []string{"第一段。", "第一段。"}},
	}
	checkDrops(t, dropRepeats, tests)
	pre := []bodyLine{{text: a, pre: true}, {text: a, pre: true}}
	if got := dropRepeats(pre); len(got) != 2 {
		t.Errorf("preformatted lines: got %d lines, want 2", len(got))
	}
}
