package extract

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/cms"
)

// Result holds the fields extracted from one page.
type Result struct {
	IsArticle bool              // true only for an article page (not a homepage, list, about or search page)
	Profile   string            // "trs", "discuz", "empirecms", "dedecms", "phpcms", "vsb", "hanweb", "jeecms", "generic" or a user profile's name
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

	// BodyHTML is the body as cleaned HTML for export: only structural
	// tags (p br img a strong em table tr td ul ol li h2–h6 blockquote),
	// only href/src/alt attributes, links and images absolute. It holds
	// the lines Body holds: a block Body dropped (a prompt, an info or
	// credits line, a footer) is left out, its images kept.
	BodyHTML string
	// Images are the absolute URLs of the body's images, in order.
	Images []string
	// NextPages are the absolute URLs of the article's continuation pages
	// in order, as page 1 lists them (see JoinPages).
	NextPages []string
	// Continuation is true on page 2, 3 … of a multi-page article; FirstPage
	// is then the absolute URL of page 1. The crawler must not store such a
	// page as an article of its own.
	Continuation bool
	FirstPage    string
	// BodyPlace is, on page 1 of a split article (NextPages), where its
	// body container is in the page's tree (the tags and places of its
	// elements from the root, and its id and class): the article's later
	// pages, of the same template, are read there (ExtractLaterPage).
	// "" on other pages and where no body was found.
	BodyPlace string
	// Undated is set on a page that is an article in every way but its
	// publish time: it shows none (or only loose dates). The crawler may
	// know one from elsewhere — the date a list page prints beside its link
	// — and make it an article with DatedBy.
	Undated bool
	// DayWithoutYear is, on an Undated page, the month and day its
	// dateline gives without a year where nothing on the page or in its
	// URL gives one ("05-10 09:12"). A year is never guessed — not from
	// a copyright line, whose years are the template's, nor from the
	// capture time: a static page shows its month and day for years.
	// DatedBy checks the day it is given against it and takes its time
	// of day.
	DayWithoutYear *MonthDay
	// NotFound is set on a page that is the site's answer for a page it
	// does not have, answered as a page (a soft 404, a CMS's message
	// page): a page whose title names an error page, which is never an
	// article (see errorTitle), and whose text says the page or article
	// is missing or deleted (missingWords). The crawler reads it on a
	// revisit as the article removed at the source.
	NotFound bool
	// Provenance names, for each field found (title, published, views,
	// counter, body, column, source, author, editor), the profile or rule
	// that produced it: "trs: #title_tex", "generic: label 发布时间",
	// "user profile ngwm: td#article_content".
	Provenance map[string]string
}

// Field names used in Provenance and ProfileError.
const (
	FieldTitle     = "title"
	FieldPublished = "published"
	FieldViews     = "views"
	FieldCounter   = "counter"
	FieldBody      = "body"
	FieldColumn    = "column"
	FieldSource    = "source"
	FieldAuthor    = "author"
	FieldEditor    = "editor"
)

// Profile names: the CMSs of package cms (cms.CMS.Name), and generic.
const (
	ProfileTRS       = "trs"
	ProfileDiscuz    = "discuz"
	ProfileEmpireCMS = "empirecms"
	ProfileDedeCMS   = "dedecms"
	ProfilePHPCMS    = "phpcms"
	ProfileVSB       = "vsb"
	ProfileGeneric   = "generic"
)

// hints carry what a profile found to the generic rules, which fill the rest.
type hints struct {
	crumb      string // the breadcrumb text a profile read the column from
	r          *Result
	title      *html.Node // element holding the title
	body       *html.Node // body container
	fixedBody  bool       // body is exact: no sibling merging
	exclude    map[*html.Node]bool
	info       string     // the date/source/count line, when the profile knows it
	ev         evidence   // evidence of r.Published
	dates      []dateCand // publish-time candidates a profile found, best first (see mergeDates)
	viewsDone  bool       // the profile settled Views (nil or not)
	notArticle bool       // the profile knows this is a list/home/message page
	elsewhere  bool       // the body is a link to the text on another site (textElsewhere)
	pictures   bool       // the body is pictures with next to no text (contentPictures)
	article    bool       // the profile knows this is an article page
	prov       map[string]string
	parts      []*html.Node // the body blocks, in order
	// pictureCredits are the lines crediting the pictures alone that
	// the body text lost (dropPictureCredits).
	pictureCredits []string
	blockLines     []blockLine // the lines of parts that are a block's
	// lineLinks is the link density of the body's lines: of the body
	// blocks less the link lists and furniture pruned from them.
	lineLinks float64
	// linkScope, when the generic rules found the body, is the element
	// whose links judge it (findBody): the body, or the post unit whose
	// text block the body is.
	linkScope *html.Node
}

// setProv records the rule of a field unless one is recorded already.
func (h *hints) setProv(field, rule string) {
	old, ok := h.prov[field]
	switch {
	case !ok:
		h.prov[field] = rule
	case strings.HasSuffix(old, "fell back"):
		h.prov[field] = old + " to " + rule
	}
}

// BuiltinProfiles returns the names of the built-in profiles, the CMSs
// of package cms, in detection order, "generic" last.
func BuiltinProfiles() []string {
	return append(cms.Names(), ProfileGeneric)
}

