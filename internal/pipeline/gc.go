package pipeline

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
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
	undoPercent func() // nil when GOGC is not set (or set back already)
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
	}
	if cr.MemoryLimit > 0 && os.Getenv("GOMEMLIMIT") == "" {
		prev := debug.SetMemoryLimit(int64(cr.MemoryLimit))
		g.undoLimit = func() { debug.SetMemoryLimit(prev) }
		g.stop, g.done = make(chan struct{}), make(chan struct{})
		go followLiveHeap(int64(cr.MemoryLimit), g.stop, g.done)
	}
	return g
}

// crawlEnded sets GOGC back for the indexing after the crawl: its live
// heap is larger than the crawl's and its garbage less, and collecting
// less often bought little there. The memory limit stays.
func (g *runGC) crawlEnded() {
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
// heap) until stop closes, looking every second.
func followLiveHeap(limit int64, stop <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		metrics.Read(live)
		if live[0].Value.Kind() == metrics.KindUint64 {
			debug.SetMemoryLimit(limitFor(limit, int64(live[0].Value.Uint64())))
		}
	}
}

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
