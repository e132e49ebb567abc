package extract

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestFailureClasses runs one page of our own making for each class of
// page the general extractor once failed on, as the crawler would see it
// (raw bytes through Decode). Each page stands for a class, not a site.
func TestFailureClasses(t *testing.T) {
	tests := []struct {
		file, url string
		title     string
		published string   // "2006-01-02 15:04" China time; "" = not checked
		author    string   // "" = not checked
		source    string   // "" = not checked
		column    string   // "" = not checked
		views     int64    // 0 = not checked
		counter   string   // the counter's URL, then #, then its Pick; "" = not checked
		next      []string // the article's next pages; nil = not checked
		want      []string // in the body
		not       []string // not in the body
	}{
		{
			// A portal's article page whose breadcrumb is classed
			// "route" (江城网>>时政), the date and source on one line
			// under the title: the column was empty.
			file: "breadcrumb_route.html", url: "http://politics.jiangcheng.example.cn/n1/2024/0318/c1001-40123456.html",
			title: "全国文明城市创建工作推进会召开", published: "2024-03-18 08:23", source: "江城网－江城日报", column: "时政",
			want: []string{"本报讯　3月17日，全市全国文明城市创建工作推进会召开", "市民文明素质。"},
			not:  []string{"热点推荐", "责编", "版权所有"},
		},
		{
			// A blog engine's post (WordPress) names its column only in
			// the category link it prints with the post, rel="category
			// tag"; the sidebar's category list carries no rel.
			file: "category_link_post.html", url: "http://www.mxwm.example.cn/2024/05/12/1234/",
			title: "城关镇开展“文明实践我先行”主题活动", published: "2024-05-12 09:30", column: "志愿服务",
			want: []string{"5月12日，城关镇组织志愿者", "再上新台阶。"},
			not:  []string{"上一篇", "标签", "冀ICP备"},
		},
		{
			// A Java portal's article (JEECMS) loads its view count by
			// script: the label stands before an empty element that a
			// $.getJSON callback fills with one value of a JSON array
			// (d[0] of [views,comments,…]); the counter is that request,
			// its count that value.
			file: "script_filled_counter.html", url: "http://www.cgz.example.gov.cn/gzdt/12384.jhtml",
			title: "城关镇开展垃圾分类主题活动", published: "2023-03-17 09:15", author: "王芳", source: "城关镇文明办", column: "工作动态",
			counter: "http://www.cgz.example.gov.cn/content_view.jspx?contentId=12384#0",
			want:    []string{"3月17日，城关镇新时代文明实践所", "受益群众150余人次。"},
			not:     []string{"分享到", "上一篇", "评论"},
		},
		{
			// A government site's page names its column in the standard
			// <meta name="ColumnName">, with no breadcrumb.
			file: "column_name_meta.html", url: "http://www.mx.example.gov.cn/art/2024/6/3/art_102_5678.html",
			title: "我县召开创建全国文明城市工作推进会", published: "2024-06-03 10:15", column: "文明创建",
			want: []string{"6月3日，我县召开创建全国文明城市工作推进会", "浓厚氛围。"},
			not:  []string{"网站标识码", "打印"},
		},
		{
			// A labelled author that opens with the writers' posts
			// ("作者：本报记者 王红 通讯员 李明") names people: the names
			// alone, joined as a byline in the body gives them.
			file: "labelled_role_byline.html", url: "http://www.example.gov.cn/xwzx/bdxw/202409/t20240922_1234.html",
			title: "我县举办农民丰收节文艺展演", published: "2024-09-22 16:40", author: "王红、李明",
			want: []string{"9月22日，我县2024年中国农民丰收节", "展现了乡村振兴带来的新变化。"},
			not:  []string{"版权所有", "本地新闻"},
		},
		{
			// A related story longer than a short main article follows it
			// in a block whose class names no furniture.
			file: "related_longer.html", url: "https://news.example.hk/society/12345.html",
			title: "社區長者學用智能手機 義工上門教學", published: "2024-05-13 09:30",
			want: []string{"一群大學生義工本月起逢周末上門", "陳婆婆說"},
			not:  []string{"樓宇維修資助計劃", "註冊承建商"},
		},
		{
			// An encyclopedia-style entry opens with two or more dated
			// maintenance notices that share a class ("this entry needs
			// sources (2023-04-17)"): repeated, dated blocks of text, but
			// a small part of the entry, not the posts of a thread.
			file: "dated_notices.html", url: "https://wiki.example.cn/wiki/qingshiqiao",
			title: "青石桥",
			want:  []string{"青石桥是某县城北的一座三孔石拱桥", "供游客了解这座古桥的来历。"},
		},
		{
			// An entry whose fact box (a table of labels and values) has a
			// row labelled like a related-stories heading ("相关团体")
			// followed by linked values, before the entry's prose: a
			// related-links heading ends an article only when little
			// running text follows it.
			file: "infobox_related_row.html", url: "https://wiki.example.cn/wiki/linxiaofeng",
			title: "林晓峰",
			want:  []string{"林晓峰是一位歌手和电视节目主持人", "也结识了后来的唱片制作人。"},
		},
		{
			// A one-paragraph brief on a county site whose footer (class
			// "foot": copyright, address, contact, ICP licence) holds
			// more sentences than the article: the footer says it is one.
			file: "brief_above_footer.html", url: "http://www.example.gov.cn/gzdt/202403/t20240305_1.html",
			title: "我县开展“学雷锋”志愿服务活动", published: "2024-03-05 00:00", author: "刘明",
			want: []string{"3月5日，县文明办组织志愿者走上街头"},
			not:  []string{"版权所有", "ICP备", "不得转载"},
		},
		{
			// The same brief with the footer in a table without a class:
			// its text states the site's copyright and its ICP
			// registration, and opens with them.
			file: "brief_above_table_footer.html", url: "http://www.example.gov.cn/gzdt/202403/t20240305_2.html",
			title: "我县开展“学雷锋”志愿服务活动", published: "2024-03-05 00:00", author: "刘明",
			want: []string{"3月5日，县文明办组织志愿者走上街头"},
			not:  []string{"版权所有", "ICP备", "不得转载"},
		},
		{
			// A government notice (印发通知) on an open-government page: the
			// info table above the title labels the publishing date
			// (发布日期), while the notice's short opening sentences are
			// followed by its issuer and signing date (成文日期), which is
			// no date line opening the body.
			file: "notice_signing_date.html", url: "http://www.example.gov.cn/zwgk/zfwj/202405/t20240506_1.html",
			title: "关于印发《某县文明村镇创建管理办法》的通知", published: "2024-05-06 00:00",
			want: []string{"各乡镇人民政府，县政府各部门：", "第三条　文明村镇每三年评选一次"},
			not:  []string{"索引号", "相关文章", "ICP备"},
		},
		{
			// The author's name sits in an element whose class abbreviates
			// author ("recipe-auth", "menu-auth") after the title; a login
			// box classed "auth-box" in the header is no author.
			file: "auth_abbrev.html", url: "https://food.example.cn/recipe/1024.html",
			title: "清蒸鲈鱼的做法", author: "林小厨",
			want: []string{"清蒸鲈鱼是一道家常菜", "香气一下子就出来了"},
			not:  []string{"登录"},
		},
		{
			// A how-to page with no <h1>: the title is the <title>'s, not
			// the section heading ("Tips"); the dateline opening the body
			// glues its label to a month-name date ("PublishedMay 21, 2024").
			file: "glued_month_dateline.html", url: "https://greenthumb.example.com/indoor/repotting",
			title: "How to repot a houseplant without killing it", published: "2024-05-21 00:00",
			want: []string{"Repotting is the moment", "fill in with fresh potting mix."},
			not:  []string{"Published", "May 21, 2024"},
		},
		{
			// The dateline gives a month and a day, no year ("Mar. 5");
			// the URL's month folder (/2024/03/) gives the year.
			file: "yearless_dateline.html", url: "https://gazette.example.com/2024/03/choir-wins",
			title: "School choir wins regional contest", published: "2024-03-05 00:00",
			want: []string{"The middle school choir won", "take the singers there."},
		},
		{
			// A county site's repost whose text is on another site (a WeChat
			// article) given as a link after the title: the record keeps
			// the link, with its title, time and source.
			file: "text_elsewhere_link.html", url: "http://www.xx.gov.cn/sbhr/202406/t20240611_90.html",
			title: "【身边好人】退休教师义务辅导留守儿童十余年", published: "2024-06-11 10:05", source: "县融媒体中心",
			want: []string{"阅读原文请点击这里", "https://mp.weixin.qq.com/s/7HcXzVb2Lr0QpWm1"},
			not:  []string{"卖菜大姐", "打印本页"},
		},
		{
			// The same as a frame of the other site's page.
			file: "text_elsewhere_frame.html", url: "http://www.xx.gov.cn/wmsj/202406/t20240612_91.html",
			title: "我县举行新时代文明实践志愿服务项目大赛", published: "2024-06-12 15:20", source: "县文明办",
			want: []string{"点击查看原文：", "https://mp.weixin.qq.com/s/Kp2Qx8Vn1Bw5"},
		},
		{
			// A blog template prints the post's date in a box of its own
			// just above the title (not between title and body), and the
			// post's column on its footer line beside the author and the
			// reads ("作者：… | 分类：… | 阅读：…"); the top bar's "今天是" date
			// and the sidebar's "分类：" heading are neither.
			file: "date_above_title.html", url: "http://ng.example.cn/post/42",
			title: "乡村学校少年宫开设书法课", published: "2024-05-28 00:00", column: "工作动态", author: "乡文明办", views: 136,
			want: []string{"5月27日下午", "丰富的课外活动。"},
			not:  []string{"我要评论", "端午节"},
		},
		{
			// A block theme's post terms: the category link is marked
			// rel="tag" (not rel="category"), in a box classed
			// taxonomy-category between the title and the body; the
			// sidebar's category list is no column.
			file: "block_theme_terms.html", url: "https://dg.example.cn/2023/09/14/dianti/",
			title: "老旧小区加装电梯项目开工", published: "2023-09-14 16:20", column: "民生",
			want: []string{"9月14日，东关街道", "三百余户居民。"},
			not:  []string{"加装电梯老旧小区", "党建"},
		},
		{
			// A blog theme's "posted on" line: the publish time is a
			// <time datetime> (UTC) inside the permalink, its text the day
			// only; the time of the last edit follows, classed so.
			file: "permalink_time.html", url: "https://jd.example.cn/news/2023/11/library-corner",
			title: "社区图书角开放啦", published: "2023-11-08 15:45",
			want: []string{"11月8日上午", "十五分钟阅读圈"},
			not:  []string{"上一篇", "最新文章"},
		},
		{
			// The page's template sets the year of the date line above the
			// title in an element of its own, apart from month/day and the
			// time (<span class="year">, <span class="day">, <span
			// class="time">, as news.cn writes it); the URL has no date.
			file: "split_date_spans.html", url: "http://www.example.cn/local/c_1129981476.htm",
			title: "某省推进城镇老旧小区改造", published: "2023-11-17 20:52",
			want: []string{"记者从某省住房和城乡建设厅获悉", "获得感和幸福感。"},
		},
		{
			// The article's own rights notice closes its container after a
			// video widget set into it under a "精彩视频推荐" heading: the
			// widget's links and labels end no article when only the
			// article's closing sentences follow them.
			file: "notice_after_widget.html", url: "https://news.example.cn/city/2024/0702/101.html",
			title: "某市图书馆延长夜间开放时间", published: "2024-07-02 08:30",
			want: []string{"记者从市图书馆获悉", "增加安保和保洁人员。", "【本文为某市日报原创稿件，未经授权，不得转载、摘编。】"},
			not:  []string{"精彩视频推荐", "城市书房遍布街头巷尾", "正在加载", "热点新闻"},
		},
		{
			// The article closes with a credit sentence whose named book
			// is a link ("本文節錄自《…》，由…出版。"): half of its text is
			// the link, but it is a sentence of the article, not a
			// related-story link.
			file: "closing_credit_link.html", url: "https://health.example.tw/article/2024/04/24/nap",
			title: "午睡前先決定幾點醒來",
			want:  []string{"不少上班族午睡後反而更睏", "本文節錄自《二十四位名醫都肯定的最好休息法》，由某某文化出版。"},
			not:   []string{"推薦閱讀", "咖啡該怎麼喝"},
		},
		{
			// <meta> says gb2312, the bytes are UTF-8 (a page saved by a
			// browser, or a CMS that re-encoded its templates).
			file: "meta_gbk_bytes_utf8.html", url: "http://www.example.gov.cn/xw/202404/t20240423_1.html",
			title: "县城文明实践站开展读书分享会", published: "2024-04-23 10:15",
			want: []string{"4月23日是世界读书日", "绘本故事会"},
		},
		{
			// A WeChat article: the body is visibility:hidden until a
			// script shows it.
			file: "wechat_hidden.html", url: "https://mp.weixin.qq.com/s/AbCdEf",
			title: "志愿服务进社区 文明新风暖人心", published: "2024-05-13 09:20",
			want: []string{"5月12日，某县文明办组织志愿者", "让文明新风吹进千家万户"},
			not:  []string{"微信扫一扫"},
		},
		{
			// An alphabetic-script article in utility-CSS markup: the
			// container is class "relative", sentences end in full stops.
			file: "latin_utility_classes.html", url: "https://times.example.com/2024/05/10/library",
			title: "City opens new library branch", published: "2024-05-10 22:00",
			want: []string{"The city opened its newest library branch", "two years ago."},
			not:  []string{"Most read", "Council votes"},
		},
		{
			// The body container's class carries a modifier word
			// ("…_with-aside") that is also a furniture word.
			file: "modifier_aside.html", url: "https://news.example.id/read/123/warga",
			title: "Warga gotong royong bersihkan sungai",
			want:  []string{"Ratusan warga bergotong royong", "papan larangan membuang sampah."},
			not:   []string{"Berita terkait", "Wali kota resmikan"},
		},
		{
			// Links inside sentences carry furniture words in their class
			// ("inner-link-tag", "related-link"): they are words of the text.
			file: "inline_link_class.html", url: "https://news.example.id/read/2024/05/13/pasar",
			title: "Presiden kunjungi pasar tradisional",
			want:  []string{"Presiden Joko Widodo mencicipi", "pedagang stabil sejak awal bulan meski"},
			not:   []string{"Baca juga", "Menteri tinjau"},
		},
		{
			// A post that opens with a topic tag in the #话题# form, a
			// link to the topic's page standing alone on the first line:
			// it is the post's first word, not navigation.
			file: "topic_tag_opening.html", url: "https://forum.example.cn/1234/5678",
			title: "周末义诊进社区，三百多位居民受益", published: "2024-05-19 18:42",
			want: []string{"#志愿服务#", "上周六上午，县医院的十二位医生", "欢迎居民关注社区公告"},
			not:  []string{"举报", "热帖"},
		},
		{
			// A short article (a video page's one-sentence description)
			// in the page's <main>; a longer run of sentences outside it
			// (a newsletter's terms under a subscribe form) outweighs it.
			file: "short_in_main.html", url: "http://www.example.gov.cn/sp/202406/t20240605_1.html",
			title: "【视频】老街巷里的志愿服务队", published: "2024-06-05 16:20",
			want: []string{"一支由退休教师组成的志愿服务队"},
			not:  []string{"订阅即表示", "主办"},
		},
		{
			// An article made with an editor (WeChat's, 135编辑器): rows
			// of nested anonymous <section>s, subheadings in wrappers of
			// their own, one row much longer than the rest, in a
			// container whose class the extractor does not know.
			file: "editor_rows.html", url: "http://www.example.gov.cn/xw/202405/t20240520_1.html",
			title: "某县开展“文明实践进万家”系列活动", published: "2024-05-20 09:30",
			want: []string{"为深入推进新时代文明实践中心建设", "一、志愿服务走进田间地头", "发放技术资料五百余份",
				"今年以来全县共注册志愿者两万余人", "第14场演出", "三、文明新风浸润百姓心田", "让文明之花开遍城乡每一个角落"},
			not: []string{"最新动态", "推进会议", "备案号", "分享到"},
		},
		{
			// The body is split into blocks of one class between figures;
			// the last block closes the article with a line of links to
			// the outlet's social accounts, which makes it link-dense.
			file: "fragment_follow_links.html", url: "https://news.example.cn/2024/05/18/museum.html",
			title: "县博物馆举办国际博物馆日开放活动", published: "2024-05-18 17:40",
			want: []string{"5月18日是国际博物馆日", "开展社会教育活动四十余场", "下一步将推出更多线上展览和研学课程"},
			not:  []string{"热门", "读书分享会", "版权所有"},
		},
		{
			// Advertising slots, a newsletter sign-up and a donation
			// appeal set inside the body container between paragraphs;
			// their class words say what they are.
			file: "ads_in_body.html", url: "https://daily.example.cn/local/2024/07/02/library.html",
			title: "县图书馆延长开放时间 夜读成新风尚", published: "2024-07-02 08:10",
			want: []string{"从七月起，县图书馆每天开放到晚上九点", "开放首周", "二十四小时自助借还书机"},
			not:  []string{"广告", "订阅即表示", "欢迎捐助"},
		},
		{
			// A newsletter sign-up, a box of other news and a donation
			// appeal inside the body container, told by what their
			// attributes name: the script component's name
			// (x-data="window.newsletter()"), an ARIA landmark role
			// (role="complementary"), a class word ("cli-support-courier").
			file: "named_boxes.html", url: "https://courier.example.com/2024/06/14/ferry",
			title: "Harbour ferry adds a night service", published: "2024-06-15 02:30",
			want: []string{"The harbour ferry will run until midnight", "monthly passes remain valid", "morning timetable is not cut"},
			not:  []string{"Sign up for our weekly letter", "By signing up", "Would you consider a contribution", "sardine season"},
		},
		{
			// A round-up that sets cards of the stories it recaps between
			// its paragraphs: a picture and a headline linking to the
			// story, and a teaser sentence.
			file: "teaser_cards.html", url: "https://today.example.com/reviews/week-20",
			title: "Week 20 in review: river festival, new tram line",
			want:  []string{"let's recap the stories", "fireworks ran for twenty minutes", "first week of rides is free.", "What comes next", "bridge repairs"},
			not:   []string{"breaks its attendance record", "Forty thousand visitors came", "Tram line four opens"},
		},
		{
			// The lead paragraph, a block of its own before the rest of
			// the story, has sentences whose full stops follow links
			// ("… before a crowd of <a>residents</a>."): they are stops.
			file: "stop_after_link.html", url: "https://valleypost.example.com/local/park",
			title: "Riverside park opens to the public",
			want:  []string{"The mayor opened the new riverside park", "stayed for the evening fireworks.", "twelve hectares", "Dogs are welcome"},
		},
		{
			// The lead paragraph sits under the title in a block named
			// "lead", apart from the body's container: a picture and a
			// list of topics stand between them.
			file: "lead_apart.html", url: "https://gazeta.example.pl/miasto/most",
			title: "Nowy most na Wiśle otwarty dla pieszych",
			want:  []string{"W sobotę (18.05) mieszkańcy po raz pierwszy", "Budowa trwała dwa lata", "budowa ścieżki na prawym brzegu"},
			not:   []string{"W tym artykule", "Nowa kładka"},
		},
		{
			// A photo story's slider: the slides not on show are
			// aria-hidden="true", hidden from readers as display:none
			// would hide them; the description and the slide on show
			// are the body.
			file: "aria_hidden_slides.html", url: "https://foto.example.id/d-123/festival",
			title: "Festival layang-layang warnai pantai",
			want:  []string{"Ratusan layang-layang warna-warni", "Layang-layang raksasa berbentuk naga"},
			not:   []string{"Peserta dari Jepang", "Penonton memadati", "Panitia memberikan hadiah"},
		},
		{
			// Lines pointing to other stories between the paragraphs: a
			// short label and a colon, then only links.
			file: "read_also_lines.html", url: "https://techweekly.example.com/2024/05/windows-printers",
			title: "Windows update breaks printer sharing, vendor says",
			want:  []string{"The May update for Windows", "are not affected", "the vendor suggests removing the update: the notice explains how", "roll the update back"},
			not:   []string{"How to set up a network printer", "everything you need to know", "How to pause updates"},
		},
		{
			// Posts of a social network embedded between the paragraphs
			// (blockquote.twitter-tweet, blockquote.instagram-media): the
			// words of others, not the article's.
			file: "embedded_posts.html", url: "https://gridiron.example.com/news/rookie-camp",
			title: "Rookies take the field at spring camp",
			want:  []string{"The first-round pick threw", "intercepted two throws", "opens its preseason in August"},
			not:   []string{"the arm looks ready", "@reporter", "Day two of rookie camp", "A post shared by"},
		},
		{
			// The article's key points, in a block of their own right
			// before the wrapper that holds the body's container: the
			// lead of the body, though not the container's own sibling.
			file: "lead_before_wrapper.html", url: "https://hanbit.example.kr/society/1234",
			title: "시립도서관, 야간 개관 확대",
			want:  []string{"시립도서관, 다음 달부터 밤 10시까지", "주말에는 어린이 독서 교실도", "퇴근 후 도서관을 찾는 시민", "신청은 도서관 누리집에서"},
			not:   []string{"무단전재"},
		},
		{
			// A page with no <title> and no declared headline (a fragment
			// saved on its own): its one <h1> is the title, not a line of
			// the body.
			file: "no_title_element.html", url: "http://en.example.cn/n3/2024/0520/c90000-1.html",
			title: "Wetland park counts more migrating cranes",
			want:  []string{"Rangers at the wetland park counted", "when the birds fly south again"},
			not:   []string{"Wetland park counts more migrating cranes"},
		},
		{
			// Advertising slots between the paragraphs, in blocks whose
			// class says nothing, show only their label ("Anzeige",
			// "ADVERTISEMENT").
			file: "ad_label_lines.html", url: "https://stadtanzeiger.example.de/lokales/bibliothek",
			title: "Stadtbibliothek öffnet sonntags",
			want:  []string{"Die Stadtbibliothek öffnet ab Juni", "zwei zusätzliche Stellen", "Lesecafé"},
			not:   []string{"Anzeige", "ADVERTISEMENT"},
		},
		{
			// The byline's date and the posted/updated line, inside the
			// article's block before and after the text, write the month
			// by name ("May 14, 2024"); a sentence with a date stays.
			file: "dateline_lines.html", url: "https://lakeside.example.com/news/bike-lanes",
			title: "Council approves new bike lanes downtown",
			want:  []string{"six kilometres of protected bike lanes", "On May 9, 2024, residents", "before the school year begins"},
			not:   []string{"Posted Fri", "Updated Fri", "\nMay 14, 2024"},
		},
		{
			// A notice whose last line in the body's block names its
			// source ("来源：某县文明办") after the issuer and the signing
			// date: the source line goes as a leading meta line does,
			// the bare signing date under the issuer stays.
			file: "closing_source_line.html", url: "http://www.example.gov.cn/tzgg/202403/t20240305_7.html",
			title: "关于开展2024年“文明家庭”推荐工作的通知", published: "2024-03-05 09:12",
			want: []string{"各乡镇文明办，县直各单位：", "特此通知。\n某县文明办\n2024年3月5日"},
			not:  []string{"来源："},
		},
		{
			// A blog post whose block ends with the post's trackback
			// address ("Trackback: http://…"): blog furniture, not text.
			file: "trackback_line.html", url: "http://blog.example.cn/xiaolin/archive/2005/06/18/543698.html",
			title: "换了一台新笔记本",
			want:  []string{"用了五年的旧电脑终于撑不住了", "晚上在客厅写东西也不会吵到家人。"},
			not:   []string{"Trackback", "TrackBack.aspx"},
		},
		{
			// An old blog's dateline above the post writes the day as an
			// ordinal ("Saturday, September 10th, 2005  10:56 am"), as
			// ParseDate reads it: a dateline all the same.
			file: "ordinal_dateline.html", url: "http://valley.example.com/?p=212",
			title: "Harvest fair draws record crowd",
			want:  []string{"More than four thousand visitors", "thanked the volunteers who worked through the night."},
			not:   []string{"September 10th", "10:56 am"},
		},
		{
			// An advertising slot set into the body in a block whose class
			// names no ad, with a label under it ("SCROLL TO CONTINUE
			// WITH CONTENT"): the slot's id names the ad.
			file: "ad_slot_label.html", url: "https://wartapasar.example.id/ekonomi/d-123/harga-cabai",
			title: "Harga cabai turun menjelang panen raya",
			want:  []string{"Harga cabai rawit di pasar induk", "seiring panen raya", "Stok aman", "tiga bulan ke depan"},
			not:   []string{"SCROLL TO CONTINUE"},
		},
		{
			// The body opens with the headline in title case, while the
			// page declares it in sentence case: it is the title, not a
			// line of the body.
			file: "title_case_line.html", url: "https://rivergazette.example.com/culture/festival",
			title: "River festival returns with night market and boat parade",
			want:  []string{"The river festival returns this weekend", "closed to cars"},
			not:   []string{"River Festival Returns"},
		},
		{
			// A help centre's article whose container is named "support":
			// the word marks donation appeals, not the text of a page
			// that is mostly its article.
			file: "support_article.html", url: "https://library.example.org/help/renew-card",
			title: "How to renew a library card online",
			want:  []string{"Library cards expire after three years", "choose renew", "renew it while you wait"},
			not:   []string{"Popular questions", "Printing costs"},
		},
		{
			// A list article: each item (a numbered heading and its text)
			// in wrappers of its own, the wrappers of one class, the
			// items' classes numbered; each item scores alone.
			file: "list_items.html", url: "https://homely.example.com/diy/12-small-tools",
			title: "12 Small Tools That Make A Home Workshop Tidier",
			want: []string{"A magnetic strip for the wall", "They lock together when stacked", "One reviewer wrote that she finally",
				"The handle folds away"},
			not: []string{"Privacy", "Garden"},
		},
		{
			// A figure's text in a block named by its place in the
			// figure ("media__figure-footer"): not the page's footer.
			file: "figure_footer.html", url: "https://valleypost.example.com/news/river-trail",
			title: "The river trail reopens after the flood",
			want:  []string{"The river trail reopened on Saturday", "The new footbridge near the mill", "Dogs must be kept on a lead"},
			not:   []string{"Valley Media Trust"},
		},
		{
			// A slideshow with every slide in the page, the one on show
			// marked by a state class ("slide active"): that slide is
			// the body, however long the others are.
			file: "active_slide.html", url: "https://roadnotes.example.com/travel/bridges/slides/3",
			title: "Five bridges worth a detour",
			want:  []string{"Twice an hour the deck of the lift bridge rises"},
			not:   []string{"fourteenth century", "rope bridge is not for everyone", "has not seen a train"},
		},
		{
			// An article with its later pages in the page, hidden by a
			// block's "hidden" modifier ("story-body__page_hidden") until
			// a reader turns to them: the page shown is the body.
			file: "hidden_modifier_pages.html", url: "https://kabarkota.example.id/read/123/pasar-malam",
			title: "Pasar malam kembali dibuka di alun-alun",
			want:  []string{"Pasar malam kembali dibuka di alun-alun kota", "Lampu hias dipasang"},
			not:   []string{"Jam buka diperpanjang", "Pengunjung diminta", "Antrean terpanjang"},
		},
		{
			// A page with no date in its meta data: the dateline under
			// the title writes the month's name ("Published March 5,
			// 2024 at 9:15 am").
			file: "month_name_dateline.html", url: "https://baygazette.example.com/local/harbour-ferry",
			title: "Harbour ferry adds a late sailing", published: "2024-03-05 09:15",
			want: []string{"The harbour ferry will run a late sailing", "reviewed after the summer"},
			not:  []string{"Quay Street"},
		},
		{
			// A quiz whose answers the page's own stylesheet hides
			// (".entry[data-result]{display:none}") until the reader has
			// picked one; a block the sheet hides and shows again
			// (".panel" and ".panel.panel-open") is on show, and a rule
			// inside @media holds on some screens only.
			file: "style_hidden.html", url: "https://quiz.example.com/which-garden-bird",
			title: "Which garden bird are you?",
			want:  []string{"Some of us sing at dawn", "There are no wrong answers"},
			not:   []string{"Bold and curious", "You wake the street", "Small but loud"},
		},
		{
			// A notice with a timetable laid out in columns and a poem,
			// each in a <pre>: their line breaks are lines of the body.
			file: "pre_lines.html", url: "http://www.example.gov.cn/tzgg/202403/t20240318_1.html",
			title: "县图书馆春季读书会安排公告", published: "2024-03-18 10:00",
			want: []string{"现将活动安排公告如下：\n场次      日期        地点\n第一场    4月6日     一楼报告厅\n",
				"春眠不觉晓，\n处处闻啼鸟。\n夜来风雨声，\n花落知多少。\n报名电话"},
			not: []string{"ICP备"},
		},
		{
			// A notice with a data table (a header row and rows of
			// names): each row is a line of the body, its cells apart.
			file: "data_table.html", url: "http://www.example.gov.cn/zyfw/202406/t20240612_1.html",
			title: "关于2024年度“最美志愿者”评选结果的公示", published: "2024-06-12 09:00",
			want: []string{"序号\t姓名\t单位\t服务时长（小时）\n1\t王晓兰\t城关镇社区卫生服务中心\t320\n",
				"3\t赵海燕\t县图书馆\t254\n公示时间"},
			not: []string{"ICP备"},
		},
		{
			// A notice whose own lists are all links (the activities it
			// covers, introduced by its sentence "…包括以下活动："; the
			// attached documents after "附件：", closing it), above a
			// related-stories list that is no part of it.
			file: "linked_list_content.html", url: "http://www.example.gov.cn/tzgg/202404/t20240409_1.html",
			title: "关于征集新时代文明实践优秀案例的通知", published: "2024-04-09 15:30",
			want: []string{"包括以下活动：\n“邻里守望”志愿服务\n文明家庭创建\n全民阅读进社区\n请各单位",
				"附件：\n优秀案例征集表.docx\n案例撰写要求.docx\n报送汇总表.xlsx"},
			not: []string{"相关文章", "推进会", "ICP备"},
		},
		{
			// A notice's attached documents on lines of their own, the
			// first after its label on the same line ("附件：<a>1.….doc</a>"),
			// one served by a download script and named by its text:
			// links to documents are the article's, not links away
			// from it as a "相关阅读：<a>" line is.
			file: "attachment_lines.html", url: "http://www.example.gov.cn/tzgg/202405/t20240516_1.html",
			title: "关于开展年度“文明家庭”推荐工作的通知", published: "2024-05-16 00:00",
			want: []string{"报送县文明办。\n附件：1.文明家庭推荐表.doc\n2.文明家庭推荐汇总表.xls"},
			not:  []string{"相关阅读", "道德讲堂", "ICP备", "字体"},
		},
		{
			// A programme's page whose main content is a one-sentence
			// synopsis in a box named "related-info" under the title,
			// beside a list of linked teasers with more punctuation.
			file: "info_box_main.html", url: "http://www.example.cn/wyzp/1234.html",
			title: "《石桥记》",
			want:  []string{"《石桥记》是县剧团新排的一出黄梅戏，讲述清末一位石匠带领乡亲修桥的故事。"},
			not:   []string{"热门节目", "天仙配", "文化路"},
		},
		{
			// Widgets inside the article's container, in blocks whose
			// class names nothing: a share bar of elements in the role
			// of buttons with a count, and a poll (a form of radio
			// buttons and a submit button under its question). A
			// picture with its buttons and caption is no widget.
			file: "controls_in_article.html", url: "https://news.example.cn/city/2024/0820/55.html",
			title: "某市启动老旧小区加装电梯试点", published: "2024-08-20 08:15",
			want: []string{"记者从市住建局获悉", "须经本单元三分之二以上业主同意。\n施工人员在某小区安装电梯井架\n加装工作由街道统一组织施工", "居民可通过社区服务中心咨询。"},
			not:  []string{"转播到微博", "分享到朋友圈", "128", "您认为这篇文章", "很有帮助", "责任编辑"},
		},
		{
			// A blog post whose comment form (WordPress's <form
			// id="commentform">: name, e-mail and site fields, a text
			// box, a note on the tags allowed) follows the post in the
			// same cell: the compound word names the form a comment
			// block as "comment-form" would.
			file: "comment_form.html", url: "http://blog.example.cn/?p=1700",
			title: "周末去湿地公园看候鸟",
			want:  []string{"入冬以后，城北的湿地公园来了一批越冬的候鸟", "回家的路上孩子一直在问候鸟要飞多远。"},
			not:   []string{"昵称", "电子邮箱", "个人网站", "评论中可以使用这些标签", "提交评论"},
		},
		{
			// A programming blog's code block: a <pre> whose tokens are
			// spans of a syntax highlighter, parted by white space
			// outside them; above the post, a licence notice and the
			// post's own link; below it, recommended posts with teasers.
			file: "code_spans.html", url: "https://blog.example.net/u/article/details/132300001",
			title: "Go语言中切片扩容的规则", published: "2023-08-15 10:21",
			want: []string{"发现往切片里追加元素后", "s := make([]int, 0, 1)\nfor i := 0; i < 10; i++ {\ns = append(s, i)\n}",
				"不要依赖底层数组是否被共享。"},
			not: []string{"版权声明", "本文链接", "底层实现原理详解", "热门文章"},
		},
		{
			// A letter page of a government site's mailbox (县长信箱): a
			// table of labels and values holding the letter (信件内容)
			// and, in another row, the office's reply (答复内容); the
			// body is both.
			file: "letter_reply_cells.html", url: "http://www.example.gov.cn/hdjl/xzxx/2024/0407/55.html",
			title: "关于小区门口路灯不亮的问题",
			want:  []string{"有六盏路灯已经一个多月不亮了", "希望有关部门尽快修复。谢谢！\n王先生（女士）：您好！", "目前六盏路灯已全部恢复照明。"},
			not:   []string{"最新信件", "交通信号灯", "ICP备"},
		},
		{
			// A news portal's article container holds, after the last
			// paragraph, a box advertising the site's app beside its QR
			// code (class "appendQr_wrap"), then the editor's line.
			file: "qr_promo.html", url: "https://finance.example.com/roll/2024-06-10/doc-inaxyz1234.shtml",
			title: "多地出台措施促进夜间消费", published: "2024-06-10 09:12",
			want: []string{"夜间消费持续升温", "实现可持续发展。"},
			not:  []string{"尽在某某财经APP", "责任编辑", "网友评论", "7X24小时"},
		},
		{
			// A portal's article: below the body, the platform's
			// disclaimer in a block of its own (class "post_statement":
			// "特别声明：以上内容…本平台仅提供信息存储服务", the same on
			// every page), then the source line.
			file: "platform_statement.html", url: "https://www.example.com/dy/article/IS1234567890.html",
			title: "县城的年轻人开始回流了", published: "2024-02-26 10:35", author: "张某",
			want: []string{"（原标题：返乡就业，县城年轻人的新选择）\n春节过后", "更完善的公共服务。"},
			not:  []string{"特别声明", "信息存储服务", "分享到", "相关推荐", "热门跟贴"},
		},
		{
			// The article element closes with the template's editor
			// field, its name left for a script to fill: "责任编辑："
			// and an empty span.
			file: "empty_editor_label.html", url: "https://www.example.com/a/712345678_121106991",
			title: "老街上的修表匠：一门手艺守了四十年", published: "2023-09-12 08:30",
			want: []string{"在城南老街的一个拐角", "他就会一直干下去。"},
			not:  []string{"责任编辑", "作者最新文章"},
		},
		{
			// A county forum's thread (Discuz! X viewthread, GBK): the
			// first post is the body, its header line ("发表于
			// 2023-4-15 21:06") is no part of it; the name before
			// 发表于 is the post's floor (楼主), the poster's name is in
			// the post's profile cell (div.authi); the breadcrumb ends
			// with the thread's title, the column is the board. (The
			// page is read, as `wenming extract` shows it, but no
			// article: a Discuz install's threads are never archived,
			// see cms.Discuz's OtherURL and TestDiscuzForumSite.)
			file: "forum_thread_gbk.html", url: "http://bbs.example.cn/thread-3456-1-1.html",
			title: "周末带娃去哪玩？推荐几个县城周边的好去处", published: "2023-04-15 21:06", author: "山里的风", column: "亲子乐园",
			want: []string{"天气暖和了，周末总想带孩子出去走走。", "大家还有什么好地方，欢迎补充！"},
			not:  []string{"发表于", "楼主", "草莓很甜", "南河边新修的步道", "Powered by"},
		},
		{
			// The article's container closes with one related story
			// under a heading (【延伸阅读】): its linked headline and its
			// teaser sentence, no part of the article; the editor's
			// note (编者按) set apart before the body is.
			file: "extended_reading.html", url: "http://www.example.com/ty/2024/0422/9.html",
			title: "一座小城的“十五分钟健身圈”", published: "2024-04-22 07:30", author: "钱进",
			want: []string{"编者按：家门口的健身场地", "缓解群众“健身去哪儿”的难题。"},
			not:  []string{"延伸阅读", "补短板五年行动", "全民健身中心", "我要纠错"},
		},
		{
			// A government information page (政府信息公开) opens with
			// the document's metadata table above its title: the
			// publishing body (发布机构) is the source, the 发布日期 the
			// publish time (not the 成文日期).
			file: "metadata_table_source.html", url: "http://www.example.gov.cn/zwgk/tzgg/202406/t20240620_88.html",
			title: "关于公布第三批县级新时代文明实践示范点的通知", published: "2024-06-20 00:00", source: "中共示例县委宣传部",
			want: []string{"各乡镇（街道）党（工）委", "留得住的精神家园。"},
			not:  []string{"索引号", "打印本页", "网站标识码"},
		},
		{
			// A government document's metadata table (索引号, 发布机构,
			// 成文日期, 发布日期 …) pasted at the top of the body container,
			// where the template has no place for it: the document's info,
			// not its text — 发布日期 the publish time, 发布机构 the source.
			file: "body_meta_table.html", url: "http://www.qxwm.example.gov.cn/art/2024/5/9/art_410_3321.html",
			title: "关于开展2024年度“最美志愿者”推选活动的通知", published: "2024-05-09 00:00", source: "桥西区文明办",
			want: []string{"各街道文明办，区直各单位：", "桥西区精神文明建设委员会办公室\n2024年5月6日"},
			not:  []string{"索引号", "发布机构", "桥文明办〔2024〕9号", "打印本页"},
		},
		{
			// An older government template titles every page with the
			// site's name and sets the article's title, info line and
			// body in the cells of a table (td.bt_title, td.bt_info):
			// the <title> declares no title, and matched against the
			// page it found the info line, whose source names the site.
			file: "site_name_title.html", url: "http://www.hkwm.example.gov.cn/art/2024/4/16/art_302_8812.html",
			title: "河口区志愿者开展“清洁家园”集中行动", published: "2024-04-16 09:42", source: "河口区文明办", column: "志愿服务",
			want: []string{"4月16日，河口区组织300余名志愿者", "参与志愿者2000余人次。"},
			not:  []string{"发布时间", "打印本页", "网站标识码"},
		},
		{
			// A government site's page titled with the site's name alone,
			// its article title in an element no class names a title, and
			// no source label on the page: the national standard's <meta>
			// tags (SiteName, ArticleTitle, ContentSource) name them.
			file: "gov_standard_meta.html", url: "http://www.sxwm.example.gov.cn/wmsj/202407/t20240708_123.html",
			title: "示例县新时代文明实践中心开展“送文化下乡”志愿服务活动", published: "2024-07-08 16:20",
			source: "示例县新时代文明实践中心", column: "文明实践",
			want: []string{"7月8日，示例县新时代文明实践中心组织", "惠及群众2万余人次。"},
			not:  []string{"字号", "打印", "网站标识码"},
		},
		{
			// A bespoke ASP.NET template (nested tables, <font>, &nbsp;
			// indents, GB2312 declared in <meta> only) leaves the count's
			// element empty after its label and fills it from its own
			// script with what an .ashx handler answers: that handler is
			// the counter.
			file: "script_asked_counter.html", url: "http://www.sxwm.example.gov.cn/News/Show.aspx?ID=1234",
			title: "我县开展“文明交通进校园”宣传活动", published: "2024-05-02 09:30", source: "县文明办", column: "工作动态",
			counter: "http://www.sxwm.example.gov.cn/Ajax/Hits.ashx?ID=1234&t=#",
			want:    []string{"5月2日，县文明办联合县交警大队", "文明出行、安全出行。"},
			not:     []string{"上一篇", "打印本页", "浏览次数", "冀ICP备", "热点文章"},
		},
		{
			// A classic-ASP CMS of the 动易 PowerEasy kind splits a long
			// article ([NextPage]) under a pager whose words stand in
			// brackets (【1】【2】【下一页】): the next pages are the
			// article's. Its only date is labelled 更新时间, its count a
			// GetHits.asp script, its column the breadcrumb's last link
			// before 正文 [template classes assumed from PowerEasy 2006].
			file: "bracket_pager.html", url: "http://www.sxwm.example.gov.cn/Article/HTML/123.html",
			title: "城关镇召开文明村镇创建推进会", published: "2008-05-12 00:00", source: "城关镇", column: "工作动态",
			counter: "http://www.sxwm.example.gov.cn/Article/GetHits.asp?ArticleID=123#",
			next:    []string{"http://www.sxwm.example.gov.cn/Article/HTML/123_2.html", "http://www.sxwm.example.gov.cn/Article/HTML/123_3.html"},
			want:    []string{"5月12日上午，城关镇召开文明村镇创建工作推进会", "作出具体安排。"},
			not:     []string{"【1】", "下一页", "打印此文", "上一篇", "冀ICP备", "本栏热门"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r := extractClassPage(t, tt.file, tt.url)
			if r.Title != tt.title {
				t.Errorf("title %q, want %q", r.Title, tt.title)
			}
			published := ""
			if tt.published != "" {
				published = r.Published.Format("2006-01-02 15:04")
			}
			checkFields(t, wantField{"author", r.Author, tt.author}, wantField{"source", r.Source, tt.source},
				wantField{"column", r.Column, tt.column}, wantField{"published", published, tt.published})
			if tt.views != 0 && (r.Views == nil || *r.Views != tt.views) {
				t.Errorf("views %v, want %d", r.Views, tt.views)
			}
			if tt.counter != "" && (r.Counter == nil || r.Counter.URL+"#"+r.Counter.Pick != tt.counter) {
				t.Errorf("counter %+v, want %s", r.Counter, tt.counter)
			}
			if tt.next != nil && strings.Join(r.NextPages, " ") != strings.Join(tt.next, " ") {
				t.Errorf("next pages %v, want %v", r.NextPages, tt.next)
			}
			checkBody(t, r.Body, tt.want, tt.not)
		})
	}
}

