package crawl

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// iisSite is a county site on Windows/IIS, in one of two builds that
// county sites of the 2005–2020 era run:
//
//   - aspnet: a bespoke ASP.NET (WebForms) CMS — /Default.aspx,
//     /News/List.aspx?ClassID=N, /News/Show.aspx?ID=N, a print view at
//     Show.aspx?ID=N&print=1, a view count a page script asks of an .ashx
//     handler that answers the bare number, lists paged by AspNetPager:
//     one column in URL mode (&page=2), the other in postback mode
//     (<a href="javascript:__doPostBack('AspNetPager1','2')">, answered
//     only to a POST of the page's form with its __VIEWSTATE and
//     __EVENTVALIDATION), customErrors sending a missing page or a
//     missing article (a bad ID throws) by 302 to
//     /Error.aspx?aspxerrorpath=/…, which answers 200;
//   - powereasy: a classic-ASP CMS of the 动易 PowerEasy kind —
//     /Article/ShowArticle.asp?ArticleID=N and the static page it
//     generates, /Article/HTML/N.html, dynamic lists
//     ShowClass.asp?ClassID=N&page=2 and static ones List_N.html,
//     List_N_2.html, the count written by /Article/GetHits.asp?ArticleID=N
//     (document.write('456')), the date labelled 更新时间 (PowerEasy's
//     only date, which editors set as the publish time), a print view
//     Print.asp?ArticleID=N, long articles split by [NextPage] (N_2.html,
//     ShowArticle.asp?ArticleID=N&ArticlePage=2, under a 【1】【2】【下一页】
//     pager; the page forms are assumed), and a missing article answered
//     200 with the CMS's error message.
//
// Known of both, and modelled as seen: IIS answers every path and every
// query parameter name in any case, and templates link one page in
// several cases (the menu /News/List.aspx?ClassID=1, the breadcrumb
// /news/list.aspx?classid=1, a hot list /NEWS/SHOW.ASPX?Id=N); every
// answer carries Server: Microsoft-IIS/x and X-Powered-By: ASP.NET, a
// session cookie (ASP.NET_SessionId, ASPSESSIONID…) and a bare text/html
// Content-Type, the charset (gb2312) declared in <meta> only; ASP.NET's
// HttpUtility.UrlEncode writes lower-case percent escapes
// (%e5%bf%97) where a hand-written link writes upper-case ones; the
// templates are nested tables, the body in a <td> beside navigation tds,
// <font> tags and &nbsp; indents; every ASP.NET page is one <form> with
// its __VIEWSTATE; robots.txt names the admin directory in one case
// while the footer links it in another. Assumed (one plausible choice,
// never one that eases the crawl): the list rows and homepage of the
// PowerEasy build link static pages, its hot list, search and dynamic
// lists the dynamic ones; every article names its column's neighbours
// (上一篇/下一篇), as both CMSs' templates do — the only way to the
// articles of the postback column's later pages, since the crawler
// submits no form (see the package doc; without those links, 5 of the
// column's 11 articles are not reached).
type iisSite struct {
	powerEasy bool
	articles  []iisArticle
	hits      hitCounter
	posts     atomic.Int64 // POST requests (postback pagers)
	session   atomic.Int64
}

type iisArticle struct {
	id     int
	class  int // column number
	title  string
	date   time.Time
	source string
}

var iisColumns = map[int]string{1: "工作动态", 2: "志愿服务"}

const iisPerPage = 4

func newIISSite(n int, powerEasy bool) *iisSite {
	s := &iisSite{powerEasy: powerEasy}
	cst := time.FixedZone("CST", 8*3600)
	for i := 0; i < n; i++ {
		class := 1
		if i%2 == 1 {
			class = 2
		}
		topic := blogTopics[i%len(blogTopics)]
		s.articles = append(s.articles, iisArticle{
			id:     300 + i*3,
			class:  class,
			title:  fmt.Sprintf("临城县开展%s主题活动（第%d期）", topic, i+1),
			date:   time.Date(2023, 9, 4, 9, 30, 0, 0, cst).Add(time.Duration(i) * 53 * time.Hour),
			source: "县文明办",
		})
	}
	return s
}

// views is the article's view count, as the counter answers it.
func (a iisArticle) views() int64 { return int64(a.id*7 + 11) }

