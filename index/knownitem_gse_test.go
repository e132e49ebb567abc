//go:build gse

package index

// Dictionary segmentation (github.com/go-ego/gse) as a ranking signal, kept
// as a measurement only: go test -tags gse -run KnownItemGSE -v ./index
//
// The gse index has the mapping of this package plus title_gse and body_gse,
// the title and body cut into dictionary words (search mode: words and the
// dictionary words inside them). A variant query is the unchanged exact
// query as MUST and a match query on those fields (the query text cut in
// accurate mode, any word) as SHOULD: it can only reorder the exact matches.
// The figures and the decision are in doc.go, Caveats.

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/go-ego/gse"

	"github.com/wenming-archive/wenming/internal/proctest"
)

const (
	gseIndexTokenizer = "wenming_gse_search"
	gseQueryTokenizer = "wenming_gse_accurate"
	gseIndexAnalyzer  = "wenming_gse"
	gseQueryAnalyzer  = "wenming_gse_query"
	fieldTitleGSE     = "title_gse"
	fieldBodyGSE      = "body_gse"
)

var (
	gseOnce sync.Once
	gseSeg  gse.Segmenter
	gseLoad time.Duration
)

func segmenter() *gse.Segmenter {
	gseOnce.Do(func() {
		t0 := time.Now()
		gseSeg.SkipLog = true
		if err := gseSeg.LoadDictEmbed("zh_s"); err != nil {
			panic(err)
		}
		gseLoad = time.Since(t0)
	})
	return &gseSeg
}

// gseTokenizer cuts text into gse words, dropping punctuation and space.
// Offsets are not kept: the fields have no term vectors.
type gseTokenizer struct{ search bool }

func (t gseTokenizer) Tokenize(input []byte) analysis.TokenStream {
	seg := segmenter()
	var words []string
	if t.search {
		words = seg.CutSearch(string(input), true)
	} else {
		words = seg.Cut(string(input), true)
	}
	rv := make(analysis.TokenStream, 0, len(words))
	for _, w := range words {
		if !hasWordRune(w) {
			continue
		}
		rv = append(rv, &analysis.Token{Term: []byte(w), Position: len(rv) + 1, Type: analysis.Ideographic})
	}
	return rv
}

func hasWordRune(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func init() {
	for name, search := range map[string]bool{gseIndexTokenizer: true, gseQueryTokenizer: false} {
		if err := registry.RegisterTokenizer(name, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
			return gseTokenizer{search: search}, nil
		}); err != nil {
			panic(err)
		}
	}
}

