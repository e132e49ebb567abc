package sitesim

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Traps: infinite link spaces that real sites have [inferred: the standard
// crawler-trap list]. Each answers 200 forever and links onward; none links
// an article that is not linked elsewhere, so a trap yields nothing new.
//
//	calendar      hbzd.wenming.cn   /hdrl/?month=YYYY-MM     活动日历, previous/next month
//	date-archive  sxhx.wenming.cn   /wmrl/?y=YYYY&m=M        文明日历 archive, ±month, ±year
//	pager         www.smwm.gov.cn   portal.php?mod=list&catid=C&page=N, N past the last page
//	search        www.jlwmw.gov.cn  index.php?m=search&c=index&a=init&typeid=1&q=KW&page=N
//	session-id    www.ngwm.gov.cn   any URL with sid=… (links carry the session id)
//	soft-404      www.qhwmw.gov.cn  /news/…/news/news/… (unknown paths under /news/ answer 200)

// Trap is one infinite link space of the simulation.
type Trap struct {
	Name    string // calendar, date-archive, pager, search, session-id, soft-404
	Host    string
	Pattern string // the URL shape of its pages
}

// Key is how TrapRequests names the trap: Name@Host.
func (t Trap) Key() string { return t.Name + "@" + t.Host }

// The optional behaviours, each on the sites that carry it.
const (
	featCalendar     = "calendar"
	featDateArchive  = "date-archive"
	featClampPager   = "pager"
	featSearch       = "search"
	featSessionID    = "session-id"
	featSoft404      = "soft-404"
	featSitemapIndex = "sitemap-index" // robots.txt Sitemap: line, index + child sitemaps
	featSitemap      = "sitemap"       // /sitemap.xml, not named in robots.txt
	featRateLimit    = "rate-limit"    // 429 + Retry-After
	featFlaky        = "flaky"         // one page: 503 three times, then 200
	featBurst        = "burst"         // a burst of 5xx
)

// trapTable lists the traps in a fixed order.
var trapTable = []Trap{
	{featCalendar, "hbzd.wenming.cn", "http://hbzd.wenming.cn/hdrl/?month=YYYY-MM"},
	{featDateArchive, "sxhx.wenming.cn", "http://sxhx.wenming.cn/wmrl/?y=YYYY&m=M"},
	{featClampPager, "www.smwm.gov.cn", "http://www.smwm.gov.cn/portal.php?mod=list&catid=C&page=N (N past the last page)"},
	{featSearch, "www.jlwmw.gov.cn", "http://www.jlwmw.gov.cn/index.php?m=search&c=index&a=init&typeid=1&q=KW&page=N"},
	{featSessionID, "www.ngwm.gov.cn", "http://www.ngwm.gov.cn/…?…&sid=XXXXXX"},
	{featSoft404, "www.qhwmw.gov.cn", "http://www.qhwmw.gov.cn/news/…news/news/ (any unknown path under /news/)"},
}

// features lists the optional behaviours per host.
var features = map[string][]string{
	"hbzd.wenming.cn":  {featCalendar},
	"sxhx.wenming.cn":  {featDateArchive},
	"www.smwm.gov.cn":  {featClampPager},
	"www.jlwmw.gov.cn": {featSearch},
	"www.ngwm.gov.cn":  {featSessionID},
	"www.qhwmw.gov.cn": {featSoft404},
	"hb.wenming.cn":    {featSitemapIndex},
	"sxfg.wenming.cn":  {featSitemap},
	"sn.wenming.cn":    {featRateLimit},
	"xa.wenming.cn":    {featFlaky},
	"www.ltwmw.gov.cn": {featBurst},
}

func (s *site) has(f string) bool {
	return slices.Contains(s.feats, f)
}

// Traps lists the infinite link spaces of the simulation: the fixed
// table's, then those of the generated sites (wide.go), which carry their
// template's.
func (sim *Sim) Traps() []Trap {
	out := append([]Trap(nil), trapTable...)
	if s := sim.byHost[extraHosts[ExtraSortViews]]; s != nil && s.has(ExtraSortViews) {
		out = append(out, Trap{trapSort, s.Host, "http://" + s.Host + "/e/action/ListInfo/?classid=C&ph=1&orderby=O&myorder=M&page=K"})
	}
	for _, s := range sim.sites {
		if s.template == "" {
			continue
		}
		for _, t := range trapTable {
			if t.Host == s.template {
				out = append(out, Trap{t.Name, s.Host, strings.ReplaceAll(t.Pattern, t.Host, s.Host)})
			}
		}
	}
	return out
}

// TrapRequests counts the requests each trap answered so far, keyed by
// Trap.Key (name@host); every trap is present. A trap request is one that
// a crawler did not need: a calendar or archive page, a list page past
// the last, a search page, a URL carrying a session id, a soft-404 page.
func (sim *Sim) TrapRequests() map[string]int {
	sim.sig.Lock()
	defer sim.sig.Unlock()
	out := map[string]int{}
	for _, t := range sim.Traps() {
		out[t.Key()] = sim.trapReqs[t.Key()]
	}
	return out
}

// monthParam reads "YYYY-MM"; anything else is the current month.
func (sim *Sim) monthParam(v string) time.Time {
	if t, err := time.ParseInLocation("2006-01", v, china); err == nil {
		return t
	}
	now := sim.pageNow()
	return time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, china)
}

