package crawl

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// govSite is a county site on a government site-cluster platform
// (政府网站集约化平台) no rule here knows, built as 大汉 Hanweb JCMS and
// similar Java platforms build one. What is known of them (sites.md,
// TestDataIslandLinks) is modelled as seen; the rest is one plausible
// choice, said so where it is made, and never one that makes the
// crawler's job easier:
//
//   - columns at /col/colNNNN/index.html, whose list entries sit in a
//     <script type="text/xml"><datastore><recordset><record><![CDATA[…]]>
//     island read by a pager script (jpage). The island carries the first
//     group of pages only (perPage × groupSize records); the script asks
//     /module/web/jpage/dataproxy.jsp for the later groups by a form post
//     whose query names the records (startrecord, endrecord, perpage) and
//     whose form names the column. [inferred: the servlet reads its
//     parameters with getParameter, so a GET carrying them all in the
//     query is answered as the post is; the answer is the same datastore
//     as XML, text/xml.] The island's <nextgroup> link names the proxy
//     without the records: answered with an empty datastore;
//   - articles at /art/YYYY/M/D/art_COL_ID.html; those of the 信息公开
//     column open with the document's metadata table (索引号, 发布机构,
//     成文日期 — the day it was written, a trap —, 发布日期, 文号) above the
//     title and may carry attachments (.pdf, .doc and a downfile.jsp
//     link); every article has a 打印本页/关闭窗口 bar and a view counter
//     written by a script (/module/visitcount/articlehits.jsp);
//   - some articles are of an older GBK edition of the template, declared
//     only in <meta> with a bare text/html header [inferred]: nested
//     tables (td.bt_title, td.bt_info), the site's name as every page's
//     <title>, 访问次数 for the count, none of the standard <meta>;
//   - some notices label their metadata table in <th> without colons and
//     give the 成文日期 only, the 发布日期 (to the minute) on the info line
//     under the title; some set the table between the title and the
//     body instead of above the title, some paste it into the body;
//     every notice ends with its issuer
//     and the day it was signed (the 成文日期 again);
//   - some news pages write the info line's date as 2024年03月01日 08:30,
//     unlabelled, and the source in a span of its own;
//   - the same article under a second URL: ?xxgkhide=1 (the page without
//     its metadata table) linked from the homepage's latest list, and the
//     信息公开目录's viewer /module/xxgk/detail.jsp?articleid=ID;
//   - an on-site search (/jrobot/search.do) with a pager, linked by two
//     hot words that find a few articles each (a search for a common
//     word would reach every article and hide the pager's failure);
//   - a 404 answered 200 with a "页面不存在" page (a dead column link, a
//     removed article);
//   - no sitemap (robots.txt names none; /sitemap.xml is the 404 page),
//     unless sitemap is set.
//
// postOnly: the proxy answers a form post only; a GET is answered with
// the servlet's error page (a platform whose proxy checks the method).
type govSite struct {
	arts     []govArt
	postOnly bool
	sitemap  bool // /sitemap.xml lists every article
	hits     hitCounter

	mu   sync.Mutex
	view map[int]int // article id → views served so far
}

type govArt struct {
	id     int
	col    int
	title  string
	date   time.Time // published (发布日期); minutes on news, a day on notices
	signed time.Time // 成文日期 of a notice
	gbk    bool      // served in the template's older GBK edition: a layout of nested tables
	attach bool      // carries attachments
	// bareTable: a notice whose metadata table labels its cells without
	// colons in <th> and gives the 成文日期 only; its 发布日期 (to the
	// minute) stands in the info line under the title.
	bareTable bool
}

const (
	govHost      = "top.wenming.test"
	govName      = "城关县文明网"
	govSource    = "城关县文明办"
	govNewsCol   = 1229 // 工作动态: long, paged through the proxy
	govNoticeCol = 1230 // 通知公告: 信息公开 documents
	govCatalog   = 1231 // 信息公开目录: a table of the notices through the viewer
	govPerPage   = 5
	govGroupSize = 2
)

var govColumns = map[int]string{govNewsCol: "工作动态", govNoticeCol: "通知公告", govCatalog: "信息公开目录"}

var govTopics = []string{"新时代文明实践", "志愿服务", "移风易俗", "文明交通", "道德讲堂", "垃圾分类", "文明餐桌", "关爱未成年人"}

