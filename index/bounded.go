package index

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
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

// candidate is a document that may match a query with phrases, and the
// most it can score.
type candidate struct {
	doc   uint64 // the snapshot's number
	bound float64
	state candidateState
	score float64 // the true score of a match
}

type candidateState uint8

const (
	unresolved candidateState = iota
	matched
	unmatched
)

// boundedSearch answers a query whose phrases' positions cost most of a
// search (see useBounded) without checking the positions of every
// candidate document:
//
//  1. Every candidate is scored without positions (withCandidates): an
//     upper bound of its score.
//  2. Matches are counted in document order, positions checked, up to
//     CountCap + 1 of them; each has its true score.
//  3. The first k of those matches make a first top k; of the candidates
//     after the last one counted, only those whose bound reaches the
//     k-th score can still be in the top k. They are checked, highest
//     bound first, in batches, and the k-th score rises as they are.
//
// The top k is exact: a candidate left unchecked scores at most its
// bound, below the k-th score. Total is exact up to CountCap.
type boundedSearch struct {
	r     bindex.IndexReader
	ix    *Index
	p     queryPlan
	ctx   context.Context // bleve's values for the searchers
	cands []candidate
	pool  *search.DocumentMatchPool
}

// useBounded reports whether the search of q planned as p is one for
// boundedSearch: a single index, text with a phrase ranked by relevance,
// no facets (they count every match), no excluded terms (a candidate's
// bound needs every part of the query to add to its score), and a page
// that ends within CountCap.
func (ix *Index) useBounded(q Query, p queryPlan, size int) bool {
	return ix.shards == nil && p.hasText && hasPhrase(p.query) && q.Facets == 0 && len(q.Exclude) == 0 &&
		(q.Sort == "" || q.Sort == "relevance") && q.From+size < CountCap
}

// searchBounded runs q with boundedSearch; top collects the page.
func (ix *Index) searchBounded(ctx context.Context, p queryPlan, top *topHits) (total uint64, lowerBound bool, err error) {
	adv, err := ix.b.Advanced()
	if err != nil {
		return 0, false, err
	}
	r, err := adv.Reader()
	if err != nil {
		return 0, false, err
	}
	defer func() {
		if cerr := r.Close(); err == nil {
			err = cerr
		}
	}()
	bs := &boundedSearch{
		r:    r,
		ix:   ix,
		p:    p,
		ctx:  context.WithValue(ctx, search.GetScoringModelCallbackKey, search.GetScoringModelCallbackFn(func() string { return bindex.DefaultScoringModel })),
		pool: search.NewDocumentMatchPool(top.k+1, 0),
	}
	if err := bs.bound(); err != nil {
		return 0, false, err
	}
	c, err := top.indexTop(r)
	if err != nil {
		return 0, false, err
	}
	c.pool = bs.pool
	counted, rest, err := bs.count(c)
	if err != nil {
		return 0, false, err
	}
	if err := bs.checkRest(c, rest); err != nil {
		return 0, false, err
	}
	if err := c.finish(); err != nil {
		return 0, false, err
	}
	if counted > CountCap {
		return CountCap, true, nil
	}
	return uint64(counted), false, nil
}

// searcher returns a new searcher of the plan's query.
func (bs *boundedSearch) searcher(ctx context.Context) (search.Searcher, *search.SearchContext, error) {
	s, err := bs.p.query.Searcher(ctx, bs.r, bs.ix.b.Mapping(), search.SearcherOptions{})
	if err != nil {
		return nil, nil, err
	}
	return s, &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0), IndexReader: bs.r}, nil
}

// cancelEvery is how many matches a loop reads between looks at the
// context (bleve's collector's figure).
const cancelEvery = 1024

// bound reads every candidate and its bound.
func (bs *boundedSearch) bound() error {
	s, sctx, err := bs.searcher(withCandidates(bs.ctx))
	if err != nil {
		return err
	}
	defer s.Close()
	for n := 0; ; n++ {
		if n%cancelEvery == 0 {
			if err := bs.ctx.Err(); err != nil {
				return err
			}
		}
		d, err := s.Next(sctx)
		if err != nil {
			return err
		}
		if d == nil {
			return nil
		}
		bs.cands = append(bs.cands, candidate{doc: d.IndexInternalID.Value(), bound: d.Score})
		sctx.DocumentMatchPool.Put(d)
	}
}

// count reads the matches in order, up to CountCap + 1, each into c, and
// returns how many it read and the index of the first candidate not
// resolved (len(cands) when all are).
func (bs *boundedSearch) count(c *indexTop) (counted, rest int, err error) {
	s, sctx, err := bs.searcher(bs.ctx)
	if err != nil {
		return 0, 0, err
	}
	defer s.Close()
	i := 0
	for counted <= CountCap {
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
			for ; i < len(bs.cands); i++ {
				bs.cands[i].state = unmatched
			}
			return counted, i, nil
		}
		doc := d.IndexInternalID.Value()
		for i < len(bs.cands) && bs.cands[i].doc < doc {
			bs.cands[i].state = unmatched
			i++
		}
		if i == len(bs.cands) || bs.cands[i].doc != doc {
			return 0, 0, fmt.Errorf("document %d matches but was no candidate", doc)
		}
		if err := bs.match(c, i, d.Score); err != nil {
			return 0, 0, err
		}
		sctx.DocumentMatchPool.Put(d)
		i++
		counted++
	}
	return counted, i, nil
}

// match resolves candidate i as a match scoring score and offers it to c.
func (bs *boundedSearch) match(c *indexTop, i int, score float64) error {
	bs.cands[i].state, bs.cands[i].score = matched, score
	d := bs.pool.Get()
	d.IndexInternalID = bindex.NewIndexInternalID(d.IndexInternalID, bs.cands[i].doc)
	d.Score = score
	return c.add(d)
}

// firstBatch is how many candidates checkRest checks at first; each
// batch doubles it.
const firstBatch = 16

// checkRest checks the candidates from rest on that may still be in c's
// top k, highest bound first.
func (bs *boundedSearch) checkRest(c *indexTop, rest int) error {
	var open []int
	for i := rest; i < len(bs.cands); i++ {
		if bs.mayEnter(c, bs.cands[i].bound) {
			open = append(open, i)
		}
	}
	// Highest bound first; of equal bounds, the first in the index (any
	// order would do: all of them are checked).
	slices.SortFunc(open, func(a, b int) int {
		return cmp.Or(cmp.Compare(bs.cands[b].bound, bs.cands[a].bound), cmp.Compare(a, b))
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
		if k := slices.IndexFunc(batch, func(i int) bool { return !bs.mayEnter(c, bs.cands[i].bound) }); k >= 0 {
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

// check resolves the candidates of batch (indexes into cands), reading
// them in document order with a new searcher, and offers the matches to c.
func (bs *boundedSearch) check(c *indexTop, batch []int) error {
	if len(batch) == 0 {
		return nil
	}
	slices.Sort(batch) // document order: cands is in it
	s, sctx, err := bs.searcher(bs.ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	var cur *search.DocumentMatch
	for _, i := range batch {
		doc := bs.cands[i].doc
		if cur == nil || cur.IndexInternalID.Value() < doc {
			if cur, err = s.Advance(sctx, bindex.NewIndexInternalID(nil, doc)); err != nil {
				return err
			}
		}
		if cur == nil || cur.IndexInternalID.Value() != doc {
			bs.cands[i].state = unmatched
			continue
		}
		if err := bs.match(c, i, cur.Score); err != nil {
			return err
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
