package index

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/wenming-archive/wenming/internal/sitesim"
)

// TestPhraseSearcherAsBleve: phraseQuery finds the documents bleve's
// multi-phrase query finds, with the very same scores, alone and inside
// the queries plan builds (a disjunction of title and body, a conjunction
// with another term, which advances it, an exclusion, which does not
// score it), over phrases of common and rare bigrams, with open
// positions, repeated terms and punctuation.
func TestPhraseSearcherAsBleve(t *testing.T) {
	ix, err := Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	sim := sitesim.New(sitesim.Options{Seed: 3, Articles: 600, Calm: true})
	var bodies []string
	w := ix.NewWriter()
	sim.ForEachArticle(func(a sitesim.Truth) bool {
		bodies = append(bodies, a.Body)
		if err := w.Add(Document{ID: a.URL, URL: a.URL, Title: a.Title, Body: a.Body, Site: a.Host, Published: a.Published}); err != nil {
			t.Fatal(err)
		}
		return true
	})
	if err := w.Flush(); err != nil {
		t.Fatal(err)
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
		req := bleve.NewSearchRequestOptions(q, 100000, 0, false)
		req.SortByCustom(search.SortOrder{&search.SortScore{Desc: true}, &search.SortDocID{}})
		req.Score = score
		res, err := ix.b.SearchInContext(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		out := make(map[string]float64, len(res.Hits))
		for _, h := range res.Hits {
			out[h.ID] = h.Score
		}
		if uint64(len(out)) != res.Total {
			t.Fatalf("%d hits of %d", len(out), res.Total)
		}
		return out
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
