package sitesim

import (
	"context"
	"html"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestTwinDomain: with the twin-domain extra the province answers under
// its second name with the same bytes, the pages of the sites below it
// link it by that name, the national site and its own pages by the old
// one, and Truth finds its articles under either name; without the extra
// the second name is outside the hierarchy and nothing links it.
func TestTwinDomain(t *testing.T) {
	const old, twin = "hb.wenming.cn", "www.hbjswm.gov.cn"
	plain := New(Options{Seed: 3, Articles: 120, Calm: true})
	sim := New(Options{Seed: 3, Articles: 120, Calm: true, Extras: []string{ExtraTwinDomain}})
	if code, _, _ := get(t, plain, "GET", "http://"+twin+"/"); code != 502 {
		t.Errorf("without the extra, %s answers %d; want 502 (outside)", twin, code)
	}
	_, _, home := get(t, sim, "GET", "http://"+old+"/")
	_, _, twinHome := get(t, sim, "GET", "http://"+twin+"/")
	if home != twinHome || !strings.Contains(home, "河北文明网") {
		t.Error("the second name does not serve the province's homepage")
	}
	for _, tc := range []struct {
		url      string
		new, old bool // links the province by its new / old name
	}{
		{"http://www.wenming.cn/", false, true},
		{"http://hb.wenming.cn/", false, true},
		{"http://xt.wenming.cn/", true, false},
		{"http://www.ngwm.gov.cn/", true, false},
		{"http://www.lxwmw.gov.cn/", true, false},
		{"http://yl.wenming.cn/", false, true},
	} {
		_, _, body := get(t, sim, "GET", tc.url)
		_, _, plainBody := get(t, plain, "GET", tc.url)
		hasNew, hasOld := strings.Contains(body, "http://"+twin+"/"), strings.Contains(body, `"http://`+old+`/"`)
		if hasNew != tc.new || hasOld != tc.old {
			t.Errorf("%s links %s: %v, %s: %v; want %v, %v", tc.url, twin, hasNew, old, hasOld, tc.new, tc.old)
		}
		if strings.Contains(plainBody, twin) {
			t.Errorf("%s links %s without the extra", tc.url, twin)
		}
	}
	n := 0
	sim.ForEachArticle(func(tr Truth) bool {
		if tr.Host != old {
			return true
		}
		n++
		at := strings.Replace(tr.URL, old, twin, 1)
		if !slices.Contains(tr.Aliases, at) {
			t.Errorf("%s: aliases %v lack %s", tr.URL, tr.Aliases, at)
		}
		if got, ok := sim.Truth(at); !ok || got.URL != tr.URL {
			t.Errorf("Truth(%s) = %q, %v", at, got.URL, ok)
		}
		if code, _, _ := get(t, sim, "GET", at); code != 200 {
			t.Errorf("GET %s = %d", at, code)
		}
		return n < 5
	})
	if n == 0 {
		t.Fatal("no article of the province")
	}
}

// TestFalseGzip: with the false-gzip extra the site's pages go out
// labelled gzip-encoded, their bytes the plain page, asked for gzip or
// not; robots.txt and its 404s are not labelled, nor is any other site's
// page, nor any page without the extra.
func TestFalseGzip(t *testing.T) {
	plain := New(Options{Seed: 3, Articles: 120, Calm: true})
	sim := New(Options{Seed: 3, Articles: 120, Calm: true, Extras: []string{ExtraFalseGzip}})
	var article string
	sim.ForEachArticle(func(tr Truth) bool {
		if tr.Host == "www.lxwmw.gov.cn" {
			article = tr.URL
		}
		return article == ""
	})
	for _, tc := range []struct {
		url  string
		gzip bool
	}{
		{"http://www.lxwmw.gov.cn/", true},
		{article, true},
		{"http://www.lxwmw.gov.cn/a/zyfw/", true},
		{"http://www.lxwmw.gov.cn/robots.txt", false},
		{"http://www.lxwmw.gov.cn/no/such/page.html", false},
		{"http://www.jlwmw.gov.cn/", false},
	} {
		code, h, body := get(t, sim, "GET", tc.url)
		_, ph, plainBody := get(t, plain, "GET", tc.url)
		if got := h.Get("Content-Encoding") == "gzip"; got != tc.gzip {
			t.Errorf("%s (%d): Content-Encoding %q", tc.url, code, h.Get("Content-Encoding"))
		}
		if ph.Get("Content-Encoding") != "" {
			t.Errorf("%s: Content-Encoding %q without the extra", tc.url, ph.Get("Content-Encoding"))
		}
		if body != plainBody {
			t.Errorf("%s: the bytes differ from the plain page's", tc.url)
		}
	}
}

// TestAllExtras: every extra names a fixed site.
func TestAllExtras(t *testing.T) {
	sim := New(Options{Seed: 1, Calm: true})
	for _, name := range AllExtras() {
		if sim.byHost[extraHosts[name]] == nil {
			t.Errorf("extra %s is on %q, no site of the fixed table", name, extraHosts[name])
		}
	}
}

// TestWAF503: with the waf-503 extra every 25th request to the host is
// answered 503 with Retry-After as an HTTP date at least 2 s ahead; a
// request before it is refused again and recorded; Calm and the default
// switch it off.
func TestWAF503(t *testing.T) {
	const u = "http://www.smwm.gov.cn/"
	sim := New(Options{Seed: 6, Extras: []string{ExtraWAF503}})
	for k := 1; k < wafEvery; k++ {
		if code, _, _ := get(t, sim, "GET", u); code != 200 {
			t.Fatalf("request %d = %d", k, code)
		}
	}
	sent := time.Now()
	code, h, _ := get(t, sim, "GET", u)
	at, err := http.ParseTime(h.Get("Retry-After"))
	if code != http.StatusServiceUnavailable || err != nil || at.Sub(sent) < 2*time.Second || at.Sub(sent) > 4*time.Second {
		t.Fatalf("request %d = %d, Retry-After %q (%v)", wafEvery, code, h.Get("Retry-After"), err)
	}
	if code, _, _ := get(t, sim, "GET", u+"portal.php?mod=list&catid=2"); code != http.StatusServiceUnavailable {
		t.Errorf("early request = %d", code)
	}
	if v := sim.RetryViolations(); len(v) != 1 || v[0].Host != "www.smwm.gov.cn" {
		t.Errorf("violations %+v", v)
	}
	sim.Advance(time.Until(at) + 100*time.Millisecond)
	if code, _, _ := get(t, sim, "GET", u); code != 200 {
		t.Errorf("after the Retry-After: %d", code)
	}
	for _, opts := range []Options{{Seed: 6}, {Seed: 6, Calm: true, Extras: []string{ExtraWAF503}}} {
		quiet := New(opts)
		for k := 1; k <= 2*wafEvery; k++ {
			if code, _, _ := get(t, quiet, "GET", u); code != 200 {
				t.Fatalf("%+v: request %d = %d", opts, k, code)
			}
		}
	}
}

// TestDeadSite: with the dead-site extra the tab boxes of 邢台文明网 and
// 中国文明网 list a county whose host holds every request without an
// answer until the client gives up; without it nothing links the host,
// which is outside the hierarchy.
func TestDeadSite(t *testing.T) {
	const home = "http://www.wxwmw.gov.cn/"
	plain := New(Options{Seed: 3, Articles: 120, Calm: true})
	sim := New(Options{Seed: 3, Articles: 120, Calm: true, Extras: []string{ExtraDeadSite}})
	if got := sim.DeadSites(); len(got) != 1 || got[0] != "www.wxwmw.gov.cn" || plain.DeadSites() != nil {
		t.Errorf("DeadSites %v, without the extra %v", got, plain.DeadSites())
	}
	for _, u := range []string{"http://xt.wenming.cn/", "http://www.wenming.cn/"} {
		_, _, body := get(t, sim, "GET", u)
		_, _, plainBody := get(t, plain, "GET", u)
		if !strings.Contains(body, `<a href="`+home+`" target="_blank">威县</a>`) || strings.Contains(plainBody, home) {
			t.Errorf("%s: the dead site listed %v, without the extra %v", u, strings.Contains(body, home), strings.Contains(plainBody, home))
		}
	}
	if code, _, _ := get(t, plain, "GET", home); code != http.StatusBadGateway {
		t.Errorf("without the extra the host answers %d, want 502 (outside)", code)
	}
	// The clock starts before the client's deadline is set, so that a
	// pause between the two (a loaded machine) cannot make the hold look
	// shorter than the deadline.
	begin := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	w := httptest.NewRecorder()
	sim.ServeHTTP(w, httptest.NewRequest("GET", home, nil).WithContext(ctx))
	if held := time.Since(begin); held < 200*time.Millisecond || held > 5*time.Second || w.Code != http.StatusGatewayTimeout {
		t.Errorf("the dead host answered %d after %v; want it held until the client gave up", w.Code, held)
	}
}

// TestRareChars: with the rare-chars extra a third of 临西's articles
// quote a volunteer whose name is outside GBK, written in GB18030 four
// bytes (never a character reference) under the gb2312 labels; without
// it no body has such a name.
func TestRareChars(t *testing.T) {
	plain := New(Options{Seed: 3, Articles: 300, Calm: true})
	sim := New(Options{Seed: 3, Articles: 300, Calm: true, Extras: []string{ExtraRareChars}})
	plain.ForEachArticle(func(tr Truth) bool {
		if strings.ContainsAny(tr.Body, "𬀩𬌗𫖮𬍛") {
			t.Errorf("%s has a rare name without the extra", tr.URL)
		}
		return true
	})
	rare, all := 0, 0
	sim.ForEachArticle(func(tr Truth) bool {
		if tr.Host != "www.lxwmw.gov.cn" {
			return true
		}
		all++
		if !strings.ContainsAny(tr.Body, "𬀩𬌗𫖮𬍛") {
			return true
		}
		rare++
		w := httptest.NewRecorder()
		sim.ServeHTTP(w, httptest.NewRequest("GET", tr.URL, nil))
		raw := w.Body.Bytes()
		text, err := simplifiedchinese.GB18030.NewDecoder().Bytes(raw)
		if err != nil || w.Header().Get("Content-Type") != "text/html; charset=gb2312" {
			t.Fatalf("%s: %v, Content-Type %q", tr.URL, err, w.Header().Get("Content-Type"))
		}
		for _, line := range strings.Split(tr.Body, "\n") {
			if strings.ContainsAny(line, "𬀩𬌗𫖮𬍛") && !strings.Contains(string(text), line) {
				t.Errorf("%s: page lacks %q", tr.URL, line)
			}
		}
		if strings.Contains(string(raw), "&#") {
			t.Errorf("%s: a character reference in the page", tr.URL)
		}
		return true
	})
	if rare == 0 || rare == all {
		t.Errorf("%d of %d articles with a rare name", rare, all)
	}
}

// TestSortViews: with the sort-views extra 清河's list pages link six
// sorts of their column; each sorted page lists the column's articles
// (all of them across its pages, once each), links its pages and the six
// sorts, and counts as a trap request; past the end a page is empty;
// without the extra nothing links ListInfo and it is not served.
func TestSortViews(t *testing.T) {
	const list = "http://www.qhwmw.gov.cn/news/qhyw/"
	plain := New(Options{Seed: 3, Articles: 600, Calm: true})
	sim := New(Options{Seed: 3, Articles: 600, Calm: true, Extras: []string{ExtraSortViews}})
	_, _, plainList := get(t, plain, "GET", list)
	if strings.Contains(plainList, "ListInfo") {
		t.Error("ListInfo linked without the extra")
	}
	if code, _, _ := get(t, plain, "GET", "http://www.qhwmw.gov.cn/e/action/ListInfo/?classid=2&ph=1&orderby=onclick&myorder=1"); code != 404 {
		t.Errorf("ListInfo answers %d without the extra", code)
	}
	_, _, body := get(t, sim, "GET", list)
	sorts := regexp.MustCompile(`href="(/e/action/ListInfo/[^"]+)"`).FindAllStringSubmatch(body, -1)
	if len(sorts) != 6 {
		t.Fatalf("%d sort links on %s", len(sorts), list)
	}
	want := sim.byHost["www.qhwmw.gov.cn"].colCount(0)
	articleRe := regexp.MustCompile(`href="(/news/qhyw/\d{4}-\d{2}-\d{2}/\d+\.html)"`)
	for _, m := range sorts {
		seen := map[string]bool{}
		for k := 0; ; k++ {
			u := "http://www.qhwmw.gov.cn" + html.UnescapeString(m[1])
			if k > 0 {
				u += "&page=" + strconv.Itoa(k)
			}
			code, _, page := get(t, sim, "GET", u)
			links := articleRe.FindAllStringSubmatch(page, -1)
			if code != 200 || (len(links) == 0) != (len(seen) == want) {
				t.Fatalf("%s: %d, %d articles after %d", u, code, len(links), len(seen))
			}
			if len(links) == 0 {
				break
			}
			for _, l := range links {
				if seen[l[1]] {
					t.Errorf("%s lists %s again", u, l[1])
				}
				seen[l[1]] = true
			}
		}
	}
	if n := sim.TrapRequests()["sort@www.qhwmw.gov.cn"]; n == 0 {
		t.Errorf("sort pages counted %d", n)
	}
}

// TestRelocated: with the relocated extra 周至 answers at its new name
// with the same bytes from the start; its parents and the national site
// link its old name until relocateAfter has passed, then the new one and
// no longer the old, while the county's own pages keep the old name; Truth
// finds its articles under either name. Without the extra the new name
// is outside the hierarchy.
func TestRelocated(t *testing.T) {
	const old, moved = "sxzz.wenming.cn", "www.zzwmw.gov.cn"
	plain := New(Options{Seed: 3, Articles: 120, Calm: true})
	sim := New(Options{Seed: 3, Articles: 120, Calm: true, Extras: []string{ExtraRelocated}})
	if code, _, _ := get(t, plain, "GET", "http://"+moved+"/"); code != 502 {
		t.Errorf("without the extra, %s answers %d; want 502 (outside)", moved, code)
	}
	parents := []string{"http://www.wenming.cn/", "http://sn.wenming.cn/", "http://xa.wenming.cn/"}
	check := func(when string, wantNew bool) {
		t.Helper()
		_, _, home := get(t, sim, "GET", "http://"+old+"/")
		_, _, movedHome := get(t, sim, "GET", "http://"+moved+"/")
		if home != movedHome || !strings.Contains(home, "周至文明网") {
			t.Errorf("%s: the new name does not serve the county's homepage", when)
		}
		if !strings.Contains(home, `"http://`+old+`/"`) || strings.Contains(home, moved) {
			t.Errorf("%s: the county's own pages do not keep its old name", when)
		}
		for _, p := range parents {
			_, _, body := get(t, sim, "GET", p)
			hasNew, hasOld := strings.Contains(body, `"http://`+moved+`/"`), strings.Contains(body, `"http://`+old+`/"`)
			if hasNew != wantNew || hasOld == wantNew {
				t.Errorf("%s: %s links the new name: %v, the old: %v; want %v, %v", when, p, hasNew, hasOld, wantNew, !wantNew)
			}
		}
	}
	check("before the move", false)
	sim.Advance(relocateAfter + time.Hour)
	check("after the move", true)
	n := 0
	sim.ForEachArticle(func(tr Truth) bool {
		if tr.Host != old {
			return true
		}
		n++
		at := strings.Replace(tr.URL, "//"+old+"/", "//"+moved+"/", 1)
		if !slices.Contains(tr.Aliases, at) {
			t.Errorf("%s: aliases %v lack %s", tr.URL, tr.Aliases, at)
		}
		if got, ok := sim.Truth(at); !ok || got.URL != tr.URL {
			t.Errorf("Truth(%s) = %q, %v; want %s", at, got.URL, ok, tr.URL)
		}
		return n < 5
	})
	if n == 0 {
		t.Error("no article of the county")
	}
}
