package extract

import (
	"bytes"
	"iter"
	"math"
	"net/url"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wenming-archive/wenming/internal/cms"
	"github.com/wenming-archive/wenming/internal/extract/htmltree"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// page is one parsed page with the indexes the rules share.
type page struct {
	// dayWithoutYear is the month and day a dateline gives where
	// nothing gives a year (yearlessDates).
	dayWithoutYear *MonthDay

	// comments is the first of the repeated posts that follow the story
	// as its comments (storyAboveComments); no block holding it joins
	// the body.
	comments *html.Node

	raw       string
	rx        rawIndex // where the rules' literals first occur in raw
	url       *url.URL
	base      *url.URL // <base href> resolved against url, else url
	doc       *goquery.Document
	root      *html.Node
	meta      map[string]string // lower-cased name/property/itemprop/http-equiv → content
	texts     []visibleText     // the visible text nodes in document order
	htmlTitle string            // text of <title>
	oneH1     *html.Node        // the page's <h1> when it has one only
	siteName  string            // best guess of the site's own name
	order     nodeOrder         // node → document order: all[order.of(n)] == n
	all       []*html.Node      // every node in document order
	chrome    map[*html.Node]bool
	header    map[*html.Node]bool // page header blocks: chrome for the body only
	styleHid  map[*html.Node]bool // hidden by the page's own stylesheet (styleHidden)

	// Per node, indexed by document order (the node's index in all).
	last     []int32  // order of the last descendant (see lastAt)
	textAt   []int32  // 1 + a visible text node's index in texts; 0 for other nodes
	wordMask []uint16 // the word sets an element's class/id words are in (see hasWord)

	classMasks map[string]uint16 // the word sets of each class value seen
	stats      []nodeStats
	rawText    []rawStats // the text below every element, chrome included
	under      []uint8    // inside chrome, header or a link
	// totalPunct is the punctuation count of the whole page.
	totalPunct int
	// controls are the document orders of the page's form controls (see
	// isControl), found once when the body first needs them.
	controls      []int
	controlsFound bool
	// replyLabel says whether the source holds a reply label
	// (holdsReplyLabel): 0 not yet asked, 1 no, 2 yes.
	replyLabel int8
	// tagLinks says whether the source holds a link marked as a tag
	// (tagRelOpenings), where tagBox asks.
	tagLinks bool

	// scratch holds the per-node slices above, from a pool: release
	// gives it back once the page is done with.
	scratch *pageScratch
}

// nodeStats sums the text below an element, chrome excluded.
type nodeStats struct {
	text  int32 // visible runes
	link  int32 // visible runes inside links
	punct int32 // punctuation outside links
	score float64
}

func newPage(src []byte, pageURL *url.URL) (*page, error) {
	d, err := Parse(src, pageURL)
	if err != nil {
		return nil, err
	}
	return analyse(d), nil
}

// parseHTML parses a page into a tree with htmltree: the tree x/net/html
// builds, several times faster, and without refusing pages nested deeper
// than 512 elements (old pages leave thousands of <font> open).
func parseHTML(src string) *htmltree.Tree {
	return htmltree.ParseTree(src)
}

// analyse builds the indexes the rules share over a parsed page.
func analyse(d *Document) *page {
	root := d.root
	p := &page{
		raw:    d.raw,
		rx:     d.rx,
		url:    d.url,
		base:   d.base,
		doc:    goquery.NewDocumentFromNode(root),
		root:   root,
		meta:   map[string]string{},
		chrome: map[*html.Node]bool{},
		header: map[*html.Node]bool{},
	}
	// Number the nodes first: every per-node index is a slice by
	// document order, made at its final size. The parser made at least
	// as many nodes as the tree holds.
	sc := takeScratch(d.tree.Len())
	p.scratch = sc
	p.all, p.last = sc.all, sc.last
	// A walk without recursion: open holds the numbers of the nodes
	// whose descendants are being numbered.
	open := make([]int32, 0, 64)
	for x := root; ; {
		i := int32(len(p.all))
		p.all = append(p.all, x)
		p.last = append(p.last, i)
		if x.FirstChild != nil {
			open = append(open, i)
			x = x.FirstChild
			continue
		}
		for x != root && x.NextSibling == nil {
			o := open[len(open)-1]
			open = open[:len(open)-1]
			p.last[o] = int32(len(p.all) - 1)
			x = p.all[o]
		}
		if x == root {
			break
		}
		x = x.NextSibling
	}
	var title *html.Node
	var heads []*html.Node // the first h1 and h2 elements
	h1s := 0
	for _, n := range p.all {
		if n.Type != html.ElementNode {
			continue
		}
		switch {
		case n.Data == "meta":
			p.addMeta(n)
		case n.Data == "title" && title == nil:
			title = n
		case (n.DataAtom == atom.H1 || n.DataAtom == atom.H2) && len(heads) < maxSiteHeads:
			heads = append(heads, n)
		}
		if n.DataAtom == atom.H1 {
			h1s++
			p.oneH1 = n
		}
	}
	if h1s != 1 {
		p.oneH1 = nil
	}
	if title != nil {
		p.htmlTitle = truncateRunes(trimSpace(collapseSpace(NodeText(title))), 300)
	}
	p.siteName = guessSiteName(p, heads)
	size := len(p.all)
	p.order = newNodeOrder(d.tree, p.all)
	sc.all, sc.last = p.all, p.last // grown, if the tree outgrew its count
	p.textAt = zeroed(&sc.textAt, size)
	p.wordMask = zeroed(&sc.wordMask, size)
	p.classMasks = map[string]uint16{}
	p.stats = zeroed(&sc.stats, size)
	p.rawText = zeroed(&sc.rawText, size)
	p.under = zeroed(&sc.under, size)
	p.texts = sc.texts[:0]
	p.countTexts(0, false)
	sc.texts = p.texts // grown, if this page has more texts than the last
	p.totalPunct = int(p.rawText[0].punct)
	p.styleHid = p.styleHidden()
	p.tagLinks = slices.ContainsFunc(tagRelOpenings, p.rx.has)
	p.markChrome(0, false, p.siteFooters())
	p.computeStats()
	return p
}

// addMeta records a <meta>'s value under each of its names.
func (p *page) addMeta(n *html.Node) {
	content, ok := attrOK(n, "content")
	if !ok {
		// Some saved pages (Mercury's fixtures, a few CMSs) write the
		// meta's value in value= instead of content=.
		if content, ok = attrOK(n, "value"); !ok {
			return
		}
	}
	for _, a := range []string{"name", "property", "itemprop", "http-equiv"} {
		if k, ok := attrOK(n, a); ok {
			k = strings.ToLower(strings.TrimSpace(k))
			if _, seen := p.meta[k]; !seen && k != "" {
				p.meta[k] = trimSpace(content)
			}
		}
	}
}

// attrOK returns the value of n's attribute key and whether n has it.
func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// NodeText returns the text of every text node below n, joined as they
// stand, as goquery's Text does (the crawler reads link texts with it).
//
// The text of a single text node (most links) is returned as it is,
// without a copy; the walk needs no closure, so nothing else is made.
func NodeText(n *html.Node) string {
	var first string
	var b strings.Builder
	texts := 0
	for x := n; ; {
		if x.Type == html.TextNode {
			switch texts {
			case 0:
				first = x.Data
			case 1:
				b.WriteString(first)
				fallthrough
			default:
				b.WriteString(x.Data)
			}
			texts++
		}
		// The next node in document order, n's subtree only.
		if x.FirstChild != nil {
			x = x.FirstChild
			continue
		}
		for x != n && x.NextSibling == nil {
			x = x.Parent
		}
		if x == n {
			break
		}
		x = x.NextSibling
	}
	if texts <= 1 {
		return first
	}
	return b.String()
}

// baseURL returns the page's <base href> resolved against its address, or
// the address.
func baseURL(doc *goquery.Document, pageURL *url.URL) *url.URL {
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok && pageURL != nil {
		if b, err := pageURL.Parse(strings.TrimSpace(href)); err == nil {
			return b
		}
	}
	return pageURL
}

// lastAt returns the document order of the last descendant of the node
// at document order o (o itself when it has none).
func (p *page) lastAt(o int) int { return int(p.last[o]) }

// byOrder returns the node at document position o, or nil.
func (p *page) byOrder(o int) *html.Node {
	if o < 0 || o >= len(p.all) {
		return nil
	}
	return p.all[o]
}

// maxSiteHeads bounds the headings guessSiteName compares with <title>:
// a page's title stands among its first.
const maxSiteHeads = 8

// guessSiteName returns og:site_name, else the last part of <title> that is
// not a "Powered by" credit — or its first part, when the page's heading
// (heads, its first h1 and h2 elements) or og:title says the last part and
// not the first: "江城日报｜老街换新颜" names the site first, whatever the
// name's ending.
func guessSiteName(p *page, heads []*html.Node) string {
	// Open Graph's, else the national standard for government sites'
	// pages (SiteName, beside ArticleTitle, PubDate, ContentSource and
	// ColumnName).
	for _, k := range []string{"og:site_name", "sitename"} {
		if s := p.meta[k]; s != "" {
			return s
		}
	}
	parts := splitTitle(p.htmlTitle)
	if len(parts) < 2 {
		return ""
	}
	for _, part := range parts {
		if p.namesHost(part) {
			return part // "Joel on Software - 给计算机系学生的建议" on joelonsoftware.com
		}
	}
	for i := len(parts) - 1; i >= 0; i-- {
		if !isCredit(parts[i]) && (siteish(parts[i], "") || governmentName(parts[i])) {
			return parts[i]
		}
	}
	for i := len(parts) - 1; i > 0; i-- {
		if !isCredit(parts[i]) {
			if i == len(parts)-1 && !isCredit(parts[0]) && declaresTitle(p, heads, parts[i]) && !declaresTitle(p, heads, parts[0]) {
				return parts[0]
			}
			return parts[i]
		}
	}
	return ""
}

// declaresTitle reports whether og:title, or one of the headings heads
// that holds no link (a logo's heading links the front page), says s.
func declaresTitle(p *page, heads []*html.Node, s string) bool {
	if trimSpace(collapseSpace(p.meta["og:title"])) == s {
		return true
	}
	for _, h := range heads {
		if textOfN(h, len(s)+64) == s && !holdsLink(h) {
			return true
		}
	}
	return false
}

// holdsLink reports whether n has a link below it.
func holdsLink(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (isLink(c) || holdsLink(c)) {
			return true
		}
	}
	return false
}

