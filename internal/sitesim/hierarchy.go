package sitesim

import (
	"cmp"
	"slices"
	"strings"
	"sync/atomic"
	"time"
)

// Site is one simulated website of the hierarchy.
type Site struct {
	Host       string // e.g. "hb.wenming.cn"
	Name       string // e.g. "河北文明网"
	Level      string // "national", "province", "city" or "county"
	ParentHost string // "" for the national site
	CMS        string // "trs", "discuz", "empirecms", "dedecms", "phpcms" or "vsb"
	Charset    string // "utf-8" or "gbk": the encoding of the page bytes
	// HeaderCharset is the charset the pages' Content-Type header names
	// ("" for a bare text/html); MetaCharset the one their <meta> declares.
	// Either may lie (see the package documentation), Charset never does.
	HeaderCharset string
	MetaCharset   string
	Home          string // homepage URL, e.g. "http://www.wenming.cn/"
}

// The CMS families the simulation renders.
const (
	cmsTRS    = "trs"
	cmsDiscuz = "discuz"
	cmsEmpire = "empirecms"
	cmsDede   = "dedecms"
	cmsPHPCMS = "phpcms"
	cmsVSB    = "vsb"
)

// Column kinds steer the title and body generator.
const (
	kindNews       = "news"
	kindGoodPeople = "people"
	kindVolunteer  = "volunteer"
	kindPractice   = "practice"
	kindNotice     = "notice"
)

// column is one 栏目 that holds articles.
type column struct {
	name       string // as the breadcrumb shows it
	path       string // TRS and EmpireCMS: directory with slashes, e.g. "/a/yw/"
	id         int    // Discuz catid, EmpireCMS classid, DedeCMS typeid, PHPCMS catid, VSB column id
	group      int    // index into site.groups, -1 if top level
	weight     int    // share of the site's articles
	kind       string // text generator theme
	place      string // for county-news columns: the county the articles are about
	disallowed bool   // the site's robots.txt disallows it
}

// group is a section that only collects columns (TRS "/a/", Discuz parent
// category, EmpireCMS parent class).
type group struct {
	name string
	path string // TRS, EmpireCMS
	id   int    // Discuz catid
}

// menuEntry is one entry of a site's channel menu: a top-level column, or
// the group that collects columns (named once, where its first column is).
type menuEntry struct {
	path, name string
	id         int // the column's id, or the group's id
	col        int // index of the column (the group's first) in site.cols
}

// menu lists the channel menu of s in column order.
func (s *site) menu() []menuEntry {
	var out []menuEntry
	seen := map[int]bool{}
	for c, col := range s.cols {
		if col.group < 0 {
			out = append(out, menuEntry{path: col.path, name: col.name, id: col.id, col: c})
			continue
		}
		if seen[col.group] {
			continue
		}
		seen[col.group] = true
		g := s.groups[col.group]
		out = append(out, menuEntry{path: g.path, name: g.name, id: g.id, col: c})
	}
	return out
}

// dirPage finds the about page and the group page that a directory-style
// path names (the directory, or the directory plus its index file); -1
// where none does.
func (s *site) dirPage(p, index string) (about, group int) {
	for k, ap := range s.aboutPaths {
		if p == ap || p == ap+index {
			return k, -1
		}
	}
	for g, gr := range s.groups {
		if p == gr.path || p == gr.path+index {
			return -1, g
		}
	}
	return -1, -1
}

// dateStyle says how a site prints a publish time on article pages.
type dateStyle struct {
	label     string // "发表时间", "时间", "发布时间", "日期"
	colon     string // "：" or ":"
	layout    string // Go layout, or one of the special names below
	minute    bool   // the page shows hours and minutes
	fullWidth bool   // digits printed full-width
}

// special layouts
const (
	layoutDiscuz = "discuz" // Y-n-j H:i, no zero padding
	layoutCNDay  = "cnday"  // 2023年3月22日
)

