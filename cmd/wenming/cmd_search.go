package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/archive"
	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/crawl"
	"github.com/wenming-archive/wenming/internal/store"
)

type searchOptions struct {
	site, level, column string
	year                int
	since, until        string
	sort                string
	limit, offset       int
	facets              bool
}

func runSearchCmd(ctx context.Context, g *globals, args []string) error {
	var o searchOptions
	fs := g.flagSet("search")
	fs.StringVar(&o.site, "site", "", "only articles of this site or its descendants (name, host or homepage URL, e.g. 邢台文明网)")
	fs.StringVar(&o.level, "level", "", "only articles of sites of this level (national, province, city, county)")
	fs.StringVar(&o.column, "column", "", "only articles of this column (栏目)")
	fs.IntVar(&o.year, "year", 0, "only articles published in this year")
	fs.StringVar(&o.since, "since", "", "only articles published on or after this date (2023-03-22, 2023-03 or 2023: its first day)")
	fs.StringVar(&o.until, "until", "", "only articles published before this date (2023-03-22, 2023-03 or 2023: its first day)")
	fs.StringVar(&o.sort, "sort", "relevance", "relevance, published, -published, views or -views")
	fs.IntVar(&o.limit, "limit", 10, "hits to show")
	fs.IntVar(&o.offset, "offset", 0, "hits to skip")
	fs.BoolVar(&o.facets, "facets", false, "also count hits by province, city, county, column, year and level")
	pos, err := g.parseQuery(fs, args, `search [flags] QUERY...

Every word of the query must occur in the title or body as exact text (one
Chinese character finds every article containing it); full-width and ASCII
digits and letters match each other. The query language:

  志愿 服务            both words
  "文明 实践"          a phrase, spaces kept
  志愿 -招募           志愿 but not 招募
  南宫 OR 清河         either
  title:光盘行动       in the title
  site:邢台文明网      that site and its descendants (name or host)
  column:志愿服务  level:county  year:2023
  since:2023-03  until:2023    dates, in China time

A query that is one http(s) URL looks the article up by URL instead: any
URL it was found under (a mobile or dynamic address the archive knows as
an alias of the record included), written as the site links it.`)
	if err != nil {
		return err
	}
	text := strings.Join(pos, " ")
	if len(pos) == 1 && isURL(pos[0]) {
		return runLookupURL(g, pos[0])
	}
	if text == "" && o.site == "" && o.level == "" && o.column == "" && o.year == 0 && o.since == "" && o.until == "" {
		return usageError{errors.New("give a query, e.g. wenming search 志愿服务 (see --help)")}
	}
	q, err := o.query(text)
	if err != nil {
		return err
	}
	data, dsn, ixc, err := g.location()
	if err != nil {
		return err
	}
	log, err := g.logger()
	if err != nil {
		return err
	}
	if dsn == "" && noArchive(data) {
		return fmt.Errorf("no search index in %s: run \"wenming crawl\" (or \"wenming demo --data %s\") first", data, data)
	}
	// Read through the process holding the archive (a crawl) if one
	// does; otherwise the records are opened too (read-only): the index is
	// checked against them and rebuilt if damaged. Over records in
	// PostgreSQL, the index in data is this reader's, brought up to date
	// with them first.
	v, err := archive.OpenView(ctx, data, archive.ReadOptions{Index: true, StoreOptional: dsn == "", Store: dsn, Shards: ixc.Shards, Logger: log})
	if err != nil {
		return err
	}
	defer v.Close()
	res, err := v.Search(ctx, q)
	if errors.Is(err, index.ErrDamaged) {
		if err = v.RebuildIndex(ctx, err); err == nil {
			res, err = v.Search(ctx, q)
		}
	}
	if err != nil {
		return err
	}
	notes := append(heldNote(v), v.Notes()...)
	for _, n := range res.Notes {
		notes = append(notes, n.String())
	}
	if g.json {
		return writeHitsJSON(g.stdout, res, notes)
	}
	writeNotes(g.stdout, notes)
	writeHits(g.stdout, res, q, g.interactive() || isTerminal(g.stdout))
	return nil
}

