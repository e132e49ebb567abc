package sitesim

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

const oneDay = 24 * time.Hour

// listPage1 is the first (newest) page of column c's list.
func listPage1(s *site, c int) string {
	col := s.cols[c]
	switch s.CMS {
	case cmsDiscuz:
		return s.Home + listURL(col.id, 1)
	case cmsVSB:
		return "http://" + s.Host + col.path + ".htm"
	case cmsPHPCMS:
		return phpcmsListURL(s, col, 1)
	}
	return "http://" + s.Host + col.path
}

// linksTo reports whether the page at u links the canonical URL want.
func linksTo(t *testing.T, sim *Sim, u, want string) bool {
	t.Helper()
	for _, l := range links(u, mustBody(t, sim, u)) {
		if canon(l) == want {
			return true
		}
	}
	return false
}

func allTruths(sim *Sim) []Truth {
	var out []Truth
	sim.ForEachArticle(func(tr Truth) bool { out = append(out, tr); return true })
	return out
}

func TestAdvanceAddsArticles(t *testing.T) {
	sim := New(Options{Calm: true, Seed: 9, Articles: 300})
	still := New(Options{Calm: true, Seed: 9, Articles: 300})
	before := allTruths(sim)
	start := sim.Now()
	sim.Advance(7 * oneDay)
	if got := sim.Now(); !got.Equal(start.Add(7 * oneDay)) {
		t.Fatalf("Now = %v", got)
	}
	after := allTruths(sim)
	if len(after) != sim.Count() || still.Count() != 300 {
		t.Fatalf("ForEachArticle %d, Count %d, static Count %d", len(after), sim.Count(), still.Count())
	}
	added := sim.Count() - 300
	if added < 3 || added > 15 {
		t.Errorf("7 days added %d articles to 300", added)
	}
	old := map[string]Truth{}
	for _, tr := range before {
		old[tr.URL] = tr
	}
	perHost := map[string]int{}
	lastSerial := map[string]int{}
	for _, tr := range after {
		if o, ok := old[tr.URL]; ok {
			if o.Title != tr.Title || o.Body != tr.Body || !o.Published.Equal(tr.Published) {
				t.Errorf("old article %s changed", tr.URL)
			}
			continue
		}
		perHost[tr.Host]++
		a := sim.sitesAt(t, tr)
		if a.j < a.s.n0 {
			t.Errorf("new article %s has old index %d", tr.URL, a.j)
		}
		if tr.Published.After(sim.Now()) || sim.arrival(a).After(sim.Now()) || !sim.arrival(a).After(start) {
			t.Errorf("%s published %v (arrived %v), window (%v, %v]", tr.URL, tr.Published, sim.arrival(a), start, sim.Now())
		}
		if h := sim.arrival(a).Hour(); h < 8 || h > 21 {
			t.Errorf("%s arrived at %v", tr.URL, sim.arrival(a))
		}
		if a.s.CMS != cmsTRS {
			id := a.s.serial(a.j)
			if prev, ok := lastSerial[tr.Host]; ok && id != prev+1 {
				t.Errorf("%s: id %d after %d", tr.URL, id, prev)
			}
			lastSerial[tr.Host] = id
		}
		if code, _, body := get(t, sim, "GET", tr.URL); code != 200 || !strings.Contains(body, esc(tr.Title)) {
			t.Errorf("GET new %s = %d", tr.URL, code)
		}
		if _, ok := still.Truth(tr.URL); ok {
			t.Errorf("%s known to a sim that did not advance", tr.URL)
		}
		if code, _, body := get(t, still, "GET", tr.URL); code == 200 && !strings.Contains(body, "不存在") {
			t.Errorf("%s answers before it is published", tr.URL)
		}
		if !linksTo(t, sim, listPage1(a.s, a.col), tr.URL) {
			t.Errorf("%s not on page 1 of its list %s", tr.URL, listPage1(a.s, a.col))
		}
		if !linksTo(t, sim, a.s.Home, tr.URL) {
			t.Errorf("%s not on the homepage", tr.URL)
		}
	}
	for _, h := range []string{"www.ngwm.gov.cn", "www.smwm.gov.cn", "www.qhwmw.gov.cn", "www.ltwmw.gov.cn"} {
		if perHost[h] == 0 {
			t.Errorf("no new article on %s (view counts)", h)
		}
	}
	for _, s := range sim.sites {
		first := lastSerial[s.Host] - perHost[s.Host] + 1
		if s.CMS != cmsTRS && perHost[s.Host] > 0 && first != s.serial(s.n0) {
			t.Errorf("%s: new ids start at %d, want %d", s.Host, first, s.serial(s.n0))
		}
	}
	t.Logf("7 days: +%d articles %v", added, perHost)
}

