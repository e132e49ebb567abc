package index

import (
	"fmt"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// TestTermsSearcherAsBleve: the queries plan makes of text terms of one
// or two characters (a termsQuery) find the documents bleve's
// conjunction of disjunctions of term queries finds, with the very same
// scores: one term, two and three, in the title, under a site filter
// (which advances the searcher), under filters that join the termsQuery
// (site:, year:, since:, until:; bleve's term and date range
// queries stand for them here) and beside an excluded term, over several
// segments with deleted documents.
func TestTermsSearcherAsBleve(t *testing.T) {
	docs := simDocs(7, 700)
	ix := severalSegments(t, docs, 120)
	deleteEvery(t, ix, docs, 8)
	run := func(q query.Query) map[string]float64 {
		t.Helper()
		return bleveScores(t, ix, q, "")
	}
	site, province := docs[1].Site, docs[len(docs)/2].Lineage[1]
	since, until := docs[len(docs)/3].Published, docs[len(docs)/5].Published
	if !since.Before(until) {
		since, until = until, since
	}
	queries := []Query{
		{Text: "文明"}, {Text: "文"}, {Text: "文明 服务"}, {Text: "文 明"}, {Text: "服务 志愿 活动"},
		{Text: "人人 选表"}, {Text: "文明", Site: site}, {Text: "工作 服务", Site: site},
		{Text: "文明", Site: province, Since: since}, {Text: "文", Since: since, Until: until},
		{Text: "工作 服务", Site: province, Until: until}, {Text: "文明", Year: since.Year(), Site: province},
		{Text: "文明", Site: province, Since: since, Exclude: []Term{{Field: FieldText, Value: "服务"}}},
		{Text: "文明", Exclude: []Term{{Field: FieldText, Value: "服务"}}},
		{Clauses: [][]Term{{{Field: FieldTitle, Value: "文明"}}, {{Field: FieldText, Value: "工作"}}}},
		{Clauses: [][]Term{{{Field: FieldText, Value: "文明"}, {Field: FieldText, Value: "服务"}}}},
	}
	matched, swapped := 0, 0
	for _, q := range queries {
		p := plan(q, ix.queryAnalyzer)
		alt, n := swapTerms(p.query)
		swapped += n
		got, want := run(p.query), run(alt)
		name := fmt.Sprintf("%+v", q)
		if len(got) != len(want) {
			t.Errorf("%s: %d matches, bleve's %d", name, len(got), len(want))
			continue
		}
		if len(want) == 0 || len(want) == len(docs) {
			t.Errorf("%s: %d matches: a query that tests nothing", name, len(want))
		}
		for id, s := range want {
			if g, ok := got[id]; !ok || g != s {
				t.Errorf("%s: %s scores %v (found %v), bleve's %v", name, id, g, ok, s)
				break
			}
		}
		matched += len(got)
	}
	if matched == 0 || swapped == 0 {
		t.Fatalf("%d matches, %d termsQueries: the test tests nothing", matched, swapped)
	}
}

// swapTerms returns q with every termsQuery in it replaced by bleve's
// queries, and how many it replaced.
func swapTerms(q query.Query) (query.Query, int) {
	switch q := q.(type) {
	case *termsQuery:
		out, _ := swapTerms(q.bleveQuery())
		return out, 1
	case *filterQuery:
		return q.bleveQuery(), 0
	case *query.ConjunctionQuery:
		out, n := make([]query.Query, len(q.Conjuncts)), 0
		for i, c := range q.Conjuncts {
			var k int
			out[i], k = swapTerms(c)
			n += k
		}
		return bleve.NewConjunctionQuery(out...), n
	case *query.BooleanQuery:
		must, n := swapTerms(q.Must)
		bq := bleve.NewBooleanQuery()
		bq.AddMust(must)
		bq.MustNot = q.MustNot
		return bq, n
	}
	return q, 0
}
