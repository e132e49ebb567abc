package boltfile

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

// fakeTx is a commit function over plain functions: it records each
// transaction's size and rolls back (forgets) every effect of a failed one.
type fakeTx struct {
	mu        sync.Mutex
	committed map[int]int // call → times its effect was committed
	sizes     []int       // functions per transaction, in order
	hold      chan struct{}
}

type fakeFn func() (id int, err error)

func (x *fakeTx) commit(fns []fakeFn) (int, error) {
	x.mu.Lock()
	hold := x.hold
	x.hold = nil
	x.mu.Unlock()
	if hold != nil {
		<-hold
	}
	var ids []int
	for i, fn := range fns {
		id, err := fn()
		if err != nil {
			x.record(len(fns), nil)
			return i, err
		}
		ids = append(ids, id)
	}
	x.record(len(fns), ids)
	return -1, nil
}

func (x *fakeTx) record(size int, ids []int) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.sizes = append(x.sizes, size)
	for _, id := range ids {
		x.committed[id]++
	}
}

// TestGroup holds the first call's transaction until n more calls wait,
// then checks that they shared transactions of at most max functions,
// that each failing function got its own error and left nothing, and
// that every other call was committed exactly once.
func TestGroup(t *testing.T) {
	errOdd := errors.New("odd")
	for _, tc := range []struct {
		name   string
		n, max int
		failOn func(i int) bool
		sizes  []int // the transactions after the first's
	}{
		{"all together", 40, 64, func(int) bool { return false }, []int{40}},
		{"bounded", 40, 16, func(int) bool { return false }, []int{16, 16, 8}},
		{"one fails", 10, 64, func(i int) bool { return i == 5 }, []int{10, 1, 9}},
		{"lone failure runs once", 1, 64, func(i int) bool { return i == 1 }, []int{1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := &fakeTx{committed: map[int]int{}, hold: make(chan struct{})}
			release := x.hold
			g := NewGroup(tc.max, x.commit)
			call := func(i int) error {
				return g.Run(func() (int, error) {
					if tc.failOn(i) {
						return 0, fmt.Errorf("call %d: %w", i, errOdd)
					}
					return i, nil
				})
			}
			errs := make([]error, tc.n+1)
			var wg sync.WaitGroup
			wg.Go(func() { errs[0] = call(0) })
			for g.Waiting() != 0 || x.holding() {
				time.Sleep(time.Millisecond) // until the first leads and holds
			}
			for i := 1; i <= tc.n; i++ {
				wg.Go(func() { errs[i] = call(i) })
			}
			for g.Waiting() < tc.n {
				time.Sleep(time.Millisecond)
			}
			close(release)
			wg.Wait()
			for i, err := range errs {
				fails := tc.failOn(i)
				if fails != errors.Is(err, errOdd) || fails != (x.committed[i] == 0) || x.committed[i] > 1 {
					t.Errorf("call %d: %v, committed %d times; failing %v", i, err, x.committed[i], fails)
				}
			}
			if got := fmt.Sprint(x.sizes[1:]); got != fmt.Sprint(tc.sizes) {
				t.Errorf("transactions after the first: %s, want %v", got, tc.sizes)
			}
		})
	}
}

// holding reports whether the first transaction has not yet begun.
func (x *fakeTx) holding() bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.hold != nil
}
