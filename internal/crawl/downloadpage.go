package crawl

import (
	"net/url"
	"sync"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/cms"
	"github.com/wenming-archive/wenming/internal/extract"
	"github.com/wenming-archive/wenming/internal/frontier"
)

// Download pages: an attachment link that answers 200 with an HTML page
// rather than the file — DedeCMS's /plus/download.php?open=0&aid=…
// (a page linking its open=1 form, the file by redirect), PHPCMS's
// index.php?m=content&c=down&a=init&… (a page linking &a=download&a_k=…),
// a site's own DownFile.aspx?path=… interstitial. When that page is a
// download page — kept whole (under maxDownloadPageBytes), few links (at
// most maxDownloadPageLinks), and one to a few of them (at most
// maxOfferedDocuments) to a document by its type or a download script
// that is not itself a download page (cms.IsDownloadPage) — its first
// document is fetched instead, one hop only: it is queued as a request
// of kindOffered, which is never read for a page in turn, with the
// attachments' limits (scope, robots.txt, politeness, once per run, never
// again once an earlier run captured it; the page took the article's
// slot under MaxAttachmentsPerArticle, its one document keeps it). The
// record then lists the document, named as the article named the link,
// with Via the page's URL: the records of the articles that listed the
// page in this run are stored again so (Options.Archived), and a later
// run, which does not fetch the page again (captured), takes the
// document from the record it finds (linkOffered). Any other HTML answer
// (a login wall, a 404 dressed as 200, the site's home) is what it was:
// archived, counted not a document, not followed, and left as the
// article linked it.

// maxDownloadPageBytes is the most of an attachment's answer the crawler
// keeps: a download page whole (a few KB; with a CMS's header and
// footer, tens); a longer HTML answer is no download page.
const maxDownloadPageBytes = 64 << 10

// maxDownloadPageLinks is the most links a download page has: the
// file's, its mirrors', the article's, a short navigation; a site's home
// or a column has more.
const maxDownloadPageLinks = 30

// maxOfferedDocuments is the most distinct documents a download page
// links: one file, perhaps in a few forms; a page linking more is a
// download list, not the page of one attachment.
const maxOfferedDocuments = 4

// offers is what a run learnt of the download pages its articles link.
type offers struct {
	mu sync.Mutex
	// resolved maps a download page read in this run (canonical URL) to
	// the document it offers.
	resolved map[string]article.Attachment
	// waiting maps an attachment queued in this run (canonical URL) to
	// the articles stored listing it, until it is read.
	waiting map[string][]string
	// amend serializes the records stored again (see amend).
	amend sync.Mutex
}

// offered returns the document the download page at page offers, as
// read in this run.
func (o *offers) offered(page string) (article.Attachment, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	doc, ok := o.resolved[page]
	return doc, ok
}

// wait notes that the article at articleURL was stored listing the
// attachment page, queued; it returns the document page offers when it
// was read already.
func (o *offers) wait(page, articleURL string) (article.Attachment, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if doc, ok := o.resolved[page]; ok {
		return doc, true
	}
	if o.waiting == nil {
		o.waiting = map[string][]string{}
	}
	o.waiting[page] = append(o.waiting[page], articleURL)
	return article.Attachment{}, false
}

// settle notes that the attachment page was read, offering doc (ok) or
// not, and returns the articles that wait for it.
func (o *offers) settle(page string, doc article.Attachment, ok bool) []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	if ok {
		if o.resolved == nil {
			o.resolved = map[string]article.Attachment{}
		}
		o.resolved[page] = doc
	}
	waiting := o.waiting[page]
	delete(o.waiting, page)
	return waiting
}

// offeredDocument returns the document the answer to an attachment
// request is a download page of (see above): contentType and head are
// the answer's, final its URL after redirects, page the request's
// canonical URL. False for any other answer.
func (c *Crawler) offeredDocument(page string, final *url.URL, contentType string, head []byte) (article.Attachment, bool) {
	if final == nil || len(head) >= maxDownloadPageBytes {
		return article.Attachment{}, false // not kept whole: no download page
	}
	body, _, err := extract.Decode(head, contentType)
	if err != nil {
		return article.Attachment{}, false
	}
	doc, err := extract.Parse(body, final)
	if err != nil {
		return article.Attachment{}, false
	}
	anchors, capped := anchorsOf(doc, false)
	if capped > 0 || len(anchors) > maxDownloadPageLinks {
		return article.Attachment{}, false
	}
	var docs []article.Attachment
	seen := map[string]bool{page: true}
	for _, a := range anchors {
		u, err := url.Parse(a.URL)
		if err != nil || a.Frame || !isAttachment(u) || cms.IsDownloadPage(u) {
			continue
		}
		canon, err := c.canonicalize(a.URL)
		if err != nil || seen[canon] {
			continue
		}
		seen[canon] = true
		docs = append(docs, article.Attachment{URL: a.URL, Name: a.Text})
	}
	if len(docs) == 0 || len(docs) > maxOfferedDocuments {
		return article.Attachment{}, false
	}
	return docs[0], true
}

