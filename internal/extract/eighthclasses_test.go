package extract

import "testing"

// TestEighthClasses runs one page of our own making for each further
// class of Chinese page the other class tests leave out: a view count
// labelled 阅览次数, 访问 or, on a video page, 观看次数; a source labelled
// as a verb (来源于 江城日报); a sign-off naming the duty editor (值班编辑);
// a government template's reading controls (视力保护色：　字号：大 中 小);
// an outlet before the time on the info line, a bar between them
// (江城日报 | 2024年05月20日 11:22); credits written with slashes
// (文字/王丽　图片/李强　编辑/刘洋); the writer's unit in parentheses after
// the name (张伟（县文明办）); a view count written as a phrase after the
// source (已有56人阅读); an article's pager as a line of text and links
// (共2页: 上一页 1 2 下一页); and a time shown relative to now whose
// element keeps the exact time in its title (3 天前). Each page stands
// for a class, not a site.
func TestEighthClasses(t *testing.T) {
	tests := []classPage{
		{
			// A county office's template labels its count 阅览次数
			// (reads): the count was unread.
			file: "view_label_yuelan.html", url: "http://www.example.cn/gzdt/2024/0609/12.html",
			title: "县档案馆开展“国际档案日”宣传活动", published: "2024-06-09 10:12", views: "143", source: "县档案馆",
			want: []string{"6月9日是第17个国际档案日", "馆藏老照片60余幅。"},
			not:  []string{"阅览", "版权所有"},
		},
		{
			// A county site's table template labels its count 访问
			// (visits) alone, no 量 or 次数 after it: the count was
			// unread.
			file: "view_label_visits.html", url: "http://www.example.cn/wmcj/2024/0418/5.html",
			title: "县文明办召开创建工作推进会", published: "2024-04-18 00:00", views: "233", source: "县文明办",
			want: []string{"4月18日，县文明办召开全国文明城市创建工作推进会", "全部整改到位。"},
			not:  []string{"访问", "主办"},
		},
		{
			// A media centre's video page counts those who watched it
			// (观看次数：2368): the count was unread.
			file: "video_watch_count.html", url: "http://www.example.cn/sp/2024/0802/77.html",
			title: "视频｜青石镇：稻田画迎来最佳观赏期", published: "2024-08-02 17:40", views: "2368", source: "某某县融媒体中心",
			want: []string{"近日，青石镇万亩稻田里"},
			not:  []string{"观看次数", "版权所有"},
		},
		{
			// A news portal's info line names the source after a verb
			// and a space, no colon (2024年05月20日 19:45 来源于 江城日报):
			// no source.
			file: "source_label_yu.html", url: "http://www.example.com/cj/2024/05-20/10.shtml",
			title: "江城：老旧小区改造让居民住得更舒心", published: "2024-05-20 19:45", source: "江城日报",
			want: []string{"今年以来，江城市启动42个老旧小区改造项目", "明显提升。"},
			not:  []string{"来源"},
		},
		{
			// A media centre's sign-off names the duty editor who put
			// the story out (值班编辑：刘洋　审核：陈刚): the line went,
			// the editor with it.
			file: "duty_editor_credit.html", url: "http://www.example.cn/xzdt/2024/0922/6.html",
			title: "青石镇举办农民丰收节", published: "2024-09-22 18:05", source: "某某县融媒体中心", editor: "刘洋",
			want: []string{"9月22日，青石镇2024年中国农民丰收节", "销售额达30余万元。"},
			not:  []string{"值班编辑", "审核"},
		},
		{
			// A government template opens the text's container with
			// its reading controls as text a script answers, the
			// colours that spare the eyes and the font sizes
			// (视力保护色：　字号：大 中 小): the controls opened the body.
			file: "eye_care_controls.html", url: "http://www.example.gov.cn/bmdt/2024/0226/41.html",
			title: "县人社局开展“春风行动”招聘会", published: "2024-02-26 00:00", source: "县人社局",
			want: []string{"2月26日，县人社局在县人力资源市场", "初步达成就业意向420人。"},
			not:  []string{"视力保护色", "字号", "大 中 小"},
		},
		{
			// A portal's news template names the outlet before the
			// time with no label, a bar between them (江城日报 |
			// 2024年05月20日 11:22): no source.
			file: "outlet_bar_date_line.html", url: "http://www.example.com/news/2024/05/20/ARTI123.shtml",
			title: "多地开展文明交通宣传活动", published: "2024-05-20 11:22", source: "江城日报",
			want: []string{"江城日报讯：近日，各地开展形式多样的文明交通宣传活动", "发放宣传资料2000余份。"},
			not:  []string{"| 2024"},
		},
		{
			// A media centre's credits under the story write a slash
			// for the colon after each role (文字/王丽　图片/李强
			// 编辑/刘洋): the line stays as a byline does, but its
			// editor was unread.
			file: "slash_credits_line.html", url: "http://www.example.cn/xzdt/2024/0128/3.html",
			title: "青石镇：“村晚”唱响新时代", published: "2024-01-28 21:30", source: "某某县融媒体中心", author: "王丽", editor: "刘洋",
			want: []string{"1月28日晚，青石镇2024年“村晚”", "现场欢声笑语不断。\n文字/王丽"},
			not:  []string{"版权所有"},
		},
		{
			// A government site's info line sets the writer's unit in
			// parentheses after the name (作者：张伟（县文明办）), a unit
			// of four characters: the author held the unit.
			file: "author_unit_parens.html", url: "http://www.example.cn/gzdt/2024/0520/9.html",
			title: "县文明办开展“文明餐桌”宣传活动", published: "2024-05-20 00:00", source: "某某县文明网", author: "张伟",
			want: []string{"5月20日，县文明办组织志愿者走进城区餐饮单位", "反对餐饮浪费。"},
			not:  []string{"作者"},
		},
		{
			// A culture centre's info line writes the count as a phrase
			// after the source (来源：县图书馆　已有56人阅读): the source
			// ran on into the count.
			file: "count_phrase_after_source.html", url: "http://www.example.cn/whdt/2024/0526/4.html",
			title: "县图书馆举办少儿绘本阅读活动", published: "2024-05-26 00:00", views: "56", source: "县图书馆",
			want: []string{"5月26日，县图书馆举办少儿绘本阅读活动", "手工制作环节。"},
			not:  []string{"已有56人"},
		},
		{
			// An article in pages closes its first page with its pager
			// as a line of text and links (共2页: 上一页 1 2 下一页): the
			// pager closed the body.
			file: "plain_pager_line.html", url: "http://www.example.cn/gzdt/2024/0520/8.html",
			title: "江城县志愿服务工作综述", published: "2024-05-20 00:00", source: "县文明办",
			want: []string{"近年来，江城县坚持以新时代文明实践中心建设为抓手", "年均开展活动3000余场。"},
			not:  []string{"共2页", "上一页", "下一页"},
		},
		{
			// A media centre app's share page shows the time relative
			// to now (3 天前) and keeps the exact time in the element's
			// title (<span class="time" title="2024-05-20 10:30:12">),
			// as the comments under it do: the page was undated.
			file: "relative_time_title.html", url: "https://m.example.cn/share/article/123456",
			title: "青石镇志愿者为独居老人义务理发", published: "2024-05-20 10:30",
			want: []string{"5月17日上午，青石镇新时代文明实践站的志愿者们", "老人们连连称赞。"},
			not:  []string{"天前", "点赞"},
		},
	}
	checkClassPages(t, tests)
}

