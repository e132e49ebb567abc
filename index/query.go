package index

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Query is a search request. [ParseQuery] builds one from the query
// language of the search box; the fields can also be set directly.
type Query struct {
	// Text holds whitespace-separated terms; each must occur as exact text in
	// the title or the body. "Quoted phrases" keep their spaces. Empty text
	// and no Clauses lists the documents that pass the filters.
	Text string

	// Clauses must all match; a clause matches when any of its terms does
	// (OR). Exclude lists terms no hit may match. ParseQuery fills both.
	Clauses [][]Term
	Exclude []Term

	// Optional exact filters. Site matches any name or host in a document's
	// lineage (a homepage URL stands for its host), so a provincial site
	// also finds its counties' articles. Year
	// is the year of Published in the date's own time zone.
	Site, Level, Column string
	Year                int

	// Optional published range: Since <= published < Until. A zero bound is
	// open. Documents with an unknown date never match a range.
	Since, Until time.Time

	// Sort is "" or "relevance" (the default; newest first when there is no
	// text to rank by), "published", "-published", "views" or "-views". A
	// leading "-" means descending. Documents without the value sort last;
	// ties are broken by relevance, then by ID.
	Sort string

	Size int // hits per page; 0 means DefaultSize
	From int // hits to skip; for shallow paging only (cost grows with From)

	// After is the cursor of the page to return: Results.Next of the
	// previous page, under the same query and Sort. Deep paging with After
	// costs the same on every page. From must be 0.
	After []string

	// Facets is the number of values to count per facet (see [Facets]),
	// the most frequent first; 0 means no facets. The year and level
	// facets, whose values are few, give every value (see facetSize).
	Facets int

	// NoSnippets leaves Hit.Snippet empty and does not ask the Bodies
	// hook for the hits' bodies: for a caller that reads the documents
	// itself (an export) and never shows a snippet.
	NoSnippets bool

	// Notes are what ParseQuery noticed and the user should know (a word
	// that looks like a misspelt field, "titel:…"); Search passes them on
	// in Results.Notes.
	Notes []Note
}

// Note is something in a query that may not be what the user meant.
type Note struct {
	Kind        string   // NoteField, NoteSite or NoteSiteReadAs
	Value       string   // as the user wrote it: "titel:光盘", "邢台"
	Suggestions []string // what may have been meant: "title:光盘"; site names or hosts
}

// Kinds of Note.
const (
	NoteField = "field" // a word that looks like a misspelt field is searched as text
	NoteSite  = "site"  // a site: value names no site of the index
	// NoteSiteReadAs: a site: value that names no site was searched as
	// the one site whose name it is without 文明网 (Suggestions[0]).
	NoteSiteReadAs = "site_read_as"
)

// String says the note in a sentence.
func (n Note) String() string {
	switch {
	case n.Kind == NoteField:
		return fmt.Sprintf("%s is searched as text; did you mean %s?", n.Value, strings.Join(n.Suggestions, " or "))
	case n.Kind == NoteSiteReadAs:
		return fmt.Sprintf("site:%s is read as site:%s", n.Value, n.Suggestions[0])
	case len(n.Suggestions) > 0:
		return fmt.Sprintf("site:%s names no site; did you mean site:%s?", n.Value, strings.Join(n.Suggestions, " or site:"))
	}
	return fmt.Sprintf("site:%s names no site of the archive (give a site's name, e.g. 河北文明网, or its host)", n.Value)
}

// Facet names: the keys of Results.Facets.
const (
	FacetProvince = "province" // name of the province-level site in the lineage
	FacetCity     = "city"
	FacetCounty   = "county"
	FacetColumn   = "column"
	FacetYear     = "year"
	FacetLevel    = "level" // level of the publishing site
)

// Facets lists the facet names in display order.
var Facets = []string{FacetProvince, FacetCity, FacetCounty, FacetColumn, FacetYear, FacetLevel}

// allValues is the size of a facet that gives every value: years and
// levels are few, and a reader browsing a result by year wants each year,
// not the ten with most matches and the rest as "other".
const allValues = 1000

// facetSize is how many values of facet name a search asking for n
// values per facet gives.
func facetSize(name string, n int) int {
	if name == FacetYear || name == FacetLevel {
		return max(n, allValues)
	}
	return n
}

