package cms

import (
	"net/url"
	"regexp"
	"strings"
)

// CMS is what the archive knows about one content-management system. Every
// field is optional: a CMS says only what its pages show.
type CMS struct {
	// Name is the profile name (extract.Result.Profile, config.yaml
	// profiles) and the counter kind (extract.Counter.Kind).
	Name string
	// Detect recognises its pages.
	Detect Detect
	// Fields point the extractor at the template's elements.
	Fields Fields
	// Counter is the script that serves an article's view count.
	Counter *Counter
	// Credit are words (lower case) of a <title> part that credits the
	// CMS, not the site: "Powered by Discuz!".
	Credit []string
	// URLDay finds the day an article URL was filed under; its groups
	// are year, month and day. The generic URL date forms follow it.
	URLDay *regexp.Regexp
	// Paging names the pages of a multi-page article.
	Paging *Paging
	// PagerScript is the literal of a script that writes a list pager:
	// a page holding it has a pager.
	PagerScript string
	// ListPages returns the list pages a script pager in body stands for
	// (the crawler queues them as pager links); nil when it has none.
	ListPages func(body []byte, page *url.URL) []string
	// ListPage reports whether link, whose URL carries a page number,
	// is another page of the list at page in a form the generic rule
	// (same path but for the number) does not see.
	ListPage func(page, link *url.URL) bool
	// Alias returns the canonical path and query of an escaped path that
	// the CMS serves under a second form (Discuz's rewritten
	// article-<aid>-<page>.html for portal.php?mod=view&aid=…); ok is
	// false for any other path.
	Alias func(path string) (canonPath, query string, ok bool)
	// Download is the script through which the CMS serves an article's
	// attachments (附件) under a URL that names no file type: the crawler
	// captures them with the article (crawl.capture_attachments) and
	// never follows them as pages.
	Download Script
	// DownloadPage is the form of Download that answers an HTML download
	// page — a small page linking the file (DedeCMS's open=0 page links
	// its open=1 form) — rather than the file: the crawler follows such a
	// page's link to the file, never a link to another download page.
	DownloadPage Script
}

// Script is a CMS script named by its path's end and query parameters,
// in any order (a crawler's canonical URL sorts them).
type Script struct {
	Path  string            // the end of the URL's path, lower case: "/plus/download.php"
	Query map[string]string // parameters it has: a value, or "" for any value
}

// Match reports whether u is the script; an unset script never matches.
func (s Script) Match(u *url.URL) bool {
	if s.Path == "" || u == nil || !strings.HasSuffix(strings.ToLower(u.Path), s.Path) {
		return false
	}
	q := u.Query()
	for k, v := range s.Query {
		if !q.Has(k) || v != "" && !strings.EqualFold(q.Get(k), v) {
			return false
		}
	}
	return true
}

// Detect lists the signals of a CMS's pages; any one of them is enough.
type Detect struct {
	Generator  []string // words (lower case) of <meta name="generator">
	Title      []string // words (lower case) of <title>: "powered by discuz"
	Literals   []string // strings of the page source: paths, script names
	Meta       []string // <meta> names that are all present together
	HostSuffix []string // host names ending so (lower case)
	URL        URLForm  // article URLs
	// Markup is an element of the template, looked for only when the
	// source holds one of its names (a selector walks the whole tree).
	Markup Markup
}

// Markup is a selector with the literals its matches must show in the
// source.
type Markup struct {
	Names    []string
	Selector string
}

// Fields are the extractor's rules for a CMS's templates, as CSS
// selectors (cascadia). A rule left empty is the generic extractor's.
// Provenance names a field found by a rule "<cms>: <selector>".
type Fields struct {
	// Title is the element whose text is the title.
	Title string
	// TitleLine is a heading holding the title as its own text and the
	// info line (date, source, count) as its child elements.
	TitleLine string
	// Info is the info line under the title.
	Info Info
	// MetaDate is a <meta> name holding a date-only publish date, a
	// fallback that the page's text refines.
	MetaDate string
	// URLDate, when set, is the rule name under which the URL's day is
	// a date-only fallback ("url: tYYYYMMDD").
	URLDate string
	// Body are exact body containers: the first present is the body,
	// and nothing around it is merged in.
	Body []string
	// Exclude are elements under the body left out of it (a pager, the
	// comment box).
	Exclude string
	// BodyText are body containers tried in order: the first holding
	// running text outside the page's chrome is the body, and the
	// generic rules may merge its siblings. BodyTextProvenance names
	// the selector in Provenance.
	BodyText           []string
	BodyTextProvenance bool
	// Editor is the element of the 责任编辑 line: read, and left out of
	// the body.
	Editor string
	// MetaSource and MetaAuthor are <meta> names that fill a source or
	// author the info line left empty.
	MetaSource, MetaAuthor string
	// Crumbs are the breadcrumb's elements, joined by " > " into the
	// column; Column is one element holding the breadcrumb.
	Crumbs, Column string
	// Message marks a message page ("the article does not exist"): never
	// an article.
	Message string
	// ListURL are list pages: one without a title element is no
	// article.
	ListURL URLForm
	// OtherURL are the CMS's pages that are never articles, whatever they
	// show: the community an install serves beside its articles (Discuz's
	// forum threads, member spaces and their 日志, groups, Archiver).
	OtherURL URLForm
	// Article says when the template's page is an article.
	Article Article
}

