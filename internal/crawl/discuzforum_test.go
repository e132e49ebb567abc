package crawl

import (
	"context"
	"fmt"
	"html"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
)

// dfSite is a county 文明网 on Discuz! X3 with the whole install open:
// the portal (门户) the simulation models, and beside it the forum, the
// member spaces, groups, rankings, the Archiver, the mobile mirror, the
// login, search and plugin pages that every Discuz! X site also serves
// on the same host.
//
// Known from Discuz! X3's source and default templates (sites.md;
// forum_viewthread.php, viewthread_node.htm, forumdisplay.htm, the
// footer):
//
//   - URL forms: portal.php?mod=view&aid=N (&page=K), mod=list&catid=C,
//     mod=comment&id=N&idtype=aid, mod=topic&topicid=N; forum.php
//     (index), ?mod=forumdisplay&fid=F with filter=, orderby=, typeid=,
//     dateline=, digest= and page=; ?mod=viewthread&tid=T with
//     extra=page%3DK (the list page the reader came from, with its
//     filter), page=, authorid= (只看该作者, on every post), ordertype=1
//     (倒序浏览) and action=printable; ?mod=guide&view=…; forum.php
//     ?mod=group&fid=G and group.php; home.php?mod=space&uid=U with
//     do=profile|thread|blog|album|friend|wall, view=me, from=space,
//     type=reply, and &do=blog&id=B; member.php?mod=logging&action=login;
//     home.php?mod=misc&ac=sendmail&rand=… (a script); search.php with
//     srchtxt= and formhash= (the hot words under the search bar);
//     misc.php?mod=ranklist; the Archiver at archiver/ (?fid-F.html,
//     ?tid-T.html); with URL rewriting article-N-K.html, forum-F-P.html,
//     thread-T-P-L.html, space-uid-U.html, blog-U-B.html;
//   - markup: the portal's h1.ph, p.xg1 with <em id="_viewnum">,
//     td#article_content, div#pt, div.pg (multi()); the thread's
//     h1.ts > span#thread_subject, the 查看/回复 line, one
//     table.plhin per post with td.pls (the author) and td.plc
//     (div.authi: 发表于 DATE, 只看该作者; td.t_f, the post's text);
//   - every GET of portal.php?mod=view counts one view, shown as the
//     count before it; every GET of a thread counts one of its views;
//   - the default robots.txt (sites.md, verbatim): it disallows
//     search.php, member.php, misc.php, forum.php?mod=post* and
//     mod=redirect*, home.php?mod=spacecp*, /*?mod=misc* and
//     /*mobile=yes*, and leaves the forum, the spaces, group.php,
//     plugin.php, the Archiver and mobile=2 open;
//   - the footer's hidden 手机触屏版 link, forum.php?mobile=2, and the
//     touch pages linking each other with &mobile=2.
//
// Assumed (one plausible choice each, never one that makes the crawl
// easier): list and thread pages past the last answer the last page
// again (clamped), a forum's sort and filter views all list the same
// threads in another order; the touch index links the portal's newest
// articles, whose touch template shows the title, time, count and text
// in markup of its own (each such GET counts a view too); every
// page links the login with the page itself as referer; a space's
// profile shows the member's registration and last visit times; a
// member's 日志 (blog entries) are titled, dated pages of running text.
// Discuz shows robots (a User-Agent with Bot, Crawl or Spider and no
// browser word) fewer links (no 只看该作者, no jump box); the site here
// serves every client the page a browser gets, the larger link space.
//
// robots false serves no robots.txt (404): a site whose robots.txt was
// lost or emptied leaves the whole install to the crawler's own bounds.
//
// What belongs in the archive: the portal's articles, each once. The
// forum's threads do not, nor the members' spaces and 日志: a 文明网's
// record is what the site publishes (an article with its column, its
// editor, its view count), while a thread is a conversation of many
// authors whose opening post alone misrepresents it, whose whole is many
// pages that grow with every reply, and whose views (author-filtered,
// reversed, printed, Archiver, touch) would each have to be told apart
// as the same record. The pages the crawl does fetch there stay in the
// WARC files. The general rules do not reach that outcome by themselves
// (a thread without a pager was archived as its opening post, one with a
// pager was not, its print view was, and so were 日志 and an article's
// comment page), so it is Discuz's rule (cms.Discuz's OtherURL). The
// crawl's bounds are general: every view of the forum and the spaces is
// a URL pattern stopped once its pages reveal nothing new.
type dfSite struct {
	robots  bool
	rewrite bool
	arts    []dfArticle
	threads []dfThread
	members int
	hits    hitCounter // by request URI

	mu        sync.Mutex
	viewGets  map[int]int // aid → GETs of portal.php?mod=view (any page, any form)
	threadGet map[int]int // tid → GETs of the thread (any page, any form)
}

type dfArticle struct {
	aid   int
	catid int
	title string
	date  time.Time
	views int // the count before the crawl
	pages int
}

type dfThread struct {
	tid     int
	fid     int
	typeid  int
	title   string
	author  int
	date    time.Time
	replies int
	views   int
}

var dfColumns = map[int]string{1: "工作动态", 2: "志愿服务", 3: "文明创建"}

var dfForums = []struct {
	fid   int
	name  string
	types [2]int
}{{2, "文明论坛", [2]int{1, 2}}, {36, "志愿者之家", [2]int{3, 4}}, {37, "随手拍曝光台", [2]int{5, 6}}}

var dfTypes = map[int]string{1: "建议", 2: "表扬", 3: "招募", 4: "心得", 5: "曝光", 6: "回复"}

var dfGroups = []struct {
	fid  int
	name string
}{{51, "城关志愿服务队"}, {52, "读书会"}}

var dfTopics = []string{"文明交通", "垃圾分类", "关爱老人", "环境整治", "移风易俗", "诚信建设", "邻里互助", "志愿服务", "网络文明", "节约粮食"}

const (
	dfHost    = "top.wenming.test"
	dfName    = "城关文明网"
	dfListPer = 10 // portal list
	dfTPP     = 20 // threads per forum page
	dfPPP     = 10 // posts per thread page
	// The forum's size: each of its views (a member's space, a thread's
	// author filter, …) offers several times budget.go's idle limits in
	// URLs, so that a crawl that stops none of them passes dfMaxRequests
	// (see dfCrawlTime); a larger forum shows nothing more.
	dfMembers    = 80
	dfPerForum   = 35
	dfArticleNum = 45
)

var dfCST = time.FixedZone("CST", 8*3600)

// dfCrawlTime bounds a crawl of the site, generously: under the race
// detector on a loaded machine a crawl took over two minutes; a crawl
// that does not end is cut sooner, when it passes dfMaxRequests, what it
// may cost. The crawls here cost 1,125 requests (robots.txt, 55 of them the
// portal's article pages: 52 pages and 3 in the touch template before
// mobile= is learnt inert), 1,664 (no robots.txt) and 1,288 (rewritten
// URLs); on a forum twice this size (160 members, 70 threads a forum),
// before the fixes they found, 7,024 and more than 59,000 (the crawl had
// not ended after five minutes). With no pattern ever stopped (the idle
// and repeat limits of budget.go out of reach), each of the three passes
// dfMaxRequests.
const (
	dfCrawlTime   = 6 * time.Minute
	dfWorkers     = 4
	dfMaxRequests = 2500
)

func newDFSite(robots, rewrite bool) *dfSite {
	s := &dfSite{robots: robots, rewrite: rewrite, members: dfMembers, viewGets: map[int]int{}, threadGet: map[int]int{}}
	for i := 0; i < dfArticleNum; i++ {
		aid := i + 1
		if aid >= 20 {
			aid++ // aid 20 was deleted
		}
		topic := dfTopics[i%len(dfTopics)]
		pages := 1
		if aid%6 == 5 {
			pages = 2
		}
		s.arts = append(s.arts, dfArticle{
			aid: aid, catid: i%3 + 1, pages: pages,
			title: fmt.Sprintf("城关镇开展%s主题实践活动（第%d期）", topic, i/len(dfTopics)+1),
			date:  time.Date(2024, 3, 1, 8, 15, 0, 0, dfCST).Add(time.Duration(i) * 29 * time.Hour),
			views: 200 + aid*7,
		})
	}
	tid := 1
	for fi, f := range dfForums {
		for k := 0; k < dfPerForum; k++ {
			topic := dfTopics[(k+fi)%len(dfTopics)]
			s.threads = append(s.threads, dfThread{
				tid: tid, fid: f.fid, typeid: f.types[k%2],
				title:   fmt.Sprintf("关于%s的一点想法（%d）", topic, tid),
				author:  tid*11%dfMembers + 1,
				date:    time.Date(2024, 1, 2, 7, 40, 0, 0, dfCST).Add(time.Duration(tid) * 13 * time.Hour),
				replies: tid * 7 % 33,
				views:   50 + tid*3,
			})
			tid++
		}
	}
	return s
}

func (a dfArticle) paras() []string {
	return []string{
		fmt.Sprintf("%s，城关镇新时代文明实践所围绕“%s”组织志愿者走进第%d社区，开展宣传宣讲和结对帮扶活动。", a.date.Format("1月2日"), a.title, a.aid),
		fmt.Sprintf("活动中，志愿者向居民发放宣传资料%d余份，讲解身边的文明故事，倡导大家从小事做起、从自身做起，共建文明家园。", a.aid*13),
		"居民们纷纷表示，这样的活动贴近生活、通俗易懂，既学到了知识，又增进了邻里感情，希望以后多多开展。",
		fmt.Sprintf("据了解，今年以来全镇已累计开展此类活动%d场次，参与群众五千余人次，下一步还将建立常态化工作机制。", a.aid+11),
	}
}

// onPage is the text of page k (1-based) of the article.
func (a dfArticle) onPage(k int) []string {
	all := a.paras()
	if a.pages == 1 {
		return all
	}
	if k == 1 {
		return all[:2]
	}
	return all[2:]
}

func (s *dfSite) article(aid int) (dfArticle, bool) {
	for _, a := range s.arts {
		if a.aid == aid {
			return a, true
		}
	}
	return dfArticle{}, false
}

func (s *dfSite) thread(tid int) (dfThread, bool) {
	if tid < 1 || tid > len(s.threads) {
		return dfThread{}, false
	}
	return s.threads[tid-1], true
}

func dfUser(uid int) string {
	if uid == 1 {
		return "admin"
	}
	return fmt.Sprintf("居民%03d", uid)
}

