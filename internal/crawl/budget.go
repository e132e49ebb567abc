package crawl

import (
	"hash/fnv"
	"net/url"
	"path"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Infinite link spaces — activity calendars that link the next month
// forever, date archives, search and sort links, pagers that answer past
// their last page — are bounded here without knowing any site. The crawl
// sorts every page URL into URL patterns: the host, the path with its
// numbers and long tokens shaped away, and the names of its query
// parameters. A pattern pays its way by revealing something new: an
// article archived or changed, new URLs of other patterns, or (a list)
// articles its pattern had not linked (see observe). A pattern
// whose pages go idleLimit fetches in a row without revealing anything is
// stopped for the run: its queued URLs are dropped without a request and
// its links are no longer followed. A column list whose pages keep
// revealing articles therefore pages on without limit, while a trap that
// yields nothing costs about idleLimit requests.
//
// Two keys judge every page. The coarse key is the pattern above. The
// fine key is the coarse key with the values of those parameters that the
// linking page of the same pattern shared (catid=3 of a list, not its
// page=7): one dead list among live lists of the same CMS (Discuz's
// portal.php?catid=N&mod=list&page=M) is stopped on its own. A page that
// shows the same outlinks as an earlier page of its fine pattern (a pager
// answering past its end with the last page again, an empty calendar
// month) stops the fine pattern at once.
//
// Static scope rules reject the URLs no site needs (see pathological):
// repeated path segments (/a/b/a/b/ from relative links under a soft-404
// directory), very deep paths, very long URLs, very many parameters.

// idleLimit is how many fetches in a row of one pattern, each linked from
// a page of the same path (the next month, the next page, another query
// of the same script), may reveal
// nothing before the pattern is stopped; entryIdleLimit is the same for
// pages linked from other patterns. Only a pattern that links itself can
// grow without end.
const (
	idleLimit      = 20
	entryIdleLimit = 50
)

// repeatIdle is how many fetches in a row of a fine pattern must reveal
// nothing before a repeated page stops it: one page that happens to look
// like another (two video posts with only the site's menus as links) must
// not stop a pattern of articles.
const repeatIdle = 3

// maxFingerprints bounds the outlink fingerprints kept per fine pattern,
// maxListed the articles remembered per fine pattern (a list longer than
// that counts its further articles as new).
const (
	maxFingerprints = 256
	maxListed       = 200000
)

// StoppedPattern is a URL pattern the crawl stopped expanding.
type StoppedPattern struct {
	Pattern  string `json:"pattern"`  // host, shaped path and parameters (see readablePattern), e.g. a.cn/calendar/?month={n}-{n}
	Example  string `json:"example"`  // the last URL fetched in it
	Requests int    `json:"requests"` // pages of it fetched in this run
	Dropped  int    `json:"dropped"`  // URLs of it not fetched once it was stopped
	Reason   string `json:"reason"`   // "idle" (nothing new for idleLimit pages), "repeat" (a page repeated an earlier one) or "probe" (an earlier run stopped it, and its probe revealed nothing: trapmemory.go)
}

type pattern struct {
	key      string
	requests int
	idle     int // pages in a row, linked from its own pages, that revealed nothing
	// idleEntries counts pages in a row linked from other patterns
	// (column pages from a menu, comment pages from articles) that
	// revealed nothing: they do not breed more of themselves, so they get
	// a longer rope.
	idleEntries int
	dropped     int
	articles    int    // pages of it that were articles
	stopped     string // reason; "" while live
	example     string
	prints      map[uint64]bool
	listed      hashSet // articles its pages linked (fine patterns)
	// productive: a page of it revealed something in this run.
	productive bool
	// probing: an earlier run stopped it as a trap, and this run gives it
	// a probe's budget before stopping it again (trapmemory.go).
	probing bool
}

// patterns is the crawl's per-pattern account. It is safe for concurrent use.
type patterns struct {
	mu    sync.Mutex
	limit int
	byKey map[string]*pattern
	order []*pattern // stopped patterns, in the order they stopped
	// fineStopped counts the stopped fine patterns of each coarse one.
	fineStopped map[string]int
	// remembered are the traps earlier runs stopped, by key, and news
	// the hosts where this run archived an article new or changed
	// (trapmemory.go).
	remembered map[string]savedTrap
	news       map[string]bool
}

func newPatterns(limit int) *patterns {
	if limit <= 0 {
		limit = idleLimit
	}
	return &patterns{limit: limit, byKey: map[string]*pattern{}, fineStopped: map[string]int{},
		remembered: map[string]savedTrap{}, news: map[string]bool{}}
}

func (ps *patterns) get(key string) *pattern {
	p, ok := ps.byKey[key]
	if !ok {
		p = &pattern{key: key}
		ps.byKey[key] = p
	}
	return p
}

// stopped reports whether u (linked from referer) belongs to a stopped
// pattern, and counts it as dropped if so. It is called for every link of
// every page, so it parses as little as it can.
func (ps *patterns) stopped(u, referer string) bool {
	if !ps.anyStopped() {
		return false
	}
	coarse, _ := patternKeys(u, "")
	return ps.stoppedKeyed(coarse, u, referer)
}

// anyStopped reports whether some pattern has been stopped: until one
// is, no link needs its pattern key to be checked.
func (ps *patterns) anyStopped() bool {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	return len(ps.order) > 0
}

// stoppedKeyed is stopped for a URL whose coarse pattern key is known.
func (ps *patterns) stoppedKeyed(coarse, u, referer string) bool {
	ps.mu.Lock()
	if p, ok := ps.byKey[coarse]; ok && p.stopped != "" {
		p.dropped++
		ps.mu.Unlock()
		return true
	}
	fineStopped := ps.fineStopped[coarse] > 0
	ps.mu.Unlock()
	if !fineStopped {
		return false
	}
	_, fine := patternKeys(u, referer)
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if p, ok := ps.byKey[fine]; ok && p.stopped != "" {
		p.dropped++
		return true
	}
	return false
}

// observe accounts one fetched page. revealed says whether it revealed
// something new (an article archived or changed, new URLs of other
// patterns); record whether it is an article held under its own URL;
// articles are its links into patterns that hold articles;
// print fingerprints its outlinks of other patterns (0 if none). A page
// also pays its way when it links articles that no earlier page of its
// fine pattern linked: a list whose articles another view of the site
// reached first is still a list, and is walked to its end, while a pager
// repeating its last page, a calendar showing the site's menus month after
// month, or search results drawn again and again from the same articles
// are not; nor is a page linked from another pattern, other than a record,
// that links one such article (an article's comment page, its mobile
// form, a login page returning to it: that article is the page's subject,
// not news). A record's one 下一篇 keeps a later crawl walking articles
// that link nothing else. It returns the patterns this page stopped.
func (ps *patterns) observe(u, referer string, revealed, record bool, articles []string, print uint64) []StoppedPattern {
	coarse, fine := patternKeys(u, referer)
	chain := referer != "" && pathKey(u) == pathKey(referer)
	ps.mu.Lock()
	defer ps.mu.Unlock()
	var out []StoppedPattern
	stop := func(p *pattern, reason string) {
		if p.stopped != "" {
			return
		}
		p.stopped = reason
		p.prints, p.listed = nil, hashSet{}
		ps.order = append(ps.order, p)
		if c, _, ok := strings.Cut(p.key, "#"); ok {
			ps.fineStopped[c]++
		}
		out = append(out, p.report())
	}
	fp := ps.get(fine)
	repeated := print != 0 && fp.prints[print]
	newArticles := 0
	for _, a := range articles {
		h := hashURL(a)
		if fp.listed.has(h) {
			continue
		}
		newArticles++
		if fp.listed.len() < maxListed {
			fp.listed.add(h)
		}
	}
	// A page linked from another pattern pays its way by linking two or
	// more such articles, as a list does: the one article a page about it
	// links (its comments, its other forms, a login page returning to
	// it) is no news.
	productive := revealed || newArticles > 1 || (chain || record) && newArticles > 0
	keys := []string{coarse}
	if fine != coarse {
		keys = append(keys, fine)
	}
	for _, k := range keys {
		p := ps.get(k)
		p.requests++
		p.example = u
		switch {
		case productive:
			p.idle, p.idleEntries = 0, 0
			p.productive, p.probing = true, false // a remembered trap live again
		case chain:
			p.idle++
		default:
			p.idleEntries++
		}
		switch {
		case p.probing && p.idle >= ps.limit:
			stop(p, "probe") // trapmemory.go
		case p.idle >= ps.limit || p.idleEntries >= entryIdleLimit:
			stop(p, "idle")
		}
	}
	if print != 0 && fp.stopped == "" {
		if repeated && !productive && fp.idle >= repeatIdle {
			stop(fp, "repeat")
		} else if !repeated && len(fp.prints) < maxFingerprints {
			if fp.prints == nil {
				fp.prints = map[uint64]bool{}
			}
			fp.prints[print] = true
		}
	}
	return out
}

func hashURL(u string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(u))
	return h.Sum64()
}

