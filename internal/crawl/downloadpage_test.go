package crawl

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/internal/article"
)

// downloadPageLinks are the articles of the download-page web with the
// attachments each links (href, link text): behind a DedeCMS download
// page (/d/1.html, and /d/5.html linking the same one), a PHPCMS one
// (/d/2.html), a site's own DownFile.aspx page (/d/3.html: one offering
// a document robots.txt disallows), and three HTML answers that are no
// download page (/d/4.html: a login wall, a 404 dressed as 200, a
// redirect to the site's home), and a download page whose document
// answers another (/d/6.html: one hop only).
var downloadPageLinks = map[string][][2]string{
	"/d/1.html": {{"/plus/download.php?open=0&aid=5&cid=1", "点击下载名单"}},
	"/d/2.html": {{"/index.php?m=content&c=down&a=init&catid=6&id=31", "附件：评分细则"}},
	"/d/3.html": {{"/DownFile.aspx?path=/upload/2024/0315/notice.pdf", "通知.pdf"}, {"/DownFile.aspx?path=/private/list.pdf", "内部名单.pdf"}},
	"/d/4.html": {{"/up/login.doc", "申报表.doc"}, {"/up/gone.pdf", "登记表.pdf"}, {"/up/home.xls", "汇总表.xls"}},
	"/d/5.html": {{"/plus/download.php?open=0&aid=5&cid=1", "文明单位名单"}},
	"/d/6.html": {{"/DownFile.aspx?path=/upload/2024/0316/chain.pdf", "材料.pdf"}},
}

// downloadPageWeb serves, as a proxy answers, the county site
// top.wenming.test whose articles link attachments behind download pages
// (downloadPageLinks); the generic download page comes gzipped. Every
// request is counted.
func downloadPageWeb(t *testing.T) (*httptest.Server, *hitCounter) {
	return pageWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		if offHost(w, r, "top.wenming.test") {
			return
		}
		p, q := r.URL.Path, r.URL.Query()
		switch {
		case p == "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		case p == "/":
			page("顶层文明网", homeWithManyLinks())
		case downloadPageLinks[p] != nil:
			page(attachmentArticle(p, downloadPageLinks[p]))
		case p == "/plus/download.php" && q.Get("open") == "0" && q.Get("aid") == "5":
			// DedeCMS's download_links_templet: the article, a related
			// download page, the file's link (open=1).
			fmt.Fprint(w, `<html><head><title>文明单位名单 - 下载</title></head><body><div class="dlbox"><h2><a href="/d/1.html">文明单位名单</a></h2>`+
				`<p>相关下载：<a href="/plus/download.php?open=0&aid=6&cid=1">评分细则</a></p>`+
				`<ul class="downurllist"><li><a href='/plus/download.php?open=1&aid=5&cid=1&uhash=9f3c' target='_blank'>本地下载</a></li></ul></div></body></html>`)
		case p == "/plus/download.php" && q.Get("open") == "1":
			http.Redirect(w, r, "/uploads/soft/240315/1-2403150912.xls", http.StatusFound)
		case p == "/index.php" && q.Get("a") == "init":
			// PHPCMS's content/download.html, header and footer included.
			fmt.Fprint(w, `<html><head><title>评分细则 - 下载</title></head><body><div class="header"><a href="/">首页</a><a href="/n/">工作动态</a><a href="/n/?t=2">通知公告</a>`+
				`<a href="/n/?t=3">志愿服务</a><a href="/n/?t=4">道德模范</a></div><div class="main"><h1>评分细则</h1><p>文件大小：24 KB</p>`+
				`<a href="/index.php?m=content&c=down&a=download&a_k=b3f1e8" class="xzdz">点击下载</a></div><div class="footer"><a href="/about.html">关于我们</a></div></body></html>`)
		case p == "/DownFile.aspx":
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gzipped(fmt.Sprintf(`<html><head><title>文件下载</title></head><body><p>文件：<a href="%s">%s</a></p><p><a href="/">返回首页</a></p></body></html>`,
				q.Get("path"), q.Get("path")[strings.LastIndex(q.Get("path"), "/")+1:])))
		case p == "/upload/2024/0316/chain.pdf":
			fmt.Fprint(w, `<html><body>文件下载：<a href="/upload/2024/0316/final.pdf">final.pdf</a></body></html>`)
		case p == "/up/login.doc":
			fmt.Fprint(w, `<html><body><form action="/login.php" method="post">用户名<input name="user">密码<input name="pass" type="password"></form>`+
				`<a href="/register.php">注册</a><a href="/">首页</a></body></html>`)
		case p == "/up/gone.pdf":
			fmt.Fprint(w, `<html><body>文件不存在 <a href="/">返回首页</a></body></html>`)
		case p == "/up/home.xls":
			http.Redirect(w, r, "/", http.StatusFound)
		case strings.HasPrefix(p, "/uploads/") || strings.HasPrefix(p, "/upload/") || strings.HasPrefix(p, "/private/") || p == "/index.php" || strings.HasPrefix(p, "/up/"):
			w.Header().Set("Content-Type", "application/octet-stream")
			fmt.Fprintf(w, "\xd0\xcf\x11\xe0 document %s", r.URL.RequestURI())
		default:
			http.NotFound(w, r)
		}
	})
}