func newGovSite(news, notices int) *govSite {
	s := &govSite{view: map[int]int{}}
	cst := time.FixedZone("CST", 8*3600)
	for i := 0; i < news; i++ {
		topic := govTopics[i%len(govTopics)]
		s.arts = append(s.arts, govArt{
			id:    40100 + i*13,
			col:   govNewsCol,
			title: fmt.Sprintf("城关县开展%s主题活动（第%d期）", topic, i+1),
			date:  time.Date(2024, 3, 1, 8, 30, 0, 0, cst).Add(time.Duration(i) * 29 * time.Hour),
			gbk:   i%5 == 3,
		})
	}
	for i := 0; i < notices; i++ {
		day := time.Date(2024, 3, 4, 0, 0, 0, 0, cst).AddDate(0, 0, i*9)
		a := govArt{
			id:        50200 + i*17,
			col:       govNoticeCol,
			title:     fmt.Sprintf("关于做好%s工作的通知", govTopics[(i+3)%len(govTopics)]),
			date:      day,
			signed:    day.AddDate(0, 0, -4),
			gbk:       i%3 == 1,
			attach:    i%2 == 0,
			bareTable: i%3 == 2,
		}
		if a.bareTable {
			a.date = day.Add(16*time.Hour + 20*time.Minute)
		}
		s.arts = append(s.arts, a)
	}
	return s
}

func (a govArt) path() string {
	return fmt.Sprintf("/art/%d/%d/%d/art_%d_%d.html", a.date.Year(), int(a.date.Month()), a.date.Day(), a.col, a.id)
}

// body is the article's text, paragraph by paragraph, as an archivist
// wants it: a notice's attachment line is part of the document (it names
// what the notice sends), so it stays, as the extractor keeps 附件 lines
// (class attachment_lines).
func (a govArt) body() []string {
	if a.col == govNoticeCol {
		out := []string{
			"各乡镇（街道）文明办，县直各单位：",
			fmt.Sprintf("为深入推进%s工作，经研究，现将有关事项通知如下。请各单位高度重视，于%s前将工作开展情况报送县文明办。", govTopics[a.id%len(govTopics)], a.date.AddDate(0, 0, 20).Format("1月2日")),
			fmt.Sprintf("联系人：王明，联系电话：0319-52%05d。", a.id),
			"城关县精神文明建设委员会办公室",
			a.signed.Format("2006年1月2日"),
		}
		if a.attach {
			out = append(out, fmt.Sprintf("附件：1.%s工作台账.pdf", govTopics[a.id%len(govTopics)]), "2.工作情况统计表.doc", "3.联络员名单.xls")
		}
		return out
	}
	return []string{
		fmt.Sprintf("%s，城关县新时代文明实践中心组织志愿者走进第%d社区，开展%s主题活动。", a.date.Format("1月2日"), a.id%97, govTopics[a.id%len(govTopics)]),
		fmt.Sprintf("活动中，志愿者向居民发放宣传资料%d余份，现场解答群众咨询，并为老年人提供义诊服务。", a.id%500+100),
		"下一步，县文明办将持续推动文明实践活动常态化开展，让文明新风吹进千家万户。",
	}
}

func (s *govSite) inCol(col int) []govArt {
	var out []govArt
	for i := len(s.arts) - 1; i >= 0; i-- { // newest first
		if s.arts[i].col == col {
			out = append(out, s.arts[i])
		}
	}
	return out
}

func (s *govSite) byID(id int) (govArt, bool) {
	for _, a := range s.arts {
		if a.id == id {
			return a, true
		}
	}
	return govArt{}, false
}

