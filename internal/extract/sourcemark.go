package extract

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// sourceWords are class/id words of an element that holds the source's
// name with no label before it, as portals set it on the info line
// beside the time (<span class="date">…</span><a class="source">新京报</a>;
// <span class="src">新华社</span>, its short form).
var sourceWords = newWordSet(map[string]bool{"source": true, "src": true, "laiyuan": true})

// sourceElement returns the source an element classed as one names
// between the title and the body: its text, cleaned as a source, when it
// is short and holds no date (a "date-source" wrapper holds both; the
// element for the source is inside it) and no field label but the
// source's own, and is not the site's own name.
func (p *page) sourceElement(title, body *html.Node) string {
	if title == nil || body == nil {
		return ""
	}
	lo, hi := p.lastOf(title), p.order.of(body)
	for o, n := range p.elements() {
		if o <= lo {
			continue
		}
		if o >= hi {
			break
		}
		if !p.hasWordAt(o, sourceWords) || p.hasWordAt(o, authorWords) {
			continue
		}
		v := sourceValue(textOfN(n, 200))
		if v == "" || !runesAtMost(v, 30) || hasAnyLabel(fold(v)) {
			continue
		}
		if _, _, _, ok := findDate(fold(v)); ok {
			continue
		}
		if v == p.siteName {
			// The site naming itself over a story it reposts: the
			// source a label names after the text is the story's.
			continue
		}
		return v
	}
	return ""
}

// metaSourceName returns v, the content of a <meta name="source">, when
// it names a source: a short name, not an address (a URL or a path).
func metaSourceName(v string) string {
	v = trimSpace(v)
	if !runesAtMost(v, 30) || strings.ContainsAny(v, "/.:") {
		return ""
	}
	return v
}

// sourceVerbLabels are labels of the source written as a verb, a space
// and no colon before the name standing for one (2024年05月20日 19:45
// 来源于 江城日报), or a colon after the verb (来源于：江城日报).
var sourceVerbLabels = []string{"来源于", "转载于", "來源於", "轉載於"}

// sourceVerbValue returns the source that such a label names on the
// info line, and the label; its value ends as a labelled one does.
func sourceVerbValue(info string) (string, string) {
	if !strings.Contains(info, "于") && !strings.Contains(info, "於") {
		return "", "" // the verb's last character: most info lines hold none
	}
	for _, l := range sourceVerbLabels {
		i := strings.Index(info, l)
		if i < 0 {
			continue
		}
		if r, _ := utf8.DecodeLastRuneInString(info[:i]); i > 0 && isHan(r) {
			continue // inside a sentence's word
		}
		rest := info[i+len(l):]
		if r, _ := utf8.DecodeRuneInString(rest); !isSpace(r) && r != ':' && r != '：' {
			continue
		}
		if v, _ := labelValueScan("来源:"+strings.TrimLeft(rest, " \u3000\u00a0:："), sourceVerbBase); v != "" {
			return v, l
		}
	}
	return "", ""
}

// sourceVerbBase is the label sourceVerbValue reads a value after.
var sourceVerbBase = []string{"来源"}

// outletBeforeDate returns the outlet an info line names with no label
// before the time, a bar between them, as portals' news templates set
// it (江城日报 | 2024年05月20日 11:22), or nothing but a space or the end
// of its own element (<span>江城日报</span><span>2024-05-20</span>): a
// short name of Han characters or letters that ends as an outlet's does
// (a writer's name stands so on a blog: 小李 | 2024-05-20), not the
// site's own name (the site over a story of its own).
func (p *page) outletBeforeDate(info string) string {
	bar := -1
	for _, b := range barForms {
		if i := strings.Index(info, b); i > 0 && (bar < 0 || i < bar) {
			bar = i
		}
	}
	if bar <= 0 {
		return p.outletOpeningDate(info)
	}
	name := trimSpace(info[:bar])
	if !runesAtMost(name, 20) || !outletName(name) || countHan(name) < 2 || name == p.siteName {
		return ""
	}
	for _, r := range name {
		if !isHan(r) && r != ' ' && r != '·' && !(r < utf8.RuneSelf && isASCIILetter(byte(r))) {
			return ""
		}
	}
	_, size := utf8.DecodeRuneInString(info[bar:])
	if _, _, at, ok := findDate(fold(trimSpace(truncateRunes(info[bar+size:], 40)))); !ok || at != 0 {
		return ""
	}
	if hasAnyLabel(fold(name)) {
		return ""
	}
	return sourceValue(name)
}

// outletOpeningDate returns the outlet whose name opens the info line
// right before its date, with no bar between them (江城日报 2024-05-20
// 11:22, 江城日报2024-05-20, 巨鹿发布　2024-06-20 09:12), as
// outletBeforeDate reads one. The line is read folded (an ideographic
// space, full-width digits): the name, Han characters and ·, folds to
// itself.
func (p *page) outletOpeningDate(info string) string {
	line, _, _ := strings.Cut(truncateRunes(info, 60), "\n")
	line = fold(line)
	_, _, at, ok := findDate(line)
	if !ok || at == 0 {
		return ""
	}
	name := trimSpace(line[:at])
	if !runesAtMost(name, 20) || !outletName(name) || countHan(name) < 2 || name == p.siteName || hasAnyLabel(fold(name)) {
		return ""
	}
	for _, r := range name {
		if !isHan(r) && r != '·' {
			return ""
		}
	}
	return sourceValue(name)
}

// outletNameEnds end the names of outlets: a paper, an agency, a
// station, a site, a media centre and its app, a government account.
var outletNameEnds = []string{"报", "社", "台", "网", "中心", "融媒", "新闻", "发布", "客户端", "频道", "广播", "報", "網", "發布"}

// outletName reports whether s ends as an outlet's name does.
func outletName(s string) bool {
	for _, e := range outletNameEnds {
		if strings.HasSuffix(s, e) {
			return true
		}
	}
	return false
}
