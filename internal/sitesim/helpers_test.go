package sitesim

import (
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// get sends one request straight to the handler and returns status, header
// and body decoded to UTF-8 as a careful decoder does (decodeCarefully).
func get(t testing.TB, h http.Handler, method, rawURL string) (int, http.Header, string) {
	t.Helper()
	req := httptest.NewRequest(method, rawURL, nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	res := w.Result()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("read %s: %v", rawURL, err)
	}
	text, err := decodeCarefully(b)
	if err != nil {
		t.Fatalf("decode %s: %v", rawURL, err)
	}
	return res.StatusCode, res.Header, text
}

// decodeCarefully is what a careful decoder does with a Chinese page
// whatever its labels say: bytes that are valid UTF-8 are UTF-8,
// anything else is GBK (gb2312 labels included).
func decodeCarefully(b []byte) (string, error) {
	if utf8.Valid(b) {
		return string(b), nil
	}
	d, err := simplifiedchinese.GBK.NewDecoder().Bytes(b)
	return string(d), err
}

var (
	hrefRe  = regexp.MustCompile(`(?i)\b(?:href|src)="([^"]*)"`)
	baseRe  = regexp.MustCompile(`(?i)<base href="([^"]+)"`)
	pagerRe = regexp.MustCompile(`createPageHTML\((\d+), (\d+), "(\w+)", "(\w+)"\)`)
)

// canon is the simulation's canonical form of u.
func canon(u *url.URL) string {
	c, ok := Canonical(u.String())
	if !ok {
		return u.String()
	}
	return c
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

// mustResolve finds the article of an article URL.
func (sim *Sim) mustResolve(t *testing.T, u string) ref {
	t.Helper()
	a, ok := sim.resolve(u)
	if !ok {
		t.Fatalf("no article at %s", u)
	}
	return a
}

// heapNow is the heap in use after a collection.
func heapNow() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// checkFlat fails t when the work done since begin took longer than
// limit, or left the heap (heapNow) more than 8 MiB above before.
func checkFlat(t *testing.T, work string, begin time.Time, limit time.Duration, before uint64) {
	t.Helper()
	if d := time.Since(begin); d > limit {
		t.Errorf("%s took %v", work, d)
	}
	if grown := int64(heapNow()) - int64(before); grown > 8<<20 {
		t.Errorf("heap grew by %d bytes", grown)
	}
}
