package sitesim

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The page pieces every template fills alike (see skeleton.go): the
// articles of a list page, the column boxes of homepages and channel
// pages, an article's text, neighbours (上一篇/下一篇) and related
// articles, the editor's paragraphs, the column part of breadcrumbs, the
// county tail and the empty counter answer. A template gives the markup:
// printf forms, fill forms of {href} and {text}, or functions.

// listing is one page of a column list, newest first.
type listing struct {
	page         int // 1-based
	total, pages int
	items        []ref
	mod          time.Time // the newest publish time shown, at least the site's start
}

// listingOf is page (1-based) of column c at perPage articles a page; a
// page past the end has no items.
func (sim *Sim) listingOf(s *site, c, page, perPage int) listing {
	n := s.colCount(c)
	l := listing{page: page, total: n, pages: max(1, (n+perPage-1)/perPage), mod: s.start}
	for i := n - 1 - (page-1)*perPage; i >= 0 && i > n-1-page*perPage; i-- {
		a, _ := s.inCol(c, i)
		l.items = append(l.items, a)
		l.mod = later(l.mod, sim.published(a))
	}
	return l
}

// newestTime is the latest publish time of the articles, at least since.
func (sim *Sim) newestTime(since time.Time, refs []ref) time.Time {
	for _, a := range refs {
		since = later(since, sim.published(a))
	}
	return since
}

// neighbourForm is how a template writes 上一篇 or 下一篇: link is a form
// (see fill) of the link and the title, none the text when there is no
// such article.
type neighbourForm struct{ link, none string }

// writeNeighbours writes the previous and next article of a's column.
func (sim *Sim) writeNeighbours(b pageWriter, a ref, href func(ref) string, prev, next neighbourForm) {
	for _, f := range []struct {
		step int
		form neighbourForm
	}{{-1, prev}, {1, next}} {
		if o, ok := a.s.inCol(a.col, a.i+f.step); ok {
			b.WriteString(fill(f.form.link, href(o), esc(sim.title(o))))
		} else {
			b.WriteString(f.form.none)
		}
	}
}

// related is a 相关文章 list: k articles drawn by key, a itself left out.
func (sim *Sim) related(a ref, key uint64, k int) []ref {
	var out []ref
	for _, o := range sim.scattered(a.s, key, k) {
		if o.j != a.j {
			out = append(out, o)
		}
	}
	return out
}

// countyTail is the end of a county page: the 友情链接 to the parent
// sites, the outside links, the footer and the template's own closing.
func (sim *Sim) countyTail(b pageWriter, s *site, closing string) {
	b.WriteString(sim.parentLinks(s))
	b.WriteString(sim.govBlock(s))
	b.WriteString(sim.footer(s))
	b.WriteString(closing)
}

// counterResp is the empty answer of a counter script.
func counterResp(ctype string, header map[string]string) resp {
	return resp{status: http.StatusOK, ctype: ctype, header: header}
}

// paraForms is how a CMS editor saved an article's paragraphs: printf
// forms of the escaped text for each kind, and the image markup.
type paraForms struct {
	image   func(k int, p para) string
	line    string // style 1: lines ending in <br />
	div     string // style 2: <div> paragraphs
	heading string
	plain   string
}

// render writes the paragraphs of c.
func (f paraForms) render(c content) string {
	var b strings.Builder
	for k, p := range c.paras {
		switch {
		case p.img != "":
			b.WriteString(f.image(k, p))
		case c.style == 1:
			fmt.Fprintf(&b, f.line, esc(p.text))
		case c.style == 2:
			fmt.Fprintf(&b, f.div, esc(p.text))
		case p.heading:
			fmt.Fprintf(&b, f.heading, esc(p.text))
		default:
			fmt.Fprintf(&b, f.plain, esc(p.text))
		}
	}
	return b.String()
}

// articleText is what every article page shows: title, publish time and
// content.
func (sim *Sim) articleText(a ref) (title string, published time.Time, c content) {
	return sim.title(a), sim.published(a), sim.content(a)
}

// groupCols lists the columns of group g.
func (s *site) groupCols(g int) []int {
	var out []int
	for c, col := range s.cols {
		if col.group == g {
			out = append(out, c)
		}
	}
	return out
}

// paragraphs writes each text in form, a printf form of the escaped text.
func paragraphs(texts []string, form string) string {
	var b strings.Builder
	for _, p := range texts {
		fmt.Fprintf(&b, form, esc(p))
	}
	return b.String()
}

// fill puts href and the (escaped) text into a template's form, where it
// says {href} and {text}.
func fill(form, href, text string) string {
	return fillSlots(form, "{href}", href, "{text}", text)
}

