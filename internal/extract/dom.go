package extract

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// inlineTagRe matches inline formatting tags, dropped from pages nested
// too deep to parse.
var inlineTagRe = regexp.MustCompile(`(?i)</?(?:font|b|i|u|s|span|strong|em|small|big|strike|center|label|a)(?:\s[^<>]*)?/?>`)

// page is one parsed page with the indexes the rules share.
type page struct {
	raw       string
	url       *url.URL
	base      *url.URL // <base href> resolved against url, else url
	doc       *goquery.Document
	root      *html.Node
	meta      map[string]string // lower-cased name/property/itemprop/http-equiv → content
	htmlTitle string            // text of <title>
	siteName  string            // best guess of the site's own name
	order     map[*html.Node]int
	last      map[*html.Node]int // order of the last descendant
	chrome    map[*html.Node]bool
	header    map[*html.Node]bool // page header blocks: chrome for the body only
	stats     map[*html.Node]*nodeStats
	// rawPunct counts the punctuation below every element, chrome
	// included; under marks elements inside chrome, header or a link.
	rawPunct map[*html.Node]int
	under    map[*html.Node]uint8
	// totalPunct is the punctuation count of the whole page.
	totalPunct int
}

// nodeStats sums the text below an element, chrome excluded.
type nodeStats struct {
	text  int // visible runes
	link  int // visible runes inside links
	punct int // punctuation outside links
	score float64
}

func newPage(src []byte, pageURL *url.URL) (*page, error) {
	root, err := html.Parse(bytes.NewReader(src))
	if err != nil && strings.Contains(err.Error(), "exceeds") {
		// Old pages leave thousands of <font> and <b> open; the parser
		// refuses more than 512 open elements. Without inline formatting
		// tags the text survives.
		root, err = html.Parse(bytes.NewReader(inlineTagRe.ReplaceAll(src, nil)))
		if err != nil {
			return nil, fmt.Errorf("parse html: %w: %w", ErrTooDeep, err)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("parse html: %w", err)
	}
	p := &page{
		raw:      string(src),
		url:      pageURL,
		base:     pageURL,
		doc:      goquery.NewDocumentFromNode(root),
		root:     root,
		meta:     map[string]string{},
		order:    map[*html.Node]int{},
		last:     map[*html.Node]int{},
		chrome:   map[*html.Node]bool{},
		header:   map[*html.Node]bool{},
		stats:    map[*html.Node]*nodeStats{},
		rawPunct: map[*html.Node]int{},
		under:    map[*html.Node]uint8{},
	}
	if href, ok := p.doc.Find("base[href]").First().Attr("href"); ok && pageURL != nil {
		if b, err := pageURL.Parse(strings.TrimSpace(href)); err == nil {
			p.base = b
		}
	}
	p.doc.Find("meta").Each(func(_ int, s *goquery.Selection) {
		content, ok := s.Attr("content")
		if !ok {
			// Some saved pages (Mercury's fixtures, a few CMSs) write the
			// meta's value in value= instead of content=.
			if content, ok = s.Attr("value"); !ok {
				return
			}
		}
		for _, a := range []string{"name", "property", "itemprop", "http-equiv"} {
			if k, ok := s.Attr(a); ok {
				k = strings.ToLower(strings.TrimSpace(k))
				if _, seen := p.meta[k]; !seen && k != "" {
					p.meta[k] = trimSpace(content)
				}
			}
		}
	})
	p.htmlTitle = truncateRunes(trimSpace(collapseSpace(p.doc.Find("title").First().Text())), 300)
	p.siteName = guessSiteName(p)
	n := 0
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		p.order[x] = n
		n++
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		p.last[x] = n - 1
	}
	walk(root)
	p.countRawPunct(root)
	p.totalPunct = p.rawPunct[root]
	p.markChrome(root, false)
	p.markUnder(root, 0)
	p.computeStats()
	return p, nil
}

