package index

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// edgeDocs are documents published around two instants, a Beijing
// midnight and the one a month later, a nanosecond, a millisecond and a
// second apart on either side, with some undated, dated where bleve cannot
// index the date, in two provinces and two levels.
func edgeDocs() (docs []Document, from, to time.Time) {
	from = time.Date(2023, 3, 1, 0, 0, 0, 0, ChinaTime)
	to = time.Date(2023, 4, 1, 0, 0, 0, 0, ChinaTime)
	var times []time.Time
	for _, edge := range []time.Time{from, to} {
		for _, d := range []time.Duration{-time.Second, -time.Millisecond, -time.Nanosecond, 0, time.Nanosecond, time.Millisecond - time.Nanosecond, time.Millisecond, time.Second} {
			times = append(times, edge.Add(d))
		}
	}
	times = append(times, from.AddDate(0, 0, 10), time.Time{}, // undated
		time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC)) // beyond bleve's dates
	for i := range 200 {
		p := []string{"河北文明网", "山西文明网"}[i%2]
		level := []string{"city", "county", "province"}[i%3]
		docs = append(docs, Document{
			ID: fmt.Sprintf("d%03d", i), URL: fmt.Sprintf("http://x.invalid/%d", i),
			Title: "文明创建", Body: []string{"志愿服务", "文明实践活动"}[i%2],
			Lineage: []string{"中国文明网", p}, Level: level, Column: "要闻",
			Published: times[i%len(times)],
		})
	}
	return docs, from, to
}

// TestFilterSearcherAsBleve: a filterQuery's searcher matches the
// documents bleve's conjunction of its term queries and date range query
// matches, scored 0 as unscoredQuery scores them, read by Next and by
// Advance to every third document, on an index of several segments with
// deleted documents, for ranges whose bounds fall on the documents' dates,
// a nanosecond or a millisecond off them, open, empty, and with terms or
// without, with the segments' dates cached and not.
func TestFilterSearcherAsBleve(t *testing.T) {
	docs, from, to := edgeDocs()
	ix := severalSegments(t, docs, 30)
	defer ix.Close()
	deleteEvery(t, ix, docs, 7)
	r := severalSegmentsReader(t, ix)
	term := func(field, value string) *query.TermQuery {
		tq := bleve.NewTermQuery(value)
		tq.SetField(field)
		return tq
	}
	dateRange := func(since, until time.Time) *query.DateRangeQuery {
		inclusive, exclusive := true, false
		dr := bleve.NewDateRangeInclusiveQuery(since, until, &inclusive, &exclusive)
		dr.SetField(fieldPublished)
		return dr
	}
	var none time.Time
	hebei := term(fieldLineage, "河北文明网")
	county := term(fieldLevel, "county")
	cases := map[string]filterQuery{
		"site":                   {terms: []*query.TermQuery{hebei}},
		"site level":             {terms: []*query.TermQuery{hebei, county}},
		"no such site":           {terms: []*query.TermQuery{term(fieldLineage, "江苏文明网")}},
		"since":                  {rng: dateRange(from, none)},
		"until":                  {rng: dateRange(none, to)},
		"since until":            {rng: dateRange(from, to)},
		"site since until":       {terms: []*query.TermQuery{hebei}, rng: dateRange(from, to)},
		"site level since":       {terms: []*query.TermQuery{hebei, county}, rng: dateRange(from, none)},
		"since +1ns":             {rng: dateRange(from.Add(time.Nanosecond), none)},
		"since -1ns until +1ns":  {rng: dateRange(from.Add(-time.Nanosecond), to.Add(time.Nanosecond))},
		"since +1ms until -1ms":  {rng: dateRange(from.Add(time.Millisecond), to.Add(-time.Millisecond))},
		"empty: since = until":   {rng: dateRange(from, from)},
		"empty: since > until":   {rng: dateRange(to, from)},
		"one nanosecond":         {rng: dateRange(from, from.Add(time.Nanosecond))},
		"level until -1ns":       {terms: []*query.TermQuery{county}, rng: dateRange(none, to.Add(-time.Nanosecond))},
		"since 1700 until 2262":  {rng: dateRange(time.Date(1700, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2262, 1, 1, 0, 0, 0, 0, time.UTC))},
		"since 1970 (the epoch)": {rng: dateRange(time.Unix(0, 0), none)},
	}
	names := slices.Sorted(func(yield func(string) bool) {
		for name := range cases {
			if !yield(name) {
				return
			}
		}
	})
	cache := &sortCache{}
	for _, name := range names {
		fq := cases[name]
		build := func(ctx context.Context, q query.Query) search.Searcher {
			s, err := q.Searcher(ctx, r, ix.b.Mapping(), search.SearcherOptions{})
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			return s
		}
		ctx := context.Background()
		var targets []uint64
		for n := uint64(0); n < uint64(len(docs)); n += 3 {
			targets = append(targets, n)
		}
		for _, adv := range [][]uint64{nil, targets} {
			want := matchesOf(t, build(ctx, fq.bleveQuery()), adv)
			for _, c := range []*sortCache{nil, cache} {
				s := build(withSortCache(ctx, c), &fq)
				if _, ok := s.(*filterSearcher); !ok {
					t.Fatalf("%s: searcher %T, want a filterSearcher", name, s)
				}
				if got := matchesOf(t, s, adv); fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("%s (advancing to %v, cache %v):\n got %v\nwant %v", name, adv != nil, c != nil, got, want)
				}
			}
			if empty := strings.HasPrefix(name, "empty:"); adv == nil && name != "no such site" && empty != (len(want) == 0) {
				t.Errorf("%s: %d matches", name, len(want))
			}
		}
	}
	// A bound bleve cannot represent: bleve's error, from its searcher.
	fq := filterQuery{rng: dateRange(time.Date(1500, 1, 1, 0, 0, 0, 0, time.UTC), none)}
	if _, err := fq.Searcher(withSortCache(context.Background(), cache), r, ix.b.Mapping(), search.SearcherOptions{}); err == nil {
		t.Error("since 1500: no error")
	}
}

