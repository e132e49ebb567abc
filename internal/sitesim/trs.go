package sitesim

import (
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// TRS WCM static publishing, as on www.wenming.cn and the wenming.cn
// platform of province, city and county sites.

const trsPerPage = 20

var (
	trsArticleRe = regexp.MustCompile(`^(\d{6})/t(\d{8})_(\d+)\.(s?html)$`)
	trsArtPageRe = regexp.MustCompile(`^(\d{6})/t(\d{8})_(\d+)_(\d+)\.(s?html)$`)
	trsImageRe   = regexp.MustCompile(`^(\d{6}/)?W0\d+\.(jpg|png)$`)
	trsPageRe    = regexp.MustCompile(`^index_(\d+)\.(s?html)$`)
)

// trsURL is the canonical URL of a TRS article.
func (sim *Sim) trsURL(a ref) string {
	return "http://" + a.s.Host + a.s.cols[a.col].path + sim.trsRel(a)
}

// trsRel is the article path relative to its column directory.
func (sim *Sim) trsRel(a ref) string {
	t := sim.published(a)
	b := make([]byte, 0, 40)
	b = t.AppendFormat(b, "200601/t20060102_")
	b = strconv.AppendInt(b, sim.docid(a.s, a.j), 10)
	b = append(b, '.')
	b = append(b, a.s.ext...)
	return string(b)
}

// trsCMS is TRS WCM's URL forms and templates.
type trsCMS struct{}

// facts: TRS stores an article's images beside it (see special), each
// site chooses its own title separator (site.titleSep), and its article
// pages link no 下一篇.
func (trsCMS) facts() cmsFacts {
	return cmsFacts{perPage: trsPerPage, delay: 30 * time.Minute, articleDelay: 17 * time.Minute,
		about: [2]string{"/gywm/", "/lxwm/"}}
}

// special answers the traps of a TRS site and the images of the column
// directories.
func (trsCMS) special(sim *Sim, s *site, r *http.Request) (resp, bool) {
	p := r.URL.Path
	idx := "index." + s.ext
	switch {
	case s.has(featCalendar) && (p == "/hdrl/" || p == "/hdrl/"+idx):
		return sim.trsCalendar(s, r), true
	case s.has(featDateArchive) && (p == "/wmrl/" || p == "/wmrl/"+idx):
		return sim.trsDateArchive(s, r), true
	}
	if _, rest, ok := s.columnOf(p); ok && trsImageRe.MatchString(rest) {
		return imageResp(s), true
	}
	return resp{}, false
}

// locate reads the channel directories, their index_<k> pages and the
// articles YYYYMM/tYYYYMMDD_<docid>[_<k>].<ext> below them.
func (trsCMS) locate(sim *Sim, s *site, r *http.Request) pageRef {
	p := r.URL.Path
	idx := "index." + s.ext
	if p == "/index.shtml" {
		return homeRef()
	}
	return locateDirs(s, p, idx, 1, func(c int, rest string) pageRef {
		if m := trsPageRe.FindStringSubmatch(rest); m != nil {
			if k, ok := pageNumber(m[1], 1); ok && m[2] == s.ext {
				return listRef(c, k+1) // index_1 is the second page
			}
			return pageRef{}
		}
		page := 0
		m := trsArticleRe.FindStringSubmatch(rest)
		if pm := trsArtPageRe.FindStringSubmatch(rest); pm != nil {
			k, ok := pageNumber(pm[4], 1)
			if !ok {
				return pageRef{}
			}
			page, m = k, []string{pm[0], pm[1], pm[2], pm[3], pm[5]}
		}
		if m == nil {
			return pageRef{}
		}
		if a, ok := sim.trsLookup(s, c, m); ok {
			return articleRef(a, page)
		}
		return pageRef{}
	})
}

// trsLookup resolves the parts of an article path within column c.
func (sim *Sim) trsLookup(s *site, c int, m []string) (ref, bool) {
	id, err := strconv.ParseInt(m[3], 10, 64)
	if err != nil || m[4] != s.ext {
		return ref{}, false
	}
	j, ok := sim.jByDocid(s, id)
	if !ok {
		return ref{}, false
	}
	a := s.at(j)
	if a.col != c || sim.trsRel(a) != strings.Join([]string{m[1], "/t", m[2], "_", m[3], ".", m[4]}, "") {
		return ref{}, false
	}
	return a, true
}

const trsEditorStyle = `<style type="text/css">.TRS_Editor P{margin-top:0px;margin-bottom:12px;line-height:1.8;font-family:宋体;font-size:12pt;}.TRS_Editor DIV{margin-top:0px;margin-bottom:12px;line-height:1.8;font-family:宋体;font-size:12pt;}.TRS_Editor TD{margin-top:0px;margin-bottom:12px;line-height:1.8;font-family:宋体;font-size:12pt;}.TRS_Editor TH{margin-top:0px;margin-bottom:12px;line-height:1.8;font-family:宋体;font-size:12pt;}.TRS_Editor SPAN{margin-top:0px;margin-bottom:12px;line-height:1.8;font-family:宋体;font-size:12pt;}.TRS_Editor FONT{margin-top:0px;margin-bottom:12px;line-height:1.8;font-family:宋体;font-size:12pt;}.TRS_Editor UL{margin-top:0px;margin-bottom:12px;line-height:1.8;font-family:宋体;font-size:12pt;}.TRS_Editor LI{margin-top:0px;margin-bottom:12px;line-height:1.8;font-family:宋体;font-size:12pt;}.TRS_Editor A{margin-top:0px;margin-bottom:12px;line-height:1.8;font-family:宋体;font-size:12pt;}</style>`

// head writes a description meta on the home and article pages only.
func (trsCMS) head(sim *Sim, b pageWriter, s *site, h pageHead) {
	writeXHTMLOpen(b, s, "\n")
	fmt.Fprintf(b, "<title>%s</title>\n", esc(h.title))
	fmt.Fprintf(b, "<meta name=\"keywords\" content=\"%s,文明网,精神文明建设,志愿服务,文明创建\" />\n", esc(s.Name))
	if h.pg.kind == homePage || h.pg.kind == articlePage {
		fmt.Fprintf(b, "<meta name=\"description\" content=\"%s\" />\n", esc(h.desc))
	}
	b.WriteString(h.meta)
	b.WriteString("<link href=\"/images/public.css\" rel=\"stylesheet\" type=\"text/css\" />\n<script type=\"text/javascript\" src=\"/images/jquery-1.7.2.min.js\"></script>\n")
	b.WriteString("<style type=\"text/css\">body{margin:0;font-size:12px;color:#333}.w1000{width:1000px;margin:0 auto}.fl{float:left}.fr{float:right}</style>\n</head>\n<body>\n")
	b.WriteString(sim.upStrip(s))
	fmt.Fprintf(b, "\n<div class=\"header w1000\"><div class=\"logo\"><a href=\"%s\"><img src=\"%simages/logo.png\" alt=\"%s\" /></a></div><div class=\"search\"><form action=\"http://%s/search/\" method=\"get\" target=\"_blank\"><input type=\"text\" name=\"searchword\" /><input type=\"submit\" value=\"搜索\" /></form></div></div>\n",
		s.Home, s.Home, esc(s.Name), s.Host)
	b.WriteString(sim.trsNav(s))
}

// trsNav is the channel menu; it links the robots-disallowed column too.
func (sim *Sim) trsNav(s *site) string {
	return sim.memo(s, pieceNav, 0, func() string { return sim.buildTrsNav(s) })
}

func (sim *Sim) buildTrsNav(s *site) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<div class=\"nav\"><ul class=\"w1000\"><li><a href=\"%s\">首页</a></li>", s.Home)
	for _, e := range s.menu() {
		fmt.Fprintf(&b, "<li><a href=\"http://%s%s\">%s</a></li>", s.Host, e.path, esc(e.name))
	}
	fmt.Fprintf(&b, "<li><a href=\"%s\">专题</a></li></ul></div>\n", s.Home+strings.TrimPrefix(s.deadLinks[len(s.deadLinks)-1], "/"))
	return b.String()
}

