package crawl

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
)

// gateCookies are the cookies of cookie gates, kept per host. Some web
// application firewalls and load balancers answer a client that does not
// send their cookie with a redirect to the very URL asked for, setting
// the cookie; the page comes when the cookie does. A crawler without
// cookies meets the gate again at every redirect until redirect_loop, and
// archives nothing of the site.
//
// Only such a gate's cookies are kept and sent: those set by a redirect
// to the same host and path. The cookies of pages (a visitor counter's, a
// mobile-version or language choice a CMS keeps in a cookie) are not: sent
// back, they would change what the site serves to the crawl.
type gateCookies struct {
	mu    sync.RWMutex
	hosts map[string]map[string]string // host → cookie name → value
}

// Bounds on what a host's gates may keep.
const (
	maxGateCookies   = 8
	maxGateCookieLen = 4 << 10
)

func newGateCookies() *gateCookies {
	return &gateCookies{hosts: map[string]map[string]string{}}
}

// redirected learns the cookies the redirect response resp sets, when it
// sends from to the same host and path.
func (g *gateCookies) redirected(from, to *url.URL, resp *http.Response) {
	if resp == nil || !strings.EqualFold(from.Host, to.Host) || from.EscapedPath() != to.EscapedPath() {
		return
	}
	cookies := resp.Cookies()
	if len(cookies) == 0 {
		return
	}
	host := strings.ToLower(to.Host)
	g.mu.Lock()
	defer g.mu.Unlock()
	kept := g.hosts[host]
	if kept == nil {
		kept = map[string]string{}
		g.hosts[host] = kept
	}
	for _, c := range cookies {
		_, known := kept[c.Name]
		switch {
		case c.MaxAge < 0 || c.Value == "":
			delete(kept, c.Name)
		case len(c.Name)+len(c.Value) > maxGateCookieLen, !known && len(kept) >= maxGateCookies:
		default:
			kept[c.Name] = c.Value
		}
	}
}

// header returns the Cookie header of a request to host, "" when its gates
// set none.
func (g *gateCookies) header(host string) string {
	g.mu.RLock()
	defer g.mu.RUnlock()
	kept := g.hosts[strings.ToLower(host)]
	if len(kept) == 0 {
		return ""
	}
	var b strings.Builder
	for name, value := range kept {
		if b.Len() > 0 {
			b.WriteString("; ")
		}
		b.WriteString((&http.Cookie{Name: name, Value: value}).String())
	}
	return b.String()
}
