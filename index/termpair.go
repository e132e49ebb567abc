package index

import (
	"context"
	"fmt"
	"math"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
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
// segment, and scores a document as bleve's disjunction of the two term
// queries scores it (termWeight, the sum of the two scores times the
// share of the two that match, the query norm of bleve's disjunction),
// bit for bit, but only where its score may still enter the page (see
// scan): a document becomes a match for the collector only when its
// score reaches the lowest one the collector keeps (a tie is decided
// there, by ID). Every document is counted, from the terms' bitmaps, so
// Total stays exact; facets are counted over every one of them.

// termPair returns the two term queries of a query that is a text term
// of one or two characters alone, searched as searchTermPair searches it:
// relevance order, a single index (facets counted by topHits, as for
// one index), no excluded terms or filters. Any disjunction of two term
// queries alone qualifies (an OR of two title: characters too). ok is
// false otherwise.
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
	r, err := snapshotReader(ix.b)
	if err != nil {
		return 0, false, err
	}
	defer closeReader(r, &err)
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
		var err error
		if t.lists, count, err = termPostings(s.segs, tq); err != nil {
			return nil, err
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

// boundSlack covers the roundings of a score against its bound: a
// posting's norm is a float32 (off by up to 2^-24), and the products and
// the sum each round by 2^-53.
const boundSlack = 1 + 1e-6

// scan counts every document with either term and offers to c those
// whose score may enter its first k. A term's score in a document is at
// most its score at one occurrence in a field of one term (its frequency
// is at most the field's length, and the score goes with the square root
// of their ratio), so the term that can score more (the title's, boosted)
// leads: its postings are read and scored, the other term's posting of
// the same document only when the sum may still enter the first k. The
// documents of the other term alone are read after them, when half of its
// most may still enter. The counts come from the terms' bitmaps.
func (s *termPairScan) scan(ctx context.Context, c *indexTop) (uint64, error) {
	lead, other := &s.terms[0], &s.terms[1]
	if other.weight.score(1, 1) > lead.weight.score(1, 1) {
		lead, other = other, lead
	}
	otherMost := other.weight.score(1, 1)
	leads := make([]*roaring.Bitmap, len(s.segs))
	var total uint64
	var id bindex.IndexInternalID // for the facets
	for i := range s.segs {
		lead.it = lead.lists[i].Iterator(true, true, false, lead.it)
		other.it = other.lists[i].Iterator(true, true, false, other.it)
		bl, err := docBitmap(lead.lists[i], lead.it)
		if err != nil {
			return 0, err
		}
		bo, err := docBitmap(other.lists[i], other.it)
		if err != nil {
			return 0, err
		}
		leads[i] = bl
		total += bl.GetCardinality() + bo.GetCardinality() - bl.AndCardinality(bo)
		if c.facets != nil {
			for it := roaring.Or(bl, bo).Iterator(); it.HasNext(); {
				id = bindex.NewIndexInternalID(id, s.starts[i]+uint64(it.Next()))
				c.facets.add(id)
			}
		}
		for n := 0; ; n++ {
			if n%cancelEvery == 0 {
				if err := ctx.Err(); err != nil {
					return 0, err
				}
			}
			p, err := lead.it.Next()
			if err != nil {
				return 0, err
			}
			if p == nil {
				break
			}
			doc := p.Number()
			score := lead.weight.score(p.Frequency(), p.Norm())
			if !bo.Contains(uint32(doc)) {
				score *= 0.5 // one term of two
			} else {
				if c.below((score + otherMost) * boundSlack) {
					continue
				}
				po, err := other.it.Advance(doc)
				if err != nil {
					return 0, err
				}
				if po == nil || po.Number() != doc {
					return 0, fmt.Errorf("document %d of segment %d in the bitmap of a term, not in its postings", doc, i)
				}
				score += other.weight.score(po.Frequency(), po.Norm())
			}
			if err := s.offer(c, i, doc, score); err != nil {
				return 0, err
			}
		}
	}
	if c.below(otherMost * 0.5 * boundSlack) {
		return total, nil
	}
	for i := range s.segs {
		other.it = other.lists[i].Iterator(true, true, false, other.it)
		for n := 0; ; n++ {
			if n%cancelEvery == 0 {
				if err := ctx.Err(); err != nil {
					return 0, err
				}
			}
			p, err := other.it.Next()
			if err != nil {
				return 0, err
			}
			if p == nil {
				break
			}
			if doc := p.Number(); !leads[i].Contains(uint32(doc)) {
				score := other.weight.score(p.Frequency(), p.Norm()) * 0.5
				if err := s.offer(c, i, doc, score); err != nil {
					return 0, err
				}
			}
		}
	}
	return total, nil
}

// offer offers local document doc of segment i, a match scoring score,
// to c when it may enter c's first k.
func (s *termPairScan) offer(c *indexTop, i int, doc uint64, score float64) error {
	if c.below(score) {
		return nil // no tie to break by ID
	}
	if c.t.after.d != nil && score > c.t.after.d.Score {
		return nil // before the cursor
	}
	d := c.pool.Get()
	d.IndexInternalID = bindex.NewIndexInternalID(d.IndexInternalID, s.starts[i]+doc)
	d.Score = score
	return c.offer(d)
}
