package sitesim

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
)

// Discuz! X portal (门户) county sites: dynamic portal.php pages with a
// <base href> and relative links, a live view counter, the default robots.txt.

const discuzPerPage = 15

var discuzRewriteRe = regexp.MustCompile(`^/article-(\d+)-(\d+)\.html$`)

// discuzView is the link form the site's own pages use for an article.
func (s *site) discuzView(a ref) string {
	if s.rewrite {
		return fmt.Sprintf("article-%d-1.html", s.serial(a.j))
	}
	return fmt.Sprintf("portal.php?mod=view&aid=%d", s.serial(a.j))
}

// discuzURL is the canonical URL of a Discuz article.
func (sim *Sim) discuzURL(a ref) string {
	return fmt.Sprintf("http://%s/portal.php?aid=%d&mod=view", a.s.Host, a.s.serial(a.j))
}

func listURL(catid, page int) string {
	if page <= 1 {
		return fmt.Sprintf("portal.php?mod=list&catid=%d", catid)
	}
	return fmt.Sprintf("portal.php?mod=list&catid=%d&page=%d", catid, page)
}

// discuzCMS is Discuz! X's URL forms and templates: every page is a
// script, the query names the page.
type discuzCMS struct{}

// facts: Discuz! renders every page on request (scriptHeaders), titles
// its own way (head) and links 下一篇.
func (discuzCMS) facts() cmsFacts {
	return cmsFacts{perPage: discuzPerPage, uploads: discuzUploads, linksNext: true}
}

// listsPastEnd: Discuz answers list pages past the end.
func (discuzCMS) listsPastEnd() {}

func (discuzCMS) special(sim *Sim, s *site, r *http.Request) (resp, bool) {
	p, q := r.URL.Path, r.URL.Query()
	switch {
	case p == "/portal.php" && q.Get("mod") == "comment":
		a, ok := s.bySerial(q.Get("id"))
		if !ok {
			return sim.discuzMessage(s, "抱歉，指定的文章不存在或已被删除"), true
		}
		return sim.discuzComment(s, a), true
	case p == "/home.php" && q.Get("mod") == "space":
		return sim.discuzPage(s, "个人资料", "admin 的个人资料", "<div class=\"bm_c\"><ul class=\"pf_l cl\"><li><em>用户组</em>管理员</li><li><em>注册时间</em>"+s.start.Format("2006-1-2 15:04")+"</li></ul></div>"), true
	case p == "/forum.php" && q.Get("mod") == "":
		return sim.discuzPage(s, "论坛", "论坛", "<div class=\"bm_c\"><p>版块维护中，请访问门户首页。</p></div>"), true
	}
	return resp{}, false
}

// locate reads portal.php?mod=index|list|topic|view and, on a rewriting
// site, article-N-K.html.
func (discuzCMS) locate(sim *Sim, s *site, r *http.Request) pageRef {
	p, q := r.URL.Path, r.URL.Query()
	switch {
	case p == "/" || p == "/index.php" || (p == "/portal.php" && (q.Get("mod") == "" || q.Get("mod") == "index")):
		return homeRef()
	case s.rewrite && discuzRewriteRe.MatchString(p):
		m := discuzRewriteRe.FindStringSubmatch(p)
		return sim.discuzLocateView(s, m[1], m[2])
	case p != "/portal.php":
		return pageRef{}
	}
	switch q.Get("mod") {
	case "view":
		return sim.discuzLocateView(s, q.Get("aid"), q.Get("page"))
	case "list":
		return discuzLocateList(s, q.Get("catid"), q.Get("page"))
	case "topic":
		if k, err := strconv.Atoi(q.Get("topicid")); err == nil && k >= 1 && k <= 2 {
			return pageRef{kind: aboutPage, n: k - 1}
		}
	}
	return pageRef{}
}

// discuzLocateView is page (1-based; <1 means 1) of the article with aid.
func (sim *Sim) discuzLocateView(s *site, aid, page string) pageRef {
	a, ok := s.bySerial(aid)
	if !ok {
		return pageRef{}
	}
	k, _ := strconv.Atoi(page)
	k = max(k, 1)
	if k > sim.pageCount(a, sim.content(a)) {
		return pageRef{}
	}
	return articleRef(a, k-1)
}

