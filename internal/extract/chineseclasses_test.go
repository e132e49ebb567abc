package extract

import (
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/internal/article"
)

// TestChinesePageClasses runs one page of our own making for each further
// class of Chinese article page — news portals, government sites, local
// media, self-media platforms — that the corpora hold few of, as the
// crawler would see it (raw bytes through Decode). Each page stands for a
// class, not a site; TestPortalClasses holds the classes before these.
func TestChinesePageClasses(t *testing.T) {
	tests := []classPage{
		{
			// A government template sets the title, a long info line
			// (source, author, time, views, editor, reviewer, font
			// size, print) and the paragraphs in one container: the
			// info line, longer than a short meta line and full of
			// colons, read as running text, so the info was empty and
			// the line stayed in the body.
			file: "info_line_in_body.html", url: "http://www.example.gov.cn/xwzx/gzdt/2024-03-18/456.html",
			title: "我县召开2024年安全生产工作会议", published: "2024-03-18 10:26", views: "1234",
			source: "某某县应急管理局安全生产综合协调股", author: "张伟", editor: "李丽",
			want: []string{"3月18日上午，我县召开2024年安全生产工作会议", "签订了2024年安全生产目标责任书。"},
			not:  []string{"信息来源", "浏览次数", "审核", "打印本页"},
		},
		{
			// A county site's repost of an account's article closing
			// with the account's credits line, the writer first and the
			// newsroom after, each role set off by a bar (文｜张伟
			// 编辑｜李丽 审核｜王强): the editor went unread. The line is
			// the story's byline and stays in the body, as bylines do.
			file: "credits_with_bars.html", url: "http://www.example.cn/wmsj/202403/t20240325_13.html",
			title: "春风十里，不如文明有你", published: "2024-03-25 09:18", author: "张伟", editor: "李丽",
			want: []string{"春风拂面，万物复苏。", "文明新风吹进千家万户。"},
			not:  []string{"版权所有"},
		},
		{
			// A page in traditional characters (Taiwan, Hong Kong, a
			// mainland page set so): its view count labelled 點閱數
			// (瀏覽次數, 人氣 …) was not read — the date, author and
			// editor labels were.
			file: "traditional_labels.html", url: "https://news.example.tw/local/20240318/123",
			title: "縣府舉辦志工表揚大會", published: "2024-03-18 14:30", views: "3456", author: "王小美",
			want: []string{"縣政府昨日舉辦年度志工表揚大會", "讓愛心在社區中傳遞下去。"},
			not:  []string{"點閱數", "上一則", "熱門新聞", "留言", "版權所有"},
		},
		{
			// A portal's article whose last paragraph ends with a link
			// back to the portal's front page ("返回东风，查看更多"), the
			// editor's line after it: the prompt goes, the paragraph
			// stays.
			file: "back_home_prompt.html", url: "https://www.example.com/a/770001_120001",
			title: "老街换新颜 烟火气更浓了", published: "2024-04-09 16:42", source: "江城晚报", editor: "李丽",
			want: []string{"4月9日，记者来到刚刚完成改造的南门老街", "让老街的烟火气“留得住、更浓郁”。"},
			not:  []string{"返回东风", "查看更多", "平台声明", "推荐阅读"},
		},
		{
			// A county site's repost of an account's article closing
			// with a line of its own that leads to the original
			// ("更多精彩内容，请<a>点击查看原文>></a>"): the whole line goes.
			file: "view_original_line.html", url: "http://www.example.cn/wmsj/202403/t20240325_12.html",
			title: "这个春天，一起去踏青", published: "2024-03-25 09:18", views: "216", source: "县文明办微信公众号",
			want: []string{"春风拂面，万物复苏。", "参与群众超过1.5万人次。"},
			not:  []string{"更多精彩内容", "查看原文", "打印本页", "上一篇"},
		},
		{
			// A local paper's story opens its first paragraph with the
			// byline, set off from the text by a wide space, no
			// parentheses ("本报记者 张伟 通讯员 王静　3月18日，…"); a
			// photo's credit (通讯员 王静 摄) stands under a picture. The
			// paragraph stays whole: the corpora keep a byline in the
			// body.
			file: "byline_opens_paragraph.html", url: "http://www.example.cn/news/bd/2024-03/18/content_8812.htm",
			title: "我市春耕备耕全面展开", published: "2024-03-18 08:30", source: "江城日报", author: "张伟、王静", editor: "周敏",
			want: []string{"本报记者 张伟 通讯员 王静　3月18日，记者走进城郊的现代农业示范园", "确保春耕生产有序推进。"},
			not:  []string{"热门排行", "版权所有"},
		},
		{
			// A city's news app names itself first in <title>
			// ("江城发布｜标题"), a name that ends like no site's, and sets
			// it again as the source over the text: the <title> part the
			// page's heading and og:title say is the title.
			file: "site_first_title.html", url: "https://www.example.cn/ms/2024-05/16/889.html",
			title: "小区停车难？这个社区“错时共享”有妙招", published: "2024-05-16 19:02", source: "东湖街道", editor: "孙倩",
			want: []string{"晚上七点，东湖社区的居民陈先生", "让居民出行更加便利。"},
			not:  []string{"相关推荐", "版权所有"},
		},
		{
			// A county site's article pasted from a WeChat editor
			// (135编辑器, 秀米): paragraphs in nested <section>s, every
			// run of text in a styled <span>, a caption under a picture,
			// and the credits (文字：李娜　图片：王磊) in a box of their own
			// after the text, outside the block of paragraphs.
			file: "editor_sections.html", url: "http://www.example.cn/zyfw/202406/03/art_55_1234.html",
			title: "这群“红马甲”，温暖了一座城", published: "2024-06-03 00:00", source: "县志愿者协会", author: "李娜",
			want: []string{"清晨六点半，县城中心广场上已经有了忙碌的身影。", "“我退休以后就加入了志愿者协会，能为大家做点事，心里踏实。”", "服务群众20万人次。"},
			not:  []string{"技术支持"},
		},
		{
			// A local media centre's video page: a player, a short
			// description, the credits, and a list of the other videos
			// whose titles are longer than the description; its count
			// is labelled 播放 (plays).
			file: "video_description.html", url: "http://www.example.cn/sp/2024-05/22/5.html",
			title: "【视频】非遗剪纸进校园 小小剪刀剪出大世界", published: "2024-05-22 17:45", views: "2386", source: "江城融媒体中心", author: "周洋",
			want: []string{"5月22日，市级非遗项目“江城剪纸”传承人走进实验小学", "剪出了窗花、生肖等作品。"},
			not:  []string{"更多视频", "航拍江城", "村BA"},
		},
		{
			// A short government story whose container also holds its
			// 相关阅读: four linked headlines, longer together than the
			// story. The list is left out of the body, and its links
			// no longer make the page a list of links.
			file: "related_titles_in_body.html", url: "http://www.example.gov.cn/zwdt/bmdt/202407/t20240702_103.html",
			title: "县图书馆新增24小时自助借阅机", published: "2024-07-02 15:10", source: "县文化和旅游局",
			want: []string{"近日，县图书馆在城区人民广场、滨河公园新设2台24小时自助借阅机", "方便群众就近阅读。"},
			not:  []string{"相关阅读", "全民阅读活动推进会", "非遗进图书馆"},
		},
		{
			// A county site's template (DedeCMS) sets the site's footer
			// — copyright, the organisers, the ICP filing, the address —
			// inside the article's container, after the text.
			file: "footer_in_container.html", url: "http://www.example.cn/a/wmsj/2024/0608/2345.html",
			title: "我县举办“我们的节日·端午”主题活动", published: "2024-06-08 10:15", source: "县文明办", author: "刘洋",
			want: []string{"6月8日，我县在城市文化广场举办", "增强文化认同感。"},
			not:  []string{"版权所有", "主办单位", "ICP备", "联系电话"},
		},
		{
			// A WeChat account's article as the platform serves it: the
			// publish time's element is empty (<em id="publish_time">)
			// and the page's script fills it from its variables
			// (publish_time = "2024-03-18", createTime = '2024-03-18
			// 09:13'); no other date on the page.
			file: "script_publish_time.html", url: "https://mp.weixin.qq.com/s/Zx9y8W7v6U5t",
			title: "春日田野“绿”意浓 农户忙春耕", published: "2024-03-18 09:13",
			want: []string{"春分时节，走进某某县的田间地头", "组织农技人员下村入户开展技术服务。"},
			not:  []string{"阅读原文", "微信扫一扫"},
		},
		{
			// An old free-forum service's post page (GB2312): the post,
			// its signature line (本贴由…于…在〖…〗发表.), then the board's
			// rules (郑重声明 1. … 4.), the replies' titles (本贴跟从标题)
			// and the reply form, all in the post's cell.
			file: "bbs_post_signature.html", url: "http://bbs.example.com/bbs/3301/messages/8812.html",
			title: "说说我们小区的垃圾分类", published: "2006-04-18 20:15", author: "城南老陈",
			want: []string{"我们小区从上个月开始推行垃圾分类", "大家养成习惯就好了。"},
			not:  []string{"郑 重 声 明", "禁止发表", "跟从标题", "江边人", "你的名字"},
		},
		{
			// A portal's article closing with its source, author and
			// editor line, the editor's name followed by the CMS's staff
			// code (责任编辑：王晓易_NE0011); a 原标题 line opens the
			// text, a platform statement follows it.
			file: "editor_staff_code.html", url: "https://www.163.example.com/dy/article/JBCD1234ABCD.html",
			title: "多地中小学推行“课间15分钟” 孩子们玩出健康", published: "2024-09-10 14:22", source: "中国教育新闻网", author: "刘佳", editor: "王晓易",
			want: []string{"（原标题：课间延长5分钟，校园里的笑声多了）", "让学生走出教室。"},
			not:  []string{"特别声明", "相关推荐", "NE0011"},
		},
		{
			// A self-media article opens its text with a line of credits,
			// the writer's first (文｜张伟  编辑｜李丽), then the cover's
			// credit; the credits stay in the body, as bylines do.
			file: "credits_line_opening.html", url: "https://www.example.com/p/2941234567890123",
			title: "一家县城书店的十年坚守", published: "2024-09-23 07:30", author: "张伟",
			want: []string{"文｜张伟 编辑｜李丽", "十年前，林晓从省城辞职回到家乡", "另一半来自活动和文创。"},
			not:  []string{"未经授权", "京ICP备"},
		},
		{
			// An opinion piece whose info line sets the writer's post
			// after the name in parentheses, itself opening with a
			// label's word (作者：张伟（作者系江城大学马克思主义学院教授）).
			file: "author_affiliation.html", url: "http://www.example.cn/ll/2024-10/08/content_77.htm",
			title: "让文明新风吹进千家万户", published: "2024-10-08 09:00", source: "江城日报", author: "张伟",
			want: []string{"移风易俗是一项长期任务", "吹遍城乡每一个角落。"},
			not:  []string{"作者系", "版权所有"},
		},
		// Classes the rules handled before these pages were made; each
		// page guards its class.
		{
			// A national paper's template: a kicker (引题, h3.pre) over
			// the headline (h1) and a subtitle (副题, h4.sub) under it;
			// the title is the headline alone, as <title> gives it.
			file: "kicker_title_subtitle.html", url: "http://local.example.cn/n1/2024/0424/c1234-40222222.html",
			title: "小小“积分卡”激活乡村治理“一池春水”", published: "2024-04-24 08:21", source: "江城日报", editor: "赵丽、孙明",
			want: []string{"走进南山县青石村的“积分超市”", "兑换物品价值120余万元。"},
			not:  []string{"探访基层治理新实践", "——南山县推行", "责编", "热点推荐"},
		},
		{
			// The time, the source and the author in one span, no
			// separator but spaces ("2024-03-18 08:23:15 来源：江城晚报
			// 作者：陈静"), in GB2312.
			file: "date_source_span.html", url: "http://www.example.cn/city/2024/0318/1234.shtml",
			title: "城区新增5处“口袋公园” 市民家门口享绿意", published: "2024-03-18 08:23", source: "江城晚报", author: "陈静",
			want: []string{"近日，位于城区中山路与建设路交叉口", "“300米见绿、500米见园”。"},
			not:  []string{"图片新闻", "版权所有"},
		},
		{
			// A town government's page whose elements carry no class or
			// id at all: the title, the date and source line and the
			// text are plain <div>s, beside a plain menu list.
			file: "no_class_names.html", url: "http://www.example.gov.cn/xwdt/2024-06/20/1234.html",
			title: "我镇开展防汛应急演练", published: "2024-06-20 00:00",
			want: []string{"为切实提高防汛抢险应急处置能力", "磨合机制的目的。"},
			not:  []string{"通知公告", "版权所有"},
		},
		{
			// A county government's template named in pinyin: biaoti,
			// xinxi (shijian, laiyuan, liulan), zhengwen, then fenxiang,
			// shangxiapian and xiangguan (相关文章 with long headlines)
			// inside the same wrapper.
			file: "pinyin_class_names.html", url: "http://www.example.gov.cn/zwdt/bmdt/2024-08/12/2.html",
			title: "县人民医院开通“一站式”便民服务中心", published: "2024-08-12 16:05", views: "518", source: "县卫生健康局",
			want: []string{"8月12日，县人民医院“一站式”便民服务中心正式投入使用。", "提供就医指导和陪同服务。"},
			not:  []string{"分享到", "上一篇", "相关文章", "医共体"},
		},
		{
			// A blog platform's post: the time in parentheses beside
			// the heading, tag and category tables, paragraphs as
			// <div>s indented with &nbsp;, then the post's counts line
			// (阅读(1024)┊评论 (12)┊…), previous/next and comments.
			file: "blog_post_tags.html", url: "http://blog.example.com.cn/s/blog_4a1b2c3d0102x1yz.html",
			title: "老屋门前的那棵枣树", published: "2012-09-16 21:35", views: "1024",
			want: []string{"老屋门前有一棵枣树，是爷爷年轻时栽下的", "还是小时候的味道。"},
			not:  []string{"标签", "乡土随笔", "前一篇", "石榴树", "博客等级"},
		},
		{
			// An old ASP site laid out in tables: the paragraphs are
			// <br><br>-separated text in one <td>, indented with
			// &nbsp;, the title a bold cell, the info line a cell.
			file: "br_paragraphs_td.html", url: "http://www.example.cn/news/show.asp?id=1521",
			title: "某某镇开展“文明家庭”评选表彰活动", published: "2012-05-16 09:35", views: "386", source: "某某镇",
			want: []string{"为深入推进精神文明建设，弘扬家庭美德", "最终评选出50户“文明家庭”。\n会上，", "促进好社风。"},
			not:  []string{"最新动态", "打印本页", "技术支持"},
		},
	}
	checkClassPages(t, tests)
}

