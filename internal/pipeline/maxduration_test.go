package pipeline_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/pipeline"
	"github.com/wenming-archive/wenming/internal/pipeline/pipelinetest"
	"github.com/wenming-archive/wenming/internal/runs"
	"github.com/wenming-archive/wenming/internal/sitesim"
)

// TestMaxDuration: a run that reaches crawl.max_duration ends cleanly as
// interrupted, with what it archived indexed, and the next run resumes
// the pass and finishes it.
func TestMaxDuration(t *testing.T) {
	sim := sitesim.New(sitesim.Options{Seed: 3, Articles: 120})
	data := t.TempDir()
	cfg := pipelinetest.Serve(t, sim)
	cfg.Crawl.Delay = 20 * time.Millisecond
	cfg.Crawl.MaxDuration = 700 * time.Millisecond

	rep, err := pipeline.Crawl(context.Background(), pipelinetest.Options(cfg, data))
	if !errors.Is(err, pipeline.ErrMaxDuration) {
		t.Fatalf("first run: err = %v, want ErrMaxDuration", err)
	}
	if rep.Crawl.Pending == 0 {
		t.Fatal("first run left nothing pending: max_duration too long for the test")
	}
	// However little it archived (a slow machine may archive nothing in
	// 700 ms), what it archived is indexed.
	if rep.Indexed != rep.Total {
		t.Errorf("first run: %d archived, %d indexed; what was archived must be indexed", rep.Total, rep.Indexed)
	}
	log, err := runs.Read(data)
	if err != nil || len(log) != 1 || log[0].Status != "interrupted" {
		t.Fatalf("run log after the first run: %+v, %v; want one interrupted run", log, err)
	}

	cfg.Crawl.MaxDuration = 0
	rep2, err := pipeline.Crawl(context.Background(), pipelinetest.Options(cfg, data))
	if err != nil {
		t.Fatalf("second run: %v", err)
	}
	if !rep2.Resumed || rep2.Crawl.Pending != 0 {
		t.Errorf("second run: resumed %v, pending %d; want the pass resumed and finished", rep2.Resumed, rep2.Crawl.Pending)
	}
	if rep2.Total < sim.Count()*9/10 {
		t.Errorf("after both runs %d of %d articles archived", rep2.Total, sim.Count())
	}
}
