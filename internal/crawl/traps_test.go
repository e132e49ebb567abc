package crawl

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/wenming-archive/wenming/internal/article"
)

// trapSite is one site with every kind of infinite link space a crawler
// meets, beside a long legitimate list: it stands for the class of sites,
// not for one of them. Every trap answers 200 forever and links onward;
// none links an article that the lists do not link too.
type trapSite struct {
	listPages  int // pages of the legitimate list, 3 articles each
	pagerPages int // real pages of the pager that answers past its end
	hitCounter     // by trap name (or "list", "article")
}

// hitCounter counts a test site's requests by kind. It is safe for
// concurrent use.
type hitCounter struct {
	mu   sync.Mutex
	hits map[string]int
}

func (h *hitCounter) count(kind string) {
	h.mu.Lock()
	if h.hits == nil {
		h.hits = map[string]int{}
	}
	h.hits[kind]++
	h.mu.Unlock()
}

func (h *hitCounter) requests(kind string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.hits[kind]
}

// caseless returns how many requests were counted under kinds that hold
// sub in any case (as IIS answers a URL), and those kinds.
func (h *hitCounter) caseless(sub string) (n int, kinds []string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for k, c := range h.hits {
		if strings.Contains(strings.ToLower(k), sub) {
			n += c
			kinds = append(kinds, k)
		}
	}
	return n, kinds
}

const trapNav = `<div class="nav"><a href="/">首页</a><a href="/list/">工作动态</a><a href="/news/?catid=7">通知公告</a><a href="/about.html">关于我们</a></div>`

