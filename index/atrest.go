package index

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2/util"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// An index at rest. scorch keeps its snapshots (which segment files make
// up the index, and its internal values) in root.bolt, and removes the
// snapshots a newer one replaced, and the files none names any more,
// only now and then: when its persister has caught up and waits for
// work. Closed before that, an index left them behind until it was next
// opened for writing: the files a merge replaced, named by the snapshot
// before it (a 20,000-article build of the simulation closed at 254.8
// MB, 6.9× the text, where its latest snapshot's files made 178), and
// the file of a merge that closing cut short between writing and
// introducing it, named by none (18 MB in another build; two of six
// builds left one or the other). So Close leaves the index as its next
// open would after scorch's first purge: the latest snapshot alone, and
// the files it names. (The index's config keeps scorch's default of one
// snapshot: an index opened again deletes every older one.)

// storeDir is where bleve keeps a scorch index's files under its path.
const storeDir = "store"

// errLatestIncomplete means the latest snapshot names a file the store
// lacks: the older snapshots are left to scorch, which opens the latest
// it can load.
var errLatestIncomplete = errors.New("latest snapshot incomplete")

// leaveAtRest removes from the closed scorch index at path the snapshots
// older than its latest and the segment files the latest does not name,
// as scorch does at its next open. It holds root.bolt locked meanwhile:
// an index another process has opened since is left to that process's
// scorch (its purges do the same).
func leaveAtRest(path string) error {
	dir := filepath.Join(path, storeDir)
	root := filepath.Join(dir, "root.bolt")
	if _, err := os.Stat(root); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	db, err := bolt.Open(root, 0o600, &bolt.Options{Timeout: 100 * time.Millisecond})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open the snapshots of %s: %w", dir, err)
	}
	defer db.Close()
	var named map[string]bool
	err = db.Update(func(tx *bolt.Tx) error {
		snapshots := tx.Bucket(util.BoltSnapshotsBucket)
		if snapshots == nil {
			return nil
		}
		// Snapshots are keyed by their epoch in an order-keeping
		// encoding whose first byte is 0x80 or above (scorch's
		// encodeUvarintAscending): the last such key is the latest.
		var epochs [][]byte
		c := snapshots.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if v == nil && k[0] >= 0x80 {
				epochs = append(epochs, bytes.Clone(k))
			}
		}
		if len(epochs) == 0 {
			return nil
		}
		latest := snapshots.Bucket(epochs[len(epochs)-1])
		files := map[string]bool{}
		err := latest.ForEachBucket(func(k []byte) error {
			if p := latest.Bucket(k).Get(util.BoltPathKey); p != nil {
				if _, err := os.Stat(filepath.Join(dir, string(p))); err != nil {
					return errLatestIncomplete
				}
				files[string(p)] = true
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, k := range epochs[:len(epochs)-1] {
			if err := snapshots.DeleteBucket(k); err != nil {
				return err
			}
		}
		named = files
		return nil
	})
	if errors.Is(err, errLatestIncomplete) || err == nil && named == nil {
		return nil
	}
	if err != nil {
		return fmt.Errorf("drop the older snapshots of %s: %w", dir, err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		name := e.Name()
		if strings.HasSuffix(name, ".zap") && !named[name] {
			if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}
