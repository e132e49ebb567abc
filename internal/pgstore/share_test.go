package pgstore_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/crawl"
	"github.com/wenming-archive/wenming/internal/pgstore"
	"github.com/wenming-archive/wenming/internal/pgstore/pgtest"
	"github.com/wenming-archive/wenming/internal/sitesim"
)

// shareDelay is the politeness delay of the crawls below: long enough
// that a host takes a while and the workers overlap.
const shareDelay = 40 * time.Millisecond

// traffic is what the simulation was asked, across the workers: each
// URL's requests, and per host the most requests in flight at once and
// the shortest time between two starts by different workers (the header
// workerHeader names the worker).
type traffic struct {
	h    http.Handler
	mu   sync.Mutex
	urls map[string]int
	now  map[string]int
	most map[string]int
	last map[string]start
	gap  map[string]time.Duration
}

// start is when a request reached the simulation, and whose it was.
type start struct {
	at     time.Time
	worker string
}

// workerHeader carries the name of the worker that sent a request.
const workerHeader = "X-Test-Worker"

// simServer serves the calm 300-article simulation the tests share
// their hosts in, through a traffic recorder, on loopback until the test
// ends; proxy is its URL.
func simServer(t *testing.T) (sim *sitesim.Sim, tr *traffic, proxy string) {
	t.Helper()
	sim = sitesim.New(sitesim.Options{Seed: 7, Articles: 300, Calm: true})
	tr = newTraffic(sim)
	srv := httptest.NewServer(tr)
	t.Cleanup(srv.Close)
	return sim, tr, srv.URL
}

func newTraffic(h http.Handler) *traffic {
	return &traffic{h: h, urls: map[string]int{}, now: map[string]int{}, most: map[string]int{},
		last: map[string]start{}, gap: map[string]time.Duration{}}
}

func (tr *traffic) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	host, this := r.URL.Host, start{time.Now(), r.Header.Get(workerHeader)}
	tr.mu.Lock()
	tr.urls[r.URL.String()]++
	tr.now[host]++
	tr.most[host] = max(tr.most[host], tr.now[host])
	if last, ok := tr.last[host]; ok && last.worker != this.worker {
		if g, seen := tr.gap[host]; !seen || this.at.Sub(last.at) < g {
			tr.gap[host] = this.at.Sub(last.at)
		}
	}
	tr.last[host] = this
	tr.mu.Unlock()
	defer func() {
		tr.mu.Lock()
		tr.now[host]--
		tr.mu.Unlock()
	}()
	tr.h.ServeHTTP(w, r)
}

// simWorker is one crawl process of the tests, in this process: its own
// frontier connection (a worker of the shared frontier) and crawler,
// counting the requests it sends and the articles it hands on.
type simWorker struct {
	name     string
	started  time.Time
	first    atomic.Int64 // unix nanoseconds of its first request; 0 before
	requests atomic.Int64
	done     chan error
	mu       sync.Mutex
	articles map[string]int
	front    *pgstore.Frontier
	// before, if set, runs as each request of the worker is about to go
	// out, with how many it sent before (a stall the test makes).
	before func(r *http.Request, sent int64)
}

// roundTrip counts the request and sends it through the simulation,
// signed with the worker's name.
func (w *simWorker) roundTrip(inner http.RoundTripper) http.RoundTripper {
	return roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if w.before != nil {
			w.before(r, w.requests.Load())
		}
		w.first.CompareAndSwap(0, time.Now().UnixNano())
		w.requests.Add(1)
		r = r.Clone(r.Context())
		r.Header.Set(workerHeader, w.name)
		return inner.RoundTrip(r)
	})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// startWorker opens the frontier in dsn as worker name and crawls the
// simulation behind proxy from the national site, four requests at a
// time, one per host, shareDelay apart.
func startWorker(t *testing.T, dsn, name, proxy string) *simWorker {
	t.Helper()
	return startWorkerWith(t, dsn, name, proxy, workerSetup{})
}

// workerSetup is how a worker of the tests differs from startWorker's:
// its lease (default 3 s), its requests at a time (default 4), and a
// hook before each of its requests (see simWorker.before).
type workerSetup struct {
	lease   time.Duration
	workers int
	before  func(w *simWorker, r *http.Request, sent int64)
}

