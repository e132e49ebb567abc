package crawl

import (
	"net/url"
	"testing"
)

func TestCanonicalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"http://WWW.Wenming.CN/a/yw/", "http://www.wenming.cn/a/yw/"},
		{"http://www.wenming.cn", "http://www.wenming.cn/"},
		{"http://www.wenming.cn:80/a/yw/index.shtml", "http://www.wenming.cn/a/yw/"},
		{"http://www.wenming.cn/a/yw/202303/t20230322_6123456.shtml#comment", "http://www.wenming.cn/a/yw/202303/t20230322_6123456.shtml"},
		{"http://www.wenming.cn/a/yw/202303/t20230322_6123456.shtml?from=timeline&isappinstalled=0", "http://www.wenming.cn/a/yw/202303/t20230322_6123456.shtml"},
		{"http://hb.wenming.cn/x/t1.html?utm_source=wechat&utm_medium=share", "http://hb.wenming.cn/x/t1.html"},
		{"http://www.ngwm.gov.cn/portal.php?mod=view&aid=12", "http://www.ngwm.gov.cn/portal.php?aid=12&mod=view"},
		{"http://www.ngwm.gov.cn/portal.php?aid=12&mod=view", "http://www.ngwm.gov.cn/portal.php?aid=12&mod=view"},
		{"http://www.ngwm.gov.cn/portal.php?mod=view&aid=12&from=groupmessage#p2", "http://www.ngwm.gov.cn/portal.php?aid=12&mod=view"},
		{"http://www.wxwm.gov.cn/article-34-1.html", "http://www.wxwm.gov.cn/portal.php?aid=34&mod=view"},
		{"http://www.wxwm.gov.cn/article-34-2.html", "http://www.wxwm.gov.cn/portal.php?aid=34&mod=view&page=2"},
		{"http://www.ngwm.gov.cn/portal.php?mod=list&catid=3&page=1", "http://www.ngwm.gov.cn/portal.php?catid=3&mod=list"},
		{"http://www.ngwm.gov.cn/portal.php?mod=list&catid=3&page=2", "http://www.ngwm.gov.cn/portal.php?catid=3&mod=list&page=2"},
		{"http://a.cn/x/./y/../z.html", "http://a.cn/x/z.html"},
		{"http://127.0.0.1:8080/a", "http://127.0.0.1:8080/a"},
		{"https://a.cn:443/", "https://a.cn/"},
		{"http://a.cn/%E6%96%87%E6%98%8E/", "http://a.cn/%E6%96%87%E6%98%8E/"},
		// Session ids, in the query and in the path.
		{"http://a.cn/list.php?sid=8f3a2c&catid=4", "http://a.cn/list.php?catid=4"},
		{"http://a.cn/a.php?PHPSESSID=abc&id=2", "http://a.cn/a.php?id=2"},
		{"http://a.cn/show.jsp;jsessionid=1A2B3C4D?id=7", "http://a.cn/show.jsp?id=7"},
		{"http://a.cn/forum.php?s=0123456789abcdef0123456789abcdef&t=3", "http://a.cn/forum.php?t=3"},
		{"http://a.cn/search.php?s=文明", "http://a.cn/search.php?s=文明"},
		{"http://a.cn/(S(abcdefghij0123456789))/page.aspx", "http://a.cn/page.aspx"},
		// Parameter order, repeated keys kept in their order.
		{"http://a.cn/index.php?m=content&c=index&a=show&catid=3&id=9", "http://a.cn/index.php?a=show&c=index&catid=3&id=9&m=content"},
		{"http://a.cn/x?b=2&a=1&b=1", "http://a.cn/x?a=1&b=2&b=1"},
	}
	for _, tt := range tests {
		got, err := Canonicalize(tt.in)
		if err != nil {
			t.Errorf("Canonicalize(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Canonicalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
		again, _ := Canonicalize(got)
		if again != got {
			t.Errorf("not idempotent: %q → %q", got, again)
		}
	}
	for _, bad := range []string{"javascript:void(0)", "mailto:a@b.cn", "/relative", "http://"} {
		if _, err := Canonicalize(bad); err == nil {
			t.Errorf("Canonicalize(%q) accepted", bad)
		}
	}
}

func TestSamePagedList(t *testing.T) {
	tests := []struct {
		page, link string
		want       bool
	}{
		{"http://a.cn/a/yw/", "http://a.cn/a/yw/index_1.shtml", true},
		{"http://a.cn/a/yw/index_3.shtml", "http://a.cn/a/yw/index_4.shtml", true},
		{"http://a.cn/a/yw/", "http://a.cn/a/dfdt/index_1.shtml", false},
		{"http://a.cn/a/yw/", "http://a.cn/a/yw/202303/t20230322_6123456.shtml", false},
		{"http://a.cn/portal.php?mod=list&catid=3", "http://a.cn/portal.php?mod=list&catid=3&page=2", true},
		{"http://a.cn/portal.php?mod=list&catid=3", "http://a.cn/portal.php?mod=list&catid=4&page=2", false},
		{"http://a.cn/portal.php?mod=list&catid=3", "http://a.cn/portal.php?mod=view&aid=9", false},
		{"http://a.cn/news/qhyw/", "http://a.cn/news/qhyw/index_2.html", true},
		{"http://a.cn/a/news/", "http://a.cn/a/news/list_5_2.html", true}, // DedeCMS: the directory is page 1
		{"http://a.cn/a/", "http://a.cn/a/news/list_5_2.html", false},
		{"http://a.cn/a/news/list_5_2.html", "http://a.cn/a/news/list_5_3.html", true},
		{"http://a.cn/xwzx/zxdt.htm", "http://a.cn/xwzx/zxdt/2.htm", true},
		{"http://a.cn/xwzx/zxdt.htm", "http://a.cn/info/1023/4567.htm", false},
		{"http://a.cn/a/", "http://b.cn/a/index_1.shtml", false},
	}
	for _, tt := range tests {
		p, _ := url.Parse(tt.page)
		l, _ := url.Parse(tt.link)
		if got := samePagedList(p, l); got != tt.want {
			t.Errorf("samePagedList(%s, %s) = %v, want %v (keys %s | %s)", tt.page, tt.link, got, tt.want, pagedListKey(p), pagedListKey(l))
		}
	}
}

// TestPlainPathMatchesParse checks that a path plainPath accepts is one
// url.Parse reads as itself, with no RawPath, for every short path of the
// characters around its rules.
func TestPlainPathMatchesParse(t *testing.T) {
	chars := []byte("/aZ09-_.~$&+,:;=@%!*()' ?#\\\x7f\xe4[]")
	var paths []string
	var grow func(p string, n int)
	grow = func(p string, n int) {
		paths = append(paths, p)
		if n == 0 {
			return
		}
		for _, c := range chars {
			grow(p+string(c), n-1)
		}
	}
	grow("", 3)
	plain := 0
	for _, p := range paths {
		if !plainPath(p) {
			continue
		}
		plain++
		u, err := url.Parse(p)
		if err != nil || u.Path != p || u.RawPath != "" || u.Host != "" || u.Scheme != "" || u.RawQuery != "" || u.Fragment != "" {
			t.Errorf("plainPath(%q) but url.Parse gives %+v, %v", p, u, err)
		}
	}
	if plain == 0 {
		t.Error("no plain path")
	}
}

// TestCanonicalPartsAsParsed checks that the URL canonicalParts returns
// with the canonical string is what url.Parse makes of that string, field
// by field, and that it returns one for the plain URLs the crawl meets.
func TestCanonicalPartsAsParsed(t *testing.T) {
	for _, c := range []struct {
		raw    string
		parsed bool // a URL is returned, not left to the caller
	}{
		{"http://WWW.Wenming.CN/a/yw/", true},
		{"http://www.wenming.cn", true},
		{"http://www.wenming.cn:80/a/yw/index.shtml", true},
		{"http://www.wenming.cn/a/yw/t20230322_6123456.shtml?from=timeline&b=2&a=1#c", true},
		{"http://www.ngwm.gov.cn/portal.php?mod=view&aid=12", true},
		{"http://www.wxwm.gov.cn/article-34-2.html", true},
		{"http://a.cn/x/./y/../z.html", true},
		{"http://a.cn/show.jsp;jsessionid=1A2B3C4D?id=7", true},
		{"http://a.cn/search.php?s=文明&q=a%20b", true},
		{"http://a.cn/x?", true},
		{"http://a.cn/a:b@c$d&e+f,g;h=i", true},
		{"http://a.cn.", true},
		{"http://127.0.0.1:8080/a", false},
		{"http://[::1]:8080/a", false},
		{"http://a.cn/%E6%96%87%E6%98%8E/", false},
		{"http://a.cn/a b", false},
		{"http://a.cn//x/y", false},
		{"http://user:pw@a.cn/x", true},
		{"http://中文.cn/x", false},
		{"http://A_B.cn/x", false},
	} {
		s, u, err := canonicalParts(c.raw)
		want, werr := Canonicalize(c.raw)
		if err != nil || werr != nil || s != want {
			t.Errorf("canonicalParts(%q) = %q (%v); Canonicalize %q (%v)", c.raw, s, err, want, werr)
			continue
		}
		if (u != nil) != c.parsed {
			t.Errorf("canonicalParts(%q): URL returned %v, want %v", c.raw, u != nil, c.parsed)
		}
		if u == nil {
			continue
		}
		p, err := url.Parse(s)
		if err != nil {
			t.Errorf("%q: url.Parse of its canonical form %q: %v", c.raw, s, err)
			continue
		}
		if *u != *p {
			t.Errorf("canonicalParts(%q): URL %#v; url.Parse(%q) %#v", c.raw, *u, s, *p)
		}
	}
}
