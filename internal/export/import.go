package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

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
		Editor: r.Editor, Body: r.Body, BodyHTML: r.BodyHTML, Images: r.Images, Attachments: r.Attachments, ViewHistory: r.ViewHistory,
		Capture: r.Capture, Aliases: r.Aliases, Removed: r.Removed, PastRemovals: r.PastRemovals,
	}
	if r.FetchedAt != nil {
		a.FetchedAt = *r.FetchedAt
	}
	if r.CheckedAt != nil {
		a.CheckedAt = *r.CheckedAt
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
// first bad line (one longer than MaxLineBytes included) with a
// [*LineError] and at the first error of fn, and returns how many records
// it passed to fn.
func ReadJSONL(ctx context.Context, r io.Reader, fn func(line int, a *article.Article) error) (int, error) {
	return readJSONL(ctx, r, nil, fn)
}

// readJSONL is [ReadJSONL]; when bad is set, a line that is not a valid
// record, or is longer than MaxLineBytes, is passed to it and skipped
// instead of stopping the read.
//
// Memory: one line is held at a time, and only until it is decoded (a line
// over the limit is read past, never held), so a read holds one line's
// buffer and the record decoded from it, not several copies.
func readJSONL(ctx context.Context, r io.Reader, bad func(*LineError), fn func(line int, a *article.Article) error) (int, error) {
	lr := &lineReader{r: bufio.NewReaderSize(r, 64<<10)}
	n := 0
	for {
		b, err := lr.next()
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err := ctx.Err(); err != nil {
			return n, err
		}
		line := lr.line
		var a *article.Article
		switch {
		case errors.Is(err, errLineTooLong):
			err = fmt.Errorf("line longer than %d bytes", MaxLineBytes)
		case err != nil:
			return n, fmt.Errorf("read line %d: %w", line, err)
		default:
			if line == 1 {
				b = bytes.TrimPrefix(b, []byte(bom))
			}
			if len(bytes.TrimSpace(b)) == 0 {
				continue
			}
			var rec Record
			if err = json.Unmarshal(b, &rec); err != nil {
				err = fmt.Errorf("not an export record: %w", jsonProblem(err))
			} else {
				a, err = rec.check()
			}
			// The record holds copies of what it needs: drop a large line
			// before the record goes on to be stored and indexed.
			lr.release()
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
}

// errLineTooLong is lineReader.next's error for a line over MaxLineBytes.
var errLineTooLong = errors.New("line too long")

// lineReader reads a file line by line, each up to MaxLineBytes.
type lineReader struct {
	r    *bufio.Reader
	buf  []byte
	line int // of the line last returned, counted from 1
}

// keepLineBuffer is the largest line buffer kept from one line for the
// next; a larger one (a line of a huge record) is dropped by release.
const keepLineBuffer = 1 << 20

// next returns the next line without its LF or CRLF end, valid until the
// following call, or io.EOF after the last. A line longer than
// MaxLineBytes is read to its end without being kept and reported with
// errLineTooLong.
func (lr *lineReader) next() ([]byte, error) {
	lr.buf = lr.buf[:0]
	long, read := false, false
	for {
		chunk, err := lr.r.ReadSlice('\n')
		read = read || len(chunk) > 0
		if !long {
			if len(lr.buf)+len(chunk) > MaxLineBytes+2 { // +2: the line end
				long = true
				lr.buf = nil
			} else {
				lr.buf = append(lr.buf, chunk...)
			}
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && read:
			// The last line has no line end.
		case err != nil:
			return nil, err
		}
		lr.line++
		if long {
			return nil, errLineTooLong
		}
		b := bytes.TrimSuffix(lr.buf, []byte("\n"))
		b = bytes.TrimSuffix(b, []byte("\r"))
		if len(b) > MaxLineBytes {
			lr.release()
			return nil, errLineTooLong
		}
		return b, nil
	}
}

// release drops the line buffer if it is large, so that it does not stay
// in memory while the record read from it is processed.
func (lr *lineReader) release() {
	if cap(lr.buf) > keepLineBuffer {
		lr.buf = nil
	}
}

// Destination is what [Import] puts records into: the archive's records
// (archive.Records; *store.Store is one), whose Put, Get, Views and Brief
// behave as the store's do.
type Destination interface {
	Put(a *article.Article) (store.Status, error)
	Get(url string) (*article.Article, error)
	Views(url string) (*int64, error)
	Brief(url string) (store.Brief, bool, error)
}

var _ Destination = (*store.Store)(nil)

// ImportOptions configure [Import].
type ImportOptions struct {
	// KeepCapture says whether a record's capture location is kept; nil
	// keeps all. Locations point into the source archive's WARC files,
	// which an archive on another machine lacks.
	KeepCapture func(*article.Capture) bool
	// Stored, when set, is called with each article as the store now holds
	// it, e.g. to index it (not with one imported again unchanged, its view
	// count the same): a record stored under its own URL is passed as
	// read, with the view count the store now holds (its history merged
	// with what was there), so that a large record is not decoded a second
	// time; a record the store holds under another URL, or holds a later
	// fetch of, is passed as stored.
	Stored func(*article.Article) error
	// Folded, when set, is called before Stored with the aliases of a
	// record that took over the record of the same article from a URL
	// of a less preferred form (store.Moved): URLs that may have named a
	// record until then, whose documents an index drops.
	Folded func(urls []string) error
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
	Moved                            int // records that took the record of the same article from another URL (store.Moved)
	Older                            int // records left out: the archive holds a later fetch
	Bad                              int // lines passed to ImportOptions.BadLine, not imported
}

// Import puts the records of a JSONL export read from r into st. Putting a
// record again changes nothing (Put merges view histories and
// aliases without duplicates), so an import can be run again after it
// stopped. A record's aliases become aliases in st too, but for a URL st
// holds as a record of its own or as an alias of another record. A record
// older than the one the store holds for its URL (or the URL it is an
// alias of; by fetched_at) is left out. A bad line (a [*LineError]) stops
// the import, the records before it staying imported, unless
// opts.BadLine is set: then every bad line is reported to it and skipped.
func Import(ctx context.Context, r io.Reader, st Destination, opts ImportOptions) (ImportReport, error) {
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
		own := false       // a is now the store's record under a.URL
		unchanged := false // nothing an index holds changed: not passed to Stored
		var viewsBefore *int64
		switch {
		case found && br.FetchedAt.After(a.FetchedAt):
			rep.Older++ // the archive's own record is newer: keep it
		default:
			if found && br.FetchedAt.Equal(a.FetchedAt) {
				// The same fetch: keep its validators, which exports leave out.
				a.ETag, a.LastModified = br.ETag, br.LastModified
			}
			if found {
				if viewsBefore, err = st.Views(a.URL); err != nil {
					return &LineError{line, err}
				}
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
			case store.Moved:
				rep.Moved++
			default:
				rep.Unchanged++
			}
			own = status != store.Aliased
			unchanged = status == store.Unchanged
			if status == store.Moved && opts.Folded != nil {
				rec, err := st.Get(a.URL)
				if err != nil {
					return &LineError{line, err}
				}
				if err := opts.Folded(rec.Aliases); err != nil {
					return err
				}
			}
		}
		rep.Records++
		if opts.Stored != nil {
			var stored *article.Article
			var err error
			if own {
				stored = a
				stored.Views, err = st.Views(a.URL)
				if err == nil && unchanged && sameViews(stored.Views, viewsBefore) {
					// Imported again as it is: its index entry stands.
					if opts.Progress != nil {
						opts.Progress(rep.Records)
					}
					return nil
				}
			} else {
				stored, err = st.Get(a.URL)
			}
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

// sameViews reports whether two view counts (nil: none) are the same.
func sameViews(a, b *int64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// jsonProblem says in words what is wrong with a line that does not
// decode as a record: err is what encoding/json said of it.
func jsonProblem(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var tm *time.ParseError
	switch {
	case errors.As(err, &syn) && strings.HasPrefix(syn.Error(), "unexpected end"):
		return errors.New("not JSON: the line ends before its object is closed")
	case errors.As(err, &syn):
		return fmt.Errorf("not JSON: a mistake at byte %d of the line", syn.Offset)
	case errors.As(err, &typ) && typ.Field == "":
		return fmt.Errorf("a JSON %s, not an object", typ.Value)
	case errors.As(err, &typ):
		return fmt.Errorf("%s: want %s, got a JSON %s", typ.Field, jsonKind(typ.Type.Kind().String()), typ.Value)
	case errors.As(err, &tm):
		return fmt.Errorf("%s is not a time in RFC 3339 (as 2024-01-02T03:04:05+08:00)", strings.Trim(tm.Value, `"`))
	}
	return err
}

// jsonKind names a Go kind as JSON names it.
func jsonKind(kind string) string {
	switch {
	case kind == "string":
		return "a string"
	case strings.HasPrefix(kind, "int") || strings.HasPrefix(kind, "uint") || strings.HasPrefix(kind, "float"):
		return "a number"
	case kind == "slice" || kind == "array":
		return "an array"
	case kind == "bool":
		return "true or false"
	}
	return "an object"
}
