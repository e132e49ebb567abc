package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/crawl"
	"github.com/wenming-archive/wenming/internal/export"
)

// downloadPageSite is a county site (www.xh.gov.cn) whose one notice
// links its 名单 through PHPCMS's download page (a=init), which links the
// file (a=download&a_k=…). Every request is counted by its URI.
func downloadPageSite(hits *uriHits) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Host != "www.xh.gov.cn" {
			http.Error(w, "outside", http.StatusBadGateway)
			return
		}
		hits.mu.Lock()
		hits.n[r.URL.RequestURI()]++
		hits.mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch q := r.URL.Query(); {
		case r.URL.Path == "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow:\n")
		case r.URL.Path == "/":
			fmt.Fprint(w, `<html><head><title>新华文明网</title></head><body><a href="/n/1.html">关于评选结果的公示</a></body></html>`)
		case r.URL.Path == "/n/1.html":
			fmt.Fprint(w, `<html><head><title>关于评选结果的公示_新华文明网</title></head><body><div class="article"><h1>关于评选结果的公示</h1>`+
				`<div class="info">发布时间：2024-03-15 09:00 来源：本站</div><div class="content">`+
				`<p>经各单位推荐、评审委员会评审，拟命名以下单位为年度文明单位，现予公示，公示期为七个工作日，欢迎社会各界监督。</p>`+
				`<p>公示期间如有异议，请以书面形式向评选办公室反映，反映情况要实事求是，并署真实姓名和联系方式。</p></div>`+
				`<div class="attach">附件：<a href="/index.php?m=content&amp;c=down&amp;a=init&amp;catid=6&amp;id=31">名单公示</a></div></div></body></html>`)
		case r.URL.Path == "/index.php" && q.Get("a") == "init":
			fmt.Fprint(w, `<html><head><title>名单公示 - 下载</title></head><body><a href="/">首页</a><h1>名单公示</h1>`+
				`<a href="/index.php?m=content&amp;c=down&amp;a=download&amp;a_k=b3f1">点击下载</a></body></html>`)
		case r.URL.Path == "/index.php" && q.Get("a") == "download":
			w.Header().Set("Content-Type", "application/vnd.ms-excel")
			fmt.Fprint(w, "\xd0\xcf\x11\xe0 名单")
		default:
			http.NotFound(w, r)
		}
	}
}

// uriHits counts requests by URI.
type uriHits struct {
	mu sync.Mutex
	n  map[string]int
}

// TestCrawlDownloadPage crawls the download-page site into a real
// archive: the notice's record lists the file behind the download page
// (jsonl, with the page as via), the summary counts the page, the warc
// export copies the file's capture; a second crawl fetches neither again
// and leaves the record as it was (the notice is not fetched again
// either: the crawl-package TestDownloadPages has the record's document
// taken from the archive when it is).
func TestCrawlDownloadPage(t *testing.T) {
	hits := &uriHits{n: map[string]int{}}
	srv := httptest.NewServer(downloadPageSite(hits))
	defer srv.Close()
	cfgPath, data := archiveConfig(t, "seeds:\n  - url: http://www.xh.gov.cn/\n    name: 新华文明网\n    level: county\n"+
		"crawl:\n  proxy: %s\n  delay: 0s\n  random_delay: 0s\n  workers: 1\n  capture_attachments: true\n", srv.URL)
	if out := wenmingOK(t, "crawl", "--config", cfgPath, "--data", data); !strings.Contains(out,
		"  attachments 1 captured · 0 not documents · 0 failed (0 too large, 0 dead links) · skipped 0 robots.txt, 0 off the hierarchy, 0 past 10 per article, 0 captured before · 1 download pages followed to their document\n") {
		t.Errorf("the summary does not count the download page:\n%s", out)
	}
	const site = "http://www.xh.gov.cn"
	want := article.Attachment{URL: site + "/index.php?m=content&c=down&a=download&a_k=b3f1", Name: "名单公示", Via: site + "/index.php?m=content&c=down&a=init&catid=6&id=31"}
	checkRecord := func(run string) {
		t.Helper()
		recs := jsonLines[export.Record](t, wenmingOK(t, "export", "--config", cfgPath, "--data", data, "--format", "jsonl"))
		if len(recs) != 1 || len(recs[0].Attachments) != 1 || recs[0].Attachments[0] != want {
			t.Errorf("%s: records %+v, want one listing %+v", run, recs, want)
		}
	}
	checkRecord("first crawl")

	dir := t.TempDir()
	warcOut := filepath.Join(dir, "x.warc.gz")
	code, _, errOut := wenming(t, "export", "--config", cfgPath, "--data", data, "--format", "warc", "-o", warcOut, "--attachments", "yes")
	idx, err := os.ReadFile(filepath.Join(dir, "x.cdxj"))
	if code != exitOK || err != nil {
		t.Fatalf("warc export: exit %d, %v: %s", code, err, errOut)
	}
	if !strings.Contains(string(idx), "a_k=b3f1") || !strings.Contains(errOut, "with 1 captures of the articles' attachments") {
		t.Errorf("the warc export does not copy the file's capture: %s\n%s", errOut, idx)
	}

	out := wenmingOK(t, "crawl", "--config", cfgPath, "--data", data, "--json")
	reps := jsonLines[struct {
		ArticlesUpdated int64                    `json:"articles_updated"`
		Attachments     *crawl.AttachmentSummary `json:"attachments"`
	}](t, out)
	if len(reps) != 1 || reps[0].ArticlesUpdated != 0 || reps[0].Attachments != nil && reps[0].Attachments.DownloadPages != 0 {
		t.Errorf("second crawl: %+v; want none updated, no download page read again\n%s", reps, out)
	}
	for _, uri := range []string{"/index.php?a=init&c=down&catid=6&id=31&m=content", "/index.php?a=download&a_k=b3f1&c=down&m=content"} {
		hits.mu.Lock()
		if n := hits.n[uri]; n != 1 {
			t.Errorf("%s fetched %d times in two crawls, want 1", uri, n)
		}
		hits.mu.Unlock()
	}
	checkRecord("second crawl")
}
