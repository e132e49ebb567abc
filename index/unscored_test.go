package index

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// TestUnscoredFiltersAsBooleanFilter: text under filters (site:, a date
// range, a year), which plan puts into the conjunction unscored, matches
// the same documents with the same scores, bit for bit, in the same order
// as bleve's boolean query with the filters as its filter clause, which
// leaves the scores alone by construction.
func TestUnscoredFiltersAsBooleanFilter(t *testing.T) {
	docs := simDocs(11, 600)
	ix := openWithDocs(t, docs)
	province := docs[len(docs)/2].Lineage[1]
	since := docs[len(docs)/3].Published
	year := docs[len(docs)/4].Published.Year()
	ctx := context.Background()
	type filtered struct {
		text, exclude string
		site          string
		since         time.Time
		year          int
	}
	cases := []filtered{
		{text: "文明", site: province},
		{text: "文明", since: since},
		{text: "志愿服务", site: province, since: since},
		{text: "精神文明 活动", site: province, year: year},
		{text: "文", since: since, year: year},
		{text: "文明", exclude: "志愿", site: province},
	}
	for _, c := range cases {
		q := Query{Text: c.text, Site: c.site, Since: c.since, Year: c.year, Size: len(docs)}
		if c.exclude != "" {
			q.Exclude = []Term{{Field: FieldText, Value: c.exclude}}
		}
		// bleve's boolean query with the filters as its filter.
		var filters []query.Query
		if c.site != "" {
			filters = append(filters, termQuery(Term{Field: FieldSite, Value: c.site}, ix.queryAnalyzer))
		}
		if c.year != 0 {
			filters = append(filters, termQuery(Term{Field: FieldYear, Value: strconv.Itoa(c.year)}, ix.queryAnalyzer))
		}
		if !c.since.IsZero() {
			inclusive := true
			dr := bleve.NewDateRangeInclusiveQuery(c.since, time.Time{}, &inclusive, nil)
			dr.SetField(fieldPublished)
			filters = append(filters, publishedRange(dr))
		}
		bq := bleve.NewBooleanQuery()
		bq.AddMust(plan(Query{Text: c.text}, ix.queryAnalyzer).query)
		if c.exclude != "" {
			bq.AddMustNot(termQuery(Term{Field: FieldText, Value: c.exclude}, ix.queryAnalyzer))
		}
		bq.AddFilter(bleve.NewConjunctionQuery(filters...))
		order, err := sortOrder("", true)
		if err != nil {
			t.Fatal(err)
		}
		req := bleve.NewSearchRequestOptions(bq, len(docs), 0, false)
		req.SortByCustom(order)
		want, err := ix.b.SearchInContext(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if want.Total == 0 || want.Total == uint64(len(docs)) {
			t.Fatalf("%+v: %d matches, a filter that tests nothing", c, want.Total)
		}
		got, err := ix.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if got.Total != want.Total || len(got.Hits) != len(want.Hits) {
			t.Errorf("%+v: %d matches (%d hits), want %d (%d)", c, got.Total, len(got.Hits), want.Total, len(want.Hits))
			continue
		}
		for i, h := range got.Hits {
			if w := want.Hits[i]; h.ID != w.ID || h.Score != w.Score {
				t.Errorf("%+v: hit %d is %s scored %v, want %s scored %v", c, i, h.ID, h.Score, w.ID, w.Score)
				break
			}
		}
	}
}
