package pipeline

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/config"
)

// tuneGC sets what the config asks for, leaves the runtime's own where it
// says 0 or the environment decides; indexing turns GOGC off under
// index.memory_limit when that is set (else sets GOGC back and keeps the
// crawl's limit); restore sets everything back.
func TestTuneGC(t *testing.T) {
	const mb = 1 << 20
	tests := []struct {
		name                string
		cr                  config.Crawl
		ix                  config.Index
		env                 map[string]string
		wantGC, wantIndexGC int
		wantLimit           int64
		wantIndexLimit      int64
	}{
		{name: "crawl only", cr: config.Crawl{GCPercent: 250, MemoryLimit: 300 * mb},
			wantGC: 250, wantLimit: 300 * mb, wantIndexGC: 100, wantIndexLimit: 300 * mb},
		{name: "indexing's own limit", cr: config.Crawl{GCPercent: 250, MemoryLimit: 300 * mb}, ix: config.Index{MemoryLimit: 512 * mb},
			wantGC: 250, wantLimit: 300 * mb, wantIndexGC: -1, wantIndexLimit: 512 * mb},
		{name: "indexing's limit without the crawl's", cr: config.Crawl{GCPercent: 250}, ix: config.Index{MemoryLimit: 512 * mb},
			wantGC: 250, wantLimit: math.MaxInt64, wantIndexGC: -1, wantIndexLimit: 512 * mb},
		{name: "zero leaves the runtime's", wantGC: 100, wantLimit: math.MaxInt64, wantIndexGC: 100, wantIndexLimit: math.MaxInt64},
		{name: "environment wins", cr: config.Crawl{GCPercent: 250, MemoryLimit: 300 * mb}, ix: config.Index{MemoryLimit: 512 * mb},
			env:    map[string]string{"GOGC": "100", "GOMEMLIMIT": "off"},
			wantGC: 100, wantLimit: math.MaxInt64, wantIndexGC: 100, wantIndexLimit: math.MaxInt64},
		{name: "GOGC set keeps GOGC", cr: config.Crawl{GCPercent: 250, MemoryLimit: 300 * mb}, ix: config.Index{MemoryLimit: 512 * mb},
			env:    map[string]string{"GOGC": "100"},
			wantGC: 100, wantLimit: 300 * mb, wantIndexGC: 100, wantIndexLimit: 512 * mb},
	}
	settings := func() (int, int64) {
		gc := debug.SetGCPercent(-1)
		debug.SetGCPercent(gc)
		return gc, debug.SetMemoryLimit(-1)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cleanGC(t, tt.env)

			g := tuneGC(tt.cr, tt.ix)
			gc, limit := settings()
			g.indexing()
			gcIndex, limitIndex := settings()
			g.restore()
			if gc != tt.wantGC || limit != tt.wantLimit {
				t.Errorf("crawling: GOGC %d, limit %d; want %d, %d", gc, limit, tt.wantGC, tt.wantLimit)
			}
			if gcIndex != tt.wantIndexGC || limitIndex != tt.wantIndexLimit {
				t.Errorf("indexing: GOGC %d, limit %d; want %d, %d", gcIndex, limitIndex, tt.wantIndexGC, tt.wantIndexLimit)
			}
			if gc, limit := settings(); gc != 100 || limit != math.MaxInt64 {
				t.Errorf("after: GOGC %d, limit %d; want 100 and no limit back", gc, limit)
			}
		})
	}
}

// limitFor keeps the configured limit while the live heap fits well under
// it, and leaves the collector room once it does not.
func TestLimitFor(t *testing.T) {
	const mb = 1 << 20
	tests := []struct{ limit, live, want int64 }{
		{limit: 256 * mb, live: 0, want: 256 * mb},
		{limit: 256 * mb, live: 100 * mb, want: 256 * mb},
		{limit: 256 * mb, live: 160 * mb, want: 256 * mb},
		{limit: 256 * mb, live: 200 * mb, want: 300*mb + limitSlack},
		{limit: 64 * mb, live: 1024 * mb, want: 1536*mb + limitSlack},
	}
	for _, tt := range tests {
		if got := limitFor(tt.limit, tt.live); got != tt.want {
			t.Errorf("limitFor(%d MB, live %d MB) = %d; want %d", tt.limit/mb, tt.live/mb, got, tt.want)
		}
	}
}

// percentFor keeps the crawl's GOGC while the headroom it gives fits
// under three eighths of the limit, caps the headroom beyond, and never
// goes under the runtime's default.
func TestPercentFor(t *testing.T) {
	const mb = 1 << 20
	tests := []struct {
		percent     int
		limit, live int64
		want        int
	}{
		{percent: 200, limit: 128 * mb, live: 0, want: 200},
		{percent: 200, limit: 128 * mb, live: 20 * mb, want: 200},
		{percent: 200, limit: 128 * mb, live: 24 * mb, want: 200},
		{percent: 200, limit: 128 * mb, live: 32 * mb, want: 150},
		{percent: 200, limit: 128 * mb, live: 40 * mb, want: 120},
		{percent: 200, limit: 128 * mb, live: 60 * mb, want: minCrawlPercent},
		{percent: 50, limit: 128 * mb, live: 60 * mb, want: 50},
		{percent: 400, limit: 1024 * mb, live: 100 * mb, want: 384},
	}
	for _, tt := range tests {
		if got := percentFor(tt.percent, tt.limit, tt.live); got != tt.want {
			t.Errorf("percentFor(%d, %d MB, live %d MB) = %d; want %d", tt.percent, tt.limit/mb, tt.live/mb, got, tt.want)
		}
	}
}

