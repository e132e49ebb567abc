package index

import (
	"fmt"
	"sort"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// facetValues is one segment's values of one facet field: the terms of
// its doc values, numbered, and each document's term numbers. bleve's
// facet builders read a match's terms from the doc values for every
// match of every search, as strings into a map: for a common phrase that
// was half of a faceted search. A segment never changes once written, so
// its values are read once (into the sortCache) and counted by number.
type facetValues struct {
	terms  []string
	starts []uint32 // document d's term numbers are nums[starts[d]:starts[d+1]]
	nums   []uint32
	used   uint64 // sortCache.gen when last looked up
}

// readFacetValues reads the facet values of field for every document of
// seg; nil when seg cannot visit its doc values.
func readFacetValues(seg segment.Segment, field string) (*facetValues, error) {
	dv, ok := seg.(segment.DocValueVisitable)
	if !ok {
		return nil, nil
	}
	n := seg.Count()
	fv := &facetValues{starts: make([]uint32, 0, n+1)}
	number := map[string]uint32{}
	visit := func(f string, term []byte) {
		if f != field {
			return
		}
		num, ok := number[string(term)]
		if !ok {
			num = uint32(len(fv.terms))
			number[string(term)] = num
			fv.terms = append(fv.terms, string(term))
		}
		fv.nums = append(fv.nums, num)
	}
	fields := []string{field}
	var (
		state segment.DocVisitState
		err   error
	)
	for d := range n {
		fv.starts = append(fv.starts, uint32(len(fv.nums)))
		if state, err = dv.VisitDocValues(d, fields, visit, state); err != nil {
			return nil, fmt.Errorf("facet values of %s: %w", field, err)
		}
	}
	fv.starts = append(fv.starts, uint32(len(fv.nums)))
	return fv, nil
}

// facetValuesOf returns the values of the facet fields in each segment
// of snap, [segment][facet] in the order of Facets, reading those of
// segments not seen before; nil when a segment cannot visit its doc
// values.
func (c *sortCache) facetValuesOf(snap *scorch.IndexSnapshot) ([][]*facetValues, error) {
	segs := snap.Segments()
	rv := make([][]*facetValues, len(segs))
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	added := false
	for i, ss := range segs {
		rv[i] = make([]*facetValues, len(Facets))
		for f, name := range Facets {
			k := sortCacheKey{ss.Segment(), name}
			e := c.facets[k]
			if e == nil {
				fv, err := readFacetValues(ss.Segment(), name)
				if err != nil || fv == nil {
					return nil, err
				}
				e = fv
				if c.facets == nil {
					c.facets = map[sortCacheKey]*facetValues{}
				}
				c.facets[k] = e
				added = true
			}
			e.used = c.gen
			rv[i][f] = e
		}
	}
	if added {
		for k, e := range c.facets {
			if c.gen-e.used > sortCacheIdle {
				delete(c.facets, k)
			}
		}
	}
	return rv, nil
}

// facetCounter counts the facet values of the matches of one search of
// one index snapshot, as bleve's terms facet builders count them.
type facetCounter struct {
	starts  []uint64         // of each segment in the snapshot's numbering
	values  [][]*facetValues // [segment][facet]
	counts  [][][]int        // [segment][facet][term number]
	missing []int            // [facet]: matches without a value
	total   []int            // [facet]: values counted
	cur     int              // the segment of the last match: they come in order
}

// newFacetCounter returns the counter of the matches of snap, or nil
// when its segments' facet values cannot be read from the cache (bleve
// then counts them).
func newFacetCounter(snap *scorch.IndexSnapshot, cache *sortCache) (*facetCounter, error) {
	values, err := cache.facetValuesOf(snap)
	if err != nil || values == nil {
		return nil, err
	}
	fc := &facetCounter{
		starts:  make([]uint64, len(values)),
		values:  values,
		counts:  make([][][]int, len(values)),
		missing: make([]int, len(Facets)),
		total:   make([]int, len(Facets)),
	}
	var start uint64
	for i, ss := range snap.Segments() {
		fc.starts[i] = start
		start += ss.Segment().Count()
		fc.counts[i] = make([][]int, len(Facets))
		for f, fv := range values[i] {
			fc.counts[i][f] = make([]int, len(fv.terms))
		}
	}
	return fc, nil
}

// add counts the values of the match id.
func (fc *facetCounter) add(id bindex.IndexInternalID) {
	n := id.Value()
	i := fc.cur
	if n < fc.starts[i] || (i+1 < len(fc.starts) && n >= fc.starts[i+1]) {
		i = sort.Search(len(fc.starts), func(x int) bool { return fc.starts[x] > n }) - 1
		fc.cur = i
	}
	d := n - fc.starts[i]
	for f, fv := range fc.values[i] {
		nums := fv.nums[fv.starts[d]:fv.starts[d+1]]
		if len(nums) == 0 {
			fc.missing[f]++
			continue
		}
		counts := fc.counts[i][f]
		for _, num := range nums {
			counts[num]++
		}
		fc.total[f] += len(nums)
	}
}

// results are the counts as bleve's facet builders of size values
// give them: the size most frequent values (ties by value), the rest
// counted as Other.
func (fc *facetCounter) results(size int) search.FacetResults {
	rv := search.FacetResults{}
	for f, name := range Facets {
		byTerm := map[string]int{}
		for i := range fc.values {
			for num, count := range fc.counts[i][f] {
				if count > 0 {
					byTerm[fc.values[i][f].terms[num]] += count
				}
			}
		}
		fr := &search.FacetResult{Field: name, Total: fc.total[f], Missing: fc.missing[f], Terms: &search.TermFacets{}}
		for term, count := range byTerm {
			fr.Terms.Add(&search.TermFacet{Term: term, Count: count})
		}
		sort.Sort(fr.Terms)
		fr.Terms.TrimToTopN(min(facetSize(name, size), fr.Terms.Len()))
		fr.Other = fr.Total
		for _, t := range fr.Terms.Terms() {
			fr.Other -= t.Count
		}
		rv[name] = fr
	}
	return rv
}

// countedFacets are the facet results of the counters of a search's
// indexes (one, or none when nothing was searched).
func countedFacets(counted []*facetCounter, size int) search.FacetResults {
	if len(counted) == 1 {
		return counted[0].results(size)
	}
	empty := &facetCounter{missing: make([]int, len(Facets)), total: make([]int, len(Facets))}
	return empty.results(size)
}
