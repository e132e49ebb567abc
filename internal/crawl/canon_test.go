package crawl

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
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
		// Percent escapes in either case (ASP.NET's UrlEncode writes
		// lower case) are one URL; a lone % and other text keep theirs.
		{"http://a.cn/%e6%96%87%e6%98%8e/", "http://a.cn/%E6%96%87%E6%98%8E/"},
		{"http://a.cn/Search.aspx?kw=%e5%bf%97%e6%84%bf&Page=2", "http://a.cn/Search.aspx?kw=%E5%BF%97%E6%84%BF&Page=2"},
		{"http://a.cn/s.aspx?kw=%E5%bf%97", "http://a.cn/s.aspx?kw=%E5%BF%97"},
		{"http://a.cn/s.aspx?q=50%25off&r=%zz&ab=cd", "http://a.cn/s.aspx?ab=cd&q=50%25off&r=%zz"},
		// Session ids, in the query and in the path.
		{"http://a.cn/list.php?sid=8f3a2c&catid=4", "http://a.cn/list.php?catid=4"},
		{"http://a.cn/a.php?PHPSESSID=abc&id=2", "http://a.cn/a.php?id=2"},
		{"http://a.cn/show.jsp;jsessionid=1A2B3C4D?id=7", "http://a.cn/show.jsp?id=7"},
		{"http://a.cn/forum.php?s=0123456789abcdef0123456789abcdef&t=3", "http://a.cn/forum.php?t=3"},
		{"http://a.cn/search.php?s=文明", "http://a.cn/search.php?s=文明"},
		{"http://a.cn/(S(abcdefghij0123456789))/page.aspx", "http://a.cn/page.aspx"},
		{"http://a.cn/(X(1)S(lit3py55t21z5v55vlm25s55))/News/Show.aspx?id=5", "http://a.cn/News/Show.aspx?id=5"},
		{"http://a.cn/(A(Zx-8_aQbAQAAAGE2NjY0NzIt)S(lit3py55t21z5v55vlm25s55)F(2C8E))/x.aspx", "http://a.cn/x.aspx"},
		{"http://a.cn/(1)/page.aspx", "http://a.cn/(1)/page.aspx"},
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
		{"http://a.cn/category/news/", "http://a.cn/category/news/page/2/", true}, // WordPress
		{"http://a.cn/category/news/page/2/", "http://a.cn/category/news/page/3/", true},
		{"http://a.cn/category/news/", "http://a.cn/category/notice/page/2/", false},
		{"http://a.cn/category/news/", "http://a.cn/2024/05/16/news-2/", false},
		{"http://a.cn/list-5-1.html", "http://a.cn/list-5-2.html", true},
		{"http://a.cn/list.asp?id=3", "http://a.cn/list.asp?id=3&pageNo=2", true},
		{"http://a.cn/list.asp?id=3", "http://a.cn/list.asp?id=3&pn=4", true},
		{"http://a.cn/list.asp?id=3", "http://a.cn/list.asp?id=4&pn=4", false},
		{"http://a.cn/list.asp?id=3", "http://a.cn/list.asp?id=3&page=last", false},
		{"http://a.cn/zyfw/", "http://a.cn/zyfw/list_2.html", true}, // the directory is page 1
		{"http://a.cn/zyfw/", "http://a.cn/zyfw/2.html", true},
		{"http://a.cn/zyfw/", "http://a.cn/zyfw/sub/list_2.html", false},
		{"http://a.cn/zyfw/?id=3", "http://a.cn/zyfw/list_2.html", false},
		{"http://a.cn/zyfw/", "http://a.cn/zyfw/list_2.html?t=1", false},
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
// TestCanonicalAlready checks the shortcut of canonicalParts for URLs
// canonical already against parsing them: it takes only URLs that
// canonicalParse gives back unchanged, and reads them as url.Parse does.
func TestCanonicalAlready(t *testing.T) {
	for _, c := range []struct {
		raw     string
		already bool
	}{
		{"http://www.wenming.cn/a/yw/", true},
		{"https://hb.wenming.cn/xwzx/202301/t20230105_123.shtml", true},
		{"http://a.cn/a:b@c$d&e+f,g=h~_-.x", true},
		{"http://a.cn/", true},
		{"http://a.cn/x/index.jsp", true},
		{"http://a.cn", false},                   // no path: "/" is added
		{"http://A.cn/x", false},                 // host lower-cased
		{"HTTP://a.cn/x", false},                 // scheme lower-cased
		{"ftp://a.cn/x", false},                  // not http(s)
		{"http://a.cn./x", false},                // the host's final dot dropped
		{"http://a.cn:80/x", false},              // default port dropped
		{"http://a.cn:8080/x", false},            // a port: parsed
		{"http://user@a.cn/x", false},            // user info dropped
		{"http://a.cn/x#top", false},             // fragment dropped
		{"http://a.cn/x?b=2&a=1", false},         // query sorted
		{"http://a.cn/x?", false},                // empty query dropped
		{"http://a.cn/x;jsessionid=1A2B", false}, // session dropped
		{"http://a.cn/x;v=1", false},             // path parameters: parsed
		{"http://a.cn/x/./y", false},             // dot segments
		{"http://a.cn/x/../y", false},            // dot segments
		{"http://a.cn/x/..", false},              // dot segments
		{"http://a.cn/x/.", false},               // dot segments
		{"http://a.cn/x/Index.HTML", false},      // directory index
		{"http://a.cn/default.htm", false},       // directory index
		{"http://a.cn/article-34-2.html", false}, // a CMS alias (Discuz! X)
		{"http://a.cn//x", false},                // empty first segment
		{"http://a.cn/%E6%96%87", false},         // escapes
		{"http://a.cn/a b", false},               // a space
		{" http://a.cn/x", false},                // spaces trimmed
		{"http://a_b.cn/x", false},               // not a simple host
		{"http://[::1]/x", false},                // IPv6
	} {
		u, ok := canonicalAlready(c.raw)
		if ok != c.already {
			t.Errorf("canonicalAlready(%q) = %v, want %v", c.raw, ok, c.already)
			continue
		}
		if !ok {
			continue
		}
		s, pu, err := canonicalParse(c.raw)
		if err != nil || s != c.raw {
			t.Errorf("%q: canonicalParse gives %q (%v), not the URL itself", c.raw, s, err)
			continue
		}
		p, err := url.Parse(c.raw)
		if err != nil || *p != *u || pu == nil || *pu != *u {
			t.Errorf("%q: canonicalAlready reads %#v; url.Parse %#v (%v), canonicalParse %#v", c.raw, *u, p, err, pu)
		}
	}
}

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