// markArticle records that a page of u's pattern was an article.
func (ps *patterns) markArticle(u string) {
	coarse, _ := patternKeys(u, "")
	ps.mu.Lock()
	ps.get(coarse).articles++
	ps.mu.Unlock()
}

// articleURLs returns the URLs whose pattern (coarse[i] for urls[i]) has
// held articles.
func (ps *patterns) articleURLs(urls, coarse []string) []string {
	var out []string
	ps.mu.Lock()
	defer ps.mu.Unlock()
	for i, u := range urls {
		if p, ok := ps.byKey[coarse[i]]; ok && p.articles > 0 {
			out = append(out, u)
		}
	}
	return out
}

// report lists the stopped patterns with their figures.
func (ps *patterns) report() []StoppedPattern {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	out := make([]StoppedPattern, len(ps.order))
	for i, p := range ps.order {
		out[i] = p.report()
	}
	return out
}

func (p *pattern) report() StoppedPattern {
	return StoppedPattern{Pattern: readablePattern(p.key), Example: p.example, Requests: p.requests, Dropped: p.dropped, Reason: p.stopped}
}

// readablePattern writes a pattern key for people: in the path a run of
// digits shaped away reads {n} and a long token {id}; a parameter's
// value {n} for a number, {…} for any other; and the values a fine key
// fixes are written in: sxhx.wenming.cn/wmrl/?m=0&y=0#m=11& (the walk
// from one month view to the next year's, the month kept) reads
// sxhx.wenming.cn/wmrl/?m=11&y={n}.
// readableValue is a fixed value of a fine key (escaped as in a query)
// as a person reads it: unescaped when that is UTF-8 (搜索词=文明), else
// as escaped (a GBK keyword's %CE%C4%C3%F7, a value holding '&'), never
// as replacement characters.
func readableValue(v string) string {
	if u, err := url.QueryUnescape(v); err == nil && utf8.ValidString(u) && !strings.ContainsAny(u, "&=#") {
		return u
	}
	return v
}

