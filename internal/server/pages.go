package server

import (
	"bytes"
	"cmp"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/wenming-archive/wenming/index"
	"github.com/wenming-archive/wenming/internal/article"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var embeddedStatic embed.FS

var staticFS, _ = fs.Sub(embeddedStatic, "static")

// templates holds one template set per page, each with the shared layout.
type templates struct {
	pages map[string]*template.Template
}

var funcs = template.FuncMap{
	"date":    func(t time.Time) string { return t.In(article.China).Format("2006-01-02") },
	"minute":  func(t time.Time) string { return t.In(article.China).Format("2006-01-02 15:04") },
	"num":     func(n int64) string { return groupDigits(n) },
	"level":   levelName,
	"deref":   func(p *int64) int64 { return *p },
	"status":  statusName,
	"trigger": triggerName,
	"second":  func(t time.Time) string { return t.In(article.China).Format("2006-01-02 15:04:05") },
	"add":     func(a, b int) int { return a + b },
	"sub":     func(a, b int) int { return a - b },
	"abs":     func(n int64) int64 { return max(n, -n) },
	"int":     func(n uint64) int { return int(n) },
}

func mustParseTemplates() *templates {
	t := &templates{pages: map[string]*template.Template{}}
	for _, name := range []string{"home", "search", "article", "error", "replay"} {
		tp := template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html"))
		t.pages[name] = tp
	}
	return t
}

// page adapts a handler that writes an HTML page or returns an error, which
// becomes an error page.
func (s *server) page(h func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := safely(func() error { return h(w, r) }); err != nil {
			m := s.statusOf(r, err)
			if isUnavailable(err) {
				w.Header().Set("Retry-After", retryAfter)
			}
			s.errorPage(w, m.status, m.zh)
		}
	})
}

// errorPage writes the error page: the status in Chinese and msg.
func (s *server) errorPage(w http.ResponseWriter, status int, msg string) {
	s.render(w, status, "error", &errorView{Title: statusTitle(status), Status: status, Message: msg})
}

// statusTitle is the Chinese name of an HTTP status an error page has.
func statusTitle(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "请求有误"
	case http.StatusNotFound:
		return "找不到页面"
	case http.StatusMethodNotAllowed:
		return "不支持的请求方法"
	case http.StatusServiceUnavailable:
		return "暂时无法访问"
	case http.StatusInternalServerError:
		return "服务器出错"
	}
	if status >= 500 {
		return "服务器出错"
	}
	return "请求有误"
}

