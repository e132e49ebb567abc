package store

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/boltfile/bolttest"
	"github.com/wenming-archive/wenming/internal/proctest"
)

// testReleaseEvery is the mark TestMapReleased sets: its file is several
// times as large.
const testReleaseEvery = 4 << 20

// TestMapReleased writes records in random key order, as a crawl does, and
// walks them all: the store's file is several times the release mark, and the
// pages of its memory map counted in the process's resident memory stay
// about that mark however many records were written or read (Linux,
// where the map is released and /proc/self/smaps tells).
func TestMapReleased(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the map is released on Linux only")
	}
	path := filepath.Join(t.TempDir(), "archive.db")
	s := bolttest.Open(t, path, Open)
	s.releaseEvery = testReleaseEvery
	const n, runes = 640, 30000 // about 60 MB of records
	rng := rand.New(rand.NewPCG(1, 2))
	bodies := make([]string, n)
	for i := range bodies {
		var b strings.Builder
		for range runes {
			b.WriteRune(rune(0x4e00 + rng.IntN(0x5000))) // CJK, which S2 cannot shrink much
		}
		bodies[i] = b.String()
	}
	order := rng.Perm(n)
	var wg sync.WaitGroup
	work := make(chan int)
	for range 8 {
		wg.Go(func() {
			for i := range work {
				a := sample(fmt.Sprintf("https://hb.wenming.cn/a/%05d.html", i))
				a.Title = fmt.Sprintf("第%d篇", i)
				a.Body = bodies[i]
				if _, err := s.Put(a); err != nil {
					t.Error(err)
				}
			}
		})
	}
	// The most resident of the map while writing; without the releases
	// it grew to about three quarters of the file (50 of 69 MB).
	peak := 0
	for j, i := range order {
		work <- i
		if j%8 == 0 {
			peak = max(peak, proctest.MappedRSS(t, path))
		}
	}
	close(work)
	wg.Wait()
	const limit = 6 * testReleaseEvery
	if peak = max(peak, proctest.MappedRSS(t, path)); peak > limit {
		t.Errorf("writing %d records (%d bytes of file), up to %d bytes of the store's map were resident; want at most %d",
			n, fileSize(t, path), peak, limit)
	}
	peak = 0
	i := 0
	err := s.ForEach(func(a *article.Article) error {
		if want := fmt.Sprintf("https://hb.wenming.cn/a/%05d.html", i); a.URL != want || a.Body != bodies[i] {
			return fmt.Errorf("record %d is %s, want %s with its body", i, a.URL, want)
		}
		i++
		if i%8 == 0 {
			peak = max(peak, proctest.MappedRSS(t, path))
		}
		return nil
	})
	if err != nil || i != n {
		t.Fatalf("ForEach read %d records, %v; want %d", i, err, n)
	}
	if peak = max(peak, proctest.MappedRSS(t, path)); peak > limit {
		t.Errorf("walking %d records, up to %d bytes of the store's map were resident; want at most %d", n, peak, limit)
	}
}

// fileSize is the size of the file at path.
func fileSize(t *testing.T, path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}
