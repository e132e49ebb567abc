package crawl

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/wenming-archive/wenming/internal/frontier"
)

// Limits of sitemap reading (the sitemaps.org protocol allows 50,000 URLs
// and 50 MB uncompressed per file).
const (
	maxSitemapURLs  = 50000
	maxSitemapBytes = 50 << 20
)

// pushSitemaps queues the sitemaps of a site whose homepage was just
// fetched: those its robots.txt names (on hosts of the hierarchy) and
// /sitemap.xml, which many sites serve without naming it. A missing
// sitemap costs one 404 and is not an error; later runs do not ask it
// again for a while (sitemapmemory.go).
func (c *Crawler) pushSitemaps(home *url.URL, req frontier.Request, m map[string]int) {
	urls := c.robots.sitemaps(home)
	if guess, ok := c.guessedSitemap(home, urls); ok { // sitemapmemory.go
		urls = append(urls, guess)
	}
	var reqs []frontier.Request
	for _, raw := range urls {
		canon, err := c.canonicalize(raw)
		if err != nil || !c.inScope(Host(canon)) {
			continue
		}
		reqs = append(reqs, frontier.Request{URL: canon, Host: Host(canon), Kind: kindSitemap, Depth: req.Depth + 1, Site: Host(canon), Referer: req.URL})
	}
	c.push(reqs, m)
}

// sitemap reads a fetched sitemap or sitemap index and queues what it
// lists: child sitemaps, and pages of the sites in scope (archived
// articles left out as for links, young ones revisited). A body that is
// not a sitemap (a soft-404 page) lists nothing.
func (c *Crawler) sitemap(req frontier.Request, f *fetched) map[string]int {
	body := f.body
	if bytes.HasPrefix(body, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			c.record("sitemap", req.URL, err)
			return nil
		}
		if body, err = io.ReadAll(io.LimitReader(zr, maxSitemapBytes)); err != nil {
			c.record("sitemap", req.URL, err)
			return nil
		}
	}
	locs, index := readSitemap(body)
	// The scheme the sitemap was fetched at: its URLs are sent where its
	// site's links are (the site's scheme, its twin, where it moved).
	scheme := "http"
	if f.final != nil {
		scheme = f.final.Scheme
	} else if su, err := url.Parse(req.URL); err == nil {
		scheme = su.Scheme
	}
	c.log.Debug("sitemap read", "url", req.URL, "locs", len(locs), "index", index)
	c.sitemapListed(req.URL, len(locs))
	var reqs []frontier.Request
	var pages []string // asked of Known together
	now := time.Now()
	for _, loc := range locs {
		canon, pu, err := c.canonicalParts(loc)
		if err != nil {
			continue
		}
		if pu == nil {
			if pu, err = url.Parse(canon); err != nil {
				continue
			}
		}
		if canon, pu = c.fetchedAt(canon, pu, scheme, req.Host); pu == nil {
			continue
		}
		host := pu.Host
		if !c.inScope(host) {
			continue
		}
		r := frontier.Request{URL: canon, Host: host, Kind: kindPage, Depth: req.Depth + 1, Site: c.siteOf(host), Referer: req.URL}
		if index {
			r.Kind = kindSitemap
			reqs = append(reqs, r)
			continue
		}
		if notPage(pu) || pathological(pu) != "" {
			continue
		}
		if e, ok := c.sites.get(host); ok && e.Home == canon {
			continue // homepages are queued by discovery
		}
		reqs = append(reqs, r)
		pages = append(pages, canon)
	}
	knownOf := c.knownMany(pages)
	kept := reqs[:0]
	for _, r := range reqs {
		if r.Kind == kindPage {
			k, ok := knownOf(r.URL)
			if archived, revisit, _ := c.archived(k, ok, now); archived {
				if !revisit {
					continue
				}
				r.Kind = kindRevisit
			}
		}
		kept = append(kept, r)
	}
	reqs = kept
	m := map[string]int{}
	c.push(reqs, m)
	return m
}

// readSitemap returns the <loc>s of a sitemap (<urlset>) or, with index
// true, of a sitemap index (<sitemapindex>). Reading stops at
// maxSitemapURLs or at the first XML error.
func readSitemap(body []byte) (locs []string, index bool) {
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Strict = false
	dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	root := ""
	inLoc := false
	var loc strings.Builder
	for len(locs) < maxSitemapURLs {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if root == "" {
				root = t.Name.Local
				if root != "urlset" && root != "sitemapindex" {
					return nil, false
				}
			}
			if t.Name.Local == "loc" {
				inLoc = true
				loc.Reset()
			}
		case xml.CharData:
			if inLoc {
				loc.Write(t)
			}
		case xml.EndElement:
			if t.Name.Local == "loc" && inLoc {
				inLoc = false
				if s := strings.TrimSpace(loc.String()); s != "" {
					locs = append(locs, s)
				}
			}
		}
	}
	return locs, root == "sitemapindex"
}
