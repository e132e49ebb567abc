package replay

import (
	"net/http"
	"strings"
	"testing"
)

// TestAttachmentType: an attachment keeps its archived type unless a
// browser could run script in it or its bytes are a page.
func TestAttachmentType(t *testing.T) {
	for _, tc := range []struct {
		contentType, body, want string
	}{
		{"application/pdf", "%PDF-1.4", "application/pdf"},
		{"application/msword", "\xd0\xcf\x11\xe0", "application/msword"},
		{"text/plain; charset=GBK", "名单", "text/plain; charset=GBK"},
		{"application/pdf", "<!DOCTYPE html><script>alert(1)</script>", "application/octet-stream"},
		{"text/html; charset=utf-8", "文件不存在", "application/octet-stream"},
		{"image/svg+xml", "<svg onload=alert(1)>", "application/octet-stream"},
		{"application/xhtml+xml", "<x/>", "application/octet-stream"},
		{"", "\xd0\xcf\x11\xe0", "application/octet-stream"},
		{"pdf", "%PDF", "application/octet-stream"},
	} {
		if got := AttachmentType(tc.contentType, []byte(tc.body)); got != tc.want {
			t.Errorf("AttachmentType(%q, %q) = %q, want %q", tc.contentType, tc.body, got, tc.want)
		}
	}
}

// TestAttachmentName: the archived Content-Disposition's name, else the
// URL's last segment, never a path.
func TestAttachmentName(t *testing.T) {
	for _, tc := range []struct {
		url, disposition, want string
	}{
		{"http://x.gov.cn/up/notice.doc", "", "notice.doc"},
		{"http://x.gov.cn/up/%E9%80%9A%E7%9F%A5.doc", "", "通知.doc"},
		{"http://x.gov.cn/plus/download.php?open=0&aid=2", `attachment; filename="rules.xls"`, "rules.xls"},
		{"http://x.gov.cn/plus/download.php?open=0&aid=2", `attachment; filename="..\..\evil.exe"`, "....evil.exe"},
		{"http://x.gov.cn/", "", "attachment"},
		{"http://x.gov.cn/up/a%0Ab.pdf", "", "ab.pdf"},
	} {
		if got := AttachmentName(tc.url, tc.disposition); got != tc.want {
			t.Errorf("AttachmentName(%q, %q) = %q, want %q", tc.url, tc.disposition, got, tc.want)
		}
	}
}

// TestAttachmentHeader: a download, of the given type, with its name
// (non-ASCII names as RFC 2231 asks), never sniffed, sandboxed.
func TestAttachmentHeader(t *testing.T) {
	h := http.Header{}
	AttachmentHeader(h, "application/pdf", "名单公示.pdf")
	if got := h.Get("Content-Disposition"); !strings.HasPrefix(got, "attachment; filename*=utf-8''") || !strings.Contains(got, "%E5%90%8D%E5%8D%95") {
		t.Errorf("Content-Disposition %q", got)
	}
	for k, want := range map[string]string{"Content-Type": "application/pdf", "X-Content-Type-Options": "nosniff", "Content-Security-Policy": AttachmentPolicy} {
		if got := h.Get(k); got != want {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
}
