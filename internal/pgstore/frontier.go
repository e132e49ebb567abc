package pgstore

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/wenming-archive/wenming/internal/frontier"
)

// DefaultLease is how long a host stays leased to a worker that stopped
// renewing it (killed, or cut off from the database).
const DefaultLease = 30 * time.Second

// FrontierOptions say which frontier to open and as whom.
type FrontierOptions struct {
	// Name tells frontiers apart: "" is the whole hierarchy's, a group's
	// crawl has its own.
	Name string
	// Worker names this process among the workers; default host-pid-random.
	Worker string
	// Lease is how long a host stays leased without renewal; default
	// DefaultLease. The lease is renewed every third of it.
	Lease  time.Duration
	Logger *slog.Logger
}

// Frontier is the crawl frontier in PostgreSQL, shared by every worker
// that opens it: per-host FIFO queues, the seen-set, and per-host leases.
// A worker pops requests only from hosts it holds the lease of (Pop takes
// a free lease, Claim takes several), so that one host is crawled by one
// worker at a time and its politeness holds across workers; the host's
// next allowed time is kept with the lease when the worker lets it go,
// and no worker takes the host before it. The workers share the hosts:
// each takes at most its share of the hosts with work, and one holding
// more is asked to give its idle ones back (see Claim), so that workers
// started together, or one joining a pass under way, all get work. A
// worker renews its leases while it runs; the leases of a worker that
// stopped (killed) expire, and the requests it had in flight go back to
// the front of their queues.
//
// A worker stalled for longer than its lease (no CPU, a paused machine, a
// database that does not answer) loses its hosts to the others while it
// may still hold requests it took: Fence tells it, before each send,
// whether it can still prove it holds the lease a request was handed out
// under (see Fence). A Frontier is safe for concurrent use.
type Frontier struct {
	pool    *pgxpool.Pool
	name    string
	worker  string
	lease   time.Duration
	log     *slog.Logger
	server  string
	resumed bool
	pass    time.Time

	stop     chan struct{}
	stopOnce sync.Once
	wg       sync.WaitGroup

	// The leases this worker took, as far as it can prove them (see
	// Fence), and the lease each request it has in flight was handed
	// out under.
	heldMu   sync.Mutex
	held     map[string]*heldLease
	popped   map[string]poppedReq // by URL
	gen      uint64               // the last generation handed out
	renewErr error                // the last renewal's failure, nil once one succeeds
}

// poppedReq is a request this worker has in flight: its host, and the
// generation of the host's lease it was handed out under.
type poppedReq struct {
	host string
	gen  uint64
}

// heldLease is a host's lease as this worker knows it: the gen'th lease
// it took (claimed, or popped from a free host), noted at noted (after
// the transaction that took it committed) on the worker's monotonic
// clock, and provably its own until until. A lease this worker lost has
// a zero until.
type heldLease struct {
	gen          uint64
	noted, until time.Time
}

// fenceMargin is how much of a lease a worker does not count on: the
// database reckons a lease from the moment it began the transaction that
// took or renewed it, later than the worker's clock read before it sent
// the transaction, so the worker's reckoning ends first whatever the two
// clocks say; the margin leaves time for the two clocks' rates to differ
// and for a request the worker sends just before its proof ends to reach
// the host and be answered before another worker may take the host.
func (f *Frontier) fenceMargin() time.Duration { return f.lease / 10 }

// OpenFrontier connects to the database dsn names and opens the frontier
// o.Name. A frontier with nothing queued, nothing in flight and no other
// worker on it belongs to a finished crawl pass: it is emptied (the
// seen-set too) and a new pass begins; otherwise the pass goes on
// (Resumed), a pass another worker began a moment ago included.
func OpenFrontier(ctx context.Context, dsn string, o FrontierOptions) (*Frontier, error) {
	if o.Worker == "" {
		o.Worker = WorkerName()
	}
	if o.Lease <= 0 {
		o.Lease = DefaultLease
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	pool, err := connect(ctx, dsn, o.Logger)
	if err != nil {
		return nil, err
	}
	f := &Frontier{pool: pool, name: o.Name, worker: o.Worker, lease: o.Lease, log: o.Logger, server: Server(dsn), stop: make(chan struct{}),
		held: map[string]*heldLease{}, popped: map[string]poppedReq{}}
	if err := f.begin(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open frontier %q in %s: %w", o.Name, f.server, err)
	}
	f.wg.Add(1)
	go f.renew()
	return f, nil
}

// WorkerName names this process: host name, process id and a random
// suffix (a restarted process on the same host is another worker).
func WorkerName() string {
	host, _ := os.Hostname()
	if host == "" {
		host = "host"
	}
	var b [3]byte
	rand.Read(b[:])
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b[:]))
}

