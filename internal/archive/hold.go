package archive

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/pgstore"
	"github.com/wenming-archive/wenming/internal/runs"
	"github.com/wenming-archive/wenming/internal/store"
)

// Held is an archive held by the one process that may write it. It is
// taken in two steps: [Acquire] takes the run lock (no other process
// writes the archive while it is held), [Held.Open] opens the records and
// the index. Readers in other processes read meanwhile (see [View]):
//
//   - to append (a crawl, an import), Open shares the open records and
//     index with them through a [Share];
//   - to rewrite (reindex, check --repair), [Held.Exclusive] announces the
//     holder without sharing: readers are told to come back when it ends,
//     and a following reader (serve) lets go of the files.
//
// Close closes everything in order.
type Held struct {
	Data  string
	Store Records      // after Open
	Index *index.Index // after Open with HoldOptions.Index
	// IndexState says what Open found wrong with the index and mended.
	IndexState IndexState

	log   *slog.Logger
	lock  *runs.Lock
	share *Share
}

// Acquire creates the archive directory when create is set (else a
// missing one is an error) and takes its run lock.
func Acquire(data string, create bool) (*Held, error) {
	if create {
		if err := os.MkdirAll(StatePath(data), 0o755); err != nil {
			return nil, fmt.Errorf("create archive directory: %w", err)
		}
	} else if _, err := os.Stat(ArticlesPath(data)); errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("no archive in %s: run \"wenming crawl\" first", data)
	}
	lock, err := runs.Acquire(data)
	if err != nil {
		return nil, err
	}
	return &Held{Data: data, lock: lock, log: slog.New(slog.DiscardHandler)}, nil
}

// HoldOptions say what Open opens and how.
type HoldOptions struct {
	What   string // the command, named to readers ("crawl", "import" …)
	Logger *slog.Logger
	// Index opens the search index too, checked and mended against the
	// records (see OpenIndex; Verify and OnlyPending are its options).
	Index, Verify, OnlyPending bool
	// Store, when set, is the DSN of the PostgreSQL database that keeps
	// the records (package pgstore) instead of the archive directory's
	// articles.db; the index stays in the directory.
	Store string
	// Shards is the layout of the index (see IndexOptions.Shards).
	Shards string
}

// Open announces the holder and shares the archive with readers, then
// opens the records (and the index), waiting up to a minute for readers
// of the files to let go of them (see WaitForReaders).
func (h *Held) Open(ctx context.Context, o HoldOptions) (err error) {
	if o.Logger != nil {
		h.log = o.Logger
	}
	defer func() {
		if err != nil {
			h.CloseFiles()
		}
	}()
	// Announced before the files are opened: a reader holding them
	// (serve) sees it, lets go, and reads through the share.
	if h.share, err = StartShare(h.Data, o.What, h.log); err != nil {
		h.log.Warn("the archive cannot be shared with readers while this runs", "err", err)
		h.share = nil
	}
	if o.Store != "" {
		st, err := pgstore.OpenRecords(ctx, o.Store)
		if err != nil {
			return err
		}
		h.Store = st
	} else {
		st, err := WaitForReaders(ctx, func() (*store.Store, error) { return store.Open(ArticlesPath(h.Data)) }, h.log)
		if err != nil {
			return err
		}
		h.Store = st
	}
	if o.Index {
		var state IndexState
		ix, err := WaitForReaders(ctx, func() (*index.Index, error) {
			ix, s, err := OpenIndex(context.WithoutCancel(ctx), IndexPath(h.Data), IndexOptions{Store: h.Store, Logger: h.log, Verify: o.Verify, OnlyPending: o.OnlyPending, Shards: o.Shards})
			state = s
			return ix, err
		}, h.log)
		if err != nil {
			return err
		}
		h.Index, h.IndexState = ix, state
	}
	if h.share != nil {
		h.share.Ready(h.Store, h.Index)
	}
	return nil
}

// Exclusive announces that what holds the archive to rewrite it, without
// sharing it: a following reader lets go of the files, other readers are
// told to come back when it ends. Then the caller opens what it rewrites
// (with WaitForReaders).
func (h *Held) Exclusive(what string) error {
	share, err := announceExclusive(h.Data, what)
	if err != nil {
		return err
	}
	h.share = share
	return nil
}

// CloseFiles closes the share, then the index, then the records, and keeps
// the run lock (the caller may still log the run under it).
func (h *Held) CloseFiles() error {
	var errs []error
	if h.share != nil {
		errs = append(errs, h.share.Close())
		h.share = nil
	}
	if h.Index != nil {
		if err := h.Index.Close(); err != nil {
			errs = append(errs, fmt.Errorf("close index: %w", err))
		}
		h.Index = nil
	}
	if h.Store != nil {
		errs = append(errs, h.Store.Close())
		h.Store = nil
	}
	return errors.Join(errs...)
}

// Close closes the share, the index and the records, and releases the
// run lock.
func (h *Held) Close() error {
	err := h.CloseFiles()
	return errors.Join(err, h.lock.Release())
}
