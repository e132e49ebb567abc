package sitesim

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// VSB (博达 Visual SiteBuilder 9) county site: static .htm pages with
// relative links, articles /info/<column id>/<news id>.htm, lists
// /xwzx/ltyw.htm whose older pages count down (ltyw/12.htm … ltyw/1.htm
// holds the oldest), the click count loaded by
// _showDynClicks("wbnews", owner, newsid) from
// /system/resource/code/news/click/dynclicks.jsp, and no robots.txt.

const vsbPerPage = 10

var (
	vsbArticleRe = regexp.MustCompile(`^/info/(\d+)/(\d+)\.htm$`)
	vsbPageRe    = regexp.MustCompile(`^/(\d+)\.htm$`)
)

func vsbPath(a ref) string {
	return fmt.Sprintf("/info/%d/%d.htm", a.s.cols[a.col].id, a.s.serial(a.j))
}

// vsbListPath is list page k (1 = newest) of pages: the first is
// <column>.htm, the others <column>/<pages-k+1>.htm.
func vsbListPath(col column, k, pages int) string {
	if k <= 1 {
		return col.path + ".htm"
	}
	return fmt.Sprintf("%s/%d.htm", col.path, pages-k+1)
}

// rel writes the absolute path to as VSB does: relative to the page from,
// climbing only above the directories the two share.
func rel(from, to string) string {
	fd := strings.Split(strings.Trim(from[:strings.LastIndexByte(from, '/')+1], "/"), "/")
	td := strings.Split(strings.TrimPrefix(to, "/"), "/")
	if fd[0] == "" {
		fd = nil
	}
	i := 0
	for i < len(fd) && i < len(td)-1 && fd[i] == td[i] {
		i++
	}
	return strings.Repeat("../", len(fd)-i) + strings.Join(td[i:], "/")
}

// vsbCMS is VSB's URL forms and templates.
type vsbCMS struct{}

func (vsbCMS) facts() cmsFacts {
	return cmsFacts{perPage: vsbPerPage, uploads: vsbUploads, sep: "-", delay: 40 * time.Minute, articleDelay: 21 * time.Minute, linksNext: true,
		about: [2]string{"/gywm.htm", "/lxwm.htm"}}
}

func (vsbCMS) special(sim *Sim, s *site, r *http.Request) (resp, bool) {
	switch p := r.URL.Path; {
	case p == "/system/resource/code/news/click/dynclicks.jsp":
		return sim.vsbCounter(s, r), true
	case p == gzipFilesScript && s.has(ExtraGzipFiles):
		return sim.serveGzipFile(s, r), true
	}
	return resp{}, false
}

// locate reads /info/<column id>/<news id>.htm, the about and channel
// files, <column>.htm and the counted-down <column>/<k>.htm.
func (vsbCMS) locate(sim *Sim, s *site, r *http.Request) pageRef {
	p := r.URL.Path
	if p == "/" || p == "/index.htm" {
		return homeRef()
	}
	if m := vsbArticleRe.FindStringSubmatch(p); m != nil {
		a, ok := s.bySerial(m[2])
		if !ok || vsbPath(a) != p {
			return pageRef{}
		}
		return articleRef(a, 0)
	}
	if k := slices.Index(s.aboutPaths, p); k >= 0 {
		return pageRef{kind: aboutPage, n: k}
	}
	for g, gr := range s.groups {
		if p == gr.path+".htm" {
			return pageRef{kind: groupPage, n: g}
		}
	}
	for c, col := range s.cols {
		if p == col.path+".htm" {
			return listRef(c, 1)
		}
		rest, ok := strings.CutPrefix(p, col.path)
		if m := vsbPageRe.FindStringSubmatch(rest); ok && m != nil && !strings.HasPrefix(m[1], "0") {
			pages := vsbPages(s, c)
			num, _ := strconv.Atoi(m[1])
			if num < 1 || num > pages-1 {
				return pageRef{}
			}
			return listRef(c, pages-num+1)
		}
	}
	return pageRef{}
}

func vsbPages(s *site, c int) int { return max(1, (s.colCount(c)+vsbPerPage-1)/vsbPerPage) }

