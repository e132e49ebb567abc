package server_test

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/server"
	"github.com/wenming-archive/wenming/internal/store"
)

var (
	national = article.Site{Host: "www.wenming.cn", Name: "中国文明网", Level: article.National}
	hebei    = article.Site{Host: "hb.wenming.cn", Name: "河北文明网", Level: article.Province}
	xingtai  = article.Site{Host: "xt.wenming.cn", Name: "邢台文明网", Level: article.City}
	nangong  = article.Site{Host: "ng.wenming.cn", Name: "南宫文明网", Level: article.County}
	beijing  = article.Site{Host: "bj.wenming.cn", Name: "北京文明网", Level: article.Province}
)

func ptr(n int64) *int64 { return &n }

// evil is text a page could carry that must never become markup.
const evil = `<script>alert("x")</script>`

// testArticles is a small archive: a lineage four levels deep, one
// article with markup in its text, one with no date or views.
func testArticles() []*article.Article {
	at := func(y, m, d, h int) time.Time { return time.Date(y, time.Month(m), d, h, 0, 0, 0, article.China) }
	mk := func(url, title, body, column string, lineage []article.Site, pub time.Time, views *int64) *article.Article {
		site := lineage[len(lineage)-1]
		a := &article.Article{
			URL: url, Site: site.Host, SiteName: site.Name, Level: site.Level, Lineage: lineage, Column: column,
			Title: title, Body: body, Published: pub, PublishedPrecision: article.PrecisionMinute, Views: views,
			Source: "南宫市文明办", Author: "李明", Editor: "王芳", FetchedAt: at(2024, 6, 1, 12),
		}
		if views != nil {
			a.ViewHistory = []article.ViewCount{{At: at(2024, 5, 1, 12), Views: *views / 4}, {At: at(2024, 5, 15, 12), Views: *views / 2}, {At: at(2024, 6, 1, 12), Views: *views}}
		}
		return a
	}
	return []*article.Article{
		mk("https://ng.wenming.cn/zyfw/202303/t20230322_1.shtml", "南宫市开展“学雷锋”志愿服务活动",
			"3月22日，南宫市新时代文明实践中心组织志愿者走进社区。\n志愿服务活动内容丰富，群众纷纷点赞。\n\n下一步，南宫市将继续深化志愿服务。",
			"志愿服务", []article.Site{national, hebei, xingtai, nangong}, at(2023, 3, 22, 9), ptr(1234)),
		mk("https://xt.wenming.cn/wmsj/202302/t20230210_2.shtml", "邢台市文明实践站建设观摩会召开",
			"观摩会要求，推动新时代文明实践走深走实。志愿服务队伍不断壮大。", "文明实践",
			[]article.Site{national, hebei, xingtai}, at(2023, 2, 10, 15), ptr(560)),
		mk("https://hb.wenming.cn/yw/202212/t20221201_3.shtml", `河北通报 `+evil+` 网页"注入"测试`,
			`页面正文里出现 `+evil+` 和 "引号"，志愿服务不应被注入。`, "要闻",
			[]article.Site{national, hebei}, at(2022, 12, 1, 10), ptr(88)),
		mk("https://bj.wenming.cn/zyfw/202301/t20230105_4.shtml", "北京志愿者服务冬奥",
			"北京市志愿服务联合会组织志愿者服务冬奥会。", "志愿服务",
			[]article.Site{national, beijing}, at(2023, 1, 5, 8), ptr(3000)),
		mk("https://www.wenming.cn/wmsj/5.shtml", "文明实践在基层", "日期和浏览数不详的文章，讲志愿服务。", "文明实践",
			[]article.Site{national}, time.Time{}, nil),
	}
}

// document is an archived article as the index holds it (what the
// pipeline's Document does, with the levels filled).
func document(a *article.Article) index.Document { return archive.Document(a) }

// newTestServer builds an archive and an index of arts in t.TempDir() and
// serves them on loopback.
func newTestServer(t testing.TB, arts []*article.Article) *httptest.Server {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, "archive.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ix, err := index.Open(filepath.Join(dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	var docs []index.Document
	for _, a := range arts {
		if _, err := st.Put(a); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, document(a))
	}
	if err := ix.Put(docs...); err != nil {
		t.Fatal(err)
	}
	h := server.New(ix, st, server.Options{
		CaptureURL: func(a *article.Article) string { return "/capture/" + server.ArticleID(a.URL) },
	})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// get fetches path from srv and returns the status, content type and body.
func get(t testing.TB, srv *httptest.Server, path string) (int, http.Header, string) {
	t.Helper()
	resp, err := srv.Client().Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b []byte
	buf := make([]byte, 32<<10)
	for {
		n, err := resp.Body.Read(buf)
		b = append(b, buf[:n]...)
		if err != nil {
			break
		}
	}
	return resp.StatusCode, resp.Header, string(b)
}
