package frontier

import (
	bolt "go.etcd.io/bbolt"

	"github.com/wenming-archive/wenming/internal/boltfile"
)

// Group commit. A crawl's workers push links, and mark requests done,
// from many goroutines at once, and every write transaction costs its
// commit (the pages it changed written, and the meta page) however little
// it changed. The updates that arrive while a transaction commits wait
// together and then share the next one ([boltfile.Group]).

// maxGroup bounds the updates of one transaction.
const maxGroup = 128

// updateFunc is one update's work inside a write transaction; it records
// its changes of the counters in d.
type updateFunc func(tx *bolt.Tx, d *delta) error

// newGroup returns the group committer of f's updates.
func (f *Frontier) newGroup() *boltfile.Group[updateFunc] {
	return boltfile.NewGroup(maxGroup, f.commit)
}