// TestInfoFieldsLine checks which lines infoFieldsLine reads as an info
// line of labelled fields, and that a field whose label holds two meta
// labels (发布时间) counts once.
func TestInfoFieldsLine(t *testing.T) {
	tests := []struct {
		line string
		ok   bool
	}{
		{"信息来源：县应急管理局　作者：张伟　发布时间：2024-03-18 10:26:31　浏览次数：1234", true},
		{"来源：江城日报 编辑：李丽", true},
		{"發布時間：2024-03-18　來源：本站", true},
		{"发布时间：2024-03-18 10:26", false},           // one field
		{"他在会上说：“安全生产是底线。”记者：您怎么看？", false},        // a sentence, a dialogue
		{"时间：上午九点。地点：县会议中心。来源：县政府办。", false},       // sentences
		{"3月18日，记者从县应急管理局获悉，全县安全生产形势总体平稳。", false}, // running text
	}
	for _, tt := range tests {
		if got := infoFieldsLine(tt.line); got != tt.ok {
			t.Errorf("infoFieldsLine(%q) = %v, want %v", tt.line, got, tt.ok)
		}
	}
}

// TestMorePrompt checks which link texts morePrompt reads as a prompt to
// read on elsewhere.
func TestMorePrompt(t *testing.T) {
	for _, tt := range []struct {
		text string
		ok   bool
	}{
		{"返回搜狐，查看更多", true},
		{"点击查看原文>>", true},
		{"【阅读原文】", true},
		{"返回首页", true},
		{"返回江城新闻网首页", true},
		{"查看更多跟帖", true},
		{"更多", false},   // no prompt of moreWords
		{"返回", false},   // back where?
		{"江城日报", false}, // a source
		{"记者查看原文件后发现，该合同存在多处涂改。", false},        // a sentence
		{"请登录县政府网站查看更多关于本次招聘的岗位信息和报名要求", false}, // longer than a prompt
	} {
		if got := morePrompt(tt.text); got != tt.ok {
			t.Errorf("morePrompt(%q) = %v, want %v", tt.text, got, tt.ok)
		}
	}
}