// begin resumes the frontier's pass or starts a new one.
func (f *Frontier) begin(ctx context.Context) error {
	return inTx(ctx, f.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, lockKey('f', []byte(f.name))); err != nil {
			return err
		}
		if err := expire(ctx, tx, f.name); err != nil {
			return err
		}
		// A pass is under way while requests are queued, or while another
		// worker is on it: one that began it a moment ago has not queued
		// its seeds yet, and a new pass would drop them.
		if _, err := tx.Exec(ctx, `DELETE FROM frontier_workers WHERE frontier = $1 AND lease_until < now()`, f.name); err != nil {
			return err
		}
		var queued, joined bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM frontier_queue WHERE frontier = $1),
			EXISTS (SELECT 1 FROM frontier_workers WHERE frontier = $1 AND worker <> $2)`, f.name, f.worker).Scan(&queued, &joined); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO frontier_workers (frontier, worker, lease_until) VALUES ($1, $2, now() + $3::interval)
			ON CONFLICT (frontier, worker) DO UPDATE SET lease_until = now() + $3::interval`, f.name, f.worker, f.lease); err != nil {
			return err
		}
		var leftOnly bool
		err := tx.QueryRow(ctx, `SELECT pass_started, left_hosts_only FROM frontiers WHERE frontier = $1`, f.name).Scan(&f.pass, &leftOnly)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		switch {
		case err == nil && (joined || queued && !leftOnly):
			f.resumed = true
			_, err := tx.Exec(ctx, `UPDATE frontiers SET left_hosts_only = false WHERE frontier = $1`, f.name)
			return err
		case err == nil && queued:
			// Only the requests of hosts the last run left: a new pass
			// begins with them queued (their hosts' next times kept), and
			// every other URL may be visited again.
			rows, err := tx.Query(ctx, `SELECT url FROM frontier_queue WHERE frontier = $1`, f.name)
			if err != nil {
				return err
			}
			urls, err := pgx.CollectRows(rows, pgx.RowTo[string])
			if err != nil {
				return err
			}
			hashes := make([][]byte, len(urls))
			for i, u := range urls {
				hashes[i] = seenHash(u)
			}
			if _, err := tx.Exec(ctx, `DELETE FROM frontier_seen WHERE frontier = $1`, f.name); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `INSERT INTO frontier_seen (frontier, hash) SELECT $1, h FROM unnest($2::bytea[]) AS h
				ON CONFLICT DO NOTHING`, f.name, hashes); err != nil {
				return err
			}
			f.resumed = false
			return tx.QueryRow(ctx, `UPDATE frontiers SET pass_started = now(), left_hosts_only = false WHERE frontier = $1
				RETURNING pass_started`, f.name).Scan(&f.pass)
		}
		for _, q := range []string{
			`DELETE FROM frontier_seen WHERE frontier = $1`,
			`DELETE FROM frontier_queue WHERE frontier = $1`,
			`DELETE FROM frontier_hosts WHERE frontier = $1`,
		} {
			if _, err := tx.Exec(ctx, q, f.name); err != nil {
				return err
			}
		}
		f.resumed = false
		return tx.QueryRow(ctx, `INSERT INTO frontiers (frontier, pass_started) VALUES ($1, now())
			ON CONFLICT (frontier) DO UPDATE SET pass_started = now(), left_hosts_only = false RETURNING pass_started`, f.name).Scan(&f.pass)
	})
}

