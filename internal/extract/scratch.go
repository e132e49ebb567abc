package extract

import (
	"sync"

	"golang.org/x/net/html"
)

// The per-node slices of a page's analysis (page.all, last, textAt,
// wordMask, stats, rawText, under) are as long as the page has nodes, some
// sixty bytes a node: a third of what extracting a page allocated, most of
// it in allocations large enough that the runtime clears them page by
// page and hands them to the collector; the list of its visible texts
// (page.texts) grew by doubling, page by page. A page takes them from a
// pool and gives them back when its extraction is done (page.release):
// nothing of them outlives it, the Result holds strings and values of its
// own.

// pageScratch is one page's per-node slices, kept for the next page.
type pageScratch struct {
	all      []*html.Node
	last     []int32
	textAt   []int32
	wordMask []uint16
	stats    []nodeStats
	rawText  []rawStats
	under    []uint8
	texts    []visibleText
}

var scratchPool = sync.Pool{New: func() any { return new(pageScratch) }}

// maxPooledNodes bounds the pages whose slices go back to the pool: a
// page of a hundred thousand nodes is rare, and its slices (6 MB) are not
// kept for the pages after it.
const maxPooledNodes = 100_000

// takeScratch returns slices for a page of about n nodes, all and last
// empty with room for n.
func takeScratch(n int) *pageScratch {
	sc := scratchPool.Get().(*pageScratch)
	if cap(sc.all) < n {
		sc.all, sc.last = make([]*html.Node, 0, n), make([]int32, 0, n)
	}
	sc.all, sc.last = sc.all[:0], sc.last[:0]
	return sc
}

// zeroed sets *s to n zero values, reusing its array when large enough,
// and returns it.
func zeroed[T any](s *[]T, n int) []T {
	if cap(*s) < n {
		*s = make([]T, n)
		return *s
	}
	*s = (*s)[:n]
	clear(*s)
	return *s
}

// release gives the page's per-node slices back to the pool; the page is
// not used after it.
func (p *page) release() {
	sc := p.scratch
	if sc == nil {
		return
	}
	p.scratch = nil
	p.all, p.last, p.textAt, p.wordMask, p.stats, p.rawText, p.under, p.texts = nil, nil, nil, nil, nil, nil, nil, nil
	if cap(sc.all) > maxPooledNodes {
		return
	}
	clear(sc.all) // no node or text of this page kept alive by the pool
	clear(sc.texts)
	sc.texts = sc.texts[:0]
	scratchPool.Put(sc)
}