func (trsCMS) tail(sim *Sim, b pageWriter, s *site) {
	b.WriteString(sim.govBlock(s))
	b.WriteString(sim.footer(s))
	b.WriteString("\n<script type=\"text/javascript\">var _hmt = _hmt || [];(function(){var hm=document.createElement(\"script\");hm.src=\"https://hm.baidu.com/hm.js?8f3c0d1a\";var s=document.getElementsByTagName(\"script\")[0];s.parentNode.insertBefore(hm,s);})();</script>\n</body>\n</html>\n")
}

// trsHot is a 热点排行 sidebar: numbered, with other articles' titles.
func (sim *Sim) trsHot(s *site, key uint64) string {
	return sim.hotList(s, key, 8, "<div class=\"side_box\"><div class=\"side_tit\"><h3>热点排行</h3></div><ul class=\"phb\">",
		func(k int, a ref) string {
			return fmt.Sprintf("<li><span class=\"num%d\">%d</span><a href=\"%s\" target=\"_blank\">%s</a></li>", min(k+1, 4), k+1, sim.trsURL(a), esc(truncRunes(sim.title(a), 18)))
		},
		"</ul></div>\n")
}

func (t trsCMS) home(sim *Sim, s *site) resp {
	focus := ""
	if newest := s.newest(6); len(newest) > 0 {
		a := newest[0]
		focus = fmt.Sprintf("<div class=\"focus_pic\"><a href=\".%s%s\" target=\"_blank\"><img src=\"./images/focus%d.jpg\" alt=\"%s\" /></a><p>%s</p></div>",
			s.cols[a.col].path, sim.trsRel(a), a.j%5, esc(sim.title(a)), esc(sim.title(a)))
	}
	// shared links as they come back from WeChat and Weibo: tracking forms
	var shared strings.Builder
	for k, a := range sim.scattered(s, 2, 4) {
		q := []string{"?from=timeline", "?utm_source=wechat&utm_medium=social", "?from=groupmessage&isappinstalled=0", "?spm=a1.b2.0.0"}[k%4]
		fmt.Fprintf(&shared, "<li><a href=\"%s%s\" target=\"_blank\">%s</a></li>", sim.trsURL(a), esc(q), esc(sim.title(a)))
	}
	return sim.homePage(t, s, homeForms{
		desc:   s.Name + "是" + s.place + "精神文明建设委员会办公室主办的网站",
		before: "<div class=\"w1000 main\">\n<div class=\"focus fl\">" + focus + "</div>\n",
		boxes: boxForms{k: 6, href: pathHref,
			open: "<div class=\"col_box\"><div class=\"col_tit\"><h2><a href=\".{href}\">{text}</a></h2><a class=\"more\" href=\".{href}\">更多&gt;&gt;</a></div><ul>",
			item: func(a ref) string {
				return fmt.Sprintf("<li><a href=\".%s%s\" target=\"_blank\" title=\"%s\">%s</a><span>[%s]</span></li>",
					s.cols[a.col].path, sim.trsRel(a), esc(sim.title(a)), esc(truncRunes(sim.title(a), 24)), sim.published(a).Format("01-02"))
			},
			close: "</ul></div>\n"},
		after: sim.trsHot(s, 1) + sim.trsTrapLinks(s) +
			"<div class=\"side_box wxtj\"><div class=\"side_tit\"><h3>微信推荐</h3></div><ul>" + shared.String() + "</ul></div>\n</div>\n" +
			sim.tabBox(s),
	})
}

