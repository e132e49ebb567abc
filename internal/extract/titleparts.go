package extract

import (
	"strings"

	"golang.org/x/net/html"
)

// Titles that the <title>'s first part does not hold. titlePart takes
// the first part of "标题_栏目_站名" for the article's title, which most
// pages write so; two kinds of page write it otherwise, and their own
// headline says so:
//
//   - a brand or a column before the headline, under a name that reads
//     as no site's ("江城财经观察--社区老年大学开设智能手机课"), the
//     page's title element saying the later part;
//   - a headline that holds a separator of its own, a series' name
//     before a bar ("声音|社区食堂为何越办越火_评论_江城新闻网"), the
//     page's <h1> saying both parts as one.
//
// And a template that titles every article of a column with the
// column's name ("工作动态--江城市地理学会") declares no article title
// at all: the trail above the story ends with that name, and the
// headline is the line above the info line.

// titleSeparators are the runes splitTitle parts a <title> at (and a
// colon or a chevron doubled: single, they belong to a headline).
const titleSeparators = "_|｜丨-–—─＿·"

// titleRunHeading returns the heading (<h1>, <h2>) or title-classed
// element outside furniture and links whose text is a run of whole
// parts of the page's <title>, longer than t0, the part titlePart
// chose, and naming no site by its ending or its <meta>: the page's own headline where <title>'s
// first part is a brand, a column or a series' name before it.
func (p *page) titleRunHeading(c *titleCandidates, t0 string) (*html.Node, string) {
	whole := p.htmlTitle
	if t0 == "" || len(whole) <= len(t0) {
		return nil, ""
	}
	try := func(n *html.Node) string {
		t := c.text(n)
		if len(t) <= len(t0) || len(t) > len(whole) || !partsRun(whole, t) {
			return ""
		}
		if p.inChrome(n) || p.underBits(n)&underLink != 0 {
			return ""
		}
		for _, part := range splitTitle(t) {
			// Not siteish(part, p.siteName): guessSiteName takes the
			// last part for the site's name unless a heading says it,
			// and here a title-classed element may say it.
			if siteish(part, "") || stopCrumbs[part] || part == p.meta["og:site_name"] || part == p.meta["sitename"] {
				return ""
			}
		}
		return t
	}
	for _, n := range c.heads {
		if t := try(n); t != "" {
			return n, t
		}
	}
	for _, n := range c.classed {
		if t := try(n); t != "" {
			return n, t
		}
	}
	return nil, ""
}

// partsRun reports whether t stands in whole, a <title>, as a run of
// its parts: at its start or after a separator, and at its end or
// before one.
func partsRun(whole, t string) bool {
	for from := 0; from < len(whole); {
		i := strings.Index(whole[from:], t)
		if i < 0 {
			return false
		}
		i += from
		before := strings.TrimRight(whole[:i], " \u3000")
		after := strings.TrimLeft(whole[i+len(t):], " \u3000")
		if (before == "" || endsWithAny(before, titleSeparators)) && (after == "" || startsWithAny(after, titleSeparators)) {
			return true
		}
		from = i + 1
	}
	return false
}

// menuLinkText reports whether t, a short <title> part, is the whole
// text of a link on the page, as a column's name is in its menus and trail (the
// template titles its articles "乡镇动态 - 江城文明网").
func (p *page) menuLinkText(t string) bool {
	if !runesAtMost(t, 8) {
		return false
	}
	for _, vt := range p.texts {
		if p.under[vt.order]&underLink != 0 && trimSpace(vt.text) == t {
			return true
		}
	}
	return false
}

func endsWithAny(s, runes string) bool {
	for _, r := range runes {
		if strings.HasSuffix(s, string(r)) {
			return true
		}
	}
	return false
}

func startsWithAny(s, runes string) bool {
	for _, r := range runes {
		if strings.HasPrefix(s, string(r)) {
			return true
		}
	}
	return false
}

// trailEndsWith reports whether the page holds a trail that ends with
// t, a column's name: a short block whose text goes from a link or a
// word for the front page (homeCrumbs), over separators and steps, to
// t ("首页 - 工作动态", "当前位置：首页 > 学会 > 工作动态").
func (p *page) trailEndsWith(t string) bool {
	if t == "" {
		return false
	}
	for _, vt := range p.texts {
		if !strings.HasSuffix(vt.text, t) {
			continue
		}
		blk := blockOf(vt.n)
		if blk == nil {
			continue
		}
		bt := trimSpace(textOfN(blk, 512))
		if !runesAtMost(bt, 60) {
			continue
		}
		rest, ok := strings.CutSuffix(bt, t)
		if !ok {
			continue
		}
		steps := strings.TrimRight(rest, " \u3000\u00a0")
		if !endsWithAny(steps, "->›»→＞/|—〉") {
			continue // no separator before t
		}
		if _, after, found := strings.Cut(steps, "："); found {
			steps = after
		}
		steps = trimSpace(steps)
		for _, h := range homeCrumbs {
			if strings.HasPrefix(steps, h) {
				return true
			}
		}
	}
	return false
}
