package store

import (
	"runtime/debug"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// Group commit. Every Put is durable when it returns: its transaction is
// committed and fsynced. An fsync costs milliseconds of waiting on most
// disks, and bbolt commits one transaction at a time, so Puts that each
// had a transaction of their own (or shared one with the Puts that came
// in the same fraction of a millisecond, as bbolt's DB.Batch does) would
// queue up behind each other's fsyncs and bound a crawl to a few hundred
// articles a second whatever the machine. Here the Puts that arrive while
// a transaction commits wait together and then go into the next one: as
// many as came, with no timer, so that a lone Put never waits for
// company and a busy crawl shares each fsync among all of its waiting
// workers.
//
// One caller at a time leads: it commits the waiting Puts (its own among
// them) in one transaction, hands each its result, and passes the lead to
// the first Put that came meanwhile, if any.

// maxGroup bounds the Puts of one transaction.
const maxGroup = 256

// group is the Puts waiting for a transaction.
type group struct {
	mu      sync.Mutex
	waiting []*groupCall
	leading bool // a caller is committing, or has been handed the lead
}

// groupCall is one Put's function and where its outcome goes.
type groupCall struct {
	fn   func(*bolt.Tx) error
	done chan groupResult // buffered: the leader never waits on a caller
}

type groupResult struct {
	err  error
	lead bool // not a result: the caller is to commit the next group
}

// batch runs fn in a write transaction shared with the Puts of other
// goroutines waiting at the same time, and returns when that
// transaction is committed (or failed). fn may run more than once: when
// a function of the group fails, the transaction is rolled back, that
// function is run again alone (its error is then its own) and the others
// are run again together. Damage is reported as an error, as in update.
func (s *Store) batch(fn func(*bolt.Tx) error) (err error) {
	defer s.recoverDamaged(&err)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	c := &groupCall{fn: fn, done: make(chan groupResult, 1)}
	g := &s.group
	g.mu.Lock()
	g.waiting = append(g.waiting, c)
	lead := !g.leading
	g.leading = true
	g.mu.Unlock()
	for {
		if lead {
			s.commitGroup()
		}
		r := <-c.done
		if !r.lead {
			return r.err
		}
		lead = true
	}
}

// commitGroup commits the Puts waiting now (at most maxGroup), then hands
// the lead to the first of those that came meanwhile.
func (s *Store) commitGroup() {
	g := &s.group
	g.mu.Lock()
	n := min(len(g.waiting), maxGroup)
	calls := make([]*groupCall, n)
	copy(calls, g.waiting)
	g.waiting = append(g.waiting[:0:0], g.waiting[n:]...)
	g.mu.Unlock()

	s.runGroup(calls)

	g.mu.Lock()
	if len(g.waiting) == 0 {
		g.leading = false
		g.mu.Unlock()
		return
	}
	next := g.waiting[0]
	g.mu.Unlock()
	next.done <- groupResult{lead: true}
}

// runGroup runs the calls in one transaction and gives each its result.
// A call whose function fails is run again alone, and the others again
// together without it.
func (s *Store) runGroup(calls []*groupCall) {
	for len(calls) > 0 {
		failed := -1
		err := s.update(func(tx *bolt.Tx) error {
			for i, c := range calls {
				if err := s.guarded(c.fn, tx); err != nil {
					failed = i
					return err
				}
			}
			return nil
		})
		if failed < 0 {
			for _, c := range calls {
				c.done <- groupResult{err: err}
			}
			return
		}
		c := calls[failed]
		calls = append(calls[:failed:failed], calls[failed+1:]...)
		c.done <- groupResult{err: s.update(func(tx *bolt.Tx) error { return s.guarded(c.fn, tx) })}
	}
}

// guarded runs fn, its panic (a damaged page read inside it) turned into
// an error.
func (s *Store) guarded(fn func(*bolt.Tx) error, tx *bolt.Tx) (err error) {
	defer s.recoverDamaged(&err)
	return fn(tx)
}
