package archive

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/runs"
	"github.com/wenming-archive/wenming/internal/store"
)

// View is an archive opened for reading (search, export, serve): its
// records and index read from the files when no process holds them, and
// through the holder's share (see [Share]) while one does — a search while
// the nightly crawl runs. Its methods are safe for concurrent use.
type View struct {
	data string
	opts ReadOptions
	log  *slog.Logger

	// mu guards the backend: reads hold it shared for their whole length,
	// a switch (Follow) holds it exclusively, so that the files are closed
	// only once no read uses them.
	mu     sync.RWMutex
	local  *Reader // when reading the files
	remote *remote // when a holder shares them
	away   *holder // when a holder keeps them to itself (Follow only)
	// changed is closed, and replaced, whenever the reader changes.
	changed   chan struct{}
	following atomic.Bool
}

// errNoBackend means a View that is changing hands: the holder stopped
// sharing and the files are still locked while it closes them.
var errNoBackend = fmt.Errorf("the archive is changing hands (a crawl is starting or ending): %w", ErrHolderGone)

// gone is the error of a read while the view has nothing to read from.
func (v *View) gone() error {
	if v.away != nil {
		return &ExclusiveError{What: v.away.What, PID: v.away.PID}
	}
	return errNoBackend
}

// OpenView opens the archive in data for reading: through the share of the
// process that holds it, or from its files (see OpenReader for o).
func OpenView(ctx context.Context, data string, o ReadOptions) (*View, error) {
	v := &View{data: data, opts: o, log: o.Logger, changed: make(chan struct{})}
	if v.log == nil {
		v.log = slog.New(slog.DiscardHandler)
	}
	if o.Store != "" {
		// Records in PostgreSQL are read by every process at once, and
		// the index in data is this reader's own.
		r, err := OpenReader(ctx, data, o)
		if err != nil {
			return nil, err
		}
		v.local = r
		return v, nil
	}
	// A holder announces itself before it locks the files, so a reader
	// that finds them locked looks for it again for a moment.
	deadline := time.Now().Add(2 * time.Second)
	for {
		rm, excl, err := findHolder(data)
		if err != nil {
			return nil, err
		}
		if excl != nil {
			return nil, &ExclusiveError{What: excl.What, PID: excl.PID}
		}
		if rm != nil {
			v.remote = rm
			return v, nil
		}
		r, err := OpenReader(ctx, data, o)
		if err == nil {
			v.local = r
			return v, nil
		}
		if !locked(err) || time.Now().After(deadline) {
			if locked(err) {
				err = fmt.Errorf("%w; the process that has it open does not share it (a reader mending the index, or an older wenming): try again when it ends", err)
			}
			return nil, err
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// locked reports whether err says another process holds a file open.
func locked(err error) bool {
	return errors.Is(err, store.ErrLocked) || errors.Is(err, index.ErrLocked)
}

// Shared reports whether the view reads through the process holding the
// archive, and what that process is ("crawl", "schedule" …).
func (v *View) Shared() (what string, pid int, ok bool) {
	v.mu.RLock()
	defer v.mu.RUnlock()
	if v.remote == nil {
		return "", 0, false
	}
	return v.remote.h.What, v.remote.h.PID, true
}

// WARCPaths are the WARC directories where the captures the records name
// are looked for (see WARCDirs.Paths): the replay, the raw captures and a
// WARC export read them there, the archive's own first. They are read
// from the files whether a holder shares the archive or not: a recorder
// only appends to them (see warc.FindFile for a file it is writing).
func (v *View) WARCPaths() []string { return v.opts.WARC.Paths(v.data) }

// Runs are the last runs logged in the view's archive directory (every
// one when last <= 0; see [Runs]).
func (v *View) Runs(last int) ([]runs.Run, error) {
	return Runs(context.Background(), v.data, "", last, nil)
}

// Notes are what was found wrong with the index and mended when the view
// opened the files itself (see IndexState).
func (v *View) Notes() []string {
	v.mu.RLock()
	defer v.mu.RUnlock()
	if v.local == nil {
		return nil
	}
	return v.local.IndexState.Notes
}

// reader is what a View reads from: the files (*Reader) or a holder's
// share (*remote).
type reader interface {
	Search(ctx context.Context, q index.Query) (*index.Results, error)
	Stats(ctx context.Context) (*index.Stats, error)
	Get(url string) (*article.Article, error)
	Len() (int, error)
	ForEach(fn func(*article.Article) error) error
}

var (
	_ reader = (*Reader)(nil)
	_ reader = (*remote)(nil)
)

// handoverWait bounds how long a read of a following view waits for the
// archive to change hands (a crawl starting or ending) before it fails.
const handoverWait = 10 * time.Second

// read runs fn on the view's reader. While the archive changes hands it
// waits for the new reader (a following view) instead of failing at once.
func read[T any](v *View, fn func(reader) (T, error)) (T, error) {
	deadline := time.Now().Add(handoverWait)
	for {
		var t T
		var err error
		v.mu.RLock()
		changed := v.changed
		if b := v.reader(); b != nil {
			t, err = fn(b)
		} else {
			err = v.gone()
		}
		v.mu.RUnlock()
		if !v.following.Load() || !errors.Is(err, ErrHolderGone) || time.Now().After(deadline) {
			return t, err
		}
		select {
		case <-changed:
		case <-time.After(time.Until(deadline)):
		}
	}
}

// reader is the current reader, nil while changing hands.
func (v *View) reader() reader {
	switch {
	case v.remote != nil:
		return v.remote
	case v.local != nil:
		return v.local
	}
	return nil
}

// Search runs q on the archive's index.
func (v *View) Search(ctx context.Context, q index.Query) (*index.Results, error) {
	return read(v, func(r reader) (*index.Results, error) { return r.Search(ctx, q) })
}

// Stats counts the index's documents by level, province and year.
func (v *View) Stats(ctx context.Context) (*index.Stats, error) {
	return read(v, func(r reader) (*index.Stats, error) { return r.Stats(ctx) })
}

// Get reads the record of url; the error wraps store.ErrNotFound when
// there is none.
func (v *View) Get(url string) (*article.Article, error) {
	return read(v, func(r reader) (*article.Article, error) { return r.Get(url) })
}

// Len is the number of records.
func (v *View) Len() (int, error) {
	return read(v, func(r reader) (int, error) { return r.Len() })
}

// ForEach calls fn with every record. A walk cut short by a change of
// hands is not started again: it fails.
func (v *View) ForEach(fn func(*article.Article) error) error {
	started := false
	_, err := read(v, func(r reader) (struct{}, error) {
		if started {
			return struct{}{}, fmt.Errorf("the walk of the records was cut: %w", errCut)
		}
		return struct{}{}, r.ForEach(func(a *article.Article) error {
			started = true
			return fn(a)
		})
	})
	return err
}

// errCut ends a walk that a change of hands cut short.
var errCut = errors.New("the archive changed hands during the walk")

// RebuildIndex rebuilds a damaged index from the records when the view
// reads the files and may write them (see Reader.RebuildIndex); through a
// holder it says what to do.
func (v *View) RebuildIndex(ctx context.Context, cause error) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.local == nil {
		return fmt.Errorf("%w (run \"wenming reindex\" once the process holding the archive has ended)", cause)
	}
	return v.local.RebuildIndex(ctx, cause)
}

// followEvery is how often a following view looks for a holder coming or
// going.
const followEvery = 500 * time.Millisecond

// Follow keeps a long-lived view (serve) in step with the holders of the
// archive until ctx ends: when a process announces that it holds the
// archive, the view lets go of the files (once the reads in flight end)
// and reads through its share; when the holder is gone, it opens the
// files again. Between the two, reads fail with ErrHolderGone.
//
// Over records in PostgreSQL (ReadOptions.Store), Follow instead brings
// the view's index up to date with the records' changes every few
// seconds (see Reader.CatchUp), so that a search finds what the crawl
// workers archived moments before.
func (v *View) Follow(ctx context.Context) {
	v.following.Store(true)
	defer v.following.Store(false)
	step, every := v.step, followEvery
	if v.opts.Store != "" {
		step, every = v.catchUpStep, FollowChangesEvery
	} else {
		// Reopened files are checked cheaply only: the full read of the
		// index's files was done when the view opened.
		v.opts.Verify = false
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			step(ctx)
		}
	}
}

// FollowChangesEvery is how often a following view over records in
// PostgreSQL looks for their changes.
const FollowChangesEvery = 3 * time.Second

// catchUpStep is Follow's step over records that number their changes.
func (v *View) catchUpStep(ctx context.Context) {
	if _, err := v.CatchUp(ctx); err != nil && ctx.Err() == nil {
		v.log.Warn("bring the search index up to date with the records", "err", err)
	}
}

// CatchUp brings the view's index up to date with the changes of records
// in PostgreSQL, holding searches off while it writes (see
// Reader.CatchUp); it returns the documents indexed.
func (v *View) CatchUp(ctx context.Context) (int, error) {
	v.mu.RLock()
	r := v.local
	var behind bool
	var err error
	if cl, ok := storeOf(r).(ChangeLog); ok && r.Index != nil {
		behind, err = IndexBehind(ctx, cl, r.Index)
	}
	v.mu.RUnlock()
	if err != nil || !behind {
		return 0, err
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.local == nil {
		return 0, nil
	}
	n, err := v.local.CatchUp(ctx)
	if n > 0 {
		v.log.Info("search index brought up to date with the records", "indexed", n)
	}
	return n, err
}

// storeOf is the records of r, nil for none.
func storeOf(r *Reader) Records {
	if r == nil {
		return nil
	}
	return r.Store
}

// step makes one move of Follow.
func (v *View) step(ctx context.Context) {
	rm, excl, err := findHolder(v.data)
	if err != nil {
		v.log.Debug("look for the holder of the archive", "err", err)
		return
	}
	v.mu.RLock()
	cur, away, isLocal := v.remote, v.away, v.local != nil
	v.mu.RUnlock()
	switch {
	case rm != nil && (cur == nil || cur.h.Token != rm.h.Token):
		v.letGo(rm, nil)
		v.log.Info("a process holds the archive: reading through it", "what", rm.h.What, "pid", rm.h.PID)
	case excl != nil && (away == nil || away.PID != excl.PID):
		v.letGo(nil, excl)
		v.log.Info("a process holds the archive to rewrite it: reads wait for it", "what", excl.What, "pid", excl.PID)
	case rm == nil && excl == nil && !isLocal:
		r, err := OpenReader(ctx, v.data, v.opts)
		if err != nil {
			if !locked(err) {
				v.log.Warn("reopen the archive", "err", err)
			}
			v.mu.Lock()
			v.set(nil, nil, nil) // gone: reads wait until the files are free
			v.mu.Unlock()
			return
		}
		v.mu.Lock()
		v.set(r, nil, nil)
		v.mu.Unlock()
		v.log.Info("the archive is free again: reading its files")
	}
}

// letGo closes the files once the reads in flight end, and reads through
// rm (or waits for excl) from then on.
func (v *View) letGo(rm *remote, excl *holder) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.local != nil {
		if err := v.local.Close(); err != nil {
			v.log.Warn("close the archive", "err", err)
		}
		v.local = nil
	}
	v.set(nil, rm, excl)
}

// set makes the view read from local, rm or neither (away, or changing
// hands), and wakes the reads waiting for a change. v.mu must be held.
func (v *View) set(local *Reader, rm *remote, away *holder) {
	v.local, v.remote, v.away = local, rm, away
	close(v.changed)
	v.changed = make(chan struct{})
}

// Close closes the files the view holds.
func (v *View) Close() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.remote = nil
	if v.local == nil {
		return nil
	}
	err := v.local.Close()
	v.local = nil
	return err
}
