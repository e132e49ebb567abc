package index

import (
	"testing"

	"github.com/wenming-archive/wenming/internal/proctest"
	"github.com/wenming-archive/wenming/internal/sitesim"
)

// BenchmarkAnalyzeFast: the analysis of the title and body of 300
// simulated articles, both fields of each, as Writer.Add runs it.
func BenchmarkAnalyzeFast(b *testing.B) {
	var texts []string
	var size int64
	sim := sitesim.New(sitesim.Options{Seed: 3, Articles: 300})
	sim.ForEachArticle(func(a sitesim.Truth) bool {
		texts = append(texts, a.Title, a.Body)
		size += int64(len(a.Title) + len(a.Body))
		return true
	})
	b.SetBytes(size)
	b.ReportAllocs()
	cpu0 := proctest.CPUTime()
	for b.Loop() {
		for _, s := range texts {
			var pos, chars textField
			if !analyzeFast(s, &pos, &chars) {
				b.Fatal("fell back to the chain")
			}
		}
	}
	// CPU time, not the wall clock: steadier on a loaded machine.
	b.ReportMetric(float64((proctest.CPUTime()-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
}
