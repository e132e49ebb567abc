package extract

import (
	"strings"
	"testing"
)

// TestTemplateClasses runs one page of our own making for each further
// class of Chinese article template — portals, government sites, county
// media centres — that the pages of TestPortalClasses and
// TestChinesePageClasses leave out: how an info line sets its fields,
// where the newsroom's credits stand, which <meta> dates the page. Each
// page stands for a class, not a site.
func TestTemplateClasses(t *testing.T) {
	tests := []classPage{
		{
			// A county media centre's info line names the source, then
			// the reporter and the photographer with labels no list of
			// ours holds (记者：, 摄影：), set off by wide spaces: the
			// source ran on into them ("…融媒体中心　记者：王磊"). A word
			// and a colon after a space is the next field, whatever the
			// word.
			file: "info_unlisted_label.html", url: "http://www.example.cn/bdxw/2024-03/18/1234.html",
			title: "全县春季植树造林工作全面启动", published: "2024-03-18 08:23", source: "某某县融媒体中心", author: "王磊",
			want: []string{"3月18日，全县春季植树造林工作在城南荒山造林基地全面启动", "确保栽一棵、活一棵、成林一片。"},
			not:  []string{"记者：", "版权所有", "今天是"},
		},
		{
			// A government site's story whose last paragraph closes
			// with the editor's credit in brackets, glued to its text
			// (…事事有回音。（责任编辑：王强）): the editor went unread and
			// the credit stayed in the body.
			file: "closing_bracket_credits.html", url: "http://www.example.gov.cn/xwzx/xzdt/202404/t20240412_5512.html",
			title: "我县开展“我为群众办实事”走访活动", published: "2024-04-12 00:00", source: "县委组织部", editor: "王强",
			want: []string{"4月11日至12日，县委组织部组织机关党员干部", "确保件件有着落、事事有回音。"},
			not:  []string{"责任编辑", "字体", "打印本页"},
		},
		{
			// A picture story that dates itself only in <meta>: its
			// publishdate gives the day, the og:release_date after it
			// the day and the time. The first key found gave the day
			// alone.
			file: "meta_time_of_day.html", url: "http://pic.example.cn/tp/2024/0326/123.html",
			title: "长江两岸春色浓", published: "2024-03-26 15:40",
			want: []string{"3月26日，江城长江两岸桃花、油菜花竞相绽放", "游客在江滩公园的花海中拍照。"},
			not:  []string{"更多图片", "油菜花海引客来", "分享"},
		},
		{
			// A portal's info line written the self-media way, a bar
			// for each field's colon (来源｜江城日报 作者｜张伟), beside a
			// toolbar parted by the same bars (分享｜打印｜关闭), and the
			// editor so under the text (编辑｜李丽): the source and the
			// editor went unread.
			file: "info_line_bars.html", url: "http://www.example.cn/ms/2024/0318/123.html",
			title: "江城：“15分钟便民生活圈”让居民生活更便利", published: "2024-03-18 09:32", source: "江城日报", author: "张伟", editor: "李丽",
			want: []string{"走出家门，步行不到10分钟", "力争到2025年实现城市社区便民生活圈全覆盖。"},
			not:  []string{"来源", "打印", "热门文章", "版权所有"},
		},
		{
			// The English edition of a Chinese paper: the info line opens
			// with the writer's name in capitals and the place
			// (By ZHANG WEI in Jiangcheng | site | Updated: …); the
			// author went unread.
			file: "english_byline.html", url: "http://www.example.cn/a/202402/25/WS65da1b2ca31082fc043b8a1c.html",
			title: "Ancient town draws visitors with lantern festival", published: "2024-02-25 09:12", author: "ZHANG WEI",
			want: []string{"Thousands of visitors flocked to the ancient town of Nanxi", "up 30 percent year-on-year."},
			not:  []string{"Updated", "Most Viewed", "Copyright"},
		},
		{
			// A portal's info line sets the time in one element and the
			// source in a link classed source, no label before it
			// (<span class="date">…</span><a class="source">新京报</a>),
			// in a wrapper classed for both (date-source): the source
			// went unread.
			file: "source_link_unlabelled.html", url: "https://news.example.com/c/2024-03-18/doc-inamxyz1234567.shtml",
			title: "多地出台措施促进家政服务业提质扩容", published: "2024-03-18 08:23", source: "新京报", editor: "刘德宾",
			want: []string{"家政服务业是“小切口、大民生”的行业。", "让消费者放心、从业者安心。"},
			not:  []string{"责任编辑", "评论", "微博", "版权所有"},
		},
		{
			// A government document (政府信息公开) whose metadata table
			// above the title names the issuing body as 发文机关, not
			// 发布机构, and dates the writing (成文日期) a week before the
			// publishing (发布日期): the issuer went unread.
			file: "doc_meta_issuer.html", url: "http://www.example.gov.cn/zwgk/xxgk/202403/t20240318_12.html",
			title: "某某县人民政府办公室关于印发《某某县2024年春季植树造林实施方案》的通知", published: "2024-03-18 00:00", author: "某某县人民政府办公室",
			want: []string{"各乡镇人民政府，县政府有关部门：", "某某县人民政府办公室\n2024年3月10日"},
			not:  []string{"索引号", "发文字号", "主题分类"},
		},
		{
			// A portal's article that shows no time: its script's data
			// object holds it under a quoted key
			// (window.DATA = {…,"pubtime":"2024-04-12 18:05:00",…}); the
			// quote closing the key hid the colon, so the page was
			// undated and no article.
			file: "script_data_object.html", url: "https://news.example.com/rain/a/20240412A01XYZ00",
			title: "县第一中学举行春季运动会", published: "2024-04-12 18:05",
			want: []string{"4月12日，县第一中学第二十届春季田径运动会在学校体育场开幕", "让每一名学生都能享受运动的乐趣。"},
			not:  []string{"热点精选", "关注", "Copyright"},
		},
		{
			// A county site on 动易 (PowerEasy, GB2312, laid out in
			// tables): every step of its trail is a link classed
			// LinkPath, the trail itself unclassed, so the trail read
			// was its first step, the site's name, and the column was
			// empty.
			file: "crumb_step_links.html", url: "http://www.example.cn/Article/ShowArticle.asp?ArticleID=1287",
			title: "我镇召开新时代文明实践工作推进会", published: "2024-03-18 00:00", column: "工作动态",
			want: []string{"3月18日上午，我镇召开新时代文明实践工作推进会", "推动文明实践走深走实。"},
			not:  []string{"作者", "发表评论", "上一篇", "动易网络"},
		},
		{
			// A county portal's short story and, in the same wrapper,
			// its readers' messages under the heading 网友留言（3）, each
			// a name, a time and a paragraph longer than the story's, in
			// boxes named by pinyin initials (pl_box, pl_item): they were
			// read as the story's text.
			file: "message_box_heading.html", url: "http://www.example.cn/ms/2024/0601/881.html",
			title: "我市公交线路优化调整", published: "2024-06-01 08:00", source: "市交通运输局",
			want: []string{"6月1日起，我市对12条公交线路进行优化调整", "具体调整方案可通过“江城公交”微信公众号查询。"},
			not:  []string{"网友留言", "城东居民", "早高峰", "保留一个站点"},
		},
		{
			// A county government's template scrolls a notice across
			// the top of every page in a <marquee> (欢迎访问…，感谢您的关注
			// 和支持！), sentences longer than a short story's: the
			// notice and the title were read with the story.
			file: "marquee_notice.html", url: "http://www.example.gov.cn/zwyw/2024-06/12/123.html",
			title: "县长主持召开防汛工作会议", published: "2024-06-12 00:00", source: "县政府办",
			want: []string{"6月12日，县长主持召开全县防汛工作会议", "确保安全度汛。"},
			not:  []string{"欢迎访问", "我要留言", "县长主持召开防汛工作会议\n"},
		},
		{
			// A city portal closes every story, inside the text's
			// container, with the site's statement of its rights (凡本网
			// 注明“来源：江城网”的所有作品，版权均属于江城网…): three
			// sentences, kept as the story's last paragraph.
			file: "rights_statement.html", url: "http://www.example.cn/wh/2024/0608/1.html",
			title: "江城举办非遗文化周活动", published: "2024-06-08 09:00", source: "江城网", author: "刘洋",
			want: []string{"6月8日是文化和自然遗产日", "让更多市民了解非遗、爱上非遗。"},
			not:  []string{"凡本网注明", "版权均属于", "法律责任"},
		},
		{
			// A county government's table layout: the left column's
			// 县情简介 box (the county's area, towns, people, honours —
			// four sentences) comes before the story in the document,
			// the story in the right column is two short sentences
			// under its title: the box was the body.
			file: "side_box_before_title.html", url: "http://www.example.gov.cn/zwyw/2024-03/20/1.html",
			title: "县领导调研春耕生产", published: "2024-03-20 00:00", source: "县农业农村局",
			want: []string{"3月20日，县领导深入城关镇、大营镇调研春耕生产工作。", "确保粮食播种面积稳定。"},
			not:  []string{"县情简介", "总面积1860平方公里", "详细", "社保查询"},
		},
		{
			// A self-media article (头条号, 百家号) closing with the
			// writer's signature asking for a follow with no verb of
			// the WeChat prompts (本文由江城视野原创，欢迎关注，带你一起长
			// 知识！): it stayed as the last paragraph.
			file: "self_media_signature.html", url: "https://www.example.com/article/7375812345678901234/",
			title: "县城的早餐店，藏着一座城的烟火气", published: "2024-06-02 06:30", author: "江城视野",
			want: []string{"清晨五点半，老街口的早餐店已经亮起了灯。", "交换消息的“客厅”。"},
			not:  []string{"欢迎关注", "长知识", "举报"},
		},
		{
			// A portal closes the text with the newsroom's roles, the
			// picture editor's among them (责任编辑：李四　图片编辑：王五,
			// then 校对：赵六): the editor ran on into the next role.
			file: "newsroom_roles_line.html", url: "https://www.example.cn/newsDetail_forward_27512345",
			title: "一座老厂房的“新生”", published: "2024-05-22 07:45", source: "澎湃新闻", author: "张伟", editor: "李四",
			want: []string{"走进江城市东郊的“1958文创园”", "成为市民周末休闲的好去处。"},
			not:  []string{"责任编辑", "图片编辑", "校对", "热新闻"},
		},
		{
			// A national portal ends the text's container with a link to
			// report an error and the editor, each in brackets
			// (<a>【纠错】</a> 【责任编辑：张三 】): the line, a label and
			// a link, was dropped as a pointer to other stories, the
			// editor with it.
			file: "correction_link_credits.html", url: "http://www.example.cn/politics/20240520/3f1e2d.html",
			title: "全国春播粮食面积已过六成", published: "2024-05-20 08:30", source: "新华网", author: "王小明", editor: "张三",
			want: []string{"新华社北京5月20日电（记者王小明）", "确保春播任务顺利完成。"},
			not:  []string{"纠错", "责任编辑"},
		},
		{
			// A city portal's article whose text opens with its source
			// in brackets, a line of its own (【来源：江城日报】): it
			// stayed as the first paragraph; without brackets it is read
			// as a meta line.
			file: "source_line_brackets.html", url: "http://www.example.cn/cs/2024-04/02/content_1.htm",
			title: "我市新增3条城市绿道", published: "2024-04-02 09:10", source: "江城日报", editor: "周敏",
			want: []string{"记者从市园林局获悉", "“城在园中、园在城中”的格局。"},
			not:  []string{"【来源", "责任编辑"},
		},
		{
			// A media centre's story with an audio player over the text
			// (听新闻 and its clock, 00:00/03:12) and a video whose
			// placeholder says it is loading (视频加载中，请稍候...): both
			// lines opened the body.
			file: "player_lines.html", url: "http://www.example.cn/wh/2024-06/10/88.html",
			title: "探访江城非遗工坊：指尖上的传承", published: "2024-06-10 18:20", source: "江城融媒体中心", author: "孙倩",
			want: []string{"在江城非遗工坊里，72岁的竹编传承人老周", "这门手艺就不会断。”老周说。"},
			not:  []string{"听新闻", "00:00", "加载中"},
		},
		{
			// A portal's repost closing with its source labelled 本文来源
			// in parentheses (（本文来源：新京报）): the label was none of
			// ours, so the source went unread and the line stayed.
			file: "article_source_line.html", url: "http://www.example.cn/sh/2024/0528/1.html",
			title: "多地推出“15分钟养老服务圈”", published: "2024-05-28 10:05", source: "新京报", editor: "孙倩",
			want: []string{"助餐、助浴、助医……", "同时加强专业人才队伍建设。"},
			not:  []string{"本文来源", "排行榜"},
		},
		{
			// A media centre's short video closing with its makers
			// (摄像：李强　剪辑：王丽, a byline that stays) and its
			// production credits (出品：…　监制：王强　制作：孙倩), roles
			// the newsroom's sign-off did not list: that line stayed.
			file: "production_credits.html", url: "http://www.example.cn/sp/2024-07/15/301.html",
			title: "【微视频】小村庄里的“共享厨房”", published: "2024-07-15 17:30", source: "江城融媒体中心",
			want: []string{"在桃源村，一间由旧仓库改造的“共享厨房”", "累计服务老人1.2万人次。\n摄像：李强　剪辑：王丽"},
			not:  []string{"出品", "监制", "制作"},
		},
		{
			// A paper's mobile page with its prompts set as paragraphs of
			// the text: to share it by a QR code before, to get or open
			// the paper's app after (下载江城日报客户端，看更多本地新闻,
			// 打开APP阅读全文); they stayed in the body.
			file: "app_prompts.html", url: "http://m.example.cn/content/2024-06/20/content_551.html",
			title: "江城夜市“烟火气”回来了", published: "2024-06-20 21:05", source: "江城日报", author: "陈静",
			want: []string{"夜幕降临，南河夜市人头攒动", "夜市日均客流量超过2万人次。"},
			not:  []string{"二维码", "客户端", "APP"},
		},
		{
			// An old county forum on 动网 (DVBBS, GB2312): the post's
			// time labelled 发贴时间, the poster's card before it with
			// the date he joined (注册：2004-5-12), and the post closing
			// with the forum's stamp of its edit ([此贴子已经被作者于
			// 2006-4-18 20:30:12编辑过]). The label was none of ours, so
			// the page was dated by the first date on it, the joining
			// day, and was no article; the stamp stayed in the text.
			file: "bbs_edit_stamp.html", url: "http://bbs.example.cn/dispbbs.asp?boardid=3&id=8812",
			title: "说说咱们县城这几年的变化", published: "2006-04-18 20:15",
			want: []string{"离开县城五年，这次回来真是认不出了。", "希望以后能多修几个停车场。"},
			not:  []string{"编辑过", "停车的事情我也深有体会", "注册", "Dvbbs"},
		},
		{
			// A news site's story that names its source only in
			// <meta name="source"> (its <title> names the site): the
			// source went unread.
			file: "meta_source_name.html", url: "http://www.example.cn/jc/2024-05/30/c_1130152488.htm",
			title: "江城地铁5号线全线“洞通”", published: "2024-05-30 16:48", source: "江城日报",
			want: []string{"记者从江城地铁集团获悉", "只需35分钟。"},
			not:  []string{"图片新闻", "长江两岸春色浓"},
		},
		{
			// A portal's headline broken over two lines in its heading
			// (<h1>江城：老旧小区改造<br>让居民住得更舒心</h1>) that
			// <title> writes as one run: the break was read as a space
			// the title does not have.
			file: "title_line_break.html", url: "http://df.example.cn/n1/2024/0402/c1234-40210001.html",
			title: "江城：老旧小区改造让居民住得更舒心", published: "2024-04-02 09:10", source: "江城日报", editor: "赵欣悦、牛镛",
			want: []string{"记者从市住建局获悉", "改造方案由居民共同商定。"},
			not:  []string{"责编"},
		},
		{
			// A county media centre's info line names the reporters
			// after the source with their roles set apart by wide
			// spaces and no colon (来源：某某县融媒体中心　记者　张伟
			// 通讯员　王静): the source ran on into them and the authors
			// went unread.
			file: "info_reporter_role.html", url: "http://www.example.cn/bdxw/2024-04/02/1.html",
			title: "我县新增3条城乡公交线路", published: "2024-04-02 09:10", source: "某某县融媒体中心", author: "张伟、王静",
			want: []string{"4月1日起，我县新开通县城至大营镇", "适时优化线路和班次。"},
			not:  []string{"记者", "版权所有"},
		},
		{
			// A city government's template titles every page with the
			// site's name, as its logo says it, heads the page with the
			// column's name (<h1>政务要闻</h1>) and says the article's
			// title nowhere but in <meta name="ArticleTitle">: the logo
			// was taken for the title.
			file: "meta_title_logo.html", url: "http://www.example.gov.cn/zwyw/2024-04/15/1.html",
			title: "市政府召开第32次常务会议", published: "2024-04-15 18:30", source: "市政府办公室", column: "政务要闻",
			want: []string{"4月15日，市长主持召开市政府第32次常务会议", "防汛备汛等工作。"},
			not:  []string{"某某市人民政府", "政务公开"},
		},
		{
			// The same layout with the 县情简介 box in the right column,
			// after the story, closing with a link to the page it
			// introduces ([详细]): no headline between, the box was the
			// body again.
			file: "side_box_more_link.html", url: "http://www.example.gov.cn/zwyw/2024-03/20/2.html",
			title: "县领导调研春耕生产", published: "2024-03-20 00:00", source: "县农业农村局",
			want: []string{"3月20日，县领导深入城关镇、大营镇调研春耕生产工作。", "确保粮食播种面积稳定。"},
			not:  []string{"县情简介", "总面积1860平方公里", "详细", "社保查询"},
		},
		{
			// A news app's page shows the time relative to now
			// (3小时前) and keeps it in the element's attribute as a
			// Unix time (<span class="time" data-time="1712020200">):
			// the page was undated and no article.
			file: "relative_time_attr.html", url: "https://m.example.com/a/7353012345678901234",
			title: "江城今年将新增学位1.2万个", published: "2024-04-02 09:10", source: "江城发布",
			want: []string{"记者从市教育局获悉", "推动优质教育资源向新城区延伸。"},
			not:  []string{"3小时前", "相关推荐"},
		},
		{
			// A county site's repost closing with where it was taken
			// from (文章转载自：某某日报): the label was none of ours, so
			// the source went unread and the line stayed.
			file: "reposted_from_line.html", url: "http://www.example.cn/zyfw/202402/t20240205_88.html",
			title: "“红马甲”温暖回家路", published: "2024-02-05 16:20", views: "326", source: "某某日报", column: "志愿服务",
			want: []string{"春运期间，县高铁站的“红马甲”志愿服务站格外忙碌。", "300余人次。"},
			not:  []string{"转载自", "技术支持"},
		},
	}
	checkClassPages(t, tests)
}