// discuzLocateList is a list page of a column, or the channel of a parent
// category.
func discuzLocateList(s *site, catid, page string) pageRef {
	id, err := strconv.Atoi(catid)
	if err != nil {
		return pageRef{}
	}
	k, perr := strconv.Atoi(page)
	if perr != nil || k < 1 {
		k = 1
	}
	c := -1
	for n, col := range s.cols {
		if col.id == id {
			c = n
		}
	}
	if c >= 0 {
		return listRef(c, k)
	}
	for g, gr := range s.groups {
		if gr.id == id {
			return pageRef{kind: groupPage, n: g}
		}
	}
	return pageRef{}
}

// missing is Discuz's showmessage page, HTTP 200, for the portal pages
// that do not exist.
func (discuzCMS) missing(sim *Sim, s *site, r *http.Request) (resp, bool) {
	p, q := r.URL.Path, r.URL.Query()
	if s.rewrite && discuzRewriteRe.MatchString(p) {
		return sim.discuzMessage(s, "抱歉，指定的文章不存在或已被删除"), true
	}
	if p != "/portal.php" {
		return resp{}, false
	}
	switch q.Get("mod") {
	case "view":
		return sim.discuzMessage(s, "抱歉，指定的文章不存在或已被删除"), true
	case "list":
		return sim.discuzMessage(s, "抱歉，指定的栏目不存在"), true
	case "topic":
		return sim.discuzMessage(s, "抱歉，指定的专题不存在"), true
	}
	return sim.discuzMessage(s, "抱歉，您访问的页面不存在"), true
}

// article is page (0-based) of the view page; every GET of any page adds
// one view, shown as the count before it.
func (discuzCMS) article(sim *Sim, r *http.Request, a ref, page int) resp {
	c := sim.content(a)
	views, _ := sim.hit(a, r.Method == http.MethodGet)
	return sim.discuzView(a, c, views, page+1, sim.pageCount(a, c))
}

var discuzViewPageRe = regexp.MustCompile(`portal\.php\?mod=view&amp;aid=(\d+)&amp;page=(\d+)`)

// discuzArticlePager is multi() for an article; a rewriting site's output
// filter turns its links into article-N-K.html.
func discuzArticlePager(a ref, page, pages int) string {
	pg := multi(fmt.Sprintf("portal.php?mod=view&aid=%d", a.s.serial(a.j)), page, pages)
	if a.s.rewrite {
		pg = discuzViewPageRe.ReplaceAllString(pg, "article-$1-$2.html")
	}
	return pg
}

// scriptHeaders are the headers portal.php sends with every page.
func (discuzCMS) scriptHeaders(sim *Sim, s *site) map[string]string {
	return map[string]string{
		"X-Powered-By":  "PHP/5.6.40",
		"Cache-Control": "no-store, private, post-check=0, pre-check=0, max-age=0",
		"Set-Cookie":    fmt.Sprintf("%s_2132_lastvisit=%d; path=/", strings.Split(s.Host, ".")[1], sim.pageNow().Unix()-3600),
	}
}

