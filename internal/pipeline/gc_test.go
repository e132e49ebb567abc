package pipeline

import (
	"math"
	"runtime/debug"
	"testing"

	"github.com/wenming-archive/wenming/internal/config"
)

// tuneGC sets what the config asks for, leaves the runtime's own where it
// says 0 or the environment decides, and sets everything back.
func TestTuneGC(t *testing.T) {
	tests := []struct {
		name      string
		cr        config.Crawl
		env       map[string]string
		wantGC    int
		wantLimit int64
	}{
		{name: "config", cr: config.Crawl{GCPercent: 250, MemoryLimit: 300 << 20}, wantGC: 250, wantLimit: 300 << 20},
		{name: "zero leaves the runtime's", cr: config.Crawl{}, wantGC: 100, wantLimit: math.MaxInt64},
		{name: "environment wins", cr: config.Crawl{GCPercent: 250, MemoryLimit: 300 << 20},
			env: map[string]string{"GOGC": "100", "GOMEMLIMIT": "off"}, wantGC: 100, wantLimit: math.MaxInt64},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("GOGC", "")
			t.Setenv("GOMEMLIMIT", "")
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			gc0, limit0 := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
			defer debug.SetGCPercent(gc0)
			defer debug.SetMemoryLimit(limit0)

			restore := tuneGC(tt.cr)
			gc, limit := debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
			debug.SetGCPercent(gc)
			restore()
			if gc != tt.wantGC || limit != tt.wantLimit {
				t.Errorf("during: GOGC %d, limit %d; want %d, %d", gc, limit, tt.wantGC, tt.wantLimit)
			}
			if gc, limit := debug.SetGCPercent(-1), debug.SetMemoryLimit(-1); gc != 100 || limit != math.MaxInt64 {
				t.Errorf("after: GOGC %d, limit %d; want 100 and no limit back", gc, limit)
			}
		})
	}
}
