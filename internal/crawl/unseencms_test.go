package crawl

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// ucSite is a county site on one of three PHP and .NET CMSs that small
// government sites run and that no rule here knows. Their URL forms,
// pagers, article templates and counters are modelled as the CMSs ship
// them; what is not known is one plausible choice, marked [assumed], never
// one that makes the crawler's job easier.
//
//   - pboot (PbootCMS 3, pseudo-static URLs): columns /gzdt/, paged
//     /gzdt_2/, a {page:bar} pager (共N条 当前k/n页 首页 前一页 1 2 后一页
//     尾页) whose 前一页 and 后一页 link the page itself at its ends, and a
//     page number past the last answered as the last page (the Paging
//     class clamps it); articles /gzdt/ID.html, the same article under the
//     compatible form /?gzdt/ID.html, linked by the search results
//     /search/?keyword=…&page=N [assumed which links which]; the info line
//     发布时间：{content:date} 来源 作者 浏览：{content:visits}次, the tag
//     written as the parser writes it: the script that adds a visit,
//     <script src='/?p=/Do/visits/id/ID' async='async'></script>, then the
//     count (the script answers {"code":1,"data":"ok"} [assumed]);
//     a 单页 关于我们 (title and text, no date), a 留言板 of dated
//     messages, tag pages /?tag=NAME; 志愿服务's template, one of the
//     market's, marks the date and the count by icons (fa-clock-o,
//     fa-eye), not words;
//   - eyou (EyouCMS 1.x, static pages generated): columns /gzdt/, paged
//     /gzdt/list_TID_2.html with a DedeCMS-style pagelist, articles
//     /gzdt/ID.html and their dynamic form
//     /index.php?m=home&c=View&a=index&aid=ID (from the search results
//     and tag pages), the date alone (MyDate='Y-m-d'), the view count of
//     {eyou:arcclick}: an empty <i id="eyou_arcclick_ID_…"> filled by an
//     XMLHttpRequest of /index.php?m=api&c=Ajax&a=arcclick&type=view&aids=ID
//     answering the bare number (the function's argument completing the
//     URL), on 志愿服务's template after an icon (iconfont icon-liulan)
//     instead of 浏览：, a member login link, the robots.txt EyouCMS
//     ships;
//   - siteserver (SiteServer CMS 6, static pages): channels
//     /channels/TID.html, paged /channels/TID_2.html with first, previous,
//     next, last links and a page menu (a <select> whose onchange goes to
//     the chosen option's value), articles /contents/TID/ID.html, a long
//     one split as /contents/TID/ID_2.html, .NET's DateTime in the info
//     line (2023/3/1 10:15:03), on 志愿服务's template the author after
//     an icon (fa-user) instead of 作者：, the count of 点击：<span id="hits"> filled
//     by $.get of the hits action answering JSON [assumed the action's
//     path and answer], no robots.txt.
type ucSite struct {
	cms string
	// dynamic: every link in the CMS's dynamic form, as a site without
	// URL rewriting or generated pages has them: PbootCMS's compatible
	// mode (/?gzdt/ID.html, /?gzdt_2/, /?message/&page=2), EyouCMS's
	// index.php routes (…&c=Lists&a=index&tid=12&page=2, …&c=View&a=index&aid=ID).
	dynamic bool
	arts    []ucArt
	hits    hitCounter

	mu      sync.Mutex
	counted map[int]int // article id → counter requests
}

type ucArt struct {
	id, views          int
	col, title, author string
	date               time.Time
	split              bool // two pages (siteserver)
}

const (
	ucHost    = "top.wenming.test"
	ucSource  = "县文明办"
	ucPerPage = 5
)

// ucColumns are the site's columns: name and number (tid, channel id).
var ucColumns = map[string]struct {
	name string
	tid  int
}{"gzdt": {"工作动态", 12}, "zyfw": {"志愿服务", 13}}

func newUCSite(cms string, dynamic bool, n int) *ucSite {
	s := &ucSite{cms: cms, dynamic: dynamic, counted: map[int]int{}}
	cst := time.FixedZone("CST", 8*3600)
	for i := 0; i < n; i++ {
		s.arts = append(s.arts, ucArt{
			id:     201 + i*2,
			col:    []string{"gzdt", "zyfw"}[i%2],
			title:  fmt.Sprintf("青山县开展%s志愿服务活动（第%d期）", blogTopics[i%len(blogTopics)], i+1),
			date:   time.Date(2023, 5, 2, 9, 40, 12, 0, cst).Add(time.Duration(i) * 31 * time.Hour),
			author: []string{"赵云", "钱程", "孙丽"}[i%3],
			views:  500 + i*13,
			split:  cms == "siteserver" && i%4 == 1,
		})
	}
	return s
}