var calendarActs = []string{"新时代文明实践志愿服务进社区", "“我们的节日”主题活动", "文明交通劝导", "道德讲堂", "关爱空巢老人志愿服务", "垃圾分类宣传", "学雷锋志愿服务", "文明家庭评选", "全民阅读分享会", "移风易俗宣讲"}

// trsCalendar is the 活动日历 of a TRS county site: one month, its
// activities by day (text only), links to the previous and next month.
// Any month answers.
func (sim *Sim) trsCalendar(s *site, r *http.Request) resp {
	m := sim.monthParam(r.URL.Query().Get("month"))
	prev, next := m.AddDate(0, -1, 0), m.AddDate(0, 1, 0)
	var b strings.Builder
	fmt.Fprintf(&b, "<div class=\"w1000\">\n<div class=\"title\">当前位置：<a href=\"../\" class=\"CurrChnlCls\">首页</a> > <a href=\"./\" class=\"CurrChnlCls\">活动日历</a></div>\n")
	fmt.Fprintf(&b, "<div class=\"calendar\"><div class=\"cal_head\"><a href=\"?month=%s\" class=\"prev\">&lt; 上个月</a><span>%d年%d月</span><a href=\"?month=%s\" class=\"next\">下个月 &gt;</a></div>\n<table class=\"cal\"><tr>", prev.Format("2006-01"), m.Year(), m.Month(), next.Format("2006-01"))
	for _, w := range weekdays {
		fmt.Fprintf(&b, "<th>%s</th>", w)
	}
	b.WriteString("</tr>\n<tr>")
	for k := 0; k < int(m.Weekday()); k++ {
		b.WriteString("<td></td>")
	}
	for d := m; d.Month() == m.Month(); d = d.AddDate(0, 0, 1) {
		if d.Weekday() == time.Sunday && d.Day() > 1 {
			b.WriteString("</tr>\n<tr>")
		}
		h := mix(uint64(sim.opts.Seed), uint64(s.idx), uint64(d.Unix()), 0xCA1)
		if h%4 == 0 {
			fmt.Fprintf(&b, "<td class=\"has\"><em>%d</em><p>%s %s</p></td>", d.Day(), esc(s.places[h>>8%uint64(len(s.places))]), esc(calendarActs[h>>16%uint64(len(calendarActs))]))
		} else {
			fmt.Fprintf(&b, "<td><em>%d</em></td>", d.Day())
		}
	}
	b.WriteString("</tr></table></div>\n</div>\n")
	out := sim.dynamicPage(trsCMS{}, s, pageHead{title: "活动日历" + s.titleSep + s.Name}, b.String())
	out.trap = featCalendar
	return out
}