// paras are the article's paragraphs.
func (a iisArticle) paras() []string {
	return []string{
		fmt.Sprintf("%s，临城县新时代文明实践中心组织志愿者走进第%d村，开展“%s”主题志愿服务活动。", a.date.Format("1月2日"), a.id, blogTopics[(a.id/3)%len(blogTopics)]),
		"活动现场，志愿者们向过往群众发放宣传资料，耐心讲解相关知识，并结合身边的典型事例，引导群众自觉树立文明新风，积极参与文明城市创建。",
		"在村文化广场，县医院的医务志愿者为村民量血压、测血糖，提供健康咨询；理发志愿者为老人义务理发；家电维修志愿者为村民检修电器，现场气氛热烈。",
		fmt.Sprintf("据统计，本次活动共发放宣传资料%d余份，服务群众%d余人次，受到了广大群众的一致好评。", a.id*2, a.id/2),
	}
}

func (s *iisSite) byID(id int) (iisArticle, bool) {
	for _, a := range s.articles {
		if a.id == id {
			return a, true
		}
	}
	return iisArticle{}, false
}

// inColumn returns the articles of a column, newest first.
func (s *iisSite) inColumn(class int) []iisArticle {
	var out []iisArticle
	for i := len(s.articles) - 1; i >= 0; i-- {
		if s.articles[i].class == class {
			out = append(out, s.articles[i])
		}
	}
	return out
}

// neighbours are the articles before and after a in its column (zero
// values where there is none).
func (s *iisSite) neighbours(a iisArticle) (prev, next iisArticle) {
	col := s.inColumn(a.class)
	for i, b := range col {
		if b.id != a.id {
			continue
		}
		if i+1 < len(col) {
			prev = col[i+1]
		}
		if i > 0 {
			next = col[i-1]
		}
	}
	return prev, next
}

// query reads a query parameter by name in any case, as ASP.NET's and
// classic ASP's Request.QueryString do.
func iisQuery(r *http.Request, name string) string {
	for k, v := range r.URL.Query() {
		if strings.EqualFold(k, name) && len(v) > 0 {
			return v[0]
		}
	}
	if r.Method == http.MethodPost {
		r.ParseForm()
		for k, v := range r.PostForm {
			if strings.EqualFold(k, name) && len(v) > 0 {
				return v[0]
			}
		}
	}
	return ""
}

// articleURL is how the site's lists link an article.
func (s *iisSite) articleURL(a iisArticle) string {
	if s.powerEasy {
		return fmt.Sprintf("/Article/HTML/%d.html", a.id)
	}
	return fmt.Sprintf("/News/Show.aspx?ID=%d", a.id)
}

// dynamicURL is the article's dynamic page as the hot list writes it.
func (s *iisSite) dynamicURL(a iisArticle) string {
	if s.powerEasy {
		return fmt.Sprintf("/article/ShowArticle.asp?ArticleID=%d", a.id)
	}
	return fmt.Sprintf("/NEWS/SHOW.ASPX?Id=%d", a.id)
}

// canonical is the URL the archive should keep the article under: the
// lower-case form of its page (IIS answers any case; the lower-case
// form is the one that does not depend on which link came first), the
// static one for PowerEasy.
func (s *iisSite) canonical(a iisArticle) string {
	return "http://top.wenming.test" + strings.ToLower(s.articleURL(a))
}

// columnURL is a column's list as the menu links it, page k.
func (s *iisSite) columnURL(class, k int) string {
	switch {
	case s.powerEasy && class == 1 && k == 1:
		return fmt.Sprintf("/Article/List_%d.html", class)
	case s.powerEasy && class == 1:
		return fmt.Sprintf("/Article/List_%d_%d.html", class, k)
	case s.powerEasy && k == 1:
		return fmt.Sprintf("/Article/ShowClass.asp?ClassID=%d", class)
	case s.powerEasy:
		return fmt.Sprintf("/Article/ShowClass.asp?ClassID=%d&page=%d", class, k)
	case k == 1:
		return fmt.Sprintf("/News/List.aspx?ClassID=%d", class)
	}
	return fmt.Sprintf("/News/List.aspx?ClassID=%d&page=%d", class, k)
}

// crumbURL is a column as the breadcrumb links it.
func (s *iisSite) crumbURL(class int) string {
	if s.powerEasy {
		return fmt.Sprintf("/Article/ShowClass.asp?ClassID=%d", class)
	}
	return fmt.Sprintf("/news/list.aspx?classid=%d", class)
}

func (s *iisSite) home() string {
	if s.powerEasy {
		return "/Index.asp"
	}
	return "/Default.aspx"
}

const iisTopic = "志愿服务"

// iisTopicLink is the hot word's search, as a hand-written link escapes
// it (upper case) and as HttpUtility.UrlEncode does (lower case).
func iisTopicLink(lower bool) string {
	q := url.QueryEscape(iisTopic)
	if lower {
		q = strings.ToLower(q)
	}
	return "/Search.aspx?kw=" + q
}