// TestInfoRoleByline checks the names infoRoleByline reads from an info
// line.
func TestInfoRoleByline(t *testing.T) {
	for _, tt := range []struct{ line, names string }{
		{"2024-04-02 09:10　来源：某某县融媒体中心　记者　张伟　通讯员　王静", "张伟 王静"},
		{"2024-04-02 09:10　融媒体中心记者：张伟", "张伟"},
		{"2024-04-02 09:10　江城日报记者　张伟", "张伟"},
		{"记者 张伟 2024-04-02", ""},                        // opening the line: openingByline's
		{"2024-04-02 来源：江城日报记者站", ""},                   // the role inside the source's value
		{"2017-03-10 09:58:03　来源：科学人　作者：　责任编辑：肖春芳", ""}, // a writer's label, empty
	} {
		if got := strings.Join(infoRoleByline([]string{tt.line}), " "); got != tt.names {
			t.Errorf("infoRoleByline(%q) = %q, want %q", tt.line, got, tt.names)
		}
	}
}

// TestEditStamp checks which lines editStamp reads as a forum's stamp of
// an edited post.
func TestEditStamp(t *testing.T) {
	for _, tt := range []struct {
		line string
		ok   bool
	}{
		{"本帖最后由 山里的风 于 2023-4-16 09:30 编辑", true},
		{"[ 本帖最后由 山里的风 于 2008-5-2 10:11 编辑 ]", true},
		{"[此贴子已经被作者于2006-4-18 20:30:12编辑过]", true},
		{"此帖被老王在2010-03-18 09:30重新编辑", true},
		{"最后编辑于 2024-03-18 09:30", true},
		{"本帖最后由 山里的风 编辑", false},                     // no time
		{"最后编辑部于2024年3月18日召开了总结会，会议回顾了全年工作。", false}, // a sentence
	} {
		if got := editStamp(tt.line); got != tt.ok {
			t.Errorf("editStamp(%q) = %v, want %v", tt.line, got, tt.ok)
		}
	}
}

