package boltfile

import "sync"

// Group commit. Every write of the record store and of the crawl frontier
// is durable when it returns: its transaction is committed and fsynced.
// bbolt commits one transaction at a time and each commit costs its
// fsync (and the meta page) however little it changed, so writes that
// each had a transaction of their own would queue up behind each other's
// commits. A Group lets the writes that arrive while a transaction
// commits wait together and then share the next one: as many as came (up
// to a bound), with no timer, so that a lone write never waits for
// company and a busy crawl shares each commit among all of its waiting
// workers.
//
// One caller at a time leads: it commits the waiting writes (its own
// among them) in one transaction, hands each its result, and passes the
// lead to the first write that came meanwhile, if any. When one function
// of a group fails, the transaction is rolled back; that function is run
// again alone (its error is then its own) and the others again together
// without it. A function may therefore run more than once, and must start
// afresh each time.

// CommitFunc runs fns, in order, in one write transaction and commits it.
// When one of them fails it stops there and returns that function's
// index with the error; when the transaction itself fails (or all went
// well) it returns a negative index.
type CommitFunc[F any] func(fns []F) (failed int, err error)

// Group is the writes waiting for a transaction. Its zero value is not
// ready: make one with [NewGroup].
type Group[F any] struct {
	commit CommitFunc[F]
	max    int // the most functions of one transaction

	mu      sync.Mutex
	waiting []*groupCall[F]
	leading bool // a caller is committing, or has been handed the lead
}

// groupCall is one write's function and where its outcome goes.
type groupCall[F any] struct {
	fn   F
	done chan groupResult // buffered: the leader never waits on a caller
}

type groupResult struct {
	err  error
	lead bool // not a result: the caller is to commit the next group
}

// NewGroup returns a Group that commits at most max functions at a time
// with commit.
func NewGroup[F any](max int, commit CommitFunc[F]) *Group[F] {
	return &Group[F]{commit: commit, max: max}
}

// Run runs fn in a transaction shared with the writes of other
// goroutines waiting at the same time, and returns when that transaction
// is committed (or failed): nil, or fn's own error, or the commit's.
func (g *Group[F]) Run(fn F) error {
	c := &groupCall[F]{fn: fn, done: make(chan groupResult, 1)}
	g.mu.Lock()
	g.waiting = append(g.waiting, c)
	lead := !g.leading
	g.leading = true
	g.mu.Unlock()
	for {
		if lead {
			g.commitNext()
		}
		r := <-c.done
		if !r.lead {
			return r.err
		}
		lead = true
	}
}

// Waiting is how many writes wait for the next transaction.
func (g *Group[F]) Waiting() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.waiting)
}

// commitNext commits the writes waiting now (at most g.max), then hands
// the lead to the first of those that came meanwhile.
func (g *Group[F]) commitNext() {
	g.mu.Lock()
	n := min(len(g.waiting), g.max)
	calls := make([]*groupCall[F], n)
	copy(calls, g.waiting)
	g.waiting = append(g.waiting[:0:0], g.waiting[n:]...)
	g.mu.Unlock()

	g.commitCalls(calls)

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
func (g *Group[F]) commitCalls(calls []*groupCall[F]) {
	fns := make([]F, 0, len(calls))
	for len(calls) > 0 {
		fns = fns[:0]
		for _, c := range calls {
			fns = append(fns, c.fn)
		}
		failed, err := g.commit(fns)
		if failed < 0 || failed >= len(calls) || len(calls) == 1 {
			for _, c := range calls {
				c.done <- groupResult{err: err}
			}
			return
		}
		c := calls[failed]
		calls = append(calls[:failed:failed], calls[failed+1:]...)
		_, err = g.commit([]F{c.fn})
		c.done <- groupResult{err: err}
	}
}
