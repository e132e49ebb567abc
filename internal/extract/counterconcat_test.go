package extract

import (
	"net/url"
	"strings"
	"testing"
)

// TestCounterCompletedByScript checks the class of a view counter whose
// URL the page's script completes: the request's literal ends with a
// parameter's name and the script adds the value — a parameter of the
// function the request stands in, given by the page's call of it
// (EyouCMS's {eyou:arcclick}: tag_arcclick(201)), or a variable set to a
// literal. A term the page gives no value of (a cache buster) ends the
// URL, as before.
func TestCounterCompletedByScript(t *testing.T) {
	base, _ := url.Parse("http://www.example.gov.cn/gzdt/201.html")
	fill := `document.getElementById("eyou_arcclick_201_5f2c").innerHTML = ajax.responseText;`
	for _, tc := range []struct {
		name, raw, url string
	}{
		{"argument of the page's call", `浏览：<i id="eyou_arcclick_201_5f2c"></i><script type="text/javascript">function tag_arcclick(aid){var ajax = new XMLHttpRequest();` +
			`ajax.open("get", "/index.php?m=api&c=Ajax&a=arcclick&type=view&aids="+aid, true);ajax.send();ajax.onreadystatechange = function () {if (ajax.readyState==4) {` + fill + `}}}tag_arcclick(201);</script>`,
			"http://www.example.gov.cn/index.php?m=api&c=Ajax&a=arcclick&type=view&aids=201"},
		{"second argument, quoted, then a literal", `浏览：<i id="eyou_arcclick_201_5f2c"></i><script>function hits(root, aid){var ajax = new XMLHttpRequest();` +
			`ajax.open("get", root + "/api/hits.php?aid=" + aid + "&type=view", true);ajax.onload = function () {` + fill + `};ajax.send();} hits("", '201');</script>`,
			"http://www.example.gov.cn/api/hits.php?aid=201&type=view"},
		{"a variable set to a literal", `<script>var aid = 201;</script>浏览：<i id="eyou_arcclick_201_5f2c"></i><script>var ajax = new XMLHttpRequest();` +
			`ajax.open("get", "/api/hits.php?aid=" + aid, true);ajax.onload = function () {` + fill + `};ajax.send();</script>`,
			"http://www.example.gov.cn/api/hits.php?aid=201"},
		{"a cache buster after the value", `浏览：<i id="eyou_arcclick_201_5f2c"></i><script>function c(aid){var ajax = new XMLHttpRequest();` +
			`ajax.open("get", "/api/hits.php?aid=" + aid + "&r=" + Math.random(), true);ajax.onload = function () {` + fill + `};ajax.send();} c(201);</script>`,
			"http://www.example.gov.cn/api/hits.php?aid=201&r="},
	} {
		c := findCounter(indexRaw(tc.raw), base)
		if c == nil || c.Kind != KindLabelled || c.URL != tc.url {
			t.Errorf("%s: findCounter = %+v, want %s %s", tc.name, c, KindLabelled, tc.url)
		}
	}
}

// FuzzCompleteRef checks that completing a literal, on any page text
// after it, ends without a panic and only adds to the literal.
func FuzzCompleteRef(f *testing.F) {
	for _, s := range []string{`+aid, true);} f(201);`, `+ "x" + 'y' + 3 +`, `+"`, `+ f(`, `+a+b+c+d+e+f+g+h+i`, `function q(a){"u?x="+a} q('1')`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, after string) {
		raw := `<script>function f(aid){ x.open("get", "/hits.php?aid="` + after
		end := strings.Index(raw, `aid="`) + len(`aid="`)
		if got := completeRef(raw, 0, end, "/hits.php?aid="); !strings.HasPrefix(got, "/hits.php?aid=") {
			t.Errorf("completeRef = %q: not the literal and more", got)
		}
	})
}
