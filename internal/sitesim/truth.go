package sitesim

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// Truth is what a perfect crawler and extractor would record for one article.
type Truth struct {
	URL          string   // canonical URL
	Aliases      []string // other canonical URLs the site links or serves for this article (see Canonical)
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
	Deleted      bool     // deleted (Sim.Delete): its URLs answer as missing
	Pages        []string // all page URLs, page 1 (= URL) first; one entry for most articles
	RepostOf     string   // a repost's 公众号 article on mp.weixin.qq.com (the wechat-repost extra); "" for others
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

// resolve maps an article URL — its canonical URL, one of its aliases, or
// any URL that canonicalizes to one of them — back to the article.
func (sim *Sim) resolve(raw string) (ref, bool) {
	c, ok := Canonical(raw)
	if !ok {
		return ref{}, false
	}
	u, err := url.Parse(c)
	if err != nil || u.Scheme != "http" {
		return ref{}, false
	}
	s := sim.byHost[u.Host]
	if s == nil {
		return ref{}, false
	}
	q := u.Query()
	var a ref
	found := false
	switch s.CMS {
	case cmsDiscuz:
		a, found = s.bySerial(q.Get("aid"))
	case cmsTRS:
		for c, col := range s.cols {
			if rest, ok := strings.CutPrefix(u.Path, col.path); ok {
				if m := trsArticleRe.FindStringSubmatch(rest); m != nil {
					a, found = sim.trsLookup(s, c, m)
				}
			}
		}
	case cmsDede, cmsPHPCMS, cmsVSB:
		switch {
		case s.CMS == cmsDede && u.Path == "/plus/view.php":
			a, found = s.bySerial(q.Get("aid"))
		case s.CMS == cmsPHPCMS && u.Path == "/index.php":
			a, found = s.bySerial(q.Get("id"))
		default:
			if m := idFromPath[s.CMS].FindStringSubmatch(u.Path); m != nil {
				a, found = s.bySerial(m[1])
			}
		}
	case cmsEmpire:
		p := u.Path
		if s.mobile {
			p = strings.TrimPrefix(p, "/m")
		}
		for c, col := range s.cols {
			if rest, ok := strings.CutPrefix(p, col.path); ok {
				if m := empireArticleRe.FindStringSubmatch(rest); m != nil {
					if x, ok := s.bySerial(m[2]); ok && x.col == c {
						a, found = x, true
					}
				}
			}
		}
	}
	if !found {
		return ref{}, false
	}
	if c == sim.canonical(a) {
		return a, true
	}
	for _, al := range sim.aliases(a) {
		if c == al {
			return a, true
		}
	}
	return ref{}, false
}

// aliases are the other canonical URLs under which the site links or
// serves the article: DedeCMS /plus/view.php?aid=N, the PHPCMS dynamic
// index.php?…a=show… form, the EmpireCMS mobile mirror /m/…, a
// mobile-host site's mobile edition (mobilehost.go), and on a
// twin-domain or relocated site (extras.go) all of these and the URL
// itself under its second name. Discuz!'s
// article-N-1.html and its parameter orders canonicalize to Truth.URL
// itself, as do tracking and session variants, so they are not listed.
func (sim *Sim) aliases(a ref) []string {
	own := sim.ownAliases(a)
	if a.s.twin == "" && a.s.moved == "" {
		return own
	}
	return append(own, a.s.twinURLs(append([]string{sim.canonical(a)}, own...))...)
}

// ownAliases are the aliases of a under the site's own host name.
func (sim *Sim) ownAliases(a ref) []string {
	s := a.s
	switch s.CMS {
	case cmsDede:
		return []string{fmt.Sprintf("http://%s/plus/view.php?aid=%d", s.Host, s.serial(a.j))}
	case cmsPHPCMS:
		return []string{sim.phpcmsDynURL(a)}
	case cmsVSB:
		if m := mobileURL(a, vsbPath(a)); m != "" {
			return []string{m}
		}
	case cmsEmpire:
		if s.mobile {
			return []string{"http://" + s.Host + "/m" + sim.empirePath(a)}
		}
	}
	return nil
}

func (sim *Sim) truth(a ref) Truth {
	s := a.s
	c := sim.content(a)
	canon := sim.canonical(a)
	t := Truth{
		URL:        canon,
		Aliases:    sim.aliases(a),
		Host:       s.Host,
		SiteName:   s.Name,
		Level:      s.Level,
		Column:     s.cols[a.col].name,
		Title:      sim.title(a),
		Published:  sim.published(a),
		Precision:  "day",
		Body:       c.body(),
		Source:     truthSource(c.source),
		Author:     truthAuthor(c.author),
		Editor:     c.editor,
		Disallowed: s.cols[a.col].disallowed,
		RepostOf:   c.wechat,
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
	st := sim.peek(a)
	if st.edits > 0 {
		t.Updated = st.edited
	}
	t.Deleted = st.gone
	return t
}

// truthSource is the source an extractor should report for the one a page
// prints: DedeCMS prints "未知" (unknown) when the editor left the source
// empty, which names no source.
func truthSource(printed string) string {
	if printed == "未知" {
		return ""
	}
	return printed
}

// truthAuthor is the author an extractor should report for the byline a
// page prints: DedeCMS prints "admin" (the account) when the editor left
// the author empty, which names no author; a reporter's post before the
// name ("记者 张三", "通讯员 李四") is not part of it.
func truthAuthor(printed string) string {
	if printed == "admin" {
		return ""
	}
	for _, role := range []string{"记者 ", "通讯员 "} {
		printed = strings.TrimPrefix(printed, role)
	}
	return printed
}