// TestSinceUntilEdges: since: and until: of the query language keep
// exactly the documents published from the first instant of the since
// day (Beijing time) to before the first instant of the day after until,
// with documents a nanosecond, a millisecond and a second from both ends,
// with and without text, alone and under site: and level:.
func TestSinceUntilEdges(t *testing.T) {
	docs, from, to := edgeDocs()
	ix := severalSegments(t, docs, 30)
	defer ix.Close()
	ctx := context.Background()
	for _, c := range []struct {
		query        string
		word         string // the text a match holds, "" for any
		site, level  string
		since, until bool
	}{
		{query: "since:2023-03-01 until:2023-03-31", since: true, until: true},
		{query: "since:2023-03 until:2023-03", since: true, until: true},
		{query: "文明 since:2023-03-01 until:2023-03-31", word: "文明", since: true, until: true},
		{query: "志愿服务 since:2023-03-01 until:2023-03-31", word: "志愿服务", since: true, until: true},
		{query: "志愿 site:河北文明网 since:2023-03-01 until:2023-03-31", word: "志愿", site: "河北文明网", since: true, until: true},
		{query: "site:山西文明网 since:2023-03-01", site: "山西文明网", since: true},
		{query: "文 level:county until:2023-03-31", word: "文", level: "county", until: true},
		{query: "创建 since:2023-03-01", word: "创建", since: true},
	} {
		q, err := ParseQuery(c.query)
		if err != nil {
			t.Fatal(err)
		}
		if (c.since && !q.Since.Equal(from)) || (c.until && !q.Until.Equal(to)) {
			t.Fatalf("%s: since %v until %v, want %v and %v", c.query, q.Since, q.Until, from, to)
		}
		q.Size = len(docs)
		res, err := ix.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, d := range docs {
			p := d.Published
			switch {
			case p.IsZero() || p.Year() < 1677 || p.Year() > 2262: // undated, or beyond bleve's dates
			case c.since && p.Before(from), c.until && !p.Before(to):
			case c.word != "" && !strings.Contains(d.Title+"\n"+d.Body, c.word):
			case c.site != "" && !slices.Contains(d.Lineage, c.site), c.level != "" && d.Level != c.level:
			default:
				want = append(want, d.ID)
			}
		}
		got := make([]string, 0, len(res.Hits))
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		slices.Sort(got)
		if fmt.Sprint(got) != fmt.Sprint(want) || res.Total != uint64(len(want)) {
			t.Errorf("%s: %d matches %v\nwant %d %v", c.query, res.Total, got, len(want), want)
		}
		if len(want) == 0 || len(want) == len(docs) {
			t.Errorf("%s: %d matches: a query that tests nothing", c.query, len(want))
		}
	}
}

// TestPublishedRangeForBleve: the range of the published field's terms that
// bleve searches where the filter searcher does not (publishedRange)
// matches exactly the documents published in the range, brute force, for
// bounds on the documents' dates and a nanosecond or a millisecond off
// them; and the published field holds each date's term of full precision
// only (index format 8), none of the coarser ones bleve's date fields add.
func TestPublishedRangeForBleve(t *testing.T) {
	docs, from, to := edgeDocs()
	ix := severalSegments(t, docs, 30)
	defer ix.Close()
	var none time.Time
	for _, c := range []struct{ since, until time.Time }{
		{from, none}, {none, to}, {from, to}, {from.Add(time.Nanosecond), to.Add(-time.Nanosecond)},
		{from.Add(-time.Millisecond), to.Add(time.Millisecond)}, {from, from}, {to, from},
		{time.Unix(0, 0), none}, {time.Date(1700, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2262, 1, 1, 0, 0, 0, 0, time.UTC)},
	} {
		inclusive, exclusive := true, false
		dr := bleve.NewDateRangeInclusiveQuery(c.since, c.until, &inclusive, &exclusive)
		dr.SetField(fieldPublished)
		req := bleve.NewSearchRequestOptions(publishedRange(dr), len(docs), 0, false)
		res, err := ix.b.Search(req)
		if err != nil {
			t.Fatal(err)
		}
		got := make([]string, 0, len(res.Hits))
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		slices.Sort(got)
		var want []string
		for _, d := range docs {
			p := d.Published
			switch {
			case p.IsZero() || p.Year() < 1677 || p.Year() > 2262:
			case !c.since.IsZero() && p.Before(c.since), !c.until.IsZero() && !p.Before(c.until):
			default:
				want = append(want, d.ID)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("since %v until %v: %d matches %v\nwant %d %v", c.since, c.until, len(got), got, len(want), want)
		}
	}
	r := severalSegmentsReader(t, ix)
	dict, err := r.FieldDict(fieldPublished)
	if err != nil {
		t.Fatal(err)
	}
	defer dict.Close()
	terms := 0
	for {
		e, err := dict.Next()
		if err != nil {
			t.Fatal(err)
		}
		if e == nil {
			break
		}
		terms++
		if shift, err := numeric.PrefixCoded(e.Term).Shift(); err != nil || shift != 0 {
			t.Errorf("published term %x: shift %d (%v), want only terms of full precision", e.Term, shift, err)
		}
	}
	if terms == 0 {
		t.Error("no published terms")
	}
}