// Results is one page of hits.
type Results struct {
	Total uint64 // all matching documents, not just this page
	// TotalIsLowerBound means that more than Total documents match:
	// Total is CountCap, where a search stopped counting. Which
	// documents match and which are on the page is exact either way.
	TotalIsLowerBound bool `json:",omitempty"`
	Hits              []Hit
	Took              time.Duration

	// Next is the cursor for the following page (Query.After), nil when
	// this page is the last.
	Next []string

	// Facets counts the values of each facet over all matches (not just
	// this page) when Query.Facets > 0.
	Facets map[string]Facet

	// Notes say what in the query may not be what the user meant: the
	// query's own Notes, and site: values that name no site of the index,
	// with the sites whose name or host contains them.
	Notes []Note `json:",omitempty"`
}

// Facet is the value counts of one facet.
type Facet struct {
	Values  []FacetValue // most frequent first (ties by value)
	Other   int          // matches with a value not in Values
	Missing int          // matches without a value
}

// FacetValue is one value of a facet and the number of matches that have it.
type FacetValue struct {
	Value string
	Count int
}

// Hit is one matching document.
type Hit struct {
	ID, URL, Title, SiteName, Site, Column, Level string
	Published                                     time.Time // zero = unknown
	Views                                         *int64    // nil = unknown
	// Snippet is HTML: escaped body text around the matches, terms in
	// <mark>. TitleHTML is the whole title the same way.
	Snippet, TitleHTML string
	Score              float64
	// Removed is when the article was first found removed from its site
	// (Document.Removed); zero while the site serves it.
	Removed time.Time
	// BodyChars is the length of the body in characters when it is longer
	// than MaxBodyChars, 0 otherwise. Only the first MaxBodyChars
	// characters of such a body are indexed: the hit matched there, a
	// search never looks at the rest, and the snippet comes from the part
	// searched.
	BodyChars int
}

// DefaultSize is the page size used when Query.Size is 0.
const DefaultSize = 10

// titleBoost weighs a match in the title above one in the body.
const titleBoost = 3.0

// storedFields are loaded for every hit.
var storedFields = []string{fieldURL, fieldTitle, fieldSiteName, fieldSite, fieldColumn, fieldLevel, fieldPublishedAt, fieldViews, fieldBodyChars, fieldRemovedAt}

// ErrDamaged means bleve failed inside a search or a count: the index
// files are damaged. The records are not; "wenming reindex" rebuilds the
// index from them.
var ErrDamaged = errors.New(`index damaged: run "wenming reindex" to rebuild it from the records`)

// recoverDamaged turns a panic inside bleve into an ErrDamaged error, so
// that one damaged segment fails a query instead of the process.
func recoverDamaged(path string, err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("index %s: %v: %w", path, r, ErrDamaged)
	}
}

// Search runs q and returns one page of hits.
func (ix *Index) Search(ctx context.Context, q Query) (_ *Results, err error) {
	defer recoverDamaged(ix.path, &err)
	res, err := ix.search(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("search index %s: %w", ix.path, err)
	}
	return res, nil
}

func (ix *Index) search(ctx context.Context, q Query) (*Results, error) {
	return ix.searchCapped(ctx, q, CountCap)
}

// searchCapped runs q, counting matches exactly up to countCap where that
// saves checking every match (see boundedSearch); 0 counts them all.
func (ix *Index) searchCapped(ctx context.Context, q Query, countCap int) (*Results, error) {
	size, err := checkRequest(ctx, q)
	if err != nil {
		return nil, err
	}
	p := plan(q, ix.queryAnalyzer)
	order, err := sortOrder(q.Sort, p.hasText)
	if err != nil {
		return nil, err
	}
	if err := checkCursor(q.After, order, q.Sort); err != nil {
		return nil, err
	}
	// One hit more than asked tells whether a next page exists. The
	// hits are collected by top, which applies the cursor and breaks ties
	// by ID (see topHits); bleve sorts by the rest of the order.
	top := newTopHits(order, q.After, q.From+size+1, q.From, storedFields, &ix.sorts)
	req := ix.bleveRequest(q, p, order, top, size)
	start := time.Now()
	// Filters keep the segments' dates in the index's cache.
	m, err := ix.matches(withSortCache(ctx, &ix.sorts), q, p, req, top, size, countCap)
	if err != nil {
		return nil, err
	}
	took := time.Since(start) // the search, not the snippets
	rv, err := ix.page(ctx, q, p, order, m, size)
	if err != nil {
		return nil, err
	}
	rv.Took = took
	if q2, readAs := readShortSiteNames(q, rv.Notes); len(readAs) > 0 {
		// Once more, with the sites' whole names.
		rv2, err := ix.searchCapped(ctx, q2, countCap)
		if err != nil {
			return nil, err
		}
		rv2.Notes = append(rv2.Notes, readAs...)
		return rv2, nil
	}
	return rv, nil
}

