package crawl

import (
	"net/url"
	"time"
)

// Sites without a sitemap. Every crawl asks each site's /sitemap.xml,
// which many sites serve without naming it in robots.txt; most of the
// hierarchy's small sites have none, and a nightly crawl paid a 404 (or a
// soft-404 page, or an empty sitemap) for each of them every night. A
// guessed /sitemap.xml that listed nothing is kept in the crawl state
// (state/sitemaps.json) for sitemapKeep, and the runs after it do not ask
// it; a sitemap that robots.txt names is always asked. Sitemaps add to
// what the site's lists show, so a sitemap published meanwhile costs
// nothing but its own pages' earlier discovery, for at most sitemapKeep.

// sitemapFile is the crawl state file of the sitemaps found absent;
// sitemapKeep how long one is kept: two weeks, shorter than a trap's
// month, since a sitemap that appears lists the whole site at once.
const (
	sitemapFile   = "sitemaps.json"
	sitemapKeep   = 14 * 24 * time.Hour
	maxSitemaps   = 100000
	sitemapAbsent = "absent"
)

func newNoSitemaps() *urlMemory {
	return newURLMemory(sitemapFile, "sitemaps found absent", sitemapKeep, maxSitemaps)
}

// guessedSitemap returns the /sitemap.xml of home's site, unless an
// earlier run found it absent and the site's robots.txt (named) does not
// name it.
func (c *Crawler) guessedSitemap(home *url.URL, named []string) (string, bool) {
	guess := home.Scheme + "://" + home.Host + "/sitemap.xml"
	canon, err := c.canonicalize(guess)
	if err != nil || c.noSitemaps.note(canon) != sitemapAbsent {
		return guess, true
	}
	for _, n := range named {
		if nc, err := c.canonicalize(n); err == nil && nc == canon {
			return guess, true
		}
	}
	return "", false
}

// sitemapListed notes what a fetched sitemap at u listed: nothing
// (absent, a page that is no sitemap, an empty one) or something. Only a
// site's /sitemap.xml, the one guessed, is noted.
func (c *Crawler) sitemapListed(u string, n int) {
	if pu, err := url.Parse(u); err != nil || pu.Path != "/sitemap.xml" || pu.RawQuery != "" {
		return
	}
	if n == 0 {
		c.noSitemaps.learn(u, sitemapAbsent, time.Now())
		return
	}
	c.noSitemaps.forget(u)
}
