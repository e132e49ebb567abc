package frontier

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"os"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/wenming-archive/wenming/internal/boltfile"
)

// SchemaVersion is the layout version written to the meta bucket.
const SchemaVersion = 1

var (
	bucketSeen     = []byte("seen")     // seenKey(URL) → seenValue
	bucketQueue    = []byte("queue")    // host → bucket of big-endian seq → Request
	bucketInFlight = []byte("inflight") // URL → big-endian seq, then Request
	bucketMeta     = []byte("meta")
	keySchema      = []byte("schema")
	seenValue      = []byte{1}
)

// Errors of the frontier, wrapped with the path or URL they concern.
var (
	// ErrLocked means another process holds the frontier file open.
	ErrLocked = errors.New("frontier is in use by another wenming process")
	// ErrNotInFlight means Done was called for a URL that is not in flight.
	ErrNotInFlight = errors.New("request not in flight")
	// ErrCorrupt means the file or a record in it is inconsistent.
	ErrCorrupt = errors.New("corrupt frontier")
)

// options are the knobs of open; Open uses defaultOptions. Tests and
// benchmarks use others.
type options struct {
	timeout time.Duration // wait for another process's file lock
	noSync  bool          // skip fsync per commit (see the package Caveats)
}

var defaultOptions = options{timeout: time.Second, noSync: true}

// Frontier is the crawl frontier on disk: per-host FIFO queues of pending
// requests, the set of requests in flight, and the seen-set of every URL
// ever pushed. Only per-host counters and a bounded cache of the seen-set
// (seenCache) live in memory. It is safe for concurrent use.
type Frontier struct {
	db   *bolt.DB
	path string

	// mu serialises write transactions with the update of the counters
	// below, so the counters always match the last commit.
	mu       sync.Mutex
	pending  map[string]int // host → queued requests; hosts with none absent
	total    int            // sum of pending
	inFlight int            // handed out by Pop and not done; reserved ones not counted
	seen     int

	// reserved holds, per host, requests moved to the in-flight bucket by
	// an earlier Pop's transaction and not handed out yet, oldest first
	// (see Pop); reservedURL holds their URLs. They count as pending.
	reserved    map[string][]Request
	reservedURL map[string]struct{}
	// popMu serialises Pop and Release, so that the requests one Pop
	// reserves are handed out before any a later Pop takes from the file.
	popMu sync.Mutex

	group *boltfile.Group[updateFunc] // the updates waiting for a write transaction

	// cache answers Push for the URLs seen lately (see seenCache).
	cache seenCache
}

// Open opens the frontier file at path, creating it if needed. Requests
// that were popped but never marked Done (a crash or a kill mid-fetch) go
// back to the front of their host queues, in their original order.
func Open(path string) (*Frontier, error) {
	return open(path, defaultOptions)
}

