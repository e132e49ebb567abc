package extract

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Pages that look like articles but are not: the site's fixed pages
// (联系我们, 关于我们 …), whose body is a card of label：value lines, and
// column lists whose dated items carry an excerpt each.

// pageStampRe marks the date a site prints for the upkeep of a page or of
// the whole site ("本页更新时间：2026年09月01日", "网站最后更新：…"): it says
// nothing about when an article appeared.
// It runs on the text right before a publish-time label (see
// labeledDateLabel); notPublished holds the same words for unlabelled dates.
var pageStampRe = regexp.MustCompile(`(?:本页|本站|本网|页面|网页|网站)\s*(?:最后|最近)?\s*$`)

// fixedPageTitles are the titles of the fixed pages every CMS ships
// (DedeCMS 单页文档, PHPCMS 单网页, EmpireCMS 单页, VSB 单页): a page with one
// of them as its whole title is not an article.
var fixedPageTitles = map[string]bool{
	"联系我们": true, "关于我们": true, "联系方式": true, "网站地图": true, "站点地图": true,
	"网站导航": true, "版权声明": true, "免责声明": true, "法律声明": true, "网站声明": true,
	"隐私政策": true, "隐私声明": true, "网站简介": true, "本站简介": true, "网站介绍": true,
	"投稿须知": true, "投稿指南": true, "帮助中心": true, "使用帮助": true, "留言板": true,
	"网站留言": true, "意见反馈": true, "广告服务": true,
}

// guestbookTitleRe is the title of a site's message board — the
// guestbook module PbootCMS, EyouCMS, DedeCMS and most county templates
// ship (在线留言, 网上留言, 留言咨询, 留言反馈 …): a page of visitors' dated
// messages and the site's replies, paged, under the board's name. Each
// message bears a date, and one board page can pass for an article
// dated by its first message; it is a list, not an article.
var guestbookTitleRe = regexp.MustCompile(`^(?:在线|网上|网站|访客|游客|给我们|我要|群众|公众)?留言(?:板|簿|本|咨询|反馈|中心|列表|交流|互动)?$`)

// isFixedPage reports whether title is the whole title of a fixed page
// a CMS ships (fixedPageTitles) or of a message board.
func isFixedPage(title string) bool {
	return fixedPageTitles[title] || guestbookTitleRe.MatchString(title)
}

// cardLineRe is one line of a contact card: a short label, a colon, a value.
var cardLineRe = regexp.MustCompile(`^[^:：。，！？；]{1,12}[:：]\s*\S`)

// isCard reports whether a body is a card of label：value lines (主办单位：…
// 联系电话：… 投稿邮箱：…) with no sentence in it, as the contact and about
// pages show.
func isCard(body string) bool {
	lines := strings.Split(body, "\n")
	if len(lines) < 2 {
		return false
	}
	for _, l := range lines {
		if !runesAtMost(l, 80) || strings.ContainsAny(l, "。！？；") || !cardLineRe.MatchString(l) {
			return false
		}
	}
	return true
}

// listItemBody reports whether the body container is a list of items
// (li/dd) that carry headline links, or sits in such an item beside its
// headline link: the excerpt of a column list entry, however few entries
// the list has. An <article> whose heading links to another page (see
// entryHeadline), short or long, is an entry when another such stands
// beside it (an archive of several posts, excerpts or whole texts), or
// when it stands alone and its headline is not the page's title (a blog's
// archive of a day, a tag or a search with one post in it).
func (p *page) listItemBody(body *html.Node, title string, titleNode *html.Node) bool {
	var item, list *html.Node
	for x, d := body, 0; x != nil && d < 4 && item == nil && list == nil; x, d = x.Parent, d+1 {
		switch x.DataAtom {
		case atom.Li, atom.Dd, atom.Dt:
			item, list = x, x.Parent
		case atom.Ul, atom.Ol, atom.Dl:
			if x == body {
				list = x
			}
		case atom.Article:
			if titleNode != nil && p.contains(x, titleNode) && !p.headlineLink(titleNode, nil) {
				// The page's own article: it holds the page's title, a
				// heading that links nowhere (a column's name linked
				// above it is no headline of an entry).
				x = nil
			} else if head, ok := p.entryHeadline(x); ok && (hasEntryHeadline(p, p.siblingEntry(x)) || !sameHeadline(head, title)) {
				item, list = x, x.Parent
			} else {
				x = nil
			}
		case atom.Body, atom.Td, atom.Table, atom.Form:
			x = nil
		}
		if x == nil {
			break
		}
	}
	if list == nil {
		return p.mostlyItems(body)
	}
	if item != nil {
		if item == body {
			return p.headlineLink(item, nil)
		}
		return p.headlineLink(item, body)
	}
	n := 0
	for c := list.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Li || c.DataAtom == atom.Dd || c.DataAtom == atom.Dt) &&
			p.headlineLink(c, nil) {
			n++
		}
	}
	return n >= 1
}