var trsListRe = regexp.MustCompile(`(?s)<div class="list_box fl"><ul>(.*?)</ul>`)

// trsListed returns the canonical article URLs of a TRS list page, in order.
func trsListed(t *testing.T, sim *Sim, u string) []string {
	t.Helper()
	m := trsListRe.FindStringSubmatch(mustBody(t, sim, u))
	if m == nil {
		t.Fatalf("no list on %s", u)
	}
	var out []string
	for _, l := range links(u, m[1]) {
		out = append(out, canon(l))
	}
	return out
}

func TestPagingShifts(t *testing.T) {
	sim := New(Options{Calm: true, Seed: 4, Articles: 3000})
	s := sim.byHost["www.wenming.cn"]
	p1, p2 := "http://www.wenming.cn/a/yw/", "http://www.wenming.cn/a/yw/index_1.shtml"
	l1, l2 := trsListed(t, sim, p1), trsListed(t, sim, p2)
	n := s.colCount(0)
	for step := 0; s.colCount(0) == n && step < 20; step++ {
		sim.Advance(2 * oneDay)
	}
	k := s.colCount(0) - n
	if k < 1 || k >= trsPerPage {
		t.Fatalf("column grew by %d", k)
	}
	n1, n2 := trsListed(t, sim, p1), trsListed(t, sim, p2)
	for i := 0; i < k; i++ {
		a, _ := s.inCol(0, s.colCount(0)-1-i)
		if n1[i] != sim.canonical(a) {
			t.Errorf("page 1 item %d = %s, want new %s", i, n1[i], sim.canonical(a))
		}
	}
	want1 := l1[:trsPerPage-k]
	want2 := append(append([]string{}, l1[trsPerPage-k:]...), l2[:trsPerPage-k]...)
	if strings.Join(n1[k:], " ") != strings.Join(want1, " ") || strings.Join(n2, " ") != strings.Join(want2, " ") {
		t.Errorf("lists did not shift by %d", k)
	}
}

func TestAdvanceDeterministic(t *testing.T) {
	opts := Options{Seed: 21, Articles: 400, EditsPerDay: 2}
	a, b := New(opts), New(opts)
	a.Advance(2 * oneDay)
	a.Advance(5*oneDay + 3*time.Hour)
	for k := 0; k < 7; k++ {
		b.Advance(oneDay)
	}
	b.Advance(3 * time.Hour)
	if a.Count() != b.Count() || a.Count() == 400 {
		t.Fatalf("counts %d %d", a.Count(), b.Count())
	}
	ta, tb := allTruths(a), allTruths(b)
	edited := 0
	for i := range ta {
		if ta[i].URL != tb[i].URL || ta[i].Body != tb[i].Body || !ta[i].Updated.Equal(tb[i].Updated) {
			t.Fatalf("article %d differs: %s / %s", i, ta[i].URL, tb[i].URL)
		}
		if !ta[i].Updated.IsZero() {
			edited++
			if !strings.Contains(ta[i].Body, "（本文于") {
				t.Errorf("edited %s has no note", ta[i].URL)
			}
		}
	}
	if edited == 0 {
		t.Error("EditsPerDay edited nothing")
	}
	pages := samplePages(a)
	for _, tr := range ta[len(ta)-10:] {
		pages = append(pages, tr.URL)
	}
	for _, u := range pages {
		ca, ha, ba := get(t, a, "GET", u)
		cb, hb, bb := get(t, b, "GET", u)
		if ca != cb || ba != bb || ha.Get("ETag") != hb.Get("ETag") || ha.Get("Last-Modified") != hb.Get("Last-Modified") {
			t.Errorf("%s differs between two sims advanced alike", u)
		}
	}
	c := New(Options{Calm: true, Seed: 22, Articles: 400, EditsPerDay: 2})
	c.Advance(7*oneDay + 3*time.Hour)
	tc := allTruths(c)
	if tc[len(tc)-1].URL+tc[len(tc)-1].Title == ta[len(ta)-1].URL+ta[len(ta)-1].Title {
		t.Error("seeds 21 and 22 gave the same new articles")
	}
}

