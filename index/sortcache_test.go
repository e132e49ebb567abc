package index

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"
)

// TestSortCacheAsBleve: for every live document of an index of several
// segments, some of whose documents were deleted or replaced, the sort
// key the cache gives is the one read from the doc values match by match
// (the path of a reader that is not a scorch snapshot), and the term it
// stands for is the one bleve sorts by, for each sort field and
// direction, with unknown dates and views among the documents.
func TestSortCacheAsBleve(t *testing.T) {
	base := time.Date(2021, 3, 4, 5, 6, 7, 0, time.UTC)
	doc := func(i int) Document {
		d := Document{ID: fmt.Sprintf("d%03d", i), URL: fmt.Sprintf("http://x.invalid/%d", i), Title: "文明", Body: "精神文明建设"}
		if i%5 != 0 {
			d.Published = base.Add(time.Duration(i%37) * time.Hour)
		}
		if i%3 != 0 {
			v := int64(i % 11)
			d.Views = &v
		}
		return d
	}
	var docs []Document
	for i := range 200 {
		docs = append(docs, doc(i))
	}
	ix := severalSegments(t, docs, 50)
	defer ix.Close()
	if err := ix.Delete("d007", "d120"); err != nil {
		t.Fatal(err)
	}
	replaced := doc(60)
	replaced.Published = base.Add(-time.Hour)
	if err := ix.Put(replaced); err != nil {
		t.Fatal(err)
	}

	r := severalSegmentsReader(t, ix)
	for _, field := range sortFields {
		for _, desc := range []bool{false, true} {
			for _, missing := range []search.SortFieldMissing{search.SortFieldMissingLast, search.SortFieldMissingFirst} {
				sf := &search.SortField{Field: field, Type: search.SortFieldAsNumber, Desc: desc, Missing: missing}
				top := newTopHits(search.SortOrder{sf, &search.SortScore{Desc: true}, &search.SortDocID{}}, nil, 10, 0, nil, &ix.sorts)
				if top.keyed == nil {
					t.Fatal("a numeric sort field is not keyed")
				}
				cached, err := top.indexTop(r)
				if err != nil {
					t.Fatal(err)
				}
				if cached.keys == nil {
					t.Fatal("a scorch snapshot has no cached keys")
				}
				visited, err := r.DocValueReader([]string{field})
				if err != nil {
					t.Fatal(err)
				}
				byDV := &indexTop{t: top, r: r, dv: visited}
				ids, err := r.DocIDReaderAll()
				if err != nil {
					t.Fatal(err)
				}
				seen := 0
				for {
					id, err := ids.Next()
					if err != nil {
						t.Fatal(err)
					}
					if id == nil {
						break
					}
					seen++
					d := &search.DocumentMatch{IndexInternalID: id}
					got, err := cached.key(d)
					if err != nil {
						t.Fatal(err)
					}
					want, err := byDV.key(d)
					if err != nil {
						t.Fatal(err)
					}
					bleveTerm := bleveSortValue(t, r, sf, id)
					if got != want || sortTerm(got) != bleveTerm {
						ext, _ := r.ExternalID(id)
						t.Errorf("%s desc=%v %s: cached key %x, by doc values %x; term %q, bleve's %q", field, desc, ext, got, want, sortTerm(got), bleveTerm)
					}
				}
				ids.Close()
				if seen != 198 {
					t.Errorf("%d live documents, want 198", seen)
				}
			}
		}
	}
}

// bleveSortValue is the value bleve's collector sorts id by under sf.
func bleveSortValue(t *testing.T, r bindex.IndexReader, sf *search.SortField, id bindex.IndexInternalID) string {
	t.Helper()
	dv, err := r.DocValueReader([]string{sf.Field})
	if err != nil {
		t.Fatal(err)
	}
	s := sf.Copy().(*search.SortField)
	if err := dv.VisitDocValues(id, s.UpdateVisitor); err != nil {
		t.Fatal(err)
	}
	return s.Value(nil)
}

// TestSortKeyOrder: sort keys order as the prefix-coded terms they stand
// for, and go back to them.
func TestSortKeyOrder(t *testing.T) {
	vals := []float64{-sortSentinel, -1e12, -1, 0, 0.5, 1, 1700000000000, sortSentinel, math.MaxInt32}
	for _, a := range vals {
		ta := numeric.MustNewPrefixCodedInt64(numeric.Float64ToInt64(a), 0)
		ka, ok := sortKeyOf(ta)
		if !ok || sortTerm(ka) != string(ta) {
			t.Fatalf("%v: key %x (%v) gives back %q, want %q", a, ka, ok, sortTerm(ka), ta)
		}
		if ka == sortKeyLow || ka == sortKeyHigh {
			t.Errorf("%v: key %x is a missing value's", a, ka)
		}
		for _, b := range vals {
			tb := numeric.MustNewPrefixCodedInt64(numeric.Float64ToInt64(b), 0)
			kb, _ := sortKeyOf(tb)
			if cmp.Compare(ka, kb) != strings.Compare(string(ta), string(tb)) {
				t.Errorf("%v against %v: keys order unlike terms", a, b)
			}
		}
		if !(search.LowTerm < string(ta) && string(ta) < search.HighTerm) {
			t.Errorf("%v: term outside LowTerm…HighTerm", a)
		}
	}
	if _, ok := sortKeyOf(numeric.MustNewPrefixCodedInt64(5, 4)); ok {
		t.Error("a term of reduced precision gave a key")
	}
}

// TestSortCacheDropsIdle: an entry no lookup has used for sortCacheIdle
// lookups is dropped when another is added; the ones in use stay.
func TestSortCacheDropsIdle(t *testing.T) {
	ix := openTestIndex(t)
	put := func(id string) {
		if err := ix.Put(Document{ID: id, URL: "http://x.invalid/" + id, Title: "文明", Published: time.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	put("a")
	ctx := context.Background()
	search := func() {
		if _, err := ix.Search(ctx, Query{Text: "文明", Sort: "-published"}); err != nil {
			t.Fatal(err)
		}
	}
	search()
	before := len(ix.sorts.entries)
	if before == 0 {
		t.Fatal("a sorted search cached nothing")
	}
	ix.sorts.mu.Lock()
	ix.sorts.gen += sortCacheIdle + 1 // the entries have gone unused
	ix.sorts.mu.Unlock()
	put("b") // a new segment: a new entry
	search()
	for k, e := range ix.sorts.entries {
		if e.used != ix.sorts.gen {
			t.Errorf("entry of %s kept, last used at %d of %d lookups", k.field, e.used, ix.sorts.gen)
		}
	}
}