func open(path string, o options) (*Frontier, error) {
	if fi, err := os.Stat(path); err == nil {
		if err := checkFile(path, fi.Size()); err != nil {
			return nil, err
		}
	}
	var db *bolt.DB
	err := guard(path, func() (err error) {
		db, err = bolt.Open(path, 0o600, &bolt.Options{
			Timeout:        o.timeout,
			NoSync:         o.noSync,
			NoFreelistSync: true, // rebuilt by a scan on open; saves a page write per commit
			FreelistType:   bolt.FreelistMapType,
		})
		return err
	})
	if err != nil {
		if errors.Is(err, berrors.ErrTimeout) {
			return nil, fmt.Errorf("open frontier %s: %w", path, ErrLocked)
		}
		return nil, fmt.Errorf("open frontier %s: %w", path, err)
	}
	f := &Frontier{db: db, path: path, pending: map[string]int{},
		reserved: map[string][]Request{}, reservedURL: map[string]struct{}{}}
	f.group = f.newGroup()
	err = guard(path, func() error {
		if err := db.Update(f.init); err != nil {
			return err
		}
		return db.View(f.count)
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open frontier %s: %w", path, err)
	}
	if o.noSync {
		if err := db.Sync(); err != nil {
			db.Close()
			return nil, fmt.Errorf("open frontier %s: %w", path, err)
		}
	}
	return f, nil
}

// init creates the buckets, requeues the requests in flight and rebuilds
// the counters.
func (f *Frontier) init(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketSeen, bucketQueue, bucketInFlight, bucketMeta} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	meta := tx.Bucket(bucketMeta)
	switch v := meta.Get(keySchema); {
	case v == nil:
		if err := meta.Put(keySchema, []byte{SchemaVersion}); err != nil {
			return err
		}
	case len(v) != 1:
		return fmt.Errorf("schema version %x: %w", v, ErrCorrupt)
	case v[0] > SchemaVersion:
		return fmt.Errorf("schema version %d is newer than this wenming (%d); upgrade wenming", v[0], SchemaVersion)
	}

	queue := tx.Bucket(bucketQueue)
	inflight := tx.Bucket(bucketInFlight)
	var requeue [][2][]byte // URL, value
	if err := inflight.ForEach(func(k, v []byte) error {
		requeue = append(requeue, [2][]byte{bytes.Clone(k), bytes.Clone(v)})
		return nil
	}); err != nil {
		return err
	}
	for _, kv := range requeue {
		v := kv[1]
		if len(v) < 8 {
			return fmt.Errorf("in-flight request %s: %w", kv[0], ErrCorrupt)
		}
		r, err := decodeRequest(v[8:])
		if err != nil {
			return fmt.Errorf("in-flight request %s: %w", kv[0], err)
		}
		hb, err := queue.CreateBucketIfNotExists([]byte(r.Host))
		if err != nil {
			return fmt.Errorf("requeue %s: %w", r.URL, err)
		}
		// Its own sequence number puts it back where it was: ahead of
		// everything pushed after it.
		if err := hb.Put(v[:8:8], v[8:]); err != nil {
			return fmt.Errorf("requeue %s: %w", r.URL, err)
		}
		if err := inflight.Delete(kv[0]); err != nil {
			return fmt.Errorf("requeue %s: %w", r.URL, err)
		}
	}

	return nil
}

// count rebuilds the counters. It runs in a transaction of its own: Stats
// counts committed pages only.
func (f *Frontier) count(tx *bolt.Tx) error {
	queue := tx.Bucket(bucketQueue)
	if err := queue.ForEachBucket(func(host []byte) error {
		if n := queue.Bucket(host).Stats().KeyN; n > 0 {
			f.pending[string(host)] = n
			f.total += n
		}
		return nil
	}); err != nil {
		return err
	}
	f.inFlight = tx.Bucket(bucketInFlight).Stats().KeyN // 0 after init
	f.seen = tx.Bucket(bucketSeen).Stats().KeyN
	return nil
}

// ReleaseMap releases the pages of the file's map (see
// [boltfile.Release]). bbolt reads every page through a read-only shared
// map of the file, and a page once read stays counted in the process's
// resident memory until the map is replaced; the seen-set is looked up
// all over for every link of every page, so by the end of a crawl the
// whole file is resident (30 MB at 100,000 articles). A crawl that is
// over calls it: its work list then holds no memory while the run indexes
// what it archived. The pages stay in the kernel's page cache and come
// back from there when read again. A failure (none is expected: the range
// is bbolt's own map) only leaves the pages resident.
//
// The frontier does not release its map as it goes, as the store does:
// the seen-set's leaves are read in no order, and every release made the
// look-ups after it fault their pages in again. Released every 16 MB of
// reads (with the store's look-ups counted the same way), a crawl of
// 20,000 articles cost a third more CPU a page.
func (f *Frontier) ReleaseMap() {
	_ = f.db.View(boltfile.Release)
}

// Path returns the file the frontier was opened from.
func (f *Frontier) Path() string { return f.path }

// Sync flushes committed changes to stable storage. The frontier does not
// fsync each commit; a crawler calls Sync now and then (say each minute) to
// bound what an operating-system crash can lose. Close syncs too.
func (f *Frontier) Sync() error {
	if err := f.db.Sync(); err != nil {
		return fmt.Errorf("sync frontier %s: %w", f.path, err)
	}
	return nil
}

// Close syncs and closes the file.
func (f *Frontier) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	err := f.db.Sync()
	if cerr := f.db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("close frontier %s: %w", f.path, err)
	}
	return nil
}

// update runs fn in a write transaction with f.mu held and, if it commits,
// applies the counter changes fn recorded in d. The transaction may be
// shared with the updates of other goroutines waiting at the same time
// (see group.go); fn may then run more than once, and must start afresh
// each time.
func (f *Frontier) update(fn func(tx *bolt.Tx, d *delta) error) error {
	return f.group.Run(fn)
}

