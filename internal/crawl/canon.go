package crawl

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"
)

// trackingParams are query parameters that name how a reader arrived, not
// what they read. Sharing buttons on the 文明网 sites and WeChat add them.
var trackingParams = map[string]bool{
	"from": true, "spm": true, "isappinstalled": true, "scene": true,
	"share_token": true, "sharer_shareid": true, "sharer_sharetime": true,
	"clicktime": true, "enterid": true, "fbclid": true, "gclid": true,
	"wfr": true, "share": true, "tt_from": true, "timestamp": true,
}

// discuzArticle matches Discuz! X's rewritten article URL article-<aid>-<page>.html.
var discuzArticle = regexp.MustCompile(`^/article-(\d+)-(\d+)\.html$`)

// Canonicalize returns the one URL under which a page is stored and
// de-duplicated: scheme and host lower-cased, default port and fragment
// dropped, tracking parameters removed, "index.html"-style directory
// indexes folded into the directory, and Discuz! X's rewritten
// article-N-1.html folded into portal.php?mod=view&aid=N.
func Canonicalize(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("canonicalize %q: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("canonicalize %q: not an http(s) URL", raw)
	}
	if u.Host == "" {
		return "", fmt.Errorf("canonicalize %q: no host", raw)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Hostname())
	host = strings.TrimSuffix(host, ".")
	if p := u.Port(); p != "" && !(u.Scheme == "http" && p == "80") && !(u.Scheme == "https" && p == "443") {
		host += ":" + p
	}
	u.Host = host
	u.User = nil
	u.Fragment = ""
	u.RawFragment = ""

	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if strings.Contains(p, "/./") || strings.Contains(p, "/../") || strings.HasSuffix(p, "/.") || strings.HasSuffix(p, "/..") {
		trailing := strings.HasSuffix(p, "/")
		p = path.Clean(p)
		if trailing && p != "/" {
			p += "/"
		}
	}
	base := p[strings.LastIndexByte(p, '/')+1:]
	switch strings.ToLower(base) {
	case "index.html", "index.htm", "index.shtml", "default.html", "default.htm":
		p = p[:len(p)-len(base)]
	}

	query := cleanQuery(u.RawQuery)
	if m := discuzArticle.FindStringSubmatch(p); m != nil {
		p = "/portal.php"
		query = "mod=view&aid=" + m[1]
		if m[2] != "1" {
			query += "&page=" + m[2]
		}
	}
	if p == "/portal.php" && query == "" {
		// Discuz's portal home: the same page as the site root.
		p = "/portal.php"
	}
	u.RawPath = ""
	pu, err := url.Parse(p)
	if err != nil {
		return "", fmt.Errorf("canonicalize %q: %w", raw, err)
	}
	u.Path = pu.Path
	u.RawPath = pu.RawPath
	u.RawQuery = query
	u.ForceQuery = false
	return u.String(), nil
}

// cleanQuery drops tracking parameters and empty "&&" pieces but keeps the
// order of the rest: CMSs such as Discuz route on parameter order-insensitive
// values, and the site's own order is the most recognisable form.
func cleanQuery(q string) string {
	if q == "" {
		return ""
	}
	parts := strings.Split(q, "&")
	kept := parts[:0]
	for _, part := range parts {
		if part == "" {
			continue
		}
		key := part
		if i := strings.IndexByte(part, '='); i >= 0 {
			key = part[:i]
		}
		k, err := url.QueryUnescape(key)
		if err != nil {
			k = key
		}
		k = strings.ToLower(k)
		if trackingParams[k] || strings.HasPrefix(k, "utm_") {
			continue
		}
		if k == "page" && (strings.HasSuffix(part, "=1") || strings.HasSuffix(part, "=")) {
			continue // page=1 is the first page
		}
		kept = append(kept, part)
	}
	return strings.Join(kept, "&")
}

// Host returns the lower-cased host (with a non-default port) of a
// canonical URL.
func Host(canonical string) string {
	u, err := url.Parse(canonical)
	if err != nil {
		return ""
	}
	return u.Host
}
