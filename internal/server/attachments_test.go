package server_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/server"
)

// The attachments of the notice (attachmentSite): a PDF, a GBK text, an
// HTML page with script answered under a .pdf's name and type, one the
// site answered 404 and one never fetched.
const (
	noticeURL    = "http://www.xa.gov.cn/n/1.html"
	pdfURL       = "http://www.xa.gov.cn/up/%E5%90%8D%E5%8D%95.pdf"
	txtURL       = "http://www.xa.gov.cn/up/list.txt"
	hostilePDF   = "http://www.xa.gov.cn/up/evil.pdf"
	deadDoc      = "http://www.xa.gov.cn/up/gone.doc"
	unfetchedXLS = "http://www.xa.gov.cn/up/later.xls"
)

// hostileHTML would change its title if its script ran.
const hostileHTML = `<!DOCTYPE html><html><body><script>document.title='PW'+'NED'</script></body></html>`

// attachmentSite answers, as an HTTP proxy, the notice and its
// attachments.
var attachmentSite = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	answers := map[string][2]string{ // URL → type, body
		noticeURL:  {"text/html; charset=utf-8", `<html><head><title>通知</title></head><body><h1>通知</h1><p>附件：<a href="/up/名单.pdf">名单.pdf</a></p></body></html>`},
		pdfURL:     {"application/pdf", "%PDF-1.4 名单"},
		txtURL:     {"text/plain; charset=gbk", "\xc3\xfb\xb5\xa5"},
		hostilePDF: {"application/pdf", hostileHTML},
	}
	a, ok := answers[r.URL.String()]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", a[0])
	io.WriteString(w, a[1])
})

// newAttachmentServer records the notice and its attachments (not
// unfetchedXLS) through a WARC recorder, as a crawl with
// capture_attachments does, and serves an archive of the notice whose
// WARC directory that is.
func newAttachmentServer(t *testing.T) (*httptest.Server, *article.Article) {
	warcDir := t.TempDir()
	a := &article.Article{
		URL: noticeURL, Site: "www.xa.gov.cn", SiteName: "西安文明网", Level: article.County, Title: "通知", Body: "通知的正文。", FetchedAt: time.Now(),
		Capture: recordFrom(t, attachmentSite, warcDir, noticeURL, pdfURL, txtURL, hostilePDF, deadDoc),
		Attachments: []article.Attachment{{URL: pdfURL, Name: "名单.pdf"}, {URL: txtURL, Name: "名单.txt"}, {URL: hostilePDF, Name: "登记表.pdf"},
			{URL: deadDoc, Name: "申报表.doc"}, {URL: unfetchedXLS, Name: "细则.xls"}},
	}
	srv, _ := newTestServerDir(t, []*article.Article{a}, func(o *server.Options) { o.WARCDir = warcDir })
	return srv, a
}

func attachmentRoute(u string) string { return "/attachment?url=" + url.QueryEscape(u) }

// TestAttachmentRoute: an archived attachment is served for download, with
// its type and name; an HTML page archived as a .pdf is served as bytes
// to save, never as a page; what the archive holds no file of is 404.
func TestAttachmentRoute(t *testing.T) {
	srv, _ := newAttachmentServer(t)
	for _, tc := range []struct {
		url, typ, disposition, body string
	}{
		{pdfURL, "application/pdf", "attachment; filename*=utf-8''%E5%90%8D%E5%8D%95.pdf", "%PDF-1.4 名单"},
		{txtURL, "text/plain; charset=gbk", `attachment; filename=list.txt`, "\xc3\xfb\xb5\xa5"},
		{hostilePDF, "application/octet-stream", `attachment; filename=evil.pdf`, hostileHTML},
	} {
		status, hdr, body := get(t, srv, attachmentRoute(tc.url))
		if status != 200 || body != tc.body {
			t.Errorf("%s: %d %q", tc.url, status, body)
		}
		if hdr.Get("Content-Type") != tc.typ || hdr.Get("Content-Disposition") != tc.disposition {
			t.Errorf("%s: served as %q, %q; want %q, %q", tc.url, hdr.Get("Content-Type"), hdr.Get("Content-Disposition"), tc.typ, tc.disposition)
		}
		if hdr.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(hdr.Get("Content-Security-Policy"), "sandbox") {
			t.Errorf("%s: headers %v: want nosniff and a sandbox", tc.url, hdr)
		}
	}
	for _, tc := range []struct {
		path   string
		status int
	}{
		{attachmentRoute(deadDoc), 404},      // archived, but the site's 404
		{attachmentRoute(unfetchedXLS), 404}, // never captured
		{"/attachment?url=javascript:alert(1)", 400},
		{"/attachment", 400},
	} {
		if status, _, body := get(t, srv, tc.path); status != tc.status {
			t.Errorf("%s: %d, want %d (%s)", tc.path, status, tc.status, body)
		}
	}
}

