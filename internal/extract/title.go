package extract

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// splitTitle splits a <title> on the separators Chinese sites put between
// the article title, the column and the site name: _ | ｜ 丨 - -- --- — –
// and ＿, a doubled colon or chevron (:: ：： >>), and · before a site
// name. A hyphen between two digits or two Latin
// letters ("2023-2024") does not split. A doubled dash "——" (or "──") is the Chinese 破折号 that opens
// a subtitle ("“老黄牛”——记出租车司机张明"): it splits only when what
// follows it, up to the next separator, names a site.
func splitTitle(s string) []string {
	rs := []rune(s)
	var parts []string
	var cur []rune
	flush := func() {
		if t := trimSpace(string(cur)); t != "" {
			parts = append(parts, t)
		}
		cur = cur[:0]
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch r {
		case '—', '─':
			j := i
			for j+1 < len(rs) && rs[j+1] == r {
				j++
			}
			if j > i && !siteAfter(rs[j+1:]) {
				cur = append(cur, rs[i:j+1]...)
				i = j
				continue
			}
			if r == '─' && j == i {
				cur = append(cur, r)
				continue
			}
			flush()
			i = j
			continue
		case '·':
			// The interpunct joins within titles (我们的节日·端午, 时代新人·邢台好人);
			// it separates only a site name that follows.
			if !siteAfter(rs[i+1:]) {
				cur = append(cur, r)
				continue
			}
			flush()
			continue
		case ':', '：', '>':
			// Doubled, a colon or a chevron parts as a bar does
			// (标题::栏目::站名, 标题>>栏目); single, it belongs to the
			// title (城关镇：…).
			j := i
			for j+1 < len(rs) && (rs[j+1] == r || r != '>' && (rs[j+1] == ':' || rs[j+1] == '：')) {
				j++
			}
			if j == i {
				cur = append(cur, r)
				continue
			}
			flush()
			i = j
			continue
		case '_', '|', '｜', '丨', '–', '＿':
			flush()
			for i+1 < len(rs) && rs[i+1] == r {
				i++
			}
			continue
		case '-':
			j := i
			for j+1 < len(rs) && rs[j+1] == '-' {
				j++
			}
			if j == i && i > 0 && i+1 < len(rs) && alnum(rs[i-1]) && alnum(rs[i+1]) && !domainAfter(rs[i+1:]) {
				cur = append(cur, r)
				continue
			}
			flush()
			i = j
			continue
		}
		cur = append(cur, r)
	}
	flush()
	return parts
}

// siteAfter reports whether the text up to the next <title> separator
// names a site (see siteish).
func siteAfter(rs []rune) bool {
	end := len(rs)
	for k, r := range rs {
		if strings.ContainsRune("_|｜丨–＿·-—─", r) {
			end = k
			break
		}
	}
	seg := trimSpace(string(rs[:end]))
	return seg != "" && siteish(seg, "")
}

// domainAfter reports whether the text after a hyphen, up to the next
// separator or the end, is a domain name ("…ZoomEye-CSDN.NET"): the
// site's name glued to the title's last Latin letters, where a hyphen
// between two letters otherwise joins ("Wi-Fi").
func domainAfter(rs []rune) bool {
	end := len(rs)
	for k, r := range rs {
		if strings.ContainsRune("_|｜丨–＿·—─ ", r) {
			end = k
			break
		}
	}
	return domainName(string(rs[:end]))
}

// domainName reports whether s is a host name of the common top-level
// domains: Latin letters, digits, hyphens and dots, ending in .com,
// .net, .cn, .org, .gov or .edu (any case).
func domainName(s string) bool {
	dot := strings.LastIndexByte(s, '.')
	if dot <= 0 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if !(c >= 'a' && c <= 'z' || s[i] >= '0' && s[i] <= '9' || s[i] == '-' || s[i] == '.') {
			return false
		}
	}
	switch strings.ToLower(s[dot+1:]) {
	case "com", "net", "cn", "org", "gov", "edu":
		return true
	}
	return false
}

