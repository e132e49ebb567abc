package pipeline

import "time"

// A crawl's file maps (the frontier's, the records') hold every page read
// through them resident until released (see crawlMaps), and the larger the
// files the faster a crawl makes them resident: its look-ups and writes
// land all over the key space, each read fault maps the 64 KB around it
// (the kernel's fault-around) or a whole large folio of a freshly written
// file, and in a larger file fewer of them fall on pages already mapped.
// At 100,000 articles the records' map alone grew by 30-40 MB in a few
// tenths of a second between releases, when a crawl of 20,000 held some
// 20 MB of both maps at its peak. A clock alone cannot bound that, nor
// can a count of bytes read (what a read makes resident is not what it
// reads); so the crawl watches what is resident.
const (
	// releaseMapsGrowth is how far the process's file-backed resident
	// memory may grow above its low after the last release before the
	// maps are released again.
	releaseMapsGrowth = 16 << 20
	// releaseMapsPoll is how often that memory is looked at (a read of
	// /proc/self/statm; some microseconds).
	releaseMapsPoll = 20 * time.Millisecond
)

// mapReleaser decides when a crawl releases its file maps: every interval,
// and sooner when the file-backed resident memory has grown by growth
// bytes above the lowest it was seen since the last release. The low
// follows drops that other releases make (the store releases its map
// after every 16 MB it counts).
type mapReleaser struct {
	interval time.Duration
	growth   int64
	last     time.Time // of the last release
	low      int64     // the least resident seen since then; -1: unknown
}

func newMapReleaser(interval time.Duration, growth int64, now time.Time) *mapReleaser {
	return &mapReleaser{interval: interval, growth: growth, last: now, low: -1}
}

// due says, given the time and the resident memory now (ok false when it
// could not be read), whether to release now.
func (m *mapReleaser) due(now time.Time, resident int64, ok bool) bool {
	if now.Sub(m.last) >= m.interval {
		return true
	}
	if !ok {
		return false
	}
	if m.low < 0 || resident < m.low {
		m.low = resident
		return false
	}
	return resident-m.low >= m.growth
}

// released records a release made at now, after which the resident
// memory was resident (ok false when it could not be read).
func (m *mapReleaser) released(now time.Time, resident int64, ok bool) {
	m.last, m.low = now, -1
	if ok {
		m.low = resident
	}
}

// releaseMaps calls release every interval, and sooner when the process's
// file-backed resident memory (read by resident, see fileResidence) has
// grown by growth bytes since the last release, looking every poll, until
// stop is called.
func releaseMaps(release func(), interval, poll time.Duration, growth int64, resident func() (int64, bool)) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(poll)
		defer t.Stop()
		m := newMapReleaser(interval, growth, time.Now())
		for {
			select {
			case <-t.C:
			case <-done:
				return
			}
			n, ok := resident()
			if m.due(time.Now(), n, ok) {
				release()
				n, ok = resident()
				m.released(time.Now(), n, ok)
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}
