// Package corpus reads the extraction corpora kept outside the repository
// (../shared/corpus/extract: one folder per corpus, each with a
// manifest.jsonl) and judges an extractor's output against their ground
// truth. The corpus test of internal/extract and the side-by-side bench
// (bench/extract) share it, so both score the same way.
//
// Scores:
//   - body: precision, recall and F1 of the multisets of character 4-grams,
//     white space removed, macro-averaged over pages. Where the truth is only
//     the start of the body (most of "recorded"), recall alone is reported:
//     how much of the recorded text the body holds.
//   - title: right when it equals the recorded title, or the recorded title
//     without its site-name suffix ("标题_频道_网站名" → "标题").
//   - date: right when the publish day, in China time, is the recorded day,
//     or when the time, to the minute, is the recorded instant as the
//     source's recorder made it from the page's zone-less time
//     (recorderZones). Labels that are not a full date (a year, "UNKNOWN")
//     are not counted.
//   - author: right when the names match, white space and separators aside.
//   - origin: the source a page credits (来源, article.Source), right when
//     it is the recorded one, white space aside and any dash for any dash.
package corpus

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	_ "time/tzdata" // recorderZones' zones, wherever the corpus is judged
	"unicode"
	"unicode/utf8"

	"github.com/wenming-archive/wenming/internal/article"
	"github.com/wenming-archive/wenming/internal/extract"
)

// Page is one page of a corpus with what is known about it.
type Page struct {
	Corpus string // folder name: cwced, magic_other, recorded …
	Source string // where the page or its truth came from, within the corpus
	ID     string
	URL    string // the page's original address; may be empty
	Path   string // the HTML file
	Truth  Truth
}

// Truth is a page's ground truth; an empty field was not recorded.
type Truth struct {
	Body string
	// BodyPrefix is set when Body is only the start of the article (a
	// test's "starts with" assertion): recall is scored, not F1.
	BodyPrefix bool
	Title      string
	Date       string
	Author     string
	Origin     string // the source the page credits (来源)
}

// ShortID cuts an ID to its last part, at most 40 bytes, for tables.
func ShortID(id string) string {
	if i := strings.LastIndexByte(id, '/'); i >= 0 {
		id = id[i+1:]
	}
	if len(id) > 40 {
		id = id[:40]
	}
	return id
}

// Read returns the page's bytes as stored.
func (p Page) Read() ([]byte, error) { return os.ReadFile(p.Path) }

// Address returns the page's URL for an extractor to resolve links
// against: the manifest's, or http://corpus.invalid/page.html when it has
// none.
func (p Page) Address() *url.URL {
	if u, err := url.Parse(p.URL); err == nil && u.Host != "" {
		return u
	}
	return &url.URL{Scheme: "http", Host: "corpus.invalid", Path: "/page.html"}
}

type manifestLine struct {
	ID        string `json:"id"`
	Source    string `json:"source"`
	Subset    string `json:"subset"`
	CleanEval *bool  `json:"cleaneval_header"`
	HTML      string `json:"html"`
	URL       string `json:"url"`
	GTKind    string `json:"gt_kind"`
	GT        struct {
		Content *string `json:"content"`
		Title   *string `json:"title"`
		Date    *string `json:"date"`
		Author  *string `json:"author"`
		Source  *string `json:"source"` // the credited source (来源)
	} `json:"gt"`
}

// Load reads every corpus under dir (each subfolder with a manifest.jsonl),
// in name order. A missing dir is reported as an error wrapping
// os.ErrNotExist, so tests can skip.
func Load(dir string) ([]Page, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	var pages []Page
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		ps, err := LoadCorpus(filepath.Join(dir, e.Name()))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		pages = append(pages, ps...)
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("corpus: no manifest.jsonl under %s: %w", dir, os.ErrNotExist)
	}
	return pages, nil
}

