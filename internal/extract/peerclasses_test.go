package extract

import (
	"strings"
	"testing"
)

// The classes of this file were found by running wenming beside
// go-readability and go-trafilatura on real Chinese news and government
// pages no one here had tuned on (bench/extract -agree) and reading the
// pages where they disagreed; each page here is our own.

// TestTitleNotFirstPart runs pages whose <title> does not open with the
// article's title: a brand that reads as no site's name before it
// (江城财经观察--标题), the page's title-classed element saying the
// later part; a series' name and a bar that the headline itself holds
// (声音|标题_评论_站名), the <h1> saying both parts; and a template that
// titles every article with its column's name (工作动态--学会), as the
// trail above the story ends, the headline standing above the info line.
// The first part, or the column, was taken for the title.
func TestTitleNotFirstPart(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "title_brand_before_headline.html", url: "http://www.jcczgc.example.cn/ms/2024/0312/915.html",
		title: "社区老年大学开设智能手机课 三百多位老人报名", published: "2024-03-12 09:30",
		want: []string{"三月十一日上午，青石街道社区老年大学", "可以报名下一期的进阶课。"},
		not:  []string{"江城财经观察--2024年2月20日", "版权所有"},
	}, {
		file: "title_bar_in_headline.html", url: "http://www.jcxw.example.cn/pl/2024/0923/77.html",
		title: "声音|社区食堂为何越办越火：价格实惠，更有人情味", published: "2024-09-23 07:48",
		want: []string{"最近一段时间，江城不少社区食堂", "这份烟火气才能长久留下来。"},
	}, {
		file: "title_column_in_title.html", url: "http://www.jcdlxh.example.cn/content.aspx?id=106",
		title: "2024年江城市人文地理学术年会在青石学院举行", published: "2024-05-18 00:00", source: "江城市地理学会",
		want: []string{"五月十七日至十八日", "更好地服务地方发展。"},
		not:  []string{"上一篇", "联系我们"},
	}})
}

// TestTitleInH4Cover runs a page of our own making that heads its story
// with an <h4> in a cover block over the info line, its subheadings
// <h3>s, and whose <title> glues the site's Latin name to the title's
// last Latin letters with a hyphen (…AAU-JCTV 江城电子技术), which
// splitTitle keeps whole ("Wi-Fi"): no heading matched the <title>
// well but a subheading, which was taken for the title.
func TestTitleInH4Cover(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "title_h4_cover.html", url: "http://www.jctv.example.cn/news/2024/0925/4385.html",
		title: "江城发布新一代5G基站：能耗降三成，一台顶三台AAU", published: "2024-09-25 00:00",
		want: []string{"九月二十四日，江城通信研究院发布新一代5G基站", "能耗降三成，一台顶3台", "首批设备已经在江城高铁站和体育中心上线运行。"},
		not:  []string{"广告", "版权所有"},
	}})
}

// TestHeadlineInAside runs a mobile template's page of our own making
// that sets the headline and the info line (a time and the source, no
// label) in an <aside> classed as the content's aside, over the story,
// and closes with recommended stories dated in <time>s: the aside was
// furniture, so the page had no title element, no date near it, and
// was no article (on a real page the first <time> of the list dated
// it).
func TestHeadlineInAside(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "headline_in_aside.html", url: "http://m.jcsh.example.cn/news/2024/0905/99.html",
		title: "江城老城区夜市重新开张 百余摊位亮灯迎客", published: "2024-09-05 21:10",
		want: []string{"九月五日晚，改造后的江城老城区夜市重新开张", "周末将不定期举办街头演出。"},
		not:  []string{"江城三条公交线路下周起调整走向", "手机客户端", "版权所有"},
	}})
}

// TestColumnWrapperStrongName runs a portal's page of our own making
// whose story column's wrapper bears a name the CMSs give their body
// containers (id="article_content"), holding the story's block, a
// carousel of teasers (headline, a summary cut with "...", a time), a
// box asking to follow the account over its QR code, a list of popular
// stories and a sidebar of links: the wrapper was taken for the body,
// and every teaser and the follow box with it.
func TestColumnWrapperStrongName(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "column_wrapper_strong_name.html", url: "http://www.jcxw.example.cn/cj/2024/1228/318.html",
		title: "江城地铁3号线北延段开通初期运营", published: "2024-12-28 09:12", source: "江城日报", editor: "周敏",
		want: []string{"12月28日上午9时，江城地铁3号线北延段开通初期运营。", "请乘客合理安排出行时间，注意乘车安全。"},
		not:  []string{"年内上涨近五成", "事情的真相并没有那么简单", "2024-12-27 21:38:04", "江城财经公众号", "扫描二维码关注", "大家都在看", "民生要闻", "图片新闻"},
	}})
}

