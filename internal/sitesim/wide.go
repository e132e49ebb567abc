package sitesim

import (
	"fmt"
	"slices"
	"strings"
)

// The wide hierarchy (Options.Sites). The real network has about 3,200
// sites: 1 national, 31 provinces, ~330 cities and ~2,800 counties, most
// counties on their own domain (sites.md). Options.Sites above the fixed
// table's 18 adds generated provinces, cities and counties under it, in
// the real network's proportions, until the hierarchy has that many
// sites:
//
//   - provinces are the 29 real ones the fixed table lacks (北京 … 新疆),
//     named 北京文明网 on <abbr>.wenming.cn, and cities are TRS sites on
//     <province abbr><initials>.wenming.cn (ahwh.wenming.cn 芜湖 is the real
//     pattern), each a copy of one fixed site of its level (cycling) with
//     its columns, date style, robots.txt, traps and server signals;
//   - counties are each on their own domain, www.<initials>wmw.gov.cn
//     (qhwmw, lxwmw are the fixed ones), each a copy of one of the fixed
//     county sites in turn — so of every county CMS, with that site's
//     charset labels (南宫's GBK with the charset only in <meta>, 周至's
//     lying gb2312), traps (session ids, soft 404, search, calendar …),
//     aliases and server signals;
//   - place names are two characters drawn by the seed from a table of
//     common place-name characters (宁阳县, 东平市), unique across the
//     hierarchy, so a tab box that names sites by place only (宁阳) names
//     one site; hosts are unique likewise.
//
// Cities are spread over all provinces and counties over all cities in
// turn, so every generated site has the full lineage national → province
// → city → county. They are linked as the fixed ones are: the upward strip,
// a county's 友情链接 list, and the tab boxes of the parents — a province's
// lists its cities and counties, a city's all cities and its own
// counties; the national homepage lists every city and, of the counties,
// the fixed table's only (a platform-wide list of 2,800 counties on one
// page is what no real homepage carries; the 2016 榆林 page lists 104).
// A generated site costs its description (a few KB) and its memoized
// chrome; nothing per article.

// realNetwork is the size of the real hierarchy the proportions follow.
var realNetwork = struct{ provinces, cities, counties int }{31, 330, 2800}

// wideProvinces are the provinces the fixed table lacks: name, host prefix.
var wideProvinces = [][2]string{
	{"北京", "bj"}, {"天津", "tj"}, {"山西", "sx"}, {"内蒙古", "nmg"}, {"辽宁", "ln"}, {"吉林", "jl"},
	{"黑龙江", "hlj"}, {"上海", "sh"}, {"江苏", "js"}, {"浙江", "zj"}, {"安徽", "ah"}, {"福建", "fj"},
	{"江西", "jx"}, {"山东", "sd"}, {"河南", "ha"}, {"湖北", "hub"}, {"湖南", "hun"}, {"广东", "gd"},
	{"广西", "gx"}, {"海南", "hi"}, {"重庆", "cq"}, {"四川", "sc"}, {"贵州", "gz"}, {"云南", "yn"},
	{"西藏", "xz"}, {"甘肃", "gs"}, {"青海", "qh"}, {"宁夏", "nx"}, {"新疆", "xj"},
}

// provinceSuffix is how a province's full place name ends.
var provinceSuffix = map[string]string{"北京": "市", "天津": "市", "上海": "市", "重庆": "市",
	"内蒙古": "自治区", "广西": "壮族自治区", "西藏": "自治区", "宁夏": "回族自治区", "新疆": "维吾尔自治区"}

// placeHeads and placeTails are common first and second characters of
// Chinese place names, with their pinyin.
var placeHeads = strings.Fields(`安:an 宝:bao 北:bei 长:chang 承:cheng 崇:chong 大:da 丹:dan 德:de 定:ding
	东:dong 凤:feng 福:fu 富:fu 高:gao 广:guang 贵:gui 海:hai 和:he 河:he 衡:heng 华:hua 怀:huai 会:hui
	吉:ji 建:jian 江:jiang 金:jin 景:jing 靖:jing 乐:le 临:lin 龙:long 隆:long 庐:lu 罗:luo 茂:mao 梅:mei
	明:ming 南:nan 宁:ning 平:ping 普:pu 清:qing 庆:qing 仁:ren 荣:rong 瑞:rui 三:san 沙:sha 山:shan
	上:shang 石:shi 寿:shou 泰:tai 通:tong 万:wan 武:wu 西:xi 新:xin 兴:xing 永:yong 玉:yu 云:yun`)

