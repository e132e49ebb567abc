package crawl

import (
	"net/url"
	"path"
	"strings"
	"sync"
)

// canonLink is what a link's absolute URL alone decides, worked out once
// for all the pages that carry it: its canonical form, its host, whether
// its extension is never fetched (skipExt), its pattern keys and why it
// is never fetched (pathological; "" when it may be). What depends on
// the crawl's state (the sites in scope, a home page, a stopped pattern,
// whether it was archived) is not in it.
type canonLink struct {
	canon, host string
	skipExt     bool
	keys        linkKeys
	why         string
}

// canonOf returns the canonLink of raw, an absolute URL.
func canonOf(raw string) (*canonLink, error) {
	canon, pu, err := canonicalParts(raw)
	if err != nil {
		return nil, err
	}
	if pu == nil {
		if pu, err = url.Parse(canon); err != nil {
			return nil, err
		}
	}
	coarse, keyPath := keysOfURL(pu)
	return &canonLink{canon: canon, host: pu.Host, skipExt: skipExt[strings.ToLower(path.Ext(pu.Path))],
		keys: linkKeys{coarse, keyPath}, why: pathological(pu)}, nil
}

// linkCache holds the canonLinks of the links met lately: most links of
// a crawl's pages are the same few thousand again and again (a site's
// menus, columns and pagers on every page of it), and canonicalizing,
// parsing and shaping each of them again was a twentieth of the crawl's
// CPU. A URL that does not canonicalize is not held (it is rare, and its
// error names it).
//
// It is bounded: two generations of at most linkCacheSize URLs each; a
// URL found in the older is moved to the newer, and when the newer is
// full the older is dropped. It is safe for concurrent use.
type linkCache struct {
	mu       sync.Mutex
	cur, old map[string]*canonLink
}

// linkCacheSize bounds each generation of the cache: an entry is some
// 300 bytes (the URL twice and its keys), so about 2.5 MB in all.
const linkCacheSize = 1 << 12

// get returns the canonLink of raw, from the cache or worked out and
// held.
func (c *linkCache) get(raw string) (*canonLink, error) {
	c.mu.Lock()
	l, ok := c.cur[raw]
	if !ok {
		if l, ok = c.old[raw]; ok {
			c.put(raw, l)
		}
	}
	c.mu.Unlock()
	if ok {
		return l, nil
	}
	// raw is often a slice of the page's HTML, and the parsed URL slices
	// of it: held, they would hold the whole page.
	raw = strings.Clone(raw)
	l, err := canonOf(raw)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.put(raw, l)
	c.mu.Unlock()
	return l, nil
}

// put holds l for raw in the newer generation. Called with c.mu held.
func (c *linkCache) put(raw string, l *canonLink) {
	if c.cur == nil {
		c.cur = make(map[string]*canonLink)
	}
	if len(c.cur) >= linkCacheSize {
		c.old, c.cur = c.cur, make(map[string]*canonLink)
	}
	c.cur[raw] = l
}
