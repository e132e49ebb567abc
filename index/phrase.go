package index

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// phraseQuery matches its terms at fixed distances from one another in
// one field: term i at position p + offsets[i] for some p. It scores a
// match as bleve's phrase query does (the sum of the terms' tf-idf scores,
// in the order of their document counts), so that ranking does not depend
// on which of the two ran, but checks the positions without building
// bleve's location maps: for a phrase of common bigrams (精神文明, in nine
// documents of ten) bleve's phrase searcher spent most of its time making
// a map of every term's every location in every candidate document and
// walking it. This one intersects the terms' postings and compares their
// positions as the postings give them, in order.
//
// filters are the terms the phrase implies beyond its terms (the bigrams
// a cover leaves out, see phraseCover): a document without one of them
// cannot hold the phrase, and finding that from which documents hold a
// term is much cheaper than from positions. They are not scored.
type phraseQuery struct {
	field   string
	terms   []string
	offsets []uint64 // of terms[i] from the phrase's first position
	filters []string
	boost   float64
}

// newPhraseQuery returns the phrase of cover, the output of phraseCover:
// one term or none (a position left open) per position; filters are
// terms every document holding the phrase holds.
func newPhraseQuery(cover [][]string, filters []string, field string, boost float64) *phraseQuery {
	q := &phraseQuery{field: field, boost: boost}
	for i, alts := range cover {
		if len(alts) == 0 {
			continue
		}
		q.terms = append(q.terms, alts[0])
		q.offsets = append(q.offsets, uint64(i))
	}
	for _, f := range filters {
		if !slices.Contains(q.terms, f) && !slices.Contains(q.filters, f) {
			q.filters = append(q.filters, f)
		}
	}
	return q
}

// Searcher implements bleve's query.Query.
func (q *phraseQuery) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	model := ""
	if ctx != nil {
		if fn, ok := ctx.Value(search.GetScoringModelCallbackKey).(search.GetScoringModelCallbackFn); ok {
			model = fn()
		}
	}
	snap, isSnap := r.(*scorch.IndexSnapshot)
	if options.Explain || (model != "" && model != bindex.TFIDFScoring) || len(q.terms) == 0 || !isSnap {
		// Not what this searcher scores like, or not segments it
		// reads: bleve's own.
		cover := make([][]string, 0, len(q.terms))
		for i, t := range q.terms {
			for uint64(len(cover)) < q.offsets[i] {
				cover = append(cover, nil)
			}
			cover = append(cover, []string{t})
		}
		return query.NewMultiPhraseQuery(cover, q.field).Searcher(ctx, r, m, options)
	}
	return newPhraseSearcher(snap, q, options, candidatesOnly(ctx), postingsOf(ctx))
}

// phraseSearcher is phraseQuery's searcher on a scorch snapshot. It reads
// the segments' postings itself: bleve's term field reader copies every
// position of every posting it reads into a term vector (with the field
// name, array positions and offsets), for every document of a term, and
// for a phrase of common bigrams that copying was a quarter of the search.
//
// In each segment it first intersects the bitmaps of the documents that
// hold each term and filter (the bitmaps the postings are made of), and
// reads the terms' positions only for the documents left, from iterators
// that skip the documents in between without decoding their positions.
type phraseSearcher struct {
	segCursor
	lists    [][]segment.PostingsList // [term][segment]: the terms, then the filters
	weights  []termWeight
	offsets  []uint64
	withFreq bool
	count    uint64
	// unverified makes every candidate (a document with every term and
	// filter) a match, scored as a match: see withCandidates.
	unverified bool

	locs    []segment.PostingsIterator // each term's, with positions
	filters []segment.PostingsIterator // each filter's, document numbers only
	bms     []*roaring.Bitmap
	cur     []segment.Posting // each term's posting on the candidate
	pos     []int
}

