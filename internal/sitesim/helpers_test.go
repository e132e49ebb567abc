package sitesim

import (
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// get sends one request straight to the handler and returns status, header
// and body decoded to UTF-8 (pages declaring gbk or gb2312 are decoded as GBK).
func get(t *testing.T, h http.Handler, method, rawURL string) (int, http.Header, string) {
	t.Helper()
	req := httptest.NewRequest(method, rawURL, nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	res := w.Result()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("read %s: %v", rawURL, err)
	}
	if lb := strings.ToLower(string(b)); strings.Contains(lb, "charset=gbk") || strings.Contains(lb, "charset=gb2312") {
		d, err := simplifiedchinese.GBK.NewDecoder().Bytes(b)
		if err != nil {
			t.Fatalf("decode gbk %s: %v", rawURL, err)
		}
		b = d
	}
	return res.StatusCode, res.Header, string(b)
}

var (
	hrefRe   = regexp.MustCompile(`(?i)\b(?:href|src)="([^"]*)"`)
	baseRe   = regexp.MustCompile(`(?i)<base href="([^"]+)"`)
	pagerRe  = regexp.MustCompile(`createPageHTML\((\d+), (\d+), "(\w+)", "(\w+)"\)`)
	tracking = map[string]bool{"from": true, "spm": true, "isappinstalled": true}
	rewrite  = regexp.MustCompile(`^/article-(\d+)-1\.html$`)
)

// canon applies the crawler's canonicalization rules from the brief.
func canon(u *url.URL) string {
	c := *u
	c.Scheme = strings.ToLower(c.Scheme)
	c.Host = strings.ToLower(c.Host)
	c.Fragment = ""
	if c.Port() == "80" {
		c.Host = c.Hostname()
	}
	if c.RawQuery != "" {
		var keep []string
		for _, kv := range strings.Split(c.RawQuery, "&") {
			k, _, _ := strings.Cut(kv, "=")
			if tracking[k] || strings.HasPrefix(k, "utm_") {
				continue
			}
			keep = append(keep, kv)
		}
		c.RawQuery = strings.Join(keep, "&")
	}
	if m := rewrite.FindStringSubmatch(c.Path); m != nil && c.RawQuery == "" {
		c.Path, c.RawQuery = "/portal.php", "mod=view&aid="+m[1]
	}
	return c.String()
}

// links returns the absolute links of a page, resolved against its <base>
// or URL, plus the list pages written by a TRS createPageHTML call.
func links(pageURL, body string) []*url.URL {
	base, _ := url.Parse(pageURL)
	if m := baseRe.FindStringSubmatch(body); m != nil {
		if b, err := url.Parse(m[1]); err == nil {
			base = b
		}
	}
	var out []*url.URL
	add := func(ref string) {
		if strings.HasPrefix(ref, "javascript:") || strings.HasPrefix(ref, "#") {
			return
		}
		if u, err := base.Parse(html.UnescapeString(ref)); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
			out = append(out, u)
		}
	}
	for _, m := range hrefRe.FindAllStringSubmatch(body, -1) {
		add(m[1])
	}
	if m := pagerRe.FindStringSubmatch(body); m != nil {
		n, _ := strconv.Atoi(m[1])
		add(m[3] + "." + m[4])
		for k := 1; k < n; k++ {
			add(m[3] + "_" + strconv.Itoa(k) + "." + m[4])
		}
	}
	return out
}