// site is the internal description of one simulated site.
type site struct {
	Site
	idx      int
	parent   int
	children []int
	lineage  []int  // national first, itself last
	short    string // "南宫"
	place    string // "南宫市"
	places   []string
	weight   int
	start    time.Time // first article
	cols     []column
	groups   []group
	dates    dateStyle

	// TRS
	ext      string // "shtml" or "html"
	titleSep string // "_" or "---"
	docBase  int64
	showAuth bool // the info line may carry 作者

	// Discuz
	rewrite bool // links use article-N-1.html
	nangong bool // the customised 发布时间 … 浏览数 meta line
	aidBase int

	bareHeader bool // pages go out as bare "text/html"

	// EmpireCMS: a mobile mirror /m/<article path> (leaner template)
	mobile bool

	// EmpireCMS, DedeCMS, PHPCMS, VSB: first article id
	idBase int

	// VSB
	vsbOwner int64 // the site's owner number in _showDynClicks calls

	aboutPaths []string // non-article pages; nil: where the CMS puts them (cmsFacts.about)
	deadLinks  []string // linked, answer 404
	robots     string
	rules      []robotsRule

	// generated sites (wide.go): the fixed site copied, a province's host prefix
	template string
	abbr     string

	feats []string // the optional behaviours of the site (traps.go), its template's
	flaky string   // the page a flaky site fails before it answers (signals.go)
	twin  string   // the second host name of a twin-domain site (extras.go)
	moved string   // the new host name of a relocated site (extras.go)
	mhost string   // the mobile host of a mobile-host site (mobilehost.go)

	// computed by New
	n0      int          // articles at the initial Now
	cur     atomic.Int64 // articles now: n0 plus those published since (live.go)
	rate    float64      // new articles per day after the initial Now
	pattern []int        // column index per slot of one block
	rank    []int        // rank of each slot among the slots of its column
	slots   [][]int      // slot positions of each column in a block
}

func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, china)
}

var china = time.FixedZone("CST", 8*3600)

// hierarchy builds the fixed site table, parents before children. Host
// names marked (seen) in sites.md or the 2016 host list are real; the
// rest are modelled.
// With total above the table's 18 sites, generated ones are added
// (wide.go).
func hierarchy(total int, seed int64) []*site {
	sites := widen(slices.Concat(nationalAndProvinces(), cities(),
		xingtaiCounties(), shijiazhuangCounties(), yulinCounties(), xianCounties()), total, seed)
	link(sites)
	nameGenerated(sites)
	return sites
}

// ds is the dateStyle of a site that prints its dates in half-width digits.
func ds(label, colon, layout string, minute bool) dateStyle {
	return dateStyle{label: label, colon: colon, layout: layout, minute: minute}
}

