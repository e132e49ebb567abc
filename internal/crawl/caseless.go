package crawl

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/wenming-archive/wenming/internal/frontier"
)

// Case-insensitive hosts. IIS answers a path in any case (NTFS names are
// case-insensitive) and ASP.NET and classic ASP read query parameter names
// in any case, and the templates of IIS sites link one page in several
// cases: /News/Show.aspx?ID=123 from the menu, /news/show.aspx?id=123 from
// the breadcrumb, /NEWS/SHOW.ASPX?Id=123 from a hot list. Each form costs
// a request at the site's polite pace and, for an article, one more URL of
// the same record.
//
// So on a host whose answers say it is IIS (Server: Microsoft-IIS/x), the
// crawler folds the case of paths, and of the parameter names of ASP and
// ASP.NET pages (.asp, .aspx, .ashx, .asmx): every URL of the host is
// queued, fetched and archived so. Parameter values keep their case (an
// application may read them as it likes), and so do the parameter names
// of any other page: PHP runs on IIS too, and reads $_GET['PageNo'] and
// $_GET['pageno'] as two parameters (DedeCMS's list pager writes PageNo). Any other
// server is never folded, nor is a host that has also answered as
// another server (a load balancer mixing back ends) or that runs PHP
// (X-Powered-By: PHP/x): the fold is not known to hold there. The fold is learnt from the answers of each run; a
// URL queued before its host was known (by a link of another site, or an
// earlier run) is queued again folded when its turn comes (see
// requeueFolded). Archives made before keep their records under the case
// they were found in: the folded URL of such an article is recognised by
// the store as the same article (an alias), not archived twice.
//
// robots.txt rules of such a host are matched in any case too (see
// robotsCache): "Disallow: /Admin/" forbids /admin/ on a server that
// answers /admin/ as /Admin/.

// caseInsensitiveServer reports whether a Server header names a server
// that answers paths in any case: IIS.
func caseInsensitiveServer(server string) bool {
	return len(server) >= len("microsoft-iis") && strings.EqualFold(server[:len("microsoft-iis")], "microsoft-iis")
}

// caselessHosts are the hosts learnt to answer paths in any case. It is
// safe for concurrent use.
type caselessHosts struct {
	some  atomic.Bool // a host is folded: most crawls have none
	mu    sync.Mutex
	hosts map[string]bool // true: folded; false: answered as another server too
}

// note learns from the Server and X-Powered-By headers of an answer of
// host. A host that runs PHP is never folded, IIS or not: its rewritten
// paths (ISAPI_Rewrite rules, case-sensitive unless marked otherwise)
// may not answer in any case.
func (ch *caselessHosts) note(host, server, poweredBy string) {
	php := strings.Contains(strings.ToLower(poweredBy), "php")
	if !php && (server == "" || strings.HasPrefix(strings.ToLower(server), "microsoft-httpapi")) {
		return // no word, or Windows' HTTP layer answering for IIS
	}
	iis := !php && caseInsensitiveServer(server)
	if !iis && !php && !ch.some.Load() {
		return // the common crawl: no IIS host met
	}
	ch.mu.Lock()
	defer ch.mu.Unlock()
	if ch.hosts == nil {
		ch.hosts = map[string]bool{}
	}
	was, seen := ch.hosts[host]
	switch {
	case iis && !seen:
		ch.hosts[host] = true
		ch.some.Store(true)
	case !iis && (was || !seen && php):
		ch.hosts[host] = false
	}
}

// has reports whether host is folded.
func (ch *caselessHosts) has(host string) bool {
	if !ch.some.Load() {
		return false
	}
	ch.mu.Lock()
	defer ch.mu.Unlock()
	return ch.hosts[host]
}

// fold returns canon (a canonical URL of a folded host) with its path in
// lower case, and its query parameter names too when the path is an ASP
// or ASP.NET page (see aspPage), its percent escapes in upper case as
// Canonicalize writes them, and the URL as parsed (nil if it does not
// parse). The parameters stay in the order Canonicalize sorted them: by
// their names in lower case.
func fold(canon string) (string, *url.URL) {
	u, err := url.Parse(canon)
	if err != nil {
		return canon, nil
	}
	p := upperEscapes(strings.ToLower(u.EscapedPath()))
	q := u.RawQuery
	if q != "" && aspPage(p) {
		parts := strings.Split(q, "&")
		for i, part := range parts {
			key, val, eq := strings.Cut(part, "=")
			key = upperEscapes(strings.ToLower(key))
			if eq {
				parts[i] = key + "=" + val
			} else {
				parts[i] = key
			}
		}
		q = strings.Join(parts, "&")
	}
	s := u.Scheme + "://" + u.Host + p
	if q != "" {
		s += "?" + q
	}
	if s == canon {
		return canon, u
	}
	fu, err := url.Parse(s)
	if err != nil {
		return canon, u
	}
	return s, fu
}

// canonicalize is Canonicalize for a URL the crawl queues or stores: on a
// host that answers in any case (see caselessHosts), folded.
func (c *Crawler) canonicalize(raw string) (string, error) {
	s, _, err := c.canonicalParts(raw)
	return s, err
}

// canonicalParts is canonicalParts (see Canonicalize), folded on a host
// that answers in any case.
func (c *Crawler) canonicalParts(raw string) (string, *url.URL, error) {
	s, pu, err := canonicalParts(raw)
	if err != nil || !c.caseless.some.Load() {
		return s, pu, err
	}
	host := ""
	if pu != nil {
		host = pu.Host
	} else {
		host = Host(s)
	}
	if !c.caseless.has(host) {
		return s, pu, nil
	}
	f, fu := fold(s)
	return f, fu, nil
}

// noteServer learns from an answer whether its host answers in any case.
func (c *Crawler) noteServer(host string, h http.Header) {
	c.caseless.note(host, h.Get("Server"), strings.Join(h.Values("X-Powered-By"), ", "))
}

// aspPage reports whether a path (in lower case) names a page of ASP or
// ASP.NET, which read query parameter names in any case.
func aspPage(p string) bool {
	for _, ext := range []string{".asp", ".aspx", ".ashx", ".asmx"} {
		if strings.HasSuffix(p, ext) {
			return true
		}
	}
	return false
}

// foldedURL is fold's URL alone.
func foldedURL(canon string) string {
	s, _ := fold(canon)
	return s
}

// FoldCase returns a canonical URL (see Canonicalize) as the crawler
// queues and archives it on a host that answers in any case (IIS): its
// path and parameter names in lower case. A URL of such a host pasted as
// the site links it (/News/Show.aspx?ID=1) is looked up as FoldCase of
// its canonical form.
func FoldCase(canonical string) string { return foldedURL(canonical) }

// requeueFolded queues, for a page or sitemap request of a host that
// answers in any case queued before the host was known so (or in an
// earlier run), the folded URL instead (the frontier drops it if known),
// and reports whether it did. A homepage keeps the URL its site is known
// by.
func (c *Crawler) requeueFolded(req frontier.Request, pushed map[string]int) bool {
	if req.Kind != kindPage && req.Kind != kindSitemap || !c.caseless.has(req.Host) {
		return false
	}
	f := foldedURL(req.URL)
	if f == req.URL {
		return false
	}
	c.push([]frontier.Request{{URL: f, Host: req.Host, Kind: req.Kind, Depth: req.Depth, Site: req.Site, Referer: req.Referer}}, pushed)
	return true
}
