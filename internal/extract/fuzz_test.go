package extract

import (
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/wenming-archive/wenming/internal/proctest"
)

// Seeds live in testdata/fuzz/Fuzz*/; f.Add adds a few more.

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"发布时间：2023-03-22 20:29", "成文日期：2023-03-01", "7/5/2005 9:23:57 PM", "２０２３年３月２２日", "3小时前", "发布日期：二〇二四年三月十八日"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, pr, ok := ParseDate(s)
		if ok != !tm.IsZero() || ok != (pr != "") {
			t.Fatalf("ParseDate(%q) = %v %q %v: inconsistent", s, tm, pr, ok)
		}
		if ok && (tm.Year() < 1970 || tm.Year() > 2100) {
			t.Fatalf("ParseDate(%q) = %v: year out of range", s, tm)
		}
		if _, _, _, found := findDate(fold(s)); found != ok {
			t.Fatalf("ParseDate(%q) = %v, findDate finds %v: the digit test dropped a date", s, ok, found)
		}
	})
}

func FuzzParseCount(f *testing.F) {
	for _, s := range []string{"1017", "1.2万", "１０１７次", "1,234,567", "9999999999999999999亿"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := ParseCount(s)
		if ok && n < 0 {
			t.Fatalf("ParseCount(%q) = %d < 0", s, n)
		}
		if _, ok := findViews(fold(s)); ok && !utf8.ValidString(s) {
			_ = ok // labels in invalid UTF-8 are fine; no panic is the point
		}
	})
}

func FuzzExtract(f *testing.F) {
	f.Add([]byte(`<html><title>标题_网</title><body><h1>标题</h1><div>发布时间：2023-3-22</div><div id="zoom"><p>正文，内容。</p></div></body></html>`))
	f.Fuzz(func(t *testing.T, page []byte) {
		u, _ := url.Parse("http://www.example.gov.cn/a/202303/t20230322_1.shtml")
		start := time.Now()
		dec, _, err := Decode(page, "")
		if err != nil {
			return
		}
		r, err := Extract(dec, u)
		if err != nil {
			return
		}
		if r.Views != nil && *r.Views < 0 {
			t.Fatalf("negative views")
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("extract took %v on %d bytes", d, len(page))
		}
		JoinPages(r, r)
	})
}

// TestPathological feeds pages built to defeat naive code: a 10 MB page
// is refused, and pages with deep nesting, a huge text node, many links,
// many nested chrome blocks and many repeated posts take work that grows
// about as their bytes, from 128 KiB to 2 MiB.
func TestPathological(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	u, _ := url.Parse("http://www.example.gov.cn/a/1.html")
	ten := []byte("<html><body>" + strings.Repeat("<div>文", 10<<20/8) + "</body></html>")
	if _, err := Extract(ten, u); err == nil {
		t.Fatalf("10 MB page accepted")
	}
	const limit = 2 << 20
	fill := func(unit string) func(n int) []byte {
		return func(n int) []byte {
			var b strings.Builder
			b.WriteString("<html><head><title>")
			b.WriteString(strings.Repeat("标题", 1000))
			b.WriteString("</title></head><body>")
			for b.Len()+len(unit)+20 < n {
				b.WriteString(unit)
			}
			b.WriteString("</body></html>")
			return []byte(b.String())
		}
	}
	cases := map[string]func(n int) []byte{
		"deep divs":      fill(`<div class="nav side">`),
		"deep fonts":     fill(`<font><b>文，`),
		"huge text node": fill("一二三四五，六七八九十。"),
		"many links":     fill(`<a href="/x">链接，</a>`),
		"many posts":     fill(`<div class="post"><p>2023-03-22 发表，内容内容内容内容内容内容内容内容内容内容内容内容内容内容内容，内容内容。</p></div>`),
		"many dates":     fill(`发布时间：2023-03-22 来源：作者：编辑： `),
		"many tables":    fill(`<table><tr><td>格，`),
		"many h1":        fill(`<h1>标题标题</h1><strong>标</strong>`),
		"pager":          fill(`<div class="pg"><a href="portal.php?mod=view&aid=1&page=99999">2</a><span title="共 99999 页">`),
	}
	for name, input := range cases {
		// 16× the bytes, to the largest page taken: linear work takes
		// about 16× the time (more with a loaded machine's caches),
		// quadratic 256×.
		var err error
		g := proctest.Growth(limit/16, 16, 3, input, func(page []byte) { _, err = Extract(page, u) })
		t.Logf("%s: %.1f× the work for 16× the bytes (to %d; err %v)", name, g, limit, err)
		if g > 96 {
			t.Errorf("%s: 16× the bytes (to %d) took %.1f× the work", name, limit, g)
		}
	}
}