var discuzViewsRe = regexp.MustCompile(`<em id="_viewnum">(\d+)</em>|浏览数: (\d+)`)

func discuzViews(t *testing.T, sim *Sim, u string) int64 {
	t.Helper()
	m := discuzViewsRe.FindStringSubmatch(mustBody(t, sim, u))
	if m == nil {
		t.Fatalf("no count on %s", u)
	}
	n, _ := strconv.ParseInt(m[1]+m[2], 10, 64)
	return n
}

func TestOrganicViews(t *testing.T) {
	sim := New(Options{Calm: true, Seed: 5, Articles: 300})
	tr := firstOf(t, sim, "www.smwm.gov.cn")
	t0 := sim.Now()
	v0, _ := sim.ViewsAt(tr.URL)
	if v0 == nil || *v0 != *tr.ViewsBefore {
		t.Fatalf("ViewsAt %v, ViewsBefore %d", v0, *tr.ViewsBefore)
	}
	c1 := discuzViews(t, sim, tr.URL)
	if c1 != *v0 {
		t.Errorf("first GET shows %d, ViewsAt said %d", c1, *v0)
	}
	sim.Advance(3 * oneDay)
	v1, _ := sim.ViewsAt(tr.URL)
	if *v1 < c1+2 {
		t.Errorf("after 3 days ViewsAt %d, first GET saw %d", *v1, c1)
	}
	c2 := discuzViews(t, sim, tr.URL)
	if c2 != *v1 {
		t.Errorf("second GET shows %d, ViewsAt said %d", c2, *v1)
	}
	lo, hi, ok := sim.ViewBounds(tr.URL, t0)
	if !ok || c1 < lo || c1 > hi || c2 < lo || c2 > hi || hi != c2+1 || lo != c1 {
		t.Errorf("ViewBounds [%d, %d] %v, seen %d %d", lo, hi, ok, c1, c2)
	}
	if tr2, _ := sim.Truth(tr.URL); *tr2.ViewsBefore != c1 {
		t.Errorf("ViewsBefore after fetches %d, first GET saw %d", *tr2.ViewsBefore, c1)
	}
	if _, _, ok := sim.ViewBounds(firstOf(t, sim, "www.wenming.cn").URL, t0); ok {
		t.Error("ViewBounds on a TRS article")
	}
	if v, ok := sim.ViewsAt(firstOf(t, sim, "www.lxwmw.gov.cn").URL); v != nil || !ok {
		t.Error("ViewsAt on a DedeCMS article")
	}
	if _, ok := sim.ViewsAt("http://www.smwm.gov.cn/portal.php?mod=view&aid=999999"); ok {
		t.Error("ViewsAt on an unknown aid")
	}

	// counters after Advance: EmpireCMS answers before, VSB after the increment
	for _, c := range []struct{ host, counter string }{
		{"www.qhwmw.gov.cn", "http://www.qhwmw.gov.cn/e/public/ViewClick/?classid=%d&id=%d&addclick=1"},
		{"www.ltwmw.gov.cn", "http://www.ltwmw.gov.cn/system/resource/code/news/click/dynclicks.jsp?treeid=%d&clickid=%d&owner=1411133371&clicktype=wbnews"},
	} {
		tr := firstOf(t, sim, c.host)
		a := sim.sitesAt(t, tr)
		u := fmt.Sprintf(c.counter, a.s.cols[a.col].id, a.s.serial(a.j))
		since := sim.Now()
		var seen []int64
		for k := 0; k < 3; k++ {
			js := mustBody(t, sim, u)
			n, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimPrefix(js, "document.write('"), "');"), 10, 64)
			if err != nil {
				t.Fatalf("%s answered %q", u, js)
			}
			seen = append(seen, n)
			sim.Advance(36 * time.Hour)
		}
		lo, hi, ok := sim.ViewBounds(tr.URL, since)
		for _, n := range seen {
			if !ok || n < lo || n > hi {
				t.Errorf("%s: count %d outside [%d, %d]", c.host, n, lo, hi)
			}
		}
		if seen[2] < seen[0]+3 {
			t.Errorf("%s: counts %v do not grow", c.host, seen)
		}
	}

	// new articles gain views fastest when new
	sim.Advance(7 * oneDay)
	s := sim.byHost["www.ngwm.gov.cn"]
	a := s.at(s.count() - 1)
	if a.j < s.n0 {
		t.Fatal("no new article on 南宫")
	}
	at := sim.arrival(a)
	first := sim.organic(a, at.Add(oneDay)) - sim.organic(a, at)
	month := sim.organic(a, at.Add(31*oneDay)) - sim.organic(a, at.Add(30*oneDay))
	if first < 5 || month >= first || sim.organic(a, at) > 5 {
		t.Errorf("new article: starts at %d, +%d on oneDay 1, +%d on oneDay 31", sim.organic(a, at), first, month)
	}
}

