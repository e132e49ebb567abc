package index

import (
	"context"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// unscoredQuery matches what its query matches and scores every match 0,
// with no weight in the query norm: a filter that can sit in a
// conjunction with the scored terms without changing any score (a sum
// with 0 added is the same sum, and the norm's sum of squared weights the
// same with 0 added).
//
// bleve applies a boolean query's filter after its must clause: the must
// clause reads, scores and hands on every one of its matches, and the
// filter then drops those outside it, so a common word under a narrow
// site: or since: cost as much as the word alone. In a conjunction, the
// filter's matches advance the word's postings past the documents outside
// it instead.
type unscoredQuery struct {
	q query.Query
}

// Searcher implements query.Query. The inner query is searched without
// scores, as bleve searches a boolean query's filter.
func (u unscoredQuery) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	inner, err := u.q.Searcher(ctx, r, m, search.SearcherOptions{Score: "none"})
	if err != nil {
		return nil, err
	}
	return unscoredSearcher{inner}, nil
}

// unscoredSearcher is unscoredQuery's searcher: its matches score 0 and
// it weighs nothing.
type unscoredSearcher struct {
	search.Searcher
}

func (s unscoredSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	return unscored(s.Searcher.Next(ctx))
}

func (s unscoredSearcher) Advance(ctx *search.SearchContext, id bindex.IndexInternalID) (*search.DocumentMatch, error) {
	return unscored(s.Searcher.Advance(ctx, id))
}

// unscored gives a match the score 0 and nothing to explain or
// highlight.
func unscored(d *search.DocumentMatch, err error) (*search.DocumentMatch, error) {
	if d != nil {
		d.Score, d.Expl, d.FieldTermLocations = 0, nil, nil
	}
	return d, err
}

func (s unscoredSearcher) Weight() float64 { return 0 }

func (s unscoredSearcher) SetQueryNorm(float64) {}

var _ search.Searcher = unscoredSearcher{}
