package index

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	bindex "github.com/blevesearch/bleve_index_api"
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
type phraseQuery struct {
	field   string
	terms   []string
	offsets []uint64 // of terms[i] from the phrase's first position
	boost   float64
}

// newPhraseQuery returns the phrase of cover, the output of phraseCover:
// one term or none (a position left open) per position.
func newPhraseQuery(cover [][]string, field string, boost float64) *phraseQuery {
	q := &phraseQuery{field: field, boost: boost}
	for i, alts := range cover {
		if len(alts) == 0 {
			continue
		}
		q.terms = append(q.terms, alts[0])
		q.offsets = append(q.offsets, uint64(i))
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
	if options.Explain || (model != "" && model != bindex.TFIDFScoring) || len(q.terms) == 0 {
		// Not what this searcher scores like: bleve's own.
		cover := make([][]string, 0, len(q.terms))
		for i, t := range q.terms {
			for uint64(len(cover)) < q.offsets[i] {
				cover = append(cover, nil)
			}
			cover = append(cover, []string{t})
		}
		return query.NewMultiPhraseQuery(cover, q.field).Searcher(ctx, r, m, options)
	}
	return newPhraseSearcher(ctx, r, q, options)
}

// phraseSearcher is phraseQuery's searcher. Its terms are kept rarest
// first (as bleve's conjunction orders them), the rarest leading the
// intersection.
type phraseSearcher struct {
	readers []bindex.TermFieldReader
	scorers []*scorer.TermQueryScorer
	offsets []uint64
	tfds    []bindex.TermFieldDoc
	cur     []*bindex.TermFieldDoc // each reader's current posting; nil before the first
	dms     []*search.DocumentMatch
	pos     []int // positionsMatch's cursors, one per term
	count   uint64
	done    bool
}

func newPhraseSearcher(ctx context.Context, r bindex.IndexReader, q *phraseQuery, options search.SearcherOptions) (*phraseSearcher, error) {
	docs, err := r.DocCount()
	if err != nil {
		return nil, err
	}
	withFreq := options.Score != "none"
	scoreOpts := options
	scoreOpts.IncludeTermVectors = false
	type term struct {
		reader bindex.TermFieldReader
		scorer *scorer.TermQueryScorer
		offset uint64
	}
	terms := make([]term, 0, len(q.terms))
	closeAll := func() {
		for _, t := range terms {
			_ = t.reader.Close()
		}
	}
	for i, t := range q.terms {
		tfr, err := r.TermFieldReader(ctx, []byte(t), q.field, withFreq, withFreq, true)
		if err != nil {
			closeAll()
			return nil, fmt.Errorf("phrase term %q: %w", t, err)
		}
		terms = append(terms, term{tfr, scorer.NewTermQueryScorer([]byte(t), q.field, q.boost, docs, tfr.Count(), 0, scoreOpts), q.offsets[i]})
	}
	// Stable, as bleve's insertion sort of a few searchers is: the
	// order of the scores' sum is bleve's.
	slices.SortStableFunc(terms, func(a, b term) int {
		switch ca, cb := a.reader.Count(), b.reader.Count(); {
		case ca < cb:
			return -1
		case ca > cb:
			return 1
		}
		return 0
	})
	n := len(terms)
	s := &phraseSearcher{
		readers: make([]bindex.TermFieldReader, n),
		scorers: make([]*scorer.TermQueryScorer, n),
		offsets: make([]uint64, n),
		tfds:    make([]bindex.TermFieldDoc, n),
		cur:     make([]*bindex.TermFieldDoc, n),
		dms:     make([]*search.DocumentMatch, n),
		pos:     make([]int, n),
	}
	for i, t := range terms {
		s.readers[i], s.scorers[i], s.offsets[i] = t.reader, t.scorer, t.offset
		s.count += t.reader.Count()
	}
	// As bleve's phrase searcher does, in case it is the whole query; a
	// parent sets the norm again.
	s.SetQueryNorm(1 / math.Sqrt(s.Weight()))
	return s, nil
}

func (s *phraseSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if s.done {
		return nil, nil
	}
	first, err := s.readers[0].Next(s.tfds[0].Reset())
	if err != nil {
		return nil, err
	}
	return s.align(ctx, first)
}

func (s *phraseSearcher) Advance(ctx *search.SearchContext, id bindex.IndexInternalID) (*search.DocumentMatch, error) {
	if s.done {
		return nil, nil
	}
	first, err := s.readers[0].Advance(id, s.tfds[0].Reset())
	if err != nil {
		return nil, err
	}
	return s.align(ctx, first)
}

// align moves the other readers to first's document or past it until all
// are on one document whose positions make the phrase, and scores it;
// nil when the postings end.
func (s *phraseSearcher) align(ctx *search.SearchContext, first *bindex.TermFieldDoc) (*search.DocumentMatch, error) {
	var err error
	for first != nil {
		s.cur[0] = first
		var ahead bindex.IndexInternalID // a document some reader is past first's at
		for i := 1; i < len(s.readers) && ahead == nil; i++ {
			c := s.cur[i]
			if c == nil || c.ID.Compare(first.ID) < 0 {
				c, err = s.readers[i].Advance(first.ID, s.tfds[i].Reset())
				if err != nil {
					return nil, err
				}
				if c == nil {
					s.done = true
					return nil, nil
				}
				s.cur[i] = c
			}
			if c.ID.Compare(first.ID) > 0 {
				ahead = c.ID
			}
		}
		switch {
		case ahead != nil:
			first, err = s.readers[0].Advance(ahead, s.tfds[0].Reset())
		case s.positionsMatch():
			return s.score(ctx), nil
		default:
			first, err = s.readers[0].Next(s.tfds[0].Reset())
		}
		if err != nil {
			return nil, err
		}
	}
	s.done = true
	return nil, nil
}

// positionsMatch reports whether the current postings, all of one
// document, have every term at its offset from one start. Positions come
// in increasing order, so one pass over each term's suffices.
func (s *phraseSearcher) positionsMatch() bool {
	clear(s.pos)
	off0 := s.offsets[0]
next:
	for _, v := range s.cur[0].Vectors {
		if v.Pos < off0 {
			continue
		}
		start := v.Pos - off0
		for i := 1; i < len(s.cur); i++ {
			want := start + s.offsets[i]
			vs := s.cur[i].Vectors
			j := s.pos[i]
			for j < len(vs) && vs[j].Pos < want {
				j++
			}
			s.pos[i] = j
			if j == len(vs) {
				return false
			}
			if vs[j].Pos != want {
				continue next
			}
		}
		return true
	}
	return false
}

// score is the match of the current document, scored as bleve's
// conjunction of the terms scores it.
func (s *phraseSearcher) score(ctx *search.SearchContext) *search.DocumentMatch {
	var sum float64
	for i, c := range s.cur {
		tfd := bindex.TermFieldDoc{ID: c.ID, Freq: c.Freq, Norm: c.Norm} // no vectors: no locations made
		s.dms[i] = s.scorers[i].Score(ctx, &tfd)
		sum += s.dms[i].Score
	}
	rv := s.dms[0]
	for _, dm := range s.dms[1:] {
		ctx.DocumentMatchPool.Put(dm)
	}
	rv.Score = sum
	return rv
}

func (s *phraseSearcher) Close() error {
	var first error
	for _, r := range s.readers {
		if err := r.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

func (s *phraseSearcher) Weight() float64 {
	var w float64
	for _, sc := range s.scorers {
		w += sc.Weight()
	}
	return w
}

func (s *phraseSearcher) SetQueryNorm(norm float64) {
	for _, sc := range s.scorers {
		sc.SetQueryNorm(norm)
	}
}

// Count is bleve's conjunction's: the sum of the terms' counts, which a
// parent conjunction orders its searchers by.
func (s *phraseSearcher) Count() uint64 { return s.count }

func (s *phraseSearcher) Min() int { return 0 }

func (s *phraseSearcher) Size() int {
	n := 0
	for i, r := range s.readers {
		n += r.Size() + s.scorers[i].Size() + s.tfds[i].Size()
	}
	return n
}

func (s *phraseSearcher) DocumentMatchPoolSize() int { return len(s.readers) + 1 }

var _ search.Searcher = (*phraseSearcher)(nil)
