//go:build heavy

package index_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/wenming-archive/wenming/index"
)

// heavyDocs is the size of the corpus of TestHeavyLatency.
const heavyDocs = 100_000

// heavyDoc is genDoc with a body of article length (about 800 characters
// in 4–12 paragraphs).
func heavyDoc(r *rand.Rand, i int) index.Document {
	d := genDoc(r, i)
	var body strings.Builder
	for p := 0; p < 4+r.IntN(9); p++ {
		if p > 0 {
			body.WriteString("\n")
		}
		for s := 0; s < 2+r.IntN(6); s++ {
			body.WriteString(genSentence(r))
		}
	}
	d.Body = body.String()
	return d
}

// heavyIndex opens the 100,000-document index in $WENMING_HEAVY_INDEX
// (built there on the first run; later runs reuse it) or in a temp dir.
func heavyIndex(t *testing.T) (*index.Index, []index.Document) {
	dir := os.Getenv("WENMING_HEAVY_INDEX")
	if dir == "" {
		dir = t.TempDir()
		t.Logf("set WENMING_HEAVY_INDEX to keep the index between runs")
	}
	path := filepath.Join(dir, fmt.Sprintf("heavy-%d-v2", heavyDocs))
	r := rand.New(rand.NewPCG(2024, 5))
	docs := make([]index.Document, heavyDocs)
	for i := range docs {
		docs[i] = heavyDoc(r, i)
	}
	ix, err := index.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if n, _ := ix.Count(); n == heavyDocs {
		return ix, docs
	}
	start := time.Now()
	var chars int
	for i := 0; i < len(docs); i += 5000 {
		if err := ix.Put(docs[i:min(i+5000, len(docs))]...); err != nil {
			t.Fatal(err)
		}
		t.Logf("indexed %d documents, %.0f docs/s", i+5000, float64(i+5000)/time.Since(start).Seconds())
	}
	for _, d := range docs {
		chars += len([]rune(d.Body)) + len([]rune(d.Title))
	}
	t.Logf("built %d documents (%.1f M characters) in %v", len(docs), float64(chars)/1e6, time.Since(start).Round(time.Second))
	return ix, docs
}

// TestHeavyLatency measures query latency percentiles over a 100,000-article
// index. Run with:
//
//	WENMING_HEAVY_INDEX=/var/tmp/wenming-heavy go test -tags heavy -run TestHeavyLatency -v -timeout 60m ./index
func TestHeavyLatency(t *testing.T) {
	ix, docs := heavyIndex(t)
	r := rand.New(rand.NewPCG(7, 7))
	han := func(s string) bool {
		for _, c := range s {
			if !unicode.Is(unicode.Han, c) {
				return false
			}
		}
		return true
	}
	// substring returns a random substring of n characters of some body,
	// all ideographs when hanOnly.
	substring := func(n int, hanOnly bool) string {
		for {
			b := []rune(docs[r.IntN(len(docs))].Body)
			if len(b) < n {
				continue
			}
			i := r.IntN(len(b) - n + 1)
			s := string(b[i : i+n])
			if strings.ContainsFunc(s, unicode.IsSpace) || strings.Contains(s, `"`) || (hanOnly && !han(s)) {
				continue
			}
			return s
		}
	}
	provinces := []string{"河北文明网", "北京文明网"}
	const perKind = 200
	kinds := []struct {
		name string
		make func() string
	}{
		{"one-char", func() string { return substring(1, true) }},
		{"two-char", func() string { return substring(2, true) }},
		{"phrase-4-6", func() string { return `"` + substring(4+r.IntN(3), false) + `"` }},
		{"two-terms", func() string { return substring(2, true) + " " + substring(2, true) }},
		{"or-terms", func() string { return substring(2, true) + " OR " + substring(3, true) }},
		{"filtered", func() string {
			return fmt.Sprintf("%s site:%s since:%d", substring(2, true), provinces[r.IntN(2)], 2019+r.IntN(5))
		}},
		{"filters-only", func() string {
			return fmt.Sprintf("site:%s column:志愿服务 year:%d", provinces[r.IntN(2)], 2019+r.IntN(6))
		}},
	}
	ctx := context.Background()
	type mode struct {
		name   string
		size   int
		facets int
		sort   string
	}
	modes := []mode{
		{"top10", 10, 0, ""},
		{"page20+facets", 20, 10, ""},
		{"by-views", 20, 0, "-views"},
	}
	t.Logf("%-13s %-14s %8s %8s %8s %10s", "query", "mode", "p50", "p99", "max", "mean hits")
	for _, k := range kinds {
		qs := make([]string, perKind)
		for i := range qs {
			qs[i] = k.make()
		}
		for _, m := range modes {
			var lat []time.Duration
			var hits uint64
			for pass := 0; pass < 2; pass++ { // the first pass warms caches
				for _, s := range qs {
					q, err := index.ParseQuery(s)
					if err != nil {
						t.Fatalf("%q: %v", s, err)
					}
					q.Size, q.Facets, q.Sort = m.size, m.facets, m.sort
					start := time.Now()
					res, err := ix.Search(ctx, q)
					d := time.Since(start)
					if err != nil {
						t.Fatal(err)
					}
					if pass == 1 {
						lat = append(lat, d)
						hits += res.Total
					}
				}
			}
			slices.Sort(lat)
			t.Logf("%-13s %-14s %8s %8s %8s %10d", k.name, m.name, ms(lat[len(lat)/2]), ms(lat[len(lat)*99/100]), ms(lat[len(lat)-1]), hits/uint64(len(lat)))
		}
	}
	// Deep paging: the 50th page of 20 by cursor, for a two-character query.
	var lat []time.Duration
	for i := 0; i < 20; i++ {
		q, _ := index.ParseQuery(substring(2, true))
		q.Size, q.Sort = 20, "-published"
		for page := 1; page <= 50; page++ {
			start := time.Now()
			res, err := ix.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if page == 50 {
				lat = append(lat, time.Since(start))
			}
			if res.Next == nil {
				break
			}
			q.After = res.Next
		}
	}
	slices.Sort(lat)
	if len(lat) > 0 {
		t.Logf("%-13s %-14s %8s %8s %8s", "two-char", "page-50-cursor", ms(lat[len(lat)/2]), ms(lat[len(lat)*99/100]), ms(lat[len(lat)-1]))
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d.Microseconds())/1000) }
