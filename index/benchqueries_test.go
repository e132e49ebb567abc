package index

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"
)

// BenchmarkBenchQueries runs the search bench's queries (bench-truth.json,
// named by $WENMING_SEARCH_QUERIES) through Search against the index named
// by $WENMING_SEARCH_INDEX, as the bench runs them (page 50 by cursor from
// the page before, taken untimed), one sub-benchmark per class, each
// operation every query of the class once; skipped without them. It
// reports the CPU time (user+sys) per query; with -benchmem the
// allocations are per class's round. The index is opened read-only, so
// the bench's index can be used as it is:
//
//	WENMING_SEARCH_INDEX=D/wenming WENMING_SEARCH_QUERIES=D/bench-truth.json go test ./index -run '^$' -bench BenchQueries -benchmem
//
// For instruction counts, callgrind can be told to count only the
// queries: --toggle-collect='*.searchAll'.
func BenchmarkBenchQueries(b *testing.B) {
	dir, qpath := os.Getenv("WENMING_SEARCH_INDEX"), os.Getenv("WENMING_SEARCH_QUERIES")
	if dir == "" || qpath == "" {
		b.Skip("WENMING_SEARCH_INDEX or WENMING_SEARCH_QUERIES unset")
	}
	raw, err := os.ReadFile(qpath)
	if err != nil {
		b.Fatal(err)
	}
	var saved struct {
		Queries []struct {
			Class string
			Terms []string
			Site  string
			Since time.Time
			Page  int
		}
	}
	if err := json.Unmarshal(raw, &saved); err != nil {
		b.Fatal(err)
	}
	ix, err := OpenReadOnly(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	byClass := map[string][]Query{}
	var classes []string
	for _, sq := range saved.Queries {
		q := Query{Text: strings.Join(sq.Terms, " "), Site: sq.Site, Since: sq.Since, Size: DefaultSize}
		if sq.Page > 1 {
			// The cursor at the end of the page before, by offset.
			q.Sort, q.From = "-published", (sq.Page-2)*q.Size
			res, err := ix.Search(ctx, q)
			if err != nil {
				b.Fatal(err)
			}
			if res.Next == nil {
				continue
			}
			q.From, q.After = 0, res.Next
		}
		if byClass[sq.Class] == nil {
			classes = append(classes, sq.Class)
		}
		byClass[sq.Class] = append(byClass[sq.Class], q)
	}
	for _, class := range classes {
		qs := byClass[class]
		b.Run(class, func(b *testing.B) {
			for _, q := range qs { // warm-up: the caches of the segments
				if _, err := ix.Search(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
			var cpu time.Duration
			for b.Loop() {
				c0 := processCPU(b)
				searchAll(b, ix, qs)
				cpu += processCPU(b) - c0
			}
			b.ReportMetric(cpu.Seconds()*1000/float64(b.N*len(qs)), "cpu-ms/q")
		})
	}
}

// searchAll runs qs on ix.
func searchAll(b *testing.B, ix *Index, qs []Query) {
	for _, q := range qs {
		if _, err := ix.Search(context.Background(), q); err != nil {
			b.Fatal(err)
		}
	}
}
