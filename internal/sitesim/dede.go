package sitesim

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// DedeCMS (织梦) V5.7 GBK county site: static pages written by the default
// templates (article_article.htm, list_article.htm), charset declared as
// gb2312 in the meta tag only, the view count loaded by
// /plus/count.php?view=yes&aid=N&mid=1, which the stock robots.txt
// disallows.

var (
	dedeArticleRe = regexp.MustCompile(`^(\d{4})/(\d{4})/(\d+)\.html$`)
	dedeListRe    = regexp.MustCompile(`^list_(\d+)_(\d+)\.html$`)
)

// dedePath is the article path under the default naming rule
// {typedir}/{Y}/{M}{D}/{aid}.html.
func (sim *Sim) dedePath(a ref) string {
	return fmt.Sprintf("%s%s/%d.html", a.s.cols[a.col].path, sim.published(a).Format("2006/0102"), a.s.serial(a.j))
}

func dedeListFile(c column, page int) string { return fmt.Sprintf("list_%d_%d.html", c.id, page) }

// dedeCMS is DedeCMS's URL forms and templates.
type dedeCMS struct{}

func (dedeCMS) facts() cmsFacts {
	return cmsFacts{perPage: 10, uploads: dedeUploads, sep: "_", delay: 25 * time.Minute, articleDelay: 9 * time.Minute, linksNext: true,
		about: [2]string{"/a/gywm/", "/a/lxwm/"}}
}

func (dedeCMS) special(sim *Sim, s *site, r *http.Request) (resp, bool) {
	switch p := r.URL.Path; {
	case p == "/plus/count.php":
		return sim.dedeCounter(s, r), true
	case p == "/plus/feedback.php":
		return sim.dedeFeedback(s, r), true
	case p == "/plus/view.php":
		return sim.dedeView(s, r), true
	}
	return resp{}, false
}

// locate reads {typedir}/, list_<tid>_<k>.html and {typedir}/{Y}/{M}{D}/{aid}.html.
func (dedeCMS) locate(sim *Sim, s *site, r *http.Request) pageRef {
	p := r.URL.Path
	return locateDirs(s, p, "index.html", 1, func(c int, rest string) pageRef {
		if m := dedeListRe.FindStringSubmatch(rest); m != nil {
			tid, _ := strconv.Atoi(m[1])
			k, ok := pageNumber(m[2], 1)
			if !ok || tid != s.cols[c].id {
				return pageRef{}
			}
			return listRef(c, k)
		}
		m := dedeArticleRe.FindStringSubmatch(rest)
		if m == nil {
			return pageRef{}
		}
		a, ok := s.bySerial(m[3])
		if !ok || a.col != c || sim.dedePath(a) != p {
			return pageRef{}
		}
		return articleRef(a, 0)
	})
}

// dedeCounter is plus/count.php: it adds one to the click count on every
// request naming an article, then, with view=yes, answers
// document.write('N'); with the count after the increment.
func (sim *Sim) dedeCounter(s *site, r *http.Request) resp {
	q := r.URL.Query()
	out := counterResp("text/html", map[string]string{"X-Powered-By": "PHP/5.2.17"})
	a, ok := s.bySerial(q.Get("aid"))
	if !ok {
		return out
	}
	n := sim.hitAfter(a, r.Method == http.MethodGet)
	if q.Get("view") != "" {
		out.body = fmt.Sprintf("document.write('%d');\r\n", n)
	}
	return out
}

