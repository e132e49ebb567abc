package pipeline_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/pipeline"
	"github.com/wenming-archive/wenming/internal/pipeline/pipelinetest"
	"github.com/wenming-archive/wenming/internal/sitesim"
	"github.com/wenming-archive/wenming/internal/store"
)

// TestIncrementalRecrawl crawls, advances the simulation a week (new
// articles, higher view counts, one edited article), crawls again and
// checks that the second crawl is incremental: new articles archived, a
// small fraction of the requests, a second view-count point for young
// articles, and the edited article kept in two versions.
func TestIncrementalRecrawl(t *testing.T) {
	if testing.Short() {
		t.Skip("two crawls of a 1,500-article simulation")
	}
	crawlBeside(t)
	var requests atomic.Int64
	// The simulated today is the real today, so that "young" means the same
	// to the simulation and to the crawler.
	now := time.Now().Truncate(time.Minute)
	sim := sitesim.New(sitesim.Options{Seed: 21, Articles: 1500, Now: now, Log: func(sitesim.Request) { requests.Add(1) }})
	data := t.TempDir()
	cfg := pipelinetest.Serve(t, sim)
	cfg.Crawl.RevisitAge = 180 * 24 * time.Hour
	ctx := context.Background()

	rep1, err := pipeline.Crawl(ctx, pipelinetest.Options(cfg, data))
	if err != nil {
		t.Fatal(err)
	}
	first := requests.Swap(0)
	since := sim.Now()

	// One article to edit: the newest TRS article (static, with validators).
	var edited string
	var newest time.Time
	sim.ForEachArticle(func(tr sitesim.Truth) bool {
		if !tr.Disallowed && tr.ViewsBefore == nil && tr.Published.After(newest) && len(tr.Pages) <= 1 {
			edited, newest = tr.URL, tr.Published
		}
		return true
	})
	before := sim.Count()
	sim.Advance(7 * 24 * time.Hour)
	if !sim.Edit(edited) {
		t.Fatalf("cannot edit %s", edited)
	}
	added := sim.Count() - before
	if added == 0 {
		t.Fatal("advancing the simulation added no articles")
	}

	rep2, err := pipeline.Crawl(ctx, pipelinetest.Options(cfg, data))
	if err != nil {
		t.Fatal(err)
	}
	second := requests.Load()
	t.Logf("first crawl: %d requests, %d articles; after a week (+%d articles): %d requests, %d new, %d updated, %d unchanged, %d not modified",
		first, rep1.Crawl.ArticlesNew, added, second, rep2.Crawl.ArticlesNew, rep2.Crawl.ArticlesUpdated, rep2.Crawl.ArticlesUnchanged, rep2.Crawl.NotModified)

	// The removal sweep's requests (crawl.removal_sweep a site, each
	// asked once) are its own budget's, counted apart.
	swept := rep2.Crawl.Removed.Sweep.Queued
	if (second-swept)*4 > first {
		t.Errorf("the second crawl made %d requests besides the %d of its removal sweep, more than a quarter of the first's %d", second-swept, swept, first)
	}

	st, err := store.Open(archive.ArticlesPath(data))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	newFound, newReachable, twoPoints := 0, 0, 0
	sim.ForEachArticle(func(tr sitesim.Truth) bool {
		if tr.Disallowed {
			return true
		}
		if tr.Published.After(since.Add(-time.Minute)) {
			newReachable++
		}
		a, err := st.Get(tr.URL)
		if err != nil {
			if tr.Published.After(since.Add(-time.Minute)) {
				t.Errorf("new article not archived: %s (%s)", tr.URL, tr.SiteName)
			} else {
				t.Errorf("article lost: %s", tr.URL)
			}
			return true
		}
		if tr.Published.After(since.Add(-time.Minute)) {
			newFound++
		}
		if len(a.ViewHistory) >= 2 {
			twoPoints++
			lo, hi, ok := sim.ViewBounds(tr.URL, time.Time{})
			last := a.ViewHistory[len(a.ViewHistory)-1].Views
			if ok && (last < lo || last > hi) {
				t.Errorf("%s: latest views %d outside [%d, %d]", tr.URL, last, lo, hi)
			}
			if a.ViewHistory[1].Views < a.ViewHistory[0].Views {
				t.Errorf("%s: view count went down: %+v", tr.URL, a.ViewHistory)
			}
		}
		return true
	})
	if newFound != newReachable || newFound == 0 {
		t.Errorf("%d of %d new articles archived", newFound, newReachable)
	}
	if twoPoints == 0 {
		t.Error("no young article has two view-count observations")
	}
	versions, err := st.Versions(edited)
	if err != nil {
		t.Fatal(err)
	}
	cur, err := st.Get(edited)
	if err != nil {
		t.Fatal(err)
	}
	tr, _ := sim.Truth(edited)
	if len(versions) != 1 || cur.Body != tr.Body || versions[0].Body == cur.Body {
		t.Errorf("edited article %s: %d earlier versions; current body matches truth: %v", edited, len(versions), cur.Body == tr.Body)
	}
	if rep2.Crawl.NotModified == 0 {
		t.Error("no conditional GET was answered 304 Not Modified")
	}
	t.Logf("%d new articles archived, %d articles with two view points", newFound, twoPoints)
}
