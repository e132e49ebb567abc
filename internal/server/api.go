package server

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/export"
)

// SearchResponse is the body of /api/search.
type SearchResponse struct {
	Total uint64 `json:"total"`
	// TotalIsLowerBound is true when more than total articles match:
	// the search counted exactly up to total (index.CountCap) and
	// stopped. The hits and pages are exact either way.
	TotalIsLowerBound bool                   `json:"total_is_lower_bound,omitempty"`
	TookMS            float64                `json:"took_ms"`
	Hits              []HitJSON              `json:"hits"`
	Facets            map[string][]FacetJSON `json:"facets"`
	// FacetsOther counts, per facet, the matches whose value is not among
	// those listed (the site facets of a network of 3,000 sites list the
	// first few of thousands; facets=N lists more).
	FacetsOther map[string]int `json:"facets_other,omitempty"`
	Next        *string        `json:"next"` // the after parameter of the next page; null on the last
	// Notes say what in the query may not be what was meant (a misspelt
	// field, a site: that names no site, with suggestions), in Chinese.
	Notes []string `json:"notes,omitempty"`
}

// HitJSON is one hit of /api/search. Title_html and snippet are HTML with
// everything escaped but the <mark> elements around matches.
type HitJSON struct {
	ID        string  `json:"id"` // for /api/articles/{id}
	URL       string  `json:"url"`
	Title     string  `json:"title"`
	TitleHTML string  `json:"title_html"`
	SiteName  string  `json:"site_name"`
	Site      string  `json:"site"`
	Column    string  `json:"column"`
	Published *string `json:"published"` // RFC 3339, China time; null = unknown
	Views     *int64  `json:"views"`     // null = the site shows none
	Snippet   string  `json:"snippet"`
	// BodyChars is the body's length in characters when it is longer than
	// what the index searches (index.MaxBodyChars); omitted otherwise.
	BodyChars int `json:"body_chars,omitempty"`
	// SearchedChars is then how much of it was searched (its start).
	SearchedChars int     `json:"searched_chars,omitempty"`
	Score         float64 `json:"score"`
	// Removed is when the article was first found removed from its site
	// (RFC 3339, China time); omitted while the site serves it. The
	// article's record (/api/articles/{id}) has the whole mark.
	Removed *string `json:"removed,omitempty"`
	// Attachments are the article's 附件, as in /api/articles/{id}.
	Attachments []AttachmentJSON `json:"attachments,omitempty"`
}

// FacetJSON is one facet value: its count among all matches and the query
// term that keeps only those matches (append it to q).
type FacetJSON struct {
	Value  string `json:"value"`
	Count  int    `json:"count"`
	Filter string `json:"filter"`
}

// apiSearchParams are the parameters of /api/search.
var apiSearchParams = []string{"q", "sort", "size", "after", "facets"}

// unknownParam says which parameter of an /api/search request the API does
// not know, so that a client's typo or a guess (page=2, which would answer
// the first page again) is an error, not ignored.
func unknownParam(r *http.Request) error {
	for name := range r.URL.Query() {
		if slices.Contains(apiSearchParams, name) {
			continue
		}
		bad := truncate(name, 20)
		switch strings.ToLower(name) {
		case "page", "from", "offset", "start", "p":
			return badRequest("不认识的参数 %q：翻页请用 after=（上一页结果中的 next）", "unknown parameter %q: the next page is asked for with after= (the answer's next)", bad)
		}
		return badRequest("不认识的参数 %q，可用的有：%s", "unknown parameter %q; the parameters are %s", bad, strings.Join(apiSearchParams, ", "))
	}
	return nil
}

func (s *server) apiSearch(r *http.Request) (any, error) {
	if err := unknownParam(r); err != nil {
		return nil, err
	}
	p, err := s.parseSearch(r, defaultAPISize, s.opts.MaxPageSize)
	if err != nil {
		return nil, err
	}
	p.query.Facets = defaultFacetSize
	if f := r.URL.Query().Get("facets"); f != "" {
		n, err := strconv.Atoi(f)
		if err != nil || n < 0 || n > maxFacetSize {
			return nil, badRequest("facets 应为 0 到 %d 之间的数字", "facets must be a number from 0 to %d", maxFacetSize)
		}
		p.query.Facets = n
	}
	res, err := s.ix.Search(r.Context(), p.query)
	if err != nil {
		return nil, err
	}
	out := SearchResponse{
		Total:             res.Total,
		TotalIsLowerBound: res.TotalIsLowerBound,
		TookMS:            float64(res.Took.Microseconds()) / 1000,
		Hits:              make([]HitJSON, 0, len(res.Hits)),
		Facets:            map[string][]FacetJSON{},
	}
	for _, n := range res.Notes {
		out.Notes = append(out.Notes, noteText(n))
	}
	for _, h := range res.Hits {
		hj := HitJSON{
			ID: ArticleID(h.ID), URL: h.URL, Title: h.Title, TitleHTML: h.TitleHTML, SiteName: h.SiteName,
			Site: h.Site, Column: h.Column, Views: h.Views, Snippet: h.Snippet, Score: h.Score,
		}
		if h.BodyChars > 0 {
			hj.BodyChars, hj.SearchedChars = h.BodyChars, index.MaxBodyChars
		}
		hj.Published = article.TimeJSON(h.Published)
		hj.Removed = article.TimeJSON(h.Removed)
		hj.Attachments = s.hitAttachments(h.ID)
		out.Hits = append(out.Hits, hj)
	}
	for name, f := range res.Facets {
		vals := make([]FacetJSON, 0, len(f.Values))
		for _, v := range f.Values {
			vals = append(vals, FacetJSON{Value: v.Value, Count: v.Count, Filter: facetFilter(name, v.Value)})
		}
		out.Facets[name] = vals
		if f.Other > 0 {
			if out.FacetsOther == nil {
				out.FacetsOther = map[string]int{}
			}
			out.FacetsOther[name] = f.Other
		}
	}
	if res.Next != nil {
		c := encodeCursor(res.Next, p.q, p.sort)
		out.Next = &c
	}
	return out, nil
}