// trsDateArchive is the 文明日历 archive ?y=&m=: the site's articles of one
// month (at most 30, newest first), links to ±1 month and ±1 year. Any
// year and month answer; nonsense means the current month.
func (sim *Sim) trsDateArchive(s *site, r *http.Request) resp {
	q := r.URL.Query()
	y, yerr := strconv.Atoi(q.Get("y"))
	mo, merr := strconv.Atoi(q.Get("m"))
	var m time.Time
	if yerr != nil || merr != nil || y < 1 || y > 9999 || mo < 1 || mo > 12 {
		m = sim.monthParam("")
	} else {
		m = time.Date(y, time.Month(mo), 1, 0, 0, 0, 0, china)
	}
	link := func(t time.Time) string { return fmt.Sprintf("?y=%d&amp;m=%d", t.Year(), t.Month()) }
	var b strings.Builder
	fmt.Fprintf(&b, "<div class=\"w1000\">\n<div class=\"title\">当前位置：<a href=\"../\" class=\"CurrChnlCls\">首页</a> > <a href=\"./\" class=\"CurrChnlCls\">文明日历</a></div>\n")
	fmt.Fprintf(&b, "<div class=\"rl_nav\"><a href=\"%s\">上一年</a> <a href=\"%s\">上一月</a> <strong>%d年%d月</strong> <a href=\"%s\">下一月</a> <a href=\"%s\">下一年</a></div>\n<ul class=\"rl_list\">\n",
		link(m.AddDate(-1, 0, 0)), link(m.AddDate(0, -1, 0)), m.Year(), m.Month(), link(m.AddDate(0, 1, 0)), link(m.AddDate(1, 0, 0)))
	end := m.AddDate(0, 1, 0)
	n := s.count()
	hi := sort.Search(n, func(j int) bool { return !sim.published(s.at(j)).Before(end) })
	shown := 0
	for j := hi - 1; j >= 0 && shown < 30; j-- {
		a := s.at(j)
		t := sim.published(a)
		if t.Before(m) {
			break
		}
		fmt.Fprintf(&b, "<li><a href=\"%s\" target=\"_blank\">%s</a><span>%s</span></li>\n", sim.trsURL(a), esc(sim.title(a)), t.Format("2006-01-02"))
		shown++
	}
	if shown == 0 {
		b.WriteString("<li>本月暂无信息</li>\n")
	}
	b.WriteString("</ul>\n</div>\n")
	title := fmt.Sprintf("%d年%d月%s%s", m.Year(), m.Month(), s.titleSep, s.Name)
	out := sim.dynamicPage(trsCMS{}, s, pageHead{title: title}, b.String())
	out.trap = featDateArchive
	return out
}

// trsTrapLinks is the homepage box that links a TRS site's calendar or
// archive.
func (sim *Sim) trsTrapLinks(s *site) string {
	switch {
	case s.has(featCalendar):
		return "<div class=\"side_box hdrl\"><div class=\"side_tit\"><h3><a href=\"./hdrl/\">活动日历</a></h3></div></div>\n"
	case s.has(featDateArchive):
		now := sim.pageNow()
		return fmt.Sprintf("<div class=\"side_box wmrl\"><div class=\"side_tit\"><h3><a href=\"./wmrl/?y=%d&amp;m=%d\">文明日历</a></h3></div></div>\n", now.Year(), now.Month())
	}
	return ""
}

// phpcmsSearchWords are the 热门搜索 keywords of a PHPCMS site.
var phpcmsSearchWords = []string{"志愿服务", "文明实践", "好人", "文明城市", "道德模范"}

// phpcmsHotSearch is the 热门搜索 box linking on-site search.
func phpcmsHotSearch(s *site) string {
	if !s.has(featSearch) {
		return ""
	}
	var b strings.Builder
	b.WriteString("<div class=\"box\">\n<h5 class=\"title-2\">热门搜索</h5>\n<div class=\"content\">")
	for _, w := range phpcmsSearchWords {
		fmt.Fprintf(&b, "<a href=\"%s\">%s</a> ", esc(phpcmsSearchURL(s, w, 1)), esc(w))
	}
	b.WriteString("</div>\n</div>\n")
	return b.String()
}

func phpcmsSearchURL(s *site, q string, page int) string {
	u := fmt.Sprintf("http://%s/index.php?m=search&c=index&a=init&typeid=1&q=%s", s.Host, url.QueryEscape(q))
	if page > 1 {
		u += "&page=" + strconv.Itoa(page)
	}
	return u
}

