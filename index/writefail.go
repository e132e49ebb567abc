package index

import (
	"errors"
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2"
)

// A failed write. scorch takes a batch's new segment into the index
// before the segment is persisted; when persisting it fails (a full
// disk, an I/O error, the directory gone) its Batch closes that segment
// and returns the error, and the closed segment stays among the index's
// segments (bleve v2.6.3: Scorch.Batch closes the segment prepareSegment
// already introduced). The next batch that looks its IDs up in it (every
// batch does, in every segment) panics inside zapx, and took the whole
// process down with it: a crawl on a filling disk crashed in its
// indexing instead of stopping with the disk's error. So the first write
// that fails fails the Index for writing: every later batch returns
// ErrWriteFailed with that first error, without reaching scorch, and a
// panic inside a batch already under way is returned as that batch's
// error. What was persisted before stays as it was: reopening the index
// reads it from disk, without the batches that failed (whose marks were
// not written either: see Writer.SetMark).

// ErrWriteFailed means an earlier write to the index failed: the index
// takes no more writes until it is closed and opened again.
var ErrWriteFailed = errors.New("an earlier write to the index failed; it takes no more writes until it is opened again")

// writeFailure holds the first failed write of an index.
type writeFailure struct {
	mu       sync.Mutex
	first    error // nil while no write failed
	panicked bool  // first is a panic's, which another failure caused
}

// err returns ErrWriteFailed with the first failure, or nil.
func (f *writeFailure) err() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.first != nil {
		return fmt.Errorf("%w (the first: %v)", ErrWriteFailed, f.first)
	}
	return nil
}

// record keeps err as the first failure, unless one is kept already; a
// batch's own failure (a full disk, say) takes the place of a panic
// kept before it, which it caused (the panicking batch may return
// first).
func (f *writeFailure) record(err error, panicked bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.first == nil || f.panicked && !panicked {
		f.first, f.panicked = err, panicked
	}
}

// apply writes batch into b (the index's bleve index, or one of its
// shards' or their meta index) unless an earlier write failed, and
// records its failure as the index's first when it fails.
func (f *writeFailure) apply(b bleve.Index, batch *bleve.Batch) (err error) {
	if err := f.err(); err != nil {
		return err
	}
	defer func() {
		r := recover()
		if r != nil {
			err = fmt.Errorf("the index library failed (%v), most likely reading a segment that a failed write closed", r)
		}
		if err != nil {
			f.record(err, r != nil)
		}
	}()
	return b.Batch(batch)
}