// cond sends a GET with one validator header.
func cond(sim *Sim, u, header, value string) (int, http.Header) {
	req := httptest.NewRequest("GET", u, nil)
	req.Header.Set(header, value)
	w := httptest.NewRecorder()
	sim.ServeHTTP(w, req)
	return w.Code, w.Result().Header
}

func TestEditChangesPageAndValidators(t *testing.T) {
	sim := New(Options{Calm: true, Seed: 8, Articles: 300})
	for _, host := range []string{"www.wenming.cn", "xt.wenming.cn", "www.qhwmw.gov.cn", "www.lxwmw.gov.cn", "www.jlwmw.gov.cn", "www.ltwmw.gov.cn"} {
		tr := firstOf(t, sim, host)
		_, h1, b1 := get(t, sim, "GET", tr.URL)
		etag, lm := h1.Get("ETag"), h1.Get("Last-Modified")
		if etag == "" || lm == "" {
			t.Fatalf("%s: no validators", tr.URL)
		}
		if c, _ := cond(sim, tr.URL, "If-None-Match", etag); c != 304 {
			t.Errorf("%s unchanged, If-None-Match = %d", tr.URL, c)
		}
		if c, _ := cond(sim, tr.URL, "If-Modified-Since", lm); c != 304 {
			t.Errorf("%s unchanged, If-Modified-Since = %d", tr.URL, c)
		}
		if !sim.Edit(tr.URL) {
			t.Fatalf("Edit %s", tr.URL)
		}
		_, h2, b2 := get(t, sim, "GET", tr.URL)
		note := "（本文于2026年11月1日更新）"
		if b2 == b1 || !strings.Contains(b2, note) || strings.Contains(b1, note) {
			t.Errorf("%s: page does not show the edit", tr.URL)
		}
		if tr2, _ := sim.Truth(tr.URL); !strings.HasSuffix(tr2.Body, "\n"+note) || tr2.Title != tr.Title || !tr2.Updated.Equal(sim.Now()) {
			t.Errorf("%s: Truth after edit: %q…, Updated %v", tr.URL, tr2.Body[len(tr2.Body)-60:], tr2.Updated)
		}
		for _, v := range [][2]string{{"If-None-Match", etag}, {"If-Modified-Since", lm}} {
			if c, _ := cond(sim, tr.URL, v[0], v[1]); c != 200 {
				t.Errorf("%s edited, old %s = %d", tr.URL, v[0], c)
			}
		}
		for _, v := range [][2]string{{"If-None-Match", h2.Get("ETag")}, {"If-Modified-Since", h2.Get("Last-Modified")}} {
			if c, _ := cond(sim, tr.URL, v[0], v[1]); c != 304 {
				t.Errorf("%s edited, new %s = %d", tr.URL, v[0], c)
			}
		}
		sim.Edit(tr.URL) // same instant: still a change
		_, h3, b3 := get(t, sim, "GET", tr.URL)
		if !strings.Contains(b3, "第2次更新") || h3.Get("ETag") == h2.Get("ETag") {
			t.Errorf("%s: second edit not visible", tr.URL)
		}
		if c, _ := cond(sim, tr.URL, "If-Modified-Since", h2.Get("Last-Modified")); c != 200 {
			t.Errorf("%s: second edit, If-Modified-Since = %d", tr.URL, c)
		}
	}
	if sim.Edit("http://www.wenming.cn/nosuch.shtml") {
		t.Error("Edit of an unknown URL")
	}

	// a multi-page article keeps its pages; the note joins the last one
	var multi Truth
	sim.ForEachArticle(func(tr Truth) bool { multi = tr; return len(tr.Pages) < 2 })
	if len(multi.Pages) < 2 {
		t.Fatal("no multi-page article")
	}
	sim.Edit(multi.URL)
	tr, _ := sim.Truth(multi.URL)
	if strings.Join(tr.Pages, " ") != strings.Join(multi.Pages, " ") {
		t.Errorf("edit changed pages %v → %v", multi.Pages, tr.Pages)
	}
	last := mustBody(t, sim, tr.Pages[len(tr.Pages)-1])
	if !strings.Contains(last, "本文于") || strings.Contains(mustBody(t, sim, tr.URL), "本文于") {
		t.Error("edit note not on the last page only")
	}
}

