package extract

import (
	"net/url"
	"slices"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/wenming-archive/wenming/internal/article"
)

// dateKind says where a publish-time candidate was read.
type dateKind int

const (
	dkUser    dateKind = iota // a user profile's time selector
	dkInfo                    // the info line under the title (a profile's box, or the generic one)
	dkMeta                    // <meta> publishdate/PubDate/…, JSON-LD datePublished
	dkBody                    // a labelled or date line at the body's edges, a post signature
	dkOutside                 // a labelled date before or after the body
	dkURL                     // the date in the URL (TRS tYYYYMMDD_, /2023-03-22/ …)
	dkLoose                   // any date outside the body
)

// dateCand is one publish-time candidate.
type dateCand struct {
	t    time.Time
	prec article.Precision
	ev   evidence
	kind dateKind
	rule string // for Provenance: "trs: #time_tex label 发布时间", "generic: meta publishdate" …
}

// dateOnly reports whether c is a date-only source that yields to the
// page's text: the URL date, or a <meta> that gives no time of day.
func (c dateCand) dateOnly() bool {
	return c.kind == dkURL || c.kind == dkMeta && c.prec == article.PrecisionDay
}

// mergeDates decides the publish time from the candidates, given in
// evidence order (user selector, profile, meta and JSON-LD, info line,
// body edges, labels before the body, URL, labels after it, loose dates).
// Every profile's candidates go through it, so the rules are the same for
// trs, discuz, dedecms, phpcms, empirecms, vsb and generic pages:
//
//   - The day comes from the first candidate, except that date-only
//     sources — the URL's tYYYYMMDD_ and a <meta> publishdate/PubDate
//     without a time — are only the fallback for a page whose own text
//     (info line, labelled line at the body's edges) gives no date. When
//     the two disagree on the day the page's text wins: its labelled
//     publish line is what the site shows readers and what editors set,
//     while a TRS URL date is the day the CMS created the document (often
//     days before it went out) and a date-only meta is filled from the same
//     record. On the cwced corpus this keeps every day that was right.
//   - The time comes from the most precise candidate on that day: a time
//     of day shown with the article ("时间：2023年03月06日 12:29",
//     "发布日期：2023-03-06 12:29:00", full-width digits) refines a date-only
//     source of the same day to minute precision. Loose dates (any date
//     outside the body: sidebars, related lists) never decide a day over
//     another candidate and never lend their time.
//   - The evidence (how much the date vouches for an article) is the
//     strongest among the candidates that agree on the day.
//
// Traps (成文日期, 发布于：北京市, relative times, upkeep stamps) are refused
// where the candidates are read, not here.
func mergeDates(cs []dateCand) (dateCand, bool) {
	if len(cs) == 0 {
		return dateCand{}, false
	}
	base := -1
	for i, c := range cs {
		if c.kind != dkLoose && !c.dateOnly() {
			base = i
			break
		}
	}
	if base < 0 {
		for i, c := range cs {
			if c.kind != dkLoose {
				base = i
				break
			}
		}
	}
	if base < 0 {
		return cs[0], true // loose dates only
	}
	out := cs[base]
	if out.prec == article.PrecisionDay {
		for _, c := range cs {
			if c.kind != dkLoose && c.prec == article.PrecisionMinute && sameDay(c.t, out.t) {
				out.t, out.prec = c.t, c.prec
				out.rule += "; time from " + c.rule
				break
			}
		}
	}
	for _, c := range cs {
		if c.kind != dkLoose && c.ev > out.ev && sameDay(c.t, out.t) {
			out.ev = c.ev
		}
	}
	return out, true
}

// addDate appends a candidate to the hints.
func (h *hints) addDate(t time.Time, prec article.Precision, ev evidence, kind dateKind, rule string) {
	h.dates = append(h.dates, dateCand{t: t, prec: prec, ev: ev, kind: kind, rule: rule})
}

