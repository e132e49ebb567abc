package crawl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wenming-archive/wenming/internal/robots"
)

// robotsCache fetches each host's robots.txt once and answers whether a URL
// may be fetched, by the rules of RFC 9309 (package robots).
//
// colly has its own robots.txt check, but it tests the query string after
// sorting its parameters (url.Values.Encode), so Discuz's default rules such
// as "Disallow: /*?mod=misc*" miss "?aid=1&mod=misc". This check tests the
// path and query exactly as they will be requested.
type robotsCache struct {
	client *http.Client
	agent  string // product token matched against User-agent lines
	ua     string // full User-Agent header

	mu    sync.Mutex
	hosts map[string]*robotsEntry // scheme://host → entry

	// ignore are the hosts whose rules are not obeyed
	// (Options.IgnoreRobotsHosts): their robots.txt is still read, for
	// its Crawl-delay and sitemaps, and nothing of them is disallowed.
	ignore map[string]bool
}

type robotsEntry struct {
	once sync.Once
	data *robots.File
	// anyCase is data read in lower case, for a host that answers paths
	// in any case (IIS, see caseless.go): its rules are matched against
	// the URL in lower case, so "Disallow: /Admin/" forbids /admin/ too.
	// Nil for other hosts.
	anyCase *robots.File
	delay   time.Duration
	err     error
	// known is e.delay for readers outside once (set when it is done).
	known atomic.Int64
	done  atomic.Bool
	// group is data's rules for the crawler's agent, anyCaseGroup
	// anyCase's.
	group, anyCaseGroup *robots.Rules
	// shaped remembers what disallows answered for a URL, by the URL
	// with its numbers shaped away (a forum's reply links
	// differ by their post's number only): at most maxShaped of them.
	shaped  sync.Map
	nShaped atomic.Int64
}

const maxShaped = 4096

func newRobotsCache(client *http.Client, agent, ua string, ignore ...string) *robotsCache {
	rc := &robotsCache{client: client, agent: agent, ua: ua, hosts: map[string]*robotsEntry{}, ignore: map[string]bool{}}
	for _, h := range ignore {
		rc.ignore[strings.ToLower(strings.TrimSpace(h))] = true
	}
	return rc
}

// fetched reports whether robots.txt of u's host is already known.
func (rc *robotsCache) fetched(u *url.URL) bool {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	_, ok := rc.hosts[u.Scheme+"://"+u.Host]
	return ok
}

// crawlDelay is the Crawl-delay of a host whose robots.txt is known.
func (rc *robotsCache) crawlDelay(host string) time.Duration {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	for _, scheme := range []string{"http://", "https://"} {
		if e, ok := rc.hosts[scheme+host]; ok && e.done.Load() {
			return time.Duration(e.known.Load())
		}
	}
	return 0
}

// ErrRobotsUnavailable means a host's robots.txt answered a server error:
// the host may not be crawled until it answers (RFC 9309).
var ErrRobotsUnavailable = errors.New("robots.txt unavailable")

// allowed reports whether u may be fetched, and the Crawl-delay the site asks
// for. An unreachable robots.txt (network error, 5xx) forbids the whole host,
// as Google and Heritrix treat it; a 4xx allows it.
func (rc *robotsCache) allowed(ctx context.Context, u *url.URL) (bool, time.Duration, error) {
	key := u.Scheme + "://" + u.Host
	rc.mu.Lock()
	e, ok := rc.hosts[key]
	if !ok {
		e = &robotsEntry{}
		rc.hosts[key] = e
	}
	rc.mu.Unlock()
	e.once.Do(func() {
		var at string
		e.data, e.anyCase, at, e.err = rc.fetch(ctx, key)
		if e.data != nil {
			e.group = e.data.For(rc.agent)
			e.delay = e.group.CrawlDelay
		}
		if e.anyCase != nil {
			e.anyCaseGroup = e.anyCase.For(rc.agent)
		}
		e.known.Store(int64(e.delay))
		e.done.Store(true)
		if e.err == nil && at != key {
			rc.share(at, e)
		}
	})
	if rc.ignore[strings.ToLower(u.Host)] {
		return true, e.delay, nil
	}
	if e.err != nil {
		// Forget the failure: the next request to the host asks again
		// (the crawler retries later, and leaves the host for the run
		// when robots.txt stays unavailable).
		rc.mu.Lock()
		if rc.hosts[key] == e {
			delete(rc.hosts, key)
		}
		rc.mu.Unlock()
		return false, 0, e.err
	}
	return e.test(u), e.delay, nil
}