// TestPlayerLine checks which lines playerLine reads as a media player's.
func TestPlayerLine(t *testing.T) {
	for _, tt := range []struct {
		line string
		ok   bool
	}{
		{"听新闻00:00/03:12", true},
		{"00:00 / 04:25 倍速", true},
		{"视频加载中，请稍候...", true},
		{"图片正在加载", true},
		{"比赛于19:30开始，21:15结束", false}, // times in a sentence
		{"营业时间：09:00-21:00", false},   // a span, not elapsed over total
		{"数据正在加载中，系统显示全市已有1200余家企业完成申报工作", false}, // a sentence
		{"2024/03/18", false},
	} {
		if got := playerLine(tt.line); got != tt.ok {
			t.Errorf("playerLine(%q) = %v, want %v", tt.line, got, tt.ok)
		}
	}
}

// TestRightsLine checks which closing lines rightsLine reads as a
// statement of the site's rights.
func TestRightsLine(t *testing.T) {
	for _, tt := range []struct {
		line string
		ok   bool
	}{
		{"凡本网注明“来源：江城网”的所有作品，版权均属于江城网，未经本网授权不得转载。", true},
		{"版权声明：本文系江城发布原创，转载请注明出处。", true},
		{"【免责声明】本文仅代表作者个人观点，与本网无关。", true},
		{"声明：本文转载自网络，版权归原作者所有，如有侵权请联系删除。", true},
		{"（声明：本文图片来源于网络，如有侵权请联系删除）", true},
		{"据了解，该书的版权已授权给多家出版社。", false},        // a sentence of the story
		{"声明称，公司将依法维护自身合法权益，追究侵权者责任。", false}, // a statement the story reports
		{"特别声明：以上活动最终解释权归主办方所有。", false},      // no rights of a text
		{"发布声明：江城日报社", false},
	} {
		if got := rightsLine(tt.line); got != tt.ok {
			t.Errorf("rightsLine(%q) = %v, want %v", tt.line, got, tt.ok)
		}
	}
}

