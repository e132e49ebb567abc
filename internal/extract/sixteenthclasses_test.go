package extract

import "testing"

// TestReviewerNoEditor runs county stories of our own making whose info
// line names a reviewer (审核：陈刚) or the stages of the three-review
// rule (初审：李丽　终审：赵刚). A reviewer alone is no editor, as in a
// sign-off: 审核 filled the editor, and the first review (the
// responsible editor's) did not.
func TestReviewerNoEditor(t *testing.T) {
	const url = "http://www.jcwmw.example.cn/gzdt/2024/0614/1601.html"
	if r := extractClassPage(t, "reviewer_info_line.html", url); r.Editor != "" {
		t.Errorf("reviewer_info_line.html: editor %q, want none: a reviewer is no editor", r.Editor)
	}
	checkClassPages(t, []classPage{{
		file: "reviewer_info_line.html", url: url,
		title: "县文明办开展志愿服务进社区活动", published: "2024-06-14 09:30", source: "县文明办", views: "120",
		want: []string{"6月13日，县文明办组织志愿者", "助力文明城市创建。"},
		not:  []string{"审核", "陈刚", "版权所有"},
	}, {
		file: "first_review_info_line.html", url: "http://www.jcwmw.example.cn/xzdt/2024/0618/1602.html",
		title: "城关镇召开文明村镇创建推进会", published: "2024-06-18 15:00", source: "城关镇", editor: "李丽", views: "96",
		want: []string{"6月18日，城关镇召开", "确保创建工作取得实效。"},
		not:  []string{"初审", "终审", "版权所有"},
	}})
}

// TestPhotoStoryPhotographer runs stories told in pictures of our own
// making (图片新闻: pictures with captions, little text) crediting their
// photographer alone, on a line of the body (摄影：刘洋), the info line
// (摄像：钱进) or closing each caption (（记者 刘洋 摄）): no author was
// read. With no writer named, the
// photographer is the author.
func TestPhotoStoryPhotographer(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "photo_story_photographer.html", url: "http://www.jcwmw.example.cn/tpxw/2024/0620/1603.html",
		title: "图片新闻：江城县城乡面貌焕然一新", published: "2024-06-20 16:10", source: "县融媒体中心", author: "刘洋", views: "310",
		want: []string{"城东新区街道整洁有序。", "滨河公园绿意盎然。"},
		not:  []string{"版权所有"},
	}, {
		file: "photo_story_camera.html", url: "http://www.jcwmw.example.cn/tpxw/2024/0622/1604.html",
		title: "图片新闻：文明实践志愿者走进敬老院", published: "2024-06-22 10:00", source: "县文明办", author: "钱进", views: "45",
		want: []string{"志愿者为老人理发。", "志愿者陪老人聊天。"},
		not:  []string{"摄像", "版权所有"},
	}, {
		// The credit closing each caption, in brackets.
		file: "photo_story_caption_credit.html", url: "http://www.jcwmw.example.cn/tpxw/2024/0608/1612.html",
		title: "图片新闻：河西乡麦收时节", published: "2024-06-08 18:40", source: "河西乡", author: "刘洋", views: "92",
		want: []string{"收割机在麦田里来回穿梭。", "村民们晾晒新麦。"},
		not:  []string{"版权所有"},
	}})
}

// TestPhotoCredit checks the lines photoCredit reads as the pictures'
// credit and those it leaves, and the bare marks bareMarkNames reads.
func TestPhotoCredit(t *testing.T) {
	for _, tt := range []struct {
		line string
		want int
	}{
		{"摄影：刘洋", 1}, {"图/刘洋", 1}, {"图 刘洋", 1}, {"刘洋 摄", 1}, {"摄影：刘洋　钱进", 2}, {"（刘洋 摄）", 1}, {"记者 刘洋 摄", 1}, {"", 0},
		{"图为志愿者为老人理发", 0}, {"摄影：县融媒体中心", 0}, {"图片来源：网络", 0}, {"摄影爱好者在拍摄。", 0},
	} {
		if got := photoCredit(tt.line); len(got) != tt.want {
			t.Errorf("photoCredit(%q) = %q, want %d names", tt.line, got, tt.want)
		}
	}
	for _, tt := range []struct {
		line string
		want int
	}{
		{"文 孙丽", 1}, {"文 钱进 图 周芳", 1}, {"图文 刘洋 李娜", 2}, {"文字 孙丽", 1}, {"文 孙丽 / 图 刘洋", 1}, {"文 孙丽 | 图 刘洋", 1},
		{"文明 实践", 0}, {"文 县文明办", 0}, {"文 孙丽 在会上发言", 0}, {"文/孙丽", 0},
	} {
		if got := bareMarkNames(tt.line); len(got) != tt.want {
			t.Errorf("bareMarkNames(%q) = %q, want %d names", tt.line, got, tt.want)
		}
	}
}

