package cms

import (
	"regexp"
	"strings"
)

// JEECMS, a Java CMS on Tomcat common on county government and 文明网
// sites (金蝶 and others build their portals alike). Columns are
// /COL/index.jhtml, paged index_2.jhtml; articles /COL/ID.jhtml, a long
// one split as ID_2.jhtml (read by the generic numbered pages), its
// dynamic form /content.jspx?contentId=ID; the templates load their files
// from /r/cms/. The view count is filled by front.js's
// Cms.viewCount(base, contentId), which asks base/content_view.jspx
// for a JSON array [views, comments, downloads, ups, downs] and writes
// its first value into #views.
var JEECMS = &CMS{
	Name: "jeecms",
	Detect: Detect{
		Generator: []string{"jeecms"},
		Literals:  []string{"Cms.viewCount", "/r/cms/www/", "content_view.jspx"},
	},
	Counter: &Counter{
		Leads: []string{"cms.viewcount"},
		Find:  jeecmsCounter,
		Pick:  "0",
	},
}

// jeecmsViewCount is the call of front.js's counter: the site's base path
// and the article's number, as literals.
var jeecmsViewCount = regexp.MustCompile(`Cms\.viewCount\(\s*["']([^"'\s]*)["']\s*,\s*["']?(\d+)["']?`)

func jeecmsCounter(near func(string) string) string {
	m := jeecmsViewCount.FindStringSubmatch(near("cms.viewcount"))
	if m == nil {
		return ""
	}
	return strings.TrimSuffix(m[1], "/") + "/content_view.jspx?contentId=" + m[2]
}