// pc, when not nil, holds the postings lists of snap read before and
// takes those read now.
func newPhraseSearcher(snap *scorch.IndexSnapshot, q *phraseQuery, options search.SearcherOptions, unverified bool, pc postingsCache) (*phraseSearcher, error) {
	docs, err := snap.DocCount()
	if err != nil {
		return nil, err
	}
	segs := snap.Segments()
	postings := func(t string) ([]segment.PostingsList, uint64, error) {
		if e, ok := pc[postingsKey{q.field, t}]; ok {
			return e.lists, e.count, nil
		}
		lists := make([]segment.PostingsList, len(segs))
		var count uint64
		for j, ss := range segs {
			dict, err := ss.Segment().Dictionary(q.field)
			if err != nil {
				return nil, 0, fmt.Errorf("phrase term %q: %w", t, err)
			}
			pl, err := dict.PostingsList([]byte(t), ss.Deleted(), nil)
			if err != nil {
				return nil, 0, fmt.Errorf("phrase term %q: %w", t, err)
			}
			lists[j] = pl
			count += pl.Count()
		}
		if pc != nil {
			pc[postingsKey{q.field, t}] = postingsEntry{lists, count}
		}
		return lists, count, nil
	}
	type term struct {
		lists  []segment.PostingsList
		count  uint64
		weight termWeight
		offset uint64
	}
	terms := make([]term, 0, len(q.terms))
	for i, t := range q.terms {
		lists, count, err := postings(t)
		if err != nil {
			return nil, err
		}
		terms = append(terms, term{lists, count, newTermWeight(q.boost, docs, count), q.offsets[i]})
	}
	// Rarest first, stable, as bleve's conjunction orders its searchers:
	// the order of the scores' sum is bleve's.
	slices.SortStableFunc(terms, func(a, b term) int { return cmp.Compare(a.count, b.count) })
	n := len(terms)
	s := &phraseSearcher{
		weights:    make([]termWeight, n),
		offsets:    make([]uint64, n),
		withFreq:   options.Score != "none",
		unverified: unverified,
		locs:       make([]segment.PostingsIterator, n),
		filters:    make([]segment.PostingsIterator, len(q.filters)),
		cur:        make([]segment.Posting, n),
		pos:        make([]int, n),
	}
	for i, t := range terms {
		s.lists = append(s.lists, t.lists)
		s.weights[i], s.offsets[i] = t.weight, t.offset
		s.count += t.count
	}
	for _, f := range q.filters {
		lists, _, err := postings(f)
		if err != nil {
			return nil, err
		}
		s.lists = append(s.lists, lists)
	}
	// As bleve's phrase searcher does, in case it is the whole query; a
	// parent sets the norm again.
	s.SetQueryNorm(1 / math.Sqrt(s.Weight()))
	if err = s.start(snap, s.load); err != nil {
		return nil, err
	}
	return s, nil
}

// load readies the iterators of segment i and returns its candidates:
// the documents that hold every term and filter.
func (s *phraseSearcher) load(i int) (roaring.IntPeekable, error) {
	s.bms = s.bms[:0]
	for t := range s.locs {
		// Unverified, the positions are never read: an iterator
		// without them skips their bytes.
		s.locs[t] = s.lists[t][i].Iterator(true, true, !s.unverified, s.locs[t])
		s.cur[t] = nil
		bm, err := docBitmap(s.lists[t][i], s.locs[t])
		if err != nil {
			return nil, err
		}
		s.bms = append(s.bms, bm)
	}
	for f := range s.filters {
		s.filters[f] = s.lists[len(s.locs)+f][i].Iterator(false, false, false, s.filters[f])
		bm, err := docBitmap(s.lists[len(s.locs)+f][i], s.filters[f])
		if err != nil {
			return nil, err
		}
		s.bms = append(s.bms, bm)
	}
	slices.SortFunc(s.bms, func(a, b *roaring.Bitmap) int { return cmp.Compare(a.GetCardinality(), b.GetCardinality()) })
	if len(s.bms) == 1 {
		return s.bms[0].Iterator(), nil // read only
	}
	return roaring.FastAnd(s.bms...).Iterator(), nil
}

// docBitmap returns the documents of a fresh iterator of pl: the bitmap
// it reads them from (not to be changed), or one made by reading them.
func docBitmap(pl segment.PostingsList, it segment.PostingsIterator) (*roaring.Bitmap, error) {
	if o, ok := it.(segment.OptimizablePostingsIterator); ok {
		if d, ok := o.DocNum1Hit(); ok {
			return roaring.BitmapOf(uint32(d)), nil
		}
		if bm := o.ActualBitmap(); bm != nil {
			return bm, nil
		}
		if pl.Count() == 0 {
			return roaring.New(), nil
		}
	}
	bm := roaring.New()
	docs := pl.Iterator(false, false, false, nil)
	for {
		p, err := docs.Next()
		if err != nil {
			return nil, err
		}
		if p == nil {
			return bm, nil
		}
		bm.Add(uint32(p.Number()))
	}
}