// TestEnglishByline checks the names englishByline reads from an English
// info line.
func TestEnglishByline(t *testing.T) {
	for _, tt := range []struct{ line, want string }{
		{"By ZHANG WEI in Jiangcheng | chinadaily.com.cn | Updated: 2024-02-25 09:12", "ZHANG WEI"},
		{"By Li Na and Wang Lei | China Daily | Updated: 2024-02-25", "Li Na and Wang Lei"},
		{"By Xinhua | Updated: 2024-02-25 09:12", "Xinhua"},
		{"BY CHEN JIA, Beijing", "CHEN JIA"},
		{"By the end of the year, the town expects 100,000 visitors.", ""}, // a sentence
		{"Updated: 2024-02-25 09:12 By ZHANG WEI", ""},                     // not opening the line
		{"Byline ZHANG WEI", ""},
	} {
		if got := englishByline(tt.line); got != tt.want {
			t.Errorf("englishByline(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

// TestBarredLabels checks the values labelValue reads after a label glued
// to a bar, and the toolbars it reads none from.
func TestBarredLabels(t *testing.T) {
	for _, tt := range []struct {
		text   string
		labels []string
		want   string
	}{
		{"2024-03-18 09:32 来源｜江城日报 作者｜张伟 分享｜打印｜关闭", sourceLabels, "江城日报"},
		{"2024-03-18 09:32 来源｜江城日报 作者｜张伟 分享｜打印｜关闭", authorLabels, "张伟"},
		{"来源丨新华社　作者丨张伟", authorLabels, "张伟"},
		{"编辑|李丽", editorLabels, "李丽"},
		{"编辑 | 删除 | 举报", editorLabels, ""},        // a post's controls
		{"编辑｜打印｜关闭", editorLabels, ""},            // a toolbar
		{"来源｜作者｜时间", sourceLabels, ""},            // a table's headings
		{"首页 | 新闻来源 | 联系我们", sourceLabels, ""},    // the bar is not glued to a label
		{"数据来源｜国家统计局", sourceLabels, ""},          // a longer word
		{"来源：江城日报 | 作者：张伟", sourceLabels, "江城日报"}, // colons, bars between the fields
	} {
		if got := labelValue(tt.text, tt.labels); got != tt.want {
			t.Errorf("labelValue(%q, %q) = %q, want %q", tt.text, tt.labels[0], got, tt.want)
		}
	}
}

// TestCutClosingCredits checks the credits cutClosingCredits cuts from
// the end of a paragraph and the editor it reads from them.
func TestCutClosingCredits(t *testing.T) {
	for _, tt := range []struct {
		line, text, editor string // text "" = nothing cut
	}{
		{"确保件件有着落。（责任编辑：王强）", "确保件件有着落。", "王强"},
		{"确保件件有着落。【编辑：李丽 审核：王强】", "确保件件有着落。", "李丽"},
		{"确保件件有着落。[责编：周敏]", "确保件件有着落。", "周敏"},
		{"确保件件有着落。（审核：王强）", "确保件件有着落。", ""},
		{"（责任编辑：王强）", "", ""},              // the whole line: credits reads it
		{"确保件件有着落。（记者 张伟）", "", ""},        // a byline, not the newsroom's
		{"会议由县长主持（县委副书记、县长）", "", ""},      // a post in parentheses
		{"确保件件有着落。（据县委组织部，编辑：王强）", "", ""}, // a sentence's comma
		{"确保件件有着落。", "", ""},
	} {
		text, editor, ok := cutClosingCredits(tt.line)
		if !ok {
			text, editor = "", ""
		}
		if text != tt.text || editor != tt.editor {
			t.Errorf("cutClosingCredits(%q) = %q, %q, want %q, %q", tt.line, text, editor, tt.text, tt.editor)
		}
	}
}