func (s *trapSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if offHost(w, r, "top.wenming.test") {
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	q := r.URL.Query()
	page := func(body string) {
		fmt.Fprintf(w, `<html><head><title>顶层文明网</title></head><body>%s%s</body></html>`, trapNav, body)
	}
	p := r.URL.Path
	switch {
	case p == "/robots.txt":
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
	case p == "/sitemap.xml":
		http.NotFound(w, r)
	case p == "/":
		page(`<a href="/calendar/?month=2020-06">活动日历</a><a href="/archive/?y=2020&m=6">按月归档</a>` +
			`<a href="/search.php?keyword=文明&page=1">搜索</a><a href="/list/?order=hits">按点击排序</a>` +
			`<a href="/list/?order=date&dir=asc">按日期排序</a><a href="/soft/">专题</a>` +
			`<a href="/misc.php?sid=` + strconv.FormatInt(time.Now().UnixNano(), 36) + `">在线</a>` +
			`<a href="/a/b/a/b/a/b/x.html">旧链接</a>`)
	case p == "/about.html":
		page(`<p>关于我们</p>`)
	case p == "/calendar/":
		s.count("calendar")
		m := q.Get("month")
		t, err := time.Parse("2006-01", m)
		if err != nil {
			t = time.Date(2020, 6, 1, 0, 0, 0, 0, time.UTC)
		}
		page(fmt.Sprintf(`<table><caption>%s 活动</caption><tr><td>本月暂无活动</td></tr></table><a href="?month=%s">上月</a><a href="?month=%s">下月</a>`,
			t.Format("2006年01月"), t.AddDate(0, -1, 0).Format("2006-01"), t.AddDate(0, 1, 0).Format("2006-01")))
	case p == "/archive/":
		s.count("archive")
		y, _ := strconv.Atoi(q.Get("y"))
		m, _ := strconv.Atoi(q.Get("m"))
		t := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
		prev, next := t.AddDate(0, -1, 0), t.AddDate(0, 1, 0)
		page(fmt.Sprintf(`<h2>%d年%d月</h2><p>没有文章</p><a href="?y=%d&m=%d">上一月</a><a href="?y=%d&m=%d">下一月</a>`,
			y, m, prev.Year(), prev.Month(), next.Year(), next.Month()))
	case p == "/search.php":
		// Results list the site's articles, 3 a page; past the last page
		// "no results", with the next link still there.
		s.count("search")
		n, _ := strconv.Atoi(q.Get("page"))
		n = max(n, 1)
		var b strings.Builder
		if n <= s.listPages {
			for i := 0; i < 3; i++ {
				fmt.Fprintf(&b, `<li><a href="/a/%d.html">结果</a></li>`, (n-1)*3+i)
			}
		} else {
			b.WriteString(`<p>没有找到相关结果</p>`)
		}
		fmt.Fprintf(&b, `<a href="?keyword=%s&page=%d">下一页</a>`, q.Get("keyword"), n+1)
		page(b.String())
	case p == "/list/" && q.Get("order") != "":
		// Sorted views of the list: the same articles in another order;
		// past the last page the last page again.
		s.count("sort")
		n, _ := strconv.Atoi(q.Get("page"))
		n = min(max(n, 1), s.listPages)
		var b strings.Builder
		for i := 0; i < 3; i++ {
			fmt.Fprintf(&b, `<li><a href="/a/%d.html">文章</a></li>`, ((n-1)*3+i)*7%(3*s.listPages))
		}
		fmt.Fprintf(&b, `<a href="?order=%s&page=%d">下一页</a>`, q.Get("order"), n+1)
		page(b.String())
	case p == "/list/" || strings.HasPrefix(p, "/list/index_"):
		s.count("list")
		n := 1
		if strings.HasPrefix(p, "/list/index_") {
			n, _ = strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(p, "/list/index_"), ".html"))
		}
		if n > s.listPages {
			http.NotFound(w, r)
			return
		}
		var b strings.Builder
		for i := 0; i < 3; i++ {
			fmt.Fprintf(&b, `<li><a href="/a/%d.html">文章%d</a></li>`, (n-1)*3+i, (n-1)*3+i)
		}
		if n < s.listPages {
			fmt.Fprintf(&b, `<a href="/list/index_%d.html">下一页</a>`, n+1)
		}
		page(b.String())
	case p == "/news/":
		// A pager that answers every page past its last with the last page.
		s.count("pager")
		n, _ := strconv.Atoi(q.Get("page"))
		n = max(n, 1)
		shown := min(n, s.pagerPages)
		var b strings.Builder
		for i := 0; i < 2; i++ {
			fmt.Fprintf(&b, `<li><a href="/n/%d.html">通知%d</a></li>`, shown*2+i, shown*2+i)
		}
		fmt.Fprintf(&b, `<a href="/news/?catid=7&page=%d">下一页</a>`, n+1)
		page(b.String())
	case strings.HasPrefix(p, "/soft/"):
		// Answers any path, with a relative link one level deeper.
		s.count("soft404")
		page(`<p>页面建设中</p><a href="soft/">更多</a>`)
	case p == "/misc.php":
		s.count("session")
		page(`<p>在线用户</p><a href="/misc.php?sid=` + strconv.FormatInt(time.Now().UnixNano(), 36) + `">刷新</a>`)
	case strings.HasPrefix(p, "/a/") || strings.HasPrefix(p, "/n/"):
		if strings.Count(p, "/") > 2 {
			s.count("repeated")
			page(`<p>旧页面</p><a href="a/b/x.html">旧链接</a>`)
			return
		}
		s.count("article")
		id := strings.TrimSuffix(p[3:], ".html")
		page(numberedArticle(id))
	default:
		http.NotFound(w, r)
	}
}

// numberedArticle is the body of article id: a title, a dated info line and
// two paragraphs, each naming id so that no two articles are alike.
func numberedArticle(id string) string {
	return fmt.Sprintf(`<div class="article"><h1>志愿服务活动纪实第%s篇</h1><div class="info">发布时间：2023-03-22 10:00 来源：本站</div>`+
		`<div class="content"><p>近日，第%s期“文明实践进社区”志愿服务活动在城区各社区同时开展，志愿者们走进社区，为居民提供义诊、理发、家电维修等服务。</p>`+
		`<p>活动现场气氛热烈，群众纷纷表示，这样的活动接地气、有温度，希望以后多多举办，第%s期活动圆满结束。</p></div></div>`, id, id, id)
}

