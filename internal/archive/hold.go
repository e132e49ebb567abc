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
	"github.com/wenming-archive/wenming/internal/warc"
)

// Held is an archive held by the one process that may write it, taken in
// one call per access, after restic's append and exclusive locks (reads
// take a [View]):
//
//   - to append (a crawl, an import), [OpenAppend] takes the run lock (no
//     other process writes the archive while it is held), begins the run
//     in the run log when asked, opens the records and the index, and
//     shares them with readers in other processes through a [Share];
//   - to rewrite (reindex, check --repair), [AcquireExclusive] announces
//     the holder without sharing: readers are told to come back when it
//     ends, and a following reader (serve) lets go of the files. The
//     holder then opens what it rewrites ([Held.OpenRecords]).
//
// [Acquire] takes the run lock alone, for a process that writes nothing
// the others read (a reader's own index rebuilt from PostgreSQL).
//
// The holder also opens the crawl state ([Held.OpenFrontier],
// [Held.OpenSharedFrontier], [Held.BeginPass]), the WARC recorder
// ([Held.OpenWARC]) and writes the run log ([Held.RunLog], [Held.Run]).
// Close closes everything in order.
type Held struct {
	Data  string
	Store Records      // after OpenAppend, OpenRecords
	Index *index.Index // after OpenAppend with HoldOptions.Index
	// IndexState says what OpenAppend found wrong with the index and
	// mended.
	IndexState IndexState
	// Run is the run begun by OpenAppend with HoldOptions.Run, which
	// the holder updates and ends (nil without).
	Run *Run

	log  *slog.Logger
	lock *runs.Lock
	// pgLock is the run lock of records in PostgreSQL, held exclusively
	// (see AcquireExclusive).
	pgLock *pgstore.Exclusive
	share  *Share
	// exclusive: the share announces a holder that shares nothing (see
	// Exclusive).
	exclusive bool
	warc      WARCDirs
	rec       *warc.Recorder // after OpenWARC, until CloseWARC
	// dsn names the PostgreSQL database of records shared with other
	// workers (HoldOptions.Store), worker this process among them.
	dsn, worker string
}

// Acquire creates the archive directory when create is set (else a
// missing one is an error) and takes its run lock.
func Acquire(data string, create bool) (*Held, error) {
	if create {
		if err := os.MkdirAll(StatePath(data), 0o755); err != nil {
			return nil, fmt.Errorf("create archive directory: %w", err)
		}
	} else if err := Missing(data, ""); err != nil {
		return nil, err
	}
	lock, err := runs.Acquire(data)
	if err != nil {
		return nil, err
	}
	return &Held{Data: data, lock: lock, log: slog.New(slog.DiscardHandler)}, nil
}

// Create makes an empty archive in data when there is none, so that a
// reader opens it as it would a crawled one (a scheduler that serves its
// archive before the first run fills it).
func Create(data string) error {
	if _, err := os.Stat(ArticlesPath(data)); !errors.Is(err, os.ErrNotExist) {
		return nil
	}
	st, err := store.Open(ArticlesPath(data))
	if err != nil {
		return err
	}
	return st.Close()
}

// HoldOptions say what OpenAppend opens and how.
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
	// WARC says where the archive's WARC files are (see OpenWARC).
	WARC WARCDirs
	// Run, when set, begins a run in the run log before the files are
	// opened (see BeginRun): Run(nil) is its entry as it begins,
	// Run(err) as it ends when it could not begin or the files could
	// not be opened.
	Run func(err error) runs.Run
}

// OpenAppend holds the archive in data to append to it (a crawl, an
// import), in one call: it creates the archive directory when there is
// none, takes the run lock, begins o.Run in the run log, and opens the
// records and the index (open). When it fails, what it took is let go
// (a run it began is logged as ended with the error, under the lock).
func OpenAppend(ctx context.Context, data string, o HoldOptions) (*Held, error) {
	h, err := Acquire(data, true)
	if err != nil {
		return nil, err
	}
	h.dsn = o.Store
	if h.dsn != "" {
		h.worker = pgstore.WorkerName()
	}
	if o.Logger != nil {
		h.log = o.Logger
	}
	if o.Run != nil {
		if h.Run, err = h.BeginRun(ctx, o.Run); err != nil {
			h.Close()
			return nil, err
		}
	}
	if err := h.open(ctx, o); err != nil {
		if h.Run != nil {
			if lerr := h.Run.End(ctx, o.Run(err)); lerr != nil {
				h.log.Warn("could not log the run", "err", lerr)
			}
		}
		h.Close()
		return nil, err
	}
	return h, nil
}

// Worker names this process among the workers sharing records in
// PostgreSQL; "" for an archive directory's own holder.
func (h *Held) Worker() string { return h.worker }

