package index

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// TestTopHitsAsBleve: Search, which collects its hits with topHits
// (IDs read only to break ties), lists the matches in the order bleve's
// own collector gives them under the whole sort, ID last, with the same
// total, whether read in one page, from an offset or page by page by
// cursor, for one index and a sharded one. The templated articles of the
// simulation tie often, on score and on date.
func TestTopHitsAsBleve(t *testing.T) {
	docs := simDocs(5, 500)
	for i := range docs {
		views := int64(len(docs[i].Title) % 7) // few values: many ties
		docs[i].Views = &views
	}
	one, err := Open(filepath.Join(t.TempDir(), "one"))
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	sharded, err := OpenSharded(filepath.Join(t.TempDir(), "sharded"), ShardByYear)
	if err != nil {
		t.Fatal(err)
	}
	defer sharded.Close()
	for _, ix := range []*Index{one, sharded} {
		if err := ix.Put(docs...); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	// bleve's order: its collector under the whole sort.
	reference := func(ix *Index, q Query) []string {
		p := plan(q, ix.queryAnalyzer)
		order, err := sortOrder(q.Sort, p.hasText)
		if err != nil {
			t.Fatal(err)
		}
		req := bleve.NewSearchRequestOptions(p.query, len(docs)+1, 0, false)
		req.SortByCustom(order)
		if !p.hasText {
			req.Score = "none"
		}
		sr, err := ix.b.SearchInContext(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range sr.Hits {
			out = append(out, h.ID)
		}
		return out
	}
	for _, text := range []string{"", "文明", "精神文明", "志愿服务 活动", "文明 -志愿"} {
		for _, sort := range []string{"relevance", "-published", "published", "views", "-views"} {
			q, err := ParseQuery(text)
			if err != nil {
				t.Fatal(err)
			}
			q.Sort = sort
			for name, ix := range map[string]*Index{"one": one, "sharded": sharded} {
				want := reference(ix, q)
				if len(want) == 0 {
					t.Fatalf("%q: no match", text)
				}
				q.Size = len(docs)
				res, err := ix.Search(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				if got := hitIDs(res); res.Total != uint64(len(want)) || !slices.Equal(got, want) {
					t.Errorf("%s %q %s: %d of %d hits differ from bleve's order at %d", name, text, sort, len(got), res.Total, diffAt(got, want))
					continue
				}
				order := hitIDs(res) // this index's whole listing
				q.Size, q.From = 7, 12
				res, err = ix.Search(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				if got := hitIDs(res); !slices.Equal(got, order[min(12, len(order)):min(19, len(order))]) {
					t.Errorf("%s %q %s: from 12 gives %v, want %v", name, text, sort, got, order[min(12, len(order)):min(19, len(order))])
				}
				q.From = 0
				var walked []string
				for pages := 0; pages <= len(docs); pages++ {
					res, err := ix.Search(ctx, q)
					if err != nil {
						t.Fatal(err)
					}
					if res.Total != uint64(len(order)) {
						t.Fatalf("%s %q %s: total %d on page %d, want %d", name, text, sort, res.Total, pages, len(order))
					}
					walked = append(walked, hitIDs(res)...)
					if res.Next == nil {
						break
					}
					q.After = res.Next
				}
				q.After = nil
				if !slices.Equal(walked, order) {
					t.Errorf("%s %q %s: walked by cursor, %d hits differ at %d", name, text, sort, len(walked), diffAt(walked, order))
				}
			}
		}
	}
}

func hitIDs(res *Results) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	return out
}

func diffAt(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
