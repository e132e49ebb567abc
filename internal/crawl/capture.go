package crawl

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/net/publicsuffix"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/frontier"
)

// Captures: what an archived article shows or links besides its pages —
// its images (Options.CaptureImages, images.go) and its attachments
// (Options.CaptureAttachments, attachments.go) — fetched for the WARC
// alone. One machinery serves both; a captureKind says what differs (the
// frontier kind, the per-article and per-answer caps, the Accept header,
// what answer is of the kind, the counters).
//
// Once an article is stored, its captures are queued as frontier requests
// of their kind on their host's queue. Queued, not fetched at once by the
// article's worker: the scheduler then gives them the host's politeness
// like any page (PerHost, the delay and Crawl-delay, backoff after 429
// and 5xx, a host left when down), they wait their turn behind the host's
// pages instead of holding a worker through a burst, the frontier's
// seen-set fetches a URL once per run however many articles show it (a
// logo in every body, a 名单 two notices link), and an interrupted run
// resumes them. Their fetch goes through the crawler's client, so the
// WARC recorder behind Options.Transport archives the request and the
// answer (whatever its type or status) like a page's, and they reach the
// CDXJ index and the exports.
//
// A URL captured by an earlier run (Options.CapturedBefore, answered by
// the archive's WARC index: a 2xx capture of the URL) is not fetched
// again: the CMSs of these sites store an upload under a new name
// (/uploads/allimg/240315/1-24031509212I52.jpg, TRS's W020240315….jpg,
// /uploadfile/2024/0315/20240315092112345.doc), they never replace the
// file behind one.

// captureKind is what one kind of capture is.
type captureKind struct {
	kind       string                                     // the frontier kind of its requests
	perArticle int                                        // at most this many queued for one article
	maxBytes   int64                                      // the cap on one answer
	pastBody   bool                                       // maxBytes holds above Options.MaxBodyBytes (else the lower wins)
	accept     string                                     // the Accept header, as a browser sends it for such a link
	keep       int                                        // how much of an answer the crawler reads (at least sniffLen: see headOnly)
	stats      *captureStats                              // what became of them
	wanted     func(contentType string, head []byte) bool // a 2xx answer is of the kind (head: its first bytes)
}

// captureStats counts what became of the captures of one kind; the
// Summary says it as ImageSummary or AttachmentSummary.
type captureStats struct {
	captured, wrongType, tooLarge, dead, failed atomic.Int64
	robots, offScope, capped, earlier           atomic.Int64
	downloadPages                               atomic.Int64 // answered by a download page, its document queued (downloadpage.go)
}

// summary is the account of the counters, in ImageSummary's fields.
func (s *captureStats) summary() ImageSummary {
	return ImageSummary{
		Captured: s.captured.Load(), NotImage: s.wrongType.Load(), TooLarge: s.tooLarge.Load(),
		Dead: s.dead.Load(), Failed: s.failed.Load(), Robots: s.robots.Load(),
		OffScope: s.offScope.Load(), Capped: s.capped.Load(), Earlier: s.earlier.Load(),
		DownloadPages: s.downloadPages.Load(),
	}
}

// captureOf returns the capture kind of a frontier kind; nil for a page's.
func (c *Crawler) captureOf(kind string) *captureKind {
	switch kind {
	case kindImage:
		return &c.images
	case kindAttachment, kindOffered:
		return &c.attachments
	}
	return nil
}

// queueCaptures queues what an archived article shows or links (see
// above), as the options ask, and returns how many it queued per host.
func (c *Crawler) queueCaptures(req frontier.Request, a *article.Article) map[string]int {
	pushed := map[string]int{}
	if c.opts.CaptureImages {
		c.queueCapture(req, a, &c.images, a.Images, pushed)
	}
	if c.opts.CaptureAttachments {
		urls := make([]string, len(a.Attachments))
		offered := map[string]bool{} // documents behind a download page: one hop taken
		for i, at := range a.Attachments {
			urls[i] = at.URL
			if canon, err := c.canonicalize(at.URL); err == nil && at.Via != "" {
				offered[canon] = true
			}
		}
		reqs := c.captureRequests(req, a, &c.attachments, urls)
		for i := range reqs {
			if offered[reqs[i].URL] {
				reqs[i].Kind = kindOffered
			}
		}
		c.push(reqs, pushed)
		c.waitOffers(a, reqs)
	}
	return pushed
}

// queueCapture queues urls, the captures of kind k of article a (see
// captureRequests), adding the requests queued per host to pushed.
func (c *Crawler) queueCapture(req frontier.Request, a *article.Article, k *captureKind, urls []string, pushed map[string]int) {
	c.push(c.captureRequests(req, a, k, urls), pushed)
}

// captureRequests returns the requests of urls, the captures of kind k
// of article a, within their per-article cap, their scope and the
// earlier runs' captures.
func (c *Crawler) captureRequests(req frontier.Request, a *article.Article, k *captureKind, urls []string) []frontier.Request {
	if len(urls) > k.perArticle {
		k.stats.capped.Add(int64(len(urls) - k.perArticle))
		urls = urls[:k.perArticle]
	}
	reqs := make([]frontier.Request, 0, len(urls))
	for _, src := range urls {
		canon, err := c.canonicalize(src)
		if err != nil || !c.captureInScope(a.Site, Host(canon)) {
			k.stats.offScope.Add(1)
			continue
		}
		if c.opts.CapturedBefore != nil && c.opts.CapturedBefore(canon) {
			k.stats.earlier.Add(1)
			continue
		}
		reqs = append(reqs, frontier.Request{URL: canon, Host: Host(canon), Kind: k.kind, Depth: req.Depth + 1, Site: a.Site, Referer: a.URL})
	}
	return reqs
}

