package crawl

import (
	"container/heap"
	"time"
)

// The scheduler's hosts. A crawl of the whole network has thousands of
// hosts with queued requests, most of them waiting at any moment: for the
// delay after their last request, for a request in flight (pagesPerHost), for
// a backoff. Looking at every one of them after every page — as the
// scheduler did — costs each page the number of hosts. So a host is in
// one of three places: readyHosts, when it may be handed a request now;
// waitingHosts, until its next allowed time; or neither, while it has
// pagesPerHost requests in flight (it comes back when one is counted, see
// scheduler.count) or nothing queued (it comes back when it is queued).
// A round then costs the hosts it hands requests to, and a host's moves
// between the places cost a logarithm each.

// readyHosts is a priority queue of the hosts that may be handed a request
// now: the longest queue first (see dispatchQueued), then by name.
type readyHosts struct {
	items []*readyHost
	at    map[string]*readyHost
}

// readyHost is one host of readyHosts and the length of its queue.
type readyHost struct {
	host string
	n    int
	i    int // index in items
}

func (r *readyHosts) Len() int { return len(r.items) }

func (r *readyHosts) Less(i, j int) bool {
	a, b := r.items[i], r.items[j]
	if a.n != b.n {
		return a.n > b.n
	}
	return a.host < b.host
}

func (r *readyHosts) Swap(i, j int) {
	r.items[i], r.items[j] = r.items[j], r.items[i]
	r.items[i].i, r.items[j].i = i, j
}

func (r *readyHosts) Push(x any) {
	h := x.(*readyHost)
	h.i = len(r.items)
	r.items = append(r.items, h)
}

func (r *readyHosts) Pop() any {
	last := r.items[len(r.items)-1]
	r.items[len(r.items)-1] = nil
	r.items = r.items[:len(r.items)-1]
	return last
}

// add puts host in the queue with n requests queued, or moves it to its
// place for n when it is in already.
func (r *readyHosts) add(host string, n int) {
	if h, ok := r.at[host]; ok {
		if h.n != n {
			h.n = n
			heap.Fix(r, h.i)
		}
		return
	}
	if r.at == nil {
		r.at = map[string]*readyHost{}
	}
	h := &readyHost{host: host, n: n}
	r.at[host] = h
	heap.Push(r, h)
}

// take removes and returns the host with the longest queue.
func (r *readyHosts) take() string {
	h := heap.Pop(r).(*readyHost)
	delete(r.at, h.host)
	return h.host
}

// waitingHosts is a priority queue of hosts by the time they may go on,
// earliest first. A host may be in it more than once (it was made to wait
// again); each entry wakes it, and the round finds it waiting again or
// hands it a request.
type waitingHosts []hostWait

// hostWait is a host that may go on at a time.
type hostWait struct {
	at   time.Time
	host string
}

func (w waitingHosts) Len() int           { return len(w) }
func (w waitingHosts) Less(i, j int) bool { return w[i].at.Before(w[j].at) }
func (w waitingHosts) Swap(i, j int)      { w[i], w[j] = w[j], w[i] }
func (w *waitingHosts) Push(x any)        { *w = append(*w, x.(hostWait)) }
func (w *waitingHosts) Pop() any {
	old := *w
	last := old[len(old)-1]
	*w = old[:len(old)-1]
	return last
}

// wakeUntil moves the hosts whose time came by now out, earliest first.
func (w *waitingHosts) wakeUntil(now time.Time, wake func(host string)) {
	for len(*w) > 0 && !now.Before((*w)[0].at) {
		wake(heap.Pop(w).(hostWait).host)
	}
}
