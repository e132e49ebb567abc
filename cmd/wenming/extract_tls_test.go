package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExtractUnverifiedHTTPS fetches a page whose HTTPS certificate fails
// verification: extracted with a warning naming the host, or refused with
// crawl.strict_tls.
func TestExtractUnverifiedHTTPS(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<html><head><title>测试标题_某县文明网</title></head><body><h1>测试标题</h1><div class="info">发布时间：2024-05-12</div>` +
			`<div class="content"><p>这是第一段正文，讲述了志愿服务活动的开展情况，群众反响热烈。</p><p>这是第二段正文，介绍了活动取得的成效和下一步工作打算。</p></div></body></html>`))
	}))
	defer srv.Close()
	page := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1) + "/a/1.html"

	code, out, errOut := wenming(t, "extract", page)
	if code != exitOK || !strings.Contains(out, `"title": "测试标题"`) {
		t.Fatalf("default: exit %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "HTTPS of localhost: its certificate failed verification") {
		t.Errorf("default: no warning naming the host: %q", errOut)
	}

	cfg := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(cfg, []byte("crawl:\n  strict_tls: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = wenming(t, "extract", "--config", cfg, page)
	if code == exitOK || !strings.Contains(errOut, "certificate") {
		t.Errorf("strict: exit %d\n%s\n%s", code, out, errOut)
	}
}
