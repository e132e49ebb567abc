package sitesim

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// PHPCMS v9 county site with static publishing: lists
// /html/<parent>/<catdir>/ and <k>.html, articles
// /html/<year>/<catdir>_<mmdd>/<id>.html (URL rule 11), absolute links,
// the default show.html (title and meta line inside one h1, an empty
// span#hits filled by /api.php?op=count&id=N&modelid=1, which the stock
// robots.txt disallows through "Disallow: /api").

var phpcmsArticleRe = regexp.MustCompile(`^/html/(\d{4})/([a-z0-9]+)_(\d{4})/(\d+)\.html$`)

// catdir is the last directory of a column path.
func catdir(col column) string {
	p := strings.TrimSuffix(col.path, "/")
	return p[strings.LastIndexByte(p, '/')+1:]
}

func (sim *Sim) phpcmsPath(a ref) string {
	t := sim.published(a)
	return fmt.Sprintf("/html/%s/%s_%s/%d.html", t.Format("2006"), catdir(a.s.cols[a.col]), t.Format("0102"), a.s.serial(a.j))
}

func (sim *Sim) phpcmsURL(a ref) string { return "http://" + a.s.Host + sim.phpcmsPath(a) }

// phpcmsDynURL is the canonical form of the dynamic article URL
// index.php?m=content&c=index&a=show&catid=C&id=N.
func (sim *Sim) phpcmsDynURL(a ref) string {
	return fmt.Sprintf("http://%s/index.php?a=show&c=index&catid=%d&id=%d&m=content", a.s.Host, a.s.cols[a.col].id, a.s.serial(a.j))
}

// phpcmsDynLink is the dynamic article URL in the order PHPCMS writes it.
func (sim *Sim) phpcmsDynLink(a ref) string {
	return fmt.Sprintf("http://%s/index.php?m=content&c=index&a=show&catid=%d&id=%d", a.s.Host, a.s.cols[a.col].id, a.s.serial(a.j))
}

// phpcmsListURL is the absolute URL of list page k (1-based).
func phpcmsListURL(s *site, col column, k int) string {
	if k <= 1 {
		return "http://" + s.Host + col.path
	}
	return fmt.Sprintf("http://%s%s%d.html", s.Host, col.path, k)
}

// phpCMS is PHPCMS v9's URL forms and templates.
type phpCMS struct{}

func (phpCMS) facts() cmsFacts {
	return cmsFacts{perPage: 20, uploads: phpcmsUploads, sep: " - ", delay: 15 * time.Minute, articleDelay: 13 * time.Minute, linksNext: true,
		about: [2]string{"/html/gywm/", "/html/lxwm/"}}
}

func (phpCMS) special(sim *Sim, s *site, r *http.Request) (resp, bool) {
	switch p := r.URL.Path; {
	case p == "/api.php":
		return sim.phpcmsCounter(s, r), true
	case p == "/index.php":
		return sim.phpcmsDynamic(s, r.URL.Query()), true
	}
	return resp{}, false
}

// locate reads /html/<year>/<catdir>_<mmdd>/<id>.html, then the column
// directories and their <k>.html pages.
func (phpCMS) locate(sim *Sim, s *site, r *http.Request) pageRef {
	p := r.URL.Path
	if m := phpcmsArticleRe.FindStringSubmatch(p); m != nil {
		a, ok := s.bySerial(m[4])
		if !ok || sim.phpcmsPath(a) != p {
			return pageRef{}
		}
		return articleRef(a, 0)
	}
	return locateDirs(s, p, "index.html", 1, func(c int, rest string) pageRef {
		num, ok := strings.CutSuffix(rest, ".html")
		if k, isPage := pageNumber(num, 2); ok && isPage {
			return listRef(c, k)
		}
		return pageRef{}
	})
}