// TestCountPhraseAt checks which texts open with a view count written as
// a phrase, where a field's value before them ends.
func TestCountPhraseAt(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"已有56人阅读", true},
		{"共1,234次浏览", true},
		{"56人已阅读", true},
		{"1.2万次播放", true},
		{"56人参加", false},
		{"已有56人", false},
		{"县图书馆", false},
		{"2024-05-26", false},
	} {
		if got := countPhraseAt(tt.s); got != tt.want {
			t.Errorf("countPhraseAt(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// TestDropAffiliation checks which words in parentheses after a name are
// the writer's unit or post, and which are names.
func TestDropAffiliation(t *testing.T) {
	for _, tt := range []struct{ v, want string }{
		{"张伟（县文明办）", "张伟"},
		{"王丽（青石镇）", "王丽"},
		{"张伟（作者系江城大学教授）", "张伟"},
		{"张三（李四）", "张三（李四）"},
		{"张三（王小明）", "张三（王小明）"},
		{"李娜（乡村）", "李娜（乡村）"},
	} {
		if got := dropAffiliation(tt.v); got != tt.want {
			t.Errorf("dropAffiliation(%q) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

// TestOutletBeforeDate checks which names before a bar and the time on
// an info line are the outlet's.
func TestOutletBeforeDate(t *testing.T) {
	p := &page{siteName: "江城网"}
	for _, tt := range []struct{ info, want string }{
		{"江城日报 | 2024年05月20日 11:22", "江城日报"},
		{"江城发布丨2024-05-20 11:22", "江城发布"},
		{"小李 | 2024-05-20 11:22", ""},  // a blog's writer
		{"江城网 | 2024-05-20 11:22", ""}, // the site itself
		{"江城日报 | 编辑：王丽", ""},           // no time after the bar
		{"来源：江城日报 | 2024-05-20", ""},   // labelled: the label's rule reads it
	} {
		if got := p.outletBeforeDate(tt.info); got != tt.want {
			t.Errorf("outletBeforeDate(%q) = %q, want %q", tt.info, got, tt.want)
		}
	}
}
