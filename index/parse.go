package index

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2/search"
)

// Fields a [Term] can name. FieldText, the empty string, is the default:
// the term must occur as exact text in the title or the body.
const (
	FieldText   = ""
	FieldTitle  = "title"  // exact text in the title
	FieldSite   = "site"   // any site of the lineage, by name or host
	FieldColumn = "column" // the column (栏目), exactly
	FieldLevel  = "level"  // national, province, city or county
	FieldYear   = "year"   // year published, e.g. 2023
	// FieldRemoved takes "yes" alone: the articles found removed from
	// their site (removed:no is -removed:yes).
	FieldRemoved = "removed"
)

// Term is one condition of a parsed query.
type Term struct {
	Field string // one of the Field* constants
	Value string // text for FieldText and FieldTitle, an exact value otherwise
}

// MaxTerms bounds the terms (included, OR-ed and excluded) of one query.
const MaxTerms = 32

// ChinaTime is the time zone of dates in queries (since:, until:): UTC+8,
// the zone of every publish time on the 文明网 sites.
var ChinaTime = time.FixedZone("CST", 8*3600)

// QueryError is a syntax error in a query, at a character position.
type QueryError struct {
	Query string
	Pos   int // position of the offending character, counted in characters from 0
	Msg   string
}

func (e *QueryError) Error() string {
	return fmt.Sprintf("query: %s (at character %d)", e.Msg, e.Pos+1)
}

// ParseQuery parses the query language of the search box:
//
//	志愿服务 文明          both words, each as exact text in title or body
//	"新时代 文明实践"       a phrase, spaces included
//	-通知 -"工作动态"       excluded words and phrases
//	河北 OR 北京           either (OR in capitals binds the terms around it)
//	title:表彰            in the title only (title:"…" for a phrase)
//	site:河北文明网        a site or any site below it, by name or host
//	column:志愿服务 level:county year:2023
//	since:2023-03 until:2023-06-30   published from the start of the first
//	                      date to the end of the second (2023, 2023-03 and
//	                      2023-03-22 are accepted), China time
//	removed:yes           articles their site no longer serves (removed at
//	                      the source); removed:no, the others
//
// Full-width characters are read as their ASCII forms (＂ as ", ：as :).
// A word whose prefix before ":" is not a field name is an ordinary word.
// Excluded terms and site:/column:/level:/year: filters can be combined
// with OR like words, except that an excluded term cannot stand in an OR;
// since: and until: cannot either. Errors are [*QueryError]s.
//
// The result sets Clauses, Exclude, Since and Until; callers set Sort, Size
// and the rest.
func ParseQuery(s string) (Query, error) {
	p := parser{src: s}
	for _, r := range s {
		f, ok := foldRune(r)
		if !ok {
			f = ' ' // invisible formatting characters separate nothing; treat as space
		}
		p.runes = append(p.runes, f)
	}
	if err := p.parse(); err != nil {
		return Query{}, err
	}
	return p.q, nil
}

type parser struct {
	src    string
	runes  []rune
	i      int
	q      Query
	nterms int
	orNext bool // the previous token was OR
	orPos  int
	noOR   bool // the previous token cannot start an OR (an excluded term or a date)
}

