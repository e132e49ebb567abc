package extract

import (
	"slices"
	"testing"

	"github.com/wenming-archive/wenming/internal/article"
)

// TestFormClasses runs one page of our own making for each further form
// in which Chinese templates write a field — a date with a two-digit
// year, several names under one label, a trail without a class, a story
// closed by an end mark — that the pages of TestPortalClasses,
// TestChinesePageClasses and TestTemplateClasses leave out. Each page
// stands for a class, not a site.
func TestFormClasses(t *testing.T) {
	tests := []classPage{
		{
			// A school site's old table template (GBK) prints the update
			// time with the year's last two digits in the cell between
			// the title and the text (更新时间：24/02/27): the page had
			// no date and was no article.
			file: "short_year_info_cell.html", url: "http://www.example.edu.cn/Article/ShowArticle.asp?ArticleID=1234",
			title: "我校举行新学期安全教育主题班会", published: "2024-02-27 00:00", views: "86",
			want: []string{"2月26日下午，我校各班同时召开", "争做安全小卫士。"},
			not:  []string{"更新时间", "最新文章", "版权所有"},
		},
		{
			// A government page sets the info line, its time with a
			// two-digit year (发布时间：24-06-12 09:30), as the first
			// paragraph of the text's container: the page had no date,
			// the line stayed in the body, and its view count went
			// unread (with a four-digit year too).
			file: "short_year_opening_line.html", url: "http://www.example.gov.cn/xwzx/gzdt/content_8812.html",
			title: "城关镇开展防汛应急演练", published: "2024-06-12 09:30", views: "215", source: "城关镇人民政府",
			want: []string{"6月11日上午，城关镇在沙河村河道旁开展防汛应急演练", "自救互救能力。"},
			not:  []string{"发布时间", "浏览次数", "备案号"},
		},
		{
			// Three writers under one label, parted by spaces
			// (作者：张伟 李娜 王强): the author was the value as written,
			// not the names joined as other bylines' are.
			file: "spaced_author_names.html", url: "http://www.example.cn/bd/2024/0520/c1234.html",
			title: "全市首个“15分钟养老服务圈”建成投用", published: "2024-05-20 08:15", source: "江城日报", author: "张伟、李娜、王强", editor: "刘洋",
			want: []string{"5月19日，位于城东街道的全市首个", "“15分钟养老服务圈”全覆盖。"},
			not:  []string{"作者", "责任编辑", "版权所有"},
		},
		{
			// A portal's info line names the source in a span classed
			// by its short form, no label before it
			// (<span class="src">新华社</span>): the source went unread.
			file: "src_span_unlabelled.html", url: "https://tech.example.com/a/2024-04-10/doc-1234567.shtml",
			title: "我国科学家在量子计算领域取得新突破", published: "2024-04-10 14:22", source: "新华社", editor: "王晓",
			want: []string{"新华社合肥4月10日电 记者从中国科学技术大学获悉", "具有重要意义。"},
			not:  []string{"责任编辑", "版权所有"},
		},
		{
			// A county 文明网 prints its trail bare above the title, in a
			// div classed for its look: a link to the front page, >>,
			// the column's link (首页 >> 县区动态). No class or label
			// named it; the column went unread.
			file: "crumb_unlabelled.html", url: "http://www.example.cn/xqdt/2024/0515/c1234.html",
			title: "城南社区开展邻里节活动", published: "2024-05-15 16:20", views: "342", column: "县区动态",
			want: []string{"5月15日，城南社区在小区广场举办第三届邻里节活动", "和谐友善的社区氛围。"},
			not:  []string{"首页", "文明创建", "版权所有"},
		},
		{
			// A government picture story's trail in a table cell,
			// parted by arrows and ending with the story's own title
			// (首页→图片新闻→春耕时节田野忙): the column is the step
			// before the title.
			file: "crumb_arrow_title.html", url: "http://www.example.gov.cn/tpxw/202403/t20240322_1234.html",
			title: "春耕时节田野忙", published: "2024-03-22 00:00", source: "县农业农村局", column: "图片新闻",
			want: []string{"时下正值春耕时节", "目前已完成春播面积12万亩。"},
			not:  []string{"首页", "政务公开"},
		},
		{
			// An evening paper's feature opened by the credit of one who
			// wrote it and took its pictures (文 图/张伟): the author went
			// unread. The byline stays in the body, as bylines do.
			file: "text_photo_byline.html", url: "http://www.example.cn/wh/2024/0402/c1234.html",
			title: "古村落里的“新农人”", published: "2024-04-02 07:30", source: "江城晚报", author: "张伟",
			want: []string{"走进青山村，白墙黛瓦间", "年销售额超过500万元。"},
			not:  []string{"版权所有"},
		},
		{
			// An agency's wire closes with （完） glued to its last
			// sentence, the editor's credit after it: the mark stayed
			// in the body.
			file: "end_mark_glued.html", url: "http://www.example.cn/gn/2024/0712/c1234.html",
			title: "全国铁路迎来暑运客流高峰", published: "2024-07-12 10:05", source: "新华网", author: "张伟", editor: "李丽",
			want: []string{"新华社北京7月12日电（记者张伟）", "方便旅客出行。"},
			not:  []string{"（完）", "纠错", "责任编辑"},
		},
		{
			// A county 文明网's repost of a city account's article: the
			// account's "- END -" on a line of its own, then its credits
			// (来源：江城发布, 编辑：刘洋), its recent posts and its prompts
			// (点击“阅读原文”了解更多). The mark and the prompt to press
			// 阅读原文 stayed in the body, and the source, an account
			// named the way government accounts are (…发布), lost its
			// last word to the date label 发布.
			file: "end_mark_line.html", url: "http://www.example.cn/wmsj/2024/0705/c1234.html",
			title: "这个夏天，来江城看荷花！", published: "2024-07-05 18:30", source: "江城发布", editor: "刘洋",
			want: []string{"盛夏时节，江城湿地公园的千亩荷花竞相绽放", "市民游客可错峰前往。"},
			not:  []string{"END", "审核", "往期推荐", "防汛", "阅读原文", "在看", "版权所有"},
		},
		{
			// Readers' comments after a short story in a box named by
			// 评论's pinyin initials (<div id="pl">), with no heading:
			// they were glued to the body.
			file: "pl_comment_box.html", url: "http://www.example.gov.cn/xwzx/2024/0614/c1234.html",
			title: "县领导走访慰问困难群众", published: "2024-06-14 00:00", source: "县民政局",
			want: []string{"6月13日，县领导深入城关镇、河西乡走访慰问困难群众。", "冷暖放在心上。"},
			not:  []string{"网友", "点赞", "经济运行分析会"},
		},
		{
			// A self-media platform's article sets its info line as
			// spans without a label — a tag, the account, the time, the
			// place (原创 江城日报 2024-04-10 14:22 ·江苏) — inside the
			// container it shares with the text: the line opened the
			// body.
			file: "stamp_line_spans.html", url: "https://www.example.com/article/7356123456789012345/",
			title: "江城这条老街火了，周末游客爆满", published: "2024-04-10 14:22",
			want: []string{"这个周末，江城南门老街人气爆棚", "周末两天老街接待游客超过5万人次。"},
			not:  []string{"原创", "江苏", "2024-04-10"},
		},
		{
			// A health bureau's page closes the text with a control in
			// brackets and the editor's credit on one line (【我要纠错】
			// 责任编辑：刘洋): the editor went unread and the line stayed
			// in the body.
			file: "controls_then_editor.html", url: "http://www.example.gov.cn/jkdt/2024/0519/c1234.html",
			title: "县医院开展“世界家庭医生日”义诊活动", published: "2024-05-19 10:12", views: "486", source: "县人民医院", editor: "刘洋",
			want: []string{"5月19日是第十四个“世界家庭医生日”", "现场新增签约居民60余户。"},
			not:  []string{"纠错", "责任编辑", "主办"},
		},
		{
			// A county government's department news names the unit the
			// story came from (报送单位：县教育局; 供稿单位, 来源单位 alike)
			// and closes with its sign-off in brackets (（供稿：县教育局
			// 审核：王强）): the source went unread and the sign-off
			// stayed in the body.
			file: "contributing_unit.html", url: "http://www.example.gov.cn/bmdt/2024/0603/c1234.html",
			title: "县教育局召开2024年中考工作部署会", published: "2024-06-03 15:40", views: "217", source: "县教育局", column: "部门动态",
			want: []string{"6月3日，县教育局召开2024年中考工作部署会", "为考生营造良好的考试环境。"},
			not:  []string{"供稿", "审核", "主办单位"},
		},
		{
			// A women's federation site titles every article page by its
			// kind (<title>信息详情-某某县妇女联合会</title>) and sets the
			// story's title in a bare <h2>: the title was "信息详情".
			file: "page_kind_title.html", url: "http://www.example.org.cn/detail/1234.html",
			title: "县妇联开展“巾帼心向党 奋进新征程”主题宣讲活动", published: "2024-03-08 11:05", views: "358", column: "工作动态",
			want: []string{"3月8日，县妇联组织巾帼宣讲团走进城关镇新华社区", "引导广大妇女听党话、跟党走。"},
			not:  []string{"发布人", "版权所有"},
		},
		{
			// An evening paper's e-paper page credits the text and the
			// pictures as fields of the info line, after the date and
			// the page (2024-02-06　第A05版：城事　文/张伟　图/李娜): the
			// author went unread (文/ counted only opening a line).
			file: "info_text_credit.html", url: "http://epaper.example.cn/html/2024-02/06/content_12345.htm",
			title: "老手艺人的新“年味”", published: "2024-02-06 00:00", author: "张伟",
			want: []string{"春节临近，老城区的非遗市集热闹起来。", "引得孩子们连声叫好。"},
			not:  []string{"第A05版", "版权所有"},
		},
		{
			// A school site's table template names the column above the
			// title with a label of its own (当前栏目：校园动态; 当前路径：
			// 首页 / … alike), no trail of arrows: the column went unread.
			file: "current_column_label.html", url: "http://www.example.edu.cn/xydt/2024/0524/123.html",
			title: "我校举办第十届校园科技节", published: "2024-05-24 00:00", views: "163", column: "校园动态",
			want: []string{"5月24日，我校第十届校园科技节拉开帷幕", "培养创新精神和实践能力。"},
			not:  []string{"当前栏目", "点击", "版权所有"},
		},
	}
	checkClassPages(t, tests)
}

