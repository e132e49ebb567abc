package extract

import "testing"

// TestSeventhClasses runs one page of our own making for each further
// class of Chinese page whose date, count or title the pages of the
// other class tests leave out: a year-less time on the info line under
// a URL that files the page by day, a day filed as folders of the year
// and of the month and day (or of the month and the day), a view count
// labelled 热度, a heading broken over two lines where only the <meta>
// declares the title, an audio player's control opening the text, a
// control to report the article closing it, a source named by a
// government account's name ending in 发布, a source before the
// credits on the info line, verse (a poem beside a box of notices, a
// song's lyrics) with no sentence stop, a headline broken over two lines
// under a <title> that the logo says, a year-less date after the publish
// label, a blog theme's Chinese byline (由 小李), an info line inside
// the heading, and controls as text in spaced brackets or a gallery's.
// Each page stands for a class, not a site.
func TestSeventhClasses(t *testing.T) {
	tests := []classPage{
		{
			// A portal prints a story of this year with the month, the
			// day and the time, no year (03-05 21:40), under a URL filed
			// by the year's folder and one of the month and day
			// (/2024/0305/): the page was undated, the URL's day and the
			// shown time unread.
			file: "yearless_clock_url_day.html", url: "http://www.jcnews.example.cn/bd/2024/0305/102.html",
			title: "江城：夜市经济点亮城市烟火气", published: "2024-03-05 21:40",
			want: []string{"夜幕降临，江城老街夜市灯火通明", "市民刘女士说。"},
			not:  []string{"03-05", "评论", "热点新闻", "3号线"},
		},
		{
			// A county site's old table template (GB2312) shows no date,
			// files the page under the month's folder and the day's
			// (/202403/12/), and labels its count 热度: the page was
			// undated and the count unread.
			file: "url_month_day_folders.html", url: "http://www.example.cn/xzdt/202403/12/1234.html",
			title: "青石镇开展春季植树活动", published: "2024-03-12 00:00", views: "286",
			source: "青石镇", author: "王丽", column: "乡镇动态",
			want: []string{"3月12日植树节当天，青石镇组织党员干部", "全镇森林覆盖率达到62%。"},
			not:  []string{"热度", "版权所有"},
		},
		{
			// A media centre's template titles every page with its name,
			// declares the story's title in og:title and breaks the
			// heading over two lines (<h1>…<br>…</h1>): the logo was the
			// title and the heading's two lines opened the body.
			file: "meta_title_broken_heading.html", url: "http://www.example.cn/news/content_5678.html",
			title: "全县首批“文明家庭”名单公布", published: "2024-05-20 10:05", source: "县文明办",
			want: []string{"日前，县文明委公布了全县首批“文明家庭”名单", "良好的家风典范。"},
			not:  []string{"名单公布\n", "某某县融媒体中心"},
		},
		{
			// A media centre's story opens its text with the control of
			// a player that reads it out (【点击收听】 beside an <audio>):
			// the control opened the body.
			file: "audio_listen_control.html", url: "http://www.example.cn/xwzx/2024/0423/88.html",
			title: "县图书馆开展“世界读书日”主题活动", published: "2024-04-23 16:30", views: "532",
			source: "县融媒体中心", author: "赵敏",
			want: []string{"4月23日是第29个世界读书日", "参与群众1.2万人次。"},
			not:  []string{"收听", "打印", "关闭"},
		},
		{
			// A self-media platform's article closes, inside the container
			// that holds its heading, with the control to report it (举报,
			// a bare span a script answers) and the platform's statement:
			// the control closed the body.
			file: "report_control_tail.html", url: "https://www.example.com/article/7347123456789012345/",
			title: "农村老人的养老金今年涨了多少？一文看懂", published: "2024-03-20 19:45",
			want: []string{"近日，多地公布了2024年城乡居民基础养老金调整方案", "体现了国家对农村老年人的关心关爱。"},
			not:  []string{"举报", "声明", "原创", "·江苏"},
		},
		{
			// A county 文明网's repost names the government account it
			// took the story from, the account's name in quotes after
			// the platform (来源：微信公众号“江城发布”): 发布 was read as
			// a label, and the source cut before it.
			file: "source_account_quoted.html", url: "http://www.example.cn/zyfw/2024/0412/301.html",
			title: "江城启动2024年“文明交通”志愿服务行动", published: "2024-04-12 17:06", views: "86",
			source: "微信公众号“江城发布”", column: "志愿服务",
			want: []string{"4月12日，江城市2024年“文明交通”志愿服务行动", "持续提升城市文明程度。"},
			not:  []string{"来源", "主办"},
		},
		{
			// A media centre's info line credits the writer and the
			// photographer after the source, set off by wide spaces
			// (来源：某某县融媒体中心　文/王丽　图/李强): the source ran on
			// into the credits.
			file: "source_before_credits.html", url: "http://www.example.cn/xzdt/2024/0322/18.html",
			title: "青石镇：油菜花开引客来", published: "2024-03-22 10:18", source: "某某县融媒体中心", author: "王丽",
			want: []string{"眼下，青石镇万亩油菜花竞相绽放", "带动村民增收。"},
			not:  []string{"来源", "图/李强"},
		},
		{
			// A county 文明网's table layout (GB2312) sets a poem under
			// its title, a line a paragraph, no sentence stops, and the
			// column beside it a box of notices in sentences: the
			// notices were the body, and the poem, once found, no
			// article for want of stops.
			file: "verse_beside_notices.html", url: "http://www.example.cn/wmfs/2024/0320/7.html",
			title: "诗歌：青石镇的春天", published: "2024-03-20 00:00", source: "县文联", author: "周晓燕",
			want: []string{"春风吹过青石镇\n柳枝抽出嫩芽", "你的每一个春天都写满了幸福"},
			not:  []string{"通知公告", "推荐评选", "文明祭扫"},
		},
		{
			// A media centre's page of a song's lyrics, no sentence stop
			// in them, its info line crediting the lyricist and the
			// composer after the source (来源：县文化馆　词：李春华
			// 曲：王磊): no article, and the source ran on into the
			// credits.
			file: "lyrics_no_stops.html", url: "http://www.example.cn/wy/2024/0508/12.html",
			title: "原创歌曲《文明花开》歌词", published: "2024-05-08 15:30", source: "县文化馆",
			want: []string{"清清的河水绕村流", "幸福的日子万年长"},
			not:  []string{"李春华", "版权所有"},
		},
		{
			// A county government's template titles every page with the
			// site's name, which its logo says in the page's header, and
			// breaks the story's headline over two lines in a <div>
			// (…会议<br>研究部署…) that nothing declares: the logo was
			// the title, and the break a space in it.
			file: "heading_break_site_title.html", url: "http://www.example.gov.cn/zwdt/2024/0311/88.html",
			title: "县政府召开常务会议研究部署春季农业生产工作", published: "2024-03-11 16:45", views: "215", source: "县政府办",
			want: []string{"3月11日，县长主持召开县政府常务会议", "做好农资供应和技术指导。"},
			not:  []string{"研究部署春季农业生产工作\n", "主办"},
		},
		{
			// A school site prints the month and the day alone after the
			// publish label (发布时间：03-05) under a URL filed by the
			// year's and the month's folders: the page was undated, and
			// the info line, which no date marked, opened the body.
			file: "yearless_label_date.html", url: "http://www.sysx.example.edu.cn/xydt/2024/03/412.html",
			title: "我校开展“学雷锋”主题班会", published: "2024-03-05 00:00", views: "128", column: "校园动态",
			want: []string{"为弘扬雷锋精神，3月5日，我校各班级开展了", "本学期的志愿服务计划。"},
			not:  []string{"发布时间", "发布人", "点击"},
		},
		{
			// A blog engine's theme in its Chinese translation writes
			// the byline as 由 (by), a space, then the author's link in
			// an element classed author (发表于 2024年3月23日 由 小李):
			// the author was "由 小李".
			file: "blog_theme_byline_zh.html", url: "http://www.example.com/2024/03/23/rape/",
			title: "青石镇的油菜花开了", published: "2024-03-23 20:11", author: "小李", column: "游玩",
			want: []string{"周六一早，我们一家三口开车去了青石镇", "开心得不得了。"},
			not:  []string{"发表于", "分类"},
		},
		{
			// A county site on a template after PHPCMS's default (GBK)
			// sets the info line inside the heading, after a <br>, in a
			// <span> (<h1>标题<br /><span>2024-03-05 09:05:00　来源：…
			// 点击：356</span></h1>): the title held the info line, and
			// the page, dated only by a loose date, was no article.
			file: "heading_holds_info.html", url: "http://www.example.cn/gzdt/content_12.html",
			title: "县文明办开展文明交通劝导活动", published: "2024-03-05 09:05", views: "356", source: "县文明办", column: "工作动态",
			want: []string{"3月5日，县文明办组织志愿者", "佩戴头盔。"},
			not:  []string{"来源", "点击", "版权所有"},
		},
		{
			// A government template closes the text's container with its
			// controls as text a script answers, in brackets with spaces
			// inside ([ 打印 ] [ 关闭 ]) and worded as no list of ours had
			// them (【返回列表】): both lines closed the body.
			file: "controls_spaced_brackets.html", url: "http://www.example.gov.cn/bmdt/2024/0402/55.html",
			title: "县市场监管局开展春季食品安全检查", published: "2024-04-02 00:00", views: "97", source: "县市场监管局",
			want: []string{"近日，县市场监管局组织执法人员", "适时开展“回头看”。"},
			not:  []string{"打印", "关闭", "返回列表", "主办"},
		},
		{
			// A media centre's picture story sets its gallery's controls
			// as text above and under the picture (<<上一张　下一张>>,
			// 点击图片进入下一页): the hint opened the body.
			file: "gallery_text_controls.html", url: "http://www.example.cn/tpxw/2024/0326/31.html",
			title: "组图：青石镇万亩油菜花进入盛花期", published: "2024-03-26 11:20", source: "县融媒体中心",
			want: []string{"3月26日，青石镇万亩油菜花进入盛花期", "去年接待游客15万人次。"},
			not:  []string{"上一张", "下一页", "摄影"},
		},
	}
	checkClassPages(t, tests)
}