// captureInScope reports whether a capture of an article of site may be
// fetched from host: a site of the hierarchy, or a host under the site's
// own registrable domain (img.xt.gov.cn for xt.gov.cn, by the public
// suffix list) — the image or file server a CMS publishes the site's
// uploads to, run by the site's owner, which no link block names as a
// site. A host the config excludes never is; an IP address has no
// registrable domain, so there only the hierarchy's own hosts are.
func (c *Crawler) captureInScope(site, host string) bool {
	if host == "" || c.sites.exclude[strings.ToLower(host)] {
		return false
	}
	if c.sites.known(host) {
		return true
	}
	own, ok := registrable(site)
	if !ok {
		return false
	}
	d, ok := registrable(host)
	return ok && d == own
}

// registrable returns the registrable domain (eTLD+1) of a host, without
// its port; false for an IP address or a public suffix itself.
func registrable(host string) (string, bool) {
	name := host
	if h, _, err := net.SplitHostPort(host); err == nil {
		name = h
	}
	name = strings.TrimSuffix(strings.ToLower(name), ".")
	if name == "" || net.ParseIP(name) != nil {
		return "", false
	}
	d, err := publicsuffix.EffectiveTLDPlusOne(name)
	return d, err == nil
}

// processCapture fetches a capture request of kind k, robots.txt
// permitting, and counts what it got; the recorder behind the transport
// archives the exchange. Its failures never touch the article (stored
// already) nor the crawl's errors: they are counted in k's summary. It
// reports whether the request stays in flight (to be retried later in
// the run, or cut short).
func (c *Crawler) processCapture(ctx context.Context, req frontier.Request, k *captureKind, d *done) (keep bool) {
	defer func() {
		if !keep && req.Kind == kindAttachment {
			c.offers.settle(req.URL, article.Attachment{}, false) // read: no more waiting
		}
	}()
	u, err := url.Parse(req.URL)
	if err != nil {
		k.stats.failed.Add(1)
		return false
	}
	if !c.mayFetch(ctx, req, u, d, &keep) {
		return keep
	}
	f := c.fetchCapture(ctx, req, k)
	d.status, d.retryAfter, d.failed = f.status, f.retryAfter, retryable(f)
	c.answered(req.Host, f)
	ok := f.err == nil && f.status >= 200 && f.status <= 299
	switch {
	case ctx.Err() != nil || fenced(ctx) || c.fatal(req.URL, f.err):
		return true
	case ok && k.wanted(f.contentType, f.body):
		k.stats.captured.Add(1)
	case ok && req.Kind == kindAttachment:
		if doc, offered := c.offeredDocument(req.URL, f.final, f.contentType, f.body); offered {
			k.stats.downloadPages.Add(1)
			c.followOffer(req, doc, d.pushedMap())
			break
		}
		k.stats.wrongType.Add(1)
	case ok:
		k.stats.wrongType.Add(1)
	case errKind(f.err) == KindTooLarge:
		k.stats.tooLarge.Add(1)
	case errorKind(f) == KindDeadLink:
		k.stats.dead.Add(1)
	case d.failed && f.retryAfter <= maxRetryAfter && c.attempt(req.URL) <= c.opts.Retries:
		c.stats.retried.Add(1)
		d.retry = &req
		return true
	default:
		k.stats.failed.Add(1)
		c.log.Debug("capture failed", "kind", k.kind, "url", req.URL, "error_kind", errorKind(f), "err", f.err)
	}
	return false
}

// fetchCapture GETs a capture as a browser showing its article would:
// with the article as Referer (image and file servers refuse hotlinks
// without it) and the body capped at k.maxBytes. The guard reads the body
// to its end (the recorder archives the exchange then) but keeps only its
// first bytes, which are all the crawler looks at (see headOnly): a
// capture's bytes are held once, by the recorder, not again by the guard.
func (c *Crawler) fetchCapture(ctx context.Context, req frontier.Request, k *captureKind) *fetched {
	f := &fetched{}
	c.stats.requests.Add(1)
	limit := k.maxBytes
	if !k.pastBody {
		limit = min(limit, int64(c.opts.MaxBodyBytes))
	}
	hr, err := http.NewRequestWithContext(headOnly(ctx, limit, k.keep), http.MethodGet, req.URL, nil)
	if err != nil {
		f.err = err
		return f
	}
	hr.Header.Set("User-Agent", c.opts.UserAgent)
	hr.Header.Set("Accept", k.accept)
	if ref := withReferer(nil, req.URL, req.Referer).Get("Referer"); ref != "" {
		hr.Header.Set("Referer", ref) // as a browser sends it (withReferer)
	}
	resp, err := c.client.Do(hr)
	if err != nil {
		f.err = err
		return f
	}
	defer resp.Body.Close()
	f.status, f.contentType, f.final = resp.StatusCode, resp.Header.Get("Content-Type"), resp.Request.URL
	f.retryAfter = retryAfter(resp.Header.Get("Retry-After"), time.Now())
	if f.retryAfter > 0 {
		c.holdHost(hr.URL.Host, min(f.retryAfter, maxRetryAfter))
	}
	f.body, f.err = io.ReadAll(resp.Body) // the guard's head of the body (k.keep bytes at most)
	return f
}
