package sitesim

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"hash"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The walk test is the guard of every change to the renderers: it asks a
// fixed simulation for every page it can reach and hashes the answers.
// A change that keeps the hash serves the same bytes.

var updateWalk = flag.Bool("update-walk", false, "rewrite testdata/walk.sha256 and walk_wide.sha256 with the hashes of the current answers")

const (
	walkGolden     = "testdata/walk.sha256"
	wideWalkGolden = "testdata/walk_wide.sha256"
	walkTrapCap    = 40    // trap pages per host and phase whose links are followed
	walkHostCap    = 3000  // requests per host and phase
	wideHostCap    = 120   // requests per host and phase on the wide hierarchy
	walkPageCap    = 30000 // requests per phase
)

var (
	sitemapLineRe = regexp.MustCompile(`(?m)^Sitemap: (\S+)`)
	locRe         = regexp.MustCompile(`<loc>([^<]+)</loc>`)
	dynClicksRe   = regexp.MustCompile(`_showDynClicks\("wbnews", (\d+), (\d+)\)`)
)

// TestServedBytesUnchanged walks a fixed simulation breadth-first from
// every homepage, robots.txt and a set of probe URLs, following every
// link (robots.txt ignored, traps bounded by a cap per host), then
// advances it ten days and walks again. Every answer — method, URL,
// status, all headers, the body bytes — goes into one SHA-256, compared
// with testdata/walk.sha256 (go test -run TestServedBytesUnchanged
// -update-walk rewrites it). The walk is sequential, and a 429 advances
// the simulated clock by its Retry-After, so the hash depends on nothing
// but the code.
func TestServedBytesUnchanged(t *testing.T) {
	w := &walker{t: t, sum: sha256.New(), perCMS: map[string]int{}, articles: map[string]bool{}, hostCap: walkHostCap}
	sim := New(Options{Seed: 3, Articles: 700, EditsPerDay: 2, Now: time.Date(2026, 11, 1, 9, 30, 0, 0, china),
		Log: func(r Request) { w.lastTrap = r.Trap }})
	w.sim = sim
	w.walk(walkEntries(sim))
	first := w.total
	sim.Advance(10 * 24 * time.Hour)
	w.walk(walkEntries(sim))
	got := hex.EncodeToString(w.sum.Sum(nil))

	var cms []string
	for c, n := range w.perCMS {
		cms = append(cms, fmt.Sprintf("%s:%d", c, n))
	}
	sort.Strings(cms)
	t.Logf("%d requests (%d before Advance, %d after), %d answered 200, %d of %d articles; per CMS %s; sha256 %s",
		w.total, first, w.total-first, w.ok, len(w.articles), sim.Count(), strings.Join(cms, " "), got)
	if len(w.articles) != sim.Count() {
		t.Errorf("the walk reached %d of %d articles", len(w.articles), sim.Count())
	}
	for _, c := range []string{cmsTRS, cmsDiscuz, cmsEmpire, cmsDede, cmsPHPCMS, cmsVSB} {
		if w.perCMS[c] < 100 {
			t.Errorf("only %d requests to %s sites", w.perCMS[c], c)
		}
	}

	checkWalk(t, walkGolden, got)
}

// TestWideServedBytesUnchanged is TestServedBytesUnchanged on a wide
// hierarchy, whose generated sites copy the fixed ones (wide.go): from
// every homepage and robots.txt, following links, at most wideHostCap
// requests a host and phase, hashed against testdata/walk_wide.sha256.
func TestWideServedBytesUnchanged(t *testing.T) {
	w := &walker{t: t, sum: sha256.New(), perCMS: map[string]int{}, articles: map[string]bool{}, hostCap: wideHostCap}
	sim := New(Options{Seed: 4, Sites: 40, Articles: 1000, EditsPerDay: 2, Now: time.Date(2026, 11, 1, 9, 30, 0, 0, china),
		Log: func(r Request) { w.lastTrap = r.Trap }})
	w.sim = sim
	entries := func() []string {
		var out []string
		for _, s := range sim.sites {
			out = append(out, s.Home, s.Home+"robots.txt")
		}
		return out
	}
	w.walk(entries())
	sim.Advance(10 * 24 * time.Hour)
	w.walk(entries())
	got := hex.EncodeToString(w.sum.Sum(nil))
	generated := 0
	for _, s := range sim.sites {
		if s.template != "" {
			generated++
		}
	}
	t.Logf("%d sites (%d generated), %d requests, %d answered 200, %d of %d articles; sha256 %s",
		len(sim.sites), generated, w.total, w.ok, len(w.articles), sim.Count(), got)
	if generated < 20 {
		t.Errorf("only %d generated sites", generated)
	}
	checkWalk(t, wideWalkGolden, got)
}