func (dedeCMS) head(sim *Sim, b pageWriter, s *site, h pageHead) {
	writeXHTMLOpen(b, s, "\r\n")
	fmt.Fprintf(b, "<title>%s</title>\r\n", esc(h.title))
	fmt.Fprintf(b, "<meta name=\"keywords\" content=\"%s,文明创建,志愿服务\" />\r\n<meta name=\"description\" content=\"%s\" />\r\n", esc(s.Name), esc(h.desc))
	b.WriteString("<link href=\"/templets/default/style/dedecms.css\" rel=\"stylesheet\" media=\"screen\" type=\"text/css\" />\r\n<script language=\"javascript\" type=\"text/javascript\" src=\"/include/dedeajax2.js\"></script>\r\n</head>\r\n<body class=\"articleview\">\r\n")
	b.WriteString(sim.upStrip(s))
	fmt.Fprintf(b, "\r\n<div class=\"header\">\r\n<div class=\"top w960 center\">\r\n<div class=\"title\"><h1><a href=\"%s\"><img src=\"/templets/default/images/logo.gif\" height=\"54\" width=\"216\" alt=\"%s\"/></a></h1></div>\r\n", s.Home, esc(s.Name))
	b.WriteString("<div class=\"banner\"></div>\r\n</div>\r\n<div class=\"module blue mT10 wrapper w963\">\r\n<div class=\"top\">\r\n<div id=\"navMenu\">\r\n<ul>\r\n<li><a href='/'><span>主页</span></a></li>\r\n")
	for _, e := range s.menu() {
		fmt.Fprintf(b, "<li><a href='%s' rel='dropmenu%d'><span>%s</span></a></li>\r\n", e.path, s.cols[e.col].id, esc(e.name))
	}
	b.WriteString("</ul>\r\n</div>\r\n<div class=\"search\">\r\n<form name=\"formsearch\" action=\"/plus/search.php\"><input type=\"hidden\" name=\"kwtype\" value=\"0\" /><input name=\"q\" type=\"text\" class=\"search-keyword\" id=\"search-keyword\" value=\"在这里搜索...\" onfocus=\"if(this.value=='在这里搜索...'){this.value='';}\" /><button type=\"submit\" class=\"search-submit\">搜索</button></form>\r\n</div>\r\n</div>\r\n</div>\r\n</div>\r\n<!-- /header -->\r\n")
}

func (dedeCMS) tail(sim *Sim, b pageWriter, s *site) {
	sim.countyTail(b, s, fmt.Sprintf("<div class=\"footer w960 center mt1 clear\"><p class=\"powered\">Powered by <a href=\"http://www.dedecms.com\" title=\"织梦内容管理系统(DedeCMS)\" target=\"_blank\"><strong>DedeCMS_V57_GBK_SP2</strong></a> &copy; 2004-%d <a href=\"http://www.desdev.cn/\" target=\"_blank\">DesDev</a> Inc.</p></div>\r\n</body>\r\n</html>\r\n", sim.now.Year()))
}

// dedeHot is a 点击排行 box: other articles with their (cached) click counts.
func (sim *Sim) dedeHot(s *site, key uint64) string {
	return sim.hotList(s, key, 10, "<div class=\"hot mt1\">\r\n<dl class=\"tbox light\">\r\n<dt class='light'><strong>点击排行</strong></dt>\r\n<dd class='light'>\r\n<ul class=\"c1 ico2\">\r\n",
		func(_ int, a ref) string {
			return fmt.Sprintf("<li><span class=\"click\">%d</span><a href=\"%s\">%s</a></li>\r\n", sim.viewsBefore(a)*4/5, sim.dedePath(a), esc(truncRunes(sim.title(a), 18)))
		},
		"</ul>\r\n</dd>\r\n</dl>\r\n</div>\r\n")
}

// dedePlace is the 当前位置 line: 主页 > [channel >] column >.
func dedePlace(s *site, c int) string {
	return fmt.Sprintf("<div class=\"place\">\r\n<strong>当前位置:</strong> <a href='%s'>主页</a> > ", s.Home) +
		s.columnCrumbs(c, pathHref, "<a href='{href}'>{text}</a> > ", "<a href='{href}'>{text}</a> > \r\n</div>\r\n")
}

func (t dedeCMS) home(sim *Sim, s *site) resp {
	return sim.homePage(t, s, homeForms{
		desc:   s.Name + "是" + s.place + "精神文明建设委员会办公室主办的网站",
		before: "<div class=\"w960 center clear mt1\">\r\n<div class=\"pleft\">\r\n",
		boxes: boxForms{k: 8, href: pathHref,
			open: "<dl class=\"tbox\">\r\n<dt><strong><a href='{href}'>{text}</a></strong><span class=\"more\"><a href='{href}'>更多...</a></span></dt>\r\n<dd>\r\n<ul class=\"d1 ico3\">\r\n",
			item: func(a ref) string {
				return fmt.Sprintf("<li><span>%s</span><a href=\"%s\" title=\"%s\">%s</a></li>\r\n", sim.published(a).Format("01-02"), sim.dedePath(a), esc(sim.title(a)), esc(truncRunes(sim.title(a), 24)))
			},
			close: "</ul>\r\n</dd>\r\n</dl>\r\n"},
		after: "</div>\r\n<div class=\"pright\">\r\n" + sim.dedeHot(s, 40) + "</div>\r\n</div>\r\n",
	})
}

