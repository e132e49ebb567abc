package crawl

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// rfcExample is the example robots.txt of RFC 9309 section 5.1.
const rfcExample = `User-Agent: *
Disallow: *.gif$
Disallow: /example/
Allow: /publications/

User-Agent: foobot
Disallow:/
Allow:/example/page.html
Allow:/example/allowed.gif

User-Agent: barbot
User-Agent: bazbot
Disallow: /example/page.html

User-Agent: quxbot

`

// nearLimit is a robots.txt of more than 500 KiB: a rule at 499 KiB, and
// a line "Allow: /private/open.html" that the read limit cuts in its
// middle, after which comes more.
func nearLimit() string {
	var b strings.Builder
	b.WriteString("User-agent: *\nDisallow: /private/\n")
	for b.Len() < 499<<10 {
		b.WriteString("# padding padding padding padding padding padding padding\n")
	}
	b.WriteString("Disallow: /at499k/\n")
	for b.Len() < 512<<10-len("\nAllow: /private/o") {
		b.WriteString("#")
	}
	b.WriteString("\nAllow: /private/open.html\n")
	b.WriteString(strings.Repeat("# more\n", 2000))
	return b.String()
}

// TestRobotsRFC9309 checks the crawler's robots.txt check against the
// examples and rules of RFC 9309 and those Google publishes for its
// crawlers: each case names the clause it checks. Each robots.txt is
// served from a host of its own on a loopback server and read as the
// crawler reads it.
func TestRobotsRFC9309(t *testing.T) {
	tests := []struct {
		clause string
		robots string // the answer to /robots.txt; "!redirect", "!404" and "!html" are served as such
		agent  string // the crawler's product token; "wenming" when empty
		path   string
		allow  bool
	}{
		{"5.1 example: the * group for an agent no group names", rfcExample, "", "/example/page.html", false},
		{"5.1 example: * group, Allow /publications/", rfcExample, "", "/publications/a.html", true},
		{"5.1 example: * group, *.gif$", rfcExample, "", "/images/a.gif", false},
		{"5.1 example: * group, *.gif$ is anchored at the end", rfcExample, "", "/images/a.gif?w=100", true},
		{"5.1 example: foobot's own group, Disallow: /", rfcExample, "foobot", "/publications/a.html", false},
		{"5.1 example: foobot's longer Allow", rfcExample, "foobot", "/example/page.html", true},
		{"5.1 example: foobot's longer Allow of a .gif", rfcExample, "foobot", "/example/allowed.gif", true},
		{"5.1 example: barbot in a group of two agents", rfcExample, "barbot", "/example/page.html", false},
		{"5.1 example: bazbot in a group of two agents", rfcExample, "bazbot", "/example/page.html", false},
		{"5.1 example: bazbot does not use the * group", rfcExample, "bazbot", "/example/other.html", true},
		{"5.1 example: quxbot's empty group allows all", rfcExample, "quxbot", "/example/page.html", true},
		{"5.2 longest match: Allow /example/page/", "User-Agent: foobot\nAllow: /example/page/\nDisallow: /example/page/disallowed.gif\n", "foobot", "/example/page/a.html", true},
		{"5.2 longest match: the longer Disallow", "User-Agent: foobot\nAllow: /example/page/\nDisallow: /example/page/disallowed.gif\n", "foobot", "/example/page/disallowed.gif", false},

		{"2.2.1 groups naming the same agent are merged", "user-agent: ExampleBot\ndisallow: /foo\ndisallow: /bar\n\nuser-agent: ExampleBot\ndisallow: /baz\n", "examplebot", "/baz/1", false},
		{"2.2.1 groups naming the same agent are merged (first group)", "user-agent: ExampleBot\ndisallow: /foo\ndisallow: /bar\n\nuser-agent: ExampleBot\ndisallow: /baz\n", "examplebot", "/foo/1", false},
		{"2.2.1 the agent is matched in any case", "User-agent: WenMing\nDisallow: /x/\n", "", "/x/1", false},
		{"2.2.1 the agent's own group, not *", "User-agent: *\nDisallow: /\n\nUser-agent: wenming\nDisallow: /x/\n", "", "/a.html", true},
		{"2.2.1 an agent named by a prefix of its token is another agent", "User-agent: wen\nDisallow: /\n", "", "/a.html", true},
		{"2.2.1 a longer name is another agent", "User-agent: wenmingbot\nDisallow: /\n", "", "/a.html", true},
		{"2.2.1 (Google) the product token before a version", "User-agent: wenming/2.0\nDisallow: /x/\n", "", "/x/1", false},
		{"2.2.1 no matching group and no *: no rules", "User-agent: Baiduspider\nDisallow: /\n", "", "/a.html", true},

		{"2.2.2 longest match: Allow /p beats Disallow /", "User-agent: *\nAllow: /p\nDisallow: /\n", "", "/page", true},
		{"2.2.2 equal Allow / and Disallow /: allow", "User-agent: *\nDisallow: /\nAllow: /\n", "", "/page", true},
		{"2.2.2 equal Allow and Disallow, either order: allow", "User-agent: *\nDisallow: /folder\nAllow: /folder\n", "", "/folder/page", true},
		{"2.2.2 (Google) /*.htm matches more than /page", "User-agent: *\nAllow: /page\nDisallow: /*.htm\n", "", "/page.htm", false},
		{"2.2.2 (Google) /*.ph ties /page: allow", "User-agent: *\nAllow: /page\nDisallow: /*.ph\n", "", "/page.php5", true},
		{"2.2.2 (Google) Allow /$ is the root alone", "User-agent: *\nAllow: /$\nDisallow: /\n", "", "/", true},
		{"2.2.2 (Google) Allow /$ does not match /page.htm", "User-agent: *\nAllow: /$\nDisallow: /\n", "", "/page.htm", false},
		{"2.2.2 (Google) Allow /$ does not match /dir/", "User-agent: *\nAllow: /$\nDisallow: /\n", "", "/dir/", false},
		{"2.2.2 /robots.txt is implicitly allowed", "User-agent: *\nDisallow: /\n", "", "/robots.txt", true},
		{"2.2.2 a UTF-8 rule matches its percent-encoded URL", "User-agent: *\nDisallow: /foo/bar/ツ\n", "", "/foo/bar/%E3%83%84", false},
		{"2.2.2 a percent-encoded rule matches its URL", "User-agent: *\nDisallow: /foo/bar/%E3%83%84\n", "", "/foo/bar/%E3%83%84", false},
		{"2.2.2 encoded unreserved octets are compared decoded", "User-agent: *\nDisallow: /foo/bar/%62%61%7A\n", "", "/foo/bar/baz", false},
		{"2.2.2 an encoded URL matches a plain rule", "User-agent: *\nDisallow: /foo/baz\n", "", "/foo/%62az", false},
		{"2.2.2 a Chinese rule in UTF-8", "User-agent: *\nDisallow: /新闻/内部/\n", "", "/%E6%96%B0%E9%97%BB/%E5%86%85%E9%83%A8/1.html", false},
		{"2.2.2 a Chinese rule in UTF-8, another column", "User-agent: *\nDisallow: /新闻/内部/\n", "", "/%E6%96%B0%E9%97%BB/1.html", true},
		{"2.2.2 a rule's escapes in lower case", "User-agent: *\nDisallow: /%e6%96%b0\n", "", "/%E6%96%B0/1.html", false},

		{"2.2.3 * and $: anchored at the path's start", "User-agent: *\nDisallow: /a/*.php$\n", "", "/b/a/x.php", true},
		{"2.2.3 * and $: the rule's own path", "User-agent: *\nDisallow: /a/*.php$\n", "", "/a/b/x.php", false},
		{"2.2.3 * and $: $ ends the match", "User-agent: *\nDisallow: /a/*.php$\n", "", "/a/x.php?id=1", true},
		{"2.2.3 * without $: anchored at the start", "User-agent: *\nDisallow: /a/*/print\n", "", "/b/a/1/print", true},
		{"2.2.3 * without $", "User-agent: *\nDisallow: /a/*/print\n", "", "/a/1/print/2", false},
		{"2.2.3 %2A is a literal *", "User-agent: *\nDisallow: /path/file-with-a-%2A.html\n", "", "/path/file-with-a-*.html", false},
		{"2.2.3 %2A is no wildcard", "User-agent: *\nDisallow: /path/file-with-a-%2A.html\n", "", "/path/file-with-a-b.html", true},
		{"2.2.3 %24 is a literal $", "User-agent: *\nDisallow: /path/foo-%24\n", "", "/path/foo-$", false},
		{"2.2.3 (Google) /fish* is /fish", "User-agent: *\nDisallow: /fish*\n", "", "/fishheads/yummy.html", false},
		{"2.2.3 (Google) /fish does not match /Fish.asp", "User-agent: *\nDisallow: /fish\n", "", "/Fish.asp", true},
		{"2.2.3 (Google) /fish does not match /catfish", "User-agent: *\nDisallow: /fish\n", "", "/catfish", true},
		{"2.2.3 (Google) /*.php matches a query", "User-agent: *\nDisallow: /*.php\n", "", "/folder/filename.php?parameters", false},
		{"2.2.3 (Google) /*.php is case-sensitive", "User-agent: *\nDisallow: /*.php\n", "", "/windows.PHP", true},
		{"2.2.3 (Google) /*.php$ does not match /filename.php/", "User-agent: *\nDisallow: /*.php$\n", "", "/filename.php/", true},
		{"2.2.3 (Google) /fish*.php", "User-agent: *\nDisallow: /fish*.php\n", "", "/fishheads/catfish.php?parameters", false},
		{"2.2.3 (Google) a $ inside a rule is a literal", "User-agent: *\nDisallow: /a$b\n", "", "/a$b/c", false},
		{"2.2.3 # starts a comment", "User-agent: * # all\nDisallow: /x # not /y\n# Disallow: /\n", "", "/y", true},
		{"2.2.3 # starts a comment: the rule before it", "User-agent: * # all\nDisallow: /x # not /y\n# Disallow: /\n", "", "/x", false},

		{"2.2.2 an empty Disallow allows all", "User-agent: *\nDisallow:\n", "", "/a.html", true},
		{"2.2 parseable rules are used: a rule before any User-agent", "Disallow: /x\nUser-agent: *\nDisallow: /y\n", "", "/y", false},
		{"2.2 parseable rules are used: a rule before any User-agent is in no group", "Disallow: /x\nUser-agent: *\nDisallow: /y\n", "", "/x", true},
		{"2.2 parseable rules are used: a bad Crawl-delay", "User-agent: *\nCrawl-delay: 1s\nDisallow: /y\n", "", "/y", false},
		{"2.2 a UTF-8 byte order mark", "\uFEFFUser-agent: *\nDisallow: /x\n", "", "/x", false},
		{"2.2 lines ended by CR alone", "User-agent: *\rDisallow: /x\r", "", "/x", false},
		{"2.2 (Google) lines without a colon", "User-agent *\nDisallow /x\n", "", "/x", false},
		{"2.2 keys in any case", "USER-AGENT: *\nDISALLOW: /x\n", "", "/x", false},
		{"2.2 an HTML page as robots.txt has no rules", "!html", "", "/a.html", true},
		{"2.3.1.2 a redirected robots.txt is followed", "!redirect", "", "/x/1", false},
		{"2.3.1.3 a 4xx robots.txt allows all", "!404", "", "/x/1", true},
		{"2.5 a rule within the first 500 KiB is obeyed", nearLimit(), "", "/at499k/a.html", false},
		{"2.5 a rule cut by the parse limit is not used", nearLimit(), "", "/private/other.html", false},
	}
	serve := func(w http.ResponseWriter, r *http.Request, robots string) {
		switch robots {
		case "!html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, "<!DOCTYPE html>\n<html><head><title>首页</title>\n<style>\nbody { margin: 0 }\n</style></head>\n<body><a href=\"http://x.test/\">Disallow</a>: /\n</body></html>\n")
		case "!redirect":
			if r.URL.Path == "/robots.txt" {
				http.Redirect(w, r, "/robots/real.txt", http.StatusMovedPermanently)
				return
			}
			fmt.Fprint(w, "User-agent: *\nDisallow: /x/\n")
		case "!404":
			http.NotFound(w, r)
		default:
			fmt.Fprint(w, robots)
		}
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var i int
		if _, err := fmt.Sscanf(r.Host, "c%d.test", &i); err != nil || i >= len(tests) {
			http.NotFound(w, r)
			return
		}
		serve(w, r, tests[i].robots)
	}))
	defer srv.Close()
	proxy, _ := url.Parse(srv.URL)
	client := &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(proxy)}}
	for i, tt := range tests {
		agent := tt.agent
		if agent == "" {
			agent = "wenming"
		}
		rc := newRobotsCache(client, agent, agent+"/1.0")
		u, err := url.Parse(fmt.Sprintf("http://c%d.test%s", i, tt.path))
		if err != nil {
			t.Fatal(err)
		}
		ok, _, err := rc.allowed(context.Background(), u)
		if err != nil {
			t.Errorf("%s: %s: %v", tt.clause, tt.path, err)
			continue
		}
		if ok != tt.allow {
			t.Errorf("%s: %s for %s: allowed %v, want %v", tt.clause, tt.path, agent, ok, tt.allow)
		}
	}
}

