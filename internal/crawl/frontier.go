package crawl

import (
	"time"

	"github.com/wenming-archive/wenming/internal/frontier"
)

// Frontier is what the crawl needs of its queue and seen-set: requests
// queued per host and handed out first in, first out; every URL queued at
// most once, ever (a URL seen, done or marked seen is not queued again);
// requests handed out but not done come back first after a restart.
// *frontier.Frontier (bbolt) is the embedded one; every implementation
// runs the suite in package frontiertest. A Frontier is safe for
// concurrent use.
//
// Several crawler processes may share one frontier (package pgstore):
// each works on the hosts it holds, taken with Claim (or by Pop) and let
// go with Release, so that a host is crawled by one process at a time
// and its politeness holds across them; a process checks with Fence,
// before each request it sends and before it archives, that it still
// holds the host. A frontier of one process (bbolt) holds every host
// for it.
type Frontier interface {
	// Push queues the requests whose URL was never seen and returns how
	// many it queued.
	Push(reqs ...frontier.Request) (int, error)
	// Pop hands out the host's oldest queued request; ok is false when the
	// host has none, or another process holds it or may take it first
	// (shared: its next allowed time has not come, or this process holds
	// its share of the hosts). The request is in flight until Done.
	Pop(host string) (r frontier.Request, ok bool, err error)
	// Done ends a request in flight; one not in flight is an error
	// wrapping frontier.ErrNotInFlight.
	Done(url string) error
	// MarkSeen marks URLs seen without queueing them and returns how many
	// were new.
	MarkSeen(urls ...string) (int, error)
	// Pending counts the queued requests per host; Len counts them all;
	// InFlight counts those handed out and not done.
	Pending() map[string]int
	Len() int
	InFlight() int
	// Sync makes what was pushed, popped and done durable.
	Sync() error
	// Claim returns the hosts with queued requests this process may work
	// on, taking up to max of them in all, and no more than its share,
	// where it must share them with other processes, each with the
	// earliest time its next request may start. Hosts marked GiveBack are
	// past this process's share: it should Release them where nothing of
	// them is in flight, for the others. wait reports work that others
	// hold, or that is not due yet (within a minute): the crawl should
	// ask again before it ends.
	Claim(max int) (leases []frontier.Lease, wait bool, err error)
	// Release lets go of a host this process holds, with the earliest
	// time another may send it a request; requests of the host still in
	// flight here are queued again.
	Release(host string, next time.Time) error
	// Fence reports whether this process may still act on r, a request
	// Pop handed it that is not done: send what r needs, archive what it
	// found. Where processes share the frontier, ok is false once this
	// process can no longer prove that it holds the lease of r's host it
	// was handed out under (a process stalled past its lease, or cut off
	// from the shared frontier, may have lost the host, and r with it,
	// to another); until is when that proof runs out unless renewed
	// (zero: no limit). A request that may not be acted on must not be
	// marked done either: it is the next holder's.
	Fence(r frontier.Request) (until time.Time, ok bool)
}

var _ Frontier = (*frontier.Frontier)(nil)
