package crawl

import "strings"

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