// TestLeadingByline checks the names leadingByline reads from the start
// of a paragraph of running text.
func TestLeadingByline(t *testing.T) {
	for _, tt := range []struct {
		line, names string
	}{
		{"本报记者 张伟 通讯员 王静　3月18日，记者走进城郊的现代农业示范园。", "张伟 王静"},
		{"记者 李明 报道：3月18日，全市春耕生产全面展开。", "李明"},
		{"本报讯 记者张伟 通讯员王静 报道：近日，我县召开全县安全生产工作会议。", "张伟 王静"},
		{"新华社北京3月18日电 记者张伟　全国春播粮食面积已过六成。", "张伟"},
		{"记者近日从县农业农村局获悉，全县春耕物资已基本到位。", ""},           // the reporter in the sentence
		{"记者：请问今年的春耕准备工作进展如何？", ""},                  // an interview's question
		{"本报记者 昨日从市教育局获悉，今年中考报名人数创新高。", ""},          // no name after the role
		{"3月18日，本报记者 张伟 来到城郊的现代农业示范园。", ""},          // the byline is not first
		{"张伟 王静　3月18日，记者走进城郊的现代农业示范园，看到秧苗长势喜人。", ""}, // names with no role
	} {
		if got := strings.Join(leadingByline(tt.line), " "); got != tt.names {
			t.Errorf("leadingByline(%q) = %q, want %q", tt.line, got, tt.names)
		}
	}
}