func TestDynamicPagesNever304(t *testing.T) {
	sim := New(Options{Calm: true, Seed: 8, Articles: 300})
	dz := firstOf(t, sim, "www.ngwm.gov.cn")
	dd := sim.sitesAt(t, firstOf(t, sim, "www.lxwmw.gov.cn"))
	future := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC).Format(http.TimeFormat)
	for _, u := range []string{dz.URL, "http://www.ngwm.gov.cn/portal.php?mod=list&catid=1", "http://www.ngwm.gov.cn/",
		"http://www.lxwmw.gov.cn/plus/count.php?view=yes&mid=1&aid=" + strconv.Itoa(dd.s.serial(dd.j)),
		"http://www.lxwmw.gov.cn/plus/feedback.php?aid=" + strconv.Itoa(dd.s.serial(dd.j))} {
		_, h, _ := get(t, sim, "GET", u)
		if h.Get("ETag") != "" || h.Get("Last-Modified") != "" {
			t.Errorf("%s has validators", u)
		}
		for _, v := range [][2]string{{"If-None-Match", "*"}, {"If-Modified-Since", future}} {
			if c, _ := cond(sim, u, v[0], v[1]); c != 200 {
				t.Errorf("%s with %s = %d", u, v[0], c)
			}
		}
	}
}

