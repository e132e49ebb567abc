package crawl

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestRememberedTrapProbed crawls a site three nights with one crawl
// state: a list that publishes every night, and an activity calendar
// whose months link the next month forever. The first night the calendar
// shows nothing and is walked until it is stopped. The second night, still
// empty, it costs its current month (linked from the homepage) and one
// probe month, not the walk again. The third night its months list
// events: the probe month reveals them, and the calendar is walked again
// and every event archived.
func TestRememberedTrapProbed(t *testing.T) {
	var night atomic.Int32
	srv, hits := pageWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		n := int(night.Load())
		switch {
		case r.URL.Path == "/":
			page("某县文明网", `<a href="/list/">工作动态</a> <a href="/cal/?ym=202401">活动日历</a>`)
		case r.URL.Path == "/list/":
			var b strings.Builder
			for i := n; i >= 1; i-- {
				fmt.Fprintf(&b, `<li><a href="/a/%d.html">动态%d</a></li>`, i, i)
			}
			page("工作动态", "<ul>"+b.String()+"</ul>")
		case strings.HasPrefix(r.URL.Path, "/a/") || strings.HasPrefix(r.URL.Path, "/event/"):
			page("文章", numberedArticle(strings.TrimSuffix(r.URL.Path[1:], ".html")))
		case r.URL.Path == "/cal/":
			ym, _ := strconv.Atoi(r.URL.Query().Get("ym"))
			body := fmt.Sprintf(`<div class="cal">%d <a href="/cal/?ym=%d">下月</a><p>本月暂无活动安排</p></div>`, ym, ym+1)
			if n == 3 && ym > 202401 && ym <= 202406 {
				body += fmt.Sprintf(`<ul><li><a href="/event/%d.html">活动%d</a></li><li><a href="/event/%d.html">活动%d之二</a></li></ul>`, ym, ym, ym+50, ym+50)
			}
			page("活动日历", body)
		default:
			http.NotFound(w, r)
		}
	})
	state, sink := t.TempDir(), &staticSink{}
	opts := Options{Workers: 2, Known: knownIn(sink)}
	calendar := func() int {
		hits.mu.Lock()
		defer hits.mu.Unlock()
		n := 0
		for k, v := range hits.hits {
			if strings.Contains(k, "/cal/") {
				n += v
			}
		}
		clear(hits.hits)
		return n
	}
	var asked [3]int
	for i := range asked {
		night.Store(int32(i + 1))
		_, sum := runInState(t, srv.URL, state, opts, sink.store)
		asked[i] = calendar()
		if i == 1 && (len(sum.Stopped) != 1 || sum.Stopped[0].Reason != "probe") {
			t.Errorf("the second night's stopped patterns %+v, want the calendar stopped by its probe", sum.Stopped)
		}
	}
	t.Logf("calendar pages asked each night: %v", asked)
	if asked[0] <= 1+trapProbe {
		t.Fatalf("the first night asked %d calendar pages: the premise, a walk past a probe's, failed", asked[0])
	}
	if want := 1 + trapProbe; asked[1] > want {
		t.Errorf("the second night asked %d pages of the calendar stopped the first night, want its current month and %d probe (%d)", asked[1], trapProbe, want)
	}
	for ym := 202402; ym <= 202406; ym++ {
		for _, id := range []int{ym, ym + 50} {
			if u := "http://top.wenming.test/event/" + strconv.Itoa(id) + ".html"; sink.get(u) == nil {
				t.Errorf("%s, listed by the remembered calendar once it listed events, not archived", u)
			}
		}
	}
	if b, err := os.ReadFile(filepath.Join(state, trapsFile)); err != nil || strings.Contains(string(b), "/cal/") {
		t.Errorf("the calendar that listed events still remembered as a trap (err %v): %s", err, b)
	}
}

// TestQuietNightForgetsNothing: a list walked every night (no
// list_overlap) reveals nothing on a night its site published nothing and
// is stopped as a trap would be (its pages repeat the same links of other
// patterns). That says nothing of the list: the next night, when an
// article was added to its third page (a late entry, dated back), the
// list is walked as before, not probed, and the article found.
func TestQuietNightForgetsNothing(t *testing.T) {
	const pages = 25
	var night atomic.Int32
	srv, _ := pageWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		switch {
		case r.URL.Path == "/":
			page("某县文明网", `<a href="/list/">工作动态</a>`)
		case r.URL.Path == "/list/":
			n, _ := strconv.Atoi(r.URL.Query().Get("page"))
			n = max(n, 1)
			var b strings.Builder
			for _, id := range []int{2*n - 1, 2 * n} {
				fmt.Fprintf(&b, `<li><a href="/a/%d.html">动态%d</a></li>`, id, id)
			}
			if n == 3 && night.Load() == 3 {
				b.WriteString(`<li><a href="/a/900.html">补发动态</a></li>`)
			}
			if n < pages {
				fmt.Fprintf(&b, `<a href="/list/?page=%d">下一页</a>`, n+1)
			}
			page("工作动态", "<ul>"+b.String()+"</ul>")
		case strings.HasPrefix(r.URL.Path, "/a/"):
			page("文章", numberedArticle(strings.TrimSuffix(r.URL.Path[3:], ".html")))
		default:
			http.NotFound(w, r)
		}
	})
	state, sink := t.TempDir(), &staticSink{}
	opts := Options{Workers: 2, Known: knownIn(sink)}
	for i := 1; i <= 3; i++ {
		night.Store(int32(i))
		_, sum := runInState(t, srv.URL, state, opts, sink.store)
		t.Logf("night %d: %d requests, stopped %+v", i, sum.Requests, sum.Stopped)
		if i == 2 && len(sum.Stopped) == 0 {
			t.Fatalf("the quiet night stopped no pattern: the premise failed")
		}
	}
	if sink.get("http://top.wenming.test/a/900.html") == nil {
		t.Errorf("the article added to page 3 of a list stopped on a quiet night not archived the next night")
	}
}

