package index

import (
	"container/heap"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"
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
type topHits struct {
	sort          search.SortOrder // without the ID
	byScore, desc []bool
	after         *search.DocumentMatch // the cursor as a match, or nil
	k             int
	skip          int                  // of the first k, the matches before the page
	fields        *bleve.SearchRequest // the stored fields to load

	mu   sync.Mutex
	hits []*search.DocumentMatch // every index's first k, with IDs and fields
	err  error
}

// newTopHits returns the collector of the first k matches under order,
// which ends with the ID (see sortOrder), past the cursor after (nil for
// none; checked by checkCursor). The first skip of them are before the
// page and get no stored fields.
func newTopHits(order search.SortOrder, after []string, k, skip int, fields []string) *topHits {
	t := &topHits{sort: order[:len(order)-1], k: k, skip: skip, fields: &bleve.SearchRequest{Fields: fields}}
	t.byScore, t.desc = t.sort.CacheIsScore(), t.sort.CacheDescending()
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
		t.after = a
	}
	return t
}

// handler is a search.MakeDocumentMatchHandler.
func (t *topHits) handler(sctx *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
	c := &indexTop{t: t, r: sctx.IndexReader, pool: sctx.DocumentMatchPool}
	return c.add, false, nil
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
	return hs[:min(len(hs), t.k)], c.err
}

// indexTop collects one index's first k matches.
type indexTop struct {
	t    *topHits
	r    bindex.IndexReader
	pool *search.DocumentMatchPool
	h    []*search.DocumentMatch // a heap, the last in order on top
	err  error
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
func (c *indexTop) cmp(a, b *search.DocumentMatch) int {
	t := c.t
	for x := range t.sort {
		r := 0
		if t.byScore[x] {
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
func (c *indexTop) Push(x any)         { c.h = append(c.h, x.(*search.DocumentMatch)) }
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
	switch {
	case c.t.after != nil && c.cmp(d, c.t.after) <= 0:
		c.pool.Put(d)
	case len(c.h) < c.t.k:
		heap.Push(c, d)
	case c.cmp(d, c.h[0]) < 0:
		c.pool.Put(c.h[0])
		c.h[0] = d
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
	for i, d := range c.h {
		c.id(d)
		if c.err != nil {
			return c.err
		}
		sort := make([]string, 0, len(c.t.sort)+1)
		decoded := make([]string, 0, len(c.t.sort)+1)
		for x, s := range c.t.sort {
			v := d.Sort[x]
			if c.t.byScore[x] {
				v = "_score"
			}
			sort = append(sort, v)
			decoded = append(decoded, s.DecodeValue(v))
		}
		d.Sort, d.DecodedSort = append(sort, d.ID), append(decoded, d.ID)
		if i < c.t.skip {
			continue
		}
		if err, _ := bleve.LoadAndHighlightFields(d, c.t.fields, "", c.r, nil); err != nil {
			return err
		}
	}
	c.t.mu.Lock()
	c.t.hits = append(c.t.hits, c.h...)
	c.t.mu.Unlock()
	c.h = nil
	return nil
}
