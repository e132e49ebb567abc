package index

import (
	"context"
	"fmt"
	"math"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// filterQuery is a query's exact filters: keyword terms (site lineage,
// level, column, year) and a published range, all of which a match must
// pass. It matches as bleve's conjunction of those term queries and its
// date range query does, and scores every match 0 with no weight, as
// unscoredQuery does, so it can sit in a conjunction with scored text.
//
// bleve's date range query is a disjunction of the field's terms of
// every precision that cover the range, looked up in every segment's
// dictionary on every search (a few hundred terms for a range of a
// year) and read posting by posting; for a term under site: and since:
// that was a tenth of the search. This one reads each segment's dates
// once (from the field's terms of full precision: the field keeps no doc
// values) into the sortCache and compares the candidates' dates with the
// range, and intersects the terms' bitmaps of documents instead of
// stepping their postings.
type filterQuery struct {
	terms []*query.TermQuery
	rng   *query.DateRangeQuery // nil for none
	// others are filters of other kinds (a Term of a field plan does
	// not know): with any, bleve searches f.
	others []query.Query
}

// add adds q to f's filters.
func (f *filterQuery) add(q query.Query) {
	if t, ok := q.(*query.TermQuery); ok {
		f.terms = append(f.terms, t)
		return
	}
	f.others = append(f.others, q)
}

// empty reports whether f filters nothing.
func (f *filterQuery) empty() bool { return len(f.terms) == 0 && f.rng == nil && len(f.others) == 0 }

// bleveQuery is f as bleve's own queries: what it matches, unscored.
func (f *filterQuery) bleveQuery() query.Query {
	var qs []query.Query
	for _, t := range f.terms {
		qs = append(qs, t)
	}
	if f.rng != nil {
		qs = append(qs, publishedRange(f.rng))
	}
	qs = append(qs, f.others...)
	if len(qs) == 1 {
		return unscoredQuery{qs[0]}
	}
	return unscoredQuery{bleve.NewConjunctionQuery(qs...)}
}

// sortCacheCtxKey marks a search context that carries the index's
// sortCache, where filter searchers keep the segments' dates.
type sortCacheCtxKey struct{}

// withSortCache returns ctx carrying c (see filterQuery).
func withSortCache(ctx context.Context, c *sortCache) context.Context {
	return context.WithValue(ctx, sortCacheCtxKey{}, c)
}

// sortCacheOf returns the sortCache of ctx, or nil.
func sortCacheOf(ctx context.Context) *sortCache {
	if ctx == nil {
		return nil
	}
	c, _ := ctx.Value(sortCacheCtxKey{}).(*sortCache)
	return c
}

// Searcher implements bleve's query.Query.
func (f *filterQuery) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok || options.Explain || len(f.others) > 0 {
		return f.bleveQuery().Searcher(ctx, r, m, options)
	}
	sf, err := openFilter(snap, f, sortCacheOf(ctx))
	if err != nil {
		return nil, err
	}
	if sf == nil {
		return f.bleveQuery().Searcher(ctx, r, m, options)
	}
	return newFilterSearcher(snap, sf)
}

// segFilter is a filterQuery opened on one index snapshot.
type segFilter struct {
	lists [][]segment.PostingsList // [term][segment], deleted documents left out
	// dates holds each segment's published keys (see readDateKeys) when
	// there is a range: [lo, hi], inclusive, in keys.
	dates  [][]uint64
	lo, hi uint64
	segs   []*scorch.SegmentSnapshot
	count  uint64 // at most the matches: the rarest term's count, or the documents
}

// openFilter opens f on snap, reading the dates of the segments cache
// has not seen (c may be nil: read them for this search only). It
// returns nil, nil where bleve is to search f: a range bleve refuses
// (it says why) or a segment whose dates cannot be read so.
func openFilter(snap *scorch.IndexSnapshot, f *filterQuery, c *sortCache) (*segFilter, error) {
	segs := snap.Segments()
	sf := &segFilter{segs: segs}
	if f.rng != nil {
		lo, hi, ok := dateRangeKeys(f.rng)
		if !ok {
			return nil, nil
		}
		sf.lo, sf.hi = lo, hi
		dates, err := c.snapshotValues(snap, f.rng.FieldVal, readDateKeys)
		if err != nil || dates == nil {
			return nil, err
		}
		sf.dates = dates
	}
	counts := make([]uint64, len(segs)) // the smallest count of a term, per segment
	for j, ss := range segs {
		counts[j] = ss.Count()
	}
	for _, t := range f.terms {
		lists := make([]segment.PostingsList, len(segs))
		for j, ss := range segs {
			dict, err := ss.Segment().Dictionary(t.Field())
			if err != nil {
				return nil, fmt.Errorf("filter %s:%s: %w", t.Field(), t.Term, err)
			}
			pl, err := dict.PostingsList([]byte(t.Term), ss.Deleted(), nil)
			if err != nil {
				return nil, fmt.Errorf("filter %s:%s: %w", t.Field(), t.Term, err)
			}
			lists[j] = pl
			counts[j] = min(counts[j], pl.Count())
		}
		sf.lists = append(sf.lists, lists)
	}
	for _, n := range counts {
		sf.count += n
	}
	return sf, nil
}

