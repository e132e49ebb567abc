package sitesim

import (
	"encoding/xml"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

func TestCanonical(t *testing.T) {
	tests := []struct{ in, want string }{
		{"HTTP://WWW.Wenming.CN:80/a/yw/index.shtml#top", "http://www.wenming.cn/a/yw/"},
		{"http://hb.wenming.cn/gzdt/default.htm", "http://hb.wenming.cn/gzdt/"},
		{"http://www.ngwm.gov.cn/portal.php?mod=view&aid=5", "http://www.ngwm.gov.cn/portal.php?aid=5&mod=view"},
		{"http://www.ngwm.gov.cn/portal.php?aid=5&mod=view&sid=Ab12Cd&from=timeline", "http://www.ngwm.gov.cn/portal.php?aid=5&mod=view"},
		{"http://www.smwm.gov.cn/article-7-1.html?from=groupmessage", "http://www.smwm.gov.cn/portal.php?aid=7&mod=view"},
		{"http://www.smwm.gov.cn/article-7-2.html", "http://www.smwm.gov.cn/portal.php?aid=7&mod=view&page=2"},
		{"http://www.smwm.gov.cn/portal.php?page=1&mod=list&catid=2", "http://www.smwm.gov.cn/portal.php?catid=2&mod=list"},
		{"http://x.cn/a;jsessionid=0A1B2C/b.htm?JSESSIONID=1&PHPSESSID=2&ASPSESSIONIDQQ=3&sessionid=4&session_id=5&utm_source=w&share_token=6&timestamp=7&k=1", "http://x.cn/a/b.htm?k=1"},
		{"http://x.cn/list.jsp;jsessionid=ABC?b=2&a=9&b=1", "http://x.cn/list.jsp?a=9&b=2&b=1"},
		{"http://x.cn/p/../q/./r.html?", "http://x.cn/q/r.html"},
		{"http://www.jlwmw.gov.cn/index.php?m=content&c=index&a=show&catid=9&id=57", "http://www.jlwmw.gov.cn/index.php?a=show&c=index&catid=9&id=57&m=content"},
	}
	for _, tt := range tests {
		if got, ok := Canonical(tt.in); !ok || got != tt.want {
			t.Errorf("Canonical(%s) = %s, %v; want %s", tt.in, got, ok, tt.want)
		}
	}
	for _, bad := range []string{"ftp://x.cn/", "mailto:a@b.cn", "/relative", "http://"} {
		if got, ok := Canonical(bad); ok {
			t.Errorf("Canonical(%s) = %s, want not ok", bad, got)
		}
	}
}

// onward resolves the first submatch of re in a page against its <base> or URL.
func onward(t *testing.T, pageURL, body string, re *regexp.Regexp) string {
	t.Helper()
	m := re.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("%s: no onward link %s", pageURL, re)
	}
	base, _ := url.Parse(pageURL)
	if b := baseRe.FindStringSubmatch(body); b != nil {
		base, _ = url.Parse(b[1])
	}
	u, err := base.Parse(html.UnescapeString(m[1]))
	if err != nil {
		t.Fatalf("%s: bad link %q", pageURL, m[1])
	}
	return u.String()
}

