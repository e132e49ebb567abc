package sitesim

import (
	"cmp"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Extras: facts of shared/research/sites.md that the default simulation
// leaves out, so that the figures measured on it (the demo's, the
// benchmarks', the golden walk's) stay what they were. Options.Extras
// switches each on by name, on the fixed site the table below gives it
// (generated sites never carry them); they are as unpleasant as the real
// sites, never shaped for a crawler.
//
//	twin-domain  hb.wenming.cn    the province answers as www.hbjswm.gov.cn
//	                              too (one server, both names, no redirect:
//	                              a 2021 crawler config names hb.wenming.cn,
//	                              a 2020s page links www.hbjswm.gov.cn [seen]);
//	                              the pages of the sites below it link the
//	                              province by the new name — their upward
//	                              strips, their 友情链接 lists and the
//	                              中国文明网联盟 tab of their tab boxes —
//	                              while the national site and the province's
//	                              own pages keep the old one. Truth.Aliases
//	                              holds each article's URL under the new name.
//	false-gzip   www.lxwmw.gov.cn every page (homepage, lists, articles, the
//	                              about pages; not robots.txt, the counter or
//	                              the 404 page) goes out with
//	                              Content-Encoding: gzip while its bytes are
//	                              the plain page, asked for gzip or not (a
//	                              front that decompresses and keeps the
//	                              header; sites.md: "Content-Encoding: gzip
//	                              on already-decompressed bodies")
//	waf-503      www.smwm.gov.cn  a WAF in front of the county: every 25th
//	                              request to the host answers 503 with
//	                              Retry-After as an HTTP date 2–3 s ahead
//	                              (by the wall clock, as a real server's);
//	                              a request before that date gets 503 again
//	                              and is recorded as a RetryViolation, as on
//	                              the 429 host (signals.go). A server
//	                              signal: Options.Calm switches it off.
//	dead-site    www.wxwmw.gov.cn 威县文明网, a county of 邢台 listed in the
//	                              县级市和县网站 tabs of 邢台文明网 and of 中国文明网
//	                              (the 2016 list warns "some may have changed
//	                              since"), is dead the unpleasant way: its
//	                              host takes every request and never answers
//	                              (a server that accepts and hangs), until the
//	                              client gives up or deadHold passes, then
//	                              504 as a proxy would. It is no site of
//	                              Sites(); DeadSites lists it.
//	rare-chars   www.lxwmw.gov.cn the GB2312-labelled county (GBK bytes)
//	                              writes its pages in GB18030: a third of its
//	                              articles quote a volunteer whose name has a
//	                              character outside GBK (𬀩, 𬌗, 𫖮, 𬍛:
//	                              four bytes in GB18030), as the rare names
//	                              in GB2312-labelled pages of cwced [seen]
//	sort-views   www.qhwmw.gov.cn EmpireCMS's dynamic list,
//	                              /e/action/ListInfo/?classid=C&ph=1&
//	                              orderby=O&myorder=M&page=K, sorted by time,
//	                              clicks or comments, either way, 0-based
//	                              pages: every list page of the site links the
//	                              six sorts of its column (排序), every sorted
//	                              page its pager and the six sorts again; a
//	                              page past the end answers an empty list.
//	                              Six copies of every list, nothing new on
//	                              them: a trap (Trap "sort", TrapRequests)
//	relocated    sxzz.wenming.cn  周至 (TRS, its <meta> saying gb2312 over
//	                              UTF-8 bytes) leaves the platform for a
//	                              domain of its own, www.zzwmw.gov.cn,
//	                              relocateAfter after the initial Now: from
//	                              then on the 县级市和县网站 tabs of its parents
//	                              (西安, 陕西) and of the national site link the
//	                              new name, while the old name goes on
//	                              answering the same site, with no redirect
//	                              either way (one server bound to both names,
//	                              the old one never switched off); the site's
//	                              own pages keep the absolute links their
//	                              templates were written with (the old name).
//	                              A crawl before the move meets the old name
//	                              only, a crawl after it meets the new one in
//	                              the link blocks. The new name answers from
//	                              the start (registered before it was
//	                              announced). Truth.Aliases holds each
//	                              article's URL under the new name.
//	mobile-host  www.ltwmw.gov.cn 蓝田 (VSB) serves a mobile edition on a
//	                              host of its own, m.ltwmw.gov.cn, at the
//	                              desktop paths (mobilehost.go): a lighter
//	                              template (title, date without its time,
//	                              body; no column strip, view count or
//	                              source), linked as 手机版 from the desktop
//	                              homepage and articles, 电脑版 back; its
//	                              homepage lists the newest articles
//	                              (sites.md: "mobile mirrors (/m/, wap.
//	                              hosts)"). Truth.Aliases holds each
//	                              article's mobile URL.
//	gzip-files   www.ltwmw.gov.cn 蓝田 offers data releases as gzip files
//	                              (gzipfiles.go): a fifth of its articles
//	                              and its oldest list one under the body,
//	                              through VSB's download.jsp (no file type
//	                              in the URL), served application/x-gzip;
//	                              the oldest's is a bomb (2 MiB inflating to
//	                              2 GiB) labelled Content-Encoding: gzip too
//	                              (sites.md: "gzip files served as
//	                              application/x-gzip … cap decoded size").
//	                              GzipFiles lists their URLs.
//	wechat-repost www.jlwmw.gov.cn 巨鹿 (PHPCMS) reposts its 公众号's
//	                              articles (wechat.go): a third of its
//	                              articles, the account as 来源, the body
//	                              the HTML copied from mp.weixin.qq.com
//	                              (#js_content hidden by visibility:hidden,
//	                              <section> nesting, data-src images, the
//	                              account's 原创 header), or the lead and a
//	                              link, or the lead and an iframe, to
//	                              mp.weixin.qq.com. Truth.RepostOf names
//	                              the original.
const (
	ExtraTwinDomain = "twin-domain"
	ExtraFalseGzip  = "false-gzip"
	ExtraWAF503     = "waf-503"
	ExtraDeadSite   = "dead-site"
	ExtraRareChars  = "rare-chars"
	ExtraSortViews  = "sort-views"
	ExtraRelocated  = "relocated"
	ExtraMobileHost = "mobile-host"
	ExtraGzipFiles  = "gzip-files"
	ExtraWeChat     = "wechat-repost"
)

// extraHosts gives each extra the fixed site that carries it.
var extraHosts = map[string]string{
	ExtraTwinDomain: "hb.wenming.cn",
	ExtraFalseGzip:  "www.lxwmw.gov.cn",
	ExtraWAF503:     "www.smwm.gov.cn",
	ExtraDeadSite:   "xt.wenming.cn", // the parent that lists it
	ExtraRareChars:  "www.lxwmw.gov.cn",
	ExtraSortViews:  "www.qhwmw.gov.cn",
	ExtraRelocated:  "sxzz.wenming.cn",
	ExtraMobileHost: "www.ltwmw.gov.cn",
	ExtraGzipFiles:  "www.ltwmw.gov.cn",
	ExtraWeChat:     "www.jlwmw.gov.cn",
}

// relocations is the new host name of the site relocated gives one, and
// relocateAfter when (after the initial Now) its parents start linking it.
var relocations = map[string]string{"sxzz.wenming.cn": "www.zzwmw.gov.cn"}

const relocateAfter = 3 * 24 * time.Hour

// relocEpoch is 1 once any site of the hierarchy has moved, else 0: the
// memo key of the link blocks that name it.
func (sim *Sim) relocEpoch() uint64 {
	if sim.moves && !sim.pageNow().Before(sim.now.Add(relocateAfter)) {
		return 1
	}
	return 0
}

// linkedHome is the homepage URL other sites' link blocks give site k in
// epoch (relocEpoch): its new name once it has relocated.
func (sim *Sim) linkedHome(k int, epoch uint64) string {
	if t := sim.sites[k]; t.moved != "" && epoch == 1 {
		return "http://" + t.moved + "/"
	}
	return sim.sites[k].Home
}

// The sort-views trap: its name in TrapRequests, and the sorts a list
// offers (EmpireCMS ListInfo's orderby and myorder).
const trapSort = "sort"

var empireSorts = []struct{ by, name string }{{"newstime", "时间"}, {"onclick", "点击"}, {"plnum", "评论"}}

// empireSortURL is page k (0-based) of column c sorted by by, descending
// when desc.
func empireSortURL(c column, by string, desc bool, k int) string {
	u := fmt.Sprintf("/e/action/ListInfo/?classid=%d&ph=1&orderby=%s&myorder=%d", c.id, by, map[bool]int{false: 0, true: 1}[desc])
	if k > 0 {
		u += "&page=" + strconv.Itoa(k)
	}
	return u
}

// empireSortBar is the 排序 bar of a list page of column c.
func empireSortBar(s *site, c column) string {
	if !s.has(ExtraSortViews) {
		return ""
	}
	var b strings.Builder
	b.WriteString("<div class=\"sort\">排序：")
	for _, o := range empireSorts {
		for _, desc := range []bool{true, false} {
			fmt.Fprintf(&b, "<a href=\"%s\">按%s%s</a> ", esc(empireSortURL(c, o.by, desc, 0)), o.name, map[bool]string{true: "↓", false: "↑"}[desc])
		}
	}
	b.WriteString("</div>\n")
	return b.String()
}

// empireSorted answers ListInfo: the column's articles in the sort asked
// for (time: newest or oldest first; clicks and comments: an order drawn
// from the seed, the same for every request), a page of them, the pager
// within the pages there are, and the sort bar.
func (sim *Sim) empireSorted(s *site, r *http.Request) resp {
	q := r.URL.Query()
	c := -1
	for k, col := range s.cols {
		if strconv.Itoa(col.id) == q.Get("classid") {
			c = k
		}
	}
	if c < 0 {
		return notFound()
	}
	col := s.cols[c]
	by, desc := q.Get("orderby"), q.Get("myorder") != "0"
	page, _ := strconv.Atoi(q.Get("page"))
	page = max(page, 0)
	n := s.colCount(c)
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	if by == "newstime" || by == "" {
		if desc {
			slices.Reverse(idx)
		}
	} else {
		key := func(i int) uint64 { return mix(uint64(sim.opts.Seed), uint64(s.idx), uint64(len(by)), uint64(i)) }
		slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(key(a), key(b)) })
		if !desc {
			slices.Reverse(idx)
		}
	}
	per := empireCMS{}.facts().perPage
	pages := max(1, (n+per-1)/per)
	var b strings.Builder
	b.WriteString(sim.empireCrumb(s, c) + "<div class=\"listbox fl\">" + empireSortBar(s, col) + "<ul>\n")
	for k := page * per; k < min(n, (page+1)*per); k++ {
		a, _ := s.inCol(c, idx[k])
		fmt.Fprintf(&b, "<li><span>%s</span><a href=\"%s\" target=\"_blank\" title=\"%s\">%s</a></li>\n", sim.published(a).Format("2006-01-02"), sim.empirePath(a), esc(sim.title(a)), esc(truncRunes(sim.title(a), 30)))
	}
	fmt.Fprintf(&b, "</ul>\n<div class=\"epages\"><a title=\"Total record\">&nbsp;<b>%d</b> </a>&nbsp;&nbsp;", n)
	b.WriteString(pageNumbers(1, pages, page+1, func(k int) string { return esc(empireSortURL(col, by, desc, k-1)) }, "<b>{text}</b>&nbsp;", "<a href=\"{href}\">{text}</a>&nbsp;"))
	b.WriteString("</div></div>\n")
	out := sim.dynamicPage(empireCMS{}, s, pageHead{title: col.name + " - " + s.Name, desc: col.name}, b.String())
	out.trap = trapSort
	return out
}

