package crawl

import (
	"errors"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/PuerkitoBio/goquery"

	"testing"

	"github.com/wenming-archive/wenming/internal/article"
)

func TestReadStrip(t *testing.T) {
	// A county homepage: top strip of ancestors, then its own nav, then a
	// link block with siblings and links out of the hierarchy.
	anchors := []anchor{
		{URL: "http://www.wenming.cn/", Text: "中国文明网"},
		{URL: "http://hb.wenming.cn/", Text: "【河北文明网】"},
		{URL: "http://xt.wenming.cn/", Text: "邢台文明网"},
		{URL: "http://www.ngwm.gov.cn/", Text: "首页"},
		{URL: "http://www.ngwm.gov.cn/portal.php?mod=list&catid=2", Text: "“双争”活动"},
		{URL: "http://www.wxwm.gov.cn/", Text: "威县文明网"},
		{URL: "http://www.gov.cn/", Text: "中国政府网"},
		{URL: "https://weibo.com/wenming", Text: "官方微博"},
		{URL: "http://www.wenming.cn/a/yw/", Text: "要闻"},
	}
	anc, others := readStrip(anchors, "www.ngwm.gov.cn")
	if len(anc) != 3 || anc[0].Text != "中国文明网" || anc[1].Text != "河北文明网" || anc[2].Text != "邢台文明网" {
		t.Fatalf("ancestors = %v", anc)
	}
	if len(others) != 1 || others[0].Text != "威县文明网" {
		t.Fatalf("others = %v", others)
	}
}

func TestSiteLinkShortNames(t *testing.T) {
	tests := []struct {
		a    anchor
		want string // host, "" = not a member site
	}{
		{anchor{URL: "http://cd.wenming.cn/", Text: "成都", InBlock: true}, "cd.wenming.cn"},
		{anchor{URL: "http://www.ngwm.gov.cn/", Text: "南宫", InBlock: true}, "www.ngwm.gov.cn"},
		{anchor{URL: "http://www.ngwm.gov.cn/", Text: "南宫"}, ""}, // a place name outside a member block
		{anchor{URL: "http://www.nangong.gov.cn/", Text: "南宫市人民政府", InBlock: true}, ""},
		{anchor{URL: "http://www.hebnews.cn/", Text: "河北新闻网", InBlock: true}, ""},
		{anchor{URL: "http://www.xinhuawm.gov.cn/", Text: "新华", InBlock: true}, "www.xinhuawm.gov.cn"}, // 新华区, by place only
		{anchor{URL: "http://www.xinhuanet.com/", Text: "新华网", InBlock: true}, ""},
		{anchor{URL: "http://hb.wenming.cn/", Text: "【河北文明网】"}, "hb.wenming.cn"},
		{anchor{URL: "http://hb.wenming.cn/gztb/", Text: "河北文明网工作通报"}, ""}, // not a homepage
		{anchor{URL: "http://www.ngwm.gov.cn/portal.php", Text: "南宫文明网"}, "www.ngwm.gov.cn"},
		{anchor{URL: "http://www.qhwmw.gov.cn/", Text: "清河", InLinks: true}, "www.qhwmw.gov.cn"},
		{anchor{URL: "http://hbzd.wenming.cn/", Text: "正定", InLinks: true}, "hbzd.wenming.cn"},
		{anchor{URL: "http://www.nangong.gov.cn/", Text: "南宫市", InLinks: true}, ""}, // a government portal
		{anchor{URL: "http://www.wm.gov.cn/", Text: "中国政府网", InLinks: true}, ""},    // not a member by name
	}
	for _, tt := range tests {
		host, _, ok := siteLink(tt.a, "xt.wenming.cn")
		if (tt.want != "") != ok || host != tt.want {
			t.Errorf("siteLink(%+v) = %q %v, want %q", tt.a, host, ok, tt.want)
		}
	}
}