// guessSiteName returns og:site_name, else the last part of <title> that is
// not a "Powered by" credit.
func guessSiteName(p *page) string {
	if s := p.meta["og:site_name"]; s != "" {
		return s
	}
	parts := splitTitle(p.htmlTitle)
	if len(parts) < 2 {
		return ""
	}
	for i := len(parts) - 1; i >= 0; i-- {
		if !isCredit(parts[i]) && siteish(parts[i], "") {
			return parts[i]
		}
	}
	for i := len(parts) - 1; i > 0; i-- {
		if !isCredit(parts[i]) {
			return parts[i]
		}
	}
	return ""
}

func isCredit(s string) bool {
	l := strings.ToLower(s)
	return strings.Contains(l, "powered by") || strings.Contains(l, "discuz") || strings.Contains(l, "dedecms") ||
		strings.Contains(l, "phpcms") || strings.Contains(l, "empirecms")
}

// skipTags never contribute text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Iframe: true, atom.Object: true,
	atom.Embed: true, atom.Select: true, atom.Option: true, atom.Button: true, atom.Input: true,
	atom.Textarea: true, atom.Svg: true, atom.Canvas: true, atom.Template: true, atom.Head: true,
	atom.Title: true, atom.Map: true, atom.Audio: true, atom.Video: true, atom.Img: true,
}

// blockTags end a line of text.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true, atom.Body: true,
	atom.Center: true, atom.Dd: true, atom.Details: true, atom.Dialog: true, atom.Dir: true, atom.Div: true,
	atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true,
	atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Li: true,
	atom.Main: true, atom.Menu: true, atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true,
	atom.Section: true, atom.Table: true, atom.Tbody: true, atom.Thead: true, atom.Tfoot: true,
	atom.Tr: true, atom.Td: true, atom.Th: true, atom.Ul: true, atom.Br: true, atom.Caption: true,
}

// words splits class and id values into lower-case words: "mainNav" →
// main, nav; "side-bar_2" → side, bar.
func words(n *html.Node) []string {
	var out []string
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		var cur []rune
		flush := func() {
			if len(cur) > 0 {
				out = append(out, strings.ToLower(string(cur)))
				cur = cur[:0]
			}
		}
		var prev rune
		for _, r := range a.Val {
			switch {
			case unicode.IsLetter(r) && r < 128:
				if unicode.IsUpper(r) && unicode.IsLower(prev) {
					flush()
				}
				cur = append(cur, r)
			default:
				flush()
			}
			prev = r
		}
		flush()
	}
	return out
}

// chromeWords mark page furniture: navigation, sidebars, related lists,
// comments, share bars, footers. Whole words only: "commentary" is not
// "comment".
var chromeWords = map[string]bool{
	"nav": true, "navbar": true, "navigation": true, "menu": true, "menus": true, "footer": true,
	"foot": true, "sidebar": true, "side": true, "aside": true, "related": true, "relate": true,
	"relative": true, "recommend": true, "rank": true, "ranking": true, "hot": true, "comment": true,
	"comments": true, "commentlist": true, "replies": true, "reply": true, "respond": true, "share": true, "sharing": true, "copyright": true, "breadcrumb": true,
	"breadcrumbs": true, "crumb": true, "crumbs": true, "friendlink": true, "links": true, "link": true,
	"banner": true, "ad": true, "ads": true, "advert": true, "login": true, "search": true,
	"pager": true, "pagination": true, "topbar": true, "toolbar": true, "bottom": true, "tags": true,
	"pren": true, "xgwz": true, "xgxw": true, "xgnr": true, "xgyd": true, "daohang": true,
	"banquan": true, "fenxiang": true, "pinglun": true, "tuijian": true, "paihang": true,
	"djph": true, "rdph": true, "ft": true, "flk": true, "frt": true, "position": true, "location": true, "weizhi": true, "dqwz": true,
}

// commentWords mark comment and reply blocks.
var commentWords = map[string]bool{
	"comment": true, "comments": true, "pinglun": true, "commentlist": true, "replies": true,
	"reply": true, "respond": true, "feedback": true, "pl": true,
}

// headerWords mark the page header (logo, top strip of ancestor sites).
var headerWords = map[string]bool{"header": true, "head": true, "top": true, "logo": true}

func hasWord(n *html.Node, set map[string]bool) bool {
	for _, w := range words(n) {
		if set[w] {
			return true
		}
	}
	return false
}

