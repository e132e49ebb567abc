package crawl

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/warc"
)

// attachmentPages are the articles of the attachment web, with the
// attachments each links (href, link text) in its body and in the 附件
// block below it; /n/3_2.html is the second page of /n/3.html.
var attachmentPages = map[string][][2]string{
	"/n/1.html": {{"/up/notice.doc", "关于开展文明单位评选的通知.doc"}, {"/up/list.pdf", "名单公示.pdf"}, {"/up/rules.xls", "评分细则.xls"},
		{"/private/secret.xls", "内部名单.xls"}, {"http://www.bj.gov.cn/up/b.pdf", "北京文件.pdf"}, {"/up/huge.zip", "全部材料.zip"},
		{"/up/missing.doc", "申报表.doc"}, {"/up/fake.pdf", "登记表.pdf"}},
	"/n/2.html":   {{"/up/rules.xls", "评分细则"}, {"/plus/download.php?open=0&aid=2&cid=1", "点击下载"}},
	"/n/3.html":   nil,
	"/n/3_2.html": {{"/up/page2.docx", "第二页的附件.docx"}},
}

// attachmentWeb serves, as a proxy answers, a county site
// (top.wenming.test) whose three articles link documents: a .doc, a .pdf,
// an .xls two articles link, one behind DedeCMS's download script, one in
// a directory robots.txt disallows, one on another government site, one
// over the cap, a dead one, an HTML page named .pdf, and one on the
// second page of a two-page article. Every request is counted.
func attachmentWeb(t *testing.T) (*httptest.Server, *hitCounter) {
	return pageWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		p := r.URL.Path
		if offHost(w, r, "top.wenming.test") {
			return
		}
		switch {
		case p == "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		case p == "/":
			page("顶层文明网", `<a href="/n/1.html">关于开展文明单位评选的通知</a><a href="/n/2.html">评选细则</a><a href="/n/3.html">志愿服务纪实</a>`)
		case attachmentPages[p] != nil || p == "/n/3.html":
			page(attachmentArticle(p, attachmentPages[p]))
		case p == "/up/missing.doc":
			http.NotFound(w, r)
		case p == "/up/fake.pdf":
			fmt.Fprint(w, `<html><body><script>alert(1)</script>文件不存在</body></html>`)
		case p == "/up/huge.zip":
			w.Header().Set("Content-Type", "application/zip")
			w.Header().Set("Content-Length", strconv.Itoa(maxAttachmentBytes+1))
			w.Write(make([]byte, 64<<10)) // the crawler stops at the header
		case strings.HasPrefix(p, "/up/") || strings.HasPrefix(p, "/private/") || p == "/plus/download.php":
			w.Header().Set("Content-Type", "application/octet-stream")
			fmt.Fprintf(w, "\xd0\xcf\x11\xe0 document %s", r.URL.RequestURI())
		default:
			http.NotFound(w, r)
		}
	})
}

