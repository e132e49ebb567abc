package frontier

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/boltfile/bolttest"
)

// TestMapReleased pushes links page by page as a crawl does (most of them
// seen before, the new ones spread over many hosts), pops and finishes
// requests as it goes, and looks URLs up: the frontier's file grows to many
// times the release mark, and the pages of its map counted in the
// process's resident memory stay a few times that mark (Linux, where the
// map is released and /proc/self/smaps tells).
func TestMapReleased(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the map is released on Linux only")
	}
	const mark = 1 << 20
	path := filepath.Join(t.TempDir(), "frontier.db")
	f, err := open(path, options{timeout: time.Second, noSync: true, releaseEvery: mark})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := f.Close(); err != nil {
			t.Error(err)
		}
	}()
	const pages, links, hosts = 1000, 40, 50
	req := func(i int) Request {
		host := fmt.Sprintf("h%02d.wenming.cn", i%hosts)
		return Request{URL: fmt.Sprintf("http://%s/a/%07d.html", host, i), Host: host, Kind: "article", Depth: 3,
			Site: host, Referer: fmt.Sprintf("http://%s/list/%d.html", host, i/links)}
	}
	peak := 0
	for p := range pages {
		// Half the links are new, half link pages already seen.
		batch := make([]Request, 0, links)
		for j := range links / 2 {
			batch = append(batch, req(p*links/2+j), req((p*links/2+j)/3))
		}
		if _, err := f.Push(batch...); err != nil {
			t.Fatal(err)
		}
		host := fmt.Sprintf("h%02d.wenming.cn", p%hosts)
		r, ok, err := f.Pop(host)
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			if err := f.Done(r.URL); err != nil {
				t.Fatal(err)
			}
		}
		if seen, err := f.Seen(req(p * 7).URL); err != nil || !seen {
			t.Fatalf("Seen(%s) = %v, %v; want true", req(p*7).URL, seen, err)
		}
		if p%20 == 0 {
			peak = max(peak, bolttest.MappedRSS(t, path))
		}
	}
	peak = max(peak, bolttest.MappedRSS(t, path))
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() < 6*mark {
		t.Fatalf("the file is %d bytes; the test wants it at least six times the mark, %d", fi.Size(), mark)
	}
	if limit := 2 * mark; peak > limit {
		t.Errorf("crawling %d pages (%d bytes of file), up to %d bytes of the frontier's map were resident; want at most %d",
			pages, fi.Size(), peak, limit)
	}
	if n, err := f.SeenCount(); err != nil || n != pages*links/2 {
		t.Errorf("SeenCount = %d, %v; want %d", n, err, pages*links/2)
	}
	if err := f.Check(); err != nil {
		t.Error(err)
	}
}
