package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"
)

// TestBoundedSearchAsFull: a search that counts up to a cap (and checks
// the positions of only the candidates that may reach the page) returns
// the very pages the full search returns (the same documents, scores,
// order and cursors, page after page by cursor and by offset), and the
// full count up to the cap, or the cap flagged as a lower bound beyond
// it. The index has several segments and deleted documents; the queries
// are phrases of common and rare bigrams, with a second term, in the
// title, and under a site filter.
func TestBoundedSearchAsFull(t *testing.T) {
	docs := simDocs(5, 900)
	ix := severalSegments(t, docs, 150)
	deleteEvery(t, ix, docs, 9)
	texts := []string{"精神文明", "文明创建", "志愿服务活动", "新时代文明实践", "没有这样的句子"}
	r := rand.New(rand.NewPCG(5, 6))
	for len(texts) < 30 {
		b := docs[r.IntN(len(docs))].Body
		at := r.IntN(max(1, len(b)-40))
		for at > 0 && !utf8.RuneStart(b[at]) {
			at++
		}
		n := 3 + r.IntN(4)
		if s := []rune(b[at:min(len(b), at+40)]); len(s) >= n {
			texts = append(texts, string(s[:n]))
		}
	}
	var queries []Query
	for _, text := range texts {
		queries = append(queries,
			Query{Text: text, Size: 5},
			Query{Text: text + " 工作", Size: 5},
			Query{Text: text, Size: 3, From: 4},
			Query{Clauses: [][]Term{{{Field: FieldTitle, Value: text}}}, Size: 5},
			Query{Text: text, Site: docs[0].Site, Size: 5},
		)
	}
	ctx := context.Background()
	capped, bounded := 0, 0
	for _, q := range queries {
		// The full search's pages, page after page by its cursor: the
		// same for every cap, searched once.
		var fulls []*Results
		for want, page := q, 0; page < 6; page++ {
			full, err := ix.searchCapped(ctx, want, 0)
			if err != nil {
				t.Fatal(err)
			}
			if full.TotalIsLowerBound {
				t.Fatalf("%+v, page %d: the full search flags its total %d as a lower bound", q, page, full.Total)
			}
			fulls = append(fulls, full)
			if full.Next == nil {
				break
			}
			want.From, want.After = 0, full.Next
		}
		for _, countCap := range []int{1, 12, 40, 200} {
			name := fmt.Sprintf("%+v cap %d", q, countCap)
			p := plan(q, ix.queryAnalyzer)
			if ix.useBounded(q, p, q.Size, countCap) {
				bounded++
			}
			got := q
			for page, full := range fulls {
				res, err := ix.searchCapped(ctx, got, countCap)
				if err != nil {
					t.Fatal(err)
				}
				switch {
				case full.Total <= uint64(countCap) && (res.Total != full.Total || res.TotalIsLowerBound):
					t.Errorf("%s: total %d (lower bound %v), want %d", name, res.Total, res.TotalIsLowerBound, full.Total)
				case full.Total > uint64(countCap) && res.Total != full.Total && (res.Total != uint64(countCap) || !res.TotalIsLowerBound):
					t.Errorf("%s: total %d (lower bound %v), want %d or %d as a lower bound", name, res.Total, res.TotalIsLowerBound, full.Total, countCap)
				}
				if res.TotalIsLowerBound {
					capped++
				}
				if !samePage(res, full) {
					t.Errorf("%s, page %d: hits %v, want %v", name, page, pageOf(res), pageOf(full))
					break
				}
				got.From, got.After = 0, res.Next
			}
		}
	}
	if capped == 0 || bounded == 0 {
		t.Fatalf("%d searches bounded, %d totals capped: the test tests nothing", bounded, capped)
	}
}

// samePage reports whether a and b hold the same hits, with the same
// scores, in the same order, and the same cursor.
func samePage(a, b *Results) bool {
	return slices.Equal(pageOf(a), pageOf(b)) && slices.Equal(a.Next, b.Next)
}

// pageOf is the IDs and scores of the hits of res, in order.
func pageOf(res *Results) []string {
	out := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = fmt.Sprintf("%s %v", h.ID, h.Score)
	}
	return out
}

// BenchmarkCountCap compares, query by query, a search counting every
// match (cap 0) with one counting up to CountCap, alternating the two in
// one loop so that both see the same load, over the queries of the
// search bench's bench-truth.json named by $WENMING_SEARCH_QUERIES,
// against the index named by $WENMING_SEARCH_INDEX; skipped without them.
// It reports the CPU time (user+sys) per query of each, by class:
//
//	WENMING_SEARCH_INDEX=D/wenming/index WENMING_SEARCH_QUERIES=D/bench-truth.json go test ./index -run '^$' -bench CountCap -benchtime 3x
func BenchmarkCountCap(b *testing.B) {
	dir, saved := loadBenchQueries(b)
	ix, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	byClass := map[string][]Query{}
	var classes []string
	for _, q := range saved {
		if q.Page > 1 {
			continue // the cursor's page: not a relevance search
		}
		if byClass[q.Class] == nil {
			classes = append(classes, q.Class)
		}
		byClass[q.Class] = append(byClass[q.Class], Query{Text: strings.Join(q.Terms, " "), Site: q.Site, Since: q.Since})
	}
	ctx := context.Background()
	for _, class := range classes {
		b.Run(class, func(b *testing.B) {
			var cpu [2]time.Duration
			for b.Loop() {
				for _, q := range byClass[class] {
					for m, countCap := range []int{0, CountCap} {
						c0 := processCPU(b)
						if _, err := ix.searchCapped(ctx, q, countCap); err != nil {
							b.Fatal(err)
						}
						cpu[m] += processCPU(b) - c0
					}
				}
			}
			n := float64(b.N * len(byClass[class]))
			b.ReportMetric(cpu[0].Seconds()*1000/n, "full-cpu-ms/q")
			b.ReportMetric(cpu[1].Seconds()*1000/n, "capped-cpu-ms/q")
		})
	}
}

// processCPU is the CPU time (user+sys) the process has used.
func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