func startWorkerWith(t *testing.T, dsn, name, proxy string, ws workerSetup) *simWorker {
	t.Helper()
	if ws.lease == 0 {
		ws.lease = 3 * time.Second
	}
	if ws.workers == 0 {
		ws.workers = 4
	}
	w := &simWorker{name: name, started: time.Now(), done: make(chan error, 1), articles: map[string]int{}}
	if ws.before != nil {
		w.before = func(r *http.Request, sent int64) { ws.before(w, r, sent) }
	}
	f, err := pgstore.OpenFrontier(context.Background(), dsn, pgstore.FrontierOptions{Worker: name, Lease: ws.lease})
	if err != nil {
		t.Fatal(err)
	}
	w.front = f
	pu, err := url.Parse(proxy)
	if err != nil {
		t.Fatal(err)
	}
	opts := crawl.Options{
		Seeds:       []crawl.SiteSpec{{URL: "http://www.wenming.cn/", Name: "中国文明网", Level: article.National}},
		Workers:     ws.workers,
		PerHost:     1,
		Delay:       shareDelay,
		StateDir:    t.TempDir(),
		SharedSites: f.Sites(),
		PassStart:   f.PassStarted(),
		Transport:   w.roundTrip(&http.Transport{Proxy: http.ProxyURL(pu)}),
	}
	c, err := crawl.New(opts, f, func(a *article.Article) (crawl.Stored, error) {
		w.mu.Lock()
		defer w.mu.Unlock()
		w.articles[a.URL]++
		return crawl.Stored{Outcome: crawl.Added}, nil
	})
	if err != nil {
		f.Close()
		t.Fatal(err)
	}
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		_, err := c.Run(ctx)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		w.done <- err
	}()
	return w
}

// finish waits for the workers' crawls to end and checks the pass: every
// article of the simulation handed on once, by one worker, every URL but
// robots.txt asked once (each worker reads a host's robots.txt itself),
// no host with two requests in flight, nor two requests by different
// workers less than the delay apart. It returns the requests of each worker.
func finish(t *testing.T, sim *sitesim.Sim, tr *traffic, workers []*simWorker) []int64 {
	t.Helper()
	for _, w := range workers {
		if err := <-w.done; err != nil {
			t.Errorf("worker %s: %v", w.name, err)
		}
	}
	var made []int64
	got := map[string]int{}
	for _, w := range workers {
		made = append(made, w.requests.Load())
		for u, n := range w.articles {
			got[u] += n
		}
	}
	sim.ForEachArticle(func(a sitesim.Truth) bool {
		if !a.Disallowed {
			if got[a.URL] != 1 {
				t.Errorf("article %s handed on %d times", a.URL, got[a.URL])
			}
		}
		return true
	})
	for u, n := range got {
		if n > 1 {
			t.Errorf("%s handed on %d times", u, n)
		}
	}
	tr.mu.Lock()
	defer tr.mu.Unlock()
	for u, n := range tr.urls {
		if limit := 1 + (len(workers)-1)*btoi(strings.HasSuffix(u, "/robots.txt")); n > limit {
			t.Errorf("%s asked %d times", u, n)
		}
	}
	for host, n := range tr.most {
		if n > 1 {
			t.Errorf("%s had %d requests in flight at once; per_host is 1", host, n)
		}
	}
	for host, g := range tr.gap {
		// A worker takes a host from the next allowed time the last one
		// left on it: the delay after that one's last answer.
		if g < shareDelay {
			t.Errorf("%s was asked by two workers %v apart; the delay is %v", host, g, shareDelay)
		}
	}
	return made
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestWorkersShareTheHosts: two, then three workers started together on
// the simulation's 18 sites each take their share of the hosts, so each
// makes a fair part of the requests (at least a quarter of an even
// split; before the share the first to claim made them all), and the
// pass ends with every article once and the politeness held across them.
func TestWorkersShareTheHosts(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls of the simulation by two and three workers (about 20 s)")
	}
	for _, n := range []int{2, 3} {
		t.Run(fmt.Sprintf("%d workers", n), func(t *testing.T) {
			// Each in a schema and a simulation of its own: the two
			// crawls, which mostly wait out the politeness delay, run
			// side by side.
			t.Parallel()
			dsn := pgtest.DSN(t)
			sim, tr, proxy := simServer(t)
			var workers []*simWorker
			for i := range n {
				workers = append(workers, startWorker(t, dsn, fmt.Sprintf("w%d", i), proxy))
			}
			made := finish(t, sim, tr, workers)
			var total int64
			for _, m := range made {
				total += m
			}
			t.Logf("%d workers: %v requests", n, made)
			for i, m := range made {
				if m*4*int64(n) < total {
					t.Errorf("worker %d made %d of %d requests; an even split gives %d", i, m, total, total/int64(n))
				}
			}
		})
	}
}