func (s *govSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.hits.count(r.URL.RequestURI())
	if offHost(w, r, govHost) {
		return
	}
	p, q := r.URL.Path, r.URL.Query()
	switch {
	case p == "/robots.txt":
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "User-agent: *\nDisallow: /manager/\nDisallow: /admin/\n")
	case p == "/" || p == "/index.html":
		s.home(w)
	case p == "/sitemap.xml" && s.sitemap:
		w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
		for _, a := range s.arts {
			fmt.Fprintf(w, `<url><loc>http://%s%s</loc><lastmod>%s</lastmod></url>`, govHost, a.path(), a.date.Format("2006-01-02"))
		}
		fmt.Fprint(w, `</urlset>`)
	case strings.HasPrefix(p, "/col/col"):
		rest := strings.TrimPrefix(p, "/col/col")
		id, tail, _ := strings.Cut(rest, "/")
		col, err := strconv.Atoi(id)
		if _, ok := govColumns[col]; err != nil || !ok || (tail != "" && tail != "index.html") {
			s.notFound(w)
			return
		}
		if col == govCatalog {
			s.catalog(w)
			return
		}
		s.column(w, col)
	case p == "/module/web/jpage/dataproxy.jsp":
		s.proxy(w, r)
	case p == "/module/visitcount/articlehits.jsp":
		id, _ := strconv.Atoi(q.Get("artid"))
		s.mu.Lock()
		s.view[id]++
		n := 300 + id%200 + s.view[id]
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/javascript")
		fmt.Fprintf(w, "document.write('%d');", n)
	case p == "/module/xxgk/detail.jsp":
		id, _ := strconv.Atoi(q.Get("articleid"))
		if a, ok := s.byID(id); ok {
			s.article(w, a, true, false)
			return
		}
		s.notFound(w)
	case p == "/module/download/downfile.jsp":
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Disposition", "attachment; filename="+q.Get("filename"))
		fmt.Fprint(w, "PK\x03\x04 not a page")
	case strings.HasSuffix(p, ".pdf") || strings.HasSuffix(p, ".doc") || strings.HasSuffix(p, ".xls"):
		w.Header().Set("Content-Type", "application/octet-stream")
		fmt.Fprint(w, "%PDF-1.4 not a page")
	case p == "/jrobot/search.do":
		s.search(w, q.Get("q"), q.Get("p"))
	case strings.HasPrefix(p, "/art/"):
		for _, a := range s.arts {
			if a.path() == p {
				s.article(w, a, q.Get("xxgkhide") == "", true)
				return
			}
		}
		s.notFound(w)
	default:
		s.notFound(w)
	}
}

// page writes a page of the platform's template: the government header
// (the site's name, the standard top links), the channel bar, main, the
// footer with the site's identification code. gbk pages are encoded so,
// declared only in <meta>.
func (s *govSite) page(w http.ResponseWriter, title, head, main string, gbk bool) {
	charset := "utf-8"
	if gbk {
		charset = "gb2312"
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">`+
		`<html xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="Content-Type" content="text/html; charset=%s" />`+
		`<meta name="SiteName" content="%s"><meta name="SiteDomain" content="%s"><meta name="SiteIDCode" content="1305810001">%s<title>%s</title>`+
		`<script language="javascript" src="/module/jslib/jquery/jquery.js"></script></head><body>`+
		`<div class="top"><div class="w1000"><span>今天是<script>document.write(new Date().toLocaleDateString())</script></span>`+
		`<a href="javascript:void(0)" onclick="SetHome(this,window.location)">设为首页</a> <a href="javascript:void(0)" onclick="AddFavorite(window.location,document.title)">加入收藏</a> <a href="/module/jslib/wza/wza.html">无障碍浏览</a></div></div>`+
		`<div class="header"><div class="logo"><a href="/"><img src="/images/logo.png" alt="%s"></a></div>`+
		`<div class="search"><form action="/jrobot/search.do" method="get" target="_blank"><input type="hidden" name="webid" value="1"><input type="text" name="q"><input type="submit" value="搜索"></form>`+
		`<div class="hotword">热词：<a href="/jrobot/search.do?webid=1&q=%%E7%%A7%%BB%%E9%%A3%%8E%%E6%%98%%93%%E4%%BF%%97">移风易俗</a> <a href="/jrobot/search.do?webid=1&q=%%E6%%96%%87%%E6%%98%%8E%%E9%%A4%%90%%E6%%A1%%8C">文明餐桌</a></div></div></div>`+
		`<div class="nav"><ul><li><a href="/index.html">首页</a></li><li><a href="/col/col%d/index.html">工作动态</a></li><li><a href="/col/col%d/index.html">通知公告</a></li>`+
		`<li><a href="/col/col%d/index.html">信息公开目录</a></li><li><a href="/col/col1299/index.html">文明创建</a></li></ul></div>`+
		`<div class="main w1000">%s</div>`+
		`<div class="footer"><p><a href="/col/col1300/index.html">网站地图</a> | <a href="/col/col1301/index.html">联系我们</a></p>`+
		`<p>主办：中共城关县委宣传部 承办：城关县文明办 网站标识码：1305810001 冀ICP备12345678号</p>`+
		`<p><script type="text/javascript">document.write(unescape("%%3Cspan id='_ideConac' %%3E%%3C/span%%3E"));</script></p></div></body></html>`,
		charset, govName, govHost, head, title, govName, govNewsCol, govNoticeCol, govCatalog, main)
	if gbk {
		w.Header().Set("Content-Type", "text/html")
		enc, err := simplifiedchinese.GBK.NewEncoder().String(b.String())
		if err != nil {
			panic(err)
		}
		fmt.Fprint(w, enc)
		return
	}
	w.Header().Set("Content-Type", "text/html;charset=UTF-8")
	fmt.Fprint(w, b.String())
}