// TestTrapsCostBoundedRequests crawls a site with a calendar, a date
// archive, endless search and sort views, a pager that answers past its
// end, session ids, a soft-404 directory and repeated path segments beside
// a 300-page list: the crawl ends, every article is archived once, the
// list is walked to its end, and no trap costs more than 40 requests.
func TestTrapsCostBoundedRequests(t *testing.T) {
	site := &trapSite{listPages: 300, pagerPages: 5}
	srv := httptest.NewServer(site)
	defer srv.Close()

	var mu sync.Mutex
	archived := map[string]int{}
	sink := func(a *article.Article) (Stored, error) {
		mu.Lock()
		defer mu.Unlock()
		archived[a.URL]++
		if archived[a.URL] > 1 {
			return Stored{Outcome: Unchanged}, nil
		}
		return Stored{Outcome: Added}, nil
	}
	c, _ := newTestCrawler(t, srv.URL, t.TempDir(), Options{Workers: 4}, sink)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	sum, err := c.Run(ctx)
	if err != nil {
		t.Fatalf("crawl did not end cleanly: %v (requests %d)", err, sum.Requests)
	}
	if got := site.requests("list"); got != site.listPages {
		t.Errorf("legitimate list: %d of %d pages fetched", got, site.listPages)
	}
	want := 3*site.listPages + 2*site.pagerPages
	if len(archived) != want {
		t.Errorf("%d articles archived, want %d", len(archived), want)
	}
	for u, n := range archived {
		if n > 1 {
			t.Errorf("%s archived %d times", u, n)
		}
	}
	for _, trap := range []string{"calendar", "archive", "pager", "soft404", "session", "repeated"} {
		n := site.requests(trap)
		t.Logf("%-9s %d requests", trap, n)
		if n > 40 {
			t.Errorf("trap %s cost %d requests, want ≤ 40", trap, n)
		}
	}
	// Search and sorted views list the site's articles: they are walked
	// like the list they mirror (they may be ahead of it), and cost at
	// most 40 requests past their last page.
	for view, views := range map[string]int{"search": 1, "sort": 2} {
		n := site.requests(view)
		t.Logf("%-9s %d requests", view, n)
		if limit := views * (site.listPages + 40); n > limit {
			t.Errorf("view %s cost %d requests, want ≤ %d", view, n, limit)
		}
	}
	if site.requests("pager") < site.pagerPages {
		t.Errorf("the pager's %d real pages were not all fetched (%d)", site.pagerPages, site.requests("pager"))
	}
	if len(sum.Stopped) == 0 {
		t.Error("no stopped pattern reported in the summary")
	}
	for _, p := range sum.Stopped {
		t.Logf("stopped %s: %d requests, %d dropped (%s)", p.Pattern, p.Requests, p.Dropped, p.Reason)
	}
	t.Logf("%d requests in all, out of scope %v, errors %v %v", sum.Requests, sum.OutOfScope, sum.Errors, sum.ErrorSamples)
}

func TestPatternKeys(t *testing.T) {
	tests := []struct {
		name        string
		a, aRef     string
		b, bRef     string
		sameCoarse  bool
		sameFine    bool
		description string
	}{
		{"calendar months", "http://a.cn/calendar/?month=2014-02", "http://a.cn/calendar/?month=2014-01",
			"http://a.cn/calendar/?month=2031-07", "http://a.cn/calendar/?month=2031-06", true, true, ""},
		{"two lists of one CMS", "http://a.cn/portal.php?catid=3&mod=list&page=5", "http://a.cn/portal.php?catid=3&mod=list&page=4",
			"http://a.cn/portal.php?catid=4&mod=list&page=5", "http://a.cn/portal.php?catid=4&mod=list&page=4", true, false, ""},
		{"list and article", "http://a.cn/xwzx/index_2.shtml", "", "http://a.cn/xwzx/202303/t20230306_12.shtml", "", false, false, ""},
		{"two columns", "http://a.cn/xwzx/index_2.shtml", "", "http://a.cn/tzgg/index_2.shtml", "", false, false, ""},
		{"session token segments", "http://a.cn/s/0a1b2c3d4e5f6a7b8c9d/list.html", "", "http://a.cn/s/9f8e7d6c5b4a3f2e1d0c/list.html", "", true, true, ""},
		{"search keywords", "http://a.cn/search.php?keyword=abc&page=2", "", "http://a.cn/search.php?keyword=xyz&page=9", "", true, true, ""},
		// A query that is a page's address, not parameters (Discuz's
		// Archiver: archiver/?tid-88.html): its numbers are shaped away
		// as a path's are.
		{"query as an address", "http://a.cn/archiver/?tid-88.html", "", "http://a.cn/archiver/?tid-1234.html", "", true, true, ""},
		{"query as an address, paged", "http://a.cn/archiver/?tid-88.html&page=2", "", "http://a.cn/archiver/?tid-7.html", "", true, true, ""},
		{"two such addresses", "http://a.cn/archiver/?tid-88.html", "", "http://a.cn/archiver/?fid-2.html", "", false, false, ""},
	}
	for _, tt := range tests {
		ca, fa := patternKeys(tt.a, tt.aRef)
		cb, fb := patternKeys(tt.b, tt.bRef)
		if (ca == cb) != tt.sameCoarse || (fa == fb) != tt.sameFine {
			t.Errorf("%s: coarse %q / %q, fine %q / %q", tt.name, ca, cb, fa, fb)
		}
	}
}

