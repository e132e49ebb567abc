package index

import (
	"fmt"
	"sort"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// sortCache holds the values of the numeric sort fields, one array per
// segment and field, read once from the segment's doc values and reused by
// every search sorted by that field: a segment never changes once written.
// bleve reads a match's sort value from the doc values for each match of
// each search (a numeric field has one term per precision there, some
// sixteen for a date, all visited to keep the one of full precision) and
// turns it into a string; for a common word sorted by date that was most of
// the search.
//
// Entries of segments that no search has used in a while (merged away)
// are dropped when another is added.
type sortCache struct {
	mu      sync.Mutex
	gen     uint64 // lookups so far
	entries map[sortCacheKey]*sortValues
	facets  map[sortCacheKey]*facetValues // see facetCounter
}

type sortCacheKey struct {
	seg   segment.Segment
	field string
}

// sortValues is one segment's values of one field, by local document
// number, as sort keys (see sortKey).
type sortValues struct {
	keys []uint64
	used uint64 // sortCache.gen when last looked up
}

// sortCacheIdle is how many lookups an entry may go unused before a new
// entry drops it. A lookup is one index searched (a shard of a sharded
// index is one), so this is many searches of a sharded index's shards.
const sortCacheIdle = 4096

// Sort keys stand for the values bleve sorts a numeric field by, its
// prefix-coded terms of full precision, in the same order: the key of a
// value is its int64 with the sign bit flipped (the order of the bytes of
// the prefix-coded term), and a document without a value gets the lowest
// key or the highest, as bleve's LowTerm and HighTerm sort before and after
// every term. The values of the sort fields (milliseconds or views within
// ±sortSentinel, see fieldSortPublishedAsc) never reach those two keys.
const (
	sortKeyLow  uint64 = 0
	sortKeyHigh uint64 = 1<<64 - 1
)

// sortKeyOf returns the key of a full-precision prefix-coded term.
func sortKeyOf(term []byte) (uint64, bool) {
	p := numeric.PrefixCoded(term)
	if shift, err := p.Shift(); err != nil || shift != 0 {
		return 0, false
	}
	i, err := p.Int64()
	if err != nil {
		return 0, false
	}
	return uint64(i) ^ 1<<63, true
}

// sortKeyMissing is the key of a document without a value under s (see
// search.SortField.Value).
func sortKeyMissing(s *search.SortField) uint64 {
	low := s.Desc
	if s.Missing != search.SortFieldMissingLast {
		low = !low
	}
	if low {
		return sortKeyLow
	}
	return sortKeyHigh
}

// sortTerm is the string bleve sorts by for key k (the inverse of
// sortKeyOf, with LowTerm and HighTerm).
func sortTerm(k uint64) string {
	switch k {
	case sortKeyLow:
		return search.LowTerm
	case sortKeyHigh:
		return search.HighTerm
	}
	return string(numeric.MustNewPrefixCodedInt64(int64(k^1<<63), 0))
}

// segmentKeys are the sort keys of one field in the segments of one index
// snapshot, and where each segment's documents start in the snapshot's
// numbering.
type segmentKeys struct {
	starts []uint64 // of each segment, increasing
	keys   [][]uint64
	cur    int // the segment of the last lookup: matches come in order
}

// key returns the sort key of the document id of the snapshot.
func (s *segmentKeys) key(id bindex.IndexInternalID) uint64 {
	n := id.Value()
	i := s.cur
	if n < s.starts[i] || (i+1 < len(s.starts) && n >= s.starts[i+1]) {
		i = sort.Search(len(s.starts), func(x int) bool { return s.starts[x] > n }) - 1
		s.cur = i
	}
	return s.keys[i][n-s.starts[i]]
}

// snapshotKeys returns the sort keys of the numeric field of sf in the
// snapshot r, reading the segments it has not seen before; nil, nil when r
// is not a scorch snapshot or a segment's doc values are not visitable
// (bleve then sorts as usual).
func (c *sortCache) snapshotKeys(r bindex.IndexReader, sf *search.SortField) (*segmentKeys, error) {
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, nil
	}
	missing := sortKeyMissing(sf)
	keys, err := c.snapshotValues(snap, sf.Field, func(seg segment.Segment, field string) ([]uint64, error) {
		return readSortKeys(seg, field, missing)
	})
	if err != nil || keys == nil {
		return nil, err
	}
	segs := snap.Segments()
	rv := &segmentKeys{starts: make([]uint64, len(segs)), keys: keys}
	var start uint64
	for i, ss := range segs {
		rv.starts[i] = start
		start += ss.Segment().Count() // deleted documents too: the snapshot numbers them all
	}
	return rv, nil
}

// snapshotValues returns the values of field in each segment of snap, as
// read reads them, reading those of segments the cache has not seen (all
// of them, kept for this call only, when c is nil); nil, nil when read
// returns nil for a segment.
func (c *sortCache) snapshotValues(snap *scorch.IndexSnapshot, field string, read func(segment.Segment, string) ([]uint64, error)) ([][]uint64, error) {
	segs := snap.Segments()
	rv := make([][]uint64, len(segs))
	if c == nil {
		for i, ss := range segs {
			keys, err := read(ss.Segment(), field)
			if err != nil || keys == nil {
				return nil, err
			}
			rv[i] = keys
		}
		return rv, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	added := false
	for i, ss := range segs {
		seg := ss.Segment()
		k := sortCacheKey{seg, field}
		e := c.entries[k]
		if e == nil {
			keys, err := read(seg, field)
			if err != nil || keys == nil {
				return nil, err
			}
			e = &sortValues{keys: keys}
			if c.entries == nil {
				c.entries = map[sortCacheKey]*sortValues{}
			}
			c.entries[k] = e
			added = true
		}
		e.used = c.gen
		rv[i] = e.keys
	}
	if added {
		c.dropIdle()
	}
	return rv, nil
}

// dropIdle drops the entries no lookup has used in a while (merged
// away). c.mu is held.
func (c *sortCache) dropIdle() {
	for k, e := range c.entries {
		if c.gen-e.used > sortCacheIdle {
			delete(c.entries, k)
		}
	}
}

// readSortKeys reads the sort keys of field for every document of seg;
// nil when seg cannot visit its doc values. A document without a value
// of full precision gets missing.
func readSortKeys(seg segment.Segment, field string, missing uint64) ([]uint64, error) {
	dv, ok := seg.(segment.DocValueVisitable)
	if !ok {
		return nil, nil
	}
	n := seg.Count()
	keys := make([]uint64, n)
	fields := []string{field}
	var (
		state segment.DocVisitState
		key   uint64
		found bool
		err   error
	)
	visit := func(f string, term []byte) {
		if found || f != field {
			return
		}
		key, found = sortKeyOf(term)
	}
	for d := range n {
		found = false
		state, err = dv.VisitDocValues(d, fields, visit, state)
		if err != nil {
			return nil, fmt.Errorf("sort values of %s: %w", field, err)
		}
		if found {
			keys[d] = key
		} else {
			keys[d] = missing
		}
	}
	return keys, nil
}
