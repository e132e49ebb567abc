package index

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// TestPairSearcherAsBleve: a pairSearcher of a text term's title and
// body phrases returns the documents bleve's disjunction of them
// returns, with the same scores bit for bit, read by Next and by
// Advance to every third document, on an index of several segments with
// deleted documents, for terms in the title only, the body only, both
// and neither.
func TestPairSearcherAsBleve(t *testing.T) {
	var docs []Document
	for i := range 240 {
		title, body := "标题", "今天天气很好"
		switch i % 5 {
		case 0:
			title, body = "开展文明创建", "我们开展文明创建活动"
		case 1:
			body = "开展活动，文明创建，开展文明创建"
		case 2:
			title = "开展文明创建的一年"
		case 3:
			title, body = "开展文明创建", "文明创建，开展文明实践，开展文明"
		}
		docs = append(docs, Document{ID: fmt.Sprintf("d%03d", i), URL: fmt.Sprintf("http://x.invalid/%d", i), Title: title, Body: body})
	}
	ix := severalSegments(t, docs, 40)
	defer ix.Close()
	deleteEvery(t, ix, docs, 7)
	r := severalSegmentsReader(t, ix)
	ctx := context.Background()
	for _, text := range []string{"开展文明创建", "开展文明", "天气很好", "没有的句子"} {
		q := termQuery(Term{Field: FieldText, Value: text}, ix.queryAnalyzer)
		build := func(q query.Query) (search.Searcher, error) {
			return q.Searcher(ctx, r, ix.b.Mapping(), search.SearcherOptions{})
		}
		bleves := func() search.Searcher {
			s, err := build(q)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		pair := func() search.Searcher {
			s, err := newPairSearcher(ctx, q, build)
			if err != nil || s == nil {
				t.Fatalf("%s: pair searcher %v, %v", text, s, err)
			}
			return s
		}
		want, got := matchesOf(t, bleves(), nil), matchesOf(t, pair(), nil)
		if text != "没有的句子" && len(want) == 0 {
			t.Fatalf("%s: no matches", text)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s by Next:\n got %v\nwant %v", text, got, want)
		}
		var targets []uint64
		for n := uint64(0); n < uint64(len(docs)); n += 3 {
			targets = append(targets, n)
		}
		want, got = matchesOf(t, bleves(), targets), matchesOf(t, pair(), targets)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s by Advance:\n got %v\nwant %v", text, got, want)
		}
	}
}

// scoredMatch is a match's number and its score's bits.
type scoredMatch struct{ doc, score uint64 }

// matchesOf reads s to its end, by Next, or by Advance to each of the
// targets not passed yet (then Next no more), and closes it.
func matchesOf(t *testing.T, s search.Searcher, targets []uint64) []scoredMatch {
	t.Helper()
	defer s.Close()
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0)}
	var rv []scoredMatch
	add := func(dm *search.DocumentMatch, err error) bool {
		if err != nil {
			t.Fatal(err)
		}
		if dm == nil {
			return false
		}
		rv = append(rv, scoredMatch{dm.IndexInternalID.Value(), math.Float64bits(dm.Score)})
		sctx.DocumentMatchPool.Put(dm)
		return true
	}
	if targets == nil {
		for add(s.Next(sctx)) {
		}
		return rv
	}
	for _, n := range targets {
		if len(rv) > 0 && rv[len(rv)-1].doc >= n {
			continue
		}
		if !add(s.Advance(sctx, bindex.NewIndexInternalID(nil, n))) {
			break
		}
	}
	return rv
}
