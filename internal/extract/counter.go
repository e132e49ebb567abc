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
)

// Counter is a view count that the page loads by script. The crawler fetches
// URL (if robots.txt allows it) and passes the answer to ParseCounter.
type Counter struct {
	URL  string // absolute URL of the counter script or endpoint
	Kind string // "discuz", "dedecms", "phpcms", "empirecms" or "vsb"
}

// Counter kinds.
const (
	KindDiscuz    = "discuz"
	KindDedeCMS   = "dedecms"
	KindPHPCMS    = "phpcms"
	KindEmpireCMS = "empirecms"
	KindVSB       = "vsb"
)

// ErrNoCount is returned by ParseCounter when the answer holds no count.
var ErrNoCount = errors.New("no view count in counter answer")

var (
	dedeCountRe   = regexp.MustCompile(`(?i)[^"'\s<>()]*/plus/count\.php\?[^"'\s<>]*`)
	phpcmsCountRe = regexp.MustCompile(`(?i)[^"'\s<>()]*api\.php\?op=count[^"'\s<>]*`)
	empireCountRe = regexp.MustCompile(`(?i)[^"'\s<>()]*/e/public/ViewClick/?\?[^"'\s<>]*`)
	discuzUserRe  = regexp.MustCompile(`(?i)misc\.php\?mod=userstatus[^"'\s<>]*?typeid=(\d+)`)
	discuzDynRe   = regexp.MustCompile(`DYNAMICURL\s*=\s*['"][^'"]*mod=view[^'"]*aid=(\d+)`)
	vsbClicksRe   = regexp.MustCompile(`_showDynClicks?\(\s*["'](\w+)["']\s*,\s*(\d+)\s*,\s*(\d+)\s*\)`)
)

// findCounter looks in the raw page for a view-count script of a known CMS
// and returns it with an absolute URL resolved against base.
func findCounter(rx rawIndex, base *url.URL) *Counter {
	raw := rx.src
	abs := func(ref string) string {
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
	// The patterns start with an unanchored class, which makes a scan of a
	// whole page slow; look for each literal first and match near it.
	near := func(lit string) string {
		i := rx.indexFold(lit)
		if i < 0 {
			return ""
		}
		return raw[max(0, i-512):min(len(raw), i+len(lit)+512)]
	}
	if m := empireCountRe.FindString(near("/e/public/viewclick")); m != "" {
		return &Counter{URL: abs(m), Kind: KindEmpireCMS}
	}
	if m := dedeCountRe.FindString(near("/plus/count.php?")); m != "" {
		return &Counter{URL: abs(m), Kind: KindDedeCMS}
	}
	if m := phpcmsCountRe.FindString(near("api.php?op=count")); m != "" {
		return &Counter{URL: abs(m), Kind: KindPHPCMS}
	}
	if m := vsbClicksRe.FindStringSubmatch(near("_showdynclick")); m != nil {
		ref := fmt.Sprintf("/system/resource/code/news/click/dynclicks.jsp?clickid=%s&owner=%s&clicktype=%s", m[3], m[2], m[1])
		return &Counter{URL: abs(ref), Kind: KindVSB}
	}
	// Discuz static publishing: the page names its dynamic URL and a common
	// script asks misc.php for the live count.
	id := ""
	if m := discuzUserRe.FindStringSubmatch(near("misc.php?mod=userstatus")); m != nil {
		id = m[1]
	} else if m := discuzDynRe.FindStringSubmatch(near("dynamicurl")); m != nil {
		id = m[1]
	}
	if id != "" {
		return &Counter{URL: abs("misc.php?mod=userstatus&type=article&typeid=" + id), Kind: KindDiscuz}
	}
	return nil
}

var (
	docWriteRe  = regexp.MustCompile(`document\.write(?:ln)?\(\s*["']?\s*([^"')]*?)\s*["']?\s*\)`)
	hitsHTMLRe  = regexp.MustCompile(`\(\s*["']#hits["']\s*\)\s*\.\s*(?:html|text)\(\s*["']?\s*([^"')]*?)\s*["']?\s*\)`)
	anyHTMLRe   = regexp.MustCompile(`\.\s*(?:html|text)\(\s*["']?\s*([^"')]*?)\s*["']?\s*\)`)
	tagRe       = regexp.MustCompile(`<[^>]*>`)
	jsonCountRe = regexp.MustCompile(`"(?:viewnum|views|viewcount|hits|count)"\s*:\s*"?(\d+)`)
)

// ParseCounter parses the answer of a counter script of the given kind:
// document.write('456'); (DedeCMS, EmpireCMS), $('#hits').html('456');
// (PHPCMS), the misc.php?mod=userstatus JSON of Discuz ({"viewnum":"456"…})
// or a bare number (VSB). Unknown kinds are refused.
func ParseCounter(kind string, body []byte) (*int64, error) {
	s := strings.TrimSpace(strings.TrimPrefix(string(body), "\ufeff"))
	var n int64
	var ok bool
	switch kind {
	case KindDedeCMS, KindEmpireCMS:
		n, ok = firstCount(s, docWriteRe)
	case KindPHPCMS:
		if n, ok = firstCount(s, hitsHTMLRe); !ok {
			n, ok = firstCount(s, anyHTMLRe)
		}
	case KindDiscuz:
		n, ok = discuzCount(s)
	case KindVSB:
		if n, ok = bareCount(s); !ok {
			n, ok = firstCount(s, docWriteRe)
		}
	default:
		return nil, fmt.Errorf("parse %q counter: unknown kind", kind)
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

func discuzCount(s string) (int64, bool) {
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