// dateWords are class/id words of elements that hold a publish time.
var dateWords = newWordSet(map[string]bool{
	"date": true, "time": true, "pubdate": true, "pubtime": true, "publish": true, "published": true,
	"posted": true, "postdate": true, "posttime": true, "datetime": true, "timestamp": true, "riqi": true,
	"rq": true, "sj": true, "fbsj": true, "fbrq": true,
})

// markedDates returns the publish times that the markup itself marks, in
// one pass over the tree:
//
//   - pub: the first element with itemprop=datePublished (its content,
//     datetime or value attribute, else its text), outside furniture or
//     between title and body;
//   - near: the first <time datetime> or date-classed element (dateWords)
//     between the end of the title element and the start of the body,
//     chrome included: the byline box that holds it is often classed
//     "share" or "tools", which marks it as furniture for the body. A date
//     inside a link counts only when it is a <time> in the page's
//     permalink (blog themes wrap "posted on" in a link to the post: see
//     permalinked); a <time> classed as the time of the last change
//     (updated, modified) is not the publish time.
func (p *page) markedDates(title, body *html.Node) (pub, near dateCand, okPub, okNear bool) {
	lo, hi := -1, -1
	if title != nil {
		lo = p.lastOf(title)
		hi = len(p.all) + 1
		if body != nil && p.order.of(body) > lo {
			hi = p.order.of(body)
		}
	}
	parse := func(n *html.Node) (dateCand, bool) {
		for _, k := range []string{"datetime", "content", "value"} {
			if v := attr(n, k); v != "" {
				if t, pr, ok := ParseDate(v); ok {
					return dateCand{t: t, prec: pr}, true
				}
			}
		}
		if n.DataAtom != atom.Time {
			// A date-classed box ("posted-on") around the <time>s of
			// the publish and the last change: the publish time's
			// attribute is exact where the text may give the day only.
			if t := firstTime(n); t != nil {
				if v := attr(t, "datetime"); v != "" {
					if tm, pr, ok := ParseDate(v); ok {
						return dateCand{t: tm, prec: pr}, true
					}
				}
			}
		}
		txt := textOfN(n, 200)
		if !runesAtMost(txt, 60) {
			return dateCand{}, false
		}
		f := fold(txt)
		if t, pr, _, ok := labeledDateLabel(f); ok {
			return dateCand{t: t, prec: pr}, true
		}
		if t, pr, _, ok := findDate(f); ok {
			return dateCand{t: t, prec: pr}, true
		}
		return dateCand{}, false
	}
	for o, n := range p.elements() {
		if okPub && (okNear || lo < 0) {
			break
		}
		inRegion := lo >= 0 && o > lo && o < hi
		if !okPub && strings.EqualFold(attr(n, "itemprop"), "datePublished") && (inRegion || p.under[o]&underChrome == 0) {
			if c, ok := parse(n); ok {
				pub, okPub = c, true
			}
		}
		if !okNear && inRegion && (p.under[o]&underLink == 0 || n.DataAtom == atom.Time && p.permalinked(n)) &&
			(n.DataAtom == atom.Time && !modifiedTime(n) || p.hasWordAt(o, dateWords)) {
			if c, ok := parse(n); ok {
				near, okNear = c, true
			}
		}
	}
	if !okNear && title != nil {
		near, okNear = p.dateAboveTitle(title, parse)
	}
	return pub, near, okPub, okNear
}