// test reports whether the entry's rules allow u.
func (e *robotsEntry) test(u *url.URL) bool {
	if e.group == nil {
		return true // no robots.txt read
	}
	p, query, group := u.EscapedPath(), u.RawQuery, e.group
	if p == "" {
		p = "/"
	}
	if e.anyCaseGroup != nil {
		p, query, group = strings.ToLower(p), strings.ToLower(query), e.anyCaseGroup
	}
	if query == "" {
		return group.Allows(p)
	}
	// The crawler fetches canonical URLs, whose parameters are sorted; the
	// site's rules are written for the order its own links use. A URL is
	// allowed only if every order of its parameters is.
	for _, q := range queryOrders(query) {
		if !group.Allows(p + "?" + q) {
			return false
		}
	}
	return true
}

// read returns the robots.txt of u's host when it has been read, nil
// when it has not (or was unavailable). It fetches nothing.
func (rc *robotsCache) read(u *url.URL) *robotsEntry {
	rc.mu.Lock()
	e, ok := rc.hosts[u.Scheme+"://"+u.Host]
	rc.mu.Unlock()
	if !ok || !e.done.Load() || e.err != nil || e.data == nil {
		return nil
	}
	return e
}

// disallows reports whether the host's robots.txt disallows u (canon, a
// canonical URL of the host), for the pattern budget's accounting of what
// a page revealed; u is answered as a URL that differs from it in its
// numbers only was (a rule naming a number is rare, and allowed decides
// exactly when u is fetched).
func (e *robotsEntry) disallows(u *url.URL, canon string) bool {
	key := shapeDigits(canon)
	if no, ok := e.shaped.Load(key); ok {
		return no.(bool)
	}
	no := !e.test(u)
	if e.nShaped.Add(1) <= maxShaped {
		e.shaped.Store(key, no)
	}
	return no
}

// queryOrders returns the query with its parameters in every order (up to
// 5 parameters, 120 orders). A longer query cannot be tried in every
// order (12 parameters have 479 million); rules name the first one or two
// parameters of the site's own links (Discuz's /forum.php?mod=post*,
// /*?mod=misc*), so it is tried with every pair of its parameters in
// front of the others (at most 132 orders), and reversed.
func queryOrders(q string) []string {
	parts := strings.Split(q, "&")
	if len(parts) > 5 {
		n := len(parts)
		out := make([]string, 0, n*(n-1)+1)
		order := make([]string, 0, n)
		for i := range parts {
			for j := range parts {
				if i == j {
					continue
				}
				order = append(order[:0], parts[i], parts[j])
				for k, p := range parts {
					if k != i && k != j {
						order = append(order, p)
					}
				}
				out = append(out, strings.Join(order, "&"))
			}
		}
		rev := make([]string, n)
		for i, p := range parts {
			rev[n-1-i] = p
		}
		return append(out, strings.Join(rev, "&"))
	}
	var out []string
	var permute func(k int)
	permute = func(k int) {
		if k == len(parts) {
			out = append(out, strings.Join(parts, "&"))
			return
		}
		for i := k; i < len(parts); i++ {
			parts[k], parts[i] = parts[i], parts[k]
			permute(k + 1)
			parts[k], parts[i] = parts[i], parts[k]
		}
	}
	permute(0)
	return out
}