func TestInSiteBlock(t *testing.T) {
	page := `<html><body><div class="yqlj"><div class="tit"><h3>友情链接</h3><ul class="tab"><li>中国文明网联盟</li><li>地级市网站</li><li>县级市和县网站</li></ul></div>
<div class="con"><ul><li><a id="in" href="http://cd.wenming.cn/">成都</a></li></ul></div></div>
<div class="links"><h3>友情链接</h3><ul><li><a id="out" href="http://www.gov.cn/">中国政府网</a></li></ul></div></body></html>`
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	if m, _ := inSiteBlock(doc.Find("#in")); !m {
		t.Error("link in the member tab box not recognised")
	}
	if m, l := inSiteBlock(doc.Find("#out")); m || !l {
		t.Errorf("link in a generic 友情链接 list: member %v, links %v", m, l)
	}
}

func TestSitesLineage(t *testing.T) {
	s, err := openSites("", nil, article.County, []string{"bad.wenming.cn"})
	if err != nil {
		t.Fatal(err)
	}
	s.add(siteEntry{Site: article.Site{Host: "www.wenming.cn", Name: "中国文明网", Level: article.National}, Fixed: true})
	s.add(siteEntry{Site: article.Site{Host: "hb.wenming.cn", Name: "河北文明网", Level: article.Province}, Parent: "www.wenming.cn"})
	// Seen first in a sibling's link block: provisional place.
	s.add(siteEntry{Site: article.Site{Host: "shjz.wenming.cn", Name: "石家庄文明网", Level: article.County}, Parent: "xt.wenming.cn"})
	s.place("shjz.wenming.cn", "hb.wenming.cn", article.City)
	got := s.lineage("shjz.wenming.cn")
	want := []string{"中国文明网", "河北文明网", "石家庄文明网"}
	if len(got) != 3 {
		t.Fatalf("lineage = %v", got)
	}
	for i := range want {
		if got[i].Name != want[i] {
			t.Fatalf("lineage = %v, want %v", got, want)
		}
	}
	if got[2].Level != article.City {
		t.Errorf("level = %s", got[2].Level)
	}
	if s.add(siteEntry{Site: article.Site{Host: "bad.wenming.cn", Name: "x", Level: article.City}}) {
		t.Error("excluded host added")
	}
	deep, _ := openSites("", nil, article.City, nil)
	if deep.add(siteEntry{Site: article.Site{Host: "c.cn", Name: "某县文明网", Level: article.County}}) {
		t.Error("site below max_level added")
	}
}

// TestSharedPlaceReachesEveryProcess: two crawl processes share the site
// registry. One meets a county in its province's link block (a provisional
// place under the province), the other holds that entry when the first
// reads the county's homepage and fixes the place under its city. A
// request of the county taken by the second then reads its lineage as
// fixed, names included, and its own save of the stale entry does not
// undo the place.
func TestSharedPlaceReachesEveryProcess(t *testing.T) {
	store := &memSiteStore{entries: map[string][]byte{}}
	a, _ := openSites("", store, article.County, nil)
	a.add(siteEntry{Site: article.Site{Host: "www.sn", Name: "陕西文明网", Level: article.Province}, Fixed: true})
	a.add(siteEntry{Site: article.Site{Host: "xd.sn", Name: "新定", Level: article.City}, Parent: "www.sn"})
	if err := a.save(); err != nil {
		t.Fatal(err)
	}
	b, _ := openSites("", store, article.County, nil)
	if e, ok := b.get("xd.sn"); !ok || e.Fixed {
		t.Fatalf("the second process holds %+v, %v; want the provisional place", e, ok)
	}

	a.add(siteEntry{Site: article.Site{Host: "yl.sn", Name: "榆林文明网", Level: article.City}, Parent: "www.sn", Fixed: true})
	a.place("xd.sn", "yl.sn", article.County)
	a.setName("xd.sn", "新定文明网")
	if err := a.save(); err != nil {
		t.Fatal(err)
	}
	// The second process learns the full name from a link block and
	// saves its entry, still provisional there.
	b.setName("xd.sn", "新定文明网")
	if err := b.save(); err != nil {
		t.Fatal(err)
	}
	b.lookup("xd.sn", true)
	var got []string
	for _, s := range b.lineage("xd.sn") {
		got = append(got, s.Name)
	}
	if want := []string{"陕西文明网", "榆林文明网", "新定文明网"}; !slices.Equal(got, want) {
		t.Errorf("lineage in the second process %v, want %v", got, want)
	}
	if n := store.loads; n != 4 {
		t.Errorf("%d reads of the registry, want 4 (two opens, the county, then its city)", n)
	}
	if e := string(store.entries["xd.sn"]); !strings.Contains(e, `"parent":"yl.sn"`) {
		t.Errorf("the registry lost the fixed place: %s", e)
	}
	b.lookup("xd.sn", true)
	if n := store.loads; n != 4 {
		t.Errorf("a settled lineage read the registry again (%d reads)", n)
	}
}

