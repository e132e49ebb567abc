package index

import (
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	zapx "github.com/blevesearch/zapx/v17"
)

// Segment maps. scorch reads its segment files through read-only shared
// memory maps, and a page once read stays counted in the process's
// resident memory for as long as its segment is open. Merging reads its
// input segments whole, so while an index is written its resident pages
// grew with the index: 120 MB of a 20,000-article crawl's peak, five times
// that at 100,000. A Writer releases the pages of the open segments' maps
// after every releaseEvery bytes of text it writes; they stay in the
// kernel's page cache, and a page read again (by a merge in progress, a
// search) comes back from there, unchanged: only how much of the file the
// process holds mapped in changes, not what it reads.

// releaseEvery is how many bytes of title and body a Writer writes between
// two releases of the segments' maps.
const releaseEvery = 1 << 20

// releaseCounter counts the text written since the last release; it is
// shared by every Writer of an Index.
type releaseCounter struct{ n atomic.Int64 }

// due counts n more bytes and says whether the caller is to release the
// maps now (one caller of those that pass the mark together).
func (c *releaseCounter) due(n int) bool {
	return c.n.Add(int64(n)) >= releaseEvery && c.n.Swap(0) >= releaseEvery
}

// ReleaseMaps releases the resident pages of the maps of the index's
// segment files (every shard's), as a Writer does after every releaseEvery
// bytes of text. A caller writing much calls it now and then as well:
// scorch merges segments in the background, reading them whole, and a
// merge of large segments read tens of megabytes between two of a
// Writer's releases (more where indexing is slow: a release waits for a
// megabyte of text to be written).
func (ix *Index) ReleaseMaps() { ix.releaseMaps() }

// releaseMaps releases the resident pages of the maps of the index's
// segment files (every shard's), and reads the small files among them
// back into the page cache in small folios, once each (see
// segmentFiles).
func (ix *Index) releaseMaps() {
	ix.segFiles.mu.Lock()
	defer ix.segFiles.mu.Unlock()
	seen := make(map[string]bool, len(ix.segFiles.seen))
	if ix.shards == nil {
		releaseSegments(ix.b, ix.segFiles.seen, seen)
	} else {
		for _, b := range ix.shards.list() {
			releaseSegments(b, ix.segFiles.seen, seen)
		}
	}
	ix.segFiles.seen = seen
}

// Fresh segment files. scorch's persister writes a batch's new segment
// (a megabyte or so for a batch of 256 KB of text) to its file in one
// write, so the file lies in the page cache in folios as large as the
// kernel makes for that write, a megabyte, and every read fault in a
// map of it maps the whole folio (see segments.go). Every batch looks
// its IDs up in every segment, and while the merger is busy with one
// long merge the fresh files pile up: at the 100,000-article indexing's
// peak some 50 of them, each resident by a megabyte or more, about 50 MB
// of the process's RSS, released every 100 ms and mapped again by the
// next batch. So the first release that sees a small segment file drops
// it from the page cache (its pages are clean: scorch syncs a segment
// before it opens it) and reads it back in 64 KB reads with readahead
// off, which puts it in base pages: a look-up then maps the 64 KB around
// what it reads (the kernel's fault-around), as for the files zapx's
// merges write through their 64 KB buffer. A file is read back from the
// disk once, some milliseconds a megabyte; a page that is mapped when the
// file is dropped stays as it was (the file is left as it is).

// readBackMax is the largest segment file read back: a batch's fresh
// segment is a few megabytes at most (a batch holds at most putBatchBytes
// of text, about 4 bytes of segment a byte of text); the files of
// merges, larger, are written through a 64 KB buffer already.
const readBackMax = 4 << 20

// segmentFiles remembers the segment files that releases have seen, so
// that each small one is read back once.
type segmentFiles struct {
	mu   sync.Mutex
	seen map[string]bool // the files of the segments of the last release
}

// releaseSegments releases the pages of the maps of the segments in b's
// current snapshot, which holds them open meanwhile, and reads a small
// file not in seen back (see readBackMax); every file of the snapshot
// goes into now. Segments of other formats, and those still in memory,
// are left alone.
func releaseSegments(b bleve.Index, seen, now map[string]bool) {
	adv, err := b.Advanced()
	if err != nil {
		return
	}
	sc, ok := adv.(*scorch.Scorch)
	if !ok {
		return
	}
	r, err := sc.Reader()
	if err != nil {
		return
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok || snap == nil {
		// A closed index has no snapshot: scorch returns a nil one.
		return
	}
	defer snap.Close()
	for _, ss := range snap.Segments() {
		seg, ok := ss.Segment().(*zapx.Segment)
		if !ok {
			continue
		}
		m, path := seg.Data(), seg.Path()
		dontNeed(m)
		if !seen[path] && len(m) <= readBackMax {
			readBack(path)
		}
		now[path] = true
	}
}
