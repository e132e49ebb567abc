package archive

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/article"
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
}

// errNoBackend means a View that is changing hands: the holder stopped
// sharing and the files are still locked while it closes them.
var errNoBackend = fmt.Errorf("the archive is changing hands (a crawl is starting or ending): %w", ErrHolderGone)

// OpenView opens the archive in data for reading: through the share of the
// process that holds it, or from its files (see OpenReader for o).
func OpenView(ctx context.Context, data string, o ReadOptions) (*View, error) {
	v := &View{data: data, opts: o, log: o.Logger}
	if v.log == nil {
		v.log = slog.New(slog.DiscardHandler)
	}
	// A holder announces itself before it locks the files, so a reader
	// that finds them locked looks for it again for a moment.
	deadline := time.Now().Add(2 * time.Second)
	for {
		rm, ok, err := findHolder(data)
		if err != nil {
			return nil, err
		}
		if ok {
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
				err = fmt.Errorf("%w; the process holding it does not share it (an import, a reindex or a check --repair): try again when it ends", err)
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

// Search runs q on the archive's index.
func (v *View) Search(ctx context.Context, q index.Query) (*index.Results, error) {
	v.mu.RLock()
	defer v.mu.RUnlock()
	switch {
	case v.remote != nil:
		return v.remote.Search(ctx, q)
	case v.local != nil && v.local.Index != nil:
		return v.local.Index.Search(ctx, q)
	case v.local != nil:
		return nil, errors.New("archive view opened without its index")
	}
	return nil, errNoBackend
}

// Stats counts the index's documents by level, province and year.
func (v *View) Stats(ctx context.Context) (*index.Stats, error) {
	v.mu.RLock()
	defer v.mu.RUnlock()
	switch {
	case v.remote != nil:
		return v.remote.Stats(ctx)
	case v.local != nil && v.local.Index != nil:
		return v.local.Index.Stats(ctx)
	case v.local != nil:
		return nil, errors.New("archive view opened without its index")
	}
	return nil, errNoBackend
}

// records is the backend's record reader, nil when it has none.
func (v *View) records() (interface {
	Get(string) (*article.Article, error)
	Len() (int, error)
	ForEach(func(*article.Article) error) error
}, error) {
	switch {
	case v.remote != nil:
		return v.remote, nil
	case v.local != nil && v.local.Store != nil:
		return v.local.Store, nil
	case v.local != nil:
		return nil, fmt.Errorf("the records of %s cannot be read: %w", v.data, store.ErrLocked)
	}
	return nil, errNoBackend
}

// Get reads the record of url; the error wraps store.ErrNotFound when
// there is none.
func (v *View) Get(url string) (*article.Article, error) {
	v.mu.RLock()
	defer v.mu.RUnlock()
	r, err := v.records()
	if err != nil {
		return nil, err
	}
	return r.Get(url)
}

// Len is the number of records.
func (v *View) Len() (int, error) {
	v.mu.RLock()
	defer v.mu.RUnlock()
	r, err := v.records()
	if err != nil {
		return 0, err
	}
	return r.Len()
}

// ForEach calls fn with every record.
func (v *View) ForEach(fn func(*article.Article) error) error {
	v.mu.RLock()
	defer v.mu.RUnlock()
	r, err := v.records()
	if err != nil {
		return err
	}
	return r.ForEach(fn)
}

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
func (v *View) Follow(ctx context.Context) {
	t := time.NewTicker(followEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			v.step(ctx)
		}
	}
}

// step makes one move of Follow.
func (v *View) step(ctx context.Context) {
	rm, held, err := findHolder(v.data)
	if err != nil {
		v.log.Debug("look for the holder of the archive", "err", err)
		return
	}
	v.mu.RLock()
	cur := v.remote
	isLocal := v.local != nil
	v.mu.RUnlock()
	switch {
	case held && (cur == nil || cur.h.Token != rm.h.Token):
		v.mu.Lock()
		if v.local != nil {
			if err := v.local.Close(); err != nil {
				v.log.Warn("close the archive", "err", err)
			}
			v.local = nil
		}
		v.remote = rm
		v.mu.Unlock()
		v.log.Info("a process holds the archive: reading through it", "what", rm.h.What, "pid", rm.h.PID)
	case !held && !isLocal:
		r, err := OpenReader(ctx, v.data, v.opts)
		if err != nil {
			if !locked(err) {
				v.log.Warn("reopen the archive", "err", err)
			}
			v.mu.Lock()
			v.remote = nil // gone: fail fast until the files are free
			v.mu.Unlock()
			return
		}
		v.mu.Lock()
		v.local, v.remote = r, nil
		v.mu.Unlock()
		v.log.Info("the archive is free again: reading its files")
	}
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