// EndLeavingHosts is told at the end of a run that ended by itself which
// hosts the run left (down, robots.txt unavailable, a Retry-After past
// the cap). When no other worker is on the pass, nothing is in flight and
// every queued request is of one of those hosts, or of a host an earlier
// run left that is not due yet, it records that the pass
// is over but for them, so that the next run begins a new pass with them
// queued instead of resuming this one, which would fetch nothing else for
// as long as they stay down; it reports whether it did.
func (f *Frontier) EndLeavingHosts(left map[string]string) (bool, error) {
	ctx := context.Background()
	var ended bool
	err := inTx(ctx, f.pool, func(tx pgx.Tx) error {
		ended = false
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, lockKey('f', []byte(f.name))); err != nil {
			return err
		}
		var others, inFlight bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM frontier_workers WHERE frontier = $1 AND worker <> $2 AND lease_until > now()),
			EXISTS (SELECT 1 FROM frontier_queue WHERE frontier = $1 AND worker IS NOT NULL)`, f.name, f.worker).Scan(&others, &inFlight); err != nil {
			return err
		}
		if others || inFlight {
			return nil
		}
		// The hosts still queued, and whether each is waiting out a leave
		// (its next time over a minute away: a run ends only when no host
		// is due sooner): one an earlier run left, not due in this one.
		rows, err := tx.Query(ctx, `SELECT DISTINCT q.host, coalesce(h.next_at > now() + interval '1 minute', false)
			FROM frontier_queue q LEFT JOIN frontier_hosts h ON h.frontier = q.frontier AND h.host = q.host
			WHERE q.frontier = $1`, f.name)
		if err != nil {
			return err
		}
		queued := 0
		for rows.Next() {
			var host string
			var waiting bool
			if err := rows.Scan(&host, &waiting); err != nil {
				rows.Close()
				return err
			}
			queued++
			if _, ok := left[host]; !ok && !waiting {
				rows.Close()
				return nil
			}
		}
		if err := rows.Err(); err != nil || queued == 0 {
			return err
		}
		ended = true
		_, err = tx.Exec(ctx, `UPDATE frontiers SET left_hosts_only = true WHERE frontier = $1`, f.name)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("record the hosts left: %w", err)
	}
	return ended, nil
}

// expire ends the leases nobody renewed: the requests their worker had
// in flight go back to their queues, at the front.
func expire(ctx context.Context, tx pgx.Tx, name string) error {
	if _, err := tx.Exec(ctx, `UPDATE frontier_queue q SET worker = NULL FROM frontier_hosts h
		WHERE h.frontier = $1 AND h.worker IS NOT NULL AND h.lease_until < now()
		AND q.frontier = $1 AND q.host = h.host AND q.worker = h.worker`, name); err != nil {
		return fmt.Errorf("requeue the requests of expired leases: %w", err)
	}
	if _, err := tx.Exec(ctx, `UPDATE frontier_hosts SET worker = NULL, lease_until = NULL
		WHERE frontier = $1 AND worker IS NOT NULL AND lease_until < now()`, name); err != nil {
		return fmt.Errorf("end expired leases: %w", err)
	}
	return nil
}

// renew extends this worker's leases every third of the lease time until
// Close. A renewal that fails (the database down or too slow) is logged
// once, with when the proof of the leases runs out; the worker sends
// nothing to those hosts from then on (see Fence) until a renewal
// succeeds again, which is logged too.
func (f *Frontier) renew() {
	defer f.wg.Done()
	t := time.NewTicker(f.lease / 3)
	defer t.Stop()
	for {
		select {
		case <-f.stop:
			return
		case <-t.C:
			f.renewOnce()
		}
	}
}

// renewOnce extends this worker's leases once and notes which it holds.
func (f *Frontier) renewOnce() {
	ctx, cancel := context.WithTimeout(context.Background(), f.lease/3)
	defer cancel()
	start := time.Now()
	var hosts []string
	err := inTx(ctx, f.pool, func(tx pgx.Tx) error {
		var err error
		if hosts, err = renewHosts(ctx, tx, f.name, f.worker, f.lease); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE frontier_workers SET lease_until = now() + $3::interval
			WHERE frontier = $1 AND worker = $2`, f.name, f.worker, f.lease)
		return err
	})
	f.heldMu.Lock()
	defer f.heldMu.Unlock()
	if err != nil {
		if f.renewErr == nil {
			until := time.Time{}
			for _, l := range f.held {
				until = maxTime(until, l.until)
			}
			args := []any{"err", err, "leases", len(f.held)}
			if !until.IsZero() {
				args = append(args, "sending_stops_in", time.Until(until).Round(time.Millisecond))
			}
			f.log.Warn("cannot renew the host leases: no request goes to a host once its lease can no longer be proven", args...)
		}
		f.renewErr = err
		return
	}
	if f.renewErr != nil {
		f.log.Warn("host leases renewed again", "leases", len(hosts), "after", f.renewErr)
		f.renewErr = nil
	}
	f.proven(start, hosts)
}

// renewHosts extends the leases worker holds and returns their hosts;
// those it lost (expired, and requeued by another worker) are not among
// them.
func renewHosts(ctx context.Context, tx pgx.Tx, name, worker string, lease time.Duration) ([]string, error) {
	rows, err := tx.Query(ctx, `UPDATE frontier_hosts SET lease_until = now() + $3::interval
		WHERE frontier = $1 AND worker = $2 RETURNING host`, name, worker, lease)
	if err != nil {
		return nil, fmt.Errorf("renew host leases: %w", err)
	}
	hosts, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("renew host leases: %w", err)
	}
	return hosts, nil
}