// notFound is the platform's error page, answered 200.
func (s *govSite) notFound(w http.ResponseWriter) {
	s.page(w, "页面不存在", "", `<div class="error"><img src="/images/404.png" alt=""><h2>抱歉，您访问的页面不存在或已被删除！</h2>`+
		`<p>可能的原因：网址有误；该页面已被删除或转移。</p><p><span id="sec">5</span>秒后自动返回<a href="/">首页</a></p>`+
		`<script>var t=5;setInterval(function(){t--;document.getElementById("sec").innerHTML=t;if(t==0){location.href="/";}},1000);</script></div>`, false)
}

func (s *govSite) home(w http.ResponseWriter) {
	var b strings.Builder
	b.WriteString(`<div class="box"><div class="tit"><span>工作动态</span><a href="/col/col1229/index.html" class="more">更多&gt;&gt;</a></div><ul>`)
	for i, a := range s.inCol(govNewsCol) {
		if i == 6 {
			break
		}
		// The latest list links the page without its metadata table.
		fmt.Fprintf(&b, `<li><a href="%s?xxgkhide=1" target="_blank" title="%s">%s</a><span>%s</span></li>`, a.path(), a.title, a.title, a.date.Format("01-02"))
	}
	b.WriteString(`</ul></div><div class="box"><div class="tit"><span>通知公告</span><a href="/col/col1230/index.html" class="more">更多&gt;&gt;</a></div><ul>`)
	for i, a := range s.inCol(govNoticeCol) {
		if i == 3 {
			break
		}
		fmt.Fprintf(&b, `<li><a href="%s" target="_blank">%s</a><span>%s</span></li>`, a.path(), a.title, a.date.Format("01-02"))
	}
	// A removed article the homepage still links.
	b.WriteString(`<li><a href="/art/2023/12/1/art_1230_49999.html" target="_blank">关于开展冬季消防安全检查的通知</a><span>12-01</span></li></ul></div>`)
	s.page(w, govName, "", b.String(), false)
}

// crumbs is the column's position bar.
func govCrumbs(col int) string {
	return fmt.Sprintf(`<div class="position">当前位置：<a href="/index.html">首页</a> &gt; <a href="/col/col%d/index.html">%s</a></div>`, col, govColumns[col])
}

// record is one list entry as the platform writes it into a record.
func govRecord(a govArt) string {
	return fmt.Sprintf(`<record><![CDATA[<li><a href="%s" target="_blank" title="%s">%s</a><span class="bt-data-time">%s</span></li>]]></record>`,
		a.path(), a.title, a.title, a.date.Format("2006-01-02"))
}

const govUnit = 3234213

// column writes a column page: its first group of records in the island,
// the jpage script that pages through it and asks the proxy for more.
func (s *govSite) column(w http.ResponseWriter, col int) {
	arts := s.inCol(col)
	first := min(len(arts), govPerPage*govGroupSize)
	var b strings.Builder
	b.WriteString(govCrumbs(col))
	fmt.Fprintf(&b, `<div class="list"><div class="list-tit">%s</div><div id="%d"><script type="text/xml"><datastore>`, govColumns[col], govUnit)
	fmt.Fprintf(&b, `<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&webid=1&path=/&columnid=%d&unitid=%d&webname=%s&permissiontype=0"></a>]]></nextgroup><recordset>`, col, govUnit, url.QueryEscape(govName))
	for _, a := range arts[:first] {
		b.WriteString(govRecord(a))
	}
	b.WriteString(`</recordset></datastore></script></div></div>`)
	fmt.Fprintf(&b, `<script language="javascript" src="/module/jslib/jquery/jpage/jquery.jpage.js"></script>`+
		`<script>$(document).ready(function() { $('#%d').jpage({ dataStore: dataStore, dataBefore: '<ul class="bt-list">', dataAfter: '</ul>', `+
		`perPage: %d, totalRecord: %d, groupSize: %d, proxyUrl: '/module/web/jpage/dataproxy.jsp', barPosition: 'bottom', `+
		`ajaxParam: { col: 1, appid: 1, webid: 1, path: '/', columnid: %d, sourceContentType: 1, unitid: '%d', webname: '%s', permissiontype: 0 } }); });</script>`,
		govUnit, govPerPage, len(arts), govGroupSize, col, govUnit, govName)
	s.page(w, govColumns[col]+" "+govName, "", b.String(), false)
}