// Info is the info line under the title: its date (labelled or not), its
// 来源 and 作者 labels and, with Views, the view count.
type Info struct {
	// Selector is the line; Name names it in Provenance.
	Selector, Name string
	// Box is an element that holds the whole info block: it is the line
	// when it holds Selector's element, or Selector matches nothing.
	Box string
	// OutsideChrome: a line in the page's header or footer is not it.
	OutsideChrome bool
	// Views is the element holding the bare count; a count label on the
	// line is the fallback, and a line found settles the count (no
	// generic rule guesses it).
	Views string
	// SourceProvenance names the line's 来源 label in Provenance.
	SourceProvenance bool
}

// Article says when a page of the template is an article: its body
// container was found, with a title element when Title is set, at an
// article URL when URL is set. Neither set: the generic rules decide.
type Article struct {
	Title bool
	URL   URLForm
}

// Rule reports whether the Article rule is set.
func (a Article) Rule() bool { return a.Title || a.URL.Set() }

// URLForm is a URL pattern, matched against the path or against the
// path and query.
type URLForm struct {
	re    *regexp.Regexp
	query bool
}

// PathForm is a pattern of the URL's path.
func PathForm(expr string) URLForm { return URLForm{re: regexp.MustCompile(expr)} }

// RequestForm is a pattern of the URL's escaped path and query
// (url.URL.RequestURI).
func RequestForm(expr string) URLForm { return URLForm{re: regexp.MustCompile(expr), query: true} }

// Set reports whether the form is set.
func (f URLForm) Set() bool { return f.re != nil }

// Match reports whether u has the form; a nil u or an unset form never
// matches.
func (f URLForm) Match(u *url.URL) bool {
	if f.re == nil || u == nil {
		return false
	}
	if f.query {
		return f.re.MatchString(u.RequestURI())
	}
	return f.re.MatchString(u.Path)
}

// Counter is the script that serves an article's view count: the page
// names it, the crawler fetches it and the extractor reads its answer.
type Counter struct {
	// Leads are literals (lower case; the page may write them in any
	// case) that Find looks near.
	Leads []string
	// Find returns the counter's URL as the page writes it (relative or
	// absolute, HTML-escaped), "" when the page names none; near(lead)
	// is the page source around the lead's first occurrence, "" when
	// absent.
	Find func(near func(lead string) string) string
	// Answer are the forms of the script's answer, tried in order; a
	// bare number is tried last whatever the form.
	Answer []Answer
	// Pick, when set, is the value of a JSON answer that holds the count,
	// read instead of the Answer forms: an array's index ("0") or an
	// object's member ("views").
	Pick string
}

// Answer is a form in which a counter script writes the count.
type Answer int

const (
	// DocumentWrite: document.write('456');
	DocumentWrite Answer = iota + 1
	// HitsHTML: $('#hits').html('456');
	HitsHTML
	// ElementHTML: any .html('456') or .text('456'), or an element's
	// .innerHTML (innerText, textContent) = '456'.
	ElementHTML
	// JSON: {"viewnum":"456", …}
	JSON
	// Bare: 456
	Bare
)

// Paging names the pages of a multi-page article, in one of two ways.
type Paging struct {
	// Script reads them from the URL and the page source alone: for
	// page 1 the URLs of the others, for a later page the URL of page
	// 1 (first), both resolved against u. ok is false when u is no
	// article page of the form.
	Script func(u *url.URL, src string) (first string, next []string, ok bool)
	// Page reads an article URL: the article's key and the page number
	// (1 for the first); ok is false for other URLs.
	Page func(u *url.URL) (key string, n int, ok bool)
	// LinkPage is the page number of a link to the article key, 0 when
	// it links elsewhere.
	LinkPage func(link *url.URL, key string) int
	// Ref is the reference (relative to the page's base) of page n of
	// the article key, in the URL form of u.
	Ref func(u *url.URL, key string, n int) string
	// Pager are the pager elements after the title: their links to the
	// article's pages, and a span titled "共 N 页", name the pages.
	Pager string
}
