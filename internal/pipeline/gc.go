package pipeline

import (
	"os"
	"runtime/debug"

	"github.com/wenming-archive/wenming/internal/config"
)

// tuneGC sets the Go garbage collector for a crawl as cr says
// (crawl.gc_percent, crawl.memory_limit), and returns what sets it back.
// A crawl allocates much and keeps little, so a collector that lets the
// heap grow further between collections spends markedly less CPU, and a
// soft memory limit bounds the memory that costs. The GOGC and GOMEMLIMIT
// environment variables, when set, are the user's choice and win.
func tuneGC(cr config.Crawl) (restore func()) {
	var undo []func()
	if cr.GCPercent > 0 && os.Getenv("GOGC") == "" {
		prev := debug.SetGCPercent(cr.GCPercent)
		undo = append(undo, func() { debug.SetGCPercent(prev) })
	}
	if cr.MemoryLimit > 0 && os.Getenv("GOMEMLIMIT") == "" {
		prev := debug.SetMemoryLimit(int64(cr.MemoryLimit))
		undo = append(undo, func() { debug.SetMemoryLimit(prev) })
	}
	return func() {
		for _, u := range undo {
			u()
		}
	}
}