// trsCrumb is the breadcrumb of a column, with up = "../" repeated to the
// column directory's parent levels from the current page.
func (sim *Sim) trsCrumb(s *site, c int, fromDepth int) string {
	col := s.cols[c]
	up := func(levels int) string {
		if levels == 0 {
			return "./"
		}
		return strings.Repeat("../", levels)
	}
	colDepth := strings.Count(col.path, "/") - 1
	parts := []string{fmt.Sprintf("<a href=\"%s\" title=\"首页\" class=\"CurrChnlCls\">首页</a>", up(colDepth+fromDepth))}
	if col.group >= 0 {
		parts = append(parts, fmt.Sprintf("<a href=\"%s\" title=\"%s\" class=\"CurrChnlCls\">%s</a>", up(1+fromDepth), esc(s.groups[col.group].name), esc(s.groups[col.group].name)))
	}
	parts = append(parts, fmt.Sprintf("<a href=\"%s\" title=\"%s\" class=\"CurrChnlCls\">%s</a>", up(fromDepth), esc(col.name), esc(col.name)))
	return "<div class=\"title\">当前位置：" + strings.Join(parts, " > ") + "</div>\n"
}

func pagerScript(count, cur int, ext string) string { return namedPager(count, cur, "index", ext) }

// namedPager is the createPageHTML script TRS writes under lists and
// multi-page articles; page links exist only inside the call.
func namedPager(count, cur int, name, ext string) string {
	return fmt.Sprintf(`<div class="page"><script type="text/javascript">
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){
	if(_nPageCount == null || _nPageCount<=1){ return; }
	var nCurrIndex = _nCurrIndex || 0;
	if(nCurrIndex == 0){ document.write("首页&nbsp;上一页&nbsp;"); }
	else if(nCurrIndex == 1){ document.write("<a href=\""+_sPageName+"."+_sPageExt+"\">首页</a>&nbsp;<a href=\""+_sPageName+"."+_sPageExt+"\">上一页</a>&nbsp;"); }
	else { document.write("<a href=\""+_sPageName+"."+_sPageExt+"\">首页</a>&nbsp;<a href=\""+_sPageName+"_"+(nCurrIndex-1)+"."+_sPageExt+"\">上一页</a>&nbsp;"); }
	if(nCurrIndex == _nPageCount-1){ document.write("下一页&nbsp;尾页"); }
	else { document.write("<a href=\""+_sPageName+"_"+(nCurrIndex+1)+"."+_sPageExt+"\">下一页</a>&nbsp;<a href=\""+_sPageName+"_"+(_nPageCount-1)+"."+_sPageExt+"\">尾页</a>"); }
	document.write("&nbsp;共"+_nPageCount+"页");
}
createPageHTML(%d, %d, "%s", "%s");
</script></div>
`, count, cur, name, ext)
}

