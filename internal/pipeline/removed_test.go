package pipeline_test

import (
	"context"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/pipeline"
	"github.com/wenming-archive/wenming/internal/pipeline/pipelinetest"
	"github.com/wenming-archive/wenming/internal/runs"
	"github.com/wenming-archive/wenming/internal/sitesim"
	"github.com/wenming-archive/wenming/internal/store"
	"github.com/wenming-archive/wenming/internal/warc"
)

// TestRemovedAtSource crawls the simulation, deletes the newest article of
// every county site, crawls again: each deleted article's record is
// marked removed at the source, its content and fetch time as they were,
// the mark pointing at the WARC record of the answer that said so (which
// is that answer); removed:yes finds those articles alone; the run log
// counts them. One of them restored, a third crawl ends its mark (kept
// as past) and takes it out of removed:yes.
func TestRemovedAtSource(t *testing.T) {
	if testing.Short() {
		t.Skip("three crawls of the simulation")
	}
	crawlBeside(t)
	now := time.Now().Truncate(time.Minute)
	sim := sitesim.New(sitesim.Options{Seed: 7, Articles: 300, Now: now, Calm: true})
	data := t.TempDir()
	cfg := pipelinetest.Serve(t, sim)
	cfg.Crawl.RevisitAge = 3 * 365 * 24 * time.Hour
	ctx := context.Background()
	crawl := func() pipeline.Report {
		t.Helper()
		rep, err := pipeline.Crawl(ctx, pipelinetest.Options(cfg, data))
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	records := func(fn func(st *store.Store)) {
		t.Helper()
		st, err := store.Open(archive.ArticlesPath(data))
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		fn(st)
	}
	removedHits := func() map[string]time.Time {
		t.Helper()
		ix := openIndex(t, data)
		defer ix.Close()
		q, err := index.ParseQuery("removed:yes")
		if err != nil {
			t.Fatal(err)
		}
		q.Size = 1000
		res, err := ix.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]time.Time{}
		for _, h := range res.Hits {
			out[h.URL] = h.Removed
		}
		return out
	}
	crawl()

	sim.Advance(2 * 24 * time.Hour)
	newest := map[string]sitesim.Truth{}
	records(func(st *store.Store) {
		sim.ForEachArticle(func(tr sitesim.Truth) bool {
			if _, err := st.Get(tr.URL); err == nil && tr.Level == "county" && !tr.Disallowed && tr.Published.After(newest[tr.Host].Published) {
				newest[tr.Host] = tr
			}
			return true
		})
	})
	before := map[string]*article.Article{}
	records(func(st *store.Store) {
		for _, tr := range newest {
			a, _ := st.Get(tr.URL)
			before[tr.URL] = a
			if !sim.Delete(tr.URL) {
				t.Fatalf("cannot delete %s", tr.URL)
			}
		}
	})
	rep := crawl()
	if rep.Crawl.Removed.Recorded == 0 || int(rep.Crawl.Removed.Recorded) > len(before) {
		t.Fatalf("second crawl: %+v removed of %d deleted", rep.Crawl.Removed, len(before))
	}
	marked := map[string]bool{}
	records(func(st *store.Store) {
		err := st.ForEach(func(a *article.Article) error {
			if a.Removed == nil {
				return nil
			}
			marked[a.URL] = true
			old, ok := before[a.URL]
			if !ok {
				t.Errorf("%s marked removed: not deleted", a.URL)
				return nil
			}
			if a.Body != old.Body || !a.FetchedAt.Equal(old.FetchedAt) || a.Capture == nil || *a.Capture != *old.Capture {
				t.Errorf("%s: the mark changed the record", a.URL)
			}
			r := a.Removed
			if !r.LastPresent.Equal(old.FetchedAt) || r.Capture == nil {
				t.Errorf("%s: mark %+v; want last present %v and the answer's capture", a.URL, *r, old.FetchedAt)
				return nil
			}
			c, err := warc.ReadCapture(archive.WARCDirs{Dir: cfg.WARC.Dir}.WritePath(data), r.Capture.File, r.Capture.Offset, r.Capture.Length)
			if err != nil {
				t.Errorf("%s: the mark's capture: %v", a.URL, err)
			} else if c.Status != r.Status || c.URL != r.CaptureURL {
				t.Errorf("%s: the mark's capture is %s %d; the mark says %s %d", a.URL, c.URL, c.Status, r.CaptureURL, r.Status)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
	if len(marked) != int(rep.Crawl.Removed.Recorded) {
		t.Errorf("%d records marked, the summary says %d", len(marked), rep.Crawl.Removed.Recorded)
	}
	hits := removedHits()
	if len(hits) != len(marked) {
		t.Errorf("removed:yes finds %d articles, %d are marked", len(hits), len(marked))
	}
	var back string
	for u := range marked {
		if hits[u].IsZero() {
			t.Errorf("%s marked, not found by removed:yes", u)
		}
		back = u
	}
	logged, err := runs.Read(data)
	if err != nil || len(logged) != 2 || logged[1].RemovedAtSource != rep.Crawl.Removed.Recorded {
		t.Errorf("run log (%v): %+v; want the second run's %d removed", err, logged, rep.Crawl.Removed.Recorded)
	}

	if !sim.Restore(back) {
		t.Fatalf("cannot restore %s", back)
	}
	sim.Advance(24 * time.Hour)
	crawl()
	records(func(st *store.Store) {
		a, err := st.Get(back)
		if err != nil {
			t.Fatal(err)
		}
		if a.Removed != nil || len(a.PastRemovals) != 1 || a.PastRemovals[0].Returned.IsZero() {
			t.Errorf("%s restored and fetched again: removed %+v, past %+v", back, a.Removed, a.PastRemovals)
		}
	})
	if hits := removedHits(); len(hits) != len(marked)-1 || !hits[back].IsZero() {
		t.Errorf("after the restore removed:yes finds %d (want %d), the restored one: %v", len(hits), len(marked)-1, !hits[back].IsZero())
	}
}
