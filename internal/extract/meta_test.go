package extract

import (
	"regexp"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
)

// metaCases are small pages of our own making, one per class of page whose
// title, publish time or author the generic rules once missed. Each names
// the class; the page is in testdata/generic.
var metaCases = []struct {
	file, url string
	class     string
	title     string
	published string // "2006-01-02 15:04" in China time, or "2006-01-02" for a day
	author    string
}{
	{"generic/title_untagged.html", "http://edu.example.cn/jy/202303/t20230310_1.html",
		"the title element has no heading tag or title class; a subheading in the body repeats part of <title>",
		"海外学子看两会：出国前后关注点大不同", "2023-03-10 08:42", ""},
	{"generic/title_og.html", "http://caipu.example.cn/recipe/267078/",
		"<title> is an SEO line; og:title names the h1, while an h2 shares more words with <title>",
		"茄子豆角", "", "小厨娘"},
	{"generic/title_bar_sep.html", "http://www.example.gov.cn/zyfw/2023/0412/7.html",
		"no title element; <title> separates the site name with 丨 (U+4E28), as many Chinese sites do",
		"志愿服务暖人心", "2023-04-12 09:15", ""},
	{"generic/meta_value.html", "http://music.example.tw/44962/",
		"meta tags written with value= instead of content=; an ISO time in UTC that is the next day in China",
		"多组艺人将参与国际音乐节", "2019-05-30 04:44", ""},
	{"generic/date_share_box.html", "http://www.example.com/articles/38282.html",
		"the date line sits in a byline box classed \"author-share\" (furniture for the body) between title and body",
		"这个约会软件，用相似的好恶为你找对象", "2017-03-01 14:27", "谢若含"},
	{"generic/date_modified_only.html", "https://bjh.example.com/s?id=1607555504612518735",
		"no publish time but a modified time (itemprop dateUpdate); the visible date has a two-digit year",
		"九张地图，看懂春秋战国时的秦国", "2018-08-01 10:08", "狼群讲历史"},
	{"generic/date_itemprop.html", "http://www.example.gov.cn/zyfw/1234.html",
		"the publish time is only in an itemprop=datePublished element (a comment below has its own)",
		"社区志愿者走进养老院", "2021-06-01 09:30", ""},
	{"generic/author_editor_only.html", "http://tech.example.cn/2017-03/10/content_1.htm",
		"an empty 作者 label before 责任编辑, a meta author that is the editor; the byline closes the body in parentheses",
		"宇航员在太空中能不能喝酒", "2017-03-10 09:58", "张建国、李雪梅"},
	{"generic/author_byline_lines.html", "http://www.example.com.cn/news/20030724/1.htm",
		"byline lines open the body, one per role (实习生, 记者); the meta author is the web developer",
		"谁来为无序拆房“埋单”", "2003-07-24", "刘国栋、周炜、王燕平、方云凤"},
	{"generic/author_byline_glued.html", "http://finance.example.com/a/1.html",
		"a byline glued to its role and place (本报记者X发自北京); a nav link 记者江湖 is a board, not a byline",
		"宏观政策应该相对稳定 改革一定要加快", "2004-09-24 08:30", "罗科苏盈"},
	{"generic/author_lead_paren.html", "http://www.example.cn/content/2022-02/13/1.htm",
		"the byline in parentheses inside the first sentence (据新华社拉萨电（记者 X）…), a name without a common surname",
		"“厕所革命”改善农牧区人居环境", "2022-02-13", "格桑边觉"},
	{"generic/author_names_alone.html", "http://www.example.org/hp/wg.htm",
		"an old static essay: the title and then the author's name alone on a line, <title> says nothing",
		"显示", "", "胡平"},
	{"generic/author_class.html", "https://news.example.tw/2019/05/17/343909/",
		"the author in a class-marked element under the title; meta author is the site, article:author a URL; a commenter in the sidebar",
		"国民两党在表决前夕团结挺同婚", "2019-05-17 09:52", "林双牧"},
	{"generic/author_jsonld.html", "https://www.example.org/sections/health/2024/05/11/1250529661/handwriting",
		"JSON-LD author list: the publisher as an Organization, then a Person; other JSON on the page has authors too",
		"Why writing by hand beats typing for thinking and learning", "2024-05-11 19:00", "Jonathan Lambert"},
	{"generic/author_posted_by.html", "http://blog.example.me/63934",
		"a blog's meta line: the name before 发布于",
		"哪5招就把胸肌练成和明星一样", "2017-08-30", "小八"},
	{"generic/author_post_signature.html", "http://bbs.example.com/cgi-bin/bbs/5234.html",
		"an old BBS post signed 本贴由X于…发表",
		"亲子演讲精选", "2005-08-12 16:12", "大卫"},
	{"generic/author_refused.html", "http://www.example.gov.cn/gzdt/2023/0506/12.html",
		"作者：本站 and a meta author that is the site's name are no author; the editor line is the editor",
		"我县开展文明交通志愿服务活动", "2023-05-06 10:20", ""},
	{"generic/author_subheading.html", "http://www.example.gov.cn/gzdt/2023/0601/15.html",
		"the body opens with short subheadings that start with a surname character (文明实践, 高位推动) and closes with the office's name in parentheses: no author",
		"我县新时代文明实践工作综述", "2023-06-01", ""},
	{"generic/author_photo_credit.html", "http://www.example.gov.cn/gzdt/2023/0510/21.html",
		"a photo credit (记者 王五 摄) opens the body; the writer's byline closes it",
		"我县举办全民健身运动会", "2023-05-10 16:05", "赵小六"},
	{"generic/author_label_roles.html", "http://www.example.gov.cn/wmcj/2023/0512/3.html",
		"the info line labels the reporter and the correspondent (记者：X 通讯员：Y): both, as the byline 记者 X 通讯员 Y gives them, without the next label",
		"城区志愿者开展环境整治", "2023-05-12 10:30", "孙立新、周敏"},
	{"generic/author_box_related.html", "http://www.example.wenming.cn/gzdt/202401/t20240124_7947765.html",
		"a TRS box (div.box_tex) holds title, date line, body and a related list whose items open with a bracketed column name: no author",
		"我市召开文明城市创建推进会", "2024-01-24", ""},
	{"generic/author_label_cut.html", "http://www.example.org/journal/paper/1.aspx",
		"a labelled author followed by an affiliation and the next label; a space splits the two-character name",
		"淘宝网物流配送存在的问题及对策研究", "2018-08-20", "赵培"},
	{"generic/author_label_br.html", "http://bbs.example.cn/thread/4487.html",
		"a forum's author cell: 作者： and a linked name, then <br> and the poster's rank: the line break ends the value",
		"主题：我们村的文化广场建成了", "2023-06-18 20:56", "晚风&稻田"},
	{"generic/title_host_first.html", "http://www.volunteervoice.org/articles/day.html",
		"<title> puts the site's name first (\"Volunteer Voice - 标题\"), spelled as the host: the part after it is the title, not the logo's text",
		"社区志愿者的一天", "2023-04-08", "周明远"},
	{"generic/author_issuing_office.html", "http://www.example.gov.cn/xxgk/2023/0322/5.html",
		"a government notice's information table: 发文机关 names the body that issued it, the author; 成文日期 is not the publish date",
		"关于开展2023年度文明村镇评选工作的通知", "2023-03-22", "某县精神文明建设指导委员会"},
	{"generic/author_jsonld_byline.html", "https://news.example.tw/story/7266/4907000",
		"the JSON-LD author's name is a byline in traditional characters, role and slash included (記者X／即時報導)",
		"志工團隊走進偏鄉小學", "2023-10-04 15:05", "王志明"},
	{"generic/author_desk_slash.html", "https://www.example.tw/news/view.php?id=7700",
		"an author element names the desk and the reporter split by a slash (某報快訊／X): the name is the author",
		"社區圖書館延長開放時間", "2023-03-12 20:19", "歐陽志遠"},
	{"generic/author_box_location.html", "https://baijiahao.example.com/s?id=1770000000000000001",
		"an author box (hashed classes) holds the name's link, the time and the writer's province in an element classed \"…-loc\"",
		"农村人居环境整治，这个村做对了什么？", "2023-07-08 19:47", "乡村观察员"},
	{"generic/author_site_brand.html", "https://www.example.com/23/0602/09/ABC.html",
		"the meta author is the brand of the site's name in <title> (云帆 of 云帆新闻): no author",
		"全市志愿服务站点实现社区全覆盖", "2023-06-02 09:15", ""},
}

