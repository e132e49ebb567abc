// Package export writes archived articles out of the archive in formats
// other tools read, and reads its JSONL format back in: [JSONL] (the
// [Record] format), [CSV] (Excel-ready), [Markdown] (a file per article
// with YAML front matter, safe names from [SafeName]), [WARC] (the raw
// captures, with a CDXJ index), and [Import]/[ReadJSONL]. Every writer
// takes a [Source] and streams: memory stays flat whatever the archive's
// size (see [WARC] for its one exception). It may import article, warc
// and store, not archive (see layering_test.go).
package export

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
)

// Source walks articles, e.g. (*store.Store).ForEach.
type Source func(fn func(*article.Article) error) error

// each runs write on every article of src until ctx is done and returns
// how many it wrote; an error of write is told with the article's URL.
func (src Source) each(ctx context.Context, write func(*article.Article) error) (int, error) {
	n := 0
	err := src(func(a *article.Article) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := write(a); err != nil {
			return fmt.Errorf("write %s: %w", a.URL, err)
		}
		n++
		return nil
	})
	return n, err
}

// Record is one exported article. Times are RFC 3339 in China time
// (+08:00); published and published_precision are null when the page gave
// no date, views is null where the site shows no count; aliases, the other
// URLs of the same article, are left out when there are none.
//
// A time of a stored record outside [article.MinYear]–[article.MaxYear]
// (a record stored before records were validated) is left out: published
// and fetched_at are null, the view_history point is dropped, capture.time
// is zero. [Checked] reports each such field.
type Record struct {
	URL                string               `json:"url"`
	Site               string               `json:"site"`
	SiteName           string               `json:"site_name"`
	Level              article.Level        `json:"level"`
	Lineage            []article.Site       `json:"lineage"`
	Column             string               `json:"column"`
	Title              string               `json:"title"`
	Published          *time.Time           `json:"published"`
	PublishedPrecision *article.Precision   `json:"published_precision"`
	Views              *int64               `json:"views"`
	Source             string               `json:"source"`
	Author             string               `json:"author"`
	Editor             string               `json:"editor"`
	Body               string               `json:"body"`
	BodyHTML           string               `json:"body_html,omitempty"`
	Images             []string             `json:"images,omitempty"`
	Attachments        []article.Attachment `json:"attachments,omitempty"`
	FetchedAt          *time.Time           `json:"fetched_at"`
	// CheckedAt is when the crawl last found the article still served
	// as archived after that fetch (a removal sweep, a 304); absent when
	// it has not.
	CheckedAt   *time.Time          `json:"checked_at,omitempty"`
	ViewHistory []article.ViewCount `json:"view_history"`
	// Capture locates the raw HTTP exchange in the archive's WARC files.
	Capture *article.Capture `json:"capture,omitempty"`
	Aliases []string         `json:"aliases,omitempty"`
	// Removed says the article's site no longer serves it (removed at
	// the source): when a revisit first and last found it gone, when it
	// was last found there, and the answer, whose WARC record is named;
	// PastRemovals are earlier removals that ended (returned).
	Removed      *article.Removal  `json:"removed,omitempty"`
	PastRemovals []article.Removal `json:"past_removals,omitempty"`
}

// NewRecord turns an archived article into its export record.
func NewRecord(a *article.Article) Record {
	r := Record{
		URL: a.URL, Site: a.Site, SiteName: a.SiteName, Level: a.Level, Lineage: a.Lineage,
		Column: a.Column, Title: a.Title, Views: a.Views, Source: a.Source, Author: a.Author,
		Editor: a.Editor, Body: a.Body, BodyHTML: a.BodyHTML, Images: a.Images, Attachments: a.Attachments,
		ViewHistory: make([]article.ViewCount, 0, len(a.ViewHistory)),
		Capture:     a.Capture,
		Aliases:     a.Aliases,
	}
	if r.Lineage == nil {
		r.Lineage = []article.Site{}
	}
	if writable(a.FetchedAt) {
		t := a.FetchedAt.In(article.China)
		r.FetchedAt = &t
	}
	if writable(a.CheckedAt) {
		t := a.CheckedAt.In(article.China)
		r.CheckedAt = &t
	}
	if writable(a.Published) {
		t := a.Published.In(article.China)
		p := a.PublishedPrecision
		r.Published, r.PublishedPrecision = &t, &p
	}
	for _, v := range a.ViewHistory {
		if writable(v.At) {
			r.ViewHistory = append(r.ViewHistory, article.ViewCount{At: v.At.In(article.China), Views: v.Views})
		}
	}
	if c := a.Capture; c != nil && !c.Time.IsZero() && !article.TimeInRange(c.Time) {
		cc := *c
		cc.Time = time.Time{}
		r.Capture = &cc
	}
	if a.Removed != nil {
		m := inChina(*a.Removed)
		r.Removed = &m
	}
	for _, p := range a.PastRemovals {
		r.PastRemovals = append(r.PastRemovals, inChina(p))
	}
	return r
}

// inChina is a removal with its times in China time, as the export
// writes every time.
func inChina(r article.Removal) article.Removal {
	for _, t := range []*time.Time{&r.Since, &r.Seen, &r.LastPresent, &r.CaptureTime, &r.Returned} {
		if !t.IsZero() {
			*t = t.In(article.China)
		}
	}
	if r.Capture != nil {
		c := *r.Capture
		if !c.Time.IsZero() {
			c.Time = c.Time.In(article.China)
		}
		r.Capture = &c
	}
	return r
}

// writable reports whether t is a time the export writes: set and within
// the years [article.Article.Validate] allows.
func writable(t time.Time) bool { return !t.IsZero() && article.TimeInRange(t) }

// JSONL writes one JSON object per article and line and returns how many
// it wrote.
func JSONL(ctx context.Context, w io.Writer, src Source) (int, error) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	n, err := src.each(ctx, func(a *article.Article) error {
		return enc.Encode(NewRecord(a))
	})
	if err != nil {
		return n, fmt.Errorf("export jsonl: %w", err)
	}
	return n, nil
}
