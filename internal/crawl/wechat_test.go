package crawl

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/wenming-archive/wenming/internal/sitesim"
)

// TestSimWeChatRepost crawls the simulation with a county that reposts
// its 公众号's articles (sitesim.ExtraWeChat): the HTML copied from
// mp.weixin.qq.com with its body hidden (visibility:hidden until WeChat's
// script runs), or a lead and a link, or a lead and an iframe to
// mp.weixin.qq.com. Each repost is archived with the body the page shows,
// paragraph for paragraph, and the account as its source; nothing is
// asked of mp.weixin.qq.com or of WeChat's image host.
func TestSimWeChatRepost(t *testing.T) {
	var mu sync.Mutex
	outside := map[string]int{}
	opts := sitesim.Options{Seed: 1, Articles: 800, Calm: true, Extras: []string{sitesim.ExtraWeChat}, Log: func(r sitesim.Request) {
		if r.Outside {
			mu.Lock()
			outside[r.Host]++
			mu.Unlock()
		}
	}}
	sim, sum, sink, _ := simCrawlWith(t, opts, Options{})
	checkSimArchive(t, sim, sum, sink)
	norm := func(s string) string { return strings.Join(strings.Fields(s), "") }
	forms := map[string]int{}
	sim.ForEachArticle(func(tr sitesim.Truth) bool {
		if tr.RepostOf == "" {
			return true
		}
		forms[repostForm(t, sim, tr)]++
		a := sink.get(tr.URL)
		if a == nil {
			return true // checkSimArchive said so
		}
		if norm(a.Body) != norm(tr.Body) {
			t.Errorf("%s (repost of %s): body\n%q\nwant\n%q", tr.URL, tr.RepostOf, a.Body, tr.Body)
		}
		if a.Source != tr.Source {
			t.Errorf("%s: source %q, want the account %q", tr.URL, a.Source, tr.Source)
		}
		return true
	})
	for _, f := range []string{"copied with the account's header", "copied", "iframe", "iframe alone", "link", "link alone"} {
		if forms[f] == 0 {
			t.Errorf("no repost of the form %s in the simulation: %v", f, forms)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(outside) > 0 {
		t.Errorf("requests outside the hierarchy: %v", outside)
	}
	t.Logf("reposts: %v", forms)
}

// repostForm tells the form of the repost tr by its page.
func repostForm(t *testing.T, sim *sitesim.Sim, tr sitesim.Truth) string {
	t.Helper()
	w := httptest.NewRecorder()
	sim.ServeHTTP(w, httptest.NewRequest(http.MethodGet, tr.URL, nil))
	alone := ""
	if strings.HasSuffix(tr.Body, tr.RepostOf) {
		alone = " alone"
	}
	switch b := w.Body.String(); {
	case strings.Contains(b, `id="js_name"`):
		return "copied with the account's header"
	case strings.Contains(b, `id="js_content"`):
		return "copied"
	case strings.Contains(b, `<iframe src="https://mp.weixin.qq.com/`):
		return "iframe" + alone
	case strings.Contains(b, `原文链接：<a href="https://mp.weixin.qq.com/`):
		return "link" + alone
	}
	return "unknown"
}
