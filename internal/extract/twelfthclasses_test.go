package extract

import (
	"fmt"
	"slices"
	"testing"
)

// TestControlBarWords runs a story of our own making whose container
// closes with a bar of the page's controls in brackets, after a label,
// some worded as no list knows them (页面功能 【我来说两句】【我要“挑”错】
// 【推荐给朋友】【字体：大 中 小】【打印】【关闭】), set as text a script
// answers, under class names that mean nothing: the bar was read as the
// text's last line.
func TestControlBarWords(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "control_bar_words.html", url: "http://www.jiangcheng.example.cn/sq/2024/0921/3321.html",
		title: "城关镇南街社区“邻里节”拉近居民距离", published: "2024-09-21 10:36", source: "江城日报",
		want: []string{"9月20日傍晚，城关镇南街社区的小广场上摆起了长桌", "邻里互助的事越来越多。"},
		not:  []string{"页面功能", "我来说两句", "推荐给朋友", "打印", "版权所有"},
	}})
}

// TestControlBar checks the bars of bracketed controls controlBar
// drops and the lines it keeps.
func TestControlBar(t *testing.T) {
	for _, tt := range []struct {
		line string
		want bool
	}{
		{"页面功能 【我来说两句】【我要“揪”错】【推荐】【字体：大 中 小】【打印】 【关闭】", true},
		{"【发表评论】【告诉好友】【打印此文】【关闭窗口】", true},
		{"[我要评论] [推荐给朋友] [打印本文]", true},
		{"【返回上一页】【打印此页】", true},     // a control beside a word of no list
		{"【列印本頁】【字級：大 中 小】", false}, // no control: 列印本页 is none of ours
		{"【新闻】【专题】【图片】", false},     // bracketed words, no control
		{"【纠错】 【责任编辑：李丽】", false},   // the credits after a control: dropCredits reads them
		{"来源：本站 【打印】【关闭】", false},   // a field before the controls: the meta rules read it
		{"功能： 【打印】【关闭】", true},
		{"【打印】", false}, // one item: controlLine's
		{"【打印】县文明办召开会议【关闭】", false},         // text between the brackets
		{"【编者按】在江城，有这样一群普通人【打印】", false},    // text, not a bar
		{"本网讯（记者 王强）【打印】【关闭】", false},       // a label too long, and a sentence's
		{"【江城县第十五届运动会开幕式暨表彰大会】【打印】", false}, // an item too long
		{"", false},
	} {
		if got := controlBar(tt.line); got != tt.want {
			t.Errorf("controlBar(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestCommentControls checks the controls that invite a comment or pass
// the page on, on a line of their own: a template's 发表评论 over the
// text.
func TestCommentControls(t *testing.T) {
	for _, tt := range []struct {
		line string
		want bool
	}{
		{"发表评论", true},
		{"我来说两句", true},
		{"[ 推荐给朋友 ] [ 告诉好友 ]", true},
		{"<< 返回上一页", false}, // a link back that the corpora's bodies keep
		{"发表评论的网友请遵守法律法规", false},
		{"推荐理由", false},
	} {
		if got := controlLine(tt.line); got != tt.want {
			t.Errorf("controlLine(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestPagerPositionLine runs the first page of an article split in
// pages, of our own making, whose pager says which page this is on a
// line of its own (第1页 共3页) over its links, under class names that
// mean nothing: the line was read as the text's last.
func TestPagerPositionLine(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "pager_position_line.html", url: "http://www.jiangcheng.example.cn/zwgk/gzbg/88.html",
		title: "江城县2024年政府工作报告", published: "2024-01-12 16:30", source: "县政府办公室", views: "1520", column: "政府工作报告",
		want: []string{"各位代表：", "高新技术产业产值占比提高三个百分点。"},
		not:  []string{"第1页", "共3页", "下一页", "上一篇", "版权所有"},
	}})
}

// TestPagerPosition checks the lines of an article's pager that say
// which page this is, alone or before the pager's links, and the lines
// of text opening the same way.
func TestPagerPosition(t *testing.T) {
	for _, tt := range []struct {
		line string
		want bool
	}{
		{"第1页 共3页", true},
		{"第 2 页，共 3 页", true},
		{"共3页 当前第1页 下一页 尾页", true},
		{"当前第1/3页 下一页", true},
		{"当前第2页 共5页 首页 上一页 1 2 3 4 5 下一页 尾页", true},
		{"第1頁 共3頁", true}, // in traditional characters
		{"共3頁 當前第1頁 下一頁", true},
		{"共2页: 上一页 1 2 下一页", true}, // the pager as a line, as before
		{"第1页共3页的内容讲述了家风故事。", false},
		{"第3页刊登了县委书记的讲话", false},
		{"共3页", false},
		{"当前第一季度的工作重点", false},
	} {
		if got := readingControls(tt.line); got != tt.want {
			t.Errorf("readingControls(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestEntryClerkSignoff runs a story of our own making, set in a table
// as an old county CMS sets it, that closes with the sign-off naming
// the clerk who entered it and the editor (文章录入：admin　责任编辑：…):
// the line was read as the text's last, and no editor was read.
func TestEntryClerkSignoff(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "entry_clerk_signoff.html", url: "http://www.jcedu.example.cn/jydt/202.html",
		title: "河西乡中心小学开展“书香校园”读书月活动", published: "2024-04-23 00:00",
		author: "河西乡中心小学", editor: "王建华", views: "358", column: "教育动态",
		want: []string{"4月23日是世界读书日", "在全校营造浓厚的读书氛围。"},
		not:  []string{"文章录入", "admin", "上一篇文章"},
	}})
}

// TestCountLineClosing runs a government story of our own making whose
// view count stands at the end of the text, inside its container, on a
// line of its own (阅读次数：1286次), under class names that mean
// nothing: the line was read as the text's last, and the page's views
// were not read.
func TestCountLineClosing(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "count_line_closing.html", url: "http://wjj.jiangcheng.example.gov.cn/wsdt/202405/t20240517_4411.html",
		title: "县人民医院开展“世界高血压日”义诊活动", published: "2024-05-17 00:00", source: "县人民医院", views: "1286",
		want: []string{"5月17日是第20个“世界高血压日”", "发放宣传资料五百余份。"},
		not:  []string{"阅读次数", "1286", "主办单位"},
	}})
}

// TestCountLine checks the lines countLine reads as a view count alone
// and the lines it leaves.
func TestCountLine(t *testing.T) {
	for _, tt := range []struct {
		line  string
		views string // "" for none
		ok    bool
	}{
		{"阅读次数：1286次", "1286", true},
		{"（阅读：211次）", "211", true},
		{"【点击数：3,402】", "3402", true},
		{"浏览次数： 52 人次", "52", true},
		{"瀏覽次數：88", "88", true},
		{"浏览次数：", "", true}, // the number a script fills in
		{"阅读", "", false},   // a word, no colon
		{"点击查看", "", false},
		{"阅读全文：共3页", "", false},
		{"阅读次数：1286次　来源：县医院", "", false}, // an info line: isMetaLine's
		{"阅读了3本书", "", false},
		{"", "", false},
	} {
		v, ok := countLine(tt.line)
		got := ""
		if v != nil {
			got = fmt.Sprint(*v)
		}
		if got != tt.views || ok != tt.ok {
			t.Errorf("countLine(%q) = %q, %v, want %q, %v", tt.line, got, ok, tt.views, tt.ok)
		}
	}
}

// TestPictureFirstCredit runs a story of our own making closing with
// the credit of the one who took its pictures and wrote it, the pictures
// named first (图/文：周晓梅), under class names that mean nothing: no
// author was read (文/图 was a label, 图/文 none).
func TestPictureFirstCredit(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "picture_first_credit.html", url: "http://www.jiangcheng.example.cn/xzdt/2024/0618/31.html",
		title: "城关镇“共享菜园”让闲置地变身幸福园", published: "2024-06-18 11:40", source: "城关镇", author: "周晓梅",
		want: []string{"走进城关镇北门社区", "认领了一块菜地的居民陈大姐说。"},
		not:  []string{"版权所有"},
	}})
}

// TestPictureFirstByline checks the bylines that credit the pictures
// before the text, with a colon, a slash or a space after the label.
func TestPictureFirstByline(t *testing.T) {
	for _, tt := range []struct {
		line string
		want []string
	}{
		{"图/文：周晓梅", []string{"周晓梅"}},
		{"图、文：周晓梅", []string{"周晓梅"}},
		{"图/文 周晓梅", []string{"周晓梅"}},
		{"图/文 周晓梅 李红", []string{"周晓梅 李红"}}, // as written: the author joins them with 、
		{"文/图 周晓梅", []string{"周晓梅"}},       // as before
		{"图/文 县融媒体中心", nil},
		{"图/文并茂的展板吸引了居民", nil},
	} {
		if got := parseByline(tt.line, false); !slices.Equal(got, tt.want) {
			t.Errorf("parseByline(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}
