package crawl

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/extract"
	"github.com/wenming-archive/wenming/internal/frontier"
)

// Some CMS templates print an article's publish time only on the column
// list, beside its link, and not on the article page: without a date the
// extractor cannot tell such a page from an about page or a notice board,
// and calls it no article (extract.Result.Undated). The crawler has seen
// the list: the date on the row of the page's link, read from the page
// that linked it (the request's referer), dates it (listDates).

// listDated is a list page's row dates: canonical URL of a link → the
// date on its row and the link's text.
type listDated map[string]rowDate

type rowDate struct {
	day  time.Time
	text string
}

// listDates keeps the row dates of the list pages read lately, so the
// articles of one list cost one read of it.
type listDates struct {
	mu    sync.Mutex
	pages map[string]listDated
	order []string // oldest first
}

// maxListPages bounds the list pages whose row dates are kept (each at
// most maxLinksPerPage links: a few MB at worst, a few KB as lists go).
const maxListPages = 64

func (l *listDates) get(u string) (listDated, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	d, ok := l.pages[u]
	return d, ok
}

func (l *listDates) put(u string, d listDated) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.pages == nil {
		l.pages = map[string]listDated{}
	}
	if _, ok := l.pages[u]; ok {
		return
	}
	if len(l.order) >= maxListPages {
		delete(l.pages, l.order[0])
		l.order = l.order[1:]
	}
	l.pages[u] = d
	l.order = append(l.order, u)
}

// dateFromList dates an undated article (res.Undated) by the row of its
// link on the page that linked it, fetched again if its row dates are not
// kept, and reports whether it did. The link's text must be the title's
// (or its start, as lists cut long titles).
func (c *Crawler) dateFromList(ctx context.Context, req frontier.Request, res *extract.Result) bool {
	if !res.Undated || req.Referer == "" || req.Kind == kindHome {
		return false
	}
	dated, ok := c.listDates.get(req.Referer)
	if !ok {
		dated = c.readRowDates(ctx, req.Referer)
		if ctx.Err() != nil {
			return false
		}
		c.listDates.put(req.Referer, dated) // none, too, read once
	}
	row, ok := dated[req.URL]
	if !ok || !sameTitle(row.text, res.Title) {
		return false
	}
	res.DatedBy(row.day, "crawl: the date beside its link on "+req.Referer)
	return true
}

// readRowDates fetches the page u again and reads its row dates (none
// when it is no HTML page or cannot be fetched).
func (c *Crawler) readRowDates(ctx context.Context, u string) listDated {
	pu, err := url.Parse(u)
	if err != nil {
		return nil
	}
	if ok, _, err := c.robots.allowed(ctx, pu); err != nil || !ok {
		return nil
	}
	f := c.fetch(ctx, u, kindPage, 1)
	if f.err != nil || f.status != 200 || f.final == nil || !isHTML(f.contentType, f.body) {
		return nil
	}
	doc, err := extract.Parse(f.body, f.final)
	if err != nil {
		return nil
	}
	return rowDates(doc)
}

// rowDates reads, for every link of a list page, the date printed on its
// row: the nearest of its ancestors (li, tr, dd, dt, p, div; three levels
// at most) whose text outside the link holds a date and that holds no
// other titled link (a row, not the list).
func rowDates(doc *extract.Document) listDated {
	base := doc.Base()
	if base == nil {
		return nil
	}
	lb, ok := linkBaseOf(base)
	if !ok {
		return nil
	}
	out := listDated{}
	read := 0
	eachLinkAt(doc.Root(), doc.URL(), func(n *html.Node, href string) {
		if read++; read > maxLinksPerPage || n.Data != "a" {
			return
		}
		text := strings.TrimSpace(extract.NodeText(n))
		if utf8.RuneCountInString(text) < 4 || scriptOrMail(href) {
			return
		}
		abs, err := lb.resolve(strings.TrimSpace(href))
		if err != nil {
			return
		}
		canon, err := Canonicalize(abs)
		if err != nil {
			return
		}
		if day, ok := dateOnRow(n, text); ok {
			out[canon] = rowDate{day: day, text: strings.Clone(text)} // not the page's bytes: kept past it
		}
	})
	return out
}

// rowTags are the elements a list row is.
var rowTags = map[string]bool{"li": true, "tr": true, "dd": true, "dt": true, "p": true, "div": true}

func dateOnRow(link *html.Node, text string) (time.Time, bool) {
	levels := 0
	for row := link.Parent; row != nil && levels < 3; row = row.Parent {
		if row.Type != html.ElementNode || !rowTags[row.Data] {
			continue
		}
		levels++
		if titledLinks(row) > 1 {
			return time.Time{}, false
		}
		rest := strings.Replace(extract.NodeText(row), text, " ", 1)
		if utf8.RuneCountInString(rest) > 120 {
			return time.Time{}, false
		}
		if t, _, ok := extract.ParseDate(rest); ok && plausibleDay(t) {
			return t, true
		}
	}
	return time.Time{}, false
}

// titledLinks counts the links below n whose text is long enough to be a
// title.
func titledLinks(n *html.Node) int {
	count := 0
	var walk func(*html.Node)
	walk = func(m *html.Node) {
		for c := m.FirstChild; c != nil && count < 2; c = c.NextSibling {
			if c.Type == html.ElementNode && c.Data == "a" {
				if utf8.RuneCountInString(strings.TrimSpace(extract.NodeText(c))) >= 4 {
					count++
				}
				continue
			}
			walk(c)
		}
	}
	walk(n)
	return count
}

// plausibleDay reports whether t can be a publish day: after the web came
// to these sites, not after tomorrow.
func plausibleDay(t time.Time) bool {
	return t.Year() >= 1995 && t.Before(time.Now().In(article.China).AddDate(0, 0, 2))
}

// sameTitle reports whether a list's link text names the article titled
// title: equal, or its start where the list cut it ("…", "...").
func sameTitle(link, title string) bool {
	link = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(link), ".…"))
	if link == "" || title == "" {
		return false
	}
	return link == title || utf8.RuneCountInString(link) >= 6 && strings.HasPrefix(title, link)
}