// homeWithManyLinks is the site's home: its articles under many links,
// as a home's columns link them, and a document (a notice's .pdf).
func homeWithManyLinks() string {
	var b strings.Builder
	for i := range 40 {
		fmt.Fprintf(&b, `<a href="/d/%d.html#c%d">栏目%d</a>`, i%len(downloadPageLinks)+1, i, i)
	}
	b.WriteString(`<a href="/up/home-notice.pdf">公告.pdf</a>`)
	return b.String()
}

// recordSink is a urlSink that answers Options.Archived with a copy of
// the record it holds, as a store does.
type recordSink struct{ urlSink }

func (s *recordSink) archived(u string) (*article.Article, bool) {
	a := s.get(u)
	if a == nil {
		return nil, false
	}
	cp := *a
	cp.Attachments = slices.Clone(a.Attachments)
	return &cp, true
}

// TestDownloadPages crawls the download-page web with
// crawl.capture_attachments on: an attachment answered by a download
// page (DedeCMS's, PHPCMS's, a site's own, gzipped) leads to the
// document it offers, fetched once, and the records of the articles
// linking the page list that document; an HTML answer that is no
// download page is neither followed nor replaced; a second crawl fetches
// neither the pages nor the documents again and its records still list
// the documents.
func TestDownloadPages(t *testing.T) {
	srv, hits := downloadPageWeb(t)
	dir := t.TempDir()
	sink := &recordSink{}
	opts := Options{Workers: 3, PerHost: 2, CaptureAttachments: true, Archived: sink.archived}
	sum := crawlRecorded(t, srv.URL, dir, opts, sink.store)

	const site = "http://top.wenming.test"
	dede := article.Attachment{URL: site + "/plus/download.php?open=1&aid=5&cid=1&uhash=9f3c", Via: site + "/plus/download.php?open=0&aid=5&cid=1"}
	want := map[string][]article.Attachment{
		"/d/1.html": {{URL: dede.URL, Name: "点击下载名单", Via: dede.Via}},
		"/d/5.html": {{URL: dede.URL, Name: "文明单位名单", Via: dede.Via}},
		"/d/2.html": {{URL: site + "/index.php?m=content&c=down&a=download&a_k=b3f1e8", Name: "附件：评分细则", Via: site + "/index.php?m=content&c=down&a=init&catid=6&id=31"}},
		"/d/3.html": {{URL: site + "/upload/2024/0315/notice.pdf", Name: "通知.pdf", Via: site + "/DownFile.aspx?path=/upload/2024/0315/notice.pdf"},
			{URL: site + "/private/list.pdf", Name: "内部名单.pdf", Via: site + "/DownFile.aspx?path=/private/list.pdf"}},
		"/d/4.html": {{URL: site + "/up/login.doc", Name: "申报表.doc"}, {URL: site + "/up/gone.pdf", Name: "登记表.pdf"}, {URL: site + "/up/home.xls", Name: "汇总表.xls"}},
		"/d/6.html": {{URL: site + "/upload/2024/0316/chain.pdf", Name: "材料.pdf", Via: site + "/DownFile.aspx?path=/upload/2024/0316/chain.pdf"}},
	}
	checkRecords := func(run string) {
		t.Helper()
		for p, w := range want {
			a := sink.get(site + p)
			if a == nil {
				t.Fatalf("%s: %s not archived", run, p)
			}
			if !slices.Equal(a.Attachments, w) {
				t.Errorf("%s: %s: attachments %v, want %v", run, p, a.Attachments, w)
			}
		}
	}
	checkRecords("first crawl")

	fetched := map[string]int{ // as fetched: canonical, the query sorted
		"/plus/download.php?aid=5&cid=1&open=0":             1, // the page two articles link, once
		"/plus/download.php?aid=5&cid=1&open=1&uhash=9f3c":  1,
		"/uploads/soft/240315/1-2403150912.xls":             1,
		"/plus/download.php?aid=6&cid=1&open=0":             0, // another download page: one hop only
		"/index.php?a=init&c=down&catid=6&id=31&m=content":  1,
		"/index.php?a=download&a_k=b3f1e8&c=down&m=content": 1,
		"/DownFile.aspx?path=/upload/2024/0315/notice.pdf":  1,
		"/upload/2024/0315/notice.pdf":                      1,
		"/private/list.pdf":                                 0, // robots.txt
		"/up/home-notice.pdf":                               0, // the home is no download page
		"/register.php":                                     0, // nor is the login wall
		"/upload/2024/0316/chain.pdf":                       1,
		"/upload/2024/0316/final.pdf":                       0, // a second hop
	}
	for path, n := range fetched {
		if got := hits.requests("top.wenming.test" + path); got != n {
			t.Errorf("%s fetched %d times, want %d", path, got, n)
		}
	}
	wantSum := AttachmentSummary{Captured: 3, NotImage: 4, Robots: 1, DownloadPages: 5}
	if sum.Attachments != wantSum {
		t.Errorf("attachments %+v, want %+v", sum.Attachments, wantSum)
	}
	if len(sum.Errors) != 0 {
		t.Errorf("errors %v: want none", sum.Errors)
	}

	// A second crawl: the download pages and the documents captured
	// before are not asked again; the records still list the documents.
	sum2 := crawlRecorded(t, srv.URL, dir, opts, sink.store)
	checkRecords("second crawl")
	for _, path := range []string{"/plus/download.php?aid=5&cid=1&open=0", "/index.php?a=init&c=down&catid=6&id=31&m=content", "/index.php?a=download&a_k=b3f1e8&c=down&m=content",
		"/DownFile.aspx?path=/upload/2024/0315/notice.pdf", "/upload/2024/0315/notice.pdf"} {
		if got := hits.requests("top.wenming.test" + path); got != fetched[path] {
			t.Errorf("second crawl: %s fetched %d times in both crawls, want %d", path, got, fetched[path])
		}
	}
	if sum2.Attachments.DownloadPages != 0 {
		t.Errorf("second crawl's attachments %+v: want no download page read again", sum2.Attachments)
	}
}