// Extract reads one HTML page, already decoded to UTF-8 (see Decode),
// fetched from pageURL (nil is allowed; relative URLs then stay relative).
// It picks a profile, applies it, fills the remaining fields with the
// generic rules and decides whether the page is an article. It is
// ExtractWith with zero Options. Like Parse, it takes src over: the
// Result's strings share its bytes, so src must not change afterwards.
func Extract(src []byte, pageURL *url.URL) (*Result, error) {
	return ExtractWith(src, pageURL, Options{})
}

// Options tune ExtractWith. The zero value detects a built-in profile.
type Options struct {
	// Profiles are the user's profiles (config.yaml); nil means none.
	Profiles *Profiles
	// Profile forces a profile by name, built-in or user; "" detects.
	Profile string
}

// ExtractWith is Extract with user profiles and an optional forced
// profile. A user profile whose hosts (and URL pattern) match the page
// beats detection; each of its selectors that matches nothing falls back
// to the built-in or generic rule for that field, which Provenance records.
// A page above MaxPageBytes is refused with ErrTooLarge; an unknown forced
// profile is an error.
func ExtractWith(src []byte, pageURL *url.URL, opts Options) (*Result, error) {
	d, err := Parse(src, pageURL)
	if err != nil {
		return nil, err
	}
	defer d.Release()
	return ExtractDocument(d, opts)
}

// ExtractDocument is ExtractWith on a page parsed already. A titled page
// that is no article for want of text, which a <textarea>, a <script
// type="text/template"> or an <iframe srcdoc> holds for a script to show,
// is extracted as the page with that markup in the holder's place
// (heldtext.go).
func ExtractDocument(d *Document, opts Options) (*Result, error) {
	r, err := extractDocument(d, opts)
	if err != nil || r.IsArticle || r.Continuation || r.Title == "" || countVisibleUpTo(r.Body, 15) >= 15 {
		return r, err
	}
	h, ok := heldText(d.root)
	if !ok {
		return r, nil
	}
	src, ok := heldPage(d.raw, h)
	if !ok {
		return r, nil
	}
	d2, err := Parse([]byte(src), d.url)
	if err != nil {
		return r, nil // the page with the text in place is too large: the page as it is
	}
	defer d2.Release()
	r2, err := extractDocument(d2, opts)
	if err != nil || !r2.IsArticle && !r2.Undated {
		return r, nil
	}
	r2.Provenance[FieldBody] = "generic: the text a <" + h.tag + "> holds, in its place: " + r2.Provenance[FieldBody]
	return r2, nil
}

// extractDocument is ExtractDocument on the page as it is.
func extractDocument(d *Document, opts Options) (*Result, error) {
	return extractDocumentWith(d, opts, nil)
}

// extractDocumentWith is extractDocument with the body container known
// (nil: found by the rules), unless a profile fixes the body: a later page
// of a split article read where page 1's body was (ExtractLaterPage).
func extractDocumentWith(d *Document, opts Options, body *html.Node) (*Result, error) {
	pageURL := d.url
	var user *compiledSpec
	var forced *cms.CMS
	if opts.Profile != "" {
		if u := opts.Profiles.byName(opts.Profile); u != nil {
			user = u
		} else if b := cms.ByName(opts.Profile); b != nil {
			forced = b
		} else if opts.Profile != ProfileGeneric {
			return nil, fmtErr(pageURL, fmt.Errorf("unknown profile %q (built-in: %s)", opts.Profile, strings.Join(BuiltinProfiles(), ", ")))
		}
	}
	p := analyse(d)
	defer p.release()
	if user == nil && opts.Profile == "" {
		user = opts.Profiles.forURL(pageURL)
	}
	h := &hints{r: &Result{Profile: ProfileGeneric}, exclude: map[*html.Node]bool{}, prov: map[string]string{}}
	switch {
	case forced != nil:
		h.r.Profile = forced.Name
		applyCMS(p, h, forced)
	case opts.Profile == ProfileGeneric:
	default:
		for _, c := range cms.All {
			if detect(p, c) {
				h.r.Profile = c.Name
				applyCMS(p, h, c)
				break
			}
		}
	}
	if user == nil && h.r.Profile != ProfileGeneric {
		// A user spec named after a built-in profile refines it.
		user = opts.Profiles.byName(h.r.Profile)
	}
	if user != nil {
		user.apply(p, h)
	}
	if body != nil && h.body == nil {
		h.body = body
		h.setProv(FieldBody, "generic: where page 1 of the article has its body")
	}
	p.fill(h)
	p.finish(h)
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
	titleFromTag := p.fillTitle(h)
	if r.Column != "" && r.Column == r.Title && h.crumb != "" && !runesAtMost(r.Title, 8) {
		// A profile read its breadcrumb before the title was known
		// (a Discuz forum thread's ends with the thread's title). A
		// short title may be a column's own name (a list page's).
		r.Column = p.columnOf(h.crumb, r.Title)
	}
	post := false
	if h.body == nil {
		var rule string
		h.body, h.linkScope, post, rule = p.findBody(h.title)
		h.fixedBody = post
		if h.body != nil {
			h.setProv(FieldBody, "generic: "+rule)
		}
	}
	var meta *html.Node
	if h.body != nil {
		if meta = p.leadMetaTable(h.body); meta != nil {
			h.exclude[meta] = true
		}
	}
	lines, editor := p.fillBody(h)
	p.textlessBody(h)
	info := h.info
	if info == "" && post {
		info = p.postInfo(h.body)
	}
	if info == "" {
		info = p.infoText(h.title, h.body)
		if h.title != nil {
			if tail := headingInfoTail(textOfN(h.title, 1024), r.Title); tail != "" {
				info = tail + "\n" + info // the info line inside the heading
			}
		}
	}
	if meta != nil {
		// The metadata table opening the body is read as the info line
		// goes on: its 发布日期, its 发布机构 as the source.
		info += "\n" + p.cellText(meta)
	}
	if c, ok := mergeDates(p.dateCands(h.dates, info, h.title, h.body, lines)); ok {
		r.Published, r.Precision, h.ev = c.t, c.prec, c.ev
		if c.kind == dkUser {
			h.prov[FieldPublished] = c.rule
		} else {
			h.setProv(FieldPublished, c.rule)
		}
	}
	if r.Counter == nil {
		if r.Counter = findCounter(p.rx, p.base); r.Counter != nil {
			h.setProv(FieldCounter, "generic: "+r.Counter.Kind+" counter script")
		}
	}
	footer := p.postFooter(h.title, h.body)
	after := "" // the text after the body
	if h.body != nil {
		after = truncateRunes(p.textBetween(p.lastOf(h.body), len(p.all)+1, nil), 300)
	}
	p.fillViews(h, info, footer, after, lines)
	if footer != "" && !strings.Contains(after, footer) {
		// The post's footer line, which page furniture's words hide
		// (class="post-footer"), comes first.
		after = truncateRunes(footer+"\n"+after, 300)
	}
	p.fillPeople(h, info, after, closingLines(lines, 6), editor)
	p.fillColumn(h, info, footer)
	dated := !r.Published.IsZero() && h.ev != evLoose
	r.IsArticle = dated && p.isArticle(h, titleFromTag, h.ev)
	// Would a publish time from elsewhere (a list's) make it an article?
	r.Undated = !dated && p.isArticle(h, titleFromTag, evList) && !p.indexUnderTitle(h.title, h.body)
	if r.Undated {
		r.DayWithoutYear = p.dayWithoutYear
	}
	r.NotFound = !r.IsArticle && !r.Undated && errorTitle(p.htmlTitle) && p.saysMissing()
}

