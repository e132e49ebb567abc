package index

import (
	"context"
	"fmt"
	"math"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zapx "github.com/blevesearch/zapx/v17"
)

// A text term of one or two characters alone is a disjunction of two
// term queries, its term in the title and in the body (see phrase). A
// common character is in most documents: 一 in all 100,000 of the
// bench's, every one of them a match to count and score. bleve's
// disjunction searcher made each posting of each term a term field
// document, then a document match from the pool, scored it through its
// scorers and handed it to the collector, which kept almost none of them.
//
// searchTermPair reads the two terms' postings itself, segment by
// segment, merges them in document order and scores each document as
// bleve's disjunction of the two term queries scores it (termWeight, the
// sum of the two scores times the share of the two that match, the query
// norm of bleve's disjunction), bit for bit. A document becomes a match
// for the collector only when its score may enter the page (it reaches
// the lowest score the collector keeps, a tie being decided there by
// ID); every document is counted, so Total stays exact.

// termPair returns the two term queries of a query that is a text term
// of one or two characters alone, searched as searchTermPair searches it:
// relevance order, a single index, no facets or with facets counted
// here (topHits), no excluded terms or filters. ok is false otherwise.
func (ix *Index) termPair(q Query, p queryPlan) (pair [2]*query.TermQuery, ok bool) {
	if ix.shards != nil || !p.hasText || (q.Sort != "" && q.Sort != "relevance") {
		return pair, false
	}
	dq, isDisj := p.query.(*query.DisjunctionQuery)
	if !isDisj || len(dq.Disjuncts) != 2 || dq.Min > 1 {
		return pair, false
	}
	for i, d := range dq.Disjuncts {
		tq, isTerm := d.(*query.TermQuery)
		if !isTerm {
			return pair, false
		}
		pair[i] = tq
	}
	return pair, true
}

// searchTermPair collects into top the matches of the disjunction of the
// term queries pair (see termPair) and returns their count. It reports
// false, having read nothing, when the index is not one it can read (not
// a scorch snapshot): bleve is to search it then.
func (ix *Index) searchTermPair(ctx context.Context, pair [2]*query.TermQuery, top *topHits) (total uint64, ok bool, err error) {
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
	snap, isSnap := r.(*scorch.IndexSnapshot)
	if !isSnap {
		return 0, false, nil
	}
	c, err := top.indexTop(r)
	if err != nil {
		return 0, false, err
	}
	c.pool = search.NewDocumentMatchPool(top.k+1, 0)
	s, err := newTermPairScan(snap, pair)
	if err != nil {
		return 0, false, err
	}
	if total, err = s.scan(ctx, c); err != nil {
		return 0, false, err
	}
	if err := c.finish(); err != nil {
		return 0, false, err
	}
	return total, true, nil
}

// pairTerm is one term of a termPairScan.
type pairTerm struct {
	lists  []segment.PostingsList // by segment
	weight termWeight
	it     segment.PostingsIterator
}

// termPairScan reads the postings of the two terms of a termPair.
type termPairScan struct {
	segs   []*scorch.SegmentSnapshot
	starts []uint64 // of each segment in the snapshot's numbering
	terms  [2]pairTerm
}

func newTermPairScan(snap *scorch.IndexSnapshot, pair [2]*query.TermQuery) (*termPairScan, error) {
	docs, err := snap.DocCount()
	if err != nil {
		return nil, err
	}
	s := &termPairScan{segs: snap.Segments()}
	var start uint64
	for _, ss := range s.segs {
		s.starts = append(s.starts, start)
		start += ss.Segment().Count() // deleted documents too: the snapshot numbers them all
	}
	for i, tq := range pair {
		t := &s.terms[i]
		var count uint64
		for _, ss := range s.segs {
			dict, err := ss.Segment().Dictionary(tq.Field())
			if err != nil {
				return nil, fmt.Errorf("term %q: %w", tq.Term, err)
			}
			pl, err := dict.PostingsList([]byte(tq.Term), ss.Deleted(), nil)
			if err != nil {
				return nil, fmt.Errorf("term %q: %w", tq.Term, err)
			}
			t.lists = append(t.lists, pl)
			count += pl.Count()
		}
		t.weight = newTermWeight(tq.Boost(), docs, count)
	}
	// bleve's disjunction's query norm (two floats add the same in
	// either order).
	norm := 1 / math.Sqrt(s.terms[0].weight.Weight()+s.terms[1].weight.Weight())
	s.terms[0].weight.SetQueryNorm(norm)
	s.terms[1].weight.SetQueryNorm(norm)
	return s, nil
}

// scan counts every document with either term and offers to c those
// whose score may enter its first k.
func (s *termPairScan) scan(ctx context.Context, c *indexTop) (uint64, error) {
	var total uint64
	var id bindex.IndexInternalID // for the facets
	t := norms()
	for i := range s.segs {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		a, b := &s.terms[0], &s.terms[1]
		a.it = a.lists[i].Iterator(true, true, false, a.it)
		b.it = b.lists[i].Iterator(true, true, false, b.it)
		pa, err := a.it.Next()
		if err != nil {
			return 0, err
		}
		pb, err := b.it.Next()
		if err != nil {
			return 0, err
		}
		for n := 0; pa != nil || pb != nil; n++ {
			if n%cancelEvery == cancelEvery-1 {
				if err := ctx.Err(); err != nil {
					return 0, err
				}
			}
			var doc uint64
			var score float64
			switch {
			case pb == nil || (pa != nil && pa.Number() < pb.Number()):
				doc, score = pa.Number(), a.weight.score(pa.Frequency(), normOf(pa, t))*0.5
				pa, err = a.it.Next()
			case pa == nil || pb.Number() < pa.Number():
				doc, score = pb.Number(), b.weight.score(pb.Frequency(), normOf(pb, t))*0.5
				pb, err = b.it.Next()
			default:
				doc = pa.Number()
				score = a.weight.score(pa.Frequency(), normOf(pa, t)) + b.weight.score(pb.Frequency(), normOf(pb, t))
				if pa, err = a.it.Next(); err == nil {
					pb, err = b.it.Next()
				}
			}
			if err != nil {
				return 0, err
			}
			total++
			if c.facets != nil {
				id = bindex.NewIndexInternalID(id, s.starts[i]+doc)
				c.facets.add(id)
			}
			if len(c.h) == c.t.k && score < c.h[0].d.Score {
				continue // below the first k: no tie to break by ID
			}
			if c.t.after.d != nil && score > c.t.after.d.Score {
				continue // before the cursor
			}
			d := c.pool.Get()
			d.IndexInternalID = bindex.NewIndexInternalID(d.IndexInternalID, s.starts[i]+doc)
			d.Score = score
			if err := c.offer(d); err != nil {
				return 0, err
			}
		}
	}
	return total, nil
}

// norms holds zap's norm of each field length below its size, as a
// Posting's Norm computes it from the length zap stores: taking a square
// root for each posting of a common term was a fifth of a
// searchTermPair.
var norms = sync.OnceValue(func() []float64 {
	t := make([]float64, 4096)
	for n := range t {
		t[n] = float64(float32(1.0 / math.Sqrt(float64(n))))
	}
	return t
})

// normOf returns p.Norm(), from t (norms) where it can: for a posting of
// zap version 17, whose NormUint64 is the field's length.
func normOf(p segment.Posting, t []float64) float64 {
	if zp, ok := p.(*zapx.Posting); ok {
		if n := zp.NormUint64(); n < uint64(len(t)) {
			return t[n]
		}
	}
	return p.Norm()
}