// dfPost is post n (0: the opening post) of thread t.
type dfPost struct {
	pid    int
	author int
	date   time.Time
	text   string
}

func (t dfThread) post(n int) dfPost {
	if n == 0 {
		return dfPost{pid: t.tid * 100, author: t.author, date: t.date,
			text: fmt.Sprintf("最近在小区里注意到%s方面还有不少问题，比如有的居民不太了解相关规定，有的地方宣传还不到位。建议社区多组织几次活动，请志愿者上门讲一讲，也欢迎大家在这里说说自己的看法（帖子%d）。", strings.TrimSuffix(strings.TrimPrefix(t.title, "关于"), fmt.Sprintf("的一点想法（%d）", t.tid)), t.tid)}
	}
	return dfPost{pid: t.tid*100 + n, author: (t.tid*5+n*17)%dfMembers + 1, date: t.date.Add(time.Duration(n) * 3 * time.Hour),
		text: fmt.Sprintf("支持楼主！我们小区也有类似情况，第%d楼的意见很中肯，希望有关部门能尽快落实。", n+1)}
}

func (t dfThread) pages() int { return (t.replies + 1 + dfPPP - 1) / dfPPP }

// threadsOf are the threads of forum fid.
func (s *dfSite) threadsOf(fid int) []dfThread {
	return slices.DeleteFunc(slices.Clone(s.threads), func(t dfThread) bool { return t.fid != fid })
}

// userThreads are the threads member uid started.
func (s *dfSite) userThreads(uid int) []dfThread {
	return slices.DeleteFunc(slices.Clone(s.threads), func(t dfThread) bool { return t.author != uid })
}

func dfFriends(uid int) []int {
	return []int{uid*7%dfMembers + 1, uid*13%dfMembers + 1, (uid+40)%dfMembers + 1, (uid*3+5)%dfMembers + 1}
}

// dfBlogs are the ids of member uid's 日志: every tenth member keeps two.
func dfBlogs(uid int) []int {
	if uid%10 != 0 {
		return nil
	}
	return []int{uid*10 + 1, uid*10 + 2}
}

func dfDate(t time.Time) string { return t.Format("2006-1-2 15:04") }

// dfReq is one request's rendering: the page's own URL (for the login
// referer) and whether it is the touch (mobile) template, whose links all
// carry mobile=2.
type dfReq struct {
	s      *dfSite
	mobile bool
	self   string
	b      strings.Builder
}

// a writes a link to href (a site-relative URL as Discuz writes it).
func (r *dfReq) a(href, text string, attrs ...string) {
	if r.mobile && !strings.Contains(href, "mobile=") && !strings.HasPrefix(href, "http") {
		if strings.Contains(href, "?") {
			href += "&mobile=2"
		} else {
			href += "?mobile=2"
		}
	}
	fmt.Fprintf(&r.b, `<a href="%s"%s>%s</a>`, html.EscapeString(href), strings.Join(attrs, ""), text)
}

func (r *dfReq) w(format string, args ...any) { fmt.Fprintf(&r.b, format, args...) }

// links in the site's URL form.
func (s *dfSite) viewURL(aid, page int) string {
	return s.pagedURL("article", "portal.php?mod=view&aid=%d", aid, page)
}

func (s *dfSite) forumURL(fid, page int) string {
	return s.pagedURL("forum", "forum.php?mod=forumdisplay&fid=%d", fid, page)
}

// pagedURL links page of the article or forum list id: its rewritten
// name (name-id-page.html), or its script's query (a printf form of the
// id) with the page after the first.
func (s *dfSite) pagedURL(name, query string, id, page int) string {
	if s.rewrite {
		return fmt.Sprintf("%s-%d-%d.html", name, id, page)
	}
	u := fmt.Sprintf(query, id)
	if page > 1 {
		u += fmt.Sprintf("&page=%d", page)
	}
	return u
}

// threadURL links page of thread tid from list page listPage; extra is
// the list's filter as forumdisplay carries it (page%3D2%26filter%3D…).
func (s *dfSite) threadURL(tid, page, listPage int, extra string) string {
	if s.rewrite && extra == "" {
		return fmt.Sprintf("thread-%d-%d-%d.html", tid, page, listPage)
	}
	u := fmt.Sprintf("forum.php?mod=viewthread&tid=%d&extra=page%%3D%d%s", tid, listPage, extra)
	if page > 1 {
		u += fmt.Sprintf("&page=%d", page)
	}
	return u
}

func (s *dfSite) spaceURL(uid int) string {
	if s.rewrite {
		return fmt.Sprintf("space-uid-%d.html", uid)
	}
	return fmt.Sprintf("home.php?mod=space&uid=%d", uid)
}

func (s *dfSite) blogURL(uid, id int) string {
	if s.rewrite {
		return fmt.Sprintf("blog-%d-%d.html", uid, id)
	}
	return fmt.Sprintf("home.php?mod=space&uid=%d&do=blog&id=%d", uid, id)
}

var (
	dfArticleRe = regexp.MustCompile(`^/article-(\d+)-(\d+)\.html$`)
	dfForumRe   = regexp.MustCompile(`^/forum-(\d+)-(\d+)\.html$`)
	dfThreadRe  = regexp.MustCompile(`^/thread-(\d+)-(\d+)-(\d+)\.html$`)
	dfSpaceRe   = regexp.MustCompile(`^/space-uid-(\d+)\.html$`)
	dfBlogRe    = regexp.MustCompile(`^/blog-(\d+)-(\d+)\.html$`)
	dfArchTid   = regexp.MustCompile(`^(?:/archiver/\?|/archiver/)tid-(\d+)\.html(?:&page=(\d+))?$`)
	dfArchFid   = regexp.MustCompile(`^(?:/archiver/\?|/archiver/)fid-(\d+)\.html(?:&page=(\d+))?$`)
)

const dfRobots = "#\n# robots.txt for Discuz! X3\n#\n\nUser-agent: *\nDisallow: /api/\nDisallow: /data/\nDisallow: /source/\nDisallow: /install/\nDisallow: /template/\nDisallow: /config/\nDisallow: /uc_client/\nDisallow: /uc_server/\nDisallow: /static/\nDisallow: /admin.php\nDisallow: /search.php\nDisallow: /member.php\nDisallow: /api.php\nDisallow: /misc.php\nDisallow: /connect.php\nDisallow: /forum.php?mod=redirect*\nDisallow: /forum.php?mod=post*\nDisallow: /home.php?mod=spacecp*\nDisallow: /userapp.php?mod=app&*\nDisallow: /*?mod=misc*\nDisallow: /*?mod=attachment*\nDisallow: /*mobile=yes*\n"

func (s *dfSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.hits.count(r.URL.RequestURI())
	if offHost(w, r, dfHost) {
		return
	}
	p, q := r.URL.Path, r.URL.Query()
	if p == "/robots.txt" {
		if !s.robots {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, dfRobots)
		return
	}
	if strings.HasPrefix(p, "/archiver") {
		s.archiver(w, r)
		return
	}
	// The rewritten forms are the dynamic pages under another name.
	set := func(script string, kv ...string) {
		p = script
		q = url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			q.Set(kv[i], kv[i+1])
		}
	}
	switch {
	case dfArticleRe.MatchString(p):
		m := dfArticleRe.FindStringSubmatch(p)
		set("/portal.php", "mod", "view", "aid", m[1], "page", m[2])
	case dfForumRe.MatchString(p):
		m := dfForumRe.FindStringSubmatch(p)
		set("/forum.php", "mod", "forumdisplay", "fid", m[1], "page", m[2])
	case dfThreadRe.MatchString(p):
		m := dfThreadRe.FindStringSubmatch(p)
		set("/forum.php", "mod", "viewthread", "tid", m[1], "page", m[2], "extra", "page="+m[3])
	case dfSpaceRe.MatchString(p):
		m := dfSpaceRe.FindStringSubmatch(p)
		set("/home.php", "mod", "space", "uid", m[1])
	case dfBlogRe.MatchString(p):
		m := dfBlogRe.FindStringSubmatch(p)
		set("/home.php", "mod", "space", "uid", m[1], "do", "blog", "id", m[2])
	}
	rq := &dfReq{s: s, mobile: q.Get("mobile") == "2" || q.Get("mobile") == "yes", self: "http://" + dfHost + r.URL.RequestURI()}
	page, _ := strconv.Atoi(q.Get("page"))
	page = max(page, 1)
	var title, crumb string
	ok := true
	switch p {
	case "/", "/index.php", "/portal.php":
		switch q.Get("mod") {
		case "", "index":
			title = s.home(rq)
		case "view":
			aid, _ := strconv.Atoi(q.Get("aid"))
			a, found := s.article(aid)
			if !found || page > a.pages {
				title, ok = s.message(rq, "抱歉，指定的文章不存在或已被删除"), false
				break
			}
			s.mu.Lock()
			views := a.views + s.viewGets[aid]
			s.viewGets[aid]++
			s.mu.Unlock()
			title, crumb = s.view(rq, a, page, views)
		case "list":
			catid, _ := strconv.Atoi(q.Get("catid"))
			if dfColumns[catid] == "" {
				title, ok = s.message(rq, "抱歉，指定的栏目不存在"), false
				break
			}
			title, crumb = s.list(rq, catid, page)
		case "comment":
			aid, _ := strconv.Atoi(q.Get("id"))
			a, found := s.article(aid)
			if !found {
				title, ok = s.message(rq, "抱歉，指定的文章不存在或已被删除"), false
				break
			}
			title = s.comments(rq, a)
		case "topic":
			title = s.topic(rq)
		default:
			title, ok = s.message(rq, "抱歉，您访问的页面不存在"), false
		}
	case "/forum.php":
		title, crumb, ok = s.forum(rq, q, page)
	case "/home.php":
		title, ok = s.home2(rq, q, page)
	case "/group.php":
		title = s.groupIndex(rq)
	case "/misc.php":
		if q.Get("mod") == "ranklist" {
			title = s.ranklist(rq, q)
		} else {
			title, ok = s.message(rq, "抱歉，您访问的页面不存在"), false
		}
	case "/search.php":
		title = s.search(rq, q, page)
	case "/member.php":
		title = s.login(rq, q)
	case "/plugin.php":
		title = s.plugin(rq, q)
	default:
		http.NotFound(w, r)
		return
	}
	_ = ok
	s.frame(w, rq, title, crumb)
}

