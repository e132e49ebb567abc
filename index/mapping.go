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
)

// keywordFields are the exact-value fields: filters now, term facets later.
var keywordFields = []string{fieldSite, fieldSiteName, fieldLevel, fieldColumn, fieldYear, fieldLineage, fieldSource, fieldAuthor}

// newMapping returns the bleve index mapping used for new indexes.
func newMapping() (*mapping.IndexMappingImpl, error) {
	im := bleve.NewIndexMapping()
	filters, analyzers := analyzerConfigs()
	for name, cfg := range filters {
		if err := im.AddCustomTokenFilter(name, cfg); err != nil {
			return nil, fmt.Errorf("mapping: token filter %s: %w", name, err)
		}
	}
	for name, cfg := range analyzers {
		if err := im.AddCustomAnalyzer(name, cfg); err != nil {
			return nil, fmt.Errorf("mapping: analyzer %s: %w", name, err)
		}
	}
	im.DefaultAnalyzer = textAnalyzerName
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false

	text := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = textAnalyzerName
		f.Store = true
		f.IncludeTermVectors = true // phrase queries need positions
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	keyword := func(store bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Store = store
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = true // sorting and facets
		return f
	}
	storedOnly := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = keywordAnalyzerName
		f.Index = false
		f.Store = true
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}

	dm := bleve.NewDocumentMapping()
	dm.Dynamic = false
	dm.AddFieldMappingsAt(fieldTitle, text())
	dm.AddFieldMappingsAt(fieldBody, text())
	dm.AddFieldMappingsAt(fieldURL, storedOnly())
	dm.AddFieldMappingsAt(fieldPublishedAt, storedOnly())
	for _, name := range keywordFields {
		dm.AddFieldMappingsAt(name, keyword(name != fieldLineage))
	}

	published := bleve.NewDateTimeFieldMapping()
	published.Store = false
	published.IncludeInAll = false
	published.DocValues = true
	dm.AddFieldMappingsAt(fieldPublished, published)

	views := bleve.NewNumericFieldMapping()
	views.Store = true
	views.IncludeInAll = false
	views.DocValues = true
	dm.AddFieldMappingsAt(fieldViews, views)

	im.DefaultMapping = dm
	if err := im.Validate(); err != nil {
		return nil, fmt.Errorf("mapping: %w", err)
	}
	return im, nil
}