// commit runs the functions in one write transaction with f.mu held and,
// if it commits, applies the counter changes each recorded. When one of
// them fails it returns that one's index with its error, else -1.
func (f *Frontier) commit(fns []updateFunc) (failed int, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	failed = -1
	ds := make([]delta, len(fns))
	if err := f.db.Update(func(tx *bolt.Tx) error {
		for i, fn := range fns {
			ds[i] = delta{} // in case of a retry
			if err := fn(tx, &ds[i]); err != nil {
				failed = i
				return err
			}
		}
		return nil
	}); err != nil {
		return failed, err
	}
	for i := range ds {
		f.apply(&ds[i])
	}
	return -1, nil
}

// apply adds the counter changes of a committed transaction. Called with
// f.mu held.
func (f *Frontier) apply(d *delta) {
	for host, n := range d.pending {
		if n += f.pending[host]; n > 0 {
			f.pending[host] = n
		} else {
			delete(f.pending, host)
		}
	}
	f.total += d.total
	f.inFlight += d.inFlight
	f.seen += d.seen
	for _, r := range d.reserve {
		f.reserved[r.Host] = append(f.reserved[r.Host], r)
		f.reservedURL[r.URL] = struct{}{}
	}
	if d.unreserve != "" {
		for _, r := range f.reserved[d.unreserve] {
			delete(f.reservedURL, r.URL)
		}
		delete(f.reserved, d.unreserve)
	}
}

// delta is what one transaction changed in the counters.
type delta struct {
	pending               map[string]int
	total, inFlight, seen int
	reserve               []Request // moved to the in-flight bucket, not handed out (Pop)
	unreserve             string    // the host whose reserved requests were queued again (Release)
}

func (d *delta) addPending(host string, n int) {
	if d.pending == nil {
		d.pending = map[string]int{}
	}
	d.pending[host] += n
	d.total += n
}