func (s *iisSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.hits.count(r.Method + " " + r.URL.RequestURI())
	if r.Method == http.MethodPost {
		s.posts.Add(1)
	}
	if offHost(w, r, "top.wenming.test") {
		return
	}
	w.Header().Set("X-Powered-By", "ASP.NET")
	if s.powerEasy {
		w.Header().Set("Server", "Microsoft-IIS/6.0")
		w.Header().Set("Set-Cookie", fmt.Sprintf("ASPSESSIONIDQQBTRCSA=KD%dFPOBDLJ; path=/", s.session.Add(1)))
	} else {
		w.Header().Set("Server", "Microsoft-IIS/7.5")
		w.Header().Set("X-AspNet-Version", "2.0.50727")
		w.Header().Set("Set-Cookie", fmt.Sprintf("ASP.NET_SessionId=k%dv3a55jlwzr45ub0v2; path=/; HttpOnly", s.session.Add(1)))
	}
	p := strings.ToLower(r.URL.Path) // NTFS: any case
	if p == "/robots.txt" {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "User-agent: *\nDisallow: /Admin/\nDisallow: /Inc/\n")
		return
	}
	if strings.HasPrefix(p, "/admin/") || strings.HasPrefix(p, "/inc/") {
		s.page(w, "后台管理", `<table><tr><td>用户名：<input name="u"></td></tr></table>`, "")
		return
	}
	if s.powerEasy {
		s.servePowerEasy(w, r, p)
		return
	}
	s.serveASPNET(w, r, p)
}

func (s *iisSite) serveASPNET(w http.ResponseWriter, r *http.Request, p string) {
	switch p {
	case "/", "/default.aspx":
		s.homePage(w)
	case "/news/list.aspx":
		class, _ := strconv.Atoi(iisQuery(r, "classid"))
		if _, ok := iisColumns[class]; !ok {
			s.aspError(w, r)
			return
		}
		k := 1
		if class == 2 {
			// Postback mode: the page is what the form posts.
			if r.Method == http.MethodPost && iisQuery(r, "__EVENTTARGET") == "AspNetPager1" {
				k, _ = strconv.Atoi(iisQuery(r, "__EVENTARGUMENT"))
			}
		} else if v := iisQuery(r, "page"); v != "" {
			k, _ = strconv.Atoi(v)
		}
		s.list(w, r, class, k)
	case "/news/show.aspx":
		id, _ := strconv.Atoi(iisQuery(r, "id"))
		a, ok := s.byID(id)
		if !ok {
			s.aspError(w, r)
			return
		}
		if iisQuery(r, "print") == "1" {
			s.printView(w, a)
			return
		}
		s.articlePage(w, a, 1, false)
	case "/ajax/hits.ashx":
		id, _ := strconv.Atoi(iisQuery(r, "id"))
		a, ok := s.byID(id)
		w.Header().Set("Content-Type", "text/plain")
		if !ok {
			fmt.Fprint(w, "0")
			return
		}
		fmt.Fprint(w, a.views())
	case "/search.aspx":
		s.search(w, r)
	case "/error.aspx":
		s.page(w, "出错了", `<table width="100%"><tr><td align="center" height="200"><font color="red">对不起，您访问的页面不存在或已被删除！</font><br><a href="/Default.aspx">返回首页</a></td></tr></table>`, "")
	default:
		s.aspError(w, r)
	}
}

// aspError is customErrors' defaultRedirect: 302 to the error page.
func (s *iisSite) aspError(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Location", "/Error.aspx?aspxerrorpath="+r.URL.Path)
	w.WriteHeader(http.StatusFound)
	fmt.Fprintf(w, `<html><head><title>Object moved</title></head><body><h2>Object moved to <a href="/Error.aspx?aspxerrorpath=%s">here</a>.</h2></body></html>`, r.URL.Path)
}