// frame writes the page: Discuz's header (toplinks, the login with the
// page as referer, the nav, the search bar and its hot words), the
// breadcrumb, the page's own part and the footer; the touch template is
// a page of its own.
func (s *dfSite) frame(w http.ResponseWriter, r *dfReq, title, crumb string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Set-Cookie", "xk7d_2132_lastvisit=1717200000; path=/")
	full := dfName + " - Powered by Discuz!"
	if title != "" {
		full = title + " - " + full
	}
	main := r.b.String()
	r.b.Reset()
	if r.mobile {
		r.w(`<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>%s</title></head><body class="bg"><div class="header cl"><div class="mz">`, html.EscapeString(full))
		r.a("forum.php", "返回")
		r.w(`</div><h2>%s</h2></div>`, html.EscapeString(dfName))
		r.w("%s", main)
		r.w(`<div class="footer">`)
		r.a("forum.php", "首页")
		r.a("member.php?mod=logging&action=login&referer="+url.QueryEscape(r.self), "登录")
		r.w(` <a href="forum.php?mobile=no">电脑版</a></div></body></html>`)
		fmt.Fprint(w, r.b.String())
		return
	}
	r.w(`<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd"><html xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" /><title>%s</title>`, html.EscapeString(full))
	r.w(`<meta name="generator" content="Discuz! X3.4" /><base href="http://%s/" /><script type="text/javascript">var STYLEID = '1', STATICURL = 'static/', IMGDIR = 'static/image/common', VERHASH = 'Kx9', charset = 'utf-8', discuz_uid = '0', cookiepre = 'xk7d_2132_', SITEURL = 'http://%s/';</script>`, dfHost, dfHost)
	r.w(`<script src="static/js/common.js?Kx9" type="text/javascript"></script></head><body id="nv_portal" class="pg_index"><div id="toptb" class="cl"><div class="wp"><div class="z">`)
	r.a("javascript:;", "设为首页", ` onclick="setHomepage('http://`+dfHost+`/');"`)
	r.w(`</div><div class="y">`)
	r.a("member.php?mod=logging&action=login&referer="+url.QueryEscape(r.self), "登录")
	r.a("member.php?mod=register", "立即注册")
	r.a("member.php?mod=logging&action=login&viewlostpw=1", "找回密码")
	r.w(`</div></div></div><div id="hd"><div class="wp"><div class="hdc cl"><h2><a href="./" title="%s"><img src="static/image/common/logo.png" alt="%s" /></a></h2></div><div id="nv"><ul>`, dfName, dfName)
	r.w(`<li id="mn_portal">`)
	r.a("portal.php", "首页")
	r.w(`</li>`)
	for c := 1; c <= 3; c++ {
		r.w(`<li id="mn_P%d">`, c)
		r.a(fmt.Sprintf("portal.php?mod=list&catid=%d", c), dfColumns[c])
		r.w(`</li>`)
	}
	for _, n := range [][2]string{{"forum.php", "论坛"}, {"forum.php?mod=guide&view=new", "导读"}, {"group.php", "群组"}, {"home.php", "家园"}, {"misc.php?mod=ranklist", "排行榜"}, {"plugin.php?id=dsu_paulsign:sign", "每日签到"}} {
		r.w(`<li>`)
		r.a(n[0], n[1])
		r.w(`</li>`)
	}
	r.w(`</ul></div><div id="scbar" class="cl"><form id="scbar_form" method="post" action="search.php?searchsubmit=yes"><input type="text" name="srchtxt" id="scbar_txt" /><button type="submit">搜索</button></form><div id="scbar_hot"><strong class="xw1">热搜: </strong>`)
	for _, word := range []string{"志愿服务", "垃圾分类", "文明交通"} {
		r.a("search.php?mod=forum&srchtxt="+url.QueryEscape(word)+"&formhash=8f2a1c3b&searchsubmit=true&source=hotsearch", word, ` target="_blank" class="xi2"`)
	}
	r.w(`</div></div></div></div><div id="wp" class="wp">`)
	if crumb != "" {
		r.w(`<div id="pt" class="bm cl"><div class="z"><a href="./" class="nvhm" title="首页">%s</a> <em>&rsaquo;</em> %s</div></div>`, dfName, crumb)
	}
	r.w("%s", main)
	r.w(`</div><div id="ft" class="wp cl"><div id="flk" class="y"><p>`)
	r.a("archiver/", "Archiver")
	r.a("forum.php?mobile=yes", "手机版")
	r.a("forum.php?mod=misc&action=showdarkroom", "小黑屋")
	r.a("portal.php?mod=topic&topicid=1", "联系我们")
	r.w(`<span id="returnmobile" style="display:none">`)
	r.a("forum.php?mobile=2", "手机触屏版")
	r.w(`</span></p></div><div id="frt"><p>Powered by <strong><a href="http://www.discuz.net" target="_blank">Discuz!</a></strong> <em>X3.4</em></p></div></div>`)
	r.w(`<script src="home.php?mod=misc&amp;ac=sendmail&amp;rand=%d" type="text/javascript"></script></body></html>`, 1717200000+len(main)%977)
	fmt.Fprint(w, r.b.String())
}

// pager is Discuz's multi(): numbers around the current page, first and
// last, 下一页, the jump box.
func (r *dfReq) pager(base string, cur, pages int) {
	if pages <= 1 {
		return
	}
	r.w(`<div class="pg">`)
	if cur > 1 {
		r.a(fmt.Sprintf("%s&page=%d", base, cur-1), "&nbsp;&nbsp;", ` class="prev"`)
	}
	from, to := max(1, cur-4), min(pages, max(1, cur-4)+9)
	if from > 1 {
		r.a(base+"&page=1", "1 ...", ` class="first"`)
	}
	for k := from; k <= to; k++ {
		if k == cur {
			r.w(`<strong>%d</strong>`, k)
		} else {
			r.a(fmt.Sprintf("%s&page=%d", base, k), strconv.Itoa(k))
		}
	}
	if to < pages {
		r.a(fmt.Sprintf("%s&page=%d", base, pages), fmt.Sprintf("... %d", pages), ` class="last"`)
	}
	r.w(`<label><input type="text" name="custompage" class="px" size="2" value="%d" onkeydown="if(event.keyCode==13) {window.location='%s&amp;page='+this.value;; doane(event);}" /><span title="共 %d 页"> / %d 页</span></label>`, cur, html.EscapeString(base), pages, pages)
	if cur < pages {
		r.a(fmt.Sprintf("%s&page=%d", base, cur+1), "下一页", ` class="nxt"`)
	}
	r.w(`</div>`)
}

// sideHot is the portal's 点击排行 and the forum's 热帖 and 新会员 boxes.
func (s *dfSite) sideHot(r *dfReq, key int) {
	r.w(`<div class="sd"><div class="bm"><div class="bm_h"><h2>点击排行</h2></div><ul class="xl">`)
	for i := 0; i < 6; i++ {
		a := s.arts[(key*7+i*5)%len(s.arts)]
		r.w(`<li><em class="y xg1">%d</em>`, a.views)
		r.a(fmt.Sprintf("portal.php?aid=%d&mod=view", a.aid), html.EscapeString(a.title), ` target="_blank"`)
		r.w(`</li>`)
	}
	r.w(`</ul></div><div class="bm"><div class="bm_h"><h2>论坛热帖</h2></div><ul class="xl">`)
	for i := 0; i < 6; i++ {
		t := s.threads[(key*11+i*37)%len(s.threads)]
		r.w(`<li>`)
		r.a(fmt.Sprintf("forum.php?mod=viewthread&tid=%d", t.tid), html.EscapeString(t.title), ` target="_blank"`)
		r.w(`</li>`)
	}
	r.w(`</ul></div><div class="bm"><div class="bm_h"><h2>新会员</h2></div><ul class="ml mls cl">`)
	for i := 0; i < 5; i++ {
		uid := (key*3+i*29)%dfMembers + 1
		r.w(`<li>`)
		r.a(s.spaceURL(uid), dfUser(uid), ` target="_blank"`)
		r.w(`</li>`)
	}
	r.w(`</ul></div></div>`)
}

func (s *dfSite) home(r *dfReq) string {
	r.w(`<div id="ct" class="wp cl"><div class="mn">`)
	for c := 1; c <= 3; c++ {
		r.w(`<div class="bm"><div class="bm_h cl"><span class="y">`)
		r.a(fmt.Sprintf("portal.php?mod=list&catid=%d", c), "更多")
		r.w(`</span><h2>%s</h2></div><div class="bm_c"><ul class="xl xl1 cl">`, dfColumns[c])
		n := 0
		for i := len(s.arts) - 1; i >= 0 && n < 8; i-- {
			if a := s.arts[i]; a.catid == c {
				r.w(`<li><em class="y">%s</em>`, a.date.Format("01-02"))
				r.a(s.viewURL(a.aid, 1), html.EscapeString(a.title), ` target="_blank"`)
				r.w(`</li>`)
				n++
			}
		}
		r.w(`</ul></div></div>`)
	}
	r.w(`</div>`)
	s.sideHot(r, 1)
	r.w(`</div>`)
	return "首页"
}

func (s *dfSite) list(r *dfReq, catid, page int) (string, string) {
	var in []dfArticle
	for i := len(s.arts) - 1; i >= 0; i-- {
		if s.arts[i].catid == catid {
			in = append(in, s.arts[i])
		}
	}
	pages := (len(in) + dfListPer - 1) / dfListPer
	page = min(page, pages) // past the end: the last page again
	r.w(`<div id="ct" class="ct2 wp cl"><div class="mn"><div class="bm bml pbn"><div class="bm_h cl"><h1 class="xs2 z">%s</h1></div></div><div class="bm"><div id="articlelist" class="bm_c xld">`, dfColumns[catid])
	for _, a := range in[(page-1)*dfListPer : min(len(in), page*dfListPer)] {
		r.w(`<dl class="bbda cl"><dt class="xs2">`)
		r.a(s.viewURL(a.aid, 1), html.EscapeString(a.title), ` target="_blank" class="xi2"`)
		r.w(`</dt><dd class="xs2 cl">%s</dd><dd><span class="xg1"> %s</span> <label>|</label> `, html.EscapeString(string([]rune(a.paras()[0])[:30])), dfDate(a.date))
		r.a(s.spaceURL(1), "发布者: admin", ` class="xi2"`)
		r.w(`</dd></dl>`)
	}
	r.w(`</div></div>`)
	r.pager(fmt.Sprintf("portal.php?mod=list&catid=%d", catid), page, pages)
	r.w(`</div>`)
	s.sideHot(r, catid+3)
	r.w(`</div>`)
	var crumb strings.Builder
	fmt.Fprintf(&crumb, `<a href="portal.php">门户</a> <em>&rsaquo;</em> <a href="portal.php?mod=list&amp;catid=%d">%s</a>`, catid, dfColumns[catid])
	return dfColumns[catid], crumb.String()
}

