package export

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/wenming-archive/wenming/internal/article"
)

// Names and limits of the OpenSearch export.
const (
	// DefaultOpenSearchIndex is the index the bulk lines name, and the
	// name and pattern of the index template, unless another is given.
	DefaultOpenSearchIndex = "wenming"
	// OpenSearchTemplateFile is the index template in the export
	// directory, the body of PUT _index_template/NAME.
	OpenSearchTemplateFile = "template.json"
	// MaxBulkBytes is the largest bulk file the export writes: 100 MiB,
	// the default http.max_content_length of OpenSearch and
	// Elasticsearch, which refuse a bigger request outright.
	MaxBulkBytes = 100 << 20
	// DefaultBulkBytes is the size bulk files are cut at unless told
	// otherwise, a margin under MaxBulkBytes.
	DefaultBulkBytes = 90 << 20
	// MaxDocIDBytes is the longest _id OpenSearch and Elasticsearch take.
	MaxDocIDBytes = 512
)

// OpenSearch analysis: the names the template gives its components.
const (
	osAnalyzer     = "wenming_exact"
	osFormatFilter = "wenming_drop_format"
	osWidthFilter  = "wenming_width"
	osSpaceFilter  = "wenming_space"
	osTokenizer    = "wenming_char"
)

// osSpace is every white space character (unicode.IsSpace: the
// White_Space property), as a regular expression class that Java's
// java.util.regex and Go's regexp read alike.
const osSpace = `[\t\n\x{0B}\f\r\x{85}\p{Z}]`

// OpenSearchOptions configure [OpenSearch].
type OpenSearchOptions struct {
	// Index is the index name the bulk lines and the template use
	// (DefaultOpenSearchIndex when empty); see [CheckIndexName].
	Index string
	// MaxFileBytes bounds each bulk file (DefaultBulkBytes when 0, at
	// most MaxBulkBytes).
	MaxFileBytes int64
}

// OpenSearchReport says what [OpenSearch] wrote.
type OpenSearchReport struct {
	Articles int
	Template string   // the template's file name in the directory
	Bulk     []string // the bulk files' names in the directory, in order
	// HashedIDs counts the articles whose URL is longer than
	// MaxDocIDBytes: their _id is "sha256:" and the URL's hash.
	HashedIDs int
}

// OpenSearchDoc is an article as the OpenSearch export indexes it: the
// [Record]'s fields a search or a filter uses, with the body uncut, plus
// the province, city and county of its lineage (as wenming's own search
// facets them). Unknown values are left out rather than written empty,
// so that they match no filter and make no empty facet.
type OpenSearchDoc struct {
	URL                string             `json:"url"`
	Title              string             `json:"title"`
	Body               string             `json:"body"`
	Site               string             `json:"site,omitempty"`
	SiteName           string             `json:"site_name,omitempty"`
	Level              article.Level      `json:"level,omitempty"`
	Lineage            []article.Site     `json:"lineage,omitempty"`
	Province           string             `json:"province,omitempty"`
	City               string             `json:"city,omitempty"`
	County             string             `json:"county,omitempty"`
	Column             string             `json:"column,omitempty"`
	Source             string             `json:"source,omitempty"`
	Author             string             `json:"author,omitempty"`
	Editor             string             `json:"editor,omitempty"`
	Published          string             `json:"published,omitempty"` // RFC 3339, +08:00
	PublishedPrecision *article.Precision `json:"published_precision,omitempty"`
	Views              *int64             `json:"views,omitempty"`
	FetchedAt          string             `json:"fetched_at,omitempty"` // RFC 3339, +08:00
	Aliases            []string           `json:"aliases,omitempty"`
	// Removed is true for an article its site no longer serves (removed
	// at the source), first found so at RemovedSince: filter with
	// {"term": {"removed": true}}.
	Removed      bool   `json:"removed,omitempty"`
	RemovedSince string `json:"removed_since,omitempty"` // RFC 3339, +08:00
}

// NewOpenSearchDoc turns an archived article into its OpenSearch document.
// Times are cut to the second (an OpenSearch date keeps milliseconds).
func NewOpenSearchDoc(a *article.Article) OpenSearchDoc {
	r := NewRecord(a)
	d := OpenSearchDoc{
		URL: r.URL, Title: r.Title, Body: r.Body, Site: r.Site, SiteName: r.SiteName, Level: r.Level,
		Lineage: r.Lineage, Column: r.Column, Source: r.Source, Author: r.Author, Editor: r.Editor,
		PublishedPrecision: r.PublishedPrecision, Views: r.Views, Aliases: r.Aliases,
	}
	if r.Published != nil {
		d.Published = r.Published.Format(time.RFC3339)
	}
	if r.FetchedAt != nil {
		d.FetchedAt = r.FetchedAt.Format(time.RFC3339)
	}
	d.Province, d.City, d.County = a.Places()
	if r.Removed != nil {
		d.Removed, d.RemovedSince = true, r.Removed.Since.Format(time.RFC3339)
	}
	return d
}

