package store

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/boltfile/bolttest"
	"github.com/wenming-archive/wenming/internal/proctest"
	bolt "go.etcd.io/bbolt"
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
	s, path := bolttest.OpenMapped(t, "archive.db", Open)
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

// TestCountReleasesMap counts the records of a store whose briefs lie
// among larger records all over the file: the count walks the briefs,
// and the pages its walk faults in stay near the release mark, however
// small the briefs are beside the pages around them that each fault
// brings in. Counted by their size alone, the walk left 1.3 MB resident
// here, five times the mark.
func TestCountReleasesMap(t *testing.T) {
	s, path := bolttest.OpenMapped(t, "archive.db", Open)
	const releaseEvery = 256 << 10
	s.releaseEvery = releaseEvery
	const n, body, perTx = 6000, 4000, 20 // some 25 MB of records, 600 KB of briefs
	rng := rand.New(rand.NewPCG(3, 4))
	order := rng.Perm(n)
	for len(order) > 0 {
		batch := order[:min(perTx, len(order))]
		order = order[len(batch):]
		// In transactions of a few, without a sync each: the record and its
		// brief side by side.
		err := s.db.Update(func(tx *bolt.Tx) error {
			for _, i := range batch {
				a := sample(fmt.Sprintf("https://hb.wenming.cn/a/%05d.html", i))
				// A title of its own, as most articles have.
				a.Title = fmt.Sprintf("标题 %05d", i)
				var b strings.Builder
				for range body / 3 {
					b.WriteRune(rune(0x4e00 + rng.IntN(0x5000))) // CJK, which S2 cannot shrink much
				}
				a.Body = b.String()
				if err := putNew(tx, a); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	s.releaseMap()
	got, err := s.Len()
	if err != nil || got != n {
		t.Fatalf("Len = %d, %v; want %d", got, err, n)
	}
	// What the walk left resident since its last release.
	if rss, limit := proctest.MappedRSS(t, path), 3*releaseEvery; rss > limit {
		t.Errorf("after counting %d records (%d bytes of file), %d bytes of the store's map were resident; want at most %d",
			n, fileSize(t, path), rss, limit)
	}
}

// TestReleaseMapNow: ReleaseMap drops what look-ups made resident, though
// they counted far less than the release mark (a crawl's look-ups of
// links read pages all over the briefs, and each counts one page).
func TestReleaseMapNow(t *testing.T) {
	s, path := bolttest.OpenMapped(t, "archive.db", Open)
	const n = 3000
	urls := putBodies(t, s, n)
	s.ReleaseMap()
	briefs, err := s.Briefs(urls)
	if err != nil || len(briefs) != n {
		t.Fatalf("Briefs found %d of %d, %v", len(briefs), n, err)
	}
	if s.read.Load() >= s.releaseEvery {
		t.Fatalf("the look-ups counted %d bytes, past the mark %d: the test no longer tells ReleaseMap's release from theirs", s.read.Load(), s.releaseEvery)
	}
	proctest.WantReleased(t, path, 64<<10, 4, s.ReleaseMap)
	if s.read.Load() != 0 {
		t.Errorf("after ReleaseMap the store counts %d bytes read since a release, want 0", s.read.Load())
	}
}

// putNew writes a new record in tx as Put writes one (record, brief,
// title), without Put's checks and its transaction and sync of its own:
// for tests that write thousands.
func putNew(tx *bolt.Tx, a *article.Article) error {
	v, err := encode(a)
	if err != nil {
		return err
	}
	if err := tx.Bucket(bucketArticles).Put([]byte(a.URL), v); err != nil {
		return err
	}
	if err := putBrief(tx, nil, a); err != nil {
		return err
	}
	return listTitle(tx, nil, a)
}

// TestWatchedReleases: while the caller watches (a crawl, which releases
// the map as soon as the process's resident memory grows), Puts and
// look-ups count nothing and leave what they read resident for the
// caller's release; once it stops watching they release by their count
// again. The crawl's look-ups read the briefs all over, and each release
// of their own had the next ones fault the pages in again.
func TestWatchedReleases(t *testing.T) {
	s, path := bolttest.OpenMapped(t, "archive.db", Open)
	const releaseEvery = 64 << 10 // 16 look-ups
	s.releaseEvery = releaseEvery
	const n = 1500 // looked up in each half
	urls := putBodies(t, s, 2*n)
	// Puts and the look-ups of n URLs (not asked before: the cache would
	// answer), a few at a time as a crawl's pages ask for their links,
	// from a released map; what they left resident.
	puts := 0
	crawl := func(urls []string) int {
		s.ReleaseMap()
		for range 4 {
			a := sample(fmt.Sprintf("https://hb.wenming.cn/b/%05d.html", puts))
			a.Body = strings.Repeat("志愿服务", 100+puts)
			puts++
			if _, err := s.Put(a); err != nil {
				t.Fatal(err)
			}
		}
		for i := 0; i < n; i += 8 {
			if _, err := s.Briefs(urls[i:min(i+8, n)]); err != nil {
				t.Fatal(err)
			}
		}
		return proctest.MappedRSS(t, path)
	}

	s.WatchedReleases(true)
	watched := crawl(urls[:n])
	if got := s.read.Load(); got != 0 {
		t.Errorf("watched, the Puts and look-ups counted %d bytes; want none", got)
	}
	// Every brief was read since the last release, and nothing let go
	// of them but the caller's release.
	proctest.WantReleased(t, path, 8*releaseEvery, 4, s.ReleaseMap)

	s.WatchedReleases(false)
	counted := crawl(urls[n:])
	if counted > watched/4 {
		t.Errorf("no longer watched, %d bytes of the map were resident after the look-ups, against %d watched; want them released by their count, at most a quarter", counted, watched)
	}
}

// putBodies stores n sample articles of 800-rune bodies in one
// transaction and returns their URLs.
func putBodies(t *testing.T, s *Store, n int) []string {
	t.Helper()
	urls := make([]string, n)
	err := s.db.Update(func(tx *bolt.Tx) error {
		for i := range urls {
			a := sample(fmt.Sprintf("https://hb.wenming.cn/a/%05d.html", i))
			a.Body = strings.Repeat("文明实践", 200)
			if err := putNew(tx, a); err != nil {
				return err
			}
			urls[i] = a.URL
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return urls
}
