package pipeline_test

import (
	"runtime"
	"runtime/debug"
	"sync"
	"testing"
)

// besideRuns counts the tests running crawls beside one another
// (crawlBeside) and holds the runtime settings found when the first began.
var besideRuns struct {
	mu      sync.Mutex
	n       int
	percent int   // GOGC
	limit   int64 // the soft memory limit
	procs   int   // GOMAXPROCS
}

// crawlBeside lets t run beside the other tests that call it
// (t.Parallel), so that tests spending most of their time waiting — on a
// dead host's timeouts, a site's Crawl-delay, a child process — wait
// together rather than one after another.
//
// A run sets the collector and the processors for its crawl and sets back
// what it found (gc.go); two runs at once may interleave, the one that
// ends last setting back what the other had set. So the settings found
// when the first of these tests begins are set back when the last one
// ends: the tests after them begin with the runtime's own, as they would
// after tests run one at a time. The tests that check those settings
// never call crawlBeside, and a test that does not runs beside none.
func crawlBeside(t *testing.T) {
	t.Helper()
	t.Parallel()
	b := &besideRuns
	b.mu.Lock()
	if b.n == 0 {
		b.percent = debug.SetGCPercent(-1)
		debug.SetGCPercent(b.percent)
		b.limit = debug.SetMemoryLimit(-1)
		b.procs = runtime.GOMAXPROCS(0)
	}
	b.n++
	b.mu.Unlock()
	t.Cleanup(func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		if b.n--; b.n == 0 {
			debug.SetGCPercent(b.percent)
			debug.SetMemoryLimit(b.limit)
			runtime.GOMAXPROCS(b.procs)
		}
	})
}