func readablePattern(key string) string {
	coarse, fixedPart, _ := strings.Cut(key, "#")
	fixed := map[string]string{}
	for _, kv := range strings.Split(fixedPart, "&") {
		if n, v, ok := strings.Cut(kv, "="); ok {
			fixed[n] = v
		}
	}
	host, rest, _ := strings.Cut(coarse, "/")
	pathPart, query, hasQuery := strings.Cut(rest, "?")
	var b strings.Builder
	b.WriteString(host)
	b.WriteByte('/')
	for i, seg := range strings.Split(pathPart, "/") {
		if i > 0 {
			b.WriteByte('/')
		}
		switch {
		case strings.HasPrefix(seg, "*"):
			seg = "{id}" + seg[1:]
		case strings.HasPrefix(seg, "~"):
			seg = "{slug}" + seg[1:]
		}
		b.WriteString(strings.ReplaceAll(seg, "0", "{n}"))
	}
	if !hasQuery {
		return b.String()
	}
	b.WriteByte('?')
	for i, kv := range strings.Split(query, "&") {
		if i > 0 {
			b.WriteByte('&')
		}
		n, v, ok := strings.Cut(kv, "=")
		b.WriteString(n)
		if !ok {
			continue
		}
		b.WriteByte('=')
		switch fv, isFixed := fixed[url.QueryEscape(n)]; {
		case isFixed:
			b.WriteString(readableValue(fv))
		case v == "x":
			b.WriteString("{…}")
		default:
			b.WriteString(strings.ReplaceAll(v, "0", "{n}"))
		}
	}
	return b.String()
}

