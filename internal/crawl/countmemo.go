package crawl

import (
	"context"
	"sync"
	"sync/atomic"
)

// countMemo keeps what the view counters asked lately answered, by
// canonical counter URL, so that an article met again under another URL
// in the same run (its dynamic or mobile form, http and https, which load
// the same counter) costs no second request — and does not add a second
// view to counters that count each request (JEECMS's content_view.jspx,
// DedeCMS's count.php?view=yes). A count is kept; so is a failure (a 404,
// a 5xx, a timeout, an answer without a number), which is never a count:
// a counter that failed is asked again only while the failure is one
// worth retrying and it has failed at most Options.Retries times, as a
// page is, and while one request for it is in flight the other pages
// needing it wait for its answer. The memo keeps the last maxMemoCounts
// counters in two generations: a lookup finds the current one or the
// one before.
type countMemo struct {
	mu        sync.Mutex
	cur, prev map[uint64]*counterMemo
}

// counterMemo is what the memo knows of one counter.
type counterMemo struct {
	count    *int64          // the count read; nil while none was
	failure  *counterFailure // the last failure, while no count was read
	failures int             // the requests (each with its in-line retries) that failed
	asking   chan struct{}   // closed when the request in flight ends; nil when none is
	reported atomic.Bool     // the failure was recorded in the summary
}

// maxMemoCounts bounds each generation of the memo (a hundred bytes a
// counter and the map's overhead: a few hundred KB at most).
const maxMemoCounts = 4096

// begin returns what the memo knows of the counter at counterURL: its
// count, or its failure when it is not to be asked again (retries is
// Options.Retries; the failure returned is then not worth retrying).
// When it is to be asked, begin returns the counter's memo instead, and
// the caller asks it and passes the outcome to end; a caller that finds
// the counter asked by another waits for that answer (or ctx).
func (m *countMemo) begin(ctx context.Context, counterURL string, retries int) (count *int64, failed *counterFailure, ask *counterMemo, err error) {
	h := hashURL(counterURL)
	for {
		m.mu.Lock()
		e := m.find(h)
		if e == nil {
			e = &counterMemo{}
			m.store(h, e)
		}
		wait := e.asking
		if wait == nil {
			defer m.mu.Unlock()
			switch {
			case e.count != nil:
				n := *e.count
				return &n, nil, nil, nil
			case e.failure != nil && (!e.failure.retry || e.failures > retries):
				last := *e.failure
				last.retry = false
				return nil, &last, nil, nil
			}
			e.asking = make(chan struct{})
			return nil, nil, e, nil
		}
		m.mu.Unlock()
		select {
		case <-wait:
		case <-ctx.Done():
			return nil, nil, nil, ctx.Err()
		}
	}
}

// end settles the request begin let the caller make: count is what it
// read, else failed why it read none (nil for neither: the request was
// not made or cut short, and the next page asks again).
func (m *countMemo) end(counterURL string, e *counterMemo, count *int64, failed *counterFailure) {
	h := hashURL(counterURL)
	m.mu.Lock()
	defer m.mu.Unlock()
	if failed != nil && count == nil {
		failed.reported = &e.reported
		e.failure = failed
		e.failures++
	}
	close(e.asking)
	e.asking = nil
	if m.find(h) != e {
		m.store(h, e) // dropped with its generation while asked
	}
	if count != nil {
		m.setCount(h, *count)
	}
}

// get returns the count read at counterURL, if one was.
func (m *countMemo) get(counterURL string) (int64, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if e := m.find(hashURL(counterURL)); e != nil && e.count != nil {
		return *e.count, true
	}
	return 0, false
}

// put keeps v as the count read at counterURL.
func (m *countMemo) put(counterURL string, v int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.setCount(hashURL(counterURL), v)
}

// setCount keeps v as the count of the counter h, its failure forgotten.
func (m *countMemo) setCount(h uint64, v int64) {
	e := m.find(h)
	if e == nil {
		e = &counterMemo{}
		m.store(h, e)
	}
	e.count, e.failure = &v, nil
}

func (m *countMemo) find(h uint64) *counterMemo {
	if e, ok := m.cur[h]; ok {
		return e
	}
	return m.prev[h]
}

func (m *countMemo) store(h uint64, e *counterMemo) {
	if len(m.cur) >= maxMemoCounts {
		m.prev, m.cur = m.cur, nil
	}
	if m.cur == nil {
		m.cur = make(map[uint64]*counterMemo, 64)
	}
	m.cur[h] = e
}