// TestTrapsAnswerForever follows each trap's onward link 60 times: every
// page answers 200 under a new URL, is counted and logged with its trap;
// calendar pages link no article. (The session-id trap is endless across
// visits, not along links: TestSessionIDs.)
func TestTrapsAnswerForever(t *testing.T) {
	tests := []struct {
		trap, start string
		next        *regexp.Regexp
	}{
		{"calendar", "http://hbzd.wenming.cn/hdrl/", regexp.MustCompile(`<a href="(\?month=[0-9-]+)" class="next">`)},
		{"calendar", "http://hbzd.wenming.cn/hdrl/?month=2014-01", regexp.MustCompile(`<a href="(\?month=[0-9-]+)" class="prev">`)},
		{"date-archive", "http://sxhx.wenming.cn/wmrl/?y=2015&m=1", regexp.MustCompile(`<a href="([^"]+)">下一月</a>`)},
		{"date-archive", "http://sxhx.wenming.cn/wmrl/?y=x", regexp.MustCompile(`<a href="([^"]+)">上一年</a>`)},
		{"pager", "http://www.smwm.gov.cn/portal.php?mod=list&catid=2&page=40", regexp.MustCompile(`<a href="([^"]+)" class="nxt">下一页</a>`)},
		{"search", "http://www.jlwmw.gov.cn/index.php?m=search&c=index&a=init&typeid=1&q=%E5%BF%97%E6%84%BF%E6%9C%8D%E5%8A%A1", regexp.MustCompile(`<a href="([^"]+)" class="a1">下一页</a>`)},
		{"search", "http://www.jlwmw.gov.cn/index.php?m=search&c=index&a=init&typeid=1&q=x", regexp.MustCompile(`<div class="related"><h5>相关搜索</h5><a href="([^"]+)"`)},
		{"soft-404", "http://www.qhwmw.gov.cn/news/qhyw/news/", regexp.MustCompile(`<a href="(news/)">新闻动态</a>`)},
	}
	for _, tt := range tests {
		t.Run(tt.trap, func(t *testing.T) {
			var logged []Request
			var mu sync.Mutex
			sim := New(Options{Seed: 4, Log: func(r Request) { mu.Lock(); logged = append(logged, r); mu.Unlock() }})
			var key string
			for _, tr := range sim.Traps() {
				if tr.Name == tt.trap {
					key = tr.Key()
				}
			}
			if key == "" {
				t.Fatalf("no trap %s", tt.trap)
			}
			seen := map[string]bool{}
			u := tt.start
			for step := 1; step <= 60; step++ {
				if seen[u] {
					t.Fatalf("step %d: %s again", step, u)
				}
				seen[u] = true
				code, _, body := get(t, sim, "GET", u)
				if code != 200 {
					t.Fatalf("step %d: GET %s = %d", step, u, code)
				}
				if n := sim.TrapRequests()[key]; n != step {
					t.Fatalf("step %d: TrapRequests[%s] = %d", step, key, n)
				}
				if last := logged[len(logged)-1]; last.Trap != tt.trap {
					t.Fatalf("step %d: logged trap %q", step, last.Trap)
				}
				for _, l := range links(u, body) {
					if tr, ok := sim.Truth(l.String()); ok && tt.trap == "calendar" {
						t.Errorf("calendar links article %s", tr.URL)
					}
				}
				u = onward(t, u, body, tt.next)
			}
		})
	}
}

// TestTrapEntrances checks that each trap is linked from an ordinary page.
func TestTrapEntrances(t *testing.T) {
	sim := New(Options{Seed: 4, Calm: true})
	tests := []struct{ page, want string }{
		{"http://hbzd.wenming.cn/", `href="./hdrl/"`},
		{"http://sxhx.wenming.cn/", `href="./wmrl/?y=2026&amp;m=11"`},
		{"http://www.jlwmw.gov.cn/", `index.php?m=search&amp;c=index&amp;a=init&amp;typeid=1&amp;q=`},
		{"http://www.ngwm.gov.cn/", `&amp;sid=`},
		{"http://www.qhwmw.gov.cn/news/qhyw/", `<a href="news/">新闻动态</a>`},
	}
	for _, tt := range tests {
		if body := mustBody(t, sim, tt.page); !strings.Contains(body, tt.want) {
			t.Errorf("%s lacks %s", tt.page, tt.want)
		}
	}
	// the last real list page of the endless pager has no 下一页; pages past it do
	s := sim.byHost["www.smwm.gov.cn"]
	pages := (s.colCount(0) + discuzPerPage - 1) / discuzPerPage
	last := mustBody(t, sim, fmt.Sprintf("http://www.smwm.gov.cn/portal.php?mod=list&catid=%d&page=%d", s.cols[0].id, pages))
	past := mustBody(t, sim, fmt.Sprintf("http://www.smwm.gov.cn/portal.php?mod=list&catid=%d&page=%d", s.cols[0].id, pages+1))
	if strings.Contains(last, `class="nxt"`) || !strings.Contains(past, `class="nxt"`) {
		t.Error("pager: 下一页 on the last page, or none past it")
	}
	if strip := func(b string) string {
		return regexp.MustCompile(`(?s)<div class="pgs cl">.*?</div>\n`).ReplaceAllString(b, "")
	}; strip(last) != strip(past) {
		t.Error("a page past the end does not repeat the last page")
	}
}