// vsbCounter is dynclicks.jsp: it adds one and answers the bare count
// after the increment (modelled).
func (sim *Sim) vsbCounter(s *site, r *http.Request) resp {
	q := r.URL.Query()
	out := counterResp("text/html;charset=UTF-8", map[string]string{"Cache-Control": "no-cache"})
	id, err := strconv.Atoi(q.Get("clickid"))
	owner, oerr := strconv.ParseInt(q.Get("owner"), 10, 64)
	j, ok := s.jBySerial(id)
	if err != nil || oerr != nil || !ok || owner != s.vsbOwner || q.Get("clicktype") != "wbnews" {
		out.body = "0"
		return out
	}
	out.body = strconv.FormatInt(sim.hitAfter(s.at(j), r.Method == http.MethodGet), 10)
	return out
}

// vsbFrom is the path of a page: its links are written relative to it.
func vsbFrom(s *site, pg pageRef) string {
	switch pg.kind {
	case listPage:
		return vsbListPath(s.cols[pg.n], pg.page, vsbPages(s, pg.n))
	case groupPage:
		return s.groups[pg.n].path + ".htm"
	case aboutPage:
		return s.aboutPaths[pg.n%len(s.aboutPaths)]
	case articlePage:
		return vsbPath(pg.a)
	}
	return "/index.htm"
}

// vsbTree is the tree id that the counter call of a page names.
func vsbTree(s *site, pg pageRef) int {
	switch pg.kind {
	case listPage:
		return s.cols[pg.n].id
	case groupPage:
		return 1010 + pg.n
	case aboutPage:
		return 1090 + pg.n
	case articlePage:
		return s.cols[pg.a.col].id
	}
	return 1001
}

func (vsbCMS) head(sim *Sim, b pageWriter, s *site, h pageHead) {
	from := vsbFrom(s, h.pg)
	newsid := -1
	if h.pg.kind == articlePage {
		newsid = s.serial(h.pg.a.j)
	}
	b.WriteString(xhtmlDoctype + "\n<HTML xmlns=\"http://www.w3.org/1999/xhtml\"><HEAD>\n")
	fmt.Fprintf(b, "<TITLE>%s</TITLE><META Name=\"keywords\" Content=\"%s\" />\n<META Name=\"description\" Content=\"%s\" />\n\n<META content=\"text/html; charset=UTF-8\" http-equiv=\"Content-Type\">\n", esc(h.title), esc(s.Name), esc(h.desc))
	fmt.Fprintf(b, "<!--Announced by Visual SiteBuilder 9-->\n<link rel=\"stylesheet\" type=\"text/css\" href=\"%s\" />\n<script language=\"javascript\" src=\"%s\"></script>\n<!-- CustomerNO:77656262657232307b78475c5355574200030000 -->\n<link rel=\"stylesheet\" type=\"text/css\" href=\"%s\" />\n",
		rel(from, "/_sitegray/_sitegray_d.css"), rel(from, "/_sitegray/_sitegray.js"), rel(from, "/content.vsb.css"))
	fmt.Fprintf(b, "<script type=\"text/javascript\" src=\"/system/resource/js/counter.js\"></script>\n<script type=\"text/javascript\">_jsq_(%d,'/%s',%d,%d)</script>\n</HEAD>\n<BODY>\n", vsbTree(s, h.pg), map[bool]string{true: "content.jsp", false: "list.jsp"}[newsid > 0], newsid, s.vsbOwner)
	b.WriteString(sim.upStrip(s))
	fmt.Fprintf(b, "\n<div class=\"header\"><div class=\"logo\"><img src=\"%s\" alt=\"%s\"></div></div>\n<div class=\"nav\"><ul>\n<li><a href=\"%s\">首页</a></li>\n", rel(from, "/images/logo.png"), esc(s.Name), rel(from, "/index.htm"))
	for _, e := range s.menu() {
		fmt.Fprintf(b, "<li><a href=\"%s\">%s</a></li>\n", rel(from, e.path+".htm"), esc(e.name))
	}
	fmt.Fprintf(b, "<li><a href=\"%s\">关于我们</a></li>\n</ul></div>\n", rel(from, s.aboutPaths[0]))
}