func (s *iisSite) servePowerEasy(w http.ResponseWriter, r *http.Request, p string) {
	switch {
	case p == "/" || p == "/index.asp":
		s.homePage(w)
	case p == "/article/showclass.asp":
		class, _ := strconv.Atoi(iisQuery(r, "classid"))
		k, _ := strconv.Atoi(iisQuery(r, "page"))
		s.list(w, r, class, max(k, 1))
	case strings.HasPrefix(p, "/article/list_") && strings.HasSuffix(p, ".html"):
		parts := strings.Split(strings.TrimSuffix(strings.TrimPrefix(p, "/article/list_"), ".html"), "_")
		class, _ := strconv.Atoi(parts[0])
		k := 1
		if len(parts) == 2 {
			k, _ = strconv.Atoi(parts[1])
		}
		if _, ok := iisColumns[class]; !ok || k < 1 {
			http.NotFound(w, r)
			return
		}
		s.list(w, r, class, k)
	case p == "/article/showarticle.asp", p == "/article/print.asp", strings.HasPrefix(p, "/article/html/"):
		idText, page := iisQuery(r, "articleid"), iisQuery(r, "articlepage")
		if strings.HasPrefix(p, "/article/html/") {
			idText = strings.TrimSuffix(strings.TrimPrefix(p, "/article/html/"), ".html")
			idText, page, _ = strings.Cut(idText, "_")
		}
		id, _ := strconv.Atoi(idText)
		a, ok := s.byID(id)
		k := 1
		if page != "" {
			k, _ = strconv.Atoi(page)
		}
		if ok && (k < 1 || k > s.pages(a)) {
			ok = false
		}
		switch {
		case !ok && strings.HasPrefix(p, "/article/html/"):
			http.NotFound(w, r)
		case !ok:
			s.page(w, "错误信息", `<table width="400" align="center" class="border"><tr class="title"><td>错误信息</td></tr><tr><td><b>产生错误的可能原因：</b><li>你要找的文章不存在，或者已经被管理员删除！</li></td></tr><tr><td align="center"><a href="javascript:history.go(-1)">&lt;&lt; 返回上一页</a></td></tr></table>`, "")
		case p == "/article/print.asp":
			s.printView(w, a)
		default:
			s.articlePage(w, a, k, strings.HasPrefix(p, "/article/html/"))
		}
	case p == "/article/gethits.asp":
		id, _ := strconv.Atoi(iisQuery(r, "articleid"))
		a, _ := s.byID(id)
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprintf(w, "document.write('%d');", a.views())
	case p == "/search.aspx":
		// PowerEasy's search is Search.asp; the hot word links it as the
		// ASP.NET site does, so both builds share the hot-word trap.
		s.search(w, r)
	default:
		http.NotFound(w, r)
	}
}

// page writes a page of the table template, encoded in GB2312 as its
// <meta> says (the header names no charset).
func (s *iisSite) page(w http.ResponseWriter, title, main, foot string) {
	w.Header().Set("Content-Type", "text/html")
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">` + "\n")
	b.WriteString(`<html xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312" /><title>`)
	if title != "" {
		b.WriteString(title + "-")
	}
	b.WriteString(`临城县文明网</title><link href="/Css/style.css" rel="stylesheet" type="text/css" /></head><body leftmargin="0" topmargin="0">`)
	if !s.powerEasy {
		b.WriteString(`<form name="form1" method="post" action="" id="form1"><div><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1MmRkQmVhdXRpZnVsVmlld1N0YXRl" /></div>`)
	}
	fmt.Fprintf(&b, `<table width="980" border="0" align="center" cellpadding="0" cellspacing="0"><tr><td><img src="/Images/banner.jpg" width="980" height="120" /></td></tr></table>`+
		`<table width="980" border="0" align="center" cellpadding="0" cellspacing="0" class="nav"><tr>`+
		`<td><a href="%s">首页</a></td><td><a href="%s">工作动态</a></td><td><a href="%s">志愿服务</a></td><td><a href="%s">网站地图</a></td></tr></table>`,
		s.home(), s.columnURL(1, 1), s.columnURL(2, 1), strings.ToLower(s.home()))
	b.WriteString(main)
	fmt.Fprintf(&b, `<table width="980" border="0" align="center" class="foot"><tr><td align="center">主办：中共临城县委宣传部 临城县文明办&nbsp;&nbsp;<a href="/admin/Login.aspx">管理登录</a>&nbsp;&nbsp;<a href="/Old/zt2015.aspx">2015专题</a><br />`+
		`冀ICP备05012345号&nbsp;&nbsp;技术支持：某某网络</td></tr></table>%s`, foot)
	if !s.powerEasy {
		b.WriteString(`<div><input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="/wEWAgKN3qWlBgKM54rGBkVhbGlkYXRpb24=" /></div></form>`)
	}
	b.WriteString(`</body></html>`)
	enc, err := simplifiedchinese.GBK.NewEncoder().String(b.String())
	if err != nil {
		panic(err)
	}
	fmt.Fprint(w, enc)
}

// sideBar is the left column of inner pages: the columns and the hot
// list (the most read, linked in the dynamic form and another case).
func (s *iisSite) sideBar() string {
	var b strings.Builder
	fmt.Fprintf(&b, `<td width="230" valign="top"><table width="100%%" class="left"><tr><td class="lefttitle">栏目导航</td></tr>`+
		`<tr><td><a href="%s">工作动态</a></td></tr><tr><td><a href="%s">志愿服务</a></td></tr></table>`+
		`<table width="100%%" class="left"><tr><td class="lefttitle">热点文章</td></tr>`, s.crumbURL(1), s.crumbURL(2))
	for i := 0; i < len(s.articles) && i < 5; i++ {
		a := s.articles[(i*5)%len(s.articles)]
		fmt.Fprintf(&b, `<tr><td>·<a href="%s" title="%s">%s</a></td></tr>`, s.dynamicURL(a), a.title, string([]rune(a.title)[:10]))
	}
	fmt.Fprintf(&b, `</table><table><tr><td>热门搜索：<a href="%s">%s</a></td></tr></table></td>`, iisTopicLink(false), iisTopic)
	return b.String()
}

