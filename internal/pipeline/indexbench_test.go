package pipeline_test

import (
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/config"
	"github.com/wenming-archive/wenming/internal/pipeline"
	"github.com/wenming-archive/wenming/internal/proctest"
	"github.com/wenming-archive/wenming/internal/sitesim"
)

// BenchmarkIndexing is the indexing after a crawl without the crawl: the
// articles a crawl of the calm simulation archives (those outside
// robots-disallowed columns, with every field a record has: views,
// source, author, lineage, fetch time), made into documents one at a time
// as the archive makes them of its records, indexed into a new index by
// one Writer under the indexing's collector settings (index.memory_limit,
// GOGC off), then the index closed. It reports the CPU time of the
// process per article (cpu-ms/article; the machine's load moves it less
// than docs/s), less that of making the documents, which a pass that only
// makes them measures first; its minor page faults per article, the
// collections, the bytes allocated per article and the index's size
// against the text:
//
//	go test ./internal/pipeline -run '^$' -bench Indexing -benchtime 1x -count 3
//
// WENMING_BENCH_ARTICLES sets the simulation's size (20,000 by default).
func BenchmarkIndexing(b *testing.B) {
	sim := sitesim.New(sitesim.Options{Seed: 42, Articles: benchArticles(b), Calm: true})
	restore := pipeline.IndexingGC(config.Default().Index)
	defer restore()
	// The documents alone: their CPU, their number and their text.
	cpu0 := proctest.CPUTime()
	docs, textBytes := 0, int64(0)
	forEachIndexDoc(sim, func(d index.Document) error {
		docs++
		textBytes += int64(len(d.Title) + len(d.Body))
		return nil
	})
	makeCPU := proctest.CPUTime() - cpu0
	var cpu time.Duration
	var gcs uint32
	var alloc uint64
	var faults int64
	var size int64
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		dir := filepath.Join(b.TempDir(), "index.bleve")
		runtime.GC()
		var ms0, ms1 runtime.MemStats
		runtime.ReadMemStats(&ms0)
		cpu0, faults0 := proctest.CPUTime(), minorFaults()
		b.StartTimer()
		ix, err := index.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		w := ix.NewWriter()
		if err := forEachIndexDoc(sim, w.Add); err != nil {
			b.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			b.Fatal(err)
		}
		if err := ix.Close(); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		cpu += proctest.CPUTime() - cpu0 - makeCPU
		faults += minorFaults() - faults0
		runtime.ReadMemStats(&ms1)
		gcs += ms1.NumGC - ms0.NumGC
		alloc += ms1.TotalAlloc - ms0.TotalAlloc
		size = proctest.MustDirSize(b, dir)
		b.StartTimer()
	}
	n := float64(docs * b.N)
	b.ReportMetric(n/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(cpu.Seconds()*1000/n, "cpu-ms/article")
	b.ReportMetric(float64(faults)/n, "faults/article")
	b.ReportMetric(float64(gcs)/float64(b.N), "GCs/op")
	b.ReportMetric(float64(alloc)/n, "alloc-B/article")
	b.ReportMetric(float64(size)/float64(textBytes), "size/text")
}

// forEachIndexDoc calls fn with the index document of every article of
// sim that a crawl archives (those outside robots-disallowed columns), as
// the archive makes it of its record, until fn fails.
func forEachIndexDoc(sim *sitesim.Sim, fn func(index.Document) error) error {
	levels := []article.Level{article.National, article.Province, article.City, article.County}
	fetched := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	var err error
	i := 0
	sim.ForEachArticle(func(t sitesim.Truth) bool {
		if t.Disallowed {
			return true
		}
		a := &article.Article{URL: t.URL, Site: t.Host, SiteName: t.SiteName, Level: article.Level(t.Level),
			Column: t.Column, Title: t.Title, Published: t.Published, Views: t.ViewsBefore,
			Source: t.Source, Author: t.Author, Editor: t.Editor, Body: t.Body,
			FetchedAt: fetched.Add(time.Duration(i) * time.Millisecond)}
		for j, name := range t.Lineage {
			a.Lineage = append(a.Lineage, article.Site{Host: t.LineageHosts[j], Name: name, Level: levels[min(j, len(levels)-1)]})
		}
		i++
		err = fn(archive.Document(a))
		return err == nil
	})
	return err
}
