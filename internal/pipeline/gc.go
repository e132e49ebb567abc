package pipeline

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"

	"github.com/wenming-archive/wenming/internal/config"
)

// runGC is the Go garbage collector's setting for a run: crawl.gc_percent
// during the crawl, crawl.memory_limit during the whole run, the indexing
// after the crawl included. A crawl allocates much and keeps little, so a
// collector that lets the heap grow further between collections spends
// markedly less CPU, and a soft memory limit bounds the memory that costs;
// the indexing, where a run's memory peaks, is held to the same limit. The
// GOGC and GOMEMLIMIT environment variables, when set, are the user's
// choice and win.
type runGC struct {
	// mu guards undoPercent and percent: followLiveHeap sets GOGC during
	// the crawl, crawlEnded sets it back.
	mu          sync.Mutex
	undoPercent func() // nil when GOGC is not set (or set back already)
	percent     int    // the crawl's GOGC, crawl.gc_percent
	undoLimit   func() // nil when the limit is not set
	stop, done  chan struct{}
}

// tuneGC sets the collector for a run as cr says; crawlEnded and restore
// set it back.
func tuneGC(cr config.Crawl) *runGC {
	g := &runGC{}
	if cr.GCPercent > 0 && os.Getenv("GOGC") == "" {
		prev := debug.SetGCPercent(cr.GCPercent)
		g.undoPercent = func() { debug.SetGCPercent(prev) }
		g.percent = cr.GCPercent
	}
	if cr.MemoryLimit > 0 && os.Getenv("GOMEMLIMIT") == "" {
		prev := debug.SetMemoryLimit(int64(cr.MemoryLimit))
		g.undoLimit = func() { debug.SetMemoryLimit(prev) }
		g.stop, g.done = make(chan struct{}), make(chan struct{})
		go g.followLiveHeap(int64(cr.MemoryLimit))
	}
	return g
}

// crawlEnded sets GOGC back for the indexing after the crawl: its live
// heap is larger than the crawl's and its garbage less, and collecting
// less often bought little there. The memory limit stays.
func (g *runGC) crawlEnded() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.undoPercent != nil {
		g.undoPercent()
		g.undoPercent = nil
	}
}

// restore sets everything back as it was before tuneGC.
func (g *runGC) restore() {
	g.crawlEnded()
	if g.undoLimit != nil {
		close(g.stop)
		<-g.done
		g.undoLimit()
		g.undoLimit = nil
	}
}

// followLiveHeap keeps the soft memory limit at limitFor(limit, the live
// heap), and during the crawl GOGC at percentFor(the crawl's GOGC, limit,
// the live heap), until g.stop closes, looking every second.
func (g *runGC) followLiveHeap(limit int64) {
	defer close(g.done)
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-g.stop:
			return
		case <-t.C:
		}
		metrics.Read(live)
		if live[0].Value.Kind() != metrics.KindUint64 {
			continue
		}
		n := int64(live[0].Value.Uint64())
		debug.SetMemoryLimit(limitFor(limit, n))
		g.mu.Lock()
		if g.undoPercent != nil {
			debug.SetGCPercent(percentFor(g.percent, limit, n))
		}
		g.mu.Unlock()
	}
}

// percentFor is the crawl's GOGC for a run limited to limit bytes whose
// live heap is live bytes: percent, unless that lets the heap grow by
// more than crawlHeadroom(limit) over the live heap between collections;
// then what grows it by that much, but no less than minCrawlPercent.
//
// A crawl's garbage is made page by page, as fast whatever the size of
// the archive, while its live heap grows with the crawl (caches filling
// up, the trap bookkeeping of more sites, larger bbolt transactions):
// with GOGC alone the heap's peak was three times the live heap, and the
// live heap's 10 MB of growth from a crawl of 20,000 articles to one of
// 100,000 became 34 MB of peak. A capped headroom keeps the peak at the
// live heap plus a constant; the price is some more collections as the
// live heap grows.
func percentFor(percent int, limit, live int64) int {
	room := crawlHeadroom(limit)
	if live <= 0 || live*int64(percent)/100 <= room {
		return percent
	}
	return max(minCrawlPercent, int(room*100/live))
}

// crawlHeadroom is the most a crawl's heap may grow over its live heap
// between collections in a run limited to limit bytes: three eighths of
// the limit (48 MB of the default 128), what GOGC=200 gave a crawl of
// 20,000 articles, whose live heap is some 24 MB.
func crawlHeadroom(limit int64) int64 { return limit * 3 / 8 }

// minCrawlPercent is the least GOGC percentFor sets: the runtime's own
// default, below which the collector would take much of the crawl's CPU.
const minCrawlPercent = 100

// limitFor is the soft memory limit of a run limited to limit whose live
// heap is live bytes: limit, or what leaves the collector half the live
// heap to fill between collections when the live heap outgrows the limit.
// A limit barely above the live heap would have the collector run without
// end (the runtime lets it take half the CPU); a run that outgrows its
// limit spends memory instead, as GOGC=50 would.
func limitFor(limit, live int64) int64 {
	return max(limit, live+live/2+limitSlack)
}

// limitSlack is the memory beyond the heap that limitFor leaves room for:
// goroutine stacks, the runtime's own, memory freed and not yet returned.
const limitSlack = 16 << 20
