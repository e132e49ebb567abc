package cms

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// Discuz! X portal articles (county sites such as 南宫文明网). Article
// URLs are portal.php?mod=view&aid=N (page K: &page=K), rewritten as
// article-N-K.html; the template holds h1.ph, p.xg1 (the info line),
// td#article_content, div#pt (the breadcrumb) and div.pg (the pager). The
// view count is served by misc.php?mod=userstatus as JSON.
var Discuz = &CMS{
	Name: "discuz",
	Detect: Detect{
		Generator: []string{"discuz"},
		Title:     []string{"powered by discuz"},
		Literals:  []string{"discuz_uid"},
		URL:       RequestForm(`(?:portal\.php\?(?:.*&)?mod=view|/article-\d+-\d+\.html$)`),
		Markup:    Markup{Names: []string{"discuz"}, Selector: "td#article_content, h1.ph, div#pt"},
	},
	Fields: Fields{
		Title:   "h1.ph",
		Info:    Info{Selector: ".h p.xg1, h1.ph ~ p.xg1, p.xg1", Name: "p.xg1", OutsideChrome: true, Views: "#_viewnum"},
		Body:    []string{"td#article_content"},
		Exclude: "td#article_content div.pren, td#article_content #comment, td#article_content .o, td#article_content .pg",
		Column:  "div#pt .z",
		Message: "#messagetext",
		ListURL: RequestForm(`portal\.php\?(?:.*&)?mod=(?:list|topic|index)|/list-\d+-\d+\.html$|forum\.php$|portal\.php$`),
		// The install's community: forum threads (and their print,
		// author-filtered and touch views), member spaces and their
		// 日志, groups, rankings, the Archiver, and the readers'
		// comments on an article (portal.php?mod=comment, headed by the
		// article's title). The portal's articles are the site's
		// publications; a thread is a conversation whose opening post
		// alone misrepresents it and whose views are many.
		OtherURL: RequestForm(`(?:^|/)(?:forum|home|group|misc|search|member|plugin|userapp)\.php(?:[?#]|$)|/(?:thread|forum|space|blog|group)-[\w-]+\.html(?:\?|$)|/archiver/|portal\.php\?(?:.*&)?mod=comment(?:&|$)`),
		Article:  Article{Title: true},
	},
	Counter: &Counter{
		Leads:  []string{"misc.php?mod=userstatus", "dynamicurl"},
		Find:   discuzCounter,
		Answer: []Answer{JSON},
	},
	Credit: []string{"discuz"},
	Paging: &Paging{Page: discuzPage, LinkPage: discuzLinkPage, Ref: discuzRef, Pager: "div.pg"},
	Alias:  discuzAlias,
}

var (
	discuzUserRe = regexp.MustCompile(`(?i)misc\.php\?mod=userstatus[^"'\s<>]*?typeid=(\d+)`)
	discuzDynRe  = regexp.MustCompile(`DYNAMICURL\s*=\s*['"][^'"]*mod=view[^'"]*aid=(\d+)`)
	discuzAidRe  = regexp.MustCompile(`(?:^|[?&])aid=(\d+)`)
	discuzPageRe = regexp.MustCompile(`(?:^|[?&])page=(\d+)`)
	// discuzStatic is the rewritten article URL article-<aid>-<page>.html.
	discuzStatic      = regexp.MustCompile(`/article-(\d+)-(\d+)\.html$`)
	discuzRootArticle = regexp.MustCompile(`^/article-(\d+)-(\d+)\.html$`)
)

// discuzCounter: with static publishing the page names its dynamic URL
// and a common script asks misc.php for the live count.
func discuzCounter(near func(string) string) string {
	id := ""
	if m := discuzUserRe.FindStringSubmatch(near("misc.php?mod=userstatus")); m != nil {
		id = m[1]
	} else if m := discuzDynRe.FindStringSubmatch(near("dynamicurl")); m != nil {
		id = m[1]
	}
	if id == "" {
		return ""
	}
	return "misc.php?mod=userstatus&type=article&typeid=" + id
}

// discuzAlias folds article-N-K.html into portal.php?mod=view&aid=N
// (&page=K after the first page).
func discuzAlias(p string) (string, string, bool) {
	m := discuzRootArticle.FindStringSubmatch(p)
	if m == nil {
		return "", "", false
	}
	query := "mod=view&aid=" + m[1]
	if m[2] != "1" {
		query += "&page=" + m[2]
	}
	return "/portal.php", query, true
}

// discuzPage reads the aid and page of an article URL in either form.
func discuzPage(u *url.URL) (string, int, bool) {
	if m := discuzStatic.FindStringSubmatch(u.Path); m != nil {
		return m[1], atoiDef(m[2], 1), true
	}
	if !strings.Contains(u.Path, "portal.php") || !strings.Contains(u.RawQuery, "mod=view") {
		return "", 0, false
	}
	m := discuzAidRe.FindStringSubmatch(u.RawQuery)
	if m == nil {
		return "", 0, false
	}
	cur := 1
	if m := discuzPageRe.FindStringSubmatch(u.RawQuery); m != nil {
		cur = atoiDef(m[1], 1)
	}
	return m[1], cur, true
}

// discuzLinkPage returns the page number of a link to article aid, or 0.
func discuzLinkPage(u *url.URL, aid string) int {
	if m := discuzStatic.FindStringSubmatch(u.Path); m != nil {
		if m[1] == aid {
			return atoiDef(m[2], 0)
		}
		return 0
	}
	q := u.RawQuery
	if !strings.Contains(q, "mod=view") {
		return 0
	}
	if m := discuzAidRe.FindStringSubmatch(q); m == nil || m[1] != aid {
		return 0
	}
	if m := discuzPageRe.FindStringSubmatch(q); m != nil {
		return atoiDef(m[1], 0)
	}
	return 1
}

// discuzRef is page k of article aid in the URL form of u.
func discuzRef(u *url.URL, aid string, k int) string {
	if discuzStatic.MatchString(u.Path) {
		return "article-" + aid + "-" + strconv.Itoa(k) + ".html"
	}
	ref := "portal.php?mod=view&aid=" + aid
	if k > 1 {
		ref += "&page=" + strconv.Itoa(k)
	}
	return ref
}

func atoiDef(s string, def int) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return def
	}
	return n
}