// dateRangeKeys returns the keys of the first and the last value (both
// included) that bleve's searcher of r matches, as readDateKeys makes
// them; false when bleve refuses r (a bound it cannot represent).
func dateRangeKeys(r *query.DateRangeQuery) (lo, hi uint64, ok bool) {
	if r.Validate() != nil {
		return 0, 0, false
	}
	// As bleve's DateRangeQuery and NumericRangeSearcher make them: a
	// bound in nanoseconds, an open one an infinity, both through the
	// float64 bits bleve passes them as.
	minF, maxF := math.Inf(-1), math.Inf(1)
	if !r.Start.IsZero() {
		minF = numeric.Int64ToFloat64(r.Start.UnixNano())
	}
	if !r.End.IsZero() {
		maxF = numeric.Int64ToFloat64(r.End.UnixNano())
	}
	minI, maxI := numeric.Float64ToInt64(minF), numeric.Float64ToInt64(maxF)
	if r.InclusiveStart != nil && !*r.InclusiveStart && minI != math.MaxInt64 {
		minI++
	}
	if (r.InclusiveEnd == nil || !*r.InclusiveEnd) && maxI != math.MinInt64 {
		maxI--
	}
	return uint64(minI) ^ 1<<63, uint64(maxI) ^ 1<<63, true
}

// publishedRange is the query of the documents published in r for bleve
// to search: the range of the published field's terms of full precision
// from the first to the last value r matches (dateRangeKeys), the only
// terms the field holds (see sortField). r itself, whose searcher reads
// the coarser terms as well, where bleve refuses it.
func publishedRange(r *query.DateRangeQuery) query.Query {
	lo, hi, ok := dateRangeKeys(r)
	if !ok {
		return r
	}
	term := func(key uint64) string { return string(numeric.MustNewPrefixCodedInt64(int64(key^1<<63), 0)) }
	inclusive := true
	q := bleve.NewTermRangeInclusiveQuery(term(lo), term(hi), &inclusive, &inclusive)
	q.SetField(r.FieldVal)
	q.SetBoost(r.BoostVal.Value())
	return q
}

// readDateKeys reads the value of the date field field of every document
// of seg from the field's terms of full precision: each as a key (its
// int64 with the sign bit flipped, ordered as the values), 0 for a
// document without one (below every range bleve matches: its lowest
// bound is that of -Inf). nil when a document has two values (a range
// matches a document when any of them is in it; bleve then searches).
func readDateKeys(seg segment.Segment, field string) ([]uint64, error) {
	dict, err := seg.Dictionary(field)
	if err != nil {
		return nil, fmt.Errorf("dates of %s: %w", field, err)
	}
	keys := make([]uint64, seg.Count())
	it := dict.AutomatonIterator(alwaysMatch{}, []byte{numeric.ShiftStartInt64}, []byte{numeric.ShiftStartInt64 + 1})
	var (
		pl segment.PostingsList
		pi segment.PostingsIterator
	)
	for {
		e, err := it.Next()
		if err != nil {
			return nil, fmt.Errorf("dates of %s: %w", field, err)
		}
		if e == nil {
			return keys, nil
		}
		key, ok := sortKeyOf([]byte(e.Term))
		if !ok {
			continue
		}
		if pl, err = dict.PostingsList([]byte(e.Term), nil, pl); err != nil {
			return nil, fmt.Errorf("dates of %s: %w", field, err)
		}
		pi = pl.Iterator(false, false, false, pi)
		for {
			p, err := pi.Next()
			if err != nil {
				return nil, fmt.Errorf("dates of %s: %w", field, err)
			}
			if p == nil {
				break
			}
			d := p.Number()
			if d >= uint64(len(keys)) {
				return nil, fmt.Errorf("dates of %s: document %d of %d", field, d, len(keys))
			}
			if keys[d] != 0 {
				return nil, nil
			}
			keys[d] = key
		}
	}
}