// dedePagelist is {dede:pagelist listitem="index,end,pre,next,pageno,info"} of
// a static list: list_<tid>_<k>.html links relative to the column.
func dedePagelist(col column, total, cur, pages int) string {
	var b strings.Builder
	b.WriteString("<div class=\"dede_pages\">\r\n<ul class=\"pagelist\">\r\n")
	if cur > 1 {
		fmt.Fprintf(&b, "<li><a href='%s'>首页</a></li>\r\n<li><a href='%s'>上一页</a></li>\r\n", dedeListFile(col, 1), dedeListFile(col, cur-1))
	} else {
		b.WriteString("<li><a>首页</a></li>\r\n")
	}
	from := max(1, cur-2)
	b.WriteString(pageNumbers(from, min(pages, from+4), cur, func(k int) string { return dedeListFile(col, k) },
		"<li class=\"thisclass\"><a>{text}</a></li>\r\n", "<li><a href='{href}'>{text}</a></li>\r\n"))
	if cur < pages {
		fmt.Fprintf(&b, "<li><a href='%s'>下一页</a></li>\r\n<li><a href='%s'>末页</a></li>\r\n", dedeListFile(col, cur+1), dedeListFile(col, pages))
	} else {
		b.WriteString("<li><a>末页</a></li>\r\n")
	}
	fmt.Fprintf(&b, "<li><span class=\"pageinfo\">共 <strong>%d</strong>页<strong>%d</strong>条</span></li>\r\n</ul>\r\n</div>\r\n", pages, total)
	return b.String()
}

func (t dedeCMS) list(sim *Sim, s *site, c int, l listing) resp {
	col := s.cols[c]
	return sim.listPage(t, s, c, l, listForms{
		before: "<div class=\"w960 center clear mt1\">\r\n<div class=\"pleft\">\r\n" + dedePlace(s, c) + "<div class=\"listbox\">\r\n<ul class=\"e2\">\r\n",
		item: func(_ int, a ref) string {
			return fmt.Sprintf("<li>\r\n<a href=\"%s\" class=\"lanmu\">[%s]</a>\r\n<a href=\"%s\" class=\"title\">%s</a>\r\n", col.path, esc(col.name), sim.dedePath(a), esc(sim.title(a))) +
				fmt.Sprintf("<span class=\"info\">\r\n<small>日期：</small>%s\r\n<small>点击：</small>%d\r\n<small>好评：</small>0\r\n</span>\r\n<p class=\"intro\">\r\n%s...\r\n</p>\r\n</li>\r\n",
					sim.published(a).Add(sim.second(a)).Format("2006-01-02 15:04:05"), sim.viewsBefore(a)*4/5, esc(sim.content(a).summary))
		},
		after: "</ul>\r\n</div>\r\n" + dedePagelist(col, l.total, l.page, l.pages) +
			"</div>\r\n<div class=\"pright\">\r\n" + sim.dedeHot(s, uint64(41+c)) + "</div>\r\n</div>\r\n",
	})
}

// group is the cover page (频道封面) of a channel with sub-columns.
func (t dedeCMS) group(sim *Sim, s *site, g int) resp {
	gr := s.groups[g]
	return sim.groupPage(t, s, g, groupForms{
		before: fmt.Sprintf("<div class=\"w960 center clear mt1\">\r\n<div class=\"pleft\">\r\n<div class=\"place\"><strong>当前位置:</strong> <a href='%s'>主页</a> > <a href='%s'>%s</a> > </div>\r\n", s.Home, gr.path, esc(gr.name)),
		boxes: boxForms{k: 8, href: pathHref,
			open: "<dl class=\"tbox\"><dt><strong><a href='{href}'>{text}</a></strong><span class=\"more\"><a href='{href}'>更多...</a></span></dt><dd><ul class=\"d1 ico3\">\r\n",
			item: func(a ref) string {
				return fmt.Sprintf("<li><span>%s</span><a href=\"%s\">%s</a></li>\r\n", sim.published(a).Format("2006-01-02"), sim.dedePath(a), esc(sim.title(a)))
			},
			close: "</ul></dd></dl>\r\n"},
		after: "</div>\r\n</div>\r\n",
	})
}

