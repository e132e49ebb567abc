package index

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	segment "github.com/blevesearch/scorch_segment_api/v2"
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
	one := openTestIndex(t)
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

// TestLoadFieldsAsBleve: the stored fields a page's hits get from their
// segments are those bleve's loader gives them (which finds each
// document by its ID first), for every document of an index of several
// segments with deleted documents, with and without views, a cut body
// and a publish time.
func TestLoadFieldsAsBleve(t *testing.T) {
	var docs []Document
	for i := range 90 {
		d := Document{ID: fmt.Sprintf("d%03d", i), URL: fmt.Sprintf("http://x.invalid/%d", i), Title: fmt.Sprintf("标题%d", i),
			Body: "文明创建", Site: "x.invalid", SiteName: "某文明网", Level: "county", Column: "要闻"}
		if i%3 == 0 {
			v := int64(i * 1000)
			d.Views = &v
		}
		if i%4 == 0 {
			d.Published = time.Date(2023, 3, 1, 8, i, 0, 0, ChinaTime)
		}
		if i == 5 {
			d.Body = strings.Repeat("文", MaxBodyChars+10)
		}
		docs = append(docs, d)
	}
	ix := severalSegments(t, docs, 20)
	defer ix.Close()
	deleteEvery(t, ix, docs, 7)
	r := severalSegmentsReader(t, ix)
	s, err := bleve.NewMatchAllQuery().Searcher(context.Background(), r, ix.b.Mapping(), search.SearcherOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0)}
	fields := &bleve.SearchRequest{Fields: storedFields}
	c := &indexTop{t: &topHits{fields: fields}, r: r}
	n, views, cut := 0, 0, 0
	eachMatch(t, s, sctx, func(dm *search.DocumentMatch) {
		id := c.id(dm)
		got := &search.DocumentMatch{ID: id, IndexInternalID: dm.IndexInternalID}
		if err := c.loadFields(got); err != nil {
			t.Fatal(err)
		}
		want := &search.DocumentMatch{ID: id, IndexInternalID: dm.IndexInternalID}
		if err, _ := bleve.LoadAndHighlightFields(want, fields, "", r, nil); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Fields, want.Fields) {
			t.Errorf("%s: fields\n%v\nwant %v", id, got.Fields, want.Fields)
		}
		// Read from the segment, not by bleve's loader.
		seg, local := segmentOf(r, dm.IndexInternalID.Value())
		direct := &search.DocumentMatch{}
		if ok, err := readStored(direct, seg, local, storedFields); !ok || err != nil || !reflect.DeepEqual(direct.Fields, want.Fields) {
			t.Errorf("%s: read from its segment: %v, %v, %v", id, ok, err, direct.Fields)
		}
		if _, ok := want.Fields[fieldViews]; ok {
			views++
		}
		if _, ok := want.Fields[fieldBodyChars]; ok {
			cut++
		}
		n++
		sctx.DocumentMatchPool.Put(dm)
	})
	if n != len(docs)-13 || views == 0 || cut == 0 {
		t.Errorf("%d documents (%d with views, %d cut), want %d: the test tests too little", n, views, cut, len(docs)-13)
	}
}

// segmentOf returns the segment of snapshot document n and its number
// there.
func segmentOf(r *scorch.IndexSnapshot, n uint64) (segment.Segment, uint64) {
	for _, ss := range r.Segments() {
		if c := ss.Segment().Count(); n >= c {
			n -= c
			continue
		}
		return ss.Segment(), n
	}
	return nil, 0
}
