package crawl

import (
	"net/url"
	"testing"

	"github.com/wenming-archive/wenming/internal/article"
)

func TestReadStrip(t *testing.T) {
	// A county homepage: top strip of ancestors, then its own nav, then a
	// link block with siblings and links out of the hierarchy.
	anchors := []anchor{
		{"http://www.wenming.cn/", "中国文明网"},
		{"http://hb.wenming.cn/", "【河北文明网】"},
		{"http://xt.wenming.cn/", "邢台文明网"},
		{"http://www.ngwm.gov.cn/", "首页"},
		{"http://www.ngwm.gov.cn/portal.php?mod=list&catid=2", "“双争”活动"},
		{"http://www.wxwm.gov.cn/", "威县文明网"},
		{"http://www.gov.cn/", "中国政府网"},
		{"https://weibo.com/wenming", "官方微博"},
		{"http://www.wenming.cn/a/yw/", "要闻"},
	}
	anc, others := readStrip(anchors, "www.ngwm.gov.cn")
	if len(anc) != 3 || anc[0].Text != "中国文明网" || anc[1].Text != "河北文明网" || anc[2].Text != "邢台文明网" {
		t.Fatalf("ancestors = %v", anc)
	}
	if len(others) != 1 || others[0].Text != "威县文明网" {
		t.Fatalf("others = %v", others)
	}
}

func TestSitesLineage(t *testing.T) {
	s, err := openSites("", article.County, []string{"bad.wenming.cn"})
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
	deep, _ := openSites("", article.City, nil)
	if deep.add(siteEntry{Site: article.Site{Host: "c.cn", Name: "某县文明网", Level: article.County}}) {
		t.Error("site below max_level added")
	}
}

func TestTRSPager(t *testing.T) {
	page, _ := url.Parse("http://www.wenming.cn/a/yw/index_2.shtml")
	body := []byte(`<script>createPageHTML(4, 2, "index", "shtml");</script>`)
	got := trsPager(body, page)
	want := []string{
		"http://www.wenming.cn/a/yw/index.shtml",
		"http://www.wenming.cn/a/yw/index_1.shtml",
		"http://www.wenming.cn/a/yw/index_2.shtml",
		"http://www.wenming.cn/a/yw/index_3.shtml",
	}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("page %d = %s, want %s", i, got[i], want[i])
		}
	}
	if trsPager([]byte("no pager"), page) != nil {
		t.Error("pager found where there is none")
	}
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
