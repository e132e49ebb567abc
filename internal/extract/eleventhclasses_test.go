package extract

import (
	"net/url"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestTopicLinksAfterLead runs a page of our own making whose lead
// sentence stands in a block of its own under the title, and whose
// text opens, inside its container, under a box of the topics it
// touches (本文涉及： and their links), all under class names that mean
// nothing: the box stopped the climb from the text to the container
// that the lead stands right before, and the lead was lost (only a
// class, lead, had kept it).
func TestTopicLinksAfterLead(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "topic_links_after_lead.html", url: "http://www.jiangcheng.example.cn/xzdt/2024/0218/15.html",
		title: "青石镇“村晚”唱出乡村新气象", published: "2024-02-18 20:15", source: "青石镇",
		want: []string{"正月初八晚，青石镇文化礼堂座无虚席", "今年的“村晚”共有十六个节目", "讲述自己的家风故事。"},
		not:  []string{"本文涉及", "乡村春晚", "版权所有"},
	}})
}

// TestBlogPostStampTags runs a blog post of our own making that closes
// with its tags (links marked rel="tag", parted by commas) and the
// platform's stamp of the post, the poster's name before 发表于 and the
// post's counts in brackets (留言(6) 人气(1285)), under class names that
// mean nothing: both were read as the post's last lines.
func TestBlogPostStampTags(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "blog_post_stamp_tags.html", url: "http://blog.jiangcheng.example.cn/jcyx/p/102.html",
		title: "青石镇茶园采茶记", published: "2024-04-13 19:42",
		want: []string{"清明过后的青石镇 满山茶园一片新绿", "步行十分钟即到"},
		not:  []string{"亲子游", "发表于", "人气", "照片拍得真好", "版权所有"},
	}})
}

func TestPostStampLine(t *testing.T) {
	for _, tt := range []struct {
		line string
		want bool
	}{
		{"江城印象 发表于 江城博客 留言(3) 人气(1285)", true},
		{"史蒂文的家 發表在 痞客邦 PIXNET 留言(42) 人氣(23925)", true},
		{"山间清风 发表于 新浪博客 阅读（1024） 评论（12）", true},
		{"江城印象 发表于 江城博客", false},                   // no counts: the author rules read it
		{"本文发表于《江城日报》2024年3月5日第4版", false},         // where it ran first
		{"王老师发表于去年的文章（1）引起了热议，阅读(3000)人次。", false}, // a sentence
		{"阅读(1024) 评论(12)", false},                 // counts alone
	} {
		if got := postStampLine(tt.line); got != tt.want {
			t.Errorf("postStampLine(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestWriterBoxAfterText runs a commentary of our own making that closes,
// inside the story's container, with the writer's box: the name and the
// post, a portrait whose alt names the writer, and a biography under no
// heading, all under class names that mean nothing: the box was read as
// the text's last lines. A list of people closing a story, each a name
// and a portrait, is no writer's box.
func TestWriterBoxAfterText(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "writer_box_after_text.html", url: "http://www.jiangcheng.example.cn/pl/2024/0603/5.html",
		title: "让“门前三包”从纸上走到街上", published: "2024-06-03 09:20", source: "江城日报",
		want: []string{"不少城市的沿街商户门口都贴着", "而是一套让商户看得见、摸得着的激励办法。"},
		not:  []string{"江城日报评论员", "长期关注基层治理", "相关评论"},
	}, {
		// A list of people closing the story, each a name and a
		// portrait over the deeds: the story, the last of them too.
		file: "people_portraits_list.html", url: "http://www.jiangcheng.example.cn/hrb/2024/0702/3.html",
		title: "青石镇2024年第二季度“身边好人”榜单发布", published: "2024-07-02 10:00", source: "青石镇",
		want: []string{"三位来自基层的普通人上榜", "李建国，青石镇东岙村村民", "带领二十多名退役军人常年参与防汛巡查和交通劝导。"},
	}})
}

// TestCommentsBesideText runs a news page of our own making whose
// readers' comments follow the text in the story's container, under a
// heading no word list holds (你怎么看), each a name and a date on a line
// of their own over a sentence or two, all under class names that mean
// nothing: the comments were read as more of the body (a block of
// sentences beside it). An article's blocks dated inside their sentences
// stay (TestStoryWithRepeatedBlocks), and so does a chronicle's, each its
// date alone over its sentences.
func TestCommentsBesideText(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "comments_beside_text.html", url: "http://news.jiangcheng.example.cn/ms/2024/0520/31.html",
		title: "江城县老旧小区加装电梯今年再推进30部", published: "2024-05-20 16:40", source: "江城日报", author: "周敏",
		want: []string{"记者从县住建局获悉", "每天晚上六点后停止高噪声作业。"},
		not:  []string{"八十多岁的老母亲", "采光问题", "补助标准能不能再提高"},
	}, {
		// A chronicle closing the story, each item its date alone on a
		// line over its sentences: the story, no poster named.
		file: "chronicle_dated_items.html", url: "http://www.jiangcheng.example.cn/xzdt/2024/0705/12.html",
		title: "青石镇新时代文明实践所上半年工作回顾", published: "2024-07-05 09:00", source: "青石镇",
		want: []string{"今年上半年，青石镇新时代文明实践所围绕群众需求", "2024年4月12日", "为留守老人理发", "捐赠图书八百余册。", "赢得阵阵掌声。"},
	}})
}

// TestSiteNameCrumb runs a page of our own making whose trail over the
// title opens with the site's name on a link to the front page, not
// 首页 (江城文明网 > 乡镇动态 > 正文), under class names that mean
// nothing: only a 首页 link opened an unlabelled trail, and the page
// had no column. The logo's link and the menu, the site's name and 首页
// with no arrow after them, open none.
func TestSiteNameCrumb(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "site_name_crumb.html", url: "http://www.jiangcheng.example.cn/xzdt/show.php?id=881",
		title: "青石镇举办首届农民丰收节", published: "2024-09-22 18:30", source: "青石镇", column: "乡镇动态",
		want: []string{"9月22日，青石镇首届农民丰收节在东岙村文化广场开幕", "培育文明乡风。"},
		not:  []string{"正文", "版权所有"},
	}})
	p := &page{}
	p.url, _ = url.Parse("http://www.jiangcheng.example.cn/xzdt/2024/0922/881.html")
	p.base = p.url
	for _, tt := range []struct {
		href string
		want bool
	}{
		{"/", true},
		{"../../../", true},
		{"http://www.jiangcheng.example.cn/index.html", true},
		{"http://WWW.jiangcheng.example.cn", true},
		{"http://www.wenming.cn/", false}, // another site's front page
		{"/xzdt/", false},
		{"/?lang=en", false},
	} {
		a := &html.Node{Type: html.ElementNode, Data: "a", DataAtom: atom.A, Attr: []html.Attribute{{Key: "href", Val: tt.href}}}
		if got := p.frontPageLink(a); got != tt.want {
			t.Errorf("frontPageLink(%q) = %v, want %v", tt.href, got, tt.want)
		}
	}
}