// rareNames are volunteers' names with a character outside GBK.
var rareNames = []string{"王𬀩", "李𬌗", "张𫖮", "刘𬍛"}

// rareName adds to a third of a rare-chars site's articles, after the
// first paragraph, a quote of a volunteer with a rare name.
func (sim *Sim) rareName(a ref, c *content) {
	h := mix(uint64(sim.opts.Seed), uint64(a.s.idx), uint64(a.j), 0x7a3e)
	if !a.s.has(ExtraRareChars) || h%3 != 0 || len(c.paras) == 0 {
		return
	}
	name := rareNames[(h/3)%uint64(len(rareNames))]
	p := para{text: fmt.Sprintf("志愿者%s说：“能为%s的乡亲们做点实事，我觉得很有意义。”", name, a.s.short)}
	c.paras = slices.Insert(c.paras, 1, p)
}

// deadSite is the listed site that never answers (dead-site), with the
// place name the tab boxes list it by.
var deadSite = struct{ host, short string }{"www.wxwmw.gov.cn", "威县"}

// deadHold bounds how long a request to the dead site is held.
const deadHold = 2 * time.Minute

// DeadSites lists the hosts of sites the hierarchy links that never
// answer (the dead-site extra): a crawler meets them in the link blocks
// and must give them up in bounded time.
func (sim *Sim) DeadSites() []string {
	if sim.dead {
		return []string{deadSite.host}
	}
	return nil
}