// TestSourceValueEnds checks where a source's value ends on an info
// line: not at 发布 ending an account's name, wherever the name stands,
// but at 发布 opening a label, and at a writer's or a photographer's
// credit.
func TestSourceValueEnds(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"来源：微信公众号“江城发布”", "微信公众号“江城发布”"},
		{"来源：江城发布微信公众号　作者：王丽", "江城发布微信公众号"},
		{"来源：江城发布 作者：王丽", "江城发布"},
		{"来源：新闻发布会", "新闻发布会"},
		{"来源：县文明办发布时间：2024-03-05", "县文明办"},
		{"来源：县文明办发布人：王丽", "县文明办"},
		{"来源：县文明办发布：2024-03-05", "县文明办"},
		{"来源：县文明办　文/王丽　图/李强", "县文明办"},
		{"来源：县文明办 图｜李强", "县文明办"},
		{"来源：县文明办 文化站", "县文明办 文化站"}, // no credit: 文 opens a word
		{"来源：县文化馆　词：李春华　曲：王磊", "县文化馆"},
	} {
		if got := labelValue(tt.text, sourceLabels); got != tt.want {
			t.Errorf("labelValue(%q, sources) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestControlLine checks the lines of page controls controlLine drops
// and the lines it keeps.
func TestControlLine(t *testing.T) {
	for _, tt := range []struct {
		line string
		want bool
	}{
		{"[ 打印 ] [ 关闭 ]", true},
		{"【我要打印】【关闭窗口】", true},
		{"【点击收听】", true},
		{"举报", true},
		{"打印 | 关闭", true},
		{"<<上一张 下一张>>", true},
		{"点击图片进入下一页", true},
		{"我要举报", false},         // no control of ours
		{"举办文明实践活动", false},     // a line of text opening like one
		{"【打印】县文明办召开会议", false}, // a control and text
		{"", false},
	} {
		if got := controlLine(tt.line); got != tt.want {
			t.Errorf("controlLine(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestTopicLanding checks that a topic's landing page (专题: a lead
// paragraph under the title, then the column's dated headlines in the
// same part of the page) is neither an article nor Undated, which a
// list's date would make one, while an undated story whose container
// closes with a few dated related headlines stays Undated.
func TestTopicLanding(t *testing.T) {
	r := extractClassPage(t, "topic_landing_page.html", "http://www.example.cn/zt/xxesd/index.html")
	if r.IsArticle || r.Undated {
		t.Errorf("topic landing page: IsArticle %v, Undated %v, want neither", r.IsArticle, r.Undated)
	}
	const story = `<html><head><title>城关镇开展志愿服务进社区活动_某县文明网</title></head><body>` +
		`<div class="main"><h1>城关镇开展志愿服务进社区活动</h1><div class="info">来源：县文明办</div><div class="content">` +
		`<p>为深入推进新时代文明实践，各志愿服务队走进社区、村组，开展政策宣讲、邻里互助和环境整治等活动，受到群众欢迎。</p>` +
		`<p>活动得到了群众的积极参与和广泛好评，大家表示，这样的活动让文明新风吹进了千家万户，今后将继续参与。</p></div>` +
		`<ul class="xg"><li><a href="/a/1.html">县文明办召开创建工作推进会</a><span>2024-05-10</span></li>` +
		`<li><a href="/a/2.html">新时代文明实践站举办道德讲堂</a><span>2024-05-08</span></li>` +
		`<li><a href="/a/3.html">文明家庭评选活动圆满结束</a><span>2024-05-06</span></li></ul></div></body></html>`
	r, err := Extract([]byte(story), mustURL(t, "http://www.example.cn/news/7.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !r.Undated {
		t.Errorf("undated story with three related headlines: Undated false (IsArticle %v)", r.IsArticle)
	}
}

// TestVerseNotList checks that a column's list of headlines and their
// dates set as lines without links (a script opens each item) is no
// article, though its lines are short and hold no sentence stop as a
// poem's do.
func TestVerseNotList(t *testing.T) {
	const list = `<html><head><title>通知公告 - 某镇文明网</title></head><body><div class="main"><div class="column"><h2>通知公告</h2>` +
		`<div class="item"><p class="t">关于开展文明家庭评选的通知</p><p class="d">2024-05-12</p></div>` +
		`<div class="item"><p class="t">关于做好汛期安全工作的通知</p><p class="d">2024-05-10</p></div>` +
		`<div class="item"><p class="t">关于召开志愿服务推进会的通知</p><p class="d">2024-05-08</p></div>` +
		`<div class="item"><p class="t">关于征集道德模范候选人的公告</p><p class="d">2024-05-06</p></div>` +
		`</div></div></body></html>`
	r, err := Extract([]byte(list), mustURL(t, "http://www.example.cn/tzgg/"))
	if err != nil {
		t.Fatal(err)
	}
	if r.IsArticle {
		t.Errorf("a list of headlines and dates is an article: body %q", r.Body)
	}
}
