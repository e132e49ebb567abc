package extract

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"

	"github.com/wenming-archive/wenming/internal/article"
)

// ProfileSpec is a site profile as plain data, what config.yaml holds. It
// adds a profile for the hosts it names, or refines a built-in one when it
// carries a built-in's name and no hosts.
type ProfileSpec struct {
	Name       string
	Hosts      []string // hosts it applies to (exact, or "*.example.gov.cn"); empty = detection only
	URLPattern string   // optional regexp on the URL
	// CSS selectors (goquery/cascadia); "" = use detection/generic.
	Title, Time, Views, Body, Column, Source, Author, Editor string
	// DateLayout is an optional Go time layout for the Time text, e.g.
	// "2006-1-2 15:04"; without it the text is read like any date.
	DateLayout string
}

// ProfileError is a ProfileSpec that does not compile. Index is its
// position in the slice given to CompileProfiles, so a caller can map it
// to a config line; Field is "name", "hosts", "url_pattern", a selector
// field ("title", "time", …) or "date_layout".
type ProfileError struct {
	Index int
	Name  string
	Field string
	Msg   string
}

func (e *ProfileError) Error() string {
	return fmt.Sprintf("profile %q: %s: %s", e.Name, e.Field, e.Msg)
}

// Profiles are compiled user profiles, safe for concurrent use. A nil
// *Profiles holds none.
type Profiles struct {
	specs []*compiledSpec
}

type compiledSpec struct {
	spec  ProfileSpec
	urlRe *regexp.Regexp
	sels  map[string]cascadia.Sel // field → compiled selector
	raw   map[string]string       // field → selector text
}

// selectorFields lists the selector fields in the order they are checked.
var selectorFields = []string{FieldTitle, "time", FieldViews, FieldBody, FieldColumn, FieldSource, FieldAuthor, FieldEditor}

func (s *ProfileSpec) selector(field string) string {
	switch field {
	case FieldTitle:
		return s.Title
	case "time":
		return s.Time
	case FieldViews:
		return s.Views
	case FieldBody:
		return s.Body
	case FieldColumn:
		return s.Column
	case FieldSource:
		return s.Source
	case FieldAuthor:
		return s.Author
	case FieldEditor:
		return s.Editor
	}
	return ""
}

var hostRe = regexp.MustCompile(`^(?:\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(?::\d+)?$`)

// CompileProfiles checks and compiles user profiles. The first bad spec
// is returned as a *ProfileError naming the profile and field:
// `profile "ngwm": body: bad selector "td#article_content[": …`.
func CompileProfiles(specs []ProfileSpec) (*Profiles, error) {
	ps := &Profiles{}
	seen := map[string]bool{}
	for i, s := range specs {
		bad := func(field, format string, args ...any) error {
			return &ProfileError{Index: i, Name: s.Name, Field: field, Msg: fmt.Sprintf(format, args...)}
		}
		name := strings.TrimSpace(s.Name)
		if name == "" {
			return nil, bad("name", "a profile needs a name")
		}
		if seen[name] {
			return nil, bad("name", "defined twice")
		}
		seen[name] = true
		c := &compiledSpec{spec: s, sels: map[string]cascadia.Sel{}, raw: map[string]string{}}
		c.spec.Name = name
		for j, h := range s.Hosts {
			h = strings.ToLower(strings.TrimSpace(h))
			if !hostRe.MatchString(h) {
				return nil, bad("hosts", "bad host %q (want example.gov.cn or *.example.gov.cn)", s.Hosts[j])
			}
			c.spec.Hosts[j] = h
		}
		if s.URLPattern != "" {
			re, err := regexp.Compile(s.URLPattern)
			if err != nil {
				return nil, bad("url_pattern", "bad regexp %q: %v", s.URLPattern, err)
			}
			c.urlRe = re
		}
		for _, f := range selectorFields {
			txt := strings.TrimSpace(s.selector(f))
			if txt == "" {
				continue
			}
			sel, err := cascadia.Parse(txt)
			if err != nil {
				return nil, bad(f, "bad selector %q: %v", txt, err)
			}
			c.sels[f], c.raw[f] = sel, txt
		}
		if s.DateLayout != "" {
			if _, err := time.Parse(s.DateLayout, time.Date(2023, 3, 22, 20, 29, 0, 0, time.UTC).Format(s.DateLayout)); err != nil ||
				!strings.Contains(s.DateLayout, "2006") && !strings.Contains(s.DateLayout, "06") {
				return nil, bad("date_layout", "bad Go time layout %q (write the reference time, e.g. \"2006-1-2 15:04\")", s.DateLayout)
			}
		}
		ps.specs = append(ps.specs, c)
	}
	return ps, nil
}

// Names returns the names of the user profiles in order.
func (ps *Profiles) Names() []string {
	if ps == nil {
		return nil
	}
	out := make([]string, len(ps.specs))
	for i, c := range ps.specs {
		out[i] = c.spec.Name
	}
	return out
}

func (ps *Profiles) byName(name string) *compiledSpec {
	if ps == nil {
		return nil
	}
	for _, c := range ps.specs {
		if c.spec.Name == name {
			return c
		}
	}
	return nil
}