// alwaysMatch is the automaton of every term: a dictionary iterator
// over a range of terms.
type alwaysMatch struct{}

func (alwaysMatch) Start() int               { return 0 }
func (alwaysMatch) IsMatch(int) bool         { return true }
func (alwaysMatch) CanMatch(int) bool        { return true }
func (alwaysMatch) WillAlwaysMatch(int) bool { return true }
func (alwaysMatch) Accept(int, byte) int     { return 0 }

// bitmaps returns the documents of segment i that hold every term,
// read with the iterators its (one per term, reused), or, without terms,
// every document of the segment not deleted. They are not to be changed.
func (f *segFilter) bitmaps(i int, its []segment.PostingsIterator, into []*roaring.Bitmap) ([]*roaring.Bitmap, error) {
	into = into[:0]
	for t, lists := range f.lists {
		its[t] = lists[i].Iterator(false, false, false, its[t])
		bm, err := docBitmap(lists[i], its[t])
		if err != nil {
			return nil, err
		}
		into = append(into, bm)
	}
	if len(into) == 0 {
		all := roaring.New()
		all.AddRange(0, f.segs[i].Segment().Count()) // deleted documents too: they are taken out below
		if del := f.segs[i].Deleted(); del != nil {
			all.AndNot(del)
		}
		into = append(into, all)
	}
	return into, nil
}

// keep returns the test of segment i's candidates against the range:
// nil when there is none.
func (f *segFilter) keep(i int) func(doc uint64) bool {
	if f.dates == nil {
		return nil
	}
	dates, lo, hi := f.dates[i], f.lo, f.hi
	return func(doc uint64) bool {
		k := dates[doc]
		return k >= lo && k <= hi
	}
}

// filterSearcher is filterQuery's searcher on a scorch snapshot.
type filterSearcher struct {
	segCursor
	f   *segFilter
	its []segment.PostingsIterator
	bms []*roaring.Bitmap
}

func newFilterSearcher(snap *scorch.IndexSnapshot, f *segFilter) (*filterSearcher, error) {
	s := &filterSearcher{f: f, its: make([]segment.PostingsIterator, len(f.lists))}
	var err error
	if err = s.start(snap, s.load); err != nil {
		return nil, err
	}
	return s, nil
}

// load returns the candidates of segment i, the documents with every
// term, and sets the range's test of them.
func (s *filterSearcher) load(i int) (roaring.IntPeekable, error) {
	bms, err := s.f.bitmaps(i, s.its, s.bms)
	if err != nil {
		return nil, err
	}
	s.bms = bms
	s.keep = s.f.keep(i)
	return andOf(bms).Iterator(), nil
}

func (s *filterSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	doc, ok, err := s.next()
	if err != nil || !ok {
		return nil, err
	}
	s.matched(doc)
	rv := ctx.DocumentMatchPool.Get()
	rv.IndexInternalID = bindex.NewIndexInternalID(rv.IndexInternalID, s.id(doc))
	rv.Score = 0
	return rv, nil
}

func (s *filterSearcher) Advance(ctx *search.SearchContext, id bindex.IndexInternalID) (*search.DocumentMatch, error) {
	if err := s.seek(id.Value()); err != nil {
		return nil, err
	}
	return s.Next(ctx)
}

func (s *filterSearcher) Close() error { return nil }

// Weight is 0, and the norm is not used: see unscoredQuery.
func (s *filterSearcher) Weight() float64 { return 0 }

func (s *filterSearcher) SetQueryNorm(float64) {}

// Count is at most the matches; bleve's conjunction orders its searchers
// by it.
func (s *filterSearcher) Count() uint64 { return s.f.count }

func (s *filterSearcher) Min() int { return 0 }

func (s *filterSearcher) Size() int {
	n := 0
	for _, it := range s.its {
		if it != nil {
			n += it.Size()
		}
	}
	return n
}

func (s *filterSearcher) DocumentMatchPoolSize() int { return 1 }

var _ search.Searcher = (*filterSearcher)(nil)

// andOf returns the intersection of bms, which it does not change: the
// one bitmap itself when there is one.
func andOf(bms []*roaring.Bitmap) *roaring.Bitmap {
	if len(bms) == 1 {
		return bms[0]
	}
	return roaring.FastAnd(bms...)
}
