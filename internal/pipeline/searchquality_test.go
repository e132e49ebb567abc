package pipeline_test

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/width"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/sitesim"
)

// TestSearchQualityOnSimulation indexes the simulation's articles and, for
// several hundred queries of 1–6 characters taken from their bodies (some
// across punctuation, some with digits switched between full and half
// width), checks that the result set equals brute-force substring matching
// exactly, Latin letters and digits inside longer words included.
func TestSearchQualityOnSimulation(t *testing.T) {
	n := 400
	if testing.Short() {
		n = 120
	}
	sim := sitesim.New(sitesim.Options{Seed: 5, Articles: n})
	ix, err := index.Open(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	type doc struct{ id, text string }
	var docs []doc
	var batch []index.Document
	sim.ForEachArticle(func(tr sitesim.Truth) bool {
		a := &article.Article{URL: tr.URL, Title: tr.Title, Body: tr.Body, Site: tr.Host, SiteName: tr.SiteName, Level: article.Level(tr.Level), Column: tr.Column, Published: tr.Published}
		batch = append(batch, archive.Document(a))
		docs = append(docs, doc{tr.URL, norm(tr.Title) + "\n" + norm(tr.Body)})
		return true
	})
	if err := ix.Put(batch...); err != nil {
		t.Fatal(err)
	}

	rng := rand.New(rand.NewPCG(7, 9))
	type query struct{ text, kind string }
	var queries []query
	for len(queries) < 600 {
		d := docs[rng.IntN(len(docs))]
		r := []rune(d.text)
		size := 1 + rng.IntN(6)
		if len(r) <= size {
			continue
		}
		start := rng.IntN(len(r) - size)
		q := string(r[start : start+size])
		switch {
		case strings.ContainsAny(q, "\n\"") || strings.ContainsFunc(q, unicode.IsSpace) || !strings.ContainsFunc(q, isHan):
			continue
		case hasASCIIWordChar(q):
			// Digits and letters, cut anywhere in their words.
			queries = append(queries, query{width.Widen.String(q), "full-width digits"})
		case strings.ContainsFunc(q, unicode.IsPunct):
			if !isHan([]rune(q)[0]) || !isHan([]rune(q)[len([]rune(q))-1]) {
				continue
			}
			queries = append(queries, query{q, "across punctuation"})
		default:
			queries = append(queries, query{q, "plain"})
		}
	}
	// Numbers from the bodies with the character after them, asked in the
	// other width (２０２３年 for 2023年 and the reverse).
	for tries, added := 0, 0; tries < 5000 && added < 60; tries++ {
		d := docs[rng.IntN(len(docs))]
		m := numberRe.FindAllStringSubmatch(d.text, -1)
		if len(m) == 0 {
			continue
		}
		q := m[rng.IntN(len(m))][1]
		if rng.IntN(2) == 0 {
			q = width.Widen.String(q)
		}
		queries = append(queries, query{q, "full-width digits"})
		added++
	}
	byKind := map[string][2]int{}
	for _, q := range queries {
		want := map[string]bool{}
		fq := norm(q.text)
		for _, d := range docs {
			if containsWord(d.text, fq) {
				want[d.id] = true
			}
		}
		res, err := ix.Search(context.Background(), index.Query{Text: `"` + q.text + `"`, Size: len(docs) + 1})
		if err != nil {
			t.Fatalf("search %q: %v", q.text, err)
		}
		got := map[string]bool{}
		for _, h := range res.Hits {
			got[h.ID] = true
		}
		k := byKind[q.kind]
		k[0]++
		if !mapsEqual(got, want) {
			k[1]++
			var extra, missing []string
			for id := range got {
				if !want[id] {
					extra = append(extra, id)
				}
			}
			for id := range want {
				if !got[id] {
					missing = append(missing, id)
				}
			}
			slices.Sort(extra)
			slices.Sort(missing)
			t.Errorf("query %q (%s): %d hits, brute force %d; extra %.3v, missing %.3v", q.text, q.kind, len(got), len(want), extra, missing)
		}
		byKind[q.kind] = k
	}
	for kind, k := range byKind {
		t.Logf("%-20s %3d queries, %d differing from brute force", kind, k[0], k[1])
	}
}

// numberRe finds a whole number and the Han character after it.
var numberRe = regexp.MustCompile(`(?:^|[^0-9A-Za-z])([0-9]{1,5}\p{Han})`)

// norm folds width and case, as the index does for matching.
func norm(s string) string { return strings.ToLower(width.Fold.String(s)) }

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

func isWordChar(r rune) bool {
	return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func hasASCIIWordChar(s string) bool { return strings.ContainsFunc(norm(s), isWordChar) }

// containsWord reports whether text contains q: exact text in every
// script, digits and letters inside longer words included.
func containsWord(text, q string) bool { return strings.Contains(text, q) }

func mapsEqual(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}