// namesHost reports whether a <title> part spells the page's host name:
// its letters and digits, lower-cased, are a label of the host ("Joel on
// Software" on chinese.joelonsoftware.com) or a label with the ones after
// it ("CCTV.com" on bbs.cctv.com). Labels shorter than four letters and
// the common ones (www, blog, news, bbs) name no site.
func (p *page) namesHost(part string) bool {
	if p.url == nil {
		return false
	}
	var b strings.Builder
	for _, r := range strings.ToLower(part) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '.' || r == '-' || r == '_':
		default:
			return false
		}
	}
	name := b.String()
	if len(name) < 4 {
		return false
	}
	labels := strings.Split(strings.ToLower(p.url.Hostname()), ".")
	for i, label := range labels {
		label = strings.ReplaceAll(label, "-", "")
		if len(label) < 4 || label == "blog" || label == "news" || label == "bbs" {
			continue
		}
		if name == label || name == label+strings.Join(labels[i+1:], "") {
			return true
		}
	}
	return false
}

func isCredit(s string) bool {
	l := strings.ToLower(s)
	return strings.Contains(l, "powered by") || cms.IsCredit(l)
}

// elements yields the page's elements with their document order, in that
// order, leaving out the subtrees of skip tags (see isSkipTag).
func (p *page) elements() iter.Seq2[int, *html.Node] {
	return func(yield func(int, *html.Node) bool) {
		for o := 0; o < len(p.all); o++ {
			n := p.all[o]
			if n.Type != html.ElementNode {
				continue
			}
			if isSkipTag(n.DataAtom) {
				o = p.lastAt(o)
				continue
			}
			if !yield(o, n) {
				return
			}
		}
	}
}

// isSkipTag reports whether elements of tag a never contribute text (a
// switch: cheaper than a map in the walks that ask for every node).
func isSkipTag(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Iframe, atom.Object, atom.Embed, atom.Select,
		atom.Option, atom.Button, atom.Input, atom.Textarea, atom.Svg, atom.Canvas, atom.Template,
		atom.Head, atom.Title, atom.Map, atom.Audio, atom.Video, atom.Img:
		return true
	}
	return false
}

// isInlineTag reports whether elements of tag a sit inside a line of text.
func isInlineTag(a atom.Atom) bool {
	switch a {
	case atom.A, atom.Span, atom.Em, atom.Strong, atom.B, atom.I, atom.U, atom.Font, atom.Small,
		atom.Sup, atom.Sub, atom.Abbr, atom.Mark, atom.Cite, atom.Q, atom.Time:
		return true
	}
	return false
}