// proxy answers the pager script's request for a range of records (a form
// post, or a GET carrying the same parameters in its query): the records
// as XML. Without a range it answers an empty store.
func (s *govSite) proxy(w http.ResponseWriter, r *http.Request) {
	if s.postOnly && r.Method != http.MethodPost {
		w.Header().Set("Content-Type", "text/html;charset=UTF-8")
		w.WriteHeader(http.StatusMethodNotAllowed)
		fmt.Fprint(w, `<html><head><title>Error</title></head><body><h1>HTTP Status 405 - Request method 'GET' not supported</h1></body></html>`)
		return
	}
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
	col, _ := strconv.Atoi(r.Form.Get("columnid"))
	from, err1 := strconv.Atoi(r.Form.Get("startrecord"))
	to, err2 := strconv.Atoi(r.Form.Get("endrecord"))
	arts := s.inCol(col)
	if _, ok := govColumns[col]; !ok || err1 != nil || err2 != nil || from < 1 || to < from {
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>0</totalrecord><recordset></recordset></datastore>`)
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>%d</totalrecord><recordset>`, len(arts))
	for i := from - 1; i < to && i < len(arts); i++ {
		b.WriteString(govRecord(arts[i]))
	}
	b.WriteString(`</recordset></datastore>`)
	fmt.Fprint(w, b.String())
}

// catalog is the 信息公开目录: a table of the notices, each linked
// through the open-government viewer.
func (s *govSite) catalog(w http.ResponseWriter) {
	var b strings.Builder
	b.WriteString(govCrumbs(govCatalog))
	b.WriteString(`<table class="xxgk-list"><tr><th>索引号</th><th>名称</th><th>发布日期</th></tr>`)
	for _, a := range s.inCol(govNoticeCol) {
		fmt.Fprintf(&b, `<tr><td>%s</td><td><a href="/module/xxgk/detail.jsp?articleid=%d&webid=1" target="_blank">%s</a></td><td>%s</td></tr>`,
			govIndexNo(a), a.id, a.title, a.date.Format("2006-01-02"))
	}
	b.WriteString(`</table>`)
	s.page(w, "信息公开目录 "+govName, "", b.String(), false)
}

func govIndexNo(a govArt) string {
	return fmt.Sprintf("11130581MB0123456X/%d-%05d", a.date.Year(), a.id)
}