func TestPathological(t *testing.T) {
	tests := []struct {
		url  string
		want string
	}{
		{"http://a.cn/a/b/a/b/x.html", "repeated_path"},
		{"http://a.cn/soft/soft/soft/", "repeated_path"},
		{"http://a.cn/news/news/2023.html", ""},
		{"http://a.cn/a/yw/202303/t20230322_6123456.shtml", ""},
		{"http://a.cn/" + strings.Repeat("x/", 20), "deep_path"},
		{"http://a.cn/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p", ""},
		{"http://a.cn/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q", "deep_path"},
		{"http://a.cn/", ""},
		{"http://a.cn/a//a//a/", ""},
		{"http://a.cn/p/q/r/p/q/r/", "repeated_path"},
		{"http://a.cn/x?" + strings.Repeat("a=1&", 13) + "b=2", "many_params"},
		{"http://a.cn/" + strings.Repeat("y", 1100), "long_url"},
		{"http://a.cn/" + strings.Repeat("y", 1012), ""},         // 1,024 bytes
		{"http://a.cn/" + strings.Repeat("y", 1013), "long_url"}, // 1,025
		{"http://a.cn/" + strings.Repeat("栏", 113), "long_url"},  // 12 + 113×9 escaped
		{"http://user:pw@a.cn/" + strings.Repeat("y", 1010), "long_url"},
	}
	// The length as the URL's string has it, escapes and all, whatever
	// part is long.
	for _, raw := range []string{
		"http://a.cn/" + strings.Repeat("栏", 100),
		"http://a.cn/a%2Fb/" + strings.Repeat("y", 100),
		"http://a.cn/?q=" + strings.Repeat("%E6%A0%8F", 100),
		"http://a.cn/x#" + strings.Repeat("栏 ", 100),
		"http://user:p%20w@a.cn/" + strings.Repeat("y", 100),
		"mailto:" + strings.Repeat("x", 100) + "@a.cn",
		"http://[::1]:80/" + strings.Repeat("y", 100),
	} {
		u := mustParse(t, raw)
		n := len(u.String())
		for _, limit := range []int{0, n/3 - 1, n / 3, n - 1, n, n + 1, 3 * n} {
			if got := longerThan(u, limit); got != (n > limit) {
				t.Errorf("longerThan(%s, %d) = %v; its string is %d bytes", raw, limit, got, n)
			}
		}
	}
	for _, tt := range tests {
		u := mustParse(t, tt.url)
		if got := pathological(u); got != tt.want {
			t.Errorf("pathological(%s) = %q, want %q", tt.url, got, tt.want)
		}
	}
	// An ordinary link is judged without a string made of it.
	u := mustParse(t, "http://www.example.gov.cn/a/yw/202303/t20230322_6123456.shtml?id=12&from=list#top")
	if n := testing.AllocsPerRun(20, func() { pathological(u) }); n != 0 {
		t.Errorf("pathological of an ordinary link: %v allocations", n)
	}
}

