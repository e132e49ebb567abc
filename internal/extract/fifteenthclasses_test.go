package extract

import (
	"slices"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
)

// TestReviewChainEditor runs county stories of our own making signed off
// by the three stages of a newsroom's review alone (初审：李丽　复审：王强
// 终审：赵刚, （一审：孙丽　二审：钱进　三审：周芳）): no editor was read.
// Under the three-review rule (三审制) the first review is the
// responsible editor's, so the first stage names the editor when the
// sign-off names no 编辑.
func TestReviewChainEditor(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "review_chain_editor.html", url: "http://www.jcwmw.example.cn/xzdt/2024/0612/1580.html",
		title: "青山镇开展防溺水安全宣传进校园活动", published: "2024-06-12 10:05", source: "青山镇", editor: "李丽", views: "233",
		want: []string{"6月11日，青山镇联合派出所", "筑牢暑期安全防线。"},
		not:  []string{"初审", "终审", "版权所有"},
	}, {
		file: "review_stage_numbers.html", url: "http://www.jcrm.example.cn/mtdt/2024/0703/880.html",
		title: "县融媒体中心举办新闻采写业务培训", published: "2024-07-03 17:20", source: "江城融媒", editor: "孙丽",
		want: []string{"7月3日，县融媒体中心举办", "讲好江城故事。"},
		not:  []string{"一审", "三审", "版权所有"},
	}})
}

// TestAccountNamedRelease runs a story of our own making whose info line
// opens with the government account it comes from, no label before it,
// an ideographic space between it and the time (巨鹿发布　2024-06-20
// 09:12): the source went unread, as it did for any outlet so set apart.
func TestAccountNamedRelease(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "account_named_release.html", url: "http://www.jcwmw.example.cn/xqdt/2024/0620/1599.html",
		title: "巨鹿县开展“文明餐桌”宣传活动", published: "2024-06-20 09:12", source: "巨鹿发布", views: "56",
		want: []string{"近日，巨鹿县组织志愿者", "发放倡议书1000余份。"},
		not:  []string{"巨鹿发布", "版权所有"},
	}})
}

// TestFirstReviewEditor checks the editor credits reads from a chain of
// reviews: the first review's when no editor is named, an editor named
// beside it otherwise, and none from later reviews alone.
func TestFirstReviewEditor(t *testing.T) {
	for _, tt := range []struct{ line, editor string }{
		{"初审：李丽　复审：王强　终审：赵刚", "李丽"},
		{"（一审：孙丽　二审：钱进　三审：周芳）", "孙丽"},
		{"編輯：趙敏　初審：李麗　終審：劉偉", "趙敏"},
		{"编辑：赵敏　初审：李丽　终审：刘伟", "赵敏"},
		{"初审：李丽　责任编辑：王雪", "王雪"},
		{"复审：王强　终审：赵刚", ""},
		{"审核：陈刚　终审：刘伟", ""},
	} {
		editor, ok := credits(tt.line)
		if !ok || editor != tt.editor {
			t.Errorf("credits(%q) = %q, %v, want %q, true", tt.line, editor, ok, tt.editor)
		}
	}
}

// TestSubmissionContactLines runs a story of our own making closed by the
// site's call for contributions (投稿邮箱：…, 投稿热线：…): the lines
// stayed in the body.
func TestSubmissionContactLines(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "submission_contact_lines.html", url: "http://www.jcwmw.example.cn/zyfw/2024/0528/1575.html",
		title: "江城县举办第三届“最美志愿者”发布仪式", published: "2024-05-28 15:40", source: "县文明办", author: "王磊",
		want: []string{"5月28日，江城县举办", "文明江城的亮丽名片。"},
		not:  []string{"投稿", "163.com", "0319", "版权所有"},
	}})
}

