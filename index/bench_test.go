package index_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/proctest"
)

func BenchmarkSearch(b *testing.B) {
	// The parent benchmark runs once; its sub-benchmarks share the index.
	ix := openTemp(b)
	if err := ix.Put(genCorpus(3, 3000)...); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for _, bc := range []struct {
		name string
		q    index.Query
	}{
		{"one-char", index.Query{Text: "文"}},
		{"one-char-rare", index.Query{Text: "冀"}},
		{"two-char", index.Query{Text: "文明"}},
		{"phrase-4", index.Query{Text: "志愿服务"}},
		{"phrase-6", index.Query{Text: "新时代文明实践"}},
		{"two-terms", index.Query{Text: "文明 服务"}},
		{"full-width", index.Query{Text: "２０２２年"}},
		{"filtered", index.Query{Text: "文明", Site: "河北文明网", Year: 2022}},
		{"filters-only-by-date", index.Query{Site: "hb.wenming.cn", Sort: "-published"}},
		{"sorted-by-views", index.Query{Text: "服务", Sort: "-views"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var total uint64
			for b.Loop() {
				res, err := ix.Search(ctx, bc.q)
				if err != nil {
					b.Fatal(err)
				}
				total = res.Total
			}
			b.ReportMetric(float64(total), "hits")
		})
	}
}

func BenchmarkPut(b *testing.B) {
	docs := genCorpus(5, 500)
	ix := openTemp(b)
	var bytes int64
	for _, d := range docs {
		bytes += int64(len(d.Title) + len(d.Body))
	}
	b.SetBytes(bytes)
	for b.Loop() {
		if err := ix.Put(docs...); err != nil { // the same IDs: an upsert after the first round
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(docs))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkBuild indexes 3,000 synthetic articles into a new index per
// round and reports the rate and the size of the index on disk per
// document (the README's figures for the cost of the analysis):
//
//	go test ./index -run '^$' -bench Build -benchtime 1x -count 3
func BenchmarkBuild(b *testing.B) {
	docs := genCorpus(3, 3000)
	var bytes int64
	for _, d := range docs {
		bytes += int64(len(d.Title) + len(d.Body))
	}
	b.SetBytes(bytes)
	var size int64
	for b.Loop() {
		dir := filepath.Join(b.TempDir(), "index.bleve")
		ix, err := index.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		if err := ix.Put(docs...); err != nil {
			b.Fatal(err)
		}
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
		size = proctest.MustDirSize(b, dir)
	}
	b.ReportMetric(float64(len(docs))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(size)/float64(len(docs)), "index-B/doc")
}