// TestSessionIDs: without a cookie every visit opens a new session; links
// carry it; the same page answers under any session id.
func TestSessionIDs(t *testing.T) {
	sim := New(Options{Seed: 4, Calm: true})
	sidRe := regexp.MustCompile(`portal\.php\?mod=view&amp;aid=(\d+)&amp;sid=(\w+)`)
	sids := map[string]bool{}
	var article string
	for k := 0; k < 5; k++ {
		_, h, body := get(t, sim, "GET", "http://www.ngwm.gov.cn/")
		m := sidRe.FindStringSubmatch(body)
		if m == nil || !strings.Contains(h.Get("Set-Cookie"), "_2132_sid="+m[2]) {
			t.Fatalf("no session id in links or cookie")
		}
		sids[m[2]] = true
		article = "http://www.ngwm.gov.cn/" + html.UnescapeString(m[0])
	}
	if len(sids) != 5 {
		t.Errorf("%d distinct sessions in 5 visits", len(sids))
	}
	req := httptest.NewRequest("GET", "http://www.ngwm.gov.cn/", nil)
	req.AddCookie(&http.Cookie{Name: "ngwm_2132_sid", Value: "KeepMe"})
	w := httptest.NewRecorder()
	sim.ServeHTTP(w, req)
	if !strings.Contains(w.Body.String(), "&amp;sid=KeepMe") {
		t.Error("the session cookie is not reused")
	}
	tr, ok := sim.Truth(article)
	if !ok {
		t.Fatalf("Truth(%s) not found", article)
	}
	for sid := range sids {
		u := tr.URL + "&sid=" + sid
		if body := mustBody(t, sim, u); !strings.Contains(body, html.EscapeString(tr.Title)) || !strings.Contains(body, "&amp;sid="+sid) {
			t.Errorf("%s: not the article, or links lose the session", u)
		}
		if got, ok := sim.Truth(u); !ok || got.URL != tr.URL {
			t.Errorf("Truth(%s) = %v, %s", u, ok, got.URL)
		}
	}
	if n := sim.TrapRequests()["session-id@www.ngwm.gov.cn"]; n != len(sids) {
		t.Errorf("TrapRequests counts %d session-id requests, want %d", n, len(sids))
	}
}

// TestAliases fetches the alias forms each CMS links and checks that they
// serve the same article and resolve to the same Truth.
func TestAliases(t *testing.T) {
	sim := New(Options{Seed: 6, Calm: true})
	for _, host := range []string{"www.lxwmw.gov.cn", "www.jlwmw.gov.cn", "www.qhwmw.gov.cn"} {
		tr := firstOf(t, sim, host)
		if len(tr.Aliases) != 1 {
			t.Fatalf("%s: aliases %v", host, tr.Aliases)
		}
		for _, u := range tr.Aliases {
			got, ok := sim.Truth(u)
			if !ok || got.URL != tr.URL {
				t.Errorf("Truth(%s) = %v %s", u, ok, got.URL)
			}
			body := mustBody(t, sim, u)
			if !strings.Contains(body, html.EscapeString(tr.Title)) {
				t.Errorf("%s lacks the title", u)
			}
			for _, p := range strings.Split(tr.Body, "\n") {
				if !strings.Contains(body, html.EscapeString(p)) {
					t.Errorf("%s lacks paragraph %q", u, p)
				}
			}
		}
	}
	// where the aliases are linked
	dede := firstOf(t, sim, "www.lxwmw.gov.cn")
	if body := mustBody(t, sim, dede.URL); !strings.Contains(body, `href="/plus/view.php?aid=`) {
		t.Error("DedeCMS article links no view.php")
	}
	php := firstOf(t, sim, "www.jlwmw.gov.cn")
	if body := mustBody(t, sim, php.URL); !strings.Contains(body, `index.php?m=content&c=index&a=show&catid=`) {
		t.Error("PHPCMS article links no dynamic show URL")
	}
	emp := firstOf(t, sim, "www.qhwmw.gov.cn")
	if body := mustBody(t, sim, emp.URL); !strings.Contains(body, `<a href="/m/`) {
		t.Error("EmpireCMS article links no mobile page")
	}
	// Discuz: every spelling is the one canonical URL
	for _, host := range []string{"www.ngwm.gov.cn", "www.smwm.gov.cn"} {
		tr := firstOf(t, sim, host)
		a := sim.mustResolve(t, tr.URL)
		aid := a.s.serial(a.j)
		forms := []string{
			fmt.Sprintf("http://%s/portal.php?mod=view&aid=%d", host, aid),
			fmt.Sprintf("http://%s/portal.php?aid=%d&mod=view&from=timeline", host, aid),
		}
		if a.s.rewrite {
			forms = append(forms, fmt.Sprintf("http://%s/article-%d-1.html", host, aid))
		}
		for _, f := range forms {
			if c, _ := Canonical(f); c != tr.URL {
				t.Errorf("%s canonicalizes to %s, want %s", f, c, tr.URL)
			}
			if body := mustBody(t, sim, f); !strings.Contains(body, html.EscapeString(tr.Title)) {
				t.Errorf("%s lacks the title", f)
			}
		}
		if body := mustBody(t, sim, tr.URL); !strings.Contains(body, "portal.php?aid=") || !strings.Contains(body, "portal.php?mod=view&amp;aid=") {
			t.Errorf("%s: both parameter orders should be linked", host)
		}
	}
}