// query is the query of the command line: the query text parsed, the
// flags added.
func (o searchOptions) query(text string) (index.Query, error) {
	q, err := index.ParseQuery(text)
	if err != nil {
		return q, usageError{err}
	}
	if o.site != "" {
		q.Site = o.site
	}
	if o.column != "" {
		q.Column = o.column
	}
	if o.year != 0 {
		q.Year = o.year
	}
	q.Sort, q.Size, q.From = o.sort, o.limit, o.offset
	if o.facets {
		q.Facets = 10
	}
	if o.level != "" {
		l, err := article.ParseLevel(o.level)
		if err != nil {
			return q, usageError{fmt.Errorf("--level: %w", err)}
		}
		q.Level = string(l)
	}
	if err := narrowDates(&q, o.since, o.until); err != nil {
		return q, err
	}
	if !slices.Contains(index.Sorts, o.sort) {
		return q, usageError{fmt.Errorf("--sort %q: want one of %s", o.sort, strings.Join(index.Sorts, ", "))}
	}
	if o.limit < 1 || o.limit > 1000 {
		return q, usageError{errors.New("--limit must be between 1 and 1000")}
	}
	if o.offset < 0 {
		return q, usageError{fmt.Errorf("--offset %d: want 0 or more (the hits to skip)", o.offset)}
	}
	return q, nil
}

// heldNote says that the archive was read through the process holding it,
// and what that means for the results.
func heldNote(v *archive.View) []string {
	what, pid, ok := v.Shared()
	if !ok {
		return nil
	}
	return []string{fmt.Sprintf("read through the running %s (pid %d), which holds the archive: what it archives is searchable once it has indexed it, at the end of its run", what, pid)}
}

// noArchive reports whether data holds neither records nor an index.
func noArchive(data string) bool {
	_, err1 := os.Stat(archive.ArticlesPath(data))
	_, err2 := os.Stat(archive.IndexPath(data))
	return errors.Is(err1, os.ErrNotExist) && errors.Is(err2, os.ErrNotExist)
}

// writeNotes prints what was found wrong with the archive and mended on
// the way (see archive.OpenIndex), before a command's own output.
func writeNotes(w io.Writer, notes []string) {
	for _, n := range notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
	if len(notes) > 0 {
		fmt.Fprintln(w)
	}
}

// narrowDates narrows the dates of q (since: and until: of the query) to
// those of the flags --since and --until, each the first day of the
// period it names (--until excludes it), and refuses a range left empty.
func narrowDates(q *index.Query, since, until string) error {
	from, err := parseDay(since, "--since")
	if err != nil {
		return err
	}
	to, err := parseDay(until, "--until")
	if err != nil {
		return err
	}
	if from.After(q.Since) {
		q.Since = from
	}
	if !to.IsZero() && (q.Until.IsZero() || to.Before(q.Until)) {
		q.Until = to
	}
	if !q.Since.IsZero() && !q.Until.IsZero() && !q.Since.Before(q.Until) {
		return usageError{errors.New("the date range is empty: --since (since:) is not before --until (until:)")}
	}
	return nil
}

// parseDay reads the date of --since or --until as the query language
// reads since: and until: (2023, 2023-03 or 2023-03-22, China time), and
// returns the start of the period it names.
func parseDay(s, flagName string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	from, _, err := index.ParseDate(s)
	if err != nil {
		return from, usageError{fmt.Errorf("%s %q: %w", flagName, s, err)}
	}
	return from, nil
}

type hitJSON struct {
	URL       string   `json:"url"`
	Aliases   []string `json:"aliases,omitempty"` // a lookup by URL only
	Title     string   `json:"title"`
	SiteName  string   `json:"site_name"`
	Published *string  `json:"published"`
	Views     *int64   `json:"views"`
	Snippet   string   `json:"snippet"`
	// BodyChars and SearchedChars: see server.HitJSON.
	BodyChars     int     `json:"body_chars,omitempty"`
	SearchedChars int     `json:"searched_chars,omitempty"`
	Score         float64 `json:"score"`
	// Removed is when the article was first found removed from its site
	// (RFC 3339, China time); omitted while the site serves it.
	Removed *string `json:"removed,omitempty"`
}

type facetJSON struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

