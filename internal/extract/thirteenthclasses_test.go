package extract

import "testing"

// TestReadingAidsPageLink runs a story of our own making whose container
// opens with a template's switch to its accessible view (【无障碍阅读】)
// and closes with the page's own address (本文链接：http://…), the share
// bar and a QR code to read it on a phone (手机看), each a line of its
// own: the switch was read as the text's first line, the address and
// 手机看 as its last.
func TestReadingAidsPageLink(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "reading_aids_page_link.html", url: "http://www.jcwmw.example.cn/xzdt/2024/0510/1532.html",
		title: "河西乡开展“文明家庭”评选表彰活动", published: "2024-05-10 09:12", source: "河西乡", views: "236", column: "乡镇动态",
		want: []string{"5月9日，河西乡在乡文化礼堂举行", "让好家风带动好民风。"},
		not:  []string{"无障碍", "本文链接", "1532.html", "分享到", "手机看", "版权所有"},
	}})
}

// TestPageLinkLine checks the lines pageLinkLine reads as the page's
// own address and the lines it keeps.
func TestPageLinkLine(t *testing.T) {
	for _, tt := range []struct {
		line string
		want bool
	}{
		{"本文链接：http://www.jcwmw.example.cn/xzdt/2024/0510/1532.html", true},
		{"本文地址: https://www.example.gov.cn/art/2024/5/10/art_1_2.html", true},
		{"本文链接：", true}, // the address a script fills
		{"本頁網址：www.example.com.tw/news/1.html", true},
		{"本文链接：县文明办官网", false},                        // no address
		{"本文链接的内容来自县文明办。", false},                     // text
		{"原文链接：http://mp.weixin.qq.com/s/abc", false}, // a repost's origin stays
		{"本文地址：http://a.example.cn/1.html 转载请注明", false},
		{"文章链接", false},
		{"", false},
	} {
		if got := pageLinkLine(tt.line); got != tt.want {
			t.Errorf("pageLinkLine(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestReadingAidControls checks the switches to a template's accessible
// or phone view that controlLine reads as a line of controls.
func TestReadingAidControls(t *testing.T) {
	for _, tt := range []struct {
		line string
		want bool
	}{
		{"【无障碍阅读】", true},
		{"手机看", true},
		{"[无障碍浏览] [打印] [关闭]", true},
		{"手机阅读 | 打印本页", true},
		{"手机看新闻更方便", false},
		{"无障碍设施建设", false},
	} {
		if got := controlLine(tt.line); got != tt.want {
			t.Errorf("controlLine(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestFooterRunnerRegistration runs a government notice of our own
// making whose container closes with the site's footer, who runs the
// site (主办单位：…　承办单位：…) over its identifier and registration, and
// no copyright line: the footer was read as the text's last lines.
func TestFooterRunnerRegistration(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "footer_runner_registration.html", url: "http://www.jiangcheng.example.gov.cn/tzgg/2024/0605/771.html",
		title: "关于2024年端午节放假安排的通知", published: "2024-06-05 00:00", source: "县政府办公室", column: "通知公告",
		want: []string{"县直各单位：", "江城县人民政府办公室\n2024年6月5日"},
		not:  []string{"主办单位", "承办单位", "网站标识码", "ICP备", "人民路1号"},
	}})
}

// TestDropSiteNoticeRunner checks the footers without a copyright line
// that dropSiteNotice reads as the site's: who runs it and its
// registration in one run.
func TestDropSiteNoticeRunner(t *testing.T) {
	text := []string{"现将2024年端午节放假安排通知如下：6月10日放假，共3天。", "江城县人民政府办公室", "2024年6月5日"}
	for _, tt := range []struct {
		tail []string
		kept int // how many of the tail's lines stay
	}{
		{[]string{"主办单位：江城县人民政府办公室　承办单位：江城县大数据中心", "网站标识码：3310220001　浙ICP备10000001号-1"}, 0},
		{[]string{"主辦：江城縣政府　浙ICP备10000001号"}, 0},
		{[]string{"地址：江城县人民路1号　浙ICP备10000001号"}, 1},                // no one named as running it
		{[]string{"浙ICP备10000001号"}, 1},                            // registration alone
		{[]string{"主办单位：县文联", "报名电话：0571-1234567"}, 2},             // an event's organiser, no registration
		{[]string{"主办单位：县文联", "请于6月10日前报名。", "浙ICP备10000001号"}, 3}, // not one run
	} {
		lines := append(append([]string{}, text...), tt.tail...)
		if got := len(dropSiteNotice(lines)) - len(text); got != tt.kept {
			t.Errorf("dropSiteNotice(… %q) kept %d of them, want %d", tt.tail, got, tt.kept)
		}
	}
}

// TestTextHeldForScript runs pages of our own making whose text a
// script shows from an inert holder, the content container empty as
// sent: a <script type="text/template">, a <textarea> of escaped
// markup, an <iframe srcdoc>. Each was no article, its body empty.
func TestTextHeldForScript(t *testing.T) {
	checkClassPages(t, []classPage{
		{
			file: "text_held_template.html", url: "http://wgly.jiangcheng.example.gov.cn/gzdt/2024/0423/3310.html",
			title: "县图书馆举办“全民阅读月”系列活动", published: "2024-04-23 15:20", source: "县图书馆", column: "工作动态",
			want: []string{"4月23日，县图书馆在城市书房举办", "就能享受阅读的乐趣。"},
			not:  []string{"热点信息", "主办单位", "artTpl"},
		},
		{
			file: "text_held_textarea.html", url: "http://ybj.jiangcheng.example.gov.cn/tzgg/2023/0901/58.html",
			title: "关于开展2024年度城乡居民医保集中参保缴费工作的通告", published: "2023-09-01 00:00", source: "县医疗保障局", views: "2156", column: "通知公告",
			want: []string{"为做好2024年度城乡居民基本医疗保险", "便民服务点缴费。\n江城县医疗保障局\n2023年9月1日"},
			not:  []string{"<p>", "&lt;", "版权所有"},
		},
		{
			file: "text_held_srcdoc.html", url: "http://www.jiangcheng.example.gov.cn/xzdt/2024/0517/901.html",
			title: "青山镇开展汛前安全生产大检查", published: "2024-05-17 10:30", source: "青山镇", column: "乡镇动态",
			want: []string{"为切实做好汛期安全生产工作", "坚决遏制各类安全事故发生。"},
			not:  []string{"<p>", "版权所有"},
		},
	})
}

// TestHeldPage checks which holders heldText takes for an article's
// text and the page heldPage makes of them.
func TestHeldPage(t *testing.T) {
	const text = "<p>第一句话。</p><p>第二句话。</p><p>第三句话。</p>"
	for _, tt := range []struct {
		name, page string
		want       string // the page made, "" for none
	}{
		{"template", `<h1>标题</h1><div id="c"></div><script type="text/template">` + text + `</script><b>后</b>`,
			`<h1>标题</h1><div id="c"></div><div>` + text + `</div><b>后</b>`},
		{"upper case", `<DIV></DIV><SCRIPT TYPE="Text/Template">` + text + `</SCRIPT>`, `<DIV></DIV><div>` + text + `</div>`},
		{"second textarea", `<textarea name="a"></textarea><textarea>&lt;p&gt;第一句话。&lt;/p&gt;&lt;p&gt;第二句话。第三句话。&lt;/p&gt;</textarea>`,
			`<textarea name="a"></textarea><div><p>第一句话。</p><p>第二句话。第三句话。</p></div>`},
		{"srcdoc with raw markup", `<iframe title="a>b" srcdoc="` + text + `"></iframe><i>后</i>`, `<div>` + text + `</div><i>后</i>`},
		{"shifted count", `<!-- <textarea> --><textarea>&lt;p&gt;一。二。三。&lt;/p&gt;</textarea>`, ""}, // the comment's tag is counted: the holder found does not hold the text
		{"code, not markup", `<script type="text/javascript">var a = "一。二。三。<p>";</script>`, ""},
		{"a comment form", `<textarea>请文明发言。遵守法律法规。理性表达观点。</textarea>`, ""},
		{"a list item's template", `<script type="text/html">{{each list}}<li><a href="{{$value.url}}">{{$value.title}}</a>。</li>{{/each}}</script>`, ""},
	} {
		d, err := Parse([]byte(tt.page), nil)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if h, ok := heldText(d.root); ok {
			got, _ = heldPage(d.raw, h)
		}
		d.Release()
		if got != tt.want {
			t.Errorf("%s: heldPage = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestOutletReporterAfterSource runs a county portal's repost of an
// agency story, of our own making, whose info line names the agency's
// reporter after the source, the agency's name glued to the role
// (来源：新华社　新华社记者 王磊 报道员 阿里): the source ran on into the
// reporters' names.
func TestOutletReporterAfterSource(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "outlet_reporter_after_source.html", url: "http://www.jcnews.example.cn/gnyw/2024/0618/20931.html",
		title: "黄河流域生态保护治理成效持续显现", published: "2024-06-18 09:42", source: "新华社", author: "王磊、阿里", editor: "周敏",
		views: "318", column: "国内要闻",
		want: []string{"记者从有关部门获悉", "推动生态保护与经济发展协同共进。"},
		not:  []string{"责任编辑", "版权所有"},
	}})
}

// TestStartsWithOutletRole checks the fields that open with an outlet's
// reporter and the words that do not.
func TestStartsWithOutletRole(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"新华社记者 王磊 报道员 阿里", true},
		{"江城日报记者王磊", true},
		{"县融媒体中心记者 张伟", true},
		{"记者 王磊", false}, // a role alone: startsWithRole's
		{"新华社 王磊", false},
		{"新华社记者站 供稿", false}, // the bureau, not a reporter
		{"人民网-人民日报", false},
		{"江城日报社", false},
	} {
		if got := startsWithOutletRole(tt.s); got != tt.want {
			t.Errorf("startsWithOutletRole(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// TestRecordDateBeforePublish runs a town's government information page
// of our own making whose metadata block above the title gives the day
// the record was made before the day it was published (生成日期：2024-04-26
// 发布日期：2024-04-29) on one line: the record's day was read as the
// publish date.
func TestRecordDateBeforePublish(t *testing.T) {
	checkClassPages(t, []classPage{{
		file: "record_date_before_publish.html", url: "http://www.jiangcheng.example.gov.cn/zwgk/xzxx/2024/0429/5512.html",
		title: "青山镇2024年汛期地质灾害防治工作方案", published: "2024-04-29 00:00", source: "青山镇人民政府", column: "乡镇信息公开",
		want: []string{"为切实做好2024年汛期地质灾害防治工作", "青山镇人民政府\n2024年4月26日"},
		not:  []string{"索引号", "生成日期", "网站标识码"},
	}})
}

// TestRecordDateGivesWay checks that a record's 生成日期 gives way to a
// publish label's date on the same line and dates a line alone.
func TestRecordDateGivesWay(t *testing.T) {
	for _, tt := range []struct{ line, want string }{
		{"生成日期：2024-04-26 发布日期：2024-04-29 有效性：有效", "2024-04-29 00:00"},
		{"发布日期：2024-04-29 生成日期：2024-04-26", "2024-04-29 00:00"},
		{"生成日期：2024-04-26 来源：青山镇", "2024-04-26 00:00"},
		{"生成日期：2024-04-26 更新时间：2024-05-02", "2024-04-26 00:00"}, // the first of two that give way
	} {
		tm, _, _, ok := labeledDateLabel(fold(tt.line))
		if got := tm.Format("2006-01-02 15:04"); !ok || got != tt.want {
			t.Errorf("labeledDateLabel(%q) = %s %v, want %s", tt.line, got, ok, tt.want)
		}
	}
}
