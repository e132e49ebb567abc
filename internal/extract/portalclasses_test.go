package extract

import "testing"

// TestPortalClasses runs one page of our own making for each class of
// Chinese page that news portals, government sites, self-media platforms
// and local media centres print and that the corpora hold few of, as the
// crawler would see it (raw bytes through Decode). Each page stands for a
// class, not a site.
func TestPortalClasses(t *testing.T) {
	tests := []classPage{
		{
			// A news brief shorter than the teasers of the column's
			// other stories listed under it in the same container: the
			// teasers (linked headlines, each over its summary and date)
			// outweigh the brief and repeat, but the story is the block
			// under the title.
			file: "brief_above_teasers.html", url: "http://www.example.cn/bjxw/2024-07/01/content_98765.html",
			title: "我市首条城际公交线路今日开通", published: "2024-07-01 09:12",
			want: []string{"7月1日起，滨江至临海城际公交1路正式开通", "每20分钟一班。"},
			not:  []string{"重点项目集中开工", "夏日夜经济", "志愿填报"},
		},
		{
			// A column's commentary followed by its author's biography in
			// a box headed 作者简介, longer than a third of the page: the
			// biography's sentences drew the body up to the column that
			// holds the title, the column's name and the list of the
			// author's other pieces.
			file: "column_author_bio.html", url: "http://opinion.example.com/n1/2024/0612/c1003-40254321.html",
			title: "让“老手艺”走进“新生活”", published: "2024-06-12 08:05", source: "人民时评网",
			want: []string{"剪纸、竹编、蓝印花布", "爱手艺的传承人。"},
			not:  []string{"作者简介", "1968年生", "专栏：晓东说文化", "本专栏更多文章"},
		},
		{
			// A county media centre's story closes with the newsroom's
			// sign-off, one role a line: the reporters, the editor, then
			// the reviewers of its three-stage review (审核, 终审).
			file: "review_credits.html", url: "http://www.example.cn/xczx/202408/09/c1234.html",
			title: "【乡村振兴】小木耳撑起致富大产业", published: "2024-08-09 18:30", source: "某某县融媒体中心", editor: "赵敏",
			want: []string{"8月9日，走进青峰镇黑木耳种植基地", "致富的“金耳朵”。"},
			not:  []string{"审核", "终审", "陈刚", "刘伟"},
		},
		{
			// A portal's article sets each field of its info line in a
			// span of its own, with no space or label between the
			// source's and the comment count's ("来源：<a>江城日报</a>",
			// then "参与评论(128)"); around the body: share bars, a
			// comment box, previous/next links, related and trending
			// lists.
			file: "portal_info_spans.html", url: "http://news.example.cn/news/society/2024-03-18/doc-1112.shtml",
			title: "南湖社区“老年食堂”开张 百余位老人吃上热乎饭", published: "2024-03-18 10:26", source: "江城日报",
			want: []string{"3月18日上午，南湖社区“老年食堂”正式开张", "其乐融融。"},
			not:  []string{"分享到", "网友评论", "多多益善", "上一篇", "相关新闻", "热点推荐", "责任编辑"},
		},
		{
			// A portal's mobile page shows an article's first paragraphs
			// and hides the rest (class "hidden-content", display:none
			// in the page's style) above a control that unfolds it
			// (展开全文): the hidden rest is the article's, unlike
			// hidden pages or slides with no such control.
			file: "folded_tail.html", url: "https://m.example.com/a/760000001_120000001",
			title: "这座小城的早餐，藏着一个城市的温度", published: "2024-03-05 07:21",
			want: []string{"清晨六点，小城还没完全醒来", "有赶早班的上班族", "始终是小城人心里最温暖的味道。"},
			not:  []string{"展开全文", "声明：", "大家都在看", "打开APP"},
		},
		{
			// A local portal's story followed by its readers' comments
			// under a heading (跟帖（6）) in blocks whose class names say
			// nothing (div.g > div.g-i): six dated, repeated comments
			// outweigh the short story.
			file: "comment_box_plain_names.html", url: "http://www.example.cn/ms/2024/0520/56789.html",
			title: "小区加装电梯难在哪？居民说出心里话", published: "2024-05-20 08:00",
			want: []string{"老旧小区加装电梯，是不少居民的期盼", "推动更多项目落地。"},
			not:  []string{"跟帖", "江北网友", "协商给了适当补偿", "排行"},
		},
		{
			// The same class with the teasers' headlines set as linked
			// lines (div > a) over their summaries, not as headings.
			file: "brief_above_teaser_lines.html", url: "http://www.qh.example.cn/bdzx/2024-07/08/10.html",
			title: "县图书馆延长夏季开放时间", published: "2024-07-08 17:40",
			want: []string{"即日起至8月31日，县图书馆每日开放时间延长至晚上9点", "即可入馆。"},
			not:  []string{"清河大桥维修", "暑期托管班", "直播带货"},
		},
		{
			// A government template titles every page with the site's
			// name alone (<title>某某县人民政府</title>, nowhere on the
			// page but in its footer) and sets the notice's title in a
			// large bold table cell, no heading, no class, right above
			// the info line.
			file: "site_name_only_title.html", url: "http://www.example.gov.cn/tzgg/202401/t20240125_3.html",
			title: "关于2024年春节期间烟花爆竹燃放管理的通告", published: "2024-01-25 00:00", source: "县公安局",
			want: []string{"为保障人民群众生命财产安全", "依法予以处罚。"},
			not:  []string{"当前位置", "网站标识码"},
		},
		{
			// A news agency's story opened by an editor's note
			// (【编者按】…) in a block of its own above the body: the
			// byline stands in the dateline of the first paragraph after
			// the note ("新华网郑州4月22日电（记者 赵明）").
			file: "editors_note_dateline.html", url: "http://www.news.example.cn/local/2024-04/22/c_1130000001.htm",
			title: "从“一张蓝图”到“百姓满意”：一座县城的十年变迁", published: "2024-04-22 15:30", source: "新华网", author: "赵明", editor: "吴梦",
			want: []string{"【编者按】十年来", "走进河南某县", "更有温度。"},
			not:  []string{"相关阅读", "纠错", "扫一扫"},
		},
		{
			// A government information page whose template pastes the
			// document's metadata at the top of the body container as a
			// list of label lines (ul > li: 索引号, 发布机构, 生成日期 …),
			// not as a table.
			file: "body_meta_list.html", url: "http://www.example.gov.cn/xxgk/rsxx/202407/t20240710_9.html",
			title: "关于2024年第二季度城镇公益性岗位补贴发放情况的公示", published: "2024-07-10 00:00", source: "县人力资源和社会保障局",
			want: []string{"根据《某某县公益性岗位开发管理办法》规定", "就业股反映。"},
			not:  []string{"索引号", "发布机构", "公开方式"},
		},
		{
			// A government site's letter page (网络问政): a citizen's
			// letter and the office's reply, each in a block of one
			// class (div.wz-text) under its own dated header, the
			// reply's opening with 回复单位 — not the first post of a
			// thread, which a forum page would be.
			file: "letter_reply_posts.html", url: "http://www.example.gov.cn/hdjl/wlwz/202405/t20240508_77.html",
			title: "建议在城南片区增设公交站点", published: "2024-05-08 10:21",
			want: []string{"城南片区近年来新建了多个住宅小区", "张先生您好！您反映的问题已收悉。", "感谢您对交通工作的关心和支持！"},
			not:  []string{"主办"},
		},
		{
			// A WeChat account's article (and the sites that repost one)
			// opens and closes with the account's prompts inside the
			// text: follow us (点击上方蓝字关注我们, 长按二维码关注我们),
			// the share bar's words, then the sign-off lines, whose
			// 来源 line is the source.
			file: "wechat_prompts.html", url: "https://mp.weixin.qq.com/s/AbCdEf123456",
			title: "这个周末，来县城看灯会！", published: "2024-02-20 18:05", editor: "王芳", source: "县文旅局",
			want: []string{"元宵佳节将至", "感受浓浓年味。”县文旅局相关负责人介绍。"},
			not:  []string{"点击上方蓝字", "长按二维码", "在看", "审核"},
		},
		{
			// A portal's heading sets a tag after the title in an
			// element of its own (<span class="art-tag">原创</span>):
			// the title is the heading without it.
			file: "heading_tag_span.html", url: "http://www.ns.example.cn/jy/2024-03/18/12345.html",
			title: "乡村学校迎来新操场", published: "2024-03-18 10:26", source: "南山日报",
			want: []string{"3月18日，记者走进某某镇中心小学", "身体素质明显提高。"},
			not:  []string{"原创", "分享到"},
		},
		{
			// A photo gallery (图集) whose text is only its captions, each
			// beside the picture's counter ("1/4") in a slideshow; the
			// info line's fields in spans of their own (来源, 摄影).
			file: "gallery_captions.html", url: "http://pic.example.cn/pic/2024-03/21/content_123.htm",
			title: "组图：油菜花开满山坡 乡村春色美如画", published: "2024-03-21 08:45", source: "新华网", editor: "刘洋",
			want: []string{"3月20日，游客在江西省婺源县江岭景区赏花游玩。", "\n3月20日，游客在江岭景区的观景台上拍照留念。\n", "（无人机照片）。"},
			not:  []string{"1/4", "4/4", "上一张", "精彩图集"},
		},
		{
			// A county news site's story closes, inside its container,
			// with further reading (延伸阅读): two stories, each a linked
			// headline over a teaser paragraph, more text than the
			// story's own last paragraphs.
			file: "further_reading_teasers.html", url: "http://www.example.cn/yw/202410/t20241015_5.html",
			title: "全县启动秋冬季森林防火专项行动", published: "2024-10-15 11:20", source: "县应急管理局",
			want: []string{"10月15日，全县秋冬季森林防火专项行动正式启动。", "提高群众防火意识。"},
			not:  []string{"延伸阅读", "去年以来", "视频监控系统"},
		},
		{
			// A Hong Kong community paper's page in Big5 with no charset
			// label, in the header or in <meta>: its bytes also decode
			// as GB18030, into rare characters, kana and replacement
			// characters.
			file: "big5_no_label.html", url: "http://www.east.example.hk/news/2024/0513/1.htm",
			title: "社區長者學用智能手機 義工上門教學", published: "2024-05-13 09:30", source: "東區街坊報",
			want: []string{"一群大學生義工本月起逢周末上門", "並在社區中心開設手機班。"},
			not:  []string{"版權所有"},
		},
		{
			// A news agency's story names its writers in parentheses
			// right after the dateline, glued to their role without a
			// space ("…北京5月6日电（记者王小明、李华）").
			file: "dateline_glued_byline.html", url: "http://www.news.example.cn/economy/2024-05/06/c_112233.htm",
			title: "全国春播粮食面积已过六成", published: "2024-05-06 16:12", source: "中央通讯网", author: "王小明、李华", editor: "孙蕾",
			want: []string{"记者从农业农村部获悉", "为春播提供了有力保障。"},
			not:  []string{"责任编辑"},
		},
	}
	checkClassPages(t, tests)
}

