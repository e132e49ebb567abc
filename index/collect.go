package index

import (
	"container/heap"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// topHits keeps the first k matches of a search in the order
// sort, then ID, reading a match's ID only when its sort values tie with
// another's. bleve's collector, given that order, reads the ID of every
// match (the ID sort needs it, and it sorts on strings made up front):
// for a common word that was a random read into the stored fields per
// match, some third of the search.
//
// The search runs with the sort alone (bleve then orders ties by the
// order it meets them, which topHits does not use) and with topHits as
// bleve's document match handler (search.MakeDocumentMatchHandlerKey),
// once per index that it searches: bleve still counts every match and
// builds the facets; the cursor (After) is applied here, on the same
// values. Each index's first k, with their stored fields, are kept when it
// ends; result merges them.
//
// When the sort starts with a numeric field (a date, views) and the index
// has a sortCache, the search asks bleve for no field at all (see
// keyedSort) and topHits reads the first sort value of each match from
// the cache, as a sort key, comparing numbers rather than strings.
type topHits struct {
	sort          search.SortOrder // without the ID
	byScore, desc []bool
	after         hit // the cursor as a match (after.d nil for none)
	k             int
	skip          int                  // of the first k, the matches before the page
	fields        *bleve.SearchRequest // the stored fields to load

	// keyed is the numeric field the sort starts with when its values
	// come from cache, not from bleve; nil otherwise.
	keyed *search.SortField
	cache *sortCache

	// countFacets has each index's matches' facet values counted here,
	// from cache, instead of by bleve; counted holds the counts.
	countFacets bool
	counted     []*facetCounter

	mu   sync.Mutex
	hits []hit // every index's first k, with IDs and fields
	err  error
}

// hit is a match and, for a keyed sort, its sort key.
type hit struct {
	d   *search.DocumentMatch
	key uint64
}

// newTopHits returns the collector of the first k matches under order,
// which ends with the ID (see sortOrder), past the cursor after (nil for
// none; checked by checkCursor). The first skip of them are before the
// page and get no stored fields.
//
// cache, when not nil, provides the values of a numeric field the sort
// starts with: bleve is then to sort by keyedSort.
func newTopHits(order search.SortOrder, after []string, k, skip int, fields []string, cache *sortCache) *topHits {
	t := &topHits{sort: order[:len(order)-1], k: k, skip: skip, fields: &bleve.SearchRequest{Fields: fields}, cache: cache}
	t.byScore, t.desc = t.sort.CacheIsScore(), t.sort.CacheDescending()
	if sf, ok := t.sort[0].(*search.SortField); ok && sf.Type == search.SortFieldAsNumber && cache != nil {
		t.keyed = sf
	}
	if after != nil {
		a := &search.DocumentMatch{Sort: make([]string, len(t.sort)), ID: after[len(after)-1]}
		for i, s := range t.sort {
			switch s := s.(type) {
			case *search.SortScore:
				a.Score, _ = strconv.ParseFloat(after[i], 64)
			case *search.SortField:
				f, _ := strconv.ParseFloat(after[i], 64)
				if s.Type == search.SortFieldAsNumber {
					a.Sort[i] = string(numeric.MustNewPrefixCodedInt64(numeric.Float64ToInt64(f), 0))
				} else {
					a.Sort[i] = after[i]
				}
			}
		}
		t.after = hit{d: a}
		if t.keyed != nil {
			t.after.key, _ = sortKeyOf([]byte(a.Sort[0]))
		}
	}
	return t
}

// keyedSort is the sort bleve is to use when t reads the first sort
// value itself: scores only, with the field's values neither read nor
// made into strings by bleve. Given twice when the search does not score,
// as bleve stops counting matches early under a lone score sort then.
func (t *topHits) keyedSort(scoring bool) search.SortOrder {
	if scoring {
		return search.SortOrder{&search.SortScore{Desc: true}}
	}
	return search.SortOrder{&search.SortScore{Desc: true}, &search.SortScore{Desc: true}}
}

// handler is a search.MakeDocumentMatchHandler.
func (t *topHits) handler(sctx *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
	c, err := t.indexTop(sctx.IndexReader)
	if err != nil {
		return nil, false, err
	}
	c.pool = sctx.DocumentMatchPool
	return c.add, false, nil
}

// indexTop returns the collector of the index r reads.
func (t *topHits) indexTop(r bindex.IndexReader) (*indexTop, error) {
	c := &indexTop{t: t, r: r}
	if t.countFacets {
		snap, ok := r.(*scorch.IndexSnapshot)
		if !ok {
			return nil, fmt.Errorf("facets of a %T", r)
		}
		fc, err := newFacetCounter(snap, t.cache)
		if err != nil {
			return nil, err
		}
		if fc == nil {
			return nil, errors.New("facet values not readable from the segments")
		}
		c.facets = fc
		t.mu.Lock()
		t.counted = append(t.counted, fc)
		t.mu.Unlock()
	}
	if t.keyed == nil {
		return c, nil
	}
	keys, err := t.cache.snapshotKeys(r, t.keyed)
	if err != nil {
		return nil, err
	}
	c.keys = keys
	if keys == nil {
		// Not a scorch snapshot: the values from bleve's doc values,
		// match by match.
		c.dv, err = r.DocValueReader([]string{t.keyed.Field})
		if err != nil {
			return nil, err
		}
	}
	return c, nil
}

// key returns the sort key of d under a keyed sort.
func (c *indexTop) key(d *search.DocumentMatch) (uint64, error) {
	if c.keys != nil {
		return c.keys.key(d.IndexInternalID), nil
	}
	field := c.t.keyed.Field
	key, found := uint64(0), false
	err := c.dv.VisitDocValues(d.IndexInternalID, func(f string, term []byte) {
		if !found && f == field {
			key, found = sortKeyOf(term)
		}
	})
	if !found {
		key = sortKeyMissing(c.t.keyed)
	}
	return key, err
}

// result returns the first k matches of all the indexes searched, in
// order.
func (t *topHits) result() ([]*search.DocumentMatch, error) {
	if t.err != nil {
		return nil, t.err
	}
	// Every hit has its ID now: cmp reads no index.
	c := &indexTop{t: t}
	hs := t.hits
	slices.SortFunc(hs, c.cmp)
	hs = hs[:min(len(hs), t.k)]
	rv := make([]*search.DocumentMatch, len(hs))
	for i, h := range hs {
		rv[i] = h.d
	}
	return rv, c.err
}

// indexTop collects one index's first k matches.
type indexTop struct {
	t    *topHits
	r    bindex.IndexReader
	pool *search.DocumentMatchPool
	h    []hit // a heap, the last in order on top
	err  error

	// For a keyed sort: the cached keys of the index's segments, or, when
	// there is no cache for the index, its doc values.
	keys *segmentKeys
	dv   bindex.DocValueReader

	facets *facetCounter // when topHits counts the facets

	// Where each segment of a scorch snapshot starts in its numbering
	// (read on the first hit's stored fields), and where the last ends.
	starts []uint64
	next   uint64
}

// id returns d's ID, reading it from the index the first time.
func (c *indexTop) id(d *search.DocumentMatch) string {
	if d.ID == "" && c.r != nil {
		id, err := c.r.ExternalID(d.IndexInternalID)
		if err != nil && c.err == nil {
			c.err = err
		}
		d.ID = id
	}
	return d.ID
}

// cmp orders a before b (< 0) or after it (> 0) by the sort, then by ID.
func (c *indexTop) cmp(ha, hb hit) int {
	t := c.t
	a, b := ha.d, hb.d
	for x := range t.sort {
		r := 0
		if x == 0 && t.keyed != nil {
			switch {
			case ha.key < hb.key:
				r = -1
			case ha.key > hb.key:
				r = 1
			}
		} else if t.byScore[x] {
			switch {
			case a.Score < b.Score:
				r = -1
			case a.Score > b.Score:
				r = 1
			}
		} else {
			r = strings.Compare(a.Sort[x], b.Sort[x])
		}
		if r != 0 {
			if t.desc[x] {
				r = -r
			}
			return r
		}
	}
	return strings.Compare(c.id(a), c.id(b))
}

// heap.Interface: the top is the last match in order.
func (c *indexTop) Len() int           { return len(c.h) }
func (c *indexTop) Less(i, j int) bool { return c.cmp(c.h[i], c.h[j]) > 0 }
func (c *indexTop) Swap(i, j int)      { c.h[i], c.h[j] = c.h[j], c.h[i] }
func (c *indexTop) Push(x any)         { c.h = append(c.h, x.(hit)) }
func (c *indexTop) Pop() any {
	d := c.h[len(c.h)-1]
	c.h = c.h[:len(c.h)-1]
	return d
}

// add is the document match handler: d is a match, or nil at the end.
func (c *indexTop) add(d *search.DocumentMatch) error {
	if d == nil {
		return c.finish()
	}
	if c.facets != nil {
		c.facets.add(d.IndexInternalID)
	}
	return c.offer(d)
}

// below reports whether a match scoring score, ranked by relevance,
// cannot enter c's first k: c holds k matches and the last scores more.
func (c *indexTop) below(score float64) bool {
	return len(c.h) == c.t.k && score < c.h[0].d.Score
}

// offer keeps match d if it is among the first k so far, without
// counting its facets.
func (c *indexTop) offer(d *search.DocumentMatch) error {
	h := hit{d: d}
	if c.t.keyed != nil {
		var err error
		if h.key, err = c.key(d); err != nil {
			return err
		}
	}
	switch {
	case c.t.after.d != nil && c.cmp(h, c.t.after) <= 0:
		c.pool.Put(d)
	case len(c.h) < c.t.k:
		heap.Push(c, h)
	case c.cmp(h, c.h[0]) < 0:
		c.pool.Put(c.h[0].d)
		c.h[0] = h
		heap.Fix(c, 0)
	default:
		c.pool.Put(d)
	}
	return c.err
}

// finish gives the index's first k their IDs, decoded sort values and
// stored fields, and hands them to topHits.
func (c *indexTop) finish() error {
	// In order: the first skip of this index's are before the page in
	// any merge, and need no stored fields.
	slices.SortFunc(c.h, c.cmp)
	for i, h := range c.h {
		d := h.d
		c.id(d)
		if c.err != nil {
			return c.err
		}
		sort := make([]string, 0, len(c.t.sort)+1)
		decoded := make([]string, 0, len(c.t.sort)+1)
		for x, s := range c.t.sort {
			var v string
			switch {
			case x == 0 && c.t.keyed != nil:
				v = sortTerm(h.key)
			case c.t.byScore[x]:
				v = "_score"
			default:
				v = d.Sort[x]
			}
			sort = append(sort, v)
			decoded = append(decoded, s.DecodeValue(v))
		}
		d.Sort, d.DecodedSort = append(sort, d.ID), append(decoded, d.ID)
		if i < c.t.skip {
			continue
		}
		if err := c.loadFields(d); err != nil {
			return err
		}
	}
	c.t.mu.Lock()
	c.t.hits = append(c.t.hits, c.h...)
	c.t.mu.Unlock()
	c.h = nil
	return nil
}

// loadFields sets d's stored fields of c.t.fields: from d's segment
// when c reads a scorch snapshot (see readStored), by bleve otherwise.
func (c *indexTop) loadFields(d *search.DocumentMatch) error {
	if snap, ok := c.r.(*scorch.IndexSnapshot); ok {
		if c.starts == nil {
			for _, ss := range snap.Segments() {
				c.starts = append(c.starts, c.next)
				c.next += ss.Segment().Count()
			}
		}
		n := d.IndexInternalID.Value()
		i := sort.Search(len(c.starts), func(x int) bool { return c.starts[x] > n }) - 1
		if i >= 0 && n < c.next {
			ok, err := readStored(d, snap.Segments()[i].Segment(), n-c.starts[i], c.t.fields.Fields)
			if ok || err != nil {
				return err
			}
		}
	}
	err, _ := bleve.LoadAndHighlightFields(d, c.t.fields, "", c.r, nil)
	return err
}

// readStored sets d.Fields to the values of the fields names stored
// for local document n of seg, as bleve.LoadAndHighlightFields sets them
// (a text as a string, a number as a float64, a field stored more than
// once as the list of its values), and reports true; false, leaving d
// alone, when one of them is of another type (bleve then loads them).
// bleve's loader finds the document by looking its ID up in every
// segment's dictionary of IDs first: for ten hits in an index of some
// fifty segments, a few hundred dictionary lookups, each allocating its
// readers.
func readStored(d *search.DocumentMatch, seg segment.Segment, n uint64, names []string) (bool, error) {
	type value struct {
		name string
		v    any
	}
	var vals []value
	ok := true
	err := seg.VisitStoredFields(n, func(field string, typ byte, v []byte, _ []uint64) bool {
		if !slices.Contains(names, field) {
			return true
		}
		switch typ {
		case 't':
			vals = append(vals, value{field, string(v)})
		case 'n':
			i, err := numeric.PrefixCoded(v).Int64()
			if err == nil {
				vals = append(vals, value{field, numeric.Int64ToFloat64(i)})
			}
		default:
			ok = false
			return false
		}
		return true
	})
	if err != nil || !ok {
		return false, err
	}
	for _, v := range vals {
		d.AddFieldValue(v.name, v.v)
	}
	return true, nil
}