// TestSourceLabels runs county stories of our own making whose info line
// names the source under the other labels county CMSs use: the account
// that posted it, a unit (发布者：县文明办 — the source went unread), the
// issuing unit (发布单位：), 信息来源： and 稿源：.
func TestSourceLabels(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "publisher_source.html", url: "http://www.jcwmw.example.cn/gzdt/2024/0625/1605.html",
		title: "县文明办发布六月“江城好人”榜单", published: "2024-06-25 11:20", source: "县文明办", views: "88",
		want: []string{"近日，县文明办发布", "争做文明市民。"},
		not:  []string{"发布者", "版权所有"},
	}, {
		file: "issuing_unit_source.html", url: "http://www.jcwmw.example.cn/bmdt/2024/0626/1606.html",
		title: "县教育局开展师德师风专题培训", published: "2024-06-26 00:00", source: "县教育局", views: "61",
		want: []string{"6月25日，县教育局举办", "做学生的引路人。"},
	}, {
		file: "news_source_label.html", url: "http://www.jcwmw.example.cn/xzdt/2024/0627/1607.html",
		title: "河西乡开展夏季消防安全检查", published: "2024-06-27 08:45", source: "河西乡", views: "73",
		want: []string{"6月26日，河西乡组织", "限期整改到位。"},
	}, {
		file: "manuscript_source_label.html", url: "http://www.jcwmw.example.cn/whdt/2024/0628/1608.html",
		title: "县图书馆举办暑期少儿阅读活动", published: "2024-06-28 14:30", source: "县图书馆", views: "102",
		want: []string{"6月28日，县图书馆举办", "欢迎家长带孩子参加。"},
	}})
}

// TestBareRoleMarks runs stories of our own making credited by a bare
// mark and a space before the name (文 孙丽 opening the body, 文 钱进　图
// 周芳 closing it): no author was read.
func TestBareRoleMarks(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "bare_role_marks.html", url: "http://www.jcwmw.example.cn/sqdt/2024/0701/1609.html",
		title: "东关社区开展邻里节活动", published: "2024-07-01 09:00", source: "城关镇", author: "孙丽", views: "150",
		want: []string{"6月30日，东关社区举办", "构建和谐社区。"},
	}, {
		file: "bare_role_marks_end.html", url: "http://www.jcwmw.example.cn/xydt/2024/0702/1610.html",
		title: "南街小学开展安全教育主题班会", published: "2024-07-02 10:30", source: "县教育局", author: "钱进", views: "64",
		want: []string{"7月1日，南街小学", "形成家校共育合力。"},
	}})
}

// TestUnitAuthor runs a story of our own making whose info line names a
// unit as its author and no source (作者：县文明办): the unit stays the
// author (the page credits it, as a document credits its issuing body),
// and no source is made up from it: the page names none.
func TestUnitAuthor(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "unit_author.html", url: "http://www.jcwmw.example.cn/gzdt/2024/0703/1611.html",
		title: "县文明办召开志愿服务工作座谈会", published: "2024-07-03 15:20", author: "县文明办", views: "77",
		want: []string{"7月3日，县文明办召开", "吹遍城乡。"},
	}})
}

// TestContributedByUnit runs a story of our own making closed by the
// unit that contributed it, its name before 供稿 in brackets (（城关镇供稿）):
// no source was read. A person so set (孙丽供稿) is no source.
func TestContributedByUnit(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "contributed_by_unit.html", url: "http://www.jcwmw.example.cn/xzdt/2024/0705/1613.html",
		title: "城关镇开展“清洁家园”集中整治行动", published: "2024-07-05 16:45", source: "城关镇", views: "58",
		want: []string{"7月4日，城关镇组织", "巩固整治成果。"},
		not:  []string{"版权所有"},
	}})
	for _, tt := range []struct{ closing, want string }{
		{"巩固整治成果。\n（城关镇供稿）\n", "城关镇"},
		{"巩固整治成果。\n县文明办 供稿\n", "县文明办"},
		{"巩固整治成果。\n（孙丽供稿）\n", ""},
		{"感谢各单位积极供稿\n", ""},
	} {
		if got := contributedBy(tt.closing); got != tt.want {
			t.Errorf("contributedBy(%q) = %q, want %q", tt.closing, got, tt.want)
		}
	}
}
