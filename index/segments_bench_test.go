package index

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zap "github.com/blevesearch/zapx/v17"

	"github.com/wenming-archive/wenming/internal/proctest"
)

// segmentBatches is the calm simulation's first n articles as the
// analyzed bleve documents of Writer's batches (putBatchSize,
// putBatchBytes), ready for a segment to be built of each.
func segmentBatches(b *testing.B, n int) [][]bindex.Document {
	m, err := newMapping()
	if err != nil {
		b.Fatal(err)
	}
	an := newTextAnalysis(m)
	var batches [][]bindex.Document
	var batch []bindex.Document
	bytes := 0
	for _, d := range simDocs(7, n) {
		d.cut()
		size := len(d.Title) + len(d.Body)
		if len(batch) > 0 && (len(batch) >= putBatchSize || bytes+size > putBatchBytes) {
			batches, batch, bytes = append(batches, batch), nil, 0
		}
		doc, err := d.document(m, an)
		if err != nil {
			b.Fatal(err)
		}
		doc.AddIDField()
		doc.VisitFields(func(f bindex.Field) {
			if f.Options().IsIndexed() {
				f.Analyze()
			}
		})
		batch = append(batch, doc)
		bytes += size
	}
	return append(batches, batch)
}

// BenchmarkSegments: what bleve's scorch does with the index's documents
// after the analysis, on the first 1,400 articles of the simulation in
// Writer's batches: "build" makes a segment of each batch (scorch does it
// in Batch, the writer waiting), "merge" merges ten of them into one file
// (scorch's merger, the planner's first tier). Together some two thirds
// of the CPU of indexing. A steady measure of the documents' fields (run
// under callgrind for instruction counts).
func BenchmarkSegments(b *testing.B) {
	batches := segmentBatches(b, 1400)
	plugin := &zap.ZapPlugin{}
	b.Run("build", func(b *testing.B) {
		cpu0 := proctest.CPUTime()
		for b.Loop() {
			for _, batch := range batches {
				seg, _, err := plugin.New(batch)
				if err != nil {
					b.Fatal(err)
				}
				seg.Close()
			}
		}
		b.ReportMetric(float64((proctest.CPUTime()-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
	})
	b.Run("merge", func(b *testing.B) {
		dir := b.TempDir()
		var segs []segment.Segment
		for i, batch := range batches[:min(10, len(batches))] {
			seg, _, err := plugin.New(batch)
			if err != nil {
				b.Fatal(err)
			}
			path := filepath.Join(dir, fmt.Sprint(i, ".zap"))
			if err := seg.(segment.UnpersistedSegment).Persist(path); err != nil {
				b.Fatal(err)
			}
			seg.Close()
			if seg, err = plugin.Open(path); err != nil {
				b.Fatal(err)
			}
			defer seg.Close()
			segs = append(segs, seg)
		}
		drops := make([]*roaring.Bitmap, len(segs))
		out := filepath.Join(dir, "merged.zap")
		cpu0 := proctest.CPUTime()
		for b.Loop() {
			if _, _, err := plugin.Merge(segs, drops, out, nil, nil); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64((proctest.CPUTime()-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
	})
}
