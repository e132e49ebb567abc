package index

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// termsQuery is a conjunction of clauses, each a disjunction of single
// terms (a text term of one or two characters: its term in the title and
// in the body), scored as bleve scores that conjunction of disjunctions
// of term queries. Its searcher intersects the clauses' documents as
// bitmaps first and reads postings only of the documents in all of them:
// bleve's conjunction advanced each clause's disjunction, which read,
// scored and made a match of every posting of each term on the way,
// also of the documents the other clauses lacked.
//
// A termsQuery may carry the query's exact filters (see filterQuery):
// their bitmaps join the intersection, and the candidates' dates are
// checked against the range before any posting of theirs is read. They
// score 0, so the scores are those of bleve's conjunction of the clauses
// with the unscored filters.
type termsQuery struct {
	clauses [][]*query.TermQuery
	filter  *filterQuery // nil for none
}

// maxTermsClauses bounds the clauses of a termsQuery: bleve orders up to
// twelve searchers stably (an insertion sort), which the score's order
// of addition follows.
const maxTermsClauses = 12

// asTermsQuery returns the termsQuery of the conjunction of qs under the
// filters f when every one of qs is a term query or a disjunction of term
// queries, and there are two or more, or one and f filters with terms and
// a range only; nil otherwise. One disjunction alone without filters
// bleve reads faster: its terms' postings in order, each merely once,
// where a termsSearcher would make their union and advance to each
// document of it.
func asTermsQuery(qs []query.Query, f filterQuery) *termsQuery {
	filtered := !f.empty() && len(f.others) == 0
	if len(qs) == 0 || (len(qs) < 2 && !filtered) || len(qs) > maxTermsClauses {
		return nil
	}
	tq := &termsQuery{}
	if filtered {
		tq.filter = &f
	}
	for _, q := range qs {
		switch q := q.(type) {
		case *query.TermQuery:
			tq.clauses = append(tq.clauses, []*query.TermQuery{q})
		case *query.DisjunctionQuery:
			if len(q.Disjuncts) == 0 || len(q.Disjuncts) > maxTermsClauses || q.Min > 1 {
				return nil
			}
			var alts []*query.TermQuery
			for _, d := range q.Disjuncts {
				t, ok := d.(*query.TermQuery)
				if !ok {
					return nil
				}
				alts = append(alts, t)
			}
			tq.clauses = append(tq.clauses, alts)
		default:
			return nil
		}
	}
	return tq
}

// bleveQuery is q as bleve's own queries.
func (q *termsQuery) bleveQuery() query.Query {
	cs := make([]query.Query, len(q.clauses))
	for i, alts := range q.clauses {
		if len(alts) == 1 {
			cs[i] = alts[0]
			continue
		}
		ds := make([]query.Query, len(alts))
		for j, a := range alts {
			ds[j] = a
		}
		cs[i] = bleve.NewDisjunctionQuery(ds...)
	}
	if q.filter != nil {
		cs = append(cs, q.filter)
	}
	if len(cs) == 1 {
		return cs[0]
	}
	return bleve.NewConjunctionQuery(cs...)
}

// Searcher implements bleve's query.Query.
func (q *termsQuery) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	model := ""
	if ctx != nil {
		if fn, ok := ctx.Value(search.GetScoringModelCallbackKey).(search.GetScoringModelCallbackFn); ok {
			model = fn()
		}
		if breakdown, _ := ctx.Value(search.IncludeScoreBreakdownKey).(bool); breakdown || ctx.Value(search.FieldTermSynonymMapKey) != nil {
			model = "other"
		}
	}
	snap, isSnap := r.(*scorch.IndexSnapshot)
	if options.Explain || options.IncludeTermVectors || options.Score == "none" ||
		(model != "" && model != bindex.TFIDFScoring) || !isSnap {
		return q.bleveQuery().Searcher(ctx, r, m, options)
	}
	var f *segFilter
	if q.filter != nil {
		var err error
		if f, err = openFilter(snap, q.filter, sortCacheOf(ctx)); err != nil {
			return nil, err
		}
		if f == nil { // bleve is to search the filters
			return q.bleveQuery().Searcher(ctx, r, m, options)
		}
	}
	return newTermsSearcher(snap, q, f)
}