// nationalAndProvinces are 中国文明网 and the two province sites, on TRS.
func nationalAndProvinces() []*site {
	return []*site{
		{
			Site:  Site{Host: "www.wenming.cn", Name: "中国文明网", Level: "national", CMS: cmsTRS, Charset: "utf-8"},
			short: "中国", place: "全国", parent: -1, weight: 24, start: day(2015, 1, 5),
			places: []string{"北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省",
				"上海市", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省",
				"广东省", "广西壮族自治区", "海南省", "重庆市", "四川省", "贵州省", "云南省", "西藏自治区",
				"陕西省", "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区", "杭州市", "成都市", "青岛市", "厦门市"},
			groups: []group{{name: "资讯", path: "/a/"}, {name: "本网专稿", path: "/bwzx/"}},
			cols: []column{
				{name: "要闻", path: "/a/yw/", group: 0, weight: 5, kind: kindNews},
				{name: "文明创建", path: "/wmcj/", group: -1, weight: 3, kind: kindPractice},
				{name: "聚焦", path: "/bwzx/jj/", group: 1, weight: 2, kind: kindNews},
				{name: "身边好人", path: "/sbhr/", group: -1, weight: 2, kind: kindGoodPeople},
				{name: "志愿服务", path: "/zyfw/", group: -1, weight: 2, kind: kindVolunteer},
				{name: "地方动态", path: "/a/dfdt/", group: 0, weight: 3, kind: kindNews},
			},
			dates: ds("发表时间", "：", "2006-01-02", false),
			ext:   "shtml", titleSep: "_", docBase: 4200000,
			aboutPaths: []string{"/wzxx/gywm/", "/wzxx/lxwm/"},
			deadLinks:  []string{"/wzdt/index.shtml", "/wap/", "/zt/2016/wmcs/"},
		},
		{
			Site:  Site{Host: "hb.wenming.cn", Name: "河北文明网", Level: "province", ParentHost: "www.wenming.cn", CMS: cmsTRS, Charset: "utf-8"},
			short: "河北", place: "河北省", weight: 10, start: day(2015, 3, 2),
			places: []string{"石家庄市", "唐山市", "秦皇岛市", "邯郸市", "邢台市", "保定市", "张家口市", "承德市", "沧州市", "廊坊市", "衡水市", "雄安新区", "定州市", "辛集市"},
			cols: []column{
				{name: "工作动态", path: "/gzdt/", group: -1, weight: 4, kind: kindNews},
				{name: "市县动态", path: "/sxdt/", group: -1, weight: 4, kind: kindNews},
				{name: "河北好人", path: "/hbhr/", group: -1, weight: 2, kind: kindGoodPeople},
				{name: "志愿服务", path: "/zyfw/", group: -1, weight: 2, kind: kindVolunteer},
				{name: "工作通报", path: "/gztb/", group: -1, weight: 2, kind: kindNotice, disallowed: true},
			},
			dates: ds("发布时间", "：", "2006-01-02 15:04", true),
			ext:   "html", titleSep: "---", docBase: 6000000, showAuth: true,
			deadLinks: []string{"/ztbd/2017/index.html"},
		},
		{
			Site:  Site{Host: "sn.wenming.cn", Name: "陕西文明网", Level: "province", ParentHost: "www.wenming.cn", CMS: cmsTRS, Charset: "utf-8"},
			short: "陕西", place: "陕西省", weight: 10, start: day(2015, 4, 20),
			places: []string{"西安市", "宝鸡市", "咸阳市", "铜川市", "渭南市", "延安市", "榆林市", "汉中市", "安康市", "商洛市", "杨凌示范区"},
			cols: []column{
				{name: "文明要闻", path: "/wmyw/", group: -1, weight: 4, kind: kindNews},
				{name: "地市动态", path: "/dsdt/", group: -1, weight: 4, kind: kindNews},
				{name: "陕西好人", path: "/sxhr/", group: -1, weight: 2, kind: kindGoodPeople},
				{name: "文明实践", path: "/wmsj/", group: -1, weight: 2, kind: kindPractice},
			},
			dates: ds("时间", ":", "2006-01-02", false),
			ext:   "html", titleSep: "_", docBase: 6010000,
			deadLinks: []string{"/sxwmw/zt/index.html"},
		},
	}
}

