// Package searchtest is the suite every search backend of the server
// runs: what a [server.Searcher] must do for the web page, the JSON API
// and the command line, whichever index answers (one bleve index, an
// index sharded by year, a view of an archive that reads from its files or
// through the process holding it).
//
// A backend's test calls [Run] with a function that builds the backend
// over the suite's articles:
//
//	func TestSuite(t *testing.T) {
//		searchtest.Run(t, func(t *testing.T, arts []*article.Article) server.Searcher {
//			… index arts into a new backend in t.TempDir() …
//		})
//	}
//
// The suite checks exact substring matching against a scan of the
// articles, filters, sorting, both ways of paging, facets, stats and the
// errors callers decide on. A new need of the server's is a case here, so
// that every backend is held to it.
package searchtest

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/server"
)

// Open builds a backend holding arts, each indexed as the archive indexes
// an article. The backend is closed by the test's cleanup.
type Open func(t *testing.T, arts []*article.Article) server.Searcher

// Run runs the suite on the backend open builds. The articles are the
// same on every call, so a backend may build them once.
func Run(t *testing.T, open Open) {
	arts := Articles()
	s := open(t, arts)
	c := &suite{s: s, arts: arts}
	t.Run("ExactSubstrings", c.exactSubstrings)
	t.Run("TraditionalFindsSimplified", c.traditional)
	t.Run("AllTermsMustMatch", c.allTerms)
	t.Run("ExcludedTerms", c.excluded)
	t.Run("SiteFilterTakesTheLineage", c.siteFilter)
	t.Run("DateRangeAndYear", c.dateRange)
	t.Run("SortedByPublished", c.sortedByPublished)
	t.Run("SortedByViews", c.sortedByViews)
	t.Run("OffsetPagesMatchCursorPages", c.offsetPages)
	t.Run("EmptyTextListsNewestFirst", c.emptyText)
	t.Run("HitsCarryTheirFields", c.hitFields)
	t.Run("Facets", c.facets)
	t.Run("Stats", c.stats)
	t.Run("ForgedCursor", c.forgedCursor)
	t.Run("CancelledContext", c.cancelled)
}

// The sites of the suite's articles: two provinces, a city and a county
// under the national site.
var (
	national = article.Site{Host: "www.wenming.cn", Name: "中国文明网", Level: article.National}
	hebei    = article.Site{Host: "hebei.wenming.cn", Name: "河北文明网", Level: article.Province}
	xingtai  = article.Site{Host: "xt.wenming.cn", Name: "邢台文明网", Level: article.City}
	nangong  = article.Site{Host: "ng.wenming.cn", Name: "南宫文明网", Level: article.County}
	shandong = article.Site{Host: "sd.wenming.cn", Name: "山东文明网", Level: article.Province}
	lineages = [][]article.Site{
		{national},
		{national, hebei},
		{national, hebei, xingtai},
		{national, hebei, xingtai, nangong},
		{national, shandong},
	}
)

// words make the titles and bodies: simplified Chinese only, so that a
// scan with strings.Contains is the truth (the traditional case has its
// own articles).
var words = []string{"文明", "实践", "志愿", "服务", "社区", "群众", "活动", "开展", "乡村", "振兴", "道德", "模范",
	"新时代", "宣传", "教育", "青少年", "家风", "诚信", "环境", "整治", "文化", "广场", "讲座", "表彰", "敬老", "爱心"}

var columns = []string{"工作动态", "基层传真", "志愿服务", "道德模范"}

const (
	suiteArticles = 150
	// planted in two articles only, in the other script in one of them.
	traditionalText = "圖書館"
	simplifiedText  = "图书馆"
)

