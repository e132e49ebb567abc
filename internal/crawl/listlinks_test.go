package crawl

import (
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// llSite is a county site whose column templates link their entries and
// their pages the ways Chinese county-site templates do besides <a href>,
// each column in two of them (a row form and a pager form):
//
//   - 工作动态: rows <li onclick="location.href='…'">; the pager only text
//     and TRS's createPageHTML(pages, current, "index", "html") script;
//   - 志愿服务: rows <tr onclick="window.open('…')">; a jump menu
//     <select onchange="location.href=this.value"> of list_N.html;
//   - 通知公告: rows <div data-href="…">; page links ?page=N, relative;
//   - 文明实践: rows <a href="javascript:void(0)" onclick="openDetail('…')">
//     with the function on the page; index_1.html … index_N.html with only
//     下一页 (and 上一页) shown;
//   - 道德模范: rows <li data-url="…">; 加载更多, whose next page (a
//     fragment of rows and the next button) is in its data-next attribute;
//   - 新闻中心: rows <tr onclick="showInfo(N)"> calling the page's
//     function; the pager a jump menu whose handler
//     puts the chosen page number into the list's URL
//     (window.location='index.asp?page='+this.options[this.selectedIndex].value,
//     the ASP-era CMS pager) beside a GET form with a page number input
//     and a 跳转 button;
//   - 文明创建: rows <a href>; the pager only the later TRS script naming
//     its element, createPageHTML('page_div', pages, current, 'xlist',
//     'shtml', records), whose pages are xlist.shtml, xlist_2.shtml ….
//
// Every page also has a search form posted to /search.asp. The sitemap
// lists the first article of each column only. Any other URL answers 404
// and is noted as made up.
type llSite struct {
	hits hitCounter

	mu      sync.Mutex
	madeUp  []string
	posted  int
	columns []llColumn
}

// llColumn is a column: its directory, name, and articles' ids (newest
// first). Ids run across the site; none holds 403, 404 or 500, which in a
// short title make the extractor read the page as an error page.
type llColumn struct {
	dir, name string
	ids       []int
}

// llPerPage is the rows of a list page.
const llPerPage = 4

func newLLSite() *llSite {
	s := &llSite{}
	id := 100
	for _, c := range []struct {
		dir, name string
		n         int
	}{
		{"/gzdt/", "工作动态", 11},
		{"/zyfw/", "志愿服务", 10},
		{"/tzgg/", "通知公告", 9},
		{"/wmsj/", "文明实践", 17},
		{"/ddmf/", "道德模范", 10},
		{"/xwzx/", "新闻中心", 11},
		{"/wmcj/", "文明创建", 9},
	} {
		col := llColumn{dir: c.dir, name: c.name}
		for len(col.ids) < c.n {
			if id++; !strings.Contains(strconv.Itoa(id), "40") && !strings.Contains(strconv.Itoa(id), "500") {
				col.ids = append(col.ids, id)
			}
		}
		s.columns = append(s.columns, col)
	}
	return s
}

// articlePath is the path of article id as its column's template links
// it.
func (s *llSite) articlePath(id int) string {
	col := 0
	for i, c := range s.columns {
		if slices.Contains(c.ids, id) {
			col = i
		}
	}
	// Each column's template's form, the last one's for every later
	// column.
	forms := []string{
		"/gzdt/202405/t20240512_%d.html",
		"/zyfw/show.asp?id=%d",
		"/tzgg/content_%d.html",
		"/wmsj/detail.html?id=%d",
		"/ddmf/info/%d.html",
		"/xwzx/2024/%d.html",
		"/wmcj/c%d/content.shtml",
	}
	return fmt.Sprintf(forms[min(col, len(forms)-1)], id)
}

// articles returns the request URIs of every article.
func (s *llSite) articles() []string {
	var out []string
	for _, c := range s.columns {
		for _, id := range c.ids {
			out = append(out, s.articlePath(id))
		}
	}
	return out
}

const llNav = `<div class="nav"><a href="/">首页</a><a href="/gzdt/">工作动态</a><a href="/zyfw/">志愿服务</a><a href="/tzgg/">通知公告</a>` +
	`<a href="/wmsj/">文明实践</a><a href="/ddmf/">道德模范</a><a href="/xwzx/index.asp">新闻中心</a><a href="/wmcj/xlist.shtml">文明创建</a></div>` +
	`<form class="search" method="post" action="/search.asp"><input name="keyword"><input type="submit" value="搜索"></form>`

func (s *llSite) page(w http.ResponseWriter, title, body string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>%s - 城关镇文明网</title><script src="/js/common.js"></script></head><body>%s<div class="main">%s</div><div class="foot">版权所有 城关镇文明办</div></body></html>`, title, llNav, body)
}

// rows returns the ids of list page n (from 1) of c, and the pages.
func (c llColumn) rows(n int) (ids []int, pages int) {
	pages = (len(c.ids) + llPerPage - 1) / llPerPage
	if n < 1 || n > pages {
		return nil, pages
	}
	return c.ids[(n-1)*llPerPage : min(n*llPerPage, len(c.ids))], pages
}

func (s *llSite) madeUpURL(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.madeUp = append(s.madeUp, r.URL.RequestURI())
	s.mu.Unlock()
	http.NotFound(w, r)
}

func (s *llSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.hits.count(r.URL.RequestURI())
	if offHost(w, r, "top.wenming.test") {
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		s.mu.Lock()
		s.posted++
		s.mu.Unlock()
		http.Error(w, "method", http.StatusMethodNotAllowed)
		return
	}
	p, q := r.URL.Path, r.URL.Query()
	pageNo := func(key string) (int, bool) {
		v := q.Get(key)
		if v == "" {
			return 1, len(q) == 0
		}
		n, err := strconv.Atoi(v)
		return n, err == nil && len(q) == 1 && strconv.Itoa(n) == v
	}
	switch p {
	case "/robots.txt":
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "User-agent: *\nDisallow: /admin/\n")
		return
	case "/sitemap.xml":
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
		for _, c := range s.columns {
			fmt.Fprintf(w, `<url><loc>http://top.wenming.test%s</loc></url>`, strings.ReplaceAll(s.articlePath(c.ids[0]), "&", "&amp;"))
		}
		fmt.Fprint(w, `</urlset>`)
		return
	case "/":
		if len(q) > 0 {
			s.madeUpURL(w, r)
			return
		}
		var b strings.Builder
		b.WriteString(`<div class="zxdt"><h3>最新动态</h3><ul>`)
		for _, c := range s.columns[:2] {
			fmt.Fprintf(&b, `<li onclick="location.href='%s'" style="cursor:pointer">%s第%d期</li>`, s.articlePath(c.ids[0]), c.name, c.ids[0])
		}
		b.WriteString(`</ul></div>`)
		s.page(w, "首页", b.String())
		return
	}
	for i, c := range s.columns {
		if !strings.HasPrefix(p, c.dir) {
			continue
		}
		file := strings.TrimPrefix(p, c.dir)
		for _, id := range c.ids {
			if s.articlePath(id) == r.URL.RequestURI() {
				s.page(w, fmt.Sprintf("%s第%d期", c.name, id), numberedArticle(strconv.Itoa(id)))
				return
			}
		}
		n := 0
		switch i {
		case 0: // TRS: index.html, index_1.html …
			n = trsPageOf(file)
		case 1: // list_N.html
			if file == "" {
				n = 1
			} else if k, err := fmt.Sscanf(file, "list_%d.html", &n); err != nil || k != 1 || file != fmt.Sprintf("list_%d.html", n) || n < 2 {
				n = 0
			}
		case 2: // ?page=N
			if file == "" {
				if k, ok := pageNo("page"); ok {
					n = k
				}
			}
		case 3: // index_N.html, from index_1.html
			n = trsPageOf(file)
		case 4: // 加载更多: more.html?page=N answers a fragment
			if file == "" && len(q) == 0 {
				n = 1
			} else if file == "more.html" {
				if k, ok := pageNo("page"); ok && k > 1 && q.Get("page") != "" {
					s.moreRows(w, c, k)
					return
				}
			}
		case 5: // index.asp?page=N
			if file == "index.asp" {
				if k, ok := pageNo("page"); ok {
					n = k
				}
			}
		case 6: // xlist.shtml, xlist_2.shtml …
			var k int
			if file == "xlist.shtml" {
				n = 1
			} else if c, err := fmt.Sscanf(file, "xlist_%d.shtml", &k); err == nil && c == 1 && file == fmt.Sprintf("xlist_%d.shtml", k) && k > 1 {
				n = k
			}
		}
		if ids, pages := c.rows(n); len(ids) > 0 {
			s.list(w, i, c, ids, n, pages)
			return
		}
		break
	}
	s.madeUpURL(w, r)
}

