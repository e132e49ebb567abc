package pipeline

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"

	"github.com/wenming-archive/wenming/internal/config"
)

// runGC is the Go garbage collector's setting for a run: crawl.gc_percent
// and crawl.memory_limit during the crawl, index.memory_limit during the
// indexing after it. A crawl allocates much and keeps little, so a
// collector that lets the heap grow further between collections spends
// markedly less CPU, and a soft memory limit bounds the memory that costs.
// The indexing allocates more still (some 300 KB an article) over a live
// heap of a few tens of MB: with GOGC alone it collected every 30–40 MB
// of allocation; with GOGC off under its own limit it collects only as
// the heap nears that limit. The GOGC and GOMEMLIMIT environment
// variables, when set, are the user's choice and win.
//
// It holds the crawl's processors too (tuneProcs): crawl.extra_procs more
// than the runtime's during the crawl, whose threads wait in writes and
// fsyncs, and the runtime's again for the indexing, which is computation
// alone: there a processor more than the cores only made its threads take
// turns on them (runtime.asyncPreempt alone took 7% of the indexing's CPU
// profile), 10% more CPU an article indexed in alternated crawl-bench
// runs (1.15 against 1.02 ms, four pairs; docs/benchmark-history.md).
type runGC struct {
	// mu guards the fields below: followLiveHeap reads them every
	// second, indexing changes them.
	mu          sync.Mutex
	undoPercent func() // nil when GOGC was not changed (or set back already)
	crawling    bool   // the crawl's GOGC follows the live heap
	percent     int    // the crawl's GOGC, crawl.gc_percent
	limit       int64  // the limit followLiveHeap keeps; 0: none
	indexLimit  int64  // index.memory_limit; 0: keep the crawl's
	undoLimit   func() // nil when the limit is not set
	stop, done  chan struct{}

	// undoProcs sets GOMAXPROCS back; safe to call more than once and
	// without mu (tuneProcs).
	undoProcs func()
}

// tuneGC sets the collector and the processors for a run's crawl as cr
// says; indexing sets them for the indexing after the crawl, as ix says,
// and restore sets them back.
func tuneGC(cr config.Crawl, ix config.Index) *runGC {
	g := &runGC{undoProcs: tuneProcs(cr)}
	if cr.GCPercent > 0 && os.Getenv("GOGC") == "" {
		prev := debug.SetGCPercent(cr.GCPercent)
		g.undoPercent = func() { debug.SetGCPercent(prev) }
		g.percent, g.crawling = cr.GCPercent, true
	}
	if os.Getenv("GOMEMLIMIT") == "" && (cr.MemoryLimit > 0 || ix.MemoryLimit > 0) {
		prev := debug.SetMemoryLimit(-1)
		g.undoLimit = func() { debug.SetMemoryLimit(prev) }
		g.limit, g.indexLimit = int64(cr.MemoryLimit), int64(ix.MemoryLimit)
		if g.limit > 0 {
			debug.SetMemoryLimit(g.limit)
		}
		g.stop, g.done = make(chan struct{}), make(chan struct{})
		go g.followLiveHeap()
	}
	return g
}

// indexing sets the collector for the indexing after the crawl: GOGC off
// under index.memory_limit when that is set (and the environment sets
// neither), else the runtime's GOGC under the crawl's limit; and the
// runtime's processors.
func (g *runGC) indexing() {
	g.undoProcs()
	g.mu.Lock()
	defer g.mu.Unlock()
	g.percentBack()
	if g.indexLimit <= 0 {
		return
	}
	g.limit = g.indexLimit
	debug.SetMemoryLimit(limitFor(g.limit, liveHeap()))
	if os.Getenv("GOGC") == "" {
		prev := debug.SetGCPercent(-1)
		g.undoPercent = func() { debug.SetGCPercent(prev) }
	}
}

// IndexingGC sets the collector for indexing outside a run (wenming
// reindex) as a run's indexing has it (see runGC), and returns what sets
// it back.
func IndexingGC(ix config.Index) (restore func()) {
	g := tuneGC(config.Crawl{}, ix)
	g.indexing()
	return g.restore
}

// restore sets everything back as it was before tuneGC.
func (g *runGC) restore() {
	g.undoProcs()
	if g.undoLimit != nil {
		close(g.stop)
		<-g.done
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	g.percentBack()
	if g.undoLimit != nil {
		g.undoLimit()
		g.undoLimit = nil
	}
}

// percentBack sets GOGC back as it was before tuneGC (or indexing)
// changed it, and ends the crawl's following of the live heap with it.
// g.mu is held.
func (g *runGC) percentBack() {
	g.crawling = false
	if g.undoPercent != nil {
		g.undoPercent()
		g.undoPercent = nil
	}
}

// tuneProcs lets crawl.extra_procs more threads than the runtime's
// default run Go code during a crawl, unless GOMAXPROCS is set, and
// returns what sets it back (calls after the first do nothing). A crawl's threads spend some of their time in writes
// and fsyncs (the WARC, the records, the frontier: hundreds a second),
// and a thread in a system call keeps its processor until the runtime's
// monitor hands it on, tens of microseconds to milliseconds later: on 2
// cores, 14–19% of the machine sat unused through a crawl whose
// processors were busy all along, and one processor more gave 930–1,037
// pages a second against 742–952 at the same CPU a page (the
// twenty-third session's alternated runs, docs/benchmark-history.md).
func tuneProcs(cr config.Crawl) (restore func()) {
	if cr.ExtraProcs <= 0 || os.Getenv("GOMAXPROCS") != "" {
		return func() {}
	}
	prev := runtime.GOMAXPROCS(runtime.GOMAXPROCS(0) + cr.ExtraProcs)
	return sync.OnceFunc(func() { runtime.GOMAXPROCS(prev) })
}

// liveHeap is the heap the last collection kept, in bytes (0 when the
// runtime does not say).
func liveHeap() int64 {
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(live)
	if live[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(live[0].Value.Uint64())
}

// followLiveHeap keeps the soft memory limit at limitFor(g.limit, the live
// heap), and during the crawl GOGC at percentFor(the crawl's GOGC, limit,
// the live heap), until g.stop closes, looking every second.
func (g *runGC) followLiveHeap() {
	defer close(g.done)
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-g.stop:
			return
		case <-t.C:
		}
		n := liveHeap()
		if n == 0 {
			continue
		}
		g.mu.Lock()
		if g.limit > 0 {
			debug.SetMemoryLimit(limitFor(g.limit, n))
			if g.crawling {
				debug.SetGCPercent(percentFor(g.percent, g.limit, n))
			}
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
