package crawl

import (
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
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
		"#", "?#", "#中", "#f g", "#a`b'c\"d<e>", "#%zz", "#a#b", "?a=中#文", "?a=`{}|^[]\\", "?a=<\">", "?a=\x7f",
		"?a=\x01", "?a=\tb", "#\x01", "#a\nb", "?a=\xff", "#\xff", "?a=\xe4\xb8", "?url=http://x.cn/a.html&title=“文明”",
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
	// Share links with a title in Chinese in their query, and hrefs with
	// a fragment, are the shortcut's too.
	bu, err := urlParser.Parse(bases[1])
	if err != nil {
		t.Fatal(err)
	}
	lb := newLinkBase(bu)
	for _, href := range []string{
		"http://service.weibo.com/share/share.php?url=http://x.wenming.cn/a.html&title=“文明”在我身边",
		"d.html?title=文明 实践", "?q=中", "d.html#top", "/a/b.html?x=1#第二段", "http://www.wenming.cn#",
	} {
		if _, ok := lb.fast(href); !ok {
			t.Errorf("href %q: not taken by the shortcut", href)
		}
	}
	if fast < n/20 {
		t.Errorf("shortcut took %d of %d hrefs; want the plain ones", fast, n)
	}
	t.Logf("%d of %d hrefs resolved by the shortcut", fast, n)
}

// TestResolveSimulatedLinks resolves every href of a walk over the
// simulated sites both ways (the hrefs a crawl meets), and checks the
// parsed canonical URL of each against url.Parse.
func TestResolveSimulatedLinks(t *testing.T) {
	sim := sitesim.New(sitesim.Options{Seed: 7, Articles: 300, Calm: true})
	hrefRE := regexp.MustCompile(`(?i)href\s*=\s*(?:"([^"]*)"|'([^']*)')`)
	queue := []string{"http://www.wenming.cn/"}
	seen := map[string]bool{queue[0]: true}
	fast, n, already := 0, 0, 0
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
			if err == nil {
				// The crawl reads the canonical URL of the link as parsed
				// by canonicalParts.
				if s, u, cerr := canonicalParts(got); cerr == nil && u != nil {
					if p, perr := url.Parse(s); perr != nil || *p != *u {
						t.Errorf("page %s, href %q: canonicalParts gives %#v; url.Parse(%q) %#v (%v)", page, href, *u, s, p, perr)
					}
				}
				// The shortcut for URLs canonical already gives what
				// parsing them gives.
				if u, ok := canonicalAlready(got); ok {
					already++
					s, pu, perr := canonicalParse(got)
					if perr != nil || s != got || pu == nil || *pu != *u {
						t.Errorf("page %s, href %q: canonicalAlready takes %q as %#v; canonicalParse gives %q, %#v (%v)", page, href, got, *u, s, pu, perr)
					}
				}
			}
			if err == nil && strings.Contains(got, "wenming.cn/") && !seen[got] {
				seen[got] = true
				queue = append(queue, got)
			}
		}
	}
	if n < 1000 || fast < n/2 || already < n/2 {
		t.Errorf("%d hrefs, %d by the shortcut, %d canonical already: the walk or a shortcut went wrong", n, fast, already)
	}
	t.Logf("%d pages, %d hrefs, %d by the shortcut, %d canonical already", len(seen), n, fast, already)
}