// ArticleJSON is the body of /api/articles/{id}: the article's export
// record (package export: every field, view_history included) plus its id
// and capture link.
//
// Extension point: fields added to export.Record — earlier versions of the
// record, say, as "versions" — appear here without a change to this package.
type ArticleJSON struct {
	ID string `json:"id"`
	export.Record
	CaptureURL string `json:"capture_url,omitempty"` // the raw WARC record
	ReplayURL  string `json:"replay_url,omitempty"`  // the capture shown as a page
	// Attachments are the record's, each with its archived copy's route
	// when the archive holds one (in place of the record's list).
	Attachments []AttachmentJSON `json:"attachments,omitempty"`
}

func (s *server) apiArticle(r *http.Request) (any, error) {
	a, err := s.article(r)
	if err != nil {
		return nil, err
	}
	out := ArticleJSON{ID: ArticleID(a.URL), Record: export.NewRecord(a)}
	if len(a.Attachments) > 0 {
		out.Attachments = s.attachmentsOf(a)
	}
	if s.hasCapture(a) {
		out.CaptureURL, out.ReplayURL = captureURL(a), replayURL(a)
	}
	return out, nil
}

// article loads the article named by the {id} path value: the record of
// that URL, or of the URL it is an alias of (the store resolves aliases).
func (s *server) article(r *http.Request) (*article.Article, error) {
	u, err := ParseArticleID(r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	return s.arts.Get(u)
}

// StatsJSON is the body of /api/stats.
type StatsJSON struct {
	Documents       uint64         `json:"documents"`          // in the index
	Archived        *int           `json:"archived,omitempty"` // in the archive, when it can count
	ByLevel         map[string]int `json:"by_level"`
	ByProvince      []FacetJSON    `json:"by_province"`
	ByYear          []FacetJSON    `json:"by_year"`
	NewestPublished *string        `json:"newest_published"`
	OldestPublished *string        `json:"oldest_published"`
	NewestFetch     *string        `json:"newest_fetch"`
	// Crawl is the crawl running on the archive, live, or the last that
	// ended while the server ran; absent when the server cannot know.
	Crawl   *CrawlJSON `json:"crawl,omitempty"`
	LastRun *RunJSON   `json:"last_run,omitempty"`
}

func (s *server) apiStats(r *http.Request) (any, error) {
	st, err := s.ix.Stats(r.Context())
	if err != nil {
		return nil, err
	}
	out := StatsJSON{
		Documents:       st.Documents,
		ByLevel:         map[string]int{},
		ByProvince:      facetJSON(index.FacetProvince, st.ByProvince),
		ByYear:          facetJSON(index.FacetYear, st.ByYear),
		NewestPublished: article.TimeJSON(st.NewestPublished),
		OldestPublished: article.TimeJSON(st.OldestPublished),
		NewestFetch:     article.TimeJSON(st.NewestFetched),
	}
	for _, v := range st.ByLevel {
		out.ByLevel[v.Value] = v.Count
	}
	if c, ok := s.arts.(counter); ok {
		n, err := c.Len()
		if err != nil {
			return nil, err
		}
		out.Archived = &n
	}
	out.Crawl = s.crawlStatus()
	if out.LastRun, err = s.lastRun(); err != nil {
		return nil, err
	}
	return out, nil
}

func facetJSON(name string, vs []index.FacetValue) []FacetJSON {
	rv := make([]FacetJSON, 0, len(vs))
	for _, v := range vs {
		rv = append(rv, FacetJSON{Value: v.Value, Count: v.Count, Filter: facetFilter(name, v.Value)})
	}
	return rv
}

// noteText says a note of the index about a query in Chinese.
func noteText(n index.Note) string {
	switch {
	case n.Kind == index.NoteField:
		return fmt.Sprintf("“%s”按文字检索；是不是想用 %s？", n.Value, strings.Join(n.Suggestions, " 或 "))
	case n.Kind == index.NoteSiteReadAs:
		return fmt.Sprintf("site:%s 按 site:%s 检索。", n.Value, n.Suggestions[0])
	case len(n.Suggestions) > 0:
		return fmt.Sprintf("site:%s 不是存档中的网站；是不是 site:%s？", n.Value, strings.Join(n.Suggestions, " 或 site:"))
	}
	return fmt.Sprintf("site:%s 不是存档中的网站（请写网站名称，如 河北文明网，或它的域名）。", n.Value)
}
