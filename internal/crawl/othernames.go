package crawl

import (
	"net/url"
	"strings"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/frontier"
)

// Another name of a known site. A site may answer under a second domain
// with no redirect between the two (one server bound to both names): the
// platform and a 2021 crawler config name 河北文明网 hb.wenming.cn, while
// the pages of the sites below it link www.hbjswm.gov.cn. Read as a site
// of its own, the second name would be crawled again whole — every page
// twice, every article found a second time — and counted as one more site.
//
// The top strip of a lower site tells: it names the site's ancestors in
// order, each by its full name. An ancestor at a host the crawl does not
// know, whose name, level and parent (the ancestor before it) are those of
// a known site, is that site by another name: the strip is read as naming
// the known host, and links to the other name are fetched at the known
// host (fetchedAt), where the crawl has them already. Two sites of one
// level under one parent do not share a name, so a site that truly is
// another (a sibling county) is never taken for one it is not.

// sameSite returns the host of the known site that has the given name,
// level and parent; a site that moved answers at its new host.
func (s *sites) sameSite(name string, level article.Level, parent string) (string, bool) {
	if name == "" {
		return "", false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for host, e := range s.byHost {
		if e.Site.Name == name && e.Site.Level == level && e.Parent == parent && e.MovedFrom == "" {
			if e.MovedTo != "" {
				host = e.MovedTo
			}
			return host, true
		}
	}
	return "", false
}

// otherNames reads the ancestors of a top strip (see readStrip): an
// ancestor at an unknown host that is a known site by another name is
// rewritten to name the known site, and the other name is remembered.
func (c *Crawler) otherNames(ancestors []anchor) []anchor {
	parent := ""
	for i, a := range ancestors {
		host := Host(a.URL)
		if k, ok := c.knownAs(host); ok {
			host = k
		} else if !c.sites.known(host) {
			if k, ok := c.sites.sameSite(a.Text, article.LevelAt(i), parent); ok {
				c.names.Store(host, k)
				c.log.Info("another name of a known site: its links are fetched at the known name", "host", host, "site", k, "name", a.Text)
				host = k
			}
		}
		if host != Host(a.URL) {
			if e, ok := c.sites.get(host); ok && e.Home != "" {
				ancestors[i].URL = e.Home
			}
		}
		parent = host
	}
	return ancestors
}

// knownAs returns the host of the known site that host is another name
// of, if the crawl learnt one (otherNames).
func (c *Crawler) knownAs(host string) (string, bool) {
	v, ok := c.names.Load(host)
	if !ok {
		return "", false
	}
	return v.(string), true
}

// atKnownName returns the canonical URL, and the URL, of the page u names
// at the known site its host is another name of, at that site's scheme;
// u itself when its host is no such name.
func (c *Crawler) atKnownName(canon string, u *url.URL) (string, *url.URL) {
	k, ok := c.knownAs(u.Host)
	if !ok {
		return canon, u
	}
	scheme := u.Scheme
	if e, ok := c.sites.get(k); ok {
		if hu, err := url.Parse(e.Home); err == nil {
			scheme = hu.Scheme
		}
	}
	return c.atTwin(u, scheme, k)
}

// knownNames rewrites the links of a homepage's link blocks that name a
// known site by another name the crawl learnt to name the known site.
func (c *Crawler) knownNames(links []anchor) []anchor {
	for i, a := range links {
		if k, ok := c.knownAs(Host(a.URL)); ok {
			if e, ok := c.sites.get(k); ok && e.Home != "" {
				links[i].URL = e.Home
			}
		}
	}
	return links
}

// A site's own name in its top strip. A site that moved to a new host
// while its old one, never switched off, still answers (no redirect either
// way: one server bound to both names) is linked by its parents at the new
// host, while its own pages keep the absolute links their templates were
// written with: their top strip ends with the site's own name at the old
// host (中国文明网 陕西文明网 西安文明网 周至文明网). That last link is the site
// itself, not a child of it: read as an ancestor it would put the site one
// level below itself. When the old host is a site the crawl knows, whose
// homepage was read, with that name, the new host is that site by another
// name, as a second name found in a top strip is: its links are fetched at
// the known host and it is counted once.

// selfInStrip reads the top strip (ancestors) of the homepage req read (f)
// for a last ancestor at another host bearing the site's own name (the
// homepage's <title>), under which the link blocks that listed the site
// (by its place, 周至, or in full) could have named it. When that host is
// a site the crawl knows, whose homepage was read, with that name and the
// parent the strip gives, req's host is that site by another name:
// selfInStrip notes it (knownAs), takes req's host off the sites counted
// and returns the known host. Otherwise the link is dropped from the strip
// where the strip would put the site below the lowest level, or where
// without it the strip ends at the site that listed this one (a <title>
// naming the parent, 南宫频道 - 邢台文明网, is no such case: the strip then
// ends a level above). It returns the ancestors left.
func (c *Crawler) selfInStrip(req frontier.Request, f *fetched, ancestors []anchor) (rest []anchor, knownHost string) {
	if req.Kind != kindHome || len(ancestors) < 2 {
		return ancestors, ""
	}
	last := ancestors[len(ancestors)-1]
	name := titleName(f.body)
	host := Host(last.URL)
	self, ok := c.sites.get(req.Site)
	if name == "" || last.Text != name || host == req.Site || !ok || self.Answered || self.MovedFrom != "" || !listedAs(self.Site.Name, name) {
		return ancestors, "" // not the site's own name, or a site read as itself before
	}
	rest = ancestors[:len(ancestors)-1]
	parent := Host(rest[len(rest)-1].URL)
	if e, ok := c.sites.get(host); ok && e.Answered && e.MovedTo == "" && e.Site.Name == name && e.Parent == parent && c.sites.otherName(req.Site, host) {
		c.names.Store(req.Site, host)
		c.log.Info("another name of a known site: its links are fetched at the known name", "host", req.Site, "site", host, "name", name)
		return rest, host
	}
	if len(ancestors) >= len(article.Levels) || self.Parent == parent {
		return rest, ""
	}
	return ancestors, ""
}

// listedAs reports whether a link block's name for a site (周至, 周至县,
// 周至文明网; none) can be the site named name (周至文明网).
func listedAs(listed, name string) bool {
	listed = strings.TrimRight(listed, "县市区旗")
	return listed == "" || strings.Contains(name, listed)
}