// took notes the leases of hosts taken by a transaction begun after
// start: new leases, provably this worker's until start plus the lease,
// less the margin; requests handed out under an earlier lease of one of
// them are void. The caller holds heldMu.
func (f *Frontier) took(start time.Time, hosts ...string) {
	until := start.Add(f.lease - f.fenceMargin())
	for _, h := range hosts {
		f.gen++
		f.held[h] = &heldLease{gen: f.gen, noted: time.Now(), until: until}
	}
}

// proven notes what a transaction begun after start found: hosts are
// every host this worker holds, renewed, each provably its own until
// start plus the lease, less the margin. A host noted before start that
// is not among them was lost (one taken by a transaction that committed
// after the renewal's began is not among them, and not lost). The caller
// holds heldMu.
func (f *Frontier) proven(start time.Time, hosts []string) {
	until := start.Add(f.lease - f.fenceMargin())
	found := make(map[string]bool, len(hosts))
	for _, h := range hosts {
		found[h] = true
		if l, ok := f.held[h]; ok && l.until.Before(until) && !l.until.IsZero() {
			l.until = until
		}
	}
	for h, l := range f.held {
		if !found[h] && l.noted.Before(start) && !l.until.IsZero() {
			l.until = time.Time{}
			f.log.Warn("host lease lost: its requests are another worker's now", "host", h)
		}
	}
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// Fence reports whether this worker may still act on r, a request Pop
// handed it: ok while it can prove it holds the lease of r's host that r
// was handed out under, until until (on its monotonic clock) unless a
// renewal proves more. A lease is proven from the moment the worker sent
// the transaction that took or renewed it, for the lease time less a
// margin (see fenceMargin). Once ok is false the request may be another
// worker's — an expired lease's requests go back to the queue for the
// next holder — and the worker must send nothing for it, nor mark it
// done. A request this worker does not have in flight (never handed
// out, done, or given back with its host by Release or Close) is not
// its to act on either.
func (f *Frontier) Fence(r frontier.Request) (until time.Time, ok bool) {
	f.heldMu.Lock()
	defer f.heldMu.Unlock()
	p, popped := f.popped[r.URL]
	if !popped {
		return time.Time{}, false
	}
	l, held := f.held[p.host]
	if !held || l.gen != p.gen || !time.Now().Before(l.until) {
		return time.Time{}, false
	}
	return l.until, true
}

// Worker is the name this frontier's worker goes by.
func (f *Frontier) Worker() string { return f.worker }

// Resumed reports whether Open found an unfinished pass to go on with.
func (f *Frontier) Resumed() bool { return f.resumed }

// PassStarted is when the crawl pass began, as every worker sees it.
func (f *Frontier) PassStarted() time.Time { return f.pass }

// seenHash is the seen-set key of a URL: 16 bytes of its SHA-256, as in
// the embedded frontier.
func seenHash(url string) []byte {
	h := sha256.Sum256([]byte(url))
	return h[:16]
}

// Push queues the requests whose URL was never seen, in their order.
func (f *Frontier) Push(reqs ...frontier.Request) (int, error) {
	if len(reqs) == 0 {
		return 0, nil
	}
	hashes := make([][]byte, len(reqs))
	for i := range reqs {
		if reqs[i].URL == "" || reqs[i].Host == "" {
			return 0, fmt.Errorf("push %q: request needs a URL and a host", reqs[i].URL)
		}
		hashes[i] = seenHash(reqs[i].URL)
	}
	ctx := context.Background()
	var added int
	err := inTx(ctx, f.pool, func(tx pgx.Tx) error {
		added = 0
		rows, err := tx.Query(ctx, `INSERT INTO frontier_seen (frontier, hash) SELECT $1, h FROM unnest($2::bytea[]) AS h
			ON CONFLICT DO NOTHING RETURNING hash`, f.name, hashes)
		if err != nil {
			return err
		}
		fresh := map[string]bool{}
		for rows.Next() {
			var h []byte
			if err := rows.Scan(&h); err != nil {
				return err
			}
			fresh[string(h)] = true
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if len(fresh) == 0 {
			return nil
		}
		var b pgx.Batch
		hosts := map[string]bool{}
		for i, r := range reqs {
			if !fresh[string(hashes[i])] {
				continue
			}
			delete(fresh, string(hashes[i])) // pushed twice in this call: once
			b.Queue(`INSERT INTO frontier_queue (frontier, url, host, kind, depth, site, referer) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
				f.name, r.URL, r.Host, r.Kind, r.Depth, r.Site, r.Referer)
			hosts[r.Host] = true
			added++
		}
		for h := range hosts {
			b.Queue(`INSERT INTO frontier_hosts (frontier, host) VALUES ($1, $2) ON CONFLICT DO NOTHING`, f.name, h)
		}
		return tx.SendBatch(ctx, &b).Close()
	})
	if err != nil {
		return 0, fmt.Errorf("push to frontier %q in %s: %w", f.name, f.server, err)
	}
	return added, nil
}

// Pop hands out the oldest queued request of host, taking the host's
// lease if it is free, due (its next allowed time has come) and within
// this worker's share (see Claim): ok is false when the host has nothing
// queued, another worker holds it, or it is not this worker's to take now.
func (f *Frontier) Pop(host string) (r frontier.Request, ok bool, err error) {
	ctx := context.Background()
	start := time.Now()
	var taken bool
	err = inTx(ctx, f.pool, func(tx pgx.Tx) error {
		ok = false
		held, fresh, err := f.take(ctx, tx, host)
		if err != nil || !held {
			return err
		}
		taken = fresh
		err = tx.QueryRow(ctx, `UPDATE frontier_queue q SET worker = $3 FROM (
				SELECT url FROM frontier_queue WHERE frontier = $1 AND host = $2 AND worker IS NULL
				ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED) p
			WHERE q.frontier = $1 AND q.url = p.url
			RETURNING q.url, q.host, q.kind, q.depth, q.site, q.referer`, f.name, host, f.worker).
			Scan(&r.URL, &r.Host, &r.Kind, &r.Depth, &r.Site, &r.Referer)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		ok = err == nil
		return err
	})
	if err != nil {
		return frontier.Request{}, false, fmt.Errorf("pop from host %s: %w", host, err)
	}
	if ok || taken {
		f.heldMu.Lock()
		if taken {
			f.took(start, host)
		}
		if ok {
			// A host held without a note of it (none is) proves nothing:
			// generation 0 is no lease's.
			p := poppedReq{host: host}
			if l, held := f.held[host]; held {
				p.gen = l.gen
			}
			f.popped[r.URL] = p
		}
		f.heldMu.Unlock()
	}
	return r, ok, nil
}

// take makes sure this worker holds host's lease, taking it when it is
// free or expired (the requests the expired holder had in flight are
// queued again first), its next allowed time has come and this worker
// holds fewer hosts than its share; false when another worker holds it or
// it is not to be taken now. fresh says the lease was taken now.
func (f *Frontier) take(ctx context.Context, tx pgx.Tx, host string) (held, fresh bool, err error) {
	var (
		holder       *string
		expired, due bool
	)
	err = tx.QueryRow(ctx, `SELECT worker, coalesce(lease_until < now(), true), next_at <= now() FROM frontier_hosts
		WHERE frontier = $1 AND host = $2 FOR UPDATE`, f.name, host).Scan(&holder, &expired, &due)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, false, nil // nothing was ever queued for it
	}
	if err != nil {
		return false, false, err
	}
	switch {
	case holder != nil && *holder == f.worker:
		return true, false, nil // renewed by renew
	case holder != nil && !expired:
		return false, false, nil
	case !due:
		// Another worker let it go with a later next allowed time
		// (its delay, Crawl-delay or Retry-After): Claim hands it out
		// with that time once it comes.
		return false, false, nil
	}
	share, n, err := f.share(ctx, tx)
	if err != nil || n >= share {
		return false, false, err
	}
	if holder != nil {
		if _, err := tx.Exec(ctx, `UPDATE frontier_queue SET worker = NULL WHERE frontier = $1 AND host = $2 AND worker = $3`,
			f.name, host, *holder); err != nil {
			return false, false, err
		}
	}
	_, err = tx.Exec(ctx, `UPDATE frontier_hosts SET worker = $3, lease_until = now() + $4::interval WHERE frontier = $1 AND host = $2`,
		f.name, host, f.worker, f.lease)
	return err == nil, err == nil, err
}

// Done ends a request this worker has in flight.
func (f *Frontier) Done(url string) error {
	tag, err := f.pool.Exec(context.Background(), `DELETE FROM frontier_queue WHERE frontier = $1 AND url = $2 AND worker = $3`, f.name, url, f.worker)
	if err != nil {
		return fmt.Errorf("done %s: %w", url, err)
	}
	f.heldMu.Lock()
	delete(f.popped, url)
	f.heldMu.Unlock()
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("done %s: %w", url, frontier.ErrNotInFlight)
	}
	return nil
}

// MarkSeen marks URLs seen without queueing them.
func (f *Frontier) MarkSeen(urls ...string) (int, error) {
	if len(urls) == 0 {
		return 0, nil
	}
	hashes := make([][]byte, len(urls))
	for i, u := range urls {
		hashes[i] = seenHash(u)
	}
	tag, err := f.pool.Exec(context.Background(), `INSERT INTO frontier_seen (frontier, hash) SELECT DISTINCT $1::text, h FROM unnest($2::bytea[]) AS h
		ON CONFLICT DO NOTHING`, f.name, hashes)
	if err != nil {
		return 0, fmt.Errorf("mark seen in frontier %q: %w", f.name, err)
	}
	return int(tag.RowsAffected()), nil
}

// Pending counts the queued requests per host, of every worker's hosts.
func (f *Frontier) Pending() map[string]int {
	out := map[string]int{}
	rows, err := f.pool.Query(context.Background(), `SELECT host, count(*) FROM frontier_queue
		WHERE frontier = $1 AND worker IS NULL GROUP BY host`, f.name)
	if err != nil {
		f.log.Warn("count the queued requests", "err", err)
		return out
	}
	defer rows.Close()
	for rows.Next() {
		var (
			h string
			n int
		)
		if err := rows.Scan(&h, &n); err != nil {
			f.log.Warn("count the queued requests", "err", err)
			return out
		}
		out[h] = n
	}
	return out
}

// count runs a counting query, 0 (logged) on error.
func (f *Frontier) count(q string, args ...any) int {
	var n int
	if err := f.pool.QueryRow(context.Background(), q, args...).Scan(&n); err != nil {
		f.log.Warn("count the frontier", "err", err)
	}
	return n
}

// Len counts the queued requests, every worker's hosts together.
func (f *Frontier) Len() int {
	return f.count(`SELECT count(*) FROM frontier_queue WHERE frontier = $1 AND worker IS NULL`, f.name)
}

// InFlight counts the requests this worker has in flight.
func (f *Frontier) InFlight() int {
	return f.count(`SELECT count(*) FROM frontier_queue WHERE frontier = $1 AND worker = $2`, f.name, f.worker)
}

// SeenCount counts the URLs in the seen-set.
func (f *Frontier) SeenCount() (int, error) {
	return f.count(`SELECT count(*) FROM frontier_seen WHERE frontier = $1`, f.name), nil
}

// Sync does nothing: every change is committed by the database.
func (f *Frontier) Sync() error { return nil }

// Lease is a host a worker holds: its queued requests and the earliest
// time the next request may go to it.
type Lease = frontier.Lease

// Claim takes the leases of up to max hosts in all (those this worker
// holds count), and no more than its share of them, among the free ones
// with queued requests whose next allowed time has come, skipping those
// another worker is claiming at the same moment (FOR UPDATE SKIP LOCKED),
// and returns every host this worker holds with requests queued. wait
// reports work this worker cannot take yet: hosts another worker holds
// (its pages may queue more) or queued hosts whose time comes within
// dueWithin.
//
// A worker's share is the hosts with work (see share) divided among the
// workers that want hosts: this one and those alive that claimed within
// claimWindow. One worker alone (or beside workers that stopped asking:
// killed, busy, or only popping) may take every host, as max allows; two
// or three started together, or one joining a pass under way, each get
// about their part. A worker holding more than its share is asked to give
// the surplus back: as many of its hosts with nothing in flight (the
// longest queues first) come marked GiveBack, for the crawl to Release
// with their next allowed time, for the workers below their share to
// claim.
func (f *Frontier) Claim(max int) (leases []frontier.Lease, wait bool, err error) {
	ctx := context.Background()
	start := time.Now()
	var hosts, taken []string
	err = inTx(ctx, f.pool, func(tx pgx.Tx) error {
		leases, wait, taken = nil, false, nil
		if err := expire(ctx, tx, f.name); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO frontier_workers (frontier, worker, lease_until, claimed_at) VALUES ($1, $2, now() + $3::interval, now())
			ON CONFLICT (frontier, worker) DO UPDATE SET lease_until = now() + $3::interval, claimed_at = now()`, f.name, f.worker, f.lease); err != nil {
			return fmt.Errorf("note the claim: %w", err)
		}
		share, held, err := f.share(ctx, tx)
		if err != nil {
			return err
		}
		if limit := min(max, share); held < limit {
			rows, err := tx.Query(ctx, `UPDATE frontier_hosts SET worker = $2, lease_until = now() + $4::interval
				WHERE frontier = $1 AND host IN (
					SELECT host FROM frontier_hosts h WHERE frontier = $1 AND worker IS NULL AND next_at <= now()
					AND EXISTS (SELECT 1 FROM frontier_queue q WHERE q.frontier = $1 AND q.host = h.host AND q.worker IS NULL)
					ORDER BY next_at, host
					LIMIT $3
					FOR UPDATE SKIP LOCKED) RETURNING host`, f.name, f.worker, limit-held, f.lease)
			if err == nil {
				taken, err = pgx.CollectRows(rows, pgx.RowTo[string])
			}
			if err != nil {
				return fmt.Errorf("claim hosts: %w", err)
			}
		}
		// The hosts held before are renewed with the claim: what the
		// claim hands out is proven this worker's from its start.
		if hosts, err = renewHosts(ctx, tx, f.name, f.worker, f.lease); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT h.host, h.next_at, count(*),
				EXISTS (SELECT 1 FROM frontier_queue r WHERE r.frontier = $1 AND r.host = h.host AND r.worker = $2)
			FROM frontier_hosts h
			JOIN frontier_queue q ON q.frontier = h.frontier AND q.host = h.host AND q.worker IS NULL
			WHERE h.frontier = $1 AND h.worker = $2 GROUP BY h.host, h.next_at ORDER BY h.host`, f.name, f.worker)
		if err != nil {
			return err
		}
		var idle []int // the leases with nothing in flight
		for rows.Next() {
			var (
				l        frontier.Lease
				inFlight bool
			)
			if err := rows.Scan(&l.Host, &l.Next, &l.Pending, &inFlight); err != nil {
				return err
			}
			if !inFlight {
				idle = append(idle, len(leases))
			}
			leases = append(leases, l)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		giveBack(leases, idle, held-share)
		return tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM frontier_hosts WHERE frontier = $1 AND worker IS NOT NULL AND worker <> $2)
			OR EXISTS (SELECT 1 FROM frontier_hosts h WHERE frontier = $1 AND worker IS NULL AND next_at <= now() + $3::interval
				AND EXISTS (SELECT 1 FROM frontier_queue q WHERE q.frontier = $1 AND q.host = h.host AND q.worker IS NULL))`,
			f.name, f.worker, dueWithin).Scan(&wait)
	})
	if err != nil {
		return nil, false, fmt.Errorf("claim hosts of frontier %q in %s: %w", f.name, f.server, err)
	}
	f.heldMu.Lock()
	f.took(start, taken...)
	f.proven(start, hosts)
	f.heldMu.Unlock()
	return leases, wait, nil
}

// giveBack marks n of the leases idle indexes (those with nothing in
// flight) to be given back, the longest queues first: they are the work a
// worker below its share can start on at once.
func giveBack(leases []frontier.Lease, idle []int, n int) {
	if n <= 0 {
		return
	}
	slices.SortStableFunc(idle, func(a, b int) int { return leases[b].Pending - leases[a].Pending })
	for _, i := range idle[:min(n, len(idle))] {
		leases[i].GiveBack = true
	}
}

// claimWindow is how long a worker counts among those sharing the hosts
// after it last asked for hosts (Claim): a crawl asks every second while
// a request slot of it is free. A worker that stopped asking — killed,
// busy in every slot, or one that only pops — leaves its part to the
// others until it asks again.
const claimWindow = 5 * time.Second

// dueWithin is how soon a free host's next allowed time must come for its
// queued requests to be work to share, and to wait for.
const dueWithin = time.Minute

// share is how many hosts this worker may hold, and how many it holds:
// the hosts with work — held by a worker, or free with requests queued
// and due within dueWithin — divided among the workers that want hosts
// (this one, and those alive that claimed within claimWindow), rounded up.
// It is at least one.
func (f *Frontier) share(ctx context.Context, tx pgx.Tx) (share, held int, err error) {
	var hosts, others int
	err = tx.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM frontier_hosts h WHERE h.frontier = $1 AND (h.worker IS NOT NULL OR (h.next_at <= now() + $4::interval
			AND EXISTS (SELECT 1 FROM frontier_queue q WHERE q.frontier = $1 AND q.host = h.host AND q.worker IS NULL)))),
		(SELECT count(*) FROM frontier_workers WHERE frontier = $1 AND worker <> $2
			AND lease_until >= now() AND claimed_at >= now() - $3::interval),
		(SELECT count(*) FROM frontier_hosts WHERE frontier = $1 AND worker = $2)`,
		f.name, f.worker, claimWindow, dueWithin).Scan(&hosts, &others, &held)
	if err != nil {
		return 0, 0, fmt.Errorf("count the hosts to share: %w", err)
	}
	workers := others + 1
	return max(1, (hosts+workers-1)/workers), held, nil
}

// Release lets go of host's lease, keeping next as the earliest time
// another worker may send it a request; requests this worker still had
// in flight there go back to the front of its queue.
func (f *Frontier) Release(host string, next time.Time) error {
	ctx := context.Background()
	err := inTx(ctx, f.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE frontier_hosts SET worker = NULL, lease_until = NULL, next_at = greatest(next_at, $4)
			WHERE frontier = $1 AND host = $2 AND worker = $3`, f.name, host, f.worker, next)
		if err != nil || tag.RowsAffected() == 0 {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE frontier_queue SET worker = NULL WHERE frontier = $1 AND host = $2 AND worker = $3`, f.name, host, f.worker)
		return err
	})
	if err != nil {
		return fmt.Errorf("release host %s: %w", host, err)
	}
	f.heldMu.Lock()
	f.forget(host)
	f.heldMu.Unlock()
	return nil
}

// forget drops host's lease from what this worker holds, with the
// requests it had in flight there: they are queued again, or another
// worker's. The caller holds heldMu.
func (f *Frontier) forget(host string) {
	delete(f.held, host)
	for u, p := range f.popped {
		if p.host == host {
			delete(f.popped, u)
		}
	}
}

// Close gives back what this worker holds: its requests in flight go
// back to the front of their queues and its leases are let go (keeping
// each host's next allowed time), then the connections close.
func (f *Frontier) Close() error {
	f.stopOnce.Do(func() { close(f.stop) })
	f.wg.Wait()
	ctx := context.Background()
	err := inTx(ctx, f.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE frontier_queue SET worker = NULL WHERE frontier = $1 AND worker = $2`, f.name, f.worker); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM frontier_workers WHERE frontier = $1 AND worker = $2`, f.name, f.worker); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE frontier_hosts SET worker = NULL, lease_until = NULL WHERE frontier = $1 AND worker = $2`, f.name, f.worker)
		return err
	})
	f.heldMu.Lock()
	clear(f.held)
	clear(f.popped)
	f.heldMu.Unlock()
	f.pool.Close()
	if err != nil {
		return fmt.Errorf("close frontier %q in %s: %w", f.name, f.server, err)
	}
	return nil
}