// siteSuffix is what the name of every site of the network ends with
// (邢台文明网); the name without it is how people call the site (邢台),
// as crawl --site takes it.
const siteSuffix = "文明网"

// readShortSiteNames returns q with each site: value, included or
// excluded, that names no site of the index (a NoteSite of notes) but is
// a site's name without siteSuffix (邢台 for 邢台文明网, one of the note's
// suggestions) read as that name, and a NoteSiteReadAs for each; none
// when there is none.
func readShortSiteNames(q Query, notes []Note) (Query, []Note) {
	whole := map[string]string{}
	var readAs []Note
	for _, n := range notes {
		if n.Kind == NoteSite && !strings.HasSuffix(n.Value, siteSuffix) && slices.Contains(n.Suggestions, n.Value+siteSuffix) {
			whole[n.Value] = n.Value + siteSuffix
			readAs = append(readAs, Note{Kind: NoteSiteReadAs, Value: n.Value, Suggestions: []string{n.Value + siteSuffix}})
		}
	}
	if len(readAs) == 0 {
		return q, nil
	}
	read := func(v string) string {
		if w, ok := whole[siteKey(v)]; ok {
			return w
		}
		return v
	}
	q.Site = read(q.Site)
	clauses := make([][]Term, len(q.Clauses))
	for i, c := range q.Clauses {
		clauses[i] = slices.Clone(c)
		for j, t := range c {
			if t.Field == FieldSite {
				clauses[i][j].Value = read(t.Value)
			}
		}
	}
	q.Clauses = clauses
	exclude := slices.Clone(q.Exclude)
	for i, t := range exclude {
		if t.Field == FieldSite {
			exclude[i].Value = read(t.Value)
		}
	}
	q.Exclude = exclude
	return q, readAs
}

// excludesSite reports whether q excludes a site (-site:邢台).
func excludesSite(q Query) bool {
	return slices.ContainsFunc(q.Exclude, func(t Term) bool { return t.Field == FieldSite })
}

// checkRequest returns the page size of q (DefaultSize when q leaves it
// at 0), or why q cannot be searched.
func checkRequest(ctx context.Context, q Query) (int, error) {
	// bleve's alias of shards answers a small search under a cancelled
	// context; one index does not. Neither starts one nobody waits for.
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if q.Size < 0 || q.From < 0 || q.Facets < 0 {
		return 0, fmt.Errorf("negative size %d, from %d or facets %d", q.Size, q.From, q.Facets)
	}
	if q.After != nil && q.From != 0 {
		return 0, fmt.Errorf("a cursor (After) and From %d cannot be combined", q.From)
	}
	if q.Size == 0 {
		return DefaultSize, nil
	}
	return q.Size, nil
}

// bleveRequest returns bleve's request for q planned as p, whose hits top
// collects, and tells top whether it counts the facets.
func (ix *Index) bleveRequest(q Query, p queryPlan, order search.SortOrder, top *topHits, size int) *bleve.SearchRequest {
	req := bleve.NewSearchRequestOptions(p.query, size+1, q.From, false)
	req.SortByCustom(order[:len(order)-1])
	if top.keyed != nil {
		req.SortByCustom(top.keyedSort(p.hasText))
	}
	if !p.hasText {
		// Filters only: every hit is as relevant as the next, whatever
		// index or shard scores it (ties of a sort go by ID).
		req.Score = "none"
	}
	// One index counts its facets in top, from cached values; a sharded
	// one has bleve count each shard's and merge them.
	top.countFacets = q.Facets > 0 && ix.shards == nil
	if q.Facets > 0 && !top.countFacets {
		size := q.Facets
		if ix.shards != nil {
			// Each shard counts every value, so that the merged counts
			// are exact (a value outside one shard's first few would be
			// missed); the first q.Facets are kept below.
			size = shardFacetSize
		}
		for _, name := range Facets {
			req.AddFacet(name, bleve.NewFacetRequest(name, facetSize(name, size)))
		}
	}
	return req
}