// phpcmsDynamic answers index.php: the dynamic forms of the same pages
// (not linked), the comment iframe and a message for anything else.
func (sim *Sim) phpcmsDynamic(s *site, q map[string][]string) resp {
	get := func(k string) string {
		if v := q[k]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	catid, _ := strconv.Atoi(get("catid"))
	switch {
	case get("m") == "" || (get("m") == "content" && get("a") == ""):
		return phpCMS{}.home(sim, s)
	case get("m") == "search" && s.has(featSearch):
		return sim.phpcmsSearch(s, q)
	case get("m") == "comment":
		return sim.phpcmsComment(s, get("commentid"))
	case get("m") == "content" && get("a") == "show":
		if a, ok := s.bySerial(get("id")); ok && s.cols[a.col].id == catid && !sim.deleted(a) {
			return phpCMS{}.article(sim, nil, a, 0)
		}
	case get("m") == "content" && get("a") == "lists":
		page, _ := strconv.Atoi(get("page"))
		for c, col := range s.cols {
			if col.id == catid {
				return sim.render(phpCMS{}, s, nil, listRef(c, max(page, 1)))
			}
		}
	}
	return sim.phpcmsMessage(s, "信息不存在或已删除")
}

// phpcmsCounter is api.php?op=count: it reads the hits row, adds one, and
// prints the values read before the increment.
func (sim *Sim) phpcmsCounter(s *site, r *http.Request) resp {
	q := r.URL.Query()
	out := counterResp("text/html; charset=utf-8", map[string]string{"X-Powered-By": "PHP/5.4.45"})
	if q.Get("op") != "count" {
		return out
	}
	id, _ := strconv.Atoi(q.Get("id"))
	modelid, _ := strconv.Atoi(q.Get("modelid"))
	if id == 0 || modelid == 0 {
		out.body = "$('#hits').html('');"
		return out
	}
	j, ok := s.jBySerial(id)
	if !ok || modelid != 1 {
		return out // get_count finds no row: exit
	}
	a := s.at(j)
	views, prior := sim.hit(a, r.Method == http.MethodGet)
	h := mix(uint64(sim.opts.Seed), uint64(s.idx), uint64(a.j), 77)
	day := prior + int64(h%3)
	week := day + int64(h>>8%9)
	month := min(views, week+int64(h>>16%30))
	out.body = fmt.Sprintf("$('#todaydowns').html('%d');$('#weekdowns').html('%d');$('#monthdowns').html('%d');$('#hits').html('%d');", min(day, views), min(week, views), month, views)
	return out
}

func (phpCMS) head(sim *Sim, b pageWriter, s *site, h pageHead) {
	writeXHTMLOpen(b, s, "\n")
	b.WriteString("<meta http-equiv=\"X-UA-Compatible\" content=\"IE=7\" />\n")
	fmt.Fprintf(b, "<title>%s</title>\n<meta name=\"keywords\" content=\"%s\">\n<meta name=\"description\" content=\"%s\">\n", esc(h.title), esc(s.Name), esc(h.desc))
	fmt.Fprintf(b, "<link href=\"http://%s/statics/css/reset.css\" rel=\"stylesheet\" type=\"text/css\" />\n<link href=\"http://%s/statics/css/default_blue.css\" rel=\"stylesheet\" type=\"text/css\" />\n<script type=\"text/javascript\" src=\"http://%s/statics/js/jquery.min.js\"></script>\n</head>\n<body>\n", s.Host, s.Host, s.Host)
	b.WriteString(sim.upStrip(s))
	fmt.Fprintf(b, "\n<div class=\"header\">\n<div class=\"logo\"><a href=\"http://%s/\"><img src=\"http://%s/statics/images/v9/logo.jpg\" alt=\"%s\" /></a></div>\n", s.Host, s.Host, esc(s.Name))
	fmt.Fprintf(b, "<div class=\"search\"><form action=\"http://%s/index.php\" method=\"get\" target=\"_blank\"><input type=\"hidden\" name=\"m\" value=\"search\"/><input type=\"hidden\" name=\"c\" value=\"index\"/><input type=\"hidden\" name=\"a\" value=\"init\"/><input type=\"text\" name=\"q\" id=\"q\"/><input type=\"submit\" value=\"搜 索\"/></form></div>\n", s.Host)
	fmt.Fprintf(b, "<div class=\"bk3\"></div>\n<div class=\"nav-bar\">\n<map>\n<ul class=\"nav-site\">\n<li><a href=\"http://%s\"><span>首页</span></a></li>\n", s.Host)
	for _, e := range s.menu() {
		fmt.Fprintf(b, "<li class=\"line\">|</li>\n<li><a href=\"http://%s%s\"><span>%s</span></a></li>\n", s.Host, e.path, esc(e.name))
	}
	b.WriteString("</ul>\n</map>\n</div>\n</div>\n")
}

func (phpCMS) tail(sim *Sim, b pageWriter, s *site) {
	sim.countyTail(b, s, fmt.Sprintf("<div class=\"footer\"><p>Powered by <strong><a href=\"http://www.phpcms.cn\" target=\"_blank\">PHPCMS</a></strong> <em>v9</em> &copy; %d <img src=\"http://%s/statics/images/copyright.gif\"/></p></div>\n</body>\n</html>", sim.now.Year(), s.Host))
}

// phpcmsCrumbs is div.crumbs: 首页 > [parent >] column > tail.
func phpcmsCrumbs(s *site, c int, tail string) string {
	return fmt.Sprintf("<div class=\"crumbs\"><a href=\"http://%s\">首页</a><span> &gt; </span>", s.Host) +
		s.columnCrumbs(c, phpcmsHref(s), "<a href=\"{href}\">{text}</a> > ", "<a href=\"{href}\">{text}</a> > ") + tail + "</div>\n"
}

// phpcmsRank is the 点击排行 box of the right column, counts included.
func (sim *Sim) phpcmsRank(s *site, key uint64) string {
	return sim.hotList(s, key, 10, "<div class=\"box\">\n<h5 class=\"title-2\">点击排行</h5>\n<ul class=\"content digg\">\n",
		func(_ int, a ref) string {
			return fmt.Sprintf("<li><span class=\"rt\">%d</span><a href=\"%s\" target=\"_blank\">%s</a></li>\n", sim.viewsBefore(a), sim.phpcmsURL(a), esc(truncRunes(sim.title(a), 16)))
		},
		"</ul>\n</div>\n")
}

// phpcmsCatBox opens the box of a column on the homepage and channel
// pages (a form of fill).
const phpcmsCatBox = "<div class=\"box cat-area\"><h5 class=\"title-1\">{text}<a href=\"{href}\" class=\"more\">更多&gt;&gt;</a></h5><ul class=\"content list f14\">\n"

// phpcmsHref makes the absolute links of channels and columns.
func phpcmsHref(s *site) func(path string, id int) string {
	return func(path string, _ int) string { return "http://" + s.Host + path }
}

func (t phpCMS) home(sim *Sim, s *site) resp {
	return sim.homePage(t, s, homeForms{
		desc:   s.Name + "——" + s.place + "精神文明建设网站",
		before: "<div class=\"main\">\n<div class=\"col-left\">\n",
		boxes: boxForms{k: 7, href: phpcmsHref(s), open: phpcmsCatBox,
			item: func(a ref) string {
				return fmt.Sprintf("<li><span class=\"rt\">%s</span>·<a href=\"%s\" target=\"_blank\">%s</a></li>\n", sim.published(a).Format("01-02"), sim.phpcmsURL(a), esc(truncRunes(sim.title(a), 26)))
			},
			close: "</ul></div>\n"},
		after: "</div>\n<div class=\"col-auto\">\n" + sim.phpcmsRank(s, 50) + phpcmsHotSearch(s) + "</div>\n</div>\n",
	})
}

// phpcmsPages is the pages() pager: item count, 上一页, numbers, 下一页.
func phpcmsPages(s *site, col column, total, cur, pages int) string {
	if pages <= 1 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<a class=\"a1\">%d条</a> <a href=\"%s\" class=\"a1\">上一页</a>", total, phpcmsListURL(s, col, max(1, cur-1)))
	from := max(1, cur-4)
	to := min(pages, from+9)
	b.WriteString(pageNumbers(from, to, cur, func(k int) string { return phpcmsListURL(s, col, k) }, " <span>{text}</span>", " <a href=\"{href}\">{text}</a>"))
	if to < pages {
		fmt.Fprintf(&b, " ..<a href=\"%s\">%d</a>", phpcmsListURL(s, col, pages), pages)
	}
	fmt.Fprintf(&b, " <a href=\"%s\" class=\"a1\">下一页</a>", phpcmsListURL(s, col, min(pages, cur+1)))
	return b.String()
}

