package store

import (
	"net/url"
	"strings"
)

// Which of two URLs of one article holds its record must not depend on
// which was fetched first: two crawls of the same site, or one crawl whose
// fetches finish in another order under load, would otherwise cite,
// export and look the article up under different URLs. Put orders the
// two by their form alone (Preferred) and gives the record to the
// preferred one whichever came first; URLs of the same form keep the
// record where it is, so an archive does not churn.

// mobileLabels are the host labels and first path segments by which a site
// serves its mobile mirror (m.example.cn, wap.example.cn, example.cn/m/…).
var mobileLabels = map[string]bool{"m": true, "wap": true, "3g": true, "mobile": true}

// urlForm ranks the form of a URL as the address of an article's record,
// lower first: a desktop page before a mobile mirror's, and within each a
// static address (no query) before a dynamic one (a query). A URL that
// does not parse ranks with the static desktop ones: no preference.
func urlForm(u string) int {
	p, err := url.Parse(u)
	if err != nil {
		return 0
	}
	rank := 0
	if isMobile(p) {
		rank += 2
	}
	if p.RawQuery != "" {
		rank++
	}
	return rank
}

// isMobile reports whether p is the address of a mobile mirror: its host's
// first label or its path's first segment is one of mobileLabels, or its
// query asks for the mobile template (mobile=2, mobile=yes: Discuz's
// touch pages; mobile=no is the desktop page).
func isMobile(p *url.URL) bool {
	host := strings.ToLower(p.Hostname())
	if first, _, ok := strings.Cut(host, "."); ok && mobileLabels[first] {
		return true
	}
	if strings.Contains(strings.ToLower(p.RawQuery), "mobile=") {
		for k, vs := range p.Query() {
			if strings.EqualFold(k, "mobile") && len(vs) > 0 {
				switch strings.ToLower(vs[0]) {
				case "", "0", "no", "false", "off":
				default:
					return true
				}
			}
		}
	}
	seg, _, _ := strings.Cut(strings.TrimPrefix(p.Path, "/"), "/")
	// A first segment that is the whole path is a page, not a directory.
	return strings.Contains(strings.TrimPrefix(p.Path, "/"), "/") && mobileLabels[strings.ToLower(seg)]
}

// Preferred reports whether a is the better URL of the two of one article
// to hold its record, from their form alone: a desktop address before a
// mobile mirror's (a host label or first path segment m, wap, 3g or
// mobile, or a mobile= query asking for the mobile template), and then a static address (no query) before a dynamic one. Of
// two URLs of the same form neither is preferred: the record stays where
// it is. Both backends of the records decide with it (see Put).
func Preferred(a, b string) bool { return urlForm(a) < urlForm(b) }
