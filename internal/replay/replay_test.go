package replay_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/replay"
	"github.com/wenming-archive/wenming/internal/warc"
)

// Hostile is a captured page that tries everything a page could to run
// script, leave the archive or fetch from the live web. {{HOST}} is the
// origin it was captured from.
const Hostile = `<!DOCTYPE html>
<html><head><meta charset="gbk">
<meta http-equiv="refresh" content="0;url=http://evil.example/">
<meta http-equiv="Set-Cookie" content="a=b">
<base href="/sub/">
<title>敌意页面</title>
<link rel="stylesheet" href="/s.css"><link rel="icon" href="/favicon.ico">
<script>document.title='PWNED'</script>
<script src="http://evil.example/x.js"></script>
</head>
<body onload="document.body.innerHTML='PWNED'">
<h1 onclick="alert(1)" class="t">文明实践志愿服务</h1>
<a href="page2.html" class="x" title="old">站内已存档</a>
<a href="/other.html">未存档</a>
<a href="javascript:document.body.innerHTML='PWNED'">js</a>
<a href="JaVaScRiPt:alert(1)">js2</a>
<a href="#top">顶部</a>
<a href="page2.html#sec">带锚点</a>
<img src="/pic.jpg" onerror="document.body.innerHTML='PWNED'">
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="点">
<form action="http://evil.example/post" method="post"><input name="x"><button formaction="http://evil.example/">提交</button></form>
<iframe src="http://evil.example/"></iframe><object data="x.swf"></object><embed src="y.swf">
<svg><script>alert(1)</script><a xlink:href="javascript:alert(1)"><text>s</text></a></svg>
<noscript><img src="http://tracker.example/"></noscript>
<!--[if IE]><script>alert(1)</script><![endif]-->
<p style="background:url(http://evil.example/bg.png)">正文第一段</p>
<p>第二段 &lt;script&gt;alert(1)&lt;/script&gt; 转义的标记</p>
</body></html>`

// gbk encodes s in GBK.
func gbk(t testing.TB, s string) []byte {
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// record fetches each path of h through a WARC recorder in dir and returns
// the capture of each, in order.
func record(t *testing.T, dir string, h http.Handler, paths ...string) (string, []article.Capture) {
	t.Helper()
	srv := httptest.NewServer(h)
	defer srv.Close()
	rec, err := warc.Open(warc.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	var caps []article.Capture
	for _, p := range paths {
		resp, err := rec.Client().Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		c, ok := rec.Lookup(srv.URL + p)
		if !ok {
			t.Fatalf("no capture of %s", p)
		}
		caps = append(caps, article.Capture{File: c.File, Offset: c.Offset, Length: c.Length, Time: c.Time})
	}
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	// The files lose their .open suffix on Close.
	for i := range caps {
		caps[i].File = strings.TrimSuffix(caps[i].File, ".open")
	}
	return srv.URL, caps
}

// hostileSite serves Hostile in GBK, gzip-compressed, in chunks.
func hostileSite(t *testing.T) http.Handler {
	body := gbk(t, Hostile)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html") // no charset: the meta says gbk
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		zw.Write(body[:len(body)/2])
		zw.Flush()
		w.(http.Flusher).Flush() // chunked framing on the wire
		zw.Write(body[len(body)/2:])
		zw.Close()
	})
}