// matched is what a search found: the count of its matches, the hits
// top collected (those skipped by From included), and the facets bleve
// counted, if it did.
type matched struct {
	total      uint64
	lowerBound bool
	hits       search.DocumentMatchCollection
	facets     search.FacetResults
	top        *topHits
}

// matches runs the search of q, planned as p, by searchTermPair or
// boundedSearch where they apply and by bleve's req otherwise.
func (ix *Index) matches(ctx context.Context, q Query, p queryPlan, req *bleve.SearchRequest, top *topHits, size, countCap int) (matched, error) {
	m := matched{top: top}
	var err error
	done := false
	if pair, ok := ix.termPair(q, p); ok {
		m.total, done, err = ix.searchTermPair(ctx, pair, top)
	}
	switch {
	case done || err != nil:
	case ix.useBounded(q, p, size, countCap):
		m.total, m.lowerBound, err = ix.searchBounded(ctx, p, top, countCap)
	default:
		var sr *bleve.SearchResult
		sr, err = ix.b.SearchInContext(context.WithValue(ctx, search.MakeDocumentMatchHandlerKey, search.MakeDocumentMatchHandler(top.handler)), req)
		if err == nil {
			m.total, m.facets = sr.Total, sr.Facets
		}
	}
	if err == nil {
		m.hits, err = top.result()
	}
	if err != nil {
		if ctx.Err() != nil {
			return matched{}, err
		}
		// The request is built here from a parsed query: bleve failing
		// on it is bleve failing to read the index ("error loading
		// roaring bitmap" from a damaged segment), not the user's query.
		return matched{}, fmt.Errorf("%v: %w", err, ErrDamaged)
	}
	return m, nil
}

// page makes the Results of q from what its search matched: the hits
// after From, with their snippets, the cursor of the next page, the
// facets and the notes.
func (ix *Index) page(ctx context.Context, q Query, p queryPlan, order search.SortOrder, m matched, size int) (*Results, error) {
	hits := m.hits[min(len(m.hits), q.From):]
	rv := &Results{Total: m.total, TotalIsLowerBound: m.lowerBound, Hits: make([]Hit, 0, min(len(hits), size))}
	if len(hits) > size {
		hits = hits[:size]
		rv.Next = cursor(order, hits[size-1])
	}
	for _, h := range hits {
		rv.Hits = append(rv.Hits, makeHit(h, p.titleTerms))
	}
	if !q.NoSnippets {
		if err := ix.addSnippets(ctx, rv.Hits, p.bodyTerms); err != nil {
			return nil, err
		}
	}
	switch {
	case m.top.countFacets:
		rv.Facets = facetsOf(countedFacets(m.top.counted, q.Facets), q.Facets)
	case q.Facets > 0:
		rv.Facets = facetsOf(m.facets, q.Facets)
	}
	rv.Notes = append(rv.Notes, q.Notes...)
	if rv.Total == 0 || excludesSite(q) {
		// A site that names no site finds nothing, or, excluded,
		// excludes nothing: both are noted.
		notes, err := ix.siteNotes(q)
		if err != nil {
			return nil, fmt.Errorf("%v: %w", err, ErrDamaged)
		}
		rv.Notes = append(rv.Notes, notes...)
	}
	return rv, nil
}