func (vsbCMS) tail(sim *Sim, b pageWriter, s *site) {
	sim.countyTail(b, s, "</BODY></HTML>\n")
}

// vsbRank is a 点击排行 box with counts.
func (sim *Sim) vsbRank(s *site, from string, key uint64) string {
	return sim.buildHotList(s, key, 8, "<div class=\"rank\"><h3>点击排行</h3><ul>\n",
		func(k int, a ref) string {
			return fmt.Sprintf("<li><i>%d</i><a href=\"%s\" target=\"_blank\" title=\"%s\">%s</a><span>阅读 %d</span></li>\n", k+1, rel(from, vsbPath(a)), esc(sim.title(a)), esc(truncRunes(sim.title(a), 15)), sim.viewsBefore(a))
		},
		"</ul></div>\n")
}

// vsbBox opens the box of a column on the homepage and channel pages (a
// form of fill).
const vsbBox = "<div class=\"box\"><div class=\"box_t\"><span>{text}</span><a href=\"{href}\" class=\"more\">MORE+</a></div><ul>\n"

// vsbHref makes the links of channels and columns on the page from.
func vsbHref(from string) func(path string, id int) string {
	return func(path string, _ int) string { return rel(from, path+".htm") }
}

func (t vsbCMS) home(sim *Sim, s *site) resp {
	from := vsbFrom(s, homeRef())
	return sim.homePage(t, s, homeForms{
		desc:   s.Name,
		before: "<div class=\"main\">\n",
		boxes: boxForms{k: 7, href: vsbHref(from), open: vsbBox,
			item: func(a ref) string {
				return fmt.Sprintf("<li><a href=\"%s\" target=\"_blank\" title=\"%s\">%s</a><span>%s</span></li>\n", rel(from, vsbPath(a)), esc(sim.title(a)), esc(truncRunes(sim.title(a), 24)), sim.published(a).Format("01-02"))
			},
			close: "</ul></div>\n"},
		after: sim.vsbRank(s, from, 60) + mobileLink(s, "/") + "</div>\n",
	})
}

// vsbPager is VSB's simple list pager: count, page/pages, and only
// 首页 上页 下页 尾页 links.
func vsbPager(from string, col column, total, cur, pages int) string {
	link := func(k int) string { return rel(from, vsbListPath(col, k, pages)) }
	var b strings.Builder
	fmt.Fprintf(&b, "<div align=\"center\"><INPUT TYPE=\"hidden\" NAME=\"actiontype\" VALUE=\"\"><input type=\"hidden\" name=\"_scode_\" value=\"1679458392573\"><input type=\"hidden\" name=\"urltype\" value=\"tree.TreeTempUrl\"><input type=\"hidden\" name=\"wbtreeid\" value=\"%d\"><input type=\"hidden\" name=\"outFlag\" value=\"false\">\n", col.id)
	fmt.Fprintf(&b, "<table cellspacing=0 cellpadding=0 border=0><TR><td colspan=0><table cellspacing=0 class=headStyle2ydz7t9y5e width=100%% cellpadding=1><tr valign=middle><TD nowrap align=left width=1%% id=fanye%d>共%d条&nbsp;&nbsp;%d/%d&nbsp;</td><td nowrap align=left><div>", col.id*37, total, cur, pages)
	if cur > 1 {
		fmt.Fprintf(&b, "<a href=\"%s\" class=\"Next\">首页</a>&nbsp;|&nbsp;<a href=\"%s\" class=\"Next\">上页</a>&nbsp;|&nbsp;", link(1), link(cur-1))
	} else {
		b.WriteString("<span class=PrevDisabled>首页</span>&nbsp;|&nbsp;<span class=PrevDisabled>上页</span>&nbsp;|&nbsp;")
	}
	if cur < pages {
		fmt.Fprintf(&b, "<a href=\"%s\" class=\"Next\">下页</a>&nbsp;|&nbsp;<a href=\"%s\" class=\"Next\">尾页</a>", link(cur+1), link(pages))
	} else {
		b.WriteString("<span class=NextDisabled>下页</span>&nbsp;|&nbsp;<span class=NextDisabled>尾页</span>")
	}
	fmt.Fprintf(&b, "&nbsp;&nbsp;<input align=\"absmiddle\" type=\"button\" class=\"defaultButtonStyle\" id=\"gotopagebut\" name=\"goto\" value=\"转到\" onclick=\"javascript:_simple_list_gotopage_fun(%d,'GOPAGE',2)\"><INPUT size=2 align=\"absmiddle\" class=\"defaultInputStyle\" NAME=\"GOPAGE\" id=\"GOPAGE\" VALUE=\"\">页</div></td></tr></table></table></div>\n", pages)
	return b.String()
}

