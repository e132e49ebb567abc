package index

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// TestFacetsCountedAsBleve: the facets a search of one index counts from
// the cached facet values are those bleve's facet builders count, over
// several segments, documents without a value, deleted and replaced
// documents, ties and a size below the number of values.
func TestFacetsCountedAsBleve(t *testing.T) {
	ix := openWithDocs(t, nil)
	provinces := []string{"河北文明网", "山东文明网", "江苏文明网", ""}
	columns := []string{"要闻", "志愿服务", "", "通知"}
	for batch := range 4 { // a segment each
		var docs []Document
		for i := range 30 {
			n := batch*30 + i
			d := Document{
				ID:       fmt.Sprintf("http://x.invalid/%d", n),
				Title:    fmt.Sprintf("标题%d", n),
				Body:     []string{"讲文明树新风", "志愿服务在行动", "文明城市创建"}[n%3],
				Level:    []string{"province", "city", "county"}[n%3],
				Province: provinces[n%len(provinces)],
				City:     []string{"石家庄", "济南", ""}[(n/2)%3],
				Column:   columns[(n/3)%len(columns)],
			}
			if n%5 != 0 {
				d.Published = time.Date(2015+n%7, 3, 1, 0, 0, 0, 0, time.UTC)
			}
			docs = append(docs, d)
		}
		if err := ix.Put(docs...); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Delete("http://x.invalid/7", "http://x.invalid/40"); err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(Document{ID: "http://x.invalid/8", Title: "替换", Body: "讲文明", Province: "山西文明网", Column: "要闻"}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, tc := range []struct {
		text string
		size int
	}{{"文明", 10}, {"文明", 2}, {"志愿", 1}, {"", 3}, {"没有的词", 5}} {
		res, err := ix.Search(ctx, Query{Text: tc.text, Facets: tc.size})
		if err != nil {
			t.Fatal(err)
		}
		p := plan(Query{Text: tc.text}, ix.queryAnalyzer)
		req := bleve.NewSearchRequestOptions(p.query, 0, 0, false)
		for _, name := range Facets {
			req.AddFacet(name, bleve.NewFacetRequest(name, facetSize(name, tc.size)))
		}
		sr, err := ix.b.Search(req)
		if err != nil {
			t.Fatal(err)
		}
		want := facetsOf(sr.Facets, tc.size)
		if !reflect.DeepEqual(res.Facets, want) {
			t.Errorf("%q size %d: facets\n%+v\nwant bleve's\n%+v", tc.text, tc.size, res.Facets, want)
		}
		if sr.Total != res.Total {
			t.Errorf("%q: total %d, bleve %d", tc.text, res.Total, sr.Total)
		}
	}
}