// head writes everything up to the start of #wp. The <title> is the
// page's navtitle (its name; 首页 on the homepage), the site's name and
// "Powered by Discuz!"; the body's class and the highlighted menu entry
// follow the kind of page.
func (discuzCMS) head(sim *Sim, b pageWriter, s *site, h pageHead) {
	navtitle, desc, bodyClass, navCat := h.name, h.desc, "topic", -1
	switch h.pg.kind {
	case homePage:
		navtitle, bodyClass, navCat = "首页", "index", 0
	case listPage:
		bodyClass, navCat = "list", s.cols[h.pg.n].id
	case groupPage:
		bodyClass, navCat = "list", s.groups[h.pg.n].id
	case articlePage:
		bodyClass, navCat = "view", s.cols[h.pg.a.col].id
	}
	title := s.Name + " - Powered by Discuz!"
	if navtitle != "" {
		title = navtitle + " - " + title
	}
	cs := s.metaCharset()
	writeXHTMLOpen(b, s, "\n")
	fmt.Fprintf(b, "<title>%s</title>\n\n", esc(title))
	fmt.Fprintf(b, "<meta name=\"keywords\" content=\"%s\" />\n<meta name=\"description\" content=\"%s ,%s\" />\n", esc(navtitle), esc(desc), esc(s.Name))
	b.WriteString("<meta name=\"generator\" content=\"Discuz! X3.4\" />\n<meta name=\"author\" content=\"Discuz! Team and Comsenz UI Team\" />\n<meta name=\"copyright\" content=\"2001-2020 Tencent Cloud.\" />\n<meta name=\"MSSmartTagsPreventParsing\" content=\"True\" />\n<meta http-equiv=\"MSThemeCompatible\" content=\"Yes\" />\n")
	fmt.Fprintf(b, "<base href=\"%s\" /><link rel=\"stylesheet\" type=\"text/css\" href=\"data/cache/style_1_common.css?Kx9\" /><link rel=\"stylesheet\" type=\"text/css\" href=\"data/cache/style_1_portal_%s.css?Kx9\" />", s.Home, bodyClass)
	fmt.Fprintf(b, "<script type=\"text/javascript\">var STYLEID = '1', STATICURL = 'static/', IMGDIR = 'static/image/common', VERHASH = 'Kx9', charset = '%s', discuz_uid = '0', cookiepre = '%s_2132_', cookiedomain = '', cookiepath = '/', showusercard = '1', attackevasive = '0', disallowfloat = 'newthread', creditnotice = '1|威望|,2|金钱|,3|贡献|', defaultstyle = '', REPORTURL = '', SITEURL = '%s', JSPATH = 'static/js/', CSSPATH = 'data/cache/style_', DYNAMICURL = '';</script>\n",
		cs, strings.Split(s.Host, ".")[1], s.Home)
	b.WriteString("<script src=\"static/js/common.js?Kx9\" type=\"text/javascript\"></script>\n")
	fmt.Fprintf(b, "<meta name=\"application-name\" content=\"%s\" />\n<meta name=\"msapplication-tooltip\" content=\"%s\" />\n", esc(s.Name), esc(s.Name))
	b.WriteString("<script src=\"static/js/portal.js?Kx9\" type=\"text/javascript\"></script>\n</head>\n\n")
	fmt.Fprintf(b, "<body id=\"nv_portal\" class=\"pg_%s\" onkeydown=\"if(event.keyCode==27) return false;\">\n<div id=\"append_parent\"></div><div id=\"ajaxwaitid\"></div>\n", bodyClass)
	b.WriteString(sim.upStrip(s))
	fmt.Fprintf(b, "\n<div id=\"hd\">\n<div class=\"wp\">\n<div class=\"hdc cl\"><h2><a href=\"./\" title=\"%s\"><img src=\"static/image/common/logo.png\" alt=\"%s\" border=\"0\" /></a></h2>", esc(s.Name), esc(s.Name))
	b.WriteString("<script src=\"static/js/logging.js?Kx9\" type=\"text/javascript\"></script>\n<form method=\"post\" autocomplete=\"off\" id=\"lsform\" action=\"member.php?mod=logging&amp;action=login&amp;loginsubmit=yes&amp;infloat=yes&amp;lssubmit=yes\"><div class=\"fastlg cl\"><span id=\"return_ls\" style=\"display:none\"></span><div class=\"y pns\"><table cellspacing=\"0\" cellpadding=\"0\"><tr><td><label for=\"ls_username\">帐号</label></td><td><input type=\"text\" name=\"username\" id=\"ls_username\" class=\"px vm xg1\" /></td><td class=\"fastlg_l\"><a href=\"member.php?mod=register\">立即注册</a></td></tr></table></div></div></form>\n</div>\n")
	b.WriteString("<div id=\"nv\">\n<ul>")
	cls := ""
	if navCat == 0 {
		cls = " class=\"a\""
	}
	fmt.Fprintf(b, "<li%s id=\"mn_portal\" ><a href=\"portal.php\" hidefocus=\"true\" title=\"Portal\"  >%s<span>Portal</span></a></li>", cls, map[bool]string{true: "首页", false: "门户"}[s.nangong])
	for _, e := range s.menu() {
		cls = ""
		if e.id == navCat {
			cls = " class=\"a\""
		}
		fmt.Fprintf(b, "<li%s id=\"mn_P%d\" ><a href=\"%s\" hidefocus=\"true\"  >%s</a></li>", cls, e.id, esc(listURL(e.id, 1)), esc(e.name))
	}
	b.WriteString("<li id=\"mn_forum\" ><a href=\"forum.php\" hidefocus=\"true\" title=\"BBS\"  >论坛<span>BBS</span></a></li></ul>\n</div>\n")
	b.WriteString("<div id=\"scbar\" class=\"cl\"><form id=\"scbar_form\" method=\"post\" autocomplete=\"off\" action=\"search.php?searchsubmit=yes\" target=\"_blank\"><input type=\"text\" name=\"srchtxt\" id=\"scbar_txt\" value=\"请输入搜索内容\" autocomplete=\"off\" x-webkit-speech speech /><button type=\"submit\" name=\"searchsubmit\" id=\"scbar_btn\" sc=\"1\" class=\"pn pnc\" value=\"true\"><strong class=\"xi2\">搜索</strong></button></form></div>\n</div>\n</div>\n\n<div id=\"wp\" class=\"wp\">\n")
}