// body is the article's text, in paragraphs.
func (a ucArt) body() []string {
	p := []string{
		fmt.Sprintf("%s，青山县新时代文明实践中心组织志愿者走进第%d社区，开展%s志愿服务活动。", a.date.Format("1月2日"), a.id%60, blogTopics[a.id%len(blogTopics)]),
		"志愿者们向居民发放宣传资料，讲解文明知识，为老人测量血压、义务理发，现场气氛热烈，群众纷纷点赞。",
		fmt.Sprintf("据统计，本次活动共服务群众%d余人次，发放资料%d余份。", a.id%80+120, a.id%400+200),
	}
	if a.split {
		p = append(p, "活动结束后，县文明办负责人表示，将持续推动志愿服务常态化，让文明新风吹进千家万户。",
			fmt.Sprintf("下一步，青山县将以第%d期活动为起点，建立志愿服务积分制度，激励更多群众参与。", a.id%30+1))
	}
	return p
}

func (a ucArt) paras(k int) []string {
	if !a.split {
		return a.body()
	}
	if k == 1 {
		return a.body()[:3]
	}
	return a.body()[3:]
}

func (s *ucSite) byID(id int) (ucArt, int, bool) {
	for i, a := range s.arts {
		if a.id == id {
			return a, i, true
		}
	}
	return ucArt{}, 0, false
}

// inColumn is the column's articles, newest first.
func (s *ucSite) inColumn(col string) []ucArt {
	var out []ucArt
	for _, a := range slices.Backward(s.arts) {
		if a.col == col {
			out = append(out, a)
		}
	}
	return out
}

// path is the URL of page k of the article, as the lists link it.
func (s *ucSite) path(a ucArt, k int) string {
	if s.dynamic {
		return s.dynamicForm(a)
	}
	return s.route(a, k)
}

// link is the site's link to a route (a path, and its query after "?"):
// in PbootCMS's compatible mode all of it goes into the query.
func (s *ucSite) link(route string) string {
	if s.cms == "pboot" && s.dynamic {
		return "/?" + strings.Replace(strings.TrimPrefix(route, "/"), "?", "&", 1)
	}
	return route
}

// route is the path of page k of the article in the CMS's static form.
func (s *ucSite) route(a ucArt, k int) string {
	if s.cms == "siteserver" {
		if k > 1 {
			return fmt.Sprintf("/contents/%d/%d_%d.html", ucColumns[a.col].tid, a.id, k)
		}
		return fmt.Sprintf("/contents/%d/%d.html", ucColumns[a.col].tid, a.id)
	}
	return fmt.Sprintf("/%s/%d.html", a.col, a.id)
}

// dynamicForm is the article's dynamic URL, as search results link it.
func (s *ucSite) dynamicForm(a ucArt) string {
	switch s.cms {
	case "pboot":
		return fmt.Sprintf("/?%s/%d.html", a.col, a.id)
	case "eyou":
		return fmt.Sprintf("/index.php?m=home&c=View&a=index&aid=%d", a.id)
	}
	return s.route(a, 1)
}

// listPath is page k of a column.
func (s *ucSite) listPath(col string, k int) string {
	tid := ucColumns[col].tid
	switch {
	case s.cms == "eyou" && s.dynamic && k > 1:
		return fmt.Sprintf("/index.php?m=home&c=Lists&a=index&tid=%d&page=%d", tid, k)
	case s.cms == "eyou" && s.dynamic:
		return fmt.Sprintf("/index.php?m=home&c=Lists&a=index&tid=%d", tid)
	case s.cms == "pboot" && k > 1:
		return s.link(fmt.Sprintf("/%s_%d/", col, k))
	case s.cms == "pboot":
		return s.link("/" + col + "/")
	case s.cms == "eyou" && k > 1:
		return fmt.Sprintf("/%s/list_%d_%d.html", col, tid, k)
	case s.cms == "siteserver" && k > 1:
		return fmt.Sprintf("/channels/%d_%d.html", tid, k)
	case s.cms == "siteserver":
		return fmt.Sprintf("/channels/%d.html", tid)
	}
	return "/" + col + "/"
}

var (
	ucPbootListRe = regexp.MustCompile(`^/([a-z]+)(?:_(\d+))?/$`)
	ucEyouListRe  = regexp.MustCompile(`^/([a-z]+)/(?:list_\d+_(\d+)\.html)?$`)
	ucSSListRe    = regexp.MustCompile(`^/channels/(\d+)(?:_(\d+))?\.html$`)
)