// facetsOf are the first n values of each facet bleve counted, the rest
// counted as Other.
func facetsOf(counted search.FacetResults, n int) map[string]Facet {
	out := make(map[string]Facet, len(Facets))
	for _, name := range Facets {
		fr := counted[name]
		if fr == nil {
			continue
		}
		f := Facet{Other: fr.Other, Missing: fr.Missing, Values: []FacetValue{}}
		for i, t := range fr.Terms.Terms() {
			if i >= facetSize(name, n) {
				f.Other += t.Count // a sharded index's, counted in full
				continue
			}
			f.Values = append(f.Values, FacetValue{Value: t.Term, Count: t.Count})
		}
		out[name] = f
	}
	return out
}

// siteKey is the lineage term a site: value stands for: a name or host in
// lower case, or the host of a homepage URL (https://www.ngwm.gov.cn/ and
// www.ngwm.gov.cn/index.html are www.ngwm.gov.cn), as a user copies it from
// the browser's address bar.
func siteKey(v string) string {
	v = strings.ToLower(strings.TrimSpace(v))
	if i := strings.Index(v, "://"); i >= 0 {
		v = v[i+3:]
	} else if !strings.Contains(v, ".") {
		return v // a name: 邢台文明网
	}
	if i := strings.IndexAny(v, "/?#"); i >= 0 {
		v = v[:i]
	}
	return v
}

// maxSiteSuggestions bounds the sites a note suggests.
const maxSiteSuggestions = 5

// siteNotes says, for each site: value of q, included or excluded, that
// names no site of the index, which sites' names or hosts contain it
// (site:邢台 → 邢台文明网).
func (ix *Index) siteNotes(q Query) ([]Note, error) {
	var values []string
	if q.Site != "" {
		values = append(values, q.Site)
	}
	for _, c := range append(slices.Clone(q.Clauses), q.Exclude) {
		for _, t := range c {
			if t.Field == FieldSite {
				values = append(values, t.Value)
			}
		}
	}
	var notes []Note
	for _, v := range values {
		v = siteKey(v)
		exact := false
		var like []string
		err := ix.lineageTerms(func(term string) bool {
			if term == v {
				exact = true
				return false
			}
			if strings.Contains(term, v) {
				like = append(like, term)
			}
			return true
		})
		if err != nil {
			return nil, err
		}
		// The first in term order (a sharded index's terms come shard by
		// shard).
		slices.Sort(like)
		like = slices.Compact(like)
		like = like[:min(len(like), maxSiteSuggestions)]
		if !exact {
			notes = append(notes, Note{Kind: NoteSite, Value: v, Suggestions: like})
		}
	}
	return notes, nil
}

// shardFacetSize is the facet size a sharded index asks each shard for:
// more than any facet has values (the counties are some 3,000).
const shardFacetSize = 1 << 20

// lineageTerms calls fn with the terms of the lineage field, in order
// for one index, shard by shard for a sharded one, until fn returns
// false.
func (ix *Index) lineageTerms(fn func(term string) bool) error {
	var dicts []bleve.Index
	if ix.shards == nil {
		dicts = []bleve.Index{ix.b}
	} else {
		list := ix.shards.list()
		for _, name := range slices.Sorted(maps.Keys(list)) {
			dicts = append(dicts, list[name])
		}
	}
	for _, b := range dicts {
		dict, err := b.FieldDict(fieldLineage)
		if err != nil {
			return err
		}
		for {
			e, err := dict.Next()
			if err != nil {
				dict.Close()
				return err
			}
			if e == nil {
				break
			}
			if !fn(e.Term) {
				dict.Close()
				return nil
			}
		}
		dict.Close()
	}
	return nil
}

// ErrBadCursor is returned by Search when Query.After cannot be a cursor
// of the query's sort: the caller passed values it did not get as
// Results.Next (a client's mistake or forgery, not an index failure).
var ErrBadCursor = errors.New("bad cursor")

// checkCursor reports whether after can be a cursor under order (bleve
// does not check it when searching).
func checkCursor(after []string, order search.SortOrder, sort string) error {
	if after == nil {
		return nil
	}
	if len(after) != len(order) {
		return fmt.Errorf("%w: %d values do not fit sort %q; was it made for another sort?", ErrBadCursor, len(after), sort)
	}
	for i, s := range order {
		switch s.(type) {
		case *search.SortScore, *search.SortField:
			if _, err := strconv.ParseFloat(after[i], 64); err != nil {
				return fmt.Errorf("%w: value %d (%.40q) is not a number; was it made for another sort?", ErrBadCursor, i+1, after[i])
			}
		}
	}
	return nil
}

