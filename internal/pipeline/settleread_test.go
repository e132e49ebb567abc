package pipeline_test

import (
	"context"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/pipeline"
	"github.com/wenming-archive/wenming/internal/pipeline/pipelinetest"
	"github.com/wenming-archive/wenming/internal/sitesim"
)

// TestIndexingReadsTheRunsRecords: the indexing after a crawl reads the
// records the run fetched, not the archive: a later run of a schedule
// refetches a week's pages of an archive that holds years, and reading
// and decoding every record, bodies and all, made each run's indexing
// grow with the archive.
func TestIndexingReadsTheRunsRecords(t *testing.T) {
	crawlBeside(t)
	sim := sitesim.New(sitesim.Options{Seed: 5, Articles: 200, Calm: true})
	data := t.TempDir()
	cfg := pipelinetest.Serve(t, sim)
	cfg.Crawl.RevisitAge = 0 // the week's new articles alone are fetched again
	var read int
	opts := pipelinetest.Options(cfg, data)
	opts.IndexProgress = func(done, _ int) { read = max(read, done) }
	if _, err := pipeline.Crawl(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	first := read
	sim.Advance(7 * 24 * time.Hour)
	// The indexing reads from a second before its pass began (the
	// pipeline's margin): the first run's records are older than that.
	time.Sleep(1100 * time.Millisecond)
	begin := time.Now()
	read = 0
	rep, err := pipeline.Crawl(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	stored := storedArticles(t, data)
	fetched := 0
	for _, a := range stored {
		if !a.FetchedAt.Before(begin) {
			fetched++
		}
	}
	t.Logf("first run read %d records; second: %d new articles, %d records fetched, %d read by the indexing, %d records in all", first, rep.Crawl.ArticlesNew, fetched, read, len(stored))
	if rep.Crawl.ArticlesNew == 0 || fetched >= len(stored) {
		t.Fatalf("the second run fetched %d of %d records (%d new): the test needs a run that fetches some", fetched, len(stored), rep.Crawl.ArticlesNew)
	}
	if read != fetched {
		t.Errorf("the second run's indexing read %d records, want the %d it fetched (of %d)", read, fetched, len(stored))
	}
	if rep.Total != len(stored) {
		t.Errorf("report: %d records in all, want %d", rep.Total, len(stored))
	}
}