func (discuzCMS) tail(sim *Sim, b pageWriter, s *site) {
	now := sim.pageNow()
	icp := fmt.Sprintf("%sICP备%08d号", map[bool]string{true: "冀", false: "陕"}[sim.underHebei(s)], 10000000+int(mix(uint64(s.idx), 7)%89999999))
	b.WriteString("</div>\n")
	b.WriteString(sim.parentLinks(s))
	fmt.Fprintf(b, "<div id=\"ft\" class=\"wp cl\">\n<div id=\"flk\" class=\"y\">\n<p>\n<a href=\"portal.php?mod=topic&amp;topicid=2\" >联系我们</a><span class=\"pipe\">|</span><a href=\"forum.php?mobile=yes\" >手机版</a><span class=\"pipe\">|</span><a href=\"forum.php?mod=misc&amp;action=showdarkroom\" >小黑屋</a><span class=\"pipe\">|</span><strong><a href=\"%s\" target=\"_blank\">%s</a></strong>\n( <a href=\"https://beian.miit.gov.cn/\" target=\"_blank\">%s</a> )</p>\n",
		s.Home, esc(s.Name), icp)
	fmt.Fprintf(b, "<p class=\"xs0\">\nGMT+8, %d-%d-%d %02d:%02d<span id=\"debuginfo\">\n, Processed in 0.0%d second(s), %d queries\n.\n</span>\n</p>\n</div>\n",
		now.Year(), now.Month(), now.Day(), now.Hour(), now.Minute(), 21+s.idx, 9+s.idx)
	b.WriteString("<div id=\"frt\">\n<p>Powered by <strong><a href=\"http://www.discuz.net\" target=\"_blank\">Discuz!</a></strong> <em>X3.4</em></p>\n<p class=\"xs0\">&copy; 2001-2020 <a href=\"http://www.comsenz.com\" target=\"_blank\">Comsenz Inc.</a></p>\n</div></div>\n")
	b.WriteString("<div id=\"scrolltop\">\n<span hidefocus=\"true\"><a title=\"返回顶部\" onclick=\"window.scrollTo('0','0')\" class=\"scrolltopa\" ><b>返回顶部</b></a></span>\n</div>\n<script type=\"text/javascript\">_attachEvent(window, 'scroll', function () { showTopLink(); });checkBlind();</script>\n</body>\n</html>\n")
}

// discuzListHref is the (escaped) link to the first list page of a
// category.
func discuzListHref(_ string, catid int) string { return esc(listURL(catid, 1)) }

// discuzCrumb is div#pt: site › 首页/门户 › [parent ›] column › 查看内容.
func discuzCrumb(s *site, c int, last string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<div id=\"pt\" class=\"bm cl\">\n<div class=\"z\">\n<a href=\"./\" class=\"nvhm\" title=\"首页\">%s</a> <em>&rsaquo;</em>\n<a href=\"portal.php\">%s</a> <em>&rsaquo;</em>", esc(s.Name), map[bool]string{true: "首页", false: "门户"}[s.nangong])
	if c >= 0 {
		b.WriteString(s.columnCrumbs(c, discuzListHref, "\n<a href=\"{href}\">{text}</a> <em>&rsaquo;</em>", "\n<a href=\"{href}\">{text}</a>"))
		if last != "" {
			b.WriteString(" <em>&rsaquo;</em>")
		}
	}
	if last != "" {
		b.WriteString("\n" + last)
	}
	b.WriteString("\n</div>\n</div>\n")
	return b.String()
}