// dfComments are the comments on an article: member uid and text.
func dfComments(aid int) []int {
	var out []int
	for k := 0; k < aid%4; k++ {
		out = append(out, (aid*9+k*23)%dfMembers+1)
	}
	return out
}

func (s *dfSite) view(r *dfReq, a dfArticle, page, views int) (string, string) {
	col := dfColumns[a.catid]
	if r.mobile {
		// The touch template: its own markup for the same article.
		r.w(`<div class="wp"><div class="view_tit"><h2>%s</h2><p class="mtime">%s <span class="pipe">|</span> 查看: %d</p></div><div class="message">`, html.EscapeString(a.title), dfDate(a.date), views)
		for _, p := range a.onPage(page) {
			r.w(`<p>%s</p>`, html.EscapeString(p))
		}
		r.w(`</div>`)
		if a.pages > 1 {
			r.pager(fmt.Sprintf("portal.php?mod=view&aid=%d", a.aid), page, a.pages)
		}
		r.w(`</div>`)
		return a.title + " - " + col, ""
	}
	r.w(`<div id="ct" class="ct2 wp cl"><div class="mn"><div class="bm vw"><div class="h hm"><h1 class="ph">%s </h1><p class="xg1">%s<span class="pipe">|</span>发布者: `, html.EscapeString(a.title), dfDate(a.date))
	r.a(s.spaceURL(1), "admin")
	r.w(`<span class="pipe">|</span>查看: <em id="_viewnum">%d</em><span class="pipe">|</span>评论: %d</p></div>`, views, len(dfComments(a.aid)))
	r.w(`<div class="d"><table cellpadding="0" cellspacing="0" class="vwtb"><tr><td id="article_content">`)
	for _, p := range a.onPage(page) {
		r.w(`<p style="text-indent: 2em;">%s</p>`, html.EscapeString(p))
	}
	r.w(`</td></tr></table>`)
	if a.pages > 1 {
		r.w(`<div class="ptw pbw cl">`)
		if s.rewrite {
			r.w(`<div class="pg">`)
			for k := 1; k <= a.pages; k++ {
				if k == page {
					r.w(`<strong>%d</strong>`, k)
				} else {
					r.a(s.viewURL(a.aid, k), strconv.Itoa(k))
				}
			}
			r.w(`</div>`)
		} else {
			r.pager(fmt.Sprintf("portal.php?mod=view&aid=%d", a.aid), page, a.pages)
		}
		r.w(`</div>`)
	}
	r.w(`<div class="o cl ptm pbm">`)
	r.a(fmt.Sprintf("home.php?mod=spacecp&ac=favorite&type=article&id=%d&handlekey=favoritearticlehk_%d", a.aid, a.aid), "收藏", ` id="a_favorite" class="oshr ofav"`)
	r.a(fmt.Sprintf("home.php?mod=spacecp&ac=share&type=article&id=%d&handlekey=sharearticlehk_%d", a.aid, a.aid), "分享", ` class="oshr"`)
	r.w(`</div><div class="pren pbm cl">`)
	for i, o := range s.arts {
		if o.aid != a.aid {
			continue
		}
		if i > 0 {
			r.w(`<em>上一篇：`)
			r.a(s.viewURL(s.arts[i-1].aid, 1), html.EscapeString(s.arts[i-1].title))
			r.w(`</em>`)
		}
		if i+1 < len(s.arts) {
			r.w(`<em>下一篇：`)
			r.a(s.viewURL(s.arts[i+1].aid, 1), html.EscapeString(s.arts[i+1].title))
			r.w(`</em>`)
		}
	}
	r.w(`</div></div></div>`)
	r.w(`<div id="comment" class="bm"><div class="bm_h cl">`)
	r.a(fmt.Sprintf("portal.php?mod=comment&id=%d&idtype=aid", a.aid), fmt.Sprintf("查看全部评论(%d)", len(dfComments(a.aid))), ` class="y xi2 xw0"`)
	r.w(`<h3 class="ph">最新评论</h3></div><div id="comment_ul" class="bm_c">`)
	for k, uid := range dfComments(a.aid) {
		r.w(`<dl id="comment_%d_li" class="ptm pbm bbda cl"><dt class="mbm">`, a.aid*10+k)
		r.a(s.spaceURL(uid), dfUser(uid), ` class="xi2"`)
		r.w(` <span class="xg1 xw0">%s</span></dt><dd>说得好，我们社区也要学习这种做法。</dd></dl>`, dfDate(a.date.Add(time.Duration(k+2)*time.Hour)))
	}
	r.w(`</div><form id="cform" name="cform" action="portal.php?mod=portalcp&amp;ac=comment" method="post"><textarea name="message"></textarea><button type="submit" name="commentsubmit">评论</button></form></div></div>`)
	s.sideHot(r, a.aid)
	r.w(`</div>`)
	crumb := fmt.Sprintf(`<a href="portal.php">门户</a> <em>&rsaquo;</em> <a href="portal.php?mod=list&amp;catid=%d">%s</a> <em>&rsaquo;</em> 查看内容`, a.catid, col)
	return a.title + " - " + col, crumb
}

func (s *dfSite) comments(r *dfReq, a dfArticle) string {
	r.w(`<div id="ct" class="wp cl"><div class="bm"><div class="bm_h"><h1 class="ph">`)
	r.a(s.viewURL(a.aid, 1), html.EscapeString(a.title))
	r.w(`</h1></div><div class="bm_c">`)
	for k, uid := range dfComments(a.aid) {
		r.w(`<dl class="bbda cl"><dt>`)
		r.a(s.spaceURL(uid), dfUser(uid))
		r.w(` <span class="xg1">%s</span></dt><dd>说得好，我们社区也要学习这种做法。</dd></dl>`, dfDate(a.date.Add(time.Duration(k+2)*time.Hour)))
	}
	if len(dfComments(a.aid)) == 0 {
		r.w(`<p class="emp">暂无评论</p>`)
	}
	r.w(`</div></div></div>`)
	return "评论 - " + a.title
}

func (s *dfSite) topic(r *dfReq) string {
	r.w(`<div id="ct" class="wp cl"><div id="diy_topic" class="area"><div class="block"><div class="title">联系我们</div><div class="dxb_bc"><p>城关镇精神文明建设办公室，地址：城关镇人民路1号，邮编：055750。</p><p>欢迎广大群众通过本网站论坛反映意见建议，我们将认真研究办理。</p></div></div></div></div>`)
	return "联系我们"
}

func (s *dfSite) message(r *dfReq, msg string) string {
	r.w(`<div id="ct" class="wp cl w"><div class="nfl"><div class="f_c altw"><div id="messagetext" class="alert_error"><p>%s</p></div></div></div></div>`, msg)
	return "提示信息"
}

// forum answers forum.php: the index, a forum's thread list and its sort
// and filter views, a thread and its views, the guide, a group.
func (s *dfSite) forum(r *dfReq, q url.Values, page int) (title, crumb string, ok bool) {
	fcrumb := `<a href="forum.php">论坛</a>`
	switch q.Get("mod") {
	case "", "index":
		if q.Get("mobile") == "no" {
			return s.home(r), "", true
		}
		r.w(`<div id="ct" class="wp cl"><div class="mn">`)
		if r.mobile {
			// The touch index opens with the portal's newest articles,
			// in the touch template (assumed).
			r.w(`<ul class="portal_new">`)
			for i := len(s.arts) - 1; i >= len(s.arts)-8; i-- {
				r.w(`<li>`)
				r.a(fmt.Sprintf("portal.php?mod=view&aid=%d", s.arts[i].aid), html.EscapeString(s.arts[i].title))
				r.w(`</li>`)
			}
			r.w(`</ul>`)
		}
		r.w(`<div class="fl bm">`)
		for _, f := range dfForums {
			ts := s.threadsOf(f.fid)
			last := ts[len(ts)-1]
			r.w(`<table class="fl_tb"><tr><td class="fl_g"><h2>`)
			r.a(s.forumURL(f.fid, 1), f.name)
			r.w(`</h2><p class="xg2">主题: %d, 帖数: %d</p></td><td class="fl_by"><div>`, len(ts), len(ts)*9)
			r.a(fmt.Sprintf("forum.php?mod=redirect&tid=%d&goto=lastpost#lastpost", last.tid), html.EscapeString(last.title), ` class="xi2"`)
			r.w(` <cite>%s `, dfDate(last.date))
			r.a(fmt.Sprintf("home.php?mod=space&username=%s", url.QueryEscape(dfUser(last.author))), dfUser(last.author))
			r.w(`</cite></div></td></tr></table>`)
		}
		r.w(`</div><div id="online" class="bm oll"><div class="bm_h"><h3>在线会员</h3></div><ul class="cl">`)
		for i := 0; i < 12; i++ {
			uid := (i*41+7)%dfMembers + 1
			r.w(`<li>`)
			r.a(s.spaceURL(uid), dfUser(uid))
			r.w(`</li>`)
		}
		r.w(`</ul></div></div></div>`)
		return "论坛", fcrumb, true
	case "forumdisplay":
		fid, _ := strconv.Atoi(q.Get("fid"))
		return s.forumDisplay(r, q, fid, page)
	case "viewthread":
		tid, _ := strconv.Atoi(q.Get("tid"))
		t, found := s.thread(tid)
		if !found {
			return s.message(r, "抱歉，指定的主题不存在或已被删除或正在被审核"), "", false
		}
		s.mu.Lock()
		views := t.views + s.threadGet[tid]
		s.threadGet[tid]++
		s.mu.Unlock()
		if q.Get("action") == "printable" {
			return s.printable(r, t), "", true
		}
		authorid, _ := strconv.Atoi(q.Get("authorid"))
		return s.viewThread(r, t, page, views, authorid, q.Get("ordertype") == "1", q.Get("extra"))
	case "guide":
		view := q.Get("view")
		names := map[string]string{"new": "最新回复", "hot": "最新热门", "digest": "最新精华", "newthread": "最新发表", "sofa": "抢沙发"}
		if names[view] == "" {
			view = "new"
		}
		r.w(`<div id="ct" class="wp cl"><div class="mn"><ul class="tb cl">`)
		for _, v := range []string{"hot", "digest", "new", "newthread", "sofa"} {
			r.w(`<li>`)
			r.a("forum.php?mod=guide&view="+v, names[v])
			r.w(`</li>`)
		}
		r.w(`</ul><div class="bm_c"><table>`)
		order := s.sorted(s.threads, view)
		pages := (len(order) + dfTPP - 1) / dfTPP
		page = min(page, pages)
		for _, t := range order[(page-1)*dfTPP : min(len(order), page*dfTPP)] {
			s.threadRow(r, t, "")
		}
		r.w(`</table></div>`)
		r.pager("forum.php?mod=guide&view="+view, page, pages)
		r.w(`</div></div>`)
		return "导读 - " + names[view], fcrumb + ` <em>&rsaquo;</em> 导读`, true
	case "group":
		fid, _ := strconv.Atoi(q.Get("fid"))
		for gi, g := range dfGroups {
			if g.fid != fid {
				continue
			}
			r.w(`<div id="ct" class="wp cl"><div class="mn"><h1 class="xs2">%s</h1><ul class="tb cl"><li>`, g.name)
			r.a(fmt.Sprintf("forum.php?mod=group&action=memberlist&fid=%d", fid), "成员")
			r.w(`</li></ul><table>`)
			if q.Get("action") == "memberlist" {
				for i := 0; i < 15; i++ {
					uid := (gi*50+i*9)%dfMembers + 1
					r.w(`<tr><td>`)
					r.a(s.spaceURL(uid), dfUser(uid))
					r.w(`</td></tr>`)
				}
			} else {
				for i := 0; i < 8; i++ {
					s.threadRow(r, s.threads[(gi*80+i*13)%len(s.threads)], "")
				}
			}
			r.w(`</table></div></div>`)
			return g.name + " - 群组", `<a href="group.php">群组</a> <em>&rsaquo;</em> ` + g.name, true
		}
	}
	return s.message(r, "抱歉，您访问的页面不存在"), "", false
}

