package crawl

import (
	"context"
	"errors"
	"io"
	"sync"
	"time"
)

// An answer's time. A fixed deadline for the whole exchange stops a
// server that stalls or drips, but it also stops a large document on a
// slow server that is sending all the while: a 20 MB 名单 PDF from a
// county server answering at 300 KB/s needs a minute, and with the
// deadline at 30 s it failed in every run, however often it was tried.
// So an exchange gets an allowance: Options.Timeout for the answer to
// start and for its first bytes, and a second more for every minBodyRate
// bytes of body that come in. A body arriving at least that fast is read
// to its end, its size capped as before (so its time is bounded too: the
// cap over the rate); one that drips, or stalls halfway, ends as it did,
// about Options.Timeout after the request went out, as KindTimeout.

// minBodyRate is the least average rate, in bytes a second, at which a
// body earns time beyond the timeout: well below what a county server
// sends abroad, far above a drip.
const minBodyRate = 32 << 10

// errAllowanceSpent is the cause of an exchange's cancellation when its
// allowance ran out.
var errAllowanceSpent = errors.New("answer's time allowance spent")

// allowance is one exchange's deadline: timeout after start, moved on by
// a second for every minBodyRate bytes received.
type allowance struct {
	start   time.Time
	timeout time.Duration
	timer   *time.Timer

	mu   sync.Mutex
	read int64 // body bytes received
}

// allow returns a context of parent that is cancelled, with cause
// errAllowanceSpent, when the allowance of the exchange starting now runs
// out; stop releases its timer.
func allow(parent context.Context, timeout time.Duration) (ctx context.Context, a *allowance, stop func()) {
	ctx, cancel := context.WithCancelCause(parent)
	a = &allowance{start: time.Now(), timeout: timeout}
	a.timer = time.AfterFunc(timeout, func() { cancel(errAllowanceSpent) })
	return ctx, a, func() {
		a.timer.Stop()
		cancel(nil)
	}
}

// received counts n more bytes of body and moves the deadline on.
func (a *allowance) received(n int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.read += int64(n)
	a.timer.Reset(time.Until(a.deadline()))
}

// deadline is when the allowance runs out, given what was received.
// Called with a.mu held.
func (a *allowance) deadline() time.Time {
	return a.start.Add(a.timeout + time.Duration(a.read)*time.Second/minBodyRate)
}

// spent reports whether ctx (from allow) was cancelled because the
// allowance ran out, not by its parent.
func spent(ctx context.Context) bool {
	return errors.Is(context.Cause(ctx), errAllowanceSpent)
}

// pacedBody is a response body whose reads earn its exchange time.
type pacedBody struct {
	io.ReadCloser
	a *allowance
}

func (b pacedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if n > 0 {
		b.a.received(n)
	}
	return n, err
}