// cities are the four city sites, two under each province, on TRS.
func cities() []*site {
	return []*site{
		{
			Site:  Site{Host: "xt.wenming.cn", Name: "邢台文明网", Level: "city", ParentHost: "hb.wenming.cn", CMS: cmsTRS, Charset: "utf-8"},
			short: "邢台", place: "邢台市", weight: 6, start: day(2016, 2, 15),
			places: []string{"襄都区", "信都区", "任泽区", "南和区", "宁晋县", "威县", "隆尧县", "临城县", "广宗县", "临西县", "内丘县", "平乡县", "巨鹿县", "新河县", "柏乡县", "南宫市", "沙河市", "清河县"},
			groups: []group{{name: "县区动态", path: "/xqdt/"}},
			cols: []column{
				{name: "文明要闻", path: "/wmyw/", group: -1, weight: 3, kind: kindNews},
				{name: "工作动态", path: "/gzdt/", group: -1, weight: 3, kind: kindNews},
				{name: "邢台好人", path: "/xthr/", group: -1, weight: 1, kind: kindGoodPeople},
				{name: "南宫市", path: "/xqdt/ng/", group: 0, weight: 2, kind: kindNews, place: "南宫市"},
				{name: "清河县", path: "/xqdt/qh/", group: 0, weight: 2, kind: kindNews, place: "清河县"},
			},
			dates: ds("发表时间", ":", "2006-01-02 15:04", true),
			ext:   "html", titleSep: "---", docBase: 6020000, showAuth: true,
			deadLinks: []string{"/wmcs/2019/index.html"},
		},
		{
			Site:  Site{Host: "shjz.wenming.cn", Name: "石家庄文明网", Level: "city", ParentHost: "hb.wenming.cn", CMS: cmsTRS, Charset: "utf-8"},
			short: "石家庄", place: "石家庄市", weight: 6, start: day(2015, 9, 1),
			places: []string{"长安区", "桥西区", "新华区", "裕华区", "井陉矿区", "藁城区", "鹿泉区", "栾城区", "正定县", "行唐县", "灵寿县", "赞皇县", "平山县", "元氏县", "赵县", "辛集市", "晋州市", "新乐市"},
			cols: []column{
				{name: "文明动态", path: "/wmdt/", group: -1, weight: 4, kind: kindNews},
				{name: "志愿服务", path: "/zyfw/", group: -1, weight: 2, kind: kindVolunteer},
				{name: "文明创建", path: "/wmcj/", group: -1, weight: 2, kind: kindPractice},
				{name: "石家庄好人", path: "/sjzhr/", group: -1, weight: 1, kind: kindGoodPeople},
			},
			dates: ds("日期", "：", layoutCNDay, false),
			ext:   "html", titleSep: "_", docBase: 6030000,
			deadLinks: []string{"/zt/qmyd/index.html"},
		},
		{
			Site:  Site{Host: "yl.wenming.cn", Name: "榆林文明网", Level: "city", ParentHost: "sn.wenming.cn", CMS: cmsTRS, Charset: "utf-8"},
			short: "榆林", place: "榆林市", weight: 6, start: day(2015, 11, 10),
			places: []string{"榆阳区", "横山区", "神木市", "府谷县", "靖边县", "定边县", "绥德县", "米脂县", "佳县", "吴堡县", "清涧县", "子洲县"},
			groups: []group{{name: "县区动态", path: "/xqdt/"}},
			cols: []column{
				{name: "榆林要闻", path: "/ylyw/", group: -1, weight: 3, kind: kindNews},
				{name: "文明实践", path: "/wmsj/", group: -1, weight: 2, kind: kindPractice},
				{name: "榆林好人", path: "/ylhr/", group: -1, weight: 1, kind: kindGoodPeople},
				{name: "神木", path: "/xqdt/sm/", group: 0, weight: 2, kind: kindNews, place: "神木市"},
				{name: "府谷", path: "/xqdt/fg/", group: 0, weight: 2, kind: kindNews, place: "府谷县"},
			},
			// the time of day only in the text: URL tYYYYMMDD_, publishdate meta Y-m-d
			dates: ds("时间", "：", "2006年01月02日 15:04", true),
			ext:   "shtml", titleSep: "_", docBase: 6040000,
			deadLinks: []string{"/ylwm/zt/index.shtml"},
		},
		{
			Site:  Site{Host: "xa.wenming.cn", Name: "西安文明网", Level: "city", ParentHost: "sn.wenming.cn", CMS: cmsTRS, Charset: "utf-8"},
			short: "西安", place: "西安市", weight: 6, start: day(2015, 7, 1),
			places: []string{"新城区", "碑林区", "莲湖区", "灞桥区", "未央区", "雁塔区", "阎良区", "临潼区", "长安区", "高陵区", "鄠邑区", "蓝田县", "周至县"},
			cols: []column{
				{name: "西安要闻", path: "/xayw/", group: -1, weight: 3, kind: kindNews},
				{name: "区县动态", path: "/qxdt/", group: -1, weight: 3, kind: kindNews},
				{name: "志愿服务", path: "/zyfw/", group: -1, weight: 2, kind: kindVolunteer},
				{name: "西安好人", path: "/xahr/", group: -1, weight: 1, kind: kindGoodPeople},
			},
			dates: ds("发布时间", "：", "2006-01-02 15:04", true),
			ext:   "html", titleSep: "---", docBase: 6050000, showAuth: true,
			deadLinks: []string{"/xawm/old/index.html"},
		},
	}
}