func (s *ucSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.hits.count(r.URL.RequestURI())
	if offHost(w, r, ucHost) {
		return
	}
	p, q := r.URL.Path, r.URL.Query()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if s.cms == "pboot" && p == "/" && r.URL.RawQuery != "" {
		// The compatible mode's route is the query's first part.
		first, rest, _ := strings.Cut(r.URL.RawQuery, "&")
		if strings.Contains(first, "=") {
			s.pbootQuery(w, q)
			return
		}
		route, _ := url.QueryUnescape(first)
		p, q = "/"+route, nil
		q, _ = url.ParseQuery(rest)
	}
	switch {
	case p == "/robots.txt" && s.cms == "eyou":
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "User-agent: *\nDisallow: /application/\nDisallow: /core/\nDisallow: /data/\nDisallow: /extend/\nDisallow: /install/\nDisallow: /public/\nDisallow: /vendor/\nDisallow: /weapp/\nDisallow: /login.php\n")
		return
	case p == "/" || p == "/index.html":
		s.home(w)
		return
	case s.cms == "eyou" && p == "/index.php":
		s.eyouDynamic(w, q)
		return
	case s.cms == "siteserver" && p == "/api/sys/stl/actions/hits":
		id, _ := strconv.Atoi(q.Get("contentId"))
		s.count(w, id, `{"hits":%d}`)
		return
	case s.cms == "siteserver" && p == "/search.html":
		s.page(w, "站内搜索", `<form action="/search.html" method="get"><input name="word"><input type="submit" value="搜索"></form><div id="stlSearchResults"></div>`)
		return
	case s.cms == "pboot" && p == "/about/":
		s.page(w, "关于我们", `<div class="about"><h1>关于我们</h1><p>青山县文明网是中共青山县委宣传部、县文明办主办的文明创建工作网站，及时发布全县精神文明建设工作动态。</p><p>本网站坚持正确舆论导向，宣传先进典型，弘扬社会主义核心价值观，欢迎社会各界投稿。</p></div>`)
		return
	case s.cms == "pboot" && p == "/message/":
		s.pbootMessages(w, q.Get("page"))
		return
	case s.cms == "pboot" && p == "/search/":
		s.search(w, q.Get("keyword"), q.Get("page"))
		return
	}
	if a, k, ok := s.articleAt(p); ok {
		s.article(w, a, k)
		return
	}
	if col, k, ok := s.parseList(p); ok {
		s.list(w, col, k)
		return
	}
	w.WriteHeader(http.StatusNotFound)
	fmt.Fprint(w, `<html><head><title>404 Not Found</title></head><body><h1>404</h1><p>您访问的页面不存在！</p><a href="/">返回首页</a></body></html>`)
}

// articleAt returns the article and page whose static path is p.
func (s *ucSite) articleAt(p string) (ucArt, int, bool) {
	for _, a := range s.arts {
		for k := 1; k == 1 || a.split && k == 2; k++ {
			if s.route(a, k) == p {
				return a, k, true
			}
		}
	}
	return ucArt{}, 0, false
}

// parseList reads a column list's path: its column and page.
func (s *ucSite) parseList(p string) (col string, k int, ok bool) {
	var m []string
	switch s.cms {
	case "pboot":
		m = ucPbootListRe.FindStringSubmatch(p)
	case "eyou":
		m = ucEyouListRe.FindStringSubmatch(p)
	default:
		if m = ucSSListRe.FindStringSubmatch(p); m != nil {
			for c, v := range ucColumns {
				if strconv.Itoa(v.tid) == m[1] {
					m[1] = c
				}
			}
		}
	}
	if m == nil {
		return "", 0, false
	}
	if _, known := ucColumns[m[1]]; !known {
		return "", 0, false
	}
	k = 1
	if m[2] != "" {
		k, _ = strconv.Atoi(m[2])
	}
	return m[1], k, k >= 1
}

// count answers a counter request for article id in the form given.
func (s *ucSite) count(w http.ResponseWriter, id int, form string) {
	s.mu.Lock()
	a, _, ok := s.byID(id)
	if ok {
		s.counted[id]++
	}
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, nil)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintf(w, form, a.views)
}