// cursor returns the search-after values of h: its decoded sort values
// (bleve's raw Sort values do not page), with the score, which bleve decodes
// as "_score", written out exactly.
func cursor(order search.SortOrder, h *search.DocumentMatch) []string {
	rv := make([]string, len(order))
	for i, s := range order {
		if _, ok := s.(*search.SortScore); ok {
			rv[i] = strconv.FormatFloat(h.Score, 'g', -1, 64)
			continue
		}
		if i < len(h.DecodedSort) {
			rv[i] = h.DecodedSort[i]
		}
	}
	return rv
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

// queryPlan is a Query turned into a bleve query, with the terms to
// highlight.
type queryPlan struct {
	query      query.Query
	hasText    bool     // some positive term is ranked by text
	bodyTerms  []string // terms to mark in snippets
	titleTerms []string // terms to mark in titles
}

// plan builds the bleve query: a conjunction of one clause per text term
// and per Clause (an OR clause as a disjunction), excluded terms as must-not,
// and the exact filters. With text to rank by, the filters join the
// conjunction unscored (see unscoredQuery), so that the text's postings
// skip the documents outside them; without, they are the conjunction
// itself (cheaper than filtering every document).
func plan(q Query, an analysis.Analyzer) queryPlan {
	var p queryPlan
	var must, mustNot []query.Query
	var filters filterQuery
	seenBody, seenTitle := map[string]bool{}, map[string]bool{}
	mark := func(t Term) {
		if t.Field == FieldText && !seenBody[t.Value] {
			seenBody[t.Value] = true
			p.bodyTerms = append(p.bodyTerms, t.Value)
		}
		if (t.Field == FieldText || t.Field == FieldTitle) && !seenTitle[t.Value] {
			seenTitle[t.Value] = true
			p.titleTerms = append(p.titleTerms, t.Value)
		}
	}
	for _, t := range Terms(q.Text) {
		tt := Term{Field: FieldText, Value: t}
		must = append(must, termQuery(tt, an))
		mark(tt)
		p.hasText = true
	}
	for _, c := range q.Clauses {
		var alts []query.Query
		text := false
		for _, t := range c {
			if t.Value == "" {
				continue
			}
			alts = append(alts, termQuery(t, an))
			if t.Field == FieldText || t.Field == FieldTitle {
				text = true
				mark(t)
			}
		}
		switch {
		case len(alts) == 0:
		case len(alts) == 1 && !text:
			filters.add(alts[0])
		case len(alts) == 1:
			must = append(must, alts[0])
		default:
			must = append(must, bleve.NewDisjunctionQuery(alts...))
		}
		p.hasText = p.hasText || text
	}
	for _, t := range q.Exclude {
		if t.Value != "" {
			mustNot = append(mustNot, termQuery(t, an))
		}
	}
	for _, t := range []Term{{FieldSite, q.Site}, {FieldLevel, q.Level}, {FieldColumn, q.Column}, {FieldYear, yearTerm(q.Year)}} {
		if t.Value != "" {
			filters.add(termQuery(t, an))
		}
	}
	if !q.Since.IsZero() || !q.Until.IsZero() {
		inclusive, exclusive := true, false
		since, until := representableRange(q.Since, q.Until)
		filters.rng = bleve.NewDateRangeInclusiveQuery(since, until, &inclusive, &exclusive)
		filters.rng.SetField(fieldPublished)
	}
	var mq query.Query
	switch tq := asTermsQuery(must, filters); {
	case tq != nil:
		mq = tq
		if tq.filter != nil {
			filters = filterQuery{}
		}
	case len(must) == 0 && !filters.empty():
		// Filters only: they are the query, scoring 0 as a search
		// without text scores (see bleveRequest).
		f := filters
		mq, filters = &f, filterQuery{}
	case len(must) == 0:
		mq = bleve.NewMatchAllQuery()
	case len(must) == 1:
		mq = must[0]
	default:
		mq = bleve.NewConjunctionQuery(must...)
	}
	if !filters.empty() {
		mq = bleve.NewConjunctionQuery(mq, &filters)
	}
	if len(mustNot) == 0 {
		p.query = mq
		return p
	}
	bq := bleve.NewBooleanQuery()
	bq.AddMust(mq)
	bq.AddMustNot(mustNot...)
	p.query = bq
	return p
}

// yearTerm is the value of the year field for year y, "" for 0.
func yearTerm(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y)
}