func alnum(r rune) bool { return r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

// siteish reports whether a <title> part names the site rather than the
// article: the site name, a credit, or a name ending like a site's.
func siteish(part, siteName string) bool {
	if isCredit(part) || part == siteName {
		return true
	}
	for _, suf := range []string{"文明网", "网", "网站", "门户", "官网", "官方网站", "首页", "频道"} {
		if strings.HasSuffix(part, suf) && runeLen(part) <= 12 {
			return true
		}
	}
	return false
}

// governmentName reports whether a <title> part is a government's name,
// which a government site's template sets before or after the article's
// title (江城县人民政府-青山镇开展…): a name of at most twelve runes
// ending in 人民政府.
func governmentName(part string) bool {
	return strings.HasSuffix(part, "人民政府") && runesAtMost(part, 12)
}

// titleFromHTMLTitle returns the article-title part of <title>: the first
// part that is not the site's name (parts after it are columns and sites);
// "" when that part names the page's kind, not its story (详细内容, 文章详情:
// pageKindTitle).
func (p *page) titleFromHTMLTitle() string {
	if t := p.titlePart(p.htmlTitle); !pageKindTitle(t) {
		return t
	}
	return ""
}

// pageKindTitle reports whether t names the kind of page a CMS's detail
// template shows (详细内容, 文章详情, 正文, the words a trail says for
// it: stopCrumbs), as templates that title every article page alike
// write in <title>.
func pageKindTitle(t string) bool { return stopCrumbs[t] }

// titlePart returns the article-title part of a page title with site and
// column names around it ("标题_栏目_站名", "站名 - 标题").
func (p *page) titlePart(s string) string {
	parts := splitTitle(s)
	if len(parts) == 0 {
		return ""
	}
	first := parts[0]
	if first == p.siteName || isCredit(first) || siteish(first, p.siteName) && len(parts) > 1 {
		// "站名 - 标题": take the longest later part that is not a site name.
		best := ""
		for _, part := range parts[1:] {
			if !siteish(part, p.siteName) && runeLen(part) > runeLen(best) {
				best = part
			}
		}
		if best != "" && (first == p.siteName || isCredit(first) || runeLen(best) > runeLen(first)) {
			return best
		}
	}
	return first
}

// jsonLDHeadlineRe finds a JSON-LD headline; the value is a JSON string.
var jsonLDHeadlineRe = regexp.MustCompile(`"headline"\s*:\s*("(?:[^"\\\n]|\\.){1,400}")`)

// titleRefs returns the titles the page declares for itself, site names
// stripped: og:title (or twitter:title), the JSON-LD headline and the
// <title> part t0. A declared title that is only the site's name is left
// out.
func (p *page) titleRefs(t0 string) []string {
	var refs []string
	add := func(s string) {
		s = trimSpace(collapseSpace(s))
		if s == "" || runeLen(s) < 2 || runeLen(s) > 200 || s == p.siteName || siteish(s, p.siteName) {
			return
		}
		for _, r := range refs {
			if r == s {
				return
			}
		}
		refs = append(refs, s)
	}
	for _, k := range []string{"og:title", "twitter:title", "articletitle"} {
		if v := p.meta[k]; v != "" {
			add(p.titlePart(v))
			break
		}
	}
	if m := p.rawMatch(jsonLDHeadlineRe, `"headline"`); m != nil {
		if v, err := strconv.Unquote(m[1]); err == nil {
			add(p.titlePart(v))
		}
	}
	add(t0)
	return refs
}

// titleWords are class/id words of title elements besides "…title…".
var titleWords = newWordSet(map[string]bool{"tit": true, "bt": true, "headline": true, "biaoti": true})

// findTitle returns the element holding the article title. An element
// whose text is exactly a title the page declares (og:title, the JSON-LD
// headline, the <title> part) wins, h1/h2 before other tags, the first in
// the page among equals; links are never the title element. Otherwise the
// h1/h2 (or title-classed element) sharing the longest common substring
// with the <title> part wins.
func (p *page) findTitle() (*html.Node, string) {
	t0 := p.titleFromHTMLTitle()
	kind := t0 == "" && pageKindTitle(p.titlePart(p.htmlTitle))
	if t0 == "" && !kind {
		t0 = p.htmlTitle
	}
	refs := p.titleRefs(t0)
	c := p.titleCandidates(refs)
	if n, t := p.titleRunHeading(c, t0); n != nil {
		// The headline is a run of <title>'s parts longer than the
		// first: a brand or a series' name stood before it.
		return n, t
	}
	if n := c.declared(p, refs); n != nil {
		t := c.text(n)
		if !p.siteTitleOnly(n, t, t0, refs) {
			if p.logoTitle(n, t, t0, refs) {
				// The page's logo says its one-part <title>, the site's
				// name: the title is the line above the info line.
				if ln, lt := p.lineAboveInfo(); ln != nil && lt != t0 {
					return ln, lt
				}
			}
			return n, unbroken(t, refs...)
		}
		return nil, refs[0]
	}
	if siteish(t0, p.siteName) {
		// A <title> that names the site only (a template that titles
		// every page so) declares no article title, and matched against
		// the page it finds what names the site: the source on the info
		// line, a logo.
		t0 = ""
	}
	if t0 == "" && len(refs) == 0 {
		if n, t := c.lone(p); n != nil || !kind {
			return n, t
		}
		// A <title> that names the page's kind: the title is the line
		// above the info line, as under a <title> naming the site.
		return p.lineAboveInfo()
	}
	n, t := c.likeTitle(p, t0)
	if n == nil && (p.trailEndsWith(t0) || p.menuLinkText(t0)) {
		// <title> names the column, as the trail ends or a link of
		// the menus or the trail says (首页 > 乡镇动态 > 正文): the
		// headline is the line above the info line.
		if ln, lt := p.lineAboveInfo(); ln != nil && lt != t0 {
			return ln, lt
		}
	}
	if n == nil && p.namesOriginalTitle(t0) {
		// <title> holds the headline the story first ran under, which
		// its text names (原标题：…): the page's title is its heading.
		return c.lone(p)
	}
	if n == nil && len(refs) == 1 && len(splitTitle(p.htmlTitle)) == 1 {
		// A <title> of one part that nothing on the page matches names
		// the site ("某某县人民政府"), not the article.
		n, t := p.lineAboveInfo()
		return n, unbroken(t, refs...)
	}
	if n != nil && t != t0 && strings.Contains(t, t0) && runeLen(t)-runeLen(t0) <= 4 && taggedHeading(n, t0) {
		// The heading holds the title and a tag of a few runes in an
		// element of its own ("…<span class="tag">原创</span>").
		t = t0
	}
	if n != nil && headingInfoTail(t, t0) != "" {
		// The heading holds the info line after the title (<h1>…<br>
		// <span>2024-03-05 来源：…</span></h1>): the title is <title>'s.
		t = t0
	}
	if n != nil {
		t = unbroken(t, append(refs, t0)...)
	}
	return n, t
}

// headingInfoTail returns the info line that the heading's text t holds
// after the title t0 (PHPCMS's default template sets the date, the source
// and the counts in a <span> after a <br> inside the <h1>), or "".
func headingInfoTail(t, t0 string) string {
	if t0 == "" || len(t) <= len(t0) || !strings.HasPrefix(t, t0) {
		return ""
	}
	if rest := trimSpace(t[len(t0):]); isMetaLine(rest) {
		return rest
	}
	return ""
}

// unbroken returns the first of refs, the titles the page declares
// (<title>'s part, og:title, ArticleTitle), that the heading's text t is
// broken over two lines (<h1>…<br>…</h1>, the break read as a space)
// where the declared one is one run with no space; else t.
func unbroken(t string, refs ...string) string {
	if !maySpace(t) {
		return t
	}
	joined := ""
	for _, ref := range refs {
		if len(ref) >= len(t) || len(t) > len(ref)+maxBreakBytes || maySpace(ref) && strings.ContainsFunc(ref, unicode.IsSpace) {
			continue // t is ref with a space or a few more
		}
		if joined == "" {
			joined = strings.Join(strings.Fields(fold(t)), "")
		}
		if joined != "" && fold(ref) == joined {
			return ref
		}
	}
	return t
}

// closeHeadingBreaks returns t, the text of the title element n, without
// the spaces its line breaks (<br>) put between two Han characters: a
// headline broken over two lines that no declared title writes as one
// run (unbroken) is one run still, as Chinese has no spaces between
// words ("学雷锋志愿服务<br>进社区").
func closeHeadingBreaks(n *html.Node, t string) string {
	if n == nil || strings.IndexByte(t, ' ') < 0 || !holdsBreak(n) {
		return t
	}
	rs := []rune(t)
	out := rs[:0]
	for i, r := range rs {
		if r == ' ' && i > 0 && i+1 < len(rs) && isHan(rs[i-1]) && isHan(rs[i+1]) {
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

// holdsBreak reports whether n holds a <br>.
func holdsBreak(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Br || holdsBreak(c)) {
			return true
		}
	}
	return false
}

// maxBreakBytes bounds the white space a heading's line break adds to
// its text (a space, or a space and ideographic ones: 3 bytes each).
const maxBreakBytes = 8

// oneRunTitles returns the declared titles written as one run, without a
// space: those a heading may break over two lines (unbroken), or nil.
func oneRunTitles(refs []string) []string {
	var out []string
	for _, r := range refs {
		if !maySpace(r) || !strings.ContainsFunc(r, unicode.IsSpace) {
			out = append(out, r)
		}
	}
	return out
}

// maySpace reports whether s may hold white space (unicode.IsSpace): an
// ASCII space or control, or a lead byte of the other spaces' encodings
// (U+0085 and U+00A0, U+1680, U+2000–U+205F, U+3000). A byte scan, where
// Chinese text would have each rune decoded and looked up.
func maySpace(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c <= ' ', c == 0xc2, c == 0xe1, c == 0xe2, c == 0xe3:
			return true
		}
	}
	return false
}

