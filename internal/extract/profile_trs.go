package extract

import (
	"regexp"
	"strings"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"

	"github.com/wenming-archive/wenming/internal/article"
)

// TRS WCM (www.wenming.cn and the province/city sites of its platform).
//
// Signals: div#title_tex, div#time_tex, div.TRS_Editor, a.CurrChnlCls, the
// createPageHTML pager script, meta contentid/catalogs, and article URLs
// /<channel>/YYYYMM/tYYYYMMDD_<docid>.shtml.
var (
	trsArticleURL = regexp.MustCompile(`/t(?:19|20)\d{6}_\d+\.s?html?$`)
	trsListURL    = regexp.MustCompile(`(?:/|/index(?:_\d+)?\.s?html?)$`)
)

var trsNames = []string{"title_tex", "time_tex", "TRS_Editor", "CurrChnlCls"}

// The TRS selectors, compiled once.
var (
	trsSignalSel  = cascadia.MustCompile("#title_tex, #time_tex, div.TRS_Editor, a.CurrChnlCls, #tex")
	trsTitleSel   = cascadia.MustCompile("#title_tex")
	trsBoxSel     = cascadia.MustCompile("div.box_tex")
	trsTimeSel    = cascadia.MustCompile("#time_tex")
	trsEditorSel  = cascadia.MustCompile(".editor_tex")
	trsChannelSel = cascadia.MustCompile("a.CurrChnlCls")
	trsBodyNames  = []string{"#tex > div.TRS_Editor", "div.TRS_Editor", "#tex"}
	trsBodySels   = compileAll(trsBodyNames)
)

func matchTRS(p *page) bool {
	// The selector walks the whole tree: only when the page's source
	// holds one of its names.
	if (rawHasAny(p, trsNames) || p.rx.has(`"tex"`) || p.rx.has("'tex'") || p.rx.has("=tex")) &&
		p.firstMatch(trsSignalSel) != nil {
		return true
	}
	if p.rx.has("createPageHTML") || p.meta["catalogs"] != "" && p.meta["contentid"] != "" {
		return true
	}
	if p.url != nil && strings.HasSuffix(strings.ToLower(p.url.Hostname()), "wenming.cn") {
		return true
	}
	return p.url != nil && trsArticleURL.MatchString(p.url.Path)
}

func applyTRS(p *page, h *hints) {
	r := h.r
	if n := p.firstMatch(trsTitleSel); n != nil {
		h.title, r.Title = n, textOf(n)
		h.setProv(FieldTitle, "trs: #title_tex")
	}
	box := p.firstMatch(trsBoxSel)
	if tt := p.firstMatch(trsTimeSel); tt != nil && (box == nil || !p.contains(box, tt)) {
		box = tt
	}
	if box != nil {
		h.info = spacedText(box)
		f := fold(h.info)
		if t, pr, l, ok := labeledDateLabel(f); ok {
			h.addDate(t, pr, evProfile, dkInfo, "trs: #time_tex label "+l)
		} else if t, pr, _, ok := findDate(f); ok {
			h.addDate(t, pr, evProfile, dkInfo, "trs: #time_tex")
		}
		r.Source = labelValue(h.info, sourceLabels)
		r.Author = labelValue(h.info, authorLabels)
		if r.Source != "" {
			h.setProv(FieldSource, "trs: #time_tex label 来源")
		}
	}
	// The date-only fallbacks: the text of the page (above, and the
	// generic info and body lines) wins over them and refines them.
	if t, pr, ok := ParseDate(p.meta["publishdate"]); ok {
		h.addDate(t, pr, evMeta, dkMeta, "trs: meta publishdate")
	}
	if t, ok := urlDate(p.url); ok {
		h.addDate(t, article.PrecisionDay, evURL, dkURL, "url: tYYYYMMDD")
	}
	for i, sel := range trsBodySels {
		if n := p.firstMatch(sel); n != nil {
			h.body, h.fixedBody = n, true
			h.setProv(FieldBody, "trs: "+trsBodyNames[i])
			break
		}
	}
	if n := p.firstMatch(trsEditorSel); n != nil {
		r.Editor = labelValue(spacedText(n), editorLabels)
		h.exclude[n] = true
		if r.Editor != "" {
			h.setProv(FieldEditor, "trs: .editor_tex")
		}
	}
	if r.Source == "" {
		r.Source = p.meta["source"]
	}
	if r.Author == "" {
		r.Author = p.meta["author"]
	}
	var crumbs []string
	for _, n := range p.allMatches(trsChannelSel) {
		if t := trimSpace(nodeText(n)); t != "" {
			crumbs = append(crumbs, t)
		}
	}
	if len(crumbs) > 0 {
		r.Column = p.columnOf(strings.Join(crumbs, " > "), r.Title)
		h.setProv(FieldColumn, "trs: a.CurrChnlCls")
	}
	switch {
	case h.title != nil && h.body != nil:
		h.article = true
	case p.url != nil && trsListURL.MatchString(p.url.Path) && h.title == nil:
		h.notArticle = true
	}
}

// spacedText joins the text nodes under n with single spaces, so that two
// labels split by an element ("发表时间：…<span/>来源：…") stay apart.
func spacedText(n *html.Node) string {
	var parts []string
	var walk func(*html.Node)
	walk = func(x *html.Node) {
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