// xingtaiCounties are the counties of 邢台, one per county CMS: Discuz! X
// (GBK, no charset in the header), EmpireCMS, DedeCMS and PHPCMS.
func xingtaiCounties() []*site {
	return []*site{
		{
			Site:       Site{Host: "www.ngwm.gov.cn", Name: "南宫文明网", Level: "county", ParentHost: "xt.wenming.cn", CMS: cmsDiscuz, Charset: "gbk", MetaCharset: "gbk"},
			bareHeader: true,
			short:      "南宫", place: "南宫市", weight: 3, start: day(2017, 5, 8),
			places: []string{"凤岗街道", "南杜街道", "北胡街道", "西丁街道", "苏村镇", "大高村镇", "垂杨镇", "明化镇", "段芦头镇", "紫冢镇", "大村乡", "薛吴村乡", "王道寨乡", "市教育局", "市卫健局"},
			cols: []column{
				{name: "文明动态", id: 1, group: -1, weight: 3, kind: kindNews},
				{name: "“双争”活动", id: 3, group: -1, weight: 2, kind: kindPractice},
				{name: "志愿服务", id: 4, group: -1, weight: 2, kind: kindVolunteer},
				{name: "南宫好人", id: 5, group: -1, weight: 1, kind: kindGoodPeople},
			},
			dates:   ds("发布时间", ":", layoutDiscuz, true),
			nangong: true, aidBase: 3,
			deadLinks: []string{"forum.php?mod=forumdisplay&fid=2"},
		},
		{
			Site:  Site{Host: "www.qhwmw.gov.cn", Name: "清河文明网", Level: "county", ParentHost: "xt.wenming.cn", CMS: cmsEmpire, Charset: "gbk", HeaderCharset: "gbk", MetaCharset: "gbk"},
			short: "清河", place: "清河县", weight: 3, start: day(2018, 3, 12),
			places: []string{"葛仙庄镇", "连庄镇", "油坊镇", "谢炉镇", "王官庄镇", "坝营镇", "县城管局", "县教育局"},
			groups: []group{{name: "新闻动态", path: "/news/"}},
			cols: []column{
				{name: "清河要闻", path: "/news/qhyw/", id: 2, group: 0, weight: 3, kind: kindNews},
				{name: "乡镇动态", path: "/news/xzdt/", id: 3, group: 0, weight: 2, kind: kindNews},
				{name: "志愿服务", path: "/zyfw/", id: 5, group: -1, weight: 2, kind: kindVolunteer},
				{name: "内部资料", path: "/nbzl/", id: 6, group: -1, weight: 1, kind: kindNotice, disallowed: true},
			},
			dates:  ds("发布时间", "：", "2006-01-02 15:04", true),
			idBase: 35, mobile: true,
			deadLinks: []string{"/e/tool/gbook/?bid=1"},
		},
		{
			Site:  Site{Host: "www.lxwmw.gov.cn", Name: "临西文明网", Level: "county", ParentHost: "xt.wenming.cn", CMS: cmsDede, Charset: "gbk", HeaderCharset: "gb2312", MetaCharset: "gb2312"},
			short: "临西", place: "临西县", weight: 3, start: day(2016, 9, 5),
			places: []string{"临西镇", "河西镇", "下堡寺镇", "尖冢镇", "老官寨镇", "吕寨镇", "东枣园乡", "摇鞍镇乡", "大刘庄乡", "县教育局", "县卫健局"},
			groups: []group{{name: "新闻中心", path: "/a/xwzx/", id: 1}},
			cols: []column{
				{name: "文明动态", path: "/a/xwzx/wmdt/", id: 2, group: 0, weight: 3, kind: kindNews},
				{name: "乡镇动态", path: "/a/xwzx/xzdt/", id: 3, group: 0, weight: 2, kind: kindNews},
				{name: "志愿服务", path: "/a/zyfw/", id: 4, group: -1, weight: 2, kind: kindVolunteer},
				{name: "临西好人", path: "/a/lxhr/", id: 5, group: -1, weight: 1, kind: kindGoodPeople},
			},
			dates:     ds("时间", ":", "2006-01-02 15:04", true),
			idBase:    118,
			deadLinks: []string{"/data/sitemap.html"},
		},
		{
			Site:  Site{Host: "www.jlwmw.gov.cn", Name: "巨鹿文明网", Level: "county", ParentHost: "xt.wenming.cn", CMS: cmsPHPCMS, Charset: "utf-8", HeaderCharset: "utf-8", MetaCharset: "gbk"},
			short: "巨鹿", place: "巨鹿县", weight: 3, start: day(2017, 2, 20),
			places: []string{"巨鹿镇", "王虎寨镇", "西郭城镇", "官亭镇", "阎疃镇", "小吕寨镇", "苏家营镇", "堤村乡", "张王疃乡", "观寨乡", "县教育局"},
			groups: []group{{name: "新闻中心", path: "/html/xwzx/", id: 6}},
			cols: []column{
				{name: "巨鹿要闻", path: "/html/xwzx/jlyw/", id: 9, group: 0, weight: 3, kind: kindNews},
				{name: "部门动态", path: "/html/xwzx/bmdt/", id: 10, group: 0, weight: 2, kind: kindNews},
				{name: "文明实践", path: "/html/wmsj/", id: 11, group: -1, weight: 2, kind: kindPractice},
				{name: "巨鹿好人", path: "/html/jlhr/", id: 12, group: -1, weight: 1, kind: kindGoodPeople},
			},
			dates:     ds("", "", "2006-01-02 15:04:05", true),
			idBase:    56,
			deadLinks: []string{"/sitemap.html"},
		},
	}
}

