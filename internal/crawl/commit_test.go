package crawl

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/frontier"
)

// doneLog is a frontier that notes which requests were marked done.
type doneLog struct {
	*frontier.Frontier
	mu   sync.Mutex
	done map[string]bool
}

func (d *doneLog) Done(url string) error {
	err := d.Frontier.Done(url)
	d.mu.Lock()
	d.done[url] = true
	d.mu.Unlock()
	return err
}

func (d *doneLog) isDone(url string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.done[url]
}

// articleHits counts the article pages the web served.
func (w *tinyWeb) articleHits() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for k, v := range w.hits {
		if strings.Contains(k, "/news/") {
			n += v
		}
	}
	return n
}

// TestSlowSinkHoldsNoWorker: an article's commit waits on disks (its WARC
// bytes synced, then the records); the one worker of a crawl goes on
// fetching meanwhile, and the article's request is marked done only once
// the sink has stored it, so that a crash before then leaves the page to
// the next run. The crawl ends when every commit has.
func TestSlowSinkHoldsNoWorker(t *testing.T) {
	for _, tc := range []struct {
		name    string
		workers int
	}{{"one worker", 1}, {"four workers", 4}} {
		t.Run(tc.name, func(t *testing.T) {
			web := newTinyWeb(6)
			srv := httptest.NewServer(web)
			defer srv.Close()
			dir := t.TempDir()
			f, err := frontier.Open(filepath.Join(dir, "frontier.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			front := &doneLog{Frontier: f, done: map[string]bool{}}

			const (
				meanwhile = 3
				articles  = 12 // 6 on each of the two sites
			)
			var (
				started  bool // the first sink call has begun
				fetched  int  // article pages fetched while the first article was held
				want     int  // of those, the ones still to fetch when it began
				mu       sync.Mutex
				archived = map[string]bool{}
			)
			sink := func(a *article.Article) (Stored, error) {
				mu.Lock()
				first := !started
				started = true
				mu.Unlock()
				if first {
					// Only the first call is held: the others return, so
					// the cap on commits at once (maxCommitting a worker)
					// is not what stops the worker. On a loaded machine
					// the worker may have fetched most pages before the
					// first commit begins: only those left can be
					// fetched meanwhile.
					before := web.articleHits()
					want = min(meanwhile, articles-before)
					for deadline := time.Now().Add(10 * time.Second); web.articleHits() < before+want && time.Now().Before(deadline); {
						time.Sleep(time.Millisecond)
					}
					fetched = web.articleHits() - before
				}
				time.Sleep(time.Millisecond)
				if front.isDone(a.URL) {
					t.Errorf("%s marked done before its sink returned", a.URL)
				}
				mu.Lock()
				archived[a.URL] = true
				mu.Unlock()
				return Stored{Outcome: Added}, nil
			}
			opts := Options{Workers: tc.workers, PerHost: 1, Proxy: srv.URL, StateDir: dir, RetryBackoff: time.Millisecond,
				Seeds: []SiteSpec{{URL: "http://top.wenming.test/", Name: "顶层文明网", Level: article.National}}}
			c, err := New(opts, front, sink)
			if err != nil {
				t.Fatal(err)
			}
			sum, err := c.Run(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if fetched < want {
				t.Errorf("%d article pages fetched while the first article was being stored, want %d: the sink held the crawl", fetched, want)
			}
			t.Logf("%d article pages fetched while the first article was being stored (%d left to fetch)", fetched, want)
			if len(archived) != articles || sum.ArticlesNew != articles {
				t.Errorf("%d articles stored, %d counted new, want 12", len(archived), sum.ArticlesNew)
			}
			for u := range archived {
				if !front.isDone(u) {
					t.Errorf("%s stored and never marked done", u)
				}
			}
			if st := c.Stats(); st.InFlight != 0 || st.Pending != 0 {
				t.Errorf("at the end: %d in flight, %d pending", st.InFlight, st.Pending)
			}
		})
	}
}