// checkWalk compares the hash of a walk with its golden file, or
// rewrites the file under -update-walk.
func checkWalk(t *testing.T, golden, got string) {
	t.Helper()
	if *updateWalk {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read golden hash (run with -update-walk to create it): %v", err)
	}
	if strings.TrimSpace(string(want)) != got {
		t.Errorf("the simulation serves other bytes than before: sha256 %s, golden %s", got, strings.TrimSpace(string(want)))
	}
}

// walkEntries are the starting points: homepages, robots.txt, the mobile
// home and probes of every route, including the unlinked and the wrong.
func walkEntries(sim *Sim) []string {
	var out []string
	for _, s := range sim.sites {
		out = append(out, s.Home, s.Home+"robots.txt", s.Home+"sitemap.xml", s.Home+"m/")
		for _, p := range walkProbes {
			out = append(out, s.Home+p)
		}
		for c, col := range s.cols {
			for _, suffix := range []string{"", "index.html", "index_0.html", "index_01.html", "index_999.shtml", "index_1.shtml",
				".htm", "/0.htm", "/999.htm", "2.html", "02.html", "999.html", "index_2.html",
				fmt.Sprintf("list_%d_1.html", col.id), fmt.Sprintf("list_%d_0.html", col.id), fmt.Sprintf("list_%d_999.html", col.id),
				"2026/1101/1.html", "202611/t20261101_1.shtml", "2026-11-01/1.html"} {
				out = append(out, "http://"+s.Host+col.path+suffix)
			}
			out = append(out,
				fmt.Sprintf("%sindex.php?m=content&c=index&a=lists&catid=%d&page=2", s.Home, col.id),
				fmt.Sprintf("%sportal.php?mod=list&catid=%d&page=999", s.Home, col.id),
				fmt.Sprintf("%sportal.php?mod=list&catid=%d&page=0", s.Home, col.id))
			if a, ok := s.inCol(c, 0); ok {
				id := s.serial(a.j)
				out = append(out,
					fmt.Sprintf("%splus/view.php?aid=%d", s.Home, id),
					fmt.Sprintf("%splus/count.php?aid=%d&mid=1", s.Home, id),
					fmt.Sprintf("%splus/feedback.php?aid=%d", s.Home, id),
					fmt.Sprintf("%sindex.php?m=content&c=index&a=show&catid=%d&id=%d", s.Home, col.id, id),
					fmt.Sprintf("%sapi.php?op=count&id=%d&modelid=2", s.Home, id),
					fmt.Sprintf("%se/public/ViewClick/?classid=%d&id=%d", s.Home, col.id+1, id),
					fmt.Sprintf("%sportal.php?mod=view&aid=%d&page=9", s.Home, id),
					fmt.Sprintf("%sportal.php?mod=comment&id=%d&idtype=aid", s.Home, id),
					fmt.Sprintf("%sarticle-%d-2.html", s.Home, id))
			}
		}
	}
	return out
}

// walkProbes are paths tried on every host.
var walkProbes = []string{
	"index.html", "index.htm", "index.shtml", "index.php", "nosuch.html", "news/", "news/x/", "news/news/news/",
	"hdrl/?month=1999-13", "wmrl/?y=0&m=1", "wmrl/?y=9999&m=12",
	"plus/view.php?aid=x", "plus/count.php?view=yes&aid=999999", "plus/feedback.php?aid=0",
	"api.php", "api.php?op=count", "api.php?op=count&id=999999&modelid=1",
	"index.php?m=content", "index.php?m=content&c=index&a=show&catid=1&id=1", "index.php?m=comment&commentid=content_9-1-1",
	"index.php?m=search&c=index&a=init&typeid=1&q=文明&page=2", "index.php?m=nosuch",
	"e/public/ViewClick/?classid=1&id=1&addclick=1", "e/public/ViewClick/index.php?id=x",
	"system/resource/code/news/click/dynclicks.jsp?clickid=1&owner=1&clicktype=wbnews",
	"portal.php", "portal.php?mod=index", "portal.php?mod=nosuch", "portal.php?mod=list&catid=x", "portal.php?mod=list&catid=999",
	"portal.php?mod=topic&topicid=1", "portal.php?mod=topic&topicid=3", "portal.php?mod=comment&id=x", "portal.php?mod=view&aid=999999",
	"portal.php?mod=view&aid=1&sid=abcdef", "home.php?mod=space&uid=1", "forum.php", "article-999999-1.html",
	"sitemap_index.xml", "sitemap/nosuch_1.xml", "uploads/allimg/x.jpg", "d/file/x.jpg", "uploadfile/x.jpg", "__local/x.jpg",
	"data/attachment/portal/x.jpg", "W01.jpg",
}