// shijiazhuangCounties are the counties of 石家庄, on TRS.
func shijiazhuangCounties() []*site {
	return []*site{
		{
			Site:  Site{Host: "hbzd.wenming.cn", Name: "正定文明网", Level: "county", ParentHost: "shjz.wenming.cn", CMS: cmsTRS, Charset: "utf-8"},
			short: "正定", place: "正定县", weight: 3, start: day(2016, 8, 1),
			places: []string{"正定镇", "诸福屯镇", "新城铺镇", "新安镇", "南牛乡", "南楼乡", "西平乐乡", "北早现乡", "曲阳桥乡"},
			cols: []column{
				{name: "正定新闻", path: "/zdxw/", group: -1, weight: 3, kind: kindNews},
				{name: "文明实践", path: "/wmsj/", group: -1, weight: 2, kind: kindPractice},
				{name: "志愿服务", path: "/zyfw/", group: -1, weight: 1, kind: kindVolunteer},
			},
			dates: ds("时间", "：", "2006-01-02", false),
			ext:   "html", titleSep: "_", docBase: 6060000,
			deadLinks: []string{"/zdwm/index.html"},
		},
		{
			Site:  Site{Host: "hbxj.wenming.cn", Name: "辛集文明网", Level: "county", ParentHost: "shjz.wenming.cn", CMS: cmsTRS, Charset: "utf-8"},
			short: "辛集", place: "辛集市", weight: 3, start: day(2017, 1, 9),
			places: []string{"辛集镇", "旧城镇", "张古庄镇", "位伯镇", "新垒头镇", "新城镇", "南智邱镇", "王口镇", "天宫营乡"},
			cols: []column{
				{name: "辛集动态", path: "/xjdt/", group: -1, weight: 3, kind: kindNews},
				{name: "道德模范", path: "/ddmf/", group: -1, weight: 1, kind: kindGoodPeople},
				{name: "文明创建", path: "/wmcj/", group: -1, weight: 2, kind: kindPractice},
			},
			dates: dateStyle{label: "日期", colon: "：", layout: layoutCNDay, fullWidth: true},
			ext:   "html", titleSep: "---", docBase: 6070000,
			deadLinks: []string{"/xjwm/zt/index.html"},
		},
	}
}

