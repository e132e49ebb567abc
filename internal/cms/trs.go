package cms

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// TRS WCM: www.wenming.cn and the province and city sites of its
// platform. Article URLs are /<channel>/YYYYMM/tYYYYMMDD_<docid>.shtml
// (pages 2, 3 … _1, _2 …); the article template holds div#title_tex,
// div#time_tex (in div.box_tex), div.TRS_Editor and a.CurrChnlCls
// breadcrumbs; list and article pagers are written by the createPageHTML
// script.
var TRS = &CMS{
	Name: "trs",
	Detect: Detect{
		Literals:   []string{"createPageHTML"},
		Meta:       []string{"catalogs", "contentid"},
		HostSuffix: []string{"wenming.cn"},
		URL:        PathForm(`/t(?:19|20)\d{6}_\d+\.s?html?$`),
		Markup: Markup{
			Names:    []string{"title_tex", "time_tex", "TRS_Editor", "CurrChnlCls", `"tex"`, "'tex'", "=tex>", "=tex "},
			Selector: "#title_tex, #time_tex, div.TRS_Editor, a.CurrChnlCls, #tex",
		},
	},
	Fields: Fields{
		Title:      "#title_tex",
		Info:       Info{Selector: "#time_tex", Name: "#time_tex", Box: "div.box_tex", SourceProvenance: true},
		MetaDate:   "publishdate",
		URLDate:    "url: tYYYYMMDD",
		Body:       []string{"#tex > div.TRS_Editor", "div.TRS_Editor", "#tex"},
		Editor:     ".editor_tex",
		MetaSource: "source",
		MetaAuthor: "author",
		Crumbs:     "a.CurrChnlCls",
		ListURL:    PathForm(`(?:/|/index(?:_\d+)?\.s?html?)$`),
		Article:    Article{Title: true},
	},
	URLDay:      regexp.MustCompile(`/t((?:19|20)\d{2})(\d{2})(\d{2})_\d+`),
	Paging:      &Paging{Script: trsArticlePages},
	PagerScript: "createPageHTML",
	ListPages:   trsListPages,
}

// createPageHTML(pageCount, current, "index", "shtml") writes the pager;
// the page links exist only in that script call. The counts are literals
// or variables set before (var countPage = 25; createPageHTML(countPage,
// currentPage, …)). Later templates name the pager's element first and
// the records last, and number the pages from 1:
// createPageHTML('page_div', 10, 1, 'xlist', 'shtml', 189) stands for
// xlist.shtml, xlist_2.shtml … xlist_10.shtml.
var (
	trsPagerCall   = regexp.MustCompile(`createPageHTML\(\s*(\w+)\s*,\s*(\w+)\s*,\s*["']([\w-]+)["']\s*,\s*["'](\w+)["']`)
	trsPagerDiv    = regexp.MustCompile(`createPageHTML\(\s*["'][\w-]+["']\s*,\s*(\w+)\s*,\s*(\w+)\s*,\s*["']([\w-]+)["']\s*,\s*["'](\w+)["']`)
	trsArticleCall = regexp.MustCompile(`createPageHTML\(\s*(\w+)\s*,\s*(\w+)\s*,\s*["'](t\d{8}_\d+)["']\s*,\s*["'](\w+)["']\s*\)`)
	trsPageURL     = regexp.MustCompile(`/(t\d{8}_\d+)(?:_(\d+))?\.(s?html?)$`)
	jsVarNumber    = regexp.MustCompile(`(\w+)\s*=\s*(\d+)\b`)
)

// maxArticlePages bounds the continuation pages generated from a count.
const maxArticlePages = 200

// trsListPages returns the list pages a createPageHTML call stands for:
// index.shtml, index_1.shtml … index_{n-1}.shtml in the page's directory
// (xlist.shtml, xlist_2.shtml … xlist_n.shtml for the call naming its
// element).
func trsListPages(body []byte, page *url.URL) []string {
	first := 1 // the number of the second page
	loc := trsPagerCall.FindSubmatchIndex(body)
	if loc == nil {
		if loc = trsPagerDiv.FindSubmatchIndex(body); loc == nil {
			return nil
		}
		first = 2
	}
	m := make([][]byte, len(loc)/2)
	for i := range m {
		m[i] = body[loc[2*i]:loc[2*i+1]]
	}
	count := string(m[1])
	if _, err := strconv.Atoi(count); err != nil {
		// A variable: take the last number assigned to it before the call.
		for _, v := range jsVarNumber.FindAllSubmatch(body[max(0, loc[0]-2000):loc[0]], -1) {
			if string(v[1]) == count {
				count = string(v[2])
			}
		}
	}
	n, err := strconv.Atoi(count)
	if err != nil || n <= 1 {
		return nil
	}
	n = min(n, 5000)
	name, ext := string(m[3]), string(m[4])
	dir := page.ResolveReference(&url.URL{Path: "./"})
	out := make([]string, 0, n)
	for i := 0; i < n; i++ {
		file := name + "." + ext
		if i > 0 {
			file = fmt.Sprintf("%s_%d.%s", name, i+first-1, ext)
		}
		out = append(out, dir.ResolveReference(&url.URL{Path: file}).String())
	}
	return out
}

// trsArticlePages reads a multi-page article: tYYYYMMDD_ID_K.shtml is
// page K+1 of tYYYYMMDD_ID.shtml, whose createPageHTML(count, 0,
// "tYYYYMMDD_ID", "shtml") call gives the count.
func trsArticlePages(u *url.URL, src string) (first string, next []string, ok bool) {
	m := trsPageURL.FindStringSubmatch(u.Path)
	if m == nil {
		return "", nil, false
	}
	if m[2] != "" {
		if f, err := u.Parse(m[1] + "." + m[3]); err == nil {
			first = f.String()
		}
		return first, nil, true
	}
	i := strings.Index(src, "createPageHTML")
	if i < 0 {
		return "", nil, true
	}
	for _, pm := range trsArticleCall.FindAllStringSubmatch(src[i:], 4) {
		if pm[3] != m[1] {
			continue
		}
		n := jsNumber(src, pm[1])
		if jsNumber(src, pm[2]) != 0 {
			continue
		}
		for k := 1; k < min(n, maxArticlePages); k++ {
			if p, err := u.Parse(pm[3] + "_" + strconv.Itoa(k) + "." + pm[4]); err == nil {
				next = append(next, p.String())
			}
		}
		return "", next, true
	}
	return "", nil, true
}

// jsNumber is a createPageHTML argument: a number, or a variable that the
// page's script sets to one (var countPage = 3;), else -1.
func jsNumber(src, arg string) int {
	if n, err := strconv.Atoi(arg); err == nil {
		return n
	}
	n := -1
	for _, m := range jsVarNumber.FindAllStringSubmatch(src, 64) {
		if m[1] == arg {
			n, _ = strconv.Atoi(m[2])
		}
	}
	return n
}