// sorted orders threads as a sort or filter view does.
func (s *dfSite) sorted(in []dfThread, by string) []dfThread {
	out := append([]dfThread(nil), in...)
	key := func(t dfThread) int {
		switch by {
		case "replies", "hot", "sofa":
			return t.replies*1000 + t.tid
		case "views", "heats", "heat", "digest":
			return t.views*7%101*1000 + t.tid
		case "dateline", "newthread":
			return t.tid
		}
		return int(t.date.Add(time.Duration(t.replies)*3*time.Hour).Unix()/60)*10 + t.tid%10
	}
	sort.SliceStable(out, func(i, j int) bool { return key(out[i]) > key(out[j]) })
	return out
}

// threadRow is a thread's row in a list: its type, its title linked with
// the list's extra, its own pages, its author and its last post.
func (s *dfSite) threadRow(r *dfReq, t dfThread, extra string) {
	r.w(`<tbody id="normalthread_%d"><tr><th class="common"><em>[`, t.tid)
	r.a(fmt.Sprintf("forum.php?mod=forumdisplay&fid=%d&filter=typeid&typeid=%d", t.fid, t.typeid), dfTypes[t.typeid])
	r.w(`]</em> `)
	r.a(s.threadURL(t.tid, 1, 1, extra), html.EscapeString(t.title), ` onclick="atarget(this)" class="s xst"`)
	if t.pages() > 1 {
		r.w(`<span class="tps">`)
		for k := 2; k <= t.pages(); k++ {
			r.a(s.threadURL(t.tid, k, 1, extra), strconv.Itoa(k))
		}
		r.w(`</span>`)
	}
	r.w(`</th><td class="by"><cite>`)
	r.a(s.spaceURL(t.author), dfUser(t.author), ` c="1"`)
	r.w(`</cite><em><span>%s</span></em></td><td class="num">`, t.date.Format("2006-1-2"))
	r.a(s.threadURL(t.tid, 1, 1, extra), strconv.Itoa(t.replies), ` class="xi2"`)
	r.w(`<em>%d</em></td><td class="by"><cite>`, t.views)
	last := t.post(t.replies)
	r.a(fmt.Sprintf("home.php?mod=space&username=%s", url.QueryEscape(dfUser(last.author))), dfUser(last.author), ` c="1"`)
	r.w(`</cite><em>`)
	r.a(fmt.Sprintf("forum.php?mod=redirect&tid=%d&goto=lastpost#lastpost", t.tid), dfDate(last.date))
	r.w(`</em></td></tr></tbody>`)
}

func (s *dfSite) forumDisplay(r *dfReq, q url.Values, fid, page int) (string, string, bool) {
	name := ""
	for _, f := range dfForums {
		if f.fid == fid {
			name = f.name
		}
	}
	if name == "" {
		return s.message(r, "抱歉，指定的版块不存在"), "", false
	}
	ts := s.threadsOf(fid)
	filter, orderby := q.Get("filter"), q.Get("orderby")
	base := fmt.Sprintf("forum.php?mod=forumdisplay&fid=%d", fid)
	var params []string
	for _, k := range []string{"filter", "orderby", "typeid", "dateline", "digest"} {
		if v := q.Get(k); v != "" {
			params = append(params, k+"="+url.QueryEscape(v))
		}
	}
	if typeid, _ := strconv.Atoi(q.Get("typeid")); filter == "typeid" && typeid > 0 {
		var in []dfThread
		for _, t := range ts {
			if t.typeid == typeid {
				in = append(in, t)
			}
		}
		ts = in
	}
	if d, _ := strconv.Atoi(q.Get("dateline")); filter == "dateline" && d > 0 {
		// Threads of the last d seconds before the newest one.
		newest := s.threadsOf(fid)[len(s.threadsOf(fid))-1].date
		var in []dfThread
		for _, t := range ts {
			if newest.Sub(t.date) <= time.Duration(d)*time.Second {
				in = append(in, t)
			}
		}
		ts = in
	}
	by := orderby
	if filter == "heat" || filter == "hot" || filter == "digest" {
		by = filter
	}
	ts = s.sorted(ts, by)
	if len(params) > 0 {
		base += "&" + strings.Join(params, "&")
	}
	pages := max(1, (len(ts)+dfTPP-1)/dfTPP)
	page = min(page, pages)
	extra := ""
	if len(params) > 0 {
		extra = url.QueryEscape("&" + strings.Join(params, "&"))
	}
	r.w(`<div id="ct" class="wp cl"><div class="mn"><div class="bm bml pbn"><div class="bm_h cl"><h1 class="xs2">`)
	r.a(s.forumURL(fid, 1), name)
	r.w(`</h1></div></div><div id="threadlist" class="tl bm bmw"><div class="th"><div class="tf">`)
	for _, v := range [][2]string{{"filter=author&orderby=dateline", "全部主题"}, {"filter=lastpost&orderby=lastpost", "最新"}, {"filter=heat&orderby=heats", "热门"}, {"filter=hot", "热帖"}, {"filter=digest&digest=1", "精华"}} {
		r.a(fmt.Sprintf("forum.php?mod=forumdisplay&fid=%d&%s", fid, v[0]), v[1], ` class="xi2"`)
	}
	r.w(`<span id="filter_dateline_menu">`)
	for _, d := range []string{"86400", "172800", "604800", "2592000", "7776000", "15552000", "31536000"} {
		r.a(fmt.Sprintf("forum.php?mod=forumdisplay&fid=%d&orderby=%s&filter=dateline&dateline=%s", fid, url.QueryEscape(orderby), d), d)
	}
	r.w(`</span><span id="filter_orderby_menu">`)
	for _, o := range []string{"dateline", "replies", "views", "lastpost"} {
		r.a(fmt.Sprintf("forum.php?mod=forumdisplay&fid=%d&filter=author&orderby=%s", fid, o), o)
	}
	r.w(`</span></div><ul id="thread_types" class="ttp bm cl">`)
	for _, f := range dfForums {
		if f.fid == fid {
			for _, ty := range f.types {
				r.w(`<li>`)
				r.a(fmt.Sprintf("forum.php?mod=forumdisplay&fid=%d&filter=typeid&typeid=%d", fid, ty), dfTypes[ty])
				r.w(`</li>`)
			}
		}
	}
	r.w(`</ul></div><div class="bm_c"><table summary="forum_%d" id="threadlisttableid">`, fid)
	for _, t := range ts[(page-1)*dfTPP : min(len(ts), page*dfTPP)] {
		s.threadRow(r, t, extra)
	}
	r.w(`</table></div></div>`)
	if s.rewrite && len(params) == 0 {
		r.w(`<div class="pg">`)
		for k := 1; k <= pages; k++ {
			if k == page {
				r.w(`<strong>%d</strong>`, k)
			} else {
				r.a(s.forumURL(fid, k), strconv.Itoa(k))
			}
		}
		if page < pages {
			r.a(s.forumURL(fid, page+1), "下一页", ` class="nxt"`)
		}
		r.w(`</div>`)
	} else {
		r.pager(base, page, pages)
	}
	r.w(`<div id="f_pst" class="bm"><p>`)
	r.a(fmt.Sprintf("forum.php?mod=post&action=newthread&fid=%d", fid), "发新帖")
	r.w(`</p></div></div></div>`)
	return name + " - 论坛", `<a href="forum.php">论坛</a> <em>&rsaquo;</em> ` + name, true
}