// patternKeys returns the coarse and fine pattern keys of a canonical URL
// reached from referer (see the comment at the top of this file).
func patternKeys(raw, referer string) (coarse, fine string) {
	u, err := url.Parse(raw)
	if err != nil {
		return raw, raw
	}
	coarse, names, values := shapeURL(u)
	fine = coarse
	if referer == "" {
		return coarse, fine
	}
	r, err := url.Parse(referer)
	if err != nil {
		return coarse, fine
	}
	rc, _, rvalues := shapeURL(r)
	if rc != coarse {
		return coarse, fine
	}
	var b strings.Builder
	b.WriteString(coarse)
	b.WriteString("#")
	for i, n := range names {
		if values[i] == rvalues[i] {
			// Escaped as in a query (nothing is, for most values): a
			// value may hold '&' or '=', or a GBK keyword's bytes that
			// are no UTF-8 — the key is kept in the crawl state as JSON
			// (trapmemory.go), which would turn them into U+FFFD.
			b.WriteString(url.QueryEscape(n) + "=" + url.QueryEscape(values[i]) + "&")
		}
	}
	return coarse, b.String()
}

// shapeURL returns a URL's coarse pattern key and its sorted parameter
// names with their values.
func shapeURL(u *url.URL) (key string, names, values []string) {
	key, names, values, _ = shapeURLKeys(u)
	return key, names, values
}

// shapeURLKeys is shapeURL, also returning the length of the key's host
// and shaped path (the path key, see keysOf).
func shapeURLKeys(u *url.URL) (key string, names, values []string, pathLen int) {
	var q url.Values
	// addresses are the names that are a shaped address (see below).
	var addresses map[string]bool
	if u.RawQuery != "" { // most links have none: no map to make
		q = u.Query()
		names = make([]string, 0, len(q))
	}
	for n, vs := range q {
		if pagerParams[strings.ToLower(n)] {
			// Page 1 of a list or a search has no page parameter, the
			// next pages do: they are one pattern.
			continue
		}
		if len(vs) == 1 && vs[0] == "" && strings.ContainsAny(n, "0123456789") {
			// No parameter but a page's address (Discuz's Archiver,
			// archiver/?tid-88.html): shaped as a path is, its value
			// empty.
			n = shapeDigits(n)
			if addresses == nil {
				addresses = map[string]bool{}
			}
			addresses[n] = true
		}
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) > 0 {
		values = make([]string, len(names))
	}
	p := u.EscapedPath()
	var b strings.Builder
	b.Grow(len(u.Host) + len(p) + len(u.RawQuery) + 1)
	b.WriteString(u.Host)
	writeShapedPath(&b, p)
	pathLen = b.Len()
	for i, n := range names {
		if !addresses[n] {
			values[i] = strings.Join(q[n], ",")
		}
		if i == 0 {
			b.WriteString("?")
		} else {
			b.WriteString("&")
		}
		b.WriteString(n)
		b.WriteString("=")
		b.WriteString(shapeValue(values[i]))
	}
	return b.String(), names, values, pathLen
}

// pagerParams are the query parameters that number the pages of a list
// or of search results.
var pagerParams = map[string]bool{
	"page": true, "p": true, "pg": true, "pn": true, "pageno": true, "page_no": true,
	"pagenum": true, "pageindex": true, "pagenumber": true, "curpage": true, "currpage": true,
	"start": true, "offset": true,
}