// OpenSearchID is the _id of an article's document: its URL, or for a
// URL longer than MaxDocIDBytes (which OpenSearch refuses) "sha256:" and
// the URL's hash in hex.
func OpenSearchID(url string) (id string, hashed bool) {
	if url != "" && len(url) <= MaxDocIDBytes {
		return url, false
	}
	sum := sha256.Sum256([]byte(url))
	return "sha256:" + hex.EncodeToString(sum[:]), true
}

// CheckIndexName reports whether name is an index name OpenSearch and
// Elasticsearch accept: lower case, none of \ / * ? " < > | , # : or
// space, not starting with - _ +, not . or .., at most 255 bytes.
func CheckIndexName(name string) error {
	switch {
	case name == "":
		return errors.New("index name is empty")
	case name == "." || name == "..":
		return fmt.Errorf("index name %q is not allowed", name)
	case len(name) > 255:
		return fmt.Errorf("index name %q is longer than 255 bytes", name)
	case strings.ContainsAny(name[:1], "-_+"):
		return fmt.Errorf("index name %q starts with %q", name, name[:1])
	case strings.ToLower(name) != name:
		return fmt.Errorf("index name %q has upper-case letters", name)
	case !utf8.ValidString(name):
		return fmt.Errorf("index name %q is not UTF-8", name)
	}
	if i := strings.IndexAny(name, `\/*?"<>|,#: `); i >= 0 {
		return fmt.Errorf("index name %q contains %q", name, name[i:i+1])
	}
	return nil
}

// OpenSearch writes the articles of src into dir, which must exist, for
// an OpenSearch or Elasticsearch cluster: OpenSearchTemplateFile, the
// index template (see [OpenSearchTemplate]), and bulk-00001.ndjson,
// bulk-00002.ndjson … — the _bulk API's NDJSON, an action line
// {"index":{"_index":NAME,"_id":URL}} and the [OpenSearchDoc] on the next,
// each file at most MaxFileBytes long and holding whole pairs. Indexing
// the same export twice replaces the documents (the _id is the URL).
func OpenSearch(ctx context.Context, dir string, src Source, opts OpenSearchOptions) (OpenSearchReport, error) {
	var rep OpenSearchReport
	opts.Index = cmp.Or(opts.Index, DefaultOpenSearchIndex)
	if err := CheckIndexName(opts.Index); err != nil {
		return rep, fmt.Errorf("export opensearch: %w", err)
	}
	if opts.MaxFileBytes == 0 {
		opts.MaxFileBytes = DefaultBulkBytes
	}
	if opts.MaxFileBytes < 0 || opts.MaxFileBytes > MaxBulkBytes {
		return rep, fmt.Errorf("export opensearch: bulk file size %d: want 1 to %d bytes", opts.MaxFileBytes, MaxBulkBytes)
	}
	tmpl, err := OpenSearchTemplate(opts.Index)
	if err != nil {
		return rep, err
	}
	if err := os.WriteFile(filepath.Join(dir, OpenSearchTemplateFile), tmpl, 0o644); err != nil {
		return rep, fmt.Errorf("export opensearch: %w", err)
	}
	rep.Template = OpenSearchTemplateFile

	bw := &bulkWriter{dir: dir, limit: opts.MaxFileBytes}
	var pair bytes.Buffer
	enc := json.NewEncoder(&pair)
	enc.SetEscapeHTML(false)
	type target struct {
		Index string `json:"_index"`
		ID    string `json:"_id"`
	}
	type action struct {
		Index target `json:"index"`
	}
	rep.Articles, err = src.each(ctx, func(a *article.Article) error {
		id, hashed := OpenSearchID(a.URL)
		pair.Reset()
		if err := enc.Encode(action{target{opts.Index, id}}); err != nil {
			return err
		}
		if err := enc.Encode(NewOpenSearchDoc(a)); err != nil {
			return err
		}
		if err := bw.add(pair.Bytes()); err != nil {
			return err
		}
		if hashed {
			rep.HashedIDs++
		}
		return nil
	})
	if cerr := bw.close(); err == nil {
		err = cerr
	}
	rep.Bulk = bw.files
	if err != nil {
		return rep, fmt.Errorf("export opensearch: %w", err)
	}
	return rep, nil
}

// bulkWriter writes action and document pairs into numbered files of at
// most limit bytes each.
type bulkWriter struct {
	dir   string
	limit int64
	f     *os.File
	w     *bufio.Writer
	size  int64
	files []string
}

