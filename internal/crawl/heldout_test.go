package crawl

import (
	"fmt"
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
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/wenming-archive/wenming/internal/article"
)

// hoWeb is a held-out hierarchy of 文明网 sites, built from sites.md alone
// by someone who did not write the crawler and shares no code with
// internal/sitesim: a national site, one province, one city and three
// counties. What the CMSs ship is modelled as they ship it; where sites.md
// leaves a choice open the choice here differs from the simulation's and
// is marked [assumed], never made to ease the crawl.
//
//   - 中国文明网 (www.wenming.cn, TRS, .shtml): its provinces in a
//     各地文明网 jump menu (<select onchange="window.open(this.value)">)
//     [assumed]; a TRS article template of another theme: h1.title, the
//     info line <div class="info"><span>发布时间：DATE</span><span>来源：…
//     </span></div>, the body div.TRS_Editor opening with its <style>, the
//     editor 【责任编辑：…】 in brackets; lists ul/li with the date in a
//     span, paged by createPageHTML(n, k, "index", "shtml");
//   - 山西文明网 (sx.wenming.cn, TRS, .html): its cities as a grid of logo
//     pictures under 市级文明网, pictures with no alt text [assumed]; the
//     info line 日期：2023年03月22日　来源：…　作者：… (ideographic
//     spaces), 编辑：… under the body; lists dl/dt/dd, paged by numbered
//     links only (index.html, index_1.html …);
//   - 晋中文明网 (jz.wenming.cn, TRS, .html, minutes): the top strip
//     【中国文明网】|【山西文明网】 with links without the trailing slash;
//     two counties in a 县区文明网 jump menu (location.href), all three on
//     a page of its own linked as 文明网站群 from the footer [assumed]; one
//     listed by its bare domain, which redirects to www. and from there to
//     index.html; the info line 时间：2023-03-22 10:15 来源：… 作者：…
//     编辑：…; lists of divs with the date in a span, a 上一页/下一页 pager
//     beside a page <select>; an 活动日历 whose month pages link the
//     month before and after without end (a trap);
//   - 平遥县文明网 (DedeCMS 5.7, GBK bytes, a bare text/html header and
//     <meta charset=gb2312>): articles /a/COL/YYYY/MMDD/ID.html and
//     /plus/view.php?aid=ID (linked from the homepage's 推荐 box), a
//     government theme's info line 来源：… 作者：… 发布时间：2023-03-22 10:15
//     点击数：<script src="/plus/count.php?…"> (count.php is disallowed by
//     the robots.txt DedeCMS ships: the count is unknown); lists as table
//     rows, DedeCMS's pagelist (首页 上一页 1 2 下一页 末页 and the sldd
//     select);
//   - 祁县文明网 (PHPCMS v9, UTF-8, robots.txt removed [assumed]):
//     articles /html/COL/YYYY/MMDD/ID.html and the dynamic
//     index.php?m=content&c=index&a=show&catid=C&id=ID (linked by the 排行
//     sidebar), the info line 发布日期：2023年3月22日 10:15　来源：…　浏览次数：
//     <span id="hits"></span> filled by api.php?op=count (its answer as
//     api/count.php writes it: day, week and month counts first), the top
//     strip after the logo; lists ul/li, PHPCMS's pager (N条 上一页 1 2
//     下一页); a slow host;
//   - 太谷县文明网 (EmpireCMS 7.5, GBK bytes, header charset=gbk, the
//     文明实践 column's re-saved template declaring utf-8 in <meta>):
//     articles /xwzx/COL/YYYY-MM-DD/ID.html and
//     /e/action/ShowInfo.php?classid=C&id=ID (linked by 热门文章), the info
//     line 作者：… 来源：… 发布时间：2023-03-22 10:15:03 阅读：<script
//     src="/e/public/ViewClick/?classid=C&id=ID&addclick=1">次 (the count
//     after the visit it adds); lists of divs with a heading, a summary
//     and a date, the pager 首页 上一页 1 2 下一页 尾页; every fifth article
//     answers 503 the first time it is asked (an overloaded server).
type hoWeb struct {
	sites map[string]*hoSite
	order []*hoSite
	hits  hitCounter

	mu      sync.Mutex
	counted map[string]int  // host#id → counter reads
	failed  map[string]bool // URLs answered 503 once
	served  map[string]int  // requests per host
}

type hoSite struct {
	host, name string
	level      article.Level
	parent     string
	cms        string // trs, dede, phpcms, empire
	ext        string // TRS: shtml or html
	cols       []hoCol
	arts       []hoArt
	robots     string // "" answers 404
}

type hoCol struct {
	slug, name string
	id         int
}

type hoArt struct {
	id                     int
	col                    int
	title                  string
	source, author, editor string
	date                   time.Time
	views                  int
	split                  bool // two pages (DedeCMS, EmpireCMS: ID_2.html)
}

var hoCST = time.FixedZone("CST", 8*3600)

const hoPerPage = 5

var hoTopics = []string{"学雷锋志愿服务", "移风易俗宣讲", "文明交通劝导", "垃圾分类入户", "关爱留守儿童", "道德模范事迹报告", "清明文明祭扫", "全民阅读推广", "邻里守望互助", "反诈知识普及", "爱国卫生运动", "好家风传承"}