func TestMetaClasses(t *testing.T) {
	for _, tc := range metaCases {
		t.Run(tc.file, func(t *testing.T) {
			r, err := Extract(readFixture(t, tc.file), mustURL(t, tc.url))
			if err != nil {
				t.Fatal(err)
			}
			if r.Title != tc.title {
				t.Errorf("%s\ntitle %q, want %q", tc.class, r.Title, tc.title)
			}
			got := ""
			if !r.Published.IsZero() {
				layout := "2006-01-02 15:04"
				if r.Precision == article.PrecisionDay {
					layout = time.DateOnly
				}
				got = r.Published.In(article.China).Format(layout)
			}
			if got != tc.published {
				t.Errorf("%s\npublished %q (%s), want %q", tc.class, got, r.Provenance[FieldPublished], tc.published)
			}
			if r.Author != tc.author {
				t.Errorf("%s\nauthor %q (%s), want %q", tc.class, r.Author, r.Provenance[FieldAuthor], tc.author)
			}
		})
	}
}

func TestHasPager(t *testing.T) {
	re := regexp.MustCompile(`createPageHTML|class="(?:pg|pages|pagination|pager|page)"|>\s*下一页\s*<|>\s*尾页\s*<|>\s*末页\s*<`)
	for _, s := range []string{
		"", "createPageHTML(3,0)", `<div class="pg">`, `<div class="pages">`, `<div class="pagex">`,
		"<a>下一页</a>", "<a> \n下一页\t </a>", "<a>下一页 x</a>", "x下一页<", ">尾页<", "> 末页 <", "下一页", ">下一页",
		`<ul class="pagination">`, `<p class="page">`, "<a>首页</a>",
	} {
		if got, want := hasPager(indexRaw(s)), re.MatchString(s); got != want {
			t.Errorf("hasPager(%q) = %v, regexp says %v", s, got, want)
		}
	}
}
