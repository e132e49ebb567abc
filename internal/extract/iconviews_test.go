package extract

import (
	"net/url"
	"strings"
	"testing"
)

// TestIconMarkedFields checks the class of an info line whose count is
// marked by an icon instead of a word (the templates sold for PbootCMS,
// EyouCMS and Bootstrap themes: <i class="fa fa-eye"></i> 1017): the
// count is read after the icon, and a labelled author standing before it
// ends where the count begins. An eye icon before words, or in the body,
// marks no count; a label still wins over an icon.
func TestIconMarkedFields(t *testing.T) {
	page := func(info, body string) string {
		return `<html><head><meta charset="utf-8"><title>青山县开展义诊志愿服务活动 - 青山县文明网</title></head><body>` +
			`<div class="nav"><a href="/">首页</a><a href="/gzdt/">工作动态</a></div><div class="article"><h1>青山县开展义诊志愿服务活动</h1>` +
			`<div class="info">` + info + `</div><div class="content"><p>5月2日，青山县新时代文明实践中心组织志愿者走进第3社区，开展义诊志愿服务活动。</p>` +
			`<p>志愿者们向居民发放宣传资料，讲解文明知识，为老人测量血压、义务理发，现场气氛热烈，群众纷纷点赞。</p>` + body + `</div></div></body></html>`
	}
	const date = `<span><i class="fa fa-clock-o"></i> 2023-05-02 09:40</span> `
	u, _ := url.Parse("http://www.qs.example.cn/gzdt/201.html")
	for _, tc := range []struct {
		name, html string
		views      int64 // 0: none
		author     string
	}{
		{"fa-eye after a labelled author", page(date+`<span>来源：县文明办</span> <span>作者：钱程</span> <span><i class="fa fa-eye"></i> 1017</span>`, ""), 1017, "钱程"},
		{"glyphicon, the count in its own element", page(date+`<span class="glyphicon glyphicon-eye-open"></span><span>2,345</span>`, ""), 2345, ""},
		{"iconfont named in pinyin, the count with 次", page(date+`作者：孙丽 <i class="iconfont icon-liulan"></i>1017次`, ""), 1017, "孙丽"},
		{"an eye icon before words", page(date+`<a href="/img/1.jpg"><i class="fa fa-eye"></i> 查看原图</a>`, ""), 0, ""},
		{"an eye icon in the body", page(date, `<p><i class="fa fa-eye"></i> 1017</p>`), 0, ""},
		{"a label wins over an icon", page(date+`<span>浏览：88</span> <span><i class="fa fa-eye"></i> 1017</span>`, ""), 88, ""},
	} {
		r, err := Extract([]byte(tc.html), u)
		if err != nil {
			t.Fatal(err)
		}
		var got int64
		if r.Views != nil {
			got = *r.Views
		}
		if got != tc.views {
			t.Errorf("%s: views %v (%s), want %d", tc.name, got, r.Provenance[FieldViews], tc.views)
		}
		if tc.author != "" && r.Author != tc.author {
			t.Errorf("%s: author %q, want %q", tc.name, r.Author, tc.author)
		}
		if !r.IsArticle || !strings.HasPrefix(r.Body, "5月2日") {
			t.Errorf("%s: article %v, body %q", tc.name, r.IsArticle, r.Body)
		}
	}
}

// TestIconMarkedCounter checks that a count loaded by script is found
// after a view icon as after a view label: a script standing right after
// the icon, or the empty element after it that a script fills; an icon
// of anything else marks none.
func TestIconMarkedCounter(t *testing.T) {
	base, _ := url.Parse("http://www.qs.example.cn/zyfw/203.html")
	xhr := `<script>function tag_arcclick(aid){var ajax = new XMLHttpRequest();ajax.open("get", "/index.php?m=api&c=Ajax&a=arcclick&type=view&aids="+aid, true);` +
		`ajax.onreadystatechange = function () {if (ajax.readyState==4) {document.getElementById("eyou_arcclick_203").innerHTML = ajax.responseText;}};ajax.send();}tag_arcclick(203);</script>`
	for _, tc := range []struct{ name, raw, url string }{
		{"element after an iconfont icon, filled by script", `<span><i class="iconfont icon-liulan"></i><i id="eyou_arcclick_203"></i>` + xhr + `</span>`,
			"http://www.qs.example.cn/index.php?m=api&c=Ajax&a=arcclick&type=view&aids=203"},
		{"script right after an eye icon", `<span><i class="fa fa-eye"></i> <script src="/count.php?id=203"></script></span>`, "http://www.qs.example.cn/count.php?id=203"},
		// layui's eye, the only mark of the count on the page.
		{"script right after layui's see icon", `<span><i class="layui-icon layui-icon-see"></i> <script src="/count.php?id=203"></script></span>`, "http://www.qs.example.cn/count.php?id=203"},
		{"element after an icon of the author", `<span><i class="fa fa-user"></i><i id="eyou_arcclick_203"></i>` + xhr + `</span>`, ""},
	} {
		c := findCounter(indexRaw(tc.raw), base)
		switch {
		case tc.url == "" && c != nil:
			t.Errorf("%s: counter %+v, want none", tc.name, c)
		case tc.url != "" && (c == nil || c.URL != tc.url):
			t.Errorf("%s: counter %+v, want %s", tc.name, c, tc.url)
		}
	}
}