// newHoWeb builds the hierarchy with the newest unpublished articles of
// each site not yet published (an earlier state of it).
func newHoWeb(unpublished int) *hoWeb {
	w := &hoWeb{sites: map[string]*hoSite{}, counted: map[string]int{}, failed: map[string]bool{}, served: map[string]int{}}
	add := func(s *hoSite, n, idBase int, people []string, sources []string) {
		for i := 0; i < n; i++ {
			d := time.Date(2023, 2, 1, 8, 30, 0, 0, hoCST).Add(time.Duration(i)*29*time.Hour + time.Duration(i*7%50)*time.Minute)
			if s.cms == "empire" {
				d = d.Add(time.Duration(i*13%60) * time.Second)
			}
			place := strings.TrimSuffix(s.name, "文明网")
			a := hoArt{
				id:     idBase + i*3,
				col:    i % len(s.cols),
				title:  fmt.Sprintf("%s%s活动扎实开展（%d）", place, hoTopics[i%len(hoTopics)], i+1),
				source: sources[i%len(sources)],
				date:   d,
				views:  -1,
			}
			switch s.cms {
			case "trs":
				a.editor = people[i%len(people)]
				if s.level != article.National {
					a.author = people[(i+1)%len(people)]
				}
			case "dede", "empire":
				a.author = people[i%len(people)]
			}
			if s.cms == "phpcms" || s.cms == "empire" || s.cms == "dede" {
				a.views = 120 + i*17
			}
			a.split = (s.cms == "dede" || s.cms == "empire") && i%6 == 4
			s.arts = append(s.arts, a)
		}
		w.sites[s.host] = s
		w.order = append(w.order, s)
	}
	add(&hoSite{host: "www.wenming.cn", name: "中国文明网", level: article.National, cms: "trs", ext: "shtml",
		cols: []hoCol{{"a/yw", "要闻", 1}, {"wmsj", "文明实践", 2}}}, 16, 5912001, []string{"王晶", "刘洋"}, []string{"中国文明网", "新华社"})
	add(&hoSite{host: "sx.wenming.cn", name: "山西文明网", level: article.Province, parent: "www.wenming.cn", cms: "trs", ext: "html",
		cols: []hoCol{{"sxwm/gzdt", "工作动态", 11}, {"sxwm/zyfw", "志愿服务", 12}}}, 30, 7412001, []string{"张敏", "李强", "赵丽"}, []string{"山西文明网", "山西日报"})
	add(&hoSite{host: "jz.wenming.cn", name: "晋中文明网", level: article.City, parent: "sx.wenming.cn", cms: "trs", ext: "html",
		cols: []hoCol{{"wmcj", "文明创建", 21}, {"xqdt", "县区动态", 22}}}, 40, 7513001, []string{"郭亮", "孙红", "周斌"}, []string{"晋中文明网", "晋中日报"})
	add(&hoSite{host: "www.pywmw.gov.cn", name: "平遥县文明网", level: article.County, parent: "jz.wenming.cn", cms: "dede",
		cols:   []hoCol{{"wmcj", "文明创建", 3}, {"ddjt", "道德讲堂", 5}},
		robots: "User-agent: * \r\nDisallow: /plus/ad_js.php\r\nDisallow: /plus/advancedsearch.php\r\nDisallow: /plus/car.php\r\nDisallow: /plus/carbuyaction.php\r\nDisallow: /plus/shops_buyaction.php\r\nDisallow: /plus/erraddsave.php\r\nDisallow: /plus/posttocar.php\r\nDisallow: /plus/disdls.php\r\nDisallow: /plus/feedback_js.php\r\nDisallow: /plus/mytag_js.php\r\nDisallow: /plus/rss.php\r\nDisallow: /plus/search.php\r\nDisallow: /plus/recommend.php\r\nDisallow: /plus/stow.php\r\nDisallow: /plus/count.php\r\nDisallow: /include\r\nDisallow: /templets"},
		50, 101, []string{"冀文", "韩雪", "王喆", "刘䶮"}, []string{"平遥县文明办", "平遥县融媒体中心"})
	add(&hoSite{host: "www.qxwmw.gov.cn", name: "祁县文明网", level: article.County, parent: "jz.wenming.cn", cms: "phpcms",
		cols: []hoCol{{"xwdt", "新闻动态", 9}, {"zyzfc", "志愿者风采", 10}}}, 50, 301, nil, []string{"祁县文明办", "祁县新时代文明实践中心"})
	add(&hoSite{host: "www.tgwm.gov.cn", name: "太谷县文明网", level: article.County, parent: "jz.wenming.cn", cms: "empire",
		cols:   []hoCol{{"gzdt", "工作动态", 2}, {"wmsj", "文明实践", 3}},
		robots: "User-agent: *\nDisallow: /e/admin/\nDisallow: /e/class/\nDisallow: /e/data/\nDisallow: /e/install/\nDisallow: /e/update/\n"},
		50, 501, []string{"程亮", "武娜"}, []string{"太谷县文明办", "太谷区融媒体中心"})
	// The dede county's count is unknown: its robots.txt disallows the counter.
	for i := range w.sites["www.pywmw.gov.cn"].arts {
		w.sites["www.pywmw.gov.cn"].arts[i].views = -1
	}
	for _, s := range w.order {
		s.arts = s.arts[:len(s.arts)-unpublished]
	}
	return w
}

// lineage is the chain of sites from the top down to s.
func (w *hoWeb) lineage(s *hoSite) []string {
	var out []string
	for x := s; x != nil; x = w.sites[x.parent] {
		out = append([]string{x.host}, out...)
	}
	return out
}

// newest is the articles of column c, newest first.
func (s *hoSite) newest(c int) []hoArt {
	var out []hoArt
	for _, a := range slices.Backward(s.arts) {
		if a.col == c {
			out = append(out, a)
		}
	}
	return out
}

// path is the article's URL path as its lists link it.
func (s *hoSite) path(a hoArt) string {
	c := s.cols[a.col]
	switch s.cms {
	case "dede":
		return fmt.Sprintf("/a/%s/%s/%d.html", c.slug, a.date.Format("2006/0102"), a.id)
	case "phpcms":
		return fmt.Sprintf("/html/%s/%s/%d.html", c.slug, a.date.Format("2006/0102"), a.id)
	case "empire":
		return fmt.Sprintf("/xwzx/%s/%s/%d.html", c.slug, a.date.Format("2006-01-02"), a.id)
	}
	return fmt.Sprintf("/%s/%s/t%s_%d.%s", c.slug, a.date.Format("200601"), a.date.Format("20060102"), a.id, s.ext)
}

// dynamic is the article's second URL, linked by a sidebar ("" if none).
func (s *hoSite) dynamic(a hoArt) string {
	switch s.cms {
	case "dede":
		return fmt.Sprintf("/plus/view.php?aid=%d", a.id)
	case "phpcms":
		if a.id%2 == 0 {
			// Parameters in another order, a share's tracking ones.
			return fmt.Sprintf("/index.php?a=show&id=%d&m=content&c=index&catid=%d&from=timeline&isappinstalled=0", a.id, s.cols[a.col].id)
		}
		return fmt.Sprintf("/index.php?m=content&c=index&a=show&catid=%d&id=%d", s.cols[a.col].id, a.id)
	case "empire":
		return fmt.Sprintf("/e/action/ShowInfo.php?classid=%d&id=%d", s.cols[a.col].id, a.id)
	}
	return ""
}

// listPath is page k (from 1) of column c.
func (s *hoSite) listPath(c, k int) string {
	col := s.cols[c]
	switch s.cms {
	case "dede":
		if k == 1 {
			return "/a/" + col.slug + "/"
		}
		return fmt.Sprintf("/a/%s/list_%d_%d.html", col.slug, col.id, k)
	case "phpcms":
		if k == 1 {
			return "/html/" + col.slug + "/"
		}
		return fmt.Sprintf("/html/%s/%d.html", col.slug, k)
	case "empire":
		if k == 1 {
			return "/xwzx/" + col.slug + "/"
		}
		return fmt.Sprintf("/xwzx/%s/index_%d.html", col.slug, k)
	}
	if k == 1 {
		return "/" + col.slug + "/"
	}
	return fmt.Sprintf("/%s/index_%d.%s", col.slug, k-1, s.ext)
}

func (s *hoSite) pages(c int) int { return max(1, (len(s.newest(c))+hoPerPage-1)/hoPerPage) }