// isBlockTag reports whether elements of tag a end a line of text.
func isBlockTag(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Body, atom.Center, atom.Dd,
		atom.Details, atom.Dialog, atom.Dir, atom.Div, atom.Dl, atom.Dt, atom.Fieldset, atom.Figcaption,
		atom.Figure, atom.Footer, atom.Form, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Header, atom.Hgroup, atom.Hr, atom.Li, atom.Main, atom.Menu, atom.Nav, atom.Ol, atom.P,
		atom.Pre, atom.Section, atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Td,
		atom.Th, atom.Ul, atom.Br, atom.Caption:
		return true
	}
	return false
}

// words splits class and id values into lower-case words: "mainNav" →
// main, nav; "side-bar_2" → side, bar.
func words(n *html.Node) []string {
	var out []string
	eachWord(n, func(w string) { out = append(out, strings.ToLower(w)) })
	return out
}

// eachWord calls fn with each word of n's class and id values, as words
// splits them but not lower-cased.
func eachWord(n *html.Node, fn func(string)) {
	for _, a := range n.Attr {
		if a.Key == "class" || a.Key == "id" {
			attrWords(a.Val, a.Key == "class", fn)
		}
	}
}

// attrWords calls fn with each word of one class (or id) value: its
// fields (split at white space as strings.Fields does) less utility
// classes, their parts between '-' and '_', less modifier words and the
// part after each, split into letter runs. It runs for every element's
// class and id: loops, not iterators over iterators.
func attrWords(val string, class bool, fn func(string)) {
	skipNext := false // the word after a modifier word ("with-aside")
	for rest := val; ; {
		var token string
		if token, rest = nextField(rest); token == "" {
			return
		}
		if class && isUtilityClass(token) {
			continue
		}
		for i := 0; i < len(token); {
			if token[i] == '-' || token[i] == '_' {
				i++
				continue
			}
			j := i + 1
			for j < len(token) && token[j] != '-' && token[j] != '_' {
				j++
			}
			part := token[i:j]
			i = j
			if skipNext {
				skipNext = false
				continue
			}
			if isModifierWord(part) {
				skipNext = true
				continue
			}
			nameRuns(part, fn)
		}
	}
}

// nameRuns calls fn with the letter runs of one part of a class or id
// name, as letterRuns splits them, less each run right after a digit: a
// hashed name (CSS-in-JS, CSS modules: "css-1ad9k2f", "sc-3adf1x",
// "n51ad01") is letters broken by digits that spell no word, and "ad"
// there is no advertisement. A word the name opens with stays ("ad2",
// "ad300x250", "nav1").
func nameRuns(part string, fn func(string)) {
	start := -1
	var prev byte
	skip := false // the run follows a digit
	for i := 0; i <= len(part); i++ {
		var c byte
		if i < len(part) {
			c = part[i]
		}
		upper, lower := c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z'
		if start >= 0 && (!upper && !lower || upper && prev >= 'a' && prev <= 'z') {
			if !skip {
				fn(part[start:i])
			}
			start = -1
		}
		if (upper || lower) && start < 0 {
			start, skip = i, prev >= '0' && prev <= '9'
		}
		prev = c
	}
}

// nextField returns the first field of s, split at white space as
// strings.Fields splits, and what follows it; "" when s has none.
func nextField(s string) (field, rest string) {
	start := -1
	for i := 0; i < len(s); {
		c := s[i]
		size, space := 1, false
		if c < utf8.RuneSelf {
			space = c == ' ' || c >= '\t' && c <= '\r'
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
		}
		switch {
		case space && start >= 0:
			return s[start:i], s[i:]
		case !space && start < 0:
			start = i
		}
		i += size
	}
	if start < 0 {
		return "", ""
	}
	return s[start:], ""
}

// wordSetMask returns the bits of the word sets holding a word of one
// class or id value.
func wordSetMask(val string, class bool) uint16 {
	var m uint16
	var buf [32]byte
	attrWords(val, class, func(w string) {
		if len(w) > len(buf) {
			m |= wordSetBits[strings.ToLower(w)]
			return
		}
		// Lower-case into buf: a map lookup by string(buf[:k])
		// allocates nothing.
		for i := 0; i < len(w); i++ {
			buf[i] = lowerASCII(w[i])
		}
		m |= wordSetBits[string(buf[:len(w)])]
	})
	return m
}

// letterRuns calls fn with each run of ASCII letters of s, split before
// an upper-case letter that follows a lower-case one.
func letterRuns(s string, fn func(string)) {
	start := -1
	var prev byte
	for i := 0; i <= len(s); i++ {
		var c byte
		if i < len(s) {
			c = s[i]
		}
		upper, lower := c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z'
		if start >= 0 && (!upper && !lower || upper && prev >= 'a' && prev <= 'z') {
			fn(s[start:i])
			start = -1
		}
		if (upper || lower) && start < 0 {
			start = i
		}
		prev = c
	}
}

// utilityClasses are CSS layout utilities (Tailwind, Bootstrap) whose
// names collide with furniture words: "relative" is a position, not a
// related-articles list; "top-0" and "bottom-4" are offsets.
var utilityClasses = map[string]bool{
	"relative": true, "absolute": true, "fixed": true, "sticky": true, "static": true,
	"position-relative": true, "position-absolute": true, "position-fixed": true, "position-sticky": true,
}

// isUtilityClass reports whether a class name is a utility class: one of
// the names above, an offset such as top-0 or bottom-[4px] or a left
// padding such as pl-4 (a furniture word's namesake), or a
// responsive or state variant ("sm:top-2", "hover:…").
func isUtilityClass(f string) bool {
	l := strings.ToLower(f)
	if utilityClasses[l] || strings.ContainsAny(l, ":[") {
		return true
	}
	if i := strings.IndexByte(l, '-'); i > 0 {
		switch l[:i] {
		case "top", "bottom", "left", "right", "inset", "pl": // pl-4: a padding, not 评论
			if j := i + 1; j < len(l) && (l[j] >= '0' && l[j] <= '9' || l[j] == 'a' || l[j] == 'p') {
				return true
			}
		}
	}
	return false
}

// modifierWords introduce a state of a block in a class name, not what
// the block is: "article-body_with-aside", "has-sidebar", "no-comments".
var modifierWords = []string{"with", "has", "no", "without", "hide", "show", "is"}