// pbootQuery answers PbootCMS's query routes: the visits script
// /?p=/Do/visits/id/ID and tag pages /?tag=NAME.
func (s *ucSite) pbootQuery(w http.ResponseWriter, q url.Values) {
	switch {
	case strings.HasPrefix(q.Get("p"), "/Do/visits/id/"):
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"code":1,"data":"ok","tourl":""}`) // a visit added
		return
	case q.Get("tag") != "":
		var b strings.Builder
		fmt.Fprintf(&b, `<div class="list"><h2>标签：%s</h2><ul>`, q.Get("tag"))
		for i := len(s.arts) - 1; i >= 0; i -= 3 {
			a := s.arts[i]
			fmt.Fprintf(&b, `<li><a href="%s">%s</a><span>%s</span></li>`, s.path(a, 1), a.title, a.date.Format("2006-01-02"))
		}
		b.WriteString(`</ul></div>`)
		s.page(w, q.Get("tag"), b.String())
		return
	}
	w.WriteHeader(http.StatusNotFound)
	fmt.Fprint(w, `<html><body><p>您访问的页面不存在！</p></body></html>`)
}

// eyouDynamic answers EyouCMS's index.php routes.
func (s *ucSite) eyouDynamic(w http.ResponseWriter, q url.Values) {
	switch q.Get("m") + "/" + q.Get("c") + "/" + q.Get("a") {
	case "home/Lists/index":
		for col, v := range ucColumns {
			if strconv.Itoa(v.tid) == q.Get("tid") {
				k, err := strconv.Atoi(q.Get("page"))
				if err != nil {
					k = 1
				}
				s.list(w, col, k)
				return
			}
		}
	case "home/View/index":
		id, _ := strconv.Atoi(q.Get("aid"))
		if a, _, ok := s.byID(id); ok {
			s.article(w, a, 1)
			return
		}
	case "api/Ajax/arcclick":
		id, _ := strconv.Atoi(q.Get("aids"))
		s.count(w, id, "%d")
		return
	case "home/Search/lists":
		s.search(w, q.Get("keywords"), q.Get("page"))
		return
	case "home/Tags/lists":
		var b strings.Builder
		fmt.Fprintf(&b, `<div class="taglist"><h2>TAG标签：志愿服务</h2><ul>`)
		for i := len(s.arts) - 1; i >= 0; i -= 2 {
			a := s.arts[i]
			fmt.Fprintf(&b, `<li><a href="%s">%s</a><span>%s</span></li>`, s.dynamicForm(a), a.title, a.date.Format("2006-01-02"))
		}
		b.WriteString(`</ul></div>`)
		s.page(w, "志愿服务", b.String())
		return
	case "user/Users/login", "user/Users/reg":
		s.page(w, "会员登录", `<form action="/index.php?m=user&amp;c=Users&amp;a=login" method="post">用户名：<input name="username"> 密码：<input type="password" name="password"><input type="submit" value="登录"></form><a href="/index.php?m=user&amp;c=Users&amp;a=reg">注册</a>`)
		return
	}
	w.WriteHeader(http.StatusNotFound)
	fmt.Fprint(w, `<html><body><p>页面不存在</p></body></html>`)
}

// page writes a page of the site's template around main.
func (s *ucSite) page(w http.ResponseWriter, title, main string) {
	var nav strings.Builder
	nav.WriteString(`<ul class="nav"><li><a href="/">首页</a></li>`)
	for _, col := range []string{"gzdt", "zyfw"} {
		fmt.Fprintf(&nav, `<li><a href="%s">%s</a></li>`, s.listPath(col, 1), ucColumns[col].name)
	}
	head, foot := "", ""
	switch s.cms {
	case "pboot":
		fmt.Fprintf(&nav, `<li><a href="%s">关于我们</a></li><li><a href="%s">在线留言</a></li>`, s.link("/about/"), s.link("/message/"))
		head = `<form action="/search/" method="get"><input name="keyword"><button>搜索</button></form>`
		foot = `<a href="/?tag=%E5%BF%97%E6%84%BF%E6%9C%8D%E5%8A%A1">志愿服务</a> <a href="` + s.link("/search/?keyword=%E5%BF%97%E6%84%BF") + `">志愿</a>`
	case "eyou":
		head = `<a href="/index.php?m=user&amp;c=Users&amp;a=login">登录</a> <form action="/index.php" method="get"><input type="hidden" name="m" value="home"><input type="hidden" name="c" value="Search"><input type="hidden" name="a" value="lists"><input name="keywords"></form>`
		foot = `<a href="/index.php?m=home&amp;c=Tags&amp;a=lists&amp;tagid=3">志愿服务</a> <a href="/index.php?m=home&amp;c=Search&amp;a=lists&amp;keywords=%E5%BF%97%E6%84%BF">志愿</a>`
	default:
		head = `<script src="/sitefiles/assets/jquery/jquery-1.9.1.min.js"></script>`
		foot = `<a href="/search.html">站内搜索</a>`
	}
	nav.WriteString(`</ul>`)
	full := "青山县文明网"
	if title != "" {
		full = title + " - 青山县文明网"
	}
	fmt.Fprintf(w, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>%s</title><meta name="keywords" content="青山县文明网"></head>`+
		`<body><div class="header"><div class="logo"><a href="/">青山县文明网</a></div>%s</div><div class="menu">%s</div><div class="main">%s</div>`+
		`<div class="footer">热门：%s<br>主办：中共青山县委宣传部 青山县文明办 地址：青山县人民路8号 备案号：冀ICP备12345678号</div></body></html>`,
		full, head, nav.String(), main, foot)
}