// Articles are the suite's articles, the same on every call: 150
// articles over five sites and the years 2019–2024 (some without a date,
// some without a view count), and two on a library, one written in
// traditional characters.
func Articles() []*article.Article {
	r := rand.New(rand.NewPCG(7, 11))
	sentence := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(words[r.IntN(len(words))])
		}
		return b.String()
	}
	fetched := time.Date(2025, 6, 1, 8, 0, 0, 0, article.China)
	var arts []*article.Article
	for i := range suiteArticles {
		lin := lineages[i%len(lineages)]
		site := lin[len(lin)-1]
		var body []string
		for range 2 + r.IntN(4) {
			body = append(body, sentence(3+r.IntN(8))+"。")
		}
		a := &article.Article{
			URL:       fmt.Sprintf("http://%s/a/%03d.html", site.Host, i),
			Site:      site.Host,
			SiteName:  site.Name,
			Level:     site.Level,
			Lineage:   lin,
			Column:    columns[i%len(columns)],
			Title:     sentence(2 + r.IntN(3)),
			Body:      strings.Join(body, "\n"),
			FetchedAt: fetched.Add(time.Duration(i) * time.Minute),
		}
		if i%9 != 4 { // one in nine has no date
			a.Published = time.Date(2019+r.IntN(6), time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(24), 0, 0, 0, article.China)
			a.PublishedPrecision = article.PrecisionMinute
		}
		if i%5 != 2 { // one in five shows no view count
			v := int64(r.IntN(40)) // few values: ties are common
			a.Views = &v
		}
		arts = append(arts, a)
	}
	for i, text := range []string{simplifiedText, traditionalText} {
		arts = append(arts, &article.Article{
			URL: fmt.Sprintf("http://%s/lib/%d.html", nangong.Host, i), Site: nangong.Host, SiteName: nangong.Name,
			Level: nangong.Level, Lineage: lineages[3], Column: columns[0],
			Title: "农家书屋开放", Body: "县" + text + "新馆今天开放。",
			Published: time.Date(2023, 4, 23, 9, 0, 0, 0, article.China), FetchedAt: fetched,
		})
	}
	return arts
}

type suite struct {
	s    server.Searcher
	arts []*article.Article
}

func (c *suite) search(t *testing.T, q index.Query) *index.Results {
	t.Helper()
	res, err := c.s.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("search %+v: %v", q, err)
	}
	return res
}

// all pages through every hit of q by cursor, checking that Total is the
// same on every page and that no hit comes twice.
func (c *suite) all(t *testing.T, q index.Query) []index.Hit {
	t.Helper()
	q.Size = 7 // several pages for most queries
	var hits []index.Hit
	seen := map[string]bool{}
	var total uint64
	for page := 0; ; page++ {
		res := c.search(t, q)
		if page == 0 {
			total = res.Total
		} else if res.Total != total {
			t.Fatalf("%+v: page %d says %d matches, page 1 said %d", q, page+1, res.Total, total)
		}
		for _, h := range res.Hits {
			if seen[h.ID] {
				t.Fatalf("%+v: %s comes twice", q, h.ID)
			}
			seen[h.ID] = true
		}
		hits = append(hits, res.Hits...)
		if res.Next == nil {
			break
		}
		if page > suiteArticles {
			t.Fatalf("%+v: the cursor does not end", q)
		}
		q.After = res.Next
	}
	if uint64(len(hits)) != total {
		t.Fatalf("%+v: %d hits paged, Total says %d", q, len(hits), total)
	}
	return hits
}

func ids(hits []index.Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.ID
	}
	return out
}

// want returns the URLs of the articles keep selects, sorted.
func (c *suite) want(keep func(*article.Article) bool) []string {
	var out []string
	for _, a := range c.arts {
		if keep(a) {
			out = append(out, a.URL)
		}
	}
	sort.Strings(out)
	return out
}

func sameSet(t *testing.T, what string, got []index.Hit, want []string) {
	t.Helper()
	g := slices.Sorted(slices.Values(ids(got)))
	if !slices.Equal(g, want) {
		t.Errorf("%s: %d hits, want %d\n got %v\nwant %v", what, len(g), len(want), g, want)
	}
}

func contains(a *article.Article, q string) bool {
	return strings.Contains(a.Title, q) || strings.Contains(a.Body, q)
}

// exactSubstrings: a query of 1 to 5 characters finds exactly the
// articles whose title or body holds it — a character in a longer word
// included, a match across a sentence end excluded.
func (c *suite) exactSubstrings(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	queries := []string{"文", "明", "志愿服务", "不存在的词", "服务社区", "新时代文明实践"}
	for len(queries) < 40 {
		a := c.arts[r.IntN(suiteArticles)]
		line := []rune(strings.TrimSuffix(strings.Split(a.Body, "\n")[0], "。"))
		l := 1 + r.IntN(5)
		if len(line) < l {
			continue
		}
		i := r.IntN(len(line) - l + 1)
		queries = append(queries, string(line[i:i+l]))
	}
	// Across a sentence end: the last character of one sentence and the
	// first of the next must not match as one word.
	for _, a := range c.arts[:20] {
		lines := strings.Split(a.Body, "\n")
		if len(lines) > 1 {
			end := []rune(strings.TrimSuffix(lines[0], "。"))
			start := []rune(lines[1])
			q := string(end[len(end)-1:]) + string(start[:1])
			queries = append(queries, q)
		}
	}
	for _, q := range queries {
		got := c.all(t, index.Query{Text: q})
		sameSet(t, fmt.Sprintf("%q", q), got, c.want(func(a *article.Article) bool { return contains(a, q) }))
	}
}