// viewThread is page of thread t, only authorid's posts when set,
// newest first with reverse.
func (s *dfSite) viewThread(r *dfReq, t dfThread, page, views, authorid int, reverse bool, extra string) (string, string, bool) {
	var posts []int
	for n := 0; n <= t.replies; n++ {
		if authorid == 0 || t.post(n).author == authorid {
			posts = append(posts, n)
		}
	}
	if reverse {
		// 倒序浏览: the opening post first, then the replies newest first.
		rest := append([]int(nil), posts[1:]...)
		sort.Sort(sort.Reverse(sort.IntSlice(rest)))
		posts = append(posts[:1], rest...)
	}
	pages := max(1, (len(posts)+dfPPP-1)/dfPPP)
	page = min(page, pages)
	fname := ""
	for _, f := range dfForums {
		if f.fid == t.fid {
			fname = f.name
		}
	}
	if extra == "" {
		extra = "page=1"
	}
	r.w(`<div id="ct" class="wp cl"><div id="pgt" class="pgs mbm cl"><div class="pgt">`)
	base := fmt.Sprintf("forum.php?mod=viewthread&tid=%d&extra=%s", t.tid, url.QueryEscape(extra))
	if authorid > 0 {
		base = fmt.Sprintf("forum.php?mod=viewthread&tid=%d&page=1&authorid=%d", t.tid, authorid)
	}
	if reverse {
		base += "&ordertype=1"
	}
	if s.rewrite && authorid == 0 && !reverse {
		r.w(`<div class="pg">`)
		for k := 1; k <= pages; k++ {
			if k == page {
				r.w(`<strong>%d</strong>`, k)
			} else {
				r.a(s.threadURL(t.tid, k, 1, ""), strconv.Itoa(k))
			}
		}
		r.w(`</div>`)
	} else {
		r.pager(base, page, pages)
	}
	r.w(`</div><span class="y pgb">`)
	r.a(s.forumURL(t.fid, 1), "返回列表")
	r.w(`</span>`)
	r.a(fmt.Sprintf("forum.php?mod=post&action=newthread&fid=%d", t.fid), "发新帖", ` id="newspecial"`)
	r.w(`</div><div id="postlist" class="pl bm"><table cellspacing="0" cellpadding="0"><tr><td class="pls ptn pbn"><div class="hm ptn"><span class="xg1">查看:</span> <span class="xi1">%d</span><span class="pipe">|</span><span class="xg1">回复:</span> <span class="xi1">%d</span></div></td>`, views, t.replies)
	r.w(`<td class="plc ptm pbn vwthd"><div class="y">`)
	r.a(fmt.Sprintf("forum.php?mod=viewthread&action=printable&tid=%d", t.tid), "打印", ` target="_blank"`)
	r.a(fmt.Sprintf("forum.php?mod=redirect&goto=nextoldset&tid=%d", t.tid), "上一主题")
	r.a(fmt.Sprintf("forum.php?mod=redirect&goto=nextnewset&tid=%d", t.tid), "下一主题")
	r.w(`</div><h1 class="ts">[`)
	r.a(fmt.Sprintf("forum.php?mod=forumdisplay&fid=%d&filter=typeid&typeid=%d", t.fid, t.typeid), dfTypes[t.typeid])
	r.w(`] <span id="thread_subject">%s</span></h1></td></tr></table>`, html.EscapeString(t.title))
	for i, n := range posts[(page-1)*dfPPP : min(len(posts), page*dfPPP)] {
		p := t.post(n)
		r.w(`<div id="post_%d"><table id="pid%d" class="plhin" summary="pid%d" cellspacing="0" cellpadding="0"><tr><td class="pls" rowspan="2"><div id="favatar%d" class="pls favatar"><div class="pi"><div class="authi">`, p.pid, p.pid, p.pid, p.pid)
		r.a(s.spaceURL(p.author), dfUser(p.author), ` target="_blank" class="xw1"`)
		r.w(`</div></div><div class="avatar">`)
		r.a(s.spaceURL(p.author), `<img src="uc_server/avatar.php?uid=`+strconv.Itoa(p.author)+`&amp;size=middle" />`, ` class="avtm" target="_blank"`)
		r.w(`</div><div class="tns xg2"><table><tr><th><p>`)
		r.a(fmt.Sprintf("home.php?mod=space&uid=%d&do=thread&type=thread&view=me&from=space", p.author), strconv.Itoa(len(s.userThreads(p.author))))
		r.w(`</p>主题</th></tr></table></div><p>`)
		r.a(fmt.Sprintf("home.php?mod=space&uid=%d&do=profile", p.author), "详细资料", ` target="_blank"`)
		r.w(`</p><ul class="xl xl2 o cl"><li class="pm2">`)
		r.a(fmt.Sprintf("home.php?mod=spacecp&ac=pm&op=showmsg&handlekey=showmsg_%d&touid=%d&pmid=0&daterange=2&pid=%d&tid=%d", p.author, p.author, p.pid, t.tid), "发消息")
		r.w(`</li></ul></div></td><td class="plc"><div class="pi"><strong>`)
		if n == 0 {
			r.a(fmt.Sprintf("forum.php?mod=viewthread&tid=%d", t.tid), "楼主", fmt.Sprintf(` id="postnum%d"`, p.pid))
		} else {
			r.a(fmt.Sprintf("forum.php?mod=redirect&goto=findpost&ptid=%d&pid=%d", t.tid, p.pid), fmt.Sprintf("<em>%d</em>#", n+1), fmt.Sprintf(` id="postnum%d"`, p.pid))
		}
		r.w(`</strong><div class="pti"><div class="authi">`)
		r.a(s.spaceURL(p.author), dfUser(p.author), ` target="_blank" class="xi2"`)
		r.w(`<em id="authorposton%d">发表于 %s</em><span class="pipe">|</span>`, p.pid, dfDate(p.date))
		if authorid == 0 {
			r.a(fmt.Sprintf("forum.php?mod=viewthread&tid=%d&page=%d&authorid=%d", t.tid, page, p.author), "只看该作者", ` rel="nofollow"`)
		} else {
			r.a(fmt.Sprintf("forum.php?mod=viewthread&tid=%d&page=%d", t.tid, page), "显示全部楼层", ` rel="nofollow"`)
		}
		if n == 0 && i == 0 {
			r.w(`<span class="pipe show">|</span>`)
			r.a(fmt.Sprintf("forum.php?mod=viewthread&tid=%d&extra=%s&ordertype=1", t.tid, url.QueryEscape(extra)), "倒序浏览", ` class="show"`)
		}
		r.w(`</div></div></div><div class="pct"><div class="pcb"><div class="t_fsz"><table cellspacing="0" cellpadding="0"><tr><td class="t_f" id="postmessage_%d">%s</td></tr></table></div></div></div></td></tr>`, p.pid, html.EscapeString(p.text))
		r.w(`<tr><td class="plc plm"><div class="po hin"><div class="pob cl"><em>`)
		r.a(fmt.Sprintf("forum.php?mod=post&action=reply&fid=%d&tid=%d&repquote=%d&extra=%s&page=%d", t.fid, t.tid, p.pid, url.QueryEscape(extra), page), "回复", ` class="fastre"`)
		r.w(`</em><p>`)
		r.a(fmt.Sprintf("misc.php?mod=report&rtype=post&rid=%d&tid=%d&fid=%d", p.pid, t.tid, t.fid), "举报")
		r.w(`</p></div></div></td></tr></table></div>`)
	}
	r.w(`</div><div id="f_pst" class="pl bm bmw"><div class="pbt">您需要登录后才可以回帖 `)
	r.a("member.php?mod=logging&action=login&referer="+url.QueryEscape(r.self), "登录", ` class="xi2"`)
	r.w(` | `)
	r.a("member.php?mod=register", "立即注册", ` class="xi2"`)
	r.w(`</div></div></div>`)
	crumb := fmt.Sprintf(`<a href="forum.php">论坛</a> <em>&rsaquo;</em> <a href="%s">%s</a> <em>&rsaquo;</em> <a href="%s">%s</a>`,
		html.EscapeString(s.forumURL(t.fid, 1)), fname, html.EscapeString(s.threadURL(t.tid, 1, 1, "")), html.EscapeString(t.title))
	return t.title + " - " + fname, crumb, true
}

// printable is the thread's print view: every post in one plain page.
func (s *dfSite) printable(r *dfReq, t dfThread) string {
	r.w(`<div id="printable"><h1>%s</h1>`, html.EscapeString(t.title))
	for n := 0; n <= t.replies; n++ {
		p := t.post(n)
		r.w(`<div class="print_post"><b>作者: </b>%s&nbsp; &nbsp; <b>时间: </b>%s<br />%s</div><hr />`, dfUser(p.author), dfDate(p.date), html.EscapeString(p.text))
	}
	r.w(`</div>`)
	return t.title
}