// open announces the holder and shares the archive with readers, then
// opens the records (and the index), waiting up to a minute for readers
// of the files to let go of them (see WaitForReaders).
func (h *Held) open(ctx context.Context, o HoldOptions) (err error) {
	h.warc = o.WARC
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
	if err := h.openRecords(ctx, o.Store); err != nil {
		return err
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

// AcquireExclusive holds the archive in data to rewrite it (what:
// "check --repair"), in one call: Acquire, then Exclusive. When dsn is
// set, the records are in that PostgreSQL database and it is their run
// lock that is taken exclusively, which no crawl worker holds meanwhile
// (see pgstore.AcquireExclusive); the archive directory is then only
// named, not locked. log, when not nil, is told of an upgrade of the
// database's schema.
func AcquireExclusive(ctx context.Context, data, dsn, what string, log *slog.Logger) (*Held, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if dsn != "" {
		x, err := pgstore.AcquireExclusive(ctx, dsn, what, log)
		if err != nil {
			return nil, err
		}
		return &Held{Data: data, pgLock: x, log: log}, nil
	}
	h, err := Acquire(data, false)
	if err != nil {
		return nil, err
	}
	if err := h.Exclusive(what); err != nil {
		h.Close()
		return nil, err
	}
	return h, nil
}

// Exclusive announces that what holds the archive to rewrite it, without
// sharing it: a following reader lets go of the files, other readers are
// told to come back when it ends. Then the caller opens what it rewrites
// (OpenRecords).
func (h *Held) Exclusive(what string) error {
	share, err := announceExclusive(h.Data, what)
	if err != nil {
		return err
	}
	h.share, h.exclusive = share, true
	return nil
}

// OpenRecords opens the records alone, for a holder that rewrites what is
// made from them and so does not OpenAppend: reindex. They are those of the
// archive directory (after Exclusive: readers are let go of them, waited
// for up to a minute, see WaitForReaders), or, when dsn is set, those in
// that PostgreSQL database (see HoldOptions.Store). log, when set, is
// told of the wait.
func (h *Held) OpenRecords(ctx context.Context, dsn string, log *slog.Logger) error {
	if h.Store != nil {
		return errors.New("archive: the records are open already")
	}
	if log != nil {
		h.log = log
	}
	return h.openRecords(ctx, dsn)
}

func (h *Held) openRecords(ctx context.Context, dsn string) error {
	if dsn != "" {
		st, err := pgstore.OpenRecordsLogged(ctx, dsn, h.log)
		if err != nil {
			return err
		}
		h.Store = st
		return nil
	}
	st, err := WaitForReaders(ctx, func() (*store.Store, error) { return store.OpenLogged(ArticlesPath(h.Data), h.log) }, h.log)
	if err != nil {
		return err
	}
	h.Store = st
	return nil
}

// WARCPath is the WARC directory the holder records into (see
// HoldOptions.WARC).
func (h *Held) WARCPath() string { return h.warc.WritePath(h.Data) }

// OpenWARC opens the run's WARC recorder on the archive's WARC directory,
// WARCPath (o says how it records; o.Dir must be empty). Before it
// records, the recorder mends what a killed run left in the directory (a
// torn last record, a file left .open, a CDXJ index missing its
// captures: see warc.Open). It is closed by CloseWARC, or else by
// CloseFiles before everything else: the records point into its files.
func (h *Held) OpenWARC(o warc.Options) (*warc.Recorder, error) {
	if h.rec != nil {
		return nil, errors.New("archive: the WARC recorder is open already")
	}
	if o.Dir != "" {
		return nil, fmt.Errorf("archive: the WARC recorder records into the archive's WARC directory, not %s", o.Dir)
	}
	o.Dir = h.WARCPath()
	rec, err := warc.Open(o)
	if err != nil {
		return nil, err
	}
	h.rec = rec
	return rec, nil
}

// CloseWARC closes the WARC recorder, if open: its last file is finished
// and the run's captures are merged into the CDXJ index, so that the
// index then names every capture of the run (what settling a crawl reads).
func (h *Held) CloseWARC() error {
	if h.rec == nil {
		return nil
	}
	err := h.rec.Close()
	h.rec = nil
	return err
}

// CloseFiles closes the WARC recorder (the records point into its files:
// they are finished first), the share, then the index, then the records,
// and keeps the run lock (the caller may still log the run under it). An
// exclusive holder withdraws its announcement last, once the files are
// closed: the readers it turned away then find them free.
func (h *Held) CloseFiles() error {
	var errs []error
	if err := h.CloseWARC(); err != nil {
		errs = append(errs, fmt.Errorf("close WARC archive: %w", err))
	}
	if h.share != nil && !h.exclusive {
		// It reads from the open files: it stops first.
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
	if h.share != nil {
		errs = append(errs, h.share.Close())
		h.share, h.exclusive = nil, false
	}
	return errors.Join(errs...)
}

// Close closes what CloseFiles closes and releases the run lock.
func (h *Held) Close() error {
	err := h.CloseFiles()
	if h.pgLock != nil {
		err = errors.Join(err, h.pgLock.Release())
		h.pgLock = nil
	}
	return errors.Join(err, h.lock.Release())
}
