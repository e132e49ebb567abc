package extract

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// TestStoryClasses runs one page of our own making for each further
// class of Chinese story page — a story written as a list, a template
// that sets the story in a list item, … — that the pages of
// TestPortalClasses, TestChinesePageClasses, TestTemplateClasses and
// TestFormClasses leave out. Each page stands for a class, not a site.
func TestStoryClasses(t *testing.T) {
	tests := []classPage{
		{
			// A county 文明网's story that is itself a bulleted list of
			// measures, the list alone in the text's container, two
			// items citing the documents they follow by a link inside
			// the sentence (按照<a>《村规民约修订指引》</a>修订…): the
			// linked items made it a list of headlines, no article.
			file: "list_story_items.html", url: "http://www.example.cn/wmcj/202403/t20240312_1231.html",
			title: "我县出台十条措施推进移风易俗", published: "2024-03-12 10:08", views: "512", source: "县文明办", column: "文明创建",
			want: []string{"各村（社区）按照《村规民约修订指引》修订完善村规民约", "倡导丧事简办", "对工作不力的村取消当年评选资格。"},
			not:  []string{"上一篇", "最新动态", "巾帼志愿者", "备案号"},
		},
		{
			// A county template (织梦 style) sets the article in a
			// definition list — the title in <dt>, the info line and
			// the text each in a <dd> — and the text links the plan it
			// carries out inside a sentence: the <dd> holding a link
			// made the text the excerpt of a list entry, no article.
			file: "dd_story_container.html", url: "http://www.example.cn/list/2/2024/0416/2345.html",
			title: "城南街道开展“清洁家园”志愿服务活动", published: "2024-04-16 15:42", author: "李娜", source: "城南街道", column: "志愿服务",
			want: []string{"4月15日，城南街道组织机关干部", "按照《城南街道人居环境整治三年行动方案》的要求", "持续巩固全国文明城市创建成果。"},
			not:  []string{"上一篇", "热点文章", "备案号"},
		},
		{
			// A county site's repost of a newspaper's commentary under a
			// new headline: the text opens with the headline it first
			// ran under (原标题：…), which the site also wrote in
			// <title>, and closes with the paper's print edition
			// (《人民日报》（2024年03月05日 第04版）), the info line
			// naming no source. The title was the original headline
			// and the source went unread. Both lines stay in the body,
			// as the corpora's bodies keep them.
			file: "original_title_print_line.html", url: "http://www.example.cn/wmpl/202403/t20240305_1234.html",
			title: "让文明新风吹进千家万户", published: "2024-03-05 08:12", views: "231", source: "人民日报", column: "文明评论",
			want: []string{"原标题：以文明实践涵养时代新风\n移风易俗是一场持久战。", "文明新风才能真正吹进千家万户。\n《人民日报》（2024年03月05日 第04版）"},
			not:  []string{"分享到", "推荐阅读", "备案号"},
		},
		{
			// A township's open-government page dates the notice in
			// Chinese numerals in its metadata table — written
			// 成文日期：二〇二四年三月十日, published 发布日期：
			// 二〇二四年三月十八日 — and signs it off so; its URL has no
			// date. The page was undated, no article.
			file: "chinese_numeral_dates.html", url: "http://www.cgz.example.gov.cn/zwgk/tzgg/content_4521.html",
			title: "城关镇人民政府关于开展2024年度“文明家庭”评选活动的通知", published: "2024-03-18 00:00", source: "城关镇人民政府", column: "通知公告",
			want: []string{"各村（社区）、镇直各单位：", "于二〇二四年四月十日前", "城关镇人民政府\n二〇二四年三月十日"},
			not:  []string{"索 引 号", "打印本页", "网站标识码"},
		},
		{
			// A school site's info line prints the day as eight digits
			// after its label (发布日期：20240305, a template's
			// date('Ymd')): the page was undated, no article.
			file: "compact_date_label.html", url: "http://www.sysx.example.edu.cn/dyzc/sjjy/1234.html",
			title: "实验小学开展“学雷锋·文明实践我先行”主题队日活动", published: "2024-03-05 00:00", views: "146", column: "主题教育",
			want: []string{"3月5日是“学雷锋纪念日”", "争做新时代的“小雷锋”。"},
			not:  []string{"发布日期", "点击数", "Copyright"},
		},
		{
			// A county media centre's repost of a wire story names two
			// sources on its info line (来源：新华社 人民网) and closes
			// with the newsroom's sign-off, the page's 编辑 before its
			// responsible editor (编辑：张伟　责编：李娜　审核：赵敏　终审：
			// 王强): the editor was the first 编辑 named.
			file: "two_sources_editor_chain.html", url: "http://www.example.cn/gnxw/2024/0615/3350.html",
			title: "全国铁路今日起实行新的列车运行图", published: "2024-06-15 10:26", views: "1876", source: "新华社 人民网", editor: "李娜", column: "国内新闻",
			want: []string{"记者从中国国家铁路集团有限公司获悉", "请通过铁路12306网站、App或车站公告查询具体信息。"},
			not:  []string{"张伟", "审核", "终审", "热点排行", "备案号"},
		},
		{
			// A county government's picture story (图片新闻): three
			// pictures, each over its caption, and one sentence under
			// the title; the column beside it holds a box of the
			// county's profile (县情简介) with more sentences, no link
			// to read on. The profile was the body.
			file: "gallery_gov_sidebar.html", url: "http://www.example.gov.cn/tpxw/202403/t20240326_1234.html",
			title: "春耕备耕正当时", published: "2024-03-26 16:05", source: "县农业农村局", column: "图片新闻",
			want: []string{"3月25日，城关镇东关村农民在田间驾驶旋耕机整地。\n农技人员在河西乡育秧大棚内查看秧苗长势。", "田间地头一派繁忙景象。"},
			not:  []string{"县情简介", "总面积1860平方公里", "樱花", "网站标识码"},
		},
		{
			// A county media centre's video story (视频新闻): a <video>
			// and one sentence under the title, the column beside it a
			// box of notices in sentences. The notices were the body.
			file: "video_side_notice.html", url: "http://www.example.cn/spxw/2024/0326/1567.html",
			title: "我县春季重点项目集中开工", published: "2024-03-26 19:30", views: "528", source: "县融媒体中心", author: "周洋", column: "视频新闻",
			want: []string{"3月26日，我县举行2024年春季重点项目集中开工仪式，12个项目总投资86亿元。"},
			not:  []string{"通知公告", "节目编排", "公开招聘", "备案号"},
		},
		{
			// A county 文明网's story closes, inside its container, with
			// one line naming its source, writer and editor (来源：河西乡
			// 作者：王红　编辑：刘洋), the info line a bare date: the line
			// was dropped as a source line, the writer and the editor
			// with it.
			file: "closing_source_people.html", url: "http://www.example.cn/xzdt/2024/0702/c1234.html",
			title: "河西乡开展“红色文艺轻骑兵”进村演出", published: "2024-07-02 17:20", source: "河西乡", author: "王红", editor: "刘洋", column: "乡镇动态",
			want: []string{"7月1日晚，河西乡“红色文艺轻骑兵”文艺小分队", "把党的政策和文明新风送到群众家门口。"},
			not:  []string{"来源", "作者", "编辑", "打印", "备案号"},
		},
		{
			// A school site's table template labels the source
			// 消息来源 on its info line and closes the text with the
			// credit of one who wrote it and took its pictures
			// (文/图：王红): neither source nor writer was read.
			file: "source_labels_school.html", url: "http://www.example.edu.cn/xyxw/xxyw/2024-05-04/2345.html",
			title: "县第二中学举行2024届高三成人礼", published: "2024-05-04 16:30", views: "631", source: "校团委", author: "王红", column: "学校要闻",
			want: []string{"5月4日上午，县第二中学在田径场举行2024届高三学生成人礼", "以饱满的热情迎接高考。"},
			not:  []string{"消息来源", "阅读次数", "Copyright"},
		},
		{
			// A county media centre on a bought Bootstrap template marks
			// its info line with iconfont glyphs named in pinyin — the
			// time icon-shijian, the writer icon-zuozhe, the count
			// icon-yanjing (眼睛, the eye): the count went unread.
			file: "pinyin_icon_views.html", url: "http://www.example.cn/xz/2024/1012/4567.html",
			title: "南湖乡举办首届乡村厨艺大赛", published: "2024-10-12 15:08", views: "1017", author: "陈静", column: "乡镇风采",
			want: []string{"10月11日，南湖乡在前进村文化广场举办首届乡村厨艺大赛", "游在南湖”。"},
			not:  []string{"1017", "技术支持"},
		},
		{
			// A women's federation site closes the text's container with
			// its page controls as spans a script answers, not links
			// (收藏本文　打印本文　关闭窗口, parted by ideographic
			// spaces): the line stayed in the body.
			file: "controls_as_text.html", url: "http://www.example.org.cn/fldt/2024-03-08/678.html",
			title: "县妇联开展“巾帼心向党 奋斗新征程”主题宣讲活动", published: "2024-03-08 00:00", views: "233", source: "县妇联", column: "妇联动态",
			want: []string{"为庆祝“三八”国际妇女节，3月7日", "发放宣传资料300余份。"},
			not:  []string{"收藏本文", "打印本文", "关闭窗口", "版权所有"},
		},
	}
	checkClassPages(t, tests)
}