// missingWords are what a site's not-found page and a CMS's message for
// an article it does not have say: 页面不存在, 您访问的页面不存在或已被删除
// (a soft 404), Discuz!'s 指定的文章不存在或已被删除, PHPCMS's 信息不存在或已删除,
// DedeCMS's 无法解析文档, "404 Not Found". An error page saying anything
// else (访问受限, 系统繁忙, a database error) is not one.
var missingWords = []string{"不存在", "已删除", "已被删除", "找不到", "未找到", "无法解析文档", "Not Found", "not found", "404"}

// saysMissing reports whether the page's visible text, up to
// maxMissingText characters of it, holds one of missingWords.
func (p *page) saysMissing() bool {
	n := 0
	for _, t := range p.texts {
		if containsAnyOf(t.text, missingWords) {
			return true
		}
		if n += len(t.text); n > maxMissingText {
			break
		}
	}
	return containsAnyOf(p.htmlTitle, missingWords)
}

// maxMissingText bounds the text read for missingWords: a not-found page
// says so near its top.
const maxMissingText = 8 << 10

// fillViews reads the view count, when no profile or counter did, from
// the info line's label, the post's footer line, an icon on the title's
// line, the info line opening the body, or a count line closing it
// (countline.go).
func (p *page) fillViews(h *hints, info, footer, after string, lines []bodyLine) {
	r := h.r
	if r.Views != nil || h.viewsDone {
		return
	}
	if r.Views, _ = findViews(fold(info)); r.Views != nil {
		h.setProv(FieldViews, "generic: label on the title/date line")
	} else if r.Views, _ = findViews(fold(footer)); r.Views != nil {
		h.setProv(FieldViews, "generic: label on the post's footer line")
	} else if r.Views = p.iconViews(h.title, h.body); r.Views != nil {
		h.setProv(FieldViews, "generic: icon on the title/date line")
	} else if r.Views, _ = findViews(fold(openingInfoLine(lines))); r.Views != nil {
		h.setProv(FieldViews, "generic: label on the info line opening the body")
	} else if r.Views = closingCount(lines); r.Views != nil {
		h.setProv(FieldViews, "generic: count line closing the body")
	} else if r.Views = toolBarCount(lines); r.Views != nil {
		h.setProv(FieldViews, "generic: label on the tool bar closing the body")
	} else if r.Views = toolBarViews(after); r.Views != nil {
		h.setProv(FieldViews, "generic: label on the tool bar after the body")
	}
	if r.Views != nil && *r.Views == 0 && r.Counter == nil && scriptFilledZero(p.rx) {
		// The 0 is the element a script fills: unknown, not 0.
		r.Views = nil
		delete(h.prov, FieldViews)
	}
}

// toolBarCount reads the view count of a short line among the body's
// last three (the article's tool bar, which cleanBody drops from the
// text: 【字体：大 中 小】 浏览次数：211 【打印】【关闭】).
func toolBarCount(lines []bodyLine) *int64 {
	for _, l := range lines[max(len(lines)-3, 0):] {
		if runesAtMost(l.text, maxToolBarRunes) {
			if v, _ := findViews(fold(l.text)); v != nil {
				return v
			}
		}
	}
	return nil
}

