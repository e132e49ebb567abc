package extract

import (
	"strings"
	"sync"

	"github.com/andybalholm/cascadia"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/cms"
)

// The built-in profiles are the CMSs of package cms: this file reads their
// signals (detect) and follows their field rules (applyCMS). What a CMS's
// template looks like is said there, once; how a rule is read is said
// here, once for every CMS.

// detect reports whether the page shows one of the CMS's signals.
func detect(p *page, c *cms.CMS) bool {
	d := &c.Detect
	if g := strings.ToLower(p.meta["generator"]); g != "" {
		for _, w := range d.Generator {
			if strings.Contains(g, w) {
				return true
			}
		}
	}
	if len(d.Title) > 0 {
		t := strings.ToLower(p.htmlTitle)
		for _, w := range d.Title {
			if strings.Contains(t, w) {
				return true
			}
		}
	}
	if rawHasAny(p, d.Literals) {
		return true
	}
	if len(d.Meta) > 0 {
		all := true
		for _, m := range d.Meta {
			all = all && p.meta[m] != ""
		}
		if all {
			return true
		}
	}
	if p.url != nil {
		host := strings.ToLower(p.url.Hostname())
		for _, s := range d.HostSuffix {
			if strings.HasSuffix(host, s) {
				return true
			}
		}
	}
	if d.URL.Match(p.url) {
		return true
	}
	// The selector walks the whole tree: only when the page's source
	// holds one of its names.
	return d.Markup.Selector != "" && rawHasAny(p, d.Markup.Names) && p.firstOf(d.Markup.Selector) != nil
}

// ruleSelectors caches the compiled selectors of the CMSs' rules, which
// package cms holds as text: each is compiled once per process, not once
// per page.
var ruleSelectors sync.Map // selector → cascadia.Matcher (nil: does not compile)

// firstOf is the first element the selector sel matches, in document
// order; nil when none does (or sel does not compile).
func (p *page) firstOf(sel string) *html.Node {
	if m := ruleSelector(sel); m != nil {
		return p.firstMatch(m)
	}
	return nil
}

// allOf is every element sel matches, in document order.
func (p *page) allOf(sel string) []*html.Node {
	if m := ruleSelector(sel); m != nil {
		return p.allMatches(m)
	}
	return nil
}

func ruleSelector(sel string) cascadia.Matcher {
	if m, ok := ruleSelectors.Load(sel); ok {
		m, _ := m.(cascadia.Matcher)
		return m
	}
	m, err := cascadia.Compile(sel)
	if err != nil {
		ruleSelectors.Store(sel, nil)
		return nil
	}
	ruleSelectors.Store(sel, cascadia.Matcher(m))
	return m
}

func rawHasAny(p *page, literals []string) bool {
	for _, s := range literals {
		if p.rx.has(s) {
			return true
		}
	}
	return false
}

// applyCMS follows the CMS's field rules (cms.Fields); what they leave
// open the generic rules fill.
func applyCMS(p *page, h *hints, c *cms.CMS) {
	f := &c.Fields
	r := h.r
	d := p.doc
	tag := c.Name + ": "
	if f.Title != "" {
		if n := p.firstOf(f.Title); n != nil {
			h.title, r.Title = n, textOf(n)
			h.setProv(FieldTitle, tag+f.Title)
		}
	}
	if f.TitleLine != "" {
		p.titleLine(h, f.TitleLine)
	}
	if f.MetaDate != "" {
		if t, pr, ok := ParseDate(p.meta[f.MetaDate]); ok {
			h.addDate(t, pr, evMeta, dkMeta, tag+"meta "+f.MetaDate)
		}
	}
	if f.URLDate != "" {
		if t, ok := urlDate(p.url); ok {
			h.addDate(t, article.PrecisionDay, evURL, dkURL, f.URLDate)
		}
	}
	fixed := false
	for _, sel := range f.Body {
		if n := p.firstOf(sel); n != nil {
			h.body, h.fixedBody, fixed = n, true, true
			h.setProv(FieldBody, tag+sel)
			break
		}
	}
	if f.Exclude != "" && fixed {
		for _, n := range p.allOf(f.Exclude) {
			h.exclude[n] = true
		}
	}
	for _, sel := range f.BodyText {
		if n := p.firstBody(sel); n != nil {
			h.body = n
			if f.BodyTextProvenance {
				h.setProv(FieldBody, tag+sel)
			}
			break
		}
	}
	// The info line after the body is known: a box holding the info
	// line may hold the text too.
	if f.Info.Selector != "" {
		p.infoLine(h, tag, &f.Info)
	}
	if f.Editor != "" {
		if n := p.firstOf(f.Editor); n != nil {
			r.Editor = labelValue(spacedText(n), editorLabels)
			h.exclude[n] = true
			if r.Editor != "" {
				h.setProv(FieldEditor, tag+f.Editor)
			}
		}
	}
	if f.MetaSource != "" && r.Source == "" {
		r.Source = p.meta[f.MetaSource]
	}
	if f.MetaAuthor != "" && r.Author == "" {
		r.Author = p.meta[f.MetaAuthor]
	}
	if f.Crumbs != "" {
		var crumbs []string
		d.Find(f.Crumbs).Each(func(_ int, s *goquery.Selection) {
			if t := trimSpace(s.Text()); t != "" {
				crumbs = append(crumbs, t)
			}
		})
		if len(crumbs) > 0 {
			h.crumb = strings.Join(crumbs, " > ")
			r.Column = p.columnOf(h.crumb, r.Title)
			h.setProv(FieldColumn, tag+f.Crumbs)
		}
	}
	if f.Column != "" {
		if n := p.firstOf(f.Column); n != nil {
			h.crumb = textOf(n)
			r.Column = p.columnOf(h.crumb, r.Title)
		}
	}
	switch {
	case f.Message != "" && p.firstOf(f.Message) != nil:
		h.notArticle = true
	case f.ListURL.Match(p.url) && h.title == nil, f.OtherURL.Match(p.url):
		h.notArticle = true
	case f.Article.Rule() && h.body != nil && (!f.Article.Title || h.title != nil) &&
		(!f.Article.URL.Set() || f.Article.URL.Match(p.url)):
		h.article = true
	}
}

