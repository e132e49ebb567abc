package archive

import (
	"context"
	"errors"
	"log/slog"
	"os"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/pgstore"
	"github.com/wenming-archive/wenming/internal/store"
)

// The archive's files as they are, for the one process that must see
// what is wrong with them before anything mends it on open: a check
// (package check). Nothing here mends, or checks the files against each
// other; a check that repairs holds the archive exclusively first
// (AcquireExclusive).

// CheckedRecords are records with a consistency check of their own.
type CheckedRecords interface {
	Records
	Check() error
}

// AsIs says how the files of an archive are opened as they are.
type AsIs struct {
	Data string // the archive directory
	// Store, when set, is the DSN of the PostgreSQL database that keeps
	// the records (see HoldOptions.Store).
	Store string
	// Log, when set, is told of an upgrade of that database's schema.
	Log *slog.Logger
}

// Exists fails with a *MissingError when the archive directory holds no
// records and no PostgreSQL database keeps them.
func (a AsIs) Exists() error { return Missing(a.Data, a.Store) }

// Records opens the records as they are: those in PostgreSQL, or the
// archive directory's, read-only unless write (a repair).
func (a AsIs) Records(ctx context.Context, write bool) (CheckedRecords, error) {
	if a.Store != "" {
		return pgstore.OpenRecordsLogged(ctx, a.Store, a.Log)
	}
	if !write {
		return store.OpenReadOnly(ArticlesPath(a.Data))
	}
	return store.Open(ArticlesPath(a.Data))
}

// RecordsBusy says whether err, from Records, is one of records another
// process holds or a database that does not answer: no finding about the
// records themselves.
func RecordsBusy(err error) bool {
	return errors.Is(err, store.ErrLocked) || errors.Is(err, pgstore.ErrUnreachable)
}

// IndexPath is where the search index is.
func (a AsIs) IndexPath() string { return IndexPath(a.Data) }

// IndexPending says whether an import stopped before its records were
// all indexed (see MarkIndexPending).
func (a AsIs) IndexPending() bool {
	_, err := os.Stat(PendingPath(a.IndexPath()))
	return err == nil
}

// ErrNoIndex is the error of an archive without a search index.
var ErrNoIndex = errors.New("archive: there is no search index")

// Index opens the search index as it is, read-only, not checked against
// the records (ErrNoIndex when there is none; index.ErrDamaged when its
// files are).
func (a AsIs) Index() (*index.Index, error) {
	path := a.IndexPath()
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, ErrNoIndex
	}
	return index.OpenReadOnly(path)
}

// RebuildIndex rebuilds the search index from the records st (a repair;
// see RebuildIndex).
func (a AsIs) RebuildIndex(ctx context.Context, st Records) (int, error) {
	return RebuildIndex(ctx, st, a.IndexPath(), nil)
}