// home2 answers home.php: the 家园 index and a member's space.
func (s *dfSite) home2(r *dfReq, q url.Values, page int) (string, bool) {
	if q.Get("mod") == "misc" {
		return s.message(r, "ok"), true
	}
	if q.Get("mod") != "space" {
		// 家园: the latest 动态 of the members.
		r.w(`<div id="ct" class="wp cl"><div class="mn"><h1 class="mt">动态</h1><ul class="el">`)
		for i := 0; i < 15; i++ {
			t := s.threads[(i*17+3)%len(s.threads)]
			r.w(`<li>`)
			r.a(s.spaceURL(t.author), dfUser(t.author))
			r.w(` 发表了新话题 `)
			r.a(fmt.Sprintf("forum.php?mod=viewthread&tid=%d", t.tid), html.EscapeString(t.title))
			r.w(`</li>`)
		}
		r.w(`</ul></div></div>`)
		return "家园", true
	}
	uid, _ := strconv.Atoi(q.Get("uid"))
	if name := q.Get("username"); name != "" {
		for u := 1; u <= dfMembers; u++ {
			if dfUser(u) == name {
				uid = u
			}
		}
	}
	if uid < 1 || uid > dfMembers {
		return s.message(r, "抱歉，您指定的用户空间不存在"), false
	}
	name := dfUser(uid)
	do := q.Get("do")
	if do == "" {
		do = "profile"
	}
	r.w(`<div id="ct" class="ct1 wp cl"><div class="mn"><div class="bm"><div class="bm_h"><h1 class="mt">%s的个人空间</h1></div><ul class="tb cl">`, name)
	for _, tab := range [][2]string{{"do=profile", "个人资料"}, {"do=thread&view=me&from=space", "主题"}, {"do=blog&view=me&from=space", "日志"}, {"do=album&view=me&from=space", "相册"}, {"do=friend&view=me&from=space", "好友"}, {"do=wall", "留言板"}} {
		r.w(`<li>`)
		r.a(fmt.Sprintf("home.php?mod=space&uid=%d&%s", uid, tab[0]), tab[1])
		r.w(`</li>`)
	}
	r.w(`</ul><div class="bm_c">`)
	title := name + "的个人资料"
	switch do {
	case "profile":
		reg := time.Date(2023, 6, 1, 9, 0, 0, 0, dfCST).Add(time.Duration(uid) * 31 * time.Hour)
		r.w(`<div class="pbm mbm bbda cl"><h2 class="mbn">%s <span class="xw0">(UID: %d)</span></h2><ul class="cl bbda pbm mbm"><li><em class="xg2">统计信息</em>`, name, uid)
		r.a(fmt.Sprintf("home.php?mod=space&uid=%d&do=friend&view=me&from=space", uid), "好友数 4")
		r.a(fmt.Sprintf("home.php?mod=space&uid=%d&do=thread&view=me&type=reply&from=space", uid), "回帖数 12")
		r.a(fmt.Sprintf("home.php?mod=space&uid=%d&do=thread&view=me&type=thread&from=space", uid), fmt.Sprintf("主题数 %d", len(s.userThreads(uid))))
		r.w(`</li></ul><ul class="pf_l cl"><li><em>个人签名</em>热爱家乡，积极参加志愿服务活动，愿为建设文明城关贡献自己的一份力量。</li></ul></div>`)
		r.w(`<div class="pbm mbm bbda cl"><h2 class="mbn">活跃概况</h2><ul><li><em>用户组</em>注册会员</li></ul><ul id="pbbs" class="pf_l"><li><em>在线时间</em>%d 小时</li><li><em>注册时间</em>%s</li><li><em>最后访问</em>%s</li><li><em>上次活动时间</em>%s</li><li><em>所在时区</em>使用系统默认</li></ul></div>`,
			uid*3, dfDate(reg), dfDate(reg.Add(4000*time.Hour)), dfDate(reg.Add(4001*time.Hour)))
	case "thread":
		title = name + "的主题"
		ts := s.userThreads(uid)
		if q.Get("type") == "reply" {
			title = name + "的回复"
			ts = nil
			for i := 0; i < 6; i++ {
				ts = append(ts, s.threads[(uid*19+i*31)%len(s.threads)])
			}
		}
		r.w(`<div class="tl"><table>`)
		for _, t := range ts {
			s.threadRow(r, t, "")
		}
		r.w(`</table></div>`)
	case "blog":
		id, _ := strconv.Atoi(q.Get("id"))
		if id == 0 {
			title = name + "的日志"
			for _, b := range dfBlogs(uid) {
				r.w(`<dl class="bbda"><dt class="xs2">`)
				r.a(s.blogURL(uid, b), fmt.Sprintf("志愿服务日记（%d）", b))
				r.w(`</dt></dl>`)
			}
			if len(dfBlogs(uid)) == 0 {
				r.w(`<p class="emp">现在还没有日志</p>`)
			}
			break
		}
		found := false
		for _, b := range dfBlogs(uid) {
			found = found || b == id
		}
		if !found {
			return s.message(r, "抱歉，指定的日志不存在或已被删除"), false
		}
		title = fmt.Sprintf("志愿服务日记（%d）", id)
		r.w(`<div class="vw mbm"><div class="h pbm"><h1 class="ph">%s</h1><p class="xg2"><span class="xg1">%s</span> <span class="xg1">查看: %d</span></p></div><div id="blog_article" class="d cl"><p>今天和志愿服务队的伙伴们一起到敬老院看望老人，帮老人们打扫房间、整理衣物，陪他们聊天。日记编号%d。</p><p>老人们拉着我们的手说了很多心里话，临走时还一再叮嘱我们常来看看。做志愿者虽然辛苦，但心里很踏实。</p></div></div>`,
			title, dfDate(time.Date(2024, 2, 1, 20, 0, 0, 0, dfCST).Add(time.Duration(id)*7*time.Hour)), id*3, id)
	case "album":
		title = name + "的相册"
		r.w(`<ul class="ml mla cl">`)
		if uid%8 == 0 {
			for k := 1; k <= 3; k++ {
				r.w(`<li>`)
				r.a(fmt.Sprintf("home.php?mod=space&uid=%d&do=album&picid=%d", uid, uid*10+k), fmt.Sprintf(`<img src="data/attachment/album/%d.jpg" alt="" />`, uid*10+k))
				r.w(`</li>`)
			}
		}
		r.w(`</ul>`)
	case "friend":
		title = name + "的好友"
		r.w(`<ul class="buddy cl">`)
		for _, f := range dfFriends(uid) {
			r.w(`<li>`)
			r.a(s.spaceURL(f), dfUser(f))
			r.w(`</li>`)
		}
		r.w(`</ul>`)
		r.pager(fmt.Sprintf("home.php?mod=space&uid=%d&do=friend&view=me&from=space", uid), page, 1)
	case "wall":
		title = name + "的留言板"
		for k, f := range dfFriends(uid) {
			r.w(`<dl class="bbda cl"><dt>`)
			r.a(s.spaceURL(f), dfUser(f))
			r.w(` <span class="xg1 xw0">%s</span></dt><dd>来踩踩，祝你天天开心！</dd></dl>`, dfDate(time.Date(2024, 4, 1, 10, 0, 0, 0, dfCST).Add(time.Duration(uid*5+k)*time.Hour)))
		}
	default:
		title = name + "的个人空间"
	}
	r.w(`</div></div></div></div>`)
	return title, true
}

func (s *dfSite) groupIndex(r *dfReq) string {
	r.w(`<div id="ct" class="wp cl"><div class="mn"><h1 class="xs2">群组</h1><ul>`)
	for _, g := range dfGroups {
		r.w(`<li>`)
		r.a(fmt.Sprintf("forum.php?mod=group&fid=%d", g.fid), g.name)
		r.w(`</li>`)
	}
	r.w(`</ul></div></div>`)
	return "群组"
}

func (s *dfSite) ranklist(r *dfReq, q url.Values) string {
	r.w(`<div id="ct" class="wp cl"><div class="mn"><ul class="tb cl">`)
	for _, v := range []string{"credit", "friendnum", "invite", "onlinetime", "post", "blog", "beauty", "handsome"} {
		for _, o := range []string{"all", "thismonth", "today"} {
			r.w(`<li>`)
			r.a(fmt.Sprintf("misc.php?mod=ranklist&type=member&view=%s&orderby=%s", v, o), v+o)
			r.w(`</li>`)
		}
	}
	r.w(`</ul><ol>`)
	for i := 0; i < 20; i++ {
		uid := (len(q.Get("view"))*7+i*11)%dfMembers + 1
		r.w(`<li>`)
		r.a(s.spaceURL(uid), dfUser(uid))
		r.w(`</li>`)
	}
	r.w(`</ol></div></div>`)
	return "排行榜"
}

// search answers search.php: the threads or articles holding the words,
// with a pager that carries a search id.
func (s *dfSite) search(r *dfReq, q url.Values, page int) string {
	word := q.Get("srchtxt")
	r.w(`<div id="ct" class="wp cl"><div class="mn"><h2>结果: 找到 “%s” 相关内容</h2><ul>`, html.EscapeString(word))
	var hits []dfThread
	for _, t := range s.threads {
		if strings.Contains(t.title, word) {
			hits = append(hits, t)
		}
	}
	pages := max(1, (len(hits)+dfTPP-1)/dfTPP)
	page = min(page, pages)
	for _, t := range hits[min(len(hits), (page-1)*dfTPP):min(len(hits), page*dfTPP)] {
		r.w(`<li class="pbw"><h3 class="xs3">`)
		r.a(fmt.Sprintf("forum.php?mod=viewthread&tid=%d&highlight=%s", t.tid, url.QueryEscape(word)), html.EscapeString(t.title))
		r.w(`</h3></li>`)
	}
	r.w(`</ul>`)
	r.pager(fmt.Sprintf("search.php?mod=forum&searchid=%d&orderby=lastpost&ascdesc=desc&searchsubmit=yes&kw=%s", 100+len(word), url.QueryEscape(word)), page, pages)
	r.w(`</div></div>`)
	return "搜索"
}

// login is the login page; it links the lost-password form and back.
func (s *dfSite) login(r *dfReq, q url.Values) string {
	r.w(`<div id="ct" class="ptm wp w cl"><div class="mn"><div class="bm"><div class="bm_h"><h3>用户登录</h3></div><form method="post" action="member.php?mod=logging&amp;action=login&amp;loginsubmit=yes"><input type="hidden" name="referer" value="%s" /><input name="username" /><input name="password" type="password" /><button type="submit">登录</button></form><p>`, html.EscapeString(q.Get("referer")))
	r.a("member.php?mod=logging&action=login&viewlostpw=1", "找回密码")
	r.a("member.php?mod=register", "立即注册")
	r.w(`</p></div></div></div>`)
	return "登录"
}

func (s *dfSite) plugin(r *dfReq, q url.Values) string {
	r.w(`<div id="ct" class="wp cl"><div class="mn"><h1>每日签到</h1><p>今日已有 12 人签到。</p><ul>`)
	for _, o := range []string{"qdxq", "days", "lasted"} {
		r.w(`<li>`)
		r.a("plugin.php?id="+url.QueryEscape(q.Get("id"))+"&orderby="+o, "排序:"+o)
		r.w(`</li>`)
	}
	r.w(`</ul><ol>`)
	for i := 0; i < 12; i++ {
		uid := (i*13+len(q.Get("orderby"))*5)%dfMembers + 1
		r.w(`<li>`)
		r.a(s.spaceURL(uid), dfUser(uid))
		r.w(` <span>%s</span></li>`, dfDate(time.Date(2024, 6, 1, 7, i, 0, 0, dfCST)))
	}
	r.w(`</ol></div></div>`)
	return "每日签到"
}