func (s *iisSite) homePage(w http.ResponseWriter) {
	var b strings.Builder
	b.WriteString(`<table width="980" border="0" align="center" cellpadding="0" cellspacing="0"><tr>`)
	for class := 1; class <= 2; class++ {
		fmt.Fprintf(&b, `<td width="490" valign="top"><table width="100%%"><tr><td class="title"><font color="#cc0000"><b>%s</b></font></td><td align="right"><a href="%s">更多&gt;&gt;</a></td></tr>`,
			iisColumns[class], s.crumbURL(class))
		for i, a := range s.inColumn(class) {
			if i == 5 {
				break
			}
			link := s.articleURL(a)
			if class == 2 && !s.powerEasy {
				link = strings.ToLower(link) // another module's writer
			}
			fmt.Fprintf(&b, `<tr><td colspan="2">·<a href="%s" target="_blank">%s</a>&nbsp;<font color="#999999">[%s]</font></td></tr>`, link, a.title, a.date.Format("01-02"))
		}
		b.WriteString(`</table></td>`)
	}
	b.WriteString(`</tr></table>`)
	s.page(w, "", b.String(), "")
}

// list writes page k of a column: rows, and a pager — AspNetPager in URL
// mode for column 1, in postback mode for column 2 (ASP.NET), or the
// PowerEasy pager.
func (s *iisSite) list(w http.ResponseWriter, r *http.Request, class, k int) {
	name, ok := iisColumns[class]
	col := s.inColumn(class)
	pages := (len(col) + iisPerPage - 1) / iisPerPage
	if !ok || k < 1 || k > pages {
		if s.powerEasy {
			http.NotFound(w, r)
		} else {
			s.aspError(w, r)
		}
		return
	}
	var b strings.Builder
	b.WriteString(`<table width="980" border="0" align="center"><tr>` + s.sideBar() + `<td width="750" valign="top">`)
	fmt.Fprintf(&b, `<table width="100%%"><tr><td class="position">当前位置：<a href="%s">首页</a> &gt; %s</td></tr></table><table width="100%%" class="list">`, s.home(), name)
	static := strings.HasSuffix(r.URL.Path, ".html")
	for _, a := range col[(k-1)*iisPerPage : min(len(col), k*iisPerPage)] {
		var link string
		switch {
		case s.powerEasy && !static:
			link = fmt.Sprintf("ShowArticle.asp?ArticleID=%d", a.id)
		case s.powerEasy:
			link = fmt.Sprintf("HTML/%d.html", a.id)
		default:
			link = fmt.Sprintf("Show.aspx?ID=%d", a.id)
		}
		fmt.Fprintf(&b, `<tr><td width="85%%">·<a href="%s" target="_blank" title="%s">%s</a></td><td class="date">%s</td></tr>`, link, a.title, a.title, a.date.Format("2006-1-2"))
	}
	if k == 1 {
		// A deleted article the list still names (a stale cache):
		// ASP.NET's customErrors redirect, PowerEasy's error message.
		dead := "Show.aspx?ID=9999"
		if s.powerEasy {
			dead = "ShowArticle.asp?ArticleID=9999"
		}
		fmt.Fprintf(&b, `<tr><td>·<a href="%s" target="_blank">关于开展“文明家庭”评选活动的通知</a></td><td class="date">2015-3-2</td></tr>`, dead)
	}
	b.WriteString(`</table>`)
	b.WriteString(s.pager(class, k, pages, static))
	b.WriteString(`</td></tr></table>`)
	s.page(w, name, b.String(), "")
}