func (t vsbCMS) list(sim *Sim, s *site, c int, l listing) resp {
	col := s.cols[c]
	from := vsbFrom(s, listRef(c, l.page))
	return sim.listPage(t, s, c, l, listForms{
		before: sim.vsbPosition(s, from, c, "") + "<div class=\"list\"><ul>\n",
		item: func(k int, a ref) string {
			return fmt.Sprintf("<li id=\"line_u8_%d\"><a href=\"%s\" target=\"_blank\" title=\"%s\">%s</a><span>%s</span></li>\n", k, rel(from, vsbPath(a)), esc(sim.title(a)), esc(truncRunes(sim.title(a), 30)), sim.published(a).Format("2006/01/02"))
		},
		after: "</ul>\n" + vsbPager(from, col, l.total, l.page, l.pages) + "</div>\n" + sim.vsbRank(s, from, uint64(61+c)),
	})
}

// vsbPosition is the 当前位置 line: 首页>>[group>>]column[>>正文].
func (sim *Sim) vsbPosition(s *site, from string, c int, tail string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<div class=\"position\">当前位置: <a href=\"%s\">首页</a>&gt;&gt;", rel(from, "/index.htm"))
	b.WriteString(s.columnCrumbs(c, vsbHref(from), "<a href=\"{href}\">{text}</a>&gt;&gt;", "<a href=\"{href}\">{text}</a>"))
	if tail != "" {
		b.WriteString("&gt;&gt;" + tail)
	}
	b.WriteString("</div>\n")
	return b.String()
}

func (t vsbCMS) group(sim *Sim, s *site, g int) resp {
	gr := s.groups[g]
	from := vsbFrom(s, pageRef{kind: groupPage, n: g})
	return sim.groupPage(t, s, g, groupForms{
		before: fmt.Sprintf("<div class=\"position\">当前位置: <a href=\"%s\">首页</a>&gt;&gt;<a href=\"%s\">%s</a></div>\n", rel(from, "/index.htm"), rel(from, from), esc(gr.name)),
		boxes: boxForms{k: 8, href: vsbHref(from), open: vsbBox,
			item: func(a ref) string {
				return fmt.Sprintf("<li><a href=\"%s\">%s</a><span>%s</span></li>\n", rel(from, vsbPath(a)), esc(sim.title(a)), sim.published(a).Format("2006-01-02"))
			},
			close: "</ul></div>\n"},
	})
}

// about is a single-article column (关于我们): VSB renders it with the
// same content component as a news item, minus date and counter.
func (t vsbCMS) about(sim *Sim, s *site, k int) resp {
	from := vsbFrom(s, pageRef{kind: aboutPage, n: k})
	return sim.aboutPage(t, s, k, aboutForms{home: rel(from, "/index.htm"), self: rel(from, from),
		before: "<div class=\"position\">当前位置: <a href=\"{home}\">首页</a>&gt;&gt;<a href=\"{self}\">{name}</a></div>\n<form name=\"_newscontent_fromname\"><div class=\"conth1\">{name}</div>\n<div id=\"vsb_content\"><div class=\"v_news_content\">\n",
		para:   "<p>%s</p>\n", after: "</div></div></form>\n"})
}