// TestContributionLine checks the lines contributionLine reads as a
// call for contributions and those it leaves.
func TestContributionLine(t *testing.T) {
	for _, tt := range []struct {
		line string
		want bool
	}{
		{"投稿邮箱：jcwmb2024@163.com", true},
		{"投稿热线：0319-5201234", true},
		{"欢迎投稿！投稿邮箱：jcwmb@163.com　新闻热线：(0319)5201234", true},
		{"新闻报料：0319-5201234　投稿QQ：123456789", true},
		{"联系人：张三　联系电话：0319-5201234", false}, // a notice's contacts
		{"投稿邮箱：见征文启事", false},
		{"请于5月20日前将稿件发送至投稿邮箱：jcwmb@163.com。", false}, // a sentence
		{"投稿", false},
		{"我们欢迎群众踊跃参与本次活动并积极投稿：jcwmb@163.com", false},
	} {
		if got := contributionLine(tt.line); got != tt.want {
			t.Errorf("contributionLine(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
	notice := []string{"为弘扬时代新风，现面向全县征集文明故事。", "投稿邮箱：jcwmb@163.com"}
	if got := dropContributionCall(notice); len(got) != 2 {
		t.Errorf("a call for stories lost its address: %q", got)
	}
}

// TestDoubledTitleSeparators runs a page of our own making whose headline
// is a picture and whose <title> parts its title, column and site by a
// doubled separator (标题::栏目::站名): the whole <title> was the title.
func TestDoubledTitleSeparators(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "doubled_title_separators.html", url: "http://www.jcwmw.example.cn/gzdt/2024/0418/1490.html",
		title: "县文明办召开2024年度创建工作推进会", published: "2024-04-18 00:00", source: "县文明办", views: "88",
		want: []string{"4月17日，县文明办召开", "分管负责同志参加会议。"},
		not:  []string{"版权所有"},
	}})
}

// TestSplitTitleDoubled checks the doubled colons and chevrons splitTitle
// parts a <title> at, and the single ones it leaves in a part.
func TestSplitTitleDoubled(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"县文明办召开推进会::工作动态::江城文明网", []string{"县文明办召开推进会", "工作动态", "江城文明网"}},
		{"县文明办召开推进会 ：： 工作动态", []string{"县文明办召开推进会", "工作动态"}},
		{"县文明办召开推进会 >> 工作动态 >> 江城文明网", []string{"县文明办召开推进会", "工作动态", "江城文明网"}},
		{"江城文明网>>工作动态>>县文明办召开推进会", []string{"江城文明网", "工作动态", "县文明办召开推进会"}},
		{"多维博客 » 播客热潮迅速蔓延", []string{"多维博客 » 播客热潮迅速蔓延"}}, // a blog's name first: unsplit
		{"城关镇：“村晚”唱响文明新风_江城文明网", []string{"城关镇：“村晚”唱响文明新风", "江城文明网"}},
		{"江城队3:2胜出 > 体育", []string{"江城队3:2胜出 > 体育"}},
	} {
		if got := splitTitle(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("splitTitle(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestWordHours runs pages of our own making whose info line writes the
// hour in Chinese numerals (下午三时三十分) or as a word and a digit with
// no minutes (晚8点): only the day was read.
func TestWordHours(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "chinese_numeral_hours.html", url: "http://www.jcwmw.example.cn/tzgg/2024/0510/1530.html",
		title: "关于开展2024年“文明交通”志愿服务的通知", published: "2024-05-10 15:30",
		want: []string{"各乡镇、县直各单位：", "特此通知。"},
		not:  []string{"发布时间"},
	}, {
		file: "word_hour_evening.html", url: "http://www.jcnews.example.cn/bdxw/2024/0608/21400.html",
		title: "城关镇广场舞展演活动圆满举行", published: "2024-06-08 20:00", source: "城关镇", author: "刘洋",
		want: []string{"6月7日晚，城关镇在文化广场", "精神风貌。"},
		not:  []string{"版权所有"},
	}})
}

// TestWordClockDates checks the hours in words ParseDate reads after a
// date, and the words after one it leaves.
func TestWordClockDates(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"发布时间：2024年5月10日 下午三时三十分", "2024-05-10 15:30 minute"},
		{"2024年5月10日上午九时", "2024-05-10 09:00 minute"},
		{"2024年6月8日 晚8点", "2024-06-08 20:00 minute"},
		{"2024年6月8日 晚8:30", "2024-06-08 20:30 minute"},
		{"2024-06-08 下午3点半", "2024-06-08 15:30 minute"},
		{"二〇二四年五月十日 上午十时零五分", "2024-05-10 10:05 minute"},
		{"2024年5月10日 14时", "2024-05-10 14:00 minute"},
		{"2024-05-10 12点击：56", "2024-05-10 00:00 day"},
		{"2024年5月10日 三十时", "2024-05-10 00:00 day"},
		{"2024年5月10日 下午", "2024-05-10 00:00 day"},
		{"2024年5月10日 九州大地", "2024-05-10 00:00 day"},
	} {
		tm, p, ok := ParseDate(tt.in)
		if got := tm.Format("2006-01-02 15:04") + " " + string(p); !ok || got != tt.want {
			t.Errorf("ParseDate(%q) = %q, %v, want %q", tt.in, got, ok, tt.want)
		}
	}
}

