package crawl

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
)

// jpSite is a county site on a Java CMS portal no rule here knows, built
// as JEECMS (and the 金蝶 and SiteServer portals made like it) builds one
// on Tomcat. What is known of them is modelled as seen; the rest is one
// plausible choice, said so where it is made ([assumed]), and never one
// that makes the crawler's job easier:
//
//   - columns at /xwdt/index.jhtml, paged /xwdt/index_2.jhtml, in a
//     2-level tree (新闻动态 with 工作动态 and 基层动态 under it, 志愿服务
//     alone); the parent lists its children's articles; the pager is
//     JEECMS's (共N条 首页 上一页 下一页 尾页 当前 k/n 页 and a 转到 box
//     calling _gotoPage);
//   - articles at /COL/ID.jhtml, a long one split as /COL/ID_2.jhtml
//     with a 上一页 1 2 下一页 bar; the same article answers under its
//     dynamic forms /content.jspx?contentId=ID and /COL/ID.jhtml?channelId=N
//     (linked from the tag pages and the 相关文章 list [assumed which links
//     which]) and under the mobile template at /wap/COL/ID.jhtml (or on
//     the m. host: mobileHost), linked as 手机版 from every desktop page
//     and linking back as 电脑版; no page names a canonical URL;
//   - Tomcat's URL rewriting: the crawler keeps no cookies, so every
//     answer is the first to a client without the JSESSIONID cookie, and
//     every site link in it carries ;jsessionid=… (a new session each
//     time), as does the Location of a redirect (encodeRedirectURL): the
//     old article links /info.jspx?id=ID of the tag pages redirect so to
//     the static page [assumed]; Tomcat serves a path with the parameter
//     as the path without;
//   - the info line <div class="msgbar">发布时间：2023-03-22 10:15:03 &nbsp;
//     来源：… &nbsp; 作者：… &nbsp; 浏览次数：<span id="views"></span></div>,
//     the count filled from content_view.jspx's answer
//     [views,comments,downloads,ups,downs]: by JEECMS's own
//     Cms.viewCount("", ID) of /r/cms/front.js on 工作动态, by the same
//     $.getJSON("/content_view.jspx", {contentId: ID}, …) written inline on
//     基层动态's re-saved template [assumed]; 志愿服务's template shows no
//     views, only the comment count (d[1]): its views are unknown, never a
//     number;
//   - a 分享到 bar, 【打印】【关闭】, 上一篇/下一篇 with the neighbours'
//     titles, 相关文章 with dates, an attachment under /u/cms/www/YYYYMM/
//     on some articles, a link to the comment page /comment.jspx?contentId=
//     (a list of dated comments), a login link carrying the page it comes
//     from (/login.jspx?returnUrl=…) and a register link;
//   - an on-site search /search.jspx?q=…&pageNo=N linked by two hot words,
//     tag pages /tag/NAME.jhtml;
//   - any unknown path, robots.txt included, answered 200 with the
//     template's 您访问的页面不存在 page (no robots.txt is deployed
//     [assumed]), and dead links to a removed article;
//   - UTF-8, declared text/html;charset=UTF-8 by Tomcat, and in <meta>,
//     except on 基层动态's pages, whose template was re-saved and declares
//     gbk in <meta> while the bytes and the header stay UTF-8.
type jpSite struct {
	arts []jpArt
	hits hitCounter
	// mobileHost serves the mobile template at m.HOST/COL/ID.jhtml
	// instead of HOST/wap/COL/ID.jhtml.
	mobileHost bool

	mu       sync.Mutex
	sessions int
	counted  map[int]int // article id → counter requests
}

type jpArt struct {
	id      int
	col     string
	title   string
	date    time.Time
	author  string
	views   int
	comment int
	split   bool // two pages
	attach  bool
}

const (
	jpHost   = "top.wenming.test"
	jpName   = "城关镇文明网"
	jpSource = "城关镇文明办"
)

// jpColumns are the leaf columns, with their parent's slug ("" at the top).
var jpColumns = map[string]struct{ name, parent string }{
	"xwdt": {"新闻动态", ""},
	"gzdt": {"工作动态", "xwdt"},
	"jcdt": {"基层动态", "xwdt"},
	"zyfw": {"志愿服务", ""},
}

var jpChannelID = map[string]int{"xwdt": 3, "gzdt": 7, "jcdt": 8, "zyfw": 9}

func newJPSite(n int, mobileHost bool) *jpSite {
	s := &jpSite{counted: map[int]int{}, mobileHost: mobileHost}
	cst := time.FixedZone("CST", 8*3600)
	cols := []string{"gzdt", "jcdt", "zyfw"}
	for i := 0; i < n; i++ {
		topic := blogTopics[i%len(blogTopics)]
		s.arts = append(s.arts, jpArt{
			id:      12345 + i*3,
			col:     cols[i%len(cols)],
			title:   fmt.Sprintf("城关镇开展%s主题活动（第%d期）", topic, i+1),
			date:    time.Date(2023, 3, 1, 10, 15, 3, 0, cst).Add(time.Duration(i) * 29 * time.Hour),
			author:  []string{"张明", "李华", "王芳"}[i%3],
			views:   1000 + i*17,
			comment: i % 4,
			split:   i%4 == 1,
			attach:  i%5 == 2,
		})
	}
	return s
}

func (a jpArt) path() string { return fmt.Sprintf("/%s/%d.jhtml", a.col, a.id) }

func (a jpArt) pageLink(k int) string {
	if k == 1 {
		return a.path()
	}
	return fmt.Sprintf("/%s/%d_%d.jhtml", a.col, a.id, k)
}