// isModifierWord reports whether a part of a class or id name is a
// modifier word.
func isModifierWord(part string) bool {
	if len(part) <= len("without") {
		// An ASCII part, lower-cased on the stack, is one of the words
		// or none: EqualFold below is needed only for other runes
		// ("ſ" folds to "s").
		var buf [len("without")]byte
		ascii := true
		for i := 0; i < len(part); i++ {
			c := part[i]
			ascii = ascii && c < utf8.RuneSelf
			buf[i] = lowerASCII(c)
		}
		if ascii {
			switch string(buf[:len(part)]) {
			case "with", "has", "no", "without", "hide", "show", "is": // modifierWords
				return true
			}
			return false
		}
	}
	for _, m := range modifierWords {
		if strings.EqualFold(part, m) {
			return true
		}
	}
	return false
}

// chromeWords mark page furniture: navigation, sidebars, related lists,
// comments, share bars, footers, QR-code boxes (二维码, "ewm": "scan to
// read on your phone", "get our app"). Whole words only: "commentary" is not
// "comment".
var chromeWords = newWordSet(map[string]bool{
	"nav": true, "navbar": true, "navigation": true, "menu": true, "menus": true, "footer": true,
	"foot": true, "sidebar": true, "side": true, "aside": true, "related": true, "relate": true,
	"relative": true, "recommend": true, "rank": true, "ranking": true, "hot": true, "comment": true,
	"comments": true, "commentlist": true, "commentform": true, "replies": true, "reply": true, "respond": true, "share": true, "sharing": true, "copyright": true, "breadcrumb": true,
	"breadcrumbs": true, "crumb": true, "crumbs": true, "friendlink": true, "links": true, "link": true,
	"banner": true, "ad": true, "ads": true, "advert": true, "login": true, "search": true,
	"pager": true, "pagination": true, "topbar": true, "toolbar": true, "bottom": true, "tags": true,
	"pren": true, "xgwz": true, "xgxw": true, "xgnr": true, "xgyd": true, "daohang": true,
	"banquan": true, "fenxiang": true, "pinglun": true, "tuijian": true, "paihang": true,
	"cookie": true, "cookies": true, "consent": true, "gdpr": true, "onetrust": true, "newsletter": true,
	"advertisement": true, "advertising": true, "sponsor": true, "sponsored": true, "promo": true, "subscribe": true,
	"subscription": true, "signup": true, "donate": true, "support": true, "tweet": true, "instagram": true, "tiktok": true, "donation": true, "guanggao": true,
	"statement": true, "disclaimer": true, "shengming": true, "qr": true, "qrcode": true, "ewm": true, "erweima": true, "djph": true, "rdph": true, "ft": true, "flk": true, "frt": true, "position": true, "location": true, "weizhi": true, "dqwz": true,
	// 评论 by its pinyin initials (<div id="pl">, "pl_list"), as commentWords
	// has it: a comment box without a heading.
	"pl": true,
})

// consentWords mark cookie and privacy consent dialogs: furniture
// however much text they hold.
var consentWords = newWordSet(map[string]bool{"cookie": true, "cookies": true, "consent": true, "gdpr": true, "onetrust": true})

// commentWords mark comment and reply blocks.
var commentWords = newWordSet(map[string]bool{
	"comment": true, "comments": true, "pinglun": true, "commentlist": true, "commentform": true, "replies": true,
	"reply": true, "respond": true, "feedback": true, "pl": true,
})

// headerWords mark the page header (logo, top strip of ancestor sites).
var headerWords = newWordSet(map[string]bool{"header": true, "head": true, "top": true, "logo": true})

// hasLeadWord reports whether the first word of one of n's class names
// or of its id is in set: "cookie-banner", not "enableInlineConsent".
func hasLeadWord(n *html.Node, set wordSet) bool {
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		for _, f := range strings.Fields(a.Val) {
			end := strings.IndexFunc(f, func(r rune) bool { return r == '-' || r == '_' || unicode.IsUpper(r) })
			if end == 0 {
				continue
			}
			if end < 0 {
				end = len(f)
			}
			if set.has[strings.ToLower(f[:end])] {
				return true
			}
		}
	}
	return false
}

// hasWord reports whether one of n's class/id words is in set.
func hasWord(n *html.Node, set wordSet) bool {
	for _, w := range words(n) {
		if set.has[w] {
			return true
		}
	}
	return false
}

// hasWord is the package's hasWord with the words of each element split
// once per page, into a mask of the sets they belong to.
func (p *page) hasWord(n *html.Node, set wordSet) bool {
	o, ok := p.order.lookup(n)
	if !ok {
		return hasWord(n, set)
	}
	return p.hasWordAt(o, set)
}

// hasWordAt is page.hasWord for the element at document order o.
func (p *page) hasWordAt(o int, set wordSet) bool {
	m := p.wordMask[o]
	if m&maskKnown == 0 {
		m = maskKnown
		for _, a := range p.all[o].Attr {
			switch a.Key {
			case "class":
				// Elements share class values (utility-class pages
				// repeat a few dozen): split each value once per page.
				cm, ok := p.classMasks[a.Val]
				if !ok {
					cm = wordSetMask(a.Val, true)
					p.classMasks[a.Val] = cm
				}
				m |= cm
			case "id":
				m |= wordSetMask(a.Val, false)
			}
		}
		p.wordMask[o] = m
	}
	return m&set.bit != 0
}

// A wordSet is a set of class/id words, with its bit in the masks
// page.hasWord keeps per element.
type wordSet struct {
	has map[string]bool
	bit uint16
}

// maskKnown marks an element mask as computed.
const maskKnown uint16 = 1 << 15

var (
	// wordSetBits maps each word of every wordSet to the bits of the
	// sets holding it; filled as the sets are made, at package init.
	wordSetBits = map[string]uint16{}
	wordSetNext uint16
)

func newWordSet(words map[string]bool) wordSet {
	bit := uint16(1) << wordSetNext
	if bit == 0 || bit == maskKnown {
		panic("extract: too many word sets")
	}
	wordSetNext++
	for w := range words {
		wordSetBits[w] |= bit
	}
	return wordSet{has: words, bit: bit}
}

