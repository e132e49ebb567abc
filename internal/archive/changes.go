package archive

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/pgstore"
)

// ChangeLog is what records shared by several processes (PostgreSQL,
// package pgstore) offer a reader that keeps its own search index of
// them: each write of a record, and each removal, is a numbered change
// (see pgstore.Records.Changes). The index remembers the archive and the
// last change it holds (its mark), and catches up from there.
type ChangeLog interface {
	Records
	// ArchiveID tells one archive from another.
	ArchiveID(ctx context.Context) (string, error)
	// LastChange is the number of the latest change, 0 for none.
	LastChange(ctx context.Context) (int64, error)
	// Changes calls fn with the changes numbered after since, in order:
	// a record written (a its content) or removed (a nil).
	Changes(ctx context.Context, since int64, fn func(seq int64, url string, a *article.Article) error) error
}

var _ ChangeLog = (*pgstore.Records)(nil)

// changeMark is the index's mark (see index.Writer.SetMark) of the
// archive and the last change it holds: "<archive id> <number>".
const changeMark = "changes"

// readMark returns the archive and the last change the index holds; ok
// is false for an index without a mark (new, or made from other records).
func readMark(ix *index.Index) (archiveID string, seq int64, ok bool, err error) {
	v, err := ix.Mark(changeMark)
	if err != nil || v == nil {
		return "", 0, false, err
	}
	id, n, found := strings.Cut(string(v), " ")
	if seq, err = strconv.ParseInt(n, 10, 64); !found || err != nil {
		return "", 0, false, nil // unreadable: as good as none
	}
	return id, seq, true, nil
}

// markFor is the mark of change seq of archive id.
func markFor(id string, seq int64) []byte { return fmt.Appendf(nil, "%s %d", id, seq) }

// IndexBehind reports whether the index lacks changes of the records
// (or is from another archive), without writing anything.
func IndexBehind(ctx context.Context, cl ChangeLog, ix *index.Index) (bool, error) {
	id, seq, ok, err := readMark(ix)
	if err != nil {
		return false, err
	}
	want, err := cl.ArchiveID(ctx)
	if err != nil {
		return false, err
	}
	last, err := cl.LastChange(ctx)
	if err != nil {
		return false, err
	}
	return !ok || id != want || seq < last, nil
}

// errOtherRecords means an index that holds documents but no mark of
// these records: made from another archive, or before the records
// numbered their changes. Only a rebuild makes it theirs.
var errOtherRecords = fmt.Errorf("the search index was not made from these records")

// CatchUp applies to the index the changes of the records it lacks: the
// records written since its mark are (re)indexed, those removed are
// deleted, and the mark moves on with each batch, so that a catch-up cut
// short resumes where it stopped. It returns the documents written and
// deleted. An index with documents but no mark of these records fails
// with errOtherRecords.
func CatchUp(ctx context.Context, cl ChangeLog, ix *index.Index, progress func(done, total int)) (int, error) {
	id, seq, ok, err := readMark(ix)
	if err != nil {
		return 0, err
	}
	want, err := cl.ArchiveID(ctx)
	if err != nil {
		return 0, err
	}
	if !ok || id != want {
		docs, err := ix.Count()
		if err != nil {
			return 0, err
		}
		if docs > 0 {
			return 0, errOtherRecords
		}
		seq = 0
	}
	total := 0
	if progress != nil {
		if total, err = cl.Len(); err != nil {
			return 0, err
		}
	}
	w := ix.NewWriter()
	n, k, last := 0, 0, seq
	const every = 500
	err = cl.Changes(ctx, seq, func(s int64, url string, a *article.Article) error {
		var err error
		switch {
		case a != nil:
			err = w.Add(Document(a))
			n++
		case seq > 0: // from the first change, there is nothing to delete
			err = w.Delete(url)
		}
		if err != nil {
			return err
		}
		k++
		last = s
		if k%every == 0 {
			// The mark goes with the documents before it.
			if err := w.SetMark(changeMark, markFor(want, last)); err != nil {
				return err
			}
			if progress != nil {
				progress(n, max(n, total))
			}
		}
		return ctx.Err()
	})
	if err == nil && (last != seq || !ok || id != want) {
		err = w.SetMark(changeMark, markFor(want, last))
	}
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if progress != nil && err == nil {
		progress(n, n)
	}
	if err != nil {
		return n, fmt.Errorf("index the changes of the records: %w", err)
	}
	return n, nil
}