// TestIconMarkedAuthor checks that a name right after an author icon on
// the info line (<i class="fa fa-user"></i> 赵云) is the author, and that
// what is no name there (a login link, the site's own name, admin) is not.
func TestIconMarkedAuthor(t *testing.T) {
	u, _ := url.Parse("http://www.qs.example.cn/gzdt/205.html")
	for after, want := range map[string]string{
		` 赵云`:                      "赵云",
		`<span>钱程</span>`:          "钱程",
		` admin`:                   "",
		` <a href="/login">登录</a>`: "",
		` 青山县文明网`:                  "",
	} {
		html := `<html><head><meta charset="utf-8"><title>青山县开展文明交通志愿服务活动 - 青山县文明网</title></head><body><div class="article"><h1>青山县开展文明交通志愿服务活动</h1>` +
			`<div class="info"><span><i class="fa fa-clock-o"></i> 2023-05-04 10:00</span> <span><i class="fa fa-user"></i>` + after + `</span></div>` +
			`<div class="content"><p>5月4日，青山县文明办组织志愿者在县城主要路口开展文明交通劝导，引导群众自觉遵守交通法规。</p><p>志愿者们手持小红旗，耐心劝导，并向过往群众发放宣传资料。</p></div></div></body></html>`
		r, err := Extract([]byte(html), u)
		if err != nil {
			t.Fatal(err)
		}
		if r.Author != want {
			t.Errorf("after the icon %q: author %q (%s), want %q", after, r.Author, r.Provenance[FieldAuthor], want)
		}
	}
}

// TestIconEndsField checks that a field's icon ends the labelled value
// before it on one line, as a line break would: the source is not read
// into the author after it.
func TestIconEndsField(t *testing.T) {
	u, _ := url.Parse("http://www.qs.example.cn/contents/13/203.html")
	html := `<html><head><meta charset="utf-8"><title>青山县开展关爱老人志愿服务活动 - 青山县文明网</title></head><body><div class="article"><h1>青山县开展关爱老人志愿服务活动</h1>` +
		`<div class="info">发布时间：2023/5/3 16:40:12 &nbsp; 来源：县文明办 &nbsp; <span><i class="fa fa-user"></i> 钱程</span> &nbsp; <i class="fa fa-clock-o"></i> 10:00</div>` +
		`<div class="content"><p>5月3日，青山县志愿者走进敬老院，为老人打扫卫生、表演节目，陪老人聊天。</p><p>老人们纷纷表示，志愿者的到来让敬老院充满了欢声笑语。</p></div></div></body></html>`
	r, err := Extract([]byte(html), u)
	if err != nil {
		t.Fatal(err)
	}
	if r.Source != "县文明办" || r.Author != "钱程" {
		t.Errorf("source %q (%s), author %q (%s); want 县文明办, 钱程", r.Source, r.Provenance[FieldSource], r.Author, r.Provenance[FieldAuthor])
	}
}

// TestIconIsInline checks that only an inline element of an icon font
// (i, span, em, svg) is an icon: an empty block whose class says view,
// before a line holding a year, marks no count.
func TestIconIsInline(t *testing.T) {
	u, _ := url.Parse("http://www.qs.example.cn/gzdt/209.html")
	html := `<html><head><meta charset="utf-8"><title>青山县开展消防演练 - 青山县文明网</title></head><body><div class="article"><h1>青山县开展消防演练</h1>` +
		`<div class="view"></div><div>2023</div><div class="info">发布时间：2023-05-09 10:00</div>` +
		`<div class="content"><p>5月9日，青山县消防救援大队走进第9社区，开展消防演练，教居民使用灭火器。</p><p>居民们纷纷表示，演练很实用，增强了安全意识。</p></div></div></body></html>`
	r, err := Extract([]byte(html), u)
	if err != nil {
		t.Fatal(err)
	}
	if r.Views != nil {
		t.Errorf("views %d (%s), want none", *r.Views, r.Provenance[FieldViews])
	}
}
