package extract

import (
	"strings"
	"testing"
)

// TestScriptCallDate runs a story of our own making whose info line
// labels a date that a script writes by calling a function of the site's
// own on a literal (发布时间：<script>showDate("2024-05-10 09:12:33",…)
// </script>): only the URL's day was read. A call on a date literal
// elsewhere on the page, under no label (a countdown), dates nothing.
func TestScriptCallDate(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "script_call_date.html", url: "http://www.jcwmw.example.cn/zyfw/2024/0510/1533.html",
		title: "青山镇开展“清洁家园”志愿服务活动", published: "2024-05-10 09:12", source: "青山镇", column: "志愿服务",
		want: []string{"5月9日，青山镇组织志愿者", "推动人居环境持续改善。"},
		not:  []string{"showDate", "2024-12-31", "版权所有"},
	}})
}

// TestClosingUnitAndName runs a county story of our own making closed
// by the reporting unit and the writer in brackets (（河西乡　陈晓）) over
// a share bar whose buttons are pictures, leaving a bare 分享：: the
// writer was not read and 分享： stayed the text's last line.
func TestClosingUnitAndName(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "closing_place_name_share.html", url: "http://www.jcwmw.example.cn/xzdt/2024/0603/1561.html",
		title: "河西乡举办“好婆媳”表彰会", published: "2024-06-03 16:40", source: "河西乡", author: "陈晓", views: "152",
		want: []string{"6月2日，河西乡举办", "以好家风带动好民风。（河西乡　陈晓）"},
		not:  []string{"分享：", "版权所有"},
	}})
}

// TestAgencyStafferByline runs an agency story of our own making whose
// dateline names a reporter and a local staffer (（记者 王磊 报道员 阿里）):
// 报道员 was no role, so the staffer was not read.
func TestAgencyStafferByline(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "agency_staffer_byline.html", url: "http://www.jcnews.example.cn/gjxw/2024/0702/20990.html",
		title: "巴基斯坦北部山区暴雨引发洪水", published: "2024-07-02 10:15", source: "新华网", author: "王磊、阿里",
		want: []string{"新华社伊斯兰堡7月1日电", "提醒民众远离河道和山坡。"},
		not:  []string{"版权所有"},
	}})
}

// TestCalledLiteral checks the scripts calledLiteral reads as one call
// on a literal and those it leaves.
func TestCalledLiteral(t *testing.T) {
	for _, tt := range []struct {
		code, want string
		ok         bool
	}{
		{`showDate("2024-05-10 09:12:33","yyyy-MM-dd HH:mm");`, "2024-05-10 09:12:33", true},
		{` document.write(fmtDate('2024-05-10')) `, "2024-05-10", true},
		{`Util.time.show("20240510091233", 1)`, "20240510091233", true},
		{`var d = "2024-05-10"; show(d);`, "", false}, // an assignment: scriptDate's
		{`show("2024-05-10"); hits(12);`, "", false},  // two statements
		{`("2024-05-10")`, "", false},                 // no function named
		{`show(x + "2024-05-10")`, "", false},
		{`show("2024-05-10"`, "", false},
		{`if(a){show("2024-05-10")}`, "", false},
	} {
		got, ok := calledLiteral(tt.code)
		if got != tt.want || ok != tt.ok {
			t.Errorf("calledLiteral(%q) = %q, %v, want %q, %v", tt.code, got, ok, tt.want, tt.ok)
		}
	}
}

// TestColumnTitle runs a page of our own making from a template that
// titles every article with its column's name (<title>乡镇动态 - 江城文明网),
// the headline in a <div> of its own above the info line and a trail
// ending with a step naming the page's kind (首页 > 乡镇动态 > 正文): the
// column was read as the title.
func TestColumnTitle(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "column_title_trail.html", url: "http://www.jcwmw.example.cn/xzdt/2024/0621/1602.html",
		title: "河西乡开展“最美庭院”评选活动", published: "2024-06-21 15:02", source: "河西乡", views: "97",
		want: []string{"为进一步改善农村人居环境", "共建美丽乡村。"},
		not:  []string{"当前位置", "版权所有"},
	}})
}

// TestGovernmentNameFirst runs a government site's page of our own
// making whose <title> names the government before the article
// (江城县人民政府-县政府召开…) and whose headline is a picture: the
// government's name was read as the title.
func TestGovernmentNameFirst(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "government_name_first.html", url: "http://www.jiangcheng.example.gov.cn/zwdt/2024/0705/6120.html",
		title: "县政府召开第十八次常务会议", published: "2024-07-05 00:00", source: "县政府办公室", views: "415",
		want: []string{"7月4日，县长周建华主持召开", "会议还研究了其他事项。"},
		not:  []string{"网站标识码"},
	}})
}