// body is the article's text, in paragraphs.
func (a jpArt) body() []string {
	paras := []string{
		fmt.Sprintf("%s，城关镇新时代文明实践所组织志愿者深入第%d网格，开展%s主题活动，引导群众共建文明家园。", a.date.Format("1月2日"), a.id%100, blogTopics[a.id%len(blogTopics)]),
		"活动现场，志愿者们分工协作，有的发放宣传资料，有的耐心解答群众咨询，有的为行动不便的老人提供上门服务，现场秩序井然、气氛热烈。",
		"镇文明办负责人表示，将把主题活动与日常志愿服务结合起来，建立常态化工作机制，让文明实践成果更多更公平地惠及群众。",
		fmt.Sprintf("据统计，本次活动共发放宣传资料%d余份，受益群众%d余人次。", a.id%700+300, a.id%90+100),
	}
	if a.split {
		paras = append(paras,
			"下午，活动移至镇文化广场继续进行，文艺志愿者表演了快板、三句半等群众喜闻乐见的节目，把政策宣讲融入文艺演出之中。",
			"不少群众表示，这样的活动形式新颖、内容实在，既学到了知识，又丰富了业余文化生活，希望今后多多举办。",
			fmt.Sprintf("下一步，城关镇将以第%d期活动为契机，持续深化新时代文明实践中心建设。", a.id%50+1))
	}
	return paras
}

func (a jpArt) paras(k int) []string {
	all := a.body()
	if !a.split {
		return all
	}
	if k == 1 {
		return all[:4]
	}
	return all[4:]
}

func (s *jpSite) byID(id int) (jpArt, int, bool) {
	for i, a := range s.arts {
		if a.id == id {
			return a, i, true
		}
	}
	return jpArt{}, 0, false
}

var (
	jpSessionRe = regexp.MustCompile(`(?i);jsessionid=[^/?#]*`)
	jpHrefRe    = regexp.MustCompile(`(href|src|action)="(/[^"?#]*)`)
	jpArtRe     = regexp.MustCompile(`^/(wap/)?([a-z]+)/(\d+)(?:_(\d+))?\.jhtml$`)
	jpListRe    = regexp.MustCompile(`^/(wap/)?([a-z]+)/index(?:_(\d+))?\.jhtml$`)
)

// write sends a page as Tomcat does: a new session for a client without
// the cookie, written into every site link of the page.
func (s *jpSite) write(w http.ResponseWriter, r *http.Request, status int, html string) {
	w.Header().Set("Content-Type", "text/html;charset=UTF-8")
	if _, err := r.Cookie("JSESSIONID"); err != nil {
		sid := s.newSession()
		w.Header().Set("Set-Cookie", "JSESSIONID="+sid+"; Path=/; HttpOnly")
		html = jpHrefRe.ReplaceAllString(html, `$1="$2;jsessionid=`+sid)
	}
	w.WriteHeader(status)
	fmt.Fprint(w, html)
}

// newSession is the id of a new session.
func (s *jpSite) newSession() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sessions++
	return fmt.Sprintf("%032X", uint64(s.sessions)*0x9E3779B97F4A7C15)
}

// notFound is the template's error page, answered 200.
func (s *jpSite) notFound(w http.ResponseWriter, r *http.Request) {
	s.write(w, r, http.StatusOK, s.frame("页面不存在", "", `<div class="error"><img src="/r/cms/www/default/img/404.png"><p>您访问的页面不存在或已被删除！</p><p><a href="/">返回首页</a></p></div>`, false, ""))
}

