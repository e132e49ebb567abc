package index

import (
	"reflect"
	"slices"
	"time"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Every segment of the index has every field the mapping can give a
// document: the first document of each batch carries the fields it has no
// value for (an article without author, views or publish date) empty,
// with no terms. zapx merges segments whose field lists are the same by
// copying each term's postings as they are; segments of different lists,
// by decoding every posting and encoding it again. Batches of records
// differ in which fields they have (a site without authors, one without
// view counts), and the indexing after a crawl of 20,000 articles spent
// 5.7 s of CPU merging where the same articles with fields the same in
// every batch took 3.4 s (0.96 → 0.87 ms of CPU an article in all). An
// empty field adds no term and no doc value; stored, it reads back as no
// value (see makeHit, readStored). One document a batch, not every one:
// a segment's fields are those of its documents together, and padding
// every document cost 5% more CPU an article where the fields were alike
// already.

// fieldShape is a field as documents of a mapping carry it: its name,
// type and options, which its empty stand-in takes (zapx takes a
// field's options as they were last seen, so they must be the same).
type fieldShape struct {
	name    string
	typ     byte
	options bindex.FieldIndexingOptions
}

// fieldShapes are the shapes of the fields of a document of m that has
// every field, in the order that document carries them; nil if m cannot
// map such a document (it then gets no stand-ins).
func fieldShapes(m mapping.IndexMapping, an *textAnalysis) []fieldShape {
	views := int64(1)
	t := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	full := Document{ID: "x", URL: "x", Title: "x", Body: "x", Site: "x", SiteName: "x", Level: "county",
		Column: "x", Source: "x", Author: "x", Lineage: []string{"x"}, Published: t, Views: &views,
		Province: "x", City: "x", County: "x", Fetched: t, bodyChars: 1}
	doc, err := full.document(m, an)
	if err != nil {
		return nil
	}
	shapes := make([]fieldShape, 0, len(doc.Fields))
	for _, f := range doc.Fields {
		if f.Name() == "_id" || slices.ContainsFunc(shapes, func(s fieldShape) bool { return s.name == f.Name() }) {
			continue
		}
		shapes = append(shapes, fieldShape{name: f.Name(), typ: f.EncodedFieldType(), options: f.Options()})
	}
	return shapes
}

// addAbsent appends to doc an empty field of each shape it lacks. It runs
// once a batch (see Writer.document): a plain search is enough.
func addAbsent(doc *document.Document, shapes []fieldShape) {
	has := func(name string) bool {
		return slices.ContainsFunc(doc.Fields, func(f document.Field) bool { return f.Name() == name })
	}
	for i := range shapes {
		if !has(shapes[i].name) {
			doc.Fields = append(doc.Fields, &emptyField{shape: &shapes[i]})
		}
	}
}

// emptyField is a field of a document that has no value for it: no
// terms, an empty stored value where the field is stored.
type emptyField struct{ shape *fieldShape }

var sizeOfEmptyField = int(reflect.TypeFor[emptyField]().Size())

func (f *emptyField) Name() string                                      { return f.shape.name }
func (f *emptyField) ArrayPositions() []uint64                          { return nil }
func (f *emptyField) Options() bindex.FieldIndexingOptions              { return f.shape.options }
func (f *emptyField) Analyze()                                          {}
func (f *emptyField) Value() []byte                                     { return nil }
func (f *emptyField) NumPlainTextBytes() uint64                         { return 0 }
func (f *emptyField) Size() int                                         { return sizeOfEmptyField }
func (f *emptyField) EncodedFieldType() byte                            { return f.shape.typ }
func (f *emptyField) AnalyzedLength() int                               { return 0 }
func (f *emptyField) AnalyzedTokenFrequencies() bindex.TokenFrequencies { return nil }
