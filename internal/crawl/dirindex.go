package crawl

import (
	"context"
	"net/http"
	"net/url"
	"strings"
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

// The notes of directories answering 404 (see urlMemory): their index
// page answered, or failed too. dirIndexKeep is how long one is kept (as
// the traps are, trapmemory.go).
const (
	dirIndexFile  = "dirindex.json"
	dirIndexKeep  = 30 * 24 * time.Hour
	maxDirIndexes = 100000
	dirByIndex    = "index" // served by its index page
	dirGone       = "gone"  // its index page failed too
)

func newDirIndexes() *urlMemory {
	return newURLMemory(dirIndexFile, "directories answering 404", dirIndexKeep, maxDirIndexes)
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
	if c.dirIndexes.note(req.URL) != dirByIndex || !indexDirectory(req) {
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
	note := c.dirIndexes.note(req.URL)
	if f.status != http.StatusNotFound {
		if note != "" && f.err == nil && f.status >= 200 && f.status <= 299 {
			c.dirIndexes.forget(req.URL) // it answers as a directory again
		}
		return f
	}
	if note == dirGone {
		return f
	}
	g := c.fetchWith(ctx, req.URL+dirIndexName, req.Kind, withReferer(nil, req.URL+dirIndexName, req.Referer), 0)
	if g.err != nil || g.tooLarge || g.status < 200 || g.status > 299 {
		if g.status == http.StatusNotFound || g.status == http.StatusGone {
			c.dirIndexes.learn(req.URL, dirGone, time.Now())
		}
		return f
	}
	c.dirIndexes.learn(req.URL, dirByIndex, time.Now())
	return g
}
