package crawl

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/wenming-archive/wenming/internal/frontier"
)

// A directory's page by its index's name. Canonicalize folds a link to a
// directory's index page (/col/col1521/index.html) into the directory
// (/col/col1521/), the URL then fetched: most servers answer both with
// one page. A server that maps only the file — a Java platform's static
// column pages behind a front controller, a server without a directory
// index configured — answers the directory 404, and every page of the
// column would be lost to a fold of the crawler's own making. So a
// directory that answers 404 is asked once more by its most common index
// name, index.html, whose page, if there is one, is the directory's (its
// relative links resolve alike: it sits in the directory). A directory
// that is really gone costs one request more.
//
// The directories so answered are kept in the crawl state
// (state/dirindex.json) for dirIndexKeep: the runs after it ask such a
// directory's index.html at once, one request instead of two each night.
// Should the index page fail then, the directory is asked as the first
// time (and forgotten): a wrong memory costs the request it was to save,
// never the page. A directory whose index.html answered 404 too — a dead
// link to a topic page taken down — is kept as well: the runs after it
// ask the directory alone (one request instead of two), and should it
// answer again it is forgotten. A memory is not renewed by its use (that
// shows only that the index page answers, not that the directory still
// does not): after dirIndexKeep the directory is asked as the first time
// and learnt again.

// dirIndexName is the index page asked for in a directory that answers
// 404.
const dirIndexName = "index.html"

// dirIndexFile is the crawl state file of the directories answered by
// their index page; dirIndexKeep how long one is remembered (as the
// traps are, trapmemory.go); maxDirIndexes bounds their number.
const (
	dirIndexFile  = "dirindex.json"
	dirIndexKeep  = 30 * 24 * time.Hour
	maxDirIndexes = 100000
)

// dirIndexes are the directories answered by their index page, by URL,
// with when that was learnt, and those whose index page failed as well.
// It is safe for concurrent use.
type dirIndexes struct {
	mu     sync.Mutex
	learnt map[string]dirIndex
}

// dirIndex is what a directory answering 404 showed: when, and whether
// its index page answered.
type dirIndex struct {
	learnt time.Time
	gone   bool // its index.html failed too
}

func newDirIndexes() *dirIndexes { return &dirIndexes{learnt: map[string]dirIndex{}} }

// savedDirIndex is a directory answered by its index page, as the crawl
// state keeps it.
type savedDirIndex struct {
	URL    string    `json:"url"`
	Learnt time.Time `json:"learnt"`
	Gone   bool      `json:"gone,omitempty"` // its index.html answered no page either
}

// load reads the directories earlier runs learnt within dirIndexKeep of
// now. A missing file is no error; a damaged one is taken as absent and
// said in the error.
func (d *dirIndexes) load(dir string, now time.Time) error {
	var saved []savedDirIndex
	if _, err := loadState(dir, dirIndexFile, &saved); err != nil {
		return fmt.Errorf("directories answered by their index page: %w: they are asked again", err)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, s := range saved {
		if s.URL != "" && now.Sub(s.Learnt) <= dirIndexKeep && !s.Learnt.After(now.Add(time.Hour)) {
			d.learnt[s.URL] = dirIndex{learnt: s.Learnt, gone: s.Gone}
		}
	}
	return nil
}

// save writes the directories known, the most recently learnt first and
// at most maxDirIndexes, into dir's crawl state.
func (d *dirIndexes) save(dir string) error {
	if dir == "" {
		return nil
	}
	d.mu.Lock()
	saved := make([]savedDirIndex, 0, len(d.learnt))
	for u, e := range d.learnt {
		saved = append(saved, savedDirIndex{URL: u, Learnt: e.learnt, Gone: e.gone})
	}
	d.mu.Unlock()
	sort.Slice(saved, func(i, j int) bool {
		if !saved[i].Learnt.Equal(saved[j].Learnt) {
			return saved[i].Learnt.After(saved[j].Learnt)
		}
		return saved[i].URL < saved[j].URL
	})
	if len(saved) > maxDirIndexes {
		saved = saved[:maxDirIndexes]
	}
	if err := saveState(dir, dirIndexFile, saved); err != nil {
		return fmt.Errorf("directories answered by their index page: %w", err)
	}
	return nil
}

// known reports whether directory u was learnt, and whether as gone.
func (d *dirIndexes) known(u string) (ok, gone bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	e, ok := d.learnt[u]
	return ok, e.gone
}

// learn records what directory u, answering 404, showed now; an earlier
// memory of the same kind keeps its time.
func (d *dirIndexes) learn(u string, gone bool, now time.Time) {
	d.mu.Lock()
	if e, ok := d.learnt[u]; !ok || e.gone != gone {
		d.learnt[u] = dirIndex{learnt: now, gone: gone}
	}
	d.mu.Unlock()
}

func (d *dirIndexes) forget(u string) {
	d.mu.Lock()
	delete(d.learnt, u)
	d.mu.Unlock()
}

// indexDirectory reports whether req asks a directory (not a site's root)
// whose index page may stand for it.
func indexDirectory(req frontier.Request) bool {
	if req.Kind == kindSitemap || !strings.HasSuffix(req.URL, "/") {
		return false
	}
	u, err := url.Parse(req.URL)
	return err == nil && u.RawQuery == "" && u.Path != "/" && u.Path != ""
}

// fetchDirectory fetches req, a page request, by its index page when an
// earlier answer showed the directory served only so; nil when it is not
// such a directory or the index page failed (then the directory is
// forgotten and asked as any page).
func (c *Crawler) fetchDirectory(ctx context.Context, req frontier.Request) *fetched {
	if ok, gone := c.dirIndexes.known(req.URL); !ok || gone || !indexDirectory(req) {
		return nil
	}
	g := c.fetchWith(ctx, req.URL+dirIndexName, req.Kind, withReferer(c.conditional(req), req.URL+dirIndexName, req.Referer), 0)
	if g.err == nil && !g.tooLarge && (g.status >= 200 && g.status <= 299 || g.status == http.StatusNotModified) {
		return g
	}
	if ctx.Err() == nil {
		c.dirIndexes.forget(req.URL)
	}
	return nil
}

// directoryIndexAnswer returns, for a request of a directory (not a
// site's root) answered 404 in f, the answer of the directory's
// index.html when that is a page, or f. A directory learnt gone is not
// asked by its index page again; one that answers is forgotten.
func (c *Crawler) directoryIndexAnswer(ctx context.Context, req frontier.Request, f *fetched) *fetched {
	if !indexDirectory(req) {
		return f
	}
	ok, gone := c.dirIndexes.known(req.URL)
	if f.status != http.StatusNotFound {
		if ok && f.err == nil && f.status >= 200 && f.status <= 299 {
			c.dirIndexes.forget(req.URL) // it answers as a directory again
		}
		return f
	}
	if gone {
		return f
	}
	g := c.fetchWith(ctx, req.URL+dirIndexName, req.Kind, withReferer(nil, req.URL+dirIndexName, req.Referer), 0)
	if g.err != nil || g.tooLarge || g.status < 200 || g.status > 299 {
		if g.status == http.StatusNotFound || g.status == http.StatusGone {
			c.dirIndexes.learn(req.URL, true, time.Now())
		}
		return f
	}
	c.dirIndexes.learn(req.URL, false, time.Now())
	return g
}
