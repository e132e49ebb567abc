package crawl

import (
	"context"
	"net/http"
	"net/url"
	"strings"

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

// dirIndexName is the index page asked for in a directory that answers
// 404.
const dirIndexName = "index.html"

// directoryIndexAnswer returns, for a request of a directory (not a
// site's root) answered 404 in f, the answer of the directory's
// index.html when that is a page, or f.
func (c *Crawler) directoryIndexAnswer(ctx context.Context, req frontier.Request, f *fetched) *fetched {
	if f.status != http.StatusNotFound || req.Kind == kindSitemap || !strings.HasSuffix(req.URL, "/") {
		return f
	}
	u, err := url.Parse(req.URL)
	if err != nil || u.RawQuery != "" || u.Path == "/" || u.Path == "" {
		return f
	}
	g := c.fetchWith(ctx, req.URL+dirIndexName, req.Kind, withReferer(nil, req.URL+dirIndexName, req.Referer), 0)
	if g.err != nil || g.tooLarge || g.status < 200 || g.status > 299 {
		return f
	}
	return g
}