// phpcmsSearch answers on-site search: ten results per page drawn from the
// site's articles, a pager whose 下一页 always links the next page (the
// engine's count is an estimate), and 相关搜索 links to longer queries.
func (sim *Sim) phpcmsSearch(s *site, q map[string][]string) resp {
	kw := ""
	if v := q["q"]; len(v) > 0 {
		kw = v[0]
	}
	page := 1
	if v := q["page"]; len(v) > 0 {
		if p, err := strconv.Atoi(v[0]); err == nil && p > 1 {
			page = p
		}
	}
	h := mix(uint64(sim.opts.Seed), uint64(len(kw)), uint64(page))
	for _, c := range kw {
		h = mix(h, uint64(c))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<div class=\"main\">\n<div class=\"crumbs\"><a href=\"http://%s\">首页</a><span> &gt; </span>搜索</div>\n<div class=\"col-left\">\n<div class=\"point\">搜索“<span class=\"red\">%s</span>”，找到相关结果约%d条</div>\n<ul class=\"wrap sech\">\n",
		s.Host, esc(kw), 200+int(h%800))
	for _, a := range sim.scattered(s, h, 10) {
		fmt.Fprintf(&b, "<li><h5><a href=\"%s\" target=\"_blank\">%s</a></h5><p>%s</p><div class=\"adds\">发布时间：%s</div></li>\n",
			sim.phpcmsURL(a), esc(sim.title(a)), esc(truncRunes(sim.content(a).summary, 60)), sim.published(a).Format("2006-01-02"))
	}
	b.WriteString("</ul>\n<div id=\"pages\" class=\"text-c\">")
	if page > 1 {
		fmt.Fprintf(&b, "<a href=\"%s\" class=\"a1\">上一页</a>", esc(phpcmsSearchURL(s, kw, page-1)))
	}
	b.WriteString(pageNumbers(max(1, page-2), page+2, page, func(k int) string { return esc(phpcmsSearchURL(s, kw, k)) }, " <span>{text}</span>", " <a href=\"{href}\">{text}</a>"))
	fmt.Fprintf(&b, " <a href=\"%s\" class=\"a1\">下一页</a></div>\n<div class=\"related\"><h5>相关搜索</h5>", esc(phpcmsSearchURL(s, kw, page+1)))
	for k := 0; k < 3; k++ {
		w := phpcmsSearchWords[(int(h>>(8*k))%len(phpcmsSearchWords)+len(phpcmsSearchWords))%len(phpcmsSearchWords)]
		fmt.Fprintf(&b, "<a href=\"%s\">%s</a> ", esc(phpcmsSearchURL(s, kw+" "+w, 1)), esc(kw+" "+w))
	}
	b.WriteString("</div>\n</div>\n</div>\n")
	out := sim.dynamicPage(phpCMS{}, s, pageHead{title: kw + " - 搜索结果 - " + s.Name, desc: kw}, b.String())
	out.trap = featSearch
	return out
}

// Discuz! session ids: with transsid on, a visitor without the session
// cookie gets a new session, and the output filter adds &sid=… to every
// portal.php link of the page.
var discuzPortalHrefRe = regexp.MustCompile(`href="(portal\.php\?[^"#]*)`)

// discuzSid is the session of a request: its cookie, else the sid in its
// URL (transsid), else a new one.
func (sim *Sim) discuzSid(s *site, r *http.Request) string {
	if c, err := r.Cookie(strings.Split(s.Host, ".")[1] + "_2132_sid"); err == nil && c.Value != "" {
		return c.Value
	}
	if v := r.URL.Query().Get("sid"); v != "" {
		return v
	}
	n := sim.sidSeq.Add(1)
	const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	h := mix(uint64(sim.opts.Seed), uint64(s.idx), uint64(n), 0x51D)
	var b [6]byte
	for i := range b {
		b[i] = letters[h%uint64(len(letters))]
		h /= uint64(len(letters))
	}
	return string(b[:])
}

// withSid adds the session id to the page's portal.php links and cookie.
func (sim *Sim) withSid(s *site, r *http.Request, out resp) resp {
	if !strings.HasPrefix(out.ctype, "text/html") || out.status != http.StatusOK {
		return out
	}
	sid := sim.discuzSid(s, r)
	out.body = discuzPortalHrefRe.ReplaceAllString(out.body, `href="${1}&amp;sid=`+sid)
	h := map[string]string{}
	for k, v := range out.header {
		h[k] = v
	}
	h["Set-Cookie"] = fmt.Sprintf("%s_2132_sid=%s; path=/; HttpOnly", strings.Split(s.Host, ".")[1], sid)
	out.header = h
	if r.URL.Query().Has("sid") {
		out.trap = featSessionID
	}
	return out
}

// empireNewsLink is the 新闻动态 box of the pages of the /news/ channel and
// the homepage. Its template writes the link relative ("news/"): right on
// the homepage, one level deeper on every page below /news/, which the
// server's soft 404 answers with 200.
func empireNewsLink(s *site, from string) string {
	if !s.has(featSoft404) || (from != "/" && !strings.HasPrefix(from, "/news/")) {
		return ""
	}
	return "<div class=\"side_box\"><h3><a href=\"news/\">新闻动态</a></h3></div>\n"
}

// empireSoft404 is the error page the server shows for unknown paths under
// /news/, with status 200.
func (sim *Sim) empireSoft404(s *site, p string) resp {
	body := "<div class=\"position\">当前位置：<a href=\"/\">首页</a>&nbsp;>&nbsp;新闻动态</div>\n<div class=\"about\"><p>对不起，您要访问的页面不存在或已被删除。</p><p><a href=\"/\">返回首页</a></p></div>\n" +
		empireNewsLink(s, p)
	out := sim.dynamicPage(empireCMS{}, s, pageHead{title: "页面不存在" + titleSep(empireCMS{}, s) + s.Name}, body)
	out.trap = featSoft404
	return out
}
