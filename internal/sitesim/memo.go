package sitesim

import (
	"sync"
	"sync/atomic"
)

// Pieces of pages that never change once the simulation is built — the
// chrome of a site (upward strip, menu, link blocks, footer) and its
// 点击排行 boxes, which draw from the initial articles and print their
// base-time counts — are rendered once and kept. The keys are bounded by
// the hierarchy, not by the articles or the requests: one entry per site
// and piece, and for the 点击排行 boxes one per site and key (a few
// fixed keys and one per column), a few hundred strings of at most a few
// KB in all for the fixed 18 sites, whatever Options.Articles is. A wide
// hierarchy (Options.Sites) keeps as many per site: about 10 KB a site,
// 30 MB at 3,000 sites (a city's 友情链接 box lists every city).

// pieceKind names a memoized piece.
type pieceKind uint8

const (
	pieceUpStrip pieceKind = iota + 1
	pieceNav
	pieceGov
	pieceFooter
	pieceTabBox
	pieceParents
	pieceHot
)

type pieceKey struct {
	site int32
	kind pieceKind
	n    uint64 // the 点击排行 key; 0 for the chrome
}

// memo returns the piece (s, kind, n), rendering it with build the first
// time. build must depend on nothing that changes after New.
func (sim *Sim) memo(s *site, kind pieceKind, n uint64, build func() string) string {
	k := pieceKey{int32(s.idx), kind, n}
	if v, ok := sim.pieces.Load(k); ok {
		return v.(string)
	}
	v, _ := sim.pieces.LoadOrStore(k, build())
	return v.(string)
}

// memoPieces is the store of memo.
type memoPieces = sync.Map

// Titles. An article's title never changes (edits append to the body),
// and pages print the titles of other articles — lists, boxes, 上一篇 and
// 下一篇, related articles — so a crawl asks for most titles several
// times. The last titles asked for are kept in a direct-mapped table of
// titleSlots entries: 64 KB of slots and at most titleSlots titles
// (about 100 bytes each with their entry), under 1 MB in all.

// titleSlots is the size of the title table, a power of two.
const titleSlots = 1 << 13

type titleEntry struct {
	site, j int32
	title   string
}

// titleTable is the title table of a Sim.
type titleTable [titleSlots]atomic.Pointer[titleEntry]

// title is the article title exactly as the page shows it.
func (sim *Sim) title(a ref) string {
	slot := &sim.titles[(uint(a.j)+uint(a.s.idx)*2654435761)%titleSlots]
	if e := slot.Load(); e != nil && e.j == int32(a.j) && e.site == int32(a.s.idx) {
		return e.title
	}
	t := sim.makeTitle(a)
	slot.Store(&titleEntry{site: int32(a.s.idx), j: int32(a.j), title: t})
	return t
}
