package extract

import (
	"net/url"
	"strings"
	"testing"
)

// TestCounterCalledFunction checks the class of a view count loaded by a
// call of the page's own function standing right after the count's place
// (浏览:<span id="spn12"></span><script>LoadViewCount(12)</script>, old
// Z-Blog templates): the function, declared in an inline script, builds
// the counter's URL from its parameters and a global the page sets
// elsewhere, and the counter is that URL completed with the call's
// arguments and the global's value — whatever the names, and for a
// request made as a script, a written <script src> or an ajax call. A
// function the page does not declare, a global it does not set, or a call
// away from the count gives no counter.
func TestCounterCalledFunction(t *testing.T) {
	src, _, err := Decode(readFixture(t, "classes/called_counter.html"), "")
	if err != nil {
		t.Fatal(err)
	}
	r, err := Extract(src, mustURL(t, "http://www.hxwm.example.cn/post/12.html"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "http://www.hxwm.example.cn/zb_system/cmd.asp?act=count&id=12&key=spn12"; r.Counter == nil || r.Counter.URL != want || r.Counter.Kind != KindLabelled {
		t.Errorf("called_counter.html: counter %+v, want %s %s", r.Counter, KindLabelled, want)
	}
	if want := "城关镇开展“文明家庭”评选表彰活动"; r.Title != want {
		t.Errorf("called_counter.html: title %q, want %q", r.Title, want)
	}
	for _, w := range []string{"5月11日，城关镇在镇文化广场举行", "见贤思齐的浓厚氛围。"} {
		if !strings.Contains(r.Body, w) {
			t.Errorf("called_counter.html: body lacks %q:\n%s", w, r.Body)
		}
	}

	base, _ := url.Parse("http://www.example.cn/post/12.html")
	global := `<script>var host = "http://www.example.cn/";</script>`
	for _, tc := range []struct{ name, raw, url string }{
		{"getScript, other names", global + `<script>function viewsOf(aid){ $.getScript(host + "cmd.asp?act=count&id=" + aid); }</script>` +
			`阅读：<em id="v12"></em><script>viewsOf(12);</script>`, "http://www.example.cn/cmd.asp?act=count&id=12"},
		{"a written script src, after the label", global + `<script>function hits(n, key){ document.write('<script src="' + host + 'count.asp?id=' + n + '&key=' + key + '"></scr' + 'ipt>'); }</script>` +
			`浏览次数：<script type="text/javascript">hits("12", 'h12')</script>`, "http://www.example.cn/count.asp?id=12&key=h12"},
		{"ajax, declared after the call", `浏览:<span id="s12"></span><script>showViews(12)</script>` + global +
			`<script>var showViews = function(id){ $.ajax({url: host+"plugin/views.php?id="+id, dataType: "script"}); };</script>`, "http://www.example.cn/plugin/views.php?id=12"},
		{"a path of the site's root, no global", `浏览:<span id="s12"></span><script>showViews(12)</script>` +
			`<script>function showViews(id){ $.getScript("/views.php?id="+id); }</script>`, "http://www.example.cn/views.php?id=12"},
		{"a global the page does not set", `浏览:<span id="s12"></span><script>showViews(12)</script>` +
			`<script>function showViews(id){ $.getScript(siteRoot+"views.php?id="+id); }</script>`, ""},
		{"a function of a site script", `<script src="/js/site.js"></script>浏览:<span id="s12"></span><script>showViews(12)</script>`, ""},
		{"a call away from the count", global + `<script>function viewsOf(aid){ $.getScript(host + "cmd.asp?act=count&id=" + aid); }</script>` +
			`浏览:<span id="v12"></span> 评论:0 <p>正文</p><script>viewsOf(12);</script>`, ""},
		{"a count shown: the call is another's", global + `<script>function share(id){ $.getScript(host + "share.asp?id=" + id); }</script>` +
			`浏览:<span id="v12">1017</span><script>share(12);</script>`, ""},
	} {
		checkCounterFound(t, tc.name, findCounter(indexRaw(tc.raw), base), tc.url)
	}
}

// FuzzCompleteConcat checks that completing a literal with the terms on
// both sides, on any script text around it, ends without a panic and
// keeps the literal.
func FuzzCompleteConcat(f *testing.F) {
	for _, s := range [][2]string{{`$.getScript(bloghost+`, `+id+"&key=spn"+id)`}, {`'<script src="' + h + `, `+ n`}, {`a.b+`, ``}, {`++`, `+`}, {`"+'+`, `+"`}, {`x+ +`, ``}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, before, after string) {
		raw := `<script>var bloghost="http://x/";function f(id){` + before + `"/hits.php?aid="` + after
		start := len(raw) - len(after) - len(`"/hits.php?aid="`)
		ref, _ := completeConcat(raw, 0, start, start+len(`"/hits.php?aid="`), "/hits.php?aid=", map[string]string{"id": "12"})
		if !strings.Contains(ref, "/hits.php?aid=") {
			t.Errorf("completeConcat = %q: the literal lost", ref)
		}
	})
}

// FuzzCalledCounter checks that following a call at a count's place, on
// any page text around it, ends without a panic.
func FuzzCalledCounter(f *testing.F) {
	for _, s := range []string{`<script>function F(id){ $.getScript(h+"c.asp?id="+id) }</script>`, `<script>var F = function(`, `<script>function F(a,b){"x.php?"+b}`, `</script>`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, page string) {
		raw := `<script>var h="/";</script>浏览:<span id="s"></span><script>F(12, "a")</script>` + page
		calledCounter(indexRaw(raw))
	})
}

// checkCounterFound fails the test when c, the counter found for the
// case named name, is not the one at want — or, want empty, is any.
func checkCounterFound(t *testing.T, name string, c *Counter, want string) {
	t.Helper()
	switch {
	case want == "" && c != nil:
		t.Errorf("%s: counter %s, want none", name, c.URL)
	case want != "" && (c == nil || c.URL != want):
		t.Errorf("%s: counter %+v, want %s", name, c, want)
	}
}