// TestClosingNameThenPlace runs a county story of our own making closed
// by the writer and the reporting unit in brackets, the name first
// (（陈晓 河西乡）): the writer was not read.
func TestClosingNameThenPlace(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "closing_name_then_place.html", url: "http://www.jcwmw.example.cn/xzdt/2024/0614/1588.html",
		title: "河西乡开展“送法进村”普法宣传活动", published: "2024-06-14 11:26", source: "河西乡", author: "陈晓", views: "97",
		want: []string{"6月13日，河西乡司法所", "解答群众咨询30余人次。（陈晓 河西乡）"},
		not:  []string{"版权所有"},
	}})
}

// TestClosingCreditUnitLast checks the writers parseByline reads from a
// closing credit, its brackets cut off, that names the reporting unit
// after them or before.
func TestClosingCreditUnitLast(t *testing.T) {
	for _, tt := range []struct {
		line string
		want []string
	}{
		{"陈晓 河西乡", []string{"陈晓"}},
		{"陈晓　李娜　县委宣传部", []string{"陈晓", "李娜"}},
		{"河西乡　陈晓", []string{"陈晓"}},
	} {
		if got := parseByline(tt.line, true); !slices.Equal(got, tt.want) {
			t.Errorf("parseByline(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

// TestYearlessNoYear runs a page of our own making whose info line dates
// it by month, day and time alone (05-10 09:12) while neither its URL
// nor anything else on it gives a year but the footer's copyright
// (© 2016-2024). No year is guessed: the page is undated, keeping the
// day it shows, and the crawler's date from the list that links it
// takes the page's time when it falls on that day (the time was lost).
func TestYearlessNoYear(t *testing.T) {
	const file, u = "yearless_no_year.html", "http://www.jcwmw.example.cn/sqdt/show.php?id=1533"
	r := extractClassPage(t, file, u)
	if r.IsArticle || !r.Undated || !r.Published.IsZero() {
		t.Fatalf("article %v, undated %v, published %v: want an undated page", r.IsArticle, r.Undated, r.Published)
	}
	if r.DayWithoutYear == nil || r.DayWithoutYear.String() != "05-10 09:12" {
		t.Fatalf("day without year %v, want 05-10 09:12", r.DayWithoutYear)
	}
	for _, tt := range []struct {
		list time.Time
		want string
	}{
		{time.Date(2024, 5, 10, 0, 0, 0, 0, article.China), "2024-05-10 09:12 minute"},
		{time.Date(2024, 5, 11, 0, 0, 0, 0, article.China), "2024-05-11 00:00 day"}, // the list's day, not the page's
	} {
		r := extractClassPage(t, file, u)
		r.DatedBy(tt.list, "list")
		if got := r.Published.Format("2006-01-02 15:04") + " " + string(r.Precision); !r.IsArticle || got != tt.want {
			t.Errorf("dated by the list's %s: article %v, %s, want %s", tt.list.Format("2006-01-02"), r.IsArticle, got, tt.want)
		}
	}
}

// TestDisclosureMetaSigningDate runs a government information page of
// our own making whose metadata table above the title labels the
// document's writing (成文日期) and publish (发布日期) days, and whose
// text, in the container that holds the headline again, is a short
// notice signed and dated on the day it was written: the signing date
// was read as the publish date.
func TestDisclosureMetaSigningDate(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "disclosure_meta_signing_date.html", url: "http://www.jiangcheng.example.gov.cn/zfxxgk/xzfbwj/content_8123.html",
		title: "江城县人民政府办公室关于印发《江城县文明城市创建工作方案》的通知", published: "2024-05-10 00:00", source: "江城县人民政府办公室", column: "县政府办文件",
		want: []string{"各乡镇人民政府，县政府各部门：", "江城县人民政府办公室\n2024年5月8日"},
		not:  []string{"索引号", "网站标识码"},
	}})
}

// TestHeaderTimeAboveTitle runs an agency story of our own making, in
// the template of the national news sites, whose time stands above the
// headline in the box that holds both, the year, the day and the time
// each in an element of its own, the box and the time's element classed
// as a header's (<div class="header-cont"><div class="header-time">):
// the date was read, but as any date outside the body, and the page was
// no article.
func TestHeaderTimeAboveTitle(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "header_time_above_title.html", url: "http://www.news.example.cn/local/c_1129981476.htm",
		title: "江城：志愿服务温暖城乡", published: "2024-05-10 09:12", source: "新华网", author: "王磊", editor: "刘洋",
		want: []string{"新华社江城5月10日电（记者王磊）", "活动覆盖全县所有村（社区）。"},
		not:  []string{"纠错", "XINHUANET"},
	}})
}