// forURL returns the first user profile whose hosts match u (exact host
// before a wildcard), with its URL pattern if it has one; a spec without
// hosts matches by its URL pattern alone.
func (ps *Profiles) forURL(u *url.URL) *compiledSpec {
	if ps == nil || u == nil {
		return nil
	}
	host := strings.ToLower(u.Hostname())
	hostPort := strings.ToLower(u.Host)
	full := u.String()
	var wild *compiledSpec
	for _, c := range ps.specs {
		if c.urlRe != nil && !c.urlRe.MatchString(full) {
			continue
		}
		if len(c.spec.Hosts) == 0 {
			if c.urlRe != nil && wild == nil {
				wild = c
			}
			continue
		}
		for _, h := range c.spec.Hosts {
			switch {
			case h == host || h == hostPort:
				return c
			case strings.HasPrefix(h, "*.") && (strings.HasSuffix(host, h[1:]) || host == h[2:]):
				if wild == nil {
					wild = c
				}
			}
		}
	}
	return wild
}

// apply runs the user selectors over what detection found. A selector that
// matches nothing keeps the earlier (built-in or generic) rule and says so
// in Provenance.
func (c *compiledSpec) apply(p *page, h *hints) {
	r := h.r
	r.Profile = c.spec.Name
	tag := "user profile " + c.spec.Name + ": "
	firstMatch := func(field string) (*html.Node, string, bool) {
		sel, ok := c.sels[field]
		if !ok {
			return nil, "", false
		}
		var n *html.Node
		var walk func(*html.Node, int) bool
		walk = func(x *html.Node, depth int) bool {
			if x.Type == html.ElementNode && sel.Match(x) && trimSpace(textOfN(x, 64)) != "" {
				n = x
				return true
			}
			if depth > maxDepth {
				return false
			}
			for ch := x.FirstChild; ch != nil; ch = ch.NextSibling {
				if walk(ch, depth+1) {
					return true
				}
			}
			return false
		}
		walk(p.root, 0)
		if n == nil {
			note := tag + c.raw[field] + " matched nothing; fell back"
			if prev, ok := h.prov[provField(field)]; ok {
				note += " to " + prev
			}
			h.prov[provField(field)] = note
			return nil, "", false
		}
		return n, c.raw[field], true
	}
	if n, sel, ok := firstMatch(FieldTitle); ok {
		h.title, r.Title = n, textOf(n)
		h.prov[FieldTitle] = tag + sel
	}
	if n, sel, ok := firstMatch("time"); ok {
		txt := spacedText(n)
		if t, pr, ok := c.parseTime(txt); ok {
			// The user's selector goes first (see mergeDates).
			h.dates = append([]dateCand{{t: t, prec: pr, ev: evProfile, kind: dkUser, rule: tag + sel}}, h.dates...)
			delete(h.prov, FieldPublished)
			if h.info == "" {
				h.info = txt
			}
		} else {
			h.prov[FieldPublished] = tag + sel + " held no date; fell back"
		}
	}
	if n, sel, ok := firstMatch(FieldViews); ok {
		f := fold(spacedText(n))
		v, _ := findViews(f)
		if v == nil {
			if n, ok := ParseCount(f); ok {
				v = &n
			}
		}
		if v != nil {
			r.Views, h.viewsDone = v, true
			h.prov[FieldViews] = tag + sel
		}
	}
	if n, sel, ok := firstMatch(FieldBody); ok {
		h.body, h.fixedBody = n, true
		h.prov[FieldBody] = tag + sel
	}
	if n, sel, ok := firstMatch(FieldColumn); ok {
		t := textOf(n)
		if col := p.columnOf(t, r.Title); col != "" {
			t = col
		}
		r.Column = t
		h.prov[FieldColumn] = tag + sel
	}
	for _, f := range []struct {
		field  string
		dst    *string
		labels []string
	}{{FieldSource, &r.Source, sourceLabels}, {FieldAuthor, &r.Author, authorLabels}, {FieldEditor, &r.Editor, editorLabels}} {
		if n, sel, ok := firstMatch(f.field); ok {
			t := spacedText(n)
			if v := labelValue(t, f.labels); v != "" {
				t = v
			}
			*f.dst = t
			h.prov[f.field] = tag + sel
		}
	}
	if h.title != nil && h.body != nil {
		h.article = true
	}
}

func provField(f string) string {
	if f == "time" {
		return FieldPublished
	}
	return f
}

// parseTime reads the text of the time selector with the spec's layout,
// else like any date. The layout is tried on every run of text that could
// hold it, so labels around the date do not matter.
func (c *compiledSpec) parseTime(txt string) (time.Time, article.Precision, bool) {
	f := trimSpace(fold(txt))
	if l := c.spec.DateLayout; l != "" {
		pr := article.PrecisionDay
		if strings.Contains(l, "04") {
			pr = article.PrecisionMinute
		}
		rs := []rune(f)
		for i := 0; i < len(rs) && i < 200; i++ {
			if rs[i] < '0' || rs[i] > '9' {
				continue
			}
			for j := min(len(rs), i+len(l)+8); j > i; j-- {
				if t, err := time.ParseInLocation(l, string(rs[i:j]), article.China); err == nil {
					if pr == article.PrecisionDay {
						t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, article.China)
					} else {
						t = t.Truncate(time.Minute)
					}
					return t, pr, true
				}
			}
		}
		return time.Time{}, "", false
	}
	if t, pr, ok := labeledDate(f); ok {
		return t, pr, true
	}
	return ParseDate(f)
}