// termQuery matches one term: text as an exact phrase in title or body (the
// title weighted more), title text in the title, the other fields exactly.
func termQuery(t Term, an analysis.Analyzer) query.Query {
	exact := func(field, value string) query.Query {
		tq := bleve.NewTermQuery(value)
		tq.SetField(field)
		return tq
	}
	switch t.Field {
	case FieldTitle:
		return phrase(t.Value, fieldTitle, titleBoost, an)
	case FieldSite:
		return exact(fieldLineage, siteKey(t.Value))
	case FieldColumn:
		return exact(fieldColumn, t.Value)
	case FieldLevel:
		return exact(fieldLevel, t.Value)
	case FieldYear:
		return exact(fieldYear, t.Value)
	case FieldRemoved:
		return exact(fieldRemoved, t.Value)
	}
	return bleve.NewDisjunctionQuery(
		phrase(t.Value, fieldTitle, titleBoost, an),
		phrase(t.Value, fieldBody, 1, an),
	)
}

// phrase matches t as exact text in field: the query analyzer yields the
// bigrams of each ideograph run (a lone ideograph as a unigram) and every
// word, punctuation mark and space, at the positions the index analyzer gives
// them.
//
// A term that comes down to one indexed term (one character, found in the
// chars field, or two) is a term query: bleve's phrase searcher would read the
// term vectors of every match for nothing, which made such queries several
// times slower.
//
// Of the query's overlapping bigrams, the phrase keeps only those that
// cover its text (see phraseCover): "志愿服务" is 志愿, a position left
// open, then 服务. The bigram between them is implied, and each term
// fewer is one posting list and one set of positions fewer to read per
// candidate document.
func phrase(t, field string, boost float64, an analysis.Analyzer) query.Query {
	if an != nil {
		ts := an.Analyze([]byte(t))
		if tok := singleTerm(ts); tok != nil {
			tq := bleve.NewTermQuery(string(tok.Term))
			tq.SetField(field)
			if tok.Type != analysis.Double {
				// One character: all of them are in the chars field
				// (termsPositions keeps only the ends of runs).
				tq.SetField(charsField(field))
			}
			tq.SetBoost(boost)
			return tq
		}
		if terms := phraseCover(ts); len(terms) > 0 {
			// Every bigram of the query is in a document that holds
			// it (runs end by character class alone): those the
			// cover leaves out filter the documents.
			var filters []string
			for _, tok := range ts {
				if tok.Type == analysis.Double {
					filters = append(filters, string(tok.Term))
				}
			}
			return newPhraseQuery(terms, filters, field, boost)
		}
	}
	pq := bleve.NewMatchPhraseQuery(t)
	pq.SetField(field)
	pq.Analyzer = queryAnalyzerName
	pq.SetBoost(boost)
	return pq
}

// charsField is the field with every unigram of the text field field.
func charsField(field string) string {
	if field == fieldTitle {
		return fieldTitleUni
	}
	return fieldBodyUni
}

// singleTerm returns the one term a query token stream comes down to, or
// nil: a single token, or a bigram followed by the unigram of its second
// character (the tail cjk_bigram leaves at the end of a run), which the
// bigram implies.
func singleTerm(ts analysis.TokenStream) *analysis.Token {
	switch {
	case len(ts) == 1:
		return ts[0]
	case len(ts) == 2 && ts[0].Type == analysis.Double && ts[1].Type == analysis.Single &&
		ts[1].Position == ts[0].Position+1 && strings.HasSuffix(string(ts[0].Term), string(ts[1].Term)):
		return ts[0]
	}
	return nil
}

