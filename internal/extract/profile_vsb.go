package extract

import (
	"regexp"
)

// VSB (博达 Visual SiteBuilder), common on county and university sites.
//
// Signals: meta generator "Visual SiteBuilder", the _showDynClicks counter
// call, the vsb_content / v_news_content containers and article URLs
// /info/<tree>/<id>.htm.
var vsbArticleURL = regexp.MustCompile(`/info/\d+/\d+\.html?$`)

func matchVSB(p *page) bool {
	if generatorHas(p, "visual sitebuilder") || generatorHas(p, "vsb") {
		return true
	}
	return p.rx.has("_showDynClick") || p.rx.has("vsb_content") || p.rx.has("v_news_content")
}

func applyVSB(p *page, h *hints) {
	for _, sel := range []string{"#vsb_content .v_news_content", "#vsb_content", ".v_news_content", "#vsb_newscontent"} {
		if n := p.firstBody(sel); n != nil {
			h.body = n
			h.setProv(FieldBody, "vsb: "+sel)
			break
		}
	}
	if p.url != nil && vsbArticleURL.MatchString(p.url.Path) && h.body != nil {
		h.article = true
	}
}
