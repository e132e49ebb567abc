package index

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/util"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	"go.etcd.io/bbolt"
)

// Probe is a cheap check that the index answers: it counts the documents,
// reads the sort and facet values of all of them (as Stats does), loads
// the stored fields of a few and runs a text query on a word of one. A
// damaged index (one whose files open but whose data is damaged) usually
// fails one of these; the error then wraps ErrDamaged. Probe reads a small
// part of the files: damage elsewhere shows only when a search reaches it
// (and is an ErrDamaged error of that search), or in a full check.
func (ix *Index) Probe(ctx context.Context) (err error) {
	defer recoverDamaged(ix.path, &err)
	damaged := func(what string, err error) error {
		return fmt.Errorf("index %s: %s: %v: %w", ix.path, what, err, ErrDamaged)
	}
	n, err := ix.b.DocCount()
	if err != nil {
		return damaged("count", err)
	}
	if n == 0 {
		return nil
	}
	if _, err := ix.stats(ctx); err != nil {
		return damaged("sort and facet values", err)
	}
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 10, 0, false)
	req.Fields = storedFields
	sr, err := ix.b.SearchInContext(ctx, req)
	if err != nil {
		return damaged("stored fields", err)
	}
	for _, h := range sr.Hits {
		title, _ := h.Fields[fieldTitle].(string)
		if w := []rune(strings.TrimSpace(title)); len(w) >= 2 {
			if _, err := ix.search(ctx, Query{Text: string(w[:2]), Size: 5, Facets: 3}); err != nil {
				return damaged("text query", err)
			}
			break
		}
	}
	return nil
}

// Get returns the documents stored under ids that the index holds, by ID,
// as search hits (without snippet or score). A damaged index gives an
// error wrapping ErrDamaged.
func (ix *Index) Get(ctx context.Context, ids ...string) (_ map[string]Hit, err error) {
	defer recoverDamaged(ix.path, &err)
	out := make(map[string]Hit, len(ids))
	for start := 0; start < len(ids); start += putBatchSize {
		chunk := ids[start:min(start+putBatchSize, len(ids))]
		req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(chunk), len(chunk), 0, false)
		req.Fields = storedFields
		sr, err := ix.b.SearchInContext(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("get from index %s: %w", ix.path, err)
		}
		for _, h := range sr.Hits {
			out[h.ID] = makeHit(h, nil)
		}
	}
	return out, nil
}

// VerifySegments reads every segment file of the index's current
// snapshot and checks its checksum: zap ends each segment with the CRC-32
// (IEEE, big-endian) of all the bytes before it, which bleve itself does
// not verify when it opens a segment. Files in the store directory that
// no snapshot uses (a merge cut short when the index closed leaves an
// empty one; bleve removes them) are not the index's and are not read.
// It reads the whole index (a full check, not one for every open) and
// returns the damaged segments, each wrapping ErrDamaged.
func (ix *Index) VerifySegments() (err error) {
	defer recoverDamaged(ix.path, &err)
	files, release, err := ix.segmentFiles()
	if err != nil {
		return fmt.Errorf("verify index %s: %v: %w", ix.path, err, ErrDamaged)
	}
	defer release()
	return checkSegmentFiles(files)
}

