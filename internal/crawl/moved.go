package crawl

import (
	"fmt"

	"github.com/wenming-archive/wenming/internal/frontier"
)

// siteMoved is the redirect of a known site's homepage to a host no site
// of the hierarchy has: the site moved (to a domain of its own, from its
// bare name to www., to a new platform). checkRedirect stops there, and
// the crawl goes on at the new host as the same site (Crawler.follow).
type siteMoved struct {
	from, to string // hosts
	home     string // canonical URL the homepage redirected to
}

func (e *siteMoved) Error() string {
	return fmt.Sprintf("site %s moved to %s", e.from, e.home)
}

// movedSite tells whether the redirect from raw to the canonical URL
// target, a host out of scope, moves a site: raw must be a site's homepage
// (any other page's redirect off the hierarchy is out of scope), and
// target on a host no site has, or the one the site moved to before (a
// later run meets the old homepage again in its parent's link block).
func movedSite(s *sites, raw, target string) *siteMoved {
	canon, err := Canonicalize(raw)
	if err != nil {
		return nil
	}
	from, to := Host(canon), Host(target)
	e, ok := s.get(from)
	if !ok || e.Home != canon {
		return nil
	}
	if e.MovedTo != to && (e.MovedTo != "" || s.known(to)) {
		return nil
	}
	return &siteMoved{from: from, to: to, home: target}
}

// stubMoved follows a homepage stub that sends the browser to a host out of
// the hierarchy (a meta refresh or location script to the site's new
// domain) as a moved site, as checkRedirect does an HTTP redirect.
func (c *Crawler) stubMoved(req frontier.Request, target string, pushed map[string]int) {
	if req.Kind != kindHome {
		return
	}
	canon, err := Canonicalize(target)
	if err != nil {
		return
	}
	if mv := movedSite(c.sites, req.URL, canon); mv != nil {
		c.follow(req, mv, pushed)
	}
}

// follow registers a moved site at its new host and queues its homepage
// there, as a site the crawl found: robots.txt of the new host, the pattern
// budget and the per-host limits apply as to any site.
func (c *Crawler) follow(req frontier.Request, mv *siteMoved, pushed map[string]int) {
	ok, added := c.sites.moved(mv.from, mv.to, mv.home)
	if !ok {
		// Excluded in the config, or another site took the host meanwhile.
		c.record(KindRedirect, req.URL, fmt.Errorf("redirect out of scope to %s", mv.home))
		return
	}
	if added {
		c.log.Info("site moved: crawled at its new address", "site", mv.from, "to", mv.home)
		if err := c.sites.save(); err != nil {
			c.record("state", req.URL, err)
		}
	}
	c.push([]frontier.Request{{URL: mv.home, Host: mv.to, Kind: kindHome, Depth: req.Depth, Site: mv.to, Referer: req.URL}}, pushed)
}
