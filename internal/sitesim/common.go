package sitesim

import (
	"fmt"
	"html"
	"slices"
	"strings"
	"time"
)

// Page pieces shared by the CMS renderers: the upward strip, the 友情链接
// tab box, non-hierarchy link blocks, footers and date formatting.

var esc = html.EscapeString

// outsideLink is a link to a host that is not part of the simulation.
type outsideLink struct{ name, url string }

var govLinks = []outsideLink{
	{"中国政府网", "http://www.gov.cn/"},
	{"人民网", "http://www.people.com.cn/"},
	{"新华网", "http://www.xinhuanet.com/"},
	{"中国文明网官方微博", "https://weibo.com/wenmingcn"},
	{"央视网", "http://www.cctv.com/"},
}

var provinceGov = map[string]outsideLink{
	"河北": {"河北省人民政府", "http://www.hebei.gov.cn/"},
	"陕西": {"陕西省人民政府", "http://www.shaanxi.gov.cn/"},
	"邢台": {"邢台市人民政府", "http://www.xingtai.gov.cn/"},
}

// formatDate prints t as the site's article pages do.
func (ds dateStyle) format(t time.Time) string {
	var v string
	switch ds.layout {
	case layoutDiscuz:
		v = fmt.Sprintf("%d-%d-%d %02d:%02d", t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute())
	case layoutCNDay:
		v = fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
	default:
		v = t.Format(ds.layout)
	}
	if ds.fullWidth {
		v = fullWidth(v)
	}
	return v
}

// stamp is t as an article's info line shows it: label, colon and date.
func (ds dateStyle) stamp(t time.Time) string { return ds.label + ds.colon + ds.format(t) }

var weekdays = []string{"日", "一", "二", "三", "四", "五", "六"}

// upStrip is the top strip linking the ancestors of s; a city's carries
// the date of the page.
func (sim *Sim) upStrip(s *site) string {
	strip := sim.memo(s, pieceUpStrip, 0, func() string { return sim.buildUpStrip(s) })
	if s.Level != "city" {
		return strip
	}
	now := sim.pageNow()
	return fmt.Sprintf(`%s<span class="fr">今天是%d年%d月%d日 星期%s</span></div></div>`, strip, now.Year(), now.Month(), now.Day(), weekdays[now.Weekday()])
}

// buildUpStrip is upStrip without a city's date and the two closing
// tags that follow it.
func (sim *Sim) buildUpStrip(s *site) string {
	var b strings.Builder
	switch s.Level {
	case "national":
		b.WriteString(`<div class="top_nav"><div class="w1000"><span class="fl"><a href="javascript:void(0)" onclick="SetHome(this,'http://www.wenming.cn/')">设为首页</a> | <a href="javascript:void(0)" onclick="AddFavorite('中国文明网','http://www.wenming.cn/')">加入收藏</a></span>`)
		b.WriteString(`<span class="fr"><a href="http://www.wenming.cn/wap/">手机版</a> | <a href="https://weibo.com/wenmingcn" target="_blank">官方微博</a></span></div></div>`)
	case "county":
		b.WriteString(`<div class="topbar"><div class="wp">`)
		for _, k := range s.lineage[:len(s.lineage)-1] {
			a := sim.sites[k]
			fmt.Fprintf(&b, `<a href="%s" target="_blank">%s</a>`, sim.homeFor(k, s), a.Name)
		}
		b.WriteString(` 今天是<script type="text/javascript">var d=new Date();document.write(d.getFullYear()+"年"+(d.getMonth()+1)+"月"+d.getDate()+"日");</script></div></div>`)
	default:
		b.WriteString(`<div class="head_top"><div class="w1000"><span class="fl">`)
		for _, k := range s.lineage[:len(s.lineage)-1] {
			a := sim.sites[k]
			fmt.Fprintf(&b, `【<a href="%s" target="_blank">%s</a>】|`, sim.homeFor(k, s), a.Name)
		}
		fmt.Fprintf(&b, `【<a href="javascript:void(0)" onclick="this.style.behavior='url(#default#homepage)';this.setHomePage('%s');">设为首页</a>】</span>`, s.Home)
		if s.Level == "city" {
			break // upStrip adds the date of the page
		}
		b.WriteString(`</div></div>`)
	}
	return b.String()
}

func linkList(b pageWriter, items []outsideLink) {
	b.WriteString(`<ul>`)
	for _, it := range items {
		fmt.Fprintf(b, `<li><a href="%s" target="_blank">%s</a></li>`, it.url, esc(it.name))
	}
	b.WriteString(`</ul>`)
}

// shortLinks lists sites by their place name only (邢台, 南宫).
// A site that relocated by epoch (1: the moves are done) is linked at its
// new name.
func (sim *Sim) shortLinks(idx []int, epoch uint64) []outsideLink {
	var out []outsideLink
	for _, k := range idx {
		out = append(out, outsideLink{sim.sites[k].short, sim.linkedHome(k, epoch)})
	}
	return out
}

