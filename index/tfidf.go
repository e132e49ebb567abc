package index

import (
	"math"
)

// termWeight scores one term's postings as bleve's TermQueryScorer
// scores them under its default model (tf-idf, no average document
// length), with the same arithmetic in the same order, so that a score
// is the same float64 bit for bit. Our searchers score every candidate
// of a common term: bleve's scorer took a DocumentMatch from the pool,
// filled and reset it for each, and the posting's norm took a square
// root each time.
type termWeight struct {
	boost, idf float64
	weight     float64 // boost × idf × the query norm; 1 until it is set
}

// newTermWeight returns the weight of a term in count of docs documents,
// boosted by boost.
func newTermWeight(boost float64, docs, count uint64) termWeight {
	// bleve's idf without an average document length.
	idf := 1.0 + math.Log(float64(docs)/float64(count+1.0))
	return termWeight{boost: boost, idf: idf, weight: 1}
}

// Weight is the term's share of the query norm (the scorer's Weight).
func (w *termWeight) Weight() float64 {
	sum := w.boost * w.idf
	return sum * sum
}

// SetQueryNorm sets the query norm (the scorer's SetQueryNorm).
func (w *termWeight) SetQueryNorm(norm float64) {
	w.weight = w.boost * w.idf * norm
}

// score is the score of a posting of freq occurrences in a field whose
// norm is norm.
func (w *termWeight) score(freq uint64, norm float64) float64 {
	tf := math.Sqrt(float64(freq))
	s := tf * norm * w.idf
	if w.weight != 1.0 {
		s *= w.weight
	}
	return s
}
