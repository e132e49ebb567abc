package extract

import (
	"regexp"
	"strings"
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
	return strings.Contains(p.raw, "_showDynClick") || strings.Contains(p.raw, "vsb_content") ||
		strings.Contains(p.raw, "v_news_content")
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
