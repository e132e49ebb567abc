// Package frontier holds the crawl frontier of wenming on disk: per-host
// FIFO queues of requests waiting to be fetched, the requests in flight, and
// the seen-set of every URL ever pushed. Memory stays flat however large the
// crawl grows: the queues and the seen-set live in a bbolt file, and only a
// counter per host is kept in memory, with the few requests of a host that
// Pop moved to the set in flight ahead of their turn (see Pop) and a
// bounded cache of the seen-set's keys looked up lately (see seenCache).
//
// Layout of the file:
//
//	seen      first 16 bytes of SHA-256(URL) → 1
//	queue     host → bucket of big-endian sequence number → Request
//	inflight  URL → sequence number (8 bytes), then Request
//	meta      "schema" → schema version (one byte)
//
// A Request is stored in a small binary form with a leading format byte.
// The seen-set is keyed by a 16-byte hash, so a lookup costs one B+tree
// descent over fixed-size keys whatever the URL length; two URLs collide
// with probability about n²/2¹²⁹ among n URLs (1.5·10⁻²⁵ for ten million),
// and a collision only makes the frontier skip one URL.
//
// Frontier may import only the standard library, go.etcd.io/bbolt and
// internal/boltfile (which opens and checks a bbolt file); no other
// wenming package.
//
// # Caveats
//
// The frontier is a work list, not a record: the article store (package
// store) is the source of truth of what has been archived. So the frontier
// file trades durability for speed: it is opened with bbolt's NoSync and
// does not fsync each commit. Measured on a shared 2-CPU virtual machine,
// an fsync per commit made a Pop cost 0.7–2.9 ms instead of 60–120 µs and a
// Push of 50 links (10 new) 1.7–7 ms instead of 0.75–1.3 ms; a crawl makes
// one to two commits per page (Done, and Push when the page brought new
// links; a Pop takes several requests of its host at once), all
// serialised. Committed changes reach the operating system at once, so a
// crash or kill of wenming itself loses nothing. A crash of the operating system or a power cut may lose the
// changes since the last Sync (Close syncs; a crawler should call Sync every
// minute or so) and may even leave the file inconsistent. If Open or Check
// then fails, delete the frontier file: the next crawl starts again from the
// home pages and the store tells which articles it already has.
//
// Forget removes a URL from the seen-set only; a request for it already
// pending or in flight stays, so a Push after Forget may queue a second one.
//
// Only one process may open a frontier file at a time; Open fails after
// about a second with ErrLocked.
package frontier