// checkSegmentFiles checks each segment file against the CRC-32 zap keeps
// in its last four bytes. It streams each file through one small buffer:
// segments run to hundreds of megabytes, and reading one whole would cost
// that much memory on every open.
func checkSegmentFiles(files []string) error {
	buf := make([]byte, 1<<20)
	var errs []error
	for _, f := range files {
		if err := checkSegmentFile(f, buf); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// checkSegmentFile checks the segment file f, reading it through buf.
func checkSegmentFile(f string, buf []byte) error {
	file, err := os.Open(f)
	if err != nil {
		return fmt.Errorf("index segment %s: %w", f, err)
	}
	defer file.Close()
	fi, err := file.Stat()
	if err != nil {
		return fmt.Errorf("index segment %s: %w", f, err)
	}
	size := fi.Size()
	if size < 4 {
		return fmt.Errorf("index segment %s: %d bytes: %w", f, size, ErrDamaged)
	}
	sum := crc32.NewIEEE()
	if _, err := io.CopyBuffer(sum, io.LimitReader(file, size-4), buf); err != nil {
		return fmt.Errorf("index segment %s: %w", f, err)
	}
	var tail [4]byte
	if _, err := io.ReadFull(file, tail[:]); err != nil {
		return fmt.Errorf("index segment %s: its checksum: %w", f, err)
	}
	if want, got := binary.BigEndian.Uint32(tail[:]), sum.Sum32(); want != got {
		return fmt.Errorf("index segment %s: checksum %08x, the file says %08x: %w", f, got, want, ErrDamaged)
	}
	return nil
}

// checkBeforeOpen checks the segment files of the index at path before
// bleve opens it. bleve trusts the lengths a segment file gives: a damaged
// one can make it allocate terabytes while opening, which ends the process
// (a fatal out-of-memory, not a panic to recover), so a damaged segment is
// refused here as ErrDamaged. It reads the files once; the open maps them
// next anyway. Before the open the snapshot's list of segments is not at
// hand, so every segment file is read but the empty ones a merge cut
// short by Close leaves (no snapshot holds an empty segment); a file that
// fails the check is damage only if a snapshot in root.bolt holds it (a
// kill leaves the segment scorch was writing cut short, held by none).
func checkBeforeOpen(path string) error {
	all, err := filepath.Glob(filepath.Join(path, "store", "*.zap"))
	if err != nil {
		return fmt.Errorf("index %s: %w", path, err)
	}
	var files []string
	for _, f := range all {
		if fi, err := os.Stat(f); err != nil || fi.Size() > 0 {
			files = append(files, f)
		}
	}
	var bad []string
	var errs []error
	buf := make([]byte, 1<<20)
	for _, f := range files {
		if err := checkSegmentFile(f, buf); err != nil {
			bad = append(bad, f)
			errs = append(errs, err)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	// A process killed while scorch wrote a segment (a merge, or a batch
	// being persisted) leaves that file cut short, and no snapshot holds
	// it: scorch removes it once open. Only a damaged file a snapshot
	// holds is damage.
	if live, err := snapshotSegmentFiles(path); err == nil {
		held := errs[:0]
		for i, f := range bad {
			if live[filepath.Base(f)] {
				held = append(held, errs[i])
			}
		}
		errs = held
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("index %s: %w", path, err)
	}
	return nil
}

// snapshotSegmentFiles returns the names of the segment files that the
// snapshots kept in the root.bolt of the index at path hold.
func snapshotSegmentFiles(path string) (map[string]bool, error) {
	db, err := bbolt.Open(filepath.Join(path, "store", "root.bolt"), 0o600, &bbolt.Options{ReadOnly: true, Timeout: 100 * time.Millisecond})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	live := map[string]bool{}
	err = db.View(func(tx *bbolt.Tx) error {
		snapshots := tx.Bucket(util.BoltSnapshotsBucket)
		if snapshots == nil {
			return errors.New("root.bolt holds no snapshots")
		}
		return snapshots.ForEachBucket(func(k []byte) error {
			snapshot := snapshots.Bucket(k)
			return snapshot.ForEachBucket(func(k []byte) error {
				if p := snapshot.Bucket(k).Get(util.BoltPathKey); p != nil {
					live[filepath.Base(string(p))] = true
				}
				return nil
			})
		})
	})
	return live, err
}

// segmentFiles returns the files of the persisted segments of the index's
// current snapshots (every shard's). The snapshots are held until release
// is called: a merge running meanwhile cannot remove the files being read.
func (ix *Index) segmentFiles() (files []string, release func(), err error) {
	indexes := []bleve.Index{ix.b}
	if ix.shards != nil {
		indexes = indexes[:0]
		for _, b := range ix.shards.list() {
			indexes = append(indexes, b)
		}
	}
	var readers []io.Closer
	release = func() {
		for _, r := range readers {
			r.Close()
		}
	}
	for _, b := range indexes {
		r, f, err := segmentFilesOf(b)
		if err != nil {
			release()
			return nil, nil, err
		}
		readers = append(readers, r)
		files = append(files, f...)
	}
	return files, release, nil
}

// segmentFilesOf returns the files of the persisted segments of b's
// current snapshot, and the reader that holds that snapshot.
func segmentFilesOf(b bleve.Index) (io.Closer, []string, error) {
	r, err := snapshotReader(b)
	if err != nil {
		return nil, nil, err
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		r.Close()
		return nil, nil, fmt.Errorf("not a scorch index (%T)", r)
	}
	var files []string
	for _, ss := range snap.Segments() {
		if ps, ok := ss.Segment().(segment.PersistedSegment); ok {
			files = append(files, ps.Path())
		}
	}
	return r, files, nil
}

// snapshotReader opens a reader of b's current snapshot; the caller
// closes it.
func snapshotReader(b bleve.Index) (bindex.IndexReader, error) {
	adv, err := b.Advanced()
	if err != nil {
		return nil, err
	}
	return adv.Reader()
}

// closeReader closes r, its error kept in *err unless one is there.
func closeReader(r bindex.IndexReader, err *error) {
	if cerr := r.Close(); *err == nil {
		*err = cerr
	}
}