func (b *bulkWriter) add(pair []byte) error {
	n := int64(len(pair))
	if n > b.limit {
		return fmt.Errorf("the article's bulk lines are %d bytes, more than the %d a bulk file may hold", n, b.limit)
	}
	if b.f == nil || b.size+n > b.limit {
		if err := b.close(); err != nil {
			return err
		}
		name := fmt.Sprintf("bulk-%05d.ndjson", len(b.files)+1)
		f, err := os.OpenFile(filepath.Join(b.dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		b.f, b.w, b.size = f, bufio.NewWriterSize(f, 1<<20), 0
		b.files = append(b.files, name)
	}
	if _, err := b.w.Write(pair); err != nil {
		return err
	}
	b.size += n
	return nil
}

func (b *bulkWriter) close() error {
	if b.f == nil {
		return nil
	}
	err := b.w.Flush()
	if cerr := b.f.Close(); err == nil {
		err = cerr
	}
	b.f, b.w = nil, nil
	return err
}

// OpenSearchTemplate returns the index template for an index named index
// (the body of PUT _index_template/INDEX; index_patterns [INDEX]). Its
// analysis reproduces wenming's exact matching with components every
// OpenSearch and Elasticsearch has (no plugin):
//
//   - char filters: invisible formatting characters (\p{Cf}: zero-width
//     space, BOM, soft hyphen …) dropped; width folded with a mapping of
//     every character golang.org/x/text/width folds (full-width ASCII to
//     ASCII, U+3000 to a space, half-width katakana to full-width …);
//     every run of white space made one space;
//   - a pattern tokenizer that makes every character a token of its own
//     (an ideograph, a letter, a digit, a punctuation mark, the space);
//   - lowercase.
//
// title and body are text fields with index_phrases, which indexes every
// pair of adjacent tokens (the bigrams) in a field of its own beside the
// characters (the unigrams). A match_phrase query is then exact: one
// character is a term query on the unigrams; two or more are a phrase of
// the query's bigrams, which the text has, at consecutive positions, only
// where it holds the query's characters in a row — inside longer words,
// never across punctuation or space the query lacks. The other fields are
// keywords (for filters and aggregations), dates and a long.
func OpenSearchTemplate(index string) ([]byte, error) {
	if err := CheckIndexName(index); err != nil {
		return nil, fmt.Errorf("opensearch template: %w", err)
	}
	keyword := map[string]any{"type": "keyword"}
	text := map[string]any{"type": "text", "analyzer": osAnalyzer, "index_phrases": true}
	date := map[string]any{"type": "date", "format": "strict_date_optional_time"}
	props := map[string]any{
		"url": keyword, "title": text, "body": text,
		"lineage":   map[string]any{"properties": map[string]any{"host": keyword, "name": keyword, "level": keyword}},
		"published": date, "fetched_at": date,
		"views":   map[string]any{"type": "long"},
		"removed": map[string]any{"type": "boolean"}, "removed_since": date,
	}
	for _, k := range []string{"site", "site_name", "level", "province", "city", "county", "column",
		"source", "author", "editor", "published_precision", "aliases"} {
		props[k] = keyword
	}
	tmpl := map[string]any{
		"index_patterns": []string{index},
		"_meta": map[string]any{
			"description": "wenming export --format opensearch: exact matching with match_phrase on title and body",
		},
		"template": map[string]any{
			"settings": map[string]any{"analysis": map[string]any{
				"char_filter": map[string]any{
					osFormatFilter: map[string]any{"type": "pattern_replace", "pattern": `\p{Cf}+`, "replacement": ""},
					osWidthFilter:  map[string]any{"type": "mapping", "mappings": widthMappings()},
					osSpaceFilter:  map[string]any{"type": "pattern_replace", "pattern": osSpace + "+", "replacement": " "},
				},
				"tokenizer": map[string]any{
					osTokenizer: map[string]any{"type": "pattern", "pattern": "(?s).", "group": 0},
				},
				"analyzer": map[string]any{
					osAnalyzer: map[string]any{
						"type":        "custom",
						"char_filter": []string{osFormatFilter, osWidthFilter, osSpaceFilter},
						"tokenizer":   osTokenizer,
						"filter":      []string{"lowercase"},
					},
				},
			}},
			"mappings": map[string]any{"dynamic": "strict", "properties": props},
		},
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // "=>" stays readable
	enc.SetIndent("", "  ")
	if err := enc.Encode(tmpl); err != nil {
		return nil, fmt.Errorf("opensearch template: %w", err)
	}
	return b.Bytes(), nil
}

// widthMappings are the rules of the width-folding mapping char filter:
// "\uXXXX => \uXXXX" for every character that golang.org/x/text/width
// folds (as wenming's own index does), in code point order. Escapes keep
// the rules readable and spaces intact (the filter trims around "=>").
func widthMappings() []string {
	var rules []string
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		f := width.LookupRune(r).Folded()
		if f == 0 || f == r {
			continue
		}
		rules = append(rules, javaEscape(r)+" => "+javaEscape(f))
	}
	return rules
}

// javaEscape writes r as \uXXXX, a surrogate pair beyond the BMP (the
// mapping filter reads UTF-16 code units).
func javaEscape(r rune) string {
	if r > 0xFFFF {
		r -= 0x10000
		return fmt.Sprintf(`\u%04X\u%04X`, 0xD800+(r>>10), 0xDC00+(r&0x3FF))
	}
	return fmt.Sprintf(`\u%04X`, r)
}