// followOffer queues doc, the document the download page req offers, as
// a request of kindOffered within the attachments' scope and earlier
// captures, and stores again the records of the articles that listed the
// page, listing doc in its place.
func (c *Crawler) followOffer(req frontier.Request, doc article.Attachment, pushed map[string]int) {
	k := &c.attachments
	for _, articleURL := range c.offers.settle(req.URL, doc, true) {
		c.amend(articleURL, req.URL, doc)
	}
	canon, err := c.canonicalize(doc.URL)
	switch {
	case err != nil || !c.captureInScope(req.Site, Host(canon)):
		k.stats.offScope.Add(1)
	case c.opts.CapturedBefore != nil && c.opts.CapturedBefore(canon):
		k.stats.earlier.Add(1)
	default:
		c.push([]frontier.Request{{URL: canon, Host: Host(canon), Kind: kindOffered, Depth: req.Depth + 1, Site: req.Site, Referer: req.URL}}, pushed)
	}
}

// waitOffers notes, for the attachments of the stored article a queued
// as reqs, that a waits for them; an attachment read as a download page
// meanwhile has a's record amended at once. Without Options.Archived no
// record can be, and nothing waits.
func (c *Crawler) waitOffers(a *article.Article, reqs []frontier.Request) {
	if c.opts.Archived == nil {
		return
	}
	for _, r := range reqs {
		if r.Kind != kindAttachment {
			continue // a document behind a download page: nothing to wait for
		}
		if doc, ok := c.offers.wait(r.URL, a.URL); ok {
			c.amend(a.URL, r.URL, doc)
		}
	}
}

// amend stores again the record of the article at articleURL, the
// attachment it lists as page (canonical) replaced by doc, the document
// that download page offers. Without Options.Archived nothing is.
func (c *Crawler) amend(articleURL, page string, doc article.Attachment) {
	if c.opts.Archived == nil {
		return
	}
	c.offers.amend.Lock()
	defer c.offers.amend.Unlock()
	rec, ok := c.opts.Archived(articleURL)
	if !ok || !c.listOffered(rec, func(canon string) (article.Attachment, bool) { return doc, canon == page }) {
		return
	}
	if _, err := c.sink(rec); err != nil {
		c.record("archive", articleURL, err)
	}
}

// linkOffered lists, in the article a about to be stored, the document
// behind each attachment known to be a download page: read in this run,
// or listed so by a's record in the archive (an earlier run read it; this
// one does not fetch it again).
func (c *Crawler) linkOffered(a *article.Article) {
	if len(a.Attachments) == 0 {
		return
	}
	var before []article.Attachment
	if c.opts.Archived != nil {
		if rec, ok := c.opts.Archived(a.URL); ok {
			before = rec.Attachments
		}
	}
	c.listOffered(a, func(canon string) (article.Attachment, bool) {
		if doc, ok := c.offers.offered(canon); ok {
			return doc, true
		}
		for _, b := range before {
			if b.Via != "" {
				if via, err := c.canonicalize(b.Via); err == nil && via == canon {
					return b, true
				}
			}
		}
		return article.Attachment{}, false
	})
}

// listOffered replaces each attachment of a that offer reports (by its
// canonical URL) a download page of by the document the page offers,
// named as a names the link (else as the page does), Via the URL a
// lists. It reports whether it replaced any.
func (c *Crawler) listOffered(a *article.Article, offer func(canon string) (article.Attachment, bool)) bool {
	replaced := false
	for i, at := range a.Attachments {
		if at.Via != "" {
			continue
		}
		canon, err := c.canonicalize(at.URL)
		if err != nil {
			continue
		}
		doc, ok := offer(canon)
		if !ok {
			continue
		}
		if at.Name != "" {
			doc.Name = at.Name
		}
		a.Attachments[i] = article.Attachment{URL: doc.URL, Name: doc.Name, Via: at.URL}
		replaced = true
	}
	return replaced
}