// openGSE creates an index with this package's mapping plus the gse fields
// and puts docs into it.
func openGSE(t testing.TB, path string, docs []Document) *Index {
	m, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	for name, tok := range map[string]string{gseIndexAnalyzer: gseIndexTokenizer, gseQueryAnalyzer: gseQueryTokenizer} {
		if err := m.AddCustomAnalyzer(name, map[string]interface{}{
			"type":          custom.Name,
			"char_filters":  []interface{}{foldCharFilterName},
			"tokenizer":     tok,
			"token_filters": []interface{}{lowercase.Name},
		}); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{fieldTitleGSE, fieldBodyGSE} {
		m.DefaultMapping.AddFieldMappingsAt(name, textFieldMapping(gseIndexAnalyzer, true, false, false))
	}
	b, err := bleve.NewUsing(path, m, scorch.Name, scorch.Name, nil)
	if err != nil {
		t.Fatal(err)
	}
	ix := newIndex(path, b)
	t.Cleanup(func() { ix.Close() })
	for start := 0; start < len(docs); start += putBatchSize {
		batch := b.NewBatch()
		for _, d := range docs[start:min(start+putBatchSize, len(docs))] {
			f := d.fields()
			f[fieldTitleGSE], f[fieldBodyGSE] = d.Title, d.Body
			if err := batch.Index(d.ID, f); err != nil {
				t.Fatal(err)
			}
		}
		if err := b.Batch(batch); err != nil {
			t.Fatal(err)
		}
	}
	return ix
}

// rankVariant is a ranking to measure: the exact query of text, possibly
// with SHOULD clauses added.
type rankVariant struct {
	name   string
	should func(text string) []query.Query
}

func matchShould(field, analyzer string, boost float64) func(string) query.Query {
	return func(text string) query.Query {
		mq := bleve.NewMatchQuery(text)
		mq.SetField(field)
		mq.Analyzer = analyzer
		mq.SetBoost(boost)
		return mq
	}
}

func shoulds(fs ...func(string) query.Query) func(string) []query.Query {
	return func(text string) []query.Query {
		var rv []query.Query
		for _, f := range fs {
			rv = append(rv, f(text))
		}
		return rv
	}
}

var gseVariants = []rankVariant{
	{"exact (today)", nil},
	{"+gse title ×1", shoulds(matchShould(fieldTitleGSE, gseQueryAnalyzer, 1))},
	{"+gse title ×3", shoulds(matchShould(fieldTitleGSE, gseQueryAnalyzer, 3))},
	{"+gse title ×10", shoulds(matchShould(fieldTitleGSE, gseQueryAnalyzer, 10))},
	{"+gse title+body ×3/1", shoulds(matchShould(fieldTitleGSE, gseQueryAnalyzer, 3), matchShould(fieldBodyGSE, gseQueryAnalyzer, 1))},
	// Control: the same kind of SHOULD clause without gse, any unigram or
	// bigram of the query in the title. A gain of gse over this is what
	// the dictionary adds.
	{"+bigram title ×3 (ctl)", shoulds(matchShould(fieldTitle, textAnalyzerName, 3))},
}

func (v rankVariant) query(ix *Index, text string) query.Query {
	exact := plan(Query{Text: text}, ix.queryAnalyzer).query
	if v.should == nil {
		return exact
	}
	bq := bleve.NewBooleanQuery()
	bq.AddMust(exact)
	bq.AddShould(v.should(text)...)
	return bq
}

func TestKnownItemGSE(t *testing.T) {
	docs, qs := knownItemCorpus()
	segmenter()
	t.Logf("gse dictionary (zh_s) loaded in %v", gseLoad.Round(time.Millisecond))

	dir := t.TempDir()
	t0 := time.Now()
	plain, err := Open(filepath.Join(dir, "plain"))
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	if err := plain.Put(docs...); err != nil {
		t.Fatal(err)
	}
	tPlain := time.Since(t0)
	t0 = time.Now()
	ix := openGSE(t, filepath.Join(dir, "gse"), docs)
	tGSE := time.Since(t0)
	t.Logf("indexing %d articles: %v without gse, %v with gse fields", len(docs), tPlain.Round(time.Millisecond), tGSE.Round(time.Millisecond))
	t.Logf("index size: %.1f MB without, %.1f MB with gse fields",
		float64(proctest.MustDirSize(t, plain.Path()))/1e6, float64(proctest.MustDirSize(t, ix.Path()))/1e6)

	var base map[string]kiScores
	for _, v := range gseVariants {
		t0 := time.Now()
		m := kiMeasure(t, ix.b, qs, func(q kiQuery) query.Query { return v.query(ix, q.text) })
		per := time.Since(t0) / time.Duration(len(qs))
		kiReport(t, v.name, m)
		if v.should == nil {
			base = m
			continue
		}
		t.Logf("%-22s ΔMRR all %+.3f  (rephrase %+.3f, phrase %+.3f)  %v/query (top %d, no stored fields)",
			v.name, m["all"].mrr()-base["all"].mrr(), m[kiRephrase].mrr()-base[kiRephrase].mrr(),
			m[kiPhrase].mrr()-base[kiPhrase].mrr(), per.Round(time.Microsecond), knownItemDepth)
	}
}

// BenchmarkSearchGSE times the queries of BenchmarkSearch and the known-item
// queries on the sitesim corpus, top 10 with stored fields as Search loads
// them, with and without the gse SHOULD clause (title ×3).
func BenchmarkSearchGSE(b *testing.B) {
	docs, qs := knownItemCorpus()
	ix := openGSE(b, filepath.Join(b.TempDir(), "gse"), docs)
	texts := []string{"文", "冀", "文明", "志愿服务", "新时代文明实践", "文明 服务", "２０２２年"}
	order, _ := sortOrder("", true)
	run := func(b *testing.B, v rankVariant, texts []string) {
		i := 0
		for b.Loop() {
			text := texts[i%len(texts)]
			i++
			req := bleve.NewSearchRequestOptions(v.query(ix, text), DefaultSize+1, 0, false)
			req.Fields = storedFields
			req.SortByCustom(order)
			if _, err := ix.b.SearchInContext(context.Background(), req); err != nil {
				b.Fatal(err)
			}
		}
	}
	var known []string
	for _, q := range qs {
		known = append(known, q.text)
	}
	for _, v := range []rankVariant{gseVariants[0], gseVariants[2]} {
		for _, text := range texts {
			b.Run(fmt.Sprintf("%s/%s", v.name, text), func(b *testing.B) { run(b, v, []string{text}) })
		}
		b.Run(fmt.Sprintf("%s/known-item", v.name), func(b *testing.B) { run(b, v, known) })
	}
}
