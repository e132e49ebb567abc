package main

import (
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/store"
)

// TestSearchByURLAnyCase looks up an article of an IIS site, archived
// under its folded URL (lower-case path and parameter names), by the
// URL as the site links it.
func TestSearchByURLAnyCase(t *testing.T) {
	data := t.TempDir()
	st, err := store.Open(archive.ArticlesPath(data))
	if err != nil {
		t.Fatal(err)
	}
	const folded = "http://www.lcwm.gov.cn/news/show.aspx?id=123"
	a := &article.Article{
		URL: folded, Site: "www.lcwm.gov.cn", SiteName: "临城县文明网", Level: article.County, Column: "工作动态",
		Title: "临城县开展志愿服务活动", Body: "活动现场，\n志愿者们为群众提供服务。",
		Published: time.Date(2024, 5, 2, 9, 30, 0, 0, article.China), FetchedAt: time.Now(),
	}
	if _, err := st.Put(a); err != nil {
		t.Fatal(err)
	}
	st.Close()
	for _, q := range []string{folded, "http://www.lcwm.gov.cn/News/Show.aspx?ID=123", "http://www.lcwm.gov.cn/NEWS/SHOW.ASPX?Id=123#top"} {
		code, out, errOut := wenming(t, "search", "--data", data, q)
		if code != exitOK || !strings.Contains(out, "1 article archived under "+q) || !strings.Contains(out, "    "+folded+"\n") {
			t.Errorf("search %s: code %d\n%s%s", q, code, out, errOut)
		}
	}
}
