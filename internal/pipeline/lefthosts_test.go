package pipeline_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/pgstore/pgtest"
	"github.com/wenming-archive/wenming/internal/pipeline"
	"github.com/wenming-archive/wenming/internal/pipeline/pipelinetest"
	"github.com/wenming-archive/wenming/internal/sitesim"
)

// TestMain starts a PostgreSQL cluster when a test first asks for one.
func TestMain(m *testing.M) { pgtest.Main(m) }

// TestDeadHostDoesNotHoldThePass crawls a simulation with a county its
// city lists whose host takes every request and never answers
// (sitesim.ExtraDeadSite), three times a week apart, as a schedule
// would, with the archive's own crawl state and with a frontier shared in
// PostgreSQL. The first run leaves the host with its homepage queued. Each
// later run must begin a new pass, archiving the week's new articles, and
// ask the dead host again: resuming the first pass, as a run does after
// an interruption, fetched nothing else, failed with "no page could be
// fetched", and left the pass unfinished for the next run to do the same,
// so that the archive stopped growing for as long as the host stayed down.
func TestDeadHostDoesNotHoldThePass(t *testing.T) {
	if testing.Short() {
		t.Skip("three crawls of a 300-article simulation, each waiting out a dead host")
	}
	crawlBeside(t)
	t.Run("archive", func(t *testing.T) { crawlBeside(t); deadHostRuns(t, "") })
	t.Run("store", func(t *testing.T) { crawlBeside(t); deadHostRuns(t, pgtest.DSN(t)) })
}

func deadHostRuns(t *testing.T, store string) {
	now := time.Now().Truncate(time.Minute)
	var dead atomic.Int64
	sim := sitesim.New(sitesim.Options{Seed: 7, Articles: 300, Now: now, Calm: true, Extras: []string{sitesim.ExtraDeadSite},
		Log: func(r sitesim.Request) {
			if r.Host == "www.wxwmw.gov.cn" {
				dead.Add(1)
			}
		}})
	data := t.TempDir()
	cfg := pipelinetest.Serve(t, sim)
	cfg.Crawl.Timeout = time.Second
	cfg.Store = store
	for run := range 3 {
		dead.Store(0)
		rep, err := pipeline.Crawl(context.Background(), pipelinetest.Options(cfg, data))
		t.Logf("run %d: resumed %v, %d pages, %d new articles, %d pending (left hosts only: %v), %d requests to the dead host, err %v",
			run, rep.Resumed, rep.Crawl.Pages, rep.Crawl.ArticlesNew, rep.Crawl.Pending, rep.PendingLeftHosts, dead.Load(), err)
		if err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
		if rep.Resumed {
			t.Errorf("run %d resumed the pass that only the dead host held open", run)
		}
		// The workers sharing a store leave a host for ten minutes
		// (crawl's maxRetryAfter), so that none asks it again sooner; the
		// archive's own crawl asks it in every run.
		if _, ok := rep.Crawl.SkippedHosts["www.wxwmw.gov.cn"]; (store == "" || run == 0) && (!ok || dead.Load() == 0) {
			t.Errorf("run %d: the dead host was not asked again and left (%d requests; left %v)", run, dead.Load(), rep.Crawl.SkippedHosts)
		}
		if rep.Crawl.Pending == 0 || !rep.PendingLeftHosts {
			t.Errorf("run %d: %d pending, left hosts only %v: want the dead host's homepage, carried to the next pass", run, rep.Crawl.Pending, rep.PendingLeftHosts)
		}
		if run > 0 && rep.Crawl.ArticlesNew == 0 {
			t.Errorf("run %d archived none of the week's new articles", run)
		}
		sim.Advance(7 * 24 * time.Hour)
	}
}
