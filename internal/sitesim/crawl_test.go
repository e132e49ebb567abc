package sitesim

import (
	"maps"
	"net/url"
	"path"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestPoliteCrawlReachesEveryArticle walks the hierarchy from the national
// homepage the way a polite crawler would (robots.txt honoured, outside
// hosts skipped, URLs canonicalized, TRS pagers read from createPageHTML)
// and checks that it finds exactly the allowed articles. It is an oracle
// crawler: it follows no link out of a page the simulation answered as a
// trap (it learns that from TrapRequests), so each trap costs it only the
// few pages linked from ordinary pages; the server signals are off.
func TestPoliteCrawlReachesEveryArticle(t *testing.T) {
	politeCrawl(t, New(Options{Calm: true, Seed: 11, Articles: 260}))
}

// TestPoliteCrawlAfterAdvance crawls a simulation that moved ten days on:
// the new articles are linked, the shifted list pages still reach every
// old one.
func TestPoliteCrawlAfterAdvance(t *testing.T) {
	sim := New(Options{Calm: true, Seed: 11, Articles: 260, EditsPerDay: 1})
	sim.Advance(10 * 24 * time.Hour)
	if sim.Count() <= 260 {
		t.Fatalf("Count %d", sim.Count())
	}
	politeCrawl(t, sim)
}

// politeWalk walks sim breadth-first from the national homepage as a
// polite crawler does: robots.txt honoured, images, style sheets, scripts
// and counters not fetched, URLs canonicalized, no link followed out of a
// trap page or an answer other than 200. It calls page for every answer
// and outside for every link to a host outside the hierarchy.
func politeWalk(tb testing.TB, sim *Sim, page func(u *url.URL, code int, trap bool), outside func(host string)) {
	start, _ := url.Parse("http://www.wenming.cn/")
	queue := []*url.URL{start}
	seen := map[string]bool{canon(start): true}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		before := sim.TrapRequests()
		code, _, body := get(tb, sim, "GET", u.String())
		trap := !maps.Equal(before, sim.TrapRequests())
		page(u, code, trap)
		if trap || code != 200 {
			continue
		}
		for _, l := range links(u.String(), body) {
			s := sim.byHost[l.Hostname()]
			if s == nil {
				outside(l.Hostname())
				continue
			}
			switch strings.ToLower(path.Ext(l.Path)) {
			case ".css", ".js", ".jpg", ".png", ".gif":
				continue
			}
			if strings.HasPrefix(l.Path, "/e/public/") {
				continue
			}
			pq := l.EscapedPath()
			if l.RawQuery != "" {
				pq += "?" + l.RawQuery
			}
			if s.disallows(pq) {
				continue
			}
			c := canon(l)
			if seen[c] {
				continue
			}
			seen[c] = true
			cu, _ := url.Parse(c)
			queue = append(queue, cu)
		}
	}
}

func politeCrawl(t *testing.T, sim *Sim) {
	want := map[string]bool{}
	disallowed := 0
	sim.ForEachArticle(func(tr Truth) bool {
		if tr.Disallowed {
			disallowed++
		} else {
			want[tr.URL] = true
		}
		return true
	})
	found := map[string]bool{}
	outside := map[string]bool{}
	var dead []string
	fetches, trapPages := 0, 0
	politeWalk(t, sim, func(u *url.URL, code int, trap bool) {
		fetches++
		switch {
		case trap:
			trapPages++
		case code == 404:
			dead = append(dead, u.String())
		case code != 200:
			t.Errorf("GET %s = %d", u, code)
		default:
			if tr, ok := sim.Truth(u.String()); ok {
				found[tr.URL] = true
			}
		}
	}, func(host string) { outside[host] = true })
	for u := range want {
		if !found[u] {
			t.Errorf("article %s not reachable", u)
		}
	}
	if len(found) != len(want) {
		t.Errorf("found %d articles, want %d (disallowed %d)", len(found), len(want), disallowed)
	}
	for _, h := range []string{"www.gov.cn", "weibo.com"} {
		if !outside[h] {
			t.Errorf("no link to outside host %s", h)
		}
	}
	deadOK := map[string]bool{}
	for _, c := range sim.DeadLinks() {
		deadOK[c] = true
	}
	for _, d := range dead {
		if !deadOK[d] {
			t.Errorf("unexpected 404 for linked %s", d)
		}
	}
	if len(dead) == 0 {
		t.Error("no dead links met")
	}
	if trapPages == 0 || trapPages > 40 {
		t.Errorf("%d trap pages met", trapPages)
	}
	t.Logf("%d fetches, %d articles, %d dead links, %d outside hosts, %d trap pages", fetches, len(found), len(dead), len(outside), trapPages)
}

// TestLargeSimIsFlat serves the last list page and an article of a
// 200,000-article simulation and checks time and memory.
func TestLargeSimIsFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("large simulation")
	}
	heap := heapNow()
	sim := New(Options{Calm: true, Seed: 5, Articles: 200000})
	s := sim.byHost["www.wenming.cn"]
	n := s.colCount(0)
	pages := (n + trsPerPage - 1) / trsPerPage
	last := "http://www.wenming.cn" + s.cols[0].path + "index_" + strconv.Itoa(pages-1) + ".shtml"
	begin := time.Now()
	code, _, body := get(t, sim, "GET", last)
	if code != 200 || !strings.Contains(body, "createPageHTML("+strconv.Itoa(pages)+", "+strconv.Itoa(pages-1)) {
		t.Fatalf("last list page %s: %d", last, code)
	}
	oldest, _ := s.inCol(0, 0)
	art := sim.canonical(oldest)
	if code, _, _ := get(t, sim, "GET", art); code != 200 {
		t.Fatalf("GET %s = %d", art, code)
	}
	for _, u := range []string{"http://www.ngwm.gov.cn/portal.php?mod=list&catid=1&page=2", "http://www.qhwmw.gov.cn/news/qhyw/index_3.html",
		"http://www.lxwmw.gov.cn/a/xwzx/wmdt/list_2_5.html", "http://www.jlwmw.gov.cn/html/xwzx/jlyw/3.html", "http://www.ltwmw.gov.cn/xwzx/ltyw/1.htm"} {
		if code, _, _ := get(t, sim, "GET", u); code != 200 {
			t.Errorf("GET %s = %d", u, code)
		}
	}
	checkFlat(t, "serving", begin, 2*time.Second, heap)
	count := 0
	sim.ForEachArticle(func(Truth) bool { count++; return true })
	if count != 200000 {
		t.Errorf("ForEachArticle gave %d", count)
	}
	t.Logf("national column %q: %d articles, %d pages; %s", s.cols[0].name, n, pages, time.Since(begin))
}
