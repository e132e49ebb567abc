package index

import (
	"context"
	"math"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// pairSearcher is bleve's disjunction of two searchers (a text term's
// phrase in the title or in the body) without bleve's general machinery:
// the lists of matching searchers, the scorer's explanations and the
// merging of term locations it did for each match. It scores as bleve's
// does: the sum of the scores of the searchers on the document (two
// floats add the same in either order) times the share of the two that
// match, and sets their query norm as bleve's does.
type pairSearcher struct {
	s       [2]search.Searcher
	cur     [2]*search.DocumentMatch
	started bool
}

// newPairSearcher returns the searcher of q, a disjunction, when it is
// one of two: a pairSearcher of their searchers; nil otherwise.
func newPairSearcher(ctx context.Context, q query.Query, build func(query.Query) (search.Searcher, error)) (*pairSearcher, error) {
	dq, ok := q.(*query.DisjunctionQuery)
	if !ok || len(dq.Disjuncts) != 2 || dq.Min > 1 {
		return nil, nil
	}
	if breakdown, _ := ctx.Value(search.IncludeScoreBreakdownKey).(bool); breakdown {
		return nil, nil
	}
	p := &pairSearcher{}
	for i, d := range dq.Disjuncts {
		s, err := build(d)
		if err != nil {
			if i == 1 {
				p.s[0].Close()
			}
			return nil, err
		}
		p.s[i] = s
	}
	// bleve's computeQueryNorm.
	norm := 1.0 / math.Sqrt(p.s[0].Weight()+p.s[1].Weight())
	p.s[0].SetQueryNorm(norm)
	p.s[1].SetQueryNorm(norm)
	return p, nil
}

// start reads each searcher's first match.
func (p *pairSearcher) start(ctx *search.SearchContext) error {
	p.started = true
	for i, s := range p.s {
		d, err := s.Next(ctx)
		if err != nil {
			return err
		}
		p.cur[i] = d
	}
	return nil
}

func (p *pairSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if !p.started {
		if err := p.start(ctx); err != nil {
			return nil, err
		}
	}
	a, b := p.cur[0], p.cur[1]
	var rv *search.DocumentMatch
	var next []int
	switch {
	case a == nil && b == nil:
		return nil, nil
	case b == nil:
		rv, next = a, []int{0}
	case a == nil:
		rv, next = b, []int{1}
	default:
		switch c := a.IndexInternalID.Compare(b.IndexInternalID); {
		case c < 0:
			rv, next = a, []int{0}
		case c > 0:
			rv, next = b, []int{1}
		default:
			rv, next = a, []int{0, 1}
		}
	}
	if len(next) == 2 {
		rv.Score += b.Score // × 2/2
		ctx.DocumentMatchPool.Put(b)
	} else {
		rv.Score *= 0.5 // 1/2 match
	}
	for _, i := range next {
		d, err := p.s[i].Next(ctx)
		if err != nil {
			return nil, err
		}
		p.cur[i] = d
	}
	return rv, nil
}

func (p *pairSearcher) Advance(ctx *search.SearchContext, id bindex.IndexInternalID) (*search.DocumentMatch, error) {
	if !p.started {
		if err := p.start(ctx); err != nil {
			return nil, err
		}
	}
	for i, s := range p.s {
		if c := p.cur[i]; c != nil {
			if c.IndexInternalID.Compare(id) >= 0 {
				continue
			}
			ctx.DocumentMatchPool.Put(c)
		}
		d, err := s.Advance(ctx, id)
		if err != nil {
			return nil, err
		}
		p.cur[i] = d
	}
	return p.Next(ctx)
}

func (p *pairSearcher) Close() error {
	err := p.s[0].Close()
	if err1 := p.s[1].Close(); err == nil {
		err = err1
	}
	return err
}

func (p *pairSearcher) Weight() float64 { return p.s[0].Weight() + p.s[1].Weight() }

func (p *pairSearcher) SetQueryNorm(norm float64) {
	p.s[0].SetQueryNorm(norm)
	p.s[1].SetQueryNorm(norm)
}

func (p *pairSearcher) Count() uint64 { return p.s[0].Count() + p.s[1].Count() }

func (p *pairSearcher) Min() int { return 0 }

func (p *pairSearcher) Size() int { return p.s[0].Size() + p.s[1].Size() }

func (p *pairSearcher) DocumentMatchPoolSize() int {
	return p.s[0].DocumentMatchPoolSize() + p.s[1].DocumentMatchPoolSize() + 1
}

var _ search.Searcher = (*pairSearcher)(nil)