// TestTrapMemoryKeeps checks what a run keeps of the patterns it stopped
// (patterns.traps): a trap stopped by a walk on a host with news, learnt
// now; not a pattern that revealed something, nor one of a host without
// news or with failed requests; an earlier trap a probe confirmed keeps
// its time, one the run did not meet is kept as it was, one that revealed
// something is forgotten.
func TestTrapMemoryKeeps(t *testing.T) {
	now := time.Date(2026, 12, 7, 3, 0, 0, 0, time.UTC)
	earlier := now.Add(-10 * 24 * time.Hour)
	dir := t.TempDir()
	old := []savedTrap{
		{Pattern: "a.cn/cal/?ym=0", Reason: "idle", Learnt: earlier},                       // probed and stopped again
		{Pattern: "a.cn/search/?q=x", Reason: "idle", Learnt: earlier},                     // not met
		{Pattern: "a.cn/events/?d=0", Reason: "idle", Learnt: earlier},                     // reveals something
		{Pattern: "a.cn/gone/?d=0", Reason: "idle", Learnt: now.Add(-31 * 24 * time.Hour)}, // expired
	}
	if err := saveState(dir, trapsFile, old); err != nil {
		t.Fatal(err)
	}
	ps := newPatterns(idleLimit)
	if err := ps.loadTraps(dir, now); err != nil {
		t.Fatal(err)
	}
	if p := ps.byKey["a.cn/gone/?d=0"]; p != nil && p.probing {
		t.Errorf("an entry older than trapKeep taken: %+v", p)
	}
	walk := func(u, referer string, revealed bool, n int) {
		for i := 0; i < n; i++ {
			ps.observe(fmt.Sprintf(u, i), fmt.Sprintf(referer, i), revealed, false, nil, 0)
		}
	}
	ps.noteNews("a.cn")
	ps.noteNews("b.cn")
	ps.noteNews("c.cn")
	walk("http://a.cn/cal/?ym=%d", "http://a.cn/cal/?ym=%d", false, trapProbe+1)
	walk("http://a.cn/events/?d=%d", "http://a.cn/events/?d=%d", true, 1)
	walk("http://a.cn/sort/?order=v%d", "http://a.cn/sort/?order=w%d", false, idleLimit+1) // a new trap
	walk("http://a.cn/list/?c=%d", "http://a.cn/list/?c=%d", true, 3)                      // a list that paged, then stopped
	walk("http://a.cn/list/?c=%d", "http://a.cn/list/?c=%d", false, idleLimit+1)
	walk("http://q.cn/cal/?ym=%d", "http://q.cn/cal/?ym=%d", false, idleLimit+1) // a host without news
	walk("http://c.cn/cal/?ym=%d", "http://c.cn/cal/?ym=%d", false, idleLimit+1) // a host with failures
	got := map[string]savedTrap{}
	for _, tr := range ps.traps(now, func(h string) bool { return h == "c.cn" }) {
		got[tr.Pattern] = tr
	}
	want := map[string]time.Time{
		"a.cn/cal/?ym=0":     earlier,
		"a.cn/search/?q=x":   earlier,
		"a.cn/sort/?order=x": now,
	}
	for k, learnt := range want {
		if tr, ok := got[k]; !ok || !tr.Learnt.Equal(learnt) {
			t.Errorf("%s: kept %v (%+v), want learnt %v", k, ok, tr, learnt)
		}
	}
	for k := range got {
		if _, ok := want[strings.TrimSuffix(k, "#")]; !ok {
			t.Errorf("%s kept, want it not remembered", k)
		}
	}
}

