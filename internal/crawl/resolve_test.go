package crawl

import (
	"html"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/internal/sitesim"
)

// TestResolveMatchesWHATWG checks the plain-href shortcut of linkBase
// against the WHATWG parser on every combination of bases and hrefs built
// from the pieces links are made of, plain or not, and that the shortcut
// does take the plain ones.
func TestResolveMatchesWHATWG(t *testing.T) {
	bases := []string{
		"http://www.wenming.cn/",
		"http://www.wenming.cn/a/b/c.html",
		"http://www.wenming.cn/a/b/",
		"https://hb.wenming.cn/xwzx/index.shtml?page=2",
		"http://127.0.0.1:8080/x/y",
		"http://user:pw@www.wenming.cn/a/",
		"http://www.wenming.cn:80/a/b",
		"http://www.wenming.cn/a%20b/c",
		"http://www.wenming.cn/a/b#frag",
	}
	heads := []string{
		"", "/", "./", "../", "../../", "../../../../", "//", "http://", "https://", "HTTP://", "ftp://",
		"javascript:", "mailto:", "?", "#", "http://www.wenming.cn", "http://www.wenming.cn/",
		"https://BJ.wenming.cn/", "http://xn--fiq228c.com/", "http://192.168.0.1/", "http://1.2.3/",
		"http://a..b/", "http://a.b./", "http://-a.b/", "http://a:b@c.d/", "http://c.d:80/", "http://c.d:81/",
		"http://中文.cn/", "http://a_b.cn/",
	}
	mids := []string{
		"", "a", "a/b", "a/./b", "a/../b", ".", "..", "a/.", "a/..", "./.", "../..", "a//b", "%2e", "%2E%2E/x",
		"a%20b", "a b", "a\tb", "a\\b", "中文", "a'b", "a\"b", "a<b", "a`b", "a{b}", "a|b", "a^b", "a:b", "a@b",
		"t20230101_123.html", "index_2.shtml", "list_5_2.html", "x;jsessionid=1", "!$&()*+,;=~_-.",
	}
	tails := []string{
		"", "?", "?a=1", "?a=1&b=2", "?a=b?c", "?a='x'", "?a=%41", "?a b", "?a=中", "#f", "?a=1#f", "/", "/.", "/..",
	}
	fast, n := 0, 0
	for _, b := range bases {
		bu, err := urlParser.Parse(b)
		if err != nil {
			t.Fatal(err)
		}
		lb := newLinkBase(bu)
		for _, h := range heads {
			for _, m := range mids {
				for _, tl := range tails {
					href := h + m + tl
					if href == "" {
						continue
					}
					n++
					got, ok := lb.fast(href)
					if !ok {
						continue
					}
					fast++
					want, err := bu.Parse(href)
					if err != nil {
						t.Errorf("base %s, href %q: shortcut gave %s, WHATWG fails: %v", b, href, got, err)
						continue
					}
					if w := want.Href(false); got != w {
						t.Errorf("base %s, href %q: shortcut %s, WHATWG %s", b, href, got, w)
					}
				}
			}
		}
	}
	if fast < n/20 {
		t.Errorf("shortcut took %d of %d hrefs; want the plain ones", fast, n)
	}
	t.Logf("%d of %d hrefs resolved by the shortcut", fast, n)
}

// TestResolveSimulatedLinks resolves every href of a walk over the
// simulated sites both ways: the hrefs a crawl meets.
func TestResolveSimulatedLinks(t *testing.T) {
	sim := sitesim.New(sitesim.Options{Seed: 7, Articles: 300, Calm: true})
	hrefRE := regexp.MustCompile(`(?i)href\s*=\s*(?:"([^"]*)"|'([^']*)')`)
	queue := []string{"http://www.wenming.cn/"}
	seen := map[string]bool{queue[0]: true}
	fast, n := 0, 0
	for len(queue) > 0 && len(seen) < 1500 {
		page := queue[0]
		queue = queue[1:]
		rec := httptest.NewRecorder()
		sim.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, page, nil))
		if rec.Code != http.StatusOK {
			continue
		}
		bu, err := urlParser.Parse(page)
		if err != nil {
			t.Fatal(err)
		}
		lb := newLinkBase(bu)
		for _, m := range hrefRE.FindAllStringSubmatch(rec.Body.String(), -1) {
			href := strings.TrimSpace(html.UnescapeString(m[1] + m[2]))
			if href == "" || strings.HasPrefix(href, "#") {
				continue
			}
			want, werr := bu.Parse(href)
			got, err := lb.resolve(href)
			n++
			if _, ok := lb.fast(href); ok {
				fast++
			}
			if (err != nil) != (werr != nil) || (err == nil && got != want.Href(false)) {
				t.Errorf("page %s, href %q: resolve %q (%v), WHATWG %v (%v)", page, href, got, err, want, werr)
				continue
			}
			if err == nil && strings.Contains(got, "wenming.cn/") && !seen[got] {
				seen[got] = true
				queue = append(queue, got)
			}
		}
	}
	if n < 1000 || fast < n/2 {
		t.Errorf("%d hrefs, %d by the shortcut: the walk or the shortcut went wrong", n, fast)
	}
	t.Logf("%d pages, %d hrefs, %d by the shortcut", len(seen), n, fast)
}
