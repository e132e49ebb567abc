package crawl

import (
	"context"
	"fmt"
	"net/url"
	"sync/atomic"
	"time"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/extract"
	"github.com/wenming-archive/wenming/internal/frontier"
)

// prepareArticle makes the record of an extracted page if it is an
// article: it fetches the article's continuation pages and joins them, and
// fetches a view count loaded by script. The record is then for the sink
// (see archive).
//
// It returns nil if there is nothing to archive. retry says that a
// continuation page or the view counter failed in a way worth another
// try: the article is then tried again later in the run (while the
// request has retries left) rather than archived incomplete.
func (c *Crawler) prepareArticle(ctx context.Context, req frontier.Request, f *fetched, site siteEntry, res *extract.Result) (a *article.Article, retry bool) {
	if res.Continuation {
		// Page 2 of an article reached on its own: the article is stored
		// from its first page, which is queued (once) instead.
		c.stats.otherPages.Add(1)
		if first, err := c.canonicalize(res.FirstPage); err == nil && c.inScope(Host(first)) {
			if _, err := c.front.Push(frontier.Request{URL: first, Host: Host(first), Kind: kindPage, Depth: req.Depth, Site: c.siteOf(Host(first)), Referer: req.URL}); err != nil {
				c.record("frontier", first, err)
			}
		}
		return nil, false
	}
	if !res.IsArticle && !c.dateFromList(ctx, req, res) {
		c.stats.otherPages.Add(1)
		return nil, false
	}
	retryLater := func() bool { return ctx.Err() == nil && !fenced(ctx) && c.attempt(req.URL) <= c.opts.Retries }
	anchors := f.anchors // the links of the article's pages, for its attachments
	if len(res.NextPages) > 0 {
		joined, more, again, err := c.fetchPages(ctx, res, req.URL)
		if err != nil {
			if ctx.Err() != nil || fenced(ctx) || c.fatal(req.URL, err) {
				return nil, false
			}
			if again && retryLater() {
				return nil, true
			}
			c.record("incomplete", req.URL, err)
			return nil, false
		}
		res, anchors = joined, append(anchors[:len(anchors):len(anchors)], more...)
	}
	views := res.Views
	if res.Counter != nil && c.opts.FetchCounters {
		// The live count wins; where the counter cannot be fetched (robots.txt,
		// an error) the number printed on the page, if any, stands.
		v, failed := c.fetchCounter(ctx, res.Counter, req.URL)
		if failed != nil {
			if c.fatal(res.Counter.URL, failed.err) || ctx.Err() != nil || fenced(ctx) {
				// The run stops (a full disk, an interrupt): the article
				// is not archived without its count; it stays queued.
				return nil, false
			}
			if failed.retry && retryLater() {
				return nil, true
			}
			if failed.firstReport() {
				c.record(failed.kind, res.Counter.URL, failed.err)
			}
		}
		if v != nil {
			views = v
		}
	}
	a = c.newArticle(req, f, site, res, views)
	if c.opts.CaptureAttachments {
		a.Attachments = attachmentsIn(anchors)
		c.linkOffered(a)
	}
	return a, false
}

// archive hands an article's record to the sink and counts what the sink
// did. It returns false if the record was not archived.
func (c *Crawler) archive(req frontier.Request, a *article.Article) (out Outcome, archived bool) {
	st, err := c.sink(a)
	if err != nil {
		c.record("archive", req.URL, err)
		return 0, false
	}
	switch st.Outcome {
	case Added:
		c.stats.articlesNew.Add(1)
	case Changed:
		c.stats.articlesUpdated.Add(1)
	case Aliased, FirstAlias:
		c.stats.articlesAliased.Add(1)
		if p := c.inert.sight(req.URL, st.Record); p != nil {
			c.inertNotes.log(c.log, "param", p.Param, "pattern", p.Pattern, "example", p.Example)
		}
	default:
		c.stats.articlesUnchanged.Add(1)
	}
	return st.Outcome, true
}

