package extract

import (
	"net/url"
	"regexp"
	"strings"
	"time"

	"golang.org/x/net/html"

	"github.com/wenming-archive/wenming/internal/article"
)

// Result holds the fields extracted from one page.
type Result struct {
	IsArticle bool              // true only for an article page (not a homepage, list, about or search page)
	Profile   string            // "trs", "discuz", "empirecms", "dedecms", "phpcms" or "generic"
	Title     string            // the page's own characters, site name stripped
	Published time.Time         // in article.China; zero if not found
	Precision article.Precision // "day" or "minute"; "" if not found
	Views     *int64            // nil when the page shows no count, never 0 for unknown
	Counter   *Counter          // non-nil when the count is loaded by a script
	Body      string            // plain text, paragraphs separated by "\n"
	Column    string            // 栏目: most specific breadcrumb entry
	Source    string            // 来源
	Author    string            // 作者
	Editor    string            // 责任编辑
}

// Profile names.
const (
	ProfileTRS       = "trs"
	ProfileDiscuz    = "discuz"
	ProfileEmpireCMS = "empirecms"
	ProfileDedeCMS   = "dedecms"
	ProfilePHPCMS    = "phpcms"
	ProfileGeneric   = "generic"
)

// hints carry what a profile found to the generic rules, which fill the rest.
type hints struct {
	r          *Result
	title      *html.Node // element holding the title
	body       *html.Node // body container
	fixedBody  bool       // body is exact: no sibling merging
	exclude    map[*html.Node]bool
	info       string   // the date/source/count line, when the profile knows it
	ev         evidence // evidence of r.Published
	viewsDone  bool     // the profile settled Views (nil or not)
	notArticle bool     // the profile knows this is a list/home/message page
	article    bool     // the profile knows this is an article page
}

// profile is one CMS's rules.
type profile struct {
	name  string
	match func(p *page) bool
	apply func(p *page, h *hints)
}

// profiles in detection order; generic is the fallback.
var profiles = []profile{
	{ProfileDiscuz, matchDiscuz, applyDiscuz},
	{ProfileTRS, matchTRS, applyTRS},
	{ProfileEmpireCMS, matchEmpire, applyEmpire},
	{ProfileDedeCMS, matchDede, applyDede},
	{ProfilePHPCMS, matchPHPCMS, applyPHPCMS},
}

// Extract reads one HTML page, already decoded to UTF-8 (see Decode),
// fetched from pageURL (nil is allowed; relative counter URLs then stay
// relative). It picks a profile, applies it, fills the remaining fields with
// the generic rules and decides whether the page is an article.
func Extract(src []byte, pageURL *url.URL) (*Result, error) {
	p, err := newPage(src, pageURL)
	if err != nil {
		return nil, fmtErr(pageURL, err)
	}
	h := &hints{r: &Result{Profile: ProfileGeneric}, exclude: map[*html.Node]bool{}}
	for _, prof := range profiles {
		if prof.match(p) {
			h.r.Profile = prof.name
			prof.apply(p, h)
			break
		}
	}
	p.fill(h)
	return h.r, nil
}

func fmtErr(u *url.URL, err error) error {
	if u == nil {
		return err
	}
	return &pageError{URL: u.String(), Err: err}
}

// pageError names the page an extraction error is about.
type pageError struct {
	URL string
	Err error
}

func (e *pageError) Error() string { return "extract " + e.URL + ": " + e.Err.Error() }
func (e *pageError) Unwrap() error { return e.Err }

