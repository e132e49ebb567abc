package sitesim

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The skeleton: what every simulated CMS does alike. A request to a site
// is answered by serveCMS, which asks the site's cms (one per CMS file)
// for its own URLs first (counters, dynamic scripts, images, traps), then
// for the page the path names (home, list page, channel, about page,
// article), renders that page with the cms's templates, and applies the
// site's soft 404, session ids and city date. The page pieces every
// template fills alike — the articles of a list page, the neighbours of an
// article (上一篇/下一篇), its related articles, the editor's paragraphs,
// the county footer, the counter answer — are here too; what a cms file
// holds is the URL forms and the markup of its CMS.

// cms is one simulated CMS: its URL forms and its templates.
type cms interface {
	// special answers the URLs of the CMS's own (counters, dynamic
	// scripts, images, traps); ok is false for the ordinary pages.
	special(sim *Sim, s *site, r *http.Request) (out resp, ok bool)
	// locate names the ordinary page of a request.
	locate(sim *Sim, s *site, r *http.Request) pageRef

	home(sim *Sim, s *site) resp
	perPage() int                                  // articles on a list page
	list(sim *Sim, s *site, c int, l listing) resp // a page of column c
	group(sim *Sim, s *site, g int) resp           // a channel collecting columns
	about(sim *Sim, s *site, k int) resp           // 关于我们, 联系我们
	// article is page (0-based) of an article; r is the request, for a
	// CMS whose article page counts views itself.
	article(sim *Sim, r *http.Request, a ref, page int) resp
}

// softNotFound is a cms whose server answers some unknown URLs with a
// page instead of 404.
type softNotFound interface {
	missing(sim *Sim, s *site, r *http.Request) (resp, bool)
}

// pastEndLister is a cms that answers list pages past the last one
// (others answer 404).
type pastEndLister interface{ listsPastEnd() }

// cmsOf maps Site.CMS to its templates.
var cmsOf = map[string]cms{
	cmsTRS: trsCMS{}, cmsDiscuz: discuzCMS{}, cmsEmpire: empireCMS{},
	cmsDede: dedeCMS{}, cmsPHPCMS: phpCMS{}, cmsVSB: vsbCMS{},
}

// pageKind is the kind of an ordinary page.
type pageKind int

const (
	noPage pageKind = iota
	homePage
	listPage
	groupPage
	aboutPage
	articlePage
)

// pageRef is the ordinary page a URL names.
type pageRef struct {
	kind pageKind
	n    int // the column of a list page, the group, or the about page
	page int // list page (1-based), article page (0-based)
	a    ref // the article
}

func homeRef() pageRef                { return pageRef{kind: homePage} }
func listRef(c, page int) pageRef     { return pageRef{kind: listPage, n: c, page: page} }
func articleRef(a ref, k int) pageRef { return pageRef{kind: articlePage, a: a, page: k} }

// serveCMS answers a request to a site of the hierarchy: robots.txt and
// sitemaps as every site serves them, then the cms's own URLs, then the
// page the path names.
func (sim *Sim) serveCMS(s *site, r *http.Request) resp {
	switch {
	case r.URL.Path == "/robots.txt" && s.robots == "":
		return notFound()
	case r.URL.Path == "/robots.txt":
		return resp{status: http.StatusOK, ctype: "text/plain", body: s.robots, mod: s.start}
	}
	if out, ok := sim.serveSitemap(s, r.URL.Path); ok {
		return out
	}
	t := cmsOf[s.CMS]
	out, ok := t.special(sim, s, r)
	if !ok {
		out = sim.render(t, s, r, t.locate(sim, s, r))
	}
	if soft, ok := t.(softNotFound); ok && out.status == http.StatusNotFound {
		if page, ok := soft.missing(sim, s, r); ok {
			out = page
		}
	}
	if s.has(featSessionID) {
		out = sim.withSid(s, r, out)
	}
	return sim.cityMod(s, out)
}

func (sim *Sim) render(t cms, s *site, r *http.Request, pg pageRef) resp {
	switch pg.kind {
	case homePage:
		return t.home(sim, s)
	case listPage:
		l := sim.listingOf(s, pg.n, pg.page, t.perPage())
		if _, ok := t.(pastEndLister); !ok && l.page > l.pages {
			return notFound()
		}
		return t.list(sim, s, pg.n, l)
	case groupPage:
		return t.group(sim, s, pg.n)
	case aboutPage:
		return t.about(sim, s, pg.n)
	case articlePage:
		return t.article(sim, r, pg.a, pg.page)
	}
	return notFound()
}

// locateDirs is locate for a site of directories: the home page, the
// about and channel pages (the directory or its index file), then the
// first column whose directory holds the path: its directory or index
// file is list page first, inColumn reads any other rest.
func locateDirs(s *site, p, index string, first int, inColumn func(c int, rest string) pageRef) pageRef {
	if p == "/" || p == "/"+index {
		return homeRef()
	}
	switch k, g := s.dirPage(p, index); {
	case k >= 0:
		return pageRef{kind: aboutPage, n: k}
	case g >= 0:
		return pageRef{kind: groupPage, n: g}
	}
	if c, rest, ok := s.columnOf(p); ok {
		if rest == "" || rest == index {
			return listRef(c, first)
		}
		return inColumn(c, rest)
	}
	return pageRef{}
}

// columnOf finds the first column whose directory holds path p.
func (s *site) columnOf(p string) (c int, rest string, ok bool) {
	for c, col := range s.cols {
		if rest, ok := strings.CutPrefix(p, col.path); ok {
			return c, rest, true
		}
	}
	return -1, "", false
}

// pageNumber reads a page number written without leading zeros; ok is
// false for anything else or a number below least.
func pageNumber(v string, least int) (int, bool) {
	k, err := strconv.Atoi(v)
	if err != nil || k < least || strings.HasPrefix(v, "0") {
		return 0, false
	}
	return k, true
}

// bySerial is the article whose CMS id is the parameter v.
func (s *site) bySerial(v string) (ref, bool) {
	id, err := strconv.Atoi(v)
	if err != nil {
		return ref{}, false
	}
	j, ok := s.jBySerial(id)
	if !ok {
		return ref{}, false
	}
	return s.at(j), true
}

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
func (sim *Sim) writeNeighbours(b *strings.Builder, a ref, href func(ref) string, prev, next neighbourForm) {
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
func (sim *Sim) countyTail(b *strings.Builder, s *site, closing string) {
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
	return strings.NewReplacer("{href}", href, "{text}", text).Replace(form)
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

// columnBoxes writes, for each column of cols, a box of its k newest
// articles, as homepages and channel pages show them: open(c) starts the
// box, item(a) writes an article, close ends the box. It returns the
// newest publish time shown, at least since.
func (sim *Sim) columnBoxes(b *strings.Builder, s *site, cols []int, k int, since time.Time, open func(c int) string, item func(a ref) string, close string) time.Time {
	for _, c := range cols {
		b.WriteString(open(c))
		items := s.newestIn(c, k)
		since = sim.newestTime(since, items)
		for _, a := range items {
			b.WriteString(item(a))
		}
		b.WriteString(close)
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
