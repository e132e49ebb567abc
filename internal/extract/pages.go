package extract

import (
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/wenming-archive/wenming/internal/cms"
)

// Multi-page articles. A CMS names the pages of a long article in its own
// URL forms (cms.Paging): TRS writes tYYYYMMDD_ID.shtml, then _1, _2 …
// with the count in a script; Discuz! X portal.php?mod=view&aid=N&page=K
// (or article-N-K.html), linked from a div.pg pager below the content.

// maxPages bounds the continuation pages generated from a page count.
const maxPages = 200

var pagerTotalRe = regexp.MustCompile(`共\s*(\d+)\s*页`)

// findPages fills NextPages, or Continuation and FirstPage, from the
// first CMS whose page forms the URL has.
func (p *page) findPages(h *hints) {
	if p.url == nil {
		return
	}
	for _, c := range cms.All {
		pg := c.Paging
		switch {
		case pg == nil:
		case pg.Script != nil:
			first, next, ok := pg.Script(p.url, p.raw)
			if !ok {
				continue
			}
			if first != "" {
				h.r.Continuation, h.r.FirstPage = true, first
			}
			h.r.NextPages = append(h.r.NextPages, next...)
			return
		case pg.Page != nil:
			if p.pagerPages(h, pg) {
				return
			}
		}
	}
	if h.r.IsArticle {
		p.numberedPages(h)
	}
}

// numberedPageRe is an article page URL of the common form of CMSs no rule
// knows (DedeCMS, PHPCMS, 帝国CMS, the Java portals' .jhtml and many
// home-grown ones): page 1 at STEM.html, page k at STEM_k.html in the same
// directory (.htm, .shtml, .jhtml alike).
var numberedPageRe = regexp.MustCompile(`^(.*/)([^/]+?)(?:_(\d{1,3}))?\.([a-z]?html?)$`)

// pagerWordRe is the text of a pager link: a page number, or a step,
// bare or in brackets ([2], 【2】 and 【下一页】 as PowerEasy writes them).
var pagerWordRe = regexp.MustCompile(`^[\[【［]?(?:\d{1,3}|第\s*\d{1,3}\s*页|上一页|下一页|首页|尾页|末页|前一页|后一页|<|>|«|»|‹|›)[\]】］]?$`)

// maxPagerRunes is the most visible runes a text pagerWordRe matches holds
// (【第123页】): a link with more is no pager link, whatever its text.
const maxPagerRunes = 7

// numberedPages reads the pages of a multi-page article of a CMS no rule
// knows from the pager's own evidence, never from the URL alone
// (art_1229_2.html is an article of its own): on page 1, links after the
// title to page k of the same article whose text is a page number or a
// step (下一页) name the next pages; on page k, such a link back to page 1
// makes the page a continuation of page 1. The page forms (pageOf):
// STEM.html and STEM_k.html in one directory (DedeCMS, PHPCMS, 帝国CMS and
// many home-grown CMSs); a post's directory and k/ below it (WordPress's
// <!--nextpage--> with pretty permalinks, /2024/05/02/slug/2/); the same
// URL with a page parameter (?p=123&page=2, show.php?id=5&pn=2). Only a
// page that reads as an article is looked at, so a column list's
// index_2.html pager is left to the crawler's list paging. A link is to
// the same article in any case of its URL (see the loop).
func (p *page) numberedPages(h *hints) {
	if p.url == nil || p.base == nil {
		return
	}
	key, cur, ok := pageOf(p.url)
	if !ok {
		return
	}
	pages := map[int]string{}
	// Pages of another article key the pager links: the pages of this
	// article under their static form, when this is its dynamic one.
	var other map[int]*url.URL
	otherKey := ""
	for o, n := range p.elements() {
		if n.DataAtom != atom.A || h.title != nil && o < p.order.of(h.title) || p.rawText[o].text > maxPagerRunes {
			continue
		}
		text := trimSpace(textOfN(n, 64))
		if !pagerWordRe.MatchString(text) {
			continue
		}
		u, err := p.base.Parse(strings.TrimSpace(attr(n, "href")))
		if err != nil || u.Host != p.url.Host {
			continue
		}
		lkey, k, ok := pageOf(u)
		if !ok || k < 1 || k > maxPages {
			continue
		}
		// In any case: an IIS site's page, fetched as the crawler folds
		// it (showarticle.asp?articleid=5), links its pages as its
		// template writes them (ShowArticle.asp?ArticleID=5&ArticlePage=2).
		if !strings.EqualFold(lkey, key) {
			switch {
			case otherKey == "" || otherKey == lkey:
				if other == nil {
					other = map[int]*url.URL{}
				}
				otherKey, other[k] = lkey, u
			default:
				otherKey = "\x00" // two others: no evidence of either
			}
			continue
		}
		if k == 1 && cur > 1 && strings.Contains(text, "首页") {
			continue // the site's home, as likely as the article's first page
		}
		u.Fragment = ""
		pages[k] = u.String()
	}
	if cur == 1 && len(pages) == 0 && len(other) > 0 && other[1] == nil && sameArticle(p.url, otherKey) {
		for k, u := range other {
			u.Fragment = ""
			pages[k] = u.String()
		}
	}
	if cur > 1 {
		if first, ok := pages[1]; ok {
			h.r.Continuation, h.r.FirstPage = true, first
		}
		return
	}
	ks := make([]int, 0, len(pages))
	for k := range pages {
		if k > 1 {
			ks = append(ks, k)
		}
	}
	sort.Ints(ks)
	for _, k := range ks {
		h.r.NextPages = append(h.r.NextPages, pages[k])
	}
}

