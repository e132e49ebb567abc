package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
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
	for i := 0; i < len(docs); i += 9 {
		if err := ix.Delete(docs[i].ID); err != nil {
			t.Fatal(err)
		}
	}
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
		for _, countCap := range []int{1, 12, 40, 200} {
			name := fmt.Sprintf("%+v cap %d", q, countCap)
			p := plan(q, ix.queryAnalyzer)
			if ix.useBounded(q, p, q.Size, countCap) {
				bounded++
			}
			want, got := q, q
			for page := 0; page < 6; page++ {
				full, err := ix.searchCapped(ctx, want, 0)
				if err != nil {
					t.Fatal(err)
				}
				res, err := ix.searchCapped(ctx, got, countCap)
				if err != nil {
					t.Fatal(err)
				}
				switch {
				case full.TotalIsLowerBound:
					t.Fatalf("%s: the full search flags its total %d as a lower bound", name, full.Total)
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
				if full.Next == nil {
					break
				}
				want.From, want.After = 0, full.Next
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