// siteTitleOnly reports whether n, the element found saying t, names the
// site rather than the article: t is the whole of a <title> of one part
// (t0), n sits in the page's header, furniture or a link (its logo), and
// the <meta> (ArticleTitle, og:title, the JSON-LD headline) declares
// another title, refs[0], which no element on the page says.
func (p *page) siteTitleOnly(n *html.Node, t, t0 string, refs []string) bool {
	return t == t0 && len(refs) > 1 && refs[0] != t0 && len(splitTitle(p.htmlTitle)) == 1 &&
		p.underBits(n)&(underHeader|underChrome|underLink) != 0
}

// logoTitle reports whether n, the element found saying t, is the
// page's logo saying the site's name: t is the whole of a <title> of one
// part (t0) that no <meta> title joins, and n sits in the page's header,
// furniture or a link.
func (p *page) logoTitle(n *html.Node, t, t0 string, refs []string) bool {
	return t == t0 && len(refs) == 1 && len(splitTitle(p.htmlTitle)) == 1 &&
		p.underBits(n)&(underHeader|underChrome|underLink) != 0
}

// taggedHeading reports whether some child element of heading n holds
// text outside title: a tag set beside the title, not a part of it.
func taggedHeading(n *html.Node, title string) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if t := textOfN(c, 64); t != "" && !strings.Contains(title, t) {
			return true
		}
	}
	return false
}