// siteLinks lists sites by their whole names, as the pages of site from
// link them.
func (sim *Sim) siteLinks(idx []int, from *site) []outsideLink {
	var out []outsideLink
	for _, k := range idx {
		out = append(out, outsideLink{sim.sites[k].Name, sim.homeFor(k, from)})
	}
	return out
}

func (sim *Sim) atLevel(level string) []int {
	var out []int
	for _, s := range sim.sites {
		if s.Level == level {
			out = append(out, s.idx)
		}
	}
	return out
}

// descendants lists the sites below s at the given level.
func (sim *Sim) descendants(s *site, level string) []int {
	var out []int
	for _, d := range sim.sites {
		if d.Level != level {
			continue
		}
		for _, k := range d.lineage {
			if k == s.idx && d != s {
				out = append(out, d.idx)
			}
		}
	}
	return out
}

// tabBox is the downward 友情链接 block of a parent homepage: tabs
// 中国文明网联盟 / 地级市网站 / 县级市和县网站.
func (sim *Sim) tabBox(s *site) string {
	epoch := sim.relocEpoch()
	return sim.memo(s, pieceTabBox, epoch, func() string { return sim.buildTabBox(s, epoch) })
}

func (sim *Sim) buildTabBox(s *site, epoch uint64) string {
	var alliance, cities, counties []outsideLink
	// The alliance tab names sites in full (河北文明网); the 地级市网站 and
	// 县级市和县网站 tabs name them by place only (成都, 芜湖 …), as on the
	// 2016 榆林 page. Every site listed is one the simulation serves: in
	// the real network every such link leads to a member site, so a
	// crawler rightly follows them all.
	alliance = sim.siteLinks(append([]int{0}, sim.atLevel("province")...), s)
	switch s.Level {
	case "national":
		cities = sim.shortLinks(sim.atLevel("city"), epoch)
		// of the counties, the fixed table's only (wide.go)
		counties = sim.shortLinks(slices.DeleteFunc(sim.atLevel("county"), func(k int) bool { return sim.sites[k].template != "" }), epoch)
	case "province":
		cities = sim.shortLinks(sim.descendants(s, "city"), epoch)
		counties = sim.shortLinks(sim.descendants(s, "county"), epoch)
	case "city":
		// as on the 2016 榆林 page: sibling cities, then its own counties
		cities = sim.shortLinks(sim.atLevel("city"), epoch)
		counties = sim.shortLinks(s.children, epoch)
	default:
		return ""
	}
	counties = sim.deadLinks(s, counties)
	var b strings.Builder
	b.WriteString(`<div class="yqlj"><div class="yqlj_tit"><h3>友情链接</h3><ul class="tab" id="yqljTab">`)
	b.WriteString(`<li class="on" onmouseover="setTab('yqlj',1,3)">中国文明网联盟</li><li onmouseover="setTab('yqlj',2,3)">地级市网站</li><li onmouseover="setTab('yqlj',3,3)">县级市和县网站</li></ul></div>`)
	for k, items := range [][]outsideLink{alliance, cities, counties} {
		style := ""
		if k > 0 {
			style = ` style="display:none"`
		}
		fmt.Fprintf(&b, `<div class="yqlj_con" id="con_yqlj_%d"%s>`, k+1, style)
		linkList(&b, items)
		b.WriteString(`</div>`)
	}
	b.WriteString(`</div>`)
	return b.String()
}

// parentLinks is the small 友情链接 list of a county site.
func (sim *Sim) parentLinks(s *site) string {
	return sim.memo(s, pieceParents, 0, func() string { return sim.buildParentLinks(s) })
}

func (sim *Sim) buildParentLinks(s *site) string {
	var b strings.Builder
	b.WriteString(`<div class="bm flk"><div class="bm_h"><h2>友情链接</h2></div><div class="bm_c">`)
	items := sim.siteLinks(s.lineage[:len(s.lineage)-1], s)
	items = append(items, govLinks[0], govLinks[3])
	linkList(&b, items)
	b.WriteString(`</div></div>`)
	return b.String()
}

// govBlock is a block of non-hierarchy links.
func (sim *Sim) govBlock(s *site) string {
	return sim.memo(s, pieceGov, 0, func() string { return sim.buildGovBlock(s) })
}

func (sim *Sim) buildGovBlock(s *site) string {
	var b strings.Builder
	b.WriteString(`<div class="links_gov"><h3>相关链接</h3>`)
	items := append([]outsideLink{}, govLinks...)
	for _, k := range s.lineage {
		if g, ok := provinceGov[sim.sites[k].short]; ok {
			items = append(items, g)
		}
	}
	linkList(&b, items)
	b.WriteString(`</div>`)
	return b.String()
}

// footer carries 版权所有, ICP 备案, 技术支持 and dates: an extractor trap.
func (sim *Sim) footer(s *site) string {
	return sim.memo(s, pieceFooter, 0, func() string { return sim.buildFooter(s) })
}