// phraseCover returns the phrase a query token stream needs, one term or
// none (a position left open) per position: the fewest tokens that
// together cover every character. A bigram at position p stands for the
// characters at p and p+1, so the bigram at p+1 is implied by those at p
// and p+2, and the unigram that ends a run of ideographs by the bigram
// before it. Matching stays exact: the kept bigrams at p and p+2 can only
// match where the characters at p…p+3 are the query's, in order. The
// unigrams it keeps are of characters alone between punctuation or white
// space (or one of them and an end of the query), which the index has at
// their positions: such a character starts or ends a run (see
// termsPositions).
func phraseCover(ts analysis.TokenStream) [][]string {
	if len(ts) == 0 {
		return nil
	}
	first, last := ts[0].Position, ts[0].Position
	for _, tok := range ts {
		first, last = min(first, tok.Position), max(last, tok.Position)
	}
	at := make([]*analysis.Token, last-first+1)
	for _, tok := range ts {
		if at[tok.Position-first] != nil {
			return nil // two tokens at one position: not this analyzer's stream
		}
		at[tok.Position-first] = tok
	}
	out := make([][]string, len(at))
	covered := 0 // the characters before this position are covered
	for i, tok := range at {
		if i < covered || tok == nil {
			continue
		}
		switch {
		case tok.Type == analysis.Double:
			out[i], covered = []string{string(tok.Term)}, i+2
		case tok.Type == analysis.Single && i > 0 && at[i-1] != nil && at[i-1].Type == analysis.Double:
			// The last character of a run: the bigram ending on it
			// covers it, and a bigram is rarer than a unigram.
			out[i-1], covered = []string{string(at[i-1].Term)}, i+1
		default:
			out[i], covered = []string{string(tok.Term)}, i+1
		}
	}
	for len(out) > 0 && out[len(out)-1] == nil {
		out = out[:len(out)-1]
	}
	return out
}

// sortOrder returns the bleve sort for s. Sorting by a field uses the sort
// fields, where every document has a value (see sortSentinel), so that
// search-after cursors work past documents whose value is unknown.
func sortOrder(s string, hasText bool) (search.SortOrder, error) {
	id := &search.SortDocID{}
	byField := func(field string, desc bool) search.SortOrder {
		return search.SortOrder{
			&search.SortField{Field: field, Type: search.SortFieldAsNumber, Desc: desc, Missing: search.SortFieldMissingLast},
			&search.SortScore{Desc: true},
			id,
		}
	}
	switch s {
	case "", "relevance":
		if !hasText {
			return byField(fieldSortPublishedDesc, true), nil
		}
		return search.SortOrder{&search.SortScore{Desc: true}, id}, nil
	case "published":
		return byField(fieldSortPublishedAsc, false), nil
	case "-published":
		return byField(fieldSortPublishedDesc, true), nil
	case "views":
		return byField(fieldSortViewsAsc, false), nil
	case "-views":
		return byField(fieldSortViewsDesc, true), nil
	}
	return nil, fmt.Errorf("unknown sort %q (want %s)", s, strings.Join(Sorts, ", "))
}

// representableRange is the published range [since, until) (a zero
// bound open) within the dates bleve's date range queries take (December
// 1677 to April 2262; it refuses a bound outside them, and no published
// date outside 1677-2262 is indexed: see newPublishedField). A range that
// holds none of them is an empty one inside them.
func representableRange(since, until time.Time) (time.Time, time.Time) {
	lo, hi := query.MinRFC3339CompatibleTime, query.MaxRFC3339CompatibleTime
	if since.After(hi) || (!until.IsZero() && !until.After(lo)) {
		return hi, hi
	}
	if !since.IsZero() && since.Before(lo) {
		since = lo
	}
	if until.After(hi) {
		until = hi
	}
	return since, until
}

// Sorts lists the values of Query.Sort ("" is relevance).
var Sorts = []string{"relevance", "published", "-published", "views", "-views"}

// makeHit is the hit of h, without its snippet (see addSnippets).
func makeHit(h *search.DocumentMatch, titleTerms []string) Hit {
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
		Level:    str(fieldLevel),
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
	if v, ok := h.Fields[fieldBodyChars].(float64); ok {
		hit.BodyChars = int(v)
	}
	if s := str(fieldRemovedAt); s != "" {
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
			hit.Removed = t
		}
	}
	hit.TitleHTML = Highlight(hit.Title, titleTerms)
	return hit
}
