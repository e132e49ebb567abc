package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/store"
)

// MaxLineBytes bounds one line of a JSONL file read by [ReadJSONL].
const MaxLineBytes = 64 << 20

// LineError is a bad line of a JSONL file.
type LineError struct {
	Line int // counted from 1
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// Article turns an export record back into an archived article (without
// the HTTP validators, which the export leaves out).
func (r Record) Article() *article.Article {
	a := &article.Article{
		URL: r.URL, Site: r.Site, SiteName: r.SiteName, Level: r.Level, Lineage: r.Lineage,
		Column: r.Column, Title: r.Title, Views: r.Views, Source: r.Source, Author: r.Author,
		Editor: r.Editor, Body: r.Body, BodyHTML: r.BodyHTML, Images: r.Images, ViewHistory: r.ViewHistory,
		Capture: r.Capture, Aliases: r.Aliases,
	}
	if r.FetchedAt != nil {
		a.FetchedAt = *r.FetchedAt
	}
	if len(a.Aliases) == 0 {
		a.Aliases = nil
	}
	if len(a.Lineage) == 0 {
		a.Lineage = nil
	}
	if len(a.ViewHistory) == 0 {
		a.ViewHistory = nil
	}
	if r.Published != nil {
		a.Published = *r.Published
		if r.PublishedPrecision != nil {
			a.PublishedPrecision = *r.PublishedPrecision
		}
	}
	return a
}

// check reports what makes a record unfit for the archive: a missing url
// or fetched_at, or what [article.Article.Validate] finds (a
// [*article.FieldError] naming the field).
func (r Record) check() (*article.Article, error) {
	a := r.Article()
	switch {
	case r.URL == "":
		return nil, &article.FieldError{Field: "url", Why: "missing"}
	case r.FetchedAt == nil || r.FetchedAt.IsZero():
		return nil, &article.FieldError{Field: "fetched_at", Why: "missing"}
	}
	if r.Published == nil && r.PublishedPrecision != nil {
		// Article leaves the precision out without a date; check it anyway.
		b := *a
		b.PublishedPrecision = *r.PublishedPrecision
		if err := b.Validate(); err != nil {
			return nil, err
		}
	}
	if err := a.Validate(); err != nil {
		return nil, err
	}
	return a, nil
}

// ReadJSONL reads the records of a JSONL export from r and calls fn with
// each record's article and line number, in order. Blank lines are
// skipped, as are a UTF-8 byte order mark and CR line ends. It stops at the
// first bad line with a [*LineError] and at the first error of fn, and
// returns how many records it passed to fn.
func ReadJSONL(ctx context.Context, r io.Reader, fn func(line int, a *article.Article) error) (int, error) {
	return readJSONL(ctx, r, nil, fn)
}

// readJSONL is [ReadJSONL]; when bad is set, a line that is not a valid
// record is passed to it and skipped instead of stopping the read (a line
// too long to read still stops it).
func readJSONL(ctx context.Context, r io.Reader, bad func(*LineError), fn func(line int, a *article.Article) error) (int, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLineBytes)
	n, line := 0, 0
	for sc.Scan() {
		line++
		if err := ctx.Err(); err != nil {
			return n, err
		}
		b := bytes.TrimSuffix(sc.Bytes(), []byte("\r"))
		if line == 1 {
			b = bytes.TrimPrefix(b, []byte(bom))
		}
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		var rec Record
		var a *article.Article
		err := json.Unmarshal(b, &rec)
		if err != nil {
			err = fmt.Errorf("not an export record: %w", err)
		} else {
			a, err = rec.check()
		}
		if err != nil {
			le := &LineError{line, err}
			if bad == nil {
				return n, le
			}
			bad(le)
			continue
		}
		if err := fn(line, a); err != nil {
			return n, err
		}
		n++
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return n, &LineError{line + 1, fmt.Errorf("longer than %d bytes", MaxLineBytes)}
		}
		return n, fmt.Errorf("read: %w", err)
	}
	return n, nil
}

// ImportOptions configure [Import].
type ImportOptions struct {
	// KeepCapture says whether a record's capture location is kept; nil
	// keeps all. Locations point into the source archive's WARC files,
	// which an archive on another machine lacks.
	KeepCapture func(*article.Capture) bool
	// Stored, when set, is called with each article as the store now holds
	// it (its view history merged with what was there), e.g. to index it.
	Stored func(*article.Article) error
	// Progress, when set, is called after each record with the count so far.
	Progress func(n int)
	// BadLine, when set, is called with each line that is not a valid
	// record (not JSON, or a field that fails [article.Article.Validate]),
	// and the import goes on with the next line; ImportReport.Bad counts
	// them. When nil, the first bad line stops the import.
	BadLine func(*LineError)
}

// ImportReport counts what [Import] did to the store, by store.Put status.
type ImportReport struct {
	Records, New, Updated, Unchanged int
	Aliased                          int // records the archive holds under another URL (store.Aliased)
	Older                            int // records left out: the archive holds a later fetch
	Bad                              int // lines passed to ImportOptions.BadLine, not imported
}

// Import puts the records of a JSONL export read from r into st. Putting a
// record again changes nothing (store.Put merges view histories and
// aliases without duplicates), so an import can be run again after it
// stopped. A record's aliases become aliases in st too, but for a URL st
// holds as a record of its own or as an alias of another record. A record
// older than the one the store holds for its URL (or the URL it is an
// alias of; by fetched_at) is left out. A bad line (a [*LineError]) stops
// the import, the records before it staying imported, unless
// opts.BadLine is set: then every bad line is reported to it and skipped.
func Import(ctx context.Context, r io.Reader, st *store.Store, opts ImportOptions) (ImportReport, error) {
	var rep ImportReport
	var bad func(*LineError)
	if opts.BadLine != nil {
		bad = func(le *LineError) { rep.Bad++; opts.BadLine(le) }
	}
	_, err := readJSONL(ctx, r, bad, func(line int, a *article.Article) error {
		if a.Capture != nil && opts.KeepCapture != nil && !opts.KeepCapture(a.Capture) {
			a.Capture = nil
		}
		br, found, err := st.Brief(a.URL)
		if err != nil {
			return &LineError{line, err}
		}
		switch {
		case found && br.FetchedAt.After(a.FetchedAt):
			rep.Older++ // the archive's own record is newer: keep it
		default:
			if found && br.FetchedAt.Equal(a.FetchedAt) {
				// The same fetch: keep its validators, which exports leave out.
				a.ETag, a.LastModified = br.ETag, br.LastModified
			}
			status, err := st.Put(a)
			if err != nil {
				return &LineError{line, err}
			}
			switch status {
			case store.New:
				rep.New++
			case store.Updated:
				rep.Updated++
			case store.Aliased:
				rep.Aliased++
			default:
				rep.Unchanged++
			}
		}
		rep.Records++
		if opts.Stored != nil {
			stored, err := st.Get(a.URL)
			if err != nil {
				return &LineError{line, err}
			}
			if err := opts.Stored(stored); err != nil {
				return err
			}
		}
		if opts.Progress != nil {
			opts.Progress(rep.Records)
		}
		return nil
	})
	if err != nil {
		return rep, fmt.Errorf("import: %w", err)
	}
	return rep, nil
}