// TestLabelledCoWriters runs a story of our own making whose info line
// labels the correspondents with a colon beside the reporter (记者：孙丽
// 通讯员：钱进 周芳): the reporter alone was read.
func TestLabelledCoWriters(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "labelled_cowriters.html", url: "http://www.jcnews.example.cn/bdxw/2024/0716/21102.html",
		title: "城关镇：“四点半课堂”托起暑期好时光", published: "2024-07-16 08:35", source: "江城日报", author: "孙丽、钱进、周芳", editor: "吴昊",
		want: []string{"“这里有老师辅导作业", "累计服务学生600余人次。"},
		not:  []string{"通讯员", "版权所有"},
	}})
}

// TestAgencyLeadGluedNames runs an agency story of our own making whose
// lead names its reporters without brackets, the last name glued to the
// day the text opens with (新华社北京5月9日电 记者张伟、李娜9日从有关部门
// 获悉，…): the first reporter alone was read.
func TestAgencyLeadGluedNames(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "agency_lead_glued_names.html", url: "http://www.jcnews.example.cn/gnyw/2024/0510/21230.html",
		title: "全国志愿服务信息系统注册志愿者超过2.3亿人", published: "2024-05-10 07:55", source: "新华社", author: "张伟、李娜",
		want: []string{"新华社北京5月9日电 记者张伟、李娜9日从有关部门获悉", "推动志愿服务高质量发展。"},
		not:  []string{"版权所有"},
	}})
}

// TestMarkedByline runs a newspaper story of our own making, reposted,
// whose first line is its writer's name after the paper's byline mark
// (◎孙丽): no writer was read.
func TestMarkedByline(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "marked_byline.html", url: "http://www.jcnews.example.cn/bdxw/2024/0812/21544.html",
		title: "稻香里的“文明课堂”", published: "2024-08-12 09:05", source: "江城日报", author: "孙丽",
		want: []string{"傍晚时分，青山镇青山村", "受众4000余人次。"},
		not:  []string{"版权所有"},
	}})
}

// TestCreditMarkAfterNames runs a county story of our own making closed
// by a credit that sets each role's mark after the name, as newspapers
// do, the reporting unit first (青山镇 陈晓/文 刘洋/图): no writer was read.
func TestCreditMarkAfterNames(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "credit_mark_after_names.html", url: "http://www.jcwmw.example.cn/xzdt/2024/0205/1402.html",
		title: "青山镇：“村晚”唱响文明新风", published: "2024-02-05 20:10", source: "青山镇", author: "陈晓", views: "301",
		want: []string{"2月4日晚，青山镇青山村", "成为群众家门口的文化盛宴。"},
		not:  []string{"版权所有"},
	}})
}

// TestNamesBeforeCredit checks the credits namesBeforeCredit reads and
// the lines it leaves.
func TestNamesBeforeCredit(t *testing.T) {
	for _, tt := range []struct {
		f    string
		want []string
	}{
		{"张伟/文 李娜/图", []string{"张伟"}},
		{"张伟 李娜/文", []string{"张伟", "李娜"}},
		{"记者 张伟/文", []string{"张伟"}},
		{"县委宣传部 张伟、李娜/文", []string{"张伟", "李娜"}},
		{"张伟/文字", nil},
		{"这是一篇/文", nil},
		{"/文 张伟", nil},
		{"张伟 李娜 王强 赵刚 孙丽/文", nil},
	} {
		if got := namesBeforeCredit(tt.f); strings.Join(got, "、") != strings.Join(tt.want, "、") {
			t.Errorf("namesBeforeCredit(%q) = %q, want %q", tt.f, got, tt.want)
		}
	}
}

// TestWeChatReaderPasted runs a county page of our own making that
// reposts a WeChat article copied whole from WeChat's reader: after the
// text and its credits come the reader's buttons and prompts (预览时标签
// 不可点, 继续滑动看下一个, the account's name, 分享 留言 收藏 听过): they
// were read as the text's last lines, and the credits with them.
func TestWeChatReaderPasted(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "wechat_reader_pasted.html", url: "http://www.jcwmw.example.cn/wmsj/2024/0517/1590.html",
		title: "河西乡：志愿服务暖人心", published: "2024-05-17 09:00", editor: "李静",
		want: []string{"近日，河西乡新时代文明实践所", "推动新时代文明实践走深走实。"},
		not:  []string{"END", "审核", "预览", "滑动", "江城文明\n", "轻点两下", "听过", "版权所有"},
	}})
}