// markChrome fills p.chrome with page-furniture elements (by tag — nav,
// footer, aside, a scrolling <marquee> — or by class/id words) and p.header with page-header blocks, below the node at
// document order o. It marks them in p.under too, for markUnder and
// computeStats to spread to their descendants.
func (p *page) markChrome(o int, under bool, footers map[*html.Node]bool) {
	// A heading counting comments after the story in one container
	// opens its comments: it and the blocks after it are furniture.
	var before int32 // punctuation of the children before
	comments := false
	for co := o + 1; co <= p.lastAt(o); co = p.lastAt(co) + 1 {
		c := p.all[co]
		if c.Type != html.ElementNode {
			continue
		}
		ch := under
		if !under {
			if !comments && before >= 5 && p.countsComments(co) {
				comments = true
			}
			if before >= 5 && (p.writerBox(co) || p.postList(co)) {
				// The writer's box closing the story's container, or
				// its readers' comments.
				ch = true
				p.chrome[c] = true
				p.under[co] |= underChrome
			}
			before += p.rawText[co].punct
			if comments {
				ch = true
				p.chrome[c] = true
				p.under[co] |= underChrome
			}
		}
		if !ch && (c.DataAtom == atom.Nav || c.DataAtom == atom.Footer || c.DataAtom == atom.Aside || c.DataAtom == atom.Marquee || footers[c] || p.chromeByWords(co) || p.headedBox(co) || p.tagLinks && p.tagBox(co)) && !p.headlineBox(co) {
			ch = true
			p.chrome[c] = true
			p.under[co] |= underChrome
		}
		if !ch && !outer(c) && p.hasWordAt(co, headerWords) && (p.totalPunct < 10 || int(p.rawText[co].punct)*2 < p.totalPunct) {
			p.header[c] = true
			p.under[co] |= underHeader
		}
		h := hidden(c)
		if h == shown && p.styleHid[c] {
			h = hiddenByStyle
		}
		if (h == hiddenByClass || h == hiddenByStyle && !p.mainText(co)) && !p.foldedTail(co) {
			// Hidden blocks are furniture (popovers, consent dialogs),
			// except the article a script reveals after loading (WeChat's
			// #js_content starts with visibility:hidden) and the rest of
			// one folded under a control that unfolds it (展开全文).
			ch = true
			p.chrome[c] = true
			p.under[co] |= underChrome
		}
		p.markChrome(co, ch, footers)
	}
}

// maxHeadlineBoxRunes bounds the text of a headline's box: the headline,
// the info line and a count or two.
const maxHeadlineBoxRunes = 200

// headlineBox reports whether the element at document order o is the
// box of the story's headline, whatever its tag or its class says: it
// holds the page's one <h1>, which says a part of <title> (no site's
// name, no link), and little more (a mobile template sets the headline
// and the info line in an <aside class="contxt-aside"> over the story).
// Furniture never holds the page's headline.
func (p *page) headlineBox(o int) bool {
	h := p.oneH1
	if h == nil || p.rawText[o].text > maxHeadlineBoxRunes {
		return false
	}
	ho, ok := p.order.lookup(h)
	if !ok || ho <= o || ho > p.lastAt(o) || holdsLink(h) || p.under[ho]&underLink != 0 {
		return false
	}
	t := trimSpace(textOfN(h, 512))
	if runeLen(t) < 6 || siteish(t, "") {
		return false
	}
	for _, part := range splitTitle(p.htmlTitle) {
		if part == t {
			return true
		}
	}
	return false
}

// chromeByWords reports whether the class/id words of the element at
// document order o mark furniture. The page's outer containers are never
// furniture ("u-has-nav-bar" on <body>), nor is a block holding most of
// the page's sentences.
func (p *page) chromeByWords(o int) bool {
	n := p.all[o]
	if outer(n) || !p.hasWordAt(o, chromeWords) && !namedChrome(n) {
		return false
	}
	r := p.rawText[o]
	if p.figurePart(n) {
		return false
	}
	if isInlineTag(n.DataAtom) && n.Parent != nil && p.rawOf(n.Parent).text-r.text >= 20 {
		// A link or span inside running text ("inner-link-tag") is a
		// word of the sentence, whatever its class says.
		return false
	}
	if hasLeadWord(n, consentWords) {
		// A consent dialog may hold more text than the article.
		return true
	}
	if p.hasWordAt(o, commentWords) {
		// Comments may outweigh the post they follow; they are furniture
		// whenever the page holds sentences outside them. An office's
		// reply to a citizen's letter (div.reply opening 回复单位：…) is
		// the page's content, no readers' comment (replyapart.go).
		return p.totalPunct-int(r.punct) >= 5 && !(p.holdsReplyLabel() && officeReply(n))
	}
	// A block holding most of the page's sentences is no furniture
	// whatever its class says, unless it states the site's copyright or
	// registration.
	if p.totalPunct >= 10 && int(r.punct)*2 >= p.totalPunct {
		return p.siteNotice(o)
	}
	// On a page with few sentences, a block holding most of those outside
	// links is its main content whatever its class says (a synopsis in a
	// box named "related-info" under a title, beside linked lists).
	if all := p.rawText[0].punctOut; r.punctOut >= 2 && int(r.punctOut)*2 >= int(all) && r.link*10 < r.text*3 {
		return p.siteNotice(o)
	}
	// Running text with few links is no furniture whatever its class says
	// ("article-content-body_with-aside"): it holds a quarter of the
	// page's sentences or more (the same exception).
	if r.text > 0 && r.link*10 < r.text*3 && r.punctOut >= 8 && int(r.punctOut)*4 >= p.totalPunct {
		return p.siteNotice(o)
	}
	return true
}

// maxNoticeRunes bounds the text of a site's footer.
const maxNoticeRunes = 600

// copyrightMarks and registrationMarks are what a site's footer says
// about the site itself: its copyright, and its registration (the ICP
// licence, the government site code, the police filing).
var (
	copyrightMarks    = []string{"版权所有", "Copyright", "copyright", "COPYRIGHT", "©", "All Rights Reserved", "All rights reserved"}
	registrationMarks = []string{"ICP备", "ICP证", "网站标识码", "公网安备", "公安机关备案", "公安备案"}
)

// Kinds of site-notice marks, as bits.
const (
	markCopyright = 1 << iota
	markRegistration
)

// noticeMarks returns the kinds of site-notice marks in s.
//
// It reads s once, comparing the marks that start with a byte where s
// has that byte (noticeLeads), instead of a search of s for each mark:
// most of the page's texts are asked, and hold none.
func noticeMarks(s string) int {
	k := 0
	for i := 0; i < len(s); i++ {
		for _, m := range noticeLeads[s[i]] {
			if k&m.kind == 0 && strings.HasPrefix(s[i:], m.text) {
				if k |= m.kind; k == markCopyright|markRegistration {
					return k
				}
			}
		}
	}
	return k
}

// noticeMark is one of copyrightMarks or registrationMarks, with its kind.
type noticeMark struct {
	text string
	kind int
}