// discuzHot is the 点击排行 sidebar: other articles with their counts.
func (sim *Sim) discuzHot(s *site, key uint64) string {
	return sim.hotList(s, key, 8, "<div class=\"bm\"><div class=\"bm_h cl\"><h2>点击排行</h2></div><div class=\"bm_c\"><ul class=\"xl xl1 cl\">",
		func(_ int, a ref) string {
			return fmt.Sprintf("<li><em class=\"y xg1\">%d</em><a href=\"%s\" title=\"%s\" target=\"_blank\">%s</a></li>", sim.viewsBefore(a), esc(fmt.Sprintf("portal.php?mod=view&aid=%d", s.serial(a.j))), esc(sim.title(a)), esc(truncRunes(sim.title(a), 16)))
		},
		"</ul></div></div>\n")
}

func (t discuzCMS) home(sim *Sim, s *site) resp {
	var side strings.Builder
	side.WriteString("</div>\n<div class=\"sd\">\n")
	side.WriteString(sim.discuzHot(s, 5))
	side.WriteString("<div class=\"bm\"><div class=\"bm_h cl\"><h2>热门评论</h2></div><div class=\"bm_c\"><ul class=\"xl xl1 cl\">")
	for _, a := range sim.scattered(s, 6, 4) {
		fmt.Fprintf(&side, "<li><a href=\"%s#comment\" target=\"_blank\">%s</a></li>", esc(s.discuzView(a)), esc(sim.title(a)))
	}
	fmt.Fprintf(&side, "</ul></div></div>\n<div class=\"bm\"><div class=\"bm_c\"><a href=\"%s\">往期回顾</a></div></div>\n</div>\n</div>\n", esc(s.deadLinks[0]))
	return sim.homePage(t, s, homeForms{
		desc:   s.Name + "是" + s.place + "精神文明建设门户网站",
		before: "<div id=\"ct\" class=\"wp cl\">\n<div class=\"mn\">\n",
		boxes: boxForms{k: 8, href: discuzListHref,
			open: "<div class=\"bm\"><div class=\"bm_h cl\"><span class=\"y\"><a href=\"{href}\" class=\"xi2\">更多</a></span><h2><a href=\"{href}\">{text}</a></h2></div><div class=\"bm_c\"><ul class=\"xl xl1 cl\">",
			item: func(a ref) string {
				return fmt.Sprintf("<li><em class=\"y\">%s</em><a href=\"%s\" title=\"%s\" target=\"_blank\">%s</a></li>", sim.published(a).Format("01-02"), esc(s.discuzView(a)), esc(sim.title(a)), esc(truncRunes(sim.title(a), 22)))
			},
			close: "</ul></div></div>\n"},
		after: side.String(),
	})
}

// multi renders Discuz's pager.
func multi(url string, cur, pages int) string {
	if pages <= 1 {
		return ""
	}
	u := esc(url)
	var b strings.Builder
	b.WriteString("<div class=\"pg\">")
	if cur > 1 {
		fmt.Fprintf(&b, "<a href=\"%s&amp;page=%d\" class=\"prev\">&nbsp;&nbsp;</a>", u, cur-1)
	}
	from := max(1, cur-4)
	to := min(pages, from+9)
	from = max(1, to-9)
	if from > 1 {
		fmt.Fprintf(&b, "<a href=\"%s&amp;page=1\" class=\"first\">1 ...</a>", u)
	}
	b.WriteString(pageNumbers(from, to, cur, func(k int) string { return u + "&amp;page=" + strconv.Itoa(k) }, "<strong>{text}</strong>", "<a href=\"{href}\">{text}</a>"))
	if to < pages {
		fmt.Fprintf(&b, "<a href=\"%s&amp;page=%d\" class=\"last\">... %d</a>", u, pages, pages)
	}
	fmt.Fprintf(&b, "<label><input type=\"text\" name=\"custompage\" class=\"px\" size=\"2\" title=\"输入页码，按回车快速跳转\" value=\"%d\" onkeydown=\"if(event.keyCode==13) {window.location='%s&amp;page='+this.value;; doane(event);}\" /><span title=\"共 %d 页\"> / %d 页</span></label>", cur, u, pages, pages)
	if cur < pages {
		fmt.Fprintf(&b, "<a href=\"%s&amp;page=%d\" class=\"nxt\">下一页</a>", u, cur+1)
	}
	b.WriteString("</div>")
	return b.String()
}

