package extract

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/wenming-archive/wenming/internal/cms"
)

// Counter is a view count that the page loads by script. The crawler fetches
// URL (if robots.txt allows it) and passes the answer to ParseCounter.
type Counter struct {
	URL  string // absolute URL of the counter script or endpoint
	Kind string // the CMS whose script it is (cms.CMS.Name): "discuz", "dedecms", "phpcms", "empirecms" or "vsb"; KindLabelled for a script found by its label
	// Pick is the value of a JSON answer that holds the count, as the
	// page's own script reads it into the labelled element (counterfill.go):
	// an array's index ("0" for d[0]) or an object's member ("views" for
	// d.views). Empty: the answer is read in the forms of Kind.
	Pick string `json:",omitempty"`
}

// Parse reads the count of the counter's answer: the value Pick names, or
// without one, the answer in the forms of its Kind (ParseCounter).
func (c *Counter) Parse(body []byte) (*int64, error) {
	if c.Pick != "" {
		return pickCount(body, c.Pick)
	}
	return ParseCounter(c.Kind, body)
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
			return &Counter{URL: absRef(base, ref), Kind: c.Name, Pick: c.Counter.Pick}
		}
	}
	first := -1
	for _, l := range viewLabelHeads {
		if i := rx.index(l); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	for _, l := range viewIconLeads {
		// An icon's word stands in its tag's class: from the tag's start.
		if i := iconClassTag(raw, rx.index(l), l); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	if first < 0 {
		return nil // no view label or icon: no script stands after one
	}
	if ref := labelledCounter(rx); ref != "" {
		return &Counter{URL: absRef(base, ref), Kind: KindLabelled}
	}
	if ref, pick := filledCounter(rx); ref != "" {
		return &Counter{URL: absRef(base, ref), Kind: KindLabelled, Pick: pick}
	}
	if ref := askedCounter(rx); ref != "" {
		return &Counter{URL: absRef(base, ref), Kind: KindLabelled}
	}
	if ref := calledCounter(rx); ref != "" {
		return &Counter{URL: absRef(base, ref), Kind: KindLabelled}
	}
	if ref := labelledFrame(rx); ref != "" {
		return &Counter{URL: absRef(base, ref), Kind: KindLabelled}
	}
	return nil
}

// labelledFrame returns the src of the first <iframe> a view-count label
// stands right before (访问次数：<iframe src="/count.aspx?id=12"
// width="60" height="16" frameborder="0"></iframe>, as older ASP and
// ASP.NET sites show a count: the frame's page is the number), or "".
func labelledFrame(rx rawIndex) (src string) {
	raw := rx.src
	eachNear(raw, rx.countMarks, labelReach, "<iframe", func(i int) bool {
		end := strings.IndexByte(raw[i:], '>')
		if end < 0 {
			return false
		}
		if !viewLabelBefore(raw[max(0, i-labelReach):i]) {
			return true
		}
		src = attrValue(raw[i:i+end+1], "src")
		return src == ""
	})
	return src
}

// askedCounter returns the URL a page's own script asks for the count it
// writes, whole, into the element right after a view label — 浏览次数：<span
// id="hits"></span> filled by <script>$.get("/ajax/hits.ashx?id=12",
// function(n){ $("#hits").html(n); })</script>, as bespoke ASP.NET and
// jQuery templates do — or "". The element must be empty (or hold a
// placeholder count) and have an id; the URL is the script's last string
// literal with a query or a server-script extension before the script
// names that id, within the same script and maxFillGap bytes, or the
// literal a .load( right after the id asks for. A hostile page costs a
// few passes over it: at most maxFilled labelled elements are looked at,
// each with at most maxFilled mentions of its id in each form. Only the
// tags within labelReach after a view label or icon are read.
func askedCounter(rx rawIndex) (ref string) {
	raw := rx.src
	looked := 0 // labelled elements looked at: at most maxFilled
	eachNear(raw, rx.countMarks, labelReach, "<", func(i int) bool {
		end := strings.IndexByte(raw[i:], '>')
		if end < 0 || i+1 >= len(raw) || !isASCIILetter(raw[i+1]) {
			return true
		}
		tag := raw[i : i+end+1]
		id := attrValue(tag, "id")
		if id == "" || !viewLabelBefore(raw[max(0, i-labelReach):i]) {
			return true
		}
		if close := strings.Index(raw[i+end+1:], "</"); close < 0 || !placeholderCount(raw[i+end+1:i+end+1+close]) {
			return true
		}
		looked++
		ref = scriptFilling(raw, id)
		return ref == "" && looked < maxFilled
	})
	return ref
}

// labelReach is how far before a tag viewLabelBefore looks for the view
// label (or icon) the tag stands after.
const labelReach = 120

// eachNear calls fn with each offset of lit in raw that starts after a
// mark of marks (increasing offsets) and at most reach bytes after it, in
// increasing order, until fn returns false. The rules that look for what
// stands right after a view label read only those few places of a page,
// not every tag of it.
func eachNear(raw string, marks []int32, reach int, lit string, fn func(i int) bool) {
	done := 0 // the offsets before done are read
	for _, m := range marks {
		from, end := max(done, int(m)+1), min(len(raw), int(m)+reach+len(lit))
		for from < end {
			k := strings.Index(raw[from:end], lit)
			if k < 0 {
				break
			}
			if !fn(from + k) {
				return
			}
			from += k + 1
		}
		done = max(done, int(m)+reach+1)
	}
}

// maxFillGap bounds how far before a script's mention of the count's
// element the URL it asks may stand.
const maxFillGap = 300

// fillURLRe matches a string literal that names a server script: a
// query, or an extension of one.
var fillURLRe = regexp.MustCompile(`["']((?:https?://[^"'\s<>]+|[\w./-]*)(?:\.(?:ashx|aspx|asp|php|jsp|do|action)(?:\?[^"'\s<>]*)?|\?[^"'\s<>]*))["']`)

// scriptFilling returns the URL an inline script of raw asks for what it
// writes into the element of the id, or "".
func scriptFilling(raw, id string) string {
	for _, mention := range []string{`"#` + id + `"`, `'#` + id + `'`, `getElementById("` + id + `")`, `getElementById('` + id + `')`} {
		for off, seen := 0, 0; off < len(raw) && seen < maxFilled; seen++ {
			k := strings.Index(raw[off:], mention)
			if k < 0 {
				break
			}
			k += off
			off = k + len(mention)
			open := strings.LastIndex(raw[:k], "<script")
			if open < 0 || strings.Contains(raw[open:k], "</script") {
				continue // not in a script
			}
			after := raw[off:min(len(raw), off+80)]
			if rest, ok := strings.CutPrefix(strings.TrimLeft(after, ") \t"), ".load("); ok {
				if m := fillURLRe.FindStringSubmatch(rest); m != nil && strings.Index(rest, m[0]) == 0 {
					return m[1]
				}
			}
			from := max(open, k-maxFillGap)
			if ms := fillURLRe.FindAllStringSubmatchIndex(raw[from:k], -1); len(ms) > 0 {
				m := ms[len(ms)-1]
				return completeRef(raw, open, from+m[1], raw[from+m[2]:from+m[3]])
			}
		}
	}
	return ""
}

// placeholderCount reports whether s, an element's text as the page
// writes it, is what a count's element holds before its script fills
// it: nothing, or a count of 0.
func placeholderCount(s string) bool {
	s = strings.TrimSpace(strings.ReplaceAll(s, "&nbsp;", ""))
	return s == "" || s == "0"
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// viewLabelHeads are the first two characters of the view labels
// (viewLabels), each once: a page without any of them has no labelled
// counter.
var viewLabelHeads = func() []string {
	var heads []string
	for _, l := range viewLabels {
		if h := string([]rune(l)[:2]); !slices.Contains(heads, h) {
			heads = append(heads, h)
		}
	}
	return heads
}()

// KindLabelled is the kind of a counter script no CMS rule knows, found by
// where it stands: right after a view-count label (浏览次数：<script
// src="/count.asp?id=12"></script>), where the number it writes shows.
const KindLabelled = "labelled"

// labelledAnswers are the answers accepted from a KindLabelled script.
var labelledAnswers = []cms.Answer{cms.DocumentWrite, cms.ElementHTML, cms.JSON, cms.Bare}

// labelledCounter returns the src of the first <script src> that a
// view-count label stands right before — the label, a colon, white space,
// at most two opening tags (a <span id="hits"> around the script) — or "".
func labelledCounter(rx rawIndex) (src string) {
	raw := rx.src
	eachScriptNear(rx, labelReach, func(tag, code int) bool {
		if !viewLabelBefore(raw[max(0, tag-labelReach):tag]) {
			return true
		}
		if s := attrValue(raw[tag:code-1], "src"); s != "" && !countAfterScript(raw[code:]) {
			src = s
			return false
		}
		return true
	})
	return src
}

// eachScriptNear calls fn with the start of each <script tag of the page
// at most reach bytes after a view label or icon (rx.countMarks) and the
// offset right after the tag's '>', in order, until fn returns false or a
// tag is left unclosed.
func eachScriptNear(rx rawIndex, reach int, fn func(tag, code int) bool) {
	eachNear(rx.src, rx.countMarks, reach, "<script", func(i int) bool {
		end := strings.IndexByte(rx.src[i+len("<script"):], '>')
		return end >= 0 && fn(i, i+len("<script")+end+1)
	})
}

// countAfterScript reports whether the page prints a count right after
// the script whose rest is s (浏览：<script src='/?p=/Do/visits/id/12'
// async='async'></script>1017次, as PbootCMS writes {content:visits}):
// the count is on the page, and the script logs the visit; it writes no
// count, and asking it only adds a visit.
func countAfterScript(s string) bool {
	end := strings.Index(s, "</script>")
	if end < 0 || strings.TrimSpace(s[:end]) != "" {
		return false // an inline script, or none closed
	}
	_, ok := ParseCount(s[end+len("</script>") : min(len(s), end+len("</script>")+24)])
	return ok
}

// viewLabelBefore reports whether s ends with a view-count label, then a colon
// and white space, then at most two opening tags — or with a view icon
// (viewIconBefore) instead of the label and colon.
func viewLabelBefore(s string) bool {
	for tags := 0; ; tags++ {
		s = strings.TrimRight(s, " \t\r\n")
		if !strings.HasSuffix(s, ">") || tags == 2 {
			break
		}
		lt := strings.LastIndexByte(s, '<')
		if lt < 0 {
			return false
		}
		if strings.HasPrefix(s[lt:], "</") {
			return viewIconBefore(s)
		}
		s = s[:lt]
	}
	s = strings.TrimRight(s, " \t\r\n")
	s = strings.TrimSuffix(strings.TrimSuffix(s, "："), ":")
	s = strings.TrimRight(s, " \t\r\n")
	for _, l := range viewLabels {
		if strings.HasSuffix(s, l) {
			return true
		}
	}
	return false
}

// attrValue returns the value of the attribute name (lower case) in the
// start tag tag (as the page writes it: quoted or not), or "". It looks
// only before each '=' of the tag: most tags have no attribute asked for,
// and a tag has a few '=' (one an attribute) but dozens of bytes.
func attrValue(tag, name string) string {
	for from := 0; ; {
		at := strings.IndexByte(tag[from:], '=')
		if at < 0 {
			return ""
		}
		eq := from + at
		from = eq + 1
		i := eq
		for i > 0 && isASCIISpace(tag[i-1]) {
			i--
		}
		i -= len(name)
		if i < 1 || !isASCIISpace(tag[i-1]) || !hasPrefixASCIIFold(tag[i:], name) {
			continue
		}
		return valueAfterEquals(tag, eq+1)
	}
}

// valueAfterEquals returns the attribute value of tag that starts at j,
// just past its '=': quoted (trimmed), or unquoted up to white space or
// the tag's end; "" when the tag ends first.
func valueAfterEquals(tag string, j int) string {
	for j < len(tag) && isASCIISpace(tag[j]) {
		j++
	}
	if j >= len(tag) {
		return ""
	}
	if q := tag[j]; q == '"' || q == '\'' {
		k := strings.IndexByte(tag[j+1:], q)
		if k < 0 {
			return ""
		}
		return strings.TrimSpace(tag[j+1 : j+1+k])
	}
	k := j
	for k < len(tag) && !isASCIISpace(tag[k]) && tag[k] != '>' {
		k++
	}
	return tag[j:k]
}

// hasPrefixASCIIFold reports whether s (a string or bytes) begins with
// prefix (lower case), ASCII letters of s matched in either case.
func hasPrefixASCIIFold[T string | []byte](s T, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if lowerASCII(s[i]) != prefix[i] {
			return false
		}
	}
	return true
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
	docWriteRe = regexp.MustCompile(`document\.write(?:ln)?\(\s*["']?\s*([^"')]*?)\s*["']?\s*\)`)
	hitsHTMLRe = regexp.MustCompile(`\(\s*["']#hits["']\s*\)\s*\.\s*(?:html|text)\(\s*["']?\s*([^"')]*?)\s*["']?\s*\)`)
	anyHTMLRe  = regexp.MustCompile(`\.\s*(?:html|text)\(\s*["']?\s*([^"')]*?)\s*["']?\s*\)`)
	// An element's content set as a DOM property, as scripts without
	// jQuery write it: document.getElementById("hits").innerHTML = "456";
	assignHTMLRe = regexp.MustCompile(`\.\s*(?:innerHTML|innerText|textContent)\s*=\s*["']?\s*([^"';\n]*?)\s*["']?\s*(?:;|\n|$)`)
	tagRe        = regexp.MustCompile(`<[^>]*>`)
	jsonCountRe  = regexp.MustCompile(`"(?:viewnum|views|viewcount|hits|count)"\s*:\s*"?(\d+)`)
)

// ParseCounter parses the answer of the counter script of the CMS named
// kind, in the forms its cms.Counter lists: document.write('456');
// (DedeCMS, EmpireCMS), $('#hits').html('456'); (PHPCMS; any element's
// .html('456'), or its .innerHTML = '456' set without jQuery), the
// misc.php?mod=userstatus JSON of Discuz ({"viewnum":"456"…}) or a bare
// number (VSB); a bare number is accepted from any. A CMS whose counter
// has a Pick (JEECMS's [views,comments,…]) is read at that value alone.
// Unknown kinds are refused.
func ParseCounter(kind string, body []byte) (*int64, error) {
	answers := labelledAnswers
	if kind != KindLabelled {
		c := cms.ByName(kind)
		if c == nil || c.Counter == nil {
			return nil, fmt.Errorf("parse %q counter: unknown kind", kind)
		}
		if c.Counter.Pick != "" {
			return pickCount(body, c.Counter.Pick)
		}
		answers = c.Counter.Answer
	}
	s := strings.TrimSpace(strings.TrimPrefix(string(body), "\ufeff"))
	var n int64
	var ok bool
	for _, a := range answers {
		if n, ok = parseAnswer(a, s); ok {
			break
		}
	}
	if !ok {
		// Some sites wrap the number differently; a bare number is still
		// unambiguous, also as the whole text of a page (a counter shown
		// in a frame: <html><body>1234</body></html>).
		if n, ok = bareCount(s); !ok && kind == KindLabelled && strings.HasPrefix(s, "<") {
			t := strings.TrimSpace(framedText(s))
			n, ok = bareCount(strings.TrimSuffix(strings.TrimSuffix(t, "人次"), "次"))
		}
		if !ok {
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
		if n, ok := firstCount(s, anyHTMLRe); ok {
			return n, true
		}
		return firstCount(s, assignHTMLRe)
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

// lowerASCII is b lower-cased when it is an ASCII capital letter.
func lowerASCII(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
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

// scriptFilledZero reports whether the count a page prints right after a
// view label is a placeholder its script fills, not a count: an element
// holding 0 or nothing that carries a data- attribute for the script to
// read (浏览次数：<span class="hits" data-id="4209">0</span>, the counters
// of templates whose script selects the elements by class and asks the
// server with each one's data-id). Where no counter URL is found for it,
// the count is unknown, not 0. At most maxFilled labelled elements are
// looked at, within labelReach after a view label or icon.
func scriptFilledZero(rx rawIndex) (filled bool) {
	raw := rx.src
	looked := 0
	eachNear(raw, rx.countMarks, labelReach, "<", func(i int) bool {
		end := strings.IndexByte(raw[i:], '>')
		if end < 0 || i+1 >= len(raw) || !isASCIILetter(raw[i+1]) {
			return true
		}
		tag := raw[i : i+end+1]
		if !strings.Contains(strings.ToLower(tag), " data-") || !viewLabelBefore(raw[max(0, i-labelReach):i]) {
			return true
		}
		looked++
		close := strings.Index(raw[i+end+1:], "</")
		filled = close >= 0 && placeholderCount(raw[i+end+1:i+end+1+close])
		return !filled && looked < maxFilled
	})
	return filled
}

// framedText is the text a counter's page shows: its markup, scripts and
// styles left out, &nbsp; as a space.
func framedText(s string) string {
	lower := func(s string) string { // byte for byte: the offsets hold
		b := []byte(s)
		for i, c := range b {
			b[i] = lowerASCII(c)
		}
		return string(b)
	}
	for _, el := range []string{"script", "style", "title"} {
		for {
			i := strings.Index(lower(s), "<"+el)
			if i < 0 {
				break
			}
			j := strings.Index(lower(s[i:]), "</"+el+">")
			if j < 0 {
				s = s[:i]
				break
			}
			s = s[:i] + s[i+j+len("</"+el+">"):]
		}
	}
	return strings.ReplaceAll(tagRe.ReplaceAllString(s, " "), "&nbsp;", " ")
}