func (s *jpSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	mobile := s.mobileHost && r.Host == "m."+jpHost
	if mobile {
		s.hits.count("/wap" + r.URL.RequestURI())
	} else {
		s.hits.count(r.URL.RequestURI())
	}
	if r.Host != jpHost && !mobile {
		http.Error(w, "outside", http.StatusBadGateway)
		return
	}
	p := jpSessionRe.ReplaceAllString(r.URL.Path, "")
	if mobile {
		p = "/wap" + p
	}
	q := r.URL.Query()
	switch {
	case p == "/" || p == "/index.jhtml":
		s.home(w, r)
		return
	case p == "/content_view.jspx":
		id, _ := strconv.Atoi(q.Get("contentId"))
		a, _, ok := s.byID(id)
		if !ok {
			fmt.Fprint(w, "[]")
			return
		}
		s.mu.Lock()
		s.counted[id]++
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json;charset=UTF-8")
		fmt.Fprintf(w, "[%d,%d,0,0,0]", a.views, a.comment)
		return
	case p == "/content.jspx":
		id, _ := strconv.Atoi(q.Get("contentId"))
		if a, i, ok := s.byID(id); ok {
			s.article(w, r, a, i, 1, false)
			return
		}
	case p == "/info.jspx":
		id, _ := strconv.Atoi(q.Get("id"))
		if a, _, ok := s.byID(id); ok {
			w.Header().Set("Location", "http://"+jpHost+a.path()+";jsessionid="+s.newSession())
			w.WriteHeader(http.StatusFound)
			return
		}
	case p == "/comment.jspx":
		id, _ := strconv.Atoi(q.Get("contentId"))
		if a, _, ok := s.byID(id); ok {
			s.comments(w, r, a)
			return
		}
	case p == "/search.jspx":
		s.search(w, r, q.Get("q"), q.Get("pageNo"))
		return
	case p == "/login.jspx":
		s.write(w, r, http.StatusOK, s.frame("会员登录", "", `<div class="login"><h2>会员登录</h2><form action="/login.jspx" method="post"><input type="hidden" name="returnUrl" value="`+q.Get("returnUrl")+`">用户名：<input name="username"> 密码：<input type="password" name="password"><input type="submit" value="登录"></form><a href="/register.jspx">免费注册</a> <a href="/member/forgot_password.jspx">忘记密码？</a></div>`, false, ""))
		return
	case p == "/register.jspx" || p == "/member/forgot_password.jspx":
		s.write(w, r, http.StatusOK, s.frame("会员注册", "", `<div class="login"><h2>会员注册</h2><form action="/register.jspx" method="post">用户名：<input name="username"> 密码：<input type="password" name="password"> 电子邮箱：<input name="email"><input type="submit" value="提交"></form></div>`, false, ""))
		return
	case strings.HasPrefix(p, "/tag/") && strings.HasSuffix(p, ".jhtml"):
		s.tag(w, r, strings.TrimSuffix(strings.TrimPrefix(p, "/tag/"), ".jhtml"))
		return
	case strings.HasPrefix(p, "/u/cms/www/") && strings.HasSuffix(p, ".pdf"):
		w.Header().Set("Content-Type", "application/pdf")
		io.WriteString(w, "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
		return
	case strings.HasPrefix(p, "/r/cms/"):
		w.Header().Set("Content-Type", "application/javascript")
		fmt.Fprint(w, "/* jquery */")
		return
	}
	if m := jpArtRe.FindStringSubmatch(p); m != nil {
		id, _ := strconv.Atoi(m[3])
		k := 1
		if m[4] != "" {
			k, _ = strconv.Atoi(m[4])
		}
		if a, i, ok := s.byID(id); ok && a.col == m[2] && (k == 1 || a.split && k == 2) {
			s.article(w, r, a, i, k, m[1] != "")
			return
		}
	}
	if m := jpListRe.FindStringSubmatch(p); m != nil {
		if _, ok := jpColumns[m[2]]; ok {
			n := 1
			if m[3] != "" {
				n, _ = strconv.Atoi(m[3])
			}
			s.list(w, r, m[2], n, m[1] != "")
			return
		}
	}
	if p == "/wap/" || p == "/wap/index.jhtml" {
		s.list(w, r, "", 1, true)
		return
	}
	s.notFound(w, r)
}

// toWap is the link from a desktop page to the mobile page of path.
func (s *jpSite) toWap(path string) string {
	if s.mobileHost {
		return "http://m." + jpHost + path
	}
	return "/wap" + path
}

// wapPrefix is what the mobile pages put before a path to link each
// other.
func (s *jpSite) wapPrefix() string {
	if s.mobileHost {
		return ""
	}
	return "/wap"
}

// toDesktop is the link from a mobile page to the desktop page of path.
func (s *jpSite) toDesktop(path string) string {
	if s.mobileHost {
		return "http://" + jpHost + path
	}
	return path
}

// frame is the desktop template around main: header (login, register,
// search, hot words), the column menu, a breadcrumb, the footer.
// col names the column whose (re-saved) template this is; wap is the
// mobile template.
func (s *jpSite) frame(title, col, main string, wap bool, self string) string {
	meta := `<meta http-equiv="Content-Type" content="text/html; charset=utf-8">`
	if col == "jcdt" {
		meta = `<meta http-equiv="Content-Type" content="text/html; charset=gbk">`
	}
	full := jpName
	if title != "" {
		full = title + " - " + jpName
	}
	if wap {
		return fmt.Sprintf(`<!DOCTYPE html><html><head>%s<meta name="viewport" content="width=device-width, initial-scale=1"><title>%s</title></head>`+
			`<body><header class="wap-head"><a href="%s/index.jhtml">%s</a></header>%s<footer><a href="%s">电脑版</a></footer></body></html>`,
			meta, full, s.wapPrefix(), jpName, main, s.toDesktop(self))
	}
	var menu strings.Builder
	menu.WriteString(`<ul class="nav"><li><a href="/">首页</a></li>`)
	for _, top := range []string{"xwdt", "zyfw"} {
		fmt.Fprintf(&menu, `<li><a href="/%s/index.jhtml">%s</a>`, top, jpColumns[top].name)
		if top == "xwdt" {
			menu.WriteString(`<ul class="sub"><li><a href="/gzdt/index.jhtml">工作动态</a></li><li><a href="/jcdt/index.jhtml">基层动态</a></li></ul>`)
		}
		menu.WriteString(`</li>`)
	}
	menu.WriteString(`</ul>`)
	login := "/login.jspx?returnUrl=" + url.QueryEscape(self)
	return fmt.Sprintf(`<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">`+
		`<html xmlns="http://www.w3.org/1999/xhtml"><head>%s<title>%s</title><meta name="keywords" content="%s"><meta name="description" content="%s">`+
		`<link href="/r/cms/www/default/css/style.css" rel="stylesheet" type="text/css"><script src="/r/cms/www/default/js/jquery.js" type="text/javascript"></script><script src="/r/cms/front.js" type="text/javascript"></script></head>`+
		`<body><div class="top"><div class="w1000"><span class="fl">欢迎访问%s！</span><span class="fr"><a href="%s">登录</a> | <a href="/register.jspx">注册</a> | <a href="%s">手机版</a></span></div></div>`+
		`<div class="header"><div class="logo"><a href="/"><img src="/r/cms/www/default/img/logo.png" alt="%s"></a></div>`+
		`<div class="search"><form action="/search.jspx" method="get"><input name="q" type="text"><input type="submit" value="搜索"></form>热门搜索：<a href="/search.jspx?q=%%E4%%B8%%BB%%E9%%A2%%98%%E6%%B4%%BB%%E5%%8A%%A8">主题活动</a> <a href="/search.jspx?q=%%E4%%B9%%89%%E8%%AF%%8A">义诊</a></div></div>`+
		`<div class="menu">%s</div><div class="main w1000">%s</div>`+
		`<div class="footer">版权所有：%s 主办：城关镇文明办 技术支持：JEECMS<br>地址：城关镇人民路1号 电话：0319-1234567</div></body></html>`,
		meta, full, jpName, jpName, jpName, login, s.toWap("/index.jhtml"), jpName, menu.String(), main, jpName)
}

// crumbs is the breadcrumb of a column.
func jpCrumbs(col string) string {
	var b strings.Builder
	b.WriteString(`<div class="position">当前位置：<a href="/">首页</a>`)
	if parent := jpColumns[col].parent; parent != "" {
		fmt.Fprintf(&b, ` &gt; <a href="/%s/index.jhtml">%s</a>`, parent, jpColumns[parent].name)
	}
	fmt.Fprintf(&b, ` &gt; <a href="/%s/index.jhtml">%s</a></div>`, col, jpColumns[col].name)
	return b.String()
}

func (s *jpSite) home(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	b.WriteString(`<div class="focus"><h2>图片新闻</h2>`)
	for i := len(s.arts) - 1; i >= 0 && i >= len(s.arts)-3; i-- {
		a := s.arts[i]
		fmt.Fprintf(&b, `<a href="%s"><img src="/u/cms/www/202303/%d.jpg" alt="%s"></a>`, a.path(), a.id, a.title)
	}
	b.WriteString(`</div>`)
	for _, col := range []string{"gzdt", "jcdt", "zyfw"} {
		fmt.Fprintf(&b, `<div class="box"><div class="box-title"><h3>%s</h3><a class="more" href="/%s/index.jhtml">更多&gt;&gt;</a></div><ul>`, jpColumns[col].name, col)
		shown := 0
		for i := len(s.arts) - 1; i >= 0 && shown < 5; i-- {
			if a := s.arts[i]; a.col == col {
				fmt.Fprintf(&b, `<li><span class="date">%s</span><a href="%s" title="%s">%s</a></li>`, a.date.Format("01-02"), a.path(), a.title, a.title)
				shown++
			}
		}
		b.WriteString(`</ul></div>`)
	}
	fmt.Fprintf(&b, `<div class="tags">热门标签：<a href="/tag/%s.jhtml">志愿服务</a> <a href="/tag/%s.jhtml">文明实践</a></div>`, url.PathEscape("志愿服务"), url.PathEscape("文明实践"))
	s.write(w, r, http.StatusOK, s.frame("", "", b.String(), false, "/"))
}

// jpPerPage is a list page's length.
const jpPerPage = 6

// list writes page n of a column (col "" and wap: the mobile home).
func (s *jpSite) list(w http.ResponseWriter, r *http.Request, col string, n int, wap bool) {
	var in []jpArt
	for i := len(s.arts) - 1; i >= 0; i-- {
		if a := s.arts[i]; col == "" || a.col == col || jpColumns[a.col].parent == col {
			in = append(in, a)
		}
	}
	pages := max(1, (len(in)+jpPerPage-1)/jpPerPage)
	if n < 1 || n > pages {
		s.notFound(w, r)
		return
	}
	prefix := ""
	if wap {
		prefix = s.wapPrefix()
	}
	base := prefix + "/" + col + "/index"
	if col == "" {
		base = prefix + "/index"
	}
	link := func(k int) string {
		if k == 1 {
			return base + ".jhtml"
		}
		return fmt.Sprintf("%s_%d.jhtml", base, k)
	}
	var b strings.Builder
	if col != "" && !wap {
		b.WriteString(jpCrumbs(col))
	}
	if col == "xwdt" && !wap {
		b.WriteString(`<div class="subcol"><a href="/gzdt/index.jhtml">工作动态</a> <a href="/jcdt/index.jhtml">基层动态</a></div>`)
	}
	b.WriteString(`<div class="list"><ul>`)
	for _, a := range in[(n-1)*jpPerPage : min(len(in), n*jpPerPage)] {
		fmt.Fprintf(&b, `<li><a href="%s%s" target="_blank">%s</a><span>%s</span></li>`, prefix, a.path(), a.title, a.date.Format("2006-01-02"))
	}
	b.WriteString(`</ul></div>`)
	fmt.Fprintf(&b, `<div class="pagination">共%d条&nbsp;`, len(in))
	if n > 1 {
		fmt.Fprintf(&b, `<a href="%s">首页</a>&nbsp;<a href="%s">上一页</a>&nbsp;`, link(1), link(n-1))
	} else {
		b.WriteString(`首页&nbsp;上一页&nbsp;`)
	}
	if n < pages {
		fmt.Fprintf(&b, `<a href="%s">下一页</a>&nbsp;<a href="%s">尾页</a>&nbsp;`, link(n+1), link(pages))
	} else {
		b.WriteString(`下一页&nbsp;尾页&nbsp;`)
	}
	fmt.Fprintf(&b, `当前 %d/%d 页 转到<input type="text" id="_goPs" size="2" onfocus="this.select();"/>页 <input type="button" id="_goPage" value="转到" onclick="_gotoPage($('#_goPs').val());"/>`+
		`<script type="text/javascript">function _gotoPage(pageNo){try{var tp=%d;pageNo=parseInt(pageNo);if(pageNo>tp){pageNo=tp;}if(pageNo<1){pageNo=1;}if(pageNo==1){location.href='%s';}else{location.href='%s_'+pageNo+'.jhtml';}}catch(e){}}</script></div>`,
		n, pages, pages, link(1), base)
	name := jpName
	if col != "" {
		name = jpColumns[col].name
	}
	self := link(n)
	if wap {
		self = "/" + col + "/index.jhtml"
	}
	s.write(w, r, http.StatusOK, s.frame(name, col, b.String(), wap, self))
}

// article writes page k of an article (wap: its mobile page).
func (s *jpSite) article(w http.ResponseWriter, r *http.Request, a jpArt, i, k int, wap bool) {
	var b strings.Builder
	if !wap {
		b.WriteString(jpCrumbs(a.col))
	}
	fmt.Fprintf(&b, `<div class="article"><h1 class="title">%s</h1>`, a.title)
	if a.col == "zyfw" {
		// 志愿服务's template: the day alone, each field in a span, the
		// comment count where the views stand elsewhere.
		fmt.Fprintf(&b, `<div class="info"><span>日期：%s</span> <span>来源：%s</span> <span>作者：%s</span> <span>评论(<span id="comments"></span>)</span></div>`, a.date.Format("2006年01月02日"), jpSource, a.author)
	} else {
		fmt.Fprintf(&b, `<div class="msgbar">发布时间：%s &nbsp; 来源：%s &nbsp; 作者：%s &nbsp; 浏览次数：<span id="views"></span></div>`, a.date.Format("2006-01-02 15:04:05"), jpSource, a.author)
	}
	b.WriteString(`<div class="content" id="text">`)
	for _, p := range a.paras(k) {
		fmt.Fprintf(&b, `<p style="text-indent:2em;">%s</p>`, p)
	}
	b.WriteString(`</div>`)
	prefix := ""
	if wap {
		prefix = s.wapPrefix()
	}
	if a.split {
		b.WriteString(`<div class="pagebar">`)
		if k > 1 {
			fmt.Fprintf(&b, `<a href="%s%s">上一页</a> `, prefix, a.pageLink(k-1))
		}
		for j := 1; j <= 2; j++ {
			if j == k {
				fmt.Fprintf(&b, `<strong>%d</strong> `, j)
			} else {
				fmt.Fprintf(&b, `<a href="%s%s">%d</a> `, prefix, a.pageLink(j), j)
			}
		}
		if k < 2 {
			fmt.Fprintf(&b, `<a href="%s%s">下一页</a>`, prefix, a.pageLink(k+1))
		}
		b.WriteString(`</div>`)
	}
	if a.attach {
		fmt.Fprintf(&b, `<div class="attach">附件：<a href="/u/cms/www/%s/%s%03d.pdf">%s活动方案.pdf</a></div>`, a.date.Format("200601"), a.date.Format("02150405"), a.id%1000, blogTopics[a.id%len(blogTopics)])
	}
	if !wap {
		b.WriteString(`<div class="share">分享到：<a href="javascript:void(0);" onclick="shareTo('tsina')">新浪微博</a> <a href="javascript:void(0);" onclick="shareTo('weixin')">微信</a> <a href="javascript:void(0);" onclick="shareTo('qzone')">QQ空间</a></div>`)
		fmt.Fprintf(&b, `<div class="tools"><a href="/comment.jspx?contentId=%d">评论(<span id="comments"></span>)</a> 【<a href="javascript:window.print();">打印本页</a>】【<a href="javascript:window.close();">关闭窗口</a>】</div>`, a.id)
		b.WriteString(`<div class="prenext">`)
		if i > 0 {
			fmt.Fprintf(&b, `<p>上一篇：<a href="%s">%s</a></p>`, s.arts[i-1].path(), s.arts[i-1].title)
		} else {
			b.WriteString(`<p>上一篇：没有了</p>`)
		}
		if i+1 < len(s.arts) {
			fmt.Fprintf(&b, `<p>下一篇：<a href="%s">%s</a></p>`, s.arts[i+1].path(), s.arts[i+1].title)
		} else {
			b.WriteString(`<p>下一篇：没有了</p>`)
		}
		b.WriteString(`</div><div class="related"><h3>相关文章</h3><ul>`)
		for _, j := range []int{i + 2, i + 5, i - 3} {
			if j >= 0 && j < len(s.arts) {
				o := s.arts[j]
				fmt.Fprintf(&b, `<li><a href="/content.jspx?contentId=%d">%s</a><span class="date">%s</span></li>`, o.id, o.title, o.date.Format("2006-01-02"))
			}
		}
		if i%6 == 3 {
			b.WriteString(`<li><a href="/gzdt/99999.jhtml">城关镇召开文明创建推进会（已撤稿）</a><span class="date">2023-01-05</span></li>`)
		}
		b.WriteString(`</ul></div>`)
	}
	b.WriteString(`</div>`)
	switch a.col {
	case "gzdt":
		fmt.Fprintf(&b, `<script type="text/javascript">$(function() { Cms.attachment("", "%d", "%d", "attach"); Cms.viewCount("", "%d"); });</script>`, a.id, map[bool]int{true: 1}[a.attach], a.id)
	case "jcdt":
		fmt.Fprintf(&b, `<script type="text/javascript">$(function(){ $.getJSON("/content_view.jspx", {contentId: %d}, function(d){ $("#views").text(d[0]); $("#comments").text(d[1]); }); });</script>`, a.id)
	default:
		fmt.Fprintf(&b, `<script type="text/javascript">$(function(){ $.getJSON("/content_view.jspx", {contentId: %d}, function(d){ $("#comments").text(d[1]); }); });</script>`, a.id)
	}
	if !wap {
		fmt.Fprintf(&b, `<div class="wap-link"><a href="%s">手机版</a></div>`, s.toWap(a.pageLink(k)))
	}
	s.write(w, r, http.StatusOK, s.frame(a.title, a.col, b.String(), wap, a.pageLink(k)))
}

// comments writes the comment page of an article.
func (s *jpSite) comments(w http.ResponseWriter, r *http.Request, a jpArt) {
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="comment"><h2>评论：<a href="%s">%s</a></h2><ul>`, a.path(), a.title)
	for c := 0; c < a.comment; c++ {
		fmt.Fprintf(&b, `<li><div class="c-info">网友 居民%d 发表于 %s</div><div class="c-text">这样的活动很有意义，为志愿者点赞！希望以后多多举办，让更多群众受益。</div></li>`, c+1, a.date.Add(time.Duration(c+2)*time.Hour).Format("2006-01-02 15:04:05"))
	}
	fmt.Fprintf(&b, `</ul><form action="/comment.jspx" method="post"><input type="hidden" name="contentId" value="%d"><textarea name="text"></textarea><input type="submit" value="发表评论"></form></div>`, a.id)
	s.write(w, r, http.StatusOK, s.frame("评论", "", b.String(), false, "/comment.jspx"))
}

// search writes a page of the on-site search: the articles whose title
// holds q, five a page.
func (s *jpSite) search(w http.ResponseWriter, r *http.Request, q, pageNo string) {
	n, err := strconv.Atoi(pageNo)
	if err != nil || n < 1 {
		n = 1
	}
	var found []jpArt
	for i := len(s.arts) - 1; i >= 0; i-- {
		if q != "" && strings.Contains(s.arts[i].title, q) {
			found = append(found, s.arts[i])
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="search-result"><p>搜索“%s”，共找到 %d 条结果</p><ul>`, q, len(found))
	for j := (n - 1) * 5; j < len(found) && j < n*5; j++ {
		a := found[j]
		fmt.Fprintf(&b, `<li><h3><a href="%s">%s</a></h3><p>%s…</p><span>%s</span></li>`, a.path(), strings.ReplaceAll(a.title, q, `<span style="color:red">`+q+`</span>`), string([]rune(a.body()[0])[:30]), a.date.Format("2006-01-02"))
	}
	b.WriteString(`</ul><div class="pagination">`)
	// The search pager links one page on past the last [assumed].
	if n > 1 {
		fmt.Fprintf(&b, `<a href="/search.jspx?q=%s&amp;pageNo=%d">上一页</a> `, url.QueryEscape(q), n-1)
	}
	if (n-1)*5 < len(found) {
		fmt.Fprintf(&b, `<a href="/search.jspx?q=%s&amp;pageNo=%d">下一页</a>`, url.QueryEscape(q), n+1)
	}
	b.WriteString(`</div></div>`)
	s.write(w, r, http.StatusOK, s.frame("搜索结果", "", b.String(), false, "/search.jspx"))
}