// archiver is Discuz's Archiver: plain pages of the forums and threads
// under archiver/, linked from every footer.
func (s *dfSite) archiver(w http.ResponseWriter, req *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	ref := req.URL.Path
	if req.URL.RawQuery != "" {
		ref += "?" + req.URL.RawQuery
	}
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><base href="http://` + dfHost + `/archiver/" />`)
	link := func(href, text string) { fmt.Fprintf(&b, `<a href="%s">%s</a>`, html.EscapeString(href), text) }
	switch {
	case dfArchTid.MatchString(ref):
		m := dfArchTid.FindStringSubmatch(ref)
		tid, _ := strconv.Atoi(m[1])
		t, ok := s.thread(tid)
		if !ok {
			http.NotFound(w, req)
			return
		}
		s.mu.Lock()
		s.threadGet[tid]++
		s.mu.Unlock()
		page, _ := strconv.Atoi(m[2])
		page = min(max(page, 1), t.pages())
		fmt.Fprintf(&b, `<title>%s - %s - Powered by Discuz! Archiver</title></head><body><div id="nav">`, html.EscapeString(t.title), dfName)
		link("./", dfName)
		b.WriteString(` &rsaquo; `)
		link(fmt.Sprintf("?fid-%d.html", t.fid), "版块")
		fmt.Fprintf(&b, `</div><div id="content"><h1>%s</h1>`, html.EscapeString(t.title))
		for n := (page - 1) * dfPPP; n <= t.replies && n < page*dfPPP; n++ {
			p := t.post(n)
			fmt.Fprintf(&b, `<p class="author"><strong>%s</strong> 发表于 %s</p><p>%s</p>`, dfUser(p.author), dfDate(p.date), html.EscapeString(p.text))
		}
		if t.pages() > 1 {
			b.WriteString(`<div class="page">`)
			for k := 1; k <= t.pages(); k++ {
				link(fmt.Sprintf("?tid-%d.html&page=%d", tid, k), strconv.Itoa(k))
			}
			b.WriteString(`</div>`)
		}
		fmt.Fprintf(&b, `<p class="author">查看完整版本: <a href="../forum.php?mod=viewthread&amp;tid=%d">%s</a></p></div>`, tid, html.EscapeString(t.title))
	case dfArchFid.MatchString(ref):
		m := dfArchFid.FindStringSubmatch(ref)
		fid, _ := strconv.Atoi(m[1])
		ts := s.threadsOf(fid)
		if len(ts) == 0 {
			http.NotFound(w, req)
			return
		}
		page, _ := strconv.Atoi(m[2])
		pages := (len(ts) + 49) / 50
		page = min(max(page, 1), pages)
		fmt.Fprintf(&b, `<title>版块 - %s - Powered by Discuz! Archiver</title></head><body><div id="nav">`, dfName)
		link("./", dfName)
		b.WriteString(`</div><div id="content"><ul>`)
		for _, t := range ts[(page-1)*50 : min(len(ts), page*50)] {
			b.WriteString(`<li>`)
			link(fmt.Sprintf("?tid-%d.html", t.tid), html.EscapeString(t.title))
			fmt.Fprintf(&b, ` (%d篇回复)</li>`, t.replies)
		}
		b.WriteString(`</ul><div class="page">`)
		for k := 1; k <= pages; k++ {
			link(fmt.Sprintf("?fid-%d.html&page=%d", fid, k), strconv.Itoa(k))
		}
		b.WriteString(`</div></div>`)
	case req.URL.Path == "/archiver/" || req.URL.Path == "/archiver":
		fmt.Fprintf(&b, `<title>%s - Powered by Discuz! Archiver</title></head><body><div id="content"><ul>`, dfName)
		for _, f := range dfForums {
			b.WriteString(`<li>`)
			link(fmt.Sprintf("?fid-%d.html", f.fid), f.name)
			b.WriteString(`</li>`)
		}
		b.WriteString(`</ul></div>`)
	default:
		http.NotFound(w, req)
		return
	}
	b.WriteString(`<div id="end">查看完整版本: <a href="../forum.php">` + dfName + `</a></div></body></html>`)
	fmt.Fprint(w, b.String())
}

// TestDiscuzForumSite crawls a county site on Discuz! X with its forum,
// spaces, groups, Archiver and mobile mirror open (see dfSite): every
// portal article is archived once, under its canonical URL, with its
// title, publish time, view count (as the first GET found it), column
// and text, and fetched at most once more than it has pages (every GET
// counts a view); nothing else is archived (no list, forum index,
// thread, space, login, search, comment or message page); nothing
// robots.txt disallows is fetched; the crawl ends, in a bounded number
// of requests. After the crawl with robots.txt and without rewriting, the
// site is crawled again from that crawl's state (see discuzLaterCrawl).
func TestDiscuzForumSite(t *testing.T) {
	for _, tc := range []struct{ robots, rewrite bool }{{true, false}, {false, false}, {true, true}} {
		t.Run(fmt.Sprintf("robots=%v,rewrite=%v", tc.robots, tc.rewrite), func(t *testing.T) { testDiscuzForumSite(t, tc.robots, tc.rewrite) })
	}
}

func testDiscuzForumSite(t *testing.T, robots, rewrite bool) {
	site := newDFSite(robots, rewrite)
	ctx, cancel := context.WithTimeout(context.Background(), dfCrawlTime)
	defer cancel()
	var served atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if served.Add(1) > dfMaxRequests {
			cancel() // the crawl does not end: the request count fails the test
		}
		site.ServeHTTP(w, r)
	}))
	defer srv.Close()
	store, sink := aliasedSink()
	// Every URL an article was stored at, its aliases too, for the later
	// crawl.
	var mu sync.Mutex
	archived := map[string]bool{}
	record := func(a *article.Article) (Stored, error) {
		mu.Lock()
		archived[a.URL] = true
		mu.Unlock()
		return store(a)
	}
	state := t.TempDir()
	c, _ := newTestCrawler(t, srv.URL, t.TempDir(), Options{Workers: dfWorkers, StateDir: state}, record)
	sum, err := c.Run(ctx)
	if err != nil {
		t.Errorf("crawl: %v", err)
	}

	canon := func(aid int) string { return fmt.Sprintf("http://%s/portal.php?aid=%d&mod=view", dfHost, aid) }
	for _, a := range site.arts {
		u := canon(a.aid)
		got := sink.get(u)
		if !wantRecord(t, u, got, a.title, a.date, dfColumns[a.catid]) {
			continue
		}
		if want := strings.Join(a.paras(), "\n"); got.Body != want {
			t.Errorf("%s: body\n%q\nwant\n%q", u, got.Body, want)
		}
		if got.Views == nil || *got.Views != int64(a.views) {
			t.Errorf("%s: views %v, want %d (the count before the crawl's first GET)", u, got.Views, a.views)
		}
	}
	// Each GET of a view page counts a view: each page is fetched once,
	// but for the touch view's pages (mobile=2) fetched while the crawl
	// learns that the parameter is inert: inertSightings of them, which
	// may be both pages of one article, and those the other workers had
	// in flight when it was learnt.
	site.mu.Lock()
	extraGets := 0
	for _, a := range site.arts {
		n := site.viewGets[a.aid]
		if n > 2*a.pages {
			t.Errorf("aid %d: %d GETs of its view page (%d pages): each counts a view", a.aid, n, a.pages)
		}
		extraGets += max(n-a.pages, 0)
	}
	site.mu.Unlock()
	if most := inertSightings + dfWorkers - 1; extraGets > most {
		t.Errorf("%d GETs of view pages beyond one a page, want at most %d (the touch view's, until its parameter is known inert): each counts a view", extraGets, most)
	}
	var extra []string
	sink.mu.Lock()
	for u, a := range sink.urls {
		if !strings.Contains(u, "/portal.php?aid=") {
			extra = append(extra, u+" "+a.Title)
		}
	}
	sink.mu.Unlock()
	sort.Strings(extra)
	if len(extra) > 0 {
		t.Errorf("%d pages archived that are no portal article:\n%s", len(extra), strings.Join(extra, "\n"))
	}
	// Politeness: nothing the default robots.txt disallows was asked for.
	if robots {
		site.hits.mu.Lock()
		for k := range site.hits.hits {
			u, _ := url.Parse(k)
			q := u.Query()
			if strings.HasPrefix(u.Path, "/member.php") || strings.HasPrefix(u.Path, "/search.php") || strings.HasPrefix(u.Path, "/misc.php") ||
				q.Get("mod") == "post" || q.Get("mod") == "redirect" || q.Get("mod") == "spacecp" || q.Get("mod") == "misc" || q.Get("mobile") == "yes" {
				t.Errorf("%s fetched: robots.txt disallows it", k)
			}
		}
		site.hits.mu.Unlock()
	}
	// The crawl ends, and in a bounded number of requests: the forum's
	// and the spaces' views (sort, filter, author, print, touch) are
	// each stopped once their pages reveal nothing new.
	if sum.Requests > dfMaxRequests {
		t.Errorf("%d requests for %d articles, want at most %d", sum.Requests, len(site.arts), dfMaxRequests)
	}
	// What the crawl spent its requests on, by script and mod.
	kinds := map[string]int{}
	site.hits.mu.Lock()
	for k, n := range site.hits.hits {
		u, _ := url.Parse(k)
		kind := u.Path
		if m := u.Query().Get("mod"); m != "" {
			kind += "?mod=" + m
		}
		if u.Query().Get("mobile") != "" {
			kind += " (mobile)"
		}
		kinds[kind] += n
	}
	site.hits.mu.Unlock()
	t.Logf("requests %d, pages %d, articles %d, other pages %d, aliased %d, inert %v, robots blocked %d; by kind %v", sum.Requests, sum.Pages, sink.count(), sum.OtherPages, sum.ArticlesAliased, sum.Inert, sum.RobotsBlocked, kinds)
	byPattern := map[string]int{}
	site.hits.mu.Lock()
	for k, n := range site.hits.hits {
		coarse, _ := patternKeys("http://"+dfHost+k, "")
		byPattern[readablePattern(coarse)] += n
	}
	site.hits.mu.Unlock()
	var pats []string
	for p, n := range byPattern {
		pats = append(pats, fmt.Sprintf("%6d %s", n, p))
	}
	sort.Sort(sort.Reverse(sort.StringSlice(pats)))
	t.Logf("requests by pattern:\n%s", strings.Join(pats[:min(len(pats), 30)], "\n"))
	for _, p := range sum.Stopped {
		t.Logf("stopped %s: %d requests, %d dropped (%s)", p.Pattern, p.Requests, p.Dropped, p.Reason)
	}
	if robots && !rewrite {
		mu.Lock()
		archived := maps.Clone(archived)
		mu.Unlock()
		t.Run("later crawl", func(t *testing.T) { discuzLaterCrawl(t, site, srv.URL, state, archived) })
	}
}

// discuzLaterCrawl crawls the site a second time, with the first
// crawl's state (the parameters it learnt inert) and its articles
// archived, a week ago, published a year ago (older than the revisit
// age), under every URL the first crawl archived them at (their aliases
// too): no article is fetched again, so none gains a view from the
// crawl, and the crawl ends. It continues TestDiscuzForumSite's crawl
// with robots.txt, the first crawl it had made anew (and 8 s of CPU) when
// it was a test of its own.
func discuzLaterCrawl(t *testing.T, site *dfSite, srvURL, state string, archived map[string]bool) {
	site.mu.Lock()
	clear(site.viewGets)
	site.mu.Unlock()
	known := func(u string) (Known, bool) {
		return Known{Published: time.Now().AddDate(-1, 0, 0), FetchedAt: time.Now().AddDate(0, 0, -7)}, archived[u]
	}
	_, sum := runInState(t, srvURL, state, Options{Workers: 4, Known: known, Overlap: 3, RevisitAge: 30 * 24 * time.Hour, PassStart: time.Now()}, nopSink)
	site.mu.Lock()
	defer site.mu.Unlock()
	for aid, n := range site.viewGets {
		t.Errorf("aid %d fetched %d times: archived, older than the revisit age", aid, n)
	}
	t.Logf("requests %d, pages %d, paging stopped %d", sum.Requests, sum.Pages, sum.PagingStopped)
}