// TestKnownListStopsPaging crawls, as a later crawl, a column paged in the
// forms of CMSs no rule knows (WordPress's /page/N/, list-N.html,
// ?pageNo=N) whose first page lists only archived articles: the crawl
// reads each first page and stops there, as it does for TRS and DedeCMS
// lists, instead of paging every column to its end every night.
func TestKnownListStopsPaging(t *testing.T) {
	const pages = 8
	for _, form := range []struct{ name, first, nth string }{
		{"/page/N/", "/category/news/", "/category/news/page/%d/"},
		{"list-N.html", "/news/list-1.html", "/news/list-%d.html"},
		{"?pageNo=N", "/list.asp?id=3", "/list.asp?id=3&pageNo=%d"},
	} {
		t.Run(form.name, func(t *testing.T) {
			srv, hits := pageWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
				if r.Host != "top.wenming.test" || r.URL.Path == "/robots.txt" || r.URL.Path == "/sitemap.xml" {
					http.NotFound(w, r)
					return
				}
				n := 0
				switch uri := r.URL.RequestURI(); {
				case uri == "/":
					page("顶层文明网", `<a href="`+form.first+`">工作动态</a>`)
					return
				case uri == form.first:
					n = 1
				default:
					for i := 2; i <= pages; i++ {
						if uri == fmt.Sprintf(form.nth, i) {
							n = i
						}
					}
				}
				if n == 0 {
					page("文章", numberedArticle(r.URL.Path))
					return
				}
				var b strings.Builder
				for i := range 10 {
					fmt.Fprintf(&b, `<li><a href="/a/%d.html">文章%d</a></li>`, n*10+i, n*10+i)
				}
				if n < pages {
					fmt.Fprintf(&b, `<a href="`+form.nth+`">%d</a> <a href="`+form.nth+`">下一页</a>`, n+1, n+1, n+1)
				}
				page("工作动态", b.String())
			})
			known := func(u string) (Known, bool) { // every article archived a week ago
				return Known{Published: time.Now().AddDate(-1, 0, 0), FetchedAt: time.Now().AddDate(0, 0, -7)}, strings.Contains(u, "/a/")
			}
			_, sum := runTestCrawl(t, srv.URL, Options{Workers: 2, Known: known, Overlap: 3, PassStart: time.Now()}, nopSink)
			lists := 0
			for k := range hits.hits {
				if strings.Contains(k, "page") || strings.Contains(k, "list") || strings.Contains(k, "category") {
					lists++
				}
			}
			if lists != 1 || sum.PagingStopped != 1 {
				t.Errorf("%d list pages fetched, paging stopped %d times; want the first page only (requests %v)", lists, sum.PagingStopped, hits.hits)
			}
		})
	}
}