// LoadCorpus reads one corpus folder. The HTML paths of its manifest are
// relative to the folder or, as cwced's are, to its parent.
func LoadCorpus(dir string) ([]Page, error) {
	name := filepath.Base(dir)
	f, err := os.Open(filepath.Join(dir, "manifest.jsonl"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var pages []Page
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var m manifestLine
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			return nil, fmt.Errorf("corpus %s: manifest.jsonl:%d: %w", name, line, err)
		}
		path := filepath.Join(dir, m.HTML)
		if _, err := os.Stat(path); err != nil {
			alt := filepath.Join(filepath.Dir(dir), m.HTML)
			if _, err2 := os.Stat(alt); err2 != nil {
				return nil, fmt.Errorf("corpus %s: manifest.jsonl:%d: %w", name, line, err)
			}
			path = alt
		}
		p := Page{Corpus: name, ID: m.ID, URL: m.URL, Path: path, Source: source(name, m)}
		p.Truth.Body = known(m.GT.Content)
		p.Truth.BodyPrefix = strings.Contains(strings.ToLower(m.GTKind), "prefix")
		p.Truth.Title = known(m.GT.Title)
		p.Truth.Date = known(m.GT.Date)
		p.Truth.Author = known(m.GT.Author)
		p.Truth.Origin = known(m.GT.Source)
		pages = append(pages, p)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("corpus %s: manifest.jsonl: %w", name, err)
	}
	sort.SliceStable(pages, func(i, j int) bool { return pages[i].ID < pages[j].ID })
	return pages, nil
}

// source names the page's origin within its corpus: the manifest's
// source, else the era of a cwced page, else the corpus.
func source(corpus string, m manifestLine) string {
	switch {
	case m.Source != "":
		return m.Source
	case m.CleanEval != nil && *m.CleanEval:
		return "cleaneval-2005"
	case m.Subset != "":
		return "2022" // cwced's pages without the CleanEval wrapper
	}
	return corpus
}

// known returns a recorded value, or "" for null and the placeholders
// the manifests use for "not known".
func known(s *string) string {
	if s == nil {
		return ""
	}
	v := strings.TrimSpace(*s)
	switch strings.ToUpper(v) {
	case "NONE", "NULL", "UNKNOWN", "UNKNWON":
		return ""
	}
	return v
}

// Output is what an extractor gave for a page.
type Output struct {
	Title     string
	Body      string
	Published time.Time // zero: none
	Author    string
	Origin    string // the source the page credits (article.Source)
}

// Verdict is the judgement of one Output.
type Verdict struct {
	BodyScored              bool
	BodyPrefix              bool // only recall is meaningful
	Precision, Recall, F1   float64
	TitleScored, TitleRight bool
	DateScored, DateRight   bool
	AuthorScored            bool
	AuthorRight             bool
	OriginScored            bool
	OriginRight             bool
}

// Judge scores out against p's truth.
func Judge(p Page, out Output) Verdict {
	var v Verdict
	if p.Truth.Body != "" {
		v.BodyScored, v.BodyPrefix = true, p.Truth.BodyPrefix
		v.Precision, v.Recall, v.F1 = NgramPRF(out.Body, p.Truth.Body, 4)
	}
	if p.Truth.Title != "" {
		v.TitleScored = true
		v.TitleRight = TitleMatches(out.Title, p.Truth.Title)
	}
	if want, ok := TruthDay(p.Truth.Date); ok {
		v.DateScored = true
		v.DateRight = !out.Published.IsZero() && (out.Published.In(article.China).Format(time.DateOnly) == want ||
			readInRecorderZone(p, out.Published))
	}
	if p.Truth.Author != "" {
		v.AuthorScored = true
		v.AuthorRight = AuthorMatches(out.Author, p.Truth.Author)
	}
	if p.Truth.Origin != "" {
		v.OriginScored = true
		v.OriginRight = OriginMatches(out.Origin, p.Truth.Origin)
	}
	return v
}

