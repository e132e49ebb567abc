package frontier

import "sync"

// seenCache holds, in memory, keys of the seen-set that the file holds,
// the ones looked up lately: most links of a crawl's pages are already
// seen, the same few thousand again and again (a site's menus, columns
// and pagers on every page of it), and answering them from memory spares
// Push a look-up in the file. A look-up reads the seen-set's leaves all
// over the file, through its map: each page read stays resident until the
// map is released, and at 100,000 articles the look-ups of a quarter of
// a second made 14 MB of the frontier's file resident.
//
// It is bounded: two generations of at most seenCacheSize keys each; a
// key found in the older is moved to the newer, and when the newer is
// full the older is dropped. It holds only keys that a committed
// transaction showed in the seen-set; Forget takes its key out (see
// forget), so the cache never says seen for a key the file does not
// hold. It is safe for concurrent use.
type seenCache struct {
	mu       sync.Mutex
	cur, old map[seenHash]struct{}
	// forgets counts the keys taken out: keys read from the file before
	// one was taken out are not added after it (see add).
	forgets uint64
}

// seenHash is a seen-set key (seenKey) as a value.
type seenHash [hashLen]byte

// seenCacheSize bounds each generation of the cache: some 20 bytes a key
// in a map, so at most about 700 KB in all.
const seenCacheSize = 1 << 14

func hashOf(k []byte) (h seenHash) {
	copy(h[:], k)
	return h
}

// has reports whether k is known to be in the seen-set.
func (c *seenCache) has(k []byte) bool {
	h := hashOf(k)
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.cur[h]; ok {
		return true
	}
	if _, ok := c.old[h]; ok {
		c.put(h)
		return true
	}
	return false
}

// generation is what add is to be given for keys read from the file from
// now on.
func (c *seenCache) generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.forgets
}

// add holds keys that a transaction begun after generation returned gen
// found in (or put into) the seen-set, unless a key was taken out since:
// it could have been one of them.
func (c *seenCache) add(gen uint64, keys [][]byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.forgets {
		return
	}
	for _, k := range keys {
		c.put(hashOf(k))
	}
}

// put holds h in the newer generation. Called with c.mu held.
func (c *seenCache) put(h seenHash) {
	if c.cur == nil {
		c.cur = make(map[seenHash]struct{})
	}
	if len(c.cur) >= seenCacheSize {
		c.old, c.cur = c.cur, make(map[seenHash]struct{})
	}
	c.cur[h] = struct{}{}
}

// forget takes k out, once the transaction that removed it from the
// seen-set has committed.
func (c *seenCache) forget(k []byte) {
	h := hashOf(k)
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.cur, h)
	delete(c.old, h)
	c.forgets++
}