// TestModifierWords checks that isModifierWord's switch for ASCII parts
// lists modifierWords.
func TestModifierWords(t *testing.T) {
	for _, m := range modifierWords {
		if !isModifierWord(m) || !isModifierWord(strings.ToUpper(m)) {
			t.Errorf("isModifierWord(%q) = false", m)
		}
	}
	for _, w := range []string{"withx", "ha", "nav", "ſhow", "", "ſidebar"} {
		if got, want := isModifierWord(w), slices.ContainsFunc(modifierWords, func(m string) bool { return strings.EqualFold(m, w) }); got != want {
			t.Errorf("isModifierWord(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestReadAlsoLine checks which lines dropReadAlso takes for pointers to
// other stories; link is the number of visible runes inside links.
func TestReadAlsoLine(t *testing.T) {
	tests := []struct {
		text string
		link int
		want bool
	}{
		{"Also: How to set up a network printer", 32, true},
		{"延伸阅读：57岁小学肄业 广西骗子演绎25亿美元惊天骗局", 23, true},
		{"Read the notice: it explains how to remove the update in this guide", 14, false},
		{"“总要说感谢的话。”(弗 5:4)", 5, false}, // a colon in a linked reference
		{"电子邮件：shenqy@nankai.edu.cn", 20, false},
		{"No colon at all here but a link", 31, false},
		{"A label that is much longer than twenty runes: link", 4, false},
		{"责任编辑：张三", 2, false},         // a field whose value links to its page
		{"【纠错】 【责任编辑：张三 】", 4, false}, // a control's link, then a field
		{"数据来源：国家统计局", 5, true},       // no field's label: a longer word
	}
	for _, tt := range tests {
		l := bodyLine{text: tt.text, vis: countVisible(tt.text), link: tt.link}
		if got := readAlsoLine(l); got != tt.want {
			t.Errorf("readAlsoLine(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestIntroducesList checks which texts before a list of links make it
// part of the article.
func TestIntroducesList(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"附件：", true},
		{"为总结推广工作经验，决定开展征集活动。征集范围包括以下活动：", true},
		{"Ingredients:", true},
		{"相关文章：", false},
		{"相關文章：", false},
		{"延伸阅读:", false},
		{"标签：", false},
		{"Related links:", false},
		{"Share:", false},
		{"请各单位认真组织，于5月10日前报送案例材料。", false},
		{"附件", false},
	}
	for _, tt := range tests {
		if got := introducesList(tt.text); got != tt.want {
			t.Errorf("introducesList(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestMonthDateLine checks which lines read as an alphabetic script's
// dateline.
func TestMonthDateLine(t *testing.T) {
	tests := []struct {
		l    string
		want bool
	}{
		{"May 9, 2024", true},
		{"10 May 2024", true},
		{"Posted Fri, May 10, 2024 at 2:52 pm PT|Updated Fri, May 10, 2024 at 2:55 pm PT", true},
		{"Published:  00:24 BST, 13 May 2024   |  Updated:  00:37 BST, 13 May 2024", true},
		{"by Andrew Coletti  May 14, 2024", true},
		{"PublishedMay 21, 2024", true},
		{"Saturday, September 10th, 2005 \u00a0 10:56 am", true},
		{"3rd of May 2024", true},
		{"On the 3rd of May 2024 the bridge reopened to traffic.", false},
		{"Published: May 21, 2024", true},
		{"On May 9, 2024, residents filled the chamber.", false},
		{"The plan was approved on May 9, 2024. Work starts in July", false},
		{"May the best team win", false},
		{"2024年5月9日", false},
	}
	for _, tt := range tests {
		if got := isMonthDateLine(tt.l); got != tt.want {
			t.Errorf("isMonthDateLine(%q) = %v, want %v", tt.l, got, tt.want)
		}
	}
}

// TestHiddenModifier checks which class values carry a block's "hidden"
// modifier.
func TestHiddenModifier(t *testing.T) {
	tests := []struct {
		class string
		want  bool
	}{
		{"article-content-body__item-page article-content-body__item-page_hidden", true},
		{"card card--hidden", true},
		{"Panel_Hidden", true},
		{"hidden", false},       // a hiding class of its own (hidingClasses)
		{"_hidden", false},      // no block named
		{"menu__hidden", false}, // an element called "hidden", not a modifier
		{"hidden-xs", false},
		{"story-body__page", false},
	}
	for _, tt := range tests {
		if got := hiddenModifier(tt.class); got != tt.want {
			t.Errorf("hiddenModifier(%q) = %v, want %v", tt.class, got, tt.want)
		}
	}
}

// TestClosingAfterList checks which lines after a related list set into a
// body are the article's closing sentences.
func TestClosingAfterList(t *testing.T) {
	line := func(text string, link int) bodyLine {
		return bodyLine{text: text, vis: countVisible(text), link: link, wordsOut: 3}
	}
	linky := func(l bodyLine) bool { return l.link*2 >= l.vis }
	notice := line("【本文为本报原创稿件，未经授权，不得转载。】", 0)
	tests := []struct {
		name string
		rest []bodyLine
		want int // lines kept
	}{
		{"links then a notice", []bodyLine{line("城市书房遍布街头巷尾", 10), line("正在加载...", 0), notice}, 1},
		{"links only", []bodyLine{line("城市书房遍布街头巷尾", 10), line("夏日里的少儿阅读活动", 10)}, 0},
		{"a notice then more links", []bodyLine{line("城市书房遍布街头巷尾", 10), notice, line("夏日里的少儿阅读活动", 10)}, 0},
		{"a label without a sentence", []bodyLine{line("城市书房遍布街头巷尾", 10), line("本栏目由某某公司独家冠名播出", 0)}, 0},
		{"the site's copyright", []bodyLine{line("城市书房遍布街头巷尾", 10), line("某市日报社版权所有，未经授权禁止复制。", 0)}, 0},
		{"more than three lines", []bodyLine{line("城市书房遍布街头巷尾", 10), notice, notice, notice, notice}, 0},
	}
	for _, tt := range tests {
		if got := closingAfterList(tt.rest, linky); len(got) != tt.want {
			t.Errorf("%s: kept %d lines, want %d", tt.name, len(got), tt.want)
		}
	}
}

// TestDataTable checks which tables bodyLines writes a row per line.
func TestDataTable(t *testing.T) {
	tests := []struct {
		name, html string
		want       bool
	}{
		{"rows of short cells", `<table><tr><th>序号</th><th>姓名</th></tr><tr><td>1</td><td>王晓兰</td></tr></table>`, true},
		{"one row: a title and its date", `<table><tr><td>湘菜粤菜 兵分两路</td><td>2005-06-14</td></tr></table>`, false},
		{"a cell holding paragraphs", `<table><tr><td>标题</td><td>日期</td></tr><tr><td><p>正文第一段。</p><p>第二段。</p></td><td></td></tr></table>`, false},
		{"a cell with a line break", `<table><tr><td>地址</td><td>文化路1号<br>邮编</td></tr><tr><td>电话</td><td>1234567</td></tr></table>`, false},
		{"one cell a row", `<table><tr><td>第一行</td></tr><tr><td>第二行</td></tr></table>`, false},
	}
	for _, tt := range tests {
		doc, err := html.Parse(strings.NewReader(tt.html))
		if err != nil {
			t.Fatal(err)
		}
		var tr *html.Node
		var find func(*html.Node)
		find = func(n *html.Node) {
			if tr == nil && n.DataAtom == atom.Tr {
				tr = n
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				find(c)
			}
		}
		find(doc)
		if got := dataTable(tr, map[*html.Node]bool{}); got != tt.want {
			t.Errorf("%s: dataTable = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestTrackbackLine checks which lines read as a blog post's trackback
// line.
func TestTrackbackLine(t *testing.T) {
	tests := []struct {
		l    string
		want bool
	}{
		{"Trackback: http://tb.donews.net/TrackBack.aspx?PostId=543698", true},
		{"本文通告引用(Trackback)链接: /wp-trackback.php?p=1700", true},
		{"引用通告地址：http://blog.example.cn/trackback/12", true},
		{"TRACKBACK URL", true},
		{"博客之间用Trackback互相通知引用，这一功能后来被滥用于发送垃圾信息。", false},
		{"发表于 2005-06-18 21:30", false},
	}
	for _, tt := range tests {
		if got := isTrackbackLine(tt.l); got != tt.want {
			t.Errorf("isTrackbackLine(%q) = %v, want %v", tt.l, got, tt.want)
		}
	}
}
