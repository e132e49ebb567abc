package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Summaries. Article templates of the county CMSs print the article's
// description above the body: DedeCMS article_article.htm has
// <div class="intro">{dede:field.description/}</div> before div.content,
// PHPCMS v9 show.html <div class="summary">{$description}</div> before
// #Article .content, others a 摘要/内容提要 box. The description is page
// furniture: an editor's abstract, or (when left empty) the CMS's cut of
// the body's first 200 characters, often ending in "...". The body is the
// content container after it.

// summaryWords are class/id words of a summary block.
var summaryWords = newWordSet(map[string]bool{
	"summary": true, "description": true, "desc": true, "intro": true, "abstract": true,
	"digest": true, "zhaiyao": true, "tiyao": true, "daodu": true,
})

// leadWords are class/id words of an article's lead paragraph (its
// standfirst), which news templates set apart from the body.
var leadWords = newWordSet(map[string]bool{"lead": true, "lede": true, "standfirst": true, "dek": true})

// leadBlock returns the article's lead paragraph when the template sets it
// between the title and the body, apart from the body's container (with
// the picture or the date line between): the first block there whose
// class or id says lead, holding a sentence, no links and no picture,
// outside page furniture, unless it is a summary the body repeats.
func (p *page) leadBlock(title *html.Node, parts []*html.Node) *html.Node {
	if title == nil || len(parts) == 0 {
		return nil
	}
	start, ok := p.order.lookup(parts[0])
	if !ok {
		return nil
	}
	for o := p.lastOf(title) + 1; o < start; o++ {
		n := p.all[o]
		if n.Type != html.ElementNode || !p.hasWordAt(o, leadWords) {
			continue
		}
		if p.lastAt(o) >= start || p.under[o]&underChrome != 0 {
			return nil // holds the body, or furniture
		}
		s := p.stats[o] // a dek in the page's header block is not counted
		if s.text < 30 || s.punct < 1 || s.link*10 > s.text || p.holdsMedia(o) || p.isSummaryBlock(n, parts[0]) {
			return nil // a lead picture or video ("image__lede") with its caption
		}
		return n
	}
	return nil
}

// holdsMedia reports whether the element at document order o holds a
// picture, a video or an embedded frame.
func (p *page) holdsMedia(o int) bool {
	for d := o + 1; d <= p.lastAt(o); d++ {
		switch p.all[d].DataAtom {
		case atom.Img, atom.Picture, atom.Video, atom.Iframe, atom.Figure:
			return true
		}
	}
	return false
}

// summaryLabelRe opens a summary box: "摘要：…", "【内容提要】…".
var summaryLabelRe = regexp.MustCompile(`^[【\[]?\s*(?:内容摘要|文章摘要|摘要|内容提要|提要|内容简介|导读)\s*[】\]]?\s*[:：】\]]`)

// isSummaryBlock reports whether c, an element before the body container
// top, is the article's summary box: short, with a 摘要 label, or with
// summary words in its class/id and a text that repeats the body's start.
func (p *page) isSummaryBlock(c, top *html.Node) bool {
	if p.order.of(c) > p.order.of(top) {
		return false
	}
	t := trimSpace(textOfN(c, 2048))
	if t == "" || runeLen(t) > 600 {
		return false
	}
	if summaryLabelRe.MatchString(t) {
		return true
	}
	if !p.hasWord(c, summaryWords) {
		return false
	}
	// A block called intro or summary is the template's description when
	// it repeats the start of the body (whole or cut); otherwise it is the
	// article's lead paragraph, which news templates set apart.
	head := []rune(squeeze(trimEllipsis(t)))
	if len(head) > 20 {
		head = head[:20]
	}
	return strings.Contains(squeeze(textOfN(top, 4096)), string(head))
}

// trimEllipsis drops the ellipsis that ends a cut-off description: two
// or more full stops, one or more "…", three or more "。".
func trimEllipsis(s string) string {
	for _, e := range []struct {
		mark string
		min  int
	}{{"…", 1}, {".", 2}, {"。", 3}} {
		t := strings.TrimRight(s, e.mark)
		if t != s {
			if (len(s)-len(t))/len(e.mark) >= e.min {
				return t
			}
			return s
		}
	}
	return s
}

// squeeze drops white space, so that a description (one run of text) can
// be compared with the paragraphs it was cut from.
func squeeze(s string) string {
	if !hasSpaceOrInvalid(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, s)
}