// During the crawl the live heap's growth brings GOGC down (percentFor);
// once the crawl has ended, GOGC is what it was before and stays so.
func TestCrawlHeadroomFollowed(t *testing.T) {
	cleanGC(t, nil)
	percent := func() int {
		p := debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
		return p
	}

	const limit = 16 << 20 // a headroom of 6 MB
	live := make([][]byte, 0, 24)
	for range cap(live) {
		live = append(live, make([]byte, 1<<20))
	}
	runtime.GC()
	g := tuneGC(config.Crawl{GCPercent: 300, MemoryLimit: limit}, config.Index{})
	defer g.restore()
	deadline := time.Now().Add(10 * time.Second)
	for percent() == 300 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if p := percent(); p != minCrawlPercent {
		t.Errorf("crawling with a live heap of 24 MB and a limit of 16 MB: GOGC %d, want %d", p, minCrawlPercent)
	}
	g.indexing()
	time.Sleep(1500 * time.Millisecond) // a look or two of followLiveHeap
	if p := percent(); p != 100 {
		t.Errorf("after the crawl: GOGC %d, want 100 back", p)
	}
	runtime.KeepAlive(live)
}

// During the indexing GOGC stays off, and a live heap that outgrows
// index.memory_limit gets room to grow over it (limitFor) instead of a
// collector that never stops.
func TestIndexingLimitFollowed(t *testing.T) {
	cleanGC(t, nil)

	const limit = 16 << 20
	live := make([][]byte, 0, 24)
	for range cap(live) {
		live = append(live, make([]byte, 1<<20))
	}
	runtime.GC()
	g := tuneGC(config.Crawl{GCPercent: 300, MemoryLimit: 128 << 20}, config.Index{MemoryLimit: limit})
	defer g.restore()
	g.indexing()
	time.Sleep(1500 * time.Millisecond) // a look or two of followLiveHeap
	p := debug.SetGCPercent(-1)
	debug.SetGCPercent(p)
	if p != -1 {
		t.Errorf("indexing: GOGC %d, want off (-1)", p)
	}
	if got := debug.SetMemoryLimit(-1); got <= 24<<20+12<<20 {
		t.Errorf("indexing with a live heap of 24 MB and a limit of 16 MB: limit %d MB, want room over the live heap (limitFor)", got>>20)
	}
	runtime.KeepAlive(live)
}

// IndexingGC gives wenming reindex the collector of a run's indexing, and
// sets it back.
func TestIndexingGC(t *testing.T) {
	cleanGC(t, nil)

	restore := IndexingGC(config.Index{MemoryLimit: 512 << 20})
	gc := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(-1)
	if gc != -1 || limit != 512<<20 {
		t.Errorf("indexing: GOGC %d, limit %d; want off (-1), %d", gc, limit, 512<<20)
	}
	restore()
	gc = debug.SetGCPercent(100)
	if limit := debug.SetMemoryLimit(-1); gc != 100 || limit != math.MaxInt64 {
		t.Errorf("after: GOGC %d, limit %d; want 100 and no limit back", gc, limit)
	}
}

// cleanGC starts a test with the runtime's own collector settings (GOGC
// 100, no limit) and the environment variables GOGC and GOMEMLIMIT unset
// but for those env sets, and puts back what was there when it ends.
func cleanGC(t *testing.T, env map[string]string) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	for k, v := range env {
		t.Setenv(k, v)
	}
	gc0, limit0 := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() {
		debug.SetGCPercent(gc0)
		debug.SetMemoryLimit(limit0)
	})
}

// tuneProcs adds crawl.extra_procs to the processors a run has, unless it
// is 0 or GOMAXPROCS is set, and sets them back after.
func TestTuneProcs(t *testing.T) {
	base := runtime.GOMAXPROCS(0)
	for _, tt := range []struct {
		name  string
		extra int
		env   string
		want  int
	}{
		{"one more", 1, "", base + 1},
		{"two more", 2, "", base + 2},
		{"zero leaves the runtime's", 0, "", base},
		{"GOMAXPROCS wins", 1, "3", base},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("GOMAXPROCS", tt.env)
			restore := tuneProcs(config.Crawl{ExtraProcs: tt.extra})
			got := runtime.GOMAXPROCS(0)
			restore()
			if got != tt.want {
				t.Errorf("during the run %d processors, want %d", got, tt.want)
			}
			if after := runtime.GOMAXPROCS(0); after != base {
				t.Errorf("after the run %d processors, want %d back", after, base)
			}
		})
	}
}