func (c *suite) traditional(t *testing.T) {
	want := c.want(func(a *article.Article) bool {
		return strings.Contains(a.Body, simplifiedText) || strings.Contains(a.Body, traditionalText)
	})
	if len(want) != 2 {
		t.Fatalf("the suite's articles changed: %v", want)
	}
	for _, q := range []string{simplifiedText, traditionalText} {
		sameSet(t, q, c.all(t, index.Query{Text: q}), want)
	}
}

func (c *suite) allTerms(t *testing.T) {
	for _, pair := range [][2]string{{"文明", "社区"}, {"志愿", "乡村振兴"}, {"道德", "不存在"}} {
		got := c.all(t, index.Query{Text: pair[0] + " " + pair[1]})
		sameSet(t, pair[0]+" "+pair[1], got, c.want(func(a *article.Article) bool { return contains(a, pair[0]) && contains(a, pair[1]) }))
	}
	// Clauses: any term of a clause, every clause.
	q := index.Query{Clauses: [][]index.Term{{{Value: "敬老"}, {Value: "爱心"}}, {{Value: "社区"}}}}
	got := c.all(t, q)
	sameSet(t, "(敬老 OR 爱心) 社区", got, c.want(func(a *article.Article) bool {
		return (contains(a, "敬老") || contains(a, "爱心")) && contains(a, "社区")
	}))
}

func (c *suite) excluded(t *testing.T) {
	q := index.Query{Text: "文明", Exclude: []index.Term{{Value: "社区"}}}
	sameSet(t, "文明 -社区", c.all(t, q), c.want(func(a *article.Article) bool { return contains(a, "文明") && !contains(a, "社区") }))
}

// siteFilter: a site, by name or host, finds its own articles and those
// of the sites below it.
func (c *suite) siteFilter(t *testing.T) {
	under := func(s article.Site) func(*article.Article) bool {
		return func(a *article.Article) bool { return slices.Contains(a.Lineage, s) }
	}
	for _, s := range []article.Site{hebei, xingtai, nangong, shandong, national} {
		for _, key := range []string{s.Name, s.Host} {
			sameSet(t, "site "+key, c.all(t, index.Query{Site: key}), c.want(under(s)))
		}
	}
	q := index.Query{Text: "服务", Site: xingtai.Name, Column: columns[2]}
	sameSet(t, "服务 in a city's column", c.all(t, q), c.want(func(a *article.Article) bool {
		return under(xingtai)(a) && a.Column == columns[2] && contains(a, "服务")
	}))
	sameSet(t, "level county", c.all(t, index.Query{Level: string(article.County)}), c.want(func(a *article.Article) bool { return a.Level == article.County }))
}

// dateRange: Since is inclusive, Until exclusive, an article without a
// date is in no range; Year is the year in the date's own zone.
func (c *suite) dateRange(t *testing.T) {
	since := time.Date(2021, 1, 1, 0, 0, 0, 0, article.China)
	until := time.Date(2023, 1, 1, 0, 0, 0, 0, article.China)
	// Bounds that fall on an article's time exactly.
	var exact time.Time
	for _, a := range c.arts {
		if !a.Published.IsZero() {
			exact = a.Published
			break
		}
	}
	for _, tc := range []struct {
		name         string
		since, until time.Time
	}{
		{"since", since, time.Time{}},
		{"until", time.Time{}, until},
		{"both", since, until},
		{"since an article's own time", exact, time.Time{}},
		{"until an article's own time", time.Time{}, exact},
	} {
		q := index.Query{Since: tc.since, Until: tc.until}
		sameSet(t, tc.name, c.all(t, q), c.want(func(a *article.Article) bool {
			p := a.Published
			return !p.IsZero() && (tc.since.IsZero() || !p.Before(tc.since)) && (tc.until.IsZero() || p.Before(tc.until))
		}))
	}
	sameSet(t, "year 2022", c.all(t, index.Query{Year: 2022}), c.want(func(a *article.Article) bool {
		return !a.Published.IsZero() && a.Published.In(article.China).Year() == 2022
	}))
	q := index.Query{Text: "文明", Site: hebei.Host, Since: since}
	sameSet(t, "text, site and since", c.all(t, q), c.want(func(a *article.Article) bool {
		return contains(a, "文明") && slices.Contains(a.Lineage, hebei) && !a.Published.IsZero() && !a.Published.Before(since)
	}))
}

// byURL maps the suite's articles by URL.
func (c *suite) byURL() map[string]*article.Article {
	m := make(map[string]*article.Article, len(c.arts))
	for _, a := range c.arts {
		m[a.URL] = a
	}
	return m
}