// pageParams are the query parameters that number the pages of an
// article ("p" is not one: WordPress names its posts ?p=123; nor is
// cpage, its pages of comments; articlepage is 动易 PowerEasy's,
// ShowArticle.asp?ArticleID=N&ArticlePage=2).
var pageParams = map[string]bool{
	"page": true, "pg": true, "pn": true, "pageno": true, "page_no": true, "pagenum": true,
	"pageindex": true, "curpage": true, "currpage": true, "articlepage": true,
}

// pageOf returns the article a page URL belongs to (a key that its pages
// share) and which page of it u is, in one of the forms numberedPages
// reads. A URL with no page number in its form is page 1.
func pageOf(u *url.URL) (key string, k int, ok bool) {
	path := withoutPathParams(u.EscapedPath())
	q := u.Query()
	for name, vs := range q {
		if !pageParams[strings.ToLower(name)] || len(vs) != 1 {
			continue
		}
		n, err := strconv.Atoi(vs[0])
		if err != nil || n < 1 {
			return "", 0, false
		}
		q.Del(name)
		return "q:" + path + "?" + q.Encode(), n, true
	}
	if u.RawQuery != "" {
		return "q:" + path + "?" + q.Encode(), 1, true
	}
	if m := numberedPageRe.FindStringSubmatch(path); m != nil {
		k := 1
		if m[3] != "" {
			if k, _ = strconv.Atoi(m[3]); k < 2 {
				return "", 0, false
			}
		}
		return "f:" + m[1] + m[2] + "." + m[4], k, true
	}
	if strings.HasSuffix(path, "/") && len(path) > 1 {
		dir := path[:len(path)-1]
		i := strings.LastIndexByte(dir, '/')
		if n, err := strconv.Atoi(dir[i+1:]); err == nil && n >= 2 && n <= maxDirPages && i > 0 {
			return "d:" + dir[:i+1], n, true
		}
		return "d:" + path, 1, true
	}
	return postPageOf(path)
}

// postPageOf is pageOf for a post's URL with no trailing slash and no
// extension, as WordPress writes its pages under a permalink structure
// without one (/archives/%post_id%): page 1 at /archives/205, page k of
// its <!--nextpage--> at /archives/205/k (user_trailingslashit). PATH/k is
// page k of PATH only when PATH ends in a post's name — a number or a
// slug holding a digit, a hyphen or an escape — not in a bare word:
// /news/2 is post 2 of /news, not its page 2.
func postPageOf(path string) (key string, k int, ok bool) {
	i := strings.LastIndexByte(path, '/')
	if i < 0 || i == len(path)-1 || strings.IndexByte(path[i+1:], '.') >= 0 {
		return "", 0, false
	}
	if n, err := strconv.Atoi(path[i+1:]); err == nil && n >= 2 && n <= maxDirPages && i > 0 {
		parent := path[:i]
		name := parent[strings.LastIndexByte(parent, '/')+1:]
		if strings.ContainsAny(name, "0123456789-%") {
			return "d:" + parent + "/", n, true
		}
	}
	return "d:" + path + "/", 1, true
}