// TestTrailByStructure runs pages of our own making whose trail writes
// no separator — its steps in <li>s of their own, the last the page's
// kind (资讯正文), or its links parted by pictures of arrows — and pages
// where elements named as a place are no trail: a hidden notice
// ("msgAlert-place"), a widget's credit link said twice
// ("attribution_position_top"), or a path box around the trail that
// holds a channel's logo and a search box's tabs. The column was the
// steps run together ("首页基金资讯资讯正文"), the notice, or the tabs.
func TestTrailByStructure(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "trail_steps_in_elements.html", url: "http://www.jcjj.example.cn/news/2024/1008/55.html",
		title: "江城三季度基金发行规模环比增长两成", published: "2024-10-08 15:20", column: "基金资讯",
		want: []string{"三季度，江城辖区基金公司共发行新基金四十二只"},
	}, {
		file: "trail_arrow_pictures.html", url: "http://www.jczq.example.cn/kx/gs/gg/2024/0926/12.html",
		title: "午间公告：江城机械中标高铁配套项目", published: "2024-09-26 12:11", author: "李明", column: "公告速递",
		want: []string{"江城证券网讯，江城机械：确认中标高铁站房配套设备项目"},
	}, {
		file: "named_place_not_trail.html", url: "http://www.jcxw.example.cn/xz/2024/1015/8.html",
		title: "青石镇开展秋季消防安全大检查", published: "2024-10-15 10:00", source: "青石镇", column: "乡镇动态",
		want: []string{"十月十四日起，青石镇组织应急", "对拒不整改的单位将依法处理。"},
		not:  []string{"您有未读新闻", "by 江城推荐"},
	}, {
		file: "trail_inside_path_box.html", url: "http://news.jcxw.example.cn/ms/2024-11-08/doc-1.shtml",
		title: "江城今冬供暖提前一周启动", published: "2024-11-08 08:30", source: "江城晚报", column: "民生新闻",
		want: []string{"今冬江城集中供暖将提前一周", "可拨打供热服务热线反映。"},
	}})
}

// TestMetaAuthorOutlet runs a portal's page of our own making whose
// article:author <meta> names the outlet the page names its source
// (江城晚报), and no writer anywhere: the outlet was the author.
func TestMetaAuthorOutlet(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "meta_author_outlet.html", url: "http://news.jcxw.example.cn/ms/2024-12-28/doc-7.shtml",
		title: "江城启用新版电子社保卡 可线上办理三十项业务", published: "2024-12-28 10:05", source: "江城晚报", editor: "王芳",
		want: []string{"江城新版电子社保卡本周起正式启用"},
	}})
	if r := extractClassPage(t, "meta_author_outlet.html", "http://news.jcxw.example.cn/ms/2024-12-28/doc-7.shtml"); r.Author != "" {
		t.Errorf("author %q (%s), want none: the outlet is the source", r.Author, r.Provenance[FieldAuthor])
	}
}

// TestSplitTitleDomainAfterHyphen: a hyphen between two Latin letters
// joins ("Wi-Fi", "COVID-19"), except before the site's domain name
// glued to the title's last Latin letters ("…ZoomEye-JCDN.NET"), whose
// <meta name="author"> then named the site as the author.
func TestSplitTitleDomainAfterHyphen(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"江城安全论坛开幕 多家企业发布新版ZoomEye-JCDN.NET", []string{"江城安全论坛开幕 多家企业发布新版ZoomEye", "JCDN.NET"}},
		{"江城开通Wi-Fi 7公共热点-jcxw.com.cn_江城新闻网", []string{"江城开通Wi-Fi 7公共热点", "jcxw.com.cn", "江城新闻网"}},
		{"江城开通Wi-Fi 7公共热点_江城新闻网", []string{"江城开通Wi-Fi 7公共热点", "江城新闻网"}},
		{"COVID-19 vaccine in Jiangcheng - JCN", []string{"COVID-19 vaccine in Jiangcheng", "JCN"}},
	} {
		got := splitTitle(tt.in)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("splitTitle(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	checkClassPages(t, []classPage{{
		file: "title_domain_glued.html", url: "http://www.jcdn.example.net/article/2014-08-24/2821416.html",
		title: "江城安全论坛开幕 多家企业发布新版ZoomEye", published: "2014-08-24 10:30",
		want: []string{"八月二十三日，第三届江城安全论坛开幕"},
	}})
	if r := extractClassPage(t, "title_domain_glued.html", "http://www.jcdn.example.net/article/2014-08-24/2821416.html"); r.Author != "" {
		t.Errorf("author %q (%s), want none: the <meta> names the site", r.Author, r.Provenance[FieldAuthor])
	}
}