// TestConditionalAfterAdvance checks the validators of every static page
// of a sample across an Advance: a page whose bytes did not change answers
// 304 to both old validators, a page that changed answers 200 to both.
func TestConditionalAfterAdvance(t *testing.T) {
	sim := New(Options{Calm: true, Seed: 12, Articles: 1500})
	pages := samplePages(sim)
	for _, s := range sim.sites {
		for c, col := range s.cols {
			pages = append(pages, listPage1(s, c))
			switch s.CMS { // page 2: shifts when an article appears
			case cmsTRS:
				pages = append(pages, "http://"+s.Host+col.path+"index_1."+s.ext)
			case cmsEmpire:
				pages = append(pages, "http://"+s.Host+col.path+"index_2.html")
			case cmsDede:
				pages = append(pages, "http://"+s.Host+col.path+dedeListFile(col, 2))
			case cmsPHPCMS:
				pages = append(pages, phpcmsListURL(s, col, 2))
			}
		}
		if s.n0 > 0 {
			a := s.at(s.n0 - 1) // the newest: its 下一篇 may appear
			pages = append(pages, sim.canonical(a))
			for k := 1; k <= 2; k++ {
				if p, ok := s.inCol(a.col, a.i-k); ok {
					pages = append(pages, sim.canonical(p))
				}
			}
		}
	}
	type seen struct {
		body, etag, lm string
	}
	before := map[string]seen{}
	for _, u := range pages {
		_, h, b := get(t, sim, "GET", u)
		if h.Get("ETag") != "" {
			before[u] = seen{b, h.Get("ETag"), h.Get("Last-Modified")}
		}
	}
	var edited string
	for u := range before {
		if _, ok := sim.Truth(u); ok && strings.Contains(u, "qhwmw") {
			edited = u
			break
		}
	}
	sim.Advance(3*oneDay + 2*time.Hour) // past midnight: city pages change their date
	sim.Edit(edited)
	same, changed, neighbours := 0, 0, 0
	for u, old := range before {
		_, _, b := get(t, sim, "GET", u)
		want := 304
		if b != old.body {
			want = 200
			changed++
			if _, ok := sim.Truth(u); ok && u != edited && !strings.Contains(u, ".wenming.cn") {
				neighbours++ // a 下一篇 link appeared
			}
		} else {
			same++
		}
		for _, v := range [][2]string{{"If-None-Match", old.etag}, {"If-Modified-Since", old.lm}} {
			if c, _ := cond(sim, u, v[0], v[1]); c != want {
				t.Errorf("%s (changed %v) with old %s = %d", u, want == 200, v[0], c)
			}
		}
	}
	if same < 20 || changed < 20 || neighbours == 0 {
		t.Errorf("%d pages same, %d changed (%d articles by a new neighbour)", same, changed, neighbours)
	}
	t.Logf("%d static pages unchanged, %d changed (%d articles by a new neighbour)", same, changed, neighbours)
}

// TestLiveSimIsFlat advances a 200,000-article simulation by a month,
// serves its new pages and checks that nothing per article is kept but
// for the articles fetched or edited.
func TestLiveSimIsFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("large simulation")
	}
	heap := heapNow()
	sim := New(Options{Calm: true, Seed: 5, Articles: 200000, EditsPerDay: 3})
	begin := time.Now()
	sim.Advance(30 * oneDay)
	if n := sim.Count(); n < 200000+1000 {
		t.Errorf("a month added %d articles", n-200000)
	}
	for _, s := range sim.sites {
		mustBody(t, sim, s.Home)
		mustBody(t, sim, listPage1(s, 0))
		mustBody(t, sim, sim.canonical(s.at(s.count()-1)))
	}
	sim.mu.Lock()
	kept := len(sim.state)
	sim.mu.Unlock()
	edits := sim.editStream().count(sim.worked(sim.Now()))
	if fetched := 2; kept > edits+fetched || edits < 60 {
		t.Errorf("state for %d articles after %d edits", kept, edits)
	}
	checkFlat(t, "advancing and serving", begin, 3*time.Second, heap)
	t.Logf("+%d articles, %d edits, state for %d, %v", sim.Count()-200000, edits, kept, time.Since(begin))
}

// TestAdvanceWhileServing runs Advance and Edit while pages are served
// (run with -race).
func TestAdvanceWhileServing(t *testing.T) {
	sim := New(Options{Calm: true, Seed: 3, Articles: 300, EditsPerDay: 4})
	pages := samplePages(sim)
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func(g int) {
			for k := g; k < len(pages); k += 4 {
				w := httptest.NewRecorder()
				sim.ServeHTTP(w, httptest.NewRequest("GET", pages[k], nil))
				if w.Code != 200 && w.Code != 404 {
					t.Errorf("GET %s = %d", pages[k], w.Code)
				}
			}
			done <- true
		}(g)
	}
	for k := 0; k < 40; k++ {
		sim.Advance(3 * time.Hour)
		sim.Edit(pages[len(pages)/2])
		_ = sim.Count()
		sim.ViewBounds(pages[40], time.Time{})
	}
	for g := 0; g < 4; g++ {
		<-done
	}
	if got := len(allTruths(sim)); got != sim.Count() {
		t.Errorf("ForEachArticle %d, Count %d", got, sim.Count())
	}
}