// list is a list page of column c; a page past the end shows 暂无内容, or
// on a site with the pager trap the last page again.
func (t discuzCMS) list(sim *Sim, s *site, c int, l listing) resp {
	col := s.cols[c]
	asked, pagerPages := l.page, l.pages
	clamped := s.has(featClampPager) && asked > l.pages
	if clamped {
		// pages past the end show the last page again, with a 下一页 link
		pagerPages = asked + 1
		l = sim.listingOf(s, c, l.pages, discuzPerPage)
	}
	pager := ""
	if pg := multi(listURL(col.id, 1), asked, pagerPages); pg != "" {
		pager = "<div class=\"pgs cl\">" + pg + "</div>\n"
	}
	out := sim.listPage(t, s, c, l, listForms{
		before: discuzCrumb(s, c, "") + fmt.Sprintf("<div id=\"ct\" class=\"ct2 wp cl\">\n<div class=\"mn\">\n<div class=\"bm bml pbn\"><div class=\"bm_h cl\"><h1 class=\"xs2 z\">%s</h1></div></div>\n<div class=\"bm\">\n<div id=\"articlelist\" class=\"bm_c xld\">\n", esc(col.name)),
		item: func(_ int, a ref) string {
			return fmt.Sprintf("<dl class=\"bbda cl\">\n<dt class=\"xs2\"><a href=\"%s\" target=\"_blank\" class=\"xi2\">%s</a></dt>\n<dd class=\"xs2 cl\">%s</dd>\n", esc(s.discuzView(a)), esc(sim.title(a)), esc(sim.content(a).summary)) +
				fmt.Sprintf("<dd>\n<span class=\"xg1\"> %s</span>\n<label>|</label> <a href=\"%s\" class=\"xi2\">发布者: admin</a>\n<span class=\"xg1\"> 分类: <a href=\"%s\" class=\"xi2\">%s</a></span>\n</dd>\n</dl>\n",
					s.dates.format(sim.published(a)), esc(s.discuzView(a)), esc(listURL(col.id, 1)), esc(col.name))
		},
		empty: "<p class=\"emp\">暂无内容</p>\n",
		after: "</div>\n</div>\n" + pager + "</div>\n<div class=\"sd pph\">\n" + sim.discuzHot(s, uint64(20+c)) + "</div>\n</div>\n",
	})
	if clamped {
		out.trap = featClampPager
	}
	return out
}

// group is the list page of a parent category: its sub-categories, then
// the newest articles of each.
func (t discuzCMS) group(sim *Sim, s *site, g int) resp {
	gr := s.groups[g]
	var before strings.Builder
	fmt.Fprintf(&before, "<div id=\"pt\" class=\"bm cl\"><div class=\"z\"><a href=\"./\" class=\"nvhm\" title=\"首页\">%s</a> <em>&rsaquo;</em> <a href=\"portal.php\">门户</a> <em>&rsaquo;</em> <a href=\"%s\">%s</a></div></div>\n", esc(s.Name), esc(listURL(gr.id, 1)), esc(gr.name))
	fmt.Fprintf(&before, "<div id=\"ct\" class=\"ct2 wp cl\"><div class=\"mn\"><div class=\"bm bml pbn\"><div class=\"bm_h cl\"><h1 class=\"xs2 z\">%s</h1></div><div class=\"bm_c\"><p class=\"xg1\">下级分类: ", esc(gr.name))
	for _, c := range s.groupCols(g) {
		fmt.Fprintf(&before, "<a href=\"%s\" class=\"xi2\">%s</a> ", esc(listURL(s.cols[c].id, 1)), esc(s.cols[c].name))
	}
	before.WriteString("</p></div></div>\n<div class=\"bm\"><div id=\"articlelist\" class=\"bm_c xld\">\n")
	return sim.groupPage(t, s, g, groupForms{
		before: before.String(),
		boxes: boxForms{k: 5, href: discuzListHref,
			item: func(a ref) string {
				return fmt.Sprintf("<dl class=\"bbda cl\"><dt class=\"xs2\"><a href=\"%s\" target=\"_blank\" class=\"xi2\">%s</a></dt><dd><span class=\"xg1\"> %s</span></dd></dl>\n",
					esc(s.discuzView(a)), esc(sim.title(a)), s.dates.format(sim.published(a)))
			}},
		after: "</div></div></div></div>\n",
	})
}