// noticeLeads lists the site-notice marks by their first byte.
var noticeLeads = func() (t [256][]noticeMark) {
	for _, set := range []struct {
		marks []string
		kind  int
	}{{copyrightMarks, markCopyright}, {registrationMarks, markRegistration}} {
		for _, m := range set.marks {
			t[m[0]] = append(t[m[0]], noticeMark{m, set.kind})
		}
	}
	return t
}()

// siteNotice reports whether the element at document order o, named as
// furniture by its words, is a short block without headings that states
// the site's copyright or registration: it is the page's footer even
// when it holds more sentences than a short article (a one-paragraph
// brief above an address, contact and licence block).
func (p *page) siteNotice(o int) bool {
	if p.rawText[o].text > maxNoticeRunes || hasHeading(p.all[o]) {
		return false
	}
	return noticeMarks(textOfN(p.all[o], 4*maxNoticeRunes)) != 0
}

// siteFooters returns the blocks, whatever their names, that are a
// site's footer by their text: short, without headings, stating both the
// site's copyright and its registration, and opening with that notice
// (no sentence and little text before the first mark: a wrapper holding
// an article above the footer is no footer). Of nested ones the
// outermost is returned.
func (p *page) siteFooters() map[*html.Node]bool {
	if !slices.ContainsFunc(registrationMarks, p.rx.has) {
		return nil
	}
	// A footer closes the page: only the texts of its last footerTail
	// runes are looked at.
	var marked []int // indexes in p.texts of the texts with a mark
	kinds, seen := 0, 0
	for i := len(p.texts) - 1; i >= 0 && seen < footerTail; i-- {
		t := &p.texts[i]
		seen += int(t.vis)
		if k := t.noticeMarks(); k != 0 {
			marked = append(marked, i)
			kinds |= k
		}
	}
	if kinds != markCopyright|markRegistration {
		return nil
	}
	out := map[*html.Node]bool{}
	for _, i := range marked {
		var best *html.Node
		for x := p.texts[i].n.Parent; x != nil && !outer(x); x = x.Parent {
			o, ok := p.order.lookup(x)
			if !ok || p.rawText[o].text > maxNoticeRunes {
				break
			}
			if p.opensWithNotice(o) && !hasHeading(x) {
				best = x
			}
		}
		if best != nil {
			out[best] = true
		}
	}
	return out
}

// opensWithNotice reports whether the element at document order o holds
// both kinds of site-notice marks, and before its first mark less than
// maxNoticeLead runes and no sentence end.
func (p *page) opensWithNotice(o int) bool {
	kinds, lead := 0, 0
	ts := p.textsBetween(o, p.lastAt(o)+1)
	for i := range ts {
		t := &ts[i]
		k := t.noticeMarks()
		if kinds == 0 && k == 0 {
			if lead += int(t.vis); lead >= maxNoticeLead || containsAnyRune(t.text, "。！？") {
				return false
			}
		}
		kinds |= k
	}
	return kinds == markCopyright|markRegistration
}

// footerTail is how many runes of text at the end of a page siteFooters
// looks at.
const footerTail = 2000

// maxNoticeLead bounds the text a footer holds before its notice (a row
// of links: "网站地图 | 联系我们").
const maxNoticeLead = 120

// namedChrome reports whether an attribute other than class and id names
// n as furniture: an ARIA landmark role that is one ("navigation",
// "complementary", "contentinfo", "search", as <nav>, <aside> and
// <footer> are), or the name of the script component that runs the block
// (Alpine's x-data="window.newsletter()"): its words count as class words.
func namedChrome(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "role":
			switch strings.ToLower(strings.TrimSpace(a.Val)) {
			case "navigation", "complementary", "contentinfo", "search":
				return true
			}
		case "x-data":
			if componentName(a.Val) && textHasWord(a.Val, chromeWords) {
				return true
			}
		}
	}
	return false
}

// componentName reports whether an x-data value names a component (a
// function call or a name, "window.newsletter()") rather than holding
// the component's state as an object, whose keys and strings say
// nothing about the block.
func componentName(v string) bool {
	v = strings.TrimSuffix(strings.TrimSpace(v), "()")
	if v == "" {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$' || c == '.') {
			return false
		}
	}
	return true
}

// textHasWord reports whether one of the letter runs of s, lower-cased,
// is in set.
func textHasWord(s string, set wordSet) bool {
	found := false
	letterRuns(s, func(w string) {
		if !found && set.has[strings.ToLower(w)] {
			found = true
		}
	})
	return found
}

// outer reports whether n is one of the page's outer containers.
func outer(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Main, atom.Article:
		return true
	}
	return false
}

// positionWords name where a block sits in what holds it, not what it
// is: the page's footer, or a figure's.
var positionWords = map[string]bool{"footer": true, "foot": true, "bottom": true, "ft": true}

// figurePart reports whether n is a part of a figure named by its place
// in it ("subbuzz__figure-footer" holding a product's description under
// its picture): inside a <figure>, and its only furniture words name a
// position.
func (p *page) figurePart(n *html.Node) bool {
	inFigure := false
	for a, i := n.Parent, 0; a != nil && i < 4; a, i = a.Parent, i+1 {
		if a.DataAtom == atom.Figure {
			inFigure = true
			break
		}
	}
	if !inFigure || namedChrome(n) {
		return false
	}
	position := false
	other := false
	eachWord(n, func(w string) {
		w = strings.ToLower(w)
		switch {
		case positionWords[w]:
			position = true
		case chromeWords.has[w]:
			other = true
		}
	})
	return position && !other
}

// How an element is hidden.
const (
	shown = iota
	hiddenByStyle
	hiddenByClass
)

// hidden says whether n is hidden by its style, by aria-hidden="true"
// (hidden from readers: a slider's slides not on show, a copy for another
// screen; counted with styles, so that an article shown by a script stays)
// or by a class that only hides ("hide", "hidden", "d-none", "sr-only" …).
func hidden(n *html.Node) int {
	// The three attributes asked, each the first of its name, in one
	// pass over the element's attributes (this runs for every element).
	var style, aria, c string
	var seenStyle, seenAria, seenClass bool
	for _, a := range n.Attr {
		switch {
		case a.Key == "style" && !seenStyle:
			style, seenStyle = a.Val, true
		case a.Key == "aria-hidden" && !seenAria:
			aria, seenAria = a.Val, true
		case a.Key == "class" && !seenClass:
			c, seenClass = a.Val, true
		}
	}
	if style != "" && hidingStyle(style) {
		return hiddenByStyle
	}
	if seenAria && strings.EqualFold(strings.TrimSpace(aria), "true") {
		return hiddenByStyle
	}
	if c != "" && mayHideByClass(c) {
		var buf [32]byte
		for f := range strings.FieldsSeq(c) {
			if len(f) > len(buf) {
				continue // longer than every hiding class
			}
			for i := 0; i < len(f); i++ {
				buf[i] = lowerASCII(f[i])
			}
			if hidingClasses[string(buf[:len(f)])] {
				return hiddenByClass
			}
		}
		if hiddenModifier(c) {
			return hiddenByStyle
		}
	}
	return shown
}

