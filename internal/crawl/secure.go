package crawl

import (
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// secureHosts are the hosts the crawl has learnt to have moved to HTTPS,
// so that their http:// links are fetched at https:// straight away. A
// site that moved answers every http:// URL with a redirect to the same
// URL over https while its pages go on linking http:// (templates written
// with the old address, or a <base href> a CMS fills from a configured
// site URL): without this, every page of it costs a redirect first — a
// second request, and a second wait of the host's politeness delay.
//
// A host has moved when it says so (Strict-Transport-Security on an
// https answer, as a browser learns it) or when secureAfter of its
// http:// URLs have each redirected to themselves over https and none has
// answered over plain HTTP: a host that redirects only its login page to
// https has not moved.
type secureHosts struct {
	any   atomic.Bool // some host has moved: links look the host up
	mu    sync.RWMutex
	moved map[string]bool
	seen  map[string]int  // a host's redirects to itself over https
	plain map[string]bool // hosts that answered over plain HTTP
}

// secureAfter is how many of a host's URLs must have redirected to
// themselves over https before its other http:// URLs are fetched there.
const secureAfter = 2

func newSecureHosts() *secureHosts {
	return &secureHosts{moved: map[string]bool{}, seen: map[string]int{}, plain: map[string]bool{}}
}

// has reports whether host (host[:port] as in a canonical URL) has moved
// to HTTPS.
func (s *secureHosts) has(host string) bool {
	if !s.any.Load() {
		return false
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.moved[host]
}

// redirected notes a redirect from one URL to the next.
func (s *secureHosts) redirected(from, to *url.URL) {
	if from.Scheme != "http" || to.Scheme != "https" || !strings.EqualFold(from.Hostname(), to.Hostname()) ||
		defaultPort(from) == "" || defaultPort(to) == "" || from.RequestURI() != to.RequestURI() {
		return
	}
	host := strings.ToLower(from.Hostname())
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seen[host]++
	if s.seen[host] >= secureAfter && !s.plain[host] {
		s.setMoved(host)
	}
}

// answered notes an answer of u, the last URL of a fetch, with its status
// and Strict-Transport-Security header.
func (s *secureHosts) answered(u *url.URL, status int, hsts string) {
	if defaultPort(u) == "" {
		return
	}
	host := strings.ToLower(u.Hostname())
	switch {
	case u.Scheme == "http" && status >= 200 && status < 300:
		s.mu.Lock()
		s.plain[host] = true
		delete(s.moved, host)
		s.mu.Unlock()
	case u.Scheme == "https" && hstsMaxAge(hsts) > 0:
		s.mu.Lock()
		s.setMoved(host)
		s.mu.Unlock()
	}
}

// setMoved marks host moved; s.mu is held.
func (s *secureHosts) setMoved(host string) {
	s.moved[host] = true
	s.any.Store(true)
}

// defaultPort returns u's port when it is its scheme's default (given or
// left out), "" otherwise: a host on another port is another host.
func defaultPort(u *url.URL) string {
	switch p := u.Port(); {
	case u.Scheme == "http" && (p == "" || p == "80"):
		return "80"
	case u.Scheme == "https" && (p == "" || p == "443"):
		return "443"
	}
	return ""
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

// upgraded returns canon, the canonical http:// URL of a host that has
// moved, over https, and the URL as parsed.
func upgraded(canon string) (string, *url.URL, error) {
	s, u, err := canonicalParts("https://" + strings.TrimPrefix(canon, "http://"))
	if err == nil && u == nil {
		u, err = url.Parse(s)
	}
	return s, u, err
}