// crumbs is the breadcrumb of a column.
func (s *ucSite) crumbs(col string) string {
	return fmt.Sprintf(`<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="%s">%s</a></div>`, s.listPath(col, 1), ucColumns[col].name)
}

func (s *ucSite) home(w http.ResponseWriter) {
	var b strings.Builder
	for _, col := range []string{"gzdt", "zyfw"} {
		fmt.Fprintf(&b, `<div class="box"><h3>%s</h3><a class="more" href="%s">更多</a><ul>`, ucColumns[col].name, s.listPath(col, 1))
		for j, a := range s.inColumn(col) {
			if j == 6 {
				break
			}
			fmt.Fprintf(&b, `<li><a href="%s">%s</a><span>%s</span></li>`, s.path(a, 1), a.title, a.date.Format("01-02"))
		}
		b.WriteString(`</ul></div>`)
	}
	s.page(w, "", b.String())
}

// list writes page k of a column, with the CMS's pager.
func (s *ucSite) list(w http.ResponseWriter, col string, k int) {
	in := s.inColumn(col)
	pages := max(1, (len(in)+ucPerPage-1)/ucPerPage)
	if k > pages {
		if s.cms != "pboot" {
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `<html><body>404</body></html>`)
			return
		}
		k = pages // PbootCMS's Paging clamps the page number
	}
	var b strings.Builder
	b.WriteString(s.crumbs(col))
	b.WriteString(`<div class="list"><ul>`)
	for _, a := range in[(k-1)*ucPerPage : min(len(in), k*ucPerPage)] {
		fmt.Fprintf(&b, `<li><a href="%s" title="%s">%s</a><span class="date">%s</span></li>`, s.path(a, 1), a.title, a.title, a.date.Format("2006-01-02"))
	}
	b.WriteString(`</ul></div>`)
	b.WriteString(s.pager(func(j int) string { return s.listPath(col, j) }, k, pages, len(in)))
	s.page(w, ucColumns[col].name, b.String())
}

// pager is the CMS's list pager of page k of pages.
func (s *ucSite) pager(link func(int) string, k, pages, total int) string {
	var b strings.Builder
	switch s.cms {
	case "pboot":
		fmt.Fprintf(&b, `<div class="pagebar"><span class="page-status">共%d条 当前%d/%d页</span><span class="page-index"><a href="%s">首页</a></span><span class="page-pre"><a href="%s">前一页</a></span><span class="page-numbar">`,
			total, k, pages, link(1), link(max(1, k-1)))
		for j := 1; j <= pages; j++ {
			cls := "page-num"
			if j == k {
				cls += " page-num-current"
			}
			fmt.Fprintf(&b, `<a href="%s" class="%s">%d</a>`, link(j), cls, j)
		}
		fmt.Fprintf(&b, `</span><span class="page-next"><a href="%s">后一页</a></span><span class="page-last"><a href="%s">尾页</a></span></div>`, link(min(pages, k+1)), link(pages))
	case "eyou":
		b.WriteString(`<div class="pagelist"><ul>`)
		dedePageItems(&b, link, k, pages)
		fmt.Fprintf(&b, `<li><a href="%s">末页</a></li><li><span class="pageinfo">共 <strong>%d</strong>页<strong>%d</strong>条记录</span></li></ul></div>`, link(pages), pages, total)
	default:
		b.WriteString(`<div class="pages">`)
		if k > 1 {
			fmt.Fprintf(&b, `<a href="%s">首页</a> | <a href="%s">上一页</a> | `, link(1), link(k-1))
		}
		if k < pages {
			fmt.Fprintf(&b, `<a href="%s">下一页</a> | <a href="%s">末页</a>`, link(k+1), link(pages))
		}
		fmt.Fprintf(&b, ` %d/%d <select onchange="window.location.href=this.options[this.selectedIndex].value">`, k, pages)
		for j := 1; j <= pages; j++ {
			fmt.Fprintf(&b, `<option value="%s">%d</option>`, link(j), j)
		}
		b.WriteString(`</select></div>`)
	}
	return b.String()
}