func (w *hoWeb) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	host := strings.ToLower(r.Host)
	if h, _, ok := strings.Cut(host, ":"); ok {
		host = h
	}
	w.hits.count(host + r.URL.RequestURI())
	if host == "tgwm.gov.cn" {
		// The bare domain the city lists: redirected to www.
		http.Redirect(rw, r, "http://www.tgwm.gov.cn"+r.URL.RequestURI(), http.StatusMovedPermanently)
		return
	}
	if host == "wap.tgwm.gov.cn" {
		w.mobile(rw, r)
		return
	}
	if host == "www.sxwmw.gov.cn" {
		host = "sx.wenming.cn" // the province's second name, no redirect [seen: hbjswm]
	}
	s := w.sites[host]
	w.mu.Lock()
	w.served[host]++
	n := w.served[host]
	w.mu.Unlock()
	if s != nil && s.cms == "phpcms" && n%60 == 0 {
		// A WAF in front of the county server.
		rw.Header().Set("Retry-After", "1")
		http.Error(rw, "Too Many Requests", http.StatusTooManyRequests)
		return
	}
	if s == nil {
		http.Error(rw, "outside", http.StatusBadGateway)
		return
	}
	p := r.URL.Path
	if p == "/robots.txt" && s.cms == "phpcms" {
		p = "/" // every unknown path routed to the homepage, 200 [assumed]
	} else if p == "/robots.txt" {
		if s.cms == "empire" {
			w.mu.Lock()
			first := !w.failed[host+p]
			w.failed[host+p] = true
			w.mu.Unlock()
			if first {
				http.Error(rw, "Service Temporarily Unavailable", http.StatusServiceUnavailable)
				return
			}
		}
		if s.robots == "" {
			http.NotFound(rw, r)
			return
		}
		rw.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(rw, s.robots)
		return
	}
	if s.cms == "phpcms" {
		time.Sleep(3 * time.Millisecond) // a slow county server
	}
	if s.cms == "empire" && p == "/" {
		http.Redirect(rw, r, "/index.html", http.StatusFound)
		return
	}
	if s.cms != "empire" && (p == "/index.html" || p == "/index.shtml") {
		p = "/"
	}
	var page string
	gbkMeta := ""
	switch {
	case p == "/" || s.cms == "empire" && p == "/index.html":
		page = w.home(s)
	case s.cms == "dede" && p == "/plus/count.php":
		id, _ := strconv.Atoi(r.URL.Query().Get("aid"))
		w.counter(rw, s, id, "document.write('%d');\r\n", 0)
		return
	case s.cms == "phpcms" && p == "/index.php" && r.URL.Query().Get("a") == "lists":
		c := slices.IndexFunc(s.cols, func(c hoCol) bool { return strconv.Itoa(c.id) == r.URL.Query().Get("catid") })
		if c < 0 {
			http.NotFound(rw, r)
			return
		}
		k, err := strconv.Atoi(r.URL.Query().Get("page"))
		if err != nil || k < 1 {
			k = 1
		}
		page = w.list(s, c, min(k, s.pages(c)), true) // past the end: the last page again
	case s.cms == "empire" && p == "/e/search/result/":
		page = w.search(s, r.URL.Query().Get("searchid"), r.URL.Query().Get("page"))
	case s.cms == "phpcms" && p == "/api.php" && r.URL.Query().Get("op") == "count":
		id, _ := strconv.Atoi(r.URL.Query().Get("id"))
		a, ok := s.byID(id)
		if !ok {
			http.NotFound(rw, r)
			return
		}
		w.counter(rw, s, id, "$('#todaydowns').html('1');$('#weekdowns').html('"+strconv.Itoa(a.views%9+1)+"');$('#monthdowns').html('"+strconv.Itoa(a.views%40+1)+"');\n$('#hits').html('%d');", 0)
		return
	case s.cms == "empire" && strings.HasPrefix(p, "/e/public/ViewClick"):
		id, _ := strconv.Atoi(r.URL.Query().Get("id"))
		w.counter(rw, s, id, "document.write('%d');", 1)
		return
	case s.cms == "empire" && p == "/xwzx/":
		page = w.channel(s)
	case s.host == "jz.wenming.cn" && p == "/wzq/":
		page = w.clusterPage(s)
	case s.host == "jz.wenming.cn" && p == "/hdrl/":
		page = w.calendar(s, r.URL.Query().Get("ym"))
	default:
		if a, k, ok := s.articleAt(p, r.URL.Query()); ok {
			if s.cms == "empire" && a.id%5 == 1 {
				w.mu.Lock()
				first := !w.failed[r.URL.RequestURI()]
				w.failed[r.URL.RequestURI()] = true
				w.mu.Unlock()
				if first {
					http.Error(rw, "Service Temporarily Unavailable", http.StatusServiceUnavailable)
					return
				}
			}
			page = w.article(s, a, k, r.URL.RawQuery != "")
			if s.cms == "empire" && a.col == 1 {
				gbkMeta = "utf-8"
			}
			if s.level == article.Province && a.col == 1 {
				gbkMeta = "gb2312"
			}
			if s.cms == "dede" && a.col == 1 {
				gbkMeta = "none" // a template that lost its <meta>: only the bytes tell
			}
			break
		}
		if c, k, ok := s.listAt(p); ok {
			page = w.list(s, c, k, false)
			break
		}
		rw.WriteHeader(http.StatusNotFound)
		page = `<html><head><title>404</title></head><body><p>对不起，您访问的页面不存在！</p></body></html>`
	}
	w.write(rw, s, page, gbkMeta)
}

// mobile serves the EmpireCMS county's mobile edition on its wap. host:
// each article in a lean template, whole, linking back to the desktop
// page [assumed].
func (w *hoWeb) mobile(rw http.ResponseWriter, r *http.Request) {
	s := w.sites["www.tgwm.gov.cn"]
	if r.URL.Path == "/robots.txt" {
		http.NotFound(rw, r)
		return
	}
	a, k, ok := s.articleAt(r.URL.Path, nil)
	if !ok || k != 1 {
		http.NotFound(rw, r)
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html><head><meta name="viewport" content="width=device-width"><title>%s</title></head><body><h1>%s</h1><p class="time">%s %s</p><div class="con">`,
		a.title, a.title, a.date.Format("2006-01-02 15:04"), a.source)
	for _, p := range a.body() {
		fmt.Fprintf(&b, `<p>%s</p>`, p)
	}
	fmt.Fprintf(&b, `</div><p><a href="http://www.tgwm.gov.cn%s">电脑版</a></p></body></html>`, s.path(a))
	w.write(rw, s, b.String(), "")
}

// write sends a page in the site's charset with its headers.
func (w *hoWeb) write(rw http.ResponseWriter, s *hoSite, page, meta string) {
	switch s.cms {
	case "dede":
		if meta != "none" {
			page = strings.Replace(page, "<head>", `<head><meta http-equiv="Content-Type" content="text/html; charset=gb2312" />`, 1)
		}
		rw.Header().Set("Content-Type", "text/html")
	case "empire":
		if meta == "" {
			meta = "gbk"
		}
		page = strings.Replace(page, "<head>", `<head><meta http-equiv="Content-Type" content="text/html; charset=`+meta+`" />`, 1)
		rw.Header().Set("Content-Type", "text/html; charset=gbk")
	default:
		if meta == "gb2312" {
			// A re-saved template: gb2312 in <meta>, UTF-8 bytes, a bare header.
			page = strings.Replace(page, "<head>", `<head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">`, 1)
			rw.Header().Set("Content-Type", "text/html")
			break
		}
		page = strings.Replace(page, "<head>", `<head><meta charset="utf-8">`, 1)
		rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	}
	if s.cms == "dede" || s.cms == "empire" {
		enc, err := simplifiedchinese.GB18030.NewEncoder().String(page)
		if err != nil {
			panic(err)
		}
		page = enc
	}
	fmt.Fprint(rw, page)
}

// counter answers a view counter: the count before the visit (plus
// after: 1 where the CMS shows it after adding the visit).
func (w *hoWeb) counter(rw http.ResponseWriter, s *hoSite, id int, form string, after int) {
	a, ok := s.byID(id)
	if !ok {
		http.NotFound(rw, nil)
		return
	}
	w.mu.Lock()
	w.counted[s.host+"#"+strconv.Itoa(id)]++
	w.mu.Unlock()
	rw.Header().Set("Content-Type", "application/javascript")
	fmt.Fprintf(rw, form, a.views+after)
}

func (s *hoSite) byID(id int) (hoArt, bool) {
	for _, a := range s.arts {
		if a.id == id {
			return a, true
		}
	}
	return hoArt{}, false
}

// articleAt finds the article at a path (and query) in either URL form.
func (s *hoSite) articleAt(p string, q url.Values) (hoArt, int, bool) {
	for _, a := range s.arts {
		if s.path(a) == p {
			return a, 1, true
		}
		if a.split && s.pagePath(a, 2) == p {
			return a, 2, true
		}
	}
	id := 0
	switch {
	case s.cms == "dede" && p == "/plus/view.php":
		id, _ = strconv.Atoi(q.Get("aid"))
		if a, ok := s.byID(id); ok && a.split && q.Get("pageno") == "2" {
			return a, 2, true
		}
	case s.cms == "phpcms" && p == "/index.php" && q.Get("a") == "show":
		id, _ = strconv.Atoi(q.Get("id"))
	case s.cms == "empire" && p == "/e/action/ShowInfo.php":
		id, _ = strconv.Atoi(q.Get("id"))
	}
	if id == 0 {
		return hoArt{}, 0, false
	}
	a, ok := s.byID(id)
	return a, 1, ok
}

