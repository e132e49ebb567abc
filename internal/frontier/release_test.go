package frontier

import (
	"fmt"
	"testing"

	"github.com/wenming-archive/wenming/internal/boltfile/bolttest"
	"github.com/wenming-archive/wenming/internal/proctest"
)

// TestReleaseMap pushes and looks up URLs until much of the frontier's
// file is resident in its map, releases it, and checks that the pages are
// gone from the process's resident memory (Linux, where the map is
// released and /proc/self/smaps tells) and that the frontier reads the
// same after.
func TestReleaseMap(t *testing.T) {
	f, path := bolttest.OpenMapped(t, "frontier.db", Open)
	const n = 20000
	batch := make([]Request, 0, 1000)
	for i := range n {
		batch = append(batch, articleRequest(i))
		if len(batch) == cap(batch) {
			if _, err := f.Push(batch...); err != nil {
				t.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	for i := range n {
		if seen, err := f.Seen(articleRequest(i).URL); err != nil || !seen {
			t.Fatalf("Seen(%s) = %v, %v; want true", articleRequest(i).URL, seen, err)
		}
	}
	proctest.WantReleased(t, path, 1<<20, 10, f.ReleaseMap)
	if seen, err := f.Seen(articleRequest(n / 2).URL); err != nil || !seen {
		t.Errorf("after ReleaseMap, Seen(%s) = %v, %v; want true", articleRequest(n/2).URL, seen, err)
	}
	if got, err := f.SeenCount(); err != nil || got != n {
		t.Errorf("SeenCount = %d, %v; want %d", got, err, n)
	}
}

// articleRequest is the i-th of a crawl's article requests, on one of 20
// hosts.
func articleRequest(i int) Request {
	host := fmt.Sprintf("h%02d.wenming.cn", i%20)
	return Request{URL: fmt.Sprintf("http://%s/a/%07d.html", host, i), Host: host, Kind: "article"}
}