func (t phpCMS) list(sim *Sim, s *site, c int, l listing) resp {
	return sim.listPage(t, s, c, l, listForms{
		before: "<div class=\"main\">\n<div class=\"col-left\">\n" + phpcmsCrumbs(s, c, "列表") + "<ul class=\"list lh24 f14\">\n",
		item: func(k int, a ref) string {
			li := fmt.Sprintf("<li><span class=\"rt\">%s</span>·<a href=\"%s\" target=\"_blank\">%s</a></li>\n", sim.published(a).Add(sim.second(a)).Format("2006-01-02 15:04:05"), sim.phpcmsURL(a), esc(sim.title(a)))
			if (k+1)%5 == 0 {
				li += "<li class=\"bk20 hr\"></li>\n"
			}
			return li
		},
		after: fmt.Sprintf("</ul>\n<div id=\"pages\" class=\"text-c\">%s</div>\n</div>\n<div class=\"col-auto\">\n", phpcmsPages(s, s.cols[c], l.total, l.page, l.pages)) +
			sim.phpcmsRank(s, uint64(51+c)) + phpcmsHotSearch(s) + "</div>\n</div>\n",
	})
}

func (t phpCMS) group(sim *Sim, s *site, g int) resp {
	gr := s.groups[g]
	return sim.groupPage(t, s, g, groupForms{
		before: fmt.Sprintf("<div class=\"main\">\n<div class=\"crumbs\"><a href=\"http://%s\">首页</a><span> &gt; </span><a href=\"http://%s%s\">%s</a> > </div>\n", s.Host, s.Host, gr.path, esc(gr.name)),
		boxes: boxForms{k: 10, href: phpcmsHref(s), open: phpcmsCatBox,
			item: func(a ref) string {
				return fmt.Sprintf("<li><span class=\"rt\">%s</span>·<a href=\"%s\">%s</a></li>\n", sim.published(a).Format("2006-01-02"), sim.phpcmsURL(a), esc(sim.title(a)))
			},
			close: "</ul></div>\n"},
		after: "</div>\n",
	})
}