// TestTitleSeparators checks the title read from a <title> whose parts a
// separator parts (——, " · ", " - ", ｜, _), the site's name on either
// side, against the page's heading: the heading tells the title from the
// site's name, and a 破折号 that opens a subtitle the heading holds from
// one that opens the site's name.
func TestTitleSeparators(t *testing.T) {
	page := func(title, heading string) string {
		return `<html><head><meta charset="utf-8"><title>` + title + `</title></head><body>` +
			`<div class="nav"><a href="/">首页</a> <a href="/xw/">新闻</a></div>` + heading +
			`<div class="info">2024-03-18 10:26 来源：江城日报</div><div class="content">` +
			`<p>3月18日上午，南湖社区“老年食堂”正式开张。不到11点，食堂里已经坐满了前来就餐的老人，两荤一素一汤，老人只需花费8元。</p>` +
			`<p>据了解，南湖社区60岁以上老人有1200余人，其中独居、空巢老人近300人。为解决老人“吃饭难”问题，社区建设了这家老年食堂。</p>` +
			`</div><div class="footer">江城日报社 版权所有</div></body></html>`
	}
	for _, tc := range []struct{ title, heading, want string }{
		{"江城日报｜老年食堂开张", "<h1>老年食堂开张</h1>", "老年食堂开张"},
		{"江城日报 - 老年食堂开张", "<h1>老年食堂开张</h1>", "老年食堂开张"},
		{"江城日报_老年食堂开张", "<h1>老年食堂开张</h1>", "老年食堂开张"},
		{"江城日报 · 老年食堂开张", "<h1>老年食堂开张</h1>", "老年食堂开张"},
		{"老年食堂开张 · 江城日报", "<h1>老年食堂开张</h1>", "老年食堂开张"},
		{"老年食堂开张——江城日报", "<h1>老年食堂开张</h1>", "老年食堂开张"},
		{"老年食堂开张——百余位老人吃上热乎饭_江城日报", "<h1>老年食堂开张——百余位老人吃上热乎饭</h1>", "老年食堂开张——百余位老人吃上热乎饭"},
		{"老年食堂开张——百余位老人吃上热乎饭——江城日报", "<h1>老年食堂开张——百余位老人吃上热乎饭</h1>", "老年食堂开张——百余位老人吃上热乎饭"},
		{"老年食堂开张——百余位老人吃上热乎饭", "<h1>老年食堂开张</h1>", "老年食堂开张"},
		// A logo's heading, which links the front page, names the site.
		{"老年食堂开张 - 江城日报", `<h1><a href="/">江城日报</a></h1><div class="title">老年食堂开张</div>`, "老年食堂开张"},
	} {
		r, err := Extract([]byte(page(tc.title, tc.heading)), mustURL(t, "http://www.example.cn/xw/2024-03/18/content_1.htm"))
		if err != nil {
			t.Fatal(err)
		}
		if r.Title != tc.want {
			t.Errorf("<title>%s</title> %s: title %q, want %q", tc.title, tc.heading, r.Title, tc.want)
		}
	}
}