// TestOfferedDocument: what answer to an attachment request is a
// download page, and which document it offers.
func TestOfferedDocument(t *testing.T) {
	c, _ := newTestCrawler(t, "http://127.0.0.1:9", t.TempDir(), Options{}, (&urlSink{}).store)
	const page = "http://x.gov.cn/plus/download.php?aid=5&cid=1&open=0"
	links := func(n int, href string) string {
		return strings.Repeat(`<a href="`+href+`">链接</a>`, n)
	}
	for _, tc := range []struct {
		name, body, want string
	}{
		{"one file", `<a href="/uploads/a.doc">本地下载</a>`, "http://x.gov.cn/uploads/a.doc"},
		{"mirrors of one file", `<a href="/uploads/a.doc">本地下载</a><a href="http://dl.x.gov.cn/uploads/a.doc">电信下载</a>`, "http://x.gov.cn/uploads/a.doc"},
		{"the file's script form after another page's", `<a href="/plus/download.php?open=0&aid=6">相关</a><a href="/plus/download.php?open=1&aid=5">下载</a>`, "http://x.gov.cn/plus/download.php?open=1&aid=5"},
		{"a link to itself only", `<a href="/plus/download.php?open=0&aid=5&cid=1">刷新</a>`, ""},
		{"a download list", `<a href="/1.pdf">1</a><a href="/2.pdf">2</a><a href="/3.pdf">3</a><a href="/4.pdf">4</a><a href="/5.pdf">5</a>`, ""},
		{"a home", links(maxDownloadPageLinks, "/n/1.html") + `<a href="/up/a.pdf">公告</a>`, ""},
		{"a login wall", `<form action="/login.php"><input name="u"></form><a href="/reg.php">注册</a>`, ""},
		{"too long to be one", `<a href="/uploads/a.doc">下载</a><!--` + strings.Repeat("x", maxDownloadPageBytes) + `-->`, ""},
	} {
		body := []byte("<html><body>" + tc.body + "</body></html>")
		if len(body) > maxDownloadPageBytes {
			body = body[:maxDownloadPageBytes] // the guard keeps no more
		}
		final, _ := url.Parse(page)
		doc, ok := c.offeredDocument(page, final, "text/html; charset=utf-8", body)
		if ok != (tc.want != "") || doc.URL != tc.want {
			t.Errorf("%s: offers %q (%v), want %q", tc.name, doc.URL, ok, tc.want)
		}
	}
}