// walker fetches URLs one at a time and hashes every answer.
type walker struct {
	t      *testing.T
	sim    *Sim
	sum    hash.Hash
	perCMS map[string]int
	total  int
	ok     int

	articles map[string]bool // canonical URLs of the articles answered
	lastTrap string          // the trap of the last request (Request.Trap)
	hostCap  int             // requests per host and phase
}

// walk fetches the entries and everything they link, breadth-first.
func (w *walker) walk(entries []string) {
	queue := append([]string(nil), entries...)
	seen := map[string]bool{}
	perHost, trapPages := map[string]int{}, map[string]int{}
	for _, u := range queue {
		seen[walkKey(u)] = true
	}
	fetched := 0
	for len(queue) > 0 && fetched < walkPageCap {
		raw := queue[0]
		queue = queue[1:]
		u, err := url.Parse(raw)
		if err != nil {
			continue
		}
		s := w.sim.byHost[u.Hostname()]
		if s == nil || perHost[s.Host] >= w.hostCap {
			continue
		}
		perHost[s.Host]++
		fetched++
		w.perCMS[s.CMS]++
		res, body := w.fetch("GET", raw, nil)
		if res.StatusCode == http.StatusTooManyRequests {
			secs, _ := strconv.Atoi(res.Header.Get("Retry-After"))
			w.sim.Advance(time.Duration(secs) * time.Second)
			queue = append(queue, raw)
			continue
		}
		if res.StatusCode != http.StatusOK {
			continue
		}
		w.ok++
		if tr, ok := w.sim.Truth(raw); ok {
			w.articles[tr.URL] = true
		}
		if w.lastTrap != "" && w.lastTrap != featSessionID {
			// a trap answers for ever: follow only its first pages
			if trapPages[s.Host]++; trapPages[s.Host] > walkTrapCap {
				continue
			}
		}
		if fetched%7 == 0 {
			w.revisit(raw, res)
		}
		for _, l := range w.found(raw, body) {
			if k := walkKey(l); !seen[k] {
				seen[k] = true
				queue = append(queue, l)
			}
		}
	}
}

// revisit asks again with HEAD and with the validators just received.
func (w *walker) revisit(raw string, res *http.Response) {
	w.fetch("HEAD", raw, nil)
	if etag := res.Header.Get("ETag"); etag != "" {
		w.fetch("GET", raw, map[string]string{"If-None-Match": etag})
	}
	if lm := res.Header.Get("Last-Modified"); lm != "" {
		w.fetch("GET", raw, map[string]string{"If-Modified-Since": lm})
	}
}

// fetch sends one request and hashes the answer.
func (w *walker) fetch(method, raw string, header map[string]string) (*http.Response, []byte) {
	w.total++
	req := httptest.NewRequest(method, raw, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	w.sim.ServeHTTP(rec, req)
	res := rec.Result()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		w.t.Fatalf("read %s: %v", raw, err)
	}
	fmt.Fprintf(w.sum, "%s %s %d\n", method, raw, res.StatusCode)
	keys := make([]string, 0, len(res.Header))
	for k := range res.Header {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(w.sum, "%s: %s\n", k, strings.Join(res.Header[k], ", "))
	}
	fmt.Fprintf(w.sum, "%d\n", len(body))
	w.sum.Write(body)
	return res, body
}

// found lists the URLs an answer leads to: its links, the sitemaps of a
// robots.txt, the <loc> of a sitemap and the VSB click counter.
func (w *walker) found(raw string, body []byte) []string {
	text, err := decodeCarefully(body)
	if err != nil {
		w.t.Fatalf("decode %s: %v", raw, err)
	}
	var out []string
	for _, l := range links(raw, text) {
		// as a browser sends it: spaces escaped
		l.RawQuery = strings.ReplaceAll(l.RawQuery, " ", "%20")
		out = append(out, l.String())
	}
	for _, re := range []*regexp.Regexp{sitemapLineRe, locRe} {
		for _, m := range re.FindAllStringSubmatch(text, -1) {
			out = append(out, m[1])
		}
	}
	if m := dynClicksRe.FindStringSubmatch(text); m != nil {
		u, _ := url.Parse(raw)
		out = append(out, fmt.Sprintf("http://%s/system/resource/code/news/click/dynclicks.jsp?clickid=%s&owner=%s&clicktype=wbnews", u.Host, m[2], m[1]))
	}
	return out
}

// walkKey identifies a URL for the walk: the URL without its Discuz sid,
// which changes on every cookie-less visit.
func walkKey(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	q := u.Query()
	if !q.Has("sid") {
		return raw
	}
	q.Del("sid")
	u.RawQuery = q.Encode()
	return u.String()
}