// TestDropSiteNotice checks which closing lines dropSiteNotice reads as
// the site's footer.
func TestDropSiteNotice(t *testing.T) {
	text := []string{"6月8日，我县在城市文化广场举办主题活动。", "此次活动旨在传承弘扬中华优秀传统文化。"}
	for _, tt := range []struct {
		tail []string
		kept int // how many of the tail's lines stay
	}{
		{[]string{"版权所有：中共某某县委宣传部", "主办单位：某某县文明办　备案号：冀ICP备00000000号-1", "地址：某某县人民路88号"}, 0},
		{[]string{"主办：某某县文明办　承办：某某县融媒体中心", "Copyright © 2024 某某县文明网 冀ICP备00000000号"}, 0},
		{[]string{"版权所有：中共某某县委宣传部"}, 1},                                  // no registration
		{[]string{"联系电话：0319-1234567"}, 1},                               // a notice's contact
		{[]string{"版权所有，转载请注明出处。", "冀ICP备00000000号"}, 2},                 // a sentence
		{[]string{"版权所有：中共某某县委宣传部", "报名时间截至6月30日", "冀ICP备00000000号"}, 3}, // not one run
	} {
		lines := append(append([]string{}, text...), tt.tail...)
		if got := len(dropSiteNotice(lines)) - len(text); got != tt.kept {
			t.Errorf("dropSiteNotice(… %q) kept %d of them, want %d", tt.tail, got, tt.kept)
		}
	}
}

