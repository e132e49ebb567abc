package crawl

import "github.com/wenming-archive/wenming/internal/frontier"

// Frontier is what the crawl needs of its queue and seen-set: requests
// queued per host and handed out first in, first out; every URL queued at
// most once, ever (a URL seen, done or marked seen is not queued again);
// requests handed out but not done come back first after a restart.
// *frontier.Frontier (bbolt) is the embedded one; every implementation
// runs the suite in package frontiertest. A Frontier is safe for
// concurrent use.
type Frontier interface {
	// Push queues the requests whose URL was never seen and returns how
	// many it queued.
	Push(reqs ...frontier.Request) (int, error)
	// Pop hands out the host's oldest queued request; ok is false when the
	// host has none. The request is in flight until Done.
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
}

var _ Frontier = (*frontier.Frontier)(nil)