var hoListNum = regexp.MustCompile(`^(?:list_\d+_(\d+)\.html|index_(\d+)\.s?html|(\d+)\.html|index\.s?html|)$`)

// listAt reads a list page's path: its column and page.
func (s *hoSite) listAt(p string) (c, k int, ok bool) {
	for i := range s.cols {
		dir := s.listPath(i, 1)
		if !strings.HasPrefix(p, dir) {
			continue
		}
		m := hoListNum.FindStringSubmatch(strings.TrimPrefix(p, dir))
		if m == nil {
			continue
		}
		k = 1
		switch {
		case m[1] != "":
			k, _ = strconv.Atoi(m[1])
		case m[2] != "":
			k, _ = strconv.Atoi(m[2])
			if s.cms == "trs" {
				k++ // index_1 is the second page
			}
		case m[3] != "":
			k, _ = strconv.Atoi(m[3])
		}
		if k < 1 || k > s.pages(i) {
			return 0, 0, false
		}
		return i, k, true
	}
	return 0, 0, false
}

// frame is the site's page around main.
func (w *hoWeb) frame(s *hoSite, title, main string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html><head><title>%s</title><meta name="keywords" content="%s,精神文明建设"></head><body>`, title, s.name)
	strip := ""
	switch s.level {
	case article.Province:
		strip = `<div class="topbar"><a href="http://www.wenming.cn/" target="_blank">中国文明网</a> | <a href="javascript:void(0)" onclick="this.style.behavior='url(#default#homepage)';">设为首页</a></div>`
	case article.City:
		strip = `<div class="top"><span>今天是：<script>document.write(new Date().toLocaleDateString())</script></span> <a href="http://www.wenming.cn" target="_blank">【中国文明网】</a>|<a href="http://www.sxwmw.gov.cn" target="_blank">【山西文明网】</a>|<a href="#">【设为首页】</a></div>`
	case article.County:
		strip = `<div class="toplink"><a href="http://www.wenming.cn/">中国文明网</a> <a href="http://www.sxwmw.gov.cn/">山西文明网</a> <a href="http://jz.wenming.cn/index.html">晋中文明网</a> 今天是</div>`
	}
	logo := fmt.Sprintf(`<div class="logo"><a href="/"><img src="/images/logo.png" alt="%s"></a></div>`, s.name)
	if s.cms == "phpcms" {
		b.WriteString(logo + strip) // the strip after the logo
	} else {
		b.WriteString(strip + logo)
	}
	b.WriteString(`<div class="nav"><a href="/">首页</a>`)
	for i, c := range s.cols {
		fmt.Fprintf(&b, ` <a href="%s">%s</a>`, s.listPath(i, 1), c.name)
	}
	b.WriteString(`</div>`)
	b.WriteString(main)
	fmt.Fprintf(&b, `<div class="footer">`)
	if s.host == "jz.wenming.cn" {
		b.WriteString(`<p><a href="/wzq/">文明网站群</a> | <a href="/hdrl/?ym=202303">活动日历</a></p>`)
	}
	if s.cms == "empire" {
		b.WriteString(`<p>热门搜索：<a href="/e/search/result/?searchid=7">志愿服务</a> <a href="/e/search/result/?searchid=9">文明实践</a></p>`)
	}
	fmt.Fprintf(&b, `<p>主办：%s 版权所有 晋ICP备0501%04d号</p></div></body></html>`, strings.TrimSuffix(s.name, "文明网")+"精神文明建设委员会办公室", len(s.name)*7)
	return b.String()
}

func (w *hoWeb) home(s *hoSite) string {
	var b strings.Builder
	for i, c := range s.cols {
		more := s.listPath(i, 1)
		if s.cms == "phpcms" && i == 1 {
			more = fmt.Sprintf("/index.php?m=content&c=index&a=lists&catid=%d", c.id) // the dynamic list [assumed]
		}
		fmt.Fprintf(&b, `<div class="box"><div class="hd"><h3>%s</h3><a class="more" href="%s">更多&gt;&gt;</a></div><ul>`, c.name, more)
		for j, a := range s.newest(i) {
			if j == 6 {
				break
			}
			fmt.Fprintf(&b, `<li><a href="%s" target="_blank">%s</a><span>%s</span></li>`, s.path(a), a.title, a.date.Format("01-02"))
		}
		b.WriteString(`</ul></div>`)
	}
	if d := s.dynamic(s.arts[0]); d != "" {
		b.WriteString(`<div class="tj"><h3>推荐阅读</h3><ul>`)
		for j := len(s.arts) - 1; j >= 0; j -= 4 {
			fmt.Fprintf(&b, `<li><a href="%s">%s</a></li>`, s.dynamic(s.arts[j]), s.arts[j].title)
		}
		b.WriteString(`</ul></div>`)
	}
	switch s.level {
	case article.National:
		b.WriteString(`<div class="dfwm"><h3>各地文明网</h3><select onchange="if(this.value!='')window.open(this.value)"><option value="">请选择</option><option value="http://sx.wenming.cn/">山西</option></select></div>`)
	case article.Province:
		b.WriteString(`<div class="sjwm"><div class="tit">市级文明网</div><ul><li><a href="http://jz.wenming.cn/" target="_blank"><img src="/images/city/jz.jpg" width="180" height="60"></a></li></ul></div>`)
	case article.City:
		b.WriteString(`<div class="xqwm">县区文明网：<select onchange="location.href=this.options[this.selectedIndex].value"><option value="">--请选择--</option><option value="http://www.pywmw.gov.cn/">平遥县</option><option value="http://www.qxwmw.gov.cn/">祁县</option></select></div>`)
	}
	return w.frame(s, s.name, b.String())
}

// search is a page of EmpireCMS's search results (searchid names a
// stored search): every third article, ten a page, under the pager of
// the lists; a page past the end is the last again [assumed].
func (w *hoWeb) search(s *hoSite, id, page string) string {
	var found []hoArt
	for i := len(s.arts) - 1; i >= 0; i -= 3 {
		found = append(found, s.arts[i])
	}
	if id == "9" {
		found = found[:4]
	}
	pages := (len(found) + 9) / 10
	k, err := strconv.Atoi(page)
	if err != nil || k < 0 {
		k = 0 // EmpireCMS counts search pages from 0
	}
	k = min(k, pages-1)
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="search"><p>共找到 %d 条记录</p>`, len(found))
	for _, a := range found[k*10 : min(len(found), k*10+10)] {
		fmt.Fprintf(&b, `<div class="r"><a href="%s">%s</a><p>%s</p><span>%s</span></div>`, s.path(a), a.title, a.body()[1], a.date.Format("2006-01-02"))
	}
	b.WriteString(`<div class="epages">`)
	for j := 0; j < pages; j++ {
		fmt.Fprintf(&b, `<a href="/e/search/result/?searchid=%s&page=%d">%d</a>&nbsp;`, id, j, j+1)
	}
	if k+1 < pages {
		fmt.Fprintf(&b, `<a href="/e/search/result/?searchid=%s&page=%d">下一页</a>`, id, k+1)
	}
	b.WriteString(`</div></div>`)
	return w.frame(s, "搜索结果 - "+s.name, b.String())
}

// channel is the EmpireCMS county's 新闻中心, the parent of its columns:
// the newest articles of each.
func (w *hoWeb) channel(s *hoSite) string {
	var b strings.Builder
	for i, c := range s.cols {
		fmt.Fprintf(&b, `<div class="lm"><h3><a href="%s">%s</a></h3><ul>`, s.listPath(i, 1), c.name)
		for j, a := range s.newest(i) {
			if j == 8 {
				break
			}
			fmt.Fprintf(&b, `<li><a href="%s">%s</a> %s</li>`, s.path(a), a.title, a.date.Format("2006-01-02"))
		}
		b.WriteString(`</ul></div>`)
	}
	return w.frame(s, "新闻中心 - "+s.name, b.String())
}