// TestCredits checks which lines credits reads as a newsroom's sign-off
// and the editor it names.
func TestCredits(t *testing.T) {
	tests := []struct {
		line, editor string
		ok           bool
	}{
		{"审核：陈刚", "", true},
		{"编辑：赵敏　审核：陈刚　终审：刘伟", "赵敏", true},
		{"（一审：张三 二审：李四 三审：王五）", "张三", true}, // the first review is the editor's
		{"责任编辑：王雪、赵丽 | 校对：孙立", "王雪、赵丽", true},
		{"審核：陳剛　終審：劉偉", "", true},
		{"记者：王磊　李婷", "", false},        // the writers, not the newsroom
		{"审核：经研究，同意该项目立项。", "", false}, // a sentence
		{"审核通过后予以公示", "", false},       // no role label
		{"来源：县融媒体中心　审核：陈刚", "", false}, // a source is no credit
		{"审核：陈刚终审：刘伟", "", false},      // glued: no separator
		// Roles set off by bars, the self-media way.
		{"编辑｜李丽　审核｜王强", "李丽", true},
		{"（编辑丨李丽）", "李丽", true},
		{"打印｜编辑｜分享", "", false}, // a toolbar
		// The responsible editor before a plain 编辑, wherever named.
		{"编辑：张伟　责编：李娜　审核：赵敏", "李娜", true},
		{"责任编辑：李娜　编辑：张伟", "李娜", true},
	}
	for _, tt := range tests {
		editor, ok := credits(tt.line)
		if ok != tt.ok || editor != tt.editor {
			t.Errorf("credits(%q) = %q, %v; want %q, %v", tt.line, editor, ok, tt.editor, tt.ok)
		}
	}
}