// vsbBody renders the content as the VSB editor saves it: first and last
// paragraphs marked vsbcontent_start / vsbcontent_end.
func vsbBody(c content, t time.Time, id int) string {
	var b strings.Builder
	for k, p := range c.paras {
		cls := ""
		switch k {
		case 0:
			cls = " class=\"vsbcontent_start\""
		case len(c.paras) - 1:
			cls = " class=\"vsbcontent_end\""
		}
		switch {
		case p.img != "":
			img := vsbImage(id, k, t)
			fmt.Fprintf(&b, "<p class=\"vsbcontent_img\"><img width=\"600\" src=\"%s\" vsbhref=\"vurl\" vurl=\"%s\" orisrc=\"%s\" class=\"img_vsb_content\"></p>\n", img, img, img)
		case c.style == 1:
			fmt.Fprintf(&b, "<p%s>　　%s<br></p>\n", cls, esc(p.text))
		case p.heading:
			fmt.Fprintf(&b, "<p%s style=\"text-indent:2em\"><strong>%s</strong></p>\n", cls, esc(p.text))
		default:
			fmt.Fprintf(&b, "<p%s style=\"text-indent:2em\"><span style=\"font-family: 仿宋_GB2312; font-size: 16pt\">%s</span></p>\n", cls, esc(p.text))
		}
	}
	return b.String()
}

// vsbUploads is where the editor stores the images of articles.
const vsbUploads = "/__local/"

// vsbImage is the path of the image of paragraph k of article id,
// published at t.
func vsbImage(id, k int, t time.Time) string {
	return fmt.Sprintf("%s%X/%02X/%02X/%016X_%08X.jpg", vsbUploads, id%16, k, t.Day(), mix(uint64(id), uint64(k)), t.Unix()&0xffffffff)
}

func (tp vsbCMS) article(sim *Sim, _ *http.Request, a ref, _ int) resp {
	s := a.s
	title, t, c := sim.articleText(a)
	id := s.serial(a.j)
	from := vsbPath(a)
	return sim.articlePage(tp, a, articleHead(tp, a, title, c.summary), c.textLen(), func(b pageWriter) {
		b.WriteString(sim.vsbPosition(s, from, a.col, "正文"))
		b.WriteString("<script language=\"javascript\" src=\"/system/resource/js/dynclicks.js\"></script><script language=\"javascript\" src=\"/system/resource/js/news/mp4video.js\"></script>\n<form name=\"_newscontent_fromname\">\n")
		fmt.Fprintf(b, "<div class=\"conth1\">%s</div>\n", esc(title))
		fmt.Fprintf(b, "<div class=\"conthsj\">%s &nbsp; &nbsp; &nbsp;来源：%s", s.dates.stamp(t), esc(c.source))
		if c.author != "" {
			fmt.Fprintf(b, " &nbsp; &nbsp; &nbsp;作者：%s", esc(c.author))
		}
		fmt.Fprintf(b, " &nbsp; &nbsp; &nbsp;点击数：<script>_showDynClicks(\"wbnews\", %d, %d)</script></div>\n", s.vsbOwner, id)
		fmt.Fprintf(b, "<div id=\"vsb_content\"><div class=\"v_news_content\">\n%s</div></div><div id=\"div_vote_id\"></div>\n", vsbBody(c, t, id))
		b.WriteString(gzipFileLinks(a))
		if c.editor != "" {
			fmt.Fprintf(b, "<div class=\"conthzz\">【责任编辑：%s】</div>\n", esc(c.editor))
		}
		b.WriteString("</form>\n")
		b.WriteString(mobileLink(s, from))
		b.WriteString("<div class=\"nextarticle\">")
		sim.writeNeighbours(b, a, func(o ref) string { return strconv.Itoa(s.serial(o.j)) + ".htm" },
			neighbourForm{link: "<p>上一条：<a href=\"{href}\">{text}</a></p>"},
			neighbourForm{link: "<p>下一条：<a href=\"{href}\">{text}</a></p>"})
		b.WriteString("</div>\n<div class=\"xgxw\"><h3>相关新闻</h3><ul>\n")
		for _, o := range sim.related(a, uint64(6000+a.j), 5) {
			fmt.Fprintf(b, "<li><a href=\"%s?from=singlemessage\">%s</a><span>[%s]</span></li>\n", rel(from, vsbPath(o)), esc(sim.title(o)), sim.published(o).Format("2006-01-02"))
		}
		b.WriteString("</ul></div>\n")
		b.WriteString(sim.vsbRank(s, from, 62))
	})
}