// pager is the list's pager.
func (s *iisSite) pager(class, k, pages int, static bool) string {
	var b strings.Builder
	b.WriteString(`<div id="AspNetPager1" class="pager">`)
	link := func(n int) string {
		switch {
		case s.powerEasy && static:
			if n == 1 {
				return fmt.Sprintf("List_%d.html", class)
			}
			return fmt.Sprintf("List_%d_%d.html", class, n)
		case s.powerEasy:
			return fmt.Sprintf("ShowClass.asp?ClassID=%d&page=%d", class, n)
		case class == 2:
			return fmt.Sprintf("javascript:__doPostBack('AspNetPager1','%d')", n)
		}
		// AspNetPager's URL mode rebuilds the query with UrlEncode.
		return fmt.Sprintf("List.aspx?classid=%d&page=%d", class, n)
	}
	fmt.Fprintf(&b, `共%d条记录 页次：%d/%d `, len(s.inColumn(class)), k, pages)
	if k > 1 {
		fmt.Fprintf(&b, `<a href="%s">首页</a> <a href="%s">上一页</a> `, link(1), link(k-1))
	}
	for n := 1; n <= pages; n++ {
		if n == k {
			fmt.Fprintf(&b, `<span style="margin-right:5px;font-weight:Bold;color:red;">%d</span>`, n)
		} else {
			fmt.Fprintf(&b, `<a href="%s" style="margin-right:5px;">%d</a>`, link(n), n)
		}
	}
	if k < pages {
		fmt.Fprintf(&b, `<a href="%s">下一页</a> <a href="%s">尾页</a>`, link(k+1), link(pages))
	}
	b.WriteString(`</div>`)
	if !s.powerEasy && class == 2 {
		b.WriteString(`<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" /><input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />` +
			`<script type="text/javascript">var theForm = document.forms['form1']; if (!theForm) { theForm = document.form1; }` +
			`function __doPostBack(eventTarget, eventArgument) { if (!theForm.onsubmit || (theForm.onsubmit() != false)) {` +
			` theForm.__EVENTTARGET.value = eventTarget; theForm.__EVENTARGUMENT.value = eventArgument; theForm.submit(); } }</script>`)
	}
	return b.String()
}