// TestFollowPrompt checks which lines followPrompt reads as an account's
// follow or share prompt, and slideCounter as a gallery's counter.
func TestFollowPrompt(t *testing.T) {
	prompts := []string{"点击上方蓝字关注我们", "↑点击上方“某某发布”关注我们", "长按二维码关注我们", "扫码关注", "分享 收藏 点赞 在看", "点个在看你最好看", "点亮“在看”",
		"本文由江城视野原创，欢迎关注，带你一起长知识！", "喜欢的朋友记得点个关注",
		"扫描二维码分享到微信", "打开APP阅读全文", "下载江城日报客户端，看更多本地新闻",
		"分享让更多人看到", "觉得有用就转发给身边的朋友吧", "下载江城新闻应用程序跟踪本地时事", "订阅",
		"看都看完了，点【在看】试试\uFFFD\uFFFD在看", "看完记得点【在看】，让更多朋友知道哦～",
		"关注“城关发布”微信公众号，了解更多城关资讯"}
	for _, l := range []string{"1/4", "（12/30）", "[3/3]"} {
		if !slideCounter(l) {
			t.Errorf("slideCounter(%q) = false, want true", l)
		}
	}
	for _, l := range []string{"2024/03", "5/4", "0/4", "1/4杯", "第1/4页"} {
		if slideCounter(l) {
			t.Errorf("slideCounter(%q) = true, want false", l)
		}
	}
	lines := []string{
		"该事件引发社会广泛关注。", // a sentence
		"现在看来，这一点非常重要", // 在看 inside a word
		"分享经验",         // one word
		"关注民生 服务群众",    // no verb of a prompt
		"请扫描二维码下载附件，并按要求关注后续通知。", // a sentence
		"欢迎关注，是对我们最大的鼓励。",        // a sentence
		"本次活动欢迎广大市民关注参与",         // no ask of followAsks
		"市民可通过“江城发布”客户端预约",       // no verb of a prompt
		"分享会在县图书馆举行",             // no verb of a prompt
		"让更多人看到志愿者的付出",           // no ask to share
		"县里推广应用程序化管理",            // no verb of a prompt
		"订阅报刊",                   // no button alone
		"群众关注的公众号服务问题",           // 关注 opens no ask
		"记者在看台上看到，【在看】台观众有千人之多",  // longer than an ask
	}
	for _, l := range prompts {
		if !followPrompt(l) {
			t.Errorf("followPrompt(%q) = false, want true", l)
		}
	}
	for _, l := range lines {
		if followPrompt(l) {
			t.Errorf("followPrompt(%q) = true, want false", l)
		}
	}
}