// sortedByPublished: both directions, articles without a date last,
// through every page of a cursor.
func (c *suite) sortedByPublished(t *testing.T) {
	m := c.byURL()
	for _, sortBy := range []string{"published", "-published"} {
		for _, text := range []string{"", "服务"} {
			hits := c.all(t, index.Query{Text: text, Sort: sortBy})
			sameSet(t, sortBy+" "+text, hits, c.want(func(a *article.Article) bool { return text == "" || contains(a, text) }))
			undated := false
			for i, h := range hits {
				p := m[h.ID].Published
				if p.IsZero() {
					undated = true
					continue
				}
				if undated {
					t.Fatalf("%s %q: %s (dated) after an undated article", sortBy, text, h.ID)
				}
				if i > 0 && !m[hits[i-1].ID].Published.IsZero() {
					prev := m[hits[i-1].ID].Published
					if (sortBy == "published" && p.Before(prev)) || (sortBy == "-published" && p.After(prev)) {
						t.Fatalf("%s %q: %s (%v) after %s (%v)", sortBy, text, h.ID, p, hits[i-1].ID, prev)
					}
				}
				if !h.Published.Equal(p) {
					t.Errorf("%s: hit says published %v, the article %v", h.ID, h.Published, p)
				}
			}
		}
	}
}

// sortedByViews: ties are common; every article comes once, those
// without a count last.
func (c *suite) sortedByViews(t *testing.T) {
	m := c.byURL()
	for _, sortBy := range []string{"views", "-views"} {
		hits := c.all(t, index.Query{Sort: sortBy})
		sameSet(t, sortBy, hits, c.want(func(*article.Article) bool { return true }))
		counted := true
		for i, h := range hits {
			v := m[h.ID].Views
			if v == nil {
				counted = false
				continue
			}
			if !counted {
				t.Fatalf("%s: %s (with a count) after one without", sortBy, h.ID)
			}
			if i > 0 && m[hits[i-1].ID].Views != nil {
				prev := *m[hits[i-1].ID].Views
				if (sortBy == "views" && *v < prev) || (sortBy == "-views" && *v > prev) {
					t.Fatalf("%s: %s (%d) after %s (%d)", sortBy, h.ID, *v, hits[i-1].ID, prev)
				}
			}
		}
	}
}

// offsetPages: pages by From are the pages of the cursor, for every sort.
func (c *suite) offsetPages(t *testing.T) {
	for _, sortBy := range []string{"", "published", "-published", "views", "-views"} {
		q := index.Query{Text: "文明", Sort: sortBy}
		byCursor := ids(c.all(t, q))
		var byOffset []string
		for from := 0; from < len(byCursor); from += 6 {
			res := c.search(t, index.Query{Text: q.Text, Sort: sortBy, Size: 6, From: from})
			byOffset = append(byOffset, ids(res.Hits)...)
		}
		if !slices.Equal(byOffset, byCursor) {
			t.Errorf("sort %q: pages by offset %v\n differ from pages by cursor %v", sortBy, byOffset, byCursor)
		}
	}
}

func (c *suite) emptyText(t *testing.T) {
	hits := c.all(t, index.Query{})
	if len(hits) != len(c.arts) {
		t.Fatalf("an empty query lists %d articles, want %d", len(hits), len(c.arts))
	}
	m := c.byURL()
	for i := 1; i < len(hits); i++ {
		p, prev := m[hits[i].ID].Published, m[hits[i-1].ID].Published
		if !p.IsZero() && (prev.IsZero() || p.After(prev)) {
			t.Fatalf("an empty query is not newest first: %s (%v) after %s (%v)", hits[i].ID, p, hits[i-1].ID, prev)
		}
	}
}