func (s *server) render(w http.ResponseWriter, status int, name string, data any) {
	var buf bytes.Buffer
	if err := s.tmpl.pages[name].Execute(&buf, data); err != nil {
		s.log.Error("render page", "page", name, "err", err)
		http.Error(w, "服务器内部错误：页面无法生成。", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

type errorView struct {
	Title, Message string
	Status         int
	Query          string
}

// levelName is the Chinese name of a site level.
func levelName(l string) string {
	switch l {
	case "national":
		return "全国"
	case "province":
		return "省级"
	case "city":
		return "市级"
	case "county":
		return "县级"
	}
	return l
}

var facetTitles = map[string]string{
	index.FacetProvince: "省份", index.FacetCity: "城市", index.FacetCounty: "区县",
	index.FacetColumn: "栏目", index.FacetYear: "年份", index.FacetLevel: "级别",
}

var sortTitles = map[string]string{
	"relevance": "相关度", "-published": "最新", "published": "最早", "-views": "浏览最多", "views": "浏览最少",
}

// searchURL is the /search link for query q and sort.
func searchURL(q, sort string) string {
	v := url.Values{}
	if q != "" {
		v.Set("q", q)
	}
	if sort != "" && sort != "relevance" {
		v.Set("sort", sort)
	}
	if len(v) == 0 {
		return "/search"
	}
	// %20 rather than +: html/template would write + as &#43;.
	return "/search?" + strings.ReplaceAll(v.Encode(), "+", "%20")
}

// --- home

type homeView struct {
	Title    string
	Query    string
	Refresh  int // seconds; the page reloads itself while a crawl runs
	Stats    *index.Stats
	Archived int          // articles in the archive (the index may lag a running crawl)
	Browse   []browseList // by level, province and year
	Latest   []hitView
	Crawl    *crawlView
	LastRun  *runView
}

type link struct {
	Text, URL string
	Count     int
	Selected  bool
}

// browseList is one "browse by" list of the home page: a link for each
// value of a facet to the newest articles with that value.
type browseList struct {
	Heading, Class string
	Links          []link
}

// browseBy is the browse list of facet over values, each link's text
// made by text from the value.
func browseBy(heading, class, facet string, values []index.FacetValue, text func(string) string) browseList {
	b := browseList{Heading: heading, Class: class}
	for _, f := range values {
		b.Links = append(b.Links, link{Text: text(f.Value), Count: f.Count, URL: searchURL(facetFilter(facet, f.Value), "-published")})
	}
	return b
}

func (s *server) home(w http.ResponseWriter, r *http.Request) error {
	st, err := s.ix.Stats(r.Context())
	if err != nil {
		return err
	}
	v := &homeView{Stats: st}     // the title is the site's name alone
	var levels []index.FacetValue // national first
	for _, l := range []string{"national", "province", "city", "county"} {
		for _, f := range st.ByLevel {
			if f.Value == l {
				levels = append(levels, f)
			}
		}
	}
	v.Browse = []browseList{
		browseBy("按级别浏览", "chips levels", index.FacetLevel, levels, levelName),
		browseBy("按省份浏览", "chips", index.FacetProvince, st.ByProvince, func(p string) string { return p }),
		browseBy("按年份浏览", "chips", index.FacetYear, st.ByYear, func(y string) string { return y + " 年" }),
	}
	if c, ok := s.arts.(counter); ok {
		if n, err := c.Len(); err == nil {
			v.Archived = n
		}
	}
	s.homeCrawl(v)
	res, err := s.ix.Search(r.Context(), index.Query{Sort: "-published", Size: 8})
	if err != nil {
		return err
	}
	for _, h := range res.Hits {
		v.Latest = append(v.Latest, newHitView(h))
	}
	s.render(w, http.StatusOK, "home", v)
	return nil
}

// --- search

type searchView struct {
	Title string
	Query string
	Sort  string
	Error string
	Notes []string // what in the query may not be what was meant
	Total uint64
	// TotalIsLowerBound: more than Total match (see index.CountCap).
	TotalIsLowerBound bool
	Took              string
	Hits              []hitView
	Facets            []facetView
	Sorts             []link
	First             int // number of the first hit on this page
	Page              int
	NextURL           string
	PrevURL           string
	FirstURL          string
	// Since and Until are the query's date range as the date form shows
	// it (YYYY-MM-DD), "" when open.
	Since, Until string
	NoDatesURL   string // the search without its dates, when it has any
	TooLong      bool   // the query was cut: no form repeats it
}

type facetView struct {
	Title  string
	Values []link
	Other  int // matches with a value not among Values
}

type hitView struct {
	URL, Original      string
	TitleHTML, Snippet template.HTML
	SiteName, Column   string
	Published          time.Time
	Views              *int64
	// BodyChars is the length of a body longer than the index searches
	// (index.MaxBodyChars), 0 otherwise: the page says only its start was
	// searched.
	BodyChars, SearchedChars int64
	// Attachments are the article's 附件 (see server.hitAttachments).
	Attachments []AttachmentJSON
	// Removed is when the article was first found removed from its site
	// (zero while the site serves it).
	Removed time.Time
}

// newHitView wraps the index's highlighted title and snippet as HTML: both
// are escaped by package index except for their <mark> elements.
func newHitView(h index.Hit) hitView {
	return hitView{
		URL: "/articles/" + ArticleID(h.ID), Original: h.URL,
		TitleHTML: template.HTML(h.TitleHTML), Snippet: template.HTML(h.Snippet), // #nosec: escaped by index
		SiteName: h.SiteName, Column: h.Column, Published: h.Published, Views: h.Views,
		BodyChars: int64(h.BodyChars), SearchedChars: int64(min(h.BodyChars, index.MaxBodyChars)),
		Removed: h.Removed,
	}
}

func (s *server) searchPage(w http.ResponseWriter, r *http.Request) error {
	if vals := r.URL.Query(); vals.Has("since") || vals.Has("until") {
		// The date form: its dates become since:/until: in the query,
		// the one way a filter is written.
		q, err := withDates(vals.Get("q"), vals.Get("since"), vals.Get("until"))
		if err != nil {
			return err
		}
		http.Redirect(w, r, searchURL(q, vals.Get("sort")), http.StatusSeeOther)
		return nil
	}
	p, err := s.parseSearch(r, pageSize, pageSize)
	v := &searchView{Title: "搜索", Query: p.q, Sort: p.sort}
	v.Since, v.Until = formDates(p.q)
	v.TooLong = p.tooLong
	if v.Since != "" || v.Until != "" {
		if q, err := withDates(p.q, "", ""); err == nil && !p.tooLong {
			v.NoDatesURL = searchURL(q, p.sort)
		}
	}
	linkQ := p.q // the query the sort links keep
	if p.tooLong {
		// Shown once, cut, in the search box: not in the title or links.
		linkQ = ""
	} else if p.q != "" {
		v.Title = p.q + " - 搜索"
	}
	for _, x := range sorts {
		v.Sorts = append(v.Sorts, link{Text: sortTitles[x], URL: searchURL(linkQ, x), Selected: x == p.sort})
	}
	refuse := func(err error) error {
		m := s.statusOf(r, err)
		if m.status >= 500 {
			return err
		}
		status := m.status
		v.Error = m.zh
		if p.after != "" && !p.tooLong {
			v.FirstURL = searchURL(p.q, p.sort) // start again without the cursor
		}
		s.render(w, status, "search", v)
		return nil
	}
	if err != nil {
		return refuse(err)
	}
	p.query.Facets = defaultFacetSize
	v.Page = 1
	if n, err := strconv.Atoi(r.URL.Query().Get("page")); err == nil && n > 1 {
		if p.after == "" {
			// A previous-page link: the page by its offset.
			if n > maxOffsetPage {
				return refuse(badRequest("第 %d 页太深，不能直接跳转（最多第 %d 页）：请从第一页起用“下一页”翻看",
					"page %d is too deep to open by its number (at most %d); page with after", n, maxOffsetPage))
			}
			p.query.From = (n - 1) * pageSize
		}
		v.Page = n
	}
	res, err := s.ix.Search(r.Context(), p.query)
	if err != nil {
		return refuse(err) // a cursor that does not fit the sort
	}
	v.Total, v.TotalIsLowerBound, v.Took = res.Total, res.TotalIsLowerBound, fmt.Sprintf("%.3f", res.Took.Seconds())
	for _, n := range res.Notes {
		v.Notes = append(v.Notes, noteText(n))
	}
	v.First = (v.Page-1)*pageSize + 1
	for _, h := range res.Hits {
		hv := newHitView(h)
		hv.Attachments = s.hitAttachments(h.ID)
		v.Hits = append(v.Hits, hv)
	}
	v.pageLinks(p.q, p.sort, res.Next)
	v.Facets = facetViews(res.Facets, p.q, p.sort)
	s.render(w, http.StatusOK, "search", v)
	return nil
}

// pageLinks sets the links to the next page (by the cursor next, nil on
// the last page), the previous one (by its offset, as deep as
// maxOffsetPage) and the first.
func (v *searchView) pageLinks(q, sort string, next []string) {
	if next != nil {
		u := searchURL(q, sort)
		sep := "?"
		if strings.Contains(u, "?") {
			sep = "&"
		}
		v.NextURL = u + sep + "after=" + encodeCursor(next, q, sort) + "&page=" + strconv.Itoa(v.Page+1) // base64url needs no escaping
	}
	if v.Page > 1 {
		v.FirstURL = searchURL(q, sort)
		if v.Page > 2 && v.Page-1 <= maxOffsetPage {
			v.PrevURL = pageURL(q, sort, v.Page-1)
		} else if v.Page == 2 {
			v.PrevURL = v.FirstURL
		}
	}
}

// facetViews are the facets of a result, each value a link that adds its
// filter to the query q, or removes it when q has it. Years are listed
// newest first, as a timeline; the other facets' values most frequent
// first.
func facetViews(facets map[string]index.Facet, q, sort string) []facetView {
	var out []facetView
	for _, name := range index.Facets {
		f, ok := facets[name]
		if !ok || len(f.Values) == 0 {
			continue
		}
		fv := facetView{Title: facetTitles[name], Other: f.Other}
		values := f.Values
		if name == index.FacetYear {
			values = slices.Clone(values)
			slices.SortFunc(values, func(a, b index.FacetValue) int { return strings.Compare(b.Value, a.Value) })
		}
		for _, val := range values {
			term := facetFilter(name, val.Value)
			text := val.Value
			if name == index.FacetLevel {
				text = levelName(text)
			}
			l := link{Text: text, Count: val.Count}
			if without, ok := removeTerm(q, term); ok {
				l.Selected, l.URL = true, searchURL(without, sort)
			} else {
				l.URL = searchURL(strings.TrimSpace(q+" "+term), sort)
			}
			fv.Values = append(fv.Values, l)
		}
		out = append(out, fv)
	}
	return out
}

// maxOffsetPage is the deepest page a previous-page link opens by its
// offset (the index's cost grows with the offset); deeper pages are
// reached with the next-page cursor only.
const maxOffsetPage = 500

// pageURL is the link to page n of a search, by its offset.
func pageURL(q, sort string, n int) string {
	u := searchURL(q, sort)
	sep := "?"
	if strings.Contains(u, "?") {
		sep = "&"
	}
	return u + sep + "page=" + strconv.Itoa(n)
}

// dateRe is a date the query language takes: 2023, 2023-03 or 2023-03-22.
var dateRe = regexp.MustCompile(`^\d{4}(-\d{1,2}(-\d{1,2})?)?$`)

// withDates returns q with its since: and until: terms replaced by since
// and until (none where empty).
func withDates(q, since, until string) (string, error) {
	var words []string
	for _, w := range strings.Fields(q) {
		lw := strings.ToLower(w)
		if !strings.HasPrefix(lw, "since:") && !strings.HasPrefix(lw, "until:") {
			words = append(words, w)
		}
	}
	for _, d := range []struct{ field, value string }{{"since", since}, {"until", until}} {
		v := strings.TrimSpace(d.value)
		if v == "" {
			continue
		}
		if !dateRe.MatchString(v) {
			return "", badRequest("日期 %q 无效：应写成 2023-03-22 的形式", "date %q: want YYYY-MM-DD", truncate(v, 20))
		}
		words = append(words, d.field+":"+v)
	}
	return strings.Join(words, " "), nil
}

// formDates are the dates of q's since: and until: terms as the date
// form's inputs take them: the first and the last day of the range.
func formDates(q string) (since, until string) {
	for _, w := range strings.Fields(q) {
		field, value, ok := strings.Cut(w, ":")
		if !ok {
			continue
		}
		from, to, err := index.ParseDate(value)
		if err != nil {
			continue
		}
		switch strings.ToLower(field) {
		case "since":
			since = from.Format("2006-01-02")
		case "until":
			until = to.AddDate(0, 0, -1).Format("2006-01-02")
		}
	}
	return since, until
}

// removeTerm removes the whole word term from q, reporting whether q had it.
func removeTerm(q, term string) (string, bool) {
	words := strings.Fields(q)
	for i, w := range words {
		if w == term {
			return strings.Join(append(words[:i:i], words[i+1:]...), " "), true
		}
	}
	return q, false
}

// --- article

type articleView struct {
	Title      string
	Query      string
	A          *article.Article
	Crumbs     []link
	Paragraphs []string
	DayOnly    bool
	Chart      *chart
	CaptureURL string
	ReplayURL  string
	APIURL     string
	// Attachments are the article's 附件, each linking its archived copy
	// where the archive holds one.
	Attachments []AttachmentJSON
	// RemovedAnswer says in Chinese what the answer that found the
	// article removed at the source was (A.Removed).
	RemovedAnswer string
}

// removedAnswer says in Chinese what answer found an article removed at
// the source (article.Removal's Status and Answer).
func removedAnswer(r *article.Removal) string {
	switch {
	case r.Status == 404 || r.Status == 410:
		return fmt.Sprintf("网站回应 HTTP %d", r.Status)
	case r.Status == 200:
		return "网站回应其“页面不存在”或“文章不存在或已被删除”页面"
	case strings.Contains(r.Answer, "homepage"):
		return "原网址被重定向到网站首页"
	default:
		return "原网址被重定向到网站的错误页"
	}
}

// toOwnID redirects a request for the page under prefix of article a
// that named it by the ID of an alias URL to the page at the ID of the
// record's own URL, and reports whether it did.
func toOwnID(w http.ResponseWriter, r *http.Request, prefix string, a *article.Article) bool {
	id := ArticleID(a.URL)
	if id == r.PathValue("id") {
		return false
	}
	http.Redirect(w, r, prefix+id, http.StatusMovedPermanently)
	return true
}

func (s *server) articlePage(w http.ResponseWriter, r *http.Request) error {
	a, err := s.article(r)
	if err != nil {
		return err
	}
	if toOwnID(w, r, "/articles/", a) {
		return nil
	}
	v := &articleView{Title: a.Title, A: a, DayOnly: a.PublishedPrecision == article.PrecisionDay,
		APIURL: "/api/articles/" + ArticleID(a.URL)}
	for _, site := range a.Lineage {
		v.Crumbs = append(v.Crumbs, link{Text: cmp.Or(site.Name, site.Host), URL: searchURL(index.FieldTerm(index.FieldSite, cmp.Or(site.Host, site.Name)), "-published")})
	}
	if len(v.Crumbs) == 0 && a.SiteName != "" {
		v.Crumbs = append(v.Crumbs, link{Text: a.SiteName, URL: searchURL(index.FieldTerm(index.FieldSite, cmp.Or(a.Site, a.SiteName)), "-published")})
	}
	for _, para := range strings.Split(a.Body, "\n") {
		if para = strings.TrimSpace(para); para != "" {
			v.Paragraphs = append(v.Paragraphs, para)
		}
	}
	v.Chart = newChart(a.ViewHistory)
	v.Attachments = s.attachmentsOf(a)
	if a.Removed != nil {
		v.RemovedAnswer = removedAnswer(a.Removed)
	}
	if s.hasCapture(a) {
		v.CaptureURL, v.ReplayURL = captureURL(a), replayURL(a)
	}
	s.render(w, http.StatusOK, "article", v)
	return nil
}

// groupDigits writes n with thin commas every three digits: 12,345.
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