// yulinCounties are the counties of 榆林: Discuz! X with URL rewriting, and TRS.
func yulinCounties() []*site {
	return []*site{
		{
			Site:  Site{Host: "www.smwm.gov.cn", Name: "神木文明网", Level: "county", ParentHost: "yl.wenming.cn", CMS: cmsDiscuz, Charset: "utf-8"},
			short: "神木", place: "神木市", weight: 3, start: day(2016, 10, 17),
			places: []string{"滨河新区街道", "西沙街道", "麟州街道", "迎宾路街道", "高家堡镇", "锦界镇", "大柳塔镇", "孙家岔镇", "店塔镇", "尔林兔镇", "万镇"},
			groups: []group{{name: "新闻中心", id: 1}},
			cols: []column{
				{name: "神木要闻", id: 2, group: 0, weight: 3, kind: kindNews},
				{name: "部门动态", id: 3, group: 0, weight: 2, kind: kindNews},
				{name: "志愿服务", id: 4, group: -1, weight: 2, kind: kindVolunteer},
				{name: "道德模范", id: 5, group: -1, weight: 1, kind: kindGoodPeople},
			},
			dates:   ds("", "", layoutDiscuz, true),
			rewrite: true, aidBase: 1,
			deadLinks: []string{"article-0-1.html"},
		},
		{
			Site:  Site{Host: "sxfg.wenming.cn", Name: "府谷文明网", Level: "county", ParentHost: "yl.wenming.cn", CMS: cmsTRS, Charset: "utf-8"},
			short: "府谷", place: "府谷县", weight: 3, start: day(2017, 4, 3),
			places: []string{"府谷镇", "新民镇", "孤山镇", "清水镇", "哈镇", "黄甫镇", "麻镇", "三道沟镇", "老高川镇"},
			cols: []column{
				{name: "府谷要闻", path: "/fgyw/", group: -1, weight: 3, kind: kindNews},
				{name: "文明实践", path: "/wmsj/", group: -1, weight: 2, kind: kindPractice},
				{name: "府谷好人", path: "/fghr/", group: -1, weight: 1, kind: kindGoodPeople},
			},
			dates: ds("发表时间", ":", "2006-01-02", false),
			ext:   "html", titleSep: "_", docBase: 6080000,
			deadLinks: []string{"/fgwm/index.html"},
		},
	}
}

