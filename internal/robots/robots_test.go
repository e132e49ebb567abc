package robots

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// The RFC 9309 cases, served and read as the crawler reads them, are
// crawl's TestRobotsRFC9309; these test the pieces.

func TestNormalize(t *testing.T) {
	tests := []struct {
		in      string
		pattern bool
		want    string
	}{
		{"/a/b.html?x=1&y=2", false, "/a/b.html?x=1&y=2"},
		{"/新", false, "/%E6%96%B0"},
		{"/新", true, "/%E6%96%B0"},
		// A rule in a legacy charset (GBK's 新) matches the URL a page
		// in that charset links, not the UTF-8 one.
		{"/\xd0\xc2", true, "/%D0%C2"},
		{"/%e6%96%b0", false, "/%E6%96%B0"},
		{"/%62%61%7A", false, "/baz"},
		{"/%7Euser/%2F", false, "/~user/%2F"},
		{"/a b", false, "/a%20b"},
		{"/100%", false, "/100%25"},
		{"/%zz", false, "/%25zz"},
		{"/a*b$", false, "/a%2Ab%24"},
		{"/a*b$", true, "/a*b$"},
		{"/a$b$", true, "/a%24b$"},
		{"/%2A", true, "/%2A"},
		{"/a|b", false, "/a%7Cb"},
	}
	for _, tt := range tests {
		if got := normalize(tt.in, tt.pattern); got != tt.want {
			t.Errorf("normalize(%q, %v) = %q, want %q", tt.in, tt.pattern, got, tt.want)
		}
	}
}

// TestNormalizeKeepsURL checks that a URL that needs no change is
// returned as it is, without a copy: most URLs the crawler checks.
func TestNormalizeKeepsURL(t *testing.T) {
	for _, s := range []string{"/", "/a/b.html?x=1&y=%E6%96%B0", "/forum.php?mod=viewthread&tid=8"} {
		if n := testing.AllocsPerRun(10, func() { normalize(s, false) }); n != 0 {
			t.Errorf("normalize(%q): %v allocations, want 0", s, n)
		}
	}
}

// TestMatchesAsRegexp compares the matcher with the pattern read as an
// anchored regular expression, on random patterns and paths of a few
// letters: the wildcard's backtracking cases ("/a*ab$" against "/aab")
// come up among them.
func TestMatchesAsRegexp(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	word := func(alphabet string, n int) string {
		b := make([]byte, rng.IntN(n))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(b)
	}
	for range 20000 {
		pattern := "/" + word("ab/*", 7)
		if rng.IntN(2) == 0 {
			pattern += "$"
		}
		path := "/" + word("ab/", 8)
		expr := "^" + strings.ReplaceAll(regexp.QuoteMeta(strings.TrimSuffix(pattern, "$")), `\*`, ".*")
		if strings.HasSuffix(pattern, "$") {
			expr += "$"
		}
		want := regexp.MustCompile(expr).MatchString(path)
		r := newRule(pattern, false)
		if got := r.matches(path); got != want {
			t.Fatalf("rule %q on %q: matches %v, want %v", pattern, path, got, want)
		}
	}
}

func TestParse(t *testing.T) {
	const file = `# a site's robots.txt
Sitemap: http://www.example.cn/sitemap.xml
User-agent: *
Crawl-delay: 2
Disallow: /a/

User-agent: wenming
crawldelay: 0.5
Disallow: /b/
SITEMAP: http://www.example.cn/sitemap_index.xml # the index
User agent: other
Crawl-delay: x

User-agent: wenming
Crawl-delay: 3
Dissallow: /c/
`
	f := Parse([]byte(file))
	if want := []string{"http://www.example.cn/sitemap.xml", "http://www.example.cn/sitemap_index.xml"}; !slices.Equal(f.Sitemaps, want) {
		t.Errorf("Sitemaps = %q, want %q", f.Sitemaps, want)
	}
	tests := []struct {
		agent   string
		delay   time.Duration
		allowed []string
		denied  []string
	}{
		// Two groups name wenming: merged, the longer delay kept.
		{"WenMing", 3 * time.Second, []string{"/a/1"}, []string{"/b/1", "/c/1"}},
		{"wenming/0.1 (archival crawler)", 3 * time.Second, []string{"/a/1"}, []string{"/b/1", "/c/1"}},
		// other's group: its Crawl-delay is no number.
		{"other", 0, []string{"/a/1", "/b/1"}, nil},
		{"baiduspider", 2 * time.Second, []string{"/b/1"}, []string{"/a/1"}},
	}
	for _, tt := range tests {
		r := f.For(tt.agent)
		if r.CrawlDelay != tt.delay {
			t.Errorf("%s: CrawlDelay = %v, want %v", tt.agent, r.CrawlDelay, tt.delay)
		}
		for _, p := range tt.allowed {
			if !r.Allows(p) {
				t.Errorf("%s: %s disallowed", tt.agent, p)
			}
		}
		for _, p := range tt.denied {
			if r.Allows(p) {
				t.Errorf("%s: %s allowed", tt.agent, p)
			}
		}
	}
}

// TestEmpty checks that no file, an empty one and a nil *Rules allow
// everything.
func TestEmpty(t *testing.T) {
	var none *Rules
	for name, r := range map[string]*Rules{"nil": none, "no file": Parse(nil).For("wenming"), "no rules": Parse([]byte("User-agent: *\n")).For("wenming")} {
		if !r.Allows("/a") {
			t.Errorf("%s: /a disallowed", name)
		}
		if r != nil && r.CrawlDelay != 0 {
			t.Errorf("%s: CrawlDelay %v", name, r.CrawlDelay)
		}
	}
}
