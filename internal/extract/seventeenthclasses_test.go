package extract

import "testing"

// The seventeenth round: classes found on the held-out pages
// (testdata/heldout, template families no earlier round was written
// from) and those left from the sixteenth. Every page here is of our
// own making, one per class.

// TestVerticalColonLabels runs a county government story whose info
// line sets its labels off with the vertical or ratio forms of the colon
// (作者︰孙丽, 来源∶青山镇, as some CMS fonts and input methods write
// them): the author, the source and the day went unread.
func TestVerticalColonLabels(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "vertical_colon_labels.html", url: "http://www.jc.example.gov.cn/xzdt/202406/t20240614_3322.html",
		title: "青山镇开展“安全生产月”宣传活动", published: "2024-06-14 00:00", author: "孙丽", source: "青山镇", views: "88",
		want: []string{"6月13日，青山镇组织开展", "解答群众咨询200余人次。"},
		not:  []string{"作者", "版权所有"},
	}})
}

// TestUnitAndPersonCredited runs stories of our own making that credit a
// unit and a person in one value: a contribution line closing the text
// （供稿：青山镇 孙丽）, and an author's label on the info line 作者：县融媒体中心
// 孙丽. The unit is the source and the person the author; the whole value
// was read as the source, or no source at all.
func TestUnitAndPersonCredited(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "contributed_unit_person.html", url: "http://www.jc.example.gov.cn/xzdt/202406/t20240621_3390.html",
		title: "青山镇开展防汛应急演练", published: "2024-06-21 00:00", source: "青山镇", author: "孙丽", views: "42",
		want: []string{"6月20日，青山镇在河口村", "检验了应急预案的可行性。"},
		not:  []string{"供稿", "版权所有"},
	}, {
		file: "author_unit_person.html", url: "http://www.jc.example.gov.cn/bmdt/202406/t20240619_4411.html",
		title: "县公安局开展交通安全进校园活动", published: "2024-06-19 17:02", source: "县融媒体中心", author: "孙丽", views: "61",
		want: []string{"6月19日，县公安局交警大队", "不闯红灯等交通安全知识。"},
		not:  []string{"作者", "版权所有"},
	}})
}

// TestPictureCreditLines runs a hospital story whose pictures are
// credited on lines of their own between the paragraphs (摄影：刘洋,
// 图片来源：医院宣传科, 记者 钱进 摄): the credits stayed in the body. A
// picture's caption stays.
func TestPictureCreditLines(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "picture_credit_lines.html", url: "http://www.jcyy.example.com/news/yydt/1202.html",
		title: "县医院举办心肺复苏技能培训", published: "2024-06-10 16:20", author: "陈静", source: "宣传科",
		want: []string{"6月10日，县医院举办", "医护人员分组进行实操练习", "提升全院医护人员的应急救治能力。"},
		not:  []string{"摄影", "图片来源", "钱进", "版权所有"},
	}})
}

// TestSpacedClosingCredits runs a paper's story closed by its newsroom's
// sign-off with spaces for colons (编辑 张磊 校对 杨利): the line stayed in
// the body and the editor went unread.
func TestSpacedClosingCredits(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "spaced_closing_credits.html", url: "http://www.jcwb.example.com/bd/2024-05/29/1234.html",
		title: "江城今年将新增公共充电桩2000个", published: "2024-05-29 11:02", source: "江城晚报", editor: "张磊",
		want: []string{"5月29日，记者从市城市管理局获悉", "基本形成城区“5公里充电圈”。"},
		not:  []string{"校对", "杨利", "版权所有"},
	}})
}

// TestClosingEmptyBoxHeads runs a county site's story built of table
// rows (ASP CMSs as 动易 build them) whose content row is followed, in
// the same table, by the heading rows of an empty related list and of
// the comments, and the comments' disclaimer (相关文章, 没有相关文章, 网友评论：,
// （只显示最新10条。评论内容只代表网友观点，与本站立场无关！）): they closed the body.
func TestClosingEmptyBoxHeads(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "table_closing_heads.html", url: "http://www.qsz.example.gov.cn/Article/ShowArticle.asp?ArticleID=1301",
		title: "青山镇召开秋季防火工作部署会", published: "2024-09-20 00:00", author: "钱进", source: "青山镇党政办",
		want: []string{"9月20日，青山镇召开秋季森林防火", "确保全镇森林资源安全。"},
		not:  []string{"相关文章", "网友评论", "只显示", "版权所有"},
	}})
}

// TestOutletMetaAuthorDateline runs a portal's copy of a paper's story
// whose <meta property="article:author"> names the paper, the page's
// source too, and whose text opens, after the original title, with the
// paper's dateline and the reporter (江城晚报讯（记者 孙丽）): the meta's
// outlet was set aside as no writer, and no writer was read after it.
func TestOutletMetaAuthorDateline(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "outlet_meta_author_dateline.html", url: "http://news.jcmh.example.com/c/2024-05-30/doc-abc123.shtml",
		title: "江城今年将新增停车泊位5000个", published: "2024-05-30 09:15", source: "江城晚报", author: "孙丽",
		want: []string{"江城晚报讯（记者 孙丽）5月29日", "同步建设智慧停车系统。"},
		not:  []string{"版权所有"},
	}})
}

// TestSourceInStatement runs an app's share page whose source is named
// only in the rights statement under the story, a sentence of its own
// before the next (本文来源：江城日报客户端。 版权归原作者所有，转载请注明出处。):
// the source ran on past the sentence's stop.
func TestSourceInStatement(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "source_in_statement.html", url: "https://wap.jcrb.example.com/article/rmh40012345",
		title: "青山村的“村晚”火了", published: "2024-06-16 21:33", source: "江城日报客户端",
		want: []string{"6月16日晚，一场乡村文艺演出", "带动村民增收300余万元。"},
		not:  []string{"版权归原作者所有"},
	}})
}

// TestPlatformStatements runs copies of stories whose text container,
// its classes naming nothing, closes with the statements the platform or
// the outlet's app sets under every copy: an originality claim without a
// label (本文为江城日报客户端原创作品，未经授权不得转载), a label the rules did not
// know (平台声明：…), a statement that speaks of storing what users post,
// not of copyright (特别声明：…本平台仅提供信息存储服务。). They stayed in the body.
func TestPlatformStatements(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "platform_statements.html", url: "http://www.jcnews.example.com/article/J2ABCDEF.html",
		title: "江城今年新建改造农村公路500公里", published: "2024-05-30 07:35", source: "江城日报",
		want: []string{"5月29日，记者从市交通运输局获悉", "让群众出行更便捷。"},
		not:  []string{"原创作品", "特别声明", "信息存储"},
	}, {
		file: "platform_statement_label.html", url: "http://www.jch.example.com/a/788888888_111111",
		title: "江城市区公办初中招生6月中旬启动", published: "2024-05-31 16:44", source: "江城晚报",
		want: []string{"5月31日，记者从市教育局获悉", "确定录取学校。"},
		not:  []string{"平台声明", "信息存储"},
	}})
}
