package crawl

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wenming-archive/wenming/internal/frontier"
)

// The lease fence. Where processes share the frontier, a process sends
// requests to a host only while it holds the host's lease (see
// Frontier.Fence). A process stalled past its lease — starved of CPU, a
// machine paused, its database unreachable — may have lost the host, and
// the requests it had taken with it, to another process, which may be
// sending to the host already. So every request sent for a frontier
// request (the page, its robots.txt, continuation pages, counters,
// redirects) is checked at the moment it goes out (gated), and cut if the
// proof of the lease runs out while it is under way; a request whose
// lease cannot be proven is left in the frontier for the host's next
// holder: neither sent, nor archived, nor marked done here.

// errLeaseLost is what a request refused or cut by the fence fails with.
var errLeaseLost = errors.New("this process can no longer prove that it holds the host's lease")

// fenceError is a request the fence refused (cut false: nothing was
// sent) or cut while it was under way.
type fenceError struct {
	url string
	cut bool
}

func (e *fenceError) Error() string {
	if e.cut {
		return fmt.Sprintf("%s cut short: %v", e.url, errLeaseLost)
	}
	return fmt.Sprintf("%s not sent: %v", e.url, errLeaseLost)
}

func (e *fenceError) Unwrap() error { return errLeaseLost }

// fenceNote travels in the context of everything a frontier request
// sends: the request, and whether the fence stopped one of its sends.
type fenceNote struct {
	req frontier.Request
	hit atomic.Bool
}

type fenceKey struct{}

// withFence returns ctx carrying n.
func withFence(ctx context.Context, n *fenceNote) context.Context {
	return context.WithValue(ctx, fenceKey{}, n)
}

// fenceOf returns the note ctx carries, nil if none.
func fenceOf(ctx context.Context) *fenceNote {
	n, _ := ctx.Value(fenceKey{}).(*fenceNote)
	return n
}

// fenced reports whether the fence stopped a send of ctx's frontier
// request: the request is then the lease's next holder's.
func fenced(ctx context.Context) bool {
	n := fenceOf(ctx)
	return n != nil && n.hit.Load()
}

// mayAct asks the frontier whether the request ctx carries may still be
// acted on, noting it when not.
func (c *Crawler) mayAct(ctx context.Context) (until time.Time, ok bool) {
	n := fenceOf(ctx)
	if n == nil {
		return time.Time{}, true // not sent for a frontier request
	}
	if n.hit.Load() {
		return time.Time{}, false
	}
	until, ok = c.front.Fence(n.req)
	if !ok {
		n.hit.Store(true)
	}
	return until, ok
}

// refused reports whether err is a request the fence did not let out.
func refused(err error) bool {
	fe, ok := errors.AsType[*fenceError](err)
	return ok && !fe.cut
}

// watchLease returns ctx cancelled (with cause errLeaseLost) once the
// proof of the lease of n's request runs out, first at until, later if
// renewals prove more; stop ends the watch.
func (c *Crawler) watchLease(ctx context.Context, n *fenceNote, until time.Time) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(ctx)
	var (
		mu      sync.Mutex
		stopped bool
		t       *time.Timer
	)
	check := func() {
		mu.Lock()
		defer mu.Unlock()
		if stopped {
			return
		}
		next, ok := c.front.Fence(n.req)
		if !ok {
			n.hit.Store(true)
			cancel(errLeaseLost)
			return
		}
		if !next.IsZero() {
			t.Reset(time.Until(next))
		}
	}
	mu.Lock()
	t = time.AfterFunc(time.Until(until), check)
	mu.Unlock()
	return ctx, func() {
		mu.Lock()
		stopped = true
		t.Stop()
		mu.Unlock()
		cancel(nil)
	}
}