// Push enqueues every request whose URL was never seen before and marks it
// seen, all in one write transaction: a URL pushed twice, in one call or
// from two goroutines at once, is enqueued once. It returns how many were
// new. Requests need a URL and a Host.
//
// Most links of a crawl are already seen; Push looks them up in a read
// transaction first and opens a write transaction only if some are new.
// One Push per fetched page, carrying all its links, is the cheap way.
func (f *Frontier) Push(reqs ...Request) (int, error) {
	for i := range reqs {
		if reqs[i].URL == "" || reqs[i].Host == "" {
			return 0, fmt.Errorf("push %q: request needs a URL and a host", reqs[i].URL)
		}
	}
	keys := seenKeys(reqs)
	gen := f.cache.generation()
	var look []int // indexes of reqs the cache does not know
	for i, k := range keys {
		if !f.cache.has(k) {
			look = append(look, i)
		}
	}
	if len(look) == 0 {
		return 0, nil
	}
	var fresh []int // indexes of reqs unseen at the read
	var found [][]byte
	err := f.db.View(func(tx *bolt.Tx) error {
		seen := tx.Bucket(bucketSeen)
		for _, i := range look {
			if seen.Get(keys[i]) == nil {
				fresh = append(fresh, i)
			} else {
				found = append(found, keys[i])
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("push to frontier %s: %w", f.path, err)
	}
	f.cache.add(gen, found)
	if len(fresh) == 0 {
		return 0, nil
	}
	var added int
	err = f.update(func(tx *bolt.Tx, d *delta) error {
		added = 0
		seen := tx.Bucket(bucketSeen)
		queue := tx.Bucket(bucketQueue)
		hosts := map[string]*bolt.Bucket{}
		for _, i := range fresh {
			r := &reqs[i]
			if seen.Get(keys[i]) != nil {
				continue // pushed meanwhile, or earlier in this call
			}
			if err := seen.Put(keys[i], seenValue); err != nil {
				return fmt.Errorf("mark %s seen: %w", r.URL, err)
			}
			hb := hosts[r.Host]
			if hb == nil {
				var err error
				if hb, err = queue.CreateBucketIfNotExists([]byte(r.Host)); err != nil {
					return fmt.Errorf("queue of host %s: %w", r.Host, err)
				}
				hosts[r.Host] = hb
			}
			seq, err := hb.NextSequence()
			if err != nil {
				return fmt.Errorf("enqueue %s: %w", r.URL, err)
			}
			if err := hb.Put(binary.BigEndian.AppendUint64(nil, seq), r.encode()); err != nil {
				return fmt.Errorf("enqueue %s: %w", r.URL, err)
			}
			d.addPending(r.Host, 1)
			d.seen++
			added++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("push to frontier %s: %w", f.path, err)
	}
	// Committed: every fresh key is in the seen-set now, put by this
	// call or by another meanwhile.
	found = found[:0]
	for _, i := range fresh {
		found = append(found, keys[i])
	}
	f.cache.add(gen, found)
	return added, nil
}

// popBatch bounds the requests one Pop moves from a host's queue to the
// in-flight bucket. Pop hands out the first and keeps the others, so that
// the next Pops of the host cost no write transaction of their own.
const popBatch = 16

// maxReserved bounds the requests reserved over all hosts: a crawl of
// many hosts at once reserves for the first of them only, so the
// in-flight bucket, which Release and Open scan, stays small.
const maxReserved = 256

// Pop takes the oldest pending request of host and moves it to the set in
// flight, where it stays until Done (or, after a crash, until the next Open
// puts it back in its queue). ok is false if host has nothing pending.
//
// A write transaction costs its commit however little it changes, so Pop
// moves up to popBatch of the host's oldest requests to the in-flight
// bucket at once, hands out the first and reserves the others, in memory,
// for the next Pops of the host. A reserved request counts as pending, not
// in flight; after a kill, Open queues it again in its place like any
// request in flight, so a killed crawl resumes as if it had been popped
// one at a time.
func (f *Frontier) Pop(host string) (r Request, ok bool, err error) {
	f.popMu.Lock()
	defer f.popMu.Unlock()
	f.mu.Lock()
	n := f.pending[host]
	if rs := f.reserved[host]; len(rs) > 0 {
		r = rs[0]
		if len(rs) == 1 {
			delete(f.reserved, host)
		} else {
			rs[0] = Request{}
			f.reserved[host] = rs[1:]
		}
		delete(f.reservedURL, r.URL)
		f.handOut(host)
		f.mu.Unlock()
		return r, true, nil
	}
	f.mu.Unlock()
	if n == 0 {
		return Request{}, false, nil
	}
	err = f.update(func(tx *bolt.Tx, d *delta) error {
		ok = false
		hb := tx.Bucket(bucketQueue).Bucket([]byte(host))
		if hb == nil {
			return nil
		}
		c := hb.Cursor()
		inflight := tx.Bucket(bucketInFlight)
		// f.mu is held, and only a Pop reserves (one at a time).
		room := min(popBatch-1, maxReserved-len(f.reservedURL))
		for k, v := c.First(); k != nil && (!ok || len(d.reserve) < room); k, v = c.First() {
			q, err := decodeRequest(v)
			if err != nil {
				return fmt.Errorf("queue of host %s, key %x: %w", host, k, err)
			}
			again := inflight.Get([]byte(q.URL)) != nil // forgotten and pushed again while in flight
			if ok && again {
				break // handed out alone, so that the counters match the bucket
			}
			val := make([]byte, 0, len(k)+len(v))
			val = append(append(val, k...), v...)
			if err := inflight.Put([]byte(q.URL), val); err != nil {
				return err
			}
			if err := c.Delete(); err != nil {
				return err
			}
			if ok {
				d.reserve = append(d.reserve, q)
				continue
			}
			r, ok = q, true
			d.addPending(host, -1)
			if !again {
				d.inFlight++
			}
		}
		return nil
	})
	if err != nil {
		return Request{}, false, fmt.Errorf("pop from host %s: %w", host, err)
	}
	return r, ok, nil
}

// handOut counts a reserved request of host handed out: in flight, no
// longer pending. Called with f.mu held.
func (f *Frontier) handOut(host string) {
	if n := f.pending[host] - 1; n > 0 {
		f.pending[host] = n
	} else {
		delete(f.pending, host)
	}
	f.total--
	f.inFlight++
}

// Done drops url from the set in flight: its fetch is over, whatever the
// outcome. It returns an error wrapping ErrNotInFlight if url is not in
// flight.
func (f *Frontier) Done(url string) error {
	err := f.update(func(tx *bolt.Tx, d *delta) error {
		b := tx.Bucket(bucketInFlight)
		if _, ok := f.reservedURL[url]; ok || b.Get([]byte(url)) == nil {
			return ErrNotInFlight // reserved requests were not handed out
		}
		d.inFlight--
		return b.Delete([]byte(url))
	})
	if err != nil {
		return fmt.Errorf("done %s: %w", url, err)
	}
	return nil
}

// Pending returns a copy of the number of pending requests per host. Hosts
// with none pending are absent.
func (f *Frontier) Pending() map[string]int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return maps.Clone(f.pending)
}

// Len returns the number of pending requests, all hosts together.
func (f *Frontier) Len() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.total
}

// InFlight returns the number of requests popped and not yet Done.
func (f *Frontier) InFlight() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.inFlight
}

// Seen reports whether url was pushed before (and not forgotten since).
func (f *Frontier) Seen(url string) (bool, error) {
	var ok bool
	err := f.db.View(func(tx *bolt.Tx) error {
		ok = tx.Bucket(bucketSeen).Get(seenKey(url)) != nil
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("look up %s in frontier %s: %w", url, f.path, err)
	}
	return ok, nil
}

// SeenCount returns the number of URLs in the seen-set.
func (f *Frontier) SeenCount() (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.seen, nil
}

// Forget removes url from the seen-set, so a later Push enqueues it again
// (a list page to re-crawl, say). It does not touch a request for url that
// is pending or in flight. Forgetting an unseen URL does nothing.
func (f *Frontier) Forget(url string) error {
	err := f.update(func(tx *bolt.Tx, d *delta) error {
		b := tx.Bucket(bucketSeen)
		k := seenKey(url)
		if b.Get(k) == nil {
			return nil
		}
		d.seen--
		return b.Delete(k)
	})
	// After the commit (or a failed one: it may have removed the key).
	f.cache.forget(seenKey(url))
	if err != nil {
		return fmt.Errorf("forget %s: %w", url, err)
	}
	return nil
}

// Check verifies the file and the counters: bbolt's page consistency, the
// schema version, that every queued request decodes, sits in its host's
// queue under a sequence number the queue has issued, that every request in
// flight decodes under its URL, and that the in-memory counters match the
// file. It returns every problem found, joined.
func (f *Frontier) Check() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	var errs []error
	bad := func(format string, a ...any) {
		errs = append(errs, fmt.Errorf(format+": %w", append(a, ErrCorrupt)...))
	}
	err := guard(f.path, func() error { return f.db.View(boltfile.ReadAll) })
	if errors.Is(err, boltfile.ErrElement) {
		err = fmt.Errorf("%w: %w", err, ErrCorrupt)
	}
	if err != nil {
		return fmt.Errorf("check frontier %s: %w", f.path, err)
	}
	err = f.db.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			bad("bbolt: %v", err)
		}
		if v := tx.Bucket(bucketMeta).Get(keySchema); len(v) != 1 || v[0] != SchemaVersion {
			bad("schema version %x", v)
		}
		queue := tx.Bucket(bucketQueue)
		counts := map[string]int{}
		total := 0
		err := queue.ForEach(func(host, v []byte) error {
			hb := queue.Bucket(host)
			if hb == nil {
				bad("queue: key %q is not a host bucket", host)
				return nil
			}
			return hb.ForEach(func(k, v []byte) error {
				if len(k) != 8 || binary.BigEndian.Uint64(k) > hb.Sequence() {
					bad("queue of host %s: key %x is not an issued sequence number", host, k)
				}
				counts[string(host)]++
				total++
				r, err := decodeRequest(v)
				if err != nil {
					errs = append(errs, fmt.Errorf("queue of host %s, key %x: %w", host, k, err))
				} else if r.Host != string(host) {
					bad("queue of host %s holds %s of host %s", host, r.URL, r.Host)
				}
				return nil
			})
		})
		if err != nil {
			return err
		}
		for host, rs := range f.reserved {
			counts[host] += len(rs) // in the in-flight bucket, counted pending
			total += len(rs)
		}
		if !maps.Equal(counts, f.pending) || total != f.total {
			bad("pending counters %v (total %d) differ from the queues %v (total %d)", f.pending, f.total, counts, total)
		}
		n := 0
		err = tx.Bucket(bucketInFlight).ForEach(func(k, v []byte) error {
			n++
			if len(v) < 8 {
				bad("in-flight request %s: short record", k)
				return nil
			}
			r, err := decodeRequest(v[8:])
			if err != nil {
				errs = append(errs, fmt.Errorf("in-flight request %s: %w", k, err))
			} else if r.URL != string(k) {
				bad("in-flight request %s holds %s", k, r.URL)
			}
			return nil
		})
		if err != nil {
			return err
		}
		if n != f.inFlight+len(f.reservedURL) {
			bad("in-flight counter %d (and %d reserved) differs from the file's %d", f.inFlight, len(f.reservedURL), n)
		}
		seen := tx.Bucket(bucketSeen)
		if n := seen.Stats().KeyN; n != f.seen {
			bad("seen counter %d differs from the file's %d", f.seen, n)
		}
		return seen.ForEach(func(k, v []byte) error {
			if len(k) != hashLen || v == nil {
				bad("seen-set: key %x is not a URL hash", k)
			}
			return nil
		})
	})
	if err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("check frontier %s: %w", f.path, err)
	}
	return nil
}