// hitFields: a hit carries its article's fields, and its snippet and
// title mark the query.
func (c *suite) hitFields(t *testing.T) {
	m := c.byURL()
	res := c.search(t, index.Query{Text: "志愿", Size: 20})
	if len(res.Hits) == 0 {
		t.Fatal("no hits for 志愿")
	}
	for _, h := range res.Hits {
		a := m[h.ID]
		if a == nil {
			t.Fatalf("a hit of no article: %q", h.ID)
		}
		if h.URL != a.URL || h.Title != a.Title || h.Site != a.Site || h.SiteName != a.SiteName || h.Column != a.Column || h.Level != string(a.Level) {
			t.Errorf("hit %+v\n does not carry the article's fields %+v", h, a)
		}
		if (h.Views == nil) != (a.Views == nil) || (h.Views != nil && *h.Views != *a.Views) {
			t.Errorf("%s: views %v, want %v", h.ID, h.Views, a.Views)
		}
		// The snippet is the article's body around the match: the
		// searcher has the body, whether or not its index keeps it.
		if want := index.Snippet(a.Body, []string{"志愿"}, 0); h.Snippet != want {
			t.Errorf("%s: snippet %q, want %q", h.ID, h.Snippet, want)
		}
		marked := strings.Contains(h.Snippet, "<mark>志愿</mark>") || strings.Contains(h.TitleHTML, "<mark>志愿</mark>")
		if !marked {
			t.Errorf("%s: neither snippet %q nor title %q marks the query", h.ID, h.Snippet, h.TitleHTML)
		}
		if strings.ContainsFunc(h.Snippet, func(r rune) bool { return r == '<' }) && !strings.Contains(h.Snippet, "<mark>") {
			t.Errorf("%s: unescaped markup in the snippet %q", h.ID, h.Snippet)
		}
	}
}

// facets count over all matches, not the page.
func (c *suite) facets(t *testing.T) {
	res := c.search(t, index.Query{Text: "服务", Size: 1, Facets: 10})
	f, ok := res.Facets[index.FacetYear]
	if !ok {
		t.Fatalf("no %s facet in %v", index.FacetYear, res.Facets)
	}
	want := map[string]int{}
	missing := 0
	for _, a := range c.arts {
		if !contains(a, "服务") {
			continue
		}
		if a.Published.IsZero() {
			missing++
			continue
		}
		want[fmt.Sprint(a.Published.In(article.China).Year())]++
	}
	got := map[string]int{}
	for _, v := range f.Values {
		got[v.Value] = v.Count
	}
	if fmt.Sprint(got) != fmt.Sprint(want) || f.Missing != missing || f.Other != 0 {
		t.Errorf("year facet of 服务: %v (missing %d, other %d), want %v (missing %d)", got, f.Missing, f.Other, want, missing)
	}
}

func (c *suite) stats(t *testing.T) {
	st, err := c.s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != uint64(len(c.arts)) {
		t.Errorf("stats: %d documents, want %d", st.Documents, len(c.arts))
	}
	var newest, oldest, fetched time.Time
	years := map[string]int{}
	levels := map[string]int{}
	for _, a := range c.arts {
		levels[string(a.Level)]++
		if a.FetchedAt.After(fetched) {
			fetched = a.FetchedAt
		}
		if a.Published.IsZero() {
			continue
		}
		years[fmt.Sprint(a.Published.In(article.China).Year())]++
		if newest.IsZero() || a.Published.After(newest) {
			newest = a.Published
		}
		if oldest.IsZero() || a.Published.Before(oldest) {
			oldest = a.Published
		}
	}
	count := func(vs []index.FacetValue) map[string]int {
		m := map[string]int{}
		for _, v := range vs {
			m[v.Value] = v.Count
		}
		return m
	}
	if fmt.Sprint(count(st.ByYear)) != fmt.Sprint(years) {
		t.Errorf("stats by year: %v, want %v", count(st.ByYear), years)
	}
	if fmt.Sprint(count(st.ByLevel)) != fmt.Sprint(levels) {
		t.Errorf("stats by level: %v, want %v", count(st.ByLevel), levels)
	}
	for i := 1; i < len(st.ByYear); i++ {
		if st.ByYear[i].Value > st.ByYear[i-1].Value {
			t.Errorf("stats by year are not newest first: %v", st.ByYear)
		}
	}
	if !st.NewestPublished.Equal(newest) || !st.OldestPublished.Equal(oldest) || !st.NewestFetched.Equal(fetched) {
		t.Errorf("stats: newest %v oldest %v fetched %v, want %v %v %v", st.NewestPublished, st.OldestPublished, st.NewestFetched, newest, oldest, fetched)
	}
}

// forgedCursor: a cursor the index did not make is index.ErrBadCursor,
// an error the server answers with 400, not 500.
func (c *suite) forgedCursor(t *testing.T) {
	for _, after := range [][]string{{"x"}, {"1", "2", "3", "4", "5", "6"}, {"", ""}} {
		_, err := c.s.Search(context.Background(), index.Query{Sort: "published", After: after})
		if !errors.Is(err, index.ErrBadCursor) {
			t.Errorf("cursor %q: %v, want index.ErrBadCursor", after, err)
		}
	}
}

// cancelled: a search under a cancelled context ends with an error
// rather than an answer nobody waits for.
func (c *suite) cancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.s.Search(ctx, index.Query{Text: "文明"})
	if err == nil {
		t.Error("a search under a cancelled context answered")
	}
}