// clusterPage is the city's 文明网站群 page: its counties in a table.
func (w *hoWeb) clusterPage(s *hoSite) string {
	return w.frame(s, "文明网站群 - "+s.name, `<div class="wzq"><h2>文明网站群</h2><table><tr>`+
		`<td><a href="http://www.pywmw.gov.cn/" target="_blank">平遥县文明网</a></td>`+
		`<td><a href="http://www.qxwmw.gov.cn/" target="_blank">祁县文明网</a></td>`+
		`<td><a href="http://tgwm.gov.cn/" target="_blank">太谷县文明网</a></td></tr></table></div>`)
}

// calendar is the city's activity calendar: each month links the months
// before and after it, without end.
func (w *hoWeb) calendar(s *hoSite, ym string) string {
	t, err := time.Parse("200601", ym)
	if err != nil {
		t = time.Date(2023, 3, 1, 0, 0, 0, 0, time.UTC)
	}
	return w.frame(s, "活动日历 - "+s.name, fmt.Sprintf(`<div class="cal"><a href="/hdrl/?ym=%s">上月</a> %d年%d月 <a href="/hdrl/?ym=%s">下月</a><p>本月暂无活动安排</p></div>`,
		t.AddDate(0, -1, 0).Format("200601"), t.Year(), t.Month(), t.AddDate(0, 1, 0).Format("200601")))
}

