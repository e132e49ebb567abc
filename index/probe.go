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

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"
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
	files, err := ix.segmentFiles()
	if err != nil {
		return fmt.Errorf("verify index %s: %v: %w", ix.path, err, ErrDamaged)
	}
	return checkSegmentFiles(files)
}

// checkSegmentFiles checks each segment file against the CRC-32 zap keeps
// in its last four bytes.
func checkSegmentFiles(files []string) error {
	var errs []error
	for _, f := range files {
		if err := checkSegmentFile(f); err != nil {
			errs = append(errs, fmt.Errorf("index segment %s: %w", f, err))
		}
	}
	return errors.Join(errs...)
}

// checkSegmentFile checks the checksum at the end of the segment file f
// against its other bytes, read through a small buffer: a segment is
// hundreds of megabytes in a large index, and reading each whole into
// memory made opening an index of 100,000 articles take 770 MB.
func checkSegmentFile(f string) error {
	file, err := os.Open(f)
	if err != nil {
		return err
	}
	defer file.Close()
	fi, err := file.Stat()
	if err != nil {
		return err
	}
	size := fi.Size()
	if size < 4 {
		return fmt.Errorf("%d bytes: %w", size, ErrDamaged)
	}
	var tail [4]byte
	if _, err := file.ReadAt(tail[:], size-4); err != nil {
		return err
	}
	sum := crc32.NewIEEE()
	if _, err := io.CopyBuffer(sum, io.NewSectionReader(file, 0, size-4), make([]byte, 256<<10)); err != nil {
		return err
	}
	if want, got := binary.BigEndian.Uint32(tail[:]), sum.Sum32(); want != got {
		return fmt.Errorf("checksum %08x, the file says %08x: %w", got, want, ErrDamaged)
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
// short by Close leaves (no snapshot holds an empty segment).
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
	if err := checkSegmentFiles(files); err != nil {
		return fmt.Errorf("index %s: %w", path, err)
	}
	return nil
}

// segmentFiles returns the files of the persisted segments of the index's
// current snapshot.
func (ix *Index) segmentFiles() ([]string, error) {
	if ix.shards == nil {
		return segmentFiles(ix.b)
	}
	var files []string
	for _, b := range ix.shards.list() {
		f, err := segmentFiles(b)
		if err != nil {
			return nil, err
		}
		files = append(files, f...)
	}
	return files, nil
}

// segmentFiles returns the files of the persisted segments of b.
func segmentFiles(b bleve.Index) ([]string, error) {
	adv, err := b.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, fmt.Errorf("not a scorch index (%T)", r)
	}
	var files []string
	for _, ss := range snap.Segments() {
		if ps, ok := ss.Segment().(segment.PersistedSegment); ok {
			files = append(files, ps.Path())
		}
	}
	return files, nil
}