// recorderZones name, per source, the zone its recorder read a page's
// zone-less times in when it turned them into the instants it recorded.
// Mercury's fixtures were recorded on a machine in Central European time:
// a page showing "2018-08-01 10:08:28" (Beijing time, no zone written) is
// recorded as 2018-08-01T08:08:28Z in summer, one showing "2017-12-04
// 17:27:28" as 2017-12-04T16:27:28Z in winter — the next day in China.
var recorderZones = map[string]string{"mercury": "Europe/Berlin"}

// readInRecorderZone reports whether got, to the minute, is the page's
// time that p's recorder read in its own zone: got's wall clock in China
// time, read in the recorder's zone, is the recorded instant. Only a
// recorded instant (RFC 3339) of a source in recorderZones can match so,
// and only a time to the minute, never a day alone.
func readInRecorderZone(p Page, got time.Time) bool {
	name, ok := recorderZones[p.Source]
	if !ok {
		return false
	}
	want, err := time.Parse(time.RFC3339Nano, p.Truth.Date)
	if err != nil {
		return false
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return false
	}
	w := got.In(article.China)
	if w.Hour() == 0 && w.Minute() == 0 {
		return false // a day alone
	}
	local := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), 0, 0, loc)
	return local.Equal(want.Truncate(time.Minute))
}

// TruthDay returns the recorded publish day (YYYY-MM-DD, China time), or
// false when the label is not a full date. RFC 3339 labels carry their
// zone; others are read as China time.
func TruthDay(label string) (string, bool) {
	if label == "" {
		return "", false
	}
	for _, layout := range []string{time.RFC3339Nano, time.RFC3339} {
		if t, err := time.Parse(layout, label); err == nil {
			return t.In(article.China).Format(time.DateOnly), true
		}
	}
	if t, err := time.ParseInLocation("2006-01-02T15:04:05", label, article.China); err == nil {
		return t.Format(time.DateOnly), true
	}
	t, prec, ok := extract.ParseDate(label)
	if !ok || (prec != article.PrecisionDay && prec != article.PrecisionMinute) {
		return "", false
	}
	return t.In(article.China).Format(time.DateOnly), true
}

// titleSeps separate a title from the site or channel names after it;
// "@" is a blog platform's ("<post> @ <blog> :: <platform>").
var titleSeps = []string{"_", "|", "｜", "丨", "-", "–", "—", "::", "·", "•", "@"}

// TitleMatches reports whether got is the recorded title want, or want
// with its site-name suffix removed.
func TitleMatches(got, want string) bool {
	g, w := squash(got), squash(want)
	if g == "" {
		return false
	}
	if g == w {
		return true
	}
	// The suffix starts right after got, at a separator.
	gs, ws := normSpace(got), normSpace(want)
	if !strings.HasPrefix(ws, gs) {
		return false
	}
	rest := strings.TrimSpace(ws[len(gs):])
	for _, sep := range titleSeps {
		if strings.HasPrefix(rest, sep) {
			return true
		}
	}
	return false
}

// AuthorMatches reports whether got names the recorded authors: the same
// names, white space and separators (, ， 、 / and) aside, in any order.
func AuthorMatches(got, want string) bool {
	split := func(s string) []string {
		f := strings.FieldsFunc(s, func(r rune) bool {
			return unicode.IsSpace(r) || strings.ContainsRune(",，、/;；", r)
		})
		sort.Strings(f)
		return f
	}
	g, w := split(got), split(want)
	if len(g) == 0 {
		return false
	}
	return strings.Join(g, " ") == strings.Join(w, " ") || squash(got) == squash(want)
}

// OriginMatches reports whether got is the recorded credited source want:
// the same, white space aside and any dash (- – — －) for any other
// ("人民网－人民日报", "人民网-人民日报").
func OriginMatches(got, want string) bool {
	dash := func(r rune) rune {
		switch r {
		case '－', '—', '–', '‐', '‑':
			return '-'
		}
		return r
	}
	g := strings.Map(dash, squash(got))
	return g != "" && g == strings.Map(dash, squash(want))
}

func normSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// squash drops white space (ideographic included).
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u3000' || r == '\u00a0' {
			return -1
		}
		return r
	}, s)
}

// NgramPRF returns the precision, recall and F1 of the character n-gram
// multisets of got against want, white space removed. Two empty texts
// score 1.
func NgramPRF(got, want string, n int) (precision, recall, f1 float64) {
	if sw := squash(want); sw != "" && utf8.RuneCountInString(sw) < n {
		// A truth shorter than one n-gram ("作者 |"): found or not.
		if strings.Contains(squash(got), sw) {
			return float64(len(sw)) / float64(max(len(squash(got)), len(sw))), 1, 2 * float64(len(sw)) / float64(len(sw)+max(len(squash(got)), len(sw)))
		}
		return 0, 0, 0
	}
	g, w := ngrams(got, n), ngrams(want, n)
	gt, wt := 0, 0
	for _, c := range g {
		gt += c
	}
	for _, c := range w {
		wt += c
	}
	if gt == 0 && wt == 0 {
		return 1, 1, 1
	}
	common := 0
	for k, c := range g {
		common += min(c, w[k])
	}
	if common == 0 {
		return 0, 0, 0
	}
	precision = float64(common) / float64(gt)
	recall = float64(common) / float64(wt)
	return precision, recall, 2 * precision * recall / (precision + recall)
}

func ngrams(s string, n int) map[string]int {
	s = squash(s)
	m := map[string]int{}
	if s == "" {
		return m
	}
	if utf8.RuneCountInString(s) < n {
		m[s]++
		return m
	}
	// Byte offsets of the rune starts; a window is n runes.
	starts := make([]int, 0, len(s)+1)
	for i := range s {
		starts = append(starts, i)
	}
	starts = append(starts, len(s))
	for i := 0; i+n < len(starts); i++ {
		m[s[starts[i]:starts[i+n]]]++
	}
	return m
}

// Tally sums Verdicts: macro averages and counts.
type Tally struct {
	Pages                 int
	BodyPages             int // pages with a full body truth
	SumP, SumR, SumF      float64
	PrefixPages           int // pages whose truth is the body's start
	SumPrefixRecall       float64
	Titles, TitlesRight   int
	Dates, DatesRight     int
	Authors, AuthorsRight int
	Origins, OriginsRight int
}

// Add counts one page's verdict.
func (t *Tally) Add(v Verdict) {
	t.Pages++
	switch {
	case v.BodyScored && v.BodyPrefix:
		t.PrefixPages++
		t.SumPrefixRecall += v.Recall
	case v.BodyScored:
		t.BodyPages++
		t.SumP += v.Precision
		t.SumR += v.Recall
		t.SumF += v.F1
	}
	addField(&t.Titles, &t.TitlesRight, v.TitleScored, v.TitleRight)
	addField(&t.Dates, &t.DatesRight, v.DateScored, v.DateRight)
	addField(&t.Authors, &t.AuthorsRight, v.AuthorScored, v.AuthorRight)
	addField(&t.Origins, &t.OriginsRight, v.OriginScored, v.OriginRight)
}

// addField counts the verdict on one field (title, date, author): one
// more scored, and one more right.
func addField(n, nRight *int, scored, right bool) {
	if scored {
		*n++
		if right {
			*nRight++
		}
	}
}

// Body returns the macro precision, recall and F1 over the pages with a
// full body truth (zeros when there are none).
func (t Tally) Body() (p, r, f float64) {
	if t.BodyPages == 0 {
		return 0, 0, 0
	}
	n := float64(t.BodyPages)
	return t.SumP / n, t.SumR / n, t.SumF / n
}

// PrefixRecall returns the mean recall over pages whose truth is only the
// body's start.
func (t Tally) PrefixRecall() float64 {
	if t.PrefixPages == 0 {
		return 0
	}
	return t.SumPrefixRecall / float64(t.PrefixPages)
}
