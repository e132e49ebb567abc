package index

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Field names in the bleve index. The text fields are analyzed with
// [textAnalyzerName]; the keyword fields hold exact values for filters and
// facets.
const (
	fieldTitle       = "title"
	fieldBody        = "body"
	fieldTitleUni    = "title_uni" // the title's unigrams, without positions: one-character queries
	fieldBodyUni     = "body_uni"  // the body's
	fieldURL         = "url"
	fieldSite        = "site"
	fieldSiteName    = "site_name"
	fieldLevel       = "level"
	fieldColumn      = "column"
	fieldSource      = "source"
	fieldAuthor      = "author"
	fieldLineage     = "lineage"
	fieldYear        = "year"
	fieldPublished   = "published"    // datetime, indexed for ranges and sorting
	fieldPublishedAt = "published_at" // RFC 3339 text with the original offset, stored only
	fieldViews       = "views"
	fieldProvince    = "province"
	fieldCity        = "city"
	fieldCounty      = "county"
	fieldFetched     = "fetched"       // datetime, for the newest fetch in Stats
	fieldBodyChars   = "body_chars"    // stored only: the length of a body cut to MaxBodyChars
	fieldRemoved     = "removed"       // "yes" on an article its site no longer serves (removed:yes)
	fieldRemovedAt   = "removed_since" // stored only: when that was first seen, RFC 3339

	// Sort keys: every document has a value in each, so that search-after
	// cursors never meet a missing value (bleve cannot page past one). An
	// unknown value gets a sentinel that sorts last in that direction.
	fieldSortPublishedAsc  = "sort_published_asc"  // Unix milliseconds, unknown = +sortSentinel
	fieldSortPublishedDesc = "sort_published_desc" // Unix milliseconds, unknown = -sortSentinel
	fieldSortViewsAsc      = "sort_views_asc"      // views, unknown = +sortSentinel
	fieldSortViewsDesc     = "sort_views_desc"     // views, unknown = -sortSentinel
)

// sortSentinel stands for an unknown value in the sort fields. It is exact in
// a float64 and beyond any real millisecond time or view count.
const sortSentinel = 1e15

// keywordFields are the exact-value fields for filters and term facets.
var keywordFields = []string{fieldSite, fieldSiteName, fieldLevel, fieldColumn, fieldYear, fieldLineage, fieldSource, fieldAuthor,
	fieldProvince, fieldCity, fieldCounty, fieldRemoved}

// sortFields are the numeric fields used only for sorting.
var sortFields = []string{fieldSortPublishedAsc, fieldSortPublishedDesc, fieldSortViewsAsc, fieldSortViewsDesc}

// textFieldMapping is a text field: analyzed by analyzer when indexed,
// never in _all, without docvalues.
func textFieldMapping(analyzer string, index, store, positions bool) *mapping.FieldMapping {
	f := bleve.NewTextFieldMapping()
	f.Analyzer = analyzer
	f.Index = index
	f.Store = store
	f.IncludeTermVectors = positions
	f.IncludeInAll = false
	f.DocValues = false
	return f
}

// newMapping returns the bleve index mapping used for new indexes.
func newMapping() (*mapping.IndexMappingImpl, error) {
	im := bleve.NewIndexMapping()
	for name, cfg := range analyzerConfigs() {
		if err := im.AddCustomAnalyzer(name, cfg); err != nil {
			return nil, fmt.Errorf("mapping: analyzer %s: %w", name, err)
		}
	}
	im.DefaultAnalyzer = textAnalyzerName
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false

	// Title and body, with positions for phrase queries. The title is
	// stored for hits; the body is not: snippets get it from the caller
	// (see Bodies), who keeps it anyway.
	text := func(store bool) *mapping.FieldMapping { return textFieldMapping(textAnalyzerName, true, store, true) }
	// Their one-character terms, without positions.
	chars := func() *mapping.FieldMapping { return textFieldMapping(charsAnalyzerName, true, false, false) }
	storedOnly := func() *mapping.FieldMapping { return textFieldMapping(keywordAnalyzerName, false, true, false) }
	keyword := func(store bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Store = store
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = true // sorting and facets
		return f
	}

	dm := bleve.NewDocumentMapping()
	dm.Dynamic = false
	dm.AddFieldMappingsAt(fieldTitle, text(true))
	dm.AddFieldMappingsAt(fieldBody, text(false))
	dm.AddFieldMappingsAt(fieldTitleUni, chars())
	dm.AddFieldMappingsAt(fieldBodyUni, chars())
	dm.AddFieldMappingsAt(fieldURL, storedOnly())
	dm.AddFieldMappingsAt(fieldPublishedAt, storedOnly())
	dm.AddFieldMappingsAt(fieldRemovedAt, storedOnly())
	for _, name := range keywordFields {
		dm.AddFieldMappingsAt(name, keyword(name != fieldLineage))
	}

	published := bleve.NewDateTimeFieldMapping()
	published.Store = false
	published.IncludeInAll = false
	published.DocValues = false // ranges only; sorting uses the sort fields
	dm.AddFieldMappingsAt(fieldPublished, published)

	fetched := bleve.NewDateTimeFieldMapping()
	fetched.Store = false
	fetched.IncludeInAll = false
	fetched.DocValues = true
	dm.AddFieldMappingsAt(fieldFetched, fetched)

	for _, name := range []string{fieldViews, fieldBodyChars} { // numbers shown, never searched
		f := bleve.NewNumericFieldMapping()
		f.Index = false
		f.Store = true
		f.IncludeInAll = false
		f.DocValues = false
		dm.AddFieldMappingsAt(name, f)
	}

	for _, name := range sortFields {
		f := bleve.NewNumericFieldMapping()
		// Index stays true: bleve writes docvalues only for indexed fields.
		// Writer.Add makes these fields itself, and the fetch time, with
		// their term of full precision only (see sortField).
		f.Store = false
		f.IncludeInAll = false
		f.DocValues = true
		dm.AddFieldMappingsAt(name, f)
	}

	im.DefaultMapping = dm
	if err := im.Validate(); err != nil {
		return nil, fmt.Errorf("mapping: %w", err)
	}
	return im, nil
}