// maxToolBarRunes bounds a line toolBarViews reads: a tool bar's
// controls and its count (【字体：大 中 小】 浏览次数：211 【打印】【关闭】),
// not a list's item, whose title makes it longer.
const maxToolBarRunes = 40

// toolBarViews reads the view count of the article's tool bar, the
// first or second line of the text after the body (after) when it is
// short: templates set the count among the text's controls there
// (【字体：大 中 小】 浏览次数：211 【打印】【关闭】) as often as on the info line.
// A ranking box's heading (点击排行) ends the search: its short items
// carry other articles' counts.
func toolBarViews(after string) *int64 {
	for i := 0; i < 2 && after != ""; i++ {
		line, rest, _ := strings.Cut(after, "\n")
		after = rest
		line = trimSpace(line)
		if line == "" {
			i--
			continue
		}
		if !runesAtMost(line, maxToolBarRunes) || headsRanking(line) {
			return nil // a list's item, or a ranking box (rankinghead.go)
		}
		if v, _ := findViews(fold(line)); v != nil {
			return v
		}
	}
	return nil
}

// fillColumn reads the column (栏目), when no profile did: from a
// breadcrumb, a column the page names, or an unlabelled trail over the
// title.
func (p *page) fillColumn(h *hints, info, footer string) {
	r := h.r
	if r.Column == "" {
		if bc := p.findBreadcrumb(); bc != nil {
			if r.Column = p.columnOf(crumbText(bc), r.Title); r.Column != "" {
				h.setProv(FieldColumn, "generic: breadcrumb")
			}
		}
	}
	if r.Column == "" {
		if col, rule := p.namedColumn(r.Title, h.title, h.body, fold(info), footer); col != "" {
			r.Column = col
			h.setProv(FieldColumn, "generic: "+rule)
		}
	}
	if r.Column == "" {
		if crumb := p.plainBreadcrumb(h.title); crumb != "" {
			if r.Column = p.columnOf(crumb, r.Title); r.Column != "" {
				h.setProv(FieldColumn, "generic: unlabelled breadcrumb")
			}
		}
	}
}

// linesLinkDensity is the share of the lines' visible runes inside links.
func linesLinkDensity(lines []bodyLine) float64 {
	vis, link := 0, 0
	for _, l := range lines {
		vis += l.vis
		link += l.link
	}
	if vis == 0 {
		return 0
	}
	return float64(link) / float64(vis)
}

// closingLines returns the text of the last n of the body's lines, one
// a line.
func closingLines(lines []bodyLine, n int) string {
	var b strings.Builder
	for _, l := range lines[max(len(lines)-n, 0):] {
		b.WriteString(l.text)
		b.WriteByte('\n')
	}
	return b.String()
}

// openingInfoLine returns the first info line (isMetaLine: a date or
// source line, a line of labelled fields) among the body's first three
// lines — where a template sets it inside the body's container, under
// the title (<div class="content"><p class="info">发布时间：…　浏览次数：
// 215</p><p>…) — or "" when none opens the body. A line a quarter of
// whose text is links is a list's item (a headline, its date and
// clicks), not the page's info line.
func openingInfoLine(lines []bodyLine) string {
	for _, l := range lines[:min(len(lines), 3)] {
		if l.link*4 < l.vis && isMetaLine(l.text) {
			return l.text
		}
	}
	return ""
}

// DatedBy gives an undated article (Undated) the publish time t, of day
// precision, that rule names (for Provenance): it is then an article.
// When the page's dateline without a year (DayWithoutYear) shows t's
// day and a time, the time is taken too (precision minute). It does
// nothing on a page that is not Undated.
func (r *Result) DatedBy(t time.Time, rule string) {
	if !r.Undated {
		return
	}
	y, m, d := t.In(article.China).Date()
	r.Published, r.Precision = time.Date(y, m, d, 0, 0, 0, 0, article.China), article.PrecisionDay
	if md := r.DayWithoutYear; md != nil && md.Month == m && md.Day == d && md.Clock {
		// The page's own "05-10 09:12" on the day t gives: its time.
		r.Published, r.Precision = time.Date(y, m, d, md.Hour, md.Minute, 0, 0, article.China), article.PrecisionMinute
		rule += ", at the time the page shows"
	}
	r.DayWithoutYear = nil
	r.IsArticle, r.Undated = true, false
	if r.Provenance == nil {
		r.Provenance = map[string]string{}
	}
	r.Provenance[FieldPublished] = rule
}

// fillTitle finds the title a profile left open: the heading that matches
// <title>, else <title> without the site's name (then it reports true).
func (p *page) fillTitle(h *hints) (fromTag bool) {
	r := h.r
	if h.title == nil && r.Title == "" {
		h.title, r.Title = p.findTitle()
		r.Title = closeHeadingBreaks(h.title, r.Title)
		switch {
		case r.Title != "" && h.title == nil:
			h.setProv(FieldTitle, "generic: <meta> title, said by no element")
		case r.Title != "":
			h.setProv(FieldTitle, "generic: "+h.title.Data+" matching <title>")
		}
	}
	if r.Title == "" {
		r.Title = p.titleFromHTMLTitle()
		if r.Title != "" {
			h.setProv(FieldTitle, "generic: <title> without site name")
			return true
		}
	}
	return false
}