// TestShortYearDate checks where a date with a two-digit year counts:
// only right after a publish-time label.
func TestShortYearDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" = no date
	}{
		{"发布时间：24-06-12 09:30　来源：城关镇", "2024-06-12 09:30"},
		{"更新时间：24/02/27", "2024-02-27 00:00"},
		{"日期: 99.12.31", "1999-12-31 00:00"},
		{"发布时间 24-6-1", "2024-06-01 00:00"},
		{"来源：县教育局 时间：24-06-12", "2024-06-12 00:00"},
		{"比分 24-12-10，主队获胜", ""},                               // no label
		{"时间 24-06-12", ""},                                    // a bare label needs its colon
		{"活动时间：24-06-12", ""},                                  // a bare label inside a longer word
		{"本页更新时间：24-06-12", ""},                                // the page's upkeep
		{"发布时间：24-13-12", ""},                                  // no month 13
		{"发布时间：124-06-12", ""},                                 // three digits: no such year
		{"发布时间：24-06-123", ""},                                 // nor such a day
		{"发布时间：24-06/12", ""},                                  // two separators
		{"电话：0311-24-06-12 发布时间：24-06-12", "2024-06-12 00:00"}, // the labelled one
	}
	for _, tt := range tests {
		got := ""
		if tm, _, _, ok := labeledShortYearDate(fold(tt.in)); ok {
			got = tm.In(article.China).Format("2006-01-02 15:04")
		}
		if got != tt.want {
			t.Errorf("labeledShortYearDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestAuthorNames checks how an author value read after a label gives
// its names (textCredits, then joinSpacedNames, as fillPeople reads it).
func TestAuthorNames(t *testing.T) {
	tests := []struct{ in, want string }{
		{"张伟 李娜 王强", "张伟、李娜、王强"},
		{"张伟　李娜", "张伟、李娜"},
		{"张伟,李娜", "张伟、李娜"},
		{"欧阳明华 李娜", "欧阳明华、李娜"},
		{"张伟 李娜 北京报道", "张伟、李娜"},
		{"张伟", "张伟"},
		{"张伟 江城大学", "张伟 江城大学"}, // a unit, not a name
		{"张伟 县委宣传部", "张伟 县委宣传部"},
		{"John Smith", "John Smith"},
		{"张伟、李娜", "张伟、李娜"},
		{"张伟/文 李娜/图", "张伟"},
		{"张伟 李娜/文 王强/图", "张伟、李娜"},
		{"李娜/图 张伟/文", "张伟"},
		{"张伟/文", "张伟"},
		{"张伟/图", "张伟/图"},       // no writer named
		{"张伟/文 李娜", "张伟/文 李娜"}, // a name without its part
		{"城南社区/文", "城南社区"},     // a unit credited for the text
	}
	for _, tt := range tests {
		if got := joinSpacedNames(textCredits(tt.in)); got != tt.want {
			t.Errorf("author %q reads %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestEndMarks checks which closing lines are end marks, and that the
// text before a glued one stays.
func TestEndMarks(t *testing.T) {
	lines := func(ls ...string) []string { return ls }
	tests := []struct {
		in, want []string
	}{
		{lines("第一段。", "最后一段。（完）"), lines("第一段。", "最后一段。")},
		{lines("第一段。", "最后一段。(完)"), lines("第一段。", "最后一段。")},
		{lines("第一段。", "最后一段。【完】", "责任编辑：李丽"), lines("第一段。", "最后一段。", "责任编辑：李丽")},
		{lines("第一段。", "最后一段。", "-END-"), lines("第一段。", "最后一段。")},
		{lines("第一段。", "最后一段。", "- END -", "来源：江城发布"), lines("第一段。", "最后一段。", "来源：江城发布")},
		{lines("第一段。", "——完——"), lines("第一段。")},
		{lines("第一段。", "END"), lines("第一段。")},
		{lines("第一段。", "The End"), lines("第一段。", "The End")},           // a title's words
		{lines("第一段。", "完成任务（完）"), lines("第一段。", "完成任务")},              // glued, the text stays
		{lines("第一段。", "工作已完"), lines("第一段。", "工作已完")},                 // a sentence's last word
		{lines("（完）", "第二段。"), lines("（完）", "第二段。")},                   // not the first line
		{lines("第一段。", "END OF STORY"), lines("第一段。", "END OF STORY")}, // not the mark alone
	}
	for _, tt := range tests {
		if got := dropEndMarks(slices.Clone(tt.in)); !slices.Equal(got, tt.want) {
			t.Errorf("dropEndMarks(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTemplateDefaultAuthors checks that a template's default for a post
// with no writer named (作者：不详, 作者：原创), and words saying how
// the text was gathered (作者：网络整理, 综合整理), are no author, and
// that a name is, even one opening with such a word.
func TestTemplateDefaultAuthors(t *testing.T) {
	for _, v := range []string{"不详", "暂无", "原创", "转载", "综合", "整理", "无", "网络整理", "综合整理", "网络", "来自网络", "互联网"} {
		if okAuthorText(v) {
			t.Errorf("okAuthorText(%q) = true, want false", v)
		}
	}
	for _, v := range []string{"张伟", "无名氏", "原野", "网络小说家李明"} {
		if !okAuthorText(v) {
			t.Errorf("okAuthorText(%q) = false, want true", v)
		}
	}
}
