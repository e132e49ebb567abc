package crawl

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// challengePage is what the firewalls in front of many government sites
// answer a client that runs no scripts: a script that sets a cookie and
// loads the page again.
const challengePage = `<html><body><script>document.cookie="__jsl_clearance=1700000000.123|0|abc";location.href=location.pathname+location.search</script></body></html>`

// TestBotChallengeNamed crawls a homepage linking two child sites behind
// such firewalls — one whose robots.txt answers the challenge (HTTP 521),
// one whose pages do (HTTP 412) — and checks that each is reported as a
// bot challenge, not retried, and that its host is left.
func TestBotChallengeNamed(t *testing.T) {
	var hits hitCounter // by host
	_, sum := crawlWeb(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.count(r.Host)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch {
		case r.Host == "waf521.test":
			w.WriteHeader(521)
			fmt.Fprint(w, challengePage)
		case r.Host == "waf412.test" && r.URL.Path != "/robots.txt":
			w.WriteHeader(http.StatusPreconditionFailed)
			fmt.Fprint(w, challengePage)
		case r.URL.Path == "/robots.txt" || r.URL.Path == "/sitemap.xml":
			http.NotFound(w, r)
		case r.Host == "top.wenming.test" && r.URL.Path == "/":
			fmt.Fprint(w, `<html><head><title>顶层文明网</title></head><body><div class="yqlj"><h3>友情链接</h3><ul>`+
				`<li><a href="http://waf521.test/">甲文明网</a></li><li><a href="http://waf412.test/">乙文明网</a></li></ul></div></body></html>`)
		default:
			http.NotFound(w, r)
		}
	}), Options{Workers: 2, Retries: 3}, nopSink)
	if n := sum.Errors[KindBotChallenge]; n != 2 {
		t.Errorf("bot challenges %d, want 2 (errors %v)", n, sum.Errors)
	}
	for _, host := range []string{"waf521.test", "waf412.test"} {
		if !strings.Contains(sum.SkippedHosts[host]+sum.ErrorSamples[KindBotChallenge], "anti-bot") {
			t.Errorf("%s: not named a bot challenge (skipped %v, samples %v)", host, sum.SkippedHosts, sum.ErrorSamples)
		}
		if n := hits.requests(host); n > 2 {
			t.Errorf("%s: %d requests, want at most robots.txt and the homepage, each once", host, n)
		}
	}
	if sum.Errors[KindRobotsUnreachable] != 0 || sum.Retried != 0 {
		t.Errorf("robots_unreachable %d, retried %d: a challenge is not retried", sum.Errors[KindRobotsUnreachable], sum.Retried)
	}
}
