package sitesim

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// EmpireCMS (帝国CMS) county site: static list and article pages, the view
// count written by the /e/public/ViewClick/ counter script.

var (
	empireArticleRe = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})/(\d+)\.html$`)
	empirePageRe    = regexp.MustCompile(`^index_(\d+)\.html$`)
)

// empireRel is the article path below its class directory.
func (sim *Sim) empireRel(a ref) string {
	return fmt.Sprintf("%s/%d.html", sim.published(a).Format("2006-01-02"), a.s.serial(a.j))
}

func (sim *Sim) empirePath(a ref) string { return a.s.cols[a.col].path + sim.empireRel(a) }

func (sim *Sim) empireURL(a ref) string { return "http://" + a.s.Host + sim.empirePath(a) }

// empireCMS is EmpireCMS's URL forms and templates.
type empireCMS struct{}

func (empireCMS) facts() cmsFacts {
	return cmsFacts{perPage: 20, uploads: empireUploads, sep: " - ", delay: 20 * time.Minute, articleDelay: 11 * time.Minute, linksNext: true,
		about: [2]string{"/about/", "/contact/"}}
}

func (empireCMS) special(sim *Sim, s *site, r *http.Request) (resp, bool) {
	switch p := r.URL.Path; {
	case p == "/e/public/ViewClick/" || p == "/e/public/ViewClick/index.php":
		return sim.empireCounter(s, r), true
	case s.has(ExtraSortViews) && (p == "/e/action/ListInfo/" || p == "/e/action/ListInfo/index.php"):
		return sim.empireSorted(s, r), true
	case s.mobile && (p == "/m/" || p == "/m/index.html"):
		return sim.empireMobileHome(s), true
	case s.mobile && strings.HasPrefix(p, "/m/"):
		return sim.empireMobile(s, strings.TrimPrefix(p, "/m")), true
	}
	return resp{}, false
}

// locate reads <class path>, index_<k>.html and <class path>YYYY-MM-DD/<id>.html.
func (empireCMS) locate(sim *Sim, s *site, r *http.Request) pageRef {
	p := r.URL.Path
	return locateDirs(s, p, "index.html", 1, func(c int, rest string) pageRef {
		if m := empirePageRe.FindStringSubmatch(rest); m != nil {
			if k, ok := pageNumber(m[1], 2); ok {
				return listRef(c, k)
			}
			return pageRef{}
		}
		if a, ok := sim.empireAt(s, c, rest); ok {
			return articleRef(a, 0)
		}
		return pageRef{}
	})
}

// empireAt is the article at path rest below the directory of column c.
func (sim *Sim) empireAt(s *site, c int, rest string) (ref, bool) {
	m := empireArticleRe.FindStringSubmatch(rest)
	if m == nil {
		return ref{}, false
	}
	a, ok := s.bySerial(m[2])
	return a, ok && a.col == c && sim.empireRel(a) == rest
}

// missing is the soft 404 of a site whose server answers unknown paths
// under /news/ with an error page and status 200.
func (empireCMS) missing(sim *Sim, s *site, r *http.Request) (resp, bool) {
	if p := r.URL.Path; s.has(featSoft404) && strings.HasPrefix(p, "/news/") {
		return sim.empireSoft404(s, p), true
	}
	return resp{}, false
}

// empireCounter answers the ViewClick script: document.write('N'); with the
// count before this request, adding one when addclick=1.
func (sim *Sim) empireCounter(s *site, r *http.Request) resp {
	q := r.URL.Query()
	out := counterResp("text/html; charset=utf-8", map[string]string{"X-Powered-By": "PHP/7.2.34", "Cache-Control": "no-cache"})
	classid, cerr := strconv.Atoi(q.Get("classid"))
	a, ok := s.bySerial(q.Get("id"))
	if cerr != nil || !ok || s.cols[a.col].id != classid {
		return out
	}
	n, _ := sim.hit(a, r.Method == http.MethodGet && q.Get("addclick") == "1")
	out.body = fmt.Sprintf("document.write('%d');", n)
	return out
}

func (empireCMS) head(sim *Sim, b pageWriter, s *site, h pageHead) {
	writeXHTMLOpen(b, s, "\n")
	fmt.Fprintf(b, "<title>%s</title>\n", esc(h.title))
	fmt.Fprintf(b, "<meta name=\"keywords\" content=\"%s\" />\n<meta name=\"description\" content=\"%s\" />\n", esc(s.Name), esc(h.desc))
	b.WriteString("<link href=\"/skin/default/css/style.css\" rel=\"stylesheet\" type=\"text/css\" />\n<script type=\"text/javascript\" src=\"/skin/default/js/jquery.min.js\"></script>\n<style>.position{height:30px;line-height:30px}.showinfo{color:#999;text-align:center}</style>\n</head>\n<body>\n")
	b.WriteString(sim.upStrip(s))
	fmt.Fprintf(b, "\n<div class=\"header\"><a href=\"/\"><img src=\"/skin/default/images/logo.jpg\" alt=\"%s\" /></a></div>\n<div class=\"menu\"><ul><li><a href=\"/\">网站首页</a></li>", esc(s.Name))
	for _, e := range s.menu() {
		fmt.Fprintf(b, "<li><a href=\"%s\">%s</a></li>", e.path, esc(e.name))
	}
	fmt.Fprintf(b, "<li><a href=\"%s\">关于我们</a></li><li><a href=\"%s\">留言板</a></li></ul></div>\n", s.aboutPaths[0], s.deadLinks[0])
	b.WriteString("<div class=\"search\"><form name=\"searchform\" method=\"post\" action=\"/e/search/index.php\"><input name=\"keyboard\" type=\"text\" size=\"32\" /><input type=\"hidden\" name=\"show\" value=\"title\" /><input type=\"submit\" name=\"Submit\" value=\"搜索\" /></form></div>\n")
}

func (empireCMS) tail(sim *Sim, b pageWriter, s *site) {
	sim.countyTail(b, s, "\n</body>\n</html>\n")
}

// empireHot is the 点击排行 sidebar with (cached) counts.
func (sim *Sim) empireHot(s *site, key uint64) string {
	return sim.hotList(s, key, 8, "<div class=\"side_box\"><h3>点击排行</h3><ul class=\"hot\">",
		func(k int, a ref) string {
			return fmt.Sprintf("<li><em>%d</em><a href=\"%s\" title=\"%s\">%s</a><span>点击：%d</span></li>", k+1, sim.empirePath(a), esc(sim.title(a)), esc(truncRunes(sim.title(a), 15)), sim.viewsBefore(a))
		},
		"</ul></div>\n")
}

func (sim *Sim) empireCrumb(s *site, c int) string {
	return "<div class=\"position\">当前位置：<a href=\"/\">首页</a>" +
		s.columnCrumbs(c, pathHref, "&nbsp;>&nbsp;<a href=\"{href}\">{text}</a>", "&nbsp;>&nbsp;<a href=\"{href}\">{text}</a></div>\n")
}

func (t empireCMS) home(sim *Sim, s *site) resp {
	return sim.homePage(t, s, homeForms{
		desc:   s.Name + "——" + s.place + "精神文明建设网站",
		before: "<div class=\"main\">\n",
		boxes: boxForms{k: 7, href: pathHref,
			open: "<div class=\"box\"><div class=\"box_t\"><span><a href=\"{href}\">更多&gt;&gt;</a></span>{text}</div><ul>",
			item: func(a ref) string {
				return fmt.Sprintf("<li><span>%s</span><a href=\"%s\" target=\"_blank\" title=\"%s\">%s</a></li>", sim.published(a).Format("01-02"), sim.empirePath(a), esc(sim.title(a)), esc(truncRunes(sim.title(a), 22)))
			},
			close: "</ul></div>\n"},
		after: sim.empireHot(s, 8) + empireNewsLink(s, "/") + "</div>\n",
	})
}

// empirePager is EmpireCMS's default list pager.
func empirePager(path string, total, cur, pages int) string {
	if pages <= 1 {
		return ""
	}
	link := func(k int) string {
		if k == 1 {
			return path + "index.html"
		}
		return fmt.Sprintf("%sindex_%d.html", path, k)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<div class=\"epages\"><a title=\"Total record\">&nbsp;<b>%d</b> </a>&nbsp;&nbsp;", total)
	if cur > 1 {
		fmt.Fprintf(&b, "<a href=\"%s\">首页</a>&nbsp;<a href=\"%s\">上一页</a>&nbsp;", link(1), link(cur-1))
	}
	from := max(1, cur-4)
	b.WriteString(pageNumbers(from, min(pages, from+9), cur, link, "<b>{text}</b>&nbsp;", "<a href=\"{href}\">{text}</a>&nbsp;"))
	if cur < pages {
		fmt.Fprintf(&b, "<a href=\"%s\">下一页</a>&nbsp;<a href=\"%s\">尾页</a>", link(cur+1), link(pages))
	}
	b.WriteString("</div>")
	return b.String()
}

func (t empireCMS) list(sim *Sim, s *site, c int, l listing) resp {
	col := s.cols[c]
	return sim.listPage(t, s, c, l, listForms{
		before: sim.empireCrumb(s, c) + "<div class=\"listbox fl\">" + empireSortBar(s, col) + "<ul>\n",
		item: func(_ int, a ref) string {
			return fmt.Sprintf("<li><span>%s</span><a href=\"%s\" target=\"_blank\" title=\"%s\">%s</a></li>\n", sim.published(a).Format("2006-01-02"), sim.empirePath(a), esc(sim.title(a)), esc(truncRunes(sim.title(a), 30)))
		},
		after: "</ul>\n" + empirePager(col.path, l.total, l.page, l.pages) +
			"</div>\n<div class=\"side fr\">" + sim.empireHot(s, uint64(30+c)) + empireNewsLink(s, col.path) + "</div>\n",
	})
}

func (t empireCMS) group(sim *Sim, s *site, g int) resp {
	gr := s.groups[g]
	return sim.groupPage(t, s, g, groupForms{
		before: fmt.Sprintf("<div class=\"position\">当前位置：<a href=\"/\">首页</a>&nbsp;>&nbsp;<a href=\"%s\">%s</a></div>\n<div class=\"listbox\">", gr.path, esc(gr.name)),
		boxes: boxForms{k: 10, href: pathHref,
			open: "<div class=\"box\"><div class=\"box_t\"><span><a href=\"{href}\">更多</a></span>{text}</div><ul>",
			item: func(a ref) string {
				return fmt.Sprintf("<li><span>%s</span><a href=\"%s\">%s</a></li>", sim.published(a).Format("2006-01-02"), sim.empirePath(a), esc(sim.title(a)))
			},
			close: "</ul></div>"},
		after: "</div>\n" + empireNewsLink(s, gr.path),
	})
}

func (t empireCMS) about(sim *Sim, s *site, k int) resp {
	return sim.aboutPage(t, s, k, aboutForms{
		before: "<div class=\"position\">当前位置：<a href=\"/\">首页</a>&nbsp;>&nbsp;{name}</div>\n<div class=\"about\">",
		para:   "<p>%s</p>", after: "</div>\n"})
}

// empireContent renders the stored body as the EmpireCMS editor saved it.
func empireContent(c content, t time.Time) string {
	return paraForms{
		image: func(k int, p para) string {
			return fmt.Sprintf("<p style=\"text-align: center;\"><img src=\"%sp/%s/%016x.jpg\" alt=\"\" /></p>\n", empireUploads, t.Format("2006-01-02"), mix(uint64(k), uint64(len(p.img)), uint64(t.Unix())))
		},
		line:    "　　%s<br />\n",
		div:     "<div>　　%s</div>\n",
		heading: "<p>　　<b>%s</b></p>\n",
		plain:   "<p>　　%s</p>\n",
	}.render(c)
}

// empireUploads is where the editor stores the images of articles.
const empireUploads = "/d/file/"

func (tp empireCMS) article(sim *Sim, _ *http.Request, a ref, _ int) resp {
	s := a.s
	col := s.cols[a.col]
	title, t, c := sim.articleText(a)
	return sim.articlePage(tp, a, articleHead(tp, a, title, c.summary), c.textLen(), func(b pageWriter) {
		b.WriteString(sim.empireCrumb(s, a.col))
		b.WriteString("<div class=\"main fl\">\n")
		fmt.Fprintf(b, "<div class=\"showtitle\"><h1>%s</h1></div>\n", esc(title))
		fmt.Fprintf(b, "<div class=\"showinfo\">%s&nbsp;&nbsp;来源：%s&nbsp;&nbsp;作者：%s&nbsp;&nbsp;浏览次数：<script src=\"/e/public/ViewClick/?classid=%d&id=%d&addclick=1\"></script></div>\n",
			s.dates.stamp(t), esc(c.source), esc(c.author), col.id, s.serial(a.j))
		fmt.Fprintf(b, "<div class=\"showtext\" id=\"text\">\n%s</div>\n", empireContent(c, t))
		if c.editor != "" {
			fmt.Fprintf(b, "<div class=\"editor\">【责任编辑：%s】</div>\n", esc(c.editor))
		}
		b.WriteString("<div class=\"prenext\">")
		sim.writeNeighbours(b, a, sim.empirePath,
			neighbourForm{"<p>上一篇：<a href=\"{href}\">{text}</a></p>", "<p>上一篇：没有了</p>"},
			neighbourForm{"<p>下一篇：<a href=\"{href}\">{text}</a></p>", "<p>下一篇：没有了</p>"})
		b.WriteString("</div>\n")
		if s.mobile {
			fmt.Fprintf(b, "<div class=\"wap\"><a href=\"/m%s\">手机版</a></div>\n", sim.empirePath(a))
		}
		b.WriteString("<div class=\"xiangguan\"><h3>相关信息</h3><ul>")
		for _, o := range sim.related(a, uint64(3000+a.j), 5) {
			fmt.Fprintf(b, "<li><a href=\"%s?from=singlemessage\">%s</a><span>%s</span></li>", sim.empirePath(o), esc(sim.title(o)), sim.published(o).Format("2006-01-02"))
		}
		b.WriteString("</ul></div>\n</div>\n<div class=\"side fr\">")
		b.WriteString(sim.empireHot(s, 9))
		b.WriteString(empireNewsLink(s, sim.empirePath(a)))
		b.WriteString("</div>\n")
	})
}

// empireMobile is the mobile mirror /m/<article path>: the same article in
// a lean template (title, date line, body, a link back to the desktop
// page), sharing the desktop counter.
func (sim *Sim) empireMobile(s *site, p string) resp {
	var a ref
	found := false
	for c, col := range s.cols {
		if rest, ok := strings.CutPrefix(p, col.path); ok {
			if at, ok := sim.empireAt(s, c, rest); ok {
				a, found = at, true
			}
		}
	}
	if !found || sim.deleted(a) {
		return notFound()
	}
	title, t, c := sim.articleText(a)
	col := s.cols[a.col]
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"%s\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0, maximum-scale=1.0, user-scalable=no\">\n<title>%s - %s</title>\n<link rel=\"stylesheet\" href=\"/m/skin/css/m.css\">\n</head>\n<body>\n", s.metaCharset(), esc(title), esc(s.Name))
	fmt.Fprintf(&b, "<header class=\"m-head\"><a href=\"/m/\" class=\"back\">返回</a><span>%s</span></header>\n<article>\n<h1>%s</h1>\n", esc(col.name), esc(title))
	fmt.Fprintf(&b, "<p class=\"m-info\">%s&nbsp;&nbsp;%s</p>\n<div class=\"m-content\">\n", t.Format("2006-01-02 15:04"), esc(c.source))
	for _, p := range c.paras {
		if p.text != "" {
			fmt.Fprintf(&b, "<p>%s</p>\n", esc(p.text))
		}
	}
	fmt.Fprintf(&b, "</div>\n<p class=\"m-views\">阅读 <script src=\"/e/public/ViewClick/?classid=%d&id=%d&addclick=1\"></script></p>\n</article>\n", col.id, s.serial(a.j))
	fmt.Fprintf(&b, "<footer class=\"m-foot\"><a href=\"%s\">电脑版</a> &copy; %s</footer>\n</body>\n</html>\n", sim.empirePath(a), esc(s.Name))
	return htmlResp(s, b.String(), sim.articleMod(a, empireCMS{}.facts().articleDelay, false))
}

// empireMobileHome is /m/: the newest articles, linking their mobile pages.
func (sim *Sim) empireMobileHome(s *site) resp {
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"%s\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0, maximum-scale=1.0, user-scalable=no\">\n<title>%s</title>\n<link rel=\"stylesheet\" href=\"/m/skin/css/m.css\">\n</head>\n<body>\n<header class=\"m-head\"><span>%s</span></header>\n<ul class=\"m-list\">\n", s.metaCharset(), esc(s.Name), esc(s.Name))
	mod := s.start
	for _, a := range s.newest(20) {
		t := sim.published(a)
		mod = later(mod, t)
		fmt.Fprintf(&b, "<li><a href=\"/m%s\">%s</a><span>%s</span></li>\n", sim.empirePath(a), esc(sim.title(a)), t.Format("01-02"))
	}
	fmt.Fprintf(&b, "</ul>\n<footer class=\"m-foot\"><a href=\"/\">电脑版</a> &copy; %s</footer>\n</body>\n</html>\n", esc(s.Name))
	return htmlResp(s, b.String(), sim.listMod(mod.Add(20*time.Minute), 20*time.Minute, s, -1))
}