// TestArticleAttachments: the article page and the API list the
// attachments, linking the archived copy of those the archive holds and
// the original of the others.
func TestArticleAttachments(t *testing.T) {
	srv, a := newAttachmentServer(t)
	id := server.ArticleID(a.URL)
	status, _, page := get(t, srv, "/articles/"+id)
	if status != 200 || !strings.Contains(page, "<h2>附件</h2>") {
		t.Fatalf("article page %d without its 附件: %s", status, page)
	}
	for _, want := range []string{
		`<a href="` + strings.ReplaceAll(attachmentRoute(pdfURL), "&", "&amp;") + `" class="attachment" download>名单.pdf</a>`,
		`<a href="` + unfetchedXLS + `" rel="noopener noreferrer">细则.xls</a> ↗（未存档）`,
		`<a href="` + deadDoc + `" rel="noopener noreferrer">申报表.doc</a> ↗（未存档）`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("article page lacks %s", want)
		}
	}

	status, _, body := get(t, srv, "/api/articles/"+id)
	var got struct {
		Attachments []server.AttachmentJSON `json:"attachments"`
	}
	if err := json.Unmarshal([]byte(body), &got); status != 200 || err != nil {
		t.Fatalf("api: %d %v", status, err)
	}
	want := []server.AttachmentJSON{
		{URL: pdfURL, Name: "名单.pdf", ArchivedURL: attachmentRoute(pdfURL)}, {URL: txtURL, Name: "名单.txt", ArchivedURL: attachmentRoute(txtURL)},
		{URL: hostilePDF, Name: "登记表.pdf", ArchivedURL: attachmentRoute(hostilePDF)}, {URL: deadDoc, Name: "申报表.doc"}, {URL: unfetchedXLS, Name: "细则.xls"},
	}
	if len(got.Attachments) != len(want) {
		t.Fatalf("api attachments %+v, want %+v", got.Attachments, want)
	}
	for i := range want {
		if got.Attachments[i] != want[i] {
			t.Errorf("api attachment %d: %+v, want %+v", i, got.Attachments[i], want[i])
		}
	}
}

// TestSearchAttachments: a search result lists its article's attachments,
// on the page and in the API, as the article page does.
func TestSearchAttachments(t *testing.T) {
	srv, _ := newAttachmentServer(t)
	status, _, page := get(t, srv, "/search?q="+url.QueryEscape("通知"))
	want := `附件：<a href="` + strings.ReplaceAll(attachmentRoute(pdfURL), "&", "&amp;") + `" class="attachment" download>名单.pdf</a>、`
	if status != 200 || !strings.Contains(page, want) || !strings.Contains(page, `<a href="`+unfetchedXLS+`" rel="noopener noreferrer">细则.xls</a> ↗`) {
		t.Errorf("search page %d does not list the attachments (%s): %s", status, want, page)
	}
	status, _, body := get(t, srv, "/api/search?q="+url.QueryEscape("通知"))
	var res server.SearchResponse
	if err := json.Unmarshal([]byte(body), &res); status != 200 || err != nil || len(res.Hits) != 1 {
		t.Fatalf("api search: %d %v %s", status, err, body)
	}
	if at := res.Hits[0].Attachments; len(at) != 5 || at[0].ArchivedURL != attachmentRoute(pdfURL) || at[4].ArchivedURL != "" {
		t.Errorf("api search hit's attachments %+v", at)
	}
}
