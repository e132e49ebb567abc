package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/internal/crawl"
	"github.com/wenming-archive/wenming/internal/export"
)

// noticeSite is a county site (www.xh.gov.cn) of two notices linking
// documents: a .doc and a .pdf in the 附件 block, an .xls both link, one
// behind PHPCMS's download script, one robots.txt disallows, a dead one.
var noticeSite = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	if r.Host != "www.xh.gov.cn" {
		http.Error(w, "outside", http.StatusBadGateway)
		return
	}
	notice := func(title string, links ...string) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<html><head><title>%s_新华文明网</title></head><body><div class="article"><h1>%s</h1>`+
			`<div class="info">发布时间：2024-03-15 09:00 来源：本站</div><div class="content">`+
			`<p>为深入推进精神文明建设，经研究决定，开展年度文明单位评选活动，现将有关事项通知如下，请各单位认真组织，按时报送材料。</p>`+
			`<p>各单位要高度重视，严格按照评选标准，坚持公开、公平、公正的原则，做好推荐工作，确保评选质量，接受群众监督。</p></div>`+
			`<div class="attach">附件：%s</div></div></body></html>`, title, title, strings.Join(links, "、"))
	}
	uri := r.URL.RequestURI()
	if r.URL.Path == "/index.php" && r.URL.Query().Get("c") == "down" {
		uri = "/index.php?m=content&c=down&a_k=b3f1" // asked with its query sorted
	}
	switch uri {
	case "/robots.txt":
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
	case "/":
		fmt.Fprint(w, `<html><head><title>新华文明网</title></head><body><a href="/n/1.html">关于开展文明单位评选的通知</a><a href="/n/2.html">关于评选结果的公示</a></body></html>`)
	case "/n/1.html":
		notice("关于开展文明单位评选的通知", `<a href="/up/notice.doc">申报表.doc</a>`, `<a href="/up/rules.xls">评分细则.xls</a>`,
			`<a href="/private/x.pdf">内部.pdf</a>`, `<a href="/up/gone.pdf">旧文件.pdf</a>`)
	case "/n/2.html":
		notice("关于评选结果的公示", `<a href="/up/rules.xls">评分细则.xls</a>`, `<a href="/index.php?m=content&amp;c=down&amp;a_k=b3f1">名单公示</a>`)
	case "/up/notice.doc", "/up/rules.xls", "/index.php?m=content&c=down&a_k=b3f1":
		w.Header().Set("Content-Type", "application/octet-stream")
		fmt.Fprintf(w, "\xd0\xcf\x11\xe0 %s", r.URL.RequestURI())
	default:
		http.NotFound(w, r)
	}
})

// TestCrawlExportAttachments crawls the notice site with
// crawl.capture_attachments on: the --json summary counts the
// attachments; the exports carry each notice's list (jsonl, csv,
// markdown) and the warc export copies their captures (by default, as the
// config captures them; not with --attachments no).
func TestCrawlExportAttachments(t *testing.T) {
	srv := httptest.NewServer(noticeSite)
	defer srv.Close()
	dir := t.TempDir()
	cfgPath, data := filepath.Join(dir, "config.yaml"), filepath.Join(dir, "archive")
	cfgYAML := fmt.Sprintf("seeds:\n  - url: http://www.xh.gov.cn/\n    name: 新华文明网\n    level: county\n"+
		"crawl:\n  proxy: %s\n  delay: 0s\n  random_delay: 0s\n  per_host: 2\n  capture_attachments: true\n", srv.URL)
	if err := os.WriteFile(cfgPath, []byte(cfgYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	var rep struct {
		ArticlesNew int64                    `json:"articles_new"`
		Attachments *crawl.AttachmentSummary `json:"attachments"`
	}
	out := wenmingOK(t, "crawl", "--config", cfgPath, "--data", data, "--json")
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("crawl --json: %v\n%s", err, out)
	}
	want := crawl.AttachmentSummary{Captured: 3, Dead: 1, Robots: 1}
	if rep.ArticlesNew != 2 || rep.Attachments == nil || *rep.Attachments != want {
		t.Fatalf("crawl: %d articles, attachments %+v; want 2, %+v\n%s", rep.ArticlesNew, rep.Attachments, want, out)
	}
	if !strings.Contains(out, `"not_document":0`) {
		t.Errorf("the --json summary does not name not_document: %s", out)
	}
	if human := wenmingOK(t, "crawl", "--config", cfgPath, "--data", filepath.Join(dir, "again")); !strings.Contains(human,
		"  attachments 3 captured · 0 not documents · 1 failed (0 too large, 1 dead links) · skipped 1 robots.txt, 0 off the hierarchy, 0 past 10 per article, 0 captured before\n") {
		t.Errorf("the summary does not count the attachments:\n%s", human)
	}

	const site = "http://www.xh.gov.cn"
	wantLists := map[string][]string{ // URL → its attachments, "name <URL>"
		site + "/n/1.html": {"申报表.doc <" + site + "/up/notice.doc>", "评分细则.xls <" + site + "/up/rules.xls>", "内部.pdf <" + site + "/private/x.pdf>", "旧文件.pdf <" + site + "/up/gone.pdf>"},
		site + "/n/2.html": {"评分细则.xls <" + site + "/up/rules.xls>", "名单公示 <" + site + "/index.php?m=content&c=down&a_k=b3f1>"},
	}
	recs := jsonLines[export.Record](t, wenmingOK(t, "export", "--config", cfgPath, "--data", data, "--format", "jsonl"))
	for _, r := range recs {
		var got []string
		for _, at := range r.Attachments {
			got = append(got, at.Name+" <"+at.URL+">")
		}
		if strings.Join(got, "\n") != strings.Join(wantLists[r.URL], "\n") {
			t.Errorf("jsonl %s: attachments %q, want %q", r.URL, got, wantLists[r.URL])
		}
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(wenmingOK(t, "export", "--config", cfgPath, "--data", data, "--format", "csv"), "\uFEFF"))).ReadAll()
	col := slices.Index(rows[0], "attachments")
	if err != nil || len(rows) != 3 || col < 0 {
		t.Fatalf("csv: %v, %d rows, header %v", err, len(rows), rows[0])
	}
	for _, row := range rows[1:] {
		if got := row[col]; got != strings.Join(wantLists[row[0]], "\n") {
			t.Errorf("csv %s: attachments %q", row[0], got)
		}
	}
	md := filepath.Join(dir, "md")
	wenmingOK(t, "export", "--config", cfgPath, "--data", data, "--format", "markdown", "-o", md)
	var front strings.Builder
	filepath.WalkDir(md, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			front.Write(b)
		}
		return err
	})
	for _, want := range []string{"attachments:\n  - url: " + site + "/up/notice.doc\n    name: 申报表.doc\n", "    name: 名单公示\n"} {
		if !strings.Contains(front.String(), want) {
			t.Errorf("markdown front matter lacks %q:\n%s", want, front.String())
		}
	}

	for _, tc := range []struct {
		flag string
		want int // attachment captures in the export's index
	}{{"", 3}, {"no", 0}} {
		warcOut := filepath.Join(dir, "x"+tc.flag+".warc.gz")
		args := []string{"export", "--config", cfgPath, "--data", data, "--format", "warc", "-o", warcOut}
		if tc.flag != "" {
			args = append(args, "--attachments", tc.flag)
		}
		code, _, errOut := wenming(t, args...)
		idx, err := os.ReadFile(filepath.Join(dir, "x"+tc.flag+".cdxj"))
		if code != exitOK || err != nil {
			t.Fatalf("%v: exit %d, %v: %s", args, code, err, errOut)
		}
		n := 0 // index lines of the attachments
		for _, l := range strings.Split(string(idx), "\n") {
			if strings.Contains(l, "/up/notice.doc") || strings.Contains(l, "/up/rules.xls") || strings.Contains(l, "a_k=b3f1") {
				n++
			}
		}
		if n != tc.want || (tc.want > 0) != strings.Contains(errOut, fmt.Sprintf("with %d captures of the articles' attachments", tc.want)) {
			t.Errorf("--attachments %q: %d attachment captures in the index, want %d; %s", tc.flag, n, tc.want, errOut)
		}
	}
	for _, bad := range [][]string{{"--format", "jsonl", "--attachments", "yes"}, {"--format", "warc", "-o", filepath.Join(dir, "y.warc.gz"), "--attachments", "all"}} {
		if code, _, _ := wenming(t, append([]string{"export", "--config", cfgPath, "--data", data}, bad...)...); code != exitUsage {
			t.Errorf("%v: exit %d, want a usage error", bad, code)
		}
	}
}