// TestTrapMemoryDamagedFile: a traps file that is no JSON is named in the
// error, and the run goes on as without it (every pattern walked in full);
// a file of an archive older than it is no error.
func TestTrapMemoryDamagedFile(t *testing.T) {
	dir := t.TempDir()
	ps := newPatterns(idleLimit)
	if err := ps.loadTraps(dir, time.Now()); err != nil {
		t.Errorf("no traps file: %v", err)
	}
	path := filepath.Join(dir, trapsFile)
	if err := os.WriteFile(path, []byte(`[{"pattern": "a.cn/cal/?ym=0", "learnt": "2026-12-`), 0o644); err != nil {
		t.Fatal(err)
	}
	err := ps.loadTraps(dir, time.Now())
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "learnt again") {
		t.Errorf("damaged traps file: error %v, want one naming %s", err, path)
	}
	if len(ps.remembered) > 0 {
		t.Errorf("a damaged file's traps taken: %v", ps.remembered)
	}
	// The crawl starts with it as without it, and replaces it.
	srv, _ := pageWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		switch r.URL.Path {
		case "/":
			page("某县文明网", `<a href="/a/1.html">动态</a>`)
		case "/a/1.html":
			page("文章", numberedArticle("1"))
		default:
			http.NotFound(w, r)
		}
	})
	var sink urlSink
	runInState(t, srv.URL, dir, Options{Workers: 1}, sink.store)
	if sink.get("http://top.wenming.test/a/1.html") == nil {
		t.Error("the crawl over a damaged traps file archived nothing")
	}
	var saved []savedTrap
	if _, err := loadState(dir, trapsFile, &saved); err != nil {
		t.Errorf("the traps file not replaced by the run: %v", err)
	}
}

// TestTrapNotRememberedUnderOutage: a calendar stopped on a night its
// server also failed requests (503 to a page, answered on the retry) is
// not remembered: the pages it showed meanwhile say nothing of it.
func TestTrapNotRememberedUnderOutage(t *testing.T) {
	var failed atomic.Bool
	srv, _ := pageWeb(t, func(w http.ResponseWriter, r *http.Request, page func(title, body string)) {
		switch {
		case r.URL.Path == "/":
			page("某县文明网", `<a href="/a/1.html">动态</a> <a href="/cal/?ym=202401">活动日历</a>`)
		case r.URL.Path == "/a/1.html":
			if !failed.Swap(true) {
				http.Error(w, "Service Temporarily Unavailable", http.StatusServiceUnavailable)
				return
			}
			page("文章", numberedArticle("1"))
		case r.URL.Path == "/cal/":
			ym, _ := strconv.Atoi(r.URL.Query().Get("ym"))
			page("活动日历", fmt.Sprintf(`<div class="cal">%d <a href="/cal/?ym=%d">下月</a><p>本月暂无活动安排</p></div>`, ym, ym+1))
		default:
			http.NotFound(w, r)
		}
	})
	state, sink := t.TempDir(), &staticSink{}
	_, sum := runInState(t, srv.URL, state, Options{Workers: 2, Retries: 2, Known: knownIn(sink)}, sink.store)
	if len(sum.Stopped) == 0 || sink.get("http://top.wenming.test/a/1.html") == nil {
		t.Fatalf("the premise failed: stopped %v, article archived %v", sum.Stopped, sink.get("http://top.wenming.test/a/1.html") != nil)
	}
	var saved []savedTrap
	if _, err := loadState(state, trapsFile, &saved); err != nil || len(saved) > 0 {
		t.Errorf("traps remembered from a night the host failed requests: %+v (err %v)", saved, err)
	}
}

// TestStateMemoryBounded: what the crawl state keeps is bounded, the most
// recently learnt kept: maxTraps traps, and a urlMemory's max notes.
func TestStateMemoryBounded(t *testing.T) {
	now := time.Date(2026, 12, 7, 3, 0, 0, 0, time.UTC)
	ps := newPatterns(idleLimit)
	for i := 0; i < maxTraps+10; i++ {
		key := fmt.Sprintf("h%d.cn/cal/?ym=0", i)
		ps.remembered[key] = savedTrap{Pattern: key, Reason: "idle", Learnt: now.Add(-time.Duration(i) * time.Second)}
	}
	kept := ps.traps(now, func(string) bool { return false })
	if len(kept) != maxTraps || kept[0].Pattern != "h0.cn/cal/?ym=0" || kept[len(kept)-1].Pattern != fmt.Sprintf("h%d.cn/cal/?ym=0", maxTraps-1) {
		t.Errorf("kept %d traps, from %v to %v; want the %d most recently learnt", len(kept), kept[0], kept[len(kept)-1], maxTraps)
	}

	dir := t.TempDir()
	m := newURLMemory("notes.json", "notes", time.Hour, 3)
	for i := 0; i < 5; i++ {
		m.learn(fmt.Sprintf("http://a.cn/%d/", i), "gone", now.Add(time.Duration(i)*time.Minute))
	}
	if err := m.save(dir); err != nil {
		t.Fatal(err)
	}
	back := newURLMemory("notes.json", "notes", time.Hour, 3)
	if err := back.load(dir, now.Add(10*time.Minute)); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		if got, want := back.note(fmt.Sprintf("http://a.cn/%d/", i)) != "", i >= 2; got != want {
			t.Errorf("note %d kept %v, want %v (the 3 most recent)", i, got, want)
		}
	}
}
