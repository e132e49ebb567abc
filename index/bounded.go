package index

import (
	"cmp"
	"context"
	"slices"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// CountCap is how far a search counts its matches exactly when counting
// them all would cost most of the search: beyond it, Results.Total is
// CountCap and Results.TotalIsLowerBound is set (as Elasticsearch counts
// up to 10,000 by default). Which documents match, and which are on a
// page, stays exact.
const CountCap = 10000

// candidatesKey marks a search context whose phrase searchers match
// every candidate: see withCandidates.
type candidatesKey struct{}

// withCandidates returns ctx under which a phrase searcher does not
// check its terms' positions: every document holding each of its terms
// and filters matches, scored as a match would be (a phrase's score does
// not depend on where its terms are). Such a candidate's score is at
// least the document's true score under the same query, since the scores
// are sums, and coordination factors, of non-negative parts, and a
// candidate that is no match only loses parts.
func withCandidates(ctx context.Context) context.Context {
	return context.WithValue(ctx, candidatesKey{}, true)
}

// candidatesOnly reports whether ctx is withCandidates'.
func candidatesOnly(ctx context.Context) bool {
	if ctx == nil {
		return false
	}
	v, _ := ctx.Value(candidatesKey{}).(bool)
	return v
}

// postingsCacheKey marks a search context whose phrase searchers share
// the postings lists they read: see withPostingsCache.
type postingsCacheKey struct{}

// postingsCache holds the postings lists of the terms of one index
// snapshot, by segment, that phrase searchers have read: boundedSearch
// makes several searchers of one query on one snapshot, and each read
// every term's list from every segment's dictionary again.
type postingsCache map[postingsKey]postingsEntry

type postingsKey struct{ field, term string }

type postingsEntry struct {
	lists []segment.PostingsList
	count uint64
}

// withPostingsCache returns ctx under which phrase searchers share a
// postingsCache; all of them must search the same snapshot.
func withPostingsCache(ctx context.Context) context.Context {
	return context.WithValue(ctx, postingsCacheKey{}, postingsCache{})
}

// postingsOf returns the postingsCache of ctx, or nil.
func postingsOf(ctx context.Context) postingsCache {
	if ctx == nil {
		return nil
	}
	pc, _ := ctx.Value(postingsCacheKey{}).(postingsCache)
	return pc
}

// candidate is a document that may match a query with phrases, and the
// most it can score.
type candidate struct {
	doc   uint64 // the snapshot's number
	bound float64
}

// boundedSearch answers a query whose phrases' positions cost most of a
// search (see useBounded) without checking the positions of every
// candidate document:
//
//  1. Matches are counted in document order, positions checked, up to
//     CountCap + 1 of them, each offered to the top k with its score.
//     When there are no more, that was the whole search.
//  2. Otherwise every candidate after the last match counted is scored
//     without positions (withCandidates): an upper bound of its score.
//     Those whose bound reaches the k-th score so far may still be in
//     the top k.
//  3. They are checked, highest bound first, in batches; the k-th score
//     rises as they are, and the first whose bound falls below it ends
//     the search.
//
// The top k is exact: a candidate left unchecked scores at most its
// bound, below the k-th score. Total is exact up to CountCap.
type boundedSearch struct {
	r    bindex.IndexReader
	ix   *Index
	p    queryPlan
	ctx  context.Context // bleve's values for the searchers
	pool *search.DocumentMatchPool
}

// useBounded reports whether the search of q planned as p is one for
// boundedSearch: a single index, text with a phrase ranked by relevance,
// no facets (they count every match), no excluded terms (a candidate's
// bound needs every part of the query to add to its score), and a page
// that ends within countCap (0: never).
func (ix *Index) useBounded(q Query, p queryPlan, size, countCap int) bool {
	return ix.shards == nil && p.hasText && hasPhrase(p.query) && q.Facets == 0 && len(q.Exclude) == 0 &&
		(q.Sort == "" || q.Sort == "relevance") && q.From+size < countCap
}

// searchBounded runs q with boundedSearch, counting up to countCap; top
// collects the page.
func (ix *Index) searchBounded(ctx context.Context, p queryPlan, top *topHits, countCap int) (total uint64, lowerBound bool, err error) {
	r, err := snapshotReader(ix.b)
	if err != nil {
		return 0, false, err
	}
	defer closeReader(r, &err)
	bs := &boundedSearch{
		r:    r,
		ix:   ix,
		p:    p,
		ctx:  withPostingsCache(context.WithValue(ctx, search.GetScoringModelCallbackKey, search.GetScoringModelCallbackFn(func() string { return bindex.DefaultScoringModel }))),
		pool: search.NewDocumentMatchPool(top.k+1, 0),
	}
	c, err := top.indexTop(r)
	if err != nil {
		return 0, false, err
	}
	c.pool = bs.pool
	counted, last, err := bs.count(c, countCap)
	if err != nil {
		return 0, false, err
	}
	if counted > countCap {
		open, err := bs.candidatesAfter(c, last)
		if err != nil {
			return 0, false, err
		}
		if err := bs.checkOpen(c, open); err != nil {
			return 0, false, err
		}
	}
	if err := c.finish(); err != nil {
		return 0, false, err
	}
	if counted > countCap {
		return uint64(countCap), true, nil
	}
	return uint64(counted), false, nil
}

// searcher returns a new searcher of the plan's query: a pairSearcher
// when it is a disjunction of two (a text term in the title or the
// body), bleve's otherwise.
func (bs *boundedSearch) searcher(ctx context.Context) (search.Searcher, *search.SearchContext, error) {
	build := func(q query.Query) (search.Searcher, error) {
		return q.Searcher(ctx, bs.r, bs.ix.b.Mapping(), search.SearcherOptions{})
	}
	var s search.Searcher
	pair, err := newPairSearcher(ctx, bs.p.query, build)
	if pair != nil {
		s = pair
	} else if err == nil {
		s, err = build(bs.p.query)
	}
	if err != nil {
		return nil, nil, err
	}
	return s, &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0), IndexReader: bs.r}, nil
}