// writeShapedPath writes path p to b shaped, segment by segment: every
// run of digits as one 0 and every long token (a session id or hash: 16+
// letters and digits mixed) as *.
func writeShapedPath(b *strings.Builder, p string) {
	for {
		seg, rest, more := strings.Cut(p, "/")
		writeShapedSegment(b, seg)
		if !more {
			return
		}
		b.WriteByte('/')
		p = rest
	}
}

// writeShapedSegment writes a path segment shaped to b.
func writeShapedSegment(b *strings.Builder, s string) {
	if ext, ok := wordSlug(s); ok {
		b.WriteByte('~')
		b.WriteString(ext)
		return
	}
	if len(s) >= 16 {
		letters, digits := 0, 0
		for _, r := range s {
			switch {
			case r >= '0' && r <= '9':
				digits++
			case unicode.IsLetter(r):
				letters++
			}
		}
		if letters > 0 && digits > 0 && letters+digits >= len(s)*3/4 {
			b.WriteByte('*')
			b.WriteString(path.Ext(s))
			return
		}
	}
	writeShapedDigits(b, s)
}

// wordSlug reports whether a path segment is a slug: a page's name made
// of its title's words, as blog engines and many newer CMSs name posts,
// tags and pages (/2024/05/02/%E4%B9%89%E8%AF%8A/,
// /news/volunteers-visit-the-county-library.html). Each post has its own,
// so a shaped path that kept it would make every post a pattern of its
// own; shaped to one token, the posts of a site share their pattern as
// numbered articles do. A slug is a segment of percent-escaped non-ASCII
// text (two letters or more), or of three or more words of letters
// joined by hyphens or underscores (numbers may stand among them: a date,
// 2024-05-02, or news-123 is no slug). ext is the segment's file extension,
// kept.
func wordSlug(s string) (ext string, ok bool) {
	name := s
	if e := path.Ext(s); len(e) > 1 && len(e) <= 6 && isASCIILetters(e[1:]) {
		name, ext = s[:len(s)-len(e)], e
	}
	if len(name) < 5 {
		return "", false // no room for three words or two escaped letters
	}
	if strings.IndexByte(name, '%') >= 0 {
		dec, err := url.PathUnescape(name)
		if err != nil || !utf8.ValidString(dec) {
			return "", false
		}
		wide := 0
		for _, r := range dec {
			if r >= utf8.RuneSelf && unicode.IsLetter(r) {
				wide++
			}
		}
		return ext, wide >= 2
	}
	// Words of letters (numbers may stand among them) joined by - or _,
	// counted without splitting the segment.
	words, letters := 0, 0
	for i := 0; i <= len(name); i++ {
		if i == len(name) || name[i] == '-' || name[i] == '_' {
			if letters > 0 {
				words++
			}
			letters = 0
			continue
		}
		c := name[i]
		switch {
		case c|0x20 >= 'a' && c|0x20 <= 'z':
			letters++
		case c >= '0' && c <= '9':
		default:
			return "", false // punctuation or a non-ASCII byte: no word slug
		}
	}
	return ext, words >= 3
}

func isASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// shapeValue shapes a parameter value: digits become 0; any other value
// (a keyword, a sort order) becomes "x", so all its values share a pattern.
func shapeValue(v string) string {
	if v == "" {
		return ""
	}
	d := shapeDigits(v)
	for _, r := range d {
		if r != '0' && r != '-' && r != '_' && r != '/' && r != ':' && r != '.' {
			return "x"
		}
	}
	return d
}

func shapeDigits(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	writeShapedDigits(&b, s)
	return b.String()
}

// writeShapedDigits writes shapeDigits(s) to b: a run of digits as 0,
// every other rune as it is (a byte that is not UTF-8 as U+FFFD).
func writeShapedDigits(b *strings.Builder, s string) {
	inDigits := false
	for _, r := range s {
		if r >= '0' && r <= '9' {
			if !inDigits {
				b.WriteByte('0')
			}
			inDigits = true
			continue
		}
		inDigits = false
		if r < utf8.RuneSelf {
			b.WriteByte(byte(r))
		} else {
			b.WriteRune(r)
		}
	}
}