// discuzContent renders the stored editor HTML of an article.
func discuzContent(a ref, c content, pubDir string) string {
	var b strings.Builder
	for k, p := range c.paras {
		switch {
		case p.img != "":
			// relative to the page's <base href>
			fmt.Fprintf(&b, "<div align=\"center\"><img id=\"aimg_%d\" src=\"%s%s/%s\" alt=\"\" /></div>", 100+k, strings.TrimPrefix(discuzUploads, "/"), pubDir, strings.TrimPrefix(p.img, "W0"))
			if c.style == 1 {
				b.WriteString("<br />\n")
			}
		case c.style == 1:
			b.WriteString("&nbsp; &nbsp; " + esc(p.text) + "<br />\n")
		case c.style == 2:
			fmt.Fprintf(&b, "<div style=\"text-indent:2em;\">%s</div>\n", esc(p.text))
		case p.heading:
			fmt.Fprintf(&b, "<p><strong>%s</strong></p>\n", esc(p.text))
		default:
			fmt.Fprintf(&b, "<p style=\"text-indent: 2em;\">%s</p>\n", esc(p.text))
		}
	}
	return b.String()
}

// discuzUploads is where the editor stores the images of articles.
const discuzUploads = "/data/attachment/portal/"

func (sim *Sim) discuzView(a ref, c content, views int64, page, pages int) resp {
	s := a.s
	col := s.cols[a.col]
	title := sim.title(a)
	t := sim.published(a)
	tp := discuzCMS{}
	return sim.articlePage(tp, a, articleHead(tp, a, title+" - "+col.name, c.summary), c.textLen(), func(b pageWriter) {
		b.WriteString(discuzCrumb(s, a.col, "查看内容"))
		b.WriteString("<style id=\"diy_style\" type=\"text/css\"></style>\n<div class=\"wp\">\n<!--[diy=diy1]--><div id=\"diy1\" class=\"area\"></div><!--[/diy]-->\n</div>\n")
		b.WriteString("<div id=\"ct\" class=\"ct2 wp cl\">\n<div class=\"mn\">\n<div class=\"bm vw\">\n<div class=\"h hm\">\n")
		fmt.Fprintf(b, "<h1 class=\"ph\">%s </h1>\n", esc(title))
		if s.nangong {
			fmt.Fprintf(b, "<p class=\"xg1\">\n发布时间:%s&nbsp;&nbsp;浏览数: %d</p>\n", s.dates.format(t), views)
		} else {
			fmt.Fprintf(b, "<p class=\"xg1\">\n%s<span class=\"pipe\">|</span>\n发布者: <a href=\"home.php?mod=space&amp;uid=1\">admin</a><span class=\"pipe\">|</span>\n查看: <em id=\"_viewnum\">%d</em><span class=\"pipe\">|</span>\n评论: 0", s.dates.format(t), views)
			if c.author != "" {
				fmt.Fprintf(b, "<span class=\"pipe\">|</span>\n原作者: %s", esc(c.author))
			}
			if c.source != "" {
				fmt.Fprintf(b, "<span class=\"pipe\">|</span>\n来自: %s", esc(c.source))
			}
			b.WriteString("</p>\n")
		}
		b.WriteString("</div>\n<!--[diy=diysummarytop]--><div id=\"diysummarytop\" class=\"area\"></div><!--[/diy]-->\n")
		if !s.nangong && c.summary != "" {
			fmt.Fprintf(b, "<div class=\"s\"><div><strong>摘要</strong>: %s</div></div>\n", esc(c.summary))
		}
		b.WriteString("<!--[diy=diysummarybottom]--><div id=\"diysummarybottom\" class=\"area\"></div><!--[/diy]-->\n<div class=\"d\">\n<!--[diy=diycontenttop]--><div id=\"diycontenttop\" class=\"area\"></div><!--[/diy]-->\n")
		b.WriteString("<table cellpadding=\"0\" cellspacing=\"0\" class=\"vwtb\"><tr><td id=\"article_content\">")
		b.WriteString(discuzContent(a, onPage(c, pages, page-1), t.Format("200601/02")))
		b.WriteString("</td></tr></table>\n")
		if pages > 1 {
			fmt.Fprintf(b, "<div class=\"ptw pbw cl\">%s</div>\n", discuzArticlePager(a, page, pages))
		}
		b.WriteString("<!--[diy=diycontentbottom]--><div id=\"diycontentbottom\" class=\"area\"></div><!--[/diy]-->\n")
		b.WriteString("<div class=\"o cl ptm pbm\">\n<a href=\"home.php?mod=spacecp&amp;ac=favorite&amp;type=article&amp;id=" + strconv.Itoa(s.serial(a.j)) + "&amp;handlekey=favoritearticlehk_" + strconv.Itoa(s.serial(a.j)) + "\" id=\"a_favorite\" class=\"oshr ofav\">收藏</a>\n</div>\n")
		b.WriteString("<div class=\"pren pbm cl\">\n")
		sim.writeNeighbours(b, a, func(o ref) string { return esc(s.discuzView(o)) },
			neighbourForm{"<em>上一篇：<a href=\"{href}\">{text}</a></em>\n", "<em>上一篇：没有了</em>\n"},
			neighbourForm{"<em>下一篇：<a href=\"{href}\">{text}</a></em>\n", "<em>下一篇：没有了</em>\n"})
		b.WriteString("</div>\n</div>\n</div>\n")
		b.WriteString("<div class=\"bm\"><div class=\"bm_h cl\"><h3>相关阅读</h3></div><div class=\"bm_c\"><ul class=\"xl xl2 cl\">")
		for _, o := range sim.related(a, uint64(2000+a.j), 4) {
			// the DIY related-articles block writes its own parameter order
			fmt.Fprintf(b, "<li>&bull; <a href=\"%s\">%s</a></li>", esc(fmt.Sprintf("portal.php?aid=%d&mod=view", s.serial(o.j))), esc(sim.title(o)))
		}
		b.WriteString("</ul></div></div>\n")
		fmt.Fprintf(b, "<div id=\"comment\" class=\"bm\">\n<div class=\"bm_h cl\">\n<a href=\"portal.php?mod=comment&amp;id=%d&amp;idtype=aid\" class=\"y xi2 xw0\">查看全部评论(0)</a>\n<h3 class=\"ph\">最新评论</h3>\n</div>\n<div id=\"comment_ul\" class=\"bm_c\">\n</div>\n</div>\n", s.serial(a.j))
		b.WriteString("</div>\n<div class=\"sd pph\">\n")
		b.WriteString(sim.discuzHot(s, 7))
		b.WriteString("</div>\n</div>\n")
	})
}