// TestAssignedDate checks the dates assignedDate reads after a script
// variable's name.
func TestAssignedDate(t *testing.T) {
	for _, tt := range []struct {
		after, want string // want "" = no date
	}{
		{` = "2024-03-18" || "";`, "2024-03-18 00:00"},
		{` = '2024-03-18 09:13';`, "2024-03-18 09:13"},
		{`: "2024-03-18 09:13:05",`, "2024-03-18 09:13"},
		{` = "1710724380";`, "2024-03-18 09:13"},
		{`="1710724380000">3小时前</span>`, "2024-03-18 09:13"},              // milliseconds, in an attribute
		{`":"2024-04-12 18:05:00","catalog1":"edu"}`, "2024-04-12 18:05"}, // a data object's quoted key
		{`" class="rich_media_meta_text"></em>`, ""},                      // an id, not an assignment
		{`'=="2024-03-18"`, ""},                                           // a comparison after a quoted name
		{` == "2024-03-18") {`, ""},                                       // a comparison
		{` = item.publish_time;`, ""},                                     // a variable
		{` = "";`, ""},
		{` = 20240318;`, ""}, // not a Unix time
	} {
		got := ""
		if d, _, ok := assignedDate(tt.after); ok {
			got = d.In(article.China).Format("2006-01-02 15:04")
		}
		if got != tt.want {
			t.Errorf("assignedDate(%q) = %q, want %q", tt.after, got, tt.want)
		}
	}
}