// markChrome fills p.chrome with page-furniture elements (by tag or by
// class/id words) and p.header with page-header blocks.
func (p *page) markChrome(n *html.Node, under bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		ch := under
		if !ch && (c.DataAtom == atom.Nav || c.DataAtom == atom.Footer || c.DataAtom == atom.Aside || p.chromeByWords(c)) {
			ch = true
			p.chrome[c] = true
		}
		if !ch && !outer(c) && hasWord(c, headerWords) && (p.totalPunct < 10 || p.rawPunct[c]*2 < p.totalPunct) {
			p.header[c] = true
		}
		if hidden(c) {
			ch = true
			p.chrome[c] = true
		}
		p.markChrome(c, ch)
	}
}

// chromeByWords reports whether the class/id words of n mark furniture. The
// page's outer containers are never furniture ("u-has-nav-bar" on <body>),
// nor is a block holding most of the page's sentences.
func (p *page) chromeByWords(n *html.Node) bool {
	if outer(n) || !hasWord(n, chromeWords) {
		return false
	}
	if hasWord(n, commentWords) {
		// Comments may outweigh the post they follow; they are furniture
		// whenever the page holds sentences outside them.
		return p.totalPunct-p.rawPunct[n] >= 5
	}
	if p.totalPunct >= 10 && p.rawPunct[n]*2 >= p.totalPunct {
		return false
	}
	return true
}

// outer reports whether n is one of the page's outer containers.
func outer(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Main, atom.Article:
		return true
	}
	return false
}

func hidden(n *html.Node) bool {
	style := strings.ReplaceAll(strings.ToLower(attr(n, "style")), " ", "")
	return strings.Contains(style, "display:none") || strings.Contains(style, "visibility:hidden")
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// Bits of page.under.
const (
	underChrome uint8 = 1 << iota
	underHeader
	underLink
)

// countRawPunct fills p.rawPunct bottom-up in one pass.
func (p *page) countRawPunct(n *html.Node) int {
	sum := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			sum += countPunct(c.Data)
		case c.Type == html.ElementNode && skipTags[c.DataAtom]:
		default:
			sum += p.countRawPunct(c)
		}
	}
	p.rawPunct[n] = sum
	return sum
}

// markUnder records, for every node, whether it sits in chrome, in the
// page header or inside a link (n itself included), so that the checks
// are O(1) rather than a climb to the root.
func (p *page) markUnder(n *html.Node, bits uint8) {
	if p.chrome[n] {
		bits |= underChrome
	}
	if p.header[n] {
		bits |= underHeader
	}
	if isLink(n) {
		bits |= underLink
	}
	p.under[n] = bits
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		p.markUnder(c, bits)
	}
}

func (p *page) underBits(n *html.Node) uint8 {
	if b, ok := p.under[n]; ok {
		return b
	}
	// A node added after parsing: climb.
	var b uint8
	for x := n; x != nil; x = x.Parent {
		if p.chrome[x] {
			b |= underChrome
		}
		if p.header[x] {
			b |= underHeader
		}
		if isLink(x) {
			b |= underLink
		}
	}
	return b
}

// inChrome reports whether n or an ancestor is page furniture.
func (p *page) inChrome(n *html.Node) bool { return p.underBits(n)&underChrome != 0 }

func (p *page) inHeader(n *html.Node) bool { return p.underBits(n)&underHeader != 0 }

// inLinkP reports whether n sits inside a link (n excluded).
func (p *page) inLinkP(n *html.Node) bool {
	return n.Parent != nil && p.underBits(n.Parent)&underLink != 0
}

// contains reports whether d is a descendant of a (or a itself).
func (p *page) contains(a, d *html.Node) bool {
	if a == nil || d == nil {
		return false
	}
	oa, ok1 := p.order[a]
	od, ok2 := p.order[d]
	return ok1 && ok2 && od >= oa && od <= p.last[a]
}

func inLink(n *html.Node) bool {
	for x := n.Parent; x != nil; x = x.Parent {
		if isLink(x) {
			return true
		}
	}
	return false
}