// termsAlt is one term of a clause of a termsSearcher.
type termsAlt struct {
	lists  []segment.PostingsList // by segment
	count  uint64
	weight termWeight
	it     segment.PostingsIterator // in the segment being read
	// next is the posting it returned last, unless that was nil (the
	// end) or nothing was read yet: candidates come in order, so a
	// posting after the candidate is the term's next one.
	next segment.Posting
	done bool // it has no more postings
}

// at returns a's posting of local document doc, or nil when a's term is
// not in doc. doc must not come before the documents asked for before
// in the segment.
func (a *termsAlt) at(doc uint64) (segment.Posting, error) {
	if a.done {
		return nil, nil
	}
	if a.next == nil || a.next.Number() < doc {
		p, err := a.it.Advance(doc)
		if err != nil {
			return nil, err
		}
		if p == nil {
			a.done = true
			return nil, nil
		}
		a.next = p
	}
	if a.next.Number() != doc {
		return nil, nil
	}
	return a.next, nil
}

// termsClause is a disjunction of terms.
type termsClause struct {
	alts  []*termsAlt // in bleve's order: by count, stable
	count uint64
}

// termsSearcher is termsQuery's searcher on a scorch snapshot.
type termsSearcher struct {
	segCursor
	clauses []*termsClause // in bleve's order: by count, stable
	count   uint64

	filter *segFilter // nil for none
	fits   []segment.PostingsIterator
	fbms   []*roaring.Bitmap
}

func newTermsSearcher(snap *scorch.IndexSnapshot, q *termsQuery, f *segFilter) (*termsSearcher, error) {
	docs, err := snap.DocCount()
	if err != nil {
		return nil, err
	}
	segs := snap.Segments()
	s := &termsSearcher{filter: f}
	if f != nil {
		s.fits = make([]segment.PostingsIterator, len(f.lists))
	}
	for _, alts := range q.clauses {
		c := &termsClause{}
		for _, tq := range alts {
			lists, count, err := termPostings(segs, tq)
			if err != nil {
				return nil, err
			}
			a := &termsAlt{lists: lists, count: count}
			a.weight = newTermWeight(tq.Boost(), docs, a.count)
			c.alts = append(c.alts, a)
			c.count += a.count
		}
		slices.SortStableFunc(c.alts, func(a, b *termsAlt) int { return cmp.Compare(a.count, b.count) })
		s.clauses = append(s.clauses, c)
		s.count += c.count
	}
	slices.SortStableFunc(s.clauses, func(a, b *termsClause) int { return cmp.Compare(a.count, b.count) })
	// As bleve's conjunction does; a parent sets the norm again.
	s.SetQueryNorm(1 / math.Sqrt(s.Weight()))
	if err = s.start(snap, s.load); err != nil {
		return nil, err
	}
	return s, nil
}

// load readies the iterators of segment i and returns its candidates:
// the documents in every clause and filter (and sets the test of their
// dates).
func (s *termsSearcher) load(i int) (roaring.IntPeekable, error) {
	ands := make([]*roaring.Bitmap, 0, len(s.clauses)+1)
	if s.filter != nil {
		s.keep = s.filter.keep(i)
		if len(s.filter.lists) > 0 {
			bms, err := s.filter.bitmaps(i, s.fits, s.fbms)
			if err != nil {
				return nil, err
			}
			s.fbms = bms
			ands = append(ands, bms...)
		}
	}
	for _, c := range s.clauses {
		ors := make([]*roaring.Bitmap, 0, len(c.alts))
		for _, a := range c.alts {
			a.it = a.lists[i].Iterator(true, true, false, a.it)
			a.next, a.done = nil, false
			bm, err := docBitmap(a.lists[i], a.it)
			if err != nil {
				return nil, err
			}
			ors = append(ors, bm)
		}
		if len(ors) == 1 {
			ands = append(ands, ors[0])
		} else {
			ands = append(ands, roaring.FastOr(ors...))
		}
	}
	if len(ands) == 1 {
		return ands[0].Iterator(), nil // read only
	}
	slices.SortFunc(ands, func(a, b *roaring.Bitmap) int { return cmp.Compare(a.GetCardinality(), b.GetCardinality()) })
	return roaring.FastAnd(ands...).Iterator(), nil
}

