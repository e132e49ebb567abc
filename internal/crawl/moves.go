package crawl

import (
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// movedOrigins are the origins (scheme://host) the crawl has learnt to
// answer every URL with a redirect to the same URL at another origin, so
// that their links are fetched there straight away. A site that moved to
// HTTPS, or to a new domain (county sites moved to .gov.cn names), goes on
// linking its old address — templates written with it, a <base href> a
// CMS fills from a configured site URL, years of articles linking each
// other absolutely — and each such link would otherwise cost a redirect
// first: a second request, and a second wait of the host's politeness
// delay.
//
// An origin has moved when movedAfter of its URLs have each redirected to
// themselves at one other origin, none elsewhere, and none of its URLs has
// answered itself (a host that sends only its login page to https has not
// moved); and an http origin has moved to https when the host says so
// (Strict-Transport-Security on an https answer, as a browser learns it).
// Only redirects the crawl follows are learnt from: their targets are in
// the crawl's scope.
type movedOrigins struct {
	any   atomic.Bool // some origin has moved: links look theirs up
	mu    sync.RWMutex
	to    map[string]string // origin → the origin it moved to
	seen  map[string]*originRedirects
	plain map[string]bool // origins that answered a URL themselves
}

// originRedirects are the redirects of an origin's URLs to themselves.
type originRedirects struct {
	to    string // the origin they went to
	n     int
	mixed bool // some went to another origin
}

// movedAfter is how many of an origin's URLs must have redirected to
// themselves at another origin before its other links are fetched there.
const movedAfter = 2

func newMovedOrigins() *movedOrigins {
	return &movedOrigins{to: map[string]string{}, seen: map[string]*originRedirects{}, plain: map[string]bool{}}
}

// originOf returns u's scheme://host, lower-case, without a default port
// (as in a canonical URL).
func originOf(u *url.URL) string {
	host := strings.ToLower(u.Host)
	switch {
	case u.Scheme == "http" && strings.HasSuffix(host, ":80"):
		host = strings.TrimSuffix(host, ":80")
	case u.Scheme == "https" && strings.HasSuffix(host, ":443"):
		host = strings.TrimSuffix(host, ":443")
	}
	return strings.ToLower(u.Scheme) + "://" + host
}

// target returns the origin u's origin has moved to, if it has.
func (m *movedOrigins) target(u *url.URL) (string, bool) {
	if !m.any.Load() {
		return "", false
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	to, ok := m.to[originOf(u)]
	return to, ok
}

// redirected notes a redirect the crawl follows from one URL to the next.
func (m *movedOrigins) redirected(from, to *url.URL) {
	o, t := originOf(from), originOf(to)
	if o == t || from.RequestURI() != to.RequestURI() {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	r := m.seen[o]
	if r == nil {
		r = &originRedirects{to: t}
		m.seen[o] = r
	}
	r.n++
	if r.to != t {
		r.mixed = true
		delete(m.to, o)
	}
	if r.n >= movedAfter && !r.mixed && !m.plain[o] {
		m.setMoved(o, t)
	}
}

// answered notes an answer of u, the last URL of a fetch, with its status
// and Strict-Transport-Security header.
func (m *movedOrigins) answered(u *url.URL, status int, hsts string) {
	ok := status >= 200 && status < 300
	secure := u.Scheme == "https" && u.Port() == "" && hstsMaxAge(hsts) > 0
	if !ok && !secure {
		return
	}
	o := originOf(u)
	if !secure {
		m.mu.RLock()
		known := m.plain[o]
		m.mu.RUnlock()
		if known {
			return // as almost every answer: nothing new
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if ok {
		m.plain[o] = true
		delete(m.to, o)
	}
	if secure {
		if http := "http://" + strings.TrimPrefix(o, "https://"); !m.plain[http] {
			m.setMoved(http, o)
		}
	}
}

// setMoved records that origin o moved to t; m.mu is held.
func (m *movedOrigins) setMoved(o, t string) {
	m.to[o] = t
	m.any.Store(true)
}

// hstsMaxAge returns the max-age of a Strict-Transport-Security header
// (RFC 6797), 0 when there is none.
func hstsMaxAge(h string) int64 {
	for _, d := range strings.Split(h, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(d), "=")
		if ok && strings.EqualFold(strings.TrimSpace(k), "max-age") {
			n, err := strconv.ParseInt(strings.Trim(strings.TrimSpace(v), `"`), 10, 64)
			if err == nil {
				return n
			}
		}
	}
	return 0
}

// movedURL returns canon, a canonical URL of origin from, at origin to, and
// the URL as parsed.
func movedURL(canon, from, to string) (string, *url.URL, error) {
	s, u, err := canonicalParts(to + strings.TrimPrefix(canon, from))
	if err == nil && u == nil {
		u, err = url.Parse(s)
	}
	return s, u, err
}

// atSiteScheme returns the link canon (pu as parsed) at the scheme its
// site is known by — that of the site's homepage URL, or of the origin the
// crawl learnt it moved to on the same host — when it names the site's
// host at the other of http and https on the default port. Many sites
// answer both alike, with no redirect between them and no
// Strict-Transport-Security (a certificate added beside the plain-HTTP
// port), while their pages link relatively and a template block, a
// sitemap or another site links the other scheme absolutely: a page
// fetched at the other scheme would lead the crawl, by its relative
// links, into a second copy of the whole site. A site that did move to
// https is still reached: its http:// URLs redirect, and movedOrigins
// learns the move from them. The URL returned is nil when the link names
// no page there.
func (c *Crawler) atSiteScheme(canon string, pu *url.URL) (string, *url.URL) {
	if (pu.Scheme != "http" && pu.Scheme != "https") || pu.Port() != "" {
		return canon, pu
	}
	e, ok := c.sites.get(pu.Host)
	if !ok {
		return canon, pu
	}
	scheme, rest, ok := strings.Cut(e.Home, "://")
	if !ok || (scheme != "http" && scheme != "https") {
		return canon, pu
	}
	if host, _, _ := strings.Cut(rest, "/"); host != pu.Host {
		return canon, pu
	}
	if c.moved.any.Load() {
		if home, err := url.Parse(e.Home); err == nil {
			if to, ok := c.moved.target(home); ok {
				if s, h, _ := strings.Cut(to, "://"); h == pu.Host {
					scheme = s
				}
			}
		}
	}
	if scheme == pu.Scheme {
		return canon, pu
	}
	tu := *pu
	tu.Scheme = scheme
	return c.reCanonical(&tu)
}
