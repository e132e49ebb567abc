package cms

import (
	"fmt"
	"regexp"
)

// VSB (博达 Visual SiteBuilder), common on county and university sites.
// Article URLs are /info/<tree>/<id>.htm; the template holds #vsb_content
// and .v_news_content; the view count is written by
// _showDynClicks("wbnews", owner, id), which asks dynclicks.jsp for a
// bare number.
var VSB = &CMS{
	Name: "vsb",
	Detect: Detect{
		Generator: []string{"visual sitebuilder", "vsb"},
		Literals:  []string{"_showDynClick", "vsb_content", "v_news_content"},
	},
	Fields: Fields{
		BodyText:           []string{"#vsb_content .v_news_content", "#vsb_content", ".v_news_content", "#vsb_newscontent"},
		BodyTextProvenance: true,
		Article:            Article{URL: PathForm(`/info/\d+/\d+\.html?$`)},
	},
	Counter: &Counter{
		Leads:  []string{"_showdynclick"},
		Find:   vsbCounter,
		Answer: []Answer{Bare, DocumentWrite},
	},
}

var vsbClicks = regexp.MustCompile(`_showDynClicks?\(\s*["'](\w+)["']\s*,\s*(\d+)\s*,\s*(\d+)\s*\)`)

func vsbCounter(near func(string) string) string {
	m := vsbClicks.FindStringSubmatch(near("_showdynclick"))
	if m == nil {
		return ""
	}
	return fmt.Sprintf("/system/resource/code/news/click/dynclicks.jsp?clickid=%s&owner=%s&clicktype=%s", m[3], m[2], m[1])
}