// TestDropReaderChrome checks the runs of WeChat reader lines that
// dropReaderChrome drops and the lines it keeps.
func TestDropReaderChrome(t *testing.T) {
	text := []string{"河西乡将持续开展志愿服务活动，推动新时代文明实践走深走实。"}
	for _, tt := range []struct {
		tail []string
		kept int // how many of the tail's lines stay
	}{
		{[]string{"预览时标签不可点", "微信扫一扫", "关注该公众号", "继续滑动看下一个", "轻触阅读原文", "江城文明", "向上滑动看下一个", "知道了"}, 0},
		{[]string{"审核：陈刚", "：，。视频小程序赞，轻点两下取消赞在看，轻点两下取消在看分享留言收藏听过"}, 1},
		{[]string{"分享 收藏 点赞 在看"}, 1},               // buttons, no mark of the reader: the prompts' rules decide
		{[]string{"江城文明", "预览时标签不可点"}, 1},          // a name before the run is no part of it
		{[]string{"继续滑动看下一个", "志愿服务，我们一直在路上。"}, 2}, // text after it: no run that ends the lines
	} {
		lines := append(append([]string{}, text...), tt.tail...)
		if got := len(dropReaderChrome(lines)) - len(text); got != tt.kept {
			t.Errorf("dropReaderChrome(… %q) kept %d of them, want %d", tt.tail, got, tt.kept)
		}
	}
}

// TestEmptyDateLabel checks the info lines whose publish label has no
// date after it and those that date themselves.
func TestEmptyDateLabel(t *testing.T) {
	for _, tt := range []struct {
		line string
		want bool
	}{
		{"发布时间： 来源：青山镇", true},
		{"来源：青山镇 发布日期：", true},
		{"发布时间：2024-05-10 来源：青山镇", false},
		{"更新时间： 来源：青山镇", false}, // an update's label: the page's upkeep
		{"来源：青山镇 作者：张三", false},
		{"活动时间： 5月10日", false}, // no publish label
	} {
		if got := emptyDateLabel(fold(tt.line)); got != tt.want {
			t.Errorf("emptyDateLabel(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestImageTitleAlt runs a page of our own making whose headline is a
// picture with its words in alt, right above the info line, under a
// <title> naming the site only: the site's name was read as the title.
func TestImageTitleAlt(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "image_title_alt.html", url: "http://www.jcwmw.example.cn/ddmf/2024/0612/1588.html",
		title: "我县三人入选“浙江好人榜”", published: "2024-06-12 11:30", source: "县文明办",
		want: []string{"近日，2024年第二季度", "让好人好事在全县蔚然成风。"},
		not:  []string{"版权所有"},
	}})
}

// TestViewDisclaimer runs a commentary of our own making closed by the
// site's disclaimer without a label (（本文仅代表作者观点，不代表本网立场）):
// it was read as the text's last line.
func TestViewDisclaimer(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "view_disclaimer.html", url: "http://www.jcnews.example.cn/pl/2024/0820/21801.html",
		title: "让“文明餐桌”成为新风尚", published: "2024-08-20 10:00", source: "江城新闻网", author: "周晓梅",
		want: []string{"一粥一饭，当思来之不易。", "让节约成为每个人的自觉。"},
		not:  []string{"仅代表", "版权所有"},
	}})
}

// TestViewDisclaimerLines checks the lines rightsLine reads as a
// disclaimer without a label and the lines it leaves.
func TestViewDisclaimerLines(t *testing.T) {
	for _, tt := range []struct {
		line string
		want bool
	}{
		{"（本文仅代表作者观点，不代表本网立场）", true},
		{"本网站所载文章仅代表作者观点，与本网无关。", true},
		{"网站声明：本网站所载文章仅代表作者观点。", true},
		{"他说，这仅代表他个人观点，不代表公司立场。", false}, // no word for the site or the text
		{"本次调查结果仅代表部分受访者的看法。", false},
	} {
		if got := rightsLine(tt.line); got != tt.want {
			t.Errorf("rightsLine(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestFollowAccountPlain runs a town's story of our own making closed by
// a line that asks the reader to follow the town's account with 关注 alone
// (关注“城关发布”微信公众号，了解更多城关资讯): it was read as the text's
// last line.
func TestFollowAccountPlain(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "follow_account_plain.html", url: "http://www.jcwmw.example.cn/xzdt/2024/0827/1702.html",
		title: "城关镇开展“垃圾分类进社区”宣传活动", published: "2024-08-27 16:20", source: "城关镇",
		want: []string{"8月26日，城关镇组织志愿者", "参与居民200余人次。"},
		not:  []string{"公众号", "版权所有"},
	}})
}
