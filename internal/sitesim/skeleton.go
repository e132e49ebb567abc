package sitesim

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The skeleton: what every simulated CMS does alike. A request to a site
// is answered by serveCMS: robots.txt and sitemaps as every site serves
// them, the images of articles, then the URLs of the site's cms (one per
// CMS file: counters, dynamic scripts, traps), then the ordinary page its
// locate names (home, list page, channel, about page, article), paged and
// rendered with the cms's templates in the page layouts below; last the
// site's soft 404, session ids and city date. The page pieces every
// template fills alike are in pieces.go; what a cms file holds is the
// constants of its CMS's installation (cmsFacts), its URL forms, its
// markup and its quirks.

// cms is one simulated CMS: its URL forms and its templates.
type cms interface {
	// special answers the URLs of the CMS's own (counters, dynamic
	// scripts, images, traps); ok is false for the ordinary pages.
	special(sim *Sim, s *site, r *http.Request) (out resp, ok bool)
	// locate names the ordinary page of a request.
	locate(sim *Sim, s *site, r *http.Request) pageRef
	// facts are the constants of the CMS's installation.
	facts() cmsFacts

	home(sim *Sim, s *site) resp
	list(sim *Sim, s *site, c int, l listing) resp // a page of column c
	group(sim *Sim, s *site, g int) resp           // a channel collecting columns
	about(sim *Sim, s *site, k int) resp           // 关于我们, 联系我们
	// article is page (0-based) of an article; r is the request, for a
	// CMS whose article page counts views itself.
	article(sim *Sim, r *http.Request, a ref, page int) resp

	// head writes the frame of every page (see frame) from the doctype
	// to the start of the page's own content, tail everything after it.
	head(sim *Sim, b pageWriter, s *site, h pageHead)
	tail(sim *Sim, b pageWriter, s *site)
}

// cmsFacts are what a CMS's installation fixes for every page of its
// sites, one literal in each cms file.
type cmsFacts struct {
	perPage int // articles on a list page
	// uploads is the directory below which the CMS's editor stores the
	// images of articles ("" for a CMS that puts them elsewhere).
	uploads string
	// sep stands between a page's name and the site's name in <title>;
	// "" for a CMS whose sites each choose their own (TRS).
	sep string
	// delay is how long after an article a static-publishing CMS
	// rewrites its list pages (0 for one that renders them on request).
	delay time.Duration
	// articleDelay is how long after an article (or its edit) the CMS
	// writes its page; linksNext says that the article page links
	// 下一篇, so that the arrival of the next article rewrites it.
	articleDelay time.Duration
	linksNext    bool
	// about are the paths of the two about pages (关于我们, 联系我们)
	// where the CMS's sites keep them unless a site names others
	// (site.aboutPaths); none for a CMS that serves them by query.
	about [2]string
}

// titleSep stands between a page's name and the site's name in the
// <title> of t's pages on s.
func titleSep(t cms, s *site) string {
	if sep := t.facts().sep; sep != "" {
		return sep
	}
	return s.titleSep
}

// softNotFound is a cms whose server answers some unknown URLs with a
// page instead of 404.
type softNotFound interface {
	missing(sim *Sim, s *site, r *http.Request) (resp, bool)
}

// pastEndLister is a cms that answers list pages past the last one
// (others answer 404).
type pastEndLister interface{ listsPastEnd() }

