package crawl

import (
	"context"
	"net/url"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/extract"
	"github.com/wenming-archive/wenming/internal/frontier"
)

// handleArticle extracts a fetched page and, if it is an article, fetches a
// script-loaded view count and hands the record to the sink.
func (c *Crawler) handleArticle(ctx context.Context, req frontier.Request, f *fetched, site siteEntry) {
	pageURL := f.final
	if pageURL == nil {
		pageURL, _ = url.Parse(req.URL)
	}
	res, err := extract.Extract(f.body, pageURL)
	if err != nil {
		c.record("extract", req.URL, err)
		return
	}
	if !res.IsArticle {
		c.stats.otherPages.Add(1)
		return
	}
	views := res.Views
	if res.Counter != nil && c.opts.FetchCounters {
		// The live count wins; where the counter cannot be fetched (robots.txt,
		// an error) the number printed on the page, if any, stands.
		if v := c.fetchCounter(ctx, res.Counter); v != nil {
			views = v
		}
	}
	now := time.Now().In(article.China)
	a := &article.Article{
		URL:                req.URL,
		Site:               site.Site.Host,
		SiteName:           site.Site.Name,
		Level:              site.Site.Level,
		Lineage:            c.sites.lineage(site.Site.Host),
		Column:             res.Column,
		Title:              res.Title,
		PublishedPrecision: res.Precision,
		Views:              views,
		Source:             res.Source,
		Author:             res.Author,
		Editor:             res.Editor,
		Body:               res.Body,
		FetchedAt:          now,
		ETag:               f.etag,
		LastModified:       f.lastMod,
	}
	if !res.Published.IsZero() {
		a.Published = res.Published.In(article.China)
	}
	if views != nil {
		a.ViewHistory = []article.ViewCount{{At: now, Views: *views}}
	}
	out, err := c.sink(a)
	if err != nil {
		c.record("archive", req.URL, err)
		return
	}
	switch out {
	case Added:
		c.stats.articlesNew.Add(1)
	case Changed:
		c.stats.articlesUpdated.Add(1)
	default:
		c.stats.articlesUnchanged.Add(1)
	}
}

// fetchCounter gets a view count that the page loads by script, where the
// counter URL is on a hierarchy site and robots.txt allows it. Unknown is
// nil, never 0.
func (c *Crawler) fetchCounter(ctx context.Context, ctr *extract.Counter) *int64 {
	canon, err := Canonicalize(ctr.URL)
	if err != nil || !c.sites.known(Host(canon)) {
		return nil
	}
	u, err := url.Parse(ctr.URL)
	if err != nil {
		return nil
	}
	ok, _, err := c.robots.allowed(ctx, u)
	if err != nil || !ok {
		c.stats.robotsBlocked.Add(1)
		return nil
	}
	c.politeWait(ctx)
	f := c.fetch(ctx, ctr.URL, kindCounter)
	if f.err != nil || f.status < 200 || f.status > 299 {
		c.record(errorKind(f), ctr.URL, f.err)
		return nil
	}
	c.stats.counters.Add(1)
	v, err := extract.ParseCounter(ctr.Kind, f.body)
	if err != nil {
		c.record("counter", ctr.URL, err)
		return nil
	}
	return v
}
