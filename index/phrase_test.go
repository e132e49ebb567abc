package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/wenming-archive/wenming/internal/sitesim"
)

// TestPhraseSearcherAsBleve: phraseQuery finds the documents bleve's
// multi-phrase query finds, with the very same scores, alone and inside
// the queries plan builds (a disjunction of title and body, a conjunction
// with another term, which advances it, an exclusion, which does not
// score it), over phrases of common and rare bigrams, with open
// positions, repeated terms and punctuation.
func TestPhraseSearcherAsBleve(t *testing.T) {
	ix := openTestIndex(t)
	sim := sitesim.New(sitesim.Options{Seed: 3, Articles: 600, Calm: true})
	var bodies []string
	var docs []Document
	w := ix.NewWriter()
	sim.ForEachArticle(func(a sitesim.Truth) bool {
		bodies = append(bodies, a.Body)
		d := Document{ID: a.URL, URL: a.URL, Title: a.Title, Body: a.Body, Site: a.Host, Published: a.Published}
		docs = append(docs, d)
		if err := w.Add(d); err != nil {
			t.Fatal(err)
		}
		return true
	})
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	// Deleted and replaced documents in the segments: the searchers
	// must skip them.
	deleteEvery(t, ix, docs, 7)
	for i := 3; i < len(docs); i += 11 {
		if err := ix.Put(docs[i]); err != nil {
			t.Fatal(err)
		}
	}

	texts := []string{"精神文明", "文明创建", "志愿服务活动", "文明文明", "文明，", "，文明", "新时代文明实践", "2022年", "没有这样的句子"}
	r := rand.New(rand.NewPCG(1, 2))
	for len(texts) < 60 {
		b := bodies[r.IntN(len(bodies))]
		at := r.IntN(max(1, len(b)-40))
		for at > 0 && !utf8.RuneStart(b[at]) {
			at++
		}
		n := 3 + r.IntN(6)
		s := []rune(b[at:min(len(b), at+40)])
		if len(s) >= n {
			texts = append(texts, string(s[:n]))
		}
	}

	// bleve's phrase for a plan query: the same tree with every
	// phraseQuery replaced by the multi-phrase query it stands for.
	asBleve := func(q query.Query) query.Query { return swapPhrases(q) }
	run := func(q query.Query, score string) map[string]float64 {
		t.Helper()
		return bleveScores(t, ix, q, score)
	}
	matched := 0
	for _, text := range texts {
		other := termQuery(Term{Field: FieldText, Value: "工作"}, ix.queryAnalyzer)
		excl := bleve.NewBooleanQuery()
		excl.AddMust(other)
		excl.AddMustNot(termQuery(Term{Field: FieldText, Value: text}, ix.queryAnalyzer))
		for name, q := range map[string]query.Query{
			"body":     phrase(text, fieldBody, 1, ix.queryAnalyzer),
			"title":    phrase(text, fieldTitle, titleBoost, ix.queryAnalyzer),
			"text":     termQuery(Term{Field: FieldText, Value: text}, ix.queryAnalyzer),
			"and 工作":   bleve.NewConjunctionQuery(termQuery(Term{Field: FieldText, Value: text}, ix.queryAnalyzer), other),
			"not text": excl,
		} {
			got, want := run(q, ""), run(asBleve(q), "")
			if len(got) != len(want) {
				t.Errorf("%q %s: %d matches, bleve's phrase %d", text, name, len(got), len(want))
				continue
			}
			for id, s := range want {
				if g, ok := got[id]; !ok || g != s {
					t.Errorf("%q %s: %s scores %v (found %v), bleve's phrase %v", text, name, id, g, ok, s)
					break
				}
			}
			if name == "text" {
				matched += len(got)
				if n := len(run(q, "none")); n != len(want) {
					t.Errorf("%q %s without scores: %d matches, want %d", text, name, n, len(want))
				}
			}
		}
	}
	if matched == 0 {
		t.Fatal("no phrase matched: the test tests nothing")
	}
}