func writeHitsJSON(w io.Writer, res *index.Results, notes []string) error {
	out := struct {
		Total uint64 `json:"total"`
		// More than total match: counted exactly up to index.CountCap.
		TotalIsLowerBound bool                   `json:"total_is_lower_bound,omitempty"`
		Hits              []hitJSON              `json:"hits"`
		Facets            map[string][]facetJSON `json:"facets,omitempty"`
		// FacetsOther counts, per facet, the hits whose value is not
		// among the ten listed (of thousands of county sites, say).
		FacetsOther map[string]int `json:"facets_other,omitempty"`
		Notes       []string       `json:"notes,omitempty"` // what was mended in the index first
	}{Total: res.Total, TotalIsLowerBound: res.TotalIsLowerBound, Hits: []hitJSON{}, Notes: notes}
	for name, f := range res.Facets {
		if out.Facets == nil {
			out.Facets = map[string][]facetJSON{}
		}
		for _, v := range f.Values {
			out.Facets[name] = append(out.Facets[name], facetJSON{Value: v.Value, Count: v.Count})
		}
		if f.Other > 0 {
			if out.FacetsOther == nil {
				out.FacetsOther = map[string]int{}
			}
			out.FacetsOther[name] = f.Other
		}
	}
	for _, h := range res.Hits {
		hj := hitJSON{URL: h.URL, Title: h.Title, SiteName: h.SiteName, Views: h.Views, Snippet: h.Snippet, Score: h.Score}
		if h.BodyChars > 0 {
			hj.BodyChars, hj.SearchedChars = h.BodyChars, index.MaxBodyChars
		}
		hj.Published = article.TimeJSON(h.Published)
		hj.Removed = article.TimeJSON(h.Removed)
		out.Hits = append(out.Hits, hj)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func writeHits(w io.Writer, res *index.Results, q index.Query, color bool) {
	if res.TotalIsLowerBound {
		fmt.Fprintf(w, "more than %d articles match", res.Total)
	} else {
		fmt.Fprintf(w, "%d articles match", res.Total)
	}
	if q.Text != "" {
		fmt.Fprintf(w, " %q", q.Text)
	}
	if len(res.Hits) > 0 && uint64(len(res.Hits)) < res.Total {
		fmt.Fprintf(w, " (showing %d–%d)", q.From+1, q.From+len(res.Hits))
	}
	if len(res.Hits) == 0 && res.Total > 0 && q.From > 0 {
		fmt.Fprintf(w, " (none shown: --offset %d skips them all)", q.From)
	}
	fmt.Fprintf(w, " · %s\n", res.Took.Round(time.Microsecond))
	for _, name := range index.Facets {
		f, ok := res.Facets[name]
		if !ok || len(f.Values) == 0 {
			continue
		}
		var parts []string
		for _, v := range f.Values {
			parts = append(parts, fmt.Sprintf("%s %d", v.Value, v.Count))
		}
		if f.Other > 0 {
			parts = append(parts, fmt.Sprintf("other values %d", f.Other))
		}
		fmt.Fprintf(w, "  %-8s %s\n", name, strings.Join(parts, " · "))
	}
	for i, h := range res.Hits {
		fmt.Fprintf(w, "\n%2d. %s\n    %s\n    %s\n", q.From+i+1, h.Title, hitMeta(h.SiteName, h.Column, h.Published, h.Views), h.URL)
		if h.BodyChars > 0 {
			fmt.Fprintf(w, "    (only the first %d of its %d characters are searched)\n", index.MaxBodyChars, h.BodyChars)
		}
		if !h.Removed.IsZero() {
			fmt.Fprintf(w, "    removed from the source on %s (Beijing time)\n", h.Removed.In(article.China).Format("2006-01-02 15:04"))
		}
		if h.Snippet != "" {
			fmt.Fprintf(w, "    %s\n", terminalSnippet(h.Snippet, color))
		}
	}
}

// terminalSnippet turns the HTML snippet into terminal text: marks become
// bold yellow on a terminal and 【】 elsewhere.
func terminalSnippet(s string, color bool) string {
	open, close := "【", "】"
	if color {
		open, close = "\x1b[1;33m", "\x1b[0m"
	}
	s = strings.ReplaceAll(s, "<mark>", "\x00")
	s = strings.ReplaceAll(s, "</mark>", "\x01")
	s = html.UnescapeString(s)
	s = strings.ReplaceAll(s, "\x00", open)
	s = strings.ReplaceAll(s, "\x01", close)
	return strings.ReplaceAll(s, "\n", " ")
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// isURL reports whether a query is an http(s) URL (and so a lookup).
func isURL(q string) bool {
	l := strings.ToLower(strings.TrimSpace(q))
	return (strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")) && !strings.ContainsAny(l, " \t\n")
}

// runLookupURL prints the article archived under raw, in the form of a
// search with one hit (or none).
func runLookupURL(g *globals, raw string) error {
	data, dsn, _, err := g.location()
	if err != nil {
		return err
	}
	if err := archive.Missing(data, dsn); err != nil {
		return fmt.Errorf("no archive in %s: run \"wenming crawl\" (or \"wenming demo --data %s\") first", data, data)
	}
	v, err := archive.OpenView(context.Background(), data, archive.ReadOptions{Store: dsn})
	if err != nil {
		return err
	}
	defer v.Close()
	a, err := lookupURL(v, raw)
	if err != nil {
		return err
	}
	if g.json {
		out := struct {
			Total uint64    `json:"total"`
			Hits  []hitJSON `json:"hits"`
		}{Hits: []hitJSON{}}
		if a != nil {
			hj := hitJSON{URL: a.URL, Aliases: a.Aliases, Title: a.Title, SiteName: a.SiteName, Views: a.Views, Snippet: lead(a.Body), Score: 1}
			hj.Published = article.TimeJSON(a.Published)
			if a.Removed != nil {
				hj.Removed = article.TimeJSON(a.Removed.Since)
			}
			out.Total, out.Hits = 1, append(out.Hits, hj)
		}
		enc := json.NewEncoder(g.stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
	}
	w := g.stdout
	if a == nil {
		fmt.Fprintf(w, "0 articles archived under %s\n", raw)
		return nil
	}
	fmt.Fprintf(w, "1 article archived under %s\n", raw)
	fmt.Fprintf(w, "\n 1. %s\n    %s\n    %s\n", a.Title, hitMeta(a.SiteName, a.Column, a.Published, a.Views), a.URL)
	for _, u := range a.Aliases {
		fmt.Fprintf(w, "    also %s\n", u)
	}
	if r := a.Removed; r != nil {
		fmt.Fprintf(w, "    removed from the source on %s (Beijing time): %s; last seen there %s\n",
			r.Since.In(article.China).Format("2006-01-02 15:04"), r.Answer, r.LastPresent.In(article.China).Format("2006-01-02 15:04"))
	}
	if l := lead(a.Body); l != "" {
		fmt.Fprintf(w, "    %s\n", l)
	}
	return nil
}

// lookupURL returns the article archived under raw or under its canonical
// form (the crawler's, and on a host that answers in any case its folded
// one: crawl.FoldCase; with its query's Chinese in GBK or Big5:
// crawl.QueryInLegacyCharsets), directly or as an alias; nil when there is
// none.
func lookupURL(st interface {
	Get(url string) (*article.Article, error)
}, raw string) (*article.Article, error) {
	raw = strings.TrimSpace(raw)
	tries := []string{raw}
	if c, err := crawl.Canonicalize(raw); err == nil && c != raw {
		tries = []string{c, raw}
	}
	if f := crawl.FoldCase(tries[0]); f != tries[0] {
		tries = append(tries, f)
	}
	// A query in Chinese, as typed or as a browser shows it, of a link
	// the crawl found on a GBK or Big5 page: archived in that charset.
	tries = append(tries, crawl.QueryInLegacyCharsets(raw)...)
	for _, u := range tries {
		a, err := st.Get(u)
		if err == nil {
			return a, nil
		}
		if !errors.Is(err, store.ErrNotFound) {
			return nil, err
		}
	}
	return nil, nil
}

// lead is the start of a body on one line, for a hit without a snippet.
func lead(body string) string {
	s := strings.Join(strings.Fields(body), " ")
	if r := []rune(s); len(r) > 80 {
		s = string(r[:80]) + "…"
	}
	return s
}

// hitMeta is the line under a hit's title: site, column, publish day (China
// time) and view count, those the article has.
func hitMeta(site, column string, published time.Time, views *int64) string {
	meta := []string{site}
	if column != "" {
		meta = append(meta, column)
	}
	if !published.IsZero() {
		meta = append(meta, published.In(article.China).Format("2006-01-02"))
	}
	if views != nil {
		meta = append(meta, fmt.Sprintf("浏览 %d", *views))
	}
	return strings.Join(meta, " · ")
}