// trsPageOf returns the page number of a TRS list file ("", index.html:
// 1; index_K.html: K+1), or 0.
func trsPageOf(file string) int {
	if file == "" || file == "index.html" {
		return 1
	}
	var k int
	if n, err := fmt.Sscanf(file, "index_%d.html", &k); err == nil && n == 1 && file == fmt.Sprintf("index_%d.html", k) && k > 0 {
		return k + 1
	}
	return 0
}

// list writes list page n of column c (its i-th) in the column's
// template.
func (s *llSite) list(w http.ResponseWriter, i int, c llColumn, ids []int, n, pages int) {
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="column"><h2>%s</h2>`, c.name)
	title := func(id int) string { return fmt.Sprintf("%s第%d期活动简讯", c.name, id) }
	// The rows: href in the column's dir is the article's path relative
	// to the list, as templates write it.
	rel := func(id int) string { return strings.TrimPrefix(s.articlePath(id), c.dir) }
	switch i {
	case 0:
		b.WriteString(`<ul class="list">`)
		for _, id := range ids {
			fmt.Fprintf(&b, `<li onclick="location.href='./%s'"><span class="title">%s</span><span class="date">2024-05-12</span></li>`, rel(id), title(id))
		}
		b.WriteString(`</ul>`)
	case 1:
		b.WriteString(`<table class="list">`)
		for _, id := range ids {
			fmt.Fprintf(&b, `<tr onclick="window.open('%s')" style="cursor:hand"><td>%s</td><td>2024-05-12</td></tr>`, rel(id), title(id))
		}
		b.WriteString(`</table>`)
	case 2:
		for _, id := range ids {
			fmt.Fprintf(&b, `<div class="item" data-href="%s"><p class="t">%s</p><p class="d">2024-05-12</p></div>`, s.articlePath(id), title(id))
		}
		b.WriteString(`<script>$(".item").on("click", function(){ location.href = $(this).data("href"); });</script>`)
	case 3:
		b.WriteString(`<script>function openDetail(id){ var url = "/wmsj/detail.html?id=" + id; window.open(url, "_blank"); }</script><ul>`)
		for _, id := range ids {
			fmt.Fprintf(&b, `<li><a href="javascript:void(0)" onclick="openDetail('%d')">%s</a> <span>2024-05-12</span></li>`, id, title(id))
		}
		b.WriteString(`</ul>`)
	case 4:
		b.WriteString(`<ul id="rows">`)
		b.WriteString(llRows(s, ids, title))
		b.WriteString(`</ul><script>$("#rows").on("click", "li", function(){ window.open($(this).attr("data-url")); });</script>`)
	case 5:
		b.WriteString(`<script>function showInfo(id){ window.location.href = "/xwzx/2024/" + id + ".html"; }</script><table>`)
		for _, id := range ids {
			fmt.Fprintf(&b, `<tr onclick="showInfo(%d)"><td>%s</td><td>2024-05-12</td></tr>`, id, title(id))
		}
		b.WriteString(`</table>`)
	case 6:
		b.WriteString(`<table class="list">`)
		for _, id := range ids {
			fmt.Fprintf(&b, `<tr><td class="info"><a class="list" href="%s">%s</a></td><td>2024-05-12</td></tr>`, s.articlePath(id), title(id))
		}
		b.WriteString(`</table>`)
	}
	b.WriteString(`<div class="pager">`)
	switch i {
	case 0:
		fmt.Fprintf(&b, `<script src="/js/page.js"></script><span>共%d页</span><script>createPageHTML(%d, %d, "index", "html");</script>`, pages, pages, n-1)
	case 1:
		b.WriteString(`<select onchange="location.href=this.value">`)
		for k := 1; k <= pages; k++ {
			v := fmt.Sprintf("list_%d.html", k)
			if k == 1 {
				v = "./"
			}
			sel := ""
			if k == n {
				sel = " selected"
			}
			fmt.Fprintf(&b, `<option value="%s"%s>第%d页</option>`, v, sel, k)
		}
		b.WriteString(`</select>`)
	case 2:
		for k := 1; k <= pages; k++ {
			if k == n {
				fmt.Fprintf(&b, `<b>%d</b>`, k)
			} else {
				fmt.Fprintf(&b, `<a href="?page=%d">%d</a>`, k, k)
			}
		}
	case 3:
		if n > 1 {
			prev := "index.html"
			if n > 2 {
				prev = fmt.Sprintf("index_%d.html", n-2)
			}
			fmt.Fprintf(&b, `<a href="%s">上一页</a>`, prev)
		}
		if n < pages {
			fmt.Fprintf(&b, `<a href="index_%d.html">下一页</a>`, n)
		}
	case 4:
		if n < pages {
			fmt.Fprintf(&b, `<a href="javascript:;" class="load-more" data-next="more.html?page=%d">加载更多</a>`, n+1)
		}
		b.WriteString(`<script>$(".load-more").click(function(){ var a = $(this); $.get(a.data("next"), function(h){ a.replaceWith(h); }); });</script>`)
	case 5:
		fmt.Fprintf(&b, `共%d页 <select name="page" onchange="javascript:window.location='index.asp?page='+this.options[this.selectedIndex].value;">`, pages)
		for k := 1; k <= pages; k++ {
			sel := ""
			if k == n {
				sel = " selected"
			}
			fmt.Fprintf(&b, `<option value="%d"%s>%d</option>`, k, sel, k)
		}
		fmt.Fprintf(&b, `</select><form action="index.asp" method="get">转到第<input type="text" name="page" size="3" value="%d">页<input type="submit" value="跳转"></form>`, n)
	case 6:
		fmt.Fprintf(&b, `<div id="page_div"></div><script>createPageHTML('page_div',%d, %d,'xlist','shtml',%d);</script>`, pages, n, len(c.ids))
	}
	b.WriteString(`</div></div>`)
	s.page(w, c.name, b.String())
}

// llRows writes the rows of the 道德模范 column: each keeps its
// article's URL in data-url, which the page's script opens on a click.
func llRows(s *llSite, ids []int, title func(int) string) string {
	var b strings.Builder
	for _, id := range ids {
		fmt.Fprintf(&b, `<li data-url="%s">%s <em>2024-05-12</em></li>`, s.articlePath(id), title(id))
	}
	return b.String()
}

// moreRows answers 加载更多: the rows of page n as a fragment, and the
// next button.
func (s *llSite) moreRows(w http.ResponseWriter, c llColumn, n int) {
	ids, pages := c.rows(n)
	if len(ids) == 0 {
		http.NotFound(w, nil)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	title := func(id int) string { return fmt.Sprintf("%s第%d期活动简讯", c.name, id) }
	fmt.Fprint(w, llRows(s, ids, title))
	if n < pages {
		fmt.Fprintf(w, `<a href="javascript:;" class="load-more" data-next="more.html?page=%d">加载更多</a>`, n+1)
	}
}

// TestListLinksSite crawls a county site whose columns link their
// entries and pages by script, data attributes, jump menus, script pagers,
// relative query links and load-more buttons (see llSite): every article
// is archived once, no URL is fetched that a browser would not (none made
// up, no form posted), and the crawl ends within a bounded number of
// requests.
func TestListLinksSite(t *testing.T) {
	site := newLLSite()
	store, sink := aliasedSink()
	_, sum := crawlWeb(t, site, Options{Workers: 4}, store)

	want := site.articles()
	var missing []string
	for _, p := range want {
		if sink.get("http://top.wenming.test"+p) == nil {
			missing = append(missing, p)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("%d of %d articles not archived: %v", len(missing), len(want), missing)
	}
	if got := sink.count(); got != len(want)-len(missing) {
		t.Errorf("%d articles archived, want %d", got, len(want)-len(missing))
	}
	for _, p := range want {
		if n := site.hits.requests(p); n > 1 {
			t.Errorf("%s fetched %d times", p, n)
		}
	}
	site.mu.Lock()
	madeUp, posted := site.madeUp, site.posted
	site.mu.Unlock()
	if len(madeUp) > 0 {
		t.Errorf("URLs no page links fetched: %v", madeUp)
	}
	if posted > 0 {
		t.Errorf("%d requests other than GET", posted)
	}
	// The site's pages: the homepage, robots.txt, the sitemap, the lists
	// (the createPageHTML column's first page also as index.html) and the
	// articles.
	bound := 3 + len(want) + 1
	for _, c := range site.columns {
		_, pages := c.rows(1)
		bound += pages
	}
	if sum.Requests > int64(bound) {
		t.Errorf("%d requests, the site has %d pages", sum.Requests, bound)
	}
	t.Logf("requests %d (site %d), pages %d, other pages %d, errors %v, dead %v", sum.Requests, bound, sum.Pages, sum.OtherPages, sum.Errors, sum.DeadLinks)
}

// TestListLinksSiteLaterCrawl crawls the site again with every article
// archived a week ago: each column's first page shows archived articles
// only, so its pager — whatever its form: createPageHTML, a menu of
// 第N页 options, ?page=N, 下一页, 加载更多, a page-number menu — is not
// followed, and no list page past the first is fetched.
func TestListLinksSiteLaterCrawl(t *testing.T) {
	site := newLLSite()
	archived := map[string]bool{}
	for _, p := range site.articles() {
		archived["http://top.wenming.test"+p] = true
	}
	known := func(u string) (Known, bool) {
		return Known{Published: time.Now().AddDate(-1, 0, 0), FetchedAt: time.Now().AddDate(0, 0, -7)}, archived[u]
	}
	_, sum := crawlWeb(t, site, Options{Workers: 2, Known: known, Overlap: 3, PassStart: time.Now()}, nopSink)
	site.hits.mu.Lock()
	defer site.hits.mu.Unlock()
	var later []string
	for k := range site.hits.hits {
		switch {
		case k == "/", k == "/robots.txt", k == "/sitemap.xml", k == "/xwzx/index.asp", k == "/wmcj/xlist.shtml":
		case strings.Count(k, "/") == 2 && strings.HasSuffix(k, "/"): // a column's directory
		default:
			later = append(later, k)
		}
	}
	sort.Strings(later)
	if len(later) > 0 {
		t.Errorf("fetched past the columns' first pages: %v", later)
	}
	if sum.PagingStopped < int64(len(site.columns)) {
		t.Errorf("paging stopped on %d list pages, want every column's (%d)", sum.PagingStopped, len(site.columns))
	}
}