// TestDelete: a deleted article answers on each CMS as that CMS answers
// an article that does not exist (404, the site's soft-404 page, the
// Discuz! and DedeCMS message pages), at every URL it was served under;
// Truth says Deleted, of it alone.
func TestDelete(t *testing.T) {
	sim := New(Options{Seed: 5, Articles: 300, Calm: true})
	// what each site answers for an article that does not exist, at its
	// own URL and at its other URLs (the DedeCMS and PHPCMS dynamic forms,
	// the EmpireCMS mobile mirror outside /news/)
	type answer struct {
		code int
		says string
	}
	want := map[string][2]answer{
		"sxhx.wenming.cn":  {{404, ""}},
		"www.ngwm.gov.cn":  {{200, "不存在或已被删除"}},
		"www.smwm.gov.cn":  {{200, "不存在或已被删除"}},
		"www.qhwmw.gov.cn": {{200, "页面不存在"}, {404, ""}},
		"www.lxwmw.gov.cn": {{404, ""}, {200, "无法解析文档"}},
		"www.jlwmw.gov.cn": {{404, ""}, {200, "信息不存在或已删除"}},
		"www.ltwmw.gov.cn": {{404, ""}},
	}
	picked := map[string]Truth{}
	sim.ForEachArticle(func(tr Truth) bool {
		if _, ok := want[tr.Host]; ok && picked[tr.Host].URL == "" && len(tr.Pages) <= 1 && !tr.Disallowed {
			picked[tr.Host] = tr
		}
		return true
	})
	for host, tr := range picked {
		if code, _, _ := get(t, sim, "GET", tr.URL); code != 200 {
			t.Errorf("%s before Delete: %d", tr.URL, code)
		}
		if !sim.Delete(tr.URL) {
			t.Fatalf("cannot delete %s", tr.URL)
		}
		for k, u := range append([]string{tr.URL}, tr.Aliases...) {
			w := want[host][min(k, 1)]
			code, _, body := get(t, sim, "GET", u)
			if code != w.code || !strings.Contains(body, w.says) || strings.Contains(body, html.EscapeString(tr.Title)) {
				t.Errorf("%s deleted: %d (want %d, %q); shows the title: %v", u, code, w.code, w.says, strings.Contains(body, html.EscapeString(tr.Title)))
			}
		}
		if got, _ := sim.Truth(tr.URL); !got.Deleted {
			t.Errorf("%s: Truth.Deleted not set", tr.URL)
		}
	}
	if len(picked) != len(want) {
		t.Fatalf("articles picked on %d sites, want %d", len(picked), len(want))
	}
	n := 0
	sim.ForEachArticle(func(tr Truth) bool {
		if tr.Deleted {
			n++
		}
		return true
	})
	if n != len(want) {
		t.Errorf("%d articles deleted, want %d", n, len(want))
	}
	// Restored from the recycle bin, each answers as before.
	for _, tr := range picked {
		if !sim.Restore(tr.URL) {
			t.Fatalf("cannot restore %s", tr.URL)
		}
		if code, _, body := get(t, sim, "GET", tr.URL); code != 200 || !strings.Contains(body, html.EscapeString(tr.Title)) {
			t.Errorf("%s restored: %d, shows the title: %v", tr.URL, code, strings.Contains(body, html.EscapeString(tr.Title)))
		}
		if got, _ := sim.Truth(tr.URL); got.Deleted {
			t.Errorf("%s restored: Truth.Deleted still set", tr.URL)
		}
		if sim.Restore(tr.URL) {
			t.Errorf("%s restored twice", tr.URL)
		}
	}
}
