package index

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Query is a search request.
type Query struct {
	// Text holds whitespace-separated terms; each must occur as exact text in
	// the title or the body. "Quoted phrases" keep their spaces. Empty text
	// lists the documents that pass the filters.
	Text string

	// Optional exact filters. Site matches any name or host in a document's
	// lineage, so a provincial site also finds its counties' articles. Year
	// is the year of Published in the date's own time zone.
	Site, Level, Column string
	Year                int

	// Optional published range: Since <= published < Until. A zero bound is
	// open. Documents with an unknown date never match a range.
	Since, Until time.Time

	// Sort is "" or "relevance" (the default; newest first when Text is
	// empty), "published", "-published", "views" or "-views". A leading "-"
	// means descending. Documents without the value sort last.
	Sort string

	Size int // hits per page; 0 means 10
	From int // hits to skip
}

// Results is one page of hits.
type Results struct {
	Total uint64 // all matching documents, not just this page
	Hits  []Hit
	Took  time.Duration
}

// Hit is one matching document.
type Hit struct {
	ID, URL, Title, SiteName, Site, Column string
	Published                              time.Time // zero = unknown
	Views                                  *int64    // nil = unknown
	Snippet                                string    // HTML: escaped body text around the match, terms in <mark>
	Score                                  float64
}

// DefaultSize is the page size used when Query.Size is 0.
const DefaultSize = 10

// titleBoost weighs a match in the title above one in the body.
const titleBoost = 3.0

// storedFields are loaded for every hit.
var storedFields = []string{fieldURL, fieldTitle, fieldBody, fieldSiteName, fieldSite, fieldColumn, fieldPublishedAt, fieldViews}

// Search runs q and returns one page of hits.
func (ix *Index) Search(ctx context.Context, q Query) (*Results, error) {
	res, err := ix.search(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("search index %s: %w", ix.path, err)
	}
	return res, nil
}

func (ix *Index) search(ctx context.Context, q Query) (*Results, error) {
	if q.Size < 0 || q.From < 0 {
		return nil, fmt.Errorf("negative size %d or from %d", q.Size, q.From)
	}
	size := q.Size
	if size == 0 {
		size = DefaultSize
	}
	terms := Terms(q.Text)
	order, err := sortOrder(q.Sort, len(terms) > 0)
	if err != nil {
		return nil, err
	}
	req := bleve.NewSearchRequestOptions(buildQuery(terms, q), size, q.From, false)
	req.Fields = storedFields
	req.SortByCustom(order)
	sr, err := ix.b.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	rv := &Results{Total: sr.Total, Took: sr.Took, Hits: make([]Hit, 0, len(sr.Hits))}
	for _, h := range sr.Hits {
		rv.Hits = append(rv.Hits, makeHit(h, terms))
	}
	return rv, nil
}

// Terms splits user text into search terms the way Search does: width
// folded, split at white space, "quoted phrases" kept whole with their inner
// white space collapsed to one space. Repeated terms are dropped.
func Terms(text string) []string {
	var (
		rv      []string
		seen    = map[string]bool{}
		cur     strings.Builder
		quoted  bool
		pending bool // cur holds a space that is kept only if more follows
	)
	flush := func() {
		t := cur.String()
		cur.Reset()
		pending = false
		if t != "" && !seen[t] {
			seen[t] = true
			rv = append(rv, t)
		}
	}
	for _, r := range text {
		r, ok := foldRune(r)
		switch {
		case !ok:
		case r == '"':
			flush()
			quoted = !quoted
		case unicode.IsSpace(r):
			if !quoted {
				flush()
			} else if cur.Len() > 0 {
				pending = true
			}
		default:
			if pending {
				cur.WriteByte(' ')
				pending = false
			}
			cur.WriteRune(r)
		}
	}
	flush()
	return rv
}

// buildQuery ANDs one clause per term — a phrase query in the title or in
// the body — with the filters.
func buildQuery(terms []string, q Query) query.Query {
	var must []query.Query
	for _, t := range terms {
		must = append(must, bleve.NewDisjunctionQuery(
			phrase(t, fieldTitle, titleBoost),
			phrase(t, fieldBody, 1),
		))
	}
	term := func(field, value string) {
		if value != "" {
			tq := bleve.NewTermQuery(value)
			tq.SetField(field)
			must = append(must, tq)
		}
	}
	term(fieldLineage, q.Site)
	term(fieldLevel, q.Level)
	term(fieldColumn, q.Column)
	if q.Year != 0 {
		term(fieldYear, strconv.Itoa(q.Year))
	}
	if !q.Since.IsZero() || !q.Until.IsZero() {
		inclusive, exclusive := true, false
		dr := bleve.NewDateRangeInclusiveQuery(q.Since, q.Until, &inclusive, &exclusive)
		dr.SetField(fieldPublished)
		must = append(must, dr)
	}
	switch len(must) {
	case 0:
		return bleve.NewMatchAllQuery()
	case 1:
		return must[0]
	}
	return bleve.NewConjunctionQuery(must...)
}

// phrase matches t as exact text in field: the query analyzer yields the
// bigrams of each ideograph run (a lone ideograph as a unigram) and every
// word, punctuation mark and space, at the positions the index analyzer gives
// them.
func phrase(t, field string, boost float64) query.Query {
	pq := bleve.NewMatchPhraseQuery(t)
	pq.SetField(field)
	pq.Analyzer = queryAnalyzerName
	pq.SetBoost(boost)
	return pq
}

func sortOrder(s string, hasText bool) (search.SortOrder, error) {
	id := &search.SortDocID{}
	byField := func(field string, typ search.SortFieldType, desc bool) search.SortOrder {
		return search.SortOrder{
			&search.SortField{Field: field, Type: typ, Desc: desc, Missing: search.SortFieldMissingLast},
			&search.SortScore{Desc: true},
			id,
		}
	}
	switch s {
	case "", "relevance":
		if !hasText {
			return byField(fieldPublished, search.SortFieldAsDate, true), nil
		}
		return search.SortOrder{&search.SortScore{Desc: true}, id}, nil
	case "published", "-published":
		return byField(fieldPublished, search.SortFieldAsDate, s[0] == '-'), nil
	case "views", "-views":
		return byField(fieldViews, search.SortFieldAsNumber, s[0] == '-'), nil
	}
	return nil, fmt.Errorf("unknown sort %q (want relevance, published, -published, views or -views)", s)
}

func makeHit(h *search.DocumentMatch, terms []string) Hit {
	str := func(name string) string {
		s, _ := h.Fields[name].(string)
		return s
	}
	hit := Hit{
		ID:       h.ID,
		URL:      str(fieldURL),
		Title:    str(fieldTitle),
		SiteName: str(fieldSiteName),
		Site:     str(fieldSite),
		Column:   str(fieldColumn),
		Score:    h.Score,
	}
	if s := str(fieldPublishedAt); s != "" {
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
			hit.Published = t
		}
	}
	if v, ok := h.Fields[fieldViews].(float64); ok {
		n := int64(v)
		hit.Views = &n
	}
	hit.Snippet = Snippet(str(fieldBody), terms, SnippetWidth)
	return hit
}