// robotsMaxBytes is how much of a robots.txt is read: RFC 9309 2.5 has
// crawlers parse at least 500 KiB.
const robotsMaxBytes = 512 << 10

// fetch reads the robots.txt of base (scheme://host), and returns its
// rules, the same read in lower case when the answer comes from a server
// that answers paths in any case (else nil), and the base it was read
// from in the end: a robots.txt redirected to that of another
// base (http:// to https://, a bare name to www.) is that base's.
func (rc *robotsCache) fetch(ctx context.Context, base string) (data, anyCase *robots.File, at string, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/robots.txt", nil)
	if err != nil {
		return nil, nil, base, fmt.Errorf("robots.txt of %s: %w", base, err)
	}
	req.Header.Set("User-Agent", rc.ua)
	resp, err := rc.client.Do(req)
	if errKind(err) == KindDeadLink {
		// Redirected to the site's error page (see errorPage): there is
		// no robots.txt, as a 404 says.
		return robots.Parse(nil), nil, base, nil
	}
	if err != nil {
		return nil, nil, base, fmt.Errorf("robots.txt of %s: %w", base, err)
	}
	defer resp.Body.Close()
	at = base
	if u := resp.Request.URL; u.Path == "/robots.txt" && u.RawQuery == "" {
		at = u.Scheme + "://" + u.Host
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, robotsMaxBytes+1))
	if err != nil {
		return nil, nil, base, fmt.Errorf("robots.txt of %s: %w", base, err)
	}
	if len(body) > robotsMaxBytes {
		// The line the limit cuts is left out with the rest: cut, an
		// "Allow: /private/open.html" would allow all of /private/o.
		body = body[:bytes.LastIndexAny(body[:robotsMaxBytes], "\r\n")+1]
	}
	if resp.StatusCode >= 400 && isBotChallenge(resp.StatusCode, body) {
		// The host answers a script to every client that runs none:
		// nothing of it can be read (and its rules are unknown).
		return nil, nil, base, fmt.Errorf("robots.txt of %s: %w: %w", base, ErrRobotsUnavailable, botChallengeError(resp.StatusCode))
	}
	if resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests {
		// RFC 9309 2.3.1.3: a server error means complete disallow.
		ans := &robotsAnswer{status: resp.StatusCode, retryAfter: retryAfter(resp.Header.Get("Retry-After"), time.Now())}
		return nil, nil, base, fmt.Errorf("robots.txt of %s: %w (%w)", base, ErrRobotsUnavailable, ans)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// RFC 9309 2.3.1.3: a robots.txt that is unavailable (4xx, or a
		// redirect not followed) sets no rules.
		body = nil
	}
	data = robots.Parse(body)
	if caseInsensitiveServer(resp.Header.Get("Server")) {
		anyCase = robots.Parse(bytes.ToLower(body))
	}
	return data, anyCase, at, nil
}

// robotsAnswer is the error status of a robots.txt, with its Retry-After:
// the host is backed off by them as after a page's (a rate-limited host
// answers its robots.txt 429 as it answers its pages, and is up).
type robotsAnswer struct {
	status     int
	retryAfter time.Duration
}

func (a *robotsAnswer) Error() string { return fmt.Sprintf("HTTP %d", a.status) }

// share makes e, read from base at, the robots.txt of at too, unless at
// has one already.
func (rc *robotsCache) share(at string, e *robotsEntry) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if _, ok := rc.hosts[at]; !ok {
		rc.hosts[at] = e
	}
}

// sitemaps returns the Sitemap: URLs of u's host's robots.txt, if it has
// been read.
func (rc *robotsCache) sitemaps(u *url.URL) []string {
	rc.mu.Lock()
	e, ok := rc.hosts[u.Scheme+"://"+u.Host]
	rc.mu.Unlock()
	if !ok || !e.done.Load() || e.data == nil {
		return nil
	}
	return append([]string(nil), e.data.Sitemaps...)
}