// lone returns the title element of a page that declares no title (no
// <title> but the site's name, og:title or headline: a fragment saved on
// its own, a template that leaves <title> out or names the site in it):
// its one <h1> outside furniture; with no <h1>, the first element outside
// furniture whose class or id names a title, an <h2> before any other,
// and whose text reads as one (no labelled date: the info line under a
// title is classed so too).
func (c *titleCandidates) lone(p *page) (*html.Node, string) {
	var h1 *html.Node
	for _, n := range c.heads {
		if n.DataAtom != atom.H1 || p.inChrome(n) {
			continue
		}
		if h1 != nil {
			return nil, ""
		}
		h1 = n
	}
	if h1 != nil {
		if t := c.text(h1); runeLen(t) >= 2 && runeLen(t) <= 120 {
			return h1, t
		}
		return nil, ""
	}
	// Title-classed elements: an <h2> so classed first (a mobile
	// template's <h2 class="m-title">), then any other.
	var h2s []*html.Node
	for _, n := range c.heads {
		if n.DataAtom == atom.H2 && p.titleClassed(p.order.of(n)) {
			h2s = append(h2s, n)
		}
	}
	for _, group := range [][]*html.Node{h2s, c.classed} {
		for _, n := range group {
			if p.inChrome(n) || p.underBits(n)&underLink != 0 {
				continue
			}
			t := c.text(n)
			if l := runeLen(t); l < 2 || l > 120 {
				continue
			}
			if _, _, ok := labeledDate(fold(t)); ok {
				continue
			}
			return n, t
		}
	}
	return p.lineAboveInfo()
}