func mustParse(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// sparseSite is a small county site: a menu of 40 columns, most of them
// empty, all of one script (col.php?catid=N), and the last two with
// articles over several pages. Empty columns are not a trap: they must not
// stop the live ones.
type sparseSite struct{}

func (sparseSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if offHost(w, r, "top.wenming.test") {
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	var menu strings.Builder
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&menu, `<a href="/col.php?catid=%d">栏目%d</a>`, i, i)
	}
	page := func(body string) {
		fmt.Fprintf(w, `<html><head><title>县文明网</title></head><body><div class="nav">%s</div>%s</body></html>`, menu.String(), body)
	}
	q := r.URL.Query()
	switch r.URL.Path {
	case "/robots.txt":
		fmt.Fprint(w, "User-agent: *\nDisallow:\n")
	case "/":
		page(`<p>欢迎</p>`)
	case "/col.php":
		catid, _ := strconv.Atoi(q.Get("catid"))
		n, _ := strconv.Atoi(q.Get("page"))
		n = max(n, 1)
		if catid < 39 {
			page(`<p>暂无内容</p>`)
			return
		}
		var b strings.Builder
		for i := 0; i < 5; i++ {
			fmt.Fprintf(&b, `<li><a href="/show.php?id=%d">文章</a></li>`, catid*1000+n*10+i)
		}
		if n < 6 {
			fmt.Fprintf(&b, `<a href="/col.php?catid=%d&page=%d">下一页</a>`, catid, n+1)
		}
		page(b.String())
	case "/show.php":
		id := q.Get("id")
		page(numberedArticle(id))
	default:
		http.NotFound(w, r)
	}
}

func TestEmptyColumnsDoNotStopLiveOnes(t *testing.T) {
	var sink urlSink
	_, sum := crawlWeb(t, sparseSite{}, Options{Workers: 2}, sink.store)
	if want := 2 * 6 * 5; sink.count() != want {
		t.Errorf("%d articles archived, want %d; stopped %+v", sink.count(), want, sum.Stopped)
	}
}

func TestReadablePattern(t *testing.T) {
	tests := []struct{ key, want string }{
		{"sxhx.wenming.cn/wmrl/?m=0&y=0#m=11&", "sxhx.wenming.cn/wmrl/?m=11&y={n}"},
		{"sxhx.wenming.cn/wmrl/?m=0&y=0", "sxhx.wenming.cn/wmrl/?m={n}&y={n}"},
		{"hbzd.wenming.cn/hdrl/?month=0-0#", "hbzd.wenming.cn/hdrl/?month={n}-{n}"},
		{"www.0351wm.gov.cn/a/0/t0_0.shtml", "www.0351wm.gov.cn/a/{n}/t{n}_{n}.shtml"},
		{"a.cn/s/*.html", "a.cn/s/{id}.html"},
		{"www.jlwmw.gov.cn/index.php?a=x&q=x&typeid=0#a=init&typeid=1&", "www.jlwmw.gov.cn/index.php?a=init&q={…}&typeid=1"},
		{"a.cn/0/0/?replytocom", "a.cn/{n}/{n}/?replytocom"},
		{"a.cn/0/0/0/~/?replytocom=0", "a.cn/{n}/{n}/{n}/{slug}/?replytocom={n}"},
		{"a.cn/", "a.cn/"},
	}
	// Fine keys as patternKeys makes them: a search view's keyword fixed
	// by the page that linked it, in UTF-8 and as a GBK site sends it.
	for _, tc := range []struct{ url, want string }{
		{"http://a.cn/search.php?keyword=%E6%96%87%E6%98%8E&page=3", "a.cn/search.php?keyword=文明"},
		{"http://a.cn/search.asp?keyword=%CE%C4%C3%F7&page=3", "a.cn/search.asp?keyword=%CE%C4%C3%F7"},
		{"http://a.cn/s.php?q=a%26b%3Dc&page=3", "a.cn/s.php?q=a%26b%3Dc"},
	} {
		_, fine := patternKeys(tc.url, strings.Replace(tc.url, "page=3", "page=2", 1))
		if !utf8.ValidString(fine) {
			t.Errorf("patternKeys(%q): fine key %q is no UTF-8", tc.url, fine)
		}
		tests = append(tests, struct{ key, want string }{fine, tc.want})
	}
	for _, tc := range tests {
		if got := readablePattern(tc.key); got != tc.want {
			t.Errorf("readablePattern(%q) = %q, want %q", tc.key, got, tc.want)
		}
	}
}

