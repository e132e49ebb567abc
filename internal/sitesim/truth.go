package sitesim

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Truth is what a perfect crawler and extractor would record for one article.
type Truth struct {
	URL          string   // canonical URL
	Aliases      []string // other URLs serving the same article; each canonicalizes to URL
	Host         string
	SiteName     string
	Level        string
	Lineage      []string // site names, national first, publishing site last
	LineageHosts []string
	Column       string    // most specific 栏目 as the breadcrumb shows it
	Title        string    // as shown in the article's title element
	Published    time.Time // +08:00; 00:00 for date-only pages
	Precision    string    // "day" or "minute"
	ViewsBefore  *int64    // count before the first counted GET (now, if none yet); nil where no count is shown
	Updated      time.Time // simulated time of the latest Edit; zero if never edited
	Body         string    // paragraphs joined by "\n", each trimmed
	Source       string
	Author       string
	Editor       string
	Disallowed   bool     // lives in a robots-disallowed column
	Pages        []string // all page URLs, page 1 (= URL) first; one entry for most articles
}

// ForEachArticle calls fn for every article online now (see Advance),
// site by site in Sites order, oldest first within a site, until fn
// returns false.
func (sim *Sim) ForEachArticle(fn func(Truth) bool) {
	for _, s := range sim.sites {
		for j, n := 0, s.count(); j < n; j++ {
			if !fn(sim.truth(s.at(j))) {
				return
			}
		}
	}
}

// Truth returns the truth of the article stored under canonicalURL.
func (sim *Sim) Truth(canonicalURL string) (Truth, bool) {
	a, ok := sim.resolve(canonicalURL)
	if !ok {
		return Truth{}, false
	}
	return sim.truth(a), true
}

// canonical is the canonical URL of an article.
func (sim *Sim) canonical(a ref) string {
	switch a.s.CMS {
	case cmsTRS:
		return sim.trsURL(a)
	case cmsDiscuz:
		return sim.discuzURL(a)
	case cmsDede:
		return "http://" + a.s.Host + sim.dedePath(a)
	case cmsPHPCMS:
		return "http://" + a.s.Host + sim.phpcmsPath(a)
	case cmsVSB:
		return "http://" + a.s.Host + vsbPath(a)
	}
	return sim.empireURL(a)
}

// idFromPath finds the article id in the path of a DedeCMS, PHPCMS or VSB
// article URL; resolve then checks the whole canonical form.
var idFromPath = map[string]*regexp.Regexp{
	cmsDede:   regexp.MustCompile(`^/a/.+/\d{4}/\d{4}/(\d+)\.html$`),
	cmsPHPCMS: regexp.MustCompile(`^/html/\d{4}/[a-z0-9]+_\d{4}/(\d+)\.html$`),
	cmsVSB:    regexp.MustCompile(`^/info/\d+/(\d+)\.htm$`),
}

// resolve maps a canonical article URL back to the article.
func (sim *Sim) resolve(raw string) (ref, bool) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "http" {
		return ref{}, false
	}
	s := sim.byHost[strings.ToLower(u.Hostname())]
	if s == nil {
		return ref{}, false
	}
	var a ref
	found := false
	switch s.CMS {
	case cmsDiscuz:
		if aid, err := strconv.Atoi(u.Query().Get("aid")); err == nil {
			if j, ok := s.jBySerial(aid); ok {
				a, found = s.at(j), true
			}
		}
	case cmsTRS:
		for c, col := range s.cols {
			if rest, ok := strings.CutPrefix(u.Path, col.path); ok {
				if m := trsArticleRe.FindStringSubmatch(rest); m != nil {
					a, found = sim.trsLookup(s, c, m)
				}
			}
		}
	case cmsDede, cmsPHPCMS, cmsVSB:
		if m := idFromPath[s.CMS].FindStringSubmatch(u.Path); m != nil {
			if id, err := strconv.Atoi(m[1]); err == nil {
				if j, ok := s.jBySerial(id); ok {
					a, found = s.at(j), true
				}
			}
		}
	case cmsEmpire:
		for c, col := range s.cols {
			if rest, ok := strings.CutPrefix(u.Path, col.path); ok {
				if m := empireArticleRe.FindStringSubmatch(rest); m != nil {
					id, _ := strconv.Atoi(m[2])
					if j, ok := s.jBySerial(id); ok && s.at(j).col == c {
						a, found = s.at(j), true
					}
				}
			}
		}
	}
	if !found {
		return ref{}, false
	}
	// only the exact canonical form (host case aside) is a key
	want := sim.canonical(a)
	u.Host = strings.ToLower(u.Host)
	return a, u.String() == want
}

// aliases are the other URL forms that serve the article.
func (sim *Sim) aliases(a ref, canon string) []string {
	s := a.s
	switch s.CMS {
	case cmsDiscuz:
		out := []string{canon + "&from=timeline&isappinstalled=0"}
		if s.rewrite {
			rw := s.Home + s.discuzView(a)
			out = append(out, rw, rw+"?from=groupmessage", canon+"&utm_source=wechat")
		}
		return out
	case cmsEmpire, cmsVSB:
		return []string{canon + "?from=singlemessage"}
	case cmsDede:
		return []string{canon + "?from=groupmessage"}
	case cmsPHPCMS:
		return []string{canon + "?from=timeline&isappinstalled=0"}
	}
	return []string{canon + "?from=timeline", canon + "?utm_source=wechat&utm_medium=social"}
}

func (sim *Sim) truth(a ref) Truth {
	s := a.s
	c := sim.content(a)
	canon := sim.canonical(a)
	t := Truth{
		URL:        canon,
		Aliases:    sim.aliases(a, canon),
		Host:       s.Host,
		SiteName:   s.Name,
		Level:      s.Level,
		Column:     s.cols[a.col].name,
		Title:      sim.title(a),
		Published:  sim.published(a),
		Precision:  "day",
		Body:       c.body(),
		Source:     c.source,
		Author:     c.author,
		Editor:     c.editor,
		Disallowed: s.cols[a.col].disallowed,
	}
	if s.dates.minute {
		t.Precision = "minute"
	}
	t.Pages = sim.pageURLs(a, canon, sim.pageCount(a, c))
	for _, k := range s.lineage {
		t.Lineage = append(t.Lineage, sim.sites[k].Name)
		t.LineageHosts = append(t.LineageHosts, sim.sites[k].Host)
	}
	if s.hasViews() {
		v := sim.viewsBeforeFirst(a)
		t.ViewsBefore = &v
	}
	if st := sim.peek(a); st.edits > 0 {
		t.Updated = st.edited
	}
	return t
}