// TestLoadMorePager checks which links are a 加载更多 button's next page
// of the list: a short text saying it loads, a URL on the page's host
// with a page number (the fragment's own URL, not the list's).
func TestLoadMorePager(t *testing.T) {
	tests := []struct {
		text, page, link string
		want             bool
	}{
		{"加载更多", "http://a.cn/ddmf/", "http://a.cn/ddmf/more.html?page=2", true},
		{" 点击加载更多 ", "http://a.cn/ddmf/index.html", "http://a.cn/api/list_2.html", true},
		{"加载更多", "http://a.cn/ddmf/", "http://a.cn/ddmf/more.html", false},   // no page number
		{"加载更多", "http://a.cn/ddmf/", "http://b.cn/ddmf/list_2.html", false}, // another host
		{"更多", "http://a.cn/", "http://a.cn/ddmf/list_2.html", false},        // a column's "more"
		{"我县举办网页加载速度优化培训班", "http://a.cn/ddmf/", "http://a.cn/ddmf/2024_3.html", false},
	}
	for _, tt := range tests {
		p, _ := url.Parse(tt.page)
		l, _ := url.Parse(tt.link)
		if got := loadMoreText(strings.TrimSpace(tt.text)) && loadsMore(p, l); got != tt.want {
			t.Errorf("%q %s on %s: load-more pager %v, want %v", tt.text, tt.link, tt.page, got, tt.want)
		}
	}
}

// TestNotPage: a link is a file, never a page, when its path ends in a
// file's extension or a query value does (a download script naming the
// file it sends).
func TestNotPage(t *testing.T) {
	for _, tt := range []struct {
		link string
		file bool
	}{
		{"http://x.cn/upload/2024/fj1.pdf", true},
		{"http://x.cn/UPLOAD/FJ1.DOC", true},
		{"http://x.cn/module/download/downfile.jsp?classid=0&filename=240512_2.doc", true},
		{"http://x.cn/download.php?file=%E9%99%84%E4%BB%B6.xls&id=3", true},
		{"http://x.cn/art/2024/5/12/art_1229_1.html", false},
		{"http://x.cn/art/2024/5/12/art_1229_1.html?xxgkhide=1", false},
		{"http://x.cn/jrobot/search.do?q=a.b&webid=1", false},
		{"http://x.cn/view.jsp?id=12.5", false},
		{"http://x.cn/go.jsp?url=http://x.cn/a.html", false},
		{"http://x.cn/e/public/GotoSite/?lid=3&url=http%3A%2F%2Fwww.y.cn%2F", true},
		{"http://x.cn/go.php?url=https://www.y.cn/", true},
		{"http://x.cn/go.php?url=HTTP%3A%2F%2Fwww.y.cn%2F", true},
		{"http://x.cn/module/web/jpage/dataproxy.jsp?startrecord=11&endrecord=20", false},
	} {
		u, err := url.Parse(tt.link)
		if err != nil {
			t.Fatal(err)
		}
		if got := notPage(u); got != tt.file {
			t.Errorf("notPage(%s) = %v, want %v", tt.link, got, tt.file)
		}
	}
}

func TestErrorPage(t *testing.T) {
	for _, tt := range []struct {
		url  string
		want bool
	}{
		{"http://a.cn/Error.aspx?aspxerrorpath=/News/Show.aspx", true},
		{"http://a.cn/Common/Oops.aspx?AspxErrorPath=/x.aspx", true},
		{"http://a.cn/404.html", true},
		{"http://a.cn/error/404/", true},
		{"http://a.cn/NotFound.htm", true},
		{"http://a.cn/error.asp", true},
		{"http://a.cn/", false},
		{"http://a.cn/news/404-ways-to-save-water.html", false},
		{"http://a.cn/login.aspx?ReturnUrl=%2fadmin%2f", false},
		{"http://a.cn/news/show.aspx?id=404", false},
		{"http://a.cn/errors/list.html", false},
	} {
		u, _ := url.Parse(tt.url)
		if got := errorPage(u); got != tt.want {
			t.Errorf("errorPage(%s) = %v, want %v", tt.url, got, tt.want)
		}
	}
}
