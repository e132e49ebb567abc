// Package article holds the data model shared by every stage of wenming: the
// sites of the 文明网 hierarchy, their lineage, and the articles archived from
// them. It imports nothing but the standard library.
package article

import (
	"cmp"
	"fmt"
	"time"
)

// China is the time zone of every publish time on the 文明网 sites (UTC+8,
// no daylight saving since 1991). A fixed zone keeps the binary free of a
// tzdata dependency and always prints as +08:00.
var China = time.FixedZone("Asia/Shanghai", 8*60*60)

// TimeJSON is t as JSON output gives a time: RFC 3339 in China time, or
// nil (null) for the zero time, an unknown one.
func TimeJSON(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.In(China).Format(time.RFC3339)
	return &s
}

// Level is a site's place in the hierarchy.
type Level string

// The four levels of the hierarchy, top down.
const (
	National Level = "national"
	Province Level = "province"
	City     Level = "city"
	County   Level = "county"
)

// Levels lists the levels from the top (depth 0) down.
var Levels = []Level{National, Province, City, County}

// Depth returns 0 for national through 3 for county, or -1 for an unknown level.
func (l Level) Depth() int {
	for i, x := range Levels {
		if x == l {
			return i
		}
	}
	return -1
}

// Valid reports whether l is one of the four levels.
func (l Level) Valid() bool { return l.Depth() >= 0 }

// LevelAt returns the level at depth d (0 = national). Depths past the
// county level are clamped to County.
func LevelAt(d int) Level {
	switch {
	case d <= 0:
		return National
	case d >= len(Levels):
		return County
	}
	return Levels[d]
}

// ParseLevel turns a config or query string into a Level.
func ParseLevel(s string) (Level, error) {
	l := Level(s)
	if !l.Valid() {
		return "", fmt.Errorf("unknown level %q (want national, province, city or county)", s)
	}
	return l, nil
}

// Site is one website of the hierarchy.
type Site struct {
	Host  string `json:"host"`  // e.g. "hb.wenming.cn"; the key of a site
	Name  string `json:"name"`  // e.g. "河北文明网"
	Level Level  `json:"level"` // its level
}

// Precision says how much of a publish time the page actually gave.
type Precision string

// Precisions of a publish time.
const (
	PrecisionDay    Precision = "day"    // the page gave a date only; the time is 00:00 China time
	PrecisionMinute Precision = "minute" // the page gave hours and minutes
)

// ViewCount is one observation of an article's view counter (浏览数).
type ViewCount struct {
	At    time.Time `json:"at"`
	Views int64     `json:"views"`
}

// Attachment is a document an article links: its absolute URL and the
// link's text as its name (关于开展文明单位评选的通知.doc). Via is, for a
// document the article reaches through a download page (a CMS's
// download.php?open=0 answering a page that links the file), the URL the
// article links: the page, which the crawl follows once to the document.
type Attachment struct {
	URL  string `json:"url"`
	Name string `json:"name,omitempty"`
	Via  string `json:"via,omitempty"`
}