var placeTails = strings.Fields(`安:an 昌:chang 城:cheng 川:chuan 丰:feng 峰:feng 阜:fu 固:gu 谷:gu 海:hai
	和:he 河:he 华:hua 化:hua 江:jiang 津:jin 康:kang 乐:le 林:lin 陵:ling 宁:ning 平:ping 浦:pu 泉:quan
	山:shan 水:shui 顺:shun 台:tai 田:tian 亭:ting 溪:xi 乡:xiang 兴:xing 阳:yang 源:yuan 远:yuan 州:zhou
	庄:zhuang 原:yuan 泽:ze 都:du 德:de 定:ding 东:dong 峪:yu 岭:ling 口:kou 门:men 桥:qiao 湖:hu 堡:bao
	坪:ping 塘:tang 滨:bin 邑:yi 陶:tao`)

// syllable splits a "字:pinyin" entry.
func syllable(e string) (han, pinyin string) {
	han, pinyin, _ = strings.Cut(e, ":")
	return han, pinyin
}

// namer draws unique two-character place names and unique hosts.
type namer struct {
	seed  uint64
	draws uint64
	used  map[string]bool // short names and hosts taken
}

// place draws a short name (宁阳) not used yet, with its pinyin initials
// (ny) and full pinyin (ningyang).
func (n *namer) place() (short, initials, full string) {
	for {
		n.draws++
		h := mix(n.seed, n.draws, 0x51ace)
		a, pa := syllable(placeHeads[h%uint64(len(placeHeads))])
		b, pb := syllable(placeTails[(h>>20)%uint64(len(placeTails))])
		short = a + b
		if a == b || n.used[short] {
			continue
		}
		n.used[short] = true
		return short, pa[:1] + pb[:1], pa + pb
	}
}

// host returns the first candidate not taken, or the last one numbered.
func (n *namer) host(candidates ...string) string {
	for _, c := range candidates {
		if !n.used[c] {
			n.used[c] = true
			return c
		}
	}
	last := candidates[len(candidates)-1]
	dot := strings.LastIndex(strings.TrimSuffix(strings.TrimSuffix(last, ".wenming.cn"), ".gov.cn"), ".") + 1
	for k := 2; ; k++ {
		c := last[:dot] + strings.Replace(last[dot:], ".", fmt.Sprint(k)+".", 1)
		if !n.used[c] {
			n.used[c] = true
			return c
		}
	}
}

// widen adds generated provinces, cities and counties to the fixed table
// until it has total sites (see the comment at the top of this file).
func widen(fixed []*site, total int, seed int64) []*site {
	extra := total - len(fixed)
	if extra <= 0 {
		return fixed
	}
	byLevel := map[string][]*site{}
	n := &namer{seed: uint64(seed), used: map[string]bool{}}
	for _, s := range fixed {
		byLevel[s.Level] = append(byLevel[s.Level], s)
		n.used[s.short] = true
		n.used[s.Host] = true
	}
	// the real network's proportions over what is added
	want := realNetwork.provinces + realNetwork.cities + realNetwork.counties - len(fixed) + 1
	provinces := min(len(wideProvinces), (extra*(realNetwork.provinces-len(byLevel["province"]))+want/2)/want)
	cities := (extra*(realNetwork.cities-len(byLevel["city"])) + want/2) / want
	cities = min(cities, extra-provinces)
	counties := extra - provinces - cities

	sites := slices.Clone(fixed)
	provs := slices.Clone(byLevel["province"])
	for k := range provinces {
		name, abbr := wideProvinces[k][0], wideProvinces[k][1]
		suffix := provinceSuffix[name]
		if suffix == "" {
			suffix = "省"
		}
		s := cloneSite(byLevel["province"][k%len(byLevel["province"])], k)
		s.Host, s.Name, s.ParentHost = abbr+".wenming.cn", name+"文明网", fixed[0].Host
		s.short, s.place, s.abbr = name, name+suffix, abbr
		n.used[name], n.used[s.Host] = true, true
		sites = append(sites, s)
		provs = append(provs, s)
	}
	cits := slices.Clone(byLevel["city"])
	for k := range cities {
		p := provs[k%len(provs)]
		short, ini, full := n.place()
		s := cloneSite(byLevel["city"][k%len(byLevel["city"])], k)
		s.Host = n.host(p.hostAbbr()+ini+".wenming.cn", p.hostAbbr()+full+".wenming.cn")
		s.Name, s.ParentHost, s.short, s.place = short+"文明网", p.Host, short, short+"市"
		sites = append(sites, s)
		cits = append(cits, s)
	}
	counties0 := byLevel["county"]
	prov := map[string]*site{}
	for _, p := range provs {
		prov[p.Host] = p
	}
	for k := range counties {
		c := cits[k%len(cits)]
		short, ini, full := n.place()
		s := cloneSite(counties0[k%len(counties0)], k)
		pa := prov[c.ParentHost].hostAbbr()
		s.Host = n.host("www."+ini+"wmw.gov.cn", "www."+full+"wm.gov.cn", "www."+pa+full+"wm.gov.cn")
		s.Name, s.ParentHost, s.short = short+"文明网", c.Host, short
		s.place = short + [...]string{"县", "县", "市", "区"}[mix(n.seed, uint64(k), 0xc0)%4]
		s.places = townships(n, k)
		sites = append(sites, s)
	}
	return sites
}