// TestCharsets checks header and meta labels per site and that a careful
// decoder (valid UTF-8 is UTF-8, else GBK) recovers every site's text.
func TestCharsets(t *testing.T) {
	sim := New(Options{Seed: 6, Calm: true})
	tests := []struct{ host, ctype, meta, bytes string }{
		{"www.ngwm.gov.cn", "text/html", "charset=gbk", "gbk"},
		{"www.lxwmw.gov.cn", "text/html; charset=gb2312", "charset=gb2312", "gbk"},
		{"www.qhwmw.gov.cn", "text/html; charset=gbk", "charset=gbk", "gbk"},
		{"www.jlwmw.gov.cn", "text/html; charset=utf-8", "charset=gbk", "utf-8"},
		{"sxzz.wenming.cn", "text/html", "charset=gb2312", "utf-8"},
		{"www.wenming.cn", "text/html; charset=utf-8", "charset=utf-8", "utf-8"},
	}
	for _, tt := range tests {
		tr := firstOf(t, sim, tt.host)
		for _, u := range []string{tr.URL, "http://" + tt.host + "/"} {
			w := httptest.NewRecorder()
			sim.ServeHTTP(w, httptest.NewRequest("GET", u, nil))
			raw := w.Body.Bytes()
			if ct := w.Header().Get("Content-Type"); ct != tt.ctype {
				t.Errorf("%s: Content-Type %q, want %q", u, ct, tt.ctype)
			}
			if !strings.Contains(strings.ToLower(string(raw[:min(len(raw), 600)])), tt.meta) {
				t.Errorf("%s: no %s in <meta>", u, tt.meta)
			}
			if utf8.Valid(raw) != (tt.bytes == "utf-8") {
				t.Errorf("%s: bytes are not %s", u, tt.bytes)
			}
			text, err := decodeCarefully(raw)
			if err != nil || !strings.Contains(text, html.EscapeString(tr.SiteName)) {
				t.Errorf("%s: careful decoding lost the text (%v)", u, err)
			}
		}
		if s := sim.byHost[tt.host]; s.Charset != tt.bytes || "charset="+s.MetaCharset != tt.meta {
			t.Errorf("%s: Site says %s/%s/%s", tt.host, s.Charset, s.HeaderCharset, s.MetaCharset)
		}
	}
}

// TestRetryAfter: every 30th request to sn.wenming.cn gets 429 with
// Retry-After: 2; requests before the 2 s are refused and recorded.
func TestRetryAfter(t *testing.T) {
	sim := New(Options{Seed: 6})
	const u = "http://sn.wenming.cn/"
	for k := 1; k < rateEvery; k++ {
		if code, _, _ := get(t, sim, "GET", u); code != 200 {
			t.Fatalf("request %d = %d", k, code)
		}
	}
	code, h, _ := get(t, sim, "GET", u)
	if code != http.StatusTooManyRequests || h.Get("Retry-After") != "2" {
		t.Fatalf("request %d = %d, Retry-After %q", rateEvery, code, h.Get("Retry-After"))
	}
	if v := sim.RetryViolations(); len(v) != 0 {
		t.Fatalf("violations before any: %v", v)
	}
	code, h, _ = get(t, sim, "GET", u+"wmyw/")
	if code != http.StatusTooManyRequests || h.Get("Retry-After") == "" {
		t.Errorf("early request = %d, Retry-After %q", code, h.Get("Retry-After"))
	}
	v := sim.RetryViolations()
	if len(v) != 1 || v[0].Host != "sn.wenming.cn" || v[0].URL != u+"wmyw/" || v[0].Early <= 0 || v[0].Early > 2*time.Second {
		t.Fatalf("violations %+v", v)
	}
	if code, _, _ := get(t, sim, "GET", "http://hb.wenming.cn/"); code != 200 {
		t.Errorf("another host refused: %d", code)
	}
	sim.Advance(2100 * time.Millisecond) // the simulated clock passes the Retry-After
	if code, _, _ := get(t, sim, "GET", u); code != 200 {
		t.Errorf("after Retry-After: %d", code)
	}
	if v := sim.RetryViolations(); len(v) != 1 {
		t.Errorf("%d violations, want 1", len(v))
	}
}