// pathKey is a URL's host and shaped path, without its query: URLs of one
// script or directory (portal.php?mod=list and portal.php?mod=view; a
// search page and its page 2) share it.
func pathKey(raw string) string {
	_, path := keysOf(raw)
	return path
}

// keysOf returns a URL's coarse pattern key and its path key, parsing it
// once.
func keysOf(raw string) (coarse, path string) {
	u, err := url.Parse(raw)
	if err != nil {
		return raw, raw
	}
	return keysOfURL(u)
}

// keysOfURL is keysOf for a parsed URL: the path key is the coarse key
// up to its query part, shaped once.
func keysOfURL(u *url.URL) (coarse, path string) {
	coarse, _, _, pathLen := shapeURLKeys(u)
	return coarse, coarse[:pathLen]
}

// fingerprint hashes a set of URLs (order-free); 0 for an empty set.
func fingerprint(urls []string) uint64 {
	if len(urls) == 0 {
		return 0
	}
	sorted := append([]string(nil), urls...)
	sort.Strings(sorted)
	h := fnv.New64a()
	for _, u := range sorted {
		h.Write([]byte(u))
		h.Write([]byte{0})
	}
	if s := h.Sum64(); s != 0 {
		return s
	}
	return 1
}

// Limits of the static scope rules.
const (
	maxPathSegments = 16
	maxURLLength    = 1024
	maxQueryParams  = 12
)

// pathological names why a canonical URL is outside any site's useful
// space, or returns "" for an ordinary URL.
func pathological(u *url.URL) string {
	if longerThan(u, maxURLLength) {
		return "long_url"
	}
	p := strings.Trim(u.EscapedPath(), "/")
	if strings.Count(p, "/")+1 > maxPathSegments {
		return "deep_path"
	}
	var buf [maxPathSegments]string // the segments, without a slice made for them
	segs := buf[:0]
	for {
		seg, rest, more := strings.Cut(p, "/")
		segs = append(segs, seg)
		if !more {
			break
		}
		p = rest
	}
	if repeatedSegments(segs) {
		return "repeated_path"
	}
	if u.RawQuery != "" && strings.Count(u.RawQuery, "&")+1 > maxQueryParams {
		return "many_params"
	}
	return ""
}

// longerThan reports whether u's string (u.String()) is longer than limit
// bytes. It makes the string only when a bound on its length, taken from
// its parts (each escaped at most to three times its length), is over
// limit: the crawl asks of every link of every page, nearly all far
// shorter, and making each one's string was some 19 of the 2,260 objects
// a page that a crawl allocated.
func longerThan(u *url.URL, limit int) bool {
	if u.User == nil {
		bound := len(u.Scheme) + len("://") + 3*len(u.Opaque) + 3*len(u.Host) +
			len("./") + max(len(u.RawPath), 3*len(u.Path)) +
			len("?") + len(u.RawQuery) + len("#") + max(len(u.RawFragment), 3*len(u.Fragment))
		if bound <= limit {
			return false
		}
	}
	return len(u.String()) > limit
}

// repeatedSegments reports a path that repeats itself: one segment three
// times in a row (/x/x/x/), or a run of two or three segments twice in a
// row (/a/b/a/b/) — what relative links under a directory that answers
// every path produce.
func repeatedSegments(segs []string) bool {
	for n := 1; n <= 3; n++ {
		times := 2
		if n == 1 {
			times = 3
		}
		for i := 0; i+n*times <= len(segs); i++ {
			same := true
			for k := 1; k < times && same; k++ {
				for j := 0; j < n; j++ {
					if segs[i+j] != segs[i+k*n+j] || segs[i+j] == "" {
						same = false
						break
					}
				}
			}
			if same {
				return true
			}
		}
	}
	return false
}