func (sim *Sim) discuzComment(s *site, a ref) resp {
	title := sim.title(a)
	body := fmt.Sprintf("<div id=\"ct\" class=\"wp cl\"><div class=\"bm\"><div class=\"bm_h\"><h1 class=\"ph\"><a href=\"%s\">%s</a></h1></div><div class=\"bm_c\"><p class=\"emp\">暂无评论</p></div></div></div>\n", esc(s.discuzView(a)), esc(title))
	return sim.discuzPage(s, "评论 - "+title, "", body)
}

// about is a topic page (专题): 关于我们, 联系我们.
func (t discuzCMS) about(sim *Sim, s *site, k int) resp {
	return sim.aboutPage(t, s, k, aboutForms{
		before: discuzCrumb(s, -1, "{name}") + "<div id=\"ct\" class=\"wp cl\"><!--[diy=diy_topic]--><div id=\"diy_topic\" class=\"area\"><div class=\"block\"><div class=\"title\">{name}</div><div class=\"dxb_bc\">",
		para:   "<p>%s</p>", after: "</div></div></div><!--[/diy]--></div>\n"})
}

// discuzMessage is Discuz's showmessage page: HTTP 200 with a notice.
func (sim *Sim) discuzMessage(s *site, msg string) resp {
	body := fmt.Sprintf("<div id=\"ct\" class=\"wp cl w\"><div class=\"nfl\"><div class=\"f_c altw\"><div id=\"messagetext\" class=\"alert_error\"><p>%s</p><script type=\"text/javascript\">if(history.length > (BROWSER.ie ? 0 : 1)) {document.write('<p class=\"alert_btnleft\"><a href=\"javascript:history.back()\">[ 点击这里返回上一页 ]</a></p>');}</script></div></div></div></div>\n", esc(msg))
	return sim.discuzPage(s, "提示信息", "", body)
}

// discuzPage is a page of the portal's other scripts named navtitle,
// under a breadcrumb ending in crumb (none if "").
func (sim *Sim) discuzPage(s *site, navtitle, crumb, inner string) resp {
	if crumb != "" {
		inner = discuzCrumb(s, -1, esc(crumb)) + inner
	}
	return sim.dynamicPage(discuzCMS{}, s, pageHead{name: navtitle, desc: navtitle}, inner)
}