// mostlyItems reports whether most of the text of a container (a div
// around the list) sits in list items that carry headline links, or in
// two or more feed entries (see feedEntry).
func (p *page) mostlyItems(body *html.Node) bool {
	total := p.visibleIn(body)
	if total == 0 {
		return false
	}
	inItems, entries, inEntries := 0, 0, 0
	var walk func(*html.Node, int)
	walk = func(x *html.Node, depth int) {
		if depth > maxDepth || x.Type == html.ElementNode && isSkipTag(x.DataAtom) {
			return
		}
		if x.Type == html.ElementNode {
			switch {
			case (x.DataAtom == atom.Li || x.DataAtom == atom.Dd) && p.headlineLink(x, nil):
				inItems += p.visibleIn(x)
				return
			case x.DataAtom == atom.Article && p.feedEntry(x):
				entries++
				inEntries += p.visibleIn(x)
				return
			}
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(body, 0)
	if entries >= 2 {
		inItems += inEntries
	}
	return inItems*5 >= total*3
}

// maxEntryRunes bounds the text of a feed entry: a headline, a date and an
// excerpt (WordPress cuts its excerpts at 55 words, or 110 characters in
// Chinese), far below an article's own text.
const maxEntryRunes = 600

// feedEntry reports whether n is an entry of a list of stories written as
// <article> elements (WordPress's and most blog themes' archives, news
// sites' teaser rivers): short, with a heading that links to another page.
// The page's own <article> is long, and its heading, when it is a link,
// links to the page itself.
func (p *page) feedEntry(n *html.Node) bool {
	_, ok := p.feedEntryHeadline(n)
	return ok
}

// feedEntryHeadline is feedEntry, and the text of the entry's headline
// link.
func (p *page) feedEntryHeadline(n *html.Node) (headline string, ok bool) {
	if n == nil || n.DataAtom != atom.Article || p.visibleIn(n) > maxEntryRunes {
		return "", false
	}
	return p.entryHeadline(n)
}

// entryHeadline returns the text of the link to another page that the
// heading of the <article> n holds (six visible runes or more), if any:
// the mark of an entry in a list of stories, short (feedEntry) or whole
// (a blog theme's archive that shows each post's full text).
func (p *page) entryHeadline(n *html.Node) (headline string, ok bool) {
	if n == nil || n.DataAtom != atom.Article {
		return "", false
	}
	var walk func(*html.Node, int, bool)
	walk = func(x *html.Node, depth int, inHeading bool) {
		if ok || depth > 8 || x.Type != html.ElementNode {
			return
		}
		switch x.DataAtom {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			inHeading = true
		case atom.A:
			if inHeading && p.linksAway(x) {
				if t := textOfN(x, 512); countVisible(t) >= 6 {
					headline, ok = t, true
				}
			}
			return
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1, inHeading)
		}
	}
	walk(n, 0, false)
	return headline, ok
}

func hasEntryHeadline(p *page, n *html.Node) bool {
	_, ok := p.entryHeadline(n)
	return ok
}

// sameHeadline reports whether a headline and a page's title name the
// same story: one holds the other, spaces and width aside (a title may
// keep the site's name or lose a subtitle).
func sameHeadline(headline, title string) bool {
	h, t := strings.Join(strings.Fields(fold(headline)), ""), strings.Join(strings.Fields(fold(title)), "")
	return h != "" && t != "" && (strings.Contains(h, t) || strings.Contains(t, h))
}

// siblingEntry returns the nearest <article> sibling of n, if any.
func (p *page) siblingEntry(n *html.Node) *html.Node {
	for _, next := range []func(*html.Node) *html.Node{
		func(x *html.Node) *html.Node { return x.NextSibling },
		func(x *html.Node) *html.Node { return x.PrevSibling },
	} {
		for s := next(n); s != nil; s = next(s) {
			if s.Type == html.ElementNode && s.DataAtom == atom.Article {
				return s
			}
		}
	}
	return nil
}

// linksAway reports whether the link a goes to another page than this one
// (not a fragment, a script, or the page's own URL).
func (p *page) linksAway(a *html.Node) bool {
	href := strings.TrimSpace(attr(a, "href"))
	if href == "" || strings.HasPrefix(href, "#") || strings.HasPrefix(strings.ToLower(href), "javascript") {
		return false
	}
	if p.base == nil || p.url == nil {
		return true
	}
	u, err := p.base.Parse(href)
	if err != nil {
		return false
	}
	return !sameResource(u, p.url)
}

// headlineLink reports whether n holds, outside skip, a link to another
// page whose text reads like a headline (six visible runes or more) and
// that stands on its line as a headline, not inside a sentence
// (sentenceLink).
func (p *page) headlineLink(n, skip *html.Node) bool {
	found := false
	var walk func(*html.Node, int)
	walk = func(x *html.Node, depth int) {
		if found || x == skip || depth > 8 {
			return
		}
		if x.Type == html.ElementNode && x.DataAtom == atom.A {
			href := strings.TrimSpace(attr(x, "href"))
			if href != "" && !strings.HasPrefix(href, "#") && !strings.HasPrefix(strings.ToLower(href), "javascript") &&
				countVisible(textOfN(x, 512)) >= 6 && !sentenceLink(x) {
				found = true
			}
			return
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return found
}