// TestKeysOf pins the pattern keys a URL is weighed under, written
// segment by segment into one buffer: digits runs as 0, long mixed
// tokens as *, pager parameters left out, values shaped.
func TestKeysOf(t *testing.T) {
	tests := []struct{ url, coarse, path string }{
		{"http://a.cn", "a.cn", "a.cn"},
		{"http://a.cn/", "a.cn/", "a.cn/"},
		{"http://a.cn/xwzx/202303/t20230322_6123456.shtml", "a.cn/xwzx/0/*.shtml", "a.cn/xwzx/0/*.shtml"},
		{"http://a.cn/xwzx/202303/t2023_61.shtml", "a.cn/xwzx/0/t0_0.shtml", "a.cn/xwzx/0/t0_0.shtml"},
		{"http://a.cn/s/0a1b2c3d4e5f6a7b8c9d/list.html", "a.cn/s/*/list.html", "a.cn/s/*/list.html"},
		{"http://a.cn/s/0a1b2c3d4e5f6a7b8c9d.html/", "a.cn/s/*.html/", "a.cn/s/*.html/"},
		{"http://a.cn//x12//", "a.cn//x0//", "a.cn//x0//"},
		{"http://a.cn/%E6%96%8712/", "a.cn/%E0%0%0/", "a.cn/%E0%0%0/"},
		{"http://a.cn/portal.php?mod=list&catid=3&page=5", "a.cn/portal.php?catid=0&mod=x", "a.cn/portal.php"},
		{"http://a.cn/s.php?q=%FF12&n=", "a.cn/s.php?n=&q=x", "a.cn/s.php"},
		{"http://a.cn/d?v=2023-01-02", "a.cn/d?v=0-0-0", "a.cn/d"},
		// Slugs: a post's name made of its title's words.
		{"http://a.cn/2024/05/02/%E4%B9%89%E8%AF%8A/?replytocom=12", "a.cn/0/0/0/~/?replytocom=0", "a.cn/0/0/0/~/"},
		{"http://a.cn/news/volunteers-visit-the-library.html", "a.cn/news/~.html", "a.cn/news/~.html"},
		{"http://a.cn/top-10-tips_for-winter/", "a.cn/~/", "a.cn/~/"},
		{"http://a.cn/2024-05-02/news-123.html", "a.cn/0-0-0/news-0.html", "a.cn/0-0-0/news-0.html"},
		{"http://a.cn/xin-wen/index.html", "a.cn/xin-wen/index.html", "a.cn/xin-wen/index.html"},
		{"http://a.cn/%E6%96%87/", "a.cn/%E0%0%0/", "a.cn/%E0%0%0/"},
		{"http://a.cn/%E4%B9%89%E8%AF%8A.html", "a.cn/~.html", "a.cn/~.html"},
	}
	for _, tt := range tests {
		coarse, path := keysOf(tt.url)
		if coarse != tt.coarse || path != tt.path {
			t.Errorf("keysOf(%s) = %q, %q; want %q, %q", tt.url, coarse, path, tt.coarse, tt.path)
		}
	}
}

// TestDisallowedLinksRevealNothing: a page pays its way by revealing new
// URLs, but not URLs robots.txt disallows. A forum's pages each link a
// reply or message link unique to their posts (Discuz's
// forum.php?mod=post&…&repquote=PID, disallowed by its robots.txt): a
// view that links itself onward (here a calendar of 300 months) is
// stopped as any trap is, not walked to its end because every page
// "reveals" a link the crawl will never fetch.
func TestDisallowedLinksRevealNothing(t *testing.T) {
	srv, hits := pageWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		switch {
		case r.URL.Path == "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /post.php\n")
		case r.URL.Path == "/":
			page("首页", `<a href="/cal.php?m=1">活动日历</a>`)
		case r.URL.Path == "/cal.php":
			m, _ := strconv.Atoi(r.URL.Query().Get("m"))
			if m < 1 || m > 300 {
				http.NotFound(w, r)
				return
			}
			page(fmt.Sprintf("第%d月", m), fmt.Sprintf(`<a href="/cal.php?m=%d">下个月</a><a href="/post.php?action=reply&amp;repquote=%d">回复</a>`, m+1, m))
		default:
			http.NotFound(w, r)
		}
	})
	_, sum := runTestCrawl(t, srv.URL, Options{Workers: 2}, nopSink)
	months := 0
	hits.mu.Lock()
	for k, n := range hits.hits {
		if strings.Contains(k, "/cal.php") {
			months += n
		}
		if strings.Contains(k, "/post.php") {
			t.Errorf("%s fetched: robots.txt disallows it", k)
		}
	}
	hits.mu.Unlock()
	t.Logf("calendar pages fetched %d, stopped %v", months, sum.Stopped)
	if months > 2*idleLimit {
		t.Errorf("%d calendar pages fetched: each revealed only a disallowed link", months)
	}
}