// attachmentArticle is the title and body of the article page p linking
// links: the first in its body, the others in the 附件 block below it.
func attachmentArticle(p string, links [][2]string) (title, body string) {
	title = "文明单位评选" + p
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="article"><h1>%s</h1><div class="info">发布时间：2024-03-15 09:00 来源：本站</div><div class="content">`+
		`<p>为深入推进精神文明建设，经研究决定，开展年度文明单位评选活动，现将有关事项通知如下，请各单位认真组织，按时报送材料。</p>`+
		`<p>各单位要高度重视，严格按照评选标准，坚持公开、公平、公正的原则，做好推荐工作，确保评选质量，接受群众监督。</p>`, title)
	if len(links) > 0 {
		fmt.Fprintf(&b, `<p>请下载<a href="%s">%s</a>填写。</p>`, links[0][0], links[0][1])
	}
	if p == "/n/3.html" || p == "/n/3_2.html" {
		b.WriteString(`</div><div class="pagelist"><a href="3.html">1</a> <a href="3_2.html">2</a></div>`)
	} else {
		b.WriteString(`</div>`)
	}
	if len(links) > 1 {
		b.WriteString(`<div class="attach">附件：<ul>`)
		for _, l := range links[1:] {
			fmt.Fprintf(&b, `<li><a href="%s">%s</a></li>`, l[0], l[1])
		}
		b.WriteString(`</ul></div>`)
	}
	b.WriteString(`</div>`)
	return title, b.String()
}

// crawlAttachments crawls the attachment web srv through a WARC recorder
// writing into dir (a new frontier each time), capturing the attachments
// or not; an earlier run's captures are known from dir's WARC index, as
// the pipeline knows them. It returns the articles and the summary once
// the WARC files are closed and indexed.
func crawlAttachments(t *testing.T, srvURL, dir string, capture bool) (*urlSink, Summary) {
	t.Helper()
	sink := &urlSink{}
	sum := crawlRecorded(t, srvURL, dir, Options{Workers: 3, PerHost: 2, CaptureAttachments: capture}, sink.store)
	sink.wantOnly(t, []string{"http://top.wenming.test/n/1.html", "http://top.wenming.test/n/2.html", "http://top.wenming.test/n/3.html"})
	return sink, sum
}

// TestCaptureAttachments crawls the attachment web with
// crawl.capture_attachments on: each article records the documents its
// pages link, with their link text; those in scope and robots.txt are
// fetched once each and land in the WARC index; the rest are counted as
// the summary says; a second crawl fetches none captured before.
func TestCaptureAttachments(t *testing.T) {
	srv, hits := attachmentWeb(t)
	dir := t.TempDir()
	sink, sum := crawlAttachments(t, srv.URL, dir, true)

	const site = "http://top.wenming.test"
	for _, tc := range []struct {
		page string
		want []article.Attachment
	}{
		{"/n/1.html", []article.Attachment{{URL: site + "/up/notice.doc", Name: "关于开展文明单位评选的通知.doc"}, {URL: site + "/up/list.pdf", Name: "名单公示.pdf"},
			{URL: site + "/up/rules.xls", Name: "评分细则.xls"}, {URL: site + "/private/secret.xls", Name: "内部名单.xls"}, {URL: "http://www.bj.gov.cn/up/b.pdf", Name: "北京文件.pdf"},
			{URL: site + "/up/huge.zip", Name: "全部材料.zip"}, {URL: site + "/up/missing.doc", Name: "申报表.doc"}, {URL: site + "/up/fake.pdf", Name: "登记表.pdf"}}},
		{"/n/2.html", []article.Attachment{{URL: site + "/up/rules.xls", Name: "评分细则"}, {URL: site + "/plus/download.php?open=0&aid=2&cid=1", Name: "点击下载"}}},
		{"/n/3.html", []article.Attachment{{URL: site + "/up/page2.docx", Name: "第二页的附件.docx"}}},
	} {
		a := sink.get(site + tc.page)
		if a == nil {
			t.Fatalf("%s not archived", tc.page)
		}
		if !slices.Equal(a.Attachments, tc.want) {
			t.Errorf("%s: attachments %v, want %v", tc.page, a.Attachments, tc.want)
		}
	}

	captured := map[string]warc.Capture{}
	for c, err := range warc.ReadIndex(dir) {
		if err != nil {
			t.Fatal(err)
		}
		captured[c.URL] = c
	}
	for _, tc := range []struct { // as fetched: canonical, the download script's query sorted
		url    string
		status int
	}{
		{site + "/up/notice.doc", 200}, {site + "/up/list.pdf", 200}, {site + "/up/rules.xls", 200}, {site + "/up/page2.docx", 200},
		{site + "/plus/download.php?aid=2&cid=1&open=0", 200}, {site + "/up/fake.pdf", 200}, {site + "/up/missing.doc", 404},
	} {
		if c, ok := captured[tc.url]; !ok || c.Status != tc.status {
			t.Errorf("%s: captured %v as %d, want %d", tc.url, ok, c.Status, tc.status)
		}
	}
	for _, u := range []string{"http://www.bj.gov.cn/up/b.pdf", site + "/private/secret.xls"} {
		if _, ok := captured[u]; ok {
			t.Errorf("%s is in the WARC index", u)
		}
	}
	// Fetched as canonicalized, the download script's query sorted.
	for path, want := range map[string]int{
		"/up/rules.xls": 1, "/private/secret.xls": 0, "/plus/download.php?aid=2&cid=1&open=0": 1, "/up/page2.docx": 1, "/up/huge.zip": 1,
	} {
		if n := hits.requests("top.wenming.test" + path); n != want {
			t.Errorf("%s fetched %d times, want %d", path, n, want)
		}
	}
	if n, _ := hits.caseless("www.bj.gov.cn"); n != 0 {
		t.Errorf("%d requests to www.bj.gov.cn, a host outside the crawl", n)
	}
	want := AttachmentSummary{Captured: 5, NotImage: 1, TooLarge: 1, Dead: 1, Robots: 1, OffScope: 1}
	if sum.Attachments != want {
		t.Errorf("attachments %+v, want %+v", sum.Attachments, want)
	}
	if sum.Images != (ImageSummary{}) || len(sum.Errors) != 0 {
		t.Errorf("images %+v, errors %v: want none", sum.Images, sum.Errors)
	}

	// A second crawl: the documents captured before are not asked again;
	// the dead one is (no capture), and the one over the cap.
	again := hits.requests("top.wenming.test/up/missing.doc")
	_, sum2 := crawlAttachments(t, srv.URL, dir, true)
	if n := hits.requests("top.wenming.test/up/notice.doc") + hits.requests("top.wenming.test/up/rules.xls"); n != 2 {
		t.Errorf("documents captured before fetched again: %d requests in both crawls, want 2", n)
	}
	if hits.requests("top.wenming.test/up/missing.doc") != again+1 {
		t.Error("the dead attachment was not asked again")
	}
	if sum2.Attachments.Earlier != 7 || sum2.Attachments.Captured != 0 || sum2.Attachments.Dead != 1 {
		t.Errorf("second crawl's attachments %+v: want the 7 captured before left, the dead one asked again", sum2.Attachments)
	}
}

// TestCaptureAttachmentsOff crawls the attachment web with the default
// options: not one document is asked for, none recorded, none counted.
func TestCaptureAttachmentsOff(t *testing.T) {
	srv, hits := attachmentWeb(t)
	sink, sum := crawlAttachments(t, srv.URL, t.TempDir(), false)
	for _, sub := range []string{"/up/", "/private/", "/plus/", "www.bj.gov.cn"} {
		if n, kinds := hits.caseless(sub); n != 0 {
			t.Errorf("%d requests for %v with capture_attachments off", n, kinds)
		}
	}
	if a := sink.get("http://top.wenming.test/n/1.html"); a == nil || a.Attachments != nil {
		t.Errorf("with capture_attachments off the record holds attachments: %v", a)
	}
	if sum.Attachments != (AttachmentSummary{}) {
		t.Errorf("attachments %+v with capture_attachments off", sum.Attachments)
	}
}

// TestMaxAttachmentsPerArticle: an article linking more documents than
// the cap has them all recorded and the first MaxAttachmentsPerArticle
// fetched; the rest are counted capped.
func TestMaxAttachmentsPerArticle(t *testing.T) {
	const many = MaxAttachmentsPerArticle + 3
	srv, hits := robotlessWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		switch r.URL.Path {
		case "/":
			page("顶层文明网", `<a href="/n/1.html">下载专区</a>`)
		case "/n/1.html":
			var links [][2]string
			for i := range many {
				links = append(links, [2]string{fmt.Sprintf("/up/%d.pdf", i), fmt.Sprintf("表%d", i)})
			}
			page(attachmentArticle(r.URL.Path, links))
		default:
			w.Header().Set("Content-Type", "application/pdf")
			fmt.Fprint(w, "%PDF-1.4")
		}
	})
	sink := &urlSink{}
	_, sum := runTestCrawl(t, srv.URL, Options{Workers: 2, CaptureAttachments: true}, sink.store)
	a := sink.get("http://top.wenming.test/n/1.html")
	if a == nil || len(a.Attachments) != many {
		t.Fatalf("record %v: want %d attachments", a, many)
	}
	if n, _ := hits.caseless("/up/"); n != MaxAttachmentsPerArticle {
		t.Errorf("%d documents fetched, want %d", n, MaxAttachmentsPerArticle)
	}
	if sum.Attachments.Capped != 3 || sum.Attachments.Captured != MaxAttachmentsPerArticle {
		t.Errorf("attachments %+v: want %d captured, 3 capped", sum.Attachments, MaxAttachmentsPerArticle)
	}
}

// TestIsAttachment: documents by their type, in the path or named by the
// query, and the CMSs' download scripts; pages and images are not.
func TestIsAttachment(t *testing.T) {
	for _, tc := range []struct {
		url  string
		want bool
	}{
		{"http://x.gov.cn/up/a.DOC", true},
		{"http://x.gov.cn/up/a.et", true},
		{"http://x.gov.cn/up/a.7z", true},
		{"http://x.gov.cn/up/data.tar.gz", true},
		{"http://x.gov.cn/up/data.tgz", true},
		{"http://x.gov.cn/DownFile.aspx?path=/upload/%E9%80%9A%E7%9F%A5.pdf", true},
		{"http://x.gov.cn/plus/download.php?open=0&aid=2&cid=1", true},
		{"http://x.gov.cn/index.php?m=content&c=down&a=init&catid=6&id=31", true},
		{"http://x.gov.cn/up/a.jpg", false},
		{"http://x.gov.cn/n/1.html", false},
		{"http://x.gov.cn/doc/index.html", false},
		{"http://x.gov.cn/show.asp?id=5", false},
	} {
		u, err := url.Parse(tc.url)
		if err != nil {
			t.Fatal(err)
		}
		if got := isAttachment(u); got != tc.want {
			t.Errorf("isAttachment(%s) = %v, want %v", tc.url, got, tc.want)
		}
		if tc.want && !notPage(u) {
			t.Errorf("%s is an attachment but not left out as a page", tc.url)
		}
	}
}

// TestNamesDocument: a link's text that is a file name of a document
// type marks the link as a file, whatever its URL; other texts do not.
func TestNamesDocument(t *testing.T) {
	for text, want := range map[string]bool{
		"蓝田志愿服务数据（第4期）.tar.gz": true,
		" 名单.XLS ":       true,
		"关于评选的通知.doc":    true,
		"www.wenming.cn": false,
		"下载":             false,
		"2023.10":        false,
		".pdf":           false,
		"志愿服务数据发布":       false,
	} {
		if got := namesDocument(text); got != want {
			t.Errorf("namesDocument(%q) = %v, want %v", text, got, want)
		}
	}
}

// TestIsDocument: an answer is a document unless its type or its bytes
// say HTML.
func TestIsDocument(t *testing.T) {
	for _, tc := range []struct {
		contentType, head string
		want              bool
	}{
		{"application/pdf", "%PDF-1.4", true},
		{"application/octet-stream", "\xd0\xcf\x11\xe0", true},
		{"text/plain; charset=gbk", "名单", true},
		{"", "PK\x03\x04", true},
		{"text/html; charset=utf-8", "文件不存在", false},
		{"application/pdf", "<!DOCTYPE html><html><script>alert(1)</script>", false},
		{"", "<html><body>login</body></html>", false},
	} {
		if got := isDocument(tc.contentType, []byte(tc.head)); got != tc.want {
			t.Errorf("isDocument(%q, %q) = %v, want %v", tc.contentType, tc.head, got, tc.want)
		}
	}
}
