package crawl

import "unicode/utf8"

// listRows is what a later crawl reads of a page's links to decide that a
// list page is as far back as new articles go (Crawler.links): how many
// of them an earlier crawl archived, and, in page order, whether each of
// its links titled as an article was, with where the page's pager stands
// among those.
type listRows struct {
	archived int    // links to articles archived before this run
	titled   []bool // per link titled as an article (titleLike): archived before
	// pagerAt is how many titled links precede the page's last pager
	// link (下一页, a page number …); 0 with no pager link of the page's
	// own (a script pager, placed nowhere, or none).
	pagerAt int
}

// add notes a link to a page: archived before this run or not, titled
// as an article or not.
func (r *listRows) add(archived, titled bool) {
	if archived {
		r.archived++
	}
	if titled {
		r.titled = append(r.titled, archived)
	}
}

// pager notes a pager link of the page's own, after the links added so
// far.
func (r *listRows) pager() { r.pagerAt = len(r.titled) }

// reachedArchive reports whether the page's list reached the articles an
// earlier crawl archived. Where overlap titled links precede the page's
// last pager link, those right before it — the list's last rows, its
// oldest — must all be archived: a box of archived articles beside the
// list (热门文章, 推荐阅读, 点击排行) over new rows no longer stops their
// paging. Otherwise (a pager over the list, a script's, rows linked by a
// page function, which the links read last) overlap archived links
// anywhere on the page stop it.
func (r listRows) reachedArchive(overlap int) bool {
	if r.pagerAt < overlap {
		return r.archived >= overlap
	}
	for _, archived := range r.titled[r.pagerAt-overlap : r.pagerAt] {
		if !archived {
			return false
		}
	}
	return true
}

// minTitleRunes is the length from which a link's text reads as an
// article's title, not a menu's or a pager's word (首页, 工作动态,
// 新时代文明实践).
const minTitleRunes = 8

// titleLike reports whether a link's text reads as an article's title.
func titleLike(text string) bool {
	return utf8.RuneCountInString(text) >= minTitleRunes
}