func (t trsCMS) list(sim *Sim, s *site, c int, l listing) resp {
	return sim.listPage(t, s, c, l, listForms{
		before: "<div class=\"w1000 list_main\">\n" + sim.trsCrumb(s, c, 0) + "<div class=\"list_box fl\"><ul>\n",
		item: func(_ int, a ref) string {
			title := sim.title(a)
			return fmt.Sprintf("<li><span class=\"date\">%s</span><a href=\"./%s\" target=\"_blank\" title=\"%s\">%s</a></li>\n",
				sim.published(a).Format("2006-01-02"), sim.trsRel(a), esc(title), esc(truncRunes(title, 28)))
		},
		empty: "<li>暂无信息</li>\n",
		after: "</ul>\n" + pagerScript(l.pages, l.page-1, s.ext) +
			"</div>\n<div class=\"side fr\">" + sim.trsHot(s, uint64(10+c)) + "</div>\n</div>\n",
	})
}

func (t trsCMS) group(sim *Sim, s *site, g int) resp {
	gr := s.groups[g]
	rel := func(path string, _ int) string { return "./" + strings.TrimPrefix(path, gr.path) }
	return sim.groupPage(t, s, g, groupForms{
		before: fmt.Sprintf("<div class=\"w1000\">\n<div class=\"title\">当前位置：<a href=\"../\" class=\"CurrChnlCls\">首页</a> > <a href=\"./\" class=\"CurrChnlCls\">%s</a></div>\n", esc(gr.name)),
		boxes: boxForms{k: 8, href: rel,
			open: "<div class=\"col_box\"><div class=\"col_tit\"><h2><a href=\"{href}\">{text}</a></h2><a class=\"more\" href=\"{href}\">更多</a></div><ul>",
			item: func(a ref) string {
				return fmt.Sprintf("<li><a href=\"%s%s\" target=\"_blank\">%s</a><span>%s</span></li>", rel(s.cols[a.col].path, 0), sim.trsRel(a), esc(sim.title(a)), sim.published(a).Format("2006-01-02"))
			},
			close: "</ul></div>\n"},
		after: "</div>\n",
		dated: true,
	})
}

func (t trsCMS) about(sim *Sim, s *site, k int) resp {
	return sim.aboutPage(t, s, k, aboutForms{home: s.Home,
		before: "<div class=\"w1000\">\n<div class=\"title\">当前位置：<a href=\"{home}\" class=\"CurrChnlCls\">首页</a> > {name}</div>\n<div class=\"about_con\"><h2>{name}</h2>",
		para:   "<p>%s</p>", after: "</div>\n</div>\n"})
}