// MarkSeen adds URLs to the seen-set without queueing them: pages a caller
// fetches itself (the continuation pages of an article) that a later Push
// must not queue again. It returns how many were not seen before.
func (f *Frontier) MarkSeen(urls ...string) (int, error) {
	if len(urls) == 0 {
		return 0, nil
	}
	var added int
	err := f.update(func(tx *bolt.Tx, d *delta) error {
		added = 0
		seen := tx.Bucket(bucketSeen)
		for _, u := range urls {
			k := seenKey(u)
			if seen.Get(k) != nil {
				continue
			}
			if err := seen.Put(k, seenValue); err != nil {
				return fmt.Errorf("mark %s seen: %w", u, err)
			}
			d.seen++
			added++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("mark seen in frontier %s: %w", f.path, err)
	}
	return added, nil
}

// Claim returns every host with queued requests: one process crawls
// the file's frontier, so it holds every host (max does not apply), and
// nobody else's work is to be waited for.
func (f *Frontier) Claim(max int) (leases []Lease, wait bool, err error) {
	for h, n := range f.Pending() {
		leases = append(leases, Lease{Host: h, Pending: n})
	}
	return leases, false, nil
}

// Fence reports that this process may act on r: it holds every host of
// the file's frontier for as long as it runs (no limit).
func (f *Frontier) Fence(r Request) (until time.Time, ok bool) { return time.Time{}, true }

// Release queues the host's requests in flight again, at the front, as a
// reopen would: no other process takes a host of the file, so the host
// stays this process's.
func (f *Frontier) Release(host string, next time.Time) error {
	f.popMu.Lock()
	defer f.popMu.Unlock()
	var found bool
	err := f.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketInFlight).ForEach(func(k, v []byte) error {
			if len(v) >= 8 {
				if r, err := decodeRequest(v[8:]); err == nil && r.Host == host {
					found = true
				}
			}
			return nil
		})
	})
	if err != nil || !found {
		return err
	}
	err = f.update(func(tx *bolt.Tx, d *delta) error {
		inflight := tx.Bucket(bucketInFlight)
		var requeue [][2][]byte
		if err := inflight.ForEach(func(k, v []byte) error {
			if len(v) >= 8 {
				if r, err := decodeRequest(v[8:]); err == nil && r.Host == host {
					requeue = append(requeue, [2][]byte{bytes.Clone(k), bytes.Clone(v)})
				}
			}
			return nil
		}); err != nil {
			return err
		}
		if len(requeue) == 0 {
			return nil
		}
		hb, err := tx.Bucket(bucketQueue).CreateBucketIfNotExists([]byte(host))
		if err != nil {
			return err
		}
		for _, kv := range requeue {
			if err := hb.Put(kv[1][:8:8], kv[1][8:]); err != nil {
				return err
			}
			if err := inflight.Delete(kv[0]); err != nil {
				return err
			}
			if _, ok := f.reservedURL[string(kv[0])]; ok {
				continue // counted pending already
			}
			d.inFlight--
			d.addPending(host, 1)
		}
		d.unreserve = host
		return nil
	})
	if err != nil {
		return fmt.Errorf("release host %s: %w", host, err)
	}
	return nil
}