func TestFlakyPageAndBurst(t *testing.T) {
	sim := New(Options{Seed: 6})
	for k, want := range []int{503, 503, 503, 200, 200} {
		u := "http://xa.wenming.cn/xayw/"
		if k == 2 {
			u += "index.html" // the same page: counted per canonical URL
		}
		if code, _, _ := get(t, sim, "GET", u); code != want {
			t.Errorf("GET %d of %s = %d, want %d", k+1, u, code, want)
		}
	}
	if code, _, _ := get(t, sim, "GET", "http://xa.wenming.cn/qxdt/"); code != 200 {
		t.Errorf("another page of the flaky host = %d", code)
	}
	var codes []int
	for k := 1; k <= 30; k++ {
		code, _, _ := get(t, sim, "GET", "http://www.ltwmw.gov.cn/")
		codes = append(codes, code)
	}
	for k, c := range codes {
		bad := k+1 >= burstFrom && k+1 < burstFrom+burstLen
		if bad != (c >= 500) {
			t.Errorf("burst: request %d = %d", k+1, c)
		}
	}
	calm := New(Options{Seed: 6, Calm: true})
	if code, _, _ := get(t, calm, "GET", "http://xa.wenming.cn/xayw/"); code != 200 {
		t.Errorf("Calm sim answered %d", code)
	}
}

// TestMaxInFlight sends overlapping requests with Options.Latency.
func TestMaxInFlight(t *testing.T) {
	sim := New(Options{Seed: 6, Calm: true, Latency: 150 * time.Millisecond})
	var wg sync.WaitGroup
	start := make(chan struct{})
	for k := 0; k < 5; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			w := httptest.NewRecorder()
			sim.ServeHTTP(w, httptest.NewRequest("GET", "http://hb.wenming.cn/", nil))
		}()
	}
	close(start)
	for k := 0; k < 3; k++ {
		w := httptest.NewRecorder()
		sim.ServeHTTP(w, httptest.NewRequest("GET", "http://xt.wenming.cn/", nil))
	}
	wg.Wait()
	got := sim.MaxInFlight()
	if got["hb.wenming.cn"] != 5 || got["xt.wenming.cn"] != 1 || len(got) != 2 {
		t.Errorf("MaxInFlight = %v", got)
	}
}

type xmlURLSet struct {
	URLs []struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod"`
	} `xml:"url"`
}

type xmlIndex struct {
	Maps []struct {
		Loc string `xml:"loc"`
	} `xml:"sitemap"`
}