// fillBody renders the body container and its sibling parts into the
// body text, and returns its lines and the editor line it cut off.
func (p *page) fillBody(h *hints) ([]bodyLine, string) {
	if h.body == nil {
		return nil, ""
	}
	h.parts = []*html.Node{h.body}
	if !h.fixedBody {
		h.parts = p.bodySiblings(h.body)
		if lead := p.leadBlock(h.title, h.parts); lead != nil {
			h.parts = append([]*html.Node{lead}, h.parts...)
		}
	}
	var lines []bodyLine
	for _, n := range h.parts {
		lines = append(lines, p.bodyLines(n, p.pruneSkip(n, h.exclude))...)
	}
	h.blockLines = blockLines(lines)
	lines = p.dropHeadCredits(lines, h.body, h.title)
	lines = endAtPostSignature(dropRepeats(dropLeadSummary(dropReadAlso(dropKickerTitle(lines, h.r.Title)))))
	h.lineLinks = linesLinkDensity(lines)
	if h.linkScope != nil && h.linkScope != h.body {
		// The body is a post's text block: the post unit's lines,
		// controls and all, are what the page shows as the post.
		h.lineLinks = linesLinkDensity(p.bodyLines(h.linkScope, p.pruneSkip(h.linkScope, h.exclude)))
	}
	var editor string
	h.r.Body, editor = cleanBody(joinLines(trimLinkLines(lines)), h.r.Title)
	h.r.Body, h.pictureCredits = dropPictureCredits(h.r.Body)
	return lines, editor
}

// textlessBody looks at a titled page whose body has next to no text for
// what its article is instead: a link or frame to the text on another
// site (a WeChat repost: the record keeps where, and what stands between
// the title and the link is the info line — the body found, if any, was
// that line), or pictures (a scanned notice, a photo story without
// captions).
func (p *page) textlessBody(h *hints) {
	r := h.r
	if h.title == nil || countVisibleUpTo(r.Body, 15) >= 15 {
		return
	}
	if !runesAtMost(r.Title, 4) {
		if u, text, between := p.textElsewhere(h.title); u != "" {
			r.Body = strings.TrimSpace(text + "\n" + u)
			h.elsewhere = true
			if h.info == "" {
				h.info = between
			}
			h.prov[FieldBody] = "generic: the text is elsewhere, linked after the title"
			return
		}
	}
	h.pictures = p.contentPictures(h.parts) > 0
}

// fillPeople fills source, editor and author from labels on the info line
// and after the body, the source line closing the body (closing: its last
// lines), the editor line of the body, and the author rules.
func (p *page) fillPeople(h *hints, info, after, closing, editor string) {
	r := h.r
	if r.Source != "" && !strings.HasPrefix(h.prov[FieldSource], "user profile") {
		if r.Source = sourceValue(r.Source); r.Source == "" {
			delete(h.prov, FieldSource) // a profile's value that is markup
		}
	}
	// The candidates are read in order, each only when those before it
	// gave nothing: the label searches after the body cost as much as
	// those of the info line.
	byLabel := func(field string, cur *string, cands ...func() [2]string) {
		if *cur != "" {
			return
		}
		for _, cand := range cands {
			c := cand()
			if field == FieldSource {
				c[0] = sourceValue(c[0])
			} else if field == FieldEditor && placeholderValue(c[0]) {
				c[0] = "" // 编辑：admin
			}
			if c[0] != "" {
				*cur = c[0]
				h.setProv(field, "generic: "+c[1])
				return
			}
		}
	}
	byLabel(FieldSource, &r.Source,
		func() [2]string { return labelIn(info, sourceLabels, "label %s") },
		func() [2]string {
			v, l := sourceVerbValue(info)
			return [2]string{v, "label " + l}
		},
		func() [2]string { return [2]string{p.sourceElement(h.title, h.body), "element classed source"} },
		func() [2]string {
			v, l := publisherUnit(info)
			return [2]string{v, "label " + l + " naming a unit"}
		},
		func() [2]string {
			return [2]string{p.outletBeforeDate(info), "outlet before the time on the info line"}
		},
		func() [2]string { return labelIn(after, sourceLabels, "label %s after body") },
		// The source line closing the text ("来源：县文旅局"), which the
		// body drops.
		func() [2]string { return labelIn(closing, sourceLabels, "label %s closing the body") },
		// The paper a repost's print-edition line names (《人民日报》
		// （2024年03月05日 第04版）), which the body keeps.
		func() [2]string { return [2]string{printEditionSource(closing), "print edition closing the body"} },
		// The unit before 供稿 closing it (（城关镇供稿）).
		func() [2]string { return [2]string{contributedBy(closing), "unit contributing, closing the body"} },
		// The unit an author's label names before the person (作者：县融媒体中心 孙丽).
		func() [2]string {
			v, l := authorsUnit(info)
			return [2]string{v, "unit before the person of label " + l}
		},
		// The account or outlet an app's or a portal's info row names
		// beside the time with no label (inforow.go).
		func() [2]string { return [2]string{p.accountBesideTime(h.title, h.body), "account beside the time"} },
		func() [2]string { return labelIn(p.beforeTitle(h.title), sourceLabels, "label %s before title") },
		// The government sites' standard <meta name="ContentSource">.
		func() [2]string { return [2]string{p.meta["contentsource"], "<meta contentsource>"} },
		// A portal's <meta name="source">, a name, not an address.
		func() [2]string { return [2]string{metaSourceName(p.meta["source"]), "<meta source>"} })
	p.sourceChannel(h)
	// A source value that names a unit and a person (供稿：城关镇 孙丽):
	// the unit is the source, the person the writer when none is named.
	creditedPerson := ""
	if u, n := unitAndPerson(r.Source); u != "" {
		r.Source, creditedPerson = u, n
	}
	byLabel(FieldEditor, &r.Editor,
		func() [2]string { return labelIn(info, editorLabels, "label %s") },
		func() [2]string { return [2]string{editor, "editor line in body"} },
		func() [2]string { return labelIn(after, editorLabels, "label %s after body") },
		// A source line closing the text that names the editor too
		// (来源：城关镇　编辑：刘洋); a reviewer there (审核) is no editor,
		// as in a sign-off (editorRoles).
		func() [2]string {
			v, l := closingLabel(closing, editorRoles)
			return [2]string{v, "label " + l + " closing the body"}
		},
		// The first review of the three (初审：李丽), the responsible
		// editor's, as in a sign-off (firstReviewRoles).
		func() [2]string { return labelIn(info, firstReviewRoles, "first review %s") })
	if r.Author != "" && !strings.HasPrefix(h.prov[FieldAuthor], "user profile") && !p.okAuthor(r.Author, r.Editor) {
		// A profile's value that is the site, a number or the editor.
		r.Author = ""
		delete(h.prov, FieldAuthor)
	}
	if r.Author == "" {
		v, rule := p.findAuthor(h.title, h.body, r.Title, info, r.Body, after, r.Editor)
		if v == "" {
			v, rule = p.closingAuthor(closing, r.Editor)
		}
		if v == "" && creditedPerson != "" {
			v, rule = creditedPerson, "person after the unit credited as source"
		}
		if v == "" {
			v, rule = p.nameBeforeTime(h.title, h.body, r.Editor), "name before the time"
		}
		if v == "" {
			v, rule = p.photographer(h, info)
		}
		if v != "" {
			r.Author = v
			h.setProv(FieldAuthor, "generic: "+rule)
		}
	}
	if r.Author != "" && r.Author == r.Source && strings.HasPrefix(h.prov[FieldAuthor], "generic: meta ") {
		// A portal's <meta> names the outlet that the page names its
		// source (article:author = 新京报): no writer. The byline the text
		// opens with may name one (新京报讯（记者 杨菲菲）).
		r.Author = ""
		delete(h.prov, FieldAuthor)
		if v, rule := p.bylineAuthor(h.body, r.Title, info, r.Body, r.Editor); v != "" {
			r.Author = v
			h.setProv(FieldAuthor, "generic: "+rule)
		}
	}
	r.Author = joinSpacedNames(textCredits(dropRoles(r.Author)))
	r.Editor = dropStaffCode(r.Editor)
}

