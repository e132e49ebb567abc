package extract

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/wenming-archive/wenming/internal/cms"
)

// Counter is a view count that the page loads by script. The crawler fetches
// URL (if robots.txt allows it) and passes the answer to ParseCounter.
type Counter struct {
	URL  string // absolute URL of the counter script or endpoint
	Kind string // the CMS whose script it is (cms.CMS.Name): "discuz", "dedecms", "phpcms", "empirecms" or "vsb"
}

// Counter kinds: the names of the CMSs of package cms that have a counter.
const (
	KindDiscuz    = "discuz"
	KindDedeCMS   = "dedecms"
	KindPHPCMS    = "phpcms"
	KindEmpireCMS = "empirecms"
	KindVSB       = "vsb"
)

// ErrNoCount is returned by ParseCounter when the answer holds no count.
var ErrNoCount = errors.New("no view count in counter answer")

// findCounter looks in the raw page for the view-count script of a CMS
// (cms.CMS.Counter) and returns it with an absolute URL resolved against
// base.
func findCounter(rx rawIndex, base *url.URL) *Counter {
	raw := rx.src
	// The patterns start with an unanchored class, which makes a scan of a
	// whole page slow; look for each literal first and match near it.
	near := func(lit string) string {
		i := rx.indexFold(lit)
		if i < 0 {
			return ""
		}
		return raw[max(0, i-512):min(len(raw), i+len(lit)+512)]
	}
	for _, c := range cms.All {
		if c.Counter == nil {
			continue
		}
		if ref := c.Counter.Find(near); ref != "" {
			return &Counter{URL: absRef(base, ref), Kind: c.Name}
		}
	}
	return nil
}

// absRef resolves a reference as the page writes it (HTML-escaped)
// against base.
func absRef(base *url.URL, ref string) string {
	ref = html.UnescapeString(ref)
	if base == nil {
		return ref
	}
	u, err := base.Parse(ref)
	if err != nil {
		return ref
	}
	return u.String()
}

var (
	docWriteRe  = regexp.MustCompile(`document\.write(?:ln)?\(\s*["']?\s*([^"')]*?)\s*["']?\s*\)`)
	hitsHTMLRe  = regexp.MustCompile(`\(\s*["']#hits["']\s*\)\s*\.\s*(?:html|text)\(\s*["']?\s*([^"')]*?)\s*["']?\s*\)`)
	anyHTMLRe   = regexp.MustCompile(`\.\s*(?:html|text)\(\s*["']?\s*([^"')]*?)\s*["']?\s*\)`)
	tagRe       = regexp.MustCompile(`<[^>]*>`)
	jsonCountRe = regexp.MustCompile(`"(?:viewnum|views|viewcount|hits|count)"\s*:\s*"?(\d+)`)
)

// ParseCounter parses the answer of the counter script of the CMS named
// kind, in the forms its cms.Counter lists: document.write('456');
// (DedeCMS, EmpireCMS), $('#hits').html('456'); (PHPCMS), the
// misc.php?mod=userstatus JSON of Discuz ({"viewnum":"456"…}) or a bare
// number (VSB); a bare number is accepted from any. Unknown kinds are
// refused.
func ParseCounter(kind string, body []byte) (*int64, error) {
	c := cms.ByName(kind)
	if c == nil || c.Counter == nil {
		return nil, fmt.Errorf("parse %q counter: unknown kind", kind)
	}
	s := strings.TrimSpace(strings.TrimPrefix(string(body), "\ufeff"))
	var n int64
	var ok bool
	for _, a := range c.Counter.Answer {
		if n, ok = parseAnswer(a, s); ok {
			break
		}
	}
	if !ok {
		// Some sites wrap the number differently; a bare number is still
		// unambiguous.
		if n, ok = bareCount(s); !ok {
			return nil, fmt.Errorf("parse %s counter answer %q: %w", kind, truncateRunes(s, 60), ErrNoCount)
		}
	}
	return &n, nil
}

// parseAnswer reads a counter's answer in one form.
func parseAnswer(a cms.Answer, s string) (int64, bool) {
	switch a {
	case cms.DocumentWrite:
		return firstCount(s, docWriteRe)
	case cms.HitsHTML:
		return firstCount(s, hitsHTMLRe)
	case cms.ElementHTML:
		return firstCount(s, anyHTMLRe)
	case cms.JSON:
		return jsonCount(s)
	case cms.Bare:
		return bareCount(s)
	}
	return 0, false
}

func firstCount(s string, re *regexp.Regexp) (int64, bool) {
	for _, m := range re.FindAllStringSubmatch(s, -1) {
		// document.write may carry markup around the number.
		v := tagRe.ReplaceAllString(m[1], "")
		if n, ok := ParseCount(v); ok {
			return n, true
		}
	}
	return 0, false
}

// jsonCount reads the count of a JSON answer: {"viewnum":"456", …}.
func jsonCount(s string) (int64, bool) {
	var obj map[string]any
	if err := json.Unmarshal([]byte(s), &obj); err == nil {
		for _, k := range []string{"viewnum", "views", "viewcount"} {
			switch v := obj[k].(type) {
			case string:
				if n, ok := ParseCount(v); ok {
					return n, true
				}
			case float64:
				return int64(v), true
			}
		}
	}
	if m := jsonCountRe.FindStringSubmatch(s); m != nil {
		n, err := strconv.ParseInt(m[1], 10, 64)
		return n, err == nil
	}
	return 0, false
}

// bareCount parses s when it is nothing but a count.
func bareCount(s string) (int64, bool) {
	f := trimSpace(fold(s))
	m := countRe.FindStringIndex(f)
	if m == nil || trimSpace(f[m[1]:]) != "" {
		return 0, false
	}
	return ParseCount(f)
}

// asciiLower lower-cases ASCII letters only, keeping every byte offset.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