// hang holds a request to a dead site until the client gives up or
// deadHold passes, and answers 504 then.
func hang(w http.ResponseWriter, r *http.Request) {
	t := time.NewTimer(deadHold)
	defer t.Stop()
	select {
	case <-r.Context().Done():
	case <-t.C:
	}
	http.Error(w, "504 Gateway Timeout: "+deadSite.host+" did not answer", http.StatusGatewayTimeout)
}

// deadLinks adds the dead site, by its place name, to the county links
// of a tab box on the site that lists it and on the national site.
func (sim *Sim) deadLinks(s *site, counties []outsideLink) []outsideLink {
	if !sim.dead || (s.Level != "national" && !s.has(ExtraDeadSite)) {
		return counties
	}
	return append(counties, outsideLink{deadSite.short, "http://" + deadSite.host + "/"})
}

// twinDomains is the second name of the site twin-domain gives one.
var twinDomains = map[string]string{"hb.wenming.cn": "www.hbjswm.gov.cn"}

// AllExtras lists every extra Options.Extras can name, in a fixed order.
func AllExtras() []string {
	out := make([]string, 0, len(extraHosts))
	for name := range extraHosts {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}

// applyExtras switches on the extras opts names (unknown names are
// ignored, as an option that names nothing changes nothing).
func (sim *Sim) applyExtras() {
	for _, name := range sim.opts.Extras {
		s := sim.byHost[extraHosts[name]]
		if s == nil || slices.Contains(s.feats, name) {
			continue
		}
		s.feats = append(slices.Clip(s.feats), name)
		switch name {
		case ExtraTwinDomain:
			s.twin = twinDomains[s.Host]
			sim.byHost[s.twin] = s
		case ExtraDeadSite:
			sim.dead = true
		case ExtraRelocated:
			s.moved = relocations[s.Host]
			sim.byHost[s.moved] = s
			sim.moves = true
		case ExtraMobileHost:
			s.mhost = mobileHosts[s.Host]
			sim.byHost[s.mhost] = s
		}
	}
}

// homeFor is the homepage URL of site k as the pages of site from link
// it: a twin-domain site's new name on the pages of the sites below it.
func (sim *Sim) homeFor(k int, from *site) string {
	t := sim.sites[k]
	if t.twin != "" && from != t && slices.Contains(from.lineage, k) {
		return "http://" + t.twin + "/"
	}
	return t.Home
}

// twinURLs are the URLs under a twin-domain site's second name, and a
// relocated site's new name, of the canonical URLs given.
func (s *site) twinURLs(urls []string) []string {
	var out []string
	prefix := "http://" + s.Host + "/"
	for _, other := range []string{s.twin, s.moved} {
		if other == "" {
			continue
		}
		for _, u := range urls {
			if len(u) >= len(prefix) && u[:len(prefix)] == prefix {
				out = append(out, "http://"+other+"/"+u[len(prefix):])
			}
		}
	}
	return out
}

// falseGzip labels an HTML page of a false-gzip site gzip-encoded,
// leaving its bytes as they are.
func falseGzip(s *site, out resp) resp {
	if !s.has(ExtraFalseGzip) || out.status != http.StatusOK || !strings.HasPrefix(out.ctype, "text/html") {
		return out
	}
	h := make(map[string]string, len(out.header)+1)
	maps.Copy(h, out.header)
	h["Content-Encoding"] = "gzip"
	out.header = h
	return out
}