func (t dedeCMS) about(sim *Sim, s *site, k int) resp {
	return sim.aboutPage(t, s, k, aboutForms{home: s.Home, self: s.aboutPaths[k%len(s.aboutPaths)],
		before: "<div class=\"w960 center clear mt1\">\r\n<div class=\"place\"><strong>当前位置:</strong> <a href='{home}'>主页</a> > <a href='{self}'>{name}</a> > </div>\r\n<div class=\"aboutbox\"><h2>{name}</h2>",
		para:   "<p>%s</p>\r\n", after: "</div>\r\n</div>\r\n"})
}

// dedeView is plus/view.php?aid=N: the same article page rendered
// dynamically with the same template (no validators); an unknown aid gets
// ShowMsg's 200 message page.
func (sim *Sim) dedeView(s *site, r *http.Request) resp {
	a, ok := s.bySerial(r.URL.Query().Get("aid"))
	var out resp
	if !ok || sim.deleted(a) {
		out = sim.dynamicPage(dedeCMS{}, s, pageHead{title: "DedeCMS提示信息"},
			"<div class=\"w960 center\"><div style='width:450px;padding:0px;border:1px solid #DADADA;'><div style='padding:6px;font-size:12px;border-bottom:1px solid #DADADA;background:#DBEEBD';'><b>DedeCMS 提示信息！</b></div><div style='height:130px;font-size:10pt;background:#ffffff'><br />无法解析文档！<br /></div></div></div>\r\n")
	} else {
		out = dedeCMS{}.article(sim, r, a, 0)
		out.mod = time.Time{}
	}
	out.header = map[string]string{"X-Powered-By": "PHP/5.2.17"}
	return out
}

// dedeFeedback is plus/feedback.php?aid=N, the comment list: not an article.
func (sim *Sim) dedeFeedback(s *site, r *http.Request) resp {
	a, ok := s.bySerial(r.URL.Query().Get("aid"))
	body := "<div class=\"w960 center\"><p>无法找到此文档！</p></div>\r\n"
	if ok {
		body = fmt.Sprintf("<div class=\"w960 center clear mt1\"><div class=\"place\"><strong>当前位置:</strong> <a href='%s'>主页</a> > 评论列表</div>\r\n<dl class=\"tbox\"><dt><strong>文章：<a href=\"%s\">%s</a></strong></dt><dd><p>暂无评论</p></dd></dl></div>\r\n",
			s.Home, sim.dedePath(a), esc(sim.title(a)))
	}
	out := sim.dynamicPage(dedeCMS{}, s, pageHead{title: "评论列表_" + s.Name, desc: "评论"}, body)
	out.header = map[string]string{"X-Powered-By": "PHP/5.2.17"}
	return out
}

// dedeBody renders the stored body as the DedeCMS editor saved it.
func dedeBody(c content, t time.Time, aid int) string {
	return paraForms{
		image: func(k int, _ para) string {
			return fmt.Sprintf("<p style=\"text-align: center;\"><img alt=\"\" src=\"%s%s/1-%s%02d%s-L.jpg\" style=\"width: 600px; height: 400px;\" /></p>\r\n", dedeUploads, t.Format("060102"), t.Format("0601021504"), k, strconv.Itoa(aid%97))
		},
		line:    "　　%s<br />\r\n",
		div:     "<div>\r\n\t　　%s</div>\r\n",
		heading: "<p>\r\n\t　　<strong>%s</strong></p>\r\n",
		plain:   "<p>\r\n\t　　%s</p>\r\n",
	}.render(c)
}

// dedeUploads is where the editor stores the images of articles.
const dedeUploads = "/uploads/allimg/"

