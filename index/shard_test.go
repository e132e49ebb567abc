package index_test

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/index"
)

// pageAll runs q page by page with the cursor and returns every hit.
func pageAll(t *testing.T, ix *index.Index, q index.Query) (hits []index.Hit, first *index.Results) {
	t.Helper()
	for page := 0; ; page++ {
		res, err := ix.Search(context.Background(), q)
		if err != nil {
			t.Fatalf("%+v: %v", q, err)
		}
		if first == nil {
			first = res
		}
		hits = append(hits, res.Hits...)
		if res.Next == nil || page > 1000 {
			return hits, first
		}
		q.After, q.Facets = res.Next, 0
	}
}

func hitIDs(hits []index.Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.ID
	}
	return out
}

// TestShardedSameResults: an index split by year answers the query suite
// as one index does: the same hits, totals and facets, every page of a
// cursor, the same order under every sort but relevance (scored within
// each shard), and the same order there for queries without text.
func TestShardedSameResults(t *testing.T) {
	ndocs, nq := 1000, 40
	if testing.Short() {
		ndocs, nq = 500, 25
	}
	docs := genCorpus(7, ndocs)
	one := openTemp(t)
	path := filepath.Join(t.TempDir(), "sharded")
	sh, err := index.OpenSharded(path, index.ShardByYear)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { sh.Close() }()
	for _, ix := range []*index.Index{one, sh} {
		if err := ix.Put(docs...); err != nil {
			t.Fatal(err)
		}
	}
	if sh.Sharded() != index.ShardByYear || one.Sharded() != "" {
		t.Fatalf("Sharded() = %q and %q", sh.Sharded(), one.Sharded())
	}
	if n, _ := sh.Count(); n != uint64(ndocs) {
		t.Fatalf("sharded index counts %d of %d", n, ndocs)
	}
	if names, _ := filepath.Glob(filepath.Join(path, "y20*")); len(names) != 6 {
		t.Errorf("shards of years: %v, want 2019–2024", names)
	}

	texts := []string{"", "site:河北文明网", "year:2021", "since:2020-06 until:2023", "level:county", "site:邢台 -志愿", "文明 OR 服务"}
	for _, q := range genQueries(rand.New(rand.NewPCG(3, 4)), docs, nq) {
		texts = append(texts, q.text)
	}
	compared := 0
	for _, text := range texts {
		for _, sort := range index.Sorts {
			q, err := index.ParseQuery(text)
			if err != nil {
				t.Fatal(err)
			}
			q.Sort, q.Size, q.Facets = sort, 37, 3 // fewer than the values of most facets
			a, fa := pageAll(t, one, q)
			b, fb := pageAll(t, sh, q)
			compared++
			if fa.Total != fb.Total || len(a) != len(b) || len(a) != int(fa.Total) {
				t.Errorf("%q %s: totals %d and %d, hits %d and %d", text, sort, fa.Total, fb.Total, len(a), len(b))
				continue
			}
			if !reflect.DeepEqual(fa.Facets, fb.Facets) {
				t.Errorf("%q %s: facets differ:\n%v\n%v", text, sort, fa.Facets, fb.Facets)
			}
			if !reflect.DeepEqual(fa.Notes, fb.Notes) {
				t.Errorf("%q %s: notes %v and %v", text, sort, fa.Notes, fb.Notes)
			}
			sa, sb := slices.Sorted(slices.Values(hitIDs(a))), slices.Sorted(slices.Values(hitIDs(b)))
			if !slices.Equal(sa, sb) {
				t.Errorf("%q %s: other hits", text, sort)
				continue
			}
			hasText := len(q.Clauses) > 0
			switch {
			case !hasText:
				if !slices.Equal(hitIDs(a), hitIDs(b)) {
					t.Errorf("%q %s: another order", text, sort)
				}
			case sort != "relevance":
				// Ties of the sort go by relevance, scored per shard.
				key := func(h index.Hit) any {
					if sort == "views" || sort == "-views" {
						if h.Views == nil {
							return nil
						}
						return *h.Views
					}
					return h.Published.UnixMilli()
				}
				for i := range a {
					if key(a[i]) != key(b[i]) {
						t.Errorf("%q %s: hit %d sorts as %v, one index's as %v", text, sort, i, key(b[i]), key(a[i]))
						break
					}
				}
			}
		}
	}
	t.Logf("%d queries compared page by page on %d documents", compared, ndocs)

	// Deep pages by offset.
	for _, from := range []int{0, 180, ndocs - 20} {
		q := index.Query{Sort: "-views", Size: 20, From: from}
		ra, _ := one.Search(context.Background(), q)
		rb, _ := sh.Search(context.Background(), q)
		if !slices.Equal(hitIDs(ra.Hits), hitIDs(rb.Hits)) {
			t.Errorf("page at %d differs", from)
		}
	}
	stA, _ := one.Stats(context.Background())
	stB, _ := sh.Stats(context.Background())
	if !reflect.DeepEqual(stA, stB) {
		t.Errorf("stats differ:\n%+v\n%+v", stA, stB)
	}
}

// TestShardedWrites: a document whose year changes moves to its new
// shard (found once), deletions reach every shard, a mark is kept, and
// the index reopens, read-only too, and checks out.
func TestShardedWrites(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sharded")
	sh, err := index.OpenSharded(path, index.ShardByYear)
	if err != nil {
		t.Fatal(err)
	}
	docs := genCorpus(9, 200)
	if err := sh.Put(docs...); err != nil {
		t.Fatal(err)
	}
	moved := docs[0]
	moved.Published = time.Date(2031, 5, 1, 0, 0, 0, 0, cst)
	undated := docs[1]
	undated.Published = time.Time{}
	w := sh.NewWriter()
	for _, d := range []index.Document{moved, undated} {
		if err := w.Add(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Delete(docs[2].ID); err != nil {
		t.Fatal(err)
	}
	if err := w.SetMark("changes", []byte("x 3")); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	check := func(ix *index.Index) {
		t.Helper()
		if n, _ := ix.Count(); n != 199 {
			t.Errorf("count %d, want 199", n)
		}
		got, err := ix.Get(ctx, moved.ID, undated.ID, docs[2].ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[moved.ID].Published.Year() != 2031 || !got[undated.ID].Published.IsZero() {
			t.Errorf("moved and undated documents: %+v", got)
		}
		res, err := ix.Search(ctx, index.Query{Year: 2031, Size: 10})
		if err != nil || res.Total != 1 {
			t.Errorf("year:2031 finds %v (%v)", res, err)
		}
		if m, err := ix.Mark("changes"); err != nil || string(m) != "x 3" {
			t.Errorf("mark %q, %v", m, err)
		}
		if err := ix.Probe(ctx); err != nil {
			t.Error(err)
		}
		if err := ix.VerifySegments(); err != nil {
			t.Error(err)
		}
	}
	check(sh)
	if err := sh.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(path, "y2031")); err != nil {
		t.Errorf("no shard for 2031: %v", err)
	}
	for _, open := range []func(string) (*index.Index, error){index.Open, index.OpenReadOnly} {
		ix, err := open(path)
		if err != nil {
			t.Fatal(err)
		}
		if ix.Sharded() != index.ShardByYear {
			t.Error("reopened index is not sharded")
		}
		check(ix)
		ix.Close()
	}
	// An unsharded index is not opened as a sharded one.
	plain := filepath.Join(t.TempDir(), "plain")
	ix, err := index.Open(plain)
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if _, err := index.OpenSharded(plain, index.ShardByYear); err == nil {
		t.Error("OpenSharded opened an unsharded index")
	}
}
