package extract_test

import (
	"errors"
	"fmt"
	"maps"
	"net/url"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/wenming-archive/wenming/internal/extract"
	"github.com/wenming-archive/wenming/internal/extract/corpus"
)

// corpusDir holds the shared corpora, outside the repository.
const corpusDir = "../../../shared/corpus/extract"

// floor is what a corpus must keep: the figures reached, so that a
// regression on any corpus fails the test.
type floor struct {
	bodyF1       float64 // macro F1 over pages with a full body truth
	prefixRecall float64 // mean recall where the truth is the body's start
	dates        int     // publish days right
	titles       int     // titles right (site-name suffix removed)
	authors      int     // authors right
}

// floors gate each corpus; a corpus added later is reported, not gated,
// until its figures are written here.
var floors = map[string]floor{
	"cwced":       {bodyF1: 0.9776, dates: 48, authors: 38},
	"magic_other": {bodyF1: 0.9399},
	"recorded":    {bodyF1: 0.979, dates: 19, titles: 29, authors: 12, prefixRecall: 0.932},
}

// extractPage decodes and extracts one corpus page as the crawler would.
func extractPage(p corpus.Page) (corpus.Output, error) {
	raw, err := p.Read()
	if err != nil {
		return corpus.Output{}, err
	}
	src, _, err := extract.Decode(raw, "")
	if err != nil {
		return corpus.Output{}, err
	}
	r, err := extract.Extract(src, p.Address())
	if err != nil {
		return corpus.Output{}, err
	}
	return corpus.Output{Title: r.Title, Body: r.Body, Published: r.Published, Author: r.Author, Origin: r.Source}, nil
}

func loadCorpora(tb testing.TB) []corpus.Page {
	pages, err := corpus.Load(corpusDir)
	if errors.Is(err, os.ErrNotExist) {
		tb.Skipf("corpora not available beside the repository (%s): %v", corpusDir, err)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return pages
}

// TestCorpus extracts every page of every corpus, prints body precision,
// recall and F1, titles, dates and authors per corpus and per source, and
// fails when a corpus falls below its floor. -v adds a line per page.
func TestCorpus(t *testing.T) {
	pages := loadCorpora(t)
	byCorpus := map[string]*corpus.Tally{}
	bySource := map[[2]string]*corpus.Tally{}
	for _, p := range pages {
		out, err := extractPage(p)
		if err != nil {
			t.Errorf("%s: %v", p.ID, err)
			continue
		}
		v := corpus.Judge(p, out)
		for _, m := range []*corpus.Tally{tally(byCorpus, p.Corpus), tallyS(bySource, p.Corpus, p.Source)} {
			m.Add(v)
		}
		if testing.Verbose() {
			t.Logf("%-14s %-40s P %.3f R %.3f F1 %.3f %s", p.Corpus, corpus.ShortID(p.ID), v.Precision, v.Recall, v.F1, misses(p, out, v))
		}
	}
	keys := make([][2]string, 0, len(bySource))
	for k := range bySource {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return keys[i][0] < keys[j][0] || keys[i][0] == keys[j][0] && keys[i][1] < keys[j][1]
	})
	t.Logf("%-14s %-16s %5s %6s %6s %6s %7s %7s %7s %7s", "corpus", "source", "pages", "P", "R", "F1", "prefixR", "titles", "dates", "authors")
	for _, k := range keys {
		t.Log(row(k[0], k[1], *bySource[k]))
	}
	for _, c := range slices.Sorted(maps.Keys(byCorpus)) {
		tl := *byCorpus[c]
		t.Log(row(c, "all", tl))
		fl, ok := floors[c]
		if !ok {
			t.Logf("%s: no floor yet (a corpus added after the test was written)", c)
			continue
		}
		_, _, f1 := tl.Body()
		if tl.BodyPages > 0 && f1 < fl.bodyF1 {
			t.Errorf("%s: body F1 %.3f, floor %.3f", c, f1, fl.bodyF1)
		}
		if tl.PrefixPages > 0 && tl.PrefixRecall() < fl.prefixRecall {
			t.Errorf("%s: recall of the recorded body start %.3f, floor %.3f", c, tl.PrefixRecall(), fl.prefixRecall)
		}
		if tl.DatesRight < fl.dates {
			t.Errorf("%s: dates right %d/%d, floor %d", c, tl.DatesRight, tl.Dates, fl.dates)
		}
		if tl.TitlesRight < fl.titles {
			t.Errorf("%s: titles right %d/%d, floor %d", c, tl.TitlesRight, tl.Titles, fl.titles)
		}
		if tl.AuthorsRight < fl.authors {
			t.Errorf("%s: authors right %d/%d, floor %d", c, tl.AuthorsRight, tl.Authors, fl.authors)
		}
	}
}