// isLink reports whether n is a link: an <a> with an href (an <a name>
// anchor left open around a whole post is not one).
func isLink(n *html.Node) bool {
	if n.DataAtom != atom.A {
		return false
	}
	for _, a := range n.Attr {
		if a.Key == "href" {
			return true
		}
	}
	return false
}

func skipped(n *html.Node) bool {
	for x := n.Parent; x != nil; x = x.Parent {
		if x.Type == html.ElementNode && skipTags[x.DataAtom] {
			return true
		}
	}
	return false
}

// textNodes calls fn for every visible text node in document order.
func (p *page) textNodes(fn func(n *html.Node, text string)) {
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		if x.Type == html.ElementNode && skipTags[x.DataAtom] {
			return
		}
		if x.Type == html.TextNode {
			if t := collapseSpace(x.Data); trimSpace(t) != "" {
				fn(x, t)
			}
			return
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(p.root)
}

// computeStats sums text, link text and punctuation for every element
// (bottom-up, one pass), and spreads a paragraph score to the nearest four
// block ancestors of each text run.
func (p *page) computeStats() {
	var walk func(n *html.Node, blocks []*html.Node) *nodeStats
	walk = func(n *html.Node, blocks []*html.Node) *nodeStats {
		s := &nodeStats{}
		p.stats[n] = s
		if n.Type == html.ElementNode && blockTags[n.DataAtom] && n.DataAtom != atom.Br {
			blocks = append(blocks, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				if p.inChrome(c) || p.inHeader(c) {
					continue
				}
				t := c.Data
				vis := countVisible(t)
				if vis == 0 {
					continue
				}
				punct := countPunct(t)
				link := p.inLinkP(c)
				s.text += vis
				if link {
					s.link += vis
				} else {
					s.punct += punct
				}
				if link || vis < 8 {
					continue
				}
				// Running text scores by its punctuation; a fragment without
				// any (a list entry, a byline) counts for little however long.
				sc := 1 + float64(punct) + min(float64(vis)/50, 3)
				if punct == 0 {
					sc = min(float64(vis)/50, 3) * 0.25
				}
				for level := 0; level < 4 && level < len(blocks); level++ {
					b := blocks[len(blocks)-1-level]
					p.stats[b].score += sc * []float64{1, 0.9, 0.5, 0.33}[level]
				}
			case c.Type == html.ElementNode && skipTags[c.DataAtom]:
			case c.Type == html.ElementNode || c.Type == html.DocumentNode:
				cs := walk(c, blocks)
				s.text += cs.text
				s.link += cs.link
				s.punct += cs.punct
			}
		}
		return s
	}
	walk(p.root, nil)
}

// linkDensity is the share of an element's text that sits inside links.
func (p *page) linkDensity(n *html.Node) float64 {
	s := p.stats[n]
	if s == nil || s.text == 0 {
		return 0
	}
	return float64(s.link) / float64(s.text)
}

// textOf returns the collapsed, trimmed text of a node on one line.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		if x.Type == html.ElementNode && skipTags[x.DataAtom] {
			return
		}
		if x.Type == html.TextNode {
			b.WriteString(x.Data)
			return
		}
		if x.Type == html.ElementNode && blockTags[x.DataAtom] {
			b.WriteByte(' ')
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return trimSpace(collapseSpace(b.String()))
}

// textOfN is textOf that reads at most about max bytes of text: enough to
// judge a candidate without walking a huge subtree.
func textOfN(n *html.Node, max int) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		if b.Len() > max {
			return
		}
		if x.Type == html.ElementNode && skipTags[x.DataAtom] {
			return
		}
		if x.Type == html.TextNode {
			b.WriteString(x.Data)
			return
		}
		if x.Type == html.ElementNode && blockTags[x.DataAtom] {
			b.WriteByte(' ')
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return trimSpace(collapseSpace(b.String()))
}

// nodes returns the html nodes of a selection.
func nodes(s *goquery.Selection) []*html.Node { return s.Nodes }

// first returns the first node of a selection, or nil.
func first(s *goquery.Selection) *html.Node {
	if s.Length() == 0 {
		return nil
	}
	return s.Nodes[0]
}