// hasSpaceOrInvalid reports whether s holds white space (see isSpace) or
// an invalid byte, which strings.Map turns into U+FFFD.
func hasSpaceOrInvalid(s string) bool {
	if !utf8.ValidString(s) {
		return true
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < utf8.RuneSelf:
			if isSpace(rune(c)) {
				return true
			}
		case c == 0xc2 || c == 0xe1 || c == 0xe2 || c == 0xe3 || c == 0xef:
			// The lead bytes of the white space above ASCII.
			if r, _ := utf8.DecodeRuneInString(s[i:]); isSpace(r) {
				return true
			}
		}
	}
	return false
}

// dropLeadSummary drops, among the first lines of the body, a line that
// repeats the start of the text after it: the description a template
// prints above the content (whole, or cut and ended by "..."). Only a line
// of some length counts, so a short heading that the first paragraph
// happens to open with stays.
func dropLeadSummary(ls []bodyLine) []bodyLine {
	for i := 0; i < len(ls)-1 && i < 4; i++ {
		s := squeeze(trimEllipsis(trimSpace(ls[i].text)))
		n := runeLen(s)
		if n < 20 || ls[i].link*2 > ls[i].vis {
			continue
		}
		if n > maxNearPrefixRunes {
			// nearPrefix reads no line this long: the text after it
			// counts only if it opens with the whole line, which a
			// comparison rune by rune settles at the first difference.
			if squeezedOpensWith(ls[i+1:], s) {
				return append(append([]bodyLine{}, ls[:i]...), ls[i+1:]...)
			}
			continue
		}
		// The text after the line, squeezed, as far as the tests below
		// read it: whole lines until it is 64 bytes longer than the line,
		// cut inside a line once it also holds the runes nearPrefix reads
		// (squeezing a long paragraph whole cost 1% of extraction).
		var rest strings.Builder
		runes := 0
	lines:
		for _, l := range ls[i+1:] {
			for _, c := range l.text {
				if isSpace(c) {
					continue
				}
				rest.WriteRune(c)
				if runes++; rest.Len() > len(s)+64 && runes >= n+n/5 {
					break lines
				}
			}
			if rest.Len() > len(s)+64 {
				break
			}
		}
		r := rest.String()
		if strings.HasPrefix(r, s) || nearPrefix(s, r) {
			return append(append([]bodyLine{}, ls[:i]...), ls[i+1:]...)
		}
	}
	return ls
}

// squeezedOpensWith reports whether the text of ls, its white space left
// out (as squeeze leaves it, each invalid byte read as U+FFFD), opens
// with s.
func squeezedOpensWith(ls []bodyLine, s string) bool {
	var buf [utf8.UTFMax]byte
	at := 0
	for _, l := range ls {
		for _, c := range l.text {
			if isSpace(c) {
				continue
			}
			e := buf[:utf8.EncodeRune(buf[:], c)]
			if len(s)-at < len(e) || s[at:at+len(e)] != string(e) {
				return false
			}
			if at += len(e); at == len(s) {
				return true
			}
		}
	}
	return at == len(s)
}

// maxNearPrefixRunes is the longest line nearPrefix compares.
const maxNearPrefixRunes = 300

// nearPrefix reports whether s is nearly the start of r: an editor's
// description that trims a word or two of the first paragraph.
func nearPrefix(s, r string) bool {
	n := runeLen(s)
	if n > maxNearPrefixRunes || runeLen(r) < n*9/10 {
		return false
	}
	head := headRunes(r, n+n/5)
	// A common substring of k runes or more holds one of exactly k
	// runes: look for each of s's k-rune windows in head, instead of
	// the quadratic table of lcs.
	k := n * 9 / 10
	if k == 0 {
		return true
	}
	starts := make([]int, 0, n+1) // byte offset of each rune of s, and the end
	for i := range s {
		starts = append(starts, i)
	}
	starts = append(starts, len(s))
	// Every window holds the runes n-k to k of s, which most texts that
	// are no summary of r do not: one search settles those.
	if n-k < k && !strings.Contains(head, s[starts[n-k]:starts[k]]) {
		return false
	}
	for i := 0; i+k <= n; i++ {
		if strings.Contains(head, s[starts[i]:starts[i+k]]) {
			return true
		}
	}
	return false
}

// headRunes returns the first n runes of s.
func headRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}
