package extract

import "testing"

// TestHashedClassNames runs a page of our own making built with a
// CSS-in-JS library, whose class names are hashes ("css-2ad8f1"): the
// digits broke a hash into letters that read as a furniture word ("ad"),
// and the story's lead and its section headings were dropped as ads. A
// name that opens with the word ("ad-box") still names an ad.
func TestHashedClassNames(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "hashed_class_names.html", url: "https://m.jiangcheng.example.cn/news/2024/0521/7781.html",
		title: "青石镇“共享菜园”让闲置地变成邻里园", published: "2024-05-21 16:40",
		want: []string{"五月的青石镇，十几块菜畦沿着老街背后的空地一字排开。", "一块空地，从“垃圾角”到“菜园子”", "一份收获，从“各顾各”到“一家人”", "让邻里关系“热”起来。"},
		not:  []string{"首付五万起", "版权所有"},
	}})
}

// TestWideScreenSlides runs a gallery page of our own making whose
// slides the page's own style sheet hides on a wide screen but for the
// one its second class shows, under a media query
// (@media only screen and (min-width:1000px){.k7p{display:none}
// .k7p.z0v{display:block}}) and with names that mean nothing: every
// slide's caption was read as the body, the shown one told apart by no
// state word ("active").
func TestWideScreenSlides(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "wide_screen_slides.html", url: "http://www.jiangcheng.example.cn/zyfw/2024/0518/31.html",
		title: "江城县“最美志愿者”风采展", published: "2024-05-18 09:30", source: "县文明办",
		want: []string{"李建国开着自家面包车", "心里就踏实。"},
		not:  []string{"王秀兰退休后", "陈晓雨每个周末", "赵志强组织", "上一组"},
	}})
}

// TestShareBarAboveText runs a page of our own making whose story opens
// under a bar of share and print links, between the info line and the
// text in the story's container, all under class names that mean
// nothing: the bar, a line all in links over sentences, was read as a
// teaser's headline, the info line as the story above it, and the
// writer named there was lost.
func TestShareBarAboveText(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "share_bar_above_text.html", url: "http://www.jiangcheng.example.cn/xzdt/2024/0520/88.html",
		title: "青石镇开展“文明家庭”评选活动", published: "2024-05-20 10:12", source: "青石镇", author: "王丽",
		want: []string{"近日，青石镇启动2024年度“文明家庭”评选活动", "在各村文化礼堂展出。"},
		not:  []string{"分享到微信", "相关新闻", "版权所有"},
	}})
}

// TestOutletSpansBeforeDate runs a page of our own making whose info
// line names the outlet with no label, in an element of its own right
// before the date's (<span>江城日报</span><span>2024</span>…), under
// class names that mean nothing: only the element's class (source) had
// said it was the source. outletOpeningDate reads it; a writer's name
// or the site's own stands so too and is none.
func TestOutletSpansBeforeDate(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "outlet_spans_before_date.html", url: "http://news.jiangcheng.example.cn/xw/2024/0530/12.html",
		title: "江城县举行2024年“新时代好少年”发布仪式", published: "2024-05-30 15:20", source: "江城日报",
		want: []string{"5月30日，江城县2024年“新时代好少年”发布仪式在县实验小学举行", "引导广大青少年向榜样学习。"},
	}})
	p := &page{siteName: "江城网"}
	for _, tt := range []struct{ info, want string }{
		{"江城日报2024-05-30 15:20", "江城日报"},
		{"江城发布 2024年05月30日", "江城发布"},
		{"小李 2024-05-30 15:20", ""},   // a blog's writer
		{"江城网 2024-05-30 15:20", ""},  // the site itself
		{"原创 江城日报 2024-05-30", ""},    // timestamp.go's line
		{"发布时间：2024-05-30 15:20", ""}, // a label
		{"江城日报２０２４－０５－３０", "江城日报"},    // full-width: read folded
		{"2024-05-30 15:20 江城日报", ""}, // after the date
	} {
		if got := p.outletBeforeDate(tt.info); got != tt.want {
			t.Errorf("outletBeforeDate(%q) = %q, want %q", tt.info, got, tt.want)
		}
	}
}

// TestKickerAboveTitle runs a page of our own making whose story's
// container holds its header: a link to the column longer than a tag
// (江城县新时代文明实践中心工作动态), the title, the info line, then the
// text, under class names that mean nothing; the link and the title
// were read as the body's first lines (only a class, header or kicker,
// had set them apart).
func TestKickerAboveTitle(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "kicker_above_title.html", url: "http://www.jiangcheng.example.cn/zyfw/2024/0615/9.html",
		title: "青石镇百名志愿者清理河道垃圾", published: "2024-06-15 18:20", source: "青石镇", views: "86",
		want: []string{"这个周末，青石镇百余名志愿者", "每月组织一次。"},
		not:  []string{"工作动态", "青石镇百名志愿者清理河道垃圾"},
	}})
	for _, tt := range []struct {
		lines []string
		links []bool
		want  int // lines kept
	}{
		{[]string{"乡镇动态", "标题", "正文。"}, []bool{true, false, false}, 1},
		{[]string{"首页", "乡镇动态", "标题", "正文。"}, []bool{true, true, false, false}, 1},
		{[]string{"乡镇动态", "首页", "栏目", "标题"}, []bool{true, true, true, false}, 4}, // too far down
		{[]string{"导语一句。", "标题", "正文。"}, []bool{false, false, false}, 3},         // text before it
		{[]string{"标题", "正文。"}, []bool{false, false}, 2},                         // cleanBody's
	} {
		var ls []bodyLine
		for i, l := range tt.lines {
			v := countVisible(l)
			ls = append(ls, bodyLine{text: l, vis: v})
			if tt.links[i] {
				ls[i].link = v
			}
		}
		if got := len(dropKickerTitle(ls, "标题")); got != tt.want {
			t.Errorf("dropKickerTitle(%q) kept %d lines, want %d", tt.lines, got, tt.want)
		}
	}
}
