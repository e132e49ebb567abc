package pipeline

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/boltfile/bolttest"
	"github.com/wenming-archive/wenming/internal/proctest"
	"github.com/wenming-archive/wenming/internal/store"
)

// TestCrawlMapsReleasesRecords: what a crawl calls every releaseMapsEvery
// releases the frontier's map and the records' too, where the pages the
// look-ups of links read stay resident until a release (Linux).
func TestCrawlMapsReleasesRecords(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the maps are released on Linux only")
	}
	path := filepath.Join(t.TempDir(), "articles.db")
	st := bolttest.Open(t, path, store.Open)
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
	before := proctest.MappedRSS(t, path)
	release()
	after := proctest.MappedRSS(t, path)
	if frontierReleases != 1 {
		t.Errorf("the frontier's map was released %d times, want 1", frontierReleases)
	}
	if before == 0 || after > before/4 {
		t.Errorf("the records' map: %d bytes resident before the release, %d after; want it released", before, after)
	}
	if crawlMaps(crawlFrontier{}, nil) != nil {
		t.Error("crawlMaps of nothing with a map released something")
	}
}