// TestBoxBeforeCredits runs pages of our own making whose story ends
// with a box of other stories and then the credits (本文来源：…,
// 责任编辑：…): a picks box, its heading saying who picked (今日推荐)
// beside a link to the channel, its headlines dropped as a list; and a
// 延伸阅读 box holding one story, a headline linked whole with a colon
// in it (居民:终于不用爬楼了), over its teaser. The credits hid the box
// from the rules that end a body at such a box, and the headline was
// taken for a label and its links ("相关阅读：<a>…</a>") and dropped,
// so the heading and the teaser closed the body.
func TestBoxBeforeCredits(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "picks_box_closing.html", url: "http://money.jccj.example.cn/24/0704/15/ATLE256Q.html",
		title: "江城出台稳外贸十条措施 支持企业拓展新兴市场", published: "2024-07-04 15:31", source: "江城日报", editor: "刘洋",
		want: []string{"记者从江城市商务局获悉", "帮助企业稳订单、拓市场。"},
		not:  []string{"今日推荐", "更多精彩内容请点击", "两市成交额", "客户端"},
	}, {
		file: "teaser_colon_headline.html", url: "http://www.jcxw.example.cn/pl/2024/0909/17.html",
		title: "评论：老旧小区加装电梯 别让“最后一公里”卡了壳", published: "2024-09-09 08:12", source: "江城晚报", editor: "陈静", column: "评论",
		want: []string{"近日，江城多个老旧小区的加装电梯项目", "才能真正走通。"},
		not:  []string{"延伸阅读", "终于不用爬楼了", "一百多户居民告别了爬楼的日子"},
	}})
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"今日推荐", true},
		{"【编辑推荐】", true},
		{"为你推荐：", true},
		{"我们向市民推荐", false},
	} {
		if got := relatedHeading(tt.in); got != tt.want {
			t.Errorf("relatedHeading(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestUnixTimeVariable runs a WeChat article of our own as a browser
// saves it: the publish-time element shows the day relative to the
// reader's (昨天), the script holds the creation time as a Unix time
// under a short name (var ct = "1718251380") beside the time the page
// was served (var svr_time); no date anywhere else. The page had no
// date; the served time must not be it either.
func TestUnixTimeVariable(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "wechat_relative_day.html", url: "https://mp.weixin.qq.com/s/Qw3e4R5t6Y7u",
		title: "夏粮收购开秤 种粮户卖粮不用排长队", published: "2024-06-13 12:03",
		want: []string{"六月十二日，江城县夏粮收购正式开秤", "粮款当天打到农户账户。"},
		not:  []string{"阅读原文", "微信扫一扫"},
	}})
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"昨天", true}, {"", true}, {"3天前", true}, {"2 小时前", true},
		{"2024-06-13", false}, {"天前", false}, {"三天前", false}, {"昨天下午", false},
	} {
		if got := relativeDay(tt.in); got != tt.want {
			t.Errorf("relativeDay(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestCopyTagsNoPerson runs a portal's page of our own making whose
// <meta name="source"> adds a tag on the copy to the outlet's name
// (江城网-文化频道 原创稿) and whose info line names no writer but how
// the text was gathered (作者：网络整理): the tag was part of the
// source, the words the author.
func TestCopyTagsNoPerson(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "copy_tags_no_person.html", url: "http://wh.jcw.example.cn/n1/2024/0615/c40531-3214.html",
		title: "古琴进校园 孩子们指尖拨出千年雅韵", published: "2024-06-15 08:18", source: "江城网-文化频道",
		want: []string{"六月以来，江城市实验小学把古琴课搬进了课堂", "让传统音乐在校园里扎下根来。"},
		not:  []string{"网络整理", "版权所有"},
	}})
	if r := extractClassPage(t, "copy_tags_no_person.html", "http://wh.jcw.example.cn/n1/2024/0615/c40531-3214.html"); r.Author != "" {
		t.Errorf("author %q (%s), want none: 网络整理 names no writer", r.Author, r.Provenance[FieldAuthor])
	}
}

// TestClosingLikeAsks runs a portal's page of our own making whose
// story closes with the account's ask for a 在看 in lenticular brackets
// (看完记得点【在看】，让更多朋友知道哦～) and a like button showing
// the "+1" it bumps: both closed the body.
func TestClosingLikeAsks(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "closing_like_asks.html", url: "http://www.jcxw.example.cn/jt/2024-08/13/c_1125.htm",
		title: "江城南站至机场快线下月通车 全程只需28分钟", published: "2024-08-13 14:07", source: "江城发布",
		want: []string{"记者从市交通运输局获悉", "最高不超过二十元。"},
		not:  []string{"【在看】", "+1", "分享到"},
	}})
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"+1", true}, {" ＋1 ", true}, {"+10", false}, {"1+1=2", false},
	} {
		if got := likeBump(tt.in); got != tt.want {
			t.Errorf("likeBump(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestGalleryTaggedTitle runs a gallery page of our own making whose
// info box beside the pictures heads the first picture's caption with
// the title and a tag on the copy in an element of its own
// (<h2><span>原创</span>标题</h2>): the body opened with "原创标题".
func TestGalleryTaggedTitle(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "gallery_tagged_title.html", url: "https://www.jctt.example.cn/a6734139882538533383/",
		title: "秋收时节的江城坝上：金色稻田一眼望不到边", published: "2024-10-08 11:42", author: "坝上行记",
		want: []string{"十月初，江城坝上的万亩稻田进入收割期", "一派丰收景象。"},
		not:  []string{"原创", "金色稻田一眼望不到边", "相关图集"},
	}})
	for _, tt := range []struct {
		l    string
		want bool
	}{
		{"原创江城稻田", true}, {"江城稻田 独家", true}, {"江城稻田", false}, {"图说江城稻田", false},
	} {
		if got := taggedTitle(tt.l, "江城稻田"); got != tt.want {
			t.Errorf("taggedTitle(%q) = %v, want %v", tt.l, got, tt.want)
		}
	}
}