// search is the on-site search: ten results a page, each a title, an
// excerpt and a date, with a pager and the hot words.
func (s *govSite) search(w http.ResponseWriter, word, page string) {
	n, _ := strconv.Atoi(page)
	n = max(n, 1)
	var found []govArt
	for _, a := range s.arts {
		if word != "" && (strings.Contains(a.title, word) || strings.Contains(strings.Join(a.body(), ""), word)) {
			found = append(found, a)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="search-result"><p class="count">共找到 <b>%d</b> 条与“%s”相关的结果</p><ul>`, len(found), word)
	for i := (n - 1) * 10; i < len(found) && i < n*10; i++ {
		a := found[i]
		fmt.Fprintf(&b, `<li><h3><a href="%s" target="_blank">%s</a></h3><p>%s……</p><span>%s</span> <span>%s</span></li>`,
			a.path(), a.title, string([]rune(a.body()[1])[:30]), govColumns[a.col], a.date.Format("2006-01-02"))
	}
	b.WriteString(`</ul><div class="page">`)
	for k := 1; k <= (len(found)+9)/10; k++ {
		if k == n {
			fmt.Fprintf(&b, `<span>%d</span>`, k)
		} else {
			fmt.Fprintf(&b, `<a href="/jrobot/search.do?webid=1&q=%s&p=%d">%d</a>`, url.QueryEscape(word), k, k)
		}
	}
	b.WriteString(`</div></div>`)
	s.page(w, "搜索结果", "", b.String(), false)
}

// article writes an article page. table: a notice's metadata table is
// shown (not under ?xxgkhide=1); crumbs: the position bar (the viewer
// has none).
func (s *govSite) article(w http.ResponseWriter, a govArt, table, crumbs bool) {
	var b strings.Builder
	head := ""
	if a.col == govNewsCol && !a.gbk {
		// The news template carries the standard metadata of government
		// pages (国办 2017 规范); its older GBK edition and the notices'
		// template do not.
		head = fmt.Sprintf(`<meta name="ColumnName" content="%s"><meta name="ArticleTitle" content="%s"><meta name="PubDate" content="%s"><meta name="ContentSource" content="%s">`,
			govColumns[a.col], a.title, a.date.Format("2006-01-02 15:04"), govSource)
	}
	if crumbs {
		b.WriteString(govCrumbs(a.col))
	}
	label := "浏览次数"
	if a.gbk {
		label = "访问次数" // the older edition's word
	}
	counter := fmt.Sprintf(`%s：<script language="javascript" src="/module/visitcount/articlehits.jsp?colid=%d&artid=%d"></script>`, label, a.col, a.id)
	info := ""
	if a.col == govNewsCol || a.bareTable {
		info = fmt.Sprintf(`发布日期：%s&nbsp;&nbsp;信息来源：%s&nbsp;&nbsp;`, a.date.Format("2006-01-02 15:04"), govSource)
		if a.id%2 == 1 {
			info = fmt.Sprintf(`<span>%s</span><span>来源：%s</span>`, a.date.Format("2006年01月02日 15:04"), govSource)
		}
	}
	var tb strings.Builder
	if a.col == govNoticeCol && table {
		if a.bareTable {
			fmt.Fprintf(&tb, `<table class="xxgk"><tr><th>索引号</th><td>%s</td><th>发布机构</th><td>%s</td></tr>`+
				`<tr><th>成文日期</th><td>%s</td><th>公开方式</th><td>主动公开</td></tr></table>`,
				govIndexNo(a), govSource, a.signed.Format("2006年01月02日"))
		} else {
			fmt.Fprintf(&tb, `<table class="xxgk_table" width="100%%"><tbody>`+
				`<tr><td class="lab">索引号：</td><td>%s</td><td class="lab">发布机构：</td><td>%s</td></tr>`+
				`<tr><td class="lab">成文日期：</td><td>%s</td><td class="lab">发布日期：</td><td>%s</td></tr>`+
				`<tr><td class="lab">主题分类：</td><td>综合政务</td><td class="lab">文号：</td><td>城文明办〔%d〕%d号</td></tr></tbody></table>`,
				govIndexNo(a), govSource, a.signed.Format("2006-01-02"), a.date.Format("2006-01-02"), a.date.Year(), a.id%40+1)
		}
	}
	// Where the table stands: above the title, between the title and
	// the body, or pasted into the body by an editor.
	after, inBody := a.id%2 == 1, a.id%5 == 0
	if !after && !inBody {
		b.WriteString(tb.String())
	}
	var body strings.Builder
	if inBody {
		body.WriteString(tb.String())
	}
	body.WriteString(`<!--ZJEG_RSS.content.begin--><meta name="ContentStart">`)
	paras := a.body()
	for i, para := range paras {
		switch {
		case a.attach && strings.HasPrefix(para, "附件："):
			fmt.Fprintf(&body, `<p>附件：<a href="/art/%d/%d/%d/art_%d_%d/fj1.pdf">%s</a></p>`, a.date.Year(), int(a.date.Month()), a.date.Day(), a.col, a.id, strings.TrimPrefix(para, "附件："))
		case a.attach && i == len(paras)-2:
			fmt.Fprintf(&body, `<p><a href="/module/download/downfile.jsp?classid=0&filename=%d_2.doc">%s</a></p>`, a.id, para)
		case a.attach && i == len(paras)-1:
			fmt.Fprintf(&body, `<p><a href="/module/download/downfile.jsp?classid=0&filename=%d_3.xls">%s</a></p>`, a.id, para)
		default:
			fmt.Fprintf(&body, "<p>%s</p>\n", para)
		}
	}
	body.WriteString(`<meta name="ContentEnd"><!--ZJEG_RSS.content.end-->`)
	afterTable := ""
	if after {
		afterTable = tb.String()
	}
	tools := `【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】`
	if a.gbk {
		// The older edition lays the article out in nested tables.
		fmt.Fprintf(&b, `<table width="100%%" border="0" cellspacing="0" cellpadding="0"><tr><td align="center" class="bt_title">%s</td></tr>`+
			`<tr><td align="center" class="bt_info">%s%s</td></tr><tr><td>%s</td></tr><tr><td class="bt_content" id="zoom">%s</td></tr>`+
			`<tr><td align="right">%s</td></tr></table>`, a.title, info, counter, afterTable, body.String(), tools)
	} else {
		fmt.Fprintf(&b, `<div class="article"><div class="art-title">%s</div><div class="art-info">%s<span>%s</span>`+
			` <span>字号：[ <a href="javascript:doZoom(20)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(12)">小</a> ]</span></div>`+
			`%s<div id="zoom">%s</div><div class="art-tools">%s</div></div>`, a.title, info, counter, afterTable, body.String(), tools)
	}
	title := a.title
	if a.gbk {
		// The older edition titles every page with the site's name.
		title = govName
	}
	s.page(w, title, head, b.String(), a.gbk)
}

// TestGovPlatformSite crawls a county site on a government site-cluster
// platform (see govSite): every article is archived once under its
// canonical URL with its title, its publish time (发布日期, never the
// 成文日期), its source (发布机构), its column and its text without the
// metadata table, the print bar or the counter; no list, search, proxy or
// error page is an article; the crawl ends having fetched each article a
// bounded number of times.
func TestGovPlatformSite(t *testing.T) {
	tests := []struct {
		name              string
		postOnly, sitemap bool
	}{
		// The proxy answers the pager's GET: the later groups are read
		// from its XML answers.
		{name: "proxy", postOnly: false},
		// The proxy takes form posts only: the column lists reach the
		// first groups, the sitemap every article.
		{name: "post-only proxy, sitemap", postOnly: true, sitemap: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := newGovSite(23, 6)
			site.postOnly, site.sitemap = tt.postOnly, tt.sitemap
			crawlGovSite(t, site)
		})
	}
}

func crawlGovSite(t *testing.T, site *govSite) {
	sink := &staticSink{takeOver: Aliased}
	_, sum := crawlWeb(t, site, Options{Workers: 4, FetchCounters: true}, sink.store)

	var urls []string
	for _, a := range site.arts {
		u := "http://" + govHost + a.path()
		urls = append(urls, u)
		got := sink.get(u)
		if !wantRecord(t, u, got, a.title, a.date, govColumns[a.col]) {
			continue
		}
		if got.Source != govSource {
			t.Errorf("%s: source %q, want %q", u, got.Source, govSource)
		}
		if want := strings.Join(a.body(), "\n"); got.Body != want {
			t.Errorf("%s: body\n%q\nwant\n%q", u, got.Body, want)
		}
		if got.Views == nil {
			t.Errorf("%s: no view count", u)
		}
	}
	sink.wantOnly(t, urls)
	for _, a := range site.arts {
		if n := site.hits.requests(a.path()); n > 2 {
			t.Errorf("%s fetched %d times", a.path(), n)
		}
	}
	site.hits.mu.Lock()
	total := 0
	for k, n := range site.hits.hits {
		total += n
		if n > 1 && !strings.HasPrefix(k, "/module/visitcount/") {
			t.Logf("%s requested %d times", k, n)
		}
		if strings.HasPrefix(k, "/module/download/") || strings.HasSuffix(k, ".pdf") {
			t.Errorf("attachment %s fetched: a file is no page", k)
		}
	}
	site.hits.mu.Unlock()
	t.Logf("requests %d (at the site %d), pages %d, other pages %d, aliased %d, inert %v, stopped %v, errors %v", sum.Requests, total, sum.Pages, sum.OtherPages, sum.ArticlesAliased, sum.Inert, sum.Stopped, sum.Errors)
	// Every article with its counter, a second URL form of some with
	// theirs, the columns and their proxy pages, the search's pages and
	// the furniture (99 when written): a bound, not the crawl's exact
	// count.
	if limit := 3*len(site.arts) + 30; total > limit {
		t.Errorf("%d requests at the site, want at most %d", total, limit)
	}
}
