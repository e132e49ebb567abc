package crawl

import (
	"context"
	"net/url"
	"sync"

	"github.com/wenming-archive/wenming/internal/frontier"
)

// A failed request is tried again later in the run, after its host's
// backoff, up to Options.Retries times (1+2+4+8 s of backoff by
// default). A server that fails for longer — a county server restarting,
// or overloaded for a minute, answering 5xx, failure pages, resets or
// nothing — is spread over many requests while its host has pages queued
// (each is tried again once the queue is done, and the burst costs
// nothing), but when it hits the host's last request, every attempt of
// that one request falls inside it and the page was given up: an article
// lost for the run, and the whole site when it was the homepage of a
// later run, which asks little else of the host.
//
// So a page request that failed as often as Options.Retries allows is
// told apart by what its host did meanwhile. Where the host answered
// anything else since the request first failed, the server is up and the
// page is what fails: it is given up, as before. Where it answered
// nothing else, the request waits out the host's outage: each time its
// turn comes again (at the host's doubling backoff, so never sooner than
// before), the host's robots.txt is asked first, a small file every host
// answers, 404 or not. While that fails too, the request waits on, until
// the host's failures in a row count as down (hostDownFailures): the host
// is then left for the run and the request stays queued for the next
// (the archive carries the requests of hosts left into its next pass),
// named in the summary, never dropped. Once the host answers, the page is
// fetched at once, a last time: archived if the outage is over, given up
// if the page itself fails (a broken page costs one request more than
// its retries, and the probe). Only failures that say nothing of when to
// come back wait so (5xx without Retry-After, failure pages, network
// errors and timeouts): a 429, or a 503 with a Retry-After, is a server
// up and talking. A server whose robots.txt answers while its pages fail
// (a front serving static files, its application down) is up as far as
// the crawl can tell. Captures (images, attachments) are given up after
// their retries; with Options.Retries 0 nothing is tried again.

// outages keeps, per URL, its failed attempts in this run and, per host,
// how many answers it gave that were not silent failures.
type outages struct {
	mu       sync.Mutex
	attempts map[string]tries
	answers  map[string]uint64
}

// tries is what a URL's failures in this run were.
type tries struct {
	n int
	// answers is its host's count of answers when the URL first failed.
	answers uint64
	// waiting: past its retries, the request waits out its host's outage
	// (its host's robots.txt is asked first when its turn comes).
	waiting bool
}

func newOutages() outages {
	return outages{attempts: map[string]tries{}, answers: map[string]uint64{}}
}

// silentFailure reports whether a failed fetch is worth another try and
// said nothing of when: the kind of failure an outage of the host's
// server gives.
func silentFailure(f *fetched) bool {
	return retryable(f) && f.status != 429 && f.retryAfter == 0
}

// answered notes what a fetch of host got: an answer that is not a silent
// failure (a page, a 404, a redirect, a 429 …) shows the server up.
func (c *Crawler) answered(host string, f *fetched) {
	if f.status == 0 || silentFailure(f) {
		return
	}
	c.outages.mu.Lock()
	c.outages.answers[host]++
	c.outages.mu.Unlock()
}

// attempt counts a failed attempt at url and returns how many there were.
func (c *Crawler) attempt(url string) int {
	o := &c.outages
	o.mu.Lock()
	defer o.mu.Unlock()
	t := o.begin(Host(url), url)
	o.attempts[url] = t
	return t.n
}

// begin counts a failed attempt at url of host and returns its tries, not
// yet stored. o.mu is held.
func (o *outages) begin(host, url string) tries {
	t, ok := o.attempts[url]
	if !ok {
		t.answers = o.answers[host]
	}
	t.n++
	return t
}

// tryAgain counts a failed attempt at a page request (its fetch, or its
// host's robots.txt asked first, f: worth another try) and reports
// whether it is tried again later in the run: while it has retries left,
// and past them, waiting out its host's outage, while its host answered
// nothing else since it first failed and the failure said nothing of
// when to come back, up to hostDownFailures attempts.
func (c *Crawler) tryAgain(host, url string, f *fetched) bool {
	o := &c.outages
	o.mu.Lock()
	defer o.mu.Unlock()
	t := o.begin(host, url)
	again := t.n <= c.opts.Retries
	if !again && c.opts.Retries > 0 && t.n <= hostDownFailures && o.answers[host] == t.answers && silentFailure(f) {
		if !t.waiting {
			c.stats.retriedLonger.Add(1)
		}
		t.waiting, again = true, true
	}
	o.attempts[url] = t
	return again
}

// probe asks, before a request that waits out its host's outage is sent
// again, the host's robots.txt. It returns nil when the host answered
// (the request is then fetched) or the request is not waiting, and the
// failure otherwise, which stands for the request's.
func (c *Crawler) probe(ctx context.Context, req frontier.Request) *fetched {
	c.outages.mu.Lock()
	waiting := c.outages.attempts[req.URL].waiting
	c.outages.mu.Unlock()
	if !waiting {
		return nil
	}
	u, err := url.Parse(req.URL)
	if err != nil {
		return nil
	}
	f := c.fetchWith(ctx, u.Scheme+"://"+u.Host+"/robots.txt", kindProbe, nil, 0)
	c.answered(req.Host, f)
	if !silentFailure(f) && ctx.Err() == nil && !fenced(ctx) {
		return nil
	}
	return f
}