// cloneSite copies template t as the k-th generated site of its level:
// its CMS, columns, dates, robots rules, traps and signals; ids and the
// first article's date moved so that sites differ.
func cloneSite(t *site, k int) *site {
	s := &site{
		Site:     t.Site,
		template: t.Host,
		weight:   t.weight,
		start:    t.start.AddDate(0, 0, (k*37)%400),
		cols:     slices.Clone(t.cols),
		groups:   slices.Clone(t.groups),
		dates:    t.dates,
		ext:      t.ext, titleSep: t.titleSep, showAuth: t.showAuth,
		rewrite: t.rewrite, nangong: t.nangong, aidBase: t.aidBase + k%50,
		bareHeader: t.bareHeader, mobile: t.mobile, idBase: t.idBase + (k*7)%300,
		aboutPaths: slices.Clone(t.aboutPaths),
		deadLinks:  slices.Clone(t.deadLinks),
		places:     slices.Clone(t.places),
	}
	if t.docBase > 0 {
		s.docBase = 6200000 + int64(k)*7919
	}
	if t.vsbOwner > 0 {
		s.vsbOwner = t.vsbOwner + int64(k)*1009
	}
	s.Home = ""
	return s
}

// townships are the place names a generated county's texts mention.
func townships(n *namer, k int) []string {
	out := make([]string, 0, 9)
	for x := range 8 {
		h := mix(n.seed, uint64(k), uint64(x), 0x70)
		a, _ := syllable(placeHeads[h%uint64(len(placeHeads))])
		b, _ := syllable(placeTails[(h>>20)%uint64(len(placeTails))])
		out = append(out, a+b+[...]string{"镇", "乡", "街道", "镇"}[(h>>40)%4])
	}
	return append(out, "县教育局")
}

// hostAbbr is the prefix of a province's host (hb of hb.wenming.cn).
func (s *site) hostAbbr() string {
	if s.abbr != "" {
		return s.abbr
	}
	return strings.Split(s.Host, ".")[0]
}

// nameGenerated fills what a generated site takes from the sites below
// it, once the hierarchy is linked: a city's and a province's places, and
// the names of a city's county-news columns (南宫市 on 邢台's copies).
func nameGenerated(sites []*site) {
	for _, s := range sites {
		if s.template == "" || s.Level == "county" {
			continue
		}
		var below []string
		for _, c := range s.children {
			below = append(below, sites[c].place)
		}
		if len(below) > 0 {
			s.places = below
		}
		k := 0
		for i, col := range s.cols {
			if col.place == "" {
				continue
			}
			place := s.places[k%len(s.places)]
			if k < len(s.children) {
				place = sites[s.children[k]].place
			}
			short := col.name != col.place
			s.cols[i].place, s.cols[i].name = place, place
			if short {
				s.cols[i].name = strings.TrimRight(place, "县市区")
			}
			k++
		}
	}
}