// scripted is a cms whose server renders every page on request (Discuz!
// X's portal.php): its pages carry no validators and the headers its
// scripts send.
type scripted interface {
	scriptHeaders(sim *Sim, s *site) map[string]string
}

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
// sitemaps as every site serves them, then the images of articles and the
// cms's own URLs, then the page the path names.
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
	out, ok := uploaded(t, s, r.URL.Path)
	if !ok {
		out, ok = t.special(sim, s, r)
	}
	if !ok {
		pg := t.locate(sim, s, r)
		if pg.kind == articlePage && sim.deleted(pg.a) {
			pg = pageRef{} // as an unknown article (Delete)
		}
		out = sim.render(t, s, r, pg)
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

// uploaded answers the images of articles stored by t's editor.
func uploaded(t cms, s *site, p string) (resp, bool) {
	if dir := t.facts().uploads; dir != "" && strings.HasPrefix(p, dir) && strings.HasSuffix(p, ".jpg") {
		return imageResp(s), true
	}
	return resp{}, false
}

var (
	jpegOnce sync.Once
	jpegData []byte
)

// imageResp is the image the simulation serves for every picture of an
// article: a small red JPEG.
func imageResp(s *site) resp {
	jpegOnce.Do(func() {
		img := image.NewRGBA(image.Rect(0, 0, 4, 3))
		for x := 0; x < 4; x++ {
			for y := 0; y < 3; y++ {
				img.Set(x, y, color.RGBA{R: 200, G: 30, B: 30, A: 255})
			}
		}
		var b bytes.Buffer
		_ = jpeg.Encode(&b, img, nil)
		jpegData = b.Bytes()
	})
	return resp{status: http.StatusOK, ctype: "image/jpeg", body: string(jpegData), mod: s.start}
}

func (sim *Sim) render(t cms, s *site, r *http.Request, pg pageRef) resp {
	switch pg.kind {
	case homePage:
		return t.home(sim, s)
	case listPage:
		l := sim.listingOf(s, pg.n, pg.page, t.facts().perPage)
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

// The page layouts. Every cms writes every page in one frame, head and
// tail. Its homepage is the frame around a box of newest articles per
// column; a list page the frame around a column's articles and a pager; a
// channel page the frame around the boxes of its columns; an about page
// the frame around the paragraphs of its text; an article page the frame
// around what its template shows of the article. The cms gives the markup
// between (forms below); what the pages show and when they change is the
// skeleton's. A static-publishing cms (all but Discuz!) rewrites its
// home, list and channel pages a while after each new article, and its
// article pages after an edit or a new 下一篇: their Last-Modified says
// when. A scripted cms (Discuz!, whose portal renders every page on
// request) serves the same layouts without validators.

// pageHead is what a page tells the head of its template.
type pageHead struct {
	pg    pageRef // the page (VSB writes its links relative to it)
	name  string  // the page's own name (Discuz!'s navtitle)
	title string  // the <title>: name, separator, site name (the site name alone at home)
	desc  string  // the description meta
	meta  string  // further meta lines (TRS articles)
}

// titled is the head of page pg named name: its <title> is the name, the
// template's separator and the site's name; its description is the name.
func titled(t cms, s *site, pg pageRef, name string) pageHead {
	return pageHead{pg: pg, name: name, title: name + titleSep(t, s) + s.Name, desc: name}
}

// frameSize is room for the head and tail of a frame: 3.4-4.1 KB on the
// sites of the hierarchy, plus the page's title and meta lines.
const frameSize = 6 << 10

// listSize is room for the part of a homepage, list or channel page
// between head and tail.
const listSize = 16 << 10

// articleFrame is room for what an article page's content part holds
// besides the text: info line, markup of the paragraphs, neighbours,
// related articles, sidebars.
const articleFrame = 6 << 10

// frame is a page of s in t's frame: the head for h, what content
// writes (size bytes or so), the tail, in one buffer. content returns the
// page's Last-Modified (none on a scripted cms).
func (sim *Sim) frame(t cms, s *site, h pageHead, size int, content func(b pageWriter) time.Time) resp {
	p := newPageBuf(size + frameSize)
	t.head(sim, p, s, h)
	mod := content(p)
	t.tail(sim, p, s)
	out := htmlResp(s, p.String(), mod)
	if sc, ok := t.(scripted); ok {
		out.mod, out.header = time.Time{}, sc.scriptHeaders(sim, s)
	}
	out.release = p.release
	return out
}

// dynamicPage is body, a page of s that a script renders on request
// (counters aside: messages, comments, searches, traps), in t's frame,
// without validators.
func (sim *Sim) dynamicPage(t cms, s *site, h pageHead, body string) resp {
	return sim.framed(t, s, h, body, time.Time{})
}

// framed is body, a page of s, in t's frame, last modified at mod.
func (sim *Sim) framed(t cms, s *site, h pageHead, body string, mod time.Time) resp {
	return sim.frame(t, s, h, len(body), func(b pageWriter) time.Time {
		b.WriteString(body)
		return mod
	})
}

// homeForms is a homepage: before the column boxes and after them.
type homeForms struct {
	desc          string // the description meta
	before, after string
	boxes         boxForms
}

// homePage is the homepage of s, rewritten after each new article.
func (sim *Sim) homePage(t cms, s *site, f homeForms) resp {
	return sim.frame(t, s, pageHead{pg: homeRef(), title: s.Name, desc: f.desc}, listSize, func(b pageWriter) time.Time {
		b.WriteString(f.before)
		mod := sim.columnBoxes(b, s, s.columns(), s.start, f.boxes)
		b.WriteString(f.after)
		d := t.facts().delay
		return sim.listMod(mod.Add(d), d, s, -1)
	})
}

// listForms is a list page: before the articles (the breadcrumb), each
// article (k counts from 0 on the page), what a page without articles
// shows (an empty column; a page past the end where the cms answers one),
// and after the articles (the pager, the sidebar).
type listForms struct {
	before string
	item   func(k int, a ref) string
	empty  string
	after  string
}

// listPage is page l of column c, rewritten after each new article of c.
func (sim *Sim) listPage(t cms, s *site, c int, l listing, f listForms) resp {
	return sim.frame(t, s, titled(t, s, listRef(c, l.page), s.cols[c].name), listSize, func(b pageWriter) time.Time {
		b.WriteString(f.before)
		for k, a := range l.items {
			b.WriteString(f.item(k, a))
		}
		if len(l.items) == 0 {
			b.WriteString(f.empty)
		}
		b.WriteString(f.after)
		d := t.facts().delay
		return sim.listMod(l.mod.Add(d), d, s, c)
	})
}

// groupForms is a channel page: the boxes of its columns and what stands
// before and after them; dated is a page whose Last-Modified follows the
// articles its boxes show, not only the arrival of new ones (TRS).
type groupForms struct {
	before, after string
	boxes         boxForms
	dated         bool
}

// groupPage is the channel page of group g.
func (sim *Sim) groupPage(t cms, s *site, g int, f groupForms) resp {
	return sim.frame(t, s, titled(t, s, pageRef{kind: groupPage, n: g}, s.groups[g].name), listSize, func(b pageWriter) time.Time {
		b.WriteString(f.before)
		mod := sim.columnBoxes(b, s, s.groupCols(g), s.start, f.boxes)
		b.WriteString(f.after)
		d := t.facts().delay
		if f.dated {
			mod = mod.Add(d)
		} else {
			mod = s.start
		}
		return sim.groupMod(mod, d, s, g)
	})
}

// aboutForms is an about page: before its paragraphs a form naming the
// page ({name}) and linking home ({home}) and the page itself ({self}),
// with the links as the template writes them; each paragraph a printf
// form of the escaped text; after them.
type aboutForms struct {
	before     string
	home, self string
	para       string
	after      string
}

// aboutPage is about page k, as old as the site.
func (sim *Sim) aboutPage(t cms, s *site, k int, f aboutForms) resp {
	name, paras := sim.aboutText(s, k)
	before := fillSlots(f.before, "{name}", esc(name), "{home}", f.home, "{self}", f.self)
	body := before + paragraphs(paras, f.para) + f.after
	return sim.framed(t, s, titled(t, s, pageRef{kind: aboutPage, n: k}, name), body, s.start)
}

// articleHead is the head of article a's page: its <title> is name (the
// article's title, or more), the separator and the site's name.
func articleHead(t cms, a ref, name, desc string) pageHead {
	return pageHead{pg: articleRef(a, 0), name: name, title: name + titleSep(t, a.s) + a.s.Name, desc: desc}
}

// articlePage is an article page of a: what t's template shows of the
// article (write; text is the length of the article's text on the page),
// in t's frame under head h. It was written the CMS's articleDelay after
// the article, and again after each edit and, where the page links 下一篇,
// after the arrival of the next article.
func (sim *Sim) articlePage(t cms, a ref, h pageHead, text int, write func(b pageWriter)) resp {
	return sim.frame(t, a.s, h, text+articleFrame, func(b pageWriter) time.Time {
		write(b)
		f := t.facts()
		return sim.articleMod(a, f.articleDelay, f.linksNext)
	})
}