// TestLineAboveInfo checks which line above the info line a page titled
// with its site's name alone takes for its title: one of words, not a
// rule of dashes.
func TestLineAboveInfo(t *testing.T) {
	page := func(above string) string {
		return `<html><head><meta charset="utf-8"><title>某某县人民政府</title></head><body>` +
			`<table><tr><td>` + above + `</td></tr><tr><td>发布时间：2024-01-25</td></tr>` +
			`<tr><td><p>为保障人民群众生命财产安全，营造安全、文明、祥和的节日氛围，现就有关事项通告如下。</p>` +
			`<p>违反本通告规定的，由公安机关依法予以处罚。</p></td></tr></table></body></html>`
	}
	for _, tc := range []struct{ above, title string }{
		{"关于春节期间烟花爆竹燃放管理的通告", "关于春节期间烟花爆竹燃放管理的通告"},
		{"------------------------------", "某某县人民政府"}, // no words: <title> stays
	} {
		r, err := Extract([]byte(page(tc.above)), mustURL(t, "http://www.example.gov.cn/tzgg/202401/t20240125_3.html"))
		if err != nil {
			t.Fatal(err)
		}
		if r.Title != tc.title {
			t.Errorf("above %q: title %q, want %q", tc.above, r.Title, tc.title)
		}
	}
}

// TestMakersCredits checks which lines makersCredits reads as a byline
// naming the newsroom too, and the editor it names; credits leaves them.
func TestMakersCredits(t *testing.T) {
	for _, tt := range []struct {
		line, editor string
		ok           bool
	}{
		{"文｜张伟　编辑｜李丽　审核｜王强", "李丽", true},
		{"文：张伟　编辑：李丽", "李丽", true},
		{"图 | 王磊  编辑丨李丽", "李丽", true},
		{"文字：李娜　图片：王磊", "", false},     // the makers alone
		{"编辑：李丽　审核：王强", "", false},     // the newsroom alone: credits'
		{"文：张伟。编辑：李丽", "", false},      // sentences
		{"来源：县融媒体中心　编辑：李丽", "", false}, // a source, no maker
	} {
		editor, ok := makersCredits(tt.line)
		if ok != tt.ok || editor != tt.editor {
			t.Errorf("makersCredits(%q) = %q, %v; want %q, %v", tt.line, editor, ok, tt.editor, tt.ok)
		}
		if _, ok := credits(tt.line); ok && tt.ok {
			t.Errorf("credits(%q) reads a byline as the newsroom's sign-off", tt.line)
		}
	}
}
