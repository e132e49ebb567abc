package extract

import (
	"testing"
	"unicode/utf8"
)

// TestBlockClasses runs one page of our own making for each further
// class of Chinese page whose fields or body sit in blocks the pages of
// TestPortalClasses, TestChinesePageClasses, TestTemplateClasses and
// TestFormClasses leave out — an office's reply in a block of its own
// class, a time in traditional characters after the weekday, a forum
// post's parts, an account's box of lines, attachments in a block of
// their own, an update's time before the publishing, an outlet before a
// reporter's role, related headlines in the middle of the story, a
// document's date of disclosure, a comment bar with its count, a
// thread's first post apart from its info line, headings and controls in
// traditional characters, a picture's control to enlarge it. Each page
// stands for a class, not a site.
func TestBlockClasses(t *testing.T) {
	tests := []classPage{
		{
			// A mailbox's letter page (县长信箱) sets the citizen's letter
			// (div.ask) and the office's reply (div.reply, its header
			// line 回复单位：… 回复时间：…) in blocks of their own
			// classes, the letter the longer: the reply, named as a
			// readers' reply is, was furniture, and the body the letter
			// alone.
			file: "letter_reply_blocks.html", url: "http://www.example.gov.cn/hdjl/xzxx/2024/0409/55.html",
			title: "关于青石村道路破损问题的咨询", published: "2024-04-02 09:15", column: "县长信箱",
			want: []string{"尊敬的县长：您好！我是青石镇青石村村民", "希望政府能尽快安排维修，谢谢！", "张先生：您好！您反映的青石村主干道破损问题", "感谢您对交通工作的关心和支持！"},
			not:  []string{"来信人", "回复单位", "版权所有"},
		},
		{
			// A Hong Kong or Taiwan portal dates its story with the
			// weekday in traditional characters and a 12-hour time
			// (2024年3月5日 週二 下午2:20): 週 was no weekday, and the
			// time of day was lost.
			file: "weekday_clock_traditional.html", url: "https://news.example.com.tw/local/20240305/77",
			title: "縣府舉辦長者健康講座", published: "2024-03-05 14:20", author: "林志明",
			want: []string{"縣政府今日在文化中心舉辦長者健康講座", "多走路運動。"},
			not:  []string{"版權所有", "記者"},
		},
		{
			// A forum thread (not Discuz's) sets each post as a unit of
			// the poster's box (a name over 帖子 356), the post's header
			// (楼主　发表于 … 只看该作者) and its text in a block
			// repeated in every unit: the body opened with the box's
			// and the header's lines, and the author was the name with
			// the box's next line.
			file: "forum_post_parts.html", url: "http://bbs.example.cn/t/1001.html",
			title: "青石镇老街改造后大家觉得怎么样？", published: "2024-05-12 20:31", author: "老街坊",
			want: []string{"周末回青石镇看了看，老街改造基本完工了。", "大家去过没有，觉得怎么样？"},
			not:  []string{"帖子", "楼主", "只看该作者", "豆腐脑", "停车场"},
		},
		{
			// A self-media article (百家号, 头条号) names its account in
			// a box over the story: the avatar, the name, the date and
			// the account's certification line (…领域创作者), a follow
			// button beside it. The author was the name with the
			// certification.
			file: "account_box_profile.html", url: "https://baijiahao.example.com/s?id=1799123456789012345",
			title: "退休教师办起“乡村书屋”，十年免费借书两万册", published: "2024-05-18 09:32", author: "江城生活观察",
			want: []string{"在江城县青石镇的一个小院里", "免费给他们辅导功课。"},
			not:  []string{"关注", "举报", "声明", "为你推荐"},
		},
		{
			// A government document (信息公开) closes its text with its
			// attachments in a block of their own, a label and the
			// documents' links parted by <br> (相关附件：<br><a>1.….docx
			// </a><br><a>2.….pdf</a>): the block, mostly links, was
			// dropped as a list of links away from the article. The
			// issuing body of its metadata table (发文机关) went unread
			// as the source.
			file: "doc_attachments_block.html", url: "http://www.example.gov.cn/zwgk/zcwj/202403/t20240306_1.html",
			title: "关于印发《某某县农村人居环境整治提升实施方案》的通知", published: "2024-03-06 16:20", views: "318",
			source: "某某县人民政府办公室", author: "某某县人民政府办公室", column: "政策文件",
			want: []string{"各乡镇人民政府，县政府各部门：", "确保各项任务落到实处。\n相关附件：\n1.某某县农村人居环境整治提升实施方案.docx\n2.任务分工表.pdf"},
			not:  []string{"索引号", "主题分类", "有效性", "打印", "ICP备"},
		},
		{
			// A government page's info line names the last update
			// before the publishing (更新时间：2024-06-20 17:32
			// 发布时间：2024-06-18 09:15): the first labelled date, the
			// update's, was the publish time.
			file: "update_time_first.html", url: "http://www.example.gov.cn/xzdt/202406/t20240618_1.html",
			title: "城关镇开展夏季消防安全大检查", published: "2024-06-18 09:15", views: "412", source: "城关镇人民政府", column: "乡镇动态",
			want: []string{"为切实做好夏季消防安全工作，6月17日", "坚决防范遏制火灾事故发生。"},
			not:  []string{"更新时间", "打印本页", "主办"},
		},
		{
			// A portal's repost of an agency story labels its writers
			// with the agency before their role (作者：新华社记者 王明
			// 李华): the author was the whole value, outlet and role
			// with the names.
			file: "outlet_reporter_author.html", url: "http://www.example.cn/sz/2024-06/16/c_1130.htm",
			title: "我国夏粮收获进度过七成", published: "2024-06-16 10:05", source: "新华网", author: "王明、李华", editor: "赵丽", column: "时政",
			want: []string{"新华社北京6月15日电 记者从农业农村部获悉", "秋粮种足种好。"},
			not:  []string{"作者", "分享到", "版权所有"},
		},
		{
			// A related-stories heading and its headlines, each a
			// paragraph of one link, set between the story's paragraphs
			// (相关新闻：, two headlines, then the story goes on), and
			// another such list closing it (推荐阅读：): the one in the
			// middle stayed in the body, the story outweighing it.
			file: "related_mid_story.html", url: "http://www.example.cn/jj/2024/0601/1.html",
			title: "江城启动夜间经济提升行动", published: "2024-06-01 10:20", source: "江城日报", author: "李明",
			want: []string{"进一步激发消费活力。", "延长商场、景区、文化场馆的营业时间。\n市商务局负责人介绍", "安全的夜间消费环境。"},
			not:  []string{"相关新闻", "江城老街夜市开市", "促消费十条措施", "推荐阅读", "一季度社会消费品零售总额"},
		},
		{
			// A government information page (信息公开) sets the
			// document's metadata as a list above the title, its date of
			// publishing labelled 公开日期 beside the 成文日期: the page
			// had no publish time tied to it and was no article.
			file: "disclosure_date_list.html", url: "http://www.example.gov.cn/xxgk/czyjs/content_1234.html",
			title: "某某县2024年度财政预算公开说明", published: "2024-03-06 00:00", source: "某某县财政局", column: "财政预决算",
			want: []string{"根据《中华人民共和国预算法》和有关规定", "支出安排8.5亿元。"},
			not:  []string{"001234567/2024-00088", "成文日期", "公开方式", "主办单位"},
		},
		{
			// Readers' comments under a short story in a box named with
			// letters that say nothing (div.g, each comment a div.g-i
			// with its date), headed by a bar that says how many took
			// part (网友评论　已有128人参与): the first comment, dated
			// and repeated, was taken for the first post of a thread.
			file: "comment_bar_count.html", url: "http://www.example.cn/xz/2024/0602/1.html",
			title: "青石镇新建口袋公园开放", published: "2024-06-02 10:20", source: "江城日报",
			want: []string{"6月1日，青石镇老街旁新建的口袋公园正式开放。", "家门口多了个好去处。"},
			not:  []string{"网友评论", "已有128人参与", "每天晚饭后都可以带孩子去走走", "文明遛狗"},
		},
		{
			// A forum thread sets the starter's info line (楼主：…
			// 时间：… 点击：…) between the title and the first post, whose
			// unit holds its text alone, and each reply's author, date
			// and floor in spans with no space between
			// (…19:45:02</span><span>1楼): the replies' dates ran on
			// into their floors' numbers, the thread was no thread, and
			// the body was the posts all together.
			file: "thread_first_post_apart.html", url: "http://bbs.example.cn/post-5-1234-1.shtml",
			title: "县城哪里可以学游泳？", published: "2024-06-05 19:20", views: "1356", author: "小鱼儿",
			want: []string{"暑假快到了，想给孩子报个游泳班", "谢谢大家！"},
			not:  []string{"推荐体育中心的游泳馆", "恒温游泳馆", "安全第一", "老江城"},
		},
		{
			// A Taiwan portal's story in traditional characters with a
			// related-stories heading and its headlines between its
			// paragraphs (相關新聞：), another list closing it (推薦閱讀：)
			// and its column labelled on the info line (欄目：地方新聞):
			// the headings, read in simplified characters only, stayed
			// in the body with the first list, and the column went
			// unread.
			file: "traditional_headings.html", url: "https://news.example.com.tw/local/20240601/88",
			title: "台中推動夜間經濟　打造十條特色夜市街區", published: "2024-06-01 10:20", author: "陳美玲", column: "地方新聞",
			want: []string{"進一步帶動地方消費動能。", "營業時間。\n經發局長表示", "夜間消費環境。"},
			not:  []string{"相關新聞", "逢甲夜市", "推薦閱讀", "第一季零售業", "上一篇"},
		},
		{
			// A Taiwan county government's news page closes its text
			// with the newsroom's sign-off (編輯：… 審核：…) and a line
			// of its controls in traditional characters and Taiwan's
			// words (【友善列印】【關閉視窗】【回到頂部】): the controls
			// stayed in the body, and so did the sign-off, no longer
			// closing it, its editor unread.
			file: "traditional_controls.html", url: "https://www.example.gov.tw/News_Content.aspx?n=1&s=102",
			title: "縣府舉辦長者健康講座", published: "2024-03-05 00:00", views: "356", source: "衛生局", editor: "李小華", column: "最新消息",
			want: []string{"縣政府今日在文化中心舉辦長者健康講座", "多走路運動。"},
			not:  []string{"列印", "關閉視窗", "回到頂部", "審核", "上一則"},
		},
		{
			// A story with pictures, each over its caption and a line
			// of its own with the control to enlarge it, linked to the
			// full picture (点击查看大图, 【查看原图】): the controls
			// stayed in the body.
			file: "picture_zoom_control.html", url: "http://www.example.cn/jj/2024/0520/1.html",
			title: "江城老街夜市开市 首晚吸引游客3万人次", published: "2024-05-20 22:10", source: "江城日报", author: "李明",
			want: []string{"吸引了大批市民游客。\n老街夜市人头攒动。\n据统计", "体验糖画制作。\n市商务局负责人表示", "吃得安心。"},
			not:  []string{"点击查看大图", "查看原图", "版权所有"},
		},
	}
	checkClassPages(t, tests)
}