// trsBody renders the TRS_Editor content.
func trsBody(c content) string {
	var b strings.Builder
	b.Grow(len(trsEditorStyle) + c.textLen() + 64*len(c.paras) + 64)
	b.WriteString("<div class=\"TRS_Editor\">")
	b.WriteString(trsEditorStyle)
	union := len(c.paras)%3 == 0
	if union {
		b.WriteString("<div class=\"Custom_UnionStyle\">")
	}
	if c.style == 1 {
		b.WriteString("<p>")
		for k, p := range c.paras {
			if k > 0 {
				b.WriteString("<br />\n")
			}
			if p.img != "" {
				fmt.Fprintf(&b, "<img border=\"0\" src=\"./%s\" oldsrc=\"%s\" alt=\"\" />", p.img, p.img)
				continue
			}
			b.WriteString("　　" + esc(p.text))
		}
		b.WriteString("</p>")
	} else {
		for _, p := range c.paras {
			switch {
			case p.img != "":
				fmt.Fprintf(&b, "<p style=\"text-align: center\"><img style=\"border-width: 0px\" border=\"0\" src=\"./%s\" oldsrc=\"%s\" alt=\"\" width=\"600\" /></p>\n", p.img, p.img)
			case p.caption:
				fmt.Fprintf(&b, "<p style=\"text-align: center\"><span style=\"font-family: 楷体\">%s</span></p>\n", esc(p.text))
			case p.heading:
				fmt.Fprintf(&b, "<p style=\"text-indent: 2em\"><strong>%s</strong></p>\n", esc(p.text))
			default:
				fmt.Fprintf(&b, "<p>　　%s</p>\n", esc(p.text))
			}
		}
	}
	if union {
		b.WriteString("</div>")
	}
	b.WriteString("</div>")
	return b.String()
}

// article renders page (0-based) of an article.
func (tp trsCMS) article(sim *Sim, _ *http.Request, a ref, page int) resp {
	s := a.s
	col := s.cols[a.col]
	title, t, c := sim.articleText(a)
	pages := sim.pageCount(a, c)
	if page >= pages {
		return notFound()
	}
	var meta strings.Builder
	fmt.Fprintf(&meta, "<meta name=\"publishdate\" content=\"%s\" />\n<meta name=\"source\" content=\"%s\" />\n<meta name=\"author\" content=\"%s\" />\n",
		t.Format("2006-01-02"), esc(c.source), esc(c.author))
	fmt.Fprintf(&meta, "<meta name=\"contentid\" content=\"%d\" />\n<meta name=\"catalogs\" content=\"%d\" />\n", sim.docid(s, a.j), 100+a.col*7+s.idx*131)
	body := trsBody(onPage(c, pages, page))
	h := articleHead(tp, a, title, c.summary)
	h.meta = meta.String()
	return sim.articlePage(tp, a, h, len(body), func(b pageWriter) {
		b.WriteString("<div class=\"w1000 main_tex\">\n")
		b.WriteString(sim.trsCrumb(s, a.col, 1))
		b.WriteString("<div class=\"box_tex fl\">\n")
		fmt.Fprintf(b, "<div id=\"title_tex\">%s</div>\n", esc(title))
		ds := s.dates
		fmt.Fprintf(b, "<div id=\"time_tex\">%s<span style=\"padding-left:20px\"></span>来源%s%s", ds.stamp(t), ds.colon, esc(c.source))
		if c.author != "" {
			fmt.Fprintf(b, "<span style=\"padding-left:20px\"></span>作者%s%s", ds.colon, esc(c.author))
		}
		b.WriteString("</div>\n")
		fmt.Fprintf(b, "<div class=\"fx\"><a href=\"javascript:window.print()\">打印本页</a> <a href=\"javascript:window.close()\">关闭窗口</a> 分享到：<a href=\"http://service.weibo.com/share/share.php?url=%s&amp;title=%s\" target=\"_blank\">新浪微博</a></div>\n",
			sim.trsURL(a), esc(title))
		b.WriteString("<div id=\"tex\">")
		b.WriteString(body)
		b.WriteString("</div>\n")
		if pages > 1 {
			rel := sim.trsRel(a)
			name := rel[strings.IndexByte(rel, '/')+1 : strings.LastIndexByte(rel, '.')]
			b.WriteString(namedPager(pages, page, name, s.ext))
		}
		if c.editor != "" {
			fmt.Fprintf(b, "<div class=\"editor_tex\">责任编辑：%s</div>\n", esc(c.editor))
		}
		b.WriteString("<div class=\"xgwz\"><h3>相关文章</h3><ul>")
		depth := strings.Repeat("../", strings.Count(col.path, "/"))
		for _, o := range sim.related(a, uint64(1000+a.j), 5) {
			fmt.Fprintf(b, "<li><a href=\"%s%s%s\" target=\"_blank\">%s</a> <span>(%s)</span></li>", depth, strings.TrimPrefix(s.cols[o.col].path, "/"), sim.trsRel(o), esc(sim.title(o)), sim.published(o).Format("2006-01-02"))
		}
		b.WriteString("</ul></div>\n</div>\n<div class=\"side fr\">")
		b.WriteString(sim.trsHot(s, 3))
		b.WriteString("</div>\n</div>\n")
	})
}