// cancelEvery is how many matches a loop reads between looks at the
// context (bleve's collector's figure).
const cancelEvery = 1024

// count reads the matches in order, up to countCap + 1, each into c,
// and returns how many it read and the last one's number.
func (bs *boundedSearch) count(c *indexTop, countCap int) (counted int, last uint64, err error) {
	s, sctx, err := bs.searcher(bs.ctx)
	if err != nil {
		return 0, 0, err
	}
	defer s.Close()
	for counted <= countCap {
		if counted%cancelEvery == 0 {
			if err := bs.ctx.Err(); err != nil {
				return 0, 0, err
			}
		}
		d, err := s.Next(sctx)
		if err != nil {
			return 0, 0, err
		}
		if d == nil {
			break
		}
		last = d.IndexInternalID.Value()
		if err := bs.match(c, last, d.Score); err != nil {
			return 0, 0, err
		}
		sctx.DocumentMatchPool.Put(d)
		counted++
	}
	return counted, last, nil
}

// candidatesAfter returns the candidates after document last whose bound
// may enter c's top k.
func (bs *boundedSearch) candidatesAfter(c *indexTop, last uint64) ([]candidate, error) {
	s, sctx, err := bs.searcher(withCandidates(bs.ctx))
	if err != nil {
		return nil, err
	}
	defer s.Close()
	var open []candidate
	d, err := s.Advance(sctx, bindex.NewIndexInternalID(nil, last+1))
	for n := 0; d != nil && err == nil; n++ {
		if n%cancelEvery == 0 {
			if err := bs.ctx.Err(); err != nil {
				return nil, err
			}
		}
		if bs.mayEnter(c, d.Score) {
			open = append(open, candidate{doc: d.IndexInternalID.Value(), bound: d.Score})
		}
		sctx.DocumentMatchPool.Put(d)
		d, err = s.Next(sctx)
	}
	return open, err
}

// match offers document doc, a match scoring score, to c.
func (bs *boundedSearch) match(c *indexTop, doc uint64, score float64) error {
	d := bs.pool.Get()
	d.IndexInternalID = bindex.NewIndexInternalID(d.IndexInternalID, doc)
	d.Score = score
	return c.add(d)
}

// firstBatch is how many candidates checkRest checks at first; each
// batch doubles it.
const firstBatch = 16

// checkOpen checks the candidates of open that may still enter c's top
// k, highest bound first.
func (bs *boundedSearch) checkOpen(c *indexTop, open []candidate) error {
	// Highest bound first; of equal bounds, the first in the index (any
	// order would do: all of them are checked).
	slices.SortFunc(open, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(b.bound, a.bound), cmp.Compare(a.doc, b.doc))
	})
	size := firstBatch
	for len(open) > 0 {
		if err := bs.ctx.Err(); err != nil {
			return err
		}
		n := min(size, len(open))
		batch := slices.Clone(open[:n])
		open = open[n:]
		// Sorted by bound: once one cannot enter, no later one can.
		if k := slices.IndexFunc(batch, func(cd candidate) bool { return !bs.mayEnter(c, cd.bound) }); k >= 0 {
			batch, open = batch[:k], nil
		}
		if err := bs.check(c, batch); err != nil {
			return err
		}
		size *= 2
	}
	return nil
}

// mayEnter reports whether a match scoring up to bound may enter c's top
// k: c is not full, or bound reaches the last one's score (a tie may be
// ahead of it by ID).
func (bs *boundedSearch) mayEnter(c *indexTop, bound float64) bool {
	return len(c.h) < c.t.k || bound >= c.h[0].d.Score
}

// check reads the candidates of batch in document order with a new
// searcher and offers those that match to c.
func (bs *boundedSearch) check(c *indexTop, batch []candidate) error {
	if len(batch) == 0 {
		return nil
	}
	slices.SortFunc(batch, func(a, b candidate) int { return cmp.Compare(a.doc, b.doc) })
	s, sctx, err := bs.searcher(bs.ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	var cur *search.DocumentMatch
	for _, cd := range batch {
		if cur == nil || cur.IndexInternalID.Value() < cd.doc {
			if cur, err = s.Advance(sctx, bindex.NewIndexInternalID(nil, cd.doc)); err != nil {
				return err
			}
			if cur == nil {
				return nil
			}
		}
		if cur.IndexInternalID.Value() == cd.doc {
			if err := bs.match(c, cd.doc, cur.Score); err != nil {
				return err
			}
		}
	}
	return nil
}

// hasPhrase reports whether q has a scored phraseQuery: one whose
// positions boundedSearch can leave unchecked.
func hasPhrase(q query.Query) bool {
	switch q := q.(type) {
	case *phraseQuery:
		return true
	case *query.DisjunctionQuery:
		return slices.ContainsFunc(q.Disjuncts, hasPhrase)
	case *query.ConjunctionQuery:
		return slices.ContainsFunc(q.Conjuncts, hasPhrase)
	}
	return false
}