// TestMobileH2Title runs a mobile template's article page of our own
// making: <title> names the site alone, the headline is an <h2> classed
// as a title (<h2 class="m-title">), with no <h1> on the page: the
// site's name was read as the title.
func TestMobileH2Title(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "mobile_h2_title.html", url: "http://www.jcwmw.example.cn/m/show.php?id=1234",
		title: "江城县开展“文明交通”劝导活动", published: "2024-05-10 00:00",
		want: []string{"5月9日，江城县组织志愿者", "文明出行。"},
		not:  []string{"返回", "电脑版"},
	}})
}

// TestPlaceholderFields runs a page of our own making from a county CMS
// whose template fills the fields nobody filled with its defaults (来源:
// 未知, 作者: 佚名) and whose editor line names the login that posted the
// story (责任编辑：admin): 未知 was the source, admin the editor. A
// placeholder gives way to a value the page names elsewhere (the source
// line closing the text).
func TestPlaceholderFields(t *testing.T) {
	const file, u = "placeholder_fields.html", "http://www.jcwmw.example.cn/xzdt/2024/1015/1733.html"
	checkClassPages(t, []classPage{{
		file: file, url: u,
		title: "青山镇开展“敬老月”走访慰问活动", published: "2024-10-15 16:20", source: "青山镇人民政府",
		want: []string{"10月14日，青山镇组织志愿者", "叮嘱他们注意保暖。"},
		not:  []string{"admin", "未知", "版权所有"},
	}})
	r := extractClassPage(t, file, u)
	if r.Author != "" || r.Editor != "" {
		t.Errorf("author %q, editor %q: want none", r.Author, r.Editor)
	}
	for _, v := range []string{"未知", "不详", "（暂无）", "admin", "Administrator", "管理员"} {
		if !placeholderValue(v) {
			t.Errorf("placeholderValue(%q) = false", v)
		}
	}
	for _, v := range []string{"本站", "县文明办", "无锡日报", "李无"} {
		if placeholderValue(v) {
			t.Errorf("placeholderValue(%q) = true", v)
		}
	}
}