// sourceActions are the link texts an info line puts after the source:
// the page's actions, never part of a source's name.
var sourceActions = []string{
	"参与互动", "举报", "网友评论", "我要评论", "发表评论", "评论", "我要纠错", "纠错", "收藏", "打印", "分享",
	"關閉", "關閉視窗", "列印", "評論", "分享到", "關注", "关注",
}

// sourceValue cleans a source value: a label it repeats ("来源：新华日报", as
// a meta tag may hold it) goes, and so do the link texts after the name
// on the info line ("求是网 参与互动", "第一财经日报 网友评论 0 条"), and
// so does the sentence the value ends ("江城日报客户端。 版权归原…");
// leftover markup ("size=\"20\"") is no source.
func sourceValue(v string) string {
	v = trimSpace(v)
	if v == "" {
		return ""
	}
	if strings.ContainsAny(v, "=<>") {
		return ""
	}
	rs, f := []rune(v), foldRunes(v) // aligned rune for rune
	for _, l := range sourceLabels {
		lr := []rune(l)
		if len(f) <= len(lr) || !runesEqual(f[:len(lr)], lr) {
			continue
		}
		k := len(lr)
		for k < len(f) && f[k] == ' ' {
			k++
		}
		if k < len(f) && f[k] == ':' {
			v = trimSpace(string(rs[k+1:]))
			break
		}
	}
	for _, w := range sourceActions {
		if i := strings.Index(v, " "+w); i > 0 {
			v = trimSpace(v[:i])
		}
	}
	// A source named in a sentence ends with it: 本文来源：江城日报客户端。
	// 版权归原作者所有…
	if i := strings.Index(v, "。"); i > 0 {
		v = trimSpace(v[:i])
	}
	if i := strings.LastIndexByte(v, ' '); i > 0 && copyTag(v[i+1:]) {
		v = trimSpace(v[:i])
	}
	if placeholderValue(v) {
		return ""
	}
	return v
}

// placeholderValue reports whether v, a field's value, is what a CMS
// fills the field with when nobody filled it (来源：未知, 作者：佚名,
// DedeCMS's defaults; 不详, 暂无, 无) or the login that posted the page
// (编辑：admin, 管理员): it names no outlet and no person.
func placeholderValue(v string) bool {
	switch strings.ToLower(strings.Trim(v, " -—/()（）【】[]")) {
	case "", "未知", "不详", "暂无", "无", "佚名", "匿名", "未知来源", "來源不詳", "不詳", "暫無",
		"admin", "administrator", "root", "system", "unknown", "none", "null", "n/a",
		"管理员", "超级管理员", "系统管理员", "网站管理员", "管理員", "系統管理員":
		return true
	}
	return false
}