// hidingStyle reports whether a style attribute holds display:none or
// visibility:hidden, in any case and with any spaces.
func hidingStyle(style string) bool {
	// An ASCII style, the usual one, is lower-cased without its spaces
	// into a buffer; any other goes through strings.ToLower, whose
	// Unicode rules ('K', the Kelvin sign, is a 'k') it must keep.
	var buf [256]byte
	if len(style) <= len(buf) {
		k := 0
		for i := 0; i < len(style); i++ {
			c := style[i]
			if c >= utf8.RuneSelf {
				k = -1
				break
			}
			if c != ' ' {
				buf[k] = lowerASCII(c)
				k++
			}
		}
		if k >= 0 {
			b := buf[:k]
			return bytes.Contains(b, []byte("display:none")) || bytes.Contains(b, []byte("visibility:hidden"))
		}
	}
	s := strings.ReplaceAll(strings.ToLower(style), " ", "")
	return strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden")
}

// hiddenModifier reports whether a class value holds a block's name with
// the modifier "hidden" ("article__page_hidden", "card--hidden"): the
// state a script toggles, as a hiding style would be (the pages of an
// article after the first, all in the page until a reader turns to them).
func hiddenModifier(c string) bool {
	for f := range strings.FieldsSeq(c) {
		for _, sep := range []string{"_hidden", "--hidden"} {
			if len(f) > len(sep) && strings.HasSuffix(strings.ToLower(f), sep) && f[len(f)-len(sep)-1] != '_' && f[len(f)-len(sep)-1] != '-' {
				return true
			}
		}
	}
	return false
}

// mayHideByClass reports whether a class value may hold a hiding class:
// each of them holds "hid", "none", "sr-only" or "screen-reader-text"
// (in any ASCII case, as hidden compares them). Most values hold none.
func mayHideByClass(c string) bool {
	return containsFold(c, "hid") || containsFold(c, "none") || containsFold(c, "sr-only") || containsFold(c, "screen-reader-text")
}

// hidingClasses are class names that hide an element on every screen;
// mayHideByClass must let each of them through.
var hidingClasses = map[string]bool{
	"hide": true, "hidden": true, "d-none": true, "is-hidden": true, "sr-only": true,
	"visually-hidden": true, "visuallyhidden": true, "screen-reader-text": true, "ot-hide": true,
}