// fill applies the generic rules to every field the profile left empty.
func (p *page) fill(h *hints) {
	r := h.r
	if h.title == nil && r.Title == "" {
		h.title, r.Title = p.findTitle()
	}
	titleFromTag := false
	if r.Title == "" {
		r.Title = p.titleFromHTMLTitle()
		titleFromTag = r.Title != ""
	}
	post := false
	if h.body == nil {
		h.body, post = p.findBody()
		h.fixedBody = post
	}
	var editor string
	var lines []bodyLine
	if h.body != nil {
		parts := []*html.Node{h.body}
		if !h.fixedBody {
			parts = p.bodySiblings(h.body)
		}
		for _, n := range parts {
			lines = append(lines, bodyLines(n, p.pruneSkip(n, h.exclude))...)
		}
		r.Body, editor = cleanBody(joinLines(trimLinkLines(lines)), r.Title)
	}
	info := h.info
	if info == "" && post {
		// The post's own title/date line, not the page's.
		info = truncateRunes(spacedText(p.postUnit(h.body)), 400)
	}
	if info == "" {
		info = p.infoText(h.title, h.body)
	}
	if r.Published.IsZero() {
		r.Published, r.Precision, h.ev, _ = p.findDate(info, h.body, lines)
	}
	if r.Counter == nil {
		r.Counter = findCounter(p.raw, p.base)
	}
	if r.Views == nil && !h.viewsDone {
		r.Views, _ = findViews(fold(info))
	}
	after := ""
	if h.body != nil {
		after = truncateRunes(p.textBetween(p.last[h.body], len(p.order)+1, nil), 300)
	}
	if r.Source == "" {
		r.Source = firstNonEmpty(labelValue(info, sourceLabels), labelValue(after, sourceLabels))
	}
	if r.Author == "" {
		r.Author = firstNonEmpty(labelValue(info, authorLabels), labelValue(after, []string{"作者"}))
	}
	if r.Editor == "" {
		r.Editor = firstNonEmpty(labelValue(info, editorLabels), editor, labelValue(after, editorLabels))
	}
	if r.Column == "" {
		if bc := p.findBreadcrumb(); bc != nil {
			r.Column = p.columnOf(textOf(bc), r.Title)
		}
	}
	r.IsArticle = p.isArticle(h, titleFromTag)
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

var (
	homePathRe   = regexp.MustCompile(`(?i)^/?(?:(?:index|default|home|portal|forum|main)\.(?:s?html?|php|jsp|aspx?))?$`)
	searchRe     = regexp.MustCompile(`(?i)search|(?:^|[?&])(?:keyword|keywords|searchword|wd|q|kw)=`)
	errorTitleRe = regexp.MustCompile(`404|403|500|页面不存在|页面未找到|找不到|未找到|出错|错误|提示信息|访问受限|Not Found|not found`)
	searchTitle  = regexp.MustCompile(`搜索|检索结果|查询结果`)
	pagerRe      = regexp.MustCompile(`createPageHTML|class="(?:pg|pages|pagination|pager|page)"|>\s*下一页\s*<|>\s*尾页\s*<|>\s*末页\s*<`)
)

// isArticle decides whether the page is an article: no home/search/error
// shape, a title, a publish time with real evidence, and a body of running
// text with few links that is not a dated list.
func (p *page) isArticle(h *hints, titleFromTag bool) bool {
	r := h.r
	if h.notArticle {
		return false
	}
	if p.url != nil {
		if p.url.RawQuery == "" && homePathRe.MatchString(p.url.Path) {
			return false
		}
		if searchRe.MatchString(p.url.Path) || searchRe.MatchString(p.url.RawQuery) {
			return false
		}
	}
	if errorTitleRe.MatchString(p.htmlTitle) && runeLen(p.htmlTitle) < 40 || searchTitle.MatchString(p.htmlTitle) {
		return false
	}
	if r.Title == "" || r.Published.IsZero() || h.ev == evLoose || h.body == nil {
		return false
	}
	vis := countVisible(r.Body)
	if vis < 50 || countPunct(r.Body) < 2 {
		return false
	}
	ld := p.linkDensity(h.body)
	if ld > 0.4 {
		return false
	}
	lines := strings.Split(r.Body, "\n")
	dated := 0
	for _, l := range lines {
		if runeLen(l) < 80 {
			if _, _, ok := ParseDate(l); ok {
				dated++
			}
		}
	}
	if dated >= 4 && dated*3 >= len(lines) {
		return false
	}
	if h.article {
		return true
	}
	pager := pagerRe.MatchString(p.raw)
	if pager && (ld > 0.2 || dated >= 3) {
		return false
	}
	if titleFromTag && h.ev <= evURL {
		// Neither a title element nor a dated info line: an index page
		// whose URL merely carries a date.
		return false
	}
	return h.ev > evURL || h.title != nil
}