// copyTag reports whether w, the last word of a source's value after a
// space, tags the copy rather than naming the outlet: how the text came
// (原创稿, 原创, 转载, 独家), as a CMS's <meta name="source"> may add it
// to the name the page shows (人民网-文化频道 原创稿).
func copyTag(w string) bool {
	switch strings.TrimSuffix(w, "稿") {
	case "原创", "转载", "独家", "首发":
		return true
	}
	return false
}

// labelIn is labelValue with the rule that found it.
func labelIn(text string, labels []string, rule string) [2]string {
	v, l := labelValueLabel(text, labels)
	if v == "" {
		return [2]string{}
	}
	return [2]string{v, fmt.Sprintf(rule, l)}
}

var (
	homePathRe = regexp.MustCompile(`(?i)^/?(?:(?:index|default|home|portal|forum|main)\.(?:s?html?|php|jsp|aspx?))?$`)
	searchRe   = regexp.MustCompile(`(?i)search|(?:^|[?&])(?:keyword|keywords|searchword|wd|q|kw)=`)
	// The words of an error page's and a search page's title (plain
	// substrings: a regular expression of them cost more than the rest
	// of isArticle).
	errorTitleWords  = []string{"页面不存在", "页面未找到", "找不到", "未找到", "出错", "错误", "提示信息", "访问受限", "禁止访问", "Not Found", "not found", "Forbidden", "Error", "error"}
	errorCodes       = []string{"404", "403", "500", "502", "503"}
	searchTitleWords = []string{"搜索", "检索结果", "查询结果"}
)

// errorTitle reports whether a page's <title> names an error page: its
// page name (the part before the site's name, "页面不存在_某县文明网") is
// short and says an error (after a CMS's name: "DedeCMS提示信息"), or is
// an HTTP error code standing alone ("404",
// "404 Not Found", "Error 500"). An article's title may hold those words
// or numbers ("我县500名志愿者…", "第404期", "纠正错误做法专项整治"): a long
// name, or a number among other digits or Han characters, is no error.
func errorTitle(title string) bool {
	if !containsAnyOf(title, errorTitleWords) && !containsAnyOf(title, errorCodes) {
		return false // most titles: no split needed
	}
	name := strings.TrimSpace(title)
	if parts := splitTitle(name); len(parts) > 0 {
		name = parts[0]
	}
	if runeLen(name) > 32 {
		return false
	}
	if runeLen(name) <= 10 && containsAnyOf(name, errorTitleWords) {
		return true
	}
	// A CMS's message page may carry its name before the words
	// (DedeCMS's ShowMsg: "DedeCMS提示信息").
	if bare := strings.TrimLeft(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz "); bare != name && runeLen(bare) <= 10 && containsAnyOf(bare, errorTitleWords) {
		return true
	}
	for _, code := range errorCodes {
		for from := 0; ; {
			i := strings.Index(name[from:], code)
			if i < 0 {
				break
			}
			i += from
			before, _ := utf8.DecodeLastRuneInString(name[:i])
			after, _ := utf8.DecodeRuneInString(name[i+len(code):])
			if !codeNeighbour(before) && !codeNeighbour(after) {
				return true
			}
			from = i + len(code)
		}
	}
	return false
}

// codeNeighbour reports whether r, next to a number, makes it part of a
// word or a longer number: a digit or a Han character.
func codeNeighbour(r rune) bool {
	return r >= '0' && r <= '9' || unicode.Is(unicode.Han, r)
}

// searchParams are the query parameters searchRe names, lower case.
var searchParams = []string{"keyword", "keywords", "searchword", "wd", "q", "kw"}

// isSearchURLPart is searchRe.MatchString(s), read without the regexp
// machine when s is ASCII, as URL paths and queries mostly are: there the
// case-insensitive match folds ASCII letters only (the Kelvin sign and
// the long s that (?i) also reads as k and s are not ASCII).
func isSearchURLPart(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return searchRe.MatchString(s)
		}
	}
	if containsFold(s, "search") {
		return true
	}
	for i := 0; i < len(s); i++ {
		if i > 0 && s[i-1] != '?' && s[i-1] != '&' {
			continue
		}
		for _, name := range searchParams {
			if j := i + len(name); j < len(s) && s[j] == '=' && hasPrefixASCIIFold(s[i:j], name) {
				return true
			}
		}
	}
	return false
}

// postInfo returns the title/date line of the post that body is (the
// post's own, not the page's): the text of its unit when that holds a
// date, else "" — a thread whose first post's unit holds its text alone
// has that line between the title and the post (楼主：… 时间：… 点击：…),
// where the info line is read.
func (p *page) postInfo(body *html.Node) string {
	if info := truncateRunes(spacedText(p.postUnit(body)), 400); hasDate(info) {
		return info
	}
	return ""
}

