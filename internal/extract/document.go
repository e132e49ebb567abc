package extract

import (
	"fmt"
	"net/url"
	"unsafe"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/wenming-archive/wenming/internal/extract/htmltree"
)

// Document is one parsed page. The crawler reads its links and
// ExtractDocument its fields from the same parse, so a fetched page is
// parsed once.
type Document struct {
	raw  string   // the page, one copy shared by the tree's strings
	rx   rawIndex // where the rules' literals first occur in raw
	url  *url.URL
	base *url.URL
	root *html.Node
	tree *htmltree.Tree // root's nodes, numbered
}

// Parse parses a page fetched from pageURL (nil is allowed) whose bytes
// Decode has made UTF-8. A page above MaxPageBytes is refused with
// ErrTooLarge.
//
// Parse takes src over: the tree's strings, and the Result's that
// ExtractDocument reads from them, share its bytes instead of a copy of
// the page, so the caller must not change src afterwards.
func Parse(src []byte, pageURL *url.URL) (*Document, error) {
	if len(src) > MaxPageBytes {
		return nil, fmtErr(pageURL, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(src), MaxPageBytes))
	}
	raw := unsafe.String(unsafe.SliceData(src), len(src))
	tree := parseHTML(raw)
	root := tree.Root
	d := &Document{raw: raw, rx: indexRaw(raw), url: pageURL, base: pageURL, root: root, tree: tree}
	if d.rx.indexFold("<base") >= 0 {
		d.base = baseURL(goquery.NewDocumentFromNode(root), pageURL)
	}
	return d, nil
}

// Root returns the parsed tree; callers must not change it.
func (d *Document) Root() *html.Node { return d.root }

// URL returns the address the page was fetched from (may be nil).
func (d *Document) URL() *url.URL { return d.url }

// Base returns the address links resolve against: the page's <base href>
// or its own address (nil when the page has none).
func (d *Document) Base() *url.URL { return d.base }
