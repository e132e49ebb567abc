package crawl

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestExtraParam(t *testing.T) {
	tests := []struct {
		u, r, want string
	}{
		{"http://a.cn/2024/05/12/1/?replytocom=9", "http://a.cn/2024/05/12/1/", "replytocom"},
		{"http://a.cn/t.php?extra=page%3D1&tid=5", "http://a.cn/t.php?tid=5", "extra"},
		{"http://a.cn/t.php?extra=page%3D1&tid=5", "http://a.cn/t.php?tid=6", ""},  // another thread
		{"http://a.cn/show.php?id=5", "http://a.cn/show.php", "id"},                // the form alone; only the archive's judgement makes it a sighting
		{"http://a.cn/x.html?a=1&b=2", "http://a.cn/x.html", ""},                   // two parameters more
		{"http://a.cn/x.html?a=1", "http://b.cn/x.html", ""},                       // another host
		{"http://a.cn/x.html?a=1", "http://a.cn/y.html", ""},                       // another path
		{"http://a.cn/x.html?a=1", "https://a.cn/x.html", ""},                      // another scheme
		{"http://a.cn/x.html", "http://a.cn/x.html?a=1", ""},                       // fewer, not more
		{"http://a.cn/x.html?a=1&c=3", "http://a.cn/x.html?c=4", ""},               // another value of c
		{"http://a.cn/x.html?a=1&c=3&c=4", "http://a.cn/x.html?c=3&c=4", "a"},      // repeated values kept
		{"http://a.cn/x.html?print=1&id=7", "http://a.cn/x.html?id=7", "print"},    // any name
		{"http://a.cn/x.html?print=1&id=7", "http://a.cn/x.html?id=7&print=1", ""}, // the same parameters
	}
	for _, tc := range tests {
		u, _ := url.Parse(tc.u)
		r, _ := url.Parse(tc.r)
		got, ok := extraParam(u, r)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("extraParam(%s, %s) = %q, %v; want %q", tc.u, tc.r, got, ok, tc.want)
		}
	}
}

func TestInertNeedsSightings(t *testing.T) {
	ip := newInertParams()
	for i := range inertSightings - 1 {
		if p := ip.sight(fmt.Sprintf("http://a.cn/p/%d.html?replytocom=%d", i, i*10), fmt.Sprintf("http://a.cn/p/%d.html", i)); p != nil {
			t.Fatalf("learnt %v after %d sightings", p, i+1)
		}
	}
	// The same URL again is no new sighting.
	if p := ip.sight("http://a.cn/p/0.html?replytocom=0", "http://a.cn/p/0.html"); p != nil {
		t.Fatalf("learnt %v from a repeated sighting", p)
	}
	// A record that is not the page without the parameter is no sighting.
	if p := ip.sight("http://a.cn/p/7.html?replytocom=70", "http://a.cn/p/8.html"); p != nil {
		t.Fatalf("learnt %v from another page's record", p)
	}
	if ip.learntAny() {
		t.Fatal("a parameter learnt too early")
	}
	p := ip.sight("http://a.cn/p/9.html?replytocom=90", "http://a.cn/p/9.html")
	if p == nil || p.Param != "replytocom" {
		t.Fatalf("learnt %v, want replytocom", p)
	}
	u, _ := url.Parse("http://a.cn/p/12.html?replytocom=120")
	coarse, _ := keysOfURL(u)
	s, _, ok := ip.strip(u, coarse)
	if !ok || s != "http://a.cn/p/12.html" {
		t.Errorf("strip = %q, %v", s, ok)
	}
	// Another pattern keeps it: learning is per pattern.
	v, _ := url.Parse("http://a.cn/forum.php?replytocom=5&tid=3")
	coarse, _ = keysOfURL(v)
	if s, _, ok := ip.strip(v, coarse); ok {
		t.Errorf("stripped %q on another pattern", s)
	}
}

// inertSite is a site whose articles link comment-reply forms of
// themselves (?replytocom=N, the same page), beside articles reached as
// show.php?id=N, where the parameter selects the article.
type inertSite struct {
	articles, shown int
	hitCounter
	mu      sync.Mutex
	replies []time.Time // when each reply form was asked for
}

// repliesAfter is how many reply forms were asked for after t.
func (s *inertSite) repliesAfter(t time.Time) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, at := range s.replies {
		if at.After(t) {
			n++
		}
	}
	return n
}

func (s *inertSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	page := func(body string) {
		fmt.Fprintf(w, `<html><head><title>顶层文明网</title></head><body>%s%s</body></html>`, trapNav, body)
	}
	q := r.URL.Query()
	switch p := r.URL.Path; {
	case p == "/robots.txt" || p == "/sitemap.xml":
		http.NotFound(w, r)
	case p == "/":
		page(`<a href="/list/">工作动态</a><a href="/show.php">通知公告</a>`)
	case p == "/list/":
		n, _ := strconv.Atoi(q.Get("page"))
		n = max(n, 1)
		var b strings.Builder
		for i := (n - 1) * 5; i < min(n*5, s.articles); i++ {
			fmt.Fprintf(&b, `<li><a href="/a/%d.html">文章%d</a></li>`, i, i)
		}
		if n*5 < s.articles {
			fmt.Fprintf(&b, `<a href="/list/?page=%d">下一页</a>`, n+1)
		}
		page(b.String())
	case p == "/show.php" && q.Get("id") == "":
		var b strings.Builder
		for i := range s.shown {
			fmt.Fprintf(&b, `<li><a href="/show.php?id=%d">通知%d</a></li>`, 1000+i, i)
		}
		page(b.String())
	case p == "/show.php":
		s.count("show")
		page(numberedArticle(q.Get("id")))
	case strings.HasPrefix(p, "/a/"):
		id := strings.TrimSuffix(p[3:], ".html")
		if q.Get("replytocom") != "" {
			s.count("reply")
			s.mu.Lock()
			s.replies = append(s.replies, time.Now())
			s.mu.Unlock()
		} else {
			s.count("article")
		}
		n, _ := strconv.Atoi(id)
		page(numberedArticle(id) + fmt.Sprintf(`<div class="comments"><a href="/a/%s.html?replytocom=%d#respond">回复</a> <a href="/a/%s.html?replytocom=%d#respond">回复</a></div>`, id, n*10+1, id, n*10+2))
	default:
		http.NotFound(w, r)
	}
}