func TestLoadAndRewrite(t *testing.T) {
	dir := t.TempDir()
	origin, caps := record(t, dir, hostileSite(t), "/a.html")
	resp, err := replay.Load(dir, caps[0])
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != 200 || resp.URL != origin+"/a.html" || !bytes.Contains(resp.Body, gbk(t, "文明实践志愿服务")) {
		t.Fatalf("loaded %d %s, %d bytes", resp.Status, resp.URL, len(resp.Body))
	}
	if d := time.Since(resp.Time); d < 0 || d > time.Minute {
		t.Errorf("capture time %v", resp.Time)
	}
	archived := map[string]string{origin + "/sub/page2.html": "/replay/P2"}
	page, err := replay.Rewrite(resp.Body, resp.ContentType(), resp.URL, func(u string) (string, bool) {
		r, ok := archived[u]
		return r, ok
	})
	if err != nil {
		t.Fatal(err)
	}
	out := string(page.HTML)
	if page.Charset != "gb18030" || !strings.Contains(out, "文明实践志愿服务") || !strings.Contains(out, "正文第一段") {
		t.Errorf("charset %s; text not decoded:\n%s", page.Charset, out)
	}
	if !strings.Contains(out, "第二段 &lt;script&gt;alert(1)&lt;/script&gt; 转义的标记") {
		t.Error("escaped text in the capture is not kept escaped")
	}
	doc, err := html.Parse(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	var hrefs []string
	var imgs []*html.Node
	walk(doc, func(n *html.Node) {
		switch n.Data {
		case "script", "iframe", "object", "embed", "base", "link", "noscript":
			t.Errorf("a <%s> survived", n.Data)
		case "meta":
			t.Errorf("a meta survived: %v", n.Attr)
		case "a":
			hrefs = append(hrefs, attr(n, "href")+" "+attr(n, "class")+" "+attr(n, "target"))
		case "img":
			imgs = append(imgs, n)
		case "form":
			if attr(n, "action") != "" {
				t.Errorf("form action %q kept", attr(n, "action"))
			}
		}
		for _, a := range n.Attr {
			k := strings.ToLower(a.Key)
			if strings.HasPrefix(k, "on") || k == "formaction" || strings.Contains(strings.ToLower(a.Val), "javascript:") {
				t.Errorf("<%s %s=%q> survived", n.Data, a.Key, a.Val)
			}
			if (k == "src" || k == "href") && strings.Contains(a.Val, "evil.example") {
				t.Errorf("<%s %s=%q> would fetch or go to evil", n.Data, a.Key, a.Val)
			}
		}
	})
	want := []string{
		"/replay/P2 x _top", // resolved against <base>, archived
		origin + "/other.html " + replay.ClassLive + " _top", // not archived: live, marked
		"  ", "  ", // javascript: links lose their href
		origin + "/sub/ " + replay.ClassLive + " _top", // "#top" resolves against <base>, as browsers do
		"/replay/P2  _top",
		"  ", // the svg's xlink:href link
	}
	if strings.Join(hrefs, "\n") != strings.Join(want, "\n") {
		t.Errorf("links:\n%s\nwant\n%s", strings.Join(hrefs, "\n"), strings.Join(want, "\n"))
	}
	if len(imgs) != 2 || attr(imgs[0], "src") != "" || attr(imgs[0], "class") != replay.ClassBlocked ||
		attr(imgs[0], "title") != "图片未存档："+origin+"/pic.jpg" || !strings.HasPrefix(attr(imgs[1], "src"), "data:") {
		t.Errorf("images: %v", imgs)
	}
	if page.Archived != 2 || page.Live != 2 || page.Removed == 0 || page.Blocked < 4 {
		t.Errorf("counts: archived %d live %d removed %d blocked %d", page.Archived, page.Live, page.Removed, page.Blocked)
	}
	if !strings.Contains(out, "<style>a."+replay.ClassLive) || strings.Index(out, "<style>") < strings.Index(out, "<head>") {
		t.Error("the marker style is not in the head")
	}
}

// TestRevisit: a payload fetched twice is archived once; the revisit's
// replay shows the first record's payload.
func TestRevisit(t *testing.T) {
	dir := t.TempDir()
	body := "<html><body><p>" + strings.Repeat("同一篇文章。", 300) + "</p></body></html>"
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, body)
	})
	_, caps := record(t, dir, h, "/same.html", "/same.html")
	if caps[0] == caps[1] {
		t.Fatal("one capture for two fetches")
	}
	resp, err := replay.Load(dir, caps[1])
	if err != nil {
		t.Fatal(err)
	}
	if string(resp.Body) != body || resp.PayloadTime.IsZero() {
		t.Errorf("revisit: %d bytes, payload time %v", len(resp.Body), resp.PayloadTime)
	}
	// Without the index the payload cannot be found: ErrMissing.
	if err := removeIndex(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := replay.Load(dir, caps[1]); !errors.Is(err, replay.ErrMissing) {
		t.Errorf("revisit without the index: %v", err)
	}
	if _, err := replay.Load(dir, article.Capture{File: "gone.warc.gz", Offset: 0, Length: 10}); !errors.Is(err, replay.ErrMissing) {
		t.Errorf("missing file: %v", err)
	}
}

func walk(n *html.Node, f func(*html.Node)) {
	if n.Type == html.ElementNode {
		f(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func removeIndex(dir string) error { return os.Remove(filepath.Join(dir, warc.IndexName)) }

// TestFragmentWithoutBase: without a <base>, a fragment link stays in the
// page.
func TestFragmentWithoutBase(t *testing.T) {
	page, err := replay.Rewrite([]byte(`<html><head></head><body><a href="#top">顶部</a><a href="x.html#top">x</a></body></html>`),
		"text/html; charset=utf-8", "http://hb.wenming.cn/a/b.html", func(string) (string, bool) { return "", false })
	if err != nil {
		t.Fatal(err)
	}
	if s := string(page.HTML); !strings.Contains(s, `<a href="#top">`) || !strings.Contains(s, `href="http://hb.wenming.cn/a/x.html"`) {
		t.Errorf("got %s", s)
	}
}

// TestLyingGzipLabel: a page sent plainly under "Content-Encoding: gzip"
// (a front that decompressed it kept the header) replays as the crawler
// read it when it fetched it, not as an error.
func TestLyingGzipLabel(t *testing.T) {
	dir := t.TempDir()
	body := gbk(t, Hostile)
	_, caps := record(t, dir, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(body)
	}), "/plain.html")
	resp, err := replay.Load(dir, caps[0])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(resp.Body, body) || resp.Header.Get("Content-Encoding") != "" {
		t.Errorf("replayed %d bytes (Content-Encoding %q), want the %d bytes sent", len(resp.Body), resp.Header.Get("Content-Encoding"), len(body))
	}
}