// list is page k of column c with the site's list markup and pager.
func (w *hoWeb) list(s *hoSite, c, k int, dynamic bool) string {
	in := s.newest(c)
	pages := s.pages(c)
	rows := in[(k-1)*hoPerPage : min(len(in), k*hoPerPage)]
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="%s">%s</a></div>`, s.listPath(c, 1), s.cols[c].name)
	// Links relative to the list, as TRS writes them.
	rel := func(a hoArt) string {
		if s.cms == "trs" {
			return "." + strings.TrimPrefix(s.path(a), s.listPath(c, 1)[:len(s.listPath(c, 1))-1])
		}
		return s.path(a)
	}
	switch {
	case s.level == article.National:
		b.WriteString(`<ul class="list">`)
		for _, a := range rows {
			fmt.Fprintf(&b, `<li><a href="%s" title="%s">%s</a><span>%s</span></li>`, rel(a), a.title, a.title, a.date.Format("2006-01-02"))
		}
		b.WriteString(`</ul>`)
	case s.level == article.Province:
		b.WriteString(`<div class="list">`)
		for _, a := range rows {
			fmt.Fprintf(&b, `<dl><dt><a href="%s">%s</a></dt><dd>%s</dd></dl>`, rel(a), a.title, a.date.Format("2006-01-02"))
		}
		b.WriteString(`</div>`)
	case s.level == article.City:
		for _, a := range rows {
			fmt.Fprintf(&b, `<div class="item"><a href="%s">%s</a><span class="time">%s</span></div>`, rel(a), a.title, a.date.Format("2006-01-02"))
		}
	case s.cms == "dede":
		b.WriteString(`<table class="lb" width="100%">`)
		for _, a := range rows {
			fmt.Fprintf(&b, `<tr><td class="bt">·<a href="%s">%s</a></td><td class="rq">%s</td></tr>`, s.path(a), a.title, a.date.Format("2006-01-02"))
		}
		b.WriteString(`</table>`)
	case s.cms == "phpcms":
		b.WriteString(`<ul class="list lh24 f14">`)
		for _, a := range rows {
			fmt.Fprintf(&b, `<li><span class="rt">%s</span>·<a href="%s" target="_blank">%s</a></li>`, a.date.Format("2006-01-02"), s.path(a), a.title)
		}
		b.WriteString(`</ul>`)
	default:
		for _, a := range rows {
			fmt.Fprintf(&b, `<div class="news-item"><h3><a href="%s">%s</a></h3><p>%s……</p><span class="date">%s</span></div>`, s.path(a), a.title, string([]rune(a.body()[0])[:30]), a.date.Format("2006-01-02"))
		}
	}
	// A box of the site's oldest articles beside the list [assumed]:
	// 推荐阅读 over the rows (EmpireCMS), 点击排行 after the pager (PHPCMS).
	box := func(head string) string {
		var x strings.Builder
		fmt.Fprintf(&x, `<div class="sidebox"><h3>%s</h3><ul>`, head)
		for _, a := range s.arts[:min(8, len(s.arts))] {
			fmt.Fprintf(&x, `<li><a href="%s">%s</a></li>`, s.path(a), a.title)
		}
		x.WriteString(`</ul></div>`)
		return x.String()
	}
	if s.cms == "empire" {
		rowsAt := strings.Index(b.String(), `<div class="news-item">`)
		if rowsAt >= 0 {
			head := b.String()[:rowsAt]
			rest := b.String()[rowsAt:]
			b.Reset()
			b.WriteString(head + box("推荐阅读") + rest)
		}
	}
	link := func(j int) string { return s.listPath(c, j) }
	if dynamic {
		link = func(j int) string {
			return fmt.Sprintf("/index.php?m=content&c=index&a=lists&catid=%d&page=%d", s.cols[c].id, j)
		}
	}
	switch {
	case s.level == article.National:
		fmt.Fprintf(&b, `<script>var countPage = %d; var currentPage = %d; createPageHTML(countPage, currentPage, "index", "shtml");</script>`, pages, k-1)
	case s.level == article.Province:
		b.WriteString(`<div class="page">`)
		for j := 1; j <= pages; j++ {
			if j == k {
				fmt.Fprintf(&b, `<span class="cur">%d</span>`, j)
			} else {
				fmt.Fprintf(&b, `<a href="%s">%d</a>`, link(j), j)
			}
		}
		b.WriteString(`</div>`)
	case s.level == article.City:
		b.WriteString(`<div class="page">`)
		if k > 1 {
			fmt.Fprintf(&b, `<a href="%s">上一页</a> `, link(k-1))
		}
		if k < pages {
			fmt.Fprintf(&b, `<a href="%s">下一页</a> `, link(k+1))
		}
		b.WriteString(`<select onchange="location.href=this.value">`)
		for j := 1; j <= pages; j++ {
			fmt.Fprintf(&b, `<option value="%s">第%d页</option>`, link(j), j)
		}
		b.WriteString(`</select></div>`)
	case s.cms == "dede":
		b.WriteString(`<div class="dede_pages"><ul class="pagelist">`)
		dedePageItems(&b, link, k, pages)
		fmt.Fprintf(&b, `<li><a href="%s">末页</a></li><li><select name="sldd" style="width:36px" onchange="location.href=this.options[this.selectedIndex].value;">`, link(pages))
		for j := 1; j <= pages; j++ {
			fmt.Fprintf(&b, `<option value="%s">%d</option>`, link(j), j)
		}
		fmt.Fprintf(&b, `</select></li><li><span class="pageinfo">共 <strong>%d</strong>页<strong>%d</strong>条</span></li></ul></div>`, pages, len(in))
	case s.cms == "phpcms":
		fmt.Fprintf(&b, `<div id="pages" class="text-c"><a class="a1">%d条</a> <a href="%s" class="a1">上一页</a>`, len(in), link(max(1, k-1)))
		for j := 1; j <= pages; j++ {
			if j == k {
				fmt.Fprintf(&b, ` <span>%d</span>`, j)
			} else {
				fmt.Fprintf(&b, ` <a href="%s">%d</a>`, link(j), j)
			}
		}
		fmt.Fprintf(&b, ` <a href="%s" class="a1">下一页</a></div>`, link(min(pages, k+1)))
	default:
		fmt.Fprintf(&b, `<div class="epages"><a title="总数">&nbsp;<b>%d</b> </a>&nbsp;&nbsp;<a href="%s">首页</a>&nbsp;`, len(in), link(1))
		if k > 1 {
			fmt.Fprintf(&b, `<a href="%s">上一页</a>&nbsp;`, link(k-1))
		}
		for j := 1; j <= pages; j++ {
			if j == k {
				fmt.Fprintf(&b, `<b>%d</b>&nbsp;`, j)
			} else {
				fmt.Fprintf(&b, `<a href="%s">%d</a>&nbsp;`, link(j), j)
			}
		}
		if k < pages {
			fmt.Fprintf(&b, `<a href="%s">下一页</a>&nbsp;`, link(k+1))
		}
		fmt.Fprintf(&b, `<a href="%s">尾页</a></div>`, link(pages))
	}
	if s.cms == "phpcms" {
		b.WriteString(box("点击排行"))
	}
	sep := map[string]string{"trs": "_", "dede": "_", "phpcms": " - ", "empire": " - "}[s.cms]
	return w.frame(s, s.cols[c].name+sep+s.name, b.String())
}

// body is the article's text, in paragraphs.
func (a hoArt) body() []string {
	p := []string{
		fmt.Sprintf("%s，%s活动在第%d社区举行，志愿者和居民群众共%d余人参加。", a.date.Format("1月2日"), hoTopics[a.id%len(hoTopics)], a.id%70+1, a.id%90+60),
		fmt.Sprintf("活动中，工作人员围绕%s向群众讲解相关知识，发放宣传资料%d余份，现场解答群众提出的问题，引导大家争做文明新风的践行者。", hoTopics[(a.id/3)%len(hoTopics)], a.id%500+100),
		fmt.Sprintf("下一步，将持续深化新时代文明实践，把第%d号活动方案中的各项举措落到实处，推动文明创建常态化长效化。", a.id),
	}
	if a.split {
		p = append(p, fmt.Sprintf("活动结束后，参与活动的%d名志愿者进行了交流座谈，大家纷纷表示将继续发挥示范带头作用。", a.id%40+10),
			"据了解，今年以来该县已累计开展各类志愿服务活动三百余场次，受益群众达两万余人次。")
	}
	return p
}

// paras is the text of page k of the article.
func (a hoArt) paras(k int) []string {
	switch {
	case !a.split:
		return a.body()
	case k == 1:
		return a.body()[:3]
	}
	return a.body()[3:]
}

// pagePath is page k of the article (ID_2.html).
func (s *hoSite) pagePath(a hoArt, k int) string {
	if k == 1 {
		return s.path(a)
	}
	return strings.TrimSuffix(s.path(a), ".html") + "_" + strconv.Itoa(k) + ".html"
}

// article is the article's page in its site's template.
func (w *hoWeb) article(s *hoSite, a hoArt, k int, dynamic bool) string {
	c := s.cols[a.col]
	var b strings.Builder
	paras := func(indent string) {
		for _, p := range a.paras(k) {
			fmt.Fprintf(&b, `<p>%s%s</p>`, indent, p)
		}
	}
	crumb := fmt.Sprintf(`<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="%s">%s</a> &gt; 正文</div>`, s.listPath(a.col, 1), c.name)
	title := a.title + "_" + s.name
	switch {
	case s.level == article.National:
		title = a.title + "--" + s.name
		b.WriteString(crumb)
		if a.col == 0 {
			fmt.Fprintf(&b, `<div class="article"><h1 class="title">%s</h1><div class="info"><span>发布时间：%s</span><span>来源：%s</span></div>`, a.title, a.date.Format("2006-01-02"), a.source)
		} else {
			// The source a link to it [assumed].
			fmt.Fprintf(&b, `<div class="article"><h1 class="title">%s</h1><div class="info"><span>发布时间：%s</span><span>来源：<a href="http://www.xinhuanet.com/" target="_blank">%s</a></span></div>`, a.title, a.date.Format("2006-01-02"), a.source)
		}
		b.WriteString(`<div class="TRS_Editor"><style type="text/css">.TRS_Editor P{margin-top:0;margin-bottom:12px;line-height:1.8;font-family:宋体;font-size:12pt;}</style>`)
		paras("")
		if a.col == 1 {
			// The editor typed into the text's last line [assumed].
			fmt.Fprintf(&b, `<p style="text-align:right">（责任编辑：%s）</p></div></div>`, a.editor)
		} else {
			fmt.Fprintf(&b, `</div><div class="editor">【责任编辑：%s】</div></div>`, a.editor)
		}
	case s.level == article.Province:
		b.WriteString(crumb)
		if a.col == 0 {
			fmt.Fprintf(&b, `<div class="con_title"><h2>%s</h2><p>发布时间：%s | 来源：%s | 作者：%s</p></div><div class="con_text"><div class="TRS_Editor">`, a.title, a.date.Format("2006-01-02"), a.source, a.author)
		} else {
			fmt.Fprintf(&b, `<div class="con_title"><h2>%s</h2><p>日期：%s　来源：%s　作者：%s</p></div><div class="con_text"><div class="TRS_Editor">`, a.title, a.date.Format("2006年01月02日"), a.source, a.author)
		}
		paras("　　")
		fmt.Fprintf(&b, `</div></div><div class="con_bj">编辑：%s</div>`, a.editor)
	case s.level == article.City:
		title = a.title + " - " + s.name
		b.WriteString(crumb)
		if a.col == 0 {
			fmt.Fprintf(&b, `<div class="xl_tit">%s</div><div class="xl_sj">时间：%s &nbsp;&nbsp;来源：%s &nbsp;&nbsp;作者：%s &nbsp;&nbsp;编辑：%s &nbsp;&nbsp;审核：吴刚</div><div class="xl_con">`,
				a.title, a.date.Format("2006-01-02 15:04"), a.source, a.author, a.editor)
			paras("")
		} else {
			fmt.Fprintf(&b, `<div class="xl_tit">%s</div><div class="xl_sj">[ 作者：%s ]&nbsp;&nbsp;[ 来源：%s ]&nbsp;&nbsp;[ 发布日期：%s ]</div><div class="xl_con">`,
				a.title, a.author, a.source, a.date.Format("2006-01-02 15:04"))
			paras("")
			fmt.Fprintf(&b, `<div class="bj">【责任编辑：%s】</div>`, a.editor)
		}
		b.WriteString(`</div><div class="xl_dy"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>`)
	case s.cms == "dede":
		fmt.Fprintf(&b, `<div class="place"><strong>当前位置:</strong> <a href='/'>主页</a> > <a href='%s'>%s</a> > </div>`, s.listPath(a.col, 1), c.name)
		fmt.Fprintf(&b, `<div class="nr"><div class="nr_tit"><h1>%s</h1></div><div class="nr_xx">来源：%s　作者：%s　发布时间：%s　点击数：<script src="/plus/count.php?view=yes&aid=%d&mid=1" type='text/javascript' language="javascript"></script></div><div class="nr_con">`,
			a.title, a.source, a.author, a.date.Format("2006-01-02 15:04"), a.id)
		paras("")
		if a.split {
			// DedeCMS's article pager, as {dede:pagebreak/} writes it: on
			// the static page ID_2.html, on view.php its pageno form.
			one, two := strconv.Itoa(a.id)+".html", strconv.Itoa(a.id)+"_2.html"
			if dynamic {
				one, two = fmt.Sprintf("view.php?aid=%d", a.id), fmt.Sprintf("view.php?aid=%d&pageno=2", a.id)
			}
			if k == 1 {
				fmt.Fprintf(&b, `<div class="dede_pages"><ul class="pagelist"><li><a>共2页: </a></li><li><a href='#'>上一页</a></li><li class="thisclass"><a href='#'>1</a></li><li><a href='%s'>2</a></li><li><a href='%s'>下一页</a></li></ul></div>`, two, two)
			} else {
				fmt.Fprintf(&b, `<div class="dede_pages"><ul class="pagelist"><li><a>共2页: </a></li><li><a href='%s'>上一页</a></li><li><a href='%s'>1</a></li><li class="thisclass"><a href='#'>2</a></li><li><a href='#'>下一页</a></li></ul></div>`, one, one)
			}
		}
		b.WriteString(`</div></div>`)
		// A ranking sidebar with counts of other articles [assumed]: none
		// is this article's, whose own count is unknown.
		b.WriteString(`<div class="phb"><h3>点击排行</h3><ul>`)
		for j := len(s.arts) - 1; j >= 0; j -= 9 {
			o := s.arts[j]
			fmt.Fprintf(&b, `<li><a href="%s">%s</a><em>点击：%d</em></li>`, s.path(o), o.title, 300+o.id*7)
		}
		b.WriteString(`</ul></div>`)
	case s.cms == "phpcms":
		title = a.title + " - " + c.name + " - " + s.name
		fmt.Fprintf(&b, `<div class="crumbs"><a href="/">首页</a><span> &gt; </span><a href="%s">%s</a> &gt;  正文</div>`, s.listPath(a.col, 1), c.name)
		fmt.Fprintf(&b, `<div class="main"><h1 class="bt">%s</h1><div class="info">发布日期：%d年%d月%d日 %s　来源：%s　浏览次数：<span id="hits">%s</span></div><div class="content">`,
			a.title, a.date.Year(), a.date.Month(), a.date.Day(), a.date.Format("15:04"), a.source, map[bool]string{true: "0"}[a.col == 1])
		paras("")
		fmt.Fprintf(&b, `</div><script language="JavaScript" src="/api.php?op=count&id=%d&modelid=1"></script></div>`, a.id)
	default:
		title = a.title + " - " + s.name
		// [!--newsnav--]: the column's parent too.
		fmt.Fprintf(&b, `<div class="weizhi">您当前的位置：<a href="/">首页</a>&nbsp;>&nbsp;<a href="/xwzx/">新闻中心</a>&nbsp;>&nbsp;<a href="%s">%s</a></div>`, s.listPath(a.col, 1), c.name)
		fmt.Fprintf(&b, `<div class="show"><div class="art-title">%s</div><div class="info">作者：%s&nbsp;&nbsp;来源：%s&nbsp;&nbsp;发布时间：%s&nbsp;&nbsp;阅读：<script src="/e/public/ViewClick/?classid=%d&id=%d&addclick=1"></script>次 <a href="http://wap.tgwm.gov.cn%s">手机版</a></div><div class="text">`,
			a.title, map[bool]string{true: `<a href="/e/search/result/?searchid=7">` + a.author + `</a>`, false: a.author}[a.col == 1], a.source, a.date.Format("2006-01-02 15:04:05"), c.id, a.id, s.path(a))
		paras("　　")
		if a.split {
			fmt.Fprintf(&b, `<div class="epages"><a title="Page">&nbsp;<b>%d</b>/<b>2</b>&nbsp;</a>&nbsp;&nbsp;`, k)
			for j := 1; j <= 2; j++ {
				if j == k {
					fmt.Fprintf(&b, `<b>%d</b>&nbsp;`, j)
				} else {
					fmt.Fprintf(&b, `<a href="%s">%d</a>&nbsp;`, s.pagePath(a, j), j)
				}
			}
			if k == 1 {
				fmt.Fprintf(&b, `<a href="%s">下一页</a>&nbsp;<a href="%s">尾页</a>`, s.pagePath(a, 2), s.pagePath(a, 2))
			}
			b.WriteString(`</div>`)
		}
		b.WriteString(`</div></div>`)
	}
	// Neighbours in the column (none on PHPCMS's government theme
	// [assumed]), and a sidebar linking the second URL form.
	col := s.newest(a.col)
	for j, o := range col {
		if o.id != a.id || s.cms == "phpcms" {
			continue
		}
		b.WriteString(`<div class="sxp">`)
		if j+1 < len(col) {
			fmt.Fprintf(&b, `<p>上一篇：<a href="%s">%s</a></p>`, s.path(col[j+1]), col[j+1].title)
		}
		if j > 0 {
			fmt.Fprintf(&b, `<p>下一篇：<a href="%s">%s</a></p>`, s.path(col[j-1]), col[j-1].title)
		}
		b.WriteString(`</div>`)
	}
	if s.dynamic(a) != "" {
		b.WriteString(`<div class="side"><h3>热门文章</h3><ul>`)
		for j := 0; j < len(s.arts); j += 7 {
			o := s.arts[j]
			fmt.Fprintf(&b, `<li><a href="%s">%s</a></li>`, s.dynamic(o), o.title)
		}
		b.WriteString(`</ul></div>`)
	}
	return w.frame(s, title, b.String())
}

// hoField tallies one field over the articles checked.
type hoField struct{ right, total int }

// hoFields tallies the fields of a held-out family's articles by name.
type hoFields map[string]*hoField

// tally returns what counts one field of one article, reporting it when
// it is wrong.
func (fs hoFields) tally(t *testing.T) func(name string, ok bool, u string, got, want any) {
	return func(name string, ok bool, u string, got, want any) {
		t.Helper()
		f := fs[name]
		if f == nil {
			f = &hoField{}
			fs[name] = f
		}
		f.total++
		if ok {
			f.right++
		} else {
			t.Errorf("%s: %s %v, want %v", u, name, got, want)
		}
	}
}

// String is the figures per field, by name: "archived 202/202, …".
func (fs hoFields) String() string {
	var line []string
	for _, k := range slices.Sorted(maps.Keys(fs)) {
		line = append(line, fmt.Sprintf("%s %d/%d", k, fs[k].right, fs[k].total))
	}
	return strings.Join(line, ", ")
}

// hoWant is what a record of a held-out family's article should hold
// beside its title and publish time, checked by checkRest.
type hoWant struct {
	column, source, author, editor string
	body                           []string
	lineage                        []string
	site                           string
	level                          article.Level
}

// checkRest tallies a record's column, source, author, editor, body
// (ideographic spaces aside), lineage and site against want.
func checkRest(tally func(string, bool, string, any, any), u string, got *article.Article, want hoWant) {
	tally("column", got.Column == want.column, u, got.Column, want.column)
	tally("source", got.Source == want.source, u, got.Source, want.source)
	tally("author", got.Author == want.author, u, got.Author, want.author)
	tally("editor", got.Editor == want.editor, u, got.Editor, want.editor)
	body := strings.Join(want.body, "\n")
	tally("body", strings.ReplaceAll(got.Body, "　", "") == body, u, got.Body, body)
	var lin []string
	for _, l := range got.Lineage {
		lin = append(lin, l.Host)
	}
	tally("lineage", slices.Equal(lin, want.lineage), u, lin, want.lineage)
	tally("site", got.Site == want.site && got.Level == want.level, u, got.Site+" "+string(got.Level), want.site+" "+string(want.level))
}

// requestShapes returns the requests h counted and their number per
// shape (digits as N), one "count shape" line each, sorted.
func requestShapes(h *hitCounter) (total int, shapes []string) {
	h.mu.Lock()
	by := map[string]int{}
	for k, n := range h.hits {
		total += n
		by[regexp.MustCompile(`\d+`).ReplaceAllString(k, "N")] += n
	}
	h.mu.Unlock()
	for k, n := range by {
		shapes = append(shapes, fmt.Sprintf("%d %s", n, k))
	}
	sort.Strings(shapes)
	return total, shapes
}

// aliasingStore is a sink over sink that remembers the aliases it is
// told of, and what the archive knows of a URL, under its aliases too,
// as the store does (an alias never becomes a record of its own; the
// URL whose record a preferred form took over is an alias of it).
func aliasingStore(sink *staticSink) (store Sink, known func(string) (Known, bool)) {
	var mu sync.Mutex
	aliases := map[string]string{} // alias → record
	store = func(a *article.Article) (Stored, error) {
		st, err := sink.store(a)
		if err == nil && st.Outcome == Aliased {
			mu.Lock()
			aliases[a.URL] = st.Record
			mu.Unlock()
		}
		return st, err
	}
	known = func(u string) (Known, bool) {
		mu.Lock()
		if r, ok := aliases[u]; ok {
			u = r
		}
		mu.Unlock()
		sink.mu.Lock()
		for i := 0; i < 4 && sink.taken[u] != ""; i++ {
			u = sink.taken[u]
		}
		sink.mu.Unlock()
		return knownIn(sink)(u)
	}
	return store, known
}

// hoCounted is what a held-out family's servers count of counter reads.
type hoCounted struct {
	mu      *sync.Mutex
	counted map[string]int // site#id → counter reads
}

// checkCrawl checks, beside the articles' fields, what every held-out
// family's crawl must show: only the articles at urls archived, the sites
// found per level as want, each counter read at most once and at most
// 4 requests an article and 200 more; and logs the requests by shape and
// the figures of the family named family.
func checkCrawl(t *testing.T, family string, sink *staticSink, urls []string, sum Summary, want map[article.Level]int, counters hoCounted, hits *hitCounter, fields hoFields) {
	t.Helper()
	sink.wantOnly(t, urls)
	if len(sum.Errors) > 0 {
		t.Logf("errors %v (samples %v)", sum.Errors, sum.ErrorSamples)
	}
	for lv, n := range want {
		if sum.Sites[lv] != n {
			t.Errorf("%d sites of level %s found, want %d (unanswered %v)", sum.Sites[lv], lv, n, sum.Unanswered)
		}
	}
	counters.mu.Lock()
	for k, n := range counters.counted {
		if n > 1 {
			t.Errorf("counter %s read %d times", k, n)
		}
	}
	counters.mu.Unlock()
	total, shapes := requestShapes(hits)
	t.Logf("requests by shape:\n%s", strings.Join(shapes, "\n"))
	arts := len(urls)
	if limit := 4*arts + 200; total > limit {
		t.Errorf("%d requests, want at most %d", total, limit)
	}
	t.Logf("%s: %d articles, %d records, %d requests (%d at the sites), sites %v, stopped %v, aliased %d\nper field: %s",
		family, arts, sink.count(), sum.Requests, total, sum.Sites, sum.Stopped, sum.ArticlesAliased, fields)
}

// TestHeldOutHierarchy crawls hoWeb from the national site and checks,
// field by field, what a user of the archive expects: every site found in
// its place, every article archived once under the URL its lists link,
// with its title (no site suffix), publish time, view count (none where
// the page shows none or robots.txt forbids the counter), column, source,
// author, editor and lineage; each counter read once; a bounded crawl.
func TestHeldOutHierarchy(t *testing.T) {
	web := newHoWeb(0)
	sink := &staticSink{}
	_, sum := crawlWeb(t, web, Options{Workers: 4, PerHost: 1, Retries: 3, FetchCounters: true,
		Seeds: []SiteSpec{{URL: "http://www.wenming.cn/", Name: "中国文明网", Level: article.National}}}, sink.store)

	fields := hoFields{}
	tally := fields.tally(t)
	var urls []string
	for _, s := range web.order {
		for _, a := range s.arts {
			u := mustCanon("http://" + s.host + s.path(a))
			urls = append(urls, u)
			got := sink.get(u)
			tally("archived", got != nil, u, "none", "a record")
			if got == nil {
				continue
			}
			tally("title", got.Title == a.title, u, got.Title, a.title)
			want := a.date.Truncate(time.Minute)
			if s.level == article.National || s.level == article.Province {
				y, m, d := a.date.Date()
				want = time.Date(y, m, d, 0, 0, 0, 0, hoCST)
			}
			tally("published", got.Published.Equal(want), u, got.Published, want)
			wantViews := "none"
			if a.views >= 0 {
				wantViews = strconv.Itoa(a.views)
				if s.cms == "empire" {
					wantViews = strconv.Itoa(a.views + 1) // shown after the visit it adds
				}
			}
			tally("views", viewsText(got.Views) == wantViews, u, viewsText(got.Views), wantViews)
			checkRest(tally, u, got, hoWant{column: s.cols[a.col].name, source: a.source, author: a.author, editor: a.editor,
				body: a.body(), lineage: web.lineage(s), site: s.host, level: s.level})
		}
	}
	web.hits.mu.Lock()
	// Each homepage is read once, the bare domain redirecting to www.
	// included: a move is no failure to try again.
	for _, h := range []string{"www.wenming.cn/", "sx.wenming.cn/", "jz.wenming.cn/", "www.pywmw.gov.cn/", "www.qxwmw.gov.cn/", "tgwm.gov.cn/", "www.tgwm.gov.cn/"} {
		if n := web.hits.hits[h]; n != 1 {
			t.Errorf("homepage %s requested %d times, want once", h, n)
		}
	}
	web.hits.mu.Unlock()
	checkCrawl(t, "held-out hierarchy", sink, urls, sum, map[article.Level]int{article.National: 1, article.Province: 1, article.City: 1, article.County: 3},
		hoCounted{&web.mu, web.counted}, &web.hits, fields)
}

// TestHeldOutLaterCrawl crawls hoWeb twice with one crawl state and
// archive, as a scheduled crawl does: between the crawls every site
// published unpublished more articles. The later crawl, told what the
// archive holds, archives each new article once (on the EmpireCMS and
// PHPCMS counties past list pages showing a box of archived articles
// beside the new rows), reads each new article's counter once, and asks
// far fewer pages than the first.
func TestHeldOutLaterCrawl(t *testing.T) {
	const unpublished = 12 // six a column: more than a list page
	state, sink := t.TempDir(), &staticSink{}
	store, known := aliasingStore(sink)
	opts := Options{Workers: 4, PerHost: 1, Retries: 3, FetchCounters: true, Known: known, Overlap: 5,
		Seeds: []SiteSpec{{URL: "http://www.wenming.cn/", Name: "中国文明网", Level: article.National}}}
	var requests [2]int64
	var later *hoWeb
	for run, held := range []int{unpublished, 0} {
		later = newHoWeb(held)
		srv := httptest.NewServer(later)
		opts.PassStart = time.Now()
		_, sum := runInState(t, srv.URL, state, opts, store)
		srv.Close()
		requests[run] = sum.Requests
		t.Logf("run %d: %d requests, %d new, paging stopped %d, known skipped %d", run+1, sum.Requests, sum.ArticlesNew, sum.PagingStopped, sum.KnownSkipped)
	}
	var missing []string
	n := 0
	for _, s := range later.order {
		for _, a := range s.arts[len(s.arts)-unpublished:] {
			n++
			u := mustCanon("http://" + s.host + s.path(a))
			if sink.get(u) == nil {
				missing = append(missing, u)
			}
			if k := s.host + "#" + strconv.Itoa(a.id); a.views >= 0 && later.counted[k] != 1 {
				t.Errorf("%s: counter read %d times by the later crawl, want once", u, later.counted[k])
			}
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d of the %d new articles not archived by the later crawl: %v", len(missing), n, missing)
	}
	// The later crawl reads the lists' first pages, each numbered pager's
	// pages (queued from the first page, whose rows are new), the new
	// articles and the second URLs the sidebars now show.
	if requests[1]*3 > requests[0]*2 {
		t.Errorf("the later crawl asked %d requests, the first %d: want at most two thirds", requests[1], requests[0])
	}
}