func (sim *Sim) buildFooter(s *site) string {
	icp := map[string]string{
		"www.wenming.cn": "京ICP备05070491号", "hb.wenming.cn": "冀ICP备12009316号", "sn.wenming.cn": "陕ICP备10005428号",
	}[s.Host]
	if icp == "" {
		icp = fmt.Sprintf("%sICP备%08d号-1", map[bool]string{true: "冀", false: "陕"}[sim.underHebei(s)], 10000000+int(mix(uint64(s.idx))%89999999))
	}
	start := s.start.Year()
	var b strings.Builder
	b.WriteString(`<div class="footer"><div class="w1000">`)
	fmt.Fprintf(&b, `<p><a href="%s">网站首页</a> | <a href="%s">关于我们</a> | <a href="%s">联系我们</a> | <a href="%s">网站地图</a></p>`,
		s.Home, sim.aboutURL(s, 0), sim.aboutURL(s, 1), s.Home+strings.TrimPrefix(s.deadLinks[0], "/"))
	fmt.Fprintf(&b, `<p>版权所有 &copy; %d-%d %s 主办：%s精神文明建设委员会办公室</p>`, start, sim.now.Year(), esc(s.Name), esc(s.place))
	fmt.Fprintf(&b, `<p><a href="https://beian.miit.gov.cn/" target="_blank">%s</a> 技术支持：%s 建议使用1024×768分辨率浏览 更新时间：%s</p>`,
		icp, techSupport[s.CMS],
		sim.now.AddDate(0, 0, -3).Format("2006-01-02"))
	b.WriteString(`</div></div>`)
	return b.String()
}

var techSupport = map[string]string{cmsTRS: "北京拓尔思信息技术股份有限公司", cmsDiscuz: "Comsenz Inc.", cmsEmpire: "帝国软件",
	cmsDede: "上海卓卓网络科技有限公司", cmsPHPCMS: "盛大网络", cmsVSB: "南京博达软件科技有限公司"}

func (sim *Sim) underHebei(s *site) bool {
	return len(s.lineage) > 1 && sim.sites[s.lineage[1]].Host == "hb.wenming.cn"
}

// aboutURL is the k-th non-article page of a site (wrapping).
func (sim *Sim) aboutURL(s *site, k int) string {
	switch s.CMS {
	case cmsDiscuz:
		return fmt.Sprintf("%sportal.php?mod=topic&topicid=%d", s.Home, k%2+1)
	}
	return s.Home + strings.TrimPrefix(s.aboutPaths[k%len(s.aboutPaths)], "/")
}

// newest returns up to k newest articles of the site.
func (s *site) newest(k int) []ref {
	var out []ref
	for j := s.count() - 1; j >= 0 && len(out) < k; j-- {
		out = append(out, s.at(j))
	}
	return out
}

// newestIn returns up to k newest articles of column c.
func (s *site) newestIn(c, k int) []ref {
	var out []ref
	for i := s.colCount(c) - 1; i >= 0 && len(out) < k; i-- {
		a, _ := s.inCol(c, i)
		out = append(out, a)
	}
	return out
}

// scattered returns k articles spread over the site's history, used for
// 热点排行 and 相关文章 lists whose dates differ from the page's own. It
// draws from the articles of the initial Now only, so that new articles
// leave the pages of the others unchanged.
func (sim *Sim) scattered(s *site, key uint64, k int) []ref {
	var out []ref
	if s.n0 == 0 {
		return out
	}
	out = make([]ref, 0, k)
	for x := 0; x < k*3 && len(out) < k; x++ {
		j := int(mix(uint64(sim.opts.Seed), uint64(s.idx), key, uint64(x)) % uint64(s.n0))
		if !slices.ContainsFunc(out, func(a ref) bool { return a.j == j }) {
			out = append(out, s.at(j))
		}
	}
	return out
}

// aboutText is the text of a 关于我们 / 联系我们 page.
func (sim *Sim) aboutText(s *site, k int) (string, []string) {
	if k%2 == 0 {
		return "关于我们", []string{
			fmt.Sprintf("%s是由%s精神文明建设委员会办公室主办的精神文明建设门户网站，于%d年%d月正式上线。", s.Name, s.place, s.start.Year(), s.start.Month()),
			"网站以宣传社会主义核心价值观、展示精神文明建设成果为宗旨，设有要闻、文明创建、志愿服务、身边好人等栏目。",
			"欢迎各单位、广大网友踊跃投稿，来稿请注明作者姓名、单位及联系方式。",
		}
	}
	return "联系我们", []string{
		fmt.Sprintf("主办单位：%s精神文明建设委员会办公室", s.place),
		fmt.Sprintf("联系电话：0%d-%d", 310+s.idx*7, 2100000+s.idx*1373),
		fmt.Sprintf("投稿邮箱：%swmb@163.com", strings.Split(s.Host, ".")[0]),
		fmt.Sprintf("本页更新时间：%s", sim.now.AddDate(0, -2, 0).Format("2006年01月02日")),
	}
}