// memSiteStore is a SiteStore in memory, keeping a fixed place against a
// provisional one as pgstore.Sites does; it counts its reads.
type memSiteStore struct {
	mu      sync.Mutex
	entries map[string][]byte
	loads   int
}

func (m *memSiteStore) LoadSites(hosts ...string) (map[string][]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.loads++
	if len(hosts) == 0 {
		return maps.Clone(m.entries), nil
	}
	out := map[string][]byte{}
	for _, h := range hosts {
		if v, ok := m.entries[h]; ok {
			out[h] = v
		}
	}
	return out, nil
}

func (m *memSiteStore) SaveSites(entries map[string][]byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for h, v := range entries {
		if strings.Contains(string(m.entries[h]), `"fixed":true`) && !strings.Contains(string(v), `"fixed":true`) {
			continue
		}
		m.entries[h] = v
	}
	return nil
}

func TestProductToken(t *testing.T) {
	for in, want := range map[string]string{
		"wenming/0.1 (archival crawler)": "wenming",
		"Wenming":                        "wenming",
		"my bot":                         "my",
	} {
		if got := productToken(in); got != want {
			t.Errorf("productToken(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestResolveSites(t *testing.T) {
	dir := t.TempDir()
	reg, err := openSites(filepath.Join(dir, "sites.json"), nil, article.County, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []siteEntry{
		{Site: article.Site{Host: "xt.wenming.cn", Name: "邢台文明网", Level: article.City}, Home: "http://xt.wenming.cn/", Parent: "hb.wenming.cn", Fixed: true},
		{Site: article.Site{Host: "xh.sjz.example.cn", Name: "新华区文明网", Level: article.County}, Home: "http://xh.sjz.example.cn/", Parent: "xt.wenming.cn"},
		{Site: article.Site{Host: "xh.cz.example.cn", Name: "新华区文明网", Level: article.County}, Home: "http://xh.cz.example.cn/", Parent: "xt.wenming.cn"},
	} {
		reg.add(e)
	}
	if err := reg.save(); err != nil {
		t.Fatal(err)
	}
	opts := Options{
		StateDir:     dir,
		Seeds:        []SiteSpec{{URL: "http://www.wenming.cn/", Name: "中国文明网"}},
		Sites:        []SiteSpec{{URL: "http://hb.wenming.cn/", Name: "河北文明网", Level: article.Province, Parent: "www.wenming.cn"}},
		ExcludeHosts: []string{"bad.wenming.cn"},
	}
	hosts, err := ResolveSites(opts, []string{"邢台", "http://HB.wenming.cn/index.html", "xt.wenming.cn", "中国文明网"})
	if err != nil || !slices.Equal(hosts, []string{"xt.wenming.cn", "hb.wenming.cn", "www.wenming.cn"}) {
		t.Errorf("resolved %v, %v", hosts, err)
	}
	for _, c := range []struct {
		given string
		check func(*UnknownSiteError) bool
	}{
		{"xt.wenmimg.cn", func(e *UnknownSiteError) bool {
			return slices.Equal(e.Similar, []string{"xt.wenming.cn (邢台文明网)"})
		}},
		{"bj.wenming.cn", func(e *UnknownSiteError) bool { return len(e.Similar) == 0 && e.Known == 5 }}, // no place two letters away
		{"新华区", func(e *UnknownSiteError) bool { return e.Ambiguous && len(e.Similar) == 2 }},
		{"邢台市", func(e *UnknownSiteError) bool {
			return slices.Equal(e.Similar, []string{"xt.wenming.cn (邢台文明网)"})
		}},
		{"bad.wenming.cn", func(e *UnknownSiteError) bool { return e.Excluded }},
	} {
		_, err := ResolveSites(opts, []string{c.given})
		var ue *UnknownSiteError
		if !errors.As(err, &ue) || !c.check(ue) {
			t.Errorf("%s: %v (%+v)", c.given, err, ue)
		}
	}
	// The registry is named where it lists the sites an earlier crawl
	// found; on a new archive there is none to name.
	for _, c := range []struct{ stateDir, want string }{
		{dir, "(5 known, listed in " + filepath.Join(dir, "sites.json") + ")"},
		{t.TempDir(), "(2 known)"},
	} {
		o := opts
		o.StateDir = c.stateDir
		if _, err := ResolveSites(o, []string{"bj.wenming.cn"}); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("state in %s: %v; want it to say %q", c.stateDir, err, c.want)
		}
	}
}

// TestReadStripRedirector reads member sites a homepage links through its
// own click-counting redirector (EmpireCMS's GotoSite and the like).
func TestReadStripRedirector(t *testing.T) {
	anchors := []anchor{
		{URL: "http://www.xtwmw.gov.cn/e/public/GotoSite/?lid=1&url=http%3A%2F%2Fwww.wenming.cn%2F", Text: "中国文明网"},
		{URL: "http://www.xtwmw.gov.cn/", Text: "首页"},
		{URL: "http://www.xtwmw.gov.cn/e/public/GotoSite/?lid=7&url=http%3A%2F%2Fwww.ngwm.gov.cn%2F", Text: "南宫文明网"},
		{URL: "http://www.xtwmw.gov.cn/go.php?url=https://www.wxwm.gov.cn/", Text: "威县文明网"},
		{URL: "http://www.xtwmw.gov.cn/e/action/ShowInfo.php?classid=2&id=9", Text: "文明网新闻"},
		{URL: "http://service.weibo.com/share/share.php?url=http%3A%2F%2Fwww.qhwmw.gov.cn%2F", Text: "清河文明网"}, // not the site's own
	}
	anc, others := readStrip(anchors, "www.xtwmw.gov.cn")
	if len(anc) != 1 || anc[0].URL != "http://www.wenming.cn/" {
		t.Errorf("ancestors = %v", anc)
	}
	var got []string
	for _, a := range others {
		got = append(got, a.URL)
	}
	if want := []string{"http://www.ngwm.gov.cn/", "https://www.wxwm.gov.cn/"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("others = %v, want %v", got, want)
	}
}

// TestReadStripOfAPageWithoutItself checks that a page never linking its
// own site (an inline frame holding a member list) has no top strip: its
// 文明网 links are all others; one linking the site by its other name
// (www. before the bare domain it was listed at) keeps its strip.
func TestReadStripOfAPageWithoutItself(t *testing.T) {
	frame := []anchor{{URL: "http://jx.wenming.cn/", Text: "江西文明网"}, {URL: "http://hn.wenming.cn/", Text: "河南文明网"}}
	if anc, others := readStrip(frame, "www.wenming.cn"); len(anc) != 0 || len(others) != 2 {
		t.Errorf("a member frame: ancestors %v, others %v; want none and both", anc, others)
	}
	twin := []anchor{{URL: "http://www.wenming.cn/", Text: "中国文明网"}, {URL: "http://www.xian.gov.cn/news/", Text: "新闻"}}
	if anc, others := readStrip(twin, "xian.gov.cn"); len(anc) != 1 || len(others) != 0 {
		t.Errorf("a homepage linking its www. twin: ancestors %v, others %v; want the strip's one", anc, others)
	}
}