// xianCounties are the counties of 西安: two on TRS, and VSB.
func xianCounties() []*site {
	return []*site{
		{
			Site:  Site{Host: "sxhx.wenming.cn", Name: "户县文明网", Level: "county", ParentHost: "xa.wenming.cn", CMS: cmsTRS, Charset: "utf-8"},
			short: "户县", place: "户县", weight: 3, start: day(2016, 3, 21),
			places: []string{"甘亭街道", "余下街道", "祖庵镇", "秦渡镇", "大王镇", "草堂街道", "蒋村镇", "庞光镇", "涝店镇"},
			cols: []column{
				{name: "户县新闻", path: "/hxxw/", group: -1, weight: 3, kind: kindNews},
				{name: "志愿服务", path: "/zyfw/", group: -1, weight: 2, kind: kindVolunteer},
				{name: "户县好人", path: "/hxhr/", group: -1, weight: 1, kind: kindGoodPeople},
			},
			dates: ds("发布时间", "：", "2006-01-02 15:04", true),
			ext:   "html", titleSep: "---", docBase: 6090000, showAuth: true,
			deadLinks: []string{"/hxwm/zt/index.html"},
		},
		{
			Site:       Site{Host: "sxzz.wenming.cn", Name: "周至文明网", Level: "county", ParentHost: "xa.wenming.cn", CMS: cmsTRS, Charset: "utf-8", MetaCharset: "gb2312"},
			bareHeader: true,
			short:      "周至", place: "周至县", weight: 3, start: day(2017, 6, 26),
			places: []string{"二曲街道", "哑柏镇", "终南镇", "马召镇", "集贤镇", "楼观镇", "尚村镇", "广济镇", "厚畛子镇"},
			cols: []column{
				{name: "周至动态", path: "/zzdt/", group: -1, weight: 3, kind: kindNews},
				{name: "文明创建", path: "/wmcj/", group: -1, weight: 2, kind: kindPractice},
				{name: "周至好人", path: "/zzhr/", group: -1, weight: 1, kind: kindGoodPeople},
			},
			dates: ds("时间", ":", "2006-01-02 15:04", true),
			ext:   "html", titleSep: "_", docBase: 6100000,
			deadLinks: []string{"/zzwm/index.html"},
		},
		{
			Site:  Site{Host: "www.ltwmw.gov.cn", Name: "蓝田文明网", Level: "county", ParentHost: "xa.wenming.cn", CMS: cmsVSB, Charset: "utf-8"},
			short: "蓝田", place: "蓝田县", weight: 3, start: day(2018, 5, 14),
			places: []string{"蓝关街道", "洩湖镇", "华胥镇", "前卫镇", "汤峪镇", "焦岱镇", "玉山镇", "三里镇", "普化镇", "葛牌镇", "县教育局"},
			groups: []group{{name: "新闻中心", path: "/xwzx"}},
			cols: []column{
				{name: "蓝田要闻", path: "/xwzx/ltyw", id: 1021, group: 0, weight: 3, kind: kindNews},
				{name: "镇街动态", path: "/xwzx/zjdt", id: 1022, group: 0, weight: 2, kind: kindNews},
				{name: "志愿服务", path: "/zyfw", id: 1031, group: -1, weight: 2, kind: kindVolunteer},
				{name: "蓝田好人", path: "/lthr", id: 1041, group: -1, weight: 1, kind: kindGoodPeople},
			},
			dates:     ds("发布时间", "：", "2006年01月02日 15:04", true),
			idBase:    4200,
			vsbOwner:  1411133371,
			deadLinks: []string{"/wzdt.htm"},
		},
	}
}

// link fills parent/child indices, lineage, Home and robots rules, and
// reorders nothing: hierarchy already lists parents before children.
func link(sites []*site) {
	byHost := map[string]int{}
	for i, s := range sites {
		s.idx = i
		s.Home = "http://" + s.Host + "/"
		byHost[s.Host] = i
		s.parent = -1
		if s.ParentHost != "" {
			s.parent = byHost[s.ParentHost]
			sites[s.parent].children = append(sites[s.parent].children, i)
		}
		if s.parent >= 0 {
			s.lineage = append(append([]int{}, sites[s.parent].lineage...), i)
		} else {
			s.lineage = []int{i}
		}
		if s.MetaCharset == "" {
			s.MetaCharset = s.Charset
		}
		if s.HeaderCharset == "" && !s.bareHeader {
			s.HeaderCharset = s.Charset
		}
		if about := cmsOf[s.CMS].facts().about; s.aboutPaths == nil && about[0] != "" {
			s.aboutPaths = about[:]
		}
		tmpl := cmp.Or(s.template, s.Host)
		s.feats = features[tmpl]
		if f, ok := flakyPath[tmpl]; ok {
			s.flaky = strings.Replace(f, tmpl, s.Host, 1)
		}
		s.robots = robotsFor(s)
		s.rules = parseRobots(s.robots)
	}
}
