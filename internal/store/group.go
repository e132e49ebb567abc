package store

import (
	"fmt"
	"runtime/debug"

	bolt "go.etcd.io/bbolt"

	"github.com/wenming-archive/wenming/internal/boltfile"
)

// Group commit. Every Put is durable when it returns: its transaction is
// committed and fsynced. An fsync costs milliseconds of waiting on most
// disks, so the Puts that arrive while a transaction commits wait
// together and share the next one's fsync ([boltfile.Group]). A Put may
// bring a function to run before its transaction (PutAfter): the crawl's
// WARC fsync, which the caller that commits runs for the whole group just
// before the commit, so that the captures of all the group's articles are
// made durable by one fsync, and the articles that come meanwhile wait
// for the next group.

// maxGroup bounds the Puts of one transaction.
const maxGroup = 256

// txFunc is one Put's work inside a write transaction.
type txFunc = func(*bolt.Tx) error

// groupWrite is one Put's part of a group commit: first, when set, runs
// before the transaction (see PutAfter), fn inside it.
type groupWrite struct {
	first func() error
	fn    txFunc
}

// newGroup returns the group committer of s's Puts.
func (s *Store) newGroup() *boltfile.Group[groupWrite] {
	return boltfile.NewGroup(maxGroup, s.commitGroup)
}

// batch runs fn in a write transaction shared with the Puts of other
// goroutines waiting at the same time, and returns when that
// transaction is committed (or failed). fn may run more than once: when
// a function of the group fails, the transaction is rolled back, that
// function is run again alone (its error is then its own) and the others
// are run again together. Damage is reported as an error, as in update.
func (s *Store) batch(fn txFunc) error {
	return s.batchAfter(nil, fn)
}

// batchAfter is batch with first (when not nil) run before the
// transaction, by whichever caller commits it: fn runs only when first
// succeeded, and first's error is the call's. first may run more than
// once, as fn may.
func (s *Store) batchAfter(first func() error, fn txFunc) (err error) {
	defer s.recoverDamaged(&err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	return s.group.Run(groupWrite{first: first, fn: fn})
}

// commitGroup runs the firsts of ws, then their functions in one
// transaction; a function's panic (a damaged page read inside it) is its
// error. A first that fails fails its write, and the group is committed
// again without it (see boltfile.Group).
func (s *Store) commitGroup(ws []groupWrite) (failed int, err error) {
	for i, w := range ws {
		if w.first == nil {
			continue
		}
		if err := runFirst(w.first); err != nil {
			return i, err
		}
	}
	s.commits.Add(1)
	s.puts.Add(int64(len(ws)))
	failed = -1
	err = s.update(func(tx *bolt.Tx) error {
		for i, w := range ws {
			if err := s.guarded(w.fn, tx); err != nil {
				failed = i
				return err
			}
		}
		return nil
	})
	return failed, err
}

// guarded runs fn, its panic (a damaged page read inside it) turned into
// an error.
func (s *Store) guarded(fn txFunc, tx *bolt.Tx) (err error) {
	defer s.recoverDamaged(&err)
	return fn(tx)
}

// CommitStats counts the write transactions of a Store's Puts and marks
// (MarkChecked, MarkRemoved: the group commits) since it was opened: how
// many, how many Puts and marks they held, and the pages bbolt wrote for
// every write transaction of the store.
type CommitStats struct {
	Commits int64 // group commits (a group run again after a failure counts again)
	Puts    int64 // Puts and marks run in them
	Pages   int64 // pages written by all of the store's write transactions
}

// Commits returns the store's commit counts so far.
func (s *Store) Commits() CommitStats {
	st := s.db.Stats()
	return CommitStats{Commits: s.commits.Load(), Puts: s.puts.Load(), Pages: st.TxStats.GetWrite()}
}

// Since is c less the counts of an earlier c0.
func (c CommitStats) Since(c0 CommitStats) CommitStats {
	return CommitStats{Commits: c.Commits - c0.Commits, Puts: c.Puts - c0.Puts, Pages: c.Pages - c0.Pages}
}

// runFirst runs a Put's first function, its panic (a bug of the caller's)
// turned into that Put's error: it runs in whichever caller leads the
// group commit, and a panic there would leave the others of the group
// waiting for a result forever.
func runFirst(first func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("before the commit: %v", r)
		}
	}()
	return first()
}
