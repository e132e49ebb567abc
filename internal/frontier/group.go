package frontier

import (
	"sync"

	bolt "go.etcd.io/bbolt"
)

// Group commit. A crawl's workers push links, and mark requests done,
// from many goroutines at once, and every write transaction costs its
// commit (the pages it changed written, and the meta page) however little
// it changed. The updates that arrive while a transaction commits wait
// together and then share the next one: no timer, so that a lone update
// never waits for company. One caller at a time leads: it commits the
// waiting updates (its own among them), hands each its result, and passes
// the lead to the first update that came meanwhile, if any.
//
// When one function of a group fails, the transaction is rolled back;
// that function is run again alone (its error is then its own) and the
// others again together without it.

// maxGroup bounds the updates of one transaction.
const maxGroup = 128

// updateFunc is one update's work inside a write transaction; it records
// its changes of the counters in d.
type updateFunc func(tx *bolt.Tx, d *delta) error

// group is the updates waiting for a transaction.
type group struct {
	mu      sync.Mutex
	waiting []*groupCall
	leading bool // a caller is committing, or has been handed the lead
}

// groupCall is one update's function and where its outcome goes.
type groupCall struct {
	fn   updateFunc
	done chan groupResult // buffered: the leader never waits on a caller
}

type groupResult struct {
	err  error
	lead bool // not a result: the caller is to commit the next group
}

// run runs fn in a write transaction of f shared with the updates of
// other goroutines waiting at the same time, and returns when that
// transaction is committed (or failed).
func (g *group) run(f *Frontier, fn updateFunc) error {
	c := &groupCall{fn: fn, done: make(chan groupResult, 1)}
	g.mu.Lock()
	g.waiting = append(g.waiting, c)
	lead := !g.leading
	g.leading = true
	g.mu.Unlock()
	for {
		if lead {
			g.commitNext(f)
		}
		r := <-c.done
		if !r.lead {
			return r.err
		}
		lead = true
	}
}

// commitNext commits the updates waiting now (at most maxGroup), then
// hands the lead to the first of those that came meanwhile.
func (g *group) commitNext(f *Frontier) {
	g.mu.Lock()
	n := min(len(g.waiting), maxGroup)
	calls := make([]*groupCall, n)
	copy(calls, g.waiting)
	g.waiting = append(g.waiting[:0:0], g.waiting[n:]...)
	g.mu.Unlock()

	commitCalls(f, calls)

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

// commitCalls runs the calls in one transaction and gives each its
// result. A call whose function fails is run again alone, and the others
// again together without it.
func commitCalls(f *Frontier, calls []*groupCall) {
	for len(calls) > 0 {
		failed := -1
		fns := make([]updateFunc, len(calls))
		for i, c := range calls {
			fns[i] = func(tx *bolt.Tx, d *delta) error {
				err := c.fn(tx, d)
				if err != nil {
					failed = i
				}
				return err
			}
		}
		err := f.commit(fns)
		if failed < 0 || len(calls) == 1 {
			for _, c := range calls {
				c.done <- groupResult{err: err}
			}
			return
		}
		c := calls[failed]
		calls = append(calls[:failed:failed], calls[failed+1:]...)
		c.done <- groupResult{err: f.commit([]updateFunc{c.fn})}
	}
}