func (t phpCMS) about(sim *Sim, s *site, k int) resp {
	return sim.aboutPage(t, s, k, aboutForms{home: "http://" + s.Host,
		before: "<div class=\"main\">\n<div class=\"crumbs\"><a href=\"{home}\">首页</a><span> &gt; </span>{name}</div>\n<div class=\"col-left\"><div class=\"box\"><h5 class=\"title-2\">{name}</h5><div class=\"content\">",
		para:   "<p>%s</p>\n", after: "</div></div></div>\n</div>\n"})
}

// phpcmsComment is the comment iframe page: not an article.
func (sim *Sim) phpcmsComment(s *site, commentid string) resp {
	var b strings.Builder
	writeXHTMLOpen(&b, s, "\n")
	b.WriteString("<title>评论</title>\n</head>\n<body>\n")
	fmt.Fprintf(&b, "<div class=\"comment\"><h4>网友评论<span>已有<font color=\"red\">0</font>条评论</span></h4><form action=\"http://%s/index.php?m=comment&c=index&a=post&commentid=%s\" method=\"post\"><textarea name=\"content\"></textarea><input type=\"submit\" value=\"发表评论\" /></form><p>暂无评论</p></div>\n</body>\n</html>", s.Host, esc(commentid))
	out := htmlResp(s, b.String(), time.Time{})
	return out
}

func (sim *Sim) phpcmsMessage(s *site, msg string) resp {
	var b strings.Builder
	writeXHTMLOpen(&b, s, "\n")
	fmt.Fprintf(&b, "<title>提示信息</title>\n</head>\n<body>\n<div class=\"showMsg\" style=\"text-align:center\"><h5>提示信息</h5><div class=\"content guery\" style=\"display:inline-block;\">%s</div><div class=\"bottom\"><a href=\"javascript:history.back();\" >[点这里返回上一页]</a></div></div>\n</body>\n</html>", esc(msg))
	return htmlResp(s, b.String(), time.Time{})
}

// phpcmsBody renders the stored body as the PHPCMS editor saved it.
func phpcmsBody(s *site, c content, t time.Time) string {
	if w := wechatBody(c, t); w != "" {
		return w
	}
	return paraForms{
		image: func(k int, _ para) string {
			return fmt.Sprintf("<p style=\"text-align: center;\">\n\t<img alt=\"\" src=\"http://%s%s%s/%s%04d.jpg\" style=\"width: 600px; height: 400px;\" /></p>\n", s.Host, phpcmsUploads, t.Format("2006/0102"), t.Format("20060102150405"), k)
		},
		line:    "\t　　%s<br />\n",
		div:     "<div>\n\t　　%s</div>\n",
		heading: "<p>\n\t<strong>　　%s</strong></p>\n",
		plain:   "<p>\n\t　　%s</p>\n",
	}.render(c)
}

