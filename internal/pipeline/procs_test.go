package pipeline_test

import (
	"context"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/crawl"
	"github.com/wenming-archive/wenming/internal/pipeline"
	"github.com/wenming-archive/wenming/internal/pipeline/pipelinetest"
	"github.com/wenming-archive/wenming/internal/sitesim"
)

// TestIndexingRunsOnTheCores: crawl.extra_procs gives the crawl a
// processor more than the cores (its threads wait in writes and fsyncs),
// but the indexing after it is computation alone, and a processor more
// than the cores only made its threads take turns on them: 10% more CPU
// an article (alternated crawl-bench runs). So the indexing runs with the
// runtime's processors again.
func TestIndexingRunsOnTheCores(t *testing.T) {
	t.Setenv("GOMAXPROCS", "") // tuneProcs leaves a set GOMAXPROCS alone
	base := runtime.GOMAXPROCS(0)
	sim := sitesim.New(sitesim.Options{Seed: 3, Articles: 120, Calm: true})
	cfg := pipelinetest.Serve(t, sim)
	cfg.Crawl.ExtraProcs = 1
	var mu sync.Mutex
	crawling, indexing := map[int]bool{}, map[int]bool{}
	opts := pipelinetest.Options(cfg, t.TempDir())
	opts.ProgressEvery = time.Millisecond
	opts.Progress = func(crawl.Stats) {
		mu.Lock()
		defer mu.Unlock()
		if len(indexing) == 0 {
			crawling[runtime.GOMAXPROCS(0)] = true
		}
	}
	opts.IndexProgress = func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		indexing[runtime.GOMAXPROCS(0)] = true
	}
	if _, err := pipeline.Crawl(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if !crawling[base+1] {
		t.Errorf("crawling with %v processors, want %d (the cores and crawl.extra_procs)", crawling, base+1)
	}
	if len(indexing) != 1 || !indexing[base] {
		t.Errorf("indexing with %v processors, want %d (the runtime's)", indexing, base)
	}
	if got := runtime.GOMAXPROCS(0); got != base {
		t.Errorf("after the run %d processors, want %d", got, base)
	}
}