// swapPhrases returns q with every phraseQuery in it replaced by bleve's
// multi-phrase query of the same terms.
func swapPhrases(q query.Query) query.Query {
	switch q := q.(type) {
	case *phraseQuery:
		var cover [][]string
		for i, t := range q.terms {
			for uint64(len(cover)) < q.offsets[i] {
				cover = append(cover, nil)
			}
			cover = append(cover, []string{t})
		}
		pq := query.NewMultiPhraseQuery(cover, q.field)
		pq.SetBoost(q.boost)
		return pq
	case *query.DisjunctionQuery:
		out := make([]query.Query, len(q.Disjuncts))
		for i, d := range q.Disjuncts {
			out[i] = swapPhrases(d)
		}
		return bleve.NewDisjunctionQuery(out...)
	case *query.ConjunctionQuery:
		out := make([]query.Query, len(q.Conjuncts))
		for i, d := range q.Conjuncts {
			out[i] = swapPhrases(d)
		}
		return bleve.NewConjunctionQuery(out...)
	case *query.BooleanQuery:
		bq := bleve.NewBooleanQuery()
		if q.Must != nil {
			bq.AddMust(swapPhrases(q.Must))
		}
		if q.MustNot != nil {
			bq.AddMustNot(swapPhrases(q.MustNot))
		}
		return bq
	}
	return q
}

// TestPhraseSearcherAdvance: Advance on the phrase searcher returns the
// first match at or after the document asked for, in any segment, after
// Next or another Advance, forwards and backwards, in an index of several
// segments with deleted documents.
func TestPhraseSearcherAdvance(t *testing.T) {
	var docs []Document
	for i := range 300 {
		body := "今天天气很好"
		switch i % 4 {
		case 0:
			body = "我们开展文明创建活动"
		case 1:
			body = "开展活动，文明创建"
		case 2:
			body = "文明创建，开展文明实践，开展文明"
		}
		docs = append(docs, Document{ID: fmt.Sprintf("d%03d", i), URL: fmt.Sprintf("http://x.invalid/%d", i), Title: "标题", Body: body})
	}
	ix := severalSegments(t, docs, 50)
	defer ix.Close()
	deleteEvery(t, ix, docs, 9)
	r := severalSegmentsReader(t, ix)
	q := phrase("开展文明", fieldBody, 1, ix.queryAnalyzer).(*phraseQuery)
	searcher := func() search.Searcher {
		s, err := q.Searcher(context.Background(), r, ix.b.Mapping(), search.SearcherOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := s.(*phraseSearcher); !ok {
			t.Fatalf("searcher %T", s)
		}
		return s
	}
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(10, 0)}
	var all []uint64
	s := searcher()
	eachMatch(t, s, sctx, func(dm *search.DocumentMatch) {
		all = append(all, dm.IndexInternalID.Value())
	})
	if len(all) == 0 || len(all) == len(docs) {
		t.Fatalf("%d matches", len(all))
	}
	last := all[len(all)-1]
	want := func(n uint64) (uint64, bool) {
		for _, m := range all {
			if m >= n {
				return m, true
			}
		}
		return 0, false
	}
	r2 := rand.New(rand.NewPCG(3, 4))
	s = searcher()
	for step := range 400 {
		var got *search.DocumentMatch
		var n uint64
		var err error
		if step%5 == 4 {
			got, err = s.Next(sctx)
			n = 0 // not checked
		} else {
			n = r2.Uint64N(last + 20)
			got, err = s.Advance(sctx, bindex.NewIndexInternalID(nil, n))
		}
		if err != nil {
			t.Fatal(err)
		}
		if step%5 == 4 {
			continue
		}
		w, ok := want(n)
		switch {
		case !ok && got != nil:
			t.Fatalf("Advance(%d) = %d, want none", n, got.IndexInternalID.Value())
		case ok && got == nil:
			t.Fatalf("Advance(%d) = none, want %d", n, w)
		case ok && got.IndexInternalID.Value() != w:
			t.Fatalf("Advance(%d) = %d, want %d", n, got.IndexInternalID.Value(), w)
		}
	}
}