func (p *parser) errorf(pos int, format string, args ...any) error {
	return &QueryError{Query: p.src, Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) parse() error {
	for {
		for p.i < len(p.runes) && unicode.IsSpace(p.runes[p.i]) {
			p.i++
		}
		if p.i >= len(p.runes) {
			break
		}
		if err := p.token(); err != nil {
			return err
		}
	}
	if p.orNext {
		return p.errorf(p.orPos, "OR needs a term after it")
	}
	if !p.q.Since.IsZero() && !p.q.Until.IsZero() && !p.q.Since.Before(p.q.Until) {
		return p.errorf(0, "since: %s is not before until: %s", p.q.Since.Format("2006-01-02"), p.q.Until.AddDate(0, 0, -1).Format("2006-01-02"))
	}
	return nil
}

// token reads one term, operator or filter starting at p.i.
func (p *parser) token() error {
	start := p.i
	neg := false
	if p.runes[p.i] == '-' {
		if p.i+1 >= len(p.runes) || unicode.IsSpace(p.runes[p.i+1]) {
			return p.errorf(start, "- must be followed by the word to exclude, without a space")
		}
		neg = true
		p.i++
	}
	if p.runes[p.i] == '"' {
		v, err := p.quoted()
		if err != nil {
			return err
		}
		if v == "" {
			return nil // "" means nothing
		}
		return p.add(start, neg, Term{Field: FieldText, Value: v})
	}
	w := p.word()
	if w == "OR" && !neg {
		switch {
		case p.orNext:
			return p.errorf(start, "OR twice in a row")
		case len(p.q.Clauses) == 0 || p.noOR:
			return p.errorf(start, "OR needs a term before it")
		}
		p.orNext, p.orPos = true, start
		return nil
	}
	field, value, ok := strings.Cut(w, ":")
	field = strings.ToLower(field)
	if !ok || !isField(field) {
		if near := nearField(field); ok && near != "" && value != "" {
			p.q.Notes = append(p.q.Notes, Note{Kind: NoteField, Value: field + ":" + value, Suggestions: []string{near + ":" + value}})
		}
		return p.add(start, neg, Term{Field: FieldText, Value: w})
	}
	if value == "" {
		if p.i < len(p.runes) && p.runes[p.i] == '"' {
			var err error
			if value, err = p.quoted(); err != nil {
				return err
			}
		}
		if value == "" {
			return p.errorf(start, "%s: needs a value, e.g. %s", field, fieldExample[field])
		}
	}
	valuePos := start + len([]rune(w)) - len([]rune(value))
	if neg {
		valuePos++
	}
	switch field {
	case "since", "until":
		if neg || p.orNext {
			return p.errorf(start, "%s: cannot be excluded or combined with OR", field)
		}
		from, to, err := ParseDate(value)
		if err != nil {
			return p.errorf(valuePos, "%s:%s: %v", field, value, err)
		}
		if field == "since" {
			if from.After(p.q.Since) {
				p.q.Since = from
			}
		} else if p.q.Until.IsZero() || to.Before(p.q.Until) {
			p.q.Until = to
		}
		p.noOR = true // a date cannot start an OR
		return nil
	case FieldSite:
		value = strings.ToLower(value)
	case FieldLevel:
		value = strings.ToLower(value)
		if value != "national" && value != "province" && value != "city" && value != "county" {
			return p.errorf(valuePos, "level:%s: want national, province, city or county", value)
		}
	case FieldYear:
		if y, err := strconv.Atoi(value); err != nil || y < 1000 || y > 9999 {
			return p.errorf(valuePos, "year:%s: want a four-digit year such as 2023", value)
		}
	case FieldRemoved:
		switch strings.ToLower(value) {
		case "yes":
		case "no":
			if p.orNext {
				return p.errorf(start, "removed:no cannot be combined with OR (it excludes removed:yes)")
			}
			neg = !neg
		default:
			return p.errorf(valuePos, "removed:%s: want yes (the articles removed from their site) or no", value)
		}
		value = "yes"
	}
	return p.add(start, neg, Term{Field: field, Value: value})
}

var fieldExample = map[string]string{
	FieldTitle: "title:表彰", FieldSite: "site:河北文明网", FieldColumn: "column:志愿服务",
	FieldLevel: "level:county", FieldYear: "year:2023", "since": "since:2023-03-22", "until": "until:2023-06",
	FieldRemoved: "removed:yes",
}

// nearField is the field name f is a likely misspelling of (one letter
// added, dropped, changed or two swapped: titel, tilte, sit, yaer), or "".
func nearField(f string) string {
	if len(f) < 3 || strings.ContainsFunc(f, func(r rune) bool { return r > unicode.MaxASCII || !unicode.IsLetter(r) }) {
		return ""
	}
	for name := range fieldExample {
		if search.LevenshteinDistance(f, name) == 1 || isSwap(f, name) {
			return name
		}
	}
	return ""
}

// isSwap reports whether a is b with two neighbouring letters swapped.
func isSwap(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i+1 < len(a); i++ {
		if a[i] != b[i] {
			return a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
		}
	}
	return false
}

func isField(f string) bool {
	_, ok := fieldExample[f]
	return ok
}

// add appends t as a new clause, to the open OR clause, or to Exclude.
func (p *parser) add(pos int, neg bool, t Term) error {
	if p.nterms++; p.nterms > MaxTerms {
		return p.errorf(pos, "too many terms (at most %d)", MaxTerms)
	}
	if t.Field == FieldText || t.Field == FieldTitle {
		t.Value = collapseSpace(t.Value)
	}
	switch {
	case neg && p.orNext:
		return p.errorf(pos, "an excluded term cannot be part of OR")
	case neg:
		p.q.Exclude = append(p.q.Exclude, t)
		p.noOR = true
	case p.orNext:
		k := len(p.q.Clauses) - 1
		p.q.Clauses[k] = append(p.q.Clauses[k], t)
		p.orNext = false
	default:
		p.q.Clauses = append(p.q.Clauses, []Term{t})
		p.noOR = false
	}
	return nil
}

// quoted reads a "quoted phrase" starting at the quote at p.i.
func (p *parser) quoted() (string, error) {
	open := p.i
	p.i++
	start := p.i
	for p.i < len(p.runes) && p.runes[p.i] != '"' {
		p.i++
	}
	if p.i >= len(p.runes) {
		return "", p.errorf(open, `unclosed quote`)
	}
	v := string(p.runes[start:p.i])
	p.i++
	return strings.TrimSpace(v), nil
}

// word reads up to white space or a quote.
func (p *parser) word() string {
	start := p.i
	for p.i < len(p.runes) && !unicode.IsSpace(p.runes[p.i]) && p.runes[p.i] != '"' {
		p.i++
	}
	return string(p.runes[start:p.i])
}

// collapseSpace trims s and collapses its runs of white space to one space.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// ParseDate parses 2023, 2023-03 or 2023-03-22 (China time) into the
// half-open span [from, to) it names.
func ParseDate(s string) (from, to time.Time, err error) {
	parts := strings.Split(s, "-")
	if len(parts) > 3 {
		return from, to, fmt.Errorf("want a date like 2023-03-22, 2023-03 or 2023")
	}
	var n [3]int
	for i, part := range parts {
		v, err := strconv.Atoi(part)
		if err != nil || part == "" || len(part) > 4 || (i == 0 && len(part) != 4) {
			return from, to, fmt.Errorf("want a date like 2023-03-22, 2023-03 or 2023")
		}
		n[i] = v
	}
	y, m, d := n[0], 1, 1
	if len(parts) > 1 {
		m = n[1]
		if m < 1 || m > 12 {
			return from, to, fmt.Errorf("month %d is not 1–12", m)
		}
	}
	if len(parts) > 2 {
		d = n[2]
		if d < 1 || d > time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
			return from, to, fmt.Errorf("%04d-%02d has no day %d", y, m, d)
		}
	}
	from = time.Date(y, time.Month(m), d, 0, 0, 0, 0, ChinaTime)
	switch len(parts) {
	case 1:
		to = from.AddDate(1, 0, 0)
	case 2:
		to = from.AddDate(0, 1, 0)
	default:
		to = from.AddDate(0, 0, 1)
	}
	return from, to, nil
}

// FieldTerm formats a filter for a query string: field:value, quoted when
// the value holds white space. Double quotes in value, which the query
// language cannot express, become spaces. Servers use it to build "add this
// filter" links.
func FieldTerm(field, value string) string {
	value = collapseSpace(strings.ReplaceAll(value, `"`, " "))
	if field == FieldText {
		if strings.ContainsFunc(value, unicode.IsSpace) || strings.HasPrefix(value, "-") || value == "OR" || strings.Contains(value, ":") {
			return `"` + value + `"`
		}
		return value
	}
	if strings.ContainsFunc(value, unicode.IsSpace) {
		return field + `:"` + value + `"`
	}
	return field + ":" + value
}
