package index_test

import (
	"context"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/index"
)

// BenchmarkSearchOpened runs queries of the search bench's classes against
// an index built before (the search bench's, with -dir), named by
// $WENMING_SEARCH_INDEX; skipped without it. For profiling the query side
// at a size no unit test builds:
//
//	WENMING_SEARCH_INDEX=/tmp/b/wenming/index go test ./index -run '^$' -bench SearchOpened -cpuprofile cpu.out
func BenchmarkSearchOpened(b *testing.B) {
	dir := os.Getenv("WENMING_SEARCH_INDEX")
	if dir == "" {
		b.Skip("WENMING_SEARCH_INDEX names no index")
	}
	ix, err := index.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	since := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	ctx := context.Background()
	for _, bc := range []struct {
		name string
		q    index.Query
		page int // reached by cursor from the page before, taken by offset
	}{
		{"1", index.Query{Text: "解"}, 0},
		{"2", index.Query{Text: "下一"}, 0},
		{"3", index.Query{Text: "任意识"}, 0},
		{"4", index.Query{Text: "城市文明"}, 0},
		{"5", index.Query{Text: "志愿服务队"}, 0},
		{"6", index.Query{Text: "群众纷纷表示"}, 0},
		{"two", index.Query{Text: "人人 选表"}, 0},
		{"site", index.Query{Text: "活动", Site: "陕西文明网", Since: since}, 0},
		{"page", index.Query{Text: "成为", Sort: "-published"}, 50},
		// The web page's and the API's default: facets counted over
		// every match.
		{"4-facets", index.Query{Text: "城市文明", Facets: 10}, 0},
		{"1-facets", index.Query{Text: "解", Facets: 10}, 0},
	} {
		b.Run(bc.name, func(b *testing.B) {
			q := bc.q
			if bc.page > 1 {
				q.From = (bc.page - 2) * index.DefaultSize
				res, err := ix.Search(ctx, q)
				if err != nil {
					b.Fatal(err)
				}
				q.From, q.After = 0, res.Next
			}
			var total uint64
			cpu0 := cpuTime(b)
			for b.Loop() {
				res, err := ix.Search(ctx, q)
				if err != nil {
					b.Fatal(err)
				}
				total = res.Total
			}
			b.ReportMetric(float64(cpuTime(b)-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
			b.ReportMetric(float64(total), "hits")
		})
	}
}

// cpuTime is the CPU time (user+sys) the process has used, in
// nanoseconds: less sensitive than the wall clock to other jobs on the
// machine.
func cpuTime(b *testing.B) int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
