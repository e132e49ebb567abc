package index

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
)

// Stats describes what the index holds.
type Stats struct {
	Documents  uint64
	ByLevel    []FacetValue // documents per level of the publishing site, most first
	ByProvince []FacetValue // documents per province-level site, most first
	ByYear     []FacetValue // documents per year published, newest year first
	// Newest and oldest publish times, and the newest fetch time; zero when
	// no document has one.
	NewestPublished, OldestPublished, NewestFetched time.Time
}

// statsFacetSize bounds the values counted per facet in Stats (there are 31
// provinces and a few decades of articles).
const statsFacetSize = 100

// Stats counts the documents by level, province and year and finds the
// newest and oldest publish times and the newest fetch.
func (ix *Index) Stats(ctx context.Context) (_ *Stats, err error) {
	defer recoverDamaged(ix.path, &err)
	st, err := ix.stats(ctx)
	if err != nil {
		return nil, fmt.Errorf("stats of index %s: %w", ix.path, err)
	}
	return st, nil
}

func (ix *Index) stats(ctx context.Context) (*Stats, error) {
	// top returns the decoded first sort value of the first document under
	// the sort on field (date), or "".
	top := func(field string, typ search.SortFieldType, desc bool, facets bool) (*bleve.SearchResult, string, error) {
		req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 1, 0, false)
		req.SortByCustom(search.SortOrder{&search.SortField{Field: field, Type: typ, Desc: desc, Missing: search.SortFieldMissingLast}})
		if facets {
			for _, f := range []string{fieldLevel, fieldProvince, fieldYear} {
				req.AddFacet(f, bleve.NewFacetRequest(f, statsFacetSize))
			}
		}
		sr, err := ix.b.SearchInContext(ctx, req)
		if err != nil || len(sr.Hits) == 0 || len(sr.Hits[0].DecodedSort) == 0 {
			return sr, "", err
		}
		return sr, sr.Hits[0].DecodedSort[0], nil
	}
	sr, fetched, err := top(fieldFetched, search.SortFieldAsDate, true, true)
	if err != nil {
		return nil, err
	}
	st := &Stats{Documents: sr.Total}
	if t, err := time.Parse(time.RFC3339Nano, fetched); err == nil {
		st.NewestFetched = t
	}
	values := func(name string) []FacetValue {
		rv := []FacetValue{}
		if fr := sr.Facets[name]; fr != nil {
			for _, t := range fr.Terms.Terms() {
				rv = append(rv, FacetValue{Value: t.Term, Count: t.Count})
			}
		}
		return rv
	}
	st.ByLevel, st.ByProvince, st.ByYear = values(fieldLevel), values(fieldProvince), values(fieldYear)
	sort.Slice(st.ByYear, func(i, j int) bool { return st.ByYear[i].Value > st.ByYear[j].Value })

	for _, x := range []struct {
		field string
		desc  bool
		dst   *time.Time
	}{
		{fieldSortPublishedDesc, true, &st.NewestPublished},
		{fieldSortPublishedAsc, false, &st.OldestPublished},
	} {
		_, v, err := top(x.field, search.SortFieldAsNumber, x.desc, false)
		if err != nil {
			return nil, err
		}
		var ms float64
		if _, err := fmt.Sscan(v, &ms); err == nil && ms > -sortSentinel && ms < sortSentinel {
			*x.dst = time.UnixMilli(int64(ms)).In(ChinaTime)
		}
	}
	return st, nil
}