func (s *phraseSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	return s.nextMatch(ctx)
}

func (s *phraseSearcher) Advance(ctx *search.SearchContext, id bindex.IndexInternalID) (*search.DocumentMatch, error) {
	if err := s.seek(id.Value()); err != nil {
		return nil, err
	}
	return s.nextMatch(ctx)
}

// nextMatch returns the next candidate that matches.
func (s *phraseSearcher) nextMatch(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	for {
		doc, ok, err := s.next()
		if err != nil || !ok {
			return nil, err
		}
		matched, err := s.matches(doc)
		if err != nil {
			return nil, err
		}
		if matched {
			s.matched(doc)
			return s.score(ctx, doc), nil
		}
	}
}

// matches reports whether candidate doc, which holds every term, is a
// match: always when unverified (where the postings are read only for
// the score, and not at all without one), else when positionsMatch.
func (s *phraseSearcher) matches(doc uint64) (bool, error) {
	if s.unverified && !s.withFreq {
		return true, nil
	}
	if err := s.postingsAt(doc); err != nil {
		return false, err
	}
	if s.unverified {
		return true, nil
	}
	return s.positionsMatch(), nil
}

// postingsAt reads every term's posting of doc, which holds them all,
// into cur.
func (s *phraseSearcher) postingsAt(doc uint64) error {
	for t, it := range s.locs {
		p, err := it.Advance(doc)
		if err != nil {
			return err
		}
		if p == nil || p.Number() != doc {
			return fmt.Errorf("phrase term %d: no posting of document %d that holds it", t, doc)
		}
		s.cur[t] = p
	}
	return nil
}

// positionsMatch reports whether the postings in cur have every term at
// its offset from one start. Positions come in increasing order, so one
// pass over each term's suffices.
func (s *phraseSearcher) positionsMatch() bool {
	clear(s.pos)
	off0 := s.offsets[0]
next:
	for _, l := range s.cur[0].Locations() {
		p := l.Pos()
		if p < off0 {
			continue
		}
		start := p - off0
		for i := 1; i < len(s.cur); i++ {
			want := start + s.offsets[i]
			ls := s.cur[i].Locations()
			j := s.pos[i]
			for j < len(ls) && ls[j].Pos() < want {
				j++
			}
			s.pos[i] = j
			if j == len(ls) {
				return false
			}
			if ls[j].Pos() != want {
				continue next
			}
		}
		return true
	}
	return false
}

// score is the match of local document doc, scored as bleve's conjunction
// of the terms' term queries scores it: the sum of their scores in
// order (none without freq).
func (s *phraseSearcher) score(ctx *search.SearchContext, doc uint64) *search.DocumentMatch {
	rv := ctx.DocumentMatchPool.Get()
	rv.IndexInternalID = bindex.NewIndexInternalID(rv.IndexInternalID, s.id(doc))
	if !s.withFreq {
		return rv
	}
	var sum float64
	for i, c := range s.cur {
		sum += s.weights[i].score(c.Frequency(), c.Norm())
	}
	rv.Score = sum
	return rv
}

func (s *phraseSearcher) Close() error { return nil }

func (s *phraseSearcher) Weight() float64 {
	var w float64
	for i := range s.weights {
		w += s.weights[i].Weight()
	}
	return w
}

func (s *phraseSearcher) SetQueryNorm(norm float64) {
	for i := range s.weights {
		s.weights[i].SetQueryNorm(norm)
	}
}

// Count is bleve's conjunction's: the sum of the terms' counts, which a
// parent conjunction orders its searchers by.
func (s *phraseSearcher) Count() uint64 { return s.count }

func (s *phraseSearcher) Min() int { return 0 }

func (s *phraseSearcher) Size() int {
	n := 0
	for _, it := range slices.Concat(s.filters, s.locs) {
		if it != nil {
			n += it.Size()
		}
	}
	for _, lists := range s.lists {
		for _, pl := range lists {
			n += pl.Size()
		}
	}
	return n
}

func (s *phraseSearcher) DocumentMatchPoolSize() int { return 1 }

var _ search.Searcher = (*phraseSearcher)(nil)