// TestLinkBaseOfMatchesWHATWG checks linkBaseOf, which reads a plain base
// without the WHATWG parser, against linkBase of the parsed base: every
// href resolves to the same URL (or fails) either way, and the plain
// bases are read without the parser.
func TestLinkBaseOfMatchesWHATWG(t *testing.T) {
	bases := []struct {
		url   string
		plain bool
	}{
		{"http://www.wenming.cn/", true},
		{"http://www.wenming.cn", true},
		{"http://www.wenming.cn/a/b/c.html", true},
		{"http://www.wenming.cn/a/b/", true},
		{"https://hb.wenming.cn/xwzx/index.shtml?page=2", true},
		{"http://www.wenming.cn/a/b?x=%41#f", true},
		{"HTTP://www.wenming.cn/a/", true},
		{"http://WWW.wenming.cn/a/", false},
		{"http://127.0.0.1:8080/x/y", false},
		{"http://user:pw@www.wenming.cn/a/", false},
		{"http://www.wenming.cn:80/a/b", false},
		{"http://www.wenming.cn/a%20b/c", false},
		{"http://www.wenming.cn/a/./b/../c", false},
		{"http://www.wenming.cn/a/b/..", false},
		{"http://www.wenming.cn./a", false},
		{"http://xn--fiq228c.com/a", false},
		{"http://1.2.3.4/a", false},
		{"ftp://www.wenming.cn/a", false},
	}
	hrefs := []string{"a", "../b", "/c/d.html", "?p=2", "//other.cn/x", "http://x.cn/y", "a%20b", "中文", "a b", "./",
		"javascript:void(0)", "http://[::1/", "https://a..b/"}
	for _, b := range bases {
		nu, err := url.Parse(b.url)
		if err != nil {
			t.Fatal(err)
		}
		wu, err := urlParser.Parse(nu.String())
		if err != nil {
			t.Fatal(err)
		}
		lb, ok := linkBaseOf(nu)
		if !ok {
			t.Fatalf("%s: linkBaseOf fails", b.url)
		}
		if plain := lb.url == nil; plain != b.plain {
			t.Errorf("%s: read without the parser %v, want %v", b.url, plain, b.plain)
		}
		want := newLinkBase(wu)
		if lb.origin != want.origin || lb.path != want.path || lb.dir != want.dir {
			t.Errorf("%s: origin, path, dir %q %q %q; from the parsed base %q %q %q", b.url, lb.origin, lb.path, lb.dir, want.origin, want.path, want.dir)
		}
		for _, h := range hrefs {
			got, err := lb.resolve(h)
			w, werr := wu.Parse(h)
			if (err != nil) != (werr != nil) || err == nil && got != w.Href(false) {
				t.Errorf("base %s, href %q: %q (%v); WHATWG %v (%v)", b.url, h, got, err, w, werr)
			}
		}
	}
}

// TestScriptOrMail checks that what anchorsOf leaves out unresolved is a
// URL without a host to WHATWG parsing, whatever the base, and that it
// leaves nothing else out.
func TestScriptOrMail(t *testing.T) {
	bases := []string{"http://www.wenming.cn/a/b.html", "https://hb.wenming.cn/", "http://127.0.0.1:8080/x"}
	for _, c := range []struct {
		href string
		want bool
	}{
		{"javascript:void(0)", true},
		{"JavaScript:history.back()", true},
		{"javascript:alert('第一页');", true},
		{"javascript:", true},
		{"mailto:a@b.cn", true},
		{"MAILTO:a@b.cn?subject=中文", true},
		{"tel:010-1234", true},
		{"javascript://x.cn/", false},
		{"javascripts:x", false},
		{"java script:x", false},
		{"http://x.cn/", false},
		{"/javascript:x", false},
		{"a/b:c", false},
		{"news:x", false},
	} {
		if got := scriptOrMail(c.href); got != c.want {
			t.Errorf("scriptOrMail(%q) = %v, want %v", c.href, got, c.want)
		}
		if !c.want {
			continue
		}
		for _, b := range bases {
			bu, err := urlParser.Parse(b)
			if err != nil {
				t.Fatal(err)
			}
			u, err := bu.Parse(c.href)
			if err != nil {
				t.Errorf("base %s, href %q: WHATWG fails (%v): it would not be counted", b, c.href, err)
				continue
			}
			if u.Host() != "" || u.Protocol() == "http:" || u.Protocol() == "https:" {
				t.Errorf("base %s, href %q: WHATWG reads %s, a URL with a host or of http(s)", b, c.href, u.Href(false))
			}
		}
	}
}
