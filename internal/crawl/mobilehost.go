package crawl

import (
	"strings"

	"github.com/wenming-archive/wenming/internal/frontier"
)

// A site's mobile edition on a host of its own. Many county CMSes serve
// their 手机版 at m.<domain> or wap.<domain> (VSB, PHPCMS's wap module and
// Discuz!'s mobile domain bound to a second name), linked from the desktop
// pages: the same articles from a lighter template. Such a host is no site
// of the hierarchy — no new county, no place in a lineage — but the site
// itself under another name: its pages are in scope when the site is, and
// are fetched as the site's (frontier.Request.Site), so that an article
// found there is recognised by the archive as the desktop page's (same
// site, title and body) and kept as its alias. Which URL holds the record
// is the archive's to decide (a desktop address over a mobile one); the
// crawler only keeps the two in one site.

// mobileLabels are the first host labels of a mobile edition.
var mobileLabels = map[string]bool{"m": true, "wap": true, "3g": true, "mobile": true}

// mobileOf returns the host of the known site whose mobile edition host
// is: host's first label is one of mobileLabels and the rest is the host
// of a known site, or that host with "www." (m.example.gov.cn for
// www.example.gov.cn). A host the crawl knows as a site is its own site.
func (s *sites) mobileOf(host string) (string, bool) {
	if s.known(host) {
		return "", false
	}
	return mobileEditionOf(host, s.known)
}

// mobileEditionOf returns the host among those isSite accepts whose
// mobile edition host is by its name (see mobileOf).
func mobileEditionOf(host string, isSite func(string) bool) (string, bool) {
	first, rest, ok := strings.Cut(strings.ToLower(host), ".")
	if !ok || !mobileLabels[first] || !strings.Contains(rest, ".") {
		return "", false
	}
	for _, h := range []string{rest, "www." + rest} {
		if isSite(h) {
			return h, true
		}
	}
	return "", false
}

// siteOf returns the host of the site whose pages host serves: host
// itself, or the site host is the mobile edition of (mobileOf).
func (c *Crawler) siteOf(host string) string {
	if d, ok := c.sites.mobileOf(host); ok {
		return d
	}
	return host
}

// A site listed at its mobile edition. A parent may link a county by its
// 手机版 (http://m.<domain>/) while the desktop edition answers at
// <domain> or www.<domain>, which the mobile pages link (电脑版): the
// desktop pages carry what the lighter template leaves out (the author,
// the column, the count). A site found at a mobile edition's host whose
// homepage links the desktop host's root is crawled there as the same
// site, as a site that moved is (desktopMove); its mobile pages stay its
// mobile edition's, aliases of the desktop pages in the archive.

// desktopMove returns the move of the site at req's host, a mobile
// edition's (mobileLabels), to the desktop edition its homepage links;
// nil when it links none, the host is no mobile edition's, or the site
// was given in the config or placed already (a seed, a moved site).
func (c *Crawler) desktopMove(req frontier.Request, anchors []anchor) *siteMoved {
	first, rest, ok := strings.Cut(req.Site, ".")
	if req.Kind != kindHome || !ok || !mobileLabels[first] || !strings.Contains(rest, ".") {
		return nil
	}
	self, ok := c.sites.get(req.Site)
	if !ok || self.Fixed || self.MovedFrom != "" || self.MovedTo != "" {
		return nil
	}
	for _, a := range anchors {
		h := Host(a.URL)
		if (h != rest && h != "www."+rest) || !isRootURL(a.URL) || c.sites.known(h) {
			continue
		}
		if home, err := Canonicalize(a.URL); err == nil {
			return &siteMoved{from: req.Site, to: h, home: home}
		}
	}
	return nil
}