// TestWorkerJoinsAPassUnderWay: a worker started while another is well
// into its pass gets hosts within seconds — the first gives back those
// past its share at its next claim — and makes a fair part of the rest.
func TestWorkerJoinsAPassUnderWay(t *testing.T) {
	if testing.Short() {
		t.Skip("a crawl of the simulation joined by a second worker (about 10 s)")
	}
	dsn := pgtest.DSN(t)
	sim, tr, proxy := simServer(t)
	// Leases of 10 s, not the tests' 3: this test is about sharing a pass,
	// not about leases running out, and under a loaded machine a worker
	// stalled past a 3-s lease hands its request in flight on to the other
	// (at least once), which fetches it again (seen once in a CI run of
	// the whole suite). The product's default is 30 s.
	const lease = 10 * time.Second
	a := startWorkerWith(t, dsn, "early", proxy, workerSetup{lease: lease})
	deadline := time.Now().Add(time.Minute)
	for a.requests.Load() < 150 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	before := a.requests.Load()
	b := startWorkerWith(t, dsn, "late", proxy, workerSetup{lease: lease})
	made := finish(t, sim, tr, []*simWorker{a, b})
	t.Logf("the first worker made %d requests before the second started; then %d and %d", before, made[0]-before, made[1])
	first := b.first.Load()
	if first == 0 {
		t.Fatal("the late worker made no request")
	}
	took := time.Unix(0, first).Sub(b.started)
	t.Logf("the late worker's first request came %v after it started", took.Round(time.Millisecond))
	if took > 5*time.Second {
		t.Errorf("the late worker's first request came %v after it started", took)
	}
	if rest := made[0] - before + made[1]; made[1]*8 < rest {
		t.Errorf("the late worker made %d of the %d requests after it started; an even split gives %d", made[1], rest, rest/2)
	}
}

// TestStalledWorkerSendsNothingPastItsLease: a worker stalled for longer
// than its lease — its renewals stopped, its request on the way out held
// — until another worker's claim has taken the host from it (its request
// in flight requeued for the next holder) sends nothing more to the host
// when it wakes: the request it held is cut, left to the next holder and
// fetched once, by that one. The pass ends with every article handed on
// once and no host ever asked by two workers at once. The request held
// is the first, past the stalled worker's 30th, of a directory the
// simulation answers 404 (dirAnswering404): the one request of a page
// that is two requests (the directory, then its index.html), the case
// where a run of the whole suite once saw the held URL asked twice. Any
// URL held before depended on which hosts the worker drew.
func TestStalledWorkerSendsNothingPastItsLease(t *testing.T) {
	if testing.Short() {
		t.Skip("a crawl of the simulation by two workers, one stalled past its lease (about 20 s)")
	}
	dsn := pgtest.DSN(t)
	sim, tr, proxy := simServer(t)
	conn := pgtest.Conn(t, dsn)
	const lease = time.Second
	var (
		once    sync.Once
		stalled string // the URL held
		lost    bool   // another worker's claim took its host meanwhile
		cut     bool   // the fence stopped it
	)
	stall := func(w *simWorker, r *http.Request, sent int64) {
		if sent < 30 || !dirAnswering404(sim, r) {
			return
		}
		once.Do(func() {
			stalled = r.URL.String()
			resume := w.front.PauseRenewals()
			defer resume()
			// Held until the host is no longer this worker's in the
			// database: its lease expired and another worker's claim
			// (which runs expire) requeued what it had in flight.
			deadline := time.Now().Add(30 * time.Second)
			for time.Now().Before(deadline) && !lost {
				var holder *string
				if err := conn.QueryRow(context.Background(), `SELECT worker FROM frontier_hosts WHERE host = $1`, r.URL.Host).Scan(&holder); err != nil {
					t.Errorf("read the lease of %s: %v", r.URL.Host, err)
					return
				}
				lost = holder == nil || *holder != w.name
				time.Sleep(20 * time.Millisecond)
			}
			cut = r.Context().Err() != nil
		})
	}
	// The stalled worker sends one request at a time: while it is held,
	// it asks the frontier for nothing (its claims would renew its
	// leases).
	a := startWorkerWith(t, dsn, "stalled", proxy, workerSetup{lease: lease, workers: 1, before: stall})
	b := startWorkerWith(t, dsn, "other", proxy, workerSetup{lease: lease})
	made := finish(t, sim, tr, []*simWorker{a, b})
	t.Logf("requests %v; held %s: lease taken over %v, cut %v", made, stalled, lost, cut)
	if stalled == "" || !lost {
		t.Fatalf("the stall did not happen as meant: held %q, lease taken over %v", stalled, lost)
	}
	if !cut {
		t.Errorf("the request held past the lease was not cut")
	}
	tr.mu.Lock()
	defer tr.mu.Unlock()
	if n := tr.urls[stalled]; n != 1 {
		t.Errorf("%s, held past the lease, asked %d times; want once, by the host's next holder", stalled, n)
	}
}

// dirAnswering404 reports whether r asks a directory (not a site's root)
// that the simulation answers 404: the crawler asks such a directory once
// more by its index page (the crawl package's dirindex.go), the request
// most likely to be asked twice when a lease changes hands under it.
func dirAnswering404(sim *sitesim.Sim, r *http.Request) bool {
	if !strings.HasSuffix(r.URL.Path, "/") || r.URL.Path == "/" || r.URL.RawQuery != "" {
		return false
	}
	rec := httptest.NewRecorder()
	sim.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, r.URL.String(), nil))
	return rec.Code == http.StatusNotFound
}
