package warc

import (
	"fmt"
	"strings"
	"sync"
)

// Durability. A killed process leaves every byte it wrote in the page
// cache, but an OS crash or a power cut keeps only what was fsynced: the
// tail of the file being written may vanish, and a file whose directory
// entry was never synced may vanish whole. Whoever commits a pointer
// into a WARC file (an article record's capture) first asks
// [Recorder.Durable], which returns once the bytes pointed at are on
// disk; so no durable pointer can outlive its bytes.
//
// Syncs are shared: the first caller whose bytes are not yet on disk
// fsyncs the file (and its directory, the first time) for everything
// written so far, and those who come while it does wait for it, or, when
// their bytes came after its snapshot, for the next one. A busy crawl thus
// pays one fsync for the pages of many workers, as the store's group
// commit does.

// durability is the Recorder's sync state.
type durability struct {
	mu      sync.Mutex // taken before Recorder.mu, never after it
	cond    *sync.Cond // on mu: a sync ended
	syncing bool       // a caller is fsyncing

	// Guarded by Recorder.mu: what is on disk of the file being written
	// (reset by newFile), the files this recorder created, and those of
	// them it finished (fsynced, renamed and their directory synced).
	dirSynced         bool
	synced            int64
	created, finished map[string]bool
	// failed is the error of a failed fsync of the file being written:
	// what it did not write may be lost although a later fsync succeeds,
	// so nothing of that file counts as on disk any more.
	failed error
}

// Durable returns once the WARC record of c (the bytes up to c.Offset +
// c.Length of c.File) is on disk, with the directory entry of its file:
// an OS crash or a power cut from then on cannot take it away. It returns
// at once for a file this recorder did not write (an earlier run's files
// were finished, and so synced, or repaired when the directory was
// opened). It is safe for concurrent use.
func (r *Recorder) Durable(c Capture) error {
	end := c.Offset + c.Length
	d := &r.durable
	d.mu.Lock()
	defer d.mu.Unlock()
	for {
		r.mu.Lock()
		done, err := r.coveredLocked(c.File, end)
		f, size, dir := r.f, r.size, !d.dirSynced
		r.mu.Unlock()
		if done || err != nil {
			return err
		}
		if d.syncing {
			d.cond.Wait()
			continue
		}
		d.syncing = true
		d.mu.Unlock()
		err = f.Sync()
		if err == nil && dir {
			err = syncDir(r.opts.Dir)
		}
		d.mu.Lock()
		r.mu.Lock()
		// Unless the file was rotated or closed meanwhile (which synced
		// it), what it holds up to size is on disk now, or the disk
		// failed it: then nothing more of it counts as on disk, and the
		// recorder writes no more.
		current := r.f == f
		switch {
		case current && err == nil:
			d.synced = max(d.synced, size)
			d.dirSynced = d.dirSynced || dir
			r.reportSync(r.name, d.synced)
		case current:
			err = fmt.Errorf("archive: sync %s: %w", r.name, err)
			if d.failed == nil {
				d.failed = err
			}
			if r.writeErr == nil {
				r.writeErr = err
			}
		}
		r.mu.Unlock()
		d.syncing = false
		d.cond.Broadcast()
		if current && err != nil {
			return err
		}
	}
}

// coveredLocked reports whether the bytes of file up to end are on disk.
// Called with r.mu held.
func (r *Recorder) coveredLocked(file string, end int64) (bool, error) {
	d := &r.durable
	switch {
	case d.finished[file]:
		return true, nil
	case file == r.name && r.f != nil:
		if d.failed != nil {
			return false, d.failed
		}
		return d.dirSynced && end <= d.synced, nil
	case d.created[file]:
		// Written here and no longer open, yet not finished: its finish
		// failed.
		if r.writeErr != nil {
			return false, r.writeErr
		}
		return false, fmt.Errorf("archive: %s was not finished", file)
	}
	return true, nil
}

// reportSync tells Options.OnSync that size bytes of file are on disk.
// Called with r.mu held.
func (r *Recorder) reportSync(file string, size int64) {
	if r.opts.OnSync != nil {
		r.opts.OnSync(file, size)
	}
}

// newFile notes a new file of this recorder. Called with r.mu held.
func (d *durability) newFile(name string) {
	if d.created == nil {
		d.created, d.finished = map[string]bool{}, map[string]bool{}
	}
	d.created[name] = true
	d.synced, d.dirSynced, d.failed = 0, false, nil
}

// Owns reports whether a WARC file named name is of this recorder's
// prefix (Options.Prefix): written by it or by an earlier recorder of the
// same prefix, the same worker's. Workers sharing records name their
// files with prefixes of their own (wenming-<worker>), so pointers into
// another worker's files are never this recorder's to judge.
func (r *Recorder) Owns(name string) bool {
	rest, ok := strings.CutPrefix(name, r.opts.Prefix+"-")
	if !ok {
		return false
	}
	rest, ok = strings.CutSuffix(rest, ".warc.gz")
	stamp, serial, cut := strings.Cut(rest, "-")
	return ok && cut && len(stamp) == 14 && allDigits(stamp) && len(serial) >= 5 && allDigits(serial)
}

func allDigits(s string) bool {
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}
