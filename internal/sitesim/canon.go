package sitesim

import (
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"
)

// The canonical URL form. Truth keys, ForEachArticle, Truth.URL,
// Truth.Aliases and Truth.Pages all use it; it is the form a crawler's
// canonicalizer is expected to produce:
//
//   - scheme and host lower-cased, a trailing dot, the default port, user
//     info and the fragment dropped; "/./" and "/../" resolved;
//   - index.html, index.htm, index.shtml, default.htm and default.html
//     folded into their directory;
//   - ";jsessionid=…" path parameters dropped;
//   - tracking parameters dropped (from, spm, isappinstalled, scene,
//     share, share_*, sharer_*, clicktime, enterid, fbclid, gclid, wfr,
//     tt_from, timestamp, utm_*), session parameters dropped (sid,
//     phpsessid, jsessionid, aspsessionid…, sessionid, session_id),
//     page=1 and an empty page= dropped, empty pieces dropped;
//   - the remaining query parameters sorted by key (stable: equal keys
//     keep their order), each piece kept as written;
//   - Discuz! X article-N-K.html mapped to /portal.php?aid=N&mod=view,
//     plus &page=K when K is not 1.

var (
	canonTracking = map[string]bool{
		"from": true, "spm": true, "isappinstalled": true, "scene": true,
		"share": true, "clicktime": true, "enterid": true, "fbclid": true, "gclid": true,
		"wfr": true, "tt_from": true, "timestamp": true,
	}
	canonSession = map[string]bool{
		"sid": true, "phpsessid": true, "jsessionid": true, "sessionid": true, "session_id": true,
	}
	canonDiscuzRe  = regexp.MustCompile(`^/article-(\d+)-(\d+)\.html$`)
	canonJsessRe   = regexp.MustCompile(`(?i);jsessionid=[^/?#]*`)
	canonIndexBase = map[string]bool{"index.html": true, "index.htm": true, "index.shtml": true, "default.htm": true, "default.html": true}
)

// dropParam reports whether a query key (unescaped, any case) is a
// tracking or session parameter.
func dropParam(key string) bool {
	k := strings.ToLower(key)
	return canonTracking[k] || canonSession[k] || strings.HasPrefix(k, "utm_") ||
		strings.HasPrefix(k, "share_") || strings.HasPrefix(k, "sharer_") || strings.HasPrefix(k, "aspsessionid")
}

// Canonical returns the canonical form of an http(s) URL (see the package
// documentation); ok is false for anything else.
func Canonical(raw string) (canonical string, ok bool) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", false
	}
	u.Scheme = strings.ToLower(u.Scheme)
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if p := u.Port(); p != "" && !(u.Scheme == "http" && p == "80") && !(u.Scheme == "https" && p == "443") {
		host += ":" + p
	}
	u.Host, u.User, u.Fragment, u.RawFragment = host, nil, "", ""
	p := canonJsessRe.ReplaceAllString(u.EscapedPath(), "")
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
	if canonIndexBase[strings.ToLower(base)] {
		p = p[:len(p)-len(base)]
	}
	type piece struct{ key, raw string }
	var kept []piece
	for _, part := range strings.Split(u.RawQuery, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		if uk, err := url.QueryUnescape(k); err == nil {
			k = uk
		}
		if dropParam(k) || (strings.ToLower(k) == "page" && (v == "1" || v == "")) {
			continue
		}
		kept = append(kept, piece{k, part})
	}
	if m := canonDiscuzRe.FindStringSubmatch(p); m != nil {
		p = "/portal.php"
		kept = append(kept, piece{"aid", "aid=" + m[1]}, piece{"mod", "mod=view"})
		if m[2] != "1" {
			kept = append(kept, piece{"page", "page=" + m[2]})
		}
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].key < kept[j].key })
	q := make([]string, len(kept))
	for i, k := range kept {
		q[i] = k.raw
	}
	pu, err := url.Parse(p)
	if err != nil {
		return "", false
	}
	u.Path, u.RawPath = pu.Path, pu.RawPath
	u.RawQuery, u.ForceQuery = strings.Join(q, "&"), false
	return u.String(), true
}
