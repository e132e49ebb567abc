package crawl

import (
	"bytes"
	"crypto/sha1"
	"encoding/base32"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/warc"
)

// paced writes body in chunks of chunk bytes, one every interval, with
// its Content-Length: a server on a slow line, sending all the while.
func paced(w http.ResponseWriter, r *http.Request, contentType string, body []byte, chunk int, interval time.Duration) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", fmt.Sprint(len(body)))
	rc := http.NewResponseController(w)
	for len(body) > 0 {
		n := min(chunk, len(body))
		if _, err := w.Write(body[:n]); err != nil {
			return
		}
		rc.Flush()
		body = body[n:]
		select {
		case <-r.Context().Done():
			return
		case <-time.After(interval):
		}
	}
}

// TestSlowAnswers crawls, with a timeout of one second, a county site on
// a slow line: a long article page and a 512 KiB attachment come at
// 160 KiB/s (three seconds and more each), and another attachment drips a
// byte every 100 ms. The page and the attachment that keep coming are
// archived whole; the drip is given up on about the timeout after it
// started, a timeout, as before.
func TestSlowAnswers(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for slow answers")
	}
	var para strings.Builder
	for i := 0; para.Len() < 600<<10; i++ {
		fmt.Fprintf(&para, "<p>第%d段：县文明办组织志愿者深入社区开展文明实践活动，宣传移风易俗新风尚，群众积极参与。</p>\n", i)
	}
	longBody := para.String()
	pdf := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("名单公示 0123456789\n"), (512<<10)/26)...)
	const chunk, interval = 16 << 10, 100 * time.Millisecond
	srv, hits := pageWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		if offHost(w, r, "top.wenming.test") {
			return
		}
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/":
			page("慢速文明网", `<a href="/n/1.html">关于公示文明家庭名单的通知</a> <a href="/n/2.html">文明实践活动纪实</a>`)
		case "/n/1.html":
			page(attachmentArticle("/n/1.html", [][2]string{{"/up/list.pdf", "名单公示.pdf"}, {"/up/drip.pdf", "附表.pdf"}}))
		case "/n/2.html":
			var b bytes.Buffer
			fmt.Fprintf(&b, `<html><head><title>文明实践活动纪实</title></head><body><a href="/">首页</a><div class="article"><h1>文明实践活动纪实</h1><div class="info">发布时间：2024-03-16 10:00</div><div class="content">%s</div></div></body></html>`, longBody)
			paced(w, r, "text/html; charset=utf-8", b.Bytes(), chunk, interval)
		case "/up/list.pdf":
			paced(w, r, "application/pdf", pdf, chunk, interval)
		case "/up/drip.pdf":
			drip(interval)(w, r)
		default:
			http.NotFound(w, r)
		}
	})
	dir := t.TempDir()
	sink := &urlSink{}
	start := time.Now()
	sum := crawlRecorded(t, srv.URL, dir, Options{Workers: 3, PerHost: 3, Timeout: time.Second, Retries: 1, CaptureAttachments: true}, sink.store)
	t.Logf("crawl took %v; errors %v; attachments %+v", time.Since(start).Round(time.Millisecond), sum.Errors, sum.Attachments)

	const site = "http://top.wenming.test"
	if a := sink.get(site + "/n/2.html"); a == nil {
		t.Errorf("the long page sent at 160 KiB/s is not archived (errors %v %v)", sum.Errors, sum.ErrorSamples)
	} else if !strings.Contains(a.Body, "县文明办组织志愿者") || !strings.HasSuffix(strings.TrimSpace(a.Body), "群众积极参与。") {
		t.Errorf("the long page's body is not whole: %d bytes, ends %q", len(a.Body), a.Body[max(0, len(a.Body)-60):])
	}
	if sink.get(site+"/n/1.html") == nil {
		t.Fatal("the article linking the attachments is not archived")
	}
	sha := sha1.Sum(pdf)
	wantDigest := "sha1:" + base32.StdEncoding.EncodeToString(sha[:])
	var found bool
	for c, err := range warc.ReadIndex(dir) {
		if err != nil {
			t.Fatal(err)
		}
		switch c.URL {
		case site + "/up/list.pdf":
			found = true
			if c.Status != 200 || c.Digest != wantDigest {
				t.Errorf("the attachment sent at 160 KiB/s is archived as %d %s, want 200 %s (the whole file)", c.Status, c.Digest, wantDigest)
			}
		case site + "/up/drip.pdf":
			t.Errorf("the dripping attachment is in the WARC index: %+v", c)
		}
	}
	if !found {
		t.Errorf("the attachment sent at 160 KiB/s is not archived (attachments %+v)", sum.Attachments)
	}
	if sum.Attachments.Captured != 1 || sum.Attachments.Failed != 1 {
		t.Errorf("attachments %+v: want the slow one captured, the drip failed", sum.Attachments)
	}
	// The drip was tried twice (Retries 1), each given up on about a
	// second after it started: a byte every 100 ms earns next to nothing.
	if n := hits.requests("top.wenming.test/up/drip.pdf"); n != 2 {
		t.Errorf("the drip was asked %d times, want 2", n)
	}
	if len(sum.Errors) != 0 {
		t.Errorf("crawl errors %v %v: want none (a capture's failure is counted in its summary)", sum.Errors, sum.ErrorSamples)
	}
}

// TestAllowance checks the deadline an exchange's body earns: the
// timeout, then a second for every minBodyRate bytes received.
func TestAllowance(t *testing.T) {
	for _, tc := range []struct {
		read int64
		want time.Duration
	}{
		{0, 30 * time.Second},
		{1, 30 * time.Second},
		{minBodyRate, 31 * time.Second},
		{50 << 20, 30*time.Second + 1600*time.Second},
	} {
		a := &allowance{start: time.Unix(0, 0), timeout: 30 * time.Second, read: tc.read}
		if got := a.deadline().Sub(a.start); got < tc.want || got > tc.want+time.Millisecond {
			t.Errorf("%d bytes received: deadline %v after the start, want %v", tc.read, got, tc.want)
		}
	}
}
