package index

import (
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
// segment files (every shard's).
func (ix *Index) releaseMaps() {
	if ix.shards == nil {
		releaseSegments(ix.b)
		return
	}
	for _, b := range ix.shards.list() {
		releaseSegments(b)
	}
}

// releaseSegments releases the pages of the maps of the segments in b's
// current snapshot, which holds them open meanwhile. Segments of other
// formats, and those still in memory, are left alone.
func releaseSegments(b bleve.Index) {
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
		if seg, ok := ss.Segment().(*zapx.Segment); ok {
			dontNeed(seg.Data())
		}
	}
}
