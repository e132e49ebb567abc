package index

import (
	"context"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// BenchmarkBenchQueries runs the search bench's queries (bench-truth.json,
// named by $WENMING_SEARCH_QUERIES) through Search against the index named
// by $WENMING_SEARCH_INDEX, as the bench runs them (page 50 by cursor from
// the page before, taken untimed), one sub-benchmark per class, each
// operation every query of the class once; skipped without them. It
// reports the CPU time (user+sys) per query, and that of the query that
// took the most on average; with -benchmem the allocations are per
// class's round. The index is opened read-only, so
// the bench's index can be used as it is:
//
//	WENMING_SEARCH_INDEX=D/wenming WENMING_SEARCH_QUERIES=D/bench-truth.json go test ./index -run '^$' -bench BenchQueries -benchmem
//
// For instruction counts, callgrind can be told to count only the
// queries: --toggle-collect='*.searchAll'.
func BenchmarkBenchQueries(b *testing.B) {
	dir, saved := loadBenchQueries(b)
	ix, err := OpenReadOnly(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	byClass := map[string][]Query{}
	pages := map[string][]int{}
	var classes []string
	for _, sq := range saved {
		if byClass[sq.Class] == nil {
			classes = append(classes, sq.Class)
		}
		byClass[sq.Class] = append(byClass[sq.Class], Query{Text: strings.Join(sq.Terms, " "), Site: sq.Site, Since: sq.Since, Size: DefaultSize})
		pages[sq.Class] = append(pages[sq.Class], sq.Page)
	}
	for _, class := range classes {
		b.Run(class, func(b *testing.B) {
			var qs []Query
			for i, q := range byClass[class] {
				if page := pages[class][i]; page > 1 {
					// The cursor at the end of the page before, by
					// offset.
					q.Sort, q.From = "-published", (page-2)*q.Size
					res, err := ix.Search(ctx, q)
					if err != nil {
						b.Fatal(err)
					}
					if res.Next == nil {
						continue
					}
					q.From, q.After = 0, res.Next
				}
				qs = append(qs, q)
			}
			for _, q := range qs { // warm-up: the caches of the segments
				if _, err := ix.Search(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
			cpu := make([]time.Duration, len(qs)) // each query's, over all rounds
			for b.Loop() {
				searchAll(b, ix, qs, cpu)
			}
			b.ReportMetric(float64(sum(cpu).Microseconds())/1000/float64(b.N*len(qs)), "cpu-ms/q")
			b.ReportMetric(float64(slices.Max(cpu).Microseconds())/1000/float64(b.N), "worst-cpu-ms")
		})
	}
}

// searchAll runs qs on ix, adding the CPU time of each to cpu.
func searchAll(b *testing.B, ix *Index, qs []Query, cpu []time.Duration) {
	for i, q := range qs {
		c0 := processCPU(b)
		if _, err := ix.Search(context.Background(), q); err != nil {
			b.Fatal(err)
		}
		cpu[i] += processCPU(b) - c0
	}
}

func sum(ds []time.Duration) time.Duration {
	var rv time.Duration
	for _, d := range ds {
		rv += d
	}
	return rv
}

// benchQuery is a query of the search bench's bench-truth.json.
type benchQuery struct {
	Class string
	Terms []string
	Site  string
	Since time.Time
	Page  int
}

// loadBenchQueries returns the index directory named by
// $WENMING_SEARCH_INDEX and the queries of the bench-truth.json named by
// $WENMING_SEARCH_QUERIES, and skips b when either is unset.
func loadBenchQueries(b *testing.B) (dir string, queries []benchQuery) {
	b.Helper()
	dir, qpath := os.Getenv("WENMING_SEARCH_INDEX"), os.Getenv("WENMING_SEARCH_QUERIES")
	if dir == "" || qpath == "" {
		b.Skip("WENMING_SEARCH_INDEX or WENMING_SEARCH_QUERIES unset")
	}
	raw, err := os.ReadFile(qpath)
	if err != nil {
		b.Fatal(err)
	}
	var saved struct{ Queries []benchQuery }
	if err := json.Unmarshal(raw, &saved); err != nil {
		b.Fatalf("%s: %v", qpath, err)
	}
	return dir, saved.Queries
}