// sameArticle reports whether the page at u, page 1 of an article in a
// form of its own (content.jspx?contentId=12345, 12345.jhtml?channelId=7),
// is the article whose pages key names in the STEM_k form: the stem is a
// number that u names as a parameter's value or its file's stem. A pager
// linking only pages 2… of such an article, never page 1, is then this
// page's pager: the CMS links the static form of the pages from every
// form of page 1.
//
// A post's page under a query (a comment-reply link's
// /archives/205?replytocom=9, a share's ?from=…) whose pager links the
// post's pages in the directory form (/archives/205/2) is page 1 of that
// post too.
func sameArticle(u *url.URL, key string) bool {
	if dir, ok := strings.CutPrefix(key, "d:"); ok {
		p := withoutPathParams(u.EscapedPath())
		return u.RawQuery != "" && (p == dir || p+"/" == dir)
	}
	m := numberedPageRe.FindStringSubmatch(strings.TrimPrefix(key, "f:"))
	if !strings.HasPrefix(key, "f:") || m == nil {
		return false
	}
	stem := m[2]
	if _, err := strconv.Atoi(stem); err != nil {
		return false
	}
	for _, vs := range u.Query() {
		if len(vs) == 1 && vs[0] == stem {
			return true
		}
	}
	own := numberedPageRe.FindStringSubmatch(withoutPathParams(u.EscapedPath()))
	return own != nil && own[2] == stem && own[1] == m[1]
}

// withoutPathParams returns path without the parameters of its last
// segment (/a/12_2.jhtml;jsessionid=1A2B → /a/12_2.jhtml): a Java
// server's session written into the links of a client without cookies
// names no other page.
func withoutPathParams(path string) string {
	last := strings.LastIndexByte(path, '/') + 1
	if i := strings.IndexByte(path[last:], ';'); i >= 0 {
		return path[:last+i]
	}
	return path
}

// maxDirPages bounds the page number of the directory form (slug/2/): a
// larger number is more likely an article's own number (/news/123/).
const maxDirPages = 50

// pagerPages reads the pager of a multi-page article whose page URLs name
// the article and the page.
func (p *page) pagerPages(h *hints, pg *cms.Paging) bool {
	r := h.r
	key, cur, ok := pg.Page(p.url)
	if !ok {
		return false
	}
	pageURL := func(k int) string {
		base := p.base
		if base == nil {
			base = p.url
		}
		u, err := base.Parse(pg.Ref(p.url, key, k))
		if err != nil {
			return ""
		}
		return u.String()
	}
	if cur > 1 {
		r.Continuation, r.FirstPage = true, pageURL(1)
		return true
	}
	// Page numbers linked from the pager(s) after the title.
	pages := map[int]bool{}
	total := 0
	for _, el := range nodes(p.doc.Find(pg.Pager)) {
		if h.title != nil && p.order.of(el) < p.order.of(h.title) {
			continue
		}
		var walk func(*html.Node)
		walk = func(x *html.Node) {
			if x.Type == html.ElementNode && x.Data == "a" {
				if u, err := p.base.Parse(strings.TrimSpace(attr(x, "href"))); err == nil {
					if k := pg.LinkPage(u, key); k > 1 {
						pages[k] = true
					}
				}
			}
			if x.Type == html.ElementNode && x.Data == "span" {
				if m := pagerTotalRe.FindStringSubmatch(attr(x, "title")); m != nil {
					n, err := strconv.Atoi(m[1])
					if err != nil {
						n = 0 // beyond an int
					}
					total = n
				}
			}
			for c := x.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(el)
	}
	for k := 2; k <= min(total, maxPages); k++ {
		pages[k] = true
	}
	ks := make([]int, 0, len(pages))
	for k := range pages {
		if k <= maxPages {
			ks = append(ks, k)
		}
	}
	sort.Ints(ks)
	for _, k := range ks {
		if u := pageURL(k); u != "" {
			r.NextPages = append(r.NextPages, u)
		}
	}
	return true
}

// JoinPages returns page 1 of a multi-page article with the bodies, images
// and body HTML of its continuation pages appended in order. The other
// fields are page 1's; first is not modified.
func JoinPages(first *Result, more ...*Result) *Result {
	if first == nil {
		return nil
	}
	out := *first
	out.Images = append([]string(nil), first.Images...)
	out.Provenance = make(map[string]string, len(first.Provenance))
	for k, v := range first.Provenance {
		out.Provenance[k] = v
	}
	seen := map[string]bool{}
	for _, u := range out.Images {
		seen[u] = true
	}
	joined := 0
	for _, m := range more {
		if m == nil {
			continue
		}
		joined++
		if m.Body != "" {
			if out.Body != "" {
				out.Body += "\n"
			}
			out.Body += m.Body
		}
		if m.BodyHTML != "" {
			if out.BodyHTML != "" {
				out.BodyHTML += "\n"
			}
			out.BodyHTML += m.BodyHTML
		}
		for _, u := range m.Images {
			if !seen[u] {
				seen[u] = true
				out.Images = append(out.Images, u)
			}
		}
	}
	if joined > 0 && out.Provenance[FieldBody] != "" {
		out.Provenance[FieldBody] += " (+" + strconv.Itoa(joined) + " continuation pages)"
	}
	return &out
}