// isArticle decides whether the page, whose publish time has the evidence
// ev (stronger than evLoose: the caller checks it has one), is an
// article: no home/search/error shape, a title, and a body of running
// text with few links that is not a dated list.
func (p *page) isArticle(h *hints, titleFromTag bool, ev evidence) bool {
	r := h.r
	if h.notArticle {
		return false
	}
	if p.url != nil {
		if p.url.RawQuery == "" && homePathRe.MatchString(p.url.Path) {
			return false
		}
		if isSearchURLPart(p.url.Path) || isSearchURLPart(p.url.RawQuery) {
			return false
		}
	}
	if errorTitle(p.htmlTitle) || containsAnyOf(p.htmlTitle, searchTitleWords) {
		return false
	}
	if h.elsewhere {
		// A titled page whose text is on another site (its body the link
		// or the frame to it: a WeChat repost), dated by a label or beside
		// its title (PHPCMS's show.html sets the time unlabelled in the
		// title's own block): an article.
		return ev >= evNearTitle
	}
	if h.pictures {
		// A titled page with a labelled publish time whose body is
		// pictures: an article.
		return ev >= evLabel
	}
	if r.Title == "" || h.body == nil {
		return false
	}
	vis, punct := countTextAtLeast(r.Body, 50, 2)
	// A short notice counts when its title element and dated info line
	// vouch for it.
	short := vis < 50 && (vis < 15 || h.title == nil || ev < evNearTitle)
	if short || punct < 2 && !(h.title != nil && ev >= evNearTitle && verseLines(r.Body)) {
		return false
	}
	// The container's links, unless they lie in lists the body left out
	// (a 相关阅读 list of headlines longer than a short story).
	scope := h.body
	if h.linkScope != nil {
		scope = h.linkScope
	}
	ld := p.linkDensity(scope)
	if min(ld, h.lineLinks) > 0.4 {
		return false
	}
	lines := strings.Split(r.Body, "\n")
	dated := 0
	for _, l := range lines {
		if runesAtMost(l, 79) {
			if _, _, ok := ParseDate(l); ok {
				dated++
			}
		}
	}
	if dated >= 4 && dated*3 >= len(lines) {
		return false
	}
	if isFixedPage(r.Title) || isCard(r.Body) {
		return false
	}
	if h.article {
		return true
	}
	if p.listItemBody(h.body, r.Title, h.title) {
		return false
	}
	pager := hasPager(p.rx)
	if pager && (ld > 0.2 || dated >= 3) {
		return false
	}
	if titleFromTag && ev <= evURL {
		// Neither a title element nor a dated info line: an index page
		// whose URL merely carries a date.
		return false
	}
	return ev > evURL || h.title != nil
}

// finish renders the body HTML and images, finds continuation pages and
// hands the provenance to the result.
func (p *page) finish(h *hints) {
	r := h.r
	// Strings cut from the tree share the page's one copy: the short
	// fields get their own, so a kept Result does not keep the page.
	for _, f := range []*string{&r.Title, &r.Column, &r.Source, &r.Author, &r.Editor, &r.FirstPage} {
		*f = strings.Clone(*f)
	}
	if len(h.parts) > 0 {
		dropped := titleDropped(droppedBlocks(h.blockLines, r.Body), h.blockLines, h.title, r.Body)
		r.BodyHTML, r.Images = p.renderBody(h.parts, len(r.Body), dropped, func(top *html.Node) func(*html.Node) bool {
			return p.pruneSkip(top, h.exclude)
		})
	}
	p.findPages(h)
	if len(r.NextPages) > 0 {
		r.BodyPlace = bodyPlace(h.body)
	}
	if r.Continuation {
		r.IsArticle, r.Undated = false, false
	}
	for f, v := range map[string]bool{
		FieldTitle: r.Title != "", FieldPublished: !r.Published.IsZero(), FieldViews: r.Views != nil,
		FieldCounter: r.Counter != nil, FieldBody: r.Body != "", FieldColumn: r.Column != "",
		FieldSource: r.Source != "", FieldAuthor: r.Author != "", FieldEditor: r.Editor != "",
	} {
		switch {
		case v:
			h.setProv(f, r.Profile+": profile rule")
		case strings.HasSuffix(h.prov[f], "fell back") || strings.Contains(h.prov[f], "fell back to"):
			// Keep the note: the user selector missed and nothing else found it.
		default:
			delete(h.prov, f)
		}
	}
	r.Provenance = h.prov
}

// hasPager reports whether the page carries a pager: a CMS's pager script
// (TRS createPageHTML, cms.CMS.PagerScript), a pager class, or a
// 下一页/尾页/末页 link text. It is the regular expression
//
//	<pager script>|class="(?:pg|pages|pagination|pager|page)"|>\s*下一页\s*<|>\s*尾页\s*<|>\s*末页\s*<
//
// written as substring searches: on a large page the regexp engine cost
// more than the rest of the extraction.
func hasPager(rx rawIndex) bool {
	for _, c := range cms.All {
		if c.PagerScript != "" && rx.has(c.PagerScript) {
			return true
		}
	}
	raw := rx.src
	if i := rx.index(`class="p`); i >= 0 && containsAnyWithPrefix(raw[i:], `class="p`, []string{`class="pg"`, `class="pages"`, `class="pagination"`, `class="pager"`, `class="page"`}) {
		return true
	}
	for _, w := range []string{"下一页", "尾页", "末页"} {
		off := rx.index(w)
		if off < 0 {
			continue
		}
		for {
			i := strings.Index(raw[off:], w)
			if i < 0 {
				break
			}
			i += off
			a := i - 1
			for a >= 0 && isASCIISpace(raw[a]) {
				a--
			}
			z := i + len(w)
			for z < len(raw) && isASCIISpace(raw[z]) {
				z++
			}
			if a >= 0 && raw[a] == '>' && z < len(raw) && raw[z] == '<' {
				return true
			}
			off = i + len(w)
		}
	}
	return false
}
