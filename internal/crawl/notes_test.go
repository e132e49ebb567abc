package crawl

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/sitesim"
)

// TestWideCrawlLogNotes crawls a hierarchy of 300 sites, each of which
// has a calendar, a search and a pager to stop, many a charset label that
// lies, and reads the crawl's log: the notes logged a line per stopped
// pattern or per host stay a few at Info (a crawl of the real network's
// 3,000 sites logged thousands of such lines a run), every one is still
// logged at Debug, and an Info line at the end counts those at Debug.
func TestWideCrawlLogNotes(t *testing.T) {
	if testing.Short() {
		t.Skip("a crawl of 300 sites (about 10 s)")
	}
	sim := sitesim.New(sitesim.Options{Seed: 5, Sites: 300, Articles: 300, Calm: true})
	srv := httptest.NewServer(sim)
	defer srv.Close()
	var logged bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&logged, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, _ := newTestCrawler(t, srv.URL, t.TempDir(), Options{Workers: 8, PerHost: 1, Logger: log,
		Seeds: []SiteSpec{{URL: "http://www.wenming.cn/", Name: "中国文明网", Level: article.National}}}, nopSink)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	sum, err := c.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	type line struct {
		Level, Msg string
		More       int64
	}
	notes := map[string]map[string]int64{} // message → level → lines
	var more []line
	dec := json.NewDecoder(&logged)
	for {
		var l line
		if err := dec.Decode(&l); err != nil {
			break
		}
		if notes[l.Msg] == nil {
			notes[l.Msg] = map[string]int64{}
		}
		notes[l.Msg][l.Level]++
		if l.More > 0 {
			more = append(more, l)
		}
	}
	const stopped, charset = "URL pattern stopped: its pages revealed nothing new", "charset decided by the bytes"
	if len(sum.Stopped) < 200 {
		t.Fatalf("%d URL patterns stopped on 300 sites; the test wants hundreds", len(sum.Stopped))
	}
	for _, msg := range []string{stopped, charset} {
		info, debug := notes[msg]["INFO"], notes[msg]["DEBUG"]
		if info > 50 {
			t.Errorf("%q: %d lines at Info for a crawl of 300 sites, want a few", msg, info)
		}
		if debug == 0 {
			t.Errorf("%q: no line at Debug (%d at Info): the rest are not logged at all", msg, info)
		}
		if msg == stopped && info+debug != int64(len(sum.Stopped)) {
			t.Errorf("%q: %d lines at Info and %d at Debug, want one for each of the %d patterns stopped", msg, info, debug, len(sum.Stopped))
		}
		if n := notes[msg+": more at debug level"]["INFO"]; n != 1 {
			t.Errorf("%q: %d lines counting the notes at Debug, want 1", msg, n)
		}
		found := false
		for _, l := range more {
			found = found || l.Msg == msg+": more at debug level" && l.More == debug
		}
		if !found {
			t.Errorf("%q: no end line counting the %d notes at Debug (%v)", msg, debug, more)
		}
	}
	t.Logf("%d patterns stopped; notes by level: %v", len(sum.Stopped), notes[stopped])
}