// tag writes a tag page: every article, linked by its dynamic form.
func (s *jpSite) tag(w http.ResponseWriter, r *http.Request, name string) {
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="list"><h2>标签：%s</h2><ul>`, name)
	for i := len(s.arts) - 1; i >= 0; i-- {
		a := s.arts[i]
		if i%2 == 0 {
			fmt.Fprintf(&b, `<li><a href="/info.jspx?id=%d">%s</a><span>%s</span></li>`, a.id, a.title, a.date.Format("2006-01-02"))
		} else {
			fmt.Fprintf(&b, `<li><a href="/%s/%d.jhtml?channelId=%d">%s</a><span>%s</span></li>`, a.col, a.id, jpChannelID[a.col], a.title, a.date.Format("2006-01-02"))
		}
	}
	b.WriteString(`</ul></div>`)
	s.write(w, r, http.StatusOK, s.frame("标签："+name, "", b.String(), false, "/tag/"+name+".jhtml"))
}

// jpSink keeps one record per article (judged by its body, as the store
// does) under the URL of the preferred form (store.Preferred: desktop
// over mobile, static over dynamic), and says FirstAlias for the first
// alias of a record, as the store does; its urlSink holds the records
// under their URLs.
type jpSink struct {
	urlSink
	byBody  map[string]string
	aliases map[string]map[string]bool // body → alias URLs
}

func jpForm(u string) int {
	rank := 0
	if strings.Contains(u, "/wap/") || strings.Contains(u, "://m.") {
		rank += 2
	}
	if strings.Contains(u, "?") {
		rank++
	}
	return rank
}

func (s *jpSink) store(a *article.Article) (Stored, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.byBody == nil {
		s.byBody, s.urls, s.aliases = map[string]string{}, map[string]*article.Article{}, map[string]map[string]bool{}
	}
	first, ok := s.byBody[a.Body]
	if ok && first != a.URL {
		if s.aliases[a.Body] == nil {
			s.aliases[a.Body] = map[string]bool{}
		}
		out := Aliased
		if len(s.aliases[a.Body]) == 0 {
			out = FirstAlias
		}
		s.aliases[a.Body][a.URL] = true
		if jpForm(a.URL) < jpForm(first) {
			delete(s.urls, first)
			s.byBody[a.Body], s.urls[a.URL] = a.URL, a
			return Stored{Outcome: out}, nil
		}
		return Stored{Outcome: out, Record: first}, nil
	}
	if ok {
		s.urls[a.URL] = a
		return Stored{Outcome: Unchanged}, nil
	}
	s.byBody[a.Body], s.urls[a.URL] = a.URL, a
	return Stored{Outcome: Added}, nil
}

// TestJavaPortalSite crawls a county site on a Java CMS portal (see
// jpSite): every article is archived once under its static desktop URL
// (no ;jsessionid, no query, not the mobile page) with its title, publish
// time, source, author, leaf column, view count where the page shows one
// (and none where it does not) and the whole text of a split article; no
// list, tag, search, comment, login or error page is an article; the
// counter is fetched as a counter only, no attachment is fetched, and the
// crawl ends in a bounded number of requests.
func TestJavaPortalSite(t *testing.T) {
	for _, tc := range []struct {
		n          int
		mobileHost bool
	}{{20, false}, {20, true}, {150, false}} {
		t.Run(fmt.Sprintf("n=%d,mobileHost=%v", tc.n, tc.mobileHost), func(t *testing.T) { testJavaPortalSite(t, tc.n, tc.mobileHost) })
	}
}

func testJavaPortalSite(t *testing.T, n int, mobileHost bool) {
	site := newJPSite(n, mobileHost)
	sink := &jpSink{}
	const workers = 4
	_, sum := crawlWeb(t, site, Options{Workers: workers, FetchCounters: true}, sink.store)

	var urls []string
	for _, a := range site.arts {
		u := "http://" + jpHost + a.path()
		urls = append(urls, u)
		// The archive keeps publish times to the minute, or the day the
		// page gives.
		published := a.date.Truncate(time.Minute)
		if a.col == "zyfw" {
			published = time.Date(a.date.Year(), a.date.Month(), a.date.Day(), 0, 0, 0, 0, article.China)
		}
		got := sink.get(u)
		if !wantRecord(t, u, got, a.title, published, jpColumns[a.col].name) {
			continue
		}
		if got.Source != jpSource {
			t.Errorf("%s: source %q, want %q", u, got.Source, jpSource)
		}
		if got.Author != a.author {
			t.Errorf("%s: author %q, want %q", u, got.Author, a.author)
		}
		if want := strings.Join(a.body(), "\n"); got.Body != want {
			t.Errorf("%s: body\n%q\nwant\n%q", u, got.Body, want)
		}
		switch {
		case a.col == "zyfw" && got.Views != nil:
			t.Errorf("%s: views %d, want none (the page shows none)", u, *got.Views)
		case a.col != "zyfw" && got.Views == nil:
			t.Errorf("%s: no views, want %d", u, a.views)
		case a.col != "zyfw" && *got.Views != int64(a.views):
			t.Errorf("%s: views %d, want %d", u, *got.Views, a.views)
		}
	}
	sink.wantOnly(t, urls)
	site.hits.mu.Lock()
	defer site.hits.mu.Unlock()
	byPath := map[string]int{}
	total, counters, files, logins, searches, comments := 0, 0, 0, 0, 0, 0
	for k, n := range site.hits.hits {
		total += n
		p, _, _ := strings.Cut(jpSessionRe.ReplaceAllString(k, ""), "?")
		byPath[p] += n
		switch {
		case strings.HasPrefix(k, "/content_view.jspx"):
			counters += n
		case strings.HasPrefix(k, "/u/cms/") && strings.HasSuffix(p, ".pdf"):
			files += n
		case strings.HasPrefix(k, "/login.jspx"):
			logins += n
		case strings.HasPrefix(k, "/search.jspx"):
			searches += n
		case strings.HasPrefix(k, "/comment.jspx"):
			comments += n
		}
	}
	for _, a := range site.arts {
		if n := byPath[a.path()]; n > 3 {
			t.Errorf("%s fetched %d times", a.path(), n)
		}
	}
	// A comment page links its article alone: the pattern stops once
	// entryIdleLimit of them in a row brought nothing new.
	if comments > entryIdleLimit+workers {
		t.Errorf("%d comment pages fetched, want at most %d", comments, entryIdleLimit+workers)
	}
	if files > 0 {
		t.Errorf("attachments fetched %d times: a file is no page", files)
	}
	// The counter is fetched with an article page, once a run whichever
	// of the article's forms are fetched (it counts each request as a
	// view): as a counter, never as a page of its own.
	site.mu.Lock()
	for id, n := range site.counted {
		if n > 1 {
			t.Errorf("counter of %d fetched %d times", id, n)
		}
	}
	site.mu.Unlock()
	shapes := map[string]int{}
	for k, n := range site.hits.hits {
		shapes[regexp.MustCompile(`\d+`).ReplaceAllString(jpSessionRe.ReplaceAllString(k, ""), "N")] += n
	}
	t.Logf("requests by shape: %v", shapes)
	t.Logf("requests %d (at the site %d), pages %d, other pages %d, aliased %d, counters %d, logins %d, searches %d, inert %v, stopped %v, errors %v",
		sum.Requests, total, sum.Pages, sum.OtherPages, sum.ArticlesAliased, counters, logins, searches, sum.Inert, sum.Stopped, sum.Errors)
	// Each article's pages, its dynamic and mobile forms, the lists and
	// their mobile forms, with room for what a budget stops: a crawl that
	// walks every login link or search page goes far past this.
	if limit := 12*len(site.arts) + 60; total > limit {
		t.Errorf("%d requests at the site, want at most %d", total, limit)
	}
}

// TestJPBudgetOneArticlePages checks how the pattern budget judges pages
// that link one article each: linked from pages of other patterns (an
// article's comment page, its mobile form, a login page returning to
// it), each page's one article is no news and the pattern stops after
// entryIdleLimit of them; pages that link two or more new articles (a
// list) pay their way, and so do the pages of a list that shows one
// article a page, linked each from the one before, and articles held
// under their own URLs that link their 下一篇 alone (a later crawl walks
// them so).
func TestJPBudgetOneArticlePages(t *testing.T) {
	const n = 3 * entryIdleLimit
	for _, tc := range []struct {
		name     string
		page     func(i int) (u, referer string, articles []string)
		record   bool // the pages are articles held under their own URLs
		stopping bool
	}{
		{"comment pages", func(i int) (string, string, []string) {
			art := fmt.Sprintf("http://a.test/gzdt/%d.jhtml", i)
			return fmt.Sprintf("http://a.test/comment.jspx?contentId=%d", i), art, []string{art}
		}, false, true},
		{"comment pages linked from another form", func(i int) (string, string, []string) {
			return fmt.Sprintf("http://a.test/comment.jspx?contentId=%d", i), fmt.Sprintf("http://a.test/content.jspx?contentId=%d", i),
				[]string{fmt.Sprintf("http://a.test/gzdt/%d.jhtml", i)}
		}, false, true},
		{"mobile forms of articles, each linking its desktop page", func(i int) (string, string, []string) {
			art := fmt.Sprintf("http://a.test/gzdt/%d.jhtml", i)
			return fmt.Sprintf("http://a.test/wap/gzdt/%d.jhtml", i), art, []string{art}
		}, false, true},
		{"articles on a later crawl, each linking its 下一篇 alone", func(i int) (string, string, []string) {
			return fmt.Sprintf("http://a.test/gzdt/%d.jhtml", i), "http://a.test/gzdt/index.jhtml",
				[]string{fmt.Sprintf("http://a.test/gzdt/%d.jhtml", i+1)}
		}, true, false},
		{"tag pages of two articles", func(i int) (string, string, []string) {
			return fmt.Sprintf("http://a.test/tag/%d.jhtml", i), "http://a.test/",
				[]string{fmt.Sprintf("http://a.test/gzdt/%d.jhtml", 2*i), fmt.Sprintf("http://a.test/gzdt/%d.jhtml", 2*i+1)}
		}, false, false},
		{"a list of one article a page", func(i int) (string, string, []string) {
			return fmt.Sprintf("http://a.test/tpxw/index_%d.jhtml", i+2), fmt.Sprintf("http://a.test/tpxw/index_%d.jhtml", i+1),
				[]string{fmt.Sprintf("http://a.test/tpxw/%d.jhtml", i)}
		}, false, false},
	} {
		ps := newPatterns(0)
		stopped := -1
		for i := 0; i < n && stopped < 0; i++ {
			u, ref, arts := tc.page(i)
			if len(ps.observe(u, ref, false, tc.record, arts, 0)) > 0 {
				stopped = i + 1
			}
		}
		switch {
		case tc.stopping && stopped != entryIdleLimit:
			t.Errorf("%s: stopped after %d pages, want %d", tc.name, stopped, entryIdleLimit)
		case !tc.stopping && stopped >= 0:
			t.Errorf("%s: stopped after %d pages, want never", tc.name, stopped)
		}
	}
}

// TestJPCountMemo checks the memo of view counts read lately: a count is
// found by its counter URL until two generations of newer ones pushed it
// out.
func TestJPCountMemo(t *testing.T) {
	var m countMemo
	u := func(i int) string { return fmt.Sprintf("http://a.test/content_view.jspx?contentId=%d", i) }
	m.put(u(0), 1017)
	if v, ok := m.get(u(0)); !ok || v != 1017 {
		t.Fatalf("get = %d, %v; want 1017", v, ok)
	}
	if _, ok := m.get(u(1)); ok {
		t.Fatal("a count never put is found")
	}
	for i := 1; i < maxMemoCounts+1; i++ {
		m.put(u(i), int64(i))
	}
	if v, ok := m.get(u(0)); !ok || v != 1017 {
		t.Errorf("after one generation: get = %d, %v; want 1017", v, ok)
	}
	for i := maxMemoCounts + 1; i < 2*maxMemoCounts+1; i++ {
		m.put(u(i), int64(i))
	}
	if _, ok := m.get(u(0)); ok {
		t.Errorf("after two generations the oldest count is still kept")
	}
	if len(m.cur)+len(m.prev) > 2*maxMemoCounts {
		t.Errorf("%d counts kept, want at most %d", len(m.cur)+len(m.prev), 2*maxMemoCounts)
	}
}

// TestJavaPortalRecrawl crawls the Java portal site twice with the same
// crawl state, as a scheduled crawl does: the later crawl, where nothing
// is new, still visits every article and reads each shown count once.
func TestJavaPortalRecrawl(t *testing.T) {
	site := newJPSite(120, false)
	srv := httptest.NewServer(site)
	defer srv.Close()
	sink := &jpSink{}
	state := t.TempDir()
	opts := Options{Workers: 4, FetchCounters: true}
	runInState(t, srv.URL, state, opts, sink.store)
	site.hits.mu.Lock()
	site.hits.hits = nil
	site.hits.mu.Unlock()
	site.mu.Lock()
	site.counted = map[int]int{}
	site.mu.Unlock()
	_, sum := runInState(t, srv.URL, state, opts, sink.store)
	shown := 0
	for _, a := range site.arts {
		if n := site.hits.requests(a.path()) + site.hits.requests("/wap"+a.path()); n == 0 {
			t.Errorf("%s not visited by the later crawl", a.path())
		}
		site.mu.Lock()
		n := site.counted[a.id]
		site.mu.Unlock()
		if a.col == "zyfw" {
			continue // its template shows no views: the gzdt and jcdt templates do
		}
		shown++
		if n != 1 {
			t.Errorf("counter of %d read %d times by the later crawl, want once", a.id, n)
		}
	}
	t.Logf("later crawl: %d requests for %d articles (%d showing views), stopped %d patterns", sum.Requests, len(site.arts), shown, len(sum.Stopped))
}