// fillSlots writes form with its slots filled: slots are pairs of a slot
// ("{name}") and its value. Slots are read left to right and a value is
// never read again for slots; any other brace stays.
func fillSlots(form string, slots ...string) string {
	var b strings.Builder
	b.Grow(len(form) + 64)
	for len(form) > 0 {
		open := strings.IndexByte(form, '{')
		if open < 0 {
			break
		}
		b.WriteString(form[:open])
		form = form[open:]
		slot := 0
		for slot < len(slots) && !strings.HasPrefix(form, slots[slot]) {
			slot += 2
		}
		if slot == len(slots) {
			b.WriteByte('{')
			form = form[1:]
			continue
		}
		b.WriteString(slots[slot+1])
		form = form[len(slots[slot]):]
	}
	b.WriteString(form)
	return b.String()
}

// columnCrumbs is the part of a breadcrumb that names column c: the link
// to its channel, when it has one, in groupForm, then the link to the
// column in colForm (forms of fill); href makes the link of a channel or
// column from its path and id.
func (s *site) columnCrumbs(c int, href func(path string, id int) string, groupForm, colForm string) string {
	col := s.cols[c]
	crumbs := ""
	if col.group >= 0 {
		g := s.groups[col.group]
		crumbs = fill(groupForm, href(g.path, g.id), esc(g.name))
	}
	return crumbs + fill(colForm, href(col.path, col.id), esc(col.name))
}

// pathHref is the link to a channel or column by its path.
func pathHref(path string, _ int) string { return path }

// boxForms is how a homepage or a channel page shows columns: a box of
// the k newest articles of each, started by the fill form open ({href}
// the column's link, made by href from its path and id; {text} its name),
// each article written by item, ended by close.
type boxForms struct {
	k     int
	href  func(path string, id int) string
	open  string
	item  func(a ref) string
	close string
}

// columnBoxes writes the boxes of the columns cols in the forms f. It
// returns the newest publish time shown, at least since.
func (sim *Sim) columnBoxes(b pageWriter, s *site, cols []int, since time.Time, f boxForms) time.Time {
	for _, c := range cols {
		col := s.cols[c]
		b.WriteString(fill(f.open, f.href(col.path, col.id), esc(col.name)))
		items := s.newestIn(c, f.k)
		since = sim.newestTime(since, items)
		for _, a := range items {
			b.WriteString(f.item(a))
		}
		b.WriteString(f.close)
	}
	return since
}

// columns lists the indexes of all columns of s.
func (s *site) columns() []int {
	out := make([]int, len(s.cols))
	for c := range out {
		out[c] = c
	}
	return out
}

// hotList is a 点击排行 box: n articles drawn by key, each written by item
// (k counts from 0), open and close around them. It is rendered once per
// site and key (memo): item must write the same for the same article
// whatever page the box is on (buildHotList renders it every time).
func (sim *Sim) hotList(s *site, key uint64, n int, open string, item func(k int, a ref) string, close string) string {
	return sim.memo(s, pieceHot, key, func() string { return sim.buildHotList(s, key, n, open, item, close) })
}

// buildHotList renders hotList.
func (sim *Sim) buildHotList(s *site, key uint64, n int, open string, item func(k int, a ref) string, close string) string {
	var b strings.Builder
	b.WriteString(open)
	for k, a := range sim.scattered(s, key, n) {
		b.WriteString(item(k, a))
	}
	b.WriteString(close)
	return b.String()
}

// pageNumbers is the run of numbered links of a pager, pages from to to:
// the current page in the fill form current ({text} the number), every
// other in link ({href} its address from href, {text} the number).
func pageNumbers(from, to, cur int, href func(k int) string, current, link string) string {
	var b strings.Builder
	for k := from; k <= to; k++ {
		if k == cur {
			b.WriteString(fill(current, "", strconv.Itoa(k)))
		} else {
			b.WriteString(fill(link, href(k), strconv.Itoa(k)))
		}
	}
	return b.String()
}

// xhtmlDoctype opens the default templates of the PHP CMSs, TRS and VSB.
const xhtmlDoctype = `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">`

// writeXHTMLOpen writes what those templates but VSB's begin with: the
// doctype, <html>, <head> and the Content-Type meta naming the charset
// the page declares; nl ends each line (DedeCMS's templates end theirs
// with CRLF).
func writeXHTMLOpen(b pageWriter, s *site, nl string) {
	b.WriteString(xhtmlDoctype)
	b.WriteString(nl)
	b.WriteString(`<html xmlns="http://www.w3.org/1999/xhtml">`)
	b.WriteString(nl)
	b.WriteString("<head>")
	b.WriteString(nl)
	b.WriteString(`<meta http-equiv="Content-Type" content="text/html; charset=`)
	b.WriteString(s.metaCharset())
	b.WriteString(`" />`)
	b.WriteString(nl)
}