// misses says what out got wrong of p's fields other than the body.
func misses(p corpus.Page, out corpus.Output, v corpus.Verdict) string {
	var miss []string
	if v.TitleScored && !v.TitleRight {
		miss = append(miss, fmt.Sprintf("title %q want %q", out.Title, p.Truth.Title))
	}
	if v.DateScored && !v.DateRight {
		miss = append(miss, fmt.Sprintf("date %s want %s", out.Published.Format("2006-01-02 15:04"), p.Truth.Date))
	}
	if v.AuthorScored && !v.AuthorRight {
		miss = append(miss, fmt.Sprintf("author %q want %q", out.Author, p.Truth.Author))
	}
	if v.OriginScored && !v.OriginRight {
		miss = append(miss, fmt.Sprintf("source %q want %q", out.Origin, p.Truth.Origin))
	}
	return strings.Join(miss, "; ")
}

func tally(m map[string]*corpus.Tally, k string) *corpus.Tally {
	if m[k] == nil {
		m[k] = &corpus.Tally{}
	}
	return m[k]
}

func tallyS(m map[[2]string]*corpus.Tally, c, s string) *corpus.Tally {
	k := [2]string{c, s}
	if m[k] == nil {
		m[k] = &corpus.Tally{}
	}
	return m[k]
}

func row(c, source string, t corpus.Tally) string {
	p, r, f := t.Body()
	frac := func(a, b int) string {
		if b == 0 {
			return "-"
		}
		return fmt.Sprintf("%d/%d", a, b)
	}
	body := fmt.Sprintf("%6.3f %6.3f %6.3f", p, r, f)
	if t.BodyPages == 0 {
		body = fmt.Sprintf("%6s %6s %6s", "-", "-", "-")
	}
	pre := "-"
	if t.PrefixPages > 0 {
		pre = fmt.Sprintf("%.3f", t.PrefixRecall())
	}
	return fmt.Sprintf("%-14s %-16s %5d %s %7s %7s %7s %7s", c, source, t.Pages, body, pre,
		frac(t.TitlesRight, t.Titles), frac(t.DatesRight, t.Dates), frac(t.AuthorsRight, t.Authors))
}

// BenchmarkExtractCorpus extracts every page of each corpus (decoded
// beforehand) on one goroutine and reports pages/s, i.e. per core.
func BenchmarkExtractCorpus(b *testing.B) {
	pages := loadCorpora(b)
	type item struct {
		src []byte
		u   *url.URL
	}
	sets := map[string][]item{}
	for _, p := range pages {
		raw, err := p.Read()
		if err != nil {
			b.Fatal(err)
		}
		src, _, err := extract.Decode(raw, "")
		if err != nil {
			b.Fatal(err)
		}
		u, _ := url.Parse(p.URL)
		sets[p.Corpus] = append(sets[p.Corpus], item{src, u})
	}
	for _, c := range slices.Sorted(maps.Keys(sets)) {
		items := sets[c]
		b.Run(c, func(b *testing.B) {
			n := 0
			for _, it := range items {
				n += len(it.src)
			}
			b.SetBytes(int64(n))
			for b.Loop() {
				for _, it := range items {
					if _, err := extract.Extract(it.src, it.u); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.N*len(items))/b.Elapsed().Seconds(), "pages/s")
		})
	}
}