// newArticle makes the record of an extracted article page. A page reached
// through a redirect within the hierarchy is stored under the URL it
// redirected to; the URL that was linked becomes an alias of it.
func (c *Crawler) newArticle(req frontier.Request, f *fetched, site siteEntry, res *extract.Result, views *int64) *article.Article {
	now := time.Now().In(article.China)
	key, fetchedURL, aliases := req.URL, req.URL, []string(nil)
	if f.final != nil {
		fetchedURL = f.final.String()
		if fc, err := c.canonicalize(fetchedURL); err == nil && fc != req.URL && c.inScope(Host(fc)) {
			key, aliases = fc, []string{req.URL}
			if _, err := c.front.MarkSeen(fc); err != nil {
				c.record("frontier", fc, err)
			}
		}
	}
	a := &article.Article{
		URL:                key,
		Aliases:            aliases,
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
		BodyHTML:           res.BodyHTML,
		Images:             res.Images,
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
	if c.opts.Capture != nil {
		if cp, ok := c.opts.Capture(fetchedURL); ok {
			a.Capture = &cp
		}
	}
	return a
}

// maxPages bounds the continuation pages fetched for one article.
const maxPages = 50

// fetchPages fetches an article's continuation pages (politely, robots.txt
// permitting), each referred by the one before it from the first page at
// firstURL, and joins them to the first page. Any page that cannot be
// fetched makes the article incomplete: it is then not archived in this
// pass rather than archived with part of its body. With
// Options.CaptureAttachments it also returns the continuation pages'
// links (see attachmentsIn).
func (c *Crawler) fetchPages(ctx context.Context, first *extract.Result, firstURL string) (joined *extract.Result, links []anchor, retry bool, err error) {
	var urls []string
	for _, p := range first.NextPages {
		canon, err := c.canonicalize(p)
		if err != nil || !c.inScope(Host(canon)) {
			return nil, nil, false, fmt.Errorf("continuation page %s is out of scope", p)
		}
		urls = append(urls, canon)
		if len(urls) == maxPages {
			break
		}
	}
	if _, err := c.front.MarkSeen(urls...); err != nil {
		return nil, nil, false, err
	}
	more := make([]*extract.Result, 0, len(urls))
	prev := firstURL
	for _, u := range urls {
		pu, _ := url.Parse(u)
		ok, _, err := c.robots.allowed(ctx, pu)
		if err != nil {
			return nil, nil, true, fmt.Errorf("continuation page %s: %w", u, err) // robots.txt unavailable: try later
		}
		if !ok {
			return nil, nil, false, fmt.Errorf("continuation page %s: %w", u, errRobots)
		}
		f := c.fetchWith(ctx, u, kindPage, withReferer(nil, u, prev), 1)
		prev = u
		if de, ok := AsDiskError(f.err); ok {
			return nil, nil, false, fmt.Errorf("continuation page %s: %w", u, de)
		}
		if f.err != nil || f.status < 200 || f.status > 299 {
			return nil, nil, retryable(f), fmt.Errorf("continuation page %s: %s", u, errorKind(f))
		}
		c.stats.pages.Add(1)
		final := f.final
		if final == nil {
			final = pu
		}
		doc, err := extract.Parse(f.body, final)
		var r *extract.Result
		if err == nil {
			r, err = extract.ExtractLaterPage(doc, c.opts.Extract, first)
		}
		if err != nil {
			return nil, nil, false, fmt.Errorf("continuation page %s: %w", u, err)
		}
		if c.opts.CaptureAttachments {
			pageLinks, _ := anchorsIn(doc, false, queryEncoder(f.charset))
			links = append(links, pageLinks...)
		}
		doc.Release()
		more = append(more, r)
	}
	return extract.JoinPages(first, more...), links, false, nil
}

// counterFailure is why a view counter could not be read.
type counterFailure struct {
	kind  string
	err   error
	retry bool // worth another try later in the run
	// reported is set when the failure is recorded in the summary: the
	// failure of a counter that pages under several URLs load is recorded
	// once (nil: not kept by the memo, recorded each time).
	reported *atomic.Bool
}

// firstReport reports whether the failure is yet to be recorded, and
// marks it recorded.
func (f *counterFailure) firstReport() bool {
	return f.reported == nil || f.reported.CompareAndSwap(false, true)
}

// fetchCounter gets a view count that the page at page loads by script,
// where the counter URL is on a hierarchy site and robots.txt allows it,
// asking it as the page's script does (with the page as Referer). Unknown
// is nil, never 0. A failed fetch or an unreadable answer is reported,
// not recorded: the caller decides whether to try again later. A counter
// is asked once a run (countMemo): a page loading one that was read, or
// that failed for good, under another URL gets that count or failure
// without a request.
func (c *Crawler) fetchCounter(ctx context.Context, ctr *extract.Counter, page string) (*int64, *counterFailure) {
	canon, err := Canonicalize(ctr.URL)
	if err != nil || !c.sites.known(Host(canon)) {
		return nil, nil
	}
	if v, ok := c.counts.get(canon); ok {
		// Read for this article under another of its URLs.
		return &v, nil
	}
	v, failed, memo, err := c.counts.begin(ctx, canon, c.opts.Retries)
	switch {
	case err != nil:
		return nil, &counterFailure{kind: errKind(err), err: err}
	case memo == nil:
		return v, failed // read, or failed for good, for this article under another of its URLs
	}
	v, failed = c.askCounter(ctx, ctr, page)
	if ctx.Err() != nil || fenced(ctx) {
		c.counts.end(canon, memo, nil, nil) // cut short: no answer of the counter's
	} else {
		c.counts.end(canon, memo, v, failed)
	}
	return v, failed
}

// askCounter asks the counter ctr for the page at page (fetchCounter).
func (c *Crawler) askCounter(ctx context.Context, ctr *extract.Counter, page string) (*int64, *counterFailure) {
	u, err := url.Parse(ctr.URL)
	if err != nil {
		return nil, nil
	}
	ok, _, err := c.robots.allowed(ctx, u)
	if err != nil {
		// robots.txt unavailable: a failure of the site, not a refusal.
		return nil, &counterFailure{kind: errKind(err), err: err, retry: ctx.Err() == nil}
	}
	if !ok {
		c.stats.robotsBlocked.Add(1)
		return nil, nil
	}
	f := c.fetchWith(ctx, ctr.URL, kindCounter, withReferer(nil, ctr.URL, page), 1)
	if f.err != nil || f.status < 200 || f.status > 299 {
		return nil, &counterFailure{kind: errorKind(f), err: f.err, retry: retryable(f)}
	}
	c.stats.counters.Add(1)
	v, err := ctr.Parse(f.body)
	if err != nil {
		return nil, &counterFailure{kind: "counter", err: err}
	}
	return v, nil
}