// dedePageItems writes the items of DedeCMS's pagelist for page k of
// pages (EyouCMS copies it): 首页, 上一页 past the first page, the page
// numbers, the current one unlinked, 下一页 before the last.
func dedePageItems(b *strings.Builder, link func(int) string, k, pages int) {
	fmt.Fprintf(b, `<li><a href="%s">首页</a></li>`, link(1))
	if k > 1 {
		fmt.Fprintf(b, `<li><a href="%s">上一页</a></li>`, link(k-1))
	}
	for j := 1; j <= pages; j++ {
		if j == k {
			fmt.Fprintf(b, `<li class="thisclass">%d</li>`, j)
		} else {
			fmt.Fprintf(b, `<li><a href="%s">%d</a></li>`, link(j), j)
		}
	}
	if k < pages {
		fmt.Fprintf(b, `<li><a href="%s">下一页</a></li>`, link(k+1))
	}
}

// search writes page n of the on-site search: the articles whose title
// holds q, four a page, linked by their dynamic form.
func (s *ucSite) search(w http.ResponseWriter, q, page string) {
	n := ucPageNumber(page)
	var found []ucArt
	for _, a := range slices.Backward(s.arts) {
		if q != "" && strings.Contains(a.title, q) {
			found = append(found, a)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="search"><p>“%s”的搜索结果，共%d条</p><ul>`, q, len(found))
	for _, a := range found[min(len(found), (n-1)*4):min(len(found), n*4)] {
		fmt.Fprintf(&b, `<li><a href="%s">%s</a><p>%s…</p><span>%s</span></li>`, s.dynamicForm(a), a.title, string([]rune(a.body()[0])[:24]), a.date.Format("2006-01-02"))
	}
	b.WriteString(`</ul></div>`)
	link := func(j int) string {
		if s.cms == "eyou" {
			return fmt.Sprintf("/index.php?m=home&c=Search&a=lists&keywords=%s&page=%d", url.QueryEscape(q), j)
		}
		return s.link(fmt.Sprintf("/search/?keyword=%s&page=%d", url.QueryEscape(q), j))
	}
	b.WriteString(s.pager(link, n, max(1, (len(found)+3)/4), len(found)))
	s.page(w, "搜索结果", b.String())
}

// pbootMessages writes a page of the 留言板: dated messages with replies.
func (s *ucSite) pbootMessages(w http.ResponseWriter, page string) {
	n := ucPageNumber(page)
	var b strings.Builder
	b.WriteString(`<div class="message"><h2>在线留言</h2>`)
	for j := 0; j < 4; j++ {
		d := s.arts[0].date.Add(time.Duration(n*4+j) * 5 * time.Hour)
		fmt.Fprintf(&b, `<div class="msg-item"><p class="msg-head">网友%d 留言时间：%s</p><p>建议在第%d社区多开展一些面向老年人的%s活动，丰富大家的业余文化生活，也希望志愿者能多上门服务。</p><p class="reply">管理员回复：感谢您的建议，我们已转交相关部门，近期将安排志愿者走进社区。</p></div>`,
			n*4+j, d.Format("2006-01-02 15:04:05"), n*4+j+1, blogTopics[(n*4+j)%len(blogTopics)])
	}
	b.WriteString(`<form action="/?p=/Message/add" method="post"><textarea name="content"></textarea><input name="checkcode"><img src="/core/code.php"><button>提交留言</button></form></div>`)
	b.WriteString(s.pager(func(j int) string { return s.link(fmt.Sprintf("/message/?page=%d", j)) }, n, 3, 12))
	s.page(w, "在线留言", b.String())
}

// article writes page k of an article in the CMS's template.
func (s *ucSite) article(w http.ResponseWriter, a ucArt, k int) {
	var b strings.Builder
	b.WriteString(s.crumbs(a.col))
	fmt.Fprintf(&b, `<div class="article"><h1>%s</h1>`, a.title)
	switch {
	case s.cms == "pboot" && a.col == "zyfw":
		// A template of the market's kind: the date and the count marked
		// by icons, not words.
		fmt.Fprintf(&b, `<div class="article-info"><span><i class="fa fa-clock-o"></i> %s</span> <span>来源：%s</span> <span>作者：%s</span> <span><i class="fa fa-eye"></i> %d</span></div>`, a.date.Format("2006-01-02 15:04:05"), ucSource, a.author, a.views)
	case s.cms == "pboot":
		fmt.Fprintf(&b, `<div class="article-info">发布时间：%s &nbsp;&nbsp; 来源：%s &nbsp;&nbsp; 作者：%s &nbsp;&nbsp; 浏览：<script src='%s' async='async'></script>%d次</div>`,
			a.date.Format("2006-01-02 15:04:05"), ucSource, a.author, s.link(fmt.Sprintf("/?p=/Do/visits/id/%d", a.id)), a.views)
	case s.cms == "eyou":
		fmt.Fprintf(&b, `<div class="info"><span>发布时间：%s</span> <span>来源：%s</span> <span>作者：%s</span> <span>%s<i id="eyou_arcclick_%d_5f2c1a" class="eyou_arcclick" style="font-style:normal"></i>`+
			`<script type="text/javascript">function tag_arcclick(aid){var ajax = new XMLHttpRequest();ajax.open("get", "/index.php?m=api&c=Ajax&a=arcclick&type=view&aids="+aid, true);ajax.setRequestHeader("X-Requested-With","XMLHttpRequest");ajax.send();`+
			`ajax.onreadystatechange = function () {if (ajax.readyState==4 && ajax.status==200) {document.getElementById("eyou_arcclick_%d_5f2c1a").innerHTML = ajax.responseText;}}}tag_arcclick(%d);</script></span></div>`,
			a.date.Format("2006-01-02"), ucSource, a.author, map[bool]string{true: `<i class="iconfont icon-liulan"></i>`, false: "浏览："}[a.col == "zyfw"], a.id, a.id, a.id)
	default:
		author := "作者：" + a.author
		if a.col == "zyfw" {
			author = `<i class="fa fa-user"></i> ` + a.author // the market's template: an icon for the label
		}
		fmt.Fprintf(&b, `<div class="info">发布时间：%s &nbsp; 来源：%s &nbsp; <span>%s</span> &nbsp; 点击：<span id="hits"></span></div>`+
			`<script>$(function(){ $.get("/api/sys/stl/actions/hits?siteId=1&channelId=%d&contentId=%d", function(d){ $("#hits").html(d.hits); }); });</script>`,
			dotnetTime(a.date), ucSource, author, ucColumns[a.col].tid, a.id)
	}
	b.WriteString(`<div class="content">`)
	for _, p := range a.paras(k) {
		fmt.Fprintf(&b, `<p>%s</p>`, p)
	}
	b.WriteString(`</div>`)
	if a.split {
		b.WriteString(`<div class="pagination">`)
		for j := 1; j <= 2; j++ {
			fmt.Fprintf(&b, `<a href="%s">%d</a> `, s.path(a, j), j)
		}
		if k == 1 {
			fmt.Fprintf(&b, `<a href="%s">下一页</a>`, s.path(a, 2))
		}
		b.WriteString(`</div>`)
	}
	b.WriteString(`<div class="prenext">`)
	col := s.inColumn(a.col)
	for j, o := range col {
		if o.id != a.id {
			continue
		}
		if j+1 < len(col) {
			fmt.Fprintf(&b, `<p>上一篇：<a href="%s">%s</a></p>`, s.path(col[j+1], 1), col[j+1].title)
		} else {
			b.WriteString(`<p>上一篇：没有了</p>`)
		}
		if j > 0 {
			fmt.Fprintf(&b, `<p>下一篇：<a href="%s">%s</a></p>`, s.path(col[j-1], 1), col[j-1].title)
		} else {
			b.WriteString(`<p>下一篇：没有了</p>`)
		}
	}
	b.WriteString(`</div></div>`)
	s.page(w, a.title, b.String())
}

// ucPageNumber reads a page parameter: 1 when absent or not a page.
func ucPageNumber(page string) int {
	if n, err := strconv.Atoi(page); err == nil && n > 1 {
		return n
	}
	return 1
}

// dotnetTime is t as .NET's DateTime.ToString() writes it in the zh-CN
// culture: 2023/5/2 9:40:12, month, day and hour unpadded.
func dotnetTime(t time.Time) string {
	return fmt.Sprintf("%d/%d/%d %d:%02d:%02d", t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second())
}

// TestUnseenCMSSites crawls a county site on each of PbootCMS, EyouCMS
// and SiteServer CMS (see ucSite): every article is archived once under
// the URL its lists link, with its title, publish time, column, source,
// author, whole body and view count; no list, search, tag, message,
// login or 单页 is an article; each counter is read once; the static
// page of each article is fetched at most twice and the crawl ends in a
// bounded number of requests.
func TestUnseenCMSSites(t *testing.T) {
	for _, tc := range []struct {
		cms     string
		dynamic bool
	}{{"pboot", false}, {"pboot", true}, {"eyou", false}, {"eyou", true}, {"siteserver", false}} {
		for _, n := range []int{24, 150} {
			t.Run(fmt.Sprintf("%s,dynamic=%v,n=%d", tc.cms, tc.dynamic, n), func(t *testing.T) { testUnseenCMSSite(t, tc.cms, tc.dynamic, n) })
		}
	}
}

func testUnseenCMSSite(t *testing.T, cms string, dynamic bool, n int) {
	site := newUCSite(cms, dynamic, n)
	sink := &jpSink{}
	_, sum := crawlWeb(t, site, Options{Workers: 4, FetchCounters: true}, sink.store)
	var urls []string
	fields := 0
	for _, a := range site.arts {
		// The URL its lists link, its query sorted as the crawl keeps it.
		u, err := Canonicalize("http://" + ucHost + site.path(a, 1))
		if err != nil {
			t.Fatal(err)
		}
		urls = append(urls, u)
		published := a.date.Truncate(time.Minute)
		if cms == "eyou" {
			y, m, d := a.date.Date()
			published = time.Date(y, m, d, 0, 0, 0, 0, a.date.Location()) // the day alone, in China time
		}
		got := sink.get(u)
		if !wantRecord(t, u, got, a.title, published, ucColumns[a.col].name) {
			continue
		}
		right := 0
		check := func(field string, ok bool, got, want any) {
			if !ok {
				t.Errorf("%s: %s %v, want %v", u, field, got, want)
				return
			}
			right++
		}
		check("source", got.Source == ucSource, got.Source, ucSource)
		check("author", got.Author == a.author, got.Author, a.author)
		want := strings.Join(a.body(), "\n")
		check("body", got.Body == want, got.Body, want)
		check("views", got.Views != nil && *got.Views == int64(a.views), viewsText(got.Views), a.views)
		if right == 4 && got.Title == a.title && got.Published.Equal(published) && got.Column == ucColumns[a.col].name {
			fields++
		}
	}
	sink.wantOnly(t, urls)
	// Every page the site links answers: a 404 is a link the crawl
	// changed into one the site does not have.
	if len(sum.Errors) > 0 {
		t.Errorf("errors %v", sum.Errors)
	}
	site.hits.mu.Lock()
	defer site.hits.mu.Unlock()
	total := 0
	for _, n := range site.hits.hits {
		total += n
	}
	for _, a := range site.arts {
		if n := site.hits.hits[site.path(a, 1)]; n > 2 {
			t.Errorf("%s fetched %d times", site.path(a, 1), n)
		}
	}
	site.mu.Lock()
	var reread []string
	for id, n := range site.counted {
		if n > 1 {
			reread = append(reread, fmt.Sprintf("%d (%d times)", id, n))
		}
	}
	site.mu.Unlock()
	if len(reread) > 0 {
		t.Errorf("counters read more than once: %v", reread)
	}
	shapes := map[string]int{}
	for k, n := range site.hits.hits {
		shapes[regexp.MustCompile(`\d+`).ReplaceAllString(k, "N")] += n
	}
	t.Logf("requests by shape: %v", shapes)
	t.Logf("%s: requests %d (at the site %d), records %d of %d, all fields right %d, pages %d, other pages %d, aliased %d, stopped %v, errors %v",
		cms, sum.Requests, total, sink.count(), len(site.arts), fields, sum.Pages, sum.OtherPages, sum.ArticlesAliased, sum.Stopped, sum.Errors)
	if limit := 6*len(site.arts) + 60; total > limit {
		t.Errorf("%d requests at the site, want at most %d", total, limit)
	}
}

// viewsText is a view count for a message: the number, or "none".
func viewsText(v *int64) string {
	if v == nil {
		return "none"
	}
	return strconv.FormatInt(*v, 10)
}

// TestUnseenCMSRecrawl crawls the EyouCMS site (static pages and their
// dynamic forms) and the SiteServer site twice with the same crawl state,
// as a scheduled crawl does, the later crawl on a copy of the site that
// counts its own requests: where nothing is new, it still visits every
// article and reads each counter once.
func TestUnseenCMSRecrawl(t *testing.T) {
	for _, cms := range []string{"eyou", "siteserver"} {
		t.Run(cms, func(t *testing.T) {
			state, sink := t.TempDir(), &jpSink{}
			opts := Options{Workers: 4, FetchCounters: true}
			var later *ucSite
			var sum Summary
			for run := 0; run < 2; run++ {
				later = newUCSite(cms, false, 60)
				srv := httptest.NewServer(later)
				_, sum = runInState(t, srv.URL, state, opts, sink.store)
				srv.Close()
			}
			for _, a := range later.arts {
				visits, reads := later.hits.requests(later.path(a, 1)), later.counted[a.id]
				if visits == 0 || reads != 1 {
					t.Errorf("%s: visited %d times, its counter read %d times by the later crawl; want a visit and one read", later.path(a, 1), visits, reads)
				}
			}
			t.Logf("later crawl: %d requests for %d articles, stopped %v, errors %v", sum.Requests, len(later.arts), sum.Stopped, sum.Errors)
		})
	}
}