func (s *termsSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	doc, ok, err := s.next()
	if err != nil || !ok {
		return nil, err
	}
	s.matched(doc)
	return s.score(ctx, doc)
}

func (s *termsSearcher) Advance(ctx *search.SearchContext, id bindex.IndexInternalID) (*search.DocumentMatch, error) {
	if err := s.seek(id.Value()); err != nil {
		return nil, err
	}
	return s.Next(ctx)
}

// score is the match of local document doc, scored as bleve's
// conjunction of disjunctions scores it: per clause, the sum of its
// terms' scores in its order times the share of its terms that match,
// summed over the clauses in their order.
func (s *termsSearcher) score(ctx *search.SearchContext, doc uint64) (*search.DocumentMatch, error) {
	rv := ctx.DocumentMatchPool.Get()
	rv.IndexInternalID = bindex.NewIndexInternalID(rv.IndexInternalID, s.id(doc))
	var total float64
	for _, c := range s.clauses {
		var sum float64
		n := 0
		for _, a := range c.alts {
			p, err := a.at(doc)
			if err != nil {
				return nil, err
			}
			if p == nil {
				continue
			}
			sum += a.weight.score(p.Frequency(), p.Norm())
			n++
		}
		total += sum * (float64(n) / float64(len(c.alts)))
	}
	rv.Score = total
	return rv, nil
}

func (s *termsSearcher) Close() error { return nil }

// Weight is bleve's conjunction's: the sum of its clauses' (each the sum
// of its terms').
func (s *termsSearcher) Weight() float64 {
	var w float64
	for _, c := range s.clauses {
		var cw float64
		for _, a := range c.alts {
			cw += a.weight.Weight()
		}
		w += cw
	}
	return w
}

func (s *termsSearcher) SetQueryNorm(norm float64) {
	for _, c := range s.clauses {
		for _, a := range c.alts {
			a.weight.SetQueryNorm(norm)
		}
	}
}

// Count is bleve's conjunction's: the sum of the terms' counts.
func (s *termsSearcher) Count() uint64 { return s.count }

func (s *termsSearcher) Min() int { return 0 }

func (s *termsSearcher) Size() int {
	n := 0
	for _, c := range s.clauses {
		for _, a := range c.alts {
			if a.it != nil {
				n += a.it.Size()
			}
			for _, pl := range a.lists {
				n += pl.Size()
			}
		}
	}
	return n
}

func (s *termsSearcher) DocumentMatchPoolSize() int { return 2 }

var _ search.Searcher = (*termsSearcher)(nil)

// termPostings looks the term of tq up in each of segs: its postings list
// in each segment, in the order of segs, and their count of documents.
func termPostings(segs []*scorch.SegmentSnapshot, tq *query.TermQuery) ([]segment.PostingsList, uint64, error) {
	lists := make([]segment.PostingsList, len(segs))
	var count uint64
	for j, ss := range segs {
		dict, err := ss.Segment().Dictionary(tq.Field())
		if err != nil {
			return nil, 0, fmt.Errorf("term %q: %w", tq.Term, err)
		}
		pl, err := dict.PostingsList([]byte(tq.Term), ss.Deleted(), nil)
		if err != nil {
			return nil, 0, fmt.Errorf("term %q: %w", tq.Term, err)
		}
		lists[j] = pl
		count += pl.Count()
	}
	return lists, count, nil
}
