package index

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
)

// TestTermPairAsBleve: a text term of one or two characters alone,
// searched by searchTermPair, has the total, the hits, their scores (bit
// for bit) and order of bleve's search of the same query sorted by score
// then ID, on every page reached by cursor or by offset, and the facets of
// bleve's search of it (beside an excluded term no document has, which
// leaves the query to bleve): common and rare characters, pairs,
// traditional and full-width forms of what the index holds simplified
// and half-width, a character in no document, and documents that tie on
// the border of a page, over several segments with deleted documents.
func TestTermPairAsBleve(t *testing.T) {
	docs := simDocs(11, 600)
	published := docs[0].Published
	for i := range 25 { // identical: they tie, ordered by ID
		docs = append(docs, Document{ID: fmt.Sprintf("tie-%02d", 24-i), URL: fmt.Sprintf("https://tie.example/%d", i),
			Title: "鑫鑫", Body: "鑫", Site: "tie.example", SiteName: "鑫", Lineage: []string{"tie.example"}, Published: published})
	}
	// 燚 in the long titles of twelve and in all of five short bodies: the
	// bodies score more (the title's boost is not enough), so the page
	// holds matches of the body's term alone.
	for i := range 12 {
		docs = append(docs, Document{ID: fmt.Sprintf("long-title-%02d", i), URL: fmt.Sprintf("https://long.example/%d", i),
			Title: "燚关于开展新时代文明实践志愿服务活动的通知公告及其他事项说明", Body: "无关的内容。", Site: "long.example",
			Lineage: []string{"long.example"}, Published: published})
	}
	for i := range 5 {
		docs = append(docs, Document{ID: fmt.Sprintf("short-body-%02d", i), URL: fmt.Sprintf("https://short.example/%d", i),
			Title: "无关", Body: "燚燚燚", Site: "short.example", Lineage: []string{"short.example"}, Published: published})
	}
	docs = append(docs,
		Document{ID: "folding-1", URL: "https://fold.example/1", Title: "學習雷鋒好榜樣", Body: "ＡＢＣ２０２２年，學習。",
			Site: "fold.example", Lineage: []string{"fold.example"}, Published: published},
		Document{ID: "folding-2", URL: "https://fold.example/2", Title: "学习", Body: "abc 2022 学习",
			Site: "fold.example", Lineage: []string{"fold.example"}, Published: published})
	ix := severalSegments(t, docs, 97)
	deleteEvery(t, ix, docs, 9)
	// Characters of the bodies by frequency: the most common (in most
	// documents), some in between and rare ones.
	freq := map[rune]int{}
	for _, d := range docs {
		for _, r := range d.Body {
			if unicode.Is(unicode.Han, r) {
				freq[r]++
			}
		}
	}
	chars := make([]rune, 0, len(freq))
	for r := range freq {
		chars = append(chars, r)
	}
	slices.SortFunc(chars, func(a, b rune) int {
		if freq[a] != freq[b] {
			return freq[b] - freq[a]
		}
		return int(a - b)
	})
	var terms []string
	for i := 0; i < len(chars); i += max(1, len(chars)/40) {
		terms = append(terms, string(chars[i]))
	}
	terms = append(terms, string(chars[:5]), string(chars[len(chars)-3:]))
	terms = append(terms, "文", "明", "文明", "服务", "鑫", "鑫鑫", "燚", "學", "学", "學習", "Ａ", "a", "２", "2", "２０", "鱻")
	for i := 0; i < len(docs); i += 61 { // pairs of the bodies
		if rs := []rune(docs[i].Body); len(rs) > 20 && unicode.Is(unicode.Han, rs[10]) && unicode.Is(unicode.Han, rs[11]) {
			terms = append(terms, string(rs[10:12]))
		}
	}
	ctx := context.Background()
	bleveAll := func(text string) ([]*search.DocumentMatch, uint64) {
		t.Helper()
		req := bleve.NewSearchRequestOptions(plan(Query{Text: text}, ix.queryAnalyzer).query, len(docs)+1, 0, false)
		req.SortByCustom(search.SortOrder{&search.SortScore{Desc: true}, &search.SortDocID{}})
		res, err := ix.b.SearchInContext(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		return res.Hits, res.Total
	}
	same := func(name string, got []Hit, want []*search.DocumentMatch) {
		t.Helper()
		if len(got) != len(want) {
			t.Errorf("%s: %d hits, bleve's %d", name, len(got), len(want))
			return
		}
		for i, h := range got {
			if h.ID != want[i].ID || h.Score != want[i].Score {
				t.Errorf("%s: hit %d is %s scoring %v, bleve's %s scoring %v", name, i, h.ID, h.Score, want[i].ID, want[i].Score)
				return
			}
		}
	}
	search := func(q Query) *Results {
		t.Helper()
		res, err := ix.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	paired, many, ties := 0, 0, 0
	for _, term := range terms {
		p := plan(Query{Text: term}, ix.queryAnalyzer)
		if _, ok := ix.termPair(Query{Text: term}, p); !ok {
			if len([]rune(term)) <= 2 {
				t.Errorf("%s: not a term pair", term)
			}
			continue
		}
		paired++
		want, total := bleveAll(term)
		if total > 100 {
			many++
		}
		for i := 1; i < len(want); i++ {
			if i%10 == 0 && want[i].Score == want[i-1].Score {
				ties++
			}
		}
		// Pages by cursor.
		q := Query{Text: term, NoSnippets: true}
		for page := 0; page < 4; page++ {
			res := search(q)
			if res.Total != total || res.TotalIsLowerBound {
				t.Errorf("%s: total %d (lower bound %v), bleve's %d", term, res.Total, res.TotalIsLowerBound, total)
			}
			end := min(len(want), (page+1)*DefaultSize)
			same(fmt.Sprintf("%s page %d", term, page+1), res.Hits, want[min(len(want), page*DefaultSize):end])
			if (res.Next != nil) != (end < len(want)) {
				t.Errorf("%s page %d: next %v with %d matches", term, page+1, res.Next, len(want))
			}
			if res.Next == nil {
				break
			}
			q.After = res.Next
		}
		// A page by offset.
		res := search(Query{Text: term, From: 15, Size: 7, NoSnippets: true})
		same(term+" from 15", res.Hits, want[min(len(want), 15):min(len(want), 22)])
		// Facets, as bleve's search counts them.
		got := search(Query{Text: term, Facets: 4, NoSnippets: true})
		ref := search(Query{Text: term, Facets: 4, NoSnippets: true, Exclude: []Term{{Field: FieldText, Value: "鱻鱻鱻"}}})
		if got.Total != ref.Total || !reflect.DeepEqual(got.Facets, ref.Facets) {
			t.Errorf("%s: %d matches, facets %v; bleve's %d, %v", term, got.Total, got.Facets, ref.Total, ref.Facets)
		}
	}
	if want, _ := bleveAll("燚"); len(want) < DefaultSize || !strings.HasPrefix(want[0].ID, "short-body-") {
		t.Errorf("燚: the first hit is not of the body alone")
	}
	if paired < 40 || many < 10 || ties == 0 {
		t.Fatalf("%d term pairs, %d with over 100 matches, %d ties on a page border: the test tests too little", paired, many, ties)
	}
	// Not term pairs: phrases, two terms, other sorts, filters.
	for _, q := range []Query{{Text: "文明实践"}, {Text: "文 明"}, {Text: "文", Sort: "-published"},
		{Text: "文", Site: "tie.example"}, {Text: "文", Since: time.Now()}, {Text: "文", Exclude: []Term{{Field: FieldText, Value: "明"}}}} {
		if _, ok := ix.termPair(q, plan(q, ix.queryAnalyzer)); ok {
			t.Errorf("%+v: a term pair", q)
		}
	}
}
