package replay

import (
	"net/http"
	"strings"
	"testing"
)

// TestRewriteImages: an image the archive holds is shown from its copy
// (its srcset dropped), one it does not hold keeps the placeholder, and
// without Options.Images every image does, as before.
func TestRewriteImages(t *testing.T) {
	const page = `<html><head><title>t</title></head><body>` +
		`<img src="/up/a.jpg" srcset="/up/a-2x.jpg 2x" alt="现场">` +
		`<img src="http://img.xa.gov.cn/up/b.jpg">` +
		`<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">` +
		`</body></html>`
	archived := map[string]bool{"http://www.xa.gov.cn/up/a.jpg": true}
	images := func(u string) (string, bool) {
		if archived[u] {
			return "/replay-image?url=" + u, true
		}
		return "", false
	}
	links := func(string) (string, bool) { return "", false }
	for _, tc := range []struct {
		name   string
		images Images
		shown  int
		want   []string
		absent []string
	}{
		{"archive holds one", images, 1,
			[]string{`src="/replay-image?url=http://www.xa.gov.cn/up/a.jpg"`, `alt="现场"`,
				`class="` + ClassBlocked + `" title="图片未存档：http://img.xa.gov.cn/up/b.jpg"`, `src="data:image/gif`},
			[]string{"a-2x.jpg", `src="http://img.xa.gov.cn`}},
		{"no images option", nil, 0,
			[]string{`title="图片未存档：http://www.xa.gov.cn/up/a.jpg"`, `title="图片未存档：http://img.xa.gov.cn/up/b.jpg"`},
			[]string{"/replay-image", `src="/up/a.jpg"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := RewriteWith([]byte(page), "text/html; charset=utf-8", "http://www.xa.gov.cn/a/1.html", Options{Links: links, Images: tc.images})
			if err != nil {
				t.Fatal(err)
			}
			out := string(p.HTML)
			if p.Images != tc.shown {
				t.Errorf("%d images shown, want %d", p.Images, tc.shown)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("rewritten page lacks %s:\n%s", w, out)
				}
			}
			for _, a := range tc.absent {
				if strings.Contains(out, a) {
					t.Errorf("rewritten page holds %s:\n%s", a, out)
				}
			}
		})
	}
}

// TestHeaderImages: the replay's policy allows images from the one route
// given, and nothing else changes.
func TestHeaderImages(t *testing.T) {
	h := http.Header{}
	HeaderImages(h, "127.0.0.1:8080/replay-image")
	want := strings.Replace(Policy, "img-src data:;", "img-src data: 127.0.0.1:8080/replay-image;", 1)
	if got := h.Get("Content-Security-Policy"); got != want || got == Policy {
		t.Errorf("policy %q, want %q", got, want)
	}
	plain := http.Header{}
	Header(plain)
	if plain.Get("Content-Security-Policy") != Policy || plain.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("Header: %v", plain)
	}
}

// TestImageType: an archived answer is served as an image only under an
// image type, and never when its bytes are an HTML page.
func TestImageType(t *testing.T) {
	png := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
	for _, tc := range []struct {
		contentType, body, want string
		ok                      bool
	}{
		{"image/png", png, "image/png", true},
		{"IMAGE/JPEG; charset=binary", "\xff\xd8\xff\xe0", "image/jpeg", true},
		{"image/svg+xml", `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`, "image/svg+xml", true},
		{"image/png", `<html><body><script>alert(1)</script></body></html>`, "", false},
		{"text/html", png, "", false},
		{"", png, "", false},
		{"application/octet-stream", png, "", false},
		{"image/x-unknown", png, "", false},
	} {
		got, ok := ImageType(tc.contentType, []byte(tc.body))
		if got != tc.want || ok != tc.ok {
			t.Errorf("ImageType(%q, %.12q) = %q, %v; want %q, %v", tc.contentType, tc.body, got, ok, tc.want, tc.ok)
		}
	}
	h := http.Header{}
	ImageHeader(h, "image/svg+xml")
	if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "sandbox") || strings.Contains(csp, "script") {
		t.Errorf("image policy %q lets script run", csp)
	}
	if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Content-Type") != "image/svg+xml" {
		t.Errorf("image headers %v", h)
	}
}
