package index

import (
	"math"
	"testing"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/scorer"
	bindex "github.com/blevesearch/bleve_index_api"
)

// TestTermWeightIsBleves checks that termWeight scores and weighs as
// bleve's TermQueryScorer does, bit for bit, before and after a query
// norm is set, over boosts, document counts, frequencies (within and
// beyond bleve's square root cache) and norms.
func TestTermWeightIsBleves(t *testing.T) {
	ctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(1, 0)}
	for _, boost := range []float64{1, titleBoost, 0.5} {
		for _, c := range []struct{ docs, count uint64 }{{100000, 1}, {100000, 92128}, {100000, 100000}, {7, 3}} {
			bs := scorer.NewTermQueryScorer([]byte("文明"), fieldBody, boost, c.docs, c.count, 0, search.SearcherOptions{})
			w := newTermWeight(boost, c.docs, c.count)
			if got, want := w.Weight(), bs.Weight(); math.Float64bits(got) != math.Float64bits(want) {
				t.Fatalf("boost %v, %d of %d: weight %v, bleve's %v", boost, c.count, c.docs, got, want)
			}
			for _, norm := range []float64{0, 1, 0.7071067690849304 /* a float32's */, 1 / math.Sqrt(3000)} {
				for _, freq := range []uint64{1, 2, 5, 63, 64, 65, 1000} {
					for _, qnorm := range []float64{0, 1, 0.12345} {
						if qnorm != 0 {
							bs.SetQueryNorm(qnorm)
							w.SetQueryNorm(qnorm)
						}
						dm := bs.Score(ctx, &bindex.TermFieldDoc{Freq: freq, Norm: norm})
						if got := w.score(freq, norm); math.Float64bits(got) != math.Float64bits(dm.Score) {
							t.Errorf("boost %v, %d of %d, freq %d, norm %v, query norm %v: score %v, bleve's %v",
								boost, c.count, c.docs, freq, norm, qnorm, got, dm.Score)
						}
						ctx.DocumentMatchPool.Put(dm)
					}
				}
			}
		}
	}
}