// search is the on-site search's answer: the articles whose title holds
// the kw parameter.
func (s *iisSite) search(w http.ResponseWriter, r *http.Request) {
	kw := iisQuery(r, "kw")
	var found []iisArticle
	for _, a := range s.articles {
		if kw != "" && strings.Contains(a.title, kw) {
			found = append(found, a)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<table width="980" align="center"><tr><td>搜索“%s”，共找到%d条结果</td></tr>`, kw, len(found))
	for _, a := range found {
		fmt.Fprintf(&b, `<tr><td><a href="%s">%s</a> %s</td></tr>`, s.dynamicURL(a), a.title, a.date.Format("2006-1-2"))
	}
	// The results page's own links to the hot word, as UrlEncode writes them.
	fmt.Fprintf(&b, `<tr><td>相关搜索：<a href="%s">%s</a></td></tr></table>`, iisTopicLink(true), iisTopic)
	s.page(w, "搜索结果", b.String(), "")
}

// pages is how many pages an article is split into: PowerEasy's
// [NextPage] splits every fourth article in two (assumed: pages
// ShowArticle.asp?ArticleID=N&ArticlePage=2 and N_2.html, under a
// 【1】【2】【下一页】 pager).
func (s *iisSite) pages(a iisArticle) int {
	if s.powerEasy && a.id%4 == 0 {
		return 2
	}
	return 1
}

// parasOn are the paragraphs on page k of the article. Every other split
// article's editor put the [NextPage] mark before its closing line, so its
// last page holds that one short paragraph (as a held-out crawl of
// PowerEasy counties found).
func (s *iisSite) parasOn(a iisArticle, k int) []string {
	all := a.paras()
	if s.pages(a) == 1 {
		return all
	}
	cut := 2
	if a.id%8 == 0 {
		cut = len(all) - 1
	}
	if k == 1 {
		return all[:cut]
	}
	return all[cut:]
}

// articlePage writes page k of an article, its static page or its
// dynamic one.
func (s *iisSite) articlePage(w http.ResponseWriter, a iisArticle, k int, static bool) {
	var b strings.Builder
	name := iisColumns[a.class]
	b.WriteString(`<table width="980" border="0" align="center" cellpadding="0" cellspacing="0"><tr>` + s.sideBar() + `<td width="750" valign="top">`)
	fmt.Fprintf(&b, `<table width="100%%"><tr><td class="position">您现在的位置：<a href="%s">首页</a> &gt;&gt; <a href="%s">%s</a> &gt;&gt; 正文</td></tr></table>`, s.home(), s.crumbURL(a.class), name)
	var info, counter, print string
	if s.powerEasy {
		info = fmt.Sprintf(`作者：佚名&nbsp;&nbsp;&nbsp;&nbsp;文章来源：%s&nbsp;&nbsp;&nbsp;&nbsp;点击数：<script language="javascript" src="/Article/GetHits.asp?ArticleID=%d"></script>&nbsp;&nbsp;&nbsp;&nbsp;更新时间：%s`,
			a.source, a.id, a.date.Format("2006-1-2 15:04:05"))
		print = fmt.Sprintf(`<a href="/Article/Print.asp?ArticleID=%d" target="_blank">【打印此文】</a>`, a.id)
	} else {
		info = fmt.Sprintf(`发布时间：<span id="ctl00_ContentPlaceHolder1_lblTime">%s</span>&nbsp;&nbsp;来源：<span id="ctl00_ContentPlaceHolder1_lblSource">%s</span>&nbsp;&nbsp;浏览次数：<span id="ctl00_ContentPlaceHolder1_lblHits"></span>`,
			a.date.Format("2006/1/2 15:04:05"), a.source)
		counter = fmt.Sprintf(`<script type="text/javascript" src="/js/jquery-1.4.2.min.js"></script><script type="text/javascript">$(function(){ $.get("/Ajax/Hits.ashx?ID=%d&t=" + Math.random(), function(data){ $("#ctl00_ContentPlaceHolder1_lblHits").html(data); }); });</script>`, a.id)
		print = fmt.Sprintf(`<a href="Show.aspx?ID=%d&print=1" target="_blank">【打印本页】</a>`, a.id)
	}
	fmt.Fprintf(&b, `<table width="100%%" border="0" cellpadding="0" cellspacing="0"><tr><td height="50" align="center"><font size="4" color="#cc0000"><b><span id="ctl00_ContentPlaceHolder1_lblTitle">%s</span></b></font></td></tr>`+
		`<tr><td height="25" align="center" class="info">%s</td></tr><tr><td height="1" bgcolor="#cccccc"></td></tr>`+
		`<tr><td class="content" style="line-height:200%%;"><font face="宋体" style="font-size:14px">`, a.title, info)
	for _, p := range s.parasOn(a, k) {
		fmt.Fprintf(&b, `<p>&nbsp;&nbsp;&nbsp;&nbsp;%s</p>`, p)
	}
	if n := s.pages(a); n > 1 {
		link := func(j int) string {
			switch {
			case static && j == 1:
				return fmt.Sprintf("%d.html", a.id)
			case static:
				return fmt.Sprintf("%d_%d.html", a.id, j)
			}
			return fmt.Sprintf("ShowArticle.asp?ArticleID=%d&ArticlePage=%d", a.id, j)
		}
		b.WriteString(`<p align="center"><b>`)
		for j := 1; j <= n; j++ {
			if j == k {
				fmt.Fprintf(&b, `<font color="red">【%d】</font> `, j)
			} else {
				fmt.Fprintf(&b, `<a href="%s">【%d】</a> `, link(j), j)
			}
		}
		if k < n {
			fmt.Fprintf(&b, `<a href="%s">【下一页】</a>`, link(k+1))
		}
		b.WriteString(`</b></p>`)
	}
	fmt.Fprintf(&b, `</font></td></tr><tr><td align="right">%s&nbsp;<a href="javascript:window.close()">【关闭窗口】</a></td></tr><tr><td>`, print)
	prev, next := s.neighbours(a)
	if prev.id != 0 {
		fmt.Fprintf(&b, `上一篇：<a href="%s">%s</a><br />`, s.neighbourURL(prev), prev.title)
	} else {
		b.WriteString(`上一篇：没有了<br />`)
	}
	if next.id != 0 {
		fmt.Fprintf(&b, `下一篇：<a href="%s">%s</a>`, s.neighbourURL(next), next.title)
	} else {
		b.WriteString(`下一篇：没有了`)
	}
	fmt.Fprintf(&b, `</td></tr><tr><td>关键字：<a href="%s">%s</a></td></tr></table></td></tr></table>`, iisTopicLink(true), iisTopic)
	s.page(w, a.title, b.String(), counter)
}

// neighbourURL is how 上一篇/下一篇 link an article.
func (s *iisSite) neighbourURL(a iisArticle) string {
	if s.powerEasy {
		return fmt.Sprintf("/Article/HTML/%d.html", a.id)
	}
	return fmt.Sprintf("/News/Show.aspx?id=%d", a.id)
}

// printView is the article's print page: the title, the info line and the
// text, without navigation.
func (s *iisSite) printView(w http.ResponseWriter, a iisArticle) {
	var b strings.Builder
	fmt.Fprintf(&b, `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312" /><title>%s</title></head><body onload="window.print()"><table width="700" align="center"><tr><td align="center"><b>%s</b></td></tr>`+
		`<tr><td align="center">发布时间：%s 来源：%s</td></tr><tr><td>`, a.title, a.title, a.date.Format("2006-1-2 15:04:05"), a.source)
	for _, p := range a.paras() {
		fmt.Fprintf(&b, `<p>&nbsp;&nbsp;&nbsp;&nbsp;%s</p>`, p)
	}
	b.WriteString(`</td></tr></table></body></html>`)
	enc, _ := simplifiedchinese.GBK.NewEncoder().String(b.String())
	w.Header().Set("Content-Type", "text/html")
	fmt.Fprint(w, enc)
}

// TestIISSite crawls a county site on Windows/IIS (an ASP.NET CMS, and a
// classic-ASP CMS of the PowerEasy kind): every article is archived
// once, under its canonical URL, with its title, publish time, view
// count and column and its text; no list, search, error or print page is
// an article; no URL robots.txt disallows is fetched in any case; the
// crawl ends having fetched each article a bounded number of times.
func TestIISSite(t *testing.T) {
	for _, powerEasy := range []bool{false, true} {
		name := "aspnet"
		if powerEasy {
			name = "powereasy"
		}
		t.Run(name, func(t *testing.T) { testIISSite(t, powerEasy) })
	}
}

func testIISSite(t *testing.T, powerEasy bool) {
	site := newIISSite(22, powerEasy)
	sink := &staticSink{takeOver: Added}
	_, sum := crawlWeb(t, site, Options{Workers: 4, FetchCounters: true}, sink.store)

	var urls []string
	for _, a := range site.articles {
		u := site.canonical(a)
		urls = append(urls, u)
		got := sink.get(u)
		if !wantRecord(t, u, got, a.title, a.date, iisColumns[a.class]) {
			continue
		}
		if got.Views == nil || *got.Views != a.views() {
			t.Errorf("%s: views %v, want %d", u, got.Views, a.views())
		}
		if got.Source != a.source {
			t.Errorf("%s: source %q, want %q", u, got.Source, a.source)
		}
		if want := strings.Join(a.paras(), "\n"); got.Body != want {
			t.Errorf("%s: body\n%q\nwant\n%q", u, got.Body, want)
		}
	}
	sink.wantOnly(t, urls)
	// Each article's page, in any case and form, a bounded number of times.
	perArticle := map[int]int{}
	admin := 0
	site.hits.mu.Lock()
	for k, n := range site.hits.hits {
		lk := strings.ToLower(k)
		if strings.Contains(lk, " /admin/") || strings.Contains(lk, " /inc/") {
			admin += n
		}
		for _, a := range site.articles {
			id := strconv.Itoa(a.id)
			for _, form := range []string{"show.aspx?id=" + id, "showarticle.asp?articleid=" + id, "/html/" + id + ".html"} {
				if strings.HasSuffix(lk, form) {
					perArticle[a.id] += n
				}
			}
		}
	}
	site.hits.mu.Unlock()
	if admin > 0 {
		t.Errorf("%d requests under /admin/ or /inc/, which robots.txt disallows (IIS answers any case)", admin)
	}
	// The print view is the article again: not fetched.
	site.hits.mu.Lock()
	for k := range site.hits.hits {
		if lk := strings.ToLower(k); strings.Contains(lk, "print.asp") || strings.Contains(lk, "print=1") {
			t.Errorf("print view fetched: %s", k)
		}
	}
	site.hits.mu.Unlock()
	for _, a := range site.articles {
		if n := perArticle[a.id]; n > 3 {
			t.Errorf("article %d fetched %d times in its forms and cases", a.id, n)
		}
	}
	// customErrors' redirect to its error page is the dead link it
	// stands for, and the error page is not fetched for each.
	if !powerEasy {
		dead := strings.Join(sum.DeadLinks, " ")
		if strings.Contains(dead, "sitemap") {
			t.Errorf("a missing sitemap reported as a dead link: %v", sum.DeadLinks)
		}
		for _, u := range []string{"http://top.wenming.test/old/zt2015.aspx", "http://top.wenming.test/news/show.aspx?id=9999"} {
			if !strings.Contains(dead, u) {
				t.Errorf("dead link %s not reported (dead links: %v)", u, sum.DeadLinks)
			}
		}
		site.hits.mu.Lock()
		for k := range site.hits.hits {
			if strings.Contains(strings.ToLower(k), "/error.aspx") {
				t.Errorf("error page fetched: %s", k)
			}
		}
		site.hits.mu.Unlock()
	}
	// The postback pager is not submitted (see the report of TestIISSite):
	// the articles of its later pages are reached by other links.
	if n := site.posts.Load(); n != 0 {
		t.Errorf("%d POST requests", n)
	}
	t.Logf("requests %d, pages %d, other pages %d, aliased %d, POSTs %d, stopped %v, inert %v, errors %v, dead %v", sum.Requests, sum.Pages, sum.OtherPages, sum.ArticlesAliased, site.posts.Load(), sum.Stopped, sum.Inert, sum.Errors, sum.DeadLinks)
	if testing.Verbose() {
		site.hits.mu.Lock()
		for k, n := range site.hits.hits {
			t.Logf("%3d %s", n, k)
		}
		site.hits.mu.Unlock()
	}
}