// TestSitemaps parses the sitemap index named in robots.txt, its child
// sitemaps and a bare /sitemap.xml, and compares them with the articles.
func TestSitemaps(t *testing.T) {
	sim := New(Options{Seed: 6, Calm: true, Articles: 400})
	sim.Advance(48 * time.Hour)
	want := map[string]map[string]time.Time{}
	sim.ForEachArticle(func(tr Truth) bool {
		if want[tr.Host] == nil {
			want[tr.Host] = map[string]time.Time{}
		}
		want[tr.Host][tr.URL] = tr.Published
		return true
	})
	check := func(host string, set xmlURLSet, got map[string]bool) {
		for _, u := range set.URLs {
			pub, ok := want[host][u.Loc]
			if !ok {
				t.Errorf("%s lists %s, not an article", host, u.Loc)
				continue
			}
			if lm, err := time.Parse(time.RFC3339, u.Lastmod); err != nil || !lm.Equal(pub) {
				t.Errorf("%s: lastmod %s, published %v", u.Loc, u.Lastmod, pub)
			}
			got[u.Loc] = true
		}
	}
	robots := mustBody(t, sim, "http://hb.wenming.cn/robots.txt")
	m := regexp.MustCompile(`(?m)^Sitemap: (\S+)$`).FindStringSubmatch(robots)
	if m == nil {
		t.Fatal("no Sitemap line in hb robots.txt")
	}
	var idx xmlIndex
	if err := xml.Unmarshal([]byte(mustBody(t, sim, m[1])), &idx); err != nil || len(idx.Maps) == 0 {
		t.Fatalf("sitemap index: %v, %d children", err, len(idx.Maps))
	}
	got := map[string]bool{}
	for _, c := range idx.Maps {
		var set xmlURLSet
		if err := xml.Unmarshal([]byte(mustBody(t, sim, c.Loc)), &set); err != nil {
			t.Fatalf("%s: %v", c.Loc, err)
		}
		check("hb.wenming.cn", set, got)
	}
	if len(got) != len(want["hb.wenming.cn"]) {
		t.Errorf("hb sitemaps list %d of %d articles", len(got), len(want["hb.wenming.cn"]))
	}
	if strings.Contains(mustBody(t, sim, "http://sxfg.wenming.cn/robots.txt"), "Sitemap:") {
		t.Error("sxfg robots.txt names a sitemap")
	}
	var set xmlURLSet
	if err := xml.Unmarshal([]byte(mustBody(t, sim, "http://sxfg.wenming.cn/sitemap.xml")), &set); err != nil {
		t.Fatal(err)
	}
	got = map[string]bool{}
	check("sxfg.wenming.cn", set, got)
	if len(got) != len(want["sxfg.wenming.cn"]) {
		t.Errorf("sxfg sitemap lists %d of %d articles", len(got), len(want["sxfg.wenming.cn"]))
	}
	if code, _, _ := get(t, sim, "GET", "http://xt.wenming.cn/sitemap.xml"); code != 404 {
		t.Errorf("xt sitemap.xml = %d", code)
	}
}

// TestTimeOfDayOnlyInText: 榆林's pages print the minute in the text while
// the URL and the publishdate meta carry the day only.
func TestTimeOfDayOnlyInText(t *testing.T) {
	sim := New(Options{Seed: 6, Calm: true})
	tr := firstOf(t, sim, "yl.wenming.cn")
	if tr.Precision != "minute" || tr.Published.Hour() < 8 {
		t.Fatalf("Published %v, precision %s", tr.Published, tr.Precision)
	}
	body := mustBody(t, sim, tr.URL)
	want := "时间：" + tr.Published.Format("2006年01月02日 15:04")
	if !strings.Contains(body, want) {
		t.Errorf("page lacks %q", want)
	}
	if !strings.Contains(body, `<meta name="publishdate" content="`+tr.Published.Format("2006-01-02")+`" />`) {
		t.Error("publishdate meta is not the day")
	}
	if !strings.Contains(tr.URL, "/t"+tr.Published.Format("20060102")+"_") {
		t.Errorf("URL %s carries no tYYYYMMDD_", tr.URL)
	}
}

// TestSameRequestsSameBytes: with every behaviour on, two sims of one seed
// answer one sequence of requests byte for byte alike.
func TestSameRequestsSameBytes(t *testing.T) {
	urls := []string{"http://www.ngwm.gov.cn/", "http://www.ngwm.gov.cn/portal.php?mod=list&catid=1",
		"http://hbzd.wenming.cn/hdrl/?month=2020-02", "http://sxhx.wenming.cn/wmrl/?y=2020&m=2",
		"http://www.jlwmw.gov.cn/index.php?m=search&c=index&a=init&typeid=1&q=x&page=3",
		"http://www.qhwmw.gov.cn/news/news/", "http://hb.wenming.cn/sitemap_index.xml", "http://xa.wenming.cn/xayw/"}
	for k := 0; k < 35; k++ {
		urls = append(urls, "http://sn.wenming.cn/", "http://www.ltwmw.gov.cn/")
	}
	run := func() []string {
		sim := New(Options{Seed: 9})
		var out []string
		for _, u := range urls {
			w := httptest.NewRecorder()
			sim.ServeHTTP(w, httptest.NewRequest("GET", u, nil))
			out = append(out, fmt.Sprintf("%d %s %s", w.Code, w.Header().Get("Set-Cookie"), w.Body.String()))
		}
		return out
	}
	a, b := run(), run()
	for k := range a {
		if a[k] != b[k] {
			t.Errorf("request %d (%s) answered differently", k, urls[k])
		}
	}
}