// TestInertParamLearnt crawls a site whose every article links two
// comment-reply forms of itself: once inertSightings of them are archived
// as the article, no more are fetched but those already in flight; the
// show.php?id=N articles, where the parameter selects the page, are all
// fetched and archived.
func TestInertParamLearnt(t *testing.T) {
	site := &inertSite{articles: 60, shown: 10}

	// The archive's judgement, as the store makes it: the same article
	// (here: the same body) under another URL is an alias of the first.
	var sink aliasSink
	const workers = 4
	_, sum := crawlWeb(t, site, Options{Workers: workers, PerHost: workers}, sink.store)
	byBody := sink.byBody
	if len(byBody) != site.articles+site.shown {
		t.Errorf("%d articles archived, want %d", len(byBody), site.articles+site.shown)
	}
	for _, u := range byBody {
		if strings.Contains(u, "replytocom") {
			t.Errorf("an article archived under its reply form %s", u)
		}
	}
	if n := site.requests("show"); n != site.shown {
		t.Errorf("show.php?id=N fetched %d times, want %d", n, site.shown)
	}
	// Without learning: two reply forms an article. With it: the
	// sightings, what was fetched while they were being archived (more on
	// a loaded machine, where the archive's commits lag the fetches), and
	// after the last of them only what was in flight then.
	if n, most := site.requests("reply"), site.articles; n > most {
		t.Errorf("reply forms fetched %d times, want ≤ %d (of %d linked)", n, most, 2*site.articles)
	}
	if len(sum.Inert) != 1 || sum.Inert[0].Param != "replytocom" || sum.Inert[0].Skipped == 0 {
		t.Fatalf("inert parameters %+v, want replytocom alone, used", sum.Inert)
	}
	if n := site.repliesAfter(sum.Inert[0].Learnt); n > workers {
		t.Errorf("%d reply forms asked for after the parameter was learnt, want ≤ %d (those in flight)", n, workers)
	}
	t.Logf("reply forms fetched %d of %d linked; %+v", site.requests("reply"), 2*site.articles, sum.Inert)
}

// TestInertParamKeptForLaterRuns crawls the site twice with one crawl
// state: the second run follows the reply forms' links without the
// parameter from its start, fetching none of them.
func TestInertParamKeptForLaterRuns(t *testing.T) {
	site := &inertSite{articles: 30, shown: 5}
	srv := httptest.NewServer(site)
	defer srv.Close()
	state := t.TempDir()
	run := func() Summary {
		var sink aliasSink
		_, sum := runInState(t, srv.URL, state, Options{Workers: 2, PerHost: 2}, sink.store)
		return sum
	}
	first := run()
	if len(first.Inert) != 1 {
		t.Fatalf("first run learnt %+v", first.Inert)
	}
	before := site.requests("reply")
	second := run()
	if n := site.requests("reply") - before; n != 0 {
		t.Errorf("the second run fetched %d reply forms, want none", n)
	}
	if len(second.Inert) != 1 || second.Inert[0].Skipped == 0 || !second.Inert[0].Learnt.Equal(first.Inert[0].Learnt) {
		t.Errorf("second run: inert %+v, want the first run's parameter, used", second.Inert)
	}
}

func TestInertLoad(t *testing.T) {
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	dir := t.TempDir()
	ip := newInertParams()
	ip.learnt["a.cn/p?replytocom"] = []*InertParam{{Pattern: "a.cn/p?replytocom", Param: "replytocom", Learnt: now.Add(-24 * time.Hour)}}
	ip.learnt["b.cn/p?share"] = []*InertParam{{Pattern: "b.cn/p?share", Param: "share", Learnt: now.Add(-inertKeep - time.Hour)}}
	ip.order = []*InertParam{ip.learnt["a.cn/p?replytocom"][0], ip.learnt["b.cn/p?share"][0]}
	if err := ip.save(dir); err != nil {
		t.Fatal(err)
	}
	got := newInertParams()
	if err := got.load(dir, now); err != nil {
		t.Fatal(err)
	}
	if r := got.report(); len(r) != 1 || r[0].Param != "replytocom" || !got.learntAny() {
		t.Errorf("loaded %+v, want replytocom only (share is older than inertKeep)", r)
	}
	if err := os.WriteFile(filepath.Join(dir, inertFile), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	damaged := newInertParams()
	if err := damaged.load(dir, now); err == nil || !strings.Contains(err.Error(), "learnt again") || damaged.learntAny() {
		t.Errorf("damaged file: err %v, learnt %v", err, damaged.learntAny())
	}
	if err := newInertParams().load(t.TempDir(), now); err != nil {
		t.Errorf("no file: %v", err)
	}
}
