package frontier

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/internal/boltfile/bolttest"
	"github.com/wenming-archive/wenming/internal/proctest"
)

// TestPushSeenFromMemory: pushing links seen lately again, as every page
// of a site pushes its menus, reads nothing of the file, so its map stays
// released (Linux, where /proc/self/smaps tells); and the answers are the
// file's: nothing queued twice, a forgotten URL queued again.
func TestPushSeenFromMemory(t *testing.T) {
	f, path := bolttest.OpenMapped(t, "frontier.db", Open)
	const n = 5000 // under seenCacheSize: all of them held
	reqs := make([]Request, n)
	for i := range reqs {
		reqs[i] = articleRequest(i)
	}
	if added, err := f.Push(reqs...); err != nil || added != n {
		t.Fatalf("Push = %d, %v; want %d", added, err, n)
	}
	f.ReleaseMap()
	for i := 0; i < n; i += 50 {
		if added, err := f.Push(reqs[i : i+50]...); err != nil || added != 0 {
			t.Fatalf("Push of seen URLs = %d, %v; want 0", added, err)
		}
	}
	if rss := proctest.MappedRSS(t, path); rss > 0 {
		t.Errorf("pushing %d seen URLs again made %d bytes of the file resident; want none (answered from memory)", n, rss)
	}
	if err := f.Forget(reqs[7].URL); err != nil {
		t.Fatal(err)
	}
	if added, err := f.Push(reqs[5:10]...); err != nil || added != 1 {
		t.Errorf("Push after Forget of one of them = %d, %v; want 1", added, err)
	}
	if got := f.Len(); got != n+1 {
		t.Errorf("Len = %d, want %d (each URL once, the forgotten one again)", got, n+1)
	}
}

// TestSeenCacheBounded: the cache holds at most two generations of
// seenCacheSize keys however many are added; a key found in the older
// generation moves to the newer; a key taken out is not added back by a
// reader that read it before (the generation changed).
func TestSeenCacheBounded(t *testing.T) {
	var c seenCache
	key := func(i int) []byte { return seenKey(fmt.Sprint(i)) }
	gen := c.generation()
	for i := range 5 * seenCacheSize {
		c.add(gen, [][]byte{key(i)})
	}
	if got := len(c.cur) + len(c.old); got > 2*seenCacheSize {
		t.Errorf("the cache holds %d keys, want at most %d", got, 2*seenCacheSize)
	}
	last := 5*seenCacheSize - 1
	if !c.has(key(last)) || c.has(key(0)) {
		t.Errorf("has(newest) = %v, has(oldest) = %v; want true, false", c.has(key(last)), c.has(key(0)))
	}
	older := last - seenCacheSize - 1 // in the older generation
	if _, ok := c.old[hashOf(key(older))]; !ok {
		t.Fatalf("key %d is not in the older generation", older)
	}
	if !c.has(key(older)) {
		t.Fatal("a key of the older generation is not found")
	}
	if _, ok := c.cur[hashOf(key(older))]; !ok {
		t.Error("a key found in the older generation did not move to the newer")
	}
	gen = c.generation()
	c.forget(key(last))
	if c.has(key(last)) {
		t.Error("a forgotten key is still held")
	}
	c.add(gen, [][]byte{key(last)}) // read before the forget
	if c.has(key(last)) {
		t.Error("a key read before a forget was added after it")
	}
}

// TestSeenKeys: the keys of a Push's requests are each URL's seenKey, and
// making them costs a few allocations for all, not two a link.
func TestSeenKeys(t *testing.T) {
	var reqs []Request
	for i := range 50 {
		u := fmt.Sprintf("http://www.example.gov.cn/%s/%d.html", strings.Repeat("栏目/", i%7), i)
		reqs = append(reqs, Request{URL: u, Host: "www.example.gov.cn"})
	}
	keys := seenKeys(reqs)
	for i, k := range keys {
		if !bytes.Equal(k, seenKey(reqs[i].URL)) {
			t.Fatalf("key %d of %s: %x, want %x", i, reqs[i].URL, k, seenKey(reqs[i].URL))
		}
	}
	if n := testing.AllocsPerRun(20, func() { seenKeys(reqs) }); n > 3 {
		t.Errorf("%v allocations for the keys of %d requests", n, len(reqs))
	}
}
