package index

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	zapx "github.com/blevesearch/zapx/v17"
)

// openTestIndex opens a new index in a temporary directory of t, closed
// when the test ends.
func openTestIndex(t testing.TB) *Index {
	t.Helper()
	ix, err := Open(filepath.Join(t.TempDir(), "ix"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// deleteEvery deletes every k-th of docs (the first, the k+1st, …) from
// ix, so that its segments hold deleted documents.
func deleteEvery(t *testing.T, ix *Index, docs []Document, k int) {
	t.Helper()
	for i := 0; i < len(docs); i += k {
		if err := ix.Delete(docs[i].ID); err != nil {
			t.Fatal(err)
		}
	}
}

// bleveScores runs q through bleve itself, every match on one page, with
// the score mode score ("" or "none"), and returns each hit's score by
// ID; t fails unless the page holds all the matches bleve counted.
func bleveScores(t *testing.T, ix *Index, q query.Query, score string) map[string]float64 {
	t.Helper()
	req := bleve.NewSearchRequestOptions(q, 100000, 0, false)
	req.SortByCustom(search.SortOrder{&search.SortScore{Desc: true}, &search.SortDocID{}})
	req.Score = score
	res, err := ix.b.SearchInContext(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[string]float64, len(res.Hits))
	for _, h := range res.Hits {
		out[h.ID] = h.Score
	}
	if uint64(len(out)) != res.Total {
		t.Fatalf("%d hits of %d", len(out), res.Total)
	}
	return out
}

// eachMatch calls fn with every match s finds, in order.
func eachMatch(t *testing.T, s search.Searcher, sctx *search.SearchContext, fn func(dm *search.DocumentMatch)) {
	t.Helper()
	for {
		dm, err := s.Next(sctx)
		if err != nil {
			t.Fatal(err)
		}
		if dm == nil {
			return
		}
		fn(dm)
	}
}

// diffAt is the first position at which a and b differ (the length of
// the shorter where one begins the other).
func diffAt(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// DiffAt is diffAt for the tests of package index_test.
var DiffAt = diffAt

// forEachSegmentMap calls fn with the data (the file's map) of each zap
// segment of ix's current snapshot, passing over segments of other kinds;
// the snapshot is held until it returns.
func forEachSegmentMap(t *testing.T, ix *Index, fn func(m []byte)) {
	t.Helper()
	adv, err := ix.b.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.(*scorch.Scorch).Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, ss := range r.(*scorch.IndexSnapshot).Segments() {
		if seg, ok := ss.Segment().(*zapx.Segment); ok {
			fn(seg.Data())
		}
	}
}

// severalSegmentsReader is a reader of ix's current snapshot, closed when
// t ends; t fails unless the snapshot has several segments (three at
// least), which the tests that use it are about.
func severalSegmentsReader(t *testing.T, ix *Index) *scorch.IndexSnapshot {
	t.Helper()
	adv, err := ix.b.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		t.Fatalf("reader is a %T, want a scorch snapshot", r)
	}
	if n := len(snap.Segments()); n < 3 {
		t.Fatalf("%d segments, want several", n)
	}
	return snap
}

// severalSegments returns an index of docs put n at a time, opened with
// scorch told to persist its segments in memory one by one (not merged
// into one) and not to merge those of files: several segments.
func severalSegments(t *testing.T, docs []Document, n int) *Index {
	t.Helper()
	path := filepath.Join(t.TempDir(), "index")
	ix, err := Open(path) // creates it
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := bleve.OpenUsing(path, map[string]interface{}{
		"scorchPersisterOptions": map[string]interface{}{"NumPersisterWorkers": 1, "MaxSizeInMemoryMergePerWorker": 1},
		"scorchMergePlanOptions": map[string]interface{}{"MaxSegmentsPerTier": 1000, "SegmentsPerMergeTask": 1000},
	})
	if err != nil {
		t.Fatal(err)
	}
	ix = newIndex(path, b)
	for i := 0; i < len(docs); i += n {
		if err := ix.Put(docs[i:min(i+n, len(docs))]...); err != nil {
			t.Fatal(err)
		}
	}
	return ix
}