// Article is one archived article. Its key is the canonical URL.
//
// The JSON form is the export record format: published is RFC 3339 in China
// time, views is null where the site shows no count (never 0 for unknown).
type Article struct {
	URL                string    `json:"url"`
	Site               string    `json:"site"`      // host of the site that published it
	SiteName           string    `json:"site_name"` // e.g. "南宫文明网"
	Level              Level     `json:"level"`     // level of that site
	Lineage            []Site    `json:"lineage"`   // national first, the publishing site last
	Column             string    `json:"column"`    // 栏目
	Title              string    `json:"title"`
	Published          time.Time `json:"published"`
	PublishedPrecision Precision `json:"published_precision"`
	Views              *int64    `json:"views"` // latest observed count; nil = the site shows none
	Source             string    `json:"source"`
	Author             string    `json:"author"`
	Editor             string    `json:"editor"`
	Body               string    `json:"body"` // plain text, paragraphs separated by "\n"
	// BodyHTML is the body as cleaned HTML (structural tags only, links and
	// images absolute); Images are the body's image URLs, in order.
	BodyHTML string   `json:"body_html,omitempty"`
	Images   []string `json:"images,omitempty"`
	// Attachments are the documents the article's pages link (附件: a
	// .doc notice, a 名单 as .xls or .pdf, a CMS's download script), in
	// page order, each once.
	Attachments []Attachment `json:"attachments,omitempty"`
	FetchedAt   time.Time    `json:"fetched_at"`
	ViewHistory []ViewCount  `json:"view_history,omitempty"` // every observed count, oldest first
	// CheckedAt is the latest time the crawl found the article still
	// served without storing it anew (a removal sweep that found it as
	// archived, a revisit answered 304 Not Modified), when that came
	// after FetchedAt; zero: never checked since the fetch.
	CheckedAt time.Time `json:"checked_at,omitzero"`

	// Validators the server sent with the page, for conditional re-fetches.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`

	// Capture is where the raw HTTP exchange of the latest fetch is kept.
	Capture *Capture `json:"capture,omitempty"`
	// CaptureLost says that the raw exchange of the latest fetch was lost
	// (an OS crash or power cut took its WARC bytes before they reached
	// the disk) and its Capture cleared: the next crawl that meets the
	// page fetches it again, as though it were not archived.
	CaptureLost bool `json:"capture_lost,omitempty"`

	// Aliases are the other URLs under which the same article was found
	// (a CMS's dynamic and static address, a mobile mirror …), canonical,
	// sorted, without duplicates and never URL itself.
	Aliases []string `json:"aliases,omitempty"`

	// Removed says that the site no longer serves the article: a revisit
	// found it gone (see Removal). Nil while the site serves it; a fetch
	// that finds its text again clears it, the removal kept in
	// PastRemovals. The record's content is never touched by it.
	Removed *Removal `json:"removed,omitempty"`
	// PastRemovals are the earlier removals that ended with the article
	// served again, oldest first, each with its Returned time.
	PastRemovals []Removal `json:"past_removals,omitempty"`
}

// Removal is the evidence that the site removed an article: the revisits
// that found it gone and the answer the first of them got, whose raw
// exchange the WARC files keep (CaptureURL at CaptureTime, or Capture).
type Removal struct {
	// Since is the first revisit that found the article gone, Seen the
	// latest; LastPresent is the latest fetch before them that found it
	// there (the record's fetch time then).
	Since       time.Time `json:"since"`
	Seen        time.Time `json:"seen"`
	LastPresent time.Time `json:"last_present"`
	// Status is the HTTP status of the answer (404, 410; 200 for the
	// site's not-found page; 0 for a redirect to its error page or its
	// homepage); Answer says in a few words what it was.
	Status int    `json:"status"`
	Answer string `json:"answer"`
	// CaptureURL and CaptureTime name the answer's WARC record (its
	// WARC-Target-URI and WARC-Date); Capture locates it when the crawl
	// knew where it was written.
	CaptureURL  string    `json:"capture_url"`
	CaptureTime time.Time `json:"capture_time"`
	Capture     *Capture  `json:"capture,omitempty"`
	// Returned, in PastRemovals only, is the fetch that found the article
	// served again.
	Returned time.Time `json:"returned,omitzero"`
}

// Capture locates a WARC response (or revisit) record: the gzip member of
// Length bytes at Offset in File, inside the archive's WARC directory.
type Capture struct {
	File   string    `json:"file"`
	Offset int64     `json:"offset"`
	Length int64     `json:"length"`
	Time   time.Time `json:"time"`
}

// LineageNames returns the site names of the lineage, national first.
func (a *Article) LineageNames() []string {
	names := make([]string, len(a.Lineage))
	for i, s := range a.Lineage {
		names[i] = s.Name
	}
	return names
}

// Places names the province, city and county sites of a's lineage ("" for
// a level it has none of). A site's own article counts at the site's own
// level, where the lineage may stop above it.
func (a *Article) Places() (province, city, county string) {
	for _, s := range a.Lineage {
		switch s.Level {
		case Province:
			province = s.Name
		case City:
			city = s.Name
		case County:
			county = s.Name
		}
	}
	switch a.Level {
	case Province:
		province = cmp.Or(province, a.SiteName)
	case City:
		city = cmp.Or(city, a.SiteName)
	case County:
		county = cmp.Or(county, a.SiteName)
	}
	return province, city, county
}
