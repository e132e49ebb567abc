package extract

import (
	"strings"
	"testing"
)

func TestParseDateMore(t *testing.T) {
	tests := map[string]string{ // "" = no date
		"9/17/2004 5:54:13 AM":     "2004-09-17 05:54",
		"7/5/2005 9:23:57 PM":      "2005-07-05 21:23",
		"12/1/2005":                "2005-12-01 00:00",
		"25/12/2005":               "2005-12-25 00:00",
		"2023年03月22日":              "2023-03-22 00:00",
		"发布时间：2023-03-22 20:29:59": "2023-03-22 20:29",
		"时间：２０２３/０３/２２":            "2023-03-22 00:00",
		"05-03-22":                 "",
		"05/03/22":                 "",
		"刚刚":                       "",
		"5分钟前":                     "",
		"2天前":                      "",
		"有效期至2023-03-22":           "",
		"实施日期：2023-03-22":          "",
		"ICP备2023032201号":          "",
	}
	for in, want := range tests {
		if got := minuteOf(ParseDate(in)); got != want {
			t.Errorf("ParseDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLabeledDateMore(t *testing.T) {
	tests := map[string]string{
		"本贴由大卫于2005年8月12日16:12:21在〖心灵体操〗发表.": "2005-08-12 16:12",
		"日期：2023年3月22日":         "2023-03-22 00:00",
		"发布日期: 2023-3-22":       "2023-03-22 00:00",
		"更新时间：2023-03-22 08:00": "2023-03-22 08:00",
		"成文日期：2023-03-01":       "",
		"会议时间：2023-03-01":       "",
		"发布于：北京市 2023-03-01":    "",
	}
	for in, want := range tests {
		if got := minuteOf(labeledDate(fold(in))); got != want {
			t.Errorf("labeledDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCountLabels(t *testing.T) {
	for _, label := range []string{"浏览数", "浏览次数", "浏览量", "阅读", "阅读量", "阅读数", "点击", "点击数", "点击量", "访问量", "查看"} {
		for _, form := range []string{"%s：1017", "%s:1017次", "%s（1017）", "%s: １０１７"} {
			in := strings.Replace(form, "%s", label, 1)
			v, _ := findViews(fold(in))
			if v == nil || *v != 1017 {
				t.Errorf("findViews(%q) = %v, want 1017", in, v)
			}
		}
		in := label + "：1.2万"
		if v, _ := findViews(fold(in)); v == nil || *v != 12000 {
			t.Errorf("findViews(%q) = %v, want 12000", in, v)
		}
		in = label + "："
		if v, found := findViews(fold(in)); v != nil || !found {
			t.Errorf("findViews(%q) = %v %v, want nil (unknown, not 0)", in, v, found)
		}
	}
}

// Page-level traps: the publish time is the info line's, never a sidebar,
// a related list, an image's alt text, a 成文日期 or a place after 发布于.
func TestDateTrapsOnPage(t *testing.T) {
	page := func(info string) string {
		return `<html><head><title>文明实践活动走进社区_某县文明网</title></head><body>
<div class="sidebar"><h3>最新文章</h3><ul><li><a href="/1.html">旧闻一</a> 2019-01-01</li><li><a href="/2.html">旧闻二</a> 2019-01-02</li></ul></div>
<h1>文明实践活动走进社区</h1><div class="info">` + info + `</div>
<div id="zoom"><p><img src="a.jpg" alt="2018-05-05 资料图"></p><p>近日，县新时代文明实践中心组织志愿者走进社区，开展政策宣讲、义诊、理发等志愿服务，受到居民欢迎。</p>
<p>活动现场，志愿者们耐心为居民讲解，发放宣传资料三百余份。</p></div>
<div class="related"><h3>相关文章</h3><ul><li><a href="/3.html">相关一</a> (2020-02-02)</li></ul></div></body></html>`
	}
	tests := []struct{ info, want, prec string }{
		{"发布时间：2023-03-22 20:29 来源：县文明办", "2023-03-22 20:29", "minute"},
		{"成文日期：2023-03-01 发布日期：2023-03-05", "2023-03-05 00:00", "day"},
		{"发布于：北京市 发表时间:2023-3-22", "2023-03-22 00:00", "day"},
		{"2023年03月22日 20:29 阅读：1.2万", "2023-03-22 20:29", "minute"},
		{"来源：县文明办", "", ""},
	}
	for _, tc := range tests {
		r, err := Extract([]byte(page(tc.info)), mustURL(t, "http://www.x.gov.cn/news/123.html"))
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if !r.Published.IsZero() {
			got = r.Published.Format("2006-01-02 15:04")
		}
		if tc.want == "" {
			// No date on the info line: a sidebar/related/alt date may fill
			// Published as loose evidence, but the page is no article on it.
			if got == "2018-05-05 00:00" {
				t.Errorf("%q: took the alt text date", tc.info)
			}
			continue
		}
		if got != tc.want || string(r.Precision) != tc.prec {
			t.Errorf("%q: published %q %s, want %q %s (provenance %q)", tc.info, got, r.Precision, tc.want, tc.prec, r.Provenance["published"])
		}
	}
}