// TestCreditNamesSpaced runs a county story of our own making whose info
// line credits two writers set apart by a space after one credit's label
// (文/图：孙丽　钱进), as a 作者 label's names are read: the first alone
// was read.
func TestCreditNamesSpaced(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "credit_names_spaced.html", url: "http://www.jcwmw.example.cn/xzdt/2024/0916/1702.html",
		title: "城关镇举办“邻里一家亲”百家宴", published: "2024-09-16 18:05", source: "城关镇", author: "孙丽、钱进",
		want: []string{"9月15日，城关镇东街社区", "社区氛围。"},
		not:  []string{"版权所有"},
	}})
	for _, tt := range []struct {
		line string
		want []string
	}{
		{"2024-09-16　文：孙丽　钱进", []string{"孙丽", "钱进"}},
		{"2024-09-16 图文/孙丽 钱进 来源：城关镇", []string{"孙丽", "钱进"}},
		{"2024-09-16　文/孙丽　图/钱进", []string{"孙丽"}},
		{"2024-09-16　文/孙丽　城关镇", []string{"孙丽"}},
	} {
		if got := infoCreditByline([]string{tt.line}); !slices.Equal(got, tt.want) {
			t.Errorf("infoCreditByline(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

// TestAuthorUnitBeforeName runs a page of our own making whose author
// label names the writers' unit before them (作者：县文化馆 孙丽 钱进):
// the value was read whole, unit and all.
func TestAuthorUnitBeforeName(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "author_unit_before_name.html", url: "http://www.jcwmw.example.cn/whjs/2024/0423/1544.html",
		title: "县图书馆开展“书香进万家”阅读推广活动", published: "2024-04-23 10:30", author: "孙丽、钱进", views: "218",
		want: []string{"4月23日是世界读书日", "让书香浸润城乡。"},
		not:  []string{"版权所有"},
	}})
	for _, tt := range []struct{ in, want string }{
		{"县文明办 王磊", "王磊"},
		{"县融媒体中心 孙丽 钱进", "孙丽、钱进"},
		{"县文明办", "县文明办"},
		{"王磊 县文明办", "王磊 县文明办"}, // a unit after: left as written
	} {
		if got := joinSpacedNames(tt.in); got != tt.want {
			t.Errorf("joinSpacedNames(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestEditorLineForms runs stories of our own making closed by the
// responsible editor's line in an official text's brackets (〔责任编辑：
// 周芳〕), or with a space for the colon (责任编辑　吴昊): the line stayed
// in the body and no editor was read.
func TestEditorLineForms(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "editor_official_brackets.html", url: "http://www.jcnews.example.cn/szyw/2024/0827/21701.html",
		title: "县人大常委会开展《江城县文明行为促进条例》执法检查", published: "2024-08-27 17:45", source: "江城日报", editor: "周芳",
		want: []string{"8月26日至27日，县人大常委会", "并提出意见建议。"},
		not:  []string{"责任编辑", "版权所有"},
	}, {
		file: "editor_label_spaced.html", url: "http://www.jcnews.example.cn/xzdt/2024/1008/21820.html",
		title: "青山镇开展秸秆禁烧宣传活动", published: "2024-10-08 11:20", source: "青山镇", editor: "吴昊",
		want: []string{"连日来，青山镇组织干部", "秸秆还田和综合利用。"},
		not:  []string{"责任编辑", "版权所有"},
	}})
	for _, tt := range []struct {
		line, want string
		ok         bool
	}{
		{"责任编辑 张三", "张三", true},
		{"（责编　李娜）", "李娜", true},
		{"编辑 张三在现场指导", "", false},
		{"编辑部 张三", "", false},
	} {
		if got, ok := spacedEditorLine(tt.line); got != tt.want || ok != tt.ok {
			t.Errorf("spacedEditorLine(%q) = %q, %v, want %q, %v", tt.line, got, ok, tt.want, tt.ok)
		}
	}
}

// TestCreditMarkBothAfterNames runs a county story of our own making
// closed by its writers' credit with the mark for text and pictures set
// apart after the names (（孙丽 李娜 文/图）): no writer was read.
func TestCreditMarkBothAfterNames(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "credit_mark_both_after_names.html", url: "http://www.jcwmw.example.cn/xzdt/2024/1105/1830.html",
		title: "河西乡举办“巧手编织”技能培训班", published: "2024-11-05 15:10", source: "河西乡", author: "孙丽、李娜", views: "64",
		want: []string{"11月4日，河西乡妇联举办", "实现家门口就业增收。"},
		not:  []string{"版权所有"},
	}})
	for _, tt := range []struct {
		line string
		want []string
	}{
		{"孙丽 李娜 文/图", []string{"孙丽", "李娜"}},
		{"(孙丽 图文)", []string{"孙丽"}},
		{"孙丽/文 李娜/图", []string{"孙丽"}},
		{"这是一段正文的内容 文/图", nil},
		{"孙丽文/图", nil},
	} {
		if got := namesBeforeCredit(tt.line); !slices.Equal(got, tt.want) {
			t.Errorf("namesBeforeCredit(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

// TestRoleSlashByline runs a story of our own making whose byline sets
// each role apart from its name by a slash (本报记者/孙丽 通讯员/李娜):
// no writer was read (a name glued to a role is taken for a word, and a
// slash after one ended the names).
func TestRoleSlashByline(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "role_slash_byline.html", url: "http://www.jcnews.example.cn/bdxw/2024/0519/21330.html",
		title: "江城县首届“邻居节”开幕", published: "2024-05-19 19:40", source: "江城日报", author: "孙丽、李娜",
		want: []string{"5月19日，江城县首届", "邻里趣味运动会。"},
		not:  []string{"版权所有"},
	}})
	for _, tt := range []struct {
		line string
		want []string
	}{
		{"记者/孙丽", []string{"孙丽"}},
		{"本报记者/孙丽 通讯员/李娜", []string{"孙丽", "李娜"}},
		{"记者/编辑部", nil},
	} {
		if got := parseByline(tt.line, false); !slices.Equal(got, tt.want) {
			t.Errorf("parseByline(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}
