package sitesim

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestMobileHost: with the mobile-host extra every article of the site is
// served on its mobile host at its desktop path, a lighter page with the
// same title and text and no view counter, linked 手机版 from the desktop
// page and listed on the mobile homepage; Truth lists the mobile URL as an
// alias and resolves it. Without the extra the mobile host is outside.
func TestMobileHost(t *testing.T) {
	host := extraHosts[ExtraMobileHost]
	mobile := mobileHosts[host]
	if code, _, _ := get(t, New(Options{Seed: 2, Articles: 200}), "GET", "http://"+mobile+"/"); code != http.StatusBadGateway {
		t.Errorf("without the extra, the mobile host answers %d", code)
	}
	sim := New(Options{Seed: 2, Articles: 200, Extras: []string{ExtraMobileHost}})
	_, _, home := get(t, sim, "GET", "http://"+mobile+"/")
	n, listed := 0, 0
	sim.ForEachArticle(func(tr Truth) bool {
		if tr.Host != host {
			return true
		}
		n++
		m := "http://" + mobile + strings.TrimPrefix(tr.URL, "http://"+host)
		if len(tr.Aliases) != 1 || tr.Aliases[0] != m {
			t.Errorf("%s: aliases %v, want %s", tr.URL, tr.Aliases, m)
		}
		if back, ok := sim.Truth(m); !ok || back.URL != tr.URL {
			t.Errorf("Truth(%s) = %s, %v", m, back.URL, ok)
		}
		_, _, desk := get(t, sim, "GET", tr.URL)
		if !strings.Contains(desk, `href="`+m+`"`) {
			t.Errorf("%s does not link its mobile page", tr.URL)
		}
		code, _, page := get(t, sim, "GET", m)
		if code != 200 || !strings.Contains(page, "<h2 class=\"wap-tit\">"+esc(tr.Title)+"</h2>") || strings.Contains(page, "_showDynClicks") || strings.Contains(page, "当前位置") {
			t.Errorf("%s: %d, not the lighter page of %q", m, code, tr.Title)
		}
		for _, p := range strings.Split(tr.Body, "\n") {
			if !strings.Contains(page, "<p>"+esc(p)+"</p>") {
				t.Errorf("%s lacks the paragraph %q", m, p)
			}
		}
		if strings.Contains(home, `href="`+strings.TrimPrefix(m, "http://"+mobile)+`"`) {
			listed++
		}
		return true
	})
	if n == 0 {
		t.Fatal("the site has no articles")
	}
	if listed != min(n, mobileNewest) || !strings.Contains(home, `href="http://`+host+`/">电脑版`) {
		t.Errorf("the mobile homepage lists %d of the %d articles, links the desktop: %v", listed, n, strings.Contains(home, "电脑版"))
	}
	if code, _, _ := get(t, sim, "GET", "http://"+mobile+"/xwzx/ltyw.htm"); code != http.StatusNotFound {
		t.Errorf("a list on the mobile host answers %d, want 404", code)
	}
}

// TestGzipFiles: the gzip-files extra's files answer application/x-gzip
// with their name in Content-Disposition; a release is a tar of a CSV,
// the bomb gzip members of zeros under Content-Encoding: gzip, BombSize
// in all. The articles offering them link them; without the extra there
// are none.
func TestGzipFiles(t *testing.T) {
	if files, _ := New(Options{Seed: 2, Articles: 200}).GzipFiles(); len(files) > 0 {
		t.Errorf("files without the extra: %v", files)
	}
	sim := New(Options{Seed: 2, Articles: 300, Extras: []string{ExtraGzipFiles}})
	files, bomb := sim.GzipFiles()
	if len(files) < 2 || bomb == "" {
		t.Fatalf("files %v, bomb %q", files, bomb)
	}
	for _, f := range files {
		w := httptest.NewRecorder()
		sim.ServeHTTP(w, httptest.NewRequest(http.MethodGet, f, nil))
		h := w.Result().Header
		if w.Code != 200 || h.Get("Content-Type") != "application/x-gzip" || !strings.Contains(h.Get("Content-Disposition"), ".gz") {
			t.Fatalf("%s: %d %v", f, w.Code, h)
		}
		zr, err := gzip.NewReader(bytes.NewReader(w.Body.Bytes()))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if f == bomb {
			zr.Multistream(false)
			n, err := io.Copy(io.Discard, zr)
			if err != nil || n != bombMember || h.Get("Content-Encoding") != "gzip" || w.Body.Len()%bombMembers != 0 {
				t.Errorf("bomb: first member %d bytes (%v), Content-Encoding %q", n, err, h.Get("Content-Encoding"))
			}
			if w.Body.Len() > 4<<20 {
				t.Errorf("bomb of %d bytes on the wire", w.Body.Len())
			}
			continue
		}
		tr := tar.NewReader(zr)
		hd, err := tr.Next()
		if err != nil || !strings.HasSuffix(hd.Name, ".csv") {
			t.Errorf("%s: tar entry %v, %v", f, hd, err)
		}
	}
	linked := 0
	sim.ForEachArticle(func(tr Truth) bool {
		if tr.Host == extraHosts[ExtraGzipFiles] {
			_, _, page := get(t, sim, "GET", tr.URL)
			if strings.Contains(page, gzipFilesScript) {
				linked++
			}
		}
		return true
	})
	if linked != len(files) {
		t.Errorf("%d articles link a file, want %d", linked, len(files))
	}
}

// TestWeChatRepost: with the wechat-repost extra some articles of the site
// are reposts naming their original and their account as source; a
// copied one carries its text in a hidden #js_content; without the extra
// there are none.
func TestWeChatRepost(t *testing.T) {
	New(Options{Seed: 1, Articles: 800}).ForEachArticle(func(tr Truth) bool {
		if tr.RepostOf != "" {
			t.Errorf("%s is a repost without the extra", tr.URL)
			return false
		}
		return true
	})
	sim := New(Options{Seed: 1, Articles: 800, Extras: []string{ExtraWeChat}})
	copied := 0
	sim.ForEachArticle(func(tr Truth) bool {
		if tr.RepostOf == "" {
			return true
		}
		if tr.Host != extraHosts[ExtraWeChat] || !strings.HasPrefix(tr.RepostOf, "https://mp.weixin.qq.com/s/") || tr.Source == "" || tr.Body == "" {
			t.Errorf("%s: repost of %q, source %q, body %q", tr.URL, tr.RepostOf, tr.Source, tr.Body)
		}
		_, _, page := get(t, sim, "GET", tr.URL)
		if i := strings.Index(page, `id="js_content" style="visibility: hidden;"`); i >= 0 {
			copied++
			for _, p := range strings.Split(tr.Body, "\n") {
				if !strings.Contains(page[i:], esc(p)) {
					t.Errorf("%s: %q not in #js_content", tr.URL, p)
				}
			}
		}
		return true
	})
	if copied == 0 {
		t.Error("no copied repost")
	}
}