// TestRobotsAnchoredWildcard crawls a site whose robots.txt has an
// anchored wildcard rule and a rule in UTF-8 Chinese: the pages the
// rules match are never requested, and the others — a .php page with a
// query, one whose path only holds the rule's further in, and one in
// another column — are archived. Under temoto/robotstxt's unanchored
// patterns /wx/zt/3.php was disallowed, and /新闻/内部/ missed the
// percent-encoded URL.
func TestRobotsAnchoredWildcard(t *testing.T) {
	pages := map[string]bool{ // path as linked → allowed
		"/zt/a/1.php":    false,
		"/zt/2.php?id=2": true,
		"/wx/zt/3.php":   true,
		"/zt/4.html":     true,
		"/新闻/内部/5.html":  false,
		"/新闻/6.html":     true,
		"/%E6%96%B0%E9%97%BB/%E5%86%85%E9%83%A8/7.html": false,
	}
	srv, hits := pageWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		if offHost(w, r, "top.wenming.test") {
			return
		}
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /zt/*.php$\nDisallow: /新闻/内部/\n")
			return
		case "/":
			var b strings.Builder
			for p := range pages {
				fmt.Fprintf(&b, `<li><a href="%s">志愿服务活动纪实%s</a></li>`, p, p)
			}
			page("顶层文明网", "<ul>"+b.String()+"</ul>")
			return
		}
		for p := range pages {
			if u, _ := url.Parse(p); u.Path == r.URL.Path {
				page("文章", numberedArticle(p))
				return
			}
		}
		http.NotFound(w, r)
	})
	var sink urlSink
	_, sum := runTestCrawl(t, srv.URL, Options{Workers: 2}, sink.store)
	var blocked int64
	for p, allow := range pages {
		u, _ := url.Parse("http://top.wenming.test" + p)
		requested := hits.requests("top.wenming.test"+u.RequestURI()) > 0
		switch {
		case allow && sink.get(u.String()) == nil:
			t.Errorf("%s may be fetched and was not archived (requested %v)", p, requested)
		case !allow && requested:
			t.Errorf("%s is disallowed and was requested", p)
		case !allow:
			blocked++
		}
	}
	if sum.RobotsBlocked != blocked {
		t.Errorf("RobotsBlocked = %d, want %d", sum.RobotsBlocked, blocked)
	}
}