// phpcmsUploads is where the editor stores the images of articles.
const phpcmsUploads = "/uploadfile/"

func (tp phpCMS) article(sim *Sim, _ *http.Request, a ref, _ int) resp {
	s := a.s
	col := s.cols[a.col]
	title, t, c := sim.articleText(a)
	id := s.serial(a.j)
	return sim.articlePage(tp, a, articleHead(tp, a, title+" - "+col.name, c.summary), c.textLen(), func(b pageWriter) {
		b.WriteString("<!--main-->\n<div class=\"main\">\n<div class=\"col-left\">\n")
		b.WriteString(phpcmsCrumbs(s, a.col, " 正文"))
		fmt.Fprintf(b, "<div id=\"Article\">\n<h1>%s<br />\n<span>%s&nbsp;&nbsp;&nbsp;来源：%s&nbsp;&nbsp;&nbsp;评论：<a href=\"#comment_iframe\" id=\"comment\">0</a> 点击：</span><span id=\"hits\"></span></h1>\n",
			esc(title), t.Add(sim.second(a)).Format(s.dates.layout), esc(c.source))
		if c.summary != "" && id%2 == 0 {
			fmt.Fprintf(b, "<div class=\"summary\" >%s</div>\n", esc(c.summary))
		}
		b.WriteString("<div class=\"content\">\n")
		b.WriteString(phpcmsBody(s, c, t))
		b.WriteString("</div>\n<div id=\"pages\" class=\"text-c\"></div>\n<p class=\"f14\">\n")
		sim.writeNeighbours(b, a, sim.phpcmsURL,
			neighbourForm{"<strong>上一篇：</strong><a href=\"{href}\">{text}</a><br />\n", "<strong>上一篇：</strong><a href=\"javascript:alert('第一页');\">第一页</a><br />\n"},
			neighbourForm{"<strong>下一篇：</strong><a href=\"{href}\">{text}</a>\n", "<strong>下一篇：</strong><a href=\"javascript:alert('最后一页');\">最后一页</a>\n"})
		b.WriteString("</p>\n</div>\n<div class=\"Article-Tool\">分享到：<a href=\"javascript:void(0)\" onclick=\"window.print();\">打印</a></div>\n<div class=\"related\">\n<h5 class=\"blue\">延伸阅读：</h5>\n<ul class=\"list blue lh24 f14\">\n")
		for _, o := range sim.related(a, uint64(5000+a.j), 5) {
			fmt.Fprintf(b, "<li>·<a href=\"%s\" target=\"_blank\">%s</a><span>(%s)</span></li>\n", sim.phpcmsURL(o), esc(sim.title(o)), sim.published(o).Format("2006-01-02"))
		}
		b.WriteString("</ul>\n</div>\n<div class=\"bk15\"></div>\n")
		fmt.Fprintf(b, "<iframe src=\"http://%s/index.php?m=comment&c=index&a=init&commentid=content_%d-%d-1&iframe=1\" width=\"100%%\" height=\"100%%\" id=\"comment_iframe\" frameborder=\"0\" scrolling=\"no\"></iframe>\n", s.Host, col.id, id)
		b.WriteString("</div>\n<div class=\"col-auto\">\n")
		b.WriteString(sim.phpcmsRank(s, 52))
		b.WriteString("<div class=\"box\">\n<h5 class=\"title-2\">频道本月排行</h5>\n<ul class=\"content rank\">\n")
		for _, o := range sim.scattered(s, uint64(53+a.col), 5) {
			link := sim.phpcmsURL(o) + "?from=timeline&isappinstalled=0"
			if o.j%2 == 1 { // the rank block of this template builds dynamic URLs
				link = sim.phpcmsDynLink(o)
			}
			fmt.Fprintf(b, "<li><span>%s</span><a href=\"%s\" target=\"_blank\">%s</a></li>\n", sim.published(o).Format("01-02"), link, esc(truncRunes(sim.title(o), 16)))
		}
		b.WriteString("</ul>\n</div>\n</div>\n</div>\n")
		fmt.Fprintf(b, "<script language=\"JavaScript\" src=\"http://%s/api.php?op=count&id=%d&modelid=1\"></script>\n", s.Host, id)
	})
}