// TestSentenceLink checks which links stand inside a sentence of running
// text and which stand as the headline of their line.
func TestSentenceLink(t *testing.T) {
	tests := []struct {
		name, html string
		want       bool
	}{
		{"a document cited in a sentence", `<p>县文明委印发<a href="/a.html">《关于推进移风易俗的十条措施》</a>，从以下方面推进：</p>`, true},
		{"the sentence ends right after it", `<li>各村按照<a href="/a.html">《村规民约修订指引》</a>。</li>`, true},
		{"the clause mark before it", `<p>4月15日，志愿者按照<a href="/a.html">人居环境整治方案</a>的要求清理垃圾</p>`, true},
		{"a list entry: headline and date", `<li><a href="/a.html">县文明办召开精神文明建设工作会议</a><span>2024-03-12</span></li>`, false},
		{"a column tag before it, no clause", `<li>[县区动态] <a href="/a.html">县文明办召开精神文明建设工作会议</a> 2024-03-12</li>`, false},
		{"an excerpt after it", `<li><a href="/a.html">县文明办召开精神文明建设工作会议</a>：会议总结了去年的工作，部署了今年的任务。</li>`, false},
		{"an excerpt on its own line", `<li>原创 <a href="/a.html">县文明办召开精神文明建设工作会议</a><p>会议总结了去年的工作，部署了今年的任务。</p></li>`, false},
		{"a date line before it", `<li>3月12日，<br><a href="/a.html">县文明办召开精神文明建设工作会议</a>，部署任务</li>`, false},
	}
	for _, tt := range tests {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(tt.html))
		if err != nil {
			t.Fatal(err)
		}
		if got := sentenceLink(doc.Find("a").Get(0)); got != tt.want {
			t.Errorf("%s: sentenceLink = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestPrintEditionSource checks which closing lines name the print
// edition a story ran in, and the paper they give as its source.
func TestPrintEditionSource(t *testing.T) {
	tests := []struct{ closing, want string }{
		{"文明新风才能真正吹进千家万户。\n《人民日报》（2024年03月05日 第04版）\n", "人民日报"},
		{"……\n《 光明日报 》（ 2022年02月13日 02版）\n（松花江网编辑 孙桂芳）\n", "光明日报"},
		{"（《经济日报》2024年3月5日 第3版）\n", "经济日报"},
		{"《人民日报海外版》（2024年03月05日 第 01 版）\n", "人民日报海外版"},
		{"记者从《人民日报》2024年3月5日第4版的报道中获悉，这项工作已全面展开。\n", ""}, // a sentence citing it
		{"《江城日报》（2024年03月05日）\n", ""},                    // no page: no print edition
		{"《关于推进移风易俗树立文明乡风的十条措施》\n", ""},
	}
	for _, tt := range tests {
		if got := printEditionSource(tt.closing); got != tt.want {
			t.Errorf("printEditionSource(%q) = %q, want %q", tt.closing, got, tt.want)
		}
	}
}

// TestNumeralDates checks how dates in Chinese numerals are read: where
// a date in digits would be, and nowhere else.
func TestNumeralDates(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" = no date
	}{
		{"发布日期：二〇二四年三月十八日", "2024-03-18 00:00"},
		{"二○二四年三月五日", "2024-03-05 00:00"},       // the circle ○
		{"二零二四年十二月三十一日", "2024-12-31 00:00"},    // 零
		{"2024年三月五日 10:30", "2024-03-05 10:30"}, // the year in digits
		{"二〇二四年十月二十日", "2024-10-20 00:00"},
		{"成文日期：二〇二四年三月十日", ""}, // the writing, not the publication
		{"二〇二四年十三月五日", ""},     // no month 13
		{"二〇二四年二月三十二日", ""},    // no day 32
		{"二〇二四年三月", ""},        // no day
		{"三月五日是学雷锋纪念日", ""},    // no year
	}
	for _, tt := range tests {
		got := ""
		if tm, _, ok := ParseDate(tt.in); ok {
			got = tm.Format("2006-01-02 15:04")
		}
		if got != tt.want {
			t.Errorf("ParseDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// The digits keep every other byte where it was.
	in := "于二〇二四年四月十日前报送，发布日期：2024-04-01"
	if out := numeralDates(in); len(out) != len(in) || out[strings.Index(in, "，"):] != in[strings.Index(in, "，"):] {
		t.Errorf("numeralDates(%q) = %q: offsets moved", in, out)
	}
}

// TestCompactDate checks that eight digits are read as a date right
// after a publish label only.
func TestCompactDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" = no date
	}{
		{"发布日期：20240305　作者：王老师", "2024-03-05 00:00"},
		{"发布时间：20240305 10:30", "2024-03-05 10:30"},
		{"发布日期：20241305", ""},                               // no month 13
		{"发布日期：202403051", ""},                              // nine digits
		{"文号：20240305　发布日期：2024-03-06", "2024-03-06 00:00"}, // no publish label before it
		{"编号 20240305", ""},
	}
	for _, tt := range tests {
		got := ""
		if tm, _, ok := labeledDate(fold(tt.in)); ok {
			got = tm.Format("2006-01-02 15:04")
		}
		if got != tt.want {
			t.Errorf("labeledDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestBoilerLine checks which lines read as the page's controls set in
// the text's container, links or text.
func TestBoilerLine(t *testing.T) {
	tests := []struct {
		l    string
		want bool
	}{
		{"【打印本页】　【关闭窗口】", true},
		{"[打印本页] [关闭窗口]", true},
		{"收藏本文　打印本文　关闭窗口", true},
		{"加入收藏 打印此页 关闭本页", true},
		{"【字号 大 中 小】", true},
		{"[字体：大 中 小] [打印] [关闭]", true},
		{"收藏本文后，可以在个人中心查看。", false},
		{"打印机捐赠仪式在县一中举行", false},
		{"关闭违规小作坊12家", false},
	}
	for _, tt := range tests {
		if got := mayBeBoiler(tt.l) && boilerLine.MatchString(tt.l); got != tt.want {
			t.Errorf("boilerLine(%q) = %v, want %v", tt.l, got, tt.want)
		}
	}
}

// TestPicturesOpeningText checks that pictures under the title, set with
// it apart from a text longer than a side box, do not stand for the
// story: the text after them is the body.
func TestPicturesOpeningText(t *testing.T) {
	para := "<p>" + strings.Repeat("春耕时节，全县各地抢抓农时，组织农机手开展机耕作业，确保不误农时。", 4) + "</p>"
	pic := `<p><img src="/1.jpg"></p><p>3月25日，城关镇东关村农民在田间驾驶旋耕机整地，农技人员在一旁指导。</p>`
	page := `<html><head><meta charset="utf-8"><title>春耕备耕正当时_图片新闻_某某县人民政府</title></head><body>
<div class="detail"><h1>春耕备耕正当时</h1><div class="info">发布时间：2024-03-26 16:05</div>
<div class="pics">` + strings.Repeat(pic, 8) + `</div></div>
<div class="text-part">` + strings.Repeat(para, 5) + `</div></body></html>`
	r, err := Extract([]byte(page), mustURL(t, "http://www.example.gov.cn/tpxw/202403/t20240326_1.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.Body, "组织农机手开展机耕作业") {
		t.Errorf("body %q: want the text after the pictures", r.Body)
	}
}
