package sitesim

import "sync"

// Pieces of pages that never change once the simulation is built — the
// chrome of a site (upward strip, menu, link blocks, footer) and its
// 点击排行 boxes, which draw from the initial articles and print their
// base-time counts — are rendered once and kept. The keys are bounded by
// the hierarchy, not by the articles or the requests: one entry per site
// and piece, and for the 点击排行 boxes one per site and key (a few
// fixed keys and one per column), a few hundred strings of at most a few
// KB in all, whatever Options.Articles is.

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