// TestPostControlsNoArticle checks that reading a post's text block
// alone (forum_post_parts) turns no page of forum controls into an
// article: a Discuz thread served under a URL its profile does not know
// (?mobile=2), each post a unit of links (发消息, 回复, 举报, 只看该作者)
// around its text under a pager, is judged by the unit's links, as it was
// before the text block was read.
func TestPostControlsNoArticle(t *testing.T) {
	r := extractClassPage(t, "thread_post_controls.html", "http://top.wenming.test/thread-1-1-1.html?mobile=2")
	if r.IsArticle {
		t.Errorf("a forum thread is an article: %q", r.Title)
	}
	checkBody(t, r.Body, []string{"最近在小区里注意到文明交通方面还有不少问题"}, []string{"发消息", "只看该作者", "举报"})
}

// TestRelatedHeading checks the headings of related stories in
// simplified and traditional characters, and lines that are none.
func TestRelatedHeading(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"相关新闻：", true},
		{"相關新聞：", true},
		{"【推薦閱讀】", true},
		{"[延伸阅读]", true},
		{"熱門", true},
		{"相关部门表示，今年将继续推进。", false},
		{"本报讯", false},
		{"相关新闻相关新闻相关新闻相关新闻相关", false},
	}
	for _, tc := range tests {
		if got := relatedHeading(tc.in); got != tc.want {
			t.Errorf("relatedHeading(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// TestSimplified checks that the traditional characters of the rules'
// labels and headings read as their simplified forms, the text's bytes
// aligned with the original's, and that other text stays as it is.
func TestSimplified(t *testing.T) {
	tests := []struct{ in, want string }{
		{"相關新聞：", "相关新闻："},
		{"推薦閱讀", "推荐阅读"},
		{"欄目：地方新聞　作者：陳美玲", "栏目：地方新闻　作者：陳美玲"},
		{"相关阅读", "相关阅读"},
		{"Related: 熱門", "Related: 热门"},
		{"", ""},
	}
	for _, tc := range tests {
		got := simplified(tc.in)
		if got != tc.want {
			t.Errorf("simplified(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if len(got) != len(tc.in) {
			t.Errorf("simplified(%q) is %d bytes, want %d", tc.in, len(got), len(tc.in))
		}
	}
	for from, to := range simplifiedRunes {
		if utf8.RuneLen(from) != 3 || utf8.RuneLen(to) != 3 {
			t.Errorf("%q → %q: not both three bytes", from, to)
		}
	}
}