// TestDropStaffCode checks which endings of an editor's value
// dropStaffCode reads as a portal's staff code.
func TestDropStaffCode(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"张晓明 SN123", "张晓明"},
		{"王晓易_NE0011", "王晓易"},
		{"李丽", "李丽"},
		{"alonliu", "alonliu"},                     // a user name, no code
		{"张晓明 2024", "张晓明 2024"},                   // digits alone
		{"Chen Bin", "Chen Bin"},                   // a Latin name
		{"王雪、赵丽 SN", "王雪、赵丽 SN"},                   // letters alone
		{"team_A1", "team_A1"},                     // no Han name before it
		{"张晓明 ABCDEFGHIJ123", "张晓明 ABCDEFGHIJ123"}, // longer than a code
	} {
		if got := dropStaffCode(tt.in); got != tt.want {
			t.Errorf("dropStaffCode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestCreditsByline checks the writers parseByline reads from a line of
// several credits and from a byline in parentheses after 本报讯, and the
// value cutValue keeps before the next field of a sentence.
func TestCreditsByline(t *testing.T) {
	for _, tt := range []struct{ line, names string }{
		{"文｜张伟 编辑｜李丽", "张伟"},
		{"文字：李娜　图片：王磊", "李娜"},
		{"本报记者 张伟 摄影 王静", "张伟"},
		{"本报讯（通讯员 王静 记者 张伟）", "王静 张伟"},
		{"来源：新华社 编辑：李丽", ""}, // no writer's credit first
		{"编辑：李丽 记者：张伟", ""},  // the editor's line
		{"记者 张伟 摄", ""},      // a photo's credit
	} {
		if got := strings.Join(parseByline(tt.line, false), " "); got != tt.names {
			t.Errorf("parseByline(%q) = %q, want %q", tt.line, got, tt.names)
		}
	}
	for _, tt := range []struct{ value, want string }{
		{"张伟，原文标题：《老年食堂开张》", "张伟"},
		{"张三 单位：江城大学", "张三"},
		{"赵 培 ：北京物资学院", "赵培"},
		{"张伟（江城大学教授）", "张伟"},
		{"张伟（", "张伟"},        // its inside lost to the next label
		{"张伟（王静）", "张伟（王静）"}, // names
		{"张伟（实习）", "张伟（实习）"}, // too short for a post
		{"周思博 (Joel Spolsky)", "周思博 (Joel Spolsky)"},
	} {
		if got := cutValue(tt.value); got != tt.want {
			t.Errorf("cutValue(%q) = %q, want %q", tt.value, got, tt.want)
		}
	}
}