// wordRunes counts the letters (Han characters among them) and digits of
// s: a rule of dashes reads as no title.
func wordRunes(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// lineAboveInfo returns the line right above the page's info line (the
// first line outside furniture with a labelled date, "发布时间：…") when
// it reads as a title: a block of its own of 4 to 120 runes, 4 of them
// letters or digits, no link, no sentence's full stop and no label. Government templates that title
// every page with the site's name set the article's title there, in a
// table cell styled large and bold.
func (p *page) lineAboveInfo() (*html.Node, string) {
	info := -1
	for i, vt := range p.texts {
		if p.under[vt.order]&underChrome != 0 || !strings.Contains(vt.text, "：") && !strings.Contains(vt.text, ":") {
			continue
		}
		t := fold(trimSpace(vt.text))
		if _, _, ok := labeledDate(t); ok {
			info = i
			break
		}
		// A label alone: its date stands in an element of its own, in
		// the label's block.
		if strings.HasSuffix(t, ":") {
			if blk := blockOf(vt.n); blk != nil {
				if _, _, ok := labeledDate(fold(textOfN(blk, 256))); ok {
					info = i
					break
				}
			}
		}
	}
	if info <= 0 {
		return nil, ""
	}
	infoBlock := blockOf(p.texts[info].n)
	if n, t := p.imageTitleBefore(infoBlock); n != nil {
		return n, t
	}
	for i := info - 1; i >= 0; i-- {
		vt := p.texts[i]
		if p.under[vt.order]&underChrome != 0 {
			continue
		}
		blk := blockOf(vt.n)
		if blk == nil || blk == infoBlock {
			continue
		}
		if p.under[vt.order]&underLink != 0 || p.contains(blk, p.texts[info].n) {
			return nil, ""
		}
		t := textOfN(blk, 512)
		if l := runeLen(t); l < 4 || l > 120 || wordRunes(t) < 4 || strings.Contains(t, "。") || hasAnyLabel(t) || strings.ContainsAny(t, ":：") {
			return nil, ""
		}
		return blk, t
	}
	return nil, ""
}

// imageTitleBefore returns the element right before the info line's
// block, or before a block holding it, when it shows nothing but one
// picture whose alt text reads as a title (a headline set as an image,
// its words in alt), and that text: 4 to 80 runes, no sentence's full
// stop, no label, not the site's name.
func (p *page) imageTitleBefore(infoBlock *html.Node) (*html.Node, string) {
	for n, up := infoBlock, 0; n != nil && up < 3; n, up = n.Parent, up+1 {
		prev := prevElement(n)
		if prev == nil {
			continue
		}
		if trimSpace(textOfN(prev, 16)) != "" {
			return nil, ""
		}
		var img *html.Node
		for d := range prev.Descendants() {
			if d.Type == html.ElementNode && d.DataAtom == atom.Img {
				if img != nil {
					return nil, ""
				}
				img = d
			}
		}
		if img == nil {
			return nil, ""
		}
		t := trimSpace(collapseSpace(attr(img, "alt")))
		if l := runeLen(t); l < 4 || l > 80 || strings.Contains(t, "。") || hasAnyLabel(t) || siteish(t, p.siteName) || t == p.siteName {
			return nil, ""
		}
		return prev, t
	}
	return nil, ""
}

// maxTitleCandidates bounds each kind of title candidate: a page has a
// handful of headings; past the first few hundred there is nothing but
// cost.
const maxTitleCandidates = 300

// titleCandidates are the elements that may hold the title, by kind, with
// their texts read once.
type titleCandidates struct {
	heads []*html.Node // h1, h2
	// others are h3 and h4 (a template's cover block heads the story
	// with an <h4>, its subheadings <h3>s), title-classed elements and
	// bold runs.
	others []*html.Node
	// classed are the title-classed elements among others, in page order.
	classed []*html.Node
	exact   []*html.Node // parents of a text that is a declared title
	texts   map[*html.Node]string
}

// titleCandidates collects the candidates in one pass over the page.
func (p *page) titleCandidates(refs []string) *titleCandidates {
	c := &titleCandidates{texts: map[*html.Node]string{}}
	for o, n := range p.elements() {
		switch {
		case n.DataAtom == atom.H1 || n.DataAtom == atom.H2:
			if len(c.heads) < maxTitleCandidates {
				c.heads = append(c.heads, n)
			}
		case n.DataAtom == atom.H3 || n.DataAtom == atom.H4 || n.DataAtom == atom.Strong || n.DataAtom == atom.B || n.DataAtom == atom.Font:
			if len(c.others) < maxTitleCandidates {
				c.others = append(c.others, n)
			}
		case p.titleClassed(o):
			if len(c.others) < maxTitleCandidates {
				c.others = append(c.others, n)
				c.classed = append(c.classed, n)
			}
		}
	}
	minLen := 1 << 30 // byte length of the shortest declared title
	for _, r := range refs {
		minLen = min(minLen, len(r))
	}
	for _, vt := range p.texts {
		if len(c.exact) >= maxTitleCandidates {
			break
		}
		// The visible texts are collapsed already; trimming only
		// shortens, so one shorter than every declared title cannot
		// become one.
		if len(vt.text) < minLen || vt.n.Parent == nil {
			continue
		}
		t := trimSpace(vt.text)
		for _, r := range refs {
			if t == r {
				c.exact = append(c.exact, vt.n.Parent)
				break
			}
		}
	}
	return c
}

// text returns a candidate's text on one line, read once.
func (c *titleCandidates) text(n *html.Node) string {
	t, ok := c.texts[n]
	if !ok {
		t = textOfN(n, 1024)
		c.texts[n] = t
	}
	return t
}

// declared returns the candidate whose text is one of the declared titles,
// a heading before the weaker kinds; nil if none is.
func (c *titleCandidates) declared(p *page, refs []string) *html.Node {
	if len(refs) == 0 {
		return nil
	}
	var best *html.Node
	bestW := 0.0
	oneRun := oneRunTitles(refs)
	try := func(n *html.Node, w float64) {
		if w <= bestW || p.inChrome(n) || p.underBits(n)&underLink != 0 {
			return
		}
		t := c.text(n)
		for _, r := range refs {
			if t == r {
				best, bestW = n, w
				return
			}
		}
		if oneRun != nil && unbroken(t, oneRun...) != t {
			best, bestW = n, w
		}
	}
	for _, n := range c.heads {
		try(n, 1)
	}
	for _, n := range c.others {
		try(n, 0.9)
	}
	for _, n := range c.exact {
		try(n, 0.8)
	}
	return best
}

// likeTitle returns the heading (or weaker candidate) that shares the
// longest common substring with the <title> part t0, preferring
// candidates that are mostly the title over blocks that merely hold it.
func (c *titleCandidates) likeTitle(p *page, t0 string) (*html.Node, string) {
	var best *html.Node
	bestText := ""
	bestScore := 0.0
	seen := map[*html.Node]bool{}
	consider := func(n *html.Node, weight float64) {
		if seen[n] || p.inChrome(n) {
			return
		}
		seen[n] = true
		t := c.text(n)
		l := runeLen(t)
		if l < 2 || l > 120 {
			return
		}
		if t0 == "" {
			return
		}
		cs := lcs(t, t0)
		if cs < 4 && cs < runeLen(t0) {
			return
		}
		if float64(cs) < 0.5*float64(min(l, runeLen(t0))) {
			return
		}
		score := float64(cs) * weight * (0.5 + 0.5*float64(cs)/float64(l))
		if score > bestScore {
			best, bestText, bestScore = n, t, score
		}
	}
	for _, n := range c.heads {
		consider(n, 1)
	}
	for _, n := range c.others {
		consider(n, 0.9)
	}
	if best == nil {
		return nil, ""
	}
	return best, bestText
}

// titleClassed reports whether the class or id of the element at document
// order o names a title: contains "title" (any case), or is one of
// titleWords.
func (p *page) titleClassed(o int) bool {
	for _, a := range p.all[o].Attr {
		if (a.Key == "class" || a.Key == "id") && containsFold(a.Val, "title") {
			return true
		}
	}
	return p.hasWordAt(o, titleWords)
}

// lcs returns the length in runes of the longest common substring of a and b.
func lcs(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) == 0 || len(rb) == 0 {
		return 0
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	best := 0
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			if ra[i-1] == rb[j-1] {
				cur[j] = prev[j-1] + 1
				if cur[j] > best {
					best = cur[j]
				}
			} else {
				cur[j] = 0
			}
		}
		prev, cur = cur, prev
	}
	return best
}