// mainText reports whether the element at document order o holds most of
// the page's sentences: the article itself, whatever its markup says.
func (p *page) mainText(o int) bool {
	return p.totalPunct >= 10 && int(p.rawText[o].punct)*2 >= p.totalPunct
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

// rawStats sums the text below an element, chrome included.
type rawStats struct {
	text, link int32 // visible runes; those inside links
	punct      int32 // punctuation
	punctOut   int32 // punctuation outside links
}

// countTexts walks the subtree of the node at document order o once: it
// collects the visible texts with their counts (p.texts, p.textAt) and
// sums the counts per element, chrome included (p.rawText).
func (p *page) countTexts(o int, inLink bool) rawStats {
	var rs rawStats
	inLink = inLink || isLink(p.all[o])
	for co := o + 1; co <= p.lastAt(o); co = p.lastAt(co) + 1 {
		c := p.all[co]
		switch {
		case c.Type == html.TextNode:
			if blankASCII(c.Data) {
				continue // the indentation between tags: nothing visible
			}
			v, pc, done := countText(c.Data)
			if v == 0 {
				continue
			}
			t := c.Data
			if !done {
				t = collapseRuns(t)
			}
			p.texts = append(p.texts, visibleText{n: c, order: co, text: t, vis: int32(v), punct: int32(pc)})
			p.textAt[co] = int32(len(p.texts))
			rs.punct += int32(pc)
			rs.text += int32(v)
			if inLink {
				rs.link += int32(v)
			} else {
				rs.punctOut += int32(pc)
			}
		case c.Type == html.ElementNode && isSkipTag(c.DataAtom):
		default:
			cs := p.countTexts(co, inLink)
			rs.punct += cs.punct
			rs.text += cs.text
			rs.link += cs.link
			rs.punctOut += cs.punctOut
		}
	}
	p.rawText[o] = rs
	return rs
}

// precedes reports whether a starts before b in document order.
func (p *page) precedes(a, b *html.Node) bool {
	oa, ok1 := p.order.lookup(a)
	ob, ok2 := p.order.lookup(b)
	return ok1 && ok2 && oa < ob
}

// rawOf returns the text below n, chrome included.
func (p *page) rawOf(n *html.Node) rawStats {
	if o, ok := p.order.lookup(n); ok {
		return p.rawText[o]
	}
	return rawStats{}
}

// statsOf returns the text below n, chrome excluded; nil for a node
// added after parsing.
func (p *page) statsOf(n *html.Node) *nodeStats {
	if o, ok := p.order.lookup(n); ok {
		return &p.stats[o]
	}
	return nil
}

// lastOf returns the document order of n's last descendant (n's own if
// it has none); 0 for a node added after parsing.
func (p *page) lastOf(n *html.Node) int {
	if o, ok := p.order.lookup(n); ok {
		return p.lastAt(o)
	}
	return 0
}

// markUnder records, for every node below and at document order o,
// whether it sits in chrome, in the page header or inside a link (the
// node itself included), so that the checks are O(1) rather than a climb
// to the root. bits are its parent's; the node's own chrome and header
// marks are markChrome's, in p.under. computeStats does this for the
// nodes it walks.
func (p *page) markUnder(o int, bits uint8) {
	p.under[o] = p.ownUnder(o, bits)
	bits = p.under[o]
	for co := o + 1; co <= p.lastAt(o); co = p.lastAt(co) + 1 {
		p.markUnder(co, bits)
	}
}

// ownUnder returns the bits of the node at document order o whose
// parent's are bits.
func (p *page) ownUnder(o int, bits uint8) uint8 {
	n := p.all[o]
	if n.Type == html.ElementNode {
		bits |= p.under[o] & (underChrome | underHeader)
		if isLink(n) {
			bits |= underLink
		}
	}
	return bits
}

func (p *page) underBits(n *html.Node) uint8 {
	if o, ok := p.order.lookup(n); ok {
		return p.under[o]
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

// contains reports whether d is a descendant of a (or a itself).
func (p *page) contains(a, d *html.Node) bool {
	if a == nil || d == nil {
		return false
	}
	oa, ok1 := p.order.lookup(a)
	od, ok2 := p.order.lookup(d)
	return ok1 && ok2 && od >= oa && od <= p.lastAt(oa)
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

// textNodes calls fn for every visible text node in document order.
func (p *page) textNodes(fn func(n *html.Node, text string)) {
	for _, t := range p.texts {
		fn(t.n, t.text)
	}
}

// visibleText is one text node outside script, style and the like, with
// its white space collapsed.
type visibleText struct {
	n          *html.Node
	order      int
	text       string
	vis, punct int32 // visible runes and punctuation (see countText)
	// marks is 1 + noticeMarks(text) once asked (see noticeMarks), 0
	// before: the footer search asks again of the texts of every block
	// around a mark.
	marks int8
}

// noticeMarks is noticeMarks(t.text), found once per text.
func (t *visibleText) noticeMarks() int {
	if t.marks == 0 {
		t.marks = int8(1 + noticeMarks(t.text))
	}
	return int(t.marks - 1)
}

// textOfNode returns a text node's text with its white space collapsed,
// computed once per page for the visible ones.
func (p *page) textOfNode(n *html.Node) string {
	if o, ok := p.order.lookup(n); ok && p.textAt[o] > 0 {
		return p.texts[p.textAt[o]-1].text
	}
	return collapseSpace(n.Data)
}

// collapsedText returns textOfNode(n) and its visible runes
// (countVisible), both computed once per page for the visible texts.
func (p *page) collapsedText(n *html.Node) (text string, visible int) {
	if o, ok := p.order.lookup(n); ok && p.textAt[o] > 0 {
		t := &p.texts[p.textAt[o]-1]
		return t.text, int(t.vis)
	}
	text = collapseSpace(n.Data)
	return text, countVisible(text)
}

// visibleIn returns the number of visible runes below n, chrome
// included.
func (p *page) visibleIn(n *html.Node) int {
	if o, ok := p.order.lookup(n); ok {
		return int(p.rawText[o].text)
	}
	return countVisible(textOfN(n, 1<<16))
}

// textsBetween returns the visible texts whose document position lies
// strictly between lo and hi.
func (p *page) textsBetween(lo, hi int) []visibleText {
	i := sort.Search(len(p.texts), func(i int) bool { return p.texts[i].order > lo })
	j := sort.Search(len(p.texts), func(j int) bool { return p.texts[j].order >= hi })
	if i >= j {
		return nil
	}
	return p.texts[i:j]
}

// computeStats sums text, link text and punctuation for every element
// (bottom-up, one pass), and spreads a paragraph score to the nearest four
// block ancestors of each text run. On the way down it fills p.under (see
// markUnder).
func (p *page) computeStats() {
	var walk func(o int, blocks []int, bits uint8) *nodeStats
	walk = func(o int, blocks []int, bits uint8) *nodeStats {
		s := &p.stats[o]
		n := p.all[o]
		bits = p.ownUnder(o, bits)
		p.under[o] = bits
		if n.Type == html.ElementNode && isBlockTag(n.DataAtom) && n.DataAtom != atom.Br {
			blocks = append(blocks, o)
		}
		for co := o + 1; co <= p.lastAt(o); co = p.lastAt(co) + 1 {
			c := p.all[co]
			switch {
			case c.Type == html.TextNode:
				p.under[co] = bits
				if bits&(underChrome|underHeader) != 0 {
					continue
				}
				k := p.textAt[co]
				if k == 0 {
					continue // no visible rune
				}
				vis, punct := int(p.texts[k-1].vis), int(p.texts[k-1].punct)
				link := bits&underLink != 0
				s.text += int32(vis)
				if link {
					s.link += int32(vis)
				} else {
					s.punct += int32(punct)
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
					p.stats[b].score += sc * levelWeights[level]
				}
			case c.Type == html.ElementNode && isSkipTag(c.DataAtom):
				p.markUnder(co, bits)
			case c.Type == html.ElementNode || c.Type == html.DocumentNode:
				cs := walk(co, blocks, bits)
				s.text += cs.text
				s.link += cs.link
				s.punct += cs.punct
			default:
				p.markUnder(co, bits)
			}
		}
		return s
	}
	walk(0, make([]int, 0, 32), 0)
}

// levelWeights spread a text run's score to its nearest block ancestors.
var levelWeights = [4]float64{1, 0.9, 0.5, 0.33}

// linkDensity is the share of an element's text that sits inside links.
func (p *page) linkDensity(n *html.Node) float64 {
	s := p.statsOf(n)
	if s == nil || s.text == 0 {
		return 0
	}
	return float64(s.link) / float64(s.text)
}

// textOf returns the collapsed, trimmed text of a node on one line.
func textOf(n *html.Node) string { return textOfN(n, math.MaxInt) }

// textOfN is textOf that reads at most about max bytes of text: enough to
// judge a candidate without walking a huge subtree.
func textOfN(n *html.Node, max int) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		if b.Len() > max {
			return
		}
		if x.Type == html.ElementNode && isSkipTag(x.DataAtom) {
			return
		}
		if x.Type == html.TextNode {
			b.WriteString(x.Data)
			return
		}
		if x.Type == html.ElementNode && isBlockTag(x.DataAtom) {
			b.WriteByte(' ')
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return trimSpace(collapseSpace(b.String()))
}

// firstMatch returns the first element of the page, in document order,
// that sel matches, or nil: first(p.doc.Find(…)) for a selector that
// matches elements only, without compiling it again, collecting every
// match or walking on past the first.
func (p *page) firstMatch(sel cascadia.Matcher) *html.Node {
	for _, n := range p.all {
		if n.Type == html.ElementNode && sel.Match(n) {
			return n
		}
	}
	return nil
}

// allMatches returns the elements of the page that sel matches, in
// document order: p.doc.Find(…).Nodes for a selector that matches
// elements only.
func (p *page) allMatches(sel cascadia.Matcher) []*html.Node {
	var out []*html.Node
	for _, n := range p.all {
		if n.Type == html.ElementNode && sel.Match(n) {
			out = append(out, n)
		}
	}
	return out
}

// nodes returns the html nodes of a selection.
func nodes(s *goquery.Selection) []*html.Node { return s.Nodes }
