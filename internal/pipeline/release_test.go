package pipeline

import (
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/boltfile/bolttest"
	"github.com/wenming-archive/wenming/internal/proctest"
	"github.com/wenming-archive/wenming/internal/store"
)

// TestCrawlMapsReleasesRecords: what a crawl calls every releaseMapsEvery
// releases the frontier's map and the records' too, where the pages the
// look-ups of links read stay resident until a release (Linux).
func TestCrawlMapsReleasesRecords(t *testing.T) {
	st, path := bolttest.OpenMapped(t, "articles.db", store.Open)
	const n = 400
	urls := make([]string, n)
	for i := range urls {
		urls[i] = fmt.Sprintf("https://hb.wenming.cn/a/%05d.html", i)
		a := &article.Article{URL: urls[i], Site: "hb.wenming.cn", Title: fmt.Sprintf("第%d篇", i),
			Body: strings.Repeat("文明实践", 300), FetchedAt: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)}
		if _, err := st.Put(a); err != nil {
			t.Fatal(err)
		}
	}
	frontierReleases := 0
	release := crawlMaps(crawlFrontier{release: func() { frontierReleases++ }}, st)
	if release == nil {
		t.Fatal("crawlMaps found nothing to release")
	}
	if _, err := st.Briefs(urls); err != nil {
		t.Fatal(err)
	}
	proctest.WantReleased(t, path, 1, 4, release)
	if frontierReleases != 1 {
		t.Errorf("the frontier's map was released %d times, want 1", frontierReleases)
	}
	if crawlMaps(crawlFrontier{}, nil) != nil {
		t.Error("crawlMaps of nothing with a map released something")
	}
}

// slowWalk is a store whose walks over the records pause at every record.
type slowWalk struct {
	*store.Store
	pause time.Duration
}

func (s slowWalk) ForEach(fn func(*article.Article) error) error {
	return s.Store.ForEach(s.slow(fn))
}

func (s slowWalk) FetchedSince(since time.Time, fn func(*article.Article) error) error {
	return s.Store.FetchedSince(since, s.slow(fn))
}

func (s slowWalk) slow(fn func(*article.Article) error) func(*article.Article) error {
	return func(a *article.Article) error {
		time.Sleep(s.pause)
		return fn(a)
	}
}

// TestIndexingReleasesMapsOften: the indexing after a crawl releases the
// index's segment maps several times a second, not once: a merge reads
// its input segments at tens of megabytes a second, all of it resident
// until a release (75-79 MB of the maps at once while a 100,000-article
// index was built with a release every second, 28 MB every 100 ms). A walk
// of 800 ms sees at least three releases (eight are due).
func TestIndexingReleasesMapsOften(t *testing.T) {
	dir := t.TempDir()
	st := bolttest.Open(t, filepath.Join(dir, "articles.db"), store.Open)
	const n = 40
	for i := range n {
		a := &article.Article{URL: fmt.Sprintf("https://hb.wenming.cn/a/%05d.html", i), Site: "hb.wenming.cn",
			Title: fmt.Sprintf("第%d篇", i), Body: strings.Repeat("文明实践", 50), FetchedAt: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)}
		if _, err := st.Put(a); err != nil {
			t.Fatal(err)
		}
	}
	ix, err := index.Open(filepath.Join(dir, "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var releases atomic.Int32
	release := func() {
		releases.Add(1)
		ix.ReleaseMaps()
	}
	indexed, records, err := indexOpen(slowWalk{st, 20 * time.Millisecond}, ix, release, time.Time{}, nil, slog.New(slog.DiscardHandler), nil)
	if err != nil {
		t.Fatal(err)
	}
	if indexed != n || records != n {
		t.Fatalf("indexed %d of %d records, want %d", indexed, records, n)
	}
	if got := releases.Load(); got < 3 {
		t.Errorf("the maps were released %d times in a walk of %v, want at least 3", got, n*20*time.Millisecond)
	}
}