func (tp dedeCMS) article(sim *Sim, _ *http.Request, a ref, _ int) resp {
	s := a.s
	title, t, c := sim.articleText(a)
	aid := s.serial(a.j)
	return sim.articlePage(tp, a, articleHead(tp, a, title, c.summary), c.textLen(), func(b pageWriter) {
		b.WriteString("<div class=\"w960 center clear mt1\">\r\n<div class=\"pleft\">\r\n")
		b.WriteString(dedePlace(s, a.col))
		b.WriteString("<div class=\"viewbox\">\r\n<div class=\"title\">\r\n")
		fmt.Fprintf(b, "<h2>%s</h2>\r\n</div> <!-- /title -->\r\n<div class=\"info\">\r\n", esc(title))
		ds := s.dates
		fmt.Fprintf(b, "<small>%s%s</small>%s<small>来源:</small>%s <small>作者:</small>%s <small>点击:</small><script src=\"/plus/count.php?view=yes&aid=%d&mid=1\" type='text/javascript' language=\"javascript\"></script>次\r\n</div> <!-- /info -->\r\n",
			ds.label, ds.colon, ds.format(t), esc(c.source), esc(c.author), aid)
		if c.summary != "" && aid%3 == 0 {
			fmt.Fprintf(b, "<div class=\"intro\">%s</div>\r\n", esc(c.summary))
		}
		b.WriteString("<div class=\"content\">\r\n<table width='100%'>\r\n<tr>\r\n<td>\r\n")
		b.WriteString(dedeBody(c, t, aid))
		b.WriteString("</td>\r\n</tr>\r\n</table>\r\n</div> <!-- /content -->\r\n<div class=\"dede_pages\">\r\n<ul class=\"pagelist\">\r\n</ul>\r\n</div> <!-- /pages -->\r\n")
		b.WriteString("<div class=\"boxoff\">\r\n<strong>------分隔线----------------------------</strong>\r\n</div>\r\n<div class=\"handle\">\r\n<div class=\"context\">\r\n<ul>\r\n")
		sim.writeNeighbours(b, a, sim.dedePath,
			neighbourForm{"<li>上一篇：<a href='{href}'>{text}</a> </li>\r\n", "<li>上一篇：没有了 </li>\r\n"},
			neighbourForm{"<li>下一篇：<a href='{href}'>{text}</a> </li>\r\n", "<li>下一篇：没有了 </li>\r\n"})
		fmt.Fprintf(b, "</ul>\r\n</div> <!-- /context -->\r\n<div class=\"actbox\">\r\n<ul>\r\n<li id=\"act-fav\"><a href=\"/plus/stow.php?aid=%d\" target=\"_blank\">收藏</a></li>\r\n<li id=\"act-err\"><a href=\"/plus/erraddsave.php?aid=%d&title=%s\" target=\"_blank\">挑错</a></li>\r\n<li id=\"act-pus\"><a href=\"/plus/recommend.php?aid=%d\" target=\"_blank\">推荐</a></li>\r\n<li id=\"act-pnt\"><a href=\"/plus/view.php?aid=%d\" target=\"_blank\">打印</a></li>\r\n</ul>\r\n</div> <!-- /actbox -->\r\n</div> <!-- /handle -->\r\n</div> <!-- /viewbox -->\r\n",
			aid, aid, esc(title), aid, aid)
		fmt.Fprintf(b, "<div class=\"mt1\"><dl class=\"tbox\"><dt><strong>发表评论</strong><span class=\"more\"><a href=\"/plus/feedback.php?aid=%d\">查看所有评论</a></span></dt><dd><div class=\"dcmp-content\">评论内容需审核后才会显示</div></dd></dl></div>\r\n", aid)
		b.WriteString("<div class=\"mt1\"><dl class=\"tbox\"><dt><strong>相关文章</strong></dt><dd><ul class=\"c2 ico1\">\r\n")
		for _, o := range sim.related(a, uint64(4000+a.j), 6) {
			fmt.Fprintf(b, "<li><a href=\"%s\">%s</a> <span>%s</span></li>\r\n", sim.dedePath(o), esc(truncRunes(sim.title(o), 20)), sim.published(o).Format("2006-01-02"))
		}
		b.WriteString("</ul></dd></dl></div>\r\n</div><!-- /pleft -->\r\n<div class=\"pright\">\r\n<div class=\"commend mt1\">\r\n<dl class=\"tbox light\">\r\n<dt class='light'><strong>推荐内容</strong></dt>\r\n<dd class='light'>\r\n<ul class=\"d4\">\r\n")
		for _, o := range sim.scattered(s, 42, 4) {
			// the 推荐内容 tag of this template links the dynamic view.php
			// form for some entries (arcurl of unpublished-HTML mode)
			link := sim.dedePath(o) + "?from=groupmessage"
			if o.j%2 == 1 {
				link = fmt.Sprintf("/plus/view.php?aid=%d", s.serial(o.j))
			}
			fmt.Fprintf(b, "<li><a href=\"%s\">%s</a>\r\n<p>%s</p>\r\n</li>\r\n", link, esc(sim.title(o)), esc(truncRunes(sim.content(o).summary, 40)))
		}
		b.WriteString("</ul>\r\n</dd>\r\n</dl>\r\n</div>\r\n")
		b.WriteString(sim.dedeHot(s, 43))
		b.WriteString("</div><!-- /pright -->\r\n</div>\r\n")
	})
}