// Sites is the site registry the workers of this frontier share (see
// crawl.SiteStore), in the same database.
func (f *Frontier) Sites() *Sites { return &Sites{pool: f.pool} }

// Sites keeps the entries of the site registry by host.
type Sites struct{ pool *pgxpool.Pool }

// LoadSites returns the entries of hosts, or every entry.
func (s *Sites) LoadSites(hosts ...string) (map[string][]byte, error) {
	q, args := `SELECT host, entry FROM sites`, []any{}
	if len(hosts) > 0 {
		q, args = q+` WHERE host = ANY($1)`, []any{hosts}
	}
	rows, err := s.pool.Query(context.Background(), q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]byte{}
	for rows.Next() {
		var (
			h, e string
		)
		if err := rows.Scan(&h, &e); err != nil {
			return nil, err
		}
		out[h] = []byte(e)
	}
	return out, rows.Err()
}

// SaveSites stores entries, replacing those of the same hosts, except
// that an entry holding "fixed":true (a site's place read from its own
// homepage, see crawl.SiteStore) is replaced only by one that holds it
// too: a worker still holding the provisional place cannot undo it. The batch
// is one transaction that locks each host's row as it goes: the hosts go
// in order, so that two saves at once (workers, or one worker's fetchers)
// lock their common rows in the same order and never deadlock.
func (s *Sites) SaveSites(entries map[string][]byte) error {
	var b pgx.Batch
	for _, h := range slices.Sorted(maps.Keys(entries)) {
		b.Queue(`INSERT INTO sites (host, entry) VALUES ($1, $2) ON CONFLICT (host) DO UPDATE SET entry = $2
			WHERE NOT sites.entry::jsonb @> '{"fixed":true}' OR $2::jsonb @> '{"fixed":true}'`, h, string(entries[h]))
	}
	return s.pool.SendBatch(context.Background(), &b).Close()
}