// dateAboveTitle returns the date of a date element set just above the
// title: one of the two elements before the title element (or before the
// box that holds only the title), a <time> or date-classed (dateWords), or
// holding a <time> — the date line many blog themes print over a post's
// heading (<h4 class="post-date">2024年5月12日</h4><h2 class="post-title">).
// Page chrome and headers (a "today is" bar) never count — a header that
// holds the title too is the article's — nor a block of more than a
// line's text (a related item's excerpt and time).
func (p *page) dateAboveTitle(title *html.Node, parse func(*html.Node) (dateCand, bool)) (dateCand, bool) {
	at := title
	if at.PrevSibling == nil || onlyBlanksBefore(at) {
		if par := at.Parent; par != nil && par.DataAtom != atom.Body && elementChildren(par) == 1 {
			at = par
		}
	}
	blocked := uint8(underChrome | underHeader | underLink)
	if p.underBits(title)&underHeader != 0 {
		// The headline in a box its class words call a header
		// (news.cn's <div class="header-cont">: the time, the source,
		// the <h1>): the article's header, not the page's.
		blocked &^= underHeader
	}
	k := 0
	for s := at.PrevSibling; s != nil && k < 2; s = s.PrevSibling {
		if s.Type != html.ElementNode {
			continue
		}
		k++
		o := p.order.of(s)
		if p.under[o]&blocked != 0 || !runesAtMost(textOfN(s, 200), 60) {
			// Furniture, or a block of its own (another item's text and
			// time): no date line of the title.
			return dateCand{}, false
		}
		if s.DataAtom == atom.Time && !modifiedTime(s) || p.hasWordAt(o, dateWords) || firstTime(s) != nil {
			return parse(s)
		}
	}
	return dateCand{}, false
}

// onlyBlanksBefore reports whether n has no element or text other than
// white space before it among its siblings.
func onlyBlanksBefore(n *html.Node) bool {
	for s := n.PrevSibling; s != nil; s = s.PrevSibling {
		if s.Type == html.ElementNode || s.Type == html.TextNode && strings.TrimSpace(s.Data) != "" {
			return false
		}
	}
	return true
}

// elementChildren counts n's element children.
func elementChildren(n *html.Node) int {
	k := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			k++
		}
	}
	return k
}

// permalinked reports whether n sits in a link to the page itself: one
// marked rel=bookmark (the permalink of blog engines' "posted on"
// lines) or whose target is the page's URL.
func (p *page) permalinked(n *html.Node) bool {
	for a := n.Parent; a != nil; a = a.Parent {
		if a.Type != html.ElementNode || a.DataAtom != atom.A {
			continue
		}
		if slices.Contains(strings.Fields(strings.ToLower(attr(a, "rel"))), "bookmark") {
			return true
		}
		if p.url == nil || p.base == nil {
			return false
		}
		u, err := p.base.Parse(strings.TrimSpace(attr(a, "href")))
		if err != nil {
			return false
		}
		return sameResource(u, p.url)
	}
	return false
}

// sameResource reports whether a and b name one page: equal but for the
// scheme, the fragment, the case of the host and a trailing slash.
func sameResource(a, b *url.URL) bool {
	return strings.EqualFold(a.Host, b.Host) && a.RawQuery == b.RawQuery &&
		strings.TrimSuffix(a.EscapedPath(), "/") == strings.TrimSuffix(b.EscapedPath(), "/")
}

// modifiedTime reports whether the <time> n is classed as the time of
// the last change (WordPress's "updated", "modified", "date-modified").
func modifiedTime(n *html.Node) bool {
	for _, w := range strings.Fields(strings.ToLower(attr(n, "class") + " " + attr(n, "itemprop"))) {
		if strings.Contains(w, "updated") || strings.Contains(w, "modified") {
			return true
		}
	}
	return false
}

// firstTime returns the first <time> below n that is not the time of
// the last change, or nil; it looks at the first 200 elements only (a
// byline box is small: a large one is no byline).
func firstTime(n *html.Node) *html.Node {
	budget := 200
	var walk func(n *html.Node) *html.Node
	walk = func(n *html.Node) *html.Node {
		for c := n.FirstChild; c != nil && budget > 0; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			budget--
			if c.DataAtom == atom.Time && !modifiedTime(c) {
				return c
			}
			if t := walk(c); t != nil {
				return t
			}
		}
		return nil
	}
	return walk(n)
}
