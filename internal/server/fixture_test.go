package server_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/server"
	"github.com/wenming-archive/wenming/internal/store"
	"github.com/wenming-archive/wenming/internal/warc"
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
	srv, _ := newTestServerDir(t, arts)
	return srv
}

// newTestServerDir is newTestServer, also returning the archive's
// directory.
func newTestServerDir(t testing.TB, arts []*article.Article, configure ...func(*server.Options)) (*httptest.Server, string) {
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
	warcDir := filepath.Join(dir, "warc")
	writeCaptures(t, warcDir, arts)
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
	opts := server.Options{WARCDir: warcDir}
	for _, f := range configure {
		f(&opts)
	}
	ix.SetBodies(archive.Bodies(st))
	h := server.New(ix, st, opts)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, dir
}

// recordFrom fetches urls through a WARC recorder writing into dir, with
// origin serving them as an HTTP proxy, and returns the capture of the
// first (the article's page).
func recordFrom(t testing.TB, origin http.Handler, dir string, urls ...string) *article.Capture {
	t.Helper()
	proxy := httptest.NewServer(origin)
	defer proxy.Close()
	rec, err := warc.Open(warc.Options{Dir: dir, Proxy: proxy.URL})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range urls {
		resp, err := rec.Client().Get(u)
		if err != nil {
			t.Fatal(err)
		}
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	c, ok := rec.Lookup(urls[0])
	if !ok {
		t.Fatalf("%s was not recorded", urls[0])
	}
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	return &article.Capture{File: c.File, Offset: c.Offset, Length: c.Length, Time: c.Time}
}

// removeWARCs deletes the WARC files of the archive in dir.
func removeWARCs(t testing.TB, dir string) {
	if err := os.RemoveAll(filepath.Join(dir, "warc")); err != nil {
		t.Fatal(err)
	}
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

// hostileMarkup is what a captured page could carry to run script, leave
// the archive or fetch the live web; a replay must neutralise all of it.
// A script that ran would write PWNED into the page.
const hostileMarkup = `<meta http-equiv="refresh" content="0;url=https://evil.example/">
<base href="/">
<script>document.title='PWNED';document.body.innerHTML='PWNED'</script>
<link rel="stylesheet" href="https://evil.example/s.css">`

// capturePage is the HTML an article's site served, in GBK: its title and
// body, links to every other article (relative where they share a host)
// and one to a page the archive does not hold, an image, and hostile
// markup.
func capturePage(a *article.Article, arts []*article.Article) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>` +
		html.EscapeString(a.Title) + `</title>` + hostileMarkup + `</head><body onload="document.body.innerHTML='PWNED'">`)
	b.WriteString(`<h1 onclick="alert(1)">` + html.EscapeString(a.Title) + `</h1><ul class="related">`)
	for _, o := range arts {
		if o != a {
			fmt.Fprintf(&b, `<li><a href="%s">%s</a></li>`, html.EscapeString(o.URL), html.EscapeString(o.Title))
		}
	}
	b.WriteString(`<li><a href="/not-archived.html">栏目首页</a></li></ul><img src="/pic.jpg" onerror="document.body.innerHTML='PWNED'">`)
	for _, p := range strings.Split(a.Body, "\n") {
		b.WriteString("<p>" + html.EscapeString(p) + "</p>")
	}
	b.WriteString(`<form action="https://evil.example/post" method="post"><input name="q"><button>提交</button></form></body></html>`)
	return b.String()
}

// writeCaptures writes a WARC response record of each article with a
// publish date into dir (the archive's records, as the crawler writes
// them: one gzip member each) and sets its Capture.
func writeCaptures(t testing.TB, dir string, arts []*article.Article) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	const file = "wenming-20240601120000-00000.warc.gz"
	var out bytes.Buffer
	for _, a := range arts {
		if a.Published.IsZero() {
			continue // one article without a capture
		}
		body, err := simplifiedchinese.GBK.NewEncoder().String(capturePage(a, arts))
		if err != nil {
			t.Fatal(err)
		}
		httpMsg := "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body
		rec := "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: " + a.URL + "\r\nWARC-Date: " +
			a.FetchedAt.UTC().Format(time.RFC3339) + "\r\nWARC-Record-ID: <urn:uuid:" + fmt.Sprintf("%08d", out.Len()) +
			"-0000-4000-8000-000000000000>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: " +
			strconv.Itoa(len(httpMsg)) + "\r\n\r\n" + httpMsg + "\r\n\r\n"
		off := int64(out.Len())
		zw := gzip.NewWriter(&out)
		zw.Write([]byte(rec))
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		a.Capture = &article.Capture{File: file, Offset: off, Length: int64(out.Len()) - off, Time: a.FetchedAt}
	}
	if err := os.WriteFile(filepath.Join(dir, file), out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
