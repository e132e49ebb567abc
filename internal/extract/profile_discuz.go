package extract

import (
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// Discuz! X portal (county sites such as 南宫文明网).
//
// Signals: "Powered by Discuz!" in <title>, meta generator "Discuz!",
// div#pt breadcrumb, h1.ph, td#article_content, discuz_uid in scripts, and
// URLs portal.php?mod=view&aid=N or article-N-1.html.
var (
	discuzViewURL = regexp.MustCompile(`(?:portal\.php\?(?:.*&)?mod=view|/article-\d+-\d+\.html$)`)
	discuzListURL = regexp.MustCompile(`portal\.php\?(?:.*&)?mod=(?:list|topic|index)|/list-\d+-\d+\.html$|forum\.php$|portal\.php$`)
)

func matchDiscuz(p *page) bool {
	if strings.Contains(strings.ToLower(p.meta["generator"]), "discuz") ||
		strings.Contains(strings.ToLower(p.htmlTitle), "powered by discuz") {
		return true
	}
	if p.rx.has("discuz") && p.doc.Find("td#article_content, h1.ph, div#pt").Length() > 0 {
		return true
	}
	return p.rx.has("discuz_uid") || p.url != nil && discuzViewURL.MatchString(p.url.RequestURI())
}

func applyDiscuz(p *page, h *hints) {
	r := h.r
	d := p.doc
	if n := first(d.Find("h1.ph")); n != nil {
		h.title, r.Title = n, textOf(n)
		h.setProv(FieldTitle, "discuz: h1.ph")
	}
	if n := first(d.Find(".h p.xg1, h1.ph ~ p.xg1, p.xg1")); n != nil && !p.inChrome(n) {
		h.info = spacedText(n)
		f := fold(h.info)
		if t, pr, l, ok := labeledDateLabel(f); ok {
			h.addDate(t, pr, evProfile, dkInfo, "discuz: p.xg1 label "+l)
		} else if t, pr, _, ok := findDate(f); ok {
			h.addDate(t, pr, evProfile, dkInfo, "discuz: p.xg1")
		}
		if vn := first(d.Find("#_viewnum")); vn != nil {
			if c, ok := ParseCount(textOf(vn)); ok {
				r.Views = &c
				h.setProv(FieldViews, "discuz: #_viewnum")
			}
		}
		if r.Views == nil {
			if r.Views, _ = findViews(f); r.Views != nil {
				h.setProv(FieldViews, "discuz: p.xg1 label")
			}
		}
		h.viewsDone = true
		r.Source = labelValue(h.info, sourceLabels)
		r.Author = labelValue(h.info, authorLabels)
	}
	if n := first(d.Find("td#article_content")); n != nil {
		h.body, h.fixedBody = n, true
		h.setProv(FieldBody, "discuz: td#article_content")
		d.Find("td#article_content div.pren, td#article_content #comment, td#article_content .o, td#article_content .pg").Each(
			func(_ int, s *goquery.Selection) { h.exclude[s.Nodes[0]] = true })
	}
	if n := first(d.Find("div#pt .z")); n != nil {
		r.Column = p.columnOf(textOf(n), r.Title)
	}
	uri := ""
	if p.url != nil {
		uri = p.url.RequestURI()
	}
	switch {
	case d.Find("#messagetext").Length() > 0:
		h.notArticle = true
	case discuzListURL.MatchString(uri) && h.title == nil:
		h.notArticle = true
	case h.title != nil && h.body != nil:
		h.article = true
	}
}
