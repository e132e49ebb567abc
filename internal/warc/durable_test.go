package warc

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/wenming-archive/wenming/internal/damagetest"
)

// TestDurableSurvivesPowerCut records pages from several goroutines, each
// committing the pointer to its capture (as the crawl's records do) once
// Durable returns, then cuts a copy of the directory as a power cut
// would: every file back to the length last reported on disk (OnSync),
// a file never reported gone. Every committed pointer must still lead to
// its record there, after the repair a later Open makes.
func TestDurableSurvivesPowerCut(t *testing.T) {
	srv := httptest.NewServer(siteHandler())
	defer srv.Close()
	dir := t.TempDir()
	var mu sync.Mutex
	synced := map[string]int64{}
	syncs := 0
	rec, err := Open(Options{Dir: dir, MaxFileSize: 48 << 10, OnSync: func(file string, size int64) {
		mu.Lock()
		defer mu.Unlock()
		synced[file] = size
		syncs++
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Close()

	const workers, pages = 4, 30
	var committed []Capture
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range pages {
				u := fmt.Sprintf("%s/page/%d-%d", srv.URL, w, i)
				fetch(t, rec.Client(), u)
				c, ok := rec.Lookup(u)
				if !ok {
					t.Errorf("%s: no capture", u)
					return
				}
				if i == pages-1 {
					// Recorded, never committed: bytes a power cut may
					// take.
					continue
				}
				if err := rec.Durable(c); err != nil {
					t.Errorf("%s: %v", u, err)
					return
				}
				mu.Lock()
				committed = append(committed, c)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		return
	}

	// The power cut, now: a copy of what the disk holds for sure.
	cut := t.TempDir()
	if err := os.CopyFS(cut, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(cut, lockName))
	mu.Lock()
	lost := damagetest.PowerCut(t, cut, ".warc.gz", openSuffix, synced)
	n := syncs
	mu.Unlock()
	if lost == 0 {
		t.Fatal("the power cut took nothing: the test proves nothing")
	}
	if n >= len(committed) {
		t.Errorf("%d fsyncs for %d pointers: the syncs are not shared", n, len(committed))
	}
	t.Logf("%d pointers committed, %d fsyncs; the power cut took %d bytes", len(committed), n, lost)

	if _, err := Repair(cut); err != nil {
		t.Fatal(err)
	}
	for _, c := range committed {
		got, err := ReadCapture(cut, c.File, c.Offset, c.Length)
		if err != nil {
			t.Errorf("after the power cut: %v", err)
			continue
		}
		if got.URL != c.URL {
			t.Errorf("after the power cut %s+%d holds %s, want %s", c.File, c.Offset, got.URL, c.URL)
		}
	}
}

// TestDurableAfterRotationAndClose: a capture of a file finished since
// (rotated, or the recorder closed) is on disk; one of a file another
// recorder wrote is not this recorder's to sync.
func TestDurableAfterRotationAndClose(t *testing.T) {
	srv := httptest.NewServer(siteHandler())
	defer srv.Close()
	dir := t.TempDir()
	rec, err := Open(Options{Dir: dir, MaxFileSize: 8 << 10})
	if err != nil {
		t.Fatal(err)
	}
	var caps []Capture
	for i := range 6 {
		u := fmt.Sprintf("%s/page/r%d", srv.URL, i)
		fetch(t, rec.Client(), u)
		c, ok := rec.Lookup(u)
		if !ok {
			t.Fatalf("%s: no capture", u)
		}
		caps = append(caps, c)
	}
	if caps[0].File == caps[len(caps)-1].File {
		t.Fatal("no rotation")
	}
	for _, c := range caps {
		if err := rec.Durable(c); err != nil {
			t.Errorf("%s in %s: %v", c.URL, c.File, err)
		}
	}
	if err := rec.Close(); err != nil {
		t.Fatal(err)
	}
	for _, c := range append(caps, Capture{File: "other-20260101000000-00000.warc.gz", Offset: 1 << 40, Length: 10}) {
		if err := rec.Durable(c); err != nil {
			t.Errorf("after Close, %s in %s: %v", c.URL, c.File, err)
		}
	}
}

// TestOwns: a recorder judges only the files its own prefix names, never
// those of a worker whose prefix extends it.
func TestOwns(t *testing.T) {
	rec := &Recorder{opts: Options{Prefix: "wenming"}}
	worker := &Recorder{opts: Options{Prefix: "wenming-w1"}}
	for _, tc := range []struct {
		name    string
		own, w1 bool
	}{
		{name: "wenming-20261204031500-00000.warc.gz", own: true},
		{name: "wenming-20261204031500-123456.warc.gz", own: true},
		{name: "wenming-w1-20261204031500-00000.warc.gz", w1: true},
		{name: "wenming-20261204031500-00000.warc.gz.open"},
		{name: "wenming-2026120403150-00000.warc.gz"},
		{name: "wenming-20261204031500-0000.warc.gz"},
		{name: "other-20261204031500-00000.warc.gz"},
		{name: "wenming-20261204031500-00x00.warc.gz"},
	} {
		if got := rec.Owns(tc.name); got != tc.own {
			t.Errorf("prefix wenming: Owns(%q) = %v, want %v", tc.name, got, tc.own)
		}
		if got := worker.Owns(tc.name); got != tc.w1 {
			t.Errorf("prefix wenming-w1: Owns(%q) = %v, want %v", tc.name, got, tc.w1)
		}
	}
}
