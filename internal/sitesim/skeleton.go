package sitesim

import (
	"net/http"
	"strconv"
	"strings"
)

// The skeleton: what every simulated CMS does alike. A request to a site
// is answered by serveCMS: robots.txt and sitemaps as every site serves
// them, then the URLs of the site's cms (one per CMS file: counters,
// dynamic scripts, images, traps), then the ordinary page its locate
// names (home, list page, channel, about page, article), paged and
// rendered with the cms's templates; last the site's soft 404, session
// ids and city date. The page pieces every template fills alike are in
// pieces.go; what a cms file holds is the URL forms and the markup of its
// CMS, and its quirks.

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
