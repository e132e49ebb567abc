package index

import (
	"sort"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// segCursor walks a scorch snapshot's candidate documents segment by
// segment, in the snapshot's numbering: the walk phraseSearcher and
// termsSearcher share. Their own code says which documents of a segment
// are candidates (load, called on entering it) and which candidates
// match.
type segCursor struct {
	segs   []*scorch.SegmentSnapshot
	starts []uint64 // of each segment in the snapshot's numbering
	// load returns the candidates of segment i (and readies whatever
	// else the searcher reads there).
	load func(i int) (roaring.IntPeekable, error)

	seg  int                 // the segment being read; len(segs) at the end
	cand roaring.IntPeekable // its candidates not read yet
	// keep, when not nil, tells which of the segment's candidates to
	// read; load sets it.
	keep func(doc uint64) bool
	last uint64 // local number of the last match returned in seg, +1; 0 for none
}

// start makes c a cursor over snap's segments at the first candidate of
// the first. c is the searcher's own (load may set its keep).
func (c *segCursor) start(snap *scorch.IndexSnapshot, load func(i int) (roaring.IntPeekable, error)) error {
	segs := snap.Segments()
	starts := make([]uint64, len(segs))
	var start uint64
	for i, ss := range segs {
		starts[i] = start
		start += ss.Segment().Count() // deleted documents too: the snapshot numbers them all
	}
	*c = segCursor{segs: segs, starts: starts, load: load}
	return c.enter(0)
}

// enter starts reading segment i from its first document.
func (c *segCursor) enter(i int) error {
	c.seg, c.last, c.keep = i, 0, nil
	if i >= len(c.segs) {
		return nil
	}
	cand, err := c.load(i)
	if err != nil {
		return err
	}
	c.cand = cand
	return nil
}

// seek makes snapshot document n, or the first candidate after it, the
// next candidate read. Forwards to another segment, or backwards (to an
// earlier segment or before the last match), the segment is read again,
// as bleve's readers do: its iterators only go forwards.
func (c *segCursor) seek(n uint64) error {
	if len(c.segs) == 0 {
		return nil
	}
	// The segment of n: the last one starting at or before it.
	t := sort.Search(len(c.starts), func(x int) bool { return c.starts[x] > n }) - 1
	local := n - c.starts[t]
	if t != c.seg || local < c.last {
		if err := c.enter(t); err != nil {
			return err
		}
	}
	if local > 0 {
		c.cand.AdvanceIfNeeded(uint32(local))
	}
	return nil
}

// next returns the local number of the next candidate in c.seg, entering
// the next segments as needed; false at the end of the last.
func (c *segCursor) next() (uint64, bool, error) {
	for c.seg < len(c.segs) {
		for c.cand.HasNext() {
			if doc := uint64(c.cand.Next()); c.keep == nil || c.keep(doc) {
				return doc, true, nil
			}
		}
		if err := c.enter(c.seg + 1); err != nil {
			return 0, false, err
		}
	}
	return 0, false, nil
}

// matched records local document doc of c.seg as the last match
// returned.
func (c *segCursor) matched(doc uint64) { c.last = doc + 1 }

// id is the snapshot's number of local document doc of c.seg.
func (c *segCursor) id(doc uint64) uint64 { return c.starts[c.seg] + doc }
