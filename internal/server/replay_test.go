package server_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/wenming-archive/wenming/internal/replay"
	"github.com/wenming-archive/wenming/internal/server"
	"github.com/wenming-archive/wenming/internal/warc"
)

// TestReplay: the capture is shown in a sandboxed frame under a banner
// with the capture time in Beijing time and the original URL; the framed
// page has its links into the archive and none of the capture's script.
func TestReplay(t *testing.T) {
	arts := testArticles()
	srv := newTestServer(t, arts)
	id := server.ArticleID(arts[0].URL)

	status, hdr, body := get(t, srv, "/replay/"+id)
	if status != 200 {
		t.Fatalf("replay page: %d %s", status, body)
	}
	for _, want := range []string{"存档快照", "抓取于 <time>2024-06-01 12:00</time>（北京时间）", `href="` + arts[0].URL + `"`,
		`href="/capture/` + id + `"`, "下载 WARC 记录", `href="/articles/` + id + `"`, "带 ↗ 的 2 个链接指向原网站",
		"指向存档中文章的 3 个链接"} {
		if !strings.Contains(body, want) {
			t.Errorf("replay page lacks %q", want)
		}
	}
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	frames := find(doc, tag("iframe"))
	if len(frames) != 1 || attr(frames[0], "src") != "/replay/"+id+"/raw" || attr(frames[0], "sandbox") != replay.Sandbox {
		t.Fatalf("frame: %v", frames)
	}
	if csp := hdr.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-src 'self'") || !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("replay page policy %q", csp)
	}
	if strings.Contains(replay.Sandbox, "allow-scripts") || strings.Contains(replay.Sandbox, "allow-same-origin") {
		t.Errorf("sandbox %q lets the capture run script with the archive's origin", replay.Sandbox)
	}

	// The framed capture.
	status, hdr, body = get(t, srv, "/replay/"+id+"/raw")
	if status != 200 || hdr.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("raw: %d %s", status, hdr.Get("Content-Type"))
	}
	csp := hdr.Get("Content-Security-Policy")
	if !strings.HasPrefix(csp, "sandbox "+replay.Sandbox+";") || !strings.Contains(csp, "default-src 'none'") ||
		strings.Contains(csp, "allow-scripts") || strings.Contains(csp, "allow-same-origin") {
		t.Errorf("raw policy %q", csp)
	}
	for _, bad := range []string{"<script", "PWNED", "onload", "onclick", "onerror", "evil.example", "http-equiv", "<base"} {
		if strings.Contains(body, bad) {
			i := strings.Index(body, bad)
			t.Errorf("raw capture holds %q: …%s…", bad, body[max(0, i-80):min(len(body), i+80)])
		}
	}
	raw, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if h1 := find(raw, tag("h1")); len(h1) != 1 || text(h1[0]) != arts[0].Title {
		t.Errorf("the capture's text is not decoded: %v", h1)
	}
	links := map[string]string{}
	for _, a := range find(raw, tag("a")) {
		links[text(a)] = attr(a, "href") + " " + attr(a, "class")
	}
	for title, want := range map[string]string{
		arts[1].Title: "/replay/" + server.ArticleID(arts[1].URL) + " ",
		arts[3].Title: "/replay/" + server.ArticleID(arts[3].URL) + " ",
		arts[4].Title: arts[4].URL + " " + replay.ClassLive, // archived without a capture
		"栏目首页":        "https://ng.wenming.cn/not-archived.html " + replay.ClassLive,
	} {
		if links[title] != want {
			t.Errorf("link %q: %q, want %q", title, links[title], want)
		}
	}

	// The raw record.
	resp, err := srv.Client().Get(srv.URL + "/capture/" + id)
	if err != nil {
		t.Fatal(err)
	}
	member, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	rec, err := warc.ParseMember(member)
	if resp.StatusCode != 200 || err != nil || rec.URL != arts[0].URL || !strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Errorf("capture download: %d %v %+v", resp.StatusCode, err, rec)
	}

	// An article without a capture, an unknown one.
	for _, p := range []string{"/replay/" + server.ArticleID(arts[4].URL), "/replay/" + server.ArticleID(arts[4].URL) + "/raw",
		"/capture/" + server.ArticleID(arts[4].URL)} {
		if status, _, body := get(t, srv, p); status != 404 || !strings.Contains(body, "这篇文章没有存档快照") {
			t.Errorf("%s: %d", p, status)
		}
	}
	if status, _, body := get(t, srv, "/replay/"+server.ArticleID("https://nowhere/")); status != 404 || !strings.Contains(body, "找不到这篇文章") {
		t.Errorf("unknown article: %d %s", status, body)
	}
}

// TestReplayRecordGone: a capture whose WARC file is gone is a 404 that
// says so, not a 500.
func TestReplayRecordGone(t *testing.T) {
	arts := testArticles()
	srv, dir := newTestServerDir(t, arts)
	removeWARCs(t, dir)
	for _, p := range []string{"/replay/", "/replay/raw/", "/capture/"} {
		path := strings.Replace(p, "raw/", "", 1) + server.ArticleID(arts[0].URL)
		if strings.Contains(p, "raw") {
			path += "/raw"
		}
		status, _, body := get(t, srv, path)
		if status != http.StatusNotFound || !strings.Contains(body, "WARC 记录找不到了") {
			t.Errorf("%s: %d %s", path, status, body)
		}
	}
}
