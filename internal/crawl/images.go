package crawl

import (
	"context"
	"io"
	"mime"
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

// The images of archived articles (Options.CaptureImages): once an
// article is stored, the images of its body (article.Images, its
// continuation pages' included) are queued as frontier requests of their
// own kind, kindImage, on their host's queue. Queued, not fetched at once
// by the article's worker: the scheduler then gives them the host's
// politeness like any page (PerHost, the delay and Crawl-delay, backoff
// after 429 and 5xx, a host left when down), they wait their turn behind
// the host's pages instead of holding a worker through a burst, the
// frontier's seen-set fetches an image once per run however many
// articles show it (a logo in every body), and an interrupted run resumes
// them. Their fetch goes through the crawler's client, so the WARC
// recorder behind Options.Transport archives the request and the answer
// (whatever its type or status) like a page's, and they reach the CDXJ
// index and the exports.
//
// An image captured by an earlier run (Options.CapturedBefore, answered
// by the archive's WARC index: a 2xx capture of the URL) is not fetched
// again: the CMSs of these sites store an upload under a new name
// (/uploads/allimg/240315/1-24031509212I52.jpg, TRS's W020240315….jpg),
// they never replace the picture behind one.

// MaxImagesPerArticle bounds the images queued for one article: a 图片新闻
// of many photos has them all well under it, while a page whose body is
// a gallery of hundreds costs a bounded number of requests.
const MaxImagesPerArticle = 20

// maxImageBytes caps the answer to one image (never above MaxBodyBytes):
// the photos of these sites are tens to hundreds of KB; an answer past
// the cap is cut (so not archived) and counted too large.
const maxImageBytes = 5 << 20

// imageStats counts what became of the images of archived articles.
type imageStats struct {
	captured, notImage, tooLarge, dead, failed atomic.Int64
	robots, offScope, capped, earlier          atomic.Int64
}

// ImageSummary says what became of the images of the articles archived
// in a run (Options.CaptureImages).
type ImageSummary struct {
	Captured int64 `json:"captured"`  // fetched 2xx with an image type, archived
	NotImage int64 `json:"not_image"` // fetched 2xx, archived, but not an image (an HTML error page)
	TooLarge int64 `json:"too_large"` // cut at the per-image cap, not archived
	Dead     int64 `json:"dead"`      // answered 404 or 410: the site's dead link, no error
	Failed   int64 `json:"failed"`    // other failures (5xx, network) after their retries
	Robots   int64 `json:"robots"`    // not fetched: robots.txt disallows them
	OffScope int64 `json:"off_scope"` // not fetched: on a host outside the hierarchy
	Capped   int64 `json:"capped"`    // not fetched: past MaxImagesPerArticle of their article
	Earlier  int64 `json:"earlier"`   // not fetched: captured by an earlier run
}

func (s *imageStats) summary() ImageSummary {
	return ImageSummary{
		Captured: s.captured.Load(), NotImage: s.notImage.Load(), TooLarge: s.tooLarge.Load(),
		Dead: s.dead.Load(), Failed: s.failed.Load(), Robots: s.robots.Load(),
		OffScope: s.offScope.Load(), Capped: s.capped.Load(), Earlier: s.earlier.Load(),
	}
}

// queueImages queues the images of an archived article (see above) and
// returns how many it queued per host.
func (c *Crawler) queueImages(req frontier.Request, a *article.Article) map[string]int {
	if !c.opts.CaptureImages || len(a.Images) == 0 {
		return nil
	}
	images := a.Images
	if len(images) > MaxImagesPerArticle {
		c.stats.images.capped.Add(int64(len(images) - MaxImagesPerArticle))
		images = images[:MaxImagesPerArticle]
	}
	reqs := make([]frontier.Request, 0, len(images))
	for _, src := range images {
		canon, err := c.canonicalize(src)
		if err != nil || !c.imageInScope(a.Site, Host(canon)) {
			c.stats.images.offScope.Add(1)
			continue
		}
		if c.opts.CapturedBefore != nil && c.opts.CapturedBefore(canon) {
			c.stats.images.earlier.Add(1)
			continue
		}
		reqs = append(reqs, frontier.Request{URL: canon, Host: Host(canon), Kind: kindImage, Depth: req.Depth + 1, Site: a.Site, Referer: a.URL})
	}
	pushed := map[string]int{}
	c.push(reqs, pushed)
	return pushed
}

// imageInScope reports whether an image of an article of site may be
// fetched from host: a site of the hierarchy, or a host under the site's
// own registrable domain (img.xt.gov.cn for xt.gov.cn, by the public
// suffix list) — the image server a CMS publishes the site's uploads to,
// run by the site's owner, which no link block names as a site. A host
// the config excludes never is; an IP address has no registrable domain,
// so there only the hierarchy's own hosts are.
func (c *Crawler) imageInScope(site, host string) bool {
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

// processImage fetches an image request, robots.txt permitting, and counts
// what it got; the recorder behind the transport archives the exchange.
// Its failures never touch the article (stored already) nor the crawl's
// errors: they are counted in ImageSummary. It reports whether the request
// stays in flight (to be retried later in the run, or cut short).
func (c *Crawler) processImage(ctx context.Context, req frontier.Request, d *done) (keep bool) {
	u, err := url.Parse(req.URL)
	if err != nil {
		c.stats.images.failed.Add(1)
		return false
	}
	if !c.mayFetch(ctx, req, u, d, &keep) {
		return keep
	}
	f := c.fetchImage(ctx, req)
	d.status, d.retryAfter, d.failed = f.status, f.retryAfter, retryable(f)
	ok := f.err == nil && f.status >= 200 && f.status <= 299
	switch {
	case ctx.Err() != nil || c.fatal(req.URL, f.err):
		return true
	case ok && isImage(f.contentType, f.body):
		c.stats.images.captured.Add(1)
	case ok:
		c.stats.images.notImage.Add(1)
	case errKind(f.err) == KindTooLarge:
		c.stats.images.tooLarge.Add(1)
	case errorKind(f) == KindDeadLink:
		c.stats.images.dead.Add(1)
	case d.failed && f.retryAfter <= maxRetryAfter && c.attempt(req.URL) <= c.opts.Retries:
		c.stats.retried.Add(1)
		d.retry = &req
		return true
	default:
		c.stats.images.failed.Add(1)
		c.log.Debug("image not captured", "url", req.URL, "kind", errorKind(f), "err", f.err)
	}
	return false
}

// fetchImage GETs an image as a browser showing its article would: with
// the article as Referer (image servers refuse hotlinks without it) and
// the body capped at maxImageBytes.
func (c *Crawler) fetchImage(ctx context.Context, req frontier.Request) *fetched {
	f := &fetched{}
	c.stats.requests.Add(1)
	hr, err := http.NewRequestWithContext(capBody(ctx, maxImageBytes), http.MethodGet, req.URL, nil)
	if err != nil {
		f.err = err
		return f
	}
	hr.Header.Set("User-Agent", c.opts.UserAgent)
	hr.Header.Set("Accept", "image/avif,image/webp,image/apng,image/*,*/*;q=0.8")
	if ref := withReferer(nil, req.URL, req.Referer).Get("Referer"); ref != "" {
		hr.Header.Set("Referer", ref) // as a browser sends it (withReferer)
	}
	resp, err := c.client.Do(hr)
	if err != nil {
		f.err = err
		return f
	}
	defer resp.Body.Close()
	f.status, f.contentType = resp.StatusCode, resp.Header.Get("Content-Type")
	f.retryAfter = retryAfter(resp.Header.Get("Retry-After"), time.Now())
	if f.retryAfter > 0 {
		c.holdHost(hr.URL.Host, min(f.retryAfter, maxRetryAfter))
	}
	f.body, f.err = io.ReadAll(resp.Body) // the guard's copy, in memory
	return f
}

// isImage reports whether an answer is an image: its Content-Type says
// image/…, or, without one, its bytes do.
func isImage(contentType string, body []byte) bool {
	if strings.TrimSpace(contentType) == "" {
		contentType = http.DetectContentType(body)
	}
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && strings.HasPrefix(mt, "image/")
}
