package extract

import (
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/traditionalchinese"
)

func mustURL(t testing.TB, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// userPage is a county page no built-in profile knows well: the body sits
// in td.zw, the date in span.rq as "2023年3月22日 20:29".
const userPage = `<html><head><title>我县开展志愿服务活动_新闻动态_某县文明网</title></head><body>
<div class="nav"><a href="/">首页</a></div>
<div class="bt">我县开展志愿服务活动</div>
<div class="xx"><span class="rq">2023年3月22日 20:29</span> <span class="ly">来源：县文明办</span> <span class="djl">点击：1.2万</span></div>
<table><tr><td class="zw"><p>3月22日，我县组织志愿者走进社区，开展环境整治、义诊咨询等志愿服务活动，受到群众欢迎。</p>
<p>活动中，志愿者们分工协作，清理卫生死角，为老年人测量血压，宣传文明城市创建知识。</p></td></tr></table>
<div class="footer">版权所有：某县文明办</div></body></html>`

func TestUserProfile(t *testing.T) {
	ps, err := CompileProfiles([]ProfileSpec{{
		Name: "mouxian", Hosts: []string{"www.mxwm.gov.cn"},
		Title: "div.bt", Time: "span.rq", Views: "span.djl", Body: "td.zw", Source: "span.ly",
		Column: "div.nope", DateLayout: "2006年1月2日 15:04",
	}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := ExtractWith([]byte(userPage), mustURL(t, "http://www.mxwm.gov.cn/xwdt/123.html"), Options{Profiles: ps})
	if err != nil {
		t.Fatal(err)
	}
	if r.Profile != "mouxian" || r.Title != "我县开展志愿服务活动" || r.Source != "县文明办" {
		t.Errorf("profile/title/source = %q %q %q", r.Profile, r.Title, r.Source)
	}
	if got := r.Published.Format("2006-01-02 15:04"); got != "2023-03-22 20:29" || r.Precision != "minute" {
		t.Errorf("published = %s %s", got, r.Precision)
	}
	if r.Views == nil || *r.Views != 12000 {
		t.Errorf("views = %v, want 12000", r.Views)
	}
	if !strings.HasPrefix(r.Body, "3月22日，我县") || strings.Contains(r.Body, "版权") {
		t.Errorf("body = %q", r.Body)
	}
	want := map[string]string{
		"title": "user profile mouxian: div.bt", "published": "user profile mouxian: span.rq",
		"views": "user profile mouxian: span.djl", "body": "user profile mouxian: td.zw",
		"source": "user profile mouxian: span.ly",
	}
	for k, v := range want {
		if r.Provenance[k] != v {
			t.Errorf("provenance[%s] = %q, want %q", k, r.Provenance[k], v)
		}
	}
	if p := r.Provenance["column"]; p != "" && !strings.Contains(p, "matched nothing") {
		t.Errorf("column provenance = %q, want the fallback noted", p)
	}
	// Another host: detection as usual.
	r2, _ := ExtractWith([]byte(userPage), mustURL(t, "http://other.gov.cn/a/1.html"), Options{Profiles: ps})
	if r2.Profile == "mouxian" {
		t.Errorf("profile applied to a host it does not name")
	}
	// Forced by name.
	r3, _ := ExtractWith([]byte(userPage), mustURL(t, "http://other.gov.cn/a/1.html"), Options{Profiles: ps, Profile: "mouxian"})
	if r3.Profile != "mouxian" {
		t.Errorf("forced profile = %q", r3.Profile)
	}
	if _, err := ExtractWith([]byte(userPage), nil, Options{Profile: "nosuch"}); err == nil {
		t.Errorf("unknown forced profile: no error")
	}
}

// A user profile for a Discuz host beats detection; its empty-match body
// selector falls back to the built-in rule.
func TestUserProfileOverridesDetection(t *testing.T) {
	src := readFixture(t, "discuz/default.html")
	u := mustURL(t, "http://www.qhwmw.gov.cn/article-56-1.html")
	ps, err := CompileProfiles([]ProfileSpec{{Name: "qh", Hosts: []string{"*.qhwmw.gov.cn"}, Title: "div#pt .z", Body: "div.nosuch"}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := ExtractWith(src, u, Options{Profiles: ps})
	if err != nil {
		t.Fatal(err)
	}
	if r.Profile != "qh" || !strings.Contains(r.Title, "清河文明网") {
		t.Errorf("profile %q title %q: user selector not used", r.Profile, r.Title)
	}
	if !strings.Contains(r.Body, "表彰大会") {
		t.Errorf("body fell back to nothing: %q", r.Body)
	}
	if p := r.Provenance["body"]; !strings.Contains(p, "div.nosuch matched nothing; fell back to discuz: td#article_content") {
		t.Errorf("body provenance = %q", p)
	}
}

func TestCompileProfilesErrors(t *testing.T) {
	tests := []struct {
		spec  ProfileSpec
		field string
		msg   string
	}{
		{ProfileSpec{Name: "ngwm", Body: "td#article_content["}, "body", `profile "ngwm": body: bad selector "td#article_content[": `},
		{ProfileSpec{Name: "a", Time: "span:nth-child(x"}, "time", `profile "a": time: bad selector`},
		{ProfileSpec{Name: "b", URLPattern: "(["}, "url_pattern", `profile "b": url_pattern: bad regexp`},
		{ProfileSpec{Name: "c", Hosts: []string{"http://x.cn/"}}, "hosts", `profile "c": hosts: bad host`},
		{ProfileSpec{Name: "d", DateLayout: "yyyy-mm-dd"}, "date_layout", `profile "d": date_layout: bad Go time layout`},
		{ProfileSpec{Name: ""}, "name", `profile "": name: a profile needs a name`},
	}
	for _, tc := range tests {
		_, err := CompileProfiles([]ProfileSpec{{Name: "ok", Title: "h1"}, tc.spec})
		var pe *ProfileError
		if !errors.As(err, &pe) {
			t.Fatalf("%+v: error %v is not a *ProfileError", tc.spec, err)
		}
		if pe.Index != 1 || pe.Field != tc.field || !strings.HasPrefix(err.Error(), tc.msg) {
			t.Errorf("%+v: got index %d field %q error %q", tc.spec, pe.Index, pe.Field, err)
		}
	}
	if _, err := CompileProfiles([]ProfileSpec{{Name: "x"}, {Name: "x"}}); err == nil {
		t.Errorf("duplicate name accepted")
	}
}

func TestBuiltinProfiles(t *testing.T) {
	got := BuiltinProfiles()
	want := []string{"discuz", "trs", "empirecms", "dedecms", "phpcms", "vsb", "hanweb", "jeecms", "generic"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("BuiltinProfiles() = %v", got)
	}
}

const discuzPaged = `<html><head><title>长文章 - 文明创建 - 南宫文明网 - Powered by Discuz!</title>
<base href="http://www.ngwm.gov.cn/" /></head><body>
<h1 class="ph">长文章</h1><p class="xg1">发布时间:2023-3-22 20:29  浏览数: 1017</p>
<table class="vwtb"><tr><td id="article_content"><p>第一页的正文，讲述了南宫市开展文明创建活动的情况，内容很长。</p>
<p><img src="data/attachment/portal/202303/a.jpg" alt="活动现场"></p>
<div class="pg"><strong>1</strong><a href="portal.php?mod=view&amp;aid=88&amp;page=2">2</a><a href="portal.php?mod=view&amp;aid=88&amp;page=3">3</a>
<a href="portal.php?mod=view&amp;aid=88&amp;page=2" class="nxt">下一页</a></div></td></tr></table></body></html>`

func TestDiscuzPages(t *testing.T) {
	u1 := mustURL(t, "http://www.ngwm.gov.cn/portal.php?mod=view&aid=88")
	r1, err := Extract([]byte(discuzPaged), u1)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"http://www.ngwm.gov.cn/portal.php?mod=view&aid=88&page=2",
		"http://www.ngwm.gov.cn/portal.php?mod=view&aid=88&page=3",
	}
	if !reflect.DeepEqual(r1.NextPages, want) || r1.Continuation {
		t.Errorf("page 1: NextPages %v Continuation %v", r1.NextPages, r1.Continuation)
	}
	if !reflect.DeepEqual(r1.Images, []string{"http://www.ngwm.gov.cn/data/attachment/portal/202303/a.jpg"}) {
		t.Errorf("images = %v", r1.Images)
	}
	page2 := strings.Replace(discuzPaged, "第一页的正文", "第二页的正文", 1)
	page2 = strings.Replace(page2, "a.jpg", "b.jpg", 1)
	r2, _ := Extract([]byte(page2), mustURL(t, "http://www.ngwm.gov.cn/portal.php?mod=view&aid=88&page=2"))
	if !r2.Continuation || r2.FirstPage != "http://www.ngwm.gov.cn/portal.php?mod=view&aid=88" || r2.IsArticle {
		t.Errorf("page 2: Continuation %v FirstPage %q IsArticle %v", r2.Continuation, r2.FirstPage, r2.IsArticle)
	}
	j := JoinPages(r1, r2)
	if !strings.Contains(j.Body, "第一页的正文") || !strings.Contains(j.Body, "第二页的正文") ||
		strings.Index(j.Body, "第一页") > strings.Index(j.Body, "第二页") {
		t.Errorf("joined body = %q", j.Body)
	}
	if len(j.Images) != 2 || !strings.HasSuffix(j.Images[1], "b.jpg") || len(r1.Images) != 1 {
		t.Errorf("joined images = %v (page 1 keeps %v)", j.Images, r1.Images)
	}
	if !strings.Contains(j.BodyHTML, "第二页") {
		t.Errorf("joined BodyHTML = %q", j.BodyHTML)
	}
	// The rewritten form.
	r3, _ := Extract([]byte(strings.ReplaceAll(discuzPaged, "portal.php?mod=view&amp;aid=88&amp;page=", "article-88-")), mustURL(t, "http://www.ngwm.gov.cn/article-88-1.html"))
	if len(r3.NextPages) != 0 {
		// hrefs "article-88-2" lack .html: not pager links.
		t.Logf("rewritten NextPages %v", r3.NextPages)
	}
	r4, _ := Extract([]byte(discuzPaged), mustURL(t, "http://www.ngwm.gov.cn/article-88-2.html"))
	if !r4.Continuation || r4.FirstPage != "http://www.ngwm.gov.cn/article-88-1.html" {
		t.Errorf("article-88-2: Continuation %v FirstPage %q", r4.Continuation, r4.FirstPage)
	}
}

func TestTRSPages(t *testing.T) {
	src := string(readFixture(t, "trs/article.html"))
	paged := strings.Replace(src, "</body>", `<script>createPageHTML(3, 0, "t20230322_6123456", "shtml");</script></body>`, 1)
	r, err := Extract([]byte(paged), mustURL(t, "http://www.wenming.cn/a/yw/202303/t20230322_6123456.shtml"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"http://www.wenming.cn/a/yw/202303/t20230322_6123456_1.shtml",
		"http://www.wenming.cn/a/yw/202303/t20230322_6123456_2.shtml",
	}
	if !reflect.DeepEqual(r.NextPages, want) {
		t.Errorf("NextPages = %v", r.NextPages)
	}
	if r.Provenance["title"] != "trs: #title_tex" || r.Provenance["body"] == "" {
		t.Errorf("provenance = %v", r.Provenance)
	}
	if len(r.Images) == 0 || r.Images[0] != "http://www.wenming.cn/a/yw/202303/W020230322512345678901.jpg" {
		t.Errorf("images = %v", r.Images)
	}
	r2, _ := Extract([]byte(paged), mustURL(t, "http://www.wenming.cn/a/yw/202303/t20230322_6123456_1.shtml"))
	if !r2.Continuation || r2.FirstPage != "http://www.wenming.cn/a/yw/202303/t20230322_6123456.shtml" || len(r2.NextPages) != 0 {
		t.Errorf("_1: Continuation %v FirstPage %q NextPages %v", r2.Continuation, r2.FirstPage, r2.NextPages)
	}
}

func TestBodyHTML(t *testing.T) {
	src := `<html><head><title>标题_某县文明网</title><base href="http://x.gov.cn/a/"></head><body>
<h1>标题</h1><div>发布时间：2023-03-22</div>
<div id="zoom" style="color:red" onclick="evil()"><style>.x{}</style><script>alert(1)</script>
<p class="MsoNormal" style="text-indent:2em"><span style="font-family:宋体">第一段，<b>加粗</b>文字，<a href="../b/1.html" target="_blank">链接</a>。</span></p>
<div>用div写的第二段，内容也很充实，标点符号齐全。</div>第三段只用br分隔。<br>第四段也是，句子完整。<br>
<p><img src="img/1.jpg" alt="图一" width="600"><img data-src="img/2.jpg" src="loading.gif"></p>
<table border="1"><tr><th>项目</th><td>数值</td></tr></table><a href="javascript:void(0)">打印</a></div></body></html>`
	r, err := Extract([]byte(src), mustURL(t, "http://x.gov.cn/a/t.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"style", "script", "onclick", "class=", "alert", "span", "javascript", "width"} {
		if strings.Contains(r.BodyHTML, bad) {
			t.Errorf("BodyHTML keeps %q: %s", bad, r.BodyHTML)
		}
	}
	for _, good := range []string{`<a href="http://x.gov.cn/b/1.html">链接</a>`, "<strong>加粗</strong>", `<img src="http://x.gov.cn/a/img/1.jpg" alt="图一">`,
		"<p>用div写的第二段", "第三段只用br分隔。<br>第四段", "<td>项目</td>"} {
		if !strings.Contains(r.BodyHTML, good) {
			t.Errorf("BodyHTML lacks %q: %s", good, r.BodyHTML)
		}
	}
	want := []string{"http://x.gov.cn/a/img/1.jpg", "http://x.gov.cn/a/img/2.jpg"}
	if !reflect.DeepEqual(r.Images, want) {
		t.Errorf("Images = %v", r.Images)
	}
	lines := strings.Split(r.Body, "\n")
	if len(lines) < 4 || lines[2] != "第三段只用br分隔。" || lines[3] != "第四段也是，句子完整。" {
		t.Errorf("br paragraphs: %q", lines)
	}
}

func TestBig5(t *testing.T) {
	page := `<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"><title>臺灣文化活動報導_文化網</title></head>
<body><h1>臺灣文化活動報導</h1><div>發布時間：２０２３年３月２２日</div><div id="zoom"><p>這是一篇繁體中文的文章，內容講述了臺灣的文化活動，參與者眾多，氣氛熱烈。</p>
<p>活動中，民眾參觀了傳統工藝展覽，體驗了書法與茶藝，現場掌聲不斷。</p></div></body></html>`
	raw, err := traditionalchinese.Big5.NewEncoder().Bytes([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	for _, ct := range []string{"", "text/html"} {
		dec, cs, err := Decode(raw, ct)
		if err != nil || cs.Charset != "big5" {
			t.Fatalf("Decode(%q) charset %q err %v", ct, cs.Charset, err)
		}
		r, err := Extract(dec, mustURL(t, "http://tw.example/a.html"))
		if err != nil {
			t.Fatal(err)
		}
		if r.Title != "臺灣文化活動報導" || !strings.Contains(r.Body, "繁體中文") || r.Published.Format("2006-01-02") != "2023-03-22" {
			t.Errorf("big5: title %q date %v body %q", r.Title, r.Published, r.Body)
		}
	}
	// Declared by the header only.
	body := strings.Replace(page, `<meta http-equiv="Content-Type" content="text/html; charset=big5">`, "", 1)
	raw, _ = traditionalchinese.Big5.NewEncoder().Bytes([]byte(body))
	if dec, cs, err := Decode(raw, "text/html; charset=Big5"); err != nil || cs.Charset != "big5" || !strings.Contains(string(dec), "繁體") {
		t.Errorf("big5 header: %q %v", cs.Charset, err)
	}
}

func TestTooLarge(t *testing.T) {
	big := make([]byte, MaxPageBytes+1)
	_, err := Extract(big, nil)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
}
