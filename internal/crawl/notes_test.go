package crawl

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/sitesim"
)

// TestWideCrawlLogNotes crawls a hierarchy of 150 sites, each of which
// has a calendar, a search and a pager to stop, many a charset label that
// lies, and reads the crawl's log: the notes logged a line per stopped
// pattern or per host stay a few at Info (a crawl of the real network's
// 3,000 sites logged thousands of such lines a run), every one is still
// logged at Debug, and an Info line at the end counts those at Debug.
func TestWideCrawlLogNotes(t *testing.T) {
	if testing.Short() {
		t.Skip("a crawl of 150 sites (about 2 s of CPU)")
	}
	sum, notes := crawlWideLogged(t, func(sim http.Handler) http.Handler { return sim })
	if len(sum.Stopped) < 2*maxNotesAt {
		t.Fatalf("%d URL patterns stopped on %d sites; the test wants more than twice the %d lines it allows at Info", len(sum.Stopped), wideLogSites, maxNotesAt)
	}
	notes.check(t, "URL pattern stopped: its pages revealed nothing new", "INFO", len(sum.Stopped))
	notes.check(t, "charset decided by the bytes", "INFO", -1)
	t.Logf("%d patterns stopped; notes by level: %v", len(sum.Stopped), notes.lines["URL pattern stopped: its pages revealed nothing new"])
}

// TestWideCrawlHostsLeft crawls a hierarchy of 150 sites whose county
// sites are down (their connections closed unanswered, as when the
// crawler's network fails mid-crawl): the crawl leaves each, and warns of
// a few, logging the others at Debug and counting them, instead of a
// warning a host.
func TestWideCrawlHostsLeft(t *testing.T) {
	if testing.Short() {
		t.Skip("a crawl of 150 sites (about 2 s of CPU)")
	}
	sum, notes := crawlWideLogged(t, func(sim http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !strings.HasSuffix(r.Host, ".gov.cn") || r.URL.Path == "/" || r.URL.Path == "/robots.txt" {
				sim.ServeHTTP(w, r)
				return
			}
			if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
				conn.Close()
			}
		})
	})
	if len(sum.SkippedHosts) < 2*maxNotesAt {
		t.Fatalf("%d hosts left of %d sites; the test wants more than twice the %d lines it allows at Info", len(sum.SkippedHosts), wideLogSites, maxNotesAt)
	}
	notes.check(t, "host left for this run", "WARN", len(sum.SkippedHosts))
}

// loggedNotes are the lines of a crawl's log by message and level, and
// the counts of the end lines saying how many notes went to Debug.
type loggedNotes struct {
	lines map[string]map[string]int64 // message → level → lines
	more  map[string]int64            // message → the "more" its end line counts
}

// wideLogSites is the size of crawlWideLogged's hierarchy, maxNotesAt
// the lines of one note check allows at its level. 150 sites stop 176 URL
// patterns and leave 123 hosts (300 stopped 362, for twice the CPU): a
// note logged at its level a line each passes the bound more than twice.
const (
	wideLogSites = 150
	maxNotesAt   = 50
)

// crawlWideLogged crawls a simulated hierarchy of wideLogSites sites, served
// through wrap, logging at Debug, and returns its summary and log.
func crawlWideLogged(t *testing.T, wrap func(http.Handler) http.Handler) (Summary, loggedNotes) {
	t.Helper()
	sim := sitesim.New(sitesim.Options{Seed: 5, Sites: wideLogSites, Articles: wideLogSites, Calm: true})
	srv := httptest.NewServer(wrap(sim))
	defer srv.Close()
	var logged bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&logged, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, _ := newTestCrawler(t, srv.URL, t.TempDir(), Options{Workers: 8, PerHost: 1, Retries: 1, Logger: log,
		Seeds: []SiteSpec{{URL: "http://www.wenming.cn/", Name: "中国文明网", Level: article.National}}}, nopSink)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	sum, err := c.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	notes := loggedNotes{lines: map[string]map[string]int64{}, more: map[string]int64{}}
	dec := json.NewDecoder(&logged)
	for {
		var l struct {
			Level, Msg string
			More       int64
		}
		if err := dec.Decode(&l); err != nil {
			break
		}
		if notes.lines[l.Msg] == nil {
			notes.lines[l.Msg] = map[string]int64{}
		}
		notes.lines[l.Msg][l.Level]++
		if l.More > 0 {
			notes.more[strings.TrimSuffix(l.Msg, ": more at debug level")] += l.More
		}
	}
	return sum, notes
}

// check fails the test unless the notes msg are a few lines at level and
// the rest at Debug, counted by one end line at level: want in all, or
// any number when want < 0.
func (n loggedNotes) check(t *testing.T, msg, level string, want int) {
	t.Helper()
	at, debug := n.lines[msg][level], n.lines[msg]["DEBUG"]
	if at > maxNotesAt {
		t.Errorf("%q: %d lines at %s for a crawl of %d sites, want a few", msg, at, level, wideLogSites)
	}
	if debug == 0 {
		t.Errorf("%q: no line at Debug (%d at %s): the rest are not logged at all", msg, at, level)
	}
	if want >= 0 && at+debug != int64(want) {
		t.Errorf("%q: %d lines at %s and %d at Debug, want one for each of %d", msg, at, level, debug, want)
	}
	if ends := n.lines[msg+": more at debug level"][level]; ends != 1 || n.more[msg] != debug {
		t.Errorf("%q: %d end lines at %s counting %d notes at Debug, want one counting %d", msg, ends, level, n.more[msg], debug)
	}
}
