package crawl

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestLegacyCharsetQueries crawls a classic ASP site in GBK whose column
// lists are named by their column in the query (NewsList.asp?BigClass=
// 工作动态): the server reads its queries in GBK, as browsers write them
// for its pages, and answers a column name it cannot read with an empty
// list. Every article is archived; before, the query went out in UTF-8
// and every list came back empty.
func TestLegacyCharsetQueries(t *testing.T) {
	gbk := simplifiedchinese.GBK
	columns := []string{"工作动态", "志愿服务"}
	const perColumn = 4
	var sink urlSink
	_, sum := crawlWeb(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if offHost(w, r, "top.wenming.test") {
			return
		}
		var b strings.Builder
		b.WriteString(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>某县文明网</title></head><body>`)
		var id int
		switch {
		case r.URL.Path == "/robots.txt":
			http.NotFound(w, r)
			return
		case r.URL.Path == "/":
			for _, c := range columns {
				fmt.Fprintf(&b, `<a href="NewsList.asp?BigClass=%s">%s</a> `, c, c)
			}
		case r.URL.Path == "/NewsList.asp":
			// The raw query, decoded as the ASP page's code page does.
			raw, err := url.QueryUnescape(strings.TrimPrefix(r.URL.RawQuery, "BigClass="))
			name, _ := gbk.NewDecoder().String(raw)
			col := -1
			for i, c := range columns {
				if err == nil && name == c {
					col = i
				}
			}
			if col < 0 {
				b.WriteString(`<div class="list">暂无信息</div>`)
				break
			}
			b.WriteString(`<ul class="list">`)
			for k := range perColumn {
				n := col*perColumn + k
				fmt.Fprintf(&b, `<li><a href="ShowNews.asp?id=%d">志愿服务活动纪实第%d篇</a> 2023-03-22</li>`, n, n)
			}
			b.WriteString(`</ul>`)
		case r.URL.Path == "/ShowNews.asp" && scanID(r.URL.RawQuery, "id=%d", &id):
			b.WriteString(numberedArticle(fmt.Sprint(id)))
		default:
			http.NotFound(w, r)
			return
		}
		b.WriteString(`</body></html>`)
		page, err := gbk.NewEncoder().String(b.String())
		if err != nil {
			t.Error(err)
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(page))
	}), Options{Workers: 2, PerHost: 2}, sink.store)
	var want []string
	for n := range len(columns) * perColumn {
		want = append(want, fmt.Sprintf("http://top.wenming.test/ShowNews.asp?id=%d", n))
	}
	if miss := sink.missing(want...); len(miss) > 0 {
		t.Errorf("%d of %d articles not archived, e.g. %v (errors %v %v)", len(miss), len(want), miss[0], sum.Errors, sum.ErrorSamples)
	}
}

func TestInPageCharset(t *testing.T) {
	gbk := queryEncoder("gb18030")
	for _, tc := range []struct{ href, want string }{
		{"NewsList.asp?BigClass=工作动态", "NewsList.asp?BigClass=%B9%A4%D7%F7%B6%AF%CC%AC"},
		{"list.asp?c=工作动态&page=2#工作", "list.asp?c=%B9%A4%D7%F7%B6%AF%CC%AC&page=2#工作"}, // the fragment stays UTF-8
		{"/工作/list.asp?id=3", "/工作/list.asp?id=3"},                                     // so does the path
		{"s.asp?k=丂", "s.asp?k=%81@"},                                                  // a GBK trail byte in ASCII is written as it is
		{"s.asp?k=%E5%B7%A5", "s.asp?k=%E5%B7%A5"},                                     // escapes written in the page stay
		{"s.asp?k=a b", "s.asp?k=a b"},                                                 // ASCII: the URL parser's
	} {
		if got := inPageCharset(tc.href, gbk); got != tc.want {
			t.Errorf("inPageCharset(%q) = %q, want %q", tc.href, got, tc.want)
		}
	}
	for _, cs := range []string{"utf-8", "utf-16le", "", "no-such-charset"} {
		if enc := queryEncoder(cs); enc != nil {
			t.Errorf("queryEncoder(%q) is not nil: its links' queries are UTF-8", cs)
		}
	}
	if got := inPageCharset("s.asp?k=工作", queryEncoder("big5")); got != "s.asp?k=%A4u%A7@" {
		t.Errorf("Big5: %q", got)
	}
}

func TestQueryInLegacyCharsets(t *testing.T) {
	const gbk = "http://x.invalid/NewsList.asp?BigClass=%B9%A4%D7%F7%B6%AF%CC%AC"
	for _, tc := range []struct {
		raw  string
		want string // the GBK form, among those returned; "" for none at all
	}{
		{"http://x.invalid/NewsList.asp?BigClass=工作动态", gbk},
		{"http://x.invalid/NewsList.asp?BigClass=%E5%B7%A5%E4%BD%9C%E5%8A%A8%E6%80%81", gbk},
		{"http://x.invalid/NewsList.asp?BigClass=%e5%b7%a5%e4%bd%9c%e5%8a%a8%e6%80%81#top", gbk},
		{"http://x.invalid/s.asp?k=%26工作", "http://x.invalid/s.asp?k=%26%B9%A4%D7%F7"}, // an escaped "&" stays one
		{"http://x.invalid/NewsList.asp?BigClass=news", ""},
		{"http://x.invalid/工作/list.html", ""},   // a path is UTF-8 on every page
		{"http://x.invalid/s.asp?k=%FF%FE", ""}, // escapes that spell no UTF-8 stay as they are
	} {
		got := QueryInLegacyCharsets(tc.raw)
		if tc.want == "" {
			if len(got) != 0 {
				t.Errorf("QueryInLegacyCharsets(%q) = %q, want none", tc.raw, got)
			}
			continue
		}
		if !slices.Contains(got, tc.want) || len(got) != 2 {
			t.Errorf("QueryInLegacyCharsets(%q) = %q, want %q and a Big5 form", tc.raw, got, tc.want)
		}
	}
}