// infoLine reads the info line under the title: its date, the 来源 and
// 作者 labels and, when the CMS says where, the view count.
func (p *page) infoLine(h *hints, tag string, in *cms.Info) {
	r := h.r
	var line *html.Node
	if in.Box != "" {
		line = p.firstOf(in.Box)
	}
	n := p.firstOf(in.Selector)
	if n != nil && (line == nil || !p.contains(line, n)) {
		line = n
	}
	if line == nil || in.OutsideChrome && p.inChrome(line) {
		return
	}
	// A box holding the line may be the article's (TRS's div.box_tex
	// holds title, info line, text and editor): its info block ends
	// where the body after the line begins, or a 来源： in the text
	// would be read.
	var stop *html.Node
	if n != nil && h.body != nil && p.precedes(n, h.body) {
		stop = h.body
	}
	h.info = spacedTextBefore(line, stop)
	f := fold(h.info)
	if t, pr, l, ok := labeledDateLabel(f); ok {
		h.addDate(t, pr, evProfile, dkInfo, tag+in.Name+" label "+l)
	} else if t, pr, _, ok := findDate(f); ok {
		h.addDate(t, pr, evProfile, dkInfo, tag+in.Name)
	}
	if in.Views != "" {
		if vn := p.firstOf(in.Views); vn != nil {
			if c, ok := ParseCount(textOf(vn)); ok {
				r.Views = &c
				h.setProv(FieldViews, tag+in.Views)
			}
		}
		if r.Views == nil {
			if r.Views, _ = findViews(f); r.Views != nil {
				h.setProv(FieldViews, tag+in.Name+" label")
			}
		}
		h.viewsDone = true
	}
	r.Source = labelValue(h.info, sourceLabels)
	r.Author = labelValue(h.info, authorLabels)
	if in.SourceProvenance && r.Source != "" {
		h.setProv(FieldSource, tag+in.Name+" label 来源")
	}
}

// titleLine reads a heading holding the title as its own text and the
// info line as its elements: <h1>标题<br/><span>2023-03-22 20:29:00 来源：…
// 点击：<span id="hits"></span></span></h1>.
func (p *page) titleLine(h *hints, sel string) {
	n := p.firstOf(sel)
	if n == nil {
		return
	}
	var own []string
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			own = append(own, c.Data)
		}
	}
	t := trimSpace(collapseSpace(strings.Join(own, "")))
	if t == "" {
		return
	}
	h.title, h.r.Title = n, t
	// The info line is the heading's elements, not the title before
	// the <br/>: a title ending in 活动 or 会议 must not read as the
	// label of the unlabelled date after it.
	var info []string
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			if t := spacedText(c); t != "" {
				info = append(info, t)
			}
		}
	}
	h.info = strings.Join(info, " ")
}

// firstBody returns the first of the selectors that holds body text.
func (p *page) firstBody(sels ...string) *html.Node {
	for _, sel := range sels {
		for _, n := range p.allOf(sel) {
			if p.inChrome(n) {
				continue
			}
			if s := p.statsOf(n); s != nil && s.text-s.link >= 30 && s.punct >= 2 {
				return n
			}
		}
	}
	return nil
}

// spacedText joins the text nodes under n with single spaces, so that two
// labels split by an element ("发表时间：…<span/>来源：…") stay apart.
func spacedText(n *html.Node) string { return spacedTextBefore(n, nil) }

// spacedTextBefore is spacedText of the text under n before element stop
// (all of it when stop is nil or not under n).
func spacedTextBefore(n, stop *html.Node) string {
	var parts []string
	done := false
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		if done || x == stop && x != n {
			done = true
			return
		}
		if x.Type == html.ElementNode && isSkipTag(x.DataAtom) {
			return
		}
		if x.Type == html.TextNode {
			if t := trimSpace(collapseSpace(x.Data)); t != "" {
				parts = append(parts, t)
			}
			return
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(parts, " ")
}
