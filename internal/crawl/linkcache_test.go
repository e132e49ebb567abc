package crawl

import (
	"fmt"
	"net/url"
	pathpkg "path"
	"strings"
	"testing"
	"unsafe"
)

// TestLinkCacheAsWorkedOut asks the cache twice (the second answered
// from memory) for links of every form the crawl meets: each answer is
// what canonicalizing, parsing and shaping the URL gives, and a URL that
// does not canonicalize is an error each time.
func TestLinkCacheAsWorkedOut(t *testing.T) {
	var c linkCache
	for _, raw := range []string{
		"http://WWW.Wenming.CN/a/yw/",
		"http://www.wenming.cn:80/a/yw/index.shtml",
		"http://www.wenming.cn/a/yw/t20230322_6123456.shtml?from=timeline&b=2&a=1#c",
		"http://www.wxwm.gov.cn/article-34-2.html",
		"http://a.cn/x/./y/../z.html",
		"http://a.cn/show.jsp;jsessionid=1A2B3C4D?id=7",
		"http://127.0.0.1:8080/a",
		"http://a.cn/%E6%96%87%E6%98%8E/",
		"http://a.cn/" + strings.Repeat("a/", maxPathSegments+1),
		"http://a.cn/" + strings.Repeat("x", maxURLLength),
		"http://a.cn/cal/?y=2024&m=1",
		"http://A.cn/files/Report.PDF",
		"ftp://a.cn/x",
		"http://%zz/",
		"/relative",
	} {
		canon, err := Canonicalize(raw)
		for round := range 2 {
			got, gerr := c.get(raw)
			if err != nil {
				if gerr == nil {
					t.Errorf("round %d: get(%q) = %+v; want an error", round, raw, got)
				}
				continue
			}
			if gerr != nil {
				t.Fatalf("round %d: get(%q): %v", round, raw, gerr)
			}
			u, err := url.Parse(canon)
			if err != nil {
				t.Fatal(err)
			}
			coarse, path := keysOfURL(u)
			want := canonLink{canon: canon, host: u.Host, skipExt: skipExt[strings.ToLower(pathpkg.Ext(u.Path))],
				keys: linkKeys{coarse, path}, why: pathological(u)}
			if *got != want {
				t.Errorf("round %d: get(%q) = %+v; want %+v", round, raw, *got, want)
			}
		}
	}
}

// TestLinkCacheBounded holds the cache to two generations of
// linkCacheSize URLs, the ones met lately kept.
func TestLinkCacheBounded(t *testing.T) {
	var c linkCache
	n := 5 * linkCacheSize
	raw := func(i int) string { return fmt.Sprintf("http://a.cn/%d.html", i) }
	for i := range n {
		if _, err := c.get(raw(i)); err != nil {
			t.Fatal(err)
		}
	}
	if held := len(c.cur) + len(c.old); held > 2*linkCacheSize {
		t.Errorf("%d URLs held; want at most %d", held, 2*linkCacheSize)
	}
	for _, i := range []int{n - 1, n - linkCacheSize} {
		if _, ok := c.cur[raw(i)]; !ok {
			if _, ok := c.old[raw(i)]; !ok {
				t.Errorf("%s is not held", raw(i))
			}
		}
	}
	if _, ok := c.cur[raw(0)]; ok {
		t.Errorf("%s is still held", raw(0))
	}
}

// TestLinkCacheHoldsNoPage asks for a URL that is a slice of a page's
// HTML, as an anchor's href is: what the cache holds for it shares no
// memory with the page.
func TestLinkCacheHoldsNoPage(t *testing.T) {
	page := `<html><body><a href="http://a.cn/x/y.html">x</a>` + strings.Repeat(" ", 64<<10) + `</body></html>`
	i := strings.Index(page, "http://")
	raw := page[i : i+len("http://a.cn/x/y.html")]
	var c linkCache
	l, err := c.get(raw)
	if err != nil {
		t.Fatal(err)
	}
	start := uintptr(unsafe.Pointer(unsafe.StringData(page)))
	within := func(s string) bool {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		return len(s) > 0 && p >= start && p < start+uintptr(len(page))
	}
	for key := range c.cur {
		if within(key) {
			t.Errorf("the key %q is a slice of the page", key)
		}
	}
	for name, s := range map[string]string{"canon": l.canon, "host": l.host, "coarse key": l.keys.coarse, "path key": l.keys.path} {
		if within(s) {
			t.Errorf("the %s %q is a slice of the page", name, s)
		}
	}
}
